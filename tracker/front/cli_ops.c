/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * cli_ops.c: the commands that run the service: digest, serve, run,
 * config and version.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_int.h"
#include "date.h"
#include "digest.h"
#include "fetch.h"
#include "lock.h"
#include "log.h"
#include "priv.h"
#include "rules.h"
#include "run.h"
#include "serve.h"
#include "store.h"
#include "util.h"
#include "version.h"
#include "build.h"

static void
digest_print(struct cli *c, const char *name, const char *to,
    const struct digest_run *dr, const struct digest_outcome *o)
{
	char	t[40];

	if (dr->dry_run)
		return;
	if (o->unknown)
		fprintf(stderr, "%sqetracker digest: %s: this week's digest "
		    "(%s) was cut on its way and may have arrived; it is not "
		    "sent twice (--force sends it again)\n",
		    log_prefix(LOG_LEVEL_WARN), name, dr->week);
	else if (o->refused)
		fprintf(stderr, "%sqetracker digest: %s: this week's digest "
		    "(%s) was refused: %s; --force sends it again\n",
		    log_prefix(LOG_LEVEL_ERROR), name, dr->week, o->reason);
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

int
cmd_digest(struct cli *c, const struct cli_args *a)
{
	struct digest_settings	 dg = config_digest_settings(&c->cf);
	struct digest_run	 dr;
	struct digest_outcome	 o;
	struct buf		 to;
	struct error		 first;
	char			 tbuf[40];
	size_t			 i, j;
	int			 fd = -1, rc = 0;

	memset(&dr, 0, sizeof(dr));
	buf_init(&to);
	for (i = 0; i < a->nopts; i++) {
		if (a->opts[i].opt->key == 't')
			buf_printf(&to, "%s%s", to.len ? ", " : "",
			    a->opts[i].value);
		else if (a->opts[i].opt->key == 'n')
			dr.dry_run = 1;
		else
			dr.force = 1;
	}
	dr.to = to.len ? to.data : NULL;
	date_iso_week(c->asof, dr.week, sizeof(dr.week));
	for (j = 0; j < a->npos; j++)
		if (config_digest(&c->cf, a->pos[j]) == NULL) {
			buf_free(&to);
			return cli_usage_error(c, "no digest \"%s\" in %s",
			    a->pos[j],
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
		if (digest_deliver(c->store, &dg, NULL, &dr, c->asof, stdout,
		    &o, &c->err) == -1)
			first = c->err;
		else
			digest_print(c, "default", dr.to, &dr, &o);
	}
	for (i = 0; i < c->cf.ndigests; i++) {
		int	wanted = a->npos == 0;

		for (j = 0; j < a->npos; j++)
			wanted |= strcmp(a->pos[j], c->cf.digests[i].name) == 0;
		if (!wanted)
			continue;
		error_clear(&c->err);
		if (digest_deliver(c->store, &dg, &c->cf.digests[i], &dr,
		    c->asof, stdout, &o, &c->err) == 0) {
			digest_print(c, c->cf.digests[i].name, dr.to ? dr.to :
			    c->cf.digests[i].to, &dr, &o);
			continue;
		}
		fprintf(stderr, "%sqetracker digest: %s\n",
		    log_prefix(LOG_LEVEL_ERROR), c->err.msg);
		if (o.waiting)
			fprintf(stderr, "%sqetracker digest: %s: tried again "
			    "from %s\n", log_prefix(LOG_LEVEL_WARN),
			    c->cf.digests[i].name, date_rfc5322(
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

int
cmd_serve(struct cli *c, const struct cli_args *a)
{
	const char	*listen = NULL;
	size_t		 i;

	for (i = 0; i < a->nopts; i++)
		listen = a->opts[i].value;
	return serve_run(c->store, &c->cf, listen, date_today,
	    c->asof_given ? c->asof : 0, &c->err);
}

int
cmd_run(struct cli *c, const struct cli_args *args)
{
	struct run_args	a;

	if (args->nopts > 0) {
		run_describe(&c->cf, stdout);
		return 0;
	}
	/* Before the database and the network: root is never kept. */
	if (priv_drop(c->cf.user, &c->err) == -1 ||
	    cli_open_store(c, 1, 0) == -1)
		return -1;
	a.config_path = c->cf.path;
	a.db_path = c->db_path;
	a.fixed_asof = c->asof_given ? c->asof : 0;
	if (!c->quiet && c->verbose == 0)
		log_init("qetracker", LOG_LEVEL_INFO);
	return run_daemon(c->store, &c->cf, &a, &c->err);
}

/*
 * The digests' filters against the names the database knows, when there
 * is a database: a misspelt group is found now, not as "0 overdue" every
 * week. Every bad section is reported; the first error is returned.
 */
static int
config_check_digests(struct cli *c)
{
	struct digest_settings	dg = config_digest_settings(&c->cf);
	struct error		first, e;
	struct store		*st = NULL;
	size_t			i;

	if (c->cf.ndigests == 0)
		return 0;
	/* No database yet: the names cannot be checked, the addresses can. */
	if (cli_open_store(c, 0, 1) == 0)
		st = c->store;
	error_clear(&c->err);
	error_clear(&first);
	for (i = 0; i < c->cf.ndigests; i++)
		if (digest_check(st, &dg, &c->cf.digests[i], &e) == -1) {
			fprintf(stderr, "qetracker config: %s\n", e.msg);
			if (first.status == 0)
				first = e;
		}
	if (first.status == 0)
		return 0;
	c->err = first;
	c->err.msg[0] = '\0';	/* printed already */
	return -1;
}

int
cmd_config(struct cli *c, const struct cli_args *a)
{
	(void)a;
	if (config_check_digests(c) == -1)
		return -1;
	printf("; %s\n", c->cf.path ? c->cf.path : "built-in defaults");
	config_dump(&c->cf, stdout);
	printf("\n; The rules in force (%s), first match wins:\n",
	    c->cf.rules.ndefs > 0 ? "from [rules] file" : "built in, as in "
	    "rules.conf");
	rules_dump(&c->cf.rules, stdout, "; ");
	return 0;
}

int
cmd_version(struct cli *c, const struct cli_args *a)
{
	(void)c;
	(void)a;
	if (QT_BUILD_COMMIT[0] != '\0')
		printf("qetracker %s (git %s, schema %d)\n", QT_VERSION,
		    QT_BUILD_COMMIT, store_schema_version());
	else
		printf("qetracker %s (schema %d)\n", QT_VERSION,
		    store_schema_version());
	return 0;
}
