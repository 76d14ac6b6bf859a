/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
#ifndef QT_STORE_INT_H
#define QT_STORE_INT_H
/*
 * store_int.h: what the files of the store share, and nothing outside
 * them includes: the handle, its prepared statements, and the helpers
 * that bind, read and run SQL (store.c).
 */
#include <stdarg.h>

#include <sqlite3.h>

#include "error.h"
#include "store.h"
#include "util.h"

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
	/* What a reader keeps with its connection (filter.c's index of
	 * statuses, for serve's pool), freed with it. */
	void		*kept;
	void		(*kept_free)(void *);
};

/* Sets err from the database's last error: the file, what was being
 * done and SQLite's message; EXIT_TEMPFAIL when another writer holds it.
 * Returns -1. */
int	 store_db_error(struct store *, struct error *, const char *what);
/* A string (cleaned of invalid UTF-8 and controls), or NULL. */
void	 store_bind_text(sqlite3_stmt *, int i, const char *);
/* A date as ISO text, or NULL for DATE_NONE. */
void	 store_bind_date(sqlite3_stmt *, int i, int day);
/* A column of ISO text as a date, DATE_NONE when NULL or not a date. */
int	 store_column_date(sqlite3_stmt *, int i);
/* A column's text, copied (the caller frees), or NULL. */
char	*store_column_strdup(sqlite3_stmt *, int i);
/* Steps a statement that returns no row and resets it. */
int	 store_step_done(struct store *, sqlite3_stmt *, struct error *,
	    const char *what);
/*
 * Prepares sql and binds its parameters in order as fmt says, a letter
 * each: s a string (NULL binds NULL), i an int, d a date (DATE_NONE binds
 * NULL), l a long, L an sqlite3_int64, n a long that binds NULL when 0 or
 * less. Returns the statement, which the caller steps and finalizes
 * (store_query_end), or NULL with err naming what.
 */
sqlite3_stmt *store_query(struct store *, struct error *, const char *what,
	    const char *sql, const char *fmt, ...);
/* A statement that returns no row (INSERT, UPDATE, DELETE), prepared as
 * store_query does, run and finalized: 0, or -1 with err naming what. */
int	 store_query_do(struct store *, struct error *, const char *what,
	    const char *sql, const char *fmt, ...);
/* Finalizes st after its last step: 0 when that step was a row or the
 * end, else -1 with err naming what. */
int	 store_query_end(struct store *, sqlite3_stmt *, int step,
	    struct error *, const char *what);
/* Steps a query of three text columns, each row to cb until it returns
 * non-zero (returned), and finalizes it: -1 with err naming what. */
typedef int	(*store_rows3_cb)(const char *, const char *, const char *,
		    void *);
int	 store_rows3(struct store *, sqlite3_stmt *, store_rows3_cb, void *,
	    struct error *, const char *what);
/* The INSERT and UPDATE of a question, from the column tables
 * (store_question.c). */
void	 store_question_sql(struct buf *ins, struct buf *upd);
/* SELECT of every column of a question, then where. */
void	 store_select_sql(struct buf *, const char *where);

#endif
