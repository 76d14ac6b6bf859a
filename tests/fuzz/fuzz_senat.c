/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/* libFuzzer harness: the Sénat's CSV, then the rules on each question. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "question.h"
#include "rules.h"
#include "source_senat.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct source_ctx	 ctx = { "Transformée=closed, x=open" };
	struct question		*rows;
	struct rules_settings	 rs;
	struct qstate		 st;
	struct error		 err;
	size_t			 i, n;
	char			 uid[64], *url;

	(void)source_senat_csv_is((const char *)data, len, 0);
	if (source_senat_csv((const char *)data, len, "fuzz", &ctx, &rows, &n,
	    &err) == -1)
		return 0;
	rules_defaults(&rs);
	for (i = 0; i < n; i++) {
		rules_apply(&rs, &rows[i]);
		rules_state(&rows[i], 20000, &st);
		question_uid(&rows[i], uid, sizeof(uid));
		url = question_url(&rows[i]);
		free(url);
		(void)question_hash(&rows[i]);
		question_clear(&rows[i]);
	}
	free(rows);
	return 0;
}
