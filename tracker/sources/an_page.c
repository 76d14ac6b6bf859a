/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * an_page.c: question pages of the Assemblée nationale.
 *
 * One reader for both forms: HTML is turned into lines of text by walking
 * libxml2's tree (a line break at every block element), then the same
 * line reader as the text rendering applies. Labels are compared without
 * case or accents ("Date de cloture", "Date de clôture"); link markup
 * of the text rendering ("[20 mai 2025](#)") is dropped. A page names its
 * author, group and ministries but has no acteur or organe references.
 */
#include "an_page.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <pthread.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "date.h"
#include "error.h"
#include "question.h"
#include "util.h"

#define PAGE_MAX_LINES	20000

struct page {
	const char	*name;
	struct question	*q;
	struct error	*err;
	int		 line;
	int		 after_legislature;
};

/* "[text](#)" becomes "text", trimmed; takes s and returns a new one. */
static char *
clean_line(char *line)
{
	const char	*s = line;
	struct buf	b;
	const char	*close;

	buf_init(&b);
	buf_add(&b, "", 0);
	while (*s != '\0') {
		if (*s == '[' && (close = strstr(s, "](")) != NULL &&
		    strchr(close, ')') != NULL && memchr(s, '\n', (size_t)(close -
		    s)) == NULL) {
			buf_add(&b, s + 1, (size_t)(close - s - 1));
			s = strchr(close, ')') + 1;
		} else if (*s == '*' || *s == '^')
			s++;	/* emphasis and superscript marks */
		else
			buf_addc(&b, *s++);
	}
	free(line);
	return str_trim(buf_steal(&b));
}

/* Splits "Label : value"; returns the folded label, *value points in s. */
static char *
split_label(char *s, char **value)
{
	char	*colon = strstr(s, " :");
	char	*label;

	if (colon == NULL || colon == s || colon - s > 60)
		return NULL;
	*colon = '\0';
	label = str_fold(s);
	*colon = ' ';
	*value = colon + 2;
	while (**value == ' ' || **value == ':')
		(*value)++;
	return label;
}

/*
 * A date at the start of s: "20 mai 2025", "1er mai 2025" or "20/05/2025".
 * Sets *rest after it. Returns 0, or -1 if there is none.
 */
static int
date_prefix(const char *s, int *out, const char **rest)
{
	char	buf[64];
	int	words = 0;
	size_t	i;

	if (strlen(s) >= 10 && s[2] == '/' && s[5] == '/') {
		memcpy(buf, s, 10);
		buf[10] = '\0';
		*rest = s + 10;
		return date_parse(buf, out);
	}
	for (i = 0; i < sizeof(buf) - 1 && s[i] != '\0'; i++) {
		if (s[i] == ' ' && ++words == 3)
			break;
		if (s[i] == ',')
			break;
		buf[i] = s[i];
	}
	buf[i] = '\0';
	*rest = s + i;
	return date_parse(buf, out);
}

static int
bad_date(struct page *p, const char *value)
{
	return error_set(p->err, EXIT_DATAERR, "%s:%d: \"%.60s\" is not a "
	    "valid date", p->name, p->line, value);
}

/* "20 mai 2025, page 3516" or "12/10/2021 page : 7499". */
static int
date_and_page(struct page *p, const char *value, int *date, char **page)
{
	const char	*rest, *pg;
	long		 n;

	if (date_prefix(value, date, &rest) == -1)
		return bad_date(p, value);
	if (page != NULL && (pg = strstr(rest, "page")) != NULL) {
		pg += 4;
		while (*pg == ' ' || *pg == ':')
			pg++;
		n = strtol(pg, NULL, 10);
		if (n > 0) {
			free(*page);
			*page = xasprintf("%ld", n);
		}
	}
	return 0;
}

static void
set(char **dst, const char *v)
{
	free(*dst);
	*dst = *v != '\0' ? xstrdup(v) : NULL;
}

/* The group from "Nord (2e circonscription) - La France insoumise - …". */
static void
group_from(struct question *q, const char *v)
{
	const char	*g = strstr(v, ") - ");

	if (g != NULL)
		set(&q->group_name, g + 4);
	else if ((g = strstr(v, " - ")) != NULL)
		set(&q->group_name, g + 3);
}

