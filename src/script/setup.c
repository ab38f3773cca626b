/* setup.c: names and options -> Scenario; see setup.h. */
#include "setup.h"

#include <lauxlib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/eval.h"
#include "io/hfconfig.h"
#include "io/scenario_json.h"
#include "lua/presetenv.h"
#include "luastate.h"
#include "preset.h"
#include "util/xmalloc.h"

const char *const setup_string_keys[] = {
	"model", "cluster", "gpu", "runtime", "dtype", "kv_dtype", "stage_layers", "gpus", NULL
};

/* Weights may take this share of the runtime's budget when TP/PP are
 * filled in, leaving the rest for KV cache, activations and reserve (on an
 * 80 GB GPU: ~44 GB of weights, ~30 GB of KV: a few hundred 2k-token
 * sequences; less and the batch starves). */
#define FILL_WEIGHT_SHARE 0.6

void
setup_init(Setup *s)
{
	memset(s, 0, sizeof *s);
}

void
setup_fini(Setup *s)
{
	free(s->model);
	free(s->cluster);
	free(s->gpu);
	free(s->runtime);
	free(s->dtype);
	free(s->kv_dtype);
	free(s->stage_layers);
	free(s->checks_file);
	memset(s, 0, sizeof *s);
}

static char *
dup_or_null(const char *p)
{
	return p ? xstrdup(p) : NULL;
}

void
setup_copy(Setup *dst, const Setup *src)
{
	setup_fini(dst);
	*dst = *src;
	dst->model = dup_or_null(src->model);
	dst->cluster = dup_or_null(src->cluster);
	dst->gpu = dup_or_null(src->gpu);
	dst->runtime = dup_or_null(src->runtime);
	dst->dtype = dup_or_null(src->dtype);
	dst->kv_dtype = dup_or_null(src->kv_dtype);
	dst->stage_layers = dup_or_null(src->stage_layers);
	dst->checks_file = dup_or_null(src->checks_file);
}

static void
norm_key(const char *key, char *out, size_t n)
{
	size_t i;
	for (i = 0; key[i] && i + 1 < n; i++)
		out[i] = key[i] == '-' ? '_' : key[i];
	out[i] = '\0';
	/* SLO keys in presets carry their unit: ttft_p99_s */
	size_t len = strlen(out);
	if (len > 2 && strcmp(out + len - 2, "_s") == 0 && (strncmp(out, "ttft", 4) == 0 ||
	    strncmp(out, "tpot", 4) == 0))
		out[len - 2] = '\0';
}

static int
set_param(Setup *s, int id, const char *text, double v, bool is_text, char **cause)
{
	Scenario probe;
	char why[128];

	memset(&probe, 0, sizeof probe);
	int rc = is_text ? param_parse(&probe, (ParamId)id, text, why, sizeof why) :
	    param_set(&probe, (ParamId)id, v, why, sizeof why);
	if (rc != 0) {
		*cause = xasprintf("bad value for '%s': %s", param_def((ParamId)id)->name, why);
		return -1;
	}
	s->set[id] = true;
	s->value[id] = param_get(&probe, (ParamId)id);
	return 0;
}

static int
set_string(Setup *s, const char *k, const char *value, char **cause)
{
	char **slot = NULL;

	if (strcmp(k, "model") == 0) slot = &s->model;
	else if (strcmp(k, "cluster") == 0) slot = &s->cluster;
	else if (strcmp(k, "gpu") == 0) slot = &s->gpu;
	else if (strcmp(k, "runtime") == 0) slot = &s->runtime;
	else if (strcmp(k, "stage_layers") == 0) slot = &s->stage_layers;
	else if (strcmp(k, "dtype") == 0 || strcmp(k, "kv_dtype") == 0) {
		Dtype d;
		if (dtype_parse(value, &d) != 0) {
			*cause = xasprintf("bad value for '%s': unknown dtype '%s' (fp32, bf16, fp16, fp8, "
			    "int8, int4)", k, value);
			return -1;
		}
		slot = strcmp(k, "dtype") == 0 ? &s->dtype : &s->kv_dtype;
	} else if (strcmp(k, "gpus") == 0) {
		char *end;
		long n = strtol(value, &end, 10);
		if (end == value || *end || n < 1 || n > 4096) {
			*cause = xasprintf("bad value for 'gpus': '%s' (must be 1..4096)", value);
			return -1;
		}
		s->gpus = (int)n;
		return 0;
	}
	if (!slot) {
		*cause = xasprintf("unknown option '%s'", k);
		return -1;
	}
	if (!*value) {
		*cause = xasprintf("bad value for '%s': empty", k);
		return -1;
	}
	free(*slot);
	*slot = xstrdup(value);
	/* a cluster preset and an ad-hoc GPU cluster exclude one another */
	if (slot == &s->cluster) {
		free(s->gpu);
		s->gpu = NULL;
		s->gpus = 0;
		s->set[PARAM_NODES] = s->set[PARAM_GPUS_PER_NODE] = false;
	} else if (slot == &s->gpu) {
		free(s->cluster);
		s->cluster = NULL;
	}
	return 0;
}

