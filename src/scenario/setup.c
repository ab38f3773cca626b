/* setup.c: names and options -> Scenario; see setup.h. */
#include "scenario/setup.h"

#include <lauxlib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/disagg.h"
#include "core/eval.h"
#include "scenario/calib-apply.h"
#include "core/layout.h"
#include "core/units.h"
#include "io/hfconfig.h"
#include "io/scenario_json.h"
#include "lua/presetenv.h"
#include "lua/luastate.h"
#include "lua/preset.h"
#include "util/xmalloc.h"


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
	free(s->expert_dtype);
	free(s->kv_dtype);
	free(s->act_dtype);
	free(s->stage_layers);
	free(s->spec_method);
	free(s->ep_mode);
	free(s->spec_model);
	free(s->prefill_gpu);
	free(s->kv_transfer);
	free(s->kv_transfer_mode);
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
	dst->expert_dtype = dup_or_null(src->expert_dtype);
	dst->kv_dtype = dup_or_null(src->kv_dtype);
	dst->act_dtype = dup_or_null(src->act_dtype);
	dst->stage_layers = dup_or_null(src->stage_layers);
	dst->spec_method = dup_or_null(src->spec_method);
	dst->ep_mode = dup_or_null(src->ep_mode);
	dst->spec_model = dup_or_null(src->spec_model);
	dst->prefill_gpu = dup_or_null(src->prefill_gpu);
	dst->kv_transfer = dup_or_null(src->kv_transfer);
	dst->kv_transfer_mode = dup_or_null(src->kv_transfer_mode);
	dst->checks_file = dup_or_null(src->checks_file);
}

static char **
string_slot(Setup *s, ParamId id)
{
	switch (id) {
	case PARAM_MODEL: return &s->model;
	case PARAM_CLUSTER: return &s->cluster;
	case PARAM_GPU: return &s->gpu;
	case PARAM_RUNTIME: return &s->runtime;
	case PARAM_DTYPE: return &s->dtype;
	case PARAM_EXPERT_DTYPE: return &s->expert_dtype;
	case PARAM_KV_DTYPE: return &s->kv_dtype;
	case PARAM_ACT_DTYPE: return &s->act_dtype;
	case PARAM_STAGE_LAYERS: return &s->stage_layers;
	case PARAM_SPEC_METHOD: return &s->spec_method;
	case PARAM_EP_MODE: return &s->ep_mode;
	case PARAM_SPEC_MODEL: return &s->spec_model;
	case PARAM_PREFILL_GPU: return &s->prefill_gpu;
	case PARAM_KV_TRANSFER: return &s->kv_transfer;
	case PARAM_KV_TRANSFER_MODE: return &s->kv_transfer_mode;
	default: return NULL;
	}
}

void
setup_edit_init(SetupEdit *e)
{
	memset(e, 0, sizeof *e);
}

const char *
setup_cause_why(const char *cause)
{
	const char *why = strstr(cause, "': ");
	return why ? why + 3 : cause;
}

int
setup_apply(Setup *s, SetupEdit *e, const char *key, const char *text, double v, char **cause)
{
	int id = param_key_find(key);
	char why[160];

	if (id < 0) {
		*cause = xasprintf("unknown option '%s'", key);
		return -1;
	}
	const ParamDef *d = param_def((ParamId)id);
	if (text ? param_check_text((ParamId)id, text, why, sizeof why) :
	    param_check_number((ParamId)id, v, why, sizeof why)) {
		*cause = xasprintf("bad value for '%s': %s", d->name, why);
		return -1;
	}
	if (text && d->type != PARAM_T_STRING)
		param_parse_number((ParamId)id, text, &v, why, sizeof why);
	if (id < PARAM_COUNT) {
		s->set[id] = true;
		s->value[id] = v;
	} else if (id == PARAM_GPUS) {
		s->gpus = (int)v;
	} else {
		char **slot = string_slot(s, (ParamId)id);
		free(*slot);
		*slot = xstrdup(text);
	}
	/* a cluster preset and an ad-hoc GPU cluster exclude one another */
	if (id == PARAM_CLUSTER) {
		free(s->gpu);
		s->gpu = NULL;
		s->gpus = 0;
		s->set[PARAM_NODES] = s->set[PARAM_GPUS_PER_NODE] = false;
	} else if (id == PARAM_GPU) {
		free(s->cluster);
		s->cluster = NULL;
	}
	if (e) {
		e->given[id] = true;
		e->hardware |= d->hardware;
	}
	return 0;
}

