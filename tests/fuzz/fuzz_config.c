/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/* libFuzzer harness: the configuration file. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "error.h"
#include "source.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct config	 cf;
	struct error	 err;
	char		*text = malloc(len + 1);
	FILE		*null = fopen("/dev/null", "w");

	memcpy(text, data, len);
	text[len] = '\0';
	config_defaults(&cf);
	if (config_load_string(&cf, text, "fuzz", &err) == 0 && null != NULL)
		config_dump(&cf, null);
	config_free(&cf);
	if (null != NULL)
		fclose(null);
	free(text);
	return 0;
}
