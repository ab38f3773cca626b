/* fuzz_engine.c: engine command lines in (src/scenario/engine.c): the
 * shell splitter, the engine's leading words and each flag table. */
#include <stdlib.h>

#include "fuzz.h"
#include "scenario/engine.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *cause = NULL, *text = fuzz_text(data, size);
	EngineRead r;

	if (engine_read(fuzz_catalog(), text, &r, &cause) == 0)
		engine_read_free(&r);
	else
		free(cause);
	free(text);
	return 0;
}
