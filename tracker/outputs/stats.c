/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * stats.c: the league table of ministries.
 *
 * Over the questions published in the period, per ministry in charge:
 * received; answered by the as-of date; answered within the delay; the
 * days from publication to answer (median; 90th percentile by the
 * nearest-rank method: the value at rank ceil(0.9 n)); overdue now and
 * the oldest overdue. Shares are of the questions received. Rows are
 * ranked by the share answered within the delay, then the answer rate.
 */
#include "stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "assembly.h"
#include "date.h"
#include "error.h"
#include "i18n.h"
#include "question.h"
#include "rules.h"
#include "store.h"
#include "util.h"

struct sbuild {
	const struct filter	*f;
	struct stats		*s;
	/* Each chamber's table too, when split: chamber[k] is
	 * assembly_at(k)'s, or NULL. */
	struct stats		*chamber[STATS_CHAMBERS];
};

static int
int_cmp(const void *a, const void *b)
{
	int	x = *(const int *)a, y = *(const int *)b;

	return x < y ? -1 : x > y;
}

/* The values at the sorted positions k[0] <= k[1] <= k[2] of n values
 * counted by value from lo: one walk of the counts. */
static void
at_ranks(const size_t *counts, long long lo, const size_t *k, int *out)
{
	size_t	seen = 0, j = 0, i;

	for (i = 0; j < 3; i++) {
		seen += counts[i];
		while (j < 3 && k[j] < seen)
			out[j++] = (int)(lo + (long long)i);
	}
}

void
stats_percentiles(int *v, size_t n, double *median, double *p90)
{
	size_t		 rank, k[3], i, *counts;
	long long	 lo, hi;
	int		 at[3];

	if (n == 0) {
		*median = *p90 = -1;
		return;
	}
	rank = (size_t)ceil(0.9 * (double)n);
	k[0] = n % 2 ? n / 2 : n / 2 - 1;
	k[1] = n / 2;
	k[2] = (rank > 0 ? rank : 1) - 1;
	lo = hi = v[0];
	for (i = 1; i < n; i++) {
		if (v[i] < lo)
			lo = v[i];
		if (v[i] > hi)
			hi = v[i];
	}
	/*
	 * Days to answer span a few thousand values: counting them is one
	 * pass, where sorting the 270,000 delays of all legislatures took
	 * a third of `stats`. A spread much wider than the values (hostile
	 * dates) is sorted instead.
	 */
	if (n >= 64 && (unsigned long long)(hi - lo) < 4 * (unsigned long
	    long)n + 65536) {
		counts = xcalloc((size_t)(hi - lo) + 1, sizeof(*counts));
		for (i = 0; i < n; i++)
			counts[v[i] - lo]++;
		at_ranks(counts, lo, k, at);
		free(counts);
	} else {
		qsort(v, n, sizeof(*v), int_cmp);
		for (i = 0; i < 3; i++)
			at[i] = v[k[i]];
	}
	/* In double: two delays of hostile dates may not sum in an int. */
	*median = n % 2 ? at[1] : ((double)at[0] + at[1]) / 2.0;
	*p90 = at[2];
}

static size_t
name_slot(const struct stats *s, const char *name)
{
	return (size_t)util_hash64(name, strlen(name)) & (s->nslots - 1);
}

/* The row of a ministry, by name: a hash of the rows, since a scan
 * looks one up for each of 300,000 questions. */
static struct stats_row *
row_for(struct stats *s, const char *name)
{
	size_t	h, i;

	if (s->nslots > 0)
		for (h = name_slot(s, name); s->slots[h] != 0;
		    h = (h + 1) & (s->nslots - 1))
			if (strcmp(s->rows[s->slots[h] - 1].name, name) == 0)
				return &s->rows[s->slots[h] - 1];
	s->rows = xrealloc(s->rows, (s->n + 1) * sizeof(*s->rows));
	memset(&s->rows[s->n], 0, sizeof(*s->rows));
	s->rows[s->n].name = xstrdup(name);
	s->rows[s->n].oldest_overdue = -1;
	s->n++;
	if (2 * s->n > s->nslots) {
		free(s->slots);
		s->nslots = s->nslots ? 2 * s->nslots : 64;
		s->slots = xcalloc(s->nslots, sizeof(*s->slots));
		for (i = 0; i < s->n; i++) {
			for (h = name_slot(s, s->rows[i].name); s->slots[h] != 0;
			    h = (h + 1) & (s->nslots - 1))
				;
			s->slots[h] = i + 1;
		}
	} else {
		for (h = name_slot(s, name); s->slots[h] != 0;
		    h = (h + 1) & (s->nslots - 1))
			;
		s->slots[h] = s->n;
	}
	return &s->rows[s->n - 1];
}

