/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * store_question.c: the questions in the store: a question's row, its
 * events, anomalies and whole texts (FTS5), read back with the rules'
 * view of it; the names of members and bodies; full-text search; and
 * the recomputation of every deadline when the rules change.
 */
#include "store.h"
#include "store_int.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "date.h"
#include "error.h"
#include "question.h"
#include "rules.h"
#include "util.h"

/* The columns of a question are question.c's tables, texts then dates,
 * each named after its field, bound in that order. */
#define NTEXT	question_ntexts
#define NDATE	question_ndates

/* Builds the INSERT and UPDATE statements from the column tables. */
void
store_question_sql(struct buf *ins, struct buf *upd)
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
		buf_printf(ins, ", %s", question_dates[i].name);
		buf_printf(upd, ", %s = ?%zu", question_dates[i].name, NTEXT + i + 11);
	}
	buf_adds(ins, ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10");
	for (i = 0; i < NTEXT + NDATE; i++)
		buf_printf(ins, ", ?%zu", i + 11);
	buf_adds(ins, ")");
	buf_adds(upd, " WHERE id = ?10");
}

/* Binds every column of a question for ST_INSERT or ST_UPDATE. */
/* A question's text: as it is when question_prepare cleaned it. */
static void
bind_qtext(sqlite3_stmt *st, int i, const struct question *q, const char *v)
{
	if (q->clean && v != NULL)
		sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
	else
		store_bind_text(st, i, v);
}

static void
bind_question(sqlite3_stmt *st, const struct question *q, uint64_t hash,
    const char *source, const char *now)
{
	size_t	i;

	store_bind_text(st, 1, q->assembly);
	sqlite3_bind_int(st, 2, q->legislature);
	store_bind_text(st, 3, q->type);
	sqlite3_bind_int64(st, 4, q->number);
	store_bind_text(st, 5, question_closure_name(q->closure));
	store_bind_text(st, 6, q->rule[0] != '\0' ? q->rule : NULL);
	sqlite3_bind_int64(st, 7, (sqlite3_int64)hash);
	store_bind_text(st, 8, source);
	store_bind_text(st, 9, now);
	store_bind_text(st, 10, now);
	for (i = 0; i < NTEXT; i++)
		bind_qtext(st, (int)i + 11, q,
		    *(char *const *)((const char *)q + question_texts[i].off));
	for (i = 0; i < NDATE; i++)
		store_bind_date(st, (int)(NTEXT + i) + 11,
		    *(const int *)((const char *)q + question_dates[i].off));
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
		store_bind_text(st, 2, q->events[i].kind);
		sqlite3_bind_text(st, 3, date_iso(q->events[i].date, d), -1,
		    SQLITE_TRANSIENT);
		store_bind_text(st, 4, q->events[i].detail ?
		    q->events[i].detail : "");
		store_bind_text(st, 5, s->now);
		if (s->run_id > 0)
			sqlite3_bind_int64(st, 6, s->run_id);
		else
			sqlite3_bind_null(st, 6);
		if (store_step_done(s, st, err, "storing an event") == -1)
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
		return store_step_done(s, st, err,
		    "storing a question's texts");
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
	return store_db_error(s, err, "storing a question's texts");
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
		if (strcmp(question_dates[i].name, "answered") == 0)
			sqlite3_bind_value(up, (int)(NTEXT + i) + 11,
			    sqlite3_column_value(find, 2));
		else if (strcmp(question_dates[i].name, "closed") == 0)
			sqlite3_bind_value(up, (int)(NTEXT + i) + 11,
			    sqlite3_column_value(find, 6));
	sqlite3_bind_value(up, 5, sqlite3_column_value(find, 7));
	sqlite3_bind_int64(an, 1, id);
	store_bind_text(an, 2, "answer_missing_upstream");
	store_bind_text(an, 3, (const char *)sqlite3_column_text(find, 2));
	store_bind_text(an, 4, s->now);
	return store_step_done(s, an, err, "recording an anomaly");
}

