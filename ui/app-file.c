/* app-file.c: the scenario to and from files: `:save` (Lua or JSON),
 * the scenario as text. */
#include "app.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/report.h"
#include "core/params.h"
#include "io/scenario_json.h"
#include "util/xmalloc.h"

/* ---- files ------------------------------------------------------------ */

/* The scenario as keys (the key table's walk, scenario/setup.h). */
static int
scenario_keys(const App *a, JsonKey **out)
{
	return setup_keys(&a->setup, a->s, out);
}

/* A Lua string literal. */
static void
lua_quote(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", f);
		else if (c < 0x20 || c == 0x7f)
			fprintf(f, "\\%03d", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

/* The shortest decimal that reads back as v. */
static void
lua_number(FILE *f, double v)
{
	char buf[64];
	for (int prec = 6; prec <= 17; prec++) {
		snprintf(buf, sizeof buf, "%.*g", prec, v);
		if (strtod(buf, NULL) == v)
			break;
	}
	fputs(buf, f);
}

char *
app_scenario_text(const App *a, bool json)
{
	JsonKey *k;
	int n = scenario_keys(a, &k);
	char *text = NULL;
	size_t len = 0;

	if (json) {
		text = scenario_json_write(k, n);
	} else {
		FILE *f = open_memstream(&text, &len);
		bool slo_open = false;
		if (!f)
			fatal("open_memstream failed");
		fprintf(f, "-- A shardlab scenario saved by the workbench (the format of\n"
		    "-- docs/PRESET-FORMAT.md).  Open it with `shardlab tui FILE`, evaluate it\n"
		    "-- with `shardlab eval --preset FILE`.\nreturn {\n");
		for (int i = 0; i < n; i++) {
			if (k[i].in_slo && !slo_open) {
				fprintf(f, "  slo = {\n");
				slo_open = true;
			}
			fprintf(f, "%s%s = ", slo_open ? "    " : "  ", k[i].key);
			if (k[i].str)
				lua_quote(f, k[i].str);
			else
				lua_number(f, k[i].num);
			fprintf(f, ",\n");
		}
		if (slo_open)
			fprintf(f, "  },\n");
		fprintf(f, "}\n");
		if (fclose(f) != 0)
			fatal("writing a scenario in memory failed");
	}
	scenario_json_free(k, n);
	return text;
}

static bool
ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && strcmp(s + a - b, suffix) == 0;
}

int
app_save(App *a, const char *path, char **cause)
{
	if (!path || !*path)
		path = a->file;
	if (!path) {
		*cause = xasprintf("save: no file yet; give one (:save NAME.lua or NAME.json)");
		return -1;
	}
	char *text = app_scenario_text(a, ends_with(path, ".json"));
	char *p = xstrdup(path);      /* path may be a->file */
	int rc = write_file_atomic(p, text, strlen(text), cause);
	free(text);
	if (rc != 0) {
		free(p);
		return -1;
	}
	free(a->file);
	a->file = p;
	free(a->label);
	a->label = app_base_name(p);
	a->modified = false;
	app_msg(a, ROLE_OK, "saved %s", p);
	return 0;
}
