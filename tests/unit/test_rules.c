/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/* Unit tests of rules.c: which rule applies, every deadline, every
 * status of domain.md §4 at an as-of date, and the settings. */
#include "rules.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "config.h"
#include "date.h"
#include "error.h"
#include "i18n.h"
#include "question.h"
#include "util.h"

/* The explanations are read in English unless a test says otherwise. */
static int
english(void **state)
{
	(void)state;
	i18n_init("en");
	return 0;
}

static int
d(const char *iso)
{
	int	v;

	if (iso == NULL)
		return DATE_NONE;
	assert_int_equal(date_parse_iso(iso, &v), 0);
	return v;
}

static const char *
iso(int day, char *buf)
{
	return day == DATE_NONE ? "none" : date_iso(day, buf);
}

struct row {
	const char	*name;
	int		 legislature;
	const char	*published;
	const char	*signaled;
	const char	*answered;
	const char	*closed;
	const char	*closure_label;
	const char	*asof;
	/* expected */
	const char	*rule;
	const char	*deadline;
	const char	*status;
	int		 days_left, days_overdue, days_late, signal_overdue;
};

static const struct row rows[] = {
	{ "open, due in 2 days", 17, "2025-05-20", NULL, NULL, NULL, NULL,
	    "2025-07-18", "an-qe", "2025-07-20", "open", 2, -1, -1, -1 },
	{ "open on the deadline day", 17, "2025-05-20", NULL, NULL, NULL,
	    NULL, "2025-07-20", "an-qe", "2025-07-20", "open", 0, -1, -1, -1 },
	{ "overdue the day after", 17, "2025-05-20", NULL, NULL, NULL, NULL,
	    "2025-07-21", "an-qe", "2025-07-20", "overdue", -1, 1, -1, -1 },
	{ "17-6750 at 2026-11-28", 17, "2025-05-20", NULL, NULL, NULL, NULL,
	    "2026-11-28", "an-qe", "2025-07-20", "overdue", -1, 496, -1, -1 },
	{ "answered on the deadline", 17, "2024-12-31", NULL, "2025-02-28",
	    "2025-02-28", "Réponse publiée", "2025-06-01", "an-qe",
	    "2025-02-28", "answered", -1, -1, -1, -1 },
	{ "answered a day late", 17, "2024-12-31", NULL, "2025-03-01", NULL,
	    NULL, "2025-06-01", "an-qe", "2025-02-28", "answered_late", -1,
	    -1, 1, -1 },
	{ "answer not yet known at as-of", 17, "2024-12-31", NULL,
	    "2025-03-10", NULL, NULL, "2025-03-05", "an-qe", "2025-02-28",
	    "overdue", -1, 5, -1, -1 },
	{ "not yet published", 17, "2025-05-20", NULL, NULL, NULL, NULL,
	    "2025-05-19", "an-qe", "2025-07-20", "unpublished", -1, -1, -1,
	    -1 },
	{ "signaled, window open", 17, "2025-05-20", "2025-09-16", NULL,
	    NULL, NULL, "2025-09-20", "an-qe", "2025-07-20", "overdue", -1,
	    62, -1, 0 },
	{ "signaled, window missed", 17, "2025-05-20", "2025-09-16", NULL,
	    NULL, NULL, "2025-09-27", "an-qe", "2025-07-20", "overdue", -1,
	    69, -1, 1 },
	{ "signaled, answered in window", 17, "2025-05-20", "2025-09-16",
	    "2025-09-26", NULL, NULL, "2025-10-01", "an-qe", "2025-07-20",
	    "answered_late", -1, -1, 68, 0 },
	{ "signaled, answered after window", 17, "2025-05-20", "2025-09-16",
	    "2025-09-30", NULL, NULL, "2025-10-01", "an-qe", "2025-07-20",
	    "answered_late", -1, -1, 72, 1 },
	{ "withdrawn", 17, "2025-05-20", NULL, NULL, "2025-06-03",
	    "Retrait", "2025-12-01", "an-qe", "2025-07-20", "withdrawn", -1,
	    -1, -1, -1 },
	{ "withdrawn, label with accent", 17, "2025-05-20", NULL, NULL,
	    "2025-06-03", "Question retirée", "2025-12-01", "an-qe",
	    "2025-07-20", "withdrawn", -1, -1, -1, -1 },
	{ "closed for another reason", 17, "2025-05-20", NULL, NULL,
	    "2025-06-03", "Changement de statut", "2025-12-01", "an-qe",
	    "2025-07-20", "closed", -1, -1, -1, -1 },
	{ "before its withdrawal", 17, "2025-05-20", NULL, NULL,
	    "2025-08-03", "Retrait", "2025-08-01", "an-qe", "2025-07-20",
	    "overdue", -1, 12, -1, -1 },
	{ "lapsed by label", 15, "2022-03-01", NULL, NULL, "2022-06-21",
	    "FIN DE MANDAT", "2023-01-01", "an-qe", "2022-05-01", "lapsed",
	    -1, -1, -1, -1 },
	{ "lapsed at the end of legislature 16", 16, "2024-04-02", NULL,
	    NULL, NULL, NULL, "2024-06-10", "an-qe", "2024-06-02", "lapsed",
	    -1, -1, -1, -1 },
	{ "overdue on the last day of legislature 16", 16, "2024-04-02",
	    NULL, NULL, NULL, NULL, "2024-06-09", "an-qe", "2024-06-02",
	    "overdue", -1, 7, -1, -1 },
	{ "before the 2014 reform: one month", 14, "2014-11-25", NULL, NULL,
	    NULL, NULL, "2014-12-26", "an-qe-1m", "2014-12-25", "overdue", -1,
	    1, -1, -1 },
	{ "on the reform day: two months", 14, "2014-11-28", NULL, NULL,
	    NULL, NULL, "2014-12-26", "an-qe", "2015-01-28", "open", 33, -1,
	    -1, -1 },
	{ "no publication date", 17, NULL, NULL, NULL, NULL, NULL,
	    "2025-01-01", NULL, NULL, "open", -1, -1, -1, -1 },
};

