/*
 * cli.c: the command line.
 *
 * Commands live in one table (as tmux's cmd_table and git's commands[]):
 * the dispatcher reads the global options, loads the configuration and
 * opens the store once for the commands whose flags ask for it, then
 * calls the command. Usage and help come from the same table. Errors
 * travel up in a struct error and are printed here once, as
 * "qetracker COMMAND: message", with the sysexits status.
 */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "config.h"
#include "date.h"
#include "digest.h"
#include "error.h"
#include "export.h"
#include "feed.h"
#include "filter.h"
#include "format.h"
#include "i18n.h"
#include "fetch.h"
#include "ingest.h"
#include "lock.h"
#include "log.h"
#include "poll.h"
#include "priv.h"
#include "report.h"
#include "run.h"
#include "serve.h"
#include "stats.h"
#include "question.h"
#include "rules.h"
#include "store.h"
#include "util.h"
#include "version.h"

#define CMD_STORE	0x1	/* opens the database */
#define CMD_CREATE	0x2	/* creates the database if missing */
#define CMD_READ	0x4	/* only reads: never writes the deadlines */
#define CMD_DAEMON	0x8	/* serves or polls: never as root */

struct cli {
	struct config	 cf;
	struct store	*store;
	char		*db_path;
	const char	*cmd;
	int		 asof;
	int		 asof_given;	/* --as-of on the command line */
	int		 quiet;
	int		 verbose;
	struct error	 err;
};

struct cli_cmd {
	const char	*name;
	const char	*usage;
	int		 flags;
	int		(*exec)(struct cli *, int, char **);
	const char	*summary;
	const char	*help;
};

static int	cmd_init(struct cli *, int, char **);
static int	cmd_import(struct cli *, int, char **);
static int	cmd_list(struct cli *, int, char **);
static int	cmd_show(struct cli *, int, char **);
static int	cmd_poll(struct cli *, int, char **);
static int	cmd_report(struct cli *, int, char **);
static int	cmd_stats(struct cli *, int, char **);
static int	cmd_digest(struct cli *, int, char **);
static int	cmd_serve(struct cli *, int, char **);
static int	cmd_run(struct cli *, int, char **);
static int	cmd_ics(struct cli *, int, char **);
static int	cmd_export(struct cli *, int, char **);
static int	cmd_watch(struct cli *, int, char **);
static int	cmd_config(struct cli *, int, char **);
static int	cmd_help(struct cli *, int, char **);
static int	cmd_version(struct cli *, int, char **);

#define FILTER_HELP \
	"  --status S[,S...]   open, overdue, answered, answered_late,\n" \
	"                      withdrawn, lapsed, closed\n" \
	"  --author REF|NAME   PA reference or part of the author's name\n" \
	"  --group ABBREV      group abbreviation (LFI-NFP) or part of its name\n" \
	"  --ministry TEXT     part of the ministry's name (asked or in charge)\n" \
	"  --rubric TEXT       part of the rubric\n" \
	"  --due-within DAYS   open questions due within DAYS days\n" \
	"  --legislature N     one legislature\n" \
	"  --assembly AN|SENAT one assembly\n" \
	"Names are matched without case or accents.\n"

