/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * digest.c: the digest message and its delivery.
 *
 * The message is built once, as bytes (RFC 5322 headers, RFC 2046
 * multipart/alternative with text/plain first and text/html last, RFC 2045
 * quoted-printable, RFC 2047 for a non-ASCII subject), so that --dry-run
 * shows exactly what SMTP or sendmail will carry. SMTP goes through
 * libcurl, which dot-stuffs the body; STARTTLS is required unless the
 * server is this machine.
 */
#include "digest.h"

#include <ctype.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "date.h"
#include "feed.h"
#include "filter.h"
#include "store.h"
#include "error.h"
#include "log.h"
#include "i18n.h"
#include "report.h"
#include "version.h"

static const char hexd[] = "0123456789ABCDEF";

void
digest_qp(struct buf *out, const char *text)
{
	const unsigned char	*p = (const unsigned char *)text;
	int			 col = 0;

	for (; *p != '\0'; p++) {
		char	enc[4];
		int	 len, need;

		if (*p == '\n') {
			buf_adds(out, "\r\n");
			col = 0;
			continue;
		}
		if (*p == '\r')
			continue;
		/* Encode =, non-ASCII, controls, a "." opening a line, and
		 * white space before a line end. */
		need = *p == '=' || *p >= 127 || (*p < 32 && *p != '\t') ||
		    (col == 0 && *p == '.') || ((*p == ' ' || *p == '\t') &&
		    (p[1] == '\n' || p[1] == '\0'));
		if (need) {
			enc[0] = '=';
			enc[1] = hexd[*p >> 4];
			enc[2] = hexd[*p & 15];
			len = 3;
		} else {
			enc[0] = (char)*p;
			len = 1;
		}
		if (col + len > 75) {
			buf_adds(out, "=\r\n");	/* soft line break */
			col = 0;
		}
		buf_add(out, enc, (size_t)len);
		col += len;
	}
	if (col > 0)
		buf_adds(out, "\r\n");
}

void
digest_header_word(struct buf *out, const char *text)
{
	const unsigned char	*p;
	int			 ascii = 1, col = 0;

	for (p = (const unsigned char *)text; *p != '\0'; p++)
		ascii &= *p >= 32 && *p < 127;
	if (ascii) {
		buf_adds(out, text);
		return;
	}
	/* Q encoding, words of at most 75 characters (RFC 2047 §2). */
	buf_adds(out, "=?UTF-8?Q?");
	for (p = (const unsigned char *)text; *p != '\0'; p++) {
		int	n = (*p >= 127 || *p < 32 || strchr("=?_\"()<>,;:", *p))
			    ? 3 : 1;

		/* Start a new word before a full one; keep UTF-8 whole. */
		if (col + n > 60 && (*p & 0xc0) != 0x80) {
			buf_adds(out, "?=\r\n =?UTF-8?Q?");
			col = 0;
		}
		if (*p == ' ')
			buf_addc(out, '_');
		else if (n == 3)
			buf_printf(out, "=%c%c", hexd[*p >> 4], hexd[*p & 15]);
		else
			buf_addc(out, (char)*p);
		col += n;
	}
	buf_adds(out, "?=");
}

static void
render(const struct report *r, enum report_format f, struct buf *out)
{
	char	*data = NULL;
	size_t	 len = 0;
	FILE	*mem = open_memstream(&data, &len);

	report_write(mem, r, f, 0);
	fclose(mem);
	buf_add(out, data, len);
	free(data);
}

/* The intro, "\n" in the config made real line breaks. */
static char *
intro_text(const char *intro)
{
	char	*s = xstrdup(intro), *p;

	while ((p = strstr(s, "\\n")) != NULL) {
		*p = '\n';
		memmove(p + 1, p + 2, strlen(p + 2) + 1);
	}
	return s;
}

