/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/* Unit tests of source_an.c: every variant of domain.md §5, hostile
 * twins (truncated, wrong types, huge strings, deep nesting, impossible
 * dates), our own fixtures in tests/data/an and, where ../shared exists,
 * the real AN files. */
#include "source_an.h"

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
#include "util.h"
#include "testdata.h"

/* Parses a string; returns the status (0 or the exit code). */
static int
parse(const char *json, struct question *q, struct name_record *amo,
    enum unit_kind *kind, struct error *err)
{
	question_init(q);
	memset(amo, 0, sizeof(*amo));
	error_clear(err);
	if (source_an_parse(json, strlen(json), "t.json", kind, q, amo,
	    err) == -1)
		return err->status;
	return 0;
}

static const char *
find_event(const struct question *q, const char *kind, int date)
{
	size_t	i;

	for (i = 0; i < q->nevents; i++)
		if (strcmp(q->events[i].kind, kind) == 0 &&
		    q->events[i].date == date)
			return q->events[i].detail ? q->events[i].detail : "";
	return NULL;
}

/* One question with the variants the real dumps use. */
#define VARIANTS \
"{\"question\": {\"@xsi:type\": \"QuestionEcrite_Type\"," \
" \"uid\": \"garbage-do-not-parse\"," \
" \"identifiant\": {\"numero\": \"1234\", \"legislature\": 16}," \
" \"type\": \"QE\"," \
" \"indexationAN\": {\"rubrique\": \"santé\", \"teteAnalyse\": {\"@xsi:nil\": \"true\"}," \
"   \"analyses\": {\"analyse\": [\"Premier sujet\", \"Second sujet\"]}}," \
" \"auteur\": {\"identite\": {\"acteurRef\": {\"#text\": \"PA1008\", \"@xsi:type\": \"IdActeur_type\"}}," \
"   \"groupe\": {\"organeRef\": \"PO1\", \"abrege\": \"GRP\", \"developpe\": \"Groupe\"}}," \
" \"minInt\": {\"organeRef\": \"PO10\", \"abrege\": \"Santé\", \"developpe\": \"Ministère de la santé\"}," \
" \"minAttribs\": {\"minAttrib\": [" \
"   {\"infoJO\": {\"dateJO\": \"04/10/2022\"}, \"denomination\": {\"organeRef\": \"PO10\", \"abrege\": \"Santé\"}}," \
"   {\"infoJO\": {\"dateJO\": \"2022-11-15\"}, \"denomination\": {\"organeRef\": \"PO11\", \"developpe\": \"Ministère du travail\"}}]}," \
" \"textesQuestion\": {\"texteQuestion\": [" \
"   {\"infoJO\": {\"dateJO\": \"2022-10-18\", \"pageJO\": \"4800\"}, \"texte\": \"erratum\"}," \
"   {\"infoJO\": {\"typeJO\": \"JO_QUESTION\", \"dateJO\": \"04/10/2022\", \"pageJO\": \"4500\"}," \
"    \"texte\": \"1234. — 4 octobre 2022. — M. X interroge Mme la ministre.\"}]}," \
" \"textesReponse\": {\"texteReponse\": {\"infoJO\": {\"dateJO\": \"2023-01-10\", \"pageJO\": \"300\"}, \"texte\": \"Réponse.\"}}," \
" \"cloture\": {\"codeCloture\": \"REP_PUB\", \"libelleCloture\": \"Réponse publiée\", \"dateCloture\": \"2023-01-10\"," \
"   \"infoJO\": {\"dateJO\": \"2023-01-10\"}}," \
" \"signalement\": {\"dateDepotSignal\": \"2022-12-13\", \"infoJO\": {\"dateJO\": \"2022-12-20\"}}," \
" \"renouvellements\": {\"renouvellement\": {\"infoJO\": {\"dateJO\": \"2023-01-03\"}}}" \
"}}"


