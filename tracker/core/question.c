/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * question.c: the life of a written question, independent of where it
 * was read. Closure codes other than REP_PUB are not documented by the
 * Assemblée, so closures are classified from their label (domain.md §5)
 * while the raw code and label are kept.
 */
#include "question.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assembly.h"
#include "date.h"
#include "util.h"

/*
 * The text fields, in the order the hash counts them (which must not
 * change, or every stored question would look changed), then the dates.
 */
#define QF(f, k)	{ #f, offsetof(struct question, f), k }
const struct question_field question_texts[] = {
	QF(title, QF_SOURCE), QF(rubric, QF_SOURCE), QF(heading, QF_SOURCE),
	QF(excerpt, QF_SOURCE), QF(author_ref, QF_SOURCE),
	QF(author_name, QF_SOURCE), QF(group_ref, QF_SOURCE),
	QF(group_abbrev, QF_SOURCE), QF(group_name, QF_SOURCE),
	QF(ministry_asked_ref, QF_SOURCE), QF(ministry_asked, QF_SOURCE),
	QF(ministry_ref, QF_SOURCE), QF(ministry, QF_SOURCE),
	QF(published_page, QF_SOURCE), QF(answer_page, QF_SOURCE),
	QF(closure_code, QF_SOURCE), QF(closure_label, QF_SOURCE),
	QF(deadline_steps, QF_COMPUTED), QF(answer_excerpt, QF_SOURCE_IF_SET),
	QF(source_uid, QF_SOURCE_IF_SET),
};
const size_t question_ntexts = sizeof(question_texts) /
    sizeof(question_texts[0]);

const struct question_field question_dates[] = {
	QF(published, QF_SOURCE), QF(reattributed, QF_SOURCE),
	QF(signaled, QF_SOURCE), QF(renewed, QF_SOURCE),
	QF(answered, QF_SOURCE), QF(closed, QF_SOURCE),
	QF(deadline, QF_COMPUTED), QF(deadline_ext, QF_COMPUTED),
	QF(signal_deadline, QF_COMPUTED), QF(lapse_date, QF_COMPUTED),
};
const size_t question_ndates = sizeof(question_dates) /
    sizeof(question_dates[0]);
#undef QF

#define TEXT(q, i)	(*(char **)((char *)(q) + question_texts[i].off))
#define CTEXT(q, i)	(*(char *const *)((const char *)(q) + \
			    question_texts[i].off))
#define DATE(q, i)	(*(int *)((char *)(q) + question_dates[i].off))
#define CDATE(q, i)	(*(const int *)((const char *)(q) + \
			    question_dates[i].off))

void
question_init(struct question *q)
{
	size_t	i;

	memset(q, 0, sizeof(*q));
	for (i = 0; i < question_ndates; i++)
		DATE(q, i) = DATE_NONE;
}

static void
clean_one(char **s)
{
	char	*c;

	if (*s != NULL && (c = util_text_clean(*s)) != NULL) {
		free(*s);
		*s = c;
	}
}

void
question_prepare(struct question *q)
{
	size_t	i;

	for (i = 0; i < question_ntexts; i++)
		clean_one(&TEXT(q, i));
	clean_one(&q->text);
	clean_one(&q->answer_text);
	q->clean = 1;
	q->hash = question_hash(q);
}

void
question_clear(struct question *q)
{
	size_t	i;

	if (q == NULL)
		return;
	for (i = 0; i < question_ntexts; i++)
		free(TEXT(q, i));
	free(q->text);
	free(q->answer_text);
	for (i = 0; i < q->nevents; i++) {
		free(q->events[i].kind);
		free(q->events[i].detail);
	}
	free(q->events);
	for (i = 0; i < q->nanomalies; i++) {
		free(q->anomalies[i].kind);
		free(q->anomalies[i].detail);
	}
	free(q->anomalies);
	question_init(q);
}

