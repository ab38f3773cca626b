/* test_physics.c: issue 11's structural root causes, one test each: the
 * attention kernel by runtime, GEMM tiles and waves, per-dtype peaks, host
 * costs, all-reduce algorithms, MoE load, serving consistency, memory
 * details.  Each asserts the mechanism (a ratio, a byte count, an
 * algorithm) rather than a fitted figure. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/explain.h"
#include "core/serving.h"
#include "helpers.h"
#include "test.h"

static Scenario *
scen(void)
{
	return malloc(sizeof(Scenario));
}

static double
decode_attn_bytes(const Result *r)
{
	double b = 0;
	for (int i = 0; i < r->n_stages; i++)
		b += r->stages[i].phase[PHASE_DECODE].attn_bytes;
	return b;
}

TEST(physics_attention_kernel_by_runtime)
{
	/* Llama-3-70B (64 query heads, 8 KV heads) TP 4: TensorRT-LLM 0.5's
	 * masked MHA streams each KV head 8 times, XQA once; the q/o
	 * activation bytes are the same, so the KV part scales by a_q/a_kv */
	Scenario *s = scen();
	Result *r = malloc(sizeof *r), *x = malloc(sizeof *x);
	scenario_from(s, "model=llama-2-70b", "gpu=a100-80gb", "gpus=4", "tp=4", "runtime=trtllm",
	    "batch=16", "input_len=2048", "output_len=128", NULL);
	EXPECT_EQ(s->runtime.attn_reuse, ATTN_KV_SHARED);
	eval_run(s, x);
	scenario_from(s, "model=llama-2-70b", "gpu=a100-80gb", "gpus=4", "tp=4", "runtime=trtllm-0.5",
	    "batch=16", "input_len=2048", "output_len=128", NULL);
	EXPECT_EQ(s->runtime.attn_reuse, ATTN_KV_PER_QHEAD);
	eval_run(s, r);
	/* KV per step per GPU: 16 seqs x 2112 ctx x 80 layers x (2 x 2 heads x
	 * 128 x 2 B); the q/o and new-token bytes are the same for both */
	double kv = 16 * (2048 + 64.0) * 80 * (2 * 2 * 128 * 2);
	EXPECT_NEAR(decode_attn_bytes(r) - decode_attn_bytes(x), 7 * kv, 1e-9,
	    "a_q/a_kv = 64/8 reads of each KV head (decoderMaskedMultiheadAttention)");
	EXPECT_TRUE(r->latency.tpot_s > x->latency.tpot_s);
	free(s);
	free(r);
	free(x);
}

TEST(physics_gemm_waves_and_tiles)
{
	/* a 2,048-token prefill of Llama-3-8B on one H100: the GEMMs are
	 * compute-bound, so their efficiency is the fraction times the tile
	 * and wave utilisation (< 1), never above the fraction; one decode
	 * token pays a 64-row tile but stays memory-bound */
	Scenario *s = scen();
	Result *r = malloc(sizeof *r);
	scenario_from(s, "model=llama-3-8b", "gpu=h100-sxm", "gpus=1", "tp=1", "batch=1",
	    "input_len=2048", "output_len=2", NULL);
	EXPECT_EQ(s->cluster.gpu.sm_count, 132);
	eval_run(s, r);
	EXPECT_TRUE(r->latency.prefill_gemm_eff < 0.80);
	EXPECT_TRUE(r->latency.prefill_gemm_eff > 0.80 * 0.6);
	EXPECT_TRUE(r->latency.decode_gemm_eff < 0.02);
	/* the same GEMMs with the hard max and no wave model are faster */
	double ttft = r->latency.ttft_s;
	s->cluster.gpu.roofline_sharpness = 0;
	s->cluster.gpu.sm_count = 0;
	eval_run(s, r);
	EXPECT_TRUE(r->latency.ttft_s < ttft);
	EXPECT_NEAR(r->latency.prefill_gemm_eff, 0.80, 0.03, "hard roofline: the MAMF fraction");
	free(s);
	free(r);
}

