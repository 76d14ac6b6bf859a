/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * ingest.h: import files into the store in one transaction: question
 * JSON files, folders of them, AN dump zips and AMO files or zips.
 */
#ifndef QT_INGEST_H
#define QT_INGEST_H

#include <stddef.h>

#include "store.h"
#include "util.h"

struct error;
struct rules_settings;

/* How an import runs: the [import] section, and [senat] sort_labels. */
struct import_conf {
	int	 threads;	/* 0: one fewer than the cores */
	int	 max_growth_mb;
	char	*sort_labels;	/* "label=status, ..." */
};

struct ingest_opts {
	int		 threads;	/* parsing threads; 0: cores - 1 */
	int		 skip_bad;	/* ingest good entries, list the bad */
	int		 progress;	/* draw progress on a terminal */
	long long	 max_growth;	/* bytes the database may grow by;
					 * 0: no limit */
	const char	*command;	/* recorded with the run */
	/*
	 * A poll: the archive's entries are compared with those last
	 * ingested from this source (CRC-32 and size, from the central
	 * directory); only new and changed ones are inflated and parsed,
	 * and entries gone are counted as removed.
	 */
	const char	*source;
	const char	*source_kind;
	const char	*source_url;
	const char	*etag;		/* validators to keep on success */
	const char	*last_modified;
	long		 http_status;
	long long	 bytes;
	/* The safety valve: refuse a dump that removes too many questions
	 * or lacks too many stored answers, unless forced. */
	int		 max_removed_percent;
	int		 max_lost_answers;
	int		 force;
	const char	*sort_labels;	/* [senat] sort_labels, or NULL */
};

/* Clears o and fills what the configuration sets. */
void	ingest_opts_init(struct ingest_opts *o, const struct import_conf *);

struct ingest_result {
	struct run_counts	counts;
	struct buf		bad;	/* one line per skipped bad entry */
};

void	ingest_result_init(struct ingest_result *);
void	ingest_result_free(struct ingest_result *);
/*
 * Imports every path. All or nothing: on error the transaction is rolled
 * back, the database is as before, and err names the file, the zip entry
 * and the JSON path (EXIT_DATAERR; EXIT_NOINPUT for a missing path).
 * With skip_bad, bad entries are listed in res->bad and the rest lands.
 */
int	ingest_paths(struct store *, const struct rules_settings *,
	    char *const paths[], size_t npaths, const struct ingest_opts *,
	    struct ingest_result *res, struct error *);

#endif
