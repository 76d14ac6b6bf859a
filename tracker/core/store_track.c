/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * store_track.c: what qetracker records of its own work: each run and its
 * counts, the entries of each archive (CRC and size, so an unchanged
 * entry is not parsed again), each source's validators, the feeds'
 * events (SEQUENCE and DTSTAMP), watchlists, digests sent, and the
 * site's files and the keys that lead to them.
 */
#include "store.h"
#include "store_int.h"

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "date.h"
#include "error.h"
#include "question.h"
#include "util.h"

int
store_run_begin(struct store *s, const char *command, const char *source,
    long started, struct error *err)
{
	char	t[24];

	if (store_query_do(s, err, "recording the run",
	    "INSERT INTO runs(command, "
	    "source, started, finished) VALUES (?, ?, ?, ?)", "ssss", command,
	    source, date_timestamp(started, t), s->now) == -1)
		return -1;
	s->run_id = (long)sqlite3_last_insert_rowid(s->db);
	return 0;
}

int
store_run_finish(struct store *s, const struct run_counts *c,
    struct error *err)
{
	char	t[24];

	return store_query_do(s, err, "recording the run", "UPDATE runs SET "
	    "finished = ?, files = ?, questions = ?, added = ?, changed = ?, "
	    "unchanged = ?, answered = ?, answered_late = ?, signaled = ?, "
	    "ministry_changes = ?, answers_kept = ?, amo = ?, skipped = ?, "
	    "bad = ?, http_status = ?, bytes = ?, entries = ?, parsed = ?, "
	    "removed = ? WHERE id = ?", "slllllllllllllnLllll",
	    date_timestamp(date_now(), t), (long)c->files, (long)c->questions,
	    (long)c->added, (long)c->changed, (long)c->unchanged,
	    (long)c->answered, (long)c->answered_late, (long)c->signaled,
	    (long)c->ministry_changes, (long)c->answers_kept, (long)c->amo,
	    (long)c->skipped, (long)c->bad, c->http_status,
	    (sqlite3_int64)c->bytes, (long)c->entries, (long)c->parsed,
	    (long)c->removed, s->run_id);
}

int
store_entries_load(struct store *s, const char *source,
    struct entry_rec **out, size_t *n, struct error *err)
{
	const char	*what = "reading archive entries";
	sqlite3_stmt	*st;
	struct entry_rec *v = NULL;
	size_t		 cap = 0;
	int		 step;

	*out = NULL;
	*n = 0;
	if ((st = store_query(s, err, what,
	    "SELECT name, crc, size, question_id "
	    "FROM entries WHERE source = ? ORDER BY name", "s", source)) ==
	    NULL)
		return -1;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 1024;
			v = xrealloc(v, cap * sizeof(*v));
		}
		v[*n].name = store_column_strdup(st, 0);
		v[*n].crc = (unsigned long)sqlite3_column_int64(st, 1);
		v[*n].size = (unsigned long)sqlite3_column_int64(st, 2);
		v[*n].question_id = (long)sqlite3_column_int64(st, 3);
		v[*n].seen = 0;
		(*n)++;
	}
	*out = v;
	return store_query_end(s, st, step, err, what);
}

void
store_entries_free(struct entry_rec *v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(v[i].name);
	free(v);
}

int
store_entry_put(struct store *s, const char *source, const char *name,
    unsigned long crc, unsigned long size, long question_id,
    struct error *err)
{
	sqlite3_stmt	*st = s->st[ST_ENTRY_PUT];

	store_bind_text(st, 1, source);
	store_bind_text(st, 2, name);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)crc);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)size);
	if (question_id > 0)
		sqlite3_bind_int64(st, 5, question_id);
	else
		sqlite3_bind_null(st, 5);
	return store_step_done(s, st, err, "recording an archive entry");
}

int
store_entry_delete(struct store *s, const char *source, const char *name,
    struct error *err)
{
	sqlite3_stmt	*st = s->st[ST_ENTRY_DEL];

	store_bind_text(st, 1, source);
	store_bind_text(st, 2, name);
	return store_step_done(s, st, err, "removing an archive entry");
}

