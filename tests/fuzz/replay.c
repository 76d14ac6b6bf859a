/* SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors. */
/*
 * The fuzz harnesses as plain tests: each file named (or found in a
 * folder named) on the command line goes through the harness once, in
 * every build, so that a regression a fuzzer found once stays found
 * without clang's fuzzer runtime. A harness aborts on what it checks;
 * the sanitizer builds catch the rest. Prints "N inputs" and exits 0.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static unsigned long	inputs;

static int
replay_file(const char *path)
{
	FILE	*fp = fopen(path, "rb");
	uint8_t	*data;
	long	 n;

	if (fp == NULL || fseek(fp, 0, SEEK_END) == -1 || (n = ftell(fp)) < 0 ||
	    fseek(fp, 0, SEEK_SET) == -1) {
		fprintf(stderr, "replay: %s: cannot read\n", path);
		if (fp != NULL)
			fclose(fp);
		return -1;
	}
	data = malloc((size_t)n + 1);
	if (data == NULL || fread(data, 1, (size_t)n, fp) != (size_t)n) {
		fprintf(stderr, "replay: %s: short read\n", path);
		free(data);
		fclose(fp);
		return -1;
	}
	fclose(fp);
	LLVMFuzzerTestOneInput(data, (size_t)n);
	free(data);
	inputs++;
	return 0;
}

static int
replay(const char *path, int depth)
{
	struct dirent	**names;
	struct stat	  sb;
	int		  i, n, rc = 0;

	if (stat(path, &sb) == -1) {
		fprintf(stderr, "replay: %s: no such file\n", path);
		return -1;
	}
	if (!S_ISDIR(sb.st_mode))
		return replay_file(path);
	if (depth > 4 || (n = scandir(path, &names, NULL, alphasort)) < 0)
		return -1;
	for (i = 0; i < n; i++) {
		if (names[i]->d_name[0] != '.' && rc == 0) {
			size_t	len = strlen(path) + strlen(names[i]->d_name) + 2;
			char	*sub = malloc(len);

			if (sub == NULL)
				rc = -1;
			else {
				snprintf(sub, len, "%s/%s", path,
				    names[i]->d_name);
				rc = replay(sub, depth + 1);
				free(sub);
			}
		}
		free(names[i]);
	}
	free(names);
	return rc;
}

int
main(int argc, char *argv[])
{
	int	i;

	for (i = 1; i < argc; i++) {
		/* A folder that may be absent (../shared) is marked "?". */
		if (argv[i][0] == '?') {
			struct stat	sb;

			if (stat(argv[i] + 1, &sb) == -1)
				continue;
			argv[i]++;
		}
		if (replay(argv[i], 0) == -1)
			return 1;
	}
	printf("%lu inputs\n", inputs);
	return inputs > 0 ? 0 : 1;
}
