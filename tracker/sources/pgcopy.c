/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * pgcopy.c: the COPY blocks of a PostgreSQL dump, read as a stream.
 *
 * Lines are read into one buffer that grows to the longest line (at most
 * MAX_LINE); a row's fields are split and unescaped in place, then, when
 * the dump's client_encoding is not UTF-8, converted by iconv into a
 * second buffer. Strict where the format is fixed: the header's shape,
 * the number of fields, the escapes, the "\." that ends a block. A
 * backslash before any other character is an error here, although
 * PostgreSQL would take the character as itself: pg_dump never writes
 * one, so it means the file is not what it seems.
 */
#include "pgcopy.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "util.h"

#define READ_SIZE	(256 * 1024)
#define MAX_LINE	(64L << 20)	/* a row, texts included */
#define MAX_COLUMNS	256

enum encoding {
	ENC_UTF8,
	ENC_LATIN1,
	ENC_WIN1252
};

struct pgcopy {
	pgcopy_read_fn	 read;
	void		*cookie;
	char		*name;

	char		*buf;		/* read ahead */
	size_t		 start, end;
	int		 eof;

	char		*line;		/* the current line, NUL-terminated */
	size_t		 llen, lcap;
	long		 lineno;

	enum encoding	 enc;
	iconv_t		 cd;		/* when enc is not UTF-8 */

	int		 in_block;
	long		 block_line;	/* of the COPY header */
	char		*table;
	char		**cols;
	size_t		 ncols;

	char		**fields;	/* one per column */
	char		*decoded;	/* whether each is, this row */
	struct buf	 conv;		/* converted fields */
};

struct pgcopy *
pgcopy_open(pgcopy_read_fn read, void *cookie, const char *name)
{
	struct pgcopy	*pc = xcalloc(1, sizeof(*pc));

	pc->read = read;
	pc->cookie = cookie;
	pc->name = xstrdup(name);
	pc->buf = xmalloc(READ_SIZE);
	pc->cd = (iconv_t)-1;
	buf_init(&pc->conv);
	return pc;
}

static void
header_free(struct pgcopy *pc)
{
	size_t	i;

	for (i = 0; i < pc->ncols; i++)
		free(pc->cols[i]);
	free(pc->cols);
	free(pc->table);
	free(pc->fields);
	free(pc->decoded);
	pc->cols = pc->fields = NULL;
	pc->decoded = NULL;
	pc->table = NULL;
	pc->ncols = 0;
}

void
pgcopy_close(struct pgcopy *pc)
{
	if (pc == NULL)
		return;
	header_free(pc);
	if (pc->cd != (iconv_t)-1)
		iconv_close(pc->cd);
	buf_free(&pc->conv);
	free(pc->line);
	free(pc->buf);
	free(pc->name);
	free(pc);
}

long
pgcopy_line(const struct pgcopy *pc)
{
	return pc->lineno;
}

int
pgcopy_column(const struct pgcopy *pc, const char *name)
{
	size_t	i;

	for (i = 0; i < pc->ncols; i++)
		if (strcmp(pc->cols[i], name) == 0)
			return (int)i;
	return -1;
}

