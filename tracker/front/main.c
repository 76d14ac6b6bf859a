/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * main.c: qetracker, deadlines of parliamentary written questions.
 */
#include "cli.h"

int
main(int argc, char *argv[])
{
	return cli_main(argc, argv);
}
