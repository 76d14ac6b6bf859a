/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/* Unit tests of an_page.c: our page fixtures in both forms (HTML of the
 * current site, HTML of the older one, text rendering), their hostile
 * twins, and the real page of question 17-6750 where ../shared exists. */
#include "an_page.h"

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

static const char *
day(int d, char *buf)
{
	return d == DATE_NONE ? "none" : date_iso(d, buf);
}

static int
parse_file(const char *path, struct question *q, struct error *err)
{
	size_t	 len = 0;
	char	*data = slurp(path, &len);
	int	 rc;

	question_init(q);
	rc = an_page_is_html(data, len) ? an_page_parse_html(data, len, path,
	    q, err) : an_page_parse_text(data, path, q, err);
	free(data);
	return rc;
}

static const struct {
	const char	*file;
	int		 shared;
	int		 legislature;
	long		 number;
	const char	*published, *page, *answered, *signaled, *closed;
	const char	*author, *group, *asked, *ministry, *rubric;
	int		 closure;
} rows[] = {
	{ "pages/QANR5L17QE6750.txt", 1, 17, 6750, "2025-05-20", "3516", NULL,
	    NULL, NULL, "M. Ugo Bernalicis",
	    "La France insoumise - Nouveau Front Populaire",
	    "Europe et affaires étrangères", "Europe et affaires étrangères",
	    "Droits fondamentaux", CLOSURE_NONE },
	{ "pages/QANR5L17QE6750.html", 0, 17, 6750, "2025-05-20", "3516",
	    NULL, NULL, NULL, "M. Ugo Bernalicis",
	    "La France insoumise - Nouveau Front Populaire",
	    "Europe et affaires étrangères", "Europe et affaires étrangères",
	    "Droits fondamentaux", CLOSURE_NONE },
	{ "pages/17-4210QE.htm", 0, 17, 4210, "2025-03-18", "1902",
	    "2025-09-30", "2025-09-16", NULL, "Mme Jeanne Exemple",
	    "Écologiste et Social", "Santé et accès aux soins",
	    "Travail, santé et solidarités", "santé", CLOSURE_NONE },
	{ "pages/16-1200QE.txt", 0, 16, 1200, "2022-10-04", "4501", NULL,
	    NULL, "2024-06-09", "M. Paul Témoin", "Les Républicains",
	    "Santé et prévention", "Santé et prévention", "santé",
	    CLOSURE_LAPSED },
};

static void
test_pages(void **state)
{
	struct question	 q;
	struct error	 err;
	char		 a[DATE_ISO_LEN], *path;
	const char	*dir;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		if (rows[i].shared) {
			dir = getenv("QT_SHARED");
			path = xasprintf("%s/fixtures/%s", dir ? dir :
			    "../shared", rows[i].file);
			if (access(path, R_OK) == -1) {
				/* Skipped in a developer's run, a failure in
				 * CI: nothing passes by vanishing. */
				if (in_ci())
					fail_msg("%s is missing", path);
				fprintf(stderr, "skipped: %s is missing\n",
				    path);
				free(path);
				continue;
			}
		} else {
			dir = getenv("QT_TEST_DATA");
			path = xasprintf("%s/%s", dir ? dir : "tests/data",
			    rows[i].file);
		}
		if (parse_file(path, &q, &err) == -1)
			fail_msg("%s", err.msg);
		assert_string_equal(q.assembly, "AN");
		assert_string_equal(q.type, "QE");
		assert_int_equal(q.legislature, rows[i].legislature);
		assert_int_equal(q.number, rows[i].number);
		assert_string_equal(day(q.published, a), rows[i].published);
		assert_string_equal(q.published_page, rows[i].page);
		assert_string_equal(day(q.answered, a), rows[i].answered ?
		    rows[i].answered : "none");
		assert_string_equal(day(q.signaled, a), rows[i].signaled ?
		    rows[i].signaled : "none");
		assert_string_equal(day(q.closed, a), rows[i].closed ?
		    rows[i].closed : "none");
		assert_string_equal(q.author_name, rows[i].author);
		assert_string_equal(q.group_name, rows[i].group);
		assert_string_equal(q.ministry_asked, rows[i].asked);
		assert_string_equal(q.ministry, rows[i].ministry);
		assert_string_equal(q.rubric, rows[i].rubric);
		assert_int_equal(q.closure, rows[i].closure);
		question_clear(&q);
		free(path);
	}
}

/* The script of the HTML page names another question: ignored. */
static void
test_html_ignores_script(void **state)
{
	static const char	html[] = "<html><head><script>"
	    "x = 'Question écrite n° 9999';</script></head><body>"
	    "<p>17ème législature</p><h2>Question écrite n° 12</h2>"
	    "<p>Question publiée au JO le : 7 janvier 2025, page 1</p>"
	    "</body></html>";
	struct question		q;
	struct error		err;

	(void)state;
	question_init(&q);
	assert_true(an_page_is_html(html, sizeof(html) - 1));
	assert_int_equal(an_page_parse_html(html, sizeof(html) - 1, "x.html",
	    &q, &err), 0);
	assert_int_equal(q.number, 12);
	question_clear(&q);
}

static void
test_hostile(void **state)
{
	static const struct {
		const char	*file;
		const char	*needle;
	} bad[] = {
		{ "pages/page-baddate.txt", "page-baddate.txt:5: \"31 février "
		    "2025, page 12\" is not a valid date" },
		{ "pages/page-nonumber.html", "page-nonumber.html: not a "
		    "question page" },
		{ "pages/page-binary.txt", "page-binary.txt: not a question "
		    "page" },
	};
	struct question	 q;
	struct error	 err;
	const char	*dir = getenv("QT_TEST_DATA");
	char		*path;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		path = xasprintf("%s/%s", dir ? dir : "tests/data",
		    bad[i].file);
		assert_int_equal(parse_file(path, &q, &err), -1);
		assert_int_equal(err.status, EXIT_DATAERR);
		if (strstr(err.msg, bad[i].needle) == NULL)
			fail_msg("%s", err.msg);
		question_clear(&q);
		free(path);
	}
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_pages),
		cmocka_unit_test(test_html_ignores_script),
		cmocka_unit_test(test_hostile),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
