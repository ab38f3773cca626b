/* fuzz_scenario.c: scenario files as the TUI's :load reads them (a Lua
 * scenario preset, or JSON when the input starts with '{'), built and
 * evaluated. */
#include <stdlib.h>

#include "core/eval.h"
#include "fuzz.h"
#include "scenario/setup.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_file(data, size, size > 0 && data[0] == '{' ? ".json" : ".lua");
	char *cause = NULL, *notes = NULL;
	Setup s;
	Scenario sc;
	Result r;

	setup_init(&s);
	if (setup_load_scenario(fuzz_catalog(), path, &s, &cause) == 0 &&
	    setup_build(fuzz_catalog(), &s, &sc, &notes, &cause) == 0)
		eval_run(&sc, &r);
	free(cause);
	free(notes);
	setup_fini(&s);
	return 0;
}
