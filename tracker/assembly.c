/*
 * assembly.c: the table of assemblies.
 *
 * A row per parliament (domain.md §2, senat.md §3). Adding one is adding a
 * row here, its rules in rules.c and its source kinds in source.c.
 */
#include "assembly.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "question.h"

/* Legislatures of the Assemblée (domain.md §2). XI to XIII come from the
 * Assemblée's list of its legislatures (domain.md starts at XIV), so that
 * their questions still open lapse at the end. */
static const struct legislature_span an_legislatures[] = {
	{ 11, "1997-06-12", "2002-06-18" },
	{ 12, "2002-06-19", "2007-06-19" },
	{ 13, "2007-06-20", "2012-06-19" },
	{ 14, "2012-06-20", "2017-06-20" },
	{ 15, "2017-06-21", "2022-06-21" },
	{ 16, "2022-06-22", "2024-06-09" },
	{ 17, "2024-07-18", NULL },
};

/* The Assemblée's uid: QANR5L17QE1234 (domain.md §3). */
static void
an_uid(const struct question *q, char *buf, size_t size)
{
	snprintf(buf, size, "QANR5L%d%s%ld", q->legislature, q->type,
	    q->number);
}

/* Until the Sénat's own reference is stored (senat.md §1.6): S17QE06436. */
static void
senat_uid(const struct question *q, char *buf, size_t size)
{
	snprintf(buf, size, "S%dQE%05ld", q->legislature, q->number);
}

static const struct assembly assemblies[] = {
	{ "AN", "Assemblée nationale",
	    "https://www.assemblee-nationale.fr/dyn/{legislature}/questions/"
	    "{uid}", an_uid, 1, 0, an_legislatures,
	    sizeof(an_legislatures) / sizeof(an_legislatures[0]) },
	/* The Sénat is renewed by halves: no legislature bounds a question,
	 * and its page's address needs the reference (senat.md §1.6). */
	{ "SENAT", "Sénat", NULL, senat_uid, 0, 1, NULL, 0 },
};

#define NASSEMBLIES	(sizeof(assemblies) / sizeof(assemblies[0]))

const struct assembly *
assembly_find(const char *id)
{
	size_t	i;

	for (i = 0; id != NULL && i < NASSEMBLIES; i++)
		if (strcasecmp(assemblies[i].id, id) == 0)
			return &assemblies[i];
	return NULL;
}

const struct assembly *
assembly_of(const struct question *q)
{
	return assembly_find(q->assembly);
}

const struct assembly *
assembly_default(void)
{
	return &assemblies[0];
}

const struct assembly *
assembly_at(size_t i)
{
	return i < NASSEMBLIES ? &assemblies[i] : NULL;
}

void
assembly_ids(const char *sep, char *buf, size_t size)
{
	size_t	i, n = 0;
	int	w;

	if (size == 0)
		return;
	buf[0] = '\0';
	for (i = 0; i < NASSEMBLIES && n < size; i++) {
		w = snprintf(buf + n, size - n, "%s%s", i ? sep : "",
		    assemblies[i].id);
		if (w < 0)
			return;
		n += (size_t)w;
	}
}
