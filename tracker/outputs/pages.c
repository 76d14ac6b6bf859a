/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * pages.c: the pages people read on the site: members, groups and
 * ministries with their questions and feeds, each question with its
 * reasoning and texts, and the search.
 */
#include "pages.h"

#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>
#include <libxml/parser.h>
#include <libxml/xmlwriter.h>

#include "assembly.h"
#include "date.h"
#include "error.h"
#include "export.h"
#include "feed.h"
#include "filter.h"
#include "i18n.h"
#include "log.h"
#include "question.h"
#include "rules.h"
#include "search.h"
#include "store.h"
#include "util.h"

static const char *const kinds[] = { "author", "group", "ministry" };
#define NKINDS	(sizeof(kinds) / sizeof(kinds[0]))

/*
 * Readable from a phone's width up; contrasts of at least 4.5:1 (WCAG AA)
 * on white; on a narrow screen the table becomes one card per question,
 * each cell named by its column's heading.
 */
static const char style[] =
    "body{font-family:sans-serif;max-width:62em;margin:auto;padding:1em;"
    "color:#1a1a1a;line-height:1.45}a{color:#0b57a4}"
    "header{display:flex;flex-wrap:wrap;gap:.5em 1.5em;align-items:center;"
    "border-bottom:2px solid #0b57a4;padding-bottom:.5em}"
    "header .site{font-weight:bold;font-size:1.1em;text-decoration:none}"
    "form.search{display:flex;gap:.3em;flex:1 1 18em}"
    "form.search input{flex:1;font-size:1em;padding:.35em;min-width:0}"
    "form.search button{font-size:1em;padding:.35em .8em}"
    ".sr{position:absolute;left:-9999px}"
    "table{border-collapse:collapse;width:100%}.wide{overflow-x:auto}"
    "svg.chart{max-width:100%;height:auto}table.counts{width:auto}"
    "td,th{padding:.35em;"
    "border-bottom:1px solid #ccc;text-align:left;vertical-align:top}"
    "td.n,th.n{text-align:right}.overdue{color:#a4141c;font-weight:bold}"
    ".late{color:#8a4b00}.ok{color:#1d6b2f}"
    ".status{font-size:1.2em;padding:.6em;border-left:6px solid #0b57a4;"
    "background:#f2f6fb}.status.overdue{border-color:#a4141c;"
    "background:#fbf1f1}"
    "dl.facts{display:grid;grid-template-columns:max-content 1fr;"
    "gap:.2em 1em}dl.facts dt{font-weight:bold}dl.facts dd{margin:0;"
    "overflow-wrap:anywhere}"
    ".text{white-space:pre-line}mark{background:#ffe27a;color:inherit}"
    "ol.timeline{padding-left:1.2em}.subscribe li{margin:.3em 0}"
    "input.url{width:100%;font-family:monospace;font-size:.9em}"
    "ul.hits{list-style:none;padding:0}ul.hits li{margin:1em 0}"
    "footer{margin-top:2em;color:#555;font-size:.9em}"
    ".figures{display:flex;flex-wrap:wrap;gap:1em;padding:0;"
    "list-style:none}.figures li{border:1px solid #ccc;padding:.5em "
    ".8em}.figures b{display:block;font-size:1.4em}"
    "@media (max-width:40em){body{padding:.5em}"
    "table.qs thead{position:absolute;left:-9999px}"
    "table.qs tr{display:block;border-bottom:1px solid #ccc;"
    "padding:.4em 0}table.qs td{display:block;border:0;padding:.1em 0}"
    "table.qs td[data-label]:before{content:attr(data-label) \": \";"
    "font-weight:bold}dl.facts{grid-template-columns:1fr}"
    "dl.facts dd{margin-bottom:.4em}}";

void
pages_open(struct buf *b, const char *title, const char *root,
    const char *words)
{
	pages_open_feed(b, title, root, words, NULL);
}

void
pages_open_feed(struct buf *b, const char *title, const char *root,
    const char *words, const char *atom)
{
	buf_printf(b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\""
	    "width=device-width, initial-scale=1\">\n<title>",
	    i18n_french() ? "fr" : "en");
	buf_add_html(b, title);
	buf_adds(b, " — ");
	buf_add_html(b, _("Written questions"));
	buf_printf(b, "</title>\n<style>%s</style>\n", style);
	if (atom != NULL) {
		buf_adds(b, "<link rel=\"alternate\" type=\"application/atom+"
		    "xml\" href=\"");
		buf_add_html(b, atom);
		buf_adds(b, "\">\n");
	}
	buf_printf(b, "</head>\n<body>\n<header><a class=\"site\" "
	    "href=\"%sindex.html\">", root);
	buf_add_html(b, _("Written questions — deadlines"));
	buf_printf(b, "</a>\n<form class=\"search\" role=\"search\" "
	    "action=\"%ssearch\" method=\"get\"><label class=\"sr\" "
	    "for=\"q\">", root);
	buf_add_html(b, _("Search the questions"));
	buf_adds(b, "</label><input type=\"search\" id=\"q\" name=\"q\" "
	    "placeholder=\"");
	buf_add_html(b, _("words, e.g. reconnaissance faciale"));
	buf_adds(b, "\"");
	if (words != NULL) {
		buf_adds(b, " value=\"");
		buf_add_html(b, words);
		buf_adds(b, "\"");
	}
	buf_adds(b, "><button type=\"submit\">");
	buf_add_html(b, _("Search"));
	buf_adds(b, "</button></form></header>\n<main>\n");
}

void
pages_close(struct buf *b, int asof)
{
	char	d[64];

	buf_adds(b, "</main>\n<footer><p>");
	if (asof == DATE_NONE)
		buf_adds(b, _("Deadlines computed by qetracker from the "
		    "Journal officiel dates of the parliaments' open data."));
	else
		buf_printf(b, _("Status as of %s. Deadlines computed by "
		    "qetracker from the Journal officiel dates of the "
		    "parliaments' open data."), i18n_date(asof, d, sizeof(d)));
	buf_adds(b, "</p></footer>\n</body>\n</html>\n");
}

