/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * ingest.c: the import pipeline.
 *
 * Work is a list of units (a file, or one entry of a zip). Worker threads
 * take units in turn, inflate them (reading each entry to EOF so libzip
 * checks its CRC), parse the JSON and apply the rules; the calling thread
 * is the only SQLite writer and stores the results in one transaction.
 * A bounded queue between them keeps memory flat whatever the dump size:
 * nothing holds the whole archive or all rows.
 */
#include "ingest.h"

#include <dirent.h>
#include <errno.h>
#include <malloc.h>
#include <stddef.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libdeflate.h>
#include <zip.h>

#include "date.h"
#include "error.h"
#include "log.h"
#include "rules.h"
#include "source.h"
#include "util.h"

#define BATCH		32		/* units a worker takes at once */
#define QUEUE_CAP	8		/* batches in flight */
#define MAX_ENTRY	(64L << 20)	/* largest JSON document read */
#define MAX_DEPTH	16		/* folder nesting followed */
#define MAX_THREADS	16
/* A JSON unit larger than this is read as a stream: only the AN's
 * single-file archive is that large (a question's file is some kB). */
#define STREAM_JSON	(4L << 20)

/*
 * A file or an archive. libzip keeps an archive's whole central directory
 * in memory (about 265 bytes an entry: 26 MB for 100,000 files), so an
 * archive is open only while its units are read, one archive at a time,
 * in the units' order: the workers share its handle, reading an entry's
 * compressed bytes under the input's lock (inflating and parsing are
 * parallel), and the last read closes it. Planning opens each to list its
 * entries, and closes all but the first to be read.
 */
struct input {
	char		*path;
	int		 zip;		/* an archive, not a plain file */
	zip_t		*za;		/* while its units are read */
	zip_int64_t	 nentries;	/* as planned */
	size_t		 left;		/* units still to read from za
					 * (p->lock) */
	int		 broken;	/* it could not be opened again */
	pthread_mutex_t	 lock;
};

struct unit {
	size_t		 input;
	zip_int64_t	 entry;		/* -1 for a plain file */
	const char	*name;		/* entry name (p->names) */
	unsigned long	 crc;
	unsigned long	 size;
	int		 stream;	/* a .sql dump: read as a stream by
					 * the writer, never whole */
};

/* The entries' names, copied once: they outlive their archive's handle. */
#define NAMES_CHUNK	65536
struct names {
	struct names	*next;
	size_t		 used, size;
	char		 data[];
};

enum item_kind {
	IT_QUESTION,
	IT_ROWS,		/* many questions: rows, nrows */
	IT_NAME,
	IT_STREAM,		/* the writer reads it (unit.stream) */
	IT_ERROR
};

struct item {
	size_t			 seq;
	enum item_kind		 kind;
	int			 from_page;	/* a question page */
	struct question		 q;
	struct question		*rows;
	size_t			 nrows;
	struct name_record	 name;
	struct error		 err;
};

/* Items travel in batches: one lock and one wake-up per batch. */
struct batch {
	struct item	*items[BATCH];
	size_t		 n;
};

/* The largest question id a run's table of repeats takes (8 bytes an id):
 * ids are SQLite's rowids, dense, so 67 million questions. */
#define SEEN_MAX_ID	(1L << 26)

struct pipeline {
	const struct rules_settings	*rules;
	const struct ingest_opts	*opts;
	struct entry_rec		*known;		/* polls: last entries */
	size_t				 nknown;
	struct input			*inputs;
	size_t				 ninputs;
	struct unit			*units;
	size_t				 nunits;
	struct names			*names;

	pthread_mutex_t			 lock;
	pthread_cond_t			 not_full;
	pthread_cond_t			 not_empty;
	size_t				 next;		/* next unit to take */
	int				 stop;
	int				 alive;		/* workers running */
	size_t				 first_unread;	/* the first input with
							 * units left to read */
	pthread_cond_t			 input_turn;	/* first_unread moved */
	unsigned long			 entries;	/* JSON entries seen */
	/* Parsed batches, in any order; the writer takes them in the
	 * order of the units, so the archive's order decides. One more
	 * slot than the cap: the batch the writer waits for always fits. */
	struct batch			*queue[QUEUE_CAP + 1];
	size_t				 count;
	size_t				 want;		/* first unit of the next
							 * batch to store */
	long long			 size0;		/* the database's size
							 * before the run */
	/* The questions stored by this run, to tell an entry repeated:
	 * by question id, 1 + the unit that stored it (0: none). */
	size_t				*seen;
	size_t				 seen_cap;
};

void
ingest_opts_init(struct ingest_opts *o, const struct import_conf *ic)
{
	memset(o, 0, sizeof(*o));
	o->threads = ic->threads;
	o->max_growth = (long long)ic->max_growth_mb << 20;
	o->sort_labels = ic->sort_labels;
}

void
ingest_result_init(struct ingest_result *res)
{
	memset(&res->counts, 0, sizeof(res->counts));
	buf_init(&res->bad);
}

void
ingest_result_free(struct ingest_result *res)
{
	if (res != NULL)
		buf_free(&res->bad);
}

static void
item_free(struct item *it)
{
	if (it == NULL)
		return;
	question_clear(&it->q);
	name_record_clear(&it->name);
	for (size_t i = 0; i < it->nrows; i++)
		question_clear(&it->rows[i]);
	free(it->rows);
	free(it);
}

