/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * config.c: the configuration file.
 *
 * Keys live in one table, as tmux's options_table[]: the inih handler only
 * looks them up and stores the value at the key's offset in struct config.
 * Every error is collected as "file:line: message" (inih does not hand
 * line numbers to handlers, so the reader given to ini_parse_stream counts
 * them).
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <strings.h>
#include <limits.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <ini.h>

#include "date.h"
#include "error.h"
#include "export.h"
#include "source.h"
#include "util.h"

enum conf_type {
	CT_STRING,
	CT_PATH,	/* a string; "~/" is the user's home */
	CT_LABELS,	/* a string: "label=status, ..." */
	CT_INT,
	CT_BOOL,
	CT_DATE,
	CT_DURATION,	/* "90s", "30m", "6h", "1d"; a bare number: minutes */
	CT_PERIOD,	/* "2 months", "10 working days", "none" */
	CT_LIMIT	/* a date, an_reform_date, senat_reform_date, or "" */
};

struct conf_key {
	const char	*section;
	const char	*key;
	enum conf_type	 type;
	size_t		 offset;
	long		 min;
	long		 max;
	const char	*def;
	const char	*help;
};

#define OFF(f)	offsetof(struct config, f)

static const struct conf_key conf_keys[] = {
	{ "general", "database", CT_PATH, OFF(database), 0, 0, "",
	    "SQLite database file (default $XDG_DATA_HOME/qetracker/"
	    "qetracker.db)" },
	{ "general", "lang", CT_STRING, OFF(lang), 0, 0, "auto",
	    "language of feeds, reports and digests: fr, en, or auto (English "
	    "when the locale is English, French otherwise)" },
	{ "general", "legislature", CT_INT, OFF(legislature), 0, 99, "0",
	    "legislature meant by a bare question number; 0: the current "
	    "one" },
	{ "general", "user", CT_STRING, OFF(user), 0, 0, "",
	    "the user serve and run switch to when started as root, before "
	    "they open the database or the network; empty: they refuse to "
	    "run as root" },
	{ "import", "threads", CT_INT, OFF(import.threads), 0, 64, "0",
	    "threads inflating and parsing dump entries; 0: one fewer than "
	    "the cores" },
	{ "import", "max_growth_mb", CT_INT, OFF(import.max_growth_mb), 1,
	    1000000, "2048", "the most one import or poll may grow the "
	    "database by, in MB; past it the run is refused and nothing "
	    "changes" },
	{ "senat", "sort_labels", CT_LABELS, OFF(import.sort_labels), 0, 0,
	    "", "Sénat sort labels the keywords do not map (see "
	    "qetracker.conf(5)): label=status, ..., status one of open, "
	    "answered, withdrawn, lapsed, closed" },
	{ "rules", "an_reform_date", CT_DATE, OFF(rules.an_reform), 0, 0,
	    "2014-11-28", "AN questions published from this date get two "
	    "months, earlier ones one (art. 135 RAN)" },
	{ "rules", "senat_reform_date", CT_DATE, OFF(rules.senat_reform), 0,
	    0, "2019-10-01", "Sénat questions published from this date get "
	    "two months, earlier ones one (art. 75 RS)" },
	{ "rules", "signal_days", CT_INT, OFF(rules.signal_days), 1, 365,
	    "10", "days a minister has to answer a signaled question" },
	{ "rules", "weekend_rollover", CT_BOOL, OFF(rules.weekend_rollover),
	    0, 1, "no", "move a deadline on a weekend or holiday to the next "
	    "working day (art. 642 CPC)" },
	{ "rules", "assume_extension", CT_BOOL, OFF(rules.assume_extension),
	    0, 1, "no", "before the reforms: count the extra month a "
	    "minister may ask for" },
	{ "rules", "ministry_change_restarts", CT_BOOL,
	    OFF(rules.ministry_change_restarts), 0, 1, "no",
	    "restart the clock when a question moves to another ministry" },
	{ "rules", "senat_lapse_years", CT_INT, OFF(rules.senat_lapse_years),
	    0, 10, "2", "an unanswered Sénat question lapses when the first "
	    "ordinary session opens more than this many years after it; 0: "
	    "never" },
	{ "rules", "file", CT_PATH, OFF(rules.file), 0, 0, "",
	    "a rules file whose [rule ID] sections replace the built-in rules "
	    "(see rules.conf); a relative path is from this file's folder" },
	{ "feed", "uid_domain", CT_STRING, OFF(feed.uid_domain), 0, 0,
	    "qetracker", "right-hand side of every event UID; never change "
	    "it once feeds are subscribed" },
	{ "feed", "base_url", CT_STRING, OFF(feed.base_url), 0, 0,
	    "http://127.0.0.1:8080", "where the feeds are served: the links "
	    "of index.html (https:// and webcal://)" },
	{ "feed", "refresh_hours", CT_INT, OFF(feed.refresh_hours), 1, 168,
	    "12", "how often calendars should fetch the feeds "
	    "(REFRESH-INTERVAL, X-PUBLISHED-TTL)" },
	{ "feed", "keep_days", CT_INT, OFF(feed.keep_days), 0, 3650, "60",
	    "days answered and closed questions stay in the feeds" },
	{ "feed", "alarm_days", CT_INT, OFF(feed.alarm_days), 0, 60, "0",
	    "add a reminder (VALARM) this many days before each deadline; "
	    "0: none" },
	{ "feed", "window_days", CT_INT, OFF(feed.window_days), 0, 3650, "0",
	    "all.ics holds the events of the last N days and later (a "
	    "member's, group's, ministry's and watchlist's feed, every one); "
	    "0: every event" },
	{ "poll", "cache_dir", CT_PATH, OFF(poll.cache_dir), 0, 0, "",
	    "where downloads are kept (default: a folder beside the "
	    "database)" },
	{ "poll", "ca_file", CT_PATH, OFF(poll.ca_file), 0, 0, "",
	    "a CA bundle to trust for https sources, besides the system's" },
	{ "poll", "retry_delay_ms", CT_INT, OFF(poll.retry_delay_ms), 1,
	    600000, "2000", "delay before the first retry of a download, "
	    "doubled at each retry, with jitter; a Retry-After wins" },
	{ "poll", "max_removed_percent", CT_INT,
	    OFF(poll.max_removed_percent), 0, 100, "5",
	    "refuse a dump that drops more than this share of the questions "
	    "known from it (--force applies it)" },
	{ "poll", "max_lost_answers", CT_INT, OFF(poll.max_lost_answers), 0,
	    1000000, "20", "refuse a dump that lacks more than this many "
	    "answers we hold (--force applies it)" },
	{ "run", "export_dir", CT_PATH, OFF(run.export_dir), 0, 0, "",
	    "qetracker run exports every feed here when the data changed "
	    "(and every day); empty: no export" },
	{ "run", "serve", CT_BOOL, OFF(run.serve), 0, 1, "no",
	    "qetracker run also serves HTTP, as qetracker serve" },
	{ "run", "log", CT_STRING, OFF(run.log), 0, 0, "stderr",
	    "where qetracker run logs: stderr (journald) or syslog" },
	{ "serve", "listen", CT_STRING, OFF(serve.listen), 0, 0,
	    "127.0.0.1:8080", "address and port to listen on; [::1]:8080 "
	    "for IPv6" },
	{ "serve", "threads", CT_INT, OFF(serve.threads), 1, 64, "2",
	    "threads answering requests" },
	{ "serve", "max_connections", CT_INT, OFF(serve.max_connections), 1,
	    100000, "512", "connections served at once" },
	{ "serve", "per_ip_limit", CT_INT, OFF(serve.per_ip_limit), 0, 100000,
	    "32", "connections at once from one address (more are refused); "
	    "0: no limit" },
	{ "serve", "timeout", CT_INT, OFF(serve.timeout), 1, 3600, "30",
	    "seconds an idle connection is kept" },
	{ "serve", "header_timeout", CT_INT, OFF(serve.header_timeout), 1,
	    3600, "10", "seconds a client may take to send a request's line "
	    "and headers, however slowly it trickles them; then the "
	    "connection is closed" },
	{ "serve", "check_seconds", CT_INT, OFF(serve.check_seconds), 1, 3600,
	    "2", "how often serve looks for new data (and a new day)" },
	{ "serve", "root", CT_STRING, OFF(serve.root), 0, 0, "",
	    "an export's folder (what export or run keeps current) to serve "
	    "from disk with sendfile and its .gz siblings, memory small "
	    "whatever the site's size; empty: the whole site in memory" },
	{ "mail", "method", CT_STRING, OFF(mail.method), 0, 0, "smtp",
	    "smtp (through smtp_url) or sendmail (sendmail -t -oi)" },
	{ "mail", "smtp_url", CT_STRING, OFF(mail.smtp_url), 0, 0,
	    "smtp://127.0.0.1:25", "smtp:// (STARTTLS is required unless the "
	    "host is this machine) or smtps://" },
	{ "mail", "from", CT_STRING, OFF(mail.from), 0, 0,
	    "qetracker@localhost", "the sender of digests" },
	{ "mail", "user", CT_STRING, OFF(mail.user), 0, 0, "",
	    "SMTP user name, if the server asks for one" },
	{ "mail", "password_file", CT_PATH, OFF(mail.password_file), 0, 0,
	    "", "a file whose first line is the SMTP password (never on the "
	    "command line)" },
	{ "mail", "sendmail", CT_PATH, OFF(mail.sendmail), 0, 0,
	    "/usr/sbin/sendmail", "the sendmail program, for method = "
	    "sendmail" },
	{ "mail", "timeout", CT_INT, OFF(mail.timeout), 1, 3600, "60",
	    "seconds a delivery may take" },
};

