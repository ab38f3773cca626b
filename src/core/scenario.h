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

/* How the decode attention kernel reads the KV cache under GQA. */
typedef enum {
	/* one pass per KV head, its query heads sharing the load (FlashInfer,
	 * FlashAttention split-KV, TensorRT-LLM XQA, FlashMLA) */
	ATTN_KV_SHARED,
	/* one thread block per query head: each KV head streamed a_q/a_kv
	 * times (TensorRT-LLM masked MHA before XQA; vLLM's legacy
	 * paged_attention_v1/v2 kernels, csrc/attention/attention_kernels.cuh) */
	ATTN_KV_PER_QHEAD
} AttnReuse;

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
	char version[16];               /* engine version the profile describes ("0.11") */
	char attn_kernel[24];           /* decode attention kernel ("flashinfer", "mmha", ...) */
	AttnReuse attn_reuse;
	double attn_bw_fraction;        /* decode attention: fraction of HBM bandwidth at long context */
	double attn_ctx_half;           /* context (tokens per sequence) where it reaches half of that */
	double attn_compute_fraction;   /* prefill attention: fraction of the 16-bit peak */
	double step_overhead_s;         /* host time per engine step not hidden behind the GPU */
	double seq_overhead_s;          /* host time per running sequence per step */
	double request_overhead_s;      /* per request, before its first token (API server, tokenizer) */
	bool cuda_graphs;               /* decode steps replay CUDA graphs */
	double eager_launch_s;          /* per kernel launch without CUDA graphs */
	double custom_ar_max_bytes;     /* largest all-reduce the custom one-/two-shot kernel takes */
	bool ep_dispatch_fp8;           /* EP dispatch in fp8 with scales, combine in bf16 (DeepEP) */
	double moe_imbalance;           /* most-loaded EP rank: sigmas of multinomial routing spread */
	double moe_gemm_efficiency;     /* grouped MoE GEMM rate / the dense GEMMs' (1 = the same) */
	bool cuda_graph_profiled;       /* CUDA-graph memory charged inside the KV budget (vLLM >= 0.21) */
	bool mla_fp8_scales;            /* fp8 MLA cache: per-128 fp32 scales, rope kept in bf16 */
	bool mem_fraction_auto;         /* SGLang: mem_fraction_static from GPU size and TP x PP
	                                   (runtime_mem_fraction); cleared when mem_util is set */
	unsigned kv_dtypes;             /* KV-cache dtypes the engine offers, 1u << Dtype; 0 = any */
	char calibration[HW_NAME_MAX * 2];      /* the calibration preset applied ("h100-sxm-vllm",
	                                           scenario/calib-apply.h), or "" */
} Runtime;

/* How EP dispatch/combine moves tokens (DeepEP's two kernel families,
 * deepseek-ai/DeepEP README "Normal kernels with NVLink and RDMA
 * forwarding" / "Low-latency kernels with pure RDMA"; SGLang
 * --deepep-mode auto|normal|low_latency, server_args.py). */
typedef enum {
	EP_MODE_AUTO,           /* wide EP (the group crosses NVLink domains): normal for prefill,
	                           low-latency for decode, as SGLang's auto does; within one domain
	                           the plain all-to-all (EP_MODE_A2A) */
	EP_MODE_A2A,            /* the engine's plain all-to-all (NCCL; SGLang --moe-a2a-backend
	                           none, vLLM's naive / allgather_reducescatter backends): the
	                           cross-domain share over the NIC, no per-node dedup */
	EP_MODE_NORMAL,         /* high throughput: one RDMA copy per destination node, forwarded
	                           over NVLink inside it */
	EP_MODE_LOW_LATENCY,    /* pure RDMA, one message per token-expert pair, fp8 dispatch */
	EP_MODE_COUNT
} EpMode;

/* ep_mode_name: "auto", "a2a", "normal", "low_latency"; ep_mode_parse the
 * reverse ("low-latency" too; 0, or -1 for an unknown name). */
const char *ep_mode_name(EpMode m);
int ep_mode_parse(const char *name, EpMode *out);