static void
count(struct stats_row *r, const struct question *q, const struct qstate *st)
{
	r->received++;
	if (st->status == QS_ANSWERED || st->status == QS_ANSWERED_LATE) {
		r->answered++;
		r->on_time += st->status == QS_ANSWERED;
		if (r->ndays == r->capdays) {
			r->capdays = r->capdays ? 2 * r->capdays : 16;
			r->days = xrealloc(r->days, r->capdays * sizeof(int));
		}
		r->days[r->ndays++] = q->answered - q->published;
	} else if (st->status == QS_OVERDUE) {
		r->overdue++;
		if (st->days_overdue > r->oldest_overdue)
			r->oldest_overdue = st->days_overdue;
	}
}

static int
stats_one(const struct question *q, void *arg)
{
	struct sbuild	*b = arg;
	struct stats	*s = b->s;
	struct qstate	 st;
	size_t		 k;

	if (q->published == DATE_NONE || q->deadline == DATE_NONE)
		return 0;
	if ((s->from != DATE_NONE && q->published < s->from) ||
	    (s->to != DATE_NONE && q->published > s->to))
		return 0;
	rules_state(q, s->asof, &st);
	if (!filter_match(b->f, q, &st))
		return 0;
	count(row_for(s, q->ministry ? q->ministry : _("unknown")), q, &st);
	count(&s->total, q, &st);
	for (k = 0; k < STATS_CHAMBERS && b->chamber[k] != NULL; k++)
		if (strcmp(assembly_at(k)->id, q->assembly) == 0) {
			s = b->chamber[k];
			count(row_for(s, q->ministry ? q->ministry :
			    _("unknown")), q, &st);
			count(&s->total, q, &st);
			break;
		}
	return 0;
}

static double
share(unsigned long a, unsigned long b)
{
	return b > 0 ? (double)a / (double)b : 0;
}

static int
row_cmp(const void *a, const void *b)
{
	const struct stats_row	*x = a, *y = b;
	double			 sx = share(x->on_time, x->received);
	double			 sy = share(y->on_time, y->received);

	if (sx != sy)
		return sx > sy ? -1 : 1;
	sx = share(x->answered, x->received);
	sy = share(y->answered, y->received);
	if (sx != sy)
		return sx > sy ? -1 : 1;
	return strcmp(x->name, y->name);
}

static void
stats_start(struct stats *s, int asof, int from, int to)
{
	memset(s, 0, sizeof(*s));
	s->asof = asof;
	s->from = from;
	s->to = to;
	s->total.name = xstrdup(_("All ministries"));
	s->total.oldest_overdue = -1;
}

static void
stats_finish(struct stats *s)
{
	size_t	i;

	for (i = 0; i < s->n; i++)
		stats_percentiles(s->rows[i].days, s->rows[i].ndays,
		    &s->rows[i].median, &s->rows[i].p90);
	stats_percentiles(s->total.days, s->total.ndays, &s->total.median,
	    &s->total.p90);
	/* Sorted, the rows leave their slots: no more lookups. */
	free(s->slots);
	s->slots = NULL;
	s->nslots = 0;
	if (s->n > 0)
		qsort(s->rows, s->n, sizeof(*s->rows), row_cmp);
}

int
stats_build_split(struct store *st, const struct filter *f, int asof,
    int from, int to, int split, struct stats *v, size_t *n,
    struct error *err)
{
	struct sbuild	b;
	size_t		k, m;