int
store_source_get(struct store *s, const char *name, char **etag,
    char **last_modified, struct error *err)
{
	const char	*what = "reading sources";
	sqlite3_stmt	*st;
	int		 step;

	*etag = *last_modified = NULL;
	if ((st = store_query(s, err, what, "SELECT etag, last_modified FROM "
	    "sources WHERE name = ?", "s", name)) == NULL)
		return -1;
	if ((step = sqlite3_step(st)) == SQLITE_ROW) {
		*etag = store_column_strdup(st, 0);
		*last_modified = store_column_strdup(st, 1);
	}
	return store_query_end(s, st, step, err, what);
}

int
store_source_put(struct store *s, const char *name, const char *kind,
    const char *url, const char *etag, const char *last_modified,
    struct error *err)
{
	return store_query_do(s, err, "recording a source",
	    "INSERT OR REPLACE INTO "
	    "sources(name, kind, url, etag, last_modified, checked) VALUES "
	    "(?, ?, ?, ?, ?, ?)", "ssssss", name, kind, url, etag,
	    last_modified, s->now);
}

int
store_feed_track(struct store *s, const char *uid, uint64_t hash, long now,
    int asof, int *sequence, long *changed, struct error *err)
{
	sqlite3_stmt	*get = s->st[ST_FEED_GET], *put = s->st[ST_FEED_PUT];
	char		 d[DATE_ISO_LEN];
	uint64_t	 had = 0;
	int		 step, last = DATE_NONE;

	store_bind_text(get, 1, uid);
	step = sqlite3_step(get);
	if (step != SQLITE_ROW && step != SQLITE_DONE) {
		sqlite3_reset(get);
		return store_db_error(s, err, "reading feed events");
	}
	if (step == SQLITE_ROW) {
		had = (uint64_t)sqlite3_column_int64(get, 0);
		*sequence = sqlite3_column_int(get, 1);
		*changed = (long)sqlite3_column_int64(get, 2);
		last = store_column_date(get, 3);
	}
	sqlite3_reset(get);
	if (step == SQLITE_ROW) {
		/* A look at a date before the one tracked: history is not
		 * rewritten by looking back. */
		if (last != DATE_NONE && asof < last)
			return 0;
		/* Unchanged: only the date it was last seen at moves. */
		if (had == hash && asof == last)
			return 0;
		if (had != hash) {
			(*sequence)++;
			*changed = now;
		}
	} else {
		*sequence = 0;
		*changed = now;
	}
	store_bind_text(put, 1, uid);
	sqlite3_bind_int64(put, 2, (sqlite3_int64)hash);
	sqlite3_bind_int(put, 3, *sequence);
	sqlite3_bind_int64(put, 4, *changed);
	store_bind_text(put, 5, date_iso(asof, d));
	return store_step_done(s, put, err, "storing feed events");
}

int
store_watch_add(struct store *s, const char *name, const char *token,
    const struct question *q, struct error *err)
{
	if (store_query_do(s, err, "creating a watchlist",
	    "INSERT OR IGNORE INTO "
	    "watchlists(name, token, created) VALUES (?, ?, ?)", "sss", name,
	    token, s->now) == -1)
		return -1;
	if (q == NULL)
		return 0;
	return store_query_do(s, err, "adding to a watchlist",
	    "INSERT OR IGNORE "
	    "INTO watch_items SELECT id, ?, ?, ?, ? FROM watchlists WHERE "
	    "name = ?", "sisls", q->assembly, q->legislature, q->type,
	    q->number, name);
}

int
store_watch_remove(struct store *s, const char *name,
    const struct question *q, int *removed, struct error *err)
{
	const char	*what = "removing from a watchlist";
	int		 rc;

	if (q == NULL)
		rc = store_query_do(s, err, what,
		"DELETE FROM watchlists WHERE name "
		    "= ?", "s", name);
	else
		rc = store_query_do(s, err, what,
		"DELETE FROM watch_items WHERE "
		    "watchlist_id = (SELECT id FROM watchlists WHERE name = ?) "
		    "AND assembly = ? AND legislature = ? AND type = ? AND "
		    "number = ?", "ssisl", name, q->assembly, q->legislature,
		    q->type, q->number);
	*removed = rc == 0 ? sqlite3_changes(s->db) : 0;
	return rc;
}

int
store_watch_each(struct store *s, store_watch_cb cb, void *arg,
    struct error *err)
{
	const char	*what = "reading watchlists";
	sqlite3_stmt	*st;
	int		 step;

