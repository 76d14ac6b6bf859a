/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * config.h: the one configuration file, an INI file described by a table
 * of keys (section, key, type, bounds, default, help). The loader reads a
 * file or a string and reports every error as "file:line: ...".
 */
#ifndef QT_CONFIG_H
#define QT_CONFIG_H

#include <stdio.h>

#include "digest.h"
#include "export.h"
#include "feed.h"
#include "ingest.h"
#include "poll.h"
#include "rules.h"
#include "run.h"
#include "serve.h"

struct error;

/*
 * Every module's settings, as the file sets them. Each struct belongs to
 * its module's header (rules.h, feed.h, poll.h, ingest.h, digest.h,
 * run.h, serve.h); this file only gathers them under one key table, so
 * a module below the front end never sees another's settings.
 */
struct config {
	char			*path;		/* file read; NULL if built in */
	char			*database;	/* NULL: the XDG default */
	char			*lang;		/* fr, en or auto */
	char			*user;		/* serve and run as root: switch */
	int			 legislature;	/* 0: the one running today */
	struct import_conf	 import;
	struct rules_settings	 rules;
	struct feed_settings	 feed;
	struct poll_conf	 poll;
	struct source_conf	*sources;
	size_t			 nsources;
	struct mail_conf	 mail;
	struct serve_conf	 serve;
	struct run_conf		 run;
	struct digest_conf	*digests;
	size_t			 ndigests;
};

/* Fills the built-in defaults. */
void	config_defaults(struct config *);
/* Releases what the config owns; NULL is fine. */
void	config_free(struct config *);
/*
 * Reads a file over the defaults. Returns 0, or -1 with every error in
 * err, one "file:line: message" a line (EXIT_CONFIG; EXIT_NOINPUT when
 * the file cannot be opened).
 */
int	config_load_file(struct config *, const char *path, struct error *);
/*
 * The same from a string; name stands for the file in messages. A
 * [rules] file is not read: only config_load_file follows it.
 */
int	config_load_string(struct config *, const char *text,
	    const char *name, struct error *);
/*
 * Reads a rules file (only [rule ID] sections) into rs->defs, replacing
 * the rules there. Returns 0, or -1 with every "file:line: message" in err
 * (EXIT_CONFIG).
 */
int	config_load_rules_file(struct rules_settings *, const char *path,
	    struct error *);
int	config_load_rules_string(struct rules_settings *, const char *text,
	    const char *name, struct error *);
/* Releases the rules read from a file; back to the built-in ones. */
void	config_free_rules(struct rules_settings *);
/*
 * The file to read: $QETRACKER_CONFIG, $XDG_CONFIG_HOME/qetracker/
 * qetracker.conf, /etc/qetracker.conf, or NULL (built-in defaults) when
 * none exists. The caller frees.
 */
char	*config_find(void);
/* The source of that name, or NULL. */
const struct source_conf *config_source(const struct config *,
	    const char *name);
/* The digest of that name, or NULL. */
const struct digest_conf *config_digest(const struct config *,
	    const char *name);
/* What each module below the front end reads of the configuration. */
struct site_settings	config_site(const struct config *);
struct digest_settings	config_digest_settings(const struct config *);
struct poll_settings	config_poll(const struct config *);
/* Writes every key with its value, as a config file would hold it. */
void	config_dump(const struct config *, FILE *);

#endif
