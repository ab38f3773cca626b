/* app-scenario.c: the one place the scenario on screen is made.  The
 * Setup (names and options: what the user gave, what :save writes) is the
 * source; the Scenario the core evaluates is derived from it here, after
 * every change, and nowhere else.  The presets it names are read once and
 * kept (a keystroke must not re-read files); app_load forgets them. */
#include "app.h"

#include <stdlib.h>
#include <string.h>

#include "lua/preset.h"
#include "util/xmalloc.h"

/* The last preset of each kind, by name. */
struct ScenarioCache {
	char *model_name, *gpu_name, *fabric_name, *cluster_name, *runtime_name;
	Model model;
	Gpu gpu;
	Fabric fabric;
	Cluster cluster;
	Runtime runtime;
};

static ScenarioCache *
cache_of(App *a)
{
	if (!a->cache)
		a->cache = xcalloc(1, sizeof *a->cache);
	return a->cache;
}

void
app_forget_presets(App *a)
{
	ScenarioCache *k = a->cache;
	if (!k)
		return;
	free(k->model_name);
	free(k->gpu_name);
	free(k->fabric_name);
	free(k->cluster_name);
	free(k->runtime_name);
	free(k);
	a->cache = NULL;
}

/* One loader per kind: the cached copy when the name matches, else the
 * catalog's file (kept on success). */
#define CACHED_LOADER(fn, T, field, load) \
	static int \
	fn(void *ud, const char *name, T *out, char **cause) \
	{ \
		App *a = ud; \
		ScenarioCache *k = cache_of(a); \
		if (k->field##_name && strcmp(k->field##_name, name) == 0) { \
			*out = k->field; \
			return 0; \
		} \
		if (load(a->cat, name, out, cause) != 0) \
			return -1; \
		free(k->field##_name); \
		k->field##_name = xstrdup(name); \
		k->field = *out; \
		return 0; \
	}

CACHED_LOADER(load_model, Model, model, setup_model)
CACHED_LOADER(load_gpu, Gpu, gpu, preset_gpu)
CACHED_LOADER(load_fabric, Fabric, fabric, preset_fabric)
CACHED_LOADER(load_cluster, Cluster, cluster, preset_cluster)
CACHED_LOADER(load_runtime, Runtime, runtime, preset_runtime)

int
app_derive(App *a, const Setup *t, Scenario *out, char **notes, char **cause)
{
	SetupLoader ld = { .ud = a, .model = load_model, .gpu = load_gpu, .fabric = load_fabric,
		.cluster = load_cluster, .runtime = load_runtime };
	return setup_build_with(a->cat, t, &ld, out, notes, cause);
}

const Session *
app_session(App *a)
{
	a->view = (Session){
		.theme = &a->theme, .cat = a->cat, .setup = &a->setup, .s = a->s, .r = a->r,
		.sv = a->sv, .sv_ok = a->sv_ok, .meets_slos = app_meets_slos(a), .label = a->label,
		.file = a->file, .extra = a->extra, .n_extra = a->n_extra, .lua_error = a->lua_error,
		.lua_checks = app_has_lua_checks(a), .rows = a->rows, .cols = a->cols,
		.probe_s = a->probe_s, .probe = a->probe, .spec_breakeven = a->spec_breakeven,
	};
	return &a->view;
}
