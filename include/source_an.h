/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * source_an.h: the Assemblée nationale's open data: one question file
 * (JSON, every variant of domain.md §5) and the AMO acteur and organe
 * files that name authors, groups and ministries.
 */
#ifndef QT_SOURCE_AN_H
#define QT_SOURCE_AN_H

#include <stddef.h>

#include "question.h"
#include "source.h"

struct error;

/*
 * Parses one JSON document of the AN open data. On success returns 0 and
 * sets *kind; a question fills q (question_init'ed by the caller), an
 * acteur or organe fills nr. On failure returns -1 with err naming
 * `name` and the JSON path (EXIT_DATAERR). The caller clears q and nr.
 * The parse of the an-dump and an-amo source kinds.
 */
int	source_an_parse(const char *data, size_t len, const char *name,
	    enum unit_kind *kind, struct question *q, struct name_record *nr,
	    struct error *err);
/*
 * The single-file archive of a legislature's questions (the XIV's
 * Questions_ecrites_XIV.json), read as a stream: each question is handed
 * to emit. The parse_stream of the an-archive source kind; -1 with err
 * naming the file, the question's index and uid.
 */
int	source_an_archive(const struct source_stream *, const char *name,
	    const struct source_ctx *, source_emit_fn emit, void *arg,
	    struct error *err);
/* Whether a start is the archive's: {"questionsEcrites": ... */
int	source_an_archive_is(const char *data, size_t len, int in_archive);
/*
 * Removes the header "6750. — 20 mai 2025. — " that starts the text of
 * some questions, in place; returns the string.
 */
char	*source_an_strip_header(char *);

#endif