/* Reads the next line into pc->line: 1, 0 at the end, -1 on error. */
static int
next_line(struct pgcopy *pc, struct error *err)
{
	char	*nl;
	size_t	 n;
	ssize_t	 got;

	pc->llen = 0;
	for (;;) {
		if (pc->start < pc->end) {
			nl = memchr(pc->buf + pc->start, '\n', pc->end -
			    pc->start);
			n = (nl != NULL ? (size_t)(nl - pc->buf) : pc->end) -
			    pc->start;
			if (pc->llen + n + 1 > (size_t)MAX_LINE)
				return error_set(err, EXIT_DATAERR, "%s: line "
				    "%ld: longer than %ld MB", pc->name,
				    pc->lineno + 1, MAX_LINE >> 20);
			if (pc->llen + n + 1 > pc->lcap) {
				pc->lcap = (pc->llen + n + 1) * 2;
				pc->line = xrealloc(pc->line, pc->lcap);
			}
			memcpy(pc->line + pc->llen, pc->buf + pc->start, n);
			pc->llen += n;
			pc->start += n + (nl != NULL);
			if (nl != NULL)
				break;
		}
		if (pc->eof) {
			if (pc->llen == 0)
				return 0;
			break;		/* a last line without its end */
		}
		if ((got = pc->read(pc->cookie, pc->buf, READ_SIZE, err)) < 0)
			return -1;
		pc->start = 0;
		pc->end = (size_t)got;
		pc->eof = got == 0;
	}
	if (pc->llen > 0 && pc->line[pc->llen - 1] == '\r')
		pc->llen--;
	if (pc->line == NULL)
		pc->line = xmalloc(pc->lcap = 64);
	pc->line[pc->llen] = '\0';
	pc->lineno++;
	return 1;
}

static int
line_error(struct pgcopy *pc, struct error *err, const char *what)
{
	return error_set(err, EXIT_DATAERR, "%s: line %ld: %s", pc->name,
	    pc->lineno, what);
}

