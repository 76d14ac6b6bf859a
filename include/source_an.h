/*
 * source_an.h: the Assemblée nationale's open data: one question file
 * (JSON, every variant of domain.md §5) and the AMO acteur and organe
 * files that name authors, groups and ministries.
 */
#ifndef QT_SOURCE_AN_H
#define QT_SOURCE_AN_H

#include <stddef.h>

#include "question.h"

struct error;

/* An acteur (PA…) or organe (PO…) of the AMO datasets. */
struct amo_record {
	int	 is_organe;
	char	*ref;
	char	*name;		/* "M. Ugo Bernalicis", or the organe label */
	char	*abbrev;	/* organe: libelleAbrege */
	char	*kind;		/* organe: codeType (GP, MINISTERE, ...) */
	int	 legislature;	/* organe: 0 when none */
};

/* What a JSON document turned out to be. */
enum an_doc {
	AN_DOC_QUESTION,
	AN_DOC_AMO
};

/*
 * Parses one JSON document of the AN open data. On success returns 0 and
 * sets *kind; a question fills q (question_init'ed by the caller), an
 * acteur or organe fills amo. On failure returns -1 with err naming
 * `name` and the JSON path (EXIT_DATAERR). The caller clears q and amo.
 */
int	source_an_parse(const char *data, size_t len, const char *name,
	    enum an_doc *kind, struct question *q, struct amo_record *amo,
	    struct error *err);
/* Releases what a record owns; NULL is fine. */
void	amo_record_clear(struct amo_record *);
/*
 * Removes the header "6750. — 20 mai 2025. — " that starts the text of
 * some questions, in place; returns the string.
 */
char	*source_an_strip_header(char *);

#endif
