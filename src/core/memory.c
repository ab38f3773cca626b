/* memory.c: bytes each GPU holds, per pipeline stage.
 *
 * Weights: TP shards q/o and k/v by heads (k/v replicated when TP > a_kv,
 * vLLM QKVParallelLinear num_kv_head_replicas), MLP columns/rows, and the
 * vocabulary (VocabParallelEmbedding, ParallelLMHead); norms, MoE routers and
 * MLA down-projections (ReplicatedLinear in vllm/model_executor/models/
 * deepseek_v2.py) are replicated.  Experts: E/EP per GPU, each split by
 * expert TP.  Embedding on the first stage, LM head on the last (a tied head
 * is a second copy when PP > 1).
 * KV cache per token: 2 * layers * ceil(a_kv/TP) * d_h * bytes (vLLM
 * FullAttentionSpec page size); MLA: (kv_lora_rank + rope dim) * bytes per
 * layer, replicated across TP (vLLM MLAAttentionSpec); sliding-window
 * layers hold at most the window (SlidingWindowSpec).
 * Activations: the transient peak of the profiling forward pass over
 * max_num_batched_tokens (vllm/v1/worker/gpu_worker.py
 * determine_available_memory profiles one such pass) plus the sampler's
 * fp32 logits and probabilities for max_num_seqs rows over the full vocabulary
 * (gpu_model_runner.py _dummy_sampler_run; logits are gathered across TP).
 */
#include <math.h>

#include "eval-internal.h"

/* fp8 MLA cache: one fp32 scale per 128 latent values (FlashMLA FP8). */
#define MLA_FP8_SCALE_BYTES 4.0
#define MLA_FP8_SCALE_GROUP 128.0
/* Sampler: fp32 logits plus fp32 probabilities per vocabulary entry. */
#define SAMPLER_BYTES_PER_VOCAB (4.0 + 4.0)

#define MIB 1048576.0

/* SGLang's GPU-memory buckets (server_args.py _handle_gpu_memory_settings). */
static void
sglang_buckets(double mib, int tp, int *chunk, int *graph_bs)
{
	if (mib < 35 * 1024) {
		*chunk = 2048;
		*graph_bs = tp < 4 ? 24 : 80;
	} else if (mib < 60 * 1024) {
		*chunk = 4096;
		*graph_bs = tp < 4 ? 32 : 160;
	} else if (mib < 160 * 1024) {
		*chunk = 8192;
		*graph_bs = tp < 4 ? 256 : 512;
	} else {
		*chunk = 16384;
		*graph_bs = 512;
	}
}

double
runtime_mem_fraction(const Runtime *rt, const Gpu *g, int tp, int pp)
{
	if (!rt->mem_fraction_auto || g->memory_bytes <= 0)
		return rt->mem_fraction;
	double mib = g->memory_bytes / MIB;
	int chunk, bs;
	sglang_buckets(mib, tp, &chunk, &bs);
	double reserved = 512 + fmax(chunk, 2048) * 1.5 + bs * 2.0 + tp * pp / 8.0 * 1024;
	if (mib > 60 * 1024)
		reserved = fmax(reserved, 10 * 1024);
	return round((mib - reserved) / mib * 1000) / 1000;
}

