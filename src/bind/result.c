/* result.c: the result object evaluate{} returns, a userdata read like the
 * tree of `eval --json` (man shardlab-lua(7)), built lazily.
 *
 * The contract, C value -> Lua value:
 * - Result + Scenario -> a `shardlab.result` userdata (LuaResult): the
 *   scenario without its model and the Result packed without its unused
 *   stages and checks (pack_result); the model object is user value 1.
 * - r.model, cluster, runtime, strategy, workload, memory, stages, latency,
 *   throughput -> tables built on first read by walking the field table
 *   (core/fields.h, as io/result_json.c writes JSON): an object becomes a
 *   table, a number a Lua number (whole values as integers, push_num; inf
 *   and nan stay floats where JSON has null), a flag a boolean, text a
 *   string; an array (stages) a sequence from 1.  Kept once built.
 * - r.serving -> computed on first read (serving_evaluate), the same walk.
 * - r.checks -> a sequence of {id, severity, message, stage?}: the built-in
 *   checks, then the registered custom checks' failures (run on first read
 *   of checks or feasible, check.c); r.feasible -> a boolean over both.
 * - r.notes -> the setup's notes, a string (or absent).
 * - An invalid layout has no memory, stages, latency, throughput, serving.
 * pairs() walks the sections in `eval --json` order; the object is
 * read-only. */
#include <stddef.h>
#include <string.h>

#include "bind/luaapi-internal.h"
#include "core/fields.h"
#include "core/serving.h"
#include "util/xmalloc.h"

/* In `eval --json` order (io/result_json.c). */
static const char *const section_names[SEC_COUNT] = {
	NULL, "model", "cluster", "runtime", "strategy", "workload", "memory", "stages", "latency",
	"throughput", "serving", "feasible", "checks", "notes"
};


#define R_OFF_STAGES offsetof(Result, stages)
#define R_END_STAGES (R_OFF_STAGES + sizeof(((Result *)0)->stages))
#define R_OFF_CHECKS offsetof(Result, checks)
#define R_END_CHECKS (R_OFF_CHECKS + sizeof(((Result *)0)->checks))
_Static_assert(R_END_STAGES <= R_OFF_CHECKS, "Result: stages[] comes before checks[]");

static size_t
packed_size(int ns, int nc)
{
	return R_OFF_STAGES + (R_OFF_CHECKS - R_END_STAGES) + (sizeof(Result) - R_END_CHECKS) +
	    (size_t)ns * sizeof(StageResult) + (size_t)nc * sizeof(Check);
}

static void
pack_result(unsigned char *p, const Result *r, int ns, int nc)
{
	const unsigned char *b = (const unsigned char *)r;

	memcpy(p, b, R_OFF_STAGES);
	p += R_OFF_STAGES;
	memcpy(p, b + R_END_STAGES, R_OFF_CHECKS - R_END_STAGES);
	p += R_OFF_CHECKS - R_END_STAGES;
	memcpy(p, b + R_END_CHECKS, sizeof(Result) - R_END_CHECKS);
	p += sizeof(Result) - R_END_CHECKS;
	memcpy(p, r->stages, (size_t)ns * sizeof(StageResult));
	p += (size_t)ns * sizeof(StageResult);
	memcpy(p, r->checks, (size_t)nc * sizeof(Check));
}

static void
unpack_result(Result *r, const unsigned char *p, int ns, int nc)
{
	unsigned char *b = (unsigned char *)r;

	memcpy(b, p, R_OFF_STAGES);
	p += R_OFF_STAGES;
	memcpy(b + R_END_STAGES, p, R_OFF_CHECKS - R_END_STAGES);
	p += R_OFF_CHECKS - R_END_STAGES;
	memcpy(b + R_END_CHECKS, p, sizeof(Result) - R_END_CHECKS);
	p += sizeof(Result) - R_END_CHECKS;
	memcpy(r->stages, p, (size_t)ns * sizeof(StageResult));
	p += (size_t)ns * sizeof(StageResult);
	memcpy(r->checks, p, (size_t)nc * sizeof(Check));
}

