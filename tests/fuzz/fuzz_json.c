/* fuzz_json.c: the Lua module's JSON decoder and encoder (shardlab.cjson,
 * src/bind/luajson.c): decode, then encode and decode again; the second
 * encoding must equal the first (a round trip that changes is a finding). */
#include <lauxlib.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "bind/luajson.h"
#include "lua/luastate.h"

static const char chunk[] =
	"local json, text = ...\n"
	"local v = json.decode(text)\n"
	"if v == nil then return end\n"
	"local s = assert(json.encode(v))\n"
	"assert(json.encode(json.decode(s)) == s, 'ROUND TRIP CHANGED')\n"
	"json.encode(v, { indent = '  ' })\n";

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	LuaLimits lim = { .mem_bytes = 64u << 20, .budget = 10000000L };
	char *cause = NULL;
	lua_State *L = luastate_new(&lim, &cause);

	if (!L)
		abort();
	if (luaL_loadbufferx(L, chunk, sizeof chunk - 1, "=fuzz", "t") != LUA_OK)
		abort();
	lua_pushcfunction(L, luajson_open);
	lua_call(L, 0, 1);
	lua_pushlstring(L, (const char *)data, size);
	if (luastate_pcall(L, 2, 0, &cause) != 0) {
		if (strstr(cause, "ROUND TRIP CHANGED"))
			abort();
		free(cause);
	}
	luastate_free(L);
	return 0;
}