static const struct cli_cmd cli_cmds[] = {
	{ "init", "", CMD_STORE | CMD_CREATE, cmd_init,
	    "create or upgrade the database (idempotent)",
	    "Creates the database if it does not exist and upgrades its schema\n"
	    "to this version. Running it again changes nothing.\n" },
	{ "import", "[--skip-bad] [--threads N] PATH...",
	    CMD_STORE | CMD_CREATE, cmd_import,
	    "import question JSON, dump zips, folders, AMO files",
	    "Imports AN question files (JSON), dump archives (.zip), folders of\n"
	    "them, and AMO acteur and organe files or archives, in one\n"
	    "transaction: if any file is bad, nothing is imported and the\n"
	    "database is left as it was.\n"
	    "  --skip-bad    import the good entries and list the bad ones\n"
	    "  --threads N   threads parsing entries (default: one per core)\n" },
	{ "poll", "[--force] [--skip-bad] [SOURCE...]", CMD_STORE | CMD_CREATE,
	    cmd_poll,
	    "fetch the configured sources and apply what changed",
	    "Polls each [source NAME] of the configuration (or the ones named):\n"
	    "a conditional request, so an unchanged source costs one round trip\n"
	    "and no parsing (\"not modified (304)\"); for a new archive, only the\n"
	    "entries whose CRC-32 or size changed since the last poll are\n"
	    "inflated and parsed. Each poll is one transaction; a failed poll\n"
	    "leaves the database as it was. Exit status 69 when a source stays\n"
	    "unavailable after the retries, 75 when the network is down or\n"
	    "another poll holds the lock, 65 for bad data.\n"
	    "  --force      apply an archive the safety valve refused (one that\n"
	    "               drops many questions or lacks many stored answers)\n"
	    "  --skip-bad   apply the good entries of an archive and list the\n"
	    "               bad ones, tried again at the next poll (as\n"
	    "               [source] skip_bad = yes)\n" },
	{ "list", "[FILTERS] [--format table|json|csv]", CMD_STORE | CMD_READ,
	    cmd_list,
	    "list questions, most urgent first",
	    "Lists the questions that pass the filters, at the as-of date:\n"
	    "open ones due soonest first, then overdue ones most overdue first,\n"
	    "then answered and closed ones.\n"
	    "  --format F          table (default), json or csv\n"
	    FILTER_HELP },
	{ "show", "[--format text|json] QUESTION", CMD_STORE | CMD_READ,
	    cmd_show,
	    "one question: its timeline and how its deadline is computed",
	    "QUESTION is QANR5L17QE6750, 17-6750, or 6750 (the legislature of\n"
	    "the as-of date, or [general] legislature).\n"
	    "  --format F   text (default) or json\n" },
	{ "report", "[FILTERS] [--since DATE] [--by ministry|author|group] "
	    "[--format text|markdown|html|csv|json] [-o FILE]",
	    CMD_STORE | CMD_READ,
	    cmd_report, "the overdue report: counts, questions, actions",
	    "Headline counts for the period (overdue, change since its start,\n"
	    "newly overdue, answered and how many late, open, due within 14\n"
	    "days); the overdue questions grouped by ministry in charge (or\n"
	    "author, or group), the group with most first, each question with\n"
	    "its number, JO date, deadline, days overdue, subject and link; the\n"
	    "actions (questions a group president can signal); how deadlines\n"
	    "are computed. The period starts at --since, else at the end of the\n"
	    "last digest's, else seven days before the as-of date. text uses\n"
	    "colour on a terminal; html is one file with an SVG chart; csv has\n"
	    "one row per overdue question.\n"
	    "  --since DATE   start of the period (YYYY-MM-DD)\n"
	    "  --by KEY       ministry (default), author or group\n"
	    "  --format F     text (default), markdown, html, csv or json\n"
	    "  -o FILE        write to FILE, replaced atomically\n"
	    FILTER_HELP },
	{ "stats", "[FILTERS] [--since DATE] [--until DATE] "
	    "[--format text|markdown|html|csv|json] [-o FILE]",
	    CMD_STORE | CMD_READ,
	    cmd_stats, "the per-ministry league table",
	    "Per ministry in charge, over the questions published from --since\n"
	    "to --until (default: all): received, answered, answer rate,\n"
	    "answered within the delay (count and share of those received),\n"
	    "median and 90th-percentile days to answer (nearest rank), overdue\n"
	    "now, oldest overdue. Ranked by the share answered within the\n"
	    "delay.\n"
	    FILTER_HELP },
	{ "digest", "[--to ADDR]... [--dry-run] [--force] [NAME...]",
	    CMD_STORE | CMD_CREATE, cmd_digest,
	    "send the weekly digest by e-mail",
	    "Sends each [digest NAME] of the configuration (or the ones named):\n"
	    "the report of its questions since the last digest of that name, as\n"
	    "a multipart/alternative message (text, then HTML), through [mail].\n"
	    "A digest goes once per ISO week, and at most once: it is recorded\n"
	    "before it leaves. A server that refuses it (5xx) is not asked\n"
	    "again that week (exit 69); a temporary failure (no connection,\n"
	    "4xx; exit 75) is tried again after 1, 2, 4 ... minutes, at most\n"
	    "6 hours; a send cut once the message was on its way is not tried\n"
	    "again, since it may have arrived. --force sends in every case.\n"
	    "  --to ADDR   send to ADDR instead (repeat for more); without a\n"
	    "              [digest] section, a digest of every question\n"
	    "  --dry-run   write the message to standard output, send nothing\n"
	    "  --force     send even if this week's digest went already, was\n"
	    "              refused or waits for its next try\n" },
	{ "ics", "[FILTERS] [-o FILE]", CMD_STORE | CMD_READ, cmd_ics,
	    "write one iCalendar feed of deadlines",
	    "Writes an iCalendar feed (RFC 5545) of the deadlines of the questions\n"
	    "that pass the filters: one all-day event per question on its\n"
	    "deadline, and one on its signalement deadline when signaled.\n"
	    "Answered and closed questions stay [feed] keep_days days. SEQUENCE\n"
	    "and DTSTAMP change only when an event's content changes, so two\n"
	    "runs with no change in between write the same bytes.\n"
	    "  -o FILE   write to FILE (replaced atomically), not standard output\n"
	    FILTER_HELP },
	{ "export", "DIR", CMD_STORE, cmd_export,
	    "write every feed and an index page into DIR, atomically",
	    "Writes all.ics, author/<PA ref>.ics, group/<slug>.ics,\n"
	    "ministry/<slug>.ics, w/<token>.ics (one per watchlist) and\n"
	    "index.html (webcal:// and https:// links from [feed] base_url).\n"
	    "The new set replaces the old in one step: a reader sees one or\n"
	    "the other, never a mix; on failure the old set stays.\n" },
	{ "serve", "[--listen ADDR:PORT]", CMD_STORE | CMD_CREATE | CMD_DAEMON,
	    cmd_serve,
	    "serve the feeds, the index page and the reports over HTTP",
	    "Answers GET and HEAD for the export layout (/, /all.ics,\n"
	    "/author/PA....ics, /group/SLUG.ics, /ministry/SLUG.ics,\n"
	    "/w/TOKEN.ics, /report.html, .csv, .json) and /healthz, from memory;\n"
	    "the feeds are rebuilt when another process changed the database\n"
	    "or the day changed. Strong ETags, Last-Modified, 304s, gzip. Stops\n"
	    "on SIGTERM or SIGINT; -v logs every request.\n"
	    "  --listen ADDR:PORT   instead of [serve] listen (127.0.0.1:8080;\n"
	    "                       [::1]:8080 for IPv6)\n" },
	{ "run", "[-n]", 0, cmd_run,
	    "the scheduler daemon: poll, export, digest and serve",
	    "Polls each [source] on its interval (with jitter), rewrites\n"
	    "[run] export_dir when the data changed (and each day), sends each\n"
	    "[digest] on its day once its hour has come (Europe/Paris time),\n"
	    "and serves HTTP when [run] serve = yes, in one process. A failed\n"
	    "poll or digest is logged and tried again later. SIGTERM or SIGINT\n"
	    "stops it within seconds (exit 0); SIGHUP rereads the\n"
	    "configuration. One instance per database: a second one exits 75.\n"
	    "  -n   check the configuration, say what would run, and exit\n" },
	{ "watch", "add NAME QUESTION... | remove NAME [QUESTION...] | list",
	    CMD_STORE | CMD_CREATE, cmd_watch,
	    "private watchlists, each with its own secret feed",
	    "add creates the list NAME if needed (with a random 128-bit token)\n"
	    "and adds the questions; remove takes questions out, or deletes the\n"
	    "list; list shows every list, its feed path w/<token>.ics and its\n"
	    "questions. The token is the only key to a list's feed.\n" },
	{ "config", "", 0, cmd_config,
	    "check the configuration and print the values in force",
	    "Reads the configuration file (see qetracker.conf(5)) and the rules\n"
	    "file it names, reports every error as FILE:LINE and exits 78, or\n"
	    "prints every key with the value in force, in the file's own format,\n"
	    "then the rules in force as comments.\n" },
	{ "help", "[COMMAND]", 0, cmd_help, "show help", NULL },
	{ "version", "", 0, cmd_version, "show the version", NULL },
};

#define NCMDS	(sizeof(cli_cmds) / sizeof(cli_cmds[0]))

static const struct cli_cmd *
cmd_find(const char *name)
{
	size_t	i;

	for (i = 0; i < NCMDS; i++)
		if (strcmp(cli_cmds[i].name, name) == 0)
			return &cli_cmds[i];
	return NULL;
}

static void
usage_all(FILE *fp)
{
	size_t	i;

	fputs("usage: qetracker [-c FILE] [-d DB] [--as-of YYYY-MM-DD] "
	    "[-q | -v] COMMAND [ARGS]\n\ncommands:\n", fp);
	for (i = 0; i < NCMDS; i++)
		fprintf(fp, "  %-9s %s\n", cli_cmds[i].name,
		    cli_cmds[i].summary);
	fputs("\nRun 'qetracker help COMMAND' for a command's options, and "
	    "see qetracker(1).\n", fp);
}

