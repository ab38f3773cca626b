/* eval.c: one evaluation: resolve the strategy, lay out stages, then
 * memory, latency and checks.  See eval.h. */
#include <math.h>
#include <string.h>

#include "eval-internal.h"
#include "units.h"

int
eval_etp(const Strategy *st)
{
	if (st->etp > 0)
		return st->etp;
	/* vLLM and SGLang: without EP, experts are TP-sharded like the MLP;
	 * with EP (--enable-expert-parallel) each expert lives whole on one
	 * GPU (vllm/model_executor/layers/fused_moe/config.py FusedMoEParallelConfig) */
	return st->ep > 1 ? 1 : st->tp;
}

double
eval_weight_bytes(const Model *m, const ModelParams *p, const Strategy *st)
{
	double mats = m->gated_mlp ? 3.0 : 2.0;
	double routed = p->moe_layers * (double)m->n_experts * mats * m->hidden * m->expert_intermediate;

	return (p->total - routed) * dtype_weight_bytes(st->weight_dtype) +
	    routed * dtype_weight_bytes(strategy_expert_dtype(st));
}

int
eval_micro_batches(const Strategy *st)
{
	/* vLLM runs pp virtual engines so that every stage stays busy
	 * (vllm/v1/engine/core.py batch_queue of size pp) */
	return st->micro_batches > 0 ? st->micro_batches : (st->pp > 0 ? st->pp : 1);
}

int
eval_stage_split(const Strategy *st, int n_layers, int *layers)
{
	int pp = st->pp, sum = 0;
	bool custom = false;

	for (int i = 0; i < pp; i++)
		custom |= st->stage_layers[i] != 0;
	if (custom) {
		for (int i = 0; i < pp; i++) {
			if (st->stage_layers[i] < 1)
				return -1;
			layers[i] = st->stage_layers[i];
			sum += layers[i];
		}
		return sum == n_layers ? 0 : -1;
	}
	/* vllm/distributed/utils.py get_pp_indices: even split, the remainder
	 * one each to the stages before the last */
	for (int i = 0; i < pp; i++)
		layers[i] = n_layers / pp;
	for (int i = 0; i < n_layers % pp; i++)
		layers[pp - 2 - i >= 0 ? pp - 2 - i : 0]++;
	return 0;
}

