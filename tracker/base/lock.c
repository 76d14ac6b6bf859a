/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * lock.c: an advisory lock file beside the database (flock(2)), named
 * after its real path so that every name of one file takes one lock. The
 * kernel drops it when the process dies, so a killed poll never leaves
 * a stale lock behind.
 */
#include "lock.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "error.h"
#include "util.h"

int
lock_acquire(const char *db_path, const char *what, struct error *err)
{
	char	*real = util_realpath(db_path), *path;
	int	 fd;

	/* Keyed by the file, not by the name it was given: two names of one
	 * database (a symbolic link) take the same lock. */
	path = xasprintf("%s.lock", real != NULL ? real : db_path);
	free(real);
	if ((fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644)) == -1) {
		error_set(err, EXIT_CANTCREAT, "%s: %s", path,
		    error_errno(errno));
		free(path);
		return -1;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) == -1) {
		error_set(err, errno == EWOULDBLOCK ? EXIT_TEMPFAIL :
		    EXIT_IOERR, "%s: another qetracker %s is running on this "
		    "database (%s); try again later", db_path, what,
		    errno == EWOULDBLOCK ? "locked" : error_errno(errno));
		close(fd);
		fd = -1;
	}
	free(path);
	return fd;
}

void
lock_release(int fd)
{
	if (fd >= 0)
		close(fd);
}
