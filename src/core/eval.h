/* eval.h: one evaluation of a Scenario: memory per stage, latency,
 * throughput and checks.  Pure: const inputs, a caller-provided Result, no
 * I/O, no allocation, no globals.  Formulas and sources in memory.c,
 * latency.c and checks.c; ../shared/DESIGN.md "The analytic model". */
#ifndef SHARDLAB_CORE_EVAL_H
#define SHARDLAB_CORE_EVAL_H

#include <stdbool.h>

#include "model.h"
#include "scenario.h"

#define MAX_CHECKS 48

typedef enum { SEV_INFO, SEV_WARN, SEV_ERROR } Severity;

/* The built-in checks, one row each of the table in checks.c (check_def):
 * stable id, severity, structural or not, message.  The id string of each
 * is beside it. */
typedef enum {
	CHECK_GPU_COUNT,        /* layout.gpu_count (structural) */
	CHECK_GPUS_IDLE,        /* layout.gpus_idle */
	CHECK_HEADS_TP,         /* layout.heads_tp (structural) */
	CHECK_KV_HEADS_TP,      /* layout.kv_heads_tp (structural) */
	CHECK_KV_HEADS_REPLICATED, /* layout.kv_heads_replicated */
	CHECK_LAYERS_PP,        /* layout.layers_pp (structural) */
	CHECK_LAYERS_UNEVEN,    /* layout.layers_uneven */
	CHECK_STAGE_LAYERS,     /* layout.stage_layers (structural) */
	CHECK_EXPERTS_EP,       /* layout.experts_ep (structural) */
	CHECK_EP_GROUP,         /* layout.ep_group (structural) */
	CHECK_WIDTH_TP,         /* layout.width_tp (structural) */
	CHECK_TP_SPANS_NODES,   /* layout.tp_spans_nodes */
	CHECK_TP_ALIGN,         /* layout.tp_node_alignment */
	CHECK_MEMORY_FIT,       /* memory.fit */
	CHECK_KV_ROOM,          /* memory.kv_room */
	CHECK_KV_MAX_LEN,       /* memory.kv_max_len */
	CHECK_STATIC_HEADROOM,  /* memory.static_headroom (SGLang) */
	CHECK_CONTEXT_LEN,      /* workload.context_len */
	CHECK_BATCHED_TOKENS,   /* workload.batched_tokens */
	CHECK_BATCH_SEQS,       /* workload.max_num_seqs */
	CHECK_DTYPE_SUPPORT,    /* dtype.support */
	CHECK_FP8_WEIGHT_ONLY,  /* dtype.fp8_weight_only */
	CHECK_SLO_TTFT,         /* slo.ttft */
	CHECK_SLO_TPOT,         /* slo.tpot */
	CHECK_SLO_RPS,          /* slo.rps */
	CHECK_STAGE_IMBALANCE,  /* pipeline.imbalance */
	CHECK_PP_BUBBLE,        /* pipeline.bubble */
	CHECK_EP_LL_TOKENS,     /* ep.low_latency_tokens */
	CHECK_COUNT
} CheckId;

/* A check's numbers, named per check (the member of the union named like
 * the id).  Bytes, seconds, tokens and counts as the names say. */
typedef union CheckArgs {
	struct { int need, have, tp, pp, dp; } gpu_count;
	struct { int used, have, replica_gpus; } gpus_idle;
	struct { int heads, tp; } heads_tp;
	struct { int kv_heads, tp; } kv_heads_tp;
	struct { int kv_heads, tp, copies; } kv_heads_replicated;
	struct { int layers, pp; } layers_pp;
	struct { int layers, pp, fewest, most; } layers_uneven;
	struct { int layers, pp; } stage_layers;
	struct { int experts, ep, redundant; } experts_ep;      /* experts 0: a dense model */
	struct { int ep, etp, tp, dp, expert_width; } ep_group;
	struct { int intermediate, tp; } width_tp;
	struct { int tp, gpus_per_node; } tp_spans_nodes;
	struct { int tp, gpus_per_node; } tp_align;
	struct { double need_bytes, allowed_bytes, weights_bytes, fixed_bytes; } memory_fit;
	struct { double need_bytes, pool_bytes; double seqs; int batch; } kv_room;
	struct { int max_model_len; double pool_tokens; } kv_max_len;
	struct { double need_bytes, room_bytes; } static_headroom;
	struct { int context_tokens, max_position; } context_len;
	struct { int input_tokens, max_batched_tokens; } batched_tokens;
	struct { int batch, max_num_seqs; } batch_seqs;
	struct { Dtype dtype; } dtype_support;
	struct { Dtype dtype; Dtype weight; } fp8_weight_only;  /* missing gemm dtype, weights */
	struct { double ttft_s, slo_s; int percentile; } slo_ttft;
	struct { double tpot_s, slo_s; int percentile, batch; } slo_tpot;
	struct { double requests_per_s, target_per_s; int batch; } slo_rps;
	struct { double slow_s, fast_s; int slow, fast; } stage_imbalance;
	struct { int micro_batches, pp; double bubble; } pp_bubble;
	struct { int tokens, max_tokens; } ep_ll_tokens;        /* per rank per decode step */
} CheckArgs;

