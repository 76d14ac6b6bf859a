/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * source_senat_dump.c: the Sénat's full dump, questions.zip's
 * questions.sql (senat.md §1.3-1.5), every question since 1978.
 *
 * It is read as a stream, twice, never whole: no public account says in
 * which order pg_dump writes the tables, and a question needs the label
 * of its sort (sortquestion), the labels of its themes (the) and the
 * date of its first answer (tam_reponses, several rows for a joint
 * answer). The first pass keeps those: two small tables and an 16-byte
 * pair per answer. The second reads tam_questions, a row at a time, into
 * the same senat_row the yearly CSV fills, so that both files make the
 * same question of the same row. The first pass also notes each question
 * de rappel (refquerappelee), so that the question it recalls, wherever
 * it comes in the table, gets its event.
 *
 * Columns are found by the COPY header's names, never by position; the
 * 58 columns of recent dumps and the 56 of 2020 read alike. Answer texts
 * (tam_reponses.txtrep) are not kept: holding them for the second pass
 * would cost hundreds of MB; the question page gives them for the
 * questions watched.
 */
#define _GNU_SOURCE	/* memmem */
#include "source_senat.h"
#include "source_senat_int.h"

#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "error.h"
#include "pgcopy.h"
#include "question.h"
#include "util.h"

/* A code and its label: sortquestion, the. */
struct code {
	char	*code;
	char	*label;
};

/* The earliest answer of a question: tam_reponses. */
struct answer {
	int64_t	id;
	int	date;
};

struct dump {
	const char		*name;
	struct pgcopy		*pc;
	struct code		*sorts;
	size_t			 nsorts;
	struct code		*themes;
	size_t			 nthemes;
	struct answer		*answers;
	size_t			 nanswers, acap;
	int			 questions;	/* a tam_questions block */
	int			 lost_themes;	/* of the current row */
	struct buf		 theme_text;
	struct senat_rappels	 rappels;
};

/* The tam_questions columns of each senat_row field. */
static const char *const field_cols[SF_COUNT] = {
	"sorquecod", "natquecod", "numero", "reference", "datejodepot",
	"titre", "nom", "prenom", "codequalite", "groupe", "mindepotlib",
	"datejotran", "mintranlib", "minreplib1", "datejorep1", "themes",
	"refquerappelee", "txtque", "dateerr"
};

int
source_senat_dump_is(const char *data, size_t len, int in_archive)
{
	size_t	n = len < 65536 ? len : 65536;

	(void)in_archive;
	return (n >= 29 && memcmp(data, "--\n-- PostgreSQL database dump",
	    29) == 0) || (n >= 5 && memcmp(data, "COPY ", 5) == 0) ||
	    memmem(data, n, "\nCOPY tam_questions ", 19) != NULL ||
	    memmem(data, n, "\nCOPY questions.tam_questions ", 29) != NULL;
}

static ssize_t
stream_read(void *cookie, void *buf, size_t size, struct error *err)
{
	const struct source_stream	*s = cookie;

	return s->read(s->cookie, buf, size, err);
}

static int
dump_error(struct dump *d, struct error *err, const char *table,
    const char *col, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static int
dump_error(struct dump *d, struct error *err, const char *table,
    const char *col, const char *fmt, ...)
{
	char	msg[512];
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (col != NULL)
		return error_set(err, EXIT_DATAERR, "%s: line %ld: %s.%s: %s",
		    d->name, pgcopy_line(d->pc), table, col, msg);
	return error_set(err, EXIT_DATAERR, "%s: line %ld: %s: %s", d->name,
	    pgcopy_line(d->pc), table, msg);
}

/* The index of each named column, or -1; -1 when a required one (the
 * first nreq) is missing, err naming it. */
static int
columns(struct dump *d, const char *table, const char *const *names,
    size_t n, size_t nreq, int *idx, struct error *err)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		idx[i] = pgcopy_column(d->pc, names[i]);
		if (i < nreq && idx[i] < 0)
			return dump_error(d, err, table, NULL, "the COPY "
			    "header has no column %s", names[i]);
	}
	return 0;
}

