/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * cli_int.h: what the command modules share: the command and option
 * tables, the parsed arguments, and the helpers of every command.
 *
 * Each command declares its options once, in cli.c's table; the parser,
 * "COMMAND -h", "help COMMAND" and the test against the man page all
 * read that table. A command receives its options already checked (a
 * known name, an argument where one is needed) in the order given, and
 * its operands; the global options may come before or after it.
 */
#ifndef QT_CLI_INT_H
#define QT_CLI_INT_H

#include <stddef.h>
#include <stdio.h>

#include "config.h"
#include "error.h"

struct store;
struct filter;
struct question;

#define CMD_STORE	0x1	/* opens the database */
#define CMD_CREATE	0x2	/* creates the database if missing */
#define CMD_READ	0x4	/* only reads: never writes the deadlines */
#define CMD_DAEMON	0x8	/* serves or polls: never as root */
#define CMD_FILTERS	0x10	/* takes the FILTERS options */

/* The key of every FILTERS option: the command hands it to filter_option. */
#define OPT_FILTER	1

struct cli_opt {
	int		 key;	/* what the command switches on */
	const char	*name;	/* long name, without "--" */
	int		 letter; /* short name, or 0 */
	const char	*arg;	/* the argument's name, NULL for a flag */
	int		 repeat; /* may be given more than once */
	const char	*help;	/* one line; "\n" continues it */
};

struct cli_arg {
	const struct cli_opt	*opt;
	const char		*value;	/* NULL for a flag */
};

struct cli_args {
	struct cli_arg	*opts;	/* the command's options, in order */
	size_t		 nopts;
	char		**pos;	/* the operands */
	size_t		 npos;
};

struct cli;

struct cli_cmd {
	const char		*name;
	const char		*operands;	/* "PATH...", or "" */
	int			 min_pos;
	int			 max_pos;	/* -1: no limit */
	int			 flags;
	const struct cli_opt	*opts;		/* ends with a NULL name */
	int			(*exec)(struct cli *, const struct cli_args *);
	const char		*summary;
	const char		*help;		/* what it does; no options */
};

struct cli {
	struct config	 cf;
	struct store	*store;
	char		*db_path;
	const char	*config_arg;	/* -c */
	const char	*cmd;
	int		 asof;
	int		 asof_given;	/* --as-of on the command line */
	int		 quiet;
	int		 verbose;
	struct error	 err;
};

/* The command table, and the options every command accepts. */
extern const struct cli_cmd	 cli_cmds[];
extern const size_t		 cli_ncmds;
extern const struct cli_opt	 cli_global_opts[];
extern const struct cli_opt	 cli_filter_opts[];

const struct cli_cmd	*cli_cmd_find(const char *name);

/*
 * Parses argv (argv[0] is the command's name) against the command's
 * options, FILTERS and the global options, in any order, as GNU tools
 * do ("--" ends the options). The global ones are applied to c, the
 * others returned in a. Returns 0; 'h' when -h or --help was given; -1
 * with c->err set (EXIT_USAGE) for an unknown option, a missing or
 * extra argument.
 */
int	cli_parse(struct cli *c, const struct cli_cmd *cmd, int argc,
	    char **argv, struct cli_args *a);
void	cli_args_free(struct cli_args *);
/* The synopsis from the table: "[--skip-bad] [--threads N] PATH...". */
char	*cli_synopsis(const struct cli_cmd *);
/* The whole help of one command, as "-h" and "help COMMAND" print it. */
void	cli_help(FILE *, const struct cli_cmd *);
void	cli_usage_all(FILE *);

/* Sets c->err to a usage error (EXIT_USAGE) with the command's usage. */
int	cli_usage_error(struct cli *c, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* Hands every FILTERS option of a to the filter. */
int	cli_filters(struct cli *c, const struct cli_args *a, struct filter *);
/* Reads a date as typed: 2026-11-28 or 28/11/2026. */
int	cli_date(struct cli *c, const char *opt, const char *s, int *out);
/* QANR5L17QE6750, 17-6750 or 6750 into an identity. */
/* Whether s is a source's own reference (the Sénat's SEQ251006436)
 * rather than the AN's forms. */
int	cli_is_reference(const char *s);
/*
 * The stored question s names, a reference or one of the AN's forms:
 * 1 with q filled (the caller clears it), 0 when the database has none
 * (c->err says so, EXIT_NOINPUT), -1 on another error.
 */
int	cli_find_question(struct cli *c, const char *s, struct question *q);
int	cli_question_id(struct cli *c, const char *s, int *leg, char *type,
	    long *num);
/* Writes to path through a temporary file renamed into place. */
FILE	*cli_open_output(struct cli *c, const char *path, char **tmp);
int	cli_close_output(struct cli *c, FILE *fp, char *tmp, const char *path,
	    int ok);
int	cli_open_store(struct cli *c, int create, int readonly);

/* The commands, by module: cli_data.c (what writes the database),
 * cli_read.c (what reads it), cli_ops.c (mail, serving, the daemon). */
int	cmd_init(struct cli *, const struct cli_args *);
int	cmd_import(struct cli *, const struct cli_args *);
int	cmd_poll(struct cli *, const struct cli_args *);
int	cmd_watch(struct cli *, const struct cli_args *);
int	cmd_list(struct cli *, const struct cli_args *);
int	cmd_show(struct cli *, const struct cli_args *);
int	cmd_search(struct cli *, const struct cli_args *);
int	cmd_report(struct cli *, const struct cli_args *);
int	cmd_stats(struct cli *, const struct cli_args *);
int	cmd_ics(struct cli *, const struct cli_args *);
int	cmd_export(struct cli *, const struct cli_args *);
int	cmd_digest(struct cli *, const struct cli_args *);
int	cmd_serve(struct cli *, const struct cli_args *);
int	cmd_run(struct cli *, const struct cli_args *);
int	cmd_config(struct cli *, const struct cli_args *);
int	cmd_help(struct cli *, const struct cli_args *);
int	cmd_version(struct cli *, const struct cli_args *);

#endif