void
setup_edit_finish(Setup *s, const SetupEdit *e)
{
	/* a layer split gives the stage count unless PP was given with it */
	if (e->given[PARAM_STAGE_LAYERS] && !e->given[PARAM_PP])
		s->set[PARAM_PP] = false;
	if (e->given[PARAM_PP] && !e->given[PARAM_STAGE_LAYERS] && s->stage_layers) {
		/* a custom split belongs to one PP: another PP splits evenly */
		int stages = 1;
		for (const char *p = s->stage_layers; *p; p++)
			stages += *p == ',';
		if (stages != (int)s->value[PARAM_PP]) {
			free(s->stage_layers);
			s->stage_layers = NULL;
		}
	}
	s->pp_from = 0;
	if ((e->given[PARAM_TP] || e->given[PARAM_PP]) && !e->given[PARAM_DP] && !e->hardware)
		s->set[PARAM_DP] = false;       /* DP: the GPUs over a new TP x PP */
	/* a new prefill pool takes its GPUs from the decode pool's DP */
	if ((e->given[PARAM_PREFILL_DP] || e->given[PARAM_PREFILL_TP] || e->given[PARAM_PREFILL_PP] ||
	    e->given[PARAM_PREFILL_GPU]) && !e->given[PARAM_DP])
		s->set[PARAM_DP] = false;
	if (e->given[PARAM_TP] && !e->hardware) {
		/* PP follows a new TP (layout_fill) unless given with it */
		if (!e->given[PARAM_PP] && !s->stage_layers && s->set[PARAM_PP]) {
			s->pp_from = (int)s->value[PARAM_PP];
			s->set[PARAM_PP] = false;
		}
	}
	if (!e->hardware)
		return;
	free(setup_forget_layout(s, e->given, e->given[PARAM_STAGE_LAYERS]));
	if (e->given[PARAM_MODEL] && !e->given[PARAM_DTYPE]) {
		free(s->dtype);
		s->dtype = NULL;
	}
	if (e->given[PARAM_MODEL] && !e->given[PARAM_EXPERT_DTYPE]) {
		free(s->expert_dtype);
		s->expert_dtype = NULL;
	}
	/* the compute and KV-cache dtypes follow the new weights as the dtype
	 * does (vLLM --kv-cache-dtype auto: the model's dtype), unless given
	 * with the model: the default preset's bf16 KV stayed under a float16
	 * checkpoint ("weights fp16, KV bf16") */
	if (e->given[PARAM_MODEL] && !e->given[PARAM_KV_DTYPE]) {
		free(s->kv_dtype);
		s->kv_dtype = NULL;
	}
	if (e->given[PARAM_MODEL] && !e->given[PARAM_ACT_DTYPE]) {
		free(s->act_dtype);
		s->act_dtype = NULL;
	}
}

int
setup_set(Setup *s, const char *key, const char *value, char **cause)
{
	return setup_apply(s, NULL, key, value, 0, cause);
}

