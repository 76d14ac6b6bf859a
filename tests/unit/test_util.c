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

#include "http.h"

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
	/* A line longer than the room left, after one that fits: formatted
	 * again in a larger buffer, nothing of the first try left. */
	{
		char	long_s[5000];

		memset(long_s, 'x', sizeof(long_s) - 1);
		long_s[sizeof(long_s) - 1] = '\0';
		buf_printf(&b, "%s", "short,");
		buf_printf(&b, "[%s]%d", long_s, 42);
		assert_int_equal(b.len, 6 + 1 + 4999 + 1 + 2);
		assert_int_equal(b.len, strlen(b.data));
		assert_true(strncmp(b.data, "short,[xxx", 10) == 0);
		assert_string_equal(b.data + b.len - 5, "xx]42");
		buf_free(&b);
		buf_init(&b);
	}
	/* Reserved, then taken: a string all the same. */
	buf_reserve(&b, 100);
	s = buf_steal(&b);
	assert_string_equal(s, "");
	free(s);
}

/* Every character HTML gives a meaning, escaped wherever it stands: first,
 * last, doubled, alone; the rest, UTF-8 included, as it is. */
static void
test_html(void **state)
{
	static const char *const cases[][2] = {
		{ "", "" },
		{ "plain text", "plain text" },
		{ "&", "&amp;" },
		{ "<b>\"Élysée\" & l'État</b>",
		    "&lt;b&gt;&quot;Élysée&quot; &amp; l&#39;État&lt;/b&gt;" },
		{ "''>><<&&\"\"", "&#39;&#39;&gt;&gt;&lt;&lt;&amp;&amp;"
		    "&quot;&quot;" },
		{ "a&", "a&amp;" },
		{ "&a", "&amp;a" },
	};
	struct buf	b;
	size_t		i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		buf_init(&b);
		buf_adds(&b, "[");
		buf_add_html(&b, cases[i][0]);
		buf_adds(&b, "]");
		assert_int_equal(b.len, strlen(b.data));
		assert_true(strncmp(b.data + 1, cases[i][1],
		    strlen(cases[i][1])) == 0);
		assert_int_equal(b.len, strlen(cases[i][1]) + 2);
		buf_free(&b);
	}
	buf_init(&b);
	buf_add_html(&b, NULL);
	assert_int_equal(b.len, 0);
	buf_free(&b);
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

/* The gzip of export's .gz siblings and serve's responses (http.c): the
 * same bytes each time, read back whole, and nothing else taken for it. */
static void
test_gzip(void **state)
{
	static const char	 text[] = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
	    "BEGIN:VEVENT\r\nSUMMARY:Échéance QE 6750\r\nEND:VEVENT\r\n"
	    "END:VCALENDAR\r\n";
	size_t			 len = sizeof(text) - 1, n1, n2;
	unsigned char		*a, *b, *c;
	char			 other[sizeof(text)];

	(void)state;
	assert_non_null(a = http_gzip(text, len, &n1));
	assert_non_null(b = http_gzip(text, len, &n2));
	/* Deterministic: gzip magic, deflate, no name, time 0. */
	assert_int_equal(n1, n2);
	assert_memory_equal(a, b, n1);
	assert_int_equal(a[0], 0x1f);
	assert_int_equal(a[1], 0x8b);
	assert_int_equal(a[3] & 0x08, 0);
	assert_int_equal(a[4] | a[5] | a[6] | a[7], 0);
	assert_true(http_gunzip_same(a, n1, text, len));
	/* Another text, a shorter or longer one, are not it. */
	memcpy(other, text, sizeof(text));
	other[20] ^= 1;
	assert_false(http_gunzip_same(a, n1, other, len));
	assert_false(http_gunzip_same(a, n1, text, len - 1));
	assert_false(http_gunzip_same(a, n1, text, 10));
	/* A truncated file, one with bytes after it, and plain text. */
	assert_false(http_gunzip_same(a, n1 - 4, text, len));
	c = malloc(n1 + 1);
	memcpy(c, a, n1);
	c[n1] = 'x';
	assert_false(http_gunzip_same(c, n1 + 1, text, len));
	assert_false(http_gunzip_same(text, len, text, len));
	assert_false(http_gunzip_same(c, 0, text, len));
	free(c);
	free(a);
	free(b);
	/* Nothing gzips to nothing. */
	assert_non_null(a = http_gzip("", 0, &n1));
	assert_true(http_gunzip_same(a, n1, "", 0));
	assert_false(http_gunzip_same(a, n1, "x", 1));
	free(a);
}

/* A large text gzips into a quarter of its size at the first try; bytes
 * that do not shrink take the worst case's bound: both inflate back. */
static void
test_gzip_sizes(void **state)
{
	static const char	 line[] = "BEGIN:VEVENT\r\nSUMMARY:QE\r\n";
	size_t			 len = 1 << 20, i, n;
	unsigned char		*text = malloc(len), *gz;
	uint32_t		 x = 2463534242u;

	(void)state;
	for (i = 0; i < len; i++)
		text[i] = line[i % (sizeof(line) - 1)];
	assert_non_null(gz = http_gzip(text, len, &n));
	assert_true(n < len / 4);
	assert_true(http_gunzip_same(gz, n, text, len));
	free(gz);
	for (i = 0; i < len; i++) {	/* xorshift: no repeat to find */
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		text[i] = (unsigned char)x;
	}
	assert_non_null(gz = http_gzip(text, len, &n));
	assert_true(n > len / 4);
	assert_true(http_gunzip_same(gz, n, text, len));
	free(gz);
	free(text);
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_fold),
		cmocka_unit_test(test_gzip_sizes),
		cmocka_unit_test(test_trim_and_numbers),
		cmocka_unit_test(test_buf),
		cmocka_unit_test(test_html),
		cmocka_unit_test(test_text_clean),
		cmocka_unit_test(test_csv_formula),
		cmocka_unit_test(test_gzip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
