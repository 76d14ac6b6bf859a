/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/* Unit tests of the command line's parser and help (cli.c): options in
 * any order, global options after the command, messages that name the
 * option, operand counts, and help that lists every option of the
 * table. Also date_parse_typed, the dates a person types. */
#include "tracker/front/cli_int.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "date.h"
#include "util.h"

/* Parses a NULL-terminated list of words for the named command. */
static int
parse(struct cli *c, const char *cmd, struct cli_args *a, ...)
{
	char		*argv[32];
	const char	*w;
	va_list		 ap;
	int		 argc = 0, r;

	memset(c, 0, sizeof(*c));
	c->asof = DATE_NONE;
	argv[argc++] = (char *)cmd;
	va_start(ap, a);
	while ((w = va_arg(ap, const char *)) != NULL && argc < 31)
		argv[argc++] = (char *)w;
	va_end(ap);
	argv[argc] = NULL;
	c->cmd = cmd;
	r = cli_parse(c, cli_cmd_find(cmd), argc, argv, a);
	return r;
}

static void
test_permuted(void **state)
{
	struct cli	c;
	struct cli_args	a;
	int		d;

	(void)state;
	assert_int_equal(parse(&c, "show", &a, "6750", "--format", "json",
	    "-d", "x.db", "--as-of", "20/07/2025", "-q", NULL), 0);
	assert_int_equal(a.npos, 1);
	assert_string_equal(a.pos[0], "6750");
	assert_int_equal(a.nopts, 1);
	assert_string_equal(a.opts[0].opt->name, "format");
	assert_string_equal(a.opts[0].value, "json");
	assert_string_equal(c.db_path, "x.db");
	assert_int_equal(date_from_ymd(2025, 7, 20, &d), 0);
	assert_int_equal(c.asof, d);
	assert_true(c.asof_given);
	assert_true(c.quiet);
	cli_args_free(&a);
	free(c.db_path);
}

static void
test_filters_and_repeats(void **state)
{
	struct cli	c;
	struct cli_args	a;

	(void)state;
	assert_int_equal(parse(&c, "report", &a, "--group", "LFI-NFP", "-o",
	    "r.html", "--since=2026-11-01", "--status", "overdue", NULL), 0);
	assert_int_equal(a.nopts, 4);
	assert_int_equal(a.opts[0].opt->key, OPT_FILTER);
	assert_string_equal(a.opts[1].opt->name, "output");
	assert_string_equal(a.opts[1].value, "r.html");
	assert_string_equal(a.opts[2].value, "2026-11-01");
	cli_args_free(&a);
	assert_int_equal(parse(&c, "digest", &a, "--to", "a@x.org", "--to",
	    "b@x.org", "weekly", NULL), 0);
	assert_int_equal(a.nopts, 2);
	assert_int_equal(a.npos, 1);
	cli_args_free(&a);
	/* FILTERS belong to the commands that take them. */
	assert_int_equal(parse(&c, "show", &a, "--group", "X", "1", NULL),
	    -1);
	assert_int_equal(c.err.status, EXIT_USAGE);
	assert_non_null(strstr(c.err.msg, "--group: unknown"));
	cli_args_free(&a);
}

static void
test_errors(void **state)
{
	struct cli	c;
	struct cli_args	a;

	(void)state;
	assert_int_equal(parse(&c, "list", &a, "--format", NULL), -1);
	assert_non_null(strstr(c.err.msg,
	    "--format needs an argument (table|json|csv)"));
	assert_non_null(strstr(c.err.msg, "usage: qetracker list [FILTERS]"));
	cli_args_free(&a);
	assert_int_equal(parse(&c, "stats", &a, "-o", NULL), -1);
	assert_non_null(strstr(c.err.msg, "-o needs an argument (FILE)"));
	cli_args_free(&a);
	assert_int_equal(parse(&c, "poll", &a, "--force=1", NULL), -1);
	assert_non_null(strstr(c.err.msg, "--force takes no argument"));
	cli_args_free(&a);
	assert_int_equal(parse(&c, "init", &a, "extra", NULL), -1);
	assert_non_null(strstr(c.err.msg, "unexpected argument \"extra\""));
	cli_args_free(&a);
	assert_int_equal(parse(&c, "import", &a, "--skip-bad", NULL), -1);
	assert_non_null(strstr(c.err.msg, "import needs PATH..."));
	cli_args_free(&a);
	assert_int_equal(parse(&c, "list", &a, "--as-of", "2026-02-30",
	    NULL), -1);
	assert_non_null(strstr(c.err.msg, "\"2026-02-30\" is not a date"));
	cli_args_free(&a);
	/* "--" ends the options. */
	assert_int_equal(parse(&c, "show", &a, "--", "--format", NULL), 0);
	assert_int_equal(a.npos, 1);
	assert_string_equal(a.pos[0], "--format");
	cli_args_free(&a);
}

