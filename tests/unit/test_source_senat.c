/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/* Unit tests of source_senat.c: our own CSV (Windows-1252 and UTF-8,
 * quoted fields, "%" notes, trailing columns, every sort), hostile twins
 * of it, the sort labels, and the real sample of ../shared where it
 * exists. */
#include "source_senat.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "date.h"
#include "error.h"
#include "question.h"
#include "util.h"
#include "testdata.h"

#define HEADER	"Sort;Nature;Numéro;Référence;Titre;Nom;Prénom;Civilité;" \
	"Circonscription;Groupe;Type Appartenance;Date de publication JO;" \
	"Ministère de dépôt;Date de transmission;Ministère de transmission;" \
	"Ministère de réponse;Date de réponse JO;Référence de la question " \
	"rappelée;Thème(s);Thème QC;URL Question\n"

static void
rows_free(struct question *rows, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		question_clear(&rows[i]);
	free(rows);
}

static int
has_event(const struct question *q, const char *kind, int date,
    const char *detail)
{
	size_t	i;

	for (i = 0; i < q->nevents; i++)
		if (strcmp(q->events[i].kind, kind) == 0 &&
		    q->events[i].date == date && (detail == NULL ||
		    (q->events[i].detail != NULL &&
		    strcmp(q->events[i].detail, detail) == 0)))
			return 1;
	return 0;
}

/* Parses a file of tests/data/senat; fails on error. */
static struct question *
parse_file(const char *rel, size_t *n)
{
	struct question	*rows;
	struct error	 err;
	char		*path = data_path("QT_TEST_DATA", rel), *data;
	size_t		 len;

	data = slurp(path, &len);
	assert_true(source_senat_csv_is(data, len, 0));
	if (source_senat_csv(data, len, path, NULL, &rows, n, &err) == -1)
		fail_msg("%s", err.msg);
	free(data);
	free(path);
	return rows;
}

static void
check_ours(struct question *r, size_t n)
{
	assert_int_equal(n, 6);
	/* Answered on time; the curly apostrophe and œ of Windows-1252. */
	assert_string_equal(r[0].assembly, "SENAT");
	assert_string_equal(r[0].type, "QE");
	assert_int_equal(r[0].number, 419);
	assert_int_equal(r[0].legislature, 17);
	assert_string_equal(r[0].source_uid, "SEQ241000419");
	assert_string_equal(r[0].title, "Avenir de l’œuvre des ports");
	assert_string_equal(r[0].author_name, "Mme Anaïs Dupré");
	assert_string_equal(r[0].group_abbrev, "SER");
	assert_string_equal(r[0].rubric, "Mer,Pêche");
	assert_int_equal(r[0].published, d("2024-10-03"));
	assert_int_equal(r[0].answered, d("2024-11-28"));
	assert_int_equal(r[0].closure, CLOSURE_ANSWERED);
	assert_string_equal(r[0].closure_label, "Réponse reçue");
	assert_true(has_event(&r[0], EV_PUBLISHED, d("2024-10-03"), NULL));
	assert_true(has_event(&r[0], EV_ANSWERED, d("2024-11-28"), NULL));
	/* Open: a DD/MM/YYYY date, a quoted field with ";" and a line
	 * break (a space: every column is a line), a trailing space trimmed
	 * from the ministry. */
	assert_int_equal(r[1].number, 6436);
	assert_string_equal(r[1].title, "Coût des transports; zones rurales");
	assert_int_equal(r[1].published, d("2025-10-30"));
	assert_string_equal(r[1].ministry, "Transports");
	assert_int_equal(r[1].closure, CLOSURE_NONE);
	assert_int_equal(r[1].answered, DATE_NONE);
	/* Transmitted: asked of one ministry, in charge of another, which
	 * answered. */
	assert_string_equal(r[2].ministry_asked, "Intérieur");
	assert_string_equal(r[2].ministry, "Transports");
	assert_int_equal(r[2].reattributed, d("2025-07-03"));
	assert_true(has_event(&r[2], EV_MINISTRY, d("2025-07-03"),
	    "Transports"));
	assert_int_equal(r[2].answered, d("2025-09-18"));
	/* An oral question comes back with its nature, to be skipped. */
	assert_string_equal(r[3].type, "QOSD");
	assert_null(r[3].source_uid);
	/* Withdrawn and lapsed: their own words, no date in the CSV. */
	assert_int_equal(r[4].closure, CLOSURE_WITHDRAWN);
	assert_string_equal(r[4].closure_label, "Retirée");
	assert_true(has_event(&r[4], EV_CLOSED, DATE_NONE, "Retirée"));
	assert_int_equal(r[5].closure, CLOSURE_LAPSED);
	assert_int_equal(r[5].nanomalies, 1);
	assert_string_equal(r[5].anomalies[0].kind, "closure_without_date");
}

