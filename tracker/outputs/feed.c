/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * feed.c: iCalendar feeds of answer deadlines.
 *
 * RFC 5545 all-day VEVENTs (DTSTART;VALUE=DATE, exclusive DTEND), with
 * the calendar properties of RFC 7986 and the X-WR- ones Google and
 * Outlook read. Every property goes through libical, which escapes TEXT
 * and folds lines at 75 octets; nothing is printed by hand. Each event is
 * serialised once and feeds are assembled from those strings, so 600
 * feeds cost about one serialisation of every event.
 *
 * Texts are French by default (gettext), and never hold a count of days
 * that would change every day: "en retard depuis le 21 juillet 2025", so
 * that SEQUENCE moves only when something really changed.
 */
#include "feed.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <libical/ical.h>

#include "assembly.h"
#include "date.h"
#include "error.h"
#include "filter.h"
#include "i18n.h"
#include "question.h"
#include "rules.h"
#include "store.h"
#include "util.h"
#include "version.h"

void
feed_event_clear(struct feed_event *e)
{
	free(e->summary);
	free(e->description);
	free(e->url);
	free(e->categories);
	free(e->ics);
	free(e->author_ref);
	free(e->author_key);
	free(e->author_name);
	free(e->group_ref);
	free(e->group_key);
	free(e->group_name);
	free(e->ministry_ref);
	free(e->ministry_name);
	memset(e, 0, sizeof(*e));
}

void
feed_set_free(struct feed_set *fs)
{
	size_t	i;

	if (fs == NULL)
		return;
	for (i = 0; i < fs->n; i++)
		feed_event_clear(&fs->ev[i]);
	free(fs->ev);
	memset(fs, 0, sizeof(*fs));
}

static char *
fr(int day, char *buf, size_t size)
{
	return i18n_date(day, buf, size);
}

/* "unanswered, overdue since 21 July 2025", ... */
static void
status_text(const struct question *q, const struct qstate *st,
    struct buf *b)
{
	char	d[40];

	switch (st->status) {
	case QS_OPEN:
		buf_printf(b, _("awaiting an answer, due on %s"),
		    fr(st->deadline, d, sizeof(d)));
		break;
	case QS_OVERDUE:
		buf_printf(b, _("unanswered, overdue since %s"),
		    fr(st->deadline + 1, d, sizeof(d)));
		break;
	case QS_ANSWERED:
		buf_printf(b, _("answered on %s, within the delay"),
		    fr(q->answered, d, sizeof(d)));
		break;
	case QS_ANSWERED_LATE:
		buf_printf(b, ngettext("answered on %s, %d day late",
		    "answered on %s, %d days late", (unsigned long)st->days_late),
		    fr(q->answered, d, sizeof(d)), st->days_late);
		break;
	case QS_WITHDRAWN:
		buf_printf(b, _("withdrawn on %s"), fr(st->closed, d,
		    sizeof(d)));
		break;
	case QS_LAPSED:
		buf_printf(b, _("lapsed on %s (end of the term)"),
		    fr(st->closed, d, sizeof(d)));
		break;
	default:
		buf_printf(b, _("closed on %s"), fr(st->closed, d, sizeof(d)));
		break;
	}
}

/* "Overdue — ", "Answered on 2 September 2025 — ", ... */
static void
summary_prefix(const struct question *q, const struct qstate *st,
    struct buf *b)
{
	char	d[I18N_DATE_LEN];

	switch (st->status) {
	case QS_OVERDUE:
		buf_adds(b, _("Overdue — "));
		break;
	case QS_ANSWERED:
	case QS_ANSWERED_LATE:
		buf_printf(b, _("Answered on %s — "), fr(q->answered, d,
		    sizeof(d)));
		break;
	case QS_WITHDRAWN:
		buf_adds(b, _("Withdrawn — "));
		break;
	case QS_LAPSED:
		buf_adds(b, _("Lapsed — "));
		break;
	case QS_CLOSED:
		buf_adds(b, _("Closed — "));
		break;
	default:
		break;
	}
}

