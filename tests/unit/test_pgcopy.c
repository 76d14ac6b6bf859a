/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/* Unit tests of pgcopy.c, the COPY blocks of a PostgreSQL dump: headers
 * with and without a schema, quoted names, every escape, NULL, other
 * encodings, text read a byte at a time (every buffer boundary), and
 * each malformed shape refused with the line and the column named. */
#include "pgcopy.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "error.h"
#include "util.h"

struct src {
	const char	*text;
	size_t		 len, off;
	size_t		 chunk;		/* bytes a read gives at most */
	int		 fail_at;	/* a read error at this offset; -1 */
};

static ssize_t
src_read(void *cookie, void *buf, size_t size, struct error *err)
{
	struct src	*s = cookie;
	size_t		 n = s->len - s->off;

	if (s->fail_at >= 0 && s->off >= (size_t)s->fail_at)
		return error_set(err, EXIT_IOERR, "t.sql: read error");
	if (n > size)
		n = size;
	if (s->chunk > 0 && n > s->chunk)
		n = s->chunk;
	memcpy(buf, s->text + s->off, n);
	s->off += n;
	return (ssize_t)n;
}

static struct pgcopy *
open_text(struct src *s, const char *text, size_t chunk)
{
	s->text = text;
	s->len = strlen(text);
	s->off = 0;
	s->chunk = chunk;
	s->fail_at = -1;
	return pgcopy_open(src_read, s, "t.sql");
}

static const char dump[] =
    "--\n-- PostgreSQL database dump\n--\n\n"
    "SET client_encoding = 'UTF8';\n"
    "CREATE TABLE t (a text);\n"
    "COPY public.sortquestion (sorquecod, sorquelib) FROM stdin;\n"
    "1\tEn cours\n"
    "2\tR\xc3\xa9ponse publi\xc3\xa9" "e\n"
    "\\.\n"
    "\n"
    "COPY tam_questions (id, \"txtque\", dateerr) FROM stdin;\n"
    "7\tl1\\nl2\\ttab \\\\ \\r\\b\\f\\v \\101\\x42\\x4a9\t\\N\n"
    "8\t\\\\N\t\n"
    "\\.\n"
    "-- end\n";

static void
read_all(size_t chunk)
{
	struct src	 s;
	struct pgcopy	*pc = open_text(&s, dump, chunk);
	struct error	 err;
	const char	*table;
	char *const	*cols, *const *f;
	size_t		 n;

	error_clear(&err);
	assert_int_equal(pgcopy_next(pc, &table, &cols, &n, &err), 1);
	/* The schema goes, the columns stay in the header's order. */
	assert_string_equal(table, "sortquestion");
	assert_int_equal(n, 2);
	assert_string_equal(cols[1], "sorquelib");
	assert_int_equal(pgcopy_column(pc, "sorquelib"), 1);
	assert_int_equal(pgcopy_column(pc, "nothing"), -1);
	assert_int_equal(pgcopy_row(pc, &f, &err), 1);
	assert_string_equal(f[0], "1");
	assert_string_equal(f[1], "En cours");
	assert_int_equal(pgcopy_row(pc, &f, &err), 1);
	assert_string_equal(f[1], "R\xc3\xa9ponse publi\xc3\xa9" "e");
	assert_int_equal(pgcopy_line(pc), 9);
	assert_int_equal(pgcopy_row(pc, &f, &err), 0);
	assert_int_equal(pgcopy_row(pc, &f, &err), 0);	/* stays ended */

	assert_int_equal(pgcopy_next(pc, &table, &cols, &n, &err), 1);
	assert_string_equal(table, "tam_questions");
	assert_string_equal(cols[1], "txtque");		/* quotes gone */
	assert_int_equal(pgcopy_row(pc, &f, &err), 1);
	assert_string_equal(f[1], "l1\nl2\ttab \\ \r\b\f\v AB\x4a" "9");
	assert_null(f[2]);				/* \N alone */
	assert_int_equal(pgcopy_row(pc, &f, &err), 1);
	assert_string_equal(f[1], "\\N");		/* an escaped \N */
	assert_string_equal(f[2], "");			/* empty, not NULL */
	assert_int_equal(pgcopy_line(pc), 14);
	assert_int_equal(pgcopy_row(pc, &f, &err), 0);
	assert_int_equal(pgcopy_next(pc, &table, &cols, &n, &err), 0);
	assert_int_equal(err.status, 0);
	pgcopy_close(pc);
}

