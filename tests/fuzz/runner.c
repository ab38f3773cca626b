/* runner.c: a plain main() that feeds every file named on the command line
 * (or found in a directory named there) to LLVMFuzzerTestOneInput once:
 * how `make test` replays the corpora without libFuzzer (gcc).  Options
 * starting with '-' (libFuzzer's) are ignored. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"
#include "util/xmalloc.h"

static int ran;

static void
run_file(const char *path)
{
	char *cause = NULL;
	FILE *f = fopen(path, "rb");
	size_t cap = 1 << 16, len = 0, got;
	uint8_t *buf;

	if (!f) {
		fprintf(stderr, "runner: %s: cannot open\n", path);
		exit(2);
	}
	buf = xmalloc(cap);
	while ((got = fread(buf + len, 1, cap - len, f)) > 0) {
		len += got;
		if (len == cap)
			buf = xrealloc(buf, cap *= 2);
	}
	fclose(f);
	(void)cause;
	LLVMFuzzerTestOneInput(buf, len);
	free(buf);
	ran++;
}

int
main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		struct stat st;
		if (argv[i][0] == '-')
			continue;
		if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			DIR *d = opendir(argv[i]);
			struct dirent *e;
			while (d && (e = readdir(d))) {
				if (e->d_name[0] == '.')
					continue;
				char *p = xasprintf("%s/%s", argv[i], e->d_name);
				run_file(p);
				free(p);
			}
			if (d)
				closedir(d);
		} else {
			run_file(argv[i]);
		}
	}
	printf("runner: %d inputs, no crash\n", ran);
	return 0;
}
