/* test_explain.c: every explanation ends in its own figure (the numbers in
 * the text are the numbers in the result), for dense, PP and MoE/MLA cases. */
#include <stdlib.h>
#include <string.h>

#include "core/explain.h"
#include "core/units.h"
#include "helpers.h"
#include "test.h"

static void
check_all(Scenario *s, Result *r)
{
	char buf[4096], want[64];

	EXPECT_EQ(eval_run(s, r), EVAL_OK);
	const char *path;
	for (int k = 0; (path = explain_path(k)); k++) {
		const char *const *p = &path;
		double v;
		EXPECT_EQ(explain_figure(s, r, *p, -1, buf, sizeof buf), 0);
		EXPECT_EQ(explain_value(r, *p, &v), 0);
		if (strstr(*p, "_bytes") && strcmp(*p, "memory.kv_bytes_per_token") != 0)
			fmt_bytes(v, want, sizeof want);
		else if (strstr(*p, "tokens_per_s"))
			fmt_rate(v, "tok/s", want, sizeof want);
		else if (strcmp(*p, "throughput.requests_per_s") == 0)
			snprintf(want, sizeof want, "%.2f req/s", v);
		else if (strncmp(*p, "latency.", 8) == 0)
			fmt_seconds(v, want, sizeof want);
		else if (strstr(*p, "params_"))
			fmt_count(v, want, sizeof want);
		else if (strcmp(*p, "throughput.mfu") == 0)
			snprintf(want, sizeof want, "%.1f%%", v * 100);
		else if (strcmp(*p, "model.flops_per_token") == 0)
			snprintf(want, sizeof want, "%.3g FLOPs", v);
		else
			fmt_int(v, want, sizeof want);
		/* the figure is the last "= X" of the explanation's first lines */
		if (!strstr(buf, want))
			test_fail(__FILE__, __LINE__, "%s: explanation lacks its value '%s':\n%s", *p, want, buf);
	}
}

TEST(explain_contains_values)
{
	Scenario *s = malloc(sizeof *s);
	Result *r = malloc(sizeof *r);

	scenario_from(s, "model=llama-3-70b", "cluster=h100x8", "tp=8", NULL);
	check_all(s, r);
	scenario_from(s, "model=llama-3-70b", "cluster=h100x8", "tp=2", "pp=4", "batch=16", NULL);
	check_all(s, r);
	scenario_from(s, "model=deepseek-v3", "cluster=h200x8", "tp=8", "ep=8", "dtype=fp8", "batch=8", NULL);
	check_all(s, r);
	free(s);
	free(r);
}

/* The example, verbatim. */
TEST(explain_kv_example_text)
{
	Scenario *s = malloc(sizeof *s);
	Result *r = malloc(sizeof *r);
	char buf[4096];

	scenario_from(s, "model=llama-3-70b", "cluster=h100x8", "tp=8", NULL);
	eval_run(s, r);
	explain_figure(s, r, "memory.kv_bytes_per_token", -1, buf, sizeof buf);
	EXPECT_STR_CONTAINS(buf, "2 (K and V) x 80 layers x 1 KV head per GPU (8 heads / TP 8) x 128 "
	    "head_dim x 2 bytes (bf16) = 40,960");
	explain_figure(s, r, "latency.tpot_s", -1, buf, sizeof buf);
	EXPECT_STR_CONTAINS(buf, "dominant: HBM bandwidth");
	explain_figure(s, r, "latency.ttft_s", -1, buf, sizeof buf);
	EXPECT_STR_CONTAINS(buf, "dominant: compute");
	free(s);
	free(r);
}
