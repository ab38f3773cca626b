/* commands.c: the `:` commands; see commands.h. */
#include "commands.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "core/audit.h"
#include "core/explain.h"
#include "core/params.h"
#include "export.h"
#include "ranking.h"
#include "scenario/engine.h"
#include "scenario/report-audit.h"
#include "scenario/plan_lua.h"
#include "util/xmalloc.h"
#include "w-quit.h"
#include "w-text.h"

#define ARGS_MAX 32

/* ---- the commands ----------------------------------------------------- */

/* A key's value now, as :set shows it: numbers from the scenario, names
 * from the setup (or what the scenario was built with). */
static void
key_value(const App *a, ParamId id, char *buf, size_t n)
{
	const Setup *st = &a->setup;
	const Scenario *s = a->s;

	if (id < PARAM_COUNT) {
		snprintf(buf, n, "%.10g", param_get(s, id));
		return;
	}
	const char *v = NULL;
	switch (id) {
	case PARAM_MODEL: v = s->model.name; break;
	case PARAM_CLUSTER: v = st->gpu ? NULL : s->cluster.name; break;
	case PARAM_GPU: v = s->cluster.gpu.name; break;
	case PARAM_RUNTIME: v = s->runtime.name; break;
	case PARAM_DTYPE: v = dtype_name(s->strategy.weight_dtype); break;
	case PARAM_KV_DTYPE: v = dtype_name(s->strategy.kv_dtype); break;
	case PARAM_ACT_DTYPE: v = dtype_name(s->strategy.act_dtype); break;
	case PARAM_STAGE_LAYERS: v = st->stage_layers; break;
	case PARAM_SPEC_METHOD: v = spec_method_name(s->spec.method); break;
	case PARAM_EP_MODE: v = ep_mode_name(s->strategy.ep_mode); break;
	case PARAM_SPEC_MODEL: v = s->spec.has_draft ? s->spec.draft.name : NULL; break;
	case PARAM_GPUS: snprintf(buf, n, "%d", cluster_gpus(&s->cluster)); return;
	default: break;
	}
	snprintf(buf, n, "%s", v ? v : "-");
}

/* One row of the key table with its value: "tp = 8 (tensor-parallel ...)". */
static int
key_line(const App *a, ParamId id, char *buf, size_t n, bool wide)
{
	const ParamDef *d = param_def(id);
	char v[96];

	key_value(a, id, v, sizeof v);
	if (d->type == PARAM_T_STRING)
		return snprintf(buf, n, wide ? "%-20s %-10s %s\n" : "%s = %s (%s)", d->name, v, d->help);
	return snprintf(buf, n, wide ? "%-20s %-10s %s (%s, %.10g..%.10g)\n" : "%s = %s (%s; %s %.10g..%.10g)",
	    d->name, v, d->help, *d->unit ? d->unit : "count", d->min, d->max);
}

static int
param_help(App *a, const char *key)
{
	int id = param_key_find(key);
	char line[512];

	if (id < 0)
		return -1;
	key_line(a, (ParamId)id, line, sizeof line, false);
	app_msg(a, ROLE_INFO, "%s", line);
	return H_REDRAW;
}

static int
cmd_set(App *a, int argc, char **argv, char **cause)
{
	if (argc == 1) {
		/* every key of the table with its value */
		size_t cap = 16384, o = 0;
		char *text = xmalloc(cap);
		text[0] = '\0';
		for (int p = 0; p < PARAM_KEY_COUNT && o < cap; p++) {
			int k = key_line(a, (ParamId)p, text + o, cap - o, true);
			o += k > 0 ? (size_t)k : 0;
		}
		app_show_text(a, ":set KEY VALUE", text);
		free(text);
		return H_REDRAW;
	}
	char *key = argv[1], *value = argc > 2 ? argv[2] : NULL;
	char *eq = strchr(key, '=');
	if (eq && !value) {
		*eq = '\0';
		value = eq + 1;
	}
	/* the label a slider or field shows is the key too: `:set input 4096` */
	int lid = param_label_find(key);
	if (lid >= 0)
		key = (char *)param_def((ParamId)lid)->name;
	if (!value) {
		if (param_help(a, key) < 0) {
			*cause = xasprintf("set: unknown key '%s' (Tab completes keys)", key);
			return -1;
		}
		return H_REDRAW;
	}
	if (app_set(a, key, value, cause) != 0)
		return -1;
	return H_REDRAW | H_RECOMPUTE;
}