static void
part(struct buf *msg, const char *boundary, const char *type,
    const char *body)
{
	buf_printf(msg, "--%s\r\nContent-Type: %s; charset=utf-8\r\n"
	    "Content-Transfer-Encoding: quoted-printable\r\n\r\n", boundary,
	    type);
	digest_qp(msg, body);
}

size_t
digest_next_address(const char **s, char *out, size_t size)
{
	const char	*p = *s;
	size_t		 n;
	int		 quoted = 0, angle = 0;

	for (;;) {
		while (*p == ',' || *p == ' ' || *p == '\t')
			p++;
		if (*p == '\0') {
			*s = p;
			return 0;
		}
		for (n = 0; p[n] != '\0' && (quoted || angle || p[n] != ',');
		    n++)
			if (p[n] == '"')
				quoted = !quoted;
			else if (!quoted && p[n] == '<')
				angle = 1;
			else if (!quoted && p[n] == '>')
				angle = 0;
		*s = p + n;
		if (size > 0) {
			str_copy(out, p, n + 1 < size ? n + 1 : size);
			str_trim(out);
		}
		if (n > 0)
			return n;
	}
}

static int
bare_address(const char *a)
{
	const char	*at = strchr(a, '@'), *p;

	if (at == NULL || at == a || at[1] == '\0' || strchr(at + 1, '@'))
		return 0;
	for (p = a; *p != '\0'; p++)
		if ((unsigned char)*p <= ' ' || *p == 127 || strchr("<>\"(),;:"
		    "[]\\", *p) != NULL)
			return 0;
	return 1;
}

int
digest_address(const char *s, char *display, size_t dsize, char *addr,
    size_t asize)
{
	const char	*lt, *gt, *p;
	size_t		 n;

	for (p = s; *p != '\0'; p++)	/* never a second header line */
		if ((unsigned char)*p < ' ' || *p == 127)
			return -1;
	lt = strrchr(s, '<');
	if (lt == NULL) {
		if (strchr(s, '>') != NULL)
			return -1;
		str_copy(addr, s, asize);
		str_trim(addr);
		display[0] = '\0';
		return bare_address(addr) ? 0 : -1;
	}
	if ((gt = strchr(lt, '>')) == NULL || gt[1 + strspn(gt + 1, " \t")] !=
	    '\0')
		return -1;
	n = (size_t)(gt - lt - 1);
	str_copy(addr, lt + 1, n + 1 < asize ? n + 1 : asize);
	n = (size_t)(lt - s);
	str_copy(display, s, n + 1 < dsize ? n + 1 : dsize);
	str_trim(display);
	n = strlen(display);
	if (n >= 2 && display[0] == '"' && display[n - 1] == '"') {
		memmove(display, display + 1, n - 2);
		display[n - 2] = '\0';
	}
	if (strchr(display, '"') != NULL || strchr(display, '<') != NULL)
		return -1;
	return bare_address(addr) ? 0 : -1;
}

/* An address for a header: the name encoded (RFC 2047) or quoted, then
 * the bare address. */
static void
header_address(struct buf *msg, const char *s)
{
	char			 display[256], addr[256];
	const unsigned char	*p;
	int			 ascii = 1;

	if (digest_address(s, display, sizeof(display), addr,
	    sizeof(addr)) == -1) {
		buf_adds(msg, "undisclosed-recipients:;");	/* checked before */
		return;
	}
	if (display[0] == '\0') {
		buf_adds(msg, addr);
		return;
	}
	for (p = (const unsigned char *)display; *p != '\0'; p++)
		ascii &= *p >= 32 && *p < 127;
	if (ascii)
		buf_printf(msg, "\"%s\"", display);
	else
		digest_header_word(msg, display);
	buf_printf(msg, " <%s>", addr);
}

static void
header_addresses(struct buf *msg, const char *list)
{
	char	one[512];
	int	n = 0;

	while (digest_next_address(&list, one, sizeof(one)) > 0) {
		if (n++ > 0)
			buf_adds(msg, ",\r\n ");
		header_address(msg, one);
	}
}