	if ((st = store_query(s, err, what,
	    "SELECT w.name, w.token, i.assembly, i.legislature, i.type, "
	    "i.number, q.source_uid FROM watchlists w LEFT JOIN watch_items i "
	    "ON i.watchlist_id = w.id LEFT JOIN questions q ON q.assembly = "
	    "i.assembly AND q.legislature = i.legislature AND q.type = i.type "
	    "AND q.number = i.number ORDER BY w.name, i.assembly, "
	    "i.legislature, i.number", "")) == NULL)
		return -1;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct question	q;

		question_init(&q);
		if (sqlite3_column_type(st, 2) != SQLITE_NULL) {
			str_copy(q.assembly, (const char *)
			    sqlite3_column_text(st, 2), sizeof(q.assembly));
			q.legislature = sqlite3_column_int(st, 3);
			str_copy(q.type, (const char *)sqlite3_column_text(st,
			    4), sizeof(q.type));
			q.number = (long)sqlite3_column_int64(st, 5);
			/* Borrowed for the callback: the feed of a list finds
			 * a Sénat question by its reference. */
			q.source_uid = (char *)sqlite3_column_text(st, 6);
		}
		if (cb((const char *)sqlite3_column_text(st, 0),
		    (const char *)sqlite3_column_text(st, 1),
		    q.number > 0 ? &q : NULL, arg) != 0)
			break;
	}
	return store_query_end(s, st, step, err, what);
}

int
store_digest_last(struct store *s, const char *name, int *period_end,
    char *week, size_t size, struct error *err)
{
	const char	*what = "reading digests";
	sqlite3_stmt	*st;
	int		 step, found = 0;

	*period_end = DATE_NONE;
	if (week != NULL && size > 0)
		week[0] = '\0';
	if ((st = store_query(s, err, what,
	    "SELECT period_end, week FROM digests "
	    "WHERE (?1 IS NULL OR name = ?1) AND state IN ('sent', 'sending') "
	    "ORDER BY id DESC LIMIT 1", "s", name)) == NULL)
		return -1;
	if ((step = sqlite3_step(st)) == SQLITE_ROW) {
		*period_end = store_column_date(st, 0);
		if (week != NULL)
			str_copy(week, (const char *)sqlite3_column_text(st, 1),
			    size);
		found = 1;
	}
	return store_query_end(s, st, step, err, what) == -1 ? -1 : found;
}

int
store_digest_put(struct store *s, const char *name, const char *week,
    int period_start, int period_end, const char *recipients,
    const char *message_id, long *id, struct error *err)
{
	if (store_query_do(s, err, "recording a digest",
	    "INSERT INTO digests(name, "
	    "week, period_start, period_end, recipients, message_id, sent, "
	    "state) VALUES (?, ?, ?, ?, ?, ?, ?, 'sending')", "ssddsss", name,
	    week, period_start, period_end, recipients, message_id,
	    s->now) == -1)
		return -1;
	*id = (long)sqlite3_last_insert_rowid(s->db);
	return 0;
}

int
store_digest_state(struct store *s, const char *name, const char *week,
    struct digest_state *ds, struct error *err)
{
	const char	*what = "reading digests";
	sqlite3_stmt	*st;
	int		 step, found = 0;

	memset(ds, 0, sizeof(*ds));
	if ((st = store_query(s, err, what, "SELECT id, state, attempts, "
	    "coalesce(next_try, 0), coalesce(reason, ''), sent FROM digests "
	    "WHERE name = ? AND week = ? ORDER BY id DESC LIMIT 1", "ss", name,
	    week)) == NULL)
		return -1;
	if ((step = sqlite3_step(st)) == SQLITE_ROW) {
		ds->id = (long)sqlite3_column_int64(st, 0);
		str_copy(ds->state, (const char *)sqlite3_column_text(st, 1),
		    sizeof(ds->state));
		ds->attempts = sqlite3_column_int(st, 2);
		ds->next_try = (long)sqlite3_column_int64(st, 3);
		str_copy(ds->reason, (const char *)sqlite3_column_text(st, 4),
		    sizeof(ds->reason));
		str_copy(ds->when, (const char *)sqlite3_column_text(st, 5),
		    sizeof(ds->when));
		found = 1;
	}
	return store_query_end(s, st, step, err, what) == -1 ? -1 : found;
}

