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
 */
#include "store.h"

#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "date.h"
#include "error.h"
#include "question.h"
#include "rules.h"
#include "source.h"
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
};

#define NMIGRATIONS	((int)(sizeof(migrations) / sizeof(migrations[0])))

/* The columns that hold text are question.c's question_texts, each
 * named after its field, bound in that order. */
/* Question columns that hold dates, in the order they are bound. */
static const struct {
	const char	*col;
	size_t		 off;
} q_date[] = {
#define QD(f)	{ #f, offsetof(struct question, f) }
	QD(published), QD(reattributed), QD(signaled), QD(renewed),
	QD(answered), QD(closed), QD(deadline), QD(deadline_ext),
	QD(signal_deadline), QD(lapse_date),
#undef QD
};

#define NTEXT	question_ntexts
#define NDATE	(sizeof(q_date) / sizeof(q_date[0]))

enum {
	ST_FIND,
	ST_INSERT,
	ST_UPDATE,
	ST_EVENT,
	ST_MEMBER,
	ST_BODY,
	ST_ANOMALY,
	ST_BYID,
	ST_FEED_GET,
	ST_FEED_PUT,
	ST_ENTRY_PUT,
	ST_ENTRY_DEL,
	ST_TEXTS,
	ST_TEXTS_NEW,
	ST_TEXTS_DEL,
	ST_COUNT
};

struct store {
	sqlite3		*db;
	char		*path;
	sqlite3_stmt	*st[ST_COUNT];
	char		 now[24];	/* timestamp of the transaction */
	long		 run_id;	/* run of the transaction, or 0 */
	/* Rules that differ from those the stored deadlines come from:
	 * applied to each question read, never written (a reading command). */
	const struct rules_settings *rules_read;
};

static int
db_error(struct store *s, struct error *err, const char *what)
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
		return db_error(s, err, sql);
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
		return db_error(s, err, "reading the schema version");
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

