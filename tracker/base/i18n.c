/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * i18n.c: gettext set up for the output language.
 *
 * The catalog is found in $QETRACKER_LOCALEDIR, else in po/ beside the
 * program (a build tree: "build/qetracker" finds "build/po"), else in
 * the installed locale folder. French must work on a machine with no
 * French locale generated: the process runs in C.UTF-8 and LANGUAGE
 * names the catalog, which glibc honours whenever the locale is not
 * plain "C". With lang = auto, the user's LANGUAGE chooses first.
 */
#include "i18n.h"

#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "date.h"
#include "version.h"

static int	french = 1;
/* A msgid the French catalog translates, to tell whether it was found. */
static const char probe[] = "overdue";

static int
locale_is_english(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	const char	*v;
	size_t		 i;

	/* LANGUAGE, a list in order of preference: the first we have. */
	if ((v = getenv("LANGUAGE")) != NULL)
		for (; *v != '\0'; v += strcspn(v, ":"), v += *v == ':') {
			if (strncmp(v, "en", 2) == 0)
				return 1;
			if (strncmp(v, "fr", 2) == 0)
				return 0;
		}
	for (i = 0; i < 3; i++)
		if ((v = getenv(vars[i])) != NULL && *v != '\0')
			return strncmp(v, "en", 2) == 0;
	return 0;
}

/* The build tree's catalogs, beside the program, when they are there. */
static const char *
beside_program(char *buf, size_t size)
{
	char	 exe[PATH_MAX], *slash;
	ssize_t	 n;

	if ((n = readlink("/proc/self/exe", exe, sizeof(exe) - 1)) <= 0)
		return NULL;
	exe[n] = '\0';
	if ((slash = strrchr(exe, '/')) == NULL)
		return NULL;
	*slash = '\0';
	if ((size_t)snprintf(buf, size, "%s/po/fr/LC_MESSAGES/qetracker.mo",
	    exe) >= size || access(buf, R_OK) == -1)
		return NULL;
	snprintf(buf, size, "%s/po", exe);
	return buf;
}

void
i18n_init(const char *lang)
{
	const char	*dir = getenv("QETRACKER_LOCALEDIR");
	const char	*cur;
	char		 here[PATH_MAX + 64];

	if (lang == NULL || strcmp(lang, "auto") == 0)
		french = !locale_is_english();
	else
		french = strcmp(lang, "en") != 0;
	cur = setlocale(LC_ALL, "");
	if (cur == NULL || strcmp(cur, "C") == 0 || strcmp(cur, "POSIX") == 0)
		setlocale(LC_ALL, "C.UTF-8");
	/* Numbers are always written the C way (JSON, CSV, ICS). */
	setlocale(LC_NUMERIC, "C");
	setenv("LANGUAGE", french ? "fr" : "en", 1);
	if (dir == NULL || *dir == '\0')
		dir = beside_program(here, sizeof(here));
	bindtextdomain("qetracker", dir != NULL ? dir : QT_LOCALEDIR);
	bind_textdomain_codeset("qetracker", "UTF-8");
	textdomain("qetracker");
	/*
	 * The language is decided here once: without the French catalog
	 * the words would come out in English, so the dates and every
	 * other choice made on i18n_french() must too.
	 */
	if (french && strcmp(gettext(probe), probe) == 0) {
		french = 0;
		setenv("LANGUAGE", "en", 1);
	}
}

int
i18n_french(void)
{
	return french;
}

char *
i18n_date(int day, char *buf, size_t size)
{
	static const char *const month_en[12] = {
		"January", "February", "March", "April", "May", "June",
		"July", "August", "September", "October", "November",
		"December"
	};
	int	y, m, d;

	if (french)
		return date_fr(day, buf, size);
	date_to_ymd(day, &y, &m, &d);
	snprintf(buf, size, "%d %s %d", d, month_en[m - 1], y);
	return buf;
}

char *
i18n_date_short(int day, char *buf, size_t size)
{
	int	y, m, d;

	if (!french)
		return date_iso(day, buf);
	date_to_ymd(day, &y, &m, &d);
	snprintf(buf, size, "%02d/%02d/%04d", d, m, y);
	return buf;
}

const char *
i18n_pgettext(const char *ctxt_msgid)
{
	const char	*t = gettext(ctxt_msgid), *sep;

	if (t != ctxt_msgid)
		return t;
	sep = strchr(ctxt_msgid, '\004');
	return sep != NULL ? sep + 1 : ctxt_msgid;
}

const char *
i18n_days(long n)
{
	return ngettext("day", "days", (unsigned long)(n < 0 ? -n : n));
}