static void
build(const struct row *r, struct question *q)
{
	question_init(q);
	str_copy(q->assembly, "AN", sizeof(q->assembly));
	str_copy(q->type, "QE", sizeof(q->type));
	q->legislature = r->legislature;
	q->number = 1;
	q->published = d(r->published);
	q->signaled = d(r->signaled);
	q->answered = d(r->answered);
	q->closed = d(r->closed);
	if (r->closure_label != NULL)
		q->closure = question_closure_class(NULL, r->closure_label);
	if (q->closure == CLOSURE_ANSWERED && q->answered == DATE_NONE)
		q->answered = q->closed;
}

static void
test_status_table(void **state)
{
	struct rules_settings	rs;
	struct question		q;
	struct qstate		st;
	char			b1[DATE_ISO_LEN], b2[DATE_ISO_LEN];
	size_t			i;

	(void)state;
	rules_defaults(&rs);
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const struct row	*r = &rows[i];

		build(r, &q);
		rules_apply(&rs, &q);
		rules_state(&q, d(r->asof), &st);
		if (strcmp(r->rule ? r->rule : "", q.rule) != 0)
			fail_msg("%s: rule %s", r->name, q.rule);
		if (strcmp(iso(q.deadline, b1), r->deadline ?
		    iso(d(r->deadline), b2) : "none") != 0)
			fail_msg("%s: deadline %s", r->name, b1);
		if (strcmp(rules_status_name(st.status), r->status) != 0)
			fail_msg("%s: status %s", r->name,
			    rules_status_name(st.status));
		if (st.days_left != r->days_left || st.days_overdue !=
		    r->days_overdue || st.days_late != r->days_late ||
		    st.signal_overdue != r->signal_overdue)
			fail_msg("%s: left %d overdue %d late %d signal %d",
			    r->name, st.days_left, st.days_overdue,
			    st.days_late, st.signal_overdue);
		question_clear(&q);
	}
}

