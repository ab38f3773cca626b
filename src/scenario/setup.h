/* setup.h: a scenario described by names and options (as the CLI, a
 * scenario preset, a Lua table or the TUI give it), built into a core
 * Scenario.  The one place where "--model llama-3-70b --cluster h100x8
 * --tp 8" becomes numbers. */
#ifndef SHARDLAB_SCENARIO_SETUP_H
#define SHARDLAB_SCENARIO_SETUP_H

#include <stdbool.h>

#include "catalog/catalog.h"
#include "core/params.h"
#include "core/scenario.h"
#include "io/scenario_json.h"

typedef struct Setup {
	char *model;            /* catalog name, config.json path or directory */
	char *cluster;          /* cluster preset */
	char *gpu;              /* GPU preset, to build a cluster without a preset */
	char *runtime;          /* runtime preset */
	char *dtype;            /* weights */
	char *expert_dtype;     /* routed experts' weights; NULL = the checkpoint's, else dtype */
	char *kv_dtype;
	char *act_dtype;        /* compute dtype; NULL = from the weights */
	char *stage_layers;     /* "21,20,20,19" */
	char *spec_method;      /* "auto", "draft", "eagle", "mtp"; NULL = auto */
	char *ep_mode;          /* "auto", "a2a", "normal", "low_latency"; NULL = auto */
	char *spec_model;       /* draft model: catalog name or config.json; NULL = none */
	char *prefill_gpu;      /* disaggregated: the prefill pool's GPU type; NULL = the cluster's */
	char *kv_transfer;      /* disaggregated: the fabric between the pools; NULL = the inter */
	char *kv_transfer_mode; /* "request" or "layer"; NULL = request */
	char *checks_file;      /* the scenario preset, when it defines shardlab.check{}s:
	                           run it beside --check files (luacheck.h) */
	int gpus;               /* with gpu: total GPUs; 0 = unset */
	bool no_calibration;    /* ignore the user's calibration presets (scenario/calib-apply.h) */
	int pp_from;            /* PP unset by a TP edit (setup_edit_finish): the PP the
	                           fill keeps while TP x PP fits the GPUs; 0 = none */
	bool set[PARAM_COUNT];
	double value[PARAM_COUNT];
} Setup;


void setup_init(Setup *s);
void setup_fini(Setup *s);
/* setup_copy: deep copy of src into an initialised dst (dst's old values freed). */
void setup_copy(Setup *dst, const Setup *src);

/* A batch of keys given together: one command line, one Lua table, one
 * `:set`.  setup_apply records what was given; setup_edit_finish applies
 * the one refill rule. */
typedef struct SetupEdit {
	bool given[PARAM_KEY_COUNT];
	bool hardware;          /* a key whose table row says it changes the hardware */
} SetupEdit;

void setup_edit_init(SetupEdit *e);

/* setup_apply: the one function that applies a scenario key (any row of
 * core/params.h, by name with dashes or underscores, or its alias) to s,
 * from text (CLI, :set, JSON files) or, with text NULL, the number v
 * (Lua, presets).  A cluster preset and a GPU exclude one another (each
 * resets the other and the cluster's size).  e may be NULL (a preset being
 * loaded).  Returns 0, or -1 with an allocated "bad value for 'KEY': WHY"
 * or "unknown option 'KEY'" in *cause; setup_cause_why gives the WHY. */
int setup_apply(Setup *s, SetupEdit *e, const char *key, const char *text, double v, char **cause);

/* setup_edit_finish: the refill rule, the same for the CLI, Lua and the
 * TUI: when a key that changes the hardware (model, cluster, gpu, gpus,
 * nodes, gpus_per_node) was given, the base's TP, PP, DP and EP belong to
 * the old hardware: those not given in the same edit are unset, so
 * setup_build fills them for the new one (its notes say so), and a
 * stage_layers not given is dropped.  A new model also drops the weight,
 * expert, compute and KV-cache dtypes not given with it: the new
 * checkpoint's own and what follows from it apply.  A
 * stage_layers given without pp sets PP to its number of stages, and a pp
 * given without stage_layers drops a split of another stage count.  TP or
 * PP given without DP refills DP over the GPUs left (lowering TP raises DP
 * rather than idling GPUs), and so do prefill_dp, prefill_tp, prefill_pp
 * and prefill_gpu (the decode pool refills the GPUs the prefill pool
 * leaves); TP given without PP lets PP follow: kept while
 * TP x PP fits the GPUs, else fewer stages (core/layout.h layout_pp_follow). */
