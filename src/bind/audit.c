/* audit.c: audit(plan) of the `shardlab` module: the audit of a plan file
 * (JSON or Lua) as the tree of `shardlab audit PLAN --format json`, built
 * from the same JSON text (luajson.h). */
#include <stdlib.h>

#include "bind/luaapi-internal.h"
#include "bind/luajson.h"
#include "io/audit_json.h"
#include "io/plan.h"
#include "lua/luastate.h"
#include "scenario/plan_lua.h"
#include "util/xmalloc.h"

/* audit(plan): the audit of a plan file (JSON or Lua), the tree of `shardlab
 * audit PLAN --format json`, built from the same text; nil and the message
 * of `shardlab audit` for a plan that cannot be read or built. */
static int
l_audit(lua_State *L)
{
	LuaApi *api = api_up(L);
	char *cause = NULL;

	luaL_argexpected(L, lua_type(L, 1) == LUA_TSTRING, 1, "plan file path");
	lua_settop(L, 1);
	LuaBox *box = luastate_box(L, free);                    /* 2 */
	AuditReport *r = box->p = xmalloc(sizeof *r);
	if (audit_file(api->c, lua_tostring(L, 1), r, &cause) != 0) {
		luastate_box_free(box);
		return bind_push_fail(L, cause);
	}
	char *text = audit_json(r, 0);
	luastate_box_free(box);
	box->p = text;
	if (luajson_push_tree(L, text, &cause) != 0) {
		lua_pushfstring(L, "audit: %s", cause);
		free(cause);
		return lua_error(L);
	}
	luastate_box_free(box);
	return 1;
}

const luaL_Reg bind_audit_fns[] = {
	{ "audit", l_audit }, { NULL, NULL }
};
