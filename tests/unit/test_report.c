/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/* Unit tests of report.c and stats.c: the JSON they write carries every
 * count whole, even past the range of an int (jansson's "i" would take
 * 32 bits of a 64-bit value; "I" takes a json_int_t). */
#include "report.h"

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
#include "stats.h"

#define BIG	3000000000UL	/* past INT_MAX */

static json_t *
written(int (*write)(FILE *, const void *), const void *what)
{
	json_error_t	 je;
	json_t		*j;
	char		*out = NULL;
	size_t		 len = 0;
	FILE		*fp = open_memstream(&out, &len);

	assert_int_equal(write(fp, what), 0);
	fclose(fp);
	j = json_loads(out, 0, &je);
	assert_non_null(j);
	free(out);
	return j;
}

static int
report_json(FILE *fp, const void *r)
{
	return report_write(fp, r, RF_JSON, 0);
}

static int
stats_json(FILE *fp, const void *s)
{
	return stats_write(fp, s, RF_JSON);
}

static void
test_report_counts(void **state)
{
	struct report	 r;
	struct report_q	 q;
	struct report_group g;
	size_t		 idx = 0;
	json_t		*j, *c, *jq;

	(void)state;
	memset(&r, 0, sizeof(r));
	memset(&q, 0, sizeof(q));
	r.asof = r.since = r.latest_jo = DATE_NONE;
	date_parse_iso("2026-11-28", &r.asof);
	r.since = r.asof - 7;
	r.c.open = BIG;
	r.c.overdue = BIG + 1;
	r.c.answered = BIG + 2;
	r.c.signal_eligible = BIG + 3;
	strcpy(q.uid, "QANR5L17QE6750");
	strcpy(q.assembly, "AN");
	q.legislature = 17;
	q.number = 5000000000L;
	q.published = r.asof - 600;
	q.deadline = r.asof - 500;
	q.days_overdue = 500;
	g.name = (char *)"Armées";
	g.idx = &idx;
	g.n = 1;
	r.q = &q;
	r.nq = 1;
	r.g = &g;
	r.ng = 1;
	j = written(report_json, &r);
	c = json_object_get(j, "counts");
	assert_true(json_integer_value(json_object_get(c, "open")) ==
	    (json_int_t)BIG);
	assert_true(json_integer_value(json_object_get(c, "overdue")) ==
	    (json_int_t)BIG + 1);
	assert_true(json_integer_value(json_object_get(c, "answered")) ==
	    (json_int_t)BIG + 2);
	assert_true(json_integer_value(json_object_get(c,
	    "signal_eligible")) == (json_int_t)BIG + 3);
	jq = json_array_get(json_object_get(json_array_get(json_object_get(j,
	    "groups"), 0), "questions"), 0);
	assert_true(json_integer_value(json_object_get(jq, "number")) ==
	    5000000000LL);
	assert_int_equal(json_integer_value(json_object_get(jq,
	    "days_overdue")), 500);
	json_decref(j);
}

/* The subject says what changed: newly overdue only when some are. */
static void
test_subject(void **state)
{
	struct report	r;
	char		*s;

	(void)state;
	memset(&r, 0, sizeof(r));
	r.c.overdue = 3;
	r.c.answered = 1;
	s = report_subject(&r);
	assert_string_equal(s, "QE: 3 overdue, 1 new answer");
	free(s);
	r.c.answered = 2;
	r.c.newly_overdue = 2;
	s = report_subject(&r);
	assert_string_equal(s, "QE: 3 overdue, 2 new answers, 2 newly overdue");
	free(s);
}

static void
test_stats_counts(void **state)
{
	struct stats	 s;
	struct stats_row row;
	json_t		*j, *r;

	(void)state;
	memset(&s, 0, sizeof(s));
	memset(&row, 0, sizeof(row));
	date_parse_iso("2026-11-28", &s.asof);
	s.from = s.to = DATE_NONE;
	row.name = (char *)"Armées";
	row.received = BIG;
	row.answered = BIG - 10;
	row.on_time = 7;
	row.overdue = BIG + 5;
	row.oldest_overdue = 12;
	row.median = row.p90 = -1;
	s.rows = &row;
	s.n = 1;
	s.total = row;
	j = written(stats_json, &s);
	r = json_array_get(json_object_get(j, "ministries"), 0);
	if (r == NULL)
		r = json_array_get(json_object_get(j, "rows"), 0);
	assert_non_null(r);
	assert_true(json_integer_value(json_object_get(r, "received")) ==
	    (json_int_t)BIG);
	assert_true(json_integer_value(json_object_get(r, "answered")) ==
	    (json_int_t)BIG - 10);
	assert_true(json_integer_value(json_object_get(r, "overdue")) ==
	    (json_int_t)BIG + 5);
	assert_int_equal(json_integer_value(json_object_get(r,
	    "oldest_overdue_days")), 12);
	json_decref(j);
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_report_counts),
		cmocka_unit_test(test_stats_counts),
		cmocka_unit_test(test_subject),
	};

	date_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
