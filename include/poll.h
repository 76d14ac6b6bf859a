/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * poll.h: fetch a configured source and apply what changed.
 */
#ifndef QT_POLL_H
#define QT_POLL_H

#include "store.h"

struct config;
struct source_conf;
struct error;

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
int	poll_source(struct store *, const struct config *,
	    const struct source_conf *, const struct poll_opts *,
	    struct poll_result *, struct error *);

/*
 * Polls the page of every question of the watchlists (a source of kind
 * an-page; its url has {legislature}, {uid} and {number} replaced).
 * Pages come with their own validators; the changed ones are imported in
 * one transaction, merged into what dumps stored.
 */
int	poll_pages(struct store *, const struct config *,
	    const struct source_conf *, const struct poll_opts *,
	    struct poll_result *, struct error *);

/* The folder of downloads: [poll] cache_dir, else "cache" beside the
 * database. The caller frees. */
char	*poll_cache_dir(const struct config *, const char *db_path);
/* Creates a folder and its parents. */
int	poll_make_dir(const char *dir, struct error *);

#endif