static void
test_read(void **state)
{
	(void)state;
	read_all(0);
	read_all(1);		/* a byte at a time */
	read_all(7);
}

/* A block whose rows nobody read is skipped by the next call. */
static void
test_skip(void **state)
{
	struct src	 s;
	struct pgcopy	*pc = open_text(&s, dump, 3);
	struct error	 err;
	const char	*table;
	char *const	*cols;
	size_t		 n;

	(void)state;
	error_clear(&err);
	assert_int_equal(pgcopy_next(pc, &table, &cols, &n, &err), 1);
	assert_int_equal(pgcopy_next(pc, &table, &cols, &n, &err), 1);
	assert_string_equal(table, "tam_questions");
	assert_int_equal(pgcopy_next(pc, &table, &cols, &n, &err), 0);
	pgcopy_close(pc);
}

static void
test_encodings(void **state)
{
	struct src	 s;
	struct pgcopy	*pc;
	struct error	 err;
	const char	*table;
	char *const	*cols, *const *f;
	size_t		 n;

	(void)state;
	error_clear(&err);
	/* Windows-1252: é, the euro sign, œ and a curly quote. */
	pc = open_text(&s, "SET client_encoding = 'WIN1252';\n"
	    "COPY t (a, b) FROM stdin;\n"
	    "\xe9t\xe9 \x80 \x9c\x92\t\\N\n\\.\n", 0);
	assert_int_equal(pgcopy_next(pc, &table, &cols, &n, &err), 1);
	assert_int_equal(pgcopy_row(pc, &f, &err), 1);
	assert_string_equal(f[0], "\xc3\xa9t\xc3\xa9 \xe2\x82\xac "
	    "\xc5\x93\xe2\x80\x99");
	assert_null(f[1]);
	pgcopy_close(pc);
	/* LATIN1, escapes first then the bytes converted. */
	pc = open_text(&s, "SET client_encoding = 'LATIN1';\n"
	    "COPY t (a) FROM stdin;\n\\351\xe9\n\\.\n", 0);
	assert_int_equal(pgcopy_next(pc, &table, &cols, &n, &err), 1);
	assert_int_equal(pgcopy_row(pc, &f, &err), 1);
	assert_string_equal(f[0], "\xc3\xa9\xc3\xa9");
	pgcopy_close(pc);
	/* Another encoding is named, not guessed. */
	pc = open_text(&s, "SET client_encoding = 'SJIS';\n"
	    "COPY t (a) FROM stdin;\n\\.\n", 0);
	assert_int_equal(pgcopy_next(pc, &table, &cols, &n, &err), -1);
	assert_int_equal(err.status, EXIT_DATAERR);
	assert_non_null(strstr(err.msg, "t.sql: line 1: client_encoding "
	    "SJIS"));
	pgcopy_close(pc);
}