int
store_digest_set(struct store *s, long id, const char *state, int attempts,
    long next_try, const char *reason, struct error *err)
{
	return store_query_do(s, err, "recording a digest",
	    "UPDATE digests SET "
	    "state = ?, attempts = ?, next_try = ?, reason = ?, sent = ? WHERE "
	    "id = ?", "sinssl", state, attempts, next_try, reason, s->now, id);
}

/* The path one of the keys has, or NULL (err->status tells a failure). */
static char *
site_path_find(struct store *s, const char *kind, const char *const *keys,
    size_t nkeys, struct error *err)
{
	sqlite3_stmt	*st;
	char		*path = NULL;
	size_t		 i;
	int		 step = SQLITE_DONE;

	if (sqlite3_prepare_v2(s->db, "SELECT path FROM site_keys WHERE "
	    "kind = ? AND key = ?", -1, &st, NULL) != SQLITE_OK) {
		store_db_error(s, err, "reading the site's files");
		return NULL;
	}
	for (i = 0; i < nkeys && path == NULL; i++) {
		if (keys[i] == NULL)
			continue;
		store_bind_text(st, 1, kind);
		store_bind_text(st, 2, keys[i]);
		if ((step = sqlite3_step(st)) == SQLITE_ROW)
			path = store_column_strdup(st, 0);
		sqlite3_reset(st);
		if (step != SQLITE_ROW && step != SQLITE_DONE) {
			store_db_error(s, err, "reading the site's files");
			break;
		}
	}
	sqlite3_finalize(st);
	return path;
}

char *
store_site_find(struct store *s, const char *kind, const char *const *keys,
    size_t nkeys, struct error *err)
{
	error_clear(err);
	return site_path_find(s, kind, keys, nkeys, err);
}

/* The first free path of want.ics, want-2.ics, ..., recorded. */
static char *
site_path_new(struct store *s, const char *kind, const char *want,
    const char *title, struct error *err)
{
	sqlite3_stmt	*st;
	char		*path = NULL;
	int		 n, step;

	if (sqlite3_prepare_v2(s->db, "INSERT OR IGNORE INTO site_files(path, "
	    "kind, title) VALUES (?, ?, ?)", -1, &st, NULL) != SQLITE_OK) {
		store_db_error(s, err, "recording the site's files");
		return NULL;
	}
	for (n = 1; n <= 100000; n++) {
		path = n == 1 ? xasprintf("%s.ics", want) :
		    xasprintf("%s-%d.ics", want, n);
		store_bind_text(st, 1, path);
		store_bind_text(st, 2, kind);
		store_bind_text(st, 3, title);
		step = sqlite3_step(st);
		sqlite3_reset(st);
		if (step != SQLITE_DONE) {
			store_db_error(s, err, "recording the site's files");
			break;
		}
		if (sqlite3_changes(s->db) == 1)
			break;
		free(path);
		path = NULL;
	}
	sqlite3_finalize(st);
	if (path == NULL && err->status == 0)
		error_set(err, EXIT_SOFTWARE, "%s: no free path for a feed",
		    want);
	if (err->status != 0) {
		free(path);
		path = NULL;
	}
	return path;
}

char *
store_site_path(struct store *s, const char *kind, const char *const *keys,
    size_t nkeys, const char *want, const char *title, int *created,
    struct error *err)
{
	char		*path;
	size_t		 i;

	error_clear(err);
	*created = 0;
	if ((path = site_path_find(s, kind, keys, nkeys, err)) == NULL) {
		if (err->status != 0 || (path = site_path_new(s, kind, want,
		    title, err)) == NULL)
			return NULL;
		*created = 1;
	} else {
		/* The name may have changed: the title follows, the path
		 * stays. */
		if (store_query_do(s, err, "updating the site's files",
		    "UPDATE "
		    "site_files SET title = ? WHERE path = ? AND title IS NOT "
		    "?1", "ss", title, path) == -1)
			goto fail;
	}
	/* Every key of the feed leads to its path from now on. */
	for (i = 0; i < nkeys; i++) {
		if (keys[i] == NULL)
			continue;
		if (store_query_do(s, err, "recording the site's files",
		    "INSERT OR "
		    "IGNORE INTO site_keys(kind, key, path) VALUES (?, ?, ?)",
		    "sss", kind, keys[i], path) == -1)
			goto fail;
	}
	return path;
fail:
	free(path);
	return NULL;
}