static int
usage_error(struct cli *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int
usage_error(struct cli *c, const char *fmt, ...)
{
	const struct cli_cmd	*cmd = c->cmd ? cmd_find(c->cmd) : NULL;
	va_list			 ap;

	c->err.status = EXIT_USAGE;
	va_start(ap, fmt);
	vsnprintf(c->err.msg, sizeof(c->err.msg), fmt, ap);
	va_end(ap);
	if (cmd != NULL) {
		size_t	n = strlen(c->err.msg);

		snprintf(c->err.msg + n, sizeof(c->err.msg) - n,
		    "\nusage: qetracker %s %s", cmd->name, cmd->usage);
	}
	return -1;
}

/* Long options shared by the commands that take FILTERS. */
#define FILTER_OPTIONS \
	{ "status", required_argument, NULL, 0 }, \
	{ "author", required_argument, NULL, 0 }, \
	{ "group", required_argument, NULL, 0 }, \
	{ "ministry", required_argument, NULL, 0 }, \
	{ "rubric", required_argument, NULL, 0 }, \
	{ "due-within", required_argument, NULL, 0 }, \
	{ "legislature", required_argument, NULL, 0 }, \
	{ "assembly", required_argument, NULL, 0 }

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

static int
open_store(struct cli *c, int create, int readonly)
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

static int
cmd_init(struct cli *c, int argc, char **argv)
{
	(void)argv;
	if (argc > 1)
		return usage_error(c, "init takes no arguments");
	if (!c->quiet)
		printf("%s: database ready (schema version %d)\n", c->db_path,
		    store_schema_version());
	return 0;
}

static int
cmd_import(struct cli *c, int argc, char **argv)
{
	static const struct option	 opts[] = {
		{ "skip-bad", no_argument, NULL, 's' },
		{ "threads", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 }
	};
	struct ingest_opts	 o = { .threads = c->cf.import_threads,
				    .max_growth = (long long)
				    c->cf.import_max_growth_mb << 20,
				    .command = "import" };
	struct ingest_result	 res;
	long			 n;
	int			 ch, rc;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "+", opts, NULL)) != -1) {
		if (ch == 's')
			o.skip_bad = 1;
		else if (ch == 't' && str_to_long(optarg, 1, 16, &n) == 0)
			o.threads = (int)n;
		else if (ch == 't')
			return usage_error(c, "--threads: \"%s\" is not a "
			    "number from 1 to 16", optarg);
		else
			return usage_error(c, "unknown option");
	}
	if (optind >= argc)
		return usage_error(c, "nothing to import");
	o.progress = !c->quiet;
	ingest_result_init(&res);
	rc = ingest_paths(c->store, &c->cf.rules, argv + optind,
	    (size_t)(argc - optind), &o, &res, &c->err);
	if (res.bad.len > 0)
		fprintf(stderr, "qetracker import: skipped %lu bad entr%s:\n%s",
		    res.counts.bad, res.counts.bad == 1 ? "y" : "ies",
		    res.bad.data);
	if (rc == 0 && !c->quiet) {
		const struct run_counts	*k = &res.counts;

		printf("imported %lu file%s: %lu question%s (%lu new, %lu "
		    "changed, %lu unchanged), %lu new answers (%lu late), %lu "
		    "new signalements, %lu ministry changes", k->files,
		    k->files == 1 ? "" : "s", k->questions,
		    k->questions == 1 ? "" : "s", k->added,
		    k->changed, k->unchanged, k->answered, k->answered_late,
		    k->signaled, k->ministry_changes);
		if (k->amo > 0)
			printf(", %lu acteurs and organes", k->amo);
		if (k->skipped > 0)
			printf(", %lu not written questions skipped",
			    k->skipped);
		if (k->answers_kept > 0)
			printf(", %lu stored answers kept that the source "
			    "lacks", k->answers_kept);
		if (k->bad > 0)
			printf(", %lu bad entries skipped", k->bad);
		printf("\n");
	}
	ingest_result_free(&res);
	return rc;
}

static void
poll_summary(const char *name, const struct poll_result *r)
{
	const struct run_counts	*k = &r->counts;
	char			 a[32], b[32], e[32];

	if (r->pages > 0) {
		printf("%s: %d page%s, %d changed", name, r->pages,
		    r->pages == 1 ? "" : "s", r->pages_changed);
		if (r->pages_changed > 0)
			printf(": %lu new, %lu answered (%lu late), %lu "
			    "signaled", k->added, k->answered, k->answered_late,
			    k->signaled);
		printf("\n");
		return;
	}
	if (r->not_modified) {
		printf("%s: not modified (%ld)\n", name, k->http_status);
		return;
	}
	if (k->questions == 0 && k->amo + k->parsed > 0) {
		printf("%s: %lu acteurs and organes; parsed %s of %s entries\n",
		    name, k->amo, str_count(k->parsed, b, sizeof(b)),
		    str_count(k->entries, e, sizeof(e)));
		return;
	}
	printf("%s: %s questions, %lu changed: %lu new, %lu answered (%lu "
	    "late), %lu signaled, %lu ministry changes; parsed %s of %s "
	    "entries", name, str_count(k->questions, a, sizeof(a)),
	    k->added + k->changed, k->added, k->answered, k->answered_late,
	    k->signaled, k->ministry_changes, str_count(k->parsed, b,
	    sizeof(b)), str_count(k->entries, e, sizeof(e)));
	if (k->removed > 0)
		printf(", %lu questions gone from the archive", k->removed);
	if (k->answers_kept > 0)
		printf(", %lu stored answers kept", k->answers_kept);
	if (r->resumed > 0)
		printf(" (download resumed %d time%s)", r->resumed,
		    r->resumed == 1 ? "" : "s");
	printf("\n");
}

