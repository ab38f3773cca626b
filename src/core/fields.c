/* fields.c: the field table; see fields.h. */
#include "fields.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "explain-fns.h"
#include "units.h"

/* ---- getters ------------------------------------------------------------ */

static FieldValue
num(double v)
{
	return (FieldValue){ .kind = FIELD_NUM, .num = v };
}

static FieldValue
str(const char *v)
{
	return (FieldValue){ .kind = FIELD_STR, .str = v };
}

static FieldValue
flag(bool v)
{
	return (FieldValue){ .kind = FIELD_BOOL, .flag = v };
}

/* What the scenario echoes (FIELD_SCENARIO rows). */
enum {
	S_MODEL_NAME, S_MODEL_ARCH, S_LAYERS, S_HIDDEN, S_HEADS, S_KV_HEADS, S_HEAD_DIM, S_EXPERTS,
	S_TOP_K, S_CL_NAME, S_CL_GPU, S_CL_NODES, S_CL_GPN, S_CL_DOMAIN, S_CL_GPUS, S_CL_MEM, S_CL_HBM, S_CL_INTRA,
	S_CL_INTER, S_CL_PEAK, S_RT_NAME, S_RT_FRACTION, S_RT_BLOCK, S_RT_CALIB, S_TP, S_PP, S_DP, S_EP, S_DTYPE,
	S_EXPERT_DTYPE,
	S_KV_DTYPE, S_ACT_DTYPE, S_COMPUTE_DTYPE, S_BATCH, S_INPUT, S_OUTPUT, S_MAX_LEN, S_MAX_BATCHED,
	S_EP_REDUNDANT, S_EP_MODE
};

static FieldValue
get_scenario(const Scenario *s, const Result *r, int stage, int arg)
{
	const Model *m = &s->model;
	const Cluster *cl = &s->cluster;
	const Strategy *st = &s->strategy;
	const Workload *w = &s->workload;

	(void)r;
	(void)stage;
	switch (arg) {
	case S_MODEL_NAME: return str(m->name);
	case S_MODEL_ARCH: return str(m->arch);
	case S_LAYERS: return num(m->n_layers);
	case S_HIDDEN: return num(m->hidden);
	case S_HEADS: return num(m->n_heads);
	case S_KV_HEADS: return num(m->n_kv_heads);
	case S_HEAD_DIM: return num(m->head_dim);
	case S_EXPERTS: return num(m->n_experts);
	case S_TOP_K: return num(m->top_k);
	case S_CL_NAME: return str(cl->name);
	case S_CL_GPU: return str(cl->gpu.name);
	case S_CL_NODES: return num(cl->nodes);
	case S_CL_GPN: return num(cl->gpus_per_node);
	case S_CL_DOMAIN: return num(cluster_nvlink_domain(cl));
	case S_CL_GPUS: return num(cluster_gpus(cl));
	case S_CL_MEM: return num(cl->gpu.memory_bytes);
	case S_CL_HBM: return num(cl->gpu.hbm_bytes_per_s);
	case S_CL_INTRA: return str(cl->intra.name);
	case S_CL_INTER: return str(cl->inter.name);
	case S_CL_PEAK: return num(eval_peak_flops(s));
	case S_RT_NAME: return str(s->runtime.name);
	case S_RT_FRACTION: return num(s->runtime.mem_fraction);
	case S_RT_CALIB: return str(s->runtime.calibration);
	case S_RT_BLOCK: return num(s->runtime.kv_block_tokens);
	case S_TP: return num(st->tp);
	case S_PP: return num(st->pp);
	case S_DP: return num(st->dp);
	case S_EP: return num(st->ep);
	case S_DTYPE: return str(dtype_name(st->weight_dtype));
	case S_EXPERT_DTYPE: return str(dtype_name(strategy_expert_dtype(st)));
	case S_KV_DTYPE: return str(dtype_name(st->kv_dtype));
	case S_ACT_DTYPE: return str(dtype_name(st->act_dtype));
	case S_COMPUTE_DTYPE: return str(dtype_name(eval_compute_dtype(s)));
	case S_EP_REDUNDANT: return num(st->ep_redundant);
	case S_EP_MODE: return str(ep_mode_name(st->ep_mode));
	case S_BATCH: return num(w->batch);
	case S_INPUT: return num(w->input_len);
	case S_OUTPUT: return num(w->output_len);
	case S_MAX_LEN: return num(w->max_model_len > 0 ? w->max_model_len : w->input_len + w->output_len);
	case S_MAX_BATCHED:
	default: return num(w->max_batched_tokens > 0 ? w->max_batched_tokens :
		s->runtime.max_num_batched_tokens);
	}
}

/* Figures of the Result as a whole. */
enum {
	R_PARAMS_TOTAL, R_PARAMS_ACTIVE, R_FLOPS_PER_TOKEN, R_ETP, R_MICRO, R_GPUS, R_MEM_STAGE,
	R_TTFT, R_TPOT, R_BATCH_PREFILL, R_E2E, R_DECODE_CTX,
	R_TOK_S, R_TOK_S_GPU, R_TOK_S_USER, R_RPS, R_MFU
};

static FieldValue
get_result(const Scenario *s, const Result *r, int stage, int arg)
{
	(void)s;
	(void)stage;
	switch (arg) {
	case R_PARAMS_TOTAL: return num(r->params.total);
	case R_PARAMS_ACTIVE: return num(r->params.active);
	case R_FLOPS_PER_TOKEN: return num(r->flops_per_token);
	case R_ETP: return num(r->etp);
	case R_MICRO: return num(r->micro_batches);
	case R_GPUS: return num(r->gpus_used);
	case R_MEM_STAGE: return num(r->memory.stage);
	case R_TTFT: return num(r->latency.ttft_s);
	case R_TPOT: return num(r->latency.tpot_s);
	case R_BATCH_PREFILL: return num(r->latency.batch_prefill_s);
	case R_E2E: return num(r->latency.e2e_s);
	case R_DECODE_CTX: return num(r->latency.decode_ctx_tokens);
	case R_TOK_S: return num(r->throughput.tokens_per_s);
	case R_TOK_S_GPU: return num(r->throughput.tokens_per_s_per_gpu);
	case R_TOK_S_USER: return num(r->throughput.tokens_per_s_per_user);
	case R_RPS: return num(r->throughput.requests_per_s);
	case R_MFU:
	default: return num(r->throughput.mfu);
	}
}

/* Memory figures: stage -1 is the memory{} summary (the fullest stage; KV
 * capacity the minimum over stages), else that stage. */
enum {
	M_PER_GPU, M_WEIGHTS, M_KV_CACHE, M_KV_POOL, M_ACT, M_RESERVED, M_CAPACITY, M_BUDGET,
	M_KV_BPT, M_MAX_KV_TOKENS, M_MAX_SEQS, M_SHORTFALL, M_DRAFT, M_PREFIX
};

static FieldValue
get_memory(const Scenario *s, const Result *r, int stage, int arg)
{
	const MemorySummary *ms = &r->memory;
	const StageResult *sr = &r->stages[stage >= 0 ? stage : ms->stage];

	(void)s;
	if (stage < 0) {
		switch (arg) {
		case M_MAX_KV_TOKENS: return num(ms->max_kv_tokens);
		case M_MAX_SEQS: return num(ms->max_concurrent_seqs);
		default: break;
		}
	}
	switch (arg) {
	case M_PER_GPU: return num(sr->per_gpu_bytes);
	case M_WEIGHTS: return num(sr->weights_bytes);
	case M_KV_CACHE: return num(sr->kv_cache_bytes);
	case M_KV_POOL: return num(sr->kv_pool_bytes);
	case M_ACT: return num(sr->activation_bytes);
	case M_RESERVED: return num(sr->reserved_bytes);
	case M_CAPACITY: return num(ms->capacity_bytes);
	case M_BUDGET: return num(sr->budget_bytes);
	case M_KV_BPT: return num(sr->kv_bytes_per_token);
	case M_MAX_KV_TOKENS: return num(sr->max_kv_tokens);
	case M_MAX_SEQS: return num(sr->max_concurrent_seqs);
	case M_DRAFT: return num(sr->draft_bytes);
	case M_PREFIX: return num(sr->prefix_bytes);
	case M_SHORTFALL:
	default: return num(sr->kv_pool_shortfall_bytes);
	}
}