	memset(&b, 0, sizeof(b));
	b.f = f;
	b.s = &v[0];
	stats_start(&v[0], asof, from, to);
	for (k = 0; split && k < STATS_CHAMBERS && assembly_at(k) != NULL;
	    k++) {
		b.chamber[k] = &v[1 + k];
		stats_start(b.chamber[k], asof, from, to);
		b.chamber[k]->chamber = assembly_at(k)->name;
	}
	m = k;
	/* One scan for the pooled table and each chamber's. */
	if (store_scan_questions(st, f->legislature, 0, stats_one, &b,
	    err) == -1) {
		for (k = 0; k <= m; k++)
			stats_free(&v[k]);
		return -1;
	}
	*n = 1;
	for (k = 0; k <= m; k++) {
		stats_finish(&v[k]);
		if (k == 0)
			continue;
		if (v[k].total.received == 0)
			stats_free(&v[k]);
		else if (*n != k) {
			v[*n] = v[k];
			memset(&v[k], 0, sizeof(v[k]));
			(*n)++;
		} else
			(*n)++;
	}
	if (*n == 2) {		/* one chamber only: the pooled table is it */
		stats_free(&v[1]);
		*n = 1;
	}
	return 0;
}

int
stats_build(struct store *st, const struct filter *f, int asof, int from,
    int to, struct stats *s, struct error *err)
{
	size_t	n;

	return stats_build_split(st, f, asof, from, to, 0, s, &n, err);
}

static void
row_free(struct stats_row *r)
{
	free(r->name);
	free(r->days);
}

void
stats_free(struct stats *s)
{
	size_t	i;

	if (s == NULL)
		return;
	for (i = 0; i < s->n; i++)
		row_free(&s->rows[i]);
	row_free(&s->total);
	free(s->rows);
	free(s->slots);
	memset(s, 0, sizeof(*s));
}

/* "42 %" or "-" */
static char *
pct(unsigned long a, unsigned long b, char *buf, size_t size)
{
	if (b == 0)
		snprintf(buf, size, "-");
	else
		snprintf(buf, size, "%.0f %%", 100.0 * (double)a / (double)b);
	return buf;
}

static char *
num(double v, char *buf, size_t size)
{
	if (v < 0)
		snprintf(buf, size, "-");
	else if (v == floor(v))
		snprintf(buf, size, "%.0f", v);
	else
		snprintf(buf, size, "%.1f", v);
	return buf;
}

static void
columns(const char **c)
{
	c[0] = _("Ministry");
	c[1] = _("Received");
	c[2] = _("Answered");
	c[3] = _("Answer rate");
	c[4] = _("Within the delay");
	c[5] = _("Share within the delay");
	c[6] = _("Median days to answer");
	c[7] = _("90th percentile");
	c[8] = _("Overdue now");
	c[9] = _("Oldest overdue (days)");
}

/* One row's cells as text. */
static void
cells(const struct stats_row *r, char v[10][64])
{
	str_copy(v[0], r->name, 64);
	snprintf(v[1], 64, "%lu", r->received);
	snprintf(v[2], 64, "%lu", r->answered);
	pct(r->answered, r->received, v[3], 64);
	snprintf(v[4], 64, "%lu", r->on_time);
	pct(r->on_time, r->received, v[5], 64);
	num(r->median, v[6], 64);
	num(r->p90, v[7], 64);
	snprintf(v[8], 64, "%lu", r->overdue);
	num(r->oldest_overdue, v[9], 64);
}

static void
title(const struct stats *s, struct buf *b)
{
	char	a[40], f[40], t[40];

	buf_printf(b, _("Ministries' answers to written questions, as of %s"),
	    i18n_date(s->asof, a, sizeof(a)));
	if (s->from != DATE_NONE || s->to != DATE_NONE) {
		buf_adds(b, " — ");
		buf_printf(b, _("questions published from %s to %s"),
		    s->from != DATE_NONE ? i18n_date(s->from, f, sizeof(f)) :
		    "…", s->to != DATE_NONE ? i18n_date(s->to, t, sizeof(t)) :
		    "…");
	}
	if (s->chamber != NULL)
		buf_printf(b, " — %s", s->chamber);
}

