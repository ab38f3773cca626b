/* test_modern.c: issue 13's rack-scale NVLink domains and FP4 / mixed
 * formats, from first principles and against published figures. */
#include <stdlib.h>
#include <string.h>

#include "core/dtype.h"
#include "core/layout.h"
#include "helpers.h"
#include "test.h"

/* ---- NVLink domains beyond a node ---------------------------------------- */

TEST(nvl72_domain_is_the_tp_bound)
{
	Scenario *s = malloc(sizeof *s);
	Result *r = malloc(sizeof *r);

	/* GB200 NVL72: 18 trays of 4 GPUs, one 72-GPU NVLink domain */
	scenario_from(s, "model=llama-3.1-405b", "cluster=gb200-nvl72", "tp=16", "pp=1", "dp=4",
	    "batch=8", NULL);
	EXPECT_EQ(cluster_gpus(&s->cluster), 72);
	EXPECT_EQ(s->cluster.gpus_per_node, 4);
	EXPECT_EQ(cluster_nvlink_domain(&s->cluster), 72);
	EXPECT_TRUE(layout_tp_in_domain(&s->cluster, 72));
	EXPECT_TRUE(!layout_tp_in_domain(&s->cluster, 73));
	EXPECT_EQ(eval_run(s, r), EVAL_OK);
	/* TP 16 spans four trays but stays in the domain: no warning */
	EXPECT_TRUE(check_find(r, CHECK_TP_SPANS_NODES) == NULL);
	double tpot_domain = r->latency.tpot_s;
	/* decode comm from first principles: 126 layers x 2 ring all-reduces of
	 * 8 tokens x h 16384 x 2 bytes, 2(n-1)/n of it moved over NVLink 5
	 * (900 GB/s x 0.75, 8 us per call), plus the LM head's logits gather
	 * (8 x V 128256 x 4 bytes x (n-1)/n) */
	const Fabric *nv = &s->cluster.intra;
	double ar = 2.0 * 15 / 16 * 8 * 16384 * 2;
	double gather = 8 * 128256 * 4.0 * 15 / 16;
	double bw = nv->bytes_per_s * nv->efficiency;
	EXPECT_NEAR(r->stages[0].phase[PHASE_DECODE].comm_s, 252 * (ar / bw + nv->latency_s) +
	    gather / bw + nv->latency_s, 1e-9, "ring all-reduce, nvlink5.lua");

	/* the same rack cut into 4-GPU domains: TP 16 crosses InfiniBand */
	scenario_from(s, "model=llama-3.1-405b", "cluster=gb200-nvl72", "nvlink_domain=4", "tp=16",
	    "pp=1", "dp=4", "batch=8", NULL);
	EXPECT_EQ(cluster_nvlink_domain(&s->cluster), 4);
	EXPECT_EQ(eval_run(s, r), EVAL_OK);
	EXPECT_TRUE(check_find(r, CHECK_TP_SPANS_NODES) != NULL);
	EXPECT_TRUE(r->latency.tpot_s > tpot_domain);
	/* the same all-reduces over InfiniBand NDR (50 GB/s x 0.92, 20 us) */
	const Fabric *ib = &s->cluster.inter;
	double bi = ib->bytes_per_s * ib->efficiency;
	EXPECT_NEAR(r->stages[0].phase[PHASE_DECODE].comm_s, 252 * (ar / bi + ib->latency_s) +
	    gather / bi + ib->latency_s, 1e-9, "ring all-reduce, ib-ndr.lua");
	free(s);
	free(r);
}

TEST(nvl72_published_rack_totals)
{
	Scenario *s = malloc(sizeof *s);

	/* NVIDIA GB200 NVL72 datasheet: FP4 1,440 PFLOPS and FP8 720 PFLOPS
	 * (with sparsity), 13.4 TB HBM3e, 576 TB/s, for 72 GPUs */
	scenario_from(s, "model=llama-3-8b", "cluster=gb200-nvl72", NULL);
	const Gpu *g = &s->cluster.gpu;
	EXPECT_NEAR(72 * 2 * g->peak_flops[DTYPE_NVFP4], 1440e15, 1e-9, "GB200 NVL72 datasheet FP4");
	EXPECT_NEAR(72 * 2 * g->peak_flops[DTYPE_FP8], 720e15, 1e-9, "GB200 NVL72 datasheet FP8");
	EXPECT_NEAR(72 * g->datasheet_memory_bytes, 13.4e12, 0.001, "GB200 NVL72 datasheet HBM3e");
	EXPECT_NEAR(72 * g->hbm_bytes_per_s, 576e12, 1e-9, "GB200 NVL72 datasheet bandwidth");
	/* GB300 NVL72 datasheet: FP4 1,080 PFLOPS dense */
	scenario_from(s, "model=llama-3-8b", "cluster=gb300-nvl72", NULL);
	EXPECT_NEAR(72 * s->cluster.gpu.peak_flops[DTYPE_NVFP4], 1080e15, 1e-9,
	    "GB300 NVL72 datasheet FP4 dense");
	EXPECT_EQ(cluster_nvlink_domain(&s->cluster), 72);
	free(s);
}

