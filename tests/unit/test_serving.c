/* test_serving.c: the continuous-batching serving model (core/serving.h):
 * its queueing pieces against their textbook answers, its limits against
 * eval, and its figures against published serving benchmarks
 * (docs/measurements.md sections B and C). */
#include <stdlib.h>
#include <string.h>

#include "core/serving.h"
#include "helpers.h"
#include "test.h"

/* A step model for s with the running batch capped at min(cap, the KV
 * cache's room) (serving_step_model applies serving_batch_cap), and the
 * tail table for o. */
static void
model_for(Scenario *s, int cap, const ServingOptions *o, StepModel *m, ServingTail *t)
{
	Scenario *w = malloc(sizeof *w);
	Result *r = malloc(sizeof *r);
	EXPECT_EQ(serving_step_model(s, cap, w, r, m), 0);
	serving_tail_init(t, o, s->workload.input_len, s->workload.output_len);
	free(w);
	free(r);
}

TEST(serving_norm_quantile_known)
{
	/* standard normal quantiles (Abramowitz & Stegun table 26.5) */
	EXPECT_NEAR(serving_norm_quantile(0.99), 2.326348, 1e-6, "A&S 26.5: z(0.99) = 2.326348");
	EXPECT_NEAR(serving_norm_quantile(0.025), -1.959964, 1e-6, "A&S 26.5: z(0.025) = -1.959964");
	EXPECT_TRUE(fabs(serving_norm_quantile(0.5)) < 1e-9);
}

TEST(serving_tail_poisson_exact)
{
	/* fixed lengths: Y = Poisson(L (O-1)) / (O-1).  O = 101, L = 0.1:
	 * Poisson(10) has P(X <= 17) = 0.9857, P(X <= 18) = 0.9928 (so the 0.99
	 * quantile of Y is 18/100) and median 10 (Y 0.10) */
	ServingOptions o;
	ServingTail t;
	serving_options_init(&o);
	serving_tail_init(&t, &o, 1000, 101);
	EXPECT_NEAR(serving_tail_quantile(&t, 0.1, true), 0.18, 0.01, "Poisson(10) 0.99 quantile = 18");
	EXPECT_NEAR(serving_tail_quantile(&t, 0.1, false), 0.10, 0.01, "Poisson(10) median = 10");
	/* rare arrivals: P(any) = 1 - exp(-0.001*100) = 9.5% > 1%, so p99 is one
	 * arrival (1/100) and the median none */
	EXPECT_NEAR(serving_tail_quantile(&t, 1e-3, true), 0.01, 0.01, "one arrival in 100 steps");
	EXPECT_EQ(serving_tail_quantile(&t, 1e-3, false), 0);
}

TEST(serving_tail_spread)
{
	/* exponential inputs (cv 1): the Wilson-Hilferty p99 of the length is
	 * ln 100 = 4.605 times the mean; many arrivals per request approach the
	 * normal: L + 2.326 sqrt(L E[I^2] E[1/(O-1)]) with E[I^2] = 2 */
	ServingOptions o;
	ServingTail t;
	serving_options_init(&o);
	o.input_cv = 1;
	serving_tail_init(&t, &o, 1000, 101);
	EXPECT_NEAR(t.input_q99, 4.60517, 0.005, "exponential 0.99 quantile = ln 100");
	EXPECT_NEAR(serving_tail_quantile(&t, 100, true), 100 + 2.326348 * sqrt(100 * 2.0 / 100), 0.005,
	    "normal limit of a compound Poisson sum");
	/* spread makes the tail heavier than fixed lengths at the same rate */
	ServingTail fixed;
	o.input_cv = 0;
	serving_tail_init(&fixed, &o, 1000, 101);
	EXPECT_TRUE(serving_tail_quantile(&t, 0.1, true) > serving_tail_quantile(&fixed, 0.1, true));
}

