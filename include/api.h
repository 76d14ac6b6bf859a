/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * api.h: the JSON API that serve answers: /api/questions, the questions
 * that pass list's filters (or match search words) a page at a time, in
 * the bytes of "list --format json" (or "search --format json"), and
 * /api/questions/{uid}, in those of "show --format json".
 */
#ifndef QT_API_H
#define QT_API_H

#include <stddef.h>

struct buf;
struct error;
struct filter;
struct store;

#define API_PER_PAGE		100	/* by default */
#define API_PER_PAGE_MAX	1000

/*
 * The page'th page (from 1) of per_page questions passing the filter at
 * asof, in list's order, or the search's for words (NULL: none); *total
 * gets how many there are in all. Returns 0, or -1 with err set
 * (EXIT_USAGE for words that make no query).
 */
int	api_questions(struct store *, const struct filter *, const char *words,
	    int asof, size_t page, size_t per_page, struct buf *,
	    size_t *total, struct error *);
/* One question by its row: 1, 0 when there is none, -1 with err set. */
int	api_question(struct store *, long id, int asof, struct buf *,
	    struct error *);

#endif
