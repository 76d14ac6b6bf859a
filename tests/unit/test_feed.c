/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * test_feed.c: the names a feed's path is built from (upstream's names
 * must never choose a path), and a feed as libical reads it back: one
 * all-day event per deadline, a signaled question's second event, the
 * SEQUENCE that rises only when an event's content changes. The
 * integration tests read whole exports with three calendar parsers.
 */
#include "feed.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <libical/ical.h>

#include "date.h"
#include "error.h"
#include "filter.h"
#include "question.h"
#include "rules.h"
#include "store.h"
#include "testdata.h"
#include "util.h"

static void
test_slug(void **state)
{
	static const struct {
		const char	*in, *want;
	} rows[] = {
		{ "Europe et affaires étrangères",
		    "europe-et-affaires-etrangeres" },
		{ "LFI-NFP", "lfi-nfp" },
		{ "../../etc/passwd", "etc-passwd" },
		{ "  --Droite  Républicaine--  ", "droite-republicaine" },
		{ "", "unnamed" },
		{ "日本", "unnamed" },
		{ ".", "unnamed" },
	};
	char	*s, big[400];
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		s = feed_slug(rows[i].in);
		if (strcmp(s, rows[i].want) != 0)
			fail_msg("slug(\"%s\") = \"%s\", want \"%s\"",
			    rows[i].in, s, rows[i].want);
		assert_true(feed_name_safe(s));
		free(s);
	}
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	s = feed_slug(big);
	assert_int_equal(strlen(s), FEED_NAME_MAX);
	free(s);
}

static void
test_name_safe(void **state)
{
	static const struct {
		const char	*in;
		int		 ok;
	} rows[] = {
		{ "PA720430", 1 }, { "lfi-nfp", 1 }, { "a_b-9", 1 },
		{ "", 0 }, { "-rf", 0 }, { "..", 0 }, { "../x", 0 },
		{ "a/b", 0 }, { "a b", 0 }, { "é", 0 }, { "a\nb", 0 },
		{ ".hidden", 0 }, { "x.ics", 0 },
	};
	char	long_ok[FEED_NAME_MAX + 1], too_long[FEED_NAME_MAX + 2];
	size_t	i;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		if (feed_name_safe(rows[i].in) != rows[i].ok)
			fail_msg("feed_name_safe(\"%s\") != %d", rows[i].in,
			    rows[i].ok);
	assert_false(feed_name_safe(NULL));
	memset(long_ok, 'a', sizeof(long_ok) - 1);
	long_ok[sizeof(long_ok) - 1] = '\0';
	assert_true(feed_name_safe(long_ok));
	memset(too_long, 'a', sizeof(too_long) - 1);
	too_long[sizeof(too_long) - 1] = '\0';
	assert_false(feed_name_safe(too_long));
}

static void
test_safe_name(void **state)
{
	char	*s;

	(void)state;
	/* libical does not escape X-WR-CALNAME: no , ; \ or line break. */
	s = feed_safe_name("Député , A; B\\C\r\nD");
	assert_string_equal(s, "Député A B C D");
	free(s);
}

/* A store in a temporary file holding q; its path in path. */
static struct store *
store_with(struct question *q, char *path, size_t size)
{
	struct store		*s;
	struct put_result	 r;
	struct error		 err;
	int			 fd;

	snprintf(path, size, "/tmp/qt-feed-XXXXXX");
	if ((fd = mkstemp(path)) == -1)
		fail_msg("mkstemp");
	close(fd);
	unlink(path);
	if ((s = store_open(path, &err)) == NULL)
		fail_msg("%s", err.msg);
	question_prepare(q);
	if (store_begin(s, &err) == -1 ||
	    store_put_question(s, q, "test", &r, &err) == -1 ||
	    store_commit(s, &err) == -1)
		fail_msg("%s", err.msg);
	return s;
}

