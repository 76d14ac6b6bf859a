/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * serve.c: HTTP for calendar clients (RFC 9110).
 *
 * The whole site (export layout) lives in memory in a reference-counted
 * cache; requests take a reference, responses release it when sent, and
 * the main thread builds a new cache when another process changed the
 * database (PRAGMA data_version) or the day changed, then swaps it in.
 * Only paths of the cache are answered: nothing is read from disk, so no
 * path can escape. Every response has a strong ETag (a hash of its body)
 * and Last-Modified (the newest change of its content); If-None-Match
 * wins over If-Modified-Since; an unparseable date is ignored. Bodies are
 * gzipped once, on first demand. Watchlist tokens are compared in constant
 * time and an unknown one is the same 404 as any missing path.
 *
 * With [serve] root, the files are instead an export's on disk (what
 * `export` or `run` keeps current there), sent with sendfile, their .gz
 * siblings to the clients that take gzip, as nginx's gzip_static does:
 * memory stays small whatever the site's size. A path is opened beneath
 * the root only (a folder at a time, no symlink followed, no component
 * that starts with a dot); what is not there falls to the pages made per
 * request, then 404.
 */
#include "serve.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>
#include <string.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>
#include <jansson.h>
#include <microhttpd.h>

#include "config.h"
#include "date.h"
#include "error.h"
#include "api.h"
#include "export.h"
#include "filter.h"
#include "i18n.h"
#include "http.h"
#include "log.h"
#include "pages.h"
#include "store.h"
#include "util.h"

#define SERVE_PATH_MAX	512
/*
 * A request's head: its URI up to 8 KiB (else 414), each header line up to
 * 8 KiB and all of them up to 16 KiB (else 431), as nginx's buffers of
 * 8 kB. A connection's memory leaves MHD room to answer 431 itself past
 * that, rather than closing without a word.
 */
#define SERVE_URI_MAX		8192
#define SERVE_LINE_MAX		8192
#define SERVE_HEAD_MAX		16384
#define SERVE_MEMORY		(48 * 1024)
/* A page made per request is gzipped from this size on. */
#define SERVE_GZIP_MIN		1024

struct entry {
	const struct site_file	*f;
	char			 etag[24];
	char			 etag_gz[28];
	char			 lastmod[40];
	unsigned char		*gz;		/* gzipped body, on demand */
	size_t			 gzlen;
	int			 gz_tried;
	pthread_mutex_t		 gz_lock;	/* this entry's: one large gzip
						 * stalls no other request */
};

struct cache {
	int		 refs;
	struct site	 site;
	struct pages_index *uids;	/* question/<uid>.html */
	struct entry	*e;		/* sorted by path */
	size_t		 n;
	long		 version;
	int		 day;
};

/*
 * A client connection, for the deadline of a request's head: a client
 * that trickles its headers (slowloris) keeps MHD's idle timeout from
 * firing; the sweeper shuts down a connection whose head is not complete
 * within header_timeout, as nginx's client_header_timeout does.
 */
struct conn {
	struct conn		*prev, *next;	/* the server's list */
	int			 fd;
	int			 in_request;	/* head read, being answered */
	int			 shut;
	struct timespec		 since;		/* waiting for a head since */
};

/* One request: the URI as the client sent it, before decoding. */
struct request {
	char	*raw;
	int	 started;	/* the handler has seen it once */
};

struct rootdir {
	int	fd;
	dev_t	dev;
	ino_t	ino;
	int	refs;
};

struct server {
	pthread_mutex_t		 lock;
	struct cache		*cur;
	struct MHD_Daemon	*d;
	/* The connections and their sweeper. */
	pthread_mutex_t		 conns_lock;
	struct conn		*conns;
	pthread_t		 sweeper;
	int			 sweeping;
	int			 header_timeout;
	int			 stop;
	/* The pages made per request (a question, a search) read the
	 * database through connections of their own, one per thread that
	 * needs one, kept for the next request. */
	const struct config	*cf;
	struct site_settings	 site;
	char			*db_path;
	pthread_mutex_t		 pool_lock;
	struct store		**pool;
	size_t			 npool;
	/* [serve] root: the export served from disk, or NULL; rd its
	 * folder, opened once and again when export swapped a new one in
	 * (under lock, requests holding a reference). */
	char			*root;
	struct rootdir		*rd;
};

static const char not_found[] = "404 Not Found\n";

static void
on_signal(int sig)
{
	(void)sig;
	util_request_stop();
}

static int
entry_cmp(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->f->path,
	    ((const struct entry *)b)->f->path);
}

static void
cache_free(struct cache *c)
{
	size_t	i;

	if (c == NULL)
		return;
	for (i = 0; i < c->n; i++) {
		free(c->e[i].gz);
		pthread_mutex_destroy(&c->e[i].gz_lock);
	}
	free(c->e);
	site_free(&c->site);
	pages_index_free(c->uids);
	free(c);
}

static struct cache *
cache_build(struct store *st, const struct config *cf, int asof,
    struct error *err)
{
	struct site_settings	 ss = config_site(cf);
	struct cache		*c = xcalloc(1, sizeof(*c));
	size_t			 i;

	/* The version before the data is read: a commit while the cache
	 * is made leaves it older than the database, and the next check
	 * makes it again. Read after, it would stamp the commit's version
	 * on the data before it, and serve that until the next change. */
	c->version = store_data_version(st);
	/* Served from disk: only the index of the questions' uids, for
	 * the pages and the API made per request. */
	if (cf->serve.root != NULL && cf->serve.root[0] != '\0') {
		if ((c->uids = pages_index_build(st, err)) == NULL) {
			free(c);
			return NULL;
		}
		c->refs = 1;
		c->day = asof;
		return c;
	}
	if (site_build(st, &ss, asof, &c->site, err) == -1) {
		free(c);
		return NULL;
	}
	if ((c->uids = pages_index_build(st, err)) == NULL) {
		site_free(&c->site);
		free(c);
		return NULL;
	}
	c->refs = 1;
	c->day = asof;
	c->n = c->site.n;
	c->e = xcalloc(c->n, sizeof(*c->e));
	for (i = 0; i < c->n; i++) {
		struct entry	*e = &c->e[i];
		uint64_t	 h;

		e->f = &c->site.f[i];
		h = util_hash64(e->f->body, e->f->len);
		snprintf(e->etag, sizeof(e->etag), "\"%016llx\"",
		    (unsigned long long)h);
		snprintf(e->etag_gz, sizeof(e->etag_gz), "\"%016llx-gz\"",
		    (unsigned long long)h);
		date_rfc5322(e->f->changed, 0, e->lastmod, sizeof(e->lastmod));
	}
	qsort(c->e, c->n, sizeof(*c->e), entry_cmp);
	for (i = 0; i < c->n; i++)	/* in place: a mutex is not moved */
		pthread_mutex_init(&c->e[i].gz_lock, NULL);
	return c;
}

