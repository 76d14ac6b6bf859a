/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * source_an.c: the Assemblée nationale's JSON open data.
 *
 * The JSON is a mechanical rendering of the AN's XML (domain.md §5): a
 * repeated element is an object when alone and an array otherwise, an
 * empty one is null or {"@xsi:nil": "true"}, an id may be wrapped as
 * {"#text": "PA1008"}, and dates come as YYYY-MM-DD or DD/MM/YYYY. The
 * helpers below (an_get, an_str, an_item) absorb those variants so the
 * readers can ask for fields by name; every error names the document and
 * the JSON path.
 */
#include "source_an.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


#include "date.h"
#include "error.h"
#include "jtree.h"
#include "util.h"

/* Longest string kept from a document (a question text is < 20 kB). */
#define AN_MAX_STRING	(256 * 1024)

struct an_ctx {
	const char	*name;
	struct error	*err;
};

/* Whether a value stands for "nothing": null or an xsi:nil object. */
static int
an_is_nil(const struct jt *v)
{
	const struct jt	*nil;

	if (v == NULL || v->type == JT_NULL)
		return 1;
	if (v->type == JT_OBJECT && (nil = jt_get(v, "@xsi:nil")) &&
	    nil->type == JT_STRING && strcmp(nil->s, "true") == 0)
		return 1;
	return 0;
}

/* A member of an object, or NULL if absent, null or nil. */
static const struct jt *
an_get(const struct jt *obj, const char *key)
{
	const struct jt	*v;

	if (obj == NULL || obj->type != JT_OBJECT)
		return NULL;
	v = jt_get(obj, key);
	return an_is_nil(v) ? NULL : v;
}

/*
 * The text of a value: a string, a number written as text, or the
 * "#text" of a wrapped id. NULL for nothing; -1 for a value of the wrong
 * type (an array, a plain object), reported with its path.
 */
static int
an_str(struct an_ctx *cx, const struct jt *v, const char *path, const char **out)
{
	const struct jt	*t;

	*out = NULL;
	if (an_is_nil(v))
		return 0;
	if (v->type == JT_STRING) {
		if (v->len > AN_MAX_STRING)
			return error_set(cx->err, EXIT_DATAERR,
			    "%s: %s: string of %zu bytes is too long",
			    cx->name, path, v->len);
		*out = v->s;
		return 0;
	}
	if (v->type == JT_OBJECT && (t = jt_get(v, "#text")) &&
	    t->type == JT_STRING) {
		*out = t->s;
		return 0;
	}
	return error_set(cx->err, EXIT_DATAERR, "%s: %s: expected a string, "
	    "found %s", cx->name, path, v->type == JT_ARRAY ? "an array" :
	    v->type == JT_OBJECT ? "an object" : jt_is_integer(v) ?
	    "a number" : "another type");
}

/* Copies a string member into *dst (NULL when absent). */
static int
an_copy(struct an_ctx *cx, const struct jt *obj, const char *key, const char *path,
    char **dst)
{
	const char	*s;
	char		 p[256];

	snprintf(p, sizeof(p), "%s.%s", path, key);
	if (an_str(cx, an_get(obj, key), p, &s) == -1)
		return -1;
	free(*dst);
	*dst = NULL;
	if (s != NULL) {
		char	*c = str_trim(xstrdup(s));

		if (*c == '\0')
			free(c);
		else
			*dst = c;
	}
	return 0;
}

/* Number of items of a repeated element (object, array or nothing). */
static size_t
an_count(const struct jt *v)
{
	if (an_is_nil(v))
		return 0;
	return v->type == JT_ARRAY ? v->len : 1;
}

static const struct jt *
an_item(const struct jt *v, size_t i)
{
	if (v != NULL && v->type == JT_ARRAY)
		return jt_at(v, i);
	return i == 0 ? v : NULL;
}

