/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * cli.c: the command line: the command table, the option parser, help,
 * and the dispatcher.
 *
 * Commands live in one table (as tmux's cmd_table and git's commands[]),
 * each with its options, so that parsing, "COMMAND -h", "help COMMAND"
 * and the check against the man page read one list. The dispatcher
 * parses the whole line first (global options may follow the command,
 * as with GNU tools), then loads the configuration and opens the store
 * once for the commands whose flags ask for it, then calls the command.
 * Errors travel up in a struct error and are printed here once, as
 * "qetracker COMMAND: message", with the sysexits status.
 */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_int.h"
#include "date.h"
#include "feed.h"
#include "filter.h"
#include "i18n.h"
#include "log.h"
#include "pages.h"
#include "priv.h"
#include "rules.h"
#include "store.h"
#include "source.h"
#include "util.h"

/* The global options' keys. */
enum { G_CONFIG = 'c', G_DB = 'd', G_ASOF = 'a', G_QUIET = 'q',
	G_VERBOSE = 'v', G_HELP = 'h', G_VERSION = 'V' };

const struct cli_opt cli_global_opts[] = {
	{ G_CONFIG, "config", 'c', "FILE", 0,
	    "the configuration file (default:\n$QETRACKER_CONFIG, "
	    "$XDG_CONFIG_HOME/qetracker/qetracker.conf,\n/etc/qetracker.conf)" },
	{ G_DB, "db", 'd', "DB", 0, "the database (default: [general] "
	    "database,\n$XDG_DATA_HOME/qetracker/qetracker.db)" },
	{ G_ASOF, "as-of", 0, "DATE", 0, "compute statuses at DATE "
	    "(2026-11-28 or 28/11/2026),\nnot today" },
	{ G_QUIET, "quiet", 'q', NULL, 0, "print only errors" },
	{ G_VERBOSE, "verbose", 'v', NULL, 1, "say what is done (twice: "
	    "debugging)" },
	{ G_HELP, "help", 'h', NULL, 0, "print the usage and exit" },
	{ G_VERSION, "version", 'V', NULL, 0, "print the version and exit" },
	{ 0, NULL, 0, NULL, 0, NULL }
};

const struct cli_opt cli_filter_opts[] = {
	{ OPT_FILTER, "status", 0, "S[,S...]", 0, "open, overdue, answered, "
	    "answered_late,\nwithdrawn, lapsed, closed" },
	{ OPT_FILTER, "author", 0, "REF|NAME", 0, "PA reference or part of "
	    "the author's name" },
	{ OPT_FILTER, "group", 0, "ABBREV", 0, "group abbreviation (LFI-NFP) "
	    "or part of its name" },
	{ OPT_FILTER, "ministry", 0, "TEXT", 0, "part of the ministry's name "
	    "(asked or in charge)" },
	{ OPT_FILTER, "rubric", 0, "TEXT", 0, "part of the rubric" },
	{ OPT_FILTER, "due-within", 0, "DAYS", 0, "open questions due within "
	    "DAYS days" },
	{ OPT_FILTER, "legislature", 0, "N", 0, "one legislature" },
	{ OPT_FILTER, "assembly", 0, "AN|SENAT", 0, "one assembly" },
	{ 0, NULL, 0, NULL, 0, NULL }
};

#define OPT_END		{ 0, NULL, 0, NULL, 0, NULL }
#define OPT_OUTPUT	{ 'o', "output", 'o', "FILE", 0, \
			    "write to FILE, replaced atomically" }
#define OPT_FORMAT(list, help) \
			{ 'f', "format", 0, list, 0, help }
#define NO_OPTS		((const struct cli_opt[]){ OPT_END })

