/* latency.c: TTFT, TPOT and throughput by per-operator roofline.
 *
 * Each GEMM, attention kernel and fused elementwise kernel takes
 *   max(FLOPs / (peak * compute_fraction), bytes / (HBM * memory_fraction))
 * plus a kernel floor (Williams, Waterman, Patterson, "Roofline", CACM 2009;
 * applied per operator to LLM inference as in LLM-Viewer, Yuan et al.,
 * arXiv 2402.16363, sec. 2).  GEMM FLOPs are 2*m*n*k.  Attention FLOPs are
 * 4 * heads * d_h per query-key pair (QK^T and PV), causal pairs
 * S(S+1)/2 in prefill (FlashAttention-2, Dao, arXiv 2307.08691, sec. 4);
 * decode reads every cached token's K and V.
 * Communication: TP all-reduce after attention and after the MLP (Megatron-LM,
 * arXiv 1909.08053, sec. 3, fig. 4), ring time 2(n-1)/n * bytes / bandwidth
 * plus the fabric's per-call latency (Patarasuk & Yuan, "Bandwidth optimal
 * all-reduce algorithms", JPDC 2009); the inter-node fabric when TP spans
 * nodes.  EP: all-to-all dispatch and combine per MoE layer (GShard, arXiv
 * 2006.16668, sec. 2.2).  PP: hidden states and residual sent to the next
 * stage (vLLM IntermediateTensors).  DP: nothing at inference.
 * MoE decode reads only the experts the batch activates: with uniform
 * routing of B tokens to top-k of E experts, the expected number of
 * distinct experts is E * (1 - (1 - k/E)^B) (occupancy of E bins by B*k
 * draws without repeats per token, approximated as independent).
 */
#include <math.h>
#include <stddef.h>

#include "eval-internal.h"

/* vLLM PP sends hidden_states and residual (IntermediateTensors,
 * vllm/model_executor/models/llama.py): two vectors of h per token. */
#define PP_VECTORS_PER_TOKEN 2.0
/* Kernels per layer outside the GEMMs and attention: two fused
 * add+RMSNorm, rotary embedding, SiLU-and-mul (vLLM fused kernels). */
#define ELEMENTWISE_KERNELS 4
/* Bytes per token moved by those kernels, in units of h and f:
 * each norm reads x and residual and writes both (4h), SiLU-and-mul reads
 * 2f and writes f (3f). */
#define ELEMENTWISE_H_TERMS 8.0
#define ELEMENTWISE_F_TERMS 3.0

/* One operator on the roofline at achievable FLOP/s `flops_eff`. */
static void
op_at(const EvalCtx *c, PhaseTime *pt, double flops, double bytes, int kernels, double flops_eff)
{
	double tc = flops / flops_eff;
	double tm = bytes / c->bw_eff;
	double fl = kernels * c->floor_s;

	if (tc >= tm)
		pt->compute_bound_s += tc;
	else
		pt->memory_bound_s += tm;
	pt->floor_s += fl;
	pt->flops += flops;
	pt->bytes += bytes;
	pt->total_s += fmax(tc, tm) + fl;
}

/* One operator at the GEMM peak of the weights' dtype. */
static void
op(const EvalCtx *c, PhaseTime *pt, double flops, double bytes, int kernels)
{
	op_at(c, pt, flops, bytes, kernels, c->flops_eff);
}

/* Ring all-reduce of `bytes` among n GPUs over fabric f. */
static void
all_reduce(PhaseTime *pt, const Fabric *f, int n, double bytes)
{
	if (n <= 1)
		return;
	double moved = 2.0 * (n - 1) / n * bytes;
	double t = moved / (f->bytes_per_s * f->efficiency) + f->latency_s;
	pt->comm_s += t;
	pt->comm_bytes += moved;
	pt->total_s += t;
}

