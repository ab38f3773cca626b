/* chart-compare.c: A (pinned) against B (now), figure by figure: two bars
 * per figure scaled to the larger of the two, the values at their ends and
 * the change in words; see chart.h. */
#include "chart-internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define CMP_LABEL_W_PT 170.0            /* the figures' names */
#define CMP_CHANGE_W_PT 130.0           /* the change column */
#define CMP_VALUE_W_PT 84.0             /* room for a value after its bar */
#define CMP_BAR_H_PT 11.0
#define CMP_ROW_PT 31.0                 /* two bars and the gap under them */

static const ChartStyle a_style = { CHART_SKY, CHART_HATCH_DIAG, CHART_INK };
static const ChartStyle b_style = { CHART_BLUE, CHART_HATCH_NONE, CHART_INK };

static void compare_size(const Chart *c, double *w, double *h);
static void compare_draw(const Chart *c, ChartCanvas *cv);

static const ChartClass compare_class = { "compare", compare_size, compare_draw };

void
chart_compare_init(ChartCompare *c, const char *title, const char *a_label, const char *b_label)
{
	memset(c, 0, sizeof *c);
	c->base.klass = &compare_class;
	snprintf(c->base.title, sizeof c->base.title, "%s", title);
	snprintf(c->a_label, sizeof c->a_label, "%s", a_label);
	snprintf(c->b_label, sizeof c->b_label, "%s", b_label);
	snprintf(c->base.desc, sizeof c->base.desc, "%s against %s; each pair of bars scaled to the "
	    "larger of the two", b_label, a_label);
}

int
chart_compare_add(ChartCompare *c, const char *path, double a, double b, const ChartCompareText *t)
{
	static const ChartCompareText none;
	const ResultField *f = path ? field_find(path) : NULL;

	if (!t)
		t = &none;
	if (c->n_rows >= CHART_COMPARE_MAX || !isfinite(a) || !isfinite(b) || (!f && !t->label) ||
	    (!f && (!t->a || !t->b)))
		return 0;
	ChartCompareRow *row = &c->rows[c->n_rows++];
	FieldValue va = { .kind = FIELD_NUM, .num = a }, vb = { .kind = FIELD_NUM, .num = b };
	snprintf(row->label, sizeof row->label, "%s", t->label ? t->label : field_title(f));
	row->a = fmax(a, 0);
	row->b = fmax(b, 0);
	if (t->a)
		snprintf(row->a_text, sizeof row->a_text, "%s", t->a);
	else
		field_format(f, &va, row->a_text, sizeof row->a_text);
	if (t->b)
		snprintf(row->b_text, sizeof row->b_text, "%s", t->b);
	else
		field_format(f, &vb, row->b_text, sizeof row->b_text);
	snprintf(row->change, sizeof row->change, "%s", t->change ? t->change : "");
	row->better = t->change && *t->change ? t->better : 0;
	return 1;
}

static void
compare_size(const Chart *base, double *w, double *h)
{
	const ChartCompare *c = (const ChartCompare *)base;

	*w = CHART_WIDTH_PT;
	*h = CHART_MARGIN_PT + CHART_TITLE_H_PT + CHART_LEGEND_H_PT + c->n_rows * CMP_ROW_PT +
	    CHART_MARGIN_PT;
}

static void
compare_draw(const Chart *base, ChartCanvas *cv)
{
	const ChartCompare *c = (const ChartCompare *)base;
	const double x_label = CHART_MARGIN_PT, x_bar = x_label + CMP_LABEL_W_PT;
	const double x_change = CHART_WIDTH_PT - CHART_MARGIN_PT - CMP_CHANGE_W_PT;
	const double bar_w = x_change - x_bar - CMP_VALUE_W_PT;
	char text[96];

	chart_page(cv, base);
	double x = CHART_MARGIN_PT, y = CHART_MARGIN_PT + CHART_TITLE_H_PT + CHART_LEGEND_BASELINE_PT;
	x += chart_legend_item(cv, x, y, &a_style, c->a_label);
	chart_legend_item(cv, x, y, &b_style, c->b_label);
	chart_text(cv, x_change, y, CHART_LEFT, CHART_FONT_LABEL_PT, true, CHART_INK, "B against A");
	y = CHART_MARGIN_PT + CHART_TITLE_H_PT + CHART_LEGEND_H_PT;
	for (int i = 0; i < c->n_rows; i++, y += CMP_ROW_PT) {
		const ChartCompareRow *r = &c->rows[i];
		double top = fmax(r->a, r->b);
		double wa = top > 0 ? r->a / top * bar_w : 0, wb = top > 0 ? r->b / top * bar_w : 0;
		if (i % 2 == 0) {
			chart_set_rgb(cv->cr, CHART_ZEBRA);
			cairo_rectangle(cv->cr, CHART_MARGIN_PT - 4, y - 3, CHART_WIDTH_PT - 2 * CHART_MARGIN_PT + 8,
			    CMP_ROW_PT);
			cairo_fill(cv->cr);
		}
		chart_text(cv, x_label, y + CMP_BAR_H_PT + 4, CHART_LEFT, CHART_FONT_LABEL_PT, false,
		    CHART_INK, r->label);
		chart_fill(cv, &a_style, x_bar, y, wa, CMP_BAR_H_PT);
		chart_mark(cv, "bar", x_bar, y, wa, CMP_BAR_H_PT, "%s: A %s", r->label, r->a_text);
		chart_text(cv, x_bar + wa + CHART_GAP_PT, y + CMP_BAR_H_PT - 2, CHART_LEFT, CHART_FONT_SMALL_PT, false,
		    CHART_INK, r->a_text);
		double yb = y + CMP_BAR_H_PT + 2;
		chart_fill(cv, &b_style, x_bar, yb, wb, CMP_BAR_H_PT);
		chart_mark(cv, "bar", x_bar, yb, wb, CMP_BAR_H_PT, "%s: B %s", r->label, r->b_text);
		chart_text(cv, x_bar + wb + CHART_GAP_PT, yb + CMP_BAR_H_PT - 2, CHART_LEFT, CHART_FONT_SMALL_PT, false,
		    CHART_INK, r->b_text);
		if (*r->change) {
			snprintf(text, sizeof text, "%s %s", r->change, r->better > 0 ? "better" :
			    r->better < 0 ? "worse" : "");
			chart_text(cv, x_change, y + CMP_BAR_H_PT + 4, CHART_LEFT, CHART_FONT_LABEL_PT,
			    r->better != 0, r->better > 0 ? CHART_GREEN : r->better < 0 ? CHART_VERMILLION :
			    CHART_INK, text);
		} else {
			chart_text(cv, x_change, y + CMP_BAR_H_PT + 4, CHART_LEFT, CHART_FONT_LABEL_PT, false,
			    CHART_GREY, "same");
		}
	}
}
