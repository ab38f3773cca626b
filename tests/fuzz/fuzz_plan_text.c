/* fuzz_plan_text.c: the text-plan extractor (src/scenario/plan_text*.c):
 * any bytes as a Markdown/plain-text plan -> the plan tree, its --extract
 * JSON, and the tree read back as a Plan (plan_from_node), with the
 * --explain-extraction text. */
#include <stdlib.h>

#include "fuzz.h"
#include "io/plan.h"
#include "scenario/plan_text.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *cause = NULL, *explain = NULL, *text = fuzz_text(data, size);
	PlanNode tree;
	Plan p;

	if (plan_text_extract(fuzz_catalog(), text, "fuzz.md", &tree, &explain, &cause) == 0) {
		char *json = plan_node_json(&tree);
		free(json);
		if (plan_from_node(&tree, "fuzz.md", &p, &cause) == 0)
			plan_free(&p);
		else
			free(cause);
		plan_node_free(&tree);
		free(explain);
	} else {
		free(cause);
	}
	free(text);
	return 0;
}
