/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * senat_page.c: question pages of the Sénat (senat.md §2).
 *
 * No full page of senat.fr is public in our sources: what is read here is
 * the layout the guide marks CONFIRMED as the fixture's, and nothing more.
 * The page is walked as libxml2's tree into blocks (headings, paragraphs,
 * list items), each with the part it belongs to: the "informations clés"
 * under their <h3> labels, and the question's and the answer's parts,
 * found by id="question" and id="answer" on whichever element carries
 * them (senat.md §2: UNCONFIRMED which). Labels are compared without case
 * or accents. Lines the guide has not seen (transmission, rappel,
 * conversion, lapse) are not guessed at: the dump and the CSV carry them.
 *
 * A page does not show its reference (SEQ…), the key of a Sénat
 * question: it comes from the page's address, which is made of it
 * (q{reference}.html), as the unit's name or the page's canonical link.
 */
#include "source_senat.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "an_page.h"
#include "date.h"
#include "error.h"
#include "question.h"
#include "source_senat_int.h"
#include "util.h"

#define SP_MAX_BLOCKS	20000
#define SP_MAX_DEPTH	256

enum part {
	PART_NONE,
	PART_QUESTION,
	PART_ANSWER
};

struct sp {
	const char	*name;
	struct question	*q;
	struct error	*err;
	char		*label;		/* folded <h3> in force, or NULL */
	enum part	 part;
	int		 section;	/* part set by an enclosing element */
	int		 blocks;
	int		 failed;
	char		 ref[13];	/* from a canonical link */
	struct buf	 text[2];	/* the question's, the answer's */
};

/* SEQ and 9 digits or capitals (senat.md §1.6), at s; 1 if so. */
static int
is_reference(const char *s)
{
	size_t	i;

	if (strncmp(s, "SEQ", 3) != 0)
		return 0;
	for (i = 3; i < 12; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (i >= 7 && s[i] >= 'A' &&
		    s[i] <= 'Z')))
			return 0;
	return s[12] < '0' || (s[12] > '9' && s[12] < 'A') || s[12] > 'Z';
}

/* The reference in an address or a file name, copied into out (13
 * bytes); 0, or -1 if there is none. Only "qSEQ…" or a whole word. */
static int
reference_in(const char *s, char *out)
{
	const char	*p;

	for (p = s; (p = strstr(p, "SEQ")) != NULL; p++) {
		if (p > s && p[-1] != 'q' && p[-1] != '/' && p[-1] != '-' &&
		    p[-1] != '_')
			continue;
		if (is_reference(p)) {
			memcpy(out, p, 12);
			out[12] = '\0';
			return 0;
		}
	}
	return -1;
}

/* The text of an element, its white space collapsed. */
static char *
node_text(xmlNode *n)
{
	xmlChar		*c = xmlNodeGetContent(n);
	struct buf	 b;
	const char	*s;
	int		 space = 0;

	buf_init(&b);
	buf_add(&b, "", 0);
	for (s = c != NULL ? (const char *)c : ""; *s != '\0'; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
			space = 1;
			continue;
		}
		/* A no-break space is a space to the reader of labels. */
		if ((unsigned char)s[0] == 0xc2 && (unsigned char)s[1] == 0xa0) {
			space = 1;
			s++;
			continue;
		}
		if (space && b.len > 0)
			buf_addc(&b, ' ');
		space = 0;
		buf_addc(&b, *s);
	}
	xmlFree(c);
	return buf_steal(&b);
}

static int
bad_date(struct sp *sp, const char *what, const char *text)
{
	sp->failed = 1;
	return error_set(sp->err, EXIT_DATAERR, "%s: %s: \"%.80s\" has no "
	    "valid date (DD/MM/YYYY)", sp->name, what, text);
}

/* The date after "le " or "du " in text: "… publiée le 26/02/2026". */
static int
date_after(struct sp *sp, const char *text, const char *word, int *out)
{
	const char	*p = NULL, *s;
	char		 d[11];

	for (s = text; (s = strstr(s, word)) != NULL; s++)
		p = s + strlen(word);
	if (p == NULL || strlen(p) < 10)
		return bad_date(sp, "a date line", text);
	memcpy(d, p, 10);
	d[10] = '\0';
	if (date_parse(d, out) == -1)
		return bad_date(sp, "a date line", text);
	return 0;
}

static void
set(char **dst, const char *v)
{
	free(*dst);
	*dst = v != NULL && *v != '\0' ? xstrdup(v) : NULL;
}

