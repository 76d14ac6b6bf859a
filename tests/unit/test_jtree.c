/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/* Unit tests of jtree.c, yajl's events into a tree: every value type,
 * members by name (the last of a name wins, as in jansson), arrays by
 * index, the limits (depth, \u0000), where an error is; and the stream:
 * the values at a path handed one at a time, whatever the read sizes
 * (down to a byte), other members skipped, the shape checked, a value or
 * a token too large refused. */
#include "jtree.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "util.h"

static void
test_parse_values(void **state)
{
	struct jt_doc	*doc;
	struct jt_error	 e;
	const struct jt	*r, *a;
	const char	*text = "{\"s\": \"caf\\u00e9\", \"n\": -12, "
	    "\"d\": 1.5e3, \"t\": true, \"f\": false, \"z\": null, "
	    "\"a\": [1, [2], {\"x\": \"y\"}], \"o\": {}, \"k\": 1, \"k\": 2}";

	(void)state;
	r = jt_parse(text, strlen(text), &doc, &e);
	assert_non_null(r);
	assert_int_equal(r->type, JT_OBJECT);
	assert_int_equal(r->len, 10);
	assert_string_equal(jt_get(r, "s")->s, "caf\xc3\xa9");
	assert_int_equal(jt_get(r, "s")->len, 5);
	assert_int_equal(jt_get(r, "n")->type, JT_NUMBER);
	assert_string_equal(jt_get(r, "n")->s, "-12");
	assert_true(jt_is_integer(jt_get(r, "n")));
	assert_false(jt_is_integer(jt_get(r, "d")));
	assert_false(jt_is_integer(jt_get(r, "s")));
	assert_int_equal(jt_get(r, "t")->type, JT_BOOL);
	assert_string_equal(jt_get(r, "f")->s, "false");
	assert_int_equal(jt_get(r, "z")->type, JT_NULL);
	a = jt_get(r, "a");
	assert_int_equal(a->type, JT_ARRAY);
	assert_int_equal(a->len, 3);
	assert_string_equal(jt_at(a, 0)->s, "1");
	assert_string_equal(jt_at(jt_at(a, 1), 0)->s, "2");
	assert_string_equal(jt_get(jt_at(a, 2), "x")->s, "y");
	assert_null(jt_at(a, 3));
	assert_null(jt_at(r, 0));		/* not an array */
	assert_int_equal(jt_get(r, "o")->len, 0);
	assert_null(jt_get(jt_get(r, "o"), "x"));
	assert_null(jt_get(a, "x"));		/* not an object */
	assert_null(jt_get(NULL, "x"));
	assert_string_equal(jt_get(r, "k")->s, "2");
	jt_doc_free(doc);

	/* A byte order mark is not a value. */
	r = jt_parse("\xef\xbb\xbf[]", 5, &doc, &e);
	assert_non_null(r);
	assert_int_equal(r->type, JT_ARRAY);
	jt_doc_free(doc);
	assert_null(jt_parse("\xef\xbb", 2, &doc, &e));

	/* A scalar is a document too. */
	r = jt_parse(" \"x\" ", 5, &doc, &e);
	assert_non_null(r);
	assert_string_equal(r->s, "x");
	jt_doc_free(doc);
}

/* Where a document stops being JSON, as a person counts. */
static void
test_parse_errors(void **state)
{
	static const struct {
		const char	*text;
		unsigned long	 line, column;
		const char	*what;
	} cases[] = {
		{ "{\"question\": {\"identifiant\": ", 1, 30, "premature EOF" },
		{ "", 1, 1, "" },
		{ "{\n  \"a\": 1,\n  \"b\" 2}", 3, 8, "colon" },
		{ "{\"a\": 1} x", 1, 11, "trailing garbage" },
		{ "{\"\xc3\xa9t\xc3\xa9\": tru}", 1, 12, "" },
		{ "[\"a\\u0000b\"]", 1, 1, "\\u0000" },
		{ "{\"a\\u0000\": 1}", 1, 1, "\\u0000" },
		{ "[\"\xff\"]", 1, 1, "" },		/* not UTF-8 */
		{ "{'a': 1}", 1, 3, "" },
	};
	struct jt_doc	*doc;
	struct jt_error	 e;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memset(&e, 0, sizeof(e));
		assert_null(jt_parse(cases[i].text, strlen(cases[i].text), &doc,
		    &e));
		assert_null(doc);
		assert_int_equal(e.line, cases[i].line);
		if (cases[i].column > 1)
			assert_int_equal(e.column, cases[i].column);
		assert_true(e.what[0] != '\0');
		if (cases[i].what[0] != '\0' && strstr(e.what,
		    cases[i].what) == NULL)
			fail_msg("case %zu: \"%s\" lacks \"%s\"", i, e.what,
			    cases[i].what);
	}
}