static void
description(const struct question *q, const struct qstate *st,
    const struct rule *r, const struct feed_settings *fs, struct buf *b)
{
	char	d[40], e[40], *url = question_url(q);

	if (q->title != NULL)
		buf_printf(b, _("Subject: %s\n"), q->title);
	if (q->rubric != NULL)
		buf_printf(b, _("Rubric: %s\n"), q->rubric);
	if (q->author_name != NULL || q->author_ref != NULL) {
		buf_printf(b, _("Author: %s"), q->author_name ? q->author_name :
		    q->author_ref);
		if (q->group_abbrev != NULL)
			buf_printf(b, " (%s)", q->group_abbrev);
		buf_addc(b, '\n');
	}
	if (q->group_name != NULL)
		buf_printf(b, _("Group: %s\n"), q->group_name);
	if (q->ministry_asked != NULL)
		buf_printf(b, _("Ministry asked: %s\n"), q->ministry_asked);
	if (q->ministry != NULL)
		buf_printf(b, _("Ministry in charge: %s\n"), q->ministry);
	buf_printf(b, _("Published in the JO on %s"), fr(q->published, d,
	    sizeof(d)));
	if (q->published_page != NULL)
		buf_printf(b, _(", page %s"), q->published_page);
	buf_addc(b, '\n');
	buf_printf(b, _("Delay: %s (%s), due on %s\n"), _(r->label),
	    r->article, fr(st->deadline, e, sizeof(e)));
	if (q->signal_deadline != DATE_NONE && st->signal_overdue >= 0)
		buf_printf(b, _("Signaled in the JO on %s: answer due within %d "
		    "days (%s), by %s\n"), fr(q->signaled, d, sizeof(d)),
		    q->signal_deadline - q->signaled, rules_signal_article,
		    fr(q->signal_deadline, e, sizeof(e)));
	buf_adds(b, _("Status: "));
	status_text(q, st, b);
	buf_addc(b, '\n');
	if (url != NULL)
		buf_printf(b, "%s\n", url);
	buf_printf(b, _("Deadline computed by qetracker (%s/)."),
	    fs->base_url);
	free(url);
}

static uint64_t
fnv(uint64_t h, const char *s)
{
	for (; s != NULL && *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ULL;
	}
	h ^= 0xff;
	return h * 0x100000001b3ULL;
}

/*
 * The hash that moves SEQUENCE: the facts an event shows, not their
 * wording, so that another language, another base_url or another libical
 * never moves it; only content does.
 */
static void
event_hash(struct feed_event *e, const struct question *q,
    const struct qstate *st, const struct rule *r,
    const struct feed_settings *fs)
{
	char		tmp[160];
	uint64_t	h = 0xcbf29ce484222325ULL;

	snprintf(tmp, sizeof(tmp), "%s %d %d %d %d %ld %d %d %d %d %d %d %d %d",
	    e->uid, e->date, e->cancelled, fs->alarm_days, (int)st->status,
	    q->number, q->published, st->deadline, q->signaled,
	    q->signal_deadline, st->signal_overdue >= 0, q->answered,
	    st->closed, st->days_late);
	h = fnv(h, tmp);
	h = fnv(h, r->id);
	h = fnv(h, r->label);
	h = fnv(h, r->article);
	h = fnv(h, q->title);
	h = fnv(h, q->rubric);
	h = fnv(h, q->author_ref);
	h = fnv(h, q->author_name);
	h = fnv(h, q->group_abbrev);
	h = fnv(h, q->group_name);
	h = fnv(h, q->ministry_asked);
	h = fnv(h, q->ministry);
	h = fnv(h, q->published_page);
	h = fnv(h, e->url);
	e->hash = h;
}

