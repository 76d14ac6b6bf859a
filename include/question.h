/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * question.h: a written question as qetracker understands it, whatever
 * the parliament it came from, and the events of its life.
 */
#ifndef QT_QUESTION_H
#define QT_QUESTION_H

#include <stddef.h>
#include <stdint.h>

/* How a question was closed, classified from the source's own code. */
enum closure {
	CLOSURE_NONE = 0,
	CLOSURE_ANSWERED,	/* REP_PUB, "Réponse publiée" */
	CLOSURE_WITHDRAWN,	/* "Retrait", "retirée" */
	CLOSURE_LAPSED,		/* "Fin de mandat", caducité */
	CLOSURE_OTHER
};

/* Longest excerpt of a question text kept, in bytes. */
#define QUESTION_EXCERPT_MAX	400

/* Kinds of events, stored by name in the database. */
#define EV_PUBLISHED	"published"
#define EV_ERRATUM	"erratum"
#define EV_MINISTRY	"ministry_changed"
#define EV_SIGNALED	"signaled"
#define EV_RENEWED	"renewed"
#define EV_ANSWERED	"answered"
#define EV_CLOSED	"closed"
#define EV_REMOVED	"removed"	/* gone from the source's archive */
/* The Sénat's question de rappel (senat.md §3): the original question is
 * recalled by another (detail: its reference); the rappel recalls the
 * original (detail: the original's reference). */
#define EV_RAPPEL	"rappel"
#define EV_RAPPEL_OF	"rappel_of"

struct qevent {
	char	*kind;		/* one of EV_* */
	int	 date;		/* civil date, or DATE_NONE */
	char	*detail;	/* page, ministry, closure text; may be NULL */
};

/*
 * Every string is owned by the question and may be NULL (unknown);
 * every date is a civil date or DATE_NONE.
 */
struct question {
	long		 id;		/* row in the store; 0 if not stored */
	char		 assembly[8];	/* "AN", "SENAT" */
	int		 legislature;
	char		 type[8];	/* "QE" */
	long		 number;

	char		*title;		/* the analyse: the subject */
	char		*rubric;
	char		*heading;	/* tête d'analyse */
	char		*excerpt;	/* start of the text, header removed */
	char		*answer_excerpt; /* start of the answer's text */
	/* The whole texts, header removed: kept in the store's full-text
	 * table, not with the question's columns (question_texts), and read
	 * only where a page or a search shows them (store_get_texts). */
	char		*text;
	char		*answer_text;
	/* Set by question_prepare, in a parsing thread: every text is valid
	 * UTF-8 without controls, and hash is question_hash's (0: not
	 * computed). Whoever changes the question after clears them. */
	int		 clean;
	uint64_t	 hash;

	char		*author_ref;
	char		*author_name;	/* when the source names the author */
	char		*group_ref;
	char		*group_abbrev;
	char		*group_name;
	char		*ministry_asked_ref;
	char		*ministry_asked;
	char		*ministry_ref;	/* in charge now (last attribution) */
	char		*ministry;

	int		 published;	/* JO publication of the question */
	char		*published_page;
	int		 reattributed;	/* last change of ministry, or NONE */
	int		 signaled;	/* JO mention of the signalement */
	int		 renewed;	/* last renouvellement */
	int		 answered;	/* JO publication of the answer */
	char		*answer_page;
	int		 closed;	/* closure date, any kind */
	enum closure	 closure;
	char		*closure_code;	/* raw, e.g. "REP_PUB" */
	char		*closure_label;	/* raw, e.g. "Réponse publiée" */

	struct qevent	*events;
	size_t		 nevents;
	/* What the data says that contradicts itself or is missing,
	 * recorded with the question (kind is a word, detail a sentence). */
	struct qevent	*anomalies;
	size_t		 nanomalies;

	/* Filled by the rules engine. */
	char		 rule[32];	/* "an-qe"; "" if none (RULE_ID_SIZE) */
	int		 deadline;	/* the latest: from the last restart */
	int		 deadline_ext;	/* with the extension on request */
	/* When changes of ministry restart the clock, every count:
	 * "FROM=DEADLINE ...", the first from the publication; else NULL
	 * (rules_deadline_at reads it). */
	char		*deadline_steps;
	/* The source's own identifier, when it has one that its key does
	 * not give (the Sénat's reference, SEQ251006436); else NULL. */
	char		*source_uid;
	int		 signal_deadline;
	int		 lapse_date;	/* end of legislature, if it ended */
};