/* A date member: absent is DATE_NONE; present must be a real date. */
static int
an_date(struct an_ctx *cx, const struct jt *obj, const char *key, const char *path,
    int *out)
{
	const char	*s;
	char		 p[256];

	*out = DATE_NONE;
	snprintf(p, sizeof(p), "%s.%s", path, key);
	if (an_str(cx, an_get(obj, key), p, &s) == -1)
		return -1;
	if (s == NULL || *s == '\0')
		return 0;
	if (date_parse(s, out) == -1)
		return error_set(cx->err, EXIT_DATAERR, "%s: %s: \"%.40s\" is "
		    "not a valid date", cx->name, p, s);
	return 0;
}

/* A whole number member held as a string or a number. */
static int
an_long(struct an_ctx *cx, const struct jt *obj, const char *key, const char *path,
    long min, long max, long *out)
{
	const struct jt		*v = an_get(obj, key);
	const char	*s;
	char		 p[256];

	snprintf(p, sizeof(p), "%s.%s", path, key);
	if (v == NULL)
		return error_set(cx->err, EXIT_DATAERR, "%s: %s: missing "
		    "required field", cx->name, p);
	if (jt_is_integer(v)) {
		if (str_to_long(v->s, min, max, out) == 0)
			return 0;
		return error_set(cx->err, EXIT_DATAERR, "%s: %s: %.40s is out "
		    "of range", cx->name, p, v->s);
	}
	if (an_str(cx, v, p, &s) == -1)
		return -1;
	if (str_to_long(s, min, max, out) == -1)
		return error_set(cx->err, EXIT_DATAERR, "%s: %s: \"%.40s\" is "
		    "not a whole number from %ld to %ld", cx->name, p, s, min,
		    max);
	return 0;
}

char *
source_an_strip_header(char *text)
{
	static const char	dash[] = " \xe2\x80\x94 ";	/* " — " */
	char			*p = text, *second;

	while (*p >= '0' && *p <= '9')
		p++;
	if (p == text || *p != '.' || strncmp(p + 1, dash, 5) != 0)
		return text;
	if ((second = strstr(p + 6, "." " \xe2\x80\x94")) == NULL ||
	    second - p > 40)
		return text;
	second += 5;
	while (*second == ' ')
		second++;
	memmove(text, second, strlen(second) + 1);
	return text;
}

/* A text, its header removed and trimmed: the whole, and its start. */
static void
texts_of(const char *s, char **whole, char **start)
{
	char	*w = xstrdup(s);

	str_trim(source_an_strip_header(w));
	*start = question_excerpt(w);
	if (whole != NULL)
		*whole = w;
	else
		free(w);
}

/* The infoJO of an element: its date (required) and page. */
static int
an_info_jo(struct an_ctx *cx, const struct jt *elem, const char *path, int *date,
    const char **page)
{
	const struct jt	*jo = an_get(elem, "infoJO");
	char	 p[256];

	snprintf(p, sizeof(p), "%s.infoJO", path);
	*page = NULL;
	if (an_date(cx, jo, "dateJO", p, date) == -1)
		return -1;
	snprintf(p, sizeof(p), "%s.infoJO.pageJO", path);
	return an_str(cx, an_get(jo, "pageJO"), p, page);
}

/*
 * textesQuestion / textesReponse: the earliest dated text is the
 * publication; any later one is an erratum.
 */
static int
an_texts(struct an_ctx *cx, const struct jt *q, const char *outer, const char *inner,
    int *first, char **first_page, char **text, char **whole,
    struct question *qq, const char *erratum_kind)
{
	const struct jt		*list = an_get(an_get(q, outer), inner);
	size_t		 i, n = an_count(list), best = 0;
	int		*dates;
	const char	*page, *s;
	char		 p[256];