void
memory_init(EvalCtx *c)
{
	const Model *m = c->m;
	double h = m->hidden, tp = c->tp;
	double norm_w = m->norm == NORM_LAYER ? 2.0 : 1.0;
	const ModelParams *p = &c->mp;

	c->heads_loc = (double)m->n_heads / tp;
	c->kv_heads_loc = ceil((double)m->n_kv_heads / tp);
	c->q_loc = model_q_width(m) / tp;
	c->out_loc = model_attn_out_width(m) / tp;
	c->kv_w_loc = c->kv_heads_loc * m->head_dim;
	c->f_loc = m->intermediate / tp;

	/* one layer's attention per GPU, split into linear weights and small
	 * 16-bit tensors (biases, q/k norms, low-rank norms) */
	double attn_lin, attn_small;
	if (model_is_mla(m)) {
		double down = (m->q_lora_rank > 0 ? h * m->q_lora_rank : 0) +
		    h * (m->kv_lora_rank + m->qk_rope_head_dim);
		double lin_total = p->attn - (m->q_lora_rank + m->kv_lora_rank) * norm_w;
		attn_lin = down + (lin_total - down) / tp;
		attn_small = (m->q_lora_rank + m->kv_lora_rank) * norm_w;
	} else {
		attn_lin = 2 * h * c->q_loc + 2 * h * c->kv_w_loc;
		attn_small = (m->qkv_bias ? c->q_loc + 2 * c->kv_w_loc : 0) +
		    (m->o_bias ? h : 0) + (m->qk_norm ? 2.0 * m->head_dim : 0);
	}
	double mats = m->gated_mlp ? 3.0 : 2.0;
	double mlp_lin = mats * h * c->f_loc;
	double mlp_small = m->mlp_bias ? (mats - 1) * c->f_loc + h : 0;
	double moe_lin = 0, moe_small = 0, moe_routed = 0;
	if (model_is_moe(m)) {
		double experts_loc = (double)(m->n_experts + strategy_redundant(&c->s->strategy)) / c->ep;
		double expert_lin = mats * h * m->expert_intermediate;
		moe_routed = experts_loc * expert_lin / c->etp;         /* in the experts' dtype */
		moe_lin = p->shared / tp;
		moe_small = experts_loc * (p->expert - expert_lin) / c->etp + p->router;
	}
	/* MLA latent per token and layer; the fp8 layout with scales keeps the
	 * r_kv part in fp8 with one fp32 scale per 128 values and the rope
	 * part in bf16: 512 + 4*4 + 64*2 = 656 bytes for DeepSeek-V3
	 * (vllm/v1/attention/backends/mla/flashmla_sparse.py, kv_cache_dtype
	 * "fp8_ds_mla"; FlashMLA's FP8 KV format) */
	c->mla_kv_bpt = (double)(m->kv_lora_rank + m->qk_rope_head_dim) * c->b_kv;
	if (model_is_mla(m) && c->b_kv == 1 && c->s->runtime.mla_fp8_scales)
		c->mla_kv_bpt = m->kv_lora_rank * (1.0 + MLA_FP8_SCALE_BYTES / MLA_FP8_SCALE_GROUP) +
		    m->qk_rope_head_dim * 2.0;
	double kv_attn = model_is_mla(m) ? c->mla_kv_bpt : 2.0 * c->kv_w_loc * c->b_kv;

	for (int k = 0; k < LAYER_KINDS; k++) {
		double lin = attn_lin, small = attn_small + p->layer_norms, routed = 0;
		if (k & LAYER_MOE) {
			lin += moe_lin;
			routed = moe_routed;
			small += moe_small;
		} else {
			lin += mlp_lin;
			small += mlp_small;
		}
		c->layer_params[k] = lin + routed + small;
		c->layer_w_bytes[k] = lin * c->b_w + routed * c->b_x + small * c->b_o;
		c->layer_kv_bpt[k] = kv_attn;
	}
}

/* MTP's enorm and hnorm plus its shared head's norm (deepseek_mtp.py). */
#define MTP_NORMS 3.0

void
memory_spec(EvalCtx *c)
{
	const Model *m = c->m;
	double h = m->hidden;

	c->spec_w_bytes = c->spec_kv_bpt = 0;
	if (c->spec == SPEC_DRAFT) {
		/* a separate model: all its layers, its own embedding and head,
		 * TP-sharded like the target (vocab-parallel) */
		const EvalCtx *d = c->draft;
		if (!d)
			return;
		const Model *dm = d->m;
		for (int k = 0; k < LAYER_KINDS; k++) {
			int n = model_layers_of_kind(dm, k, 0, dm->n_layers);
			c->spec_w_bytes += n * d->layer_w_bytes[k];
			c->spec_kv_bpt += n * d->layer_kv_bpt[k];
		}
		double vocab_loc = (double)dm->vocab / d->tp;
		c->spec_w_bytes += vocab_loc * dm->hidden * d->b_e * (dm->tied_embeddings ? 1 : 2) +
		    dm->hidden * d->b_o;
		return;
	}
	/* EAGLE: one dense decoder layer of the target's shape; MTP: one layer
	 * of the kind of the target's last (MoE in DeepSeek-V3); both share
	 * the target's embedding and LM head (vllm/v1/spec_decode/eagle.py
	 * load_model shares embed_tokens and lm_head) and hold their own KV */
	int k = c->spec == SPEC_MTP ? c->spec_kind : 0;
	c->spec_w_bytes = c->layer_w_bytes[k] + 2 * h * h * SPEC_FC_BYTES +
	    (c->spec == SPEC_MTP ? MTP_NORMS * h * c->b_o : 0);
	c->spec_kv_bpt = c->layer_kv_bpt[k];
}

/* Transient activation peak per GPU of one forward pass over `t` tokens:
 * residual + normed input (2h), plus the wider of the attention block
 * (q, k, v, output) and the MLP block (gate/up 2f + activation f; MoE:
 * fused_moe's intermediate caches top_k * (2f_e + f_e + h) per token,
 * vllm/model_executor/layers/fused_moe/fused_moe.py). */