/* The feed of the store at asof, parsed by libical; the caller frees. */
static icalcomponent *
feed_at(struct store *s, int asof, char **text)
{
	struct rules_settings	 rs;
	struct feed_settings	 fs = { "qetracker.test", "https://x.test",
				    6, 60, 0, 0 };
	struct feed_set		 set;
	struct filter		 f;
	struct feed_meta	 m = { "Tous", "Échéances" };
	struct error		 err;
	icalcomponent		*cal;
	size_t			 len = 0;
	FILE			*fp;

	rules_defaults(&rs);
	filter_init(&f);
	memset(&set, 0, sizeof(set));
	if (feed_collect(s, &f, asof, &rs, &fs, &set, &err) == -1)
		fail_msg("%s", err.msg);
	*text = NULL;
	assert_non_null(fp = open_memstream(text, &len));
	assert_int_equal(feed_write(fp, &m, &fs, &set, NULL, set.n), 0);
	fclose(fp);
	feed_set_free(&set);
	filter_free(&f);
	cal = icalparser_parse_string(*text);
	assert_non_null(cal);
	return cal;
}

static void
test_feed_events(void **state)
{
	struct question		 q;
	struct store		*s;
	icalcomponent		*cal, *ev;
	icalproperty		*p;
	struct icaltimetype	 t;
	char			 path[64], *text, *text2;
	int			 n = 0, seq;

	(void)state;
	an_question(&q, 17, 6750);
	q.title = xstrdup("Vidéosurveillance; \"algorithmique\", encore");
	q.ministry = xstrdup("Europe et affaires étrangères");
	q.published = d("2025-05-20");
	q.signaled = d("2025-09-01");
	question_add_event(&q, EV_PUBLISHED, q.published, "3516");
	question_add_event(&q, EV_SIGNALED, q.signaled, NULL);
	{
		struct rules_settings	rs;

		rules_defaults(&rs);
		rules_apply(&rs, &q);
	}
	s = store_with(&q, path, sizeof(path));
	/* Before the deadline: one event, open. */
	cal = feed_at(s, d("2025-07-01"), &text);
	ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
	seq = icalcomponent_get_sequence(ev);
	assert_null(strstr(icalcomponent_get_summary(ev), "En retard"));
	assert_null(icalcomponent_get_next_component(cal,
	    ICAL_VEVENT_COMPONENT));
	icalcomponent_free(cal);
	/* Nothing changed: the same bytes, the same SEQUENCE. */
	cal = feed_at(s, d("2025-07-01"), &text2);
	assert_string_equal(text, text2);
	icalcomponent_free(cal);
	free(text2);
	free(text);
	/* Overdue: the event's title says so, and its SEQUENCE rises. */
	cal = feed_at(s, d("2025-07-21"), &text);
	ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
	assert_int_equal(icalcomponent_get_sequence(ev), seq + 1);
	assert_non_null(strstr(icalcomponent_get_summary(ev),
	    "En retard — Échéance QE 6750"));
	icalcomponent_free(cal);
	free(text);
	/* Signaled: a second event on the signalement's tenth day. */
	cal = feed_at(s, d("2025-09-05"), &text);
	for (ev = icalcomponent_get_first_component(cal,
	    ICAL_VEVENT_COMPONENT); ev != NULL;
	    ev = icalcomponent_get_next_component(cal,
	    ICAL_VEVENT_COMPONENT)) {
		t = icalcomponent_get_dtstart(ev);
		assert_true(t.is_date);		/* all day */
		n++;
		if (t.month == 7)
			assert_int_equal(t.day, 20);
		else {
			assert_int_equal(t.month, 9);
			assert_int_equal(t.day, 11);
		}
		p = icalcomponent_get_first_property(ev, ICAL_UID_PROPERTY);
		assert_non_null(strstr(icalproperty_get_uid(p),
		    "QANR5L17QE6750"));
		assert_non_null(strstr(icalproperty_get_uid(p),
		    "@qetracker.test"));
	}
	assert_int_equal(n, 2);
	icalcomponent_free(cal);
	free(text);
	store_close(s);
	unlink(path);
	question_clear(&q);
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_slug),
		cmocka_unit_test(test_name_safe),
		cmocka_unit_test(test_safe_name),
		cmocka_unit_test(test_feed_events),
	};
	int	rc;

	i18n_init("fr");
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	feed_cleanup();
	return rc;
}
