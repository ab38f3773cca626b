/* report-search.c: the search's Pareto front as a text plot; see
 * report-search.h.  The reasons (why, rejection, probe, none) are messages
 * in core/search-reasons.c. */
#include "scenario/report-search.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/textout.h"
#include "core/units.h"

/* Where an axis starts: a tenth of the data's span below its lowest
 * point (a fifth of the value for a single point), not below 0, so the
 * points spread over the plot instead of crowding its top corner. */
static double
axis_low(double lo, double hi)
{
	double span = hi - lo, at = lo - (span > 0 ? span * 0.1 : lo * 0.2);
	return at > 0 ? at : 0;
}

/* The plot's ranges over the front. */
static void
plot_range(const SearchResult *r, double *x0, double *xmax, double *y0, double *ymax)
{
	double xmin = INFINITY, ymin = INFINITY;
	*xmax = *ymax = 0;
	for (int i = 0; i < r->n_pareto; i++) {
		*xmax = fmax(*xmax, r->pareto[i].tokens_per_s_per_user);
		*ymax = fmax(*ymax, r->pareto[i].tokens_per_s_per_gpu);
		xmin = fmin(xmin, r->pareto[i].tokens_per_s_per_user);
		ymin = fmin(ymin, r->pareto[i].tokens_per_s_per_gpu);
	}
	*x0 = r->n_pareto ? axis_low(xmin, *xmax) : 0;
	*y0 = r->n_pareto ? axis_low(ymin, *ymax) : 0;
}

void
search_plot_cell(const SearchResult *r, const SearchCandidate *c, int width, int height,
    int *x, int *y)
{
	double x0, xmax, y0, ymax;
	plot_range(r, &x0, &xmax, &y0, &ymax);
	*x = xmax > x0 ? (int)floor((c->tokens_per_s_per_user - x0) / (xmax - x0) * (width - 1) +
	    0.5) : 0;
	*y = ymax > y0 ? (int)floor((c->tokens_per_s_per_gpu - y0) / (ymax - y0) * (height - 1) +
	    0.5) : 0;
}

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
	double x0, y0;
	plot_range(r, &x0, &xmax, &y0, &ymax);
	for (int y = 0; y < height; y++) {
		memset(grid[y], ' ', (size_t)width);
		grid[y][width] = '\0';
	}
	for (int i = 0; i < r->n_pareto; i++) {
		const SearchCandidate *p = &r->pareto[i];
		int x, y;
		search_plot_cell(r, p, width, height, &x, &y);
		char *cell = &grid[height - 1 - y][x];
		if (*cell != '#')
			*cell = p->rank > 0 ? '#' : '*';
	}
	for (int y = 0; y < height; y++) {
		if (y == 0)
			text_out(&o, "%9.0f |%s\n", ymax, grid[y]);
		else if (y == height - 1)
			text_out(&o, "%9.0f |%s\n", y0, grid[y]);
		else
			text_out(&o, "%9s |%s\n", y == height / 2 ? "tok/s/GPU" : "", grid[y]);
	}
	text_out(&o, "%9s +", "");
	for (int x = 0; x < width; x++)
		text_out(&o, "-");
	/* the x axis from where it starts to the highest point */
	char lo[32];
	int lw = snprintf(lo, sizeof lo, xmax < 100 ? "%.1f" : "%.0f", x0);
	text_out(&o, "\n%9s %s%*.*f tok/s per user\n", "", lo, width - lw > 1 ? width - lw : 1,
	    xmax < 100 ? 1 : 0, xmax);
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
