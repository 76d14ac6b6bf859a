/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * store.h: the SQLite database: questions, the events of their lives,
 * the names of acteurs and organes, and the record of every run.
 */
#ifndef QT_STORE_H
#define QT_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "question.h"
#include "rules.h"

struct error;
struct store;
struct name_record;

/* What storing one question did. */
enum put_outcome {
	PUT_NEW,
	PUT_CHANGED,
	PUT_UNCHANGED
};

struct put_result {
	long		 id;		/* the question's row */
	enum put_outcome outcome;
	int		 new_answer;	/* answered now, not before */
	int		 new_signal;
	int		 new_ministry;
	int		 answer_kept;	/* upstream lost a stored answer */
};

/* Counts of one run, recorded in the runs table. */
struct run_counts {
	unsigned long	files;
	unsigned long	questions;
	unsigned long	added;
	unsigned long	changed;
	unsigned long	unchanged;
	unsigned long	answered;
	unsigned long	answered_late;
	unsigned long	signaled;
	unsigned long	ministry_changes;
	unsigned long	answers_kept;
	unsigned long	amo;
	unsigned long	skipped;	/* not written questions */
	unsigned long	bad;		/* with --skip-bad */
	/* polls */
	long		http_status;	/* 0: not fetched over HTTP */
	long long	bytes;		/* downloaded */
	unsigned long	entries;	/* JSON entries in the archive */
	unsigned long	parsed;		/* entries inflated and parsed */
	unsigned long	removed;	/* questions gone from the archive */
};

/* An archive entry as last ingested from a source. */
struct entry_rec {
	char		*name;
	unsigned long	 crc;
	unsigned long	 size;
	long		 question_id;	/* 0 for an acteur or organe */
	int		 seen;		/* set while planning a poll */
};

/*
 * Opens (creating if needed) the database and brings its schema up to
 * date; WAL mode, a busy timeout, foreign keys. Returns NULL with err set
 * (EXIT_CANTCREAT, EXIT_TEMPFAIL when locked, EXIT_DATAERR when the file
 * is not a qetracker database or is newer than this program).
 */
struct store	*store_open(const char *path, struct error *);
void		 store_close(struct store *);
/* The database's size in bytes as this connection sees it (its
 * transaction's pages included), or -1. */
long long	 store_size(struct store *);
/* The database's path, as opened; valid until store_close. */
const char	*store_path(const struct store *);
/* The schema version this program writes. */
int		 store_schema_version(void);
/*
 * Makes the stored deadlines those of the settings: when the settings'
 * fingerprint differs from the stored one, recomputes every deadline in
 * one transaction. *recomputed gets the number of questions updated.
 */
int		 store_sync_rules(struct store *, const struct rules_settings *,
		    unsigned long *recomputed, struct error *);
/*
 * For a command that only reads: when the settings differ from those the
 * stored deadlines come from, every question read gets its deadlines from
 * the settings (rs must outlive the store), and nothing is written.
 * Returns 1 when they differ, else 0.
 */
int		 store_read_rules(struct store *, const struct rules_settings *);

/* One write transaction: begin, puts, commit or rollback. */
int		 store_begin(struct store *, struct error *);
/*
 * A read transaction: what is read until store_read_end is one snapshot,
 * whatever a poll commits meanwhile (a list's selection and its rows
 * agree), and each row read costs no lock of its own. Returns 1 if it
 * began one, 0 inside a transaction already (whose snapshot serves), -1
 * with err set; store_read_end takes that value and ends only its own.
 */
int		 store_read_begin(struct store *, struct error *);
/* Something a reader keeps with this connection, freed by free_fn when
 * replaced or when the connection closes; store_kept gives it back. */
void		 store_keep(struct store *, void *, void (*free_fn)(void *));
void		*store_kept(const struct store *);
void		 store_read_end(struct store *, int began);
int		 store_commit(struct store *, struct error *);
void		 store_rollback(struct store *);
/* Inserts or updates a question (rules applied) and its events. */
int		 store_put_question(struct store *, const struct question *,
		    const char *source, struct put_result *, struct error *);
/* Inserts or updates a member, group, ministry or other body. */
int		 store_put_name(struct store *, const struct name_record *,
		    struct error *);
/*
 * The run of the current transaction: begun before any write, so that
 * the events it stores name it; finished with its counts before commit.
 */
int		 store_run_begin(struct store *, const char *command,
		    const char *source, long started, struct error *);
int		 store_run_finish(struct store *, const struct run_counts *,
		    struct error *);

/* The entries last ingested from a source, sorted by name. */
int		 store_entries_load(struct store *, const char *source,
		    struct entry_rec **, size_t *, struct error *);
void		 store_entries_free(struct entry_rec *, size_t);
int		 store_entry_put(struct store *, const char *source,
		    const char *name, unsigned long crc, unsigned long size,
		    long question_id, struct error *);
int		 store_entry_delete(struct store *, const char *source,
		    const char *name, struct error *);
