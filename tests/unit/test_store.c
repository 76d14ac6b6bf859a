/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/* Unit tests of store.c: insert, unchanged and changed puts, an answer
 * never downgraded, rollback, reopening, and the recomputation of every
 * deadline when the rules settings change. */
#include "store.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "testdata.h"

#include "date.h"
#include "error.h"
#include "rules.h"
#include "source_an.h"
#include "util.h"

static char	db_path[64];

static int
setup(void **state)
{
	int	fd;

	(void)state;
	snprintf(db_path, sizeof(db_path), "/tmp/qt-store-XXXXXX");
	if ((fd = mkstemp(db_path)) == -1)
		return -1;
	close(fd);
	unlink(db_path);
	return 0;
}

static int
teardown(void **state)
{
	char	p[80];

	(void)state;
	unlink(db_path);
	snprintf(p, sizeof(p), "%s-wal", db_path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", db_path);
	unlink(p);
	return 0;
}

static void
make(struct question *q, long number, const char *answered)
{
	struct rules_settings	rs;

	rules_defaults(&rs);
	question_init(q);
	str_copy(q->assembly, "AN", sizeof(q->assembly));
	str_copy(q->type, "QE", sizeof(q->type));
	q->legislature = 17;
	q->number = number;
	q->title = xstrdup("Sujet");
	q->ministry_ref = xstrdup("PO1");
	q->published = d("2025-05-20");
	question_add_event(q, EV_PUBLISHED, q->published, "3516");
	if (answered != NULL) {
		q->answered = d(answered);
		question_add_event(q, EV_ANSWERED, q->answered, NULL);
	}
	rules_apply(&rs, q);
}

static void
put(struct store *s, struct question *q, struct put_result *r)
{
	struct error	err;

	if (store_put_question(s, q, "test", r, &err) == -1)
		fail_msg("%s", err.msg);
}

static void
test_put_and_get(void **state)
{
	struct store		*s;
	struct error		 err;
	struct question		 q, back;
	struct put_result	 r;

	(void)state;
	assert_non_null(s = store_open(db_path, &err));
	assert_int_equal(store_begin(s, &err), 0);
	make(&q, 6750, NULL);
	put(s, &q, &r);
	assert_int_equal(r.outcome, PUT_NEW);
	put(s, &q, &r);
	assert_int_equal(r.outcome, PUT_UNCHANGED);
	question_clear(&q);
	/* The answer arrives: changed, a new answer. */
	make(&q, 6750, "2025-09-02");
	put(s, &q, &r);
	assert_int_equal(r.outcome, PUT_CHANGED);
	assert_true(r.new_answer);
	question_clear(&q);
	/* A later file without the answer: the answer is kept. */
	make(&q, 6750, NULL);
	put(s, &q, &r);
	assert_true(r.answer_kept);
	question_clear(&q);
	assert_int_equal(store_commit(s, &err), 0);

	assert_int_equal(store_get_question(s, "AN", 17, "QE", 6750, &back,
	    &err), 1);
	assert_int_equal(back.answered, d("2025-09-02"));
	assert_int_equal(back.deadline, d("2025-07-20"));
	assert_string_equal(back.rule, "an-qe");
	assert_int_equal(back.nevents, 2);
	assert_string_equal(back.events[0].kind, EV_PUBLISHED);
	assert_string_equal(back.events[0].detail, "3516");
	assert_string_equal(back.events[1].kind, EV_ANSWERED);
	question_clear(&back);
	assert_int_equal(store_get_question(s, "AN", 17, "QE", 1, &back,
	    &err), 0);
	store_close(s);
}

static void
test_rollback_and_reopen(void **state)
{
	struct store		*s;
	struct error		 err;
	struct question		 q;
	struct put_result	 r;

	(void)state;
	assert_non_null(s = store_open(db_path, &err));
	assert_int_equal(store_begin(s, &err), 0);
	make(&q, 1, NULL);
	put(s, &q, &r);
	question_clear(&q);
	store_rollback(s);
	assert_int_equal(store_get_question(s, "AN", 17, "QE", 1, &q, &err),
	    0);
	store_close(s);
	/* Reopening an up-to-date database migrates nothing. */
	assert_non_null(s = store_open(db_path, &err));
	store_close(s);
	/* A file that is not a database is refused by name. */
	{
		FILE	*fp = fopen(db_path, "w");

		fputs("this is not a database, just some text that is long "
		    "enough to be a header of something else entirely......"
		    "...............................................\n", fp);
		fclose(fp);
	}
	assert_null(s = store_open(db_path, &err));
	assert_int_equal(err.status, EXIT_DATAERR);
	assert_non_null(strstr(err.msg, db_path));
}

static int
count_cb(const struct question *q, void *arg)
{
	(*(int *)arg) += q->deadline == d("2025-07-21");
	return 0;
}

static void
test_rules_resync(void **state)
{
	struct store		*s;
	struct error		 err;
	struct question		 q;
	struct put_result	 r;
	struct rules_settings	 rs;
	unsigned long		 n;
	int			 moved = 0;

	(void)state;
	rules_defaults(&rs);
	assert_non_null(s = store_open(db_path, &err));
	assert_int_equal(store_sync_rules(s, &rs, &n, &err), 0);
	assert_int_equal(store_begin(s, &err), 0);
	make(&q, 2, NULL);
	put(s, &q, &r);
	question_clear(&q);
	assert_int_equal(store_commit(s, &err), 0);
	assert_int_equal(store_sync_rules(s, &rs, &n, &err), 0);
	assert_int_equal(n, 0);
	/* Turning the rollover on moves Sunday 2025-07-20 to the 21st. */
	rs.weekend_rollover = 1;
	assert_int_equal(store_sync_rules(s, &rs, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(store_each_question(s, 0, count_cb, &moved, &err),
	    0);
	assert_int_equal(moved, 1);
	store_close(s);
}

static int
text_hit(long id, double rank, void *arg)
{
	(void)rank;
	*(long *)arg = id;
	return 0;
}

static long
found_by(struct store *s, const char *match)
{
	struct error	err;
	long		id = 0;

	if (store_search(s, match, 0, 0, text_hit, &id, &err) == -1)
		fail_msg("%s", err.msg);
	return id;
}

/* The whole texts go to the full-text table, are read back only when
 * asked, and a later put without them (a page) keeps them. */
static void
test_texts(void **state)
{
	struct store		*s;
	struct error		 err;
	struct question		 q, back;
	struct put_result	 r;
	long			 id;

	(void)state;
	assert_non_null(s = store_open(db_path, &err));
	assert_int_equal(store_begin(s, &err), 0);
	make(&q, 6750, NULL);
	q.excerpt = xstrdup("Le début…");
	q.text = xstrdup("Le début, et bien plus loin la reconnaissance "
	    "faciale.");
	put(s, &q, &r);
	id = r.id;
	question_clear(&q);
	assert_int_equal(store_commit(s, &err), 0);
	assert_int_equal(store_get_by_id(s, id, 0, &back, &err), 1);
	assert_null(back.text);
	assert_int_equal(store_get_texts(s, &back, &err), 0);
	assert_string_equal(back.text, "Le début, et bien plus loin la "
	    "reconnaissance faciale.");
	assert_null(back.answer_text);
	question_clear(&back);
	/* Accents folded, phrase, subject searched. */
	assert_int_equal(found_by(s, "\"RECONNAISSANCE faciale\""), id);
	assert_int_equal(found_by(s, "debut"), id);
	assert_int_equal(found_by(s, "sujet"), id);
	assert_int_equal(found_by(s, "absent"), 0);
	/* A put that has no text (a page's) keeps the stored one. */
	assert_int_equal(store_begin(s, &err), 0);
	make(&q, 6750, "2025-09-02");
	q.excerpt = xstrdup("Le début…");
	put(s, &q, &r);
	assert_int_equal(r.outcome, PUT_CHANGED);
	question_clear(&q);
	assert_int_equal(store_commit(s, &err), 0);
	assert_int_equal(found_by(s, "reconnaissance"), id);
	/* A question without a JO date is never listed: not indexed. */
	assert_int_equal(store_begin(s, &err), 0);
	make(&q, 6751, NULL);
	q.published = DATE_NONE;
	q.text = xstrdup("introuvable");
	put(s, &q, &r);
	question_clear(&q);
	assert_int_equal(store_commit(s, &err), 0);
	assert_int_equal(found_by(s, "introuvable"), 0);
	store_close(s);
}

/* A database of schema 10 gets its texts table from the excerpts, and
 * every poll entry is parsed again at the next poll. */
static void
test_migrate_texts(void **state)
{
	struct store		*s;
	struct error		 err;
	struct question		 q;
	struct put_result	 r;
	struct entry_rec	*k;
	size_t			 n;
	sqlite3			*db;

	(void)state;
	assert_non_null(s = store_open(db_path, &err));
	assert_int_equal(store_begin(s, &err), 0);
	make(&q, 6750, NULL);
	q.excerpt = xstrdup("Vidéosurveillance algorithmique…");
	put(s, &q, &r);
	question_clear(&q);
	assert_int_equal(store_entry_put(s, "an", "json/Q.json", 1234, 99,
	    r.id, &err), 0);
	assert_int_equal(store_commit(s, &err), 0);
	store_close(s);
	assert_int_equal(sqlite3_open(db_path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "DROP TABLE texts; DROP TABLE "
	    "export_files; PRAGMA user_version = 10", NULL, NULL, NULL),
	    SQLITE_OK);
	sqlite3_close(db);
	assert_non_null(s = store_open(db_path, &err));
	assert_int_equal(found_by(s, "videosurveillance"), r.id);
	assert_int_equal(store_entries_load(s, "an", &k, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_true(k[0].crc != 1234);
	store_entries_free(k, n);
	store_close(s);
}

/* A read transaction is one snapshot: what another connection commits
 * meanwhile is not seen until it ends; nested, it leaves the outer one. */
static void
test_read_snapshot(void **state)
{
	struct store		*s, *w;
	struct error		 err;
	struct question		 q;
	struct put_result	 r;
	int			 snap;

	(void)state;
	assert_non_null(s = store_open(db_path, &err));
	assert_non_null(w = store_open(db_path, &err));
	assert_int_equal(snap = store_read_begin(s, &err), 1);
	assert_int_equal(store_get_question(s, "AN", 17, "QE", 7, &q, &err),
	    0);
	/* Nested: the outer snapshot serves, and stays. */
	assert_int_equal(store_read_begin(s, &err), 0);
	store_read_end(s, 0);
	assert_int_equal(store_begin(w, &err), 0);
	make(&q, 7, NULL);
	put(w, &q, &r);
	question_clear(&q);
	assert_int_equal(store_commit(w, &err), 0);
	assert_int_equal(store_get_question(s, "AN", 17, "QE", 7, &q, &err),
	    0);
	store_read_end(s, snap);
	assert_int_equal(store_get_question(s, "AN", 17, "QE", 7, &q, &err),
	    1);
	question_clear(&q);
	/* Inside a write transaction, nothing begins. */
	assert_int_equal(store_begin(s, &err), 0);
	assert_int_equal(store_read_begin(s, &err), 0);
	store_read_end(s, 0);
	assert_int_equal(store_commit(s, &err), 0);
	store_close(w);
	store_close(s);
}

/* What a scan hands a callback, as text: one line a question. */
struct seen_rows {
	struct buf	b;
	size_t		n;
	size_t		steps;		/* questions with deadline steps */
};

static int
seen_cb(const struct question *q, void *arg)
{
	struct seen_rows	*r = arg;

	r->steps += q->deadline_steps != NULL;
	buf_printf(&r->b, "%s %ld|%s|%s|%s|%s|%s|%s|%d\n", q->assembly,
	    q->number, q->author_name ? q->author_name : "-",
	    q->group_abbrev ? q->group_abbrev : "-",
	    q->group_name ? q->group_name : "-",
	    q->ministry ? q->ministry : "-",
	    q->ministry_asked ? q->ministry_asked : "-",
	    q->excerpt ? q->excerpt : "-", q->deadline);
	r->n++;
	return 0;
}

static int
line_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The lines of a scan, sorted: scans promise no order. */
static char *
sorted_lines(char *text)
{
	char		*lines[16], *p, *save = NULL;
	struct buf	 b;
	size_t		 n = 0, i;

	for (p = strtok_r(text, "\n", &save); p != NULL && n < 16;
	    p = strtok_r(NULL, "\n", &save))
		lines[n++] = p;
	qsort(lines, n, sizeof(*lines), line_cmp);
	buf_init(&b);
	for (i = 0; i < n; i++)
		buf_printf(&b, "%s\n", lines[i]);
	return buf_steal(&b);
}

static void
put_name(struct store *s, enum name_kind kind, const char *ref,
    const char *name, const char *abbrev)
{
	struct name_record	nr;
	struct error		err;

	memset(&nr, 0, sizeof(nr));
	nr.kind = kind;
	str_copy(nr.assembly, "AN", sizeof(nr.assembly));
	nr.ref = xstrdup(ref);
	nr.name = xstrdup(name);
	nr.abbrev = xstrdup_null(abbrev);
	if (store_put_name(s, &nr, &err) == -1)
		fail_msg("%s", err.msg);
	name_record_clear(&nr);
}

/*
 * A lean scan (filters, counts) resolves the names of members and bodies
 * as the ordered read's joins do (the member's name wins; the body's
 * abbreviation, then its name, fills what the file left empty), in its
 * own order, without excerpts unless asked; and the texts it lends are
 * not the callback's to keep (ASan and valgrind would tell).
 */
static void
test_scan(void **state)
{
	struct store		*s;
	struct error		 err;
	struct question		 q;
	struct put_result	 r;
	struct seen_rows	 all = { { 0 }, 0, 0 }, lean = { { 0 }, 0, 0 },
				 ex = { { 0 }, 0, 0 }, many = { { 0 }, 0, 0 },
				 one = { { 0 }, 0, 0 };
	char			*a, *b, *c;
	long			 i, ids[3], bad[2];

	(void)state;
	assert_non_null(s = store_open(db_path, &err));
	assert_int_equal(store_begin(s, &err), 0);
	for (i = 3; i >= 1; i--) {
		make(&q, i, i == 2 ? "2025-06-01" : NULL);
		q.author_ref = xstrdup(i == 3 ? "PA3" : "PA1");
		q.author_name = xstrdup("file's own name");
		q.group_ref = xstrdup("PO9");
		q.excerpt = xstrdup(i == 1 ? "Le début" : "Autre début");
		if (i == 3) {
			free(q.ministry_ref);
			q.ministry_ref = xstrdup("PO404");	/* unknown */
			q.ministry = xstrdup("Its own ministry");
		}
		q.ministry_asked_ref = xstrdup("PO1");
		put(s, &q, &r);
		/* Read back 2, 3, 1: neither the order of the rows nor
		 * the order of the numbers. */
		ids[(i + 1) % 3] = r.id;
		question_clear(&q);
	}
	put_name(s, NAME_MEMBER, "PA1", "Mme Une Députée", NULL);
	put_name(s, NAME_MINISTRY, "PO1", "Ministère de la justice", "Justice");
	put_name(s, NAME_GROUP, "PO9", "Groupe neuf", NULL);
	assert_int_equal(store_commit(s, &err), 0);

	buf_init(&all.b);
	buf_init(&lean.b);
	buf_init(&ex.b);
	assert_int_equal(store_each_question(s, 0, seen_cb, &all, &err), 0);
	assert_int_equal(store_scan_questions(s, 0, 0, seen_cb, &lean, &err),
	    0);
	assert_int_equal(store_scan_questions(s, 17, SCAN_EXCERPTS |
	    SCAN_ORDERED, seen_cb, &ex, &err), 0);
	assert_int_equal(all.n, 3);
	assert_int_equal(lean.n, 3);
	/* Ordered and with excerpts, the scan reads as the full read, but
	 * for the deadline's steps, which no scan reads. */
	assert_string_equal(all.b.data, ex.b.data);
	assert_int_equal(ex.steps + lean.steps, 0);
	a = sorted_lines(all.b.data);
	c = sorted_lines(ex.b.data);
	assert_non_null(strstr(a, "AN 1|Mme Une Députée|-|Groupe neuf|Justice|"
	    "Justice|Le début|"));
	assert_non_null(strstr(a, "AN 3|file's own name|-|Groupe neuf|"
	    "Its own ministry|Justice|Autre début|"));
	assert_string_equal(a, c);
	/* Lean: the same but the excerpts. */
	b = sorted_lines(lean.b.data);
	assert_non_null(strstr(b, "AN 1|Mme Une Députée|-|Groupe neuf|Justice|"
	    "Justice|-|"));
	assert_null(strstr(b, "début"));
	free(a);
	free(b);
	free(c);

	/* The rows a scan picked, read again: in the order asked, each as
	 * store_get_by_id reads it (its four joins), excerpts included. */
	buf_init(&many.b);
	buf_init(&one.b);
	assert_int_equal(store_get_many(s, ids, 3, seen_cb, &many, &err), 0);
	for (i = 0; i < 3; i++) {
		assert_int_equal(store_get_by_id(s, ids[i], 0, &q, &err), 1);
		seen_cb(&q, &one);
		question_clear(&q);
	}
	assert_int_equal(many.n, 3);
	assert_string_equal(many.b.data, one.b.data);
	assert_true(strncmp(many.b.data, "AN 2|", 5) == 0);
	assert_non_null(strstr(many.b.data, "\nAN 3|file's own name|"));
	assert_non_null(strstr(many.b.data, "\nAN 1|Mme Une Députée|-|"
	    "Groupe neuf|Justice|Justice|Le début|"));
	/* None is nothing to read; a row not in the store is an error that
	 * names it, after the rows before it were handed over. */
	assert_int_equal(store_get_many(s, ids, 0, seen_cb, &many, &err), 0);
	assert_int_equal(many.n, 3);
	bad[0] = ids[0];
	bad[1] = 999999;
	assert_int_equal(store_get_many(s, bad, 2, seen_cb, &many, &err), -1);
	assert_int_equal(many.n, 4);
	assert_non_null(strstr(err.msg, "question 999999: not in the "
	    "database"));
	buf_free(&many.b);
	buf_free(&one.b);
	buf_free(&all.b);
	buf_free(&lean.b);
	buf_free(&ex.b);
	store_close(s);
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test_setup_teardown(test_put_and_get, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_rollback_and_reopen, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_rules_resync, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_texts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_migrate_texts, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_scan, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_snapshot, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
