/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * date.c: civil-date arithmetic.
 *
 * A date is an int, the number of days since 1970-01-01 in the proleptic
 * Gregorian calendar (the days_from_civil algorithm of H. Hinnant).
 * Months are added "de quantième à quantième" as the code de procédure
 * civile (art. 641) counts them; working days skip weekends and the
 * French public holidays (art. 642, and the Code du travail L3133-1).
 */
#include "date.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util.h"

static const char *const month_fr[12] = {
	"janvier", "février", "mars", "avril", "mai", "juin", "juillet",
	"août", "septembre", "octobre", "novembre", "décembre"
};

static int
is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
month_days(int y, int m)
{
	static const int	days[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

static int
days_from_civil(int y, int m, int d)
{
	int	era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int
date_from_ymd(int y, int m, int d, int *out)
{
	if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1 ||
	    d > month_days(y, m))
		return -1;
	*out = days_from_civil(y, m, d);
	return 0;
}

void
date_to_ymd(int day, int *y, int *m, int *d)
{
	int	z, era, doe, yoe, doy, mp;

	z = day + 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

/* Reads exactly n digits; returns the value or -1. */
static int
digits(const char *s, int n)
{
	int	v = 0, i;

	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int
date_parse_iso(const char *s, int *out)
{
	if (s == NULL || strlen(s) != 10)
		return -1;
	if (s[4] != '-' || s[7] != '-')
		return -1;
	return date_from_ymd(digits(s, 4), digits(s + 5, 2),
	    digits(s + 8, 2), out);
}

int
date_parse_typed(const char *s, int *out)
{
	const char	*m, *y;
	size_t		 nd, nm;

	if (s == NULL)
		return -1;
	if (strchr(s, '/') == NULL)
		return date_parse_iso(s, out);
	nd = strcspn(s, "/");
	m = s + nd + 1;
	nm = strcspn(m, "/");
	y = m + nm;
	if (nd < 1 || nd > 2 || nm < 1 || nm > 2 || *y != '/' ||
	    strlen(y + 1) != 4)
		return -1;
	return date_from_ymd(digits(y + 1, 4), digits(m, (int)nm),
	    digits(s, (int)nd), out);
}

/* "20 mai 2025", "1er mai 2025"; month names compared without accents. */
static int
parse_french(const char *s, int *out)
{
	char	 word[32], *folded;
	int	 d, y, m, i, n = 0;

	if (sscanf(s, "%d%n", &d, &n) != 1 || n > 2)
		return -1;
	s += n;
	if (strncmp(s, "er", 2) == 0)
		s += 2;
	if (sscanf(s, " %31s %d%n", word, &y, &n) != 2 || s[n] != '\0')
		return -1;
	folded = str_fold(word);
	for (m = 0, i = 0; i < 12; i++) {
		char	*name = str_fold(month_fr[i]);

		if (strcmp(name, folded) == 0)
			m = i + 1;
		free(name);
	}
	free(folded);
	return m == 0 ? -1 : date_from_ymd(y, m, d, out);
}

int
date_parse(const char *s, int *out)
{
	size_t	len;

	if (s == NULL)
		return -1;
	len = strlen(s);
	if (len >= 10 && s[4] == '-' && s[7] == '-') {
		char	iso[DATE_ISO_LEN];

		/* A time or zone may follow: "2025-05-20T00:00:00+02:00". */
		if (len > 10 && s[10] != 'T' && s[10] != '+' &&
		    s[10] != 'Z' && s[10] != ' ')
			return -1;
		memcpy(iso, s, 10);
		iso[10] = '\0';
		return date_parse_iso(iso, out);
	}
	if (len == 10 && s[2] == '/' && s[5] == '/')
		return date_from_ymd(digits(s + 6, 4), digits(s + 3, 2),
		    digits(s, 2), out);
	return parse_french(s, out);
}

char *
date_iso(int day, char *buf)
{
	int	y, m, d;

	if (day == DATE_NONE) {
		buf[0] = '\0';
		return buf;
	}
	date_to_ymd(day, &y, &m, &d);
	y = y < 0 ? 0 : y % 10000;
	buf[0] = (char)('0' + y / 1000);
	buf[1] = (char)('0' + y / 100 % 10);
	buf[2] = (char)('0' + y / 10 % 10);
	buf[3] = (char)('0' + y % 10);
	buf[4] = '-';
	buf[5] = (char)('0' + m / 10);
	buf[6] = (char)('0' + m % 10);
	buf[7] = '-';
	buf[8] = (char)('0' + d / 10);
	buf[9] = (char)('0' + d % 10);
	buf[10] = '\0';
	return buf;
}

char *
date_fr(int day, char *buf, size_t size)
{
	int	y, m, d;

	date_to_ymd(day, &y, &m, &d);
	snprintf(buf, size, "%d%s %s %d", d, d == 1 ? "er" : "",
	    month_fr[m - 1], y);
	return buf;
}

int
date_weekday(int day)
{
	/* 1970-01-01 was a Thursday (3 when Monday is 0). */
	int	w = (day + 3) % 7;

	return w < 0 ? w + 7 : w;
}

int
date_add_months(int day, int months)
{
	int	y, m, d, total, out;

	date_to_ymd(day, &y, &m, &d);
	total = y * 12 + (m - 1) + months;
	y = total / 12;
	m = total % 12 + 1;
	if (d > month_days(y, m))
		d = month_days(y, m);
	if (date_from_ymd(y, m, d, &out) == -1)
		return DATE_NONE;
	return out;
}

char *
date_iso_week(int day, char *buf, size_t size)
{
	int	thursday = day - date_weekday(day) + 3, y, m, d, jan1 = 0;

	date_to_ymd(thursday, &y, &m, &d);
	if (date_from_ymd(y, 1, 1, &jan1) == -1) {
		str_copy(buf, "", size);	/* outside years 1000-9999 */
		return buf;
	}
	snprintf(buf, size, "%04d-W%02d", y, (thursday - jan1) / 7 + 1);
	return buf;
}

int
date_easter(int year)
{
	int	a, b, c, d, e, f, g, h, i, k, l, m, month, dd, out;

	a = year % 19;
	b = year / 100;
	c = year % 100;
	d = b / 4;
	e = b % 4;
	f = (b + 8) / 25;
	g = (b - f + 1) / 3;
	h = (19 * a + b - d - g + 15) % 30;
	i = c / 4;
	k = c % 4;
	l = (32 + 2 * e + 2 * i - h - k) % 7;
	m = (a + 11 * h + 22 * l) / 451;
	month = (h + l - 7 * m + 114) / 31;
	dd = (h + l - 7 * m + 114) % 31 + 1;
	if (date_from_ymd(year, month, dd, &out) == -1)
		return DATE_NONE;
	return out;
}

int
date_is_holiday_fr(int day)
{
	static const int	fixed[][2] = {
		{ 1, 1 }, { 5, 1 }, { 5, 8 }, { 7, 14 }, { 8, 15 },
		{ 11, 1 }, { 11, 11 }, { 12, 25 }
	};
	int	y, m, d, easter;
	size_t	i;

	date_to_ymd(day, &y, &m, &d);
	for (i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		if (fixed[i][0] == m && fixed[i][1] == d)
			return 1;
	easter = date_easter(y);
	/* Easter Monday, Ascension Thursday, Whit Monday. */
	return day == easter + 1 || day == easter + 39 || day == easter + 50;
}

int
date_is_non_working(int day)
{
	return date_weekday(day) >= 5 || date_is_holiday_fr(day);
}

int
date_next_working(int day)
{
	int	i;

	/* At most a weekend plus two holidays in a row: bounded anyway. */
	for (i = 0; i < 14 && date_is_non_working(day); i++)
		day++;
	return day;
}

int
date_add_working_days(int day, int n)
{
	while (n > 0) {
		day++;
		if (!date_is_non_working(day))
			n--;
	}
	return day;
}

long
date_now(void)
{
	return (long)time(NULL);
}

char *
date_timestamp(long t, char *buf)
{
	time_t		tt = (time_t)t;
	struct tm	tm;

	gmtime_r(&tt, &tm);
	strftime(buf, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return buf;
}

void
date_init(void)
{
	/*
	 * Civil dates are those of Paris. Setting TZ once also spares a
	 * stat of /etc/localtime in every mktime() libraries make (libzip
	 * converts each entry's DOS time).
	 */
	setenv("TZ", "Europe/Paris", 1);
	tzset();
}

char *
date_rfc5322(long t, int local, char *buf, size_t size)
{
	static const char *const wd[] = { "Sun", "Mon", "Tue", "Wed", "Thu",
	    "Fri", "Sat" };
	static const char *const mo[] = { "Jan", "Feb", "Mar", "Apr", "May",
	    "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	time_t		tt = (time_t)t;
	struct tm	tm;
	int		off;
	char		zone[16];

	if (local) {
		localtime_r(&tt, &tm);
		/* Offsets are under a day: two digits of hours, two of minutes. */
		off = (int)(tm.tm_gmtoff / 60) % 1440;
		snprintf(zone, sizeof(zone), "%c%02d%02d", off < 0 ? '-' : '+',
		    abs(off) / 60, abs(off) % 60);
	} else {
		gmtime_r(&tt, &tm);
		str_copy(zone, "GMT", sizeof(zone));
	}
	snprintf(buf, size, "%s, %02d %s %04d %02d:%02d:%02d %s",
	    wd[tm.tm_wday], tm.tm_mday, mo[tm.tm_mon], tm.tm_year + 1900,
	    tm.tm_hour, tm.tm_min, tm.tm_sec, zone);
	return buf;
}

int
date_today(void)
{
	time_t		now = (time_t)date_now();
	struct tm	tm;
	int		out;

	localtime_r(&now, &tm);
	if (date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
	    &out) == -1)
		return DATE_NONE;
	return out;
}
