/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * assembly.h: the parliaments qetracker knows, as rows of a table.
 *
 * Everything that differs between the Assemblée nationale and the Sénat
 * outside their sources and rules lives here: names, how a question's
 * identifier and link are built, whether groups may signal a question,
 * what an overdue question may become, and the legislatures. No other
 * module names an assembly; they ask this table.
 */
#ifndef QT_ASSEMBLY_H
#define QT_ASSEMBLY_H

#include <stddef.h>

struct question;

/* A legislature: its number and first day, and its last one (NULL while
 * it runs), as ISO dates. */
struct legislature_span {
	int		 number;
	const char	*start;
	const char	*end;
};

struct assembly {
	const char	*id;		/* "AN": stored in questions.assembly */
	const char	*name;		/* "Assemblée nationale" */
	/* Starts the feed names of its members and groups ("senat-"), so
	 * that two chambers' groups of one abbreviation stay apart; "" for
	 * the first assembly, whose feeds keep the names they had. */
	const char	*feed_prefix;
	const char	*member;	/* what a member is called: N_("Deputy") */
	const char	*member_f;	/* a woman: NC_("female", "Deputy") */
	/* The identifier of a question, for feeds and links, into buf of
	 * size bytes. */
	void		(*uid)(const struct question *, char *buf, size_t size);
	/* The question's public page (allocated), or NULL when the data
	 * gives no stable address. */
	char		*(*url)(const struct question *);
	int		 signalement;	/* a group may signal a question */
	int		 conversion;	/* overdue: may become an oral one */
	/* [rules] ministry_change_restarts applies: a change of ministry
	 * may restart the count (never at the Sénat, where a transmission
	 * keeps the deadline). */
	int		 transfer_restarts;
	/* An unanswered question lapses at the opening of the first
	 * ordinary session (the first working day of October, Constitution
	 * art. 28) more than [rules] senat_lapse_years after its
	 * publication: the Sénat's standing rule of 2 April 1986. */
	int		 session_lapse;
	/* Its questions are shown by their uid (the Sénat's reference,
	 * unique where its numbers restart), not legislature-number. */
	int		 label_uid;
	const struct legislature_span *legislatures;	/* by number */
	size_t		 nlegislatures;
};

/* The assembly of that id, in any case ("an", "Senat"), or NULL. */
const struct assembly	*assembly_find(const char *id);
/* The assembly of a question, or NULL for an unknown one. */
const struct assembly	*assembly_of(const struct question *);
/*
 * How people see a question's number, into buf of size bytes: "17-6750"
 * at the Assemblée, the reference "SEQ251006436" at the Sénat (its uid,
 * given as uid). Returns buf.
 */
char			*assembly_label(const char *assembly, int legislature,
			    long number, const char *uid, char *buf,
			    size_t size);
/* The assembly a bare question number belongs to ("show 1234"). */
const struct assembly	*assembly_default(void);
/* What this member is called, translated, by the civility that starts
 * their name ("Mme ...": Députée, Sénatrice in French). */
const char		*assembly_member(const struct assembly *,
			    const char *name);
/* The i-th row, or NULL past the last. */
const struct assembly	*assembly_at(size_t i);
/* The ids joined by sep ("AN|SENAT") into buf, cut to size bytes. */
void			 assembly_ids(const char *sep, char *buf, size_t size);

#endif
