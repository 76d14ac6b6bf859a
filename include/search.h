/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * search.h: full-text search of the questions' subjects, rubrics,
 * headings, texts and answers, for "qetracker search" and the site's
 * /search page.
 *
 * A user's words become an FTS5 query in which no word is an operator:
 * every word is a quoted string, so that AND, OR, NEAR, a column name
 * or a stray parenthesis is only a word. What the query language keeps:
 * "a phrase" in double quotes, a word ending in * for a prefix, and a
 * word starting with - for a word that must not appear. Accents and
 * case do not count (the index folds them).
 */
#ifndef QT_SEARCH_H
#define QT_SEARCH_H

#include <stddef.h>

struct buf;
struct error;
struct filter;
struct store;

#define SEARCH_MAX_BYTES	512	/* of the words typed */
#define SEARCH_MAX_TERMS	32

/*
 * The FTS5 query of a user's words, newly allocated; NULL with err set
 * (EXIT_USAGE) when there is no word to look for, only excluded words,
 * or more than the limits above.
 */
char	*search_query(const char *words, struct error *);

struct search_hit {
	long	 id;		/* the question's row */
	double	 rank;		/* bm25: lower is better */
	char	*snippet;	/* hits between \x02 and \x03 */
};

/* Past this many matches, the newest come first rather than the best:
 * scoring each would take longer than a person waits. */
#define SEARCH_RANK_MAX		2000

struct search_result {
	struct search_hit	*v;	/* best first, at most the limit */
	size_t			 n;
	size_t			 total;	/* every question that matched */
	int			 newest; /* newest first: too many to rank */
};

/*
 * The questions matching the words that pass the filter at asof, best
 * first; from the offset-th (0 for the first) at most limit of them
 * (0: no limit). Returns 0, or -1 with err set (EXIT_USAGE for words
 * that make no query).
 */
int	search_run(struct store *, const char *words, const struct filter *,
	    int asof, size_t offset, size_t limit, struct search_result *,
	    struct error *);
void	search_result_free(struct search_result *);

/* A snippet as HTML: its text escaped, each hit in <mark>. */
void	search_snippet_html(struct buf *, const char *snippet);
/* A snippet as text, each hit between open and close ("" for none). */
char	*search_snippet_text(const char *snippet, const char *open,
	    const char *close);

#endif