/* A digest's name as a List-Id label: letters, digits and hyphens. */
static const char *
list_id(const char *name, char *out, size_t size)
{
	size_t	n = 0;

	for (; name != NULL && *name != '\0' && n + 1 < size; name++)
		out[n++] = isalnum((unsigned char)*name) && (unsigned char)*name
		    < 128 ? (char)tolower((unsigned char)*name) : '-';
	if (n == 0)
		str_copy(out, "default", size);
	else
		out[n] = '\0';
	return out;
}

void
digest_message(const struct report *r, const char *name, const char *from,
    const char *to, const char *intro, const char *domain, long now,
    struct buf *msg,
    char *message_id, size_t size)
{
	unsigned char	 rnd[8];
	char		 boundary[64], date[64], *subject, *in = NULL;
	char		 display[256], addr[256], lid[64];
	const char	*body, *at;
	struct buf	 b, text, html;

	if (getrandom(rnd, sizeof(rnd), 0) != sizeof(rnd))
		memset(rnd, 0, sizeof(rnd));
	/* The sender's domain, which the sender's server vouches for. */
	if (digest_address(from, display, sizeof(display), addr,
	    sizeof(addr)) == -1)
		addr[0] = '\0';
	else if ((at = strchr(addr, '@')) != NULL)
		domain = at + 1;
	snprintf(message_id, size, "qetracker.%ld.%02x%02x%02x%02x%02x%02x@%s",
	    now, rnd[0], rnd[1], rnd[2], rnd[3], rnd[4], rnd[5], domain);
	snprintf(boundary, sizeof(boundary), "=_qetracker_%02x%02x%02x%02x",
	    rnd[4], rnd[5], rnd[6], rnd[7]);
	buf_printf(msg, "Date: %s", date_rfc5322(now, 1, date, sizeof(date)));
	buf_adds(msg, "\r\nFrom: ");
	header_address(msg, from);
	buf_adds(msg, "\r\nTo: ");
	header_addresses(msg, to);
	buf_adds(msg, "\r\nSubject: ");
	subject = report_subject(r);
	/* Which digest it is, after what changed. */
	if (name != NULL && strcmp(name, "default") != 0) {
		char	*s = xasprintf("%s — %s", subject, name);

		free(subject);
		subject = s;
	}
	digest_header_word(msg, subject);
	/* Which digest this is, for filters (RFC 2919), and where a reader
	 * asks to be taken off: the sender (RFC 2369). */
	buf_printf(msg, "\r\nList-Id: <%s.digest.%s>", list_id(name, lid,
	    sizeof(lid)), domain);
	if (addr[0] != '\0')
		buf_printf(msg, "\r\nList-Unsubscribe: <mailto:%s?subject="
		    "unsubscribe>", addr);
	buf_printf(msg, "\r\nMessage-ID: <%s>\r\nMIME-Version: 1.0\r\n"
	    "Content-Type: multipart/alternative; boundary=\"%s\"\r\n"
	    "Content-Language: %s\r\nUser-Agent: qetracker/%s\r\n\r\n"
	    "This is a MIME message.\r\n", message_id, boundary,
	    i18n_french() ? "fr" : "en", QT_VERSION);
	buf_init(&text);
	buf_init(&html);
	render(r, RF_TEXT, &text);
	render(r, RF_HTML, &html);
	buf_init(&b);
	if (intro != NULL && *intro != '\0') {
		in = intro_text(intro);
		buf_printf(&b, "%s\n\n", in);
	}
	buf_adds(&b, text.data);
	part(msg, boundary, "text/plain", b.data);
	buf_reset(&b);
	/* The intro, as a paragraph, right after <body>. */
	if (in != NULL && (body = strstr(html.data, "<body>\n")) != NULL) {
		buf_add(&b, html.data, (size_t)(body - html.data) + 7);
		buf_adds(&b, "<p class=\"intro\" style=\"white-space:pre-line\">");
		buf_add_html(&b, in);
		buf_adds(&b, "</p>\n");
		buf_adds(&b, body + 7);
	} else
		buf_adds(&b, html.data);
	part(msg, boundary, "text/html", b.data);
	buf_printf(msg, "--%s--\r\n", boundary);
	buf_free(&b);
	buf_free(&text);
	buf_free(&html);
	free(subject);
	free(in);
}