/* `:model NAME` and friends: `:set KEY ARG`. */
static int
set_key(App *a, const char *key, const char *value, char **cause)
{
	if (app_set(a, key, value, cause) != 0)
		return -1;
	return H_REDRAW | H_RECOMPUTE;
}

static int
cmd_model(App *a, int argc, char **argv, char **cause)
{
	(void)argc;
	return set_key(a, "model", argv[1], cause);
}

static int
cmd_cluster(App *a, int argc, char **argv, char **cause)
{
	(void)argc;
	return set_key(a, "cluster", argv[1], cause);
}

static int
cmd_runtime(App *a, int argc, char **argv, char **cause)
{
	(void)argc;
	return set_key(a, "runtime", argv[1], cause);
}

static int
cmd_dtype(App *a, int argc, char **argv, char **cause)
{
	(void)argc;
	return set_key(a, "dtype", argv[1], cause);
}

static int
cmd_kvdtype(App *a, int argc, char **argv, char **cause)
{
	(void)argc;
	return set_key(a, "kv_dtype", argv[1], cause);
}

static int
cmd_gpu(App *a, int argc, char **argv, char **cause)
{
	/* both at once: the cluster is built once, with the right count */
	const char *keys[2] = { "gpu", "gpus" };
	const char *values[2] = { argv[1], argc > 2 ? argv[2] : NULL };
	if (app_set_many(a, argc > 2 ? 2 : 1, keys, values, cause) != 0)
		return -1;
	return H_REDRAW | H_RECOMPUTE;
}

static int
cmd_load(App *a, int argc, char **argv, char **cause)
{
	(void)argc;
	if (app_load(a, argv[1], cause) != 0)
		return -1;
	return H_REDRAW | H_RECOMPUTE;
}

static int
cmd_save(App *a, int argc, char **argv, char **cause)
{
	if (app_save(a, argc > 1 ? argv[1] : NULL, cause) != 0)
		return -1;
	if (a->quit_after_save) {
		a->quit = true;
		return H_QUIT;
	}
	return H_REDRAW;
}

static int
cmd_export(App *a, int argc, char **argv, char **cause)
{
	(void)argc;
	return app_export(a, argv[1], cause) != 0 ? -1 : H_REDRAW;
}

static int
cmd_run(App *a, int argc, char **argv, char **cause)
{
	if (app_job_start(a, argv[1], argc - 2, argv + 2, cause) != 0)
		return -1;
	app_show_screen(a, "output");
	app_msg(a, ROLE_MESSAGE, "running %s; Ctrl-C or :stop stops it, m returns to the main screen",
	    argv[1]);
	return H_REDRAW;
}

static int
cmd_search(App *a, int argc, char **argv, char **cause)
{
	RankingQuery q;

	ranking_query_init(&q);
	if (ranking_parse(argc - 1, argv + 1, a->s, &q, cause) != 0)
		return -1;
	if (app_search_start(a, &q, cause) != 0)
		return -1;
	app_show_screen(a, "ranking");
	return H_REDRAW;
}

