/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * poll.h: fetch a configured source and apply what changed.
 */
#ifndef QT_POLL_H
#define QT_POLL_H

#include "store.h"

struct error;
struct rules_settings;
struct import_conf;

/* One [source NAME] section: where and how to poll. */
struct source_conf {
	char	*name;
	char	*kind;		/* an-dump, an-amo, an-page */
	char	*url;		/* https://, http:// or file:// */
	int	 legislature;	/* 0: any */
	int	 max_mb;	/* byte cap of one download */
	int	 timeout;	/* seconds for a whole download */
	int	 connect_timeout;
	int	 retries;	/* after the first try */
	int	 interval;	/* seconds between polls (run) */
	int	 skip_bad;	/* apply the good entries past bad ones */
	int	 line;		/* where the section starts, for messages */
};

/* The [poll] section. */
struct poll_conf {
	char	*cache_dir;	/* downloads; NULL: beside the database */
	char	*ca_file;	/* extra CA bundle; NULL: the system's */
	int	 retry_delay_ms;
	int	 max_removed_percent;
	int	 max_lost_answers;
};

/* What a poll reads of the configuration. */
struct poll_settings {
	const struct poll_conf		*poll;
	const struct import_conf	*import;
	const struct rules_settings	*rules;
};

struct poll_opts {
	const char	*cache_dir;	/* where downloads are kept */
	int		 force;		/* past the safety valve */
	int		 skip_bad;	/* apply the good entries, list the
					 * bad (also [source] skip_bad) */
	int		 progress;
	long		 backoff_ms;	/* first retry delay */
};

struct poll_result {
	int			pages;		/* an-page: pages polled */
	int			pages_changed;
	int			not_modified;
	int			attempts;
	int			resumed;
	struct run_counts	counts;
	char			*bad;	/* skipped entries, a line each, or
					 * NULL; the caller frees it */
};

/*
 * Polls one source: a conditional GET; on 304 nothing is parsed; on a new
 * archive only the entries whose CRC or size changed are parsed, in one
 * transaction with the new validators. Returns 0, or -1 with err set (the
 * database as it was).
 */
int	poll_source(struct store *, const struct poll_settings *,
	    const struct source_conf *, const struct poll_opts *,
	    struct poll_result *, struct error *);

/*
 * Polls the page of every question of the watchlists (a source of kind
 * an-page; its url has {legislature}, {uid} and {number} replaced).
 * Pages come with their own validators; the changed ones are imported in
 * one transaction, merged into what dumps stored.
 */
int	poll_pages(struct store *, const struct poll_settings *,
	    const struct source_conf *, const struct poll_opts *,
	    struct poll_result *, struct error *);

/* The folder of downloads: [poll] cache_dir, else "cache" beside the
 * database. The caller frees. */
char	*poll_cache_dir(const struct poll_conf *, const char *db_path);
/* Creates a folder and its parents. */
int	poll_make_dir(const char *dir, struct error *);

#endif
