/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * priv.c: dropping root, in the order setuid(2) wants: supplementary
 * groups, then the group, then the user, then a check that root cannot
 * be had back (OpenBSD's daemons do the same before they touch input).
 */
#define _GNU_SOURCE
#include "priv.h"

#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"

int
priv_drop(const char *user, struct error *err)
{
	struct passwd	*pw;
	const char	*allow;

	if (geteuid() != 0)
		return 0;
	if (user == NULL || *user == '\0') {
		allow = getenv("QETRACKER_ALLOW_ROOT");
		if (allow != NULL && strcmp(allow, "1") == 0)
			return 0;
		return error_set(err, EXIT_CONFIG, "refusing to run as root: "
		    "set [general] user = NAME to switch to, or start it as an "
		    "unprivileged user (systemd's User=)");
	}
	errno = 0;
	if ((pw = getpwnam(user)) == NULL)
		return error_set(err, EXIT_CONFIG, "[general] user = %s: %s",
		    user, errno ? error_errno(errno) : "no such user");
	if (pw->pw_uid == 0)
		return error_set(err, EXIT_CONFIG, "[general] user = %s: that "
		    "is root; name an unprivileged user", user);
	if (initgroups(pw->pw_name, pw->pw_gid) == -1 ||
	    setresgid(pw->pw_gid, pw->pw_gid, pw->pw_gid) == -1 ||
	    setresuid(pw->pw_uid, pw->pw_uid, pw->pw_uid) == -1)
		return error_set(err, EXIT_SOFTWARE, "cannot become %s: %s",
		    user, error_errno(errno));
	if (setuid(0) != -1 || geteuid() == 0)
		return error_set(err, EXIT_SOFTWARE, "root could be had back "
		    "after switching to %s", user);
	return 0;
}