/* A check's outcome: the numbers go in a (named per check), the text is
 * made on demand by check_format so that evaluation stays allocation- and
 * printf-free.  severity is always check_def(id)->severity. */
typedef struct Check {
	CheckId id;
	Severity severity;
	int stage;              /* -1 when not about one stage */
	CheckArgs a;
} Check;

/* Time of one phase on one GPU of a stage, split by what bound each
 * operator (roofline: max(FLOPs/peak, bytes/bandwidth) + kernel floor). */
typedef struct PhaseTime {
	double total_s;
	double compute_bound_s;         /* operators where FLOPs dominated */
	double memory_bound_s;          /* operators where bytes dominated */
	double comm_s;                  /* TP all-reduce, EP all-to-all */
	double floor_s;                 /* kernel floors */
	double flops;                   /* per GPU */
	double bytes;                   /* HBM bytes per GPU */
	double comm_bytes;              /* bytes sent per GPU */
	double gemm_flops;              /* useful GEMM FLOPs (2mnk) */
	double gemm_s;                  /* time of those GEMMs (no floors) */
	double attn_s;                  /* attention kernels (no floors) */
	double attn_bytes;              /* KV-cache and q/o bytes they moved */
} PhaseTime;

/* The all-reduce algorithm a collective used (latency.c all_reduce). */
typedef enum {
	AR_NONE,
	AR_ONESHOT,             /* custom kernel: every GPU reads all peers (vLLM 1-stage) */
	AR_TWOSHOT,             /* custom kernel: reduce-scatter + all-gather (vLLM 2-stage) */
	AR_RING,                /* NCCL ring */
	AR_NVLS,                /* NCCL NVLink SHARP (in-switch reduction) */
	AR_HIER,                /* intra-node reduce-scatter, inter-node all-reduce, all-gather */
	AR_COUNT
} ArAlgo;

/* ar_algo_name: "one-shot", "two-shot", "ring", "NVLS", "hierarchical", "none". */
const char *ar_algo_name(ArAlgo a);

/* The passes evaluated for every stage. */
typedef enum {
	PHASE_PREFILL,          /* one request of input_len tokens (TTFT) */
	PHASE_BATCH_PREFILL,    /* one micro-batch of batch*input_len tokens */
	PHASE_DECODE,           /* one decode step of one micro-batch */
	PHASE_COUNT
} Phase;

typedef struct StageResult {
	int first_layer;
	int n_layers;
	int n_kind[LAYER_KINDS];
	bool has_embedding, has_head;
	double params;                  /* per GPU, elements */
	double weights_bytes;
	double kv_bytes_per_token;      /* all layers of the stage, per GPU */
	double kv_bytes_per_token_full; /* full-attention layers only */
	double kv_bytes_per_seq;        /* one sequence of max_model_len (window-capped, whole blocks) */
	double kv_cache_bytes;          /* the workload's need: batch sequences */
	double kv_pool_bytes;           /* what the runtime allocates for KV (>= 0) */
	double kv_pool_shortfall_bytes; /* how far the rest exceeds the budget when no pool is left (>= 0) */
	double draft_bytes;             /* speculative drafter's weights here (the last stage), in weights_bytes */
	double prefix_bytes;            /* the shared prompt prefix's KV, held once, in kv_cache_bytes */
	double activation_bytes;
	double logits_bytes;            /* part of activation_bytes */
	double reserved_bytes;
	double per_gpu_bytes;           /* weights + KV need + activations + reserve */
	double budget_bytes;            /* what the runtime lets weights + KV (+ act + reserve) use */
	double max_kv_tokens;           /* whole blocks */
	double max_concurrent_seqs;
	PhaseTime phase[PHASE_COUNT];   /* per GPU of this stage */
	double send_s[PHASE_COUNT];     /* PP send to the next stage; 0 on the last */
} StageResult;