static int
has_suffix(const char *s, const char *suffix)
{
	size_t	n = strlen(s), m = strlen(suffix);

	return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

/* Reads a whole file of at most MAX_ENTRY bytes. */
static char *
read_file(const char *path, size_t *len, struct error *err)
{
	FILE	*fp;
	char	*data = NULL;
	long	 size;

	if ((fp = fopen(path, "rb")) == NULL)
		return error_set(err, errno == ENOENT ? EXIT_NOINPUT :
		    EXIT_IOERR, "%s: %s", path, error_errno(errno)), NULL;
	if (fseek(fp, 0, SEEK_END) == -1 || (size = ftell(fp)) < 0 ||
	    fseek(fp, 0, SEEK_SET) == -1) {
		error_set(err, EXIT_IOERR, "%s: %s", path, error_errno(errno));
		goto out;
	}
	if (size > MAX_ENTRY) {
		error_set(err, EXIT_DATAERR, "%s: %ld bytes is larger than "
		    "the %ld bytes a question file may have", path, size,
		    MAX_ENTRY);
		goto out;
	}
	data = xmalloc((size_t)size + 1);
	if (fread(data, 1, (size_t)size, fp) != (size_t)size) {
		error_set(err, EXIT_IOERR, "%s: short read", path);
		free(data);
		data = NULL;
		goto out;
	}
	data[size] = '\0';
	*len = (size_t)size;
out:
	fclose(fp);
	return data;
}

/*
 * Reads one zip entry through libzip to EOF: only then does libzip
 * compare the CRC, so a corrupt entry is an error here rather than bad
 * data later. The caller holds the input's lock.
 */
static char *
read_entry_zlib(zip_t *za, zip_int64_t idx, const zip_stat_t *zs,
    const char *zpath, const char *name, size_t *len, struct error *err)
{
	zip_file_t	*zf;
	char		*data;
	zip_int64_t	 n;
	size_t		 got = 0;

	if ((zf = zip_fopen_index(za, (zip_uint64_t)idx, 0)) == NULL)
		return error_set(err, EXIT_DATAERR, "%s: %s: %s", zpath, name,
		    zip_strerror(za)), NULL;
	data = xmalloc((size_t)zs->size + 1);
	for (;;) {
		/* Ask for one byte more than announced, to catch a liar. */
		n = zip_fread(zf, data + got, (zip_uint64_t)(zs->size + 1 -
		    got));
		if (n < 0) {
			error_set(err, EXIT_DATAERR, "%s: %s: corrupt entry: "
			    "%s", zpath, name, zip_file_strerror(zf));
			goto fail;
		}
		if (n == 0)
			break;
		got += (size_t)n;
		if (got > zs->size) {
			error_set(err, EXIT_DATAERR, "%s: %s: entry is larger "
			    "than its header says", zpath, name);
			goto fail;
		}
	}
	if (got != zs->size) {
		error_set(err, EXIT_DATAERR, "%s: %s: truncated entry (%zu of "
		    "%llu bytes)", zpath, name, got,
		    (unsigned long long)zs->size);
		goto fail;
	}
	zip_fclose(zf);
	data[got] = '\0';
	*len = got;
	return data;
fail:
	zip_fclose(zf);
	free(data);
	return NULL;
}

/* The entry's compressed bytes, as stored; the caller holds the lock. */
static char *
read_raw(zip_t *za, zip_int64_t idx, const zip_stat_t *zs, const char *zpath,
    const char *name, struct error *err)
{
	zip_file_t	*zf;
	char		*raw;
	zip_int64_t	 n;
	size_t		 got = 0;

	if ((zf = zip_fopen_index(za, (zip_uint64_t)idx,
	    ZIP_FL_COMPRESSED)) == NULL)
		return error_set(err, EXIT_DATAERR, "%s: %s: %s", zpath, name,
		    zip_strerror(za)), NULL;
	raw = xmalloc((size_t)zs->comp_size + 1);
	while ((n = zip_fread(zf, raw + got, (zip_uint64_t)(zs->comp_size +
	    1 - got))) > 0 && (got += (size_t)n) <= zs->comp_size)
		;
	if (n < 0) {
		/* libzip checks a stored entry's CRC even so. */
		error_set(err, EXIT_DATAERR, "%s: %s: corrupt entry: %s",
		    zpath, name, zip_file_strerror(zf));
		zip_fclose(zf);
		free(raw);
		return NULL;
	}
	zip_fclose(zf);
	if (got != zs->comp_size) {
		free(raw);
		return error_set(err, EXIT_DATAERR, "%s: %s: truncated entry "
		    "(%zu of %llu compressed bytes)", zpath, name, got,
		    (unsigned long long)zs->comp_size), NULL;
	}
	return raw;
}

/*
 * Reads one zip entry. A deflated or stored entry is read as stored
 * under the input's lock and inflated by libdeflate outside it, twice
 * as fast as zlib (docs/performance.md), its size and CRC-32 checked
 * against the header; others (encrypted, another method, a compressed
 * size past the bound) are read through libzip under the lock.
 */
static char *
read_entry(struct input *in, const struct unit *u, size_t *len,
    struct error *err)
{
	const zip_int64_t	 idx = u->entry;
	const char		*name = u->name;
	struct libdeflate_decompressor *d;
	enum libdeflate_result	 r;
	zip_stat_t		 zs;
	char			*raw, *data;
	size_t			 got = 0;
	const zip_uint64_t	 need = ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE |
				    ZIP_STAT_CRC | ZIP_STAT_COMP_METHOD |
				    ZIP_STAT_ENCRYPTION_METHOD;

	pthread_mutex_lock(&in->lock);
	if (zip_stat_index(in->za, (zip_uint64_t)idx, 0, &zs) == -1) {
		error_set(err, EXIT_DATAERR, "%s: %s: %s", in->path, name,
		    zip_strerror(in->za));
		pthread_mutex_unlock(&in->lock);
		return NULL;
	}
	/* Opened again since it was planned: the same entry, or nothing. */
	if (!(zs.valid & ZIP_STAT_NAME) || strcmp(zs.name, name) != 0 ||
	    ((zs.valid & ZIP_STAT_CRC) && zs.crc != u->crc)) {
		pthread_mutex_unlock(&in->lock);
		return error_set(err, EXIT_DATAERR, "%s: %s: the archive "
		    "changed while it was read", in->path, name), NULL;
	}
	if (zs.size > MAX_ENTRY) {
		pthread_mutex_unlock(&in->lock);
		return error_set(err, EXIT_DATAERR, "%s: %s: entry of %llu "
		    "bytes is larger than the %ld bytes allowed", in->path,
		    name, (unsigned long long)zs.size, MAX_ENTRY), NULL;
	}
	if ((zs.valid & need) != need ||
	    zs.encryption_method != ZIP_EM_NONE ||
	    (zs.comp_method != ZIP_CM_DEFLATE &&
	    zs.comp_method != ZIP_CM_STORE) || zs.comp_size > MAX_ENTRY) {
		data = read_entry_zlib(in->za, idx, &zs, in->path, name, len,
		    err);
		pthread_mutex_unlock(&in->lock);
		return data;
	}
	raw = read_raw(in->za, idx, &zs, in->path, name, err);
	pthread_mutex_unlock(&in->lock);
	if (raw == NULL)
		return NULL;
	if (zs.comp_method == ZIP_CM_STORE) {
		data = raw;
		got = (size_t)zs.comp_size;
		r = got == zs.size ? LIBDEFLATE_SUCCESS :
		    LIBDEFLATE_SHORT_OUTPUT;
	} else {
		data = xmalloc((size_t)zs.size + 1);
		if ((d = libdeflate_alloc_decompressor()) == NULL)
			abort();	/* out of memory, as xmalloc */
		r = libdeflate_deflate_decompress(d, raw, (size_t)zs.comp_size,
		    data, (size_t)zs.size, &got);
		libdeflate_free_decompressor(d);
		if (r == LIBDEFLATE_SUCCESS && got != zs.size)
			r = LIBDEFLATE_SHORT_OUTPUT;
		free(raw);
	}
	if (r == LIBDEFLATE_SUCCESS && libdeflate_crc32(0, data, got) ==
	    zs.crc) {
		data[got] = '\0';
		*len = got;
		return data;
	}
	free(data);
	if (r == LIBDEFLATE_SUCCESS)
		return error_set(err, EXIT_DATAERR, "%s: %s: corrupt entry: "
		    "CRC error", in->path, name), NULL;
	if (r == LIBDEFLATE_INSUFFICIENT_SPACE)
		return error_set(err, EXIT_DATAERR, "%s: %s: entry is larger "
		    "than its header says", in->path, name), NULL;
	if (r == LIBDEFLATE_SHORT_OUTPUT)
		return error_set(err, EXIT_DATAERR, "%s: %s: truncated entry "
		    "(%zu of %llu bytes)", in->path, name, got,
		    (unsigned long long)zs.size), NULL;
	return error_set(err, EXIT_DATAERR, "%s: %s: corrupt entry: invalid "
	    "deflate data", in->path, name), NULL;
}

static zip_t *
open_zip(const char *path, struct error *err)
{
	zip_t	*za;
	int	 ze;

	if ((za = zip_open(path, ZIP_RDONLY, &ze)) == NULL) {
		zip_error_t	e;

		zip_error_init_with_code(&e, ze);
		error_set(err, ze == ZIP_ER_NOENT ? EXIT_NOINPUT : ze ==
		    ZIP_ER_OPEN || ze == ZIP_ER_READ ? EXIT_IOERR :
		    EXIT_DATAERR, "%s: not a readable zip archive: %s", path,
		    zip_error_strerror(&e));
		zip_error_fini(&e);
	}
	return za;
}

/* A unit in memory as a stream (a small dump not named .sql). */
struct mem_stream {
	const char	*data;
	size_t		 len, off;
};

static ssize_t
mem_read(void *cookie, void *buf, size_t size, struct error *err)
{
	struct mem_stream	*m = cookie;
	size_t			 n = m->len - m->off < size ? m->len - m->off :
				    size;

	(void)err;
	memcpy(buf, m->data + m->off, n);
	m->off += n;
	return (ssize_t)n;
}

static int
mem_rewind(void *cookie, struct error *err)
{
	(void)err;
	((struct mem_stream *)cookie)->off = 0;
	return 0;
}

/* Collects the questions of a stream into an item's rows. */
static int
rows_emit(struct question *q, void *arg, struct error *err)
{
	struct item	*it = arg;

	(void)err;
	if ((it->nrows & (it->nrows - 1)) == 0)
		it->rows = xrealloc(it->rows, (it->nrows ? it->nrows * 2 : 1) *
		    sizeof(*it->rows));
	it->rows[it->nrows++] = *q;
	question_init(q);	/* the parser clears an empty one */
	return 0;
}

/* The questions of a unit that holds many, each checked as one. */
static enum item_kind
parse_rows(struct pipeline *p, const struct source_kind *sk,
    const char *data, size_t len, const char *name, struct item *it)
{
	struct source_ctx	ctx = { p->opts->sort_labels };
	struct mem_stream	m = { data, len, 0 };
	struct source_stream	s = { mem_read, mem_rewind, &m };
	size_t			i;

	if (sk->parse_rows != NULL ? sk->parse_rows(data, len, name, &ctx,
	    &it->rows, &it->nrows, &it->err) == -1 : sk->parse_stream(&s,
	    name, &ctx, rows_emit, it, &it->err) == -1)
		return IT_ERROR;
	for (i = 0; i < it->nrows; i++) {
		if (question_size(&it->rows[i]) > QUESTION_MAX_BYTES) {
			error_set(&it->err, EXIT_DATAERR, "%s: question %ld "
			    "holds %zu bytes of texts and events, more than "
			    "the %d one question may", name,
			    it->rows[i].number, question_size(&it->rows[i]),
			    QUESTION_MAX_BYTES);
			return IT_ERROR;
		}
		rules_apply(p->rules, &it->rows[i]);
		rules_anomalies(&it->rows[i]);
	}
	return IT_ROWS;
}

/*
 * Reads a unit's entry, opening its archive if it is the first: inputs
 * open in turn, so that one central directory is in memory at a time
 * (the workers take units in order, so the earliest input with units
 * left is always one they can finish). The last unit read closes it.
 */
static char *
input_read(struct pipeline *p, const struct unit *u, size_t *len,
    struct error *err)
{
	struct input	*in = &p->inputs[u->input];
	char		*data = NULL;
	int		 readable;

	pthread_mutex_lock(&p->lock);
	while (p->first_unread < u->input)
		pthread_cond_wait(&p->input_turn, &p->lock);
	pthread_mutex_unlock(&p->lock);

	pthread_mutex_lock(&in->lock);
	if (in->za == NULL && !in->broken && (in->za = open_zip(in->path,
	    err)) != NULL && zip_get_num_entries(in->za, 0) != in->nentries) {
		zip_discard(in->za);
		in->za = NULL;
		error_set(err, EXIT_DATAERR, "%s: the archive changed while "
		    "it was read", in->path);
	}
	if (in->za == NULL) {
		in->broken = 1;
		if (err->status == 0)
			error_set(err, EXIT_IOERR, "%s: %s: the archive could "
			    "not be read again", in->path, u->name);
	}
	readable = in->za != NULL;
	pthread_mutex_unlock(&in->lock);
	/* Open until this unit is counted read, below. */
	if (readable)
		data = read_entry(in, u, len, err);

	pthread_mutex_lock(&p->lock);
	if (--in->left == 0) {
		pthread_mutex_lock(&in->lock);
		if (in->za != NULL) {
			zip_discard(in->za);
			/* Its pages back, before the next one's. */
			malloc_trim(0);
		}
		in->za = NULL;
		pthread_mutex_unlock(&in->lock);
		while (p->first_unread < p->ninputs &&
		    p->inputs[p->first_unread].left == 0)
			p->first_unread++;
		pthread_cond_broadcast(&p->input_turn);
	}
	pthread_mutex_unlock(&p->lock);
	return data;
}

/* Parses one unit into an item (never NULL; errors are items too). */
static struct item *
process(struct pipeline *p, size_t seq)
{
	struct item	*it = xcalloc(1, sizeof(*it));
	struct unit	*u = &p->units[seq];
	struct input	*in = &p->inputs[u->input];
	const struct source_kind *sk;
	enum unit_kind	 uk;
	char		*data, *name;
	size_t		 len = 0;

	it->seq = seq;
	question_init(&it->q);
	if (u->stream) {
		it->kind = IT_STREAM;
		return it;
	}
	if (u->entry < 0) {
		name = xstrdup(in->path);
		data = read_file(in->path, &len, &it->err);
	} else {
		name = xasprintf("%s: %s", in->path, u->name);
		data = input_read(p, u, &len, &it->err);
	}
	if (data == NULL)
		it->kind = IT_ERROR;
	else if ((sk = source_kind_of(data, len, u->entry >= 0)) == NULL) {
		error_set(&it->err, EXIT_DATAERR, "%s: not a file of any "
		    "source kind qetracker reads", name);
		it->kind = IT_ERROR;
	} else if (sk->parse_rows != NULL || sk->parse_stream != NULL)
		it->kind = parse_rows(p, sk, data, len, name, it);
	else if (sk->parse(data, len, name, &uk, &it->q, &it->name,
	    &it->err) == -1)
		it->kind = IT_ERROR;
	else if (uk == UNIT_QUESTION) {
		it->kind = IT_QUESTION;
		it->from_page = sk->pages;
		rules_apply(p->rules, &it->q);
		rules_anomalies(&it->q);
		/* The writer is the one thread that cannot be several. */
		question_prepare(&it->q);
	} else
		it->kind = IT_NAME;
	if (it->kind == IT_QUESTION && question_size(&it->q) >
	    QUESTION_MAX_BYTES) {
		error_set(&it->err, EXIT_DATAERR, "%s: the question holds %zu "
		    "bytes of texts and events, more than the %d one question "
		    "may", name, question_size(&it->q), QUESTION_MAX_BYTES);
		it->kind = IT_ERROR;
	}
	free(data);
	free(name);
	return it;
}

static void
batch_free(struct batch *b)
{
	size_t	i;

	if (b == NULL)
		return;
	for (i = 0; i < b->n; i++)
		item_free(b->items[i]);
	free(b);
}

static void *
worker(void *arg)
{
	struct pipeline	 *p = arg;
	struct batch	 *b;
	size_t		  first, n, i;

	for (;;) {
		pthread_mutex_lock(&p->lock);
		if (p->stop || p->next >= p->nunits) {
			pthread_mutex_unlock(&p->lock);
			break;
		}
		first = p->next;
		n = p->nunits - first < BATCH ? p->nunits - first : BATCH;
		p->next += n;
		pthread_mutex_unlock(&p->lock);

		b = xcalloc(1, sizeof(*b));
		for (i = 0; i < n; i++)
			b->items[b->n++] = process(p, first + i);

		pthread_mutex_lock(&p->lock);
		while (p->count >= QUEUE_CAP && first != p->want && !p->stop)
			pthread_cond_wait(&p->not_full, &p->lock);
		if (p->stop) {
			pthread_mutex_unlock(&p->lock);
			batch_free(b);
			break;
		}
		p->queue[p->count++] = b;
		pthread_cond_signal(&p->not_empty);
		pthread_mutex_unlock(&p->lock);
	}
	pthread_mutex_lock(&p->lock);
	p->alive--;
	pthread_cond_broadcast(&p->not_empty);
	pthread_mutex_unlock(&p->lock);
	return NULL;
}

/* The queued batch that starts at unit `want`, taken out, or NULL. */
static struct batch *
take_wanted(struct pipeline *p)
{
	struct batch	*b;
	size_t		 i;

	for (i = 0; i < p->count; i++)
		if (p->queue[i]->items[0]->seq == p->want) {
			b = p->queue[i];
			p->queue[i] = p->queue[--p->count];
			p->want += b->n;
			return b;
		}
	return NULL;
}

/*
 * The next batch of parsed items in the units' order, or NULL when every
 * worker is done (or stopped: then whatever is left, in any order).
 */
static struct batch *
pop(struct pipeline *p)
{
	struct batch	*b = NULL;

	pthread_mutex_lock(&p->lock);
	while ((b = take_wanted(p)) == NULL && p->alive > 0)
		pthread_cond_wait(&p->not_empty, &p->lock);
	if (b == NULL && p->count > 0)
		b = p->queue[--p->count];
	if (b != NULL)
		pthread_cond_broadcast(&p->not_full);
	pthread_mutex_unlock(&p->lock);
	return b;
}

static void
stop_workers(struct pipeline *p)
{
	pthread_mutex_lock(&p->lock);
	p->stop = 1;
	pthread_cond_broadcast(&p->not_full);
	pthread_mutex_unlock(&p->lock);
}

static struct unit *
add_unit(struct pipeline *p, size_t *cap, size_t input, zip_int64_t entry)
{
	struct unit	*u;

	if (p->nunits == *cap) {
		*cap = *cap ? *cap * 2 : 256;
		p->units = xrealloc(p->units, *cap * sizeof(*p->units));
	}
	u = &p->units[p->nunits++];
	memset(u, 0, sizeof(*u));
	u->input = input;
	u->entry = entry;
	return u;
}

static int
known_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct entry_rec *)elem)->name);
}

