/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * search.c: a user's words into an FTS5 query, the matches through the
 * filters, and snippets for a terminal or a page.
 */
#include "search.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "filter.h"
#include "question.h"
#include "rules.h"
#include "store.h"
#include "util.h"

#define HIT_OPEN	'\x02'
#define HIT_CLOSE	'\x03'

/* Appends one term as an FTS5 string: "word", a " doubled inside. */
static void
add_string(struct buf *b, const char *s, size_t n)
{
	size_t	i;

	buf_addc(b, '"');
	for (i = 0; i < n; i++) {
		if (s[i] == '"')
			buf_addc(b, '"');
		buf_addc(b, s[i]);
	}
	buf_addc(b, '"');
}

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	    c == '\v';
}

/* Whether a term holds a letter or a digit (anything but punctuation
 * and spaces, in ASCII; any byte of a UTF-8 sequence counts). */
static int
has_word(const char *s, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		unsigned char	c = (unsigned char)s[i];

		if (c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' &&
		    (c | 0x20) <= 'z'))
			return 1;
	}
	return 0;
}

char *
search_query(const char *words, struct error *err)
{
	struct buf	 pos, neg;
	const char	*p = words, *start;
	size_t		 n, terms = 0, npos = 0;
	int		 phrase, not, prefix;

	if (strlen(words) > SEARCH_MAX_BYTES) {
		error_set(err, EXIT_USAGE, "search: %zu bytes of words; at "
		    "most %d", strlen(words), SEARCH_MAX_BYTES);
		return NULL;
	}
	buf_init(&pos);
	buf_init(&neg);
	for (;;) {
		while (is_space(*p))
			p++;
		if (*p == '\0')
			break;
		not = *p == '-';
		if (not)
			p++;
		phrase = *p == '"';
		if (phrase) {
			start = ++p;
			while (*p != '\0' && *p != '"')
				p++;
			n = (size_t)(p - start);
			if (*p == '"')
				p++;
		} else {
			start = p;
			while (*p != '\0' && !is_space(*p))
				p++;
			n = (size_t)(p - start);
		}
		prefix = !phrase && n > 1 && start[n - 1] == '*';
		if (prefix)
			n--;
		if (!has_word(start, n))
			continue;
		if (++terms > SEARCH_MAX_TERMS) {
			error_set(err, EXIT_USAGE, "search: more than %d words",
			    SEARCH_MAX_TERMS);
			goto fail;
		}
		if (not) {
			buf_adds(&neg, " NOT ");
			add_string(&neg, start, n);
		} else {
			if (npos++ > 0)
				buf_addc(&pos, ' ');
			add_string(&pos, start, n);
		}
		if (prefix)
			buf_addc(not ? &neg : &pos, '*');
	}
	if (npos == 0) {
		error_set(err, EXIT_USAGE, terms > 0 ? "search: only words to "
		    "exclude; give one to look for" : "search: no word to look "
		    "for");
		goto fail;
	}
	if (neg.len > 0) {
		/* NOT binds tighter than the implicit AND: group the wanted. */
		struct buf	q;

		buf_init(&q);
		buf_printf(&q, "(%s)%s", pos.data, neg.data);
		buf_free(&pos);
		buf_free(&neg);
		return buf_steal(&q);
	}
	buf_free(&neg);
	return buf_steal(&pos);
fail:
	buf_free(&pos);
	buf_free(&neg);
	return NULL;
}

struct collect {
	struct store		*st;
	const struct filter	*f;
	int			 asof;
	size_t			 offset, limit;
	int			 all;	/* the filter passes any question */
	const struct findex	*idx;	/* the connection's, or NULL */
	size_t			 seen;
	struct search_result	*res;
	struct error		*err;
};

static int
collect_one(long id, double rank, void *arg)
{
	struct collect		*c = arg;
	struct search_hit	*h;
	struct question		 q;
	struct qstate		 st;
	int			 pass, found;

	if (!c->all) {
		/* The index of statuses, where the connection keeps one,
		 * spares reading the row of each match. */
		pass = c->idx != NULL ? filter_index_test(c->idx, c->f, id) :
		    2;
		if (pass == 0)
			return 0;
		if (pass != 1) {
			if ((found = store_get_by_id(c->st, id, 0, &q,
			    c->err)) == -1)
				return -1;
			if (found == 0)	/* a text whose question went */
				return 0;
			rules_state(&q, c->asof, &st);
			pass = filter_match(c->f, &q, &st);
			question_clear(&q);
			if (!pass)
				return 0;
		}
		c->res->total++;
	}
	if (c->seen++ < c->offset)
		return 0;
	if (c->limit > 0 && c->res->n >= c->limit)
		return c->all;	/* the index gave the total: enough */
	c->res->v = xrealloc(c->res->v, (c->res->n + 1) * sizeof(*h));
	h = &c->res->v[c->res->n++];
	h->id = id;
	h->rank = rank;
	h->snippet = NULL;
	return 0;
}