#define DOFF(f)	offsetof(struct digest_conf, f)

/* The keys of a [digest NAME] section. */
static const struct conf_key digest_keys[] = {
	{ "digest", "to", CT_STRING, DOFF(to), 0, 0, "",
	    "recipients, separated by commas" },
	{ "digest", "author", CT_STRING, DOFF(author), 0, 0, "",
	    "only this author's questions (PA reference or name)" },
	{ "digest", "group", CT_STRING, DOFF(group), 0, 0, "",
	    "only this group's questions (abbreviation or name)" },
	{ "digest", "ministry", CT_STRING, DOFF(ministry), 0, 0, "",
	    "only this ministry's questions (part of its name)" },
	{ "digest", "day", CT_STRING, DOFF(day), 0, 0, "monday",
	    "the day qetracker run sends it: monday ... sunday" },
	{ "digest", "hour", CT_INT, DOFF(hour), 0, 23, "8",
	    "the hour qetracker run sends it, Europe/Paris time" },
	{ "digest", "intro", CT_STRING, DOFF(intro), 0, 0, "",
	    "a paragraph at the top of the message (\\n for a new line)" },
};

#define NDKEYS	(sizeof(digest_keys) / sizeof(digest_keys[0]))

#define SOFF(f)	offsetof(struct source_conf, f)

/* The keys of a [source NAME] section. */
static const struct conf_key source_keys[] = {
	{ "source", "kind", CT_STRING, SOFF(kind), 0, 0, "",
	    "an-dump (a question archive), an-amo (acteurs and organes), "
	    "senat-dump (the Sénat's full dump), senat-csv (the Sénat's CSV "
	    "of the year), an-page (question pages of watchlists)" },
	{ "source", "url", CT_STRING, SOFF(url), 0, 0, "",
	    "https://, http:// or file:// address" },
	{ "source", "legislature", CT_INT, SOFF(legislature), 0, 99, "0",
	    "the legislature of the archive; 0: any" },
	{ "source", "max_mb", CT_INT, SOFF(max_mb), 1, 100000, "1024",
	    "largest download accepted, in MB" },
	{ "source", "timeout", CT_INT, SOFF(timeout), 1, 86400, "900",
	    "seconds a whole download may take" },
	{ "source", "connect_timeout", CT_INT, SOFF(connect_timeout), 1, 600,
	    "30", "seconds to connect" },
	{ "source", "retries", CT_INT, SOFF(retries), 0, 20, "4",
	    "tries after the first on a network error, 429 or 5xx, with "
	    "exponential backoff" },
	{ "source", "interval", CT_DURATION, SOFF(interval), 1, 31536000,
	    "6h", "time between two polls by qetracker run: 90s, 30m, 6h, 1d "
	    "(a bare number is minutes)" },
	{ "source", "skip_bad", CT_BOOL, SOFF(skip_bad), 0, 1, "no",
	    "yes: apply the good entries of an archive and report the bad "
	    "ones, which are tried again at the next poll; no: one bad "
	    "entry refuses the whole archive" },
};