static int
cmd_audit(App *a, int argc, char **argv, char **cause)
{
	AuditReport *r;
	char title[256];
	(void)argc;

	if (a->job.pid) {
		*cause = xasprintf("audit: %s is running on the output screen (:stop stops it)",
		    a->job.path);
		return -1;
	}
	Plan p;
	if (plan_load(a->cat, argv[1], &p, cause) != 0)
		return -1;
	r = xmalloc(sizeof *r);
	if (plan_audit(a->cat, &p, r, cause) != 0) {
		plan_free(&p);
		free(r);
		return -1;
	}
	app_keep_plan(a, &p);
	plan_free(&p);
	size_t n = audit_format(r, AUDIT_TEXT, NULL, 0) + 1;
	char *text = xmalloc(n);
	audit_format(r, AUDIT_TEXT, text, n);
	int status = audit_exit_status(r);
	/* the file name, not the path: the verdict must fit the message line */
	snprintf(title, sizeof title, "audit %s: %s (exit status %d)", path_file(argv[1]),
	    audit_plan_verdict_name(r->verdict), status);
	app_output_clear(a, title);
	a->out_status = status;
	a->out_from_top = true;
	app_output_append(a, text, strlen(text));
	app_show_screen(a, "output");
	app_msg(a, status ? ROLE_ERROR : ROLE_OK, "%s; L loads its scenario, arrows and PgUp/PgDn scroll, "
	    "m returns", title);
	free(text);
	free(r);
	return H_REDRAW;
}

/* :emit ENGINE: the engine command for the scenario, on the output screen */
static int
cmd_emit(App *a, int argc, char **argv, char **cause)
{
	int id = engine_find(argv[1]);
	char title[128];
	(void)argc;

	if (id < 0) {
		*cause = xasprintf("emit: '%s': one of vllm, sglang, trtllm", argv[1]);
		return -1;
	}
	if (a->job.pid) {
		*cause = xasprintf("emit: %s is running on the output screen (:stop stops it)", a->job.path);
		return -1;
	}
	char *text = engine_emit(a->cat, a->s, (EngineId)id, cause);
	if (!text)
		return -1;
	if (strcmp(a->s->runtime.name, engine_def((EngineId)id)->runtime) == 0)
		snprintf(title, sizeof title, "emit %s", argv[1]);
	else    /* the memory fraction is the scenario runtime's */
		snprintf(title, sizeof title, "emit %s (evaluated on %s: :runtime %s to model it)", argv[1],
		    a->s->runtime.name, engine_def((EngineId)id)->runtime);
	app_output_clear(a, title);
	a->out_status = 0;
	a->out_from_top = true;
	app_output_append(a, text, strlen(text));
	app_show_screen(a, "output");
	app_msg(a, ROLE_OK, "%s; m returns", title);
	free(text);
	return H_REDRAW;
}

static int
cmd_stop(App *a, int argc, char **argv, char **cause)
{
	(void)argc;
	(void)argv;
	if (!a->job.pid) {
		*cause = xstrdup("stop: no script is running");
		return -1;
	}
	app_job_cancel(a);
	return H_REDRAW;
}

static int
cmd_check(App *a, int argc, char **argv, char **cause)
{
	if (argc == 1) {
		if (!app_has_lua_checks(a)) {
			*cause = xstrdup("check: no Lua check files; :check FILE.lua adds one");
			return -1;
		}
		app_run_lua_checks(a);
		app_msg(a, a->lua_error ? ROLE_ERROR : ROLE_OK, "ran %d Lua check file%s: %d report%s%s%s",
		    a->n_check_files, a->n_check_files == 1 ? "" : "s", a->n_extra,
		    a->n_extra == 1 ? "" : "s", a->lua_error ? "; " : "", a->lua_error ? a->lua_error : "");
		return H_REDRAW;
	}
	for (int i = 1; i < argc; i++)
		if (app_add_check(a, argv[i], cause) != 0)
			return -1;
	return H_REDRAW;
}

static int
cmd_uncheck(App *a, int argc, char **argv, char **cause)
{
	(void)cause;
	app_remove_checks(a, argc > 1 ? argv[1] : NULL);
	app_msg(a, ROLE_MESSAGE, "%d Lua check file%s left", a->n_check_files,
	    a->n_check_files == 1 ? "" : "s");
	return H_REDRAW;
}

static int
cmd_explain(App *a, int argc, char **argv, char **cause)
{
	char buf[4096];
	int stage = argc > 2 ? atoi(argv[2]) : -1;
	if (explain_figure(a->s, a->r, argv[1], stage, buf, sizeof buf) != 0) {
		*cause = xasprintf("explain %s: %s", argv[1], buf[0] ? buf : "unknown figure");
		return -1;
	}
	app_show_text(a, argv[1], buf);
	return H_REDRAW;
}