static void
test_parse_depth(void **state)
{
	struct jt_doc	*doc;
	struct jt_error	 e;
	char		 text[2 * (JT_MAX_DEPTH + 1) + 1];
	int		 i;

	(void)state;
	/* JT_MAX_DEPTH arrays nested: read. */
	for (i = 0; i < JT_MAX_DEPTH; i++) {
		text[i] = '[';
		text[2 * JT_MAX_DEPTH - 1 - i] = ']';
	}
	assert_non_null(jt_parse(text, 2 * JT_MAX_DEPTH, &doc, &e));
	jt_doc_free(doc);
	/* One more: refused, and said why. */
	for (i = 0; i <= JT_MAX_DEPTH; i++) {
		text[i] = '[';
		text[2 * JT_MAX_DEPTH + 1 - i] = ']';
	}
	assert_null(jt_parse(text, 2 * JT_MAX_DEPTH + 2, &doc, &e));
	assert_non_null(strstr(e.what, "nested more than"));
}

/* A stream read in pieces of at most chunk bytes. */
struct src {
	const char	*text;
	size_t		 len, off, chunk;
	int		 fail;		/* a read error once half is read */
};

static ssize_t
src_read(void *cookie, void *buf, size_t size)
{
	struct src	*s = cookie;
	size_t		 n = s->len - s->off;

	if (s->fail && s->off >= s->len / 2)
		return -1;
	if (n > size)
		n = size;
	if (n > s->chunk)
		n = s->chunk;
	memcpy(buf, s->text + s->off, n);
	s->off += n;
	return (ssize_t)n;
}

/* What the items were: "index:uid" joined by spaces. */
struct seen {
	char	got[512];
	int	stop_at;	/* return -1 at this index; -1: never */
};

static int
on_item(size_t i, const struct jt *v, void *arg)
{
	struct seen	*s = arg;
	const struct jt	*uid = jt_get(v, "uid");
	size_t		 n = strlen(s->got);

	snprintf(s->got + n, sizeof(s->got) - n, "%s%zu:%s", n ? " " : "", i,
	    uid != NULL ? uid->s : v->type == JT_STRING ? v->s : "?");
	return (int)i == s->stop_at ? -1 : 0;
}

static const char *const path[] = { "questionsEcrites", "question" };

static enum jt_stream_rc
stream(const char *text, size_t chunk, size_t limit, struct seen *s,
    size_t *count, char *msg, size_t msgsize)
{
	struct src	src = { text, strlen(text), 0, chunk, 0 };

	memset(s->got, 0, sizeof(s->got));
	return jt_stream(src_read, &src, path, 2, limit, on_item, s, count,
	    msg, msgsize);
}

static void
test_stream(void **state)
{
	/* Members before, between and after, at every level, even under
	 * the path's names deeper down: skipped. */
	const char	*text = "{\"meta\": {\"question\": [1, 2]}, "
	    "\"questionsEcrites\": {\"n\": 3, \"question\": [{\"uid\": \"A\", "
	    "\"x\": {\"question\": [9]}}, {\"uid\": \"B\"}, \"C\"], "
	    "\"after\": [[[]]]}, \"questionsEcrites2\": {\"question\": [7]}}";
	static const size_t chunks[] = { 1, 2, 3, 7, 64, 65536 };
	struct seen	 s = { "", -1 };
	char		 msg[200];
	size_t		 n, i;

	(void)state;
	for (i = 0; i < sizeof(chunks) / sizeof(chunks[0]); i++) {
		assert_int_equal(stream(text, chunks[i], 1 << 20, &s, &n, msg,
		    sizeof(msg)), JT_OK);
		assert_string_equal(s.got, "0:A 1:B 2:C");
		assert_int_equal(n, 3);
	}
	/* A single question: one value, not an array. */
	assert_int_equal(stream("{\"questionsEcrites\": {\"question\": "
	    "{\"uid\": \"only\"}}}", 5, 1 << 20, &s, &n, msg, sizeof(msg)),
	    JT_OK);
	assert_string_equal(s.got, "0:only");
	/* None: an empty array is a shape that holds nothing. */
	assert_int_equal(stream("{\"questionsEcrites\": {\"question\": []}}",
	    4, 1 << 20, &s, &n, msg, sizeof(msg)), JT_OK);
	assert_int_equal(n, 0);
	/* A byte order mark first is skipped, even read a byte at a time;
	 * its start alone is not one. */
	for (i = 1; i <= 4; i++) {
		assert_int_equal(stream("\xef\xbb\xbf{\"questionsEcrites\": "
		    "{\"question\": [\"x\"]}}", i, 1 << 20, &s, &n, msg,
		    sizeof(msg)), JT_OK);
		assert_string_equal(s.got, "0:x");
		assert_int_equal(stream("\xef\xbb{\"questionsEcrites\": "
		    "{\"question\": [\"x\"]}}", i, 1 << 20, &s, &n, msg,
		    sizeof(msg)), JT_MALFORMED);
	}
	/* The item's callback stops the parse. */
	s.stop_at = 1;
	assert_int_equal(stream(text, 3, 1 << 20, &s, &n, msg, sizeof(msg)),
	    JT_STOPPED);
	assert_string_equal(s.got, "0:A 1:B");
	s.stop_at = -1;
}

