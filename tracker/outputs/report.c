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
		"text", "markdown", "html", "csv", "json", "xlsx"
	};
	int	i;

	for (i = 0; i < 6; i++)
		if (strcmp(s, names[i]) == 0) {
			*f = (enum report_format)i;
			return 0;
		}
	return error_set(err, EXIT_USAGE, "--format: \"%s\" is not text, "
	    "markdown, html, csv, json or xlsx", s);
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
	size_t				 cap, capans, capsoon;
	/* The name of the author the filter gives by reference, as the
	 * questions name them, for titles. */
	char				*author_name;
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

/* A new entry at the end of *list, grown as needed. */
static struct report_q *
add_entry(struct report_q **list, size_t *n, size_t *cap)
{
	struct report_q	*rq;

	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		*list = xrealloc(*list, *cap * sizeof(**list));
	}
	rq = &(*list)[(*n)++];
	memset(rq, 0, sizeof(*rq));
	return rq;
}

/* A signalement after the as-of date is not known yet: its JO date, or
 * 0. */
static int
known_signal(const struct question *q, int asof)
{
	return q->signaled != DATE_NONE && q->signaled <= asof ? q->signaled :
	    0;
}

/* The day a session rule will lapse the question, not yet passed; or 0
 * (a legislature's end is no step of the question's own). */
static int
coming_lapse(const struct question *q, int asof)
{
	return q->lapse_date != DATE_NONE && q->lapse_date >= asof &&
	    q->lapse_date != rules_legislature_end(q->assembly,
	    q->legislature) ? q->lapse_date : 0;
}

static void
fill(struct build *b, struct report_q *rq, const struct question *q,
    const struct qstate *st, int newly)
{
	const char	*key = group_key(q, b->o->by);

	question_uid(q, rq->uid, sizeof(rq->uid));
	str_copy(rq->assembly, q->assembly, sizeof(rq->assembly));
	rq->legislature = q->legislature;
	rq->number = q->number;
	rq->title = xstrdup_null(q->title ? q->title : q->rubric);
	rq->url = question_url(q);
	rq->key = xstrdup(key ? key : _("unknown"));
	rq->author = xstrdup_null(q->author_name ? q->author_name :
	    q->author_ref);
	rq->group = xstrdup_null(q->group_abbrev ? q->group_abbrev :
	    q->group_name);
	rq->ministry = xstrdup_null(q->ministry);
	rq->answer = xstrdup_null(q->answer_excerpt);
	rq->published = q->published;
	rq->deadline = st->deadline;
	rq->days_overdue = st->days_overdue;
	rq->days_left = st->days_left;
	rq->answered = st->status == QS_ANSWERED || st->status ==
	    QS_ANSWERED_LATE ? q->answered : DATE_NONE;
	rq->days_late = rq->answered != DATE_NONE && st->deadline !=
	    DATE_NONE && rq->answered > st->deadline ? rq->answered -
	    st->deadline : 0;
	rq->lapses = coming_lapse(q, b->o->asof);
	rq->signaled = known_signal(q, b->o->asof);
	rq->newly = newly;
	rq->stored_deadline = q->deadline;
}

static int
count_one(const struct question *q, void *arg)
{
	struct build		*b = arg;
	struct report_counts	*c = &b->r->c;
	const struct assembly	*a = assembly_of(q);
	struct qstate		 now, then;
	int			 last;

	/* How recent the data is: the source's, not the subset's. */
	last = q->answered > q->published ? q->answered : q->published;
	if (last > b->r->latest_jo && last <= b->o->asof)
		b->r->latest_jo = last;
	rules_state(q, b->o->asof, &now);
	if (!filter_match(b->o->filter, q, &now))
		return 0;
	if (b->author_name == NULL && q->author_name != NULL &&
	    q->author_ref != NULL && b->o->filter->author != NULL &&
	    strcmp(b->o->filter->author, q->author_ref) == 0)
		b->author_name = xstrdup(q->author_name);
	c->by_status[now.status < 8 ? now.status : 7]++;
	rules_state(q, b->o->since, &then);
	c->overdue_before += then.status == QS_OVERDUE;
	switch (now.status) {
	case QS_OPEN:
		c->open++;
		if (now.days_left >= 0 && now.days_left <= REPORT_DUE_SOON) {
			c->due_soon++;
			fill(b, add_entry(&b->r->soon, &b->r->nsoon,
			    &b->capsoon), q, &now, 0);
		}
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
		fill(b, add_entry(&b->r->q, &b->r->nq, &b->cap), q, &now,
		    then.status != QS_OVERDUE);
		break;
	case QS_ANSWERED:
	case QS_ANSWERED_LATE:
		if (q->answered > b->o->since) {
			c->answered++;
			c->answered_late += now.status == QS_ANSWERED_LATE;
			fill(b, add_entry(&b->r->ans, &b->r->nans,
			    &b->capans), q, &now, 0);
		}
		break;
	default:
		break;
	}
	return 0;
}