/* All-to-all where each GPU sends `bytes` in all to n-1 peers. */
static void
all_to_all(PhaseTime *pt, const Fabric *f, int n, double bytes)
{
	if (n <= 1)
		return;
	double t = bytes / (f->bytes_per_s * f->efficiency) + f->latency_s;
	pt->comm_s += t;
	pt->comm_bytes += bytes;
	pt->total_s += t;
}

double
attn_pairs_prefill(double s, double ctx, double w)
{
	/* query i (1-based, after ctx cached tokens) sees ctx + i keys, or w */
	if (w <= 0 || ctx + s <= w)
		return s * ctx + s * (s + 1) / 2;
	double pairs = 0;
	/* queries whose span is below the window */
	double below = w - ctx > 0 ? w - ctx : 0;
	if (below > s)
		below = s;
	pairs += below * ctx + below * (below + 1) / 2;
	pairs += (s - below) * w;
	return pairs;
}

/* One layer of kind k for pass p, on one GPU. */
static void
layer(const EvalCtx *c, int k, const Pass *p, PhaseTime *pt)
{
	const Model *m = c->m;
	double h = m->hidden, t = p->tokens, ba = c->b_a, bw = c->b_w;
	bool sliding = (k & LAYER_SLIDING) != 0;
	double pairs = sliding ? p->pairs_slide : p->pairs_full;
	double kv_read = sliding ? p->kv_read_slide : p->kv_read_full;
	double mlp_w = (k & LAYER_MOE) ? (double)m->top_k * m->expert_intermediate / c->etp : c->f_loc;

	op(c, pt, 0, t * ba * (ELEMENTWISE_H_TERMS * h + ELEMENTWISE_F_TERMS * mlp_w),
	    ELEMENTWISE_KERNELS);

	/* attention projections and kernel */
	if (model_is_mla(m)) {
		double rq = m->q_lora_rank, rkv = m->kv_lora_rank, rope = m->qk_rope_head_dim;
		double qk = m->qk_nope_head_dim + rope, dv = m->v_head_dim;
		double hl = c->heads_loc;
		double down = (rq > 0 ? h * rq : 0) + h * (rkv + rope);
		double up = (rq > 0 ? rq : h) * hl * qk + rkv * hl * (m->qk_nope_head_dim + dv);
		op(c, pt, 2 * t * (down + up), (down + up) * bw + t * ba * (h + hl * qk + rkv + rope), 3);
		double latent = rkv + rope;
		if (p->decode) {
			/* absorbed MLA: scores over the latent (r_kv + rope), values
			 * over r_kv, all heads reading one shared latent per token
			 * (DeepSeek-V2 report, sec. 2.1.3; vLLM MLACommonImpl) */
			op(c, pt, 2 * hl * pairs * (latent + rkv),
			    kv_read * latent * c->b_kv + t * ba * hl * (latent + rkv), 1);
		} else {
			op(c, pt, 2 * hl * pairs * (qk + dv),
			    t * latent * c->b_kv + t * ba * hl * (2 * qk + 2 * dv), 1);
		}
		op(c, pt, 2 * t * c->out_loc * h, c->out_loc * h * bw + t * ba * (c->out_loc + h), 1);
	} else {
		double qkv_w = c->q_loc + 2 * c->kv_w_loc;
		double kv_tok = 2 * c->kv_w_loc * c->b_kv;
		op(c, pt, 2 * t * h * qkv_w, h * qkv_w * bw + t * ba * (h + qkv_w), 1);
		op(c, pt, 4 * c->heads_loc * m->head_dim * pairs,
		    (kv_read + t) * kv_tok + 2 * t * ba * c->q_loc, 1);
		op(c, pt, 2 * t * c->q_loc * h, c->q_loc * h * bw + t * ba * (c->q_loc + h), 1);
	}
	all_reduce(pt, c->tp_fabric, c->tp, t * h * ba);

	double mats = m->gated_mlp ? 3.0 : 2.0;
	if (!(k & LAYER_MOE)) {
		double fl = c->f_loc;
		op(c, pt, 2 * t * h * (mats - 1) * fl, h * (mats - 1) * fl * bw + t * ba * (h + (mats - 1) * fl), 1);
		op(c, pt, 2 * t * fl * h, fl * h * bw + t * ba * (fl + h), 1);
		all_reduce(pt, c->tp_fabric, c->tp, t * h * ba);
		return;
	}

	double e = m->n_experts, kk = m->top_k;
	double expert_lin = mats * h * m->expert_intermediate;
	/* router, replicated */
	op(c, pt, 2 * t * h * e, h * e * c->b_o + t * (ba * h + 4 * e), 2);
	/* tokens reaching this EP group: replicas sharing it add theirs */
	double replicas = (double)c->ep * c->etp / c->tp;
	double t_group = t * (replicas > 1 ? replicas : 1);
	double experts_loc = e / c->ep;
	double active_loc = experts_loc * (1.0 - pow(1.0 - kk / e, t_group));
	double routed = t_group * kk / c->ep;           /* token-expert pairs per GPU */
	/* routed experts in their own dtype (strategy_expert_dtype) */
	op_at(c, pt, 2 * routed * expert_lin / c->etp, active_loc * expert_lin / c->etp * c->b_x +
	    routed * ba * (2 * h + mats * m->expert_intermediate / c->etp), 2, c->flops_eff_x);
	if (c->mp.shared > 0)
		op(c, pt, 2 * t * c->mp.shared / c->tp, c->mp.shared / c->tp * bw + t * ba * 2 * h, 2);
	if (c->ep > 1) {
		/* dispatch and combine: each token's hidden vector to its k
		 * experts, the remote share (ep-1)/ep, tokens split across TP */
		double a2a = t * kk * h * ba * (c->ep - 1) / c->ep / c->tp;
		all_to_all(pt, c->ep_fabric, c->ep, a2a);
		all_to_all(pt, c->ep_fabric, c->ep, a2a);
		if (c->mp.shared > 0)
			all_reduce(pt, c->tp_fabric, c->tp, t * h * ba);
	} else {
		all_reduce(pt, c->tp_fabric, c->tp, t * h * ba);
	}
}

