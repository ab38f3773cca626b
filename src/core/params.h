/* params.h: the one table of scenario keys, numeric and string (name,
 * type, unit, bounds, step, default, whether it changes the hardware,
 * completion kind, preset alias, help).  It drives the CLI options, the
 * TUI's sliders, `:set` and its completion, Lua's evaluate{}/cluster{}
 * keys, scenario presets and save/load, and the man page's PARAMETERS
 * section (tmux options-table.c). */
#ifndef SHARDLAB_CORE_PARAMS_H
#define SHARDLAB_CORE_PARAMS_H

#include <stdbool.h>
#include <stddef.h>

#include "scenario.h"

/* spec_tokens' largest k, which `search --spec K` takes too: SGLang
 * --speculative-num-steps, vLLM num_speculative_tokens; 16 is beyond any
 * published setting (EAGLE-3 uses up to 8 steps) */
#define PARAM_SPEC_TOKENS_MAX 16

/* The numeric keys that live in a Scenario come first (PARAM_COUNT of
 * them: param_get/param_set apply); the keys that name things (and the
 * GPU count, which only builds a cluster) follow, up to PARAM_KEY_COUNT. */
typedef enum {
	PARAM_TP, PARAM_PP, PARAM_DP, PARAM_EP, PARAM_ETP, PARAM_MICRO_BATCHES,
	PARAM_BATCH, PARAM_INPUT_LEN, PARAM_OUTPUT_LEN, PARAM_MAX_BATCHED_TOKENS,
	PARAM_MAX_MODEL_LEN, PARAM_MEM_UTIL,
	PARAM_NODES, PARAM_GPUS_PER_NODE, PARAM_NVLINK_DOMAIN,
	PARAM_TTFT_P50, PARAM_TTFT_P99, PARAM_TPOT_P50, PARAM_TPOT_P99, PARAM_RPS,
	PARAM_PREFIX_LEN, PARAM_PREFIX_HIT, PARAM_SPEC_TOKENS, PARAM_SPEC_ACCEPT,
	PARAM_PREFILL_TP, PARAM_PREFILL_PP, PARAM_PREFILL_DP, PARAM_PREFILL_EP,
	PARAM_KV_TRANSFER_BW, PARAM_KV_TRANSFER_LATENCY,
	PARAM_EP_REDUNDANT,
	PARAM_COUNT,
	PARAM_MODEL = PARAM_COUNT, PARAM_CLUSTER, PARAM_GPU, PARAM_GPUS, PARAM_RUNTIME,
	PARAM_DTYPE, PARAM_EXPERT_DTYPE, PARAM_KV_DTYPE, PARAM_ACT_DTYPE, PARAM_STAGE_LAYERS,
	PARAM_SPEC_METHOD, PARAM_SPEC_MODEL,
	PARAM_PREFILL_GPU, PARAM_KV_TRANSFER, PARAM_KV_TRANSFER_MODE,
	PARAM_EP_MODE,
	PARAM_KEY_COUNT
} ParamId;

typedef enum { PARAM_T_INT, PARAM_T_REAL, PARAM_T_STRING } ParamType;

/* What Tab offers for a key's value (ui/cmdline.c). */
typedef enum {
	COMPLETE_VALUE_NONE, COMPLETE_VALUE_MODEL, COMPLETE_VALUE_CLUSTER, COMPLETE_VALUE_GPU,
	COMPLETE_VALUE_RUNTIME, COMPLETE_VALUE_DTYPE, COMPLETE_VALUE_KV_DTYPE,
	COMPLETE_VALUE_ACT_DTYPE, COMPLETE_VALUE_SPEC_METHOD, COMPLETE_VALUE_FABRIC,
	COMPLETE_VALUE_KV_XFER_MODE, COMPLETE_VALUE_EP_MODE
} ParamComplete;

typedef struct ParamDef {
	const char *name;       /* "tp"; CLI option --tp, Lua key tp, `:set tp` */
	const char *unit;       /* "GPUs", "tokens", "s", "req/s", "fraction"; "" for strings */
	double min, max, step, def;     /* numeric keys; def 0 of a string key: none */
	bool integer;
	const char *help;
	ParamType type;
	const char *arg;        /* the value in the CLI's help: "N", "NAME|PATH", "TYPE" */
	bool hardware;          /* changes the hardware: the layout is refilled (setup.h) */
	ParamComplete complete;
	const char *alias;      /* another name presets use ("ttft_p99_s"), or NULL */
	const char *def_text;   /* a string key's default as the man page says it, or NULL */
	const char *label;      /* the short label screens show ("input": the TUI's slider and
	                           field), which `:set` also takes (param_label_find); NULL: name */
} ParamDef;

/* param_def: the table entry for id (any id < PARAM_KEY_COUNT). */
const ParamDef *param_def(ParamId id);

/* param_find: id of a numeric scenario parameter `name` (dashes read as
 * underscores, the alias too), or -1.  Only ids < PARAM_COUNT. */
int param_find(const char *name);

/* param_name_normalize: name with '-' as '_' ("max-model-len" ->
 * "max_model_len") into out[n], the one spelling rule of keys and
 * calibration parameters; -1 when it does not fit. */
int param_name_normalize(const char *name, char *out, size_t n);

/* param_key_find: id of any key (numeric or string), or -1. */
int param_key_find(const char *name);

/* param_label: id's short label for screens (ParamDef.label), else its name. */
const char *param_label(ParamId id);

/* param_label_find: param_key_find, else the key whose label is `name`
 * (case aside, '_' or '-' for its spaces: "input", "spec_k", "mem-frac"),
 * for the TUI's `:set` and `:KEY`; -1 when neither. */
int param_label_find(const char *name);

/* param_get: the current value of id (< PARAM_COUNT) in s. */
double param_get(const Scenario *s, ParamId id);

/* param_set: validate v against the table and store it (id < PARAM_COUNT).
 * Returns 0, or -1 with a reason ("must be >= 1") in why[n]. */
int param_set(Scenario *s, ParamId id, double v, char *why, size_t n);

/* param_parse: parse text ("8", "1.5", "500ms", "2k", "32768") for id,
 * then param_set.  Returns 0 or -1 with why. */
int param_parse(Scenario *s, ParamId id, const char *text, char *why, size_t n);

/* param_parse_number: text as a value of numeric key id (suffixes as
 * param_parse), checked against its bounds into *v.  Returns 0 or -1. */
int param_parse_number(ParamId id, const char *text, double *v, char *why, size_t n);

/* param_check_number: v within the bounds of numeric key id (any numeric
 * id, PARAM_GPUS too).  Returns 0 or -1 with why. */
int param_check_number(ParamId id, double v, char *why, size_t n);

/* param_check_text: the value of string key id is well formed (a known
 * dtype for the dtype keys, "N,N,..." for stage_layers, not empty);
 * names of models, clusters, GPUs and runtimes are checked when the
 * scenario is built.  Returns 0 or -1 with why. */
int param_check_text(ParamId id, const char *text, char *why, size_t n);

/* param_keys_text: every key's name, ", "-separated, into buf[n]. */
void param_keys_text(char *buf, size_t n);

#endif