void setup_edit_finish(Setup *s, const SetupEdit *e);

/* setup_cause_why: the reason part of a setup_apply message ("must be >= 1"). */
const char *setup_cause_why(const char *cause);

/* setup_set: set `key` ("tp", "input-len", "model", "gpus", ...) from text.
 * Returns 0, or -1 with an allocated message naming the key. */
int setup_set(Setup *s, const char *key, const char *value, char **cause);

/* setup_set_number: the same for a number (Lua, presets). */
int setup_set_number(Setup *s, const char *key, double value, char **cause);

/* setup_forget_layout: the base scenario's layout belongs to its hardware.
 * After the caller changed the model or the cluster, unset TP, PP, DP and
 * EP except those marked in given[PARAM_COUNT], so that setup_build fills
 * them for the new hardware (and its notes say so).  Unless layers_given,
 * stage_layers is detached from s and returned (the caller frees it when
 * s owned it); else NULL.  Used by the CLI, Lua's evaluate and the TUI. */
char *setup_forget_layout(Setup *s, const bool *given, bool layers_given);

/* setup_keys: the scenario as the keys of a scenario file, walking the
 * key table (what :save writes; setup_load_scenario reads it back):
 * kind, the names (model, cluster or gpu and gpus, runtime, dtypes, the
 * layer split), then the layout, the workload, what was set, the SLOs in
 * use (under "slo", with the presets' _s names).  *out is allocated (free
 * with scenario_json_free); returns the count. */
int setup_keys(const Setup *st, const Scenario *s, JsonKey **out);

/* setup_load_scenario: overlay a scenario preset (catalog name, or a path
 * ending in .lua, or a .json scenario file: io/scenario_json.h) on s.
 * Returns 0 or -1 with *cause naming file and key. */
int setup_load_scenario(const Catalog *c, const char *name, Setup *s, char **cause);

/* setup_build: load the model, cluster and runtime and fill a Scenario;
 * the user's calibration preset for its GPU and runtime, when there is one
 * and s->no_calibration is false, sets the fitted efficiency parameters
 * (calibrate_apply).
 * TP/PP/DP not given are filled (the fewest GPUs per replica whose weights
 * fit, then DP over the rest); *notes (allocated, may be NULL) says what
 * was filled.  Returns 0, or -1 with *cause. */
/* setup_build: load the model, cluster and runtime and fill a Scenario.
 * TP/PP/DP not given are filled (core/layout.h layout_fill: the fewest
 * GPUs per replica whose KV pool holds the batch, then DP over the rest);
 * *notes (allocated, may be NULL) says what was filled and why.  Returns 0, or -1 with *cause. */
int setup_build(const Catalog *c, const Setup *s, Scenario *out, char **notes, char **cause);

/* setup_model: load a model by catalog name or path into *m. */
int setup_model(const Catalog *c, const char *name, Model *m, char **cause);

/* Where setup_build_with and setup_cluster get models and presets: each
 * member, when set, replaces setup_model / preset_gpu / preset_fabric /
 * preset_cluster / preset_runtime / calibrate_apply (a cache, or a model made in Lua); NULL
 * members and a NULL loader read the catalog's files.  Same contracts. */
typedef struct SetupLoader {
	void *ud;
	int (*model)(void *ud, const char *name, Model *out, char **cause);
	int (*gpu)(void *ud, const char *name, Gpu *out, char **cause);
	int (*fabric)(void *ud, const char *name, Fabric *out, char **cause);
	int (*cluster)(void *ud, const char *name, Cluster *out, char **cause);
	int (*runtime)(void *ud, const char *name, Runtime *out, char **cause);
	/* replaces calibrate_apply (scenario/calib-apply.h): the same contract */
	int (*calibration)(void *ud, Scenario *s, char **cause);
} SetupLoader;

/* setup_build_with: setup_build with presets from `ld` (may be NULL). */
int setup_build_with(const Catalog *c, const Setup *s, const SetupLoader *ld, Scenario *out,
    char **notes, char **cause);

/* setup_cluster: only the cluster of s (preset, or gpu x gpus / nodes x
 * gpus_per_node) into *out.  Returns 0, or -1 with *cause. */
int setup_cluster(const Catalog *c, const Setup *s, const SetupLoader *ld, Cluster *out,
    char **cause);

#endif
