/* preset.c: Lua preset files -> Gpu, Fabric, Cluster, Runtime. */
#include "lua/preset.h"

#include <lauxlib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/calib-params.h"
#include "lua/presetenv.h"
#include "lua/luastate.h"
#include "util/xmalloc.h"

/* raw_field: push t[name] of the table on top without metamethods: a
 * preset's __index must not run outside the instruction budget. */
static void
raw_field(lua_State *L, const char *name)
{
	lua_pushstring(L, name);
	lua_rawget(L, -2);
}

typedef struct {
	lua_State *L;
	const char *path;
	char **cause;
	int failed;
} Tab;

char *
preset_unknown(const Catalog *c, PresetKind k, const char *name)
{
	char **names;
	int n = catalog_list(c, k, &names);
	size_t len = 1;
	for (int i = 0; i < n; i++)
		len += strlen(names[i]) + 2;
	char *list = xcalloc(1, len);
	for (int i = 0; i < n; i++) {
		if (i)
			strcat(list, ", ");
		strcat(list, names[i]);
	}
	char *msg = xasprintf("unknown %s '%s' (known: %s)", catalog_kind_name(k), name,
	    n ? list : "none found; set SHARDLAB_PATH");
	free(list);
	catalog_list_free(names, n);
	return msg;
}

/* Run the preset of kind k named `name`; leaves its table on the stack. */
static int
open_preset(const Catalog *c, PresetKind k, const char *name, lua_State **Lp, char **pathp, char **cause)
{
	LuaLimits lim = { .budget = PRESET_BUDGET, .one_line = true };
	char *path = catalog_find(c, k, name);
	lua_State *L;

	if (!path) {
		*cause = preset_unknown(c, k, name);
		return -1;
	}
	L = luastate_new(&lim, cause);
	if (!L) {
		free(path);
		return -1;
	}
	if (presetenv_open(L) != 0) {
		*cause = xasprintf("%s: out of memory", path);
		goto fail;
	}
	if (luastate_dofile(L, path, 1, cause) != 0)
		goto fail;
	if (!lua_istable(L, -1)) {
		*cause = xasprintf("%s: must return a table", path);
		goto fail;
	}
	raw_field(L, "kind");
	if (lua_isstring(L, -1) && strcmp(lua_tostring(L, -1), catalog_kind_name(k)) != 0) {
		*cause = xasprintf("%s: field 'kind' is '%s', expected '%s'", path, lua_tostring(L, -1),
		    catalog_kind_name(k));
		goto fail;
	}
	lua_pop(L, 1);
	*Lp = L;
	*pathp = path;
	return 0;
fail:
	luastate_free(L);
	free(path);
	return -1;
}

static double
num(Tab *t, const char *field, double def, double min, double max)
{
	double v;

	if (t->failed)
		return def;
	raw_field(t->L, field);
	if (lua_isnil(t->L, -1)) {
		lua_pop(t->L, 1);
		if (isnan(def)) {
			*t->cause = xasprintf("%s: missing field '%s'", t->path, field);
			t->failed = 1;
		}
		return isnan(def) ? 0 : def;
	}
	if (!lua_isnumber(t->L, -1)) {
		*t->cause = xasprintf("%s: field '%s' must be a number", t->path, field);
		t->failed = 1;
		lua_pop(t->L, 1);
		return 0;
	}
	v = lua_tonumber(t->L, -1);
	lua_pop(t->L, 1);
	if (!(v >= min && v <= max)) {
		*t->cause = xasprintf("%s: field '%s' is %g, must be in %g..%g", t->path, field, v, min, max);
		t->failed = 1;
	}
	return v;
}

static void
str(Tab *t, const char *field, char *dst, size_t n, bool required)
{
	if (t->failed)
		return;
	raw_field(t->L, field);
	if (lua_type(t->L, -1) == LUA_TSTRING) {
		snprintf(dst, n, "%s", lua_tostring(t->L, -1));
	} else if (!lua_isnil(t->L, -1) || required) {
		*t->cause = xasprintf("%s: field '%s' must be a string", t->path, field);
		t->failed = 1;
	}
	lua_pop(t->L, 1);
}

