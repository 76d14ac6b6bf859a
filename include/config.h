/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * config.h: the one configuration file, an INI file described by a table
 * of keys (section, key, type, bounds, default, help). The loader reads a
 * file or a string and reports every error as "file:line: ...".
 */
#ifndef QT_CONFIG_H
#define QT_CONFIG_H

#include <stdio.h>

struct error;

/* The units a delay is counted in (domain.md §2). */
enum rule_unit {
	UNIT_DAYS,
	UNIT_WEEKS,
	UNIT_MONTHS,		/* de quantième à quantième (art. 641 CPC) */
	UNIT_WORKING_DAYS	/* Monday to Friday, French holidays off */
};

/* A delay: 2 months, 10 days; amount 0 stands for none. */
struct rule_period {
	int		amount;
	enum rule_unit	unit;
};

/* What bounds a rule's validity: nothing, a [rules] setting, a date. */
enum rule_bound {
	BOUND_NONE,
	BOUND_AN_REFORM,	/* [rules] an_reform_date */
	BOUND_SENAT_REFORM,	/* [rules] senat_reform_date */
	BOUND_DATE
};

struct rule_limit {
	enum rule_bound	kind;
	int		date;		/* for BOUND_DATE */
};

/*
 * One rule (domain.md §2): the questions it covers (assembly, type,
 * publication dates), the period from the JO publication, an optional
 * extension on request, and the article that sets it. The built-in rules
 * are a table in rules.c; a rules file ([rules] file) replaces them with
 * its [rule ID] sections, whose strings the config owns.
 */
struct rule {
	char			*id;		/* "an-qe" */
	char			*assembly;	/* "AN", "SENAT" */
	char			*type;		/* "QE" */
	struct rule_limit	 from;		/* published on or after */
	struct rule_limit	 until;		/* published before */
	struct rule_period	 period;
	struct rule_period	 ext;		/* extension on request */
	char			*article;
	char			*label;		/* "two months", a msgid */
	int			 line;		/* in the rules file */
};

/* The longest rule id, and the size of a buffer that holds one. */
#define RULE_ID_MAX	31
#define RULE_ID_SIZE	(RULE_ID_MAX + 1)

/* Settings that change deadlines; from the [rules] config section. */
struct rules_settings {
	int		 an_reform;		/* 2014-11-28 by default */
	int		 senat_reform;		/* 2019-10-01 by default */
	int		 signal_days;		/* 10 */
	int		 weekend_rollover;	/* art. 642 CPC; off */
	int		 assume_extension;	/* pre-reform: the extension */
	int		 ministry_change_restarts;	/* off */
	/* An unanswered question of an assembly with session_lapse lapses
	 * at the first ordinary session opening more than this many years
	 * after its publication (Sénat, 1986 rule); 0: never. 2. */
	int		 senat_lapse_years;
	char		*file;		/* the rules file; NULL: built in */
	struct rule	*defs;		/* its rules, in order; first match */
	size_t		 ndefs;		/* 0: the built-in rules */
};

/* How feeds are written; from the [feed] config section. */
struct feed_settings {
	char	*uid_domain;	/* right-hand side of every UID */
	char	*base_url;	/* where the feeds are served, for links */
	int	 refresh_hours;	/* REFRESH-INTERVAL and X-PUBLISHED-TTL */
	int	 keep_days;	/* answered/closed questions stay this long */
	int	 alarm_days;	/* VALARM this many days before; 0: none */
};


/* One [source NAME] section: where and how to poll. */
struct source_conf {
	char	*name;
	char	*kind;		/* an-dump, an-amo, an-page */
	char	*url;		/* https://, http:// or file:// */
	int	 legislature;	/* 0: any */
	int	 max_mb;	/* byte cap of one download */
	int	 timeout;	/* seconds for a whole download */
	int	 connect_timeout;
	int	 retries;	/* after the first try */
	int	 interval;	/* seconds between polls (run) */
	int	 skip_bad;	/* apply the good entries past bad ones */
	int	 line;		/* where the section starts, for messages */
};

/* The [poll] section. */
struct poll_conf {
	char	*cache_dir;	/* downloads; NULL: beside the database */
	char	*ca_file;	/* extra CA bundle; NULL: the system's */
	int	 retry_delay_ms;
	int	 max_removed_percent;
	int	 max_lost_answers;
};

