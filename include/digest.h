/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
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

struct store;
struct report;
struct error;
struct feed_settings;
struct rules_settings;

/* The [mail] section: how digests leave. */
struct mail_conf {
	char	*method;	/* smtp or sendmail */
	char	*smtp_url;	/* smtp://host:port or smtps://host:port */
	char	*from;
	char	*user;
	char	*password_file;	/* first line is the password */
	char	*sendmail;	/* path of sendmail(8) */
	int	 timeout;
};

/* One [digest NAME] section: who gets which questions, when. */
struct digest_conf {
	char	*name;
	char	*to;		/* addresses, separated by commas */
	char	*author;	/* filters, as on the command line */
	char	*group;
	char	*ministry;
	char	*day;		/* monday ... sunday */
	int	 hour;		/* 0-23, Europe/Paris */
	char	*intro;		/* a paragraph at the top, or NULL */
	int	 line;
};

/*
 * Builds the whole message (headers and body, CRLF line ends) from a
 * report. name is the digest's (List-Id); from and to take display names
 * ("Veille QE <veille@example.org>", RFC 2047 encoded). intro may be NULL;
 * "\n" in it starts a new line. Message-ID gets the sender's domain, or
 * domain when from has none; *message_id receives it (without < >).
 */
void	digest_message(const struct report *, const char *name,
	    const char *from, const char *to, const char *intro,
	    const char *domain, long now, struct buf *msg, char *message_id,
	    size_t size);
/*
 * Sends a message to the recipients (comma-separated) by [mail] method.
 * Returns 0, or -1 with err naming the server and its reply:
 * EXIT_TEMPFAIL when the server cannot be reached, EXIT_UNAVAILABLE when
 * it refuses (4xx/5xx), EXIT_CONFIG for a password file that cannot be
 * read.
 */
enum mail_failure {
	MAIL_TEMPORARY,		/* nothing left, or 4xx: try again later */
	MAIL_REFUSED,		/* 5xx: never again */
	MAIL_UNKNOWN		/* cut on its way: it may have arrived */
};
int	digest_send(const struct mail_conf *, const char *recipients,
	    const struct buf *msg, enum mail_failure *how, struct error *);
/* How a digest run goes. */
/* What a digest reads of the configuration. */
struct digest_settings {
	const char			*path;	/* the config file, or NULL */
	const struct mail_conf		*mail;
	const struct feed_settings	*feed;
	const struct rules_settings	*rules;
};

struct digest_run {
	int		 dry_run;	/* print, send and record nothing */
	int		 force;		/* even if sent this ISO week */
	const char	*to;		/* recipients instead of the digest's */
	char		 week[16];	/* the ISO week of the as-of date */
};

/* What digest_deliver did. */
struct digest_outcome {
	int		skipped;	/* already sent this ISO week */
	int		unknown;	/* a send of this week whose end is
					 * unknown: not sent again */
	int		refused;	/* refused for good this week */
	char		reason[256];
	long		waiting;	/* a retry: not before (UTC seconds) */
	int		deferred;	/* not sent: waiting for that time */
	int		sent;
	unsigned long	overdue;
	unsigned long	answered;
};

/*
 * Whether a [digest] section's addresses ([mail] from, to) are addresses
 * and, with a store (NULL: not checked), whether its author, group and
 * ministry match names the database knows (filter_check); else -1,
 * EXIT_CONFIG, the error naming FILE:LINE, the section and the closest
 * known values.
 */
int	digest_check(struct store *, const struct digest_settings *,
	    const struct digest_conf *, struct error *);
/*
 * One digest (d NULL: every question to dr->to): the report since the
 * last digest of that name, sent (or, with dry_run, written to dry).
 * Each goes once a week, at most once: the intent is recorded before the
 * message leaves; a 5xx refusal is final for the week; a temporary
 * failure is tried again after 1, 2, 4 ... minutes (6 hours at most);
 * a send cut once the message was on its way is not tried again (it may
 * have arrived). dr->force sends whatever the record says. Returns 0 (o
 * says what happened), or -1 with err set.
 */
int	digest_deliver(struct store *, const struct digest_settings *,
	    const struct digest_conf *d, const struct digest_run *dr, int asof,
	    FILE *dry, struct digest_outcome *o, struct error *);
/* Quoted-printable (RFC 2045) of UTF-8 text with LF line ends; a line
 * that starts with "." starts with "=2E", so no transport can eat it. */
void	digest_qp(struct buf *out, const char *text);
/* An RFC 2047 encoded word for a header, when the text is not ASCII. */
void	digest_header_word(struct buf *out, const char *text);
/*
 * One address as [mail] from or [digest] to take it: "a@example.org" or
 * "Display Name <a@example.org>" (the name may be quoted). The bare
 * address goes to addr (for the SMTP envelope), the name to display ("" if
 * none); -1 when it is not an address (no "@", spaces, control
 * characters, unbalanced brackets).
 */
int	digest_address(const char *s, char *display, size_t dsize, char *addr,
	    size_t asize);
/* The next address of a comma-separated list (commas inside quotes or
 * brackets do not split); *s moves past it. 0 when none is left. */
size_t	digest_next_address(const char **s, char *out, size_t size);

#endif
