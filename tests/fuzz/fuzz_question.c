/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/* libFuzzer harness: one AN JSON document (question, acteur, organe),
 * and the same bytes as a legislature's single-file archive, read as a
 * stream in pieces of 7 bytes (every boundary of yajl's reads). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "error.h"
#include "fuzz_stream.h"
#include "question.h"
#include "rules.h"
#include "source_an.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static int
emit(struct question *q, void *arg, struct error *err)
{
	struct rules_settings	rs;
	struct qstate		st;

	(void)arg;
	(void)err;
	rules_defaults(&rs);
	rules_apply(&rs, q);
	rules_state(q, 20000, &st);
	(void)question_hash(q);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct question		q;
	struct name_record	amo;
	struct rules_settings	rs;
	struct qstate		st;
	struct error		err;
	enum unit_kind		kind;

	question_init(&q);
	memset(&amo, 0, sizeof(amo));
	if (source_an_parse((const char *)data, len, "fuzz", &kind, &q, &amo,
	    &err) == 0 && kind == UNIT_QUESTION) {
		rules_defaults(&rs);
		rules_apply(&rs, &q);
		rules_state(&q, 20000, &st);
		(void)question_hash(&q);
	}
	question_clear(&q);
	name_record_clear(&amo);
	if (source_an_archive_is((const char *)data, len, 1)) {
		struct mem		m = { data, len, 0, 7 };
		struct source_stream	s = { mem_read, mem_rewind, &m };
		struct source_ctx	ctx = { NULL };

		(void)source_an_archive(&s, "fuzz", &ctx, emit, NULL, &err);
	}
	return 0;
}
