/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
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
#include <unistd.h>

#include <cmocka.h>

#include "date.h"
#include "error.h"
#include "source.h"
#include "util.h"

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
	assert_int_equal(cf.import.threads, 2);
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

	/* [senat] sort_labels: label=status items, checked where given. */
	config_defaults(&cf);
	assert_int_equal(config_load_string(&cf, "[senat]\nsort_labels = "
	    "En instance = open, Transformée=closed\n", "s.conf", &err), 0);
	assert_string_equal(cf.import.sort_labels, "En instance = open, "
	    "Transformée=closed");
	config_free(&cf);
	config_defaults(&cf);
	assert_int_equal(config_load_string(&cf, "[senat]\n\nsort_labels = "
	    "a=open,=closed\n", "s.conf", &err), -1);
	assert_non_null(strstr(err.msg, "s.conf:3: [senat] sort_labels = "
	    "\"a=open,=closed\": expected label=status items separated by "
	    "commas"));
	config_free(&cf);
	config_defaults(&cf);
	assert_int_equal(config_load_string(&cf, "[senat]\nsort_labels = "
	    "a=opened\n", "s.conf", &err), -1);
	assert_non_null(strstr(err.msg, "s.conf:2: [senat] sort_labels = "
	    "\"a=opened\": a status is open, answered, withdrawn, lapsed or "
	    "closed"));
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

/* Errors found after the file is read name the key's own line; a key
 * given twice is an error naming both; "~/" is the home folder. */
static void
test_lines_twice_home(void **state)
{
	struct config	cf;
	struct error	err;

	(void)state;
	config_defaults(&cf);
	assert_int_equal(config_load_string(&cf,
	    "[general]\n"
	    "lang = xx\n"
	    "[source a]\n"
	    "kind = an-dump\n"
	    "url = htp:/nope\n"
	    "interval = 1d\n"
	    "[feed]\n"
	    "refresh_hours = 12\n"
	    "refresh_hours = 6\n", "t.conf", &err), -1);
	assert_non_null(strstr(err.msg, "t.conf:2: [general] lang = \"xx\""));
	assert_non_null(strstr(err.msg, "t.conf:5: [source a]: url must be"));
	assert_non_null(strstr(err.msg, "t.conf:9: [feed] refresh_hours: "
	    "given twice (first on line 8)"));
	config_free(&cf);

	/* Addresses that would only fail when used, a week later for mail,
	 * and what could break out of a header or an attribute. */
	config_defaults(&cf);
	assert_int_equal(config_load_string(&cf,
	    "[mail]\n"
	    "smtp_url = 127.0.0.1:25\n"
	    "[feed]\n"
	    "base_url = https://x.example\"><script>\n", "u.conf", &err), -1);
	assert_non_null(strstr(err.msg, "u.conf:2: [mail] smtp_url = "
	    "\"127.0.0.1:25\": expected smtp://host:port"));
	assert_non_null(strstr(err.msg, "u.conf:4: [feed] base_url = "));
	config_free(&cf);
	config_defaults(&cf);
	assert_int_equal(config_load_string(&cf,
	    "[feed]\nbase_url = ftp://x.example\n", "u.conf", &err), -1);
	assert_non_null(strstr(err.msg, "u.conf:2: [feed] base_url"));
	config_free(&cf);
	config_defaults(&cf);
	assert_int_equal(config_load_string(&cf,
	    "[feed]\nbase_url = https://\n", "u.conf", &err), -1);
	config_free(&cf);
	config_defaults(&cf);
	/* Unused, with sendmail: not checked. */
	assert_int_equal(config_load_string(&cf,
	    "[mail]\nmethod = sendmail\nsmtp_url = bogus\n", "u.conf", &err),
	    0);
	config_free(&cf);
	config_defaults(&cf);
	assert_int_equal(config_load_string(&cf,
	    "[mail]\nsmtp_url = smtps://mail.example:465\n"
	    "[feed]\nbase_url = http://127.0.0.1:8080/qe\n", "u.conf", &err),
	    0);
	config_free(&cf);

	/* The same key in two sections of one kind is no repetition. */
	config_defaults(&cf);
	assert_int_equal(config_load_string(&cf,
	    "[digest a]\nto = a@example.org\n"
	    "[digest b]\nto = b@example.org\n", "t.conf", &err), 0);
	config_free(&cf);

	setenv("HOME", "/home/staff", 1);
	config_defaults(&cf);
	assert_int_equal(config_load_string(&cf,
	    "[general]\ndatabase = ~/qe.db\n[run]\nexport_dir = ~\n", "t.conf",
	    &err), 0);
	assert_string_equal(cf.database, "/home/staff/qe.db");
	assert_string_equal(cf.run.export_dir, "/home/staff");
	config_free(&cf);
	config_defaults(&cf);
	assert_int_equal(config_load_string(&cf,
	    "[general]\ndatabase = ~bob/qe.db\n", "t.conf", &err), -1);
	assert_non_null(strstr(err.msg, "t.conf:2: [general] database = "
	    "\"~bob/qe.db\": ~user is not expanded"));
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
	assert_non_null(strstr(err.msg, "[source x]: kind must be an-amo, "
	    "an-archive, an-dump, senat-dump, senat-csv, senat-page or an-page"));
	assert_non_null(strstr(err.msg, "[digest d]: day = \"funday\""));
	assert_non_null(strstr(err.msg, "[digest d]: no recipient"));
	config_free(&cf);
}