static struct cache *
cache_get(struct server *s)
{
	struct cache	*c;

	pthread_mutex_lock(&s->lock);
	c = s->cur;
	c->refs++;
	pthread_mutex_unlock(&s->lock);
	return c;
}

static void
cache_put(struct server *s, struct cache *c)
{
	int	last;

	pthread_mutex_lock(&s->lock);
	last = --c->refs == 0;
	pthread_mutex_unlock(&s->lock);
	if (last)
		cache_free(c);
}

/* Equal strings of equal length, in time independent of where they differ. */
static int
secret_equal(const char *a, const char *b, size_t n)
{
	unsigned char	d = 0;
	size_t		i;

	for (i = 0; i < n; i++)
		d |= (unsigned char)a[i] ^ (unsigned char)b[i];
	return d == 0;
}

static struct entry *
lookup(struct cache *c, const char *path)
{
	struct entry	 key, *e;
	struct site_file f;
	size_t		 i, len = strlen(path);

	if (c->n == 0)		/* served from disk: no files here */
		return NULL;
	memset(&key, 0, sizeof(key));
	memset(&f, 0, sizeof(f));
	if (strncmp(path, "w/", 2) == 0) {
		/* Every watchlist compared, in constant time: no timing
		 * says how much of a token was right. */
		for (i = 0, e = NULL; i < c->n; i++)
			if (c->e[i].f->secret && strlen(c->e[i].f->path) ==
			    len && secret_equal(c->e[i].f->path, path, len))
				e = &c->e[i];
		return e;
	}
	f.path = (char *)path;
	key.f = &f;
	e = bsearch(&key, c->e, c->n, sizeof(*c->e), entry_cmp);
	return e != NULL && !e->f->secret ? e : NULL;
}

/* Gzips a body once, under the entry's own lock. */
static void
gzip_entry(struct entry *e)
{
	pthread_mutex_lock(&e->gz_lock);
	if (!e->gz_tried) {
		e->gz_tried = 1;
		e->gz = http_gzip(e->f->body, e->f->len, &e->gzlen);
	}
	pthread_mutex_unlock(&e->gz_lock);
}

struct held {
	struct server	*s;
	struct cache	*c;
};

static void
release(void *arg)
{
	struct held	*h = arg;

	cache_put(h->s, h->c);
	free(h);
}

static double
mono_now(void)
{
	struct timespec	t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void
on_connection(void *cls, struct MHD_Connection *conn, void **ctx,
    enum MHD_ConnectionNotificationCode toe)
{
	struct server			*s = cls;
	struct conn			*c;
	const union MHD_ConnectionInfo	*ci;

	if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
		c = xcalloc(1, sizeof(*c));
		ci = MHD_get_connection_info(conn,
		    MHD_CONNECTION_INFO_CONNECTION_FD);
		c->fd = ci != NULL ? ci->connect_fd : -1;
		clock_gettime(CLOCK_MONOTONIC, &c->since);
		pthread_mutex_lock(&s->conns_lock);
		c->next = s->conns;
		if (s->conns != NULL)
			s->conns->prev = c;
		s->conns = c;
		pthread_mutex_unlock(&s->conns_lock);
		*ctx = c;
	} else if ((c = *ctx) != NULL) {
		pthread_mutex_lock(&s->conns_lock);
		if (c->prev != NULL)
			c->prev->next = c->next;
		else
			s->conns = c->next;
		if (c->next != NULL)
			c->next->prev = c->prev;
		pthread_mutex_unlock(&s->conns_lock);
		free(c);
		*ctx = NULL;
	}
}

static struct conn *
conn_of(struct MHD_Connection *conn)
{
	const union MHD_ConnectionInfo	*ci = MHD_get_connection_info(conn,
					    MHD_CONNECTION_INFO_SOCKET_CONTEXT);

	return ci != NULL ? ci->socket_context : NULL;
}

/* A head read: the connection is answering, not waiting. */
static void
conn_busy(struct server *s, struct MHD_Connection *conn, int busy)
{
	struct conn	*c = conn_of(conn);

	if (c == NULL)
		return;
	pthread_mutex_lock(&s->conns_lock);
	c->in_request = busy;
	if (!busy)
		clock_gettime(CLOCK_MONOTONIC, &c->since);
	pthread_mutex_unlock(&s->conns_lock);
}

/* Shuts down the connections whose head is late; MHD then closes them. */
static void *
sweeper(void *arg)
{
	struct server	*s = arg;
	struct conn	*c;
	double		 now, since;

	for (;;) {
		pthread_mutex_lock(&s->conns_lock);
		if (s->stop) {
			pthread_mutex_unlock(&s->conns_lock);
			break;
		}
		now = mono_now();
		for (c = s->conns; c != NULL; c = c->next) {
			since = (double)c->since.tv_sec +
			    (double)c->since.tv_nsec / 1e9;
			if (!c->in_request && !c->shut && c->fd >= 0 &&
			    now - since > s->header_timeout) {
				shutdown(c->fd, SHUT_RDWR);
				c->shut = 1;
			}
		}
		pthread_mutex_unlock(&s->conns_lock);
		usleep(200000);
	}
	return NULL;
}

/* The request's URI as sent, kept for the checks and the log. */
static void *
on_uri(void *cls, const char *uri, struct MHD_Connection *conn)
{
	struct request	*r = xcalloc(1, sizeof(*r));

	(void)cls;
	(void)conn;
	r->raw = xstrndup(uri, SERVE_URI_MAX + 1);
	return r;
}

static void
on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
    enum MHD_RequestTerminationCode toe)
{
	struct request	*r = *con_cls;

	(void)toe;
	conn_busy(cls, conn, 0);
	if (r != NULL) {
		free(r->raw);
		free(r);
	}
	*con_cls = NULL;
}

struct header_count {
	const char	*name;
	int		 n;
	size_t		 total;		/* bytes of every line */
	size_t		 longest;
};

static enum MHD_Result
count_header(void *cls, enum MHD_ValueKind kind, const char *key,
    const char *value)
{
	struct header_count	*hc = cls;
	size_t			 n = strlen(key) + (value ? strlen(value) : 0) + 4;

	(void)kind;
	if (hc->name != NULL)
		hc->n += strcasecmp(key, hc->name) == 0;
	hc->total += n;
	if (n > hc->longest)
		hc->longest = n;
	return MHD_YES;
}

static int
header_times(struct MHD_Connection *conn, const char *name)
{
	struct header_count	hc = { name, 0, 0, 0 };

	MHD_get_connection_values(conn, MHD_HEADER_KIND, count_header, &hc);
	return hc.n;
}

