/* test_tui_emit.c: `:emit ENGINE` shows the scenario's engine command on
 * the output screen (issue 12). */
#include <string.h>

#include "test.h"
#include "tui_helpers.h"

TEST(tui_emit_vllm_on_output_screen)
{
	App *a = tui_app(40, 120, NULL);
	app_command(a, "emit vllm");
	/* the default scenario: llama-3-70b on h100x8, TP 8, batch 128, vLLM 0.92 */
	EXPECT_SCREEN_HAS(a, "vllm serve meta-llama/Meta-Llama-3-70B-Instruct");
	EXPECT_SCREEN_HAS(a, "--tensor-parallel-size 8");
	EXPECT_SCREEN_HAS(a, "--max-num-seqs 128");
	EXPECT_SCREEN_HAS(a, "--gpu-memory-utilization 0.92");
	app_free(a);
}

TEST(tui_emit_other_engine_says_so)
{
	App *a = tui_app(40, 120, NULL);
	app_command(a, "emit sglang");
	EXPECT_SCREEN_HAS(a, "sglang serve");
	EXPECT_SCREEN_HAS(a, ":runtime sglang to model it");
	app_free(a);
}