static int
cmd_pin(App *a, int argc, char **argv, char **cause)
{
	(void)argc; (void)argv; (void)cause;
	app_pin(a);
	return H_REDRAW;
}

static int
cmd_unpin(App *a, int argc, char **argv, char **cause)
{
	(void)argc; (void)argv; (void)cause;
	app_unpin(a);
	return H_REDRAW;
}

static int
cmd_fix(App *a, int argc, char **argv, char **cause)
{
	int at = -1;

	if (argc > 1) {
		CheckId id = check_find_id(argv[1]);
		for (int i = 0; i < a->r->n_checks && at < 0; i++)
			if (a->r->checks[i].id == id)
				at = i;
		if (at < 0) {
			*cause = xasprintf("fix: no check '%s' fails now", argv[1]);
			return -1;
		}
	}
	if (app_apply_fix(a, at, cause) != 0)
		return -1;
	return H_REDRAW | H_RECOMPUTE;
}

static int
cmd_messages(App *a, int argc, char **argv, char **cause)
{
	(void)argc; (void)argv; (void)cause;
	char *t = app_messages_text(a);
	app_show_text(a, "messages, oldest first (/ searches)", *t ? t : "(no messages yet)");
	free(t);
	/* at the newest (the view follows its end until scrolled) */
	((TextView *)a->modal)->flags |= TV_FOLLOW;
	return H_REDRAW;
}

static int
cmd_undo(App *a, int argc, char **argv, char **cause)
{
	(void)argc; (void)argv; (void)cause;
	app_undo(a);
	return H_REDRAW | H_RECOMPUTE;
}

static int
cmd_redo(App *a, int argc, char **argv, char **cause)
{
	(void)argc; (void)argv; (void)cause;
	app_redo(a);
	return H_REDRAW | H_RECOMPUTE;
}

static int
cmd_screen(App *a, int argc, char **argv, char **cause)
{
	(void)argc;
	if (app_show_screen(a, argv[1]) < 0) {
		*cause = xasprintf("screen: unknown screen '%s' (Tab completes names)", argv[1]);
		return -1;
	}
	return H_REDRAW;
}

static int
cmd_help(App *a, int argc, char **argv, char **cause)
{
	if (argc > 1) {
		const TuiCommand *c = command_find(argv[1]);
		if (!c) {
			if (param_help(a, argv[1]) >= 0)
				return H_REDRAW;
			*cause = xasprintf("help: no command '%s'", argv[1]);
			return -1;
		}
		app_msg(a, ROLE_INFO, ":%s %s  %s", c->name, c->args, c->help);
		return H_REDRAW;
	}
	app_show_screen(a, "help");
	return H_REDRAW;
}

static int
cmd_quit(App *a, int argc, char **argv, char **cause)
{
	(void)argc; (void)argv; (void)cause;
	return app_request_quit(a, false) | H_REDRAW;
}

static int
cmd_quit_force(App *a, int argc, char **argv, char **cause)
{
	(void)argc; (void)argv; (void)cause;
	return app_request_quit(a, true);
}

static int
cmd_wq(App *a, int argc, char **argv, char **cause)
{
	if (app_save(a, argc > 1 ? argv[1] : NULL, cause) != 0)
		return -1;
	return app_request_quit(a, true);
}

