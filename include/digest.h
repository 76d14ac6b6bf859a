/*
 * digest.h: the weekly digest by e-mail: an RFC 5322 message,
 * multipart/alternative with text/plain first and text/html last,
 * sent through SMTP (libcurl) or sendmail.
 */
#ifndef QT_DIGEST_H
#define QT_DIGEST_H

#include <stddef.h>
#include <stdio.h>

#include "util.h"

struct config;
struct digest_conf;
struct store;
struct mail_conf;
struct report;
struct error;

/*
 * Builds the whole message (headers and body, CRLF line ends) from a
 * report. intro may be NULL; "\n" in it starts a new line. Message-ID
 * gets the domain; *message_id receives it (without < >).
 */
void	digest_message(const struct report *, const char *from, const char *to,
	    const char *intro, const char *domain, long now, struct buf *msg,
	    char *message_id, size_t size);
/*
 * Sends a message to the recipients (comma-separated) by [mail] method.
 * Returns 0, or -1 with err naming the server and its reply:
 * EXIT_TEMPFAIL when the server cannot be reached, EXIT_UNAVAILABLE when
 * it refuses (4xx/5xx), EXIT_CONFIG for a password file that cannot be
 * read.
 */
int	digest_send(const struct mail_conf *, const char *recipients,
	    const struct buf *msg, struct error *);
/* How a digest run goes. */
struct digest_run {
	int		 dry_run;	/* print, send and record nothing */
	int		 force;		/* even if sent this ISO week */
	const char	*to;		/* recipients instead of the digest's */
	char		 week[16];	/* the ISO week of the as-of date */
};

/* What digest_deliver did. */
struct digest_outcome {
	int		skipped;	/* already sent this ISO week */
	int		sent;
	unsigned long	overdue;
	unsigned long	answered;
};

/*
 * One digest (d NULL: every question to dr->to): the report since the
 * last digest of that name, sent (or, with dry_run, written to dry),
 * then recorded. Returns 0 (o says what happened), or -1 with err set
 * and nothing recorded.
 */
int	digest_deliver(struct store *, const struct config *,
	    const struct digest_conf *d, const struct digest_run *dr, int asof,
	    FILE *dry, struct digest_outcome *o, struct error *);
/* Quoted-printable (RFC 2045) of UTF-8 text with LF line ends; a line
 * that starts with "." starts with "=2E", so no transport can eat it. */
void	digest_qp(struct buf *out, const char *text);
/* An RFC 2047 encoded word for a header, when the text is not ASCII. */
void	digest_header_word(struct buf *out, const char *text);

#endif