static double
activation_peak(const EvalCtx *c, double t, bool any_moe, bool any_dense)
{
	const Model *m = c->m;
	double h = m->hidden;
	double attn = c->q_loc + 2 * c->kv_w_loc + c->out_loc;
	double mlp = any_dense ? 3 * c->f_loc : 0;
	if (any_moe) {
		double fe = (double)m->expert_intermediate / c->etp;
		double moe = m->top_k * (3 * fe + h);
		if (moe > mlp)
			mlp = moe;
	}
	return t * c->b_a * (2 * h + (attn > mlp ? attn : mlp));
}

/* KV bytes of one sequence of `len` tokens on a stage: full layers hold
 * every token, sliding layers at most the window; whole blocks. */
static double
kv_seq_bytes(const EvalCtx *c, const StageResult *sr, double len)
{
	double block = c->s->runtime.kv_block_tokens > 0 ? c->s->runtime.kv_block_tokens : 1;
	double w = c->m->sliding_window;
	double full_tokens = ceil(len / block) * block;
	double slide_len = w > 0 ? fmin(len, w) : len;
	double slide_tokens = ceil(slide_len / block) * block;
	double slide_bpt = sr->kv_bytes_per_token - sr->kv_bytes_per_token_full;
	return sr->kv_bytes_per_token_full * full_tokens + slide_bpt * slide_tokens;
}

void
memory_stage(const EvalCtx *c, int stage, StageResult *sr)
{
	const Model *m = c->m;
	const Runtime *rt = &c->s->runtime;
	const Workload *w = &c->s->workload;
	double h = m->hidden, tp = c->tp;
	double norm_w = m->norm == NORM_LAYER ? 2.0 : 1.0;

	sr->has_embedding = stage == 0;
	sr->has_head = stage == c->pp - 1;
	for (int k = 0; k < LAYER_KINDS; k++)
		sr->n_kind[k] = model_layers_of_kind(m, k, sr->first_layer, sr->n_layers);

	double params = 0, wbytes = 0, kv_bpt = 0, kv_bpt_full = 0;
	bool any_moe = false, any_dense = false;
	for (int k = 0; k < LAYER_KINDS; k++) {
		int n = sr->n_kind[k];
		params += n * c->layer_params[k];
		wbytes += n * c->layer_w_bytes[k];
		kv_bpt += n * c->layer_kv_bpt[k];
		if (!(k & LAYER_SLIDING))
			kv_bpt_full += n * c->layer_kv_bpt[k];
		if (n > 0)
			*((k & LAYER_MOE) ? &any_moe : &any_dense) = true;
	}
	double vocab_loc = (double)m->vocab / tp;
	if (sr->has_embedding) {
		params += vocab_loc * h;
		wbytes += vocab_loc * h * c->b_e;
	}
	if (sr->has_head) {
		/* a tied head shares the embedding only when both are on this GPU */
		if (!m->tied_embeddings || c->pp > 1) {
			params += vocab_loc * h;
			wbytes += vocab_loc * h * c->b_e;
		}
		params += h * norm_w;
		wbytes += h * norm_w * c->b_o;
	}
	/* the drafter runs after the target's last layer, beside its head;
	 * its layers' KV shares the pool (vLLM allocates the draft's attention
	 * layers in the same KV cache, vllm/v1/spec_decode/eagle.py) */
	sr->draft_bytes = 0;
	if (sr->has_head && c->s->spec.tokens > 0) {
		sr->draft_bytes = c->spec_w_bytes;
		wbytes += c->spec_w_bytes;
		kv_bpt += c->spec_kv_bpt;
		kv_bpt_full += c->spec_kv_bpt;
	}
	sr->params = params;
	sr->weights_bytes = wbytes;
	sr->kv_bytes_per_token = kv_bpt;
	sr->kv_bytes_per_token_full = kv_bpt_full;

	double t = c->max_batched_tokens;
	sr->activation_bytes = activation_peak(c, t, any_moe, any_dense);
	sr->logits_bytes = 0;
	if (sr->has_head) {
		double rows = fmin(rt->max_num_seqs > 0 ? rt->max_num_seqs : t, t);
		sr->logits_bytes = rows * m->vocab * SAMPLER_BYTES_PER_VOCAB;
		sr->activation_bytes += sr->logits_bytes;
	}
	sr->reserved_bytes = rt->cuda_context_bytes + rt->cuda_graph_bytes +
	    (c->tp * c->pp > 1 ? rt->comm_buffer_bytes : 0);

	double cap = c->s->cluster.gpu.memory_bytes;
	double fixed = sr->weights_bytes + sr->activation_bytes + sr->reserved_bytes;
	switch (rt->mode) {
	case MEM_MODE_STATIC: {
		/* SGLang measures total_gpu_memory after distributed init (CUDA
		 * context and NCCL buffers already taken), then rest = free after
		 * weights - total * (1 - frac) (model_runner.py
		 * profile_max_num_token): pool = (cap - context - comm) * frac -
		 * weights; CUDA graphs and activations live in the remainder. */
		double base = cap - rt->cuda_context_bytes - (c->tp * c->pp > 1 ? rt->comm_buffer_bytes : 0);
		sr->budget_bytes = base * c->mem_fraction;
		sr->kv_pool_bytes = sr->budget_bytes - sr->weights_bytes;
		break;
	}
	case MEM_MODE_FREE:
		sr->budget_bytes = cap;
		sr->kv_pool_bytes = (cap - fixed) * c->mem_fraction;
		break;
	case MEM_MODE_TOTAL:
	default:
		/* before vLLM 0.21 CUDA graphs were captured after the KV cache
		 * was sized, out of the (1 - utilization) slack (vLLM PR #21489:
		 * "The estimation does not include CUDAGraph memory") */
		sr->budget_bytes = cap * c->mem_fraction;
		sr->kv_pool_bytes = sr->budget_bytes - fixed +
		    (rt->cuda_graph_profiled ? 0 : rt->cuda_graph_bytes);
		break;
	}

	sr->kv_bytes_per_seq = kv_seq_bytes(c, sr, c->max_model_len);
	double seq_need = kv_seq_bytes(c, sr, (double)w->input_len + w->output_len);
	/* prefix caching: the shared prefix's blocks are held once; a request
	 * that hits them holds only the rest (the mean over hits and misses) */
	sr->prefix_bytes = c->cached_tokens > 0 ? kv_seq_bytes(c, sr, c->prefix_tokens) : 0;
	double hit = c->prefix_tokens > 0 ? c->cached_tokens / c->prefix_tokens : 0;
	double seq_own = seq_need - hit * sr->prefix_bytes;
	sr->kv_cache_bytes = w->batch * seq_own + sr->prefix_bytes;
	sr->per_gpu_bytes = fixed + sr->kv_cache_bytes;

	/* a pool is never negative: what is missing is the shortfall */
	sr->kv_pool_shortfall_bytes = sr->kv_pool_bytes < 0 ? -sr->kv_pool_bytes : 0;
	if (sr->kv_pool_bytes < 0)
		sr->kv_pool_bytes = 0;
	double block = rt->kv_block_tokens > 0 ? rt->kv_block_tokens : 1;
	if (sr->kv_pool_bytes <= 0 || kv_bpt <= 0) {
		sr->max_kv_tokens = sr->kv_pool_bytes > 0 ? INFINITY : 0;
		sr->max_concurrent_seqs = sr->max_kv_tokens;
	} else {
		sr->max_kv_tokens = floor(sr->kv_pool_bytes / (kv_bpt * block)) * block;
		double room = sr->kv_pool_bytes - sr->prefix_bytes;
		sr->max_concurrent_seqs = seq_own > 0 && room > 0 ? floor(room / seq_own) : 0;
	}
}