/* Builds the INSERT and UPDATE statements from the column tables. */
static void
question_sql(struct buf *ins, struct buf *upd)
{
	size_t	i;

	buf_adds(ins, "INSERT INTO questions(assembly, legislature, type, "
	    "number, closure, rule, hash, source, updated, first_seen");
	buf_adds(upd, "UPDATE questions SET closure = ?5, rule = ?6, "
	    "hash = ?7, source = ?8, updated = ?9");
	for (i = 0; i < NTEXT; i++) {
		buf_printf(ins, ", %s", question_texts[i].name);
		buf_printf(upd, ", %s = ?%zu", question_texts[i].name, i + 11);
	}
	for (i = 0; i < NDATE; i++) {
		buf_printf(ins, ", %s", q_date[i].col);
		buf_printf(upd, ", %s = ?%zu", q_date[i].col, NTEXT + i + 11);
	}
	buf_adds(ins, ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10");
	for (i = 0; i < NTEXT + NDATE; i++)
		buf_printf(ins, ", ?%zu", i + 11);
	buf_adds(ins, ")");
	buf_adds(upd, " WHERE id = ?10");
}

static void	select_sql(struct buf *, const char *);

static int
prepare(struct store *s, struct error *err)
{
	struct buf	 ins, upd, byid;
	const char	*sql[ST_COUNT];
	int		 i, rc = 0;

	buf_init(&ins);
	buf_init(&upd);
	buf_init(&byid);
	question_sql(&ins, &upd);
	select_sql(&byid, "WHERE q.id = ?");
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
	sql[ST_ANOMALY] = "INSERT OR IGNORE INTO anomalies(question_id, kind, detail, "
	    "recorded) VALUES (?, ?, ?, ?)";
	for (i = 0; i < ST_COUNT; i++)
		if (sqlite3_prepare_v3(s->db, sql[i], -1,
		    SQLITE_PREPARE_PERSISTENT, &s->st[i], NULL) != SQLITE_OK) {
			rc = db_error(s, err, "preparing statements");
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

struct store *
store_open(const char *path, struct error *err)
{
	struct store	*s = xcalloc(1, sizeof(*s));
	int		 rc;

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
static void
bind_text(sqlite3_stmt *st, int i, const char *v)
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

static void
bind_date(sqlite3_stmt *st, int i, int day)
{
	char	d[DATE_ISO_LEN];

	if (day == DATE_NONE)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, date_iso(day, d), -1,
		    SQLITE_TRANSIENT);
}

static int
column_date(sqlite3_stmt *st, int i)
{
	const char	*s = (const char *)sqlite3_column_text(st, i);
	int		 d;

	if (s == NULL || date_parse_iso(s, &d) == -1)
		return DATE_NONE;
	return d;
}

static char *
column_strdup(sqlite3_stmt *st, int i)
{
	return xstrdup_null((const char *)sqlite3_column_text(st, i));
}

/* Binds every column of a question for ST_INSERT or ST_UPDATE. */
/* A question's text: as it is when question_prepare cleaned it. */
static void
bind_qtext(sqlite3_stmt *st, int i, const struct question *q, const char *v)
{
	if (q->clean && v != NULL)
		sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
	else
		bind_text(st, i, v);
}

static void
bind_question(sqlite3_stmt *st, const struct question *q, uint64_t hash,
    const char *source, const char *now)
{
	size_t	i;

	bind_text(st, 1, q->assembly);
	sqlite3_bind_int(st, 2, q->legislature);
	bind_text(st, 3, q->type);
	sqlite3_bind_int64(st, 4, q->number);
	bind_text(st, 5, question_closure_name(q->closure));
	bind_text(st, 6, q->rule[0] != '\0' ? q->rule : NULL);
	sqlite3_bind_int64(st, 7, (sqlite3_int64)hash);
	bind_text(st, 8, source);
	bind_text(st, 9, now);
	bind_text(st, 10, now);
	for (i = 0; i < NTEXT; i++)
		bind_qtext(st, (int)i + 11, q,
		    *(char *const *)((const char *)q + question_texts[i].off));
	for (i = 0; i < NDATE; i++)
		bind_date(st, (int)(NTEXT + i) + 11,
		    *(const int *)((const char *)q + q_date[i].off));
}

static int
step_done(struct store *s, sqlite3_stmt *st, struct error *err,
    const char *what)
{
	int	rc = sqlite3_step(st);

	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_error(s, err, what);
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
		db_error(s, err, what);
		return NULL;
	}
	for (i = 1; *fmt != '\0'; fmt++, i++)
		switch (*fmt) {
		case 's':
			bind_text(st, i, va_arg(ap, const char *));
			break;
		case 'i':
			sqlite3_bind_int(st, i, va_arg(ap, int));
			break;
		case 'd':
			bind_date(st, i, va_arg(ap, int));
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
 * (query_end), or NULL with err naming what.
 */
static sqlite3_stmt *
query(struct store *s, struct error *err, const char *what, const char *sql,
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
static int
query_do(struct store *s, struct error *err, const char *what,
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
	rc = step_done(s, st, err, what);
	sqlite3_finalize(st);
	return rc;
}

/* Finalizes st after its last step: 0 when that step was a row or the
 * end, else -1 with err naming what. */
static int
query_end(struct store *s, sqlite3_stmt *st, int step, struct error *err,
    const char *what)
{
	int	rc = 0;

	if (step != SQLITE_ROW && step != SQLITE_DONE)
		rc = db_error(s, err, what);
	sqlite3_finalize(st);
	return rc;
}

static int
put_events(struct store *s, sqlite3_int64 id, const struct question *q,
    struct error *err)
{
	sqlite3_stmt	*st = s->st[ST_EVENT];
	char		 d[DATE_ISO_LEN];
	size_t		 i;

	for (i = 0; i < q->nevents; i++) {
		sqlite3_bind_int64(st, 1, id);
		bind_text(st, 2, q->events[i].kind);
		sqlite3_bind_text(st, 3, date_iso(q->events[i].date, d), -1,
		    SQLITE_TRANSIENT);
		bind_text(st, 4, q->events[i].detail ? q->events[i].detail :
		    "");
		bind_text(st, 5, s->now);
		if (s->run_id > 0)
			sqlite3_bind_int64(st, 6, s->run_id);
		else
			sqlite3_bind_null(st, 6);
		if (step_done(s, st, err, "storing an event") == -1)
			return -1;
	}
	return 0;
}

/*
 * The texts of a question into the full-text table. A new question's
 * are inserted as they are: the table is not read, so FTS5 keeps them
 * in memory with the others until its buffer is full (a read would
 * flush it at every question). A changed one's keep what this source
 * did not give.
 */
static int
put_texts(struct store *s, sqlite3_int64 id, const struct question *q,
    int is_new, struct error *err)
{
	sqlite3_stmt	*st = s->st[is_new ? ST_TEXTS_NEW : ST_TEXTS];
	int		 rc;

	if (q->published == DATE_NONE) {
		/* Never listed, never found; a date lost takes its row. */
		if (is_new)
			return 0;
		st = s->st[ST_TEXTS_DEL];
		sqlite3_bind_int64(st, 1, id);
		return step_done(s, st, err, "storing a question's texts");
	}
	sqlite3_bind_int64(st, 1, id);
	bind_qtext(st, 2, q, q->title);
	bind_qtext(st, 3, q, q->rubric);
	bind_qtext(st, 4, q, q->heading);
	bind_qtext(st, 5, q, is_new && q->text == NULL ? q->excerpt : q->text);
	bind_qtext(st, 6, q, is_new && q->answer_text == NULL ?
	    q->answer_excerpt : q->answer_text);
	if (!is_new) {
		bind_qtext(st, 7, q, q->excerpt);
		bind_qtext(st, 8, q, q->answer_excerpt);
	}
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return 0;
	/* A row left by a question that is gone: replaced. */
	if (is_new && rc == SQLITE_CONSTRAINT)
		return put_texts(s, id, q, 0, err);
	return db_error(s, err, "storing a question's texts");
}

static int
put_anomalies(struct store *s, sqlite3_int64 id, const struct question *q,
    struct error *err)
{
	size_t	i;

	for (i = 0; i < q->nanomalies; i++)
		if (store_add_anomaly(s, (long)id, q->anomalies[i].kind,
		    q->anomalies[i].detail, err) == -1)
			return -1;
	return 0;
}

/*
 * Upstream lost an answer we hold: keep ours (an answered question never
 * goes back to open), and record the inconsistency.
 */
static int
keep_answer(struct store *s, sqlite3_stmt *find, sqlite3_int64 id,
    struct error *err)
{
	sqlite3_stmt	*up = s->st[ST_UPDATE], *an = s->st[ST_ANOMALY];
	size_t		 i;

	for (i = 0; i < NTEXT; i++)
		if (strcmp(question_texts[i].name, "answer_page") == 0)
			sqlite3_bind_value(up, (int)i + 11,
			    sqlite3_column_value(find, 3));
		else if (strcmp(question_texts[i].name, "closure_code") == 0)
			sqlite3_bind_value(up, (int)i + 11,
			    sqlite3_column_value(find, 8));
		else if (strcmp(question_texts[i].name, "closure_label") == 0)
			sqlite3_bind_value(up, (int)i + 11,
			    sqlite3_column_value(find, 9));
		else if (strcmp(question_texts[i].name, "answer_excerpt") == 0)
			sqlite3_bind_value(up, (int)i + 11,
			    sqlite3_column_value(find, 10));
	for (i = 0; i < NDATE; i++)
		if (strcmp(q_date[i].col, "answered") == 0)
			sqlite3_bind_value(up, (int)(NTEXT + i) + 11,
			    sqlite3_column_value(find, 2));
		else if (strcmp(q_date[i].col, "closed") == 0)
			sqlite3_bind_value(up, (int)(NTEXT + i) + 11,
			    sqlite3_column_value(find, 6));
	sqlite3_bind_value(up, 5, sqlite3_column_value(find, 7));
	sqlite3_bind_int64(an, 1, id);
	bind_text(an, 2, "answer_missing_upstream");
	bind_text(an, 3, (const char *)sqlite3_column_text(find, 2));
	bind_text(an, 4, s->now);
	return step_done(s, an, err, "recording an anomaly");
}

int
store_add_anomaly(struct store *s, long question_id, const char *kind,
    const char *detail, struct error *err)
{
	sqlite3_stmt	*an = s->st[ST_ANOMALY];

	sqlite3_bind_int64(an, 1, (sqlite3_int64)question_id);
	bind_text(an, 2, kind);
	bind_text(an, 3, detail != NULL ? detail : "");
	bind_text(an, 4, s->now);
	return step_done(s, an, err, "recording an anomaly");
}

int
store_anomaly_each(struct store *s, long question_id, store_anomaly_cb cb,
    void *arg, struct error *err)
{
	const char	*what = "reading anomalies";
	sqlite3_stmt	*st;
	int		 step, rc = 0;

	if ((st = query(s, err, what, "SELECT kind, detail, recorded FROM "
	    "anomalies WHERE question_id = ? ORDER BY id", "l",
	    question_id)) == NULL)
		return -1;
	while ((step = sqlite3_step(st)) == SQLITE_ROW)
		if ((rc = cb((const char *)sqlite3_column_text(st, 0),
		    (const char *)sqlite3_column_text(st, 1),
		    (const char *)sqlite3_column_text(st, 2), arg)) != 0)
			break;
	return query_end(s, st, step, err, what) == -1 ? -1 : rc;
}

int
store_put_question(struct store *s, const struct question *q,
    const char *source, struct put_result *res, struct error *err)
{
	sqlite3_stmt	*find = s->st[ST_FIND], *st;
	sqlite3_int64	 id;
	uint64_t	 hash = q->hash != 0 ? q->hash : question_hash(q);
	const char	*old_min;
	int		 rc = -1, step;

	memset(res, 0, sizeof(*res));
	bind_text(find, 1, q->assembly);
	sqlite3_bind_int(find, 2, q->legislature);
	bind_text(find, 3, q->type);
	sqlite3_bind_int64(find, 4, q->number);
	step = sqlite3_step(find);
	if (step == SQLITE_DONE) {
		res->outcome = PUT_NEW;
		res->new_answer = q->answered != DATE_NONE;
		res->new_signal = q->signaled != DATE_NONE;
		st = s->st[ST_INSERT];
		bind_question(st, q, hash, source, s->now);
		if (step_done(s, st, err, "inserting a question") == -1)
			goto out;
		id = sqlite3_last_insert_rowid(s->db);
		res->id = (long)id;
	} else if (step == SQLITE_ROW) {
		id = sqlite3_column_int64(find, 0);
		res->id = (long)id;
		if ((uint64_t)sqlite3_column_int64(find, 1) == hash) {
			res->outcome = PUT_UNCHANGED;
			rc = 0;
			goto out;
		}
		res->outcome = PUT_CHANGED;
		res->new_answer = q->answered != DATE_NONE &&
		    sqlite3_column_type(find, 2) == SQLITE_NULL;
		res->new_signal = q->signaled != DATE_NONE &&
		    sqlite3_column_type(find, 4) == SQLITE_NULL;
		old_min = (const char *)sqlite3_column_text(find, 5);
		res->new_ministry = old_min != NULL && q->ministry_ref != NULL &&
		    strcmp(old_min, q->ministry_ref) != 0;
		st = s->st[ST_UPDATE];
		bind_question(st, q, hash, source, s->now);
		sqlite3_bind_int64(st, 10, id);
		if (q->answered == DATE_NONE &&
		    sqlite3_column_type(find, 2) != SQLITE_NULL) {
			res->answer_kept = 1;
			if (keep_answer(s, find, id, err) == -1)
				goto out;
		}
		if (step_done(s, st, err, "updating a question") == -1)
			goto out;
	} else {
		db_error(s, err, "looking up a question");
		goto out;
	}
	if ((rc = put_texts(s, id, q, res->outcome == PUT_NEW, err)) == 0 &&
	    (rc = put_events(s, id, q, err)) == 0)
		rc = put_anomalies(s, id, q, err);
out:
	sqlite3_reset(find);
	return rc;
}

int
store_put_name(struct store *s, const struct name_record *r,
    struct error *err)
{
	sqlite3_stmt	*st;

	if (r->kind == NAME_MEMBER) {
		st = s->st[ST_MEMBER];
		bind_text(st, 1, r->assembly);
		bind_text(st, 2, r->ref);
		bind_text(st, 3, r->name);
	} else {
		st = s->st[ST_BODY];
		bind_text(st, 1, r->assembly);
		bind_text(st, 2, r->ref);
		bind_text(st, 3, name_kind_word(r->kind));
		bind_text(st, 4, r->code);
		bind_text(st, 5, r->name);
		bind_text(st, 6, r->abbrev);
		if (r->legislature > 0)
			sqlite3_bind_int(st, 7, r->legislature);
		else
			sqlite3_bind_null(st, 7);
	}
	return step_done(s, st, err, "storing a member or a body");
}

int
store_run_begin(struct store *s, const char *command, const char *source,
    long started, struct error *err)
{
	char	t[24];

	if (query_do(s, err, "recording the run", "INSERT INTO runs(command, "
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

	return query_do(s, err, "recording the run", "UPDATE runs SET "
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
	if ((st = query(s, err, what, "SELECT name, crc, size, question_id "
	    "FROM entries WHERE source = ? ORDER BY name", "s", source)) ==
	    NULL)
		return -1;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 1024;
			v = xrealloc(v, cap * sizeof(*v));
		}
		v[*n].name = column_strdup(st, 0);
		v[*n].crc = (unsigned long)sqlite3_column_int64(st, 1);
		v[*n].size = (unsigned long)sqlite3_column_int64(st, 2);
		v[*n].question_id = (long)sqlite3_column_int64(st, 3);
		v[*n].seen = 0;
		(*n)++;
	}
	*out = v;
	return query_end(s, st, step, err, what);
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

	bind_text(st, 1, source);
	bind_text(st, 2, name);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)crc);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)size);
	if (question_id > 0)
		sqlite3_bind_int64(st, 5, question_id);
	else
		sqlite3_bind_null(st, 5);
	return step_done(s, st, err, "recording an archive entry");
}

int
store_entry_delete(struct store *s, const char *source, const char *name,
    struct error *err)
{
	sqlite3_stmt	*st = s->st[ST_ENTRY_DEL];

	bind_text(st, 1, source);
	bind_text(st, 2, name);
	return step_done(s, st, err, "removing an archive entry");
}

int
store_add_event(struct store *s, long question_id, const char *kind,
    int date, const char *detail, struct error *err)
{
	struct question	q;
	int		rc;

	question_init(&q);
	question_add_event(&q, kind, date, detail);
	rc = put_events(s, question_id, &q, err);
	question_clear(&q);
	return rc;
}

int
store_source_get(struct store *s, const char *name, char **etag,
    char **last_modified, struct error *err)
{
	const char	*what = "reading sources";
	sqlite3_stmt	*st;
	int		 step;

	*etag = *last_modified = NULL;
	if ((st = query(s, err, what, "SELECT etag, last_modified FROM "
	    "sources WHERE name = ?", "s", name)) == NULL)
		return -1;
	if ((step = sqlite3_step(st)) == SQLITE_ROW) {
		*etag = column_strdup(st, 0);
		*last_modified = column_strdup(st, 1);
	}
	return query_end(s, st, step, err, what);
}

int
store_source_put(struct store *s, const char *name, const char *kind,
    const char *url, const char *etag, const char *last_modified,
    struct error *err)
{
	return query_do(s, err, "recording a source", "INSERT OR REPLACE INTO "
	    "sources(name, kind, url, etag, last_modified, checked) VALUES "
	    "(?, ?, ?, ?, ?, ?)", "ssssss", name, kind, url, etag,
	    last_modified, s->now);
}

/* The columns a read needs, then the names resolved by joins. */
static void
select_sql(struct buf *b, const char *where)
{
	size_t	i;

	buf_adds(b, "SELECT q.id, q.assembly, q.legislature, q.type, "
	    "q.number, q.closure, q.rule");
	for (i = 0; i < NTEXT; i++)
		buf_printf(b, ", q.%s", question_texts[i].name);
	for (i = 0; i < NDATE; i++)
		buf_printf(b, ", q.%s", q_date[i].col);
	buf_printf(b, ", a.name, og.abbrev, og.name, om.abbrev, om.name, "
	    "oa.abbrev FROM questions q "
	    "LEFT JOIN members a ON a.assembly = q.assembly AND "
	    "a.ref = q.author_ref "
	    "LEFT JOIN bodies og ON og.assembly = q.assembly AND "
	    "og.ref = q.group_ref "
	    "LEFT JOIN bodies om ON om.assembly = q.assembly AND "
	    "om.ref = q.ministry_ref "
	    "LEFT JOIN bodies oa ON oa.assembly = q.assembly AND "
	    "oa.ref = q.ministry_asked_ref %s", where);
}

static void
fill_if_null(char **dst, sqlite3_stmt *st, int col)
{
	if (*dst == NULL)
		*dst = column_strdup(st, col);
}

static void
read_question(sqlite3_stmt *st, struct question *q)
{
	const char		*s;
	size_t			 i;
	int			 c = 7;

	question_init(q);
	q->id = (long)sqlite3_column_int64(st, 0);
	str_copy(q->assembly, (const char *)sqlite3_column_text(st, 1),
	    sizeof(q->assembly));
	q->legislature = sqlite3_column_int(st, 2);
	str_copy(q->type, (const char *)sqlite3_column_text(st, 3),
	    sizeof(q->type));
	q->number = (long)sqlite3_column_int64(st, 4);
	s = (const char *)sqlite3_column_text(st, 5);
	q->closure = s == NULL ? CLOSURE_NONE : strcmp(s, "answered") == 0 ?
	    CLOSURE_ANSWERED : strcmp(s, "withdrawn") == 0 ?
	    CLOSURE_WITHDRAWN : strcmp(s, "lapsed") == 0 ? CLOSURE_LAPSED :
	    CLOSURE_OTHER;
	s = (const char *)sqlite3_column_text(st, 6);
	str_copy(q->rule, s != NULL ? s : "", sizeof(q->rule));
	for (i = 0; i < NTEXT; i++, c++)
		*(char **)((char *)q + question_texts[i].off) = column_strdup(st, c);
	for (i = 0; i < NDATE; i++, c++)
		*(int *)((char *)q + q_date[i].off) = column_date(st, c);
	/* The AMO names win for the author; the file's own for the rest. */
	if (sqlite3_column_type(st, c) != SQLITE_NULL) {
		free(q->author_name);
		q->author_name = column_strdup(st, c);
	}
	fill_if_null(&q->group_abbrev, st, c + 1);
	fill_if_null(&q->group_name, st, c + 2);
	fill_if_null(&q->ministry, st, c + 3);
	fill_if_null(&q->ministry, st, c + 4);
	fill_if_null(&q->ministry_asked, st, c + 5);
}

static void
read_question_ruled(struct store *s, sqlite3_stmt *st, struct question *q)
{
	read_question(st, q);
	if (s->rules_read != NULL)
		rules_apply(s->rules_read, q);
}

int
store_each_question(struct store *s, int legislature, store_question_cb cb,
    void *arg, struct error *err)
{
	sqlite3_stmt	*st = NULL;
	struct buf	 sql;
	struct question	 q;
	int		 rc = -1, step;

	buf_init(&sql);
	select_sql(&sql, "WHERE ?1 = 0 OR q.legislature = ?1 "
	    "ORDER BY q.deadline, q.legislature, q.number");
	if (sqlite3_prepare_v2(s->db, sql.data, -1, &st, NULL) != SQLITE_OK) {
		db_error(s, err, "reading questions");
		goto out;
	}
	sqlite3_bind_int(st, 1, legislature);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		int	stop;

		read_question_ruled(s, st, &q);
		stop = cb(&q, arg);
		question_clear(&q);
		if (stop)
			break;
	}
	if (step != SQLITE_ROW && step != SQLITE_DONE) {
		db_error(s, err, "reading questions");
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(st);
	buf_free(&sql);
	return rc;
}

static int
read_events(struct store *s, sqlite3_int64 id, struct question *q,
    struct error *err)
{
	sqlite3_stmt	*st;
	int		 step;

	if (sqlite3_prepare_v2(s->db, "SELECT kind, date, detail FROM events "
	    "WHERE question_id = ? ORDER BY date, id", -1, &st,
	    NULL) != SQLITE_OK)
		return db_error(s, err, "reading events");
	sqlite3_bind_int64(st, 1, id);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const char	*detail = (const char *)sqlite3_column_text(st,
		    2);

		question_add_event(q, (const char *)sqlite3_column_text(st, 0),
		    column_date(st, 1), detail != NULL && *detail != '\0' ?
		    detail : NULL);
	}
	sqlite3_finalize(st);
	if (step != SQLITE_DONE)
		return db_error(s, err, "reading events");
	return 0;
}

/* Steps a prepared select_sql() query: 1 and q filled, 0 for no row, or
 * -1 with err set. */
static int
read_one(struct store *s, sqlite3_stmt *st, struct question *q,
    struct error *err)
{
	int	step = sqlite3_step(st);

	if (step == SQLITE_DONE)
		return 0;
	if (step != SQLITE_ROW)
		return db_error(s, err, "reading a question");
	read_question_ruled(s, st, q);
	if (read_events(s, sqlite3_column_int64(st, 0), q, err) == -1) {
		question_clear(q);
		return -1;
	}
	return 1;
}

int
store_get_question(struct store *s, const char *assembly, int legislature,
    const char *type, long number, struct question *q, struct error *err)
{
	sqlite3_stmt	*st = NULL;
	struct buf	 sql;
	int		 rc = -1;

	buf_init(&sql);
	select_sql(&sql, "WHERE q.assembly = ? AND q.legislature = ? AND "
	    "q.type = ? AND q.number = ?");
	if (sqlite3_prepare_v2(s->db, sql.data, -1, &st, NULL) != SQLITE_OK) {
		db_error(s, err, "reading a question");
		goto out;
	}
	bind_text(st, 1, assembly);
	sqlite3_bind_int(st, 2, legislature);
	bind_text(st, 3, type);
	sqlite3_bind_int64(st, 4, number);
	rc = read_one(s, st, q, err);
out:
	sqlite3_finalize(st);
	buf_free(&sql);
	return rc;
}

int
store_get_question_uid(struct store *s, const char *source_uid,
    struct question *q, struct error *err)
{
	sqlite3_stmt	*st = NULL;
	struct buf	 sql;
	int		 rc = -1;

	buf_init(&sql);
	select_sql(&sql, "WHERE q.source_uid = ? ORDER BY q.id DESC LIMIT 1");
	if (sqlite3_prepare_v2(s->db, sql.data, -1, &st, NULL) != SQLITE_OK)
		db_error(s, err, "reading a question");
	else {
		bind_text(st, 1, source_uid);
		rc = read_one(s, st, q, err);
	}
	sqlite3_finalize(st);
	buf_free(&sql);
	return rc;
}

int
store_get_by_id(struct store *s, long id, int with_events,
    struct question *q, struct error *err)
{
	sqlite3_stmt	*st = s->st[ST_BYID];
	int		 rc = -1, step;

	sqlite3_bind_int64(st, 1, id);
	if ((step = sqlite3_step(st)) == SQLITE_DONE) {
		rc = 0;
		goto out;
	}
	if (step != SQLITE_ROW) {
		db_error(s, err, "reading a question");
		goto out;
	}
	read_question_ruled(s, st, q);
	if (with_events && read_events(s, id, q, err) == -1) {
		question_clear(q);
		goto out;
	}
	rc = 1;
out:
	sqlite3_reset(st);
	return rc;
}

int
store_get_texts(struct store *s, struct question *q, struct error *err)
{
	const char	*what = "reading a question's texts";
	sqlite3_stmt	*st;
	int		 step;

	if ((st = query(s, err, what, "SELECT question, answer FROM texts "
	    "WHERE rowid = ?", "l", q->id)) == NULL)
		return -1;
	if ((step = sqlite3_step(st)) == SQLITE_ROW) {
		free(q->text);
		free(q->answer_text);
		q->text = column_strdup(st, 0);
		q->answer_text = column_strdup(st, 1);
	}
	return query_end(s, st, step, err, what);
}

int
store_search(struct store *s, const char *match, int newest, size_t limit,
    store_search_cb cb, void *arg, struct error *err)
{
	const char	*what = "searching the texts";
	sqlite3_stmt	*st;
	int		 step, rc = 0;

	if ((st = query(s, err, what, newest ? "SELECT rowid, bm25(texts, "
	    "8.0, 4.0, 4.0, 1.0, 1.0) FROM texts WHERE texts MATCH ?1 ORDER "
	    "BY rowid DESC LIMIT ?2" : "SELECT rowid, bm25(texts, 8.0, 4.0, "
	    "4.0, 1.0, 1.0) FROM texts WHERE texts MATCH ?1 ORDER BY 2, "
	    "rowid DESC LIMIT ?2", "sL", match, limit > 0 ?
	    (sqlite3_int64)limit : (sqlite3_int64)-1)) == NULL)
		return -1;
	while ((step = sqlite3_step(st)) == SQLITE_ROW)
		if ((rc = cb((long)sqlite3_column_int64(st, 0),
		    sqlite3_column_double(st, 1), arg)) != 0)
			break;
	return query_end(s, st, step, err, what) == -1 ? -1 : rc;
}

int
store_search_count(struct store *s, const char *match, size_t *n,
    struct error *err)
{
	const char	*what = "searching the texts";
	sqlite3_stmt	*st;
	int		 step;

	if ((st = query(s, err, what, "SELECT count(*) FROM texts WHERE "
	    "texts MATCH ?", "s", match)) == NULL)
		return -1;
	if ((step = sqlite3_step(st)) == SQLITE_ROW)
		*n = (size_t)sqlite3_column_int64(st, 0);
	else if (step == SQLITE_DONE)
		step = SQLITE_ERROR;	/* count(*) always gives a row */
	return query_end(s, st, step, err, what);
}

char *
store_search_snippet(struct store *s, const char *match, long id,
    struct error *err)
{
	const char	*what = "searching the texts";
	sqlite3_stmt	*st;
	char		*snip = NULL;
	int		 step;

	/* Each hit between \x02 and \x03; the best passage of any column. */
	if ((st = query(s, err, what, "SELECT snippet(texts, -1, char(2), "
	    "char(3), '\xe2\x80\xa6', 24) FROM texts WHERE texts MATCH ? AND "
	    "rowid = ?", "sl", match, id)) == NULL)
		return NULL;
	if ((step = sqlite3_step(st)) == SQLITE_ROW)
		snip = column_strdup(st, 0);
	if (query_end(s, st, step, err, what) == -1) {
		free(snip);
		return NULL;
	}
	return snip != NULL ? snip : xstrdup("");
}

int
store_max_legislature(struct store *s, const char *assembly)
{
	sqlite3_stmt	*st;
	int		 v = 0;

	if ((st = query(s, NULL, "", "SELECT max(legislature) FROM questions "
	    "WHERE assembly = ?", "s", assembly)) == NULL)
		return 0;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

static int
meta_get(struct store *s, const char *key, char *buf, size_t size)
{
	sqlite3_stmt	*st;
	int		 found = 0;

	buf[0] = '\0';
	if ((st = query(s, NULL, "", "SELECT value FROM meta WHERE key = ?",
	    "s", key)) == NULL)
		return 0;
	if (sqlite3_step(st) == SQLITE_ROW) {
		str_copy(buf, (const char *)sqlite3_column_text(st, 0), size);
		found = 1;
	}
	sqlite3_finalize(st);
	return found;
}

/* The changes of ministry, "DATE DATE ...", as the question's events, for
 * the rules that restart the clock. */
static void
ministry_events(struct question *q, const char *dates)
{
	int	day;

	while (dates != NULL && *dates != '\0') {
		char	d[DATE_ISO_LEN];
		size_t	n = strcspn(dates, " ");

		if (n == DATE_ISO_LEN - 1) {
			memcpy(d, dates, n);
			d[n] = '\0';
			if (date_parse_iso(d, &day) == 0)
				question_add_event(q, EV_MINISTRY, day, NULL);
		}
		dates += n + (dates[n] == ' ');
	}
}

static int
recompute(struct store *s, const struct rules_settings *rs,
    unsigned long *n, struct error *err)
{
	sqlite3_stmt	*sel = NULL, *upd = NULL;
	struct question	 q;
	int		 rc = -1, step, done;

	*n = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT id, assembly, legislature, "
	    "type, published, reattributed, signaled, (SELECT group_concat("
	    "date, ' ') FROM events e WHERE e.question_id = questions.id AND "
	    "e.kind = '" EV_MINISTRY "' AND e.date != '') FROM questions", -1,
	    &sel,
	    NULL) != SQLITE_OK || sqlite3_prepare_v2(s->db, "UPDATE questions "
	    "SET rule = ?, deadline = ?, deadline_ext = ?, signal_deadline = ?,"
	    " lapse_date = ?, deadline_steps = ? WHERE id = ?", -1, &upd, NULL) != SQLITE_OK) {
		db_error(s, err, "recomputing deadlines");
		goto out;
	}
	while ((step = sqlite3_step(sel)) == SQLITE_ROW) {
		question_init(&q);
		str_copy(q.assembly, (const char *)sqlite3_column_text(sel, 1),
		    sizeof(q.assembly));
		q.legislature = sqlite3_column_int(sel, 2);
		str_copy(q.type, (const char *)sqlite3_column_text(sel, 3),
		    sizeof(q.type));
		q.published = column_date(sel, 4);
		q.reattributed = column_date(sel, 5);
		q.signaled = column_date(sel, 6);
		ministry_events(&q, (const char *)sqlite3_column_text(sel, 7));
		rules_apply(rs, &q);
		bind_text(upd, 1, q.rule[0] != '\0' ? q.rule : NULL);
		bind_date(upd, 2, q.deadline);
		bind_date(upd, 3, q.deadline_ext);
		bind_date(upd, 4, q.signal_deadline);
		bind_date(upd, 5, q.lapse_date);
		bind_text(upd, 6, q.deadline_steps);
		sqlite3_bind_int64(upd, 7, sqlite3_column_int64(sel, 0));
		done = step_done(s, upd, err, "recomputing deadlines");
		question_clear(&q);
		if (done == -1)
			goto out;
		(*n)++;
	}
	if (step != SQLITE_DONE) {
		db_error(s, err, "recomputing deadlines");
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(sel);
	sqlite3_finalize(upd);
	return rc;
}

int
store_read_rules(struct store *s, const struct rules_settings *rs)
{
	char	want[256], have[256];

	rules_fingerprint(rs, want, sizeof(want));
	s->rules_read = NULL;
	if (meta_get(s, "rules", have, sizeof(have)) &&
	    strcmp(have, want) == 0)
		return 0;
	s->rules_read = rs;
	return 1;
}

int
store_sync_rules(struct store *s, const struct rules_settings *rs,
    unsigned long *recomputed, struct error *err)
{
	char		 want[256], have[256];

	*recomputed = 0;
	s->rules_read = NULL;
	rules_fingerprint(rs, want, sizeof(want));
	if (meta_get(s, "rules", have, sizeof(have)) &&
	    strcmp(have, want) == 0)
		return 0;
	if (store_begin(s, err) == -1)
		return -1;
	if (recompute(s, rs, recomputed, err) == -1 || query_do(s, err,
	    "storing the rules settings", "INSERT OR REPLACE INTO meta(key, "
	    "value) VALUES ('rules', ?)", "s", want) == -1)
		goto fail;
	return store_commit(s, err);
fail:
	store_rollback(s);
	return -1;
}

int
store_feed_track(struct store *s, const char *uid, uint64_t hash, long now,
    int asof, int *sequence, long *changed, struct error *err)
{
	sqlite3_stmt	*get = s->st[ST_FEED_GET], *put = s->st[ST_FEED_PUT];
	char		 d[DATE_ISO_LEN];
	uint64_t	 had = 0;
	int		 step, last = DATE_NONE;

	bind_text(get, 1, uid);
	step = sqlite3_step(get);
	if (step != SQLITE_ROW && step != SQLITE_DONE) {
		sqlite3_reset(get);
		return db_error(s, err, "reading feed events");
	}
	if (step == SQLITE_ROW) {
		had = (uint64_t)sqlite3_column_int64(get, 0);
		*sequence = sqlite3_column_int(get, 1);
		*changed = (long)sqlite3_column_int64(get, 2);
		last = column_date(get, 3);
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
	bind_text(put, 1, uid);
	sqlite3_bind_int64(put, 2, (sqlite3_int64)hash);
	sqlite3_bind_int(put, 3, *sequence);
	sqlite3_bind_int64(put, 4, *changed);
	bind_text(put, 5, date_iso(asof, d));
	return step_done(s, put, err, "storing feed events");
}

int
store_watch_add(struct store *s, const char *name, const char *token,
    const struct question *q, struct error *err)
{
	if (query_do(s, err, "creating a watchlist", "INSERT OR IGNORE INTO "
	    "watchlists(name, token, created) VALUES (?, ?, ?)", "sss", name,
	    token, s->now) == -1)
		return -1;
	if (q == NULL)
		return 0;
	return query_do(s, err, "adding to a watchlist", "INSERT OR IGNORE "
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
		rc = query_do(s, err, what, "DELETE FROM watchlists WHERE name "
		    "= ?", "s", name);
	else
		rc = query_do(s, err, what, "DELETE FROM watch_items WHERE "
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

	if ((st = query(s, err, what, "SELECT w.name, w.token, i.assembly, "
	    "i.legislature, i.type, i.number FROM watchlists w LEFT JOIN "
	    "watch_items i ON i.watchlist_id = w.id ORDER BY w.name, "
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
		}
		if (cb((const char *)sqlite3_column_text(st, 0),
		    (const char *)sqlite3_column_text(st, 1),
		    q.number > 0 ? &q : NULL, arg) != 0)
			break;
	}
	return query_end(s, st, step, err, what);
}

int
store_each_name(struct store *s, enum store_names kind, store_names_cb cb,
    void *arg, struct error *err)
{
	static const char *const sql[] = {
		[STORE_NAMES_AUTHOR] = "SELECT author_ref, author_name, NULL "
		    "FROM questions UNION SELECT ref, name, NULL FROM members",
		[STORE_NAMES_GROUP] = "SELECT group_ref, group_abbrev, "
		    "group_name FROM questions UNION SELECT ref, abbrev, name "
		    "FROM bodies WHERE kind = 'group'",
		[STORE_NAMES_MINISTRY] = "SELECT ministry, NULL, NULL FROM "
		    "questions UNION SELECT ministry_asked, NULL, NULL FROM "
		    "questions UNION SELECT name, NULL, NULL FROM bodies "
		    "WHERE kind = 'ministry'",
	};
	sqlite3_stmt	*st;
	int		 step;

	if ((st = query(s, err, "reading names", sql[kind], "")) == NULL)
		return -1;
	while ((step = sqlite3_step(st)) == SQLITE_ROW)
		if (cb((const char *)sqlite3_column_text(st, 0),
		    (const char *)sqlite3_column_text(st, 1),
		    (const char *)sqlite3_column_text(st, 2), arg) != 0)
			break;
	return query_end(s, st, step, err, "reading names");
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
	if ((st = query(s, err, what, "SELECT period_end, week FROM digests "
	    "WHERE (?1 IS NULL OR name = ?1) AND state IN ('sent', 'sending') "
	    "ORDER BY id DESC LIMIT 1", "s", name)) == NULL)
		return -1;
	if ((step = sqlite3_step(st)) == SQLITE_ROW) {
		*period_end = column_date(st, 0);
		if (week != NULL)
			str_copy(week, (const char *)sqlite3_column_text(st, 1),
			    size);
		found = 1;
	}
	return query_end(s, st, step, err, what) == -1 ? -1 : found;
}

int
store_digest_put(struct store *s, const char *name, const char *week,
    int period_start, int period_end, const char *recipients,
    const char *message_id, long *id, struct error *err)
{
	if (query_do(s, err, "recording a digest", "INSERT INTO digests(name, "
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
	if ((st = query(s, err, what, "SELECT id, state, attempts, "
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
	return query_end(s, st, step, err, what) == -1 ? -1 : found;
}

int
store_digest_set(struct store *s, long id, const char *state, int attempts,
    long next_try, const char *reason, struct error *err)
{
	return query_do(s, err, "recording a digest", "UPDATE digests SET "
	    "state = ?, attempts = ?, next_try = ?, reason = ?, sent = ? WHERE "
	    "id = ?", "sinssl", state, attempts, next_try, reason, s->now, id);
}

long
store_data_version(struct store *s)
{
	return (long)pragma_int(s, "PRAGMA data_version");
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
		db_error(s, err, "reading the site's files");
		return NULL;
	}
	for (i = 0; i < nkeys && path == NULL; i++) {
		if (keys[i] == NULL)
			continue;
		bind_text(st, 1, kind);
		bind_text(st, 2, keys[i]);
		if ((step = sqlite3_step(st)) == SQLITE_ROW)
			path = column_strdup(st, 0);
		sqlite3_reset(st);
		if (step != SQLITE_ROW && step != SQLITE_DONE) {
			db_error(s, err, "reading the site's files");
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
		db_error(s, err, "recording the site's files");
		return NULL;
	}
	for (n = 1; n <= 100000; n++) {
		path = n == 1 ? xasprintf("%s.ics", want) :
		    xasprintf("%s-%d.ics", want, n);
		bind_text(st, 1, path);
		bind_text(st, 2, kind);
		bind_text(st, 3, title);
		step = sqlite3_step(st);
		sqlite3_reset(st);
		if (step != SQLITE_DONE) {
			db_error(s, err, "recording the site's files");
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
		if (query_do(s, err, "updating the site's files", "UPDATE "
		    "site_files SET title = ? WHERE path = ? AND title IS NOT "
		    "?1", "ss", title, path) == -1)
			goto fail;
	}
	/* Every key of the feed leads to its path from now on. */
	for (i = 0; i < nkeys; i++) {
		if (keys[i] == NULL)
			continue;
		if (query_do(s, err, "recording the site's files", "INSERT OR "
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

	if ((st = query(s, err, what, "SELECT path, title FROM site_files "
	    "WHERE kind = ? ORDER BY path", "s", kind)) == NULL)
		return -1;
	while ((step = sqlite3_step(st)) == SQLITE_ROW)
		if ((rc = cb((const char *)sqlite3_column_text(st, 0),
		    (const char *)sqlite3_column_text(st, 1), arg)) != 0)
			break;
	return query_end(s, st, step, err, what) == -1 ? -1 : rc;
}

int
store_site_track(struct store *s, const char *path, uint64_t hash, long now,
    long *changed, struct error *err)
{
	sqlite3_stmt	*st;
	int		 step;

	if ((st = query(s, err, "reading the site's files", "SELECT hash, "
	    "changed FROM site_files WHERE path = ?", "s", path)) == NULL)
		return -1;
	step = sqlite3_step(st);
	if (step == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL &&
	    (uint64_t)sqlite3_column_int64(st, 0) == hash) {
		*changed = (long)sqlite3_column_int64(st, 1);
		sqlite3_finalize(st);
		return 0;
	}
	if (query_end(s, st, step, err, "reading the site's files") == -1)
		return -1;
	*changed = now;
	return query_do(s, err, "recording the site's files", "INSERT INTO "
	    "site_files(path, kind, hash, changed) VALUES (?1, 'file', ?2, ?3) "
	    "ON CONFLICT(path) DO UPDATE SET hash = excluded.hash, changed = "
	    "excluded.changed", "sLl", path, (sqlite3_int64)hash, now);
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