TEST(physics_fp8_peak_and_16bit_operators)
{
	/* H100 fp8 GEMMs run at 70.9% of the fp8 peak (MAMF, presets/gpus/
	 * h100-sxm.lua), bf16 at 80%; the LM head and attention stay 16-bit */
	Scenario *s = scen();
	Result *r = malloc(sizeof *r);
	scenario_from(s, "model=llama-3-70b", "cluster=h100x8", "tp=8", "dtype=fp8", NULL);
	EXPECT_NEAR(gpu_compute_fraction(&s->cluster.gpu, DTYPE_FP8), 0.71, 1e-12, "MAMF fp8 1402.6/1979");
	EXPECT_NEAR(gpu_compute_fraction(&s->cluster.gpu, DTYPE_BF16), 0.80, 1e-12, "MAMF bf16 794.5/989");
	eval_run(s, r);
	char buf[4096];
	EXPECT_EQ(explain_figure(s, r, "latency.ttft_s", -1, buf, sizeof buf), 0);
	EXPECT_STR_CONTAINS(buf, "compute fraction 0.71");
	EXPECT_STR_CONTAINS(buf, "of the 16-bit peak");
	free(s);
	free(r);
}

TEST(physics_host_costs)
{
	/* TTFT carries the request's host path and one step, TPOT the step's
	 * host time: step_overhead_s + seq_overhead_s x batch */
	Scenario *s = scen();
	Result *r = malloc(sizeof *r);
	scenario_from(s, "model=llama-3-8b", "gpu=h100-sxm", "gpus=1", "tp=1", "runtime=trtllm", "batch=64",
	    NULL);
	eval_run(s, r);
	const Runtime *rt = &s->runtime;
	EXPECT_NEAR(r->latency.host_step_s, rt->step_overhead_s + 64 * rt->seq_overhead_s, 1e-12,
	    "host per step");
	EXPECT_NEAR(r->latency.host_request_s, rt->request_overhead_s + rt->step_overhead_s +
	    rt->seq_overhead_s, 1e-12, "host on TTFT");
	double tpot = r->latency.tpot_s;
	s->runtime.step_overhead_s = s->runtime.seq_overhead_s = 0;
	eval_run(s, r);
	EXPECT_NEAR(tpot - r->latency.tpot_s, 0.58e-3 + 64 * 1e-6, 1e-9, "TensorRT-LLM #13957 ~580 us/iter");
	/* CUDA graphs off: every kernel pays an eager launch */
	double floors = r->stages[0].phase[PHASE_DECODE].floor_s;
	s->runtime.cuda_graphs = false;
	eval_run(s, r);
	EXPECT_NEAR(r->stages[0].phase[PHASE_DECODE].floor_s, floors * 10e-6 / 4e-6, 1e-9,
	    "eager 10 us per launch vs the 4 us graph floor");
	free(s);
	free(r);
}

TEST(physics_all_reduce_algorithms)
{
	Scenario *s = scen();
	Result *r = malloc(sizeof *r);
	/* decode at batch 8 on NVSwitch: 8 x 8192 x 2 B = 128 KiB, one-shot */
	scenario_from(s, "model=llama-3-70b", "cluster=h100x8", "tp=8", "batch=8", NULL);
	eval_run(s, r);
	EXPECT_EQ(r->latency.decode_ar, AR_ONESHOT);
	/* a 2,048-token prefill: 32 MiB, past the custom kernel's 8 MiB: NVLS */
	EXPECT_EQ(r->latency.prefill_ar, AR_NVLS);
	/* A100 NVSwitch gen 2 has no NVLink SHARP: ring */
	scenario_from(s, "model=llama-3-70b", "cluster=a100x8", "tp=8", "batch=8", NULL);
	eval_run(s, r);
	EXPECT_EQ(r->latency.prefill_ar, AR_RING);
	/* TP 16 over two nodes: hierarchical, faster than a flat ring over IB */
	scenario_from(s, "model=llama-3-70b", "cluster=h100x16", "tp=16", "batch=8", NULL);
	eval_run(s, r);
	EXPECT_EQ(r->latency.decode_ar, AR_HIER);
	EXPECT_STR_CONTAINS(ar_algo_name(AR_HIER), "hierarchical");
	free(s);
	free(r);
}