/* "496 days overdue", "due in 12 days", "answered 30 days late"... */
static void
status_text(struct buf *b, const struct qstate *st, int answered)
{
	char	d[64];

	switch (st->status) {
	case QS_OVERDUE:
		buf_printf(b, ngettext("%d day overdue", "%d days overdue",
		    (unsigned long)st->days_overdue), st->days_overdue);
		break;
	case QS_OPEN:
		if (st->days_left == 0)
			buf_adds(b, _("due today"));
		else if (st->days_left > 0)
			buf_printf(b, ngettext("due in %d day",
			    "due in %d days", (unsigned long)st->days_left),
			    st->days_left);
		else
			buf_adds(b, rules_status_label(st->status));
		break;
	case QS_ANSWERED_LATE:
		buf_printf(b, ngettext("answered %s, %d day late",
		    "answered %s, %d days late", (unsigned long)st->days_late),
		    i18n_date(answered, d, sizeof(d)), st->days_late);
		break;
	case QS_ANSWERED:
		if (answered != DATE_NONE) {
			buf_printf(b, _("answered %s, on time"),
			    i18n_date(answered, d, sizeof(d)));
			break;
		}
		/* FALLTHROUGH */
	default:
		buf_adds(b, rules_status_label(st->status));
		break;
	}
}

static const char *
status_class(enum qstatus s)
{
	return s == QS_OVERDUE ? "overdue" : s == QS_ANSWERED_LATE ? "late" :
	    s == QS_ANSWERED ? "ok" : "";
}

int
pages_question_path(const char *uid, char *buf, size_t size)
{
	if (!feed_name_safe(uid))
		return 0;
	snprintf(buf, size, "question/%s.html", uid);
	return 1;
}

/* The page of a feed: its .ics path with .html, or NULL. */
static char *
page_of_feed(const char *ics)
{
	size_t	n = strlen(ics);

	if (n < 5 || strcmp(ics + n - 4, ".ics") != 0)
		return NULL;
	return xasprintf("%.*s.html", (int)(n - 4), ics);
}

/*
 * The feeds' paths by kind and key (site_keys), in memory: the export
 * looks up three for each of its question pages, which the store took
 * a prepared statement each for.
 */
struct fpaths {
	struct fpath {
		char	*kind;
		char	*key;
		char	*path;
	}		*v;
	size_t		 n;
	size_t		*slot;		/* open addressing: index + 1, or 0 */
	size_t		 mask;
};

static size_t
fpath_hash(const char *kind, const char *key)
{
	uint64_t	h = util_hash64(kind, strlen(kind) + 1);

	return (size_t)util_hash64_add(h, key, strlen(key));
}

static int
fpath_one(const char *kind, const char *key, const char *path, void *arg)
{
	struct fpaths	*m = arg;

	if ((m->n & (m->n - 1)) == 0)
		m->v = xrealloc(m->v, (m->n ? m->n * 2 : 1) * sizeof(*m->v));
	m->v[m->n].kind = xstrdup(kind);
	m->v[m->n].key = xstrdup(key);
	m->v[m->n].path = xstrdup(path);
	m->n++;
	return 0;
}

static void
fpaths_free(struct fpaths *m)
{
	size_t	i;

	for (i = 0; i < m->n; i++) {
		free(m->v[i].kind);
		free(m->v[i].key);
		free(m->v[i].path);
	}
	free(m->v);
	free(m->slot);
	memset(m, 0, sizeof(*m));
}

static int
fpaths_load(struct store *st, struct fpaths *m, struct error *err)
{
	size_t	i, j;

	memset(m, 0, sizeof(*m));
	if (store_site_keys_each(st, fpath_one, m, err) == -1) {
		fpaths_free(m);
		return -1;
	}
	for (m->mask = 15; m->mask < 2 * m->n; m->mask = m->mask * 2 + 1)
		continue;
	m->slot = xcalloc(m->mask + 1, sizeof(*m->slot));
	for (i = 0; i < m->n; i++) {
		j = fpath_hash(m->v[i].kind, m->v[i].key) & m->mask;
		while (m->slot[j] != 0)
			j = (j + 1) & m->mask;
		m->slot[j] = i + 1;
	}
	return 0;
}

static const char *
fpaths_find(const struct fpaths *m, const char *kind, const char *key)
{
	size_t	j = fpath_hash(kind, key) & m->mask;

	for (; m->slot[j] != 0; j = (j + 1) & m->mask) {
		const struct fpath	*f = &m->v[m->slot[j] - 1];

		if (strcmp(f->kind, kind) == 0 && strcmp(f->key, key) == 0)
			return f->path;
	}
	return NULL;
}

/* The page of a question's feed of a kind, from m or else the store; NULL
 * when it has none (err->status tells a failure). */
static char *
feed_page(struct store *st, const struct fpaths *m, const struct question *q,
    const char *kind, struct error *err)
{
	struct feed_event	 e;
	struct feed_keys	 k;
	const char		*found;
	char			*ics = NULL, *page = NULL;
	size_t			 i;

	error_clear(err);
	memset(&e, 0, sizeof(e));
	feed_event_keys(&e, q);
	if (feed_keys_get(&e, kind, &k)) {
		if (m == NULL)
			ics = store_site_find(st, kind, k.keys, 2, err);
		else
			for (i = 0; i < 2 && ics == NULL; i++)
				if (k.keys[i] != NULL && (found = fpaths_find(
				    m, kind, k.keys[i])) != NULL)
					ics = xstrdup(found);
		feed_keys_free(&k);
	}
	feed_event_clear(&e);
	if (ics != NULL)
		page = page_of_feed(ics);
	free(ics);
	return page;
}

/* A link to href (relative to root) with text, or the text alone. */
static void
link_or_text(struct buf *b, const char *root, const char *href,
    const char *text)
{
	if (text == NULL)
		return;
	if (href == NULL) {
		buf_add_html(b, text);
		return;
	}
	buf_printf(b, "<a href=\"%s", root);
	buf_add_html(b, href);
	buf_adds(b, "\">");
	buf_add_html(b, text);
	buf_adds(b, "</a>");
}

/* One question of a list. */
struct prow {
	long		 id;
	char		 assembly[8];
	char		 uid[64];
	char		 num[64];
	char		*title;
	char		*author;
	char		*ministry;
	char		*url;
	int		 published;
	int		 answered;
	struct qstate	 st;
};

static void
prow_free(struct prow *r)
{
	free(r->title);
	free(r->author);
	free(r->ministry);
	free(r->url);
}

/* A question's key in a kind of feed, and the row it belongs to. */
/* A feed's keys, once for all its questions (a deputy has hundreds). */
struct dkey {
	size_t	 kind;
	char	*id;
	char	*keys[2];
	char	*page;		/* resolved: the .html path, or NULL */
	char	*title;		/* its first question's */
};

/* A question in a feed's page. */
struct pkey {
	size_t	 dk;		/* its dkey */
	size_t	 row;
};

struct lists {
	struct store		*st;
	int			 asof;
	struct dkey		*dk;
	size_t			 ndk;
	size_t			*slot;		/* dk by (kind, id): index + 1 */
	size_t			 mask;
	struct prow		*rows;
	size_t			 nrows;
	struct pkey		*keys;
	size_t			 nkeys;
};

