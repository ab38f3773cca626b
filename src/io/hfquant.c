/* hfquant.c: torch_dtype and quantization_config; see hfquant.h.
 * Keys as transformers writes them: utils/quantization_config.py
 * (FbgemmFp8Config, FineGrainedFP8Config "fp8" with weight_block_size,
 * AwqConfig/GPTQConfig bits and group_size, BitsAndBytesConfig
 * load_in_4bit/load_in_8bit, Mxfp4Config) and compressed-tensors'
 * config_groups.*.weights {num_bits, type}.  DeepSeek-V3's config.json:
 * quant_method "fp8", fmt "e4m3", weight_block_size [128, 128].
 * Mxfp4Config (gpt-oss: quant_method "mxfp4", modules_to_not_convert
 * self_attn, mlp.router, embed_tokens, lm_head) quantizes the MoE experts
 * only: vLLM model_executor/layers/quantization/mxfp4.py get_quant_method
 * returns Mxfp4MoEMethod for FusedMoE and an unquantized method for the
 * linear layers, which the checkpoint stores in bf16.  ModelOpt
 * checkpoints (hf_quant_config / quant_method "modelopt") name quant_algo
 * FP8, NVFP4 (vLLM modelopt.py ModelOptNvFp4Config) or W4A8_AWQ. */
#include "hfquant.h"

#include <stdio.h>
#include <string.h>

#include "core/dtype.h"

static const char *
str(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static int
num(const cJSON *o, const char *key, int def)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsNumber(v) ? (int)v->valuedouble : def;
}

/* vLLM serves a float32 checkpoint in 16 bits by default (--dtype auto:
 * vllm/config/model.py _resolve_auto_dtype), bf16 where the GPU has it. */
static int
torch_dtype_of(const char *t)
{
	if (!t)
		return -1;
	if (strcmp(t, "bfloat16") == 0 || strcmp(t, "float32") == 0)
		return DTYPE_BF16;
	if (strcmp(t, "float16") == 0)
		return DTYPE_FP16;
	return -1;
}

static int
int_bits(int bits)
{
	return bits == 4 ? DTYPE_INT4 : bits == 8 ? DTYPE_INT8 : -1;
}

/* compressed-tensors: the first config group's weight format. */
static int
compressed_tensors(const cJSON *q, char *detail, size_t n)
{
	const cJSON *groups = cJSON_GetObjectItemCaseSensitive(q, "config_groups");
	const cJSON *g = groups ? groups->child : NULL;
	const cJSON *w = g ? cJSON_GetObjectItemCaseSensitive(g, "weights") : NULL;
	int bits = w ? num(w, "num_bits", 0) : 0;
	const char *type = w ? str(w, "type") : NULL;

	if (!bits || !type)
		return -1;
	snprintf(detail, n, "%s%d weights", strcmp(type, "float") == 0 ? "float" : "int", bits);
	if (strcmp(type, "float") == 0) {
		/* llm-compressor's NVFP4 scheme: float4 weights, group_size 16 */
		if (bits == 4 && num(w, "group_size", 0) == 16)
			return DTYPE_NVFP4;
		return bits == 8 ? DTYPE_FP8 : -1;
	}
	return int_bits(bits);
}

void
hfquant_read(const cJSON *root, Model *m)
{
	const char *t = str(root, "torch_dtype");
	const cJSON *q = cJSON_GetObjectItemCaseSensitive(root, "quantization_config");
	const char *method = cJSON_IsObject(q) ? str(q, "quant_method") : NULL;
	char *d = m->quant_detail;
	size_t n = sizeof m->quant_detail;

	if (!t)
		t = str(root, "dtype");         /* transformers >= 4.56 */
	snprintf(m->torch_dtype, sizeof m->torch_dtype, "%s", t ? t : "");
	m->ckpt_dtype = torch_dtype_of(t);
	m->quant_method[0] = d[0] = '\0';
	m->has_ckpt_expert_dtype = false;
	m->ckpt_expert_dtype = 0;
	if (!method)
		goto out;
	snprintf(m->quant_method, sizeof m->quant_method, "%s", method);
	if (strcmp(method, "fp8") == 0 || strcmp(method, "fbgemm_fp8") == 0) {
		const cJSON *blk = cJSON_GetObjectItemCaseSensitive(q, "weight_block_size");
		const char *fmt = str(q, "fmt");
		size_t o = (size_t)snprintf(d, n, "%s", fmt ? fmt : "");
		if (cJSON_GetArraySize(blk) == 2 && o < n)
			snprintf(d + o, n - o, "%sblocks %dx%d", o ? ", " : "",
			    (int)cJSON_GetArrayItem(blk, 0)->valuedouble,
			    (int)cJSON_GetArrayItem(blk, 1)->valuedouble);
		m->ckpt_dtype = DTYPE_FP8;
	} else if (strncmp(method, "awq", 3) == 0 || strncmp(method, "gptq", 4) == 0) {
		int bits = num(q, "bits", num(q, "w_bit", 0));
		int group = num(q, "group_size", num(q, "q_group_size", 0));
		snprintf(d, n, "%d bits, group %d", bits, group);
		m->ckpt_dtype = int_bits(bits);
	} else if (strcmp(method, "bitsandbytes") == 0) {
		bool four = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(q, "load_in_4bit"));
		snprintf(d, n, "%s", four ? "4-bit" : "8-bit");
		m->ckpt_dtype = four ? DTYPE_INT4 : DTYPE_INT8;
	} else if (strcmp(method, "compressed-tensors") == 0) {
		m->ckpt_dtype = compressed_tensors(q, d, n);
	} else if (strcmp(method, "mxfp4") == 0) {
		/* the routed experts in MXFP4 (4.25 bits), the rest as stored:
		 * torch_dtype, bf16 when absent (gpt-oss) */
		const cJSON *skip = cJSON_GetObjectItemCaseSensitive(q, "modules_to_not_convert");
		snprintf(d, n, "experts MXFP4%s", cJSON_GetArraySize(skip) > 0 ?
		    ", modules_to_not_convert 16-bit" : "");
		if (m->ckpt_dtype < 0)
			m->ckpt_dtype = DTYPE_BF16;
		m->has_ckpt_expert_dtype = true;
		m->ckpt_expert_dtype = DTYPE_MXFP4;
	} else if (strcmp(method, "modelopt") == 0) {
		const char *algo = str(q, "quant_algo");
		snprintf(d, n, "quant_algo %s", algo ? algo : "?");
		m->ckpt_dtype = algo && strcmp(algo, "NVFP4") == 0 ? DTYPE_NVFP4 :
		    algo && strcmp(algo, "W4A8_AWQ") == 0 ? DTYPE_W4A8 :
		    algo && strcmp(algo, "FP8") == 0 ? DTYPE_FP8 : -1;
	} else {
		snprintf(d, n, "not modelled");
	}
out:
	m->has_ckpt_dtype = m->ckpt_dtype >= 0;
	if (!m->has_ckpt_dtype)
		m->ckpt_dtype = 0;
}
