/* engine.h: serving-engine command lines in and out.  `--from-command
 * 'vllm serve ...'` reads a vLLM, SGLang or TensorRT-LLM command into
 * scenario keys; `--emit ENGINE` writes the command (per node, for
 * multi-node layouts) that realises a scenario.  One flag table per engine
 * (engine-tables.c) drives both directions, so they cannot drift. */
#ifndef SHARDLAB_SCENARIO_ENGINE_H
#define SHARDLAB_SCENARIO_ENGINE_H

#include <stdbool.h>

#include "catalog/catalog.h"
#include "core/params.h"
#include "core/scenario.h"

typedef enum { ENGINE_VLLM, ENGINE_SGLANG, ENGINE_TRTLLM, ENGINE_TRTLLM_BENCH, ENGINE_COUNT } EngineId;

/* How a flag's value becomes a scenario key's text, and back. */
typedef enum {
	ECONV_NUM,              /* the number as it is (tp, batch, mem_util, ...) */
	ECONV_MODEL,            /* a Hugging Face id (hf-ids.tsv), a catalog name or a path */
	ECONV_DTYPE,            /* "auto", "bfloat16", "half", "float32": compute and weights */
	ECONV_KV_DTYPE,         /* "auto" (the compute dtype), "fp8", "fp8_e4m3", "bfloat16" */
	ECONV_QUANT,            /* "fp8", "awq", "gptq", ...: the weights' dtype */
	ECONV_EP_SWITCH,        /* vLLM --enable-expert-parallel: EP = TP x DP */
	ECONV_CHUNKED,          /* chunked prefill on/off: a serving option, noted */
	ECONV_CONTEXT,          /* understood, not a scenario key (nnodes, node rank, ...) */
	ECONV_SPEC_CONFIG,      /* vLLM --speculative-config JSON: method, model, num_speculative_tokens */
	ECONV_SPEC_ALGO,        /* SGLang --speculative-algorithm EAGLE|EAGLE3|NEXTN|STANDALONE */
	ECONV_SPEC_MODEL,       /* SGLang --speculative-draft-model-path: a draft model (STANDALONE)
	                           or an EAGLE/NextN head checkpoint (noted) */
	ECONV_SPEC_NOTE,        /* understood and noted (SGLang --speculative-eagle-topk, ...) */
	ECONV_PREFIX_OFF,       /* prefix caching off (vLLM --no-enable-prefix-caching,
	                           SGLang --disable-radix-cache): prefix_hit 0 */
	ECONV_TP_TOTAL,         /* SGLang --tp-size: with --enable-dp-attention the whole group
	                           (attention TP = tp-size / dp-size), else the TP degree */
	ECONV_DP_ATTENTION,     /* SGLang --enable-dp-attention: attention data-parallel over
	                           dp-size ranks inside one tp-size group, experts over the group */
	ECONV_A2A_BACKEND,      /* SGLang --moe-a2a-backend deepep|none (--enable-deepep-moe: the
	                           switch spelling, .value "deepep"): DeepEP puts the experts over
	                           the whole tp-size group (EP = tp-size) */
	ECONV_VLLM_A2A,         /* vLLM --all2all-backend deepep_high_throughput|deepep_low_latency|
	                           allgather_reducescatter|naive|pplx: ep_mode */
	ECONV_EPLB_CONFIG,      /* vLLM --eplb-config JSON: num_redundant_experts */
	ECONV_EPLB,             /* vLLM --enable-eplb: written when ep_redundant > 0 */
	ECONV_TRT_YAML          /* TensorRT-LLM --extra_llm_api_options FILE: written for attention DP */
} EngineConv;

/* TensorRT-LLM's attention DP lives in the LLM-API YAML: the line --emit
 * writes there and --from-command recognises. */
#define TRTLLM_ADP_YAML_LINE "enable_attention_dp: true"
#define TRTLLM_ADP_YAML_FILE "extra_llm_api_options.yaml"

typedef struct EngineFlag {
	const char *flag;       /* "--tensor-parallel-size"; NULL: the positional model */
	const char *alias;      /* "-tp", or NULL */
	int arity;              /* 0 a switch, 1 takes a value */
	ParamId key;            /* the scenario key it sets (ECONV_NUM, _MODEL, _DTYPE, ...) */
	EngineConv conv;
	bool emit;              /* --emit writes it (one spelling per key) */
	const char *value;      /* ECONV_CHUNKED: "on"/"off"; ECONV_KV_DTYPE: fp8's spelling */
} EngineFlag;

typedef struct EngineDef {
	const char *name;       /* "vllm": --emit's word and the runtime preset */
	const char *label;      /* "vLLM v0.11" */
	const char *command;    /* what --emit writes first: "vllm serve" */
	const char *module;     /* `python -m MODULE` also starts it, or NULL */
	const EngineFlag *flags;
	int n_flags;
	const char *runtime;    /* the runtime preset it runs on */
	bool read_only;         /* read by --from-command, not an --emit target */
} EngineDef;

/* engine_def: the table of engine id. */
const EngineDef *engine_def(EngineId id);

/* engine_find: the id of an --emit word ("vllm", "sglang", "trtllm",
 * "trtllm-bench"), or -1. */
int engine_find(const char *name);

/* One scenario key read from a command. */
typedef struct EngineKey {
	ParamId key;
	char *text;
	char *flag;             /* the flag it came from, for error messages */
} EngineKey;

typedef struct EngineRead {
	EngineId engine;
	EngineKey *keys;
	int n_keys;
	char *ignored;          /* ", "-separated flags not modelled, or NULL */
	char *notes;            /* "; "-separated notes (HF id approximations, chunked prefill) */
	int commands;           /* commands in the text (per-node commands count once each) */
} EngineRead;

/* engine_read: split `text` as a POSIX shell would (quotes, backslash
 * escapes, backslash-newline continuations, '#' comments, env assignments
 * before the command, `python -m`, `mpirun ... trtllm-llmapi-launch`),
 * find the engine by its leading words and map each flag through the
 * engine's table.  Several commands (one per line, or per node) are read:
 * the first gives the keys; for TensorRT-LLM several single-node commands
 * are data-parallel replicas.  Returns 0 with *out filled (free with
 * engine_read_free), or -1 with an allocated one-line *cause naming the
 * word ("unknown model 'x/y'", "--tensor-parallel-size abc: not a number"). */
int engine_read(const Catalog *c, const char *text, EngineRead *out, char **cause);
void engine_read_free(EngineRead *r);

/* engine_emit: the command(s) that realise scenario s on engine id, as
 * shell text ending in a newline (allocated).  Multi-node layouts (TP x PP
 * x DP over more GPUs than a node has) get one command per node: vLLM
 * with Ray (ray start on each node, vllm serve on the head), SGLang with
 * --nnodes/--node-rank/--dist-init-addr, TensorRT-LLM under mpirun with
 * trtllm-llmapi-launch.  Returns NULL with *cause when the model has no
 * Hugging Face id in hf-ids.tsv and is not a path. */
char *engine_emit(const Catalog *c, const Scenario *s, EngineId id, char **cause);

/* engine_hf_lookup: the catalog name of Hugging Face id `id` (the whole id
 * or its last path part, case-insensitive), allocated, or NULL; *note gets
 * the table's note (allocated) or NULL. */
char *engine_hf_lookup(const Catalog *c, const char *id, char **note);

/* engine_hf_id: the first Hugging Face id listed for catalog model `name`
 * (allocated), or NULL. */
char *engine_hf_id(const Catalog *c, const char *name);

#endif