/* "Question écrite n°07859 - 17e législature". */
static void
number_line(struct sp *sp, const char *text, const char *f)
{
	const char	*n = strstr(text, "n\xc2\xb0"), *l;
	long		 num, leg;

	if (n == NULL || (l = strstr(f, "legislature")) == NULL)
		return;
	num = strtol(n + 3, NULL, 10);
	/* The legislature's number ends before "e législature". */
	while (l > f && (l[-1] == ' ' || l[-1] == 'e' || l[-1] == 'm' ||
	    l[-1] == 'r'))
		l--;
	while (l > f && l[-1] >= '0' && l[-1] <= '9')
		l--;
	leg = strtol(l, NULL, 10);
	if (num <= 0 || leg <= 0 || leg >= 100)
		return;
	sp->q->number = num;
	sp->q->legislature = (int)leg;
	if (strncmp(f, "question ecrite", 15) == 0)
		str_copy(sp->q->type, "QE", sizeof(sp->q->type));
	else if (strstr(f, "orale") != NULL)
		str_copy(sp->q->type, "QOSD", sizeof(sp->q->type));
}

/* Whether a word is in capitals: no lower-case letter, ASCII or Latin-1's
 * (UTF-8 à to ÿ, C3 A0 to C3 BF), and at least one letter. */
static int
in_capitals(const char *w, size_t n)
{
	size_t	i;
	int	letters = 0;

	for (i = 0; i < n; i++) {
		unsigned char	c = (unsigned char)w[i];

		if (c >= 'a' && c <= 'z')
			return 0;
		if (c == 0xc3 && i + 1 < n) {
			if ((unsigned char)w[++i] >= 0xa0)
				return 0;
			letters++;
		} else if (c >= 'A' && c <= 'Z')
			letters++;
	}
	return letters > 0;
}

/* Appends a word in capitals as a name is written: "FÉRET" "Féret",
 * "LE GALL-DURAND" "Le Gall-Durand" (each part after - or ' keeps its
 * capital). */
static void
add_name_case(struct buf *b, const char *w, size_t n)
{
	size_t	i;
	int	first = 1;

	for (i = 0; i < n; i++) {
		unsigned char	c = (unsigned char)w[i];

		if (c == '-' || c == '\'' || c == ' ') {
			buf_addc(b, (char)c);
			first = 1;
			continue;
		}
		if (c == 0xc3 && i + 1 < n) {
			unsigned char	d = (unsigned char)w[++i];

			buf_addc(b, (char)c);
			/* À-Þ but × lower by 0x20. */
			buf_addc(b, (char)(!first && d >= 0x80 && d <= 0x9e &&
			    d != 0x97 ? d + 0x20 : d));
		} else
			buf_addc(b, (char)(!first && c >= 'A' && c <= 'Z' ?
			    c - 'A' + 'a' : c));
		first = 0;
	}
}

/*
 * "Mme FÉRET Corinne", as the page writes an author, becomes "Mme Corinne
 * Féret", as the CSV and the dump do (so that one senator is one member):
 * the words in capitals are the surname. Particles come out capitalised
 * ("De La Provôté" where the Sénat writes "de La Provôté"). A name with
 * no word in capitals is kept as written.
 */
static char *
author_name(const char *s)
{
	const char	*w = s, *sur = NULL, *sur_end = NULL, *e;
	struct buf	 b;
	size_t		 civ = 0;

	if (strncmp(s, "M. ", 3) == 0)
		civ = 2;
	else if (strncmp(s, "Mme ", 4) == 0)
		civ = 3;
	else if (strncmp(s, "Mlle ", 5) == 0)
		civ = 4;
	for (w = s + (civ ? civ + 1 : 0); *w != '\0'; w = *e ? e + 1 : e) {
		if ((e = strchr(w, ' ')) == NULL)
			e = w + strlen(w);
		if (!in_capitals(w, (size_t)(e - w)))
			break;
		if (sur == NULL)
			sur = w;
		sur_end = e;
	}
	if (sur == NULL || *w == '\0')
		return xstrdup(s);
	buf_init(&b);
	buf_add(&b, s, civ);
	if (civ)
		buf_addc(&b, ' ');
	buf_adds(&b, w);
	buf_addc(&b, ' ');
	add_name_case(&b, sur, (size_t)(sur_end - sur));
	return str_trim(buf_steal(&b));
}

