/* luaapi.c: the `shardlab` Lua module and the rest of the sandbox; see
 * luaapi.h and man/shardlab-lua.7 (the reference for every function). */
#include "bind/luaapi.h"

#include <lauxlib.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "core/explain.h"
#include "core/fields.h"
#include "core/params.h"
#include "core/searchopts.h"
#include "core/serving.h"
#include "io/hfconfig.h"
#include "io/audit_json.h"
#include "io/search_json.h"
#include "bind/luajson.h"
#include "bind/luasearch_args.h"
#include "lua/sandbox.h"
#include "lua/luastate.h"
#include "scenario/plan_lua.h"
#include "lua/preset.h"
#include "scenario/search_notes.h"
#include "util/xmalloc.h"

#define API_KEY "shardlab.api"
#define LOADED_KEY "shardlab.loaded"
#define MT_API "shardlab.api"
#define MT_RESULT "shardlab.result"
#define MT_MODEL "shardlab.model"
#define MT_CLUSTER "shardlab.cluster"
#define MT_RUNTIME "shardlab.runtime"
#define MT_SETUP "shardlab.scenario"

/* Caches, one registry table per kind, keyed by name or path. */
enum { CK_MODEL, CK_GPU, CK_FABRIC, CK_CLUSTER, CK_RUNTIME, CK_SCENARIO, CK_COUNT };

typedef struct LuaApi {
	const Catalog *c;
	lua_State *L;
	ScriptOutput out;
	void *out_ud;
	bool preset;
	Setup base;                     /* evaluate's base scenario (owned) */
	Setup work;                     /* scratch: evaluate's arguments over the base (owned) */
	bool base_ready;
	Scenario *sc;                   /* scratch: the scenario being built or read */
	Result *res;                    /* scratch: its result */
	Scenario *sv_work;              /* serving scratch, made on first use */
	Result *sv_res;
	ServingTail *sv_tail;           /* reused while the lengths match */
	unsigned long serial;           /* results made so far */
	unsigned long unpacked;         /* the result whose data sc/res hold; 0 none */
	const Model *use_model;         /* evaluate{model = object}, ... */
	const Cluster *use_cluster;
	const Runtime *use_runtime;
	int model_slot;                 /* stack slot receiving the model object */
	int cache[CK_COUNT];            /* registry references */
	int checks;                     /* registered checks {id, severity, fn, where} */
	int n_checks;
	int in_check;                   /* custom checks running (no nesting) */
	SetupLoader loader;
	char stage_buf[1024];
} LuaApi;

static LuaApi *
api_up(lua_State *L)
{
	return lua_touserdata(L, lua_upvalueindex(1));
}

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

/* ---- small helpers ---- */

/* Numbers as Lua sees them: whole values as integers (8, not 8.0), the
 * rest as floats; non-finite values stay inf/nan (JSON's null). */
static void
push_num(lua_State *L, double v)
{
	if (v == floor(v) && fabs(v) < 9007199254740992.0)
		lua_pushinteger(L, (lua_Integer)v);
	else
		lua_pushnumber(L, v);
}

static void
set_num(lua_State *L, const char *k, double v)
{
	push_num(L, v);
	lua_setfield(L, -2, k);
}

static void
set_str(lua_State *L, const char *k, const char *v)
{
	lua_pushstring(L, v);
	lua_setfield(L, -2, k);
}

static void
set_bool(lua_State *L, const char *k, bool v)
{
	lua_pushboolean(L, v);
	lua_setfield(L, -2, k);
}

/* Raise "FILE:LINE: <msg>" for the Lua code that called the running C
 * function; msg is on top of the stack. */
static int
raise_top(lua_State *L)
{
	luaL_where(L, 1);
	lua_insert(L, -2);
	lua_concat(L, 2);
	return lua_error(L);
}

/* Raise a Setup/preset failure as an argument error of `fn`, freeing
 * cause: "bad value for 'tp': must be >= 1" becomes "bad argument 'tp' to
 * 'evaluate' (must be >= 1)", "unknown model 'x' (...)" names 'model'. */
static int
raise_cause(lua_State *L, const char *fn, char *cause)
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
	return raise_top(L);
}

static int
bad_arg(lua_State *L, const char *key, const char *fn, const char *why)
{
	return luaL_error(L, "bad argument '%s' to '%s' (%s)", key, fn, why);
}

/* "nil, message" for an expected failure, freeing cause. */
static int
push_fail(lua_State *L, char *cause)
{
	lua_pushnil(L);
	lua_pushstring(L, cause);
	free(cause);
	return 2;
}

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

/* ---- caches: each preset and model is read from disk once per state ---- */

/* A preset's error without its traceback: errors of nested presets would
 * otherwise repeat one per level. */
static void
trim_traceback(char *cause)
{
	char *tb = cause ? strstr(cause, "\nstack traceback:") : NULL;
	if (tb)
		*tb = '\0';
}

/* Push the cached object `name` of kind k (nil when absent); its pointer. */
static void *
cache_get(lua_State *L, LuaApi *api, int k, const char *name)
{
	lua_rawgeti(L, LUA_REGISTRYINDEX, api->cache[k]);
	lua_getfield(L, -1, name);
	lua_remove(L, -2);
	return lua_touserdata(L, -1);
}

/* Store the value on top under `name`, leaving it on top. */
static void
cache_put(lua_State *L, LuaApi *api, int k, const char *name)
{
	lua_rawgeti(L, LUA_REGISTRYINDEX, api->cache[k]);
	lua_pushvalue(L, -2);
	lua_setfield(L, -2, name);
	lua_pop(L, 1);
}

/* Records (model, cluster, runtime objects): a C struct read from Lua
 * through a table of fields built once (user value 1), read-only. */
typedef struct LuaModel { Model m; } LuaModel;
typedef struct LuaCluster { Cluster cl; } LuaCluster;
typedef struct LuaRuntime { Runtime rt; } LuaRuntime;

static void
model_fields(lua_State *L, const Model *m)
{
	ModelParams p;

	model_params(m, &p);
	lua_createtable(L, 0, 24);
	set_str(L, "name", m->name);
	set_str(L, "arch", m->arch);
	set_num(L, "params_total", p.total);
	set_num(L, "params_active", p.active);
	set_num(L, "layers", m->n_layers);
	set_num(L, "hidden", m->hidden);
	set_num(L, "heads", m->n_heads);
	set_num(L, "kv_heads", m->n_kv_heads);
	set_num(L, "head_dim", m->head_dim);
	set_num(L, "intermediate", m->intermediate);
	set_num(L, "vocab", m->vocab);
	set_num(L, "max_position", m->max_position);
	set_bool(L, "tied_embeddings", m->tied_embeddings);
	set_bool(L, "moe", model_is_moe(m));
	set_bool(L, "mla", model_is_mla(m));
	set_num(L, "experts", m->n_experts);
	set_num(L, "experts_per_token", m->top_k);
	set_num(L, "expert_intermediate", m->expert_intermediate);
	set_num(L, "shared_experts", m->n_shared_experts);
	set_num(L, "dense_layers", p.dense_layers);
	set_num(L, "moe_layers", p.moe_layers);
	set_num(L, "kv_lora_rank", m->kv_lora_rank);
	set_num(L, "sliding_window", m->sliding_window);
}

