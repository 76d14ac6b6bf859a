/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * util.c: allocation wrappers (out of memory is fatal in one place, as in
 * tmux's xmalloc.c), a growable buffer, and the string folding used to
 * compare French names and labels without case or accents.
 */
#include "util.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

static void
oom(void)
{
	fputs("qetracker: out of memory\n", stderr);
	abort();
}

void *
xmalloc(size_t n)
{
	void	*p;

	if ((p = malloc(n == 0 ? 1 : n)) == NULL)
		oom();
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void	*p;

	if ((p = calloc(n == 0 ? 1 : n, size == 0 ? 1 : size)) == NULL)
		oom();
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	if ((p = realloc(p, n == 0 ? 1 : n)) == NULL)
		oom();
	return p;
}

char *
xstrdup(const char *s)
{
	char	*p;

	if ((p = strdup(s)) == NULL)
		oom();
	return p;
}

char *
xstrdup_null(const char *s)
{
	return s == NULL ? NULL : xstrdup(s);
}

char *
xstrndup(const char *s, size_t n)
{
	char	*p;

	if ((p = strndup(s, n)) == NULL)
		oom();
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	struct buf	 b;
	va_list		 ap;

	buf_init(&b);
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	return buf_steal(&b);
}

void
buf_init(struct buf *b)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
}