int
store_add_anomaly(struct store *s, long question_id, const char *kind,
    const char *detail, struct error *err)
{
	sqlite3_stmt	*an = s->st[ST_ANOMALY];

	sqlite3_bind_int64(an, 1, (sqlite3_int64)question_id);
	store_bind_text(an, 2, kind);
	store_bind_text(an, 3, detail != NULL ? detail : "");
	store_bind_text(an, 4, s->now);
	return store_step_done(s, an, err, "recording an anomaly");
}

int
store_anomaly_each(struct store *s, long question_id, store_anomaly_cb cb,
    void *arg, struct error *err)
{
	const char	*what = "reading anomalies";
	sqlite3_stmt	*st;

	if ((st = store_query(s, err, what,
	    "SELECT kind, detail, recorded FROM "
	    "anomalies WHERE question_id = ? ORDER BY id", "l",
	    question_id)) == NULL)
		return -1;
	return store_rows3(s, st, cb, arg, err, what);
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
	store_bind_text(find, 1, q->assembly);
	sqlite3_bind_int(find, 2, q->legislature);
	store_bind_text(find, 3, q->type);
	sqlite3_bind_int64(find, 4, q->number);
	step = sqlite3_step(find);
	if (step == SQLITE_DONE) {
		res->outcome = PUT_NEW;
		res->new_answer = q->answered != DATE_NONE;
		res->new_signal = q->signaled != DATE_NONE;
		st = s->st[ST_INSERT];
		bind_question(st, q, hash, source, s->now);
		if (store_step_done(s, st, err, "inserting a question") == -1)
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
		res->new_ministry = old_min != NULL &&
		    q->ministry_ref != NULL &&
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
		if (store_step_done(s, st, err, "updating a question") == -1)
			goto out;
	} else {
		store_db_error(s, err, "looking up a question");
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
		store_bind_text(st, 1, r->assembly);
		store_bind_text(st, 2, r->ref);
		store_bind_text(st, 3, r->name);
	} else {
		st = s->st[ST_BODY];
		store_bind_text(st, 1, r->assembly);
		store_bind_text(st, 2, r->ref);
		store_bind_text(st, 3, name_kind_word(r->kind));
		store_bind_text(st, 4, r->code);
		store_bind_text(st, 5, r->name);
		store_bind_text(st, 6, r->abbrev);
		if (r->legislature > 0)
			sqlite3_bind_int(st, 7, r->legislature);
		else
			sqlite3_bind_null(st, 7);
	}
	return store_step_done(s, st, err, "storing a member or a body");
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

/* The columns a read needs, then the names resolved by joins. */
void
store_select_sql(struct buf *b, const char *where)
{
	size_t	i;

	buf_adds(b, "SELECT q.id, q.assembly, q.legislature, q.type, "
	    "q.number, q.closure, q.rule");
	for (i = 0; i < NTEXT; i++)
		buf_printf(b, ", q.%s", question_texts[i].name);
	for (i = 0; i < NDATE; i++)
		buf_printf(b, ", q.%s", question_dates[i].name);
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
		*dst = store_column_strdup(st, col);
}

/* The columns before the texts: id to rule. */
static void
read_head(sqlite3_stmt *st, struct question *q)
{
	const char	*s;

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
}

static void
read_question(sqlite3_stmt *st, struct question *q)
{
	size_t	i;
	int	c = 7;

	read_head(st, q);
	for (i = 0; i < NTEXT; i++, c++)
		*(char **)((char *)q + question_texts[i].off) = store_column_strdup(st, c);
	for (i = 0; i < NDATE; i++, c++)
		*(int *)((char *)q + question_dates[i].off) = store_column_date(st, c);
	/* The AMO names win for the author; the file's own for the rest. */
	if (sqlite3_column_type(st, c) != SQLITE_NULL) {
		free(q->author_name);
		q->author_name = store_column_strdup(st, c);
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

/*
 * The names of members and bodies, for a scan: the joins of
 * store_select_sql() cost four index lookups a question (0.36 s of a
 * 0.58 s scan at 300,000 questions), for a few hundred names.
 */
struct sname {
	char	 assembly[8];
	char	*ref;
	char	*name;
	char	*abbrev;
};

struct snames {
	struct sname	*v;
	size_t		 n;
	size_t		*slot;		/* open addressing: index + 1, or 0 */
	size_t		 mask;
};

static size_t
sname_hash(const char *assembly, const char *ref)
{
	return (size_t)(util_hash64(assembly, strlen(assembly)) ^
	    util_hash64(ref, strlen(ref)) * 31);
}

static int
sname_cmp(const struct sname *x, const struct sname *y)
{
	int	c = strcmp(x->assembly, y->assembly);

	return c != 0 ? c : strcmp(x->ref, y->ref);
}

static int
snames_load(struct store *s, const char *sql, struct snames *m,
    struct error *err)
{
	sqlite3_stmt	*st;
	size_t		 cap = 0, i, h;
	int		 step;

	memset(m, 0, sizeof(*m));
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return store_db_error(s, err, "reading names");
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (m->n == cap) {
			cap = cap ? cap * 2 : 64;
			m->v = xrealloc(m->v, cap * sizeof(*m->v));
		}
		str_copy(m->v[m->n].assembly, (const char *)
		    sqlite3_column_text(st, 0), sizeof(m->v[m->n].assembly));
		m->v[m->n].ref = store_column_strdup(st, 1);
		m->v[m->n].name = store_column_strdup(st, 2);
		m->v[m->n].abbrev = store_column_strdup(st, 3);
		m->n++;
	}
	sqlite3_finalize(st);
	if (step != SQLITE_DONE)
		return store_db_error(s, err, "reading names");
	/* A table twice the names at least, so that a lookup costs one
	 * hash and a compare or two: a scan makes four a question. */
	for (cap = 16; cap < 2 * m->n; cap *= 2)
		;
	m->mask = cap - 1;
	m->slot = xcalloc(cap, sizeof(*m->slot));
	for (i = 0; i < m->n; i++) {
		h = sname_hash(m->v[i].assembly, m->v[i].ref) & m->mask;
		while (m->slot[h] != 0 && sname_cmp(&m->v[m->slot[h] - 1],
		    &m->v[i]) != 0)
			h = (h + 1) & m->mask;
		m->slot[h] = i + 1;	/* the last of a pair wins */
	}
	return 0;
}

static void
snames_free(struct snames *m)
{
	size_t	i;

	for (i = 0; i < m->n; i++) {
		free(m->v[i].ref);
		free(m->v[i].name);
		free(m->v[i].abbrev);
	}
	free(m->v);
	free(m->slot);
}

static const struct sname *
snames_find(const struct snames *m, const char *assembly, const char *ref)
{
	size_t	h;

	if (ref == NULL || m->n == 0 || m->slot == NULL)
		return NULL;
	for (h = sname_hash(assembly, ref) & m->mask; m->slot[h] != 0;
	    h = (h + 1) & m->mask) {
		const struct sname	*e = &m->v[m->slot[h] - 1];

		if (strcmp(e->ref, ref) == 0 && strncmp(e->assembly, assembly,
		    sizeof(e->assembly) - 1) == 0)
			return e;
	}
	return NULL;
}

/*
 * A lean scan's question: its texts are SQLite's and the names the
 * scan's, lent until the next row (lent[] says which, for lean_return),
 * not copied: a third of a scan went to copying and freeing them.
 */
static void
read_lent(sqlite3_stmt *st, const struct snames *members,
    const struct snames *bodies, struct question *q, char **lent)
{
	const struct sname	*a, *og, *om, *oa;
	size_t			 i;
	int			 c = 7;

	read_head(st, q);
	for (i = 0; i < NTEXT; i++, c++)
		*(char **)((char *)q + question_texts[i].off) =
		    (char *)(uintptr_t)sqlite3_column_text(st, c);
	for (i = 0; i < NDATE; i++, c++)
		*(int *)((char *)q + question_dates[i].off) =
		    store_column_date(st, c);
	a = snames_find(members, q->assembly, q->author_ref);
	og = snames_find(bodies, q->assembly, q->group_ref);
	om = snames_find(bodies, q->assembly, q->ministry_ref);
	oa = snames_find(bodies, q->assembly, q->ministry_asked_ref);
	if (a != NULL && a->name != NULL)
		q->author_name = a->name;
	if (og != NULL && q->group_abbrev == NULL)
		q->group_abbrev = og->abbrev;
	if (og != NULL && q->group_name == NULL)
		q->group_name = og->name;
	if (om != NULL && q->ministry == NULL)
		q->ministry = om->abbrev != NULL ? om->abbrev : om->name;
	if (oa != NULL && q->ministry_asked == NULL)
		q->ministry_asked = oa->abbrev;
	for (i = 0; i < NTEXT; i++)
		lent[i] = *(char **)((char *)q + question_texts[i].off);
}

/* Takes back what read_lent lent; what the rules made is the caller's
 * to clear. */
static void
lean_return(struct question *q, char *const *lent)
{
	size_t	i;

	for (i = 0; i < NTEXT; i++) {
		char	**p = (char **)((char *)q + question_texts[i].off);

		if (*p == lent[i])
			*p = NULL;
	}
}

/* As the joins of store_select_sql() and read_question() would. */
static void
snames_apply(const struct snames *members, const struct snames *bodies,
    struct question *q)
{
	const struct sname	*a, *og, *om, *oa;

	a = snames_find(members, q->assembly, q->author_ref);
	og = snames_find(bodies, q->assembly, q->group_ref);
	om = snames_find(bodies, q->assembly, q->ministry_ref);
	oa = snames_find(bodies, q->assembly, q->ministry_asked_ref);
	if (a != NULL && a->name != NULL) {
		free(q->author_name);
		q->author_name = xstrdup(a->name);
	}
	if (og != NULL && q->group_abbrev == NULL)
		q->group_abbrev = xstrdup_null(og->abbrev);
	if (og != NULL && q->group_name == NULL)
		q->group_name = xstrdup_null(og->name);
	if (om != NULL && q->ministry == NULL)
		q->ministry = xstrdup_null(om->abbrev != NULL ? om->abbrev :
		    om->name);
	if (oa != NULL && q->ministry_asked == NULL)
		q->ministry_asked = xstrdup_null(oa->abbrev);
}

/*
 * The columns of store_select_sql(), without its joins (the names come
 * from snames). A lean read leaves out the excerpts and the deadline's
 * steps (a kilobyte a question that no filter or count reads) unless
 * flags asks for them.
 */
static void
lean_sql(struct buf *sql, int lean, int flags)
{
	size_t	i;

	buf_adds(sql, "SELECT q.id, q.assembly, q.legislature, q.type, "
	    "q.number, q.closure, q.rule");
	for (i = 0; i < NTEXT; i++)
		if (lean && ((!(flags & SCAN_KEYS) &&
		    strcmp(question_texts[i].name, "deadline_steps") == 0) ||
		    (!(flags & SCAN_EXCERPTS) &&
		    (strcmp(question_texts[i].name, "excerpt") == 0 ||
		    strcmp(question_texts[i].name, "answer_excerpt") == 0))))
			buf_adds(sql, ", NULL");
		else
			buf_printf(sql, ", q.%s", question_texts[i].name);
	for (i = 0; i < NDATE; i++)
		buf_printf(sql, ", q.%s", question_dates[i].name);
	buf_adds(sql, ", NULL, NULL, NULL, NULL, NULL, NULL, q.hash FROM "
	    "questions q ");
}

/* A statement of lean_sql()'s columns and what reading its rows needs. */
struct reader {
	sqlite3_stmt	*st;
	struct snames	 members, bodies;
	char		**lent;
	int		 lean, flags;
};

static void
reader_close(struct reader *r)
{
	sqlite3_finalize(r->st);
	snames_free(&r->members);
	snames_free(&r->bodies);
	free(r->lent);
	memset(r, 0, sizeof(*r));
}

/* Loads the names and prepares lean_sql() with where after it. */
static int
reader_open(struct store *s, struct reader *r, int lean, int flags,
    const char *where, struct error *err)
{
	struct buf	 sql;
	int		 rc = -1;

	memset(r, 0, sizeof(*r));
	r->lean = lean;
	r->flags = flags;
	buf_init(&sql);
	if (snames_load(s, "SELECT assembly, ref, name, NULL FROM members",
	    &r->members, err) == -1 || snames_load(s, "SELECT assembly, ref, "
	    "name, abbrev FROM bodies", &r->bodies, err) == -1)
		goto out;
	lean_sql(&sql, lean, flags);
	buf_adds(&sql, where);
	if (sqlite3_prepare_v2(s->db, sql.data, -1, &r->st, NULL) !=
	    SQLITE_OK) {
		store_db_error(s, err, "reading questions");
		goto out;
	}
	r->lent = xcalloc(NTEXT, sizeof(*r->lent));
	rc = 0;
out:
	buf_free(&sql);
	if (rc == -1)
		reader_close(r);
	return rc;
}

/* A row of lean_sql(): lent (lean) or copied; then the rules' view. */
static void
lean_read(struct store *s, struct reader *r, struct question *q)
{
	sqlite3_stmt	*st = r->st;

	if (r->lean) {
		read_lent(st, &r->members, &r->bodies, q, r->lent);
		/* Lent texts are read only: never stored back with a
		 * hash that no longer counts them. */
		if (r->flags & SCAN_KEYS)
			q->hash = (uint64_t)sqlite3_column_int64(st,
			    sqlite3_column_count(st) - 1);
	} else {
		read_question(st, q);
		snames_apply(&r->members, &r->bodies, q);
	}
	if (s->rules_read != NULL) {
		/* The rules free and remake the steps: never SQLite's. A
		 * copy is the question's own, which lean_return leaves. */
		if (r->lean && q->deadline_steps != NULL)
			q->deadline_steps = xstrdup(q->deadline_steps);
		rules_apply(s->rules_read, q);
	}
}

/* The scans of store_each_question() and store_scan_questions(). */
static int
each_question(struct store *s, int legislature, int ordered, int lean,
    int flags, store_question_cb cb, void *arg, struct error *err)
{
	struct reader	 r;
	struct question	 q;
	int		 step, stop = 0;

	if (reader_open(s, &r, lean, flags, ordered ? "WHERE ?1 = 0 OR "
	    "q.legislature = ?1 ORDER BY q.deadline, q.legislature, q.number" :
	    "WHERE ?1 = 0 OR q.legislature = ?1", err) == -1)
		return -1;
	sqlite3_bind_int(r.st, 1, legislature);
	while (!stop && (step = sqlite3_step(r.st)) == SQLITE_ROW) {
		lean_read(s, &r, &q);
		stop = cb(&q, arg);
		if (lean)
			lean_return(&q, r.lent);
		question_clear(&q);
	}
	if (!stop && step != SQLITE_DONE)
		store_db_error(s, err, "reading questions");
	reader_close(&r);
	return !stop && step != SQLITE_DONE ? -1 : 0;
}

int
store_get_many(struct store *s, const long *ids, size_t n,
    store_question_cb cb, void *arg, struct error *err)
{
	struct reader	 r;
	struct question	 q;
	size_t		 i;
	int		 step, stop = 0;

	if (reader_open(s, &r, 1, SCAN_EXCERPTS | SCAN_KEYS,
	    "WHERE q.id = ?1", err) == -1)
		return -1;
	for (i = 0; i < n && !stop; i++) {
		sqlite3_bind_int64(r.st, 1, ids[i]);
		if ((step = sqlite3_step(r.st)) != SQLITE_ROW) {
			if (step == SQLITE_DONE)
				error_set(err, EXIT_SOFTWARE, "%s: question "
				    "%ld: not in the database", s->path,
				    ids[i]);
			else
				store_db_error(s, err, "reading questions");
			reader_close(&r);
			return -1;
		}
		lean_read(s, &r, &q);
		stop = cb(&q, arg);
		lean_return(&q, r.lent);
		question_clear(&q);
		sqlite3_reset(r.st);
	}
	reader_close(&r);
	return 0;
}

int
store_each_question(struct store *s, int legislature, store_question_cb cb,
    void *arg, struct error *err)
{
	return each_question(s, legislature, 1, 0, SCAN_EXCERPTS, cb, arg,
	    err);
}

int
store_scan_questions(struct store *s, int legislature, int flags,
    store_question_cb cb, void *arg, struct error *err)
{
	return each_question(s, legislature, (flags & SCAN_ORDERED) != 0, 1,
	    flags, cb, arg, err);
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
		return store_db_error(s, err, "reading events");
	sqlite3_bind_int64(st, 1, id);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const char	*detail = (const char *)sqlite3_column_text(st,
		    2);

		question_add_event(q, (const char *)sqlite3_column_text(st, 0),
		    store_column_date(st, 1), detail != NULL &&
		    *detail != '\0' ? detail : NULL);
	}
	sqlite3_finalize(st);
	if (step != SQLITE_DONE)
		return store_db_error(s, err, "reading events");
	return 0;
}

/* Steps a prepared store_select_sql() query: 1 and q filled, 0 for no row, or
 * -1 with err set. */
static int
read_one(struct store *s, sqlite3_stmt *st, struct question *q,
    struct error *err)
{
	int	step = sqlite3_step(st);

	if (step == SQLITE_DONE)
		return 0;
	if (step != SQLITE_ROW)
		return store_db_error(s, err, "reading a question");
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
	store_select_sql(&sql, "WHERE q.assembly = ? AND q.legislature = ? AND "
	    "q.type = ? AND q.number = ?");
	if (sqlite3_prepare_v2(s->db, sql.data, -1, &st, NULL) != SQLITE_OK) {
		store_db_error(s, err, "reading a question");
		goto out;
	}
	store_bind_text(st, 1, assembly);
	sqlite3_bind_int(st, 2, legislature);
	store_bind_text(st, 3, type);
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
	store_select_sql(&sql,
	    "WHERE q.source_uid = ? ORDER BY q.id DESC LIMIT 1");
	if (sqlite3_prepare_v2(s->db, sql.data, -1, &st, NULL) != SQLITE_OK)
		store_db_error(s, err, "reading a question");
	else {
		store_bind_text(st, 1, source_uid);
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
		store_db_error(s, err, "reading a question");
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

	if ((st = store_query(s, err, what,
	    "SELECT question, answer FROM texts "
	    "WHERE rowid = ?", "l", q->id)) == NULL)
		return -1;
	if ((step = sqlite3_step(st)) == SQLITE_ROW) {
		free(q->text);
		free(q->answer_text);
		q->text = store_column_strdup(st, 0);
		q->answer_text = store_column_strdup(st, 1);
	}
	return store_query_end(s, st, step, err, what);
}

int
store_search(struct store *s, const char *match, int newest, size_t limit,
    store_search_cb cb, void *arg, struct error *err)
{
	const char	*what = "searching the texts";
	sqlite3_stmt	*st;
	int		 step, rc = 0;

	/* Newest first, unscored: bm25 over every match of a common word
	 * is most of a filtered search (store_search_ranks scores the
	 * page's). */
	if ((st = store_query(s, err, what, newest ?
	    "SELECT rowid, 0.0 FROM texts WHERE texts MATCH ?1 ORDER "
	    "BY rowid DESC LIMIT ?2" : "SELECT rowid, bm25(texts, 8.0, 4.0, "
	    "4.0, 1.0, 1.0) FROM texts WHERE texts MATCH ?1 ORDER BY 2, "
	    "rowid DESC LIMIT ?2", "sL", match, limit > 0 ?
	    (sqlite3_int64)limit : (sqlite3_int64)-1)) == NULL)
		return -1;
	while ((step = sqlite3_step(st)) == SQLITE_ROW)
		if ((rc = cb((long)sqlite3_column_int64(st, 0),
		    sqlite3_column_double(st, 1), arg)) != 0)
			break;
	return store_query_end(s, st, step, err, what) == -1 ? -1 : rc;
}

int
store_search_ranks(struct store *s, const char *match, const long *ids,
    double *ranks, size_t n, struct error *err)
{
	const char	*what = "searching the texts";
	sqlite3_stmt	*st;
	size_t		 j = 0;
	int		 step;

	/* One statement, so bm25 counts the matches once; newest first
	 * as the ids are, so it stops at the page's last. */
	if ((st = store_query(s, err, what, "SELECT rowid, bm25(texts, 8.0, "
	    "4.0, 4.0, 1.0, 1.0) FROM texts WHERE texts MATCH ? ORDER BY "
	    "rowid DESC", "s", match)) == NULL)
		return -1;
	while (j < n && (step = sqlite3_step(st)) == SQLITE_ROW) {
		long	id = (long)sqlite3_column_int64(st, 0);

		while (j < n && ids[j] > id)	/* gone meanwhile: unscored */
			j++;
		if (j < n && ids[j] == id)
			ranks[j++] = sqlite3_column_double(st, 1);
	}
	if (j == n)
		step = SQLITE_DONE;
	return store_query_end(s, st, step, err, what);
}

int
store_search_count(struct store *s, const char *match, size_t *n,
    struct error *err)
{
	const char	*what = "searching the texts";
	sqlite3_stmt	*st;
	int		 step;

	if ((st = store_query(s, err, what, "SELECT count(*) FROM texts WHERE "
	    "texts MATCH ?", "s", match)) == NULL)
		return -1;
	if ((step = sqlite3_step(st)) == SQLITE_ROW)
		*n = (size_t)sqlite3_column_int64(st, 0);
	else if (step == SQLITE_DONE)
		step = SQLITE_ERROR;	/* count(*) always gives a row */
	return store_query_end(s, st, step, err, what);
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
	if ((st = store_query(s, err, what,
	    "SELECT snippet(texts, -1, char(2), "
	    "char(3), '\xe2\x80\xa6', 24) FROM texts WHERE texts MATCH ? AND "
	    "rowid = ?", "sl", match, id)) == NULL)
		return NULL;
	if ((step = sqlite3_step(st)) == SQLITE_ROW)
		snip = store_column_strdup(st, 0);
	if (store_query_end(s, st, step, err, what) == -1) {
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

	if ((st = store_query(s, NULL, "",
	    "SELECT max(legislature) FROM questions "
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
	if ((st = store_query(s, NULL, "",
	    "SELECT value FROM meta WHERE key = ?",
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
	    " lapse_date = ?, deadline_steps = ? WHERE id = ?", -1, &upd, NULL)
	    != SQLITE_OK) {
		store_db_error(s, err, "recomputing deadlines");
		goto out;
	}
	while ((step = sqlite3_step(sel)) == SQLITE_ROW) {
		question_init(&q);
		str_copy(q.assembly, (const char *)sqlite3_column_text(sel, 1),
		    sizeof(q.assembly));
		q.legislature = sqlite3_column_int(sel, 2);
		str_copy(q.type, (const char *)sqlite3_column_text(sel, 3),
		    sizeof(q.type));
		q.published = store_column_date(sel, 4);
		q.reattributed = store_column_date(sel, 5);
		q.signaled = store_column_date(sel, 6);
		ministry_events(&q, (const char *)sqlite3_column_text(sel, 7));
		rules_apply(rs, &q);
		store_bind_text(upd, 1, q.rule[0] != '\0' ? q.rule : NULL);
		store_bind_date(upd, 2, q.deadline);
		store_bind_date(upd, 3, q.deadline_ext);
		store_bind_date(upd, 4, q.signal_deadline);
		store_bind_date(upd, 5, q.lapse_date);
		store_bind_text(upd, 6, q.deadline_steps);
		sqlite3_bind_int64(upd, 7, sqlite3_column_int64(sel, 0));
		done = store_step_done(s, upd, err, "recomputing deadlines");
		question_clear(&q);
		if (done == -1)
			goto out;
		(*n)++;
	}
	if (step != SQLITE_DONE) {
		store_db_error(s, err, "recomputing deadlines");
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
	if (recompute(s, rs, recomputed, err) == -1 || store_query_do(s, err,
	    "storing the rules settings", "INSERT OR REPLACE INTO meta(key, "
	    "value) VALUES ('rules', ?)", "s", want) == -1)
		goto fail;
	return store_commit(s, err);
fail:
	store_rollback(s);
	return -1;
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

	if ((st = store_query(s, err, "reading names", sql[kind], "")) == NULL)
		return -1;
	while ((step = sqlite3_step(st)) == SQLITE_ROW)
		if (cb((const char *)sqlite3_column_text(st, 0),
		    (const char *)sqlite3_column_text(st, 1),
		    (const char *)sqlite3_column_text(st, 2), arg) != 0)
			break;
	return store_query_end(s, st, step, err, "reading names");
}