/* Whether a poll must parse this entry: new, or its CRC or size moved. */
static int
entry_changed(struct pipeline *p, const zip_stat_t *zs)
{
	struct entry_rec	*k;

	if (p->opts->source == NULL || p->nknown == 0)
		return 1;
	k = bsearch(zs->name, p->known, p->nknown, sizeof(*p->known),
	    known_cmp);
	if (k == NULL)
		return 1;
	k->seen = 1;
	return k->crc != zs->crc || k->size != zs->size;
}

static size_t
add_input(struct pipeline *p, const char *path, int zip)
{
	struct input	*in;

	p->inputs = xrealloc(p->inputs, (p->ninputs + 1) *
	    sizeof(*p->inputs));
	in = &p->inputs[p->ninputs];
	memset(in, 0, sizeof(*in));
	in->path = xstrdup(path);
	in->zip = zip;
	pthread_mutex_init(&in->lock, NULL);
	return p->ninputs++;
}

static const char *
name_copy(struct pipeline *p, const char *s)
{
	size_t		 n = strlen(s) + 1;
	struct names	*c = p->names;
	char		*out;

	if (c == NULL || c->size - c->used < n) {
		size_t	size = n > NAMES_CHUNK ? n : NAMES_CHUNK;

		c = xmalloc(offsetof(struct names, data) + size);
		c->next = p->names;
		c->used = 0;
		c->size = size;
		p->names = c;
	}
	out = c->data + c->used;
	memcpy(out, s, n);
	c->used += n;
	return out;
}