struct upload {
	const struct buf	*msg;
	size_t			 off;
};

static size_t
upload_read(char *p, size_t size, size_t n, void *arg)
{
	struct upload	*u = arg;
	size_t		 left = u->msg->len - u->off;
	size_t		 len = size * n < left ? size * n : left;

	memcpy(p, u->msg->data + u->off, len);
	u->off += len;
	return len;
}

/* The first line of the password file; NULL with err set on failure. */
static char *
read_password(const char *path, struct error *err)
{
	char	line[1024];
	FILE	*fp;

	if ((fp = fopen(path, "r")) == NULL) {
		error_set(err, EXIT_CONFIG, "%s: %s", path, error_errno(errno));
		return NULL;
	}
	if (fgets(line, sizeof(line), fp) == NULL)
		line[0] = '\0';
	fclose(fp);
	line[strcspn(line, "\r\n")] = '\0';
	return xstrdup(line);
}

/* Whether the SMTP server is this machine (no TLS required then). */
static int
loopback(const char *url)
{
	CURLU	*u = curl_url();
	char	*host = NULL;
	int	 local = 0;

	if (curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK)
		local = strcmp(host, "127.0.0.1") == 0 ||
		    strcmp(host, "localhost") == 0 || strcmp(host, "[::1]") == 0;
	curl_free(host);
	curl_url_cleanup(u);
	return local;
}

static struct curl_slist *
recipients_list(const char *to)
{
	struct curl_slist	*l = NULL;
	char			 one[512], display[256], addr[256], *a;

	/* Only the bare address goes into the envelope (RCPT TO). */
	while (digest_next_address(&to, one, sizeof(one)) > 0) {
		if (digest_address(one, display, sizeof(display), addr,
		    sizeof(addr)) == -1)
			continue;
		a = xasprintf("<%s>", addr);
		l = curl_slist_append(l, a);
		free(a);
	}
	return l;
}

static int
send_smtp(const struct mail_conf *mc, const char *to, const struct buf *msg,
    enum mail_failure *how, struct error *err)
{
	struct upload		 up = { msg, 0 };
	struct curl_slist	*rcpt = recipients_list(to);
	char			 display[256], addr[256], *from;
	char			*pass = NULL;
	long			 code = 0;
	CURLcode		 cc;
	CURL			*c;
	int			 rc = -1;

