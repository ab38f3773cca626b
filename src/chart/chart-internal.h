/* chart-internal.h: what the chart kinds share: the canvas (cairo and the
 * marks recorded for the SVG's checkable layer), the named sizes, fonts
 * and colours, and the drawing helpers. */
#ifndef SHARDLAB_CHART_CHART_INTERNAL_H
#define SHARDLAB_CHART_CHART_INTERNAL_H

#include <cairo.h>

#include "chart.h"

/* ---- sizes (points), fonts -------------------------------------------------- */
#define CHART_WIDTH_PT 760.0            /* every chart's page width */
#define CHART_MARGIN_PT 24.0
#define CHART_TITLE_H_PT 44.0           /* title and its sentence */
#define CHART_LEGEND_H_PT 30.0
#define CHART_FONT_FAMILY "sans-serif"  /* fontconfig's default sans (DejaVu Sans on Debian) */
#define CHART_FONT_TITLE_PT 15.0
#define CHART_FONT_LABEL_PT 10.0
#define CHART_FONT_SMALL_PT 8.5
#define CHART_HATCH_STEP_PT 5.0         /* distance between hatch lines */
#define CHART_LINE_PT 0.8               /* outlines, hatching, grid */
#define CHART_LINE_FRAME_PT 1.2         /* a capacity frame, a hollow point */
#define CHART_LINE_MARK_PT 1.5          /* the budget line */
#define CHART_LINE_FRONT_PT 2.0         /* the Pareto front */
#define CHART_DOT_R_PT 0.8              /* a dot of the dotted fill */
#define CHART_GAP_PT 4.0                /* between a mark and its text */
#define CHART_TICK_PT 3.0               /* a bracket's ends, a line's overhang */
#define CHART_DESC_GAP_PT 16.0          /* title baseline to the sentence under it */
#define CHART_LEGEND_BASELINE_PT 12.0   /* below the title block */
#define CHART_SWATCH_W_PT 18.0          /* a legend's sample of a fill */
#define CHART_SWATCH_H_PT 10.0
#define CHART_LEGEND_GAP_PT 14.0        /* between legend items */
#define CHART_ASCENT 0.75               /* of the font size: a label's box above its baseline */

/* ---- colours: Okabe & Ito, "Color Universal Design" (2008), the
 * palette for colour-blind readers; plus greys ------------------------------ */
typedef struct ChartRgb { double r, g, b; } ChartRgb;
#define CHART_BLUE ((ChartRgb){ 0x00 / 255.0, 0x72 / 255.0, 0xb2 / 255.0 })
#define CHART_ORANGE ((ChartRgb){ 0xe6 / 255.0, 0x9f / 255.0, 0x00 / 255.0 })
#define CHART_SKY ((ChartRgb){ 0x56 / 255.0, 0xb4 / 255.0, 0xe9 / 255.0 })
#define CHART_GREEN ((ChartRgb){ 0x00 / 255.0, 0x9e / 255.0, 0x73 / 255.0 })
#define CHART_YELLOW ((ChartRgb){ 0xf0 / 255.0, 0xe4 / 255.0, 0x42 / 255.0 })
#define CHART_VERMILLION ((ChartRgb){ 0xd5 / 255.0, 0x5e / 255.0, 0x00 / 255.0 })
#define CHART_PURPLE ((ChartRgb){ 0xcc / 255.0, 0x79 / 255.0, 0xa7 / 255.0 })
#define CHART_INK ((ChartRgb){ 0.10, 0.10, 0.10 })
#define CHART_GREY ((ChartRgb){ 0.55, 0.55, 0.55 })
#define CHART_LIGHT ((ChartRgb){ 0.88, 0.88, 0.88 })
#define CHART_PAPER ((ChartRgb){ 1, 1, 1 })
#define CHART_ZEBRA ((ChartRgb){ 0.96, 0.96, 0.96 })      /* every other table row */

/* Fills that read without colour: each has its own hatching. */
typedef enum {
	CHART_HATCH_NONE, CHART_HATCH_DIAG, CHART_HATCH_BACKDIAG, CHART_HATCH_CROSS,
	CHART_HATCH_HORIZ, CHART_HATCH_VERT, CHART_HATCH_DOTS
} ChartHatch;

typedef struct ChartStyle {
	ChartRgb fill;
	ChartHatch hatch;
	ChartRgb ink;                   /* hatch lines and outline */
} ChartStyle;

typedef enum { CHART_LEFT, CHART_CENTRE, CHART_RIGHT } ChartAlign;

/* One mark of the checkable layer. */
typedef struct ChartMark {
	const char *cls;                /* "bar", "segment", "point", "label", ... (static) */
	double x, y, w, h;
	char *title;
} ChartMark;

struct ChartCanvas {
	cairo_t *cr;
	double w, h;
	ChartMark *marks;
	int n_marks, cap;
};

/* chart_mark: record a mark (title printf-style). */
void chart_mark(ChartCanvas *cv, const char *cls, double x, double y, double w, double h,
    const char *fmt, ...) __attribute__((format(printf, 7, 8)));

/* chart_text: draw text with its baseline at y, aligned at x, and record
 * it as a "label" mark; returns its width. */
double chart_text(ChartCanvas *cv, double x, double y, ChartAlign align, double size_pt, bool bold,
    ChartRgb ink, const char *text);

/* chart_text_width: text's advance at size_pt. */
double chart_text_width(ChartCanvas *cv, double size_pt, bool bold, const char *text);

/* chart_fill: a rectangle in style st (fill, hatching, outline). */
void chart_fill(ChartCanvas *cv, const ChartStyle *st, double x, double y, double w, double h);

/* chart_page: the white page, the title and the sentence under it. */
void chart_page(ChartCanvas *cv, const Chart *c);

/* chart_legend_item: a swatch and its name at (x, y: the baseline);
 * returns the width used. */
double chart_legend_item(ChartCanvas *cv, double x, double y, const ChartStyle *st, const char *name);

/* chart_set_rgb: the source colour. */
void chart_set_rgb(cairo_t *cr, ChartRgb c);

/* Ticks for an axis over [lo, hi]: a "nice" step (1, 2, 5 x 10^k) giving
 * about `want` ticks; *first the first tick >= lo. */
double chart_nice_step(double lo, double hi, int want, double *first);

#endif
