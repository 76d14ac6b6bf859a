/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/* Unit tests of the digest's encoders (quoted-printable, RFC 2047), of
 * the percentiles of stats.c, and of ISO weeks. */
#include "digest.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "date.h"
#include "stats.h"
#include "util.h"

static void
test_qp(void **state)
{
	static const struct {
		const char	*in;
		const char	*out;
	} rows[] = {
		{ "abc", "abc\r\n" },
		{ "é", "=C3=A9\r\n" },
		{ "a=b", "a=3Db\r\n" },
		{ ".\n..\nx.", "=2E\r\n=2E.\r\nx.\r\n" },
		{ "trailing \nend", "trailing=20\r\nend\r\n" },
		{ "a\n\nb", "a\r\n\r\nb\r\n" },
	};
	struct buf	b;
	size_t		i;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		buf_init(&b);
		digest_qp(&b, rows[i].in);
		assert_string_equal(b.data, rows[i].out);
		buf_free(&b);
	}
}

static void
test_qp_long_lines(void **state)
{
	struct buf	 b, in;
	const char	*line, *nl;
	size_t		 i;

	(void)state;
	buf_init(&in);
	for (i = 0; i < 300; i++)
		buf_adds(&in, i % 7 ? "é" : "x");
	buf_init(&b);
	digest_qp(&b, in.data);
	/* No line over 76 octets; UTF-8 sequences stay decodable. */
	for (line = b.data; *line != '\0'; line = nl + 2) {
		nl = strstr(line, "\r\n");
		assert_non_null(nl);
		assert_true(nl - line <= 76);
	}
	buf_free(&b);
	buf_free(&in);
}

static void
test_header_word(void **state)
{
	struct buf	b;

	(void)state;
	buf_init(&b);
	digest_header_word(&b, "plain ascii");
	assert_string_equal(b.data, "plain ascii");
	buf_reset(&b);
	digest_header_word(&b, "QE : 3 réponses");
	assert_string_equal(b.data, "=?UTF-8?Q?QE_=3A_3_r=C3=A9ponses?=");
	buf_free(&b);
}

static void
test_addresses(void **state)
{
	static const struct {
		const char	*in, *display, *addr;
	} ok[] = {
		{ "a@example.org", "", "a@example.org" },
		{ "  a@example.org ", "", "a@example.org" },
		{ "Veille QE <veille@example.org>", "Veille QE",
		    "veille@example.org" },
		{ "\"Chef, cabinet\" <c@example.org>", "Chef, cabinet",
		    "c@example.org" },
		{ "Équipe <e@example.org>  ", "Équipe", "e@example.org" },
		{ "<b@example.org>", "", "b@example.org" },
	};
	static const char *const bad[] = {
		"", "nobody", "@example.org", "a@", "a@b@c", "a b@example.org",
		"Name <a@example.org", "Name a@example.org>",
		"Name <a@example.org> trailing", "a@example.org\r\nBcc: x@y",
		"Name\n <a@example.org>", "Na\"me <a@example.org>",
		"<a@example.org><b@example.org>",
	};
	char		 display[64], addr[64], one[64];
	const char	*list = " \"X, Y\" <x@e.org>,, z@e.org , W <w@e.org>";
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		assert_int_equal(digest_address(ok[i].in, display,
		    sizeof(display), addr, sizeof(addr)), 0);
		assert_string_equal(display, ok[i].display);
		assert_string_equal(addr, ok[i].addr);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (digest_address(bad[i], display, sizeof(display), addr,
		    sizeof(addr)) != -1)
			fail_msg("accepted \"%s\"", bad[i]);
	/* Commas inside quotes do not split; empty items are skipped. */
	assert_true(digest_next_address(&list, one, sizeof(one)) > 0);
	assert_string_equal(one, "\"X, Y\" <x@e.org>");
	assert_true(digest_next_address(&list, one, sizeof(one)) > 0);
	assert_string_equal(one, "z@e.org");
	assert_true(digest_next_address(&list, one, sizeof(one)) > 0);
	assert_string_equal(one, "W <w@e.org>");
	assert_int_equal(digest_next_address(&list, one, sizeof(one)), 0);
}