static const struct report	*sort_report;

static int
stored_cmp(const void *a, const void *b)
{
	const struct report_q	*x = a, *y = b;
	int			 c;

	if (x->stored_deadline != y->stored_deadline)
		return x->stored_deadline < y->stored_deadline ? -1 : 1;
	if (x->legislature != y->legislature)
		return x->legislature < y->legislature ? -1 : 1;
	if (x->number != y->number)
		return x->number < y->number ? -1 : 1;
	if ((c = strcmp(x->assembly, y->assembly)) != 0)
		return c;
	return strcmp(x->uid, y->uid);
}

static int
q_cmp(const void *a, const void *b)
{
	const struct report_q	*x = &sort_report->q[*(const size_t *)a];
	const struct report_q	*y = &sort_report->q[*(const size_t *)b];

	if (x->days_overdue != y->days_overdue)
		return x->days_overdue > y->days_overdue ? -1 : 1;
	if (x->legislature != y->legislature)
		return x->legislature < y->legislature ? -1 : 1;
	if (x->number != y->number)
		return x->number < y->number ? -1 : 1;
	/* Then by chamber and uid: the order is the data's, never the
	 * order rows were read in. */
	return stored_cmp(x, y);
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

/* Answered: the latest answer first; due soon: the soonest first. */
static int
ans_cmp(const void *a, const void *b)
{
	const struct report_q	*x = a, *y = b;

	if (x->answered != y->answered)
		return x->answered > y->answered ? -1 : 1;
	return strcmp(x->uid, y->uid);
}

static int
soon_cmp(const void *a, const void *b)
{
	const struct report_q	*x = a, *y = b;

	if (x->deadline != y->deadline)
		return x->deadline < y->deadline ? -1 : 1;
	return strcmp(x->uid, y->uid);
}

/* "LFI-NFP", "M. Ugo Bernalicis, Justice": what the filter keeps, for
 * titles; an author given by reference goes by name (author_name), an
 * assembly by its name. */
static char *
scope(const struct filter *f, const char *author_name)
{
	const struct assembly	*a = assembly_find(f->assembly);
	const char		*parts[4] = { author_name != NULL ?
				    author_name : f->author, f->group,
				    f->ministry, a != NULL ? a->name :
				    f->assembly[0] != '\0' ? f->assembly :
				    NULL };
	struct buf	 b;
	size_t		 i;

	buf_init(&b);
	for (i = 0; i < 4; i++)
		if (parts[i] != NULL && parts[i][0] != '\0')
			buf_printf(&b, "%s%s", b.len > 0 ? ", " : "", parts[i]);
	if (b.len == 0) {
		buf_free(&b);
		return NULL;
	}
	return b.data;
}

int
report_build(struct store *st, const struct report_opts *o,
    struct report *r, struct error *err)
{
	struct build	b = { o, r, 0, 0, 0, NULL };

	memset(r, 0, sizeof(*r));
	r->asof = o->asof;
	r->since = o->since;
	r->by = o->by;
	r->feed_url = o->feed_url;
	r->rules = o->rules;
	r->latest_jo = DATE_NONE;
	if (store_scan_questions(st, o->filter->legislature, SCAN_EXCERPTS,
	    count_one, &b, err) == -1) {
		free(b.author_name);
		report_free(r);
		return -1;
	}
	/* In deadline order, as the database indexes them; read in any. */
	if (r->nq > 0)
		qsort(r->q, r->nq, sizeof(*r->q), stored_cmp);
	group(r);
	if (r->nans > 0)
		qsort(r->ans, r->nans, sizeof(*r->ans), ans_cmp);
	if (r->nsoon > 0)
		qsort(r->soon, r->nsoon, sizeof(*r->soon), soon_cmp);
	r->scope = scope(o->filter, b.author_name);
	free(b.author_name);
	return 0;
}

static void
free_entries(struct report_q *list, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(list[i].title);
		free(list[i].url);
		free(list[i].key);
		free(list[i].author);
		free(list[i].group);
		free(list[i].ministry);
		free(list[i].answer);
	}
	free(list);
}

