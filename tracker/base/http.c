/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * http.c: the request headers that serve reads itself: If-None-Match
 * and Accept-Encoding. libmicrohttpd parses the request; these read the
 * values. Kept apart from serve.c so that a fuzz harness can reach them.
 */
#include "http.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

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