#define NSKEYS	(sizeof(source_keys) / sizeof(source_keys[0]))

#define ROFF(f)	offsetof(struct rule, f)

/* The keys of a [rule ID] section of a rules file. */
static const struct conf_key rule_keys[] = {
	{ "rule", "assembly", CT_STRING, ROFF(assembly), 0, 0, "",
	    "the parliament whose questions it covers: AN, SENAT, ..." },
	{ "rule", "type", CT_STRING, ROFF(type), 0, 0, "QE",
	    "the type of question: QE (written questions)" },
	{ "rule", "from", CT_LIMIT, ROFF(from), 0, 0, "",
	    "covers questions published on or after this date: YYYY-MM-DD, "
	    "an_reform_date or senat_reform_date ([rules]); empty: no bound" },
	{ "rule", "until", CT_LIMIT, ROFF(until), 0, 0, "",
	    "covers questions published before this date, as from" },
	{ "rule", "period", CT_PERIOD, ROFF(period), 0, 0, "",
	    "the delay from the JO publication: N days, weeks, months or "
	    "working days" },
	{ "rule", "extension", CT_PERIOD, ROFF(ext), 0, 0, "none",
	    "more time a minister may ask for, counted from the deadline "
	    "(assume_extension); none: no extension" },
	{ "rule", "article", CT_STRING, ROFF(article), 0, 0, "",
	    "the article that sets the delay, quoted in every explanation" },
	{ "rule", "label", CT_STRING, ROFF(label), 0, 0, "",
	    "the delay in words (\"two months\"); empty: the period" },
};

#define NRKEYS	(sizeof(rule_keys) / sizeof(rule_keys[0]))

#define NKEYS	(sizeof(conf_keys) / sizeof(conf_keys[0]))

struct conf_parse {
	struct config	*cf;
	struct rules_settings *rules;	/* reading a rules file */
	const char	*name;
	FILE		*fp;		/* file reader */
	const char	*str;		/* string reader */
	int		 line;		/* line of the chunk being parsed */
	int		 next_line;
	int		 continued;	/* the line starts with a blank: inih
					 * hands it as the previous key's */
	int		 headers;	/* "[section]" lines read so far */
	int		 rule_header;	/* that of the [rule] being read */
	int		 dup_header;	/* that of a [rule] given twice */
	struct buf	 errors;
	int		 nerrors;
	/* Each "section\nkey" set so far and its line: a key given twice is
	 * an error, and a check made after the file names the key's line. */
	struct seen {
		char	*id;
		int	 line;
	}		*seen;
	size_t		 nseen;
};

static int
seen_line(const struct conf_parse *cp, const char *section, const char *key)
{
	size_t	i, n = strlen(section);

	for (i = 0; i < cp->nseen; i++)
		if (strncmp(cp->seen[i].id, section, n) == 0 &&
		    cp->seen[i].id[n] == '\n' &&
		    strcmp(cp->seen[i].id + n + 1, key) == 0)
			return cp->seen[i].line;
	return 0;
}

static void
seen_add(struct conf_parse *cp, const char *section, const char *key)
{
	cp->seen = xrealloc(cp->seen, (cp->nseen + 1) * sizeof(*cp->seen));
	cp->seen[cp->nseen].id = xasprintf("%s\n%s", section, key);
	cp->seen[cp->nseen++].line = cp->line;
}

static void
seen_free(struct conf_parse *cp)
{
	size_t	i;

	for (i = 0; i < cp->nseen; i++)
		free(cp->seen[i].id);
	free(cp->seen);
	cp->seen = NULL;
	cp->nseen = 0;
}

/* Points the next error at the line that set section's key, if any. */
static void
at_key(struct conf_parse *cp, const char *section, const char *key)
{
	int	line = seen_line(cp, section, key);

	if (line > 0)
		cp->line = line;
}