/* The Sénat's caducité: the first working day of October, once the
 * question is more than two years old; the data's own lapse wins. */
static void
test_senat_lapse(void **state)
{
	static const struct {
		const char	*published, *lapses;
	} when[] = {
		{ "2023-09-30", "2025-10-01" },	/* two years and a day */
		{ "2023-10-01", "2026-10-01" },	/* exactly two: not more */
		{ "2023-10-02", "2026-10-01" },
		{ "2020-06-01", "2022-10-03" },	/* 1 Oct 2022: a Saturday */
		{ "2024-02-29", "2026-10-01" },
	};
	static const struct {
		const char	*published, *answered, *label, *asof;
		const char	*status, *closed;
	} srows[] = {
		{ "2023-05-10", NULL, NULL, "2025-10-01", "overdue", NULL },
		{ "2023-05-10", NULL, NULL, "2025-10-02", "lapsed",
		    "2025-10-01" },
		/* Answered before: answered, late; the rule never applied. */
		{ "2023-05-10", "2025-09-30", NULL, "2026-01-01",
		    "answered_late", "2025-09-30" },
		/* The data says lapsed, no date, before the rule would: it
		 * wins (an ad-hoc lapse, as in June 2022). */
		{ "2024-11-05", NULL, "Caduque", "2025-01-10", "lapsed", NULL },
	};
	struct rules_settings	rs;
	struct question		q;
	struct qstate		st;
	struct buf		b;
	char			x[DATE_ISO_LEN];
	size_t			i;

	(void)state;
	for (i = 0; i < sizeof(when) / sizeof(when[0]); i++)
		if (rules_session_lapse(d(when[i].published), 2) !=
		    d(when[i].lapses))
			fail_msg("published %s: lapses %s, want %s",
			    when[i].published, iso(rules_session_lapse(
			    d(when[i].published), 2), x), when[i].lapses);
	rules_defaults(&rs);
	for (i = 0; i < sizeof(srows) / sizeof(srows[0]); i++) {
		question_init(&q);
		str_copy(q.assembly, "SENAT", sizeof(q.assembly));
		str_copy(q.type, "QE", sizeof(q.type));
		q.legislature = 16;
		q.number = 1;
		q.published = d(srows[i].published);
		q.answered = d(srows[i].answered);
		if (srows[i].label != NULL)
			q.closure = question_closure_class(NULL,
			    srows[i].label);
		rules_apply(&rs, &q);
		rules_state(&q, d(srows[i].asof), &st);
		if (strcmp(rules_status_name(st.status), srows[i].status) != 0)
			fail_msg("row %zu: %s", i,
			    rules_status_name(st.status));
		assert_string_equal(iso(st.closed, x), srows[i].closed ?
		    srows[i].closed : "none");
		question_clear(&q);
	}
	/* The reason, in words, with the years in force; 0 turns it off. */
	question_init(&q);
	str_copy(q.assembly, "SENAT", sizeof(q.assembly));
	str_copy(q.type, "QE", sizeof(q.type));
	q.legislature = 16;
	q.published = d("2023-05-10");
	rs.senat_lapse_years = 3;
	rules_apply(&rs, &q);
	assert_int_equal(q.lapse_date, d("2026-10-01"));
	buf_init(&b);
	rules_explain(&rs, &q, d("2026-10-02"), &b);
	assert_non_null(strstr(b.data, "→ lapsed on 1 October 2026 (opening "
	    "of the ordinary session: unanswered for more than 3 years)"));
	buf_free(&b);
	rs.senat_lapse_years = 0;
	rules_apply(&rs, &q);
	assert_int_equal(q.lapse_date, DATE_NONE);
	/* An AN question never lapses this way. */
	str_copy(q.assembly, "AN", sizeof(q.assembly));
	q.legislature = 17;
	rs.senat_lapse_years = 2;
	rules_apply(&rs, &q);
	assert_int_equal(q.lapse_date, DATE_NONE);
	question_clear(&q);
}