	/* The envelope takes the bare address; "Name <a@b>" gets a 501. */
	if (digest_address(mc->from, display, sizeof(display), addr,
	    sizeof(addr)) == -1)
		str_copy(addr, mc->from, sizeof(addr));
	from = xasprintf("<%s>", addr);
	if ((c = curl_easy_init()) == NULL) {
		error_set(err, EXIT_SOFTWARE, "cannot start libcurl");
		goto out;
	}
	if (mc->password_file != NULL &&
	    (pass = read_password(mc->password_file, err)) == NULL)
		goto out;
	curl_easy_setopt(c, CURLOPT_URL, mc->smtp_url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, from);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, upload_read);
	curl_easy_setopt(c, CURLOPT_READDATA, &up);
	curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, (curl_off_t)msg->len);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, (long)mc->timeout);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 30L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	if (!loopback(mc->smtp_url))
		curl_easy_setopt(c, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
	if (mc->user != NULL)
		curl_easy_setopt(c, CURLOPT_USERNAME, mc->user);
	if (pass != NULL)
		curl_easy_setopt(c, CURLOPT_PASSWORD, pass);
	cc = curl_easy_perform(c);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
	if (cc == CURLE_OK) {
		rc = 0;
		goto out;
	}
	/*
	 * What a retry may do: nothing of the message left (no connection,
	 * or the transfer never started), or a 4xx: try again later; a 5xx:
	 * never; cut once the message was on its way: it may have arrived,
	 * so no retry sends it a second time.
	 */
	if (code >= 500) {
		*how = MAIL_REFUSED;
		error_set(err, EXIT_UNAVAILABLE, "%s: the server answered %ld "
		    "(%s)", mc->smtp_url, code, curl_easy_strerror(cc));
	} else if (code >= 400) {
		*how = MAIL_TEMPORARY;
		error_set(err, EXIT_TEMPFAIL, "%s: the server answered %ld "
		    "(%s)", mc->smtp_url, code, curl_easy_strerror(cc));
	} else if (cc == CURLE_COULDNT_CONNECT ||
	    cc == CURLE_COULDNT_RESOLVE_HOST || up.off == 0) {
		*how = MAIL_TEMPORARY;
		error_set(err, EXIT_TEMPFAIL, "%s: %s", mc->smtp_url,
		    curl_easy_strerror(cc));
	} else {
		*how = MAIL_UNKNOWN;
		error_set(err, EXIT_TEMPFAIL, "%s: %s after the message was "
		    "sent in part; it may have arrived", mc->smtp_url,
		    curl_easy_strerror(cc));
	}
out:
	curl_slist_free_all(rcpt);
	if (c != NULL)
		curl_easy_cleanup(c);
	free(from);
	free(pass);
	return rc;
}

/* sendmail -t -oi reads the recipients from the headers. */
static int
send_sendmail(const struct mail_conf *mc, const struct buf *msg,
    enum mail_failure *how, struct error *err)
{
	int	fd[2], status;
	pid_t	pid;
	size_t	off = 0;
	ssize_t	n;

	*how = MAIL_TEMPORARY;
	if (pipe(fd) == -1)
		return error_set(err, EXIT_SOFTWARE, "pipe: %s",
		    error_errno(errno));
	if ((pid = fork()) == -1) {
		close(fd[0]);
		close(fd[1]);
		return error_set(err, EXIT_SOFTWARE, "fork: %s",
		    error_errno(errno));
	}
	if (pid == 0) {
		dup2(fd[0], STDIN_FILENO);
		close(fd[0]);
		close(fd[1]);
		execl(mc->sendmail, mc->sendmail, "-t", "-oi", (char *)NULL);
		_exit(127);
	}
	close(fd[0]);
	signal(SIGPIPE, SIG_IGN);
	while (off < msg->len && (n = write(fd[1], msg->data + off,
	    msg->len - off)) > 0)
		off += (size_t)n;
	close(fd[1]);
	while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
		;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && off == msg->len)
		return 0;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
		return error_set(err, EXIT_CONFIG, "%s: cannot run it",
		    mc->sendmail);
	/* sendmail's EX_TEMPFAIL queues nothing: try again; anything else
	 * is its refusal. */
	if (!(WIFEXITED(status) && WEXITSTATUS(status) == 75))
		*how = MAIL_REFUSED;
	return error_set(err, WIFEXITED(status) && WEXITSTATUS(status) == 75 ?
	    EXIT_TEMPFAIL : EXIT_UNAVAILABLE, "%s -t -oi: exit status %d",
	    mc->sendmail, WIFEXITED(status) ? WEXITSTATUS(status) : -1);
}

int
digest_send(const struct mail_conf *mc, const char *recipients,
    const struct buf *msg, enum mail_failure *how, struct error *err)
{
	enum mail_failure	dummy;

	if (how == NULL)
		how = &dummy;
	*how = MAIL_TEMPORARY;
	if (strcmp(mc->method, "sendmail") == 0)
		return send_sendmail(mc, msg, how, err);
	return send_smtp(mc, recipients, msg, how, err);
}