static size_t
dkey_hash(size_t kind, const char *id)
{
	return (size_t)util_hash64_add(kind, id, strlen(id));
}

/* The dkey of (kind, k->id), made from k the first time. */
static size_t
dkey_get(struct lists *l, size_t kind, const struct feed_keys *k)
{
	struct dkey	*d;
	size_t		 j, i;

	if (2 * (l->ndk + 1) > l->mask) {
		free(l->slot);
		l->mask = l->mask ? l->mask * 2 + 1 : 63;
		l->slot = xcalloc(l->mask + 1, sizeof(*l->slot));
		for (i = 0; i < l->ndk; i++) {
			j = dkey_hash(l->dk[i].kind, l->dk[i].id) & l->mask;
			while (l->slot[j] != 0)
				j = (j + 1) & l->mask;
			l->slot[j] = i + 1;
		}
	}
	j = dkey_hash(kind, k->id) & l->mask;
	for (; l->slot[j] != 0; j = (j + 1) & l->mask) {
		d = &l->dk[l->slot[j] - 1];
		if (d->kind == kind && strcmp(d->id, k->id) == 0)
			return l->slot[j] - 1;
	}
	if ((l->ndk & (l->ndk - 1)) == 0)
		l->dk = xrealloc(l->dk, (l->ndk ? l->ndk * 2 : 1) *
		    sizeof(*l->dk));
	d = &l->dk[l->ndk];
	d->kind = kind;
	d->id = xstrdup(k->id);
	d->keys[0] = xstrdup_null(k->keys[0]);
	d->keys[1] = xstrdup_null(k->keys[1]);
	d->page = NULL;
	d->title = xstrdup_null(k->title);
	l->slot[j] = ++l->ndk;
	return l->ndk - 1;
}

static int
collect_row(const struct question *q, void *arg)
{
	struct lists		*l = arg;
	struct prow		*r;
	struct feed_event	 e;
	struct feed_keys	 k;
	size_t			 i;

	if ((l->nrows & (l->nrows - 1)) == 0)
		l->rows = xrealloc(l->rows, (l->nrows ? l->nrows * 2 : 1) *
		    sizeof(*l->rows));
	r = &l->rows[l->nrows];
	memset(r, 0, sizeof(*r));
	r->id = q->id;
	str_copy(r->assembly, q->assembly, sizeof(r->assembly));
	question_uid(q, r->uid, sizeof(r->uid));
	question_label(q, r->num, sizeof(r->num));
	r->title = xstrdup_null(q->title != NULL ? q->title : q->rubric);
	r->author = xstrdup_null(q->author_name != NULL ? q->author_name :
	    q->author_ref);
	r->ministry = xstrdup_null(q->ministry);
	r->url = question_url(q);
	r->published = q->published;
	r->answered = q->answered;
	rules_state(q, l->asof, &r->st);
	memset(&e, 0, sizeof(e));
	feed_event_keys(&e, q);
	for (i = 0; i < NKINDS; i++) {
		struct pkey	*p;

		if (!feed_keys_get(&e, kinds[i], &k))
			continue;
		if ((l->nkeys & (l->nkeys - 1)) == 0)
			l->keys = xrealloc(l->keys, (l->nkeys ? l->nkeys * 2 :
			    1) * sizeof(*l->keys));
		p = &l->keys[l->nkeys++];
		p->dk = dkey_get(l, i, &k);
		p->row = l->nrows;
		feed_keys_free(&k);
	}
	feed_event_clear(&e);
	l->nrows++;
	return 0;
}

static const struct dkey *sort_dk;	/* for pkey_page_cmp */

static int
pkey_page_cmp(const void *a, const void *b)
{
	const struct pkey	*x = a, *y = b;
	const char		*px = sort_dk[x->dk].page, *py = sort_dk[y->dk].page;
	int			 c;

	if (px == NULL || py == NULL)
		return (px == NULL) - (py == NULL);
	if ((c = strcmp(px, py)) != 0)
		return c;
	return x->row < y->row ? -1 : x->row > y->row;
}

/* The page of each distinct key, from the store (none: no page); the
 * questions by page. */
static int
resolve(struct lists *l, struct error *err)
{
	size_t	i;
	char	*ics;

	if (l->nkeys == 0)	/* no question yet: qsort may not take NULL */
		return 0;
	for (i = 0; i < l->ndk; i++) {
		struct dkey	*d = &l->dk[i];

		ics = store_site_find(l->st, kinds[d->kind],
		    (const char *const *)d->keys, 2, err);
		if (ics == NULL && err->status != 0)
			return -1;
		d->page = ics != NULL ? page_of_feed(ics) : NULL;
		free(ics);
	}
	sort_dk = l->dk;
	qsort(l->keys, l->nkeys, sizeof(*l->keys), pkey_page_cmp);
	return 0;
}

/* Rows of a page: open ones soonest due first, then most overdue, then
 * the answered and closed ones, newest first. */
static int
row_rank(const struct prow *r)
{
	switch (r->st.status) {
	case QS_OPEN:
		return 0;
	case QS_OVERDUE:
		return 1;
	default:
		return 2;
	}
}

static const struct prow *sort_rows;

static int
row_cmp(const void *a, const void *b)
{
	const struct prow	*x = &sort_rows[*(const size_t *)a];
	const struct prow	*y = &sort_rows[*(const size_t *)b];
	int			 rx = row_rank(x), ry = row_rank(y);

	if (rx != ry)
		return rx - ry;
	if (rx < 2 && x->st.deadline != y->st.deadline)
		return x->st.deadline < y->st.deadline ? -1 : 1;
	if (x->published != y->published)
		return x->published > y->published ? -1 : 1;
	return strcmp(x->uid, y->uid);
}

/* The figures of a list: its questions by outcome, and how many of those
 * due were answered on time. */
static void
figures(struct buf *b, const struct prow *rows, const size_t *idx, size_t n)
{
	unsigned long	c[8] = { 0 }, due, ontime;
	char		 pct[16];
	size_t		 i;

	for (i = 0; i < n; i++)
		c[rows[idx[i]].st.status]++;
	ontime = c[QS_ANSWERED];
	due = c[QS_ANSWERED] + c[QS_ANSWERED_LATE] + c[QS_OVERDUE];
	if (due > 0)
		snprintf(pct, sizeof(pct), "%lu %%", (ontime * 100 + due / 2) /
		    due);
	else
		snprintf(pct, sizeof(pct), "—");
	buf_adds(b, "<ul class=\"figures\">");
	buf_printf(b, "<li><b>%zu</b>%s</li>", n, ngettext("question",
	    "questions", n));
	buf_printf(b, "<li class=\"overdue\"><b>%lu</b>%s</li>", c[QS_OVERDUE],
	    _("overdue"));
	buf_printf(b, "<li><b>%lu</b>%s</li>", c[QS_OPEN], _("open, not yet "
	    "due"));
	buf_printf(b, "<li><b>%lu</b>%s</li>", c[QS_ANSWERED_LATE],
	    _("answered late"));
	buf_printf(b, "<li><b>%s</b>%s</li>", pct, _("of those due answered "
	    "on time"));
	buf_adds(b, "</ul>\n");
}