TEST(physics_moe_most_loaded_rank_and_fp8_dispatch)
{
	/* DeepSeek-V3 EP 16 over two nodes: the most-loaded rank gets more
	 * than the mean (multinomial max), fp8 dispatch cuts the all-to-all */
	Scenario *s = scen();
	Result *r = malloc(sizeof *r);
	scenario_from(s, "model=deepseek-v3", "cluster=h100x16", "tp=8", "dp=2", "ep=16", "dtype=fp8",
	    "batch=64", NULL);
	eval_run(s, r);
	EXPECT_TRUE(r->latency.moe_load_factor > 1.05);
	double comm = r->stages[0].phase[PHASE_DECODE].comm_s;
	double load = r->latency.moe_load_factor;
	s->runtime.moe_imbalance = 0;
	eval_run(s, r);
	EXPECT_NEAR(r->latency.moe_load_factor, 1, 1e-12, "uniform: the mean");
	s->runtime.moe_imbalance = 1;
	s->strategy.ep_mode = EP_MODE_A2A;      /* the plain all-to-all: DeepEP is always fp8 */
	eval_run(s, r);
	comm = r->stages[0].phase[PHASE_DECODE].comm_s;
	s->runtime.ep_dispatch_fp8 = true;
	eval_run(s, r);
	EXPECT_NEAR(r->latency.moe_load_factor, load, 1e-12, "same routing");
	EXPECT_TRUE(r->stages[0].phase[PHASE_DECODE].comm_s < comm);
	free(s);
	free(r);
}

TEST(physics_serving_consistency)
{
	Scenario *s = scen(), *w = scen();
	Result *r = malloc(sizeof *r);
	StepModel m;
	/* e2e and the throughput cycle: prefill + (O - 1) decode steps */
	scenario_from(s, "model=llama-3-8b", "gpu=h100-sxm", "gpus=1", "tp=1", "batch=16",
	    "input_len=512", "output_len=100", NULL);
	eval_run(s, r);
	EXPECT_NEAR(r->latency.e2e_s, r->latency.batch_prefill_s + 99 * r->latency.tpot_s, 1e-12, "e2e");
	EXPECT_NEAR(r->throughput.tokens_per_s, 16 * 100 / r->latency.e2e_s, 1e-12, "throughput");
	/* PP 2: a prefill token in a decode step costs one stage's share (the
	 * stages hold different micro-batches), a request's own prefill the
	 * path: about half */
	scenario_from(s, "model=llama-3-70b", "cluster=h100x8", "tp=4", "pp=2", NULL);
	EXPECT_EQ(serving_step_model(s, 64, w, r, &m), 0);
	EXPECT_NEAR(m.prefill_token_s / m.prefill_path_token_s, 0.5, 0.05, "80 layers over 2 stages");
	/* trtllm-bench's batch cap (tensorrt_llm/bench/build/tuning.py) */
	scenario_from(s, "model=llama-3-8b", "cluster=h100x8", "runtime=trtllm-bench", NULL);
	EXPECT_EQ(s->runtime.max_num_seqs, 4096);
	free(s);
	free(w);
	free(r);
}