/* The wait before the next try after n temporary failures: 1, 2, 4 ...
 * minutes, at most 6 hours. */
static long
retry_delay(int n)
{
	long	d = 60;

	while (--n > 0 && d < 6 * 3600)
		d *= 2;
	return d < 6 * 3600 ? d : 6 * 3600;
}

/*
 * Whether this week's digest may go: not when it went (or may have gone:
 * a send whose end is unknown), not when the server refused it for good,
 * not before a retry's time. Returns 1 to send, 0 not to (o says why).
 */
static int
may_send(const struct digest_state *ds, int found, const struct digest_run *dr,
    long now, struct digest_outcome *o)
{
	if (!found || dr->force)
		return 1;
	if (strcmp(ds->state, "sent") == 0) {
		o->skipped = 1;
		return 0;
	}
	if (strcmp(ds->state, "sending") == 0) {
		o->unknown = 1;
		return 0;
	}
	if (strcmp(ds->state, "failed") == 0) {
		o->refused = 1;
		str_copy(o->reason, ds->reason, sizeof(o->reason));
		return 0;
	}
	if (now < ds->next_try) {
		o->waiting = ds->next_try;
		o->deferred = 1;
		return 0;
	}
	return 1;
}

/* Sends a message recorded "sending", then records how it went. */
static int
send_recorded(struct store *st, const struct digest_settings *dg, const char *to,
    const struct buf *msg, long id, int attempts, struct digest_outcome *o,
    struct error *err)
{
	enum mail_failure	how;
	struct error		e2;
	const char		*state;
	long			next = 0;
	int			rc;

	rc = digest_send(dg->mail, to, msg, &how, err);
	if (rc == 0)
		state = "sent";
	else if (how == MAIL_REFUSED)
		state = "failed";
	else if (how == MAIL_TEMPORARY) {
		state = "retry";
		next = date_now() + retry_delay(attempts);
		o->waiting = next;
	} else {
		state = NULL;		/* may have arrived: stays "sending" */
		o->unknown = 1;
	}
	o->sent = rc == 0;
	if (state == NULL)
		return rc;
	error_clear(&e2);
	if (store_begin(st, &e2) == -1 || store_digest_set(st, id, state,
	    attempts, next, rc == 0 ? NULL : err->msg, &e2) == -1 ||
	    store_commit(st, &e2) == -1) {
		store_rollback(st);
		/* Sent, but not marked: the record says "sending", which no
		 * retry sends again either. */
		if (rc == 0)
			log_warnx("digest sent but not marked as sent: %s",
			    e2.msg);
	}
	return rc;
}

int
digest_check(struct store *st, const struct digest_settings *dg,
    const struct digest_conf *d, struct error *err)
{
	struct filter	 f;
	struct error	 e;
	char		 field[16], one[512], display[256], addr[256];
	const char	*path = dg->path ? dg->path : "the configuration";
	const char	*to = d->to;
	int		 rc;

	/* A bad address would only show as a 501 from the server, weekly. */
	if (dg->mail->from != NULL && digest_address(dg->mail->from, display,
	    sizeof(display), addr, sizeof(addr)) == -1)
		return error_set(err, EXIT_CONFIG, "%s: [mail] from = %s: not "
		    "an address (a@example.org or Name <a@example.org>)", path,
		    dg->mail->from);
	while (to != NULL && digest_next_address(&to, one, sizeof(one)) > 0)
		if (digest_address(one, display, sizeof(display), addr,
		    sizeof(addr)) == -1)
			return error_set(err, EXIT_CONFIG, "%s:%d: [digest %s] "
			    "to: \"%s\" is not an address (a@example.org or "
			    "Name <a@example.org>)", path, d->line, d->name,
			    one);
	if (st == NULL)
		return 0;
	filter_init(&f);
	f.author = xstrdup_null(d->author);
	f.group = xstrdup_null(d->group);
	f.ministry = xstrdup_null(d->ministry);
	rc = filter_check(st, &f, field, sizeof(field), &e);
	filter_free(&f);
	if (rc == 0)
		return 0;
	if (field[0] == '\0')
		return error_set(err, e.status, "%s", e.msg);
	/* Every week's "0 overdue" would hide it: the admin's error. */
	return error_set(err, EXIT_CONFIG, "%s:%d: [digest %s] %s = %s",
	    path, d->line, d->name, field, e.msg);
}