static int
cmd_poll(struct cli *c, int argc, char **argv)
{
	static const struct option	 opts[] = {
		{ "force", no_argument, NULL, 'f' },
		{ "skip-bad", no_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 }
	};
	struct poll_opts	 po;
	struct poll_result	 r;
	struct error		 first;
	char			*dir;
	size_t			 i;
	int			 ch, j, fd;

	memset(&po, 0, sizeof(po));
	optind = 0;
	while ((ch = getopt_long(argc, argv, "+", opts, NULL)) != -1) {
		if (ch == 'f')
			po.force = 1;
		else if (ch == 's')
			po.skip_bad = 1;
		else
			return usage_error(c, "unknown option");
	}
	if (c->cf.nsources == 0)
		return error_set(&c->err, EXIT_CONFIG, "%s: no [source NAME] "
		    "section to poll", c->cf.path ? c->cf.path :
		    "the configuration");
	for (j = optind; j < argc; j++)
		if (config_source(&c->cf, argv[j]) == NULL)
			return usage_error(c, "no source \"%s\" in %s",
			    argv[j], c->cf.path ? c->cf.path :
			    "the configuration");
	if ((fd = lock_acquire(c->db_path, "poll", &c->err)) == -1)
		return -1;
	if (fetch_init(&c->err) == -1) {
		lock_release(fd);
		return -1;
	}
	dir = poll_cache_dir(&c->cf, c->db_path);
	po.cache_dir = dir;
	po.progress = !c->quiet;
	po.backoff_ms = c->cf.poll.retry_delay_ms;
	error_clear(&first);
	if (poll_make_dir(dir, &c->err) == -1) {
		free(dir);
		fetch_cleanup();
		lock_release(fd);
		return -1;
	}
	for (i = 0; i < c->cf.nsources; i++) {
		const struct source_conf	*sc = &c->cf.sources[i];
		int				 wanted = optind == argc;

		for (j = optind; j < argc; j++)
			wanted |= strcmp(argv[j], sc->name) == 0;
		if (!wanted)
			continue;
		error_clear(&c->err);
		if ((strcmp(sc->kind, "an-page") == 0 ? poll_pages(c->store,
		    &c->cf, sc, &po, &r, &c->err) : poll_source(c->store,
		    &c->cf, sc, &po, &r, &c->err)) == 0) {
			if (!c->quiet)
				poll_summary(sc->name, &r);
			if (r.bad != NULL)
				fprintf(stderr, "qetracker poll: %s: skipped "
				    "%lu bad entr%s (tried again next time):\n%s",
				    sc->name, r.counts.bad, r.counts.bad == 1 ?
				    "y" : "ies", r.bad);
			free(r.bad);
			continue;
		}
		fprintf(stderr, "qetracker poll: %s\n", c->err.msg);
		if (first.status == 0)
			first = c->err;
	}
	free(dir);
	fetch_cleanup();
	lock_release(fd);
	if (first.status != 0) {
		c->err = first;
		c->err.msg[0] = '\0';	/* printed already */
		return -1;
	}
	return 0;
}

/* Parses the FILTERS and --format of a list-like command. */
static int
parse_filters(struct cli *c, int argc, char **argv, struct filter *f,
    enum list_format *fmt)
{
	static const struct option	 opts[] = {
		FILTER_OPTIONS,
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 }
	};
	int				 ch, idx, r;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "+", opts, &idx)) != -1) {
		if (ch == 'f') {
			if (format_parse(optarg, fmt, &c->err) == -1)
				return -1;
		} else if (ch == 0) {
			r = filter_option(f, opts[idx].name, optarg, &c->err);
			if (r == -1)
				return -1;
		} else
			return usage_error(c, "unknown option");
	}
	if (optind < argc)
		return usage_error(c, "unexpected argument \"%s\"",
		    argv[optind]);
	return 0;
}

static int
terminal_width(void)
{
	struct winsize	ws;

	if (!isatty(STDOUT_FILENO))
		return 0;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 100;
}

static int
cmd_list(struct cli *c, int argc, char **argv)
{
	struct filter		 f;
	enum list_format	 fmt = LIST_TABLE;
	struct lister		*l = NULL;
	struct question		 q;
	struct qstate		 st;
	long			*ids = NULL;
	size_t			 n, i;
	int			 rc = -1, tty;

	filter_init(&f);
	if (parse_filters(c, argc, argv, &f, &fmt) == -1)
		goto out;
	if (filter_select(c->store, &f, c->asof, &ids, &n, &c->err) == -1)
		goto out;
	tty = isatty(STDOUT_FILENO);
	l = lister_start(stdout, fmt, terminal_width(),
	    tty && getenv("NO_COLOR") == NULL);
	for (i = 0; i < n; i++) {
		if (store_get_by_id(c->store, ids[i], 0, &q, &c->err) != 1)
			goto out;
		rules_state(&q, c->asof, &st);
		lister_row(l, &q, &st);
		question_clear(&q);
	}
	rc = 0;
out:
	lister_end(l);
	free(ids);
	filter_free(&f);
	return rc;
}

/*
 * Reads QANR5L17QE6750, 17-6750 or 6750 into an identity. A bare
 * number belongs to the configured legislature, else to the one running
 * at the as-of date.
 */
static int
parse_question_id(struct cli *c, const char *s, int *leg, char *type,
    long *num)
{
	long	l, n;
	char	t[8];
	int	len = 0;

	str_copy(type, "QE", 8);
	if (strncmp(s, "QANR5L", 6) == 0 &&
	    sscanf(s + 6, "%2ld%2[A-Z]%ld%n", &l, t, &n, &len) == 3 &&
	    s[6 + len] == '\0') {
		str_copy(type, t, 8);
	} else if (sscanf(s, "%ld-%ld%n", &l, &n, &len) == 2 &&
	    s[len] == '\0') {
		/* 17-6750 */
	} else if (str_to_long(s, 1, 9999999, &n) == 0) {
		l = c->cf.legislature ? c->cf.legislature :
		    rules_legislature_at("AN", c->asof);
	} else
		return usage_error(c, "\"%s\" is not a question (expected "
		    "QANR5L17QE6750, 17-6750 or 6750)", s);
	if (l < 1 || l > 99 || n < 1)
		return usage_error(c, "\"%s\" is not a question", s);
	*leg = (int)l;
	*num = n;
	return 0;
}

static const char *
event_label(const char *kind)
{
	static const char *const labels[][2] = {
		{ EV_PUBLISHED, N_("question published in the JO") },
		{ EV_ERRATUM, N_("erratum published") },
		{ EV_MINISTRY, N_("transferred to") },
		{ EV_SIGNALED, N_("signaled by a group president") },
		{ EV_RENEWED, N_("renewed") },
		{ EV_ANSWERED, N_("answer published in the JO") },
		{ EV_CLOSED, N_("closure") },
		{ EV_REMOVED, N_("gone from the source's archive") },
	};
	size_t	i;

	for (i = 0; i < sizeof(labels) / sizeof(labels[0]); i++)
		if (strcmp(labels[i][0], kind) == 0)
			return _(labels[i][1]);
	return kind;
}

