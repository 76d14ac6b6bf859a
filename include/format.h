/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * format.h: a question as the machine-readable object of the JSON
 * contract (architecture.md), and lists of them as a terminal table,
 * a JSON array or RFC 4180 CSV.
 */
#ifndef QT_FORMAT_H
#define QT_FORMAT_H

#include <stdio.h>

#include <jansson.h>

struct question;
struct qstate;
struct error;

enum list_format {
	LIST_TABLE,
	LIST_JSON,
	LIST_CSV
};

/* Parses "table", "json" or "csv"; -1 with err set (EXIT_USAGE). */
int	 format_parse(const char *, enum list_format *, struct error *);
/*
 * The JSON object of a question at an as-of date; unknown values are
 * null. The caller owns the reference (json_decref).
 */
json_t	*format_question(const struct question *, const struct qstate *);

struct lister;

/*
 * Starts a list on fp. width is the table width in columns (0: no
 * limit); color draws overdue rows in red (terminals only).
 */
struct lister	*lister_start(FILE *, enum list_format, int width, int color);
void		 lister_row(struct lister *, const struct question *,
		    const struct qstate *);
/*
 * A search's hit: the row, then its snippet (a table's next line, hits
 * in bold or between brackets), and in JSON and CSV its score (higher is
 * better), snippet and snippet_html (an HTML fragment, hits in <mark>).
 */
void		 lister_hit(struct lister *, const struct question *,
		    const struct qstate *, double rank, const char *snippet);
/* Says that the list is a search's, so that an empty CSV names the
 * search's columns too. */
void		 lister_hits(struct lister *);
/* Ends the list (closing bracket, count line) and frees the lister. */
void		 lister_end(struct lister *);

#endif