TEST(nvlink_domain_defaults_to_the_node)
{
	Scenario *s = malloc(sizeof *s);
	Result *r = malloc(sizeof *r);

	scenario_from(s, "model=llama-3-8b", "cluster=h100x16", "tp=16", "batch=8", NULL);
	EXPECT_EQ(cluster_nvlink_domain(&s->cluster), 8);
	EXPECT_EQ(eval_run(s, r), EVAL_OK);
	EXPECT_TRUE(check_find(r, CHECK_TP_SPANS_NODES) != NULL);
	/* the fill rule keeps TP within the domain: 405B bf16 on NVL72 */
	scenario_from(s, "model=llama-3.1-405b", "cluster=gb200-nvl72", NULL);
	EXPECT_TRUE(s->strategy.tp <= 72 && s->strategy.tp > 4);
	free(s);
	free(r);
}

/* ---- FP4 and mixed formats ----------------------------------------------- */

TEST(fp4_bytes_count_their_scales)
{
	/* NVFP4: 4 bits + one e4m3 (8-bit) scale per 16 = 4.5 bits */
	EXPECT_EQ(dtype_weight_bytes(DTYPE_NVFP4), (4 + 8.0 / 16) / 8);
	/* MXFP4: 4 bits + one e8m0 scale per 32 = 4.25 bits (OCP MX v1.0) */
	EXPECT_EQ(dtype_weight_bytes(DTYPE_MXFP4), (4 + 8.0 / 32) / 8);
	/* W4A8: int4 + a 16-bit scale per 128 = 4.125 bits */
	EXPECT_EQ(dtype_weight_bytes(DTYPE_W4A8), (4 + 16.0 / 128) / 8);
	Dtype d;
	EXPECT_TRUE(dtype_parse("nvfp4", &d) == 0 && d == DTYPE_NVFP4);
	EXPECT_TRUE(dtype_parse("mxfp4", &d) == 0 && d == DTYPE_MXFP4);
	EXPECT_TRUE(dtype_parse("w4a16", &d) == 0 && d == DTYPE_INT4);
	EXPECT_TRUE(dtype_is_quantized(DTYPE_NVFP4));
}

TEST(fp4_peak_only_on_fp4_tensor_cores)
{
	Scenario *s = malloc(sizeof *s);
	Result *r = malloc(sizeof *r);

	/* B200: FP4 dense 9 PFLOPS (HGX B200 datasheet 144 PF* / 8 / 2) */
	scenario_from(s, "model=llama-3-70b", "cluster=b200x8", "tp=1", "dp=8", "dtype=nvfp4", NULL);
	EXPECT_EQ(eval_compute_dtype(s), DTYPE_NVFP4);
	EXPECT_EQ(eval_peak_flops(s), 9e15);
	EXPECT_EQ(eval_run(s, r), EVAL_OK);
	EXPECT_TRUE(check_find(r, CHECK_FP8_WEIGHT_ONLY) == NULL);
	/* H100: no FP4 tensor cores: dequantised, bf16 peak 989.4 TFLOP/s, warned */
	scenario_from(s, "model=llama-3-70b", "cluster=h100x8", "tp=1", "dp=8", "dtype=nvfp4", NULL);
	EXPECT_EQ(eval_compute_dtype(s), DTYPE_BF16);
	EXPECT_EQ(eval_peak_flops(s), 989.4e12);
	EXPECT_EQ(eval_run(s, r), EVAL_OK);
	EXPECT_TRUE(check_find(r, CHECK_FP8_WEIGHT_ONLY) != NULL);
	/* W4A8 on H100: the fp8 peak; on A100 (no fp8): bf16 */
	scenario_from(s, "model=llama-3-70b", "cluster=h100x8", "tp=1", "dp=8", "dtype=w4a8", NULL);
	EXPECT_EQ(eval_peak_flops(s), 1978.9e12);
	scenario_from(s, "model=llama-3-70b", "cluster=a100x8", "tp=1", "dp=8", "dtype=w4a8", NULL);
	EXPECT_EQ(eval_compute_dtype(s), DTYPE_BF16);
	/* MI355X: MXFP4 (CDNA 4) but no NVFP4 */
	scenario_from(s, "model=llama-3-70b", "cluster=mi355x8", "tp=1", "dp=8", "dtype=mxfp4", NULL);
	EXPECT_EQ(eval_compute_dtype(s), DTYPE_MXFP4);
	EXPECT_EQ(eval_peak_flops(s), 10.1e15);
	scenario_from(s, "model=llama-3-70b", "cluster=mi355x8", "tp=1", "dp=8", "dtype=nvfp4", NULL);
	EXPECT_EQ(eval_compute_dtype(s), DTYPE_BF16);
	free(s);
	free(r);
}

