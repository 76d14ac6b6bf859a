/* Unit tests of config.c: values, defaults, and every error reported as
 * "file:line: ..." with all errors collected. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "date.h"
#include "error.h"

static void
test_values(void **state)
{
	struct config	cf;
	struct error	err;
	int		d;

	(void)state;
	config_defaults(&cf);
	assert_int_equal(cf.rules.signal_days, 10);
	assert_false(cf.rules.weekend_rollover);
	assert_int_equal(config_load_string(&cf,
	    "; comment\n"
	    "[general]\n"
	    "database = /var/lib/qetracker/q.db\n"
	    "legislature = 17\n"
	    "\n"
	    "[rules]\n"
	    "an_reform_date = 2014-12-01\n"
	    "weekend_rollover = yes\n"
	    "signal_days = 12\n"
	    "[import]\n"
	    "threads = 2\n", "t.conf", &err), 0);
	assert_string_equal(cf.database, "/var/lib/qetracker/q.db");
	assert_int_equal(cf.legislature, 17);
	assert_int_equal(date_parse_iso("2014-12-01", &d), 0);
	assert_int_equal(cf.rules.an_reform, d);
	assert_true(cf.rules.weekend_rollover);
	assert_int_equal(cf.rules.signal_days, 12);
	assert_int_equal(cf.import_threads, 2);
	config_free(&cf);
}

static void
test_errors(void **state)
{
	struct config	cf;
	struct error	err;

	(void)state;
	config_defaults(&cf);
	assert_int_equal(config_load_string(&cf,
	    "[rules]\n"
	    "an_reform_date = 2014-02-30\n"
	    "weekend_rollover = perhaps\n"
	    "\n"
	    "signal_days = 0\n"
	    "colour = blue\n"
	    "[nowhere]\n"
	    "key = 1\n", "t.conf", &err), -1);
	assert_int_equal(err.status, EXIT_CONFIG);
	assert_non_null(strstr(err.msg, "t.conf:2: [rules] an_reform_date = "
	    "\"2014-02-30\": expected a date"));
	assert_non_null(strstr(err.msg, "t.conf:3: [rules] weekend_rollover"
	    " = \"perhaps\": expected yes or no"));
	assert_non_null(strstr(err.msg, "t.conf:5: [rules] signal_days = "
	    "\"0\": expected a whole number in range 1..365"));
	assert_non_null(strstr(err.msg, "t.conf:6: unknown key \"colour\""));
	assert_non_null(strstr(err.msg, "t.conf:8: unknown key \"key\" in "
	    "section [nowhere]"));
	config_free(&cf);

	config_defaults(&cf);
	assert_int_equal(config_load_string(&cf, "[rules\nx\n", "b.conf",
	    &err), -1);
	assert_non_null(strstr(err.msg, "b.conf:1: syntax error"));
	config_free(&cf);

	config_defaults(&cf);
	assert_int_equal(config_load_file(&cf, "/nonexistent/q.conf", &err),
	    -1);
	assert_int_equal(err.status, EXIT_NOINPUT);
	assert_non_null(strstr(err.msg, "/nonexistent/q.conf"));
	config_free(&cf);
}

static void
test_dump_roundtrip(void **state)
{
	struct config	cf, back;
	struct error	err;
	char		*text = NULL;
	size_t		 len = 0;
	FILE		*fp;

	(void)state;
	config_defaults(&cf);
	cf.rules.weekend_rollover = 1;
	cf.rules.signal_days = 9;
	fp = open_memstream(&text, &len);
	config_dump(&cf, fp);
	fclose(fp);
	config_defaults(&back);
	assert_int_equal(config_load_string(&back, text, "dump", &err), 0);
	assert_int_equal(back.rules.weekend_rollover, 1);
	assert_int_equal(back.rules.signal_days, 9);
	assert_int_equal(back.rules.an_reform, cf.rules.an_reform);
	free(text);
	config_free(&cf);
	config_free(&back);
}

static void
test_named_sections(void **state)
{
	struct config			 cf;
	struct error			 err;
	const struct source_conf	*s;
	const struct digest_conf	*d;

	(void)state;
	config_defaults(&cf);
	assert_int_equal(config_load_string(&cf,
	    "[source an17]\nkind = an-dump\nurl = https://x/a.zip\n"
	    "interval = 90s\n"
	    "[source amo]\nkind = an-amo\nurl = file:///tmp/amo.zip\n"
	    "interval = 2h\n"
	    "[source an17]\nlegislature = 17\n"
	    "[digest team]\nto = a@example.org\nday = friday\nhour = 9\n",
	    "t.conf", &err), 0);
	assert_int_equal(cf.nsources, 2);
	assert_non_null(s = config_source(&cf, "an17"));
	assert_int_equal(s->interval, 90);
	assert_int_equal(s->legislature, 17);
	assert_int_equal(s->retries, 4);	/* default */
	assert_int_equal(config_source(&cf, "amo")->interval, 7200);
	assert_null(config_source(&cf, "none"));
	assert_non_null(d = config_digest(&cf, "team"));
	assert_string_equal(d->day, "friday");
	assert_int_equal(d->hour, 9);
	config_free(&cf);

	config_defaults(&cf);
	assert_int_equal(config_load_string(&cf,
	    "[source a b]\nkind = an-dump\n"
	    "[source x]\nkind = rss\ninterval = 5y\n"
	    "[digest d]\nday = funday\n", "b.conf", &err), -1);
	assert_non_null(strstr(err.msg, "b.conf:2: [source a b]: a source "
	    "name is letters"));
	assert_non_null(strstr(err.msg, "[source x] interval = \"5y\": "
	    "expected a duration"));
	assert_non_null(strstr(err.msg, "[source x]: kind must be"));
	assert_non_null(strstr(err.msg, "[digest d]: day = \"funday\""));
	assert_non_null(strstr(err.msg, "[digest d]: no recipient"));
	config_free(&cf);
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_named_sections),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_dump_roundtrip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
