/* hfconfig.c: Hugging Face config.json -> Model, through cJSON.
 * Key names follow transformers' configuration_*.py for each model_type. */
#include "hfconfig.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "hfquant.h"
#include "util/xmalloc.h"

/* config.json files are a few kB; 16 MiB rules out a mistaken weights file */
#define CONFIG_MAX_BYTES (16u << 20)

typedef enum {
	ARCH_LLAMA, ARCH_MISTRAL, ARCH_MIXTRAL, ARCH_QWEN2, ARCH_QWEN2_MOE, ARCH_QWEN3,
	ARCH_QWEN3_MOE, ARCH_DEEPSEEK, ARCH_GPT_OSS, ARCH_GEMMA2, ARCH_GEMMA3, ARCH_LLAMA4,
	ARCH_GLM4_MOE
} Arch;

static const struct {
	const char *model_type;
	Arch arch;
} arch_table[] = {
	{ "llama", ARCH_LLAMA }, { "mistral", ARCH_MISTRAL }, { "mixtral", ARCH_MIXTRAL },
	{ "qwen2", ARCH_QWEN2 }, { "qwen2_moe", ARCH_QWEN2_MOE }, { "qwen3", ARCH_QWEN3 },
	{ "qwen3_moe", ARCH_QWEN3_MOE }, { "deepseek_v2", ARCH_DEEPSEEK },
	{ "deepseek_v3", ARCH_DEEPSEEK }, { "gpt_oss", ARCH_GPT_OSS },
	{ "phi3", ARCH_LLAMA }, { "granite", ARCH_LLAMA }, { "olmo2", ARCH_LLAMA },
	/* Kimi K2 is DeepSeek-V3's architecture under its own model_type
	 * (moonshotai/Kimi-K2-Instruct config.json; vLLM maps it to
	 * DeepseekV3ForCausalLM) */
	{ "kimi_k2", ARCH_DEEPSEEK },
	{ "gemma2", ARCH_GEMMA2 }, { "gemma3", ARCH_GEMMA3 }, { "gemma3_text", ARCH_GEMMA3 },
	{ "llama4", ARCH_LLAMA4 }, { "llama4_text", ARCH_LLAMA4 }, { "glm4_moe", ARCH_GLM4_MOE },
};

const char *
hfconfig_supported(void)
{
	return "llama, mistral, mixtral, qwen2, qwen2_moe, qwen3, qwen3_moe, deepseek_v2, "
	    "deepseek_v3, kimi_k2, gpt_oss, gemma2, gemma3, llama4, glm4_moe, phi3, granite, olmo2";
}

typedef struct {
	const cJSON *root;
	const char *path;
	char **cause;
	int failed;
} Reader;

/* 1-based line of the byte at `at` in `text`. */
static int
line_of(const char *text, const char *at)
{
	int line = 1;
	for (const char *p = text; p < at && *p; p++)
		line += *p == '\n';
	return line;
}

static int
fail(Reader *r, const char *fmt, const char *key, const char *extra)
{
	if (!r->failed) {
		char *what = xasprintf(fmt, key, extra ? extra : "");
		*r->cause = xasprintf("%s: %s", r->path, what);
		free(what);
	}
	r->failed = 1;
	return 0;
}

/* An integer key: required unless def >= 0 is given (then it's the default).
 * Reading stops at the first invalid key: after a failure every key reads
 * as its lower bound, never as a 0 that a later % or / would divide by. */