/* Records one event of a question (with the current run). */
int		 store_add_event(struct store *, long question_id,
		    const char *kind, int date, const char *detail,
		    struct error *);
/* The validators of a source's last successful download (may be NULL;
 * the caller frees). */
int		 store_source_get(struct store *, const char *name,
		    char **etag, char **last_modified, struct error *);
int		 store_source_put(struct store *, const char *name,
		    const char *kind, const char *url, const char *etag,
		    const char *last_modified, struct error *);

/* Called for each question read; return non-zero to stop. */
typedef int	(*store_question_cb)(const struct question *, void *arg);
/*
 * Calls cb for every question of a legislature (0: all), in deadline
 * order, with names resolved from the acteurs and organes. Returns 0, or
 * -1 with err set.
 */
int		 store_each_question(struct store *, int legislature,
		    store_question_cb, void *arg, struct error *);
/*
 * The same, faster, for filters and counts: the questions handed to cb
 * hold texts lent until cb returns (copy what is kept), no deadline's
 * steps, and no excerpts unless flags has SCAN_EXCERPTS; in no set order
 * (the caller sorts what it keeps) unless it has SCAN_ORDERED.
 */
#define SCAN_ORDERED	0x1	/* in deadline order */
#define SCAN_EXCERPTS	0x2	/* with the excerpts */
#define SCAN_KEYS	0x4	/* with the stored hash and the steps */
int		 store_scan_questions(struct store *, int legislature,
		    int flags, store_question_cb cb, void *arg,
		    struct error *err);
/*
 * Reads one question (with its events, in date order) by identity.
 * Returns 1 when found, 0 when not, -1 on error.
 */
int		 store_get_question(struct store *, const char *assembly,
		    int legislature, const char *type, long number,
		    struct question *, struct error *);
/* The same by the source's own identifier (the Sénat's reference). */
int		 store_get_question_uid(struct store *,
		    const char *source_uid, struct question *,
		    struct error *);
/* Records an anomaly of a question (its row id): a kind and what. */
int		 store_add_anomaly(struct store *, long question_id,
		    const char *kind, const char *detail, struct error *);
/* Each anomaly of a question, oldest first; strings valid during the
 * call. */
typedef int	(*store_anomaly_cb)(const char *kind, const char *detail,
		    const char *recorded, void *arg);
int		 store_anomaly_each(struct store *, long question_id,
		    store_anomaly_cb, void *arg, struct error *);
/*
 * Calls cb for each question of ids, in that order, read as
 * store_scan_questions() reads them with SCAN_EXCERPTS | SCAN_KEYS
 * (texts lent until cb returns; names from one read of the names, not
 * four joins a question), without events: the rows a scan picked, read
 * again in its snapshot (the caller's read transaction). An id not in
 * the store is an error. Returns 0, or -1 with err set.
 */
int		 store_get_many(struct store *, const long *ids, size_t n,
		    store_question_cb cb, void *arg, struct error *err);
/* Reads one question by its row id, with its events if asked. */
int		 store_get_by_id(struct store *, long id, int with_events,
		    struct question *, struct error *);
/*
 * Brings a feed event's SEQUENCE and change time up to date at an as-of
 * date: unchanged content keeps them; new or changed content gets the
 * next SEQUENCE (0 for a new event) stamped `now`; at a date before the
 * one it was last tracked at, the stored values are read, never moved.
 * Inside a transaction.
 */
int		 store_feed_track(struct store *, const char *uid,
		    uint64_t hash, long now, int asof, int *sequence,
		    long *changed, struct error *);

/*
 * The files of the site. store_site_path gives the path of a feed known
 * by any of its keys (a reference, a folded name; NULL keys are passed
 * over): the one it was first given, else want.ics (want-2.ics, ... when
 * taken), and records every key for it, so that a feed's URL never
 * changes once published, whatever its name becomes. *created tells a
 * new path. Returns a string the caller frees, or NULL with err set.
 * Inside a transaction.
 */
char		*store_site_path(struct store *, const char *kind,
		    const char *const *keys, size_t nkeys, const char *want,
		    const char *title, int *created, struct error *);
/* The path a feed of these keys has, without making one: NULL when it
 * has none (err->status 0) or on error (err set). */
char		*store_site_find(struct store *, const char *kind,
		    const char *const *keys, size_t nkeys, struct error *);
/* Each recorded feed of a kind, by path; strings valid during the call. */
typedef int	(*store_site_cb)(const char *path, const char *title,
		    void *arg);
int		 store_site_each(struct store *, const char *kind,
		    store_site_cb, void *arg, struct error *);
/* Each feed's keys and path (every kind); strings valid during the
 * call. */
typedef int	(*store_site_key_cb)(const char *kind, const char *key,
		    const char *path, void *arg);
int		 store_site_keys_each(struct store *, store_site_key_cb,
		    void *arg, struct error *);