static void
add_escaped_url(struct buf *b, const char *s)
{
	char	*e = curl_easy_escape(NULL, s, 0);

	if (e != NULL) {
		buf_adds(b, e);
		curl_free(e);
	}
}

/* The feed's links, for each calendar people use. */
static void
subscribe(struct buf *b, const struct site_settings *ss, const char *ics,
    const char *name)
{
	const char	*base = ss->feed->base_url, *host = strstr(base, "://");
	char		*https = xasprintf("%s/%s", base, ics);
	char		*webcal = xasprintf("webcal://%s/%s", host != NULL ?
			    host + 3 : base, ics);

	buf_printf(b, "<section class=\"subscribe\"><h2>%s</h2>\n<p>",
	    _("Subscribe to the deadlines"));
	buf_add_html(b, _("Every deadline of these questions in your "
	    "calendar, updated as answers come."));
	buf_adds(b, "</p>\n<ul>\n<li><a href=\"");
	buf_add_html(b, webcal);
	buf_adds(b, "\">");
	buf_add_html(b, _("Apple Calendar (Mac, iPhone, iPad)"));
	buf_adds(b, "</a></li>\n<li><a href=\"https://calendar.google.com/"
	    "calendar/render?cid=");
	add_escaped_url(b, webcal);
	buf_adds(b, "\">");
	buf_add_html(b, _("Google Calendar"));
	buf_adds(b, "</a></li>\n<li><a href=\"https://outlook.live.com/"
	    "calendar/0/addfromweb?url=");
	add_escaped_url(b, https);
	buf_adds(b, "&amp;name=");
	add_escaped_url(b, name);
	buf_adds(b, "\">");
	buf_add_html(b, _("Outlook"));
	buf_adds(b, "</a></li>\n<li>");
	buf_add_html(b, _("Thunderbird: New Calendar, On the Network, then "
	    "paste the address below."));
	buf_adds(b, "</li>\n</ul>\n<p><label for=\"feed-url\">");
	buf_add_html(b, _("The calendar's address:"));
	buf_adds(b, "</label><br><input class=\"url\" id=\"feed-url\" "
	    "readonly value=\"");
	buf_add_html(b, https);
	buf_adds(b, "\"></p>\n</section>\n");
	free(https);
	free(webcal);
}

static void
rows_table(struct buf *b, const struct prow *rows, const size_t *idx,
    size_t n, int show_author)
{
	char	d[64], qp[128];
	size_t	i;

	buf_printf(b, "<table class=\"qs\">\n<thead><tr><th>%s</th><th>%s"
	    "</th>", _("Question"), _("Subject"));
	if (show_author)
		buf_printf(b, "<th>%s</th>", _("Author"));
	else
		buf_printf(b, "<th>%s</th>", _("Ministry"));
	buf_printf(b, "<th>%s</th><th>%s</th></tr></thead>\n<tbody>\n",
	    _("Deadline"), _("Status"));
	for (i = 0; i < n; i++) {
		const struct prow	*r = &rows[idx[i]];

		buf_printf(b, "<tr><td data-label=\"%s\">", _("Question"));
		if (pages_question_path(r->uid, qp, sizeof(qp)))
			link_or_text(b, "../", qp, r->num);
		else
			buf_add_html(b, r->num);
		buf_printf(b, "</td><td data-label=\"%s\">", _("Subject"));
		if (r->title != NULL)
			buf_add_html(b, r->title);
		buf_printf(b, "</td><td data-label=\"%s\">", show_author ?
		    _("Author") : _("Ministry"));
		if ((show_author ? r->author : r->ministry) != NULL)
			buf_add_html(b, show_author ? r->author : r->ministry);
		buf_printf(b, "</td><td data-label=\"%s\">", _("Deadline"));
		if (r->st.deadline != DATE_NONE)
			buf_add_html(b, i18n_date(r->st.deadline, d,
			    sizeof(d)));
		buf_printf(b, "</td><td data-label=\"%s\" class=\"%s\">",
		    _("Status"), status_class(r->st.status));
		status_text(b, &r->st, r->answered);
		buf_adds(b, "</td></tr>\n");
	}
	buf_adds(b, "</tbody></table>\n");
}

/* What changed of a question, for the Atom feeds. */
struct change {
	const struct prow	*r;
	int			 date;
	int			 answered;	/* else newly overdue */
};

static int
change_cmp(const void *a, const void *b)
{
	const struct change	*x = a, *y = b;

	if (x->date != y->date)
		return x->date > y->date ? -1 : 1;
	return strcmp(x->r->uid, y->r->uid);
}

static void
atom_time(xmlTextWriterPtr w, const char *name, int day)
{
	char	d[DATE_ISO_LEN], t[32];

	snprintf(t, sizeof(t), "%sT00:00:00Z", date_iso(day, d));
	xmlTextWriterWriteElement(w, BAD_CAST name, BAD_CAST t);
}

static void
atom_link(xmlTextWriterPtr w, const char *rel, const char *type,
    const char *href)
{
	xmlTextWriterStartElement(w, BAD_CAST "link");
	xmlTextWriterWriteAttribute(w, BAD_CAST "rel", BAD_CAST rel);
	if (type != NULL)
		xmlTextWriterWriteAttribute(w, BAD_CAST "type", BAD_CAST type);
	xmlTextWriterWriteAttribute(w, BAD_CAST "href", BAD_CAST href);
	xmlTextWriterEndElement(w);
}

