/* run.h: running what-if scripts (`shardlab run`, the TUI's `:run`).
 * Implemented with the `shardlab` Lua module (issue 3). */
#ifndef SHARDLAB_BIND_RUN_H
#define SHARDLAB_BIND_RUN_H

#include <stddef.h>

#include "catalog/catalog.h"
#include "bind/luaapi.h"
#include "lua/luastate.h"

/* script_run: run the script at `path` in a sandboxed state with the
 * `shardlab` module as a global and `arg` = {[0]=path, argv...}.  The
 * script's status: a number it returns (0..255), 0 when it returns nothing,
 * 1 when it raises.  Returns 0 with *status set, or -1 with *cause
 * ("path:line: message" and a traceback) when the script raised, tripped
 * its budget or ran out of memory (then *status = 1). */
int script_run(const Catalog *c, const LuaLimits *lim, const char *path, int argc,
    char *const *argv, ScriptOutput out, void *ud, int *status, char **cause);

/* What `shardlab run` adds to script_run (above): the scenario options
 * given before the script become evaluate's base, and --check files load
 * first so that their checks run on the script's results. */
typedef struct ScriptOptions {
	const Setup *base;              /* NULL: presets/default.lua */
	char *const *checks;
	int n_checks;
} ScriptOptions;

/* script_run_with: script_run (above) with options.  A script that cannot
 * be read or has a syntax error: -1 with *status = 2 (bad input). */
int script_run_with(const Catalog *c, const LuaLimits *lim, const char *path, int argc,
    char *const *argv, const ScriptOptions *opt, ScriptOutput out, void *ud, int *status,
    char **cause);

#endif