static void
conf_error(struct conf_parse *cp, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
conf_error(struct conf_parse *cp, const char *fmt, ...)
{
	va_list	ap;

	if (cp->nerrors > 0)
		buf_addc(&cp->errors, '\n');
	buf_printf(&cp->errors, "%s:%d: ", cp->name, cp->line);
	va_start(ap, fmt);
	buf_vprintf(&cp->errors, fmt, ap);
	va_end(ap);
	cp->nerrors++;
}

static int
parse_bool(const char *v, int *out)
{
	static const char *const yes[] = { "yes", "true", "on", "1" };
	static const char *const no[] = { "no", "false", "off", "0" };
	size_t	i;

	for (i = 0; i < 4; i++) {
		if (strcasecmp(v, yes[i]) == 0)
			return *out = 1, 0;
		if (strcasecmp(v, no[i]) == 0)
			return *out = 0, 0;
	}
	return -1;
}

/* "90s", "30m", "6h", "1d", or minutes; seconds into *out. */
static int
parse_duration(const char *v, long min, long max, long *out)
{
	char	 num[32];
	size_t	 n = strlen(v);
	long	 mult = 60, x;

	if (n == 0 || n >= sizeof(num))
		return -1;
	memcpy(num, v, n + 1);
	switch (num[n - 1]) {
	case 's':
		mult = 1;
		break;
	case 'm':
		mult = 60;
		break;
	case 'h':
		mult = 3600;
		break;
	case 'd':
		mult = 86400;
		break;
	default:
		n++;
		break;
	}
	num[n - 1] = '\0';
	if (str_to_long(num, 1, 10000000, &x) == -1 || x * mult < min ||
	    x * mult > max)
		return -1;
	*out = x * mult;
	return 0;
}

/* Whether v is "label=status" items separated by commas; NULL if so. */
static const char *
labels_error(const char *v)
{
	static const char *const words[] = { "open", "answered", "withdrawn",
	    "lapsed", "closed" };
	const char	*p = v, *end, *eq;
	size_t		 k, n;

	while (*p != '\0') {
		end = p + strcspn(p, ",");
		eq = memchr(p, '=', (size_t)(end - p));
		if (eq == NULL || eq == p)
			return "expected label=status items separated by commas";
		eq++;
		while (*eq == ' ')
			eq++;
		for (n = (size_t)(end - eq); n > 0 && eq[n - 1] == ' '; n--)
			;
		for (k = 0; k < sizeof(words) / sizeof(words[0]); k++)
			if (strlen(words[k]) == n && strncmp(eq, words[k],
			    n) == 0)
				break;
		if (k == sizeof(words) / sizeof(words[0]))
			return "a status is open, answered, withdrawn, lapsed "
			    "or closed";
		p = *end != '\0' ? end + 1 : end;
	}
	return NULL;
}

/* Stores a value; returns NULL or a static description of the problem. */
static const char *
conf_set(void *base, const struct conf_key *k, const char *v)
{
	void		*p = (char *)base + k->offset;
	const char	*why;
	long		 n;
	int		 b, d;

	switch (k->type) {
	case CT_PATH:
		if (*v == '~') {
			const char	*home = getenv("HOME");

			if (v[1] != '/' && v[1] != '\0')
				return "~user is not expanded: write the whole "
				    "path";
			if (home == NULL || *home != '/')
				return "~ needs $HOME, an absolute path";
			free(*(char **)p);
			*(char **)p = xasprintf("%s%s", home, v + 1);
			return NULL;
		}
		/* FALLTHROUGH */
	case CT_LABELS:
		if (k->type == CT_LABELS && (why = labels_error(v)) != NULL)
			return why;
		/* FALLTHROUGH */
	case CT_STRING:
		if (*v == '\0' && *k->def != '\0')
			return "must not be empty";
		/* "key =; x" gives "; x", and a continuation line can hold
		 * " ;": config_dump and rules_dump would write back a
		 * comment. */
		if (*v == ';' || *v == '#' || strstr(v, " ;") != NULL ||
		    strstr(v, "\t;") != NULL)
			return "a value cannot start with ; or # nor hold \" ;\" "
			    "(it would read as a comment)";
		/* config_dump writes "key = value" on a line of inih's. */
		if (strlen(k->key) + 3 + strlen(v) > INI_MAX_LINE - 2)
			return "too long for a line of the file";
		free(*(char **)p);
		*(char **)p = *v != '\0' ? xstrdup(v) : NULL;
		return NULL;
	case CT_INT:
		if (str_to_long(v, k->min, k->max, &n) == -1)
			return "expected a whole number in range";
		*(int *)p = (int)n;
		return NULL;
	case CT_BOOL:
		if (parse_bool(v, &b) == -1)
			return "expected yes or no";
		*(int *)p = b;
		return NULL;
	case CT_DATE:
		if (date_parse_iso(v, &d) == -1)
			return "expected a date YYYY-MM-DD that exists";
		*(int *)p = d;
		return NULL;
	case CT_DURATION:
		if (parse_duration(v, k->min, k->max, &n) == -1)
			return "expected a duration such as 90s, 30m, 6h or 1d, "
			    "in range";
		*(int *)p = (int)n;
		return NULL;
	case CT_PERIOD:
		return rules_period_parse(v, p);
	case CT_LIMIT:
		return rules_limit_parse(v, p);
	}
	return "unknown type";
}

/* Sets key in one table; 0 if the key is not in it. */
static int
conf_apply(struct conf_parse *cp, void *base, const struct conf_key *keys,
    size_t n, const char *section, const char *match, const char *key,
    const char *value)
{
	const char	*why;
	size_t		 i;
	int		 first;

	for (i = 0; i < n; i++) {
		if (strcmp(keys[i].section, match) != 0 ||
		    strcmp(keys[i].key, key) != 0)
			continue;
		/* Twice, the second would win unseen: say so instead (a
		 * continuation line gets the value checks below). */
		if ((first = seen_line(cp, section, key)) > 0 &&
		    !cp->continued) {
			conf_error(cp, "[%s] %s: given twice (first on line "
			    "%d); keep one", section, key, first);
			return 1;
		}
		if (first == 0)
			seen_add(cp, section, key);
		if ((why = conf_set(base, &keys[i], value)) == NULL)
			return 1;
		if (keys[i].type == CT_INT)
			conf_error(cp, "[%s] %s = \"%s\": %s %ld..%ld", section,
			    key, value, why, keys[i].min, keys[i].max);
		else
			conf_error(cp, "[%s] %s = \"%s\": %s", section, key,
			    value, why);
		return 1;
	}
	return 0;
}

/*
 * The sections that come once per name: [source NAME] and [digest NAME]
 * of the configuration, [rule ID] of a rules file.
 */
struct named_kind {
	const char		*kind;		/* "source" */
	int			 in_rules;	/* of a rules file */
	const struct conf_key	*keys;
	size_t			 nkeys;
	size_t			 array;		/* offsets in struct config, */
	size_t			 count;		/* or rules_settings */
	size_t			 size;		/* of one element */
	size_t			 name;		/* offsets in an element */
	size_t			 line;
};

static const struct named_kind named_kinds[] = {
	{ "source", 0, source_keys, NSKEYS, OFF(sources), OFF(nsources),
	    sizeof(struct source_conf), SOFF(name), SOFF(line) },
	{ "digest", 0, digest_keys, NDKEYS, OFF(digests), OFF(ndigests),
	    sizeof(struct digest_conf), DOFF(name), DOFF(line) },
	{ "rule", 1, rule_keys, NRKEYS,
	    offsetof(struct rules_settings, defs),
	    offsetof(struct rules_settings, ndefs),
	    sizeof(struct rule), ROFF(id), ROFF(line) },
};

/* The section of that kind and name, or NULL. */
static char *
named_find(struct conf_parse *cp, const struct named_kind *k,
    const char *name)
{
	char	 *owner = k->in_rules ? (char *)cp->rules : (char *)cp->cf;
	char	**array = (char **)(owner + k->array);
	size_t	  i, count = *(size_t *)(owner + k->count);

	for (i = 0; i < count; i++)
		if (strcmp(*(char **)(*array + i * k->size + k->name),
		    name) == 0)
			return *array + i * k->size;
	return NULL;
}

/* The section of that kind and name, created with its defaults. */
static void *
conf_named(struct conf_parse *cp, const struct named_kind *k,
    const char *name)
{
	char	 *owner = k->in_rules ? (char *)cp->rules : (char *)cp->cf;
	char	**array = (char **)(owner + k->array);
	size_t	 *count = (size_t *)(owner + k->count);
	char	 *e;
	size_t	  i;

	if ((e = named_find(cp, k, name)) != NULL)
		return e;
	*array = xrealloc(*array, (*count + 1) * k->size);
	e = *array + (*count)++ * k->size;
	memset(e, 0, k->size);
	for (i = 0; i < k->nkeys; i++)
		conf_set(e, &k->keys[i], k->keys[i].def);
	*(char **)(e + k->name) = xstrdup(name);
	*(int *)(e + k->line) = cp->line;
	return e;
}

static int
valid_name(const char *s)
{
	if (*s == '\0' || strlen(s) > 64)
		return 0;
	for (; *s != '\0'; s++)
		if (!isalnum((unsigned char)*s) && *s != '-' && *s != '_')
			return 0;
	return 1;
}

/*
 * Whether this key is in a second [rule ID] of an id: two rules of one id
 * would have merged, and the order of rules matters. (Sources and
 * digests given twice add up, as they always did.)
 */
static int
twice(struct conf_parse *cp, const struct named_kind *k, const char *section)
{
	const char	*e;

	if (cp->headers != cp->rule_header) {
		cp->rule_header = cp->headers;
		if ((e = named_find(cp, k, section + strlen(k->kind) + 1)) !=
		    NULL) {
			conf_error(cp, "[%s]: a second section of that id (the "
			    "first is at line %d)", section,
			    *(const int *)(e + k->line));
			cp->dup_header = cp->headers;
		}
	}
	return cp->dup_header == cp->headers;
}

static int
conf_handler(void *user, const char *section, const char *key,
    const char *value)
{
	struct conf_parse	*cp = user;
	size_t			 i;

	if (key == NULL)	/* a section header alone */
		return 1;
	for (i = 0; i < sizeof(named_kinds) / sizeof(named_kinds[0]); i++) {
		const struct named_kind	*k = &named_kinds[i];
		size_t			 n = strlen(k->kind);

		if (strncmp(section, k->kind, n) != 0 || section[n] != ' ')
			continue;
		if (k->in_rules != (cp->rules != NULL))
			conf_error(cp, "[%s]: %s", section, k->in_rules ?
			    "rules go in a rules file ([rules] file)" :
			    "a rules file holds only [rule ID] sections");
		else if (!valid_name(section + n + 1))
			conf_error(cp, "[%s]: a %s name is letters, digits, - "
			    "and _", section, k->kind);
		else if (k->in_rules && twice(cp, k, section))
			;	/* said once; its keys are skipped */
		else if (!conf_apply(cp, conf_named(cp, k, section + n + 1),
		    k->keys, k->nkeys, section, k->kind, key, value))
			conf_error(cp, "unknown key \"%s\" in section [%s]",
			    key, section);
		return 1;
	}
	if (cp->rules != NULL)
		conf_error(cp, "[%s]: a rules file holds only [rule ID] "
		    "sections", section);
	else if (!conf_apply(cp, cp->cf, conf_keys, NKEYS, section, section,
	    key, value))
		conf_error(cp, "unknown key \"%s\" in section [%s]", key,
		    section);
	return 1;
}

/* An assembly or a type: capitals and digits, to fit struct question. */
static int
valid_code(const char *s, size_t max)
{
	size_t	n = s != NULL ? strlen(s) : 0;

	if (n == 0 || n > max)
		return 0;
	return strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") == n;
}

/* Every rule needs an assembly, a period and an article. */
static void
rules_check(struct conf_parse *cp)
{
	struct rules_settings	*rs = cp->rules;
	char			 label[32];
	size_t			 i;

	if (rs->ndefs == 0 && cp->nerrors == 0)
		conf_error(cp, "no [rule ID] section: a rules file replaces "
		    "every built-in rule, so it needs one at least");
	for (i = 0; i < rs->ndefs; i++) {
		struct rule	*r = &rs->defs[i];

		cp->line = r->line;
		if (strlen(r->id) > RULE_ID_MAX)
			conf_error(cp, "[rule %s]: an id is at most %d "
			    "characters", r->id, RULE_ID_MAX);
		if (!valid_code(r->assembly, 7))
			conf_error(cp, "[rule %s]: assembly = ...: capitals or "
			    "digits, at most 7 (AN, SENAT)", r->id);
		if (!valid_code(r->type, 7))
			conf_error(cp, "[rule %s]: type = ...: capitals or "
			    "digits, at most 7 (QE)", r->id);
		if (r->period.amount == 0)
			conf_error(cp, "[rule %s]: no period (period = 2 "
			    "months)", r->id);
		if (r->article == NULL)
			conf_error(cp, "[rule %s]: no article (the text that "
			    "sets the delay)", r->id);
		if (r->from.kind == BOUND_DATE && r->until.kind == BOUND_DATE &&
		    r->from.date >= r->until.date)
			conf_error(cp, "[rule %s]: from must come before until",
			    r->id);
		if (r->label == NULL && r->period.amount > 0) {
			rules_period_text(&r->period, label, sizeof(label));
			r->label = xstrdup(label);
		}
	}
}

/*
 * Whether url starts with one of the two schemes and has a host, and
 * nothing in it could end a header, an attribute or a URL list (spaces,
 * quotes, angle brackets, control characters).
 */
static int
url_has_scheme(const char *url, const char *a, const char *b)
{
	const char	*p;
	size_t		 n;

	if (url == NULL)
		return 0;
	if (strncmp(url, a, (n = strlen(a))) != 0 &&
	    strncmp(url, b, (n = strlen(b))) != 0)
		return 0;
	if (url[n] == '\0' || url[n] == '/')
		return 0;
	for (p = url; *p != '\0'; p++)
		if ((unsigned char)*p <= ' ' || *p == 127 ||
		    strchr("\"'<>\\`", *p) != NULL)
			return 0;
	return 1;
}


/* Every source needs a known kind and an address. */
static void
conf_check(struct conf_parse *cp)
{
	const struct source_kind	*sk;
	char				 names[128];
	size_t				 i, k;
	int				 pages;

	static const char *const days[] = { "monday", "tuesday", "wednesday",
	    "thursday", "friday", "saturday", "sunday" };

	for (i = 0; i < cp->cf->ndigests; i++) {
		struct digest_conf	*d = &cp->cf->digests[i];

		cp->line = d->line;
		for (k = 0; k < 7 && strcmp(d->day, days[k]) != 0; k++)
			;
		if (k == 7)
			conf_error(cp, "[digest %s]: day = \"%s\": expected "
			    "monday ... sunday", d->name, d->day);
		if (d->to == NULL)
			conf_error(cp, "[digest %s]: no recipient (to = ...)",
			    d->name);
	}
	if (strcmp(cp->cf->run.log, "stderr") != 0 &&
	    strcmp(cp->cf->run.log, "syslog") != 0)
		conf_error(cp, "[run] log = \"%s\": expected stderr or "
		    "syslog", cp->cf->run.log);
	if (strcmp(cp->cf->mail.method, "smtp") != 0 &&
	    strcmp(cp->cf->mail.method, "sendmail") != 0)
		conf_error(cp, "[mail] method = \"%s\": expected smtp or "
		    "sendmail", cp->cf->mail.method);
	/* Addresses that would fail only when used: a week later for mail. */
	if (strcmp(cp->cf->mail.method, "smtp") == 0 &&
	    !url_has_scheme(cp->cf->mail.smtp_url, "smtp://", "smtps://")) {
		at_key(cp, "mail", "smtp_url");
		conf_error(cp, "[mail] smtp_url = \"%s\": expected "
		    "smtp://host:port or smtps://host:port",
		    cp->cf->mail.smtp_url);
	}
	if (!url_has_scheme(cp->cf->feed.base_url, "https://", "http://")) {
		at_key(cp, "feed", "base_url");
		conf_error(cp, "[feed] base_url = \"%s\": expected an https:// "
		    "or http:// address, without spaces or quotes",
		    cp->cf->feed.base_url);
	}
	if (cp->cf->lang != NULL && strcmp(cp->cf->lang, "fr") != 0 &&
	    strcmp(cp->cf->lang, "en") != 0 && strcmp(cp->cf->lang, "auto") !=
	    0) {
		at_key(cp, "general", "lang");
		conf_error(cp, "[general] lang = \"%s\": expected fr, en or "
		    "auto", cp->cf->lang);
	}
	for (i = 0; i < cp->cf->nsources; i++) {
		struct source_conf	*s = &cp->cf->sources[i];

		cp->line = s->line;
		sk = source_kind_find(s->kind);
		pages = sk != NULL && sk->pages;
		if (sk == NULL) {
			source_kind_names(names, sizeof(names));
			conf_error(cp, "[source %s]: kind must be %s", s->name,
			    names);
		}
		if (!pages &&
		    (s->url == NULL || (strncmp(s->url, "https://", 8) != 0 &&
		    strncmp(s->url, "http://", 7) != 0 &&
		    strncmp(s->url, "file://", 7) != 0))) {
			char	sec[300];

			snprintf(sec, sizeof(sec), "source %s", s->name);
			at_key(cp, sec, "url");
			conf_error(cp, "[source %s]: url must be an https://, "
			    "http:// or file:// address", s->name);
		}
	}
}

/* Reads one line for inih and keeps count of where it started. */
static char *
conf_reader(char *str, int num, void *stream)
{
	struct conf_parse	*cp = stream;
	char			*r;
	size_t			 n;
	int			 c;

	if (cp->fp != NULL)
		r = fgets(str, num, cp->fp);
	else {
		const char	*nl;

		if (*cp->str == '\0')
			return NULL;
		nl = strchr(cp->str, '\n');
		n = nl != NULL ? (size_t)(nl - cp->str) + 1 : strlen(cp->str);
		if (n > (size_t)num - 1)
			n = (size_t)num - 1;
		memcpy(str, cp->str, n);
		str[n] = '\0';
		cp->str += n;
		r = str;
	}
	if (r == NULL)
		return NULL;
	cp->continued = str[0] == ' ' || str[0] == '\t';
	cp->line = cp->next_line++;
	if (r[0] == '[')
		cp->headers++;
	n = strlen(r);
	if (n > 0 && r[n - 1] == '\n')
		return r;
	/*
	 * A line longer than inih's buffer would reach it in pieces, and a
	 * piece of a value is worse than none: say so, and skip the rest.
	 */
	if (cp->fp != NULL) {
		if ((c = fgetc(cp->fp)) == EOF)
			return r;	/* the last line, without a newline */
		while (c != EOF && c != '\n')
			c = fgetc(cp->fp);
	} else {
		if (*cp->str == '\0')
			return r;
		n = strcspn(cp->str, "\n");
		cp->str += n + (cp->str[n] == '\n');
	}
	conf_error(cp, "line longer than %d characters", num - 2);
	str[0] = '\n';
	str[1] = '\0';
	return r;
}

void
config_defaults(struct config *cf)
{
	size_t	i;

	memset(cf, 0, sizeof(*cf));
	for (i = 0; i < NKEYS; i++)
		conf_set(cf, &conf_keys[i], conf_keys[i].def);
}

/* Frees the strings a table of keys puts into base (a config, a source,
 * a digest or a rule), so that a new key needs no line here. */
static void
keys_free(const struct conf_key *keys, size_t n, void *base)
{
	size_t	i;

	for (i = 0; i < n; i++)
		switch (keys[i].type) {
		case CT_STRING:
		case CT_PATH:
		case CT_LABELS:
			free(*(char **)((char *)base + keys[i].offset));
			break;
		default:
			break;
		}
}

void
config_free(struct config *cf)
{
	size_t	i;

	if (cf == NULL)
		return;
	free(cf->path);
	keys_free(conf_keys, NKEYS, cf);
	for (i = 0; i < cf->nsources; i++) {
		free(cf->sources[i].name);
		keys_free(source_keys, NSKEYS, &cf->sources[i]);
	}
	free(cf->sources);
	for (i = 0; i < cf->ndigests; i++) {
		free(cf->digests[i].name);
		keys_free(digest_keys, NDKEYS, &cf->digests[i]);
	}
	free(cf->digests);
	config_free_rules(&cf->rules);
	memset(cf, 0, sizeof(*cf));
}

void
config_free_rules(struct rules_settings *rs)
{
	size_t	i;

	for (i = 0; i < rs->ndefs; i++) {
		free(rs->defs[i].id);
		keys_free(rule_keys, NRKEYS, &rs->defs[i]);
	}
	free(rs->defs);
	rs->defs = NULL;
	rs->ndefs = 0;
}

/*
 * The errors into err, whole lines only: when they do not all fit, as
 * many as fit and a last line that says how many more there are (never
 * a message cut in the middle of a word).
 */
static void
conf_errors_set(struct conf_parse *cp, struct error *err)
{
	const char	*text = cp->errors.data, *end;
	char		 more[64];
	size_t		 room, used = 0, len;
	int		 shown = 0;

	if (err == NULL)
		return;
	err->status = EXIT_CONFIG;
	err->msg[0] = '\0';
	room = sizeof(err->msg) - sizeof(more);
	while (*text != '\0') {
		end = strchr(text, '\n');
		len = end != NULL ? (size_t)(end - text) : strlen(text);
		if (used + len + 1 > room && shown > 0)
			break;
		if (len > room - used - 1)	/* one line longer than all */
			len = room - used - 1;
		memcpy(err->msg + used, text, len);
		used += len;
		err->msg[used] = '\0';
		shown++;
		if (end == NULL)
			break;
		text = end + 1;
		if (*text != '\0' && used + 1 < room)
			err->msg[used++] = '\n', err->msg[used] = '\0';
	}
	if (shown < cp->nerrors) {
		if (used > 0 && err->msg[used - 1] == '\n')
			used--;
		snprintf(more, sizeof(more), "\n(and %d more error%s)",
		    cp->nerrors - shown, cp->nerrors - shown == 1 ? "" : "s");
		memcpy(err->msg + used, more, strlen(more) + 1);
	}
}

static int
conf_parse(struct config *cf, struct conf_parse *cp, struct error *err)
{
	int	rc;

	cp->cf = cf;
	cp->line = cp->next_line = 1;
	buf_init(&cp->errors);
	cp->nerrors = 0;
	rc = ini_parse_stream(conf_reader, cp, conf_handler, cp);
	if (rc == 0 && cp->rules != NULL)
		rules_check(cp);
	else if (rc == 0)
		conf_check(cp);
	if (rc > 0 && cp->nerrors == 0) {
		cp->line = rc;
		conf_error(cp, "syntax error (expected [section] or "
		    "key = value)");
	} else if (rc < 0 && cp->nerrors == 0)
		conf_error(cp, "cannot parse");
	seen_free(cp);
	if (cp->nerrors > 0) {
		conf_errors_set(cp, err);
		buf_free(&cp->errors);
		return -1;
	}
	buf_free(&cp->errors);
	return 0;
}

int
config_load_string(struct config *cf, const char *text, const char *name,
    struct error *err)
{
	struct conf_parse	cp;

	memset(&cp, 0, sizeof(cp));
	cp.name = name;
	cp.str = text;
	return conf_parse(cf, &cp, err);
}

/*
 * A rules file is parsed into a scratch set (cp->rules), so that a bad
 * one changes nothing; the set in force is replaced only on success.
 */
static int
rules_parse(struct rules_settings *rs, struct conf_parse *cp,
    struct error *err)
{
	struct config	unused;	/* a rules file sets no key of it */
	int		rc;

	memset(&unused, 0, sizeof(unused));
	memset(cp->rules, 0, sizeof(*cp->rules));
	rc = conf_parse(&unused, cp, err);
	if (rc == -1) {
		config_free_rules(cp->rules);
		return -1;
	}
	config_free_rules(rs);
	rs->defs = cp->rules->defs;
	rs->ndefs = cp->rules->ndefs;
	return 0;
}

int
config_load_rules_string(struct rules_settings *rs, const char *text,
    const char *name, struct error *err)
{
	struct conf_parse	cp;
	struct rules_settings	scratch;

	memset(&cp, 0, sizeof(cp));
	cp.name = name;
	cp.str = text;
	cp.rules = &scratch;
	return rules_parse(rs, &cp, err);
}

/*
 * A configuration is a file: a folder is refused, and so is a FIFO, which
 * would block the reader. (/dev/null stands for an empty one.)
 */
static int
config_file_kind(const char *path, struct error *err)
{
	struct stat	sb;

	if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode) &&
	    !S_ISCHR(sb.st_mode))
		return error_set(err, EXIT_CONFIG, "%s: %s, not a "
		    "configuration file", path, S_ISDIR(sb.st_mode) ?
		    "a folder" : "not a regular file");
	return 0;
}

