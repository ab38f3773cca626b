/* presetenv.c: the preset's data-only environment; see presetenv.h. */
#include "presetenv.h"

#include <lauxlib.h>

#include "sandbox.h"

static const char count_key = 0;        /* registry: checks declared */

/* shardlab.check{...} in a preset: counted; the file's checks are run
 * from the file later (Setup's checks_file). */
static int
declare_check(lua_State *L)
{
	lua_rawgetp(L, LUA_REGISTRYINDEX, &count_key);
	lua_Integer n = lua_tointeger(L, -1);
	lua_pushinteger(L, n + 1);
	lua_rawsetp(L, LUA_REGISTRYINDEX, &count_key);
	return 0;
}

static int
not_data(lua_State *L)
{
	return luaL_error(L, "'shardlab.%s' is not available in a preset: presets are data (a table "
	    "of values; derive one preset from another in a script)", luaL_optstring(L, 2, "?"));
}

static int
open_protected(lua_State *L)
{
	lua_createtable(L, 0, 2);
	lua_pushcfunction(L, declare_check);
	lua_setfield(L, -2, "check");
	lua_pushliteral(L, SHARDLAB_VERSION);
	lua_setfield(L, -2, "version");
	lua_createtable(L, 0, 1);
	lua_pushcfunction(L, not_data);
	lua_setfield(L, -2, "__index");
	lua_setmetatable(L, -2);
	sandbox_readonly(L, -1, "shardlab");
	lua_setglobal(L, "shardlab");
	return 0;
}

int
presetenv_open(lua_State *L)
{
	lua_pushcfunction(L, open_protected);
	if (lua_pcall(L, 0, 0, 0) != LUA_OK) {
		lua_pop(L, 1);
		return -1;
	}
	return 0;
}

int
presetenv_check_count(lua_State *L)
{
	lua_rawgetp(L, LUA_REGISTRYINDEX, &count_key);
	int n = (int)lua_tointeger(L, -1);
	lua_pop(L, 1);
	return n;
}
