/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * http.h: reading the request header values that serve acts on, and the
 * gzip form of a body that serve and export send.
 */
#ifndef QT_HTTP_H
#define QT_HTTP_H

#include <stddef.h>

/*
 * Whether an If-None-Match value ("*", or a list of entity tags, weak or
 * strong) names etag, by weak comparison (RFC 9110 §13.1.2).
 */
int	http_etag_matches(const char *inm, const char *etag);
/*
 * Whether an Accept-Encoding value takes gzip: a "gzip" or "*" coding of
 * weight above zero, an explicit gzip entry winning over "*". NULL is no.
 */
int	http_accepts_gzip(const char *ae);
/*
 * A gzip file (RFC 1952) of len bytes, made the same way each time (no
 * name, time 0), so that equal bytes give an equal file; NULL when zlib
 * fails. *outlen gets its size; the caller frees.
 */
unsigned char	*http_gzip(const void *data, size_t len, size_t *outlen);
/* Whether gz, a gzip file, holds exactly the len bytes of data. */
int	http_gunzip_same(const void *gz, size_t gzlen, const void *data,
	    size_t len);

#endif
