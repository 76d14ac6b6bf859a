/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * an_page.h: the public page of one Assemblée nationale question, as HTML
 * (www.assemblee-nationale.fr/dyn/17/questions/QANR5L17QE6750, or the
 * older questions.assemblee-nationale.fr/q17/17-6750QE.htm) or as its
 * text rendering.
 */
#ifndef QT_AN_PAGE_H
#define QT_AN_PAGE_H

#include <stddef.h>

#include "source.h"

struct question;
struct error;

/* Whether the data looks like an HTML document. */
int	an_page_is_html(const char *data, size_t len);
/* Initialises libxml2 once; call before threads parse pages (the
 * library's own lazy initialisation is not thread-safe). */
void	an_page_init(void);
/*
 * Reads a page's text: "17ème législature", "Question écrite n° 6750",
 * the "Label : value" lines of the key data and dates. Fills q
 * (question_init'ed by the caller). Returns 0, or -1 with err naming
 * `name` and the line (EXIT_DATAERR).
 */
int	an_page_parse_text(const char *text, const char *name,
	    struct question *q, struct error *err);
/* The same from HTML: the text is extracted with libxml2's parser. */
int	an_page_parse_html(const char *html, size_t len, const char *name,
	    struct question *q, struct error *err);
/*
 * The parse of the an-page source kind: HTML or text, NUL-terminated at
 * data[len]. Fills q and sets *kind to UNIT_QUESTION.
 */
int	an_page_parse(const char *data, size_t len, const char *name,
	    enum unit_kind *kind, struct question *q, struct name_record *nr,
	    struct error *err);

#endif