/* gpt-oss: experts MXFP4, attention/router/embedding/head bf16, from the
 * config's quantization_config (quant_method mxfp4, modules_to_not_convert). */
static double
gpt_oss_weights(const Scenario *s)
{
	ModelParams p;
	model_params(&s->model, &p);
	/* the experts' linear weights (3 h f_e, gated) in MXFP4; their biases,
	 * attention, router, embedding and head in bf16 */
	double routed = p.moe_layers * (double)s->model.n_experts * 3.0 * s->model.hidden *
	    s->model.expert_intermediate;
	return routed * (4 + 8.0 / 32) / 8 + (p.total - routed) * 2;
}

TEST(gpt_oss_weights_mxfp4_experts)
{
	Scenario *s = malloc(sizeof *s);
	Result *r = malloc(sizeof *r);

	scenario_from(s, "model=gpt-oss-120b", "gpu=h100-sxm", "gpus=1", NULL);
	EXPECT_EQ(s->strategy.weight_dtype, DTYPE_BF16);
	EXPECT_EQ(strategy_expert_dtype(&s->strategy), DTYPE_MXFP4);
	EXPECT_EQ(eval_run(s, r), EVAL_OK);
	EXPECT_NEAR(r->stages[0].weights_bytes, gpt_oss_weights(s), 1e-9, "first principles");
	/* OpenAI gpt-oss model card (arXiv 2508.10925), checkpoint sizes:
	 * gpt-oss-120b 60.8 GiB, gpt-oss-20b 12.8 GiB */
	EXPECT_NEAR(r->stages[0].weights_bytes / 1073741824.0, 60.8, 0.005, "gpt-oss model card");
	scenario_from(s, "model=gpt-oss-20b", "gpu=h100-sxm", "gpus=1", NULL);
	EXPECT_EQ(eval_run(s, r), EVAL_OK);
	EXPECT_NEAR(r->stages[0].weights_bytes, gpt_oss_weights(s), 1e-9, "first principles");
	EXPECT_NEAR(r->stages[0].weights_bytes / 1073741824.0, 12.8, 0.005, "gpt-oss model card");
	/* a dtype given applies to every layer unless expert_dtype says otherwise */
	scenario_from(s, "model=gpt-oss-20b", "gpu=h100-sxm", "gpus=1", "dtype=bf16", NULL);
	EXPECT_EQ(strategy_expert_dtype(&s->strategy), DTYPE_BF16);
	scenario_from(s, "model=gpt-oss-20b", "gpu=h100-sxm", "gpus=1", "dtype=bf16",
	    "expert_dtype=nvfp4", NULL);
	EXPECT_EQ(strategy_expert_dtype(&s->strategy), DTYPE_NVFP4);
	free(s);
	free(r);
}

TEST(gpt_oss_experts_at_fp4_peak_on_blackwell)
{
	Scenario *s = malloc(sizeof *s);
	Result *r = malloc(sizeof *r);

	/* a large prefill: the routed experts' GEMMs are compute-bound, and
	 * run 4x faster at B200's 9 PF FP4 than at 2.25 PF bf16 */
	scenario_from(s, "model=gpt-oss-120b", "gpu=b200", "gpus=1", "batch=64", "input_len=8192", NULL);
	EXPECT_EQ(eval_run(s, r), EVAL_OK);
	EXPECT_TRUE(check_find(r, CHECK_FP8_WEIGHT_ONLY) == NULL);
	double fp4 = r->latency.batch_prefill_s;
	scenario_from(s, "model=gpt-oss-120b", "gpu=b200", "gpus=1", "batch=64", "input_len=8192",
	    "expert_dtype=int4", NULL);
	EXPECT_EQ(eval_run(s, r), EVAL_OK);
	EXPECT_TRUE(r->latency.batch_prefill_s > 1.2 * fp4);
	free(s);
	free(r);
}
