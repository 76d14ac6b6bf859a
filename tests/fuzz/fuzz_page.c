/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/* libFuzzer harness: a question page, as text and as HTML; the Sénat's. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "an_page.h"
#include "error.h"
#include "question.h"
#include "source_senat.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct question	 q;
	struct error	 err;
	enum unit_kind	 kind;
	char		*text = malloc(len + 1);

	memcpy(text, data, len);
	text[len] = '\0';
	question_init(&q);
	(void)an_page_parse_text(text, "fuzz", &q, &err);
	question_clear(&q);
	question_init(&q);
	(void)an_page_is_html(text, len);
	(void)an_page_parse_html(text, len, "fuzz", &q, &err);
	question_clear(&q);
	question_init(&q);
	(void)source_senat_page_is(text, len, 0);
	(void)source_senat_page(text, len, "qSEQ251006436.html", &kind, &q,
	    NULL, &err);
	question_clear(&q);
	free(text);
	return 0;
}