int
setup_set_number(Setup *s, const char *key, double value, char **cause)
{
	return setup_apply(s, NULL, key, NULL, value, cause);
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
	char gpu_name[HW_NAME_MAX];
	const char *gpu = s->gpu;

	if (!gpu && s->gpus && !s->cluster) {
		/* "16 GPUs" with no type and no cluster: the default cluster's GPU
		 * (a plan lists it under "assumed"); a named preset is never resized */
		if (load_cluster(c, ld, param_def(PARAM_CLUSTER)->def_text, cl, cause) != 0)
			return -1;
		snprintf(gpu_name, sizeof gpu_name, "%s", cl->gpu.name);
		gpu = gpu_name;
	}
	if (gpu) {
		char *sub = NULL;
		memset(cl, 0, sizeof *cl);
		if (load_gpu(c, ld, gpu, &cl->gpu, cause) != 0)
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
		cl->nvlink_domain = s->set[PARAM_NVLINK_DOMAIN] ? (int)s->value[PARAM_NVLINK_DOMAIN] :
		    cl->gpu.nvlink_domain;
		snprintf(cl->name, sizeof cl->name, "%.32sx%d", gpu, nodes * gpn);
		if (load_fabric(c, ld, cl->gpu.intra_fabric, &cl->intra, &sub) != 0 ||
		    load_fabric(c, ld, cl->gpu.inter_fabric, &cl->inter, &sub) != 0) {
			*cause = xasprintf("gpu '%s': %s", gpu, sub);
			free(sub);
			return -1;
		}
		return 0;
	}
	if (s->gpus) {
		/* as Lua's cluster{}: a preset is sized by nodes, never silently resized */
		*cause = xasprintf("bad value for 'gpus': a cluster preset's size is nodes x gpus_per_node "
		    "(give nodes, or a gpu with gpus)");
		return -1;
	}
	if (load_cluster(c, ld, s->cluster ? s->cluster : param_def(PARAM_CLUSTER)->def_text, cl, cause) != 0)
		return -1;
	int preset_gpus = cl->nodes * cl->gpus_per_node;
	if (s->set[PARAM_NODES])
		cl->nodes = (int)s->value[PARAM_NODES];
	if (s->set[PARAM_GPUS_PER_NODE])
		cl->gpus_per_node = (int)s->value[PARAM_GPUS_PER_NODE];
	if (s->set[PARAM_NVLINK_DOMAIN])
		cl->nvlink_domain = (int)s->value[PARAM_NVLINK_DOMAIN];
	if (cl->nodes * cl->gpus_per_node != preset_gpus)
		/* resized: named for what it now is, as a gpu= cluster is
		 * ("h100x8" with nodes 2 is "h100-sxmx16") */
		snprintf(cl->name, sizeof cl->name, "%.32sx%d", cl->gpu.name, cl->nodes * cl->gpus_per_node);
	return 0;
}

/* Fill TP, PP, DP left unset by core/layout.c's fill rules, appending a
 * note for each; the note says what the evaluation of the filled layout
 * says (memory, the batch's KV cache), never the fill heuristic alone. */
static void
fill_strategy(const Setup *s, Scenario *sc, char *notes, size_t n)
{
	Strategy *st = &sc->strategy, filled;
	int gpus = cluster_gpus(&sc->cluster), pp_from = st->pp;
	size_t o = strlen(notes);
	ModelParams p;
	char a[32], b[32], c[32], d[32];

	LayoutFill why = layout_fill(sc, s->set[PARAM_TP], s->set[PARAM_PP], s->set[PARAM_DP], &filled);
	*st = filled;
	const Workload *w = &sc->workload;
	if (why == LAYOUT_FILL_WORKLOAD || why == LAYOUT_FILL_WEIGHTS || why == LAYOUT_FILL_WIDEST ||
	    why == LAYOUT_FILL_TP) {
		/* the note says what the filled layout's evaluation says (only
		 * a fill has a note: a given TP costs no evaluation here) */
		model_params(&sc->model, &p);
		double weights = eval_weight_bytes(&sc->model, &p, st);
		Result *r = xmalloc(sizeof *r);
		bool runs = eval_run(sc, r) == EVAL_OK, fit = runs, holds = runs;
		for (int i = 0; runs && i < r->n_checks; i++) {
			fit &= r->checks[i].id != CHECK_MEMORY_FIT;
			holds &= r->checks[i].id != CHECK_MEMORY_FIT && r->checks[i].id != CHECK_KV_ROOM &&
			    r->checks[i].id != CHECK_KV_MAX_LEN;
		}
		const char *what = why == LAYOUT_FILL_TP ? "tp" : "tp and pp";
		if (why == LAYOUT_FILL_TP)
			o += snprintf(notes + o, o < n ? n - o : 0, "filled TP %d (PP %d given)", st->tp,
			    st->pp);
		else
			o += snprintf(notes + o, o < n ? n - o : 0, "filled TP %d x PP %d", st->tp, st->pp);
		if (holds)
			o += snprintf(notes + o, o < n ? n - o : 0, ": the fewest GPUs per replica with "
			    "room for the batch's KV cache (%d x %s tokens need %s per GPU beside %s of "
			    "weights; the pool holds %s)", w->batch,
			    fmt_int(w->input_len + w->output_len, a, sizeof a),
			    fmt_bytes(r->memory.kv_cache_bytes, b, sizeof b),
			    fmt_bytes(r->memory.weights_bytes, c, sizeof c),
			    fmt_bytes(r->memory.kv_pool_bytes, d, sizeof d));
		else if (fit)
			o += snprintf(notes + o, o < n ? n - o : 0, ": the fewest GPUs per replica whose "
			    "%.0f GB of weights fit (%s per GPU, leaving a KV pool of %s), though no "
			    "layout of the %d GPU%s holds the KV cache of batch %d (memory.kv_room)",
			    weights / 1e9, fmt_bytes(r->memory.weights_bytes, b, sizeof b),
			    fmt_bytes(r->memory.kv_pool_bytes, c, sizeof c), gpus, gpus == 1 ? "" : "s",
			    w->batch);
		else
			o += snprintf(notes + o, o < n ? n - o : 0, ": the widest layout of the %d GPU%s, "
			    "though the %.0f GB of weights do not fit it (memory.fit)", gpus,
			    gpus == 1 ? "" : "s", weights / 1e9);
		o += snprintf(notes + o, o < n ? n - o : 0, "; set %s to choose\n", what);
		free(r);
	} else if (why == LAYOUT_FILL_PP) {
		o += snprintf(notes + o, o < n ? n - o : 0, "PP %d -> %d: TP %d x PP %d needs %d GPUs, "
		    "the cluster has %d\n", pp_from, st->pp, st->tp, pp_from, st->tp * pp_from, gpus);
	}
	bool disagg = s->set[PARAM_PREFILL_DP] && s->value[PARAM_PREFILL_DP] > 0;
	if (!s->set[PARAM_DP] && gpus != st->tp * st->pp && !disagg) {   /* disagg: setup_disagg_pools' */
		o += snprintf(notes + o, o < n ? n - o : 0, "filled DP %d (the %d GPUs over TP %d "
		    "x PP %d)\n", st->dp, gpus, st->tp, st->pp);
	}
}

