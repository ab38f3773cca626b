/* explain.c: formulas with their numbers plugged in; see explain.h. */
#include "explain.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "explain-fns.h"
#include "fields.h"
#include "units.h"

/* The appender. */

const char *
explain_path(int i)
{
	int n = field_count();
	for (int k = 0; k < n; k++)
		if (field_table[k].explain && i-- == 0)
			return field_table[k].path;
	return NULL;
}

int
explain_value(const Result *r, const char *path, double *v)
{
	const ResultField *f = field_find(path);
	FieldValue fv;

	if (!f || f->kind != FIELD_NUM || field_get(f, NULL, r, -1, &fv) != 0)
		return -1;
	*v = fv.num;
	return 0;
}

static const char *
tied_word(const Model *m)
{
	return m->tied_embeddings ? "tied" : "untied";
}

static void
explain_params(ExplainOut *o, const Scenario *s, const Result *r, bool active)
{
	const Model *m = &s->model;
	const ModelParams *p = &r->params;
	char a[32], b[32], c[32], d[32];

	text_out(o, "%s = embedding V x h (%s x %s = %s) + LM head (%s: %s)\n",
	    active ? "params_active" : "params_total", fmt_int(m->vocab, a, sizeof a),
	    fmt_int(m->hidden, b, sizeof b), fmt_count(p->embedding, c, sizeof c),
	    tied_word(m), fmt_count(p->head, d, sizeof d));
	text_out(o, "  + %d layers x (attention %s + norms %s)\n", m->n_layers,
	    fmt_count(p->attn, a, sizeof a), fmt_count(p->layer_norms, b, sizeof b));
	if (p->dense_layers > 0)
		text_out(o, "  + %d dense layers x MLP %s (%s x h %s x f %s)\n", p->dense_layers,
		    fmt_count(p->mlp, a, sizeof a), m->gated_mlp ? "3 (gated)" : "2",
		    fmt_int(m->hidden, b, sizeof b), fmt_int(m->intermediate, c, sizeof c));
	if (p->moe_layers > 0)
		text_out(o, "  + %d MoE layers x (%d %s experts x %s + shared %s + router %s)\n",
		    p->moe_layers, active ? m->top_k : m->n_experts, active ? "active" : "",
		    fmt_count(p->expert, a, sizeof a), fmt_count(p->shared, b, sizeof b),
		    fmt_count(p->router, c, sizeof c));
	text_out(o, "  + final norm %s\n", fmt_count(p->final_norm, d, sizeof d));
	text_out(o, "  = %s parameters", fmt_count(active ? p->active : p->total, a, sizeof a));
	if (model_is_moe(m) && active)
		text_out(o, " (top-%d of %d experts%s)", m->top_k, m->n_experts,
		    p->shared > 0 ? " plus shared experts" : "");
	text_out(o, "\n  source: Megatron-LM (arXiv 1909.08053) sec. 3; GQA (arXiv 2305.13245)%s",
	    model_is_mla(m) ? "; MLA: DeepSeek-V2 (arXiv 2405.04434) sec. 2.1" : "");
}