	*first = DATE_NONE;
	if (n == 0)
		return 0;
	dates = xcalloc(n, sizeof(*dates));
	for (i = 0; i < n; i++) {
		snprintf(p, sizeof(p), "$.question.%s.%s[%zu]", outer, inner,
		    i);
		if (an_info_jo(cx, an_item(list, i), p, &dates[i], &page) == -1)
			goto fail;
		if (dates[i] != DATE_NONE && (dates[best] == DATE_NONE ||
		    dates[i] < dates[best]))
			best = i;
	}
	*first = dates[best];
	snprintf(p, sizeof(p), "$.question.%s.%s[%zu]", outer, inner, best);
	if (an_info_jo(cx, an_item(list, best), p, &dates[best], &page) == -1)
		goto fail;
	*first_page = xstrdup_null(page);
	if (text != NULL) {
		snprintf(p, sizeof(p), "$.question.%s.%s[%zu].texte", outer,
		    inner, best);
		if (an_str(cx, an_get(an_item(list, best), "texte"), p,
		    &s) == -1)
			goto fail;
		if (s != NULL)
			texts_of(s, whole, text);
	}
	for (i = 0; i < n; i++)
		if (i != best && dates[i] != DATE_NONE)
			question_add_event(qq, erratum_kind, dates[i], NULL);
	free(dates);
	return 0;
fail:
	free(dates);
	return -1;
}

/* minAttribs: the last one is the ministry in charge now. */
static int
an_attributions(struct an_ctx *cx, const struct jt *q, struct question *qq)
{
	const struct jt		*list = an_get(an_get(q, "minAttribs"), "minAttrib");
	const struct jt		*den;
	size_t		 i, n = an_count(list);
	const char	*page;
	char		 p[256];
	int		 date;

	for (i = 0; i < n; i++) {
		snprintf(p, sizeof(p), "$.question.minAttribs.minAttrib[%zu]",
		    i);
		if (an_info_jo(cx, an_item(list, i), p, &date, &page) == -1)
			return -1;
		den = an_get(an_item(list, i), "denomination");
		strncat(p, ".denomination", sizeof(p) - strlen(p) - 1);
		if (an_copy(cx, den, "organeRef", p, &qq->ministry_ref) == -1 ||
		    an_copy(cx, den, "abrege", p, &qq->ministry) == -1)
			return -1;
		if (qq->ministry == NULL && an_copy(cx, den, "developpe", p,
		    &qq->ministry) == -1)
			return -1;
		if (i > 0) {
			question_add_event(qq, EV_MINISTRY, date, qq->ministry);
			if (date != DATE_NONE)
				qq->reattributed = date;
		}
	}
	return 0;
}

static int
an_signal_renew(struct an_ctx *cx, const struct jt *q, struct question *qq)
{
	const struct jt		*sig = an_get(q, "signalement");
	const struct jt		*list;
	const char	*page;
	char		 p[256];
	size_t		 i, n;
	int		 d, depot;

	/* One signalement, or several (an array): the first JO mention
	 * starts the clock; each is an event. */
	n = an_count(sig);
	for (i = 0; i < n; i++) {
		const struct jt	*one = an_item(sig, i);

		snprintf(p, sizeof(p), n > 1 ? "$.question.signalement[%zu]" :
		    "$.question.signalement", i);
		if (an_is_nil(one))
			continue;
		if (an_info_jo(cx, one, p, &d, &page) == -1 ||
		    an_date(cx, one, "dateDepotSignal", p, &depot) == -1)
			return -1;
		if (d == DATE_NONE)
			d = depot;
		if (d == DATE_NONE)
			continue;
		question_add_event(qq, EV_SIGNALED, d, NULL);
		if (qq->signaled == DATE_NONE || d < qq->signaled)
			qq->signaled = d;
	}
	list = an_get(q, "renouvellements");
	if (list != NULL && an_get(list, "renouvellement") != NULL)
		list = an_get(list, "renouvellement");
	n = an_count(list);
	for (i = 0; i < n; i++) {
		const struct jt	*r = an_item(list, i);

		snprintf(p, sizeof(p), "$.question.renouvellements[%zu]", i);
		if (an_info_jo(cx, r, p, &d, &page) == -1)
			return -1;
		if (d == DATE_NONE && an_date(cx, r, "dateRenouvellement", p,
		    &d) == -1)
			return -1;
		if (d != DATE_NONE) {
			question_add_event(qq, EV_RENEWED, d, NULL);
			if (d > qq->renewed)
				qq->renewed = d;
		}
	}
	return 0;
}