static void
test_percentiles(void **state)
{
	int	a[] = { 70, 10, 40, 20, 30 };
	int	b[] = { 100, 5 };
	int	c[] = { 7 };
	int	d[10];
	double	med, p90;
	int	i;

	(void)state;
	stats_percentiles(a, 5, &med, &p90);
	assert_true(med == 30 && p90 == 70);
	stats_percentiles(b, 2, &med, &p90);
	assert_true(med == 52.5 && p90 == 100);
	stats_percentiles(c, 1, &med, &p90);
	assert_true(med == 7 && p90 == 7);
	for (i = 0; i < 10; i++)
		d[i] = 10 - i;		/* 1..10: rank ceil(9) = 9 */
	stats_percentiles(d, 10, &med, &p90);
	assert_true(med == 5.5 && p90 == 9);
	stats_percentiles(d, 0, &med, &p90);
	assert_true(med == -1 && p90 == -1);
}

static int
int_order(const void *a, const void *b)
{
	int	x = *(const int *)a, y = *(const int *)b;

	return x < y ? -1 : x > y;
}

/*
 * Many values are counted, not sorted (a few thousand distinct delays
 * among 270,000): the same median and 90th percentile as the sorted
 * array's, odd and even counts, negative delays (an answer dated before
 * its question), and a spread too wide to count, which is sorted.
 */
static void
test_percentiles_many(void **state)
{
	static const struct {
		size_t	n;
		int	lo, span;
	} cases[] = {
		{ 64, 0, 10 }, { 65, 0, 3000 }, { 1000, -40, 900 },
		{ 270001, 0, 4000 }, { 270000, 5, 1 }, { 5000, -2000000000,
		    2000000000 }, { 100, 0, 1000000 },
	};
	size_t		 c, i, rank;
	unsigned	 seed = 7;
	int		*v, *ref;
	double		 med, p90, want_med;

	(void)state;
	for (c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
		v = xcalloc(cases[c].n, sizeof(*v));
		ref = xcalloc(cases[c].n, sizeof(*ref));
		for (i = 0; i < cases[c].n; i++) {
			seed = seed * 1103515245u + 12345u;
			/* Skewed, as delays are: most small, a long tail. */
			v[i] = cases[c].lo + (int)(((unsigned long long)
			    (seed >> 8) * (seed >> 8) >> 24) %
			    (unsigned long long)cases[c].span);
			ref[i] = v[i];
		}
		qsort(ref, cases[c].n, sizeof(*ref), int_order);
		stats_percentiles(v, cases[c].n, &med, &p90);
		want_med = cases[c].n % 2 ? ref[cases[c].n / 2] :
		    ((double)ref[cases[c].n / 2 - 1] + ref[cases[c].n / 2]) /
		    2.0;
		rank = (size_t)ceil(0.9 * (double)cases[c].n);
		if (med != want_med || p90 != ref[rank - 1])
			fail_msg("case %zu: median %g p90 %g, want %g %d", c,
			    med, p90, want_med, ref[rank - 1]);
		free(v);
		free(ref);
	}
}

static void
test_iso_week(void **state)
{
	static const struct {
		const char	*day;
		const char	*week;
	} rows[] = {
		{ "2026-11-28", "2026-W48" },
		{ "2026-11-23", "2026-W48" },
		{ "2026-11-22", "2026-W47" },
		{ "2021-01-03", "2020-W53" },
		{ "2024-12-30", "2025-W01" },
		{ "2026-01-01", "2026-W01" },
	};
	char	buf[16];
	size_t	i;
	int	d;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		assert_int_equal(date_parse_iso(rows[i].day, &d), 0);
		assert_string_equal(date_iso_week(d, buf, sizeof(buf)),
		    rows[i].week);
	}
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_qp),
		cmocka_unit_test(test_qp_long_lines),
		cmocka_unit_test(test_header_word),
		cmocka_unit_test(test_addresses),
		cmocka_unit_test(test_percentiles),
		cmocka_unit_test(test_percentiles_many),
		cmocka_unit_test(test_iso_week),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
