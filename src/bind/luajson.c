/* luajson.c: JSON for Lua through io/json_walk.h; see luajson.h and
 * man/shardlab-lua.7 (shardlab.json). */
#include "bind/luajson.h"

#include <lauxlib.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/json_walk.h"
#include "lua/budget.h"
#include "lua/luastate.h"
#include "util/xmalloc.h"

#define NULL_KEY "shardlab.json.null"

/* ---- json.null ---- */

static int
null_tostring(lua_State *L)
{
	lua_pushliteral(L, "null");
	return 1;
}

static int
null_newindex(lua_State *L)
{
	return luaL_error(L, "json.null is read-only");
}

void
luajson_push_null(lua_State *L)
{
	if (lua_getfield(L, LUA_REGISTRYINDEX, NULL_KEY) != LUA_TNIL)
		return;
	lua_pop(L, 1);
	lua_newtable(L);
	lua_createtable(L, 0, 3);
	lua_pushcfunction(L, null_tostring);
	lua_setfield(L, -2, "__tostring");
	lua_pushcfunction(L, null_newindex);
	lua_setfield(L, -2, "__newindex");
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	lua_setmetatable(L, -2);
	lua_pushvalue(L, -1);
	lua_setfield(L, LUA_REGISTRYINDEX, NULL_KEY);
}

/* ---- Lua -> JSON ---- */

typedef struct Enc {
	lua_State *L;
	JsonBuilder *b;
	int seen;               /* stack index: the tables being encoded */
	int null;               /* stack index: json.null */
	char *err;
	size_t n;
	bool failed;
} Enc;