const TuiCommand tui_commands[] = {
	{ "set", NULL, "[KEY [VALUE]]", "set a parameter (tp, pp, batch, ttft_p99 500ms, ...) or "
	  "model, cluster, gpu, gpus, runtime, dtype, kv_dtype, stage_layers; KEY may be the label a "
	  "slider or field shows (input, spec_k); KEY alone shows it, nothing lists them all",
	  COMPLETE_SET, 0, 2, cmd_set },
	{ "model", NULL, "NAME|PATH", "a catalog model or a Hugging Face config.json",
	  COMPLETE_MODEL, 1, 1, cmd_model },
	{ "cluster", NULL, "NAME", "a cluster preset (h100x8, t4x1, ...)", COMPLETE_CLUSTER, 1, 1,
	  cmd_cluster },
	{ "gpu", NULL, "NAME [N]", "a cluster of N GPUs of this type without a preset", COMPLETE_GPU,
	  1, 2, cmd_gpu },
	{ "runtime", NULL, "NAME", "the serving engine: vllm, sglang, trtllm", COMPLETE_RUNTIME, 1, 1,
	  cmd_runtime },
	{ "dtype", NULL, "TYPE", "weights dtype: fp32 bf16 fp16 fp8 int8 int4 nvfp4 mxfp4 w4a8", COMPLETE_DTYPE, 1, 1,
	  cmd_dtype },
	{ "kvdtype", "kv-dtype", "TYPE", "KV cache dtype", COMPLETE_DTYPE, 1, 1, cmd_kvdtype },
	{ "preset", NULL, "NAME|FILE", "replace the scenario with a scenario preset or file",
	  COMPLETE_PRESET, 1, 1, cmd_load },
	{ "load", NULL, "FILE", "load a scenario file (.lua or .json)", COMPLETE_PRESET, 1, 1,
	  cmd_load },
	{ "save", "w", "[FILE]", "write the scenario (.json: JSON, else Lua), atomically",
	  COMPLETE_FILE, 0, 1, cmd_save },
	{ "export", NULL, "FILE.md", "write a Markdown report: figures, bars as text, checks",
	  COMPLETE_FILE, 1, 1, cmd_export },
	{ "run", NULL, "SCRIPT.lua [ARGS]", "run a what-if script; its output on the output screen",
	  COMPLETE_FILE, 1, ARGS_MAX - 2, cmd_run },
	{ "emit", NULL, "ENGINE", "the vllm, sglang or trtllm command for this scenario (output screen)",
	  COMPLETE_NONE, 1, 1, cmd_emit },
	{ "stop", NULL, "", "stop the running script", COMPLETE_NONE, 0, 0, cmd_stop },
	{ "search", NULL, "[OPTIONS]", "rank every strategy for this scenario under its SLOs and rate "
	  "(--objective throughput|ttft|tpot|gpus|cost, --top N, --dtypes LIST|all, --kv-dtypes, "
	  "--max-gpus N, --max-batch N, ... as shardlab search); the ranking screen",
	  COMPLETE_SEARCH, 0, ARGS_MAX - 1, cmd_search },
	{ "audit", NULL, "PLAN", "audit a deployment plan (.json, .lua, or Markdown/text: its claims "
	  "extracted) against the model; the report on the output screen, L loads its scenario",
	  COMPLETE_FILE, 1, 1, cmd_audit },
	{ "check", NULL, "[FILE.lua ...]", "add Lua check files (run after every change); alone: "
	  "run them again", COMPLETE_FILE, 0, ARGS_MAX - 1, cmd_check },
	{ "uncheck", NULL, "[FILE.lua]", "remove a Lua check file (all without FILE)", COMPLETE_FILE,
	  0, 1, cmd_uncheck },
	{ "explain", NULL, "PATH [STAGE]", "explain a figure (latency.tpot_s, memory.weights_bytes, "
	  "...)", COMPLETE_EXPLAIN, 1, 2, cmd_explain },
	{ "pin", NULL, "", "pin the scenario as A for the compare screen", COMPLETE_NONE, 0, 0,
	  cmd_pin },
	{ "unpin", NULL, "", "forget A", COMPLETE_NONE, 0, 0, cmd_unpin },
	{ "fix", NULL, "[CHECK]", "apply a check's fix (the first error's without CHECK; key f), "
	  "re-evaluated before it is offered; u undoes it", COMPLETE_NONE, 0, 1, cmd_fix },
	{ "messages", "mes", "", "every message of this session in full (a message cut to ... "
	  "is whole here)", COMPLETE_NONE, 0, 0, cmd_messages },
	{ "undo", NULL, "", "undo the last change (key u)", COMPLETE_NONE, 0, 0, cmd_undo },
	{ "redo", NULL, "", "redo (key U or Ctrl-R)", COMPLETE_NONE, 0, 0, cmd_redo },
	{ "screen", NULL, "NAME", "show a screen: main, gpumap, pipeline, compare, ranking, output, "
	  "help",
	  COMPLETE_SCREEN, 1, 1, cmd_screen },
	{ "help", NULL, "[COMMAND|KEY]", "the help screen, or one command or parameter",
	  COMPLETE_COMMAND, 0, 1, cmd_help },
	{ "quit", "q", "", "quit (asks about unsaved changes)", COMPLETE_NONE, 0, 0, cmd_quit },
	{ "quit!", "q!", "", "quit without saving", COMPLETE_NONE, 0, 0, cmd_quit_force },
	{ "wq", "x", "[FILE]", "save, then quit", COMPLETE_FILE, 0, 1, cmd_wq },
	{ NULL, NULL, NULL, NULL, COMPLETE_NONE, 0, 0, NULL }
};