TEST(serving_low_load_is_eval)
{
	/* at a trickle the TTFT is eval's idle TTFT and the TPOT eval's TPOT at
	 * batch 1: nothing queues, nothing shares the steps */
	Scenario *s = malloc(sizeof *s);
	Result *r = malloc(sizeof *r);
	ServingOptions o;
	StepModel m;
	ServingTail t;
	ServingPoint p;

	scenario_from(s, "model=llama-3-70b", "cluster=h100x8", "tp=8", "rps=0", NULL);
	serving_options_init(&o);
	model_for(s, 256, &o, &m, &t);
	s->workload.batch = 1;
	eval_run(s, r);
	serving_point(&m, &o, &t, 1e-4, &p);
	EXPECT_NEAR(p.ttft_p50_s, r->latency.ttft_s, 0.01, "eval's idle TTFT");
	EXPECT_NEAR(p.tpot_p50_s, r->latency.tpot_s, 0.01, "eval's TPOT at batch 1");
	EXPECT_TRUE(p.stable && !p.heavy && p.load < 1e-3);
	free(s);
	free(r);
}

TEST(serving_littles_law_and_monotone)
{
	/* n = rate * O * t at every stable rate (Little's law); p99s grow with
	 * the rate; past the capacity the point is unstable */
	Scenario *s = malloc(sizeof *s);
	ServingOptions o;
	StepModel m;
	ServingTail t;
	ServingPoint p, prev = { 0 };
	ServingLimit lim;

	scenario_from(s, "model=llama-3-70b", "cluster=h100x8", "tp=8", "rps=0", "input_len=1024",
	    "output_len=512", NULL);
	serving_options_init(&o);
	o.input_cv = o.output_cv = 0.5;
	model_for(s, 512, &o, &m, &t);
	double cap = serving_capacity(&m, &o, &lim);
	EXPECT_TRUE(cap > 0);
	for (int i = 1; i <= 9; i++) {
		serving_point(&m, &o, &t, cap * i / 10, &p);
		EXPECT_NEAR(p.batch_mean, cap * i / 10 * m.output_len * p.step_s, 1e-6, "Little's law");
		EXPECT_TRUE(p.stable);
		EXPECT_TRUE(p.ttft_p99_s >= p.ttft_p50_s && p.tpot_p99_s >= p.tpot_p50_s);
		if (i > 1) {
			EXPECT_TRUE(p.ttft_p99_s >= prev.ttft_p99_s);
			EXPECT_TRUE(p.tpot_p99_s >= prev.tpot_p99_s);
		}
		EXPECT_TRUE(p.heavy == (i > 8));
		prev = p;
	}
	serving_point(&m, &o, &t, cap * 1.05, &p);
	EXPECT_TRUE(!p.stable);
	free(s);
}

TEST(serving_capacity_slots)
{
	/* with the slots binding, capacity = N / (O D(N) + N s_pf): N running
	 * sequences each need O decode steps of D(N), and every arrival's prefill
	 * tokens add s_pf of step time (chunked) */
	Scenario *s = malloc(sizeof *s);
	ServingOptions o;
	StepModel m;
	ServingTail t;
	ServingLimit lim;

	scenario_from(s, "model=llama-3-8b", "cluster=h100x8", "tp=1", "rps=0", "input_len=512",
	    "output_len=512", NULL);
	serving_options_init(&o);
	model_for(s, 64, &o, &m, &t);
	double n = m.max_seqs, d = serving_step_time(&m, n);
	double want = n / (m.output_len * d + n * m.prefill_token_s * m.input_len);
	EXPECT_NEAR(serving_capacity(&m, &o, &lim), want, 1e-9, "N / (O D(N) + N s_pf)");
	EXPECT_TRUE(lim == SERVING_LIMIT_BATCH);
	/* unchunked: every prefill stalls decode for its whole idle time */
	o.chunked_prefill = false;
	want = n / (m.output_len * d + n * m.prefill_s);
	EXPECT_NEAR(serving_capacity(&m, &o, &lim), want, 1e-9, "N / (O D(N) + N P)");
	free(s);
}

TEST(serving_prefill_queue_is_distserve_md1)
{
	/* unchunked prefill with fixed lengths and slots that never bind: the
	 * wait before prefill is M/D/1's R D^2 / (2 (1 - R D)), DistServe
	 * (arXiv 2401.09670) sec. 3.1, D the prefill time, R the rate */
	Scenario *s = malloc(sizeof *s);
	ServingOptions o;
	StepModel m;
	ServingTail t;
	ServingPoint p;

	scenario_from(s, "model=llama-3-8b", "cluster=h100x8", "tp=1", "rps=0", "input_len=8192",
	    "output_len=16", "max_batched_tokens=16384", NULL);
	serving_options_init(&o);
	o.chunked_prefill = false;
	model_for(s, 1024, &o, &m, &t);
	double d = m.prefill_s, rate = 0.6 / d;
	serving_point(&m, &o, &t, rate, &p);
	EXPECT_TRUE(p.slot_wait_prob < 1e-6);
	EXPECT_NEAR(p.wait_s, rate * d * d / (2 * (1 - rate * d)), 1e-3, "DistServe sec. 3.1 M/D/1");
	free(s);
}