static void
test_variants(void **state)
{
	struct question		q;
	struct name_record	amo;
	struct error		err;
	enum unit_kind		kind;

	(void)state;
	assert_int_equal(parse(VARIANTS, &q, &amo, &kind, &err), 0);
	assert_int_equal(kind, UNIT_QUESTION);
	assert_string_equal(q.assembly, "AN");
	assert_int_equal(q.legislature, 16);
	assert_int_equal(q.number, 1234);
	assert_string_equal(q.title, "Premier sujet; Second sujet");
	assert_null(q.heading);
	assert_string_equal(q.author_ref, "PA1008");
	assert_string_equal(q.ministry_asked, "Santé");
	/* The last attribution is the ministry in charge now. */
	assert_string_equal(q.ministry_ref, "PO11");
	assert_string_equal(q.ministry, "Ministère du travail");
	assert_int_equal(q.reattributed, d("2022-11-15"));
	/* The earliest text is the publication, the later an erratum. */
	assert_int_equal(q.published, d("2022-10-04"));
	assert_string_equal(q.published_page, "4500");
	assert_string_equal(q.excerpt, "M. X interroge Mme la ministre.");
	assert_non_null(find_event(&q, EV_ERRATUM, d("2022-10-18")));
	assert_int_equal(q.answered, d("2023-01-10"));
	/* The answer's text is kept too, as the question's is. */
	assert_string_equal(q.answer_excerpt, "Réponse.");
	assert_int_equal(q.closure, CLOSURE_ANSWERED);
	/* The signalement counts from its JO mention, not its filing. */
	assert_int_equal(q.signaled, d("2022-12-20"));
	assert_int_equal(q.renewed, d("2023-01-03"));
	assert_string_equal(find_event(&q, EV_MINISTRY, d("2022-11-15")),
	    "Ministère du travail");
	assert_non_null(find_event(&q, EV_PUBLISHED, d("2022-10-04")));
	assert_non_null(find_event(&q, EV_SIGNALED, d("2022-12-20")));
	assert_non_null(find_event(&q, EV_RENEWED, d("2023-01-03")));
	question_clear(&q);
}

static void
test_signal_fallback_and_nulls(void **state)
{
	static const char	json[] =
	    "{\"question\": {\"identifiant\": {\"numero\": \"7\","
	    " \"legislature\": \"17\"}, \"type\": \"QE\","
	    " \"indexationAN\": null, \"auteur\": null, \"minInt\": null,"
	    " \"minAttribs\": {\"@xsi:nil\": \"true\"},"
	    " \"textesQuestion\": {\"texteQuestion\": {\"infoJO\":"
	    " {\"dateJO\": \"2025-01-07\"}, \"texte\": null}},"
	    " \"textesReponse\": null, \"cloture\": null,"
	    " \"signalement\": {\"dateDepotSignal\": \"11/03/2025\","
	    " \"infoJO\": null}}}";
	struct question		q;
	struct name_record	amo;
	struct error		err;
	enum unit_kind		kind;

	(void)state;
	assert_int_equal(parse(json, &q, &amo, &kind, &err), 0);
	assert_int_equal(q.signaled, d("2025-03-11"));
	assert_null(q.title);
	assert_null(q.excerpt);
	assert_null(q.answer_excerpt);
	assert_null(q.ministry);
	assert_int_equal(q.answered, DATE_NONE);
	assert_int_equal(q.closure, CLOSURE_NONE);
	question_clear(&q);
}

/* Hostile twins: each must fail with EXIT_DATAERR and a message that
 * names the file and the path. */
