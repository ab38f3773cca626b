/* records.c: the model, cluster and runtime objects of the `shardlab`
 * module: a C struct (LuaModel, LuaCluster, LuaRuntime) in a userdata,
 * read from Lua through a table of its fields built once (user value 1),
 * read-only.
 *
 * The contract, C value -> Lua value: each field under its config.json /
 * preset name (model: name, arch, params_total, layers, hidden, heads, ...;
 * cluster: name, gpu, nodes, gpus, gpu_memory_bytes, ...; runtime: name,
 * memory_mode as "static" | "free" | "total", mem_fraction, ...); numbers
 * as Lua numbers, whole values as integers (push_num); flags as booleans;
 * names as strings.  pairs() walks the field table, tostring gives
 * "shardlab.model: NAME". */
#include "bind/luaapi-internal.h"

#include "core/model.h"

void
bind_model_fields(lua_State *L, const Model *m)
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
	set_bool(L, "chunked_attention", m->chunked);
	set_num(L, "norms_per_layer", m->norms_per_layer > 0 ? m->norms_per_layer : 2);
	set_str(L, "unmodelled", m->unmodelled);
}

LuaModel *
bind_push_model(lua_State *L, const Model *m)
{
	LuaModel *lm = lua_newuserdatauv(L, sizeof *lm, 1);
	lm->m = *m;
	luaL_setmetatable(L, MT_MODEL);
	bind_model_fields(L, m);
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
	set_num(L, "nvlink_domain", cluster_nvlink_domain(cl));
	set_num(L, "gpus", cluster_gpus(cl));
	set_num(L, "gpu_memory_bytes", cl->gpu.memory_bytes);
	set_num(L, "hbm_bytes_per_s", cl->gpu.hbm_bytes_per_s);
	set_str(L, "intra_fabric", cl->intra.name);
	set_str(L, "inter_fabric", cl->inter.name);
	set_num(L, "gpu_hour_usd", cl->gpu_hour_usd);
}

LuaCluster *
bind_push_cluster(lua_State *L, const Cluster *cl)
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

LuaRuntime *
bind_push_runtime(lua_State *L, const Runtime *rt)
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

int
bind_readonly(lua_State *L)
{
	const char *kind = "object";
	if (luaL_getmetafield(L, 1, "__name") == LUA_TSTRING)
		kind = lua_tostring(L, -1);
	return luaL_error(L, "%s objects are read-only (copy the fields you need into a table)", kind);
}

const luaL_Reg bind_record_mt[] = {
	{ "__index", record_index }, { "__pairs", record_pairs }, { "__tostring", record_tostring },
	{ "__newindex", bind_readonly }, { NULL, NULL }
};
