/* calib-params.c: the fit-able efficiency parameters; see calib-params.h.
 *
 * Bounds are physical, not fitted: an achievable fraction cannot exceed 1
 * and below the lower bound the hardware would be broken (the lowest
 * shipped default, T4's compute fraction 0.37 from its MAMF, sits well
 * inside); time floors are bounded by the fastest kernel launch on record
 * and by a launch path without CUDA graphs. */
#include "calib-params.h"
#include "params.h"

#include <stdio.h>
#include <string.h>

/* A single CUDA kernel launch costs at least ~1 us and, without CUDA
 * graphs and with a Python scheduler between steps, rarely more than tens
 * of microseconds per kernel (NVIDIA Technical Blog "Getting Started with
 * CUDA Graphs" (2019): 2.9 us kernels cost 3.4 us in a graph, 3.8 us with
 * stream launches; presets/runtimes/vllm.lua cites it). */
#define FLOOR_MIN_S 0.5e-6
#define FLOOR_MAX_S 50e-6
/* Fabric per-call latency: NVLink one-shot all-reduce ~2-5 us at the small
 * end, inter-node IB/RoCE collectives 20-50 us (the fabric presets cite
 * nccl-tests). */
#define FABRIC_LAT_MIN_S 1e-6
#define FABRIC_LAT_MAX_S 100e-6

#define GPU(nm, lo, hi, un, ft, src, hp) \
	{ .name = #nm, .kind = CALIB_KIND_GPU, .field = #nm, .offset = offsetof(Scenario, cluster.gpu.nm), \
	  .min = lo, .max = hi, .unit = un, .fit = ft, .def_source = src, .help = hp }
#define RT(nm, lo, hi, un, ft, src, hp) \
	{ .name = #nm, .kind = CALIB_KIND_RUNTIME, .field = #nm, .offset = offsetof(Scenario, runtime.nm), \
	  .min = lo, .max = hi, .unit = un, .fit = ft, .def_source = src, .help = hp }
#define INTRA(nm, fd, lo, hi, un, ft, src, hp) \
	{ .name = nm, .kind = CALIB_KIND_FABRIC, .field = #fd, .offset = offsetof(Scenario, cluster.intra.fd), \
	  .min = lo, .max = hi, .unit = un, .fit = ft, .def_source = src, .help = hp }

/* A row whose value is not a plain double field of the preset (an entry
 * of a per-dtype array, say) is written out in full:
 *   { .name = "fp8_compute_fraction", .kind = CALIB_KIND_GPU,
 *     .field = "compute_fraction_by_dtype.fp8",
 *     .offset = offsetof(Scenario, cluster.gpu.some_array[DTYPE_FP8]), ... }
 */