/* 414 or 431 for a head past nginx's sizes, else 0. */
static unsigned int
too_large(struct MHD_Connection *conn, const char *raw)
{
	struct header_count	hc = { NULL, 0, 0, 0 };

	if (raw != NULL && strlen(raw) > SERVE_URI_MAX)
		return MHD_HTTP_URI_TOO_LONG;
	MHD_get_connection_values(conn, MHD_HEADER_KIND, count_header, &hc);
	if (hc.longest > SERVE_LINE_MAX || hc.total > SERVE_HEAD_MAX)
		return MHD_HTTP_REQUEST_HEADER_FIELDS_TOO_LARGE;
	return 0;
}

/*
 * What nginx answers 400: a request with two Host headers (or none, in
 * HTTP/1.1: MHD's strict mode), with both Content-Length and
 * Transfer-Encoding (a smuggling vector), or with a NUL or a control
 * character encoded in its path.
 */
static const char *
bad_request(struct MHD_Connection *conn, const char *raw, const char *url)
{
	const char	*p;

	if (header_times(conn, MHD_HTTP_HEADER_HOST) > 1)
		return "more than one Host header";
	if (header_times(conn, MHD_HTTP_HEADER_CONTENT_LENGTH) > 0 &&
	    header_times(conn, MHD_HTTP_HEADER_TRANSFER_ENCODING) > 0)
		return "both Content-Length and Transfer-Encoding";
	for (p = raw; p != NULL && (p = strchr(p, '%')) != NULL; p++)
		if ((p[1] == '0' || p[1] == '1') && p[2] != '\0' &&
		    strchr("0123456789abcdefABCDEF", p[2]) != NULL)
			return "a control character in the path";
	for (p = url; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return "a control character in the path";
	return NULL;
}

/* Writes s into out with every byte a log reader would obey escaped. */
static void
log_escape(const char *s, char *out, size_t size)
{
	size_t	o = 0;

	for (; s != NULL && *s != '\0' && o + 5 < size; s++) {
		unsigned char	c = (unsigned char)*s;

		if (c < 0x20 || c == 0x7f || c == '"' || c == '\\')
			o += (size_t)snprintf(out + o, size - o, "\\x%02x", c);
		else
			out[o++] = (char)c;
	}
	out[o] = '\0';
}

static void
access_log(struct MHD_Connection *conn, const char *method, const char *url,
    const char *version, unsigned int status, size_t len)
{
	const union MHD_ConnectionInfo	*ci;
	char				 ip[INET6_ADDRSTRLEN] = "-", t[40];
	char				 u[820], m[40];
	time_t				 now;
	struct tm			 tm;

	if (!log_enabled(LOG_LEVEL_INFO))
		return;		/* no formatting for lines nobody reads */
	now = (time_t)date_now();
	ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (ci != NULL && ci->client_addr != NULL) {
		if (ci->client_addr->sa_family == AF_INET)
			inet_ntop(AF_INET, &((const struct sockaddr_in *)
			    ci->client_addr)->sin_addr, ip, sizeof(ip));
		else if (ci->client_addr->sa_family == AF_INET6)
			inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)
			    ci->client_addr)->sin6_addr, ip, sizeof(ip));
	}
	localtime_r(&now, &tm);
	strftime(t, sizeof(t), "%d/%b/%Y:%H:%M:%S %z", &tm);
	log_escape(url, u, sizeof(u));
	log_escape(method, m, sizeof(m));
	log_info("%s - - [%s] \"%s %s %s\" %u %zu", ip, t, m, u, version,
	    status, len);
}

static enum MHD_Result
reply_plain(struct MHD_Connection *conn, unsigned int status,
    const char *body, const char *allow)
{
	struct MHD_Response	*r;
	enum MHD_Result		 rc;

	r = MHD_create_response_from_buffer(strlen(body), (void *)body,
	    MHD_RESPMEM_PERSISTENT);
	MHD_add_response_header(r, "Content-Type", "text/plain; charset=utf-8");
	if (allow != NULL)
		MHD_add_response_header(r, "Allow", allow);
	rc = MHD_queue_response(conn, status, r);
	MHD_destroy_response(r);
	return rc;
}

/* An error after which the connection is not to be trusted: closed. */
static enum MHD_Result
reply_close(struct MHD_Connection *conn, unsigned int status,
    const char *body)
{
	struct MHD_Response	*r;
	enum MHD_Result		 rc;

	r = MHD_create_response_from_buffer(strlen(body), (void *)body,
	    MHD_RESPMEM_PERSISTENT);
	MHD_add_response_header(r, "Content-Type", "text/plain; charset=utf-8");
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONNECTION, "close");
	rc = MHD_queue_response(conn, status, r);
	MHD_destroy_response(r);
	return rc;
}

static enum MHD_Result
reply_health(struct server *s, struct MHD_Connection *conn)
{
	struct cache		*c = cache_get(s);
	char			 body[160], d[DATE_ISO_LEN];
	struct MHD_Response	*r;
	enum MHD_Result		 rc;

	snprintf(body, sizeof(body), "{\"status\": \"ok\", \"as_of\": \"%s\", "
	    "\"files\": %zu, \"events\": %zu}\n", date_iso(c->day, d), c->n,
	    c->site.events);
	cache_put(s, c);
	r = MHD_create_response_from_buffer(strlen(body), body,
	    MHD_RESPMEM_MUST_COPY);
	MHD_add_response_header(r, "Content-Type", "application/json");
	MHD_add_response_header(r, "Cache-Control", "no-store");
	rc = MHD_queue_response(conn, MHD_HTTP_OK, r);
	MHD_destroy_response(r);
	return rc;
}

/* 304 when the client's copy is current. */
static int
not_modified(struct MHD_Connection *conn, const struct entry *e,
    const char *etag)
{
	const char	*inm, *ims;
	time_t		 t;

	inm = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_IF_NONE_MATCH);
	if (inm != NULL)
		return http_etag_matches(inm, etag);
	ims = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_IF_MODIFIED_SINCE);
	if (ims == NULL || (t = curl_getdate(ims, NULL)) == -1)
		return 0;
	return e->f->changed <= (long)t;
}

static enum MHD_Result
reply_file(struct server *s, struct MHD_Connection *conn, struct cache *c,
    struct entry *e, unsigned int *status, size_t *len)
{
	struct MHD_Response	*r;
	struct held		*h;
	enum MHD_Result		 rc;
	int			 gz = 0;
	const char		*etag;

	if (http_accepts_gzip(MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_ACCEPT_ENCODING))) {
		gzip_entry(e);
		gz = e->gz != NULL;
	}
	etag = gz ? e->etag_gz : e->etag;
	/*
	 * A 304 is built on the body too: MHD sends no content with it, and
	 * its Content-Length is the 200's, as RFC 9110 8.6 wants (never 0).
	 */
	h = xmalloc(sizeof(*h));
	h->s = s;
	h->c = c;
	r = MHD_create_response_from_buffer_with_free_callback_cls(gz ?
	    e->gzlen : e->f->len, gz ? (void *)e->gz : (void *)e->f->body,
	    release, h);
	if (not_modified(conn, e, etag)) {
		*status = MHD_HTTP_NOT_MODIFIED;
		*len = 0;
	} else {
		MHD_add_response_header(r, "Content-Type", e->f->type);
		*status = MHD_HTTP_OK;
		*len = gz ? e->gzlen : e->f->len;
	}
	if (gz)
		MHD_add_response_header(r, "Content-Encoding", "gzip");
	MHD_add_response_header(r, "ETag", etag);
	MHD_add_response_header(r, "Last-Modified", e->lastmod);
	MHD_add_response_header(r, "Vary", "Accept-Encoding");
	MHD_add_response_header(r, "Cache-Control", e->f->secret ?
	    "private, no-cache" : "public, no-cache");
	rc = MHD_queue_response(conn, *status, r);
	MHD_destroy_response(r);
	return rc;
}

