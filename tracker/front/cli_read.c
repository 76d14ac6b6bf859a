/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * cli_read.c: the commands that read the database: list, show, report,
 * stats, ics and export.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "cli_int.h"
#include "assembly.h"
#include "date.h"
#include "export.h"
#include "feed.h"
#include "filter.h"
#include "format.h"
#include "log.h"
#include "i18n.h"
#include "question.h"
#include "report.h"
#include "rules.h"
#include "search.h"
#include "sheet.h"
#include "stats.h"
#include "store.h"
#include "util.h"

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

struct list_rows {
	struct lister	*l;
	int		 asof;
};

static int
list_one(const struct question *q, void *arg)
{
	struct list_rows	*lr = arg;
	struct qstate		 st;

	rules_state(q, lr->asof, &st);
	lister_row(lr->l, q, &st);
	return 0;
}

int
cmd_list(struct cli *c, const struct cli_args *a)
{
	struct filter		 f;
	enum list_format	 fmt = LIST_TABLE;
	struct lister		*l = NULL;
	struct list_rows	 lr;
	long			*ids = NULL;
	size_t			 n, i;
	int			 rc = -1, tty, snap = 0;

	filter_init(&f);
	for (i = 0; i < a->nopts; i++)
		if (a->opts[i].opt->key == 'f' && format_parse(
		    a->opts[i].value, &fmt, &c->err) == -1)
			goto out;
	if (cli_filters(c, a, &f) == -1 ||
	    (snap = store_read_begin(c->store, &c->err)) == -1)
		goto out;
	if (filter_select(c->store, &f, c->asof, &ids, &n, &c->err) == -1)
		goto out;
	log_info("list: %zu question%s pass the filters", n, n == 1 ? "" :
	    "s");
	tty = isatty(STDOUT_FILENO);
	l = lister_start(stdout, fmt, terminal_width(),
	    tty && getenv("NO_COLOR") == NULL);
	lr.l = l;
	lr.asof = c->asof;
	if (store_get_many(c->store, ids, n, list_one, &lr, &c->err) == -1)
		goto out;
	rc = 0;
out:
	lister_end(l);
	store_read_end(c->store, snap);
	free(ids);
	filter_free(&f);
	return rc;
}

int
cmd_search(struct cli *c, const struct cli_args *a)
{
	struct filter		 f;
	struct search_result	 res;
	enum list_format	 fmt = LIST_TABLE;
	struct lister		*l;
	struct question		 q;
	struct qstate		 st;
	struct buf		 words;
	long			 limit = 20;
	size_t			 i;
	int			 rc = -1, snap = 0;

	filter_init(&f);
	buf_init(&words);
	memset(&res, 0, sizeof(res));
	for (i = 0; i < a->nopts; i++)
		if (a->opts[i].opt->key == 'f' && format_parse(
		    a->opts[i].value, &fmt, &c->err) == -1)
			goto out;
		else if (a->opts[i].opt->key == 'n' && str_to_long(
		    a->opts[i].value, 0, 100000, &limit) == -1) {
			cli_usage_error(c, "--limit: \"%s\" is not a number "
			    "from 0 to 100000", a->opts[i].value);
			goto out;
		}
	if (cli_filters(c, a, &f) == -1)
		goto out;
	for (i = 0; i < a->npos; i++)
		buf_printf(&words, "%s%s", i > 0 ? " " : "", a->pos[i]);
	if ((snap = store_read_begin(c->store, &c->err)) == -1 ||
	    search_run(c->store, words.data, &f, c->asof, 0, (size_t)limit,
	    &res, &c->err) == -1)
		goto out;
	log_info("search: %zu question%s match, %zu shown", res.total,
	    res.total == 1 ? "" : "s", res.n);
	l = lister_start(stdout, fmt, terminal_width(),
	    isatty(STDOUT_FILENO) && getenv("NO_COLOR") == NULL);
	lister_hits(l);
	for (i = 0; i < res.n; i++) {
		if (store_get_by_id(c->store, res.v[i].id, 0, &q,
		    &c->err) != 1) {
			lister_end(l);
			goto out;
		}
		rules_state(&q, c->asof, &st);
		lister_hit(l, &q, &st, res.v[i].rank, res.v[i].snippet);
		question_clear(&q);
	}
	lister_end(l);
	if (fmt == LIST_TABLE && res.total > res.n)
		printf(_("%zu more: --limit 0 shows them all\n"),
		    res.total - res.n);
	if (res.newest)
		fprintf(fmt == LIST_TABLE ? stdout : stderr, _("More than %d "
		    "questions have these words: the last recorded come first, "
		    "not the best; more words narrow them.\n"), SEARCH_RANK_MAX);
	rc = 0;
out:
	store_read_end(c->store, snap);
	search_result_free(&res);
	buf_free(&words);
	filter_free(&f);
	return rc;
}

