/* test_chart.c: the chart module (src/chart, issue 14): the memory chart's
 * data from the field table (segments sum to what the engine holds, equal
 * stages share a bar), the comparison's rows, the Pareto chart's points,
 * the SVG's checkable layer, and the file names beside a report. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "chart/chart.h"
#include "helpers.h"
#include "test.h"
#include "util/xmalloc.h"

TEST(chart_memory_from_the_field_table)
{
	Scenario s;
	Result r;
	ChartMemory *c = xmalloc(sizeof *c);

	/* PP 8 of llama-3-70b's 80 layers: stage 0 has the embedding, stage 7
	 * the LM head, stages 1-6 are alike */
	scenario_from(&s, "tp=1", "pp=8", "dp=1", NULL);
	EXPECT_TRUE(eval_run(&s, &r) == EVAL_OK);
	EXPECT_TRUE(chart_memory_init(c, &s, &r) == 0);
	EXPECT_TRUE(c->n_rows == 3);
	EXPECT_TRUE(c->rows[1].first_stage == 1 && c->rows[1].last_stage == 6);
	EXPECT_TRUE(c->rows[2].first_stage == 7 && c->rows[2].last_stage == 7);
	for (int i = 0; i < c->n_rows; i++) {
		const ChartMemoryRow *row = &c->rows[i];
		const StageResult *sr = &r.stages[row->first_stage];
		EXPECT_NEAR(row->part[CHART_SEG_WEIGHTS], sr->weights_bytes, 1e-12, "eval's stage weights");
		EXPECT_NEAR(row->part[CHART_SEG_KV_NEED], sr->kv_cache_bytes, 1e-12, "eval's stage KV need");
		EXPECT_NEAR(row->kv_pool_bytes, sr->kv_pool_bytes, 1e-12, "eval's stage KV pool");
		/* need + spare = the pool when the pool covers the need */
		EXPECT_NEAR(row->part[CHART_SEG_KV_NEED] + row->part[CHART_SEG_KV_SPARE], sr->kv_pool_bytes,
		    1e-12, "pool = need + spare");
		EXPECT_NEAR(row->per_gpu_bytes, sr->per_gpu_bytes, 1e-12, "eval's stage total");
	}
	EXPECT_NEAR(c->capacity_bytes, s.cluster.gpu.memory_bytes, 1e-12, "the GPU's memory");

	/* an invalid layout draws nothing */
	scenario_from(&s, "tp=3", NULL);
	eval_run(&s, &r);
	EXPECT_TRUE(chart_memory_init(c, &s, &r) == -1);
	free(c);
}

TEST(chart_svg_has_its_checkable_layer)
{
	Scenario s;
	Result r;
	ChartMemory *c = xmalloc(sizeof *c);
	char *svg = NULL, *cause = NULL;
	size_t len = 0;

	scenario_from(&s, "tp=8", "pp=1", "dp=1", NULL);
	eval_run(&s, &r);
	chart_memory_init(c, &s, &r);
	EXPECT_TRUE(chart_svg(&c->base, &svg, &len, &cause) == 0);
	EXPECT_TRUE(svg && strlen(svg) == len);
	EXPECT_STR_CONTAINS(svg, "<svg");
	EXPECT_STR_CONTAINS(svg, "<title>Memory per GPU: llama-3-70b on h100x8, TP 8 x PP 1 x DP 1</title>");
	EXPECT_STR_CONTAINS(svg, "<g id=\"shardlab-marks\" class=\"memory\"");
	/* 17.6 GB of weights per GPU at TP 8 (eval's table) */
	EXPECT_STR_CONTAINS(svg, "<title>stage 0: weights 17.6 GB</title>");
	/* the layer sits inside the document, before its end */
	EXPECT_TRUE(strstr(svg, "shardlab-marks") < strstr(svg, "</svg>"));
	free(svg);
	free(cause);
	free(c);
}

TEST(chart_compare_rows)
{
	ChartCompare *c = xmalloc(sizeof *c);
	ChartCompareText t = { NULL, "12.1 GB", "24.2 GB", "+100%", -1 };

	chart_compare_init(c, "A against B", "A (pinned)", "B (now)");
	EXPECT_TRUE(chart_compare_add(c, "memory.kv_cache_bytes", 12.1e9, 24.2e9, &t) == 1);
	EXPECT_STR_CONTAINS(c->rows[0].label, "KV per GPU");
	EXPECT_STR_CONTAINS(c->rows[0].b_text, "24.2 GB");
	EXPECT_TRUE(c->rows[0].better == -1);
	/* not finite, or unknown without words: no row */
	EXPECT_TRUE(chart_compare_add(c, "latency.ttft_s", NAN, 0.1, NULL) == 0);
	EXPECT_TRUE(chart_compare_add(c, "no.such_figure", 1, 2, NULL) == 0);
	/* the field table formats what the caller does not */
	EXPECT_TRUE(chart_compare_add(c, "latency.ttft_s", 0.0838, 0.1266, NULL) == 1);
	EXPECT_STR_CONTAINS(c->rows[1].a_text, "83.8 ms");
	EXPECT_TRUE(c->rows[1].better == 0);
	EXPECT_TRUE(c->n_rows == 2);
	free(c);
}

TEST(chart_path_beside_a_report)
{
	static const struct { const char *md, *want; } cases[] = {
		{ "report.md", "report-memory.svg" },
		{ "out/meeting.md", "out/meeting-memory.svg" },
		{ "notes", "notes-memory.svg" },
		{ "v1.2/notes", "v1.2/notes-memory.svg" },
		{ ".report", ".report-memory.svg" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *p = chart_path_beside(cases[i].md, "memory");
		if (strcmp(p, cases[i].want) != 0)
			test_fail(__FILE__, __LINE__, "%s -> %s, expected %s", cases[i].md, p, cases[i].want);
		free(p);
	}
}