int
search_run(struct store *st, const char *words, const struct filter *f,
    int asof, size_t offset, size_t limit, struct search_result *res,
    struct error *err)
{
	struct collect	 c;
	char		*match;
	size_t		 i, matches = 0;
	int		 rc, snap, failed = 0;

	memset(res, 0, sizeof(*res));
	if ((match = search_query(words, err)) == NULL)
		return -1;
	/* The count, the matches' statuses and the page: one snapshot. */
	if ((snap = store_read_begin(st, err)) == -1) {
		free(match);
		return -1;
	}
	memset(&c, 0, sizeof(c));
	c.st = st;
	c.f = f;
	c.asof = asof;
	c.offset = offset;
	c.limit = limit;
	c.res = res;
	c.err = err;
	/*
	 * Without a filter, the index counts and ranks alone: only the page
	 * asked for is read. A filter tests each match: by the index of
	 * statuses serve's connections keep, else on its row (its status
	 * at the date, its names).
	 */
	c.all = filter_empty(f);
	rc = 0;
	if (!c.all && (c.idx = filter_index(st, asof, err, &failed)) == NULL &&
	    failed)
		rc = -1;
	if (rc == 0)
		rc = store_search_count(st, match, &matches, err);
	if (c.all)
		res->total = matches;
	/* Scoring every match of a word in most questions costs more than a
	 * person waits, for an order that then means little. */
	res->newest = matches > SEARCH_RANK_MAX;
	if (rc == 0)
		rc = store_search(st, match, res->newest, c.all && limit > 0 ?
		    offset + limit : 0, collect_one, &c, err);
	if (rc == 1)
		rc = 0;
	/* Newest first, the page's scores only. */
	if (rc == 0 && res->newest && res->n > 0) {
		long	*ids = xcalloc(res->n, sizeof(*ids));
		double	*ranks = xcalloc(res->n, sizeof(*ranks));

		for (i = 0; i < res->n; i++)
			ids[i] = res->v[i].id;
		rc = store_search_ranks(st, match, ids, ranks, res->n, err);
		for (i = 0; rc == 0 && i < res->n; i++)
			res->v[i].rank = ranks[i];
		free(ids);
		free(ranks);
	}
	/* The snippets of the page only: each is the costly part. */
	for (i = 0; rc == 0 && i < res->n; i++)
		if ((res->v[i].snippet = store_search_snippet(st, match,
		    res->v[i].id, err)) == NULL)
			rc = -1;
	store_read_end(st, snap);
	free(match);
	if (rc != 0) {
		search_result_free(res);
		return -1;
	}
	return 0;
}

void
search_result_free(struct search_result *res)
{
	size_t	i;

	for (i = 0; i < res->n; i++)
		free(res->v[i].snippet);
	free(res->v);
	memset(res, 0, sizeof(*res));
}

/* Hits next to each other, as a phrase's words, become one. */
static char *
joined(const char *s)
{
	char	*out = xstrdup(s), *w = out;
	size_t	 n;

	while (*s != '\0') {
		if (*s == HIT_CLOSE) {
			n = strspn(s + 1, " ");
			if (s[1 + n] == HIT_OPEN) {
				memset(w, ' ', n);
				w += n;
				s += n + 2;
				continue;
			}
		}
		*w++ = *s++;
	}
	*w = '\0';
	return out;
}

void
search_snippet_html(struct buf *b, const char *snippet)
{
	const char	*p, *s;
	char		*part, *all = joined(snippet);
	int		 open = 0;

	for (s = all; *s != '\0';) {
		for (p = s; *p != '\0' && *p != HIT_OPEN && *p != HIT_CLOSE; p++)
			continue;
		part = xstrndup(s, (size_t)(p - s));
		buf_add_html(b, part);
		free(part);
		if (*p == HIT_OPEN && !open) {
			buf_adds(b, "<mark>");
			open = 1;
		} else if (*p == HIT_CLOSE && open) {
			buf_adds(b, "</mark>");
			open = 0;
		}
		s = *p != '\0' ? p + 1 : p;
	}
	if (open)
		buf_adds(b, "</mark>");
	free(all);
}

char *
search_snippet_text(const char *snippet, const char *open, const char *close)
{
	struct buf	 b;
	char		*all = joined(snippet);
	const char	*s;

	buf_init(&b);
	for (s = all; *s != '\0'; s++)
		if (*s == HIT_OPEN)
			buf_adds(&b, open);
		else if (*s == HIT_CLOSE)
			buf_adds(&b, close);
		else
			buf_addc(&b, *s);
	free(all);
	return buf_steal(&b);
}
