/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * cli_data.c: the commands that write the database: init, import, poll
 * and watch.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_int.h"
#include "assembly.h"
#include "fetch.h"
#include "ingest.h"
#include "lock.h"
#include "log.h"
#include "poll.h"
#include "question.h"
#include "source.h"
#include "store.h"
#include "util.h"

int
cmd_init(struct cli *c, const struct cli_args *a)
{
	(void)a;
	if (!c->quiet)
		printf("%s: database ready (schema version %d)\n", c->db_path,
		    store_schema_version());
	return 0;
}

int
cmd_import(struct cli *c, const struct cli_args *a)
{
	struct ingest_opts	 o;
	struct ingest_result	 res;
	size_t			 i;
	long			 n;
	int			 rc;

	ingest_opts_init(&o, &c->cf.import);
	o.command = "import";

	for (i = 0; i < a->nopts; i++) {
		const char	*v = a->opts[i].value;

		if (a->opts[i].opt->key == 's')
			o.skip_bad = 1;
		else if (str_to_long(v, 1, 16, &n) == 0)
			o.threads = (int)n;
		else
			return cli_usage_error(c, "--threads: \"%s\" is not a "
			    "number from 1 to 16", v);
	}
	o.progress = !c->quiet;
	ingest_result_init(&res);
	rc = ingest_paths(c->store, &c->cf.rules, a->pos, a->npos, &o, &res,
	    &c->err);
	if (res.bad.len > 0)
		fprintf(stderr, "%sqetracker import: skipped %lu bad "
		    "entr%s:\n%s", log_prefix(LOG_LEVEL_WARN), res.counts.bad, res.counts.bad == 1 ? "y" : "ies",
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

int
cmd_poll(struct cli *c, const struct cli_args *a)
{
	struct poll_opts	 po;
	struct poll_settings	 ps = config_poll(&c->cf);
	struct poll_result	 r;
	struct error		 first;
	char			*dir;
	size_t			 i, j;
	int			 fd, pages, rc;

	memset(&po, 0, sizeof(po));
	for (i = 0; i < a->nopts; i++) {
		if (a->opts[i].opt->key == 'f')
			po.force = 1;
		else
			po.skip_bad = 1;
	}
	if (c->cf.nsources == 0)
		return error_set(&c->err, EXIT_CONFIG, "%s: no [source NAME] "
		    "section to poll", c->cf.path ? c->cf.path :
		    "the configuration");
	for (j = 0; j < a->npos; j++)
		if (config_source(&c->cf, a->pos[j]) == NULL)
			return cli_usage_error(c, "no source \"%s\" in %s",
			    a->pos[j], c->cf.path ? c->cf.path :
			    "the configuration");
	if ((fd = lock_acquire(c->db_path, "poll", &c->err)) == -1)
		return -1;
	if (fetch_init(&c->err) == -1) {
		lock_release(fd);
		return -1;
	}
	dir = poll_cache_dir(&c->cf.poll, c->db_path);
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
		int				 wanted = a->npos == 0;

		for (j = 0; j < a->npos; j++)
			wanted |= strcmp(a->pos[j], sc->name) == 0;
		if (!wanted)
			continue;
		error_clear(&c->err);
		pages = source_kind_find(sc->kind)->pages;
		if ((rc = pages ? poll_pages(c->store, &ps, sc, &po, &r,
		    &c->err) : poll_source(c->store, &ps, sc, &po, &r,
		    &c->err)) == -1 && pages && r.pages_changed > 0 &&
		    !c->quiet)
			/* The pages that came were imported all the same. */
			poll_summary(sc->name, &r);
		if (rc == 0) {
			if (!c->quiet)
				poll_summary(sc->name, &r);
			if (r.bad != NULL)
				fprintf(stderr, "%sqetracker poll: %s: skipped "
				    "%lu bad entr%s (tried again next time):\n%s",
				    log_prefix(LOG_LEVEL_WARN), sc->name, r.counts.bad, r.counts.bad == 1 ?
				    "y" : "ies", r.bad);
			free(r.bad);
			continue;
		}
		fprintf(stderr, "%sqetracker poll: %s\n",
		    log_prefix(LOG_LEVEL_ERROR), c->err.msg);
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

/* What watch list prints of each list (all, or only the one named). */
struct watch_out {
	const char	*only;
	char		*last;
};

static int
watch_print(const char *name, const char *token, const struct question *q,
    void *arg)
{
	struct watch_out	*o = arg;
	char			**last = &o->last, label[64];

	if (o->only != NULL && strcmp(o->only, name) != 0)
		return 0;
	if (*last == NULL || strcmp(*last, name) != 0) {
		free(*last);
		*last = xstrdup(name);
		printf("%s\tw/%s.ics\n", name, token);
	}
	if (q != NULL)
		printf("\t%s\n", question_label(q, label, sizeof(label)));
	return 0;
}

/* A watchlist takes only questions the database holds. */
static int
watch_known(struct cli *c, const char *arg, int leg, const char *type,
    long num)
{
	struct question	q;
	size_t		i;
	int		found;

	found = store_get_question(c->store,
	    assembly_default()->id, leg, type, num, &q, &c->err);
	if (found == 1)
		question_clear(&q);
	if (found != 0)
		return found == 1 ? 0 : -1;
	/* A question too new for the dump is what a page source is for. */
	for (i = 0; i < c->cf.nsources; i++)
		if (source_kind_find(c->cf.sources[i].kind)->pages) {
			if (!c->quiet)
				printf("%s: not in the database yet; the pages "
				    "of [source %s] will bring it\n", arg,
				    c->cf.sources[i].name);
			return 0;
		}
	return error_set(&c->err, EXIT_NOINPUT, "%s: no such question in %s "
	    "(AN, legislature %d, %s %ld), and no an-page source to fetch "
	    "it; nothing added", arg, c->db_path, leg, type, num);
}

int
cmd_watch(struct cli *c, const struct cli_args *a)
{
	struct question	 q;
	struct watch_out o = { NULL, NULL };
	char		 token[40], type[8], **argv = a->pos;
	int		 argc = (int)a->npos, i, leg = 0, removed = 0, total = 0;
	int		 rc;
	long		 num = 0;

	if (argc == 1 && strcmp(argv[0], "list") == 0) {
		rc = store_watch_each(c->store, watch_print, &o, &c->err);
		free(o.last);
		return rc;
	}
	if (argc < 2 || (strcmp(argv[0], "add") != 0 &&
	    strcmp(argv[0], "remove") != 0) ||
	    (strcmp(argv[0], "add") == 0 && argc < 3))
		return cli_usage_error(c, "watch add NAME QUESTION..., watch "
		    "remove NAME [QUESTION...] or watch list");
	if (new_token(token, sizeof(token), &c->err) == -1 ||
	    store_begin(c->store, &c->err) == -1)
		return -1;
	if (strcmp(argv[0], "remove") == 0 && argc == 2) {
		rc = store_watch_remove(c->store, argv[1], NULL, &total,
		    &c->err);
		goto commit;
	}
	for (i = 2, rc = 0; i < argc && rc == 0; i++) {
		question_init(&q);
		if (cli_is_reference(argv[i])) {
			/* Only a stored question has a reference to go by. */
			if (cli_find_question(c, argv[i], &q) != 1) {
				rc = -1;
				break;
			}
			rc = strcmp(argv[0], "add") == 0 ?
			    store_watch_add(c->store, argv[1], token, &q,
			    &c->err) : store_watch_remove(c->store, argv[1],
			    &q, &removed, &c->err);
			total += strcmp(argv[0], "add") != 0 ? removed : 0;
			question_clear(&q);
			continue;
		}
		if ((rc = cli_question_id(c, argv[i], &leg, type,
		    &num)) == -1)
			break;
		str_copy(q.assembly, assembly_default()->id,
		    sizeof(q.assembly));
		str_copy(q.type, type, sizeof(q.type));
		q.legislature = leg;
		q.number = num;
		if (strcmp(argv[0], "add") == 0 && (rc = watch_known(c,
		    argv[i], leg, type, num)) == 0)
			rc = store_watch_add(c->store, argv[1], token, &q,
			    &c->err);
		else if (strcmp(argv[0], "remove") == 0) {
			rc = store_watch_remove(c->store, argv[1], &q,
			    &removed, &c->err);
			total += removed;
		}
	}
commit:
	if (rc == -1 || store_commit(c->store, &c->err) == -1) {
		store_rollback(c->store);
		return -1;
	}
	if (strcmp(argv[0], "remove") == 0 && total == 0)
		return error_set(&c->err, EXIT_NOINPUT, "%s: nothing to "
		    "remove", argv[1]);
	if (strcmp(argv[0], "add") == 0 && !c->quiet) {
		/* The list as it now stands, with its secret feed's path. */
		o.only = argv[1];
		rc = store_watch_each(c->store, watch_print, &o, &c->err);
		free(o.last);
	}
	return rc;
}
