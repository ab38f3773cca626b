/* test_tui_audit_text.c: `:audit plan.md` opens a text plan's audit on the
 * output screen, findings visible, and L loads its scenario into the
 * workbench (issue 12). */
#include <string.h>

#include "test.h"
#include "tui_helpers.h"

static bool
on_screen(App *a, const ScreenClass *cls)
{
	return a->screens[a->cur]->cls == cls;
}

TEST(tui_audit_text_plan_and_load_it)
{
	App *a = tui_app(40, 140, NULL);
	app_command(a, "audit tests/plans/text/005-llama3-70b-a100-dense.md");
	EXPECT_TRUE(on_screen(a, &screen_output));
	EXPECT_STR_CONTAINS(a->out, "verdict   OPTIMISTIC");
	EXPECT_STR_CONTAINS(a->msg, "audit 005-llama3-70b-a100-dense.md: optimistic (exit status 0)");
	EXPECT_STR_CONTAINS(a->msg, "L loads its scenario");
	EXPECT_SCREEN_HAS(a, "worst findings");
	EXPECT_SCREEN_HAS(a, "cluster  a100x8");
	/* the workbench is as it was until L */
	EXPECT_EQ(a->s->strategy.tp, 8);
	app_key(a, 'L');
	EXPECT_TRUE(!on_screen(a, &screen_output));
	/* the file name, not its path: a long path cut the message at 80 columns */
	EXPECT_STR_CONTAINS(a->msg, "loaded the scenario of 005-llama3-70b-a100-dense.md (u undoes)");
	EXPECT_EQ(a->s->strategy.tp, 4);
	EXPECT_EQ(a->s->strategy.pp, 1);
	EXPECT_EQ(a->s->strategy.dp, 2);
	EXPECT_EQ(a->s->workload.batch, 32);
	EXPECT_STR_CONTAINS(a->s->cluster.name, "a100x8");
	EXPECT_NEAR(a->s->runtime.mem_fraction, 0.90, 1e-9, "005's --gpu-memory-utilization 0.90");
	/* one undo step back to the default scenario */
	app_key(a, 'u');
	EXPECT_EQ(a->s->strategy.tp, 8);
	app_free(a);
}

TEST(tui_audit_text_synthesised_model_not_loaded)
{
	App *a = tui_app(40, 140, NULL);
	app_command(a, "audit tests/plans/text/003-moe10b-tp2-ep2-pp2-dp3.txt");
	EXPECT_STR_CONTAINS(a->out, "verdict   INCONSISTENT");
	EXPECT_STR_CONTAINS(a->out, "likely GFLOPs written as TFLOPs");
	app_key(a, 'L');
	EXPECT_TRUE(on_screen(a, &screen_output));
	EXPECT_STR_CONTAINS(a->msg, "describes a model or GPU the catalog lacks");
	EXPECT_EQ(a->s->strategy.tp, 8);
	app_free(a);
}