typedef struct MemorySummary {  /* the fullest stage, DESIGN's memory{} */
	int stage;
	double per_gpu_bytes, weights_bytes, kv_cache_bytes, kv_pool_bytes, kv_pool_shortfall_bytes;
	double activation_bytes, reserved_bytes, capacity_bytes, budget_bytes;
	double kv_bytes_per_token;
	double max_kv_tokens;           /* min over stages */
	double max_concurrent_seqs;     /* min over stages */
} MemorySummary;

/* One MoE layer's EP dispatch + combine on the most-loaded rank
 * (latency.c deepep_a2a / all_to_all). */
typedef struct EpTraffic {
	double nvlink_bytes;            /* bytes over the NVLink domain's fabric */
	double rdma_bytes;              /* bytes over the inter-node NIC */
	double a2a_s;                   /* dispatch + combine time */
} EpTraffic;

/* Attention DP with wide EP: how the experts' all-to-all runs. */
typedef struct EpResult {
	EpMode prefill_mode, decode_mode;       /* resolved: a2a, normal or low_latency */
	int nodes;                      /* NVLink domains the EP group spans */
	int experts_per_gpu;            /* (experts + ep_redundant) / EP */
	double dispatch_bytes_per_token;        /* hidden x top-k x bytes (fp8 + scales under DeepEP) */
	double eplb_factor;             /* the imbalance's spread after redundant experts (1 = none) */
	EpTraffic prefill, decode;      /* per MoE layer: the TTFT pass and one decode step */
} EpResult;

typedef struct Latency {
	double ttft_s;                  /* prefill of one request, idle, all stages */
	double tpot_s;                  /* one decode step at the running batch */
	double batch_prefill_s;         /* batch*input_len tokens through the pipeline */
	double e2e_s;                   /* batch_prefill_s + (output_len-1)*tpot_s */
	double decode_ctx_tokens;       /* mean context during decode */
	ArAlgo decode_ar;               /* the decode step's per-layer TP all-reduce */
	ArAlgo prefill_ar;              /* the TTFT pass's */
	double decode_attn_bw_fraction; /* HBM fraction the decode attention kernel reached */
	double decode_gemm_eff;         /* decode GEMMs: useful FLOPs / (time x peak) */
	double prefill_gemm_eff;        /* TTFT GEMMs: the same */
	double moe_load_factor;         /* most-loaded EP rank's tokens / the mean (1 without EP) */
	double host_step_s;             /* host time per decode step (runtime step + per-seq cost) */
	double host_request_s;          /* host time on TTFT: request overhead + one step */
	EpResult ep;                    /* MoE with EP > 1; zero otherwise */
} Latency;

/* Speculative decoding (Scenario.spec): each step drafts k tokens and
 * verifies them with one target pass over k + 1 tokens per sequence;
 * Leviathan et al. (arXiv 2211.17192, sec. 3.1, eq. 1): with per-position
 * acceptance a, the expected tokens a step yields is (1 - a^(k+1)) / (1 - a).
 * Times are one decode step of the deployment at the scenario's batch. */
typedef struct SpecResult {
	bool on;                        /* spec.tokens > 0 */
	SpecMethod method;              /* resolved: draft, eagle or mtp */
	int tokens;                     /* k */
	double accept;                  /* a */
	double accepted_tokens;         /* tokens per step, the bonus token included */
	double draft_s;                 /* k drafter passes (on the last stage) */
	double verify_s;                /* the target over batch x (k + 1) tokens, host included */
	double step_s;                  /* one speculative step: verify (pipeline) + draft */
	double tpot_plain_s;            /* the same deployment without speculation */
	double tpot_s;                  /* step_s / accepted_tokens (latency.tpot_s then) */
	double speedup;                 /* tpot_plain_s / tpot_s */
	double verify_tokens;           /* tokens of one verify pass per micro-batch */
	double verify_compute_share;    /* of its operator time, the part bound by FLOPs */
	double ridge_tokens;            /* tokens per pass where a weight GEMM turns compute-bound */
	double ridge_batch;             /* the batch whose verify pass has ridge_tokens: ridge / (k + 1) */
	int batch_limit;                /* the largest batch the break-even search looks at: what the KV
	                                   pool holds (at least the scenario's batch), at most
	                                   SPEC_BATCH_MAX; the break-even itself is on demand:
	                                   eval_spec_breakeven */
	double draft_weights_bytes;     /* per GPU of the last stage */
	double draft_kv_bytes_per_token;        /* per GPU of the last stage, in kv_bytes_per_token */
} SpecResult;

