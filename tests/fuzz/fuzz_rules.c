/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * libFuzzer harness: the rules file. What parses must print back
 * (rules_dump) and reparse to the same rules (the same fingerprint), and
 * every rule applied to a question it covers must give a deadline after
 * the publication, and an extension after the deadline.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "date.h"
#include "error.h"
#include "question.h"
#include "rules.h"
#include "util.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Each rule, on a question of its own assembly and type published on
 * the first day it covers (or a fixed day). */
static void
apply_all(const struct rules_settings *rs)
{
	const struct rule	*set;
	struct question		 q;
	size_t			 i, n;

	set = rules_set(rs, &n);
	for (i = 0; i < n; i++) {
		question_init(&q);
		str_copy(q.assembly, set[i].assembly, sizeof(q.assembly));
		str_copy(q.type, set[i].type, sizeof(q.type));
		q.legislature = 17;
		q.number = 1;
		q.published = set[i].from.kind == BOUND_DATE ?
		    set[i].from.date : rs->an_reform + 1000;
		rules_apply(rs, &q);
		/* No rule: an earlier rule's bounds took the date from it. */
		if (q.rule[0] != '\0' && (rules_by_id(rs, q.rule) == NULL ||
		    q.deadline == DATE_NONE || q.deadline <= q.published ||
		    (q.deadline_ext != DATE_NONE &&
		    q.deadline_ext <= q.deadline)))
			abort();
		question_clear(&q);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct rules_settings	 rs, back;
	struct error		 err;
	char			*text = malloc(len + 1), *dump = NULL;
	char			 f1[256], f2[256];
	size_t			 size = 0;
	FILE			*fp;

	memcpy(text, data, len);
	text[len] = '\0';
	rules_defaults(&rs);
	rules_defaults(&back);
	if (config_load_rules_string(&rs, text, "fuzz", &err) == 0) {
		if ((fp = open_memstream(&dump, &size)) == NULL)
			abort();
		rules_dump(&rs, fp, "");
		fclose(fp);
		if (config_load_rules_string(&back, dump, "dump", &err) == -1) {
			fprintf(stderr, "%s\n---\n%s", err.msg, dump);
			abort();
		}
		rules_fingerprint(&rs, f1, sizeof(f1));
		rules_fingerprint(&back, f2, sizeof(f2));
		if (strcmp(f1, f2) != 0) {
			fprintf(stderr, "%s\n%s\n---\n%s", f1, f2, dump);
			abort();
		}
		apply_all(&rs);
	}
	config_free_rules(&rs);
	config_free_rules(&back);
	free(dump);
	free(text);
	return 0;
}
