/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * api.c: the JSON API's bodies, written by the lister and the question
 * formatter of the command line, so that both say the same bytes.
 */
#include "api.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "error.h"
#include "filter.h"
#include "format.h"
#include "question.h"
#include "rules.h"
#include "search.h"
#include "store.h"
#include "util.h"

/* A memory stream's bytes into the buffer. */
static void
take(struct buf *b, char *data, size_t len)
{
	buf_add(b, data, len);
	free(data);
}

static int	questions_page(struct store *, const struct filter *,
		    const char *, int, size_t, size_t, struct buf *, size_t *,
		    struct error *);

/* The selection, its total and the rows of the page: one snapshot. */
int
api_questions(struct store *st, const struct filter *f, const char *words,
    int asof, size_t page, size_t per_page, struct buf *b, size_t *total,
    struct error *err)
{
	int	snap, rc;

	if ((snap = store_read_begin(st, err)) == -1)
		return -1;
	rc = questions_page(st, f, words, asof, page, per_page, b, total, err);
	store_read_end(st, snap);
	return rc;
}

static int
questions_page(struct store *st, const struct filter *f, const char *words,
    int asof, size_t page, size_t per_page, struct buf *b, size_t *total,
    struct error *err)
{
	struct search_result	 res;
	struct lister		*l;
	struct question		 q;
	struct qstate		 qs;
	long			*ids = NULL;
	size_t			 n = 0, i, first = (page - 1) * per_page;
	char			*data = NULL;
	size_t			 len = 0;
	FILE			*mem;
	int			 rc = -1;

	memset(&res, 0, sizeof(res));
	if (words != NULL) {
		if (search_run(st, words, f, asof, first, per_page, &res,
		    err) == -1)
			return -1;
		*total = res.total;
	} else {
		if (filter_select(st, f, asof, &ids, &n, err) == -1)
			return -1;
		*total = n;
	}
	mem = open_memstream(&data, &len);
	l = lister_start(mem, LIST_JSON, 0, 0);
	if (words != NULL)
		lister_hits(l);
	for (i = 0; words != NULL ? i < res.n : i < per_page &&
	    first + i < n; i++) {
		if (store_get_by_id(st, words != NULL ? res.v[i].id :
		    ids[first + i], 0, &q, err) != 1)
			goto out;
		rules_state(&q, asof, &qs);
		if (words != NULL)
			lister_hit(l, &q, &qs, res.v[i].rank, res.v[i].snippet);
		else
			lister_row(l, &q, &qs);
		question_clear(&q);
	}
	rc = 0;
out:
	lister_end(l);
	fclose(mem);
	if (rc == 0)
		take(b, data, len);
	else
		free(data);
	free(ids);
	search_result_free(&res);
	return rc;
}

int
api_question(struct store *st, long id, int asof, struct buf *b,
    struct error *err)
{
	struct question	 q;
	struct qstate	 qs;
	json_t		*o;
	char		*s;
	int		 found;

	if ((found = store_get_by_id(st, id, 0, &q, err)) != 1)
		return found;
	rules_state(&q, asof, &qs);
	o = format_question(&q, &qs);
	s = json_dumps(o, JSON_INDENT(2));
	buf_adds(b, s);
	buf_addc(b, '\n');
	free(s);
	json_decref(o);
	question_clear(&q);
	return 1;
}