/* Attention DP with expert parallelism (r->latency.ep). */
enum {
	E_PREFILL_MODE, E_DECODE_MODE, E_NODES, E_EXPERTS_GPU, E_DISPATCH_BPT, E_EPLB,
	E_DEC_A2A, E_DEC_NVL, E_DEC_RDMA, E_DEC_SHARE, E_PRE_A2A, E_PRE_NVL, E_PRE_RDMA, E_PRE_SHARE
};

static const char *
ep_resolved_name(EpMode m, bool on)
{
	return !on ? "off" : ep_mode_name(m);
}

static double
nvlink_share(const EpTraffic *t)
{
	double all = t->nvlink_bytes + t->rdma_bytes;
	return all > 0 ? t->nvlink_bytes / all : 0;
}

static FieldValue
get_ep(const Scenario *s, const Result *r, int stage, int arg)
{
	const EpResult *e = &r->latency.ep;
	bool on = e->nodes > 0;

	(void)s;
	(void)stage;
	switch (arg) {
	case E_PREFILL_MODE: return str(ep_resolved_name(e->prefill_mode, on));
	case E_DECODE_MODE: return str(ep_resolved_name(e->decode_mode, on));
	case E_NODES: return num(e->nodes);
	case E_EXPERTS_GPU: return num(e->experts_per_gpu);
	case E_DISPATCH_BPT: return num(e->dispatch_bytes_per_token);
	case E_EPLB: return num(on ? e->eplb_factor : 1);
	case E_DEC_A2A: return num(e->decode.a2a_s);
	case E_DEC_NVL: return num(e->decode.nvlink_bytes);
	case E_DEC_RDMA: return num(e->decode.rdma_bytes);
	case E_DEC_SHARE: return num(nvlink_share(&e->decode));
	case E_PRE_A2A: return num(e->prefill.a2a_s);
	case E_PRE_NVL: return num(e->prefill.nvlink_bytes);
	case E_PRE_RDMA: return num(e->prefill.rdma_bytes);
	case E_PRE_SHARE:
	default: return num(nvlink_share(&e->prefill));
	}
}

/* Speculative decoding and prefix caching (r->spec, r->prefix). */
enum {
	X_SPEC_ON, X_SPEC_METHOD, X_SPEC_TOKENS, X_SPEC_ACCEPT, X_SPEC_ACCEPTED, X_SPEC_DRAFT,
	X_SPEC_VERIFY, X_SPEC_STEP, X_SPEC_PLAIN, X_SPEC_TPOT, X_SPEC_SPEEDUP, X_SPEC_VTOKENS,
	X_SPEC_VCOMPUTE, X_SPEC_RIDGE, X_SPEC_RIDGE_BATCH, X_SPEC_BREAKEVEN, X_SPEC_WEIGHTS,
	X_SPEC_KV_BPT, X_SPEC_LIMIT,
	X_PFX_TOKENS, X_PFX_CACHED, X_PFX_COMPUTED, X_PFX_TTFT_UNCACHED, X_PFX_SPEEDUP, X_PFX_KV
};

static FieldValue
get_spec(const Scenario *s, const Result *r, int stage, int arg)
{
	const SpecResult *x = &r->spec;
	const PrefixResult *p = &r->prefix;

	(void)s;
	(void)stage;
	switch (arg) {
	case X_SPEC_ON: return flag(x->on);
	case X_SPEC_METHOD: return str(x->on ? spec_method_name(x->method) : "off");
	case X_SPEC_TOKENS: return num(x->tokens);
	case X_SPEC_ACCEPT: return num(x->accept);
	case X_SPEC_ACCEPTED: return num(x->on ? x->accepted_tokens : 1);
	case X_SPEC_DRAFT: return num(x->draft_s);
	case X_SPEC_VERIFY: return num(x->verify_s);
	case X_SPEC_STEP: return num(x->on ? x->step_s : r->latency.tpot_s);
	case X_SPEC_PLAIN: return num(x->on ? x->tpot_plain_s : r->latency.tpot_s);
	case X_SPEC_TPOT: return num(r->latency.tpot_s);
	case X_SPEC_SPEEDUP: return num(x->on ? x->speedup : 1);
	case X_SPEC_VTOKENS: return num(x->verify_tokens);
	case X_SPEC_VCOMPUTE: return num(x->verify_compute_share);
	case X_SPEC_RIDGE: return num(x->ridge_tokens);
	case X_SPEC_RIDGE_BATCH: return num(x->ridge_batch);
	case X_SPEC_BREAKEVEN: return num(eval_spec_breakeven(s, r));      /* on demand */
	case X_SPEC_WEIGHTS: return num(x->draft_weights_bytes);
	case X_SPEC_KV_BPT: return num(x->draft_kv_bytes_per_token);
	case X_SPEC_LIMIT: return num(x->batch_limit);
	case X_PFX_TOKENS: return num(p->prefix_tokens);
	case X_PFX_CACHED: return num(p->cached_tokens);
	case X_PFX_COMPUTED: return num(p->computed_tokens);
	case X_PFX_TTFT_UNCACHED: return num(p->ttft_uncached_s);
	case X_PFX_SPEEDUP: return num(p->ttft_speedup);
	case X_PFX_KV:
	default: return num(p->shared_kv_bytes);
	}
}

/* A stage's own figures (the stages[] rows); stage is >= 0. */
enum { G_STAGE, G_LAYERS, G_FIRST, G_EMBEDDING, G_HEAD, G_PARAMS };

static FieldValue
get_stage(const Scenario *s, const Result *r, int stage, int arg)
{
	const StageResult *sr = &r->stages[stage >= 0 ? stage : r->memory.stage];

	(void)s;
	switch (arg) {
	case G_STAGE: return num(stage >= 0 ? stage : r->memory.stage);
	case G_LAYERS: return num(sr->n_layers);
	case G_FIRST: return num(sr->first_layer);
	case G_EMBEDDING: return flag(sr->has_embedding);
	case G_HEAD: return flag(sr->has_head);
	case G_PARAMS:
	default: return num(sr->params);
	}
}

/* A phase's split on one GPU of a stage: arg = phase * P_N + item. */
enum { P_TIME, P_COMPUTE, P_MEMORY, P_COMM, P_FLOOR, P_SEND, P_FLOPS, P_BYTES, P_N };

static FieldValue
get_phase(const Scenario *s, const Result *r, int stage, int arg)
{
	const StageResult *sr = &r->stages[stage >= 0 ? stage : r->memory.stage];
	int ph = arg / P_N;
	const PhaseTime *p = &sr->phase[ph];

	(void)s;
	switch (arg % P_N) {
	case P_TIME: return num(p->total_s);
	case P_COMPUTE: return num(p->compute_bound_s);
	case P_MEMORY: return num(p->memory_bound_s);
	case P_COMM: return num(p->comm_s);
	case P_FLOOR: return num(p->floor_s);
	case P_SEND: return num(sr->send_s[ph]);
	case P_FLOPS: return num(p->flops);
	case P_BYTES:
	default: return num(p->bytes);
	}
}

/* ---- the table ------------------------------------------------------------ */

/* A label with a longer title: L2("KV/token", "KV per token"). */
#define L2(lab, ttl) lab, .title = ttl
#define SCN(p, lab, k, d, a, h) { .path = p, .label = lab, .section = FSEC_##k, .kind = FIELD_NUM, \
	.dim = d, .flags = FIELD_SCENARIO, .get = get_scenario, .arg = a, .help = h }
