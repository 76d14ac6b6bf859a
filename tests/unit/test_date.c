/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/* Unit tests of date.c: the rows of domain.md §3, leap years, invalid
 * dates, parsing, working days, and a property test of month addition
 * against an independent computation (libc's timegm) over a decade. */
#include "date.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "testdata.h"

static void
test_add_months_table(void **state)
{
	static const struct {
		const char	*from;
		int		 months;
		const char	*to;
	} rows[] = {
		/* domain.md §3 */
		{ "2025-05-20", 2, "2025-07-20" },
		{ "2024-12-31", 2, "2025-02-28" },
		{ "2023-12-31", 2, "2024-02-29" },
		{ "2025-07-31", 2, "2025-09-30" },
		{ "2025-08-31", 2, "2025-10-31" },
		/* more ends of months and years */
		{ "2025-01-31", 1, "2025-02-28" },
		{ "2024-01-31", 1, "2024-02-29" },
		{ "2024-01-30", 1, "2024-02-29" },
		{ "2024-02-29", 12, "2025-02-28" },
		{ "2024-02-29", 48, "2028-02-29" },
		{ "2025-11-30", 2, "2026-01-30" },
		{ "2025-12-31", 2, "2026-02-28" },
		{ "2025-10-31", 2, "2025-12-31" },
		{ "2025-03-31", 1, "2025-04-30" },
		{ "2100-12-31", 2, "2101-02-28" },
		{ "2000-12-31", 2, "2001-02-28" },
		{ "1999-12-31", 2, "2000-02-29" },
		{ "2025-05-20", 0, "2025-05-20" },
		{ "2025-05-20", -2, "2025-03-20" },
	};
	char	buf[DATE_ISO_LEN];
	size_t	i;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		date_iso(date_add_months(d(rows[i].from), rows[i].months),
		    buf);
		assert_string_equal(buf, rows[i].to);
	}
}

static void
test_invalid_dates(void **state)
{
	static const char *const bad[] = {
		"2025-02-29", "2023-02-29", "2100-02-29", "2025-04-31",
		"2025-13-01", "2025-00-10", "2025-01-00", "2025-01-32",
		"2025-1-01", "25-01-01", "2025/01/01", "", "2025-01-01x",
		"31/04/2025", "29/02/2025", "00/01/2025", "32 mai 2025",
		"29 février 2025", "20 floréal 2025", "abc", "2025-05-2a",
		"0999-01-01",
	};
	size_t	i;
	int	v;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(date_parse(bad[i], &v), -1);
	assert_int_equal(date_parse(NULL, &v), -1);
	assert_int_equal(date_parse_iso("2025-05-20T00:00:00", &v), -1);
}

static void
test_parse_forms(void **state)
{
	static const struct {
		const char	*in;
		const char	*iso;
	} rows[] = {
		{ "2025-05-20", "2025-05-20" },
		{ "20/05/2025", "2025-05-20" },
		{ "20 mai 2025", "2025-05-20" },
		{ "1er août 2025", "2025-08-01" },
		{ "1 aout 2025", "2025-08-01" },
		{ "29 février 2024", "2024-02-29" },
		{ "12 Décembre 2023", "2023-12-12" },
		{ "2024-02-29", "2024-02-29" },
		{ "2025-05-20T00:00:00+02:00", "2025-05-20" },
		{ "2025-05-20+02:00", "2025-05-20" },
	};
	char	buf[DATE_ISO_LEN];
	size_t	i;
	int	v;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		assert_int_equal(date_parse(rows[i].in, &v), 0);
		assert_string_equal(date_iso(v, buf), rows[i].iso);
	}
}

