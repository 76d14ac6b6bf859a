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

/* The text fields, in the order of the struct (and of the store). */
const struct question_field question_texts[] = {
#define QF(f)	{ #f, offsetof(struct question, f) }
	QF(title), QF(rubric), QF(heading), QF(excerpt), QF(author_ref),
	QF(author_name), QF(group_ref), QF(group_abbrev), QF(group_name),
	QF(ministry_asked_ref), QF(ministry_asked), QF(ministry_ref),
	QF(ministry), QF(published_page), QF(answer_page), QF(closure_code),
	QF(closure_label), QF(deadline_steps), QF(source_uid),
	QF(answer_excerpt),
#undef QF
};
const size_t question_ntexts = sizeof(question_texts) /
    sizeof(question_texts[0]);

#define TEXT(q, i)	(*(char **)((char *)(q) + question_texts[i].off))

void
question_init(struct question *q)
{
	memset(q, 0, sizeof(*q));
	q->published = DATE_NONE;
	q->reattributed = DATE_NONE;
	q->signaled = DATE_NONE;
	q->renewed = DATE_NONE;
	q->answered = DATE_NONE;
	q->closed = DATE_NONE;
	q->deadline = DATE_NONE;
	q->deadline_ext = DATE_NONE;
	q->signal_deadline = DATE_NONE;
	q->lapse_date = DATE_NONE;
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
question_expand(const char *tmpl, const struct question *q)
{
	struct buf	 b;
	char		 uid[64];
	const char	*p;

	question_uid(q, uid, sizeof(uid));
	buf_init(&b);
	for (p = tmpl; *p != '\0'; p++) {
		if (strncmp(p, "{legislature}", 13) == 0) {
			buf_printf(&b, "%d", q->legislature);
			p += 12;
		} else if (strncmp(p, "{uid}", 5) == 0) {
			buf_adds(&b, uid);
			p += 4;
		} else if (strncmp(p, "{number}", 8) == 0) {
			buf_printf(&b, "%ld", q->number);
			p += 7;
		} else
			buf_addc(&b, *p);
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
	    strstr(f, "caduc") != NULL)
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

	for (i = 0; i < 8; i++)
		b[i] = (unsigned char)((unsigned long)v >> (8 * i));
	return fnv_bytes(h, b, sizeof(b));
}

uint64_t
question_hash(const struct question *q)
{
	const char *const strs[] = {
		q->assembly, q->type, q->title, q->rubric, q->heading, q->excerpt,
		q->author_ref, q->author_name, q->group_ref, q->group_abbrev,
		q->group_name, q->ministry_asked_ref, q->ministry_asked,
		q->ministry_ref, q->ministry, q->published_page,
		q->answer_page, q->closure_code, q->closure_label
	};
	const int	dates[] = {
		q->published, q->reattributed, q->signaled, q->renewed,
		q->answered, q->closed
	};
	uint64_t	h = 0xcbf29ce484222325ULL;
	size_t		i;

	h = fnv_int(h, q->legislature);
	h = fnv_int(h, q->number);
	for (i = 0; i < sizeof(strs) / sizeof(strs[0]); i++)
		h = fnv_str(h, strs[i]);
	/* Only once there is one: the hashes of the questions stored before
	 * the answers' excerpts were kept change only where they have one,
	 * and their next import stores it. */
	if (q->answer_excerpt != NULL)
		h = fnv_str(h, q->answer_excerpt);
	/* Only when set, so the hashes of questions without one stay. */
	if (q->source_uid != NULL)
		h = fnv_str(h, q->source_uid);
	/* The whole texts likewise: a database from before they were kept
	 * stores them at its next import. */
	if (q->text != NULL)
		h = fnv_str(h, q->text);
	if (q->answer_text != NULL)
		h = fnv_str(h, q->answer_text);
	for (i = 0; i < sizeof(dates) / sizeof(dates[0]); i++)
		h = fnv_int(h, dates[i]);
	for (i = 0; i < q->nevents; i++) {
		h = fnv_str(h, q->events[i].kind);
		h = fnv_int(h, q->events[i].date);
		h = fnv_str(h, q->events[i].detail);
	}
	return h;
}