static void
explain_kv_bpt(ExplainOut *o, const Scenario *s, const StageResult *sr)
{
	const Model *m = &s->model;
	int tp = s->strategy.tp;
	double bkv = dtype_bytes(s->strategy.kv_dtype);
	char a[32];

	if (model_is_mla(m)) {
		text_out(o, "kv_bytes_per_token = %d layers x (kv_lora_rank %d + rope dim %d) latent x %g bytes "
		    "(%s), replicated on every TP rank = %s\n", sr->n_layers, m->kv_lora_rank,
		    m->qk_rope_head_dim, bkv, dtype_name(s->strategy.kv_dtype),
		    fmt_int(sr->kv_bytes_per_token, a, sizeof a));
		text_out(o, "  source: DeepSeek-V2 (arXiv 2405.04434) sec. 2.1.2; vLLM MLAAttentionSpec");
		return;
	}
	int kv_loc = (int)ceil((double)m->n_kv_heads / tp);
	text_out(o, "kv_bytes_per_token = 2 (K and V) x %d layers x %d KV head%s per GPU (%d heads / TP %d%s) "
	    "x %d head_dim x %g bytes (%s) = %s\n", sr->n_layers, kv_loc, kv_loc == 1 ? "" : "s",
	    m->n_kv_heads, tp, tp > m->n_kv_heads ? ", replicated" : "", m->head_dim, bkv,
	    dtype_name(s->strategy.kv_dtype), fmt_int(sr->kv_bytes_per_token, a, sizeof a));
	int slide = sr->n_kind[LAYER_SLIDING] + sr->n_kind[LAYER_SLIDING | LAYER_MOE];
	if (slide > 0)
		text_out(o, "  %d of the layers are sliding-window: they hold at most %d tokens per sequence\n",
		    slide, m->sliding_window);
	text_out(o, "  source: vLLM FullAttentionSpec page size (vllm/v1/kv_cache_interface.py)");
}

static void
explain_weights(ExplainOut *o, const Scenario *s, const StageResult *sr, int stage)
{
	const Strategy *st = &s->strategy;
	const Model *m = &s->model;
	char a[32], b[32];

	text_out(o, "weights_bytes (stage %d) = %d layers (%d..%d) sharded by TP %d", stage, sr->n_layers,
	    sr->first_layer, sr->first_layer + sr->n_layers - 1, st->tp);
	if (model_is_moe(m) && strategy_redundant(st) > 0)
		text_out(o, ", %g expert slots per GPU ((%d experts + %d redundant, EPLB) / EP %d) split by "
		    "expert-TP %d", (double)(m->n_experts + st->ep_redundant) / st->ep, m->n_experts,
		    st->ep_redundant, st->ep, eval_etp(st));
	else if (model_is_moe(m))
		text_out(o, ", %g experts per GPU (EP %d) split by expert-TP %d",
		    (double)m->n_experts / st->ep, st->ep, eval_etp(st));
	text_out(o, "\n  = %s parameters per GPU x %g bytes (%s", fmt_count(sr->params, a, sizeof a),
	    dtype_weight_bytes(st->weight_dtype), dtype_name(st->weight_dtype));
	const DtypeInfo *wi = dtype_info(st->weight_dtype);
	if (wi->group_size > 0)
		text_out(o, " incl. %g scale bits per group of %d", wi->group_bits, wi->group_size);
	Dtype xd = strategy_expert_dtype(st);
	int moe_layers = sr->n_kind[LAYER_MOE] + sr->n_kind[LAYER_MOE | LAYER_SLIDING];
	if (model_is_moe(m) && xd != st->weight_dtype)
		text_out(o, "; the routed experts' %s x %g bytes (%s, %g scale bits per block of %d: "
		    "the checkpoint's quantization_config or expert_dtype)",
		    fmt_count(moe_layers * (double)m->n_experts / st->ep / eval_etp(st) *
		    (m->gated_mlp ? 3.0 : 2.0) * m->hidden * m->expert_intermediate, b, sizeof b),
		    dtype_weight_bytes(xd), dtype_name(xd), dtype_info(xd)->group_bits,
		    dtype_info(xd)->group_size);
	text_out(o, ")%s%s%s\n", sr->has_embedding ? ", embedding V/TP x h" : "",
	    sr->has_head ? ", LM head V/TP x h" : "",
	    dtype_is_quantized(st->weight_dtype) && (sr->has_embedding || sr->has_head) ?
	    " kept at 16 bits" : "");
	text_out(o, "  = %s (%s)\n", fmt_bytes(sr->weights_bytes, a, sizeof a),
	    fmt_gib(sr->weights_bytes, b, sizeof b));
	text_out(o, "  norms and routers replicated; KV heads replicated when TP > KV heads; "
	    "source: vLLM QKVParallelLinear, VocabParallelEmbedding");
}

