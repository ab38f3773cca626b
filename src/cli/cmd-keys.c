/* cmd-keys.c: the hidden `shardlab --list-keys WHAT`: the scenario-key
 * table (core/params.h), the search options (core/searchopts.h), the check
 * table (check_def) and the field table (core/fields.h) as the man pages'
 * generated sections (scripts/gen-man rewrites them, tests/cli/man.sh
 * diffs them).  The pages
 * hold the output between ".\" BEGIN generated" and ".\" END generated"
 * lines; tests/cli/keys.sh diffs them, so a new key is one table row. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "core/eval.h"
#include "core/params.h"
#include "core/searchopts.h"

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
	roff_dashed(f, d->help, false);
	if (d->type == PARAM_T_STRING) {
		if (d->def_text) {
			fputs("; default ", f);
			roff_dashed(f, d->def_text, false);
		}
	} else {
		fprintf(f, " (%s; ", *d->unit ? d->unit : "count");
		fprintf(f, d->integer ? "%.0f..%.0f" : "%g..%g", d->min, d->max);
		if (d->def_text) {
			fputs("; default ", f);
			roff_dashed(f, d->def_text, false);
		} else if (d != param_def(PARAM_GPUS))
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

/* The search-option table: the CLI's rows for shardlab(1) SEARCH OPTIONS
 * (search), the Lua rows for shardlab-lua(7) shardlab.search (lua-search). */
static void
list_search(bool lua)
{
	SearchQuery q;

	search_query_init(&q);
	for (int i = 0; i < SOPT_COUNT; i++) {
		const SearchOptDef *d = search_opt_def((SearchOptId)i);
		if (!(d->fronts & (lua ? SOPT_LUA : SOPT_CLI)))
			continue;
		printf(".TP\n");
		if (lua) {
			printf(".B %s\n", d->lua);
		} else {
			printf(d->arg ? ".BI \\-\\-" : ".B \\-\\-");
			roff_dashed(stdout, d->name, false);
			if (d->arg)
				printf(" \" %s\"", d->arg);
			printf("\n");
		}
		if (lua && d->type == SOPT_T_FLAG) {
			/* what the boolean means, and its default */
			bool on_by_default = d->lua_negates || (i == SOPT_CHECKS && q.checks);
			printf("%s: ", d->lua_negates ? "false" : "true");
			roff_dashed(stdout, d->help, false);
			printf(" (default %s)", on_by_default ? "true" : "false");
		} else {
			roff_dashed(stdout, d->help, false);
		}
		if (d->type == SOPT_T_INT || d->type == SOPT_T_REAL)
			printf("; %.10g..%.10g", d->min, d->max);
		printf(".\n");
	}
}

/* The check table (core/eval.h check_def) for shardlab(1) CHECKS: one entry
 * per row, its severity, structural flag and summary, in table order. */
static void
list_checks(void)
{
	for (int id = 0; id < CHECK_COUNT; id++) {
		const CheckDef *d = check_def((CheckId)id);
		/* the summary is prose: its hyphens stay hyphens */
		printf(".TP\n.B %s\n(%s%s) %s.\n", d->id, severity_name(d->severity),
		    d->structural ? ", structural" : "", d->summary);
	}
}

int
cli_list_keys(const char *what)
{
	bool lua = strcmp(what, "lua") == 0;

	if (strcmp(what, "checks") == 0) {
		list_checks();
		return EXIT_OK;
	}
	if (strcmp(what, "figures") == 0) {
		cli_fields_man();
		return EXIT_OK;
	}

	if (strcmp(what, "search") == 0 || strcmp(what, "lua-search") == 0) {
		list_search(what[0] == 'l');
		return EXIT_OK;
	}
	if (strcmp(what, "names") == 0) {
		for (int p = 0; p < PARAM_KEY_COUNT; p++)
			printf("%s\n", param_def((ParamId)p)->name);
		return EXIT_OK;
	}
	if (!lua && strcmp(what, "man") != 0) {
		cli_error("--list-keys %s: must be man, lua, search, lua-search, checks, figures or names", what);
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
