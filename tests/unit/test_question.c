/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * test_question.c: the model. The field tables drive the hash, the store's
 * columns, cleaning and freeing, so the hash is checked field by field
 * against an FNV-1a written here from the order the stored hashes depend
 * on: a reordered or misfiled field fails here, not as every question of
 * every database looking changed at its next import.
 */
#include "question.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "date.h"
#include "testdata.h"
#include "util.h"

/* FNV-1a, as the stored hashes were made (independent of question.c). */
static uint64_t
fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char	*c = p;

	while (n-- > 0)
		h = (h ^ *c++) * 0x100000001b3ULL;
	return h;
}

static uint64_t
fnv_s(uint64_t h, const char *s)
{
	if (s == NULL)
		return fnv(h, "\xfe", 1);
	return fnv(fnv(h, s, strlen(s)), "\xff", 1);
}

static uint64_t
fnv_i(uint64_t h, long v)
{
	unsigned char	b[8];
	int		i;

	for (i = 0; i < 8; i++)
		b[i] = (unsigned char)((uint64_t)(int64_t)v >> (8 * i));
	return fnv(h, b, 8);
}

/* The hash of q as the stored hashes were made, fields named by hand in
 * the order they have always been counted. */
static uint64_t
expected_hash(const struct question *q)
{
	const char *const always[] = {
		q->assembly, q->type, q->title, q->rubric, q->heading,
		q->excerpt, q->author_ref, q->author_name, q->group_ref,
		q->group_abbrev, q->group_name, q->ministry_asked_ref,
		q->ministry_asked, q->ministry_ref, q->ministry,
		q->published_page, q->answer_page, q->closure_code,
		q->closure_label
	};
	const char *const if_set[] = {
		q->answer_excerpt, q->source_uid, q->text, q->answer_text
	};
	const int dates[] = {
		q->published, q->reattributed, q->signaled, q->renewed,
		q->answered, q->closed
	};
	uint64_t	h = 0xcbf29ce484222325ULL;
	size_t		i;

	h = fnv_i(fnv_i(h, q->legislature), q->number);
	for (i = 0; i < sizeof(always) / sizeof(always[0]); i++)
		h = fnv_s(h, always[i]);
	for (i = 0; i < sizeof(if_set) / sizeof(if_set[0]); i++)
		if (if_set[i] != NULL)
			h = fnv_s(h, if_set[i]);
	for (i = 0; i < sizeof(dates) / sizeof(dates[0]); i++)
		h = fnv_i(h, dates[i]);
	for (i = 0; i < q->nevents; i++) {
		h = fnv_s(h, q->events[i].kind);
		h = fnv_i(h, q->events[i].date);
		h = fnv_s(h, q->events[i].detail);
	}
	return h;
}

/* A question with every field set, each to its own value. */
static void
full(struct question *q)
{
	size_t	i;

	an_question(q, 17, 6750);
	for (i = 0; i < question_ntexts; i++)
		*(char **)((char *)q + question_texts[i].off) =
		    xasprintf("v-%s", question_texts[i].name);
	for (i = 0; i < question_ndates; i++)
		*(int *)((char *)q + question_dates[i].off) =
		    d("2025-05-20") + (int)i;
	q->text = xstrdup("the whole text");
	question_add_event(q, EV_PUBLISHED, d("2025-05-20"), "3516");
}

static void
test_hash_is_the_stored_one(void **state)
{
	struct question	q;

	(void)state;
	full(&q);
	assert_true(question_hash(&q) == expected_hash(&q));
	/* The fields counted only once set, unset: the older hash. */
	free(q.answer_excerpt);
	free(q.source_uid);
	free(q.text);
	q.answer_excerpt = q.source_uid = q.text = NULL;
	assert_true(question_hash(&q) == expected_hash(&q));
	question_clear(&q);
	question_init(&q);		/* nothing set at all */
	assert_true(question_hash(&q) == expected_hash(&q));
	question_clear(&q);
}

