/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/* Unit tests of filter.c: names as staff type them (case, accents, word
 * endings, several words), group abbreviations and their prefixes, and
 * the filters that are not names. */
#include "filter.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "error.h"
#include "question.h"
#include "rules.h"

static struct question	q;
static struct qstate	st;

static int
setup(void **state)
{
	(void)state;
	question_init(&q);
	q.author_ref = "PA720430";
	q.author_name = "M. Ugo Bernalicis";
	q.group_ref = "PO845413";
	q.group_abbrev = "LFI-NFP";
	q.group_name = "La France insoumise - Nouveau Front Populaire";
	q.ministry_asked = "Ministère de la transition écologique";
	q.ministry = "Transition écologique, biodiversité, forêt, mer et pêche";
	q.rubric = "santé";
	q.legislature = 17;
	memset(&st, 0, sizeof(st));
	st.status = QS_OVERDUE;
	return 0;
}

/* Whether the question passes one filter option. */
static int
passes(const char *name, const char *value)
{
	struct filter	f;
	struct error	e;
	int		r;

	filter_init(&f);
	assert_int_equal(filter_option(&f, name, value, &e), 1);
	r = filter_match(&f, &q, &st);
	filter_free(&f);
	return r;
}

static void
test_ministry_words(void **state)
{
	(void)state;
	assert_true(passes("ministry", "ecologie"));
	assert_true(passes("ministry", "ÉCOLOGIQUE"));
	assert_true(passes("ministry", "transition ecologie"));
	assert_true(passes("ministry", "biodiversite peche"));
	assert_true(passes("ministry", "mer"));
	assert_true(passes("ministry", "forêt, mer"));
	assert_false(passes("ministry", "armees"));
	assert_false(passes("ministry", "ecologie armees"));
	/* Short words are prefixes only: "merci" is not "mer". */
	assert_false(passes("ministry", "merci"));
	/* Five letters and more may differ in their last two only. */
	assert_false(passes("ministry", "ecolo-sante"));
	assert_false(passes("ministry", "transports"));
}

static void
test_groups(void **state)
{
	(void)state;
	assert_true(passes("group", "LFI-NFP"));
	assert_true(passes("group", "lfi-nfp"));
	assert_true(passes("group", "LFI"));
	assert_true(passes("group", "PO845413"));
	assert_true(passes("group", "france insoumise"));
	/* A prefix ends at a dash, never inside a word. */
	assert_false(passes("group", "LF"));
	assert_false(passes("group", "RN"));
}

static void
test_authors(void **state)
{
	(void)state;
	assert_true(passes("author", "PA720430"));
	assert_true(passes("author", "pa720430"));
	assert_true(passes("author", "ugo bernalicis"));
	assert_true(passes("author", "Bernalicis"));
	assert_false(passes("author", "PA72043"));
	assert_false(passes("author", "Bernard"));
	assert_true(passes("rubric", "sante"));
	assert_false(passes("rubric", "travail"));
}

static void
test_other_filters(void **state)
{
	struct filter	f;
	struct error	e;

	(void)state;
	filter_init(&f);
	assert_int_equal(filter_option(&f, "status", "open,answered", &e), 1);
	assert_false(filter_match(&f, &q, &st));
	assert_int_equal(filter_option(&f, "status", "overdue", &e), 1);
	assert_true(filter_match(&f, &q, &st));
	assert_int_equal(filter_option(&f, "status", "late", &e), -1);
	assert_int_equal(e.status, EXIT_USAGE);
	assert_non_null(strstr(e.msg, "unknown status \"late\""));
	assert_int_equal(filter_option(&f, "legislature", "16", &e), 1);
	assert_false(filter_match(&f, &q, &st));
	assert_int_equal(filter_option(&f, "legislature", "0", &e), -1);
	assert_int_equal(filter_option(&f, "nosuch", "x", &e), 0);
	filter_free(&f);
	/* A question not published at the as-of date never passes. */
	filter_init(&f);
	st.status = QS_UNPUBLISHED;
	assert_false(filter_match(&f, &q, &st));
	st.status = QS_OVERDUE;
	filter_free(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_ministry_words, setup),
		cmocka_unit_test_setup(test_groups, setup),
		cmocka_unit_test_setup(test_authors, setup),
		cmocka_unit_test_setup(test_other_filters, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
