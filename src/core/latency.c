/* latency.c: TTFT, TPOT and throughput, per operator and per kernel.
 *
 * GEMMs: FLOPs 2*m*n*k at the peak of their dtype times its achievable
 * fraction (gpu_compute_fraction: H100 fp8 70.9% MAMF, bf16 80.3%), inflated
 * by tile padding and wave quantization over the SMs (tile_waste, as
 * LLMCompass, Zhang et al., ISCA 2024, sec. 4.2), against their bytes at
 * HBM x memory_fraction, combined by a smooth roofline (bound_time) instead
 * of max() (Williams, Waterman, Patterson, "Roofline", CACM 2009; applied
 * per operator as in LLM-Viewer, Yuan et al., arXiv 2402.16363, sec. 2).
 * The LM head, attention and absorbed-MLA BMMs stay 16-bit under fp8 weights.
 * Attention: 4 * heads * d_h FLOPs per query-key pair, causal pairs
 * S(S+1)/2 in prefill (FlashAttention-2, Dao, arXiv 2307.08691, sec. 4) at
 * the runtime's attn_compute_fraction; decode reads every cached token's K
 * and V once per KV head, or a_q/a_kv times with a per-query-head kernel
 * (the runtime profile's attention_kernel), at a bandwidth that grows with
 * the launch's KV tokens (attn_bw).  A kernel floor per kernel (CUDA graphs)
 * or an eager launch without them.
 * Communication: TP all-reduce after attention and after the MLP
 * (Megatron-LM, arXiv 1909.08053, sec. 3, fig. 4) by the fastest algorithm
 * the engine has (all_reduce: one-shot, two-shot, ring, NVLS; hierarchical
 * across nodes).  EP: all-to-all dispatch and combine per MoE layer (GShard,
 * arXiv 2006.16668, sec. 2.2), dispatch in fp8 where the engine does
 * (DeepEP), the cross-node share over the NIC.  PP: hidden states and
 * residual sent to the next stage (vLLM IntermediateTensors).  DP: nothing.
 * MoE decode reads only the experts the batch activates: with uniform
 * routing of B tokens to top-k of E experts, the expected number of
 * distinct experts is E * (1 - (1 - k/E)^B); the step waits for the
 * most-loaded EP rank (ep_max_load) and pays its permute/unpermute and the
 * grouped GEMM's per-expert tile padding.
 * Host: a per-step and per-request cost by runtime (latency_run).
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

/* Time of an operator from its compute and memory bounds: a smooth
 * maximum (t_c^p + t_m^p)^(1/p).  Near the ridge neither bound is reached
 * alone (the tile's loads and MMAs overlap imperfectly; LLMCompass, Zhang
 * et al., ISCA 2024, sec. 4.2, simulates the overlap per tile); p = the
 * GPU's roofline_sharpness (calibrated; 0 = the hard max of Williams et
 * al.).  p = 2 costs sqrt(2) at the ridge and < 2% once one bound is 5x
 * the other. */
static double
bound_time(const EvalCtx *c, double tc, double tm)
{
	double p = c->sharp;
	if (p <= 0)
		return fmax(tc, tm);
	if (p == 2)
		return sqrt(tc * tc + tm * tm);
	double hi = fmax(tc, tm), lo = fmin(tc, tm);
	return hi > 0 ? hi * pow(1 + pow(lo / hi, p), 1 / p) : 0;
}

static void
charge(const EvalCtx *c, PhaseTime *pt, double tc, double tm, double flops, double bytes, int kernels)
{
	double fl = kernels * c->floor_s;
	double t = bound_time(c, tc, tm);

	if (tc >= tm)
		pt->compute_bound_s += t;
	else
		pt->memory_bound_s += t;
	pt->floor_s += fl;
	pt->flops += flops;
	pt->bytes += bytes;
	pt->total_s += t + fl;
}

/* An elementwise or small operator at the GEMM peak (router, norms). */
static void
op(const EvalCtx *c, PhaseTime *pt, double flops, double bytes, int kernels)
{
	charge(c, pt, flops * c->inv_flops_eff, bytes * c->inv_bw_eff, flops, bytes, kernels);
}

/* Tile and wave quantization of a GEMM with `groups` independent
 * problems of m x n (a grouped MoE GEMM: one per active expert): the
 * output is cut into tile_m x tile_n tiles (a smaller power-of-two M tile
 * down to tile_m_min for skinny GEMMs: Hopper's wgmma has M = 64, PTX ISA
 * "wgmma.mma_async"), the tiles
 * run in waves over the SMs (LLMCompass sec. 4.2; NVIDIA "Matrix
 * Multiplication Background User's Guide", "Wave Quantization").  Fewer
 * tiles than SMs: split-K/stream-K spreads the K loop over whole
 * multiples of the tile count (CUTLASS stream-K, Osama et al., PPoPP 2023).
 * Returns the FLOPs the hardware executes per useful FLOP. */
static double
tile_waste(const EvalCtx *c, double groups, double m, double n)
{
	if (c->sms <= 0 || m <= 0 || n <= 0)
		return 1;
	/* M at most the default tile: the library picks the smallest tile
	 * that holds it, a power of two no smaller than the MMA's M (cuBLAS
	 * and CUTLASS heuristics carry 16..128-row tiles for skinny GEMMs) */
	double tm = c->tile_m, inv_tm = c->inv_tile_m;
	if (m < c->tile_m) {
		tm = c->tile_m_min;
		while (tm < m && tm < c->tile_m)
			tm *= 2;
		inv_tm = 1 / tm;
	}
	double tiles_m = ceil(m * inv_tm);
	double tiles_n = ceil(n * c->inv_tile_n);
	double tiles = groups * tiles_m * tiles_n;
	/* waste = padding / utilisation, utilisation = tiles / (waves x SMs),
	 * or with split-K tiles x floor(SMs / tiles) / SMs; one division */
	double pad = tiles_m * tm * tiles_n * c->tile_n * groups;
	if (tiles >= c->sms)
		return pad * ceil(tiles * c->inv_sms) * c->sms / (groups * m * n * tiles);
	return pad * c->sms / (groups * m * n * tiles * floor(c->sms / tiles));
}

/* A GEMM (or `groups` of them) of m x n x k per group on one GPU, at
 * `peak` FLOP/s, moving `bytes` (weights + activations). */