TEST(serving_chunked_beats_unchunked)
{
	/* long prompts: chunked prefill rides along decode steps, so it serves
	 * more and keeps TPOT lower at the same rate (Sarathi-Serve's claim) */
	Scenario *s = malloc(sizeof *s);
	ServingOptions oc, ou;
	StepModel m;
	ServingTail t;
	ServingPoint pc, pu;

	scenario_from(s, "model=llama-3-70b", "cluster=h100x8", "tp=8", "rps=0", "input_len=4096",
	    "output_len=256", NULL);
	serving_options_init(&oc);
	ou = oc;
	ou.chunked_prefill = false;
	model_for(s, 256, &oc, &m, &t);
	EXPECT_TRUE(serving_capacity(&m, &oc, NULL) > serving_capacity(&m, &ou, NULL));
	serving_point(&m, &oc, &t, 2, &pc);
	serving_point(&m, &ou, &t, 2, &pu);
	EXPECT_TRUE(pc.tpot_p99_s < pu.tpot_p99_s);
	free(s);
}

TEST(serving_max_rate_meets_slo)
{
	/* the highest rate within the SLOs meets them, and 5% more does not */
	Scenario *s = malloc(sizeof *s);
	ServingOptions o;
	StepModel m;
	ServingTail t;
	ServingPoint at, above;
	ServingLimit lim;
	Slo slo = { .ttft_p99_s = 0.5, .tpot_p99_s = 0.04 };

	scenario_from(s, "model=llama-3-70b", "cluster=h100x8", "tp=8", "rps=0", NULL);
	serving_options_init(&o);
	o.input_cv = o.output_cv = 1;
	model_for(s, 1024, &o, &m, &t);
	double rate = serving_max_rate(&m, &o, &t, &slo, &at, &lim);
	EXPECT_TRUE(rate > 0);
	EXPECT_TRUE(serving_meets(&at, &slo, NULL));
	EXPECT_TRUE(lim == SERVING_LIMIT_TTFT || lim == SERVING_LIMIT_TPOT);
	serving_point(&m, &o, &t, rate * 1.05, &above);
	EXPECT_TRUE(!serving_meets(&above, &slo, NULL));
	free(s);
}

/* ---- cross-checks against published serving benchmarks ---------------------
 * docs/measurements.md section C: vLLM's nightly serving benchmark
 * (.buildkite/nightly-benchmarks, benchmark_serving.py): 200 ShareGPT
 * prompts, Poisson arrivals at the QPS shown, vLLM defaults (bf16, chunked
 * prefill for Llama-3.3's 128k context), run by surajssd on Azure (gists
 * cited per row).  ShareGPT lengths from the published rates: SRV-01's
 * 198.508 output tok/s at 0.927978 req/s = 214 output tokens, its 396.441
 * total tok/s = 213 input tokens.  Their spread is not published: cv 1
 * (exponential-like) is assumed for both.  vLLM's OpenAI server on A100
 * defaults to max_num_batched_tokens 2048 and max_num_seqs 256
 * (vllm/engine/arg_utils.py get_batch_defaults), gpu_memory_utilization 0.9.
 * Standard_NC96ads_A100_v4 = 4x A100 80GB PCIe: HBM 1,935 GB/s (A100 80GB
 * PCIe datasheet), GPUs on PCIe Gen4 (the pcie4 preset); the a100-80gb
 * preset is the SXM part, so the test patches both.
 *
 * Errors (model vs published), also in docs/search.md and the README:
 *   SRV-01 QPS 1:  TTFT p50 -31%, p99 -14%;  TPOT p50 -33%, p99 -36%
 *   SRV-02 QPS 4:  TTFT p50 -49%, p99 -42%;  TPOT p50 -38%, p99 -50%
 *   SRV-04 QPS 1:  TTFT p50 -27%, p99 -16%;  TPOT p50 -25%, p99 -28%
 *   SRV-04 QPS 4:  TTFT p50 -38%, p99 -40%;  TPOT p50 -42%, p99 -45%
 * The bias is mostly eval's decode step (its TPOT at batch 8 is 15-19%
 * below vLLM's nightly latency test, LAT-12/LAT-15, and PCIe all-reduces
 * cost more than the preset's 15 us).  Growth with load, QPS 4 over QPS 1:
 *   SRV-01/02: TPOT p50 x1.53 (published x1.65, -7%); TTFT p99 x1.08 (x1.61, -33%)
 *   SRV-04:    TPOT p50 x1.14 (x1.46, -22%);          TTFT p99 x1.04 (x1.45, -28%)
 * so the model under-predicts how TTFT grows with load at moderate load
 * (vLLM's TTFT stays near 3 steps; the model's near its idle prefill plus
 * a step and a half).
 * Tolerance: 55% on each figure, 35% on the growth ratios: the size of the
 * errors, stated, not a claim of accuracy. */