static const char *
mode_text(MemMode mode)
{
	switch (mode) {
	case MEM_MODE_STATIC: return "(total - context - NCCL buffers) x fraction - weights "
		"(SGLang mem_fraction_static)";
	case MEM_MODE_FREE: return "(total - weights - activations - reserve) x fraction "
		"(TensorRT-LLM kv_cache_free_gpu_mem_fraction)";
	case MEM_MODE_TOTAL:
	default: return "total x fraction - weights - activations - reserve "
		"(vLLM gpu_memory_utilization)";
	}
}

static void
explain_phase(ExplainOut *o, const Result *r, Phase ph, const char *what)
{
	char a[32], b[32], c[32], d[32], e[32];
	double comp = 0, mem = 0, comm = 0, flo = 0, send = 0;

	for (int i = 0; i < r->n_stages; i++) {
		const PhaseTime *pt = &r->stages[i].phase[ph];
		comp += pt->compute_bound_s;
		mem += pt->memory_bound_s;
		comm += pt->comm_s;
		flo += pt->floor_s;
		send += r->stages[i].send_s[ph];
	}
	text_out(o, "  %s, summed over %d stage%s: compute-bound operators %s + memory-bound %s + "
	    "TP/EP communication %s + kernel floors %s + PP sends %s\n", what, r->n_stages,
	    r->n_stages == 1 ? "" : "s", fmt_seconds(comp, a, sizeof a), fmt_seconds(mem, b, sizeof b),
	    fmt_seconds(comm, c, sizeof c), fmt_seconds(flo, d, sizeof d), fmt_seconds(send, e, sizeof e));
	const char *dom = "compute (FLOPs / (peak x compute fraction))";
	double best = comp;
	if (mem > best)
		best = mem, dom = "HBM bandwidth (bytes / (bandwidth x memory fraction))";
	if (comm + send > best)
		best = comm + send, dom = "communication";
	if (flo > best)
		dom = "kernel floors (launch overhead)";
	text_out(o, "  dominant: %s\n", dom);
}

/* The kernels a latency figure used: attention kernel, GEMM efficiency,
 * all-reduce algorithm, host costs, the MoE load factor. */