/* "Question de Mme FÉRET Corinne (Calvados - SER) publiée le …". */
static void
author_heading(struct sp *sp, const char *text)
{
	const char	*open, *close, *dash;
	char		*name;

	if (strncmp(text, "Question de ", 12) != 0 ||
	    (open = strchr(text, '(')) == NULL ||
	    (close = strchr(open, ')')) == NULL)
		return;
	name = str_trim(xstrndup(text + 12, (size_t)(open - text - 12)));
	free(sp->q->author_name);
	sp->q->author_name = author_name(name);
	free(name);
	/* The group is the last " - " part: "Calvados - SER". */
	for (dash = close; dash > open && strncmp(dash, " - ", 3) != 0; dash--)
		;
	if (dash > open) {
		free(sp->q->group_abbrev);
		sp->q->group_abbrev = str_trim(xstrndup(dash + 3,
		    (size_t)(close - dash - 3)));
	}
}

/* "Publiée dans le JO Sénat du 26/02/2026 - page 1004". */
static int
jo_line(struct sp *sp, const char *text, int *date, char **page)
{
	const char	*pg;
	long		 n;

	if (date_after(sp, text, "du ", date) == -1)
		return -1;
	if ((pg = strstr(text, "page ")) != NULL && (n = strtol(pg + 5,
	    NULL, 10)) > 0) {
		free(*page);
		*page = xasprintf("%ld", n);
	}
	return 0;
}

/* A paragraph or list item under an <h3> of the "informations clés". */
static int
keyed(struct sp *sp, const char *text, const char *f)
{
	struct question	*q = sp->q;
	const char	*l = sp->label;

	if (strcmp(l, "auteur de la question") == 0) {
		if (q->author_name == NULL)
			q->author_name = author_name(text);
	} else if (strcmp(l, "type de question") == 0) {
		if (strncmp(f, "question ecrite", 15) == 0)
			str_copy(q->type, "QE", sizeof(q->type));
		else if (strstr(f, "orale") != NULL)
			str_copy(q->type, "QOSD", sizeof(q->type));
		else if (strstr(f, "gouvernement") != NULL)
			str_copy(q->type, "QG", sizeof(q->type));
	} else if (strncmp(l, "ministre interroge", 18) == 0 ||
	    strncmp(l, "ministere interroge", 19) == 0)
		set(&q->ministry_asked, text);
	else if (strncmp(l, "question reattribuee", 20) == 0)
		/* The page dates no reattribution: the ministry in charge
		 * changes, no event is made; a transfer the stored data
		 * dates stands (ingest's merge_page). */
		set(&q->ministry, text);
	else if (strncmp(l, "date", 4) == 0 && strstr(f, "publiee le") !=
	    NULL) {
		if (strncmp(f, "question", 8) == 0)
			return date_after(sp, text, "le ", &q->published);
		if (strncmp(f, "reponse", 7) == 0)
			return date_after(sp, text, "le ", &q->answered);
	}
	return 0;
}

/* One heading, paragraph or list item, in document order. */
static int
block(struct sp *sp, xmlNode *n, enum part id_part)
{
	const char	*e = (const char *)n->name;
	char		*text, *f;
	int		 rc = 0;

	if (++sp->blocks > SP_MAX_BLOCKS)
		return 0;
	text = node_text(n);
	f = str_fold(text);
	if (e[0] == 'h' && e[1] >= '1' && e[1] <= '6') {
		if (e[1] == '1' && sp->q->title == NULL && *text != '\0')
			set(&sp->q->title, text);
		free(sp->label);
		sp->label = e[1] >= '3' ? xstrdup(f) : NULL;
		if (e[1] <= '2' && !sp->section)
			sp->part = id_part;
		if (sp->part == PART_QUESTION)
			author_heading(sp, text);
	} else if (sp->part != PART_NONE) {
		struct buf	*b = &sp->text[sp->part == PART_ANSWER];

		if (strncmp(f, "publiee dans le jo", 18) == 0)
			rc = sp->part == PART_ANSWER ? jo_line(sp, text,
			    &sp->q->answered, &sp->q->answer_page) :
			    jo_line(sp, text, &sp->q->published,
			    &sp->q->published_page);
		else if (*text != '\0') {
			if (b->len > 0)
				buf_adds(b, "\n\n");
			buf_adds(b, text);
		}
	} else if (strstr(f, "legislature") != NULL && strncmp(f,
	    "question", 8) == 0)
		number_line(sp, text, f);
	else if (sp->label != NULL)
		rc = keyed(sp, text, f);
	free(f);
	free(text);
	return rc;
}

