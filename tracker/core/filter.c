/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * filter.c: the FILTERS of the command line. Names are matched without
 * case or accents, as staff type them, and word by word with the
 * endings French words take: "ecologie" finds "Transition écologique",
 * "sante soins" finds "Santé et accès aux soins". A group abbreviation
 * finds the groups it starts ("LFI" finds "LFI-NFP"). A value that
 * matches no member, group or ministry the database knows is an error
 * that names the closest known ones (filter_check). A question not yet
 * published at the as-of date never matches.
 */
#include "filter.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "assembly.h"
#include "date.h"
#include "error.h"
#include "question.h"
#include "store.h"
#include "util.h"

void
filter_init(struct filter *f)
{
	memset(f, 0, sizeof(*f));
	f->due_within = -1;
}

int
filter_empty(const struct filter *f)
{
	return f->statuses == 0 && f->author == NULL && f->group == NULL &&
	    f->ministry == NULL && f->rubric == NULL && f->due_within < 0 &&
	    f->legislature == 0 && f->assembly[0] == '\0';
}

void
filter_free(struct filter *f)
{
	if (f == NULL)
		return;
	free(f->author);
	free(f->group);
	free(f->ministry);
	free(f->rubric);
	filter_init(f);
}

static int
parse_statuses(struct filter *f, const char *value, struct error *err)
{
	char	*copy = xstrdup(value), *tok, *save = NULL;
	int	 s, rc = 0;

	for (tok = strtok_r(copy, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save)) {
		if ((s = rules_status_parse(str_trim(tok))) == -1 ||
		    s == QS_UNPUBLISHED) {
			rc = error_set(err, EXIT_USAGE, "--status: unknown "
			    "status \"%s\" (open, overdue, answered, "
			    "answered_late, withdrawn, lapsed, closed)", tok);
			break;
		}
		f->statuses |= 1u << s;
	}
	free(copy);
	return rc;
}

static void
set_str(char **dst, const char *v)
{
	free(*dst);
	*dst = xstrdup(v);
}

int
filter_option(struct filter *f, const char *name, const char *value,
    struct error *err)
{
	long	n;

	if (strcmp(name, "status") == 0)
		return parse_statuses(f, value, err) == -1 ? -1 : 1;
	if (strcmp(name, "author") == 0)
		return set_str(&f->author, value), 1;
	if (strcmp(name, "group") == 0)
		return set_str(&f->group, value), 1;
	if (strcmp(name, "ministry") == 0)
		return set_str(&f->ministry, value), 1;
	if (strcmp(name, "rubric") == 0)
		return set_str(&f->rubric, value), 1;
	if (strcmp(name, "due-within") == 0) {
		if (str_to_long(value, 0, 36500, &n) == -1)
			return error_set(err, EXIT_USAGE, "--due-within: "
			    "\"%s\" is not a number of days", value);
		f->due_within = (int)n;
		return 1;
	}
	if (strcmp(name, "legislature") == 0) {
		if (str_to_long(value, 1, 99, &n) == -1)
			return error_set(err, EXIT_USAGE, "--legislature: "
			    "\"%s\" is not a legislature number", value);
		f->legislature = (int)n;
		return 1;
	}
	if (strcmp(name, "assembly") == 0) {
		const struct assembly	*a = assembly_find(value);
		char			 ids[64];

		if (a == NULL) {
			assembly_ids(" or ", ids, sizeof(ids));
			return error_set(err, EXIT_USAGE, "--assembly: "
			    "\"%s\" is not %s", value, ids);
		}
		str_copy(f->assembly, a->id, sizeof(f->assembly));
		return 1;
	}
	return 0;
}

/*
 * Whether a typed word matches a word of a name: it starts it, or (five
 * letters and more) they share all but its last two letters, at least
 * four: "ecologie" ~ "ecologique", "travail" ~ "travaux".
 */
static int
word_match(const char *want, size_t wn, const char *word, size_t n,
    int endings)
{
	size_t	common = 0;

	while (common < wn && common < n && want[common] == word[common])
		common++;
	if (common == wn)
		return 1;
	return endings && wn >= 5 && common >= 4 && common + 2 >= wn;
}

/*
 * Whether every word of want (folded) matches a word of name (folded);
 * with endings, word endings may differ (not for people's names:
 * "Bernard" is not "Bernalicis").
 */
