/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * store.c: the SQLite database.
 *
 * One row per question, identified by (assembly, legislature, type,
 * number), with the deadlines the rules computed and the rule id, so that
 * "due within 14 days" is an index scan; status depends on the as-of date
 * and is computed when read. Events accumulate (INSERT OR IGNORE), so a
 * later file never erases history. The schema is versioned with PRAGMA
 * user_version and upgraded forward by the migrations below. Dates are
 * ISO text, timestamps UTC ISO text.
 *
 * This file holds the handle, the schema and its migrations, transactions
 * and the helpers every store_*.c shares (store_int.h); the questions are
 * in store_question.c, what qetracker records of its own runs and outputs
 * in store_track.c.
 */
#include "store.h"
#include "store_int.h"

#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "date.h"
#include "error.h"
#include "util.h"

static const char *const migrations[] = {
	/* 1: the first schema. */
	"CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
	"CREATE TABLE questions("
	" id INTEGER PRIMARY KEY,"
	" assembly TEXT NOT NULL, legislature INTEGER NOT NULL,"
	" type TEXT NOT NULL, number INTEGER NOT NULL,"
	" title TEXT, rubric TEXT, heading TEXT, excerpt TEXT,"
	" author_ref TEXT, author_name TEXT, group_ref TEXT,"
	" group_abbrev TEXT, group_name TEXT, ministry_asked_ref TEXT,"
	" ministry_asked TEXT, ministry_ref TEXT, ministry TEXT,"
	" published_page TEXT, answer_page TEXT, closure_code TEXT,"
	" closure_label TEXT,"
	" published TEXT, reattributed TEXT, signaled TEXT, renewed TEXT,"
	" answered TEXT, closed TEXT,"
	" closure TEXT, rule TEXT, deadline TEXT, deadline_ext TEXT,"
	" signal_deadline TEXT, lapse_date TEXT,"
	" hash INTEGER NOT NULL, source TEXT, first_seen TEXT NOT NULL,"
	" updated TEXT NOT NULL,"
	" UNIQUE(assembly, legislature, type, number));"
	"CREATE INDEX questions_deadline ON questions(deadline);"
	"CREATE INDEX questions_author ON questions(author_ref);"
	"CREATE INDEX questions_ministry ON questions(ministry_ref);"
	"CREATE TABLE events("
	" id INTEGER PRIMARY KEY,"
	" question_id INTEGER NOT NULL REFERENCES questions(id)"
	"  ON DELETE CASCADE,"
	" kind TEXT NOT NULL, date TEXT NOT NULL DEFAULT '',"
	" detail TEXT NOT NULL DEFAULT '', recorded TEXT NOT NULL,"
	" UNIQUE(question_id, kind, date, detail));"
	"CREATE TABLE actors(ref TEXT PRIMARY KEY, name TEXT);"
	"CREATE TABLE organs(ref TEXT PRIMARY KEY, kind TEXT, name TEXT,"
	" abbrev TEXT, legislature INTEGER);"
	"CREATE TABLE anomalies(id INTEGER PRIMARY KEY,"
	" question_id INTEGER REFERENCES questions(id) ON DELETE CASCADE,"
	" kind TEXT NOT NULL, detail TEXT, recorded TEXT NOT NULL);"
	"CREATE TABLE sources(name TEXT PRIMARY KEY, kind TEXT, url TEXT,"
	" etag TEXT, last_modified TEXT, checked TEXT);"
	"CREATE TABLE entries(source TEXT NOT NULL, name TEXT NOT NULL,"
	" crc INTEGER NOT NULL, size INTEGER NOT NULL,"
	" PRIMARY KEY(source, name));"
	"CREATE TABLE runs(id INTEGER PRIMARY KEY, command TEXT NOT NULL,"
	" source TEXT, started TEXT NOT NULL, finished TEXT NOT NULL,"
	" files INTEGER, questions INTEGER, added INTEGER, changed INTEGER,"
	" unchanged INTEGER, answered INTEGER, answered_late INTEGER,"
	" signaled INTEGER, ministry_changes INTEGER, answers_kept INTEGER,"
	" amo INTEGER, skipped INTEGER, bad INTEGER);",
	/* 2: calendar feeds (SEQUENCE per event) and watchlists. */
	"CREATE TABLE feed_events(uid TEXT PRIMARY KEY,"
	" hash INTEGER NOT NULL, sequence INTEGER NOT NULL,"
	" changed INTEGER NOT NULL);"
	"CREATE TABLE watchlists(id INTEGER PRIMARY KEY,"
	" name TEXT NOT NULL UNIQUE, token TEXT NOT NULL UNIQUE,"
	" created TEXT NOT NULL);"
	"CREATE TABLE watch_items("
	" watchlist_id INTEGER NOT NULL REFERENCES watchlists(id)"
	"  ON DELETE CASCADE,"
	" assembly TEXT NOT NULL, legislature INTEGER NOT NULL,"
	" type TEXT NOT NULL, number INTEGER NOT NULL,"
	" PRIMARY KEY(watchlist_id, assembly, legislature, type, number));",
	/* 3: polls: what each run fetched and parsed; events name their run;
	 * entries name their question. */
	"ALTER TABLE runs ADD COLUMN http_status INTEGER;"
	"ALTER TABLE runs ADD COLUMN bytes INTEGER;"
	"ALTER TABLE runs ADD COLUMN entries INTEGER;"
	"ALTER TABLE runs ADD COLUMN parsed INTEGER;"
	"ALTER TABLE runs ADD COLUMN removed INTEGER;"
	"ALTER TABLE events ADD COLUMN run_id INTEGER REFERENCES runs(id);"
	"ALTER TABLE entries ADD COLUMN question_id INTEGER;"
	"CREATE INDEX events_run ON events(run_id);",
	/* 4: digests sent, so "since the last digest" and once a week work. */
	"CREATE TABLE digests(id INTEGER PRIMARY KEY, name TEXT NOT NULL,"
	" week TEXT NOT NULL, period_start TEXT NOT NULL,"
	" period_end TEXT NOT NULL, recipients TEXT NOT NULL,"
	" message_id TEXT NOT NULL, sent TEXT NOT NULL);"
	"CREATE INDEX digests_name ON digests(name, week);",
	/* 5: the as-of date an event was last tracked at, so a look at a
	 * past date never moves SEQUENCE; the files of the site, so a feed's
	 * path stays once published and Last-Modified moves with the body. */
	"ALTER TABLE feed_events ADD COLUMN asof TEXT;"
	"CREATE TABLE site_files(path TEXT PRIMARY KEY,"
	" kind TEXT NOT NULL, title TEXT, hash INTEGER, changed INTEGER);"
	"CREATE TABLE site_keys(kind TEXT NOT NULL, key TEXT NOT NULL,"
	" path TEXT NOT NULL REFERENCES site_files(path),"
	" PRIMARY KEY(kind, key));",
	/* 6: a digest's state, recorded before it is sent, so that a retry
	 * never sends it twice: sending, sent, retry (a temporary failure,
	 * tried again from next_try on), failed (refused for good). */
	"ALTER TABLE digests ADD COLUMN state TEXT NOT NULL DEFAULT 'sent';"
	"ALTER TABLE digests ADD COLUMN attempts INTEGER NOT NULL DEFAULT 1;"
	"ALTER TABLE digests ADD COLUMN next_try INTEGER;"
	"ALTER TABLE digests ADD COLUMN reason TEXT;",
	/* 7: an anomaly is recorded once, however often it is seen. */
	"UPDATE anomalies SET detail = '' WHERE detail IS NULL;"
	"DELETE FROM anomalies WHERE id NOT IN (SELECT min(id) FROM "
	" anomalies GROUP BY question_id, kind, detail);"
	"CREATE UNIQUE INDEX anomalies_once ON anomalies(question_id, kind,"
	" detail);",
	/* 8: every count when changes of ministry restart the clock, so that
	 * a status at an earlier date uses the deadline then in force.
	 * Forgetting the rules' fingerprint recomputes them all. */
	"ALTER TABLE questions ADD COLUMN deadline_steps TEXT;"
	"DELETE FROM meta WHERE key = 'rules';",
	/* 9: members, groups and ministries as neutral rows keyed by their
	 * assembly, so a senator and a deputy are the same kind of row.
	 * Until now every name came from the Assemblée's AMO files. */
	"CREATE TABLE members(assembly TEXT NOT NULL, ref TEXT NOT NULL,"
	" name TEXT, PRIMARY KEY(assembly, ref));"
	"INSERT INTO members SELECT 'AN', ref, name FROM actors;"
	"CREATE TABLE bodies(assembly TEXT NOT NULL, ref TEXT NOT NULL,"
	" kind TEXT NOT NULL, code TEXT, name TEXT, abbrev TEXT,"
	" legislature INTEGER, PRIMARY KEY(assembly, ref));"
	"INSERT INTO bodies SELECT 'AN', ref, CASE kind WHEN 'GP' THEN 'group'"
	" WHEN 'MINISTERE' THEN 'ministry' ELSE 'body' END, kind, name,"
	" abbrev, legislature FROM organs;"
	"DROP TABLE actors;"
	"DROP TABLE organs;"
	/* The source's own identifier (the Sénat's reference). */
	"ALTER TABLE questions ADD COLUMN source_uid TEXT;"
	"CREATE INDEX questions_source_uid ON questions(source_uid);",
	/* 10: the start of the answer's text, for the digest. The next
	 * import fills it in: a question's hash counts it once it has one. */
	"ALTER TABLE questions ADD COLUMN answer_excerpt TEXT;",
	/* 11: the whole texts, in a full-text index that holds them (so they
	 * are stored once), accents folded. Rows start from the excerpts;
	 * every poll entry is parsed again once, which stores the whole
	 * texts (the questions' hashes count them). */
	"CREATE VIRTUAL TABLE texts USING fts5(title, rubric, heading,"
	" question, answer, tokenize = 'unicode61 remove_diacritics 2');"
	"INSERT INTO texts(rowid, title, rubric, heading, question, answer)"
	" SELECT id, title, rubric, heading, excerpt, answer_excerpt"
	" FROM questions WHERE published IS NOT NULL;"
	"UPDATE entries SET crc = -1;"
	/* Fewer, larger merges: the import of a whole archive writes each
	 * question's texts once (measured in docs/performance.md). */
	"INSERT INTO texts(texts, rank) VALUES ('automerge', 8);"
	"INSERT INTO texts(texts, rank) VALUES ('hashsize', 8388608);",
	/* 12: what the last export wrote, for the next one: a key per
	 * path (the bytes' hash; for a question page, its inputs'), valid
	 * for the folder whose mark holds meta's export_token. */
	"CREATE TABLE export_files(path TEXT PRIMARY KEY,"
	" key INTEGER NOT NULL) WITHOUT ROWID;",
};

