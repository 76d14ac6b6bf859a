/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * error.h: the error a fallible function hands back to its caller.
 *
 * Modules never print and never exit: they fill a caller-owned struct
 * error (NULL is allowed) and return -1 or NULL. The status is one of
 * the sysexits values the command line exits with.
 */
#ifndef QT_ERROR_H
#define QT_ERROR_H

/* Exit statuses (sysexits.h), the contract with cron and systemd. */
enum {
	EXIT_OK = 0,
	EXIT_USAGE = 64,
	EXIT_DATAERR = 65,
	EXIT_NOINPUT = 66,
	EXIT_UNAVAILABLE = 69,
	EXIT_SOFTWARE = 70,
	EXIT_CANTCREAT = 73,
	EXIT_IOERR = 74,
	EXIT_TEMPFAIL = 75,
	EXIT_CONFIG = 78
};

struct error {
	int	status;		/* one of the EXIT_* values; 0 when unset */
	char	msg[1024];
};

/*
 * strerror(3) in English whatever the output language: messages for the
 * admin are English; feeds, reports and digests are translated.
 */
const char *error_errno(int);
/* Clears an error. */
void	error_clear(struct error *);
/* Sets status and message; a NULL err is ignored. Returns -1. */
int	error_set(struct error *, int status, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/* Puts "prefix: " before the current message (to add a file name). */
void	error_prefix(struct error *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

/* Appends to the current message (to add a count or a hint). */
void	error_append(struct error *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

#endif