static void
test_hostile(void **state)
{
	static const struct {
		const char	*json;
		const char	*needle;
	} rows[] = {
		{ "{\"question\": {\"identifiant\": {\"numero\": \"12",
		    "malformed JSON" },
		{ "", "malformed JSON" },
		{ "[1, 2]", "not an AN question" },
		{ "{\"other\": {}}", "not an AN question" },
		{ "{\"question\": {\"identifiant\": {\"legislature\": \"17\"},"
		    " \"type\": \"QE\"}}", "$.question.identifiant.numero: "
		    "missing required field" },
		{ "{\"question\": {\"identifiant\": {\"numero\": \"12a\","
		    " \"legislature\": \"17\"}, \"type\": \"QE\"}}",
		    "$.question.identifiant.numero: \"12a\" is not a whole" },
		{ "{\"question\": {\"identifiant\": {\"numero\": [1],"
		    " \"legislature\": \"17\"}, \"type\": \"QE\"}}",
		    "expected a string, found an array" },
		{ "{\"question\": {\"identifiant\": {\"numero\": \"12\","
		    " \"legislature\": \"17\"}, \"type\": \"QE\"}}",
		    "$.question.textesQuestion: missing required field" },
		{ "{\"question\": {\"identifiant\": {\"numero\": \"12\","
		    " \"legislature\": \"17\"}, \"type\": \"QE\","
		    " \"textesQuestion\": {\"texteQuestion\": {\"infoJO\":"
		    " {\"dateJO\": \"2025-02-29\"}}}}}",
		    "$.question.textesQuestion.texteQuestion[0].infoJO.dateJO:"
		    " \"2025-02-29\" is not a valid date" },
		{ "{\"question\": {\"identifiant\": {\"numero\": \"12\","
		    " \"legislature\": \"17\"}, \"type\": {\"a\": 1}}}",
		    "$.question.type: expected a string, found an object" },
		{ "{\"question\": {\"identifiant\": {\"numero\": \"12\","
		    " \"legislature\": \"170\"}, \"type\": \"QE\"}}",
		    "$.question.identifiant.legislature: \"170\"" },
		{ "{\"question\": {\"identifiant\": {\"numero\": \"12\","
		    " \"legislature\": \"17\"}, \"type\": \"QE\","
		    " \"textesQuestion\": {\"texteQuestion\": {\"infoJO\":"
		    " {\"dateJO\": \"2025-01-07\"}}}, \"cloture\":"
		    " {\"dateCloture\": \"32/01/2025\"}}}",
		    "$.question.cloture.dateCloture" },
		{ "{\"acteur\": {\"uid\": null}}", "$.acteur.uid: missing" },
	};
	struct question		q;
	struct name_record	amo;
	struct error		err;
	enum unit_kind		kind;
	size_t			i;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		int	rc = parse(rows[i].json, &q, &amo, &kind, &err);

		if (rc != EXIT_DATAERR || strstr(err.msg, rows[i].needle) ==
		    NULL || strncmp(err.msg, "t.json: ", 8) != 0)
			fail_msg("row %zu: status %d, message \"%s\"", i, rc,
			    err.msg);
		question_clear(&q);
		name_record_clear(&amo);
	}
}

static void
test_huge_and_deep(void **state)
{
	struct question		q;
	struct name_record	amo;
	struct error		err;
	enum unit_kind		kind;
	struct buf		b;
	size_t			i;

	(void)state;
	/* A 300 kB subject is refused by name, not kept. */
	buf_init(&b);
	buf_adds(&b, "{\"question\": {\"identifiant\": {\"numero\": \"1\","
	    " \"legislature\": \"17\"}, \"type\": \"QE\", \"indexationAN\":"
	    " {\"rubrique\": \"");
	for (i = 0; i < 300 * 1024; i++)
		buf_addc(&b, 'x');
	buf_adds(&b, "\"}}}");
	assert_int_equal(parse(b.data, &q, &amo, &kind, &err), EXIT_DATAERR);
	assert_non_null(strstr(err.msg, "$.question.indexationAN.rubrique: "
	    "string of"));
	question_clear(&q);
	/* 100,000 nested arrays: refused by jansson's depth limit. */
	buf_reset(&b);
	for (i = 0; i < 100000; i++)
		buf_addc(&b, '[');
	assert_int_equal(parse(b.data, &q, &amo, &kind, &err), EXIT_DATAERR);
	assert_non_null(strstr(err.msg, "malformed JSON"));
	question_clear(&q);
	buf_free(&b);
}

static void
test_strip_header(void **state)
{
	static const struct {
		const char	*in;
		const char	*out;
	} rows[] = {
		{ "6750. — 20 mai 2025. — M. Ugo Bernalicis interroge",
		    "M. Ugo Bernalicis interroge" },
		{ "12. — 1er août 2023. — Mme Y attire", "Mme Y attire" },
		{ "M. Z demande. — Réponse", "M. Z demande. — Réponse" },
		{ "2025. Une année", "2025. Une année" },
		{ "", "" },
	};
	size_t	i;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		char	*s = xstrdup(rows[i].in);

		assert_string_equal(source_an_strip_header(s), rows[i].out);
		free(s);
	}
}