const struct cli_cmd cli_cmds[] = {
	{ "init", "", 0, 0, CMD_STORE | CMD_CREATE, NO_OPTS, cmd_init,
	    "create or upgrade the database (idempotent)",
	    "Creates the database if it does not exist and upgrades its schema\n"
	    "to this version. Running it again changes nothing.\n" },
	{ "import", "PATH...", 1, -1, CMD_STORE | CMD_CREATE,
	    (const struct cli_opt[]){
		{ 's', "skip-bad", 0, NULL, 0, "import the good entries and "
		    "list the bad ones" },
		{ 't', "threads", 0, "N", 0, "threads parsing entries "
		    "(default: one fewer than the cores)" },
		OPT_END },
	    cmd_import,
	    "import question JSON, dump zips, folders, AMO files, Sénat data",
	    "Imports AN question files (JSON), dump archives (.zip), folders of\n"
	    "them, AMO acteur and organe files or archives, the Sénat's\n"
	    "questions-depuis-un-an.csv and its full dump (questions.zip or\n"
	    "questions.sql, read as a stream), and question pages (the AN's;\n"
	    "the Sénat's named as their address, qSEQ251006436.html), in one\n"
	    "transaction: if any file is bad, nothing is imported and the\n"
	    "database is left as it was.\n" },
	{ "poll", "[SOURCE...]", 0, -1, CMD_STORE | CMD_CREATE,
	    (const struct cli_opt[]){
		{ 'f', "force", 0, NULL, 0, "apply an archive the safety "
		    "valve refused (one that\ndrops many questions or lacks "
		    "many stored answers)" },
		{ 's', "skip-bad", 0, NULL, 0, "apply the good entries of an "
		    "archive and list the\nbad ones, tried again at the next "
		    "poll (as\n[source] skip_bad = yes)" },
		OPT_END },
	    cmd_poll,
	    "fetch the configured sources and apply what changed",
	    "Polls each [source NAME] of the configuration (or the ones named):\n"
	    "a conditional request, so an unchanged source costs one round trip\n"
	    "and no parsing (\"not modified (304)\"); for a new archive, only the\n"
	    "entries whose CRC-32 or size changed since the last poll are\n"
	    "inflated and parsed. Each poll is one transaction; a failed poll\n"
	    "leaves the database as it was. Exit status 69 when a source stays\n"
	    "unavailable after the retries, 75 when the network is down or\n"
	    "another poll holds the lock, 65 for bad data.\n" },
	{ "list", "", 0, 0, CMD_STORE | CMD_READ | CMD_FILTERS,
	    (const struct cli_opt[]){
		OPT_FORMAT("table|json|csv", "table (default), json or csv"),
		OPT_END },
	    cmd_list,
	    "list questions, most urgent first",
	    "Lists the questions that pass the filters, at the as-of date:\n"
	    "open ones due soonest first, then overdue ones most overdue first,\n"
	    "then answered and closed ones.\n" },
	{ "show", "QUESTION", 1, 1, CMD_STORE | CMD_READ,
	    (const struct cli_opt[]){
		OPT_FORMAT("text|json", "text (default) or json"),
		OPT_END },
	    cmd_show,
	    "one question: its timeline and how its deadline is computed",
	    "QUESTION is QANR5L17QE6750, 17-6750, or 6750 (the legislature of\n"
	    "the as-of date, or [general] legislature), or a Sénat reference,\n"
	    "SEQ251006436.\n" },
	{ "search", "WORDS...", 1, -1, CMD_STORE | CMD_READ | CMD_FILTERS,
	    (const struct cli_opt[]){
		OPT_FORMAT("table|json|csv", "table (default), json or csv"),
		{ 'n', "limit", 0, "N", 0, "at most N results (default 20; 0: "
		    "all)" },
		OPT_END },
	    cmd_search,
	    "find questions by their words, best first",
	    "Looks for the words in the questions' subjects, rubrics, texts\n"
	    "and answers, accents and case aside, and lists the questions that\n"
	    "have them all and pass the filters, best first, each with the\n"
	    "passage that matched. \"reconnaissance faciale\" in double quotes\n"
	    "is a phrase, surveill* a prefix, -drone a word that must not\n"
	    "appear (after --, so that it is not an option); no other word is\n"
	    "an operator. json and csv add score (higher is better), snippet\n"
	    "and snippet_html (an HTML fragment, hits in <mark>).\n" },
	{ "report", "", 0, 0, CMD_STORE | CMD_READ | CMD_FILTERS,
	    (const struct cli_opt[]){
		{ 's', "since", 0, "DATE", 0, "start of the period "
		    "(2026-11-28 or 28/11/2026)" },
		{ 'b', "by", 0, "ministry|author|group", 0, "group the "
		    "overdue questions by ministry\n(default), author or "
		    "group" },
		OPT_FORMAT("text|markdown|html|csv|json|xlsx", "text "
		    "(default), markdown, html, csv, json or\nxlsx (a "
		    "spreadsheet, to -o FILE or a redirection)"),
		OPT_OUTPUT,
		OPT_END },
	    cmd_report, "the overdue report: counts, questions, actions",
	    "Headline counts for the period (overdue, change since its start,\n"
	    "newly overdue, answered and how many late, open, due within 14\n"
	    "days); the overdue questions grouped by ministry in charge (or\n"
	    "author, or group), the group with most first, each question with\n"
	    "its number, JO date, deadline, days overdue, subject and link; the\n"
	    "actions (questions a group president can signal); how deadlines\n"
	    "are computed. The period starts at --since, else at the end of the\n"
	    "last digest's, else seven days before the as-of date. Before the\n"
	    "overdue questions, the period's story: the questions answered\n"
	    "(with the start of each answer), newly overdue, due within 14\n"
	    "days. text uses colour on a terminal; html is one file with an\n"
	    "SVG chart; csv has one row per overdue question; xlsx is a\n"
	    "spreadsheet of three sheets (overdue, answered, due soon) whose\n"
	    "numbers and dates LibreOffice and Excel read as such.\n" },
	{ "stats", "", 0, 0, CMD_STORE | CMD_READ | CMD_FILTERS,
	    (const struct cli_opt[]){
		{ 's', "since", 0, "DATE", 0, "questions published from DATE" },
		{ 'u', "until", 0, "DATE", 0, "questions published until "
		    "DATE" },
		OPT_FORMAT("text|markdown|html|csv|json|xlsx", "text "
		    "(default), markdown, html, csv, json or\nxlsx (a "
		    "spreadsheet, to -o FILE or a redirection)"),
		OPT_OUTPUT,
		OPT_END },
	    cmd_stats, "the per-ministry league table",
	    "Per ministry in charge, over the questions published from --since\n"
	    "to --until (default: all): received, answered, answer rate,\n"
	    "answered within the delay (count and share of those received),\n"
	    "median and 90th-percentile days to answer (nearest rank), overdue\n"
	    "now, oldest overdue. Ranked by the share answered within the\n"
	    "delay. When the questions are both chambers', text, markdown and\n"
	    "html add each chamber's own table (--assembly: one only).\n"
	    "xlsx: the same as a spreadsheet, rates as percentages.\n" },
	{ "digest", "[NAME...]", 0, -1, CMD_STORE | CMD_CREATE,
	    (const struct cli_opt[]){
		{ 't', "to", 0, "ADDR", 1, "send to ADDR instead (repeat for "
		    "more); without a\n[digest] section, a digest of every "
		    "question" },
		{ 'n', "dry-run", 0, NULL, 0, "write the message to standard "
		    "output, send nothing" },
		{ 'f', "force", 0, NULL, 0, "send even if this week's digest "
		    "went already, was\nrefused or waits for its next try" },
		OPT_END },
	    cmd_digest,
	    "send the weekly digest by e-mail",
	    "Sends each [digest NAME] of the configuration (or the ones named):\n"
	    "the report of its questions since the last digest of that name, as\n"
	    "a multipart/alternative message (text, then HTML), through [mail].\n"
	    "A digest goes once per ISO week, and at most once: it is recorded\n"
	    "before it leaves. A server that refuses it (5xx) is not asked\n"
	    "again that week (exit 69); a temporary failure (no connection,\n"
	    "4xx; exit 75) is tried again after 1, 2, 4 ... minutes, at most\n"
	    "6 hours; a send cut once the message was on its way is not tried\n"
	    "again, since it may have arrived. --force sends in every case.\n" },
	{ "ics", "", 0, 0, CMD_STORE | CMD_READ | CMD_FILTERS,
	    (const struct cli_opt[]){ OPT_OUTPUT, OPT_END },
	    cmd_ics,
	    "write one iCalendar feed of deadlines",
	    "Writes an iCalendar feed (RFC 5545) of the deadlines of the questions\n"
	    "that pass the filters, on standard output unless -o is given: one\n"
	    "all-day event per question on its deadline, and one on its\n"
	    "signalement deadline when signaled. Answered and closed questions\n"
	    "stay [feed] keep_days days. SEQUENCE and DTSTAMP change only when an\n"
	    "event's content changes, so two runs with no change in between\n"
	    "write the same bytes.\n" },
	{ "export", "DIR", 1, 1, CMD_STORE, NO_OPTS, cmd_export,
	    "write every feed and an index page into DIR, atomically",
	    "Writes all.ics, author/<PA ref>.ics, group/<slug>.ics,\n"
	    "ministry/<slug>.ics, w/<token>.ics (one per watchlist) and\n"
	    "index.html (webcal:// and https:// links from [feed] base_url).\n"
	    "The new set replaces the old in one step: a reader sees one or\n"
	    "the other, never a mix; on failure the old set stays.\n" },
	{ "serve", "", 0, 0, CMD_STORE | CMD_CREATE | CMD_DAEMON,
	    (const struct cli_opt[]){
		{ 'l', "listen", 0, "ADDR:PORT", 0, "instead of [serve] listen "
		    "(127.0.0.1:8080;\n[::1]:8080 for IPv6)" },
		OPT_END },
	    cmd_serve,
	    "serve the feeds, the index page and the reports over HTTP",
	    "Answers GET and HEAD for the export layout (/, /all.ics,\n"
	    "/author/PA....ics, /group/SLUG.ics, /ministry/SLUG.ics,\n"
	    "/w/TOKEN.ics, /report.html, .csv, .json) and /healthz, from memory;\n"
	    "the feeds are rebuilt when another process changed the database\n"
	    "or the day changed. Strong ETags, Last-Modified, 304s, gzip. Stops\n"
	    "on SIGTERM or SIGINT; -v logs every request.\n" },
	{ "run", "", 0, 0, 0,
	    (const struct cli_opt[]){
		{ 'n', "dry-run", 'n', NULL, 0, "check the configuration, say "
		    "what would run, and exit" },
		OPT_END },
	    cmd_run,
	    "the scheduler daemon: poll, export, digest and serve",
	    "Polls each [source] on its interval (with jitter), rewrites\n"
	    "[run] export_dir when the data changed (and each day), sends each\n"
	    "[digest] on its day once its hour has come (Europe/Paris time),\n"
	    "and serves HTTP when [run] serve = yes, in one process. A failed\n"
	    "poll or digest is logged and tried again later. SIGTERM or SIGINT\n"
	    "stops it within seconds (exit 0); SIGHUP rereads the\n"
	    "configuration. One instance per database: a second one exits 75.\n" },
	{ "watch", "add NAME QUESTION... | remove NAME [QUESTION...] | list",
	    1, -1, CMD_STORE | CMD_CREATE, NO_OPTS, cmd_watch,
	    "private watchlists, each with its own secret feed",
	    "add creates the list NAME if needed (with a random 128-bit token),\n"
	    "adds the questions (17-6750, or a Sénat reference SEQ251006436)\n"
	    "and prints the list (not with -q); remove takes questions out, or\n"
	    "deletes the list; list shows every list, its feed path\n"
	    "w/<token>.ics and its questions. The token is the only key to a\n"
	    "list's feed.\n" },
	{ "config", "", 0, 0, 0, NO_OPTS, cmd_config,
	    "check the configuration and print the values in force",
	    "Reads the configuration file (see qetracker.conf(5)) and the rules\n"
	    "file it names, reports every error as FILE:LINE and exits 78, or\n"
	    "prints every key with the value in force, in the file's own format,\n"
	    "then the rules in force as comments.\n" },
	{ "help", "[COMMAND]", 0, 1, 0, NO_OPTS, cmd_help, "show help",
	    "Without COMMAND, the list of commands; with it, the command's\n"
	    "usage and options (as COMMAND --help).\n" },
	{ "version", "", 0, 0, 0, NO_OPTS, cmd_version, "show the version",
	    "Prints the version, the git commit it was built from (when built\n"
	    "from git), and the database schema it writes.\n" },
};

