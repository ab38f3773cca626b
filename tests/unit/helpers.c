/* helpers.c: see helpers.h. */
#include "helpers.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/catalog.h"
#include "scenario/setup.h"

void
scenario_from(Scenario *s, ...)
{
	Catalog c;
	Setup st;
	va_list ap;
	char *cause = NULL, *notes = NULL;

	catalog_init(&c);
	setup_init(&st);
	va_start(ap, s);
	for (const char *kv; (kv = va_arg(ap, const char *)) != NULL;) {
		char key[64];
		const char *eq = strchr(kv, '=');
		snprintf(key, sizeof key, "%.*s", (int)(eq - kv), kv);
		if (setup_set(&st, key, eq + 1, &cause) != 0) {
			fprintf(stderr, "test setup: %s\n", cause);
			exit(2);
		}
	}
	va_end(ap);
	if (setup_build(&c, &st, s, &notes, &cause) != 0) {
		fprintf(stderr, "test setup: %s\n", cause);
		exit(2);
	}
	free(notes);
	setup_fini(&st);
	catalog_fini(&c);
}

const Check *
check_find(const Result *r, CheckId id)
{
	for (int i = 0; i < r->n_checks; i++)
		if (r->checks[i].id == id)
			return &r->checks[i];
	return NULL;
}