static void
test_own_fixture(void **state)
{
	struct question		q;
	struct name_record	amo;
	struct error		err;
	enum unit_kind		kind;
	char			*path = data_path("QT_TEST_DATA",
				    "an/QANR5L17QE6750.json"), *data;
	size_t			len;

	(void)state;
	data = slurp(path, &len);
	question_init(&q);
	memset(&amo, 0, sizeof(amo));
	assert_int_equal(source_an_parse(data, len, path, &kind, &q, &amo,
	    &err), 0);
	assert_int_equal(q.number, 6750);
	assert_int_equal(q.legislature, 17);
	assert_int_equal(q.published, d("2025-05-20"));
	assert_string_equal(q.published_page, "3516");
	assert_string_equal(q.rubric, "droits fondamentaux");
	assert_string_equal(q.ministry, "Europe et affaires étrangères");
	assert_string_equal(q.group_abbrev, "LFI-NFP");
	/* A long text keeps a 400-byte excerpt ending on a word. */
	assert_true(strncmp(q.excerpt, "M. Ugo Bernalicis interroge", 27) == 0);
	assert_true(strlen(q.excerpt) <= QUESTION_EXCERPT_MAX);
	assert_true(strlen(q.excerpt) > QUESTION_EXCERPT_MAX - 40);
	assert_string_equal(q.excerpt + strlen(q.excerpt) - 9, " aller…");
	question_clear(&q);
	free(data);
	free(path);
}

/* The real files of ../shared, where it exists. */
static void
test_shared_fixtures(void **state)
{
	static const struct {
		const char	*file;
		enum name_kind	 kind;
		const char	*ref;
		const char	*name;
		const char	*abbrev;
	} rows[] = {
		{ "an/acteur/PA720430.json", NAME_MEMBER, "PA720430",
		    "M. Ugo Bernalicis", NULL },
		{ "an/acteur/PA841167.json", NAME_MEMBER, "PA841167", "M. Hugo Prevost",
		    NULL },
		{ "an/acteur/PA717161.json", NAME_MEMBER, "PA717161",
		    "Mme Élisabeth Borne", NULL },
		{ "an/organe/PO845413.json", NAME_GROUP, "PO845413",
		    "La France insoumise - Nouveau Front Populaire",
		    "LFI-NFP" },
		{ "an/organe/PO872880.json", NAME_GROUP, "PO872880", NULL, "UDR" },
		/* Every space here is U+00A0 in the file. */
		{ "an/organe/PO833683.json", NAME_MINISTRY, "PO833683",
		    "Ministère de l’Europe et des affaires étrangères",
		    "Europe et affaires étrangères" },
	};
	struct question		q;
	struct name_record	amo;
	struct error		err;
	enum unit_kind		kind;
	char			*path, *data;
	size_t			i, len;

	(void)state;
	path = data_path("QT_SHARED", "fixtures");
	i = access(path, R_OK) == 0;
	free(path);
	/* Absent: skipped in a developer's run, a failure in CI. */
	if (!i && in_ci())
		fail_msg("../shared/fixtures is missing");
	if (!i)
		skip();
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		char	*rel = xasprintf("fixtures/%s", rows[i].file);

		path = data_path("QT_SHARED", rel);
		data = slurp(path, &len);
		question_init(&q);
		memset(&amo, 0, sizeof(amo));
		if (source_an_parse(data, len, path, &kind, &q, &amo,
		    &err) == -1)
			fail_msg("%s", err.msg);
		assert_int_equal(kind, UNIT_NAME);
		assert_int_equal(amo.kind, rows[i].kind);
		assert_string_equal(amo.assembly, "AN");
		assert_string_equal(amo.ref, rows[i].ref);
		if (rows[i].name != NULL)
			assert_string_equal(amo.name, rows[i].name);
		if (rows[i].abbrev != NULL)
			assert_string_equal(amo.abbrev, rows[i].abbrev);
		name_record_clear(&amo);
		question_clear(&q);
		free(data);
		free(path);
		free(rel);
	}
	/* The question au Gouvernement parses, with no JO question text. */
	path = data_path("QT_SHARED", "fixtures/an/question/QANR5L17QG1.json");
	data = slurp(path, &len);
	question_init(&q);
	assert_int_equal(source_an_parse(data, len, path, &kind, &q, &amo,
	    &err), 0);
	assert_string_equal(q.type, "QG");
	assert_string_equal(q.author_ref, "PA842279");
	assert_string_equal(q.group_abbrev, "RN");
	assert_int_equal(q.answered, d("2024-10-03"));
	assert_int_equal(q.published, DATE_NONE);
	question_clear(&q);
	free(data);
	free(path);
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_variants),
		cmocka_unit_test(test_signal_fallback_and_nulls),
		cmocka_unit_test(test_hostile),
		cmocka_unit_test(test_huge_and_deep),
		cmocka_unit_test(test_strip_header),
		cmocka_unit_test(test_own_fixture),
		cmocka_unit_test(test_shared_fixtures),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