typedef struct {
	double qps, ttft50, ttft99, tpot50, tpot99;     /* published, seconds */
} Published;

static void
cross_check(Scenario *s, const Published *pub, int n, const char *source)
{
	ServingOptions o;
	StepModel m;
	ServingTail t;
	ServingPoint p[4];

	serving_options_init(&o);
	o.input_cv = o.output_cv = 1;
	model_for(s, 256, &o, &m, &t);
	for (int i = 0; i < n && i < 4; i++) {
		serving_point(&m, &o, &t, pub[i].qps, &p[i]);
		EXPECT_TRUE(p[i].stable);
		EXPECT_NEAR(p[i].ttft_p50_s, pub[i].ttft50, 0.55, source);
		EXPECT_NEAR(p[i].ttft_p99_s, pub[i].ttft99, 0.55, source);
		EXPECT_NEAR(p[i].tpot_p50_s, pub[i].tpot50, 0.55, source);
		EXPECT_NEAR(p[i].tpot_p99_s, pub[i].tpot99, 0.55, source);
	}
	if (n >= 2) {
		EXPECT_NEAR(p[1].tpot_p50_s / p[0].tpot_p50_s, pub[1].tpot50 / pub[0].tpot50, 0.35, source);
		EXPECT_NEAR(p[1].ttft_p99_s / p[0].ttft_p99_s, pub[1].ttft99 / pub[0].ttft99, 0.35, source);
	}
}

TEST(serving_vs_vllm_srv01_srv02_a100_pcie_tp4)
{
	/* SRV-01, SRV-02: Llama-3.3-70B-Instruct TP4 PP1 on 1x
	 * Standard_NC96ads_A100_v4 (gist surajssd/eef8ebf83cadd690f6fb4ee87b30fe1a):
	 * QPS 1 TTFT median 128.388 ms, P99 376.548; TPOT median 44.6347, P99
	 * 58.0394.  QPS 4 TTFT median 219.599, P99 606.801; TPOT median
	 * 73.8304, P99 129.354. */
	static const Published pub[] = {
		{ 1, 0.128388, 0.376548, 0.0446347, 0.0580394 },
		{ 4, 0.219599, 0.606801, 0.0738304, 0.129354 },
	};
	Scenario *s = malloc(sizeof *s), *l = malloc(sizeof *l);
	scenario_from(l, "model=llama-3-8b", "gpu=l40s", "gpus=4", NULL);        /* its pcie4 fabric */
	scenario_from(s, "model=llama-3-70b", "gpu=a100-80gb", "gpus=4", "tp=4", "rps=0",
	    "input_len=213", "output_len=214", "mem_util=0.9", "max_batched_tokens=2048", NULL);
	EXPECT_TRUE(strcmp(l->cluster.intra.name, "pcie4") == 0);
	s->cluster.gpu.hbm_bytes_per_s = 1.935e12;      /* A100 80GB PCIe datasheet */
	s->cluster.intra = l->cluster.intra;
	s->runtime.max_num_seqs = 256;
	cross_check(s, pub, 2, "vLLM serving bench SRV-01/02, 4x A100 PCIe TP4, ShareGPT");
	free(s);
	free(l);
}

