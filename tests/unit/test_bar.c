/* test_bar.c: one bar routine (src/scenario/bar.c) behind the TUI's bars
 * and the text reports': the same parts give the same cells in both. */
#include <string.h>

#include "cli/cli.h"
#include "scenario/bar.h"
#include "test.h"
#include "w-bar.h"

TEST(bar_text_and_tui_bar_agree)
{
	/* weights 20, KV 10, activations 2, reserve 4 GB of 80 GB, budget 72;
	 * and 100 + 20 GB of 80 GB: over capacity */
	static const double cases[][6] = {
		{ 20e9, 10e9, 2e9, 4e9, 80e9, 72e9 },
		{ 100e9, 20e9, 0, 0, 80e9, 72e9 },
		{ 79e9, 0, 0, 0, 80e9, 0 },
	};
	Theme t;
	Grid g;
	theme_init(&t, THEME_MONO, false);
	grid_init(&g);
	grid_resize(&g, 1, 48);
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		char text[49], tui[256];
		bar_text(text, 48, cases[k], 4, "WKAR", cases[k][4], cases[k][5]);
		/* the TUI's parts: W K, the pool beyond K (none here), A R */
		double parts[BAR_PARTS] = { cases[k][0], cases[k][1], 0, cases[k][2], cases[k][3] };
		bar_draw(&g, &t, 0, 0, 48, parts, BAR_PARTS, cases[k][4], cases[k][5], NULL);
		grid_row_text(&g, 0, tui, sizeof tui);
		/* monochrome glyphs: W K A R, '.' free, '|' budget, '!' over */
		for (int i = 0; i < 48; i++) {
			char c = text[i], d = tui[i];
			if (c != d)
				test_fail(__FILE__, __LINE__, "case %zu cell %d: text '%c', TUI '%c' (%s | %s)",
				    k, i, c, d, text, tui);
		}
	}
	/* 20 GB of 80 in 48 cells: ceil(12) = 12 W cells (htop's sizing) */
	char text[49];
	bar_text(text, 48, cases[0], 4, "WKAR", 80e9, 72e9);
	EXPECT_TRUE(strncmp(text, "WWWWWWWWWWWWKKKKKKAARRR", 23) == 0);
	EXPECT_TRUE(text[43] == '|');   /* floor(72/80 * 48) = 43 */
	grid_fini(&g);
}