static bool
boolean(Tab *t, const char *field, bool def)
{
	bool v = def;

	if (t->failed)
		return def;
	raw_field(t->L, field);
	if (lua_isboolean(t->L, -1)) {
		v = lua_toboolean(t->L, -1);
	} else if (!lua_isnil(t->L, -1)) {
		*t->cause = xasprintf("%s: field '%s' must be true or false", t->path, field);
		t->failed = 1;
	}
	lua_pop(t->L, 1);
	return v;
}

/* Bandwidth and FLOP/s bounds: a petabyte/s or an exaFLOP/s per GPU is a typo. */
#define MAX_RATE 1e18
#define MAX_BYTES 1e15

int
preset_gpu(const Catalog *c, const char *name, Gpu *g, char **cause)
{
	lua_State *L;
	char *path;

	if (open_preset(c, PRESET_GPU, name, &L, &path, cause) != 0)
		return -1;
	Tab t = { L, path, cause, 0 };
	memset(g, 0, sizeof *g);
	snprintf(g->name, sizeof g->name, "%s", name);
	str(&t, "arch", g->arch, sizeof g->arch, true);
	g->compute_capability = (int)num(&t, "compute_capability", 0, 0, 1000);
	g->memory_bytes = num(&t, "memory_bytes", NAN, 1e6, MAX_BYTES);
	g->datasheet_memory_bytes = num(&t, "datasheet_memory_bytes", g->memory_bytes, 1e6, MAX_BYTES);
	g->hbm_bytes_per_s = num(&t, "hbm_bytes_per_s", NAN, 1e6, MAX_RATE);
	g->compute_fraction = num(&t, "compute_fraction", NAN, 0.01, 1);
	g->memory_fraction = num(&t, "memory_fraction", NAN, 0.01, 1);
	g->gpus_per_node = (int)num(&t, "gpus_per_node", 8, 1, 64);
	g->nvlink_domain = (int)num(&t, "nvlink_domain", 0, 0, 4096);
	g->sm_count = (int)num(&t, "sm_count", 0, 0, 4096);
	g->gemm_tile_m = (int)num(&t, "gemm_tile_m", 128, 1, 1024);
	g->gemm_tile_n = (int)num(&t, "gemm_tile_n", 128, 1, 1024);
	g->gemm_tile_m_min = (int)num(&t, "gemm_tile_m_min", 16, 1, 1024);
	g->roofline_sharpness = num(&t, "roofline_sharpness", 2, 0, 16);
	str(&t, "intra_fabric", g->intra_fabric, sizeof g->intra_fabric, true);
	str(&t, "inter_fabric", g->inter_fabric, sizeof g->inter_fabric, true);
	if (!t.failed) {
		raw_field(L, "peak_flops");
		if (!lua_istable(L, -1)) {
			*cause = xasprintf("%s: field 'peak_flops' must be a table", path);
			t.failed = 1;
		} else {
			for (int d = 0; d < DTYPE_COUNT && !t.failed; d++) {
				/* int4/w4a8 have no peak of their own (16-bit or fp8 compute) */
				if (!dtype_info((Dtype)d)->has_peak)
					continue;
				g->peak_flops[d] = num(&t, dtype_name((Dtype)d), 0, 0, MAX_RATE);
			}
			lua_pop(L, 1);
			/* each dtype's fraction: its MAMF when the preset has one; 0
			 * (none) is compute_fraction at evaluation time
			 * (gpu_compute_fraction), so a calibrated compute_fraction
			 * reaches those GEMMs too */
			raw_field(L, "compute_fraction_by_dtype");
			if (lua_istable(L, -1)) {
				for (int d = 0; d < DTYPE_COUNT && !t.failed; d++)
					g->dtype_fraction[d] = num(&t, dtype_name((Dtype)d), 0, 0.01, 1);
			} else if (!lua_isnil(L, -1)) {
				*cause = xasprintf("%s: field 'compute_fraction_by_dtype' must be a table", path);
				t.failed = 1;
			}
			lua_pop(L, 1);
			raw_field(L, "peak_flops");
			if (!t.failed && g->peak_flops[DTYPE_FP16] <= 0 && g->peak_flops[DTYPE_BF16] <= 0) {
				*cause = xasprintf("%s: field 'peak_flops' needs fp16 or bf16", path);
				t.failed = 1;
			}
		}
		lua_pop(L, 1);
	}
	luastate_free(L);
	free(path);
	return t.failed ? -1 : 0;
}

