/* scenario.c: evaluate{...} and explain(result, path [, stage]) of the
 * `shardlab` module, and the argument handling they share with search{}:
 * the options table read as `shardlab eval` reads its options (keys from
 * the scenario-key table, core/params.h, applied by setup_apply with the
 * one refill rule), with model, cluster and runtime objects, stage_layers
 * as a list and slo as a table. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bind/luaapi-internal.h"
#include "core/explain.h"
#include "core/params.h"

/* stage_layers as "21,20,20,19" or {21, 20, 20, 19}. */
static const char *
stage_layers_arg(lua_State *L, LuaApi *api, int idx, const char *fn)
{
	if (lua_type(L, idx) == LUA_TSTRING)
		return lua_tostring(L, idx);
	if (lua_type(L, idx) != LUA_TTABLE)
		bind_bad_arg(L, "stage_layers", fn, "a list of layer counts, one per stage");
	size_t o = 0;
	lua_Integer n = (lua_Integer)lua_rawlen(L, idx);
	if (n < 1 || n > MAX_STAGES)
		bind_bad_arg(L, "stage_layers", fn, "a list of 1..128 layer counts, one per stage");
	for (lua_Integer i = 1; i <= n; i++) {
		lua_rawgeti(L, idx, i);
		int isint = 0;
		lua_Integer v = lua_tointegerx(L, -1, &isint);
		lua_pop(L, 1);
		if (!isint || v < 1 || v > MODEL_MAX_LAYERS)
			bind_bad_arg(L, "stage_layers", fn,
			    "each stage needs a whole number of layers in 1..512");
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
			bind_bad_arg(L, key, fn, "a model name, a config.json path or a shardlab.model object");
		api->use_model = NULL;
	} else if (id == PARAM_CLUSTER && (lc = luaL_testudata(L, v, MT_CLUSTER))) {
		api->use_cluster = &lc->cl;
		text = lc->cl.name;
	} else if (id == PARAM_CLUSTER && lua_type(L, v) != LUA_TSTRING) {
		bind_bad_arg(L, key, fn, "a cluster preset name or a shardlab.cluster object");
	} else if (id == PARAM_RUNTIME && (lr = luaL_testudata(L, v, MT_RUNTIME))) {
		api->use_runtime = &lr->rt;
		text = lr->rt.name;
	} else if (id == PARAM_RUNTIME && lua_type(L, v) != LUA_TSTRING) {
		bind_bad_arg(L, key, fn, "a runtime name or a shardlab.runtime object");
	} else if (id == PARAM_STAGE_LAYERS) {
		text = stage_layers_arg(L, api, v, fn);
	}
	if (!text && lua_type(L, v) == LUA_TSTRING)
		text = lua_tostring(L, v);
	else if (!text && (lua_type(L, v) != LUA_TNUMBER || d->type == PARAM_T_STRING))
		bind_bad_arg(L, key, fn, lua_pushfstring(L, "must be a %s, not %s",
		    d->type == PARAM_T_STRING ? "string" : "number", luaL_typename(L, v)));
	if (setup_apply(s, e, key, text, text ? 0 : lua_tonumber(L, v), &cause) != 0) {
		lua_pushstring(L, setup_cause_why(cause));
		free(cause);
		bind_bad_arg(L, key, fn, lua_tostring(L, -1));
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
void
bind_scenario_args(lua_State *L, LuaApi *api, const char *fn, const char *more)
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
		if (!(base = bind_scenario_cached(L, api, bind_string_arg(L, 3, "preset", fn), &cause)))
			bind_raise_cause(L, fn, cause);
	} else {
		base = bind_api_base(L, api, fn);
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
		bind_bad_arg(L, "gpu", fn, "give a cluster or a gpu, not both");
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
				bind_bad_arg(L, key, fn,
				    "must be a table: {ttft_p99_s = ..., tpot_p99_s = ..., rps = ...}");
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
		bind_raise_cause(L, fn, cause);
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

	bind_scenario_args(L, api, "evaluate", "");
	eval_run(api->sc, api->res);
	bind_result_push(L, api, 2, lua_isnil(L, 3) ? 0 : 3, CUSTOM_PENDING);
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
		return bind_raise_top(L);
	}
	if (stage < -1 || stage >= lr->n_stages)
		return luaL_error(L, "bad argument 'stage' to 'explain' (the result has stages 0..%d)",
		    lr->n_stages - 1);
	bind_result_unpack(L, api, 1, lr);
	if (explain_figure(api->sc, api->res, path, (int)stage, buf, sizeof buf) != 0) {
		lua_pushnil(L);
		lua_pushstring(L, buf);
		return 2;
	}
	lua_pushstring(L, buf);
	return 1;
}

const luaL_Reg bind_scenario_fns[] = {
	{ "evaluate", l_evaluate }, { "explain", l_explain }, { NULL, NULL }
};