static void
test_settings(void **state)
{
	struct rules_settings	rs;
	struct question		q;
	char			fp1[256], fp2[256];
	int			from;

	(void)state;
	rules_defaults(&rs);
	rules_fingerprint(&rs, fp1, sizeof(fp1));
	build(&rows[0], &q);

	/* Art. 642 rollover: Sunday 2025-07-20 becomes Monday 21. */
	rs.weekend_rollover = 1;
	rules_apply(&rs, &q);
	assert_int_equal(q.deadline, d("2025-07-21"));
	rules_fingerprint(&rs, fp2, sizeof(fp2));
	assert_string_not_equal(fp1, fp2);
	rs.weekend_rollover = 0;

	/* A later reform date puts the question under the old rule. */
	rs.an_reform = d("2026-01-01");
	rules_apply(&rs, &q);
	assert_string_equal(q.rule, "an-qe-1m");
	assert_int_equal(q.deadline, d("2025-06-20"));
	assert_int_equal(q.deadline_ext, d("2025-07-20"));
	rs.assume_extension = 1;
	rules_apply(&rs, &q);
	assert_int_equal(q.deadline, d("2025-07-20"));
	rules_defaults(&rs);

	/* A change of ministry restarts the clock only when asked. */
	q.reattributed = d("2025-06-10");
	rules_apply(&rs, &q);
	assert_int_equal(q.deadline, d("2025-07-20"));
	assert_null(q.deadline_steps);
	rs.ministry_change_restarts = 1;
	rules_apply(&rs, &q);
	assert_int_equal(q.deadline, d("2025-08-10"));
	assert_string_equal(q.deadline_steps,
	    "2025-05-20=2025-07-20 2025-06-10=2025-08-10");
	/* Before the change, only the first count was known. */
	assert_int_equal(rules_deadline_at(&q, d("2025-06-09"), &from),
	    d("2025-07-20"));
	assert_int_equal(from, d("2025-05-20"));
	assert_int_equal(rules_deadline_at(&q, d("2025-06-10"), &from),
	    d("2025-08-10"));
	assert_int_equal(from, d("2025-06-10"));
	rules_defaults(&rs);
	rules_apply(&rs, &q);
	assert_null(q.deadline_steps);
	assert_int_equal(rules_deadline_at(&q, d("2025-06-09"), NULL),
	    d("2025-07-20"));

	/* Signalement window from the settings. */
	q.signaled = d("2025-09-16");
	rs.signal_days = 15;
	rules_apply(&rs, &q);
	assert_int_equal(q.signal_deadline, d("2025-10-01"));
	question_clear(&q);
}

/* With the restarting setting, a status at a date before the change of
 * ministry uses only the first count. */
