/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * fetch.c: HTTP(S) and file:// downloads with libcurl.
 *
 * RFC 9110 conditional requests (If-None-Match, If-Modified-Since through
 * CURLOPT_TIMECONDITION); on a cut body, a retry asks for the rest with
 * Range and If-Range (RFC 9110 §13.1.5) and appends on 206, starts over on
 * 200. Connection errors, 429 and 5xx are retried with exponential backoff
 * and jitter, honouring Retry-After. The body goes to DEST.part and is
 * renamed to DEST only when complete. Redirects may only lead to https.
 * TLS is libcurl's (OpenSSL) with its default verification of the peer
 * and host name; a refused certificate is not retried, a cut handshake is.
 */
#include "fetch.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "date.h"
#include "error.h"
#include "util.h"
#include "version.h"

struct sink {
	FILE		*fp;
	long long	 have;		/* bytes in the .part file */
	long long	 max;
	int		 over;
};

enum outcome {
	OUT_DONE,
	OUT_RETRY,
	OUT_RESTART,	/* retry, from the first byte */
	OUT_FAIL
};

int
fetch_init(struct error *err)
{
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
		return error_set(err, EXIT_SOFTWARE, "cannot initialise "
		    "libcurl");
	return 0;
}

void
fetch_cleanup(void)
{
	curl_global_cleanup();
}

void
fetch_res_free(struct fetch_res *r)
{
	if (r == NULL)
		return;
	free(r->etag);
	free(r->last_modified);
	free(r->content_type);
	memset(r, 0, sizeof(*r));
}

static size_t
sink_write(char *p, size_t size, size_t n, void *arg)
{
	struct sink	*s = arg;
	size_t		 len = size * n;

	if (s->have + (long long)len > s->max) {
		s->over = 1;
		return 0;	/* aborts the transfer */
	}
	if (fwrite(p, 1, len, s->fp) != len)
		return 0;
	s->have += (long long)len;
	return len;
}

static char *
header(CURL *c, const char *name)
{
	struct curl_header	*h;

	if (curl_easy_header(c, name, 0, CURLH_HEADER, -1, &h) != CURLHE_OK)
		return NULL;
	return xstrdup(h->value);
}

/* The delay before the next try: Retry-After, else backoff with jitter. */
static long
delay_ms(CURL *c, const struct fetch_req *req, int attempt)
{
	curl_off_t	ra = 0;
	long		base = req->backoff_ms, jitter;
	int		i;

	if (curl_easy_getinfo(c, CURLINFO_RETRY_AFTER, &ra) == CURLE_OK &&
	    ra > 0)
		return ra > req->timeout ? -1 : (long)ra * 1000;
	for (i = 0; i < attempt && base < 60000; i++)
		base *= 2;
	jitter = base / 2 > 0 ? rand() % (base / 2 + 1) : 0;
	return base / 2 + jitter + base / 4;
}

/* Waits, in steps of 100 ms, unless a stop is requested. */
static void
sleep_ms(long ms)
{
	struct timespec	ts;

	while (ms > 0 && !util_stop_requested()) {
		ts.tv_sec = 0;
		ts.tv_nsec = (ms < 100 ? ms : 100) * 1000000L;
		nanosleep(&ts, NULL);
		ms -= 100;
	}
}

/* libcurl asks after every chunk: abort when a stop is requested. */
static int
progress(void *arg, curl_off_t dt, curl_off_t dn, curl_off_t ut,
    curl_off_t un)
{
	(void)arg;
	(void)dt;
	(void)dn;
	(void)ut;
	(void)un;
	return util_stop_requested();
}

