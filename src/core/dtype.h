/* dtype.h: numeric formats for weights, KV cache and activations.
 *
 * Sizes are bytes per element including the per-group scale overhead of
 * grouped integer formats.  Sources:
 *   - int4 with group size 128, an fp16 scale and a 4-bit zero point per
 *     group: AWQ (Lin et al., arXiv 2306.00978, section 4 "group size 128");
 *     vLLM model_executor/layers/quantization/awq.py stores `scales` fp16 and
 *     `qzeros` packed 8 per int32, one row per group.
 *   - int8 weight-only (W8A16) keeps one fp16 scale per output channel
 *     (TensorRT-LLM weight-only quantization; vLLM fp8/int8 per-channel): the
 *     overhead is 2/in_features bytes per weight, below 0.05% for h >= 4096,
 *     and is not counted.
 *   - fp8 (E4M3) uses a per-tensor scale (vLLM fp8.py), not counted.
 */
#ifndef SHARDLAB_CORE_DTYPE_H
#define SHARDLAB_CORE_DTYPE_H

#include <stdbool.h>
#include <stddef.h>

typedef enum {
	DTYPE_FP32,
	DTYPE_BF16,
	DTYPE_FP16,
	DTYPE_FP8,
	DTYPE_INT8,
	DTYPE_INT4,
	DTYPE_COUNT
} Dtype;

typedef struct {
	const char *name;        /* "bf16" */
	double bits;             /* bits per stored element */
	int group_size;          /* elements sharing one scale; 0 = none counted */
	double group_bits;       /* scale + zero-point bits per group */
	bool weight_only;        /* stored quantized, computed in 16 bits */
} DtypeInfo;

/* dtype_info: the static description of `d`; never NULL for a valid Dtype. */
const DtypeInfo *dtype_info(Dtype d);

/* dtype_bytes: bytes per element of `d` without scales (0.5 for int4). */
double dtype_bytes(Dtype d);

/* dtype_weight_bytes: bytes per weight of `d` including group scales
 * (int4 g128: (4 + 20/128)/8 = 0.51953125). */
double dtype_weight_bytes(Dtype d);

/* dtype_is_quantized: true for formats below 16 bits (fp8, int8, int4),
 * which keep the embedding and LM head at 16 bits (vLLM quantizes Linear
 * layers only; AWQ/GPTQ checkpoints store embed_tokens and lm_head in fp16). */
bool dtype_is_quantized(Dtype d);

/* dtype_parse: name ("bf16", "int4", also "float16", "bfloat16", "fp8_e4m3",
 * "awq", "gptq") to Dtype.  Returns 0, or -1 when unknown. */
int dtype_parse(const char *name, Dtype *out);

/* dtype_name: the canonical name of `d`. */
const char *dtype_name(Dtype d);

/* dtype_mask_text: the dtypes of a mask of 1u << Dtype as prose, 16-bit
 * first ("bf16, fp16, fp32 or fp8"), into buf[n]; returns buf. */
const char *dtype_mask_text(unsigned mask, char *buf, size_t n);

#endif
