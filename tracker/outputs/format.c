/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * format.c: questions for people and programs.
 *
 * The JSON object is the contract of architecture.md; the CSV columns are
 * its leaves in the same order (author_ref, author_name, ...), so the two
 * cannot drift apart. Lists stream one row at a time: nothing holds every
 * question. CSV follows RFC 4180 (CRLF, quotes doubled); the table counts
 * UTF-8 characters, not bytes, when it pads and cuts.
 */
#include "format.h"

#include <stdlib.h>
#include <string.h>

#include "assembly.h"
#include "date.h"
#include "error.h"
#include "i18n.h"
#include "i18n.h"
#include "question.h"
#include "rules.h"
#include "search.h"
#include "util.h"

struct lister {
	FILE			*fp;
	enum list_format	 fmt;
	int			 width;
	int			 color;
	int			 hits;	/* a search's: score and snippet */
	unsigned long		 rows;
};

int
format_parse(const char *s, enum list_format *out, struct error *err)
{
	if (strcmp(s, "table") == 0)
		*out = LIST_TABLE;
	else if (strcmp(s, "json") == 0)
		*out = LIST_JSON;
	else if (strcmp(s, "csv") == 0)
		*out = LIST_CSV;
	else
		return error_set(err, EXIT_USAGE, "--format: \"%s\" is not "
		    "table, json or csv", s);
	return 0;
}

static json_t *
jstr(const char *s)
{
	return s != NULL ? json_string(s) : json_null();
}

static json_t *
jdate(int day)
{
	char	d[DATE_ISO_LEN];

	return day != DATE_NONE ? json_string(date_iso(day, d)) : json_null();
}

static json_t *
jint(int v)
{
	return v >= 0 ? json_integer(v) : json_null();
}

json_t *
format_question(const struct question *q, const struct qstate *st)
{
	json_t	*o = json_object();
	char	 uid[64], *url = question_url(q);
	int	 asof_closed = st->closed;

	question_uid(q, uid, sizeof(uid));
	json_object_set_new(o, "uid", json_string(uid));
	json_object_set_new(o, "assembly", json_string(q->assembly));
	json_object_set_new(o, "legislature", json_integer(q->legislature));
	json_object_set_new(o, "type", json_string(q->type));
	json_object_set_new(o, "number", json_integer(q->number));
	json_object_set_new(o, "title", jstr(q->title));
	json_object_set_new(o, "rubric", jstr(q->rubric));
	json_object_set_new(o, "author", json_pack("{s:o,s:o}",
	    "ref", jstr(q->author_ref), "name", jstr(q->author_name)));
	json_object_set_new(o, "group", json_pack("{s:o,s:o,s:o}",
	    "ref", jstr(q->group_ref), "abbrev", jstr(q->group_abbrev),
	    "name", jstr(q->group_name)));
	json_object_set_new(o, "ministry", json_pack("{s:o,s:o}",
	    "ref", jstr(q->ministry_ref), "name", jstr(q->ministry)));
	json_object_set_new(o, "published", jdate(q->published));
	json_object_set_new(o, "deadline", jdate(st->deadline));
	/* Facts after the as-of date are not known yet at that date. */
	if (st->signal_overdue < 0) {
		json_object_set_new(o, "signaled", json_null());
		json_object_set_new(o, "signal_deadline", json_null());
		json_object_set_new(o, "signal_overdue", json_null());
	} else {
		json_object_set_new(o, "signaled", jdate(q->signaled));
		json_object_set_new(o, "signal_deadline",
		    jdate(q->signal_deadline));
		json_object_set_new(o, "signal_overdue",
		    json_boolean(st->signal_overdue));
	}
	json_object_set_new(o, "answered", jdate(st->status == QS_ANSWERED ||
	    st->status == QS_ANSWERED_LATE ? q->answered : DATE_NONE));
	json_object_set_new(o, "closed", jdate(asof_closed));
	/* The closure's own words (its code when it has none), whenever a
	 * closure applies at the as-of date, dated or not. */
	json_object_set_new(o, "closure", jstr(asof_closed != DATE_NONE ||
	    st->status == QS_WITHDRAWN || st->status == QS_LAPSED ||
	    st->status == QS_CLOSED ?
	    (q->closure_label != NULL ? q->closure_label : q->closure_code !=
	    NULL && q->closure != CLOSURE_NONE ? q->closure_code :
	    st->status == QS_LAPSED ? "Fin de mandat" : NULL) : NULL));
	json_object_set_new(o, "status",
	    json_string(rules_status_name(st->status)));
	json_object_set_new(o, "days_left", jint(st->days_left));
	json_object_set_new(o, "days_overdue", jint(st->days_overdue));
	json_object_set_new(o, "days_late", jint(st->days_late));
	json_object_set_new(o, "rule", jstr(q->rule[0] != '\0' ? q->rule :
	    NULL));
	json_object_set_new(o, "url", jstr(url));
	free(url);
	return o;
}

