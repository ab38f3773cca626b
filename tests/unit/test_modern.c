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
	/* decode comm from first principles: 126 layers x 2 all-reduces of
	 * 8 tokens x h 16384 x 2 bytes (256 KiB) inside the domain, flat over
	 * NVLink 5 by the fastest algorithm (latency.c ar_flat): one-shot
	 * (8 us + 15 x 256 KiB at 675 GB/s: every GPU reads its 15 peers) beats two-shot, ring
	 * and NVLS (20 us NCCL per call) at this size; plus the LM head's
	 * logits gather (8 x V 128256 x 4 bytes x (n-1)/n) */
	const Fabric *nv = &s->cluster.intra;
	double b = 8 * 16384 * 2.0, ring_b = 2.0 * 15 / 16 * b;
	double gather = 8 * 128256 * 4.0 * 15 / 16;
	double bw = nv->bytes_per_s * nv->efficiency;
	double one = nv->latency_s + 15 * b / bw;
	EXPECT_TRUE(one < 2 * nv->latency_s + ring_b / bw);
	EXPECT_TRUE(one < nv->nccl_latency_s + ring_b / (nv->bytes_per_s * nv->nvls_efficiency));
	EXPECT_EQ(r->latency.decode_ar, AR_ONESHOT);
	EXPECT_NEAR(r->stages[0].phase[PHASE_DECODE].comm_s, 252 * one + gather / bw + nv->latency_s, 1e-9,
	    "one-shot all-reduce, nvlink5.lua");

	/* the same rack cut into 4-GPU domains: TP 16 crosses InfiniBand */
	scenario_from(s, "model=llama-3.1-405b", "cluster=gb200-nvl72", "nvlink_domain=4", "tp=16",
	    "pp=1", "dp=4", "batch=8", NULL);
	EXPECT_EQ(cluster_nvlink_domain(&s->cluster), 4);
	EXPECT_EQ(eval_run(s, r), EVAL_OK);
	EXPECT_TRUE(check_find(r, CHECK_TP_SPANS_NODES) != NULL);
	EXPECT_TRUE(r->latency.tpot_s > tpot_domain);
	/* hierarchical across the four domains (latency.c all_reduce):
	 * reduce-scatter and all-gather in each 4-GPU domain over NVLink 5
	 * (20 us NCCL per call), the 1/4 shard all-reduced over InfiniBand
	 * NDR (50 GB/s x 0.92, 20 us); the logits gather over NDR */
	const Fabric *ib = &s->cluster.inter;
	double bi = ib->bytes_per_s * ib->efficiency;
	double rs = nv->nccl_latency_s + 3.0 / 4 * b / bw;
	double hier = 2 * rs + ib->latency_s + 2 * 3.0 / 4 * (b / 4) / bi;
	EXPECT_EQ(r->latency.decode_ar, AR_HIER);
	EXPECT_NEAR(r->stages[0].phase[PHASE_DECODE].comm_s, 252 * hier + gather / bi + ib->latency_s, 1e-9,
	    "hierarchical all-reduce, nvlink5.lua + ib-ndr.lua");
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
	/* measured on GB200 NVL72 (Azure ND GB200 v6): NCCL all-reduce busbw
	 * 679.6 GB/s at 8 GB (samuel-bohman/AI-benchmarking-guide
	 * Azure_Results/ND_GB200_v6_results.md); the model's TP all-reduce
	 * rate inside the domain is nvlink5's 900 GB/s x 0.75 */
	EXPECT_NEAR(s->cluster.intra.bytes_per_s * s->cluster.intra.efficiency, 679.6e9, 0.01,
	    "ND GB200 v6 nccl-tests all-reduce busbw");
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

/* ---- architectures: Gemma 2/3, Llama 4, Kimi K2, GLM-4.5 ----------------- */

static void
params_of(const char *model, ModelParams *p, Scenario *s)
{
	scenario_from(s, model, "gpu=h100-sxm", "gpus=8", NULL);
	model_params(&s->model, p);
}

