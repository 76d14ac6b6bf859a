/*
 * log.c: leveled messages on standard error, prefixed with the program
 * name as BSD warnx(3) does, and a progress line for terminals only (so
 * cron mail and journald stay clean).
 */
#include "log.h"

#include <stdarg.h>
#include <stdio.h>
#include <syslog.h>
#include <unistd.h>

static const char	*log_name = "qetracker";
static enum log_level	 log_lvl = LOG_LEVEL_WARN;
static int		 log_drawn;
static int		 log_syslog;

void
log_init(const char *progname, enum log_level lvl)
{
	log_name = progname;
	log_lvl = lvl;
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
		vsyslog(lvl == LOG_LEVEL_WARN ? LOG_WARNING : lvl ==
		    LOG_LEVEL_ERROR ? LOG_ERR : LOG_INFO, fmt, ap);
		return;
	}
	log_progress_end();
	fprintf(stderr, "%s: ", log_name);
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