static void
gemm(const EvalCtx *c, PhaseTime *pt, double groups, double m, double n, double k, double bytes,
    int kernels, double peak_inv)
{
	double flops = 2 * groups * m * n * k;
	double tc = flops * tile_waste(c, groups, m, n) * peak_inv, tm = bytes * c->inv_bw_eff;
	double before = pt->total_s - pt->floor_s;
	charge(c, pt, tc, tm, flops, bytes, kernels);
	pt->gemm_flops += flops;
	pt->gemm_s += pt->total_s - pt->floor_s - before;
}

/* Achievable HBM fraction of the decode attention kernel reading `kv`
 * cached tokens in one launch (all its sequences): attn_bw_fraction * kv /
 * (kv + attn_ctx_half).  A small launch is latency-bound (prologue, split-KV
 * reduction, tail), a large one streams at the kernel's rate: this is a
 * fixed cost of attn_ctx_half tokens' worth of reading per launch
 * (FlashDecoding, Dao et al. 2023, "Flash-Decoding for long-context
 * inference"; FlashInfer, Ye et al., arXiv 2501.01005, sec. 5: bandwidth
 * utilisation grows with batch x context). */
static double
attn_bw(const EvalCtx *c, double kv)
{
	const Runtime *rt = &c->s->runtime;
	double f = rt->attn_bw_fraction;
	if (rt->attn_ctx_half > 0 && kv >= 0)
		f *= kv / (kv + rt->attn_ctx_half);
	return c->s->cluster.gpu.hbm_bytes_per_s * fmax(f, 0.01);
}

static void
attention(const EvalCtx *c, PhaseTime *pt, double flops, double kv_bytes, double act_bytes,
    double kv, bool decode)
{
	double tc = flops / (decode ? c->flops16_eff : c->attn_flops_eff);
	double tm = kv_bytes / (decode ? attn_bw(c, kv) : c->bw_eff) + act_bytes * c->inv_bw_eff;
	double before = pt->total_s - pt->floor_s;
	charge(c, pt, tc, tm, flops, kv_bytes + act_bytes, 1);
	pt->attn_s += pt->total_s - pt->floor_s - before;
	pt->attn_bytes += kv_bytes + act_bytes;
}

static void
comm(PhaseTime *pt, double t, double bytes)
{
	pt->comm_s += t;
	pt->comm_bytes += bytes;
	pt->total_s += t;
}

/* Time of one all-reduce of `bytes` among n GPUs within one fabric f:
 * the fastest the engine has (engines pick by size, e.g. vLLM
 * custom_all_reduce.cuh: one-shot below 256-512 KiB, two-shot above, NCCL
 * past max_size; NCCL picks ring or NVLS by its tuning model):
 *   one-shot  lat + (n-1) b / bw             (every GPU reads all peers)
 *   two-shot  2 lat + 2 (n-1)/n b / bw       (reduce-scatter + all-gather)
 *   ring      lat_nccl + 2 (n-1)/n b / bw    (Patarasuk & Yuan, JPDC 2009)
 *   NVLS      lat_nccl + 2 (n-1)/n b / (rate x nvls_efficiency), the switch
 *             reducing in flight (NCCL 2.17+ NVLink SHARP; nccl-tests busbw) */
static double
ar_flat(const EvalCtx *c, const Fabric *f, int n, double bytes, ArAlgo *algo)
{
	double bw = f->bytes_per_s * f->efficiency, ring_b = 2.0 * (n - 1) / n * bytes;
	double lat_nccl = f->nccl_latency_s > 0 ? f->nccl_latency_s : f->latency_s;
	double best = lat_nccl + ring_b / bw;
	*algo = AR_RING;
	if (f->nvls_efficiency > 0 && n > 2) {
		double t = lat_nccl + ring_b / (f->bytes_per_s * f->nvls_efficiency);
		if (t < best)
			best = t, *algo = AR_NVLS;
	}
	if (f->custom_allreduce && bytes <= c->s->runtime.custom_ar_max_bytes) {
		double one = f->latency_s + (n - 1) * bytes / bw;
		double two = 2 * f->latency_s + ring_b / bw;
		if (one < best)
			best = one, *algo = AR_ONESHOT;
		if (two < best)
			best = two, *algo = AR_TWOSHOT;
	}
	return best;
}

/* TP all-reduce of `bytes` among n GPUs: flat within an NVLink domain
 * (a node, or an NVL72 rack: cluster_nvlink_domain); across domains
 * hierarchical (NCCL's tree/CollNet split, and TensorRT-LLM's
 * multi-node all-reduce): reduce-scatter within each domain, all-reduce
 * of the 1/g shard across domains, all-gather within the domain. */
static void
all_reduce(const EvalCtx *c, PhaseTime *pt, int n, double bytes, ArAlgo *algo)
{
	ArAlgo a = AR_NONE;
	double t = 0;
	int g = cluster_nvlink_domain(&c->s->cluster);

	if (n > 1 && n <= g) {
		t = ar_flat(c, &c->s->cluster.intra, n, bytes, &a);
	} else if (n > 1) {
		const Fabric *fi = &c->s->cluster.intra, *fe = &c->s->cluster.inter;
		double nodes = (double)n / g, bi = fi->bytes_per_s * fi->efficiency;
		double li = fi->nccl_latency_s > 0 ? fi->nccl_latency_s : fi->latency_s;
		double le = fe->nccl_latency_s > 0 ? fe->nccl_latency_s : fe->latency_s;
		double rs = li + (g - 1.0) / g * bytes / bi;
		t = 2 * rs + le + 2 * (nodes - 1) / nodes * (bytes / g) / (fe->bytes_per_s * fe->efficiency);
		a = AR_HIER;
	}
	if (algo)
		*algo = a;
	if (t > 0)
		comm(pt, t, n > 1 ? 2.0 * (n - 1) / n * bytes : 0);
}

/* EP ranks one NVLink domain holds: domain / expert-TP, at least 1 (an
 * expert-TP group wider than the domain still puts one rank in it). */
static int
ep_ranks_per_domain(const Cluster *cl, int etp)
{
	int per = cluster_nvlink_domain(cl) / (etp > 0 ? etp : 1);
	return per < 1 ? 1 : per;
}