static void
test_our_csv(void **state)
{
	struct question	*r;
	size_t		 n;

	(void)state;
	r = parse_file("senat/questions.csv", &n);
	check_ours(r, n);
	rows_free(r, n);
	/* The same file saved again as UTF-8 reads the same. */
	r = parse_file("senat/questions.utf8.csv", &n);
	check_ours(r, n);
	rows_free(r, n);
}

/* Parses a string; returns the error message, or "" on success. */
static const char *
fails(const char *csv, const char *labels)
{
	static struct error	 err;
	struct source_ctx	 ctx = { labels };
	struct question		*rows;
	size_t			 n;

	memset(&err, 0, sizeof(err));
	if (source_senat_csv(csv, strlen(csv), "t.csv", &ctx, &rows, &n,
	    &err) == 0) {
		rows_free(rows, n);
		return "";
	}
	assert_int_equal(err.status, EXIT_DATAERR);
	return err.msg;
}

#define ROW(sort, num, ref, date) \
	sort ";QE;" num ";" ref ";Titre;Nom;Prénom;M.;Lot;UC;;" date \
	";Santé;;;;;;Santé;;\n"

static void
test_hostile(void **state)
{
	(void)state;
	assert_string_equal(fails(HEADER ROW("En cours", "00001",
	    "SEQ250100001", "2025-01-09"), NULL), "");
	assert_string_equal(fails(HEADER ROW("Transformée", "00001",
	    "SEQ250100001", "2025-01-09"), NULL), "t.csv:2: column \"Sort\": "
	    "\"Transformée\" is not a sort qetracker knows; say what it means "
	    "with [senat] sort_labels = Transformée=open|answered|withdrawn|"
	    "lapsed|closed");
	/* The setting maps it. */
	assert_string_equal(fails(HEADER ROW("Transformée", "00001",
	    "SEQ250100001", "2025-01-09"), "x=open, transformee = closed"),
	    "");
	/* A reference never names a path. */
	assert_string_equal(fails(HEADER ROW("En cours", "00001",
	    "../../etc/pwd", "2025-01-09"), NULL), "t.csv:2: column "
	    "\"Référence\": \"../../etc/pwd\" is not a reference (SEQ, then 9 "
	    "digits or capitals: SEQ251006436)");
	assert_non_null(strstr(fails(HEADER ROW("En cours", "00001",
	    "SEQ25010000a", "2025-01-09"), NULL), "is not a reference"));
	assert_string_equal(fails(HEADER ROW("En cours", "00001",
	    "SEQ250100001", "2025-02-30"), NULL), "t.csv:2: column \"Date de "
	    "publication JO\": \"2025-02-30\" is not a date");
	assert_string_equal(fails(HEADER ROW("En cours", "x1",
	    "SEQ250100001", "2025-01-09"), NULL), "t.csv:2: column "
	    "\"Numéro\": \"x1\" is not a question number");
	assert_string_equal(fails(HEADER ROW("En cours", "00001",
	    "SEQ250100001", ""), NULL), "t.csv:2: column \"Date de "
	    "publication JO\": empty: a question's deadline counts from it");
	assert_string_equal(fails(HEADER ROW("En cours", "00001",
	    "SEQ250100001", "1990-01-09"), NULL), "t.csv:2: column \"Date de "
	    "publication JO\": 1990-01-09 is before any legislature qetracker "
	    "knows");
	/* The line of the row, past a quoted line break. */
	assert_string_equal(fails(HEADER "En cours;QE;00001;SEQ250100001;\"a"
	    "\nb\";N;P;M.;Lot;UC;;2025-01-09;S;;;;;;S;;\n" ROW("?", "00002",
	    "SEQ250100002", "2025-01-09"), NULL), "t.csv:4: column \"Sort\": "
	    "\"?\" is not a sort qetracker knows; say what it means with "
	    "[senat] sort_labels = ?=open|answered|withdrawn|lapsed|closed");
	/* Structure. */
	assert_string_equal(fails("Numéro;Titre\n1;x\n", NULL), "t.csv:1: no "
	    "header line (expected \"Sort;Nature;Numéro;Référence;…\")");
	assert_string_equal(fails("", NULL), "t.csv:1: no header line "
	    "(expected \"Sort;Nature;Numéro;Référence;…\")");
	assert_string_equal(fails("Sort;Nature;Numéro;Titre\n", NULL),
	    "t.csv:1: column \"Référence\": missing from the header");
	assert_string_equal(fails(HEADER "En cours;QE;00001;SEQ250100001;"
	    "Titre;Nom;Prénom;M.;Lot;UC;;2025-01-09;Santé;;;;;;Santé;;;x\n",
	    NULL), "t.csv:2: 22 fields, the header has 21");
	assert_string_equal(fails(HEADER "En cours;QE;00001\n", NULL),
	    "t.csv:2: 3 fields, the header has 21 (\"Référence\" is column "
	    "4)");
	assert_string_equal(fails(HEADER "En cours;QE;00001;SEQ250100001;\""
	    "open\n", NULL), "t.csv:2: the file ends inside a quoted field");
	assert_string_equal(fails(HEADER "En cours;QE;00001;SEQ250100001;"
	    "a\"b\"c;N;P;M.;Lot;UC;;2025-01-09;S;;;;;;S;;\n", NULL), "t.csv:2: "
	    "malformed CSV, a stray quote? (libcsv: error parsing data while "
	    "strict checking enabled)");
	/* 0x81 is neither UTF-8 nor Windows-1252. */
	assert_string_equal(fails(HEADER "\x81\n", NULL), "t.csv:2: byte 0x81 "
	    "is neither UTF-8 nor Windows-1252");
	assert_string_equal(fails(HEADER "En cours;Q E;1;SEQ250100001;T;N;P;"
	    "M.;Lot;UC;;2025-01-09;S;;;;;;S;;\n", NULL), "t.csv:2: column "
	    "\"Nature\": \"Q E\" is not a nature of question (QE, QOSD, QG, "
	    "…)");
}

