/* scenario.h: everything one evaluation takes: model, cluster, runtime,
 * strategy and workload, by value. */
#ifndef SHARDLAB_CORE_SCENARIO_H
#define SHARDLAB_CORE_SCENARIO_H

#include "dtype.h"
#include "hardware.h"
#include "model.h"

#define MAX_STAGES 128

/* How a serving engine turns its memory fraction into a KV-cache pool. */
typedef enum {
	/* vLLM gpu_memory_utilization: pool = total*frac - weights - activations
	 * - reserve (vllm/v1/worker/gpu_worker.py determine_available_memory). */
	MEM_MODE_TOTAL,
	/* SGLang mem_fraction_static: weights + pool = (total - context - NCCL)
	 * * frac; activations and CUDA graphs use the rest
	 * (sglang/srt/model_executor/model_runner.py profile_max_num_token). */
	MEM_MODE_STATIC,
	/* TensorRT-LLM kv_cache_free_gpu_mem_fraction: pool = frac * (memory free
	 * after weights, activations and reserve) (tensorrt_llm KvCacheConfig). */
	MEM_MODE_FREE
} MemMode;

typedef struct Runtime {
	char name[HW_NAME_MAX];
	MemMode mode;
	double mem_fraction;
	double cuda_context_bytes;
	double cuda_graph_bytes;
	double comm_buffer_bytes;       /* NCCL buffers, charged when TP*PP > 1 */
	int kv_block_tokens;
	int max_num_batched_tokens;
	int max_num_seqs;
	double kernel_floor_s;          /* minimum time per kernel */
	unsigned kv_dtypes;             /* KV-cache dtypes the engine offers, 1u << Dtype; 0 = any */
	char calibration[HW_NAME_MAX * 2];      /* the calibration preset applied ("h100-sxm-vllm",
	                                           scenario/calib-apply.h), or "" */
} Runtime;

typedef struct Strategy {
	int tp, pp, dp, ep;
	int etp;                /* expert TP; 0 = default (tp when ep == 1, else 1) */
	int micro_batches;      /* 0 = default (pp) */
	Dtype weight_dtype;
	Dtype kv_dtype;
	Dtype act_dtype;        /* compute/activation dtype: bf16 or fp16 */
	int stage_layers[MAX_STAGES];   /* all 0 = even split (vLLM get_pp_indices) */
} Strategy;

typedef struct Slo {           /* 0 = not set */
	double ttft_p50_s, ttft_p99_s;
	double tpot_p50_s, tpot_p99_s;
	double rps;             /* target requests/s */
} Slo;

typedef struct Workload {
	int batch;              /* concurrent sequences per replica */
	int input_len;          /* tokens */
	int output_len;         /* tokens */
	int max_batched_tokens; /* 0 = runtime default */
	int max_model_len;      /* 0 = input_len + output_len */
	Slo slo;
} Workload;

typedef struct Scenario {
	Model model;
	Cluster cluster;
	Runtime runtime;
	Strategy strategy;
	Workload workload;
} Scenario;

#endif
