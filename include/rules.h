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

#include "config.h"

struct question;
struct buf;

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
