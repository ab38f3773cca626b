/* chart-memory.c: memory per GPU, one bar per pipeline stage (or run of
 * equal stages); see chart.h.  The segments are sized by bar_cells
 * (scenario/bar.h), the rule behind the TUI's and the text reports' bars,
 * one cell per point. */
#include "chart-internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/units.h"
#include "scenario/bar.h"

#define MEM_CAPTION_H_PT 16.0           /* the row's caption above its bar */
#define MEM_BAR_H_PT 24.0
#define MEM_BRACKET_H_PT 24.0           /* the KV pool's bracket and label under the bar */
#define MEM_ROW_GAP_PT 10.0
#define MEM_ROW_PT (MEM_CAPTION_H_PT + MEM_BAR_H_PT + MEM_BRACKET_H_PT + MEM_ROW_GAP_PT)
#define MEM_FOOT_H_PT 18.0
#define MEM_LABEL_PAD_PT 4.0            /* around a label inside a segment */

/* The segments: the field-table row each comes from (per stage), its name
 * in the legend, its fill.  KV_SPARE is pool minus need (no row of its
 * own: the pool row less the need row). */
static const struct {
	const char *path;
	const char *name;
	ChartStyle style;
} segs[CHART_SEGS] = {
	[CHART_SEG_WEIGHTS] = { "memory.weights_bytes", "weights",
		{ CHART_BLUE, CHART_HATCH_NONE, CHART_INK } },
	[CHART_SEG_KV_NEED] = { "memory.kv_cache_bytes", "KV need (workload)",
		{ CHART_ORANGE, CHART_HATCH_DIAG, CHART_INK } },
	[CHART_SEG_KV_SPARE] = { "memory.kv_pool_bytes", "KV pool beyond the need",
		{ CHART_PAPER, CHART_HATCH_BACKDIAG, CHART_ORANGE } },
	[CHART_SEG_ACT] = { "memory.activation_bytes", "activations",
		{ CHART_GREEN, CHART_HATCH_DOTS, CHART_INK } },
	[CHART_SEG_RESERVE] = { "memory.reserved_bytes", "reserve",
		{ CHART_LIGHT, CHART_HATCH_HORIZ, CHART_INK } },
};

static const ChartStyle over_style = { CHART_VERMILLION, CHART_HATCH_CROSS, CHART_INK };

/* A per-stage memory figure by its field-table row. */
static double
stage_figure(const Scenario *s, const Result *r, int stage, const char *path)
{
	const ResultField *f = field_find(path);
	FieldValue v;

	if (!f || field_get(f, s, r, stage, &v) != 0 || v.kind != FIELD_NUM || !isfinite(v.num))
		return 0;
	return v.num > 0 ? v.num : 0;
}

static bool
same_row(const ChartMemoryRow *a, const ChartMemoryRow *b)
{
	for (int i = 0; i < CHART_SEGS; i++)
		if (a->part[i] != b->part[i])
			return false;
	return a->kv_pool_bytes == b->kv_pool_bytes && a->n_layers == b->n_layers;
}

static void memory_size(const Chart *c, double *w, double *h);
static void memory_draw(const Chart *c, ChartCanvas *cv);

static const ChartClass memory_class = { "memory", memory_size, memory_draw };