/* A rules file: every key, the defaults, and rules kept in order. */
static void
test_rules_file(void **state)
{
	struct rules_settings	 rs;
	struct error		 err;
	const struct rule	*r;
	int			 d;

	(void)state;
	memset(&rs, 0, sizeof(rs));
	assert_int_equal(config_load_rules_string(&rs,
	    "; a comment\n"
	    "[rule ep-written]\n"
	    "assembly = EP\n"
	    "period = 6 weeks\n"
	    "article = Rule 144 RoP\n"
	    "\n"
	    "[rule an-old]\n"
	    "assembly = AN\n"
	    "type = QE\n"
	    "from = 2012-06-20\n"
	    "until = an_reform_date\n"
	    "period = 1 month\n"
	    "extension = 1 month\n"
	    "article = art. 135 RAN\n"
	    "label = one month, plus one on request\n"
	    "[rule wd]\n"
	    "assembly = UK\n"
	    "type = WQ\n"
	    "from = senat_reform_date\n"
	    "period = 2 working days\n"
	    "article = SO 22\n", "r.conf", &err), 0);
	assert_int_equal(rs.ndefs, 3);
	r = &rs.defs[0];
	assert_string_equal(r->id, "ep-written");
	assert_string_equal(r->assembly, "EP");
	assert_string_equal(r->type, "QE");		/* default */
	assert_int_equal(r->from.kind, BOUND_NONE);
	assert_int_equal(r->until.kind, BOUND_NONE);
	assert_int_equal(r->period.amount, 6);
	assert_int_equal(r->period.unit, UNIT_WEEKS);
	assert_int_equal(r->ext.amount, 0);
	assert_string_equal(r->label, "6 weeks");	/* the period */
	assert_int_equal(r->line, 3);	/* its first key */
	r = &rs.defs[1];
	assert_string_equal(r->id, "an-old");
	assert_int_equal(r->from.kind, BOUND_DATE);
	assert_int_equal(date_parse_iso("2012-06-20", &d), 0);
	assert_int_equal(r->from.date, d);
	assert_int_equal(r->until.kind, BOUND_AN_REFORM);
	assert_int_equal(r->period.unit, UNIT_MONTHS);
	assert_int_equal(r->ext.amount, 1);
	assert_int_equal(r->ext.unit, UNIT_MONTHS);
	assert_string_equal(r->label, "one month, plus one on request");
	r = &rs.defs[2];
	assert_int_equal(r->from.kind, BOUND_SENAT_REFORM);
	assert_int_equal(r->period.amount, 2);
	assert_int_equal(r->period.unit, UNIT_WORKING_DAYS);
	config_free_rules(&rs);
	assert_int_equal(rs.ndefs, 0);
	assert_null(rs.defs);
}

/* Hostile rules files: each error names the file, the line and the key,
 * and a refused file leaves the rules in force as they were. */