static void
setup(CURL *c, const struct fetch_req *req, struct sink *s,
    struct curl_slist **hdrs, int resume, const char *validator,
    char *errbuf)
{
	char	*h;

	errbuf[0] = '\0';
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(c, CURLOPT_URL, req->url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https,file");
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(c, CURLOPT_MAXREDIRS, 5L);
	curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "https");
	curl_easy_setopt(c, CURLOPT_USERAGENT, "qetracker/" QT_VERSION);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, req->connect_timeout);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, req->timeout);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_FILETIME, 1L);
	curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE,
	    (curl_off_t)req->max_bytes);
	/* Large archives: fewer, larger reads and writes. */
	curl_easy_setopt(c, CURLOPT_BUFFERSIZE, 512L * 1024);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, sink_write);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, s);
	curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, progress);
	curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
	if (req->ca_file != NULL)
		curl_easy_setopt(c, CURLOPT_CAINFO, req->ca_file);
	if (resume) {
		curl_easy_setopt(c, CURLOPT_RESUME_FROM_LARGE,
		    (curl_off_t)s->have);
		h = xasprintf("If-Range: %s", validator);
		*hdrs = curl_slist_append(*hdrs, h);
		free(h);
	} else {
		if (req->etag != NULL) {
			h = xasprintf("If-None-Match: %s", req->etag);
			*hdrs = curl_slist_append(*hdrs, h);
			free(h);
		}
		/* If-None-Match wins (RFC 9110 §13.2.2); libcurl would also
		 * discard a 200 whose Last-Modified is not newer. */
		else if (req->last_modified != NULL) {
			curl_easy_setopt(c, CURLOPT_TIMECONDITION,
			    (long)CURL_TIMECOND_IFMODSINCE);
			curl_easy_setopt(c, CURLOPT_TIMEVALUE_LARGE,
			    (curl_off_t)curl_getdate(req->last_modified, NULL));
		}
	}
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, *hdrs);
}

/* Keeps the validators of the response, for the next poll or resume. */
static void
keep_validators(CURL *c, struct fetch_res *res)
{
	long	ft = -1;
	char	buf[64], *v;

	if ((v = header(c, "ETag")) != NULL) {
		free(res->etag);
		res->etag = v;
	}
	if ((v = header(c, "Last-Modified")) != NULL) {
		free(res->last_modified);
		res->last_modified = v;
	} else if (curl_easy_getinfo(c, CURLINFO_FILETIME, &ft) == CURLE_OK &&
	    ft > 0) {
		free(res->last_modified);
		res->last_modified = xstrdup(date_rfc5322(ft, 0, buf,
		    sizeof(buf)));
	}
	if ((v = header(c, "Content-Type")) != NULL) {
		free(res->content_type);
		res->content_type = v;
	}
}

/* What went wrong, in libcurl's words: its error buffer says more
 * ("SSL certificate problem: certificate has expired") than the code. */
static const char *
detail(CURLcode cc, const char *errbuf)
{
	return errbuf[0] != '\0' ? errbuf : curl_easy_strerror(cc);
}

/*
 * Whether the peer's chain ends at a CA nobody told us to trust, by
 * OpenSSL's X509_V_ERR_ codes: UNABLE_TO_GET_ISSUER_CERT (2),
 * DEPTH_ZERO_SELF_SIGNED_CERT (18), SELF_SIGNED_CERT_IN_CHAIN (19),
 * UNABLE_TO_GET_ISSUER_CERT_LOCALLY (20).
 */
static int
unknown_issuer(CURL *c)
{
	long	vr = 0;

	if (curl_easy_getinfo(c, CURLINFO_SSL_VERIFYRESULT, &vr) != CURLE_OK)
		return 0;
	return vr == 2 || vr == 18 || vr == 19 || vr == 20;
}