/* A connection to the database for this request: the pool's, or new. */
static struct store *
pool_get(struct server *s, struct error *err)
{
	struct store	*st = NULL;

	pthread_mutex_lock(&s->pool_lock);
	if (s->npool > 0)
		st = s->pool[--s->npool];
	pthread_mutex_unlock(&s->pool_lock);
	if (st == NULL && (st = store_open(s->db_path, err)) != NULL) {
		store_read_rules(st, &s->cf->rules);
		/* Its filters test an index of statuses, not each row. */
		filter_index_enable(st);
	}
	return st;
}

static void
pool_put(struct server *s, struct store *st)
{
	pthread_mutex_lock(&s->pool_lock);
	s->pool = xrealloc(s->pool, (s->npool + 1) * sizeof(*s->pool));
	s->pool[s->npool++] = st;
	pthread_mutex_unlock(&s->pool_lock);
}

/*
 * A page made for this request: its strong ETag (a hash of the body),
 * 304 when the client has it, Last-Modified the site's newest change.
 */
static enum MHD_Result
reply_page_h(struct MHD_Connection *conn, struct cache *c,
    unsigned int status, const char *type, char *body, size_t len,
    size_t total, const char *link, unsigned int *sent, size_t *sent_len);

static enum MHD_Result
reply_page(struct MHD_Connection *conn, struct cache *c, unsigned int status,
    const char *type, char *body, size_t len, unsigned int *sent,
    size_t *sent_len)
{
	return reply_page_h(conn, c, status, type, body, len, (size_t)-1,
	    NULL, sent, sent_len);
}

/* The same, with the API's X-Total-Count (unless -1) and Link. */
static enum MHD_Result
reply_page_h(struct MHD_Connection *conn, struct cache *c,
    unsigned int status, const char *type, char *body, size_t len,
    size_t total, const char *link, unsigned int *sent, size_t *sent_len)
{
	char			 count[24];
	struct MHD_Response	*r;
	enum MHD_Result		 rc;
	const char		*inm;
	char			 etag[28], lastmod[40];
	unsigned char		*gz = NULL;
	size_t			 gzlen = 0;
	unsigned long long	 h = util_hash64(body, len);

	/* Gzipped as the cached files are, when the client takes it and
	 * it is worth it (an API page of 1,000 questions is 1 MB of JSON);
	 * its own ETag, as the cached files' "-gz". */
	if (len >= SERVE_GZIP_MIN && http_accepts_gzip(
	    MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_ACCEPT_ENCODING)) && (gz = http_gzip(body, len,
	    &gzlen)) != NULL) {
		free(body);
		body = (char *)gz;
		len = gzlen;
	}
	snprintf(etag, sizeof(etag), gz != NULL ? "\"%016llx-gz\"" :
	    "\"%016llx\"", h);
	date_rfc5322(c->site.changed, 0, lastmod, sizeof(lastmod));
	inm = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_IF_NONE_MATCH);
	if (status == MHD_HTTP_OK && inm != NULL &&
	    http_etag_matches(inm, etag))
		status = MHD_HTTP_NOT_MODIFIED;
	r = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
	MHD_add_response_header(r, "Content-Type", type);
	if (gz != NULL)
		MHD_add_response_header(r, "Content-Encoding", "gzip");
	MHD_add_response_header(r, "Vary", "Accept-Encoding");
	MHD_add_response_header(r, "ETag", etag);
	MHD_add_response_header(r, "Last-Modified", lastmod);
	MHD_add_response_header(r, "Cache-Control", "public, no-cache");
	if (total != (size_t)-1) {
		snprintf(count, sizeof(count), "%zu", total);
		MHD_add_response_header(r, "X-Total-Count", count);
	}
	if (link != NULL && link[0] != '\0')
		MHD_add_response_header(r, "Link", link);
	*sent = status;
	*sent_len = status == MHD_HTTP_NOT_MODIFIED ? 0 : len;
	rc = MHD_queue_response(conn, status, r);
	MHD_destroy_response(r);
	return rc;
}

/* The filters of a query string, named like list's options. */
static int
query_filter(struct MHD_Connection *conn, struct filter *f,
    struct error *err)
{
	static const char *const names[] = { "status", "author", "group",
		"ministry", "rubric", "due-within", "legislature", "assembly" };
	const char	*v;
	size_t		 i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if ((v = MHD_lookup_connection_value(conn,
		    MHD_GET_ARGUMENT_KIND, names[i])) != NULL && v[0] != '\0' &&
		    filter_option(f, names[i], v, err) == -1)
			return -1;
	return 0;
}

/* A request's query parameters, as MHD decoded them. */
struct params {
	struct { const char *k, *v; } p[32];
	size_t	 n;
	int	 over;		/* more than fit */
};

static enum MHD_Result
param_one(void *cls, enum MHD_ValueKind kind, const char *key,
    const char *value)
{
	struct params	*ps = cls;

	(void)kind;
	if (ps->n == sizeof(ps->p) / sizeof(ps->p[0])) {
		ps->over = 1;
		return MHD_NO;
	}
	ps->p[ps->n].k = key;
	ps->p[ps->n].v = value != NULL ? value : "";
	ps->n++;
	return MHD_YES;
}

/* The API's query with another page, for the Link header. */
static void
api_link(struct buf *b, const struct params *ps, const char *rel,
    size_t page)
{
	size_t	i;
	char	*e;

	buf_printf(b, "%s<?", b->len > 0 ? ", " : "");
	for (i = 0; i < ps->n; i++) {
		if (strcmp(ps->p[i].k, "page") == 0)
			continue;
		e = curl_easy_escape(NULL, ps->p[i].v, 0);
		buf_printf(b, "%s=%s&", ps->p[i].k, e != NULL ? e : "");
		curl_free(e);
	}
	buf_printf(b, "page=%zu>; rel=\"%s\"", page, rel);
}