static int
plan_zip(struct pipeline *p, size_t *cap, const char *path,
    struct error *err)
{
	zip_t		*za;
	zip_int64_t	 i, n;
	size_t		 in;

	if ((za = open_zip(path, err)) == NULL)
		return -1;
	in = add_input(p, path, 1);
	n = zip_get_num_entries(za, 0);
	p->inputs[in].nentries = n;
	/* Room for them all at once: no doubling's slack. */
	if (n > 0 && *cap < p->nunits + (size_t)n) {
		*cap = p->nunits + (size_t)n;
		p->units = xrealloc(p->units, *cap * sizeof(*p->units));
	}
	for (i = 0; i < n; i++) {
		zip_stat_t	 zs;
		struct unit	*u;

		if (zip_stat_index(za, (zip_uint64_t)i, 0, &zs) == -1 ||
		    !(zs.valid & ZIP_STAT_NAME) || (!has_suffix(zs.name,
		    ".json") && !has_suffix(zs.name, ".sql")))
			continue;
		p->entries++;
		if (!entry_changed(p, &zs))
			continue;
		u = add_unit(p, cap, in, i);
		u->name = name_copy(p, zs.name);
		u->crc = zs.crc;
		u->size = (unsigned long)zs.size;
		u->stream = has_suffix(zs.name, ".sql") ||
		    ((zs.valid & ZIP_STAT_SIZE) && zs.size > STREAM_JSON);
		/* A stream is read through a handle of its own. */
		if (!u->stream)
			p->inputs[in].left++;
	}
	/* The first archive with units to read stays open for them. */
	for (i = 0; i < (zip_int64_t)in; i++)
		if (p->inputs[i].left > 0)
			break;
	if (i == (zip_int64_t)in && p->inputs[in].left > 0)
		p->inputs[in].za = za;
	else
		zip_discard(za);
	return 0;
}

static int
plan_path(struct pipeline *p, size_t *cap, const char *path, int depth,
    struct error *err);

static int
plan_dir(struct pipeline *p, size_t *cap, const char *path, int depth,
    struct error *err)
{
	struct dirent	**names;
	int		  i, n, rc = 0;

	if (depth > MAX_DEPTH)
		return error_set(err, EXIT_DATAERR, "%s: folders nested more "
		    "than %d deep", path, MAX_DEPTH);
	if ((n = scandir(path, &names, NULL, alphasort)) == -1)
		return error_set(err, EXIT_NOINPUT, "%s: %s", path,
		    error_errno(errno));
	for (i = 0; i < n; i++) {
		const char	*d = names[i]->d_name;
		char		*sub;
		struct stat	 sb;

		if (rc == 0 && d[0] != '.') {
			sub = xasprintf("%s/%s", path, d);
			if (stat(sub, &sb) == 0 && (S_ISDIR(sb.st_mode) ||
			    has_suffix(d, ".json") || has_suffix(d, ".zip") ||
			    has_suffix(d, ".sql")))
				rc = plan_path(p, cap, sub, depth + 1, err);
			free(sub);
		}
		free(names[i]);
	}
	free(names);
	return rc;
}

static int
plan_path(struct pipeline *p, size_t *cap, const char *path, int depth,
    struct error *err)
{
	struct stat	sb;
	char		magic[4] = { 0 };
	FILE		*fp;
	struct unit	*u;

	if (stat(path, &sb) == -1)
		return error_set(err, errno == ENOENT ? EXIT_NOINPUT :
		    EXIT_IOERR, "%s: %s", path, error_errno(errno));
	if (S_ISDIR(sb.st_mode))
		return plan_dir(p, cap, path, depth, err);
	/* A FIFO or a device would hang the import under the write lock. */
	if (!S_ISREG(sb.st_mode))
		return error_set(err, EXIT_NOINPUT, "%s: not a regular file "
		    "or a folder", path);
	if ((fp = fopen(path, "rb")) == NULL)
		return error_set(err, EXIT_NOINPUT, "%s: %s", path,
		    error_errno(errno));
	if (fread(magic, 1, sizeof(magic), fp) != sizeof(magic))
		magic[0] = '\0';
	fclose(fp);
	if (memcmp(magic, "PK", 2) == 0 || has_suffix(path, ".zip"))
		return plan_zip(p, cap, path, err);
	u = add_unit(p, cap, add_input(p, path, 0), -1);
	u->stream = has_suffix(path, ".sql") || sb.st_size > STREAM_JSON;
	u->size = (unsigned long)sb.st_size;
	return 0;
}

