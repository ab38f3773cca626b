/* test_tui_serving.c: the serving figures of the main screen and their
 * explanation (issue 9, defect 3: the popup printed one formatting buffer
 * for several figures, so TTFT p99 read 271.7 us and the SLOs read as the
 * measured values). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/units.h"
#include "s-main.h"
#include "test.h"
#include "tui_helpers.h"

/* "LABEL p50 X p99 Y" with X, Y as fmt_seconds writes them. */
static void
pair_text(const char *label, double p50_s, double p99_s, char *buf, size_t n)
{
	char a[32], b[32];
	snprintf(buf, n, "%s p50 %s p99 %s", label, fmt_seconds(p50_s, a, sizeof a),
	    fmt_seconds(p99_s, b, sizeof b));
}

TEST(tui_serving_text_quotes_each_figure_once)
{
	App *a = tui_app(24, 80, NULL);
	char text[4096], want[128];

	EXPECT_TRUE(a->sv_ok && a->sv->has_target);
	const ServingPoint *p = &a->sv->at_target;
	serving_text(app_session(a), text, sizeof text);
	/* the measured latencies at 8 req/s, each its own number */
	pair_text("TTFT", p->ttft_p50_s, p->ttft_p99_s, want, sizeof want);
	EXPECT_STR_CONTAINS(text, want);
	pair_text("TPOT", p->tpot_p50_s, p->tpot_p99_s, want, sizeof want);
	EXPECT_STR_CONTAINS(text, want);
	/* the SLOs of presets/default.lua: TTFT p50 0.5 s, p99 1 s; TPOT p50
	 * 50 ms, p99 100 ms */
	EXPECT_STR_CONTAINS(text, "SLOs: TTFT p50 500.0 ms p99 1.00 s, TPOT p50 50.0 ms p99 100.0 ms");
	/* the step and the queue wait are their own figures too */
	char s1[32], s2[32];
	snprintf(want, sizeof want, "step %s, queue wait %s", fmt_seconds(p->step_s, s1, sizeof s1),
	    fmt_seconds(p->wait_s, s2, sizeof s2));
	EXPECT_STR_CONTAINS(text, want);
	app_free(a);
}

TEST(tui_serving_popup_from_keys)
{
	App *a = tui_app(40, 160, NULL);
	char want[128];
	const ServingPoint *p = &a->sv->at_target;

	/* Tab twice: the figures; down three rows: TTFT p99 at the target rate */
	tui_keys(a, ">>jjj@");
	EXPECT_TRUE(a->modal != NULL);
	EXPECT_SCREEN_HAS(a, "serving at the target rate");
	EXPECT_SCREEN_HAS(a, "SLOs: TTFT p50 500.0 ms p99 1.00 s, TPOT p50 50.0 ms p99 100.0 ms");
	pair_text("TTFT", p->ttft_p50_s, p->ttft_p99_s, want, sizeof want);
	EXPECT_SCREEN_HAS(a, want);
	app_free(a);
}

/* One scenario (issue 9, "Layers and files"): whatever the change, the
 * Scenario on screen is the one its Setup builds. */
static void
expect_derived(App *a, const char *after, int line)
{
	Scenario fresh;
	char *cause = NULL;
	if (setup_build(a->cat, &a->setup, &fresh, NULL, &cause) != 0) {
		test_fail(__FILE__, line, "after %s: the setup does not build: %s", after, cause);
		free(cause);
		return;
	}
	if (memcmp(&fresh, a->s, sizeof fresh) != 0)
		test_fail(__FILE__, line, "after %s: the scenario on screen is not its setup's "
		    "(TP %d/%d, batch %d/%d)", after, a->s->strategy.tp, fresh.strategy.tp,
		    a->s->workload.batch, fresh.workload.batch);
}

TEST(tui_one_scenario)
{
	App *a = tui_app(24, 80, NULL);
	char *cause = NULL;

	expect_derived(a, "start", __LINE__);
	app_key(a, TK_LEFT);    /* TP 8 -> 4 on the strategy panel */
	expect_derived(a, "a slider", __LINE__);
	tui_keys(a, "p");
	EXPECT_TRUE(app_set(a, "batch", "32", &cause) == 0);
	expect_derived(a, ":set batch", __LINE__);
	EXPECT_TRUE(app_set(a, "kv_dtype", "fp8", &cause) == 0);
	expect_derived(a, ":set kv_dtype", __LINE__);
	EXPECT_TRUE(app_set(a, "model", "llama-3-8b", &cause) == 0);
	expect_derived(a, ":set model", __LINE__);
	app_undo(a);
	expect_derived(a, "undo", __LINE__);
	app_redo(a);
	expect_derived(a, "redo", __LINE__);
	app_restore_pin(a);
	expect_derived(a, "x (A again)", __LINE__);
	EXPECT_EQ(a->s->strategy.tp, 4);
	app_free(a);
}
