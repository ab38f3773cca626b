/* test_tui_labels.c: the main screen's small defects: rates through the one
 * formatter (tokens/s as req/s: units.h fmt_rate_number), eval's static
 * TTFT/TPOT told apart from serving's percentiles at the target rate, and
 * the parameter table's short labels (the sliders' and fields') accepted
 * by `:set` and `:KEY`. */
#include <stdio.h>
#include <string.h>

#include "core/params.h"
#include "core/units.h"
#include "test.h"
#include "tui_helpers.h"

/* The screen row holding `needle`, or NULL. */
static const char *
row_with(App *a, int rows, const char *needle, char *buf, size_t n)
{
	tui_screen(a);
	for (int y = 0; y < rows; y++)
		if (strstr(tui_row(a, y), needle)) {
			snprintf(buf, n, "%s", tui_row(a, y));
			return buf;
		}
	return NULL;
}

TEST(tui_tokens_per_s_through_fmt_rate)
{
	/* Llama-3-70B TP 8 at batch 128: 2,247.2 tokens/s, 280.9 per GPU
	 * (eval's figures, printed as every other rate is: one decimal with
	 * thousands separators, not the integer "2,247" / "281") */
	App *a = tui_app(24, 80, NULL);
	char row[256], want[64], n1[32], n2[32];
	const char *line = row_with(a, 24, "tokens/s", row, sizeof row);
	EXPECT_TRUE(line != NULL);
	fmt_rate_number(a->r->throughput.tokens_per_s, n1, sizeof n1);
	fmt_rate_number(a->r->throughput.tokens_per_s_per_gpu, n2, sizeof n2);
	EXPECT_TRUE(strchr(n1, '.') != NULL);
	if (line) {
		EXPECT_STR_CONTAINS(line, n1);
		snprintf(want, sizeof want, "%s/GPU", n2);
		EXPECT_STR_CONTAINS(line, want);
	}
	app_free(a);
}

TEST(tui_static_and_served_latency_labelled)
{
	/* eval's TTFT is one idle request's, its TPOT one step at the batch of
	 * 128; the serving rows are percentiles at the target rate (8 req/s),
	 * which the rows say where they have room */
	App *a = tui_app(24, 80, NULL);
	EXPECT_SCREEN_HAS(a, " TTFT idle ");
	EXPECT_SCREEN_HAS(a, " TPOT b128 ");
	EXPECT_SCREEN_HAS(a, " TTFT p99 ");
	EXPECT_SCREEN_HAS(a, " TPOT p99 ");
	tui_keys(a, ":set batch 4096@");
	EXPECT_EQ(a->s->workload.batch, 4096);
	EXPECT_SCREEN_HAS(a, " TPOT b4k ");
	app_free(a);

	a = tui_app(40, 120, NULL);
	char row[256];
	/* the panel's row of the two serving figures (the scenario panel
	 * has TTFT p99 / TPOT p99 SLO fields too) */
	const char *line = row_with(a, 40, "ok  at 8.00/s", row, sizeof row);
	EXPECT_TRUE(line != NULL);
	if (line) {
		EXPECT_STR_CONTAINS(line, " TTFT p99 ");
		EXPECT_STR_CONTAINS(line, "at 8.00/s p99 1.00 s");
		EXPECT_STR_CONTAINS(line, " TPOT p99 ");
		EXPECT_STR_CONTAINS(line, "at 8.00/s p99 100.0 ms");
	}
	app_free(a);
}

TEST(tui_set_takes_the_slider_label)
{
	/* the slider reads "input": `:set input 4096` sets input_len */
	App *a = tui_app(24, 80, NULL);
	EXPECT_SCREEN_HAS(a, " input ");
	tui_keys(a, ":set input 4096@");
	EXPECT_EQ(a->s->workload.input_len, 4096);
	tui_keys(a, ":set spec_k 2@");
	EXPECT_EQ(a->s->spec.tokens, 2);
	tui_keys(a, ":output 512@");                    /* `:KEY N` is `:set KEY N` */
	EXPECT_EQ(a->s->workload.output_len, 512);
	tui_keys(a, ":set mem-frac 0.8@");
	EXPECT_NEAR(a->s->runtime.mem_fraction, 0.8, 1e-12, ":set mem-frac");
	/* the pick fields' labels too: "weights" is dtype, "KV cache" kv_dtype */
	EXPECT_SCREEN_HAS(a, " weights ");
	EXPECT_SCREEN_HAS(a, " KV cache ");
	tui_keys(a, ":set weights fp8@");
	EXPECT_EQ(a->s->strategy.weight_dtype, DTYPE_FP8);
	tui_keys(a, ":set kv_cache fp8@");
	EXPECT_EQ(a->s->strategy.kv_dtype, DTYPE_FP8);
	app_free(a);

	/* every label of the table finds its own key, and no label is another
	 * key's name */
	for (int p = 0; p < PARAM_KEY_COUNT; p++) {
		const char *l = param_label((ParamId)p);
		char norm[64];
		snprintf(norm, sizeof norm, "%s", l);
		for (char *c = norm; *c; c++)
			if (*c == ' ')
				*c = '_';
		EXPECT_EQ(param_label_find(norm), p);
	}
}