int
setup_build(const Catalog *c, const Setup *s, Scenario *sc, char **notes, char **cause)
{
	return setup_build_with(c, s, NULL, sc, notes, cause);
}

/* The drafter of speculative decoding: the method by name and the draft
 * model, loaded like the model; a draft shares the target's tokenizer
 * (vLLM checks the vocabulary, vllm/config/speculative.py), MTP needs the
 * checkpoint's MTP layers. */
static int
setup_spec(const Catalog *c, const Setup *s, const SetupLoader *ld, Scenario *sc, char **cause)
{
	Speculation *sp = &sc->spec;

	sp->method = SPEC_AUTO;
	if (s->spec_method)
		spec_method_parse(s->spec_method, &sp->method);
	if (s->spec_model) {
		char *sub = NULL;
		if (load_model(c, ld, s->spec_model, &sp->draft, &sub) != 0) {
			*cause = xasprintf("bad value for 'spec_model': %s", sub);
			free(sub);
			return -1;
		}
		sp->has_draft = true;
		if (sp->draft.vocab != sc->model.vocab) {
			*cause = xasprintf("bad value for 'spec_model': %s has a vocabulary of %d, %s of %d "
			    "(a draft model shares the target's tokenizer)", sp->draft.name, sp->draft.vocab,
			    sc->model.name, sc->model.vocab);
			return -1;
		}
	}
	if (sp->method == SPEC_DRAFT && !sp->has_draft) {
		*cause = xasprintf("bad value for 'spec_method': draft needs a draft model (spec_model)");
		return -1;
	}
	if (sp->method == SPEC_MTP && sc->model.mtp_layers <= 0) {
		*cause = xasprintf("bad value for 'spec_method': %s has no MTP layers "
		    "(config.json num_nextn_predict_layers); use eagle or a draft model", sc->model.name);
		return -1;
	}
	return 0;
}

/* Disaggregated prefill/decode (core/disagg.h): the prefill pool's GPU,
 * the fabric between the pools and the transfer mode by name; the pools
 * must fit the cluster (the prefill pool on its own GPUs when prefill_gpu
 * names a type); a decode DP not given is filled over the GPUs the
 * prefill pool leaves. */