static int
get_int(Reader *r, const char *key, long def, long min, long max)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(r->root, key);
	char range[96];
	int safe = (int)min;

	if (r->failed)
		return safe;
	if (!v || cJSON_IsNull(v)) {
		if (def >= 0)
			return (int)def;
		fail(r, "missing key '%s'%s", key, NULL);
		return safe;
	}
	if (!cJSON_IsNumber(v)) {
		fail(r, "key '%s' must be a number%s", key, NULL);
		return safe;
	}
	double d = v->valuedouble;
	if (d != floor(d)) {
		fail(r, "key '%s' must be a whole number%s", key, NULL);
		return safe;
	}
	if (d < min || d > max) {
		snprintf(range, sizeof range, " (is %.*g; must be in %ld..%ld)", fabs(d) < 1e15 ? 15 : 3,
		    d, min, max);
		fail(r, "key '%s' is out of range%s", key, range);
		return safe;
	}
	return (int)d;
}

/* The number of MoE layers in m's layer pattern. */
static int
moe_layers(const Model *m)
{
	int n = 0;
	for (int i = 0; i < m->n_layers && i < MODEL_MAX_LAYERS; i++)
		n += (m->layer_kind[i] & LAYER_MOE) != 0;
	return n;
}

static bool
get_bool(Reader *r, const char *key, bool def)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(r->root, key);
	if (!v || cJSON_IsNull(v))
		return def;
	if (!cJSON_IsBool(v)) {
		fail(r, "key '%s' must be true or false%s", key, NULL);
		return def;
	}
	return cJSON_IsTrue(v);
}

static const char *
get_string(Reader *r, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(r->root, key);
	if (!v || cJSON_IsNull(v))
		return NULL;
	if (!cJSON_IsString(v)) {
		fail(r, "key '%s' must be a string%s", key, NULL);
		return NULL;
	}
	return v->valuestring;
}

#define INT_MAX_KEY 1000000000L

/* MoE layer pattern shared by Qwen2-MoE and Qwen3-MoE: every
 * decoder_sparse_step-th layer is MoE unless listed in mlp_only_layers
 * (transformers modeling_qwen3_moe.py Qwen3MoeDecoderLayer). */
static void
qwen_moe_layers(Reader *r, Model *m)
{
	int step = get_int(r, "decoder_sparse_step", 1, 1, INT_MAX_KEY);
	const cJSON *only = cJSON_GetObjectItemCaseSensitive(r->root, "mlp_only_layers");

	if (r->failed)
		return;
	for (int i = 0; i < m->n_layers && i < MODEL_MAX_LAYERS; i++)
		m->layer_kind[i] = (m->n_experts > 0 && (i + 1) % step == 0) ? LAYER_MOE : 0;
	if (only && cJSON_IsArray(only)) {
		const cJSON *e;
		cJSON_ArrayForEach(e, only) {
			if (cJSON_IsNumber(e) && e->valuedouble >= 0 && e->valuedouble < m->n_layers)
				m->layer_kind[(int)e->valuedouble] &= (unsigned char)~LAYER_MOE;
		}
	}
	if (m->n_experts > 0 && moe_layers(m) == 0)
		fail(r, "key '%s' leaves no MoE layer (the experts would never run)%s",
		    only && cJSON_IsArray(only) ? "mlp_only_layers" : "decoder_sparse_step", NULL);
}

/* Append a clause to m->unmodelled ("a; b"). */
static void
unmodelled(Model *m, const char *what)
{
	size_t o = strlen(m->unmodelled);
	if (o + 1 < sizeof m->unmodelled)
		snprintf(m->unmodelled + o, sizeof m->unmodelled - o, "%s%s", o ? "; " : "", what);
}

/* A number key noted as unmodelled when present and non-zero/non-null. */
static void
unmodelled_key(Reader *r, Model *m, const char *key, const char *why)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(r->root, key);
	char buf[96];
	if (cJSON_IsNumber(v) && v->valuedouble != 0) {
		snprintf(buf, sizeof buf, "%s %g (%s)", key, v->valuedouble, why);
		unmodelled(m, buf);
	}
}

/* Sliding layers from `layer_types` ("sliding_attention" / "full_attention",
 * transformers >= 4.53 writes it for Gemma 2/3 and gpt-oss); returns false
 * when the key is absent so the family's own pattern applies. */
