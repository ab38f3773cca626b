/* luaapi.c: the `shardlab` Lua module (luaapi.h, man shardlab-lua(7)):
 * its state LuaApi, opening and closing, the module table assembled from
 * each file's luaL_Reg (catalog.c, scenario.c, check.c, audit.c,
 * search.c) and the metatables (records.c, result.c), the sandbox's print
 * and require, the error helpers every file uses, and running the
 * registered checks for the CLI (luaapi_checks_run). */
#include "bind/luaapi.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bind/luaapi-internal.h"
#include "bind/luajson.h"
#include "lua/luastate.h"
#include "lua/sandbox.h"
#include "util/xmalloc.h"

static LuaApi *
api_reg(lua_State *L)
{
	LuaApi *api;
	lua_getfield(L, LUA_REGISTRYINDEX, API_KEY);
	api = lua_touserdata(L, -1);
	lua_pop(L, 1);
	return api;
}

static int
api_gc(lua_State *L)
{
	LuaApi *api = lua_touserdata(L, 1);
	free(api->sc);
	free(api->res);
	free(api->sv_work);
	free(api->sv_res);
	free(api->sv_tail);
	api->sc = NULL;
	api->res = NULL;
	api->sv_work = NULL;
	api->sv_res = NULL;
	api->sv_tail = NULL;
	setup_fini(&api->base);
	setup_fini(&api->work);
	return 0;
}

/* ---- errors and arguments ---- */

/* Raise "FILE:LINE: <msg>" for the Lua code that called the running C
 * function; msg is on top of the stack. */
int
bind_raise_top(lua_State *L)
{
	luaL_where(L, 1);
	lua_insert(L, -2);
	lua_concat(L, 2);
	return lua_error(L);
}

/* Raise a Setup/preset failure as an argument error of `fn`, freeing
 * cause: "bad value for 'tp': must be >= 1" becomes "bad argument 'tp' to
 * 'evaluate' (must be >= 1)", "unknown model 'x' (...)" names 'model'. */
int
bind_raise_cause(lua_State *L, const char *fn, char *cause)
{
	static const char *const kinds[] = { "model", "cluster", "gpu", "runtime", "fabric", NULL };
	const char *p;

	if (strncmp(cause, "bad value for '", 15) == 0 && (p = strstr(cause + 15, "': ")) != NULL) {
		lua_pushliteral(L, "bad argument '");
		lua_pushlstring(L, cause + 15, (size_t)(p - cause - 15));
		lua_pushfstring(L, "' to '%s' (%s)", fn, p + 3);
		lua_concat(L, 3);
	} else if (strncmp(cause, "unknown scenario '", 18) == 0) {
		lua_pushfstring(L, "bad argument 'preset' to '%s' (%s)", fn, cause);
	} else {
		const char *key = NULL;
		for (int i = 0; kinds[i] && !key; i++) {
			size_t n = strlen(kinds[i]);
			if (strncmp(cause, "unknown ", 8) == 0 && strncmp(cause + 8, kinds[i], n) == 0 &&
			    cause[8 + n] == ' ')
				key = kinds[i];
		}
		if (key && strcmp(key, "fabric") == 0)
			key = NULL;
		if (key)
			lua_pushfstring(L, "bad argument '%s' to '%s' (%s)", key, fn, cause);
		else
			lua_pushfstring(L, "%s: %s", fn, cause);
	}
	free(cause);
	return bind_raise_top(L);
}

int
bind_bad_arg(lua_State *L, const char *key, const char *fn, const char *why)
{
	return luaL_error(L, "bad argument '%s' to '%s' (%s)", key, fn, why);
}

/* "nil, message" for an expected failure, freeing cause. */
int
bind_push_fail(lua_State *L, char *cause)
{
	lua_pushnil(L);
	lua_pushstring(L, cause);
	free(cause);
	return 2;
}

const char *
bind_string_arg(lua_State *L, int idx, const char *key, const char *fn)
{
	if (lua_type(L, idx) != LUA_TSTRING || lua_rawlen(L, idx) == 0)
		bind_bad_arg(L, key, fn, lua_type(L, idx) == LUA_TSTRING ? "empty" :
		    lua_pushfstring(L, "must be a string, not %s", luaL_typename(L, idx)));
	return lua_tostring(L, idx);
}

/* ---- the sandbox's print, require and load ---- */

static int
l_print(lua_State *L)
{
	LuaApi *api = api_up(L);
	int n = lua_gettop(L);
	luaL_Buffer b;
	size_t len;

	luaL_buffinit(L, &b);
	for (int i = 1; i <= n; i++) {
		if (i > 1)
			luaL_addchar(&b, '\t');
		luaL_tolstring(L, i, NULL);
		luaL_addvalue(&b);
	}
	luaL_addchar(&b, '\n');
	luaL_pushresult(&b);
	const char *s = lua_tolstring(L, -1, &len);
	if (api->out)
		api->out(api->out_ud, s, len);
	else
		fwrite(s, 1, len, stderr);
	return 0;
}

