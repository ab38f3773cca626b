/* test_crosscheck.c: the model against published measurements, the
 * reference set (tests/crosscheck/reference.c: one row per figure with its
 * scenario, JSON path, published value, class, kind, engine, held-out flag,
 * source and quote; docs/measurements.md has the verbatim quotes).
 *
 * What is asserted, so that it holds while the performance model changes
 * (issue 11): every row evaluates; memory rows within their own stated
 * tolerances (the observed error rounded up); the held-out rule; and for
 * the performance rows bounds per report group on the median |error| and
 * on the worst ratio.  The bounds are the errors of the model before the
 * fidelity work (tests/crosscheck/before.tsv, README "Accuracy") rounded up
 * with room; they are to be tightened as the model improves, never fitted. */
#include <stdlib.h>
#include <string.h>

#include "../crosscheck/reference.h"
#include "core/explain.h"
#include "helpers.h"
#include "test.h"

/* Per report group: the largest median |error| and the largest factor
 * between shardlab and the published figure (either way) allowed.  Before
 * (main at issue 11, tests/crosscheck/before.tsv): memory median 0.1%, worst
 * 1.13x; dense throughput 18.1%, 1.85x (Llama 3.1 405B on MI300X); dense
 * latency 18.5%, 1.81x; MoE 36.1%, 4.24x (DeepSeek-R1's TTFT at
 * concurrency 4 under vLLM; gpt-oss ~3.4x; 16 of 49 rows beyond 2x);
 * serving 25.9%, 1.82x.  The MoE bound is 2x once the physics of issue 11 lands
 * (then tighten this row: the target is none beyond 2x).
 * Serving 2.1x: with issue 11's PP rule (a prefill token in a decode step
 * costs its stage's share, root cause 7) SRV-04b's TPOT p99 (TP 4 x PP 2,
 * QPS 4) is 41.1 ms against 83.1 ms published, 2.02x: vLLM's PP decode
 * under load grows far more than the step model does (x1.46 from QPS 1 to
 * 4, the model x1.08); stated here, not hidden by a fitted factor.
 * Tightened after issue 11's physics (all rows, make accuracy): dense
 * throughput 11.5% (worst THR-02 -50%, 2.0x), dense latency 11.5%, MoE
 * 24.1% with three fitted rows beyond 2x (worst GS-DSR1-H200-c4-ttft -66%,
 * 2.94x: vLLM's DeepSeek-R1 TTFT at concurrency 4 vs an idle prefill),
 * serving 15.5%. */
static const struct {
	double median_abs, max_factor;
} bound[REF_GROUP_COUNT] = {
	[REF_G_MEMORY] = { 0.02, 1.15 },
	[REF_G_DENSE_THROUGHPUT] = { 0.15, 2.0 },
	[REF_G_DENSE_LATENCY] = { 0.15, 2.0 },
	[REF_G_MOE] = { 0.30, 3.0 },
	[REF_G_SERVING] = { 0.20, 2.1 },
};

TEST(xcheck_rows_evaluate)
{
	for (int i = 0; i < ref_count; i++) {
		double v = 0;
		char *cause = NULL;
		if (ref_eval(&ref_rows[i], &v, &cause) != 0) {
			test_fail(__FILE__, __LINE__, "%s", cause);
			free(cause);
			continue;
		}
		EXPECT_TRUE(v > 0 && isfinite(v));
	}
}

TEST(xcheck_rows_described)
{
	for (int i = 0; i < ref_count; i++) {
		const RefRow *r = &ref_rows[i];
		EXPECT_TRUE(r->id && r->path && r->engine && r->source && r->quote);
		EXPECT_TRUE(r->published > 0);
		EXPECT_TRUE(r->opts[REF_MAX_OPTS - 1] == NULL);
		EXPECT_TRUE((r->kind == REF_MEMORY) == (r->tol > 0));
		for (int j = 0; j < i; j++)
			if (strcmp(ref_rows[j].id, r->id) == 0)
				test_fail(__FILE__, __LINE__, "duplicate reference id %s", r->id);
	}
}

/* reference.h's rule: within each (class, kind), in table order, the 3rd,
 * 6th, 9th, ... row is held out, and only those. */