typedef struct Strategy {
	int tp, pp, dp, ep;
	int ep_redundant;       /* redundant expert slots over the EP group (EPLB; SGLang
	                           --ep-num-redundant-experts, vLLM --num-redundant-experts) */
	EpMode ep_mode;         /* EP all-to-all kernels (DeepEP mode) */
	int etp;                /* expert TP; 0 = default (tp when ep == 1, else 1) */
	int micro_batches;      /* 0 = default (pp) */
	Dtype weight_dtype;     /* every linear weight but the routed experts' (and the
	                           embedding/LM head, 16-bit when this is quantized) */
	bool expert_dtype_set;  /* false: the routed experts are in weight_dtype */
	Dtype expert_dtype;     /* the routed experts' weights (gpt-oss: mxfp4) */
	Dtype kv_dtype;
	Dtype act_dtype;        /* compute/activation dtype: bf16 or fp16 */
	int stage_layers[MAX_STAGES];   /* all 0 = even split (vLLM get_pp_indices) */
} Strategy;

/* strategy_expert_dtype: the routed experts' weight dtype (expert_dtype
 * when set, else weight_dtype): per-layer-class precision as checkpoints
 * store it (gpt-oss: experts mxfp4, attention/router/embedding bf16 via
 * quantization_config modules_to_not_convert). */
static inline Dtype
strategy_expert_dtype(const Strategy *st)
{
	return st->expert_dtype_set ? st->expert_dtype : st->weight_dtype;
}

/* strategy_redundant: the redundant expert slots in effect: ep_redundant
 * with EP > 1, none otherwise (EPLB replicates experts over EP ranks;
 * TP-sharded experts have nothing to replicate). */
static inline int
strategy_redundant(const Strategy *st)
{
	return st->ep > 1 && st->ep_redundant > 0 ? st->ep_redundant : 0;
}

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
	/* prefix caching (vLLM automatic prefix caching, SGLang RadixAttention):
	 * the first prefix_len prompt tokens are shared by every request, and a
	 * fraction prefix_hit of requests finds them cached (0 = no sharing) */
	int prefix_len;         /* tokens */
	double prefix_hit;      /* fraction of requests, 0..1 */
	Slo slo;
} Workload;

/* How draft tokens are proposed (speculative decoding). */
typedef enum {
	SPEC_AUTO,              /* draft when a draft model is named, else MTP when the model has
	                           MTP layers, else EAGLE */
	SPEC_DRAFT,             /* a separate draft model (Leviathan et al., arXiv 2211.17192) */
	SPEC_EAGLE,             /* one decoder layer over the target's hidden states + fc 2h -> h,
	                           sharing embedding and LM head (Li et al., arXiv 2401.15077) */
	SPEC_MTP,               /* the checkpoint's multi-token-prediction layer (DeepSeek-V3
	                           report, arXiv 2412.19437, sec. 2.2; num_nextn_predict_layers) */
	SPEC_METHOD_COUNT
} SpecMethod;

/* spec_method_name: "auto", "draft", "eagle", "mtp"; spec_method_parse
 * the reverse (0, or -1 for an unknown name). */
const char *spec_method_name(SpecMethod m);
int spec_method_parse(const char *name, SpecMethod *out);

/* Speculative decoding: off while tokens == 0. */
typedef struct Speculation {
	int tokens;             /* draft tokens per step k (num_speculative_tokens) */
	double accept;          /* per-position acceptance rate a, 0..1 */
	SpecMethod method;      /* as given; eval resolves SPEC_AUTO */
	bool has_draft;         /* draft holds a model (SPEC_DRAFT) */
	Model draft;
} Speculation;

/* How a request's KV cache moves from the prefill pool to the decode pool. */
typedef enum {
	KV_XFER_REQUEST,        /* the whole cache after the prefill ends (SGLang Mooncake/NIXL
	                           backends, vLLM NixlConnector: the decode side pulls the blocks) */
	KV_XFER_LAYER,          /* layer by layer while the prefill runs (Mooncake's layer-wise
	                           streaming, Qin et al., arXiv 2407.00079, sec. 4; LMCache) */
	KV_XFER_MODE_COUNT
} KvXferMode;