static void
test_stream_errors(void **state)
{
	static const struct {
		const char		*text;
		enum jt_stream_rc	 rc;
		const char		*msg;
		size_t			 count;
	} cases[] = {
		/* Not there: another name, another level, not an object. */
		{ "{\"questionsEcrites\": {\"questions\": []}}", JT_SHAPE,
		    "no value", 0 },
		{ "{\"question\": []}", JT_SHAPE, "no value", 0 },
		{ "{\"x\": {\"questionsEcrites\": {\"question\": [1]}}}",
		    JT_SHAPE, "no value", 0 },
		{ "[{\"questionsEcrites\": {\"question\": [1]}}]", JT_SHAPE,
		    "no value", 0 },
		{ "{\"questionsEcrites\": [{\"question\": [1]}]}", JT_SHAPE,
		    "no value", 0 },
		/* Cut short after two items: they were handed, then it
		 * fails, naming the byte. */
		{ "{\"questionsEcrites\": {\"question\": [{\"uid\": \"A\"}, "
		    "{\"uid\": \"B\"}, {\"uid\": ", JT_MALFORMED,
		    "byte ", 2 },
		{ "{\"questionsEcrites\": {\"question\": [{\"uid\": \"A\"} "
		    "{\"uid\": \"B\"}]}}", JT_MALFORMED, "byte 49: after array element", 1 },
		/* One item over the limit (64 kB arena blocks, 1 kB
		 * limit): refused whatever its shape. */
		{ NULL, JT_TOO_LARGE, "holds more than", 0 },
	};
	struct seen	 s = { "", -1 };
	char		 msg[200], *big;
	size_t		 n, i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char	*text = cases[i].text;

		big = NULL;
		if (text == NULL) {
			big = xmalloc(200000);
			strcpy(big, "{\"questionsEcrites\": {\"question\": [{");
			for (int k = 0; k < 5000; k++)
				sprintf(big + strlen(big), "%s\"k%d\": [1]",
				    k ? ", " : "", k);
			strcat(big, "}]}}");
			text = big;
		}
		if (stream(text, 7, 1024, &s, &n, msg, sizeof(msg)) !=
		    cases[i].rc)
			fail_msg("case %zu: %s", i, msg);
		if (strstr(msg, cases[i].msg) == NULL)
			fail_msg("case %zu: \"%s\" lacks \"%s\"", i, msg,
			    cases[i].msg);
		assert_int_equal(n, cases[i].count);
		free(big);
	}
}

/* A token yajl would buffer whole (a string of 10 MB) is stopped once
 * it passes the limit, not once it ends. */
static void
test_stream_token_bound(void **state)
{
	size_t		 len = 10u << 20, n, k;
	char		*text = xmalloc(len + 64), msg[200];
	struct seen	 s = { "", -1 };
	struct src	 src;

	(void)state;
	strcpy(text, "{\"questionsEcrites\": {\"skip\": \"");
	k = strlen(text);
	memset(text + k, 'a', len);
	text[k + len] = '\0';
	src = (struct src){ text, strlen(text), 0, 65536, 0 };
	assert_int_equal(jt_stream(src_read, &src, path, 2, 1 << 20, on_item,
	    &s, &n, msg, sizeof(msg)), JT_TOO_LARGE);
	assert_non_null(strstr(msg, "a token runs past"));
	/* It stopped near the limit, not at the end of the text. */
	assert_true(src.off < (2u << 20));
	free(text);

	/* A read error is the reader's to tell. */
	src = (struct src){ "{\"questionsEcrites\": {\"question\": [1, 2, 3, "
	    "4, 5, 6]}}", 52, 0, 4, 1 };
	assert_int_equal(jt_stream(src_read, &src, path, 2, 1 << 20, on_item,
	    &s, &n, msg, sizeof(msg)), JT_READ_ERROR);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_values),
		cmocka_unit_test(test_parse_errors),
		cmocka_unit_test(test_parse_depth),
		cmocka_unit_test(test_stream),
		cmocka_unit_test(test_stream_errors),
		cmocka_unit_test(test_stream_token_bound),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