int
store_site_each(struct store *s, const char *kind, store_site_cb cb,
    void *arg, struct error *err)
{
	const char	*what = "reading the site's files";
	sqlite3_stmt	*st;
	int		 step, rc = 0;

	if ((st = store_query(s, err, what,
	    "SELECT path, title FROM site_files "
	    "WHERE kind = ? ORDER BY path", "s", kind)) == NULL)
		return -1;
	while ((step = sqlite3_step(st)) == SQLITE_ROW)
		if ((rc = cb((const char *)sqlite3_column_text(st, 0),
		    (const char *)sqlite3_column_text(st, 1), arg)) != 0)
			break;
	return store_query_end(s, st, step, err, what) == -1 ? -1 : rc;
}

int
store_site_keys_each(struct store *s, store_site_key_cb cb, void *arg,
    struct error *err)
{
	const char	*what = "reading the site's files";
	sqlite3_stmt	*st;

	if ((st = store_query(s, err, what,
	    "SELECT kind, key, path FROM site_keys", "")) == NULL)
		return -1;
	return store_rows3(s, st, cb, arg, err, what);
}

int
store_export_files(struct store *s, const char *token, store_export_cb cb,
    void *arg, struct error *err)
{
	const char	*what = "reading the last export's files";
	sqlite3_stmt	*st;
	int		 step, rc = 0;

	if ((st = store_query(s, err, what, "SELECT 1 FROM meta WHERE "
	    "key = 'export_token' AND value = ?", "s", token)) == NULL)
		return -1;
	step = sqlite3_step(st);
	if (store_query_end(s, st, step, err, what) == -1)
		return -1;
	if (step != SQLITE_ROW)
		return 0;
	if ((st = store_query(s, err, what,
	    "SELECT path, key FROM export_files", "")) == NULL)
		return -1;
	while ((step = sqlite3_step(st)) == SQLITE_ROW)
		if ((rc = cb((const char *)sqlite3_column_text(st, 0),
		    (uint64_t)sqlite3_column_int64(st, 1), arg)) != 0)
			break;
	if (store_query_end(s, st, step, err, what) == -1)
		return -1;
	return rc != 0 ? rc : 1;
}

int
store_export_record(struct store *s, const char *token,
    const struct export_rec *v, size_t n, struct error *err)
{
	const char	*what = "recording the export's files";
	sqlite3_stmt	*st;
	size_t		 i;

	if (store_begin(s, err) == -1)
		return -1;
	if (store_query_do(s, err, what, "DELETE FROM export_files", "") ==
	    -1 || store_query_do(s, err, what, "INSERT OR REPLACE INTO "
	    "meta(key, value) VALUES ('export_token', ?)", "s", token) == -1)
		goto fail;
	if ((st = store_query(s, err, what, "INSERT OR REPLACE INTO "
	    "export_files(path, key) VALUES (?, ?)", "")) == NULL)
		goto fail;
	for (i = 0; i < n; i++) {
		store_bind_text(st, 1, v[i].path);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)v[i].key);
		if (store_step_done(s, st, err, what) == -1) {
			sqlite3_finalize(st);
			goto fail;
		}
	}
	sqlite3_finalize(st);
	return store_commit(s, err);
fail:
	store_rollback(s);
	return -1;
}

int
store_site_track(struct store *s, const char *path, uint64_t hash, long now,
    long *changed, struct error *err)
{
	sqlite3_stmt	*st;
	int		 step;

	if ((st = store_query(s, err, "reading the site's files",
	    "SELECT hash, "
	    "changed FROM site_files WHERE path = ?", "s", path)) == NULL)
		return -1;
	step = sqlite3_step(st);
	if (step == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL &&
	    (uint64_t)sqlite3_column_int64(st, 0) == hash) {
		*changed = (long)sqlite3_column_int64(st, 1);
		sqlite3_finalize(st);
		return 0;
	}
	if (store_query_end(s, st, step, err, "reading the site's files") == -1)
		return -1;
	*changed = now;
	return store_query_do(s, err, "recording the site's files",
	    "INSERT INTO "
	    "site_files(path, kind, hash, changed) VALUES (?1, 'file', ?2, ?3) "
	    "ON CONFLICT(path) DO UPDATE SET hash = excluded.hash, changed = "
	    "excluded.changed", "sLl", path, (sqlite3_int64)hash, now);
}
