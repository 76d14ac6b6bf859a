/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * source.h: the kinds of sources, as rows of a table.
 *
 * A source kind says how a unit (a file, or one entry of an archive) is
 * recognised and how it is parsed into a question or a name record
 * (question.h). `import`
 * asks the table which kind a unit is; `poll` and `[source NAME] kind =`
 * name a row. A second parliament is new rows, not new branches.
 */
#ifndef QT_SOURCE_H
#define QT_SOURCE_H

#include <stddef.h>
#include <sys/types.h>

struct error;
struct name_record;
struct question;

/* What a parse may need from the configuration. */
struct source_ctx {
	const char	*sort_labels;	/* [senat] sort_labels, or NULL */
};

/* What one unit held. */
enum unit_kind {
	UNIT_QUESTION,
	UNIT_NAME
};

/*
 * A unit too large to hold (a database dump), read as a stream as many
 * times as its parser needs: rewind starts it again from its first byte.
 * read and rewind return -1 with err set naming the unit.
 */
struct source_stream {
	ssize_t	(*read)(void *cookie, void *buf, size_t size,
		    struct error *err);
	int	(*rewind)(void *cookie, struct error *err);
	void	*cookie;
};

/* Takes one question of a stream (the parser clears it after); -1 with
 * err set stops the parse. */
typedef int	(*source_emit_fn)(struct question *, void *arg,
		    struct error *err);

struct source_kind {
	const char	*name;		/* "an-dump", as [source] kind says */
	const char	*assembly;	/* the assembly it feeds */
	const char	*what;		/* what it reads, for help */
	const char	*suffix;	/* of a download: ".zip", ".csv" */
	/* Fetches the pages of watched questions ([source] url is then a
	 * template, and optional). */
	int		 pages;
	/* Whether a unit is this kind's; in_archive: an entry of a zip. */
	int		 (*recognise)(const char *data, size_t len,
			    int in_archive);
	/* Parses a unit named name into q or nr, setting *kind. Returns 0,
	 * or -1 with err set (naming name). */
	int		 (*parse)(const char *data, size_t len,
			    const char *name, enum unit_kind *kind,
			    struct question *q, struct name_record *nr,
			    struct error *err);
	/* Instead of parse, for a unit that holds many questions (a CSV):
	 * fills *rows with *nrows questions; the caller clears them. */
	int		 (*parse_rows)(const char *data, size_t len,
			    const char *name, const struct source_ctx *ctx,
			    struct question **rows, size_t *nrows,
			    struct error *err);
	/* Called once before threads parse, or NULL. */
	void		 (*init)(void);
	/* Instead of parse, for a unit read as a stream (a .sql file or
	 * zip entry): hands each question to emit, holding no more than a
	 * row and the small tables in memory. recognise sees its start. */
	int		 (*parse_stream)(const struct source_stream *,
			    const char *name, const struct source_ctx *ctx,
			    source_emit_fn emit, void *arg,
			    struct error *err);
};

/* The kind of that name, or NULL. */
const struct source_kind	*source_kind_find(const char *name);
/* The i-th row, or NULL past the last. */
const struct source_kind	*source_kind_at(size_t i);
/* The first kind that recognises a unit, or NULL. */
const struct source_kind	*source_kind_of(const char *data, size_t len,
				    int in_archive);
/* Runs every kind's init; before the first parsing thread starts. */
void				 source_kinds_init(void);
/* The names, "an-dump, an-amo or an-page", into buf of size bytes. */
void				 source_kind_names(char *buf, size_t size);

#endif