static bool
layer_types(Reader *r, Model *m)
{
	const cJSON *types = cJSON_GetObjectItemCaseSensitive(r->root, "layer_types");
	if (!cJSON_IsArray(types))
		return false;
	for (int i = 0; i < m->n_layers; i++) {
		const cJSON *t = cJSON_GetArrayItem(types, i);
		if (cJSON_IsString(t) && strcmp(t->valuestring, "sliding_attention") == 0)
			m->layer_kind[i] |= LAYER_SLIDING;
	}
	return true;
}

/* Gemma 2 and 3: tied embeddings by default, head_dim given (256 on Gemma
 * 2 2B/9B, 128 on 27B), four RMSNorms per layer, local (sliding) layers in
 * a pattern: Gemma 2 alternates, sliding first (modeling_gemma2.py
 * is_sliding = not layer_idx % 2); Gemma 3 has 5 local : 1 global
 * (sliding_window_pattern 6: layer i global when (i + 1) % 6 == 0,
 * modeling_gemma3.py), with q/k norms. */
static void
read_gemma(Reader *r, Arch arch, Model *m)
{
	m->tied_embeddings = get_bool(r, "tie_word_embeddings", true);
	m->norms_per_layer = 4;
	m->qk_norm = arch == ARCH_GEMMA3;
	m->sliding_window = get_int(r, "sliding_window", arch == ARCH_GEMMA2 ? 4096 : 1024, 0, INT_MAX_KEY);
	int pattern = arch == ARCH_GEMMA2 ? 2 : get_int(r, "sliding_window_pattern", 6, 1, INT_MAX_KEY);
	if (r->failed || m->sliding_window == 0)
		return;
	if (!layer_types(r, m))
		for (int i = 0; i < m->n_layers; i++)
			if (arch == ARCH_GEMMA2 ? i % 2 == 0 : (i + 1) % pattern != 0)
				m->layer_kind[i] |= LAYER_SLIDING;
	unmodelled_key(r, m, "attn_logit_softcapping", "tanh on the scores; no memory, ~no time");
	unmodelled_key(r, m, "final_logit_softcapping", "tanh on the logits; no memory, ~no time");
}

/* Llama 4 (transformers modeling_llama4.py, vLLM llama4.py): MoE every
 * interleave_moe_layer_step-th layer (layers step-1, 2*step-1, ...; or
 * the `moe_layers` list), each with a shared expert of the expert width
 * intermediate_size; dense layers have intermediate_size_mlp; top-1 of
 * num_local_experts.  RoPE layers use chunked local attention of
 * attention_chunk_size; every 4th layer (no_rope_layers[i] == 0) is NoPE
 * with global attention.  Its q/k L2 norm has no weights. */
