/* test_keys.c: the scenario-key table (core/params.h) and the one apply
 * rule: every key set from the CLI, Lua and the TUI's :set gives the same
 * scenario, and a key that changes the hardware refills the layout
 * everywhere (issue 9 defect 5). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catalog/catalog.h"
#include "cli/cli.h"
#include "scenario/report.h"
#include "core/params.h"
#include "core/searchopts.h"
#include "helpers.h"
#include "io/result_json.h"
#include "io/search_json.h"
#include "ranking.h"
#include "bind/run.h"
#include "scenario/search_notes.h"
#include "test.h"
#include "tui_helpers.h"

typedef struct {
	char buf[16384];
	size_t len;
} KeyCapture;

static void
key_capture(void *ud, const char *text, size_t len)
{
	KeyCapture *c = ud;
	if (c->len + len < sizeof c->buf) {
		memcpy(c->buf + c->len, text, len);
		c->len += len;
		c->buf[c->len] = '\0';
	}
}

/* Issue 9 defect 5: `:set nodes 2` on the default scenario (TP 8 on one
 * 8-GPU H100 node) kept TP 8 x DP 1 on 8 of 16 GPUs, while `shardlab eval
 * --nodes 2` refilled the layout to use all 16. */
TEST(keys_tui_set_nodes_refills_layout)
{
	App *a = tui_app(30, 100, NULL);
	Scenario *cli = malloc(sizeof *cli);

	app_command(a, "set nodes 2");
	const Strategy *st = &a->s->strategy;    /* a rebuild replaces a->s */
	EXPECT_EQ(cluster_gpus(&a->s->cluster), 16);
	EXPECT_EQ(st->tp * st->pp * st->dp, 16);
	scenario_from(cli, "nodes=2", NULL);
	EXPECT_EQ(cli->strategy.tp, st->tp);
	EXPECT_EQ(cli->strategy.pp, st->pp);
	EXPECT_EQ(cli->strategy.dp, st->dp);
	free(cli);
	app_free(a);
}

/* ---- every key from the CLI, Lua and :set ------------------------------ */

/* One key: a valid value and one the table refuses; `with` is a key=value
 * the front ends give first (gpus needs a gpu). */
typedef struct {
	const char *good, *bad, *with;
} KeyCase;

static KeyCase
key_case(ParamId id)
{
	static char good[64], bad[64];
	const ParamDef *d = param_def(id);
	KeyCase k = { good, bad, NULL };

	switch (id) {
	case PARAM_MODEL: return (KeyCase){ "llama-3-8b", "nosuch-model", NULL };
	case PARAM_CLUSTER: return (KeyCase){ "h100x16", "nosuch-cluster", NULL };
	case PARAM_GPU: return (KeyCase){ "a100-80gb", "nosuch-gpu", NULL };
	case PARAM_GPUS: return (KeyCase){ "16", "5000", "gpu=h100-sxm" };
	case PARAM_RUNTIME: return (KeyCase){ "sglang", "nosuch-runtime", NULL };
	case PARAM_DTYPE: return (KeyCase){ "fp8", "fp4", NULL };
	case PARAM_EXPERT_DTYPE: return (KeyCase){ "mxfp4", "fp4", "model=gpt-oss-20b" };
	case PARAM_KV_DTYPE: return (KeyCase){ "fp8", "int4", NULL };    /* vLLM: no int4 KV */
	case PARAM_ACT_DTYPE: return (KeyCase){ "fp16", "int8", NULL };
	case PARAM_STAGE_LAYERS: return (KeyCase){ "41,39", "40,x", NULL };
	case PARAM_SPEC_METHOD: return (KeyCase){ "eagle", "medusa", NULL };
	case PARAM_EP_MODE: return (KeyCase){ "low_latency", "fast", NULL };
	case PARAM_SPEC_MODEL: return (KeyCase){ "llama-3-8b", "nosuch-model", NULL };
	case PARAM_PREFILL_GPU: return (KeyCase){ "h200", "nosuch-gpu", NULL };
	case PARAM_PREFILL_DP: return (KeyCase){ "1", "4097", "cluster=h100x16" };
	case PARAM_KV_TRANSFER: return (KeyCase){ "roce-400g", "nosuch-fabric", NULL };
	case PARAM_KV_TRANSFER_MODE: return (KeyCase){ "layer", "burst", NULL };
	default: break;
	}
	/* a step above the minimum, and past the maximum */
	double v = d->min + d->step;
	if (id == PARAM_NODES || id == PARAM_GPUS_PER_NODE || id == PARAM_TP)
		v = 2;
	snprintf(good, sizeof good, "%.10g", v > d->max ? d->max : v);
	snprintf(bad, sizeof bad, "%.10g", d->integer ? d->max + 1 : d->max * 2);
	return k;
}

