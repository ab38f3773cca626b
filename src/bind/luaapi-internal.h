/* luaapi-internal.h: what the files of the `shardlab` Lua module share
 * (src/bind/luaapi.c and the files it registers: records.c, cache.c,
 * result.c, check.c, catalog.c, scenario.c, search.c, audit.c): the
 * module's state LuaApi, the metatable names, the result userdata's
 * layout, the push/set helpers, the error helpers and each file's luaL_Reg
 * table.  Not for use outside src/bind. */
#ifndef SHARDLAB_BIND_LUAAPI_INTERNAL_H
#define SHARDLAB_BIND_LUAAPI_INTERNAL_H

#include <lauxlib.h>
#include <lua.h>
#include <math.h>
#include <stdbool.h>

#include "bind/luaapi.h"
#include "core/eval.h"
#include "core/serving.h"
#include "scenario/setup.h"

#define API_KEY "shardlab.api"
#define LOADED_KEY "shardlab.loaded"
#define MT_API "shardlab.api"
#define MT_RESULT "shardlab.result"
#define MT_MODEL "shardlab.model"
#define MT_CLUSTER "shardlab.cluster"
#define MT_RUNTIME "shardlab.runtime"
#define MT_SETUP "shardlab.scenario"

/* Caches, one registry table per kind, keyed by name or path. */
enum { CK_MODEL, CK_GPU, CK_FABRIC, CK_CLUSTER, CK_RUNTIME, CK_SCENARIO, CK_CALIBRATION, CK_COUNT };

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

/* The module's state, the upvalue of every function and metamethod. */
static inline LuaApi *
api_up(lua_State *L)
{
	return lua_touserdata(L, lua_upvalueindex(1));
}

/* ---- small helpers (inline: the result tree calls them per figure) ---- */

/* Numbers as Lua sees them: whole values as integers (8, not 8.0), the
 * rest as floats; non-finite values stay inf/nan (JSON's null). */
static inline void
push_num(lua_State *L, double v)
{
	if (v == floor(v) && fabs(v) < 9007199254740992.0)
		lua_pushinteger(L, (lua_Integer)v);
	else
		lua_pushnumber(L, v);
}

static inline void
set_num(lua_State *L, const char *k, double v)
{
	push_num(L, v);
	lua_setfield(L, -2, k);
}

static inline void
set_str(lua_State *L, const char *k, const char *v)
{
	lua_pushstring(L, v);
	lua_setfield(L, -2, k);
}

static inline void
set_bool(lua_State *L, const char *k, bool v)
{
	lua_pushboolean(L, v);
	lua_setfield(L, -2, k);
}

/* Errors (luaapi.c).  bind_raise_top: raise "FILE:LINE: <msg>" for the Lua
 * code that called the running C function, msg on top of the stack.
 * bind_raise_cause: a Setup/preset failure as an argument error of `fn`
 * ("bad argument 'tp' to 'evaluate' (must be >= 1)"), freeing cause.
 * bind_bad_arg: raise "bad argument 'KEY' to 'FN' (WHY)".  bind_push_fail:
 * "nil, message" for an expected failure, freeing cause; returns 2.
 * bind_string_arg: the non-empty string at idx, else bind_bad_arg. */
int bind_raise_top(lua_State *L);
int bind_raise_cause(lua_State *L, const char *fn, char *cause);
int bind_bad_arg(lua_State *L, const char *key, const char *fn, const char *why);
int bind_push_fail(lua_State *L, char *cause);
const char *bind_string_arg(lua_State *L, int idx, const char *key, const char *fn);

/* Records (model, cluster, runtime objects): a C struct read from Lua
 * through a table of fields built once (user value 1), read-only. */
typedef struct LuaModel { Model m; } LuaModel;
typedef struct LuaCluster { Cluster cl; } LuaCluster;
typedef struct LuaRuntime { Runtime rt; } LuaRuntime;

/* Records (records.c): push a model, cluster or runtime object (a copy);
 * bind_model_fields pushes a model's field table (its user value 1).
 * bind_record_mt: their metamethods; bind_readonly: __newindex of every
 * object (raises). */
