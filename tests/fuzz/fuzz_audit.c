/* fuzz_audit.c: a JSON plan parsed and audited in full (plan_audit: the
 * scenarios built, evaluated, every claim judged, the best layout found). */
#include <stdlib.h>

#include "core/audit.h"
#include "fuzz.h"
#include "io/plan.h"
#include "scenario/plan_lua.h"
#include "util/xmalloc.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_text(data, size), *cause = NULL;
	Plan p;

	if (plan_parse_json(text, "fuzz.json", &p, &cause) == 0) {
		AuditReport *out = xcalloc(1, sizeof *out);
		if (plan_audit(fuzz_catalog(), &p, out, &cause) != 0)
			free(cause);
		free(out);
		plan_free(&p);
	} else {
		free(cause);
	}
	free(text);
	return 0;
}
