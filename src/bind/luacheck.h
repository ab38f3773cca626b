/* luacheck.h: custom checks written in Lua (shardlab.check{...}) run beside
 * the built-in ones. */
#ifndef SHARDLAB_BIND_LUACHECK_H
#define SHARDLAB_BIND_LUACHECK_H

#include "catalog/catalog.h"
#include "core/eval.h"
#include "io/result_json.h"
#include "lua/luastate.h"

/* luacheck_run: load each file in `files` (each registers checks with
 * shardlab.check{id=, severity=, fn=}), run every check's fn on the result
 * tree of (s, r) and append one ExtraCheck per failing check to *extra
 * (allocated array; free each id and message, then the array).  A check
 * that raises, loops or exhausts memory becomes an error naming its file
 * and line; the others still run.  Returns 0, or -1 with *cause when a file
 * cannot be loaded. */
int luacheck_run(const Catalog *c, const LuaLimits *lim, const char *const *files, int n_files,
    const Scenario *s, const Result *r, ExtraCheck **extra, int *n_extra, char **cause);

#endif