#define NMIGRATIONS	((int)(sizeof(migrations) / sizeof(migrations[0])))

int
store_db_error(struct store *s, struct error *err, const char *what)
{
	int	code = sqlite3_errcode(s->db);
	int	status = EXIT_IOERR;

	if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
		status = EXIT_TEMPFAIL;
	else if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT)
		status = EXIT_DATAERR;
	else if (code == SQLITE_CANTOPEN || code == SQLITE_READONLY ||
	    code == SQLITE_FULL)
		status = EXIT_CANTCREAT;
	return error_set(err, status, "%s: %s: %s%s", s->path, what,
	    sqlite3_errmsg(s->db), status == EXIT_TEMPFAIL ?
	    " (another qetracker is writing; try again later)" : "");
}

static int
exec(struct store *s, const char *sql, struct error *err)
{
	if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return store_db_error(s, err, sql);
	return 0;
}

/* A PRAGMA that answers one number, or -1 when it cannot be read. */
static long long
pragma_int(struct store *s, const char *sql)
{
	sqlite3_stmt	*st;
	long long	 v = -1;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static int
user_version(struct store *s, int *v, struct error *err)
{
	long long	n = pragma_int(s, "PRAGMA user_version");

	if (n < 0)
		return store_db_error(s, err, "reading the schema version");
	*v = (int)n;
	return 0;
}

static int
migrate(struct store *s, struct error *err)
{
	char	sql[64];
	int	v = 0, i;

	if (user_version(s, &v, err) == -1)
		return -1;
	if (v > NMIGRATIONS)
		return error_set(err, EXIT_DATAERR, "%s: schema version %d is "
		    "newer than this qetracker (%d): upgrade qetracker",
		    s->path, v, NMIGRATIONS);
	if (v == NMIGRATIONS)
		return 0;
	if (exec(s, "BEGIN IMMEDIATE", err) == -1)
		return -1;
	/* Re-read under the write lock: another process may have won. */
	if (user_version(s, &v, err) == -1)
		goto fail;
	for (i = v; i < NMIGRATIONS; i++)
		if (exec(s, migrations[i], err) == -1)
			goto fail;
	snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", NMIGRATIONS);
	if (exec(s, sql, err) == -1 || exec(s, "COMMIT", err) == -1)
		goto fail;
	return 0;
fail:
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

static int
prepare(struct store *s, struct error *err)
{
	struct buf	 ins, upd, byid;
	const char	*sql[ST_COUNT];
	int		 i, rc = 0;

	buf_init(&ins);
	buf_init(&upd);
	buf_init(&byid);
	store_question_sql(&ins, &upd);
	store_select_sql(&byid, "WHERE q.id = ?");
	sql[ST_BYID] = byid.data;
	sql[ST_FIND] = "SELECT id, hash, answered, answer_page, signaled, "
	    "ministry_ref, closed, closure, closure_code, closure_label, "
	    "answer_excerpt "
	    "FROM questions WHERE assembly = ? AND legislature = ? AND "
	    "type = ? AND number = ?";
	sql[ST_INSERT] = ins.data;
	sql[ST_UPDATE] = upd.data;
	sql[ST_EVENT] = "INSERT OR IGNORE INTO events(question_id, kind, "
	    "date, detail, recorded, run_id) VALUES (?, ?, ?, ?, ?, ?)";
	sql[ST_MEMBER] = "INSERT INTO members(assembly, ref, name) VALUES "
	    "(?, ?, ?) ON CONFLICT(assembly, ref) DO UPDATE SET "
	    "name = excluded.name";
	sql[ST_BODY] = "INSERT INTO bodies(assembly, ref, kind, code, name, "
	    "abbrev, legislature) VALUES (?, ?, ?, ?, ?, ?, ?) "
	    "ON CONFLICT(assembly, ref) DO UPDATE SET kind = excluded.kind, "
	    "code = excluded.code, name = excluded.name, "
	    "abbrev = excluded.abbrev, legislature = excluded.legislature";
	sql[ST_FEED_GET] = "SELECT hash, sequence, changed, asof FROM "
	    "feed_events WHERE uid = ?";
	sql[ST_FEED_PUT] = "INSERT OR REPLACE INTO feed_events(uid, hash, "
	    "sequence, changed, asof) VALUES (?, ?, ?, ?, ?)";
	sql[ST_ENTRY_PUT] = "INSERT OR REPLACE INTO entries(source, name, crc, "
	    "size, question_id) VALUES (?, ?, ?, ?, ?)";
	sql[ST_ENTRY_DEL] = "DELETE FROM entries WHERE source = ? AND "
	    "name = ?";
	/* A text the source did not give this time stays (a page has none;
	 * an answer never goes). */
	sql[ST_TEXTS] = "INSERT OR REPLACE INTO texts(rowid, title, rubric, "
	    "heading, question, answer) VALUES (?1, ?2, ?3, ?4, "
	    "coalesce(?5, (SELECT question FROM texts WHERE rowid = ?1), ?7), "
	    "coalesce(?6, (SELECT answer FROM texts WHERE rowid = ?1), ?8))";
	sql[ST_TEXTS_DEL] = "DELETE FROM texts WHERE rowid = ?";
	sql[ST_TEXTS_NEW] = "INSERT INTO texts(rowid, title, rubric, heading, "
	    "question, answer) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
	sql[ST_ANOMALY] =
	    "INSERT OR IGNORE INTO anomalies(question_id, kind, detail, "
	    "recorded) VALUES (?, ?, ?, ?)";
	for (i = 0; i < ST_COUNT; i++)
		if (sqlite3_prepare_v3(s->db, sql[i], -1,
		    SQLITE_PREPARE_PERSISTENT, &s->st[i], NULL) != SQLITE_OK) {
			rc = store_db_error(s, err, "preparing statements");
			break;
		}
	buf_free(&ins);
	buf_free(&upd);
	buf_free(&byid);
	return rc;
}

int
store_schema_version(void)
{
	return NMIGRATIONS;
}

/*
 * A new database is the owner's only (0600), whatever the umask: it holds
 * the watchlists' secret tokens. SQLite gives its -wal and -shm files the
 * database's mode. An existing file keeps its mode.
 */
static void
create_private(const char *path)
{
	int	fd;

	fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
	    0600);
	if (fd != -1)
		close(fd);
}

/*
 * SQLite's settings for the whole process, before its first use. Its
 * count of memory in use takes a global mutex on every allocation and
 * free (a column's text, a statement's reset): 13 % of the instructions
 * of a list, for a figure nothing here reads.
 */
static void
library_init(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

struct store *
store_open(const char *path, struct error *err)
{
	static pthread_once_t	 once = PTHREAD_ONCE_INIT;
	struct store		*s = xcalloc(1, sizeof(*s));
	int			 rc;

	pthread_once(&once, library_init);
	s->path = xstrdup(path);
	create_private(path);
	rc = sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		if (s->db == NULL)
			error_set(err, EXIT_CANTCREAT, "%s: cannot open the "
			    "database", path);
		else
			error_set(err, EXIT_CANTCREAT, "%s: %s", path,
			    sqlite3_errmsg(s->db));
		goto fail;
	}
	sqlite3_busy_timeout(s->db, 5000);
	sqlite3_extended_result_codes(s->db, 0);
	if (exec(s, "PRAGMA foreign_keys = ON", err) == -1)
		goto fail;
	/* Reading the mode does not write; set WAL only when it differs. */
	if (exec(s, "PRAGMA journal_mode = WAL", err) == -1 ||
	    exec(s, "PRAGMA synchronous = NORMAL", err) == -1)
		goto fail;
	if (migrate(s, err) == -1 || prepare(s, err) == -1)
		goto fail;
	return s;
fail:
	store_close(s);
	return NULL;
}

void
store_close(struct store *s)
{
	int	i;

	if (s == NULL)
		return;
	if (s->kept_free != NULL)
		s->kept_free(s->kept);
	for (i = 0; i < ST_COUNT; i++)
		sqlite3_finalize(s->st[i]);
	sqlite3_close(s->db);
	free(s->path);
	free(s);
}

int
store_begin(struct store *s, struct error *err)
{
	date_timestamp(date_now(), s->now);
	s->run_id = 0;
	return exec(s, "BEGIN IMMEDIATE", err);
}

void
store_keep(struct store *s, void *p, void (*free_fn)(void *))
{
	if (s->kept_free != NULL && s->kept != p)
		s->kept_free(s->kept);
	s->kept = p;
	s->kept_free = free_fn;
}

void *
store_kept(const struct store *s)
{
	return s->kept;
}

int
store_read_begin(struct store *s, struct error *err)
{
	/* Inside a transaction already (a write, or an outer read): its
	 * snapshot serves. */
	if (!sqlite3_get_autocommit(s->db))
		return 0;
	return exec(s, "BEGIN", err) == -1 ? -1 : 1;
}

void
store_read_end(struct store *s, int began)
{
	if (began == 1 && !sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
}

int
store_commit(struct store *s, struct error *err)
{
	if (exec(s, "COMMIT", err) == -1) {
		store_rollback(s);
		return -1;
	}
	return 0;
}

void
store_rollback(struct store *s)
{
	if (s != NULL && !sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

/*
 * Every text that enters the database passes here: invalid UTF-8 and
 * control characters from upstream are repaired once (U+FFFD), so no
 * feed, page, JSON or terminal ever meets them.
 */
void
store_bind_text(sqlite3_stmt *st, int i, const char *v)
{
	char	*clean;

	if (v == NULL)
		sqlite3_bind_null(st, i);
	else if ((clean = util_text_clean(v)) != NULL) {
		sqlite3_bind_text(st, i, clean, -1, SQLITE_TRANSIENT);
		free(clean);
	} else
		sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
}

void
store_bind_date(sqlite3_stmt *st, int i, int day)
{
	char	d[DATE_ISO_LEN];

	if (day == DATE_NONE)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, date_iso(day, d), -1,
		    SQLITE_TRANSIENT);
}

int
store_column_date(sqlite3_stmt *st, int i)
{
	const char	*s = (const char *)sqlite3_column_text(st, i);
	int		 d;

	if (s == NULL || date_parse_iso(s, &d) == -1)
		return DATE_NONE;
	return d;
}

char *
store_column_strdup(sqlite3_stmt *st, int i)
{
	return xstrdup_null((const char *)sqlite3_column_text(st, i));
}

int
store_step_done(struct store *s, sqlite3_stmt *st, struct error *err,
    const char *what)
{
	int	rc = sqlite3_step(st);

	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_db_error(s, err, what);
	return 0;
}

static sqlite3_stmt *
query_v(struct store *s, struct error *err, const char *what,
    const char *sql, const char *fmt, va_list ap)
{
	sqlite3_stmt	*st;
	sqlite3_int64	 l;
	int		 i;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
		store_db_error(s, err, what);
		return NULL;
	}
	for (i = 1; *fmt != '\0'; fmt++, i++)
		switch (*fmt) {
		case 's':
			store_bind_text(st, i, va_arg(ap, const char *));
			break;
		case 'i':
			sqlite3_bind_int(st, i, va_arg(ap, int));
			break;
		case 'd':
			store_bind_date(st, i, va_arg(ap, int));
			break;
		case 'l':
			sqlite3_bind_int64(st, i, va_arg(ap, long));
			break;
		case 'L':
			sqlite3_bind_int64(st, i, va_arg(ap, sqlite3_int64));
			break;
		case 'n':	/* a long, where 0 or less means none */
			if ((l = va_arg(ap, long)) > 0)
				sqlite3_bind_int64(st, i, l);
			break;
		default:
			abort();	/* a letter no caller may write */
		}
	return st;
}

/*
 * Prepares sql and binds its parameters in order as fmt says, a letter
 * each: s a string (NULL binds NULL), i an int, d a date (DATE_NONE binds
 * NULL), l a long, L an sqlite3_int64, n a long that binds NULL when 0 or
 * less. Returns the statement, which the caller steps and finalizes
 * (store_query_end), or NULL with err naming what.
 */
sqlite3_stmt *
store_query(struct store *s, struct error *err, const char *what, const char
*sql,
    const char *fmt, ...)
{
	sqlite3_stmt	*st;
	va_list		 ap;

	va_start(ap, fmt);
	st = query_v(s, err, what, sql, fmt, ap);
	va_end(ap);
	return st;
}

/* A statement that returns no row (INSERT, UPDATE, DELETE), as query
 * prepares it, run and finalized: 0, or -1 with err naming what. */
int
store_query_do(struct store *s, struct error *err, const char *what,
    const char *sql, const char *fmt, ...)
{
	sqlite3_stmt	*st;
	va_list		 ap;
	int		 rc;

	va_start(ap, fmt);
	st = query_v(s, err, what, sql, fmt, ap);
	va_end(ap);
	if (st == NULL)
		return -1;
	rc = store_step_done(s, st, err, what);
	sqlite3_finalize(st);
	return rc;
}

/* Finalizes st after its last step: 0 when that step was a row or the
 * end, else -1 with err naming what. */
int
store_query_end(struct store *s, sqlite3_stmt *st, int step, struct error *err,
    const char *what)
{
	int	rc = 0;

	if (step != SQLITE_ROW && step != SQLITE_DONE)
		rc = store_db_error(s, err, what);
	sqlite3_finalize(st);
	return rc;
}

int
store_rows3(struct store *s, sqlite3_stmt *st, store_rows3_cb cb, void *arg,
    struct error *err, const char *what)
{
	int	step, rc = 0;

	while ((step = sqlite3_step(st)) == SQLITE_ROW)
		if ((rc = cb((const char *)sqlite3_column_text(st, 0),
		    (const char *)sqlite3_column_text(st, 1),
		    (const char *)sqlite3_column_text(st, 2), arg)) != 0)
			break;
	return store_query_end(s, st, step, err, what) == -1 ? -1 : rc;
}

long
store_data_version(struct store *s)
{
	return (long)pragma_int(s, "PRAGMA data_version");
}

long long
store_size(struct store *s)
{
	long long	count = pragma_int(s, "PRAGMA page_count");
	long long	size = pragma_int(s, "PRAGMA page_size");

	return count < 0 || size < 0 ? -1 : count * size;
}

const char *
store_path(const struct store *s)
{
	return s->path;
}