TEST(serving_vs_vllm_srv04_a100_sxm_tp4_pp2)
{
	/* SRV-04: Llama-3.3-70B-Instruct TP4 PP2 on 2x Standard_ND96asr_v4 (8x
	 * A100 40GB SXM each; gist surajssd/c8bbcb244b210a3607ad952a7bdda759):
	 * QPS 1 TTFT median 96.9817 ms, P99 230.301; TPOT median 43.5453, P99
	 * 50.5137.  QPS 4 TTFT median 125.156, P99 332.965; TPOT median 63.497,
	 * P99 83.148. */
	static const Published pub[] = {
		{ 1, 0.0969817, 0.230301, 0.0435453, 0.0505137 },
		{ 4, 0.125156, 0.332965, 0.063497, 0.083148 },
	};
	Scenario *s = malloc(sizeof *s);
	scenario_from(s, "model=llama-3-70b", "gpu=a100-40gb", "gpus=16", "tp=4", "pp=2", "dp=1",
	    "rps=0", "input_len=213", "output_len=214", "mem_util=0.9", "max_batched_tokens=2048", NULL);
	s->runtime.max_num_seqs = 256;
	cross_check(s, pub, 2, "vLLM serving bench SRV-04, 8x A100 40GB SXM TP4 PP2, ShareGPT");
	free(s);
}

/* Sustained rate: TensorRT-LLM's "Performance Overview" (NVIDIA/TensorRT-LLM
 * docs/source/performance/perf-overview.md@00f37686, docs/measurements.md
 * THR-01..08): trtllm-bench at an infinite request rate with 3,000 to
 * 30,000 requests of fixed ISL/OSL, so the steady state dominates; FP8
 * ModelOpt checkpoints, H100 SXM / H200 SXM, kv_cache_free_gpu_mem_fraction
 * 0.95 "in many cases" (the trtllm preset has 0.9).  The serving model's
 * capacity (the stability limit, no SLO) is the steady-state rate.
 * trtllm-bench sizes its own batch (up to 4,096 sequences,
 * tensorrt_llm/bench/build/tuning.py) and the FP8 ModelOpt checkpoints
 * quantize the KV cache too: the trtllm-bench runtime with an fp8 KV cache.
 * Errors (issue 11 physics): THR-01 +17%, THR-02 -15%, THR-03 +21%, THR-05
 * +17%, THR-06 -14%, THR-07 +18%, THR-08 +21%.  Long outputs are low because
 * eval reserves KV for whole input+output sequences while TensorRT-LLM pages
 * it in as sequences grow (I + O/2 on average).  Tolerance: 30% for outputs
 * <= 128 tokens, 45% for 2,048. */
TEST(serving_vs_trtllm_max_throughput)
{
	static const struct {
		const char *id, *model, *gpu, *gpus, *tp;
		int in, out;
		double tok_s, tol;
	} rows[] = {
		{ "THR-01", "model=llama-3-8b", "gpu=h100-sxm", "gpus=1", "tp=1", 128, 128, 28312, 0.30 },
		{ "THR-02", "model=llama-3-8b", "gpu=h100-sxm", "gpus=1", "tp=1", 128, 2048, 22714, 0.45 },
		{ "THR-03", "model=llama-3-8b", "gpu=h100-sxm", "gpus=1", "tp=1", 2048, 128, 3450, 0.30 },
		{ "THR-05", "model=llama-3-70b", "gpu=h100-sxm", "gpus=2", "tp=2", 128, 128, 6378, 0.30 },
		{ "THR-06", "model=llama-3-70b", "gpu=h100-sxm", "gpus=2", "tp=2", 128, 2048, 6651, 0.45 },
		{ "THR-07", "model=llama-3-70b", "gpu=h100-sxm", "gpus=2", "tp=2", 2048, 128, 762, 0.30 },
		{ "THR-08", "model=llama-3-70b", "gpu=h200", "gpus=1", "tp=1", 128, 128, 3803, 0.30 },
	};
	Scenario *s = malloc(sizeof *s);
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		char in[32], out[32], len[40], src[96];
		ServingOptions o;
		StepModel m;
		ServingTail t;
		snprintf(in, sizeof in, "input_len=%d", rows[i].in);
		snprintf(out, sizeof out, "output_len=%d", rows[i].out);
		snprintf(len, sizeof len, "max_model_len=%d", rows[i].in + rows[i].out);
		scenario_from(s, rows[i].model, rows[i].gpu, rows[i].gpus, rows[i].tp, "dtype=fp8",
		    "kv_dtype=fp8", "runtime=trtllm-bench", "rps=0", in, out, len, NULL);
		serving_options_init(&o);
		model_for(s, s->runtime.max_num_seqs, &o, &m, &t);
		snprintf(src, sizeof src, "TensorRT-LLM perf overview %s: %.0f output tok/s", rows[i].id,
		    rows[i].tok_s);
		EXPECT_NEAR(serving_capacity(&m, &o, NULL) * rows[i].out, rows[i].tok_s, rows[i].tol, src);
	}
	free(s);
}

