/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * priv.h: the daemons (serve, run) never keep root: started as root,
 * they switch to the configured user before they open the database or
 * read anything from the network, or refuse to start.
 */
#ifndef QT_PRIV_H
#define QT_PRIV_H

struct error;

/*
 * As root: switches for good to user (its groups, gid and uid), or, with
 * no user, refuses (EXIT_CONFIG) unless QETRACKER_ALLOW_ROOT=1 is in the
 * environment (a container whose only user is root). As anyone else:
 * nothing. Returns 0, or -1 with err set.
 */
int	priv_drop(const char *user, struct error *);

#endif
