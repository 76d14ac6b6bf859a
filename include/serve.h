/*
 * serve.h: the feeds, the index page and the reports over HTTP
 * (libmicrohttpd), from memory, rebuilt when the data changes.
 */
#ifndef QT_SERVE_H
#define QT_SERVE_H

struct store;
struct config;
struct error;

/*
 * Serves until SIGTERM or SIGINT. listen overrides [serve] listen when not
 * NULL. Returns 0 on a clean stop, or -1 with err set (EXIT_CONFIG for a
 * bad address, EXIT_CANTCREAT when the port cannot be bound).
 */
int	serve_run(struct store *, const struct config *, const char *listen,
	    int (*today)(void), int fixed_asof, struct error *);

#endif