static void
test_restart_asof(void **state)
{
	struct rules_settings	rs;
	struct question		q;
	struct qstate		st;

	(void)state;
	rules_defaults(&rs);
	rs.ministry_change_restarts = 1;
	question_init(&q);
	str_copy(q.assembly, "AN", sizeof(q.assembly));
	str_copy(q.type, "QE", sizeof(q.type));
	q.legislature = 17;
	q.published = d("2025-05-20");
	q.reattributed = d("2025-07-25");	/* after the first deadline */
	rules_apply(&rs, &q);
	assert_string_equal(q.deadline_steps,
	    "2025-05-20=2025-07-20 2025-07-25=2025-09-25");
	assert_int_equal(q.deadline, d("2025-09-25"));
	rules_state(&q, d("2025-07-22"), &st);
	assert_int_equal(st.status, QS_OVERDUE);
	assert_int_equal(st.days_overdue, 2);
	assert_int_equal(st.deadline, d("2025-07-20"));
	rules_state(&q, d("2025-07-25"), &st);
	assert_int_equal(st.status, QS_OPEN);
	assert_int_equal(st.days_left, 62);
	assert_int_equal(st.deadline, d("2025-09-25"));
	/* An answer is judged by the deadline in force on its day. */
	q.answered = d("2025-07-23");
	rules_state(&q, d("2025-12-01"), &st);
	assert_int_equal(st.status, QS_ANSWERED_LATE);
	assert_int_equal(st.days_late, 3);
	q.answered = d("2025-09-01");
	rules_state(&q, d("2025-12-01"), &st);
	assert_int_equal(st.status, QS_ANSWERED);
	assert_int_equal(st.deadline, d("2025-09-25"));
	/* Two changes, as events: between them, the count from the first. */
	q.answered = DATE_NONE;
	question_add_event(&q, EV_MINISTRY, d("2025-09-10"), "B");
	question_add_event(&q, EV_MINISTRY, d("2025-06-01"), "A");
	question_add_event(&q, EV_MINISTRY, d("2025-05-01"), "before");
	rules_apply(&rs, &q);
	assert_string_equal(q.deadline_steps, "2025-05-20=2025-07-20 "
	    "2025-06-01=2025-08-01 2025-09-10=2025-11-10");
	rules_state(&q, d("2025-08-15"), &st);
	assert_int_equal(st.status, QS_OVERDUE);
	assert_int_equal(st.days_overdue, 14);
	rules_state(&q, d("2025-09-10"), &st);
	assert_int_equal(st.status, QS_OPEN);
	assert_int_equal(st.counted_from, d("2025-09-10"));
	/* Read back without its events, the stored counts give the
	 * changes again. */
	{
		struct question	 r;

		question_init(&r);
		str_copy(r.assembly, "AN", sizeof(r.assembly));
		str_copy(r.type, "QE", sizeof(r.type));
		r.legislature = 17;
		r.published = q.published;
		r.reattributed = d("2025-09-10");
		r.deadline_steps = xstrdup(q.deadline_steps);
		rules_apply(&rs, &r);
		assert_string_equal(r.deadline_steps, q.deadline_steps);
		/* Malformed counts are not ours: the deadline stands. */
		free(r.deadline_steps);
		r.deadline_steps = xstrdup("2025-05-20=x");
		assert_int_equal(rules_deadline_at(&r, d("2025-06-01"), NULL),
		    r.deadline);
		question_clear(&r);
	}
	question_clear(&q);
}

static void
test_other_parliaments(void **state)
{
	struct rules_settings	rs;
	struct question		q;

	(void)state;
	rules_defaults(&rs);
	question_init(&q);
	str_copy(q.assembly, "SENAT", sizeof(q.assembly));
	str_copy(q.type, "QE", sizeof(q.type));
	q.published = d("2025-02-06");
	rules_apply(&rs, &q);
	assert_string_equal(q.rule, "senat-qe");
	assert_int_equal(q.deadline, d("2025-04-06"));
	q.published = d("2018-02-08");
	rules_apply(&rs, &q);
	assert_string_equal(q.rule, "senat-qe-1m");
	assert_int_equal(q.deadline, d("2018-03-08"));
	/* Units every parliament needs. */
	assert_int_equal(rules_add(d("2025-05-20"), 6, UNIT_WEEKS),
	    d("2025-07-01"));
	assert_int_equal(rules_add(d("2025-05-20"), 45, UNIT_DAYS),
	    d("2025-07-04"));
	assert_int_equal(rules_add(d("2025-05-16"), 2, UNIT_WORKING_DAYS),
	    d("2025-05-20"));
	/* A type without a rule gets no deadline. */
	str_copy(q.type, "QG", sizeof(q.type));
	str_copy(q.assembly, "AN", sizeof(q.assembly));
	rules_apply(&rs, &q);
	assert_string_equal(q.rule, "");
	assert_int_equal(q.deadline, DATE_NONE);
	question_clear(&q);
}