int
setup_set(Setup *s, const char *key, const char *value, char **cause)
{
	char k[64];
	int id;

	norm_key(key, k, sizeof k);
	if ((id = param_find(k)) >= 0)
		return set_param(s, id, value, 0, true, cause);
	return set_string(s, k, value, cause);
}

int
setup_set_number(Setup *s, const char *key, double value, char **cause)
{
	char k[64];
	int id;

	norm_key(key, k, sizeof k);
	if ((id = param_find(k)) >= 0)
		return set_param(s, id, NULL, value, false, cause);
	if (strcmp(k, "gpus") == 0) {
		if (!(value >= 1 && value <= 4096) || value != floor(value)) {
			*cause = xasprintf("bad value for 'gpus': %g (must be 1..4096)", value);
			return -1;
		}
		s->gpus = (int)value;
		return 0;
	}
	for (const char *const *sk = setup_string_keys; *sk; sk++)
		if (strcmp(k, *sk) == 0) {
			*cause = xasprintf("bad value for '%s': expected a string", k);
			return -1;
		}
	*cause = xasprintf("unknown option '%s'", k);
	return -1;
}

/* One key of a scenario table at the top of the stack. */
static int
scenario_key(lua_State *L, Setup *s, const char *path, const char *key, char **cause)
{
	char *sub = NULL;
	int rc;

	if (strcmp(key, "kind") == 0 || strcmp(key, "name") == 0 || strcmp(key, "description") == 0)
		return 0;
	if (lua_type(L, -1) == LUA_TNUMBER)
		rc = setup_set_number(s, key, lua_tonumber(L, -1), &sub);
	else if (lua_type(L, -1) == LUA_TSTRING)
		rc = setup_set(s, key, lua_tostring(L, -1), &sub);
	else {
		sub = xasprintf("key '%s' must be a number or a string", key);
		rc = -1;
	}
	if (rc != 0) {
		*cause = xasprintf("%s: %s", path, sub);
		free(sub);
	}
	return rc;
}

/* A JSON scenario file (io/scenario_json.h, the TUI's :save x.json): the
 * same keys as a Lua scenario preset, through the same setters. */
static int
load_json_scenario(const char *path, Setup *s, char **cause)
{
	JsonKey *keys = NULL;
	int n = 0, rc = -1;
	char *sub = NULL;
	char *text = read_file(path, 1u << 20, cause);

	if (!text)
		return -1;
	if (scenario_json_parse(text, path, &keys, &n, cause) != 0)
		goto out;
	for (int i = 0; i < n; i++) {
		const char *k = keys[i].key;
		if (strcmp(k, "kind") == 0 || strcmp(k, "name") == 0 || strcmp(k, "description") == 0)
			continue;
		if ((keys[i].str ? setup_set(s, k, keys[i].str, &sub) :
		    setup_set_number(s, k, keys[i].num, &sub)) != 0) {
			*cause = xasprintf("%s: %s", path, sub);
			free(sub);
			goto out;
		}
	}
	rc = 0;
out:
	scenario_json_free(keys, n);
	free(text);
	return rc;
}

char *
setup_forget_layout(Setup *s, const bool *given, bool layers_given)
{
	static const ParamId layout[] = { PARAM_TP, PARAM_PP, PARAM_DP, PARAM_EP };
	char *layers = NULL;

	for (size_t i = 0; i < sizeof layout / sizeof layout[0]; i++)
		if (!given[layout[i]])
			s->set[layout[i]] = false;
	if (!layers_given) {
		layers = s->stage_layers;
		s->stage_layers = NULL;
	}
	return layers;
}