static int
setup_disagg(const Catalog *c, const Setup *s, const SetupLoader *ld, Scenario *sc, char **cause)
{
	Disagg *d = &sc->disagg;
	char *sub = NULL;

	d->mode = KV_XFER_REQUEST;
	if (s->kv_transfer_mode)
		kv_xfer_mode_parse(s->kv_transfer_mode, &d->mode);
	if (s->prefill_gpu && strcmp(s->prefill_gpu, sc->cluster.gpu.name) != 0) {
		if (load_gpu(c, ld, s->prefill_gpu, &d->prefill_gpu, &sub) != 0) {
			*cause = xasprintf("bad value for 'prefill_gpu': %s", sub);
			free(sub);
			return -1;
		}
		d->prefill_gpu_set = true;
	}
	if (s->kv_transfer) {
		if (load_fabric(c, ld, s->kv_transfer, &d->kv_fabric, &sub) != 0) {
			*cause = xasprintf("bad value for 'kv_transfer': %s", sub);
			free(sub);
			return -1;
		}
	} else {
		d->kv_fabric = sc->cluster.inter;
	}
	if (!disagg_on(sc))
		return 0;
	int all = cluster_gpus(&sc->cluster), pre = disagg_prefill_gpus(sc);
	if (!d->prefill_gpu_set && pre >= all) {
		*cause = xasprintf("bad value for 'prefill_dp': the prefill pool (%d x TP %d x PP %d = %d "
		    "GPUs) leaves none of the cluster's %d for the decode pool", d->prefill_dp, d->prefill_tp,
		    d->prefill_pp, pre, all);
		return -1;
	}
	return 0;
}

/* The decode pool's DP (filled over the GPUs the prefill pool leaves when
 * not given) and the check that both pools fit the cluster. */
