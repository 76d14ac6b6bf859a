/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
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
 * The rules are a built-in table, or the [rule ID] sections of a rules
 * file ([rules] file, read by config.c), which replace it; the stored
 * fingerprint covers the file's rules, so editing them recomputes.
 */
#include "rules.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assembly.h"
#include "date.h"
#include "question.h"
#include "i18n.h"
#include "util.h"

/*
 * The built-in rules; config/rules.conf holds the same rows as a rules
 * file (a unit test keeps the two equal). First match wins.
 */
static const struct rule rule_table[] = {
	{ "an-qe", "AN", "QE", { BOUND_AN_REFORM, 0 }, { BOUND_NONE, 0 },
	    { 2, UNIT_MONTHS }, { 0, UNIT_MONTHS },
	    "art. 135 al. 6 RAN", N_("two months"), 0 },
	{ "an-qe-1m", "AN", "QE", { BOUND_NONE, 0 }, { BOUND_AN_REFORM, 0 },
	    { 1, UNIT_MONTHS }, { 1, UNIT_MONTHS },
	    "art. 135 RAN, rédaction antérieure à 2014",
	    N_("one month, plus one on request"), 0 },
	{ "senat-qe", "SENAT", "QE", { BOUND_SENAT_REFORM, 0 },
	    { BOUND_NONE, 0 }, { 2, UNIT_MONTHS }, { 0, UNIT_MONTHS },
	    "art. 75 RS", N_("two months"), 0 },
	{ "senat-qe-1m", "SENAT", "QE", { BOUND_NONE, 0 },
	    { BOUND_SENAT_REFORM, 0 }, { 1, UNIT_MONTHS }, { 1, UNIT_MONTHS },
	    "art. 75 RS, rédaction antérieure à 2019",
	    N_("one month, plus one on request"), 0 },
};

#define NBUILTIN	(sizeof(rule_table) / sizeof(rule_table[0]))

_Static_assert(sizeof(((struct question *)0)->rule) == RULE_ID_SIZE,
    "struct question holds a rule id of RULE_ID_MAX bytes");

const char *const rules_signal_article = "art. 135 RAN, dernier alinéa";

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
	rs->senat_lapse_years = 2;
}

const struct rule *
rules_set(const struct rules_settings *rs, size_t *n)
{
	if (rs->ndefs > 0) {
		*n = rs->ndefs;
		return rs->defs;
	}
	*n = NBUILTIN;
	return rule_table;
}

/* FNV-1a over a string and its terminator. */
static uint64_t
hash_str(uint64_t h, const char *s)
{
	do {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ULL;
	} while (*s++ != '\0');
	return h;
}

static uint64_t
hash_int(uint64_t h, int v)
{
	char	b[16];

	snprintf(b, sizeof(b), "%d", v);
	return hash_str(h, b);
}

/* What in a rule set moves a deadline: every field but the line. */
static uint64_t
hash_set(const struct rule *r, size_t n)
{
	uint64_t	h = 0xcbf29ce484222325ULL;
	size_t		i;

	for (i = 0; i < n; i++, r++) {
		h = hash_str(hash_str(hash_str(h, r->id), r->assembly),
		    r->type);
		h = hash_int(hash_int(h, (int)r->from.kind), r->from.date);
		h = hash_int(hash_int(h, (int)r->until.kind), r->until.date);
		h = hash_int(hash_int(h, r->period.amount),
		    (int)r->period.unit);
		h = hash_int(hash_int(h, r->ext.amount), (int)r->ext.unit);
		h = hash_str(hash_str(h, r->article), r->label);
	}
	return h;
}

void
rules_fingerprint(const struct rules_settings *rs, char *buf, size_t size)
{
	char	a[DATE_ISO_LEN], s[DATE_ISO_LEN];
	int	n;

	/* v1: bump when the built-in table itself changes. */
	/* lapse= since the Sénat's caducité: a database from before it
	 * recomputes once, and its Sénat questions get their lapse dates. */
	n = snprintf(buf, size, "v1 an_reform=%s senat_reform=%s signal=%d "
	    "rollover=%d ext=%d restart=%d lapse=%d", date_iso(rs->an_reform,
	    a), date_iso(rs->senat_reform, s), rs->signal_days,
	    rs->weekend_rollover, rs->assume_extension,
	    rs->ministry_change_restarts, rs->senat_lapse_years);
	/* A rules file: its content, so that editing it recomputes. */
	if (rs->ndefs > 0 && n > 0 && (size_t)n < size)
		snprintf(buf + n, size - (size_t)n, " set=%016llx",
		    (unsigned long long)hash_set(rs->defs, rs->ndefs));
}

