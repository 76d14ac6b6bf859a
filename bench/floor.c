/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * floor.c: the floor an import is compared against: the same dump only
 * inflated and JSON-parsed, entry by entry, on one thread, with nothing
 * stored. Prints the entries, the bytes inflated and the seconds taken.
 * It parses as the import does (yajl into jtree.c's tree), or with
 * --jansson as the import did until 2026-12 (a tree of hash tables). An
 * entry larger than 4 MB (the single-file archive) is streamed as the
 * import streams it, one question at a time.
 *
 * --inflate-zlib and --inflate-libdeflate only inflate, through libzip's
 * zlib or as the import does (libdeflate over the stored bytes, the
 * CRC-32 checked): what the choice of inflater saves.
 *
 * usage: bench-floor [--jansson | --inflate-zlib | --inflate-libdeflate]
 *        DUMP.zip
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>
#include <libdeflate.h>
#include <zip.h>

#include "jtree.h"

#define STREAM_JSON	(4L << 20)	/* as ingest.c */

static ssize_t
zread(void *cookie, void *buf, size_t size)
{
	zip_int64_t	n = zip_fread(cookie, buf, size);

	return n < 0 ? -1 : (ssize_t)n;
}

static int
count_item(size_t i, const struct jt *v, void *arg)
{
	(void)i;
	(void)v;
	(*(size_t *)arg)++;
	return 0;
}

static const char *const archive_path[] = { "questionsEcrites", "question" };

static double
now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int
main(int argc, char *argv[])
{
	zip_t		*za;
	zip_int64_t	 i, n;
	size_t		 cap = 0, total = 0, entries = 0;
	char		*buf = NULL;
	double		 t0 = now();
	int		 ze, use_jansson = 0, inflate_only = 0;
	struct libdeflate_decompressor *d = libdeflate_alloc_decompressor();
	char		*raw = NULL;
	size_t		 rawcap = 0;

	if (argc == 3 && strcmp(argv[1], "--jansson") == 0)
		use_jansson = 1;
	else if (argc == 3 && strcmp(argv[1], "--inflate-zlib") == 0)
		inflate_only = 1;
	else if (argc == 3 && strcmp(argv[1], "--inflate-libdeflate") == 0)
		inflate_only = 2;
	else if (argc != 2) {
		fprintf(stderr, "usage: bench-floor [--jansson | --inflate-zlib "
		    "| --inflate-libdeflate] DUMP.zip\n");
		return 64;
	}
	if (argc == 3) {
		argv++;
		argc--;
	}
	if ((za = zip_open(argv[1], ZIP_RDONLY, &ze)) == NULL) {
		fprintf(stderr, "bench-floor: %s: cannot open (%d)\n", argv[1],
		    ze);
		return 66;
	}
	n = zip_get_num_entries(za, 0);
	for (i = 0; i < n; i++) {
		zip_stat_t	 zs;
		zip_file_t	*zf;
		zip_int64_t	 r;
		size_t		 got = 0, items = 0;
		json_t		*root = NULL;
		json_error_t	 je;
		struct jt_doc	*doc = NULL;
		struct jt_error	 jte;
		char		 msg[200];
		int		 ok;

		if (zip_stat_index(za, (zip_uint64_t)i, 0, &zs) == -1 ||
		    (zs.name != NULL && strstr(zs.name, ".json") == NULL))
			continue;
		if (zs.size > STREAM_JSON && !use_jansson && !inflate_only) {
			if ((zf = zip_fopen_index(za, (zip_uint64_t)i,
			    0)) == NULL)
				break;
			ok = jt_stream(zread, zf, archive_path, 2, 16 << 20,
			    count_item, &items, &got, msg, sizeof(msg)) ==
			    JT_OK;
			zip_fclose(zf);
			if (!ok) {
				fprintf(stderr, "bench-floor: %s: %s\n",
				    argv[1], msg);
				return 65;
			}
			total += zs.size;
			entries += items;
			continue;
		}
		if (zs.size + 1 > cap) {
			cap = zs.size + 1;
			buf = realloc(buf, cap);
		}
		if (inflate_only == 2 && zs.comp_method == ZIP_CM_DEFLATE) {
			size_t	out = 0;

			if (zs.comp_size > rawcap) {
				rawcap = zs.comp_size;
				raw = realloc(raw, rawcap);
			}
			if ((zf = zip_fopen_index(za, (zip_uint64_t)i,
			    ZIP_FL_COMPRESSED)) == NULL)
				break;
			while ((r = zip_fread(zf, raw + got, rawcap - got)) > 0)
				got += (size_t)r;
			zip_fclose(zf);
			if (libdeflate_deflate_decompress(d, raw, got, buf,
			    zs.size, &out) != LIBDEFLATE_SUCCESS ||
			    out != zs.size ||
			    libdeflate_crc32(0, buf, out) != zs.crc) {
				fprintf(stderr, "bench-floor: %s: entry %lld "
				    "is bad\n", argv[1], (long long)i);
				return 65;
			}
			total += out;
			entries++;
			continue;
		}
		if ((zf = zip_fopen_index(za, (zip_uint64_t)i, 0)) == NULL)
			break;
		while ((r = zip_fread(zf, buf + got, cap - got)) > 0)
			got += (size_t)r;
		zip_fclose(zf);
		ok = r == 0 && (inflate_only || (use_jansson ? (root =
		    json_loadb(buf, got, 0, &je)) != NULL : jt_parse(buf, got,
		    &doc, &jte) != NULL));
		if (!ok) {
			fprintf(stderr, "bench-floor: %s: entry %lld is bad\n",
			    argv[1], (long long)i);
			zip_discard(za);
			free(buf);
			return 65;
		}
		if (root != NULL)
			json_decref(root);
		jt_doc_free(doc);
		total += got;
		entries++;
	}
	zip_discard(za);
	free(buf);
	free(raw);
	libdeflate_free_decompressor(d);
	printf("%zu entries, %zu bytes, %.3f s\n", entries, total, now() - t0);
	return 0;
}