static LuaModel *
push_model(lua_State *L, const Model *m)
{
	LuaModel *lm = lua_newuserdatauv(L, sizeof *lm, 1);
	lm->m = *m;
	luaL_setmetatable(L, MT_MODEL);
	model_fields(L, m);
	lua_setiuservalue(L, -2, 1);
	return lm;
}

static void
cluster_fields(lua_State *L, const Cluster *cl)
{
	lua_createtable(L, 0, 10);
	set_str(L, "name", cl->name);
	set_str(L, "gpu", cl->gpu.name);
	set_num(L, "nodes", cl->nodes);
	set_num(L, "gpus_per_node", cl->gpus_per_node);
	set_num(L, "gpus", cluster_gpus(cl));
	set_num(L, "gpu_memory_bytes", cl->gpu.memory_bytes);
	set_num(L, "hbm_bytes_per_s", cl->gpu.hbm_bytes_per_s);
	set_str(L, "intra_fabric", cl->intra.name);
	set_str(L, "inter_fabric", cl->inter.name);
	set_num(L, "gpu_hour_usd", cl->gpu_hour_usd);
}

static LuaCluster *
push_cluster(lua_State *L, const Cluster *cl)
{
	LuaCluster *lc = lua_newuserdatauv(L, sizeof *lc, 1);
	lc->cl = *cl;
	luaL_setmetatable(L, MT_CLUSTER);
	cluster_fields(L, cl);
	lua_setiuservalue(L, -2, 1);
	return lc;
}

static const char *
mode_name(MemMode mode)
{
	switch (mode) {
	case MEM_MODE_STATIC: return "static";
	case MEM_MODE_FREE: return "free";
	case MEM_MODE_TOTAL:
	default: return "total";
	}
}

static LuaRuntime *
push_runtime(lua_State *L, const Runtime *rt)
{
	LuaRuntime *lr = lua_newuserdatauv(L, sizeof *lr, 1);
	lr->rt = *rt;
	luaL_setmetatable(L, MT_RUNTIME);
	lua_createtable(L, 0, 10);
	set_str(L, "name", rt->name);
	set_str(L, "memory_mode", mode_name(rt->mode));
	set_num(L, "mem_fraction", rt->mem_fraction);
	set_num(L, "cuda_context_bytes", rt->cuda_context_bytes);
	set_num(L, "cuda_graph_bytes", rt->cuda_graph_bytes);
	set_num(L, "comm_buffer_bytes", rt->comm_buffer_bytes);
	set_num(L, "kv_block_tokens", rt->kv_block_tokens);
	set_num(L, "max_num_batched_tokens", rt->max_num_batched_tokens);
	set_num(L, "max_num_seqs", rt->max_num_seqs);
	set_num(L, "kernel_floor_s", rt->kernel_floor_s);
	lua_setiuservalue(L, -2, 1);
	return lr;
}

/* Each *_cached: push the object (cached, else read and cached) and return
 * it, or return NULL with *cause and nothing pushed.  Presets are data
 * (preset.h): loading one never loads another through this module. */

/* load_done: a failing loader's message loses its traceback.  Returns rc. */
static int
load_done(int rc, char **cause)
{
	if (rc != 0)
		trim_traceback(*cause);
	return rc;
}

/* Loaders of plain structs, with one signature for plain_cached. */
typedef int (*PlainLoad)(const Catalog *c, const char *name, void *out, char **cause);

static int
load_gpu(const Catalog *c, const char *name, void *out, char **cause)
{
	return preset_gpu(c, name, out, cause);
}

static int
load_fabric(const Catalog *c, const char *name, void *out, char **cause)
{
	return preset_fabric(c, name, out, cause);
}

/* A plain struct of `size` bytes in a userdata, cached under kind. */
static void *
plain_cached(lua_State *L, LuaApi *api, int kind, const char *name, PlainLoad load, size_t size,
    char **cause)
{
	void *p = cache_get(L, api, kind, name);

	if (p)
		return p;
	lua_pop(L, 1);
	p = lua_newuserdatauv(L, size, 0);
	if (load_done(load(api->c, name, p, cause), cause) != 0) {
		lua_pop(L, 1);
		return NULL;
	}
	cache_put(L, api, kind, name);
	return p;
}

static LuaModel *
model_cached(lua_State *L, LuaApi *api, const char *name, char **cause)
{
	LuaModel *lm = cache_get(L, api, CK_MODEL, name);

	if (lm)
		return lm;
	lua_pop(L, 1);
	lm = lua_newuserdatauv(L, sizeof *lm, 1);
	if (load_done(setup_model(api->c, name, &lm->m, cause), cause) != 0) {
		lua_pop(L, 1);
		return NULL;
	}
	luaL_setmetatable(L, MT_MODEL);
	model_fields(L, &lm->m);
	lua_setiuservalue(L, -2, 1);
	cache_put(L, api, CK_MODEL, name);
	return lm;
}

static Gpu *
gpu_cached(lua_State *L, LuaApi *api, const char *name, char **cause)
{
	return plain_cached(L, api, CK_GPU, name, load_gpu, sizeof(Gpu), cause);
}

static Fabric *
fabric_cached(lua_State *L, LuaApi *api, const char *name, char **cause)
{
	return plain_cached(L, api, CK_FABRIC, name, load_fabric, sizeof(Fabric), cause);
}

static LuaCluster *
cluster_cached(lua_State *L, LuaApi *api, const char *name, char **cause)
{
	LuaCluster *lc = cache_get(L, api, CK_CLUSTER, name);
	Cluster cl;

	if (lc)
		return lc;
	lua_pop(L, 1);
	if (load_done(preset_cluster(api->c, name, &cl, cause), cause) != 0)
		return NULL;
	lc = push_cluster(L, &cl);
	cache_put(L, api, CK_CLUSTER, name);
	return lc;
}

static LuaRuntime *
runtime_cached(lua_State *L, LuaApi *api, const char *name, char **cause)
{
	LuaRuntime *lr = cache_get(L, api, CK_RUNTIME, name);
	Runtime rt;

	if (lr)
		return lr;
	lua_pop(L, 1);
	if (load_done(preset_runtime(api->c, name, &rt, cause), cause) != 0)
		return NULL;
	lr = push_runtime(L, &rt);
	cache_put(L, api, CK_RUNTIME, name);
	return lr;
}

/* A scenario preset, loaded onto an empty Setup and kept (freed by __gc). */
typedef struct SetupBox { Setup s; } SetupBox;

static int
setupbox_gc(lua_State *L)
{
	SetupBox *b = lua_touserdata(L, 1);
	setup_fini(&b->s);
	return 0;
}