int
config_load_rules_file(struct rules_settings *rs, const char *path,
    struct error *err)
{
	struct conf_parse	cp;
	struct rules_settings	scratch;
	int			rc;

	memset(&cp, 0, sizeof(cp));
	cp.name = path;
	cp.rules = &scratch;
	if (config_file_kind(path, err) == -1)
		return -1;
	if ((cp.fp = fopen(path, "r")) == NULL)
		return error_set(err, EXIT_CONFIG, "%s: %s", path,
		    error_errno(errno));
	rc = rules_parse(rs, &cp, err);
	fclose(cp.fp);
	return rc;
}

/* [rules] file, relative to the folder of the configuration. */
static int
load_rules_of(struct config *cf, const char *conf_path, struct error *err)
{
	const char	*slash;
	char		*path;
	int		 rc;

	if (cf->rules.file == NULL)
		return 0;
	slash = strrchr(conf_path, '/');
	if (cf->rules.file[0] == '/' || slash == NULL)
		path = xstrdup(cf->rules.file);
	else
		path = xasprintf("%.*s/%s", (int)(slash - conf_path),
		    conf_path, cf->rules.file);
	rc = config_load_rules_file(&cf->rules, path, err);
	if (rc == -1 && err != NULL && err->status == EXIT_CONFIG &&
	    access(path, R_OK) == -1)
		error_set(err, EXIT_CONFIG, "%s: [rules] file = %s: %s",
		    conf_path, path, error_errno(errno));
	free(path);
	return rc;
}