TEST(serving_evaluate_one_scenario)
{
	/* the one-call report for eval / Lua / TUI: the step model's first
	 * sample is eval's batch-1 TPOT, the target point is slo.rps over DP */
	Scenario *s = malloc(sizeof *s), *w = malloc(sizeof *w);
	Result *r = malloc(sizeof *r);
	ServingOptions o;
	ServingTail t = { 0 };
	ServingReport rep;

	scenario_from(s, "model=llama-3-70b", "cluster=h100x8", "tp=4", "dp=2", "batch=64", "rps=8",
	    "ttft_p99=1", "tpot_p99=0.1", NULL);
	serving_options_init(&o);
	EXPECT_EQ(serving_evaluate(s, &o, w, r, &t, &rep), 0);
	EXPECT_TRUE(t.valid && rep.has_target);
	EXPECT_EQ(rep.model.max_seqs, 64);
	EXPECT_NEAR(rep.at_target.rate_rps, 4, 1e-12, "8 req/s over DP 2");
	EXPECT_TRUE(rep.rate_max_rps > 0 && rep.rate_max_rps <= rep.capacity_rps);
	*w = *s;
	w->workload.batch = 1;
	eval_run(w, r);
	EXPECT_EQ(rep.model.step_s[0], r->latency.tpot_s);
	free(s);
	free(w);
	free(r);
}

/* ---- issue 9 defects 1 and 2: the running-batch cap and what is missed --- */

/* The serving report of s (chunked prefill, fixed lengths), with eval's
 * batch-1 KV pool in sequences into *kv_seqs. */
static void
report_for(const Scenario *s, ServingReport *rep, double *kv_seqs)
{
	Scenario *w = malloc(sizeof *w);
	Result *r = malloc(sizeof *r);
	ServingTail *t = calloc(1, sizeof *t);
	ServingOptions o;

	serving_options_init(&o);
	*w = *s;
	w->workload.batch = 1;
	EXPECT_EQ(eval_run(w, r), EVAL_OK);
	*kv_seqs = r->memory.max_concurrent_seqs;
	EXPECT_EQ(serving_evaluate(s, &o, w, r, t, rep), 0);
	free(t);
	free(w);
	free(r);
}

/* The string field `name` of s's serving section, or "" */
static const char *
field_str(const Scenario *s, const ServingReport *rep, const char *name, bool *meets)
{
	static ServingField f[SERVING_MAX_FIELDS];
	int n = serving_fields(s, rep, f, SERVING_MAX_FIELDS, meets);
	for (int i = 0; i < n; i++)
		if (f[i].kind == SERVING_FIELD_STR && strcmp(f[i].name, name) == 0)
			return f[i].str;
	return "";
}

TEST(serving_running_batch_within_kv_pool)
{
	/* DeepSeek-V3 bf16 on 8x B200 at TP 8 (presets/default.lua's workload): eval's pool holds 12,768 tokens =
	 * 5 sequences of 2,304 (memory.max_concurrent_seqs), so at most 5 run;
	 * batch 128 is only the max_num_seqs cap.  At 8 req/s one replica of 5
	 * slots is overloaded (search says 1.26 req/s within the SLOs). */
	Scenario *s = malloc(sizeof *s);
	ServingReport rep;
	double kv;
	bool meets;

	scenario_from(s, "model=deepseek-v3", "cluster=b200x8", "dtype=bf16", "batch=128", "rps=8",
	    "ttft_p50=0.5", "ttft_p99=1", "tpot_p50=0.05", "tpot_p99=0.1", NULL);
	report_for(s, &rep, &kv);
	EXPECT_NEAR(kv, 5, 1e-12, "eval: pool 12,768 tokens = 5 sequences of 2,304");
	EXPECT_EQ(rep.model.max_seqs, 5);
	EXPECT_TRUE(rep.at_target.batch_mean <= kv);
	EXPECT_TRUE(rep.at_max.batch_mean <= kv);
	EXPECT_EQ(rep.capacity_limit, SERVING_LIMIT_KV);
	EXPECT_TRUE(!rep.at_target.stable);
	EXPECT_STR_CONTAINS(field_str(s, &rep, "missed", &meets), "KV cache");
	EXPECT_TRUE(!meets);
	free(s);
}

