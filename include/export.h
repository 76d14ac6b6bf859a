/*
 * export.h: every feed, and the index page, written to a folder in the
 * layout of architecture.md, replacing the previous set atomically.
 */
#ifndef QT_EXPORT_H
#define QT_EXPORT_H

#include <stddef.h>

struct store;
struct config;
struct error;

struct export_counts {
	size_t	feeds;
	size_t	events;
	size_t	questions;
};

/*
 * Writes all.ics, author/<ref>.ics, group/<slug>.ics,
 * ministry/<slug>.ics, w/<token>.ics (watchlists) and index.html into
 * dir. The new set is built beside dir and swapped in with one rename,
 * so a reader sees the old set or the new one, never a mix; on failure
 * the old set stays (EXIT_CANTCREAT or EXIT_IOERR).
 */
int	export_dir(struct store *, const struct config *, int asof,
	    const char *dir, struct export_counts *, struct error *);

#endif
