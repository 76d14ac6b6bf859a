/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * source_senat.c: the Sénat's yearly CSV, questions-depuis-un-an.csv
 * (senat.md §1.8).
 *
 * The file is ISO-8859-1 by every account; it is decoded as Windows-1252,
 * its superset, unless it is valid UTF-8 already (a copy someone saved
 * again). Columns are found by their names, compared without case or
 * accents ("Numéro" or "Numero"); libcsv splits the fields, so quoted
 * fields holding ";" or line breaks read as one. Rows may end with empty
 * columns of varying count. Upstream text never becomes a path or a
 * link: the reference, which names the question's page, is checked
 * against its documented shape, and the CSV's own URL is not used.
 */
#include "source_senat.h"
#include "source_senat_int.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "date.h"
#include "error.h"
#include "question.h"
#include "rules.h"
#include "util.h"

/* The columns read, by folded name; the first five are required. */
enum col {
	C_SORT, C_NATURE, C_NUMERO, C_REFERENCE, C_PUBLISHED,
	C_TITLE, C_NAME, C_FIRST, C_CIVILITY, C_GROUP, C_ASKED,
	C_TRANSMITTED, C_TRANSMITTED_TO, C_ANSWERED_BY, C_ANSWERED, C_THEMES,
	C_RAPPEL_OF,
	C_COUNT
};

#define NREQUIRED	5

static const char *const col_names[C_COUNT] = {
	"Sort", "Nature", "Numéro", "Référence", "Date de publication JO",
	"Titre", "Nom", "Prénom", "Civilité", "Groupe", "Ministère de dépôt",
	"Date de transmission", "Ministère de transmission",
	"Ministère de réponse", "Date de réponse JO", "Thème(s)",
	"Référence de la question rappelée"
};

struct csv_state {
	const char		*name;
	const struct source_ctx	*ctx;
	struct error		*err;
	int			 failed;
	long			 line;		/* of the data being fed */
	long			 row_line;	/* where the current row began */
	/* The current row's fields. */
	char			**f;
	size_t			 nf, cap;
	/* From the header: the index of each column, or -1. */
	int			 have_header;
	long			 col[C_COUNT];
	size_t			 ncols;
	struct question		*rows;
	size_t			 nrows, rows_cap;
};

int
source_senat_csv_is(const char *data, size_t len, int in_archive)
{
	static const char	 head[] = "Sort;Nature;";
	const char		*p = data, *end = data + len;

	(void)in_archive;
	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	/* Lines of "%" notes may come first (senat.md §1.8). */
	while (p < end && *p == '%') {
		const char	*nl = memchr(p, '\n', (size_t)(end - p));

		p = nl != NULL ? nl + 1 : end;
	}
	return (size_t)(end - p) >= sizeof(head) - 1 &&
	    memcmp(p, head, sizeof(head) - 1) == 0;
}

/* Converts with iconv; NULL at a bad byte, whose offset is *bad
 * ((size_t)-1: iconv does not know the encoding). */
static char *
senat_convert(const char *from, const char *data, size_t len, size_t *bad)
{
	iconv_t	 cd = iconv_open("UTF-8", from);
	size_t	 cap = len * 3 + 1, left = len, room = cap - 1;
	char	*out, *in = (char *)data, *o;
	int	 e;

	if (cd == (iconv_t)-1) {
		*bad = (size_t)-1;
		return NULL;
	}
	out = o = xmalloc(cap);
	if (iconv(cd, &in, &left, &o, &room) == (size_t)-1) {
		e = errno;
		*bad = (size_t)(in - data);
		iconv_close(cd);
		free(out);
		errno = e;
		return NULL;
	}
	iconv_close(cd);
	*o = '\0';
	return out;
}

/* The line of a byte offset, from 1. */
static long
line_of(const char *data, size_t off)
{
	long	n = 1;
	size_t	i;

	for (i = 0; i < off; i++)
		n += data[i] == '\n';
	return n;
}

char *
senat_decode(const char *data, size_t len, const char *name,
    struct error *err)
{
	char	*text;
	size_t	 bad = 0;

