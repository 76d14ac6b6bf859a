/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * source.c: the table of source kinds.
 *
 * The Assemblée's open data comes as three kinds: the question dumps
 * (JSON documents, one a question, in a zip), the AMO files (acteurs and
 * organes, JSON too) and the public page of one question (HTML, or its
 * text rendering). The Sénat's comes as its yearly CSV (one file, every
 * question of the year), its full dump (a PostgreSQL dump) and the page of
 * one question. A unit is given to the first row that recognises it,
 * so the more particular kinds come first.
 */
#include "source.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "an_page.h"
#include "source_an.h"
#include "source_senat.h"

static const char *
skip_space(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' ||
	    *p == '\n'))
		p++;
	return p;
}

/* JSON starts with { or [ after white space (or is empty). */
static int
an_json(const char *data, size_t len, int in_archive)
{
	const char	*p = skip_space(data, data + len);

	/* An archive holds only JSON: anything else is malformed JSON. */
	return in_archive || p == data + len || *p == '{' || *p == '[';
}

/* An AMO document's first member is "acteur" or "organe". */
static int
an_amo(const char *data, size_t len, int in_archive)
{
	const char	*p = skip_space(data, data + len), *end = data + len;
	size_t		 n;

	(void)in_archive;
	if (p == end || *p++ != '{')
		return 0;
	p = skip_space(p, end);
	if (p == end || *p++ != '"')
		return 0;
	n = (size_t)(end - p);
	return (n > 7 && memcmp(p, "acteur\"", 7) == 0) ||
	    (n > 7 && memcmp(p, "organe\"", 7) == 0);
}

/* A page is never read from an archive. */
static int
an_page(const char *data, size_t len, int in_archive)
{
	(void)data;
	(void)len;
	return !in_archive;
}

static const struct source_kind kinds[] = {
	{ "an-amo", "AN", "the Assemblée's AMO acteurs and organes (JSON, "
	    "or zips of them)", ".zip", 0, an_amo, source_an_parse, NULL,
	    NULL, NULL },
	{ "an-archive", "AN", "the Assemblée's single-file archive of a "
	    "legislature's questions (Questions_ecrites_XIV.json, or its "
	    "zip)", ".zip", 0, source_an_archive_is, NULL, NULL, NULL,
	    source_an_archive },
	{ "an-dump", "AN", "the Assemblée's question dumps (JSON, or zips of "
	    "them)", ".zip", 0, an_json, source_an_parse, NULL, NULL, NULL },
	{ "senat-dump", "SENAT", "the Sénat's full dump of its questions "
	    "(questions.zip: questions.sql, a PostgreSQL dump)", ".zip", 0,
	    source_senat_dump_is, NULL, NULL, NULL, source_senat_dump },
	{ "senat-csv", "SENAT", "the Sénat's CSV of the year's questions "
	    "(questions-depuis-un-an.csv)", ".csv", 0, source_senat_csv_is,
	    NULL, source_senat_csv, NULL, NULL },
	{ "senat-page", "SENAT", "the Sénat's page of a watched question "
	    "(HTML, named after its address: qSEQ251006436.html)", ".html", 1,
	    source_senat_page_is, source_senat_page, NULL, an_page_init,
	    NULL },
	{ "an-page", "AN", "the Assemblée's page of a watched question (HTML, "
	    "or its text)", ".html", 1, an_page, an_page_parse, NULL,
	    an_page_init, NULL },
};

#define NKINDS	(sizeof(kinds) / sizeof(kinds[0]))

const struct source_kind *
source_kind_find(const char *name)
{
	size_t	i;

	for (i = 0; name != NULL && i < NKINDS; i++)
		if (strcmp(kinds[i].name, name) == 0)
			return &kinds[i];
	return NULL;
}

const struct source_kind *
source_kind_at(size_t i)
{
	return i < NKINDS ? &kinds[i] : NULL;
}

const struct source_kind *
source_kind_of(const char *data, size_t len, int in_archive)
{
	size_t	i;

	for (i = 0; i < NKINDS; i++)
		if (kinds[i].recognise(data, len, in_archive))
			return &kinds[i];
	return NULL;
}

void
source_kinds_init(void)
{
	size_t	i;

	for (i = 0; i < NKINDS; i++)
		if (kinds[i].init != NULL)
			kinds[i].init();
}

void
source_kind_names(char *buf, size_t size)
{
	size_t	i, n = 0;
	int	w;

	if (size == 0)
		return;
	buf[0] = '\0';
	for (i = 0; i < NKINDS && n < size; i++) {
		w = snprintf(buf + n, size - n, "%s%s", i == 0 ? "" : i + 1 ==
		    NKINDS ? " or " : ", ", kinds[i].name);
		if (w < 0)
			return;
		n += (size_t)w;
	}
}
