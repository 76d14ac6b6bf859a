/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * run.h: the scheduler daemon: polls each source on its interval,
 * re-exports the feeds when the data changed, sends each digest on its
 * day and hour, and serves HTTP if configured, in one process.
 */
#ifndef QT_RUN_H
#define QT_RUN_H

#include <stdio.h>

struct store;
struct config;
struct error;

/* The [run] section: what the scheduler daemon does. */
struct run_conf {
	char	*export_dir;	/* re-exported when data changed; NULL: no */
	int	 serve;		/* answer HTTP in the same process */
	char	*log;		/* stderr or syslog */
};

struct run_args {
	const char	*config_path;	/* reread on SIGHUP; NULL: built in;
					   copied */
	const char	*db_path;
	int		 fixed_asof;	/* --as-of, or 0 for today */
};

/*
 * Runs until SIGTERM or SIGINT (exit 0 within seconds: a download or an
 * import in progress is abandoned, the database as it was). SIGHUP
 * rereads the configuration; a bad one is logged and the old one kept.
 * A failed poll or digest is logged and tried again later. Holds the
 * database's lock: a second instance fails with EXIT_TEMPFAIL.
 * cf is the caller's and may be replaced by a reload.
 */
int	run_daemon(struct store *, struct config *cf, const struct run_args *,
	    struct error *);
/* Checks what run would do; writes a summary to fp. */
void	run_describe(const struct config *, FILE *fp);

#endif
