/* test_calib.c: the calibration-parameter table (calib-params.c). */
#include <stdlib.h>
#include <string.h>

#include "core/bands.h"
#include "core/calib-params.h"
#include "core/fields.h"
#include "io/benchfile.h"
#include "helpers.h"
#include "test.h"

TEST(calib_params_table_is_well_formed)
{
	int n = calib_param_count();
	EXPECT_TRUE(n >= 4);
	for (int i = 0; i < n; i++) {
		const CalibParamDef *d = calib_param_def(i);
		EXPECT_TRUE(d->name && *d->name && d->field && *d->field);
		EXPECT_TRUE(d->help && *d->help && d->def_source && *d->def_source && d->unit);
		EXPECT_TRUE(d->kind < CALIB_KIND_COUNT);
		EXPECT_TRUE(d->min > 0 && d->min < d->max);
		EXPECT_TRUE(d->offset + sizeof(double) <= sizeof(Scenario));
		EXPECT_EQ(calib_param_find(d->name), i);
		for (int j = 0; j < i; j++)
			EXPECT_TRUE(strcmp(calib_param_def(j)->name, d->name) != 0);
	}
	EXPECT_EQ(calib_param_find("compute-fraction"), calib_param_find("compute_fraction"));
	EXPECT_EQ(calib_param_find("no_such_parameter"), -1);
}

/* Every shipped cluster and runtime's defaults lie inside the bounds a
 * fit keeps to (a default outside would be clamped by the first fit). */
TEST(calib_params_defaults_within_bounds)
{
	static const char *const clusters[] = { "a100x8", "b200x8", "h100x16", "h100x8", "h200x8",
		"l4x1", "mi300x8", "t4x1" };
	static const char *const runtimes[] = { "vllm", "sglang", "trtllm" };
	char why[64];

	for (size_t c = 0; c < sizeof clusters / sizeof *clusters; c++)
		for (size_t r = 0; r < sizeof runtimes / sizeof *runtimes; r++) {
			Scenario s;
			char cl[64], rt[64];
			snprintf(cl, sizeof cl, "cluster=%s", clusters[c]);
			snprintf(rt, sizeof rt, "runtime=%s", runtimes[r]);
			scenario_from(&s, "model=llama-3-8b", cl, rt, NULL);
			for (int i = 0; i < calib_param_count(); i++) {
				const CalibParamDef *d = calib_param_def(i);
				double v = calib_param_get(&s, i);
				if (!(v >= d->min && v <= d->max))
					test_fail(__FILE__, __LINE__, "%s %s: %s = %g outside %g..%g",
					    clusters[c], runtimes[r], d->name, v, d->min, d->max);
				/* set within bounds round-trips; outside is refused */
				EXPECT_EQ(calib_param_set(&s, i, v, why, sizeof why), 0);
				EXPECT_EQ(calib_param_get(&s, i), v);
				EXPECT_EQ(calib_param_set(&s, i, d->max * 2, why, sizeof why), -1);
				EXPECT_EQ(calib_param_get(&s, i), v);
			}
		}
}

TEST(calib_params_reach_the_scenario)
{
	Scenario s;
	char why[64];
	scenario_from(&s, "model=llama-3-8b", "cluster=h100x8", NULL);
	int cf = calib_param_find("compute_fraction"), fl = calib_param_find("kernel_floor_s");
	int ie = calib_param_find("intra_efficiency");
	EXPECT_EQ(calib_param_get(&s, cf), 0.80);       /* presets/gpus/h100-sxm.lua */
	EXPECT_EQ(calib_param_set(&s, cf, 0.6, why, sizeof why), 0);
	EXPECT_EQ(s.cluster.gpu.compute_fraction, 0.6);
	EXPECT_EQ(calib_param_set(&s, fl, 7e-6, why, sizeof why), 0);
	EXPECT_EQ(s.runtime.kernel_floor_s, 7e-6);
	EXPECT_EQ(calib_param_set(&s, ie, 0.5, why, sizeof why), 0);
	EXPECT_EQ(s.cluster.intra.efficiency, 0.5);
	EXPECT_EQ(calib_param_set(&s, cf, 1.5, why, sizeof why), -1);
	EXPECT_STR_CONTAINS(why, "0.2..1");
}

