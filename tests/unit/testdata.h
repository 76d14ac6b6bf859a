/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * testdata.h: reading the test data, shared by the unit tests: our own
 * fixtures (tests/data, $QT_TEST_DATA) and the real public files of
 * ../shared ($QT_SHARED), which a developer's run may lack but CI may
 * not. Include after <cmocka.h>.
 */
#ifndef QT_TESTDATA_H
#define QT_TESTDATA_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "question.h"
#include "util.h"

/* An empty written question of the Assemblée: legislature leg, number n. */
static inline void
an_question(struct question *q, int leg, long n)
{
	question_init(q);
	str_copy(q->assembly, "AN", sizeof(q->assembly));
	str_copy(q->type, "QE", sizeof(q->type));
	q->legislature = leg;
	q->number = n;
}

/* The day of an ISO date that must parse. */
static inline int
d(const char *iso)
{
	int	v;

	assert_int_equal(date_parse_iso(iso, &v), 0);
	return v;
}

/* The whole file, NUL-terminated; fails the test if it cannot be read. */
static inline char *
slurp(const char *path, size_t *len)
{
	FILE	*fp = fopen(path, "rb");
	char	*data;
	long	 n;

	if (fp == NULL)
		fail_msg("cannot open %s", path);
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	fseek(fp, 0, SEEK_SET);
	data = xmalloc((size_t)n + 1);
	assert_int_equal(fread(data, 1, (size_t)n, fp), (size_t)n);
	data[n] = '\0';
	fclose(fp);
	*len = (size_t)n;
	return data;
}

/* A path under $QT_TEST_DATA or $QT_SHARED (the caller frees). */
static inline char *
data_path(const char *env, const char *rel)
{
	const char	*base = getenv(env);

	if (base == NULL)
		base = strcmp(env, "QT_SHARED") == 0 ? "../../shared" :
		    "tests/data";
	return xasprintf("%s/%s", base, rel);
}

/* CI=true: what is missing fails rather than skips. */
static inline int
in_ci(void)
{
	const char	*ci = getenv("CI");

	return ci != NULL && strcmp(ci, "true") == 0;
}

#endif