static void
phase_add(PhaseTime *dst, const PhaseTime *src, double n)
{
	dst->total_s += n * src->total_s;
	dst->compute_bound_s += n * src->compute_bound_s;
	dst->memory_bound_s += n * src->memory_bound_s;
	dst->comm_s += n * src->comm_s;
	dst->floor_s += n * src->floor_s;
	dst->flops += n * src->flops;
	dst->bytes += n * src->bytes;
	dst->comm_bytes += n * src->comm_bytes;
}

/* LM head over `rows` rows (one per sequence), then a gather of the logits. */
static void
lm_head(const EvalCtx *c, double rows, PhaseTime *pt)
{
	double h = c->m->hidden, vl = (double)c->m->vocab / c->tp;
	op(c, pt, 2 * rows * h * vl, h * vl * c->b_e + rows * (h * c->b_a + vl * 4), 2);
	if (c->tp > 1) {
		double bytes = rows * c->m->vocab * 4.0;
		double t = bytes * (c->tp - 1) / c->tp /
		    (c->tp_fabric->bytes_per_s * c->tp_fabric->efficiency) + c->tp_fabric->latency_s;
		pt->comm_s += t;
		pt->total_s += t;
	}
}

/* Fabric between the last GPU of stage s and the first of stage s+1,
 * stages laid out tp GPUs at a time within a replica: NVLink when both
 * are in one NVLink domain. */
static const Fabric *
pp_fabric(const EvalCtx *c, int s)
{
	int last = (s + 1) * c->tp - 1, next = (s + 1) * c->tp;
	return cluster_same_domain(&c->s->cluster, last, next) ? &c->s->cluster.intra : &c->s->cluster.inter;
}