static void fail(Enc *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
fail(Enc *e, const char *fmt, ...)
{
	va_list ap;

	if (e->failed)
		return;
	va_start(ap, fmt);
	vsnprintf(e->err, e->n, fmt, ap);
	va_end(ap);
	e->failed = true;
}

static void
built(Enc *e, int rc)
{
	if (rc != 0)
		fail(e, "the JSON builder refused a value (a bug)");
}

typedef struct Key {
	const char *s;
	size_t len;
} Key;

/* Bytewise, as strcmp, but over the whole Lua string. */
static int
key_cmp(const void *a, const void *b)
{
	const Key *x = a, *y = b;
	int c = memcmp(x->s, y->s, x->len < y->len ? x->len : y->len);
	return c ? c : (x->len > y->len) - (x->len < y->len);
}

static void enc_value(Enc *e, int idx, int depth);

/* Collect the pairs of the table or __pairs object at idx into a fresh
 * table (pushed), so that values made by __pairs stay anchored; returns
 * the number of keys. */
static lua_Integer
collect(Enc *e, int idx)
{
	lua_State *L = e->L;
	lua_Integer n = 0;

	lua_newtable(L);
	int kv = lua_gettop(L);
	if (luaL_getmetafield(L, idx, "__pairs") != LUA_TNIL) {
		lua_pushvalue(L, idx);
		lua_call(L, 1, 3);                      /* f, s, control */
		int f = lua_gettop(L) - 2;
		for (;;) {
			/* an iterator in C runs no Lua instruction: charge it */
			budget_charge(L, 1);
			lua_pushvalue(L, f);
			lua_pushvalue(L, f + 1);
			lua_pushvalue(L, f + 2);
			lua_call(L, 2, 2);              /* k, v */
			if (lua_isnil(L, -2)) {
				lua_pop(L, 2);
				break;
			}
			lua_pushvalue(L, -2);
			lua_replace(L, f + 2);
			if (lua_isnil(L, -1)) {
				lua_pop(L, 2);
				continue;
			}
			lua_rawset(L, kv);
		}
		lua_settop(L, kv);
		/* count what was stored: an iterator may yield a key twice */
		lua_pushnil(L);
		while (lua_next(L, kv)) {
			lua_pop(L, 1);
			n++;
		}
	} else {
		lua_pushnil(L);
		while (lua_next(L, idx)) {
			lua_pushvalue(L, -2);
			lua_insert(L, -2);
			lua_rawset(L, kv);
			n++;
		}
	}
	return n;
}

static bool
is_array(lua_State *L, int kv, lua_Integer n)
{
	if (n == 0)
		return false;
	lua_pushnil(L);
	while (lua_next(L, kv)) {
		lua_pop(L, 1);
		int isint = 0;
		lua_Integer k = lua_type(L, -1) == LUA_TNUMBER ? lua_tointegerx(L, -1, &isint) : 0;
		if (!isint || k < 1 || k > n) {
			lua_pop(L, 1);
			return false;
		}
	}
	return true;
}

static void
enc_object(Enc *e, int kv, lua_Integer n, int depth)
{
	lua_State *L = e->L;
	Key *keys = lua_newuserdatauv(L, (size_t)(n ? n : 1) * sizeof *keys, 0);
	lua_Integer k = 0;

	lua_pushnil(L);
	while (lua_next(L, kv)) {
		lua_pop(L, 1);
		if (lua_type(L, -1) != LUA_TSTRING) {
			lua_pop(L, 1);
			fail(e, "object keys must be strings");
			return;
		}
		keys[k].s = lua_tolstring(L, -1, &keys[k].len);        /* anchored by kv */
		if (strlen(keys[k].s) != keys[k].len) {
			lua_pop(L, 1);
			fail(e, "a key holds a NUL byte, which cJSON cannot write");
			return;
		}
		k++;
	}
	qsort(keys, (size_t)n, sizeof *keys, key_cmp);
	built(e, json_builder_begin_object(e->b));
	for (lua_Integer i = 0; i < n && !e->failed; i++) {
		built(e, json_builder_key(e->b, keys[i].s));
		lua_pushlstring(L, keys[i].s, keys[i].len);
		lua_rawget(L, kv);
		enc_value(e, lua_gettop(L), depth + 1);
		lua_pop(L, 1);
	}
	if (!e->failed)
		built(e, json_builder_end(e->b));
	lua_pop(L, 1);
}

static void
enc_container(Enc *e, int idx, int depth)
{
	lua_State *L = e->L;
	int top = lua_gettop(L);

	if (lua_rawequal(L, idx, e->null)) {
		built(e, json_builder_null(e->b));
		return;
	}
	if (lua_type(L, idx) == LUA_TUSERDATA) {
		if (luaL_getmetafield(L, idx, "__pairs") == LUA_TNIL) {
			fail(e, "cannot encode a userdata without __pairs");
			return;
		}
		lua_pop(L, 1);
	}
	if (depth >= JSON_MAX_DEPTH) {
		fail(e, "tables nest deeper than %d levels", JSON_MAX_DEPTH);
		return;
	}
	luaL_checkstack(L, 16, "json.encode: tables nest too deeply");
	lua_pushvalue(L, idx);
	if (lua_rawget(L, e->seen) != LUA_TNIL) {
		lua_settop(L, top);
		fail(e, "a table contains itself");
		return;
	}
	lua_pop(L, 1);
	lua_pushvalue(L, idx);
	lua_pushboolean(L, 1);
	lua_rawset(L, e->seen);

	lua_Integer n = collect(e, idx);
	int kv = lua_gettop(L);
	if (is_array(L, kv, n)) {
		built(e, json_builder_begin_array(e->b));
		for (lua_Integer i = 1; i <= n && !e->failed; i++) {
			lua_rawgeti(L, kv, i);
			enc_value(e, lua_gettop(L), depth + 1);
			lua_pop(L, 1);
		}
		if (!e->failed)
			built(e, json_builder_end(e->b));
	} else {
		enc_object(e, kv, n, depth);
	}
	lua_pushvalue(L, idx);
	lua_pushnil(L);
	lua_rawset(L, e->seen);
	lua_settop(L, top);
}

static void
enc_value(Enc *e, int idx, int depth)
{
	lua_State *L = e->L;
	const char *s;
	size_t len;

	if (e->failed)
		return;
	switch (lua_type(L, idx)) {
	case LUA_TNIL:
		built(e, json_builder_null(e->b));
		break;
	case LUA_TBOOLEAN:
		built(e, json_builder_bool(e->b, lua_toboolean(L, idx)));
		break;
	case LUA_TNUMBER:
		built(e, json_builder_number(e->b, lua_isinteger(L, idx) ?
		    (double)lua_tointeger(L, idx) : lua_tonumber(L, idx)));
		break;
	case LUA_TSTRING:
		s = lua_tolstring(L, idx, &len);
		if (strlen(s) != len)
			fail(e, "a string holds a NUL byte, which cJSON cannot write");
		else
			built(e, json_builder_string(e->b, s));
		break;
	case LUA_TTABLE:
	case LUA_TUSERDATA:
		enc_container(e, idx, depth);
		break;
	default:
		fail(e, "cannot encode a %s", luaL_typename(L, idx));
		break;
	}
}

static void
builder_free(void *p)
{
	json_builder_free(p);
}

static void
text_free(void *p)
{
	free(p);
}

int
luajson_encode(lua_State *L, int idx, const char *indent, char *err, size_t n)
{
	int top = lua_gettop(L);
	Enc e = { .L = L, .err = err, .n = n };

	idx = lua_absindex(L, idx);
	LuaBox *box = luastate_box(L, builder_free);
	box->p = e.b = json_builder_new();
	lua_newtable(L);
	e.seen = lua_gettop(L);
	luajson_push_null(L);
	e.null = lua_gettop(L);
	enc_value(&e, idx, 0);
	if (e.failed) {
		luastate_box_free(box);
		lua_settop(L, top);
		return -1;
	}
	LuaBox *tbox = luastate_box(L, text_free);
	tbox->p = json_builder_print(e.b, indent);
	if (!tbox->p) {
		luastate_box_free(box);
		lua_settop(L, top);
		snprintf(err, n, "the JSON builder left a container open (a bug)");
		return -1;
	}
	luastate_box_free(box);
	lua_pushstring(L, tbox->p);
	luastate_box_free(tbox);
	lua_replace(L, top + 1);
	lua_settop(L, top + 1);
	return 0;
}

/* ---- JSON -> Lua ---- */

typedef struct Dec {
	lua_State *L;
	int depth;
	int null;               /* stack index: json.null */
	bool omit_nulls;        /* null members left out (trees from io/) */
} Dec;

/* The value on top into its container: under a key (a string below it)
 * or appended to the array below it; the top value stays. */
static int
attach(Dec *d)
{
	lua_State *L = d->L;

	if (d->depth == 0)
		return 0;
	if (lua_type(L, -2) == LUA_TSTRING)
		lua_rawset(L, -3);
	else
		lua_rawseti(L, -2, (lua_Integer)lua_rawlen(L, -2) + 1);
	return 0;
}

static int
dec_null(void *ud)
{
	Dec *d = ud;
	if (d->omit_nulls && d->depth > 0 && lua_type(d->L, -1) == LUA_TSTRING) {
		lua_pop(d->L, 1);       /* the member's key */
		return 0;
	}
	lua_pushvalue(d->L, d->null);
	return attach(d);
}

static int
dec_boolean(void *ud, bool v)
{
	Dec *d = ud;
	lua_pushboolean(d->L, v);
	return attach(d);
}

/* Whole values as integers (8, not 8.0), as luaapi.c's results. */
static int
dec_number(void *ud, double v)
{
	Dec *d = ud;
	if (v == floor(v) && fabs(v) < 9007199254740992.0)
		lua_pushinteger(d->L, (lua_Integer)v);
	else
		lua_pushnumber(d->L, v);
	return attach(d);
}

static int
dec_string(void *ud, const char *s)
{
	Dec *d = ud;
	lua_pushstring(d->L, s);
	return attach(d);
}

static int
dec_begin_object(void *ud, int n)
{
	Dec *d = ud;
	luaL_checkstack(d->L, 4, "JSON nests too deeply");
	lua_createtable(d->L, 0, n);
	d->depth++;
	return 0;
}

static int
dec_begin_array(void *ud, int n)
{
	Dec *d = ud;
	luaL_checkstack(d->L, 4, "JSON nests too deeply");
	lua_createtable(d->L, n, 0);
	d->depth++;
	return 0;
}

static int
dec_key(void *ud, const char *k)
{
	Dec *d = ud;
	lua_pushstring(d->L, k);
	return 0;
}

static int
dec_end(void *ud)
{
	Dec *d = ud;
	d->depth--;
	return attach(d);
}

static void
doc_free(void *p)
{
	json_doc_free(p);
}

/* Push the value of text[len]; -1 with err when it is not JSON. */
static int
decode(lua_State *L, const char *text, size_t len, bool omit_nulls, JsonError *err)
{
	int top = lua_gettop(L);
	LuaBox *box = luastate_box(L, doc_free);

	if (!(box->p = json_doc_parse(text, len, err))) {
		lua_settop(L, top);
		return -1;
	}
	luajson_push_null(L);
	Dec d = { .L = L, .null = lua_gettop(L), .omit_nulls = omit_nulls };
	JsonVisitor v = { .ud = &d, .null = dec_null, .boolean = dec_boolean, .number = dec_number,
		.string = dec_string, .begin_object = dec_begin_object, .key = dec_key,
		.end_object = dec_end, .begin_array = dec_begin_array, .end_array = dec_end };
	json_doc_walk(box->p, &v);
	luastate_box_free(box);
	lua_replace(L, top + 1);
	lua_settop(L, top + 1);
	return 0;
}

int
luajson_push_tree(lua_State *L, const char *text, char **cause)
{
	JsonError err;

	if (decode(L, text, strlen(text), true, &err) != 0) {
		*cause = xasprintf("invalid JSON at line %d near '%s'", err.line, err.near);
		return -1;
	}
	return 0;
}

/* ---- the module ---- */

/* encode(value [, {indent = "  "}]) */
static int
l_encode(lua_State *L)
{
	const char *indent = NULL;
	char err[128];

	lua_settop(L, 2);
	if (!lua_isnil(L, 2)) {
		luaL_argexpected(L, lua_istable(L, 2), 2, "table of options ({indent = \"  \"})");
		lua_getfield(L, 2, "indent");
		if (!lua_isnil(L, -1) && !lua_isstring(L, -1))
			return luaL_error(L, "bad argument 'indent' to 'encode' (must be a string, not %s)",
			    luaL_typename(L, -1));
		indent = lua_tostring(L, -1);
	}
	if (luajson_encode(L, 1, indent, err, sizeof err) != 0)
		return luaL_error(L, "json.encode: %s", err);
	return 1;
}

/* decode(text): the value, or nil and "json.decode: invalid JSON at line N
 * near '...'". */
static int
l_decode(lua_State *L)
{
	size_t len;
	const char *text = luaL_checklstring(L, 1, &len);
	JsonError err;

	lua_settop(L, 1);
	if (decode(L, text, len, false, &err) == 0)
		return 1;
	lua_pushnil(L);
	if (err.nul_byte)
		lua_pushfstring(L, "json.decode: invalid JSON at line %d: a NUL byte", err.line);
	else if (err.truncated)
		lua_pushfstring(L, "json.decode: invalid JSON at line %d: the text ends early (truncated?)",
		    err.line);
	else
		lua_pushfstring(L, "json.decode: invalid JSON at line %d near '%s'", err.line, err.near);
	return 2;
}

int
luajson_open(lua_State *L)
{
	static const luaL_Reg fns[] = { { "encode", l_encode }, { "decode", l_decode }, { NULL, NULL } };

	luaL_newlib(L, fns);
	luajson_push_null(L);
	lua_setfield(L, -2, "null");
	return 1;
}
