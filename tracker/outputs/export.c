/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * export.c: the static export of every feed.
 *
 * The new set is written into a sibling folder, then exchanged with the
 * old one by renameat2(RENAME_EXCHANGE), one atomic step: a web server
 * serving the folder sees the old set or the new one, never a mix. Where
 * the filesystem cannot exchange, the old folder is renamed away and the
 * new one renamed in (two steps, a moment without the folder, never a
 * mix). On any failure the new folder is removed and the old one stays.
 *
 * A file whose bytes are those of the old set's is not written again but
 * hard-linked from it: it keeps its inode and mtime, so a web server's
 * ETag and Last-Modified stay and a calendar that asks again gets a 304.
 */
#define _GNU_SOURCE
#include "export.h"

#include <errno.h>
#include <fcntl.h>
#include <dirent.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "assembly.h"
#include "date.h"
#include "error.h"
#include "feed.h"
#include "filter.h"
#include "http.h"
#include "i18n.h"
#include "log.h"
#include "pages.h"
#include "question.h"
#include "report.h"
#include "rules.h"
#include "store.h"
#include "util.h"

/* One feed of the export: its path and the events it holds. */
struct xfeed {
	char	*path;		/* relative: "group/lfi-nfp.ics" */
	char	*title;		/* human name */
	char	*kind;		/* "all", "author", "group", ... */
	size_t	*idx;
	size_t	 n;
};

struct xset {
	struct xfeed	*v;
	size_t		 n;
};

static void
xset_free(struct xset *x)
{
	size_t	i;

	for (i = 0; i < x->n; i++) {
		free(x->v[i].path);
		free(x->v[i].title);
		free(x->v[i].kind);
		free(x->v[i].idx);
	}
	free(x->v);
}

static struct xfeed *
xfeed_new(struct xset *x, const char *kind, char *path, char *title)
{
	struct xfeed	*f;

	x->v = xrealloc(x->v, (x->n + 1) * sizeof(*x->v));
	f = &x->v[x->n++];
	f->kind = xstrdup(kind);
	f->path = path;
	f->title = title;
	f->idx = NULL;
	f->n = 0;
	return f;
}

static void
xfeed_add(struct xfeed *f, size_t i)
{
	if ((f->n & (f->n - 1)) == 0)	/* grow at powers of two */
		f->idx = xrealloc(f->idx, (f->n ? f->n * 2 : 1) *
		    sizeof(*f->idx));
	f->idx[f->n++] = i;
}

struct placed {
	const char	*key;		/* the keys, then the path */
	char		*path;
	const char	*title;
	size_t		 i;
};

static int
placed_key_cmp(const void *a, const void *b)
{
	const struct placed	*x = a, *y = b;
	int			 c = strcmp(x->key, y->key);

	return c != 0 ? c : x->i < y->i ? -1 : x->i > y->i;
}

static int
placed_path_cmp(const void *a, const void *b)
{
	const struct placed	*x = a, *y = b;
	int			 c = strcmp(x->path, y->path);

	return c != 0 ? c : x->i < y->i ? -1 : x->i > y->i;
}

/* The path of each distinct set of keys, from the store. */
static int
place(struct store *st, const char *kind, struct placed *p,
    struct feed_keys *k, size_t n, struct error *err)
{
	size_t	i, j;
	int	created;

	for (i = 0; i < n; i = j) {
		struct feed_keys	*fk = &k[p[i].i];

		p[i].path = store_site_path(st, kind, fk->keys, 2, fk->want,
		    fk->title, &created, err);
		if (p[i].path == NULL)
			return -1;
		if (created && fk->keys[1] == NULL &&
		    !feed_name_safe(fk->keys[0]))
			log_warnx("%s \"%.80s\": not a safe file name, its "
			    "feed is %s", kind, fk->keys[0], p[i].path);
		for (j = i + 1; j < n && strcmp(p[j].key, p[i].key) == 0; j++)
			p[j].path = xstrdup(p[i].path);
	}
	return 0;
}

struct known_ctx {
	struct xset	*x;
	const char	*kind;
	size_t		 first;		/* the kind's first feed */
	size_t		 last;
};

/* A feed published once stays, empty when it has no event now. */
static int
known_one(const char *path, const char *title, void *arg)
{
	struct known_ctx	*c = arg;
	size_t			 i;

	for (i = c->first; i < c->last; i++)
		if (strcmp(c->x->v[i].path, path) == 0)
			return 0;
	xfeed_new(c->x, c->kind, xstrdup(path), xstrdup(title ? title :
	    path));
	return 0;
}

/* The feeds of one kind: one per path, the events in deadline order. */
static int
plan_kind(struct store *st, struct xset *x, const struct feed_set *set,
    const char *kind, struct error *err)
{
	struct feed_keys		*k = xcalloc(set->n + 1, sizeof(*k));
	struct placed		*p = xcalloc(set->n + 1, sizeof(*p));
	struct known_ctx	 kc = { x, kind, x->n, 0 };
	struct xfeed		*f = NULL;
	size_t			 i, n = 0;
	int			 rc = -1;

	for (i = 0; i < set->n; i++)
		if (feed_keys_get(&set->ev[i], kind, &k[i])) {
			p[n].key = k[i].id;
			p[n].i = i;
			n++;
		}
	qsort(p, n, sizeof(*p), placed_key_cmp);
	if (place(st, kind, p, k, n, err) == -1)
		goto out;
	qsort(p, n, sizeof(*p), placed_path_cmp);
	for (i = 0; i < n; i++) {
		if (f == NULL || strcmp(p[i].path, p[i - 1].path) != 0)
			f = xfeed_new(x, kind, xstrdup(p[i].path),
			    xstrdup(k[p[i].i].title));
		xfeed_add(f, p[i].i);
	}
	kc.last = x->n;
	rc = store_site_each(st, kind, known_one, &kc, err);
out:
	for (i = 0; i < n; i++)
		free(p[i].path);
	for (i = 0; i < set->n; i++)
		feed_keys_free(&k[i]);
	free(p);
	free(k);
	return rc;
}

