/* cache.c: each preset and model is read from disk once per state.  One
 * registry table per kind (LuaApi.cache, CK_*), keyed by name or path,
 * holds the objects: models, clusters and runtimes as their Lua objects
 * (records.c), GPUs and fabrics as plain structs, scenario presets as a
 * Setup; and the SetupLoader over these caches, so that setup_build_with
 * reads no file twice.  Presets are data (lua/preset.h): loading one never
 * loads another through this module. */
#include <stdlib.h>
#include <string.h>

#include "bind/luaapi-internal.h"
#include "catalog/catalog.h"
#include "lua/preset.h"
#include "scenario/calib-apply.h"
#include "util/xmalloc.h"

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

LuaModel *
bind_model_cached(lua_State *L, LuaApi *api, const char *name, char **cause)
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
	bind_model_fields(L, &lm->m);
	lua_setiuservalue(L, -2, 1);
	cache_put(L, api, CK_MODEL, name);
	return lm;
}

Gpu *
bind_gpu_cached(lua_State *L, LuaApi *api, const char *name, char **cause)
{
	return plain_cached(L, api, CK_GPU, name, load_gpu, sizeof(Gpu), cause);
}

Fabric *
bind_fabric_cached(lua_State *L, LuaApi *api, const char *name, char **cause)
{
	return plain_cached(L, api, CK_FABRIC, name, load_fabric, sizeof(Fabric), cause);
}

LuaCluster *
bind_cluster_cached(lua_State *L, LuaApi *api, const char *name, char **cause)
{
	LuaCluster *lc = cache_get(L, api, CK_CLUSTER, name);
	Cluster cl;

	if (lc)
		return lc;
	lua_pop(L, 1);
	if (load_done(preset_cluster(api->c, name, &cl, cause), cause) != 0)
		return NULL;
	lc = bind_push_cluster(L, &cl);
	cache_put(L, api, CK_CLUSTER, name);
	return lc;
}

LuaRuntime *
bind_runtime_cached(lua_State *L, LuaApi *api, const char *name, char **cause)
{
	LuaRuntime *lr = cache_get(L, api, CK_RUNTIME, name);
	Runtime rt;

	if (lr)
		return lr;
	lua_pop(L, 1);
	if (load_done(preset_runtime(api->c, name, &rt, cause), cause) != 0)
		return NULL;
	lr = bind_push_runtime(L, &rt);
	cache_put(L, api, CK_RUNTIME, name);
	return lr;
}

/* A scenario preset, loaded onto an empty Setup and kept (freed by __gc). */
typedef struct SetupBox { Setup s; } SetupBox;

int
bind_setupbox_gc(lua_State *L)
{
	SetupBox *b = lua_touserdata(L, 1);
	setup_fini(&b->s);
	return 0;
}

const Setup *
bind_scenario_cached(lua_State *L, LuaApi *api, const char *name, char **cause)
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
const Setup *
bind_api_base(lua_State *L, LuaApi *api, const char *fn)
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
			bind_raise_cause(L, fn, cause);
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
	if (!(lm = bind_model_cached(api->L, api, name, cause)))
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
	Gpu *g = bind_gpu_cached(api->L, api, name, cause);
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
	Fabric *f = bind_fabric_cached(api->L, api, name, cause);
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
	if (!(lc = bind_cluster_cached(api->L, api, name, cause)))
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
	if (!(lr = bind_runtime_cached(api->L, api, name, cause)))
		return -1;
	*out = lr->rt;
	lua_pop(api->L, 1);
	return 0;
}

/* A calibration preset read once per state (or its absence: found false). */
typedef struct CachedCalibration {
	bool found;
	CalibPreset cp;
} CachedCalibration;

static int
ld_calibration(void *ud, Scenario *s, char **cause)
{
	LuaApi *api = ud;
	char key[HW_NAME_MAX * 2 + 2];
	CachedCalibration *cc;

	snprintf(key, sizeof key, "%s-%s", s->cluster.gpu.name, s->runtime.name);
	cc = cache_get(api->L, api, CK_CALIBRATION, key);
	if (!cc) {
		CachedCalibration tmp;
		lua_pop(api->L, 1);
		if (calibrate_find(s->cluster.gpu.name, s->runtime.name, &tmp.cp, &tmp.found, cause) != 0)
			return load_done(-1, cause);
		cc = lua_newuserdatauv(api->L, sizeof *cc, 0);
		*cc = tmp;
		cache_put(api->L, api, CK_CALIBRATION, key);
	}
	lua_pop(api->L, 1);
	return cc->found ? calibrate_set(s, &cc->cp, cause) : 0;
}

SetupLoader
bind_loader(LuaApi *api)
{
	return (SetupLoader){ .ud = api, .model = ld_model, .gpu = ld_gpu, .fabric = ld_fabric,
		.cluster = ld_cluster, .runtime = ld_runtime, .calibration = ld_calibration };
}
