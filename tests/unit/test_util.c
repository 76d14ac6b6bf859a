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

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_fold),
		cmocka_unit_test(test_trim_and_numbers),
		cmocka_unit_test(test_buf),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
