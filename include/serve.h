/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * serve.h: the feeds, the index page and the reports over HTTP
 * (libmicrohttpd), from memory, rebuilt when the data changes.
 */
#ifndef QT_SERVE_H
#define QT_SERVE_H

struct store;
struct config;
struct error;
struct server;

/* The [serve] section. */
struct serve_conf {
	char	*listen;	/* ADDR:PORT, [ADDR]:PORT for IPv6 */
	int	 threads;
	int	 max_connections;
	int	 per_ip_limit;	/* 0: none */
	int	 timeout;	/* seconds an idle connection is kept */
	int	 header_timeout;	/* seconds a request's head may take */
	int	 check_seconds;	/* how often data changes are looked for */
	char	*root;		/* an export served from disk, or NULL */
};

/*
 * Starts answering on listen (or [serve] listen) with the site built at
 * asof. The store is used only by the calling thread (serve_refresh).
 * Returns NULL with err set on failure.
 */
struct server	*serve_start(struct store *, const struct config *,
		    const char *listen, int asof, struct error *);
/*
 * Rebuilds the site if another process changed the data or asof moved,
 * or always with force (after this process changed the data itself).
 */
void		 serve_refresh(struct server *, struct store *,
		    const struct config *, int asof, int force);
/* Stops answering and frees everything; NULL is fine. */
void		 serve_stop(struct server *);

/*
 * Serves until SIGTERM or SIGINT. listen overrides [serve] listen when not
 * NULL. Returns 0 on a clean stop, or -1 with err set (EXIT_CONFIG for a
 * bad address, EXIT_CANTCREAT when the port cannot be bound).
 */
int	serve_run(struct store *, const struct config *, const char *listen,
	    int (*today)(void), int fixed_asof, struct error *);

#endif
