/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * report.c: the overdue report.
 *
 * One pass over the questions that pass the filters computes each
 * question's state at the as-of date and at the start of the period, so
 * "newly overdue" and "change since the previous period" need no history
 * table. Overdue questions are grouped (ministry in charge, author or
 * group), groups with the most overdue first, questions most overdue
 * first. Every text goes through gettext (French by default); data
 * formats (csv, json) keep ISO dates and English keys.
 */
#include "report.h"

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

int
report_parse_format(const char *s, enum report_format *f, struct error *err)
{
	static const char *const names[] = {
		"text", "markdown", "html", "csv", "json"
	};
	int	i;

	for (i = 0; i < 5; i++)
		if (strcmp(s, names[i]) == 0) {
			*f = (enum report_format)i;
			return 0;
		}
	return error_set(err, EXIT_USAGE, "--format: \"%s\" is not text, "
	    "markdown, html, csv or json", s);
}

int
report_parse_by(const char *s, enum report_by *by, struct error *err)
{
	if (strcmp(s, "ministry") == 0)
		*by = BY_MINISTRY;
	else if (strcmp(s, "author") == 0)
		*by = BY_AUTHOR;
	else if (strcmp(s, "group") == 0)
		*by = BY_GROUP;
	else
		return error_set(err, EXIT_USAGE, "--by: \"%s\" is not "
		    "ministry, author or group", s);
	return 0;
}

struct build {
	const struct report_opts	*o;
	struct report			*r;
	size_t				 cap;
};

static const char *
group_key(const struct question *q, enum report_by by)
{
	switch (by) {
	case BY_AUTHOR:
		return q->author_name ? q->author_name : q->author_ref;
	case BY_GROUP:
		return q->group_abbrev ? q->group_abbrev : q->group_name;
	case BY_MINISTRY:
		break;
	}
	return q->ministry;
}

static void
add_overdue(struct build *b, const struct question *q,
    const struct qstate *st, int newly)
{
	struct report_q	*rq;
	const char	*key = group_key(q, b->o->by);

	if (b->r->nq == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 256;
		b->r->q = xrealloc(b->r->q, b->cap * sizeof(*b->r->q));
	}
	rq = &b->r->q[b->r->nq++];
	memset(rq, 0, sizeof(*rq));
	question_uid(q, rq->uid, sizeof(rq->uid));
	str_copy(rq->assembly, q->assembly, sizeof(rq->assembly));
	rq->legislature = q->legislature;
	rq->number = q->number;
	rq->title = xstrdup_null(q->title ? q->title : q->rubric);
	rq->url = question_url(q);
	rq->key = xstrdup(key ? key : _("unknown"));
	rq->published = q->published;
	rq->deadline = st->deadline;
	rq->days_overdue = st->days_overdue;
	rq->signaled = q->signaled != DATE_NONE && q->signaled <= b->o->asof;
	rq->newly = newly;
}

static int
count_one(const struct question *q, void *arg)
{
	struct build		*b = arg;
	struct report_counts	*c = &b->r->c;
	const struct assembly	*a = assembly_of(q);
	struct qstate		 now, then;
	int			 last;

	rules_state(q, b->o->asof, &now);
	if (!filter_match(b->o->filter, q, &now))
		return 0;
	c->by_status[now.status < 8 ? now.status : 7]++;
	rules_state(q, b->o->since, &then);
	last = q->answered > q->published ? q->answered : q->published;
	if (last > b->r->latest_jo && last <= b->o->asof)
		b->r->latest_jo = last;
	c->overdue_before += then.status == QS_OVERDUE;
	switch (now.status) {
	case QS_OPEN:
		c->open++;
		c->due_soon += now.days_left >= 0 &&
		    now.days_left <= REPORT_DUE_SOON;
		break;
	case QS_OVERDUE:
		c->overdue++;
		c->newly_overdue += then.status != QS_OVERDUE;
		/* A signalement after the as-of date is not known yet. */
		if (a != NULL && a->signalement && (q->signaled ==
		    DATE_NONE || q->signaled > b->o->asof))
			c->signal_eligible++;
		if (a != NULL && a->conversion)
			c->oral_eligible++;
		add_overdue(b, q, &now, then.status != QS_OVERDUE);
		break;
	case QS_ANSWERED:
	case QS_ANSWERED_LATE:
		if (q->answered > b->o->since) {
			c->answered++;
			c->answered_late += now.status == QS_ANSWERED_LATE;
		}
		break;
	default:
		break;
	}
	return 0;
}