/* An identifier, maybe double-quoted, at *s; moves *s past it. */
static char *
identifier(const char **s)
{
	const char	*p = *s, *q;
	size_t		 n;

	if (*p == '"') {
		if ((q = strchr(p + 1, '"')) == NULL || q == p + 1)
			return NULL;
		*s = q + 1;
		return xstrndup(p + 1, (size_t)(q - p - 1));
	}
	n = strspn(p, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");
	if (n == 0)
		return NULL;
	*s = p + n;
	return xstrndup(p, n);
}

/* "COPY [schema.]table (col, ...) FROM stdin;" */
static int
read_header(struct pgcopy *pc, struct error *err)
{
	const char	*p = pc->line + 5;
	char		*id;

	header_free(pc);
	if ((pc->table = identifier(&p)) == NULL)
		return line_error(pc, err, "COPY without a table name");
	if (*p == '.') {
		p++;
		if ((id = identifier(&p)) == NULL)
			return line_error(pc, err, "COPY schema. without a "
			    "table name");
		free(pc->table);
		pc->table = id;
	}
	if (strncmp(p, " (", 2) != 0)
		return line_error(pc, err, "COPY without its list of "
		    "columns: the fields could only be read by position");
	p += 2;
	for (;;) {
		if (pc->ncols == MAX_COLUMNS)
			return line_error(pc, err, "more columns than a table "
			    "of this dump may have");
		if ((id = identifier(&p)) == NULL)
			return line_error(pc, err, "a column name is expected "
			    "in the COPY header");
		pc->cols = xrealloc(pc->cols, (pc->ncols + 1) *
		    sizeof(*pc->cols));
		pc->cols[pc->ncols++] = id;
		if (strncmp(p, ", ", 2) == 0)
			p += 2;
		else if (*p == ')')
			break;
		else
			return line_error(pc, err, "the COPY header's columns "
			    "are not \"a, b, ...)\"");
	}
	if (strcmp(p, ") FROM stdin;") != 0)
		return line_error(pc, err, "the COPY header does not end with "
		    "\"FROM stdin;\"");
	pc->fields = xcalloc(pc->ncols, sizeof(*pc->fields));
	pc->decoded = xcalloc(pc->ncols, 1);
	pc->in_block = 1;
	pc->block_line = pc->lineno;
	return 0;
}

/* "SET client_encoding = 'UTF8';" */
static int
read_encoding(struct pgcopy *pc, struct error *err)
{
	static const struct {
		const char	*name;
		enum encoding	 enc;
		const char	*iconv;
	} known[] = {
		{ "UTF8", ENC_UTF8, NULL },
		{ "LATIN1", ENC_LATIN1, "ISO-8859-1" },
		{ "WIN1252", ENC_WIN1252, "WINDOWS-1252" },
	};
	const char	*p = pc->line + 19;
	size_t		 i, n;

	p += strspn(p, " =");
	if (*p == '\'')
		p++;
	n = strcspn(p, "';");
	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (strlen(known[i].name) == n && strncasecmp(p,
		    known[i].name, n) == 0)
			break;
	if (i == sizeof(known) / sizeof(known[0]))
		return error_set(err, EXIT_DATAERR, "%s: line %ld: "
		    "client_encoding %.*s: qetracker reads UTF8, LATIN1 and "
		    "WIN1252", pc->name, pc->lineno, (int)(n > 40 ? 40 : n),
		    p);
	if (pc->cd != (iconv_t)-1)
		iconv_close(pc->cd);
	pc->cd = (iconv_t)-1;
	pc->enc = known[i].enc;
	if (known[i].iconv != NULL &&
	    (pc->cd = iconv_open("UTF-8", known[i].iconv)) == (iconv_t)-1)
		return error_set(err, EXIT_SOFTWARE, "%s: iconv cannot read "
		    "%s", pc->name, known[i].iconv);
	return 0;
}

/* Skips the rows left in the current block. */
static int
skip_block(struct pgcopy *pc, struct error *err)
{
	int	rc;

	while (pc->in_block) {
		if ((rc = next_line(pc, err)) == -1)
			return -1;
		if (rc == 0)
			return error_set(err, EXIT_DATAERR, "%s: the dump ends "
			    "before \"\\.\" closes the COPY of %s (line %ld)",
			    pc->name, pc->table, pc->block_line);
		if (strcmp(pc->line, "\\.") == 0)
			pc->in_block = 0;
	}
	return 0;
}

int
pgcopy_next(struct pgcopy *pc, const char **table, char *const **cols,
    size_t *ncols, struct error *err)
{
	int	rc;

	if (skip_block(pc, err) == -1)
		return -1;
	for (;;) {
		if ((rc = next_line(pc, err)) <= 0)
			return rc;
		if (strncmp(pc->line, "COPY ", 5) == 0)
			break;
		if (strncasecmp(pc->line, "SET client_encoding", 19) == 0 &&
		    read_encoding(pc, err) == -1)
			return -1;
	}
	if (read_header(pc, err) == -1)
		return -1;
	*table = pc->table;
	*cols = pc->cols;
	*ncols = pc->ncols;
	return 1;
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Unescapes a field in place; NULL, or what is wrong. */
static const char *
unescape(char *s)
{
	char		*o = s;
	unsigned	 v;
	int		 i, h;

	for (; *s != '\0'; s++) {
		if (*s != '\\') {
			*o++ = *s;
			continue;
		}
		switch (*++s) {
		case 'b': *o++ = '\b'; break;
		case 'f': *o++ = '\f'; break;
		case 'n': *o++ = '\n'; break;
		case 'r': *o++ = '\r'; break;
		case 't': *o++ = '\t'; break;
		case 'v': *o++ = '\v'; break;
		case '\\': *o++ = '\\'; break;
		case 'x':
			v = 0;
			for (i = 0; i < 2 && (h = hexval(s[1])) >= 0; i++, s++)
				v = v * 16 + (unsigned)h;
			if (i == 0)
				return "\\x without a hex digit";
			if (v == 0)
				return "an escaped NUL byte";
			*o++ = (char)v;
			break;
		case '\0':
			return "a backslash ends the field";
		default:
			if (*s < '0' || *s > '7')
				return "a backslash before a character COPY "
				    "does not escape";
			v = 0;
			for (i = 0; i < 3 && s[0] >= '0' && s[0] <= '7';
			    i++, s++)
				v = v * 8 + (unsigned)(s[0] - '0');
			s--;
			if (v == 0 || v > 0xff)
				return "an octal escape that is no byte";
			*o++ = (char)v;
			break;
		}
	}
	*o = '\0';
	return NULL;
}

/* Converts a field to UTF-8 into pc->conv, which the row start made
 * large enough: its pointers stay. */
static int
convert_field(struct pgcopy *pc, size_t i, struct error *err)
{
	size_t	left = strlen(pc->fields[i]), room;
	char	*in = pc->fields[i], *out;

	out = pc->conv.data + pc->conv.len;
	room = pc->conv.cap - pc->conv.len - 1;
	iconv(pc->cd, NULL, NULL, NULL, NULL);
	if (iconv(pc->cd, &in, &left, &out, &room) == (size_t)-1)
		return error_set(err, EXIT_DATAERR, "%s: line %ld: column %s: a "
		    "byte (0x%02x) that is no character of the dump's "
		    "encoding", pc->name, pc->lineno, pc->cols[i],
		    (unsigned)(unsigned char)*in);
	*out = '\0';
	pc->fields[i] = pc->conv.data + pc->conv.len;
	pc->conv.len = (size_t)(out - pc->conv.data) + 1;
	return 0;
}

int
pgcopy_row_raw(struct pgcopy *pc, char *const **fields, struct error *err)
{
	char	*p, *tab;
	size_t	 n = 0;
	int	 rc;

	if (!pc->in_block)
		return 0;
	if ((rc = next_line(pc, err)) == -1)
		return -1;
	if (rc == 0)
		return error_set(err, EXIT_DATAERR, "%s: the dump ends before "
		    "\"\\.\" closes the COPY of %s (line %ld)", pc->name,
		    pc->table, pc->block_line);
	if (strcmp(pc->line, "\\.") == 0) {
		pc->in_block = 0;
		return 0;
	}
	for (p = pc->line;; p = tab + 1) {
		if (n == pc->ncols)
			return error_set(err, EXIT_DATAERR, "%s: line %ld: more "
			    "than the %zu fields the COPY of %s has", pc->name,
			    pc->lineno, pc->ncols, pc->table);
		pc->fields[n++] = p;
		if ((tab = strchr(p, '\t')) == NULL)
			break;
		*tab = '\0';
	}
	if (n != pc->ncols)
		return error_set(err, EXIT_DATAERR, "%s: line %ld: %zu fields, "
		    "the COPY of %s has %zu (%s is missing)", pc->name,
		    pc->lineno, n, pc->table, pc->ncols, pc->cols[n]);
	for (n = 0; n < pc->ncols; n++) {
		pc->decoded[n] = 0;
		if (strcmp(pc->fields[n], "\\N") == 0)
			pc->fields[n] = NULL;
	}
	if (pc->enc != ENC_UTF8) {
		/* At most 3 bytes of UTF-8 for a byte of these, and a NUL
		 * a field. */
		buf_reset(&pc->conv);
		buf_reserve(&pc->conv, pc->llen * 3 + pc->ncols + 1);
	}
	*fields = pc->fields;
	return 1;
}

int
pgcopy_decode(struct pgcopy *pc, size_t i, struct error *err)
{
	const char	*why, *bad;

	if (i >= pc->ncols || pc->decoded[i] || pc->fields[i] == NULL)
		return 0;
	pc->decoded[i] = 1;
	if ((why = unescape(pc->fields[i])) != NULL)
		return error_set(err, EXIT_DATAERR, "%s: line %ld: column %s: "
		    "%s", pc->name, pc->lineno, pc->cols[i], why);
	if (pc->enc != ENC_UTF8)
		return convert_field(pc, i, err);
	if ((bad = utf8_invalid(pc->fields[i])) != NULL)
		return error_set(err, EXIT_DATAERR, "%s: line %ld: column %s: "
		    "a byte (0x%02x) that is not UTF-8, and the dump sets no "
		    "other client_encoding", pc->name, pc->lineno,
		    pc->cols[i], (unsigned)(unsigned char)*bad);
	return 0;
}

int
pgcopy_row(struct pgcopy *pc, char *const **fields, struct error *err)
{
	size_t	i;
	int	rc;

	if ((rc = pgcopy_row_raw(pc, fields, err)) != 1)
		return rc;
	for (i = 0; i < pc->ncols; i++)
		if (pgcopy_decode(pc, i, err) == -1)
			return -1;
	return 1;
}