TEST(physics_memory_details)
{
	Scenario *s = scen();
	Result *r = malloc(sizeof *r), *x = malloc(sizeof *x);
	/* vLLM before 0.21 captured CUDA graphs outside the KV budget */
	scenario_from(s, "model=llama-3-8b", "gpu=h100-sxm", "gpus=1", "tp=1", "mem_util=0.9", NULL);
	eval_run(s, x);
	scenario_from(s, "model=llama-3-8b", "gpu=h100-sxm", "gpus=1", "tp=1", "runtime=vllm-0.4",
	    "mem_util=0.9", NULL);
	eval_run(s, r);
	EXPECT_NEAR(r->memory.kv_pool_bytes - x->memory.kv_pool_bytes, s->runtime.cuda_graph_bytes, 1e-9,
	    "graphs from the (1 - utilization) slack");
	/* SGLang's mem_fraction_static from GPU size and TP (server_args.py):
	 * 81,090 MiB: TP 1 reserves 512 + 8192 x 1.5 + 256 x 2 + 128 = 13,440 MiB
	 * -> 0.834; TP 8: 512 + 12,288 + 1,024 + 1,024 = 14,848 -> 0.817 */
	scenario_from(s, "model=llama-3-8b", "cluster=h100x8", "runtime=sglang", NULL);
	EXPECT_TRUE(s->runtime.mem_fraction_auto);
	EXPECT_NEAR(runtime_mem_fraction(&s->runtime, &s->cluster.gpu, 1, 1), 0.834, 1e-9, "TP 1");
	EXPECT_NEAR(runtime_mem_fraction(&s->runtime, &s->cluster.gpu, 8, 1), 0.817, 1e-9, "TP 8");
	/* a given fraction is used as given */
	scenario_from(s, "model=llama-3-8b", "cluster=h100x8", "runtime=sglang", "mem_util=0.7", NULL);
	EXPECT_TRUE(!s->runtime.mem_fraction_auto);
	EXPECT_NEAR(runtime_mem_fraction(&s->runtime, &s->cluster.gpu, 8, 1), 0.7, 1e-12, "mem_util");
	/* fp8 MLA cache with scales: 512 fp8 + 4 fp32 scales + 64 bf16 rope = 656 B per layer */
	scenario_from(s, "model=deepseek-v3", "cluster=h100x16", "tp=16", "dtype=fp8", "kv_dtype=fp8", NULL);
	s->runtime.mla_fp8_scales = true;
	eval_run(s, r);
	EXPECT_NEAR(r->memory.kv_bytes_per_token, 656.0 * s->model.n_layers, 1e-12, "fp8_ds_mla layout");
	s->runtime.mla_fp8_scales = false;
	eval_run(s, r);
	EXPECT_NEAR(r->memory.kv_bytes_per_token, 576.0 * s->model.n_layers, 1e-12, "plain fp8 latent");
	free(s);
	free(r);
	free(x);
}

TEST(physics_explain_names_the_kernels)
{
	Scenario *s = scen();
	Result *r = malloc(sizeof *r);
	char buf[4096];
	scenario_from(s, "model=llama-3-70b", "cluster=h100x8", "tp=8", "runtime=trtllm", NULL);
	eval_run(s, r);
	EXPECT_EQ(explain_figure(s, r, "latency.tpot_s", -1, buf, sizeof buf), 0);
	EXPECT_STR_CONTAINS(buf, "attention kernel: xqa");
	EXPECT_STR_CONTAINS(buf, "GEMM efficiency:");
	EXPECT_STR_CONTAINS(buf, "TP all-reduce: ");
	EXPECT_STR_CONTAINS(buf, "host per step:");
	free(s);
	free(r);
}

TEST(physics_gemm_vs_deepgemm_table)
{
	/* deepseek-ai/DeepGEMM README, "Normal GEMMs for dense models" (H800,
	 * FP8 in, BF16 out; the H800's tensor peaks and 3.35 TB/s are the H100
	 * SXM's): M x N x K, TFLOPS -> time.  The model: fp8 weights N*K bytes,
	 * activations M*K, output 2*M*N, with the runtime's 4 us kernel floor.
	 * Errors (model / measured - 1): +3%, -5%, +14%, +43%: short-K GEMMs
	 * near the floor are the weak spot, stated rather than fitted. */
	static const struct { double m, n, k, tflops, tol; } rows[] = {
		{ 64, 2112, 7168, 206, 0.10 },
		{ 128, 2112, 7168, 352, 0.10 },
		{ 128, 4096, 7168, 533, 0.20 },
		{ 128, 7168, 2048, 510, 0.50 },
	};
	Scenario *s = scen();
	scenario_from(s, "model=llama-3-8b", "gpu=h100-sxm", "gpus=1", NULL);
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		double m = rows[i].m, n = rows[i].n, k = rows[i].k;
		double bytes = n * k + m * k + 2 * m * n;
		double t = gemm_time_s(&s->cluster.gpu, DTYPE_FP8, m, n, k, bytes, 4e-6);
		EXPECT_NEAR(t, 2 * m * n * k / (rows[i].tflops * 1e12), rows[i].tol,
		    "DeepGEMM README normal GEMM table (H800)");
	}
	free(s);
}