/*
 * Reads QANR5L17QE6750, 17-6750 or 6750 into an identity. A bare
 * number belongs to the configured legislature, else to the one running
 * at the as-of date.
 */
int
cli_question_id(struct cli *c, const char *s, int *leg, char *type,
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
		    rules_legislature_at(
		    assembly_default()->id, c->asof);
	} else
		return cli_usage_error(c, "\"%s\" is not a question (expected "
		    "QANR5L17QE6750, 17-6750 or 6750)", s);
	if (l < 1 || l > 99 || n < 1)
		return cli_usage_error(c, "\"%s\" is not a question", s);
	*leg = (int)l;
	*num = n;
	return 0;
}

int
cli_is_reference(const char *s)
{
	return strncmp(s, "SEQ", 3) == 0;
}

int
cli_find_question(struct cli *c, const char *s, struct question *q)
{
	char	type[8] = "";
	long	num = 0;
	int	leg = 0, found;

	if (cli_is_reference(s)) {
		found = store_get_question_uid(c->store, s, q, &c->err);
		if (found == 0)
			error_set(&c->err, EXIT_NOINPUT, "%s: no such question "
			    "in %s", s, c->db_path);
		return found == 1 ? 1 : found == 0 ? 0 : -1;
	}
	if (cli_question_id(c, s, &leg, type, &num) == -1)
		return -1;
	found = store_get_question(c->store, assembly_default()->id, leg,
	    type, num, q, &c->err);
	if (found == 0)
		error_set(&c->err, EXIT_NOINPUT, "%s: no such question in %s "
		    "(%s, legislature %d, %s %ld)", s, c->db_path,
		    assembly_default()->id, leg, type, num);
	return found;
}

/* The timeline: events, with the deadlines placed among them. */
static void
print_step(int date, const char *what, void *arg)
{
	char	d[I18N_DATE_LEN];

	(void)arg;
	/* The longest date, "30 septembre 2025", sets the column. */
	fputs("  ", stdout);
	fput_cell(stdout, date != DATE_NONE ? i18n_date(date, d, sizeof(d)) :
	    _("(no date)"), 17);
	printf("  %s\n", what);
}

static void
print_timeline(const struct question *q)
{
	printf("\n%s\n", _("Timeline:"));
	rules_timeline(q, print_step, NULL);
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
	char		 uid[64], label[64], *url = question_url(q), *s;

	question_uid(q, uid, sizeof(uid));
	rules_state(q, c->asof, &st);
	question_label(q, label, sizeof(label));
	if (strcmp(label, uid) != 0)
		printf("%s %s (%s)\n", q->type, label, uid);
	else
		printf("%s %s\n", q->type, label);
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
	if (st.status == QS_OVERDUE) {
		buf_reset(&b);
		report_next_step(&b, q, c->asof, c->cf.rules.signal_days);
		if (b.len > 0)
			print_field(_("Next step:"), b.data);
	}
	buf_free(&b);
	print_field(_("Link:"), url);
	free(url);
	if (q->excerpt != NULL)
		printf("\n%s\n", q->excerpt);
	if (q->answer_excerpt != NULL)
		printf("\n%s\n%s\n", _("Answer:"), q->answer_excerpt);
	print_timeline(q);
}

/* What the data contradicts, under the question's timeline. */
static int
print_anomaly(const char *kind, const char *detail, const char *recorded,
    void *arg)
{
	char	 day[I18N_DATE_LEN], *line;
	int	 d;

	(void)arg;
	/* The kind and the detail are the data's words, as recorded. */
	line = xasprintf(_("%s: %s (recorded on %s)"), kind, detail ? detail :
	    "", recorded != NULL && date_parse(recorded, &d) == 0 ?
	    i18n_date(d, day, sizeof(day)) : "?");
	print_field(_("Anomaly:"), line);
	free(line);
	return 0;
}