static enum MHD_Result
reply_json_error(struct MHD_Connection *conn, unsigned int status,
    const char *msg, unsigned int *sent, size_t *len)
{
	struct MHD_Response	*r;
	enum MHD_Result		 rc;
	json_t			*o = json_pack("{s:s}", "error", msg);
	char			*body = json_dumps(o, 0);
	size_t			 n;

	json_decref(o);
	body = xrealloc(body, (n = strlen(body)) + 2);
	memcpy(body + n, "\n", 2);
	r = MHD_create_response_from_buffer(n + 1, body, MHD_RESPMEM_MUST_FREE);
	MHD_add_response_header(r, "Content-Type", "application/json");
	MHD_add_response_header(r, "Cache-Control", "no-store");
	*sent = status;
	*len = n + 1;
	rc = MHD_queue_response(conn, status, r);
	MHD_destroy_response(r);
	return rc;
}

/*
 * /api/questions: list's filters as query parameters named like its
 * options, q for search words, page and per_page; the body list's (or
 * search's) JSON, the total in X-Total-Count, the next and previous
 * pages in Link (RFC 8288). /api/questions/{uid}: show's JSON.
 */
static int
reply_api(struct server *s, struct MHD_Connection *conn, struct cache *c,
    const char *url, unsigned int *status, size_t *len, enum MHD_Result *rc)
{
	static const char *const known[] = { "status", "author", "group",
		"ministry", "rubric", "due-within", "legislature", "assembly",
		"q", "page", "per_page" };
	struct params	 ps;
	struct error	 err;
	struct filter	 f;
	struct store	*st = NULL;
	struct buf	 b, link;
	const char	*words = NULL, *uid = NULL;
	char		 msg[1024], *clean = NULL;
	long		 page = 1, per = API_PER_PAGE, id = 0;
	size_t		 i, j, total = 0, pages;
	int		 got = -1, bad = 0;

	if (strncmp(url, "/api/questions/", 15) == 0) {
		uid = url + 15;
		if ((id = pages_index_find(c->uids, uid)) == 0) {
			snprintf(msg, sizeof(msg), "no question %.200s", uid);
			*rc = reply_json_error(conn, MHD_HTTP_NOT_FOUND, msg,
			    status, len);
			return 1;
		}
	} else if (strcmp(url, "/api/questions") != 0)
		return 0;
	memset(&ps, 0, sizeof(ps));
	MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, param_one, &ps);
	filter_init(&f);
	error_clear(&err);
	msg[0] = '\0';
	for (i = 0; i < ps.n && !bad; i++) {
		for (j = 0; j < sizeof(known) / sizeof(known[0]); j++)
			if (strcmp(ps.p[i].k, known[j]) == 0)
				break;
		if (j == sizeof(known) / sizeof(known[0]) || (uid != NULL &&
		    ps.n > 0)) {
			snprintf(msg, sizeof(msg), "%.100s: unknown parameter "
			    "(%s)", ps.p[i].k, uid != NULL ? "a question takes "
			    "none" : "status, author, group, ministry, rubric, "
			    "due-within, legislature, assembly, q, page, "
			    "per_page");
			bad = 1;
		} else if (strcmp(ps.p[i].k, "page") == 0 &&
		    str_to_long(ps.p[i].v, 1, 1000000, &page) == -1) {
			snprintf(msg, sizeof(msg), "page: \"%.40s\" is not a "
			    "page number", ps.p[i].v);
			bad = 1;
		} else if (strcmp(ps.p[i].k, "per_page") == 0 &&
		    str_to_long(ps.p[i].v, 1, API_PER_PAGE_MAX, &per) == -1) {
			snprintf(msg, sizeof(msg), "per_page: \"%.40s\" is not "
			    "from 1 to %d", ps.p[i].v, API_PER_PAGE_MAX);
			bad = 1;
		} else if (strcmp(ps.p[i].k, "q") == 0)
			words = ps.p[i].v;
		else if (j < 8 && filter_option(&f, ps.p[i].k, ps.p[i].v,
		    &err) == -1) {
			/* The parameter's name, not the option's. */
			snprintf(msg, sizeof(msg), "%s", strncmp(err.msg, "--",
			    2) == 0 ? err.msg + 2 : err.msg);
			bad = 1;
		}
	}
	if (ps.over && !bad) {
		snprintf(msg, sizeof(msg), "too many parameters");
		bad = 1;
	}
	if (words != NULL && (clean = util_text_clean(words)) != NULL)
		words = clean;
	buf_init(&b);
	if (!bad && (st = pool_get(s, &err)) != NULL) {
		if (uid != NULL)
			got = api_question(st, id, c->day, &b, &err);
		else if (api_questions(st, &f, words, c->day, (size_t)page,
		    (size_t)per, &b, &total, &err) == 0)
			got = 1;
		else if (err.status == EXIT_USAGE) {
			snprintf(msg, sizeof(msg), "%s", err.msg);
			bad = 1;
		}
		pool_put(s, st);
	}
	filter_free(&f);
	free(clean);
	if (bad) {
		buf_free(&b);
		*rc = reply_json_error(conn, MHD_HTTP_BAD_REQUEST, msg, status,
		    len);
		return 1;
	}
	if (got != 1) {
		log_warnx("serve: %s: %s", url, err.msg);
		buf_free(&b);
		*rc = reply_json_error(conn, MHD_HTTP_INTERNAL_SERVER_ERROR,
		    "internal error", status, len);
		return 1;
	}
	buf_init(&link);
	if (uid == NULL) {
		pages = (total + (size_t)per - 1) / (size_t)per;
		if ((size_t)page < pages)
			api_link(&link, &ps, "next", (size_t)page + 1);
		if (page > 1)
			api_link(&link, &ps, "prev", (size_t)page - 1);
	}
	i = b.len;
	*rc = reply_page_h(conn, c, MHD_HTTP_OK, "application/json",
	    buf_steal(&b), i, uid == NULL ? total : (size_t)-1, link.data,
	    status, len);
	buf_free(&link);
	return 1;
}

/*
 * The pages made per request: question/<uid>.html and /search. Returns
 * 0 when url is neither (a 404 follows), else 1 with the response queued
 * in *rc.
 */
