/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * floor.c: the floor an import is compared against: the same dump only
 * inflated and JSON-parsed, entry by entry, on one thread, with nothing
 * stored. Prints the entries, the bytes inflated and the seconds taken.
 *
 * usage: bench-floor DUMP.zip
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>
#include <zip.h>

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
	int		 ze;

	if (argc != 2) {
		fprintf(stderr, "usage: bench-floor DUMP.zip\n");
		return 64;
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
		size_t		 got = 0;
		json_t		*root;
		json_error_t	 je;

		if (zip_stat_index(za, (zip_uint64_t)i, 0, &zs) == -1 ||
		    (zs.name != NULL && strstr(zs.name, ".json") == NULL))
			continue;
		if (zs.size + 1 > cap) {
			cap = zs.size + 1;
			buf = realloc(buf, cap);
		}
		if ((zf = zip_fopen_index(za, (zip_uint64_t)i, 0)) == NULL)
			break;
		while ((r = zip_fread(zf, buf + got, cap - got)) > 0)
			got += (size_t)r;
		zip_fclose(zf);
		if (r < 0 || (root = json_loadb(buf, got, 0, &je)) == NULL) {
			fprintf(stderr, "bench-floor: %s: entry %lld is bad\n",
			    argv[1], (long long)i);
			zip_discard(za);
			free(buf);
			return 65;
		}
		json_decref(root);
		total += got;
		entries++;
	}
	zip_discard(za);
	free(buf);
	printf("%zu entries, %zu bytes, %.3f s\n", entries, total, now() - t0);
	return 0;
}