int
digest_deliver(struct store *st, const struct digest_settings *dg,
    const struct digest_conf *d, const struct digest_run *dr, int asof,
    FILE *dry, struct digest_outcome *o, struct error *err)
{
	struct filter		 f;
	struct report_opts	 ro;
	struct report		 r;
	struct buf		 msg;
	struct digest_state	 ds;
	char			 last_week[16], mid[256], *feed;
	const char		*name = d ? d->name : "default";
	const char		*to = dr->to ? dr->to : d ? d->to : NULL;
	long			 id = 0, retry_id = 0;
	int			 end, found, attempts = 1, rc = -1;

	memset(o, 0, sizeof(*o));
	if (to == NULL)
		return error_set(err, EXIT_USAGE, "%s: no recipient", name);
	if (d != NULL && digest_check(st, dg, d, err) == -1)
		return -1;
	if (!dr->dry_run) {
		if ((found = store_digest_state(st, name, dr->week, &ds,
		    err)) == -1)
			return -1;
		if (!may_send(&ds, found, dr, date_now(), o))
			return 0;
		attempts = found && strcmp(ds.state, "retry") == 0 &&
		    !dr->force ? ds.attempts + 1 : 1;
		retry_id = found && strcmp(ds.state, "retry") == 0 &&
		    !dr->force ? ds.id : 0;
	}
	found = store_digest_last(st, name, &end, last_week,
	    sizeof(last_week), err);
	if (found == -1)
		return -1;
	filter_init(&f);
	if (d != NULL) {
		f.author = xstrdup_null(d->author);
		f.group = xstrdup_null(d->group);
		f.ministry = xstrdup_null(d->ministry);
	}
	feed = xasprintf("%s/all.ics", dg->feed->base_url);
	ro.filter = &f;
	ro.asof = asof;
	ro.since = found && end != DATE_NONE && end < asof ? end :
	    asof - 7;
	ro.by = BY_MINISTRY;
	ro.feed_url = feed;
	ro.rules = dg->rules;
	buf_init(&msg);
	if (report_build(st, &ro, &r, err) == -1)
		goto out;
	digest_message(&r, name, dg->mail->from, to, d ? d->intro : NULL,
	    dg->feed->uid_domain, date_now(), &msg, mid, sizeof(mid));
	o->overdue = r.c.overdue;
	o->answered = r.c.answered;
	if (dr->dry_run) {
		fwrite(msg.data, 1, msg.len, dry);
		rc = 0;
		goto done;
	}
	/* The intent first, committed: a run that dies or retries after this
	 * point knows the message may have left. */
	if (store_begin(st, err) == -1)
		goto done;
	if (retry_id > 0) {
		id = retry_id;
		if (store_digest_set(st, id, "sending", attempts, 0, NULL,
		    err) == -1) {
			store_rollback(st);
			goto done;
		}
	} else if (store_digest_put(st, name, dr->week, ro.since, asof, to,
	    mid, &id, err) == -1) {
		store_rollback(st);
		goto done;
	}
	if (store_commit(st, err) == -1)
		goto done;
	if ((rc = send_recorded(st, dg, to, &msg, id, attempts, o,
	    err)) == -1)
		error_prefix(err, "%s", name);
done:
	report_free(&r);
out:
	buf_free(&msg);
	free(feed);
	filter_free(&f);
	return rc;
}