struct watch_ctx {
	struct xset		*x;
	const struct feed_set	*set;
	struct xfeed		*cur;
	char			*cur_name;
};

static int
watch_one(const char *name, const char *token, const struct question *q,
    void *arg)
{
	struct watch_ctx	*w = arg;
	char			 uid[64];
	size_t			 i;

	if (w->cur_name == NULL || strcmp(w->cur_name, name) != 0) {
		free(w->cur_name);
		w->cur_name = xstrdup(name);
		w->cur = NULL;
		/* Our own tokens are hex; anything else never becomes a
		 * path. */
		if (!feed_name_safe(token)) {
			log_warnx("watchlist \"%.80s\": its token is not a "
			    "safe file name; no feed", name);
			return 0;
		}
		w->cur = xfeed_new(w->x, "w", xasprintf("w/%s.ics", token),
		    xstrdup(name));
	}
	if (q == NULL || w->cur == NULL)
		return 0;
	question_uid(q, uid, sizeof(uid));
	for (i = 0; i < w->set->n; i++)
		if (strcmp(w->set->ev[i].qid, uid) == 0)
			xfeed_add(w->cur, i);
	return 0;
}

static int
plan(struct store *st, const struct feed_set *set, struct xset *x,
    int asof, int window, struct error *err)
{
	static const char *const kinds[] = { "author", "group", "ministry" };
	struct watch_ctx	w = { x, set, NULL, NULL };
	struct xfeed		*all;
	size_t			i;
	int			rc;

	all = xfeed_new(x, "all", xstrdup("all.ics"),
	    xstrdup(_("All questions")));
	/* all.ics within its window: a calendar takes a feed of every
	 * deadline ever passed badly (tens of MB); the others keep all. */
	for (i = 0; i < set->n; i++)
		if (window == 0 || set->ev[i].date >= asof - window)
			xfeed_add(all, i);
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (plan_kind(st, x, set, kinds[i], err) == -1)
			return -1;
	rc = store_watch_each(st, watch_one, &w, err);
	free(w.cur_name);
	return rc;
}

/* What a feed's kind is called; an author's, by the chamber of its first
 * question: deputy or senator. */
static const char *
kind_title(const struct xfeed *f, const struct feed_set *set)
{
	const char		*kind = f->kind;
	const struct assembly	*a;

	if (strcmp(kind, "author") == 0) {
		if (f->n == 0 || (a = assembly_find(
		    set->ev[f->idx[0]].assembly)) == NULL)
			a = assembly_default();
		return assembly_member(a, f->title);
	}
	if (strcmp(kind, "group") == 0)
		return _("Group");
	if (strcmp(kind, "ministry") == 0)
		return _("Ministry");
	if (strcmp(kind, "w") == 0)
		return _("Watchlist");
	return _("All");
}

/*
 * The export is for a web server, whatever the umask (UMask=0077 in the
 * units keeps the database private): files are 0644 and folders 0755, but
 * for the watchlists' folder, 0711, whose feeds are found by their secret
 * names only, never by listing it.
 */
#define EXPORT_FILE_MODE	0644
#define EXPORT_DIR_MODE		0755
#define EXPORT_SECRET_MODE	0711

static int
make_dir(const char *path, const char *rel, struct error *err)
{
	mode_t	mode = strcmp(rel, "w") == 0 ? EXPORT_SECRET_MODE :
		    EXPORT_DIR_MODE;

	if (mkdir(path, mode) == -1) {
		if (errno == EEXIST)
			return 0;
		return error_set(err, EXIT_CANTCREAT, "%s: %s", path,
		    error_errno(errno));
	}
	if (chmod(path, mode) == -1)
		return error_set(err, EXIT_CANTCREAT, "%s: %s", path,
		    error_errno(errno));
	return 0;
}

/* Opens root/rel for writing, creating its folder. */
static FILE *
open_file(const char *root, const char *rel, char **path, struct error *err)
{
	char	*slash, *folder;
	FILE	*fp;

	*path = xasprintf("%s/%s", root, rel);
	slash = strrchr(*path, '/');
	*slash = '\0';
	/* The folder, relative to the root: "" for the root's own files. */
	folder = *path + strlen(root);
	if (*folder == '/')
		folder++;
	if (make_dir(*path, folder, err) == -1)
		return NULL;
	*slash = '/';
	if ((fp = fopen(*path, "w")) == NULL) {
		error_set(err, EXIT_CANTCREAT, "%s: %s", *path,
		    error_errno(errno));
		return NULL;
	}
	if (fchmod(fileno(fp), EXPORT_FILE_MODE) == -1) {
		error_set(err, EXIT_CANTCREAT, "%s: %s", *path,
		    error_errno(errno));
		fclose(fp);
		return NULL;
	}
	return fp;
}

static int
close_file(FILE *fp, const char *path, int ok, struct error *err)
{
	if ((fclose(fp) != 0 || !ok) && err->status == 0)
		return error_set(err, EXIT_IOERR, "%s: %s", path,
		    error_errno(errno));
	return ok ? 0 : -1;
}

/*
 * Whether old/rel is a regular file of ours (mode EXPORT_FILE_MODE, never
 * through a link) holding exactly data, or with gz, a gzip of exactly
 * data (which is smaller: only such .gz are written); its identity into
 * *was.
 */
static int
same_file(const char *old, const char *rel, const char *data, size_t len,
    int gz, struct stat *was)
{
	struct stat	 sb;
	char		*path = xasprintf("%s/%s", old, rel), *buf = NULL;
	size_t		 got = 0, want;
	ssize_t		 r = 0;
	int		 fd, same = 0;

	fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	free(path);
	if (fd == -1)
		return 0;
	if (fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) &&
	    (sb.st_mode & 07777) == EXPORT_FILE_MODE &&
	    (gz ? (size_t)sb.st_size < len : (size_t)sb.st_size == len)) {
		/* One byte more than expected: a file that grew is not the
		 * same. */
		want = (size_t)sb.st_size;
		buf = xmalloc(want + 1);
		while (got < want + 1 && (r = read(fd, buf + got, want + 1 -
		    got)) > 0)
			got += (size_t)r;
		same = r >= 0 && got == want && (gz ?
		    http_gunzip_same(buf, got, data, len) :
		    memcmp(buf, data, len) == 0);
		free(buf);
		*was = sb;
	}
	close(fd);
	return same;
}

