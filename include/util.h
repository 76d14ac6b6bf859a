/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * util.h: allocation wrappers that treat running out of memory as fatal,
 * a growable byte buffer, and small string helpers.
 */
#ifndef QT_UTIL_H
#define QT_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Allocation wrappers: they never return NULL; out of memory aborts. */
void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
char	*xstrdup(const char *);
/* xstrdup of NULL is NULL. */
char	*xstrdup_null(const char *);
char	*xstrndup(const char *, size_t);
/* Formatted allocation; the caller frees. */
char	*xasprintf(const char *, ...) __attribute__((format(printf, 1, 2)));

/* A growable, always NUL-terminated byte buffer. */
struct buf {
	char	*data;
	size_t	 len;
	size_t	 cap;
};

void	 buf_init(struct buf *);
void	 buf_free(struct buf *);
void	 buf_reset(struct buf *);
/* Room for more bytes (and the NUL) past len, without adding any. */
void	 buf_reserve(struct buf *, size_t more);
void	 buf_add(struct buf *, const void *, size_t);
void	 buf_adds(struct buf *, const char *);
void	 buf_addc(struct buf *, char);
void	 buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 buf_vprintf(struct buf *, const char *, va_list);
/* Appends s with & < > " ' escaped for HTML text and attributes. */
void	 buf_add_html(struct buf *, const char *);
/* Hands the data to the caller (who frees it) and resets the buffer. */
char	*buf_steal(struct buf *);

/*
 * Folds a UTF-8 string for comparison: lower case, Latin accents removed,
 * no-break spaces and runs of white space made one space, typographic
 * apostrophes made '. Returns an allocated string.
 */
char	*str_fold(const char *);
/*
 * The real path of a file (symbolic links resolved), or of a file that
 * does not exist yet: its folder's real path and its name. The caller
 * frees it; NULL with errno set when the folder does not resolve.
 */
char	*util_realpath(const char *);
/*
 * Text as it may be stored and shown: NULL when s is valid UTF-8 without
 * control characters (but tab and line ends), else a copy (the caller
 * frees it) where each invalid byte and each control character, such as
 * a terminal's ESC, is U+FFFD.
 */
char	*util_text_clean(const char *);
/* NULL when s is valid UTF-8, else where the first bad byte is. */
const char *utf8_invalid(const char *s);
/* FNV-1a, 64 bits, of n bytes. */
uint64_t util_hash64(const void *, size_t n);
/* The same, going on from h (UTIL_HASH64_BASIS to start). */
#define UTIL_HASH64_BASIS	0xcbf29ce484222325ULL
uint64_t util_hash64_add(uint64_t h, const void *, size_t n);
/* Case- and accent-insensitive substring search on folded forms. */
int	 str_contains_folded(const char *haystack, const char *needle);
/* Trims white space (including U+00A0) at both ends, in place. */
char	*str_trim(char *);
/* Copies at most size-1 bytes and terminates; returns strlen(src). */
size_t	 str_copy(char *dst, const char *src, size_t size);
/* Parses a whole decimal integer in [min, max]; 0 on success, -1 else. */
int	 str_to_long(const char *, long min, long max, long *out);
/* Writes one RFC 4180 CSV field: quoted when it holds , " CR or LF,
 * quotes doubled; NULL is an empty field. */
void	 csv_field(FILE *, const char *);
/*
 * Writes s padded with spaces, or cut with "…", to exactly w characters
 * (UTF-8 characters, not bytes); w <= 0 writes s whole.
 */
void	 fput_cell(FILE *, const char *, int w);
/* A copy of s cut to at most n UTF-8 characters, "…" ending a cut one. */
char	*utf8_cut(const char *s, size_t n);
/*
 * Creates the folders above path (like mkdir -p of its dirname; a path
 * ending in "/" creates itself). Returns 0, or -1 with errno set and
 * *failed naming the folder that could not be made (caller frees).
 */
int	 util_mkdirs(const char *path, char **failed);
/* Writes n with thousands separators ("14,512") into buf; returns buf. */
char	*str_count(unsigned long n, char *buf, size_t size);
/*
 * The process-wide stop request (SIGTERM, SIGINT in the daemon): set from
 * a signal handler, polled by long steps (downloads, backoff waits,
 * imports) so that they give up cleanly.
 */
void	 util_request_stop(void);
int	 util_stop_requested(void);
/* Seconds on the monotonic clock, for durations. */
double	 util_seconds(void);
/* Returns 1 if s is non-NULL and non-empty. */
int	 str_present(const char *);

#endif
