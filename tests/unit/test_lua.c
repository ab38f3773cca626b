/* test_lua.c: the Lua contracts the CLI and the TUI call: script_run
 * (run.h) and luacheck_run (luacheck.h), and the result tree against
 * result_json for every model in the catalog. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catalog/catalog.h"
#include "helpers.h"
#include "io/result_json.h"
#include "bind/luacheck.h"
#include "bind/run.h"
#include "scenario/setup.h"
#include "test.h"
#include "scenario/report.h"
#include "util/xmalloc.h"

typedef struct {
	char buf[65536];
	size_t len;
} Capture;

static void
capture(void *ud, const char *text, size_t len)
{
	Capture *c = ud;
	if (c->len + len < sizeof c->buf) {
		memcpy(c->buf + c->len, text, len);
		c->len += len;
		c->buf[c->len] = '\0';
	}
}

/* A temporary .lua file holding `text`; the caller unlinks and frees it. */
static char *
lua_file(const char *text)
{
	char *path = xstrdup("/tmp/shardlab-test-XXXXXX.lua");
	int fd = mkstemps(path, 4);
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (!f) {
		perror("test_lua: temporary file");
		exit(2);
	}
	fputs(text, f);
	fclose(f);
	return path;
}

static int
run_text(const char *text, int argc, char *const *argv, Capture *out, int *status, char **cause)
{
	Catalog c;
	LuaLimits lim = { .budget = LUA_DEFAULT_BUDGET };
	char *path = lua_file(text);
	int rc;

	catalog_init(&c);
	out->len = 0;
	out->buf[0] = '\0';
	rc = script_run(&c, &lim, path, argc, argv, capture, out, status, cause);
	catalog_fini(&c);
	unlink(path);
	free(path);
	return rc;
}

TEST(lua_script_run_output_and_status)
{
	Capture out;
	char *cause = NULL;
	int status = -1;
	char *argv[] = { "one", "two" };

	EXPECT_EQ(run_text("print('hello', #arg, arg[2])\nreturn 7\n", 2, argv, &out, &status, &cause), 0);
	EXPECT_EQ(status, 7);
	EXPECT_TRUE(strcmp(out.buf, "hello\t2\ttwo\n") == 0);
	EXPECT_EQ(run_text("print('nothing returned')\n", 0, NULL, &out, &status, &cause), 0);
	EXPECT_EQ(status, 0);
}

TEST(lua_script_run_errors)
{
	Capture out;
	char *cause = NULL;
	int status = -1;

	EXPECT_EQ(run_text("print('before')\nerror('boom')\n", 0, NULL, &out, &status, &cause), -1);
	EXPECT_EQ(status, 1);
	EXPECT_STR_CONTAINS(cause, ":2: boom\nstack traceback:");
	EXPECT_TRUE(strcmp(out.buf, "before\n") == 0);
	free(cause);
	cause = NULL;
	EXPECT_EQ(run_text("while true do end\n", 0, NULL, &out, &status, &cause), -1);
	EXPECT_EQ(status, 1);
	EXPECT_STR_CONTAINS(cause, ":1: script exceeded its budget of 200000000 instructions (--lua-budget)");
	free(cause);
	cause = NULL;
	EXPECT_EQ(run_text("local = 1\n", 0, NULL, &out, &status, &cause), -1);
	EXPECT_EQ(status, 2);
	EXPECT_STR_CONTAINS(cause, ":1: <name> expected near '='");
	free(cause);
}

TEST(lua_script_run_evaluates)
{
	Capture out;
	char *cause = NULL;
	int status = -1;

	EXPECT_EQ(run_text("local r = shardlab.evaluate{ model = 'llama-3-70b', cluster = 'h100x8', tp = 8 }\n"
	    "print(r.memory.kv_bytes_per_token, r.strategy.tp, r.stages[1].layers)\n", 0, NULL, &out,
	    &status, &cause), 0);
	EXPECT_TRUE(strcmp(out.buf, "40960\t8\t80\n") == 0);
}