/* Sorts one attempt's result into done, retry or fail. */
static enum outcome
classify(CURL *c, CURLcode cc, const struct fetch_req *req,
    const struct sink *s, const char *errbuf, struct fetch_res *res,
    struct error *err)
{
	long	unmet = 0;
	char	*loc = NULL;

	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &res->status);
	if (s->over)
		return error_set(err, EXIT_DATAERR, "%s: the body is over the "
		    "%lld-byte cap", req->url, req->max_bytes), OUT_FAIL;
	switch (cc) {
	case CURLE_OK:
		break;
	case CURLE_FILESIZE_EXCEEDED:
		return error_set(err, EXIT_DATAERR, "%s: the body is over the "
		    "%lld-byte cap", req->url, req->max_bytes), OUT_FAIL;
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_RESOLVE_PROXY:
	case CURLE_COULDNT_CONNECT:
		error_set(err, EXIT_TEMPFAIL, "%s: %s", req->url,
		    curl_easy_strerror(cc));
		return OUT_RETRY;
	case CURLE_OPERATION_TIMEDOUT:
	case CURLE_PARTIAL_FILE:
	case CURLE_RECV_ERROR:
	case CURLE_SEND_ERROR:
	case CURLE_GOT_NOTHING:
	case CURLE_HTTP2:
	case CURLE_HTTP2_STREAM:
		error_set(err, EXIT_UNAVAILABLE, "%s: %s after %lld bytes",
		    req->url, curl_easy_strerror(cc), s->have);
		return OUT_RETRY;
	case CURLE_RANGE_ERROR:
		/* A 200 to a range request: the server ignores ranges, or the
		 * If-Range validator no longer matches (the file changed).
		 * libcurl will not take the whole body then: start over. */
		error_set(err, EXIT_UNAVAILABLE, "%s: the server did not "
		    "resume the download (%s)", req->url,
		    curl_easy_strerror(cc));
		return OUT_RESTART;
	case CURLE_UNSUPPORTED_PROTOCOL:
	case CURLE_TOO_MANY_REDIRECTS:
		curl_easy_getinfo(c, CURLINFO_REDIRECT_URL, &loc);
		return error_set(err, EXIT_UNAVAILABLE, "%s: redirect to %s "
		    "refused (redirects may only lead to https)", req->url,
		    loc ? loc : "?"), OUT_FAIL;
	case CURLE_SSL_CONNECT_ERROR:
		/* A handshake cut or refused: a proxy or server restarting
		 * does that; a server that cannot speak TLS does it every
		 * time, and the retries end it. */
		error_set(err, EXIT_UNAVAILABLE, "%s: TLS handshake failed: %s",
		    req->url, detail(cc, errbuf));
		return OUT_RETRY;
	case CURLE_PEER_FAILED_VERIFICATION:
		/* Expired, self-signed, another host's: not the server we
		 * mean, and trying again will not make it so. */
		error_set(err, EXIT_UNAVAILABLE, "%s: the server's TLS "
		    "certificate is refused: %s", req->url, detail(cc, errbuf));
		if (unknown_issuer(c))
			error_append(err, " (a private CA goes in [poll] "
			    "ca_file)");
		return OUT_FAIL;
	case CURLE_SSL_CACERT_BADFILE:
		return error_set(err, EXIT_CONFIG, "[poll] ca_file = %s: %s",
		    req->ca_file ? req->ca_file : "(system bundle)",
		    detail(cc, errbuf)), OUT_FAIL;
	case CURLE_ABORTED_BY_CALLBACK:
		return error_set(err, EXIT_TEMPFAIL, "%s: interrupted",
		    req->url), OUT_FAIL;
	case CURLE_WRITE_ERROR:
		return error_set(err, EXIT_IOERR, "%s: cannot write the "
		    "download: %s", req->dest, error_errno(errno)), OUT_FAIL;
	case CURLE_FILE_COULDNT_READ_FILE:
		return error_set(err, EXIT_NOINPUT, "%s: %s", req->url,
		    curl_easy_strerror(cc)), OUT_FAIL;
	default:
		return error_set(err, EXIT_UNAVAILABLE, "%s: %s", req->url,
		    detail(cc, errbuf)), OUT_FAIL;
	}
	curl_easy_getinfo(c, CURLINFO_CONDITION_UNMET, &unmet);
	/* file:// has no status: an unmet time condition is its 304. */
	if (res->status == 304 || (res->status == 0 && unmet)) {
		res->not_modified = 1;
		return OUT_DONE;
	}
	if (res->status == 0 || res->status == 200 || res->status == 206)
		return OUT_DONE;
	error_set(err, EXIT_UNAVAILABLE, "%s: HTTP %ld", req->url,
	    res->status);
	if (res->status == 429 || res->status >= 500)
		return OUT_RETRY;
	return OUT_FAIL;
}

