/* luastate.c: sandboxed Lua states; see luastate.h. */
#include "lua/luastate.h"

#include <lauxlib.h>
#include <lualib.h>
#include <stdlib.h>
#include <string.h>

#include "lua/budget.h"
#include "lua/sandbox.h"
#include "util/xmalloc.h"

typedef struct {
	size_t used, cap;
	LuaBudget budget;
	bool one_line;
} StateInfo;

static StateInfo *
info_of(lua_State *L)
{
	void *ud;
	lua_getallocf(L, &ud);
	return ud;
}

static void *
capped_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
	StateInfo *si = ud;
	size_t old = ptr ? osize : 0;

	if (nsize == 0) {
		free(ptr);
		si->used -= old;
		return NULL;
	}
	if (nsize > old && si->used - old + nsize > si->cap)
		return NULL;    /* Lua raises "not enough memory" */
	void *p = realloc(ptr, nsize);
	if (p)
		si->used = si->used - old + nsize;
	return p;
}

/* The one message handler (lua.c msghandler): the message and a
 * traceback, or for data files (plans, presets) the message's first line
 * alone; an error object's __tostring. */
static int
msghandler(lua_State *L)
{
	const char *msg = lua_tostring(L, 1);
	if (msg == NULL) {
		if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING)
			msg = lua_tostring(L, -1);
		else
			msg = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
	}
	if (info_of(L)->one_line)
		lua_pushlstring(L, msg, strcspn(msg, "\n"));
	else
		luaL_traceback(L, L, msg, 1);
	return 1;
}

static int
open_protected(lua_State *L)
{
	static const luaL_Reg libs[] = {
		{ LUA_GNAME, luaopen_base }, { LUA_STRLIBNAME, luaopen_string },
		{ LUA_TABLIBNAME, luaopen_table }, { LUA_MATHLIBNAME, luaopen_math },
		{ LUA_UTF8LIBNAME, luaopen_utf8 }, { NULL, NULL }
	};
	for (const luaL_Reg *l = libs; l->func; l++) {
		luaL_requiref(L, l->name, l->func, 1);
		lua_pop(L, 1);
	}
	sandbox_open(L, lua_toboolean(L, 1));
	return 0;
}

lua_State *
luastate_new(const LuaLimits *lim, char **cause)
{
	StateInfo *si = xcalloc(1, sizeof *si);
	lua_State *L;

	si->cap = lim && lim->mem_bytes ? lim->mem_bytes : LUA_DEFAULT_MEM_BYTES;
	si->budget.budget = lim ? lim->budget : LUA_DEFAULT_BUDGET;
	si->one_line = lim && lim->one_line;
	L = lua_newstate(capped_alloc, si);
	if (!L) {
		free(si);
		*cause = xstrdup("cannot create a Lua state (out of memory)");
		return NULL;
	}
	budget_attach(L, &si->budget);
	lua_pushcfunction(L, open_protected);
	lua_pushboolean(L, lim && lim->unsafe);
	if (lua_pcall(L, 1, 0, 0) != LUA_OK) {
		*cause = xstrdup("cannot create a Lua state (out of memory)");
		lua_close(L);
		free(si);
		return NULL;
	}
	budget_refuse(L);
	return L;
}

void
luastate_free(lua_State *L)
{
	StateInfo *si;

	if (!L)
		return;
	si = info_of(L);
	/* finalizers run with hooks off: refuse every instruction first */
	budget_refuse(L);
	lua_close(L);
	free(si);
}

bool
luastate_budget_tripped(lua_State *L)
{
	return budget_tripped(L);
}

int
luastate_pcall(lua_State *L, int nargs, int nresults, char **cause)
{
	StateInfo *si = info_of(L);
	int base = lua_gettop(L) - nargs;       /* the function's index */
	int rc;

	lua_pushcfunction(L, msghandler);
	lua_insert(L, base);
	BudgetSaved saved = budget_arm(L);
	rc = lua_pcall(L, nargs, nresults, base);
	budget_restore(L, saved);
	if (rc != LUA_OK) {
		const char *msg = lua_tostring(L, -1);
		if (rc == LUA_ERRMEM)
			*cause = xasprintf("Lua ran out of memory (cap %zu bytes)", si->cap);
		else
			*cause = xstrdup(msg ? msg : "unknown Lua error");
		lua_settop(L, base - 1);
		return -1;
	}
	lua_remove(L, base);
	return 0;
}

int
luastate_loadfile(lua_State *L, const char *path, char **cause)
{
	char *text = read_file(path, 16u << 20, cause);
	char *chunk;
	int rc;

	if (!text)
		return -1;
	chunk = xasprintf("@%s", path);
	rc = luaL_loadbufferx(L, text, strlen(text), chunk, "t");
	free(chunk);
	free(text);
	if (rc != LUA_OK) {
		*cause = xstrdup(lua_tostring(L, -1) ? lua_tostring(L, -1) : "cannot load");
		lua_pop(L, 1);
		return -1;
	}
	/* own _ENV: reads fall through to the shared globals, writes stay here */
	sandbox_new_env(L);
	if (!lua_setupvalue(L, -2, 1))
		lua_pop(L, 1);
	return 0;
}

int
luastate_dofile(lua_State *L, const char *path, int nresults, char **cause)
{
	if (luastate_loadfile(L, path, cause) != 0)
		return -1;
	if (luastate_pcall(L, 0, nresults, cause) != 0) {
		/* name the file when Lua could not (out of memory) */
		size_t n = strlen(path);
		if (strncmp(*cause, path, n) != 0 || (*cause)[n] != ':') {
			char *named = xasprintf("%s: %s", path, *cause);
			free(*cause);
			*cause = named;
		}
		return -1;
	}
	return 0;
}

/* ---- boxes ---- */

#define MT_BOX "shardlab.box"

void
luastate_box_free(LuaBox *box)
{
	if (box->p && box->free_fn)
		box->free_fn(box->p);
	box->p = NULL;
}

static int
box_gc(lua_State *L)
{
	luastate_box_free(lua_touserdata(L, 1));
	return 0;
}

LuaBox *
luastate_box(lua_State *L, void (*free_fn)(void *))
{
	LuaBox *box = lua_newuserdatauv(L, sizeof *box, 0);
	box->p = NULL;
	box->free_fn = free_fn;
	if (luaL_newmetatable(L, MT_BOX)) {
		lua_pushcfunction(L, box_gc);
		lua_setfield(L, -2, "__gc");
		lua_pushliteral(L, MT_BOX);
		lua_setfield(L, -2, "__metatable");
	}
	lua_setmetatable(L, -2);
	return box;
}
