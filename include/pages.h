/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * pages.h: the site's HTML pages for people: one per member, group and
 * ministry (beside its feed: author/PA720430.html by author/PA720430.ics),
 * one per question (question/QANR5L17QE6750.html), and the search page.
 *
 * Every page links with relative paths, so that an export works under
 * any prefix of any web server; every text from the data is escaped.
 * Pages are in the reader's language (French by default).
 */
#ifndef QT_PAGES_H
#define QT_PAGES_H

#include <stddef.h>
#include <stdint.h>

struct buf;
struct site_settings;
struct error;
struct filter;
struct site;
struct store;

/*
 * The start of a page: its head (title, style), the site's name and the
 * search form (words in it, when given). root leads from the page to the
 * site's root: "" or "../".
 */
void	pages_open(struct buf *, const char *title, const char *root,
	    const char *words);
/* The same, with a link to the page's Atom feed (a relative href). */
void	pages_open_feed(struct buf *, const char *title, const char *root,
	    const char *words, const char *atom);
/* The end of a page: the data's date (none for DATE_NONE) and source,
 * then </html>. */
void	pages_close(struct buf *, int asof);

/*
 * The page of each feed of a member, group or ministry (its path with
 * .html for .ics): every question of theirs, with its status, deadline,
 * days overdue or left, answer date and links, and their feed with
 * subscribe links for Apple, Google, Outlook and Thunderbird; and its
 * Atom feed (.atom, RFC 4287) of what changed: answers published and
 * deadlines passed without one, newest first. Added to site. Returns 0,
 * or -1 with err set.
 */
int	pages_lists(struct store *, const struct site_settings *, int asof,
	    struct site *, struct error *);

/* Where a question's page is: "question/<uid>.html" into buf, or 0 when
 * its uid cannot be a file name (a hostile source's). */
int	pages_question_path(const char *uid, char *buf, size_t size);

/* The row ids of the questions by their uids, to answer
 * question/<uid>.html. */
struct pages_index;
struct pages_index *pages_index_build(struct store *, struct error *);
long	pages_index_find(const struct pages_index *, const char *uid);
size_t	pages_index_count(const struct pages_index *);
void	pages_index_free(struct pages_index *);

/*
 * A question's page, from its row id: its status and deadline with how
 * it is computed, the timeline, the texts of the question and the
 * answer, and links. Returns 1, 0 when there is no such question, -1
 * with err set.
 */
int	pages_question(struct store *, const struct site_settings *, int asof,
	    long id, struct buf *, struct error *);
/*
 * Each question's page, for the export. key is what the page is made
 * of, as one number: the same key, the same bytes, for the same program,
 * settings and language. keep(path, key, arg) returns 1 when the page
 * the caller holds for that key will do (it is not made), 0 to have it
 * made and handed to cb(path, body, len, key, arg); another value of
 * either stops. Returns 0, or -1 with err set.
 */
typedef int	(*pages_keep_cb)(const char *path, uint64_t key, void *arg);
typedef int	(*pages_cb)(const char *path, const char *body, size_t len,
		    uint64_t key, void *arg);
int	pages_each_question(struct store *, const struct site_settings *, int asof,
	    pages_keep_cb, pages_cb, void *arg, struct error *);

#define PAGES_PER_SEARCH	20

/*
 * The search page (served at /search): the form, and for words the
 * questions that match them and the filter, best first, page `page`
 * (from 1) of PAGES_PER_SEARCH, each with its snippet. Words that make
 * no query give the form and the reason. Returns the HTTP status (200,
 * or 400 for words that make no query), or -1 with err set.
 */
int	pages_search(struct store *, const struct site_settings *, int asof,
	    const char *words, const struct filter *, size_t page,
	    struct buf *, struct error *);

/* Frees libxml2's global state; once, before exit, no thread running. */
void	pages_cleanup(void);

#endif