static void
explain_kernels(ExplainOut *o, const Scenario *s, const Result *r, Phase ph)
{
	const Runtime *rt = &s->runtime;
	const Latency *l = &r->latency;
	char a[32], b[32], c[32];
	bool dec = ph == PHASE_DECODE;
	double attn = 0, mb;

	eval_micro_split(s->workload.batch, r->micro_batches, &mb);
	for (int i = 0; i < r->n_stages; i++)
		attn += r->stages[i].phase[ph].attn_s;
	if (dec)
		text_out(o, "  attention kernel: %s (%s %s), KV %s; %s, reaching %.0f%% of HBM reading %s "
		    "cached tokens per launch (attn_bw_fraction %.2f x kv / (kv + %.0f))\n", rt->attn_kernel,
		    rt->name, rt->version, rt->attn_reuse == ATTN_KV_PER_QHEAD ?
		    "streamed once per query head (a_q/a_kv times per KV head)" : "streamed once per KV head",
		    fmt_seconds(attn, a, sizeof a), 100 * l->decode_attn_bw_fraction,
		    fmt_int(mb * l->decode_ctx_tokens, b, sizeof b),
		    rt->attn_bw_fraction, rt->attn_ctx_half);
	else
		text_out(o, "  attention kernel: %s, %s at %.0f%% of the 16-bit peak (attn_compute_fraction)\n",
		    rt->attn_kernel, fmt_seconds(attn, a, sizeof a), 100 * rt->attn_compute_fraction);
	text_out(o, "  GEMM efficiency: %.1f%% of the %s peak (tile and wave quantization over %d SMs, "
	    "%dx%d tiles, smooth roofline p = %g)\n", 100 * (dec ? l->decode_gemm_eff : l->prefill_gemm_eff),
	    dtype_name(eval_compute_dtype(s)), s->cluster.gpu.sm_count, s->cluster.gpu.gemm_tile_m,
	    s->cluster.gpu.gemm_tile_n, s->cluster.gpu.roofline_sharpness);
	double rows = dec ? mb : s->workload.input_len;
	text_out(o, "  TP all-reduce: %s (%d GPUs, %s per call)\n",
	    ar_algo_name(dec ? l->decode_ar : l->prefill_ar), s->strategy.tp,
	    fmt_bytes(rows * s->model.hidden * dtype_bytes(s->strategy.act_dtype), c, sizeof c));
	if (dec)
		text_out(o, "  host per step: %s (step_overhead_s + seq_overhead_s x sequences), CUDA graphs %s\n",
		    fmt_seconds(l->host_step_s, a, sizeof a), rt->cuda_graphs ? "on" : "off (eager launches)");
	else
		text_out(o, "  host: %s (request_overhead_s + one step)\n",
		    fmt_seconds(l->host_request_s, a, sizeof a));
	if (dec && model_is_moe(&s->model) && s->strategy.ep > 1)
		text_out(o, "  MoE: the most-loaded EP rank gets %.2fx the mean tokens (moe_imbalance %.2f, "
		    "EPLB factor %.2f with %d redundant experts)\n",
		    l->moe_load_factor, rt->moe_imbalance, l->ep.eplb_factor, s->strategy.ep_redundant);
	if (model_is_moe(&s->model) && s->strategy.ep > 1) {
		const EpTraffic *t = dec ? &l->ep.decode : &l->ep.prefill;
		double all = t->nvlink_bytes + t->rdma_bytes;
		text_out(o, "  EP all-to-all: %s over %d NVLink domain%s, %s per MoE layer (%.0f%% NVLink, "
		    "the rest RDMA), %s dispatch + combine\n",
		    explain_ep_mode_text(dec ? l->ep.decode_mode : l->ep.prefill_mode, l->ep.nodes > 1),
		    l->ep.nodes, l->ep.nodes == 1 ? "" : "s", fmt_bytes(all, a, sizeof a),
		    all > 0 ? 100 * t->nvlink_bytes / all : 0, fmt_seconds(t->a2a_s, b, sizeof b));
	}
}

/* The hardware line of every latency explanation: the numbers eval used. */
static void
explain_hw(ExplainOut *o, const Scenario *s)
{
	const Gpu *g = &s->cluster.gpu;
	char a[32];

	text_out(o, "  %s: peak %.0f TFLOP/s (%s GEMMs) x compute fraction %.2f, HBM %.2f TB/s x memory "
	    "fraction %.2f, kernel floor %s; TP all-reduce over %s (NVLink domain of %d GPUs)",
	    g->name, eval_peak_flops(s) / 1e12, dtype_name(eval_compute_dtype(s)),
	    gpu_compute_fraction(g, eval_compute_dtype(s)),
	    g->hbm_bytes_per_s / 1e12, g->memory_fraction, fmt_seconds(s->runtime.kernel_floor_s, a, sizeof a),
	    cluster_group_fabric(&s->cluster, s->strategy.tp)->name, cluster_nvlink_domain(&s->cluster));
	Dtype xd = strategy_expert_dtype(&s->strategy);
	if (model_is_moe(&s->model) && xd != s->strategy.weight_dtype)
		text_out(o, "; routed experts (%s) at %.0f TFLOP/s (%s GEMMs)", dtype_name(xd),
		    gemm_peak_flops(g, xd, s->strategy.act_dtype) / 1e12,
		    dtype_name(gemm_compute_dtype(g, xd, s->strategy.act_dtype)));
}

void
explain_ttft(ExplainOut *o, const Scenario *s, const Result *r, int stage)
{
	char a[32];

	(void)stage;
	text_out(o, "ttft_s = prefill of one %d-token request on an idle deployment, through all %d "
	    "stages = %s\n", s->workload.input_len, r->n_stages, fmt_seconds(r->latency.ttft_s, a, sizeof a));
	explain_phase(o, r, PHASE_PREFILL, "per-operator roofline max(FLOPs/peak, bytes/bandwidth)");
	explain_kernels(o, s, r, PHASE_PREFILL);
	explain_hw(o, s);
}