static int
bound_date(const struct rules_settings *rs, const struct rule_limit *b)
{
	switch (b->kind) {
	case BOUND_AN_REFORM:
		return rs->an_reform;
	case BOUND_SENAT_REFORM:
		return rs->senat_reform;
	case BOUND_DATE:
		return b->date;
	case BOUND_NONE:
		break;
	}
	return DATE_NONE;
}

const struct rule *
rules_find(const struct rules_settings *rs, const struct question *q)
{
	const struct rule	*set, *r;
	size_t			 i, n;
	int			 from, until;

	if (q->published == DATE_NONE)
		return NULL;
	set = rules_set(rs, &n);
	for (i = 0; i < n; i++) {
		r = &set[i];
		if (strcmp(r->assembly, q->assembly) != 0 ||
		    strcmp(r->type, q->type) != 0)
			continue;
		from = bound_date(rs, &r->from);
		until = bound_date(rs, &r->until);
		if (from != DATE_NONE && q->published < from)
			continue;
		if (until != DATE_NONE && q->published >= until)
			continue;
		return r;
	}
	return NULL;
}

const struct rule *
rules_by_id(const struct rules_settings *rs, const char *id)
{
	const struct rule	*set;
	size_t			 i, n;

	set = rules_set(rs, &n);
	for (i = 0; i < n; i++)
		if (strcmp(set[i].id, id) == 0)
			return &set[i];
	return NULL;
}

static const char *const unit_names[] = { "day", "week", "month",
    "working day" };

void
rules_period_text(const struct rule_period *p, char *buf, size_t size)
{
	if (p->amount == 0)
		snprintf(buf, size, "none");
	else
		snprintf(buf, size, "%d %s%s", p->amount, unit_names[p->unit],
		    p->amount == 1 ? "" : "s");
}

const char *
rules_period_parse(const char *v, struct rule_period *out)
{
	char	 num[16];
	size_t	 i, n, len;
	long	 x;

	/* -1 until it parses: a bad period is not also a missing one. */
	out->amount = -1;
	out->unit = UNIT_DAYS;
	if (*v == '\0' || strcmp(v, "none") == 0) {
		out->amount = 0;
		return NULL;
	}
	n = strspn(v, "0123456789");
	if (n == 0 || n >= sizeof(num) || v[n] != ' ')
		return "expected a period such as 2 months, 10 days, 6 weeks "
		    "or 2 working days";
	memcpy(num, v, n);
	num[n] = '\0';
	if (str_to_long(num, 1, 1000, &x) == -1)
		return "the amount must be 1 to 1000";
	v += n + strspn(v + n, " ");
	if (strncmp(v, "sitting day", 11) == 0)
		return "sitting days are not supported: qetracker knows no "
		    "calendar of sittings";
	/* unit_names[] is in the order of enum rule_unit. */
	for (i = 0; i < sizeof(unit_names) / sizeof(unit_names[0]); i++) {
		len = strlen(unit_names[i]);
		if (strncmp(v, unit_names[i], len) == 0 && (v[len] == '\0' ||
		    (v[len] == 's' && v[len + 1] == '\0'))) {
			out->amount = (int)x;
			out->unit = (enum rule_unit)i;
			return NULL;
		}
	}
	return "the unit must be days, weeks, months or working days";
}

const char *
rules_limit_parse(const char *v, struct rule_limit *out)
{
	out->date = DATE_NONE;
	if (*v == '\0')
		out->kind = BOUND_NONE;
	else if (strcmp(v, "an_reform_date") == 0)
		out->kind = BOUND_AN_REFORM;
	else if (strcmp(v, "senat_reform_date") == 0)
		out->kind = BOUND_SENAT_REFORM;
	else if (date_parse_iso(v, &out->date) == 0)
		out->kind = BOUND_DATE;
	else
		return "expected a date YYYY-MM-DD that exists, an_reform_date "
		    "or senat_reform_date";
	return NULL;
}

