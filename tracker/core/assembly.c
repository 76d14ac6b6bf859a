/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
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

#include "i18n.h"
#include "question.h"
#include "util.h"

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

static char *
an_url(const struct question *q)
{
	return question_expand("https://www.assemblee-nationale.fr/dyn/"
	    "{legislature}/questions/{uid}", q);
}

/* The Sénat's reference (senat.md §1.6), SEQ251006436; without one, a
 * key of the same shape as the AN's (S17QE06436). */
static void
senat_uid(const struct question *q, char *buf, size_t size)
{
	if (q->source_uid != NULL)
		snprintf(buf, size, "%s", q->source_uid);
	else
		snprintf(buf, size, "S%dQE%05ld", q->legislature, q->number);
}

/* https://www.senat.fr/questions/base/{YYYY}/q{reference}.html, YYYY the
 * year of the reference's YY (senat.md §1.6, CONFIRMED); the numbering
 * starts in 1978, so 78 to 99 are the 1900s. */
static char *
senat_url(const struct question *q)
{
	const char	*r = q->source_uid;
	int		 yy;

	if (r == NULL || strlen(r) < 5 || strncmp(r, "SEQ", 3) != 0 ||
	    r[3] < '0' || r[3] > '9' || r[4] < '0' || r[4] > '9')
		return NULL;
	yy = (r[3] - '0') * 10 + (r[4] - '0');
	return xasprintf("https://www.senat.fr/questions/base/%d/q%s.html",
	    yy >= 78 ? 1900 + yy : 2000 + yy, r);
}

static const struct assembly assemblies[] = {
	{ "AN", "Assemblée nationale", "", N_("Deputy"),
	    NC_("female", "Deputy"), an_uid, an_url, 1, 0, 1, 0, 0,
	    an_legislatures,
	    sizeof(an_legislatures) / sizeof(an_legislatures[0]) },
	/* A Sénat question does not lapse at the end of a legislature (the
	 * Sénat is renewed by halves): no spans here. */
	{ "SENAT", "Sénat", "senat-", N_("Senator"), NC_("female", "Senator"),
	    senat_uid, senat_url, 0, 1, 0, 1, 1, NULL, 0 },
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

const char *
assembly_member(const struct assembly *a, const char *name)
{
	if (name != NULL && (strncmp(name, "Mme ", 4) == 0 ||
	    strncmp(name, "Mme\xc2\xa0", 5) == 0))
		return i18n_pgettext(a->member_f);
	return _(a->member);
}

char *
assembly_label(const char *assembly, int legislature, long number,
    const char *uid, char *buf, size_t size)
{
	const struct assembly	*a = assembly_find(assembly);

	if (a != NULL && a->label_uid && uid != NULL && *uid != '\0')
		snprintf(buf, size, "%s", uid);
	else
		snprintf(buf, size, "%d-%ld", legislature, number);
	return buf;
}