static void
atom_entry(xmlTextWriterPtr w, const struct site_settings *ss,
    const struct change *c)
{
	struct buf	 t;
	char		 qp[128], d[DATE_ISO_LEN], *url, *id;

	if (!pages_question_path(c->r->uid, qp, sizeof(qp)))
		return;
	url = xasprintf("%s/%s", ss->feed->base_url, qp);
	id = xasprintf("%s#%s-%s", url, c->answered ? "answered" : "overdue",
	    date_iso(c->date, d));
	buf_init(&t);
	buf_printf(&t, c->answered ? _("%s answered: %s") :
	    _("%s overdue: %s"), c->r->num, c->r->title != NULL ?
	    c->r->title : "");
	xmlTextWriterStartElement(w, BAD_CAST "entry");
	xmlTextWriterWriteElement(w, BAD_CAST "id", BAD_CAST id);
	xmlTextWriterWriteElement(w, BAD_CAST "title", BAD_CAST t.data);
	atom_time(w, "updated", c->date);
	atom_link(w, "alternate", "text/html", url);
	buf_reset(&t);
	status_text(&t, &c->r->st, c->r->answered);
	buf_printf(&t, " · %s · %s", c->r->author != NULL ? c->r->author : "",
	    c->r->ministry != NULL ? c->r->ministry : "");
	xmlTextWriterWriteElement(w, BAD_CAST "summary", BAD_CAST t.data);
	xmlTextWriterEndElement(w);
	buf_free(&t);
	free(id);
	free(url);
}

#define ATOM_ENTRIES	50

/*
 * The Atom feed (RFC 4287) of a page: its questions' answers published
 * and deadlines passed without one, newest first, at most ATOM_ENTRIES.
 */
static void
atom_feed(struct lists *l, const struct site_settings *ss, const char *path,
    const char *title, const size_t *idx, size_t n, struct site *site)
{
	struct change		*ch = xcalloc(2 * n + 1, sizeof(*ch));
	struct site_file	*f;
	xmlBufferPtr		 xb;
	xmlTextWriterPtr	 w;
	size_t			 i, nch = 0, plen = strlen(path);
	char			*self, *page;

	for (i = 0; i < n; i++) {
		const struct prow	*r = &l->rows[idx[i]];

		if (r->answered != DATE_NONE && r->answered <= l->asof)
			ch[nch++] = (struct change){ r, r->answered, 1 };
		if (r->st.deadline != DATE_NONE && r->st.deadline < l->asof &&
		    (r->st.status == QS_OVERDUE ||
		    r->st.status == QS_ANSWERED_LATE))
			ch[nch++] = (struct change){ r, r->st.deadline + 1, 0 };
	}
	qsort(ch, nch, sizeof(*ch), change_cmp);
	/* Once; and pages_cleanup frees only what an initialised parser
	 * made. */
	xmlInitParser();
	xb = xmlBufferCreate();
	w = xmlNewTextWriterMemory(xb, 0);
	self = xasprintf("%s/%s", ss->feed->base_url, path);
	page = xasprintf("%s/%.*s.html", ss->feed->base_url, (int)(plen - 5),
	    path);
	xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL);
	xmlTextWriterStartElementNS(w, NULL, BAD_CAST "feed",
	    BAD_CAST "http://www.w3.org/2005/Atom");
	xmlTextWriterWriteAttribute(w, BAD_CAST "xml:lang",
	    BAD_CAST (i18n_french() ? "fr" : "en"));
	xmlTextWriterWriteElement(w, BAD_CAST "id", BAD_CAST self);
	xmlTextWriterWriteElement(w, BAD_CAST "title", BAD_CAST title);
	xmlTextWriterWriteElement(w, BAD_CAST "subtitle", BAD_CAST _("Answers "
	    "published and deadlines passed without one"));
	atom_time(w, "updated", nch > 0 ? ch[0].date : l->asof);
	atom_link(w, "self", "application/atom+xml", self);
	atom_link(w, "alternate", "text/html", page);
	xmlTextWriterStartElement(w, BAD_CAST "author");
	xmlTextWriterWriteElement(w, BAD_CAST "name", BAD_CAST "qetracker");
	xmlTextWriterEndElement(w);
	for (i = 0; i < nch && i < ATOM_ENTRIES; i++)
		atom_entry(w, ss, &ch[i]);
	xmlTextWriterEndDocument(w);
	xmlFreeTextWriter(w);
	f = site_add(site);
	f->path = xstrdup(path);
	f->type = "application/atom+xml";
	f->len = (size_t)xmlBufferLength(xb);
	f->body = xstrndup((const char *)xmlBufferContent(xb), f->len);
	site_made(site);
	xmlBufferFree(xb);
	free(self);
	free(page);
	free(ch);
}

/* One page of a member, group or ministry. */
static void
list_page(struct lists *l, const struct site_settings *ss, const struct dkey *p,
    size_t *idx, size_t n, struct site *site)
{
	struct site_file	*f;
	struct buf		 b;
	const char		*title = p->title != NULL ? p->title : p->id;
	const char		*what;
	char			*ics, *atom, *atom_rel;
	size_t			 plen = strlen(p->page);

	sort_rows = l->rows;
	qsort(idx, n, sizeof(*idx), row_cmp);
	if (p->kind == 0) {
		const struct assembly	*a = assembly_find(
					    l->rows[idx[0]].assembly);

		/* Député or Députée, by the civility of the name. */
		what = assembly_member(a != NULL ? a : assembly_default(),
		    title);
	} else
		what = p->kind == 1 ? _("Political group") : _("Ministry");
	atom = xasprintf("%.*s.atom", (int)(plen - 5), p->page);
	atom_rel = strrchr(atom, '/') != NULL ? strrchr(atom, '/') + 1 : atom;
	buf_init(&b);
	pages_open_feed(&b, title, "../", NULL, atom_rel);
	buf_adds(&b, "<h1>");
	buf_add_html(&b, title);
	buf_adds(&b, "</h1>\n<p>");
	buf_add_html(&b, what);
	buf_adds(&b, " · <a href=\"");
	buf_add_html(&b, atom_rel);
	buf_adds(&b, "\">");
	buf_add_html(&b, _("Follow the answers (Atom feed)"));
	buf_adds(&b, "</a></p>\n");
	figures(&b, l->rows, idx, n);
	ics = xasprintf("%.*s.ics", (int)(plen - 5), p->page);
	subscribe(&b, ss, ics, title);
	buf_printf(&b, "<h2>%s</h2>\n", ngettext("Their question",
	    "Their questions", n));
	rows_table(&b, l->rows, idx, n, p->kind != 0);
	pages_close(&b, l->asof);
	f = site_add(site);
	f->path = xstrdup(p->page);
	f->type = "text/html; charset=utf-8";
	f->len = b.len;
	f->body = buf_steal(&b);
	site_made(site);
	atom_feed(l, ss, atom, title, idx, n, site);
	free(atom);
	free(ics);
}

int
pages_lists(struct store *st, const struct site_settings *ss, int asof,
    struct site *site, struct error *err)
{
	struct lists	 l;
	size_t		*idx, i, j, n;
	int		 rc = -1;

