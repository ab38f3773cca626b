/* sandbox.h: what every Lua file shardlab runs sees (scripts, check
 * files, presets, Lua plans, the lua/ modules): the safe libraries only,
 * and those read-only; `load` for text chunks in the caller's _ENV;
 * `setmetatable` without __gc; an `xpcall` whose message handler runs
 * under the budget; `string.rep` and `table.move` charged to the budget
 * (Redis script_lua.c replaces its library functions likewise); and a
 * one-line message naming the sandbox where a file reaches past it (io,
 * os.execute, debug, package, dofile, loadfile, string.dump). */
#ifndef SHARDLAB_LUA_SANDBOX_H
#define SHARDLAB_LUA_SANDBOX_H

#include <stdbool.h>

#include <lua.h>

/* sandbox_open: turn the globals of a state holding the base, string,
 * table, math and utf8 libraries (and, unsafe, io and os) into the
 * sandbox; os keeps only clock unless unsafe.  Raises on out of memory
 * (call it under lua_pcall). */
void sandbox_open(lua_State *L, bool unsafe);

/* sandbox_readonly: replace the table at idx by a read-only view of it:
 * reads and pairs() see the table, writes raise "'name' is read-only".
 * Pushes the view.  Raises on out of memory. */
void sandbox_readonly(lua_State *L, int idx, const char *name);

/* sandbox_new_env: push a file's own _ENV: a fresh table whose reads fall
 * through to the shared globals and whose _G is itself, so that globals a
 * file sets stay in that file.  Raises on out of memory. */
void sandbox_new_env(lua_State *L);

#endif