/* The CLI: cli_parse on the default preset, then setup_build, as `shardlab
 * eval` does; the JSON of the result (NULL on error, with stderr's last
 * line in err). */
static char *
cli_json(const Catalog *c, const char *key, const char *value, const char *with, char *err, size_t n,
    char **full)
{
	char opt[64], wopt[64], *argv[6];
	int argc = 0;
	CliOptions o;
	char *json = NULL, *notes = NULL, *cause = NULL;
	FILE *tmp = tmpfile();

	*full = NULL;
	int saved = dup(2);

	snprintf(opt, sizeof opt, "--%s", key);
	for (char *p = opt; *p; p++)
		*p = *p == '_' ? '-' : *p;
	argv[argc++] = "eval";
	if (with) {
		const char *eq = strchr(with, '=');
		snprintf(wopt, sizeof wopt, "--%.*s", (int)(eq - with), with);
		argv[argc++] = wopt;
		argv[argc++] = (char *)eq + 1;
	}
	argv[argc++] = opt;
	argv[argc++] = (char *)value;
	argv[argc] = NULL;
	err[0] = '\0';
	fflush(stderr);
	dup2(fileno(tmp), 2);
	int rc = cli_parse(c, "eval", argc, argv, &o);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	rewind(tmp);
	if (!fgets(err, (int)n, tmp))
		err[0] = '\0';
	fclose(tmp);
	if (rc == 0) {
		Scenario *s = malloc(sizeof *s);
		Result *r = malloc(sizeof *r);
		if (setup_build(c, &o.setup, s, &notes, &cause) == 0) {
			eval_run(s, r);
			json = result_json(s, r, NULL, NULL, 0, NULL, 0);
			/* as eval --json prints it: with serving and the notes */
			ServingReport sv;
			bool has_sv = report_serving(s, r, &sv) == 0;
			*full = result_json(s, r, has_sv ? &sv : NULL, NULL, 0, notes, 0);
		} else {
			snprintf(err, n, "shardlab: %s", cause);
		}
		free(s);
		free(r);
		free(notes);
		free(cause);
	}
	cli_options_fini(&o);
	return json;
}

/* Lua: shardlab.evaluate{[key] = value} (the value as text, as the CLI
 * reads it), its tree against `expect` (the CLI's JSON), or its error in err. */
static bool
lua_same(const Catalog *c, const char *key, const char *value, const char *with, const char *expect,
    char *err, size_t n)
{
	static const char *const text =
	    "local json = require 'shardlab.json'\n"
	    "local opts = {}\n"
	    "for i = 2, #arg do local k, v = arg[i]:match('^([%w_]+)=(.*)$'); opts[k] = v end\n"
	    "local ok, r = pcall(shardlab.evaluate, opts)\n"
	    "if not ok then print('error: ' .. tostring(r)) return 1 end\n"
	    "local d = json.diff(assert(json.decode(arg[1])), r, 1e-12)\n"
	    "if d then print('differs at ' .. d) return 1 end\n";
	char path[] = "/tmp/shardlab-keys-XXXXXX.lua", kv[128], *cause = NULL;
	int fd = mkstemps(path, 4);
	FILE *f = fdopen(fd, "w");
	LuaLimits lim = { .budget = LUA_DEFAULT_BUDGET };
	int status = -1;
	char *argv[3];
	int argc = 0;

	fputs(text, f);
	fclose(f);
	snprintf(kv, sizeof kv, "%s=%s", key, value);
	argv[argc++] = (char *)(expect ? expect : "{}");
	if (with)
		argv[argc++] = (char *)with;
	argv[argc++] = kv;
	err[0] = '\0';
	KeyCapture out = { .len = 0 };
	int rc = script_run(c, &lim, path, argc, argv, key_capture, &out, &status, &cause);
	unlink(path);
	snprintf(err, n, "%s%s", cause ? cause : "", out.buf);
	free(cause);
	return rc == 0 && status == 0;
}