static void
read_llama4(Reader *r, Model *m)
{
	m->expert_intermediate = m->intermediate;
	m->intermediate = get_int(r, "intermediate_size_mlp", m->intermediate, 0, 1 << 22);
	m->n_experts = get_int(r, "num_local_experts", -1, 1, 1 << 14);
	m->top_k = get_int(r, "num_experts_per_tok", 1, 1, 1 << 14);
	m->n_shared_experts = 1;
	int step = get_int(r, "interleave_moe_layer_step", 1, 1, INT_MAX_KEY);
	int chunk = get_int(r, "attention_chunk_size", 0, 0, INT_MAX_KEY);
	if (r->failed)
		return;
	const cJSON *moe = cJSON_GetObjectItemCaseSensitive(r->root, "moe_layers");
	const cJSON *nope = cJSON_GetObjectItemCaseSensitive(r->root, "no_rope_layers");
	for (int i = 0; i < m->n_layers; i++)
		m->layer_kind[i] = (i + 1) % step == 0 ? LAYER_MOE : 0;
	if (cJSON_IsArray(moe)) {
		const cJSON *e;
		for (int i = 0; i < m->n_layers; i++)
			m->layer_kind[i] = 0;
		cJSON_ArrayForEach(e, moe)
			if (cJSON_IsNumber(e) && e->valuedouble >= 0 && e->valuedouble < m->n_layers)
				m->layer_kind[(int)e->valuedouble] = LAYER_MOE;
	}
	if (moe_layers(m) == 0) {
		fail(r, "key '%s' leaves no MoE layer (the experts would never run)%s",
		    "interleave_moe_layer_step", NULL);
		return;
	}
	if (chunk > 0) {
		m->sliding_window = chunk;
		m->chunked = true;
		for (int i = 0; i < m->n_layers; i++) {
			const cJSON *t = cJSON_IsArray(nope) ? cJSON_GetArrayItem(nope, i) : NULL;
			bool rope = t ? cJSON_IsNumber(t) && t->valuedouble != 0 : (i + 1) % 4 != 0;
			if (rope)
				m->layer_kind[i] |= LAYER_SLIDING;
		}
		unmodelled(m, "chunked attention held as a window of attention_chunk_size (an upper "
		    "bound: a chunk holds 1..chunk keys)");
	}
}

/* GLM-4.5 (transformers modeling_glm4_moe.py): DeepSeek-V3-like MoE
 * (first_k_dense_replace dense layers, n_shared_experts, a sigmoid router
 * with e_score_correction_bias) over GQA attention with q/k/v biases
 * (attention_bias) and no o bias; partial_rotary_factor changes neither
 * memory nor FLOPs. */
static void
read_glm4_moe(Reader *r, Model *m)
{
	m->o_bias = false;
	m->qk_norm = get_bool(r, "use_qk_norm", false);
	m->n_experts = get_int(r, "n_routed_experts", -1, 1, 1 << 14);
	m->top_k = get_int(r, "num_experts_per_tok", -1, 1, 1 << 14);
	m->expert_intermediate = get_int(r, "moe_intermediate_size", -1, 1, 1 << 22);
	m->n_shared_experts = get_int(r, "n_shared_experts", 0, 0, 1 << 10);
	m->router_bias = true;
	int first_dense = get_int(r, "first_k_dense_replace", 0, 0, INT_MAX_KEY);
	if (r->failed)
		return;
	for (int i = 0; i < m->n_layers; i++)
		m->layer_kind[i] = i >= first_dense ? LAYER_MOE : 0;
	if (moe_layers(m) == 0)
		fail(r, "key '%s' leaves no MoE layer (the experts would never run)%s",
		    "first_k_dense_replace", NULL);
	const cJSON *prf = cJSON_GetObjectItemCaseSensitive(r->root, "partial_rotary_factor");
	if (cJSON_IsNumber(prf) && prf->valuedouble < 1) {
		char buf[96];
		snprintf(buf, sizeof buf, "partial_rotary_factor %g (RoPE on part of each head; no "
		    "memory or FLOP effect)", prf->valuedouble);
		unmodelled(m, buf);
	}
}