static int
an_closure(struct an_ctx *cx, const struct jt *q, struct question *qq)
{
	const struct jt		*c = an_get(q, "cloture");
	const char	*page;
	int		 d;

	if (c == NULL)
		return 0;
	if (an_copy(cx, c, "codeCloture", "$.question.cloture",
	    &qq->closure_code) == -1 || an_copy(cx, c, "libelleCloture",
	    "$.question.cloture", &qq->closure_label) == -1 ||
	    an_date(cx, c, "dateCloture", "$.question.cloture",
	    &qq->closed) == -1 || an_info_jo(cx, c, "$.question.cloture", &d,
	    &page) == -1)
		return -1;
	if (qq->closed == DATE_NONE)
		qq->closed = d;
	qq->closure = question_closure_class(qq->closure_code,
	    qq->closure_label);
	if (qq->closure == CLOSURE_ANSWERED && qq->answered == DATE_NONE) {
		/* Answered, says the closure, with no answer text: at the
		 * closure's date, or at a date nobody gives. */
		qq->answered = d != DATE_NONE ? d : qq->closed;
		if (qq->answered != DATE_NONE)
			question_add_anomaly(qq, "answer_without_text",
			    "closed %s with no answer text; answered at the "
			    "closure's date", qq->closure_code ?
			    qq->closure_code : "answered");
		else
			question_add_anomaly(qq, "answer_without_date",
			    "closed %s with no answer and no date; answered, "
			    "date unknown", qq->closure_code ?
			    qq->closure_code : "answered");
	} else if (qq->closure != CLOSURE_NONE && qq->closed == DATE_NONE)
		question_add_anomaly(qq, "closure_without_date", "closure %s "
		    "(%s) without a date: it stands, date unknown",
		    qq->closure_code ? qq->closure_code : "?",
		    qq->closure_label ? qq->closure_label : "no label");
	/* An answer is its own event; other closures are "closed". */
	if (qq->closure != CLOSURE_NONE && qq->closure != CLOSURE_ANSWERED)
		question_add_event(qq, EV_CLOSED, qq->closed,
		    qq->closure_label != NULL ? qq->closure_label :
		    qq->closure_code);
	return 0;
}

/* The analyses: one or several subjects, joined with "; ". */
static int
an_title(struct an_ctx *cx, const struct jt *idx, struct question *qq)
{
	const struct jt		*list = an_get(an_get(idx, "analyses"), "analyse");
	struct buf	 b;
	const char	*s;
	size_t		 i, n = an_count(list);

	buf_init(&b);
	for (i = 0; i < n; i++) {
		if (an_str(cx, an_item(list, i),
		    "$.question.indexationAN.analyses.analyse", &s) == -1) {
			buf_free(&b);
			return -1;
		}
		if (s == NULL)
			continue;
		if (b.len > 0)
			buf_adds(&b, "; ");
		buf_adds(&b, s);
	}
	if (b.len > 0)
		qq->title = str_trim(buf_steal(&b));
	buf_free(&b);
	return 0;
}

