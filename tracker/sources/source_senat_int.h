/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * source_senat_int.h: what the Sénat's two files (the yearly CSV, the
 * dump) share: a row as the Sénat's fields, made into a question by one
 * function, so both files give the same question for the same row.
 */
#ifndef QT_SOURCE_SENAT_INT_H
#define QT_SOURCE_SENAT_INT_H

#include <stddef.h>

struct question;

/* The fields; the first seventeen are the CSV's columns (enum col). */
enum senat_field {
	SF_SORT, SF_NATURE, SF_NUMERO, SF_REFERENCE, SF_PUBLISHED,
	SF_TITLE, SF_LAST, SF_FIRST, SF_CIVILITY, SF_GROUP, SF_ASKED,
	SF_TRANSMITTED, SF_TRANSMITTED_TO, SF_ANSWERED_BY, SF_ANSWERED,
	SF_THEMES, SF_RAPPEL_OF, SF_TEXT, SF_ERRATUM,
	SF_COUNT
};

struct senat_row {
	const char	*v[SF_COUNT];	/* as the file says; "" if absent */
	int		 published;	/* the dates, read: DATE_NONE if none */
	int		 transmitted;
	int		 answered;
	int		 erratum;
	int		 rappel;	/* the date of the rappel, if known */
	int		 legislature;	/* 0: the Assemblée's at publication */
};

/*
 * Fills q (question_init'ed) from a row. A nature other than QE only
 * sets the type (the row is counted and skipped). Returns 0, or -1 with
 * *field the field at fault and why what is wrong with it.
 */
int	senat_fill(const struct senat_row *, const char *sort_labels,
	    struct question *q, enum senat_field *field, char *why,
	    size_t size);

/*
 * The questions de rappel of a file (senat.md §3, CONFIRMED by the dump's
 * comment on refquerappelee): each names the question it recalls, which
 * gets an event. Gathered from every row, then looked up by the
 * original's reference.
 */
struct senat_rappel {
	char	original[13];
	char	rappel[13];
	int	date;
};

struct senat_rappels {
	struct senat_rappel	*v;
	size_t			 n, cap;
};

/* Notes that rappel (a reference) recalls original on date; ignores a
 * malformed reference (senat_fill refuses it, naming the column). */
void	senat_rappel_add(struct senat_rappels *, const char *original,
	    const char *rappel, int date);
/* Sorts them by the original, once all are added. */
void	senat_rappels_sort(struct senat_rappels *);
/* Adds to q an EV_RAPPEL event for each rappel of it. */
void	senat_rappels_apply(const struct senat_rappels *, struct question *q);
void	senat_rappels_free(struct senat_rappels *);

/*
 * The Sénat's files as a new UTF-8 string: UTF-8 as they are, else
 * Windows-1252 (ISO-8859-1's superset), decoded with iconv; NULL with err
 * naming name, the line and the byte that is neither (EXIT_DATAERR).
 */
struct error;
char	*senat_decode(const char *data, size_t len, const char *name,
	    struct error *err);

#endif