void
feed_event_keys(struct feed_event *e, const struct question *q)
{
	const struct assembly	*a;
	const char		*key;

	question_uid(q, e->qid, sizeof(e->qid));
	str_copy(e->assembly, q->assembly, sizeof(e->assembly));
	e->author_ref = xstrdup_null(q->author_ref);
	e->author_name = xstrdup_null(q->author_name);
	e->group_ref = xstrdup_null(q->group_ref);
	if ((a = assembly_of(q)) == NULL || a->feed_prefix[0] == '\0') {
		e->group_key = xstrdup_null(q->group_abbrev ? q->group_abbrev :
		    q->group_ref);
		e->group_name = xstrdup_null(q->group_name);
	} else {
		/* Another chamber's: its names start with its prefix, and
		 * a member without a reference has a feed by name. */
		key = q->group_abbrev ? q->group_abbrev : q->group_ref;
		if (key != NULL)
			e->group_key = xasprintf("%s%s", a->feed_prefix, key);
		e->group_name = q->group_name != NULL ? xstrdup(q->group_name) :
		    key != NULL ? xasprintf("%s (%s)", key, a->name) : NULL;
		if (q->author_ref == NULL && q->author_name != NULL)
			e->author_key = xasprintf("%s%s", a->feed_prefix,
			    q->author_name);
	}
	e->ministry_ref = xstrdup_null(q->ministry_ref);
	e->ministry_name = xstrdup_null(q->ministry);
}

static struct feed_event *
new_event(struct feed_set *set, const struct question *q)
{
	struct feed_event	*e;

	if (set->n == set->cap) {
		set->cap = set->cap ? set->cap * 2 : 1024;
		set->ev = xrealloc(set->ev, set->cap * sizeof(*set->ev));
	}
	e = &set->ev[set->n++];
	memset(e, 0, sizeof(*e));
	feed_event_keys(e, q);
	e->url = question_url(q);
	e->categories = xstrdup_null(q->rubric);
	e->cancelled = 0;
	return e;
}

/* The deadline event and, when signaled, the signalement event. */
static void
question_events(const struct question *q, const struct qstate *st,
    const struct rule *r, const struct feed_settings *fs,
    struct feed_set *set)
{
	struct feed_event	*e;
	struct buf		 b;
	int			 cancelled;

	if (r == NULL || st->deadline == DATE_NONE)
		return;
	cancelled = st->status == QS_WITHDRAWN || st->status == QS_LAPSED ||
	    st->status == QS_CLOSED;
	buf_init(&b);
	e = new_event(set, q);
	snprintf(e->uid, sizeof(e->uid), "%s-deadline@%s", e->qid,
	    fs->uid_domain);
	e->date = st->deadline;
	e->cancelled = cancelled;
	summary_prefix(q, st, &b);
	buf_printf(&b, _("QE %ld deadline — %s"), q->number, q->ministry ?
	    q->ministry : _("unknown ministry"));
	e->summary = buf_steal(&b);
	description(q, st, r, fs, &b);
	e->description = buf_steal(&b);
	event_hash(e, q, st, r, fs);

	if (q->signal_deadline == DATE_NONE || st->signal_overdue < 0) {
		buf_free(&b);
		return;
	}
	e = new_event(set, q);
	snprintf(e->uid, sizeof(e->uid), "%s-signal@%s", e->qid,
	    fs->uid_domain);
	e->date = q->signal_deadline;
	e->cancelled = cancelled;
	summary_prefix(q, st, &b);
	buf_printf(&b, _("QE %ld signalement deadline — %s"), q->number,
	    q->ministry ? q->ministry : _("unknown ministry"));
	e->summary = buf_steal(&b);
	description(q, st, r, fs, &b);
	e->description = buf_steal(&b);
	event_hash(e, q, st, r, fs);
	buf_free(&b);
}

struct collect {
	const struct filter		*f;
	const struct rules_settings	*rs;
	const struct feed_settings	*fs;
	struct feed_set			*set;
	int				 asof;
};

