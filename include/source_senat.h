/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * source_senat.h: the Sénat's open data. The yearly CSV
 * questions-depuis-un-an.csv (senat.md §1.8): Windows-1252 or UTF-8,
 * ";"-separated, 21 columns read by their names.
 */
#ifndef QT_SOURCE_SENAT_H
#define QT_SOURCE_SENAT_H

#include <stddef.h>

#include "source.h"

/* Whether a unit starts with the CSV's header ("Sort;Nature;…"). */
int	source_senat_csv_is(const char *data, size_t len, int in_archive);
/*
 * Parses the CSV into *rows (each question_init'ed and filled; the
 * caller clears each and frees the array). Rows of other natures than
 * QE are returned with their type, to be counted and skipped. Returns 0,
 * or -1 with err naming name, the line and the column (EXIT_DATAERR).
 */
int	source_senat_csv(const char *data, size_t len, const char *name,
	    const struct source_ctx *ctx, struct question **rows,
	    size_t *nrows, struct error *err);
/*
 * The full dump (senat.md §1.3): whether a unit starts like a PostgreSQL
 * dump with COPY blocks; and its parse, as a stream in two passes: the
 * small tables (sortquestion, the) and the answers' dates (tam_reponses)
 * first, then each row of tam_questions as a question, columns by the
 * COPY header's names. Other natures than QE are handed over with their
 * type only, to be counted and skipped. Returns 0, or -1 with err
 * naming the unit, the line, the table and the column (EXIT_DATAERR).
 */
int	source_senat_dump_is(const char *data, size_t len, int in_archive);
int	source_senat_dump(const struct source_stream *, const char *name,
	    const struct source_ctx *ctx, source_emit_fn emit, void *arg,
	    struct error *err);
/*
 * How a Sénat sort label reads (senat.md §1.5): the map of
 * [senat] sort_labels ("label=status, ...") first, then by keyword
 * without case or accents: "cours" or "attente" open, "réponse" or
 * "reçue" answered, "retir" withdrawn, "cadu" (caduc, caduque) lapsed.
 * Returns the closure (CLOSURE_NONE for open), or -1 for a label
 * nothing maps.
 */
int	source_senat_sort(const char *label, const char *map);
/*
 * A question page of senat.fr (senat.md §2): whether a unit is one (HTML
 * whose title ends "- Sénat", or that says "Publiée dans le JO Sénat");
 * and its parse into one written question. Its reference comes from its
 * name (qSEQ251006436.html, as its address) or its canonical link.
 * Returns 0, or -1 with err naming name and what is missing (EXIT_DATAERR).
 */
int	source_senat_page_is(const char *data, size_t len, int in_archive);
int	source_senat_page(const char *data, size_t len, const char *name,
	    enum unit_kind *kind, struct question *q, struct name_record *nr,
	    struct error *err);

#endif