static void
test_rules_errors(void **state)
{
	static const struct {
		const char	*text;
		const char	*want;
	} rows[] = {
		{ "", "e.conf:1: no [rule ID] section" },
		{ "; only a comment\n", "no [rule ID] section" },
		{ "[rule a]\nassembly = AN\narticle = x\n",
		    "e.conf:2: [rule a]: no period" },
		{ "[rule a]\nassembly = AN\nperiod = 2 months\n",
		    "e.conf:2: [rule a]: no article" },
		{ "[rule a]\nperiod = 2 months\narticle = x\n",
		    "[rule a]: assembly = ...: capitals" },
		{ "[rule a]\nassembly = an\nperiod = 1 day\narticle = x\n",
		    "[rule a]: assembly = ...: capitals" },
		{ "[rule a]\nassembly = ASSEMBLEE\nperiod = 1 day\n"
		    "article = x\n", "at most 7" },
		{ "[rule a]\nassembly = AN\ntype = q e\nperiod = 1 day\n"
		    "article = x\n", "[rule a]: type = ...: capitals" },
		{ "[rule a]\nassembly = AN\nperiod = 2 fortnights\n"
		    "article = x\n", "e.conf:3: [rule a] period = \"2 "
		    "fortnights\": the unit must be days, weeks" },
		{ "[rule a]\nassembly = AN\nperiod = two months\n"
		    "article = x\n", "expected a period such as 2 months" },
		{ "[rule a]\nassembly = AN\nperiod = 0 days\narticle = x\n",
		    "the amount must be 1 to 1000" },
		{ "[rule a]\nassembly = AN\nperiod = 1001 days\n"
		    "article = x\n", "the amount must be 1 to 1000" },
		{ "[rule a]\nassembly = AN\nperiod = 2 months later\n"
		    "article = x\n", "the unit must be" },
		{ "[rule a]\nassembly = AN\nperiod = 8 sitting days\n"
		    "article = x\n", "sitting days are not supported" },
		{ "[rule a]\nassembly = AN\nperiod = 2 months\n"
		    "extension = a month\narticle = x\n",
		    "e.conf:4: [rule a] extension = \"a month\"" },
		{ "[rule a]\nassembly = AN\nfrom = 2025-02-29\n"
		    "period = 1 day\narticle = x\n",
		    "e.conf:3: [rule a] from = \"2025-02-29\": expected a date" },
		{ "[rule a]\nassembly = AN\nuntil = reform\n"
		    "period = 1 day\narticle = x\n",
		    "[rule a] until = \"reform\": expected a date" },
		{ "[rule a]\nassembly = AN\nfrom = 2020-01-01\n"
		    "until = 2020-01-01\nperiod = 1 day\narticle = x\n",
		    "e.conf:2: [rule a]: from must come before until" },
		{ "[rule a]\nassembly = AN\nperiod = 1 day\narticle = x\n"
		    "days = 3\n", "e.conf:5: unknown key \"days\" in section "
		    "[rule a]" },
		{ "[rule a b]\nassembly = AN\n", "[rule a b]: a rule name is "
		    "letters" },
		{ "[rule a-rule-id-that-is-longer-than-31]\nassembly = AN\n"
		    "period = 1 day\narticle = x\n", "an id is at most 31" },
		{ "[rules]\nsignal_days = 3\n", "e.conf:2: [rules]: a rules "
		    "file holds only [rule ID] sections" },
		{ "[source x]\nkind = an-dump\n", "e.conf:2: [source x]: a "
		    "rules file holds only [rule ID] sections" },
		{ "[rule a]\nassembly\n", "e.conf:2: syntax error" },
		{ "[rule a]\nassembly = AN\ntype =\nperiod = 1 day\n"
		    "article = x\n", "[rule a] type = \"\": must not be empty" },
		{ "[rule a]\nassembly = AN\nperiod = 1 day\narticle = x\n"
		    "[rule b]\nassembly = AN\nperiod = 2 days\narticle = y\n"
		    "[rule a]\nperiod = 3 days\n", "e.conf:10: [rule a]: a "
		    "second section of that id (the first is at line 2)" },
		/* Found by fuzz_rules: a line inih would cut, a value that
		 * would not fit on its line when written back, and values
		 * that read back as a comment. */
		{ "[rule a]\nassembly = AN\nperiod = 1 day\narticle = "
		    "0123456789012345678901234567890123456789012345678901234567"
		    "8901234567890123456789012345678901234567890123456789012345"
		    "6789012345678901234567890123456789012345678901234567890123"
		    "4567890123456789\nlabel = x\n", "e.conf:4: line longer "
		    "than 198 characters" },
		{ "[rule a]\nassembly = AN\nperiod = 1 day\narticle="
		    "0123456789012345678901234567890123456789012345678901234567"
		    "8901234567890123456789012345678901234567890123456789012345"
		    "6789012345678901234567890123456789012345678901234567890123"
		    "4567890123456789\n", "e.conf:4: [rule a] article = \"0123" },
		{ "[rule a]\nassembly = AN\nperiod = 1 day\narticle = x\n"
		    "label = y\n = ; z\n", "e.conf:6: [rule a] label = \"= ; "
		    "z\": a value cannot start with ; or # nor hold" },
		{ "[rule a]\nassembly = AN\nperiod = 1 day\narticle =; x\n",
		    "e.conf:4: [rule a] article = \"; x\": a value cannot start "
		    "with ; or #" },
	};
	struct rules_settings	rs;
	struct error		err;
	size_t			i;

	(void)state;
	memset(&rs, 0, sizeof(rs));
	assert_int_equal(config_load_rules_string(&rs, "[rule kept]\n"
	    "assembly = AN\nperiod = 3 months\narticle = x\n", "k.conf",
	    &err), 0);
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		error_clear(&err);
		if (config_load_rules_string(&rs, rows[i].text, "e.conf",
		    &err) != -1)
			fail_msg("row %zu parsed", i);
		if (err.status != EXIT_CONFIG || strstr(err.msg,
		    rows[i].want) == NULL)
			fail_msg("row %zu: status %d, \"%s\", want \"%s\"", i,
			    err.status, err.msg, rows[i].want);
		assert_int_equal(rs.ndefs, 1);
		assert_string_equal(rs.defs[0].id, "kept");
		assert_int_equal(rs.defs[0].period.amount, 3);
	}
	config_free_rules(&rs);
}