/* The file of module `name` ("shardlab.units" -> ROOT/lua/shardlab/units.lua)
 * in the first root of the search path that has it, or NULL. */
static char *
module_path(const Catalog *c, const char *name)
{
	size_t n = strlen(name);
	struct stat st;

	if (n == 0 || n > 128 || name[0] == '.' || name[n - 1] == '.' || strstr(name, ".."))
		return NULL;
	for (const char *p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    *p == '_' || *p == '-' || *p == '.'))
			return NULL;
	char *rel = xstrdup(name);
	for (char *p = rel; *p; p++)
		if (*p == '.')
			*p = '/';
	for (int i = 0; i < c->n_roots; i++) {
		char *path = xasprintf("%s/lua/%s.lua", c->roots[i], rel);
		if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
			free(rel);
			return path;
		}
		free(path);
	}
	free(rel);
	return NULL;
}

static char loading_marker;

/* What require finds beside lua/: modules in C. */
static const luaL_Reg c_modules[] = {
	{ "shardlab.cjson", luajson_open },     /* shardlab.json's encode, decode, null */
	{ NULL, NULL }
};

static int
l_require(lua_State *L)
{
	LuaApi *api = api_up(L);
	const char *name = luaL_checkstring(L, 1);
	char *path, *cause = NULL;

	lua_settop(L, 1);
	lua_getfield(L, LUA_REGISTRYINDEX, LOADED_KEY);         /* 2 */
	if (lua_getfield(L, 2, name) != LUA_TNIL) {
		if (lua_touserdata(L, -1) == &loading_marker)
			return luaL_error(L, "module '%s' requires itself (a require loop)", name);
		return 1;
	}
	lua_pop(L, 1);
	/* modules written in C (the halves of lua/ modules) */
	for (const luaL_Reg *m = c_modules; m->name; m++) {
		if (strcmp(name, m->name) != 0)
			continue;
		lua_pushcfunction(L, m->func);
		lua_pushvalue(L, 1);
		lua_call(L, 1, 1);
		sandbox_readonly(L, -1, name);  /* shared by every file: read-only */
		lua_pushvalue(L, -1);
		lua_setfield(L, 2, name);
		return 1;
	}
	if (!(path = module_path(api->c, name)))
		return luaL_error(L, "module '%s' not found: require loads only the modules shipped in "
		    "shardlab's lua/ directory (e.g. require \"shardlab.units\")", name);
	if (luaapi_loadfile(L, path, &cause) != 0) {
		free(path);
		lua_pushstring(L, cause);
		free(cause);
		return lua_error(L);
	}
	free(path);
	lua_pushlightuserdata(L, &loading_marker);
	lua_setfield(L, 2, name);
	lua_pushvalue(L, 1);
	if (lua_pcall(L, 1, 1, 0) != LUA_OK) {
		lua_pushnil(L);
		lua_setfield(L, 2, name);
		return lua_error(L);
	}
	if (lua_isnil(L, -1)) {
		lua_pop(L, 1);
		lua_pushboolean(L, 1);
	} else if (lua_istable(L, -1)) {
		sandbox_readonly(L, -1, name);  /* shared by every file: read-only */
	}
	lua_pushvalue(L, -1);
	lua_setfield(L, 2, name);
	return 1;
}

/* ---- opening ---- */

static void
new_metatable(lua_State *L, const char *name, const luaL_Reg *fns, int api_idx)
{
	luaL_newmetatable(L, name);
	lua_pushvalue(L, api_idx);
	luaL_setfuncs(L, fns, 1);
	lua_pushstring(L, name);
	lua_setfield(L, -2, "__metatable");
	lua_pop(L, 1);
}

/* The module's functions, one luaL_Reg per file (luaapi-internal.h). */
static const luaL_Reg *const module_parts[] = {
	bind_catalog_fns, bind_scenario_fns, bind_check_fns, bind_audit_fns, bind_search_fns
};
#define N_MODULE_FNS 14         /* their functions, the table's size */