static void
test_help_flag(void **state)
{
	struct cli	c;
	struct cli_args	a;

	(void)state;
	/* -h wins over what is missing: the usage, not an error. */
	assert_int_equal(parse(&c, "export", &a, "--help", NULL), 'h');
	cli_args_free(&a);
	assert_int_equal(parse(&c, "import", &a, "-h", NULL), 'h');
	cli_args_free(&a);
}

/* Every option of the table appears in the command's help and its
 * synopsis; FILTERS in both exactly when the command takes them. */
static void
test_help_lists_table(void **state)
{
	size_t	i;

	(void)state;
	for (i = 0; i < cli_ncmds; i++) {
		const struct cli_cmd	*cmd = &cli_cmds[i];
		const struct cli_opt	*o;
		char			*syn = cli_synopsis(cmd), *text, want[64];
		size_t			 len;
		FILE			*fp = open_memstream(&text, &len);

		assert_non_null(fp);
		cli_help(fp, cmd);
		fclose(fp);
		assert_int_equal(strncmp(text, "usage: qetracker ", 17), 0);
		assert_non_null(strstr(text, syn));
		for (o = cmd->opts; o->name != NULL; o++) {
			snprintf(want, sizeof(want), "--%s", o->name);
			assert_non_null(strstr(text, want));
			if (o->letter)
				snprintf(want, sizeof(want), "[-%c", o->letter);
			else
				snprintf(want, sizeof(want), "[--%s", o->name);
			assert_non_null(strstr(syn, want));
		}
		assert_int_equal(strstr(syn, "[FILTERS]") != NULL,
		    (cmd->flags & CMD_FILTERS) != 0);
		assert_int_equal(strstr(text, "--due-within") != NULL,
		    (cmd->flags & CMD_FILTERS) != 0);
		assert_non_null(strstr(text, "--as-of DATE"));
		free(text);
		free(syn);
	}
}

static void
test_synopsis(void **state)
{
	char	*s;

	(void)state;
	s = cli_synopsis(cli_cmd_find("digest"));
	assert_string_equal(s, "digest [--to ADDR]... [--dry-run] [--force] "
	    "[NAME...]");
	free(s);
	s = cli_synopsis(cli_cmd_find("report"));
	assert_string_equal(s, "report [FILTERS] [--since DATE] "
	    "[--by ministry|author|group] "
	    "[--format text|markdown|html|csv|json|xlsx] [-o FILE]");
	free(s);
	assert_null(cli_cmd_find("nosuch"));
}

static void
test_date_typed(void **state)
{
	int	d, want;

	(void)state;
	assert_int_equal(date_from_ymd(2026, 11, 28, &want), 0);
	assert_int_equal(date_parse_typed("28/11/2026", &d), 0);
	assert_int_equal(d, want);
	assert_int_equal(date_parse_typed("2026-11-28", &d), 0);
	assert_int_equal(d, want);
	assert_int_equal(date_from_ymd(2026, 9, 2, &want), 0);
	assert_int_equal(date_parse_typed("2/9/2026", &d), 0);
	assert_int_equal(d, want);
	assert_int_equal(date_parse_typed("29/02/2025", &d), -1);
	assert_int_equal(date_parse_typed("2026/11/28", &d), -1);
	assert_int_equal(date_parse_typed("28/11/26", &d), -1);
	assert_int_equal(date_parse_typed("123/1/2026", &d), -1);
	assert_int_equal(date_parse_typed("28/11/2026x", &d), -1);
	assert_int_equal(date_parse_typed("a/b/cdef", &d), -1);
	assert_int_equal(date_parse_typed("28//2026", &d), -1);
	assert_int_equal(date_parse_typed("", &d), -1);
	assert_int_equal(date_parse_typed(NULL, &d), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_permuted),
		cmocka_unit_test(test_filters_and_repeats),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_help_flag),
		cmocka_unit_test(test_help_lists_table),
		cmocka_unit_test(test_synopsis),
		cmocka_unit_test(test_date_typed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
