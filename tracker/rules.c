/*
 * rules.c: the deadline engine.
 *
 * Rules are rows of data (domain.md §2): the Règlement de l'Assemblée
 * nationale, art. 135 (two months since the reform of 28 November 2014,
 * one month plus one on request before it, ten days once signaled) and
 * the Règlement du Sénat, art. 75. Months count "de quantième à
 * quantième" (code de procédure civile art. 641); the deadline day is on
 * time. Moving a deadline off a weekend or holiday (art. 642) is a
 * setting, off by default, because no source applies it to answers.
 */
#include "rules.h"

#include <stdio.h>
#include <string.h>

#include "date.h"
#include "question.h"
#include "i18n.h"
#include "util.h"

static const struct rule rule_table[] = {
	{ "an-qe", "AN", "QE", BOUND_AN_REFORM, BOUND_NONE,
	    2, UNIT_MONTHS, 0, UNIT_MONTHS,
	    "art. 135 al. 6 RAN", N_("two months") },
	{ "an-qe-1m", "AN", "QE", BOUND_NONE, BOUND_AN_REFORM,
	    1, UNIT_MONTHS, 1, UNIT_MONTHS,
	    "art. 135 RAN, rédaction antérieure à 2014",
	    N_("one month, plus one on request") },
	{ "senat-qe", "SENAT", "QE", BOUND_SENAT_REFORM, BOUND_NONE,
	    2, UNIT_MONTHS, 0, UNIT_MONTHS,
	    "art. 75 RS", N_("two months") },
	{ "senat-qe-1m", "SENAT", "QE", BOUND_NONE, BOUND_SENAT_REFORM,
	    1, UNIT_MONTHS, 1, UNIT_MONTHS,
	    "art. 75 RS, rédaction antérieure à 2019",
	    N_("one month, plus one on request") },
};

const char *const rules_signal_article = "art. 135 RAN, dernier alinéa";

/* Legislatures of the Assemblée (domain.md §2); end 0 while running. */
static const struct {
	int		 number;
	const char	*start;
	const char	*end;
} an_legislatures[] = {
	{ 14, "2012-06-20", "2017-06-20" },
	{ 15, "2017-06-21", "2022-06-21" },
	{ 16, "2022-06-22", "2024-06-09" },
	{ 17, "2024-07-18", NULL },
};

static const char *const status_names[QS_COUNT] = {
	"open", "overdue", "answered", "answered_late", "withdrawn",
	"lapsed", "closed", "unpublished"
};

void
rules_defaults(struct rules_settings *rs)
{
	memset(rs, 0, sizeof(*rs));
	date_from_ymd(2014, 11, 28, &rs->an_reform);
	date_from_ymd(2019, 10, 1, &rs->senat_reform);
	rs->signal_days = 10;
}

void
rules_fingerprint(const struct rules_settings *rs, char *buf, size_t size)
{
	char	a[DATE_ISO_LEN], s[DATE_ISO_LEN];

	/* v1: bump when the rule table itself changes. */
	snprintf(buf, size, "v1 an_reform=%s senat_reform=%s signal=%d "
	    "rollover=%d ext=%d restart=%d", date_iso(rs->an_reform, a),
	    date_iso(rs->senat_reform, s), rs->signal_days,
	    rs->weekend_rollover, rs->assume_extension,
	    rs->ministry_change_restarts);
}

static int
bound_date(const struct rules_settings *rs, enum rule_bound b)
{
	switch (b) {
	case BOUND_AN_REFORM:
		return rs->an_reform;
	case BOUND_SENAT_REFORM:
		return rs->senat_reform;
	case BOUND_NONE:
		break;
	}
	return DATE_NONE;
}

const struct rule *
rules_find(const struct rules_settings *rs, const struct question *q)
{
	const struct rule	*r;
	size_t			 i;
	int			 from, until;

	if (q->published == DATE_NONE)
		return NULL;
	for (i = 0; i < sizeof(rule_table) / sizeof(rule_table[0]); i++) {
		r = &rule_table[i];
		if (strcmp(r->assembly, q->assembly) != 0 ||
		    strcmp(r->type, q->type) != 0)
			continue;
		from = bound_date(rs, r->from);
		until = bound_date(rs, r->until);
		if (from != DATE_NONE && q->published < from)
			continue;
		if (until != DATE_NONE && q->published >= until)
			continue;
		return r;
	}
	return NULL;
}

const struct rule *
rules_by_id(const char *id)
{
	size_t	i;

	for (i = 0; i < sizeof(rule_table) / sizeof(rule_table[0]); i++)
		if (strcmp(rule_table[i].id, id) == 0)
			return &rule_table[i];
	return NULL;
}