/* The [mail] section: how digests leave. */
struct mail_conf {
	char	*method;	/* smtp or sendmail */
	char	*smtp_url;	/* smtp://host:port or smtps://host:port */
	char	*from;
	char	*user;
	char	*password_file;	/* first line is the password */
	char	*sendmail;	/* path of sendmail(8) */
	int	 timeout;
};

/* One [digest NAME] section: who gets which questions, when. */
struct digest_conf {
	char	*name;
	char	*to;		/* addresses, separated by commas */
	char	*author;	/* filters, as on the command line */
	char	*group;
	char	*ministry;
	char	*day;		/* monday ... sunday */
	int	 hour;		/* 0-23, Europe/Paris */
	char	*intro;		/* a paragraph at the top, or NULL */
	int	 line;
};

/* The [run] section: what the scheduler daemon does. */
struct run_conf {
	char	*export_dir;	/* re-exported when data changed; NULL: no */
	int	 serve;		/* answer HTTP in the same process */
	char	*log;		/* stderr or syslog */
};

/* The [serve] section. */
struct serve_conf {
	char	*listen;	/* ADDR:PORT, [ADDR]:PORT for IPv6 */
	int	 threads;
	int	 max_connections;
	int	 per_ip_limit;	/* 0: none */
	int	 timeout;	/* seconds an idle connection is kept */
	int	 header_timeout;	/* seconds a request's head may take */
	int	 check_seconds;	/* how often data changes are looked for */
};

struct config {
	char			*path;		/* file read; NULL if built in */
	char			*database;	/* NULL: the XDG default */
	char			*lang;		/* fr, en or auto */
	char			*user;		/* serve and run as root: switch */
	int			 import_threads; /* 0: one per core */
	int			 import_max_growth_mb;
	int			 legislature;	/* 0: the one running today */
	char			*senat_sort_labels; /* "label=status, ..." */
	struct rules_settings	 rules;
	struct feed_settings	 feed;
	struct poll_conf	 poll;
	struct source_conf	*sources;
	size_t			 nsources;
	struct mail_conf	 mail;
	struct serve_conf	 serve;
	struct run_conf		 run;
	struct digest_conf	*digests;
	size_t			 ndigests;
};

/* Fills the built-in defaults. */
/*
 * The source kinds [source] kind = accepts, as the sources' table knows
 * them: config is below that table, so it is told rather than asking.
 * found says whether kind is one, and whether it fetches question pages
 * (its url is then optional); names writes them all for a message. Set
 * once at start, before any configuration is read (cli_main does); unset,
 * every kind is refused.
 */
struct config_kinds {
	int	(*found)(const char *kind, int *pages);
	void	(*names)(char *buf, size_t size);
};
void	config_set_kinds(const struct config_kinds *);

void	config_defaults(struct config *);
/* Releases what the config owns; NULL is fine. */
void	config_free(struct config *);
/*
 * Reads a file over the defaults. Returns 0, or -1 with every error in
 * err, one "file:line: message" a line (EXIT_CONFIG; EXIT_NOINPUT when
 * the file cannot be opened).
 */
int	config_load_file(struct config *, const char *path, struct error *);
/*
 * The same from a string; name stands for the file in messages. A
 * [rules] file is not read: only config_load_file follows it.
 */
int	config_load_string(struct config *, const char *text,
	    const char *name, struct error *);
/*
 * Reads a rules file (only [rule ID] sections) into rs->defs, replacing
 * the rules there. Returns 0, or -1 with every "file:line: message" in err
 * (EXIT_CONFIG).
 */
int	config_load_rules_file(struct rules_settings *, const char *path,
	    struct error *);
int	config_load_rules_string(struct rules_settings *, const char *text,
	    const char *name, struct error *);
/* Releases the rules read from a file; back to the built-in ones. */
void	config_free_rules(struct rules_settings *);
/* "2 months", "1 working day", "none": a period as a rules file has it. */
void	config_period_text(const struct rule_period *, char *buf,
	    size_t size);
/*
 * The file to read: $QETRACKER_CONFIG, $XDG_CONFIG_HOME/qetracker/
 * qetracker.conf, /etc/qetracker.conf, or NULL (built-in defaults) when
 * none exists. The caller frees.
 */
char	*config_find(void);
/* The source of that name, or NULL. */
const struct source_conf *config_source(const struct config *,
	    const char *name);
/* The digest of that name, or NULL. */
const struct digest_conf *config_digest(const struct config *,
	    const char *name);
/* Writes every key with its value, as a config file would hold it. */
void	config_dump(const struct config *, FILE *);

#endif