	if ((text = senat_convert("UTF-8", data, len, &bad)) != NULL ||
	    (text = senat_convert("WINDOWS-1252", data, len, &bad)) != NULL)
		return text;
	if (bad == (size_t)-1)
		error_set(err, EXIT_SOFTWARE, "%s: iconv cannot decode "
		    "Windows-1252 here (glibc's gconv modules missing?)", name);
	else
		error_set(err, EXIT_DATAERR, "%s:%ld: byte 0x%02x is neither "
		    "UTF-8 nor Windows-1252", name, line_of(data, bad),
		    bad < len ? (unsigned char)data[bad] : 0);
	return NULL;
}

static void
state_error(struct csv_state *s, const char *col, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
state_error(struct csv_state *s, const char *col, const char *fmt, ...)
{
	char	msg[512];
	va_list	ap;

	if (s->failed)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	s->failed = 1;
	if (col != NULL)
		error_set(s->err, EXIT_DATAERR, "%s:%ld: column \"%s\": %s",
		    s->name, s->row_line, col, msg);
	else
		error_set(s->err, EXIT_DATAERR, "%s:%ld: %s", s->name,
		    s->row_line, msg);
}

/* Runs of white space made one space, in place (none leading). */
static void
one_line(char *s)
{
	char	*start = s, *w = s;

	for (; *s != '\0'; s++)
		if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n') {
			if (w > start && w[-1] != ' ')
				*w++ = ' ';
		} else
			*w++ = *s;
	*w = '\0';
}

static void
on_field(void *data, size_t len, void *arg)
{
	struct csv_state	*s = arg;

	if (s->nf == 0)
		s->row_line = s->line;
	if (s->nf == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 32;
		s->f = xrealloc(s->f, s->cap * sizeof(*s->f));
	}
	/* CSV_APPEND_NULL: the field is terminated. Every column is one
	 * line of text: a line break or tab in a quoted field is a space. */
	s->f[s->nf] = xstrdup(data != NULL ? (const char *)data : "");
	(void)len;
	one_line(s->f[s->nf]);
	str_trim(s->f[s->nf++]);
}

/* The value of a column in the current row, "" when absent. */
static const char *
field(const struct csv_state *s, enum col c)
{
	return s->col[c] >= 0 && (size_t)s->col[c] < s->nf ? s->f[s->col[c]] :
	    "";
}

static void
read_header(struct csv_state *s)
{
	size_t	i, c;

	for (c = 0; c < C_COUNT; c++)
		s->col[c] = -1;
	for (i = 0; i < s->nf; i++) {
		char	*fi = str_fold(s->f[i]);

		for (c = 0; c < C_COUNT; c++) {
			char	*fc = str_fold(col_names[c]);

			if (strcmp(fi, fc) == 0 && s->col[c] < 0)
				s->col[c] = (long)i;
			free(fc);
		}
		free(fi);
	}
	if (s->col[C_SORT] < 0 || s->col[C_NATURE] < 0) {
		state_error(s, NULL, "no header line (expected \"Sort;Nature;"
		    "Numéro;Référence;…\")");
		return;
	}
	for (c = 0; c < NREQUIRED; c++)
		if (s->col[c] < 0) {
			state_error(s, col_names[c], "missing from the header");
			return;
		}
	s->ncols = s->nf;
	s->have_header = 1;
}

/* A date column: ISO or DD/MM/YYYY; DATE_NONE when empty. */
static int
date_col(struct csv_state *s, enum col c, int *out)
{
	const char	*v = field(s, c);

	*out = DATE_NONE;
	if (v[0] == '\0')
		return 0;
	if (date_parse(v, out) == 0)
		return 0;
	state_error(s, col_names[c], "\"%.40s\" is not a date", v);
	return -1;
}

/* SEQ, the year and month, and the 5 characters of the number. */
static int
reference_ok(const char *r)
{
	size_t	i;

	if (strlen(r) != 12 || strncmp(r, "SEQ", 3) != 0)
		return 0;
	for (i = 3; i < 12; i++)
		if (!((r[i] >= '0' && r[i] <= '9') ||
		    (i >= 7 && r[i] >= 'A' && r[i] <= 'Z')))
			return 0;
	return 1;
}