	memset(&l, 0, sizeof(l));
	l.st = st;
	l.asof = asof;
	/* Every string kept is copied: the lean scan's lent texts do. */
	if (store_scan_questions(st, 0, SCAN_ORDERED, collect_row, &l,
	    err) == -1)
		goto out;
	if (resolve(&l, err) == -1)
		goto out;
	idx = xcalloc(l.nrows + 1, sizeof(*idx));
	for (i = 0; i < l.nkeys && l.dk[l.keys[i].dk].page != NULL; i = j) {
		const char	*page = l.dk[l.keys[i].dk].page, *pj;

		n = 0;
		for (j = i; j < l.nkeys && (pj = l.dk[l.keys[j].dk].page) !=
		    NULL && strcmp(pj, page) == 0; j++)
			if (n == 0 || idx[n - 1] != l.keys[j].row)
				idx[n++] = l.keys[j].row;
		list_page(&l, ss, &l.dk[l.keys[i].dk], idx, n, site);
	}
	free(idx);
	rc = 0;
out:
	for (i = 0; i < l.ndk; i++) {
		free(l.dk[i].id);
		free(l.dk[i].keys[0]);
		free(l.dk[i].keys[1]);
		free(l.dk[i].page);
		free(l.dk[i].title);
	}
	free(l.dk);
	free(l.slot);
	free(l.keys);
	for (i = 0; i < l.nrows; i++)
		prow_free(&l.rows[i]);
	free(l.rows);
	return rc;
}

/* The questions' uids, sorted, with their rows. */
struct pages_index {
	struct { char *uid; long id; } *v;
	size_t	n;
};

static int
index_one(const struct question *q, void *arg)
{
	struct pages_index	*x = arg;
	char			 uid[64];

	question_uid(q, uid, sizeof(uid));
	if ((x->n & (x->n - 1)) == 0)
		x->v = xrealloc(x->v, (x->n ? x->n * 2 : 1) * sizeof(*x->v));
	x->v[x->n].uid = xstrdup(uid);
	x->v[x->n].id = q->id;
	x->n++;
	return 0;
}

static int
uid_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

struct pages_index *
pages_index_build(struct store *st, struct error *err)
{
	struct pages_index	*x = xcalloc(1, sizeof(*x));

	if (store_each_question(st, 0, index_one, x, err) == -1) {
		pages_index_free(x);
		return NULL;
	}
	if (x->n > 0)
		qsort(x->v, x->n, sizeof(*x->v), uid_cmp);
	return x;
}

long
pages_index_find(const struct pages_index *x, const char *uid)
{
	size_t	lo = 0, hi = x != NULL ? x->n : 0, mid;
	int	c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if ((c = strcmp(uid, x->v[mid].uid)) == 0)
			return x->v[mid].id;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return 0;
}

size_t
pages_index_count(const struct pages_index *x)
{
	return x != NULL ? x->n : 0;
}

void
pages_index_free(struct pages_index *x)
{
	size_t	i;

	if (x == NULL)
		return;
	for (i = 0; i < x->n; i++)
		free(x->v[i].uid);
	free(x->v);
	free(x);
}

static void
fact(struct buf *b, const char *label)
{
	buf_adds(b, "<dt>");
	buf_add_html(b, label);
	buf_adds(b, "</dt><dd>");
}

static void
step_html(int date, const char *what, void *arg)
{
	struct buf	*b = arg;
	char		 d[64];

	buf_adds(b, "<li>");
	if (date != DATE_NONE) {
		buf_printf(b, "<time datetime=\"%s\">", date_iso(date, d));
		buf_add_html(b, i18n_date(date, d, sizeof(d)));
		buf_adds(b, "</time>");
	} else
		buf_add_html(b, _("(no date)"));
	buf_adds(b, " — ");
	buf_add_html(b, what);
	buf_adds(b, "</li>\n");
}

/* The facts and links of a question's page. */
static int
question_facts(struct store *st, const struct fpaths *m,
    const struct question *q, struct buf *b, struct error *err)
{
	char	*page[NKINDS], *url = question_url(q), d[64];
	size_t	 i;

	for (i = 0; i < NKINDS; i++)
		if ((page[i] = feed_page(st, m, q, kinds[i], err)) == NULL &&
		    err->status != 0) {
			while (i-- > 0)
				free(page[i]);
			free(url);
			return -1;
		}
	buf_adds(b, "<dl class=\"facts\">\n");
	fact(b, _("Author"));
	link_or_text(b, "../", page[0], q->author_name != NULL ?
	    q->author_name : q->author_ref);
	if (q->group_abbrev != NULL || q->group_name != NULL) {
		buf_adds(b, " (");
		link_or_text(b, "../", page[1], q->group_abbrev != NULL ?
		    q->group_abbrev : q->group_name);
		buf_adds(b, ")");
	}
	buf_adds(b, "</dd>\n");
	if (q->ministry_asked != NULL) {
		fact(b, _("Asked of"));
		buf_add_html(b, q->ministry_asked);
		buf_adds(b, "</dd>\n");
	}
	fact(b, _("Ministry in charge"));
	link_or_text(b, "../", page[2], q->ministry != NULL ? q->ministry :
	    "—");
	buf_adds(b, "</dd>\n");
	if (q->rubric != NULL) {
		fact(b, _("Rubric"));
		buf_add_html(b, q->rubric);
		buf_adds(b, "</dd>\n");
	}
	if (q->published != DATE_NONE) {
		fact(b, _("Published in the JO"));
		buf_add_html(b, i18n_date(q->published, d, sizeof(d)));
		buf_adds(b, "</dd>\n");
	}
	if (q->answered != DATE_NONE) {
		fact(b, _("Answer in the JO"));
		buf_add_html(b, i18n_date(q->answered, d, sizeof(d)));
		buf_adds(b, "</dd>\n");
	}
	if (url != NULL) {
		fact(b, _("Official page"));
		buf_adds(b, "<a rel=\"external\" href=\"");
		buf_add_html(b, url);
		buf_adds(b, "\">");
		buf_add_html(b, url);
		buf_adds(b, "</a></dd>\n");
	}
	buf_adds(b, "</dl>\n");
	for (i = 0; i < NKINDS; i++)
		free(page[i]);
	free(url);
	return 0;
}

static void
question_html(int asof, const struct question *q, struct buf *b)
{
	struct qstate	 st;
	char		 num[64];

	rules_state(q, asof, &st);
	question_label(q, num, sizeof(num));
	buf_adds(b, "<h1>");
	buf_add_html(b, _("Written question"));
	buf_adds(b, " ");
	buf_add_html(b, num);
	buf_adds(b, "</h1>\n");
	if (q->title != NULL) {
		buf_adds(b, "<p class=\"subject\"><b>");
		buf_add_html(b, q->title);
		buf_adds(b, "</b></p>\n");
	}
	buf_printf(b, "<p class=\"status %s\">", status_class(st.status));
	status_text(b, &st, q->answered);
	if (st.deadline != DATE_NONE && (st.status == QS_OPEN ||
	    st.status == QS_OVERDUE)) {
		char	d[64];

		buf_adds(b, " · ");
		buf_printf(b, _("deadline %s"), i18n_date(st.deadline, d,
		    sizeof(d)));
	}
	buf_adds(b, "</p>\n");
}