/* Appends the names of an object's leaves, joined with "_", to names:
 * the CSV's columns. */
static void
csv_names(json_t *o, const char *prefix, struct buf *names)
{
	const char	*key;
	json_t		*v;

	json_object_foreach(o, key, v) {
		char	*name = prefix ? xasprintf("%s_%s", prefix, key) :
			    xstrdup(key);

		if (json_is_object(v))
			csv_names(v, name, names);
		else
			buf_printf(names, "%s%s", names->len ? "," : "", name);
		free(name);
	}
}

/* The leaves of o, in csv_names' order, as fields: written as they are
 * walked, with no name made (a list's rows are most of its time). */
static void
csv_values(FILE *fp, json_t *o, size_t *n)
{
	const char	*key, *s;
	json_t		*v;
	char		 num[64];

	json_object_foreach(o, key, v) {
		if (json_is_object(v)) {
			csv_values(fp, v, n);
			continue;
		}
		if ((*n)++ > 0)
			fputc(',', fp);
		if (json_is_null(v))
			continue;
		if (json_is_string(v))
			s = json_string_value(v);
		else if (json_is_boolean(v))
			s = json_is_true(v) ? "true" : "false";
		else if (json_is_real(v)) {
			snprintf(num, sizeof(num), "%.3f", json_real_value(v));
			s = num;
		} else {
			snprintf(num, sizeof(num), "%lld",
			    (long long)json_integer_value(v));
			s = num;
		}
		csv_field(fp, s);
	}
}

static void
csv_row(struct lister *l, json_t *o)
{
	struct buf	 names;
	size_t		 n = 0;

	if (l->rows == 0) {
		buf_init(&names);
		csv_names(o, NULL, &names);
		fprintf(l->fp, "%s\r\n", names.data);
		buf_free(&names);
	}
	csv_values(l->fp, o, &n);
	fputs("\r\n", l->fp);
}

static void
table_header(struct lister *l)
{
	fput_cell(l->fp, _("DEADLINE"), 10);
	fputc(' ', l->fp);
	fput_cell(l->fp, _("STATUS"), 16);
	fputc(' ', l->fp);
	fput_cell(l->fp, _("QUESTION"), 12);
	fputc(' ', l->fp);
	fput_cell(l->fp, _("AUTHOR"), 24);
	fputc(' ', l->fp);
	fput_cell(l->fp, _("MINISTRY"), 30);
	fprintf(l->fp, " %s\n", _("SUBJECT"));
}

static void
table_row(struct lister *l, const struct question *q,
    const struct qstate *st)
{
	char	d[DATE_ISO_LEN], what[32], num[64];
	int	rest;

	switch (st->status) {
	case QS_OPEN:
		if (st->days_left == 0)
			snprintf(what, sizeof(what), "%s", _("due today"));
		else if (st->days_left > 0)
			snprintf(what, sizeof(what), ngettext("%d d left",
			    "%d d left", (unsigned long)st->days_left),
			    st->days_left);
		else
			snprintf(what, sizeof(what), "%s",
			    rules_status_label(st->status));
		break;
	case QS_OVERDUE:
		snprintf(what, sizeof(what), _("%d d overdue"),
		    st->days_overdue);
		break;
	case QS_ANSWERED_LATE:
		snprintf(what, sizeof(what), _("answered +%d d"),
		    st->days_late);
		break;
	default:
		snprintf(what, sizeof(what), "%s",
		    rules_status_label(st->status));
		break;
	}
	question_label(q, num, sizeof(num));
	if (l->color && st->status == QS_OVERDUE)
		fputs("\033[31m", l->fp);
	fput_cell(l->fp, st->deadline != DATE_NONE ? i18n_date_short(
	    st->deadline, d, sizeof(d)) :
	    "-", 10);
	fputc(' ', l->fp);
	fput_cell(l->fp, what, 16);
	fputc(' ', l->fp);
	fput_cell(l->fp, num, 12);
	fputc(' ', l->fp);
	/* Staff look for their member first. */
	fput_cell(l->fp, q->author_name != NULL ? q->author_name :
	    q->author_ref, 24);
	fputc(' ', l->fp);
	fput_cell(l->fp, q->ministry, 30);
	fputc(' ', l->fp);
	rest = l->width > 0 ? l->width - 97 : 0;
	fput_cell(l->fp, q->title != NULL ? q->title : q->rubric,
	    l->width > 0 ? (rest < 10 ? 10 : rest) : 0);
	if (l->color && st->status == QS_OVERDUE)
		fputs("\033[0m", l->fp);
	fputc('\n', l->fp);
}