static const char checks_text[] =
	"shardlab.check{ id = 'team.tp', severity = 'error', fn = function(r)\n"
	"  return r.strategy.tp <= 4, 'TP ' .. r.strategy.tp .. ' > 4' end }\n"
	"shardlab.check{ id = 'team.raise', fn = function(r) error('boom') end }\n"
	"shardlab.check{ id = 'team.loop', fn = function(r) while true do end end }\n"
	"shardlab.check{ id = 'team.ok', severity = 'warn', fn = function(r) return true end }\n"
	"shardlab.check{ id = 'team.info', severity = 'info', fn = function(r) return false end }\n";

TEST(lua_luacheck_run)
{
	Catalog c;
	Scenario *s = malloc(sizeof *s);
	Result *r = malloc(sizeof *r);
	LuaLimits lim = { .budget = 1000000 };
	ExtraCheck *extra = NULL;
	int n = -1;
	char *cause = NULL, *path = lua_file(checks_text);
	const char *files[] = { path };

	catalog_init(&c);
	scenario_from(s, "model=llama-3-70b", "cluster=h100x8", "tp=8", NULL);
	eval_run(s, r);
	EXPECT_EQ(luacheck_run(&c, &lim, files, 1, s, r, &extra, &n, &cause), 0);
	EXPECT_EQ(n, 4);
	if (n == 4) {
		EXPECT_TRUE(strcmp(extra[0].id, "team.tp") == 0);
		EXPECT_EQ(extra[0].severity, SEV_ERROR);
		EXPECT_TRUE(strcmp(extra[0].message, "TP 8 > 4") == 0);
		EXPECT_TRUE(strcmp(extra[1].id, "team.raise") == 0);
		EXPECT_STR_CONTAINS(extra[1].message, ":3: boom");
		EXPECT_EQ(extra[1].severity, SEV_ERROR);
		EXPECT_STR_CONTAINS(extra[2].message, ":4: script exceeded its budget of 1000000 instructions");
		EXPECT_TRUE(strcmp(extra[3].id, "team.info") == 0);
		EXPECT_EQ(extra[3].severity, SEV_INFO);
		EXPECT_TRUE(strcmp(extra[3].message, "failed") == 0);
	}
	for (int i = 0; i < n; i++) {
		free(extra[i].id);
		free(extra[i].message);
	}
	free(extra);
	/* no budget at all (LuaLimits.budget 0): the checks still run */
	LuaLimits unlimited = { .budget = 0 };
	const char *files0[] = { NULL };
	char *simple = lua_file("shardlab.check{ id = 'team.tp', fn = function(r) return r.strategy.tp <= 4, 'big' end }\n");
	files0[0] = simple;
	ExtraCheck *e0 = NULL;
	int n0 = -1;
	EXPECT_EQ(luacheck_run(&c, &unlimited, files0, 1, s, r, &e0, &n0, &cause), 0);
	EXPECT_EQ(n0, 1);
	for (int i = 0; i < n0; i++) {
		free(e0[i].id);
		free(e0[i].message);
	}
	free(e0);
	unlink(simple);
	free(simple);
	/* the JSON carries them, and they make the plan infeasible */
	EXPECT_EQ(luacheck_run(&c, &lim, files, 1, s, r, &extra, &n, &cause), 0);
	char *json = result_json(s, r, NULL, extra, n, NULL, 0);
	EXPECT_STR_CONTAINS(json, "\"id\":\"team.tp\",\"severity\":\"error\",\"message\":\"TP 8 > 4\"");
	EXPECT_STR_CONTAINS(json, "\"feasible\":false");
	free(json);
	for (int i = 0; i < n; i++) {
		free(extra[i].id);
		free(extra[i].message);
	}
	free(extra);
	unlink(path);
	free(path);

	/* a file that cannot be loaded: -1, nothing appended */
	path = lua_file("shardlab.check{ id = 'x', fn = \n");
	files[0] = path;
	extra = NULL;
	n = -1;
	EXPECT_EQ(luacheck_run(&c, &lim, files, 1, s, r, &extra, &n, &cause), -1);
	EXPECT_EQ(n, 0);
	EXPECT_TRUE(extra == NULL);
	EXPECT_STR_CONTAINS(cause, "unexpected symbol near <eof>");
	EXPECT_TRUE(strchr(cause, '\n') == NULL);
	free(cause);
	unlink(path);
	free(path);
	catalog_fini(&c);
	free(s);
	free(r);
}

