/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * error.c: fills the caller's struct error. The message names the thing
 * that failed (file, entry, JSON path, line, URL); callers add context
 * on the way up with error_prefix.
 */
#include "error.h"

#include <locale.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static locale_t		c_locale;
static pthread_once_t	c_once = PTHREAD_ONCE_INIT;

static void
c_locale_init(void)
{
	c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0);
}

/* In English whatever the locale, and made once for every thread. */
const char *
error_errno(int e)
{
	pthread_once(&c_once, c_locale_init);
	return c_locale != (locale_t)0 ? strerror_l(e, c_locale) :
	    strerror(e);
}

void
error_clear(struct error *err)
{
	if (err == NULL)
		return;
	err->status = 0;
	err->msg[0] = '\0';
}

int
error_set(struct error *err, int status, const char *fmt, ...)
{
	va_list	ap;

	if (err == NULL)
		return -1;
	err->status = status;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return -1;
}

void
error_prefix(struct error *err, const char *fmt, ...)
{
	char	old[sizeof(err->msg)];
	size_t	n;
	va_list	ap;

	if (err == NULL)
		return;
	memcpy(old, err->msg, sizeof(old));
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	n = strlen(err->msg);
	if (n + 2 < sizeof(err->msg)) {
		memcpy(err->msg + n, ": ", 3);
		n += 2;
		memcpy(err->msg + n, old, sizeof(err->msg) - n - 1);
		err->msg[sizeof(err->msg) - 1] = '\0';
	}
}

void
error_append(struct error *err, const char *fmt, ...)
{
	size_t	n;
	va_list	ap;

	if (err == NULL)
		return;
	n = strlen(err->msg);
	va_start(ap, fmt);
	vsnprintf(err->msg + n, sizeof(err->msg) - n, fmt, ap);
	va_end(ap);
}