/* The timeline: events, with the deadlines placed among them. */
static void
print_timeline(const struct question *q)
{
	char	d[DATE_ISO_LEN];
	size_t	i;
	int	dl = 0, sdl = 0;

	printf("\n%s\n", _("Timeline:"));
	for (i = 0; i <= q->nevents; i++) {
		const struct qevent	*ev = i < q->nevents ? &q->events[i] :
					    NULL;
		int			 when = ev ? ev->date : 0x7fffffff;

		if (!dl && q->deadline != DATE_NONE && q->deadline < when) {
			printf("  %s  %s\n", date_iso(q->deadline, d),
			    _("answer due (deadline)"));
			dl = 1;
		}
		if (!sdl && q->signal_deadline != DATE_NONE &&
		    q->signal_deadline < when) {
			printf("  %s  %s\n", date_iso(q->signal_deadline, d),
			    _("answer due after signalement"));
			sdl = 1;
		}
		if (ev == NULL)
			break;
		printf("  %s  %s", ev->date != DATE_NONE ?
		    date_iso(ev->date, d) : _("(no date)"),
		    event_label(ev->kind));
		if (ev->detail != NULL && (strcmp(ev->kind, EV_PUBLISHED) == 0 ||
		    strcmp(ev->kind, EV_ANSWERED) == 0))
			printf(_(", page %s"), ev->detail);
		else if (ev->detail != NULL)
			printf(strcmp(ev->kind, EV_MINISTRY) == 0 ? " %s" :
			    ": %s", ev->detail);
		printf("\n");
	}
}

static void
print_field(const char *label, const char *value)
{
	if (value == NULL)
		return;
	fput_cell(stdout, label, 12);
	printf(" %s\n", value);
}

static void
print_question(struct cli *c, const struct question *q)
{
	struct qstate	 st;
	struct buf	 b;
	char		 uid[64], *url = question_url(q), *s;

	question_uid(q, uid, sizeof(uid));
	rules_state(q, c->asof, &st);
	printf("%s %d-%ld (%s)\n", q->type, q->legislature, q->number, uid);
	print_field(_("Subject:"), q->title);
	print_field(_("Rubric:"), q->rubric);
	if (q->group_abbrev != NULL || q->group_name != NULL)
		s = xasprintf("%s (%s)", q->author_name ? q->author_name :
		    q->author_ref ? q->author_ref : "?", q->group_abbrev ?
		    q->group_abbrev : q->group_name);
	else
		s = xstrdup_null(q->author_name ? q->author_name :
		    q->author_ref);
	print_field(_("Author:"), s);
	free(s);
	print_field(_("Asked:"), q->ministry_asked);
	print_field(_("Ministry:"), q->ministry);
	print_field(_("Status:"), rules_status_label(st.status));
	buf_init(&b);
	rules_explain(&c->cf.rules, q, c->asof, &b);
	print_field(_("Deadline:"), b.data);
	buf_free(&b);
	print_field(_("Link:"), url);
	free(url);
	if (q->excerpt != NULL)
		printf("\n%s\n", q->excerpt);
	print_timeline(q);
}

/* What the data contradicts, under the question's timeline. */
static int
print_anomaly(const char *kind, const char *detail, const char *recorded,
    void *arg)
{
	(void)arg;
	printf("Anomaly:   %s: %s (recorded %.10s)\n", kind, detail ? detail :
	    "", recorded ? recorded : "");
	return 0;
}

static int
cmd_show(struct cli *c, int argc, char **argv)
{
	static const struct option	 opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 }
	};
	struct question	 q;
	struct qstate	 st;
	char		 type[8];
	const char	*fmt = "text";
	long		 num = 0;
	int		 leg = 0, ch, found;
	json_t		*o;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "+", opts, NULL)) != -1) {
		if (ch != 'f')
			return usage_error(c, "unknown option");
		fmt = optarg;
	}
	if (strcmp(fmt, "text") != 0 && strcmp(fmt, "json") != 0)
		return usage_error(c, "--format: \"%s\" is not text or json",
		    fmt);
	if (optind != argc - 1)
		return usage_error(c, "show takes one question");
	if (parse_question_id(c, argv[optind], &leg, type, &num) == -1)
		return -1;
	found = store_get_question(c->store, "AN", leg, type, num, &q, &c->err);
	if (found == -1)
		return -1;
	if (found == 0)
		return error_set(&c->err, EXIT_NOINPUT, "%s: no such question "
		    "in %s (AN, legislature %d, %s %ld)", argv[optind],
		    c->db_path, leg, type, num);
	if (strcmp(fmt, "json") == 0) {
		rules_state(&q, c->asof, &st);
		o = format_question(&q, &st);
		json_dumpf(o, stdout, JSON_INDENT(2));
		fputc('\n', stdout);
		json_decref(o);
	} else {
		print_question(c, &q);
		if (store_anomaly_each(c->store, q.id, print_anomaly, NULL,
		    &c->err) == -1) {
			question_clear(&q);
			return -1;
		}
	}
	question_clear(&q);
	return 0;
}

/* Writes to path through a temporary file renamed into place. */
static FILE *
open_output(struct cli *c, const char *path, char **tmp)
{
	FILE	*fp;
	int	 fd;

	*tmp = xasprintf("%s.tmp-XXXXXX", path);
	if ((fd = mkstemp(*tmp)) == -1 || (fp = fdopen(fd, "w")) == NULL) {
		error_set(&c->err, EXIT_CANTCREAT, "%s: %s", path,
		    error_errno(errno));
		free(*tmp);
		*tmp = NULL;
		return NULL;
	}
	fchmod(fd, 0644);
	return fp;
}

static int
close_output(struct cli *c, FILE *fp, char *tmp, const char *path, int ok)
{
	int	rc = 0;

	if (fclose(fp) != 0 && ok)
		rc = error_set(&c->err, EXIT_IOERR, "%s: %s", path,
		    error_errno(errno));
	else if (ok && rename(tmp, path) == -1)
		rc = error_set(&c->err, EXIT_CANTCREAT, "%s: %s", path,
		    error_errno(errno));
	if (!ok || rc == -1)
		unlink(tmp);
	free(tmp);
	return ok ? rc : -1;
}

/* Options shared by report and stats, on top of the FILTERS. */
struct out_opts {
	struct filter		 f;
	enum report_format	 fmt;
	enum report_by		 by;
	int			 since;
	int			 until;
	const char		*out;
};

static int
parse_out_opts(struct cli *c, int argc, char **argv, struct out_opts *o,
    int report)
{
	static const struct option	 opts[] = {
		FILTER_OPTIONS,
		{ "since", required_argument, NULL, 's' },
		{ "until", required_argument, NULL, 'u' },
		{ "by", required_argument, NULL, 'b' },
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 }
	};
	int				 ch, idx, *d;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "+o:", opts, &idx)) != -1) {
		switch (ch) {
		case 0:
			if (filter_option(&o->f, opts[idx].name, optarg,
			    &c->err) == -1)
				return -1;
			break;
		case 's':
		case 'u':
			d = ch == 's' ? &o->since : &o->until;
			if (date_parse_iso(optarg, d) == -1 ||
			    (ch == 'u' && report))
				return usage_error(c, "--%s: \"%s\" is not a "
				    "date YYYY-MM-DD", opts[idx].name, optarg);
			break;
		case 'b':
			if (!report || report_parse_by(optarg, &o->by,
			    &c->err) == -1)
				return report ? -1 : usage_error(c, "unknown "
				    "option --by");
			break;
		case 'f':
			if (report_parse_format(optarg, &o->fmt, &c->err) == -1)
				return -1;
			break;
		case 'o':
			o->out = optarg;
			break;
		default:
			return usage_error(c, "unknown option");
		}
	}
	if (optind < argc)
		return usage_error(c, "unexpected argument \"%s\"",
		    argv[optind]);
	return 0;
}