/* an input figure where more is better (claiming more is optimistic) */
#define SCN_HI(p, lab, k, d, a, h) { .path = p, .label = lab, .section = FSEC_##k, .kind = FIELD_NUM, \
	.dim = d, .better = BETTER_HIGHER, .flags = FIELD_SCENARIO, .get = get_scenario, .arg = a, .help = h }
#define SCN_STR(p, lab, k, a, h) { .path = p, .label = lab, .section = FSEC_##k, .kind = FIELD_STR, \
	.dim = DIM_TEXT, .flags = FIELD_SCENARIO, .get = get_scenario, .arg = a, .help = h }
#define RES(p, lab, k, d, b, a, e, h) { .path = p, .label = lab, .section = FSEC_##k, .kind = FIELD_NUM, \
	.dim = d, .better = BETTER_##b, .get = get_result, .arg = a, .explain = e, .help = h }
/* a result figure with an error band from the residual set of kind bd */
#define RESB(p, lab, k, d, b, a, e, bd, h) { .path = p, .label = lab, .section = FSEC_##k, \
	.kind = FIELD_NUM, .dim = d, .better = BETTER_##b, .get = get_result, .arg = a, .explain = e, \
	.band = BAND_##bd, .help = h }
#define MEM(p, lab, d, b, a, e, h) { .path = p, .label = lab, .section = FSEC_MEMORY, .kind = FIELD_NUM, \
	.dim = d, .better = BETTER_##b, .flags = FIELD_PER_STAGE, .get = get_memory, .arg = a, \
	.explain = e, .help = h }
#define SPX(p, lab, kd, d, b, a, e, h) { .path = p, .label = lab, .section = FSEC_LATENCY, .kind = kd, \
	.dim = d, .better = BETTER_##b, .get = get_spec, .arg = a, .explain = e, .help = h }
/* a figure computed from the scenario on demand (not by eval_run) */
#define SPXS(p, lab, kd, d, b, a, e, h) { .path = p, .label = lab, .section = FSEC_LATENCY, .kind = kd, \
	.dim = d, .better = BETTER_##b, .flags = FIELD_SCENARIO, .get = get_spec, .arg = a, .explain = e, \
	.help = h }
/* the same with an error band from the residual set of kind bd */
#define SPXB(p, lab, kd, d, b, a, e, bd, h) { .path = p, .label = lab, .section = FSEC_LATENCY, \
	.kind = kd, .dim = d, .better = BETTER_##b, .get = get_spec, .arg = a, .explain = e, \
	.band = BAND_##bd, .help = h }
#define EPX(p, lab, kd, d, b, a, h) { .path = p, .label = lab, .section = FSEC_LATENCY, .kind = kd, \
	.dim = d, .better = BETTER_##b, .get = get_ep, .arg = a, .help = h }
/* the all-to-all's times, explained (explain_ep names every latency.ep figure) */
#define EPT(p, lab, a, bd, h) { .path = p, .label = lab, .section = FSEC_LATENCY, .kind = FIELD_NUM, \
	.dim = DIM_SECONDS, .better = BETTER_LOWER, .get = get_ep, .arg = a, .explain = explain_ep, \
	.band = BAND_##bd, .help = h }
#define EPS(p, lab, a, h) { .path = p, .label = lab, .section = FSEC_LATENCY, .kind = FIELD_STR, \
	.dim = DIM_TEXT, .get = get_ep, .arg = a, .help = h }
#define STG(p, lab, kd, d, a, h) { .path = p, .label = lab, .section = FSEC_STAGES, .kind = kd, \
	.dim = d, .get = get_stage, .arg = a, .help = h }
#define PHASE(ph, name, key, lab, d, item, h) { .path = "stages." name "." key, .label = lab, \
	.section = FSEC_STAGES, .kind = FIELD_NUM, .dim = d, .better = BETTER_NONE, .get = get_phase, \
	.arg = (ph) * P_N + (item), .help = h }
#define PHASES(ph, name, what) \
	PHASE(ph, name, "time_s", what " time", DIM_SECONDS, P_TIME, \
	    "the " what " pass on one GPU of the stage, its PP send excluded"), \
	PHASE(ph, name, "compute_bound_s", what " compute-bound", DIM_SECONDS, P_COMPUTE, \
	    "the part of it in operators bound by FLOPs (peak x compute fraction)"), \
	PHASE(ph, name, "memory_bound_s", what " memory-bound", DIM_SECONDS, P_MEMORY, \
	    "the part of it in operators bound by HBM bytes (bandwidth x memory fraction)"), \
	PHASE(ph, name, "comm_s", what " communication", DIM_SECONDS, P_COMM, \
	    "TP all-reduce and EP all-to-all time in it"), \
	PHASE(ph, name, "kernel_floor_s", what " kernel floors", DIM_SECONDS, P_FLOOR, \
	    "kernel launch floors in it"), \
	PHASE(ph, name, "pp_send_s", what " PP send", DIM_SECONDS, P_SEND, \
	    "the point-to-point send to the next stage (0 on the last)"), \
	PHASE(ph, name, "flops", what " FLOPs", DIM_FLOPS, P_FLOPS, "FLOPs per GPU in the pass"), \
	PHASE(ph, name, "hbm_bytes", what " HBM bytes", DIM_BYTES, P_BYTES, "HBM bytes moved per GPU in the pass")
#define SRV(p, lab, kd, d, b, h) { .path = "serving." p, .label = lab, .section = FSEC_SERVING, \
	.kind = kd, .dim = d, .better = BETTER_##b, .flags = FIELD_SERVING, .help = h }
#define SRVB(p, lab, d, b, bd, h) { .path = "serving." p, .label = lab, .section = FSEC_SERVING, \
	.kind = FIELD_NUM, .dim = d, .better = BETTER_##b, .flags = FIELD_SERVING, .band = BAND_##bd, \
	.help = h }