/* A timestamp, "YYYY-MM-DD HH:MM:SS" (or a date alone); NULL is none. */
static int
dump_date(const char *v, int *out)
{
	char	day[11];
	size_t	n;

	*out = DATE_NONE;
	if (v == NULL)
		return 0;
	if (strlen(v) < 10)
		return -1;
	memcpy(day, v, 10);
	day[10] = '\0';
	if (date_parse_iso(day, out) == -1)
		return -1;
	v += 10;
	if (*v == '\0')
		return 0;
	/* " 00:00:00", maybe with a fraction or a zone: the day is all. */
	n = strspn(v + 1, "0123456789:.+-");
	return v[0] == ' ' && v[1 + n] == '\0' && n >= 8 ? 0 : -1;
}

static int
code_cmp(const void *a, const void *b)
{
	return strcmp(((const struct code *)a)->code,
	    ((const struct code *)b)->code);
}

static int
answer_cmp(const void *a, const void *b)
{
	const struct answer	*x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

/* A code as the other table writes it: sorquecod is a bigint in
 * tam_questions and a varchar in sortquestion (senat.md §1.4). */
static const char *
code_key(const char *v)
{
	while (v[0] == '0' && v[1] != '\0')
		v++;
	return v;
}

static const char *
code_find(const struct code *c, size_t n, const char *code)
{
	struct code	 key = { (char *)code_key(code), NULL };
	struct code	*hit;

	if (n == 0)		/* bsearch may not be given NULL */
		return NULL;
	hit = bsearch(&key, c, n, sizeof(*c), code_cmp);
	return hit != NULL ? hit->label : NULL;
}

/* sortquestion, the: code and label columns into a sorted table. */
static int
read_codes(struct dump *d, const char *table, const char *code_col,
    const char *label_col, struct code **out, size_t *nout,
    struct error *err)
{
	const char *const	 names[2] = { code_col, label_col };
	char *const		*f;
	int			 idx[2] = { -1, -1 }, rc;
	size_t			 cap = 0;

	if (columns(d, table, names, 2, 2, idx, err) == -1)
		return -1;
	while ((rc = pgcopy_row(d->pc, &f, err)) == 1) {
		if (f[idx[0]] == NULL)
			return dump_error(d, err, table, code_col, "NULL");
		if (*nout == cap) {
			cap = cap ? cap * 2 : 32;
			*out = xrealloc(*out, cap * sizeof(**out));
		}
		(*out)[*nout].code = xstrdup(code_key(f[idx[0]]));
		(*out)[(*nout)++].label = xstrdup(f[idx[1]] ? f[idx[1]] : "");
	}
	if (rc == 0 && *nout > 0)
		qsort(*out, *nout, sizeof(**out), code_cmp);
	return rc;
}

/* tam_reponses: the date of each answer, by question id. */
static int
read_answers(struct dump *d, struct error *err)
{
	static const char *const names[2] = { "idque", "datejorep" };
	char *const		*f;
	int			 idx[2] = { -1, -1 }, rc, date;
	long			 id;
	size_t			 i, j;

	if (columns(d, "tam_reponses", names, 2, 2, idx, err) == -1)
		return -1;
	/* The answers' texts are not read: only these two decoded. */
	while ((rc = pgcopy_row_raw(d->pc, &f, err)) == 1) {
		if (pgcopy_decode(d->pc, (size_t)idx[0], err) == -1 ||
		    pgcopy_decode(d->pc, (size_t)idx[1], err) == -1)
			return -1;
		if (f[idx[0]] == NULL || str_to_long(f[idx[0]], 0, LONG_MAX,
		    &id) == -1)
			return dump_error(d, err, "tam_reponses", "idque",
			    "\"%.40s\" is not a question id", f[idx[0]] ?
			    f[idx[0]] : "NULL");
		if (dump_date(f[idx[1]], &date) == -1)
			return dump_error(d, err, "tam_reponses", "datejorep",
			    "\"%.40s\" is not a date", f[idx[1]]);
		if (date == DATE_NONE)
			continue;
		if (d->nanswers == d->acap) {
			d->acap = d->acap ? d->acap * 2 : 1024;
			d->answers = xrealloc(d->answers, d->acap *
			    sizeof(*d->answers));
		}
		d->answers[d->nanswers].id = id;
		d->answers[d->nanswers++].date = date;
	}
	if (rc == -1)
		return -1;
	/* One entry a question, its earliest answer (joint answers). */
	if (d->nanswers > 0)
		qsort(d->answers, d->nanswers, sizeof(*d->answers),
		    answer_cmp);
	for (i = 0, j = 0; i < d->nanswers; i++)
		if (j > 0 && d->answers[j - 1].id == d->answers[i].id) {
			if (d->answers[i].date < d->answers[j - 1].date)
				d->answers[j - 1].date = d->answers[i].date;
		} else
			d->answers[j++] = d->answers[i];
	d->nanswers = j;
	return 0;
}

/* The columns of tam_questions: id and the first five fields are
 * required, the others may be absent (-1). */
static int
question_columns(struct dump *d, int *idx, int *legcol, int *idcol,
    struct error *err)
{
	size_t	i;

	for (i = 0; i < SF_COUNT; i++)
		idx[i] = pgcopy_column(d->pc, field_cols[i]);
	*legcol = pgcopy_column(d->pc, "legislature");
	*idcol = pgcopy_column(d->pc, "id");
	for (i = 0; i <= SF_PUBLISHED; i++)
		if (idx[i] < 0)
			return dump_error(d, err, "tam_questions", NULL, "the "
			    "COPY header has no column %s", field_cols[i]);
	if (*idcol < 0)
		return dump_error(d, err, "tam_questions", NULL, "the COPY "
		    "header has no column id");
	return 0;
}

/* tam_questions, in the first pass: the rappels and what they recall;
 * nothing else of a row is decoded. A malformed row is left to the
 * second pass, which names it. */
static int
read_rappels(struct dump *d, struct error *err)
{
	char *const	*f;
	int		 of = pgcopy_column(d->pc, "refquerappelee");
	int		 ref = pgcopy_column(d->pc, "reference");
	int		 when = pgcopy_column(d->pc, "daterappel");
	int		 pub = pgcopy_column(d->pc, "datejodepot");
	int		 rc, date, idx[SF_COUNT], legcol, idcol;

	/* A header that lacks a column is named before any row. */
	if (question_columns(d, idx, &legcol, &idcol, err) == -1)
		return -1;
	while ((rc = pgcopy_row_raw(d->pc, &f, err)) == 1) {
		if (of < 0 || ref < 0 || f[of] == NULL)
			continue;
		if (pgcopy_decode(d->pc, (size_t)of, err) == -1 ||
		    pgcopy_decode(d->pc, (size_t)ref, err) == -1 ||
		    (when >= 0 && pgcopy_decode(d->pc, (size_t)when,
		    err) == -1) || (pub >= 0 && pgcopy_decode(d->pc,
		    (size_t)pub, err) == -1))
			return -1;
		if (f[of] == NULL || f[ref] == NULL)
			continue;
		if ((when < 0 || dump_date(f[when], &date) == -1 ||
		    date == DATE_NONE) && (pub < 0 || dump_date(f[pub],
		    &date) == -1))
			date = DATE_NONE;
		senat_rappel_add(&d->rappels, f[of], f[ref], date);
	}
	return rc;
}

/* The first pass: every table but tam_questions, and its rappels. */
static int
first_pass(struct dump *d, struct error *err)
{
	const char	*table;
	char *const	*cols;
	size_t		 ncols;
	int		 rc, sorts = 0, themes = 0, answers = 0;

	while ((rc = pgcopy_next(d->pc, &table, &cols, &ncols, err)) == 1) {
		if (strcmp(table, "tam_questions") == 0 && d->questions++ == 0)
			rc = read_rappels(d, err);
		else if (strcmp(table, "sortquestion") == 0 && sorts++ == 0)
			rc = read_codes(d, table, "sorquecod", "sorquelib",
			    &d->sorts, &d->nsorts, err);
		else if (strcmp(table, "the") == 0 && themes++ == 0)
			rc = read_codes(d, table, "thecle", "thelib",
			    &d->themes, &d->nthemes, err);
		else if (strcmp(table, "tam_reponses") == 0 && answers++ == 0)
			rc = read_answers(d, err);
		else if (strcmp(table, "sortquestion") == 0 ||
		    strcmp(table, "the") == 0 ||
		    strcmp(table, "tam_reponses") == 0)
			return dump_error(d, err, table, NULL, "a second COPY "
			    "of the table");
		if (rc == -1)
			return -1;
	}
	if (rc == -1)
		return -1;
	if (!d->questions)
		return error_set(err, EXIT_DATAERR, "%s: no COPY of "
		    "tam_questions: not the Sénat's dump of questions",
		    d->name);
	senat_rappels_sort(&d->rappels);
	return 0;
}

/* "#2#14#" as the CSV writes themes: their labels, joined by ","; a
 * code the table the lacks is left out and counted in d->lost_themes. */
static const char *
theme_labels(struct dump *d, const char *v)
{
	const char	*p, *label;
	char		 code[16];
	size_t		 n;

	buf_reset(&d->theme_text);
	buf_adds(&d->theme_text, "");
	for (p = v; p != NULL && *p != '\0'; p += n) {
		p += strspn(p, "#");
		if ((n = strcspn(p, "#")) == 0)
			break;
		if (n >= sizeof(code) || (memcpy(code, p, n), code[n] = '\0',
		    label = code_find(d->themes, d->nthemes, code)) == NULL) {
			d->lost_themes++;
			continue;
		}
		if (d->theme_text.len > 0)
			buf_addc(&d->theme_text, ',');
		buf_adds(&d->theme_text, label);
	}
	return d->theme_text.data;
}

/* Fills one row of tam_questions into r; -1 with err set. */
static int
read_row(struct dump *d, char *const *f, const int *idx, int legcol,
    int idcol, struct senat_row *r, struct error *err)
{
	static const enum senat_field dates[] = { SF_PUBLISHED,
		SF_TRANSMITTED, SF_ANSWERED, SF_ERRATUM };
	int		*date[4] = { &r->published, &r->transmitted,
			    &r->answered, &r->erratum };
	struct answer	 key, *a;
	const char	*sort, *v;
	long		 id, leg;
	size_t		 i;
	int		 rappelcol = pgcopy_column(d->pc, "daterappel");

	d->lost_themes = 0;
	for (i = 0; i < SF_COUNT; i++)
		r->v[i] = "";
	if (pgcopy_decode(d->pc, (size_t)idx[SF_NATURE], err) == -1)
		return -1;
	/* Three rows in four are of other natures: only their nature is
	 * read, to be counted. */
	if (f[idx[SF_NATURE]] == NULL || strcmp(f[idx[SF_NATURE]], "QE") != 0) {
		r->v[SF_NATURE] = f[idx[SF_NATURE]] ? f[idx[SF_NATURE]] : "";
		return 0;
	}
	for (i = 0; i < SF_COUNT; i++)
		if (idx[i] >= 0 && pgcopy_decode(d->pc, (size_t)idx[i],
		    err) == -1)
			return -1;
	if ((legcol >= 0 && pgcopy_decode(d->pc, (size_t)legcol, err) == -1) ||
	    pgcopy_decode(d->pc, (size_t)idcol, err) == -1)
		return -1;
	for (i = 0; i < SF_COUNT; i++)
		r->v[i] = idx[i] >= 0 && f[idx[i]] != NULL ? f[idx[i]] : "";
	for (i = 0; i < sizeof(dates) / sizeof(dates[0]); i++)
		if (dump_date(idx[dates[i]] >= 0 ? f[idx[dates[i]]] : NULL,
		    date[i]) == -1)
			return dump_error(d, err, "tam_questions",
			    field_cols[dates[i]], "\"%.40s\" is not a date "
			    "(YYYY-MM-DD HH:MM:SS)", f[idx[dates[i]]]);
	if (f[idx[SF_SORT]] == NULL)
		return dump_error(d, err, "tam_questions", "sorquecod", "NULL: "
		    "a question's status is its sort");
	if ((sort = code_find(d->sorts, d->nsorts, f[idx[SF_SORT]])) == NULL)
		return dump_error(d, err, "tam_questions", "sorquecod", "%.20s "
		    "is no code of sortquestion%s", f[idx[SF_SORT]],
		    d->nsorts == 0 ? " (the dump has no COPY of it)" : "");
	r->v[SF_SORT] = sort;
	r->rappel = DATE_NONE;
	if (idx[SF_RAPPEL_OF] >= 0 && f[idx[SF_RAPPEL_OF]] != NULL &&
	    rappelcol >= 0) {
		if (pgcopy_decode(d->pc, (size_t)rappelcol, err) == -1)
			return -1;
		if (dump_date(f[rappelcol], &r->rappel) == -1)
			return dump_error(d, err, "tam_questions", "daterappel",
			    "\"%.40s\" is not a date (YYYY-MM-DD HH:MM:SS)",
			    f[rappelcol]);
	}
	r->legislature = 0;
	if (legcol >= 0 && (v = f[legcol]) != NULL) {
		if (str_to_long(v, 1, 99, &leg) == -1)
			return dump_error(d, err, "tam_questions",
			    "legislature", "\"%.20s\" is not a legislature", v);
		r->legislature = (int)leg;
	}
	if (idx[SF_THEMES] >= 0 && f[idx[SF_THEMES]] != NULL)
		r->v[SF_THEMES] = theme_labels(d, f[idx[SF_THEMES]]);
	/* The earliest answer: the row's own, or one of tam_reponses. */
	if (f[idcol] == NULL || str_to_long(f[idcol], 0, LONG_MAX,
	    &id) == -1)
		return dump_error(d, err, "tam_questions", "id", "\"%.40s\" is "
		    "not an id", f[idcol] ? f[idcol] : "NULL");
	key.id = id;
	if (d->nanswers > 0 && (a = bsearch(&key, d->answers, d->nanswers,
	    sizeof(*a), answer_cmp)) != NULL && (r->answered == DATE_NONE ||
	    a->date < r->answered))
		r->answered = a->date;
	return 0;
}

/* The second pass: tam_questions, a question at a time. */
static int
second_pass(struct dump *d, const struct source_ctx *ctx,
    source_emit_fn emit, void *arg, struct error *err)
{
	struct question	 q;
	struct senat_row r;
	enum senat_field bad;
	const char	*table;
	char *const	*cols, *const *f;
	char		 why[400];
	size_t		 ncols;
	int		 idx[SF_COUNT], legcol, idcol, rc;

	while ((rc = pgcopy_next(d->pc, &table, &cols, &ncols, err)) == 1) {
		if (strcmp(table, "tam_questions") != 0)
			continue;
		if (question_columns(d, idx, &legcol, &idcol, err) == -1)
			return -1;
		while ((rc = pgcopy_row_raw(d->pc, &f, err)) == 1) {
			if (read_row(d, f, idx, legcol, idcol, &r, err) == -1)
				return -1;
			question_init(&q);
			if (senat_fill(&r, ctx ? ctx->sort_labels : NULL, &q,
			    &bad, why, sizeof(why)) == -1) {
				question_clear(&q);
				return dump_error(d, err, table,
				    field_cols[bad], "%s", why);
			}
			senat_rappels_apply(&d->rappels, &q);
			if (d->lost_themes > 0)
				question_add_anomaly(&q, "unknown_theme", "%d "
				    "of its themes (%.40s) are not in the "
				    "table the", d->lost_themes,
				    f[idx[SF_THEMES]]);
			rc = emit(&q, arg, err);
			question_clear(&q);
			if (rc == -1)
				return -1;
		}
		/* The rest was read by the first pass (which read the
		 * whole entry, so libzip checked its CRC): not again. */
		return rc;
	}
	return rc;
}

int
source_senat_dump(const struct source_stream *s, const char *name,
    const struct source_ctx *ctx, source_emit_fn emit, void *arg,
    struct error *err)
{
	struct dump	d;
	size_t		i;
	int		rc = -1;

	memset(&d, 0, sizeof(d));
	d.name = name;
	buf_init(&d.theme_text);
	d.pc = pgcopy_open(stream_read, (void *)(uintptr_t)s, name);
	if (first_pass(&d, err) == 0 && s->rewind(s->cookie, err) == 0) {
		pgcopy_close(d.pc);
		d.pc = pgcopy_open(stream_read, (void *)(uintptr_t)s, name);
		rc = second_pass(&d, ctx, emit, arg, err);
	}
	pgcopy_close(d.pc);
	for (i = 0; i < d.nsorts; i++) {
		free(d.sorts[i].code);
		free(d.sorts[i].label);
	}
	for (i = 0; i < d.nthemes; i++) {
		free(d.themes[i].code);
		free(d.themes[i].label);
	}
	free(d.sorts);
	free(d.themes);
	free(d.answers);
	senat_rappels_free(&d.rappels);
	buf_free(&d.theme_text);
	return rc;
}