static void
test_recognise(void **state)
{
	(void)state;
	assert_true(source_senat_csv_is(HEADER, strlen(HEADER), 0));
	assert_true(source_senat_csv_is("\xef\xbb\xbf" HEADER,
	    strlen(HEADER) + 3, 0));
	assert_true(source_senat_csv_is("% a note\n%\n" HEADER,
	    strlen(HEADER) + 11, 0));
	assert_false(source_senat_csv_is("Sort;Titre\n", 11, 0));
	assert_false(source_senat_csv_is("{\"question\":{}}", 15, 0));
	assert_false(source_senat_csv_is("%", 1, 0));
}

static void
test_sort_labels(void **state)
{
	(void)state;
	assert_int_equal(source_senat_sort("En cours", NULL), CLOSURE_NONE);
	assert_int_equal(source_senat_sort("En attente de réponse", NULL),
	    CLOSURE_NONE);
	assert_int_equal(source_senat_sort("Réponse reçue", NULL),
	    CLOSURE_ANSWERED);
	assert_int_equal(source_senat_sort("REPONSE", NULL), CLOSURE_ANSWERED);
	assert_int_equal(source_senat_sort("Retirée", NULL), CLOSURE_WITHDRAWN);
	assert_int_equal(source_senat_sort("Caduque", NULL), CLOSURE_LAPSED);
	assert_int_equal(source_senat_sort("Transformée", NULL), -1);
	assert_int_equal(source_senat_sort("", NULL), -1);
	/* The setting wins over a keyword, matched without accents. */
	assert_int_equal(source_senat_sort("Réponse reçue",
	    "reponse recue = lapsed"), CLOSURE_LAPSED);
	assert_int_equal(source_senat_sort("Transformée",
	    "a=open,Transformée=closed"), CLOSURE_OTHER);
	assert_int_equal(source_senat_sort("Transformée", "Transformée=x"), -1);
}

/* The real sample of ../shared, in both its encodings. */
static void
test_shared_sample(void **state)
{
	static const char *const files[] = {
		"fixtures/senat/questions-depuis-un-an.FIXTURE_ovilsky.csv",
		"fixtures/senat/questions-depuis-un-an.FIXTURE_ovilsky.latin1.csv",
	};
	struct question	*r;
	struct error	 err;
	char		*path, *data;
	size_t		 i, n, len;

	(void)state;
	path = data_path("QT_SHARED", "fixtures");
	i = access(path, R_OK) == 0;
	free(path);
	if (!i && in_ci())
		fail_msg("../shared/fixtures is missing");
	if (!i)
		skip();
	for (i = 0; i < 2; i++) {
		path = data_path("QT_SHARED", files[i]);
		data = slurp(path, &len);
		if (source_senat_csv(data, len, path, NULL, &r, &n, &err) == -1)
			fail_msg("%s", err.msg);
		assert_int_equal(n, 5);
		assert_string_equal(r[0].source_uid, "SEQ250605028");
		assert_string_equal(r[0].author_name, "M. Raphaël Daubet");
		assert_string_equal(r[0].ministry, "Intérieur");
		assert_int_equal(r[0].answered, d("2025-07-17"));
		assert_int_equal(r[1].closure, CLOSURE_NONE);
		assert_int_equal(r[1].published, d("2026-06-04"));
		assert_string_equal(r[2].author_name, "Mme Corinne Féret");
		rows_free(r, n);
		free(data);
		free(path);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_our_csv),
		cmocka_unit_test(test_hostile),
		cmocka_unit_test(test_recognise),
		cmocka_unit_test(test_sort_labels),
		cmocka_unit_test(test_shared_sample),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