int
rules_add(int day, int amount, enum rule_unit unit)
{
	switch (unit) {
	case UNIT_DAYS:
		return day + amount;
	case UNIT_WEEKS:
		return day + 7 * amount;
	case UNIT_MONTHS:
		return date_add_months(day, amount);
	case UNIT_WORKING_DAYS:
		return date_add_working_days(day, amount);
	}
	return DATE_NONE;
}

int
rules_legislature_end(const char *assembly, int legislature)
{
	size_t	i;
	int	end;

	if (strcmp(assembly, "AN") != 0)
		return DATE_NONE;
	for (i = 0; i < sizeof(an_legislatures) / sizeof(an_legislatures[0]);
	    i++) {
		if (an_legislatures[i].number != legislature ||
		    an_legislatures[i].end == NULL)
			continue;
		if (date_parse_iso(an_legislatures[i].end, &end) == 0)
			return end;
	}
	return DATE_NONE;
}

int
rules_legislature_at(const char *assembly, int day)
{
	size_t	i;
	int	start;

	if (strcmp(assembly, "AN") != 0)
		return 0;
	for (i = sizeof(an_legislatures) / sizeof(an_legislatures[0]); i > 0;
	    i--)
		if (date_parse_iso(an_legislatures[i - 1].start, &start) == 0 &&
		    day >= start)
			return an_legislatures[i - 1].number;
	return 0;
}

static int
rollover(const struct rules_settings *rs, int day)
{
	if (day == DATE_NONE || !rs->weekend_rollover)
		return day;
	return date_next_working(day);
}

void
rules_apply(const struct rules_settings *rs, struct question *q)
{
	const struct rule	*r;
	int			 start;

	q->rule = NULL;
	q->deadline = q->deadline_ext = q->signal_deadline = DATE_NONE;
	q->lapse_date = rules_legislature_end(q->assembly, q->legislature);
	if ((r = rules_find(rs, q)) == NULL)
		return;
	q->rule = r->id;
	start = q->published;
	if (rs->ministry_change_restarts && q->reattributed != DATE_NONE &&
	    q->reattributed > start)
		start = q->reattributed;
	q->deadline = rules_add(start, r->amount, r->unit);
	if (r->ext_amount > 0) {
		q->deadline_ext = rules_add(q->deadline, r->ext_amount,
		    r->ext_unit);
		if (rs->assume_extension)
			q->deadline = q->deadline_ext;
	}
	q->deadline = rollover(rs, q->deadline);
	q->deadline_ext = rollover(rs, q->deadline_ext);
	if (q->signaled != DATE_NONE && strcmp(q->assembly, "AN") == 0)
		q->signal_deadline = rollover(rs,
		    q->signaled + rs->signal_days);
}

/* The closure that applies at a date: its status, or -1 if none. */
static int
closure_state(const struct question *q, int asof, int *closed)
{
	if (q->closed != DATE_NONE && q->closed <= asof &&
	    q->closure != CLOSURE_ANSWERED && q->closure != CLOSURE_NONE) {
		*closed = q->closed;
		switch (q->closure) {
		case CLOSURE_WITHDRAWN:
			return QS_WITHDRAWN;
		case CLOSURE_LAPSED:
			return QS_LAPSED;
		default:
			return QS_CLOSED;
		}
	}
	if (q->lapse_date != DATE_NONE && asof > q->lapse_date) {
		*closed = q->lapse_date;
		return QS_LAPSED;
	}
	return -1;
}

void
rules_state(const struct question *q, int asof, struct qstate *st)
{
	int	closed = DATE_NONE, end, cs;

	st->days_left = st->days_overdue = st->days_late = -1;
	st->signal_overdue = -1;
	st->closed = DATE_NONE;
	if (q->published != DATE_NONE && asof < q->published) {
		st->status = QS_UNPUBLISHED;
		return;
	}
	end = asof;
	if (q->answered != DATE_NONE && q->answered <= asof) {
		end = q->answered;
		st->closed = q->answered;
		if (q->deadline != DATE_NONE && q->answered > q->deadline) {
			st->status = QS_ANSWERED_LATE;
			st->days_late = q->answered - q->deadline;
		} else
			st->status = QS_ANSWERED;
	} else if ((cs = closure_state(q, asof, &closed)) != -1) {
		st->status = (enum qstatus)cs;
		st->closed = closed;
		end = closed;
	} else if (q->deadline == DATE_NONE || asof <= q->deadline) {
		st->status = QS_OPEN;
		if (q->deadline != DATE_NONE)
			st->days_left = q->deadline - asof;
	} else {
		st->status = QS_OVERDUE;
		st->days_overdue = asof - q->deadline;
	}
	if (q->signal_deadline != DATE_NONE && q->signaled <= asof)
		st->signal_overdue = end > q->signal_deadline;
}

const char *
rules_status_name(enum qstatus s)
{
	return (unsigned)s < QS_COUNT ? status_names[s] : "unknown";
}