static int
collect_one(const struct question *q, void *arg)
{
	struct collect	*c = arg;
	struct qstate	 st;

	rules_state(q, c->asof, &st);
	if (!filter_match(c->f, q, &st))
		return 0;
	/* Answered and closed questions stay keep_days, then leave; at once
	 * when the data gives no date for it. */
	if (st.status != QS_OPEN && st.status != QS_OVERDUE &&
	    (st.closed == DATE_NONE || c->asof - st.closed >
	    c->fs->keep_days))
		return 0;
	question_events(q, &st, rules_by_id(c->rs, q->rule), c->fs, c->set);
	return 0;
}

static struct icaltimetype
utc_time(long t)
{
	return icaltime_from_timet_with_zone((time_t)t, 0,
	    icaltimezone_get_utc_timezone());
}

static struct icaltimetype
ical_date(int day)
{
	struct icaltimetype	t = icaltime_null_date();
	int			y, m, d;

	date_to_ymd(day, &y, &m, &d);
	t.year = y;
	t.month = m;
	t.day = d;
	t.is_date = 1;
	return t;
}

static icalproperty *
x_prop(const char *name, const char *value)
{
	icalproperty	*p = icalproperty_new_x(value);

	icalproperty_set_x_name(p, name);
	return p;
}

/* Serialises one event with libical. */
static void
render(struct feed_event *e, const struct feed_settings *fs)
{
	icalcomponent	*ev = icalcomponent_new(ICAL_VEVENT_COMPONENT);
	char		*s;

	icalcomponent_add_property(ev, icalproperty_new_uid(e->uid));
	icalcomponent_add_property(ev, icalproperty_new_dtstamp(
	    utc_time(e->changed)));
	icalcomponent_add_property(ev, icalproperty_new_lastmodified(
	    utc_time(e->changed)));
	icalcomponent_add_property(ev, icalproperty_new_sequence(
	    e->sequence));
	icalcomponent_add_property(ev, icalproperty_new_dtstart(
	    ical_date(e->date)));
	icalcomponent_add_property(ev, icalproperty_new_dtend(
	    ical_date(e->date + 1)));
	icalcomponent_add_property(ev, icalproperty_new_summary(e->summary));
	icalcomponent_add_property(ev, icalproperty_new_description(
	    e->description));
	if (e->url != NULL)
		icalcomponent_add_property(ev, icalproperty_new_url(e->url));
	if (e->categories != NULL)
		icalcomponent_add_property(ev, icalproperty_new_categories(
		    e->categories));
	icalcomponent_add_property(ev, icalproperty_new_status(e->cancelled ?
	    ICAL_STATUS_CANCELLED : ICAL_STATUS_CONFIRMED));
	icalcomponent_add_property(ev, icalproperty_new_transp(
	    ICAL_TRANSP_TRANSPARENT));
	icalcomponent_add_property(ev, x_prop("X-MICROSOFT-CDO-BUSYSTATUS",
	    "FREE"));
	if (fs->alarm_days > 0 && !e->cancelled) {
		icalcomponent		*al;
		struct icaltriggertype	 tr;

		al = icalcomponent_new(ICAL_VALARM_COMPONENT);
		memset(&tr, 0, sizeof(tr));
		tr.time = icaltime_null_time();
		tr.duration = icaldurationtype_from_int(-fs->alarm_days *
		    86400);
		icalcomponent_add_property(al, icalproperty_new_action(
		    ICAL_ACTION_DISPLAY));
		icalcomponent_add_property(al, icalproperty_new_trigger(tr));
		icalcomponent_add_property(al, icalproperty_new_description(
		    e->summary));
		icalcomponent_add_component(ev, al);
	}
	s = icalcomponent_as_ical_string_r(ev);
	e->ics = xstrdup(s);
	icalmemory_free_buffer(s);
	icalcomponent_free(ev);
	/* Serialised: the texts are no longer needed, only the feed keys. */
	free(e->summary);
	free(e->description);
	e->summary = e->description = NULL;
}

