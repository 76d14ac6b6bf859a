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

/* The fields, in the CSV's column order (its first sixteen). */
enum senat_field {
	SF_SORT, SF_NATURE, SF_NUMERO, SF_REFERENCE, SF_PUBLISHED,
	SF_TITLE, SF_LAST, SF_FIRST, SF_CIVILITY, SF_GROUP, SF_ASKED,
	SF_TRANSMITTED, SF_TRANSMITTED_TO, SF_ANSWERED_BY, SF_ANSWERED,
	SF_THEMES, SF_TEXT, SF_ERRATUM,
	SF_COUNT
};

struct senat_row {
	const char	*v[SF_COUNT];	/* as the file says; "" if absent */
	int		 published;	/* the dates, read: DATE_NONE if none */
	int		 transmitted;
	int		 answered;
	int		 erratum;
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

#endif
