/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * fetch.h: downloads with libcurl: conditional requests, retries with
 * exponential backoff and jitter, resume of cut downloads, a byte cap,
 * and a temporary file renamed into place only when complete.
 */
#ifndef QT_FETCH_H
#define QT_FETCH_H

struct error;

struct fetch_req {
	const char	*url;		/* https://, http:// or file:// */
	const char	*dest;		/* the body lands here when complete */
	const char	*etag;		/* validators of the last success */
	const char	*last_modified;
	long long	 max_bytes;	/* cap on the body */
	long		 timeout;	/* seconds for one attempt */
	long		 connect_timeout;
	int		 retries;	/* attempts after the first */
	long		 backoff_ms;	/* first retry delay; doubles */
	const char	*ca_file;	/* extra CA bundle, or NULL */
};

struct fetch_res {
	int		 not_modified;	/* 304, or file not newer */
	long		 status;	/* HTTP status; 0 for file:// */
	char		*etag;		/* new validators (may be NULL) */
	char		*last_modified;
	char		*content_type;
	long long	 bytes;		/* body bytes received in all */
	int		 attempts;
	int		 resumed;	/* times a cut download was resumed */
};

/* Once per process, before any thread: curl_global_init. */
int	fetch_init(struct error *);
void	fetch_cleanup(void);
/*
 * Fetches req->url into req->dest. Returns 0 (res->not_modified tells a
 * 304), or -1 with err naming the URL and the HTTP status or curl error:
 * EXIT_UNAVAILABLE when the server failed (5xx, 429, 4xx, a TLS handshake
 * or certificate, redirect refused) after the retries, EXIT_TEMPFAIL when
 * the network is down (resolve, connect), EXIT_DATAERR for a body over the
 * cap, EXIT_IOERR when the file cannot be written, EXIT_CONFIG when
 * req->ca_file cannot be read. dest is never left half-written.
 */
int	fetch_get(const struct fetch_req *, struct fetch_res *,
	    struct error *);
void	fetch_res_free(struct fetch_res *);

#endif