static int
an_question(struct an_ctx *cx, const struct jt *q, struct question *qq)
{
	const struct jt		*id = an_get(q, "identifiant");
	const struct jt		*idx = an_get(q, "indexationAN");
	const struct jt		*aut = an_get(q, "auteur");
	const char	*path = "$.question";
	char		*type = NULL;
	long		 n = 0;

	str_copy(qq->assembly, "AN", sizeof(qq->assembly));
	if (an_long(cx, id, "numero", "$.question.identifiant", 1, 9999999,
	    &n) == -1)
		return -1;
	qq->number = n;
	if (an_long(cx, id, "legislature", "$.question.identifiant", 1, 99,
	    &n) == -1)
		return -1;
	qq->legislature = (int)n;
	if (an_copy(cx, q, "type", path, &type) == -1)
		return -1;
	if (type == NULL || strlen(type) >= sizeof(qq->type)) {
		free(type);
		return error_set(cx->err, EXIT_DATAERR, "%s: $.question.type: "
		    "missing or invalid question type", cx->name);
	}
	str_copy(qq->type, type, sizeof(qq->type));
	free(type);
	if (an_copy(cx, idx, "rubrique", "$.question.indexationAN",
	    &qq->rubric) == -1 || an_copy(cx, idx, "teteAnalyse",
	    "$.question.indexationAN", &qq->heading) == -1 ||
	    an_title(cx, idx, qq) == -1)
		return -1;
	if (an_copy(cx, an_get(aut, "identite"), "acteurRef",
	    "$.question.auteur.identite", &qq->author_ref) == -1 ||
	    an_copy(cx, an_get(aut, "groupe"), "organeRef",
	    "$.question.auteur.groupe", &qq->group_ref) == -1 ||
	    an_copy(cx, an_get(aut, "groupe"), "abrege",
	    "$.question.auteur.groupe", &qq->group_abbrev) == -1 ||
	    an_copy(cx, an_get(aut, "groupe"), "developpe",
	    "$.question.auteur.groupe", &qq->group_name) == -1)
		return -1;
	if (an_copy(cx, an_get(q, "minInt"), "organeRef", "$.question.minInt",
	    &qq->ministry_asked_ref) == -1 || an_copy(cx, an_get(q, "minInt"),
	    "abrege", "$.question.minInt", &qq->ministry_asked) == -1)
		return -1;
	if (qq->ministry_asked == NULL && an_copy(cx, an_get(q, "minInt"),
	    "developpe", "$.question.minInt", &qq->ministry_asked) == -1)
		return -1;
	if (an_texts(cx, q, "textesQuestion", "texteQuestion", &qq->published,
	    &qq->published_page, &qq->excerpt, &qq->text, qq, EV_ERRATUM) == -1)
		return -1;
	if (qq->published != DATE_NONE)
		question_add_event(qq, EV_PUBLISHED, qq->published,
		    qq->published_page);
	else if (strcmp(qq->type, "QE") == 0)
		return error_set(cx->err, EXIT_DATAERR, "%s: $.question."
		    "textesQuestion: missing required field (the JO "
		    "publication of a written question)", cx->name);
	if (an_attributions(cx, q, qq) == -1)
		return -1;
	if (qq->ministry == NULL) {
		qq->ministry = xstrdup_null(qq->ministry_asked);
		free(qq->ministry_ref);
		qq->ministry_ref = xstrdup_null(qq->ministry_asked_ref);
	}
	if (an_texts(cx, q, "textesReponse", "texteReponse", &qq->answered,
	    &qq->answer_page, &qq->answer_excerpt, &qq->answer_text, qq,
	    EV_ERRATUM) == -1)
		return -1;
	if (an_signal_renew(cx, q, qq) == -1 || an_closure(cx, q, qq) == -1)
		return -1;
	if (qq->answered != DATE_NONE)
		question_add_event(qq, EV_ANSWERED, qq->answered,
		    qq->answer_page);
	return 0;
}

/* Names with U+00A0 made plain spaces, as people type them. */
static char *
an_plain(char *s)
{
	char	*p;

	if (s == NULL)
		return NULL;
	while ((p = strstr(s, "\xc2\xa0")) != NULL) {
		*p = ' ';
		memmove(p + 1, p + 2, strlen(p + 2) + 1);
	}
	return s;
}