int
chart_memory_init(ChartMemory *c, const Scenario *s, const Result *r)
{
	char a[32];

	memset(c, 0, sizeof *c);
	c->base.klass = &memory_class;
	if (r->status != EVAL_OK || r->n_stages < 1)
		return -1;
	c->capacity_bytes = stage_figure(s, r, -1, "memory.capacity_bytes");
	c->budget_bytes = stage_figure(s, r, -1, "memory.budget_bytes");
	snprintf(c->runtime, sizeof c->runtime, "%s", s->runtime.name);
	c->mem_fraction = s->runtime.mem_fraction;
	for (int i = 0; i < r->n_stages; i++) {
		ChartMemoryRow row = { .first_stage = i, .last_stage = i,
			.first_layer = r->stages[i].first_layer, .n_layers = r->stages[i].n_layers };
		for (int k = 0; k < CHART_SEGS; k++)
			row.part[k] = stage_figure(s, r, i, segs[k].path);
		row.kv_pool_bytes = row.part[CHART_SEG_KV_SPARE];
		row.part[CHART_SEG_KV_SPARE] = fmax(0, row.kv_pool_bytes - row.part[CHART_SEG_KV_NEED]);
		row.per_gpu_bytes = stage_figure(s, r, i, "memory.per_gpu_bytes");
		if (c->n_rows > 0 && same_row(&c->rows[c->n_rows - 1], &row))
			c->rows[c->n_rows - 1].last_stage = i;
		else
			c->rows[c->n_rows++] = row;
	}
	snprintf(c->base.title, sizeof c->base.title, "Memory per GPU: %s on %s, TP %d x PP %d x DP %d",
	    s->model.name, s->cluster.name, s->strategy.tp, s->strategy.pp, s->strategy.dp);
	snprintf(c->base.desc, sizeof c->base.desc, "%s %s per GPU; weights %s, KV %s; %s with memory "
	    "fraction %.2f; batch %d of %d + %d tokens", s->cluster.gpu.name,
	    fmt_bytes(c->capacity_bytes, a, sizeof a), dtype_name(s->strategy.weight_dtype),
	    dtype_name(s->strategy.kv_dtype), s->runtime.name, s->runtime.mem_fraction,
	    s->workload.batch, s->workload.input_len, s->workload.output_len);
	return 0;
}

static void
memory_size(const Chart *base, double *w, double *h)
{
	const ChartMemory *c = (const ChartMemory *)base;

	*w = CHART_WIDTH_PT;
	*h = CHART_MARGIN_PT + CHART_TITLE_H_PT + CHART_LEGEND_H_PT + c->n_rows * MEM_ROW_PT +
	    MEM_FOOT_H_PT + CHART_MARGIN_PT;
}

/* The name of row r: "stage 0", "stages 1-6 (each)". */
static void
row_name(const ChartMemoryRow *r, char *buf, size_t n)
{
	if (r->first_stage == r->last_stage)
		snprintf(buf, n, "stage %d", r->first_stage);
	else
		snprintf(buf, n, "stages %d-%d (each)", r->first_stage, r->last_stage);
}

/* A label centred in a segment on a white ground, when it fits. */
static void
segment_label(ChartCanvas *cv, double x, double w, double y, const char *name, const char *value)
{
	char text[96];
	const double size = CHART_FONT_SMALL_PT;

	snprintf(text, sizeof text, "%s %s", name, value);
	double tw = chart_text_width(cv, size, false, text);
	if (tw + 2 * MEM_LABEL_PAD_PT > w) {
		snprintf(text, sizeof text, "%s", value);
		tw = chart_text_width(cv, size, false, text);
		if (tw + 2 * MEM_LABEL_PAD_PT > w)
			return;
	}
	double cx = x + w / 2, mid = y + MEM_BAR_H_PT / 2;
	chart_set_rgb(cv->cr, CHART_PAPER);
	cairo_rectangle(cv->cr, cx - tw / 2 - 2, mid - size * 0.55 - 1, tw + 4, size * 1.1 + 2);
	cairo_fill(cv->cr);
	chart_text(cv, cx, mid + size * 0.35, CHART_CENTRE, size, false, CHART_INK, text);
}

