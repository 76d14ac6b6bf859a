/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/* Unit tests of the assembly and source-kind tables: lookups, what each
 * row builds (identifiers, links, legislatures), and which kind reads a
 * unit, so that a second parliament is rows and not branches. */
#include "assembly.h"
#include "source.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tracker/front/cli_int.h"
#include "date.h"
#include "error.h"
#include "filter.h"
#include "question.h"
#include "rules.h"
#include "util.h"

static void
test_assembly_find(void **state)
{
	char	ids[64];
	size_t	i;

	(void)state;
	assert_string_equal(assembly_find("an")->id, "AN");
	assert_string_equal(assembly_find("Senat")->id, "SENAT");
	assert_null(assembly_find("SÉNAT"));
	assert_null(assembly_find("ANX"));
	assert_null(assembly_find(""));
	assert_null(assembly_find(NULL));
	assert_ptr_equal(assembly_default(), assembly_find("AN"));
	assert_null(assembly_at(2));
	assembly_ids("|", ids, sizeof(ids));
	assert_string_equal(ids, "AN|SENAT");
	/* Cut, never overrun. */
	assembly_ids(" or ", ids, 5);
	assert_string_equal(ids, "AN o");
	/* The command line documents the table's ids. */
	assembly_ids("|", ids, sizeof(ids));
	for (i = 0; cli_filter_opts[i].name != NULL; i++)
		if (strcmp(cli_filter_opts[i].name, "assembly") == 0)
			break;
	assert_non_null(cli_filter_opts[i].name);
	assert_string_equal(cli_filter_opts[i].arg, ids);
}

static void
test_assembly_rows(void **state)
{
	const struct assembly	*an = assembly_find("AN"), *s;
	struct question		 q;
	char			 uid[64], *url;

	(void)state;
	s = assembly_find("SENAT");
	assert_true(an->signalement && !an->conversion);
	assert_true(!s->signalement && s->conversion);
	question_init(&q);
	str_copy(q.assembly, "AN", sizeof(q.assembly));
	str_copy(q.type, "QE", sizeof(q.type));
	q.legislature = 17;
	q.number = 6750;
	question_uid(&q, uid, sizeof(uid));
	assert_string_equal(uid, "QANR5L17QE6750");
	url = question_url(&q);
	assert_string_equal(url, "https://www.assemblee-nationale.fr/dyn/17/"
	    "questions/QANR5L17QE6750");
	free(url);
	url = question_expand("x/{number}/{legislature}/{uid}/{other}", &q);
	assert_string_equal(url, "x/6750/17/QANR5L17QE6750/{other}");
	free(url);
	/* Braces that open nothing, at the start, doubled and last. */
	url = question_expand("{{uid}}{number{", &q);
	assert_string_equal(url, "{QANR5L17QE6750}{number{");
	free(url);
	url = question_expand("", &q);
	assert_string_equal(url, "");
	free(url);
	url = question_expand("no field at all", &q);
	assert_string_equal(url, "no field at all");
	free(url);
	/* The Sénat's page needs the reference: no guessed address. */
	str_copy(q.assembly, "SENAT", sizeof(q.assembly));
	q.number = 6436;
	question_uid(&q, uid, sizeof(uid));
	assert_string_equal(uid, "S17QE06436");
	assert_null(question_url(&q));
	/* An assembly no row knows still gets an identifier. */
	str_copy(q.assembly, "XX", sizeof(q.assembly));
	question_uid(&q, uid, sizeof(uid));
	assert_string_equal(uid, "XX-17-QE-6436");
	assert_null(question_url(&q));
}

static void
test_legislatures(void **state)
{
	int	d, e;

	(void)state;
	assert_int_equal(date_parse_iso("2024-07-18", &d), 0);
	assert_int_equal(rules_legislature_at("AN", d), 17);
	assert_int_equal(rules_legislature_at("AN", d - 1), 16);
	assert_int_equal(rules_legislature_at("SENAT", d), 0);
	assert_int_equal(rules_legislature_at("XX", d), 0);
	assert_int_equal(date_parse_iso("2024-06-09", &e), 0);
	assert_int_equal(rules_legislature_end("AN", 16), e);
	assert_int_equal(rules_legislature_end("AN", 17), DATE_NONE);
	assert_int_equal(rules_legislature_end("SENAT", 16), DATE_NONE);
}

/* The filter takes the table's ids, in any case, and names them when
 * refusing one. */
static void
test_filter_assembly(void **state)
{
	struct filter	f;
	struct error	e;

	(void)state;
	filter_init(&f);
	assert_int_equal(filter_option(&f, "assembly", "senat", &e), 1);
	assert_string_equal(f.assembly, "SENAT");
	assert_int_equal(filter_option(&f, "assembly", "x", &e), -1);
	assert_string_equal(e.msg, "--assembly: \"x\" is not AN or SENAT");
	filter_free(&f);
}

static const char *
kind_of(const char *data, int in_archive)
{
	const struct source_kind	*k = source_kind_of(data, strlen(data),
					    in_archive);

	return k ? k->name : "none";
}