const ResultField field_table[] = {
	SCN_STR("model.name", "model", MODEL, S_MODEL_NAME, "catalog name or config path stem"),
	SCN_STR("model.arch", "arch", MODEL, S_MODEL_ARCH, "Hugging Face model_type"),
	RES("model.params_total", "params", MODEL, DIM_COUNT, NONE, R_PARAMS_TOTAL, explain_params_total,
	    "parameters of the model"),
	RES("model.params_active", "active", MODEL, DIM_COUNT, NONE, R_PARAMS_ACTIVE, explain_params_active,
	    "parameters active per token: top-k and shared experts (MoE)"),
	SCN("model.layers", "layers", MODEL, DIM_COUNT, S_LAYERS, "transformer layers"),
	SCN("model.hidden", "hidden", MODEL, DIM_COUNT, S_HIDDEN, "hidden size h"),
	SCN("model.heads", "heads", MODEL, DIM_COUNT, S_HEADS, "attention (query) heads"),
	SCN("model.kv_heads", "KV heads", MODEL, DIM_COUNT, S_KV_HEADS, "key/value heads"),
	SCN("model.head_dim", "head dim", MODEL, DIM_COUNT, S_HEAD_DIM, "dimension of one head"),
	SCN("model.experts", "experts", MODEL, DIM_COUNT, S_EXPERTS, "routed experts per MoE layer (0: dense)"),
	SCN("model.experts_per_token", "top-k", MODEL, DIM_COUNT, S_TOP_K, "experts routed per token"),
	RES("model.flops_per_token", "FLOPs/tok", MODEL, DIM_FLOPS, LOWER, R_FLOPS_PER_TOKEN,
	    explain_flops_per_token, "forward FLOPs per token at the decode context: 2 x active matmul "
	    "parameters + attention"),

	SCN_STR("cluster.name", "cluster", CLUSTER, S_CL_NAME, "cluster preset"),
	SCN_STR("cluster.gpu", "GPU", CLUSTER, S_CL_GPU, "GPU type"),
	SCN("cluster.nodes", "nodes", CLUSTER, DIM_COUNT, S_CL_NODES, "nodes"),
	SCN("cluster.gpus_per_node", "GPUs/node", CLUSTER, DIM_COUNT, S_CL_GPN, "GPUs per node"),
	SCN("cluster.nvlink_domain", "NVLink domain", CLUSTER, DIM_COUNT, S_CL_DOMAIN,
	    "GPUs in one NVLink domain (the node, or 72 on GB200/GB300 NVL72): TP and EP groups "
	    "within it use the intra fabric"),
	SCN_HI("cluster.gpus", "GPUs", CLUSTER, DIM_COUNT, S_CL_GPUS, "GPUs in the cluster"),
	SCN_HI("cluster.gpu_memory_bytes", "GPU memory", CLUSTER, DIM_BYTES, S_CL_MEM,
	    "one GPU's memory as the driver exposes it"),
	SCN_HI("cluster.hbm_bytes_per_s", "HBM", CLUSTER, DIM_BYTES_PER_S, S_CL_HBM,
	    "one GPU's datasheet memory bandwidth"),
	SCN_STR("cluster.intra_fabric", "intra", CLUSTER, S_CL_INTRA, "fabric inside an NVLink domain (a node, or an NVL72 rack)"),
	SCN_STR("cluster.inter_fabric", "inter", CLUSTER, S_CL_INTER, "fabric between NVLink domains"),
	SCN_HI("cluster.peak_flops", "peak", CLUSTER, DIM_FLOP_PER_S, S_CL_PEAK,
	    "the dense peak per GPU that the roofline and MFU use: that of strategy.compute_dtype"),

	SCN_STR("runtime.name", "runtime", RUNTIME, S_RT_NAME, "serving engine profile"),
	SCN("runtime.mem_fraction", "mem fraction", RUNTIME, DIM_FRACTION, S_RT_FRACTION,
	    "memory fraction the engine may use, applied as its mode says"),
	SCN("runtime.kv_block_tokens", "KV block", RUNTIME, DIM_COUNT, S_RT_BLOCK, "tokens per KV block"),
	SCN_STR("runtime.calibration", "calibration", RUNTIME, S_RT_CALIB,
	    "the calibration preset applied (calibrations/GPU-ENGINE.lua, `shardlab calibrate`), or \"\""),

	SCN("strategy.tp", "TP", STRATEGY, DIM_COUNT, S_TP, "tensor-parallel degree"),
	SCN("strategy.pp", "PP", STRATEGY, DIM_COUNT, S_PP, "pipeline-parallel degree (stages)"),
	SCN("strategy.dp", "DP", STRATEGY, DIM_COUNT, S_DP, "data-parallel replicas"),
	SCN("strategy.ep", "EP", STRATEGY, DIM_COUNT, S_EP, "expert-parallel degree"),
	SCN("strategy.ep_redundant", "redundant experts", STRATEGY, DIM_COUNT, S_EP_REDUNDANT,
	    "redundant expert slots over the EP group (EPLB)"),
	SCN_STR("strategy.ep_mode", "EP mode", STRATEGY, S_EP_MODE,
	    "EP all-to-all kernels as set: auto, a2a, normal, low_latency (DeepEP)"),
	RES("strategy.etp", "expert TP", STRATEGY, DIM_COUNT, NONE, R_ETP, NULL, "expert-TP degree as resolved"),
	RES("strategy.micro_batches", "micro-batches", STRATEGY, DIM_COUNT, NONE, R_MICRO, NULL,
	    "pipeline micro-batches as resolved"),
	RES("strategy.gpus", "GPUs used", STRATEGY, DIM_COUNT, LOWER, R_GPUS, NULL,
	    "GPUs the layout uses: TP x PP x DP"),
	SCN_STR("strategy.dtype", "weights", STRATEGY, S_DTYPE, "weight dtype"),
	SCN_STR("strategy.expert_dtype", "expert weights", STRATEGY, S_EXPERT_DTYPE,
	    "the routed experts' weight dtype (gpt-oss: mxfp4; else the weight dtype)"),
	SCN_STR("strategy.kv_dtype", "KV dtype", STRATEGY, S_KV_DTYPE, "KV-cache dtype"),
	SCN_STR("strategy.act_dtype", "activations", STRATEGY, S_ACT_DTYPE, "activation dtype"),
	SCN_STR("strategy.compute_dtype", "compute", STRATEGY, S_COMPUTE_DTYPE,
	    "the dtype the GEMMs run in: fp8 for fp8 and w4a8 weights where the GPU has an fp8 peak, "
	    "nvfp4/mxfp4 where it has an FP4 peak (Blackwell), else the activation dtype"),

	SCN("workload.batch", "batch", WORKLOAD, DIM_COUNT, S_BATCH, "concurrent sequences per replica"),
	SCN("workload.input_len", "input", WORKLOAD, DIM_COUNT, S_INPUT, "input tokens per request"),
	SCN("workload.output_len", "output", WORKLOAD, DIM_COUNT, S_OUTPUT, "output tokens per request"),
	SCN("workload.max_model_len", "max len", WORKLOAD, DIM_COUNT, S_MAX_LEN,
	    "longest sequence the engine admits"),
	SCN("workload.max_batched_tokens", "batched tokens", WORKLOAD, DIM_COUNT, S_MAX_BATCHED,
	    "tokens per engine step (max_num_batched_tokens)"),

	STG("stages.stage", "stage", FIELD_NUM, DIM_COUNT, G_STAGE, "stage index"),
	STG("stages.layers", "layers", FIELD_NUM, DIM_COUNT, G_LAYERS, "layers of the stage"),
	STG("stages.first_layer", "first layer", FIELD_NUM, DIM_COUNT, G_FIRST, "the stage's first layer"),
	STG("stages.embedding", "embedding", FIELD_BOOL, DIM_BOOL, G_EMBEDDING, "the stage holds the embedding"),
	STG("stages.lm_head", "LM head", FIELD_BOOL, DIM_BOOL, G_HEAD, "the stage holds the LM head"),
	STG("stages.params_per_gpu", "params/GPU", FIELD_NUM, DIM_COUNT, G_PARAMS,
	    "parameters per GPU of the stage"),

	MEM("memory.per_gpu_bytes", "memory per GPU", DIM_BYTES, LOWER, M_PER_GPU, explain_per_gpu,
	    "weights + KV cache for the workload + activations + reserve, per GPU"),
	MEM("memory.weights_bytes", "weights per GPU", DIM_BYTES, LOWER, M_WEIGHTS, explain_weights_bytes,
	    "weights per GPU"),
	MEM("memory.kv_cache_bytes", "KV per GPU", DIM_BYTES, LOWER, M_KV_CACHE, explain_kv_cache,
	    "KV cache the workload needs per GPU: batch sequences of input + output tokens"),
	MEM("memory.kv_pool_bytes", "KV pool", DIM_BYTES, HIGHER, M_KV_POOL, explain_kv_pool,
	    "KV cache the runtime allocates per GPU (never negative; see kv_pool_shortfall_bytes)"),
	MEM("memory.activation_bytes", "activations", DIM_BYTES, LOWER, M_ACT, explain_activation,
	    "transient activation peak per GPU, logits included"),
	MEM("memory.reserved_bytes", "reserve", DIM_BYTES, LOWER, M_RESERVED, explain_reserved,
	    "CUDA context, CUDA graphs and communication buffers per GPU"),
	MEM("memory.capacity_bytes", "capacity", DIM_BYTES, HIGHER, M_CAPACITY, NULL,
	    "one GPU's memory"),
	MEM("memory.budget_bytes", "budget", DIM_BYTES, HIGHER, M_BUDGET, NULL,
	    "what the runtime lets the model use per GPU"),
	MEM("memory.kv_bytes_per_token", L2("KV/token", "KV per token"), DIM_BYTES, LOWER, M_KV_BPT, explain_kv_bytes_per_token,
	    "KV-cache bytes per token per GPU, all layers of the stage"),
	MEM("memory.max_kv_tokens", "KV tokens", DIM_COUNT, HIGHER, M_MAX_KV_TOKENS, explain_max_kv_tokens,
	    "tokens the KV pool holds, in whole blocks (memory{}: the minimum over stages)"),
	MEM("memory.max_concurrent_seqs", L2("seqs", "max sequences"), DIM_COUNT, HIGHER, M_MAX_SEQS, explain_max_seqs,
	    "sequences of input + output tokens the KV pool holds (memory{}: the minimum over stages)"),
	MEM("memory.kv_pool_shortfall_bytes", "KV short", DIM_BYTES, LOWER, M_SHORTFALL, explain_kv_shortfall,
	    "how far weights, activations and reserve exceed the budget when no KV pool is left (0 when it fits)"),
	MEM("memory.draft_bytes", "draft", DIM_BYTES, LOWER, M_DRAFT, explain_spec_memory,
	    "speculative decoding's drafter weights per GPU (the last stage), in weights_bytes"),
	MEM("memory.prefix_bytes", "prefix KV", DIM_BYTES, NONE, M_PREFIX, explain_prefix_memory,
	    "the shared prompt prefix's KV per GPU, held once, in kv_cache_bytes"),
	RES("memory.stage", "stage", MEMORY, DIM_COUNT, NONE, R_MEM_STAGE, NULL,
	    "the fullest stage, whose figures memory{} shows"),

	PHASES(PHASE_PREFILL, "prefill", "prefill"),
	PHASES(PHASE_DECODE, "decode", "decode"),

	RESB("latency.ttft_s", "TTFT", LATENCY, DIM_SECONDS, LOWER, R_TTFT, explain_ttft, PREFILL,
	    "time to first token: prefill of one request on an idle deployment, all stages"),
	RESB("latency.tpot_s", "TPOT", LATENCY, DIM_SECONDS, LOWER, R_TPOT, explain_tpot, DECODE,
	    "time per output token: one decode step at the running batch"),
	RESB("latency.batch_prefill_s", "prefill", LATENCY, DIM_SECONDS, LOWER, R_BATCH_PREFILL,
	    explain_batch_prefill, PREFILL, "prefill of a whole batch through the pipeline"),
	RESB("latency.e2e_s", "e2e", LATENCY, DIM_SECONDS, LOWER, R_E2E, explain_e2e, E2E,
	    "batch prefill + (output_len - 1) decode steps"),
	RES("latency.decode_context_tokens", "context", LATENCY, DIM_COUNT, NONE, R_DECODE_CTX, NULL,
	    "mean context during decode: input + output / 2"),
	SPX("latency.prefix.prefix_tokens", "prefix", FIELD_NUM, DIM_COUNT, NONE, X_PFX_TOKENS,
	    NULL, "the shared prefix that can be cached: whole KV blocks, below input_len"),
	SPX("latency.prefix.cached_tokens", "cached", FIELD_NUM, DIM_COUNT, HIGHER, X_PFX_CACHED,
	    NULL, "prompt tokens per request found cached (mean: prefix_hit x prefix_tokens)"),
	SPX("latency.prefix.computed_tokens", "computed", FIELD_NUM, DIM_COUNT, LOWER, X_PFX_COMPUTED,
	    NULL, "prompt tokens per request the prefill computes: input_len - cached"),
	SPXB("latency.prefix.ttft_uncached_s", "TTFT uncached", FIELD_NUM, DIM_SECONDS, LOWER,
	    X_PFX_TTFT_UNCACHED, explain_prefix, PREFILL, "TTFT with nothing cached"),
	SPX("latency.prefix.ttft_speedup", "TTFT gain", FIELD_NUM, DIM_RATIO, HIGHER, X_PFX_SPEEDUP,
	    NULL, "ttft_uncached_s / ttft_s"),
	EPS("latency.ep.prefill_mode", "EP prefill", E_PREFILL_MODE,
	    "the prefill's EP all-to-all: normal, low_latency (DeepEP), a2a (plain all-to-all), off"),
	EPS("latency.ep.decode_mode", "EP decode", E_DECODE_MODE,
	    "the decode step's EP all-to-all: normal, low_latency (DeepEP), a2a (plain all-to-all), off"),
	EPX("latency.ep.nodes", "EP domains", FIELD_NUM, DIM_COUNT, NONE, E_NODES,
	    "NVLink domains (nodes) the EP group spans; 0 without EP"),
	EPX("latency.ep.experts_per_gpu", L2("exp/GPU", "experts per GPU"), FIELD_NUM, DIM_COUNT, NONE, E_EXPERTS_GPU,
	    "routed expert slots per GPU: (experts + ep_redundant) / EP"),
	EPX("latency.ep.dispatch_bytes_per_token", L2("dispatch/token", "dispatch bytes per token"),
	    FIELD_NUM, DIM_BYTES, LOWER, E_DISPATCH_BPT,
	    "one token's dispatch, all its experts: hidden x top-k x bytes (fp8 + scales under DeepEP)"),
	EPX("latency.ep.eplb_factor", "EPLB factor", FIELD_NUM, DIM_RATIO, LOWER, E_EPLB,
	    "the most-loaded rank's spread multiplier after redundant experts (1 = none)"),
	EPT("latency.ep.decode_a2a_s", L2("EP a2a", "EP all-to-all per decode layer"),
	    E_DEC_A2A, DECODE, "one MoE layer's dispatch + combine in a decode step, most-loaded rank"),
	EPX("latency.ep.decode_nvlink_bytes", "a2a NVLink", FIELD_NUM, DIM_BYTES, NONE, E_DEC_NVL,
	    "bytes of that all-to-all over NVLink"),
	EPX("latency.ep.decode_rdma_bytes", "a2a RDMA", FIELD_NUM, DIM_BYTES, NONE, E_DEC_RDMA,
	    "bytes of that all-to-all over the inter-node NIC"),
	EPX("latency.ep.decode_nvlink_share", "a2a NVLink share", FIELD_NUM, DIM_FRACTION, NONE, E_DEC_SHARE,
	    "NVLink's share of the decode all-to-all bytes"),
	EPT("latency.ep.prefill_a2a_s", L2("a2a prefill", "EP all-to-all per prefill layer"),
	    E_PRE_A2A, PREFILL, "one MoE layer's dispatch + combine in the TTFT prefill"),
	EPX("latency.ep.prefill_nvlink_bytes", "prefill a2a NVLink", FIELD_NUM, DIM_BYTES, NONE, E_PRE_NVL,
	    "bytes of that all-to-all over NVLink"),
	EPX("latency.ep.prefill_rdma_bytes", "prefill a2a RDMA", FIELD_NUM, DIM_BYTES, NONE, E_PRE_RDMA,
	    "bytes of that all-to-all over the inter-node NIC"),
	EPX("latency.ep.prefill_nvlink_share", "prefill NVLink share", FIELD_NUM, DIM_FRACTION, NONE,
	    E_PRE_SHARE, "NVLink's share of the prefill all-to-all bytes"),
	SPX("latency.spec.on", "speculative", FIELD_BOOL, DIM_BOOL, NONE, X_SPEC_ON, NULL,
	    "speculative decoding is on (spec_tokens > 0)"),
	SPX("latency.spec.method", "drafter", FIELD_STR, DIM_TEXT, NONE, X_SPEC_METHOD, NULL,
	    "draft (a draft model), eagle (one head layer), mtp (the model's MTP layers), or off"),
	SPX("latency.spec.draft_tokens", "k", FIELD_NUM, DIM_COUNT, NONE, X_SPEC_TOKENS, NULL,
	    "draft tokens per step"),
	SPX("latency.spec.acceptance", "accept", FIELD_NUM, DIM_FRACTION, HIGHER, X_SPEC_ACCEPT, NULL,
	    "per-position acceptance rate"),
	SPX("latency.spec.accepted_tokens", L2("tokens/step", "tokens per step"), FIELD_NUM, DIM_RATIO,
	    HIGHER, X_SPEC_ACCEPTED, NULL, "expected tokens per verify step: (1 - a^(k+1)) / (1 - a)"),
	SPXB("latency.spec.draft_s", "draft", FIELD_NUM, DIM_SECONDS, LOWER, X_SPEC_DRAFT, explain_spec,
	    DECODE, "k drafter passes per step"),
	SPXB("latency.spec.verify_s", "verify", FIELD_NUM, DIM_SECONDS, LOWER, X_SPEC_VERIFY, explain_spec,
	    DECODE, "the target's pass over batch x (k + 1) tokens, host included"),
	SPXB("latency.spec.step_s", "spec step", FIELD_NUM, DIM_SECONDS, LOWER, X_SPEC_STEP, explain_spec,
	    DECODE, "one speculative step: draft + verify"),
	SPXB("latency.spec.tpot_plain_s", "TPOT plain", FIELD_NUM, DIM_SECONDS, LOWER, X_SPEC_PLAIN,
	    explain_spec, DECODE, "TPOT of the same deployment without speculation"),
	SPX("latency.spec.speedup", "spec gain", FIELD_NUM, DIM_RATIO, HIGHER, X_SPEC_SPEEDUP,
	    NULL, "tpot_plain_s / tpot_s at the scenario's batch (below 1: it costs)"),
	SPX("latency.spec.verify_tokens", "verify tokens", FIELD_NUM, DIM_COUNT, NONE, X_SPEC_VTOKENS,
	    NULL, "tokens of one verify pass per micro-batch: batch x (k + 1)"),
	SPX("latency.spec.verify_compute_share", "verify compute", FIELD_NUM, DIM_FRACTION, NONE,
	    X_SPEC_VCOMPUTE, NULL, "of the verify pass's operator time, the part bound by FLOPs"),
	SPX("latency.spec.ridge_tokens", "ridge", FIELD_NUM, DIM_COUNT, NONE, X_SPEC_RIDGE, NULL,
	    "tokens per pass where a weight GEMM turns compute-bound: FLOP/s x b_w / (2 x bytes/s)"),
	SPX("latency.spec.ridge_batch", "ridge batch", FIELD_NUM, DIM_COUNT, NONE, X_SPEC_RIDGE_BATCH,
	    NULL, "the batch whose verify pass reaches the ridge: ridge_tokens / (k + 1)"),
	SPXS("latency.spec.breakeven_batch", "break-even", FIELD_NUM, DIM_COUNT, HIGHER, X_SPEC_BREAKEVEN,
	    NULL, "smallest batch where speculation stops paying (speed-up < 1); 0: none up to batch_limit"),
	SPX("latency.spec.batch_limit", "batch limit", FIELD_NUM, DIM_COUNT, NONE, X_SPEC_LIMIT, NULL,
	    "the largest batch the break-even search looks at: what the KV pool holds, at most 4,096"),
	SPX("latency.spec.draft_weights_bytes", "draft weights", FIELD_NUM, DIM_BYTES, LOWER, X_SPEC_WEIGHTS,
	    NULL, "the drafter's weights per GPU of the last stage"),
	SPX("latency.spec.draft_kv_bytes_per_token", "draft KV/token", FIELD_NUM, DIM_BYTES, LOWER,
	    X_SPEC_KV_BPT, NULL, "the drafter's KV per token per GPU, in memory.kv_bytes_per_token"),

	RESB("throughput.tokens_per_s", "tokens/s", THROUGHPUT, DIM_TOKENS_PER_S, HIGHER, R_TOK_S,
	    explain_tokens_per_s, THROUGHPUT, "output tokens/s of all replicas, static batches"),
	RESB("throughput.tokens_per_s_per_gpu", L2("per GPU", "tokens/s per GPU"), THROUGHPUT, DIM_TOKENS_PER_S, HIGHER, R_TOK_S_GPU,
	    explain_tokens_per_gpu, THROUGHPUT, "tokens_per_s / GPUs used"),
	RESB("throughput.tokens_per_s_per_user", "per user", THROUGHPUT, DIM_TOKENS_PER_S, HIGHER,
	    R_TOK_S_USER, NULL, THROUGHPUT, "1 / tpot_s"),
	RESB("throughput.requests_per_s", L2("req/s", "requests/s"), THROUGHPUT, DIM_REQ_PER_S, HIGHER, R_RPS, explain_requests, THROUGHPUT,
	    "tokens_per_s / output_len"),
	RESB("throughput.mfu", "MFU", THROUGHPUT, DIM_FRACTION, HIGHER, R_MFU, explain_mfu, THROUGHPUT,
	    "model FLOPs utilisation: tokens/s x FLOPs per token / (GPUs x cluster.peak_flops)"),

	SRV("model", "model", FIELD_STR, DIM_TEXT, NONE, "the queueing model in one line"),
	SRV("replicas", "replicas", FIELD_NUM, DIM_COUNT, NONE, "DP replicas serving"),
	SRVB("capacity_rps", "capacity", DIM_REQ_PER_S, HIGHER, THROUGHPUT,
	    "highest stable request rate, all replicas"),
	SRV("capacity_limit", "capacity limit", FIELD_STR, DIM_TEXT, NONE, "what limits the capacity"),
	SRVB("rate_max_rps", "max rate", DIM_REQ_PER_S, HIGHER, THROUGHPUT,
	    "highest request rate within the SLOs, all replicas"),
	SRV("limit", "limit", FIELD_STR, DIM_TEXT, NONE, "what stops a higher rate"),
	SRV("target_rps", "target", FIELD_NUM, DIM_REQ_PER_S, NONE, "the rate SLO (0: none)"),
	SRV("meets_slos", "meets SLOs", FIELD_BOOL, DIM_BOOL, HIGHER, "every SLO holds at the target rate"),
	SRV("missed", "missed", FIELD_STR, DIM_TEXT, NONE, "the SLO or limit missed, or none"),
	SRV("at_target.rate_rps_per_replica", "rate/replica", FIELD_NUM, DIM_REQ_PER_S, NONE,
	    "the operating point's rate per replica (target, else the highest within SLOs)"),
	SRV("at_target.load", "load", FIELD_NUM, DIM_FRACTION, LOWER, "rate / capacity"),
	SRV("at_target.stable", "stable", FIELD_BOOL, DIM_BOOL, HIGHER, "load < 1"),
	SRV("at_target.heavy_load", "heavy", FIELD_BOOL, DIM_BOOL, LOWER,
	    "load above 0.8: the figures are rough"),
	SRV("at_target.batch_mean", "batch", FIELD_NUM, DIM_COUNT, NONE, "mean running sequences"),
	SRVB("at_target.step_s", "step", DIM_SECONDS, LOWER, SERVING, "mean engine step"),
	SRVB("at_target.wait_s", "queue", DIM_SECONDS, LOWER, SERVING, "mean wait before prefill starts"),
	SRVB("at_target.ttft_p50_s", "TTFT p50", DIM_SECONDS, LOWER, SERVING, "median time to first token"),
	SRVB("at_target.ttft_p99_s", "TTFT p99", DIM_SECONDS, LOWER, SERVING, "p99 time to first token"),
	SRVB("at_target.tpot_p50_s", "TPOT p50", DIM_SECONDS, LOWER, SERVING, "median time per output token"),
	SRVB("at_target.tpot_p99_s", "TPOT p99", DIM_SECONDS, LOWER, SERVING, "p99 time per output token"),
	SRVB("at_target.tokens_per_s", "tokens/s", DIM_TOKENS_PER_S, HIGHER, THROUGHPUT,
	    "output tokens/s at the operating point, all replicas"),
	/* disaggregated prefill/decode (core/disagg.h); only when prefill_dp > 0 */
	SRV("disagg.prefill_gpu", "prefill GPU", FIELD_STR, DIM_TEXT, NONE, "GPU type of the prefill pool"),
	SRV("disagg.prefill_instances", "xP", FIELD_NUM, DIM_COUNT, NONE, "prefill instances (prefill_dp)"),
	SRV("disagg.prefill_gpus_per_instance", "P GPUs/inst", FIELD_NUM, DIM_COUNT, NONE,
	    "GPUs per prefill instance: prefill_tp x prefill_pp"),
	SRV("disagg.prefill_gpus", "P GPUs", FIELD_NUM, DIM_COUNT, LOWER, "GPUs of the prefill pool"),
	SRV("disagg.decode_instances", "yD", FIELD_NUM, DIM_COUNT, NONE, "decode instances (dp)"),
	SRV("disagg.decode_gpus_per_instance", "D GPUs/inst", FIELD_NUM, DIM_COUNT, NONE,
	    "GPUs per decode instance: tp x pp"),
	SRV("disagg.decode_gpus", "D GPUs", FIELD_NUM, DIM_COUNT, LOWER, "GPUs of the decode pool"),
	SRV("disagg.gpus", "GPUs", FIELD_NUM, DIM_COUNT, LOWER, "GPUs of both pools"),
	SRV("disagg.prefill_batch", "P batch", FIELD_NUM, DIM_COUNT, NONE,
	    "requests per prefill step: max_num_batched_tokens / prompt tokens"),
	SRVB("disagg.prefill_s", "prefill", DIM_SECONDS, LOWER, SERVING,
	    "one request's idle prefill on a prefill instance (its TTFT before the transfer)"),
	SRVB("disagg.prefill_service_s", "P service", DIM_SECONDS, LOWER, SERVING,
	    "prefill time per request in a full prefill step (1 / instance capacity)"),
	SRVB("disagg.prefill_capacity_rps", "P capacity", DIM_REQ_PER_S, HIGHER, THROUGHPUT,
	    "requests/s the prefill pool sustains"),
	SRVB("disagg.decode_capacity_rps", "D capacity", DIM_REQ_PER_S, HIGHER, THROUGHPUT,
	    "requests/s the decode pool sustains at its batch cap"),
	SRVB("disagg.capacity_rps", "capacity", DIM_REQ_PER_S, HIGHER, THROUGHPUT,
	    "the deployment's: min(prefill pool, decode pool)"),
	SRV("disagg.limit", "limited by", FIELD_STR, DIM_TEXT, NONE, "the pool with the smaller capacity"),
	SRV("disagg.prefill_load", "P load", FIELD_NUM, DIM_FRACTION, LOWER,
	    "rate / prefill pool capacity at the operating point"),
	SRV("disagg.decode_load", "D load", FIELD_NUM, DIM_FRACTION, LOWER,
	    "rate / decode pool capacity at the operating point"),
	SRV("disagg.prefill_feasible", "P fits", FIELD_BOOL, DIM_BOOL, HIGHER,
	    "the prefill pool passes its checks (memory, layout)"),
	SRV("disagg.prefill_error", "P error", FIELD_STR, DIM_TEXT, NONE,
	    "the prefill pool's first failing check, or none"),
	SRV("disagg.decode_feasible", "D fits", FIELD_BOOL, DIM_BOOL, HIGHER,
	    "the decode pool passes its checks"),
	SRV("disagg.kv_mode", "KV mode", FIELD_STR, DIM_TEXT, NONE,
	    "KV transfer: request (after the prefill) or layer (streamed during it)"),
	SRV("disagg.kv_fabric", "KV fabric", FIELD_STR, DIM_TEXT, NONE, "fabric between the pools"),
	SRV("disagg.kv_bytes", "KV/request", FIELD_NUM, DIM_BYTES, LOWER,
	    "KV bytes one request moves: every decode GPU's share x prompt tokens"),
	SRV("disagg.kv_link_bytes", "KV/link", FIELD_NUM, DIM_BYTES, LOWER,
	    "bytes over the busiest GPU link (the larger of a prefill and a decode GPU's share)"),
	SRV("disagg.kv_links", "links", FIELD_NUM, DIM_COUNT, NONE,
	    "GPUs of a decode instance receiving in parallel (tp x pp)"),
	SRV("disagg.kv_bytes_per_s", "KV bw", FIELD_NUM, DIM_BYTES_PER_S, HIGHER,
	    "achievable bandwidth per link (kv_transfer_bw, else the fabric's x efficiency)"),
	SRV("disagg.kv_latency_s", "KV latency", FIELD_NUM, DIM_SECONDS, LOWER, "latency per transfer"),
	SRV("disagg.kv_wire_s", "KV wire", FIELD_NUM, DIM_SECONDS, LOWER, "link bytes / bandwidth"),
	SRV("disagg.kv_transfer_s", "KV transfer", FIELD_NUM, DIM_SECONDS, LOWER,
	    "the transfer time TTFT sees: latency + wire (request), the last layer or backlog (layer)"),
	SRVB("disagg.tokens_per_s_per_gpu", "tok/s/GPU", DIM_TOKENS_PER_S, HIGHER, THROUGHPUT,
	    "output tokens/s at the operating point over every GPU of both pools"),
};