int
rules_status_parse(const char *s)
{
	int	i;

	for (i = 0; i < QS_COUNT; i++)
		if (strcmp(status_names[i], s) == 0)
			return i;
	return -1;
}

/* The status, in the output language ("en retard"). */
const char *
rules_status_label(enum qstatus s)
{
	switch (s) {
	case QS_OPEN:
		return _("open");
	case QS_OVERDUE:
		return _("overdue");
	case QS_ANSWERED:
		return _("answered");
	case QS_ANSWERED_LATE:
		return _("answered late");
	case QS_WITHDRAWN:
		return _("withdrawn");
	case QS_LAPSED:
		return _("lapsed");
	case QS_CLOSED:
		return _("closed");
	case QS_UNPUBLISHED:
		break;
	}
	return _("not yet published");
}

static void
explain_deadline(const struct rules_settings *rs, const struct question *q,
    const struct rule *r, struct buf *b)
{
	char	d[DATE_ISO_LEN];
	int	raw;

	buf_printf(b, _(" → deadline %s (%s, %s"), date_iso(q->deadline, d),
	    r->article, _(r->label));
	if (r->ext_amount > 0 && rs->assume_extension)
		buf_adds(b, _(", extension counted"));
	else if (r->ext_amount > 0)
		buf_printf(b, _("; %s with the extension"),
		    date_iso(q->deadline_ext, d));
	if (rs->ministry_change_restarts && q->reattributed != DATE_NONE &&
	    q->reattributed > q->published)
		buf_printf(b, _("; counted from the change of ministry on %s"),
		    date_iso(q->reattributed, d));
	raw = rules_add(q->published, r->amount, r->unit);
	if (rs->weekend_rollover && raw != q->deadline &&
	    !rs->ministry_change_restarts && !rs->assume_extension)
		buf_printf(b, _("; %s is not a working day, moved by art. 642 "
		    "CPC"), date_iso(raw, d));
	buf_adds(b, ")");
}

static void
explain_status(const struct question *q, const struct qstate *st,
    const char *a, struct buf *b)
{
	char	d[DATE_ISO_LEN];

	switch (st->status) {
	case QS_OPEN:
		buf_printf(b, ngettext(" → open, %d day left as of %s",
		    " → open, %d days left as of %s",
		    (unsigned long)st->days_left), st->days_left, a);
		break;
	case QS_OVERDUE:
		buf_printf(b, ngettext(" → overdue by %d day as of %s",
		    " → overdue by %d days as of %s",
		    (unsigned long)st->days_overdue), st->days_overdue, a);
		break;
	case QS_ANSWERED:
		buf_printf(b, _(" → answered on time on %s"),
		    date_iso(q->answered, d));
		break;
	case QS_ANSWERED_LATE:
		buf_printf(b, ngettext(" → answered %d day late on %s",
		    " → answered %d days late on %s",
		    (unsigned long)st->days_late), st->days_late,
		    date_iso(q->answered, d));
		break;
	case QS_UNPUBLISHED:
		buf_printf(b, _(" → not yet published as of %s"), a);
		break;
	default:
		buf_printf(b, st->status == QS_WITHDRAWN ?
		    _(" → withdrawn on %s") : st->status == QS_LAPSED ?
		    _(" → lapsed on %s") : _(" → closed on %s"),
		    date_iso(st->closed, d));
		if (st->closed == q->lapse_date && q->closed != st->closed)
			buf_adds(b, _(" (end of the legislature)"));
		break;
	}
}

void
rules_explain(const struct rules_settings *rs, const struct question *q,
    int asof, struct buf *b)
{
	const struct rule	*r = q->rule ? rules_by_id(q->rule) : NULL;
	struct qstate		 st;
	char			 d[DATE_ISO_LEN], a[DATE_ISO_LEN];

	rules_state(q, asof, &st);
	date_iso(asof, a);
	if (q->published == DATE_NONE) {
		buf_adds(b, _("no JO publication date known: no deadline"));
		return;
	}
	buf_printf(b, _("published %s"), date_iso(q->published, d));
	if (r == NULL)
		buf_printf(b, _(" → no rule for %s %s questions"), q->assembly,
		    q->type);
	else
		explain_deadline(rs, q, r, b);
	explain_status(q, &st, a, b);
	if (q->signal_deadline != DATE_NONE && q->signaled <= asof) {
		buf_printf(b, _("; signaled %s → answer due by %s (%s, %d "
		    "days)"), date_iso(q->signaled, d),
		    date_iso(q->signal_deadline, a), rules_signal_article,
		    rs->signal_days);
		buf_adds(b, st.signal_overdue == 1 ? _(", missed") :
		    _(", met"));
		if ((st.status == QS_OPEN || st.status == QS_OVERDUE) &&
		    st.signal_overdue != 1)
			buf_adds(b, _(" so far"));
	}
}