/* EP all-to-all where each GPU sends `bytes` to its n-1 peers: the share
 * to peers in the same NVLink domain (a node, or an NVL72 rack) goes over
 * NVLink, the rest over the NIC, both at once (DeepEP normal kernels
 * forward NVLink and RDMA concurrently; deepseek-ai/DeepEP README
 * "intranode and internode"). */
static void
all_to_all(const EvalCtx *c, PhaseTime *pt, int n, double bytes)
{
	if (n <= 1)
		return;
	const Fabric *fi = &c->s->cluster.intra, *fe = &c->s->cluster.inter;
	int per_node = ep_ranks_per_domain(&c->s->cluster, c->etp);
	double t;
	if (n <= per_node) {
		t = bytes / (fi->bytes_per_s * fi->efficiency) + fi->latency_s;
	} else {
		double local = (per_node - 1.0) / (n - 1);
		t = fmax(bytes * local / (fi->bytes_per_s * fi->efficiency),
		    bytes * (1 - local) / (fe->bytes_per_s * fe->efficiency)) + fe->latency_s;
	}
	comm(pt, t, bytes);
}

/* DeepEP's achieved bandwidths, deepseek-ai/DeepEP README "Performance":
 * H800 (~160 GB/s NVLink of a 200 GB/s-per-direction line, NVIDIA H800
 * datasheet: NVLink 400 GB/s bidirectional) with one CX7 400 Gb/s NIC per
 * GPU (~50 GB/s); normal kernels at 4,096 tokens per batch, hidden 7168,
 * top-4 groups, top-8 experts, fp8 dispatch and bf16 combine; low-latency
 * kernels at 128 tokens per batch, same model.  Normal: "bottleneck
 * bandwidth" of the RDMA (internode) or NVLink (intranode) side; low
 * latency: all token-expert bytes / the measured latency.  Scaled here by
 * this cluster's line rates over those references. */
#define DEEPEP_REF_NIC_BYTES_PER_S 50e9
#define DEEPEP_REF_NVL_BYTES_PER_S 200e9
/* normal intranode, EP 8: dispatch 153 GB/s, combine 158 GB/s (NVLink), in
 * bytes/s */
#define DEEPEP_NORMAL_NVL_DISPATCH 153e9
#define DEEPEP_NORMAL_NVL_COMBINE 158e9

typedef struct { double ep, dispatch, combine; } DeepEpRow;
/* normal internode, bottleneck RDMA bandwidth, bytes/s */
static const DeepEpRow deepep_normal_rdma[] = {
	{ 16, 43e9, 43e9 }, { 32, 58e9, 57e9 }, { 64, 51e9, 50e9 },
};
/* low-latency, RDMA bandwidth, bytes/s (latencies 77-194 us dispatch,
 * 114-369 us combine at 128 tokens) */
static const DeepEpRow deepep_ll[] = {
	{ 8, 98e9, 127e9 }, { 16, 63e9, 74e9 }, { 32, 48e9, 53e9 },
	{ 64, 43e9, 46e9 }, { 128, 39e9, 39e9 }, { 256, 39e9, 40e9 },
};

/* The table's bandwidth at EP n (combine or dispatch), linear in log2(EP)
 * between rows, the end rows beyond them. */
static double
deepep_bw(const DeepEpRow *t, int rows, double n, bool combine)
{
	double x = log2(n);
	if (n <= t[0].ep)
		return combine ? t[0].combine : t[0].dispatch;
	for (int i = 1; i < rows; i++)
		if (n <= t[i].ep) {
			double x0 = log2(t[i - 1].ep), x1 = log2(t[i].ep), f = (x - x0) / (x1 - x0);
			double a = combine ? t[i - 1].combine : t[i - 1].dispatch;
			double b = combine ? t[i].combine : t[i].dispatch;
			return a + f * (b - a);
		}
	return combine ? t[rows - 1].combine : t[rows - 1].dispatch;
}

/* NVLink domains an EP group of ep ranks of etp GPUs spans. */
static int
ep_nodes(const Cluster *cl, int ep, int etp)
{
	int per = ep_ranks_per_domain(cl, etp);
	return (ep + per - 1) / per;
}

/* latency_ep_mode's rule for strategy mode m, EP ep x expert-TP etp. */
static EpMode
ep_mode_of(const Cluster *cl, EpMode m, int ep, int etp, bool decode)
{
	if (ep <= 1)
		return EP_MODE_A2A;
	if (m != EP_MODE_AUTO)
		return m;
	if (ep_nodes(cl, ep, etp) <= 1)
		return EP_MODE_A2A;     /* one NVLink domain: the NVLink all-to-all */
	return decode ? EP_MODE_LOW_LATENCY : EP_MODE_NORMAL;
}

EpMode
latency_ep_mode(const EvalCtx *c, bool decode)
{
	return ep_mode_of(&c->s->cluster, c->s->strategy.ep_mode, c->ep, c->etp, decode);
}

EpMode
eval_ep_mode(const Scenario *s, bool decode)
{
	const Strategy *st = &s->strategy;
	return ep_mode_of(&s->cluster, st->ep_mode, st->ep, eval_etp(st), decode);
}

int
latency_ep_nodes(const EvalCtx *c)
{
	return ep_nodes(&c->s->cluster, c->ep, c->etp);
}

double
latency_ep_remote_nodes(double nodes, double k)
{
	/* k picks over `nodes` equally likely nodes: the expected distinct
	 * nodes other than one's own, (n - 1)(1 - (1 - 1/n)^k) */
	return nodes > 1 ? (nodes - 1) * (1 - pow(1 - 1 / nodes, k)) : 0;
}

/* One MoE layer's dispatch + combine on the most-loaded rank with DeepEP in
 * mode `mode`: `routed` token-expert pairs land on this rank, `tokens` are
 * its own; dispatch fp8 with a fp32 scale per 128 channels, combine in 16
 * bits (b_comb).  Normal: each token crosses the NIC once per destination
 * node (latency_ep_remote_nodes) and NVLink forwards it to the experts'
 * GPUs, both at once; low latency: every pair its own RDMA message. */