static const char *
type_of(const char *folded)
{
	if (strstr(folded, "question ecrite") != NULL)
		return "QE";
	if (strstr(folded, "orale sans debat") != NULL)
		return "QOSD";
	if (strstr(folded, "au gouvernement") != NULL)
		return "QG";
	return NULL;
}

/* One "Label : value" line; 0, or -1 on a bad date. */
static int
label_line(struct page *p, const char *label, const char *v)
{
	struct question	*q = p->q;
	const char	*rest, *t;
	char		*f;
	int		 d;

	if (strcmp(label, "auteur") == 0)
		set(&q->author_name, v);
	else if (strcmp(label, "circonscription") == 0)
		group_from(q, v);
	else if (strcmp(label, "rubrique") == 0)
		set(&q->rubric, v);
	else if (strcmp(label, "tete d'analyse") == 0)
		set(&q->heading, v);
	else if (strcmp(label, "analyse") == 0)
		set(&q->title, v);
	else if (strcmp(label, "ministere interroge") == 0)
		set(&q->ministry_asked, v);
	else if (strcmp(label, "ministere attributaire") == 0)
		set(&q->ministry, v);
	else if (strcmp(label, "type de question") == 0) {
		f = str_fold(v);
		if ((t = type_of(f)) != NULL)
			str_copy(q->type, t, sizeof(q->type));
		free(f);
	} else if (strcmp(label, "numero de la question") == 0 ||
	    strcmp(label, "question n\xc2\xb0") == 0) {
		if ((q->number = strtol(v, NULL, 10)) <= 0)
			return error_set(p->err, EXIT_DATAERR, "%s:%d: \"%.40s\""
			    " is not a question number", p->name, p->line, v);
	} else if (strcmp(label, "question publiee au jo le") == 0)
		return date_and_page(p, v, &q->published, &q->published_page);
	else if (strcmp(label, "reponse publiee au jo le") == 0)
		return date_and_page(p, v, &q->answered, &q->answer_page);
	else if (strcmp(label, "date de changement d'attribution") == 0) {
		if (date_prefix(v, &q->reattributed, &rest) == -1)
			return bad_date(p, v);
		question_add_event(q, EV_MINISTRY, q->reattributed, NULL);
	} else if (strcmp(label, "date de signalement") == 0) {
		if (date_prefix(v, &q->signaled, &rest) == -1)
			return bad_date(p, v);
	} else if (strcmp(label, "date de renouvellement") == 0) {
		if (date_prefix(v, &d, &rest) == -1)
			return bad_date(p, v);
		question_add_event(q, EV_RENEWED, d, NULL);
		if (d > q->renewed)
			q->renewed = d;
	} else if (strcmp(label, "question retiree le") == 0) {
		if (date_prefix(v, &q->closed, &rest) == -1)
			return bad_date(p, v);
		set(&q->closure_label, "Retrait");
	} else if (strcmp(label, "date de cloture") == 0) {
		if (date_prefix(v, &q->closed, &rest) == -1)
			return bad_date(p, v);
		while (*rest == ' ' || *rest == ',')
			rest++;
		set(&q->closure_label, *rest ? rest : "Clôture");
	} else if (strncmp(label, "erratum de la question", 22) == 0) {
		if (date_prefix(v, &d, &rest) == -1)
			return bad_date(p, v);
		question_add_event(q, EV_ERRATUM, d, NULL);
	}
	return 0;
}

/* A line that is not "Label : value". */
static void
plain_line(struct page *p, const char *s, const char *folded)
{
	struct question	*q = p->q;
	const char	*t;
	long		 n;
	int		 len = 0;

	if (sscanf(s, "%ld%*[^ ] l%n", &n, &len) == 1 && len > 0 &&
	    strstr(folded, "legislature") != NULL && n > 0 && n < 100) {
		q->legislature = (int)n;
		p->after_legislature = 1;
		return;
	}
	if (strstr(folded, "question") != NULL && (strstr(folded,
	    " n\xc2\xb0") != NULL || strstr(folded, " no ") != NULL ||
	    strstr(s, "N°") != NULL || strstr(s, "n°") != NULL)) {
		const char	*num = strrchr(s, ' ');

		if (num != NULL && (n = strtol(num + 1, NULL, 10)) > 0) {
			q->number = n;
			if ((t = type_of(folded)) != NULL)
				str_copy(q->type, t, sizeof(q->type));
		}
		return;
	}
	/* Older pages: "de Mme Jeanne Exemple (Groupe - Département)". */
	if (strncmp(s, "de ", 3) == 0 && (t = strrchr(s, '(')) != NULL &&
	    strstr(t, " - ") != NULL && q->author_name == NULL) {
		q->author_name = str_trim(xstrndup(s + 3, (size_t)(t - s - 3)));
		free(q->group_name);
		q->group_name = str_trim(xstrndup(t + 1,
		    (size_t)(strstr(t, " - ") - t - 1)));
		return;
	}
	if ((t = type_of(folded)) != NULL && strlen(folded) < 40) {
		str_copy(q->type, t, sizeof(q->type));
		return;
	}
	if (p->after_legislature && q->title == NULL && *s != '\0')
		q->title = xstrdup(s);
	p->after_legislature = 0;
}

