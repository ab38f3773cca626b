/* model.h: a transformer's architecture and its parameter counts.
 *
 * Parameter formulas (per layer, h = hidden, a = heads, a_kv = KV heads,
 * d_h = head_dim, f = intermediate):
 *   attention  h*a*d_h (q) + 2*h*a_kv*d_h (k, v) + a*d_h*h (o), plus biases;
 *              Megatron-LM paper (Shoeybi et al., arXiv 1909.08053, sec. 3)
 *              generalised to GQA (Ainslie et al., arXiv 2305.13245).
 *   MLA        q_a h*r_q, q_b r_q*a*(d_nope+d_rope), kv_a h*(r_kv+d_rope),
 *              kv_b r_kv*a*(d_nope+d_v), o a*d_v*h, two low-rank norms;
 *              DeepSeek-V2 report (arXiv 2405.04434, sec. 2.1.2), HF
 *              modeling_deepseek.py DeepseekV3Attention.
 *   MLP        3*h*f gated (SwiGLU, Shazeer arXiv 2002.05202), else 2*h*f.
 *   MoE        E*3*h*f_e + router h*E + shared experts; Mixtral (arXiv
 *              2401.04088 sec. 2), DeepSeekMoE (arXiv 2401.06066 sec. 3).
 *   norms      h per RMSNorm (2h with LayerNorm's bias), two per layer
 *              (four in Gemma 2/3's sandwich: input, post-attention,
 *              pre- and post-feedforward, transformers modeling_gemma2.py),
 *              one final; Qwen3 and Gemma 3 add q_norm and k_norm of d_h each.
 *   embedding  V*h, LM head V*h unless tied.
 * Active parameters count top-k routed plus shared experts per MoE layer.
 */
#ifndef SHARDLAB_CORE_MODEL_H
#define SHARDLAB_CORE_MODEL_H

#include <stdbool.h>

#define MODEL_MAX_LAYERS 512
#define MODEL_NAME_MAX 64

/* Layer kind bits: a layer is dense or MoE, full or sliding-window. */
enum {
	LAYER_MOE = 1,
	LAYER_SLIDING = 2,
	LAYER_KINDS = 4
};

typedef enum { NORM_RMS, NORM_LAYER } NormType;

typedef struct Model {
	char name[MODEL_NAME_MAX];      /* catalog name or config path stem */
	char arch[MODEL_NAME_MAX];      /* HF model_type: "llama", "deepseek_v3" */
	int n_layers;
	int hidden;
	int n_heads;
	int n_kv_heads;
	int head_dim;
	int intermediate;               /* dense MLP width f */
	int vocab;
	int max_position;               /* max_position_embeddings, tokens */
	bool gated_mlp;
	bool tied_embeddings;
	bool qkv_bias;
	bool o_bias;
	bool mlp_bias;
	bool qk_norm;                   /* Qwen3, Gemma 3 per-head q_norm/k_norm */
	int norms_per_layer;            /* RMSNorms per layer; 0 = 2 (Gemma 2/3: 4) */
	NormType norm;

	/* MoE; n_experts == 0 for dense models */
	int n_experts;
	int top_k;
	int expert_intermediate;        /* f_e */
	int n_shared_experts;           /* DeepSeek: shared experts of width f_e */
	int shared_intermediate;        /* Qwen2-MoE: one shared expert of this width */
	bool shared_expert_gate;        /* Qwen2-MoE sigmoid gate h*1 */
	bool router_bias;               /* gpt-oss router bias, DeepSeek-V3 e_score_correction_bias */
	bool expert_bias;               /* gpt-oss expert biases */

	/* MLA (DeepSeek-V2/V3); kv_lora_rank == 0 when absent */
	int q_lora_rank;
	int kv_lora_rank;
	int qk_nope_head_dim;
	int qk_rope_head_dim;
	int v_head_dim;

	/* multi-token-prediction layers (DeepSeek-V3 num_nextn_predict_layers);
	 * not among n_layers, not in the parameter counts: speculative decoding's
	 * MTP drafter (eval.h SpecResult) */
	int mtp_layers;
	/* sliding-window attention; 0 when absent.  Llama 4's chunked local
	 * attention is held as a window of attention_chunk_size (chunked): a
	 * chunked layer sees at most that many keys (vLLM
	 * ChunkedLocalAttentionSpec), so KV memory and reads are bounded by it */
	int sliding_window;             /* tokens */
	bool chunked;                   /* the window is Llama 4's attention_chunk_size */

	/* What config.json says that the model does not represent (logit
	 * soft-capping, partial RoPE, a vision tower, MTP layers), for `import`
	 * and eval's notes; "" when nothing */
	char unmodelled[192];

	/* The checkpoint's own storage (config.json torch_dtype and
	 * quantization_config): the weight dtype a serving engine loads when
	 * none is chosen (vLLM --dtype auto / --quantization from the config). */
	char torch_dtype[16];           /* "bfloat16"; "" when absent */
	char quant_method[24];          /* quantization_config.quant_method; "" when none */
	char quant_detail[64];          /* "e4m3, blocks 128x128", "4 bits, group 128"; may be "" */
	bool has_ckpt_dtype;            /* false: unknown (a model made in Lua, an odd format) */
	int ckpt_dtype;                 /* Dtype of the stored weights (dtype.h) */
	bool has_ckpt_expert_dtype;     /* the routed experts are stored apart (gpt-oss) */
	int ckpt_expert_dtype;          /* their Dtype; the rest is ckpt_dtype */

	unsigned char layer_kind[MODEL_MAX_LAYERS];     /* LAYER_* bits */
	/* kind_prefix[k][i]: layers of kind k among layers [0, i); model_finalize */
	short kind_prefix[LAYER_KINDS][MODEL_MAX_LAYERS + 1];
} Model;

/* Per-layer and whole-model parameter counts (elements, not bytes). */
typedef struct ModelParams {
	double attn;            /* one layer's attention incl. biases, q/k norms */
	double attn_replicated; /* of which replicated across TP (MLA down-projections, norms) */
	double layer_norms;     /* one layer's input/post-attention norms */
	double mlp;             /* one dense layer's MLP incl. biases */
	double expert;          /* one routed expert incl. biases */
	double shared;          /* one MoE layer's shared experts incl. gate */
	double router;          /* one MoE layer's router incl. bias */
	double embedding;       /* V*h */
	double head;            /* V*h, 0 when tied */
	double final_norm;
	double total;
	double active;          /* per token: top-k + shared experts */
	int dense_layers;
	int moe_layers;
} ModelParams;

/* model_finalize: fill kind_prefix from layer_kind.  Call after setting the
 * fields and layer_kind; model_validate calls it. */
void model_finalize(Model *m);

/* model_validate: check fields for consistency.  Returns 0, or -1 with the
 * offending field's config.json name in *field and the reason in *why
 * (static strings). */
int model_validate(Model *m, const char **field, const char **why);

/* model_params: parameter counts of `m` (elements).  Pure. */
void model_params(const Model *m, ModelParams *out);

/* model_is_moe / model_is_mla: architecture predicates. */
bool model_is_moe(const Model *m);
bool model_is_mla(const Model *m);

/* model_q_width: query projection output width (a*d_h; MLA a*(nope+rope)). */
double model_q_width(const Model *m);

/* model_attn_out_width: attention output width before o_proj (a*d_h; MLA a*d_v). */
double model_attn_out_width(const Model *m);

/* model_layers_of_kind: layers of `kind` among [first, first + n). */
int model_layers_of_kind(const Model *m, int kind, int first, int n);

#endif
