/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * test_format.c: the JSON contract object of a question (architecture.md:
 * every field, unknown values null, never "" or 0), and lists as JSON and
 * RFC 4180 CSV, whose columns are the JSON leaves, with hostile text.
 */
#include "format.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "date.h"
#include "error.h"
#include "question.h"
#include "rules.h"
#include "testdata.h"
#include "util.h"

/* 17-6750 as the store would give it: published, not answered. */
static void
q6750(struct question *q)
{
	struct rules_settings	rs;

	an_question(q, 17, 6750);
	q->title = xstrdup("Vidéosurveillance algorithmique");
	q->author_ref = xstrdup("PA720430");
	q->author_name = xstrdup("M. Ugo Bernalicis");
	q->group_abbrev = xstrdup("LFI-NFP");
	q->ministry = xstrdup("Europe et affaires étrangères");
	q->published = d("2025-05-20");
	rules_defaults(&rs);
	rules_apply(&rs, q);
}

static void
test_parse(void **state)
{
	enum list_format	f;
	struct error		err;

	(void)state;
	assert_int_equal(format_parse("json", &f, &err), 0);
	assert_int_equal(f, LIST_JSON);
	assert_int_equal(format_parse("csv", &f, &err), 0);
	assert_int_equal(f, LIST_CSV);
	assert_int_equal(format_parse("table", &f, &err), 0);
	assert_int_equal(f, LIST_TABLE);
	assert_int_equal(format_parse("xml", &f, &err), -1);
	assert_int_equal(err.status, EXIT_USAGE);
	assert_non_null(strstr(err.msg, "xml"));
}

/* Every key of the contract, in an object of its own kind. */
static void
test_contract(void **state)
{
	static const char *const keys[] = {
		"uid", "assembly", "legislature", "type", "number", "title",
		"rubric", "author", "group", "ministry", "published",
		"deadline", "signaled", "signal_deadline", "signal_overdue",
		"answered", "closed", "closure", "status", "days_left",
		"days_overdue", "days_late", "rule", "url"
	};
	struct question	 q;
	struct qstate	 st;
	json_t		*o;
	size_t		 i;

	(void)state;
	q6750(&q);
	rules_state(&q, d("2026-11-28"), &st);
	o = format_question(&q, &st);
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (json_object_get(o, keys[i]) == NULL)
			fail_msg("no \"%s\"", keys[i]);
	assert_string_equal(json_string_value(json_object_get(o, "uid")),
	    "QANR5L17QE6750");
	assert_string_equal(json_string_value(json_object_get(o, "status")),
	    "overdue");
	assert_int_equal(json_integer_value(json_object_get(o,
	    "days_overdue")), 496);
	assert_string_equal(json_string_value(json_object_get(o,
	    "deadline")), "2025-07-20");
	assert_string_equal(json_string_value(json_object_get(json_object_get(
	    o, "author"), "name")), "M. Ugo Bernalicis");
	/* Unknown is null, never "" or 0. */
	assert_true(json_is_null(json_object_get(o, "rubric")));
	assert_true(json_is_null(json_object_get(o, "answered")));
	assert_true(json_is_null(json_object_get(o, "days_left")));
	assert_true(json_is_null(json_object_get(o, "days_late")));
	assert_true(json_is_null(json_object_get(json_object_get(o, "group"),
	    "ref")));
	json_decref(o);
	/* Answered late: days_late set, days_overdue null. */
	q.answered = d("2025-08-01");
	rules_state(&q, d("2026-11-28"), &st);
	o = format_question(&q, &st);
	assert_string_equal(json_string_value(json_object_get(o, "status")),
	    "answered_late");
	assert_int_equal(json_integer_value(json_object_get(o, "days_late")),
	    12);
	assert_true(json_is_null(json_object_get(o, "days_overdue")));
	json_decref(o);
	question_clear(&q);
}

