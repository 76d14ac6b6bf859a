/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/* libFuzzer harness: the date parser, and arithmetic on what it reads. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	char	*s = malloc(len + 1), iso[DATE_ISO_LEN], fr[64];
	int	 d, back;

	memcpy(s, data, len);
	s[len] = '\0';
	if (date_parse(s, &d) == 0) {
		/* Whatever parses prints back and reparses to itself. */
		if (date_parse_iso(date_iso(d, iso), &back) != 0 || back != d)
			abort();
		(void)date_fr(d, fr, sizeof(fr));
		(void)date_add_months(d, 2);
		(void)date_next_working(d);
		(void)date_iso_week(d, fr, sizeof(fr));
	}
	(void)date_parse_iso(s, &d);
	free(s);
	return 0;
}