static int
is_block(const char *e)
{
	return (e[0] == 'h' && e[1] >= '1' && e[1] <= '6' && e[2] == '\0') ||
	    strcmp(e, "p") == 0 || strcmp(e, "li") == 0 ||
	    strcmp(e, "dt") == 0 || strcmp(e, "dd") == 0;
}

/* Which part an element's id names. */
static enum part
part_of(xmlNode *n)
{
	xmlChar		*id = xmlGetProp(n, (const xmlChar *)"id");
	enum part	 p = PART_NONE;

	if (id != NULL) {
		if (xmlStrcasecmp(id, (const xmlChar *)"question") == 0)
			p = PART_QUESTION;
		else if (xmlStrcasecmp(id, (const xmlChar *)"answer") == 0 ||
		    xmlStrcasecmp(id, (const xmlChar *)"reponse") == 0)
			p = PART_ANSWER;
		xmlFree(id);
	}
	return p;
}

/* The canonical address, if the page gives one: its reference. */
static void
canonical(struct sp *sp, xmlNode *n)
{
	xmlChar	*rel, *href;

	if (sp->ref[0] != '\0')
		return;
	rel = xmlGetProp(n, (const xmlChar *)"rel");
	if (rel == NULL)
		rel = xmlGetProp(n, (const xmlChar *)"property");
	href = xmlGetProp(n, (const xmlChar *)"href");
	if (href == NULL)
		href = xmlGetProp(n, (const xmlChar *)"content");
	if (rel != NULL && href != NULL && (xmlStrcasecmp(rel,
	    (const xmlChar *)"canonical") == 0 || xmlStrcasecmp(rel,
	    (const xmlChar *)"og:url") == 0) && strstr((const char *)href,
	    "/questions/base/") != NULL)
		(void)reference_in((const char *)href, sp->ref);
	xmlFree(rel);
	xmlFree(href);
}

static int
walk(struct sp *sp, xmlNode *n, int depth)
{
	enum part	 p;
	const char	*e;

	for (; n != NULL && depth < SP_MAX_DEPTH; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		e = (const char *)n->name;
		if (strcmp(e, "script") == 0 || strcmp(e, "style") == 0 ||
		    strcmp(e, "noscript") == 0 || strcmp(e, "nav") == 0)
			continue;
		if (strcmp(e, "link") == 0 || strcmp(e, "meta") == 0) {
			canonical(sp, n);
			continue;
		}
		p = part_of(n);
		if (is_block(e)) {
			if (block(sp, n, p) == -1)
				return -1;
			continue;
		}
		/* A section that carries the id holds its part. */
		if (p != PART_NONE) {
			sp->part = p;
			sp->section = 1;
		}
		if (walk(sp, n->children, depth + 1) == -1)
			return -1;
		if (p != PART_NONE) {
			sp->part = PART_NONE;
			sp->section = 0;
		}
	}
	return 0;
}

/* Whether a folded <title> ends "- Sénat" (or "| Sénat"). */
static int
senat_title(const char *f)
{
	const char	*t, *end;

	if ((t = strstr(f, "<title")) == NULL || (t = strchr(t, '>')) == NULL ||
	    (end = strstr(t, "</title")) == NULL)
		return 0;
	while (end > t && (end[-1] == ' ' || end[-1] == '\n'))
		end--;
	if (end - t < 8 || strncmp(end - 5, "senat", 5) != 0)
		return 0;
	end -= 5;
	while (end > t && end[-1] == ' ')
		end--;
	return end[-1] == '-' || end[-1] == '|';
}

int
source_senat_page_is(const char *data, size_t len, int in_archive)
{
	size_t	 n = len < 65536 ? len : 65536;
	char	*head, *f;
	int	 yes;

	if (in_archive || !an_page_is_html(data, len))
		return 0;
	head = xstrndup(data, n);
	if (utf8_invalid(head) != NULL) {
		/* Read as Latin-1 to recognise it: é is all that matters. */
		struct buf	 b;
		const char	*s;

		buf_init(&b);
		for (s = head; *s != '\0'; s++)
			if ((unsigned char)*s < 0x80)
				buf_addc(&b, *s);
			else {
				buf_addc(&b, (char)(0xc0 | (unsigned char)*s >> 6));
				buf_addc(&b, (char)(0x80 | (*s & 0x3f)));
			}
		free(head);
		head = buf_steal(&b);
	}
	f = str_fold(head);
	/* The Sénat's title ends "- Sénat"; its JO is the "JO Sénat". */
	yes = senat_title(f) || (strstr(f, "publiee dans le jo senat") !=
	    NULL && strstr(f, "assemblee nationale</title") == NULL);
	free(f);
	free(head);
	return yes;
}

