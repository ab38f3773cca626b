/* model.c: architecture validation and parameter counts; formulas in model.h. */
#include "model.h"

bool
model_is_moe(const Model *m)
{
	return m->n_experts > 0;
}

bool
model_is_mla(const Model *m)
{
	return m->kv_lora_rank > 0;
}

double
model_q_width(const Model *m)
{
	if (model_is_mla(m))
		return (double)m->n_heads * (m->qk_nope_head_dim + m->qk_rope_head_dim);
	return (double)m->n_heads * m->head_dim;
}

double
model_attn_out_width(const Model *m)
{
	if (model_is_mla(m))
		return (double)m->n_heads * m->v_head_dim;
	return (double)m->n_heads * m->head_dim;
}

void
model_finalize(Model *m)
{
	int n = m->n_layers;

	if (n > MODEL_MAX_LAYERS)
		n = MODEL_MAX_LAYERS;
	for (int k = 0; k < LAYER_KINDS; k++)
		m->kind_prefix[k][0] = 0;
	for (int i = 0; i < n; i++) {
		for (int k = 0; k < LAYER_KINDS; k++)
			m->kind_prefix[k][i + 1] = (short)(m->kind_prefix[k][i] +
			    (m->layer_kind[i] == k));
	}
}

int
model_layers_of_kind(const Model *m, int kind, int first, int n)
{
	return m->kind_prefix[kind][first + n] - m->kind_prefix[kind][first];
}

int
model_validate(Model *m, const char **field, const char **why)
{
#define REQUIRE(cond, f, w) do { if (!(cond)) { *field = (f); *why = (w); return -1; } } while (0)
	REQUIRE(m->n_layers >= 1, "num_hidden_layers", "must be >= 1");
	REQUIRE(m->n_layers <= MODEL_MAX_LAYERS, "num_hidden_layers", "must be <= 512");
	REQUIRE(m->hidden >= 1 && m->hidden <= 1 << 20, "hidden_size", "must be in 1..1048576");
	REQUIRE(m->n_heads >= 1 && m->n_heads <= 1 << 14, "num_attention_heads", "must be in 1..16384");
	REQUIRE(m->n_kv_heads >= 1 && m->n_kv_heads <= m->n_heads, "num_key_value_heads",
	    "must be in 1..num_attention_heads");
	REQUIRE(m->n_heads % m->n_kv_heads == 0, "num_key_value_heads",
	    "must divide num_attention_heads");
	REQUIRE(m->head_dim >= 1 && m->head_dim <= 1 << 14, "head_dim", "must be in 1..16384");
	REQUIRE(m->vocab >= 1 && m->vocab <= 1 << 24, "vocab_size", "must be in 1..16777216");
	REQUIRE(m->intermediate >= 0 && m->intermediate <= 1 << 22, "intermediate_size",
	    "must be in 0..4194304");
	REQUIRE(m->max_position >= 0, "max_position_embeddings", "must be >= 0");
	REQUIRE(m->sliding_window >= 0, "sliding_window", "must be >= 0");
	if (m->n_experts > 0) {
		REQUIRE(m->n_experts <= 1 << 14, "num_local_experts", "must be <= 16384");
		REQUIRE(m->top_k >= 1 && m->top_k <= m->n_experts, "num_experts_per_tok",
		    "must be in 1..number of experts");
		REQUIRE(m->expert_intermediate >= 1, "moe_intermediate_size", "must be >= 1");
	}
	if (m->kv_lora_rank > 0) {
		REQUIRE(m->qk_rope_head_dim >= 1, "qk_rope_head_dim", "must be >= 1 for MLA");
		REQUIRE(m->v_head_dim >= 1, "v_head_dim", "must be >= 1 for MLA");
		REQUIRE(m->qk_nope_head_dim >= 0, "qk_nope_head_dim", "must be >= 0");
	}
	bool any_moe = false;
	for (int i = 0; i < m->n_layers; i++) {
		any_moe |= (m->layer_kind[i] & LAYER_MOE) != 0;
		if (!(m->layer_kind[i] & LAYER_MOE))
			REQUIRE(m->intermediate >= 1, "intermediate_size", "must be >= 1 for dense layers");
	}
	REQUIRE(!any_moe || m->n_experts > 0, "num_local_experts", "MoE layers need experts");
#undef REQUIRE
	model_finalize(m);
	return 0;
}

void
model_params(const Model *m, ModelParams *p)
{
	double h = m->hidden, a = m->n_heads, a_kv = m->n_kv_heads, d = m->head_dim;
	double norm_w = m->norm == NORM_LAYER ? 2.0 : 1.0;     /* LayerNorm adds a bias */

	*p = (ModelParams){ 0 };
	if (model_is_mla(m)) {
		double qk = m->qk_nope_head_dim + m->qk_rope_head_dim;
		double down = 0, up = 0;

		if (m->q_lora_rank > 0) {
			down += h * m->q_lora_rank + m->q_lora_rank * norm_w;  /* q_a_proj, q_a_layernorm */
			up += (double)m->q_lora_rank * a * qk;                  /* q_b_proj */
		} else {
			up += h * a * qk;                                        /* q_proj */
		}
		down += h * (m->kv_lora_rank + m->qk_rope_head_dim);          /* kv_a_proj_with_mqa */
		down += m->kv_lora_rank * norm_w;                             /* kv_a_layernorm */
		up += (double)m->kv_lora_rank * a * (m->qk_nope_head_dim + m->v_head_dim); /* kv_b_proj */
		up += a * m->v_head_dim * h;                                  /* o_proj */
		p->attn = down + up;
		p->attn_replicated = down;
	} else {
		p->attn = h * a * d + 2 * h * a_kv * d + a * d * h;
		if (m->qkv_bias)
			p->attn += a * d + 2 * a_kv * d;
		if (m->o_bias)
			p->attn += h;
		if (m->qk_norm) {
			p->attn += 2 * d;
			p->attn_replicated += 2 * d;
		}
	}
	p->layer_norms = (m->norms_per_layer > 0 ? m->norms_per_layer : 2) * h * norm_w;

	double f = m->intermediate;
	double mats = m->gated_mlp ? 3.0 : 2.0;
	p->mlp = mats * h * f + (m->mlp_bias ? (mats - 1) * f + h : 0);
	if (model_is_moe(m)) {
		double fe = m->expert_intermediate;
		p->expert = mats * h * fe + (m->expert_bias ? (mats - 1) * fe + h : 0);
		p->shared = m->n_shared_experts * mats * h * fe;
		if (m->shared_intermediate > 0)
			p->shared += mats * h * m->shared_intermediate;
		if (m->shared_expert_gate)
			p->shared += h;
		p->router = h * m->n_experts + (m->router_bias ? m->n_experts : 0);
	}
	p->embedding = (double)m->vocab * h;
	p->head = m->tied_embeddings ? 0 : (double)m->vocab * h;
	p->final_norm = h * norm_w;

	for (int i = 0; i < m->n_layers; i++) {
		if (m->layer_kind[i] & LAYER_MOE)
			p->moe_layers++;
		else
			p->dense_layers++;
	}
	double common = p->embedding + p->head + p->final_norm +
	    m->n_layers * (p->attn + p->layer_norms) + p->dense_layers * p->mlp;
	double moe_fixed = p->shared + p->router;
	p->total = common + p->moe_layers * (moe_fixed + m->n_experts * p->expert);
	p->active = common + p->moe_layers * (moe_fixed + m->top_k * p->expert);
}
