/* fuzz_hfconfig.c: the config.json importer (src/io/hfconfig.c). */
#include <stdlib.h>

#include "fuzz.h"
#include "io/hfconfig.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_text(data, size), *cause = NULL;
	Model m;

	if (hfconfig_parse(text, "fuzz.json", "fuzz", &m, &cause) != 0)
		free(cause);
	free(text);
	return 0;
}