static int
reply_made(struct server *s, struct MHD_Connection *conn, struct cache *c,
    const char *url, unsigned int *status, size_t *len, enum MHD_Result *rc)
{
	struct error	 err;
	struct filter	 f;
	struct store	*st;
	struct buf	 b;
	const char	*words, *pg;
	char		 uid[SERVE_PATH_MAX], *clean = NULL;
	size_t		 n = strlen(url);
	long		 id = 0, page = 1;
	int		 got;

	if (strncmp(url, "/question/", 10) == 0 && n > 15 &&
	    strcmp(url + n - 5, ".html") == 0 && n - 15 < sizeof(uid)) {
		memcpy(uid, url + 10, n - 15);
		uid[n - 15] = '\0';
		if ((id = pages_index_find(c->uids, uid)) == 0)
			return 0;
	} else if (strcmp(url, "/search") != 0)
		return 0;
	error_clear(&err);
	buf_init(&b);
	if ((st = pool_get(s, &err)) == NULL)
		got = -1;
	else if (id != 0)
		got = pages_question(st, &s->site, c->day, id, &b, &err) == 1 ?
		    200 : -1;
	else {
		filter_init(&f);
		words = MHD_lookup_connection_value(conn,
		    MHD_GET_ARGUMENT_KIND, "q");
		/* Invalid UTF-8 and controls become U+FFFD, as stored. */
		if (words != NULL && (clean = util_text_clean(words)) != NULL)
			words = clean;
		pg = MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND,
		    "page");
		if ((pg != NULL && str_to_long(pg, 1, 100000, &page) == -1) ||
		    query_filter(conn, &f, &err) == -1) {
			got = 400;
			pages_open(&b, _("Search"), "", words);
			buf_adds(&b, "<p role=\"alert\">");
			buf_add_html(&b, err.status != 0 ? err.msg :
			    _("page: not a page number"));
			buf_adds(&b, "</p>\n");
			pages_close(&b, c->day);
		} else
			got = pages_search(st, &s->site, c->day, words, &f,
			    (size_t)page, &b, &err);
		filter_free(&f);
		free(clean);
	}
	if (st != NULL)
		pool_put(s, st);
	if (got == -1) {
		log_warnx("serve: %s: %s", url, err.msg);
		buf_free(&b);
		*status = MHD_HTTP_INTERNAL_SERVER_ERROR;
		*len = 0;
		*rc = reply_plain(conn, *status, "500 Internal Server Error\n",
		    NULL);
		return 1;
	}
	n = b.len;
	*rc = reply_page(conn, c, (unsigned int)got, "text/html; "
	    "charset=utf-8", buf_steal(&b), n, status, len);
	return 1;
}

/*
 * A path of the export under the root, opened read-only: every component
 * a name that does not start with a dot, each folder opened in turn
 * without following a symlink (O_NOFOLLOW, as openat2's RESOLVE_BENEATH
 * would, which valgrind cannot run). -1 when it is not a regular file
 * there (errno set).
 */
static int
open_beneath(int dirfd, const char *rel, struct stat *sb)
{
	const char	*p, *slash;
	char		 name[SERVE_PATH_MAX];
	int		 at = dirfd, fd;
	size_t		 n;

	if (*rel == '\0' || *rel == '/' || strchr(rel, '\\') != NULL ||
	    strlen(rel) >= sizeof(name)) {
		errno = ENOENT;
		return -1;
	}
	for (p = rel; ; p = slash + 1) {
		/* Hidden, empty, "." or "..": none is the export's. */
		if (*p == '.' || *p == '/' || *p == '\0') {
			errno = ENOENT;
			fd = -1;
			break;
		}
		if ((slash = strchr(p, '/')) == NULL) {
			fd = openat(at, p, O_RDONLY | O_CLOEXEC | O_NOFOLLOW |
			    O_NONBLOCK);
			break;
		}
		n = (size_t)(slash - p);
		memcpy(name, p, n);
		name[n] = '\0';
		fd = openat(at, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW |
		    O_DIRECTORY);
		if (at != dirfd)
			close(at);
		if ((at = fd) == -1)
			break;
	}
	if (at != dirfd && at != -1)
		close(at);
	if (fd == -1)
		return -1;
	if (fstat(fd, sb) == -1 || !S_ISREG(sb->st_mode)) {
		close(fd);
		errno = ENOENT;
		return -1;
	}
	return fd;
}

/* The media type of an export's file, by its name. */
static const char *
disk_type(const char *rel)
{
	static const struct {
		const char	*suffix;
		const char	*type;
	} types[] = {
		{ ".ics", "text/calendar; charset=utf-8" },
		{ ".html", "text/html; charset=utf-8" },
		{ ".atom", "application/atom+xml" },
		{ ".xml", "application/atom+xml" },
		{ ".json", "application/json" },
		{ ".csv", "text/csv; charset=utf-8" },
		{ ".md", "text/markdown; charset=utf-8" },
		{ ".txt", "text/plain; charset=utf-8" },
		{ ".css", "text/css" },
		{ ".svg", "image/svg+xml" },
		{ ".gz", "application/gzip" },
		{ ".xlsx", "application/vnd.openxmlformats-officedocument."
		    "spreadsheetml.sheet" },
	};
	size_t	n = strlen(rel), i, k;

	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (n > (k = strlen(types[i].suffix)) &&
		    strcmp(rel + n - k, types[i].suffix) == 0)
			return types[i].type;
	return "application/octet-stream";
}

