/* test_tui_export.c: `:export` and the compare screen (issue 9, defect 10):
 * the exported report carries what the screen shows (the SLOs, serving at
 * the target rate, the highest rate within the SLOs, and A against B when
 * a scenario is pinned), and a change that rounds to zero reads 0%, never
 * -0%. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "delta.h"
#include "test.h"
#include "tui_helpers.h"
#include "util/xmalloc.h"

TEST(tui_compare_no_negative_zero)
{
	App *a = tui_app(30, 100, NULL);
	/* one more output token: requests/s 8.83 -> 8.82 (-0.1%), tokens/s
	 * 2,261 -> 2,267 (+0.3%): both round to 0% */
	tui_keys(a, "p");
	app_command(a, "set output_len 257");
	tui_keys(a, "c");
	EXPECT_SCREEN_HAS(a, "requests/s");
	EXPECT_SCREEN_LACKS(a, "-0%");
	EXPECT_SCREEN_LACKS(a, "+0%");
	EXPECT_SCREEN_LACKS(a, "-0.0 pt");
	EXPECT_SCREEN_LACKS(a, "+0.0 pt");
	/* the table says 0%; the sentence leaves such figures out */
	char row[256];
	snprintf(row, sizeof row, "%s", strstr(tui_screen(a), " requests/s") ? strstr(tui_screen(a),
	    " requests/s") : "");
	row[strcspn(row, "\n")] = '\0';
	EXPECT_STR_CONTAINS(row, " 0%");
	EXPECT_SCREEN_LACKS(a, "tokens/s 0%");
	app_free(a);
}

TEST(tui_delta_rounding_to_zero)
{
	int n, bytes = -1;
	const DeltaFigure *f = delta_figures(&n);
	for (int i = 0; i < n; i++)
		if (strcmp(f[i].path, "memory.per_gpu_bytes") == 0)
			bytes = i;
	char buf[64];
	bool better;
	/* -0.1%: over the noise threshold, under the half percent shown */
	EXPECT_TRUE(bytes >= 0);
	EXPECT_STR_CONTAINS(delta_format_change(bytes, 1000e6, 999e6, buf, sizeof buf, &better), "0%");
	EXPECT_TRUE(buf[0] == '0');
	EXPECT_STR_CONTAINS(delta_format_change(bytes, 1000e6, 990e6, buf, sizeof buf, &better), "-1%");
}