/* Largest batch the break-even search of SpecResult looks at (sequences). */
#define SPEC_BATCH_MAX 4096

/* Prefix caching (Workload.prefix_len, prefix_hit): the cached part of a
 * prompt is not computed, its KV is read by the new tokens' attention and
 * held once per replica (vLLM automatic prefix caching caches whole
 * blocks, vllm/v1/core/kv_cache_manager.py get_computed_blocks; the last
 * prompt token is always computed). */
typedef struct PrefixResult {
	double prefix_tokens;           /* the shared prefix in whole KV blocks, below input_len */
	double cached_tokens;           /* per request, mean: prefix_hit x prefix_tokens */
	double computed_tokens;         /* per request, mean: input_len - cached_tokens */
	double ttft_uncached_s;         /* TTFT with nothing cached */
	double ttft_speedup;            /* ttft_uncached_s / latency.ttft_s */
	double shared_kv_bytes;         /* the prefix's KV per GPU (fullest stage), held once */
} PrefixResult;

typedef struct Throughput {
	double tokens_per_s;            /* output tokens/s, all replicas */
	double tokens_per_s_per_gpu;
	double tokens_per_s_per_user;   /* 1 / tpot_s */
	double requests_per_s;
	double mfu;                     /* model FLOPs utilisation in decode */
} Throughput;

typedef enum { EVAL_OK = 0, EVAL_INVALID = 1 } EvalStatus;

typedef struct Result {
	EvalStatus status;              /* INVALID: a structural check failed; latency unset */
	ModelParams params;
	double flops_per_token;         /* forward FLOPs per token at the decode context */
	int gpus_used;                  /* tp*pp*dp */
	int gpus_available;
	int etp;                        /* resolved expert TP */
	int micro_batches;              /* resolved */
	int n_stages;
	StageResult stages[MAX_STAGES];
	MemorySummary memory;
	Latency latency;
	Throughput throughput;
	SpecResult spec;
	PrefixResult prefix;
	bool feasible;                  /* no error-severity check */
	int n_checks;
	Check checks[MAX_CHECKS];
} Result;

/* eval_run: evaluate `s` into `r` (overwritten).  Returns r->status.
 * Structural errors (TP not dividing heads, PP above layers, EP not dividing
 * experts, ...) yield EVAL_INVALID with the reason among r->checks; memory
 * and checks are still filled where they can be. */
EvalStatus eval_run(const Scenario *s, Result *r);

/* eval_compute_dtype: the dtype the GEMMs of s run in: fp8 for fp8
 * weights on a GPU with an fp8 peak (W8A8, vLLM Fp8LinearMethod with
 * cutlass_scaled_mm), fp32 for fp32 weights, else the activation dtype
 * (weight-only int8/int4 compute in 16 bits). */
Dtype eval_compute_dtype(const Scenario *s);

/* eval_peak_flops: the dense peak FLOP/s per GPU that eval's roofline and
 * MFU use: the GPU's peak for eval_compute_dtype, or its fp32 (else fp16)
 * peak when that dtype is unsupported (emulated; dtype.support fails). */
double eval_peak_flops(const Scenario *s);

/* gemm_compute_dtype, gemm_peak_flops: the same two for a GPU and a pair of
 * weight and activation dtypes (search's units, serving's step model):
 * one rule, written once in latency.c. */
Dtype gemm_compute_dtype(const Gpu *g, Dtype weight, Dtype act);
double gemm_peak_flops(const Gpu *g, Dtype weight, Dtype act);

/* eval_weight_bytes: the whole model's weight bytes under st's dtypes (the
 * routed experts in strategy_expert_dtype, the rest in weight_dtype with
 * group scales), for the fill rules and their notes; memory.c's per-stage
 * sums are the exact figures. */