/* Writes len bytes to root/rel. */
static int
put_file(const char *root, const char *rel, const void *data, size_t len,
    struct error *err)
{
	char	*path;
	FILE	*fp;
	int	 rc = -1;

	if ((fp = open_file(root, rel, &path, err)) != NULL)
		rc = close_file(fp, path, fwrite(data, 1, len, fp) == len, err);
	free(path);
	return rc;
}

/*
 * Links root/rel to old/rel, the file same_file found (was): 1 when
 * linked, 0 when it must be written after all (another filesystem, links
 * refused, or old/rel is no longer the file compared), -1 on error.
 */
static int
link_old(const char *root, const char *rel, const char *old,
    const struct stat *was, struct error *err)
{
	struct stat	 now;
	char		*path, *from;
	FILE		*fp;
	int		 linked;

	/* The folder first, as open_file makes it. */
	if ((fp = open_file(root, rel, &path, err)) == NULL) {
		free(path);
		return -1;
	}
	fclose(fp);
	from = xasprintf("%s/%s", old, rel);
	/* The entry linked must be the file compared (not what took its
	 * name meanwhile, such as a link to elsewhere). */
	linked = unlink(path) == 0 && link(from, path) == 0 &&
	    lstat(path, &now) == 0 && S_ISREG(now.st_mode) &&
	    now.st_ino == was->st_ino && now.st_dev == was->st_dev;
	if (!linked)
		unlink(path);
	free(from);
	free(path);
	return linked;
}

/*
 * The text files a web server may send gzipped get a .gz, from this size:
 * the feeds calendars fetch again and again, the large pages and
 * reports. Below it (most question pages, about 6 KB), a .gz saves little
 * on the wire and costs a file and a deflate each: at 50,000 questions,
 * gzipping every page made an export 60 % slower. nginx's gzip on still
 * compresses those on the fly.
 */
#define EXPORT_GZ_MIN	16384

static int
gz_wanted(const char *rel, size_t len)
{
	static const char *const ext[] = { ".ics", ".html", ".atom", ".json",
		".csv" };
	size_t	i, n = strlen(rel), e;

	if (len < EXPORT_GZ_MIN)
		return 0;
	for (i = 0; i < sizeof(ext) / sizeof(ext[0]); i++) {
		e = strlen(ext[i]);
		if (n > e && strcmp(rel + n - e, ext[i]) == 0)
			return 1;
	}
	return 0;
}

/* The keys of the files of the folder being replaced, by path. */
struct oldkey {
	uint64_t	path;		/* util_hash64 of the path */
	uint64_t	key;
};

/* An export being written. */
struct xw {
	const char		*root;		/* the new folder */
	const char		*old;		/* the set replaced, or NULL */
	int			 trusted;	/* okeys tell old's files */
	struct oldkey		*okeys;		/* sorted by path */
	size_t			 nokeys;
	struct export_rec	*rec;		/* what this one writes */
	size_t			 nrec;
	uint64_t		 global;	/* program, settings, language */
	char			*dir;		/* the last folder made */
	struct export_counts	*counts;
	struct error		*err;
};

static int
oldkey_cmp(const void *a, const void *b)
{
	const struct oldkey	*x = a, *y = b;

	return x->path < y->path ? -1 : x->path > y->path;
}

static int
oldkey_one(const char *path, uint64_t key, void *arg)
{
	struct xw	*w = arg;

	if ((w->nokeys & (w->nokeys - 1)) == 0)
		w->okeys = xrealloc(w->okeys, (w->nokeys ? w->nokeys * 2 : 1) *
		    sizeof(*w->okeys));
	w->okeys[w->nokeys].path = util_hash64(path, strlen(path));
	w->okeys[w->nokeys++].key = key;
	return 0;
}

/* Whether the old set holds rel as it was made from key. */
static int
oldkey_same(const struct xw *w, const char *rel, uint64_t key)
{
	struct oldkey	 k = { 0, 0 }, *f;

	if (!w->trusted || w->nokeys == 0)
		return 0;
	k.path = util_hash64(rel, strlen(rel));
	f = bsearch(&k, w->okeys, w->nokeys, sizeof(*w->okeys), oldkey_cmp);
	return f != NULL && f->key == key;
}

static void
record(struct xw *w, const char *rel, uint64_t key)
{
	if ((w->nrec & (w->nrec - 1)) == 0)
		w->rec = xrealloc(w->rec, (w->nrec ? w->nrec * 2 : 1) *
		    sizeof(*w->rec));
	w->rec[w->nrec].path = xstrdup(rel);
	w->rec[w->nrec++].key = key;
}

/* Makes root/rel's folder, unless it was the last one made. */
static int
make_parent(struct xw *w, const char *rel, struct error *err)
{
	const char	*slash = strrchr(rel, '/');
	char		*folder, *path;
	int		 rc;

	if (slash == NULL)
		return 0;
	folder = xstrndup(rel, (size_t)(slash - rel));
	if (w->dir != NULL && strcmp(w->dir, folder) == 0) {
		free(folder);
		return 0;
	}
	path = xasprintf("%s/%s", w->root, folder);
	rc = make_dir(path, folder, err);
	free(path);
	free(w->dir);
	w->dir = folder;
	if (rc == -1) {
		free(w->dir);
		w->dir = NULL;
	}
	return rc;
}

/*
 * Links root/rel to old/rel, which the store's record says holds the
 * bytes wanted, without reading it: 1 when linked, 0 when it must be
 * written (old/rel is not a regular file of ours, or links are refused),
 * -1 on error.
 */
