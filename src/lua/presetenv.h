/* presetenv.h: the environment presets run in.  Presets are data: a file
 * returning a table (docs/PRESET-FORMAT.md), run in the sandbox with a
 * `shardlab` that only declares checks (a scenario preset's
 * shardlab.check{...} are run later, from the file, with the whole
 * module); any other shardlab.x is a one-line error. */
#ifndef SHARDLAB_LUA_PRESETENV_H
#define SHARDLAB_LUA_PRESETENV_H

#include <lua.h>

/* Instructions a preset may run: a stray loop ends at once. */
#define PRESET_BUDGET 10000000L

/* presetenv_open: install the preset's `shardlab` in a state from
 * luastate_new.  Returns 0, or -1 (out of memory). */
int presetenv_open(lua_State *L);

/* presetenv_check_count: the checks the preset declared so far. */
int presetenv_check_count(lua_State *L);

#endif