#define N_FIELDS ((int)(sizeof field_table / sizeof field_table[0]))

static const char *const section_names[FSEC_COUNT] = {
	[FSEC_MODEL] = "model", [FSEC_CLUSTER] = "cluster", [FSEC_RUNTIME] = "runtime",
	[FSEC_STRATEGY] = "strategy", [FSEC_WORKLOAD] = "workload", [FSEC_MEMORY] = "memory",
	[FSEC_STAGES] = "stages", [FSEC_LATENCY] = "latency", [FSEC_THROUGHPUT] = "throughput",
	[FSEC_SERVING] = "serving",
};

const char *
field_title(const ResultField *f)
{
	return f->title ? f->title : f->label;
}

int
field_count(void)
{
	return N_FIELDS;
}

const ResultField *
field_find(const char *path)
{
	for (int i = 0; i < N_FIELDS; i++)
		if (strcmp(field_table[i].path, path) == 0)
			return &field_table[i];
	return NULL;
}

const char *
field_section_name(FieldSection sec)
{
	return sec >= 0 && sec < FSEC_COUNT ? section_names[sec] : "?";
}

bool
field_section_needs_result(FieldSection sec)
{
	return sec >= FSEC_MEMORY;
}

const char *
field_key(const ResultField *f)
{
	return f->path + strlen(section_names[f->section]) + 1;
}