static int
finish(struct sp *sp)
{
	struct question	*q = sp->q;
	const char	*base = strrchr(sp->name, '/');
	char		 ref[13];

	base = base != NULL ? base + 1 : sp->name;
	if (reference_in(base, ref) == -1) {
		if (sp->ref[0] == '\0')
			return error_set(sp->err, EXIT_DATAERR, "%s: no "
			    "reference: a Sénat page shows none, so its file "
			    "is named after its address (qSEQ251006436.html)",
			    sp->name);
		memcpy(ref, sp->ref, sizeof(ref));
	}
	if (q->number <= 0 || q->legislature == 0)
		return error_set(sp->err, EXIT_DATAERR, "%s: not a Sénat "
		    "question page (no \"Question écrite n°NNNNN - NNe "
		    "législature\" line)", sp->name);
	if (q->type[0] == '\0')
		str_copy(q->type, "QE", sizeof(q->type));
	if (strcmp(q->type, "QE") != 0)
		return error_set(sp->err, EXIT_DATAERR, "%s: a Sénat %s, not a "
		    "written question: qetracker tracks written questions",
		    sp->name, q->type);
	if (q->published == DATE_NONE)
		return error_set(sp->err, EXIT_DATAERR, "%s: no \"Question "
		    "publiée le DD/MM/YYYY\" (the publication of a written "
		    "question)", sp->name);
	/* The reference ends with the number (SEQ2510 06436): a page
	 * under another question's name would file it under that one. */
	if (strtol(ref + 7, NULL, 10) != q->number)
		return error_set(sp->err, EXIT_DATAERR, "%s: the page is "
		    "question n°%ld, not %s's", sp->name, q->number, ref);
	q->source_uid = xstrdup(ref);
	if (sp->text[0].len > 0) {
		q->text = buf_steal(&sp->text[0]);
		q->excerpt = question_excerpt(q->text);
	}
	if (sp->text[1].len > 0) {
		q->answer_text = buf_steal(&sp->text[1]);
		q->answer_excerpt = question_excerpt(q->answer_text);
	}
	question_add_event(q, EV_PUBLISHED, q->published, q->published_page);
	if (q->answered != DATE_NONE) {
		q->closure = CLOSURE_ANSWERED;
		q->closed = q->answered;
		set(&q->closure_label, "Réponse publiée");
		question_add_event(q, EV_ANSWERED, q->answered, q->answer_page);
	}
	/* The ministry in charge is left to the stored data unless the
	 * page says the question moved: the page's words for a minister
	 * ("M. le ministre des transports") are not the data's
	 * ("Transports"), and the league table counts by the data's. */
	return 0;
}

int
source_senat_page(const char *data, size_t len, const char *name,
    enum unit_kind *kind, struct question *q, struct name_record *nr,
    struct error *err)
{
	struct sp	 sp;
	htmlDocPtr	 doc;
	char		*text;
	int		 rc;

	(void)nr;
	*kind = UNIT_QUESTION;
	if (len > (size_t)64 << 20)
		return error_set(err, EXIT_DATAERR, "%s: page too large (more "
		    "than 64 MB)", name);
	/* Decoded here, as the CSV is: UTF-8, else Windows-1252 (what
	 * senat.fr serves is UNCONFIRMED), else refused; libxml2 then
	 * reads UTF-8 whatever the page declares, and has no bad byte to
	 * complain of on standard error. */
	if ((text = senat_decode(data, len, name, err)) == NULL)
		return -1;
	doc = htmlReadMemory(text, (int)strlen(text), name, "UTF-8",
	    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
	    HTML_PARSE_RECOVER | HTML_PARSE_IGNORE_ENC);
	free(text);
	if (doc == NULL)
		return error_set(err, EXIT_DATAERR, "%s: cannot parse the HTML",
		    name);
	memset(&sp, 0, sizeof(sp));
	sp.name = name;
	sp.q = q;
	sp.err = err;
	buf_init(&sp.text[0]);
	buf_init(&sp.text[1]);
	str_copy(q->assembly, "SENAT", sizeof(q->assembly));
	rc = walk(&sp, xmlDocGetRootElement(doc), 0);
	xmlFreeDoc(doc);
	if (rc == 0)
		rc = finish(&sp);
	free(sp.label);
	buf_free(&sp.text[0]);
	buf_free(&sp.text[1]);
	return rc;
}