int
config_load_file(struct config *cf, const char *path, struct error *err)
{
	struct conf_parse	cp;
	int			rc;

	memset(&cp, 0, sizeof(cp));
	cp.name = path;
	if (config_file_kind(path, err) == -1)
		return -1;
	if ((cp.fp = fopen(path, "r")) == NULL)
		return error_set(err, EXIT_NOINPUT, "%s: %s", path,
		    error_errno(errno));
	rc = conf_parse(cf, &cp, err);
	fclose(cp.fp);
	if (rc == 0)
		rc = load_rules_of(cf, path, err);
	if (rc == 0) {
		free(cf->path);
		cf->path = xstrdup(path);
	}
	return rc;
}

char *
config_find(void)
{
	const char	*env;
	char		*p;

	if ((env = getenv("QETRACKER_CONFIG")) != NULL && *env != '\0')
		return xstrdup(env);
	if ((env = getenv("XDG_CONFIG_HOME")) != NULL && *env != '\0')
		p = xasprintf("%s/qetracker/qetracker.conf", env);
	else if ((env = getenv("HOME")) != NULL && *env != '\0')
		p = xasprintf("%s/.config/qetracker/qetracker.conf", env);
	else
		p = NULL;
	if (p != NULL && access(p, F_OK) == 0)
		return p;
	free(p);
	if (access("/etc/qetracker.conf", F_OK) == 0)
		return xstrdup("/etc/qetracker.conf");
	return NULL;
}

