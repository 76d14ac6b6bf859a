/*
 * digest.h: the weekly digest by e-mail: an RFC 5322 message,
 * multipart/alternative with text/plain first and text/html last,
 * sent through SMTP (libcurl) or sendmail.
 */
#ifndef QT_DIGEST_H
#define QT_DIGEST_H

#include <stddef.h>

#include "util.h"

struct config;
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
/* Quoted-printable (RFC 2045) of UTF-8 text with LF line ends; a line
 * that starts with "." starts with "=2E", so no transport can eat it. */
void	digest_qp(struct buf *out, const char *text);
/* An RFC 2047 encoded word for a header, when the text is not ASCII. */
void	digest_header_word(struct buf *out, const char *text);

#endif