TEST(serving_capacity_stops_at_kv_limit)
{
	/* Llama-3-70B fp8 at TP 2 (DP 4), 2,048 in / 2,048 out: the pool holds
	 * 54 sequences of 4,096, so a batch cap of 256 or 4,096 serves as 54 */
	Scenario *s = malloc(sizeof *s);
	ServingReport at54, at256, at4096;
	double kv;

	scenario_from(s, "model=llama-3-70b", "cluster=h100x8", "dtype=fp8", "tp=2",
	    "input_len=2048", "output_len=2048", "batch=54", NULL);
	report_for(s, &at54, &kv);
	EXPECT_NEAR(kv, 54, 1e-12, "eval: pool 222,608 tokens = 54 sequences of 4,096");
	s->workload.batch = 256;
	report_for(s, &at256, &kv);
	s->workload.batch = 4096;
	report_for(s, &at4096, &kv);
	EXPECT_EQ(at4096.model.max_seqs, 54);
	EXPECT_NEAR(at256.capacity_rps, at54.capacity_rps, 1e-12, "batch 256 runs 54");
	EXPECT_NEAR(at4096.capacity_rps, at54.capacity_rps, 1e-12, "batch 4096 runs 54");
	EXPECT_NEAR(at4096.rate_max_rps, at54.rate_max_rps, 1e-12, "batch 4096 runs 54");
	EXPECT_EQ(at4096.capacity_limit, SERVING_LIMIT_KV);
	EXPECT_EQ(at54.capacity_limit, SERVING_LIMIT_KV);
	free(s);
}

TEST(serving_missed_names_the_binding_limit)
{
	/* Llama-3-70B bf16, TP 2 x PP 4 on 8x H100, batch 128 (the pool holds
	 * 578 sequences): 12 req/s overloads the max_num_seqs cap (capacity 8.32
	 * req/s since a prefill token costs its stage's share under PP, issue
	 * 11), so the missed limit is max_num_seqs, not the KV cache */
	Scenario *s = malloc(sizeof *s);
	ServingReport rep;
	ServingLimit why;
	double kv;
	bool meets;

	scenario_from(s, "model=llama-3-70b", "cluster=h100x8", "tp=2", "pp=4", "batch=128", "rps=12",
	    "ttft_p50=0.5", "ttft_p99=1", "tpot_p50=0.05", "tpot_p99=0.1", NULL);
	report_for(s, &rep, &kv);
	EXPECT_TRUE(kv > 128);
	EXPECT_EQ(rep.capacity_limit, SERVING_LIMIT_BATCH);
	EXPECT_TRUE(!rep.at_target.stable);
	EXPECT_TRUE(!serving_meets(&rep.at_target, &s->workload.slo, &why));
	EXPECT_EQ(why, SERVING_LIMIT_BATCH);
	EXPECT_STR_CONTAINS(field_str(s, &rep, "missed", &meets), "max_num_seqs");
	EXPECT_STR_CONTAINS(field_str(s, &rep, "capacity_limit", &meets), "max_num_seqs");
	EXPECT_TRUE(!meets);
	free(s);
}

TEST(serving_batch_cap_rule)
{
	/* the smaller of the max_num_seqs cap and the pool's whole sequences;
	 * a tie is the KV cache's (the pool is full at the cap) */
	ServingLimit why;
	EXPECT_EQ(serving_batch_cap(128, 5.9, &why), 5);
	EXPECT_EQ(why, SERVING_LIMIT_KV);
	EXPECT_EQ(serving_batch_cap(128, 578, &why), 128);
	EXPECT_EQ(why, SERVING_LIMIT_BATCH);
	EXPECT_EQ(serving_batch_cap(54, 54, &why), 54);
	EXPECT_EQ(why, SERVING_LIMIT_KV);
	EXPECT_EQ(serving_batch_cap(128, 0.7, &why), 0);
	EXPECT_EQ(why, SERVING_LIMIT_KV);
	EXPECT_EQ(serving_batch_cap(4096, 1e30, NULL), 4096);
}