static int
words_match(const char *want, const char *name, int endings)
{
	static const char	 sep[] = " -'(),.;:/";
	const char		*w, *t;
	size_t			 wn, tn;
	int			 found;

	for (w = want; *(w += strspn(w, sep)) != '\0'; w += wn) {
		wn = strcspn(w, sep);
		found = 0;
		for (t = name; !found && *(t += strspn(t, sep)) != '\0';
		    t += tn) {
			tn = strcspn(t, sep);
			found = word_match(w, wn, t, tn, endings);
		}
		if (!found)
			return 0;
	}
	return 1;
}

/* A name as staff type it: a part of it, or its words. */
static int
name_match(const char *name, const char *want, int endings)
{
	char	*fn, *fw;
	int	 r;

	if (name == NULL)
		return 0;
	if (str_contains_folded(name, want))
		return 1;
	fn = str_fold(name);
	fw = str_fold(want);
	r = *fw != '\0' && words_match(fw, fn, endings);
	free(fn);
	free(fw);
	return r;
}

static int
match_text(const char *want, const char *a, const char *b)
{
	return name_match(a, want, 1) || name_match(b, want, 1);
}

static int
author_match(const char *want, const char *ref, const char *name)
{
	return (ref != NULL && strcasecmp(ref, want) == 0) ||
	    name_match(name, want, 0);
}

/* "LFI" is the start of "LFI-NFP": up to a dash, never mid-word. */
static int
group_match(const char *want, const char *ref, const char *abbrev,
    const char *name)
{
	size_t	n = strlen(want);

	if (abbrev != NULL && (strcasecmp(abbrev, want) == 0 ||
	    (n > 0 && strncasecmp(abbrev, want, n) == 0 && abbrev[n] == '-')))
		return 1;
	return (ref != NULL && strcasecmp(ref, want) == 0) ||
	    name_match(name, want, 1);
}

int
filter_match(const struct filter *f, const struct question *q,
    const struct qstate *st)
{
	if (st->status == QS_UNPUBLISHED)
		return 0;
	if (f->statuses != 0 && !(f->statuses & (1u << st->status)))
		return 0;
	if (f->legislature != 0 && q->legislature != f->legislature)
		return 0;
	if (f->assembly[0] != '\0' && strcmp(f->assembly, q->assembly) != 0)
		return 0;
	if (f->due_within >= 0 && (st->status != QS_OPEN ||
	    st->days_left < 0 || st->days_left > f->due_within))
		return 0;
	if (f->author != NULL && !author_match(f->author, q->author_ref,
	    q->author_name))
		return 0;
	if (f->group != NULL && !group_match(f->group, q->group_ref,
	    q->group_abbrev, q->group_name))
		return 0;
	if (f->ministry != NULL && !match_text(f->ministry, q->ministry,
	    q->ministry_asked))
		return 0;
	if (f->rubric != NULL && !match_text(f->rubric, q->rubric, q->heading))
		return 0;
	return 1;
}

struct pick {
	int	group;
	int	key;
	int	legislature;
	long	number;
	long	id;
};

struct picks {
	const struct filter	*f;
	int			 asof;
	struct pick		*v;
	size_t			 n;
	size_t			 cap;
};

static int
pick_cmp(const void *a, const void *b)
{
	const struct pick	*x = a, *y = b;

	if (x->group != y->group)
		return x->group < y->group ? -1 : 1;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	/* Ties by identity, so the order never depends on row ids. */
	if (x->legislature != y->legislature)
		return x->legislature < y->legislature ? -1 : 1;
	if (x->number != y->number)
		return x->number < y->number ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

static struct pick *
pick_add(struct picks *p)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 256;
		p->v = xrealloc(p->v, p->cap * sizeof(*p->v));
	}
	return &p->v[p->n++];
}

/* Where a question stands in the order of urgency. */
static void
pick_fill(struct pick *k, const struct question *q, const struct qstate *st)
{
	k->id = q->id;
	k->legislature = q->legislature;
	k->number = q->number;
	switch (st->status) {
	case QS_OPEN:
		k->group = 0;
		k->key = st->days_left < 0 ? 0 : st->days_left;
		break;
	case QS_OVERDUE:
		k->group = 1;
		k->key = -st->days_overdue;
		break;
	case QS_ANSWERED_LATE:
	case QS_ANSWERED:
		k->group = st->status == QS_ANSWERED_LATE ? 2 : 3;
		/* Most recent first; a date the data does not give, last. */
		k->key = q->answered != DATE_NONE ? -q->answered : INT_MAX;
		break;
	default:
		k->group = 4;
		k->key = st->closed != DATE_NONE ? -st->closed : INT_MAX;
		break;
	}
}