/*
 * Whether a question's page says the date it is as of: while its status
 * moves with the days (due in, overdue by). Once answered, withdrawn,
 * lapsed or closed, nothing on it depends on the date (rules_explain
 * names it only for the states here), so the page stays the same, byte
 * for byte, day after day: a web server keeps its ETag and the export
 * its file.
 */
static int
page_dated(const struct qstate *st)
{
	return st->status == QS_OPEN || st->status == QS_OVERDUE ||
	    st->status == QS_UNPUBLISHED;
}

static int
question_page(struct store *st, const struct fpaths *m,
    const struct site_settings *ss, int asof, long id, struct buf *b,
    struct error *err)
{
	struct question	 q;
	struct qstate	 qs;
	struct buf	 why;
	char		 title[160], num[64];
	int		 found;

	if ((found = store_get_by_id(st, id, 1, &q, err)) <= 0)
		return found;
	if (store_get_texts(st, &q, err) == -1) {
		question_clear(&q);
		return -1;
	}
	snprintf(title, sizeof(title), "%s %s", _("Question"),
	    question_label(&q, num, sizeof(num)));
	pages_open(b, title, "../", NULL);
	question_html(asof, &q, b);
	if (question_facts(st, m, &q, b, err) == -1) {
		question_clear(&q);
		return -1;
	}
	buf_printf(b, "<h2>%s</h2>\n<p>", _("How the deadline is computed"));
	buf_init(&why);
	rules_explain(ss->rules, &q, asof, &why);
	buf_add_html(b, why.data != NULL ? why.data : "");
	buf_free(&why);
	buf_printf(b, "</p>\n<h2>%s</h2>\n<ol class=\"timeline\">\n",
	    _("Timeline"));
	rules_timeline(&q, step_html, b);
	buf_adds(b, "</ol>\n");
	if (q.text != NULL || q.excerpt != NULL) {
		buf_printf(b, "<h2>%s</h2>\n<p class=\"text\">",
		    _("The question"));
		buf_add_html(b, q.text != NULL ? q.text : q.excerpt);
		buf_adds(b, "</p>\n");
	}
	if (q.answer_text != NULL || q.answer_excerpt != NULL) {
		buf_printf(b, "<h2>%s</h2>\n<p class=\"text\">",
		    _("The answer"));
		buf_add_html(b, q.answer_text != NULL ? q.answer_text :
		    q.answer_excerpt);
		buf_adds(b, "</p>\n");
	}
	rules_state(&q, asof, &qs);
	pages_close(b, page_dated(&qs) ? asof : DATE_NONE);
	question_clear(&q);
	return 1;
}

int
pages_question(struct store *st, const struct site_settings *ss, int asof,
    long id, struct buf *b, struct error *err)
{
	return question_page(st, NULL, ss, asof, id, b, err);
}

static uint64_t
key_str(uint64_t h, const char *s)
{
	/* NULL and "" differ; 0xff ends a string. */
	if (s == NULL)
		return util_hash64_add(h, "\xfe", 1);
	return util_hash64_add(util_hash64_add(h, s, strlen(s)), "\xff", 1);
}

static uint64_t
key_int(uint64_t h, long v)
{
	int64_t	w = v;

	return util_hash64_add(h, &w, sizeof(w));
}

/*
 * What a question's page is made of, as one number: the stored hash
 * (the source's fields, the whole texts, the events), every column as
 * read (names, computed dates and steps), its state on the day, the day
 * itself when the page shows it, and its feeds' pages. The page is a
 * function of these and of what pages_each_question's caller adds (the
 * program, its settings, the language).
 */
static uint64_t
page_key(const struct question *q, const struct fpaths *m, int asof)
{
	struct qstate	 qs;
	struct feed_event e;
	struct feed_keys k;
	const char	*found;
	uint64_t	 h = UTIL_HASH64_BASIS;
	size_t		 i, j;

	h = util_hash64_add(h, &q->hash, sizeof(q->hash));
	h = key_int(h, q->id);
	h = key_str(h, q->assembly);
	h = key_str(h, q->type);
	h = key_int(h, q->legislature);
	h = key_int(h, q->number);
	h = key_int(h, q->closure);
	h = key_str(h, q->rule);
	for (i = 0; i < question_ntexts; i++)
		h = key_str(h, *(char *const *)((const char *)q +
		    question_texts[i].off));
	for (i = 0; i < question_ndates; i++)
		h = key_int(h, *(const int *)((const char *)q +
		    question_dates[i].off));
	rules_state(q, asof, &qs);
	h = key_int(h, qs.status);
	h = key_int(h, qs.deadline);
	h = key_int(h, qs.days_overdue);
	h = key_int(h, qs.days_left);
	h = key_int(h, qs.days_late);
	h = key_int(h, qs.signal_overdue);
	h = key_int(h, qs.closed);
	h = key_int(h, qs.counted_from);
	h = key_int(h, q->signaled != DATE_NONE && q->signaled <= asof);
	h = key_int(h, page_dated(&qs) ? asof : DATE_NONE);
	memset(&e, 0, sizeof(e));
	feed_event_keys(&e, q);
	for (i = 0; i < NKINDS; i++) {
		found = NULL;
		if (feed_keys_get(&e, kinds[i], &k)) {
			for (j = 0; j < 2 && found == NULL; j++)
				if (k.keys[j] != NULL)
					found = fpaths_find(m, kinds[i],
					    k.keys[j]);
			feed_keys_free(&k);
		}
		h = key_str(h, found);
	}
	feed_event_clear(&e);
	return h;
}

struct each_ctx {
	const struct fpaths	*m;
	int			 asof;
	long			*ids;
	char			**paths;
	uint64_t		*keys;
	size_t			 n;
};

static int
each_id(const struct question *q, void *arg)
{
	struct each_ctx	*c = arg;
	char		 uid[64], path[128];

	question_uid(q, uid, sizeof(uid));
	if (!pages_question_path(uid, path, sizeof(path)))
		return 0;
	if ((c->n & (c->n - 1)) == 0) {
		c->ids = xrealloc(c->ids, (c->n ? c->n * 2 : 1) *
		    sizeof(*c->ids));
		c->paths = xrealloc(c->paths, (c->n ? c->n * 2 : 1) *
		    sizeof(*c->paths));
		c->keys = xrealloc(c->keys, (c->n ? c->n * 2 : 1) *
		    sizeof(*c->keys));
	}
	c->ids[c->n] = q->id;
	c->paths[c->n] = xstrdup(path);
	c->keys[c->n++] = page_key(q, c->m, c->asof);
	return 0;
}