/*
 * One attempt. A cut body is kept in the .part file; the next attempt
 * resumes it when a validator can guard it (If-Range).
 */
static enum outcome
attempt(CURL *c, const struct fetch_req *req, const char *part,
    struct fetch_res *res, struct error *err)
{
	struct curl_slist	*hdrs = NULL;
	struct sink		 s = { NULL, 0, req->max_bytes, 0 };
	const char		*validator = res->etag ? res->etag :
				    res->last_modified;
	struct stat		 sb;
	enum outcome		 o;
	int			 resume = 0;
	char			 errbuf[CURL_ERROR_SIZE];

	if (validator != NULL && stat(part, &sb) == 0 && sb.st_size > 0) {
		resume = 1;
		s.have = sb.st_size;
	}
	if ((s.fp = fopen(part, resume ? "ab" : "wb")) == NULL)
		return error_set(err, EXIT_IOERR, "%s: %s", part,
		    error_errno(errno)), OUT_FAIL;
	setvbuf(s.fp, NULL, _IOFBF, 1 << 20);
	curl_easy_reset(c);
	setup(c, req, &s, &hdrs, resume, validator, errbuf);
	o = classify(c, curl_easy_perform(c), req, &s, errbuf, res, err);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, NULL);	/* errbuf ends here */
	if (fclose(s.fp) != 0 && o == OUT_DONE)
		o = (error_set(err, EXIT_IOERR, "%s: %s", part,
		    error_errno(errno)), OUT_FAIL);
	curl_slist_free_all(hdrs);
	res->resumed += resume;
	/* A full 200 to a range request replaced the file: fine. A 206 only
	 * makes sense after a range request. */
	if (o == OUT_DONE && res->status == 206 && !resume)
		o = (error_set(err, EXIT_UNAVAILABLE, "%s: HTTP 206 to a "
		    "request for the whole body", req->url), OUT_FAIL);
	if (o != OUT_FAIL && !res->not_modified)
		keep_validators(c, res);
	res->bytes = s.have;
	if (o == OUT_RESTART || (o == OUT_RETRY && validator == NULL &&
	    res->etag == NULL && res->last_modified == NULL))
		unlink(part);	/* nothing can guard a resume */
	return o == OUT_RESTART ? OUT_RETRY : o;
}

int
fetch_get(const struct fetch_req *req, struct fetch_res *res,
    struct error *err)
{
	CURL	*c;
	char	*part = xasprintf("%s.part", req->dest);
	long	 wait;
	int	 rc = -1;
	enum outcome o = OUT_FAIL;

	memset(res, 0, sizeof(*res));
	unlink(part);
	if ((c = curl_easy_init()) == NULL) {
		free(part);
		return error_set(err, EXIT_SOFTWARE, "cannot start libcurl");
	}
	srand((unsigned)date_now() ^ (unsigned)getpid());
	for (res->attempts = 1;; res->attempts++) {
		o = attempt(c, req, part, res, err);
		if (o != OUT_RETRY || res->attempts > req->retries ||
		    util_stop_requested())
			break;
		if ((wait = delay_ms(c, req, res->attempts - 1)) < 0) {
			error_append(err, " (the server asks to retry later "
			    "than the timeout)");
			break;
		}
		sleep_ms(wait);
	}
	/*
	 * Renaming over the previous download makes ext4 write the new one
	 * out at once (auto_da_alloc): remove the old one first. A crash in
	 * between loses only a cached copy; the validators live in the
	 * database.
	 */
	if (o == OUT_DONE && !res->not_modified)
		unlink(req->dest);
	if (o == OUT_DONE && res->not_modified)
		rc = 0;
	else if (o == OUT_DONE && rename(part, req->dest) == -1)
		error_set(err, EXIT_IOERR, "%s: %s", req->dest,
		    error_errno(errno));
	else if (o == OUT_DONE)
		rc = 0;
	else if (o == OUT_RETRY)
		error_append(err, " (after %d attempts)", res->attempts);
	if (rc == -1 || res->not_modified)
		unlink(part);
	curl_easy_cleanup(c);
	free(part);
	return rc;
}
