/* test_keys.c: the scenario-key table (core/params.h) and the one apply
 * rule: every key set from the CLI, Lua and the TUI's :set gives the same
 * scenario, and a key that changes the hardware refills the layout
 * everywhere (issue 9 defect 5). */
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "test.h"
#include "tui_helpers.h"

/* Issue 9 defect 5: `:set nodes 2` on the default scenario (TP 8 on one
 * 8-GPU H100 node) kept TP 8 x DP 1 on 8 of 16 GPUs, while `shardlab eval
 * --nodes 2` refilled the layout to use all 16. */
TEST(keys_tui_set_nodes_refills_layout)
{
	App *a = tui_app(30, 100, NULL);
	Scenario *cli = malloc(sizeof *cli);

	app_command(a, "set nodes 2");
	const Strategy *st = &a->s->strategy;    /* a rebuild replaces a->s */
	EXPECT_EQ(cluster_gpus(&a->s->cluster), 16);
	EXPECT_EQ(st->tp * st->pp * st->dp, 16);
	scenario_from(cli, "nodes=2", NULL);
	EXPECT_EQ(cli->strategy.tp, st->tp);
	EXPECT_EQ(cli->strategy.pp, st->pp);
	EXPECT_EQ(cli->strategy.dp, st->dp);
	free(cli);
	app_free(a);
}
