/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * date.h: civil dates (no time, no zone) as a count of days since
 * 1970-01-01, the arithmetic of delays in days, weeks, months and working
 * days, and the parsing of the date forms found in parliamentary data.
 */
#ifndef QT_DATE_H
#define QT_DATE_H

#include <stddef.h>

/* "No date": smaller than every real date. */
#define DATE_NONE	(-2147483647 - 1)
/* Room for "YYYY-MM-DD" and its NUL. */
#define DATE_ISO_LEN	11

/* Builds a date from its parts; 0, or -1 if it does not exist. */
int	date_from_ymd(int y, int m, int d, int *out);
/* Splits a date into its parts. */
void	date_to_ymd(int day, int *y, int *m, int *d);
/*
 * Parses "YYYY-MM-DD" (optionally followed by a time or a zone, which
 * are ignored), "DD/MM/YYYY" and French "20 mai 2025" / "1er mai 2025".
 * Every date is validated: 2025-02-29 is an error. Returns 0 or -1.
 */
int	date_parse(const char *, int *out);
/* Parses only "YYYY-MM-DD", the form of the command line and config. */
int	date_parse_iso(const char *, int *out);
/*
 * Parses a date as a person types it: "2026-11-28", or the French
 * "28/11/2026" (day first; one-digit day and month allowed, "2/9/2026").
 * Returns 0 or -1.
 */
int	date_parse_typed(const char *, int *out);
/* Writes "YYYY-MM-DD" into buf (DATE_ISO_LEN bytes); returns buf. */
char	*date_iso(int day, char *buf);
/* Writes "20 juillet 2025" (French prose); returns buf. */
char	*date_fr(int day, char *buf, size_t size);
/* Day of the week, 0 = Monday ... 6 = Sunday. */
int	date_weekday(int day);
/*
 * Adds months "de quantième à quantième" (code de procédure civile art.
 * 641): the same day of the month, or the last day of the month when the
 * target month is shorter.
 */
int	date_add_months(int day, int months);
/* Whether the day is a French public holiday (fixed and Easter-based). */
int	date_is_holiday_fr(int day);
/* Whether the day is a Saturday, a Sunday or a French public holiday. */
int	date_is_non_working(int day);
/* The day itself if it is a working day, else the next working day. */
int	date_next_working(int day);
/* Adds n working days (n >= 0). */
int	date_add_working_days(int day, int n);
/* The ISO 8601 week of a day, "2026-W48", into buf (9 bytes at least). */
char	*date_iso_week(int day, char *buf, size_t size);
/* Easter Sunday of a year (Gregorian computus). */
int	date_easter(int year);
/* Makes Europe/Paris the zone of the process; call once, before threads. */
void	date_init(void);
/*
 * Today in Europe/Paris (after date_init). The one function that reads the clock: every
 * other function takes the date as an argument so "as of" works.
 */
int	date_today(void);
/* Seconds since the epoch, from the same clock as date_today. */
long	date_now(void);
/*
 * Writes an RFC 5322 date, English names whatever the locale: in GMT
 * ("Sat, 28 Nov 2026 11:02:03 GMT", HTTP's form) or local time with its
 * offset ("Sat, 28 Nov 2026 12:02:03 +0100", for mail).
 */
char	*date_rfc5322(long t, int local, char *buf, size_t size);
/* Writes "2026-11-28T10:02:03Z" (UTC) into buf (21 bytes); returns buf. */
char	*date_timestamp(long t, char *buf);

#endif
