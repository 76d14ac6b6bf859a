/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * fuzz_stream.h: the fuzzers' input as a source_stream (source.h), read
 * in small pieces so that every token and line crosses a read's end
 * somewhere. For the harnesses only: each includes it once.
 */
#ifndef QT_FUZZ_STREAM_H
#define QT_FUZZ_STREAM_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/types.h>

#include "source.h"

struct mem {
	const uint8_t	*data;
	size_t		 len, off;
	size_t		 piece;		/* bytes a read gives at most */
};

static ssize_t
mem_read(void *cookie, void *buf, size_t size, struct error *err)
{
	struct mem	*m = cookie;
	size_t		 n = m->len - m->off;

	(void)err;
	if (n > size)
		n = size;
	if (n > m->piece)
		n = m->piece;
	memcpy(buf, m->data + m->off, n);
	m->off += n;
	return (ssize_t)n;
}

static int
mem_rewind(void *cookie, struct error *err)
{
	(void)err;
	((struct mem *)cookie)->off = 0;
	return 0;
}

#endif
