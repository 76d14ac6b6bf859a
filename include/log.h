/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * log.h: messages for the person or the journal watching qetracker.
 * Levels are set once by the command line (-q, -v). Progress lines are
 * drawn only when standard error is a terminal.
 */
#ifndef QT_LOG_H
#define QT_LOG_H

enum log_level {
	LOG_LEVEL_ERROR = 0,
	LOG_LEVEL_WARN = 1,
	LOG_LEVEL_INFO = 2,
	LOG_LEVEL_DEBUG = 3
};

void	log_init(const char *progname, enum log_level);
/*
 * "<N>", the syslog priority of a message of that level, when standard
 * error is the journal (JOURNAL_STREAM); "" otherwise. For the messages
 * written to stderr directly, such as a command's final error.
 */
const char *log_prefix(enum log_level);
/* Sends messages to syslog(3) (daemon facility) instead of stderr. */
void	log_to_syslog(void);
/* Whether messages of that level are shown. */
int	log_enabled(enum log_level);
void	log_warnx(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_info(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_debug(const char *, ...) __attribute__((format(printf, 1, 2)));
/* Draws "label: done/total" on a terminal, overwriting the last one. */
void	log_progress(const char *label, unsigned long done,
	    unsigned long total);
/* Ends a progress line, if one was drawn. */
void	log_progress_end(void);

#endif