int
feed_collect(struct store *st, const struct filter *f, int asof,
    const struct rules_settings *rs, const struct feed_settings *fs,
    struct feed_set *set, struct error *err)
{
	struct collect	c = { f, rs, fs, set, asof };
	long		now = date_now();
	size_t		i;

	memset(set, 0, sizeof(*set));
	set->asof = asof;
	/* One transaction: a consistent snapshot, and the SEQUENCE updates. */
	if (store_begin(st, err) == -1)
		return -1;
	/* The lean scan has every column store_each_question reads (the
	 * excerpts and steps asked for), names from a hash, texts lent:
	 * the events copy what they keep. */
	if (store_scan_questions(st, f->legislature, SCAN_ORDERED |
	    SCAN_EXCERPTS | SCAN_KEYS, collect_one, &c, err) == -1)
		goto fail;
	for (i = 0; i < set->n; i++)
		if (store_feed_track(st, set->ev[i].uid, set->ev[i].hash, now,
		    asof, &set->ev[i].sequence, &set->ev[i].changed, err) == -1)
			goto fail;
	if (store_commit(st, err) == -1)
		goto fail;
	for (i = 0; i < set->n; i++)
		render(&set->ev[i], fs);
	return 0;
fail:
	store_rollback(st);
	feed_set_free(set);
	return -1;
}

void
feed_keys_free(struct feed_keys *k)
{
	free(k->slug);
	free(k->want);
	free(k->id);
}

/*
 * Where an event goes in a kind of feed: an author's by reference, a
 * group's by reference and abbreviation, a ministry's by reference and
 * name (so a new government's ministry of the same name keeps the feed,
 * and a renamed one keeps its reference's). The one place where data
 * becomes a file name: a reference that is not a safe name is folded.
 * Returns 0 when the event has no such feed.
 */
int
feed_keys_get(const struct feed_event *e, const char *kind, struct feed_keys *k)
{
	const char	*ref, *name;

	memset(k, 0, sizeof(*k));
	if (strcmp(kind, "author") == 0) {
		ref = e->author_ref;
		name = ref == NULL ? e->author_key : NULL;
		k->title = e->author_name;
	} else if (strcmp(kind, "group") == 0) {
		ref = e->group_ref;
		name = e->group_key;
		k->title = e->group_name;
	} else {
		ref = e->ministry_ref;
		name = e->ministry_name;
		k->title = e->ministry_name;
	}
	if (ref == NULL && name == NULL)
		return 0;
	k->keys[0] = ref;
	if (name != NULL)
		k->keys[1] = k->slug = feed_slug(name);
	if (k->title == NULL)
		k->title = name != NULL ? name : ref;
	if (name != NULL)
		k->want = xasprintf("%s/%s", kind, k->slug);
	else if (feed_name_safe(ref))
		k->want = xasprintf("%s/%s", kind, ref);
	else {
		char	*slug = feed_slug(ref);

		k->want = xasprintf("%s/x-%s", kind, slug);
		free(slug);
	}
	k->id = xasprintf("%s\037%s", ref ? ref : "", k->slug ? k->slug : "");
	return 1;
}

char *
feed_safe_name(const char *s)
{
	char	*out = xstrdup(s), *p;

	for (p = out; *p != '\0'; p++)
		if (*p == ',' || *p == ';' || *p == '\\' || *p == '\n' ||
		    *p == '\r')
			*p = ' ';
	/* "a , b" became "a   b": fold the runs of spaces. */
	for (p = out; *p != '\0'; p++)
		while (p[0] == ' ' && p[1] == ' ')
			memmove(p, p + 1, strlen(p + 1) + 1);
	return str_trim(out);
}