static double
pp_send(const EvalCtx *c, int s, double tokens)
{
	const Fabric *f = pp_fabric(c, s);
	double bytes = tokens * c->m->hidden * c->b_a * PP_VECTORS_PER_TOKEN;
	return bytes / (f->bytes_per_s * f->efficiency) + f->latency_s;
}

/* The per-kind layer times of a pass, then each stage's. */
static void
phase_stages(const EvalCtx *c, const Pass *p, Result *r, Phase ph)
{
	PhaseTime kind[LAYER_KINDS] = { 0 };
	bool used[LAYER_KINDS] = { false };

	for (int i = 0; i < r->n_stages; i++)
		for (int k = 0; k < LAYER_KINDS; k++)
			used[k] |= r->stages[i].n_kind[k] > 0;
	for (int k = 0; k < LAYER_KINDS; k++)
		if (used[k])
			layer(c, k, p, &kind[k]);

	for (int i = 0; i < r->n_stages; i++) {
		StageResult *sr = &r->stages[i];
		PhaseTime *pt = &sr->phase[ph];
		*pt = (PhaseTime){ 0 };
		for (int k = 0; k < LAYER_KINDS; k++)
			if (sr->n_kind[k] > 0)
				phase_add(pt, &kind[k], sr->n_kind[k]);
		if (sr->has_head)
			lm_head(c, p->seqs, pt);
		sr->send_s[ph] = i + 1 < r->n_stages ? pp_send(c, i, p->tokens) : 0;
	}
}

/* Pipeline time of m micro-batches, each through every stage (GPipe,
 * Huang et al., arXiv 1811.06965, sec. 2.2): the first micro-batch's full
 * path plus (m-1) periods of the slowest stage. */
static double
pipeline_time(const Result *r, Phase ph, int m, double *path_out, double *slowest_out)
{
	double path = 0, slowest = 0;
	for (int i = 0; i < r->n_stages; i++) {
		double t = r->stages[i].phase[ph].total_s + r->stages[i].send_s[ph];
		path += t;
		slowest = fmax(slowest, t);
	}
	if (path_out)
		*path_out = path;
	if (slowest_out)
		*slowest_out = slowest;
	return path + (m - 1) * slowest;
}