static void
ctx_init(EvalCtx *c, const Scenario *s, const Result *r)
{
	const Strategy *st = &s->strategy;
	const Gpu *g = &s->cluster.gpu;

	c->s = s;
	c->m = &s->model;
	c->mp = r->params;
	c->tp = st->tp;
	c->pp = st->pp;
	c->dp = st->dp;
	c->ep = st->ep;
	c->etp = r->etp;
	c->micro = r->micro_batches;
	c->b_w = dtype_weight_bytes(st->weight_dtype);
	c->b_x = dtype_weight_bytes(strategy_expert_dtype(st));
	c->b_e = dtype_is_quantized(st->weight_dtype) ? dtype_bytes(DTYPE_BF16) : c->b_w;
	c->b_o = st->weight_dtype == DTYPE_FP32 ? 4.0 : 2.0;
	c->b_a = dtype_bytes(st->act_dtype);
	c->b_kv = dtype_bytes(st->kv_dtype);
	const Runtime *rt = &s->runtime;
	double peak = eval_peak_flops(s);
	c->flops_eff = peak * gpu_compute_fraction(g, eval_compute_dtype(s));
	/* attention, absorbed-MLA BMMs and the LM head stay in 16 bits under
	 * fp8 weights (vLLM Fp8LinearMethod quantizes linear layers only; the
	 * head is unquantized, ParallelLMHead; FlashAttention/FlashInfer run
	 * bf16 unless the KV cache is fp8 and the backend says so) */
	double peak16 = gemm_peak_flops(g, st->act_dtype, st->act_dtype);
	c->flops16_eff = peak16 * gpu_compute_fraction(g, st->act_dtype);
	c->attn_flops_eff = peak16 * rt->attn_compute_fraction;
	c->bw_eff = g->hbm_bytes_per_s * g->memory_fraction;
	c->floor_s = rt->cuda_graphs ? rt->kernel_floor_s : fmax(rt->kernel_floor_s, rt->eager_launch_s);
	c->sharp = g->roofline_sharpness;
	c->sms = g->sm_count;
	c->tile_m = g->gemm_tile_m > 0 ? g->gemm_tile_m : 128;
	c->tile_n = g->gemm_tile_n > 0 ? g->gemm_tile_n : 128;
	c->tile_m_min = g->gemm_tile_m_min > 0 ? g->gemm_tile_m_min : c->tile_m;
	c->inv_sms = c->sms > 0 ? 1 / c->sms : 0;
	c->inv_tile_m = 1 / c->tile_m;
	c->inv_tile_n = 1 / c->tile_n;
	c->inv_flops_eff = 1 / c->flops_eff;
	c->inv_flops16_eff = 1 / c->flops16_eff;
	c->inv_bw_eff = 1 / c->bw_eff;
	/* routed experts in their own dtype (strategy_expert_dtype) run at
	 * its GEMM peak by the same rule (mxfp4 experts on Blackwell: the FP4
	 * peak; elsewhere dequantised), at that compute dtype's fraction */
	Dtype xd = strategy_expert_dtype(st);
	c->flops_eff_x = gemm_peak_flops(g, xd, st->act_dtype) *
	    gpu_compute_fraction(g, gemm_compute_dtype(g, xd, st->act_dtype));
	double inv_x = 1 / c->flops_eff_x;
	c->inv_moe_flops_eff = rt->moe_gemm_efficiency > 0 ? inv_x / rt->moe_gemm_efficiency : inv_x;
	c->kv_reuse = 1;
	if (rt->attn_reuse == ATTN_KV_PER_QHEAD && s->model.n_kv_heads > 0)
		c->kv_reuse = (double)s->model.n_heads / s->model.n_kv_heads;
	/* DeepEP low-latency dispatch sends fp8 with one fp32 scale per 128
	 * channels and combines in bf16 (deepseek-ai/DeepEP README,
	 * "low-latency kernels ... FP8 dispatching and BF16 combining") */
	c->b_dispatch = rt->ep_dispatch_fp8 ? EP_FP8_DISPATCH_BYTES : c->b_a;
	/* TP and EP groups inside one NVLink domain talk over the intra fabric
	 * (NVL72: 72 GPUs at NVLink 5 speed), else over the inter fabric */
	c->tp_fabric = cluster_group_fabric(&s->cluster, st->tp);
	c->mem_fraction = runtime_mem_fraction(rt, g, st->tp, st->pp);
	c->max_model_len = s->workload.max_model_len > 0 ? s->workload.max_model_len :
	    s->workload.input_len + s->workload.output_len;
	c->max_batched_tokens = s->workload.max_batched_tokens > 0 ? s->workload.max_batched_tokens :
	    s->runtime.max_num_batched_tokens;
	if (c->max_batched_tokens <= 0)
		c->max_batched_tokens = s->workload.input_len;

	/* prefix caching caches whole KV blocks and always computes the last
	 * prompt token (vllm/v1/core/kv_cache_manager.py get_computed_blocks:
	 * "the last token must be recomputed to obtain logits") */
	c->prefix_tokens = eval_prefix_tokens(s);
	c->cached_tokens = eval_cached_tokens(s);

	c->spec = eval_spec_method(s);
	c->spec_kind = 0;
	if (c->spec == SPEC_MTP && s->model.n_layers > 0)
		c->spec_kind = s->model.layer_kind[s->model.n_layers - 1] & LAYER_MOE;
	c->spec_w_bytes = c->spec_kv_bpt = 0;
	c->draft = NULL;
}

double
eval_prefix_tokens(const Scenario *s)
{
	const Workload *w = &s->workload;
	double block = s->runtime.kv_block_tokens > 0 ? s->runtime.kv_block_tokens : 1;
	double shared = fmin(w->prefix_len, w->input_len - 1.0);
	return shared > 0 ? floor(shared / block) * block : 0;
}

double
eval_cached_tokens(const Scenario *s)
{
	return eval_prefix_tokens(s) * fmin(fmax(s->workload.prefix_hit, 0), 1);
}

SpecMethod
eval_spec_method(const Scenario *s)
{
	if (s->spec.method != SPEC_AUTO)
		return s->spec.method;
	if (s->spec.has_draft)
		return SPEC_DRAFT;
	return s->model.mtp_layers > 0 ? SPEC_MTP : SPEC_EAGLE;
}

/* The drafter's own context: the draft model at the target's TP, one
 * stage, experts (if any) TP-sharded; vLLM's draft_tensor_parallel_size
 * defaults to the target's (vllm/config/speculative.py). */
static void
draft_ctx_init(const EvalCtx *c, EvalCtx *d)
{
	*d = *c;
	d->m = &c->s->spec.draft;
	model_params(d->m, &d->mp);
	d->pp = 1;
	d->ep = 1;
	d->etp = c->tp;
	d->kv_reuse = 1;
	if (c->s->runtime.attn_reuse == ATTN_KV_PER_QHEAD && d->m->n_kv_heads > 0)
		d->kv_reuse = (double)d->m->n_heads / d->m->n_kv_heads;
	d->spec = SPEC_AUTO;
	d->draft = NULL;
	memory_init(d);
}