const size_t	cli_ncmds = sizeof(cli_cmds) / sizeof(cli_cmds[0]);

const struct cli_cmd *
cli_cmd_find(const char *name)
{
	size_t	i;

	for (i = 0; i < cli_ncmds; i++)
		if (strcmp(cli_cmds[i].name, name) == 0)
			return &cli_cmds[i];
	return NULL;
}

/* "[-o FILE]", "[--to ADDR]...", "[--force]" appended to b. */
static void
synopsis_opt(struct buf *b, const struct cli_opt *o)
{
	if (o->letter != 0)
		buf_printf(b, " [-%c", o->letter);
	else
		buf_printf(b, " [--%s", o->name);
	if (o->arg != NULL)
		buf_printf(b, " %s", o->arg);
	buf_printf(b, "]%s", o->repeat ? "..." : "");
}

char *
cli_synopsis(const struct cli_cmd *cmd)
{
	const struct cli_opt	*o;
	struct buf		 b;

	buf_init(&b);
	buf_printf(&b, "%s", cmd->name);
	if (cmd->flags & CMD_FILTERS)
		buf_printf(&b, " [FILTERS]");
	for (o = cmd->opts; o->name != NULL; o++)
		synopsis_opt(&b, o);
	if (*cmd->operands != '\0')
		buf_printf(&b, " %s", cmd->operands);
	return buf_steal(&b);
}

