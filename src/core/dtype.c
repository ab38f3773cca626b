/* dtype.c: numeric format table; see dtype.h for sources. */
#include "dtype.h"

#include <stdio.h>

#include <string.h>

/* AWQ/GPTQ int4: group of 128, fp16 scale (16 bits) + 4-bit zero point. */
#define INT4_GROUP_SIZE 128
#define INT4_GROUP_BITS (16.0 + 4.0)
/* NVFP4: 16-element blocks, FP8 E4M3 scale (NVIDIA NVFP4 blog, 2025). */
#define NVFP4_BLOCK 16
#define NVFP4_SCALE_BITS 8.0
/* MXFP4: 32-element blocks, E8M0 scale (OCP MX v1.0, sec. 5.3). */
#define MXFP4_BLOCK 32
#define MXFP4_SCALE_BITS 8.0
/* W4A8 (TensorRT-LLM W4A8_AWQ): groups of 128, a 16-bit scale, symmetric. */
#define W4A8_GROUP_SIZE 128
#define W4A8_GROUP_BITS 16.0

static const DtypeInfo dtype_table[DTYPE_COUNT] = {
	[DTYPE_FP32] = { .name = "fp32", .bits = 32, .has_peak = true, .gemm = DTYPE_FP32 },
	[DTYPE_BF16] = { .name = "bf16", .bits = 16, .has_peak = true, .gemm = -1 },
	[DTYPE_FP16] = { .name = "fp16", .bits = 16, .has_peak = true, .gemm = -1 },
	[DTYPE_FP8]  = { .name = "fp8", .bits = 8, .has_peak = true, .gemm = DTYPE_FP8 },
	[DTYPE_INT8] = { .name = "int8", .bits = 8, .weight_only = true, .has_peak = true, .gemm = -1 },
	[DTYPE_INT4] = { .name = "int4", .bits = 4, .group_size = INT4_GROUP_SIZE,
			 .group_bits = INT4_GROUP_BITS, .weight_only = true, .gemm = -1 },
	[DTYPE_NVFP4] = { .name = "nvfp4", .bits = 4, .group_size = NVFP4_BLOCK,
			  .group_bits = NVFP4_SCALE_BITS, .has_peak = true, .weights_only = true,
			  .gemm = DTYPE_NVFP4 },
	[DTYPE_MXFP4] = { .name = "mxfp4", .bits = 4, .group_size = MXFP4_BLOCK,
			  .group_bits = MXFP4_SCALE_BITS, .has_peak = true, .weights_only = true,
			  .gemm = DTYPE_MXFP4 },
	[DTYPE_W4A8] = { .name = "w4a8", .bits = 4, .group_size = W4A8_GROUP_SIZE,
			 .group_bits = W4A8_GROUP_BITS, .weights_only = true, .gemm = DTYPE_FP8 },
};

static const struct {
	const char *alias;
	Dtype dtype;
} dtype_aliases[] = {
	{ "float32", DTYPE_FP32 }, { "bfloat16", DTYPE_BF16 },
	{ "float16", DTYPE_FP16 }, { "half", DTYPE_FP16 },
	{ "fp8_e4m3", DTYPE_FP8 }, { "fp8_e5m2", DTYPE_FP8 },
	{ "w8a16", DTYPE_INT8 }, { "awq", DTYPE_INT4 }, { "gptq", DTYPE_INT4 },
	{ "w4a16", DTYPE_INT4 }, { "nvfp4_e2m1", DTYPE_NVFP4 },
	{ "mxfp4_e2m1", DTYPE_MXFP4 }, { "w4a8_awq", DTYPE_W4A8 },
};

const DtypeInfo *
dtype_info(Dtype d)
{
	return &dtype_table[d];
}

double
dtype_bytes(Dtype d)
{
	return dtype_table[d].bits / 8.0;
}

double
dtype_weight_bytes(Dtype d)
{
	const DtypeInfo *i = &dtype_table[d];
	double bits = i->bits;

	if (i->group_size > 0)
		bits += i->group_bits / i->group_size;
	return bits / 8.0;
}

int
dtype_gemm(Dtype d)
{
	return dtype_table[d].gemm;
}

const char *
dtype_names_text(bool weights, char *buf, size_t n)
{
	size_t o = 0;

	if (n)
		buf[0] = '\0';
	for (int d = 0; d < DTYPE_COUNT && o < n; d++)
		if (weights || !dtype_table[d].weights_only)
			o += (size_t)snprintf(buf + o, n - o, "%s%s", o ? ", " : "", dtype_table[d].name);
	return buf;
}

bool
dtype_is_quantized(Dtype d)
{
	return dtype_table[d].bits < 16;
}

int
dtype_parse(const char *name, Dtype *out)
{
	for (int d = 0; d < DTYPE_COUNT; d++) {
		if (strcmp(name, dtype_table[d].name) == 0) {
			*out = (Dtype)d;
			return 0;
		}
	}
	for (size_t i = 0; i < sizeof dtype_aliases / sizeof dtype_aliases[0]; i++) {
		if (strcmp(name, dtype_aliases[i].alias) == 0) {
			*out = dtype_aliases[i].dtype;
			return 0;
		}
	}
	return -1;
}

const char *
dtype_name(Dtype d)
{
	return dtype_table[d].name;
}

const char *
dtype_mask_text(unsigned mask, char *buf, size_t n)
{
	static const Dtype order[] = { DTYPE_BF16, DTYPE_FP16, DTYPE_FP32, DTYPE_FP8, DTYPE_INT8,
		DTYPE_INT4, DTYPE_NVFP4, DTYPE_MXFP4, DTYPE_W4A8 };
	int count = 0, k = 0;
	size_t o = 0;

	for (size_t i = 0; i < sizeof order / sizeof order[0]; i++)
		count += (mask & 1u << order[i]) != 0;
	if (n)
		buf[0] = '\0';
	for (size_t i = 0; i < sizeof order / sizeof order[0] && o < n; i++)
		if (mask & 1u << order[i]) {
			k++;
			o += (size_t)snprintf(buf + o, n - o, "%s%s", k == 1 ? "" : k == count ? " or " : ", ",
			    dtype_name(order[i]));
		}
	return buf;
}
