/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * http.h: reading the request header values that serve acts on.
 */
#ifndef QT_HTTP_H
#define QT_HTTP_H

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

#endif