/* The tree evaluate{} returns equals result_json's for every model in the
 * catalog, with one and with several pipeline stages. */
TEST(lua_tree_equals_result_json_every_model)
{
	Catalog c;
	Scenario *s = malloc(sizeof *s);
	Result *r = malloc(sizeof *r);
	char **names;
	static const char *const layouts[][3] = { { "tp=8", "pp=1", "dp=1" }, { "tp=2", "pp=4", "dp=1" } };
	char *cmp = lua_file(
	    "local json = require 'shardlab.json'\n"
	    "local opts = {}\n"
	    "for i = 2, #arg do local k, v = arg[i]:match('^([%w_]+)=(.*)$'); opts[k] = v end\n"
	    "local d = json.diff(assert(json.decode(arg[1])), shardlab.evaluate(opts), 1e-15)\n"
	    "if d then print(d) return 1 end\n");

	catalog_init(&c);
	int n = catalog_list(&c, PRESET_MODEL, &names);
	EXPECT_TRUE(n >= 10);
	for (int i = 0; i < n; i++) {
		for (size_t l = 0; l < sizeof layouts / sizeof layouts[0]; l++) {
			/* as `shardlab eval --model M --cluster h100x16 --tp ...`: the
			 * default preset, then the options */
			char model[128], *cause = NULL, *notes = NULL;
			const char *kv[] = { model, "cluster=h100x16", layouts[l][0], layouts[l][1],
				layouts[l][2], "batch=16" };
			Setup st;
			SetupEdit edit;
			setup_init(&st);
			setup_edit_init(&edit);
			snprintf(model, sizeof model, "model=%s", names[i]);
			EXPECT_EQ(setup_load_scenario(&c, "default", &st, &cause), 0);
			for (size_t k = 0; k < sizeof kv / sizeof kv[0]; k++) {
				char key[64];
				const char *eq = strchr(kv[k], '=');
				snprintf(key, sizeof key, "%.*s", (int)(eq - kv[k]), kv[k]);
				EXPECT_EQ(setup_apply(&st, &edit, key, eq + 1, 0, &cause), 0);
			}
			setup_edit_finish(&st, &edit);      /* the one refill rule, as cli_parse */
			EXPECT_EQ(setup_build(&c, &st, s, &notes, &cause), 0);
			setup_fini(&st);
			eval_run(s, r);
			ServingReport sv;
			bool has_sv = report_serving(s, r, &sv) == 0;
			char *json = result_json(s, r, has_sv ? &sv : NULL, NULL, 0, notes, 0);
			free(notes);
			char *argv[] = { json, model, "cluster=h100x16", (char *)layouts[l][0],
				(char *)layouts[l][1], (char *)layouts[l][2], "batch=16" };
			Capture out = { .len = 0 };
			LuaLimits lim = { .budget = LUA_DEFAULT_BUDGET };
			int status = -1;
			if (script_run(&c, &lim, cmp, 7, argv, capture, &out, &status, &cause) != 0 || status != 0)
				test_fail(__FILE__, __LINE__, "%s %s: %s%s", model, layouts[l][0],
				    cause ? cause : "differs at ", out.buf);
			free(cause);
			free(json);
		}
	}
	catalog_list_free(names, n);
	catalog_fini(&c);
	unlink(cmp);
	free(cmp);
	free(s);
	free(r);
}