static int
link_kept(struct xw *w, const char *rel)
{
	struct stat	 was, now;
	char		*from, *to;
	int		 linked = 0;

	from = xasprintf("%s/%s", w->old, rel);
	if (lstat(from, &was) == 0 && S_ISREG(was.st_mode) &&
	    (was.st_mode & 07777) == EXPORT_FILE_MODE) {
		if (make_parent(w, rel, w->err) == -1) {
			free(from);
			return -1;
		}
		to = xasprintf("%s/%s", w->root, rel);
		/* The entry linked must be the file looked at. */
		linked = link(from, to) == 0 && lstat(to, &now) == 0 &&
		    S_ISREG(now.st_mode) && now.st_ino == was.st_ino &&
		    now.st_dev == was.st_dev;
		if (!linked)
			unlink(to);
		free(to);
	}
	free(from);
	return linked;
}

/*
 * Writes root/rel, or links it from old/rel when old holds the same bytes:
 * by the store's record of its key when w->trusted, else read and
 * compared (also when the key is not the bytes' own hash, `bytes` 0: a
 * page made anew may still be the same). Then, for a large text file,
 * its gzip as rel.gz for nginx's gzip_static, the same way (written only
 * when smaller). Records rel's key, and counts the links.
 */
static int
write_file(struct xw *w, const char *rel, const char *data, size_t len,
    uint64_t key, int bytes)
{
	struct stat	 was;
	unsigned char	*gz;
	char		*gzrel;
	size_t		 gzlen;
	int		 rc = 0, kept, compare = !w->trusted || !bytes;

	if ((kept = oldkey_same(w, rel, key)) && (rc = link_kept(w,
	    rel)) != 0) {
		if (rc == -1)
			return -1;
		w->counts->unchanged++;
	} else if (!kept && compare && w->old != NULL && same_file(w->old,
	    rel, data, len, 0, &was) && (rc = link_old(w->root, rel, w->old,
	    &was, w->err)) != 0) {
		if (rc == -1)
			return -1;
		w->counts->unchanged++;
	} else if (put_file(w->root, rel, data, len, w->err) == -1)
		return -1;
	record(w, rel, key);
	if (!gz_wanted(rel, len))
		return 0;
	gzrel = xasprintf("%s.gz", rel);
	rc = 0;
	/* The .gz of the same bytes, when the old set has one. */
	if (kept && (rc = link_kept(w, gzrel)) != 0) {
		if (rc == 1) {
			w->counts->unchanged++;
			rc = 0;
		}
	} else if (!kept && compare && w->old != NULL && same_file(w->old,
	    gzrel, data, len, 1, &was) && (rc = link_old(w->root, gzrel,
	    w->old, &was, w->err)) != 0) {
		if (rc == 1) {
			w->counts->unchanged++;
			rc = 0;
		}
	} else if ((gz = http_gzip(data, len, &gzlen)) != NULL) {
		if (gzlen < len)
			rc = put_file(w->root, gzrel, gz, gzlen, w->err);
		free(gz);
	}
	free(gzrel);
	return rc;
}

/* Renders one feed into memory. */
static void
render_feed(const struct xfeed *f, const struct site_settings *ss,
    const struct feed_set *set, struct site_file *out)
{
	struct feed_meta	 m;
	char			*name, *desc;
	FILE			*mem;

	if (strcmp(f->kind, "all") == 0) {
		name = xstrdup(_(FEED_ALL_NAME));
		desc = xstrdup(_(FEED_ALL_DESC));
	} else {
		name = xasprintf(_("QE — %s — %s"), kind_title(f, set),
		    f->title);
		desc = xasprintf(_("Deadlines of the answers to written "
		    "questions (%s). Computed by qetracker."), f->title);
	}
	m.name = name;
	m.description = desc;
	memset(out, 0, sizeof(*out));
	out->path = xstrdup(f->path);
	out->type = "text/calendar; charset=utf-8";
	out->secret = strcmp(f->kind, "w") == 0;
	mem = open_memstream(&out->body, &out->len);
	feed_write(mem, &m, ss->feed, set, f->idx, f->n);
	fclose(mem);
	free(name);
	free(desc);
}

static void
index_links(struct buf *b, const char *base, const struct xfeed *f)
{
	const char	*host = strstr(base, "://");

	buf_adds(b, "<td><a href=\"");
	buf_add_html(b, base);
	buf_addc(b, '/');
	buf_add_html(b, f->path);
	buf_adds(b, "\">https</a> · <a href=\"webcal://");
	buf_add_html(b, host != NULL ? host + 3 : base);
	buf_addc(b, '/');
	buf_add_html(b, f->path);
	buf_adds(b, "\">webcal</a></td>");
}

/* Counts per status, in the order people read them. */
static void
index_counts(struct buf *b, const struct report *r)
{
	static const int	order[] = { QS_OVERDUE, QS_OPEN,
				    QS_ANSWERED_LATE, QS_ANSWERED,
				    QS_WITHDRAWN, QS_LAPSED, QS_CLOSED };
	size_t			i;

	buf_printf(b, "<h2>%s</h2>\n<table class=\"counts\">\n",
	    _("Questions by status"));
	for (i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		buf_adds(b, "<tr><td>");
		buf_add_html(b, rules_status_label((enum qstatus)order[i]));
		buf_printf(b, "</td><td class=\"n\">%lu</td></tr>\n",
		    r->c.by_status[order[i]]);
	}
	buf_adds(b, "</table>\n");
}