static struct rootdir *
rootdir_open(const char *root)
{
	struct rootdir	*rd;
	struct stat	 sb;
	int		 fd;

	if ((fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		return NULL;
	if (fstat(fd, &sb) == -1) {
		close(fd);
		return NULL;
	}
	rd = xcalloc(1, sizeof(*rd));
	rd->fd = fd;
	rd->dev = sb.st_dev;
	rd->ino = sb.st_ino;
	rd->refs = 1;
	return rd;
}

static struct rootdir *
rootdir_get(struct server *s)
{
	struct rootdir	*rd;

	pthread_mutex_lock(&s->lock);
	if ((rd = s->rd) != NULL)
		rd->refs++;
	pthread_mutex_unlock(&s->lock);
	return rd;
}

static void
rootdir_put(struct server *s, struct rootdir *rd)
{
	int	last;

	if (rd == NULL)
		return;
	pthread_mutex_lock(&s->lock);
	last = --rd->refs == 0;
	pthread_mutex_unlock(&s->lock);
	if (last) {
		close(rd->fd);
		free(rd);
	}
}

/* The root's folder again if export swapped another in (refresh's). */
static void
rootdir_check(struct server *s)
{
	struct rootdir	*old, *fresh;
	struct stat	 sb;

	if (s->root == NULL || stat(s->root, &sb) == -1)
		return;
	pthread_mutex_lock(&s->lock);
	old = s->rd;
	pthread_mutex_unlock(&s->lock);
	if (old != NULL && old->dev == sb.st_dev && old->ino == sb.st_ino)
		return;
	if ((fresh = rootdir_open(s->root)) == NULL)
		return;
	pthread_mutex_lock(&s->lock);
	s->rd = fresh;
	pthread_mutex_unlock(&s->lock);
	rootdir_put(s, old);
}

/*
 * Answers a path with the export's file under the root: 1 and the reply
 * queued, or 0 when there is no such file (the caller goes on). The
 * root's folder is the one opened last; a file not found there is looked
 * for again in the folder now at the root's path, which export may have
 * swapped in since (until refresh opens it, for check_seconds at most).
 */
static int
reply_disk(struct server *s, struct MHD_Connection *conn, const char *url,
    unsigned int *status, size_t *len, enum MHD_Result *rc)
{
	struct MHD_Response	*r;
	struct rootdir		*rd;
	struct stat		 sb, gsb;
	const char		*rel = url[1] == '\0' ? "index.html" : url + 1;
	const char		*inm, *ims;
	char			 gzpath[SERVE_PATH_MAX + 4], etag[64];
	char			 lastmod[40];
	int			 dirfd, fd, gzfd = -1, fresh;
	time_t			 t;

	if (strlen(rel) >= SERVE_PATH_MAX)
		return 0;
	rd = rootdir_get(s);
	dirfd = rd != NULL ? rd->fd : -1;
	if (dirfd == -1 || (fd = open_beneath(dirfd, rel, &sb)) == -1) {
		rootdir_put(s, rd);
		rd = NULL;
		if ((dirfd = open(s->root, O_RDONLY | O_DIRECTORY |
		    O_CLOEXEC)) == -1) {
			log_warnx("serve: %s: %s", s->root,
			    error_errno(errno));
			return 0;
		}
		if ((fd = open_beneath(dirfd, rel, &sb)) == -1) {
			close(dirfd);
			return 0;
		}
	}
	if (http_accepts_gzip(MHD_lookup_connection_value(conn,
	    MHD_HEADER_KIND, MHD_HTTP_HEADER_ACCEPT_ENCODING))) {
		snprintf(gzpath, sizeof(gzpath), "%s.gz", rel);
		if ((gzfd = open_beneath(dirfd, gzpath, &gsb)) != -1) {
			close(fd);
			fd = gzfd;
		}
	}
	if (rd != NULL)
		rootdir_put(s, rd);
	else
		close(dirfd);
	/* As nginx: the modification time and the size, of what is sent. */
	snprintf(etag, sizeof(etag), "\"%llx-%llx%s\"",
	    (unsigned long long)(gzfd != -1 ? gsb : sb).st_mtime,
	    (unsigned long long)(gzfd != -1 ? gsb : sb).st_size,
	    gzfd != -1 ? "-gz" : "");
	date_rfc5322((long)sb.st_mtime, 0, lastmod, sizeof(lastmod));
	inm = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_IF_NONE_MATCH);
	ims = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_IF_MODIFIED_SINCE);
	fresh = inm != NULL ? http_etag_matches(inm, etag) : ims != NULL &&
	    (t = curl_getdate(ims, NULL)) != -1 && sb.st_mtime <= t;
	/* MHD sends the file with sendfile, and closes it. */
	r = MHD_create_response_from_fd((uint64_t)(gzfd != -1 ? gsb :
	    sb).st_size, fd);
	if (r == NULL) {
		close(fd);
		return 0;
	}
	if (fresh) {
		*status = MHD_HTTP_NOT_MODIFIED;
		*len = 0;
	} else {
		MHD_add_response_header(r, "Content-Type", disk_type(rel));
		*status = MHD_HTTP_OK;
		*len = (size_t)(gzfd != -1 ? gsb : sb).st_size;
	}
	if (gzfd != -1)
		MHD_add_response_header(r, "Content-Encoding", "gzip");
	MHD_add_response_header(r, "ETag", etag);
	MHD_add_response_header(r, "Last-Modified", lastmod);
	MHD_add_response_header(r, "Vary", "Accept-Encoding");
	MHD_add_response_header(r, "Cache-Control", strncmp(rel, "w/", 2) ==
	    0 ? "private, no-cache" : "public, no-cache");
	*rc = MHD_queue_response(conn, *status, r);
	MHD_destroy_response(r);
	return 1;
}

static enum MHD_Result
handler(void *cls, struct MHD_Connection *conn, const char *url,
    const char *method, const char *version, const char *upload_data,
    size_t *upload_data_size, void **con_cls)
{
	struct server	*s = cls;
	struct request	*r = *con_cls;
	struct cache	*c;
	struct entry	*e;
	const char	*why, *shown = r != NULL ? r->raw : url;
	unsigned int	 status;
	size_t		 len = 0;
	enum MHD_Result	 rc;

	(void)upload_data;
	/*
	 * Answer on the second call, once the request is read: libmicrohttpd
	 * closes the connection after a response queued on the first one,
	 * and calendar clients and proxies keep connections alive.
	 */
	if (r != NULL && !r->started) {
		r->started = 1;
		conn_busy(s, conn, 1);
		return MHD_YES;
	}
	if (*upload_data_size != 0) {
		*upload_data_size = 0;	/* a body we do not want */
		return MHD_YES;
	}
	if ((status = too_large(conn, r != NULL ? r->raw : NULL)) != 0) {
		access_log(conn, method, "-", version, status, 0);
		return reply_close(conn, status, status ==
		    MHD_HTTP_URI_TOO_LONG ? "414 URI Too Long\n" :
		    "431 Request Header Fields Too Large\n");
	}
	if ((why = bad_request(conn, r != NULL ? r->raw : NULL, url)) != NULL) {
		access_log(conn, method, shown, version, 400, 0);
		log_debug("serve: 400: %s", why);
		return reply_close(conn, MHD_HTTP_BAD_REQUEST,
		    "400 Bad Request\n");
	}
	if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0) {
		access_log(conn, method, shown, version, 405, 0);
		return reply_plain(conn, MHD_HTTP_METHOD_NOT_ALLOWED,
		    "405 Method Not Allowed\n", "GET, HEAD");
	}
	if (strcmp(url, "/healthz") == 0) {
		access_log(conn, method, shown, version, 200, 0);
		return reply_health(s, conn);
	}
	if (s->root != NULL && url[0] == '/' && reply_disk(s, conn, url,
	    &status, &len, &rc)) {
		access_log(conn, method, shown, version, status, len);
		return rc;
	}
	c = cache_get(s);
	e = NULL;
	if (url[0] == '/' && strlen(url) < SERVE_PATH_MAX)
		e = lookup(c, url[1] == '\0' ? "index.html" : url + 1);
	if (e == NULL && url[0] == '/' && strlen(url) < SERVE_PATH_MAX &&
	    (reply_made(s, conn, c, url, &status, &len, &rc) ||
	    reply_api(s, conn, c, url, &status, &len, &rc))) {
		cache_put(s, c);
		access_log(conn, method, shown, version, status, len);
		return rc;
	}
	if (e == NULL) {
		cache_put(s, c);
		access_log(conn, method, shown, version, 404, 0);
		return reply_plain(conn, MHD_HTTP_NOT_FOUND, not_found, NULL);
	}
	rc = reply_file(s, conn, c, e, &status, &len);
	access_log(conn, method, shown, version, status, len);
	return rc;
}

/* "127.0.0.1:8080", "[::1]:8080", ":8080" into a socket address. */
static int
parse_listen(const char *spec, struct sockaddr_storage *ss, int *v6,
    struct error *err)
{
	char	 host[128];
	const char *colon;
	long	 port;