int
field_get(const ResultField *f, const Scenario *s, const Result *r, int stage, FieldValue *out)
{
	if (!f->get || ((f->flags & FIELD_SCENARIO) && !s))
		return -1;
	*out = f->get(s, r, stage, f->arg);
	return 0;
}

int
field_band(const ResultField *f, const Scenario *s, const FieldValue *v, Band *out)
{
	*out = (Band){ .set = NULL };
	if (!f || f->band == BAND_NONE || !s || v->kind != FIELD_NUM)
		return -1;
	return band_of(s, f->band, f->better == BETTER_HIGHER, v->num, out);
}

/* One number of a band in the scale field_format picks for the value v. */
static void
band_number(const ResultField *f, double v, double x, char *buf, size_t n)
{
	double a = fabs(v);

	switch (f->dim) {
	case DIM_SECONDS:
		if (a >= 1.0)
			snprintf(buf, n, "%.2f", x);
		else if (a >= 1e-3)
			snprintf(buf, n, "%.1f", x * 1e3);
		else
			snprintf(buf, n, "%.1f", x * 1e6);
		return;
	case DIM_FRACTION: snprintf(buf, n, "%.1f", x * 100); return;
	default: fmt_rate_number(x, buf, n); return;  /* tok/s, req/s: as fmt_rate */
	}
}