/* Each option on its line, its help in a column; "\n" continues it. */
static void
help_opts(FILE *fp, const char *title, const struct cli_opt *o)
{
	const char	*h, *nl;
	char		 left[64];

	if (o->name == NULL)
		return;
	fprintf(fp, "\n%s\n", title);
	for (; o->name != NULL; o++) {
		if (o->letter != 0)
			snprintf(left, sizeof(left), "-%c, --%s%s%s", o->letter,
			    o->name, o->arg ? " " : "", o->arg ? o->arg : "");
		else
			snprintf(left, sizeof(left), "--%s%s%s", o->name,
			    o->arg ? " " : "", o->arg ? o->arg : "");
		if (strlen(left) > 22) {
			fprintf(fp, "  %s\n%25s", left, "");
		} else
			fprintf(fp, "  %-22s ", left);
		for (h = o->help; (nl = strchr(h, '\n')) != NULL; h = nl + 1)
			fprintf(fp, "%.*s\n%25s", (int)(nl - h), h, "");
		fprintf(fp, "%s\n", h);
	}
}

void
cli_help(FILE *fp, const struct cli_cmd *cmd)
{
	char	*syn = cli_synopsis(cmd);

	fprintf(fp, "usage: qetracker %s\n\n%s.\n\n%s", syn, cmd->summary,
	    cmd->help);
	free(syn);
	help_opts(fp, "Options:", cmd->opts);
	if (cmd->flags & CMD_FILTERS) {
		help_opts(fp, "Filters (names are matched without case or "
		    "accents):", cli_filter_opts);
	}
	help_opts(fp, "Global options (before or after the command):",
	    cli_global_opts);
}