static const struct report	*sort_report;

static int
q_cmp(const void *a, const void *b)
{
	const struct report_q	*x = &sort_report->q[*(const size_t *)a];
	const struct report_q	*y = &sort_report->q[*(const size_t *)b];

	if (x->days_overdue != y->days_overdue)
		return x->days_overdue > y->days_overdue ? -1 : 1;
	if (x->legislature != y->legislature)
		return x->legislature < y->legislature ? -1 : 1;
	return x->number < y->number ? -1 : x->number > y->number;
}

static int
g_cmp(const void *a, const void *b)
{
	const struct report_group	*x = a, *y = b;

	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* Groups the overdue questions by key, worst group first. */
static void
group(struct report *r)
{
	size_t	i, j;

	for (i = 0; i < r->nq; i++) {
		for (j = 0; j < r->ng; j++)
			if (strcmp(r->g[j].name, r->q[i].key) == 0)
				break;
		if (j == r->ng) {
			r->g = xrealloc(r->g, (r->ng + 1) * sizeof(*r->g));
			r->g[j].name = xstrdup(r->q[i].key);
			r->g[j].idx = NULL;
			r->g[j].n = 0;
			r->ng++;
		}
		r->g[j].idx = xrealloc(r->g[j].idx, (r->g[j].n + 1) *
		    sizeof(size_t));
		r->g[j].idx[r->g[j].n++] = i;
	}
	sort_report = r;
	for (j = 0; j < r->ng; j++)
		qsort(r->g[j].idx, r->g[j].n, sizeof(size_t), q_cmp);
	if (r->ng > 0)
		qsort(r->g, r->ng, sizeof(*r->g), g_cmp);
}

int
report_build(struct store *st, const struct report_opts *o,
    struct report *r, struct error *err)
{
	struct build	b = { o, r, 0 };

	memset(r, 0, sizeof(*r));
	r->asof = o->asof;
	r->since = o->since;
	r->by = o->by;
	r->feed_url = o->feed_url;
	r->rules = o->rules;
	r->latest_jo = DATE_NONE;
	if (store_each_question(st, o->filter->legislature, count_one, &b,
	    err) == -1) {
		report_free(r);
		return -1;
	}
	group(r);
	return 0;
}

void
report_free(struct report *r)
{
	size_t	i;

	if (r == NULL)
		return;
	for (i = 0; i < r->nq; i++) {
		free(r->q[i].title);
		free(r->q[i].url);
		free(r->q[i].key);
	}
	for (i = 0; i < r->ng; i++) {
		free(r->g[i].name);
		free(r->g[i].idx);
	}
	free(r->q);
	free(r->g);
	memset(r, 0, sizeof(*r));
}

char *
report_subject(const struct report *r)
{
	char	*s, *t;

	s = xasprintf(ngettext("QE: %lu overdue, %lu new answer",
	    "QE: %lu overdue, %lu new answers", r->c.answered), r->c.overdue,
	    r->c.answered);
	if (r->c.newly_overdue == 0)
		return s;
	t = xasprintf(ngettext("%s, %lu newly overdue", "%s, %lu newly overdue",
	    r->c.newly_overdue), s, r->c.newly_overdue);
	free(s);
	return t;
}

static const char *
by_title(enum report_by by)
{
	switch (by) {
	case BY_AUTHOR:
		return _("Overdue questions by author, most overdue first");
	case BY_GROUP:
		return _("Overdue questions by group, most overdue first");
	case BY_MINISTRY:
		break;
	}
	return _("Overdue questions by ministry, most overdue first");
}

/* The headline figures, as (label, value) pairs for every format. */
struct headline {
	const char	*label;
	long		 value;
};

static size_t
headlines(const struct report *r, struct headline *h)
{
	size_t	n = 0;

	h[n].label = _("Overdue");
	h[n++].value = (long)r->c.overdue;
	h[n].label = _("Change since the start of the period");
	h[n++].value = (long)r->c.overdue - (long)r->c.overdue_before;
	h[n].label = _("Newly overdue in the period");
	h[n++].value = (long)r->c.newly_overdue;
	h[n].label = _("Answered in the period");
	h[n++].value = (long)r->c.answered;
	h[n].label = _("of which late");
	h[n++].value = (long)r->c.answered_late;
	h[n].label = _("Open, within the delay");
	h[n++].value = (long)r->c.open;
	h[n].label = _("Due within 14 days");
	h[n++].value = (long)r->c.due_soon;
	return n;
}

/* The days a signaled question has, by the rules in force. */
static int
signal_days(const struct report *r)
{
	struct rules_settings	d;

	if (r->rules != NULL)
		return r->rules->signal_days;
	rules_defaults(&d);
	return d.signal_days;
}

/* How deadlines are computed: the built-in rules, or the rules file's. */
static void
footer_method(const struct report *r, struct buf *b)
{
	const struct rule	*set;
	size_t			 i, n;

	if (r->rules != NULL && r->rules->ndefs > 0) {
		set = rules_set(r->rules, &n);
		buf_adds(b, _("Deadlines, by the rules file in force: "));
		for (i = 0; i < n; i++)
			buf_printf(b, _("%s%s %s: %s from the publication in the "
			    "JO (%s)"), i ? _("; ") : "", set[i].assembly,
			    set[i].type, _(set[i].label), set[i].article);
	} else
		buf_adds(b, _("Deadlines: two months from the question's "
		    "publication in the Journal officiel, counted from date to "
		    "date (art. 135 of the Assemblée's rules; art. 75 of the "
		    "Sénat's)"));
	buf_printf(b, _("; %d days from the JO mention of a signalement. The "
	    "deadline day is on time; a question is overdue from the next "
	    "day."), signal_days(r));
}

static void
period_line(const struct report *r, struct buf *b)
{
	char	a[40], s[40];

	buf_printf(b, _("Report as of %s, period from %s"), i18n_date(r->asof,
	    a, sizeof(a)), i18n_date(r->since, s, sizeof(s)));
}

static void
data_line(const struct report *r, struct buf *b)
{
	char	d[40];

	if (r->latest_jo != DATE_NONE)
		buf_printf(b, _("Data up to the JO of %s."), i18n_date(
		    r->latest_jo, d, sizeof(d)));
	if (r->feed_url != NULL) {
		buf_addc(b, ' ');
		buf_printf(b, _("Calendar feed: %s"), r->feed_url);
	}
}

/* "17-6750  JO 2025-05-20  due 2025-07-20  496 days  Subject" */
static void
text_question(FILE *fp, const struct report_q *q, int color)
{
	char	num[32], p[DATE_ISO_LEN], d[DATE_ISO_LEN];

	snprintf(num, sizeof(num), "%d-%ld", q->legislature, q->number);
	fprintf(fp, "  %s%-9s%s JO %s  %s %s  %5d %-5s %s%s\n    %s\n",
	    color ? "\033[1m" : "", num, color ? "\033[0m" : "",
	    date_iso(q->published, p), _("due"), date_iso(q->deadline, d),
	    q->days_overdue, i18n_days(q->days_overdue), q->title ? q->title :
	    "", q->signaled ? _(" (signaled)") : "", q->url ? q->url : "");
}

/* The first REPORT_ACTIONS_MAX questions a group may still signal, most
 * overdue first. */
static size_t
actions(const struct report *r, size_t *out)
{
	size_t			*all = xcalloc(r->nq, sizeof(*all)), i, n = 0;
	size_t			 k = 0;
	const struct assembly	*a;

	for (i = 0; i < r->nq; i++)
		if ((a = assembly_find(r->q[i].assembly)) != NULL &&
		    a->signalement && !r->q[i].signaled)
			all[n++] = i;
	sort_report = r;
	qsort(all, n, sizeof(*all), q_cmp);
	for (i = 0; i < n && k < REPORT_ACTIONS_MAX; i++)
		out[k++] = all[i];
	free(all);
	return k;
}

static void
actions_text(const struct report *r, struct buf *b, int markdown)
{
	const struct assembly	*a;
	size_t			 idx[REPORT_ACTIONS_MAX], n, i, k;
	int			 para = 0;

	/* The counts are pooled: one assembly has a signalement (the AN),
	 * one a conversion (the Sénat). */
	for (k = 0; (a = assembly_at(k)) != NULL; k++) {
		if (a->signalement) {
			if (para++ && markdown)
				buf_adds(b, "\n");
			n = actions(r, idx);
			buf_printf(b, _("%s: %lu overdue questions can be "
			    "signaled by a group president (answer then due "
			    "within %d days)."), a->name, r->c.signal_eligible,
			    signal_days(r));
			if (n > 0)
				buf_printf(b, " %s", _("The most overdue:"));
			for (i = 0; i < n; i++)
				buf_printf(b, "%s%d-%ld", i ? ", " : " ",
				    r->q[idx[i]].legislature,
				    r->q[idx[i]].number);
			buf_addc(b, '\n');
		}
		if (a->conversion && r->c.oral_eligible > 0) {
			if (para++ && markdown)
				buf_adds(b, "\n");
			buf_printf(b, _("%s: %lu overdue questions can be "
			    "converted into oral questions."), a->name,
			    r->c.oral_eligible);
			buf_addc(b, '\n');
		}
	}
}

static int
write_text(FILE *fp, const struct report *r, int color)
{
	struct headline	h[8];
	struct buf	b;
	size_t		i, j, n = headlines(r, h);

	buf_init(&b);
	period_line(r, &b);
	fprintf(fp, "%s\n\n", b.data);
	for (i = 0; i < n; i++) {
		char	v[32];

		snprintf(v, sizeof(v), "%s%ld", i == 1 && h[i].value > 0 ?
		    "+" : "", h[i].value);
		fputs("  ", fp);
		fput_cell(fp, h[i].label, 40);
		fprintf(fp, " %6s\n", v);
	}
	fprintf(fp, "\n%s\n", by_title(r->by));
	for (i = 0; i < r->ng; i++) {
		fprintf(fp, "\n%s — %zu\n", r->g[i].name, r->g[i].n);
		for (j = 0; j < r->g[i].n; j++)
			text_question(fp, &r->q[r->g[i].idx[j]], color);
	}
	buf_reset(&b);
	actions_text(r, &b, 0);
	fprintf(fp, "\n%s\n%s", _("Actions"), b.data);
	buf_reset(&b);
	footer_method(r, &b);
	buf_addc(&b, '\n');
	data_line(r, &b);
	fprintf(fp, "\n%s\n", b.data);
	buf_free(&b);
	return ferror(fp) ? -1 : 0;
}

/* Markdown table cells: no "|", no line breaks. */
static void
md_cell(struct buf *b, const char *s)
{
	for (; s != NULL && *s != '\0'; s++) {
		if (*s == '|')
			buf_adds(b, "\\|");
		else if (*s == '\n')
			buf_addc(b, ' ');
		else
			buf_addc(b, *s);
	}
}

static int
write_markdown(FILE *fp, const struct report *r)
{
	struct headline	h[8];
	struct buf	b;
	size_t		i, j, n = headlines(r, h);
	char		p[DATE_ISO_LEN], d[DATE_ISO_LEN];

	buf_init(&b);
	buf_adds(&b, "# ");
	period_line(r, &b);
	buf_printf(&b, "\n\n| | |\n|---|---:|\n");
	for (i = 0; i < n; i++)
		buf_printf(&b, "| %s | %s%ld |\n", h[i].label, i == 1 &&
		    h[i].value > 0 ? "+" : "", h[i].value);
	buf_printf(&b, "\n## %s\n", by_title(r->by));
	for (i = 0; i < r->ng; i++) {
		buf_adds(&b, "\n### ");
		md_cell(&b, r->g[i].name);
		buf_printf(&b, " — %zu\n\n| %s | JO | %s | %s | %s |\n"
		    "|---|---|---|---:|---|\n", r->g[i].n, _("Question"),
		    _("Deadline"), _("Days overdue"), _("Subject"));
		for (j = 0; j < r->g[i].n; j++) {
			const struct report_q	*q = &r->q[r->g[i].idx[j]];

			buf_printf(&b, "| [%d-%ld](%s) | %s | %s | %d | ",
			    q->legislature, q->number, q->url ? q->url : "",
			    date_iso(q->published, p), date_iso(q->deadline, d),
			    q->days_overdue);
			md_cell(&b, q->title);
			buf_adds(&b, " |\n");
		}
	}
	buf_printf(&b, "\n## %s\n\n", _("Actions"));
	actions_text(r, &b, 1);
	buf_adds(&b, "\n---\n\n");
	footer_method(r, &b);
	buf_adds(&b, "\n\n");
	data_line(r, &b);
	buf_addc(&b, '\n');
	fputs(b.data, fp);
	buf_free(&b);
	return ferror(fp) ? -1 : 0;
}

/* A horizontal bar chart of overdue questions per group, inline SVG. */
void
report_chart(struct buf *b, const struct report *r)
{
	size_t	i, max = 1, n = r->ng < 30 ? r->ng : 30;
	int	h = 22, w = 360;
	char	*label;

	for (i = 0; i < n; i++)
		if (r->g[i].n > max)
			max = r->g[i].n;
	buf_printf(b, "<svg class=\"chart\" role=\"img\" xmlns=\"http://www.w3."
	    "org/2000/svg\" viewBox=\"0 0 720 %zu\" width=\"100%%\">\n<title>",
	    n * (size_t)h + 4);
	buf_add_html(b, by_title(r->by));
	buf_adds(b, "</title>\n");
	for (i = 0; i < n; i++) {
		int	len = (int)((long)r->g[i].n * w / (long)max);

		buf_printf(b, "<g class=\"bar\"><text x=\"345\" y=\"%zu\" "
		    "text-anchor=\"end\" font-size=\"12\">", i * (size_t)h + 15);
		label = utf8_cut(r->g[i].name, 44);
		buf_add_html(b, label);
		free(label);
		buf_printf(b, "</text><rect x=\"350\" y=\"%zu\" width=\"%d\" "
		    "height=\"16\" fill=\"#c0392b\"/><text x=\"%d\" y=\"%zu\" "
		    "font-size=\"12\">%zu</text></g>\n", i * (size_t)h + 3,
		    len > 0 ? len : 1, 355 + len, i * (size_t)h + 15,
		    r->g[i].n);
	}
	buf_adds(b, "</svg>\n");
}

static void
html_group(struct buf *b, const struct report *r, const struct report_group *g)
{
	char	p[40], d[40];
	size_t	j;

	buf_adds(b, "<h3>");
	buf_add_html(b, g->name);
	buf_printf(b, " — %zu</h3>\n<table>\n<tr><th>%s</th><th>JO</th><th>%s"
	    "</th><th class=\"n\">%s</th><th>%s</th></tr>\n", g->n,
	    _("Question"), _("Deadline"), _("Days overdue"), _("Subject"));
	for (j = 0; j < g->n; j++) {
		const struct report_q	*q = &r->q[g->idx[j]];

		buf_adds(b, "<tr><td><a href=\"");
		buf_add_html(b, q->url);
		buf_printf(b, "\">%d-%ld</a></td><td>%s</td><td>%s</td>"
		    "<td class=\"n\">%d</td><td>", q->legislature, q->number,
		    i18n_date(q->published, p, sizeof(p)), i18n_date(q->deadline,
		    d, sizeof(d)), q->days_overdue);
		buf_add_html(b, q->title);
		buf_adds(b, "</td></tr>\n");
	}
	buf_adds(b, "</table>\n");
}

static int
write_html(FILE *fp, const struct report *r)
{
	struct headline	h[8];
	struct buf	b, t;
	size_t		i, n = headlines(r, h);

	buf_init(&b);
	buf_init(&t);
	period_line(r, &t);
	buf_printf(&b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta "
	    "charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width="
	    "device-width, initial-scale=1\">\n<title>", i18n_french() ? "fr" :
	    "en");
	buf_add_html(&b, t.data);
	buf_adds(&b, "</title>\n<style>body{font-family:sans-serif;max-width:"
	    "60em;margin:auto;padding:1em;color:#222}table{border-collapse:"
	    "collapse;width:100%;margin-bottom:1em}td,th{padding:.25em .4em;"
	    "border-bottom:1px solid #ddd;text-align:left;vertical-align:top}"
	    "td.n,th.n{text-align:right}h3{margin-top:1.5em}"
	    "@media print{a{color:inherit;text-decoration:none}h3{break-after:"
	    "avoid}tr{break-inside:avoid}}</style>\n</head>\n<body>\n<h1>");
	buf_add_html(&b, t.data);
	buf_adds(&b, "</h1>\n<table class=\"counts\">\n");
	for (i = 0; i < n; i++) {
		buf_adds(&b, "<tr><td>");
		buf_add_html(&b, h[i].label);
		buf_printf(&b, "</td><td class=\"n\">%s%ld</td></tr>\n", i == 1 &&
		    h[i].value > 0 ? "+" : "", h[i].value);
	}
	buf_adds(&b, "</table>\n<h2>");
	buf_add_html(&b, by_title(r->by));
	buf_adds(&b, "</h2>\n");
	report_chart(&b, r);
	for (i = 0; i < r->ng; i++)
		html_group(&b, r, &r->g[i]);
	buf_reset(&t);
	actions_text(r, &t, 0);
	buf_printf(&b, "<h2>%s</h2>\n<p>", _("Actions"));
	buf_add_html(&b, t.data);
	buf_adds(&b, "</p>\n<footer><p>");
	buf_reset(&t);
	footer_method(r, &t);
	buf_add_html(&b, t.data);
	buf_adds(&b, "</p><p>");
	buf_reset(&t);
	data_line(r, &t);
	buf_add_html(&b, t.data);
	buf_adds(&b, "</p></footer>\n</body>\n</html>\n");
	fputs(b.data, fp);
	buf_free(&b);
	buf_free(&t);
	return ferror(fp) ? -1 : 0;
}

static void
csv_cell(FILE *fp, const char *s, int last)
{
	csv_field(fp, s);
	fputs(last ? "\r\n" : ",", fp);
}

static int
write_csv(FILE *fp, const struct report *r)
{
	static const char *const by[] = { "ministry", "author", "group" };
	char	 p[DATE_ISO_LEN], d[DATE_ISO_LEN];
	size_t	 i, j;

	fprintf(fp, "%s,uid,legislature,number,published,deadline,"
	    "days_overdue,signaled,newly_overdue,title,url\r\n", by[r->by]);
	for (i = 0; i < r->ng; i++)
		for (j = 0; j < r->g[i].n; j++) {
			const struct report_q	*q = &r->q[r->g[i].idx[j]];

			csv_cell(fp, r->g[i].name, 0);
			fprintf(fp, "%s,%d,%ld,%s,%s,%d,%s,%s,", q->uid,
			    q->legislature, q->number, date_iso(q->published,
			    p), date_iso(q->deadline, d), q->days_overdue,
			    q->signaled ? "true" : "false", q->newly ? "true" :
			    "false");
			csv_cell(fp, q->title, 0);
			csv_cell(fp, q->url, 1);
		}
	return ferror(fp) ? -1 : 0;
}

static json_t *
jdate(int day)
{
	char	d[DATE_ISO_LEN];

	return day == DATE_NONE ? json_null() : json_string(date_iso(day, d));
}

static int
write_json(FILE *fp, const struct report *r)
{
	static const char *const by[] = { "ministry", "author", "group" };
	json_t	*o = json_object(), *groups = json_array(), *act;
	size_t	 i, j, idx[REPORT_ACTIONS_MAX], n;
	int	 rc;

	json_object_set_new(o, "as_of", jdate(r->asof));
	json_object_set_new(o, "since", jdate(r->since));
	json_object_set_new(o, "by", json_string(by[r->by]));
	json_object_set_new(o, "data_jo_until", jdate(r->latest_jo));
	json_object_set_new(o, "counts", json_pack("{s:I,s:I,s:I,s:I,s:I,s:I,"
	    "s:I,s:I,s:I}", "open", (json_int_t)r->c.open, "overdue",
	    (json_int_t)r->c.overdue, "overdue_at_since",
	    (json_int_t)r->c.overdue_before, "newly_overdue",
	    (json_int_t)r->c.newly_overdue, "answered",
	    (json_int_t)r->c.answered, "answered_late",
	    (json_int_t)r->c.answered_late, "due_within_14_days",
	    (json_int_t)r->c.due_soon, "signal_eligible",
	    (json_int_t)r->c.signal_eligible, "oral_eligible",
	    (json_int_t)r->c.oral_eligible));
	for (i = 0; i < r->ng; i++) {
		json_t	*qs = json_array();

		for (j = 0; j < r->g[i].n; j++) {
			const struct report_q	*q = &r->q[r->g[i].idx[j]];

			json_array_append_new(qs, json_pack("{s:s,s:i,s:I,s:o,"
			    "s:o,s:i,s:b,s:b,s:o,s:o}", "uid", q->uid,
			    "legislature", q->legislature, "number",
			    (json_int_t)q->number, "published",
			    jdate(q->published), "deadline", jdate(q->deadline),
			    "days_overdue", q->days_overdue, "signaled",
			    q->signaled, "newly_overdue", q->newly, "title",
			    q->title ? json_string(q->title) : json_null(),
			    "url", q->url ? json_string(q->url) : json_null()));
		}
		json_array_append_new(groups, json_pack("{s:s,s:I,s:o}", "name",
		    r->g[i].name, "count", (json_int_t)r->g[i].n, "questions",
		    qs));
	}
	json_object_set_new(o, "groups", groups);
	act = json_array();
	n = actions(r, idx);
	for (i = 0; i < n; i++)
		json_array_append_new(act, json_string(r->q[idx[i]].uid));
	json_object_set_new(o, "signal_candidates", act);
	rc = json_dumpf(o, fp, JSON_INDENT(2));
	fputc('\n', fp);
	json_decref(o);
	return rc == 0 && !ferror(fp) ? 0 : -1;
}

int
report_write(FILE *fp, const struct report *r, enum report_format f,
    int color)
{
	switch (f) {
	case RF_TEXT:
		return write_text(fp, r, color);
	case RF_MARKDOWN:
		return write_markdown(fp, r);
	case RF_HTML:
		return write_html(fp, r);
	case RF_CSV:
		return write_csv(fp, r);
	case RF_JSON:
		return write_json(fp, r);
	}
	return -1;
}
