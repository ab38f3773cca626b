/* cmd-keys.c: the hidden `shardlab --list-keys WHAT`: the scenario-key
 * table (core/params.h) as the man pages' generated sections.  The pages
 * hold the output between ".\" BEGIN generated" and ".\" END generated"
 * lines; tests/cli/keys.sh diffs them, so a new key is one table row. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "core/params.h"

/* A name or value in roff: '-' as \-, so that man does not break or
 * hyphenate it. */
static void
roff_dashed(FILE *f, const char *s, bool underscores_as_dashes)
{
	for (; *s; s++) {
		if (*s == '-' || (underscores_as_dashes && *s == '_'))
			fputs("\\-", f);
		else
			fputc(*s, f);
	}
}

static void
key_text(FILE *f, const ParamDef *d)
{
	fputs(d->help, f);
	if (d->type == PARAM_T_STRING) {
		if (d->def_text)
			fprintf(f, "; default %s", d->def_text);
	} else {
		fprintf(f, " (%s; ", *d->unit ? d->unit : "count");
		fprintf(f, d->integer ? "%.0f..%.0f" : "%g..%g", d->min, d->max);
		if (d->def_text)
			fprintf(f, "; default %s", d->def_text);
		else if (d != param_def(PARAM_GPUS))
			fprintf(f, d->integer ? "; default %.0f" : "; default %g", d->def);
		fputc(')', f);
	}
	fputs(".", f);
	if (d->alias)
		fprintf(f, " Presets also spell it %s.", d->alias);
	if (d->hardware)
		fputs(" Changes the hardware: TP, PP, DP and EP not given with it are filled afresh.", f);
	fputc('\n', f);
}

int
cli_list_keys(const char *what)
{
	bool lua = strcmp(what, "lua") == 0;

	if (strcmp(what, "names") == 0) {
		for (int p = 0; p < PARAM_KEY_COUNT; p++)
			printf("%s\n", param_def((ParamId)p)->name);
		return EXIT_OK;
	}
	if (!lua && strcmp(what, "man") != 0) {
		cli_error("--list-keys %s: must be man, lua or names", what);
		return EXIT_USAGE;
	}
	for (int p = 0; p < PARAM_KEY_COUNT; p++) {
		const ParamDef *d = param_def((ParamId)p);
		printf(".TP\n");
		if (lua) {
			printf(".B %s\n", d->name);
		} else {
			printf(".BI \\-\\-");
			roff_dashed(stdout, d->name, true);
			printf(" \" ");
			roff_dashed(stdout, d->arg, false);
			printf("\"\n");
		}
		key_text(stdout, d);
	}
	return EXIT_OK;
}