/* "M. Raphaël Daubet", from whichever of the three columns are there. */
static char *
author(const struct senat_row *r)
{
	const char	*civ = r->v[SF_CIVILITY], *first = r->v[SF_FIRST];
	const char	*last = r->v[SF_LAST];

	if (last[0] == '\0')
		return NULL;
	return xasprintf("%s%s%s%s%s", civ, civ[0] ? " " : "", first,
	    first[0] ? " " : "", last);
}

static char *
opt(const struct senat_row *r, enum senat_field f)
{
	return r->v[f][0] != '\0' ? xstrdup(r->v[f]) : NULL;
}

static int
bad(enum senat_field *field, enum senat_field f, char *why, size_t size,
    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static int
bad(enum senat_field *field, enum senat_field f, char *why, size_t size,
    const char *fmt, ...)
{
	va_list	ap;

	*field = f;
	va_start(ap, fmt);
	vsnprintf(why, size, fmt, ap);
	va_end(ap);
	return -1;
}

int
senat_fill(const struct senat_row *r, const char *sort_labels,
    struct question *q, enum senat_field *field, char *why, size_t size)
{
	const char	*sort = r->v[SF_SORT], *nat = r->v[SF_NATURE];
	const char	*num = r->v[SF_NUMERO], *ref = r->v[SF_REFERENCE];
	int		 closure;
	long		 n;

	str_copy(q->assembly, "SENAT", sizeof(q->assembly));
	if (nat[0] == '\0' || strlen(nat) >= sizeof(q->type) ||
	    strspn(nat, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != strlen(nat))
		return bad(field, SF_NATURE, why, size, "\"%.40s\" is not a "
		    "nature of question (QE, QOSD, QG, …)", nat);
	str_copy(q->type, nat, sizeof(q->type));
	/* Other natures are counted and skipped: their numbers carry a
	 * letter (0766S), and nothing else of them is read. */
	if (strcmp(nat, "QE") != 0)
		return 0;
	if (str_to_long(num, 1, 99999999, &n) == -1)
		return bad(field, SF_NUMERO, why, size, "\"%.40s\" is not a "
		    "question number", num);
	q->number = n;
	if (!reference_ok(ref))
		return bad(field, SF_REFERENCE, why, size, "\"%.40s\" is not "
		    "a reference (SEQ, then 9 digits or capitals: "
		    "SEQ251006436)", ref);
	q->source_uid = xstrdup(ref);
	q->published = r->published;
	q->answered = r->answered;
	if (q->published == DATE_NONE)
		return bad(field, SF_PUBLISHED, why, size, "empty: a "
		    "question's deadline counts from it");
	/* The Sénat numbers its questions again with each legislature of
	 * the Assemblée (senat.md §1.6); the CSV does not say which, the
	 * dump does. */
	q->legislature = r->legislature;
	if (q->legislature == 0 && (q->legislature =
	    rules_legislature_at("AN", q->published)) == 0)
		return bad(field, SF_PUBLISHED, why, size, "%s is before any "
		    "legislature qetracker knows", r->v[SF_PUBLISHED]);
	if ((closure = source_senat_sort(sort, sort_labels)) == -1)
		return bad(field, SF_SORT, why, size, "\"%.80s\" is not a "
		    "sort qetracker knows; say what it means with [senat] "
		    "sort_labels = %.80s=open|answered|withdrawn|lapsed|closed",
		    sort, sort);
	q->closure = (enum closure)closure;
	q->title = opt(r, SF_TITLE);
	q->rubric = opt(r, SF_THEMES);
	q->author_name = author(r);
	q->group_abbrev = opt(r, SF_GROUP);
	q->ministry_asked = opt(r, SF_ASKED);
	q->ministry = opt(r, SF_ASKED);
	if (r->v[SF_TEXT][0] != '\0') {
		q->text = xstrdup(r->v[SF_TEXT]);
		str_trim(q->text);
		q->excerpt = question_excerpt(q->text);
	}
	question_add_event(q, EV_PUBLISHED, q->published, NULL);
	/* A question de rappel: its own question, its own deadline
	 * (senat.md §3: presumably a QE like any other), linked. */
	if (r->v[SF_RAPPEL_OF][0] != '\0') {
		if (!reference_ok(r->v[SF_RAPPEL_OF]))
			return bad(field, SF_RAPPEL_OF, why, size, "\"%.40s\" "
			    "is not a reference (SEQ, then 9 digits or "
			    "capitals: SEQ251006436)", r->v[SF_RAPPEL_OF]);
		question_add_event(q, EV_RAPPEL_OF, r->rappel != DATE_NONE ?
		    r->rappel : q->published, r->v[SF_RAPPEL_OF]);
	}
	if (r->erratum != DATE_NONE)
		question_add_event(q, EV_ERRATUM, r->erratum, NULL);
	/* A transmission moves the question to another ministry; its
	 * deadline stays (the assembly's transfer_restarts is off). */
	if (r->v[SF_TRANSMITTED_TO][0] != '\0') {
		free(q->ministry);
		q->ministry = opt(r, SF_TRANSMITTED_TO);
		q->reattributed = r->transmitted;
		question_add_event(q, EV_MINISTRY, r->transmitted, q->ministry);
	}
	if (q->closure != CLOSURE_NONE)
		q->closure_label = xstrdup(sort);
	if (q->closure == CLOSURE_ANSWERED) {
		if (r->v[SF_ANSWERED_BY][0] != '\0') {
			free(q->ministry);
			q->ministry = opt(r, SF_ANSWERED_BY);
		}
		q->closed = q->answered;
		if (q->answered == DATE_NONE)
			question_add_anomaly(q, "answer_without_date", "sort "
			    "\"%.80s\" with no answer date; answered, date "
			    "unknown", sort);
		question_add_event(q, EV_ANSWERED, q->answered, NULL);
	} else if (q->closure != CLOSURE_NONE) {
		/* Neither file dates a withdrawal or a lapse. */
		question_add_anomaly(q, "closure_without_date", "sort "
		    "\"%.80s\" without a date: it stands, date unknown", sort);
		question_add_event(q, EV_CLOSED, DATE_NONE, sort);
	}
	if (q->closure != CLOSURE_ANSWERED && q->answered != DATE_NONE) {
		char	d[DATE_ISO_LEN];

		question_add_anomaly(q, "answer_date_without_answer", "the "
		    "sort \"%.80s\" says no answer, yet the answer date is "
		    "%s", sort, date_iso(q->answered, d));
		q->answered = DATE_NONE;
	}
	return 0;
}

void
senat_rappel_add(struct senat_rappels *rs, const char *original,
    const char *rappel, int date)
{
	if (!reference_ok(original) || !reference_ok(rappel))
		return;
	if (rs->n == rs->cap) {
		rs->cap = rs->cap ? rs->cap * 2 : 64;
		rs->v = xrealloc(rs->v, rs->cap * sizeof(*rs->v));
	}
	memcpy(rs->v[rs->n].original, original, 13);
	memcpy(rs->v[rs->n].rappel, rappel, 13);
	rs->v[rs->n++].date = date;
}

static int
rappel_cmp(const void *a, const void *b)
{
	const struct senat_rappel	*x = a, *y = b;
	int				 c = strcmp(x->original, y->original);

	return c != 0 ? c : strcmp(x->rappel, y->rappel);
}

void
senat_rappels_sort(struct senat_rappels *rs)
{
	if (rs->n > 0)
		qsort(rs->v, rs->n, sizeof(*rs->v), rappel_cmp);
}

void
senat_rappels_apply(const struct senat_rappels *rs, struct question *q)
{
	size_t	lo = 0, hi = rs->n, mid;

	if (q->source_uid == NULL || rs->n == 0)
		return;
	/* The first of the original's: a lower bound. */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (strcmp(rs->v[mid].original, q->source_uid) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < rs->n && strcmp(rs->v[lo].original, q->source_uid) == 0;
	    lo++)
		question_add_event(q, EV_RAPPEL, rs->v[lo].date,
		    rs->v[lo].rappel);
}

void
senat_rappels_free(struct senat_rappels *rs)
{
	free(rs->v);
	memset(rs, 0, sizeof(*rs));
}

/* The CSV's rappels recall questions of the same file, or older ones,
 * which the dump links. */
static void
link_rappels(struct question *rows, size_t n)
{
	struct senat_rappels	rs = { NULL, 0, 0 };
	size_t			i, j;

	for (i = 0; i < n; i++)
		for (j = 0; j < rows[i].nevents; j++)
			if (strcmp(rows[i].events[j].kind, EV_RAPPEL_OF) == 0 &&
			    rows[i].source_uid != NULL)
				senat_rappel_add(&rs, rows[i].events[j].detail,
				    rows[i].source_uid,
				    rows[i].events[j].date);
	senat_rappels_sort(&rs);
	for (i = 0; i < n && rs.n > 0; i++)
		senat_rappels_apply(&rs, &rows[i]);
	senat_rappels_free(&rs);
}

/* A CSV row as the Sénat's fields; its dates read, -1 on a bad one. */
static int
csv_fill(struct csv_state *s, struct question *q)
{
	struct senat_row	 r;
	enum senat_field	 f;
	char			 why[400];
	size_t			 c;

	for (c = 0; c < SF_COUNT; c++)
		r.v[c] = c < C_COUNT ? field(s, (enum col)c) : "";
	r.legislature = 0;
	r.erratum = DATE_NONE;
	r.rappel = DATE_NONE;
	if (date_col(s, C_PUBLISHED, &r.published) == -1 ||
	    date_col(s, C_TRANSMITTED, &r.transmitted) == -1 ||
	    date_col(s, C_ANSWERED, &r.answered) == -1)
		return -1;
	if (senat_fill(&r, s->ctx ? s->ctx->sort_labels : NULL, q, &f, why,
	    sizeof(why)) == -1) {
		state_error(s, (size_t)f < C_COUNT ? col_names[f] : NULL, "%s",
		    why);
		return -1;
	}
	return 0;
}

static void
on_row(int c, void *arg)
{
	struct csv_state	*s = arg;
	struct question		*q;
	size_t			 i;

	(void)c;
	if (s->failed || s->nf == 0)
		goto out;
	if (!s->have_header) {
		read_header(s);
		goto out;
	}
	/* Empty columns may trail a row; others beyond the header's may
	 * not, and a short row is cut. */
	for (i = s->ncols; i < s->nf; i++)
		if (s->f[i][0] != '\0') {
			state_error(s, NULL, "%zu fields, the header has %zu",
			    s->nf, s->ncols);
			goto out;
		}
	if (s->nf == 1 && s->f[0][0] == '\0')
		goto out;	/* a blank line */
	/* Trailing empty columns may also be left out, but not a column
	 * a question needs. */
	for (i = 0; i < NREQUIRED; i++)
		if ((size_t)s->col[i] >= s->nf) {
			state_error(s, NULL, "%zu fields, the header has %zu "
			    "(\"%s\" is column %ld)", s->nf, s->ncols,
			    col_names[i], s->col[i] + 1);
			goto out;
		}
	if (s->nrows == s->rows_cap) {
		s->rows_cap = s->rows_cap ? s->rows_cap * 2 : 64;
		s->rows = xrealloc(s->rows, s->rows_cap * sizeof(*s->rows));
	}
	q = &s->rows[s->nrows++];
	question_init(q);
	csv_fill(s, q);
out:
	for (i = 0; i < s->nf; i++)
		free(s->f[i]);
	s->nf = 0;
}

/* Feeds the text to libcsv a line at a time, to know the line numbers;
 * "%" lines before the header are notes. */
static void
feed_lines(struct csv_state *s, struct csv_parser *p, const char *text)
{
	const char	*line = text, *nl;
	size_t		 n;

	if (strncmp(line, "\xef\xbb\xbf", 3) == 0)
		line += 3;
	for (s->line = 1; *line != '\0' && !s->failed; s->line++) {
		nl = strchr(line, '\n');
		n = nl != NULL ? (size_t)(nl - line) + 1 : strlen(line);
		if (!(line[0] == '%' && !s->have_header && s->nf == 0) &&
		    csv_parse(p, line, n, on_field, on_row, s) != n) {
			state_error(s, NULL, "malformed CSV, a stray quote? "
			    "(libcsv: %s)", csv_strerror(csv_error(p)));
			break;
		}
		line += n;
	}
	s->line--;
	if (!s->failed && csv_fini(p, on_field, on_row, s) != 0)
		state_error(s, NULL, "the file ends inside a quoted field");
}

int
source_senat_csv(const char *data, size_t len, const char *name,
    const struct source_ctx *ctx, struct question **rows, size_t *nrows,
    struct error *err)
{
	struct csv_state	 s;
	struct csv_parser	 p;
	char			*text;
	size_t			 i;

	*rows = NULL;
	*nrows = 0;
	if ((text = senat_decode(data, len, name, err)) == NULL)
		return -1;
	memset(&s, 0, sizeof(s));
	s.name = name;
	s.ctx = ctx;
	s.err = err;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
		free(text);
		return error_set(err, EXIT_SOFTWARE, "%s: libcsv: out of "
		    "memory", name);
	}
	csv_set_delim(&p, ';');
	feed_lines(&s, &p, text);
	csv_free(&p);
	free(text);
	for (i = 0; i < s.nf; i++)
		free(s.f[i]);
	free(s.f);
	if (!s.failed && !s.have_header) {
		s.row_line = 1;
		state_error(&s, NULL, "no header line (expected \"Sort;Nature;"
		    "Numéro;Référence;…\")");
	}
	if (s.failed) {
		for (i = 0; i < s.nrows; i++)
			question_clear(&s.rows[i]);
		free(s.rows);
		return -1;
	}
	link_rappels(s.rows, s.nrows);
	*rows = s.rows;
	*nrows = s.nrows;
	return 0;
}

/* The status word of a map entry, as a closure; -1 if none. */
static int
status_word(const char *w, size_t n)
{
	static const struct {
		const char	*word;
		int		 closure;
	} words[] = {
		{ "open", CLOSURE_NONE }, { "answered", CLOSURE_ANSWERED },
		{ "withdrawn", CLOSURE_WITHDRAWN }, { "lapsed", CLOSURE_LAPSED },
		{ "closed", CLOSURE_OTHER },
	};
	size_t	i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strlen(words[i].word) == n && strncmp(w, words[i].word,
		    n) == 0)
			return words[i].closure;
	return -1;
}

