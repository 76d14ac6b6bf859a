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
 * Removes the header "6750. — 20 mai 2025. — " that starts the text of
 * some questions, in place; returns the string.
 */
char	*source_an_strip_header(char *);

#endif