void
report_free(struct report *r)
{
	size_t	i;

	if (r == NULL)
		return;
	free_entries(r->q, r->nq);
	free_entries(r->ans, r->nans);
	free_entries(r->soon, r->nsoon);
	for (i = 0; i < r->ng; i++) {
		free(r->g[i].name);
		free(r->g[i].idx);
	}
	free(r->g);
	free(r->scope);
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
	if (r->scope != NULL)
		buf_printf(b, " — %s", r->scope);
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

/*
 * Who asked whom: "M. Ugo Bernalicis (LFI-NFP)", and the ministry unless
 * the question is listed under it.
 */
static void
who(struct buf *b, const struct report_q *q, int ministry)
{
	if (q->author != NULL) {
		buf_adds(b, q->author);
		if (q->group != NULL)
			buf_printf(b, " (%s)", q->group);
	}
	if (ministry && q->ministry != NULL)
		buf_printf(b, "%s%s", q->author != NULL ? " — " : "",
		    q->ministry);
}

/* What an overdue question allows next, by its assembly's rules. */
static void
step_text(struct buf *b, const char *assembly, int signaled, int lapses,
    int days)
{
	const struct assembly	*a = assembly_find(assembly);
	char			 d[40];

	if (a == NULL)
		return;
	if (a->signalement && signaled == 0)
		buf_adds(b, _("can be signaled by a group president"));
	else if (a->signalement)
		buf_printf(b, _("signaled on %s; its %d days have passed"),
		    i18n_date(signaled, d, sizeof(d)), days);
	else if (a->conversion && lapses > 0)
		buf_printf(b, _("can be converted into an oral question, or "
		    "recalled by a question de rappel, before it lapses on %s"),
		    i18n_date(lapses, d, sizeof(d)));
	else if (a->conversion)
		buf_adds(b, _("can be converted into an oral question, or "
		    "recalled by a question de rappel"));
}

static void
next_step(struct buf *b, const struct report *r, const struct report_q *q)
{
	step_text(b, q->assembly, q->signaled, q->lapses, signal_days(r));
}

void
report_next_step(struct buf *b, const struct question *q, int asof,
    int signal_days)
{
	step_text(b, q->assembly, known_signal(q, asof), coming_lapse(q,
	    asof), signal_days);
}

/* When it was answered: "answered on 23 February 2025, 84 days late". */
static void
answered_line(struct buf *b, const struct report_q *q)
{
	char	d[40];

	i18n_date(q->answered, d, sizeof(d));
	if (q->days_late > 0)
		buf_printf(b, ngettext("answered on %s, %d day late",
		    "answered on %s, %d days late", (unsigned long)q->days_late),
		    d, q->days_late);
	else
		buf_printf(b, _("answered on %s, on time"), d);
}

/* When it is due: "due on 5 December 2026, in 5 days". */
static void
due_line(struct buf *b, const struct report *r, const struct report_q *q)
{
	char	d[40], s[40];

	i18n_date(q->deadline, d, sizeof(d));
	if (q->days_left == 0)
		buf_printf(b, _("due today, %s"), d);
	else
		buf_printf(b, ngettext("due on %s, in %d day",
		    "due on %s, in %d days", (unsigned long)q->days_left), d,
		    q->days_left);
	if (q->signaled != 0)
		buf_printf(b, _(" (signaled on %s: the %d-day window)"),
		    i18n_date(q->signaled, s, sizeof(s)), signal_days(r));
}

/* "17-6750   496 days overdue · JO 20 May 2025 · due 20 July 2025", its
 * subject, who asked whom, what it allows next, and its link. */
static void
text_question(FILE *fp, const struct report *r, const struct report_q *q,
    int color)
{
	struct buf	b;
	char		num[64], p[40], d[40];

	buf_init(&b);
	assembly_label(q->assembly, q->legislature, q->number, q->uid, num,
	    sizeof(num));
	buf_printf(&b, ngettext("%d day overdue", "%d days overdue",
	    (unsigned long)q->days_overdue), q->days_overdue);
	fprintf(fp, "  %s%-9s%s %s · JO %s · %s %s\n    %s\n",
	    color ? "\033[1m" : "", num, color ? "\033[0m" : "", b.data,
	    i18n_date(q->published, p, sizeof(p)), _("due"),
	    i18n_date(q->deadline, d, sizeof(d)), q->title ? q->title : "");
	buf_reset(&b);
	who(&b, q, r->by != BY_MINISTRY);
	if (b.len > 0)
		fprintf(fp, "    %s\n", b.data);
	buf_reset(&b);
	next_step(&b, r, q);
	if (b.len > 0)
		fprintf(fp, "    → %s\n", b.data);
	fprintf(fp, "    %s\n", q->url ? q->url : "");
	buf_free(&b);
}

/* The start of an answer, for a line of a message: at most 240 bytes. */
static char *
answer_start(const struct report_q *q)
{
	return q->answer != NULL ? utf8_cut(q->answer, 240) : NULL;
}

/* One entry of the answered, newly overdue or due-soon lists. */
enum entry_kind {
	E_ANSWERED,
	E_NEWLY,
	E_SOON
};

static void
entry_status(struct buf *b, const struct report *r, const struct report_q *q,
    enum entry_kind k)
{
	char	d[40];

	switch (k) {
	case E_ANSWERED:
		answered_line(b, q);
		break;
	case E_NEWLY:
		buf_printf(b, ngettext("due on %s, %d day overdue",
		    "due on %s, %d days overdue", (unsigned long)
		    q->days_overdue), i18n_date(q->deadline, d, sizeof(d)),
		    q->days_overdue);
		break;
	case E_SOON:
		due_line(b, r, q);
		break;
	}
}

static void
text_entry(FILE *fp, const struct report *r, const struct report_q *q,
    enum entry_kind k)
{
	struct buf	 b;
	char		 num[64], *ans;

	buf_init(&b);
	assembly_label(q->assembly, q->legislature, q->number, q->uid, num,
	    sizeof(num));
	entry_status(&b, r, q, k);
	fprintf(fp, "  %-9s %s\n    %s\n", num, b.data, q->title ? q->title :
	    "");
	buf_reset(&b);
	who(&b, q, 1);
	if (b.len > 0)
		fprintf(fp, "    %s\n", b.data);
	if (k == E_ANSWERED && (ans = answer_start(q)) != NULL) {
		fprintf(fp, "    « %s »\n", ans);
		free(ans);
	}
	fprintf(fp, "    %s\n", q->url ? q->url : "");
	buf_free(&b);
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
	char			 num[64];

	/* The counts are pooled: one assembly has a signalement (the AN),
	 * one a conversion (the Sénat). */
	for (k = 0; (a = assembly_at(k)) != NULL; k++) {
		if (a->signalement) {
			if (para++ && markdown)
				buf_adds(b, "\n");
			n = actions(r, idx);
			buf_printf(b, ngettext("%s: %lu overdue question can "
			    "be signaled by a group president (an answer is "
			    "then due within %d days).", "%s: %lu overdue "
			    "questions can be signaled by a group president "
			    "(an answer is then due within %d days).",
			    r->c.signal_eligible), a->name,
			    r->c.signal_eligible, signal_days(r));
			if (n > 0)
				buf_printf(b, " %s", _("The most overdue:"));
			for (i = 0; i < n; i++)
				buf_printf(b, "%s%s", i ? ", " : " ",
				    assembly_label(r->q[idx[i]].assembly,
				    r->q[idx[i]].legislature,
				    r->q[idx[i]].number, r->q[idx[i]].uid,
				    num, sizeof(num)));
			buf_addc(b, '\n');
		}
		if (a->conversion && r->c.oral_eligible > 0) {
			if (para++ && markdown)
				buf_adds(b, "\n");
			buf_printf(b, ngettext("%s: %lu overdue question can "
			    "be converted into an oral question, or recalled "
			    "by a question de rappel.", "%s: %lu overdue "
			    "questions can be converted into oral questions, "
			    "or recalled by questions de rappel.",
			    r->c.oral_eligible), a->name, r->c.oral_eligible);
			buf_addc(b, '\n');
		}
	}
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

/*
 * The tables of markdown and HTML: one column list per kind of list, each
 * cell as plain text (the writers escape it); the question's number is a
 * link in both.
 */
enum col {
	C_NUM,
	C_JO,
	C_DEADLINE,
	C_OVERDUE,
	C_LEFT,
	C_ANSWERED,
	C_SUBJECT,
	C_WHO,
	C_NEXT
};

struct table {
	const enum col	*cols;
	size_t		 ncols;
	int		 ministry;	/* the who column names it */
};

static const enum col overdue_cols[] = { C_NUM, C_JO, C_DEADLINE, C_OVERDUE,
    C_SUBJECT, C_WHO, C_NEXT };
static const enum col answered_cols[] = { C_NUM, C_ANSWERED, C_SUBJECT,
    C_WHO };
static const enum col newly_cols[] = { C_NUM, C_DEADLINE, C_OVERDUE,
    C_SUBJECT, C_WHO };
static const enum col soon_cols[] = { C_NUM, C_DEADLINE, C_LEFT, C_SUBJECT,
    C_WHO };

#define TABLE(c, m)	{ c, sizeof(c) / sizeof(c[0]), m }

static const char *
col_title(enum col c, int ministry)
{
	switch (c) {
	case C_NUM:
		return _("Question");
	case C_JO:
		return "JO";
	case C_DEADLINE:
		return _("Deadline");
	case C_OVERDUE:
		return _("Days overdue");
	case C_LEFT:
		return _("Days left");
	case C_ANSWERED:
		return _("Answer");
	case C_SUBJECT:
		return _("Subject");
	case C_WHO:
		return ministry ? _("Author, ministry") : _("Author");
	case C_NEXT:
		break;
	}
	return _("Next step");
}

static int
col_numeric(enum col c)
{
	return c == C_OVERDUE || c == C_LEFT;
}

static void
col_text(struct buf *b, const struct report *r, const struct report_q *q,
    enum col c, int ministry)
{
	char	d[40];

	switch (c) {
	case C_NUM:
		buf_adds(b, assembly_label(q->assembly, q->legislature,
		    q->number, q->uid, d, sizeof(d)));
		break;
	case C_JO:
		buf_adds(b, i18n_date(q->published, d, sizeof(d)));
		break;
	case C_DEADLINE:
		buf_adds(b, i18n_date(q->deadline, d, sizeof(d)));
		break;
	case C_OVERDUE:
		buf_printf(b, "%d", q->days_overdue);
		break;
	case C_LEFT:
		buf_printf(b, "%d", q->days_left);
		break;
	case C_ANSWERED:
		answered_line(b, q);
		break;
	case C_SUBJECT:
		if (q->title != NULL)
			buf_adds(b, q->title);
		break;
	case C_WHO:
		who(b, q, ministry);
		break;
	case C_NEXT:
		next_step(b, r, q);
		break;
	}
}

static void
md_table(struct buf *b, const struct report *r, const struct table *t,
    const struct report_q *const *qs, size_t n)
{
	struct buf	c;
	size_t		i, k;
	char		*ans;

	buf_init(&c);
	buf_addc(b, '\n');
	for (k = 0; k < t->ncols; k++)
		buf_printf(b, "| %s ", col_title(t->cols[k], t->ministry));
	buf_adds(b, "|\n");
	for (k = 0; k < t->ncols; k++)
		buf_adds(b, col_numeric(t->cols[k]) ? "|---:" : "|---");
	buf_adds(b, "|\n");
	for (i = 0; i < n; i++) {
		for (k = 0; k < t->ncols; k++) {
			buf_reset(&c);
			col_text(&c, r, qs[i], t->cols[k], t->ministry);
			buf_adds(b, "| ");
			if (t->cols[k] == C_NUM && qs[i]->url != NULL)
				buf_printf(b, "[%s](%s)", c.data, qs[i]->url);
			else
				md_cell(b, c.data);
			if (t->cols[k] == C_ANSWERED &&
			    (ans = answer_start(qs[i])) != NULL) {
				buf_adds(b, " — « ");
				md_cell(b, ans);
				buf_adds(b, " »");
				free(ans);
			}
			buf_addc(b, ' ');
		}
		buf_adds(b, "|\n");
	}
	buf_free(&c);
}

/* The entries of one story list (answered, newly overdue, due soon). */
static size_t
story_list(const struct report *r, enum entry_kind k,
    const struct report_q ***out)
{
	const struct report_q	**qs;
	size_t			  i, n = 0;

	switch (k) {
	case E_ANSWERED:
		qs = xcalloc(r->nans + 1, sizeof(*qs));
		for (i = 0; i < r->nans; i++)
			qs[n++] = &r->ans[i];
		break;
	case E_NEWLY:
		qs = xcalloc(r->nq + 1, sizeof(*qs));
		for (i = 0; i < r->nq; i++)
			if (r->q[i].newly)
				qs[n++] = &r->q[i];
		break;
	default:
		qs = xcalloc(r->nsoon + 1, sizeof(*qs));
		for (i = 0; i < r->nsoon; i++)
			qs[n++] = &r->soon[i];
		break;
	}
	*out = qs;
	return n;
}

static const struct {
	enum entry_kind	 kind;
	const char	*title;
	struct table	 table;
} stories[] = {
	{ E_ANSWERED, N_("Answered in the period"), TABLE(answered_cols, 1) },
	{ E_NEWLY, N_("Newly overdue in the period"), TABLE(newly_cols, 1) },
	{ E_SOON, N_("Due within 14 days"), TABLE(soon_cols, 1) },
};

/* The period's story: answers, questions newly overdue, those due soon.
 * Empty lists are left out. */
static void
text_story(FILE *fp, const struct report *r)
{
	const struct report_q	**qs;
	size_t			  i, k, n;

	for (k = 0; k < sizeof(stories) / sizeof(stories[0]); k++) {
		if ((n = story_list(r, stories[k].kind, &qs)) > 0) {
			fprintf(fp, "\n%s — %zu\n", _(stories[k].title), n);
			for (i = 0; i < n; i++)
				text_entry(fp, r, qs[i], stories[k].kind);
		}
		free(qs);
	}
}

/* The overdue questions of one group, most overdue first. */
static const struct report_q **
group_list(const struct report *r, const struct report_group *g)
{
	const struct report_q	**qs = xcalloc(g->n + 1, sizeof(*qs));
	size_t			  j;

	for (j = 0; j < g->n; j++)
		qs[j] = &r->q[g->idx[j]];
	return qs;
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
	text_story(fp, r);
	fprintf(fp, "\n%s\n", by_title(r->by));
	for (i = 0; i < r->ng; i++) {
		fprintf(fp, "\n%s — %zu\n", r->g[i].name, r->g[i].n);
		for (j = 0; j < r->g[i].n; j++)
			text_question(fp, r, &r->q[r->g[i].idx[j]], color);
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

static int
write_markdown(FILE *fp, const struct report *r)
{
	struct headline		  h[8];
	struct buf		  b;
	const struct table	  ot = TABLE(overdue_cols, r->by != BY_MINISTRY);
	const struct report_q	**qs;
	size_t			  i, k, n = headlines(r, h);

	buf_init(&b);
	buf_adds(&b, "# ");
	period_line(r, &b);
	buf_printf(&b, "\n\n| | |\n|---|---:|\n");
	for (i = 0; i < n; i++)
		buf_printf(&b, "| %s | %s%ld |\n", h[i].label, i == 1 &&
		    h[i].value > 0 ? "+" : "", h[i].value);
	for (k = 0; k < sizeof(stories) / sizeof(stories[0]); k++) {
		if ((n = story_list(r, stories[k].kind, &qs)) > 0) {
			buf_printf(&b, "\n## %s — %zu\n", _(stories[k].title),
			    n);
			md_table(&b, r, &stories[k].table, qs, n);
		}
		free(qs);
	}
	buf_printf(&b, "\n## %s\n", by_title(r->by));
	for (i = 0; i < r->ng; i++) {
		buf_adds(&b, "\n### ");
		md_cell(&b, r->g[i].name);
		buf_printf(&b, " — %zu\n", r->g[i].n);
		qs = group_list(r, &r->g[i]);
		md_table(&b, r, &ot, qs, r->g[i].n);
		free(qs);
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

/*
 * A horizontal bar chart of overdue questions per group, inline SVG: its
 * title and period above, its source below, each bar's value after it
 * (the longest bar leaves room for six digits).
 */
void
report_chart(struct buf *b, const struct report *r)
{
	size_t	i, max = 1, n = r->ng < 30 ? r->ng : 30, top = 42;
	int	h = 22, w = 290;
	char	*label, d[40];
	struct buf	t;

	for (i = 0; i < n; i++)
		if (r->g[i].n > max)
			max = r->g[i].n;
	buf_init(&t);
	period_line(r, &t);
	buf_printf(b, "<svg class=\"chart\" role=\"img\" xmlns=\"http://www.w3."
	    "org/2000/svg\" viewBox=\"0 0 720 %zu\" width=\"100%%\">\n<title>",
	    top + n * (size_t)h + 24);
	buf_add_html(b, by_title(r->by));
	buf_adds(b, " — ");
	buf_add_html(b, t.data);
	/* What it shows, then its period, on two lines. */
	buf_adds(b, "</title>\n<text x=\"0\" y=\"16\" font-size=\"13\" "
	    "font-weight=\"bold\">");
	buf_add_html(b, by_title(r->by));
	buf_adds(b, "</text>\n<text x=\"0\" y=\"33\" font-size=\"12\">");
	buf_add_html(b, t.data);
	buf_adds(b, "</text>\n");
	for (i = 0; i < n; i++) {
		int	len = (int)((long)r->g[i].n * w / (long)max);
		size_t	y = top + i * (size_t)h;

		buf_printf(b, "<g class=\"bar\"><text x=\"345\" y=\"%zu\" "
		    "text-anchor=\"end\" font-size=\"12\">", y + 12);
		label = utf8_cut(r->g[i].name, 44);
		buf_add_html(b, label);
		free(label);
		buf_printf(b, "</text><rect x=\"350\" y=\"%zu\" width=\"%d\" "
		    "height=\"16\" fill=\"#c0392b\"/><text x=\"%d\" y=\"%zu\" "
		    "font-size=\"12\">%zu</text></g>\n", y, len > 0 ? len : 1,
		    355 + len, y + 12, r->g[i].n);
	}
	buf_reset(&t);
	buf_adds(&t, _("Source: the open data of the Assemblée nationale and "
	    "the Sénat, computed by qetracker"));
	if (r->latest_jo != DATE_NONE)
		buf_printf(&t, _(", JO up to %s"), i18n_date(r->latest_jo, d,
		    sizeof(d)));
	buf_printf(b, "<text x=\"0\" y=\"%zu\" font-size=\"11\" "
	    "fill=\"#555\">", top + n * (size_t)h + 16);
	buf_add_html(b, t.data);
	buf_adds(b, "</text>\n</svg>\n");
	buf_free(&t);
}

static void
html_table(struct buf *b, const struct report *r, const struct table *t,
    const struct report_q *const *qs, size_t n)
{
	struct buf	c;
	size_t		i, k;
	char		*ans;

	buf_init(&c);
	buf_adds(b, "<table>\n<tr>");
	for (k = 0; k < t->ncols; k++) {
		buf_adds(b, col_numeric(t->cols[k]) ? "<th class=\"n\">" :
		    "<th>");
		buf_add_html(b, col_title(t->cols[k], t->ministry));
		buf_adds(b, "</th>");
	}
	buf_adds(b, "</tr>\n");
	for (i = 0; i < n; i++) {
		buf_adds(b, "<tr>");
		for (k = 0; k < t->ncols; k++) {
			buf_reset(&c);
			col_text(&c, r, qs[i], t->cols[k], t->ministry);
			buf_adds(b, col_numeric(t->cols[k]) ?
			    "<td class=\"n\">" : "<td>");
			if (t->cols[k] == C_NUM && qs[i]->url != NULL) {
				buf_adds(b, "<a href=\"");
				buf_add_html(b, qs[i]->url);
				buf_adds(b, "\">");
				buf_add_html(b, c.data);
				buf_adds(b, "</a>");
			} else
				buf_add_html(b, c.data);
			if (t->cols[k] == C_ANSWERED &&
			    (ans = answer_start(qs[i])) != NULL) {
				buf_adds(b, "<br><q>");
				buf_add_html(b, ans);
				buf_adds(b, "</q>");
				free(ans);
			}
			buf_adds(b, "</td>");
		}
		buf_adds(b, "</tr>\n");
	}
	buf_adds(b, "</table>\n");
	buf_free(&c);
}

static int
write_html(FILE *fp, const struct report *r)
{
	struct headline		  h[8];
	struct buf		  b, t;
	const struct table	  ot = TABLE(overdue_cols, r->by != BY_MINISTRY);
	const struct report_q	**qs;
	size_t			  i, k, m, n = headlines(r, h);

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
	buf_adds(&b, "</table>\n");
	for (k = 0; k < sizeof(stories) / sizeof(stories[0]); k++) {
		if ((m = story_list(r, stories[k].kind, &qs)) > 0) {
			buf_adds(&b, "<h2>");
			buf_add_html(&b, _(stories[k].title));
			buf_printf(&b, " — %zu</h2>\n", m);
			html_table(&b, r, &stories[k].table, qs, m);
		}
		free(qs);
	}
	buf_adds(&b, "<h2>");
	buf_add_html(&b, by_title(r->by));
	buf_adds(&b, "</h2>\n");
	report_chart(&b, r);
	for (i = 0; i < r->ng; i++) {
		buf_adds(&b, "<h3>");
		buf_add_html(&b, r->g[i].name);
		buf_printf(&b, " — %zu</h3>\n", r->g[i].n);
		qs = group_list(r, &r->g[i]);
		html_table(&b, r, &ot, qs, r->g[i].n);
		free(qs);
	}
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
	    "days_overdue,signaled,newly_overdue,title,url,author,"
	    "author_group,ministry_in_charge\r\n", by[r->by]);
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
			csv_cell(fp, q->url, 0);
			csv_cell(fp, q->author, 0);
			csv_cell(fp, q->group, 0);
			csv_cell(fp, q->ministry, 1);
		}
	return ferror(fp) ? -1 : 0;
}

static json_t *
jdate(int day)
{
	char	d[DATE_ISO_LEN];

	return day == DATE_NONE ? json_null() : json_string(date_iso(day, d));
}

static json_t *
jstr(const char *s)
{
	return s != NULL ? json_string(s) : json_null();
}

/* An answered or due-soon question, with who asked whom. */
static json_t *
json_entry(const struct report_q *q)
{
	json_t	*o = json_pack("{s:s,s:i,s:I,s:o,s:o,s:o,s:o,s:o,s:o}", "uid",
	    q->uid, "legislature", q->legislature, "number",
	    (json_int_t)q->number, "title", jstr(q->title), "url",
	    jstr(q->url), "author", jstr(q->author), "group", jstr(q->group),
	    "ministry", jstr(q->ministry), "deadline", jdate(q->deadline));

	if (q->answered != DATE_NONE) {
		json_object_set_new(o, "answered", jdate(q->answered));
		json_object_set_new(o, "days_late", json_integer(q->days_late));
		json_object_set_new(o, "answer_excerpt", jstr(q->answer));
	} else
		json_object_set_new(o, "days_left", json_integer(q->days_left));
	json_object_set_new(o, "signaled", q->signaled ? jdate(q->signaled) :
	    json_null());
	return o;
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
			    "s:o,s:i,s:b,s:b,s:o,s:o,s:o,s:o,s:o}", "uid", q->uid,
			    "legislature", q->legislature, "number",
			    (json_int_t)q->number, "published",
			    jdate(q->published), "deadline", jdate(q->deadline),
			    "days_overdue", q->days_overdue, "signaled",
			    q->signaled != 0, "newly_overdue", q->newly, "title",
			    jstr(q->title), "url", jstr(q->url), "author",
			    jstr(q->author), "group", jstr(q->group),
			    "ministry", jstr(q->ministry)));
		}
		json_array_append_new(groups, json_pack("{s:s,s:I,s:o}", "name",
		    r->g[i].name, "count", (json_int_t)r->g[i].n, "questions",
		    qs));
	}
	json_object_set_new(o, "groups", groups);
	act = json_array();
	for (i = 0; i < r->nans; i++)
		json_array_append_new(act, json_entry(&r->ans[i]));
	json_object_set_new(o, "answered", act);
	act = json_array();
	for (i = 0; i < r->nsoon; i++)
		json_array_append_new(act, json_entry(&r->soon[i]));
	json_object_set_new(o, "due_soon", act);
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
	case RF_XLSX:
		break;		/* sheet_report */
	}
	return -1;
}
