/* chart-pareto.c: a search's Pareto front, throughput per GPU against
 * tokens/s per user, with the ranked layouts beside it; axes span the data
 * (not from zero), every point is labelled with its layout where the label
 * finds room (always in its <title>); see chart.h. */
#include "chart-internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/units.h"

#define PARETO_PLOT_H_PT 430.0
#define PARETO_AXIS_W_PT 64.0           /* the y axis' tick labels and name */
#define PARETO_AXIS_H_PT 40.0           /* the x axis' tick labels and name */
#define PARETO_PAD_FRACTION 0.08        /* room around the data on each axis */
#define PARETO_TICKS 6                  /* about this many ticks per axis */
#define PARETO_POINT_R_PT 4.5
#define PARETO_LABEL_GAP_PT 6.0

static const ChartStyle front_style = { CHART_VERMILLION, CHART_HATCH_NONE, CHART_INK };
static const ChartStyle ranked_style = { CHART_PAPER, CHART_HATCH_NONE, CHART_BLUE };

static void pareto_size(const Chart *c, double *w, double *h);
static void pareto_draw(const Chart *c, ChartCanvas *cv);

static const ChartClass pareto_class = { "pareto", pareto_size, pareto_draw };

static bool
same_candidate(const SearchCandidate *a, const SearchCandidate *b)
{
	return a->tp == b->tp && a->pp == b->pp && a->dp == b->dp && a->ep == b->ep &&
	    a->etp == b->etp && a->micro_batches == b->micro_batches && a->batch == b->batch &&
	    a->weight_dtype == b->weight_dtype && a->kv_dtype == b->kv_dtype;
}

/* "TP8 PP1 DP1 b256", with EP and the dtypes when they tell points apart. */
static void
short_label(const SearchCandidate *c, bool dtypes, char *buf, size_t n)
{
	int k = snprintf(buf, n, "TP%d PP%d DP%d", c->tp, c->pp, c->dp);
	if (c->ep > 1 && k >= 0 && (size_t)k < n)
		k += snprintf(buf + k, n - (size_t)k, " EP%d", c->ep);
	if (dtypes && k >= 0 && (size_t)k < n)
		k += snprintf(buf + k, n - (size_t)k, " %s", dtype_name(c->weight_dtype));
	if (c->batch > 0 && k >= 0 && (size_t)k < n)
		snprintf(buf + k, n - (size_t)k, " b%d", c->batch);
}

static void
add_point(ChartPareto *c, const SearchCandidate *cand, bool front, int rank, bool dtypes)
{
	ChartPoint *p = &c->points[c->n_points++];

	p->x = cand->tokens_per_s_per_user;
	p->y = cand->tokens_per_s_per_gpu;
	p->front = front;
	p->rank = rank;
	short_label(cand, dtypes, p->label, sizeof p->label);
	search_format_layout(cand, p->layout, sizeof p->layout);
}

int
chart_pareto_init(ChartPareto *c, const Scenario *base, const SearchResult *r)
{
	memset(c, 0, sizeof *c);
	c->base.klass = &pareto_class;
	if (r->n_pareto < 1)
		return -1;
	bool dtypes = false;
	for (int i = 1; i < r->n_pareto; i++)
		dtypes |= r->pareto[i].weight_dtype != r->pareto[0].weight_dtype;
	for (int i = 0; i < r->n_top; i++)
		dtypes |= r->top[i].weight_dtype != r->pareto[0].weight_dtype;
	for (int i = 0; i < r->n_pareto && c->n_points < SEARCH_PARETO_CAP; i++) {
		int rank = 0;
		for (int k = 0; k < r->n_top && !rank; k++)
			if (same_candidate(&r->top[k], &r->pareto[i]))
				rank = r->top[k].rank;
		add_point(c, &r->pareto[i], true, rank, dtypes);
	}
	for (int k = 0, added = 0; k < r->n_top && added < CHART_PARETO_RANKED_MAX; k++) {
		bool on_front = false;
		for (int i = 0; i < r->n_pareto && !on_front; i++)
			on_front = same_candidate(&r->top[k], &r->pareto[i]);
		if (on_front || !(r->top[k].tokens_per_s_per_user > 0))
			continue;
		add_point(c, &r->top[k], false, r->top[k].rank, dtypes);
		added++;
	}
	snprintf(c->base.title, sizeof c->base.title, "Pareto front: %s on %s", base->model.name,
	    base->cluster.name);
	snprintf(c->base.desc, sizeof c->base.desc, "throughput per GPU against tokens/s per user "
	    "within the SLOs; %d layout%s on the front%s%s%s", r->n_pareto, r->n_pareto == 1 ? "" : "s",
	    r->pareto_truncated ? " (truncated)" : "", dtypes ? "" : "; all in ",
	    dtypes ? "" : dtype_name(r->pareto[0].weight_dtype));
	return 0;
}