static int
an_acteur(struct an_ctx *cx, const struct jt *a, struct name_record *r)
{
	const struct jt	*ident = an_get(an_get(a, "etatCivil"), "ident");
	char	*civ = NULL, *first = NULL, *last = NULL;
	int	 rc = -1;

	r->kind = NAME_MEMBER;
	str_copy(r->assembly, "AN", sizeof(r->assembly));
	if (an_copy(cx, a, "uid", "$.acteur", &r->ref) == -1)
		goto out;
	if (r->ref == NULL) {
		error_set(cx->err, EXIT_DATAERR, "%s: $.acteur.uid: missing "
		    "required field", cx->name);
		goto out;
	}
	if (an_copy(cx, ident, "civ", "$.acteur.etatCivil.ident", &civ) == -1 ||
	    an_copy(cx, ident, "prenom", "$.acteur.etatCivil.ident",
	    &first) == -1 || an_copy(cx, ident, "nom",
	    "$.acteur.etatCivil.ident", &last) == -1)
		goto out;
	if (last != NULL)
		r->name = an_plain(xasprintf("%s%s%s%s%s", civ ? civ : "",
		    civ ? " " : "", first ? first : "", first ? " " : "", last));
	rc = 0;
out:
	free(civ);
	free(first);
	free(last);
	return rc;
}

static int
an_organe(struct an_ctx *cx, const struct jt *o, struct name_record *r)
{
	char	*leg = NULL;
	long	 n;

	str_copy(r->assembly, "AN", sizeof(r->assembly));
	if (an_copy(cx, o, "uid", "$.organe", &r->ref) == -1 ||
	    an_copy(cx, o, "codeType", "$.organe", &r->code) == -1 ||
	    an_copy(cx, o, "libelle", "$.organe", &r->name) == -1 ||
	    an_copy(cx, o, "libelleAbrege", "$.organe", &r->abbrev) == -1 ||
	    an_copy(cx, o, "legislature", "$.organe", &leg) == -1)
		goto fail;
	if (r->ref == NULL) {
		error_set(cx->err, EXIT_DATAERR, "%s: $.organe.uid: missing "
		    "required field", cx->name);
		goto fail;
	}
	if (leg != NULL && str_to_long(leg, 1, 99, &n) == 0)
		r->legislature = (int)n;
	/* The codes of domain.md §5: GP a group, MINISTERE a ministry. */
	r->kind = r->code == NULL ? NAME_BODY : strcmp(r->code, "GP") == 0 ?
	    NAME_GROUP : strcmp(r->code, "MINISTERE") == 0 ? NAME_MINISTRY :
	    NAME_BODY;
	an_plain(r->name);
	an_plain(r->abbrev);
	free(leg);
	return 0;
fail:
	free(leg);
	return -1;
}

int
source_an_parse(const char *data, size_t len, const char *name,
    enum unit_kind *kind, struct question *q, struct name_record *nr,
    struct error *err)
{
	struct an_ctx	 cx = { name, err };
	struct jt_doc	*doc;
	const struct jt	*root, *v;
	struct jt_error	 je;
	int		 rc = -1;

	if ((root = jt_parse(data, len, &doc, &je)) == NULL)
		return error_set(err, EXIT_DATAERR, "%s: line %lu, column %lu: "
		    "malformed JSON: %s", name, je.line, je.column, je.what);
	if ((v = an_get(root, "question")) != NULL && v->type == JT_OBJECT) {
		*kind = UNIT_QUESTION;
		rc = an_question(&cx, v, q);
	} else if ((v = an_get(root, "acteur")) != NULL &&
	    v->type == JT_OBJECT) {
		*kind = UNIT_NAME;
		rc = an_acteur(&cx, v, nr);
	} else if ((v = an_get(root, "organe")) != NULL &&
	    v->type == JT_OBJECT) {
		*kind = UNIT_NAME;
		rc = an_organe(&cx, v, nr);
	} else
		error_set(err, EXIT_DATAERR, "%s: $: not an AN question, "
		    "acteur or organe (expected a \"question\", \"acteur\" or "
		    "\"organe\" object)", name);
	jt_doc_free(doc);
	return rc;
}

/*
 * The single-file archive of a legislature (senat.md §4):
 * {"questionsEcrites": {"question": [ {question}, ... ]}}, each item the
 * object a file of one question holds under "question". It is read as a
 * stream: one question at a time is built, parsed and handed over.
 */