/* Make api->sc / api->res hold the result at ridx. */
void
bind_result_unpack(lua_State *L, LuaApi *api, int ridx, const LuaResult *lr)
{
	if (api->unpacked == lr->serial)
		return;
	lua_getiuservalue(L, ridx, UV_MODEL);
	LuaModel *lm = lua_touserdata(L, -1);
	api->sc->model = lm->m;
	lua_pop(L, 1);
	api->sc->cluster = lr->cluster;
	api->sc->runtime = lr->runtime;
	api->sc->strategy = lr->strategy;
	api->sc->workload = lr->workload;
	unpack_result(api->res, lr->packed, lr->n_stages, lr->n_checks);
	api->unpacked = lr->serial;
}

/* Push a result object for api->sc / api->res, with the model object at
 * model_idx and `notes` at notes_idx (0: none). */
LuaResult *
bind_result_push(lua_State *L, LuaApi *api, int model_idx, int notes_idx, int custom)
{
	const Result *r = api->res;
	const Scenario *s = api->sc;
	int ns = r->status == EVAL_OK ? r->n_stages : 0;
	int nc = r->n_checks;

	ns = ns < 0 ? 0 : ns > MAX_STAGES ? MAX_STAGES : ns;
	nc = nc < 0 ? 0 : nc > MAX_CHECKS ? MAX_CHECKS : nc;
	LuaResult *lr = lua_newuserdatauv(L, sizeof *lr + packed_size(ns, nc), N_UV);
	lr->serial = ++api->serial;
	lr->cluster = s->cluster;
	lr->runtime = s->runtime;
	lr->strategy = s->strategy;
	lr->workload = s->workload;
	lr->status = r->status;
	lr->feasible = r->status == EVAL_OK && r->feasible;
	lr->n_stages = ns;
	lr->n_checks = nc;
	lr->custom = custom;
	lr->extra_errors = 0;
	pack_result(lr->packed, r, ns, nc);
	api->unpacked = lr->serial;
	luaL_setmetatable(L, MT_RESULT);
	lua_pushvalue(L, model_idx);
	lua_setiuservalue(L, -2, UV_MODEL);
	if (notes_idx) {
		lua_pushvalue(L, notes_idx);
		lua_setiuservalue(L, -2, UV_SECTION(SEC_NOTES));
	}
	return lr;
}

/* The sections, built as io/result_json.c writes them. */
/* The figure sections from the field table (core/fields.h), exactly as
 * io/result_json.c writes them: the walk's objects become tables. */
typedef struct LuaWalk {
	lua_State *L;
	int depth;
	bool keyed[8];          /* the open table goes under a key (else: next index) */
	int n[8];               /* elements so far, per open array */
} LuaWalk;

static void
lw_begin(void *ud, const char *key)
{
	LuaWalk *w = ud;

	if (w->depth + 1 >= (int)(sizeof w->n / sizeof w->n[0]))
		luaL_error(w->L, "result tree too deep");
	if (key)
		lua_pushstring(w->L, key);
	lua_createtable(w->L, 0, 8);
	w->depth++;
	w->keyed[w->depth] = key != NULL;
	w->n[w->depth] = 0;
}

static void
lw_value(void *ud, const char *key, const ResultField *f, const FieldValue *v)
{
	LuaWalk *w = ud;

	(void)f;
	if (v->kind == FIELD_NUM)
		set_num(w->L, key, v->num);
	else if (v->kind == FIELD_BOOL)
		set_bool(w->L, key, v->flag);
	else
		set_str(w->L, key, v->str ? v->str : "");
}