TEST(xcheck_held_out_rule)
{
	int seen[REF_CLASS_COUNT][REF_KIND_COUNT] = { { 0 } };
	for (int i = 0; i < ref_count; i++) {
		const RefRow *r = &ref_rows[i];
		int pos = ++seen[r->cls][r->kind];
		if (r->held_out != (pos % 3 == 0))
			test_fail(__FILE__, __LINE__, "%s: row %d of %s/%s is %s; the rule says %s", r->id, pos,
			    ref_class_name(r->cls), ref_kind_name(r->kind), r->held_out ? "held out" : "fitted",
			    pos % 3 == 0 ? "held out" : "fitted");
	}
}

TEST(xcheck_memory)
{
	for (int i = 0; i < ref_count; i++) {
		const RefRow *r = &ref_rows[i];
		double v = 0;
		char *cause = NULL, src[320];
		if (r->kind != REF_MEMORY)
			continue;
		if (ref_eval(r, &v, &cause) != 0) {
			free(cause);
			continue;       /* xcheck_rows_evaluate reports it */
		}
		snprintf(src, sizeof src, "%s: %s, '%s'", r->id, r->source, r->quote);
		EXPECT_NEAR(v, r->published, r->tol, src);
	}
}

TEST(xcheck_performance_bounds)
{
	double *err = malloc(sizeof *err * (size_t)ref_count);
	int *idx = malloc(sizeof *idx * (size_t)ref_count);
	for (int g = 0; g < REF_GROUP_COUNT; g++) {
		RefStats st;
		int n = 0;
		for (int i = 0; i < ref_count; i++) {
			double v = 0;
			char *cause = NULL;
			if ((int)ref_group(&ref_rows[i]) != g)
				continue;
			if (ref_eval(&ref_rows[i], &v, &cause) != 0) {
				free(cause);
				continue;
			}
			double q = v / ref_rows[i].published;
			if (q > bound[g].max_factor || q < 1 / bound[g].max_factor)
				test_fail(__FILE__, __LINE__, "%s (%s): shardlab %.4g vs published %.4g, beyond %.2fx (%s)",
				    ref_rows[i].id, ref_group_name((RefGroup)g), v, ref_rows[i].published,
				    bound[g].max_factor, ref_rows[i].source);
			err[n] = q - 1;
			idx[n++] = i;
		}
		ref_stats(err, idx, n, &st);
		if (n > 0 && st.median_abs > bound[g].median_abs)
			test_fail(__FILE__, __LINE__, "%s: median |error| %.1f%% over %d rows, bound %.0f%%",
			    ref_group_name((RefGroup)g), 100 * st.median_abs, n, 100 * bound[g].median_abs);
	}
	free(err);
	free(idx);
}

TEST(xcheck_stats_known)
{
	/* errors -0.5 (ratio 0.5), +0.1, +1.5 (2.5x), -0.2: |e| sorted 0.1 0.2
	 * 0.5 1.5, median 0.35, p90 = 0.5 + 0.7 * 1.0 = 1.2; worst by |log| is
	 * +1.5; beyond 2x: only 2.5x (0.5 is exactly 2x, not beyond) */
	static const double e[] = { -0.5, 0.1, 1.5, -0.2 };
	static const int idx[] = { 7, 8, 9, 10 };
	RefStats st;
	ref_stats(e, idx, 4, &st);
	EXPECT_EQ(st.n, 4);
	EXPECT_NEAR(st.median_abs, 0.35, 1e-12, "median of 0.1 0.2 0.5 1.5");
	EXPECT_NEAR(st.p90_abs, 1.2, 1e-12, "linear interpolation at 0.9 * 3 = 2.7");
	EXPECT_EQ(st.worst, 9);
	EXPECT_EQ(st.beyond_2x, 1);
	/* published / model: 2, 1/1.1, 0.4, 1.25; median (0.909 + 1.25) / 2 */
	EXPECT_NEAR(st.r_q50, (1 / 1.1 + 1.25) / 2, 1e-12, "median of the ratios");
}

/* MLA and tied-free KV: TensorRT-LLM #1400's log implies 524,288 KV bytes
 * per token, the Llama-2-7B geometry (32 layers x 2 x 4096 x 2 bytes). */
TEST(xcheck_llama2_7b_kv_geometry)
{
	Scenario *s = malloc(sizeof *s);
	Result *r = malloc(sizeof *r);
	scenario_from(s, "model=tests/data/llama-2-7b", "gpu=a100-80gb", "gpus=1", "tp=1", "batch=1", NULL);
	eval_run(s, r);
	EXPECT_EQ(r->memory.kv_bytes_per_token, 524288);
	free(s);
	free(r);
}