static void
read_arch(Reader *r, Arch arch, Model *m)
{
	m->n_layers = get_int(r, "num_hidden_layers", -1, 1, MODEL_MAX_LAYERS);
	m->hidden = get_int(r, "hidden_size", -1, 1, 1 << 20);
	m->n_heads = get_int(r, "num_attention_heads", -1, 1, 1 << 14);
	m->n_kv_heads = get_int(r, "num_key_value_heads", m->n_heads > 0 ? m->n_heads : 1, 1, 1 << 14);
	/* Gemma 3's text_config may leave vocab_size to Gemma3TextConfig's 262208 */
	m->vocab = get_int(r, "vocab_size", arch == ARCH_GEMMA3 ? 262208 : -1, 1, 1 << 24);
	m->max_position = get_int(r, "max_position_embeddings", 0, 0, INT_MAX_KEY);
	m->intermediate = get_int(r, "intermediate_size", arch == ARCH_QWEN3_MOE ? 0 : -1, 0, 1 << 22);
	if (r->failed)
		return;
	/* without head_dim, transformers takes hidden_size // num_attention_heads
	 * and its attention projections then do not cover hidden_size: refuse */
	const cJSON *hd = cJSON_GetObjectItemCaseSensitive(r->root, "head_dim");
	if ((!hd || cJSON_IsNull(hd)) && arch != ARCH_DEEPSEEK && m->hidden % m->n_heads != 0) {
		char why[96];
		snprintf(why, sizeof why, " (%d) is not a multiple of num_attention_heads (%d); give head_dim",
		    m->hidden, m->n_heads);
		fail(r, "key '%s'%s", "hidden_size", why);
		return;
	}
	m->head_dim = get_int(r, "head_dim", m->n_heads ? m->hidden / m->n_heads : 0, 1, 1 << 14);
	m->tied_embeddings = get_bool(r, "tie_word_embeddings", false);
	m->gated_mlp = true;    /* SwiGLU in every supported family */
	m->norm = NORM_RMS;
	bool attention_bias = get_bool(r, "attention_bias", false);
	m->qkv_bias = attention_bias;
	m->o_bias = attention_bias;
	m->mlp_bias = get_bool(r, "mlp_bias", false);

	switch (arch) {
	case ARCH_LLAMA:
		break;
	case ARCH_GEMMA2:
	case ARCH_GEMMA3:
		read_gemma(r, arch, m);
		break;
	case ARCH_LLAMA4:
		read_llama4(r, m);
		break;
	case ARCH_GLM4_MOE:
		read_glm4_moe(r, m);
		break;
	case ARCH_MISTRAL: {
		/* Mistral 7B v0.1: sliding_window on every layer (arXiv 2310.06825
		 * sec. 2); v0.2+ sets it to null */
		m->sliding_window = get_int(r, "sliding_window", 0, 0, INT_MAX_KEY);
		break;
	}
	case ARCH_MIXTRAL:
		m->n_experts = get_int(r, "num_local_experts", -1, 1, 1 << 14);
		m->top_k = get_int(r, "num_experts_per_tok", 2, 1, 1 << 14);
		m->expert_intermediate = m->intermediate;
		m->sliding_window = get_int(r, "sliding_window", 0, 0, INT_MAX_KEY);
		for (int i = 0; i < m->n_layers; i++)
			m->layer_kind[i] = LAYER_MOE;
		break;
	case ARCH_QWEN2:
	case ARCH_QWEN2_MOE:
		/* Qwen2 has q/k/v biases, no o bias (modeling_qwen2.py) */
		m->qkv_bias = true;
		m->o_bias = false;
		if (arch == ARCH_QWEN2_MOE) {
			m->n_experts = get_int(r, "num_experts", -1, 1, 1 << 14);
			m->top_k = get_int(r, "num_experts_per_tok", -1, 1, 1 << 14);
			m->expert_intermediate = get_int(r, "moe_intermediate_size", -1, 1, 1 << 22);
			m->shared_intermediate = get_int(r, "shared_expert_intermediate_size", 0, 0, 1 << 22);
			m->shared_expert_gate = m->shared_intermediate > 0;
			qwen_moe_layers(r, m);
		}
		if (get_bool(r, "use_sliding_window", false))
			m->sliding_window = get_int(r, "sliding_window", 0, 0, INT_MAX_KEY);
		break;
	case ARCH_QWEN3:
	case ARCH_QWEN3_MOE:
		m->qk_norm = true;      /* modeling_qwen3.py q_norm, k_norm */
		if (arch == ARCH_QWEN3_MOE) {
			m->n_experts = get_int(r, "num_experts", -1, 1, 1 << 14);
			m->top_k = get_int(r, "num_experts_per_tok", -1, 1, 1 << 14);
			m->expert_intermediate = get_int(r, "moe_intermediate_size", -1, 1, 1 << 22);
			qwen_moe_layers(r, m);
		}
		if (get_bool(r, "use_sliding_window", false))
			m->sliding_window = get_int(r, "sliding_window", 0, 0, INT_MAX_KEY);
		break;
	case ARCH_DEEPSEEK: {
		m->q_lora_rank = get_int(r, "q_lora_rank", 0, 0, 1 << 20);
		m->kv_lora_rank = get_int(r, "kv_lora_rank", -1, 1, 1 << 20);
		m->qk_nope_head_dim = get_int(r, "qk_nope_head_dim", -1, 0, 1 << 14);
		m->qk_rope_head_dim = get_int(r, "qk_rope_head_dim", -1, 1, 1 << 14);
		m->v_head_dim = get_int(r, "v_head_dim", -1, 1, 1 << 14);
		m->head_dim = m->qk_nope_head_dim + m->qk_rope_head_dim;
		/* MLA shares one latent: there are no separate KV heads */
		m->n_kv_heads = m->n_heads;
		m->n_experts = get_int(r, "n_routed_experts", 0, 0, 1 << 14);
		m->top_k = get_int(r, "num_experts_per_tok", m->n_experts ? -1 : 0, 0, 1 << 14);
		m->expert_intermediate = get_int(r, "moe_intermediate_size", m->n_experts ? -1 : 0, 0, 1 << 22);
		m->n_shared_experts = get_int(r, "n_shared_experts", 0, 0, 1 << 10);
		/* e_score_correction_bias exists for noaux_tc routing (V3) */
		const char *topk = get_string(r, "topk_method");
		m->router_bias = topk && strcmp(topk, "noaux_tc") == 0;
		/* the MTP module(s) beside the main layers (DeepSeek-V3 report,
		 * arXiv 2412.19437, sec. 2.2; vLLM deepseek_mtp.py) */
		m->mtp_layers = get_int(r, "num_nextn_predict_layers", 0, 0, 64);
		int first_dense = get_int(r, "first_k_dense_replace", 0, 0, INT_MAX_KEY);
		int freq = get_int(r, "moe_layer_freq", 1, 1, INT_MAX_KEY);
		if (r->failed)
			return;
		for (int i = 0; i < m->n_layers; i++)
			m->layer_kind[i] = (m->n_experts > 0 && i >= first_dense && i % freq == 0) ?
			    LAYER_MOE : 0;
		if (m->n_experts > 0 && moe_layers(m) == 0)
			fail(r, "key '%s' leaves no MoE layer (the experts would never run)%s",
			    first_dense >= m->n_layers ? "first_k_dense_replace" : "moe_layer_freq", NULL);
		break;
	}
	case ARCH_GPT_OSS: {
		m->n_experts = get_int(r, "num_local_experts", -1, 1, 1 << 14);
		m->top_k = get_int(r, "num_experts_per_tok", -1, 1, 1 << 14);
		if (r->failed)
			return;
		m->expert_intermediate = m->intermediate;
		m->qkv_bias = m->o_bias = true;
		m->router_bias = m->expert_bias = true;
		m->sliding_window = get_int(r, "sliding_window", 0, 0, INT_MAX_KEY);
		const cJSON *types = cJSON_GetObjectItemCaseSensitive(r->root, "layer_types");
		for (int i = 0; i < m->n_layers; i++) {
			const cJSON *t = types ? cJSON_GetArrayItem(types, i) : NULL;
			bool slide = t ? (cJSON_IsString(t) && strcmp(t->valuestring, "sliding_attention") == 0) :
			    i % 2 == 0;  /* gpt-oss alternates, sliding first (modeling_gpt_oss.py) */
			m->layer_kind[i] = (unsigned char)(LAYER_MOE | (slide ? LAYER_SLIDING : 0));
		}
		break;
	}
	}
	/* DeepSeek-V3 / Kimi K2 MTP layers are read above (mtp_layers: the
	 * spec_method mtp drafter); GLM-4.5's are not */
	if (arch == ARCH_GLM4_MOE)
		unmodelled_key(r, m, "num_nextn_predict_layers", "MTP layers: not loaded, not counted");
	if (arch != ARCH_GPT_OSS && arch != ARCH_GEMMA2 && arch != ARCH_GEMMA3 && arch != ARCH_LLAMA4 &&
	    m->sliding_window > 0) {
		for (int i = 0; i < m->n_layers; i++)
			m->layer_kind[i] |= LAYER_SLIDING;
	}
}