void
explain_tpot(ExplainOut *o, const Scenario *s, const Result *r, int stage)
{
	const Workload *w = &s->workload;
	char a[32], b[32], c[32];

	(void)stage;
	text_out(o, "tpot_s = one decode step of %d sequences per replica at mean context %s tokens "
	    "(input %d + output %d / 2) = %s\n", w->batch,
	    fmt_int(r->latency.decode_ctx_tokens, a, sizeof a), w->input_len, w->output_len,
	    fmt_seconds(r->latency.tpot_s, b, sizeof b));
	PipeSchedule ps;
	eval_pipe_schedule(s, r, PHASE_DECODE, &ps);
	text_out(o, "  %d micro-batch%s of %.0f: step = max(path %s + host %s, %d x max(slowest stage %s, "
	    "host))\n", ps.micro_batches, ps.micro_batches == 1 ? "" : "es", ps.mb_seqs,
	    fmt_seconds(ps.path_s, a, sizeof a), fmt_seconds(ps.host_s, b, sizeof b), ps.micro_batches,
	    fmt_seconds(ps.slowest_s, c, sizeof c));
	explain_phase(o, r, PHASE_DECODE, "every weight read once per step plus each "
	    "sequence's KV cache");
	explain_kernels(o, s, r, PHASE_DECODE);
	explain_hw(o, s);
}

void
explain_batch_prefill(ExplainOut *o, const Scenario *s, const Result *r, int stage)
{
	const Workload *w = &s->workload;
	char a[32], b[32], c[32], d[32];
	PipeSchedule ps;

	(void)stage;
	eval_pipe_schedule(s, r, PHASE_BATCH_PREFILL, &ps);
	int m = ps.micro_batches;
	text_out(o, "batch_prefill_s = prefill of %d x %d tokens in %d micro-batch%s: path %s + (m-1) x "
	    "slowest stage %s (GPipe, arXiv 1811.06965) + host %s (request + m steps) = %s\n", w->batch,
	    w->input_len, m, m == 1 ? "" : "es", fmt_seconds(ps.path_s, b, sizeof b),
	    fmt_seconds(ps.slowest_s, c, sizeof c), fmt_seconds(ps.host_s, d, sizeof d),
	    fmt_seconds(r->latency.batch_prefill_s, a, sizeof a));
	explain_phase(o, r, PHASE_BATCH_PREFILL, "one micro-batch");
	explain_hw(o, s);
}

void
explain_e2e(ExplainOut *o, const Scenario *s, const Result *r, int stage)
{
	char a[32], b[32], c[32];

	(void)stage;
	text_out(o, "e2e_s = batch_prefill_s %s + (output_len %d - 1) x tpot_s %s = %s\n",
	    fmt_seconds(r->latency.batch_prefill_s, a, sizeof a), s->workload.output_len,
	    fmt_seconds(r->latency.tpot_s, b, sizeof b), fmt_seconds(r->latency.e2e_s, c, sizeof c));
	explain_hw(o, s);
}

void
explain_params_total(ExplainOut *o, const Scenario *s, const Result *r, int stage)
{
	(void)stage;
	explain_params(o, s, r, false);
}

void
explain_params_active(ExplainOut *o, const Scenario *s, const Result *r, int stage)
{
	(void)stage;
	explain_params(o, s, r, true);
}

void
explain_flops_per_token(ExplainOut *o, const Scenario *s, const Result *r, int stage)
{
	char a[32], b[32];

	(void)stage;
	text_out(o, "flops_per_token = 2 x %s matmul parameters per token (active, without the "
	    "embedding lookup, with the LM head) + attention 4 x heads x d_h x %s context "
	    "tokens per layer = %.3g FLOPs\n", fmt_count(r->params.active - r->params.embedding -
	    r->params.head + (double)s->model.vocab * s->model.hidden, a, sizeof a),
	    fmt_int(r->latency.decode_ctx_tokens, b, sizeof b), r->flops_per_token);
	text_out(o, "  source: Kaplan et al. (arXiv 2001.08361) sec. 2.1: C_forward = 2N + 2 n_layer "
	    "n_ctx d_attn");
}

