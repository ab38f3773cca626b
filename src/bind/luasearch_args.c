/* luasearch_args.c: search{}'s own keys; see luasearch_args.h. */
#include "bind/luasearch_args.h"

#include <lauxlib.h>
#include <stdbool.h>
#include <stdio.h>

static int
bad_arg(lua_State *L, const char *key, const char *why)
{
	return luaL_error(L, "bad argument '%s' to 'search' (%s)", key, why);
}

const char *
luasearch_keys_text(char *buf, size_t n)
{
	size_t o = (size_t)snprintf(buf, n, "; and search's: ");
	bool first = true;

	for (int i = 0; i < SOPT_COUNT && o < n; i++) {
		const SearchOptDef *d = search_opt_def((SearchOptId)i);
		if (!(d->fronts & SOPT_LUA))
			continue;
		o += (size_t)snprintf(buf + o, n - o, "%s%s", first ? "" : ", ", d->lua);
		first = false;
	}
	return buf;
}

/* One search option at index v: booleans for flags, a list or text for
 * dtypes, numbers or text for the rest, through search_opt_apply as the
 * CLI and :search. */
static void
search_arg(lua_State *L, SearchQuery *q, SearchOptId id, const char *key, int v)
{
	const SearchOptDef *d = search_opt_def(id);
	char why[160];
	int rc;

	if (d->type == SOPT_T_FLAG) {
		if (lua_type(L, v) != LUA_TBOOLEAN)
			bad_arg(L, key, lua_pushfstring(L, "must be true or false, not %s",
			    luaL_typename(L, v)));
		rc = search_opt_apply_bool(q, id, lua_toboolean(L, v), why, sizeof why);
	} else {
		if (d->type == SOPT_T_DTYPES && lua_type(L, v) == LUA_TTABLE) {
			/* {"bf16", "fp8"} -> "bf16,fp8" */
			luaL_Buffer b;
			lua_Integer n = (lua_Integer)lua_rawlen(L, v);
			luaL_buffinit(L, &b);
			for (lua_Integer i = 1; i <= n; i++) {
				if (lua_rawgeti(L, v, i) != LUA_TSTRING)
					lua_pushliteral(L, "?");
				if (i > 1)
					luaL_addchar(&b, ',');
				luaL_addvalue(&b);
			}
			luaL_pushresult(&b);
			lua_replace(L, v);
		}
		char num[64];
		if (lua_type(L, v) == LUA_TNUMBER && d->type != SOPT_T_DTYPES) {
			snprintf(num, sizeof num, "%.17g", (double)lua_tonumber(L, v));
			lua_pushstring(L, num);
		} else {
			lua_pushvalue(L, v);
		}
		const char *text = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "";
		rc = search_opt_apply(q, id, text, why, sizeof why);
		lua_pop(L, 1);
	}
	if (rc != 0)
		bad_arg(L, key, why);
}

void
luasearch_args(lua_State *L, SearchQuery *q)
{
	lua_newtable(L);                                /* 2: evaluate's keys */
	lua_pushnil(L);
	while (lua_next(L, 1)) {
		int id = lua_type(L, -2) == LUA_TSTRING ? search_opt_find(lua_tostring(L, -2), SOPT_LUA) : -1;
		if (id < 0) {
			lua_pushvalue(L, -2);
			lua_insert(L, -2);
			lua_rawset(L, 2);
			continue;
		}
		search_arg(L, q, (SearchOptId)id, lua_tostring(L, -2), lua_gettop(L));
		lua_pop(L, 1);
	}
	lua_replace(L, 1);
}
