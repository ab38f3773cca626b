/* fuzz.c: see fuzz.h. */
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/xmalloc.h"

#ifndef FUZZ_ROOT
#define FUZZ_ROOT "."
#endif

char *
fuzz_text(const uint8_t *data, size_t size)
{
	char *s = xmalloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

const char *
fuzz_file(const uint8_t *data, size_t size, const char *ext)
{
	static char path[128];
	snprintf(path, sizeof path, "/tmp/shardlab-fuzz-%ld%s", (long)getpid(), ext);
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
		abort();
	return path;
}

const Catalog *
fuzz_catalog(void)
{
	static Catalog c;
	static int ready;
	if (!ready) {
		setenv("SHARDLAB_PATH", FUZZ_ROOT, 0);
		catalog_init(&c);
		ready = 1;
	}
	return &c;
}