/*
 * What the last export wrote: calls cb with each path and its key when
 * token is the one store_export_record() recorded last (the folder is
 * that export's), and returns 1; 0 (cb never called) when it is not;
 * -1 with err set.
 */
typedef int	(*store_export_cb)(const char *path, uint64_t key, void *arg);
int		 store_export_files(struct store *, const char *token,
		    store_export_cb, void *arg, struct error *);
/* One path and key of an export, for store_export_record(). */
struct export_rec {
	char		*path;
	uint64_t	 key;
};
/* Records an export's files and its token, replacing the last; in a
 * transaction of its own. */
int		 store_export_record(struct store *, const char *token,
		    const struct export_rec *, size_t n, struct error *);
/*
 * A file's Last-Modified: the stored change time while its body's hash
 * is the same, else `now`, recorded. Inside a transaction.
 */
int		 store_site_track(struct store *, const char *path,
		    uint64_t hash, long now, long *changed, struct error *);

/*
 * Watchlists: a name, a secret token for its feed, and questions (only
 * their identity is used). Adding to a list that does not exist creates
 * it with the token given; q NULL only creates. Inside a transaction.
 */
int		 store_watch_add(struct store *, const char *name,
		    const char *token, const struct question *q,
		    struct error *);
/* Removes a question from a list, or the whole list when q is NULL. */
int		 store_watch_remove(struct store *, const char *name,
		    const struct question *q, int *removed, struct error *);
/* Called per (list, question); q is NULL for an empty list. */
/*
 * The names a filter can match, each distinct triple once: for
 * STORE_NAMES_AUTHOR (reference, name, NULL), STORE_NAMES_GROUP
 * (reference, abbreviation, name), STORE_NAMES_MINISTRY (name, NULL,
 * NULL), the ministries asked and in charge. A field may be NULL.
 */
enum store_names { STORE_NAMES_AUTHOR, STORE_NAMES_GROUP,
	STORE_NAMES_MINISTRY };
typedef int	(*store_names_cb)(const char *, const char *, const char *,
		    void *arg);
int		 store_each_name(struct store *, enum store_names,
		    store_names_cb, void *arg, struct error *);
typedef int	(*store_watch_cb)(const char *name, const char *token,
		    const struct question *q, void *arg);
int		 store_watch_each(struct store *, store_watch_cb, void *arg,
		    struct error *);

/*
 * The last digest sent (of that name; NULL: any): the end of its period
 * and its ISO week ("2026-W48"). Returns 1 when there is one, 0 when
 * not, -1 on error.
 */
int		 store_digest_last(struct store *, const char *name,
		    int *period_end, char *week, size_t size, struct error *);
/* Records a digest about to be sent, state "sending" (inside a
 * transaction); *id gets its row. */
int		 store_digest_put(struct store *, const char *name,
		    const char *week, int period_start, int period_end,
		    const char *recipients, const char *message_id, long *id,
		    struct error *);
/* The newest record of a digest for a week. */
struct digest_state {
	long	id;
	char	state[16];	/* sending, sent, retry, failed */
	int	attempts;
	long	next_try;	/* retry: not before (UTC seconds) */
	char	reason[256];
	char	when[32];	/* when it was recorded last (UTC) */
};
/* Returns 1 with ds filled, 0 when there is none, -1 on error. */
int		 store_digest_state(struct store *, const char *name,
		    const char *week, struct digest_state *, struct error *);
/* Moves a digest's record to a state (inside a transaction). */
int		 store_digest_set(struct store *, long id, const char *state,
		    int attempts, long next_try, const char *reason,
		    struct error *);

/* PRAGMA data_version: changes when another connection wrote. */
long		 store_data_version(struct store *);

/* The largest legislature stored for an assembly, or 0. */
/* The whole texts of a stored question (q->id), into q->text and
 * q->answer_text; left as they are if it has none. 0, or -1. */
int		 store_get_texts(struct store *, struct question *,
		    struct error *);
/*
 * The questions with a JO date whose texts match an FTS5 query (search.c
 * builds it from a user's words), best first, at most limit (0: all):
 * their row id and bm25 rank (lower is better); newest first when newest,
 * unscored (rank 0: store_search_ranks scores the rows shown). A
 * callback's non-zero
 * return stops and is returned; -1 with err set on error.
 */
typedef int	(*store_search_cb)(long id, double rank, void *arg);
int		 store_search(struct store *, const char *match, int newest,
		    size_t limit,
		    store_search_cb, void *arg, struct error *);
/* The bm25 ranks of n matches, ids newest first, into ranks. */
int		 store_search_ranks(struct store *, const char *match,
		    const long *ids, double *ranks, size_t n, struct error *);
/* How many questions store_search would give, in all. */
int		 store_search_count(struct store *, const char *match,
		    size_t *, struct error *);
/* The passage of a question that matches best, each hit between \x02
 * and \x03 ("" when none); NULL with err set on error. */
char		*store_search_snippet(struct store *, const char *match,
		    long id, struct error *);
int		 store_max_legislature(struct store *, const char *assembly);

#endif
