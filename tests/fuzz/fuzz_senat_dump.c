/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * libFuzzer harness: the Sénat's dump (pgcopy.c and source_senat_dump.c)
 * read as a stream in memory, its two passes, then the rules on each
 * question. Besides not crashing: a read that stops is an error or the
 * end, never a question with no uid.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "fuzz_stream.h"
#include "question.h"
#include "rules.h"
#include "source_senat.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static int
take(struct question *q, void *arg, struct error *err)
{
	struct rules_settings	*rs = arg;
	struct qstate		 st;
	char			 uid[64], *url;

	(void)err;
	if (strcmp(q->type, "QE") != 0)
		return 0;
	if (q->source_uid == NULL)
		abort();
	rules_apply(rs, q);
	rules_state(q, 20000, &st);
	question_uid(q, uid, sizeof(uid));
	url = question_url(q);
	free(url);
	(void)question_hash(q);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct source_ctx	 ctx = { "Transformée=closed, x=open" };
	/* Reads of 61 bytes: every line crosses a read's end somewhere. */
	struct mem		 m = { data, len, 0, 61 };
	struct source_stream	 s = { mem_read, mem_rewind, &m };
	struct rules_settings	 rs;
	struct error		 err;

	(void)source_senat_dump_is((const char *)data, len, 1);
	rules_defaults(&rs);
	error_clear(&err);
	if (source_senat_dump(&s, "fuzz", &ctx, take, &rs, &err) == -1 &&
	    err.status == 0)
		abort();
	return 0;
}