void bind_model_fields(lua_State *L, const Model *m);
LuaModel *bind_push_model(lua_State *L, const Model *m);
LuaCluster *bind_push_cluster(lua_State *L, const Cluster *cl);
LuaRuntime *bind_push_runtime(lua_State *L, const Runtime *rt);
int bind_readonly(lua_State *L);
extern const luaL_Reg bind_record_mt[];

/* Caches (cache.c): each bind_*_cached pushes the object named `name`
 * (cached, else read and cached) and returns it, or returns NULL with
 * *cause and nothing pushed; bind_scenario_cached pushes nothing (the
 * cache keeps the Setup).  bind_api_base: evaluate's base scenario
 * (raises on a broken presets/default.lua).  bind_loader: the SetupLoader
 * over the caches.  bind_setupbox_gc: __gc of a cached scenario. */
LuaModel *bind_model_cached(lua_State *L, LuaApi *api, const char *name, char **cause);
Gpu *bind_gpu_cached(lua_State *L, LuaApi *api, const char *name, char **cause);
Fabric *bind_fabric_cached(lua_State *L, LuaApi *api, const char *name, char **cause);
LuaCluster *bind_cluster_cached(lua_State *L, LuaApi *api, const char *name, char **cause);
LuaRuntime *bind_runtime_cached(lua_State *L, LuaApi *api, const char *name, char **cause);
const Setup *bind_scenario_cached(lua_State *L, LuaApi *api, const char *name, char **cause);
const Setup *bind_api_base(lua_State *L, LuaApi *api, const char *fn);
SetupLoader bind_loader(LuaApi *api);
int bind_setupbox_gc(lua_State *L);

/* ---- results (result.c) ---- */

enum {
	SEC_MODEL = 1, SEC_CLUSTER, SEC_RUNTIME, SEC_STRATEGY, SEC_WORKLOAD, SEC_MEMORY, SEC_STAGES,
	SEC_LATENCY, SEC_THROUGHPUT, SEC_SERVING, SEC_FEASIBLE, SEC_CHECKS, SEC_NOTES, SEC_COUNT
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

/* bind_result_push: push a result object for api->sc / api->res, with the
 * model object at model_idx and `notes` at notes_idx (0: none); custom is
 * CUSTOM_*.  bind_result_unpack: make api->sc / api->res hold the result
 * at ridx.  bind_result_mt: the result's metamethods. */
LuaResult *bind_result_push(lua_State *L, LuaApi *api, int model_idx, int notes_idx, int custom);
void bind_result_unpack(lua_State *L, LuaApi *api, int ridx, const LuaResult *lr);
extern const luaL_Reg bind_result_mt[];

/* Custom checks (check.c).  bind_check_call: call check record `rec`
 * (absolute index) on the result at ridx; true with a message on top and
 * *sev set when it failed (fresh: under luastate_pcall with a budget of
 * its own).  bind_custom_run: run every registered check on the result at
 * ridx, keeping the failures as its user value UV_EXTRA. */
bool bind_check_call(lua_State *L, int rec, int ridx, bool fresh, Severity *sev);
void bind_custom_run(lua_State *L, LuaApi *api, int ridx, LuaResult *lr);

/* evaluate{}'s arguments (scenario.c): the options table at 1 into
 * api->sc; leaves the model object at 2 and the setup's notes (or nil) at
 * 3; raises on a bad key or value.  `more` lists fn's own keys. */
void bind_scenario_args(lua_State *L, LuaApi *api, const char *fn, const char *more);

/* The module's functions, one table per file, each function taking the
 * LuaApi as upvalue 1 (luaapi.c registers them into `shardlab`). */
extern const luaL_Reg bind_catalog_fns[];       /* catalog.c: model, import, gpu, cluster, runtime,
                                                   models, gpus, presets, params */
extern const luaL_Reg bind_scenario_fns[];      /* scenario.c: evaluate, explain */
extern const luaL_Reg bind_check_fns[];         /* check.c: check */
extern const luaL_Reg bind_audit_fns[];         /* audit.c: audit */
extern const luaL_Reg bind_search_fns[];        /* search.c: search */

#endif