static void
pareto_size(const Chart *c, double *w, double *h)
{
	(void)c;
	*w = CHART_WIDTH_PT;
	*h = CHART_MARGIN_PT + CHART_TITLE_H_PT + CHART_LEGEND_H_PT + PARETO_PLOT_H_PT +
	    PARETO_AXIS_H_PT + CHART_MARGIN_PT;
}

/* [lo, hi] around the data: PARETO_PAD_FRACTION of the span each side,
 * never below zero; a single value gets +-10%. */
static void
axis_range(double mn, double mx, double *lo, double *hi)
{
	double span = mx - mn;
	if (!(span > 0))
		span = fmax(fabs(mx) * 0.2, 1);
	*lo = fmax(0, mn - span * PARETO_PAD_FRACTION - (mx > mn ? 0 : span / 2));
	*hi = mx + span * PARETO_PAD_FRACTION + (mx > mn ? 0 : span / 2);
}

typedef struct Box { double x, y, w, h; } Box;

static bool
overlaps(const Box *a, const Box *b)
{
	return a->x < b->x + b->w && b->x < a->x + a->w && a->y < b->y + b->h && b->y < a->y + a->h;
}

static void
tick_text(double v, char *buf, size_t n)
{
	if (fabs(v) >= 1000)
		fmt_int(v, buf, n);
	else if (fabs(v) >= 10 || v == 0)
		snprintf(buf, n, "%.0f", v);
	else
		snprintf(buf, n, "%.1f", v);
}