/* :set KEY VALUE on the workbench (the default preset); its JSON, or NULL
 * and the message line in err. */
static char *
tui_json(const char *key, const char *value, const char *with, char *err, size_t n)
{
	App *a = tui_app(30, 100, NULL);
	char line[160];
	char *json = NULL;

	if (with) {
		snprintf(line, sizeof line, "set %s", with);
		*strchr(line, '=') = ' ';
		app_command(a, line);
	}
	snprintf(line, sizeof line, "set %s %s", key, value);
	a->msg[0] = '\0';
	app_command(a, line);
	snprintf(err, n, "%s", a->msg);
	if (a->msg_role != ROLE_ERROR)
		json = result_json(a->s, a->r, NULL, NULL, 0, NULL, 0);
	app_free(a);
	return json;
}

/* Every row of the key table: a valid value gives the same scenario from
 * `shardlab eval --KEY V`, `shardlab.evaluate{KEY = V}` and `:set KEY V`
 * (the same JSON), and a refused one the same reason from all three. */
TEST(keys_every_key_same_from_cli_lua_and_set)
{
	Catalog c;

	catalog_init(&c);
	for (int id = 0; id < PARAM_KEY_COUNT; id++) {
		const char *name = param_def((ParamId)id)->name;
		KeyCase k = key_case((ParamId)id);
		char cli_err[512], lua_err[1024], tui_err[512];

		char *full = NULL;
		char *cli = cli_json(&c, name, k.good, k.with, cli_err, sizeof cli_err, &full);
		char *tui = tui_json(name, k.good, k.with, tui_err, sizeof tui_err);
		if (!cli || !tui) {
			test_fail(__FILE__, __LINE__, "%s %s refused: CLI '%s', :set '%s'", name, k.good,
			    cli_err, tui_err);
		} else {
			if (strcmp(cli, tui) != 0)
				test_fail(__FILE__, __LINE__, "%s %s: :set's scenario differs from the CLI's", name,
				    k.good);
			if (!lua_same(&c, name, k.good, k.with, full, lua_err, sizeof lua_err))
				test_fail(__FILE__, __LINE__, "%s %s: Lua %s", name, k.good, lua_err);
		}
		free(full);
		free(cli);
		free(tui);

		/* the refused value: one reason, found in all three messages */
		cli = cli_json(&c, name, k.bad, k.with, cli_err, sizeof cli_err, &full);
		free(full);
		tui = tui_json(name, k.bad, k.with, tui_err, sizeof tui_err);
		lua_same(&c, name, k.bad, k.with, NULL, lua_err, sizeof lua_err);
		const char *why = strrchr(cli_err, ':');
		char reason[256];
		snprintf(reason, sizeof reason, "%s", why && !cli ? why + 2 : "(accepted)");
		reason[strcspn(reason, "\n")] = '\0';
		if (cli || tui)
			test_fail(__FILE__, __LINE__, "%s %s accepted (CLI %s, :set %s)", name, k.bad,
			    cli ? "yes" : "no", tui ? "yes" : "no");
		else if (!strstr(tui_err, reason) || !strstr(lua_err, reason))
			test_fail(__FILE__, __LINE__, "%s %s: reasons differ:\n  CLI  %s  :set %s\n  Lua  %s",
			    name, k.bad, cli_err, tui_err, lua_err);
		free(cli);
		free(tui);
	}
	catalog_fini(&c);
}

/* ---- every search option from the CLI, Lua and :search ----------------- */

