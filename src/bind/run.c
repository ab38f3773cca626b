/* run.c: what-if scripts (`shardlab run`, the TUI's `:run`); see run.h. */
#include "bind/run.h"

#include <lauxlib.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "bind/luaapi.h"
#include "util/xmalloc.h"

int
script_run(const Catalog *c, const LuaLimits *lim, const char *path, int argc,
    char *const *argv, ScriptOutput out, void *ud, int *status, char **cause)
{
	ScriptOptions opt = { 0 };
	return script_run_with(c, lim, path, argc, argv, &opt, out, ud, status, cause);
}

/* True when msg starts with "something:123:" (a Lua position). */
static bool
has_position(const char *msg)
{
	const char *p = strchr(msg, ':');
	if (!p || p == msg || memchr(msg, '\n', (size_t)(p - msg)) || !(p[1] >= '0' && p[1] <= '9'))
		return false;
	for (p++; *p >= '0' && *p <= '9'; p++)
		;
	return *p == ':';
}

/* A returned value as an exit status: 0..255, nil 0, true 0, false 1. */
static int
returned_status(lua_State *L, const char *path, int *status, char **cause)
{
	int isint = 0;
	lua_Integer v;

	switch (lua_type(L, -1)) {
	case LUA_TNONE:
	case LUA_TNIL:
		*status = 0;
		return 0;
	case LUA_TBOOLEAN:
		*status = lua_toboolean(L, -1) ? 0 : 1;
		return 0;
	case LUA_TNUMBER:
		v = lua_tointegerx(L, -1, &isint);
		if (isint && v >= 0 && v <= 255) {
			*status = (int)v;
			return 0;
		}
		*cause = xasprintf("%s: returned %s; an exit status is a whole number in 0..255", path,
		    lua_tostring(L, -1));
		break;
	default:
		*cause = xasprintf("%s: returned a %s; return an exit status (0..255) or nothing", path,
		    luaL_typename(L, -1));
		break;
	}
	*status = 1;
	return -1;
}

int
script_run_with(const Catalog *c, const LuaLimits *lim, const char *path, int argc,
    char *const *argv, const ScriptOptions *opt, ScriptOutput out, void *ud, int *status,
    char **cause)
{
	LuaApiConfig cfg = { .catalog = c, .base = opt->base, .out = out, .out_ud = ud };
	lua_State *L;
	int rc = -1;

	*status = 2;
	if (!(L = luastate_new(lim, cause)))
		return -1;
	if (luaapi_open(L, &cfg, cause) != 0)
		goto out;
	/* check files first (--check, then the base scenario preset's own
	 * checks): their checks run on the script's results */
	int n_files = opt->n_checks + (opt->base && opt->base->checks_file ? 1 : 0);
	for (int i = 0; i < n_files; i++) {
		const char *file = i < opt->n_checks ? opt->checks[i] : opt->base->checks_file;
		if (luaapi_loadfile(L, file, cause) != 0)
			goto out;
		if (luastate_pcall(L, 0, 0, cause) != 0) {
			*status = 1;
			goto out;
		}
	}
	if (luaapi_loadfile(L, path, cause) != 0)
		goto out;
	/* arg = {[0] = path, argv...}, in the script's own _ENV */
	if (lua_getupvalue(L, -1, 1)) {
		lua_createtable(L, argc, 1);
		lua_pushstring(L, path);
		lua_rawseti(L, -2, 0);
		for (int i = 0; i < argc; i++) {
			lua_pushstring(L, argv[i]);
			lua_rawseti(L, -2, i + 1);
		}
		lua_setfield(L, -2, "arg");
		lua_pop(L, 1);
	}
	*status = 1;
	if (luastate_pcall(L, 0, 1, cause) != 0) {
		/* every error names a file: memory errors and non-string error
		 * objects carry no position of their own */
		if (!has_position(*cause)) {
			char *msg = xasprintf("%s: %s", path, *cause);
			free(*cause);
			*cause = msg;
		}
		goto out;
	}
	rc = returned_status(L, path, status, cause);
out:
	luaapi_close(L);
	return rc;
}