static const char *const archive_path[] = { "questionsEcrites", "question" };

/* The bytes one question of an archive may take once parsed: the texts
 * (QUESTION_MAX_BYTES at most are kept) and the nodes around them. */
#define ARCHIVE_ITEM_MAX	(16 * 1024 * 1024)

struct archive_run {
	const struct source_stream	*s;
	const char			*name;
	source_emit_fn			 emit;
	void				*arg;
	struct error			*err;
	int				 read_failed;
};

static ssize_t
archive_read(void *cookie, void *buf, size_t size)
{
	struct archive_run	*ar = cookie;
	ssize_t			 n = ar->s->read(ar->s->cookie, buf, size,
				    ar->err);

	if (n < 0)
		ar->read_failed = 1;
	return n;
}

static int
archive_item(size_t i, const struct jt *v, void *arg)
{
	struct archive_run	*ar = arg;
	struct question		 q;
	const struct jt		*uid = an_get(v, "uid");
	char			*name;
	int			 rc;

	/* Errors name the file, the item and, when it has one, its uid. */
	if (uid != NULL && uid->type == JT_STRING && uid->len < 40)
		name = xasprintf("%s: $.questionsEcrites.question[%zu] "
		    "(%s)", ar->name, i, uid->s);
	else
		name = xasprintf("%s: $.questionsEcrites.question[%zu]",
		    ar->name, i);
	if (v->type != JT_OBJECT) {
		error_set(ar->err, EXIT_DATAERR, "%s: expected a question "
		    "object, found %s", name, v->type == JT_ARRAY ?
		    "an array" : v->type == JT_STRING ? "a string" :
		    v->type == JT_NULL ? "null" : "a number or a boolean");
		free(name);
		return -1;
	}
	question_init(&q);
	{
		struct an_ctx	cx = { name, ar->err };

		rc = an_question(&cx, v, &q);
	}
	if (rc == 0 && ar->emit(&q, ar->arg, ar->err) == -1)
		rc = -1;
	question_clear(&q);
	free(name);
	return rc;
}

int
source_an_archive(const struct source_stream *s, const char *name,
    const struct source_ctx *ctx, source_emit_fn emit, void *arg,
    struct error *err)
{
	struct archive_run	 ar = { s, name, emit, arg, err, 0 };
	size_t			 n = 0;
	char			 msg[256];

	(void)ctx;
	switch (jt_stream(archive_read, &ar, archive_path, 2,
	    ARCHIVE_ITEM_MAX, archive_item, &ar, &n, msg, sizeof(msg))) {
	case JT_OK:
		return 0;
	case JT_READ_ERROR:
	case JT_STOPPED:
		return -1;	/* err is set */
	case JT_SHAPE:
		return error_set(err, EXIT_DATAERR, "%s: $: not the AN's "
		    "archive of questions (expected {\"questionsEcrites\": "
		    "{\"question\": [...]}})", name);
	case JT_TOO_LARGE:
		return error_set(err, EXIT_DATAERR, "%s: after %zu questions, "
		    "%s (more than one question may hold)", name, n, msg);
	case JT_MALFORMED:
	default:
		return error_set(err, EXIT_DATAERR, "%s: after %zu questions, "
		    "%s (malformed JSON)", name, n, msg);
	}
}

/* The archive's start: an object whose first member is
 * "questionsEcrites". */
int
source_an_archive_is(const char *data, size_t len, int in_archive)
{
	const char	*p = data, *end = data + len;
	static const char key[] = "\"questionsEcrites\"";

	(void)in_archive;
	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' ||
	    *p == '\n'))
		p++;
	if (p == end || *p++ != '{')
		return 0;
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' ||
	    *p == '\n'))
		p++;
	return (size_t)(end - p) >= sizeof(key) - 1 &&
	    memcmp(p, key, sizeof(key) - 1) == 0;
}