static void
deepep_a2a(const EvalCtx *c, PhaseTime *pt, EpMode mode, double routed, double tokens, double load,
    double b_comb, EpTraffic *tr)
{
	const Fabric *fi = &c->s->cluster.intra, *fe = &c->s->cluster.inter;
	double h = c->m->hidden, k = c->m->top_k, b_disp = EP_FP8_DISPATCH_BYTES;
	double nic = fe->bytes_per_s / DEEPEP_REF_NIC_BYTES_PER_S;
	double nvl = fi->bytes_per_s / DEEPEP_REF_NVL_BYTES_PER_S;
	int nodes = latency_ep_nodes(c);
	double t_disp, t_comb, rdma = 0, nvlb = 0;
	int rows_n = (int)(sizeof deepep_normal_rdma / sizeof deepep_normal_rdma[0]);
	int rows_ll = (int)(sizeof deepep_ll / sizeof deepep_ll[0]);

	if (mode == EP_MODE_LOW_LATENCY) {
		double pairs = routed;
		rdma = pairs * h * (b_disp + b_comb);
		t_disp = pairs * h * b_disp / (deepep_bw(deepep_ll, rows_ll, c->ep, false) * nic);
		t_comb = pairs * h * b_comb / (deepep_bw(deepep_ll, rows_ll, c->ep, true) * nic);
	} else if (nodes <= 1) {
		double pairs = routed * (c->ep - 1) / c->ep;
		nvlb = pairs * h * (b_disp + b_comb);
		t_disp = pairs * h * b_disp / (DEEPEP_NORMAL_NVL_DISPATCH * nvl);
		t_comb = pairs * h * b_comb / (DEEPEP_NORMAL_NVL_COMBINE * nvl);
	} else {
		double remote = latency_ep_remote_nodes(nodes, k) * tokens * load;
		double local = routed * (c->ep - 1) / c->ep;
		rdma = remote * h * (b_disp + b_comb);
		nvlb = local * h * (b_disp + b_comb);
		t_disp = fmax(remote * h * b_disp / (deepep_bw(deepep_normal_rdma, rows_n, c->ep, false) * nic),
		    local * h * b_disp / (DEEPEP_NORMAL_NVL_DISPATCH * nvl));
		t_comb = fmax(remote * h * b_comb / (deepep_bw(deepep_normal_rdma, rows_n, c->ep, true) * nic),
		    local * h * b_comb / (DEEPEP_NORMAL_NVL_COMBINE * nvl));
	}
	/* a floor of one NIC latency per call (the tables' small batches
	 * already include theirs) */
	t_disp = fmax(t_disp, fe->latency_s);
	t_comb = fmax(t_comb, fe->latency_s);
	comm(pt, t_disp + t_comb, rdma + nvlb);
	if (tr) {
		tr->rdma_bytes = rdma;
		tr->nvlink_bytes = nvlb;
		tr->a2a_s = t_disp + t_comb;
	}
}

/* EPLB's cut of the most-loaded rank's excess over the mean: redundant
 * replicas of the hottest experts let the balancer move load off the
 * busiest GPU (DeepSeek-V3 report, arXiv 2412.19437, sec. 3.4, "redundant
 * experts"; deepseek-ai/EPLB README).  ESTIMATE, not fitted: with at least
 * one redundant slot per GPU the excess halves; fewer slots cut it in
 * proportion; never below uniform routing's own spread x (1 - this).  A
 * fraction of the excess (no unit). */
#define EPLB_SPREAD_CUT 0.5

