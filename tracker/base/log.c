/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * log.c: leveled messages on standard error, prefixed with the program
 * name as BSD warnx(3) does, and a progress line for terminals only (so
 * cron mail and journald stay clean). When standard error is the journal
 * (JOURNAL_STREAM names its device and inode, as systemd sets it), each
 * message starts with its syslog priority, "<3>" to "<7>", which
 * journald reads as the entry's priority (sd-daemon(3)).
 */
#include "log.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <syslog.h>
#include <unistd.h>

static const char	*log_name = "qetracker";
static enum log_level	 log_lvl = LOG_LEVEL_WARN;
static int		 log_drawn;
static int		 log_syslog;
static int		 log_journal;

/* Whether standard error is the stream JOURNAL_STREAM ("DEV:INODE") names. */
static int
stderr_is_journal(void)
{
	const char		*v = getenv("JOURNAL_STREAM");
	unsigned long long	 dev, ino;
	struct stat		 sb;
	char			 end;

	if (v == NULL || sscanf(v, "%llu:%llu%c", &dev, &ino, &end) != 2)
		return 0;
	if (fstat(STDERR_FILENO, &sb) == -1)
		return 0;
	return (unsigned long long)sb.st_dev == dev &&
	    (unsigned long long)sb.st_ino == ino;
}

void
log_init(const char *progname, enum log_level lvl)
{
	log_name = progname;
	log_lvl = lvl;
	log_journal = stderr_is_journal();
}

static int
log_priority(enum log_level lvl)
{
	switch (lvl) {
	case LOG_LEVEL_ERROR:
		return LOG_ERR;
	case LOG_LEVEL_WARN:
		return LOG_WARNING;
	case LOG_LEVEL_INFO:
		return LOG_INFO;
	default:
		return LOG_DEBUG;
	}
}

const char *
log_prefix(enum log_level lvl)
{
	static const char	*prefixes[] = { "<0>", "<1>", "<2>", "<3>",
	    "<4>", "<5>", "<6>", "<7>" };

	return log_journal ? prefixes[log_priority(lvl)] : "";
}

int
log_enabled(enum log_level lvl)
{
	return lvl <= log_lvl;
}

void
log_to_syslog(void)
{
	openlog(log_name, LOG_PID, LOG_DAEMON);
	log_syslog = 1;
}

static void
log_vmsg(enum log_level lvl, const char *fmt, va_list ap)
{
	if (lvl > log_lvl)
		return;
	if (log_syslog) {
		vsyslog(log_priority(lvl), fmt, ap);
		return;
	}
	log_progress_end();
	fprintf(stderr, "%s%s: ", log_prefix(lvl), log_name);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void
log_warnx(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	log_vmsg(LOG_LEVEL_WARN, fmt, ap);
	va_end(ap);
}

void
log_info(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	log_vmsg(LOG_LEVEL_INFO, fmt, ap);
	va_end(ap);
}

void
log_debug(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	log_vmsg(LOG_LEVEL_DEBUG, fmt, ap);
	va_end(ap);
}

void
log_progress(const char *label, unsigned long done, unsigned long total)
{
	if (log_lvl < LOG_LEVEL_WARN || !isatty(STDERR_FILENO))
		return;
	if (total > 0)
		fprintf(stderr, "\r%s: %lu/%lu (%lu%%)", label, done, total,
		    done * 100 / total);
	else
		fprintf(stderr, "\r%s: %lu", label, done);
	log_drawn = 1;
}

void
log_progress_end(void)
{
	if (!log_drawn)
		return;
	fputc('\n', stderr);
	log_drawn = 0;
}