TEST(arch_parameter_counts_match_published)
{
	Scenario *s = malloc(sizeof *s);
	ModelParams p;

	/* Gemma 2 27B: 46 layers x (attention 3 x 4608 x 4096 + 4608 x 4096
	 * ... = 56,623,104; MLP 3 x 4608 x 36864; 4 norms) + tied embedding
	 * 256000 x 4608 + final norm.  Gemma 2 report (arXiv 2408.00118)
	 * Table 1: non-embedding 26,047,480,320, embedding 1,179,648,000. */
	params_of("model=gemma-2-27b", &p, s);
	EXPECT_EQ(p.total - p.embedding, 26047480320.0);
	EXPECT_EQ(p.embedding, 1179648000.0);
	EXPECT_EQ(p.head, 0);
	EXPECT_NEAR(p.total, 27.2e9, 0.002, "Gemma 2 27B: 27.2B");
	EXPECT_EQ(s->model.head_dim, 128);
	/* Gemma 3 27B: the report (arXiv 2503.19786) Table 1 gives 25,600M
	 * non-embedding parameters (the 417M vision encoder apart) */
	params_of("model=gemma-3-27b", &p, s);
	EXPECT_NEAR(p.total - p.embedding, 25600e6, 0.001, "Gemma 3 report Table 1");
	EXPECT_TRUE(s->model.qk_norm && s->model.tied_embeddings);
	/* Llama 4: model card 109B total / 17B active (Scout), 400B / 17B
	 * (Maverick); the card's totals include the ~1B vision encoder */
	params_of("model=llama-4-scout", &p, s);
	EXPECT_NEAR(p.total, 109e9, 0.015, "Llama 4 Scout model card, incl. vision");
	EXPECT_NEAR(p.active, 17e9, 0.015, "Llama 4 Scout model card");
	EXPECT_EQ(p.moe_layers, 48);
	params_of("model=llama-4-maverick", &p, s);
	EXPECT_NEAR(p.total, 400e9, 0.005, "Llama 4 Maverick model card");
	EXPECT_NEAR(p.active, 17e9, 0.015, "Llama 4 Maverick model card");
	EXPECT_EQ(p.moe_layers, 24);
	/* dense layers use intermediate_size_mlp 16384: 3 x 5120 x 16384 */
	EXPECT_EQ(p.mlp, 3.0 * 5120 * 16384);
	/* Kimi K2: 1.04T total / 32B active (Kimi K2 report, arXiv 2507.20534);
	 * counted without MTP: 1,026.4B (-1.3%) */
	params_of("model=kimi-k2", &p, s);
	EXPECT_NEAR(p.total, 1.04e12, 0.015, "Kimi K2 report: 1.04T");
	EXPECT_NEAR(p.active, 32e9, 0.03, "Kimi K2 report: 32B activated");
	EXPECT_EQ(p.dense_layers, 1);
	/* GLM-4.5: 355B total / 32B active (GLM-4.5 report, arXiv 2508.06471);
	 * the MTP layer is not counted (-0.6%), active without embeddings */
	params_of("model=glm-4.5", &p, s);
	EXPECT_NEAR(p.total, 355e9, 0.01, "GLM-4.5 report: 355B");
	EXPECT_NEAR(p.active - p.embedding - p.head, 32e9, 0.01, "GLM-4.5 report: 32B active");
	EXPECT_EQ(p.dense_layers, 3);
	EXPECT_TRUE(strstr(s->model.unmodelled, "partial_rotary_factor") != NULL);
	free(s);
}

TEST(arch_kv_sliding_layers_hold_the_window)
{
	Scenario *s = malloc(sizeof *s);
	Result *r = malloc(sizeof *r);

	/* Gemma 2 27B at TP 1: 23 global + 23 local (window 4096) layers of
	 * 2 x 16 KV heads x 128 x 2 bytes = 8192 bytes per token each; one
	 * 8192-token sequence holds 23 x 8192 x 8192 + 23 x 8192 x 4096 */
	scenario_from(s, "model=gemma-2-27b", "gpu=h100-sxm", "gpus=1", "tp=1", "batch=1",
	    "input_len=8000", "output_len=192", NULL);
	EXPECT_EQ(eval_run(s, r), EVAL_OK);
	EXPECT_EQ(r->stages[0].kv_bytes_per_token, 46 * 8192.0);
	EXPECT_EQ(r->stages[0].kv_bytes_per_seq, 23 * 8192.0 * 8192 + 23 * 8192.0 * 4096);
	/* Gemma 3 27B: 10 global, 52 local (window 1024), at 32768 tokens */
	scenario_from(s, "model=gemma-3-27b", "gpu=h100-sxm", "gpus=1", "tp=1", "batch=1",
	    "input_len=32512", "output_len=256", NULL);
	EXPECT_EQ(eval_run(s, r), EVAL_OK);
	EXPECT_EQ(r->stages[0].kv_bytes_per_seq, 10 * 8192.0 * 32768 + 52 * 8192.0 * 1024);
	/* Llama 4 Scout: 12 NoPE global + 36 chunked (8192) layers of
	 * 2 x 8 x 128 x 2 = 4096 bytes per token */
	scenario_from(s, "model=llama-4-scout", "cluster=h100x8", "tp=8", "batch=1",
	    "input_len=32512", "output_len=256", NULL);
	EXPECT_EQ(eval_run(s, r), EVAL_OK);
	EXPECT_TRUE(s->model.chunked);
	EXPECT_EQ(r->stages[0].kv_bytes_per_seq, (12 * 512.0 * 32768 + 36 * 512.0 * 8192));
	/* Kimi K2 is MLA: (512 + 64) x 2 bytes per layer, 61 layers */
	scenario_from(s, "model=kimi-k2", "gpu=h200", "gpus=16", "tp=8", "pp=2", "batch=1", NULL);
	EXPECT_EQ(eval_run(s, r), EVAL_OK);
	EXPECT_EQ(r->stages[0].kv_bytes_per_token + r->stages[1].kv_bytes_per_token, 61 * 576 * 2.0);
	free(s);
	free(r);
}