/* Each malformed dump: -1, EXIT_DATAERR, the message as given. */
static void
test_refused(void **state)
{
	static const struct {
		const char	*text;
		const char	*msg;
	} bad[] = {
		{ "COPY t FROM stdin;\n\\.\n", "t.sql: line 1: COPY without "
		    "its list of columns" },
		{ "COPY t (a, b FROM stdin;\n", "t.sql: line 1: the COPY "
		    "header's columns are not" },
		{ "COPY t (a) FROM file;\n", "does not end with \"FROM "
		    "stdin;\"" },
		{ "COPY (a) FROM stdin;\n", "COPY without a table name" },
		{ "COPY t (a, b) FROM stdin;\n1\n\\.\n", "t.sql: line 2: 1 "
		    "fields, the COPY of t has 2 (b is missing)" },
		{ "COPY t (a) FROM stdin;\n1\t2\n\\.\n", "t.sql: line 2: more "
		    "than the 1 fields the COPY of t has" },
		{ "COPY t (a) FROM stdin;\n1\n2\n", "t.sql: the dump ends "
		    "before \"\\.\" closes the COPY of t (line 1)" },
		{ "COPY t (a) FROM stdin;\nx\\qy\n\\.\n", "t.sql: line 2: "
		    "column a: a backslash before a character COPY does not "
		    "escape" },
		{ "COPY t (a) FROM stdin;\nx\\\n\\.\n", "column a: a backslash "
		    "ends the field" },
		{ "COPY t (a) FROM stdin;\n\\x\n\\.\n", "\\x without a hex "
		    "digit" },
		{ "COPY t (a) FROM stdin;\n\\000\n\\.\n", "an octal escape "
		    "that is no byte" },
		{ "COPY t (a) FROM stdin;\n\\x00\n\\.\n", "an escaped NUL" },
		{ "COPY t (a) FROM stdin;\n\xe9t\xe9\n\\.\n", "t.sql: line 2: "
		    "column a: a byte (0xe9) that is not UTF-8" },
	};
	struct src	 s;
	struct pgcopy	*pc;
	struct error	 err;
	const char	*table;
	char *const	*cols, *const *f;
	size_t		 i, n;
	int		 rc;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		error_clear(&err);
		pc = open_text(&s, bad[i].text, 0);
		rc = pgcopy_next(pc, &table, &cols, &n, &err);
		while (rc == 1)
			rc = pgcopy_row(pc, &f, &err);
		if (rc != -1 || strstr(err.msg, bad[i].msg) == NULL)
			fail_msg("case %zu: rc %d, \"%s\", want \"%s\"", i, rc,
			    err.msg, bad[i].msg);
		assert_int_equal(err.status, EXIT_DATAERR);
		pgcopy_close(pc);
	}
	/* The read's own error comes through as it is. */
	pc = open_text(&s, dump, 0);
	s.fail_at = 0;
	error_clear(&err);
	assert_int_equal(pgcopy_next(pc, &table, &cols, &n, &err), -1);
	assert_int_equal(err.status, EXIT_IOERR);
	pgcopy_close(pc);
}

/* Split first, then only the fields wanted decoded: the fields left are
 * as the dump wrote them, and a fault in one is found when it is read. */
static void
test_raw(void **state)
{
	struct src	 s;
	struct pgcopy	*pc = open_text(&s, "COPY t (a, b, c) FROM stdin;\n"
	    "x\\ty\tp\\qq\t\\N\n\\.\n", 5);
	struct error	 err;
	const char	*table;
	char *const	*cols, *const *f;
	size_t		 n;

	(void)state;
	error_clear(&err);
	assert_int_equal(pgcopy_next(pc, &table, &cols, &n, &err), 1);
	assert_int_equal(pgcopy_row_raw(pc, &f, &err), 1);
	assert_string_equal(f[0], "x\\ty");		/* still escaped */
	assert_null(f[2]);
	assert_int_equal(pgcopy_decode(pc, 0, &err), 0);
	assert_string_equal(f[0], "x\ty");
	assert_int_equal(pgcopy_decode(pc, 0, &err), 0);	/* once only */
	assert_string_equal(f[0], "x\ty");
	assert_int_equal(pgcopy_decode(pc, 2, &err), 0);	/* NULL */
	assert_int_equal(pgcopy_decode(pc, 1, &err), -1);
	assert_non_null(strstr(err.msg, "t.sql: line 2: column b: a "
	    "backslash before a character"));
	pgcopy_close(pc);
}

/* A line past the limit is refused, not grown without end. */
static void
test_long_line(void **state)
{
	size_t		 big = (64u << 20) + 16;
	char		*text = xmalloc(big + 64);
	struct src	 s;
	struct pgcopy	*pc;
	struct error	 err;
	const char	*table;
	char *const	*cols, *const *f;
	size_t		 n, h;

	(void)state;
	h = (size_t)snprintf(text, 64, "COPY t (a) FROM stdin;\n");
	memset(text + h, 'a', big);
	text[h + big] = '\0';
	pc = open_text(&s, text, 0);
	error_clear(&err);
	assert_int_equal(pgcopy_next(pc, &table, &cols, &n, &err), 1);
	assert_int_equal(pgcopy_row(pc, &f, &err), -1);
	assert_non_null(strstr(err.msg, "t.sql: line 2: longer than 64 MB"));
	pgcopy_close(pc);
	free(text);
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_read),
		cmocka_unit_test(test_skip),
		cmocka_unit_test(test_encodings),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_raw),
		cmocka_unit_test(test_long_line),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