double eval_weight_bytes(const Model *m, const ModelParams *p, const Strategy *st);

/* gemm_time_s: seconds of one m x n x k GEMM in compute dtype `compute`
 * on GPU g moving `bytes` of HBM, plus a kernel floor: the roofline eval
 * uses (latency.c: tile and wave quantization, smooth roofline at the
 * dtype's achievable fraction).  For cross-checks against GEMM benchmarks. */
double gemm_time_s(const Gpu *g, Dtype compute, double m, double n, double k, double bytes, double floor_s);

/* gpu_compute_fraction: the achievable fraction of g's peak for GEMMs in
 * compute dtype d: the preset's compute_fraction_by_dtype entry (MAMF of
 * that dtype, e.g. H100 fp8 70.9%), else its 16-bit compute_fraction. */
double gpu_compute_fraction(const Gpu *g, Dtype d);

/* eval_prefix_tokens: the shared prefix that prefix caching can serve,
 * in tokens: min(prefix_len, input_len - 1) floored to whole KV blocks
 * (vllm/v1/core/kv_cache_manager.py get_computed_blocks: full blocks
 * only, the last prompt token always computed).  eval_cached_tokens: the
 * mean per request, prefix_hit times that. */
double eval_prefix_tokens(const Scenario *s);
double eval_cached_tokens(const Scenario *s);

/* eval_spec_method: the drafter s->spec resolves to: the given method, or
 * for SPEC_AUTO a draft model when one is named, else the model's MTP
 * layers when it has them, else EAGLE heads. */
SpecMethod eval_spec_method(const Scenario *s);

/* eval_spec_breakeven: the smallest batch (sequences per replica) from
 * which speculative decoding as s->spec sets it stops paying (speed-up
 * below 1), looking at batches up to r->spec.batch_limit; 0 when it pays at
 * every one of them, or when speculation is off or r is not a valid
 * result.  r must be eval_run(s)'s.  Doubling then bisection over the
 * speculative step of latency.c, ~2 log2(batch_limit) step evaluations
 * (~5 us): the front ends that show it (explain, the
 * latency.spec.breakeven_batch field, the TUI, the report) ask for it,
 * eval_run does not compute it.  Pure. */
int eval_spec_breakeven(const Scenario *s, const Result *r);

/* spec_accepted_tokens: expected tokens one speculative step yields with
 * k draft tokens at per-position acceptance a (Leviathan et al., arXiv
 * 2211.17192, eq. 1): (1 - a^(k+1)) / (1 - a); k + 1 at a = 1, 1 at k = 0. */
double spec_accepted_tokens(int k, double a);

/* eval_etp: the expert-TP degree the strategy resolves to. */
int eval_etp(const Strategy *st);

/* eval_ep_mode: the EP all-to-all scenario s's prefill (decode false) or
 * decode step runs: strategy.ep_mode, or for auto DeepEP normal (prefill) /
 * low-latency (decode) when the EP group (EP x expert-TP GPUs) spans NVLink
 * domains, EP_MODE_A2A within one domain and without EP (latency.c's rule;
 * the engines' emitted flags follow it).  Pure. */
EpMode eval_ep_mode(const Scenario *s, bool decode);

/* eval_micro_batches: the micro-batch count the strategy resolves to. */
int eval_micro_batches(const Strategy *st);

/* eval_micro_split: a batch of `batch` sequences in `micro` micro-batches
 * (vLLM V1 batch_queue, GPipe): *mb_seqs = ceil(batch / micro) sequences
 * each; returns how many micro-batches that makes, ceil(batch / *mb_seqs)
 * (fewer than micro when micro does not divide batch: 9 in 4 -> 3 of 3). */
int eval_micro_split(double batch, int micro, double *mb_seqs);

/* PipeSchedule: how latency.c puts a phase's figure together from its
 * stages (GPipe, Huang et al., arXiv 1811.06965, sec. 2.2), with the host
 * time the runtime adds; the timeline screen and --explain read it, so
 * they show the figure eval computed. */
typedef struct PipeSchedule {
	int micro_batches;      /* m: micro-batches of the phase (1 for TTFT) */
	double mb_seqs;         /* sequences per micro-batch */
	double path_s;          /* one micro-batch through every stage, PP sends included */
	double slowest_s;       /* the slowest stage, its send included */
	double gpu_s;           /* prefill: path + (m-1) x slowest; decode: the period
	                           max(path, m x slowest) */
	double host_s;          /* host time: request + one step (TTFT); request + m steps
	                           (batch prefill); one step of a micro-batch (decode) */
	double total_s;         /* the figure: ttft_s; batch_prefill_s; decode
	                           max(path + host, m x max(slowest, host)) = tpot_s
	                           before speculation */
} PipeSchedule;