static void
index_howto(struct buf *b)
{
	static const char *const how[][2] = {
		{ N_("Apple Calendar (Mac, iPhone)"), N_("click the webcal "
		    "link, or File, New Calendar Subscription, and paste the "
		    "https link.") },
		{ N_("Google Calendar"), N_("Other calendars, +, From URL: "
		    "paste the https link (Google refreshes every 8 to 24 "
		    "hours).") },
		{ N_("Outlook"), N_("Add calendar, Subscribe from web: paste "
		    "the https link, or click the webcal link.") },
		{ N_("Thunderbird"), N_("New Calendar, On the Network: paste "
		    "the https link.") },
	};
	size_t	i;

	buf_printf(b, "<h2>%s</h2>\n<ul class=\"howto\">\n",
	    _("How to subscribe"));
	for (i = 0; i < sizeof(how) / sizeof(how[0]); i++) {
		buf_adds(b, "<li><b>");
		buf_add_html(b, _(how[i][0]));
		buf_adds(b, "</b>: ");
		buf_add_html(b, _(how[i][1]));
		buf_adds(b, "</li>\n");
	}
	buf_adds(b, "</ul>\n");
}

/* A feed's name, linking to its page (every feed but all.ics has one). */
static void
index_title(struct buf *b, const struct xfeed *f)
{
	size_t	n = strlen(f->path);

	if (strcmp(f->kind, "all") == 0 || n < 5) {
		buf_add_html(b, f->title);
		return;
	}
	buf_adds(b, "<a href=\"");
	buf_add_html(b, f->path);
	b->len -= 4;		/* ".ics": the page is beside the feed */
	b->data[b->len] = '\0';
	buf_adds(b, ".html\">");
	buf_add_html(b, f->title);
	buf_adds(b, "</a>");
}

static char *
index_html(const struct xset *x, const struct site_settings *ss,
    const struct feed_set *set, const struct report *r, int asof)
{
	const char	*base = ss->feed->base_url;
	struct buf	 b;
	char		 d[40];
	size_t		 i;

	buf_init(&b);
	pages_open(&b, _("Deadline calendars"), "", NULL);
	buf_adds(&b, "<h1>");
	buf_add_html(&b, _("Written questions — deadline calendars"));
	buf_adds(&b, "</h1>\n<p>");
	buf_printf(&b, _("As of %s: %zu deadlines in %zu calendars. "
	    "Subscribe with the webcal link (Apple Calendar, Outlook) or paste "
	    "the https link into Google Calendar (\"From URL\") or Thunderbird "
	    "(\"New Calendar\", \"On the Network\")."), i18n_date(asof, d,
	    sizeof(d)), set->n, x->n);
	buf_adds(&b, "</p>\n");
	index_counts(&b, r);
	buf_printf(&b, "<h2>%s</h2>\n", _("Overdue questions by ministry"));
	report_chart(&b, r);
	index_howto(&b);
	buf_printf(&b, "<h2>%s</h2>\n<div class=\"wide\"><table class=\"feeds\">"
	    "\n<tr><th>%s</th><th>%s</th><th class=\"n\">%s</th><th>%s</th>"
	    "</tr>\n", _("Calendars"), _("Calendar"), _("Type"),
	    _("Deadlines"), _("Links"));
	for (i = 0; i < x->n; i++) {
		const struct xfeed	*f = &x->v[i];

		/* Watchlists are private: never listed. */
		if (strcmp(f->kind, "w") == 0)
			continue;
		buf_adds(&b, "<tr><td>");
		index_title(&b, f);
		buf_adds(&b, "</td><td>");
		buf_add_html(&b, kind_title(f, set));
		buf_printf(&b, "</td><td class=\"n\">%zu</td>", f->n);
		index_links(&b, base, f);
		buf_adds(&b, "</tr>\n");
	}
	buf_adds(&b, "</table></div>\n");
	pages_close(&b, asof);
	return buf_steal(&b);
}