double
latency_eplb_factor(int redundant, int ep)
{
	if (redundant <= 0 || ep <= 1)
		return 1;
	return 1 - EPLB_SPREAD_CUT * fmin(1.0, (double)redundant / ep);
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

/* Tokens the most-loaded of n EP ranks receives when `pairs` token-expert
 * pairs spread uniformly: mean mu = pairs/n, multinomial sigma =
 * sqrt(mu (1 - 1/n)), the expected maximum of n such ranks ~ mu + sigma
 * sqrt(2 ln n) (Gumbel limit of Gaussian maxima), the spread scaled by the
 * runtime's moe_imbalance (1 = uniform routing; skewed real routing more:
 * DeepSeek-V3 report, arXiv 2412.19437, sec. 3.4, redundant experts). */
static double
ep_max_load(const EvalCtx *c, double pairs, int n)
{
	double mu = pairs / n;
	if (n <= 1 || mu <= 0)
		return mu;
	double sigma = sqrt(mu * (1 - 1.0 / n));
	double k = c->s->runtime.moe_imbalance * latency_eplb_factor(strategy_redundant(&c->s->strategy), n);
	return fmin(pairs, mu + k * sigma * sqrt(2 * log((double)n)));
}

/* One layer of kind k for pass p, on one GPU. */
static void
layer(const EvalCtx *c, int k, Pass *p, PhaseTime *pt)
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
		gemm(c, pt, 1, t, (down + up) / h, h, (down + up) * bw + t * ba * (h + hl * qk + rkv + rope),
		    3, c->inv_flops_eff);
		double latent = rkv + rope;
		if (p->decode) {
			/* absorbed MLA: scores over the latent (r_kv + rope), values
			 * over r_kv, all heads reading one shared latent per token
			 * (DeepSeek-V2 report, sec. 2.1.3; vLLM MLACommonImpl), in
			 * 16 bits whatever the weights (FlashMLA is bf16) */
			attention(c, pt, 2 * hl * pairs * (latent + rkv), kv_read * c->mla_kv_bpt,
			    t * ba * hl * (latent + rkv), kv_read, true);
		} else {
			attention(c, pt, 2 * hl * pairs * (qk + dv), t * c->mla_kv_bpt,
			    t * ba * hl * (2 * qk + 2 * dv), kv_read, false);
		}
		gemm(c, pt, 1, t, h, c->out_loc, c->out_loc * h * bw + t * ba * (c->out_loc + h), 1, c->inv_flops_eff);
	} else {
		double qkv_w = c->q_loc + 2 * c->kv_w_loc;
		double kv_tok = 2 * c->kv_w_loc * c->b_kv;
		gemm(c, pt, 1, t, qkv_w, h, h * qkv_w * bw + t * ba * (h + qkv_w), 1, c->inv_flops_eff);
		/* decode: per-query-head kernels stream each KV head a_q/a_kv times */
		double reuse = p->decode ? c->kv_reuse : 1;
		attention(c, pt, 4 * c->heads_loc * m->head_dim * pairs, (kv_read * reuse + t) * kv_tok,
		    2 * t * ba * c->q_loc, kv_read, p->decode);
		gemm(c, pt, 1, t, h, c->q_loc, c->q_loc * h * bw + t * ba * (c->q_loc + h), 1, c->inv_flops_eff);
	}
	all_reduce(c, pt, c->tp, t * h * ba, &p->ar);

	double mats = m->gated_mlp ? 3.0 : 2.0;
	if (!(k & LAYER_MOE)) {
		double fl = c->f_loc;
		gemm(c, pt, 1, t, (mats - 1) * fl, h, h * (mats - 1) * fl * bw + t * ba * (h + (mats - 1) * fl),
		    1, c->inv_flops_eff);
		gemm(c, pt, 1, t, h, fl, fl * h * bw + t * ba * (fl + h), 1, c->inv_flops_eff);
		all_reduce(c, pt, c->tp, t * h * ba, NULL);
		return;
	}

	double e = m->n_experts, kk = m->top_k, fe = m->expert_intermediate / c->etp;
	/* router, replicated */
	op(c, pt, 2 * t * h * e, h * e * c->b_o + t * (ba * h + 4 * e), 2);
	/* tokens reaching this EP group: replicas sharing it add theirs */
	double replicas = (double)c->ep * c->etp / c->tp;
	double t_group = t * (replicas > 1 ? replicas : 1);
	double experts_loc = (e + strategy_redundant(&c->s->strategy)) / c->ep;
	/* the step waits for the most-loaded rank, not the mean one */
	double routed = ep_max_load(c, t_group * kk, c->ep);   /* token-expert pairs here */
	double mean = t_group * kk / c->ep;
	p->moe_load = mean > 0 ? routed / mean : 1;
	double active_loc = experts_loc * (1.0 - pow(1.0 - kk / e, t_group));
	if (active_loc > routed)
		active_loc = routed;
	if (active_loc < 1 && routed > 0)
		active_loc = 1;
	/* permute into expert order and unpermute + weighted sum back: each
	 * reads and writes the routed rows (vLLM fused_moe moe_permute /
	 * moe_unpermute, moe_align_block_size; SGLang the same kernels) */
	op(c, pt, 0, routed * ba * h * 4, 3);
	/* grouped GEMMs: one group per active expert, each with M = its share
	 * of the routed tokens, so a small per-expert M pays its tile padding
	 * (DeepGEMM m_grouped_gemm: M aligned to the block per expert) */
	double m_e = active_loc > 0 ? routed / active_loc : 0;
	/* at the grouped kernel's own rate (the runtime's
	 * moe_gemm_efficiency: gathered rows and short per-expert K and N keep
	 * Triton fused_moe below the dense GEMMs' rate), the routed experts'
	 * weights in their own dtype (strategy_expert_dtype: b_x bytes, the
	 * GEMM peak of that dtype folded into inv_moe_flops_eff) */
	gemm(c, pt, active_loc, m_e, (mats - 1) * fe, h,
	    active_loc * (mats - 1) * h * fe * c->b_x + routed * ba * (h + (mats - 1) * fe), 1,
	    c->inv_moe_flops_eff);
	gemm(c, pt, active_loc, m_e, h, fe, active_loc * h * fe * c->b_x + routed * ba * (fe + h), 1,
	    c->inv_moe_flops_eff);
	if (c->mp.shared > 0) {
		double sh = c->mp.shared / c->tp / h;           /* shared-expert width per GPU, all mats */
		gemm(c, pt, 1, t, sh, h, c->mp.shared / c->tp * bw + t * ba * 2 * h, 2, c->inv_flops_eff);
	}
	if (c->ep > 1) {
		/* dispatch and combine: each token's hidden vector to its k
		 * experts, the remote share (ep-1)/ep, tokens split across TP;
		 * the most-loaded rank receives `routed` of them */
		EpMode mode = latency_ep_mode(c, p->decode);
		if (mode == EP_MODE_NORMAL || mode == EP_MODE_LOW_LATENCY) {
			deepep_a2a(c, pt, mode, routed, t_group / c->ep, p->moe_load, ba, &p->ep);
		} else {
			double rows = routed * (c->ep - 1) / c->ep;
			PhaseTime before = *pt;
			all_to_all(c, pt, c->ep, rows * h * c->b_dispatch);
			all_to_all(c, pt, c->ep, rows * h * ba);
			int per = ep_ranks_per_domain(&c->s->cluster, c->etp);
			double local = c->ep <= per ? 1 : (per - 1.0) / (c->ep - 1);
			double bytes = pt->comm_bytes - before.comm_bytes;
			p->ep.nvlink_bytes = bytes * local;
			p->ep.rdma_bytes = bytes * (1 - local);
			p->ep.a2a_s = pt->comm_s - before.comm_s;
		}
		if (c->mp.shared > 0)
			all_reduce(c, pt, c->tp, t * h * ba, NULL);
	} else {
		all_reduce(c, pt, c->tp, t * h * ba, NULL);
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
	dst->gemm_flops += n * src->gemm_flops;
	dst->gemm_s += n * src->gemm_s;
	dst->attn_s += n * src->attn_s;
	dst->attn_bytes += n * src->attn_bytes;
}