/* The start of a report's period: --since, the last digest, a week. */
static int
period_start(struct cli *c, int since)
{
	int	end;

	if (since != DATE_NONE)
		return since;
	if (store_digest_last(c->store, NULL, &end, NULL, 0, NULL) == 1 &&
	    end != DATE_NONE && end < c->asof)
		return end;
	return c->asof - 7;
}

static int
cmd_report(struct cli *c, int argc, char **argv)
{
	struct out_opts		 o = { .fmt = RF_TEXT, .by = BY_MINISTRY,
				    .since = DATE_NONE, .until = DATE_NONE };
	struct report_opts	 ro;
	struct report		 r;
	char			*tmp = NULL, *feed;
	FILE			*fp = stdout;
	int			 rc = -1;

	filter_init(&o.f);
	if (parse_out_opts(c, argc, argv, &o, 1) == -1)
		goto done;
	feed = xasprintf("%s/all.ics", c->cf.feed.base_url);
	ro.filter = &o.f;
	ro.asof = c->asof;
	ro.since = period_start(c, o.since);
	ro.by = o.by;
	ro.feed_url = feed;
	ro.rules = &c->cf.rules;
	if (report_build(c->store, &ro, &r, &c->err) == 0) {
		if (o.out == NULL || (fp = open_output(c, o.out, &tmp)) != NULL) {
			rc = report_write(fp, &r, o.fmt, o.out == NULL &&
			    o.fmt == RF_TEXT && isatty(STDOUT_FILENO) &&
			    getenv("NO_COLOR") == NULL);
			if (rc == -1)
				error_set(&c->err, EXIT_IOERR, "%s: write error",
				    o.out ? o.out : "standard output");
			if (o.out != NULL)
				rc = close_output(c, fp, tmp, o.out, rc == 0);
		}
		report_free(&r);
	}
	free(feed);
done:
	filter_free(&o.f);
	return rc;
}

static int
cmd_stats(struct cli *c, int argc, char **argv)
{
	struct out_opts	 o = { .fmt = RF_TEXT, .by = BY_MINISTRY,
			    .since = DATE_NONE, .until = DATE_NONE };
	struct stats	 s;
	char		*tmp = NULL;
	FILE		*fp = stdout;
	int		 rc = -1;

	filter_init(&o.f);
	if (parse_out_opts(c, argc, argv, &o, 0) == -1)
		goto done;
	if (stats_build(c->store, &o.f, c->asof, o.since, o.until, &s,
	    &c->err) == -1)
		goto done;
	if (o.out == NULL || (fp = open_output(c, o.out, &tmp)) != NULL) {
		rc = stats_write(fp, &s, o.fmt);
		if (rc == -1)
			error_set(&c->err, EXIT_IOERR, "%s: write error",
			    o.out ? o.out : "standard output");
		if (o.out != NULL)
			rc = close_output(c, fp, tmp, o.out, rc == 0);
	}
	stats_free(&s);
done:
	filter_free(&o.f);
	return rc;
}

static void
digest_print(struct cli *c, const char *name, const char *to,
    const struct digest_run *dr, const struct digest_outcome *o)
{
	char	t[40];

	if (dr->dry_run)
		return;
	if (o->unknown)
		fprintf(stderr, "qetracker digest: %s: this week's digest (%s) "
		    "was cut on its way and may have arrived; it is not sent "
		    "twice (--force sends it again)\n", name, dr->week);
	else if (o->refused)
		fprintf(stderr, "qetracker digest: %s: this week's digest (%s) "
		    "was refused: %s; --force sends it again\n", name,
		    dr->week, o->reason);
	else if (o->deferred && !c->quiet)
		printf("%s: failed for a while; tried again from %s (--force "
		    "tries now)\n", name, date_rfc5322(o->waiting, 1, t,
		    sizeof(t)));
	if (c->quiet)
		return;
	if (o->skipped)
		printf("%s: already sent this week (%s); --force sends it "
		    "again\n", name, dr->week);
	else if (o->sent)
		printf("%s: sent to %s (%lu overdue, %lu new answers)\n", name,
		    to, o->overdue, o->answered);
}

static int
cmd_digest(struct cli *c, int argc, char **argv)
{
	static const struct option	 opts[] = {
		{ "to", required_argument, NULL, 't' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "force", no_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 }
	};
	struct digest_run	 dr;
	struct digest_outcome	 o;
	struct buf		 to;
	struct error		 first;
	char			 tbuf[40];
	size_t			 i;
	int			 ch, j, fd = -1, rc = 0;

	memset(&dr, 0, sizeof(dr));
	buf_init(&to);
	optind = 0;
	while ((ch = getopt_long(argc, argv, "+", opts, NULL)) != -1) {
		if (ch == 't')
			buf_printf(&to, "%s%s", to.len ? ", " : "", optarg);
		else if (ch == 'n')
			dr.dry_run = 1;
		else if (ch == 'f')
			dr.force = 1;
		else {
			buf_free(&to);
			return usage_error(c, "unknown option");
		}
	}
	dr.to = to.len ? to.data : NULL;
	date_iso_week(c->asof, dr.week, sizeof(dr.week));
	for (j = optind; j < argc; j++)
		if (config_digest(&c->cf, argv[j]) == NULL) {
			buf_free(&to);
			return usage_error(c, "no digest \"%s\" in %s", argv[j],
			    c->cf.path ? c->cf.path : "the configuration");
		}
	if (c->cf.ndigests == 0 && dr.to == NULL) {
		buf_free(&to);
		return error_set(&c->err, EXIT_CONFIG, "%s: no [digest NAME] "
		    "section, and no --to", c->cf.path ? c->cf.path :
		    "the configuration");
	}
	if (!dr.dry_run && ((fd = lock_acquire(c->db_path, "digest",
	    &c->err)) == -1 || fetch_init(&c->err) == -1)) {
		lock_release(fd);
		buf_free(&to);
		return -1;
	}
	error_clear(&first);
	if (c->cf.ndigests == 0) {
		if (digest_deliver(c->store, &c->cf, NULL, &dr, c->asof, stdout,
		    &o, &c->err) == -1)
			first = c->err;
		else
			digest_print(c, "default", dr.to, &dr, &o);
	}
	for (i = 0; i < c->cf.ndigests; i++) {
		int	wanted = optind == argc;

		for (j = optind; j < argc; j++)
			wanted |= strcmp(argv[j], c->cf.digests[i].name) == 0;
		if (!wanted)
			continue;
		error_clear(&c->err);
		if (digest_deliver(c->store, &c->cf, &c->cf.digests[i], &dr,
		    c->asof, stdout, &o, &c->err) == 0) {
			digest_print(c, c->cf.digests[i].name, dr.to ? dr.to :
			    c->cf.digests[i].to, &dr, &o);
			continue;
		}
		fprintf(stderr, "qetracker digest: %s\n", c->err.msg);
		if (o.waiting)
			fprintf(stderr, "qetracker digest: %s: tried again "
			    "from %s\n", c->cf.digests[i].name, date_rfc5322(
			    o.waiting, 1, tbuf, sizeof(tbuf)));
		if (first.status == 0)
			first = c->err;
	}
	if (!dr.dry_run) {
		fetch_cleanup();
		lock_release(fd);
	}
	buf_free(&to);
	if (first.status != 0) {
		c->err = first;
		if (c->cf.ndigests > 0)
			c->err.msg[0] = '\0';	/* printed already */
		rc = -1;
	}
	return rc;
}

