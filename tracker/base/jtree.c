/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * jtree.c: yajl's events into an arena tree (jtree.h).
 *
 * One builder serves both uses. It tracks the containers open around the
 * values it builds (the envelope: none for a whole document; the
 * archive's {"questionsEcrites": {"question": [...]}} for a stream) and
 * builds only the values at the path, one at a time, in an arena that is
 * emptied once each is handed over. Members outside the path are parsed
 * and dropped.
 */
#include "jtree.h"

#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yajl/yajl_parse.h>

#include "util.h"

#define CHUNK		(64 * 1024)	/* arena block */
#define READ_SIZE	(64 * 1024)	/* stream read */
#define BOM		"\xef\xbb\xbf"	/* UTF-8's byte order mark */

struct block {
	struct block	*next;
	size_t		 size, used;
	max_align_t	 data[];
};

struct arena {
	struct block	*head;
	size_t		 total;		/* bytes of the blocks */
	size_t		 used;		/* bytes handed out */
};

struct frame {
	struct jt	*node;
	struct jt	*last;		/* its last member or item */
};

struct jt_doc {
	struct arena	 a;
};

struct builder {
	struct arena	 a;
	struct frame	 st[JT_MAX_DEPTH];
	int		 depth;		/* containers open in the value */
	const char	*key;		/* the pending member's name */
	struct jt	*root;		/* the value built last */
	size_t		 limit;		/* arena bytes one value may take */

	/* The envelope: containers open around the built values. */
	const char *const *path;
	size_t		 npath;
	int		 outer;		/* envelope containers open */
	int		 onpath;	/* how many of them are on the path */
	int		 key_ok;	/* the last envelope key is the path's */
	int		 items_at;	/* envelope depth of the items, or -1 */
	int		 found;		/* the path was reached */
	int		 stream;	/* hand each value to item */
	jt_item_fn	 item;
	void		*arg;
	size_t		 count;

	enum jt_stream_rc rc;
	char		 msg[200];
	/* Where the last event ended, to bound a token yajl buffers. */
	yajl_handle	 h;
	unsigned long long base;	/* bytes before the current chunk */
	unsigned long long mark;
};

static void *
arena_alloc(struct arena *a, size_t n)
{
	struct block	*b = a->head;
	size_t		 sz;

	n = (n + sizeof(max_align_t) - 1) & ~(sizeof(max_align_t) - 1);
	if (b == NULL || b->size - b->used < n) {
		sz = n > CHUNK ? n : CHUNK;
		b = xmalloc(sizeof(*b) + sz);
		b->size = sz;
		b->used = 0;
		b->next = a->head;
		a->head = b;
		a->total += sz;
	}
	b->used += n;
	a->used += n;
	return (char *)b->data + b->used - n;
}

/* Empties the arena, keeping one block of the usual size. */
static void
arena_reset(struct arena *a)
{
	struct block	*b, *next, *keep = NULL;

	for (b = a->head; b != NULL; b = next) {
		next = b->next;
		if (keep == NULL && b->size == CHUNK)
			keep = b;
		else
			free(b);
	}
	a->head = keep;
	a->total = 0;
	a->used = 0;
	if (keep != NULL) {
		keep->next = NULL;
		keep->used = 0;
		a->total = CHUNK;
	}
}

static void
arena_free(struct arena *a)
{
	struct block	*b, *next;

	for (b = a->head; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	a->head = NULL;
	a->total = 0;
	a->used = 0;
}

static int
fail(struct builder *b, enum jt_stream_rc rc, const char *fmt, ...)
{
	va_list	ap;

	if (b->rc == JT_OK) {
		b->rc = rc;
		va_start(ap, fmt);
		vsnprintf(b->msg, sizeof(b->msg), fmt, ap);
		va_end(ap);
	}
	return 0;		/* yajl: stop */
}

static unsigned long long
offset(struct builder *b)
{
	return b->base + yajl_get_bytes_consumed(b->h);
}

/* Whether the value that starts now is built, opening what it needs. */
static int
envelope_value(struct builder *b, int container, int is_array)
{
	int	key_ok = b->key_ok;

	b->key_ok = 0;
	b->mark = offset(b);
	if (b->depth > 0 || (b->npath == 0 && b->outer == 0))
		return 1;
	if (b->items_at == b->outer)
		return 1;
	if (key_ok && (size_t)b->outer == b->npath) {
		b->found = 1;
		if (!is_array)
			return 1;
		b->items_at = b->outer + 1;
	}
	if (!container)
		return 0;
	if (b->outer + 1 > JT_MAX_DEPTH)
		return fail(b, JT_MALFORMED, "nested more than %d deep",
		    JT_MAX_DEPTH), -1;
	/* The root object, or the member the path names, is on it. */
	if ((b->outer == 0 && !is_array && b->npath > 0) ||
	    (key_ok && b->onpath == b->outer))
		b->onpath = b->outer + 1;
	b->outer++;
	return 0;
}

static int
envelope_end(struct builder *b)
{
	b->mark = offset(b);
	b->outer--;
	if (b->onpath > b->outer)
		b->onpath = b->outer;
	if (b->items_at == b->outer + 1)
		b->items_at = -1;
	return 1;
}

/* A value built whole: kept, or handed over and forgotten. */
static int
complete(struct builder *b, struct jt *n)
{
	int	rc;

	b->root = n;
	if (!b->stream)
		return 1;
	rc = b->item(b->count, n, b->arg);
	b->count++;
	b->root = NULL;
	arena_reset(&b->a);
	if (rc == -1)
		return fail(b, JT_STOPPED, "stopped");
	return 1;
}

static struct jt *
node(struct builder *b, enum jt_type type)
{
	struct jt	*n;
	struct frame	*f;

	if (b->a.used > b->limit)
		return fail(b, JT_TOO_LARGE, "value %zu holds more than %zu "
		    "bytes", b->count, b->limit), NULL;
	n = arena_alloc(&b->a, sizeof(*n));
	memset(n, 0, sizeof(*n));
	n->type = type;
	if (b->depth > 0) {
		f = &b->st[b->depth - 1];
		if (f->node->type == JT_OBJECT) {
			n->key = b->key;
			b->key = NULL;
		}
		if (f->last == NULL)
			f->node->first = n;
		else
			f->last->next = n;
		f->last = n;
		f->node->len++;
	}
	return n;
}

static const char *
copy(struct builder *b, const void *s, size_t len)
{
	char	*c = arena_alloc(&b->a, len + 1);

	memcpy(c, s, len);
	c[len] = '\0';
	return c;
}

static int
scalar(struct builder *b, enum jt_type type, const char *s, size_t len)
{
	struct jt	*n;
	int		 r;

	if ((r = envelope_value(b, 0, 0)) <= 0)
		return r + 1;	/* 0: skipped, go on; -1: stop */
	if ((n = node(b, type)) == NULL)
		return 0;
	if (s != NULL) {
		n->s = copy(b, s, len);
		n->len = len;
	}
	return b->depth > 0 ? 1 : complete(b, n);
}

static int
cb_null(void *ctx)
{
	return scalar(ctx, JT_NULL, NULL, 0);
}

static int
cb_boolean(void *ctx, int v)
{
	return scalar(ctx, JT_BOOL, v ? "true" : "false", v ? 4 : 5);
}

static int
cb_number(void *ctx, const char *s, size_t len)
{
	return scalar(ctx, JT_NUMBER, s, len);
}

static int
cb_string(void *ctx, const unsigned char *s, size_t len)
{
	struct builder	*b = ctx;

	/* Our strings are C strings: "\u0000" would cut one short. */
	if (memchr(s, '\0', len) != NULL)
		return fail(b, JT_MALFORMED, "a string holds \\u0000");
	return scalar(ctx, JT_STRING, (const char *)s, len);
}

static int
cb_start(void *ctx, enum jt_type type)
{
	struct builder	*b = ctx;
	struct jt	*n;
	int		 r;

	if ((r = envelope_value(b, 1, type == JT_ARRAY)) <= 0)
		return r + 1;
	if (b->outer + b->depth + 1 > JT_MAX_DEPTH)
		return fail(b, JT_MALFORMED, "nested more than %d deep",
		    JT_MAX_DEPTH);
	if ((n = node(b, type)) == NULL)
		return 0;
	b->st[b->depth].node = n;
	b->st[b->depth].last = NULL;
	b->depth++;
	return 1;
}

static int
cb_start_map(void *ctx)
{
	return cb_start(ctx, JT_OBJECT);
}

static int
cb_start_array(void *ctx)
{
	return cb_start(ctx, JT_ARRAY);
}

static int
cb_end(void *ctx)
{
	struct builder	*b = ctx;
	struct jt	*n, *c;
	size_t		 i = 0;

	if (b->depth == 0)
		return envelope_end(b);
	n = b->st[--b->depth].node;
	if (n->type == JT_ARRAY && n->len > 0) {
		n->items = arena_alloc(&b->a, n->len * sizeof(*n->items));
		for (c = n->first; c != NULL; c = c->next)
			n->items[i++] = c;
	}
	b->mark = offset(b);
	return b->depth > 0 ? 1 : complete(b, n);
}

static int
cb_map_key(void *ctx, const unsigned char *key, size_t len)
{
	struct builder	*b = ctx;

	b->mark = offset(b);
	if (memchr(key, '\0', len) != NULL)
		return fail(b, JT_MALFORMED, "a member name holds \\u0000");
	if (b->depth > 0) {
		b->key = copy(b, key, len);
		return 1;
	}
	b->key_ok = b->onpath == b->outer && b->outer > 0 &&
	    (size_t)b->outer - 1 < b->npath &&
	    strlen(b->path[b->outer - 1]) == len &&
	    memcmp(b->path[b->outer - 1], key, len) == 0;
	return 1;
}

static const yajl_callbacks callbacks = {
	cb_null, cb_boolean, NULL, NULL, cb_number, cb_string,
	cb_start_map, cb_map_key, cb_end, cb_start_array, cb_end
};

static void
builder_init(struct builder *b, const char *const *path, size_t npath,
    size_t limit)
{
	memset(b, 0, sizeof(*b));
	b->path = path;
	b->npath = npath;
	b->limit = limit;
	b->items_at = -1;
	b->h = yajl_alloc(&callbacks, NULL, b);
	if (b->h == NULL)
		abort();	/* yajl could not allocate its handle */
}

/* yajl's own words for a syntax error, on one line. */
static void
syntax_error(struct builder *b, const unsigned char *chunk, size_t len)
{
	unsigned char	*e = yajl_get_error(b->h, 0, chunk, len);
	char		*s = (char *)e, *nl;

	if (strncmp(s, "parse error: ", 13) == 0)
		s += 13;
	if ((nl = strchr(s, '\n')) != NULL)
		*nl = '\0';
	b->rc = JT_MALFORMED;
	snprintf(b->msg, sizeof(b->msg), "%s", s);
	yajl_free_error(b->h, e);
}

/* Feeds one chunk (len 0: the end); 0, or -1 with b->rc set. */
static int
feed(struct builder *b, const unsigned char *chunk, size_t len)
{
	yajl_status	st;

	st = len > 0 ? yajl_parse(b->h, chunk, len) :
	    yajl_complete_parse(b->h);
	if (st == yajl_status_ok)
		return 0;
	if (b->rc == JT_OK)
		syntax_error(b, chunk, len);
	return -1;
}

const struct jt *
jt_parse(const char *data, size_t len, struct jt_doc **docp,
    struct jt_error *e)
{
	struct builder	 b;
	const char	*p, *end;
	unsigned long long off;
	unsigned long	 line = 1, col = 1;

	*docp = NULL;
	builder_init(&b, NULL, 0, SIZE_MAX);
	if (len >= 3 && memcmp(data, BOM, 3) == 0) {
		data += 3;	/* yajl would take it for a stray byte */
		len -= 3;
	}
	if (len > 0 && feed(&b, (const unsigned char *)data, len) == -1)
		off = offset(&b);
	else if (feed(&b, NULL, 0) == -1 || b.root == NULL)
		off = len;	/* it ended too soon */
	else {
		yajl_free(b.h);
		*docp = xmalloc(sizeof(**docp));
		(*docp)->a = b.a;
		return b.root;
	}
	/* Where it stopped, as a person counts. */
	if (b.root == NULL && b.rc == JT_OK)
		snprintf(b.msg, sizeof(b.msg), "no JSON value");
	for (p = data, end = data + (off < len ? off : len); p < end; p++)
		if (*p == '\n') {
			line++;
			col = 1;
		} else if ((*p & 0xc0) != 0x80)
			col++;
	e->line = line;
	e->column = col;
	snprintf(e->what, sizeof(e->what), "%s", b.msg);
	yajl_free(b.h);
	arena_free(&b.a);
	return NULL;
}

void
jt_doc_free(struct jt_doc *d)
{
	if (d == NULL)
		return;
	arena_free(&d->a);
	free(d);
}

enum jt_stream_rc
jt_stream(jt_read_fn read, void *cookie, const char *const *path,
    size_t npath, size_t limit, jt_item_fn item, void *arg, size_t *count,
    char *msg, size_t msgsize)
{
	struct builder	 b;
	unsigned char	*buf = xmalloc(READ_SIZE);
	ssize_t		 n;
	size_t		 skip, bom = 0;
	enum jt_stream_rc rc;

	builder_init(&b, path, npath, limit);
	b.stream = 1;
	b.item = item;
	b.arg = arg;
	for (;;) {
		if ((n = read(cookie, buf, READ_SIZE)) < 0) {
			b.rc = JT_READ_ERROR;
			break;
		}
		/* A byte order mark first is skipped, whatever the reads. */
		for (skip = 0; bom < 3 && skip < (size_t)n &&
		    buf[skip] == (unsigned char)BOM[bom]; skip++)
			bom++;
		if (bom < 3 && (skip < (size_t)n || n == 0)) {
			/* Not one after all: what matched is data. */
			if (bom > 0 && feed(&b, (const unsigned char *)BOM,
			    bom) == -1)
				break;
			bom = 3;
		}
		if ((n == 0 || skip < (size_t)n) && feed(&b, buf + skip,
		    (size_t)n - skip) == -1)
			break;
		if (n == 0)
			break;
		b.base += (unsigned long long)n;
		/* yajl holds an unfinished token whole: bound it. */
		if (b.base - b.mark > limit) {
			fail(&b, JT_TOO_LARGE, "byte %llu: a token runs past %zu "
			    "bytes", b.mark, limit);
			break;
		}
	}
	if ((b.rc == JT_MALFORMED || b.rc == JT_TOO_LARGE) &&
	    strncmp(b.msg, "byte ", 5) != 0) {
		char	tmp[sizeof(b.msg)];

		snprintf(tmp, sizeof(tmp), "%s", b.msg);
		snprintf(b.msg, sizeof(b.msg), "byte %llu: %.160s", offset(&b),
		    tmp);
	}
	if (b.rc == JT_OK && !b.found)
		fail(&b, JT_SHAPE, "no value at the expected path");
	rc = b.rc;
	*count = b.count;
	snprintf(msg, msgsize, "%s", b.msg);
	yajl_free(b.h);
	arena_free(&b.a);
	free(buf);
	return rc;
}

const struct jt *
jt_get(const struct jt *o, const char *key)
{
	const struct jt	*c, *found = NULL;

	if (o == NULL || o->type != JT_OBJECT)
		return NULL;
	for (c = o->first; c != NULL; c = c->next)
		if (strcmp(c->key, key) == 0)
			found = c;
	return found;
}

const struct jt *
jt_at(const struct jt *a, size_t i)
{
	if (a == NULL || a->type != JT_ARRAY || i >= a->len)
		return NULL;
	return a->items[i];
}

int
jt_is_integer(const struct jt *v)
{
	const char	*p;

	if (v == NULL || v->type != JT_NUMBER)
		return 0;
	p = v->s + (v->s[0] == '-');
	if (*p == '\0')
		return 0;
	for (; *p != '\0'; p++)
		if (*p < '0' || *p > '9')
			return 0;
	return 1;
}