void
explain_weights_bytes(ExplainOut *o, const Scenario *s, const Result *r, int stage)
{
	explain_weights(o, s, &r->stages[stage], stage);
}

void
explain_kv_bytes_per_token(ExplainOut *o, const Scenario *s, const Result *r, int stage)
{
	explain_kv_bpt(o, s, &r->stages[stage]);
}

void
explain_kv_cache(ExplainOut *o, const Scenario *s, const Result *r, int stage)
{
	const Workload *w = &s->workload;
	const StageResult *sr = &r->stages[stage];
	char a[32], b[32], c[32];

	text_out(o, "kv_cache_bytes (stage %d) = batch %d x %d tokens (input %d + output %d, whole "
	    "blocks of %d) x %s bytes per token = %s\n", stage, w->batch,
	    w->input_len + w->output_len, w->input_len, w->output_len, s->runtime.kv_block_tokens,
	    fmt_int(sr->kv_bytes_per_token, a, sizeof a), fmt_bytes(sr->kv_cache_bytes, b, sizeof b));
	if (sr->kv_pool_shortfall_bytes > 0)
		text_out(o, "  the workload's need; the runtime has no KV pool: short by %s",
		    fmt_bytes(sr->kv_pool_shortfall_bytes, c, sizeof c));
	else
		text_out(o, "  the workload's need; the runtime pre-allocates a pool of %s",
		    fmt_bytes(sr->kv_pool_bytes, c, sizeof c));
}

void
explain_kv_pool(ExplainOut *o, const Scenario *s, const Result *r, int stage)
{
	const Runtime *rt = &s->runtime;
	const StageResult *sr = &r->stages[stage];
	char a[32], b[32], c[32], d[32], e[32];

	text_out(o, "kv_pool_bytes (stage %d) = %s\n  = %s x %.2f, weights %s, activations %s, "
	    "reserve %s\n  = %s", stage, mode_text(rt->mode),
	    fmt_bytes(s->cluster.gpu.memory_bytes, a, sizeof a), rt->mem_fraction,
	    fmt_bytes(sr->weights_bytes, b, sizeof b), fmt_bytes(sr->activation_bytes, c, sizeof c),
	    fmt_bytes(sr->reserved_bytes, d, sizeof d), fmt_bytes(sr->kv_pool_bytes, e, sizeof e));
	if (sr->kv_pool_shortfall_bytes > 0)
		text_out(o, ": nothing is left for the KV cache, short by %s (kv_pool_shortfall_bytes)",
		    fmt_bytes(sr->kv_pool_shortfall_bytes, a, sizeof a));
}

void
explain_kv_shortfall(ExplainOut *o, const Scenario *s, const Result *r, int stage)
{
	const StageResult *sr = &r->stages[stage];
	char a[32], b[32];

	(void)s;
	text_out(o, "kv_pool_shortfall_bytes (stage %d) = what the weights, activations and reserve "
	    "exceed the runtime's budget by, when no room is left for a KV pool = %s\n"
	    "  (the pool is then %s, never negative)", stage,
	    fmt_bytes(sr->kv_pool_shortfall_bytes, a, sizeof a), fmt_bytes(sr->kv_pool_bytes, b, sizeof b));
}

void
explain_activation(ExplainOut *o, const Scenario *s, const Result *r, int stage)
{
	const Workload *w = &s->workload;
	const Runtime *rt = &s->runtime;
	const StageResult *sr = &r->stages[stage];
	char a[32], b[32];

	text_out(o, "activation_bytes (stage %d) = transient peak of one forward pass over "
	    "max_num_batched_tokens %d: tokens x %g bytes x (residual + normed input 2h + the "
	    "wider of attention q/k/v/out and MLP gate/up/act per GPU)", stage,
	    sr->activation_bytes > 0 ? (w->max_batched_tokens > 0 ?
	    w->max_batched_tokens : rt->max_num_batched_tokens) : 0, dtype_bytes(s->strategy.act_dtype));
	if (sr->has_head)
		text_out(o, " + sampler logits and probabilities (fp32, %d rows x vocab %d: %s)",
		    rt->max_num_seqs, s->model.vocab, fmt_bytes(sr->logits_bytes, a, sizeof a));
	text_out(o, "\n  = %s\n  source: vllm/v1/worker/gpu_worker.py determine_available_memory "
	    "(profile run), gpu_model_runner.py _dummy_sampler_run",
	    fmt_bytes(sr->activation_bytes, b, sizeof b));
}