/* ---- error bands (core/bands.h) ---------------------------------------- */

/* Every latency and throughput figure of eval carries a band kind (the
 * field table's column): seconds and rates in latency, throughput and
 * serving, but the breakdowns and counts. */
TEST(bands_every_latency_and_throughput_figure)
{
	for (int i = 0; i < field_count(); i++) {
		const ResultField *f = &field_table[i];
		bool timed = f->dim == DIM_SECONDS || f->dim == DIM_TOKENS_PER_S || f->dim == DIM_REQ_PER_S;
		bool section = f->section == FSEC_LATENCY || f->section == FSEC_THROUGHPUT ||
		    f->section == FSEC_SERVING;
		bool exempt = strcmp(f->path, "serving.target_rps") == 0 ||
		    strcmp(f->path, "serving.at_target.rate_rps_per_replica") == 0 ||  /* inputs */
		    /* the KV transfer: the fabric's datasheet arithmetic, no measured residuals */
		    strncmp(f->path, "serving.disagg.kv_", 18) == 0;
		if (timed && section && !exempt && f->band == BAND_NONE)
			test_fail(__FILE__, __LINE__, "%s has no band kind", f->path);
		if (f->band != BAND_NONE && (f->kind != FIELD_NUM || !section))
			test_fail(__FILE__, __LINE__, "%s: a band on a non-figure", f->path);
	}
}

/* A latency's band multiplies by the set's p10 and p90 of measured /
 * predicted; a rate's divides (the set is in time orientation). */
TEST(bands_orientation)
{
	Scenario s;
	Band t, r;
	scenario_from(&s, "model=llama-3-70b", "cluster=h100x8", "tp=8", NULL);
	const BandSet *b = band_set_for(&s, BAND_THROUGHPUT);
	EXPECT_TRUE(b != NULL);
	EXPECT_TRUE(b->rows >= BAND_MIN_ROWS && b->q10 <= b->q50 && b->q50 <= b->q90);
	EXPECT_EQ(band_of(&s, BAND_THROUGHPUT, false, 2.0, &t), 0);
	EXPECT_NEAR(t.low, 2.0 * b->q10, 1e-12, "band_of, a latency");
	EXPECT_NEAR(t.high, 2.0 * b->q90, 1e-12, "band_of, a latency");
	EXPECT_EQ(band_of(&s, BAND_THROUGHPUT, true, 1000.0, &r), 0);
	EXPECT_NEAR(r.low, 1000.0 / b->q90, 1e-12, "band_of, a rate");
	EXPECT_NEAR(r.high, 1000.0 / b->q10, 1e-12, "band_of, a rate");
	/* nonsense in, no band out */
	EXPECT_EQ(band_of(&s, BAND_THROUGHPUT, false, NAN, &t), -1);
	EXPECT_EQ(band_of(&s, BAND_THROUGHPUT, false, -1, &t), -1);
	EXPECT_EQ(band_of(&s, BAND_NONE, false, 1, &t), -1);
	EXPECT_TRUE(t.set == NULL);
	/* MoE figures draw on the MoE sets */
	scenario_from(&s, "model=mixtral-8x7b", "cluster=h100x8", "tp=8", NULL);
	b = band_set_for(&s, BAND_THROUGHPUT);
	EXPECT_TRUE(b && b->cls == BAND_MOE);
	char text[160];
	EXPECT_STR_CONTAINS(band_set_text(b, text, sizeof text), "MoE throughput residuals");
}

/* ---- benchmark result files (io/benchfile.h) --------------------------- */

