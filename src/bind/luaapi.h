/* luaapi.h: the `shardlab` Lua module that every script, preset and check
 * sees as a global (man shardlab-lua(7) is the reference): catalog lookups
 * (model, import, gpu, cluster, runtime, models, gpus, presets, params),
 * evaluate{...} returning the tree of `eval --json`, explain, custom checks
 * (check{id=, severity=, fn=}), search{...} and audit(plan) returning the
 * trees of `search --json` and `audit --format json` (built from the same
 * JSON text, luajson.h), with the registered checks as the search's
 * filter.  The sandbox itself is src/lua/sandbox.c (every Lua file gets
 * it); this module adds `require`, which finds only the modules shipped in
 * lua/ (and "shardlab.cjson", luajson.h) and returns them read-only, and
 * `print`, which goes where the caller says.  The module table is
 * read-only to scripts and checks.
 *
 * Results are userdata read like tables: each subtable (memory, stages,
 * latency, ...) is built on first use and kept, so a sweep that reads one
 * figure pays for that figure only.  Models, clusters, runtimes and scenario
 * presets are read from disk once per state and cached by name. */
#ifndef SHARDLAB_BIND_LUAAPI_H
#define SHARDLAB_BIND_LUAAPI_H

#include <stdbool.h>
#include <stddef.h>

#include <lua.h>

#include "catalog/catalog.h"
#include "core/eval.h"
#include "io/result_json.h"
#include "lua/luastate.h"
#include "scenario/setup.h"

/* Where a script's print() output goes (stdout for the CLI, a pane in the
 * TUI).  `text` is not NUL-terminated. */
typedef void (*ScriptOutput)(void *ud, const char *text, size_t len);

typedef struct LuaApiConfig {
	const Catalog *catalog;     /* borrowed: must outlive the state */
	const Setup *base;          /* evaluate's base scenario (copied); NULL:
	                               presets/default.lua, as the CLI */
	ScriptOutput out;           /* where print() goes; NULL: stderr */
	void *out_ud;
	bool preset;                /* a preset file: check{} declares, never runs */
} LuaApiConfig;

/* luaapi_open: install the module and the sandbox's require/load/print in a
 * fresh state from luastate_new.  Returns 0, or -1 with *cause (out of
 * memory). */
int luaapi_open(lua_State *L, const LuaApiConfig *cfg, char **cause);

/* luaapi_loadfile: luastate_loadfile (own _ENV whose _G is itself, so
 * `_G.x = 1` stays in the file; text only; "@path"). */
int luaapi_loadfile(lua_State *L, const char *path, char **cause);

/* luaapi_check_count: the checks registered (or, in a preset, declared)
 * with shardlab.check so far. */
int luaapi_check_count(lua_State *L);

/* luaapi_checks_run: push a result object for (s, r) and run every
 * registered check on it, each under luastate_pcall with a budget of its
 * own; a failing check, or one that raises, loops or runs out of memory
 * (an error naming its file and line), is appended to *extra / *n_extra
 * (grown with xrealloc; the caller frees).  The stack is left as found.
 * Returns 0, or -1 with *cause when the state itself failed. */
int luaapi_checks_run(lua_State *L, const Scenario *s, const Result *r, ExtraCheck **extra,
    int *n_extra, char **cause);

/* luaapi_close: luastate_free, with every Lua instruction refused first so
 * that a finalizer (__gc) cannot loop past the budget while closing. */
void luaapi_close(lua_State *L);

#endif
