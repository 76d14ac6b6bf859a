/*
 * poll.c: one poll of one source.
 *
 * The download goes to CACHE/NAME.zip (fetch renames it there only when
 * complete). The validators (ETag, Last-Modified) of a download are stored
 * only with the data it brought, in the same transaction: if applying the
 * archive fails, the next poll asks again with the old validators and
 * gets it again. A failed poll leaves the database as it was, and is
 * reported on standard error (the journal) rather than in the runs table.
 */
#include "poll.h"

#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "date.h"
#include "error.h"
#include "fetch.h"
#include "ingest.h"
#include "util.h"

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
poll_source(struct store *st, const struct config *cf,
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
	dest = xasprintf("%s/%s.zip", po->cache_dir, sc->name);
	memset(&req, 0, sizeof(req));
	req.url = sc->url;
	req.dest = dest;
	req.etag = etag;
	req.last_modified = lm;
	req.max_bytes = (long long)sc->max_mb << 20;
	req.timeout = sc->timeout;
	req.connect_timeout = sc->connect_timeout;
	req.retries = sc->retries;
	req.backoff_ms = po->backoff_ms;
	req.ca_file = cf->poll.ca_file;
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
	memset(&io, 0, sizeof(io));
	io.threads = cf->import_threads;
	io.progress = po->progress;
	io.command = "poll";
	io.source = sc->name;
	io.source_kind = sc->kind;
	io.source_url = sc->url;
	io.etag = fr.etag;
	io.last_modified = fr.last_modified;
	io.http_status = fr.status;
	io.bytes = fr.bytes;
	io.max_removed_percent = cf->poll.max_removed_percent;
	io.max_lost_answers = cf->poll.max_lost_answers;
	io.force = po->force;
	ingest_result_init(&ir);
	paths[0] = dest;
	rc = ingest_paths(st, &cf->rules, paths, 1, &io, &ir, err);
	res->counts = ir.counts;
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