static int
thread_count(const struct ingest_opts *o, size_t nunits)
{
	long	n = o->threads;

	/* The writer keeps a core busy: parsing (yajl, cheap) on the
	 * others. With 2 cores, 2 workers and the writer ran 18 % slower
	 * than 1 worker and the writer (docs/performance.md). */
	if (n <= 0)
		n = sysconf(_SC_NPROCESSORS_ONLN) - 1;
	if (n < 1)
		n = 1;
	if (n > MAX_THREADS)
		n = MAX_THREADS;
	if ((size_t)n > nunits)
		n = nunits > 0 ? (long)nunits : 1;
	return (int)n;
}

static void
count_put(struct run_counts *c, const struct question *q,
    const struct put_result *r)
{
	c->questions++;
	if (r->outcome == PUT_NEW)
		c->added++;
	else if (r->outcome == PUT_CHANGED)
		c->changed++;
	else
		c->unchanged++;
	if (r->new_answer) {
		int	dl = rules_deadline_at(q, q->answered, NULL);

		c->answered++;
		if (dl != DATE_NONE && q->answered > dl)
			c->answered_late++;
	}
	c->signaled += r->new_signal;
	c->ministry_changes += r->new_ministry;
	c->answers_kept += r->answer_kept;
}

/* Polls: remembers the entry as ingested, with its question. */
static int
track_entry(struct pipeline *p, struct store *st, const struct item *it,
    long question_id, struct error *err)
{
	const struct unit	*u = &p->units[it->seq];

	if (p->opts->source == NULL || u->name == NULL)
		return 0;
	return store_entry_put(st, p->opts->source, u->name, u->crc, u->size,
	    question_id, err);
}

/*
 * An event the stored data has, of the same kind and day, is that one:
 * the page's differs only by its detail (a JO page the CSV lacks), and
 * two rows would show one publication twice.
 */
static void
same_events(struct question *q, const struct question *old)
{
	size_t	i, j;

	for (i = 0; i < q->nevents; i++)
		for (j = 0; j < old->nevents; j++)
			if (strcmp(q->events[i].kind, old->events[j].kind) ==
			    0 && q->events[i].date == old->events[j].date) {
				free(q->events[i].detail);
				q->events[i].detail = xstrdup_null(
				    old->events[j].detail);
				break;
			}
}

/*
 * A page names its author, group and ministries but has no references:
 * what a dump stored wins, the page adds what is missing (its dates, an
 * answer, a closure) and a change of ministry.
 */
static int
merge_page(struct pipeline *p, struct store *st, struct question *q,
    struct error *err)
{
	static const size_t	keep[] = {
		offsetof(struct question, title),
		offsetof(struct question, rubric),
		offsetof(struct question, heading),
		offsetof(struct question, excerpt),
		offsetof(struct question, answer_excerpt),
		offsetof(struct question, text),
		offsetof(struct question, answer_text),
		offsetof(struct question, author_ref),
		offsetof(struct question, author_name),
		offsetof(struct question, group_ref),
		offsetof(struct question, group_abbrev),
		offsetof(struct question, group_name),
		offsetof(struct question, ministry_asked_ref),
		offsetof(struct question, ministry_asked),
		offsetof(struct question, published_page),
		offsetof(struct question, answer_page),
		offsetof(struct question, closure_code),
		offsetof(struct question, closure_label),
	};
	static const struct {
		const char	*name;
		size_t		 off;
	} dates[] = {
		{ "published", offsetof(struct question, published) },
		{ "reattributed", offsetof(struct question, reattributed) },
		{ "signaled", offsetof(struct question, signaled) },
		{ "renewed", offsetof(struct question, renewed) },
		{ "answered", offsetof(struct question, answered) },
		{ "closed", offsetof(struct question, closed) },
	};
	struct question	old;
	size_t		i;
	int		found;

	found = store_get_question(st, q->assembly, q->legislature, q->type,
	    q->number, &old, err);
	/* A page that names no ministry in charge: the one asked. */
	if (found == 0 && q->ministry == NULL && q->ministry_asked != NULL) {
		q->ministry = xstrdup(q->ministry_asked);
		q->hash = 0;
	}
	if (found <= 0)
		return found;
	/* Its whole texts too, so that its hash stays what it was. */
	if (store_get_texts(st, &old, err) == -1) {
		question_clear(&old);
		return -1;
	}
	for (i = 0; i < sizeof(keep) / sizeof(keep[0]); i++) {
		char	**mine = (char **)((char *)q + keep[i]);
		char	**theirs = (char **)((char *)&old + keep[i]);

		if (*theirs != NULL) {
			free(*mine);
			*mine = *theirs;
			*theirs = NULL;
		}
	}
	/* The dump is the dataset of record for what it holds: a date it
	 * has stays, and a page that says otherwise is an anomaly; a page
	 * adds what it does not have yet (a newer answer, a closure). */
	for (i = 0; i < sizeof(dates) / sizeof(dates[0]); i++) {
		int	*mine = (int *)((char *)q + dates[i].off);
		int	 theirs = *(int *)((char *)&old + dates[i].off);
		char	 a[DATE_ISO_LEN], b[DATE_ISO_LEN];

		if (theirs == DATE_NONE)
			continue;
		if (*mine != DATE_NONE && *mine != theirs)
			question_add_anomaly(q, "page_disagrees", "the page "
			    "gives %s %s, the stored data %s; the stored one "
			    "is kept", dates[i].name, date_iso(*mine, a),
			    date_iso(theirs, b));
		*mine = theirs;
	}
	if (q->closure == CLOSURE_NONE)
		q->closure = old.closure;
	same_events(q, &old);
	/* The ministry in charge: the page's, if it names another; but
	 * a transfer the stored data dates stands against an undated one
	 * of the page (a Sénat page's "réattribuée à"). */
	if (q->ministry == NULL || (old.ministry != NULL &&
	    str_contains_folded(old.ministry, q->ministry)) ||
	    (old.reattributed != DATE_NONE && q->reattributed ==
	    DATE_NONE)) {
		free(q->ministry);
		q->ministry = old.ministry;
		old.ministry = NULL;
		free(q->ministry_ref);
		q->ministry_ref = old.ministry_ref;
		old.ministry_ref = NULL;
	}
	question_clear(&old);
	rules_apply(p->rules, q);
	q->hash = 0;		/* merged: the store computes it */
	return 1;
}

/* Where a unit comes from, for messages: "dump.zip: entry.json". */
static char *
unit_name(const struct pipeline *p, size_t seq)
{
	const struct unit	*u = &p->units[seq];
	const char		*path = p->inputs[u->input].path;

	if (u->entry < 0)
		return xstrdup(path);
	return xasprintf("%s: %s", path, u->name);
}

/*
 * Whether this run stored question `id` already: a table by id (the
 * store's ids are its rows', dense: 8 bytes a question where a set of
 * uids took 55 a question stored). Returns the earlier unit, or -1 (and remembers this
 * one), or -2 with err set for an id past the table's bound.
 */
static long
seen_before(struct pipeline *p, long id, size_t seq, struct error *err)
{
	size_t	cap, was;

	if (id <= 0 || id >= SEEN_MAX_ID)
		return error_set(err, EXIT_SOFTWARE, "question id %ld: outside "
		    "1 to %ld, what one run can tell repeated", id,
		    SEEN_MAX_ID - 1), -2;
	if ((size_t)id >= p->seen_cap) {
		for (cap = p->seen_cap ? p->seen_cap : 1024; cap <= (size_t)id;)
			cap *= 2;
		p->seen = xrealloc(p->seen, cap * sizeof(*p->seen));
		memset(p->seen + p->seen_cap, 0, (cap - p->seen_cap) *
		    sizeof(*p->seen));
		p->seen_cap = cap;
	}
	was = p->seen[id];
	p->seen[id] = seq + 1;
	return was == 0 ? -1 : (long)(was - 1);
}

