/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * feed.h: iCalendar feeds of answer deadlines (RFC 5545, RFC 7986).
 *
 * A feed event is computed from a question at an as-of date; its SEQUENCE
 * and DTSTAMP come from the store, which bumps them only when the event's
 * content changes. Each event is serialised once by libical; feeds are
 * assembled from those strings inside a libical-rendered calendar.
 */
#ifndef QT_FEED_H
#define QT_FEED_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "i18n.h"
#include "rules.h"

struct question;
struct qstate;
struct store;
struct filter;
struct error;

/* How feeds are written; from the [feed] config section. */
struct feed_settings {
	char	*uid_domain;	/* right-hand side of every UID */
	char	*base_url;	/* where the feeds are served, for links */
	int	 refresh_hours;	/* REFRESH-INTERVAL and X-PUBLISHED-TTL */
	int	 keep_days;	/* answered/closed questions stay this long */
	int	 alarm_days;	/* VALARM this many days before; 0: none */
	int	 window_days;	/* all.ics: events of the last N days and
				   later; 0: every event */
};

/* One VEVENT and what feeds it belongs to. */
struct feed_event {
	char		 uid[128];
	int		 date;		/* the all-day event's day */
	char		*summary;	/* freed once serialised */
	char		*description;	/* freed once serialised */
	char		*url;
	char		*categories;	/* the rubric; may be NULL */
	int		 cancelled;	/* STATUS:CANCELLED, else CONFIRMED */
	uint64_t	 hash;		/* of everything above */
	int		 sequence;	/* from the store */
	long		 changed;	/* from the store: UTC seconds */
	char		*ics;		/* the serialised VEVENT */
	/* feed keys (copies) */
	char		*author_ref;
	char		*author_key;	/* the name, when there is no ref */
	char		*author_name;
	char		*group_ref;
	char		*group_key;	/* abbreviation, else ref */
	char		*group_name;
	char		*ministry_ref;
	char		*ministry_name;
	char		 qid[64];	/* question uid, for watchlists */
	char		 assembly[8];
};

/* The events of a run, in deadline order. */
struct feed_set {
	struct feed_event	*ev;
	size_t			 n;
	size_t			 cap;
	int			 asof;
};

void	feed_set_free(struct feed_set *);
/*
 * Computes the events of every question that passes the filter at the
 * as-of date (open and overdue ones, and answered or closed ones for
 * keep_days), brings their SEQUENCE and DTSTAMP up to date in the store
 * (one transaction; the store writes only events whose content changed),
 * and serialises each one. Returns 0, or -1 with err set.
 */
int	feed_collect(struct store *, const struct filter *, int asof,
	    const struct rules_settings *, const struct feed_settings *,
	    struct feed_set *, struct error *);

/* The name and description of the feed of every question (msgids). */
#define FEED_ALL_NAME	N_("Written questions — deadlines")
#define FEED_ALL_DESC	N_("Deadlines of the answers to written questions. " \
			"Computed by qetracker.")

/* What names a feed. */
struct feed_meta {
	const char	*name;		/* X-WR-CALNAME and NAME */
	const char	*description;	/* X-WR-CALDESC */
};

/*
 * Writes one VCALENDAR holding the events ev[idx[0..n-1]] (the first n
 * when idx is NULL; none when n is 0) to fp. Returns 0, or -1 on a write
 * error.
 */
int	feed_write(FILE *, const struct feed_meta *,
	    const struct feed_settings *, const struct feed_set *,
	    const size_t *idx, size_t n);
/* The feed keys of a question (the feed_event's key fields and qid);
 * event_free-style cleanup with feed_event_clear. */
void	feed_event_keys(struct feed_event *, const struct question *);
void	feed_event_clear(struct feed_event *);

/* The keys and wanted path of an event's feed of a kind. */
struct feed_keys {
	const char	*keys[2];	/* a reference, a folded name */
	char		*slug;		/* folded name, owned */
	char		*want;		/* "group/lfi-nfp", owned */
	const char	*title;
	char		*id;		/* the keys joined, for sorting */
};
/*
 * Where an event goes in a kind of feed ("author", "group", "ministry");
 * 0 when it has no such feed. The one place where data becomes a file
 * name: a reference that is not a safe name is folded.
 */
int	feed_keys_get(const struct feed_event *, const char *kind,
	    struct feed_keys *);
void	feed_keys_free(struct feed_keys *);
/* A calendar name without "," or ";" (libical does not escape X- names). */
char	*feed_safe_name(const char *);
/* "europe-et-affaires-etrangeres": lower case ASCII, digits and '-',
 * at most FEED_NAME_MAX bytes; "unnamed" when nothing is left. */
char	*feed_slug(const char *);
#define FEED_NAME_MAX	100
/*
 * 1 when s may stand as it is in a file name of the site: 1 to
 * FEED_NAME_MAX ASCII letters, digits, '-' and '_', not starting with '-'.
 */
int	feed_name_safe(const char *s);
/* Frees libical's caches; call once before exit. */
void	feed_cleanup(void);

#endif
