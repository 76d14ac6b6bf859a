/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/* Unit tests of search.c: a user's words never become FTS5 operators,
 * phrases, prefixes and exclusions do, the limits hold, and snippets
 * stay text in a page. */
#include "search.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "error.h"
#include "util.h"

static void
query_is(const char *words, const char *want)
{
	struct error	 err;
	char		*q = search_query(words, &err);

	if (q == NULL)
		fail_msg("%s: %s", words, err.msg);
	assert_string_equal(q, want);
	free(q);
}

static void
query_fails(const char *words, const char *why)
{
	struct error	 err;
	char		*q = search_query(words, &err);

	if (q != NULL)
		fail_msg("%s gave %s", words, q);
	assert_int_equal(err.status, EXIT_USAGE);
	assert_non_null(strstr(err.msg, why));
}

static void
test_words(void **state)
{
	(void)state;
	query_is("reconnaissance faciale", "\"reconnaissance\" \"faciale\"");
	query_is("  \"reconnaissance faciale\"\t", "\"reconnaissance faciale\"");
	query_is("surveil*", "\"surveil\"*");
	query_is("drones -police", "(\"drones\") NOT \"police\"");
	query_is("écoles", "\"écoles\"");
	/* The operators of FTS5 are words like the others. */
	query_is("a OR b", "\"a\" \"OR\" \"b\"");
	query_is("NEAR(a b) title:x", "\"NEAR(a\" \"b)\" \"title:x\"");
	query_is("l'état", "\"l'état\"");
	/* A quote inside a word is doubled; an unclosed phrase ends. */
	query_is("say\"what", "\"say\"\"what\"");
	query_is("\"open phrase", "\"open phrase\"");
	/* Terms with no letter or digit are dropped. */
	query_is("* ( ) \"\" eau", "\"eau\"");
}

static void
test_refused(void **state)
{
	char	big[SEARCH_MAX_BYTES + 2];
	char	many[SEARCH_MAX_TERMS * 3 + 8];
	size_t	i;

	(void)state;
	query_fails("", "no word");
	query_fails("   * ( ", "no word");
	query_fails("-police", "only words to exclude");
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	query_fails(big, "at most 512");
	many[0] = '\0';
	for (i = 0; i <= SEARCH_MAX_TERMS; i++)
		strcat(many, "w ");
	query_fails(many, "more than 32 words");
}

static void
test_snippets(void **state)
{
	struct buf	 b;
	char		*t;

	(void)state;
	buf_init(&b);
	search_snippet_html(&b, "<script>x</script> la \x02reconnaissance"
	    "\x03 \x02" "faciale\x03 & \"co\"");
	assert_string_equal(b.data, "&lt;script&gt;x&lt;/script&gt; la "
	    "<mark>reconnaissance faciale</mark> &amp; &quot;co&quot;");
	buf_reset(&b);
	/* A marker out of order or unclosed never leaves a tag open. */
	search_snippet_html(&b, "\x03" "a \x02" "b");
	assert_string_equal(b.data, "a <mark>b</mark>");
	buf_free(&b);
	t = search_snippet_text("x \x02y\x03 \x02z\x03.", "[", "]");
	assert_string_equal(t, "x [y z].");
	free(t);
	t = search_snippet_text("\x02y\x03", "", "");
	assert_string_equal(t, "y");
	free(t);
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_snippets),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
