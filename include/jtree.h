/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * jtree.h: JSON read by yajl's event parser into a small read-only tree.
 *
 * The Assemblée's documents are read field by field by path (source_an.c),
 * so each value becomes a node; but nodes live in an arena that is reset
 * between documents, objects are short lists (no hash table), and arrays
 * get an index once closed. The same parser reads a document held in
 * memory (jt_parse) or a stream of any size whose values at a path are
 * handed over one at a time (jt_stream): the single-file archives of a
 * whole legislature are never held, only the question being read.
 */
#ifndef QT_JTREE_H
#define QT_JTREE_H

#include <stddef.h>
#include <sys/types.h>

enum jt_type {
	JT_NULL,
	JT_BOOL,
	JT_NUMBER,		/* s holds its text, as written */
	JT_STRING,
	JT_OBJECT,
	JT_ARRAY
};

struct jt {
	enum jt_type	 type;
	size_t		 len;	/* bytes of s; members or items */
	const char	*key;	/* its name, in an object */
	const char	*s;	/* a string's or a number's text */
	struct jt	*first;	/* an object's members, in order */
	struct jt	*next;
	struct jt	**items;	/* an array's items, once closed */
};

/* The deepest nesting read; deeper is an error, as in jansson. */
#define JT_MAX_DEPTH	64

struct jt_doc;

/* A member of an object (the last of that name), or NULL. */
const struct jt	*jt_get(const struct jt *, const char *key);
/* The i-th item of an array, or NULL. */
const struct jt	*jt_at(const struct jt *, size_t i);
/* Whether a number is written as a whole number. */
int		 jt_is_integer(const struct jt *);

/* Where and why a document is not JSON. */
struct jt_error {
	unsigned long	line, column;	/* from 1; columns count characters */
	char		what[200];
};

/*
 * Parses a whole document. Returns its root, owned by *docp (free it with
 * jt_doc_free), or NULL with e set.
 */
const struct jt	*jt_parse(const char *data, size_t len, struct jt_doc **docp,
		    struct jt_error *e);
void		 jt_doc_free(struct jt_doc *);

/* Reads the next bytes of a stream: a count, 0 at its end, -1 on error
 * (the reader keeps its own message). */
typedef ssize_t	(*jt_read_fn)(void *cookie, void *buf, size_t size);
/* Takes a value found at the path: its index there and the value, valid
 * only during the call. Returns 0, or -1 to stop the parse. */
typedef int	(*jt_item_fn)(size_t index, const struct jt *, void *arg);

enum jt_stream_rc {
	JT_OK,
	JT_READ_ERROR,		/* read returned -1 */
	JT_STOPPED,		/* item returned -1 */
	JT_MALFORMED,		/* not JSON: msg says where */
	JT_SHAPE,		/* JSON, but the path is not there */
	JT_TOO_LARGE		/* one value holds more than limit bytes */
};

/*
 * Streams a document whose top level holds, at path (object member names,
 * npath of them), an array of values or a single value; each is built
 * and handed to item, then forgotten. Other members are read and skipped.
 * limit bounds the bytes one value may take once built. On an error, msg
 * says what and where ("byte N"); *count is the number of values handed.
 */
enum jt_stream_rc jt_stream(jt_read_fn read, void *cookie,
		    const char *const *path, size_t npath, size_t limit,
		    jt_item_fn item, void *arg, size_t *count, char *msg,
		    size_t msgsize);

#endif
