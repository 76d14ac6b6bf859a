/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * http.c: the request headers that serve reads itself: If-None-Match
 * and Accept-Encoding. libmicrohttpd parses the request; these read the
 * values. Kept apart from serve.c so that a fuzz harness can reach them.
 */
#include "http.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libdeflate.h>
#include <zlib.h>

#include "util.h"

/* Whether an If-None-Match list names the ETag (weak comparison). */
int
http_etag_matches(const char *inm, const char *etag)
{
	const char	*p = inm;
	size_t		 n = strlen(etag);

	while (*p != '\0') {
		while (*p == ' ' || *p == ',')
			p++;
		if (*p == '*')
			return 1;
		if (strncmp(p, "W/", 2) == 0)
			p += 2;
		if (strncmp(p, etag, n) == 0 && (p[n] == '\0' || p[n] == ',' ||
		    p[n] == ' '))
			return 1;
		while (*p != '\0' && *p != ',')
			p++;
	}
	return 0;
}

/*
 * Whether Accept-Encoding takes gzip (RFC 9110 §12.5.3): a "gzip" or "*"
 * coding whose weight is not zero ("gzip;q=0.5" is yes, "gzip;q=0" and
 * "gzip;q=0.000" are no). An explicit gzip entry wins over "*".
 */
int
http_accepts_gzip(const char *ae)
{
	const char	*p = ae, *name;
	size_t		 len;
	int		 star = 0, q;

	while (p != NULL && *p != '\0') {
		p += strspn(p, " \t,");
		name = p;
		len = strcspn(p, " \t;,");
		p += len;
		p += strspn(p, " \t");
		q = 1;
		if (*p == ';') {
			p += 1 + strspn(p + 1, " \t");
			if ((*p == 'q' || *p == 'Q') && p[1] == '=')
				q = strtod(p + 2, NULL) > 0;
		}
		p += strcspn(p, ",");
		if (len == 4 && strncasecmp(name, "gzip", 4) == 0)
			return q;
		if (len == 1 && *name == '*')
			star = q;
	}
	return star;
}

unsigned char *
http_gzip(const void *data, size_t len, size_t *outlen)
{
	struct libdeflate_compressor	*c;
	unsigned char			*out;
	size_t				 bound;

	/* libdeflate: level 6 in half zlib's time (a re-export gzips every
	 * feed that changed); its header has time 0, as zlib's had. */
	*outlen = 0;
	if ((c = libdeflate_alloc_compressor(6)) == NULL)
		return NULL;
	/* Text shrinks: first into a quarter of its size (an all.ics of
	 * 37 MB gzips to 2 MB), only then into the worst case's bound. */
	bound = len / 4 + 64;
	out = xmalloc(bound);
	if ((*outlen = libdeflate_gzip_compress(c, data, len, out,
	    bound)) == 0) {
		free(out);
		bound = libdeflate_gzip_compress_bound(c, len);
		out = xmalloc(bound);
		*outlen = libdeflate_gzip_compress(c, data, len, out, bound);
	}
	libdeflate_free_compressor(c);
	if (*outlen == 0) {
		free(out);
		return NULL;
	}
	return out;
}

int
http_gunzip_same(const void *gz, size_t gzlen, const void *data,
    size_t len)
{
	z_stream	 z;
	unsigned char	 chunk[16384];
	const char	*want = data;
	size_t		 got = 0, n;
	int		 rc = Z_OK, same = 1;

	if (gzlen > UINT_MAX)
		return 0;
	memset(&z, 0, sizeof(z));
	if (inflateInit2(&z, 31) != Z_OK)
		return 0;
	z.next_in = (Bytef *)(uintptr_t)gz;
	z.avail_in = (uInt)gzlen;
	while (same && rc == Z_OK) {
		z.next_out = chunk;
		z.avail_out = sizeof(chunk);
		rc = inflate(&z, Z_NO_FLUSH);
		n = sizeof(chunk) - z.avail_out;
		if ((rc != Z_OK && rc != Z_STREAM_END) || n > len - got ||
		    memcmp(chunk, want + got, n) != 0)
			same = 0;
		else
			got += n;
	}
	/* One member, all of it, nothing after it. */
	same = same && rc == Z_STREAM_END && got == len && z.avail_in == 0;
	inflateEnd(&z);
	return same;
}