void
memory_summarise(const EvalCtx *c, Result *r)
{
	MemorySummary *ms = &r->memory;
	int full = 0;
	double ratio = -INFINITY;

	/* the fullest stage: the highest need relative to its budget */
	for (int i = 0; i < r->n_stages; i++) {
		const StageResult *sr = &r->stages[i];
		double need = c->s->runtime.mode == MEM_MODE_STATIC ?
		    sr->weights_bytes + sr->kv_cache_bytes : sr->per_gpu_bytes;
		double x = need / sr->budget_bytes;
		if (x > ratio) {
			ratio = x;
			full = i;
		}
	}
	const StageResult *f = &r->stages[full];
	ms->stage = full;
	ms->per_gpu_bytes = f->per_gpu_bytes;
	ms->weights_bytes = f->weights_bytes;
	ms->kv_cache_bytes = f->kv_cache_bytes;
	ms->kv_pool_bytes = f->kv_pool_bytes;
	ms->kv_pool_shortfall_bytes = f->kv_pool_shortfall_bytes;
	ms->activation_bytes = f->activation_bytes;
	ms->reserved_bytes = f->reserved_bytes;
	ms->capacity_bytes = c->s->cluster.gpu.memory_bytes;
	ms->budget_bytes = f->budget_bytes;
	ms->kv_bytes_per_token = f->kv_bytes_per_token;
	ms->max_kv_tokens = INFINITY;
	ms->max_concurrent_seqs = INFINITY;
	for (int i = 0; i < r->n_stages; i++) {
		/* every token needs room on every stage (vLLM takes the minimum
		 * block count across workers) */
		ms->max_kv_tokens = fmin(ms->max_kv_tokens, r->stages[i].max_kv_tokens);
		ms->max_concurrent_seqs = fmin(ms->max_concurrent_seqs, r->stages[i].max_concurrent_seqs);
	}
	if (!isfinite(ms->max_kv_tokens))
		ms->max_kv_tokens = 0;
	if (!isfinite(ms->max_concurrent_seqs))
		ms->max_concurrent_seqs = 0;
}