static void
draw_row(ChartCanvas *cv, const ChartMemory *c, const ChartMemoryRow *row, double y)
{
	cairo_t *cr = cv->cr;
	const double x0 = CHART_MARGIN_PT, bw = CHART_WIDTH_PT - 2 * CHART_MARGIN_PT;
	const int w = (int)bw;                  /* one cell per point */
	signed char cells[(int)CHART_WIDTH_PT];
	char name[48], a[32], b[32], d[32], text[256];
	int budget_cell;
	double total = 0;

	for (int k = 0; k < CHART_SEGS; k++)
		total += row->part[k];
	double scale = fmax(total, c->capacity_bytes);
	if (scale <= 0)
		scale = 1;
	bar_cells(row->part, CHART_SEGS, c->capacity_bytes, c->budget_bytes, w, cells, &budget_cell);

	/* the caption: name and layers left, need / held / capacity right */
	row_name(row, name, sizeof name);
	double cy = y + MEM_CAPTION_H_PT - 2 * CHART_TICK_PT;  /* clear of the budget line's overhang */
	double nw = chart_text(cv, x0, cy, CHART_LEFT, CHART_FONT_LABEL_PT, true, CHART_INK, name);
	int n_stages = row->last_stage - row->first_stage + 1;
	if (n_stages > 1)
		snprintf(text, sizeof text, "layers %d-%d, %d each", row->first_layer,
		    row->first_layer + n_stages * row->n_layers - 1, row->n_layers);
	else
		snprintf(text, sizeof text, "layers %d-%d", row->first_layer, row->first_layer + row->n_layers - 1);
	chart_text(cv, x0 + nw + 2 * CHART_GAP_PT, cy, CHART_LEFT, CHART_FONT_SMALL_PT, false, CHART_GREY, text);
	/* what the engine holds: the whole pool, whatever the workload needs */
	double held = row->part[CHART_SEG_WEIGHTS] + row->kv_pool_bytes + row->part[CHART_SEG_ACT] +
	    row->part[CHART_SEG_RESERVE];
	snprintf(text, sizeof text, "need %s of %s (%.0f%%)%s; %s holds %s", fmt_bytes(row->per_gpu_bytes,
	    a, sizeof a), fmt_bytes(c->capacity_bytes, d, sizeof d), 100 * row->per_gpu_bytes /
	    fmax(c->capacity_bytes, 1), row->per_gpu_bytes > c->capacity_bytes ? ", over capacity" : "",
	    c->runtime, fmt_bytes(held, b, sizeof b));
	chart_text(cv, x0 + bw, cy, CHART_RIGHT, CHART_FONT_SMALL_PT, false, CHART_INK, text);

	/* the segments: runs of equal cells; the budget cell belongs to its
	 * left (the budget is drawn as a line over the bar) */
	double by = y + MEM_CAPTION_H_PT;
	int kv_start = -1;
	for (int at = 0; at < w; at++)
		if (cells[at] == BAR_BUDGET)
			cells[at] = at > 0 ? cells[at - 1] : at + 1 < w ? cells[at + 1] : BAR_FREE;
	for (int at = 0; at < w;) {
		int v = cells[at], end = at + 1;
		while (end < w && cells[end] == v)
			end++;
		double sx = x0 + at * bw / w, sw = (end - at) * bw / w;
		if (v >= 0) {
			chart_fill(cv, &segs[v].style, sx, by, sw, MEM_BAR_H_PT);
			fmt_bytes(row->part[v], a, sizeof a);
			chart_mark(cv, "segment", sx, by, sw, MEM_BAR_H_PT, "%s: %s %s", name, segs[v].name, a);
			if (kv_start < 0 && (v == CHART_SEG_KV_NEED || v == CHART_SEG_KV_SPARE))
				kv_start = at;
			segment_label(cv, sx, sw, by, segs[v].name, a);
		} else if (v == BAR_OVER) {
			chart_fill(cv, &over_style, sx, by, sw, MEM_BAR_H_PT);
			fmt_bytes(total - c->capacity_bytes, a, sizeof a);
			chart_mark(cv, "over", sx, by, sw, MEM_BAR_H_PT, "%s: over capacity by %s", name, a);
			segment_label(cv, sx, sw, by, "over by", a);
		}
		at = end;
	}
	/* the capacity frame and the budget line */
	double cap_x = x0 + bw * fmin(1, c->capacity_bytes / scale);
	cairo_set_line_width(cr, CHART_LINE_FRAME_PT);
	chart_set_rgb(cr, CHART_INK);
	cairo_rectangle(cr, x0, by, cap_x - x0, MEM_BAR_H_PT);
	cairo_stroke(cr);
	chart_mark(cv, "bar", x0, by, bw, MEM_BAR_H_PT, "%s: need %s, %s holds %s of %s", name,
	    fmt_bytes(row->per_gpu_bytes, a, sizeof a), c->runtime, fmt_bytes(held, b, sizeof b),
	    fmt_bytes(c->capacity_bytes, d, sizeof d));
	if (budget_cell >= 0) {
		double bx = x0 + (budget_cell + 0.5) * bw / w;
		static const double dash[] = { CHART_TICK_PT, CHART_TICK_PT * 2 / 3 };  /* on, off */
		cairo_save(cr);
		cairo_set_dash(cr, dash, 2, 0);
		cairo_set_line_width(cr, CHART_LINE_MARK_PT);
		cairo_move_to(cr, bx, by - CHART_TICK_PT);
		cairo_line_to(cr, bx, by + MEM_BAR_H_PT + CHART_TICK_PT);
		cairo_stroke(cr);
		cairo_restore(cr);
	}
	/* the KV pool's bracket: from where the KV cache starts, the pool's length */
	if (row->kv_pool_bytes > 0 && kv_start >= 0) {
		double px = x0 + kv_start * bw / w, pw = row->kv_pool_bytes / scale * bw;
		double ly = by + MEM_BAR_H_PT + 5;
		chart_set_rgb(cr, CHART_INK);
		cairo_set_line_width(cr, CHART_LINE_FRAME_PT);
		cairo_move_to(cr, px, ly - CHART_TICK_PT);
		cairo_line_to(cr, px, ly);
		cairo_line_to(cr, px + pw, ly);
		cairo_line_to(cr, px + pw, ly - CHART_TICK_PT);
		cairo_stroke(cr);
		fmt_bytes(row->kv_pool_bytes, a, sizeof a);
		snprintf(text, sizeof text, "KV pool %s, preallocated by %s", a, c->runtime);
		double tw = chart_text_width(cv, CHART_FONT_SMALL_PT, false, text);
		double tx = px + pw / 2 - tw / 2;
		if (tx + tw > x0 + bw)
			tx = x0 + bw - tw;
		if (tx < x0)
			tx = x0;
		chart_text(cv, tx, ly + CHART_FONT_SMALL_PT + CHART_TICK_PT, CHART_LEFT, CHART_FONT_SMALL_PT, false,
		    CHART_INK, text);
		chart_mark(cv, "pool", px, ly - CHART_TICK_PT, pw, CHART_TICK_PT, "%s: KV pool %s (need %s)", name, a,
		    fmt_bytes(row->part[CHART_SEG_KV_NEED], b, sizeof b));
	} else if (row->kv_pool_bytes <= 0) {
		chart_text(cv, x0, by + MEM_BAR_H_PT + 5 + CHART_FONT_SMALL_PT + CHART_TICK_PT, CHART_LEFT,
		    CHART_FONT_SMALL_PT, false, CHART_VERMILLION, "no KV pool: weights, activations and "
		    "reserve leave no room in the budget");
	}
}

static void
memory_draw(const Chart *base, ChartCanvas *cv)
{
	const ChartMemory *c = (const ChartMemory *)base;
	char text[256];

	chart_page(cv, base);
	double x = CHART_MARGIN_PT, y = CHART_MARGIN_PT + CHART_TITLE_H_PT + CHART_LEGEND_BASELINE_PT;
	for (int k = 0; k < CHART_SEGS; k++)
		x += chart_legend_item(cv, x, y, &segs[k].style, segs[k].name);
	x += chart_legend_item(cv, x, y, &over_style, "over capacity");
	y = CHART_MARGIN_PT + CHART_TITLE_H_PT + CHART_LEGEND_H_PT;
	for (int i = 0; i < c->n_rows; i++)
		draw_row(cv, c, &c->rows[i], y + i * MEM_ROW_PT);
	y += c->n_rows * MEM_ROW_PT + MEM_FOOT_H_PT - 6;
	snprintf(text, sizeof text, "frame: one GPU's memory; dashed line: %s's budget (memory fraction "
	    "%.2f)", c->runtime, c->mem_fraction);
	chart_text(cv, CHART_MARGIN_PT, y, CHART_LEFT, CHART_FONT_SMALL_PT, false, CHART_GREY, text);
}