const char *
rules_limit_text(const struct rule_limit *b, char *buf)
{
	switch (b->kind) {
	case BOUND_AN_REFORM:
		return "an_reform_date";
	case BOUND_SENAT_REFORM:
		return "senat_reform_date";
	case BOUND_DATE:
		return date_iso(b->date, buf);
	case BOUND_NONE:
		break;
	}
	return "";
}

static void
dump_limit(FILE *fp, const char *pre, const char *key,
    const struct rule_limit *b)
{
	char	d[DATE_ISO_LEN];

	fprintf(fp, "%s%s = %s\n", pre, key, rules_limit_text(b, d));
}

void
rules_dump(const struct rules_settings *rs, FILE *fp, const char *pre)
{
	const struct rule	*set, *r;
	size_t			 i, n;
	char			 p[32];

	set = rules_set(rs, &n);
	for (i = 0; i < n; i++) {
		r = &set[i];
		if (i > 0)	/* a blank line, without trailing spaces */
			fprintf(fp, "%.*s\n", (int)strcspn(pre, " "), pre);
		fprintf(fp, "%s[rule %s]\n%sassembly = %s\n%stype = %s\n", pre,
		    r->id, pre, r->assembly, pre, r->type);
		dump_limit(fp, pre, "from", &r->from);
		dump_limit(fp, pre, "until", &r->until);
		rules_period_text(&r->period, p, sizeof(p));
		fprintf(fp, "%speriod = %s\n", pre, p);
		rules_period_text(&r->ext, p, sizeof(p));
		fprintf(fp, "%sextension = %s\n%sarticle = %s\n%slabel = %s\n",
		    pre, p, pre, r->article, pre, r->label);
	}
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

/* The legislature of that number in an assembly's table, or NULL. */
static const struct legislature_span *
legislature_find(const char *assembly, int legislature)
{
	const struct assembly	*a = assembly_find(assembly);
	size_t			 i;

	for (i = 0; a != NULL && i < a->nlegislatures; i++)
		if (a->legislatures[i].number == legislature)
			return &a->legislatures[i];
	return NULL;
}

/* The first day of a legislature, or DATE_NONE. */
static int
legislature_start(const char *assembly, int legislature)
{
	const struct legislature_span	*l;
	int				 start;

	if ((l = legislature_find(assembly, legislature)) != NULL &&
	    date_parse_iso(l->start, &start) == 0)
		return start;
	return DATE_NONE;
}

int
rules_legislature_end(const char *assembly, int legislature)
{
	const struct legislature_span	*l;
	int				 end;

	if ((l = legislature_find(assembly, legislature)) != NULL &&
	    l->end != NULL && date_parse_iso(l->end, &end) == 0)
		return end;
	return DATE_NONE;
}

int
rules_legislature_at(const char *assembly, int day)
{
	const struct assembly	*a = assembly_find(assembly);
	size_t			 i;
	int			 start;

	for (i = a != NULL ? a->nlegislatures : 0; i > 0; i--)
		if (date_parse_iso(a->legislatures[i - 1].start, &start) == 0 &&
		    day >= start)
			return a->legislatures[i - 1].number;
	return 0;
}

static int
rollover(const struct rules_settings *rs, int day)
{
	if (day == DATE_NONE || !rs->weekend_rollover)
		return day;
	return date_next_working(day);
}

/* The deadline counted from start, and with the extension in *ext. */
static int
deadline_from(const struct rules_settings *rs, const struct rule *r,
    int start, int *ext)
{
	int	d;

	d = rules_add(start, r->period.amount, r->period.unit);
	*ext = DATE_NONE;
	if (r->ext.amount > 0) {
		*ext = rules_add(d, r->ext.amount, r->ext.unit);
		if (rs->assume_extension)
			d = *ext;
	}
	*ext = rollover(rs, *ext);
	return rollover(rs, d);
}

/* The ISO date that s starts with. */
static int
iso_at(const char *s, int *out)
{
	char	d[DATE_ISO_LEN];

	if (strnlen(s, DATE_ISO_LEN - 1) != DATE_ISO_LEN - 1)
		return -1;
	memcpy(d, s, DATE_ISO_LEN - 1);
	d[DATE_ISO_LEN - 1] = '\0';
	return date_parse_iso(d, out);
}

/* The changes of ministry after the publication, in order, without
 * repeats: from the question's events when it has them, else from the
 * counts it was stored with, else its last change. At most max. */
static size_t
ministry_changes(const struct question *q, int *v, size_t max)
{
	const char	*s;
	size_t		 i, j, n = 0;
	int		 day, t;

	if (q->nevents > 0) {
		for (i = 0; i < q->nevents && n < max; i++)
			if (strcmp(q->events[i].kind, EV_MINISTRY) == 0 &&
			    q->events[i].date != DATE_NONE)
				v[n++] = q->events[i].date;
	} else if ((s = q->deadline_steps) != NULL) {
		/* "FROM=DEADLINE FROM=DEADLINE ...", the first from the
		 * publication. */
		while ((s = strchr(s, ' ')) != NULL && n < max) {
			s++;
			if (iso_at(s, &day) == 0)
				v[n++] = day;
		}
	} else if (q->reattributed != DATE_NONE)
		v[n++] = q->reattributed;
	for (i = 1; i < n; i++)		/* a handful: insertion sort */
		for (j = i; j > 0 && v[j - 1] > v[j]; j--) {
			t = v[j];
			v[j] = v[j - 1];
			v[j - 1] = t;
		}
	for (i = j = 0; i < n; i++)
		if (v[i] > q->published && (j == 0 || v[j - 1] != v[i]))
			v[j++] = v[i];
	return j;
}

/* With the restarting setting, each change of ministry starts a new
 * count; deadline_steps keeps every count ("FROM=DEADLINE ...") so that a
 * status at a date uses the one then in force. */
static void
restart_counts(const struct rules_settings *rs, const struct rule *r,
    struct question *q)
{
	char		 a[DATE_ISO_LEN], b[DATE_ISO_LEN];
	struct buf	 steps;
	int		 changes[RULES_MAX_RESTARTS];
	size_t		 i, n;

	n = ministry_changes(q, changes, RULES_MAX_RESTARTS);
	free(q->deadline_steps);
	q->deadline_steps = NULL;
	if (n == 0)
		return;
	buf_init(&steps);
	buf_printf(&steps, "%s=%s", date_iso(q->published, a),
	    date_iso(q->deadline, b));
	for (i = 0; i < n; i++) {
		q->deadline = deadline_from(rs, r, changes[i],
		    &q->deadline_ext);
		buf_printf(&steps, " %s=%s", date_iso(changes[i], a),
		    date_iso(q->deadline, b));
	}
	q->deadline_steps = buf_steal(&steps);
}

int
rules_session_lapse(int published, int years)
{
	int	old = date_add_months(published, 12 * years), y, m, d, opens;

	/* The first ordinary session opening when the question is more
	 * than years old: its first working day of October. */
	date_to_ymd(old, &y, &m, &d);
	for (;; y++) {
		if (date_from_ymd(y, 10, 1, &opens) == -1)
			return DATE_NONE;
		opens = date_next_working(opens);
		if (opens > old)
			return opens;
	}
}

void
rules_apply(const struct rules_settings *rs, struct question *q)
{
	const struct rule	*r;
	const struct assembly	*a;

	q->rule[0] = '\0';
	q->deadline = q->deadline_ext = q->signal_deadline = DATE_NONE;
	q->lapse_date = rules_legislature_end(q->assembly, q->legislature);
	if (q->lapse_date == DATE_NONE && q->published != DATE_NONE &&
	    (a = assembly_of(q)) != NULL && a->session_lapse &&
	    rs->senat_lapse_years > 0)
		q->lapse_date = rules_session_lapse(q->published,
		    rs->senat_lapse_years);
	/* The signalement's clock is its own, whatever rule the question
	 * falls under (or none). */
	if (q->signaled != DATE_NONE && (a = assembly_of(q)) != NULL &&
	    a->signalement)
		q->signal_deadline = rollover(rs,
		    q->signaled + rs->signal_days);
	if ((r = rules_find(rs, q)) == NULL) {
		free(q->deadline_steps);
		q->deadline_steps = NULL;
		return;
	}
	str_copy(q->rule, r->id, sizeof(q->rule));
	q->deadline = deadline_from(rs, r, q->published, &q->deadline_ext);
	if (rs->ministry_change_restarts && q->published != DATE_NONE &&
	    (a = assembly_of(q)) != NULL && a->transfer_restarts)
		restart_counts(rs, r, q);
	else {
		free(q->deadline_steps);
		q->deadline_steps = NULL;
	}
}

size_t
rules_counts(const struct question *q, int *from, int *deadline, size_t max)
{
	const char	*s = q->deadline_steps;
	size_t		 n = 0;

	while (s != NULL && n < max) {
		if (iso_at(s, &from[n]) == -1 || s[DATE_ISO_LEN - 1] != '=' ||
		    iso_at(s + DATE_ISO_LEN, &deadline[n]) == -1)
			return 0;	/* not ours: the stored deadline stands */
		n++;
		if ((s = strchr(s, ' ')) != NULL)
			s++;
	}
	return n;
}

int
rules_deadline_at(const struct question *q, int day, int *from)
{
	int	f[RULES_MAX_RESTARTS + 1], dl[RULES_MAX_RESTARTS + 1];
	size_t	n, i;

	n = rules_counts(q, f, dl, RULES_MAX_RESTARTS + 1);
	/* The last count started by that day; the first one before. */
	for (i = 1; i < n && f[i] <= day; i++)
		;
	if (from != NULL)
		*from = n > 0 ? f[i - 1] : q->published;
	return n > 0 ? dl[i - 1] : q->deadline;
}

void
rules_anomalies(struct question *q)
{
	char	a[DATE_ISO_LEN], b[DATE_ISO_LEN];
	int	start, end;

	if (q->published == DATE_NONE)
		return;
	date_iso(q->published, b);
	if (q->answered != DATE_NONE && q->answered < q->published)
		question_add_anomaly(q, "answer_before_publication", "answered "
		    "%s, published %s", date_iso(q->answered, a), b);
	if (q->closed != DATE_NONE && q->closed < q->published &&
	    q->closure != CLOSURE_ANSWERED)
		question_add_anomaly(q, "closure_before_publication", "closed "
		    "%s, published %s", date_iso(q->closed, a), b);
	if (q->signaled != DATE_NONE && q->signaled < q->published)
		question_add_anomaly(q, "signal_before_publication", "signaled "
		    "%s, published %s", date_iso(q->signaled, a), b);
	start = legislature_start(q->assembly, q->legislature);
	end = rules_legislature_end(q->assembly, q->legislature);
	if ((start != DATE_NONE && q->published < start) ||
	    (end != DATE_NONE && q->published > end))
		question_add_anomaly(q, "published_outside_legislature",
		    "published %s, outside legislature %d", b,
		    q->legislature);
}

/* The closure that applies at a date: its status, or -1 if none. */
static int
closure_state(const struct question *q, int asof, int *closed)
{
	/* A closure the data gives without a date stands, date unknown: a
	 * lapse at the legislature's end when there was one. (A caducité
	 * the rules foresee does not date it: the data's own lapse may be
	 * an earlier one, decided ad hoc, and the data wins.) */
	if (q->closed == DATE_NONE && q->closure != CLOSURE_ANSWERED &&
	    q->closure != CLOSURE_NONE) {
		int	end = rules_legislature_end(q->assembly,
			    q->legislature);

		if (q->closure == CLOSURE_LAPSED && end != DATE_NONE) {
			if (asof <= end)
				return -1;
			*closed = end;
			return QS_LAPSED;
		}
		*closed = DATE_NONE;
		return q->closure == CLOSURE_WITHDRAWN ? QS_WITHDRAWN :
		    q->closure == CLOSURE_LAPSED ? QS_LAPSED : QS_CLOSED;
	}
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
	int	closed = DATE_NONE, end, cs, dl;

	st->days_left = st->days_overdue = st->days_late = -1;
	st->signal_overdue = -1;
	st->closed = DATE_NONE;
	/* Only what had happened by the date counts: before a change of
	 * ministry that restarts the clock, the first deadline holds. */
	st->deadline = dl = rules_deadline_at(q, asof,
	    &st->counted_from);
	if (q->published != DATE_NONE && asof < q->published) {
		st->status = QS_UNPUBLISHED;
		return;
	}
	end = asof;
	if (q->answered != DATE_NONE && q->answered <= asof) {
		end = q->answered;
		st->closed = q->answered;
		st->deadline = dl = rules_deadline_at(q, q->answered,
		    &st->counted_from);
		if (dl != DATE_NONE && q->answered > dl) {
			st->status = QS_ANSWERED_LATE;
			st->days_late = q->answered - dl;
		} else
			st->status = QS_ANSWERED;
	} else if (q->closure == CLOSURE_ANSWERED && q->answered == DATE_NONE) {
		/* Answered, says the data, on a day it does not give. */
		st->status = QS_ANSWERED;
	} else if ((cs = closure_state(q, asof, &closed)) != -1) {
		st->status = (enum qstatus)cs;
		st->closed = closed;
		end = closed;
		if (closed != DATE_NONE)
			st->deadline = rules_deadline_at(q, closed,
			    &st->counted_from);
	} else if (dl == DATE_NONE || asof <= dl) {
		st->status = QS_OPEN;
		if (dl != DATE_NONE)
			st->days_left = dl - asof;
	} else {
		st->status = QS_OVERDUE;
		st->days_overdue = asof - dl;
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
    const struct rule *r, const struct qstate *st, struct buf *b)
{
	char	d[I18N_DATE_LEN];
	int	raw, ext;

	buf_printf(b, _(" → deadline %s (%s, %s"), i18n_date(st->deadline, d,
	    sizeof(d)), r->article, _(r->label));
	deadline_from(rs, r, st->counted_from, &ext);
	if (r->ext.amount > 0 && rs->assume_extension)
		buf_adds(b, _(", extension counted"));
	else if (r->ext.amount > 0)
		buf_printf(b, _("; %s with the extension"), i18n_date(ext, d,
		    sizeof(d)));
	if (st->counted_from != q->published)
		buf_printf(b, _("; counted from the change of ministry on %s"),
		    i18n_date(st->counted_from, d, sizeof(d)));
	raw = rules_add(st->counted_from, r->period.amount, r->period.unit);
	if (rs->weekend_rollover && raw != st->deadline &&
	    !rs->assume_extension)
		buf_printf(b, _("; %s is not a working day, moved by art. 642 "
		    "CPC"), i18n_date(raw, d, sizeof(d)));
	buf_adds(b, ")");
}

static void
explain_status(const struct question *q, const struct qstate *st,
    const char *a, int lapse_years, struct buf *b)
{
	char	d[I18N_DATE_LEN];

	switch (st->status) {
	case QS_OPEN:
		if (st->days_left < 0)	/* no deadline to count to */
			buf_printf(b, _(" → open as of %s"), a);
		else
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
		    i18n_date(q->answered, d, sizeof(d)));
		break;
	case QS_ANSWERED_LATE:
		buf_printf(b, ngettext(" → answered %d day late on %s",
		    " → answered %d days late on %s",
		    (unsigned long)st->days_late), st->days_late,
		    i18n_date(q->answered, d, sizeof(d)));
		break;
	case QS_UNPUBLISHED:
		buf_printf(b, _(" → not yet published as of %s"), a);
		break;
	default:
		buf_printf(b, st->status == QS_WITHDRAWN ?
		    _(" → withdrawn on %s") : st->status == QS_LAPSED ?
		    _(" → lapsed on %s") : _(" → closed on %s"),
		    i18n_date(st->closed, d, sizeof(d)));
		if (st->closed != q->lapse_date || q->closed == st->closed)
			break;
		if (q->lapse_date == rules_legislature_end(q->assembly,
		    q->legislature))
			buf_adds(b, _(" (end of the legislature)"));
		else
			buf_printf(b, ngettext(" (opening of the ordinary "
			    "session: unanswered for more than %d year)",
			    " (opening of the ordinary session: unanswered "
			    "for more than %d years)",
			    (unsigned long)lapse_years), lapse_years);
		break;
	}
}

void
rules_explain(const struct rules_settings *rs, const struct question *q,
    int asof, struct buf *b)
{
	const struct rule	*r = rules_by_id(rs, q->rule);
	struct qstate		 st;
	char			 d[I18N_DATE_LEN], a[I18N_DATE_LEN];

	rules_state(q, asof, &st);
	i18n_date(asof, a, sizeof(a));
	if (q->published == DATE_NONE) {
		buf_adds(b, _("no JO publication date known: no deadline"));
		return;
	}
	buf_printf(b, _("published %s"), i18n_date(q->published, d,
	    sizeof(d)));
	if (r == NULL)
		buf_printf(b, _(" → no rule for %s %s questions"), q->assembly,
		    q->type);
	else
		explain_deadline(rs, q, r, &st, b);
	explain_status(q, &st, a, rs->senat_lapse_years, b);
	if (q->signal_deadline != DATE_NONE && q->signaled <= asof) {
		buf_printf(b, _("; signaled %s → answer due by %s (%s, %d "
		    "days)"), i18n_date(q->signaled, d, sizeof(d)),
		    i18n_date(q->signal_deadline, a, sizeof(a)),
		    rules_signal_article, rs->signal_days);
		buf_adds(b, st.signal_overdue == 1 ? _(", missed") :
		    _(", met"));
		if ((st.status == QS_OPEN || st.status == QS_OVERDUE) &&
		    st.signal_overdue != 1)
			buf_adds(b, _(" so far"));
	}
}

static const char *
event_label(const char *kind)
{
	static const char *const labels[][2] = {
		{ EV_PUBLISHED, N_("question published in the JO") },
		{ EV_ERRATUM, N_("erratum published") },
		{ EV_MINISTRY, N_("transferred to") },
		{ EV_SIGNALED, N_("signaled by a group president") },
		{ EV_RENEWED, N_("renewed") },
		{ EV_ANSWERED, N_("answer published in the JO") },
		{ EV_CLOSED, N_("closure") },
		{ EV_REMOVED, N_("gone from the source's archive") },
		{ EV_RAPPEL, N_("recalled by the question de rappel") },
		{ EV_RAPPEL_OF, N_("question de rappel of") },
	};
	size_t	i;

	for (i = 0; i < sizeof(labels) / sizeof(labels[0]); i++)
		if (strcmp(labels[i][0], kind) == 0)
			return _(labels[i][1]);
	return kind;
}

void
rules_timeline(const struct question *q, rules_step_cb cb, void *arg)
{
	struct buf	 b;
	size_t		 i;
	int		 from[RULES_MAX_RESTARTS + 1], due[RULES_MAX_RESTARTS + 1];
	size_t		 nc, c = 0;
	int		 dl = 0, sdl = 0, lp = 0;
	/* A lapse the rules foresee, before any answer or closure. */
	int		 session_lapse = q->lapse_date != DATE_NONE &&
			    q->lapse_date != rules_legislature_end(q->assembly,
			    q->legislature) && (q->answered == DATE_NONE ||
			    q->answered > q->lapse_date) && (q->closed ==
			    DATE_NONE || q->closed > q->lapse_date);

	/* The counts that a later change of ministry replaced. */
	nc = rules_counts(q, from, due, RULES_MAX_RESTARTS + 1);
	nc -= nc > 0;
	buf_init(&b);
	for (i = 0; i <= q->nevents; i++) {
		const struct qevent	*ev = i < q->nevents ? &q->events[i] :
					    NULL;
		int			 when = ev ? ev->date : 0x7fffffff;

		for (; c < nc && due[c] < when; c++)
			cb(due[c], _("answer due, as counted before a change "
			    "of ministry"), arg);
		if (!dl && q->deadline != DATE_NONE && q->deadline < when) {
			cb(q->deadline, _("answer due (deadline)"), arg);
			dl = 1;
		}
		if (!sdl && q->signal_deadline != DATE_NONE &&
		    q->signal_deadline < when) {
			cb(q->signal_deadline, _("answer due after "
			    "signalement"), arg);
			sdl = 1;
		}
		if (!lp && session_lapse && q->lapse_date < when) {
			cb(q->lapse_date, _("lapses unanswered, at the opening "
			    "of the ordinary session"), arg);
			lp = 1;
		}
		if (ev == NULL)
			break;
		buf_reset(&b);
		buf_adds(&b, event_label(ev->kind));
		if (ev->detail != NULL && (strcmp(ev->kind, EV_PUBLISHED) == 0 ||
		    strcmp(ev->kind, EV_ANSWERED) == 0))
			buf_printf(&b, _(", page %s"), ev->detail);
		else if (ev->detail != NULL)
			buf_printf(&b, strcmp(ev->kind, EV_MINISTRY) == 0 ||
			    strcmp(ev->kind, EV_RAPPEL) == 0 ||
			    strcmp(ev->kind, EV_RAPPEL_OF) == 0 ? " %s" :
			    ": %s", ev->detail);
		cb(ev->date, b.data, arg);
	}
	buf_free(&b);
}
