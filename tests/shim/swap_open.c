/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * swap_open.so: an LD_PRELOAD for tests that swaps a file under a running
 * program. The opens and stats of QT_SWAP_PATH (the path exactly as the
 * program names it) after the first QT_SWAP_AFTER of them reach
 * QT_SWAP_TO instead, as if it had been renamed over the path then: an
 * archive replaced between an import's planning and its reading, with
 * no race to win. open(2), fopen(3) and stat(2) are interposed, and their
 * 64-bit names (the same calls on a 64-bit system).
 */
/* open and open64 defined each as itself, not one as the other. */
#undef _FILE_OFFSET_BITS
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

static int	opened;

static const char *
swapped(const char *path)
{
	const char	*watch = getenv("QT_SWAP_PATH");
	const char	*to = getenv("QT_SWAP_TO");
	const char	*after = getenv("QT_SWAP_AFTER");

	if (path == NULL || watch == NULL || to == NULL ||
	    strcmp(path, watch) != 0)
		return path;
	if (__atomic_add_fetch(&opened, 1, __ATOMIC_SEQ_CST) <=
	    (after != NULL ? atoi(after) : 0))
		return path;
	return to;
}

int
open(const char *path, int flags, ...)
{
	int	(*real)(const char *, int, ...);
	va_list	ap;
	mode_t	mode = 0;

	va_start(ap, flags);
	if (flags & (O_CREAT | O_TMPFILE))
		mode = (mode_t)va_arg(ap, int);
	va_end(ap);
	*(void **)&real = dlsym(RTLD_NEXT, "open");
	return real(swapped(path), flags, mode);
}

/* On a 64-bit system, the same call. */
int	open64(const char *, int, ...) __attribute__((alias("open")));

FILE *
fopen(const char *path, const char *how)
{
	FILE	*(*real)(const char *, const char *);

	*(void **)&real = dlsym(RTLD_NEXT, "fopen");
	return real(swapped(path), how);
}

FILE	*fopen64(const char *, const char *) __attribute__((alias("fopen")));

int
stat(const char *path, struct stat *sb)
{
	int	(*real)(const char *, struct stat *);

	*(void **)&real = dlsym(RTLD_NEXT, "stat");
	return real(swapped(path), sb);
}

int
stat64(const char *path, struct stat64 *sb)
{
	int	(*real)(const char *, struct stat64 *);

	*(void **)&real = dlsym(RTLD_NEXT, "stat64");
	return real(swapped(path), sb);
}