static void
pareto_draw(const Chart *base, ChartCanvas *cv)
{
	const ChartPareto *c = (const ChartPareto *)base;
	cairo_t *cr = cv->cr;
	const double px0 = CHART_MARGIN_PT + PARETO_AXIS_W_PT, px1 = CHART_WIDTH_PT - CHART_MARGIN_PT;
	const double py0 = CHART_MARGIN_PT + CHART_TITLE_H_PT + CHART_LEGEND_H_PT;
	const double py1 = py0 + PARETO_PLOT_H_PT;
	double xmn = INFINITY, xmx = -INFINITY, ymn = INFINITY, ymx = -INFINITY, xlo, xhi, ylo, yhi;
	char text[256];

	chart_page(cv, base);
	double lx = CHART_MARGIN_PT, ly = CHART_MARGIN_PT + CHART_TITLE_H_PT + CHART_LEGEND_BASELINE_PT;
	lx += chart_legend_item(cv, lx, ly, &front_style, "on the Pareto front");
	chart_legend_item(cv, lx, ly, &ranked_style, "ranked, off the front (#rank)");

	for (int i = 0; i < c->n_points; i++) {
		xmn = fmin(xmn, c->points[i].x);
		xmx = fmax(xmx, c->points[i].x);
		ymn = fmin(ymn, c->points[i].y);
		ymx = fmax(ymx, c->points[i].y);
	}
	axis_range(xmn, xmx, &xlo, &xhi);
	axis_range(ymn, ymx, &ylo, &yhi);
#define X(v) (px0 + ((v) - xlo) / (xhi - xlo) * (px1 - px0))
#define Y(v) (py1 - ((v) - ylo) / (yhi - ylo) * (py1 - py0))

	/* grid, ticks and the axes' names */
	double first, step = chart_nice_step(xlo, xhi, PARETO_TICKS, &first);
	cairo_set_line_width(cr, CHART_LINE_PT / 2);
	for (double v = first; v <= xhi + 1e-9 * step; v += step) {
		chart_set_rgb(cr, CHART_LIGHT);
		cairo_move_to(cr, X(v), py0);
		cairo_line_to(cr, X(v), py1);
		cairo_stroke(cr);
		tick_text(v, text, sizeof text);
		chart_text(cv, X(v), py1 + 13, CHART_CENTRE, CHART_FONT_SMALL_PT, false, CHART_INK, text);
	}
	step = chart_nice_step(ylo, yhi, PARETO_TICKS, &first);
	for (double v = first; v <= yhi + 1e-9 * step; v += step) {
		chart_set_rgb(cr, CHART_LIGHT);
		cairo_move_to(cr, px0, Y(v));
		cairo_line_to(cr, px1, Y(v));
		cairo_stroke(cr);
		tick_text(v, text, sizeof text);
		chart_text(cv, px0 - CHART_GAP_PT, Y(v) + CHART_TICK_PT, CHART_RIGHT, CHART_FONT_SMALL_PT, false, CHART_INK, text);
	}
	chart_set_rgb(cr, CHART_INK);
	cairo_set_line_width(cr, CHART_LINE_FRAME_PT);
	cairo_rectangle(cr, px0, py0, px1 - px0, py1 - py0);
	cairo_stroke(cr);
	snprintf(text, sizeof text, "output tokens/s per user (1 / TPOT p50)%s", xlo > 0 ?
	    "; axis from the data, not from 0" : "");
	chart_text(cv, (px0 + px1) / 2, py1 + 30, CHART_CENTRE, CHART_FONT_LABEL_PT, false, CHART_INK, text);
	cairo_save(cr);
	cairo_translate(cr, CHART_MARGIN_PT + 8, (py0 + py1) / 2);
	cairo_rotate(cr, -M_PI / 2);
	/* drawn rotated: its mark is the box it takes on the page */
	double tw = chart_text_width(cv, CHART_FONT_LABEL_PT, false, "output tokens/s per GPU");
	chart_set_rgb(cr, CHART_INK);
	cairo_move_to(cr, -tw / 2, 0);
	cairo_show_text(cr, "output tokens/s per GPU");
	cairo_new_path(cr);
	cairo_restore(cr);
	chart_mark(cv, "label", CHART_MARGIN_PT, (py0 + py1) / 2 - tw / 2, CHART_FONT_LABEL_PT, tw, "%s",
	    "output tokens/s per GPU");

	/* the front as a line through its points, left to right */
	int order[CHART_PARETO_MAX], n_front = 0;
	for (int i = 0; i < c->n_points; i++)
		if (c->points[i].front)
			order[n_front++] = i;
	for (int i = 1; i < n_front; i++)
		for (int k = i; k > 0 && c->points[order[k]].x < c->points[order[k - 1]].x; k--) {
			int t = order[k];
			order[k] = order[k - 1];
			order[k - 1] = t;
		}
	chart_set_rgb(cr, CHART_VERMILLION);
	cairo_set_line_width(cr, CHART_LINE_FRONT_PT);
	for (int i = 0; i < n_front; i++)
		(i ? cairo_line_to : cairo_move_to)(cr, X(c->points[order[i]].x), Y(c->points[order[i]].y));
	cairo_stroke(cr);

	/* points: the front filled circles, the rest hollow squares */
	Box taken[CHART_PARETO_MAX * 2];
	int n_taken = 0;
	const double r = PARETO_POINT_R_PT;
	for (int i = 0; i < c->n_points; i++) {
		const ChartPoint *p = &c->points[i];
		double x = X(p->x), y = Y(p->y);
		if (p->front) {
			cairo_arc(cr, x, y, r, 0, 2 * M_PI);
			chart_set_rgb(cr, CHART_VERMILLION);
			cairo_fill_preserve(cr);
		} else {
			cairo_rectangle(cr, x - r, y - r, 2 * r, 2 * r);
			chart_set_rgb(cr, CHART_PAPER);
			cairo_fill_preserve(cr);
		}
		chart_set_rgb(cr, p->front ? CHART_INK : CHART_BLUE);
		cairo_set_line_width(cr, CHART_LINE_FRAME_PT);
		cairo_stroke(cr);
		char rank[16] = "";
		if (p->rank)
			snprintf(rank, sizeof rank, " #%d", p->rank);
		chart_mark(cv, "point", x - r, y - r, 2 * r, 2 * r, "%s%s: %.1f tok/s per user, %s tok/s "
		    "per GPU%s", p->layout, rank, p->x, fmt_int(p->y, text, sizeof text), p->front ?
		    " (Pareto front)" : "");
		taken[n_taken++] = (Box){ x - r, y - r, 2 * r, 2 * r };
	}
	/* labels: right of the point, else left, above, below; none where all
	 * four collide (the point's <title> still names it) */
	for (int i = 0; i < c->n_points; i++) {
		const ChartPoint *p = &c->points[i];
		double x = X(p->x), y = Y(p->y);
		char label[80];
		if (p->rank)
			snprintf(label, sizeof label, "%s #%d", p->label, p->rank);
		else
			snprintf(label, sizeof label, "%s", p->label);
		double w = chart_text_width(cv, CHART_FONT_SMALL_PT, false, label);
		double h = CHART_FONT_SMALL_PT;
		const double g = PARETO_LABEL_GAP_PT;
		Box tries[4] = {
			{ x + g, y - h / 2, w, h }, { x - g - w, y - h / 2, w, h },
			{ x - w / 2, y - g - h, w, h }, { x - w / 2, y + g, w, h },
		};
		for (int t = 0; t < 4; t++) {
			Box *b = &tries[t];
			bool ok = b->x >= px0 && b->x + b->w <= px1 && b->y >= py0 && b->y + b->h <= py1;
			for (int k = 0; k < n_taken && ok; k++)
				ok = !overlaps(b, &taken[k]);
			if (!ok)
				continue;
			chart_text(cv, b->x, b->y + h * 0.8, CHART_LEFT, CHART_FONT_SMALL_PT, p->rank == 1,
			    CHART_INK, label);
			taken[n_taken++] = *b;
			break;
		}
	}
#undef X
#undef Y
}