struct lister *
lister_start(FILE *fp, enum list_format fmt, int width, int color)
{
	struct lister	*l = xcalloc(1, sizeof(*l));

	l->fp = fp;
	l->fmt = fmt;
	l->width = width;
	l->color = color;
	if (fmt == LIST_JSON)
		fputc('[', fp);
	return l;
}

/* The search's fields of a hit: its score and its snippet. */
static void
hit_fields(json_t *o, double rank, const char *snippet)
{
	struct buf	 html;
	char		*plain = search_snippet_text(snippet, "", "");

	/* bm25 is lower for better hits: the score is its opposite. */
	json_object_set_new(o, "score", json_real(rank == 0 ? 0 :
	    (double)(long long)(-rank * 1000 + .5) / 1000));
	json_object_set_new(o, "snippet", json_string(plain));
	buf_init(&html);
	search_snippet_html(&html, snippet);
	json_object_set_new(o, "snippet_html", json_string(html.data != NULL ?
	    html.data : ""));
	buf_free(&html);
	free(plain);
}

static void
row(struct lister *l, const struct question *q, const struct qstate *st,
    double rank, const char *snippet)
{
	json_t	*o;
	char	*text;

	if (l->fmt == LIST_TABLE) {
		if (l->rows == 0)
			table_header(l);
		table_row(l, q, st);
		if (snippet != NULL) {
			text = search_snippet_text(snippet, l->color ?
			    "\033[1m" : "[", l->color ? "\033[0m" : "]");
			fprintf(l->fp, "           %s\n", text);
			free(text);
		}
	} else {
		o = format_question(q, st);
		if (snippet != NULL)
			hit_fields(o, rank, snippet);
		if (l->fmt == LIST_JSON) {
			fputs(l->rows ? ",\n  " : "\n  ", l->fp);
			json_dumpf(o, l->fp, JSON_REAL_PRECISION(6));
		} else
			csv_row(l, o);
		json_decref(o);
	}
	l->rows++;
}

void
lister_row(struct lister *l, const struct question *q,
    const struct qstate *st)
{
	row(l, q, st, 0, NULL);
}

void
lister_hit(struct lister *l, const struct question *q,
    const struct qstate *st, double rank, const char *snippet)
{
	l->hits = 1;
	row(l, q, st, rank, snippet != NULL ? snippet : "");
}

void
lister_hits(struct lister *l)
{
	l->hits = 1;
}

void
lister_end(struct lister *l)
{
	if (l == NULL)
		return;
	if (l->fmt == LIST_JSON)
		fputs(l->rows ? "\n]\n" : "]\n", l->fp);
	else if (l->fmt == LIST_TABLE)
		fprintf(l->fp, ngettext("%lu question\n", "%lu questions\n",
		    l->rows), l->rows);
	else if (l->rows == 0) {
		/* An empty CSV still names its columns. */
		struct question	q;
		struct qstate	st;
		json_t		*o;
		struct buf	 names;

		question_init(&q);
		memset(&st, 0, sizeof(st));
		st.closed = DATE_NONE;
		o = format_question(&q, &st);
		if (l->hits)
			hit_fields(o, 0, "");
		buf_init(&names);
		csv_names(o, NULL, &names);
		fprintf(l->fp, "%s\r\n", names.data);
		buf_free(&names);
		json_decref(o);
	}
	free(l);
}