int
cmd_show(struct cli *c, const struct cli_args *a)
{
	struct question	 q;
	struct qstate	 st;
	const char	*fmt = "text";
	size_t		 i;
	json_t		*o;

	for (i = 0; i < a->nopts; i++)
		fmt = a->opts[i].value;
	if (strcmp(fmt, "text") != 0 && strcmp(fmt, "json") != 0)
		return cli_usage_error(c, "--format: \"%s\" is not text or "
		    "json", fmt);
	if (cli_find_question(c, a->pos[0], &q) != 1)
		return -1;
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
FILE *
cli_open_output(struct cli *c, const char *path, char **tmp)
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

int
cli_close_output(struct cli *c, FILE *fp, char *tmp, const char *path, int ok)
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

/*
 * A spreadsheet, which libxlsxwriter writes to a file it names: into a
 * temporary file beside -o's path, renamed into place; or, without -o,
 * into one in TMPDIR copied to standard output, which must not be a
 * terminal (the bytes are not text).
 */
static int
write_sheet(struct cli *c, const char *out, const struct report *r,
    const struct stats *s)
{
	const char	*dir = getenv("TMPDIR");
	char		*tmp, buf[65536];
	FILE		*fp;
	size_t		 n;
	int		 fd, rc;

	if (out == NULL && isatty(STDOUT_FILENO))
		return error_set(&c->err, EXIT_USAGE, "--format xlsx writes a "
		    "file: give -o FILE, or redirect standard output");
	tmp = out != NULL ? xasprintf("%s.tmp-XXXXXX", out) :
	    xasprintf("%s/qetracker-XXXXXX", dir != NULL && *dir != '\0' ?
	    dir : "/tmp");
	if ((fd = mkstemp(tmp)) == -1) {
		rc = error_set(&c->err, EXIT_CANTCREAT, "%s: %s", out != NULL ?
		    out : tmp, error_errno(errno));
		free(tmp);
		return rc;
	}
	fchmod(fd, 0644);
	close(fd);
	rc = r != NULL ? sheet_report(tmp, r, &c->err) : sheet_stats(tmp, s,
	    &c->err);
	if (rc == 0 && out != NULL && rename(tmp, out) == -1)
		rc = error_set(&c->err, EXIT_CANTCREAT, "%s: %s", out,
		    error_errno(errno));
	else if (rc == 0 && out == NULL) {
		if ((fp = fopen(tmp, "rb")) == NULL)
			rc = error_set(&c->err, EXIT_IOERR, "%s: %s", tmp,
			    error_errno(errno));
		else {
			while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
				if (fwrite(buf, 1, n, stdout) != n)
					break;
			if (ferror(fp) || ferror(stdout) || fflush(stdout) != 0)
				rc = error_set(&c->err, EXIT_IOERR, "standard "
				    "output: write error");
			fclose(fp);
		}
	}
	if (rc == -1 || out == NULL)
		unlink(tmp);
	free(tmp);
	return rc;
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
out_opts(struct cli *c, const struct cli_args *a, struct out_opts *o)
{
	size_t	i;

	for (i = 0; i < a->nopts; i++) {
		const char	*v = a->opts[i].value;

		switch (a->opts[i].opt->key) {
		case 's':
			if (cli_date(c, "--since", v, &o->since) == -1)
				return -1;
			break;
		case 'u':
			if (cli_date(c, "--until", v, &o->until) == -1)
				return -1;
			break;
		case 'b':
			if (report_parse_by(v, &o->by, &c->err) == -1)
				return -1;
			break;
		case 'f':
			if (report_parse_format(v, &o->fmt, &c->err) == -1)
				return -1;
			break;
		case 'o':
			o->out = v;
			break;
		}
	}
	return cli_filters(c, a, &o->f);
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

int
cmd_report(struct cli *c, const struct cli_args *a)
{
	struct out_opts		 o = { .fmt = RF_TEXT, .by = BY_MINISTRY,
				    .since = DATE_NONE, .until = DATE_NONE };
	struct report_opts	 ro;
	struct report		 r;
	char			*tmp = NULL, *feed;
	FILE			*fp = stdout;
	int			 rc = -1;

	filter_init(&o.f);
	if (out_opts(c, a, &o) == -1)
		goto done;
	feed = xasprintf("%s/all.ics", c->cf.feed.base_url);
	ro.filter = &o.f;
	ro.asof = c->asof;
	ro.since = period_start(c, o.since);
	ro.by = o.by;
	ro.feed_url = feed;
	ro.rules = &c->cf.rules;
	if (report_build(c->store, &ro, &r, &c->err) == 0) {
		if (o.fmt == RF_XLSX)
			rc = write_sheet(c, o.out, &r, NULL);
		else if (o.out == NULL || (fp = cli_open_output(c, o.out,
		    &tmp)) != NULL) {
			rc = report_write(fp, &r, o.fmt, o.out == NULL &&
			    o.fmt == RF_TEXT && isatty(STDOUT_FILENO) &&
			    getenv("NO_COLOR") == NULL);
			if (rc == -1)
				error_set(&c->err, EXIT_IOERR, "%s: write error",
				    o.out ? o.out : "standard output");
			if (o.out != NULL)
				rc = cli_close_output(c, fp, tmp, o.out, rc == 0);
		}
		report_free(&r);
	}
	free(feed);
done:
	filter_free(&o.f);
	return rc;
}

int
cmd_stats(struct cli *c, const struct cli_args *a)
{
	struct out_opts		 o = { .fmt = RF_TEXT, .by = BY_MINISTRY,
				    .since = DATE_NONE, .until = DATE_NONE };
	struct stats		 v[STATS_CHAMBERS + 1];
	const struct stats	*p[STATS_CHAMBERS + 1];
	char			*tmp = NULL;
	FILE			*fp = stdout;
	size_t			 n = 0, i;
	int			 rc = -1;

	filter_init(&o.f);
	if (out_opts(c, a, &o) == -1)
		goto done;
	/* Each chamber's own table too, when the output is for people. */
	if (stats_build_split(c->store, &o.f, c->asof, o.since, o.until,
	    o.f.assembly[0] == '\0' && (o.fmt == RF_TEXT || o.fmt ==
	    RF_MARKDOWN || o.fmt == RF_HTML), v, &n, &c->err) == -1)
		goto done;
	for (i = 0; i < n; i++)
		p[i] = &v[i];
	if (o.fmt == RF_XLSX)
		rc = write_sheet(c, o.out, NULL, &v[0]);
	else if (o.out == NULL || (fp = cli_open_output(c, o.out, &tmp)) !=
	    NULL) {
		rc = stats_write_all(fp, p, n, o.fmt);
		if (rc == -1)
			error_set(&c->err, EXIT_IOERR, "%s: write error",
			    o.out ? o.out : "standard output");
		if (o.out != NULL)
			rc = cli_close_output(c, fp, tmp, o.out, rc == 0);
	}
done:
	for (i = 0; i < n; i++)
		stats_free(&v[i]);
	filter_free(&o.f);
	return rc;
}

int
cmd_ics(struct cli *c, const struct cli_args *a)
{
	struct filter		 f;
	struct feed_set		 set;
	struct feed_meta	 m;
	const char		*out = NULL;
	char			*tmp = NULL;
	FILE			*fp = stdout;
	size_t			 i;
	int			 rc = -1;

	filter_init(&f);
	memset(&set, 0, sizeof(set));
	m.name = _(FEED_ALL_NAME);
	m.description = _(FEED_ALL_DESC);
	for (i = 0; i < a->nopts; i++)
		if (a->opts[i].opt->key == 'o')
			out = a->opts[i].value;
	if (cli_filters(c, a, &f) == -1)
		goto done;
	if (feed_collect(c->store, &f, c->asof, &c->cf.rules, &c->cf.feed,
	    &set, &c->err) == -1)
		goto done;
	if (out != NULL && (fp = cli_open_output(c, out, &tmp)) == NULL)
		goto done;
	rc = feed_write(fp, &m, &c->cf.feed, &set, NULL, set.n);
	if (rc == -1)
		error_set(&c->err, EXIT_IOERR, "%s: write error",
		    out ? out : "standard output");
	if (out != NULL)
		rc = cli_close_output(c, fp, tmp, out, rc == 0);
done:
	feed_set_free(&set);
	filter_free(&f);
	return rc;
}

int
cmd_export(struct cli *c, const struct cli_args *a)
{
	struct export_counts	n;
	struct site_settings	ss = config_site(&c->cf);

	if (export_dir(c->store, &ss, c->asof, a->pos[0], &n,
	    &c->err) == -1)
		return -1;
	if (!c->quiet)
		printf("%s: %zu feeds, %zu events, index.html\n", a->pos[0],
		    n.feeds, n.events);
	log_info("%s: %zu files as they were (kept, not rewritten), %zu "
	    "question pages", a->pos[0], n.unchanged, n.pages);
	return 0;
}