size_t
question_size(const struct question *q)
{
	size_t	i, n = sizeof(*q);

	for (i = 0; i < question_ntexts; i++)
		if (TEXT(q, i) != NULL)
			n += strlen(TEXT(q, i));
	n += q->text != NULL ? strlen(q->text) : 0;
	n += q->answer_text != NULL ? strlen(q->answer_text) : 0;
	for (i = 0; i < q->nevents; i++)
		n += sizeof(q->events[i]) + strlen(q->events[i].kind) +
		    (q->events[i].detail ? strlen(q->events[i].detail) : 0);
	return n;
}

void
question_add_event(struct question *q, const char *kind, int date,
    const char *detail)
{
	struct qevent	*ev;

	q->events = xrealloc(q->events, (q->nevents + 1) * sizeof(*ev));
	ev = &q->events[q->nevents++];
	ev->kind = xstrdup(kind);
	ev->date = date;
	ev->detail = xstrdup_null(detail);
}

void
question_add_anomaly(struct question *q, const char *kind, const char *fmt,
    ...)
{
	struct qevent	*a;
	va_list		 ap;
	char		 detail[512];

	va_start(ap, fmt);
	vsnprintf(detail, sizeof(detail), fmt, ap);
	va_end(ap);
	q->anomalies = xrealloc(q->anomalies, (q->nanomalies + 1) *
	    sizeof(*a));
	a = &q->anomalies[q->nanomalies++];
	a->kind = xstrdup(kind);
	a->date = DATE_NONE;
	a->detail = xstrdup(detail);
}

void
question_uid(const struct question *q, char *buf, size_t size)
{
	const struct assembly	*a = assembly_of(q);

	if (a != NULL)
		a->uid(q, buf, size);
	else
		snprintf(buf, size, "%s-%d-%s-%ld", q->assembly,
		    q->legislature, q->type, q->number);
}

char *
question_label(const struct question *q, char *buf, size_t size)
{
	char	uid[64];

	question_uid(q, uid, sizeof(uid));
	return assembly_label(q->assembly, q->legislature, q->number, uid,
	    buf, size);
}

char *
question_expand(const char *tmpl, const struct question *q)
{
	struct buf	 b;
	char		 uid[64];
	const char	*p;

	question_uid(q, uid, sizeof(uid));
	buf_init(&b);
	/* Room for the usual: a URL made for every question a report or an
	 * export lists, so the text between braces goes in whole. */
	buf_reserve(&b, strlen(tmpl) + sizeof(uid));
	for (p = tmpl; *p != '\0';) {
		size_t	n = strcspn(p, "{");

		buf_add(&b, p, n);
		if (*(p += n) == '\0')
			break;
		if (strncmp(p, "{legislature}", 13) == 0) {
			buf_printf(&b, "%d", q->legislature);
			p += 13;
		} else if (strncmp(p, "{uid}", 5) == 0) {
			buf_adds(&b, uid);
			p += 5;
		} else if (strncmp(p, "{number}", 8) == 0) {
			buf_printf(&b, "%ld", q->number);
			p += 8;
		} else
			buf_addc(&b, *p++);
	}
	return buf_steal(&b);
}

char *
question_url(const struct question *q)
{
	const struct assembly	*a = assembly_of(q);

	return a != NULL ? a->url(q) : NULL;
}

enum closure
question_closure_class(const char *code, const char *label)
{
	char		*f;
	enum closure	 c;

	if (code != NULL && strcmp(code, "REP_PUB") == 0)
		return CLOSURE_ANSWERED;
	if (label == NULL)
		return code == NULL ? CLOSURE_NONE : CLOSURE_OTHER;
	f = str_fold(label);
	if (strstr(f, "reponse publiee") != NULL)
		c = CLOSURE_ANSWERED;
	else if (strstr(f, "fin de mandat") != NULL ||
	    strstr(f, "cadu") != NULL)	/* caduc, caduque, caducité */
		c = CLOSURE_LAPSED;
	else if (strstr(f, "retrait") != NULL || strstr(f, "retire") != NULL)
		c = CLOSURE_WITHDRAWN;
	else
		c = CLOSURE_OTHER;
	free(f);
	return c;
}