/* The label's status in a "label=status, ..." map, or -2 if absent. */
static int
mapped(const char *folded, const char *map)
{
	const char	*p = map, *eq, *end;
	int		 rc = -2;

	while (p != NULL && *p != '\0' && rc == -2) {
		end = strchr(p, ',');
		if (end == NULL)
			end = p + strlen(p);
		if ((eq = memchr(p, '=', (size_t)(end - p))) != NULL) {
			char	*l = xstrndup(p, (size_t)(eq - p)), *fl;
			char	*w = xstrndup(eq + 1, (size_t)(end - eq - 1));

			fl = str_fold(str_trim(l));
			str_trim(w);
			if (strcmp(fl, folded) == 0)
				rc = status_word(w, strlen(w));
			free(fl);
			free(l);
			free(w);
		}
		p = *end != '\0' ? end + 1 : end;
	}
	return rc;
}

int
source_senat_sort(const char *label, const char *map)
{
	char	*f = str_fold(label);
	int	 rc;

	if ((rc = mapped(f, map)) == -2) {
		if (strstr(f, "cours") != NULL || strstr(f, "attente") != NULL)
			rc = CLOSURE_NONE;
		else if (strstr(f, "reponse") != NULL ||
		    strstr(f, "recue") != NULL)
			rc = CLOSURE_ANSWERED;
		else if (strstr(f, "retir") != NULL)
			rc = CLOSURE_WITHDRAWN;
		else if (strstr(f, "cadu") != NULL)	/* caduc, caduque */
			rc = CLOSURE_LAPSED;
		else
			rc = -1;
	}
	free(f);
	return rc;
}
