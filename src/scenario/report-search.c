/* report-search.c: the search's Pareto front as a text plot; see
 * report-search.h.  The reasons (why, rejection, probe, none) are messages
 * in core/search-reasons.c. */
#include "scenario/report-search.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/textout.h"
#include "core/units.h"

int
search_format_plot(const SearchResult *r, int width, int height, char *buf, size_t n)
{
	TextOut o = { .buf = buf, .n = n };
	double xmax = 0, ymax = 0;
	char grid[64][160];

	if (n)
		buf[0] = '\0';
	if (width > 150)
		width = 150;
	if (height > 60)
		height = 60;
	if (r->n_pareto == 0 || width < 10 || height < 3)
		return 0;
	for (int i = 0; i < r->n_pareto; i++) {
		xmax = fmax(xmax, r->pareto[i].tokens_per_s_per_user);
		ymax = fmax(ymax, r->pareto[i].tokens_per_s_per_gpu);
	}
	for (int y = 0; y < height; y++) {
		memset(grid[y], ' ', (size_t)width);
		grid[y][width] = '\0';
	}
	for (int i = 0; i < r->n_pareto; i++) {
		const SearchCandidate *p = &r->pareto[i];
		int x = xmax > 0 ? (int)floor(p->tokens_per_s_per_user / xmax * (width - 1) + 0.5) : 0;
		int y = ymax > 0 ? (int)floor(p->tokens_per_s_per_gpu / ymax * (height - 1) + 0.5) : 0;
		char *cell = &grid[height - 1 - y][x];
		if (*cell != '#')
			*cell = p->rank > 0 ? '#' : '*';
	}
	for (int y = 0; y < height; y++) {
		if (y == 0)
			text_out(&o, "%9.0f |%s\n", ymax, grid[y]);
		else if (y == height - 1)
			text_out(&o, "%9d |%s\n", 0, grid[y]);
		else
			text_out(&o, "%9s |%s\n", y == height / 2 ? "tok/s/GPU" : "", grid[y]);
	}
	text_out(&o, "%9s +", "");
	for (int x = 0; x < width; x++)
		text_out(&o, "-");
	text_out(&o, "\n%9s 0%*.0f tok/s per user\n", "", width - 1, xmax);
	return (int)o.len;
}

void
report_search_markdown_table(FILE *f, const SearchResult *r, int max_rows)
{
	char a[48], b[48], lay[256], bind[96];
	int n = max_rows > 0 && max_rows < r->n_top ? max_rows : r->n_top;

	fprintf(f, "| # | layout | GPUs | tok/s/GPU | tok/s/user | max req/s | TTFT p99 | TPOT p99 | "
	    "binding |\n|---|---|---|---|---|---|---|---|---|\n");
	for (int i = 0; i < n; i++) {
		const SearchCandidate *c = &r->top[i];
		search_format_layout(c, lay, sizeof lay);
		search_format_binding(c, bind, sizeof bind);
		fprintf(f, "| %d | %s | %d | %.0f | %.1f | %.2f | %s | %s | %s |\n", c->rank, lay, c->gpus,
		    c->tokens_per_s_per_gpu, c->tokens_per_s_per_user, c->rate_max_rps * c->dp,
		    fmt_seconds(c->at_target.ttft_p99_s, a, sizeof a),
		    fmt_seconds(c->at_target.tpot_p99_s, b, sizeof b), bind);
	}
}