/* A page dates a change of ministry; the one in charge now is named. */
static void
name_transfers(struct question *q)
{
	size_t	i;

	for (i = 0; i < q->nevents; i++)
		if (strcmp(q->events[i].kind, EV_MINISTRY) == 0 &&
		    q->events[i].detail == NULL)
			q->events[i].detail = xstrdup_null(q->ministry);
}

int
an_page_parse_text(const char *text, const char *name, struct question *q,
    struct error *err)
{
	struct page	 p = { name, q, err, 0, 0 };
	const char	*line = text, *nl;
	char		*s, *label, *folded, *value;
	int		 rc = 0;

	str_copy(q->assembly, "AN", sizeof(q->assembly));
	for (; *line != '\0' && rc == 0 && p.line < PAGE_MAX_LINES;
	    line = nl ? nl + 1 : line + strlen(line)) {
		nl = strchr(line, '\n');
		p.line++;
		s = clean_line(nl ? xstrndup(line, (size_t)(nl - line)) :
		    xstrdup(line));
		if (*s == '\0') {
			free(s);
			continue;
		}
		if ((label = split_label(s, &value)) != NULL) {
			rc = label_line(&p, label, value);
			free(label);
			p.after_legislature = 0;
		} else {
			folded = str_fold(s);
			plain_line(&p, s, folded);
			free(folded);
		}
		free(s);
	}
	if (rc == -1)
		return -1;
	if (q->legislature == 0 || q->number <= 0)
		return error_set(err, EXIT_DATAERR, "%s: not a question page "
		    "(no \"17ème législature\" and \"Question écrite n° N\")",
		    name);
	if (q->type[0] == '\0')
		str_copy(q->type, "QE", sizeof(q->type));
	if (q->published == DATE_NONE && strcmp(q->type, "QE") == 0)
		return error_set(err, EXIT_DATAERR, "%s: no \"Question publiée "
		    "au JO le\" line (the publication of a written question)",
		    name);
	if (q->published != DATE_NONE)
		question_add_event(q, EV_PUBLISHED, q->published,
		    q->published_page);
	if (q->signaled != DATE_NONE)
		question_add_event(q, EV_SIGNALED, q->signaled, NULL);
	if (q->answered != DATE_NONE)
		question_add_event(q, EV_ANSWERED, q->answered, q->answer_page);
	if (q->closed != DATE_NONE) {
		q->closure = question_closure_class(NULL, q->closure_label);
		if (q->closure != CLOSURE_ANSWERED)
			question_add_event(q, EV_CLOSED, q->closed,
			    q->closure_label);
	}
	if (q->ministry == NULL)
		q->ministry = xstrdup_null(q->ministry_asked);
	name_transfers(q);
	return 0;
}

int
an_page_is_html(const char *data, size_t len)
{
	size_t	n = len < 1024 ? len : 1024;
	char	head[1025];
	char	*f;
	int	 html;

	memcpy(head, data, n);
	head[n] = '\0';
	f = str_fold(head);
	html = strstr(f, "<html") != NULL || strstr(f, "<!doctype html") !=
	    NULL;
	free(f);
	return html;
}