static int
rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void
rm_tree(const char *path)
{
	nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* Puts the new folder in place of the old, atomically where possible. */
static int
swap_in(const char *fresh, const char *dir, struct error *err)
{
	struct stat	 sb;
	char		*old;
	int		 rc = -1;

	if (stat(dir, &sb) == -1) {
		if (rename(fresh, dir) == -1)
			return error_set(err, EXIT_CANTCREAT, "%s: %s", dir,
			    error_errno(errno));
		return 0;
	}
	if (renameat2(AT_FDCWD, fresh, AT_FDCWD, dir, RENAME_EXCHANGE) == 0) {
		rm_tree(fresh);		/* now the old set */
		return 0;
	}
	if (errno != EINVAL && errno != ENOSYS)
		return error_set(err, EXIT_CANTCREAT, "%s: %s", dir,
		    error_errno(errno));
	old = xasprintf("%s.old-%ld", dir, (long)getpid());
	if (rename(dir, old) == -1)
		error_set(err, EXIT_CANTCREAT, "%s: %s", dir, error_errno(errno));
	else if (rename(fresh, dir) == -1) {
		error_set(err, EXIT_CANTCREAT, "%s: %s", dir, error_errno(errno));
		rename(old, dir);
	} else {
		rm_tree(old);
		rc = 0;
	}
	free(old);
	return rc;
}

struct site_file *
site_add(struct site *site)
{
	site->f = xrealloc(site->f, (site->n + 1) * sizeof(*site->f));
	memset(&site->f[site->n], 0, sizeof(*site->f));
	return &site->f[site->n++];
}

/* Stamps f with the time its body last changed. */
static int
stamp(struct store *st, struct site *site, struct site_file *f, long now,
    struct error *err)
{
	f->hash = util_hash64(f->body, f->len);
	if (store_site_track(st, f->path, f->hash, now, &f->changed,
	    err) == -1)
		return -1;
	if (f->changed > site->changed)
		site->changed = f->changed;
	return 0;
}

void
site_made(struct site *site)
{
	struct site_file	*f;

	if (site->sink == NULL || site->n == 0)
		return;
	f = &site->f[--site->n];
	/* After a failure, what is made is dropped: site_build fails. */
	if (site->err->status == 0 && (stamp(site->st, site, f, site->now,
	    site->err) == -1 || site->sink(f, site->sink_arg) == -1) &&
	    site->err->status == 0)
		error_set(site->err, EXIT_SOFTWARE, "%s: not written", f->path);
	free(f->path);
	free(f->body);
}

static void
site_reports(const struct report *r, struct site *site)
{
	static const struct {
		const char		*path;
		const char		*type;
		enum report_format	 fmt;
	} rep[] = {
		{ "report.html", "text/html; charset=utf-8", RF_HTML },
		{ "report.csv", "text/csv; charset=utf-8", RF_CSV },
		{ "report.json", "application/json", RF_JSON },
	};
	struct site_file	*f;
	FILE			*mem;
	size_t			 i;

	for (i = 0; i < sizeof(rep) / sizeof(rep[0]); i++) {
		f = site_add(site);
		f->path = xstrdup(rep[i].path);
		f->type = rep[i].type;
		mem = open_memstream(&f->body, &f->len);
		report_write(mem, r, rep[i].fmt, 0);
		fclose(mem);
		site_made(site);
	}
}

/* A file that tells a listing of a private folder nothing. */
static void
site_blank(struct site *site, const char *path)
{
	struct site_file	*f = site_add(site);

	f->path = xstrdup(path);
	f->type = "text/html; charset=utf-8";
	f->body = xstrdup("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
	    "<meta name=\"robots\" content=\"noindex\"><title>-</title>"
	    "</head><body></body></html>\n");
	f->len = strlen(f->body);
	f->secret = 0;
	site_made(site);
}

/* Plans the feeds, recording new paths, in one transaction. */
static int
site_plan(struct store *st, const struct feed_set *set, struct xset *x,
    const struct site_settings *ss, int asof, struct error *err)
{
	if (store_begin(st, err) == -1)
		return -1;
	if (plan(st, set, x, asof, ss->feed->window_days, err) == -1) {
		store_rollback(st);
		return -1;
	}
	return store_commit(st, err);
}

/* Last-Modified of each file kept: when its body last changed. */
static int
site_stamp(struct store *st, struct site *site, struct error *err)
{
	long	now = date_now();
	size_t	i;

	if (store_begin(st, err) == -1)
		return -1;
	for (i = 0; i < site->n; i++)
		if (stamp(st, site, &site->f[i], now, err) == -1) {
			store_rollback(st);
			return -1;
		}
	return store_commit(st, err);
}

int
site_build(struct store *st, const struct site_settings *ss, int asof,
    struct site *site, struct error *err)
{
	return site_build_to(st, ss, asof, site, NULL, NULL, err);
}

int
site_build_to(struct store *st, const struct site_settings *ss, int asof,
    struct site *site, int (*sink)(struct site_file *, void *), void *arg,
    struct error *err)
{
	struct feed_set		 set;
	struct filter		 all;
	struct report_opts	 ro;
	struct report		 r;
	struct xset		 x = { NULL, 0 };
	struct site_file	*f;
	char			*feed;
	size_t			 i;
	int			 rc = -1;

	memset(site, 0, sizeof(*site));
	site->sink = sink;
	site->sink_arg = arg;
	site->st = st;
	site->err = err;
	site->now = date_now();
	memset(&set, 0, sizeof(set));
	filter_init(&all);
	if (feed_collect(st, &all, asof, ss->rules, ss->feed, &set,
	    err) == -1)
		return -1;
	/* The report of the last seven days: report.*, and the index. */
	feed = xasprintf("%s/all.ics", ss->feed->base_url);
	ro.filter = &all;
	ro.asof = asof;
	ro.since = asof - 7;
	ro.by = BY_MINISTRY;
	ro.feed_url = feed;
	ro.rules = ss->rules;
	if (report_build(st, &ro, &r, err) == -1) {
		free(feed);
		feed_set_free(&set);
		return -1;
	}
	if (site_plan(st, &set, &x, ss, asof, err) == -1)
		goto out;
	/* Each file, once made, goes to the sink (when there is one). */
	for (i = 0; i < x.n && err->status == 0; i++) {
		render_feed(&x.v[i], ss, &set, site_add(site));
		site_made(site);
	}
	f = site_add(site);
	f->path = xstrdup("index.html");
	f->type = "text/html; charset=utf-8";
	f->body = index_html(&x, ss, &set, &r, asof);
	f->len = strlen(f->body);
	site_made(site);
	site_reports(&r, site);
	if (err->status != 0 || pages_lists(st, ss, asof, site, err) == -1)
		goto out;
	/* No listing of the watchlists' folder shows their tokens. */
	site_blank(site, "w/index.html");
	if (err->status != 0 || (sink == NULL && site_stamp(st, site,
	    err) == -1))
		goto out;
	site->events = set.n;
	rc = 0;
out:
	if (rc == -1)
		site_free(site);
	report_free(&r);
	free(feed);
	xset_free(&x);
	feed_set_free(&set);
	return rc;
}

void
site_free(struct site *site)
{
	size_t	i;

	if (site == NULL)
		return;
	for (i = 0; i < site->n; i++) {
		free(site->f[i].path);
		free(site->f[i].body);
	}
	free(site->f);
	memset(site, 0, sizeof(*site));
}

/* The mark of a folder this program made; it is the only kind it deletes. */
#define EXPORT_MARK	".qetracker-export"
static const char export_mark_text[] = "qetracker export: each export "
    "replaces this folder whole; keep nothing else in it.\n";

/* Top-level names of the layout, for exports made before the mark. */
static int
layout_name(const char *d)
{
	static const char *const names[] = { "index.html", "all.ics",
		"report.html", "report.csv", "report.json", "author", "group",
		"ministry", "w" };
	size_t	i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(d, names[i]) == 0)
			return 1;
	return 0;
}

/*
 * 1 when dir is empty or an export of ours: it holds the mark, or (an
 * export made before the mark) all.ics and nothing but the layout's
 * names. Anything else is somebody's folder.
 */
