/* jsonutil.c: see jsonutil.h. */
#include "jsonutil.h"

#include <math.h>

#include "util/xmalloc.h"

void
json_add_num(cJSON *o, const char *k, double v)
{
	if (isfinite(v))
		cJSON_AddNumberToObject(o, k, v);
	else
		cJSON_AddNullToObject(o, k);
}

char *
json_print_delete(cJSON *root, int pretty)
{
	char *text = pretty ? cJSON_Print(root) : cJSON_PrintUnformatted(root);
	cJSON_Delete(root);
	if (!text)
		fatal("out of memory printing JSON");
	char *copy = xstrdup(text);
	cJSON_free(text);
	return copy;
}
