/* options.c: the scenario options shared by eval, search, audit, run and
 * tui, built from the scenario-key table (core/params.c), parsed with
 * getopt_long and applied with setup_apply. */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "core/params.h"
#include "scenario/engine.h"
#include "util/xmalloc.h"

/* --lua-budget at most 1e12 instructions (hours of Lua): a bigger number is a typo */
#define LUA_BUDGET_MAX 1000000000000L

void
cli_error(const char *fmt, ...)
{
	va_list ap;

	fputs("shardlab: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

enum {
	OPT_JSON = 1000, OPT_EXPLAIN, OPT_HELP, OPT_PRESET, OPT_NO_COLOR, OPT_NO_MOUSE, OPT_CHECK,
	OPT_LUA_BUDGET, OPT_UNSAFE, OPT_FORMAT, OPT_FROM_COMMAND, OPT_EMIT, OPT_CHART, OPT_NO_CALIBRATION,
	OPT_HELD_OUT, OPT_DRY_RUN,
	OPT_KEY = 3000          /* + ParamId */
};

static char *
dashed(const char *key)
{
	char *s = xstrdup(key);
	for (char *p = s; *p; p++)
		if (*p == '_')
			*p = '-';
	return s;
}

void
cli_print_scenario_options(FILE *f)
{
	fprintf(f, "Scenario options (the base is presets/default.lua, or --preset NAME):\n");
	fprintf(f, "  --preset NAME           a scenario preset (presets/NAME.lua or a .lua path)\n");
	fprintf(f, "  --from-command 'CMD'    the keys of a vllm serve, sglang serve (or python -m\n"
	    "                          sglang.launch_server), trtllm-serve or trtllm-bench line\n");
	fprintf(f, "  --emit ENGINE           print the vllm, sglang or trtllm command (per node)\n");
	fprintf(f, "  --no-calibration        ignore the calibration preset of the GPU and engine\n"
	    "                          (written by shardlab calibrate)\n");
	for (int p = PARAM_COUNT; p < PARAM_KEY_COUNT; p++) {
		const ParamDef *def = param_def((ParamId)p);
		char *d = dashed(def->name);
		char left[48];
		snprintf(left, sizeof left, "--%s %s", d, def->arg);
		fprintf(f, "  %-23s %s\n", left, def->help);
		free(d);
	}
	for (int p = 0; p < PARAM_COUNT; p++) {
		const ParamDef *def = param_def((ParamId)p);
		char *d = dashed(def->name);
		char left[48];
		snprintf(left, sizeof left, "--%s %s", d, def->arg);
		fprintf(f, def->integer ? "  %-23s %s (%s; %.0f..%.0f)\n" : "  %-23s %s (%s; %g..%g)\n",
		    left, def->help, *def->unit ? def->unit : "count", def->min, def->max);
		free(d);
	}
}

/* --from-command TEXT: the engine command's flags as scenario keys, applied
 * in place in the same edit; what it does not model is said on stderr. */
static int
apply_command(const Catalog *c, Setup *st, SetupEdit *edit, const char *text)
{
	EngineRead r;
	char *cause = NULL;

	if (engine_read(c, text, &r, &cause) != 0) {
		cli_error("--from-command: %s", cause);
		free(cause);
		return -1;
	}
	const EngineDef *d = engine_def(r.engine);
	int rc = setup_apply(st, edit, "runtime", d->runtime, 0, &cause);
	for (int i = 0; i < r.n_keys && rc == 0; i++) {
		rc = setup_apply(st, edit, param_def(r.keys[i].key)->name, r.keys[i].text, 0, &cause);
		if (rc != 0)
			cli_error("--from-command: %s %s: %s", r.keys[i].flag, r.keys[i].text,
			    setup_cause_why(cause));
	}
	if (rc == 0 && r.ignored)
		fprintf(stderr, "shardlab: note: --from-command (%s): ignored, not modelled: %s\n",
		    d->label, r.ignored);
	if (rc == 0 && r.notes)
		fprintf(stderr, "shardlab: note: --from-command: %s\n", r.notes);
	free(cause);
	engine_read_free(&r);
	return rc;
}

/* --emit ENGINE evaluates the scenario on that engine's runtime. */
static int
emit_runtime(Setup *st, SetupEdit *edit, EngineId id)
{
	const char *rt = engine_def(id)->runtime;
	char *cause = NULL;

	if (st->runtime && strcmp(st->runtime, rt) == 0)
		return 0;
	if (edit->given[PARAM_RUNTIME])
		fprintf(stderr, "shardlab: note: --emit %s: evaluated on runtime %s (not %s)%s\n",
		    engine_def(id)->name, rt, st->runtime ? st->runtime : "?", st->set[PARAM_MEM_UTIL] ?
		    "; mem_util kept, which this engine reads as its own memory fraction" : "");
	if (setup_apply(st, edit, "runtime", rt, 0, &cause) != 0) {
		cli_error("--emit %s: %s", engine_def(id)->name, cause);
		free(cause);
		return -1;
	}
	return 0;
}

int
cli_parse(const Catalog *c, const char *cmd, int argc, char **argv, CliOptions *o)
{
	int n = 0, rc = -1;
	static const struct option fixed[] = {
		{ "json", no_argument, NULL, OPT_JSON },
		{ "explain", optional_argument, NULL, OPT_EXPLAIN },
		{ "help", no_argument, NULL, OPT_HELP },
		{ "preset", required_argument, NULL, OPT_PRESET },
		{ "no-color", no_argument, NULL, OPT_NO_COLOR },
		{ "no-mouse", no_argument, NULL, OPT_NO_MOUSE },
		{ "check", required_argument, NULL, OPT_CHECK },
		{ "lua-budget", required_argument, NULL, OPT_LUA_BUDGET },
		{ "unsafe", no_argument, NULL, OPT_UNSAFE },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "from-command", required_argument, NULL, OPT_FROM_COMMAND },
		{ "emit", required_argument, NULL, OPT_EMIT },
		{ "chart", required_argument, NULL, OPT_CHART },
		{ "no-calibration", no_argument, NULL, OPT_NO_CALIBRATION },
		{ "held-out", required_argument, NULL, OPT_HELD_OUT },
		{ "dry-run", no_argument, NULL, OPT_DRY_RUN },
	};
	/* every key, every fixed option and the terminator */
	int cap = PARAM_KEY_COUNT + (int)(sizeof fixed / sizeof fixed[0]) + 1;
	struct option *opts = xcalloc((size_t)cap, sizeof *opts);
	char **names = xcalloc((size_t)cap, sizeof *names);
	const char *preset = NULL;
	char *cause = NULL;

	memset(o, 0, sizeof *o);
	o->emit = -1;
	setup_init(&o->setup);
	for (int p = 0; p < PARAM_KEY_COUNT; p++) {
		names[n] = dashed(param_def((ParamId)p)->name);
		opts[n] = (struct option){ names[n], required_argument, NULL, OPT_KEY + p };
		n++;
	}
	for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
		opts[n++] = fixed[i];
	opts[n] = (struct option){ 0 };

	/* pass 1: the base scenario (--preset) and --help */
	opterr = 0;
	optind = 1;
	for (int ch; (ch = getopt_long(argc, argv, "+h", opts, NULL)) != -1;) {
		if (ch == OPT_PRESET)
			preset = optarg;
		else if (ch == 'h' || ch == OPT_HELP)
			o->help = true;
	}
	if (o->help) {
		rc = 0;
		goto out;
	}
	const char *base = preset ? preset : "default";
	char *found = preset ? NULL : catalog_find(c, PRESET_SCENARIO, "default");
	if ((preset || found) && setup_load_scenario(c, base, &o->setup, &cause) != 0) {
		cli_error("%s", cause);
		free(found);
		goto out;
	}
	free(found);

	/* pass 2: everything else, in order, as one edit (setup.h: the refill rule) */
	SetupEdit edit;
	setup_edit_init(&edit);
	optind = 1;
	for (int ch; (ch = getopt_long(argc, argv, "+:h", opts, NULL)) != -1;) {
		if (ch >= OPT_KEY && ch < OPT_KEY + PARAM_KEY_COUNT) {
			const char *key = param_def((ParamId)(ch - OPT_KEY))->name;
			if (setup_apply(&o->setup, &edit, key, optarg, 0, &cause) != 0) {
				char *d = dashed(key);
				/* "bad value for 'tp': must be >= 1" -> "--tp 0: must be >= 1" */
				cli_error("--%s %s: %s", d, optarg, setup_cause_why(cause));
				free(d);
				goto out;
			}
			continue;
		}
		switch (ch) {
		case OPT_JSON: o->json = true; break;
		case OPT_EXPLAIN:
			o->explain = true;
			free(o->explain_path);
			o->explain_path = optarg ? xstrdup(optarg) : NULL;
			break;
		case OPT_PRESET: break;
		case OPT_NO_COLOR: o->no_color = true; break;
		case OPT_NO_MOUSE: o->no_mouse = true; break;
		case OPT_CHECK:
			o->checks = xrealloc(o->checks, (size_t)(o->n_checks + 1) * sizeof *o->checks);
			o->checks[o->n_checks++] = xstrdup(optarg);
			break;
		case OPT_LUA_BUDGET: {
			char *end;
			errno = 0;
			long v = strtol(optarg, &end, 10);
			if (end == optarg || *end || v < 1000 || v > LUA_BUDGET_MAX || errno == ERANGE) {
				cli_error("--lua-budget %s: must be a whole number in 1000..%ld", optarg,
				    (long)LUA_BUDGET_MAX);
				goto out;
			}
			o->lua_budget = v;
			break;
		}
		case OPT_UNSAFE: o->unsafe = true; break;
		case OPT_FORMAT:
			if (strcmp(optarg, "text") && strcmp(optarg, "markdown") && strcmp(optarg, "json")) {
				cli_error("--format %s: must be text, markdown or json", optarg);
				goto out;
			}
			o->format = optarg;
			break;
		case OPT_FROM_COMMAND:
			if (apply_command(c, &o->setup, &edit, optarg) != 0)
				goto out;
			break;
		case OPT_EMIT:
			if (strcmp(cmd, "eval") != 0 && strcmp(cmd, "search") != 0) {
				cli_error("--emit: for eval and search (in the workbench, :emit ENGINE)");
				goto out;
			}
			if ((o->emit = engine_find(optarg)) < 0) {
				cli_error("--emit %s: must be vllm, sglang or trtllm", optarg);
				goto out;
			}
			break;
		case OPT_CHART:
			/* search's --chart is its own (the search-option table) */
			if (strcmp(cmd, "eval") != 0) {
				cli_error("--chart: for eval (memory per stage) and search (the Pareto front)");
				goto out;
			}
			o->chart = optarg;
			break;
		case OPT_NO_CALIBRATION: o->setup.no_calibration = true; break;
		case OPT_HELD_OUT: case OPT_DRY_RUN:
			if (strcmp(cmd, "calibrate") != 0) {
				cli_error("--%s: for calibrate", ch == OPT_DRY_RUN ? "dry-run" : "held-out");
				goto out;
			}
			if (ch == OPT_DRY_RUN) {
				o->dry_run = true;
				break;
			}
			o->held_out = xrealloc(o->held_out, (size_t)(o->n_held_out + 1) * sizeof *o->held_out);
			o->held_out[o->n_held_out++] = optarg;
			break;
		case ':':
			cli_error("%s: needs a value; see 'shardlab %s --help'", argv[optind - 1], cmd);
			goto out;
		default:
			cli_error("%s: unknown option; see 'shardlab %s --help'", argv[optind - 1], cmd);
			goto out;
		}
	}
	/* The base scenario's layout belongs to its hardware: on another model
	 * or cluster without --tp/--pp/--dp, fill them afresh (setup_build
	 * says what it chose) instead of keeping TP 8. */
	if (o->emit >= 0 && emit_runtime(&o->setup, &edit, (EngineId)o->emit) != 0)
		goto out;
	setup_edit_finish(&o->setup, &edit);
	memcpy(o->given, edit.given, sizeof o->given);
	o->args = argv + optind;
	o->n_args = argc - optind;
	rc = 0;
out:
	free(cause);
	for (int i = 0; i < PARAM_KEY_COUNT; i++)
		free(names[i]);
	free(names);
	free(opts);
	return rc;
}

void
cli_options_fini(CliOptions *o)
{
	setup_fini(&o->setup);
	free(o->explain_path);
	for (int i = 0; i < o->n_checks; i++)
		free(o->checks[i]);
	free(o->checks);
	free(o->held_out);
	memset(o, 0, sizeof *o);
}