/*
 * The same question twice in one run: the later unit (the archive's
 * order) is the one that stays, and the repeat is an anomaly.
 */
static int
note_repeat(struct pipeline *p, struct store *st, const struct item *it,
    const struct question *q, long id, struct error *err)
{
	char	 uid[64], *a, *b, *detail;
	long	 first;
	int	 rc;

	if ((first = seen_before(p, id, it->seq, err)) < 0)
		return first == -1 ? 0 : -1;
	question_uid(q, uid, sizeof(uid));
	a = unit_name(p, (size_t)first);
	b = unit_name(p, it->seq);
	detail = xasprintf("%s in %s and in %s; the later one is kept", uid,
	    a, b);
	log_warnx("%s", detail);
	rc = store_add_anomaly(st, id, "repeated_in_source", detail, err);
	free(detail);
	free(a);
	free(b);
	return rc;
}

/* Stores one question of an item; returns -1 on a database error. */
static int
store_one(struct pipeline *p, struct store *st, const struct item *it,
    struct question *q, const char *source, struct ingest_result *res,
    struct error *err)
{
	struct put_result	r;

	if (strcmp(q->type, "QE") != 0) {
		res->counts.skipped++;
		return 0;
	}
	if (it->from_page && merge_page(p, st, q, err) == -1)
		return -1;
	if (store_put_question(st, q, source, &r, err) == -1 ||
	    (it->kind == IT_QUESTION && track_entry(p, st, it, r.id,
	    err) == -1) || note_repeat(p, st, it, q, r.id, err) == -1)
		return -1;
	count_put(&res->counts, q, &r);
	if (r.answer_kept) {
		char	uid[64];

		question_uid(q, uid, sizeof(uid));
		log_warnx("%s: the source has no answer for %s any more; the "
		    "stored answer is kept", source, uid);
	}
	return 0;
}

/*
 * A .sql unit, read by the writer as a stream: a file, or a zip entry
 * through a libzip handle of its own (the workers share the other).
 * libzip checks the CRC as the last bytes are read.
 */
struct unit_stream {
	const char	*path;		/* the file or the archive */
	const char	*name;		/* for messages */
	zip_int64_t	 entry;		/* -1: a file */
	zip_t		*za;
	zip_file_t	*zf;
	FILE		*fp;
	unsigned long	 size;		/* the entry's, from its header */
	unsigned long	 got;
};

static int
unit_stream_open(struct unit_stream *us, struct error *err)
{
	if (us->entry < 0) {
		if ((us->fp = fopen(us->path, "rb")) == NULL)
			return error_set(err, EXIT_NOINPUT, "%s: %s", us->path,
			    error_errno(errno));
		return 0;
	}
	if (us->za == NULL && (us->za = open_zip(us->path, err)) == NULL)
		return -1;
	if ((us->zf = zip_fopen_index(us->za, (zip_uint64_t)us->entry,
	    0)) == NULL)
		return error_set(err, EXIT_DATAERR, "%s: %s", us->name,
		    zip_strerror(us->za));
	us->got = 0;
	return 0;
}

static void
unit_stream_close(struct unit_stream *us)
{
	if (us->zf != NULL)
		zip_fclose(us->zf);
	if (us->za != NULL)
		zip_discard(us->za);
	if (us->fp != NULL)
		fclose(us->fp);
	us->zf = NULL;
	us->za = NULL;
	us->fp = NULL;
}

static ssize_t
unit_stream_read(void *cookie, void *buf, size_t size, struct error *err)
{
	struct unit_stream	*us = cookie;
	zip_int64_t		 n;
	size_t			 r;

	if (us->fp != NULL) {
		r = fread(buf, 1, size, us->fp);
		if (r == 0 && ferror(us->fp))
			return error_set(err, EXIT_IOERR, "%s: %s", us->name,
			    error_errno(errno));
		return (ssize_t)r;
	}
	if ((n = zip_fread(us->zf, buf, size)) < 0)
		return error_set(err, EXIT_DATAERR, "%s: corrupt entry: %s",
		    us->name, zip_file_strerror(us->zf));
	us->got += (unsigned long)n;
	if (us->got > us->size)
		return error_set(err, EXIT_DATAERR, "%s: entry is larger than "
		    "its header says", us->name);
	if (n == 0 && us->got != us->size)
		return error_set(err, EXIT_DATAERR, "%s: truncated entry (%lu "
		    "of %lu bytes)", us->name, us->got, us->size);
	return (ssize_t)n;
}

static int
unit_stream_rewind(void *cookie, struct error *err)
{
	struct unit_stream	*us = cookie;

	if (us->fp != NULL) {
		rewind(us->fp);
		return 0;
	}
	zip_fclose(us->zf);
	us->zf = NULL;
	return unit_stream_open(us, err);
}

static int	grown_too_much(struct pipeline *, struct store *,
		    struct error *);

/*
 * A stream is parsed on a thread of its own while the writer stores what
 * it parsed: the parser (with the rules and each question's hash, as the
 * workers do for units) and SQLite each take about half an import, and
 * a machine has two cores at least. Questions travel in batches through
 * a queue of at most STREAM_QUEUE, so memory does not grow with the dump.
 */
#define STREAM_BATCH	64
#define STREAM_QUEUE	8

struct sbatch {
	struct question	q[STREAM_BATCH];
	size_t		n;
};

struct stream_run {
	struct pipeline			*p;
	const struct source_kind	*sk;
	const struct source_stream	*s;
	struct source_ctx		 ctx;
	const char			*name;

	pthread_mutex_t			 lock;
	pthread_cond_t			 cv;
	struct sbatch			*queue[STREAM_QUEUE];
	size_t				 head, count;
	struct sbatch			*cur;		/* being filled */
	int				 done;		/* the parser ended */
	int				 stop;		/* the writer failed */
	int				 parse_rc;
	struct error			 perr;
};

/* The parser's side: a batch into the queue, waiting for room. */
static int
stream_push(struct stream_run *sr)
{
	int	stopped;

	pthread_mutex_lock(&sr->lock);
	while (sr->count == STREAM_QUEUE && !sr->stop)
		pthread_cond_wait(&sr->cv, &sr->lock);
	stopped = sr->stop;
	if (!stopped) {
		sr->queue[(sr->head + sr->count++) % STREAM_QUEUE] = sr->cur;
		sr->cur = NULL;
		pthread_cond_broadcast(&sr->cv);
	}
	pthread_mutex_unlock(&sr->lock);
	return stopped ? -1 : 0;
}

static int
stream_emit(struct question *q, void *arg, struct error *err)
{
	struct stream_run	*sr = arg;

	if (question_size(q) > QUESTION_MAX_BYTES)
		return error_set(err, EXIT_DATAERR, "%s: question %ld holds %zu "
		    "bytes of texts and events, more than the %d one question "
		    "may", sr->name, q->number, question_size(q),
		    QUESTION_MAX_BYTES);
	if (strcmp(q->type, "QE") == 0) {
		rules_apply(sr->p->rules, q);
		rules_anomalies(q);
		question_prepare(q);
	}
	if (sr->cur == NULL)
		sr->cur = xcalloc(1, sizeof(*sr->cur));
	/* Moved, not copied: the parser clears the emptied one. */
	sr->cur->q[sr->cur->n++] = *q;
	question_init(q);
	if (sr->cur->n == STREAM_BATCH && stream_push(sr) == -1)
		return error_set(err, EXIT_SOFTWARE, "stopped");
	return 0;
}

static void
sbatch_free(struct sbatch *b)
{
	size_t	i;

	if (b == NULL)
		return;
	for (i = 0; i < b->n; i++)
		question_clear(&b->q[i]);
	free(b);
}