int
preset_fabric(const Catalog *c, const char *name, Fabric *f, char **cause)
{
	lua_State *L;
	char *path;

	if (open_preset(c, PRESET_FABRIC, name, &L, &path, cause) != 0)
		return -1;
	Tab t = { L, path, cause, 0 };
	memset(f, 0, sizeof *f);
	snprintf(f->name, sizeof f->name, "%s", name);
	f->bytes_per_s = num(&t, "bytes_per_s", NAN, 1e6, MAX_RATE);
	f->latency_s = num(&t, "latency_s", NAN, 0, 1);
	f->efficiency = num(&t, "efficiency", 1, 0.01, 1);
	f->nccl_latency_s = num(&t, "nccl_latency_s", f->latency_s, 0, 1);
	/* NVLS reaches above line rate in busbw terms (the switch reduces) */
	f->nvls_efficiency = num(&t, "nvls_efficiency", 0, 0, 2);
	f->custom_allreduce = boolean(&t, "custom_allreduce", false);
	luastate_free(L);
	free(path);
	return t.failed ? -1 : 0;
}

int
preset_cluster(const Catalog *c, const char *name, Cluster *cl, char **cause)
{
	lua_State *L;
	char *path;
	char gpu[HW_NAME_MAX] = "", intra[HW_NAME_MAX] = "", inter[HW_NAME_MAX] = "";

	if (open_preset(c, PRESET_CLUSTER, name, &L, &path, cause) != 0)
		return -1;
	Tab t = { L, path, cause, 0 };
	memset(cl, 0, sizeof *cl);
	snprintf(cl->name, sizeof cl->name, "%s", name);
	str(&t, "gpu", gpu, sizeof gpu, true);
	cl->nodes = (int)num(&t, "nodes", 1, 1, 4096);
	cl->gpus_per_node = (int)num(&t, "gpus_per_node", NAN, 1, 64);
	cl->nvlink_domain = (int)num(&t, "nvlink_domain", -1, 0, 4096);
	str(&t, "intra_fabric", intra, sizeof intra, false);
	str(&t, "inter_fabric", inter, sizeof inter, false);
	cl->gpu_hour_usd = num(&t, "gpu_hour_usd", 0, 0, 1e4);
	luastate_free(L);
	int failed = t.failed;
	char *sub = NULL;
	if (!failed && preset_gpu(c, gpu, &cl->gpu, &sub) != 0)
		failed = 1;
	if (!failed && cl->nvlink_domain < 0)   /* absent: the GPU's (GB200: 72) */
		cl->nvlink_domain = cl->gpu.nvlink_domain;
	if (!failed && preset_fabric(c, *intra ? intra : cl->gpu.intra_fabric, &cl->intra, &sub) != 0)
		failed = 1;
	if (!failed && preset_fabric(c, *inter ? inter : cl->gpu.inter_fabric, &cl->inter, &sub) != 0)
		failed = 1;
	if (sub) {
		*cause = xasprintf("%s: %s", path, sub);
		free(sub);
	}
	free(path);
	return failed ? -1 : 0;
}