static void
lw_end(void *ud)
{
	LuaWalk *w = ud;

	if (w->keyed[w->depth])
		lua_settable(w->L, -3);
	else
		lua_rawseti(w->L, -2, ++w->n[w->depth - 1]);
	w->depth--;
}

/* The field-table section of Lua section sec (same names). */
static FieldSection
field_section_of(int sec)
{
	for (int k = 0; k < FSEC_COUNT; k++)
		if (strcmp(field_section_name(k), section_names[sec]) == 0)
			return k;
	return FSEC_MODEL;
}

/* Push section sec (a field-table section) of api's result as a table. */
static void
push_fields(lua_State *L, LuaApi *api, FieldSection sec, const ServingReport *sv)
{
	LuaWalk w = { .L = L };
	FieldVisitor v = { lw_begin, lw_value, lw_end, &w };

	lua_createtable(L, sec == FSEC_STAGES ? api->res->n_stages : 0, sec == FSEC_STAGES ? 0 : 12);
	fields_walk_section(api->sc, api->res, sv, sec, &v);
}

/* checks: the built-in ones, then (with_extra) the custom outcomes. */
static void
push_checks(lua_State *L, const Scenario *s, const Result *r, int ridx, bool with_extra)
{
	char msg[512];
	int n = 0;

	lua_createtable(L, r->n_checks, 0);
	for (int i = 0; i < r->n_checks; i++) {
		const Check *c = &r->checks[i];
		check_format(s, r, c, msg, sizeof msg);
		lua_createtable(L, 0, 4);
		set_str(L, "id", check_id_name(c->id));
		set_str(L, "severity", severity_name(c->severity));
		set_str(L, "message", msg);
		if (c->stage >= 0)
			set_num(L, "stage", c->stage);
		lua_rawseti(L, -2, ++n);
	}
	if (with_extra && lua_getiuservalue(L, ridx, UV_EXTRA) == LUA_TTABLE) {
		lua_Integer k = luaL_len(L, -1);
		for (lua_Integer i = 1; i <= k; i++) {
			lua_rawgeti(L, -1, i);
			lua_rawseti(L, -3, ++n);
		}
	}
	lua_pop(L, with_extra ? 1 : 0);
}

/* serving: computed when first read (about ten evaluations), as eval's
 * serving section (core serving_fields through the field walk). */
static void
push_serving(lua_State *L, LuaApi *api)
{
	ServingReport sv;
	ServingOptions o;

	if (!api->sv_work) {
		api->sv_work = xmalloc(sizeof *api->sv_work);
		api->sv_res = xmalloc(sizeof *api->sv_res);
		api->sv_tail = xcalloc(1, sizeof *api->sv_tail);
	}
	serving_options_init(&o);
	if (serving_evaluate(api->sc, &o, api->sv_work, api->sv_res, api->sv_tail, &sv) != 0) {
		lua_pushnil(L);
		return;
	}
	push_fields(L, api, FSEC_SERVING, &sv);
}


static void
build_section(lua_State *L, LuaApi *api, int ridx, LuaResult *lr, int sec, bool with_extra)
{
	bind_result_unpack(L, api, ridx, lr);
	switch (sec) {
	case SEC_MODEL: case SEC_CLUSTER: case SEC_RUNTIME: case SEC_STRATEGY: case SEC_WORKLOAD:
	case SEC_MEMORY: case SEC_STAGES: case SEC_LATENCY: case SEC_THROUGHPUT:
		push_fields(L, api, field_section_of(sec), NULL);
		break;
	case SEC_CHECKS:
		push_checks(L, api->sc, api->res, ridx, with_extra);
		break;
	case SEC_SERVING:
		push_serving(L, api);
		break;
	default:
		lua_pushnil(L);
		break;
	}
}