/* Run f(c, argc, argv) with stdout and stderr into buf[n] (NUL-terminated). */
static int
captured(int (*f)(const Catalog *, int, char **), const Catalog *c, int argc, char **argv, char *buf,
    size_t n)
{
	FILE *tmp = tmpfile();
	int out = dup(1), err = dup(2);

	fflush(stdout);
	fflush(stderr);
	dup2(fileno(tmp), 1);
	dup2(fileno(tmp), 2);
	int rc = f(c, argc, argv);
	fflush(stdout);
	fflush(stderr);
	dup2(out, 1);
	dup2(err, 2);
	close(out);
	close(err);
	rewind(tmp);
	size_t len = fread(buf, 1, n - 1, tmp);
	buf[len] = '\0';
	fclose(tmp);
	return rc;
}

/* The option's value as Lua gets it: flags as booleans (in Lua's sense),
 * the rest as the text the CLI reads. */
static const char *
lua_value(const SearchOptDef *d, const char *text, char *buf, size_t n)
{
	if (d->type == SOPT_T_FLAG)
		snprintf(buf, n, "%s", d->lua_negates ? "false" : "true");
	else if (d->type == SOPT_T_OBJECTIVE || d->type == SOPT_T_DTYPES)
		snprintf(buf, n, "'%s'", text);
	else
		snprintf(buf, n, "%s", text);
	return buf;
}

/* Every option of the search-option table given on the command line,
 * to shardlab.search{} and to :search: the same query in search --json's
 * "query" (CLI, Lua and the ranking's in-process run), and for a refused
 * value the same reason. */
