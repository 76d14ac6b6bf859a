/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * export.h: every feed, and the index page, written to a folder in the
 * layout of architecture.md, replacing the previous set atomically.
 */
#ifndef QT_EXPORT_H
#define QT_EXPORT_H

#include <stddef.h>
#include <stdint.h>

struct store;
struct error;
struct feed_settings;
struct rules_settings;

/* What the site (export, serve, its pages) reads of the configuration. */
struct site_settings {
	const char			*path;	/* the config file, or NULL */
	const struct feed_settings	*feed;
	const struct rules_settings	*rules;
};

/* One file of the site: a feed, the index page or a report. */
struct site_file {
	char		*path;		/* "all.ics", "group/lfi-nfp.ics", ... */
	char		*body;
	size_t		 len;
	long		 changed;	/* newest change of its content (UTC) */
	uint64_t	 hash;		/* util_hash64 of body */
	const char	*type;		/* its MIME type */
	int		 secret;	/* a watchlist feed: never listed */
};

/*
 * Every file of the export layout, in memory; or, with a sink, each
 * handed to it once made, then freed.
 */
struct site {
	struct site_file	*f;
	size_t			 n;
	size_t			 events;
	long			 changed;	/* newest change of all */
	int			(*sink)(struct site_file *, void *);
	void			*sink_arg;
	struct store		*st;
	struct error		*err;
	long			 now;
};

/*
 * Builds the site at an as-of date: every feed (SEQUENCE brought up to
 * date in the store), index.html, and report.html, .csv and .json (the
 * report of the last seven days). Returns 0, or -1 with err set.
 */
int	site_build(struct store *, const struct site_settings *, int asof,
	    struct site *, struct error *);
/*
 * The same, handing each file to sink(file, arg) once it is made and
 * stamped (its body freed after): one file in memory at a time. A sink
 * returns 0, or -1 with the error site_build_to was given set.
 */
int	site_build_to(struct store *, const struct site_settings *, int asof,
	    struct site *, int (*sink)(struct site_file *, void *), void *arg,
	    struct error *);
void	site_free(struct site *);
/* A new, zeroed file at the end of the site; site_made() once it is
 * filled in. */
struct site_file *site_add(struct site *);
void	site_made(struct site *);

struct export_counts {
	size_t	feeds;
	size_t	events;
	size_t	questions;
	size_t	pages;		/* question pages written */
	size_t	unchanged;	/* files as they were: linked, not written */
};

/*
 * Writes all.ics, author/<ref>.ics, group/<slug>.ics,
 * ministry/<slug>.ics, w/<token>.ics (watchlists) and index.html into
 * dir. The new set is built beside dir and swapped in with one rename,
 * so a reader sees the old set or the new one, never a mix; on failure
 * the old set stays (EXIT_CANTCREAT or EXIT_IOERR).
 */
int	export_dir(struct store *, const struct site_settings *, int asof,
	    const char *dir, struct export_counts *, struct error *);

#endif