/* Push section `sec` of the result at ridx: the kept one, or built now. */
static void
push_section(lua_State *L, LuaApi *api, int ridx, LuaResult *lr, int sec)
{
	if (lua_getiuservalue(L, ridx, UV_SECTION(sec)) != LUA_TNIL || sec == SEC_NOTES)
		return;
	lua_pop(L, 1);
	if (lr->status != EVAL_OK && (sec == SEC_MEMORY || sec == SEC_STAGES || sec == SEC_LATENCY ||
	    sec == SEC_THROUGHPUT || sec == SEC_SERVING)) {
		lua_pushnil(L);
		return;
	}
	bool custom_now = sec == SEC_CHECKS || sec == SEC_FEASIBLE;
	if (custom_now && lr->custom == CUSTOM_PENDING && api->n_checks > 0 && api->in_check == 0)
		bind_custom_run(L, api, ridx, lr);
	if (custom_now && lr->custom == CUSTOM_PENDING && api->n_checks == 0)
		lr->custom = CUSTOM_DONE;
	/* inside a check (or before checks ran), the built-in checks only and
	 * nothing kept: the custom ones join when read from outside */
	bool partial = custom_now && (lr->custom == CUSTOM_RUNNING || lr->custom == CUSTOM_PENDING);
	if (sec == SEC_FEASIBLE)
		lua_pushboolean(L, lr->feasible && (partial || lr->extra_errors == 0));
	else
		build_section(L, api, ridx, lr, sec, lr->custom == CUSTOM_DONE);
	if (!partial) {
		lua_pushvalue(L, -1);
		lua_setiuservalue(L, ridx, UV_SECTION(sec));
	}
}

static int
section_find(const char *k)
{
	for (int i = 1; i < SEC_COUNT; i++)
		if (strcmp(k, section_names[i]) == 0)
			return i;
	return 0;
}

static int
result_index(lua_State *L)
{
	LuaApi *api = api_up(L);
	LuaResult *lr = lua_touserdata(L, 1);
	int sec;

	if (lua_type(L, 2) != LUA_TSTRING || (sec = section_find(lua_tostring(L, 2))) == 0)
		return 0;
	push_section(L, api, 1, lr, sec);
	return 1;
}

/* pairs(result): the sections in `eval --json` order, absent ones skipped. */
static int
result_next(lua_State *L)
{
	LuaApi *api = api_up(L);
	LuaResult *lr = luaL_checkudata(L, 1, MT_RESULT);
	int sec = 0;

	if (!lua_isnil(L, 2) && (lua_type(L, 2) != LUA_TSTRING ||
	    (sec = section_find(lua_tostring(L, 2))) == 0))
		return luaL_error(L, "invalid key to 'next'");
	for (sec++; sec < SEC_COUNT; sec++) {
		lua_pushstring(L, section_names[sec]);
		push_section(L, api, 1, lr, sec);
		if (!lua_isnil(L, -1))
			return 2;
		lua_pop(L, 2);
	}
	lua_pushnil(L);
	return 1;
}

static int
result_pairs(lua_State *L)
{
	luaL_checkudata(L, 1, MT_RESULT);
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_pushcclosure(L, result_next, 1);
	lua_pushvalue(L, 1);
	lua_pushnil(L);
	return 3;
}

static int
result_tostring(lua_State *L)
{
	LuaResult *lr = luaL_checkudata(L, 1, MT_RESULT);
	lua_getiuservalue(L, 1, UV_MODEL);
	LuaModel *lm = lua_touserdata(L, -1);
	lua_pushfstring(L, "shardlab.result: %s on %s, TP %d x PP %d x DP %d%s", lm ? lm->m.name : "?",
	    lr->cluster.name, lr->strategy.tp, lr->strategy.pp, lr->strategy.dp,
	    lr->status == EVAL_OK ? "" : " (invalid layout)");
	return 1;
}

const luaL_Reg bind_result_mt[] = {
	{ "__index", result_index }, { "__pairs", result_pairs }, { "__tostring", result_tostring },
	{ "__newindex", bind_readonly }, { NULL, NULL }
};