/* LM head over `rows` rows (one per sequence), then a gather of the logits. */
static void
lm_head(const EvalCtx *c, double rows, PhaseTime *pt)
{
	double h = c->m->hidden, vl = (double)c->m->vocab / c->tp;
	/* the head stays 16-bit under quantized weights (b_e): 16-bit peak */
	gemm(c, pt, 1, rows, vl, h, h * vl * c->b_e + rows * (h * c->b_a + vl * 4), 2, c->inv_flops16_eff);
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
phase_stages(const EvalCtx *c, Pass *p, Result *r, Phase ph)
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

int
eval_micro_split(double batch, int micro, double *mb_seqs)
{
	double mb = ceil(batch / (micro > 0 ? micro : 1));
	if (mb < 1)
		mb = 1;
	if (mb_seqs)
		*mb_seqs = mb;
	return (int)ceil(batch / mb);
}

/* Host time per engine step not hidden behind the GPU, for a micro-batch
 * of mb sequences: a fixed part (scheduler, input preparation, launch of
 * the graph) and a part per running sequence (sampler bookkeeping, output
 * processing, detokenize): vLLM issue #6913 measures
 * _process_model_outputs at 0.2 ms for 1 and 3.4 ms for 32 sequences (V0);
 * the runtime presets cite theirs. */
static double
host_step(const Runtime *rt, double mb)
{
	return rt->step_overhead_s + rt->seq_overhead_s * mb;
}

/* The decode period of m micro-batches: every micro-batch's token passes
 * every stage, and the period is the slower of that path and m
 * slowest-stage steps; the host schedules each micro-batch once per period
 * (vLLM V1 batch_queue), its host_s time not hidden behind the GPU. */
static double
decode_period(double path, double slowest, int m, double host)
{
	return fmax(path + host, m * fmax(slowest, host));
}

void
eval_pipe_schedule(const Scenario *s, const Result *r, Phase ph, PipeSchedule *o)
{
	const Runtime *rt = &s->runtime;
	double path, slowest;

	pipeline_time(r, ph, 1, &path, &slowest);
	o->path_s = path;
	o->slowest_s = slowest;
	if (ph == PHASE_PREFILL) {
		o->micro_batches = 1;
		o->mb_seqs = 1;
		o->gpu_s = path;
		o->host_s = rt->request_overhead_s + host_step(rt, 1);
		o->total_s = o->gpu_s + o->host_s;
		return;
	}
	o->micro_batches = eval_micro_split(s->workload.batch, r->micro_batches, &o->mb_seqs);
	int m = o->micro_batches;
	double host = host_step(rt, o->mb_seqs);
	if (ph == PHASE_DECODE) {
		o->gpu_s = fmax(path, m * slowest);
		o->host_s = host;
		o->total_s = decode_period(path, slowest, m, host);
	} else {
		o->gpu_s = path + (m - 1) * slowest;
		o->host_s = rt->request_overhead_s + m * host;
		o->total_s = o->gpu_s + o->host_s;
	}
}

/* The path and slowest stage of pass p through every stage, written
 * nowhere (phase_stages + pipeline_time without a Phase slot); extra_s is
 * added to the last stage (the drafter), sum gets every stage's operator
 * times when not NULL. */
static void
pass_path(const EvalCtx *c, const Result *r, Pass *p, double extra_s, double *path_out,
    double *slowest_out, PhaseTime *sum)
{
	PhaseTime kind[LAYER_KINDS] = { 0 };
	bool used[LAYER_KINDS] = { false };
	double path = 0, slowest = 0;

	for (int i = 0; i < r->n_stages; i++)
		for (int k = 0; k < LAYER_KINDS; k++)
			used[k] |= r->stages[i].n_kind[k] > 0;
	for (int k = 0; k < LAYER_KINDS; k++)
		if (used[k])
			layer(c, k, p, &kind[k]);
	for (int i = 0; i < r->n_stages; i++) {
		const StageResult *sr = &r->stages[i];
		PhaseTime pt = { 0 };
		for (int k = 0; k < LAYER_KINDS; k++)
			if (sr->n_kind[k] > 0)
				phase_add(&pt, &kind[k], sr->n_kind[k]);
		if (sr->has_head)
			lm_head(c, p->seqs, &pt);
		double t = pt.total_s + (i + 1 < r->n_stages ? pp_send(c, i, p->tokens) : extra_s);
		path += t;
		slowest = fmax(slowest, t);
		if (sum)
			phase_add(sum, &pt, 1);
	}
	*path_out = path;
	if (slowest_out)
		*slowest_out = slowest;
}

/* Prefix caching's figures: what is cached, and the TTFT without it. */
static void
prefix_result(const EvalCtx *c, Result *r, double s_in)
{
	PrefixResult *px = &r->prefix;
	double win = c->m->sliding_window, path;

	px->prefix_tokens = c->prefix_tokens;
	px->cached_tokens = c->cached_tokens;
	px->computed_tokens = s_in - c->cached_tokens;
	px->shared_kv_bytes = r->stages[r->memory.stage].prefix_bytes;
	px->ttft_uncached_s = r->latency.ttft_s;
	if (c->cached_tokens > 0) {
		Pass full = { .tokens = s_in, .seqs = 1, .pairs_full = attn_pairs_prefill(s_in, 0, 0),
			.pairs_slide = attn_pairs_prefill(s_in, 0, win), .moe_load = 1 };
		pass_path(c, r, &full, 0, &path, NULL, NULL);
		px->ttft_uncached_s = path + r->latency.host_request_s;
	}
	px->ttft_speedup = r->latency.ttft_s > 0 ? px->ttft_uncached_s / r->latency.ttft_s : 1;
}

/* e2e and the static-batch throughput from latency.batch_prefill_s,
 * latency.tpot_s and flops_per_token (latency_run, and latency_spec once
 * speculation sets tpot_s): the first token comes from the prefill, the
 * other O-1 from decode steps, so e2e and the throughput cycle both count
 * prefill + (O-1) steps; tokens/s = dp * batch * out / e2e (issue 2).
 * MFU: model FLOPs / (time x the peak of the dtype the GEMMs run in), the
 * convention of PaLM (Chowdhery et al., arXiv 2204.02311, app. B); the
 * same peak as the roofline's, so fp8 is judged against fp8. */
static void
static_throughput(const EvalCtx *c, Result *r)
{
	const Workload *w = &c->s->workload;
	Throughput *th = &r->throughput;

	r->latency.e2e_s = r->latency.batch_prefill_s + (w->output_len - 1) * r->latency.tpot_s;
	th->tokens_per_s = c->dp * (double)w->batch * w->output_len / r->latency.e2e_s;
	th->tokens_per_s_per_gpu = th->tokens_per_s / r->gpus_used;
	th->tokens_per_s_per_user = 1.0 / r->latency.tpot_s;
	th->requests_per_s = th->tokens_per_s / w->output_len;
	th->mfu = th->tokens_per_s * r->flops_per_token / (r->gpus_used * eval_peak_flops(c->s));
}

void
latency_run(const EvalCtx *c, Result *r)
{
	const Workload *w = &c->s->workload;
	double s_in = w->input_len, win = c->m->sliding_window;
	double batch = w->batch;
	int m = c->micro;

	/* micro-batches and the host work per step (host_step) */
	double mb;
	eval_micro_split(batch, m, &mb);
	PipeSchedule sched;

	/* TTFT: one request, one micro-batch, idle pipeline, plus the
	 * request's own path through the server (tokenize, schedule); with
	 * prefix caching only the uncached tokens are computed, their
	 * attention reading the cached prefix's KV (a chunked prefill after
	 * `cached` tokens) */
	double cached = c->cached_tokens, s_new = s_in - cached;
	Pass pre = { .tokens = s_new, .seqs = 1,
		.pairs_full = attn_pairs_prefill(s_new, cached, 0),
		.pairs_slide = attn_pairs_prefill(s_new, cached, win),
		.kv_read_full = cached, .kv_read_slide = win > 0 ? fmin(cached, win) : cached,
		.moe_load = 1 };
	phase_stages(c, &pre, r, PHASE_PREFILL);
	eval_pipe_schedule(c->s, r, PHASE_PREFILL, &sched);
	r->latency.host_request_s = sched.host_s;
	r->latency.ttft_s = sched.total_s;
	r->latency.prefill_ar = pre.ar;
	prefix_result(c, r, s_in);

	/* static batch prefill, split into m micro-batches, each scheduled */
	Pass bp = pre;
	bp.tokens = mb * s_new;
	bp.seqs = mb;
	bp.pairs_full *= mb;
	bp.pairs_slide *= mb;
	bp.kv_read_full *= mb;
	bp.kv_read_slide *= mb;
	phase_stages(c, &bp, r, PHASE_BATCH_PREFILL);
	eval_pipe_schedule(c->s, r, PHASE_BATCH_PREFILL, &sched);
	r->latency.batch_prefill_s = sched.total_s;

	/* decode at the mean context input + output/2; every micro-batch's
	 * token passes every stage, and the pipeline period is the slower of
	 * that path and m slowest-stage steps; the host schedules each
	 * micro-batch once per period (vLLM V1 batch_queue) */
	double ctx = s_in + w->output_len / 2.0;
	double ctx_slide = win > 0 && ctx > win ? win : ctx;
	Pass dec = { .tokens = mb, .seqs = mb, .decode = true,
		.pairs_full = mb * ctx, .pairs_slide = mb * ctx_slide,
		.kv_read_full = mb * ctx, .kv_read_slide = mb * ctx_slide, .moe_load = 1 };
	phase_stages(c, &dec, r, PHASE_DECODE);
	eval_pipe_schedule(c->s, r, PHASE_DECODE, &sched);
	r->latency.host_step_s = sched.host_s;
	r->latency.tpot_s = sched.total_s;
	r->latency.decode_ctx_tokens = ctx;
	r->latency.decode_ar = dec.ar;
	r->latency.moe_load_factor = dec.moe_load;
	if (model_is_moe(c->m) && c->ep > 1) {
		EpResult *er = &r->latency.ep;
		er->prefill_mode = latency_ep_mode(c, false);
		er->decode_mode = latency_ep_mode(c, true);
		er->nodes = latency_ep_nodes(c);
		er->experts_per_gpu = (c->m->n_experts + strategy_redundant(&c->s->strategy)) / c->ep;
		bool deep = er->decode_mode == EP_MODE_NORMAL || er->decode_mode == EP_MODE_LOW_LATENCY;
		er->dispatch_bytes_per_token = (double)c->m->hidden * c->m->top_k *
		    (deep ? EP_FP8_DISPATCH_BYTES : c->b_dispatch);
		er->eplb_factor = latency_eplb_factor(strategy_redundant(&c->s->strategy), c->ep);
		er->prefill = pre.ep;
		er->decode = dec.ep;
	}
	r->latency.decode_attn_bw_fraction = attn_bw(c, mb * ctx) / c->s->cluster.gpu.hbm_bytes_per_s;
	double gf = 0, gs = 0, pf = 0, ps = 0;
	for (int i = 0; i < r->n_stages; i++) {
		gf += r->stages[i].phase[PHASE_DECODE].gemm_flops;
		gs += r->stages[i].phase[PHASE_DECODE].gemm_s;
		pf += r->stages[i].phase[PHASE_PREFILL].gemm_flops;
		ps += r->stages[i].phase[PHASE_PREFILL].gemm_s;
	}
	double peak = eval_peak_flops(c->s);
	r->latency.decode_gemm_eff = gs > 0 ? gf / (gs * peak) : 0;
	r->latency.prefill_gemm_eff = ps > 0 ? pf / (ps * peak) : 0;
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
	static_throughput(c, r);
}

/* ---- speculative decoding ------------------------------------------- */

/* One drafter pass over mb sequences at context ctx: the draft model's
 * every layer and head, or one EAGLE/MTP head: fc over [embedding;
 * hidden] (2h -> h), one layer, the shared LM head (EAGLE, Li et al.,
 * arXiv 2401.15077, sec. 4; DeepSeek-V3 report sec. 2.2, eq. 21-23). */
static double
spec_draft_pass(const EvalCtx *c, double mb, double ctx)
{
	Pass p = { .tokens = mb, .seqs = mb, .decode = true, .moe_load = 1 };
	PhaseTime pt = { 0 };

	if (c->spec == SPEC_DRAFT) {
		const EvalCtx *d = c->draft;
		if (!d)
			return 0;
		double w = d->m->sliding_window, cs = w > 0 && ctx > w ? w : ctx;
		p.pairs_full = p.kv_read_full = mb * ctx;
		p.pairs_slide = p.kv_read_slide = mb * cs;
		for (int k = 0; k < LAYER_KINDS; k++) {
			int n = model_layers_of_kind(d->m, k, 0, d->m->n_layers);
			if (n > 0) {
				PhaseTime one = { 0 };
				layer(d, k, &p, &one);
				phase_add(&pt, &one, n);
			}
		}
		lm_head(d, mb, &pt);
		return pt.total_s;
	}
	double h = c->m->hidden;
	p.pairs_full = p.kv_read_full = p.pairs_slide = p.kv_read_slide = mb * ctx;
	gemm(c, &pt, 1, mb, h, 2 * h, 2 * h * h * SPEC_FC_BYTES + mb * c->b_a * 3 * h, 1, c->inv_flops16_eff);
	layer(c, c->spec == SPEC_MTP ? c->spec_kind : 0, &p, &pt);
	lm_head(c, mb, &pt);
	return pt.total_s;
}

/* One decode step without speculation and one speculative step at
 * `batch` sequences per replica, as latency_run times a step: the
 * pipeline period of the pass (the drafter on the last stage) against
 * the host's per-step work.  The verify pass is a decode pass of
 * mb x (k + 1) tokens: each sequence's k + 1 queries read its KV once
 * (FlashInfer / FlashAttention with q_len k + 1), the LM head scores
 * every position. */
static void
spec_steps(const EvalCtx *c, const Result *r, double batch, double *plain_s, double *step_s, SpecResult *o)
{
	const Workload *w = &c->s->workload;
	const Runtime *rt = &c->s->runtime;
	int k = c->s->spec.tokens;
	double mb;
	int m_pre = eval_micro_split(batch, c->micro, &mb);
	double host = host_step(rt, mb);
	double win = c->m->sliding_window;
	double ctx = w->input_len + w->output_len / 2.0, cs = win > 0 && ctx > win ? win : ctx;
	double path, slowest, q = k + 1.0;

	Pass dec = { .tokens = mb, .seqs = mb, .decode = true, .pairs_full = mb * ctx,
		.pairs_slide = mb * cs, .kv_read_full = mb * ctx, .kv_read_slide = mb * cs, .moe_load = 1 };
	pass_path(c, r, &dec, 0, &path, &slowest, NULL);
	*plain_s = decode_period(path, slowest, m_pre, host);

	Pass ver = dec;
	ver.tokens = ver.seqs = mb * q;
	ver.pairs_full *= q;
	ver.pairs_slide *= q;
	double draft = k * spec_draft_pass(c, mb, ctx);
	pass_path(c, r, &ver, draft, &path, &slowest, NULL);
	*step_s = decode_period(path, slowest, m_pre, host);
	if (o) {
		PhaseTime sum = { 0 };
		Pass v2 = ver;
		pass_path(c, r, &v2, 0, &path, &slowest, &sum);
		o->draft_s = draft;
		o->verify_s = decode_period(path, slowest, m_pre, host);
		o->verify_tokens = mb * q;
		double ops = sum.compute_bound_s + sum.memory_bound_s;
		o->verify_compute_share = ops > 0 ? sum.compute_bound_s / ops : 0;
	}
}

void
latency_spec(const EvalCtx *c, Result *r)
{
	const Speculation *sp = &c->s->spec;
	const Workload *w = &c->s->workload;
	SpecResult *o = &r->spec;
	double plain, step;

	if (sp->tokens <= 0)
		return;
	o->on = true;
	o->method = c->spec;
	o->tokens = sp->tokens;
	o->accept = sp->accept;
	double tau = o->accepted_tokens = spec_accepted_tokens(sp->tokens, sp->accept);
	o->draft_weights_bytes = c->spec_w_bytes;
	o->draft_kv_bytes_per_token = c->spec_kv_bpt;
	/* a weight GEMM of M tokens does 2MNK FLOPs over NK b_w bytes: it
	 * turns compute-bound at M = achievable FLOP/s x b_w / (2 x bytes/s)
	 * (Williams et al., Roofline, CACM 2009: the ridge point) */
	o->ridge_tokens = c->flops_eff * c->b_w / (2 * c->bw_eff);
	o->ridge_batch = o->ridge_tokens / (sp->tokens + 1.0);
	spec_steps(c, r, w->batch, &plain, &step, o);
	o->tpot_plain_s = plain;
	o->step_s = step;
	o->tpot_s = step / tau;
	o->speedup = o->tpot_s > 0 ? plain / o->tpot_s : 0;

	/* the batches the break-even search (latency_spec_breakeven, on
	 * demand) looks at */
	double kv_seqs = r->memory.max_concurrent_seqs;
	o->batch_limit = (int)fmin(SPEC_BATCH_MAX, fmax(w->batch, kv_seqs >= 1 ? floor(kv_seqs) : 1));

	/* the deployment's figures become the speculative ones */
	r->latency.tpot_s = o->tpot_s;
	static_throughput(c, r);
}

int
latency_spec_breakeven(const EvalCtx *c, const Result *r)
{
	const SpecResult *o = &r->spec;
	double tau = o->accepted_tokens, plain, step;
	int limit = o->batch_limit;

	/* doubling until speculation stops paying, then bisection (a step's
	 * speed-up falls as the verify pass turns compute-bound and the
	 * drafter's cost grows with the batch) */
	for (int lo = 0, b = 1; lo < limit; lo = b, b = b * 2 > limit ? limit : b * 2) {
		spec_steps(c, r, b, &plain, &step, NULL);
		if (plain * tau >= step)
			continue;
		int hi = b;
		while (hi - lo > 1) {
			int mid = lo + (hi - lo) / 2;
			spec_steps(c, r, mid, &plain, &step, NULL);
			*(plain * tau < step ? &hi : &lo) = mid;
		}
		return hi;
	}
	return 0;
}

double
gemm_time_s(const Gpu *g, Dtype compute, double m, double n, double k, double bytes, double floor_s)
{
	EvalCtx c = { 0 };
	c.sharp = g->roofline_sharpness;
	c.sms = g->sm_count;
	c.tile_m = g->gemm_tile_m > 0 ? g->gemm_tile_m : 128;
	c.tile_n = g->gemm_tile_n > 0 ? g->gemm_tile_n : 128;
	c.tile_m_min = g->gemm_tile_m_min > 0 ? g->gemm_tile_m_min : c.tile_m;
	c.inv_sms = c.sms > 0 ? 1 / c.sms : 0;
	c.inv_tile_m = 1 / c.tile_m;
	c.inv_tile_n = 1 / c.tile_n;
	double peak = g->peak_flops[compute] * gpu_compute_fraction(g, compute);
	double bw = g->hbm_bytes_per_s * g->memory_fraction;
	if (peak <= 0 || bw <= 0)
		return 0;
	double tc = 2 * m * n * k * tile_waste(&c, 1, m, n) / peak;
	return bound_time(&c, tc, bytes / bw) + floor_s;
}

const char *
ar_algo_name(ArAlgo a)
{
	static const char *const names[AR_COUNT] = {
		[AR_NONE] = "none", [AR_ONESHOT] = "one-shot", [AR_TWOSHOT] = "two-shot",
		[AR_RING] = "ring", [AR_NVLS] = "NVLS", [AR_HIER] = "hierarchical",
	};
	return a < AR_COUNT ? names[a] : "?";
}

double
gpu_compute_fraction(const Gpu *g, Dtype d)
{
	/* 8-bit GEMMs have their own fraction when the preset gives one (its
	 * MAMF); else, and for 16/32-bit ones, compute_fraction itself */
	bool eight = d == DTYPE_FP8 || d == DTYPE_INT8;
	return eight && g->dtype_fraction[d] > 0 ? g->dtype_fraction[d] : g->compute_fraction;
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
