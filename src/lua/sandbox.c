/* sandbox.c: the globals every Lua file runs with; see sandbox.h. */
#include "sandbox.h"

#include <lauxlib.h>
#include <lualib.h>
#include <string.h>

#include "budget.h"

/* ---- load, setmetatable, xpcall ---- */

/* Push the _ENV of the innermost Lua function on the call stack (a C
 * caller such as pcall(load, s) is skipped); false when there is none. */
static bool
push_caller_env(lua_State *L)
{
	lua_Debug ar;

	for (int level = 1; lua_getstack(L, level, &ar); level++) {
		if (!lua_getinfo(L, "Sf", &ar))
			break;
		int f = lua_gettop(L);
		if (strcmp(ar.what, "C") == 0) {
			lua_pop(L, 1);
			continue;
		}
		for (int i = 1;; i++) {
			const char *up = lua_getupvalue(L, f, i);
			if (!up)
				break;
			if (strcmp(up, "_ENV") == 0 && lua_istable(L, -1)) {
				lua_remove(L, f);
				return true;
			}
			lua_pop(L, 1);
		}
		lua_pop(L, 1);
	}
	return false;
}

/* load(chunk [, chunkname [, mode [, env]]]): text only, whatever the mode;
 * without env, the calling file's _ENV, never the shared globals. */
static int
sb_load(lua_State *L)
{
	int n = lua_gettop(L);

	lua_settop(L, 4);
	lua_pushvalue(L, lua_upvalueindex(1));  /* the base library's load: 5 */
	lua_pushvalue(L, 1);
	lua_pushvalue(L, 2);
	lua_pushliteral(L, "t");
	if (n >= 4)
		lua_pushvalue(L, 4);
	else if (!push_caller_env(L))
		sandbox_new_env(L);
	lua_call(L, 4, LUA_MULTRET);
	return lua_gettop(L) - 4;
}

/* setmetatable without __gc: Lua 5.4 runs finalizers with hooks off, so a
 * looping __gc would escape the budget.  Checked raw, as Lua marks an
 * object for finalization only when its metatable has __gc when set. */
static int
sb_setmetatable(lua_State *L)
{
	if (lua_type(L, 2) == LUA_TTABLE) {
		lua_pushliteral(L, "__gc");
		if (lua_rawget(L, 2) != LUA_TNIL)
			return luaL_error(L, "'__gc' metamethods are not available: scripts are sandboxed "
			    "(finalizers run outside the instruction budget)");
		lua_pop(L, 1);
	}
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, lua_gettop(L) - 1, 1);
	return 1;
}

/* xpcall(f, msgh, ...): the base library's runs msgh where the error is
 * raised, and the budget's error is raised inside the count hook, where
 * Lua runs no hook: a looping handler would never stop.  Here the handler
 * runs after f has unwound, as an ordinary call under the budget. */
static int
sb_xpcall(lua_State *L)
{
	int n = lua_gettop(L);

	luaL_checktype(L, 2, LUA_TFUNCTION);
	lua_pushvalue(L, 1);
	for (int i = 3; i <= n; i++)
		lua_pushvalue(L, i);
	int rc = lua_pcall(L, n - 2, LUA_MULTRET, 0);
	if (rc == LUA_OK) {
		lua_pushboolean(L, 1);
		lua_insert(L, n + 1);
		return lua_gettop(L) - n;
	}
	if (rc != LUA_ERRMEM) {
		lua_pushvalue(L, 2);
		lua_insert(L, -2);
		lua_pcall(L, 1, 1, 0);  /* its error, if any, is the result */
	}
	lua_pushboolean(L, 0);
	lua_insert(L, -2);
	return 2;
}

/* ---- library functions that loop in C: charged to the budget ---- */

/* string.rep(s, n [, sep]): as Lua's, which loops n times even when the
 * result is empty; an empty result at once, else charged one unit per 16
 * copies and bytes (the memory cap bounds the rest). */
static int
sb_rep(lua_State *L)
{
	size_t l, lsep;
	luaL_checklstring(L, 1, &l);
	lua_Integer n = luaL_checkinteger(L, 2);
	luaL_optlstring(L, 3, "", &lsep);

	if (n <= 0 || l + lsep == 0) {
		lua_pushliteral(L, "");
		return 1;
	}
	budget_charge(L, ((double)n + (double)n * (double)(l + lsep)) / 16);
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, lua_gettop(L) - 1, 1);
	return 1;
}

