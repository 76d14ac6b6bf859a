/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * stats.h: the per-ministry league table the Sénat publishes for itself
 * and the Assemblée does not: over the questions published in a period,
 * per ministry in charge, how many were answered, how many within the
 * delay, how long answers took (median, 90th percentile), and how many
 * are overdue now.
 */
#ifndef QT_STATS_H
#define QT_STATS_H

#include <stdio.h>

#include "report.h"

struct stats_row {
	char		*name;
	unsigned long	 received;
	unsigned long	 answered;
	unsigned long	 on_time;
	unsigned long	 overdue;
	int		 oldest_overdue;	/* days; -1 if none */
	double		 median;		/* days to answer; -1 if none */
	double		 p90;
	int		*days;			/* answer delays, for the above */
	size_t		 ndays;
	size_t		 capdays;
};

struct stats {
	int		 asof;
	int		 from;		/* publication period, DATE_NONE: open */
	int		 to;
	struct stats_row *rows;		/* best on-time share first */
	size_t		 n;
	size_t		*slots;		/* rows by name: index + 1, or 0 */
	size_t		 nslots;
	struct stats_row total;
	/* The chamber's name when the table is one chamber's among others
	 * ("Sénat"), for its title; NULL otherwise. */
	const char	*chamber;
};

int	stats_build(struct store *, const struct filter *, int asof, int from,
	    int to, struct stats *, struct error *);
/*
 * The same, and when split is set each chamber's own table after the
 * pooled one, in one reading of the database: v (STATS_CHAMBERS + 1
 * tables) gets the pooled table, then the chambers that have questions,
 * *n in all; none when only one chamber has any (the pooled table is
 * its own). Returns 0, or -1 with err set.
 */
#define STATS_CHAMBERS	7
int	stats_build_split(struct store *, const struct filter *, int asof,
	    int from, int to, int split, struct stats *v, size_t *n,
	    struct error *);
void	stats_free(struct stats *);
int	stats_write(FILE *, const struct stats *, enum report_format);
/*
 * Writes n tables, the first the pooled one, then each chamber's: one
 * after the other in text and markdown, in one document in HTML; JSON
 * and CSV, which are for programs, hold the first only. Returns 0, or -1
 * on a write error.
 */
int	stats_write_all(FILE *, const struct stats *const *, size_t n,
	    enum report_format);
/*
 * The median and the 90th percentile (nearest rank) of n values, which
 * it may reorder. -1 when n is 0.
 */
void	stats_percentiles(int *v, size_t n, double *median, double *p90);

#endif