static void
test_source_kinds(void **state)
{
	char	names[128];

	(void)state;
	assert_string_equal(kind_of("{\"question\": {}}", 0), "an-dump");
	assert_string_equal(kind_of(" \n[1]", 0), "an-dump");
	assert_string_equal(kind_of("", 0), "an-dump");
	assert_string_equal(kind_of("{ \"acteur\": {}}", 0), "an-amo");
	assert_string_equal(kind_of("{\"organe\":{}}", 1), "an-amo");
	/* A key that only starts like one is not an AMO file. */
	assert_string_equal(kind_of("{\"acteurs\": {}}", 0), "an-dump");
	assert_string_equal(kind_of("{\"acteur", 0), "an-dump");
	assert_string_equal(kind_of("<!DOCTYPE html><html>", 0), "an-page");
	assert_string_equal(kind_of("Question écrite n° 6750", 0), "an-page");
	/* An archive holds JSON: anything else in it is malformed JSON. */
	assert_string_equal(kind_of("<html>", 1), "an-dump");
	assert_non_null(source_kind_find("an-page"));
	assert_true(source_kind_find("an-page")->pages);
	assert_false(source_kind_find("an-dump")->pages);
	assert_null(source_kind_find("AN-DUMP"));
	assert_null(source_kind_find(NULL));
	assert_string_equal(kind_of("Sort;Nature;Numéro\n", 0), "senat-csv");
	assert_string_equal(kind_of("Sort;Titre\n", 0), "an-page");
	assert_string_equal(source_kind_find("senat-csv")->suffix, ".csv");
	assert_string_equal(source_kind_find("an-dump")->suffix, ".zip");
	/* A dump is a stream: recognised by its start, SQL with COPY. */
	assert_string_equal(kind_of("--\n-- PostgreSQL database dump\n", 0),
	    "senat-dump");
	assert_string_equal(kind_of("SET x;\nCOPY tam_questions (id) FROM "
	    "stdin;\n", 0), "senat-dump");
	assert_string_equal(kind_of("COPY t (a) FROM stdin;\n", 0),
	    "senat-dump");
	assert_non_null(source_kind_find("senat-dump")->parse_stream);
	assert_null(source_kind_find("senat-csv")->parse_stream);
	/* The Sénat's page before the Assemblée's, which takes any page:
	 * by its title, or by its JO, in UTF-8 or Latin-1. */
	assert_string_equal(kind_of("<html><head><title>Un sujet - S\xc3\xa9nat"
	    "</title>", 0), "senat-page");
	assert_string_equal(kind_of("<html><head><title>Un sujet - S\xe9nat"
	    "</title>", 0), "senat-page");
	assert_string_equal(kind_of("<html><p>Publi\xc3\xa9" "e dans le JO "
	    "S\xc3\xa9nat du 26/02/2026</p>", 0), "senat-page");
	/* The Assemblée's own title, or "Sénat" elsewhere than at its end. */
	assert_string_equal(kind_of("<html><head><title>Question - "
	    "Assembl\xc3\xa9" "e nationale</title><a>S\xc3\xa9nat</a>", 0),
	    "an-page");
	assert_string_equal(kind_of("<html><head><title>Le S\xc3\xa9nat et "
	    "nous</title>", 0), "an-page");
	assert_string_equal(kind_of("Publi\xc3\xa9" "e dans le JO S\xc3\xa9nat",
	    0), "an-page");		/* not HTML */
	assert_true(source_kind_find("senat-page")->pages);
	/* The single-file archive, in or out of a zip, with a BOM or not;
	 * "questionsEcrites" elsewhere than first is a question file. */
	assert_string_equal(kind_of("{\"questionsEcrites\": {\"question\": "
	    "[", 0), "an-archive");
	assert_string_equal(kind_of("\xef\xbb\xbf {\n \"questionsEcrites\":",
	    1), "an-archive");
	assert_string_equal(kind_of("{\"question\": {\"questionsEcrites\": "
	    "1}}", 1), "an-dump");
	assert_string_equal(kind_of("{\"questionsEcrite\": {}}", 0),
	    "an-dump");
	assert_non_null(source_kind_find("an-archive")->parse_stream);
	assert_null(source_kind_at(7));
	for (size_t i = 0; source_kind_at(i) != NULL; i++)
		assert_non_null(assembly_find(source_kind_at(i)->assembly));
	source_kind_names(names, sizeof(names));
	assert_string_equal(names, "an-amo, an-archive, an-dump, senat-dump, senat-csv, "
	    "senat-page or an-page");
	assert_string_equal(name_kind_word(NAME_MINISTRY), "ministry");
	assert_string_equal(name_kind_word((enum name_kind)99), "body");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_assembly_find),
		cmocka_unit_test(test_assembly_rows),
		cmocka_unit_test(test_legislatures),
		cmocka_unit_test(test_filter_assembly),
		cmocka_unit_test(test_source_kinds),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
