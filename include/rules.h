/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * rules.h: the deadline engine. A rule is data: which questions it
 * covers (assembly, type, publication dates), the event that starts the
 * clock, a period, an optional extension on request, and the article
 * that sets it. The status of a question is computed at an "as of" date.
 */
#ifndef QT_RULES_H
#define QT_RULES_H

#include <stddef.h>
#include <stdio.h>


struct question;
struct buf;

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

/*
 * A rules file's words for a period ("2 months", "1 working day", "none")
 * and a bound ("", a date, an_reform_date, senat_reform_date). The
 * parsers return NULL, or what is wrong for a message; the plural of a
 * unit is optional.
 */
void		 rules_period_text(const struct rule_period *, char *buf,
		    size_t size);
const char	*rules_period_parse(const char *v, struct rule_period *);
const char	*rules_limit_text(const struct rule_limit *,
		    char *buf /* DATE_ISO_LEN */);
const char	*rules_limit_parse(const char *v, struct rule_limit *);

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

enum qstatus {
	QS_OPEN,
	QS_OVERDUE,
	QS_ANSWERED,
	QS_ANSWERED_LATE,
	QS_WITHDRAWN,
	QS_LAPSED,
	QS_CLOSED,
	QS_UNPUBLISHED		/* not yet published as of the date */
};
#define QS_COUNT	8

/* The state of a question at a date; -1 stands for "not applicable". */
struct qstate {
	enum qstatus	status;
	int		days_left;
	int		days_overdue;
	int		days_late;
	int		signal_overdue;	/* -1 when not signaled */
	int		closed;		/* effective closure date or NONE */
	int		deadline;	/* in force at the date, or NONE */
	int		counted_from;	/* the day that deadline counts from */
};

/* The article that sets the signalement window. */
extern const char *const rules_signal_article;

/* The default settings. */
void		 rules_defaults(struct rules_settings *);
/* A short text that changes whenever a setting that moves a deadline
 * changes; stored so a change of settings recomputes every deadline. */
void		 rules_fingerprint(const struct rules_settings *, char *buf,
		    size_t size);
/* The rule for a question, or NULL when none applies. */
const struct rule *rules_find(const struct rules_settings *,
		    const struct question *);
/* The rule with that id in the set in force, or NULL. */
const struct rule *rules_by_id(const struct rules_settings *,
		    const char *id);
/* The rules in force, in order: the rules file's, or the built-in ones.
 * Valid while the settings are. */
const struct rule *rules_set(const struct rules_settings *, size_t *n);
/* Writes the rules in force as [rule ID] sections of a rules file, each
 * line after prefix ("; " comments them out). */
void		 rules_dump(const struct rules_settings *, FILE *,
		    const char *prefix);

/*
 * Sets q->rule (a copy of the rule's id; empty when none), q->deadline, q->deadline_ext, q->signal_deadline and
 * q->lapse_date from the question's dates. A question with no rule or no
 * publication date gets no deadline.
 */
void		 rules_apply(const struct rules_settings *, struct question *);
/*
 * Records as anomalies what the dates of a question contradict: an
 * answer, a closure or a signalement before the publication, a
 * publication outside its legislature. The question stands as the data
 * says.
 */
void		 rules_anomalies(struct question *);
/* The state of a question (rules already applied) at a date. */
/* Changes of ministry counted per question when they restart the clock;
 * later ones are not (the last counted stands). */
#define RULES_MAX_RESTARTS	16
/* The deadline in force at a day: with changes of ministry that restart
 * the clock, the count started last by that day (the first before any);
 * *from (if not NULL) is the day that count started. */
int		 rules_deadline_at(const struct question *, int day, int *from);
/* Those counts, in order: the day each counts from and its deadline; 0
 * when the clock never restarted. */
size_t		 rules_counts(const struct question *, int *from, int *deadline,
		    size_t max);
void		 rules_state(const struct question *, int asof,
		    struct qstate *);
/* The status in the output language, for people ("en retard"). */
const char	*rules_status_label(enum qstatus);
/* "open", "overdue", ... as in the JSON contract. */
const char	*rules_status_name(enum qstatus);
/* Parses a status name; -1 if unknown. */
int		 rules_status_parse(const char *);
/* Adds a period to a date. */
int		 rules_add(int day, int amount, enum rule_unit);
/* The last day of a legislature, or DATE_NONE while it runs. */
int		 rules_legislature_end(const char *assembly, int legislature);
/*
 * The day a question published on that day lapses under a session rule:
 * the opening of the first ordinary session (the first working day of
 * October) when it is more than years old. Published 2023-09-30, 2 years:
 * 2025-10-01; published 2023-10-02: 2026-10-01.
 */
int		 rules_session_lapse(int published, int years);
/* The legislature running at a date (AN), or 0. */
int		 rules_legislature_at(const char *assembly, int day);
/*
 * Appends the reasoning behind the deadline and status, e.g.
 * "published 2025-05-20 → deadline 2025-07-20 (art. 135 al. 6 RAN, two
 * months) → overdue by 496 days as of 2026-11-28".
 */
void		 rules_explain(const struct rules_settings *,
		    const struct question *, int asof, struct buf *);

/*
 * The timeline of a question: each event (its label and detail in the
 * reader's language), with the deadlines placed among them, in order;
 * cb gets each step's date (DATE_NONE when unknown) and its text.
 */
typedef void	(*rules_step_cb)(int date, const char *what, void *arg);
void		 rules_timeline(const struct question *, rules_step_cb,
		    void *arg);

#endif
