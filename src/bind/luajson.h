/* luajson.h: JSON for Lua, through io/json_walk.h (cJSON): the C half of
 * the shardlab.json module (lua/shardlab/json.lua is `require
 * "shardlab.cjson"` plus diff in Lua), and the Lua trees of the JSON that
 * io/ writes (shardlab.audit, shardlab.search: equal to the CLI's JSON by
 * construction).
 *
 * Lua values and JSON: tables whose keys are exactly 1..n (n > 0) are
 * arrays, other tables objects with their keys sorted (bytewise); a value
 * with a __pairs metamethod (a result) is read through it; nil and
 * json.null are null, and so are infinity and NaN, which JSON lacks.
 * Numbers pass through doubles, as cJSON keeps them: whole values decode
 * as Lua integers (8, not 8.0), as the result trees have them. */
#ifndef SHARDLAB_BIND_LUAJSON_H
#define SHARDLAB_BIND_LUAJSON_H

#include <stddef.h>

#include <lua.h>

/* luajson_open: a lua_CFunction (as luaopen_*) returning the module table
 * {encode, decode, null}; the sandbox's require names it "shardlab.cjson". */
int luajson_open(lua_State *L);

/* luajson_push_null: push json.null, the value that JSON's null decodes to
 * (one per state, read-only). */
void luajson_push_null(lua_State *L);

/* luajson_encode: the value at idx as JSON text, pushed; indent NULL for
 * one line, else one level of indent per nesting level.  Returns 0, or -1
 * with the reason in err[n] ("a table contains itself") and nothing
 * pushed.  Errors of __pairs metamethods propagate (may raise). */
int luajson_encode(lua_State *L, int idx, const char *indent, char *err, size_t n);

/* luajson_push_tree: push the Lua tree of JSON text made by io/ (the
 * audit report, a search): null members left out (nil, as a Lua table
 * reads them), null array items json.null.  Returns 0, or -1 with *cause
 * when the text is not JSON.  May raise (out of memory). */
int luajson_push_tree(lua_State *L, const char *text, char **cause);

#endif