static const Setup *
scenario_cached(lua_State *L, LuaApi *api, const char *name, char **cause)
{
	SetupBox *b = cache_get(L, api, CK_SCENARIO, name);
	Setup s;

	if (b) {
		lua_pop(L, 1);  /* the cache keeps it alive */
		return &b->s;
	}
	lua_pop(L, 1);
	setup_init(&s);
	if (load_done(setup_load_scenario(api->c, name, &s, cause), cause) != 0) {
		setup_fini(&s);
		return NULL;
	}
	b = lua_newuserdatauv(L, sizeof *b, 0);
	b->s = s;
	luaL_setmetatable(L, MT_SETUP);
	cache_put(L, api, CK_SCENARIO, name);
	lua_pop(L, 1);
	return &b->s;
}

/* evaluate's base: the configured one, else presets/default.lua when the
 * catalog has it (as `shardlab eval`), else nothing set. */
static const Setup *
api_base(lua_State *L, LuaApi *api, const char *fn)
{
	char *cause = NULL, *found;

	if (api->base_ready)
		return &api->base;
	found = catalog_find(api->c, PRESET_SCENARIO, "default");
	if (found) {
		Setup s;
		int rc;
		free(found);
		setup_init(&s);
		rc = setup_load_scenario(api->c, "default", &s, &cause);
		if (rc != 0) {
			setup_fini(&s);
			raise_cause(L, fn, cause);
			return NULL;
		}
		api->base = s;
	}
	api->base_ready = true;
	return &api->base;
}

/* The SetupLoader over the caches: setup_build_with reads no file twice. */
static int
ld_model(void *ud, const char *name, Model *out, char **cause)
{
	LuaApi *api = ud;
	LuaModel *lm;

	if (api->use_model) {
		*out = *api->use_model;
		return 0;
	}
	if (!(lm = model_cached(api->L, api, name, cause)))
		return -1;
	*out = lm->m;
	if (api->model_slot)
		lua_replace(api->L, api->model_slot);
	else
		lua_pop(api->L, 1);
	return 0;
}

static int
ld_gpu(void *ud, const char *name, Gpu *out, char **cause)
{
	LuaApi *api = ud;
	Gpu *g = gpu_cached(api->L, api, name, cause);
	if (!g)
		return -1;
	*out = *g;
	lua_pop(api->L, 1);
	return 0;
}

static int
ld_fabric(void *ud, const char *name, Fabric *out, char **cause)
{
	LuaApi *api = ud;
	Fabric *f = fabric_cached(api->L, api, name, cause);
	if (!f)
		return -1;
	*out = *f;
	lua_pop(api->L, 1);
	return 0;
}

static int
ld_cluster(void *ud, const char *name, Cluster *out, char **cause)
{
	LuaApi *api = ud;
	LuaCluster *lc;

	if (api->use_cluster) {
		*out = *api->use_cluster;
		return 0;
	}
	if (!(lc = cluster_cached(api->L, api, name, cause)))
		return -1;
	*out = lc->cl;
	lua_pop(api->L, 1);
	return 0;
}

static int
ld_runtime(void *ud, const char *name, Runtime *out, char **cause)
{
	LuaApi *api = ud;
	LuaRuntime *lr;

	if (api->use_runtime) {
		*out = *api->use_runtime;
		return 0;
	}
	if (!(lr = runtime_cached(api->L, api, name, cause)))
		return -1;
	*out = lr->rt;
	lua_pop(api->L, 1);
	return 0;
}

/* ---- records' metamethods (model, cluster, runtime) ---- */

static int
record_index(lua_State *L)
{
	lua_getiuservalue(L, 1, 1);
	lua_pushvalue(L, 2);
	lua_rawget(L, -2);
	return 1;
}

static int
record_next(lua_State *L)
{
	/* the iterator pairs() hands out can be called with anything */
	if (!luaL_testudata(L, 1, MT_MODEL) && !luaL_testudata(L, 1, MT_CLUSTER) &&
	    !luaL_testudata(L, 1, MT_RUNTIME))
		return luaL_typeerror(L, 1, "shardlab model, cluster or runtime");
	lua_settop(L, 2);
	lua_getiuservalue(L, 1, 1);
	lua_pushvalue(L, 2);
	if (lua_next(L, 3))
		return 2;
	lua_pushnil(L);
	return 1;
}

static int
record_pairs(lua_State *L)
{
	lua_pushcfunction(L, record_next);
	lua_pushvalue(L, 1);
	lua_pushnil(L);
	return 3;
}

static int
record_tostring(lua_State *L)
{
	const char *kind = "record";
	if (luaL_getmetafield(L, 1, "__name") == LUA_TSTRING)
		kind = lua_tostring(L, -1);
	lua_getiuservalue(L, 1, 1);
	lua_getfield(L, -1, "name");
	lua_pushfstring(L, "%s: %s", kind, luaL_optstring(L, -1, "?"));
	return 1;
}

static int
readonly(lua_State *L)
{
	const char *kind = "object";
	if (luaL_getmetafield(L, 1, "__name") == LUA_TSTRING)
		kind = lua_tostring(L, -1);
	return luaL_error(L, "%s objects are read-only (copy the fields you need into a table)", kind);
}

/* ---- results ---- */

enum {
	SEC_MODEL = 1, SEC_CLUSTER, SEC_RUNTIME, SEC_STRATEGY, SEC_WORKLOAD, SEC_MEMORY, SEC_STAGES,
	SEC_LATENCY, SEC_THROUGHPUT, SEC_SERVING, SEC_FEASIBLE, SEC_CHECKS, SEC_NOTES, SEC_COUNT
};

/* In `eval --json` order (io/result_json.c). */
static const char *const section_names[SEC_COUNT] = {
	NULL, "model", "cluster", "runtime", "strategy", "workload", "memory", "stages", "latency",
	"throughput", "serving", "feasible", "checks", "notes"
};

/* User values: the model object, each section once built, the custom
 * checks' outcomes. */
#define UV_MODEL 1
#define UV_SECTION(k) (1 + (k))
#define UV_EXTRA (1 + SEC_COUNT)
#define N_UV UV_EXTRA

enum { CUSTOM_PENDING, CUSTOM_RUNNING, CUSTOM_DONE, CUSTOM_OFF };

/* The scenario without its model (user value 1) and the Result without its
 * unused stages and checks: a few kB instead of ~60 kB, so a million
 * evaluations in a loop keep the collector's work small. */
typedef struct LuaResult {
	unsigned long serial;
	Cluster cluster;
	Runtime runtime;
	Strategy strategy;
	Workload workload;
	EvalStatus status;
	bool feasible;                  /* built-in checks only */
	int n_stages, n_checks;
	int custom;                     /* CUSTOM_* */
	int extra_errors;               /* custom checks failing with severity error */
	unsigned char packed[];
} LuaResult;

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
static void
result_unpack(lua_State *L, LuaApi *api, int ridx, const LuaResult *lr)
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
static LuaResult *
result_push(lua_State *L, LuaApi *api, int model_idx, int notes_idx, int custom)
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