int
setup_load_scenario(const Catalog *c, const char *name, Setup *s, char **cause)
{
	size_t len = strlen(name);

	if (len > 5 && strcmp(name + len - 5, ".json") == 0)
		return load_json_scenario(name, s, cause);
	char *path = len > 4 && strcmp(name + len - 4, ".lua") == 0 ? xstrdup(name) :
	    catalog_find(c, PRESET_SCENARIO, name);
	LuaLimits lim = { .budget = PRESET_BUDGET, .one_line = true };
	lua_State *L = NULL;
	int rc = -1;

	if (!path) {
		*cause = preset_unknown(c, PRESET_SCENARIO, name);
		return -1;
	}
	if (!(L = luastate_new(&lim, cause)))
		goto out;
	if (presetenv_open(L) != 0) {
		*cause = xasprintf("%s: out of memory", path);
		goto out;
	}
	if (luastate_dofile(L, path, 1, cause) != 0)
		goto out;
	if (!lua_istable(L, -1)) {
		*cause = xasprintf("%s: must return a table", path);
		goto out;
	}
	if (presetenv_check_count(L) > 0) {
		free(s->checks_file);
		s->checks_file = xstrdup(path);
	}
	lua_pushnil(L);
	while (lua_next(L, -2)) {
		if (lua_type(L, -2) != LUA_TSTRING) {
			*cause = xasprintf("%s: keys must be strings", path);
			goto out;
		}
		const char *key = lua_tostring(L, -2);
		if (strcmp(key, "slo") == 0 && lua_istable(L, -1)) {
			lua_pushnil(L);
			while (lua_next(L, -2)) {
				if (lua_type(L, -2) != LUA_TSTRING ||
				    scenario_key(L, s, path, lua_tostring(L, -2), cause) != 0)
					goto out;
				lua_pop(L, 1);
			}
		} else if (scenario_key(L, s, path, key, cause) != 0) {
			goto out;
		}
		lua_pop(L, 1);
	}
	rc = 0;
out:
	luastate_free(L);
	free(path);
	return rc;
}

static bool
is_path(const char *name)
{
	struct stat st;
	size_t len = strlen(name);
	return strchr(name, '/') || (len > 5 && strcmp(name + len - 5, ".json") == 0) ||
	    stat(name, &st) == 0;
}

int
setup_model(const Catalog *c, const char *name, Model *m, char **cause)
{
	if (is_path(name)) {
		/* name the model by its file or directory stem */
		char stem[MODEL_NAME_MAX];
		const char *base = strrchr(name, '/');
		snprintf(stem, sizeof stem, "%s", base && base[1] ? base + 1 : name);
		char *dot = strstr(stem, ".json");
		if (dot)
			*dot = '\0';
		if (strcmp(stem, "config") == 0 && base && base != name) {
			/* ".../Llama-3-70B/config.json": use the directory's name */
			const char *p = base - 1;
			while (p > name && *(p - 1) != '/')
				p--;
			snprintf(stem, sizeof stem, "%.*s", (int)(base - p), p);
		}
		return hfconfig_load(name, stem, m, cause);
	}
	char *path = catalog_find(c, PRESET_MODEL, name);
	if (!path) {
		*cause = preset_unknown(c, PRESET_MODEL, name);
		return -1;
	}
	int rc = hfconfig_load(path, name, m, cause);
	free(path);
	return rc;
}

/* The loader's function when it has one, else the catalog's. */
static int
load_model(const Catalog *c, const SetupLoader *ld, const char *name, Model *m, char **cause)
{
	return ld && ld->model ? ld->model(ld->ud, name, m, cause) : setup_model(c, name, m, cause);
}

static int
load_gpu(const Catalog *c, const SetupLoader *ld, const char *name, Gpu *g, char **cause)
{
	return ld && ld->gpu ? ld->gpu(ld->ud, name, g, cause) : preset_gpu(c, name, g, cause);
}

static int
load_fabric(const Catalog *c, const SetupLoader *ld, const char *name, Fabric *f, char **cause)
{
	return ld && ld->fabric ? ld->fabric(ld->ud, name, f, cause) : preset_fabric(c, name, f, cause);
}

static int
load_cluster(const Catalog *c, const SetupLoader *ld, const char *name, Cluster *cl, char **cause)
{
	return ld && ld->cluster ? ld->cluster(ld->ud, name, cl, cause) :
	    preset_cluster(c, name, cl, cause);
}

static int
load_runtime(const Catalog *c, const SetupLoader *ld, const char *name, Runtime *rt, char **cause)
{
	return ld && ld->runtime ? ld->runtime(ld->ud, name, rt, cause) :
	    preset_runtime(c, name, rt, cause);
}