static void *
stream_parser(void *arg)
{
	struct stream_run	*sr = arg;

	sr->parse_rc = sr->sk->parse_stream(sr->s, sr->name, &sr->ctx,
	    stream_emit, sr, &sr->perr);
	if (sr->parse_rc == 0 && sr->cur != NULL && stream_push(sr) == -1)
		sr->parse_rc = -1;
	pthread_mutex_lock(&sr->lock);
	sr->done = 1;
	pthread_cond_broadcast(&sr->cv);
	pthread_mutex_unlock(&sr->lock);
	return NULL;
}

/* The writer's side: the next batch, or NULL once the parser ended. */
static struct sbatch *
stream_pop(struct stream_run *sr)
{
	struct sbatch	*b = NULL;

	pthread_mutex_lock(&sr->lock);
	while (sr->count == 0 && !sr->done)
		pthread_cond_wait(&sr->cv, &sr->lock);
	if (sr->count > 0) {
		b = sr->queue[sr->head];
		sr->head = (sr->head + 1) % STREAM_QUEUE;
		sr->count--;
		pthread_cond_broadcast(&sr->cv);
	}
	pthread_mutex_unlock(&sr->lock);
	return b;
}

/* Parses on a thread and stores here; 0, or -1 with err set. */
static int
stream_run(struct stream_run *sr, struct store *st, const struct item *it,
    const char *source, struct ingest_result *res, struct error *err)
{
	struct sbatch	*b;
	pthread_t	 tid;
	unsigned long	 n = 0;
	size_t		 i;
	int		 failed = 0;

	pthread_mutex_init(&sr->lock, NULL);
	pthread_cond_init(&sr->cv, NULL);
	error_clear(&sr->perr);
	if (pthread_create(&tid, NULL, stream_parser, sr) != 0) {
		pthread_cond_destroy(&sr->cv);
		pthread_mutex_destroy(&sr->lock);
		return error_set(err, EXIT_SOFTWARE, "cannot start a thread");
	}
	while ((b = stream_pop(sr)) != NULL) {
		for (i = 0; i < b->n && !failed; i++) {
			if (util_stop_requested())
				failed = error_set(err, EXIT_TEMPFAIL,
				    "import interrupted");
			else if (store_one(sr->p, st, it, &b->q[i], source, res,
			    err) == -1 || (++n % 4096 == 0 &&
			    grown_too_much(sr->p, st, err)))
				failed = -1;
		}
		sbatch_free(b);
		if (failed) {
			/* The parser stops at its next batch; what it
			 * queued meanwhile is dropped. */
			pthread_mutex_lock(&sr->lock);
			sr->stop = 1;
			pthread_cond_broadcast(&sr->cv);
			pthread_mutex_unlock(&sr->lock);
		}
	}
	pthread_join(tid, NULL);
	sbatch_free(sr->cur);
	pthread_cond_destroy(&sr->cv);
	pthread_mutex_destroy(&sr->lock);
	if (failed)
		return -1;
	if (sr->parse_rc == -1) {
		*err = sr->perr;
		return -1;
	}
	return 0;
}

/* Reads a .sql unit as a stream into the store. */
static int
store_stream(struct pipeline *p, struct store *st, const struct item *it,
    const char *source, struct ingest_result *res, struct error *err)
{
	const struct unit	*u = &p->units[it->seq];
	struct unit_stream	 us;
	struct source_stream	 s = { unit_stream_read, unit_stream_rewind,
				    &us };
	struct source_ctx	 ctx = { p->opts->sort_labels };
	struct stream_run	 sr;
	const struct source_kind *sk = NULL;
	char			*head, *name;
	ssize_t			 n;
	size_t			 i, len = 0;
	int			 rc = -1;

	memset(&us, 0, sizeof(us));
	us.path = p->inputs[u->input].path;
	us.entry = u->entry;
	us.size = u->size;
	name = u->entry < 0 ? xstrdup(us.path) : xasprintf("%s: %s", us.path,
	    u->name);
	us.name = name;
	if (unit_stream_open(&us, err) == -1)
		goto out;
	/* Its kind, from its start. */
	head = xmalloc(65536);
	while (len < 65536 && (n = unit_stream_read(&us, head + len,
	    65536 - len, err)) > 0)
		len += (size_t)n;
	for (i = 0; (sk = source_kind_at(i)) != NULL; i++)
		if (sk->parse_stream != NULL && sk->recognise(head, len,
		    u->entry >= 0))
			break;
	free(head);
	if (sk == NULL) {
		error_set(err, EXIT_DATAERR, "%s: not a file of any source "
		    "kind qetracker reads%s", name, u->size > STREAM_JSON ?
		    " (too large for one document, and not the AN's archive "
		    "of questions, {\"questionsEcrites\": ...})" : "");
		goto out;
	}
	if (unit_stream_rewind(&us, err) == -1)
		goto out;
	memset(&sr, 0, sizeof(sr));
	sr.p = p;
	sr.sk = sk;
	sr.s = &s;
	sr.ctx = ctx;
	sr.name = name;
	if (stream_run(&sr, st, it, source, res, err) == 0)
		rc = track_entry(p, st, it, 0, err);
out:
	unit_stream_close(&us);
	free(name);
	return rc;
}

/* Stores one item; returns -1 on a database error. */
static int
store_item(struct pipeline *p, struct store *st, struct item *it,
    const char *source, struct ingest_result *res, struct error *err)
{
	size_t	i;

	if (it->kind == IT_NAME) {
		res->counts.amo++;
		if (store_put_name(st, &it->name, err) == -1)
			return -1;
		return track_entry(p, st, it, 0, err);
	}
	if (it->kind == IT_STREAM)
		return store_stream(p, st, it, source, res, err);
	if (it->kind == IT_ROWS) {
		for (i = 0; i < it->nrows; i++)
			if (store_one(p, st, it, &it->rows[i], source, res,
			    err) == -1)
				return -1;
		return track_entry(p, st, it, 0, err);
	}
	if (strcmp(it->q.type, "QE") != 0) {
		res->counts.skipped++;
		return track_entry(p, st, it, 0, err);
	}
	return store_one(p, st, it, &it->q, source, res, err);
}

/* Handles one parsed item; sets *failed on the first error. */
static void
drain_item(struct pipeline *p, struct store *st, const struct ingest_opts *o,
    struct item *it, int *failed, size_t *bad_seq, struct ingest_result *res,
    struct error *err)
{
	if (it->kind == IT_ERROR && o->skip_bad) {
		buf_printf(&res->bad, "%s\n", it->err.msg);
		res->counts.bad++;
	} else if (it->kind == IT_ERROR) {
		if (it->seq < *bad_seq) {
			*bad_seq = it->seq;
			*err = it->err;
		}
		if (!*failed)
			stop_workers(p);
		*failed = 1;
	} else if (!*failed && store_item(p, st, it, p->opts->source ?
	    p->opts->source : p->inputs[p->units[it->seq].input].path, res,
	    err) == -1) {
		*failed = 1;
		stop_workers(p);
	}
}

/* Whether the run grew the database past its cap (err then set). */
static int
grown_too_much(struct pipeline *p, struct store *st, struct error *err)
{
	long long	now;

	if (p->opts->max_growth <= 0 || p->size0 < 0 ||
	    (now = store_size(st)) < 0 || now - p->size0 <= p->opts->max_growth)
		return 0;
	error_set(err, EXIT_DATAERR, "%s: this run would grow the database "
	    "by more than %lld MB ([import] max_growth_mb); nothing was "
	    "stored", p->opts->source ? p->opts->source : p->ninputs > 0 ?
	    p->inputs[0].path : "import", p->opts->max_growth >> 20);
	return 1;
}

/*
 * Drains the queue into the store. On a bad item (without skip_bad) the
 * workers are stopped and the error of the earliest unit is reported.
 */
