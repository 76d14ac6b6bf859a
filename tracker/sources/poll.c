/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * poll.c: one poll of one source.
 *
 * The download goes to CACHE/NAME.zip, or the suffix of its kind (.csv;
 * fetch renames it there only when complete). The validators (ETag, Last-Modified) of a download are stored
 * only with the data it brought, in the same transaction: if applying the
 * archive fails, the next poll asks again with the old validators and
 * gets it again. A failed poll leaves the database as it was, and is
 * reported on standard error (the journal) rather than in the runs table.
 */
#include "poll.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "date.h"
#include "error.h"
#include "fetch.h"
#include "ingest.h"
#include "question.h"
#include "source.h"
#include "util.h"

/* A download of a source's url (or a page of it) to dest. */
static void
source_request(struct fetch_req *req, const struct poll_settings *ps,
    const struct source_conf *sc, const struct poll_opts *po,
    const char *url, const char *dest, const char *etag, const char *lm)
{
	memset(req, 0, sizeof(*req));
	req->url = url;
	req->dest = dest;
	req->etag = etag;
	req->last_modified = lm;
	req->max_bytes = (long long)sc->max_mb << 20;
	req->timeout = sc->timeout;
	req->connect_timeout = sc->connect_timeout;
	req->retries = sc->retries;
	req->backoff_ms = po->backoff_ms;
	req->ca_file = ps->poll->ca_file;
}

static int
record_not_modified(struct store *st, const struct source_conf *sc,
    const char *etag, const char *lm, struct poll_result *res,
    struct error *err)
{
	if (store_begin(st, err) == -1)
		return -1;
	if (store_run_begin(st, "poll", sc->name, date_now(), err) == -1 ||
	    store_source_put(st, sc->name, sc->kind, sc->url, etag, lm,
	    err) == -1 || store_run_finish(st, &res->counts, err) == -1 ||
	    store_commit(st, err) == -1) {
		store_rollback(st);
		return -1;
	}
	return 0;
}

int
poll_source(struct store *st, const struct poll_settings *ps,
    const struct source_conf *sc, const struct poll_opts *po,
    struct poll_result *res, struct error *err)
{
	struct fetch_req	 req;
	struct fetch_res	 fr;
	struct ingest_opts	 io;
	struct ingest_result	 ir;
	char			*etag = NULL, *lm = NULL, *dest;
	char			*paths[1];
	int			 rc = -1;

	memset(res, 0, sizeof(*res));
	memset(&fr, 0, sizeof(fr));
	if (store_source_get(st, sc->name, &etag, &lm, err) == -1)
		return -1;
	dest = xasprintf("%s/%s%s", po->cache_dir, sc->name,
	    source_kind_find(sc->kind)->suffix);
	source_request(&req, ps, sc, po, sc->url, dest, etag, lm);
	if (fetch_get(&req, &fr, err) == -1) {
		error_prefix(err, "%s", sc->name);
		goto out;
	}
	res->attempts = fr.attempts;
	res->resumed = fr.resumed;
	res->counts.http_status = fr.status;
	res->counts.bytes = fr.bytes;
	if (fr.not_modified) {
		res->not_modified = 1;
		res->counts.http_status = fr.status ? fr.status : 304;
		rc = record_not_modified(st, sc, etag, lm, res, err);
		goto out;
	}
	ingest_opts_init(&io, ps->import);
	io.progress = po->progress;
	io.command = "poll";
	io.source = sc->name;
	io.source_kind = sc->kind;
	io.source_url = sc->url;
	io.etag = fr.etag;
	io.last_modified = fr.last_modified;
	io.http_status = fr.status;
	io.bytes = fr.bytes;
	io.max_removed_percent = ps->poll->max_removed_percent;
	io.max_lost_answers = ps->poll->max_lost_answers;
	io.force = po->force;
	io.skip_bad = po->skip_bad || sc->skip_bad;
	ingest_result_init(&ir);
	paths[0] = dest;
	rc = ingest_paths(st, ps->rules, paths, 1, &io, &ir, err);
	res->counts = ir.counts;
	if (rc == 0 && ir.bad.len > 0)
		res->bad = buf_steal(&ir.bad);
	ingest_result_free(&ir);
	if (rc == -1)
		error_prefix(err, "%s", sc->name);
out:
	fetch_res_free(&fr);
	free(etag);
	free(lm);
	free(dest);
	return rc;
}

/* The watched questions of one assembly, each once. */
struct watched {
	const char	*assembly;
	struct question	*v;
	size_t		 n;
};

static int
collect_watched(const char *name, const char *token,
    const struct question *q, void *arg)
{
	struct watched	*w = arg;
	size_t		 i;

	(void)name;
	(void)token;
	if (q == NULL || strcmp(q->assembly, w->assembly) != 0)
		return 0;
	for (i = 0; i < w->n; i++)
		if (w->v[i].legislature == q->legislature &&
		    w->v[i].number == q->number &&
		    strcmp(w->v[i].type, q->type) == 0)
			return 0;
	w->v = xrealloc(w->v, (w->n + 1) * sizeof(*w->v));
	question_init(&w->v[w->n]);
	str_copy(w->v[w->n].assembly, q->assembly, sizeof(q->assembly));
	str_copy(w->v[w->n].type, q->type, sizeof(q->type));
	w->v[w->n].legislature = q->legislature;
	w->v[w->n].number = q->number;
	/* The Sénat's page is named by the question's reference. */
	w->v[w->n].source_uid = xstrdup_null(q->source_uid);
	w->n++;
	return 0;
}