/* Where a field's value comes from, which says what its hash counts. */
enum question_field_kind {
	QF_SOURCE,		/* read from the source: always hashed */
	QF_SOURCE_IF_SET,	/* read from the source, hashed once set: a
				 * field added after databases existed, so
				 * that their stored hashes stay */
	QF_COMPUTED		/* set by the rules: never hashed */
};

/* A field of struct question: its name (the store's column), where it
 * lies, and where it comes from. */
struct question_field {
	const char		*name;
	size_t			 off;
	enum question_field_kind kind;
};
/*
 * The fields every module reads by table (the hash, the store's columns,
 * cleaning, freeing): the text fields (char *, owned), then the dates
 * (int, DATE_NONE when unknown). A field added to struct question is added
 * here, and the store's columns, the hash and question_clear follow.
 */
extern const struct question_field question_texts[];
extern const size_t question_ntexts;
extern const struct question_field question_dates[];
extern const size_t question_ndates;

/*
 * The most one question may hold, texts and events, whatever its source:
 * a hostile entry that compresses well must not grow the database by
 * hundreds of megabytes.
 */
#define QUESTION_MAX_BYTES	(1024 * 1024)
/* What a question holds, in bytes: its texts and events. */
size_t	 question_size(const struct question *);

/* A zeroed question with every date set to DATE_NONE. */
void	 question_init(struct question *);
/* Cleans every text (an invalid byte or a control becomes U+FFFD, as the
 * store would) and computes the hash, so that the writer needs not. */
void	 question_prepare(struct question *);
/* Releases what the question owns (not the struct); NULL is fine. */
void	 question_clear(struct question *);
/* The start of a text, cut at a word before QUESTION_EXCERPT_MAX bytes
 * with "…"; the caller frees. */
char	*question_excerpt(const char *whole);
/* Appends an event; kind is one of EV_*, detail is copied. */
void	 question_add_event(struct question *, const char *kind, int date,
	    const char *detail);
/* Appends an anomaly: a kind ("closure_without_date") and what. */
void	 question_add_anomaly(struct question *, const char *kind,
	    const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* How people see its number: "17-6750", or the Sénat's reference
 * (assembly_label), into buf of size bytes (64 is enough). */
char	*question_label(const struct question *, char *buf, size_t size);
/* Writes the identifier "QANR5L17QE6750" (AN) into buf. */
void	 question_uid(const struct question *, char *buf, size_t size);
/* The public page of the question (the caller frees), or NULL when its
 * assembly gives none. */
char	*question_url(const struct question *);
/* A template with {legislature}, {uid} and {number} replaced. */
char	*question_expand(const char *tmpl, const struct question *);
/*
 * Classifies a closure from its code and label: REP_PUB answered; the
 * label compared without case and accents: "fin de mandat" or "cadu"
 * (caduc, caduque, caducité) lapsed, "retrait"/"retire" withdrawn,
 * anything else closed.
 */
enum closure question_closure_class(const char *code, const char *label);
const char *question_closure_name(enum closure);
/*
 * A 64-bit FNV-1a hash of everything read from the source (not of what
 * the rules computed): equal hashes mean nothing changed upstream.
 */
uint64_t question_hash(const struct question *);

/* What a name record names; stored by word in bodies.kind. */
enum name_kind {
	NAME_MEMBER,		/* a deputy, a senator */
	NAME_GROUP,		/* a political group */
	NAME_MINISTRY,
	NAME_BODY		/* any other body a source lists */
};

/*
 * A member, group or ministry, whatever the assembly: a deputy (PA…) and
 * a senator (matricule) are the same kind of row. Strings are owned and
 * may be NULL, except ref.
 */
struct name_record {
	enum name_kind	 kind;
	char		 assembly[8];
	char		*ref;
	char		*name;		/* "M. Ugo Bernalicis", a group's label */
	char		*abbrev;	/* a group's short name */
	char		*code;		/* the source's own type (GP, …) */
	int		 legislature;	/* 0 when none */
};

void		 name_record_clear(struct name_record *);
/* The word stored for a kind ("member", "group", …). */
const char	*name_kind_word(enum name_kind);

#endif