char *
feed_slug(const char *s)
{
	char	*f = str_fold(s), *p, *out, *o;

	out = o = xmalloc(strlen(f) + 1);
	for (p = f; *p != '\0' && o - out < FEED_NAME_MAX; p++) {
		if (isalnum((unsigned char)*p) && !((unsigned char)*p & 0x80))
			*o++ = (char)tolower((unsigned char)*p);
		else if (o > out && o[-1] != '-')
			*o++ = '-';
	}
	while (o > out && o[-1] == '-')
		o--;
	*o = '\0';
	free(f);
	if (*out == '\0') {
		free(out);
		out = xstrdup("unnamed");
	}
	return out;
}

int
feed_name_safe(const char *s)
{
	size_t	n;

	if (s == NULL || *s == '\0' || *s == '-')
		return 0;
	for (n = 0; s[n] != '\0'; n++)
		if (n >= FEED_NAME_MAX || (unsigned char)s[n] >= 0x80 ||
		    !(isalnum((unsigned char)s[n]) || s[n] == '-' ||
		    s[n] == '_'))
			return 0;
	return 1;
}

/* The calendar around the events, rendered by libical, split in two. */
static char *
calendar_shell(const struct feed_meta *m, const struct feed_settings *fs)
{
	icalcomponent		*cal = icalcomponent_new(
				    ICAL_VCALENDAR_COMPONENT);
	icalproperty		*p;
	struct icaldurationtype	 every;
	char			*name = feed_safe_name(m->name), *s, *out;

	icalcomponent_add_property(cal, icalproperty_new_prodid(
	    "-//qetracker//qetracker " QT_VERSION "//FR"));
	icalcomponent_add_property(cal, icalproperty_new_version("2.0"));
	icalcomponent_add_property(cal, icalproperty_new_calscale(
	    "GREGORIAN"));
	icalcomponent_add_property(cal, icalproperty_new_method(
	    ICAL_METHOD_PUBLISH));
	icalcomponent_add_property(cal, icalproperty_new_name(name));
	icalcomponent_add_property(cal, x_prop("X-WR-CALNAME", name));
	if (m->description != NULL) {
		char	*desc = feed_safe_name(m->description);

		icalcomponent_add_property(cal, x_prop("X-WR-CALDESC", desc));
		free(desc);
	}
	icalcomponent_add_property(cal, x_prop("X-WR-TIMEZONE",
	    "Europe/Paris"));
	every = icaldurationtype_from_int(fs->refresh_hours * 3600);
	p = icalproperty_new_refreshinterval(every);
	icalproperty_add_parameter(p, icalparameter_new_value(
	    ICAL_VALUE_DURATION));
	icalcomponent_add_property(cal, p);
	icalcomponent_add_property(cal, x_prop("X-PUBLISHED-TTL",
	    icaldurationtype_as_ical_string(every)));
	s = icalcomponent_as_ical_string_r(cal);
	out = xstrdup(s);
	icalmemory_free_buffer(s);
	icalcomponent_free(cal);
	free(name);
	return out;
}

int
feed_write(FILE *fp, const struct feed_meta *m, const struct feed_settings *fs,
    const struct feed_set *set, const size_t *idx, size_t n)
{
	static const char	 end[] = "END:VCALENDAR\r\n";
	char			*shell = calendar_shell(m, fs), *tail;
	size_t			 i;
	int			 rc;

	/* Events go before the calendar's END line. */
	tail = strstr(shell, end);
	fwrite(shell, 1, tail != NULL ? (size_t)(tail - shell) :
	    strlen(shell), fp);
	for (i = 0; i < n && i < set->n; i++)
		fputs(set->ev[idx ? idx[i] : i].ics, fp);
	fputs(end, fp);
	rc = ferror(fp) ? -1 : 0;
	free(shell);
	return rc;
}

void
feed_cleanup(void)
{
	icalmemory_free_ring();
	icaltimezone_free_builtin_timezones();
}
