/* check.c: custom checks of the `shardlab` module: check{id =, severity =,
 * fn =} registers one, bind_check_call runs one on a result,
 * bind_custom_run runs them all on a script's result (when it reads checks
 * or feasible) and keeps the failures.  A check
 * returns ok[, message]; one that raises fails with severity error and a
 * one-line message naming a file and line. */
#include <stdlib.h>
#include <string.h>

#include "bind/luaapi-internal.h"
#include "lua/luastate.h"

/* True when msg starts with "something:123:" (a Lua position). */
static bool
has_position(const char *msg)
{
	const char *p = strchr(msg, ':');
	if (!p || p == msg || memchr(msg, '\n', (size_t)(p - msg)))
		return false;
	if (!(p[1] >= '0' && p[1] <= '9'))
		return false;
	for (p++; *p >= '0' && *p <= '9'; p++)
		;
	return *p == ':';
}

/* Call check record `rec` (absolute index) on the result at ridx; leave
 * its outcome: nothing when it passed, else a message string on top and
 * *sev set.  fresh: under luastate_pcall with a budget of its own (checks
 * of --check files); else inside the script's own budget. */
bool
bind_check_call(lua_State *L, int rec, int ridx, bool fresh, Severity *sev)
{
	char *cause = NULL;
	int top = lua_gettop(L), rc;

	lua_getfield(L, rec, "fn");
	lua_pushvalue(L, ridx);
	if (fresh) {
		lua_sethook(L, NULL, 0, 0);     /* luastate_pcall arms its own */
		rc = luastate_pcall(L, 1, 2, &cause) == 0 ? LUA_OK : LUA_ERRRUN;
		if (rc != LUA_OK) {
			lua_pushstring(L, cause);
			free(cause);
		}
	} else {
		rc = lua_pcall(L, 1, 2, 0);
		if (rc == LUA_ERRMEM) {
			lua_pop(L, 1);
			lua_pushliteral(L, "Lua ran out of memory");
		}
	}
	if (rc != LUA_OK) {
		/* one line, naming a file and line: the error's own, else where
		 * the check's function is defined */
		const char *msg = lua_isstring(L, -1) ? lua_tostring(L, -1) : "(error object is not a string)";
		size_t len = strcspn(msg, "\n");
		if (has_position(msg)) {
			lua_pushlstring(L, msg, len);
		} else {
			lua_getfield(L, rec, "where");
			lua_pushliteral(L, ": ");
			lua_pushlstring(L, msg, len);
			lua_concat(L, 3);
		}
		lua_replace(L, top + 1);
		lua_settop(L, top + 1);
		lua_gc(L, LUA_GCCOLLECT, 0);
		*sev = SEV_ERROR;
		return true;
	}
	if (lua_toboolean(L, -2)) {
		lua_settop(L, top);
		return false;
	}
	lua_getfield(L, rec, "severity");
	const char *sv = lua_tostring(L, -1);
	*sev = sv && strcmp(sv, "warn") == 0 ? SEV_WARN : sv && strcmp(sv, "info") == 0 ? SEV_INFO :
	    SEV_ERROR;
	lua_pop(L, 1);
	if (lua_type(L, -1) == LUA_TSTRING || lua_type(L, -1) == LUA_TNUMBER)
		lua_pushstring(L, lua_tostring(L, -1));
	else
		lua_pushliteral(L, "failed");
	lua_replace(L, top + 1);
	lua_settop(L, top + 1);
	return true;
}

/* Run the registered checks on the result at ridx (a script's result, read
 * for its checks or feasible), keeping the failures as user value UV_EXTRA. */
