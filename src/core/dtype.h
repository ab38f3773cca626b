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
 *   - nvfp4: E2M1 elements in 16-element blocks, one FP8 E4M3 scale per
 *     block plus one FP32 scale per tensor (NVIDIA, "Introducing NVFP4 for
 *     efficient and accurate low-precision inference", developer blog 2025;
 *     TensorRT Model Optimizer NVFP4): 4 + 8/16 = 4.5 bits; the per-tensor
 *     scale is not counted.  Blackwell tensor cores compute in it.
 *   - mxfp4: E2M1 elements in 32-element blocks, one E8M0 (power-of-two)
 *     scale per block (OCP Microscaling Formats (MX) v1.0, sec. 5.3):
 *     4 + 8/32 = 4.25 bits.  gpt-oss ships its experts in it
 *     (quantization_config quant_method "mxfp4"); Blackwell and CDNA 4
 *     compute in it.
 *   - w4a8: int4 weights in groups of 128 with a 16-bit scale and no zero
 *     point, activations quantized to fp8 so the GEMM runs at the fp8 peak
 *     (TensorRT-LLM W4A8_AWQ: QuantAlgo.W4A8_AWQ; QServe, Lin et al., arXiv
 *     2405.04532): 4 + 16/128 = 4.125 bits.
 * A dtype's GEMM runs at its own tensor-core peak only on a GPU whose
 * preset lists one (`gemm`, below; gemm_peak_flops in latency.c), else
 * dequantised at the activation dtype's peak.
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
	DTYPE_NVFP4,
	DTYPE_MXFP4,
	DTYPE_W4A8,
	DTYPE_COUNT
} Dtype;

typedef struct {
	const char *name;        /* "bf16" */
	double bits;             /* bits per stored element */
	int group_size;          /* elements sharing one scale; 0 = none counted */
	double group_bits;       /* scale + zero-point bits per group */
	bool weight_only;        /* stored quantized, computed in 16 bits */
	bool has_peak;           /* a GPU preset may list a peak_flops entry for it */
	bool weights_only;       /* a weight format only: never a KV or compute dtype */
	int gemm;                /* Dtype the GEMM runs in where the GPU has its peak;
	                            -1: the activation dtype (weight-only) */
} DtypeInfo;

/* dtype_info: the static description of `d`; never NULL for a valid Dtype. */
const DtypeInfo *dtype_info(Dtype d);

/* dtype_bytes: bytes per element of `d` without scales (0.5 for int4). */
double dtype_bytes(Dtype d);

/* dtype_weight_bytes: bytes per weight of `d` including group scales
 * (int4 g128: (4 + 20/128)/8 = 0.51953125). */
double dtype_weight_bytes(Dtype d);

/* dtype_gemm: the dtype whose peak a GEMM over weights of `d` uses when the
 * GPU has it (fp8 for fp8 and w4a8, itself for nvfp4/mxfp4), or -1 when
 * the weights are dequantised to the activation dtype (int8, int4). */
int dtype_gemm(Dtype d);

/* dtype_names_text: every dtype name, as "fp32, bf16, ..., w4a8" (weight
 * formats included when `weights` is true), into buf[n]; returns buf. */
const char *dtype_names_text(bool weights, char *buf, size_t n);

/* dtype_is_quantized: true for formats below 16 bits (fp8, int8, int4, fp4),
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