static int
setup_disagg_pools(const Setup *s, Scenario *sc, char *notes, size_t n, char **cause)
{
	Disagg *d = &sc->disagg;
	if (!disagg_on(sc))
		return 0;
	int all = cluster_gpus(&sc->cluster), pre = disagg_prefill_gpus(sc);
	Strategy *st = &sc->strategy;
	int left = disagg_decode_gpus(sc), per = st->tp * st->pp;
	if (!s->set[PARAM_DP] && per > 0) {
		st->dp = left / per > 0 ? left / per : 1;
		size_t o = strlen(notes);
		snprintf(notes + o, o < n ? n - o : 0, "decode pool DP %d: the %d GPUs the prefill pool's "
		    "%d leave over TP %d x PP %d\n", st->dp, left, pre, st->tp, st->pp);
	}
	if (per * st->dp > left) {
		*cause = xasprintf("bad value for 'dp': the decode pool (%d x TP %d x PP %d = %d GPUs) and "
		    "the prefill pool (%d GPUs%s) exceed the cluster's %d", st->dp, st->tp, st->pp,
		    per * st->dp, pre, d->prefill_gpu_set ? ", its own" : "", all);
		return -1;
	}
	/* the prefill pool's own layout rules (TP vs heads, PP vs layers, EP
	 * vs experts), named by its key */
	Scenario *ps = xmalloc(sizeof *ps);
	Result *r = xmalloc(sizeof *r);
	int rc = 0;
	disagg_prefill_scenario(sc, disagg_prefill_batch(sc), ps);
	if (eval_run(ps, r) != EVAL_OK) {
		for (int i = 0; i < r->n_checks; i++) {
			const Check *ck = &r->checks[i];
			if (ck->severity != SEV_ERROR || !check_structural(ck->id))
				continue;
			const char *opt = check_def(ck->id)->option;
			char msg[320];
			check_format(ps, r, ck, msg, sizeof msg);
			*cause = xasprintf("bad value for 'prefill_%s': the prefill pool: %s (%s)",
			    opt && strlen(opt) > 2 ? opt + 2 : "tp", msg, check_id_name(ck->id));
			rc = -1;
			break;
		}
	}
	free(ps);
	free(r);
	return rc;
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
	sc->runtime.calibration[0] = '\0';
	if (!s->no_calibration &&
	    (ld && ld->calibration ? ld->calibration(ld->ud, sc, cause) : calibrate_apply(sc, cause)) != 0)
		return -1;

	size_t o = 0;
	if (sc->model.unmodelled[0])
		o += (size_t)snprintf(buf + o, sizeof buf - o, "model %s: not modelled: %s\n", sc->model.name,
		    sc->model.unmodelled);
	if (s->dtype) {
		dtype_parse(s->dtype, &wd);
	} else if (sc->model.has_ckpt_dtype) {
		/* as vLLM's --dtype auto and --quantization from the config */
		wd = (Dtype)sc->model.ckpt_dtype;
		if (sc->model.quant_method[0])
			o += (size_t)snprintf(buf + o, sizeof buf - o, "weights %s: the checkpoint's "
			    "quantization_config (quant_method %s%s%s); set dtype to choose\n", dtype_name(wd),
			    sc->model.quant_method, sc->model.quant_detail[0] ? ", " : "",
			    sc->model.quant_detail);
	}
	Strategy *st = &sc->strategy;
	st->weight_dtype = wd;
	/* per-layer-class precision: the experts' own dtype when given, else
	 * the checkpoint's when no dtype overrides it (gpt-oss: mxfp4 experts) */
	if (s->expert_dtype) {
		dtype_parse(s->expert_dtype, &st->expert_dtype);
		st->expert_dtype_set = st->expert_dtype != wd;
	} else if (!s->dtype && sc->model.has_ckpt_expert_dtype && sc->model.ckpt_expert_dtype != (int)wd) {
		st->expert_dtype = (Dtype)sc->model.ckpt_expert_dtype;
		st->expert_dtype_set = true;
		o += (size_t)snprintf(buf + o, o < sizeof buf ? sizeof buf - o : 0, "routed experts %s, "
		    "the rest %s: the checkpoint's quantization_config; set expert_dtype to choose\n",
		    dtype_name(st->expert_dtype), dtype_name(wd));
	}
	/* compute in the weights' 16/32-bit type; quantized weights compute in
	 * bf16 where the GPU has it (Ampere+, CDNA), else fp16 */
	bool has_bf16 = sc->cluster.gpu.peak_flops[DTYPE_BF16] > 0 &&
	    (sc->cluster.gpu.compute_capability == 0 || sc->cluster.gpu.compute_capability >= 80);
	if (s->act_dtype)
		dtype_parse(s->act_dtype, &st->act_dtype);
	else if (wd == DTYPE_FP32 || wd == DTYPE_FP16 || wd == DTYPE_BF16)
		st->act_dtype = wd;
	else
		st->act_dtype = has_bf16 ? DTYPE_BF16 : DTYPE_FP16;
	kd = st->act_dtype == DTYPE_FP32 ? DTYPE_FP32 : st->act_dtype;
	if (s->kv_dtype)
		dtype_parse(s->kv_dtype, &kd);
	st->kv_dtype = kd;
	st->ep_mode = EP_MODE_AUTO;
	if (s->ep_mode && ep_mode_parse(s->ep_mode, &st->ep_mode) != 0) {
		*cause = xasprintf("bad value for 'ep_mode': unknown mode '%s' (auto, a2a, normal, low_latency)",
		    s->ep_mode);
		return -1;
	}
	if (sc->runtime.kv_dtypes && !(sc->runtime.kv_dtypes & 1u << kd)) {
		*cause = xasprintf("bad value for 'kv_dtype': %s supports a %s KV cache, not %s",
		    sc->runtime.name, dtype_mask_text(sc->runtime.kv_dtypes, buf,
		    sizeof buf), dtype_name(kd));
		return -1;
	}
	st->tp = st->pp = st->dp = st->ep = 1;
	if (s->pp_from > 0 && !s->set[PARAM_PP])
		st->pp = s->pp_from;
	sc->workload.batch = (int)param_def(PARAM_BATCH)->def;
	sc->workload.input_len = (int)param_def(PARAM_INPUT_LEN)->def;
	sc->workload.output_len = (int)param_def(PARAM_OUTPUT_LEN)->def;
	sc->workload.prefix_hit = param_def(PARAM_PREFIX_HIT)->def;
	sc->spec.accept = param_def(PARAM_SPEC_ACCEPT)->def;
	sc->disagg.prefill_tp = (int)param_def(PARAM_PREFILL_TP)->def;
	sc->disagg.prefill_pp = (int)param_def(PARAM_PREFILL_PP)->def;
	sc->disagg.prefill_ep = (int)param_def(PARAM_PREFILL_EP)->def;
	if (setup_spec(c, s, ld, sc, cause) != 0)
		return -1;

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
	if (setup_disagg(c, s, ld, sc, cause) != 0)
		return -1;
	/* disaggregated: the decode pool's layout is filled on the GPUs the
	 * prefill pool leaves (whole nodes of them; fewer GPUs in one node) */
	Cluster whole = sc->cluster;
	int prefill_dp = sc->disagg.prefill_dp, left = disagg_decode_gpus(sc);
	if (disagg_on(sc) && !sc->disagg.prefill_gpu_set) {
		if (left <= sc->cluster.gpus_per_node) {
			sc->cluster.gpus_per_node = left;
			sc->cluster.nodes = 1;
		} else {
			sc->cluster.nodes = left / sc->cluster.gpus_per_node;
		}
	}
	sc->disagg.prefill_dp = 0;
	fill_strategy(s, sc, buf + o, sizeof buf - o);
	sc->disagg.prefill_dp = prefill_dp;
	sc->cluster = whole;
	if (setup_disagg_pools(s, sc, buf, sizeof buf, cause) != 0)
		return -1;
	if (notes && *buf) {
		buf[strlen(buf) - 1] = '\0';
		*notes = xstrdup(buf);
	}
	return 0;
}