	memset(ss, 0, sizeof(*ss));
	*v6 = spec[0] == '[';
	colon = *v6 ? strstr(spec, "]:") : strrchr(spec, ':');
	if (colon == NULL || str_to_long(colon + (*v6 ? 2 : 1), 1, 65535,
	    &port) == -1 || (size_t)(colon - spec) >= sizeof(host))
		return error_set(err, EXIT_CONFIG, "listen \"%s\": expected "
		    "ADDR:PORT or [ADDR]:PORT", spec);
	memcpy(host, spec + *v6, (size_t)(colon - spec - *v6));
	host[colon - spec - *v6] = '\0';
	if (*v6) {
		struct sockaddr_in6	*a = (struct sockaddr_in6 *)ss;

		a->sin6_family = AF_INET6;
		a->sin6_port = htons((uint16_t)port);
		if (inet_pton(AF_INET6, host, &a->sin6_addr) != 1)
			return error_set(err, EXIT_CONFIG, "listen \"%s\": "
			    "\"%s\" is not an IPv6 address", spec, host);
	} else {
		struct sockaddr_in	*a = (struct sockaddr_in *)ss;

		a->sin_family = AF_INET;
		a->sin_port = htons((uint16_t)port);
		if (host[0] == '\0')
			a->sin_addr.s_addr = htonl(INADDR_ANY);
		else if (inet_pton(AF_INET, host, &a->sin_addr) != 1)
			return error_set(err, EXIT_CONFIG, "listen \"%s\": "
			    "\"%s\" is not an IPv4 address", spec, host);
	}
	return 0;
}

/* Rebuilds the cache when the data or the day changed, or when asked. */
static void
refresh(struct server *s, struct store *st, const struct config *cf,
    int asof, int force)
{
	struct cache	*old, *fresh;
	struct error	 err;
	long		 v = store_data_version(st);

	rootdir_check(s);
	pthread_mutex_lock(&s->lock);
	old = s->cur;
	pthread_mutex_unlock(&s->lock);
	if (!force && v == old->version && asof == old->day)
		return;
	error_clear(&err);
	if ((fresh = cache_build(st, cf, asof, &err)) == NULL) {
		log_warnx("serve: cannot rebuild the feeds, still serving the "
		    "previous ones: %s", err.msg);
		return;
	}
	pthread_mutex_lock(&s->lock);
	s->cur = fresh;
	pthread_mutex_unlock(&s->lock);
	cache_put(s, old);
	log_info("serve: feeds rebuilt (%zu files, %zu events)", fresh->n,
	    fresh->site.events);
}

static void
server_free(struct server *s)
{
	size_t	i;

	for (i = 0; i < s->npool; i++)
		store_close(s->pool[i]);
	free(s->pool);
	free(s->db_path);
	if (s->rd != NULL) {
		close(s->rd->fd);
		free(s->rd);
	}
	free(s->root);
	pthread_mutex_destroy(&s->pool_lock);
	pthread_mutex_destroy(&s->conns_lock);
	pthread_mutex_destroy(&s->lock);
	free(s);
}

struct server *
serve_start(struct store *st, const struct config *cf, const char *listen,
    int asof, struct error *err)
{
	struct sockaddr_storage	 ss;
	struct server		*s;
	const char		*spec = listen ? listen : cf->serve.listen;
	unsigned int		 flags = MHD_USE_INTERNAL_POLLING_THREAD |
				    MHD_USE_EPOLL | MHD_USE_ERROR_LOG;
	int			 v6;

	if (parse_listen(spec, &ss, &v6, err) == -1)
		return NULL;
	s = xcalloc(1, sizeof(*s));
	pthread_mutex_init(&s->lock, NULL);
	pthread_mutex_init(&s->conns_lock, NULL);
	pthread_mutex_init(&s->pool_lock, NULL);
	s->conns = NULL;
	s->cf = cf;
	s->site = config_site(cf);
	s->db_path = xstrdup(store_path(st));
	s->header_timeout = cf->serve.header_timeout;
	if (cf->serve.root != NULL && cf->serve.root[0] != '\0') {
		struct stat	sb;

		const char	*why = NULL;

		if (stat(cf->serve.root, &sb) == -1)
			why = error_errno(errno);
		else if (!S_ISDIR(sb.st_mode))
			why = "not a folder";
		if (why != NULL) {
			error_set(err, EXIT_CONFIG, "[serve] root = %s: %s",
			    cf->serve.root, why);
			server_free(s);
			return NULL;
		}
		s->root = xstrdup(cf->serve.root);
		rootdir_check(s);
	}
	if ((s->cur = cache_build(st, cf, asof, err)) == NULL) {
		server_free(s);
		return NULL;
	}
	if (v6)
		flags |= MHD_USE_IPv6;
	s->d = MHD_start_daemon(flags, 0, NULL, NULL, handler, s,
	    MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
	    MHD_OPTION_THREAD_POOL_SIZE, (unsigned int)cf->serve.threads,
	    MHD_OPTION_CONNECTION_LIMIT, (unsigned int)cf->serve.max_connections,
	    MHD_OPTION_PER_IP_CONNECTION_LIMIT,
	    (unsigned int)cf->serve.per_ip_limit,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)cf->serve.timeout,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)SERVE_MEMORY,
	    MHD_OPTION_STRICT_FOR_CLIENT, (int)1,
	    MHD_OPTION_URI_LOG_CALLBACK, on_uri, (void *)s,
	    MHD_OPTION_NOTIFY_COMPLETED, on_completed, (void *)s,
	    MHD_OPTION_NOTIFY_CONNECTION, on_connection, (void *)s,
	    MHD_OPTION_END);
	if (s->d == NULL) {
		error_set(err, EXIT_CANTCREAT, "cannot listen on %s: %s", spec,
		    error_errno(errno));
		cache_put(s, s->cur);
		server_free(s);
		return NULL;
	}
	s->sweeping = pthread_create(&s->sweeper, NULL, sweeper, s) == 0;
	log_info("serve: listening on %s", spec);
	return s;
}

void
serve_refresh(struct server *s, struct store *st, const struct config *cf,
    int asof, int force)
{
	if (s != NULL)
		refresh(s, st, cf, asof, force);
}

void
serve_stop(struct server *s)
{
	if (s == NULL)
		return;
	if (s->sweeping) {
		pthread_mutex_lock(&s->conns_lock);
		s->stop = 1;
		pthread_mutex_unlock(&s->conns_lock);
		pthread_join(s->sweeper, NULL);
	}
	MHD_stop_daemon(s->d);
	cache_put(s, s->cur);
	server_free(s);
	log_info("serve: stopped");
}

int
serve_run(struct store *st, const struct config *cf, const char *listen,
    int (*today)(void), int fixed_asof, struct error *err)
{
	struct server		*s;
	struct sigaction	 sa;
	int			 i;

	if ((s = serve_start(st, cf, listen, fixed_asof ? fixed_asof :
	    today(), err)) == NULL)
		return -1;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	while (!util_stop_requested()) {
		for (i = 0; i < cf->serve.check_seconds * 10 &&
		    !util_stop_requested(); i++)
			usleep(100000);
		if (!util_stop_requested())
			refresh(s, st, cf, fixed_asof ? fixed_asof : today(), 0);
	}
	serve_stop(s);
	return 0;
}