void
cli_usage_all(FILE *fp)
{
	size_t	i;

	fputs("usage: qetracker [-c FILE] [-d DB] [--as-of DATE] "
	    "[-q | -v] COMMAND [ARGS]\n\ncommands:\n", fp);
	for (i = 0; i < cli_ncmds; i++)
		fprintf(fp, "  %-9s %s\n", cli_cmds[i].name,
		    cli_cmds[i].summary);
	fputs("\nRun 'qetracker COMMAND --help' (or 'qetracker help "
	    "COMMAND') for a command's options, and see qetracker(1).\n", fp);
}

int
cli_usage_error(struct cli *c, const char *fmt, ...)
{
	const struct cli_cmd	*cmd = c->cmd ? cli_cmd_find(c->cmd) : NULL;
	va_list			 ap;

	c->err.status = EXIT_USAGE;
	va_start(ap, fmt);
	vsnprintf(c->err.msg, sizeof(c->err.msg), fmt, ap);
	va_end(ap);
	if (cmd != NULL) {
		size_t	 n = strlen(c->err.msg);
		char	*syn = cli_synopsis(cmd);

		snprintf(c->err.msg + n, sizeof(c->err.msg) - n,
		    "\nusage: qetracker %s\n(see 'qetracker %s --help')", syn,
		    cmd->name);
		free(syn);
	}
	return -1;
}

int
cli_date(struct cli *c, const char *opt, const char *s, int *out)
{
	if (date_parse_typed(s, out) == -1)
		return cli_usage_error(c, "%s: \"%s\" is not a date that "
		    "exists (2026-11-28 or 28/11/2026)", opt, s);
	return 0;
}

int
cli_filters(struct cli *c, const struct cli_args *a, struct filter *f)
{
	struct error	e;
	char		field[16];
	size_t		i;

	for (i = 0; i < a->nopts; i++)
		if (a->opts[i].opt->key == OPT_FILTER &&
		    filter_option(f, a->opts[i].opt->name, a->opts[i].value,
		    &c->err) == -1)
			return -1;
	if (c->store == NULL || filter_check(c->store, f, field,
	    sizeof(field), &e) == 0)
		return 0;
	if (field[0] == '\0')
		return error_set(&c->err, e.status, "%s", e.msg);
	return error_set(&c->err, EXIT_USAGE, "--%s: %s", field, e.msg);
}