static void
test_explain(void **state)
{
	struct rules_settings	rs;
	struct question		q;
	struct buf		b;
	char			*dir;

	(void)state;
	rules_defaults(&rs);
	build(&rows[3], &q);
	rules_apply(&rs, &q);
	buf_init(&b);
	rules_explain(&rs, &q, d("2026-11-28"), &b);
	assert_string_equal(b.data, "published 20 May 2025 → deadline "
	    "20 July 2025 (art. 135 al. 6 RAN, two months) → overdue by 496 "
	    "days as of 28 November 2026");
	/* In French, the dates are French too: one language a sentence. */
	i18n_init("fr");
	buf_reset(&b);
	rules_explain(&rs, &q, d("2026-11-28"), &b);
	assert_string_equal(b.data, "publiée le 20 mai 2025 → échéance le "
	    "20 juillet 2025 (art. 135 al. 6 RAN, deux mois) → en retard de "
	    "496 jours au 28 novembre 2026");
	/* Without the French catalog, English throughout: no "20 mai". */
	dir = xstrdup_null(getenv("QETRACKER_LOCALEDIR"));
	setenv("QETRACKER_LOCALEDIR", "/nonexistent", 1);
	i18n_init("fr");
	assert_false(i18n_french());
	buf_reset(&b);
	rules_explain(&rs, &q, d("2025-06-01"), &b);
	assert_string_equal(b.data, "published 20 May 2025 → deadline "
	    "20 July 2025 (art. 135 al. 6 RAN, two months) → open, 49 days "
	    "left as of 1 June 2025");
	if (dir != NULL)
		setenv("QETRACKER_LOCALEDIR", dir, 1);
	free(dir);
	english(NULL);
	buf_free(&b);
	question_clear(&q);
}

static void
test_status_names(void **state)
{
	int	i;

	(void)state;
	for (i = 0; i < QS_COUNT; i++)
		assert_int_equal(rules_status_parse(rules_status_name(
		    (enum qstatus)i)), i);
	assert_int_equal(rules_status_parse("late"), -1);
	assert_int_equal(rules_legislature_at("AN", d("2024-07-18")), 17);
	assert_int_equal(rules_legislature_at("AN", d("2024-07-17")), 16);
	assert_int_equal(rules_legislature_end("AN", 16), d("2024-06-09"));
	assert_int_equal(rules_legislature_end("AN", 17), DATE_NONE);
}

/* The shipped config/rules.conf is the built-in table, row for row. */
static void
test_rules_conf_is_builtin(void **state)
{
	struct rules_settings	 rs, file;
	struct error		 err;
	const struct rule	*a, *b;
	const char		*data = getenv("QT_TEST_DATA");
	char			 path[1024], f1[256], f2[256];
	size_t			 i, na, nb;

	(void)state;
	assert_non_null(data);
	snprintf(path, sizeof(path), "%s/../../config/rules.conf", data);
	rules_defaults(&rs);
	rules_defaults(&file);
	if (config_load_rules_file(&file, path, &err) == -1)
		fail_msg("%s", err.msg);
	a = rules_set(&rs, &na);
	b = rules_set(&file, &nb);
	assert_int_equal(na, nb);
	assert_ptr_not_equal(a, b);
	for (i = 0; i < na; i++, a++, b++) {
		assert_string_equal(a->id, b->id);
		assert_string_equal(a->assembly, b->assembly);
		assert_string_equal(a->type, b->type);
		assert_int_equal(a->from.kind, b->from.kind);
		assert_int_equal(a->until.kind, b->until.kind);
		assert_int_equal(a->period.amount, b->period.amount);
		assert_int_equal(a->period.unit, b->period.unit);
		assert_int_equal(a->ext.amount, b->ext.amount);
		if (a->ext.amount > 0)
			assert_int_equal(a->ext.unit, b->ext.unit);
		assert_string_equal(a->article, b->article);
		assert_string_equal(a->label, b->label);
	}
	/* A rules file is fingerprinted by its content. */
	rules_fingerprint(&rs, f1, sizeof(f1));
	rules_fingerprint(&file, f2, sizeof(f2));
	assert_null(strstr(f1, "set="));
	assert_non_null(strstr(f2, " set="));
	assert_memory_equal(f1, f2, strlen(f1));
	config_free_rules(&file);
}