struct fetched {
	char	*key;		/* sources row: "SOURCE/UID" */
	char	*url;
	char	*path;
	char	*etag;
	char	*last_modified;
};

/* Fetches one page; *got is set when a new version landed. */
static int
fetch_page(struct store *st, const struct poll_settings *ps,
    const struct source_conf *sc, const struct poll_opts *po,
    const struct question *q, struct fetched *f, int *got,
    struct error *err)
{
	struct fetch_req	 req;
	struct fetch_res	 fr;
	char			 uid[64], *etag, *lm;
	int			 rc;

	question_uid(q, uid, sizeof(uid));
	f->key = xasprintf("%s/%s", sc->name, uid);
	f->url = sc->url != NULL ? question_expand(sc->url, q) :
	    question_url(q);
	if (f->url == NULL)
		return error_set(err, EXIT_CONFIG, "[source %s]: %s questions "
		    "have no known page address: set url = a template with "
		    "{legislature}, {uid} or {number}", sc->name, q->assembly);
	f->path = xasprintf("%s/%s-%s.html", po->cache_dir, sc->name, uid);
	if (store_source_get(st, f->key, &etag, &lm, err) == -1)
		return -1;
	source_request(&req, ps, sc, po, f->url, f->path, etag, lm);
	rc = fetch_get(&req, &fr, err);
	*got = rc == 0 && !fr.not_modified;
	if (*got) {
		f->etag = xstrdup_null(fr.etag);
		f->last_modified = xstrdup_null(fr.last_modified);
	}
	fetch_res_free(&fr);
	free(etag);
	free(lm);
	return rc;
}

/* Keeps each imported page's validators, for the next poll. */
static int
keep_page_validators(struct store *st, const struct source_conf *sc,
    struct fetched *f, size_t n, struct error *err)
{
	size_t	i;

	if (store_begin(st, err) == -1)
		return -1;
	for (i = 0; i < n; i++)
		if (store_source_put(st, f[i].key, sc->kind, f[i].url,
		    f[i].etag, f[i].last_modified, err) == -1) {
			store_rollback(st);
			return -1;
		}
	return store_commit(st, err);
}

static void
fetched_clear(struct fetched *f)
{
	free(f->key);
	free(f->url);
	free(f->path);
	free(f->etag);
	free(f->last_modified);
}

static void
fetched_free(struct fetched *f, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		fetched_clear(&f[i]);
	free(f);
}

int
poll_pages(struct store *st, const struct poll_settings *ps,
    const struct source_conf *sc, const struct poll_opts *po,
    struct poll_result *res, struct error *err)
{
	struct watched		 w = { source_kind_find(sc->kind)->assembly,
				    NULL, 0 };
	struct fetched		*f = NULL, one;
	struct ingest_opts	 io;
	struct ingest_result	 ir;
	struct error		 e1;
	char			**paths = NULL;
	size_t			 i, n = 0;
	int			 got, rc = -1;

	memset(res, 0, sizeof(*res));
	error_clear(&e1);
	if (store_watch_each(st, collect_watched, &w, err) == -1)
		goto out;
	for (i = 0; i < w.n; i++) {
		memset(&one, 0, sizeof(one));
		got = 0;
		res->pages++;
		/* A page that fails is reported; the others are imported. */
		if (fetch_page(st, ps, sc, po, &w.v[i], &one, &got,
		    err) == -1 && e1.status == 0)
			e1 = *err;
		if (!got) {
			fetched_clear(&one);
			continue;
		}
		f = xrealloc(f, (n + 1) * sizeof(*f));
		f[n++] = one;
	}
	res->pages_changed = (int)n;
	res->not_modified = n == 0 && e1.status == 0;
	if (n > 0) {
		paths = xcalloc(n, sizeof(*paths));
		for (i = 0; i < n; i++)
			paths[i] = f[i].path;
		ingest_opts_init(&io, ps->import);
		io.threads = 1;
		io.command = "poll";
		ingest_result_init(&ir);
		rc = ingest_paths(st, ps->rules, paths, n, &io, &ir, err);
		res->counts = ir.counts;
		ingest_result_free(&ir);
		if (rc == -1 || keep_page_validators(st, sc, f, n, err) == -1)
			goto out;
	}
	/* The pages that came are imported; the one that failed still
	 * makes the poll fail. */
	if (e1.status != 0) {
		*err = e1;
		rc = -1;
		goto out;
	}
	rc = 0;
out:
	if (rc == -1)
		error_prefix(err, "%s", sc->name);
	for (i = 0; i < w.n; i++)
		question_clear(&w.v[i]);
	free(w.v);
	fetched_free(f, n);
	free(paths);
	return rc;
}

char *
poll_cache_dir(const struct poll_conf *pc, const char *db_path)
{
	char	*dir, *slash;

	if (pc->cache_dir != NULL)
		return xstrdup(pc->cache_dir);
	dir = xstrdup(db_path);
	if ((slash = strrchr(dir, '/')) != NULL)
		slash[1] = '\0';
	else
		dir[0] = '\0';
	slash = xasprintf("%scache", dir);
	free(dir);
	return slash;
}

int
poll_make_dir(const char *dir, struct error *err)
{
	char	*p = xasprintf("%s/", dir), *failed;
	int	 rc = 0;

	if (util_mkdirs(p, &failed) == -1) {
		rc = error_set(err, EXIT_CANTCREAT, "%s: %s", failed,
		    error_errno(errno));
		free(failed);
	}
	free(p);
	return rc;
}