/* Each field moves the hash if and only if it comes from the source. */
static void
test_hash_by_kind(void **state)
{
	struct question	q;
	uint64_t	h0;
	size_t		i;
	char		**t;
	int		*dp, was;

	(void)state;
	full(&q);
	h0 = question_hash(&q);
	for (i = 0; i < question_ntexts; i++) {
		t = (char **)((char *)&q + question_texts[i].off);
		free(*t);
		*t = xstrdup("changed");
		if (question_texts[i].kind == QF_COMPUTED)
			assert_true(question_hash(&q) == h0);
		else if (question_hash(&q) == h0)
			fail_msg("%s does not count in the hash",
			    question_texts[i].name);
		free(*t);
		*t = xasprintf("v-%s", question_texts[i].name);
		assert_true(question_hash(&q) == h0);
	}
	for (i = 0; i < question_ndates; i++) {
		dp = (int *)((char *)&q + question_dates[i].off);
		was = *dp;
		*dp = was + 100;
		if (question_dates[i].kind == QF_COMPUTED)
			assert_true(question_hash(&q) == h0);
		else if (question_hash(&q) == h0)
			fail_msg("%s does not count in the hash",
			    question_dates[i].name);
		*dp = was;
	}
	question_clear(&q);
}

static void
test_init_clear_prepare(void **state)
{
	struct question	q;
	size_t		i;

	(void)state;
	question_init(&q);
	for (i = 0; i < question_ndates; i++)
		assert_int_equal(*(int *)((char *)&q + question_dates[i].off),
		    DATE_NONE);
	/* Upstream's invalid bytes and controls are cleaned once. */
	q.title = xstrdup("Sub\x01ject \xff end");
	q.text = xstrdup("a\x1b[31m b");
	question_prepare(&q);
	assert_true(q.clean);
	assert_string_equal(q.title, "Sub\xef\xbf\xbdject \xef\xbf\xbd end");
	assert_null(strchr(q.text, 0x1b));
	assert_true(q.hash == question_hash(&q));
	assert_true(question_size(&q) > sizeof(q) + strlen(q.title));
	question_add_anomaly(&q, "closure_without_date", "code %s", "REP_PUB");
	assert_string_equal(q.anomalies[0].detail, "code REP_PUB");
	question_clear(&q);		/* valgrind: nothing left */
	assert_null(q.title);
	assert_int_equal(q.published, DATE_NONE);
	question_clear(NULL);
}

static void
test_closure_class(void **state)
{
	static const struct {
		const char	*code, *label;
		enum closure	 want;
	} rows[] = {
		{ "REP_PUB", NULL, CLOSURE_ANSWERED },
		{ NULL, NULL, CLOSURE_NONE },
		{ "X", NULL, CLOSURE_OTHER },
		{ "REP", "Réponse publiée", CLOSURE_ANSWERED },
		{ "FM", "Fin de mandat", CLOSURE_LAPSED },
		{ NULL, "Caduque", CLOSURE_LAPSED },
		{ "RET", "Retirée", CLOSURE_WITHDRAWN },
		{ "RET", "RETRAIT", CLOSURE_WITHDRAWN },
		{ "Z", "Transformée en question orale", CLOSURE_OTHER },
	};
	size_t	i;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		if (question_closure_class(rows[i].code, rows[i].label) !=
		    rows[i].want)
			fail_msg("row %zu: %s", i, rows[i].label ?
			    rows[i].label : "(null)");
	assert_string_equal(question_closure_name(CLOSURE_LAPSED), "lapsed");
	assert_null(question_closure_name(CLOSURE_NONE));
}

/* An assembly no table row knows still gets an id, and no address. */
static void
test_uid_unknown_assembly(void **state)
{
	struct question	q;
	char		uid[64];

	(void)state;
	an_question(&q, 17, 6750);
	str_copy(q.assembly, "EP", sizeof(q.assembly));
	question_uid(&q, uid, sizeof(uid));
	assert_string_equal(uid, "EP-17-QE-6750");
	assert_null(question_url(&q));
	question_clear(&q);
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_hash_is_the_stored_one),
		cmocka_unit_test(test_hash_by_kind),
		cmocka_unit_test(test_init_clear_prepare),
		cmocka_unit_test(test_closure_class),
		cmocka_unit_test(test_uid_unknown_assembly),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