static void push_section(lua_State *L, LuaApi *api, int ridx, LuaResult *lr, int sec);

static void custom_run(lua_State *L, LuaApi *api, int ridx, LuaResult *lr);

static void
build_section(lua_State *L, LuaApi *api, int ridx, LuaResult *lr, int sec, bool with_extra)
{
	result_unpack(L, api, ridx, lr);
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
		custom_run(L, api, ridx, lr);
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

/* ---- custom checks ---- */

/* Call check record `rec` (absolute index) on the result at ridx; leave
 * its outcome: nothing when it passed, else a message string on top and
 * *sev set.  fresh: under luastate_pcall with a budget of its own (checks
 * of --check files); else inside the script's own budget. */
static bool
check_call(lua_State *L, int rec, int ridx, bool fresh, Severity *sev)
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
static void
custom_run(lua_State *L, LuaApi *api, int ridx, LuaResult *lr)
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
		if (check_call(L, rec, ridx, false, &sev)) {
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

/* ---- the module's functions ---- */

/* model(name | table): a catalog model, a config.json path, or an
 * architecture given as config.json keys. */

static int
l_model(lua_State *L)
{
	LuaApi *api = api_up(L);
	char *cause = NULL;

	api->L = L;
	if (lua_type(L, 1) == LUA_TSTRING) {
		if (!model_cached(L, api, lua_tostring(L, 1), &cause))
			return push_fail(L, cause);
		return 1;
	}
	if (luaL_testudata(L, 1, MT_MODEL)) {
		lua_settop(L, 1);
		return 1;
	}
	luaL_argexpected(L, lua_type(L, 1) == LUA_TTABLE, 1, "model name, path or table");
	/* the table as config.json text, read by the one importer */
	char err[128];
	lua_settop(L, 1);
	if (luajson_encode(L, 1, NULL, err, sizeof err) != 0)         /* 2 */
		return luaL_error(L, "bad argument #1 to 'model' (%s)", err);
	lua_getfield(L, 1, "name");                                     /* 3 */
	const char *name = lua_type(L, 3) == LUA_TSTRING ? lua_tostring(L, 3) : "custom";
	LuaModel *lm = lua_newuserdatauv(L, sizeof *lm, 1);
	int rc = hfconfig_parse(lua_tostring(L, 2), "model{}", name, &lm->m, &cause);
	if (rc != 0) {
		const char *why = strncmp(cause, "model{}: ", 9) == 0 ? cause + 9 : cause;
		lua_pushfstring(L, "bad argument #1 to 'model' (%s; keys as in a Hugging Face config.json)",
		    why);
		free(cause);
		return raise_top(L);
	}
	luaL_setmetatable(L, MT_MODEL);
	model_fields(L, &lm->m);
	lua_setiuservalue(L, -2, 1);
	return 1;
}

/* import(path): a Hugging Face config.json (or a directory holding one). */
static int
l_import(lua_State *L)
{
	LuaApi *api = api_up(L);
	const char *path = luaL_checkstring(L, 1);
	char *cause = NULL;
	struct stat st;

	api->L = L;
	if (stat(path, &st) != 0)
		return push_fail(L, xasprintf("cannot read '%s': no such file or directory", path));
	if (!model_cached(L, api, path, &cause))
		return push_fail(L, cause);
	return 1;
}

static int
l_gpu(lua_State *L)
{
	LuaApi *api = api_up(L);
	const char *name = luaL_checkstring(L, 1);
	char *cause = NULL;
	Gpu *g;

	api->L = L;
	if (!(g = gpu_cached(L, api, name, &cause)))
		return push_fail(L, cause);
	Gpu gc = *g;
	lua_pop(L, 1);
	lua_createtable(L, 0, 13);
	set_str(L, "name", gc.name);
	set_str(L, "arch", gc.arch);
	set_num(L, "compute_capability", gc.compute_capability);
	set_num(L, "memory_bytes", gc.memory_bytes);
	set_num(L, "datasheet_memory_bytes", gc.datasheet_memory_bytes);
	set_num(L, "hbm_bytes_per_s", gc.hbm_bytes_per_s);
	lua_createtable(L, 0, DTYPE_COUNT);
	for (int d = 0; d < DTYPE_COUNT; d++)
		if (gc.peak_flops[d] > 0)
			set_num(L, dtype_name((Dtype)d), gc.peak_flops[d]);
	lua_setfield(L, -2, "peak_flops");
	set_num(L, "compute_fraction", gc.compute_fraction);
	set_num(L, "memory_fraction", gc.memory_fraction);
	set_num(L, "gpus_per_node", gc.gpus_per_node);
	set_str(L, "intra_fabric", gc.intra_fabric);
	set_str(L, "inter_fabric", gc.inter_fabric);
	return 1;
}

static int
l_runtime(lua_State *L)
{
	LuaApi *api = api_up(L);
	char *cause = NULL;

	api->L = L;
	if (luaL_testudata(L, 1, MT_RUNTIME)) {
		lua_settop(L, 1);
		return 1;
	}
	if (!runtime_cached(L, api, luaL_checkstring(L, 1), &cause))
		return push_fail(L, cause);
	return 1;
}

/* A number for `key` of `fn` within the key table's bounds (a number,
 * or text read as on the command line). */
static double
param_arg(lua_State *L, int idx, ParamId id, const char *key, const char *fn)
{
	char why[128];
	double v = 0;
	int t = lua_type(L, idx);

	if (t == LUA_TNUMBER) {
		v = lua_tonumber(L, idx);
		if (param_check_number(id, v, why, sizeof why) != 0)
			bad_arg(L, key, fn, why);
	} else if (t == LUA_TSTRING) {
		if (param_parse_number(id, lua_tostring(L, idx), &v, why, sizeof why) != 0)
			bad_arg(L, key, fn, why);
	} else {
		bad_arg(L, key, fn, lua_pushfstring(L, "must be a number, not %s", luaL_typename(L, idx)));
	}
	return v;
}

static const char *
string_arg(lua_State *L, int idx, const char *key, const char *fn)
{
	if (lua_type(L, idx) != LUA_TSTRING || lua_rawlen(L, idx) == 0)
		bad_arg(L, key, fn, lua_type(L, idx) == LUA_TSTRING ? "empty" :
		    lua_pushfstring(L, "must be a string, not %s", luaL_typename(L, idx)));
	return lua_tostring(L, idx);
}

/* cluster(name | {preset|[1], gpu, gpus, nodes, gpus_per_node,
 * intra_fabric, inter_fabric, name, gpu_hour_usd}) */
static int
l_cluster(lua_State *L)
{
	static const char *const keys[] = { "preset", "gpu", "gpus", "nodes", "gpus_per_node",
		"intra_fabric", "inter_fabric", "name", "gpu_hour_usd", NULL };
	LuaApi *api = api_up(L);
	char *cause = NULL;
	Setup s;
	Cluster cl;

	api->L = L;
	api->unpacked = 0;
	if (lua_type(L, 1) == LUA_TSTRING) {
		if (!cluster_cached(L, api, lua_tostring(L, 1), &cause))
			return push_fail(L, cause);
		return 1;
	}
	if (luaL_testudata(L, 1, MT_CLUSTER)) {
		lua_settop(L, 1);
		return 1;
	}
	luaL_checktype(L, 1, LUA_TTABLE);
	lua_settop(L, 1);
	lua_pushnil(L);
	while (lua_next(L, 1)) {
		lua_pop(L, 1);
		if (lua_type(L, -1) == LUA_TNUMBER && lua_tointeger(L, -1) == 1)
			continue;
		bool known = false;
		for (int i = 0; keys[i] && !known; i++)
			known = lua_type(L, -1) == LUA_TSTRING && strcmp(lua_tostring(L, -1), keys[i]) == 0;
		if (!known)
			return luaL_error(L, "bad argument '%s' to 'cluster' (unknown key; keys: preset, gpu, "
			    "gpus, nodes, gpus_per_node, intra_fabric, inter_fabric, name, gpu_hour_usd)",
			    luaL_tolstring(L, -1, NULL));
	}
	/* only fields set directly: nothing here is freed */
	setup_init(&s);
	lua_getfield(L, 1, "preset");           /* 2 */
	if (lua_isnil(L, 2))
		lua_rawgeti(L, 1, 1);
	else
		lua_pushnil(L);                 /* 3 */
	int pidx = lua_isnil(L, 2) ? 3 : 2;
	lua_getfield(L, 1, "gpu");              /* 4 */
	if (!lua_isnil(L, pidx) && !lua_isnil(L, 4))
		return bad_arg(L, "gpu", "cluster", "give a preset or a gpu, not both");
	if (!lua_isnil(L, pidx))
		s.cluster = (char *)string_arg(L, pidx, "preset", "cluster");
	else if (!lua_isnil(L, 4))
		s.gpu = (char *)string_arg(L, 4, "gpu", "cluster");
	else
		return bad_arg(L, "preset", "cluster", "give a preset name or a gpu");
	if (lua_getfield(L, 1, "gpus") != LUA_TNIL)
		s.gpus = (int)param_arg(L, lua_gettop(L), PARAM_GPUS, "gpus", "cluster");
	if (lua_getfield(L, 1, "nodes") != LUA_TNIL) {
		s.value[PARAM_NODES] = param_arg(L, lua_gettop(L), PARAM_NODES, "nodes", "cluster");
		s.set[PARAM_NODES] = true;
	}
	if (lua_getfield(L, 1, "gpus_per_node") != LUA_TNIL) {
		s.value[PARAM_GPUS_PER_NODE] = param_arg(L, lua_gettop(L), PARAM_GPUS_PER_NODE,
		    "gpus_per_node", "cluster");
		s.set[PARAM_GPUS_PER_NODE] = true;
	}
	if (s.cluster && s.gpus)
		return bad_arg(L, "gpus", "cluster", "a preset's size is nodes x gpus_per_node");
	if (setup_cluster(api->c, &s, &api->loader, &cl, &cause) != 0) {
		if (strncmp(cause, "unknown ", 8) == 0)
			return push_fail(L, cause);
		return raise_cause(L, "cluster", cause);
	}
	static const char *const fabric_keys[] = { "intra_fabric", "inter_fabric" };
	for (int i = 0; i < 2; i++) {
		if (lua_getfield(L, 1, fabric_keys[i]) == LUA_TNIL)
			continue;
		Fabric *f = fabric_cached(L, api, string_arg(L, -1, fabric_keys[i], "cluster"), &cause);
		if (!f)
			return push_fail(L, cause);
		*(i == 0 ? &cl.intra : &cl.inter) = *f;
	}
	if (lua_getfield(L, 1, "name") != LUA_TNIL)
		snprintf(cl.name, sizeof cl.name, "%s", string_arg(L, -1, "name", "cluster"));
	if (lua_getfield(L, 1, "gpu_hour_usd") != LUA_TNIL) {
		int isnum = 0;
		double v = lua_tonumberx(L, -1, &isnum);
		if (!isnum || !(v >= 0 && v <= 1e4))
			return bad_arg(L, "gpu_hour_usd", "cluster", "must be a number in 0..10000");
		cl.gpu_hour_usd = v;
	}
	push_cluster(L, &cl);
	return 1;
}

/* stage_layers as "21,20,20,19" or {21, 20, 20, 19}. */
static const char *
stage_layers_arg(lua_State *L, LuaApi *api, int idx, const char *fn)
{
	if (lua_type(L, idx) == LUA_TSTRING)
		return lua_tostring(L, idx);
	if (lua_type(L, idx) != LUA_TTABLE)
		bad_arg(L, "stage_layers", fn, "a list of layer counts, one per stage");
	size_t o = 0;
	lua_Integer n = (lua_Integer)lua_rawlen(L, idx);
	if (n < 1 || n > MAX_STAGES)
		bad_arg(L, "stage_layers", fn, "a list of 1..128 layer counts, one per stage");
	for (lua_Integer i = 1; i <= n; i++) {
		lua_rawgeti(L, idx, i);
		int isint = 0;
		lua_Integer v = lua_tointegerx(L, -1, &isint);
		lua_pop(L, 1);
		if (!isint || v < 1 || v > MODEL_MAX_LAYERS)
			bad_arg(L, "stage_layers", fn, "each stage needs a whole number of layers in 1..512");
		o += (size_t)snprintf(api->stage_buf + o, sizeof api->stage_buf - o, "%s%lld",
		    i > 1 ? "," : "", (long long)v);
	}
	return api->stage_buf;
}

/* One key of evaluate{}'s table (the value at index v) through the one
 * apply function (setup_apply, as the CLI and `:set`); model, cluster and
 * runtime also take objects, stage_layers a list.  Raises "bad argument
 * 'KEY' to 'FN' (WHY)". */
static void
apply_key(lua_State *L, LuaApi *api, const char *fn, Setup *s, SetupEdit *e, ParamId id,
    const char *key, int v)
{
	const ParamDef *d = param_def(id);
	const char *text = NULL;
	char *cause = NULL;
	LuaModel *lm;
	LuaCluster *lc;
	LuaRuntime *lr;

	if (id == PARAM_MODEL && (lm = luaL_testudata(L, v, MT_MODEL))) {
		api->use_model = &lm->m;
		text = lm->m.name;
		lua_pushvalue(L, v);
		lua_replace(L, api->model_slot);
	} else if (id == PARAM_MODEL) {
		if (lua_type(L, v) != LUA_TSTRING)
			bad_arg(L, key, fn, "a model name, a config.json path or a shardlab.model object");
		api->use_model = NULL;
	} else if (id == PARAM_CLUSTER && (lc = luaL_testudata(L, v, MT_CLUSTER))) {
		api->use_cluster = &lc->cl;
		text = lc->cl.name;
	} else if (id == PARAM_CLUSTER && lua_type(L, v) != LUA_TSTRING) {
		bad_arg(L, key, fn, "a cluster preset name or a shardlab.cluster object");
	} else if (id == PARAM_RUNTIME && (lr = luaL_testudata(L, v, MT_RUNTIME))) {
		api->use_runtime = &lr->rt;
		text = lr->rt.name;
	} else if (id == PARAM_RUNTIME && lua_type(L, v) != LUA_TSTRING) {
		bad_arg(L, key, fn, "a runtime name or a shardlab.runtime object");
	} else if (id == PARAM_STAGE_LAYERS) {
		text = stage_layers_arg(L, api, v, fn);
	}
	if (!text && lua_type(L, v) == LUA_TSTRING)
		text = lua_tostring(L, v);
	else if (!text && (lua_type(L, v) != LUA_TNUMBER || d->type == PARAM_T_STRING))
		bad_arg(L, key, fn, lua_pushfstring(L, "must be a %s, not %s", d->type == PARAM_T_STRING ?
		    "string" : "number", luaL_typename(L, v)));
	if (setup_apply(s, e, key, text, text ? 0 : lua_tonumber(L, v), &cause) != 0) {
		lua_pushstring(L, setup_cause_why(cause));
		free(cause);
		bad_arg(L, key, fn, lua_tostring(L, -1));
	}
}

/* The unknown-key message: every row of the key table, then slo, preset. */
static int
unknown_key(lua_State *L, const char *key, const char *fn, const char *more)
{
	char keys[1024];

	param_keys_text(keys, sizeof keys);
	return luaL_error(L, "bad argument '%s' to '%s' (unknown key; keys are the CLI options with "
	    "underscores: %s, slo, preset%s)", key, fn, keys, more);
}

/* The scenario of the options table at 1 into api->sc, as `shardlab eval`
 * reads its options (one SetupEdit: the same refill rule); fn names the
 * Lua function in errors, `more` lists its own keys (", objective, ...")
 * for the unknown-key message.  Leaves the model object at 2 and the
 * setup's notes (a string, or nil) at 3; raises on a bad key or value. */
static void
scenario_args(lua_State *L, LuaApi *api, const char *fn, const char *more)
{
	char *notes = NULL, *cause = NULL;
	const Setup *base;
	SetupEdit edit;

	api->L = L;
	if (lua_isnoneornil(L, 1)) {
		lua_settop(L, 0);
		lua_newtable(L);
	}
	luaL_checktype(L, 1, LUA_TTABLE);
	lua_settop(L, 1);
	lua_pushnil(L);                 /* 2: the model object */
	api->model_slot = 2;
	api->use_model = NULL;
	api->use_cluster = NULL;
	api->use_runtime = NULL;
	api->unpacked = 0;              /* api->sc is the arguments' probe below */

	/* raw reads only: no user code runs until the setup is built, so the
	 * api's scratch setup cannot be reentered */
	lua_pushliteral(L, "preset");
	if (lua_rawget(L, 1) != LUA_TNIL) {
		if (!(base = scenario_cached(L, api, string_arg(L, 3, "preset", fn), &cause)))
			raise_cause(L, fn, cause);
	} else {
		base = api_base(L, api, fn);
	}
	lua_settop(L, 2);
	Setup *work = &api->work;       /* owned by api: freed there if this raises */
	setup_copy(work, base);
	setup_edit_init(&edit);

	/* cluster or gpu first (each resets the other and the cluster's
	 * size, as on the command line), the rest in any order */
	lua_pushliteral(L, "cluster");
	int tc = lua_rawget(L, 1);                      /* 3 */
	lua_pushliteral(L, "gpu");
	int tg = lua_rawget(L, 1);                      /* 4 */
	if (tc != LUA_TNIL && tg != LUA_TNIL)
		bad_arg(L, "gpu", fn, "give a cluster or a gpu, not both");
	if (tc != LUA_TNIL)
		apply_key(L, api, fn, work, &edit, PARAM_CLUSTER, "cluster", 3);
	if (tg != LUA_TNIL)
		apply_key(L, api, fn, work, &edit, PARAM_GPU, "gpu", 4);
	lua_settop(L, 2);
	lua_pushnil(L);
	while (lua_next(L, 1)) {
		if (lua_type(L, -2) != LUA_TSTRING)
			luaL_error(L, "bad argument #1 to '%s' (keys must be strings, named as the CLI options)",
			    fn);
		const char *key = lua_tostring(L, -2);
		int id = param_key_find(key);
		if (id == PARAM_CLUSTER || id == PARAM_GPU || strcmp(key, "preset") == 0) {
			/* applied first */
		} else if (strcmp(key, "slo") == 0) {
			int t = lua_gettop(L);
			if (lua_type(L, t) != LUA_TTABLE)
				bad_arg(L, key, fn, "must be a table: {ttft_p99_s = ..., tpot_p99_s = ..., rps = ...}");
			lua_pushnil(L);
			while (lua_next(L, t)) {
				int k = lua_type(L, -2) == LUA_TSTRING ? param_key_find(lua_tostring(L, -2)) : -1;
				if (k < PARAM_TTFT_P50 || k > PARAM_RPS)
					luaL_error(L, "bad argument 'slo' to '%s' (unknown key '%s'; keys: ttft_p50_s, "
					    "ttft_p99_s, tpot_p50_s, tpot_p99_s, rps)", fn, luaL_tolstring(L, -2, NULL));
				apply_key(L, api, fn, work, &edit, (ParamId)k, lua_tostring(L, -2), lua_gettop(L));
				lua_pop(L, 1);
			}
		} else if (id < 0) {
			unknown_key(L, key, fn, more);
		} else {
			apply_key(L, api, fn, work, &edit, (ParamId)id, key, lua_gettop(L));
		}
		lua_pop(L, 1);
	}
	/* the one refill rule (setup.h), as `shardlab eval` and `:set` */
	setup_edit_finish(work, &edit);
	if (setup_build_with(api->c, work, &api->loader, api->sc, &notes, &cause) != 0) {
		api->model_slot = 0;
		raise_cause(L, fn, cause);
	}
	api->model_slot = 0;
	lua_settop(L, 2);
	if (notes) {
		lua_pushstring(L, notes);       /* 3 */
		free(notes);
	} else {
		lua_pushnil(L);
	}
}

/* evaluate{...}: the keys of `shardlab eval`'s options, with underscores. */
static int
l_evaluate(lua_State *L)
{
	LuaApi *api = api_up(L);

	scenario_args(L, api, "evaluate", "");
	eval_run(api->sc, api->res);
	result_push(L, api, 2, lua_isnil(L, 3) ? 0 : 3, CUSTOM_PENDING);
	return 1;
}

/* explain(result, path [, stage]): the formula behind one figure. */
static int
l_explain(lua_State *L)
{
	LuaApi *api = api_up(L);
	LuaResult *lr = luaL_checkudata(L, 1, MT_RESULT);
	const char *path = luaL_checkstring(L, 2);
	lua_Integer stage = luaL_optinteger(L, 3, -1);
	char buf[4096];
	const char *p;
	int k;

	for (k = 0; (p = explain_path(k)) && strcmp(p, path) != 0; k++)
		;
	if (!p) {
		luaL_Buffer b;
		luaL_buffinit(L, &b);
		luaL_addstring(&b, "bad argument 'path' to 'explain' (unknown figure '");
		luaL_addstring(&b, path);
		luaL_addstring(&b, "'; one of:");
		for (k = 0; (p = explain_path(k)); k++) {
			luaL_addstring(&b, k == 0 ? " " : ", ");
			luaL_addstring(&b, p);
		}
		luaL_addstring(&b, ")");
		luaL_pushresult(&b);
		return raise_top(L);
	}
	if (stage < -1 || stage >= lr->n_stages)
		return luaL_error(L, "bad argument 'stage' to 'explain' (the result has stages 0..%d)",
		    lr->n_stages - 1);
	result_unpack(L, api, 1, lr);
	if (explain_figure(api->sc, api->res, path, (int)stage, buf, sizeof buf) != 0) {
		lua_pushnil(L);
		lua_pushstring(L, buf);
		return 2;
	}
	lua_pushstring(L, buf);
	return 1;
}

/* ---- audit and search: the trees of the CLI's JSON ---- */

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
		return push_fail(L, cause);
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

/* What a search holds across calls into Lua (the checks): freed with its
 * box whether the search returns or raises. */
typedef struct LuaSearch {
	Scenario base;
	SearchWork w;
	SearchCandidate *top, *front;
	char *notes[SEARCH_MAX_NOTES];
	int n_notes;
	char *text;
	char *error;                    /* the checks could not run: raised after the search */
} LuaSearch;

static void
lua_search_free(void *p)
{
	LuaSearch *q = p;

	free(q->top);
	free(q->front);
	for (int i = 0; i < q->n_notes; i++)
		free(q->notes[i]);
	free(q->text);
	free(q->error);
	free(q);
}

/* The registered checks as the search's filter (SearchFilter), as `search
 * --check` runs its check files: a candidate failing a check of severity
 * error is rejected, with "id: message". */
typedef struct FilterCtx {
	LuaApi *api;
	LuaSearch *q;
	int model_idx;                  /* the model object, in l_search's frame */
	const Scenario *s;
	const Result *r;
	char *why;
	size_t n;
	bool ok;
} FilterCtx;

static int
filter_protected(lua_State *L)
{
	FilterCtx *x = lua_touserdata(L, 1);
	LuaApi *api = x->api;

	*api->sc = *x->s;
	*api->res = *x->r;
	LuaResult *lr = result_push(L, api, 2, 0, CUSTOM_PENDING);     /* 3 */
	custom_run(L, api, 3, lr);
	x->ok = lr->extra_errors == 0;
	if (x->ok || lua_getiuservalue(L, 3, UV_EXTRA) != LUA_TTABLE)
		return 0;
	lua_Integer n = luaL_len(L, 4);
	for (lua_Integer i = 1; i <= n; i++) {
		lua_rawgeti(L, 4, i);
		lua_getfield(L, -1, "severity");
		if (strcmp(lua_tostring(L, -1), "error") == 0) {
			lua_getfield(L, -2, "id");
			lua_getfield(L, -3, "message");
			snprintf(x->why, x->n, "%s: %s", lua_tostring(L, -2), lua_tostring(L, -1));
			break;
		}
		lua_pop(L, 2);
	}
	return 0;
}

static bool
search_filter(void *ud, const Scenario *s, const Result *r, char *why, size_t n)
{
	FilterCtx *x = ud;
	lua_State *L = x->api->L;

	if (x->q->error) {
		snprintf(why, n, "the checks could not run");
		return false;
	}
	x->s = s;
	x->r = r;
	x->why = why;
	x->n = n;
	x->ok = true;
	lua_pushcfunction(L, filter_protected);
	lua_pushlightuserdata(L, x);
	lua_pushvalue(L, x->model_idx);
	if (lua_pcall(L, 2, 0, 0) != LUA_OK) {
		x->q->error = xstrdup(lua_tostring(L, -1) ? lua_tostring(L, -1) : "out of memory");
		lua_pop(L, 1);
		snprintf(why, n, "the checks could not run");
		return false;
	}
	return x->ok;
}

static double
now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* search{...}: every strategy of the scenario's model on its cluster,
 * ranked: the tree of `shardlab search --json` with the same options. */
static int
l_search(lua_State *L)
{
	LuaApi *api = api_up(L);
	SearchQuery sq;
	char *cause = NULL;

	api->L = L;
	search_query_init(&sq);
	if (lua_isnoneornil(L, 1)) {
		lua_settop(L, 0);
		lua_newtable(L);
	}
	luaL_checktype(L, 1, LUA_TTABLE);
	lua_settop(L, 1);
	luasearch_args(L, &sq);                         /* 1: evaluate's keys */
	SearchOptions so = sq.so;
	int top = sq.top;
	bool use_checks = sq.checks;
	char more[512];
	scenario_args(L, api, "search", luasearch_keys_text(more, sizeof more));   /* the model object at 2 */

	if (so.objective == SEARCH_OBJ_COST && so.gpu_hour_usd <= 0 && api->sc->cluster.gpu_hour_usd <= 0)
		return luaL_error(L, "bad argument 'objective' to 'search' (cost needs a price: give "
		    "usd_per_gpu_hour (cluster %s has none))", api->sc->cluster.name);
	SearchOptId bad;
	char why[256];
	if (search_query_check(&sq, api->sc, &bad, why, sizeof why) != 0)
		return bad_arg(L, search_opt_def(bad)->lua, "search", why);

	LuaBox *box = luastate_box(L, lua_search_free);
	LuaSearch *q = box->p = xcalloc(1, sizeof *q);
	q->base = *api->sc;
	q->top = xcalloc((size_t)top, sizeof *q->top);
	q->front = xcalloc(SEARCH_PARETO_CAP, sizeof *q->front);
	FilterCtx fc = { .api = api, .q = q, .model_idx = 2 };
	if (use_checks && api->n_checks > 0 && api->in_check == 0) {
		so.filter = search_filter;
		so.filter_ud = &fc;
	}
	SearchResult r;
	search_result_init(&r, q->top, top, q->front, SEARCH_PARETO_CAP);
	double t0 = now_s();
	search_run(&q->base, &so, &q->w, &r);
	search_finish(&q->base, &so, &q->w, &r);
	double elapsed = now_s() - t0;
	if (q->error)
		return luaL_error(L, "search: the checks could not run: %s", q->error);
	if (r.n_top == 0)
		q->n_notes = search_notes(&q->base, &so, &q->w, q->notes, SEARCH_MAX_NOTES);
	q->text = search_json(&q->base, &so, &r, elapsed, (const char *const *)q->notes, q->n_notes, 0);
	if (luajson_push_tree(L, q->text, &cause) != 0) {
		lua_pushfstring(L, "search: %s", cause);
		free(cause);
		return lua_error(L);
	}
	luastate_box_free(box);
	return 1;
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
		return bad_arg(L, "id", "check", "a name such as \"team.no-tp-across-nodes\"");
	for (const char *p = id; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    *p == '.' || *p == '_' || *p == '-'))
			return bad_arg(L, "id", "check", "letters, digits and . _ - only");
	lua_getfield(L, 1, "severity");         /* 3 */
	if (lua_isnil(L, 3)) {
		lua_pop(L, 1);
		lua_pushliteral(L, "error");
	}
	const char *sev = lua_tostring(L, 3);
	if (lua_type(L, 3) != LUA_TSTRING || (strcmp(sev, "error") && strcmp(sev, "warn") &&
	    strcmp(sev, "info")))
		return bad_arg(L, "severity", "check", "must be \"error\", \"warn\" or \"info\"");
	if (lua_getfield(L, 1, "fn") != LUA_TFUNCTION)  /* 4 */
		return bad_arg(L, "fn", "check", "must be a function(result) returning ok, message");
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

static void
push_names(lua_State *L, const Catalog *c, PresetKind k)
{
	char **names;
	int n = catalog_list(c, k, &names);

	lua_createtable(L, n, 0);
	for (int i = 0; i < n; i++) {
		lua_pushstring(L, names[i]);
		lua_rawseti(L, -2, i + 1);
	}
	catalog_list_free(names, n);
}

static int
l_models(lua_State *L)
{
	push_names(L, api_up(L)->c, PRESET_MODEL);
	return 1;
}

static int
l_gpus(lua_State *L)
{
	push_names(L, api_up(L)->c, PRESET_GPU);
	return 1;
}

/* presets() -> {scenario = {...}, cluster = {...}, ...}; presets(kind) -> {...} */
static int
l_presets(lua_State *L)
{
	LuaApi *api = api_up(L);

	if (!lua_isnoneornil(L, 1)) {
		const char *kind = luaL_checkstring(L, 1);
		for (int k = 0; k < PRESET_KINDS; k++)
			if (strcmp(kind, catalog_kind_name((PresetKind)k)) == 0) {
				push_names(L, api->c, (PresetKind)k);
				return 1;
			}
		return luaL_error(L, "bad argument 'kind' to 'presets' (unknown kind '%s'; one of: scenario, "
		    "cluster, gpu, fabric, runtime, model)", kind);
	}
	lua_createtable(L, 0, PRESET_KINDS);
	for (int k = 0; k < PRESET_KINDS; k++) {
		push_names(L, api->c, (PresetKind)k);
		lua_setfield(L, -2, catalog_kind_name((PresetKind)k));
	}
	return 1;
}

/* params(): the parameter table, in order. */
static int
l_params(lua_State *L)
{
	static const char *const types[] = { "integer", "number", "string" };

	lua_createtable(L, PARAM_KEY_COUNT, 0);
	for (int p = 0; p < PARAM_KEY_COUNT; p++) {
		const ParamDef *d = param_def((ParamId)p);
		lua_createtable(L, 0, 12);
		set_str(L, "name", d->name);
		set_str(L, "type", types[d->type]);
		set_str(L, "unit", d->unit);
		if (d->type != PARAM_T_STRING) {
			set_num(L, "min", d->min);
			set_num(L, "max", d->max);
			set_num(L, "step", d->step);
			set_num(L, "default", d->def);
		} else if (d->def_text) {
			set_str(L, "default", d->def_text);
		}
		set_bool(L, "integer", d->integer);
		set_bool(L, "hardware", d->hardware);
		if (d->alias)
			set_str(L, "alias", d->alias);
		set_str(L, "help", d->help);
		lua_rawseti(L, -2, p + 1);
	}
	return 1;
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
	api->loader = (SetupLoader){ .ud = api, .model = ld_model, .gpu = ld_gpu, .fabric = ld_fabric,
		.cluster = ld_cluster, .runtime = ld_runtime };
	for (int k = 0; k < CK_COUNT; k++) {
		lua_newtable(L);
		api->cache[k] = luaL_ref(L, LUA_REGISTRYINDEX);
	}
	lua_newtable(L);
	api->checks = luaL_ref(L, LUA_REGISTRYINDEX);
	lua_newtable(L);
	lua_setfield(L, LUA_REGISTRYINDEX, LOADED_KEY);



	static const luaL_Reg result_mt[] = {
		{ "__index", result_index }, { "__pairs", result_pairs }, { "__tostring", result_tostring },
		{ "__newindex", readonly }, { NULL, NULL }
	};
	static const luaL_Reg record_mt[] = {
		{ "__index", record_index }, { "__pairs", record_pairs }, { "__tostring", record_tostring },
		{ "__newindex", readonly }, { NULL, NULL }
	};
	new_metatable(L, MT_RESULT, result_mt, 2);
	new_metatable(L, MT_MODEL, record_mt, 2);
	new_metatable(L, MT_CLUSTER, record_mt, 2);
	new_metatable(L, MT_RUNTIME, record_mt, 2);
	luaL_newmetatable(L, MT_SETUP);
	lua_pushcfunction(L, setupbox_gc);
	lua_setfield(L, -2, "__gc");
	lua_pop(L, 1);

	static const luaL_Reg module[] = {
		{ "model", l_model }, { "import", l_import }, { "gpu", l_gpu }, { "cluster", l_cluster },
		{ "runtime", l_runtime }, { "evaluate", l_evaluate }, { "explain", l_explain },
		{ "check", l_check }, { "models", l_models }, { "gpus", l_gpus },
		{ "presets", l_presets }, { "params", l_params }, { "audit", l_audit },
		{ "search", l_search }, { NULL, NULL }
	};
	luaL_newlibtable(L, module);
	lua_pushvalue(L, 2);
	luaL_setfuncs(L, module, 1);
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
	push_model(L, &x->s->model);                    /* 2 */
	*api->sc = *x->s;
	*api->res = *x->r;
	result_push(L, api, 2, 0, CUSTOM_OFF);          /* 3 */
	lua_rawgeti(L, LUA_REGISTRYINDEX, api->checks); /* 4 */
	for (int i = 1; i <= api->n_checks; i++) {
		Severity sev;
		lua_rawgeti(L, 4, i);
		int rec = lua_gettop(L);
		api->in_check++;        /* results made inside: built-in checks only */
		bool failed = check_call(L, rec, 3, true, &sev);
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