/* An optional list of dtype names, as a mask of 1u << Dtype (0 when absent). */
static unsigned
dtype_list(Tab *t, const char *key)
{
	unsigned mask = 0;

	raw_field(t->L, key);
	if (lua_isnil(t->L, -1)) {
		lua_pop(t->L, 1);
		return 0;
	}
	lua_Integer n = lua_istable(t->L, -1) ? (lua_Integer)lua_rawlen(t->L, -1) : 0;
	for (lua_Integer i = 1; i <= n && !t->failed; i++) {
		Dtype d;
		lua_rawgeti(t->L, -1, i);
		/* the KV cache holds no weight-only format (nvfp4, mxfp4, w4a8) */
		if (lua_type(t->L, -1) != LUA_TSTRING || dtype_parse(lua_tostring(t->L, -1), &d) != 0 ||
		    dtype_info(d)->weights_only) {
			char names[160];
			*t->cause = xasprintf("%s: field '%s' must list dtype names (%s)", t->path, key,
			    dtype_names_text(false, names, sizeof names));
			t->failed = 1;
		} else {
			mask |= 1u << d;
		}
		lua_pop(t->L, 1);
	}
	if (n == 0 && !t->failed) {
		*t->cause = xasprintf("%s: field '%s' must be a list of dtype names", t->path, key);
		t->failed = 1;
	}
	lua_pop(t->L, 1);
	return mask;
}

/* The defaults of a runtime preset that extends none (docs/PRESET-FORMAT.md). */
static void
runtime_defaults(Runtime *rt)
{
	memset(rt, 0, sizeof *rt);
	rt->mode = MEM_MODE_TOTAL;
	rt->kv_block_tokens = 16;
	rt->max_num_batched_tokens = 8192;
	rt->max_num_seqs = 256;
	snprintf(rt->attn_kernel, sizeof rt->attn_kernel, "flashinfer");
	rt->attn_bw_fraction = 0.85;
	rt->attn_compute_fraction = 0.6;
	rt->cuda_graphs = true;
	rt->eager_launch_s = NAN;       /* the preset's kernel_floor_s unless set */
	rt->moe_imbalance = 1;
	rt->moe_gemm_efficiency = 1;
	rt->cuda_graph_profiled = true;
}

/* A chain of `extends` longer than this is a cycle or a mistake. */
#define PRESET_EXTENDS_MAX 4

/* Read runtime preset `name` into *rt: the fields it sets over its base's
 * (`extends = "trtllm"`: that preset first, then these fields) or over
 * runtime_defaults. */