static int
export_ours(const char *dir, int *empty)
{
	struct dirent	*de;
	DIR		*d;
	char		*mark = xasprintf("%s/%s", dir, EXPORT_MARK);
	struct stat	 sb;
	int		 ours = lstat(mark, &sb) == 0 && S_ISREG(sb.st_mode);
	int		 layout = 1, all = 0, n = 0;

	free(mark);
	*empty = 0;
	if (ours || (d = opendir(dir)) == NULL)
		return ours;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		n++;
		all |= strcmp(de->d_name, "all.ics") == 0;
		layout &= layout_name(de->d_name);
	}
	closedir(d);
	*empty = n == 0;
	return *empty || (layout && all);
}

/* 0 unless `inside` is `dir` or below it. */
static int
path_within(const char *inside, const char *dir)
{
	size_t	n = strlen(dir);

	return strncmp(inside, dir, n) == 0 && (inside[n] == '\0' ||
	    inside[n] == '/' || strcmp(dir, "/") == 0);
}

/*
 * Where export may write: a folder that does not exist, an empty one, or
 * an export of its own, never one that holds the database or the
 * configuration. A symbolic link is followed: the folder it names is
 * replaced and the link stays. *target gets the folder to replace.
 */
static int
export_target(const char *dir, const struct store *st,
    const struct site_settings *ss, char **target, struct error *err)
{
	const char	*guard[2] = { store_path(st), ss->path };
	struct stat	 sb;
	char		*real;
	size_t		 i;
	int		 empty, bad = 0;

	*target = NULL;
	if (lstat(dir, &sb) == 0 && S_ISLNK(sb.st_mode) && stat(dir, &sb) ==
	    -1)
		return error_set(err, EXIT_CANTCREAT, "%s: a symbolic link to "
		    "nothing (%s); refusing to export there", dir,
		    error_errno(errno));
	if ((real = util_realpath(dir)) == NULL)
		return error_set(err, EXIT_CANTCREAT, "%s: %s", dir,
		    error_errno(errno));
	for (i = 0; i < 2; i++) {
		char	*g;

		if (guard[i] == NULL || (g = util_realpath(guard[i])) == NULL)
			continue;
		if (path_within(g, real)) {
			error_set(err, EXIT_CANTCREAT, "%s: holds %s; "
			    "refusing to export there", dir, guard[i]);
			free(g);
			free(real);
			return -1;
		}
		free(g);
	}
	if (stat(real, &sb) == 0) {
		if (!S_ISDIR(sb.st_mode))
			bad = error_set(err, EXIT_CANTCREAT, "%s: not a folder; "
			    "refusing to replace it", dir);
		else if (!export_ours(real, &empty))
			bad = error_set(err, EXIT_CANTCREAT, "%s: not an export of "
			    "qetracker (no %s in it); refusing to replace it: "
			    "name a new or empty folder", dir, EXPORT_MARK);
	} else if (errno != ENOENT)
		bad = error_set(err, EXIT_CANTCREAT, "%s: %s", dir,
		    error_errno(errno));
	if (bad == -1) {
		free(real);
		return -1;
	}
	*target = real;
	return 0;
}

/*
 * Removes DIR.new-PID and DIR.old-PID folders left by an export that was
 * killed (its process is gone) and marked as ours; those of a running
 * export, and anything else of those names, stay.
 */
static void
rm_stale(const char *dir)
{
	const char	 *slash = strrchr(dir, '/');
	const char	 *base = slash != NULL ? slash + 1 : dir;
	char		 *parent, *path;
	struct dirent	**names;
	size_t		  n = strlen(base);
	long		  pid;
	int		  i, count;

	if (slash == NULL)
		parent = xstrdup(".");
	else if (slash == dir)
		parent = xstrdup("/");
	else
		parent = xstrndup(dir, (size_t)(slash - dir));
	if ((count = scandir(parent, &names, NULL, NULL)) < 0) {
		free(parent);
		return;
	}
	for (i = 0; i < count; i++) {
		const char	*d = names[i]->d_name;

		if (strncmp(d, base, n) == 0 && (strncmp(d + n, ".new-", 5) == 0 ||
		    strncmp(d + n, ".old-", 5) == 0) &&
		    str_to_long(d + n + 5, 1, 4194304, &pid) == 0 &&
		    kill((pid_t)pid, 0) == -1 && errno == ESRCH) {
			int	empty;

			path = xasprintf("%s/%s", parent, d);
			if (export_ours(path, &empty))
				rm_tree(path);
			free(path);
		}
		free(names[i]);
	}
	free(names);
	free(parent);
}

/* The sink of site_build_to(): each file written as it is made. */
static int
sink_file(struct site_file *f, void *arg)
{
	struct xw	*w = arg;

	if (write_file(w, f->path, f->body, f->len, f->hash, 1) == -1)
		return -1;
	w->counts->feeds += strstr(f->path, ".ics") != NULL;
	return 0;
}

/* A keep of pages_each_question(): the old set's page, linked. */
static int
keep_page(const char *path, uint64_t key, void *arg)
{
	struct xw	*w = arg;
	int		 rc;

	key = util_hash64_add(w->global, &key, sizeof(key));
	if (!oldkey_same(w, path, key))
		return 0;
	if ((rc = link_kept(w, path)) != 1)
		return rc;
	w->counts->unchanged++;
	w->counts->pages++;
	record(w, path, key);
	return 1;
}

static int
write_page(const char *path, const char *body, size_t len, uint64_t key,
    void *arg)
{
	struct xw	*w = arg;

	w->counts->pages++;
	return write_file(w, path, body, len, util_hash64_add(w->global, &key,
	    sizeof(key)), 0);
}

/* Goes on hashing a file's bytes; a file that cannot be read counts as
 * its error. */
static uint64_t
hash_file(uint64_t h, const char *path)
{
	char	buf[65536];
	ssize_t	r;
	int	fd;

	if (path == NULL)
		return util_hash64_add(h, "\xfe", 1);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return util_hash64_add(h, strerror(errno), strlen(
		    strerror(errno)));
	while ((r = read(fd, buf, sizeof(buf))) > 0)
		h = util_hash64_add(h, buf, (size_t)r);
	close(fd);
	return util_hash64_add(h, "\xff", 1);
}

