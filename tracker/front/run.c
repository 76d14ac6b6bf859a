/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * run.c: the scheduler.
 *
 * One loop, one second at a time: sources whose time has come are polled
 * (the next poll is its interval later, with 10 % jitter so that many
 * instances do not hit the Assemblée at once); when a poll changed the
 * data, or the day changed, the export folder is rewritten and the
 * served site rebuilt; each digest goes on its weekday once its hour has
 * come (Europe/Paris local time, so summer time is the calendar's), once
 * per ISO week. Signals only set flags; the loop acts on them.
 */
#include "run.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <systemd/sd-daemon.h>

#include "config.h"
#include "date.h"
#include "digest.h"
#include "error.h"
#include "export.h"
#include "fetch.h"
#include "lock.h"
#include "log.h"
#include "poll.h"
#include "serve.h"
#include "source.h"
#include "store.h"
#include "util.h"

/* Seconds before a poll that found the database locked tries again. */
#define RETRY_LOCKED	60

static volatile sig_atomic_t	reload;

static void
on_stop(int sig)
{
	(void)sig;
	util_request_stop();
}

static void
on_hup(int sig)
{
	(void)sig;
	reload = 1;
}

struct sched {
	struct store		*st;
	struct config		*cf;
	const struct run_args	*args;
	struct server		*srv;
	long			*due;		/* per source: next poll */
	size_t			 ndue;
	long			*hold;		/* per digest: not before, after
						 * a failure before sending */
	char			*cache_dir;
	char			*config_path;	/* ours: cf->path goes on reload */
	int			 day;		/* as-of of the last export */
	int			 rules_stale;	/* reloaded, not yet applied */
	uint64_t		 watchdog_usec;	/* systemd's, 0: none */
	long			 watchdog_last;	/* when it was last fed */
};

static int
asof_now(const struct sched *s)
{
	return s->args->fixed_asof ? s->args->fixed_asof : date_today();
}

/* The interval, 10 % jitter either way. */
static long
next_due(long now, int interval)
{
	long	j = interval / 10;

	return now + interval + (j > 0 ? (long)(rand() % (2 * j + 1)) - j : 0);
}

/* Polls the sources whose time has come; 1 when data changed. */
static int
poll_due(struct sched *s)
{
	struct poll_opts	po = { .cache_dir = s->cache_dir,
				    .backoff_ms = s->cf->poll.retry_delay_ms };
	struct poll_settings	ps = config_poll(s->cf);
	struct poll_result	r;
	struct error		err;
	long			now = date_now();
	size_t			i;
	int			changed = 0, rc;

	for (i = 0; i < s->cf->nsources && !util_stop_requested(); i++) {
		const struct source_conf	*sc = &s->cf->sources[i];

		if (now < s->due[i])
			continue;
		error_clear(&err);
		rc = source_kind_find(sc->kind)->pages ?
		    poll_pages(s->st, &ps, sc, &po, &r, &err) :
		    poll_source(s->st, &ps, sc, &po, &r, &err);
		s->due[i] = next_due(date_now(), sc->interval);
		/* A database another command holds for a moment: try again
		 * soon, not a whole interval later. */
		if (rc == -1 && err.status == EXIT_TEMPFAIL &&
		    sc->interval > RETRY_LOCKED)
			s->due[i] = date_now() + RETRY_LOCKED;
		if (rc == -1) {
			log_warnx("poll %s failed, next try in %ld s: %s",
			    sc->name, s->due[i] - date_now(), err.msg);
			continue;
		}
		if (r.bad != NULL)
			log_warnx("poll %s: skipped %lu bad entries (tried again "
			    "next time): %s", sc->name, r.counts.bad, r.bad);
		free(r.bad);
		if (r.not_modified)
			log_info("poll %s: not modified", sc->name);
		else {
			log_info("poll %s: %lu questions, %lu new, %lu changed, "
			    "%lu gone; parsed %lu of %lu entries", sc->name,
			    r.counts.questions, r.counts.added,
			    r.counts.changed, r.counts.removed,
			    r.counts.parsed, r.counts.entries);
			changed |= r.counts.added + r.counts.changed +
			    r.counts.removed + r.counts.amo > 0 ||
			    r.pages_changed > 0;
		}
	}
	return changed;
}

static void
export_now(struct sched *s, int asof)
{
	struct export_counts	n;
	struct site_settings	ss;
	struct error		err;

	if (s->cf->run.export_dir == NULL)
		return;
	error_clear(&err);
	ss = config_site(s->cf);
	if (export_dir(s->st, &ss, asof, s->cf->run.export_dir, &n,
	    &err) == -1)
		log_warnx("export to %s failed: %s", s->cf->run.export_dir,
		    err.msg);
	else
		log_info("exported %zu feeds (%zu events) to %s", n.feeds,
		    n.events, s->cf->run.export_dir);
}

static int
weekday_of(const char *day)
{
	static const char *const days[] = { "monday", "tuesday", "wednesday",
	    "thursday", "friday", "saturday", "sunday" };
	int	i;

	for (i = 0; i < 7; i++)
		if (strcmp(day, days[i]) == 0)
			return i;
	return -1;
}

/* Each digest whose weekday it is, once its hour has come. */
static void
digests_due(struct sched *s, int asof)
{
	struct digest_settings	dg = config_digest_settings(s->cf);
	struct digest_run	dr;
	struct digest_outcome	o;
	struct error		err;
	time_t			now = (time_t)date_now();
	struct tm		tm;
	size_t			i;

	localtime_r(&now, &tm);
	memset(&dr, 0, sizeof(dr));
	date_iso_week(asof, dr.week, sizeof(dr.week));
	for (i = 0; i < s->cf->ndigests && !util_stop_requested(); i++) {
		const struct digest_conf	*d = &s->cf->digests[i];

		if (weekday_of(d->day) != (tm.tm_wday + 6) % 7 ||
		    tm.tm_hour < d->hour || (long)now < s->hold[i])
			continue;
		error_clear(&err);
		if (digest_deliver(s->st, &dg, d, &dr, asof, NULL, &o,
		    &err) == -1) {
			/* Before anything left (a database another command
			 * holds): again in a while, not every second. */
			s->hold[i] = (long)now + RETRY_LOCKED;
			if (o.unknown)
				log_warnx("digest %s cut on its way, it may "
				    "have arrived; not sent again: %s", d->name,
				    err.msg);
			else if (o.waiting)
				log_warnx("digest %s failed, tried again in "
				    "%ld s: %s", d->name, o.waiting -
				    date_now(), err.msg);
			else if (err.status == EXIT_TEMPFAIL ||
			    err.status == EXIT_IOERR)
				log_warnx("digest %s not sent, tried again in "
				    "%d s: %s", d->name, RETRY_LOCKED, err.msg);
			else
				log_warnx("digest %s failed, not tried again "
				    "this week: %s", d->name, err.msg);
		} else if (o.sent)
			log_info("digest %s sent to %s (%lu overdue, %lu new "
			    "answers)", d->name, d->to, o.overdue, o.answered);
	}
}

/* Every source is due now. */
static void
reset_due(struct sched *s)
{
	size_t	i;

	free(s->due);
	free(s->hold);
	s->ndue = s->cf->nsources;
	s->due = xcalloc(s->ndue ? s->ndue : 1, sizeof(*s->due));
	s->hold = xcalloc(s->cf->ndigests ? s->cf->ndigests : 1,
	    sizeof(*s->hold));
	for (i = 0; i < s->ndue; i++)
		s->due[i] = 0;
}

static void
do_reload(struct sched *s)
{
	struct config	fresh;
	struct error	err;
	struct server	*srv = NULL;
	int		listen_changed, serve_changed;

	reload = 0;
	config_defaults(&fresh);
	error_clear(&err);
	if (s->config_path != NULL &&
	    config_load_file(&fresh, s->config_path, &err) == -1) {
		log_warnx("reload: the configuration was kept, %s has errors: "
		    "%s", s->config_path, err.msg);
		config_free(&fresh);
		return;
	}
	listen_changed = strcmp(fresh.serve.listen, s->cf->serve.listen) != 0;
	serve_changed = fresh.run.serve != s->cf->run.serve;
	config_free(s->cf);
	*s->cf = fresh;
	reset_due(s);
	if (s->srv != NULL && (listen_changed || serve_changed)) {
		serve_stop(s->srv);
		s->srv = NULL;
	}
	if (s->cf->run.serve && s->srv == NULL) {
		if ((srv = serve_start(s->st, s->cf, NULL, asof_now(s),
		    &err)) == NULL)
			log_warnx("reload: cannot serve: %s", err.msg);
		s->srv = srv;
	}
	log_info("configuration reloaded: %zu sources, %zu digests",
	    s->cf->nsources, s->cf->ndigests);
	s->rules_stale = 1;
}

/*
 * After a reload, the deadlines follow the new [rules] and rules file, as
 * a command would at start; tried again at each turn while the database
 * is busy. Returns whether any deadline moved.
 */
static int
sync_rules(struct sched *s)
{
	struct error	err;
	unsigned long	n = 0;

	if (!s->rules_stale)
		return 0;
	error_clear(&err);
	if (store_sync_rules(s->st, &s->cf->rules, &n, &err) == -1) {
		log_warnx("reload: the deadlines are not recomputed yet: %s",
		    err.msg);
		return 0;
	}
	s->rules_stale = 0;
	if (n > 0)
		log_info("rules settings changed: %lu deadlines recomputed", n);
	return n > 0;
}

static void
signals(void)
{
	struct sigaction	sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = on_hup;
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

/*
 * Feeds systemd's watchdog (WatchdogSec=) at half its period, from the
 * loop itself, so that a loop stuck in a poll or a digest stops feeding
 * it and systemd restarts the daemon.
 */
static void
watchdog_feed(struct sched *s)
{
	long	now;

	if (s->watchdog_usec == 0)
		return;
	now = (long)time(NULL);
	if (now - s->watchdog_last < (long)(s->watchdog_usec / 2000000))
		return;
	sd_notify(0, "WATCHDOG=1");
	s->watchdog_last = now;
}

static void
loop(struct sched *s)
{
	int	asof, changed, i;

	while (!util_stop_requested()) {
		watchdog_feed(s);
		if (reload) {
			sd_notify(0, "RELOADING=1");
			do_reload(s);
			sd_notifyf(0, "READY=1\nSTATUS=%zu sources, %zu "
			    "digests (reloaded)", s->cf->nsources,
			    s->cf->ndigests);
		}
		asof = asof_now(s);
		changed = sync_rules(s);
		changed |= poll_due(s);
		if (util_stop_requested())
			break;
		if (changed || asof != s->day) {
			export_now(s, asof);
			s->day = asof;
		}
		digests_due(s, asof);
		serve_refresh(s->srv, s->st, s->cf, asof, changed);
		for (i = 0; i < 10 && !util_stop_requested() && !reload; i++)
			usleep(100000);
	}
}

int
run_daemon(struct store *st, struct config *cf, const struct run_args *args,
    struct error *err)
{
	struct sched	s;
	int		fd, rc = -1;

	memset(&s, 0, sizeof(s));
	if ((fd = lock_acquire(args->db_path, "run", err)) == -1)
		return -1;
	if (fetch_init(err) == -1)
		goto out;
	if (strcmp(cf->run.log, "syslog") == 0)
		log_to_syslog();
	s.st = st;
	s.cf = cf;
	s.args = args;
	s.day = 0;
	s.cache_dir = poll_cache_dir(&cf->poll, args->db_path);
	s.config_path = xstrdup_null(args->config_path);
	if (poll_make_dir(s.cache_dir, err) == -1)
		goto out;
	srand((unsigned)date_now() ^ (unsigned)getpid());
	reset_due(&s);
	signals();
	if (cf->run.serve && (s.srv = serve_start(st, cf, NULL, asof_now(&s),
	    err)) == NULL)
		goto out;
	log_info("run: started, %zu sources, %zu digests%s%s", cf->nsources,
	    cf->ndigests, cf->run.export_dir ? ", export to " : "",
	    cf->run.export_dir ? cf->run.export_dir : "");
	if (sd_watchdog_enabled(0, &s.watchdog_usec) <= 0)
		s.watchdog_usec = 0;
	sd_notifyf(0, "READY=1\nSTATUS=%zu sources, %zu digests",
	    cf->nsources, cf->ndigests);
	loop(&s);
	sd_notify(0, "STOPPING=1");
	log_info("run: stopping");
	rc = 0;
out:
	serve_stop(s.srv);
	free(s.due);
	free(s.hold);
	free(s.cache_dir);
	free(s.config_path);
	fetch_cleanup();
	lock_release(fd);
	return rc;
}

void
run_describe(const struct config *cf, FILE *fp)
{
	size_t	i;

	fprintf(fp, "configuration %s: OK\n", cf->path ? cf->path :
	    "(built-in defaults)");
	for (i = 0; i < cf->nsources; i++)
		fprintf(fp, "poll %s (%s) every %d s: %s\n",
		    cf->sources[i].name, cf->sources[i].kind,
		    cf->sources[i].interval, cf->sources[i].url ?
		    cf->sources[i].url : "(watchlist pages)");
	for (i = 0; i < cf->ndigests; i++)
		fprintf(fp, "digest %s on %s at %d:00 to %s\n",
		    cf->digests[i].name, cf->digests[i].day,
		    cf->digests[i].hour, cf->digests[i].to);
	fprintf(fp, "export: %s\nserve: %s\nlog: %s\n", cf->run.export_dir ?
	    cf->run.export_dir : "no", cf->run.serve ? cf->serve.listen : "no",
	    cf->run.log);
}