static int
runtime_read(const Catalog *c, const char *name, Runtime *rt, int depth, char **cause)
{
	lua_State *L;
	char *path;
	char mode[16] = "", base[64] = "";

	if (open_preset(c, PRESET_RUNTIME, name, &L, &path, cause) != 0)
		return -1;
	Tab t = { L, path, cause, 0 };
	str(&t, "extends", base, sizeof base, false);
	bool has_base = !t.failed && base[0];
	if (t.failed) {
		/* the message is set */
	} else if (has_base && depth >= PRESET_EXTENDS_MAX) {
		*cause = xasprintf("%s: field 'extends': more than %d presets deep (a cycle?)", path,
		    PRESET_EXTENDS_MAX);
		t.failed = 1;
	} else if (has_base) {
		char *why = NULL;
		if (runtime_read(c, base, rt, depth + 1, &why) != 0) {
			*cause = xasprintf("%s: field 'extends': %s", path, why);
			free(why);
			t.failed = 1;
		}
	} else {
		runtime_defaults(rt);
	}
	if (t.failed)
		goto out;
	snprintf(rt->name, sizeof rt->name, "%s", name);
	str(&t, "memory_mode", mode, sizeof mode, false);
	if (!t.failed && mode[0]) {
		if (strcmp(mode, "total") == 0)
			rt->mode = MEM_MODE_TOTAL;
		else if (strcmp(mode, "static") == 0)
			rt->mode = MEM_MODE_STATIC;
		else if (strcmp(mode, "free") == 0)
			rt->mode = MEM_MODE_FREE;
		else {
			*cause = xasprintf("%s: field 'memory_mode' must be total, static or free", path);
			t.failed = 1;
		}
	}
	/* each field: the preset's value, else its base's (or the default) */
	rt->mem_fraction = num(&t, "mem_fraction", has_base ? rt->mem_fraction : NAN, 0.05, 1);
	rt->cuda_context_bytes = num(&t, "cuda_context_bytes", rt->cuda_context_bytes, 0, MAX_BYTES);
	rt->cuda_graph_bytes = num(&t, "cuda_graph_bytes", rt->cuda_graph_bytes, 0, MAX_BYTES);
	rt->comm_buffer_bytes = num(&t, "comm_buffer_bytes", rt->comm_buffer_bytes, 0, MAX_BYTES);
	rt->kv_block_tokens = (int)num(&t, "kv_block_tokens", rt->kv_block_tokens, 1, 65536);
	rt->max_num_batched_tokens = (int)num(&t, "max_num_batched_tokens", rt->max_num_batched_tokens,
	    1, 1 << 24);
	rt->max_num_seqs = (int)num(&t, "max_num_seqs", rt->max_num_seqs, 1, 1 << 20);
	rt->kernel_floor_s = num(&t, "kernel_floor_s", rt->kernel_floor_s, 0, 1);
	str(&t, "version", rt->version, sizeof rt->version, false);
	str(&t, "attention_kernel", rt->attn_kernel, sizeof rt->attn_kernel, false);
	if (!t.failed) {
		/* the attention kernels a runtime preset may name and how each
		 * reads the KV cache (latency.c attention): one table for the
		 * check and its message */
		static const struct { const char *name; AttnReuse reuse; } kernels[] = {
			{ "flashinfer", ATTN_KV_SHARED }, { "flash-attn", ATTN_KV_SHARED },
			{ "xqa", ATTN_KV_SHARED }, { "flashmla", ATTN_KV_SHARED },
			{ "trtllm-gen", ATTN_KV_SHARED }, { "triton", ATTN_KV_SHARED },
			{ "aiter", ATTN_KV_SHARED }, { "mmha", ATTN_KV_PER_QHEAD },
			{ "paged-v1", ATTN_KV_PER_QHEAD }, { "paged-v2", ATTN_KV_PER_QHEAD },
		};
		size_t nk = sizeof kernels / sizeof kernels[0], i;
		for (i = 0; i < nk && strcmp(rt->attn_kernel, kernels[i].name) != 0; i++)
			;
		if (i < nk) {
			rt->attn_reuse = kernels[i].reuse;
		} else {
			char shared[160] = "", per[80] = "";
			for (size_t k = 0; k < nk; k++) {
				bool sh = kernels[k].reuse == ATTN_KV_SHARED;
				char *dst = sh ? shared : per;
				size_t cap = sh ? sizeof shared : sizeof per, l = strlen(dst);
				snprintf(dst + l, cap - l, "%s%s", l ? ", " : "", kernels[k].name);
			}
			*cause = xasprintf("%s: field 'attention_kernel' must be one of %s (KV head read once) "
			    "or %s (once per query head)", path, shared, per);
			t.failed = 1;
		}
	}
	rt->attn_bw_fraction = num(&t, "attn_bw_fraction", rt->attn_bw_fraction, 0.05, 1);
	rt->attn_ctx_half = num(&t, "attn_ctx_half", rt->attn_ctx_half, 0, 1 << 24);
	rt->attn_compute_fraction = num(&t, "attn_compute_fraction", rt->attn_compute_fraction, 0.05, 1);
	rt->step_overhead_s = num(&t, "step_overhead_s", rt->step_overhead_s, 0, 1);
	rt->seq_overhead_s = num(&t, "seq_overhead_s", rt->seq_overhead_s, 0, 1);
	rt->request_overhead_s = num(&t, "request_overhead_s", rt->request_overhead_s, 0, 10);
	rt->cuda_graphs = boolean(&t, "cuda_graphs", rt->cuda_graphs);
	rt->eager_launch_s = num(&t, "eager_launch_s",
	    isnan(rt->eager_launch_s) ? rt->kernel_floor_s : rt->eager_launch_s, 0, 1);
	rt->custom_ar_max_bytes = num(&t, "custom_ar_max_bytes", rt->custom_ar_max_bytes, 0, MAX_BYTES);
	rt->ep_dispatch_fp8 = boolean(&t, "ep_dispatch_fp8", rt->ep_dispatch_fp8);
	rt->moe_imbalance = num(&t, "moe_imbalance", rt->moe_imbalance, 0, 8);
	rt->moe_gemm_efficiency = num(&t, "moe_gemm_efficiency", rt->moe_gemm_efficiency, 0.01, 1);
	rt->cuda_graph_profiled = boolean(&t, "cuda_graph_profiled", rt->cuda_graph_profiled);
	rt->mla_fp8_scales = boolean(&t, "mla_fp8_scales", rt->mla_fp8_scales);
	rt->mem_fraction_auto = boolean(&t, "mem_fraction_auto", rt->mem_fraction_auto);
	if (!t.failed) {
		unsigned m = dtype_list(&t, "kv_dtypes");
		if (m)
			rt->kv_dtypes = m;
	}
out:
	luastate_free(L);
	free(path);
	return t.failed ? -1 : 0;
}