/* The options one command accepts, in a list getopt_long reads. */
struct optset {
	const struct cli_opt	*opt[64];
	struct option		 lo[65];
	char			 shorts[64];
	size_t			 n;
};

static void
optset_add(struct optset *s, const struct cli_opt *o)
{
	size_t	k;

	for (; o->name != NULL && s->n < 64; o++) {
		s->opt[s->n] = o;
		s->lo[s->n].name = o->name;
		s->lo[s->n].has_arg = o->arg ? required_argument : no_argument;
		s->lo[s->n].flag = NULL;
		s->lo[s->n].val = 256 + (int)s->n;
		s->n++;
		if (o->letter != 0 && (k = strlen(s->shorts)) + 3 <
		    sizeof(s->shorts)) {
			s->shorts[k++] = (char)o->letter;
			if (o->arg != NULL)
				s->shorts[k++] = ':';
			s->shorts[k] = '\0';
		}
	}
	memset(&s->lo[s->n], 0, sizeof(s->lo[s->n]));
}

static const struct cli_opt *
optset_find(const struct optset *s, int ch, size_t *idx)
{
	size_t	i;

	if (ch >= 256 && (size_t)(ch - 256) < s->n) {
		*idx = (size_t)(ch - 256);
		return s->opt[*idx];
	}
	for (i = 0; i < s->n; i++)
		if (ch != 0 && s->opt[i]->letter == ch) {
			*idx = i;
			return s->opt[i];
		}
	return NULL;
}

/* The option as written, "--format" or "-o", for a message. */
static void
opt_written(const struct cli_opt *o, const char *arg, char *buf, size_t size)
{
	if (arg != NULL && arg[0] == '-' && arg[1] != '-' && o->letter != 0)
		snprintf(buf, size, "-%c", o->letter);
	else
		snprintf(buf, size, "--%s", o->name);
}

static int
is_global(const struct cli_opt *o)
{
	const struct cli_opt	*g;

	for (g = cli_global_opts; g->name != NULL; g++)
		if (g == o)
			return 1;
	return 0;
}

static int
apply_global(struct cli *c, const struct cli_opt *o, const char *value)
{
	switch (o->key) {
	case G_CONFIG:
		c->config_arg = value;
		break;
	case G_DB:
		free(c->db_path);
		c->db_path = xstrdup(value);
		break;
	case G_ASOF:
		if (cli_date(c, "--as-of", value, &c->asof) == -1)
			return -1;
		c->asof_given = 1;
		break;
	case G_QUIET:
		c->quiet = 1;
		break;
	case G_VERBOSE:
		c->verbose++;
		break;
	default:
		return o->key;	/* 'h', 'V' */
	}
	return 0;
}

/* Runs getopt_long over argv; the command's own options go into a. */
static int
parse_with(struct cli *c, struct optset *s, int permute, int argc,
    char **argv, struct cli_args *a)
{
	const struct cli_opt	*o;
	char			 opts[80], w[48];
	size_t			 idx;
	int			 ch, r, wanted = 0;

	snprintf(opts, sizeof(opts), "%s:%s", permute ? "" : "+", s->shorts);
	optind = 0;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, opts, s->lo, NULL)) != -1) {
		const char	*as = argv[optind - 1];

		if (ch == ':' || ch == '?') {
			o = optset_find(s, optopt, &idx);
			if (ch == ':' && o != NULL) {
				opt_written(o, as, w, sizeof(w));
				return cli_usage_error(c, "%s needs an argument "
				    "(%s)", w, o->arg);
			}
			if (o != NULL && optopt >= 256)
				return cli_usage_error(c, "--%s takes no "
				    "argument", o->name);
			if (optopt != 0 && optopt < 256)
				return cli_usage_error(c, "-%c: unknown option",
				    optopt);
			return cli_usage_error(c, "%.*s: unknown or ambiguous "
			    "option", (int)strcspn(as, "="), as);
		}
		if ((o = optset_find(s, ch, &idx)) == NULL)
			return cli_usage_error(c, "unknown option");
		if (is_global(o)) {
			if ((r = apply_global(c, o, optarg)) == -1)
				return -1;
			if (r != 0 && wanted == 0)
				wanted = r;
			continue;
		}
		if (a == NULL)
			continue;
		a->opts = xrealloc(a->opts, (a->nopts + 1) *
		    sizeof(*a->opts));
		a->opts[a->nopts].opt = o;
		a->opts[a->nopts].value = o->arg ? optarg : NULL;
		a->nopts++;
	}
	return wanted;
}