static int
cmd_serve(struct cli *c, int argc, char **argv)
{
	static const struct option	 opts[] = {
		{ "listen", required_argument, NULL, 'l' },
		{ NULL, 0, NULL, 0 }
	};
	const char			*listen = NULL;
	int				 ch;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "+", opts, NULL)) != -1) {
		if (ch != 'l')
			return usage_error(c, "unknown option");
		listen = optarg;
	}
	if (optind < argc)
		return usage_error(c, "unexpected argument \"%s\"",
		    argv[optind]);
	return serve_run(c->store, &c->cf, listen, date_today,
	    c->asof_given ? c->asof : 0, &c->err);
}

static int
cmd_run(struct cli *c, int argc, char **argv)
{
	struct run_args	a;

	if (argc == 2 && strcmp(argv[1], "-n") == 0) {
		run_describe(&c->cf, stdout);
		return 0;
	}
	if (argc > 1)
		return usage_error(c, "run takes only -n");
	/* Before the database and the network: root is never kept. */
	if (priv_drop(c->cf.user, &c->err) == -1 ||
	    open_store(c, 1, 0) == -1)
		return -1;
	a.config_path = c->cf.path;
	a.db_path = c->db_path;
	a.fixed_asof = c->asof_given ? c->asof : 0;
	if (!c->quiet && c->verbose == 0)
		log_init("qetracker", LOG_LEVEL_INFO);
	return run_daemon(c->store, &c->cf, &a, &c->err);
}

static int
cmd_ics(struct cli *c, int argc, char **argv)
{
	static const struct option	 opts[] = {
		FILTER_OPTIONS,
		{ "output", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 }
	};
	struct filter		 f;
	struct feed_set		 set;
	struct feed_meta	 m;
	const char		*out = NULL;
	char			*tmp = NULL;
	FILE			*fp = stdout;
	int			 ch, idx, rc = -1;

	filter_init(&f);
	memset(&set, 0, sizeof(set));
	m.name = _(FEED_ALL_NAME);
	m.description = _(FEED_ALL_DESC);
	optind = 0;
	while ((ch = getopt_long(argc, argv, "+o:", opts, &idx)) != -1) {
		if (ch == 'o')
			out = optarg;
		else if (ch != 0) {
			usage_error(c, "unknown option");
			goto done;
		} else if (filter_option(&f, opts[idx].name, optarg,
		    &c->err) == -1)
			goto done;
	}
	if (optind < argc) {
		usage_error(c, "unexpected argument \"%s\"", argv[optind]);
		goto done;
	}
	if (feed_collect(c->store, &f, c->asof, &c->cf.rules, &c->cf.feed,
	    &set, &c->err) == -1)
		goto done;
	if (out != NULL && (fp = open_output(c, out, &tmp)) == NULL)
		goto done;
	rc = feed_write(fp, &m, &c->cf.feed, &set, NULL, set.n);
	if (rc == -1)
		error_set(&c->err, EXIT_IOERR, "%s: write error",
		    out ? out : "standard output");
	if (out != NULL)
		rc = close_output(c, fp, tmp, out, rc == 0);
done:
	feed_set_free(&set);
	filter_free(&f);
	return rc;
}

static int
cmd_export(struct cli *c, int argc, char **argv)
{
	struct export_counts	n;

	if (argc != 2)
		return usage_error(c, "export takes one folder");
	if (export_dir(c->store, &c->cf, c->asof, argv[1], &n, &c->err) == -1)
		return -1;
	if (!c->quiet)
		printf("%s: %zu feeds, %zu events, index.html\n", argv[1],
		    n.feeds, n.events);
	return 0;
}

/* 128 random bits as 32 hex digits, from the kernel. */
static int
new_token(char *buf, size_t size, struct error *err)
{
	unsigned char	r[16];
	FILE		*fp;
	size_t		 i;

	if ((fp = fopen("/dev/urandom", "rb")) == NULL ||
	    fread(r, 1, sizeof(r), fp) != sizeof(r)) {
		if (fp != NULL)
			fclose(fp);
		return error_set(err, EXIT_SOFTWARE, "/dev/urandom: cannot "
		    "read random bytes");
	}
	fclose(fp);
	for (i = 0; i < sizeof(r) && 2 * i + 2 < size; i++)
		snprintf(buf + 2 * i, 3, "%02x", r[i]);
	return 0;
}

static int
watch_print(const char *name, const char *token, const struct question *q,
    void *arg)
{
	char	**last = arg;

	if (*last == NULL || strcmp(*last, name) != 0) {
		free(*last);
		*last = xstrdup(name);
		printf("%s\tw/%s.ics\n", name, token);
	}
	if (q != NULL)
		printf("\t%d-%ld\n", q->legislature, q->number);
	return 0;
}

