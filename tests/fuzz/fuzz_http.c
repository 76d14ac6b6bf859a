/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * libFuzzer harness: the request header values serve reads itself
 * (If-None-Match, Accept-Encoding). Besides not crashing, a yes must have
 * a reason in the input, and the tag itself, weak or in a list, is a yes.
 * The input gzipped reads back as itself and as nothing else; taken as a
 * gzip file itself (a planted .gz), it is read without harm.
 */
#define _GNU_SOURCE	/* strcasestr */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define TAG	"\"5d41402abc4b2a76\""

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	char		*s = malloc(len + 1), *list;
	unsigned char	*gz;
	size_t		 n, gzlen;

	memcpy(s, data, len);
	s[len] = '\0';
	if (http_etag_matches(s, TAG) && strstr(s, TAG) == NULL &&
	    strchr(s, '*') == NULL)
		abort();
	if (http_accepts_gzip(s) && strcasestr(s, "gzip") == NULL &&
	    strchr(s, '*') == NULL)
		abort();
	/* Whatever comes before, a list that ends with the tag matches. */
	n = strcspn(s, "\"");
	list = malloc(n + sizeof(", W/" TAG));
	memcpy(list, s, n);
	memcpy(list + n, ", W/" TAG, sizeof(", W/" TAG));
	if (!http_etag_matches(list, TAG))
		abort();
	free(list);
	if ((gz = http_gzip(data, len, &gzlen)) == NULL ||
	    !http_gunzip_same(gz, gzlen, data, len) ||
	    (len > 0 && http_gunzip_same(gz, gzlen, data, len - 1)))
		abort();
	free(gz);
	(void)http_gunzip_same(data, len, s, len);
	free(s);
	return 0;
}
