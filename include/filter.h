/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * filter.h: which questions a command works on (--status, --author,
 * --group, --ministry, --rubric, --due-within, --legislature,
 * --assembly), shared by list, ics, report and digest.
 */
#ifndef QT_FILTER_H
#define QT_FILTER_H

#include "rules.h"

struct question;
struct error;
struct store;

struct filter {
	unsigned	 statuses;	/* bit per enum qstatus; 0: any */
	char		*author;	/* PA ref, or part of the name */
	char		*group;		/* abbreviation or part of the name */
	char		*ministry;	/* part of the ministry, asked or now */
	char		*rubric;	/* part of the rubric */
	int		 due_within;	/* -1: no limit; else open and due
					   within that many days */
	int		 legislature;	/* 0: any */
	char		 assembly[8];	/* "": any */
};

void	filter_init(struct filter *);
void	filter_free(struct filter *);
/* Whether the filter passes every question with a JO date. */
int	filter_empty(const struct filter *);
/*
 * Sets one filter from its option name ("status", "author", ...) and
 * value. Returns 1 if the option is a filter, 0 if not, -1 with err set
 * (EXIT_USAGE) for a bad value.
 */
int	filter_option(struct filter *, const char *name, const char *value,
	    struct error *);
/* Whether a question, in the given state, passes. */
int	filter_match(const struct filter *, const struct question *,
	    const struct qstate *);

/*
 * Whether each name the filter gives (author, group, ministry) matches
 * one the database knows (its questions, acteurs and organes). A value
 * that matches none is an error (EXIT_USAGE) naming the closest known
 * values, with the filter's field ("group") in field; a known one with
 * no questions is not an error. A database that knows no names yet
 * accepts every value. Returns 0 or -1 (err set; field empty for a
 * database error).
 */
int	filter_check(struct store *, const struct filter *, char *field,
	    size_t size, struct error *);

/*
 * The row ids of the questions that pass, in order of urgency: open ones
 * due soonest first, then overdue ones most overdue first, then answered
 * late, answered, and closed ones, most recent first. *ids is allocated
 * (the caller frees). Returns 0, or -1 with err set.
 */
int	filter_select(struct store *, const struct filter *, int asof,
	    long **ids, size_t *n, struct error *);
/*
 * A long-lived reader (serve's connections) keeps an index of every
 * question's status at the date, made again when the date or the data
 * changed: filter_select and search then read only the rows they show.
 */
void	filter_index_enable(struct store *);
struct findex;
/*
 * The connection's index, current at asof for the snapshot the caller
 * holds (store_read_begin); NULL when the connection keeps none, or on
 * an error (*failed set, err naming it).
 */
const struct findex *filter_index(struct store *, int asof, struct error *,
	    int *failed);
/*
 * Whether question id passes the filter, by the index: 1 it passes, 0 it
 * does not (or is not in the database), 3 it passes the index's tests
 * and its names are to be tested on its row.
 */
int	filter_index_test(const struct findex *, const struct filter *,
	    long id);

#endif