void
explain_reserved(ExplainOut *o, const Scenario *s, const Result *r, int stage)
{
	const Runtime *rt = &s->runtime;
	char a[32], b[32], c[32], d[32];

	text_out(o, "reserved_bytes = CUDA context %s + CUDA graphs %s + communication buffers %s%s "
	    "= %s  (runtime %s)", fmt_bytes(rt->cuda_context_bytes, a, sizeof a),
	    fmt_bytes(rt->cuda_graph_bytes, b, sizeof b), fmt_bytes(rt->comm_buffer_bytes, c, sizeof c),
	    s->strategy.tp * s->strategy.pp > 1 ? "" : " (not charged: one GPU per replica)",
	    fmt_bytes(r->stages[stage].reserved_bytes, d, sizeof d), rt->name);
}

void
explain_per_gpu(ExplainOut *o, const Scenario *s, const Result *r, int stage)
{
	const StageResult *sr = &r->stages[stage];
	char a[32], b[32], c[32], d[32], e[32], f[32];

	text_out(o, "per_gpu_bytes (stage %d) = weights %s + KV cache for the workload %s + "
	    "activations %s + reserve %s = %s of %s capacity (%s)", stage,
	    fmt_bytes(sr->weights_bytes, a, sizeof a), fmt_bytes(sr->kv_cache_bytes, b, sizeof b),
	    fmt_bytes(sr->activation_bytes, c, sizeof c), fmt_bytes(sr->reserved_bytes, d, sizeof d),
	    fmt_bytes(sr->per_gpu_bytes, e, sizeof e),
	    fmt_bytes(s->cluster.gpu.memory_bytes, f, sizeof f), s->cluster.gpu.name);
}

void
explain_max_kv_tokens(ExplainOut *o, const Scenario *s, const Result *r, int stage)
{
	const Runtime *rt = &s->runtime;
	const StageResult *sr = &r->stages[stage];
	char a[32], b[32], c[32];

	text_out(o, "max_kv_tokens = floor(pool %s / (%s bytes per token x block %d)) x %d, the "
	    "minimum over the %d stages = %s tokens", fmt_bytes(sr->kv_pool_bytes, a, sizeof a),
	    fmt_int(sr->kv_bytes_per_token, b, sizeof b), rt->kv_block_tokens, rt->kv_block_tokens,
	    r->n_stages, fmt_int(r->memory.max_kv_tokens, c, sizeof c));
}

void
explain_max_seqs(ExplainOut *o, const Scenario *s, const Result *r, int stage)
{
	const StageResult *sr = &r->stages[stage];
	char a[32], b[32];

	text_out(o, "max_concurrent_seqs = floor(pool %s / KV of one %d-token sequence), minimum over "
	    "stages = %s", fmt_bytes(sr->kv_pool_bytes, a, sizeof a),
	    s->workload.input_len + s->workload.output_len,
	    fmt_int(r->memory.max_concurrent_seqs, b, sizeof b));
}

void
explain_tokens_per_s(ExplainOut *o, const Scenario *s, const Result *r, int stage)
{
	const Workload *w = &s->workload;
	char a[32], b[32], c[32];

	(void)stage;
	text_out(o, "tokens_per_s = DP %d x batch %d x output %d / e2e_s (batch_prefill_s %s + (output %d - 1) "
	    "x tpot_s %s) = %s (static batches)", s->strategy.dp, w->batch, w->output_len,
	    fmt_seconds(r->latency.batch_prefill_s, a, sizeof a), w->output_len,
	    fmt_seconds(r->latency.tpot_s, b, sizeof b), fmt_rate(r->throughput.tokens_per_s, "tok/s", c, sizeof c));
}