int
preset_runtime(const Catalog *c, const char *name, Runtime *rt, char **cause)
{
	return runtime_read(c, name, rt, 0, cause);
}

char *
preset_description(const Catalog *c, PresetKind k, const char *name)
{
	lua_State *L;
	char *path, *cause = NULL, *desc = NULL;

	if (k == PRESET_MODEL || open_preset(c, k, name, &L, &path, &cause) != 0) {
		free(cause);
		return NULL;
	}
	raw_field(L, "description");
	if (lua_type(L, -1) == LUA_TSTRING)
		desc = xstrdup(lua_tostring(L, -1));
	luastate_free(L);
	free(path);
	return desc;
}

int
preset_calibration(const char *path, CalibPreset *out, char **cause)
{
	LuaLimits lim = { .budget = PRESET_BUDGET, .one_line = true };
	lua_State *L = luastate_new(&lim, cause);
	Tab t = { L, path, cause, 0 };

	memset(out, 0, sizeof *out);
	if (!L)
		return -1;
	if (presetenv_open(L) != 0) {
		*cause = xasprintf("%s: out of memory", path);
		goto fail;
	}
	if (luastate_dofile(L, path, 1, cause) != 0)
		goto fail;
	if (!lua_istable(L, -1)) {
		*cause = xasprintf("%s: must return a table", path);
		goto fail;
	}
	raw_field(L, "kind");
	if (!lua_isstring(L, -1) || strcmp(lua_tostring(L, -1), "calibration") != 0) {
		*cause = xasprintf("%s: field 'kind' must be \"calibration\"", path);
		goto fail;
	}
	lua_pop(L, 1);
	str(&t, "gpu", out->gpu, sizeof out->gpu, true);
	str(&t, "runtime", out->runtime, sizeof out->runtime, true);
	if (t.failed)
		goto fail;
	raw_field(L, "params");
	if (!lua_istable(L, -1)) {
		*cause = xasprintf("%s: field 'params' must be a table of parameter = value", path);
		goto fail;
	}
	lua_pushnil(L);
	while (lua_next(L, -2) != 0) {
		if (lua_type(L, -2) != LUA_TSTRING) {
			*cause = xasprintf("%s: field 'params' must have parameter names as keys", path);
			goto fail;
		}
		const char *name = lua_tostring(L, -2);
		int p = calib_param_find(name);
		if (p < 0) {
			*cause = xasprintf("%s: field 'params.%s': unknown parameter (see shardlab(1) "
			    "CALIBRATION)", path, name);
			goto fail;
		}
		const CalibParamDef *d = calib_param_def(p);
		if (!lua_isnumber(L, -1)) {
			*cause = xasprintf("%s: field 'params.%s' must be a number", path, name);
			goto fail;
		}
		double v = lua_tonumber(L, -1);
		if (!(v >= d->min && v <= d->max)) {
			*cause = xasprintf("%s: field 'params.%s' is %g, must be in %g..%g", path, name, v,
			    d->min, d->max);
			goto fail;
		}
		if (out->n >= (int)(sizeof out->param / sizeof out->param[0])) {
			*cause = xasprintf("%s: field 'params' has too many entries", path);
			goto fail;
		}
		out->param[out->n] = p;
		out->value[out->n++] = v;
		lua_pop(L, 1);
	}
	luastate_free(L);
	return 0;
fail:
	luastate_free(L);
	return -1;
}