/* kv_xfer_mode_name: "request", "layer"; kv_xfer_mode_parse the reverse
 * (0, or -1 for an unknown name). */
const char *kv_xfer_mode_name(KvXferMode m);
int kv_xfer_mode_parse(const char *name, KvXferMode *out);

/* Disaggregated prefill/decode (xPyD): on while prefill_dp > 0.  The
 * scenario's own cluster, strategy and batch are the decode pool's (y =
 * strategy.dp decode instances); the prefill pool is prefill_dp instances
 * of prefill_tp x prefill_pp GPUs, on the cluster's GPUs (same type: both
 * pools share the cluster) or on their own GPUs of type prefill_gpu
 * (NVIDIA Dynamo prefill/decode workers; SGLang --disaggregation-mode
 * prefill|decode; vLLM --kv-transfer-config kv_producer/kv_consumer). */
typedef struct Disagg {
	int prefill_tp, prefill_pp, prefill_dp, prefill_ep;
	bool prefill_gpu_set;   /* false: the cluster's GPU, pools share its GPUs */
	Gpu prefill_gpu;
	Fabric kv_fabric;       /* the fabric between the pools (default: the cluster's inter) */
	double kv_gb_per_s;     /* per-GPU bandwidth override, GB/s (1e9 bytes/s); 0 = the fabric's */
	double kv_latency_s;    /* per-transfer latency override; 0 = the fabric's */
	KvXferMode mode;
} Disagg;

typedef struct Scenario {
	Model model;
	Cluster cluster;
	Runtime runtime;
	Strategy strategy;
	Workload workload;
	Speculation spec;
	Disagg disagg;
} Scenario;

/* disagg_on: s describes a disaggregated deployment (prefill_dp > 0). */
static inline bool
disagg_on(const Scenario *s)
{
	return s->disagg.prefill_dp > 0;
}

/* disagg_prefill_gpus: GPUs of the prefill pool (prefill_tp x prefill_pp
 * x prefill_dp; 0 when off). */
static inline int
disagg_prefill_gpus(const Scenario *s)
{
	const Disagg *d = &s->disagg;
	if (!disagg_on(s))
		return 0;
	return (d->prefill_tp > 0 ? d->prefill_tp : 1) * (d->prefill_pp > 0 ? d->prefill_pp : 1) *
	    d->prefill_dp;
}

/* disagg_decode_gpus: the cluster's GPUs the decode pool may use: all of
 * them when the prefill pool has its own GPU type (prefill_gpu), else
 * those the prefill pool leaves (>= 0). */
static inline int
disagg_decode_gpus(const Scenario *s)
{
	int all = cluster_gpus(&s->cluster);
	if (!disagg_on(s) || s->disagg.prefill_gpu_set)
		return all;
	int left = all - disagg_prefill_gpus(s);
	return left > 0 ? left : 0;
}

/* runtime_mem_fraction: the memory fraction rt applies on GPU g at tp x pp:
 * rt->mem_fraction, or with mem_fraction_auto SGLang's default as
 * sglang/srt/server_args.py _handle_gpu_memory_settings derives it: by
 * GPU memory M (MiB) chunked_prefill_size C and cuda_graph_max_bs G
 * (M < 35 GiB: 2048 and 24|80; < 60 GiB: 4096 and 32|160; < 160 GiB: 8192
 * and 256|512; else 16384 and 512; the second value at tp >= 4), then
 * reserved = 512 + max(C, 2048) * 1.5 + 2 G + tp * pp / 8 * 1024 MiB, at
 * least 10 GiB above 60 GiB, and fraction = round((M - reserved) / M, 3).
 * SGLang reads M from nvidia-smi (a little above cudaMemGetInfo's total,
 * which g->memory_bytes holds: 0.001 lower here on an 80 GB H100). */
double runtime_mem_fraction(const Runtime *rt, const Gpu *g, int tp, int pp);

#endif