static void
test_epoch_and_weekday(void **state)
{
	char	buf[64];
	int	y, m, dd;

	(void)state;
	assert_int_equal(d("1970-01-01"), 0);
	assert_int_equal(d("2000-03-01"), 11017);
	assert_int_equal(date_weekday(d("2025-07-20")), 6);	/* Sunday */
	assert_int_equal(date_weekday(d("2025-05-20")), 1);	/* Tuesday */
	assert_int_equal(date_weekday(d("1969-12-31")), 2);	/* Wednesday */
	date_to_ymd(d("1600-02-29"), &y, &m, &dd);
	assert_int_equal(y * 10000 + m * 100 + dd, 16000229);
	assert_string_equal(date_fr(d("2025-07-20"), buf, sizeof(buf)),
	    "20 juillet 2025");
	assert_string_equal(date_fr(d("2025-08-01"), buf, sizeof(buf)),
	    "1er août 2025");
	assert_int_equal(d("2026-11-28") - d("2025-07-20"), 496);
}

static void
test_holidays_and_working_days(void **state)
{
	(void)state;
	assert_int_equal(date_easter(2025), d("2025-04-20"));
	assert_int_equal(date_easter(2024), d("2024-03-31"));
	assert_int_equal(date_easter(2000), d("2000-04-23"));
	assert_true(date_is_holiday_fr(d("2025-04-21")));	/* Easter Mon */
	assert_true(date_is_holiday_fr(d("2025-05-29")));	/* Ascension */
	assert_true(date_is_holiday_fr(d("2025-06-09")));	/* Whit Mon */
	assert_true(date_is_holiday_fr(d("2025-07-14")));
	assert_false(date_is_holiday_fr(d("2025-07-15")));
	/* Sunday 2025-07-20 moves to Monday 21. */
	assert_int_equal(date_next_working(d("2025-07-20")), d("2025-07-21"));
	/* Saturday 2025-11-01 (holiday too), Sunday: Monday 3. */
	assert_int_equal(date_next_working(d("2025-11-01")), d("2025-11-03"));
	/* Friday 2025-07-11 + 2 working days skips the weekend and the
	 * 14th of July: Wednesday 16. */
	assert_int_equal(date_add_working_days(d("2025-07-11"), 2),
	    d("2025-07-16"));
	assert_int_equal(date_next_working(d("2025-07-22")), d("2025-07-22"));
}

/* Month addition against timegm: the last day of the target month is
 * the day before the first of the month after it. */
static void
test_add_months_property(void **state)
{
	int	start = d("2015-01-01"), end = d("2025-12-31"), day, k;

	(void)state;
	for (day = start; day <= end; day++) {
		int	y, m, dd;

		date_to_ymd(day, &y, &m, &dd);
		for (k = 1; k <= 3; k++) {
			struct tm	tm;
			int		ty = y + (m - 1 + k) / 12;
			int		tmo = (m - 1 + k) % 12;
			int		last, want, got;
			time_t		t;

			memset(&tm, 0, sizeof(tm));
			tm.tm_year = ty - 1900;
			tm.tm_mon = tmo + 1;
			tm.tm_mday = 0;	/* the day before the 1st */
			t = timegm(&tm);
			gmtime_r(&t, &tm);
			last = tm.tm_mday;
			memset(&tm, 0, sizeof(tm));
			tm.tm_year = ty - 1900;
			tm.tm_mon = tmo;
			tm.tm_mday = dd < last ? dd : last;
			want = (int)(timegm(&tm) / 86400);
			got = date_add_months(day, k);
			if (got != want)
				fail_msg("day %d + %d months: %d, want %d",
				    day, k, got, want);
		}
	}
}

static void
test_roundtrip(void **state)
{
	char	buf[DATE_ISO_LEN];
	int	day, v;

	(void)state;
	for (day = d("1900-01-01"); day <= d("2100-12-31"); day += 7) {
		assert_int_equal(date_parse_iso(date_iso(day, buf), &v), 0);
		assert_int_equal(v, day);
	}
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_add_months_table),
		cmocka_unit_test(test_invalid_dates),
		cmocka_unit_test(test_parse_forms),
		cmocka_unit_test(test_epoch_and_weekday),
		cmocka_unit_test(test_holidays_and_working_days),
		cmocka_unit_test(test_add_months_property),
		cmocka_unit_test(test_roundtrip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