static int
pick_one(const struct question *q, void *arg)
{
	struct picks	*p = arg;
	struct qstate	 st;

	rules_state(q, p->asof, &st);
	if (!filter_match(p->f, q, &st))
		return 0;
	pick_fill(pick_add(p), q, &st);
	return 0;
}

/*
 * The index of statuses a long-lived reader (serve's connections) keeps:
 * every question's status at one date, and what the filters without
 * names test and the order of urgency needs, 24 bytes a question, by id.
 * It stands for one state of the database: it is made again when the
 * date or PRAGMA data_version (read inside the caller's snapshot) is not
 * the one it was made at, so a filter never reads a stale status. A
 * filtered search then reads no row but the page's, and the API's list
 * no row but its page's.
 */
struct fentry {
	long		id;
	int32_t		key;
	int32_t		number;
	int32_t		days_left;	/* -1 unless open */
	uint8_t		group;
	uint8_t		status;
	uint8_t		legislature;
	uint8_t		assembly;	/* in findex's assemblies */
};

#define FINDEX_ASSEMBLIES	8

struct findex {
	int		 asof;
	long		 version;	/* -1: never made */
	struct fentry	*v;
	size_t		 n, cap;
	char		 assemblies[FINDEX_ASSEMBLIES][8];
	size_t		 nassemblies;
	int		 unindexable;	/* an assembly past the table's room */
};

static void
findex_free(void *p)
{
	struct findex	*x = p;

	if (x != NULL)
		free(x->v);
	free(x);
}

void
filter_index_enable(struct store *st)
{
	struct findex	*x = xcalloc(1, sizeof(*x));

	x->version = -1;
	store_keep(st, x, findex_free);
}