/* Rules belong in the rules file, which config_load_file follows from
 * [rules] file, relative to the configuration's folder. */
static void
test_rules_follow(void **state)
{
	struct config	cf;
	struct error	err;
	char		dir[] = "/tmp/qt-config-XXXXXX", path[64], rpath[64];
	FILE		*fp;

	(void)state;
	config_defaults(&cf);
	assert_int_equal(config_load_string(&cf, "[rule a]\nassembly = AN\n",
	    "m.conf", &err), -1);
	assert_non_null(strstr(err.msg, "m.conf:2: [rule a]: rules go in a "
	    "rules file ([rules] file)"));
	config_free(&cf);

	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/q.conf", dir);
	snprintf(rpath, sizeof(rpath), "%s/r.conf", dir);
	assert_non_null(fp = fopen(path, "w"));
	fputs("[rules]\nfile = r.conf\n", fp);
	fclose(fp);
	config_defaults(&cf);
	assert_int_equal(config_load_file(&cf, path, &err), -1);
	assert_int_equal(err.status, EXIT_CONFIG);
	assert_non_null(strstr(err.msg, "/q.conf: [rules] file = "));
	assert_non_null(strstr(err.msg, "/r.conf: No such file"));
	config_free(&cf);

	assert_non_null(fp = fopen(rpath, "w"));
	fputs("[rule x]\nassembly = AN\nperiod = 3 weeks\narticle = y\n",
	    fp);
	fclose(fp);
	config_defaults(&cf);
	assert_int_equal(config_load_file(&cf, path, &err), 0);
	assert_int_equal(cf.rules.ndefs, 1);
	assert_string_equal(cf.rules.defs[0].id, "x");
	assert_int_equal(cf.rules.defs[0].period.unit, UNIT_WEEKS);
	config_free(&cf);

	assert_non_null(fp = fopen(rpath, "w"));
	fputs("[rule x]\nassembly = AN\nperiod = 3 years\narticle = y\n",
	    fp);
	fclose(fp);
	config_defaults(&cf);
	assert_int_equal(config_load_file(&cf, path, &err), -1);
	assert_non_null(strstr(err.msg, "/r.conf:3: [rule x] period = "));
	config_free(&cf);
	unlink(rpath);
	unlink(path);
	rmdir(dir);
}

/* Forty errors do not fit in one message: whole lines, then a count of
 * the rest, never a line cut in the middle. */
static void
test_many_errors(void **state)
{
	struct config	 cf;
	struct error	 err;
	struct buf	 b;
	const char	*line, *nl;
	int		 i, lines = 0;

	(void)state;
	buf_init(&b);
	buf_adds(&b, "[general]\n");
	for (i = 0; i < 40; i++)
		buf_printf(&b, "no_such_key_number_%02d = a value here\n", i);
	config_defaults(&cf);
	error_clear(&err);
	assert_int_equal(config_load_string(&cf, b.data, "many.conf", &err),
	    -1);
	assert_int_equal(err.status, EXIT_CONFIG);
	assert_non_null(strstr(err.msg, "more errors)"));
	for (line = err.msg; *line != '\0'; line = nl + 1) {
		nl = strchr(line, '\n');
		if (nl == NULL) {
			assert_non_null(strstr(line, "more errors)"));
			break;
		}
		/* Every line shown is whole: it ends with the section. */
		assert_true(strncmp(line, "many.conf:", 10) == 0);
		assert_true(nl - line > 20 &&
		    strncmp(nl - 9, "[general]", 9) == 0);
		lines++;
	}
	assert_true(lines >= 5);
	config_free(&cf);
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_rules_file),
		cmocka_unit_test(test_rules_errors),
		cmocka_unit_test(test_rules_follow),
		cmocka_unit_test(test_named_sections),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_dump_roundtrip),
		cmocka_unit_test(test_lines_twice_home),
		cmocka_unit_test(test_many_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