TEST(bench_reads_each_tool)
{
	BenchRun *r = NULL;
	int n = 0;
	char *cause = NULL;

	/* SGLang JSONL: four runs, Python's bare Infinity, server_info's TP */
	EXPECT_EQ(bench_read("tests/data/bench/sglang/deepseek-r1-0528-h200-tp8.jsonl", &r, &n, &cause), 0);
	EXPECT_EQ(n, 4);
	if (n == 4) {
		EXPECT_TRUE(r[3].tool == BENCH_SGLANG);
		EXPECT_EQ(r[3].line, 4);
		EXPECT_EQ(r[3].tp, 8);
		EXPECT_EQ(r[3].request_rate, 0);            /* Infinity: all at once */
		EXPECT_EQ(r[3].concurrency, 64);
		EXPECT_EQ(r[3].input_len, 1024);
		EXPECT_NEAR(r[3].tpot_s, 0.0346, 1e-12, "InferenceX #870: mean TPOT 34.6 ms at conc 64");
		EXPECT_NEAR(r[3].tokens_per_s, 223.6 * 8, 1e-9, "InferenceX #870: 223.6 tok/s per GPU x 8");
		EXPECT_STR_CONTAINS(r[3].model, "DeepSeek-R1-0528");
	}
	free(r);
	/* trtllm-bench: the engine's quantization as the weight dtype */
	EXPECT_EQ(bench_read("tests/data/bench/trtllm/llama-3.1-8b-fp8-h100-128-128.json", &r, &n, &cause), 0);
	EXPECT_EQ(n, 1);
	if (n == 1) {
		EXPECT_TRUE(r[0].tool == BENCH_TRTLLM);
		EXPECT_STR_CONTAINS(r[0].dtype, "fp8");
		EXPECT_EQ(r[0].tp, 1);
		EXPECT_NEAR(r[0].tokens_per_s, 28312, 1e-12, "TensorRT-LLM perf-overview: 8B FP8 H100 128/128");
		EXPECT_TRUE(isnan(r[0].tpot_s));
	}
	free(r);
	/* vLLM: lengths from the totals; genai-perf: {unit, avg} in ms */
	EXPECT_EQ(bench_read("tests/data/bench/vllm/qwen3-30b-a3b-a100-128-128.json", &r, &n, &cause), 0);
	if (n == 1) {
		EXPECT_TRUE(r[0].tool == BENCH_VLLM);
		EXPECT_EQ(r[0].input_len, 128);
		EXPECT_EQ(r[0].concurrency, 1);
		EXPECT_NEAR(r[0].ttft_s, 0.0357, 1e-12, "tt-inference-server #340: TTFT 35.7 ms");
		EXPECT_TRUE(!r[0].ttft_median);
	}
	free(r);
	EXPECT_EQ(bench_read("tests/data/bench/genai-perf/qwen3-30b-a3b-a100-128-1024_genai_perf.json", &r, &n,
	    &cause), 0);
	if (n == 1) {
		EXPECT_TRUE(r[0].tool == BENCH_GENAI_PERF);
		EXPECT_NEAR(r[0].tpot_s, 0.0097, 1e-12, "tt-inference-server #340: TPOT 9.7 ms");
		EXPECT_EQ(r[0].output_len, 1024);
	}
	free(r);
	/* bad input: one line naming the file, line and field */
	const char *bad = "{\"model_id\": \"m\", \"completed\": 1, \"total_input_tokens\": 1,\n"
	    "\"total_output_tokens\": 1, \"mean_tpot_ms\": true}\n";
	EXPECT_EQ(bench_parse("x.json", bad, strlen(bad), &r, &n, &cause), -1);
	EXPECT_STR_CONTAINS(cause, "x.json:1: field 'mean_tpot_ms' must be a number");
	EXPECT_TRUE(r == NULL && strchr(cause, '\n') == NULL);
	free(cause);
}