static void
dump_value(FILE *fp, const struct conf_key *k, const void *base)
{
	const void	*p = (const char *)base + k->offset;
	char		 d[DATE_ISO_LEN];

	fprintf(fp, "# %s\n%s = ", k->help, k->key);
	switch (k->type) {
	case CT_STRING:
	case CT_PATH:
	case CT_LABELS:
		fputs(*(char *const *)p ? *(char *const *)p : "", fp);
		break;
	case CT_INT:
		fprintf(fp, "%d", *(const int *)p);
		break;
	case CT_BOOL:
		fputs(*(const int *)p ? "yes" : "no", fp);
		break;
	case CT_DATE:
		fputs(date_iso(*(const int *)p, d), fp);
		break;
	case CT_DURATION:
		fprintf(fp, "%ds", *(const int *)p);
		break;
	case CT_PERIOD:
	case CT_LIMIT:
		break;	/* rule keys: rules_dump writes them */
	}
	fputc('\n', fp);
}

void
config_dump(const struct config *cf, FILE *fp)
{
	const char	*section = "";
	size_t		 i, k;

	for (i = 0; i < NKEYS; i++) {
		if (strcmp(section, conf_keys[i].section) != 0) {
			fprintf(fp, "%s[%s]\n", i ? "\n" : "",
			    conf_keys[i].section);
			section = conf_keys[i].section;
		}
		dump_value(fp, &conf_keys[i], cf);
	}
	for (i = 0; i < cf->nsources; i++) {
		fprintf(fp, "\n[source %s]\n", cf->sources[i].name);
		for (k = 0; k < NSKEYS; k++)
			dump_value(fp, &source_keys[k], &cf->sources[i]);
	}
	for (i = 0; i < cf->ndigests; i++) {
		fprintf(fp, "\n[digest %s]\n", cf->digests[i].name);
		for (k = 0; k < NDKEYS; k++)
			dump_value(fp, &digest_keys[k], &cf->digests[i]);
	}
}

const struct digest_conf *
config_digest(const struct config *cf, const char *name)
{
	size_t	i;

	for (i = 0; i < cf->ndigests; i++)
		if (strcmp(cf->digests[i].name, name) == 0)
			return &cf->digests[i];
	return NULL;
}

const struct source_conf *
config_source(const struct config *cf, const char *name)
{
	size_t	i;

	for (i = 0; i < cf->nsources; i++)
		if (strcmp(cf->sources[i].name, name) == 0)
			return &cf->sources[i];
	return NULL;
}

struct site_settings
config_site(const struct config *cf)
{
	return (struct site_settings){ cf->path, &cf->feed, &cf->rules };
}

struct digest_settings
config_digest_settings(const struct config *cf)
{
	return (struct digest_settings){ cf->path, &cf->mail, &cf->feed,
	    &cf->rules };
}

struct poll_settings
config_poll(const struct config *cf)
{
	return (struct poll_settings){ &cf->poll, &cf->import, &cf->rules };
}
