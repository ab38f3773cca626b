/* fuzz_plan.c: the plan parser, JSON and Lua (src/io/plan.c,
 * src/scenario/plan_lua.c): an input starting with '{' is a JSON plan, any
 * other a Lua plan run in the sandbox. */
#include <stdlib.h>

#include "fuzz.h"
#include "io/plan.h"
#include "scenario/plan_lua.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *cause = NULL;
	Plan p;
	int rc;

	if (size > 0 && data[0] == '{') {
		char *text = fuzz_text(data, size);
		rc = plan_parse_json(text, "fuzz.json", &p, &cause);
		free(text);
	} else {
		rc = plan_load_lua(fuzz_file(data, size, ".lua"), &p, &cause);
	}
	if (rc == 0)
		plan_free(&p);
	else
		free(cause);
	return 0;
}
