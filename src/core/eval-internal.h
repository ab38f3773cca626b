/* eval-internal.h: state shared by memory.c, latency.c and checks.c during
 * one eval_run.  Lives on eval_run's stack. */
#ifndef SHARDLAB_CORE_EVAL_INTERNAL_H
#define SHARDLAB_CORE_EVAL_INTERNAL_H

#include "eval.h"

typedef struct EvalCtx {
	const Scenario *s;
	const Model *m;
	ModelParams mp;
	int tp, pp, dp, ep, etp, micro;
	double b_w;             /* bytes per linear weight (incl. group scales) */
	double b_x;             /* bytes per routed-expert weight (strategy_expert_dtype) */
	double b_e;             /* bytes per embedding / LM-head weight */
	double b_o;             /* bytes per norm, bias, router weight */
	double b_a;             /* bytes per activation element */
	double b_kv;            /* bytes per KV element */
	double heads_loc;       /* query heads per GPU */
	double kv_heads_loc;    /* ceil(a_kv / tp) */
	double q_loc, out_loc;  /* q and attention-output widths per GPU */
	double kv_w_loc;        /* k (= v) width per GPU, non-MLA */
	double f_loc;           /* dense MLP width per GPU */
	double layer_w_bytes[LAYER_KINDS];      /* weights of one layer per GPU */
	double layer_params[LAYER_KINDS];       /* elements per GPU */
	double mla_kv_bpt;      /* MLA latent cache bytes per token per layer */
	double layer_kv_bpt[LAYER_KINDS];       /* KV bytes per token of one layer per GPU */
	double flops_eff;       /* GEMM peak * its dtype's compute fraction, FLOP/s */
	double flops16_eff;     /* 16-bit peak * fraction: LM head, MLA absorbed BMMs */
	double attn_flops_eff;  /* 16-bit peak * the runtime's attention compute fraction */
	double flops_eff_x;     /* the routed experts' GEMM peak (strategy_expert_dtype) * its fraction */
	double bw_eff;          /* HBM bytes/s * memory_fraction */
	double floor_s;         /* per kernel: the graph floor, or an eager launch */
	double sharp;           /* roofline sharpness p */
	double sms, tile_m, tile_n, tile_m_min;
	double inv_sms, inv_tile_m, inv_tile_n;
	double inv_flops_eff, inv_flops16_eff, inv_bw_eff;      /* 1/x: no divisions per GEMM */
	double inv_moe_flops_eff;       /* grouped MoE GEMMs (runtime moe_gemm_efficiency) */
	double kv_reuse;        /* KV-head reads per KV head per step (1, or a_q/a_kv) */
	double b_dispatch;      /* bytes per element of an EP dispatch (fp8 + scales, or b_a) */
	const Fabric *tp_fabric;
	double mem_fraction;    /* runtime_mem_fraction at this TP x PP */
	int max_model_len;
	int max_batched_tokens;
	/* prefix caching: the shared prefix in whole blocks, the mean cached
	 * tokens per request (Workload prefix_len x prefix_hit) */
	double prefix_tokens, cached_tokens;
	/* speculative decoding: the resolved method, the drafter's weights and
	 * KV per token per GPU (charged to the last stage), and for a draft
	 * model its own context (pp 1, the target's TP) */
	SpecMethod spec;
	int spec_kind;          /* layer kind of an EAGLE/MTP head */
	double spec_w_bytes, spec_kv_bpt;
	const struct EvalCtx *draft;
} EvalCtx;

/* EAGLE's fc (2h -> h) and DeepSeek MTP's eh_proj (2h -> h) are plain
 * nn.Linear in 16 bits, replicated across TP (vllm/model_executor/models/
 * llama_eagle.py self.fc, deepseek_mtp.py self.eh_proj). */
#define SPEC_FC_BYTES 2.0

/* Describes one forward pass over a micro-batch, for latency_layer. */
typedef struct Pass {
	double tokens;          /* new tokens in the pass (T) */
	double seqs;            /* sequences in the pass */
	double pairs_full;      /* query-key pairs per head, full-attention layers */
	double pairs_slide;     /* same, sliding-window layers */
	double kv_read_full;    /* KV tokens read per full layer */
	double kv_read_slide;
	bool decode;            /* MLA runs absorbed (latent) attention in decode */
	ArAlgo ar;              /* out: the per-layer TP all-reduce's algorithm */
	double moe_load;        /* out: most-loaded EP rank / mean */
	EpTraffic ep;           /* out: one MoE layer's dispatch + combine */
} Pass;

/* DeepEP's fp8 dispatch: one byte per channel plus one fp32 scale per 128
 * channels (deepseek-ai/DeepEP README, "FP8 dispatching and BF16
 * combining"; the per-token 1x128 scales of DeepSeek-V3's fp8 recipe,
 * arXiv 2412.19437 sec. 3.3). */
#define EP_FP8_DISPATCH_BYTES (1.0 + 4.0 / 128)

/* latency_ep_mode: the EP kernels a pass uses: the strategy's ep_mode, or
 * for auto DeepEP normal (prefill) / low-latency (decode) when the EP group
 * spans NVLink domains, EP_MODE_A2A (the plain all-to-all) otherwise. */
EpMode latency_ep_mode(const EvalCtx *c, bool decode);
/* latency_ep_nodes: NVLink domains the EP group spans, ceil(EP x expert-TP / domain). */
int latency_ep_nodes(const EvalCtx *c);
/* latency_ep_remote_nodes: expected distinct other nodes a token's k
 * experts land on, uniformly over `nodes` nodes. */
double latency_ep_remote_nodes(double nodes, double k);
/* latency_eplb_factor: the most-loaded rank's spread multiplier with
 * `redundant` replica slots over EP ranks (1 without; >= 1 - EPLB_SPREAD_CUT). */
double latency_eplb_factor(int redundant, int ep);

void memory_init(EvalCtx *c);
void memory_stage(const EvalCtx *c, int stage, StageResult *sr);
void memory_summarise(const EvalCtx *c, Result *r);

void latency_run(const EvalCtx *c, Result *r);

/* memory_spec: the drafter's weights and KV per token per GPU into c
 * (after memory_init of c and of c->draft). */
void memory_spec(EvalCtx *c);

/* latency_spec: speculative decoding's step, TPOT, speed-up and the
 * break-even search's batch limit into r->spec; then latency.tpot_s, e2e
 * and throughput become the speculative ones.  After latency_run. */
void latency_spec(const EvalCtx *c, Result *r);

/* latency_spec_breakeven: the break-even batch of eval_spec_breakeven for
 * c (as eval_run built it) and r (eval_run's result). */
int latency_spec_breakeven(const EvalCtx *c, const Result *r);

/* checks_layout: the layout rules (layout.c) and dtype support, before
 * anything is evaluated; r->etp must be resolved. */
void checks_layout(const Scenario *s, Result *r);
void checks_results(const EvalCtx *c, Result *r);
/* checks_add: append check `id` (severity from the table) with its args. */
void checks_add(Result *r, CheckId id, int stage, CheckArgs a);

/* Attention query-key pairs for a causal prefill of `s` tokens after `ctx`
 * cached tokens, capped by a window `w` (0 = none). */
double attn_pairs_prefill(double s, double ctx, double w);

#endif
