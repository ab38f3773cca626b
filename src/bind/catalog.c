/* catalog.c: the catalog functions of the `shardlab` module: model,
 * import, gpu, cluster, runtime (objects from presets, config.json files
 * or tables, through the caches of cache.c) and the lists models, gpus,
 * presets and params (the scenario-key table).  Expected failures (an
 * unknown name, an unreadable file) return nil, message; bad arguments
 * raise. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bind/luaapi-internal.h"
#include "bind/luajson.h"
#include "catalog/catalog.h"
#include "core/params.h"
#include "io/hfconfig.h"
#include "util/xmalloc.h"

/* model(name | table): a catalog model, a config.json path, or an
 * architecture given as config.json keys. */

static int
l_model(lua_State *L)
{
	LuaApi *api = api_up(L);
	char *cause = NULL;

	api->L = L;
	if (lua_type(L, 1) == LUA_TSTRING) {
		if (!bind_model_cached(L, api, lua_tostring(L, 1), &cause))
			return bind_push_fail(L, cause);
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
		return bind_raise_top(L);
	}
	luaL_setmetatable(L, MT_MODEL);
	bind_model_fields(L, &lm->m);
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
		return bind_push_fail(L, xasprintf("cannot read '%s': no such file or directory", path));
	if (!bind_model_cached(L, api, path, &cause))
		return bind_push_fail(L, cause);
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
	if (!(g = bind_gpu_cached(L, api, name, &cause)))
		return bind_push_fail(L, cause);
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
	set_num(L, "nvlink_domain", gc.nvlink_domain > 0 ? gc.nvlink_domain : gc.gpus_per_node);
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
	if (!bind_runtime_cached(L, api, luaL_checkstring(L, 1), &cause))
		return bind_push_fail(L, cause);
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
			bind_bad_arg(L, key, fn, why);
	} else if (t == LUA_TSTRING) {
		if (param_parse_number(id, lua_tostring(L, idx), &v, why, sizeof why) != 0)
			bind_bad_arg(L, key, fn, why);
	} else {
		bind_bad_arg(L, key, fn, lua_pushfstring(L, "must be a number, not %s",
		    luaL_typename(L, idx)));
	}
	return v;
}

/* cluster(name | {preset|[1], gpu, gpus, nodes, gpus_per_node,
 * intra_fabric, inter_fabric, name, gpu_hour_usd}) */
static int
l_cluster(lua_State *L)
{
	static const char *const keys[] = { "preset", "gpu", "gpus", "nodes", "gpus_per_node",
		"nvlink_domain", "intra_fabric", "inter_fabric", "name", "gpu_hour_usd", NULL };
	LuaApi *api = api_up(L);
	char *cause = NULL;
	Setup s;
	Cluster cl;

	api->L = L;
	api->unpacked = 0;
	if (lua_type(L, 1) == LUA_TSTRING) {
		if (!bind_cluster_cached(L, api, lua_tostring(L, 1), &cause))
			return bind_push_fail(L, cause);
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
		if (!known) {
			char list[256];
			size_t o = 0;
			for (int i = 0; keys[i] && o < sizeof list; i++)
				o += (size_t)snprintf(list + o, sizeof list - o, "%s%s", i ? ", " : "", keys[i]);
			return luaL_error(L, "bad argument '%s' to 'cluster' (unknown key; keys: %s)",
			    luaL_tolstring(L, -1, NULL), list);
		}
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
		return bind_bad_arg(L, "gpu", "cluster", "give a preset or a gpu, not both");
	if (!lua_isnil(L, pidx))
		s.cluster = (char *)bind_string_arg(L, pidx, "preset", "cluster");
	else if (!lua_isnil(L, 4))
		s.gpu = (char *)bind_string_arg(L, 4, "gpu", "cluster");
	else
		return bind_bad_arg(L, "preset", "cluster", "give a preset name or a gpu");
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
	if (lua_getfield(L, 1, "nvlink_domain") != LUA_TNIL) {
		s.value[PARAM_NVLINK_DOMAIN] = param_arg(L, lua_gettop(L), PARAM_NVLINK_DOMAIN,
		    "nvlink_domain", "cluster");
		s.set[PARAM_NVLINK_DOMAIN] = true;
	}
	if (s.cluster && s.gpus)
		return bind_bad_arg(L, "gpus", "cluster", "a preset's size is nodes x gpus_per_node");
	if (setup_cluster(api->c, &s, &api->loader, &cl, &cause) != 0) {
		if (strncmp(cause, "unknown ", 8) == 0)
			return bind_push_fail(L, cause);
		return bind_raise_cause(L, "cluster", cause);
	}
	static const char *const fabric_keys[] = { "intra_fabric", "inter_fabric" };
	for (int i = 0; i < 2; i++) {
		if (lua_getfield(L, 1, fabric_keys[i]) == LUA_TNIL)
			continue;
		Fabric *f = bind_fabric_cached(L, api, bind_string_arg(L, -1, fabric_keys[i], "cluster"),
		    &cause);
		if (!f)
			return bind_push_fail(L, cause);
		*(i == 0 ? &cl.intra : &cl.inter) = *f;
	}
	if (lua_getfield(L, 1, "name") != LUA_TNIL)
		snprintf(cl.name, sizeof cl.name, "%s", bind_string_arg(L, -1, "name", "cluster"));
	if (lua_getfield(L, 1, "gpu_hour_usd") != LUA_TNIL) {
		int isnum = 0;
		double v = lua_tonumberx(L, -1, &isnum);
		if (!isnum || !(v >= 0 && v <= 1e4))
			return bind_bad_arg(L, "gpu_hour_usd", "cluster", "must be a number in 0..10000");
		cl.gpu_hour_usd = v;
	}
	bind_push_cluster(L, &cl);
	return 1;
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

const luaL_Reg bind_catalog_fns[] = {
	{ "model", l_model }, { "import", l_import }, { "gpu", l_gpu }, { "cluster", l_cluster },
	{ "runtime", l_runtime }, { "models", l_models }, { "gpus", l_gpus },
	{ "presets", l_presets }, { "params", l_params }, { NULL, NULL }
};