static int
is_block(const xmlChar *name)
{
	static const char *const blocks[] = {
		"p", "div", "br", "li", "ul", "ol", "tr", "td", "th", "table",
		"h1", "h2", "h3", "h4", "h5", "h6", "section", "article",
		"header", "footer", "main", "nav", "dt", "dd", "dl", "title",
		"blockquote", "hr", "aside"
	};
	size_t	i;

	for (i = 0; i < sizeof(blocks) / sizeof(blocks[0]); i++)
		if (xmlStrcasecmp(name, (const xmlChar *)blocks[i]) == 0)
			return 1;
	return 0;
}

/* Appends the text of a subtree, a line break around blocks. */
static void
html_text(xmlNode *n, struct buf *b, int depth)
{
	for (; n != NULL && depth < 256; n = n->next) {
		if (n->type == XML_TEXT_NODE && n->content != NULL) {
			buf_adds(b, (const char *)n->content);
			continue;
		}
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (xmlStrcasecmp(n->name, (const xmlChar *)"script") == 0 ||
		    xmlStrcasecmp(n->name, (const xmlChar *)"style") == 0 ||
		    xmlStrcasecmp(n->name, (const xmlChar *)"noscript") == 0)
			continue;
		if (is_block(n->name))
			buf_addc(b, '\n');
		html_text(n->children, b, depth + 1);
		if (is_block(n->name))
			buf_addc(b, '\n');
	}
}

static pthread_once_t	xml_once = PTHREAD_ONCE_INIT;

static void
xml_init(void)
{
	xmlInitParser();
}

void
an_page_init(void)
{
	pthread_once(&xml_once, xml_init);
}

/* The text of the first element of a class, trimmed, or NULL. */
static char *
class_text(xmlNode *n, const char *cls, int depth)
{
	char	*t = NULL;

	for (; n != NULL && t == NULL && depth < 64; n = n->next) {
		xmlChar	*c;

		if (n->type != XML_ELEMENT_NODE)
			continue;
		if ((c = xmlGetProp(n, (const xmlChar *)"class")) != NULL) {
			if (strcmp((const char *)c, cls) == 0) {
				xmlChar	*v = xmlNodeGetContent(n);

				t = v != NULL ? str_trim(xstrdup(
				    (const char *)v)) : NULL;
				xmlFree(v);
			}
			xmlFree(c);
		}
		if (t == NULL)
			t = class_text(n->children, cls, depth + 1);
	}
	if (t != NULL && *t == '\0') {
		free(t);
		t = NULL;
	}
	return t;
}

int
an_page_parse_html(const char *html, size_t len, const char *name,
    struct question *q, struct error *err)
{
	htmlDocPtr	 doc;
	struct buf	 b;
	char		*p, *heading, *title;
	int		 rc;

	if (len > (size_t)1 << 30)
		return error_set(err, EXIT_DATAERR, "%s: page too large", name);
	doc = htmlReadMemory(html, (int)len, name, "UTF-8", HTML_PARSE_NOERROR |
	    HTML_PARSE_NOWARNING | HTML_PARSE_NONET | HTML_PARSE_RECOVER);
	if (doc == NULL)
		return error_set(err, EXIT_DATAERR, "%s: cannot parse the HTML",
		    name);
	buf_init(&b);
	buf_add(&b, "", 0);
	html_text(xmlDocGetRootElement(doc), &b, 0);
	/* The heading line is "teteAnalyse analyse": the HTML tells them
	 * apart where its text cannot. */
	heading = class_text(xmlDocGetRootElement(doc), "teteAnalyse", 0);
	title = class_text(xmlDocGetRootElement(doc), "analyse", 0);
	xmlFreeDoc(doc);
	/* Non-breaking spaces become plain ones for the line reader. */
	for (p = b.data; (p = strstr(p, "\xc2\xa0")) != NULL; )
		memcpy(p, "  ", 2);
	rc = an_page_parse_text(b.data, name, q, err);
	buf_free(&b);
	if (rc == 0 && title != NULL) {
		free(q->title);
		q->title = title;
		title = NULL;
		if (heading != NULL && q->heading == NULL) {
			q->heading = heading;
			heading = NULL;
		}
	}
	free(title);
	free(heading);
	return rc;
}

int
an_page_parse(const char *data, size_t len, const char *name,
    enum unit_kind *kind, struct question *q, struct name_record *nr,
    struct error *err)
{
	(void)nr;
	*kind = UNIT_QUESTION;
	return an_page_is_html(data, len) ? an_page_parse_html(data, len,
	    name, q, err) : an_page_parse_text(data, name, q, err);
}