int
setup_cluster(const Catalog *c, const Setup *s, const SetupLoader *ld, Cluster *cl, char **cause)
{
	if (s->gpu) {
		char *sub = NULL;
		memset(cl, 0, sizeof *cl);
		if (load_gpu(c, ld, s->gpu, &cl->gpu, cause) != 0)
			return -1;
		int gpn = s->set[PARAM_GPUS_PER_NODE] ? (int)s->value[PARAM_GPUS_PER_NODE] : cl->gpu.gpus_per_node;
		int nodes = s->set[PARAM_NODES] ? (int)s->value[PARAM_NODES] : 0;
		int gpus = s->gpus;
		if (gpus == 0)
			gpus = nodes > 0 ? nodes * gpn : 1;
		if (nodes == 0) {
			if (gpus <= gpn && !s->set[PARAM_GPUS_PER_NODE]) {
				gpn = gpus;
				nodes = 1;
			} else if (gpus % gpn != 0) {
				*cause = xasprintf("bad value for 'gpus': %d is not a whole number of %d-GPU "
				    "nodes; set --gpus-per-node", gpus, gpn);
				return -1;
			} else {
				nodes = gpus / gpn;
			}
		} else if (s->gpus && s->gpus != nodes * gpn) {
			*cause = xasprintf("bad value for 'gpus': %d != nodes %d x gpus-per-node %d",
			    s->gpus, nodes, gpn);
			return -1;
		}
		cl->nodes = nodes;
		cl->gpus_per_node = gpn;
		snprintf(cl->name, sizeof cl->name, "%.32sx%d", s->gpu, nodes * gpn);
		if (load_fabric(c, ld, cl->gpu.intra_fabric, &cl->intra, &sub) != 0 ||
		    load_fabric(c, ld, cl->gpu.inter_fabric, &cl->inter, &sub) != 0) {
			*cause = xasprintf("gpu '%s': %s", s->gpu, sub);
			free(sub);
			return -1;
		}
		return 0;
	}
	if (load_cluster(c, ld, s->cluster ? s->cluster : "h100x8", cl, cause) != 0)
		return -1;
	if (s->set[PARAM_NODES])
		cl->nodes = (int)s->value[PARAM_NODES];
	if (s->set[PARAM_GPUS_PER_NODE])
		cl->gpus_per_node = (int)s->value[PARAM_GPUS_PER_NODE];
	return 0;
}

static bool
tp_valid(const Model *m, int tp)
{
	if (m->n_heads % tp != 0)
		return false;
	if (!model_is_mla(m) && (tp <= m->n_kv_heads ? m->n_kv_heads % tp : tp % m->n_kv_heads))
		return false;
	return m->intermediate == 0 || m->intermediate % tp == 0;
}

/* Fill TP, PP, DP left unset (see setup.h), appending a note for each. */
static void
fill_strategy(const Setup *s, Scenario *sc, char *notes, size_t n)
{
	Strategy *st = &sc->strategy;
	const Model *m = &sc->model;
	const Cluster *cl = &sc->cluster;
	int gpus = cluster_gpus(cl);
	bool tp_set = s->set[PARAM_TP], pp_set = s->set[PARAM_PP], dp_set = s->set[PARAM_DP];
	ModelParams p;
	size_t o = strlen(notes);

	model_params(m, &p);
	double weights = p.total * dtype_weight_bytes(st->weight_dtype);
	double room = cl->gpu.memory_bytes * sc->runtime.mem_fraction * FILL_WEIGHT_SHARE;
	if (!tp_set && !pp_set) {
		int tp = 0, pp = 1;
		for (int t = 1; t <= cl->gpus_per_node && t <= gpus; t *= 2)
			if (tp_valid(m, t) && weights / t <= room) {
				tp = t;
				break;
			}
		if (tp == 0) {
			tp = 1;
			for (int t = 1; t <= cl->gpus_per_node && t <= gpus; t *= 2)
				if (tp_valid(m, t))
					tp = t;
			while (pp < m->n_layers && pp < MAX_STAGES && (pp + 1) * tp <= gpus &&
			    weights / (tp * pp) > room)
				pp++;
		}
		st->tp = tp;
		st->pp = pp;
		if (weights / (tp * pp) <= room)
			o += snprintf(notes + o, o < n ? n - o : 0, "filled TP %d x PP %d: the fewest GPUs "
			    "per replica whose %.0f GB of weights fit; set tp and pp to choose\n", tp, pp,
			    weights / 1e9);
		else
			o += snprintf(notes + o, o < n ? n - o : 0, "filled TP %d x PP %d: the widest layout "
			    "of the %d GPU%s, though the %.0f GB of weights fit none\n", tp, pp, gpus,
			    gpus == 1 ? "" : "s", weights / 1e9);
	} else if (!tp_set) {
		int per = gpus / (st->pp > 0 ? st->pp : 1);
		int tp = 1;
		for (int t = 1; t <= per && t <= cl->gpus_per_node; t *= 2)
			if (tp_valid(m, t))
				tp = t;
		st->tp = tp;
		o += snprintf(notes + o, o < n ? n - o : 0, "filled TP %d (the largest valid TP within "
		    "a node for PP %d)\n", tp, st->pp);
	}
	if (!dp_set) {
		int per = st->tp * st->pp;
		int dp = per > 0 && gpus / per >= 1 ? gpus / per : 1;
		st->dp = dp;
		if (gpus != per)
			o += snprintf(notes + o, o < n ? n - o : 0, "filled DP %d (the %d GPUs over TP %d "
			    "x PP %d)\n", dp, gpus, st->tp, st->pp);
	}
}

