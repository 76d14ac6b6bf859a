/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * pgcopy.h: the data of a PostgreSQL dump in COPY form, read as a stream.
 *
 * A dump is SQL with, for each table, a block
 *
 *	COPY [schema.]table (col, col, ...) FROM stdin;
 *	value<TAB>value<TAB>...
 *	\.
 *
 * whose values are in COPY's text format: \N alone is NULL, and
 * \b \f \n \r \t \v \\, \ooo (octal) and \xhh (hex) are escapes. The
 * reader hands out one block's header, then its rows, a line at a time
 * from a read callback, so a dump of any size is read in the memory of
 * its longest line. The SQL around the blocks is skipped, except
 * "SET client_encoding", which says how to read the text (UTF8, LATIN1
 * and WIN1252 are known; anything else is an error).
 */
#ifndef QT_PGCOPY_H
#define QT_PGCOPY_H

#include <stddef.h>
#include <sys/types.h>

struct error;
struct pgcopy;

/* Reads up to size bytes into buf: the count, 0 at the end, -1 on error
 * (with err set, naming the input). */
typedef ssize_t	(*pgcopy_read_fn)(void *cookie, void *buf, size_t size,
		    struct error *err);

/* A reader of the stream read gives; name stands for it in messages. */
struct pgcopy	*pgcopy_open(pgcopy_read_fn read, void *cookie,
		    const char *name);
void		 pgcopy_close(struct pgcopy *);
/*
 * Moves to the next COPY block: 1 with *table (its name without the
 * schema) and *cols, *ncols (the header's column names, owned by the
 * reader until the next call); 0 at the end of the dump; -1 with err set
 * (EXIT_DATAERR) on a malformed header or line, or the read's error. The
 * rows of the block before, if not read, are skipped.
 */
int		 pgcopy_next(struct pgcopy *, const char **table,
		    char *const **cols, size_t *ncols, struct error *err);
/*
 * The next row of the block: 1 with *fields, one per column, each
 * unescaped and in UTF-8, NULL for \N (owned by the reader until the next
 * call); 0 at the block's "\."; -1 with err set naming the line and the
 * column: a row with another number of fields, a bad escape, text that
 * is not in the encoding, or a dump that ends before "\.".
 */
int		 pgcopy_row(struct pgcopy *, char *const **fields,
		    struct error *err);
/*
 * The same in two steps, for a reader that needs few fields of most
 * rows: the row split (its fields still escaped, NULL for \N; a wrong
 * number of fields is an error here), then each field wanted decoded in
 * place (unescaped, in UTF-8), -1 with err set as pgcopy_row says.
 */
int		 pgcopy_row_raw(struct pgcopy *, char *const **fields,
		    struct error *err);
int		 pgcopy_decode(struct pgcopy *, size_t col, struct error *err);
/* The line read last (1 is the first), for messages. */
long		 pgcopy_line(const struct pgcopy *);
/* The index of a column of the block by its name, or -1. */
int		 pgcopy_column(const struct pgcopy *, const char *name);

#endif