int
setup_keys(const Setup *st, const Scenario *s, JsonKey **out)
{
	JsonKey *k = xcalloc(PARAM_KEY_COUNT + 1, sizeof *k);
	int n = 0;

	k[n++] = (JsonKey){ xstrdup("kind"), xstrdup("scenario"), 0, false };
	/* the keys that name things first, as a person writes a preset */
	for (int i = 0; i < PARAM_KEY_COUNT; i++) {
		ParamId id = (ParamId)((i + PARAM_COUNT) % PARAM_KEY_COUNT);
		const ParamDef *d = param_def(id);
		const char *text = NULL;
		double v = 0;
		bool slo = d->alias != NULL || id == PARAM_RPS;
		switch (id) {
		case PARAM_MODEL: text = st->model ? st->model : s->model.name; break;
		case PARAM_CLUSTER: text = st->gpu ? NULL : st->cluster ? st->cluster : s->cluster.name; break;
		case PARAM_GPU: text = st->gpu; break;
		case PARAM_GPUS:
			if (!st->gpu)
				continue;
			v = cluster_gpus(&s->cluster);
			break;
		case PARAM_RUNTIME: text = st->runtime ? st->runtime : s->runtime.name; break;
		case PARAM_DTYPE: text = dtype_name(s->strategy.weight_dtype); break;
		case PARAM_EXPERT_DTYPE:
			text = s->strategy.expert_dtype_set ? dtype_name(s->strategy.expert_dtype) : NULL;
			break;
		case PARAM_KV_DTYPE: text = dtype_name(s->strategy.kv_dtype); break;
		case PARAM_ACT_DTYPE: text = st->act_dtype; break;
		case PARAM_STAGE_LAYERS: text = st->stage_layers; break;
		case PARAM_SPEC_METHOD: text = st->spec_method; break;
		case PARAM_EP_MODE: text = st->ep_mode; break;
		case PARAM_SPEC_MODEL: text = st->spec_model; break;
		case PARAM_PREFILL_GPU: text = st->prefill_gpu; break;
		case PARAM_KV_TRANSFER: text = st->kv_transfer; break;
		case PARAM_KV_TRANSFER_MODE: text = st->kv_transfer_mode; break;
		default: {
			/* the layout and the workload always; the rest when set (SLOs when on) */
			bool always = id == PARAM_TP || id == PARAM_PP || id == PARAM_DP || id == PARAM_EP ||
			    id == PARAM_BATCH || id == PARAM_INPUT_LEN || id == PARAM_OUTPUT_LEN;
			v = param_get(s, id);
			if (!always && !st->set[id] && !(slo && v > 0))
				continue;
			if (st->gpu && (id == PARAM_NODES || id == PARAM_GPUS_PER_NODE) && !st->set[id])
				continue;
		}
		}
		if (d->type == PARAM_T_STRING && !text)
			continue;
		k[n++] = (JsonKey){ xstrdup(d->alias ? d->alias : d->name), text ? xstrdup(text) : NULL, v,
			slo };
	}
	*out = k;
	return n;
}