int
setup_build(const Catalog *c, const Setup *s, Scenario *sc, char **notes, char **cause)
{
	return setup_build_with(c, s, NULL, sc, notes, cause);
}

int
setup_build_with(const Catalog *c, const Setup *s, const SetupLoader *ld, Scenario *sc,
    char **notes, char **cause)
{
	char buf[1024] = "";
	Dtype wd = DTYPE_BF16, kd;

	memset(sc, 0, sizeof *sc);
	if (notes)
		*notes = NULL;
	if (load_model(c, ld, s->model ? s->model : "llama-3-70b", &sc->model, cause) != 0)
		return -1;
	if (setup_cluster(c, s, ld, &sc->cluster, cause) != 0)
		return -1;
	if (load_runtime(c, ld, s->runtime ? s->runtime : "vllm", &sc->runtime, cause) != 0)
		return -1;

	if (s->dtype)
		dtype_parse(s->dtype, &wd);
	Strategy *st = &sc->strategy;
	st->weight_dtype = wd;
	/* compute in the weights' 16/32-bit type; quantized weights compute in
	 * bf16 where the GPU has it (Ampere+, CDNA), else fp16 */
	bool has_bf16 = sc->cluster.gpu.peak_flops[DTYPE_BF16] > 0 &&
	    (sc->cluster.gpu.compute_capability == 0 || sc->cluster.gpu.compute_capability >= 80);
	if (wd == DTYPE_FP32 || wd == DTYPE_FP16 || wd == DTYPE_BF16)
		st->act_dtype = wd;
	else
		st->act_dtype = has_bf16 ? DTYPE_BF16 : DTYPE_FP16;
	kd = st->act_dtype == DTYPE_FP32 ? DTYPE_FP32 : st->act_dtype;
	if (s->kv_dtype)
		dtype_parse(s->kv_dtype, &kd);
	st->kv_dtype = kd;
	st->tp = st->pp = st->dp = st->ep = 1;
	sc->workload.batch = (int)param_def(PARAM_BATCH)->def;
	sc->workload.input_len = (int)param_def(PARAM_INPUT_LEN)->def;
	sc->workload.output_len = (int)param_def(PARAM_OUTPUT_LEN)->def;

	for (int id = 0; id < PARAM_COUNT; id++) {
		char why[128];
		if (!s->set[id] || id == PARAM_NODES || id == PARAM_GPUS_PER_NODE)
			continue;
		if (param_set(sc, (ParamId)id, s->value[id], why, sizeof why) != 0) {
			*cause = xasprintf("bad value for '%s': %s", param_def((ParamId)id)->name, why);
			return -1;
		}
	}
	if (s->stage_layers) {
		const char *p = s->stage_layers;
		int i = 0;
		while (*p) {
			char *end;
			long v = strtol(p, &end, 10);
			if (end == p || v < 1 || v > MODEL_MAX_LAYERS || i >= MAX_STAGES) {
				*cause = xasprintf("bad value for 'stage_layers': '%s' (comma-separated "
				    "layer counts, one per stage)", s->stage_layers);
				return -1;
			}
			st->stage_layers[i++] = (int)v;
			p = *end == ',' ? end + 1 : end;
			if (*end && *end != ',') {
				*cause = xasprintf("bad value for 'stage_layers': '%s'", s->stage_layers);
				return -1;
			}
		}
		if (!s->set[PARAM_PP])
			st->pp = i;
		else if (i != st->pp) {
			*cause = xasprintf("bad value for 'stage_layers': %d stages given, PP is %d", i, st->pp);
			return -1;
		}
	}
	fill_strategy(s, sc, buf, sizeof buf);
	if (notes && *buf) {
		buf[strlen(buf) - 1] = '\0';
		*notes = xstrdup(buf);
	}
	return 0;
}
