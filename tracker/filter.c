/*
 * filter.c: the FILTERS of the command line. Names are matched without
 * case or accents, as staff type them ("ecologie" finds "Écologie").
 * A question not yet published at the as-of date never matches.
 */
#include "filter.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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
		if (strcasecmp(value, "AN") == 0)
			str_copy(f->assembly, "AN", sizeof(f->assembly));
		else if (strcasecmp(value, "SENAT") == 0)
			str_copy(f->assembly, "SENAT", sizeof(f->assembly));
		else
			return error_set(err, EXIT_USAGE, "--assembly: "
			    "\"%s\" is not AN or SENAT", value);
		return 1;
	}
	return 0;
}

static int
match_text(const char *want, const char *a, const char *b)
{
	return str_contains_folded(a, want) || str_contains_folded(b, want);
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
	if (f->author != NULL && !(q->author_ref != NULL &&
	    strcasecmp(q->author_ref, f->author) == 0) &&
	    !str_contains_folded(q->author_name, f->author))
		return 0;
	if (f->group != NULL && !(q->group_abbrev != NULL &&
	    strcasecmp(q->group_abbrev, f->group) == 0) &&
	    !(q->group_ref != NULL && strcasecmp(q->group_ref, f->group) == 0)
	    && !str_contains_folded(q->group_name, f->group))
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

static int
pick_one(const struct question *q, void *arg)
{
	struct picks	*p = arg;
	struct qstate	 st;
	struct pick	*k;

	rules_state(q, p->asof, &st);
	if (!filter_match(p->f, q, &st))
		return 0;
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 256;
		p->v = xrealloc(p->v, p->cap * sizeof(*p->v));
	}
	k = &p->v[p->n++];
	k->id = q->id;
	k->legislature = q->legislature;
	k->number = q->number;
	switch (st.status) {
	case QS_OPEN:
		k->group = 0;
		k->key = st.days_left < 0 ? 0 : st.days_left;
		break;
	case QS_OVERDUE:
		k->group = 1;
		k->key = -st.days_overdue;
		break;
	case QS_ANSWERED_LATE:
	case QS_ANSWERED:
		k->group = st.status == QS_ANSWERED_LATE ? 2 : 3;
		/* Most recent first; a date the data does not give, last. */
		k->key = q->answered != DATE_NONE ? -q->answered : INT_MAX;
		break;
	default:
		k->group = 4;
		k->key = st.closed != DATE_NONE ? -st.closed : INT_MAX;
		break;
	}
	return 0;
}

int
filter_select(struct store *s, const struct filter *f, int asof, long **ids,
    size_t *n, struct error *err)
{
	struct picks	p;
	size_t		i;

	memset(&p, 0, sizeof(p));
	p.f = f;
	p.asof = asof;
	*ids = NULL;
	*n = 0;
	if (store_each_question(s, f->legislature, pick_one, &p, err) == -1) {
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