char *
field_format_band(const ResultField *f, const FieldValue *v, const Band *b, char *buf, size_t n)
{
	char lo[32], hi[32];

	if (!b->set || v->kind != FIELD_NUM) {
		if (n)
			buf[0] = '\0';
		return buf;
	}
	band_number(f, v->num, b->low, lo, sizeof lo);
	band_number(f, v->num, b->high, hi, sizeof hi);
	/* labelled: the range is where measurements lay, which the model's
	 * remaining bias can put wholly beside the value */
	snprintf(buf, n, "(measured %s-%s)", lo, hi);
	return buf;
}

char *
field_format_banded(const ResultField *f, const Scenario *s, const FieldValue *v, char *buf, size_t n)
{
	char val[48], band[64];
	Band b;

	field_format(f, v, val, sizeof val);
	if (field_band(f, s, v, &b) != 0) {
		snprintf(buf, n, "%s", val);
		return buf;
	}
	snprintf(buf, n, "%s %s", val, field_format_band(f, v, &b, band, sizeof band));
	return buf;
}

char *
field_format_path(const char *path, const Scenario *s, const Result *r, char *buf, size_t n)
{
	const ResultField *f = field_find(path);
	FieldValue v;

	if (!f || field_get(f, s, r, -1, &v) != 0) {
		snprintf(buf, n, "-");
		return buf;
	}
	return field_format_banded(f, s, &v, buf, n);
}