/* The context eval_run evaluates in: ctx_init, the per-layer bytes, the
 * drafter's context in *dc (a draft model) and its bytes. */
static void
ctx_full_init(EvalCtx *c, EvalCtx *dc, const Scenario *s, const Result *r)
{
	ctx_init(c, s, r);
	memory_init(c);
	if (s->spec.tokens > 0 && c->spec == SPEC_DRAFT && s->spec.has_draft) {
		draft_ctx_init(c, dc);
		c->draft = dc;
	}
	if (s->spec.tokens > 0)
		memory_spec(c);
}

EvalStatus
eval_run(const Scenario *s, Result *r)
{
	const Strategy *st = &s->strategy;
	EvalCtx c;
	int layers[MAX_STAGES];

	r->status = EVAL_OK;
	r->n_checks = 0;
	r->feasible = false;
	r->latency = (Latency){ 0 };
	r->throughput = (Throughput){ 0 };
	r->flops_per_token = 0;
	r->spec = (SpecResult){ 0 };
	r->prefix = (PrefixResult){ 0 };
	model_params(&s->model, &r->params);
	r->etp = eval_etp(st);
	r->micro_batches = eval_micro_batches(st);
	r->gpus_used = st->tp * st->pp * st->dp;
	/* disaggregated: this is the decode pool, on the GPUs the prefill pool leaves */
	r->gpus_available = disagg_decode_gpus(s);
	r->n_stages = 0;

	/* an impossible layout (layout.c's rules, GPU count included) is
	 * INVALID: nothing is evaluated as if it ran */
	checks_layout(s, r);
	for (int i = 0; i < r->n_checks; i++)
		if (r->checks[i].severity == SEV_ERROR && check_structural(r->checks[i].id))
			r->status = EVAL_INVALID;
	if (r->status != EVAL_OK)
		return r->status;
	eval_stage_split(st, s->model.n_layers, layers);        /* checked by the rules */

	EvalCtx dc;
	ctx_full_init(&c, &dc, s, r);
	r->n_stages = st->pp;
	for (int i = 0, first = 0; i < st->pp; i++) {
		StageResult *sr = &r->stages[i];
		sr->first_layer = first;
		sr->n_layers = layers[i];
		first += layers[i];
		memory_stage(&c, i, sr);
	}
	memory_summarise(&c, r);
	latency_run(&c, r);
	latency_spec(&c, r);
	checks_results(&c, r);

	r->feasible = true;
	for (int i = 0; i < r->n_checks; i++)
		if (r->checks[i].severity == SEV_ERROR)
			r->feasible = false;
	return r->status;
}

int
eval_spec_breakeven(const Scenario *s, const Result *r)
{
	EvalCtx c, dc;

	if (!s || r->status != EVAL_OK || !r->spec.on || r->n_stages < 1 || s->spec.tokens != r->spec.tokens)
		return 0;
	ctx_full_init(&c, &dc, s, r);
	return latency_spec_breakeven(&c, r);
}

static const char *const spec_names[SPEC_METHOD_COUNT] = {
	[SPEC_AUTO] = "auto", [SPEC_DRAFT] = "draft", [SPEC_EAGLE] = "eagle", [SPEC_MTP] = "mtp",
};

const char *
spec_method_name(SpecMethod m)
{
	return m < SPEC_METHOD_COUNT ? spec_names[m] : "?";
}

int
spec_method_parse(const char *name, SpecMethod *out)
{
	int i = name_index(spec_names, SPEC_METHOD_COUNT, name);
	if (i >= 0)
		*out = (SpecMethod)i;
	return i >= 0 ? 0 : -1;
}

static const char *const ep_mode_names[EP_MODE_COUNT] = { "auto", "a2a", "normal", "low_latency" };

const char *
ep_mode_name(EpMode m)
{
	return m < EP_MODE_COUNT ? ep_mode_names[m] : "?";
}

int
ep_mode_parse(const char *name, EpMode *out)
{
	/* DeepEP's own spelling, "low-latency", beside the key's */
	int i = strcmp(name, "low-latency") == 0 ? EP_MODE_LOW_LATENCY :
	    name_index(ep_mode_names, EP_MODE_COUNT, name);
	if (i >= 0) {
		*out = (EpMode)i;
		return 0;
	}
	return -1;
}

double
spec_accepted_tokens(int k, double a)
{
	/* Leviathan et al., arXiv 2211.17192, sec. 3.1, eq. 1: tokens per
	 * step = (1 - a^(k+1)) / (1 - a), the bonus token included */
	if (k <= 0)
		return 1;
	if (a >= 1)
		return k + 1.0;
	if (a <= 0)
		return 1;
	return (1 - pow(a, k + 1.0)) / (1 - a);
}
