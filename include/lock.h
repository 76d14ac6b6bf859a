/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * lock.h: one writer per database. poll, run and digest hold an exclusive
 * lock on DB.lock (flock), so a second instance exits at once, asking to
 * retry later, instead of waiting behind the first.
 */
#ifndef QT_LOCK_H
#define QT_LOCK_H

struct error;

/*
 * Takes the lock of the database at db_path. Returns a descriptor to
 * pass to lock_release, or -1 with err set (EXIT_TEMPFAIL when another
 * process holds it).
 */
int	lock_acquire(const char *db_path, const char *what, struct error *);
void	lock_release(int fd);

#endif
