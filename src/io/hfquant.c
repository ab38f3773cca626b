/* hfquant.c: torch_dtype and quantization_config; see hfquant.h.
 * Keys as transformers writes them: utils/quantization_config.py
 * (FbgemmFp8Config, FineGrainedFP8Config "fp8" with weight_block_size,
 * AwqConfig/GPTQConfig bits and group_size, BitsAndBytesConfig
 * load_in_4bit/load_in_8bit, Mxfp4Config) and compressed-tensors'
 * config_groups.*.weights {num_bits, type}.  DeepSeek-V3's config.json:
 * quant_method "fp8", fmt "e4m3", weight_block_size [128, 128]. */
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
	if (strcmp(type, "float") == 0)
		return bits == 8 ? DTYPE_FP8 : -1;
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
		/* 4-bit elements with a shared 8-bit scale per 32 (OCP MX spec):
		 * 4.25 bits, close to int4 g128's 4.16; counted as int4 */
		snprintf(d, n, "MXFP4, counted as int4");
		m->ckpt_dtype = DTYPE_INT4;
	} else {
		snprintf(d, n, "not modelled");
	}
out:
	m->has_ckpt_dtype = m->ckpt_dtype >= 0;
	if (!m->has_ckpt_dtype)
		m->ckpt_dtype = 0;
}