/* The options before the command: only the global ones. */
static int
parse_global(struct cli *c, int argc, char **argv)
{
	struct optset	s;
	int		r;

	memset(&s, 0, sizeof(s));
	optset_add(&s, cli_global_opts);
	r = parse_with(c, &s, 0, argc, argv, NULL);
	if (r == -1 && c->err.status == EXIT_USAGE) {
		size_t	n = strlen(c->err.msg);

		snprintf(c->err.msg + n, sizeof(c->err.msg) - n,
		    " (see 'qetracker help')");
	}
	return r;
}

int
cli_parse(struct cli *c, const struct cli_cmd *cmd, int argc, char **argv,
    struct cli_args *a)
{
	struct optset	s;
	int		r, i;

	memset(a, 0, sizeof(*a));
	memset(&s, 0, sizeof(s));
	optset_add(&s, cmd->opts);
	if (cmd->flags & CMD_FILTERS)
		optset_add(&s, cli_filter_opts);
	optset_add(&s, cli_global_opts);
	if ((r = parse_with(c, &s, 1, argc, argv, a)) != 0)
		return r;
	for (i = optind; i < argc; i++) {
		a->pos = xrealloc(a->pos, (a->npos + 1) * sizeof(*a->pos));
		a->pos[a->npos++] = argv[i];
	}
	if ((int)a->npos < cmd->min_pos)
		return cli_usage_error(c, a->npos == 0 ? "%s needs %s" :
		    "%s needs more: %s", cmd->name, cmd->operands);
	if (cmd->max_pos >= 0 && (int)a->npos > cmd->max_pos)
		return cli_usage_error(c, "unexpected argument \"%s\"",
		    a->pos[cmd->max_pos]);
	return 0;
}

void
cli_args_free(struct cli_args *a)
{
	free(a->opts);
	free(a->pos);
	memset(a, 0, sizeof(*a));
}

static char *
default_db(void)
{
	const char	*env;

	if ((env = getenv("XDG_DATA_HOME")) != NULL && *env != '\0')
		return xasprintf("%s/qetracker/qetracker.db", env);
	if ((env = getenv("HOME")) != NULL && *env != '\0')
		return xasprintf("%s/.local/share/qetracker/qetracker.db", env);
	return xstrdup("qetracker.db");
}

/* Creates the folders above a file, like mkdir -p. */
static int
make_parents(const char *path, struct error *err)
{
	char	*failed;

	if (util_mkdirs(path, &failed) == -1) {
		error_set(err, EXIT_CANTCREAT, "%s: %s", failed,
		    error_errno(errno));
		free(failed);
		return -1;
	}
	return 0;
}

int
cli_open_store(struct cli *c, int create, int readonly)
{
	unsigned long	n;

	if (c->db_path == NULL)
		c->db_path = c->cf.database ? xstrdup(c->cf.database) :
		    default_db();
	if (!create && access(c->db_path, F_OK) == -1)
		return error_set(&c->err, EXIT_NOINPUT, "%s: no database "
		    "(run 'qetracker init' or 'qetracker import' first)",
		    c->db_path);
	if (create && make_parents(c->db_path, &c->err) == -1)
		return -1;
	if ((c->store = store_open(c->db_path, &c->err)) == NULL)
		return -1;
	/* A command that reads computes under the rules in force and leaves
	 * the stored deadlines to the commands that write. */
	if (readonly) {
		if (store_read_rules(c->store, &c->cf.rules))
			log_info("rules settings differ from the database's: "
			    "deadlines computed as they would be, not stored");
		return 0;
	}
	if (store_sync_rules(c->store, &c->cf.rules, &n, &c->err) == -1)
		return -1;
	if (n > 0)
		log_info("rules settings changed: %lu deadlines recomputed", n);
	return 0;
}

int
cmd_help(struct cli *c, const struct cli_args *a)
{
	const struct cli_cmd	*cmd;

	if (a->npos == 0) {
		cli_usage_all(stdout);
		return 0;
	}
	if ((cmd = cli_cmd_find(a->pos[0])) == NULL)
		return cli_usage_error(c, "no command \"%s\"", a->pos[0]);
	cli_help(stdout, cmd);
	return 0;
}