static int
open_protected(lua_State *L)
{
	const LuaApiConfig *cfg = lua_touserdata(L, 1);
	LuaApi *api;

	api = lua_newuserdatauv(L, sizeof *api, 0);     /* 2 */
	memset(api, 0, sizeof *api);
	luaL_newmetatable(L, MT_API);
	lua_pushcfunction(L, api_gc);
	lua_setfield(L, -2, "__gc");
	lua_setmetatable(L, 2);
	lua_pushvalue(L, 2);
	lua_setfield(L, LUA_REGISTRYINDEX, API_KEY);
	api->c = cfg->catalog;
	api->L = L;
	api->out = cfg->out;
	api->out_ud = cfg->out_ud;
	api->preset = cfg->preset;
	api->sc = xmalloc(sizeof *api->sc);
	api->res = xmalloc(sizeof *api->res);
	setup_init(&api->base);
	if (cfg->base) {
		setup_copy(&api->base, cfg->base);
		api->base_ready = true;
	}
	api->loader = bind_loader(api);
	for (int k = 0; k < CK_COUNT; k++) {
		lua_newtable(L);
		api->cache[k] = luaL_ref(L, LUA_REGISTRYINDEX);
	}
	lua_newtable(L);
	api->checks = luaL_ref(L, LUA_REGISTRYINDEX);
	lua_newtable(L);
	lua_setfield(L, LUA_REGISTRYINDEX, LOADED_KEY);

	new_metatable(L, MT_RESULT, bind_result_mt, 2);
	new_metatable(L, MT_MODEL, bind_record_mt, 2);
	new_metatable(L, MT_CLUSTER, bind_record_mt, 2);
	new_metatable(L, MT_RUNTIME, bind_record_mt, 2);
	luaL_newmetatable(L, MT_SETUP);
	lua_pushcfunction(L, bind_setupbox_gc);
	lua_setfield(L, -2, "__gc");
	lua_pop(L, 1);

	/* the module table: each file's functions, the LuaApi as upvalue */
	lua_createtable(L, 0, N_MODULE_FNS);
	for (size_t i = 0; i < sizeof module_parts / sizeof module_parts[0]; i++) {
		lua_pushvalue(L, 2);
		luaL_setfuncs(L, module_parts[i], 1);
	}
	lua_pushliteral(L, SHARDLAB_VERSION);
	lua_setfield(L, -2, "version");
	sandbox_readonly(L, -1, "shardlab");    /* a check cannot replace evaluate */
	lua_setglobal(L, "shardlab");
	lua_pop(L, 1);

	lua_pushvalue(L, 2);
	lua_pushcclosure(L, l_print, 1);
	lua_setglobal(L, "print");
	lua_pushvalue(L, 2);
	lua_pushcclosure(L, l_require, 1);
	lua_setglobal(L, "require");
	/* results are many and short-lived: the generational collector keeps
	 * a sweep of a million evaluations cheap */
	lua_gc(L, LUA_GCGEN, 0, 0);
	return 0;
}

int
luaapi_open(lua_State *L, const LuaApiConfig *cfg, char **cause)
{
	lua_pushcfunction(L, open_protected);
	lua_pushlightuserdata(L, (void *)cfg);
	if (lua_pcall(L, 1, 0, 0) != LUA_OK) {
		*cause = xasprintf("cannot open the shardlab module: %s",
		    lua_tostring(L, -1) ? lua_tostring(L, -1) : "out of memory");
		lua_pop(L, 1);
		return -1;
	}
	return 0;
}

int
luaapi_loadfile(lua_State *L, const char *path, char **cause)
{
	return luastate_loadfile(L, path, cause);
}

int
luaapi_check_count(lua_State *L)
{
	LuaApi *api = api_reg(L);
	return api ? api->n_checks : 0;
}

typedef struct {
	const Scenario *s;
	const Result *r;
	ExtraCheck **extra;
	int *n_extra;
} ChecksCtx;

static int
checks_protected(lua_State *L)
{
	ChecksCtx *x = lua_touserdata(L, 1);
	LuaApi *api = api_reg(L);

	api->L = L;
	bind_push_model(L, &x->s->model);               /* 2 */
	*api->sc = *x->s;
	*api->res = *x->r;
	bind_result_push(L, api, 2, 0, CUSTOM_OFF);     /* 3 */
	lua_rawgeti(L, LUA_REGISTRYINDEX, api->checks); /* 4 */
	for (int i = 1; i <= api->n_checks; i++) {
		Severity sev;
		lua_rawgeti(L, 4, i);
		int rec = lua_gettop(L);
		api->in_check++;        /* results made inside: built-in checks only */
		bool failed = bind_check_call(L, rec, 3, true, &sev);
		api->in_check--;
		if (failed) {
			lua_getfield(L, rec, "id");
			*x->extra = xrealloc(*x->extra, (size_t)(*x->n_extra + 1) * sizeof **x->extra);
			ExtraCheck *e = &(*x->extra)[(*x->n_extra)++];
			e->id = xstrdup(lua_tostring(L, -1));
			e->severity = sev;
			e->message = xstrdup(lua_tostring(L, -2));
		}
		lua_settop(L, rec - 1);
	}
	return 0;
}

int
luaapi_checks_run(lua_State *L, const Scenario *s, const Result *r, ExtraCheck **extra,
    int *n_extra, char **cause)
{
	ChecksCtx x = { s, r, extra, n_extra };

	lua_pushcfunction(L, checks_protected);
	lua_pushlightuserdata(L, &x);
	if (lua_pcall(L, 1, 0, 0) != LUA_OK) {
		*cause = xasprintf("running checks: %s", lua_tostring(L, -1) ? lua_tostring(L, -1) :
		    "out of memory");
		lua_pop(L, 1);
		return -1;
	}
	return 0;
}

void
luaapi_close(lua_State *L)
{
	luastate_free(L);
}