TEST(keys_every_search_option_same_from_cli_lua_and_search)
{
	static const struct { SearchOptId id; const char *good, *bad; } cases[] = {
		{ SOPT_OBJECTIVE, "ttft", "speed" }, { SOPT_TOP, "3", "0" }, { SOPT_USD, "2.5", "-1" },
		{ SOPT_DTYPES, "bf16,fp8", "fp4" }, { SOPT_KV_DTYPES, "fp8", "int8" },
		{ SOPT_MAX_GPUS, "1", "0" }, { SOPT_MAX_BATCH, "64", "0" }, { SOPT_TP_NODES, NULL, NULL },
		{ SOPT_NO_MICRO, NULL, NULL }, { SOPT_NO_CHUNKED, NULL, NULL },
		{ SOPT_INPUT_CV, "0.5", "5" }, { SOPT_OUTPUT_CV, "0.5", "-1" },
		{ SOPT_SPEC, "2", "17" }, { SOPT_DISAGG, NULL, NULL },
	};
	static char out[1 << 20];
	Catalog c;
	int covered = 0;

	catalog_init(&c);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const SearchOptDef *d = search_opt_def(cases[i].id);
		char opt[64], lv[64], script[2048], why[256] = "";
		EXPECT_TRUE((d->fronts & (SOPT_CLI | SOPT_TUI | SOPT_LUA)) == (SOPT_CLI | SOPT_TUI | SOPT_LUA));
		covered |= 1 << cases[i].id;
		snprintf(opt, sizeof opt, "--%s", d->name);
		for (int bad = 0; bad < 2; bad++) {
			const char *v = bad ? cases[i].bad : cases[i].good;
			if (bad && !v)
				continue;       /* a flag has no refused value */
			char *argv[] = { "search", "--json", "--model", "llama-3-8b", "--gpu", "l4", "--gpus", "1",
				"--rps", "0.5", opt, (char *)v, NULL };
			int argc = v ? 12 : 11;
			int rc = captured(cmd_search, &c, argc, argv, out, sizeof out);

			/* :search's parser on the same scenario */
			RankingQuery q;
			char *cause = NULL, *targv[] = { opt, (char *)v };
			Scenario *s = malloc(sizeof *s);
			CliOptions o;
			char *sargv[] = { "tui", "--model", "llama-3-8b", "--gpu", "l4", "--gpus", "1", "--rps", "0.5",
				NULL }, *notes = NULL;
			EXPECT_EQ(cli_parse(&c, "tui", 9, sargv, &o), 0);       /* the workbench's scenario */
			EXPECT_EQ(setup_build(&c, &o.setup, s, &notes, &cause), 0);
			free(notes);
			cli_options_fini(&o);
			ranking_query_init(&q);
			int trc = ranking_parse(v ? 2 : 1, targv, s, &q, &cause);
			char *tjson = NULL;
			if (trc == 0) {
				/* the ranking's in-process run (ui/ranking.c), its JSON for Lua to compare */
				SearchWork *w = calloc(1, sizeof *w);
				SearchCandidate *top = calloc((size_t)q.top, sizeof *top);
				SearchCandidate *front = calloc(SEARCH_PARETO_CAP, sizeof *front);
				SearchResult r;
				search_result_init(&r, top, q.top, front, SEARCH_PARETO_CAP);
				search_run(s, &q.so, w, &r);
				search_finish(s, &q.so, w, &r);
				tjson = search_json(s, &q.so, &r, -1, NULL, 0, 0);
				free(w);
				free(top);
				free(front);
			}
			free(s);

			/* Lua: the same options to shardlab.search{}, its query against the CLI's */
			snprintf(script, sizeof script,
			    "local json = require 'shardlab.json'\n"
			    "local ok, r = pcall(shardlab.search, { model = 'llama-3-8b', gpu = 'l4', gpus = 1, "
			    "rps = 0.5, %s = %s })\n"
			    "if not ok then print('error: ' .. tostring(r)) return 1 end\n"
			    "local d = json.diff(assert(json.decode(arg[1])).query, r.query, 1e-12)\n"
			    "if d then print('differs from the CLI at ' .. d) return 1 end\n"
			    "d = json.diff(assert(json.decode(arg[2])).query, r.query, 1e-12)\n"
			    "if d then print('differs from :search at ' .. d) return 1 end\n", d->lua,
			    lua_value(d, v, lv, sizeof lv));
			char path[] = "/tmp/shardlab-sopt-XXXXXX.lua", *lcause = NULL;
			int fd = mkstemps(path, 4);
			FILE *f = fdopen(fd, "w");
			fputs(script, f);
			fclose(f);
			LuaLimits lim = { .budget = LUA_DEFAULT_BUDGET };
			KeyCapture lout = { .len = 0 };
			int status = -1;
			char *largv[] = { bad ? "{}" : out, tjson ? tjson : "{}" };
			int lrc = script_run(&c, &lim, path, 2, largv, key_capture, &lout, &status, &lcause);
			free(tjson);
			unlink(path);

			if (!bad) {
				if (rc != 0 && rc != 1)
					test_fail(__FILE__, __LINE__, "search %s %s: exit %d: %.300s", opt, v ? v : "", rc,
					    out);
				if (trc != 0)
					test_fail(__FILE__, __LINE__, ":search %s %s: %s", opt, v ? v : "", cause);
				if (lrc != 0 || status != 0)
					test_fail(__FILE__, __LINE__, "search{%s}: %s%s", d->lua, lcause ? lcause : "",
					    lout.buf);
			} else {
				/* "shardlab: --top 0: must be a whole number in 1..1000" */
				const char *p = strstr(out, ": ");
				p = p ? strstr(p + 2, ": ") : NULL;
				snprintf(why, sizeof why, "%s", p ? p + 2 : "?");
				why[strcspn(why, "\n")] = '\0';
				if (rc != 2 || trc == 0 || !strstr(cause, why) || !strstr(lout.buf, why))
					test_fail(__FILE__, __LINE__, "%s %s: CLI (exit %d) '%s', :search '%s', Lua '%s'",
					    opt, v, rc, why, cause ? cause : "accepted", lout.buf);
			}
			free(cause);
			free(lcause);
		}
	}
	/* every option that all three front ends take is covered above */
	for (int i = 0; i < SOPT_COUNT; i++)
		if ((search_opt_def((SearchOptId)i)->fronts & (SOPT_CLI | SOPT_TUI | SOPT_LUA)) ==
		    (SOPT_CLI | SOPT_TUI | SOPT_LUA) && !(covered & 1 << i))
			test_fail(__FILE__, __LINE__, "search option %s has no case", search_opt_def((SearchOptId)i)->name);
	catalog_fini(&c);
}
