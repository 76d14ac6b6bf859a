/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * i18n.h: the language of what people read (feeds, reports, digests).
 * Messages are English msgids translated through gettext; French is the
 * default, [general] lang = en, or a locale in English, switches it.
 */
#ifndef QT_I18N_H
#define QT_I18N_H

#include <stddef.h>

#include <libintl.h>

#define _(s)	gettext(s)
#define N_(s)	(s)
/* A msgid with a context (gettext's msgctxt), marked for xgettext as
 * NC_:1c,2; i18n_pgettext translates it. */
#define NC_(c, s)	(c "\004" s)

/*
 * Chooses the language: "fr", "en", or "auto" (English when LC_ALL,
 * LC_MESSAGES or LANG starts with "en", French otherwise). French needs
 * its catalog: where none is found the output is English throughout,
 * words and dates alike, never a mix. Call once at start, before any
 * thread.
 */
void	 i18n_init(const char *lang);
/* Whether the output language is French. */
int	 i18n_french(void);
/* Room for a date in prose, "30 septembre 2025", with its NUL. */
#define I18N_DATE_LEN	32

/* A date in prose: "20 juillet 2025" or "20 July 2025". */
char	*i18n_date(int day, char *buf, size_t size);
/* A date in a table's column, ten characters: "20/07/2025" in French,
 * "2025-07-20" in English (an ISO date reads the same everywhere). */
char	*i18n_date_short(int day, char *buf, size_t size);
/* "1 jour", "2 jours" / "1 day", "2 days": n and the right noun. */
const char *i18n_days(long n);
/* The translation of a msgid marked NC_(), or its text without the
 * context where the catalogue has none. */
const char *i18n_pgettext(const char *ctxt_msgid);

#endif