/* table.move(a1, f, e, t [, a2]): one unit per element moved. */
static int
sb_move(lua_State *L)
{
	lua_Integer f = luaL_checkinteger(L, 2), e = luaL_checkinteger(L, 3);

	if (e >= f)
		budget_charge(L, (double)e - (double)f + 1);
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, lua_gettop(L) - 1, 1);
	return 1;
}

/* Replace lib[name] (lib on top) by fn with the old function as upvalue 1. */
static void
wrap(lua_State *L, const char *name, lua_CFunction fn)
{
	lua_getfield(L, -1, name);
	lua_pushcclosure(L, fn, 1);
	lua_setfield(L, -2, name);
}

/* ---- what a sandboxed file may not touch, and why ---- */

static const struct {
	const char *name;
	const char *why;
} denied[] = {
	{ "io", "'io' is not available: scripts are sandboxed (no file access; --unsafe opens io and os)" },
	{ "debug", "'debug' is not available: scripts are sandboxed" },
	{ "package", "'package' is not available: scripts are sandboxed (require loads shardlab's "
	  "modules from lua/)" },
	{ "dofile", "'dofile' is not available: scripts are sandboxed (require loads shardlab's "
	  "modules from lua/)" },
	{ "loadfile", "'loadfile' is not available: scripts are sandboxed (require loads shardlab's "
	  "modules from lua/)" },
};

static int
deny_global(lua_State *L)
{
	if (lua_type(L, 2) == LUA_TSTRING) {
		const char *k = lua_tostring(L, 2);
		for (size_t i = 0; i < sizeof denied / sizeof denied[0]; i++)
			if (strcmp(k, denied[i].name) == 0)
				return luaL_error(L, "%s", denied[i].why);
	}
	return 0;
}

static int
deny_os(lua_State *L)
{
	if (lua_type(L, 2) == LUA_TSTRING)
		return luaL_error(L, "'os.%s' is not available: scripts are sandboxed (os has only clock; "
		    "--unsafe opens io and os)", lua_tostring(L, 2));
	return 0;
}

static int
deny_exit(lua_State *L)
{
	return luaL_error(L, "'os.exit' is not available: return the exit status from the script");
}

static int
deny_string(lua_State *L)
{
	if (lua_type(L, 2) == LUA_TSTRING && strcmp(lua_tostring(L, 2), "dump") == 0)
		return luaL_error(L, "'string.dump' is not available: scripts are sandboxed (no bytecode)");
	return 0;
}

/* Give the table on top a metatable whose __index is fn. */
static void
deny_with(lua_State *L, lua_CFunction fn)
{
	lua_createtable(L, 0, 2);
	lua_pushcfunction(L, fn);
	lua_setfield(L, -2, "__index");
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	lua_setmetatable(L, -2);
}

/* os.clock is the only os function a sandboxed file gets. */
static int
safe_clock(lua_State *L)
{
	lua_getfield(L, lua_upvalueindex(1), "clock");
	lua_call(L, 0, 1);
	return 1;
}

/* ---- read-only views ---- */

static int
ro_newindex(lua_State *L)
{
	return luaL_error(L, "'%s' is read-only: the libraries and the shardlab module are shared "
	    "by every file (keep your own values in locals or globals)",
	    lua_tostring(L, lua_upvalueindex(1)));
}

static int
ro_next(lua_State *L)
{
	luaL_checktype(L, 1, LUA_TTABLE);
	lua_settop(L, 2);
	if (lua_next(L, 1))
		return 2;
	lua_pushnil(L);
	return 1;
}

/* rawset(t, k, v) that refuses read-only views: a raw write would land in
 * the view itself and be what every later file reads. */
static int
sb_rawset(lua_State *L)
{
	if (lua_type(L, 1) == LUA_TTABLE && lua_getmetatable(L, 1)) {
		lua_getfield(L, -1, "__newindex");
		if (lua_tocfunction(L, -1) == ro_newindex) {
			lua_getupvalue(L, -1, 1);
			return luaL_error(L, "'%s' is read-only: the libraries and the shardlab module are "
			    "shared by every file (keep your own values in locals or globals)",
			    lua_tostring(L, -1));
		}
		lua_pop(L, 2);
	}
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, lua_gettop(L) - 1, 1);
	return 1;
}