static void
write_text(FILE *fp, const struct stats *s)
{
	char		 v[10][64], rank[16];
	struct buf	 b;
	size_t		 i;

	buf_init(&b);
	title(s, &b);
	fprintf(fp, "%s\n\n%3s  ", b.data, "#");
	fput_cell(fp, _("Ministry"), 34);
	fprintf(fp, " %8s %8s %6s %8s %6s %7s %6s %8s %7s\n", _("recv."),
	    _("answ."), _("rate"), _("in time"), _("share"), _("median"),
	    _("p90"), _("late"), _("oldest"));
	buf_free(&b);
	for (i = 0; i <= s->n; i++) {
		const struct stats_row	*r = i < s->n ? &s->rows[i] : &s->total;

		cells(r, v);
		snprintf(rank, sizeof(rank), "%zu", i + 1);
		fprintf(fp, "%3s  ", i < s->n ? rank : "");
		fput_cell(fp, v[0], 34);
		fprintf(fp, " %8s %8s %6s %8s %6s %7s %6s %8s %7s\n", v[1],
		    v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9]);
	}
}

static void
write_markdown(FILE *fp, const struct stats *s)
{
	const char	*c[10];
	char		 v[10][64];
	struct buf	 b;
	size_t		 i, k;

	columns(c);
	buf_init(&b);
	title(s, &b);
	fprintf(fp, "# %s\n\n| # |", b.data);
	buf_free(&b);
	for (k = 0; k < 10; k++)
		fprintf(fp, " %s |", c[k]);
	fputs("\n|---:|---|", fp);
	for (k = 1; k < 10; k++)
		fputs("---:|", fp);
	fputc('\n', fp);
	for (i = 0; i <= s->n; i++) {
		cells(i < s->n ? &s->rows[i] : &s->total, v);
		if (i < s->n)
			fprintf(fp, "| %zu |", i + 1);
		else
			fputs("| |", fp);
		for (k = 0; k < 10; k++)
			fprintf(fp, " %s |", v[k]);
		fputc('\n', fp);
	}
}

/* One table of the HTML document, under its heading (h1 or h2). */
static void
html_table(struct buf *b, const struct stats *s, int level)
{
	const char	*c[10];
	char		 v[10][64];
	struct buf	 t;
	size_t		 i, k;

	columns(c);
	buf_init(&t);
	title(s, &t);
	buf_printf(b, "<h%d>", level);
	buf_add_html(b, t.data);
	buf_printf(b, "</h%d>\n<table>\n<tr><th>#</th>", level);
	buf_free(&t);
	for (k = 0; k < 10; k++) {
		buf_adds(b, "<th>");
		buf_add_html(b, c[k]);
		buf_adds(b, "</th>");
	}
	buf_adds(b, "</tr>\n");
	for (i = 0; i <= s->n; i++) {
		cells(i < s->n ? &s->rows[i] : &s->total, v);
		if (i < s->n)
			buf_printf(b, "<tr><td class=\"n\">%zu</td>", i + 1);
		else
			buf_adds(b, "<tr class=\"total\"><td></td>");
		for (k = 0; k < 10; k++) {
			buf_adds(b, k ? "<td class=\"n\">" : "<td>");
			buf_add_html(b, v[k]);
			buf_adds(b, "</td>");
		}
		buf_adds(b, "</tr>\n");
	}
	buf_adds(b, "</table>\n");
}

static void
write_html(FILE *fp, const struct stats *const *v, size_t n)
{
	struct buf	 b, t;
	size_t		 i;

	buf_init(&b);
	buf_init(&t);
	title(v[0], &t);
	buf_printf(&b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta "
	    "charset=\"utf-8\">\n<title>", i18n_french() ? "fr" : "en");
	buf_add_html(&b, t.data);
	buf_adds(&b, "</title>\n<style>body{font-family:sans-serif;margin:1em}"
	    "table{border-collapse:collapse}td,th{padding:.25em .5em;"
	    "border-bottom:1px solid #ddd}td.n{text-align:right}</style>\n"
	    "</head>\n<body>\n");
	for (i = 0; i < n; i++)
		html_table(&b, v[i], i == 0 ? 1 : 2);
	buf_adds(&b, "</body>\n</html>\n");
	fputs(b.data, fp);
	buf_free(&b);
	buf_free(&t);
}