static int
load_config(struct cli *c)
{
	const char	*path = c->config_arg;
	char		*found = NULL;
	int		 rc = 0;

	config_defaults(&c->cf);
	if (path == NULL)
		path = found = config_find();
	if (path != NULL)
		rc = config_load_file(&c->cf, path, &c->err);
	free(found);
	return rc;
}

static int
run_command(struct cli *c, const struct cli_cmd *cmd, int argc, char **argv)
{
	struct cli_args	a;
	double		started;
	char		iso[DATE_ISO_LEN];
	int		r, rc = -1;

	r = cli_parse(c, cmd, argc, argv, &a);
	log_init("qetracker", c->quiet ? LOG_LEVEL_ERROR : c->verbose > 1 ?
	    LOG_LEVEL_DEBUG : c->verbose ? LOG_LEVEL_INFO : LOG_LEVEL_WARN);
	if (r == G_HELP) {
		/* Before the configuration and the database: acts on nothing. */
		cli_help(stdout, cmd);
		rc = 0;
		goto out;
	}
	if (r == G_VERSION) {
		rc = cmd_version(c, &a);
		goto out;
	}
	if (r != 0)
		goto out;
	if (c->asof == DATE_NONE)
		c->asof = date_today();
	config_free(&c->cf);
	if (load_config(c) == -1)
		goto out;
	i18n_init(c->cf.lang);
	/* Before the database and the network: root is never kept. */
	if ((cmd->flags & CMD_DAEMON) && priv_drop(c->cf.user, &c->err) == -1)
		goto out;
	if ((cmd->flags & CMD_STORE) && cli_open_store(c, cmd->flags &
	    CMD_CREATE, cmd->flags & CMD_READ) == -1)
		goto out;
	if (c->store != NULL)
		log_info("%s: database %s, as of %s", cmd->name, c->db_path,
		    date_iso(c->asof, iso));
	if (c->cf.path != NULL)
		log_info("%s: configuration %s", cmd->name, c->cf.path);
	started = util_seconds();
	rc = cmd->exec(c, &a);
	log_info("%s: %s in %.3f s", cmd->name, rc == 0 ? "done" : "failed",
	    util_seconds() - started);
out:
	cli_args_free(&a);
	return rc;
}

int
cli_main(int argc, char *argv[])
{
	const struct cli_cmd	*cmd = NULL;
	struct cli		 c;
	int			 rc, g;

	memset(&c, 0, sizeof(c));
	date_init();
	log_init("qetracker", LOG_LEVEL_WARN);	/* the command sets it */
	c.asof = DATE_NONE;
	config_defaults(&c.cf);
	if ((g = parse_global(&c, argc, argv)) == -1)
		goto out;
	if (g == G_VERSION) {
		rc = cmd_version(&c, NULL);
		goto done;
	}
	if (g == G_HELP || optind >= argc) {
		cli_usage_all(g == G_HELP ? stdout : stderr);
		rc = g == G_HELP ? 0 : -1;
		c.err.status = EXIT_USAGE;
		c.err.msg[0] = '\0';
		goto done;
	}
	c.cmd = argv[optind];
	if ((cmd = cli_cmd_find(c.cmd)) == NULL) {
		cli_usage_error(&c, "no command \"%s\" (see 'qetracker help')",
		    c.cmd);
		c.cmd = NULL;
		goto out;
	}
	rc = run_command(&c, cmd, argc - optind, argv + optind);
	goto done;
out:
	rc = -1;
done:
	if (rc == -1 && c.err.msg[0] != '\0') {
		fflush(stdout);
		if (c.cmd != NULL)
			fprintf(stderr, "%sqetracker %s: %s\n",
			    log_prefix(LOG_LEVEL_ERROR), c.cmd, c.err.msg);
		else
			fprintf(stderr, "%sqetracker: %s\n",
			    log_prefix(LOG_LEVEL_ERROR), c.err.msg);
	}
	store_close(c.store);
	feed_cleanup();
	pages_cleanup();
	config_free(&c.cf);
	free(c.db_path);
	if (rc == 0)
		return fflush(stdout) == 0 ? EXIT_OK : EXIT_IOERR;
	return c.err.status ? c.err.status : EXIT_SOFTWARE;
}
