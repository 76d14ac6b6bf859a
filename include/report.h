/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * report.h: the overdue report: headline counts for a period, overdue
 * questions grouped by ministry, author or group (worst first), the
 * actions they call for, and how deadlines are computed. Rendered as
 * text, markdown, html (self-contained, with an SVG chart), csv or json.
 */
#ifndef QT_REPORT_H
#define QT_REPORT_H

#include <stddef.h>
#include <stdio.h>

#include "filter.h"

struct store;
struct error;
struct buf;

enum report_by {
	BY_MINISTRY,
	BY_AUTHOR,
	BY_GROUP
};

enum report_format {
	RF_TEXT,
	RF_MARKDOWN,
	RF_HTML,
	RF_CSV,
	RF_JSON,
	RF_XLSX		/* a file, not a stream: sheet.h */
};

struct report_opts {
	const struct filter	*filter;
	int			 asof;
	int			 since;		/* start of the period */
	enum report_by		 by;
	const char		*feed_url;	/* all.ics, for the footer */
	const struct rules_settings *rules;	/* for the footer; NULL: the
						 * built-in rules */
};

/* A question, as the report shows it: overdue, answered in the period,
 * or due soon. */
struct report_q {
	char	 uid[64];
	char	 assembly[8];
	int	 legislature;
	long	 number;
	char	*title;
	char	*url;
	char	*key;		/* the group it is listed under */
	char	*author;	/* name (with civility) or reference */
	char	*group;		/* the author's group, abbreviated */
	char	*ministry;	/* in charge */
	char	*answer;	/* the start of the answer's text */
	int	 published;
	int	 deadline;
	int	 days_overdue;
	int	 days_left;	/* open: days to the deadline */
	int	 days_late;	/* answered: days past the deadline, or 0 */
	int	 answered;	/* DATE_NONE if not */
	int	 signaled;	/* the JO date of its signalement, or 0 */
	int	 lapses;	/* the day a session rule lapses it, or 0 */
	int	 newly;		/* became overdue in the period */
	int	 stored_deadline;	/* the database's, for the order */
};

struct report_group {
	char	*name;
	size_t	*idx;		/* into report.q, most overdue first */
	size_t	 n;
};

struct report_counts {
	unsigned long	open;
	unsigned long	overdue;
	unsigned long	overdue_before;	/* at the start of the period */
	unsigned long	newly_overdue;
	unsigned long	answered;	/* in the period */
	unsigned long	answered_late;
	unsigned long	due_soon;	/* open, due within 14 days */
	unsigned long	signal_eligible; /* AN, overdue, not signaled */
	unsigned long	oral_eligible;	/* Sénat, overdue */
	unsigned long	by_status[8];	/* every question, by enum qstatus */
};

struct report {
	int			 asof;
	int			 since;
	enum report_by		 by;
	int			 latest_jo;	/* newest JO date in the data */
	const char		*feed_url;
	const struct rules_settings *rules;
	struct report_counts	 c;
	struct report_q		*q;		/* overdue */
	size_t			 nq;
	struct report_group	*g;
	size_t			 ng;
	struct report_q		*ans;		/* answered in the period,
						 * latest first */
	size_t			 nans;
	struct report_q		*soon;		/* open, due within 14 days,
						 * soonest first */
	size_t			 nsoon;
	char			*scope;		/* what the filter keeps, for
						 * the title; NULL: all */
};

#define REPORT_DUE_SOON		14
#define REPORT_ACTIONS_MAX	25

int	report_parse_format(const char *, enum report_format *,
	    struct error *);
int	report_parse_by(const char *, enum report_by *, struct error *);
/* Builds the report. Returns 0, or -1 with err set. */
int	report_build(struct store *, const struct report_opts *,
	    struct report *, struct error *);
void	report_free(struct report *);
/* Writes the report; color only for text on a terminal. */
int	report_write(FILE *, const struct report *, enum report_format,
	    int color);
/* Appends the inline SVG bar chart of overdue questions per group. */
void	report_chart(struct buf *, const struct report *);
/*
 * What an overdue question allows next at the as-of date, as the report
 * says it ("can be signaled by a group president", "can be converted
 * into an oral question … before it lapses on …"), appended to b; nothing
 * when its assembly allows nothing.
 */
void	report_next_step(struct buf *, const struct question *, int asof,
	    int signal_days);
/* The subject line of a digest: "QE : 12 en retard, 3 nouvelles réponses". */
char	*report_subject(const struct report *);

#endif