static json_t *
jnum(double v)
{
	return v < 0 ? json_null() : json_real(v);
}

static json_t *
row_json(const struct stats_row *r, size_t rank)
{
	return json_pack("{s:o,s:s,s:I,s:I,s:f,s:I,s:f,s:o,s:o,s:I,s:o}",
	    "rank", rank ? json_integer((json_int_t)rank) : json_null(),
	    "ministry", r->name, "received", (json_int_t)r->received,
	    "answered", (json_int_t)r->answered, "answer_rate",
	    share(r->answered, r->received), "answered_on_time",
	    (json_int_t)r->on_time, "on_time_share", share(r->on_time,
	    r->received), "median_days", jnum(r->median), "p90_days",
	    jnum(r->p90), "overdue", (json_int_t)r->overdue,
	    "oldest_overdue_days", r->oldest_overdue >= 0 ?
	    json_integer(r->oldest_overdue) : json_null());
}

static int
write_json(FILE *fp, const struct stats *s)
{
	json_t	*o = json_object(), *rows = json_array();
	char	 d[DATE_ISO_LEN];
	size_t	 i;
	int	 rc;

	json_object_set_new(o, "as_of", json_string(date_iso(s->asof, d)));
	json_object_set_new(o, "published_from", s->from != DATE_NONE ?
	    json_string(date_iso(s->from, d)) : json_null());
	json_object_set_new(o, "published_to", s->to != DATE_NONE ?
	    json_string(date_iso(s->to, d)) : json_null());
	for (i = 0; i < s->n; i++)
		json_array_append_new(rows, row_json(&s->rows[i], i + 1));
	json_object_set_new(o, "ministries", rows);
	json_object_set_new(o, "total", row_json(&s->total, 0));
	rc = json_dumpf(o, fp, JSON_INDENT(2) | JSON_REAL_PRECISION(4));
	fputc('\n', fp);
	json_decref(o);
	return rc;
}

static void
write_csv(FILE *fp, const struct stats *s)
{
	size_t	i;

	fputs("rank,ministry,received,answered,answer_rate,answered_on_time,"
	    "on_time_share,median_days,p90_days,overdue,oldest_overdue_days"
	    "\r\n", fp);
	for (i = 0; i <= s->n; i++) {
		const struct stats_row	*r = i < s->n ? &s->rows[i] : &s->total;

		if (i < s->n)
			fprintf(fp, "%zu,", i + 1);
		else
			fputc(',', fp);
		csv_field(fp, r->name);
		fprintf(fp, ",%lu,%lu,%.4f,%lu,%.4f,",
		    r->received, r->answered, share(r->answered, r->received),
		    r->on_time, share(r->on_time, r->received));
		if (r->median >= 0)
			fprintf(fp, "%g,%g", r->median, r->p90);
		else
			fputc(',', fp);
		fprintf(fp, ",%lu,", r->overdue);
		if (r->oldest_overdue >= 0)
			fprintf(fp, "%d", r->oldest_overdue);
		fputs("\r\n", fp);
	}
}

int
stats_write(FILE *fp, const struct stats *s, enum report_format f)
{
	return stats_write_all(fp, &s, 1, f);
}

int
stats_write_all(FILE *fp, const struct stats *const *v, size_t n,
    enum report_format f)
{
	const struct stats	*s = v[0];
	size_t			 i;

	switch (f) {
	case RF_TEXT:
	case RF_MARKDOWN:
		for (i = 0; i < n; i++) {
			if (i > 0)
				fputc('\n', fp);
			if (f == RF_TEXT)
				write_text(fp, v[i]);
			else
				write_markdown(fp, v[i]);
		}
		break;
	case RF_HTML:
		write_html(fp, v, n);
		break;
	case RF_CSV:
		write_csv(fp, s);
		break;
	case RF_JSON:
		if (write_json(fp, s) == -1)
			return -1;
		break;
	case RF_XLSX:
		return -1;	/* sheet_stats */
	}
	return ferror(fp) ? -1 : 0;
}
