/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/* Unit tests of util.c: folding for accent-insensitive matching,
 * trimming, number parsing and the buffer. */
#include "util.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

static void
test_fold(void **state)
{
	static const struct {
		const char	*in;
		const char	*out;
	} rows[] = {
		{ "Écologie", "ecologie" },
		{ "Ministère de l’Europe", "ministere de l'europe" },
		{ "Europe\xc2\xa0" "et\xc2\xa0" "affaires", "europe et affaires" },
		{ "  Œuvres   ÇA  ", "oeuvres ca" },
		{ "Straße", "strasse" },
		{ "", "" },
	};
	size_t	i;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		char	*f = str_fold(rows[i].in);

		assert_string_equal(f, rows[i].out);
		free(f);
	}
	assert_true(str_contains_folded("Ministère de l'Écologie",
	    "ECOLOGIE"));
	assert_false(str_contains_folded("Santé", "travail"));
	assert_false(str_contains_folded(NULL, "x"));
}

static void
test_trim_and_numbers(void **state)
{
	char	s[] = "\xc2\xa0  texte  \n";
	long	v;

	(void)state;
	assert_string_equal(str_trim(s), "texte");
	assert_int_equal(str_to_long("42", 0, 100, &v), 0);
	assert_int_equal(v, 42);
	assert_int_equal(str_to_long("101", 0, 100, &v), -1);
	assert_int_equal(str_to_long("4x", 0, 100, &v), -1);
	assert_int_equal(str_to_long(" 4", 0, 100, &v), -1);
	assert_int_equal(str_to_long("", 0, 100, &v), -1);
	assert_int_equal(str_to_long("99999999999999999999", 0, 100, &v), -1);
}

static void
test_buf(void **state)
{
	struct buf	b;
	char		*s;
	int		i;

	(void)state;
	buf_init(&b);
	for (i = 0; i < 1000; i++)
		buf_printf(&b, "%d,", i);
	assert_int_equal(b.len, strlen(b.data));
	assert_true(strncmp(b.data, "0,1,2,", 6) == 0);
	s = buf_steal(&b);
	assert_null(b.data);
	free(s);
	s = buf_steal(&b);
	assert_string_equal(s, "");
	free(s);
}

static void
test_text_clean(void **state)
{
	static const struct {
		const char	*in;
		const char	*out;	/* NULL: already clean */
	} t[] = {
		{ "Armées\tet\r\nmarine", NULL },
		{ "\xe2\x82\xac 4 octets \xf0\x9f\x98\x80", NULL },
		{ "a\x1b[31mb", "a\xef\xbf\xbd[31mb" },
		{ "Vid\xe9o", "Vid\xef\xbf\xbdo" },
		{ "\xc2\x9b" "2J", "\xef\xbf\xbd" "2J" },	/* C1 CSI */
		{ "\x7f", "\xef\xbf\xbd" },
		{ "\xc0\xaf", "\xef\xbf\xbd\xef\xbf\xbd" },	/* overlong */
		{ "\xed\xa0\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" },
		{ "cut \xe2\x82", "cut \xef\xbf\xbd\xef\xbf\xbd" },
	};
	size_t	i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		char	*got = util_text_clean(t[i].in);

		if (t[i].out == NULL)
			assert_null(got);
		else {
			assert_non_null(got);
			assert_string_equal(got, t[i].out);
		}
		free(got);
	}
}

static void
test_csv_formula(void **state)
{
	static const char *const t[][2] = {
		{ "=SUM(A1)", "'=SUM(A1)" },
		{ "+33 1 23", "'+33 1 23" },
		{ "-5", "-5" },
		{ "-2.5", "-2.5" },
		{ "- liste", "'- liste" },
		{ "@cmd", "'@cmd" },
		{ "Armées", "Armées" },
		{ "=a,b", "\"'=a,b\"" },
		{ "", "" },
	};
	char	*out;
	size_t	 i, len;
	FILE	*fp;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		fp = open_memstream(&out, &len);
		csv_field(fp, t[i][0]);
		fclose(fp);
		assert_string_equal(out, t[i][1]);
		free(out);
	}
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_fold),
		cmocka_unit_test(test_trim_and_numbers),
		cmocka_unit_test(test_buf),
		cmocka_unit_test(test_text_clean),
		cmocka_unit_test(test_csv_formula),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