char *
field_format_kv_pool(const StageResult *sr, char *buf, size_t n)
{
	char t[32];

	if (sr->kv_pool_shortfall_bytes > 0)
		snprintf(buf, n, "short by %s", fmt_bytes(sr->kv_pool_shortfall_bytes, t, sizeof t));
	else
		fmt_bytes(sr->kv_pool_bytes, buf, n);
	return buf;
}

const char *
field_dim_unit(FieldDim d)
{
	switch (d) {
	case DIM_BYTES: return "bytes";
	case DIM_SECONDS: return "s";
	case DIM_TOKENS_PER_S: return "tok/s";
	case DIM_REQ_PER_S: return "req/s";
	case DIM_FLOPS: return "FLOPs";
	case DIM_FLOP_PER_S: return "FLOP/s";
	case DIM_BYTES_PER_S: return "bytes/s";
	case DIM_FRACTION: return "fraction";
	case DIM_RATIO: return "ratio";
	case DIM_USD_PER_HOUR: return "USD/h";
	case DIM_BOOL: return "boolean";
	default: return "";
	}
}

const char *
field_better_name(FieldBetter b)
{
	return b == BETTER_HIGHER ? "higher" : b == BETTER_LOWER ? "lower" : "-";
}

char *
field_format(const ResultField *f, const FieldValue *v, char *buf, size_t n)
{
	if (v->kind == FIELD_STR) {
		snprintf(buf, n, "%s", v->str ? v->str : "");
		return buf;
	}
	if (v->kind == FIELD_BOOL) {
		snprintf(buf, n, "%s", v->flag ? "yes" : "no");
		return buf;
	}
	if (!isfinite(v->num)) {
		snprintf(buf, n, "-");
		return buf;
	}
	switch (f->dim) {
	case DIM_BYTES:
		if (strstr(f->path, "_per_token"))
			return fmt_int(v->num, buf, n);
		return fmt_bytes(v->num, buf, n);
	case DIM_SECONDS: return fmt_seconds(v->num, buf, n);
	case DIM_TOKENS_PER_S: return fmt_rate(v->num, "tok/s", buf, n);
	case DIM_REQ_PER_S: return fmt_rate(v->num, "req/s", buf, n);
	case DIM_FLOPS: snprintf(buf, n, "%.3g FLOPs", v->num); return buf;
	case DIM_FLOP_PER_S: snprintf(buf, n, "%.0f TFLOP/s", v->num / 1e12); return buf;
	case DIM_BYTES_PER_S: snprintf(buf, n, "%.2f TB/s", v->num / 1e12); return buf;
	case DIM_FRACTION: snprintf(buf, n, "%.1f%%", v->num * 100); return buf;
	case DIM_COUNT:
		if (strstr(f->path, "params"))
			return fmt_count(v->num, buf, n);
		return fmt_int(v->num, buf, n);
	default: snprintf(buf, n, "%g", v->num); return buf;
	}
}

/* ---- the walk ------------------------------------------------------------ */

/* Emits rows, opening and closing the sub-object of keys like "prefill.x". */
typedef struct Walk {
	const FieldVisitor *v;
	const Scenario *s;      /* for the bands; NULL: none */
	char open[32];          /* the open sub-object, "" when none */
} Walk;

/* After a banded figure: the object KEY_band {low, high}. */
static void
walk_band(Walk *w, const char *key, const ResultField *f, const FieldValue *val)
{
	Band b;
	char name[64];

	if (field_band(f, w->s, val, &b) != 0)
		return;
	snprintf(name, sizeof name, "%s_band", key);
	w->v->begin(w->v->ud, name);
	FieldValue lo = { .kind = FIELD_NUM, .num = b.low }, hi = { .kind = FIELD_NUM, .num = b.high };
	w->v->value(w->v->ud, "low", f, &lo);
	w->v->value(w->v->ud, "high", f, &hi);
	w->v->end(w->v->ud);
}

static void
walk_emit(Walk *w, const char *key, const ResultField *f, const FieldValue *val)
{
	const char *dot = strchr(key, '.');
	size_t plen = dot ? (size_t)(dot - key) : 0;

	if (w->open[0] && (!dot || strlen(w->open) != plen || strncmp(w->open, key, plen) != 0)) {
		w->v->end(w->v->ud);
		w->open[0] = '\0';
	}
	if (dot && !w->open[0] && plen < sizeof w->open) {
		memcpy(w->open, key, plen);
		w->open[plen] = '\0';
		w->v->begin(w->v->ud, w->open);
	}
	w->v->value(w->v->ud, dot ? dot + 1 : key, f, val);
	walk_band(w, dot ? dot + 1 : key, f, val);
}

static void
walk_close(Walk *w)
{
	if (w->open[0])
		w->v->end(w->v->ud);
	w->open[0] = '\0';
}

static void
walk_serving(const Scenario *s, const ServingReport *sv, const FieldVisitor *v)
{
	ServingField sf[SERVING_MAX_FIELDS];
	char path[96];
	bool meets;
	int n = serving_fields(s, sv, sf, SERVING_MAX_FIELDS, &meets);
	Walk w = { v, s, "" };

	for (int i = 0; i < n; i++) {
		FieldValue val = { .kind = sf[i].kind == SERVING_FIELD_NUM ? FIELD_NUM :
		    sf[i].kind == SERVING_FIELD_BOOL ? FIELD_BOOL : FIELD_STR,
		    .num = sf[i].num, .flag = sf[i].flag, .str = sf[i].str };
		snprintf(path, sizeof path, "serving.%s", sf[i].name);
		walk_emit(&w, sf[i].name, field_find(path), &val);
	}
	walk_close(&w);
}

void
fields_walk_section(const Scenario *s, const Result *r, const ServingReport *sv, FieldSection sec,
    const FieldVisitor *v)
{
	FieldValue val;

	if (field_section_needs_result(sec) && (r->status != EVAL_OK || r->n_stages < 1))
		return;
	if (sec == FSEC_SERVING) {
		if (sv)
			walk_serving(s, sv, v);
		return;
	}
	if (sec == FSEC_STAGES) {
		for (int i = 0; i < r->n_stages; i++) {
			Walk w = { v, s, "" };
			v->begin(v->ud, NULL);
			for (int k = 0; k < N_FIELDS; k++) {
				const ResultField *f = &field_table[k];
				if (f->section != FSEC_STAGES && !(f->flags & FIELD_PER_STAGE))
					continue;
				field_get(f, s, r, i, &val);
				walk_emit(&w, field_key(f), f, &val);
			}
			walk_close(&w);
			v->end(v->ud);
		}
		return;
	}
	Walk w = { v, s, "" };
	for (int k = 0; k < N_FIELDS; k++) {
		const ResultField *f = &field_table[k];
		if (f->section != sec)
			continue;
		field_get(f, s, r, -1, &val);
		walk_emit(&w, field_key(f), f, &val);
	}
	walk_close(&w);
}