/* eval_pipe_schedule: phase ph's schedule for result r of scenario s
 * (r from eval_run, status EVAL_OK; its stage times and micro_batches). */
void eval_pipe_schedule(const Scenario *s, const Result *r, Phase ph, PipeSchedule *out);

/* eval_stage_split: layers per stage into layers[pp] (even split with the
 * remainder on the stages before the last, as vLLM get_pp_indices in
 * vllm/distributed/utils.py).  Returns 0 or -1 when the custom split does
 * not sum to n_layers or has an empty stage. */
int eval_stage_split(const Strategy *st, int n_layers, int *layers);

/* The most keys one fix sets. */
#define CHECK_FIX_KEYS 4

/* A fix as data: the scenario keys to set (core/params.h ids, as `:set`,
 * the CLI and Lua name them) and to what, applied together as one edit.
 * A text value for string keys (dtype), else the number. */
typedef struct CheckFixKey {
	int key;                /* a ParamId */
	double value;
	const char *text;       /* static or borrowed from the scenario fixed; NULL for numbers */
} CheckFixKey;

typedef struct CheckFix {
	int n;
	CheckFixKey set[CHECK_FIX_KEYS];
} CheckFix;

/* One row of the check table: what every front end (eval text and JSON,
 * Lua, the TUI, audit, search, the man page) takes a check's id, severity
 * and message from. */
typedef struct CheckDef {
	const char *id;         /* stable id, "memory.fit" */
	Severity severity;      /* the only severity this check reports */
	bool structural;        /* failing makes the layout unusable: EVAL_INVALID */
	const char *summary;    /* one line for shardlab(1) CHECKS */
	/* the message with its numbers and, where there is one, a checked fix */
	int (*format)(const Scenario *s, const Result *r, const Check *c, char *buf, unsigned long n);
	const char *option;     /* the CLI option a structural check is about, or NULL */
	/* the fix one key applies, as keys to set (NULL: none as data); the
	 * caller re-evaluates it (check_fix) before offering it */
	bool (*fix)(const Scenario *s, const Result *r, const Check *c, CheckFix *out);
} CheckDef;

/* check_def: the table row of `id`; NULL when id >= CHECK_COUNT. */
const CheckDef *check_def(CheckId id);

/* check_find_id: the CheckId whose stable id is `name`, or CHECK_COUNT. */
CheckId check_find_id(const char *name);

/* check_id_name: stable id ("memory.fit"); "?" when out of range. */
const char *check_id_name(CheckId id);

/* check_structural: true when a failing check makes the layout unusable
 * (an impossible layout rather than a failed plan). */
bool check_structural(CheckId id);

/* severity_name: "error", "warn", "info". */
const char *severity_name(Severity s);

/* check_format: the check's message with its numbers and a fix, into
 * buf[n] (always NUL-terminated).  Returns the length snprintf would give.
 * A fix is only offered once re-evaluating it shows that it passes. */
int check_format(const Scenario *s, const Result *r, const Check *c, char *buf, unsigned long n);

/* check_fix_apply: scenario s with fix f applied into *out, as the
 * scenario layer's one refill rule applies the same keys (a TP takes PP
 * and DP along: layout_with_tp; a PP refills DP; a 16-bit weight dtype
 * computes in it).  Returns 0, or -1 when a value is out of bounds. */
int check_fix_apply(const Scenario *s, const CheckFix *f, Scenario *out);

/* check_fix: the fix of check c (on s, evaluated into r) as data into
 * *out, offered only when re-evaluating s with it applied shows check c's
 * id gone (and the layout valid).  `work` and `scratch` are the caller's
 * room for the trial.  Returns true when there is such a fix. */
bool check_fix(const Scenario *s, const Result *r, const Check *c, CheckFix *out, Scenario *work,
    Result *scratch);

/* check_fix_text: the fix as "tp 4, dp 2" into buf[n]; returns buf. */
char *check_fix_text(const CheckFix *f, char *buf, unsigned long n);

#endif