static int
fentry_cmp(const void *a, const void *b)
{
	const struct fentry	*x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

static int
index_one(const struct question *q, void *arg)
{
	struct findex	*x = arg;
	struct qstate	 st;
	struct pick	 k;
	struct fentry	*e;
	size_t		 a;

	rules_state(q, x->asof, &st);
	pick_fill(&k, q, &st);
	for (a = 0; a < x->nassemblies; a++)
		if (strcmp(x->assemblies[a], q->assembly) == 0)
			break;
	if (a == x->nassemblies) {
		if (a == FINDEX_ASSEMBLIES || strlen(q->assembly) >=
		    sizeof(x->assemblies[0])) {
			x->unindexable = 1;
			return 1;
		}
		str_copy(x->assemblies[a], q->assembly,
		    sizeof(x->assemblies[a]));
		x->nassemblies++;
	}
	if (x->n == x->cap) {
		x->cap = x->cap ? x->cap * 2 : 1024;
		x->v = xrealloc(x->v, x->cap * sizeof(*x->v));
	}
	e = &x->v[x->n++];
	e->id = q->id;
	e->key = k.key;
	e->number = (int32_t)q->number;
	e->days_left = st.status == QS_OPEN ? st.days_left : -1;
	e->group = (uint8_t)k.group;
	e->status = (uint8_t)st.status;
	e->legislature = (uint8_t)q->legislature;
	e->assembly = (uint8_t)a;
	return 0;
}

/* The index at asof for this snapshot, made again if need be; NULL when
 * the connection keeps none (a command's), or it cannot serve. */
static struct findex *
index_current(struct store *st, int asof, struct error *err, int *failed)
{
	struct findex	*x = store_kept(st);
	long		 v;

	*failed = 0;
	if (x == NULL || (v = store_data_version(st)) < 0)
		return NULL;
	if (x->version == v && x->asof == asof)
		return x->unindexable ? NULL : x;
	x->n = 0;
	x->nassemblies = 0;
	x->unindexable = 0;
	x->asof = asof;
	x->version = -1;
	if (store_scan_questions(st, 0, 0, index_one, x, err) == -1) {
		*failed = 1;
		return NULL;
	}
	if (x->n > 0)
		qsort(x->v, x->n, sizeof(*x->v), fentry_cmp);
	x->version = v;
	return x->unindexable ? NULL : x;
}

/* Whether the filter tests only what the index holds (no names). */
static int
indexable(const struct filter *f)
{
	return f->author == NULL && f->group == NULL && f->ministry == NULL &&
	    f->rubric == NULL;
}

/* filter_match's tests of what the index holds. */
static int
fentry_match(const struct filter *f, const struct findex *x,
    const struct fentry *e)
{
	if (e->status == QS_UNPUBLISHED)
		return 0;
	if (f->statuses != 0 && !(f->statuses & (1u << e->status)))
		return 0;
	if (f->legislature != 0 && e->legislature != f->legislature)
		return 0;
	if (f->assembly[0] != '\0' && strcmp(f->assembly,
	    x->assemblies[e->assembly]) != 0)
		return 0;
	if (f->due_within >= 0 && (e->status != QS_OPEN || e->days_left < 0 ||
	    e->days_left > f->due_within))
		return 0;
	return 1;
}

const struct findex *
filter_index(struct store *st, int asof, struct error *err, int *failed)
{
	return index_current(st, asof, err, failed);
}

int
filter_index_test(const struct findex *x, const struct filter *f, long id)
{
	struct fentry	 key = { 0 }, *e;

	key.id = id;
	if (x->n == 0 || (e = bsearch(&key, x->v, x->n, sizeof(*x->v),
	    fentry_cmp)) == NULL)
		return 0;
	if (!fentry_match(f, x, e))
		return 0;
	return indexable(f) ? 1 : 3;
}

int
filter_select(struct store *s, const struct filter *f, int asof, long **ids,
    size_t *n, struct error *err)
{
	struct picks	 p;
	struct findex	*x;
	size_t		 i;
	int		 failed = 0, snap, rc = 0;

	memset(&p, 0, sizeof(p));
	p.f = f;
	p.asof = asof;
	*ids = NULL;
	*n = 0;
	/* The index's state and the rows read after: one snapshot. */
	if ((snap = store_read_begin(s, err)) == -1)
		return -1;
	if ((x = indexable(f) ? index_current(s, asof, err, &failed) :
	    NULL) != NULL) {
		for (i = 0; i < x->n; i++) {
			const struct fentry	*e = &x->v[i];
			struct pick		*k;

			if (!fentry_match(f, x, e))
				continue;
			k = pick_add(&p);
			k->id = e->id;
			k->group = e->group;
			k->key = e->key;
			k->legislature = e->legislature;
			k->number = e->number;
		}
	} else if (failed || store_scan_questions(s, f->legislature, 0,
	    pick_one, &p, err) == -1)
		rc = -1;
	store_read_end(s, snap);
	if (rc == -1) {
		free(p.v);
		return -1;
	}
	if (p.n > 0)
		qsort(p.v, p.n, sizeof(*p.v), pick_cmp);
	*ids = xcalloc(p.n, sizeof(**ids));
	for (i = 0; i < p.n; i++)
		(*ids)[i] = p.v[i].id;
	*n = p.n;
	free(p.v);
	return 0;
}

/* Edit distance of two short folded strings (bytes), capped. */
static size_t
distance(const char *a, const char *b)
{
	size_t	 na = strlen(a), nb = strlen(b), i, j, prev, cur, d[129];

	if (na > 128)
		na = 128;
	if (nb > 128)
		nb = 128;
	for (j = 0; j <= nb; j++)
		d[j] = j;
	for (i = 1; i <= na; i++) {
		prev = d[0];
		d[0] = i;
		for (j = 1; j <= nb; j++) {
			cur = d[j];
			d[j] = a[i - 1] == b[j - 1] ? prev : 1 + (prev < d[j] ?
			    (prev < d[j - 1] ? prev : d[j - 1]) :
			    (d[j] < d[j - 1] ? d[j] : d[j - 1]));
			prev = cur;
		}
	}
	return d[nb];
}

#define NEAR	3

struct known {
	enum store_names	 kind;
	const char		*want;
	char			*folded;	/* want, folded */
	int			 matched;
	size_t			 names;
	char			*near[NEAR];	/* the closest, shown */
	size_t			 dist[NEAR];
};

/* How far a typed value is from a name: the whole, or its best word. */
static size_t
name_distance(const char *folded_want, const char *name)
{
	char	*fn = str_fold(name), *w, *save = NULL;
	size_t	 best = distance(folded_want, fn), d;

	size_t	 n = strlen(folded_want);

	/* A word, or its start as long as what was typed ("ecolgie" is
	 * two edits from "ecologi", the start of "ecologique"). */
	for (w = strtok_r(fn, " -'", &save); w != NULL;
	    w = strtok_r(NULL, " -'", &save)) {
		if ((d = distance(folded_want, w) + 1) < best)
			best = d;
		if (strlen(w) > n) {
			w[n] = '\0';
			if ((d = distance(folded_want, w) + 1) < best)
				best = d;
		}
	}
	free(fn);
	return best;
}

static void
known_offer(struct known *k, size_t d, char *shown)
{
	size_t	i, j;

	for (i = 0; i < NEAR; i++)
		if (k->near[i] != NULL && strcmp(k->near[i], shown) == 0) {
			free(shown);
			return;
		}
	for (i = 0; i < NEAR && k->near[i] != NULL && k->dist[i] <= d; i++)
		;
	if (i == NEAR) {
		free(shown);
		return;
	}
	free(k->near[NEAR - 1]);
	for (j = NEAR - 1; j > i; j--) {
		k->near[j] = k->near[j - 1];
		k->dist[j] = k->dist[j - 1];
	}
	k->near[i] = shown;
	k->dist[i] = d;
}

static int
known_one(const char *a, const char *b, const char *c, void *arg)
{
	struct known	*k = arg;
	size_t		 d;

	if (a == NULL && b == NULL && c == NULL)
		return 0;
	k->names++;
	switch (k->kind) {
	case STORE_NAMES_AUTHOR:
		if (author_match(k->want, a, b))
			return k->matched = 1;
		if (b != NULL)
			known_offer(k, name_distance(k->folded, b), a ?
			    xasprintf("%s (%s)", b, a) : xstrdup(b));
		break;
	case STORE_NAMES_GROUP:
		if (group_match(k->want, a, b, c))
			return k->matched = 1;
		if (b != NULL) {
			d = name_distance(k->folded, b);
			if (c != NULL && name_distance(k->folded, c) < d)
				d = name_distance(k->folded, c);
			known_offer(k, d, c ? xasprintf("%s (%s)", b, c) :
			    xstrdup(b));
		}
		break;
	case STORE_NAMES_MINISTRY:
		if (a != NULL && name_match(a, k->want, 1))
			return k->matched = 1;
		if (a != NULL)
			known_offer(k, name_distance(k->folded, a), xstrdup(a));
		break;
	}
	return 0;
}

static int
check_one(struct store *s, enum store_names kind, const char *what,
    const char *want, char *field, size_t size, struct error *err)
{
	static const char *const nouns[] = { "member", "group", "ministry" };
	struct known	 k;
	struct buf	 b;
	size_t		 i;
	int		 rc = 0;

	if (want == NULL)
		return 0;
	memset(&k, 0, sizeof(k));
	k.kind = kind;
	k.want = want;
	k.folded = str_fold(want);
	if (store_each_name(s, kind, known_one, &k, err) == -1)
		rc = -1;
	else if (!k.matched && k.names > 0) {
		buf_init(&b);
		for (i = 0; i < NEAR && k.near[i] != NULL; i++)
			buf_printf(&b, "%s%s", i ? "; " : "", k.near[i]);
		str_copy(field, what, size);
		rc = error_set(err, EXIT_USAGE, "\"%s\" matches no %s the "
		    "database knows%s%s%s", want, nouns[kind], b.len ?
		    " (closest: " : "", b.len ? b.data : "", b.len ? ")" : "");
		buf_free(&b);
	}
	for (i = 0; i < NEAR; i++)
		free(k.near[i]);
	free(k.folded);
	return rc;
}

int
filter_check(struct store *s, const struct filter *f, char *field,
    size_t size, struct error *err)
{
	if (field != NULL && size > 0)
		field[0] = '\0';
	if (check_one(s, STORE_NAMES_AUTHOR, "author", f->author, field, size,
	    err) == -1 || check_one(s, STORE_NAMES_GROUP, "group", f->group,
	    field, size, err) == -1 || check_one(s, STORE_NAMES_MINISTRY,
	    "ministry", f->ministry, field, size, err) == -1)
		return -1;
	return 0;
}