static int
drain(struct pipeline *p, struct store *st, const struct ingest_opts *o,
    struct ingest_result *res, struct error *err)
{
	struct batch	*b;
	size_t		 done = 0, bad_seq = (size_t)-1, i;
	int		 failed = 0;

	while ((b = pop(p)) != NULL) {
		if (!failed && util_stop_requested()) {
			error_set(err, EXIT_TEMPFAIL, "import interrupted");
			failed = 1;
			stop_workers(p);
		}
		for (i = 0; i < b->n; i++)
			drain_item(p, st, o, b->items[i], &failed, &bad_seq,
			    res, err);
		done += b->n;
		if (!failed && (done % 1024 < BATCH || done == p->nunits) &&
		    grown_too_much(p, st, err)) {
			failed = 1;
			stop_workers(p);
		}
		if (o->progress && (done % 512 < BATCH || done == p->nunits))
			log_progress("import", done, p->nunits);
		batch_free(b);
	}
	log_progress_end();
	return failed ? -1 : 0;
}

static int
run_pipeline(struct pipeline *p, struct store *st,
    const struct ingest_opts *o, struct ingest_result *res,
    struct error *err)
{
	pthread_t	tids[MAX_THREADS];
	int		n = thread_count(o, p->nunits), i, started = 0, rc;

	source_kinds_init();	/* and libxml2 */
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->not_full, NULL);
	pthread_cond_init(&p->not_empty, NULL);
	pthread_cond_init(&p->input_turn, NULL);
	while (p->first_unread < p->ninputs &&
	    p->inputs[p->first_unread].left == 0)
		p->first_unread++;
	p->alive = n;
	for (i = 0; i < n; i++) {
		if (pthread_create(&tids[i], NULL, worker, p) != 0)
			break;
		started++;
	}
	if (started < n) {
		pthread_mutex_lock(&p->lock);
		p->alive -= n - started;
		pthread_mutex_unlock(&p->lock);
	}
	if (started == 0)
		rc = error_set(err, EXIT_SOFTWARE, "cannot start a thread");
	else
		rc = drain(p, st, o, res, err);
	for (i = 0; i < started; i++)
		pthread_join(tids[i], NULL);
	pthread_cond_destroy(&p->not_full);
	pthread_cond_destroy(&p->not_empty);
	pthread_cond_destroy(&p->input_turn);
	pthread_mutex_destroy(&p->lock);
	return rc;
}

/*
 * Polls: entries gone from the archive. Their questions stay (nothing
 * upstream says they were deleted); each gets a "removed" event.
 */
static int
removed_entries(struct pipeline *p, struct store *st,
    struct ingest_result *res, struct error *err)
{
	size_t	i;

	if (p->opts->source == NULL)
		return 0;
	for (i = 0; i < p->nknown; i++) {
		struct entry_rec	*k = &p->known[i];

		if (k->seen)
			continue;
		if (k->question_id > 0) {
			res->counts.removed++;
			if (store_add_event(st, k->question_id, EV_REMOVED,
			    DATE_NONE, p->opts->source, err) == -1)
				return -1;
		}
		if (store_entry_delete(st, p->opts->source, k->name, err) == -1)
			return -1;
	}
	return 0;
}

/* The safety valve; 0, or -1 with the reason. */
static int
safety_valve(struct pipeline *p, const struct ingest_result *res,
    struct error *err)
{
	const struct ingest_opts	*o = p->opts;
	unsigned long			 known = 0;
	size_t				 i;

	if (o->source == NULL || o->force)
		return 0;
	for (i = 0; i < p->nknown; i++)
		known += p->known[i].question_id > 0;
	if (known > 0 && res->counts.removed * 100 >
	    known * (unsigned long)o->max_removed_percent)
		return error_set(err, EXIT_DATAERR, "the new archive drops "
		    "%lu of the %lu questions known from it (more than "
		    "max_removed_percent = %d %%); nothing was applied, "
		    "--force applies it", res->counts.removed, known,
		    o->max_removed_percent);
	if (res->counts.answers_kept > (unsigned long)o->max_lost_answers)
		return error_set(err, EXIT_DATAERR, "the new archive lacks "
		    "%lu answers already stored (more than max_lost_answers = "
		    "%d); nothing was applied, --force applies it",
		    res->counts.answers_kept, o->max_lost_answers);
	return 0;
}

static int
finish_run(struct pipeline *p, struct store *st, struct ingest_result *res,
    struct error *err)
{
	const struct ingest_opts	*o = p->opts;

	res->counts.entries = p->entries;
	res->counts.parsed = p->nunits;
	res->counts.http_status = o->http_status;
	res->counts.bytes = o->bytes;
	if (removed_entries(p, st, res, err) == -1 ||
	    safety_valve(p, res, err) == -1)
		return -1;
	if (o->source != NULL && store_source_put(st, o->source,
	    o->source_kind, o->source_url, o->etag, o->last_modified,
	    err) == -1)
		return -1;
	return store_run_finish(st, &res->counts, err);
}

/* With -v: each input, and how many units it gave. */
static void
log_inputs(const struct pipeline *p)
{
	size_t	i, j, n;

	for (i = 0; i < p->ninputs; i++) {
		for (j = n = 0; j < p->nunits; j++)
			n += p->units[j].input == i;
		log_info("import: %s: %s, %zu unit%s", p->inputs[i].path,
		    p->inputs[i].zip ? "zip archive" : "file", n,
		    n == 1 ? "" : "s");
	}
}

int
ingest_paths(struct store *st, const struct rules_settings *rules,
    char *const paths[], size_t npaths, const struct ingest_opts *o,
    struct ingest_result *res, struct error *err)
{
	struct pipeline	 p;
	struct buf	 src;
	size_t		 cap = 0, i;
	long		 started = date_now();
	double		 t0;
	int		 rc = -1;

	memset(&p, 0, sizeof(p));
	p.rules = rules;
	p.opts = o;
	buf_init(&src);
	for (i = 0; i < npaths; i++)
		buf_printf(&src, "%s%s", i ? " " : "", paths[i]);
	if (store_begin(st, err) == -1)
		goto out;
	p.size0 = store_size(st);
	if (store_run_begin(st, o->command ? o->command : "import",
	    o->source ? o->source : src.data, started, err) == -1)
		goto fail;
	if (o->source != NULL && store_entries_load(st, o->source, &p.known,
	    &p.nknown, err) == -1)
		goto fail;
	for (i = 0; i < npaths; i++)
		if (plan_path(&p, &cap, paths[i], 0, err) == -1)
			goto fail;
	/* The directories read to plan are freed: give their pages back,
	 * or the workers' own copies would come on top of them. */
	malloc_trim(0);
	res->counts.files = p.nunits;
	if (log_enabled(LOG_LEVEL_INFO))
		log_inputs(&p);
	t0 = util_seconds();
	if (run_pipeline(&p, st, o, res, err) == -1 ||
	    finish_run(&p, st, res, err) == -1 || store_commit(st, err) == -1)
		goto fail;
	log_info("import: %zu units read and stored in %.3f s: %lu questions, "
	    "%lu names", p.nunits, util_seconds() - t0, res->counts.questions,
	    res->counts.amo);
	rc = 0;
	goto out;
fail:
	store_rollback(st);
out:
	for (i = 0; i < p.ninputs; i++) {
		free(p.inputs[i].path);
		if (p.inputs[i].za != NULL)
			zip_discard(p.inputs[i].za);
		pthread_mutex_destroy(&p.inputs[i].lock);
	}
	free(p.inputs);
	free(p.units);
	while (p.names != NULL) {
		struct names	*next = p.names->next;

		free(p.names);
		p.names = next;
	}
	free(p.seen);
	store_entries_free(p.known, p.nknown);
	buf_free(&src);
	return rc;
}