const TuiCommand *
command_find(const char *name)
{
	for (const TuiCommand *t = tui_commands; t->name; t++)
		if (strcmp(t->name, name) == 0 || (t->alias && strcmp(t->alias, name) == 0))
			return t;
	return NULL;
}

/* ---- parsing ---------------------------------------------------------- */

/* Split a command line into words: blanks separate, "..." and '...'
 * quote, a backslash escapes the next character.  Returns the count, or
 * -1 for an unterminated quote. */
static int
tokenize(const char *line, char *buf, char **argv, int max)
{
	int argc = 0;
	const char *p = line;
	char *o = buf;

	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			break;
		if (argc == max)
			return argc;
		argv[argc++] = o;
		char q = 0;
		while (*p && (q || (*p != ' ' && *p != '\t'))) {
			if (q && *p == q) {
				q = 0;
				p++;
			} else if (!q && (*p == '"' || *p == '\'')) {
				q = *p++;
			} else if (*p == '\\' && p[1] && q != '\'') {
				*o++ = p[1];
				p += 2;
			} else {
				*o++ = *p++;
			}
		}
		if (q)
			return -1;
		*o++ = '\0';
	}
	return argc;
}

int
app_command(App *a, const char *line)
{
	char *buf = xmalloc(strlen(line) + 1), *argv[ARGS_MAX], *cause = NULL;
	int argc = tokenize(line, buf, argv, ARGS_MAX), rc;

	if (argc < 0) {
		app_msg(a, ROLE_ERROR, "unterminated quote in :%s", line);
		free(buf);
		return H_REDRAW;
	}
	if (argc == 0) {
		free(buf);
		return H_NONE;
	}
	const TuiCommand *c = command_find(argv[0]);
	char *set_argv[3];
	int pid = c ? -1 : param_label_find(argv[0]);
	if (!c && pid >= 0 && pid < PARAM_COUNT && argc <= 2) {
		/* `:tp 4` is `:set tp 4` */
		set_argv[0] = "set";
		set_argv[1] = argv[0];
		set_argv[2] = argc > 1 ? argv[1] : NULL;
		c = command_find("set");
		memcpy(argv, set_argv, sizeof set_argv);
		argc++;
	}
	if (!c) {
		app_msg(a, ROLE_ERROR, "unknown command ':%s' (:help lists them, Tab completes)", argv[0]);
		free(buf);
		return H_REDRAW;
	}
	if (argc - 1 < c->min_args || argc - 1 > c->max_args) {
		app_msg(a, ROLE_ERROR, "usage: :%s %s", c->name, c->args);
		free(buf);
		return H_REDRAW;
	}
	rc = c->fn(a, argc, argv, &cause);
	if (rc < 0) {
		app_msg(a, ROLE_ERROR, "%s", cause ? cause : "failed");
		free(cause);
		rc = H_REDRAW;
	}
	free(buf);
	return rc | H_HANDLED;
}