const char *
question_closure_name(enum closure c)
{
	switch (c) {
	case CLOSURE_ANSWERED:
		return "answered";
	case CLOSURE_WITHDRAWN:
		return "withdrawn";
	case CLOSURE_LAPSED:
		return "lapsed";
	case CLOSURE_OTHER:
		return "closed";
	case CLOSURE_NONE:
		break;
	}
	return NULL;
}

static uint64_t
fnv_bytes(uint64_t h, const void *p, size_t n)
{
	const unsigned char	*c = p;
	size_t			 i;

	for (i = 0; i < n; i++) {
		h ^= c[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

static uint64_t
fnv_str(uint64_t h, const char *s)
{
	/* A NULL and an empty string hash differently; 0xff separates. */
	if (s == NULL)
		return fnv_bytes(h, "\xfe", 1);
	h = fnv_bytes(h, s, strlen(s));
	return fnv_bytes(h, "\xff", 1);
}

static uint64_t
fnv_int(uint64_t h, long v)
{
	unsigned char	b[8];
	int		i;

	/* Eight bytes whatever a long's width: a shift by 56 of a 32-bit
	 * unsigned long would be undefined (Debian's 32-bit ports). */
	for (i = 0; i < 8; i++)
		b[i] = (unsigned char)((uint64_t)(int64_t)v >> (8 * i));
	return fnv_bytes(h, b, sizeof(b));
}

uint64_t
question_hash(const struct question *q)
{
	uint64_t	h = 0xcbf29ce484222325ULL;
	size_t		i;

	h = fnv_int(h, q->legislature);
	h = fnv_int(h, q->number);
	h = fnv_str(h, q->assembly);
	h = fnv_str(h, q->type);
	/*
	 * A field counted only once set (the answer's excerpt, the source's
	 * uid): the hashes of the questions stored before it existed change
	 * only where it has a value, and their next import stores it.
	 */
	for (i = 0; i < question_ntexts; i++)
		if (question_texts[i].kind == QF_SOURCE ||
		    (question_texts[i].kind == QF_SOURCE_IF_SET &&
		    CTEXT(q, i) != NULL))
			h = fnv_str(h, CTEXT(q, i));
	/* The whole texts likewise: a database from before they were kept
	 * stores them at its next import. */
	if (q->text != NULL)
		h = fnv_str(h, q->text);
	if (q->answer_text != NULL)
		h = fnv_str(h, q->answer_text);
	for (i = 0; i < question_ndates; i++)
		if (question_dates[i].kind != QF_COMPUTED)
			h = fnv_int(h, CDATE(q, i));
	for (i = 0; i < q->nevents; i++) {
		h = fnv_str(h, q->events[i].kind);
		h = fnv_int(h, q->events[i].date);
		h = fnv_str(h, q->events[i].detail);
	}
	return h;
}

static const char *const name_words[] = {
	"member", "group", "ministry", "body"
};

const char *
name_kind_word(enum name_kind k)
{
	return (size_t)k < sizeof(name_words) / sizeof(name_words[0]) ?
	    name_words[k] : "body";
}

void
name_record_clear(struct name_record *r)
{
	if (r == NULL)
		return;
	free(r->ref);
	free(r->name);
	free(r->abbrev);
	free(r->code);
	memset(r, 0, sizeof(*r));
}

/*
 * The start of a question's text, cut at a word before
 * QUESTION_EXCERPT_MAX bytes: enough to recognise a question;
 * the whole text is one link away.
 */
char *
question_excerpt(const char *whole)
{
	size_t	 n;
	char	*e, *space;

	if (strlen(whole) <= QUESTION_EXCERPT_MAX)
		return xstrdup(whole);
	e = xstrndup(whole, QUESTION_EXCERPT_MAX - 3);
	/* End on a whole word, so no UTF-8 sequence is split. */
	if ((space = strrchr(e, ' ')) != NULL && space > e)
		*space = '\0';
	else
		while ((n = strlen(e)) > 0 && ((unsigned char)e[n - 1] & 0x80))
			e[n - 1] = '\0';
	e = xrealloc(e, strlen(e) + 4);
	strcat(e, "\xe2\x80\xa6");	/* … */
	return e;
}