void
latency_run(const EvalCtx *c, Result *r)
{
	const Workload *w = &c->s->workload;
	double s_in = w->input_len, win = c->m->sliding_window;
	double batch = w->batch;
	int m = c->micro;

	/* TTFT: one request, one micro-batch, idle pipeline */
	Pass pre = { .tokens = s_in, .seqs = 1,
		.pairs_full = attn_pairs_prefill(s_in, 0, 0),
		.pairs_slide = attn_pairs_prefill(s_in, 0, win) };
	phase_stages(c, &pre, r, PHASE_PREFILL);
	r->latency.ttft_s = pipeline_time(r, PHASE_PREFILL, 1, NULL, NULL);

	/* static batch prefill, split into m micro-batches */
	double mb = ceil(batch / m);
	int m_pre = (int)ceil(batch / mb);
	Pass bp = pre;
	bp.tokens = mb * s_in;
	bp.seqs = mb;
	bp.pairs_full *= mb;
	bp.pairs_slide *= mb;
	phase_stages(c, &bp, r, PHASE_BATCH_PREFILL);
	r->latency.batch_prefill_s = pipeline_time(r, PHASE_BATCH_PREFILL, m_pre, NULL, NULL);

	/* decode at the mean context input + output/2; every micro-batch's
	 * token passes every stage, and the pipeline period is the slower of
	 * that path and m slowest-stage steps */
	double ctx = s_in + w->output_len / 2.0;
	double ctx_slide = win > 0 && ctx > win ? win : ctx;
	Pass dec = { .tokens = mb, .seqs = mb, .decode = true,
		.pairs_full = mb * ctx, .pairs_slide = mb * ctx_slide,
		.kv_read_full = mb * ctx, .kv_read_slide = mb * ctx_slide };
	phase_stages(c, &dec, r, PHASE_DECODE);
	double path, slowest;
	pipeline_time(r, PHASE_DECODE, 1, &path, &slowest);
	r->latency.tpot_s = fmax(path, m_pre * slowest);
	r->latency.decode_ctx_tokens = ctx;
	r->latency.e2e_s = r->latency.batch_prefill_s + (w->output_len - 1) * r->latency.tpot_s;

	/* static-batch throughput (issue 2): dp * batch * out / (prefill + out*tpot) */
	Throughput *th = &r->throughput;
	double cycle = r->latency.batch_prefill_s + w->output_len * r->latency.tpot_s;
	th->tokens_per_s = c->dp * batch * w->output_len / cycle;
	th->tokens_per_s_per_gpu = th->tokens_per_s / r->gpus_used;
	th->tokens_per_s_per_user = 1.0 / r->latency.tpot_s;
	th->requests_per_s = th->tokens_per_s / w->output_len;

	/* forward FLOPs per token at the decode context: 2 per active weight
	 * in a matmul (Kaplan et al., arXiv 2001.08361, sec. 2.1) plus attention */
	const ModelParams *mp = &c->mp;
	double matmul = mp->active - mp->embedding - mp->head + (double)c->m->vocab * c->m->hidden;
	double attn_per_tok = 0;
	for (int k = 0; k < LAYER_KINDS; k++) {
		int n = model_layers_of_kind(c->m, k, 0, c->m->n_layers);
		double span = (k & LAYER_SLIDING) ? ctx_slide : ctx;
		double width = model_is_mla(c->m) ?
		    (double)c->m->n_heads * (c->m->kv_lora_rank * 2 + c->m->qk_rope_head_dim) :
		    2.0 * c->m->n_heads * c->m->head_dim;
		attn_per_tok += n * 2 * width * span;
	}
	r->flops_per_token = 2 * matmul + attn_per_tok;
	/* MFU: model FLOPs / (time x the peak of the dtype the GEMMs run in),
	 * the convention of PaLM (Chowdhery et al., arXiv 2204.02311, app. B);
	 * the same peak as the roofline's, so fp8 is judged against fp8 */
	th->mfu = th->tokens_per_s * r->flops_per_token / (r->gpus_used * eval_peak_flops(c->s));
}

Dtype
gemm_compute_dtype(const Gpu *g, Dtype weight, Dtype act)
{
	/* the weights' own GEMM dtype where the GPU has its peak (dtype.c
	 * `gemm`): W8A8 fp8 at the fp8 peak (vLLM Fp8LinearMethod with
	 * cutlass_scaled_mm), W4A8 at the fp8 peak (TensorRT-LLM W4A8_AWQ),
	 * NVFP4/MXFP4 at the FP4 peak on Blackwell (vLLM ModelOptNvFp4 /
	 * CUTLASS FP4 GEMM); fp32 in fp32; weight-only int8/int4, and fp4 on a
	 * GPU without FP4 tensor cores (Marlin dequantisation), in the
	 * activation dtype */
	int gd = dtype_gemm(weight);
	if (gd == DTYPE_FP32 || (gd >= 0 && g->peak_flops[gd] > 0))
		return (Dtype)gd;
	return act;
}

double
gemm_peak_flops(const Gpu *g, Dtype weight, Dtype act)
{
	double peak = g->peak_flops[gemm_compute_dtype(g, weight, act)];

	if (peak <= 0)  /* unsupported: dtype.support fails; emulate in fp32 */
		peak = g->peak_flops[DTYPE_FP32] > 0 ? g->peak_flops[DTYPE_FP32] : g->peak_flops[DTYPE_FP16];
	return peak;
}

Dtype
eval_compute_dtype(const Scenario *s)
{
	return gemm_compute_dtype(&s->cluster.gpu, s->strategy.weight_dtype, s->strategy.act_dtype);
}

double
eval_peak_flops(const Scenario *s)
{
	return gemm_peak_flops(&s->cluster.gpu, s->strategy.weight_dtype, s->strategy.act_dtype);
}