void
buf_free(struct buf *b)
{
	free(b->data);
	buf_init(b);
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

void
buf_reserve(struct buf *b, size_t more)
{
	size_t	need = b->len + more + 1;

	if (need < b->len)
		oom();
	if (need <= b->cap)
		return;
	if (b->cap == 0)
		b->cap = 64;
	while (b->cap < need)
		b->cap *= 2;
	b->data = xrealloc(b->data, b->cap);
	/* A string from the first allocation on, whatever comes next. */
	b->data[b->len] = '\0';
}

void
buf_add(struct buf *b, const void *p, size_t n)
{
	buf_reserve(b, n);
	if (n > 0)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_addc(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}

void
buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list	ap2;
	size_t	room;
	int	n;

	/* Formatted once into the room there is, again only when it does
	 * not fit: a feed's description or a page's line is a dozen of
	 * these, every one formatted twice before. */
	buf_reserve(b, 64);
	room = b->cap - b->len;
	va_copy(ap2, ap);
	n = vsnprintf(b->data + b->len, room, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		oom();
	if ((size_t)n >= room) {
		buf_reserve(b, (size_t)n);
		vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	}
	b->len += (size_t)n;
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void
buf_add_html(struct buf *b, const char *s)
{
	size_t	n;

	/* The text between the characters to escape goes in whole: every
	 * page's texts pass here, the whole questions and answers too. */
	while (s != NULL && *s != '\0') {
		n = strcspn(s, "&<>\"'");
		buf_add(b, s, n);
		switch (s[n]) {
		case '&':
			buf_adds(b, "&amp;");
			break;
		case '<':
			buf_adds(b, "&lt;");
			break;
		case '>':
			buf_adds(b, "&gt;");
			break;
		case '"':
			buf_adds(b, "&quot;");
			break;
		case '\'':
			buf_adds(b, "&#39;");
			break;
		default:		/* the end */
			return;
		}
		s += n + 1;
	}
}

char *
buf_steal(struct buf *b)
{
	char	*p;

	if (b->data == NULL)
		return xstrdup("");
	p = b->data;
	buf_init(b);
	return p;
}

/*
 * Maps the two-byte UTF-8 sequences of Latin-1 letters (C3 xx) to their
 * unaccented ASCII letter; 0 when there is none.
 */
static char
fold_c3(unsigned char c)
{
	static const char	map[64] =
	    "aaaaaaaceeeeiiii" "dnooooo ouuuuy s"
	    "aaaaaaaceeeeiiii" "dnooooo ouuuuy y";

	if (c < 0x80 || c > 0xbf)
		return 0;
	return map[c - 0x80] == ' ' ? 0 : map[c - 0x80];
}

char *
str_fold(const char *s)
{
	struct buf		 b;
	const unsigned char	*p = (const unsigned char *)s;
	int			 space = 0;
	char			 c;

	buf_init(&b);
	buf_add(&b, "", 0);
	while (*p != '\0') {
		if (*p == 0xc3 && (c = fold_c3(p[1])) != 0) {
			if (p[1] == 0x9f)	/* ß */
				buf_adds(&b, "ss");
			else
				buf_addc(&b, c);
			p += 2;
			space = 0;
		} else if (*p == 0xc5 && (p[1] == 0x93 || p[1] == 0x92)) {
			buf_adds(&b, "oe");	/* œ Œ */
			p += 2;
			space = 0;
		} else if (*p == 0xc2 && p[1] == 0xa0) {
			if (!space && b.len > 0)
				buf_addc(&b, ' ');
			space = 1;
			p += 2;
		} else if (*p == 0xe2 && p[1] == 0x80 &&
		    (p[2] == 0x99 || p[2] == 0x98)) {
			buf_addc(&b, '\'');
			p += 3;
			space = 0;
		} else if (isspace(*p)) {
			if (!space && b.len > 0)
				buf_addc(&b, ' ');
			space = 1;
			p++;
		} else {
			buf_addc(&b, (char)tolower(*p));
			p++;
			space = 0;
		}
	}
	if (b.len > 0 && b.data[b.len - 1] == ' ')
		b.data[--b.len] = '\0';
	return buf_steal(&b);
}

int
str_contains_folded(const char *haystack, const char *needle)
{
	char	*h, *n;
	int	 found;

	if (haystack == NULL || needle == NULL)
		return 0;
	h = str_fold(haystack);
	n = str_fold(needle);
	found = strstr(h, n) != NULL;
	free(h);
	free(n);
	return found;
}

static int
is_trim(const unsigned char *p)
{
	return isspace(*p) || (p[0] == 0xc2 && p[1] == 0xa0);
}

char *
str_trim(char *s)
{
	char	*start = s, *end;
	size_t	 n;

	while (*start != '\0' && is_trim((unsigned char *)start))
		start += ((unsigned char)*start == 0xc2) ? 2 : 1;
	end = start + strlen(start);
	for (;;) {
		if (end > start && isspace((unsigned char)end[-1]))
			end--;
		else if (end - start >= 2 && (unsigned char)end[-2] == 0xc2 &&
		    (unsigned char)end[-1] == 0xa0)
			end -= 2;
		else
			break;
	}
	n = (size_t)(end - start);
	memmove(s, start, n);
	s[n] = '\0';
	return s;
}

size_t
str_copy(char *dst, const char *src, size_t size)
{
	size_t	n = strlen(src);

	if (size > 0) {
		size_t	m = n < size - 1 ? n : size - 1;

		memcpy(dst, src, m);
		dst[m] = '\0';
	}
	return n;
}

int
str_to_long(const char *s, long min, long max, long *out)
{
	char	*end;
	long	 v;

	if (s == NULL || *s == '\0' || isspace((unsigned char)*s))
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

int
str_present(const char *s)
{
	return s != NULL && *s != '\0';
}

char *
str_count(unsigned long n, char *buf, size_t size)
{
	char	digits[32];
	size_t	len, i, o = 0;

	len = (size_t)snprintf(digits, sizeof(digits), "%lu", n);
	for (i = 0; i < len && o + 1 < size; i++) {
		if (i > 0 && (len - i) % 3 == 0 && o + 2 < size)
			buf[o++] = ',';
		buf[o++] = digits[i];
	}
	buf[o] = '\0';
	return buf;
}

/* A cell a spreadsheet would take for a formula: text (not a number)
 * that starts with = + - @, a tab or a carriage return. */
static int
csv_formula(const char *s)
{
	char	*end;

	if (strchr("=+-@\t\r", s[0]) == NULL || s[0] == '\0')
		return 0;
	(void)strtod(s, &end);
	return end == s || *end != '\0';
}

void
csv_field(FILE *fp, const char *s)
{
	const char	*p;
	int		 formula;

	if (s == NULL)
		return;
	/* OWASP's advice: a leading quote makes a formula text again. */
	formula = csv_formula(s);
	if (strpbrk(s, ",\"\r\n") == NULL) {
		if (formula)
			fputc('\'', fp);
		fputs(s, fp);
		return;
	}
	fputc('"', fp);
	if (formula)
		fputc('\'', fp);
	for (p = s; *p != '\0'; p++) {
		if (*p == '"')
			fputc('"', fp);
		fputc(*p, fp);
	}
	fputc('"', fp);
}

/* Writes s padded or cut to exactly w characters (UTF-8 aware). */
void
fput_cell(FILE *fp, const char *s, int w)
{
	const unsigned char	*p = (const unsigned char *)(s ? s : "");
	const unsigned char	*start = p;
	int			 n = 0;

	if (w <= 0) {
		fputs((const char *)p, fp);
		return;
	}
	while (*p != '\0' && n < w) {
		p++;
		while ((*p & 0xc0) == 0x80)
			p++;
		n++;
	}
	if (*p != '\0' && n == w) {
		/* Cut: back off one character for the ellipsis. */
		do
			p--;
		while (p > start && (*p & 0xc0) == 0x80);
		fwrite(start, 1, (size_t)(p - start), fp);
		fputs("…", fp);
		return;
	}
	fwrite(start, 1, (size_t)(p - start), fp);
	for (; n < w; n++)
		fputc(' ', fp);
}

static volatile sig_atomic_t	stop_requested;

void
util_request_stop(void)
{
	stop_requested = 1;
}

int
util_stop_requested(void)
{
	return stop_requested != 0;
}

char *
utf8_cut(const char *s, size_t n)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 chars = 0;

	while (*p != '\0' && chars < n) {
		p++;
		while ((*p & 0xc0) == 0x80)
			p++;
		chars++;
	}
	if (*p == '\0')
		return xstrdup(s);
	/* One character less, for the ellipsis. */
	do
		p--;
	while (p > (const unsigned char *)s && (*p & 0xc0) == 0x80);
	return xasprintf("%.*s…", (int)(p - (const unsigned char *)s), s);
}

int
util_mkdirs(const char *path, char **failed)
{
	char	*p = xstrdup(path), *s;

	*failed = NULL;
	for (s = strchr(p + 1, '/'); s != NULL; s = strchr(s + 1, '/')) {
		*s = '\0';
		if (mkdir(p, 0755) == -1 && errno != EEXIST) {
			*failed = p;
			return -1;
		}
		*s = '/';
	}
	free(p);
	return 0;
}

uint64_t
util_hash64_add(uint64_t h, const void *p, size_t n)
{
	const unsigned char	*c = p;
	size_t			 i;

	for (i = 0; i < n; i++) {
		h ^= c[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

uint64_t
util_hash64(const void *p, size_t n)
{
	return util_hash64_add(UTIL_HASH64_BASIS, p, n);
}

char *
util_realpath(const char *path)
{
	char	*r, *dir, *slash;

	if ((r = realpath(path, NULL)) != NULL || errno != ENOENT)
		return r;
	dir = xstrdup(path);
	if ((slash = strrchr(dir, '/')) == NULL) {
		free(dir);
		dir = xstrdup(".");
		slash = NULL;
	} else if (slash == dir)
		slash[1] = '\0';
	else
		*slash = '\0';
	if ((r = realpath(dir, NULL)) != NULL) {
		char	*full = xasprintf("%s/%s", r, slash != NULL ?
		    strrchr(path, '/') + 1 : path);

		free(r);
		r = full;
	}
	free(dir);
	return r;
}

/* The length of the valid UTF-8 sequence at s (1 to 4), or 0. */
static size_t
utf8_valid_len(const unsigned char *s)
{
	size_t	n, i;
	unsigned long cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4, cp = s[0] & 0x07;
	else
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	/* Overlong forms, surrogates, past U+10FFFF. */
	if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 ||
	    cp > 0x10ffff)) || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n;
}

/* A control character a terminal would obey: C0 but tab and line
 * ends, DEL, and C1 (U+0080 to U+009F, 0xc2 0x80-0x9f). */
static int
control_at(const unsigned char *s, size_t n)
{
	if (n == 1)
		return (s[0] < 0x20 && s[0] != '\t' && s[0] != '\n' &&
		    s[0] != '\r') || s[0] == 0x7f;
	return n == 2 && s[0] == 0xc2 && s[1] < 0xa0;
}

char *
util_text_clean(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	struct buf		 b;
	size_t			 n;

	for (; *p != '\0'; p += n)
		if ((n = utf8_valid_len(p)) == 0 || control_at(p, n))
			break;
	if (*p == '\0')
		return NULL;
	buf_init(&b);
	buf_add(&b, s, (size_t)(p - (const unsigned char *)s));
	for (; *p != '\0'; p += n ? n : 1) {
		n = utf8_valid_len(p);
		if (n == 0 || control_at(p, n))
			buf_adds(&b, "\xef\xbf\xbd");	/* U+FFFD */
		else
			buf_add(&b, (const char *)p, n);
	}
	return buf_steal(&b);
}

const char *
utf8_invalid(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 n;

	for (; *p != '\0'; p += n)
		if ((n = utf8_valid_len(p)) == 0)
			return (const char *)p;
	return NULL;
}

double
util_seconds(void)
{
	struct timespec	t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}
