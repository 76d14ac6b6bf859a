/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * cli.h: the command line: global options, the command table, and the
 * one place where errors are printed and turned into exit statuses.
 */
#ifndef QT_CLI_H
#define QT_CLI_H

/* Runs qetracker with its arguments; returns the exit status. */
int	cli_main(int argc, char *argv[]);

#endif