static const CalibParamDef calib_table[] = {
	GPU(compute_fraction, 0.2, 1.0, "fraction", true,
	    "presets/gpus/NAME.lua compute_fraction (each GPU's MAMF citation)",
	    "achievable fraction of the dense tensor-core peak for large GEMMs"),
	GPU(memory_fraction, 0.4, 1.0, "fraction", true,
	    "presets/gpus/NAME.lua memory_fraction (each GPU's STREAM-style citation)",
	    "achievable fraction of the datasheet HBM bandwidth"),
	RT(kernel_floor_s, FLOOR_MIN_S, FLOOR_MAX_S, "s", true,
	    "presets/runtimes/NAME.lua kernel_floor_s (CUDA Graphs launch cost)",
	    "minimum time per kernel: launch and tail"),
	INTRA("intra_efficiency", efficiency, 0.3, 1.0, "fraction", true,
	    "presets/fabrics/NAME.lua efficiency of the cluster's intra-node fabric (nccl-tests busbw)",
	    "achievable fraction of the intra-node fabric's bandwidth for collectives"),
	INTRA("intra_latency_s", latency_s, FABRIC_LAT_MIN_S, FABRIC_LAT_MAX_S, "s", false,
	    "presets/fabrics/NAME.lua latency_s of the cluster's intra-node fabric (nccl-tests)",
	    "per-call latency of an intra-node collective"),
	/* issue 11's kernel-aware model (latency.c): each a named, bounded
	 * efficiency with its default's source in the preset */
	{ .name = "fp8_compute_fraction", .kind = CALIB_KIND_GPU, .field = "compute_fraction_by_dtype.fp8",
	  .offset = offsetof(Scenario, cluster.gpu.dtype_fraction[DTYPE_FP8]), .min = 0.2, .max = 1.0,
	  .unset_offset = offsetof(Scenario, cluster.gpu.compute_fraction),  /* gpu_compute_fraction */
	  .unit = "fraction", .fit = true,
	  .def_source = "presets/gpus/NAME.lua compute_fraction_by_dtype.fp8 (fp8 MAMF: H100 70.9%), else "
	  "compute_fraction",
	  .help = "achievable fraction of the fp8 tensor-core peak for large fp8 GEMMs" },
	GPU(roofline_sharpness, 1.0, 8.0, "exponent", true,
	    "presets/gpus/NAME.lua roofline_sharpness (2: checked against DeepGEMM's H800 table)",
	    "p of the smooth roofline (t_c^p + t_m^p)^(1/p): how sharply GEMMs turn at the ridge"),
	RT(attn_bw_fraction, 0.2, 1.0, "fraction", true,
	    "presets/runtimes/NAME.lua attn_bw_fraction (FlashInfer / FlashDecoding figures, estimate)",
	    "HBM fraction a large decode-attention launch reaches"),
	RT(attn_ctx_half, 1, 65536, "tokens", true,
	    "presets/runtimes/NAME.lua attn_ctx_half (estimate)",
	    "KV tokens per decode-attention launch at which it reaches half its bandwidth"),
	RT(attn_compute_fraction, 0.2, 1.0, "fraction", true,
	    "presets/runtimes/NAME.lua attn_compute_fraction (FlashAttention-2: 50-73% of A100 peak)",
	    "fraction of the 16-bit peak prefill attention reaches"),
	RT(step_overhead_s, 1e-6, 20e-3, "s", true,
	    "presets/runtimes/NAME.lua step_overhead_s (TensorRT-LLM #13957: ~580 us/iter; vLLM #6854)",
	    "host time per engine step not hidden behind the GPU"),
	RT(seq_overhead_s, 1e-8, 200e-6, "s", true,
	    "presets/runtimes/NAME.lua seq_overhead_s (vLLM #6913: ~0.1 ms per sequence in V0)",
	    "host time per running sequence per step"),
	RT(request_overhead_s, 1e-5, 0.1, "s", true,
	    "presets/runtimes/NAME.lua request_overhead_s (estimate: API server, tokenizer)",
	    "host time per request before its first token"),
	RT(moe_imbalance, 0.1, 4.0, "sigmas", true,
	    "presets/runtimes/NAME.lua moe_imbalance (1 = uniform routing)",
	    "spread of the most-loaded EP rank over the mean, in multinomial sigmas"),
	RT(moe_gemm_efficiency, 0.05, 1.0, "fraction", true,
	    "presets/runtimes/NAME.lua moe_gemm_efficiency (0.45: between untuned Triton fused_moe "
	    "0.27-0.32, VeOmni #460, and tuned 0.66, Liger-Kernel #1294; TensorRT-LLM 1, not measured)",
	    "rate of the grouped MoE GEMM kernel relative to the dense GEMMs"),
};

#undef GPU
#undef RT
#undef INTRA

int
calib_param_count(void)
{
	return (int)(sizeof calib_table / sizeof calib_table[0]);
}

const CalibParamDef *
calib_param_def(int i)
{
	return &calib_table[i];
}

int
calib_param_find(const char *name)
{
	char norm[64];

	if (param_name_normalize(name, norm, sizeof norm) != 0)
		return -1;
	for (int p = 0; p < calib_param_count(); p++)
		if (strcmp(norm, calib_table[p].name) == 0)
			return p;
	return -1;
}

const char *
calib_kind_name(CalibKind k)
{
	static const char *const names[CALIB_KIND_COUNT] = {
		[CALIB_KIND_GPU] = "gpu", [CALIB_KIND_RUNTIME] = "runtime", [CALIB_KIND_FABRIC] = "fabric",
	};
	return k < CALIB_KIND_COUNT ? names[k] : "?";
}

double
calib_param_get(const Scenario *s, int i)
{
	double v;
	memcpy(&v, (const char *)s + calib_table[i].offset, sizeof v);
	if (v == 0 && calib_table[i].unset_offset)
		memcpy(&v, (const char *)s + calib_table[i].unset_offset, sizeof v);
	return v;
}

int
calib_param_set(Scenario *s, int i, double v, char *why, size_t n)
{
	const CalibParamDef *d = &calib_table[i];

	if (!(v >= d->min && v <= d->max)) {
		snprintf(why, n, "must be in %g..%g", d->min, d->max);
		return -1;
	}
	memcpy((char *)s + d->offset, &v, sizeof v);
	return 0;
}