int
pages_each_question(struct store *st, const struct site_settings *ss, int asof,
    pages_keep_cb keep, pages_cb cb, void *arg, struct error *err)
{
	struct each_ctx	 c;
	struct fpaths	 m;
	struct buf	 b;
	size_t		 i;
	int		 rc = 0;

	memset(&c, 0, sizeof(c));
	if (fpaths_load(st, &m, err) == -1)
		return -1;
	c.m = &m;
	c.asof = asof;
	if (store_scan_questions(st, 0, SCAN_ORDERED | SCAN_EXCERPTS |
	    SCAN_KEYS, each_id, &c, err) == -1)
		rc = -1;
	buf_init(&b);
	for (i = 0; i < c.n && rc == 0; i++) {
		if ((rc = keep(c.paths[i], c.keys[i], arg)) != 0) {
			rc = rc == 1 ? 0 : rc;
			continue;
		}
		buf_reset(&b);
		if ((rc = question_page(st, &m, ss, asof, c.ids[i], &b,
		    err)) == 1)
			rc = cb(c.paths[i], b.data, b.len, c.keys[i], arg);
	}
	buf_free(&b);
	for (i = 0; i < c.n; i++)
		free(c.paths[i]);
	free(c.paths);
	free(c.ids);
	free(c.keys);
	fpaths_free(&m);
	return rc;
}

static int	search_page(struct store *, const struct site_settings *,
		    int, const char *, const struct filter *, size_t,
		    struct buf *, struct error *);

/* The hits, their count and the rows of the page: one snapshot. */
int
pages_search(struct store *st, const struct site_settings *ss, int asof,
    const char *words, const struct filter *f, size_t page, struct buf *b,
    struct error *err)
{
	int	snap, rc;

	if ((snap = store_read_begin(st, err)) == -1)
		return -1;
	rc = search_page(st, ss, asof, words, f, page, b, err);
	store_read_end(st, snap);
	return rc;
}

static int
search_page(struct store *st, const struct site_settings *ss, int asof,
    const char *words, const struct filter *f, size_t page, struct buf *b,
    struct error *err)
{
	struct search_result	 res;
	struct question		 q;
	struct qstate		 qs;
	struct error		 why;
	char			 qp[128], uid[64], num[64];
	size_t			 i, pages;
	int			 status = 200;

	(void)ss;
	memset(&res, 0, sizeof(res));
	pages_open(b, words != NULL && words[0] != '\0' ? words :
	    _("Search"), "", words);
	buf_printf(b, "<h1>%s</h1>\n", _("Search the questions"));
	if (words == NULL || words[0] == '\0') {
		buf_adds(b, "<p>");
		buf_add_html(b, _("Words of a subject, a text or an answer; "
		    "\"words in quotes\" for a phrase, a word ending in * for "
		    "a prefix, -word for a word that must not appear."));
		buf_adds(b, "</p>\n");
		pages_close(b, asof);
		return 200;
	}
	if (page == 0)
		page = 1;
	error_clear(&why);
	if (search_run(st, words, f, asof, (page - 1) * PAGES_PER_SEARCH,
	    PAGES_PER_SEARCH, &res, &why) == -1) {
		if (why.status != EXIT_USAGE) {
			*err = why;
			return -1;
		}
		buf_adds(b, "<p role=\"alert\">");
		/* The message names the limit; the words are the user's. */
		buf_add_html(b, why.msg);
		buf_adds(b, "</p>\n");
		pages_close(b, asof);
		return 400;
	}
	buf_adds(b, "<p>");
	buf_printf(b, ngettext("%zu question matches", "%zu questions match",
	    res.total), res.total);
	buf_adds(b, " « ");
	buf_add_html(b, words);
	buf_adds(b, " ».");
	if (res.newest) {
		buf_adds(b, " ");
		buf_printf(b, _("More than %d questions have these words: the "
		    "last recorded come first, not the best; more words narrow "
		    "them."), SEARCH_RANK_MAX);
	}
	buf_adds(b, "</p>\n<ul class=\"hits\">\n");
	for (i = 0; i < res.n; i++) {
		if (store_get_by_id(st, res.v[i].id, 0, &q, err) != 1) {
			search_result_free(&res);
			return -1;
		}
		rules_state(&q, asof, &qs);
		question_uid(&q, uid, sizeof(uid));
		question_label(&q, num, sizeof(num));
		buf_adds(b, "<li><a href=\"");
		if (pages_question_path(uid, qp, sizeof(qp)))
			buf_add_html(b, qp);
		buf_adds(b, "\"><b>");
		buf_add_html(b, num);
		buf_adds(b, "</b> ");
		buf_add_html(b, q.title != NULL ? q.title : q.rubric != NULL ?
		    q.rubric : "");
		buf_printf(b, "</a><br><span class=\"%s\">",
		    status_class(qs.status));
		status_text(b, &qs, q.answered);
		buf_adds(b, "</span> · ");
		buf_add_html(b, q.author_name != NULL ? q.author_name :
		    q.author_ref != NULL ? q.author_ref : "");
		buf_adds(b, " · ");
		buf_add_html(b, q.ministry != NULL ? q.ministry : "");
		buf_adds(b, "<br><small>");
		search_snippet_html(b, res.v[i].snippet);
		buf_adds(b, "</small></li>\n");
		question_clear(&q);
	}
	buf_adds(b, "</ul>\n");
	pages = (res.total + PAGES_PER_SEARCH - 1) / PAGES_PER_SEARCH;
	if (pages > 1) {
		char	*w = curl_easy_escape(NULL, words, 0);

		buf_printf(b, "<nav aria-label=\"%s\"><p>", _("Pages"));
		if (page > 1)
			buf_printf(b, "<a rel=\"prev\" href=\"search?q=%s&amp;"
			    "page=%zu\">%s</a> ", w, page - 1, _("Previous"));
		buf_printf(b, _("Page %zu of %zu"), page, pages);
		if (page < pages)
			buf_printf(b, " <a rel=\"next\" href=\"search?q=%s&amp;"
			    "page=%zu\">%s</a>", w, page + 1, _("Next"));
		buf_adds(b, "</p></nav>\n");
		curl_free(w);
	}
	search_result_free(&res);
	pages_close(b, asof);
	return status;
}

void
pages_cleanup(void)
{
	/* The encoding handlers the Atom writer (or a page parser) made. */
	xmlCleanupParser();
}