/* pairs(view): the viewed table's pairs (upvalue 1). */
static int
ro_pairs(lua_State *L)
{
	lua_pushcfunction(L, ro_next);
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_pushnil(L);
	return 3;
}

void
sandbox_readonly(lua_State *L, int idx, const char *name)
{
	idx = lua_absindex(L, idx);
	lua_newtable(L);
	lua_createtable(L, 0, 4);
	lua_pushvalue(L, idx);
	lua_setfield(L, -2, "__index");
	lua_pushstring(L, name);
	lua_pushcclosure(L, ro_newindex, 1);
	lua_setfield(L, -2, "__newindex");
	lua_pushvalue(L, idx);
	lua_pushcclosure(L, ro_pairs, 1);
	lua_setfield(L, -2, "__pairs");
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	lua_setmetatable(L, -2);
}

void
sandbox_new_env(lua_State *L)
{
	lua_newtable(L);
	lua_pushvalue(L, -1);
	lua_setfield(L, -2, "_G");
	lua_createtable(L, 0, 2);
	lua_pushglobaltable(L);
	lua_setfield(L, -2, "__index");
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	lua_setmetatable(L, -2);
}

/* ---- opening ---- */

void
sandbox_open(lua_State *L, bool unsafe)
{
	static const char *const removed[] = { "dofile", "loadfile", "_G", NULL };
	static const char *const libs[] = { "string", "table", "math", "utf8", "os", "io", NULL };

	for (const char *const *r = removed; *r; r++) {
		lua_pushnil(L);
		lua_setglobal(L, *r);
	}
	lua_getglobal(L, "load");
	lua_pushcclosure(L, sb_load, 1);
	lua_setglobal(L, "load");
	lua_getglobal(L, "setmetatable");
	lua_pushcclosure(L, sb_setmetatable, 1);
	lua_setglobal(L, "setmetatable");
	lua_pushcfunction(L, sb_xpcall);
	lua_setglobal(L, "xpcall");
	lua_getglobal(L, "rawset");
	lua_pushcclosure(L, sb_rawset, 1);
	lua_setglobal(L, "rawset");

	lua_getglobal(L, "string");
	lua_pushnil(L);
	lua_setfield(L, -2, "dump");
	wrap(L, "rep", sb_rep);
	deny_with(L, deny_string);
	lua_pop(L, 1);
	lua_getglobal(L, "table");
	wrap(L, "move", sb_move);
	lua_pop(L, 1);

	if (unsafe) {
		luaL_requiref(L, LUA_IOLIBNAME, luaopen_io, 1);
		luaL_requiref(L, LUA_OSLIBNAME, luaopen_os, 1);
		/* all of os but exit, which would end the host (the TUI)
		 * without its clean-up */
		lua_pushcfunction(L, deny_exit);
		lua_setfield(L, -2, "exit");
		lua_pop(L, 2);
	} else {
		luaL_requiref(L, LUA_OSLIBNAME, luaopen_os, 0);   /* not global */
		lua_newtable(L);
		lua_pushvalue(L, -2);
		lua_pushcclosure(L, safe_clock, 1);
		lua_setfield(L, -2, "clock");
		deny_with(L, deny_os);
		lua_setglobal(L, "os");
		lua_pop(L, 1);
	}
	/* the libraries are shared by every file: read-only views */
	for (const char *const *l = libs; *l; l++) {
		if (lua_getglobal(L, *l) == LUA_TTABLE) {
			sandbox_readonly(L, -1, *l);
			lua_setglobal(L, *l);
		}
		lua_pop(L, 1);
	}
	lua_pushglobaltable(L);
	deny_with(L, deny_global);
	lua_pop(L, 1);
	/* the strings' metatable leads to the shared string library */
	lua_pushliteral(L, "");
	if (lua_getmetatable(L, -1)) {
		lua_pushboolean(L, 0);
		lua_setfield(L, -2, "__metatable");
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
}