void
explain_tokens_per_gpu(ExplainOut *o, const Scenario *s, const Result *r, int stage)
{
	char a[32], b[32];

	(void)stage;
	text_out(o, "tokens_per_s_per_gpu = %s / %d GPUs (TP %d x PP %d x DP %d) = %s",
	    fmt_rate(r->throughput.tokens_per_s, "tok/s", a, sizeof a), r->gpus_used, s->strategy.tp,
	    s->strategy.pp, s->strategy.dp, fmt_rate(r->throughput.tokens_per_s_per_gpu, "tok/s", b, sizeof b));
}

void
explain_requests(ExplainOut *o, const Scenario *s, const Result *r, int stage)
{
	char a[32];

	(void)stage;
	text_out(o, "requests_per_s = tokens_per_s %s / output_len %d = %.2f req/s",
	    fmt_rate(r->throughput.tokens_per_s, "tok/s", a, sizeof a), s->workload.output_len,
	    r->throughput.requests_per_s);
}

/* MFU (PaLM, Chowdhery et al., arXiv 2204.02311, appendix B): model FLOPs
 * over time x the peak of the dtype the GEMMs run in: eval_peak_flops, the
 * same peak the roofline used. */
void
explain_mfu(ExplainOut *o, const Scenario *s, const Result *r, int stage)
{
	char a[32];

	(void)stage;
	text_out(o, "mfu = tokens_per_s %s x flops_per_token %.3g / (%d GPUs x peak %.0f TFLOP/s) = "
	    "%.1f%%\n  the peak is the dense %s peak of %s, the dtype the GEMMs run in (the one the "
	    "roofline uses); source: PaLM (arXiv 2204.02311) appendix B",
	    fmt_rate(r->throughput.tokens_per_s, "tok/s", a, sizeof a), r->flops_per_token,
	    r->gpus_used, eval_peak_flops(s) / 1e12, r->throughput.mfu * 100,
	    dtype_name(eval_compute_dtype(s)), s->cluster.gpu.name);
}

/* The figure's error band and the residual set it came from (bands.h). */
static void
explain_band(ExplainOut *o, const ResultField *f, const Scenario *s, const Result *r)
{
	FieldValue v;
	Band b;
	char val[48], band[64], set[160];

	if (f->band == BAND_NONE || field_get(f, s, r, -1, &v) != 0)
		return;
	if (s->runtime.calibration[0])
		text_out(o, "\n  calibrated: calibrations/%s.lua (shardlab calibrate) sets the efficiency "
		    "parameters above", s->runtime.calibration);
	if (field_band(f, s, &v, &b) != 0) {
		text_out(o, "\n  band: none (no %s residual set with %d rows for this class and engine)",
		    band_kind_name(f->band), BAND_MIN_ROWS);
		return;
	}
	text_out(o, "\n  band: %s %s, the p10-p90 of %s%s", field_format(f, &v, val, sizeof val),
	    field_format_band(f, &v, &b, band, sizeof band), band_set_text(b.set, set, sizeof set),
	    f->better == BETTER_HIGHER ? " (a rate: divided by the ratios)" : "");
}

int
explain_figure(const Scenario *s, const Result *r, const char *path, int stage, char *buf, size_t n)
{
	ExplainOut o = { .buf = buf, .n = n };
	const ResultField *f = field_find(path);

	buf[0] = '\0';
	if (r->status != EVAL_OK || r->n_stages < 1) {
		text_out(&o, "the layout is invalid; see the checks");
		return -1;
	}
	if (!f || !f->explain) {
		text_out(&o, "no explanation for '%s'", path);
		return -1;
	}
	if (stage < 0 || stage >= r->n_stages)
		stage = r->memory.stage;
	f->explain(&o, s, r, stage);
	explain_band(&o, f, s, r);
	return 0;
}