/*
 * What every page is made with besides its question: this program (its
 * own bytes: any change of the code makes every page again), the
 * configuration and the rules file, and the language.
 */
static uint64_t
pages_global(const struct site_settings *ss)
{
	uint64_t	h = UTIL_HASH64_BASIS;
	int		fr = i18n_french();

	h = hash_file(h, "/proc/self/exe");
	h = hash_file(h, ss->path);
	h = hash_file(h, ss->rules != NULL ? ss->rules->file : NULL);
	return util_hash64_add(h, &fr, sizeof(fr));
}

/* The mark's line that names the export, and the store's record of it. */
#define EXPORT_TOKEN	"export: "

/* The token in the mark of the folder being replaced, or "". */
static void
old_token(const char *old, char *tok, size_t size)
{
	char	*path = xasprintf("%s/%s", old, EXPORT_MARK), buf[512], *p;
	ssize_t	 r;
	int	 fd;

	tok[0] = '\0';
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	free(path);
	if (fd == -1)
		return;
	r = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (r <= 0)
		return;
	buf[r] = '\0';
	if ((p = strstr(buf, "\n" EXPORT_TOKEN)) == NULL)
		return;
	p += strlen("\n" EXPORT_TOKEN);
	p[strcspn(p, "\n")] = '\0';
	if (strspn(p, "0123456789abcdef") == strlen(p))
		str_copy(tok, p, size);
}

/* A token no other export has. */
static void
new_token(char *tok, size_t size)
{
	unsigned char	rnd[16];
	size_t		i;

	if (getrandom(rnd, sizeof(rnd), 0) != sizeof(rnd)) {
		/* Then no later export trusts this one's record. */
		tok[0] = '\0';
		return;
	}
	for (i = 0; i < sizeof(rnd) && 2 * i + 2 < size; i++)
		snprintf(tok + 2 * i, 3, "%02x", rnd[i]);
}

int
export_dir(struct store *st, const struct site_settings *ss, int asof,
    const char *dir, struct export_counts *counts, struct error *err)
{
	struct xw	 w;
	struct site	 site;
	char		*fresh = NULL, *target = NULL, *mark = NULL;
	char		 was[64], tok[64];
	size_t		 i;
	int		 rc = -1, empty;

	memset(counts, 0, sizeof(*counts));
	memset(&site, 0, sizeof(site));
	memset(&w, 0, sizeof(w));
	if (export_target(dir, st, ss, &target, err) == -1 || target == NULL)
		return -1;
	rm_stale(target);
	fresh = xasprintf("%s.new-%ld", target, (long)getpid());
	if (access(fresh, F_OK) == 0) {
		if (!export_ours(fresh, &empty)) {
			error_set(err, EXIT_CANTCREAT, "%s: exists and is not "
			    "an export of qetracker; refusing to replace it",
			    fresh);
			free(fresh);
			fresh = NULL;
			goto out;
		}
		rm_tree(fresh);
	}
	if (mkdir(fresh, EXPORT_DIR_MODE) == -1) {
		if (errno == EACCES || errno == EROFS || errno == EPERM)
			error_set(err, EXIT_CANTCREAT, "%s: %s; the new set "
			    "is built beside %s and swapped in, so the folder "
			    "that holds it must be writable: export into a "
			    "folder of a writable root instead (such as "
			    "/var/www/qetracker/site)", fresh,
			    error_errno(errno), dir);
		else
			error_set(err, EXIT_CANTCREAT, "%s: %s", fresh,
			    error_errno(errno));
		free(fresh);
		fresh = NULL;
		goto out;
	}
	if (chmod(fresh, EXPORT_DIR_MODE) == -1) {
		error_set(err, EXIT_CANTCREAT, "%s: %s", fresh,
		    error_errno(errno));
		goto out;
	}
	w.root = fresh;
	w.counts = counts;
	w.err = err;
	w.global = pages_global(ss);
	/* The set being replaced, when it is an export of ours: unchanged
	 * files are linked from it. When its mark names the export the
	 * store recorded last, the record says which files are unchanged
	 * (for question pages, without making them); else they are made
	 * and compared. */
	w.old = export_ours(target, &empty) && !empty ? target : NULL;
	if (w.old != NULL) {
		old_token(w.old, was, sizeof(was));
		if (was[0] != '\0' && (w.trusted = store_export_files(st, was,
		    oldkey_one, &w, err)) == -1)
			goto out;
		if (w.nokeys > 0)
			qsort(w.okeys, w.nokeys, sizeof(*w.okeys),
			    oldkey_cmp);
	}
	new_token(tok, sizeof(tok));
	mark = xasprintf("%s%s%s\n", export_mark_text, EXPORT_TOKEN, tok);
	if (put_file(fresh, EXPORT_MARK, mark, strlen(mark), err) == -1)
		goto out;
	/* The feeds, the index, the reports and the lists, each written
	 * once made: never all in memory. */
	if (site_build_to(st, ss, asof, &site, sink_file, &w, err) == -1)
		goto out;
	/* Question pages, one at a time: never all in memory; those the old
	 * set holds from the same key are not made again. */
	if (pages_each_question(st, ss, asof, keep_page, write_page, &w,
	    err) != 0)
		goto out;
	if (swap_in(fresh, target, err) == -1)
		goto out;
	/* What the folder now holds, for the next export. A failure here
	 * costs the next one its shortcut, not its files. */
	if (tok[0] != '\0' && store_export_record(st, tok, w.rec, w.nrec,
	    err) == -1) {
		log_warnx("%s", err->msg);
		error_clear(err);
	}
	counts->events = site.events;
	rc = 0;
out:
	if (rc == -1 && fresh != NULL)
		rm_tree(fresh);
	for (i = 0; i < w.nrec; i++)
		free(w.rec[i].path);
	free(w.rec);
	free(w.okeys);
	free(w.dir);
	free(mark);
	free(fresh);
	free(target);
	site_free(&site);
	return rc;
}