int
hfconfig_parse(const char *json, const char *path, const char *name, Model *m, char **cause)
{
	const char *end = NULL;
	cJSON *root = cJSON_ParseWithOpts(json, &end, 1);
	Reader r = { .path = path, .cause = cause };
	const char *field, *why;
	int rc = -1;

	memset(m, 0, sizeof *m);
	if (!root) {
		const char *at = cJSON_GetErrorPtr();
		if (!at || !*at)
			*cause = xasprintf("%s: invalid JSON: the text ends early (truncated?)", path);
		else {
			/* quote the offending text up to the end of its line */
			char near[16];
			size_t k = 0;
			while (k + 1 < sizeof near && at[k] && at[k] != '\n' && at[k] != '\r')
				k++;
			memcpy(near, at, k);
			near[k] = '\0';
			*cause = xasprintf("%s:%d: invalid JSON near '%s'", path, line_of(json, at), near);
		}
		return -1;
	}
	if (!cJSON_IsObject(root)) {
		*cause = xasprintf("%s: expected a JSON object at the top", path);
		goto out;
	}
	r.root = root;
	const char *type = get_string(&r, "model_type");
	if (r.failed)
		goto out;
	if (!type) {
		*cause = xasprintf("%s: missing key 'model_type' (one of: %s)", path, hfconfig_supported());
		goto out;
	}
	size_t i;
	for (i = 0; i < sizeof arch_table / sizeof arch_table[0]; i++)
		if (strcmp(type, arch_table[i].model_type) == 0)
			break;
	if (i == sizeof arch_table / sizeof arch_table[0]) {
		*cause = xasprintf("%s: key 'model_type': unsupported architecture '%s' (supported: %s)",
		    path, type, hfconfig_supported());
		goto out;
	}
	snprintf(m->arch, sizeof m->arch, "%s", type);
	snprintf(m->name, sizeof m->name, "%s", name);
	/* multimodal wrappers (Gemma 3, Llama 4) nest the language model's
	 * keys in text_config; the vision tower is not counted */
	const cJSON *text = cJSON_GetObjectItemCaseSensitive(root, "text_config");
	if (cJSON_IsObject(text))
		r.root = text;
	read_arch(&r, arch_table[i].arch, m);
	r.root = root;
	if (!r.failed && cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(root, "vision_config")))
		unmodelled(m, "vision_config: the vision tower and projector are not counted");
	if (r.failed)
		goto out;
	hfquant_read(root, m);
	if (model_validate(m, &field, &why) != 0) {
		*cause = xasprintf("%s: key '%s' %s", path, field, why);
		goto out;
	}
	rc = 0;
out:
	cJSON_Delete(root);
	return rc;
}

int
hfconfig_load(const char *path, const char *name, Model *m, char **cause)
{
	struct stat st;
	char *file = NULL, *text = NULL;
	int rc = -1;

	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		file = xasprintf("%s/config.json", path);
	else
		file = xstrdup(path);
	text = read_file(file, CONFIG_MAX_BYTES, cause);
	if (!text)
		goto out;
	rc = hfconfig_parse(text, file, name, m, cause);
out:
	free(text);
	free(file);
	return rc;
}