/* Rules read from a file: the first match, bounds by date or setting,
 * weeks and working days, rules_by_id and the fingerprint. */
static void
test_rules_from_file(void **state)
{
	struct rules_settings	 rs;
	struct error		 err;
	struct question		 q;
	struct buf		 b;
	char			 f1[256], f2[256];

	(void)state;
	rules_defaults(&rs);
	if (config_load_rules_string(&rs,
	    "[rule an-2025]\nassembly = AN\nfrom = 2025-01-01\n"
	    "period = 3 months\narticle = art. X\nlabel = three months\n"
	    "[rule an-qe]\nassembly = AN\nfrom = an_reform_date\n"
	    "period = 2 months\narticle = art. 135 al. 6 RAN\n"
	    "[rule ep]\nassembly = EP\nperiod = 6 weeks\n"
	    "article = Rule 144\n"
	    "[rule uk]\nassembly = UK\ntype = WQ\n"
	    "period = 2 working days\narticle = SO 22\n", "r.conf",
	    &err) == -1)
		fail_msg("%s", err.msg);
	question_init(&q);
	str_copy(q.assembly, "AN", sizeof(q.assembly));
	str_copy(q.type, "QE", sizeof(q.type));
	q.legislature = 17;
	q.published = d("2025-05-20");
	rules_apply(&rs, &q);
	assert_string_equal(q.rule, "an-2025");	/* the first that matches */
	assert_int_equal(q.deadline, d("2025-08-20"));
	buf_init(&b);
	rules_explain(&rs, &q, d("2025-08-21"), &b);
	assert_string_equal(b.data, "published 20 May 2025 → deadline "
	    "20 August 2025 (art. X, three months) → overdue by 1 day as of "
	    "21 August 2025");
	buf_free(&b);
	q.published = d("2024-12-31");
	rules_apply(&rs, &q);
	assert_string_equal(q.rule, "an-qe");
	assert_int_equal(q.deadline, d("2025-02-28"));
	q.published = d("2014-11-27");		/* before every AN rule here */
	rules_apply(&rs, &q);
	assert_string_equal(q.rule, "");
	assert_int_equal(q.deadline, DATE_NONE);
	str_copy(q.assembly, "EP", sizeof(q.assembly));
	q.published = d("2025-05-20");
	rules_apply(&rs, &q);
	assert_string_equal(q.rule, "ep");
	assert_int_equal(q.deadline, d("2025-07-01"));
	str_copy(q.assembly, "UK", sizeof(q.assembly));
	rules_apply(&rs, &q);
	assert_string_equal(q.rule, "");		/* WQ only */
	str_copy(q.type, "WQ", sizeof(q.type));
	q.published = d("2025-05-16");		/* a Friday */
	rules_apply(&rs, &q);
	assert_int_equal(q.deadline, d("2025-05-20"));
	assert_non_null(rules_by_id(&rs, "uk"));
	assert_null(rules_by_id(&rs, "senat-qe"));	/* built-in: replaced */
	question_clear(&q);

	rules_fingerprint(&rs, f1, sizeof(f1));
	rs.defs[2].period.amount = 7;
	rules_fingerprint(&rs, f2, sizeof(f2));
	assert_string_not_equal(f1, f2);
	config_free_rules(&rs);
	assert_non_null(rules_by_id(&rs, "senat-qe"));	/* back to them */
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_rules_conf_is_builtin),
		cmocka_unit_test(test_rules_from_file),
		cmocka_unit_test(test_status_table),
		cmocka_unit_test(test_senat_lapse),
		cmocka_unit_test(test_settings),
		cmocka_unit_test(test_restart_asof),
		cmocka_unit_test(test_other_parliaments),
		cmocka_unit_test(test_explain),
		cmocka_unit_test(test_status_names),
	};

	return cmocka_run_group_tests(tests, english, NULL);
}
