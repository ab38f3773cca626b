/* test_tui_disagg.c: disaggregated prefill/decode in the workbench (issue
 * 13): the prefill field and :set of the pool keys, the serving figures,
 * and the GPU map marking prefill (P) and decode (D) GPUs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/disagg.h"
#include "core/units.h"
#include "test.h"
#include "tui_helpers.h"

TEST(tui_disagg_set_and_gpu_map)
{
	App *a = tui_app(40, 120, "cluster=h100x16", NULL);
	app_command(a, "set tp 4");
	app_command(a, "set prefill_tp 4");
	app_command(a, "set prefill_dp 2");
	/* the prefill pool takes 8 GPUs, the decode pool's DP refills the rest */
	EXPECT_TRUE(disagg_on(a->s));
	EXPECT_EQ(a->s->disagg.prefill_dp, 2);
	EXPECT_EQ(a->s->strategy.tp * a->s->strategy.dp, 8);
	EXPECT_SCREEN_HAS(a, "prefill  2");
	/* the status line counts both pools (it said 8/16 GPUs, the decode pool's) */
	EXPECT_SCREEN_HAS(a, "TP 4 x PP 1 x DP 2 + 2P x TP 4 = 16/16 GPUs");
	EXPECT_SCREEN_HAS(a, "2P2D at 8.00 req/s: SLOs");
	/* below the prefill pool's capacity the TTFT SLO binds the highest
	 * rate, as eval's "highest rate within the SLOs" says (the header
	 * said "prefill pool limits" beside that rate) */
	EXPECT_TRUE(a->sv_ok && a->sv->limit == SERVING_LIMIT_TTFT &&
	    a->sv->disagg.rate_max_rps < a->sv->disagg.capacity_rps);
	EXPECT_SCREEN_HAS(a, "(TTFT SLO binds)");
	/* the serving figures are the deployment's */
	EXPECT_TRUE(a->sv_ok && a->sv->disagg.on);
	EXPECT_EQ(a->sv->disagg.gpus, 16);
	app_command(a, "screen gpumap");
	EXPECT_SCREEN_HAS(a, "disaggregated 2P2D: decode pool GPUs 0-7 (D), prefill pool GPUs 8-15 (P: 2 x TP 4 x PP 1)");
	EXPECT_SCREEN_HAS(a, "GPU 0 D");
	EXPECT_SCREEN_HAS(a, "GPU 8 P");
	EXPECT_SCREEN_HAS(a, "prefill 1");
	EXPECT_SCREEN(a, "gpumap-disagg-120x40");
	/* a pipelined prefill instance is named as such (it read "TP 4" for TP 2 x PP 2) */
	app_command(a, "set prefill_tp 2");
	app_command(a, "set prefill_pp 2");
	EXPECT_SCREEN_HAS(a, "+ 2P x TP 2 x PP 2 = 16/16 GPUs");
	/* a pool larger than the cluster: one message naming the key, nothing changes */
	app_command(a, "set prefill_dp 4");
	EXPECT_TRUE(strstr(a->msg, "prefill_dp") != NULL);
	EXPECT_EQ(a->s->disagg.prefill_dp, 2);
	app_free(a);
}

/* The main screen's static rows of a disaggregated scenario are the
 * deployment's: TTFT idle = the prefill instance's idle TTFT + the KV
 * transfer (disagg.h); tokens/s and req/s at the capacity min(prefill pool,
 * decode pool), per GPU over both pools.  They showed the decode layout's
 * own aggregated eval: its TP 4 prefilling the prompt, and its 8 GPUs. */
TEST(tui_disagg_main_static_figures)
{
	App *a = tui_app(24, 80, "cluster=h100x16", NULL);
	app_command(a, "set tp 4");
	app_command(a, "set prefill_tp 8");
	app_command(a, "set prefill_dp 1");
	EXPECT_TRUE(a->sv_ok && a->sv->disagg.on);
	const DisaggReport *d = &a->sv->disagg;
	EXPECT_EQ(d->gpus, 16);
	double O = a->s->workload.output_len;
	char v[32], line[64];
	snprintf(line, sizeof line, "TTFT idle%10s", fmt_seconds(d->prefill.ttft_s + d->kv.exposed_s, v, sizeof v));
	EXPECT_SCREEN_HAS(a, line);
	/* the prefill pool's TP 8 prefills faster than the decode layout's TP 4 */
	EXPECT_TRUE(d->prefill.ttft_s + d->kv.exposed_s < a->r->latency.ttft_s);
	snprintf(line, sizeof line, "tokens/s%11s", fmt_rate_number(d->capacity_rps * O, v, sizeof v));
	EXPECT_SCREEN_HAS(a, line);
	snprintf(line, sizeof line, "%s/GPU", fmt_rate_number(d->capacity_rps * O / 16, v, sizeof v));
	EXPECT_SCREEN_HAS(a, line);
	snprintf(line, sizeof line, "req/s%14s", fmt_rate_number(d->capacity_rps, v, sizeof v));
	EXPECT_SCREEN_HAS(a, line);
	app_free(a);
}