void
bind_custom_run(lua_State *L, LuaApi *api, int ridx, LuaResult *lr)
{
	int k = 0, errors = 0;

	lr->custom = CUSTOM_RUNNING;
	api->in_check++;
	lua_createtable(L, api->n_checks, 0);
	int out = lua_gettop(L);
	lua_rawgeti(L, LUA_REGISTRYINDEX, api->checks);
	int list = lua_gettop(L);
	for (int i = 1; i <= api->n_checks; i++) {
		Severity sev;
		lua_rawgeti(L, list, i);
		int rec = lua_gettop(L);
		if (bind_check_call(L, rec, ridx, false, &sev)) {
			lua_createtable(L, 0, 3);
			lua_getfield(L, rec, "id");
			lua_setfield(L, -2, "id");
			set_str(L, "severity", severity_name(sev));
			lua_pushvalue(L, -2);
			lua_setfield(L, -2, "message");
			lua_rawseti(L, out, ++k);
			lua_pop(L, 1);
			errors += sev == SEV_ERROR;
		}
		lua_settop(L, rec - 1);
	}
	lua_pop(L, 1);
	api->in_check--;
	lua_setiuservalue(L, ridx, UV_EXTRA);
	lr->custom = CUSTOM_DONE;
	lr->extra_errors = errors;
}

/* check{id = , severity = , fn = } or check(id, fn) */
static int
l_check(lua_State *L)
{
	LuaApi *api = api_up(L);
	lua_Debug ar;

	if (lua_type(L, 1) == LUA_TSTRING) {
		luaL_checktype(L, 2, LUA_TFUNCTION);
		lua_settop(L, 2);
		lua_createtable(L, 0, 3);
		lua_pushvalue(L, 1);
		lua_setfield(L, 3, "id");
		lua_pushvalue(L, 2);
		lua_setfield(L, 3, "fn");
		lua_replace(L, 1);
		lua_settop(L, 1);
	}
	luaL_checktype(L, 1, LUA_TTABLE);
	lua_settop(L, 1);
	lua_pushnil(L);
	while (lua_next(L, 1)) {
		lua_pop(L, 1);
		const char *k = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "";
		if (strcmp(k, "id") && strcmp(k, "severity") && strcmp(k, "fn") && strcmp(k, "description"))
			return luaL_error(L, "bad argument '%s' to 'check' (unknown key; keys: id, severity, fn, "
			    "description)", luaL_tolstring(L, -1, NULL));
	}
	lua_getfield(L, 1, "id");               /* 2 */
	const char *id = lua_tostring(L, 2);
	if (lua_type(L, 2) != LUA_TSTRING || !*id)
		return bind_bad_arg(L, "id", "check", "a name such as \"team.no-tp-across-nodes\"");
	for (const char *p = id; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    *p == '.' || *p == '_' || *p == '-'))
			return bind_bad_arg(L, "id", "check", "letters, digits and . _ - only");
	lua_getfield(L, 1, "severity");         /* 3 */
	if (lua_isnil(L, 3)) {
		lua_pop(L, 1);
		lua_pushliteral(L, "error");
	}
	const char *sev = lua_tostring(L, 3);
	if (lua_type(L, 3) != LUA_TSTRING || (strcmp(sev, "error") && strcmp(sev, "warn") &&
	    strcmp(sev, "info")))
		return bind_bad_arg(L, "severity", "check", "must be \"error\", \"warn\" or \"info\"");
	if (lua_getfield(L, 1, "fn") != LUA_TFUNCTION)  /* 4 */
		return bind_bad_arg(L, "fn", "check", "must be a function(result) returning ok, message");
	lua_rawgeti(L, LUA_REGISTRYINDEX, api->checks); /* 5 */
	for (int i = 1; i <= api->n_checks; i++) {
		lua_rawgeti(L, 5, i);
		lua_getfield(L, -1, "id");
		if (strcmp(lua_tostring(L, -1), id) == 0) {
			lua_getfield(L, -2, "where");
			return luaL_error(L, "bad argument 'id' to 'check' (check '%s' is already defined at %s)",
			    id, lua_tostring(L, -1));
		}
		lua_pop(L, 2);
	}
	lua_createtable(L, 0, 4);               /* 6 */
	lua_pushvalue(L, 2);
	lua_setfield(L, 6, "id");
	lua_pushvalue(L, 3);
	lua_setfield(L, 6, "severity");
	lua_pushvalue(L, 4);
	lua_setfield(L, 6, "fn");
	lua_pushvalue(L, 4);
	lua_getinfo(L, ">S", &ar);
	lua_pushfstring(L, "%s:%d", ar.short_src, ar.linedefined);
	lua_setfield(L, 6, "where");
	lua_rawseti(L, 5, ++api->n_checks);
	return 0;
}

const luaL_Reg bind_check_fns[] = {
	{ "check", l_check }, { NULL, NULL }
};