static int
cmd_watch(struct cli *c, int argc, char **argv)
{
	struct question	 q;
	char		 token[40], type[8], *last = NULL;
	int		 i, leg = 0, removed = 0, total = 0, rc;
	long		 num = 0;

	if (argc >= 2 && strcmp(argv[1], "list") == 0) {
		rc = store_watch_each(c->store, watch_print, &last, &c->err);
		free(last);
		return rc;
	}
	if (argc < 3 || (strcmp(argv[1], "add") != 0 &&
	    strcmp(argv[1], "remove") != 0) ||
	    (strcmp(argv[1], "add") == 0 && argc < 4))
		return usage_error(c, "watch add NAME QUESTION..., watch "
		    "remove NAME [QUESTION...] or watch list");
	if (new_token(token, sizeof(token), &c->err) == -1 ||
	    store_begin(c->store, &c->err) == -1)
		return -1;
	if (strcmp(argv[1], "remove") == 0 && argc == 3) {
		rc = store_watch_remove(c->store, argv[2], NULL, &total,
		    &c->err);
		goto commit;
	}
	for (i = 3, rc = 0; i < argc && rc == 0; i++) {
		if ((rc = parse_question_id(c, argv[i], &leg, type,
		    &num)) == -1)
			break;
		question_init(&q);
		str_copy(q.assembly, "AN", sizeof(q.assembly));
		str_copy(q.type, type, sizeof(q.type));
		q.legislature = leg;
		q.number = num;
		if (strcmp(argv[1], "add") == 0)
			rc = store_watch_add(c->store, argv[2], token, &q,
			    &c->err);
		else {
			rc = store_watch_remove(c->store, argv[2], &q,
			    &removed, &c->err);
			total += removed;
		}
	}
commit:
	if (rc == -1 || store_commit(c->store, &c->err) == -1) {
		store_rollback(c->store);
		return -1;
	}
	if (strcmp(argv[1], "remove") == 0 && total == 0)
		return error_set(&c->err, EXIT_NOINPUT, "%s: nothing to "
		    "remove", argv[2]);
	return 0;
}

static int
cmd_config(struct cli *c, int argc, char **argv)
{
	(void)argv;
	if (argc > 1)
		return usage_error(c, "config takes no arguments");
	printf("; %s\n", c->cf.path ? c->cf.path : "built-in defaults");
	config_dump(&c->cf, stdout);
	printf("\n; The rules in force (%s), first match wins:\n",
	    c->cf.rules.ndefs > 0 ? "from [rules] file" : "built in, as in "
	    "rules.conf");
	rules_dump(&c->cf.rules, stdout, "; ");
	return 0;
}

static int
cmd_help(struct cli *c, int argc, char **argv)
{
	const struct cli_cmd	*cmd;

	if (argc < 2) {
		usage_all(stdout);
		return 0;
	}
	if ((cmd = cmd_find(argv[1])) == NULL)
		return usage_error(c, "no command \"%s\"", argv[1]);
	printf("usage: qetracker %s %s\n\n%s.\n", cmd->name, cmd->usage,
	    cmd->summary);
	if (cmd->help != NULL)
		printf("\n%s", cmd->help);
	return 0;
}

static int
cmd_version(struct cli *c, int argc, char **argv)
{
	(void)c;
	(void)argc;
	(void)argv;
	printf("qetracker %s (schema %d)\n", QT_VERSION,
	    store_schema_version());
	return 0;
}

static int
load_config(struct cli *c, const char *path)
{
	char	*found = NULL;
	int	 rc = 0;

	config_defaults(&c->cf);
	if (path == NULL)
		path = found = config_find();
	if (path != NULL)
		rc = config_load_file(&c->cf, path, &c->err);
	free(found);
	return rc;
}

static int
global_options(struct cli *c, int argc, char **argv, const char **config)
{
	static const struct option	 opts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "db", required_argument, NULL, 'd' },
		{ "as-of", required_argument, NULL, 'a' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	int				 ch, verbose = 0;

	while ((ch = getopt_long(argc, argv, "+c:d:qvhV", opts,
	    NULL)) != -1) {
		switch (ch) {
		case 'c':
			*config = optarg;
			break;
		case 'd':
			free(c->db_path);
			c->db_path = xstrdup(optarg);
			break;
		case 'a':
			if (date_parse_iso(optarg, &c->asof) == -1)
				return usage_error(c, "--as-of: \"%s\" is not "
				    "a date YYYY-MM-DD that exists", optarg);
			c->asof_given = 1;
			break;
		case 'q':
			c->quiet = 1;
			break;
		case 'v':
			verbose++;
			c->verbose++;
			break;
		case 'h':
			return 'h';
		case 'V':
			return 'V';
		default:
			return usage_error(c, "unknown option (see "
			    "'qetracker help')");
		}
	}
	log_init("qetracker", c->quiet ? LOG_LEVEL_ERROR : verbose > 1 ?
	    LOG_LEVEL_DEBUG : verbose ? LOG_LEVEL_INFO : LOG_LEVEL_WARN);
	return 0;
}

int
cli_main(int argc, char *argv[])
{
	const struct cli_cmd	*cmd = NULL;
	const char		*config = NULL;
	struct cli		 c;
	int			 rc, g;

	memset(&c, 0, sizeof(c));
	date_init();
	c.asof = DATE_NONE;
	config_defaults(&c.cf);
	if ((g = global_options(&c, argc, argv, &config)) == -1)
		goto out;
	if (g == 'V') {
		rc = cmd_version(&c, 0, NULL);
		goto done;
	}
	if (g == 'h' || optind >= argc) {
		usage_all(g == 'h' ? stdout : stderr);
		rc = g == 'h' ? 0 : -1;
		c.err.status = EXIT_USAGE;
		c.err.msg[0] = '\0';
		goto done;
	}
	c.cmd = argv[optind];
	if ((cmd = cmd_find(c.cmd)) == NULL) {
		usage_error(&c, "no command \"%s\" (see 'qetracker help')",
		    c.cmd);
		c.cmd = NULL;
		goto out;
	}
	if (c.asof == DATE_NONE)
		c.asof = date_today();
	config_free(&c.cf);
	if (load_config(&c, config) == -1)
		goto out;
	i18n_init(c.cf.lang);
	/* Before the database and the network: root is never kept. */
	if ((cmd->flags & CMD_DAEMON) && priv_drop(c.cf.user, &c.err) == -1)
		goto out;
	if ((cmd->flags & CMD_STORE) &&
	    open_store(&c, cmd->flags & CMD_CREATE, cmd->flags & CMD_READ) ==
	    -1)
		goto out;
	argv += optind;
	argc -= optind;
	rc = cmd->exec(&c, argc, argv);
	goto done;
out:
	rc = -1;
done:
	if (rc == -1 && c.err.msg[0] != '\0') {
		fflush(stdout);
		if (c.cmd != NULL)
			fprintf(stderr, "qetracker %s: %s\n", c.cmd, c.err.msg);
		else
			fprintf(stderr, "qetracker: %s\n", c.err.msg);
	}
	store_close(c.store);
	feed_cleanup();
	config_free(&c.cf);
	free(c.db_path);
	if (rc == 0)
		return fflush(stdout) == 0 ? EXIT_OK : EXIT_IOERR;
	return c.err.status ? c.err.status : EXIT_SOFTWARE;
}