/* A list written to memory, NUL-terminated; the caller frees. */
static char *
list_of(enum list_format f, struct question *q, int n, int asof)
{
	struct lister	*l;
	struct qstate	 st;
	char		*out = NULL;
	size_t		 len = 0;
	FILE		*fp = open_memstream(&out, &len);
	int		 i;

	assert_non_null(fp);
	l = lister_start(fp, f, 0, 0);
	for (i = 0; i < n; i++) {
		rules_state(&q[i], asof, &st);
		lister_row(l, &q[i], &st);
	}
	lister_end(l);
	fclose(fp);
	return out;
}

static void
test_csv_is_rfc4180(void **state)
{
	struct question	 q[2];
	char		*csv, *line;
	size_t		 cols = 0, quoted = 0, i;
	const char	*p;

	(void)state;
	q6750(&q[0]);
	q6750(&q[1]);
	q[1].number = 6751;
	free(q[1].title);
	/* A comma, a quote and a line break: one field all the same. */
	q[1].title = xstrdup("Eau, \"potable\"\nen Corse");
	csv = list_of(LIST_CSV, q, 2, d("2026-11-28"));
	/* The header is the JSON leaves, CRLF-ended. */
	line = xstrndup(csv, strcspn(csv, "\r"));
	assert_non_null(strstr(line, "uid,assembly,legislature,type,number,"
	    "title,rubric,author_ref,author_name,group_ref,group_abbrev,"));
	for (p = line; *p != '\0'; p++)
		cols += *p == ',';
	free(line);
	assert_non_null(strstr(csv, "\r\nQANR5L17QE6750,AN,17,QE,6750,"));
	assert_non_null(strstr(csv, ",\"Eau, \"\"potable\"\"\nen Corse\","));
	/* Each record has the header's number of fields. */
	for (i = strcspn(csv, "\n") + 1; csv[i] != '\0'; i++) {
		if (csv[i] == '"')
			quoted = !quoted;
		else if (!quoted && csv[i] == '\r')
			assert_int_equal(csv[i + 1], '\n');
	}
	assert_int_equal(quoted, 0);
	assert_true(cols > 20);
	free(csv);
	question_clear(&q[0]);
	question_clear(&q[1]);
}

/* The JSON list is an array of format_question's objects. */
static void
test_json_list(void **state)
{
	struct question	 q;
	struct qstate	 st;
	json_error_t	 je;
	json_t		*a, *one;
	char		*s;

	(void)state;
	q6750(&q);
	s = list_of(LIST_JSON, &q, 1, d("2026-11-28"));
	a = json_loads(s, 0, &je);
	if (a == NULL)
		fail_msg("not JSON: %s: %s", je.text, s);
	assert_true(json_is_array(a));
	assert_int_equal(json_array_size(a), 1);
	rules_state(&q, d("2026-11-28"), &st);
	one = format_question(&q, &st);
	assert_true(json_equal(json_array_get(a, 0), one));
	json_decref(one);
	json_decref(a);
	free(s);
	/* No question: an empty array, still JSON. */
	s = list_of(LIST_JSON, NULL, 0, d("2026-11-28"));
	a = json_loads(s, 0, &je);
	assert_non_null(a);
	assert_int_equal(json_array_size(a), 0);
	json_decref(a);
	free(s);
	question_clear(&q);
}

/* A title from upstream with a terminal escape reaches the table as
 * text, after the store's cleaning (question_prepare does the same). */
static void
test_table_hostile(void **state)
{
	struct question	 q;
	char		*t;

	(void)state;
	q6750(&q);
	free(q.title);
	q.title = xstrdup("Titre \x1b]0;pwned\x07 fin");
	question_prepare(&q);
	t = list_of(LIST_TABLE, &q, 1, d("2026-11-28"));
	assert_null(strchr(t, 0x1b));
	assert_null(strchr(t, 0x07));
	assert_non_null(strstr(t, "17-6750"));
	free(t);
	question_clear(&q);
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_contract),
		cmocka_unit_test(test_csv_is_rfc4180),
		cmocka_unit_test(test_json_list),
		cmocka_unit_test(test_table_hostile),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
