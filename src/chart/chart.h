/* chart.h: the charts a report carries, as SVG files drawn with cairo
 * (cairo_svg_surface_create_for_stream): per-stage memory bars, the A/B
 * comparison of a pinned scenario with the current one, and the Pareto
 * front of a search.  `:export` writes them beside its Markdown, `shardlab
 * eval --chart` and `shardlab search --chart` from the CLI.
 *
 * One module, one drawing routine per kind, over plain data structs: a
 * chart is a const class (name, size, draw; htop's MeterClass) and its data
 * with the base struct first, filled by a builder from the field table
 * (core/fields.h) and, for the memory bars, the bar cells of
 * scenario/bar.h, the routine behind every memory bar.
 *
 * The SVG is checkable as well as readable: cairo draws text as glyph
 * outlines, so every chart also carries a <title> and <desc>, and one
 * transparent shape per data mark and per text label, each with a <title>
 * naming it ("stage 0: weights 35.3 GB", "TP 8 x PP 1 x DP 1, bf16, batch
 * 256"); browsers show them as tooltips, tests count them:
 *     <g id="shardlab-marks"> <rect class="bar|segment|point|label" ...>
 *     <title>text</title></rect> ... </g>
 * Colours are the Okabe-Ito palette (colour-blind safe); every segment
 * also has its own hatching and every point its own shape, so a chart
 * reads in monochrome. */
#ifndef SHARDLAB_CHART_CHART_H
#define SHARDLAB_CHART_CHART_H

#include <stdbool.h>
#include <stddef.h>

#include "core/eval.h"
#include "core/fields.h"
#include "core/search.h"
#include "scenario/search_notes.h"      /* SEARCH_PARETO_CAP */

typedef struct Chart Chart;
typedef struct ChartCanvas ChartCanvas;   /* chart-internal.h: cairo and the marks */

/* A chart kind: its routines over its data (the struct that starts with
 * Chart). */
typedef struct ChartClass {
	const char *name;               /* "memory", "compare", "pareto" */
	/* size: the page in points (1/72 in) for c's data */
	void (*size)(const Chart *c, double *w_pt, double *h_pt);
	/* draw: the whole chart onto cv (white page, title, data, legend) */
	void (*draw)(const Chart *c, ChartCanvas *cv);
} ChartClass;

#define CHART_TITLE_MAX 192
#define CHART_DESC_MAX 512

struct Chart {
	const ChartClass *klass;
	char title[CHART_TITLE_MAX];    /* drawn at the top and the SVG's <title> */
	char desc[CHART_DESC_MAX];      /* a sentence under it and the SVG's <desc> */
};

/* ---- memory per GPU, one bar per stage ------------------------------------ */

/* The segments of a memory bar, left to right.  KV_SPARE is the part of
 * the runtime's preallocated pool the workload does not need (pool - need
 * when positive): weights + KV need + spare + activations + reserve is what
 * the engine holds (nvidia-smi's figure); a bracket under the bar spans the
 * whole pool, so a need beyond the pool shows past its end. */
typedef enum {
	CHART_SEG_WEIGHTS, CHART_SEG_KV_NEED, CHART_SEG_KV_SPARE, CHART_SEG_ACT, CHART_SEG_RESERVE,
	CHART_SEGS
} ChartSegment;

/* One bar: a stage, or a run of consecutive stages with the same figures
 * (a deep pipeline's middle stages), so PP 64 stays legible. */
typedef struct ChartMemoryRow {
	int first_stage, last_stage;
	int first_layer, n_layers;      /* of the first stage */
	double part[CHART_SEGS];        /* bytes per GPU */
	double kv_pool_bytes;
	double per_gpu_bytes;           /* the workload's need: weights + KV need + act + reserve */
} ChartMemoryRow;

typedef struct ChartMemory {
	Chart base;
	double capacity_bytes;          /* one GPU */
	double budget_bytes;            /* the runtime's budget line (0: none) */
	char runtime[48];               /* "vllm" (Runtime.name) */
	double mem_fraction;
	int n_rows;
	ChartMemoryRow rows[MAX_STAGES];
} ChartMemory;

/* chart_memory_init: the memory chart of s evaluated into r: each stage's
 * segments from the field table's per-stage memory rows.  Returns 0, or -1
 * when r is not a valid result (no memory figures to draw). */
int chart_memory_init(ChartMemory *c, const Scenario *s, const Result *r);

/* ---- A against B ------------------------------------------------------------- */

#define CHART_COMPARE_MAX 24

typedef struct ChartCompareRow {
	char label[48];                 /* the field's title: "KV per GPU" */
	double a, b;                    /* values (finite, >= 0) */
	char a_text[40], b_text[40];    /* as the screens print them */
	char change[48];                /* "+100%", "" when unchanged */
	int better;                     /* +1 B better, -1 B worse, 0 neither */
} ChartCompareRow;

typedef struct ChartCompare {
	Chart base;
	char a_label[64], b_label[64];  /* "A (pinned): TP 8 PP 1 DP 1" */
	int n_rows;
	ChartCompareRow rows[CHART_COMPARE_MAX];
} ChartCompare;

/* chart_compare_init: an empty comparison titled with A's and B's labels. */
void chart_compare_init(ChartCompare *c, const char *title, const char *a_label, const char *b_label);

/* The caller's words for one compared figure, as its screen prints them;
 * every member may be NULL (the field table's title and formatting, no
 * change). */
typedef struct ChartCompareText {
	const char *label;              /* "KV per GPU" */
	const char *a, *b;              /* the values: "40,960 B" */
	const char *change;             /* "+100%" */
	int better;                     /* +1 B better, -1 worse */
} ChartCompareText;

/* chart_compare_add: one row: the figure `path` of the field table (its
 * title and formatting; may be NULL when t gives the label and texts)
 * valued a for A and b for B (delta_value's, the compare screen's), with
 * the texts of t (may be NULL).  Skips a value that is not finite, an
 * unknown figure without a label, and rows past CHART_COMPARE_MAX;
 * returns 1 when added, else 0. */
int chart_compare_add(ChartCompare *c, const char *path, double a, double b,
    const ChartCompareText *t);

/* ---- the Pareto front of a search ------------------------------------------ */

#define CHART_PARETO_RANKED_MAX 64      /* ranked points drawn beside the front */
#define CHART_PARETO_MAX (SEARCH_PARETO_CAP + CHART_PARETO_RANKED_MAX)

typedef struct ChartPoint {
	double x, y;                    /* tokens/s per user, tokens/s per GPU */
	char label[48];                 /* "TP8 PP1 DP1 b256" on the chart */
	char layout[160];               /* search_format_layout, in its <title> */
	bool front;                     /* on the Pareto front */
	int rank;                       /* 1-based place in the ranking, 0 none */
} ChartPoint;

typedef struct ChartPareto {
	Chart base;
	int n_points;
	ChartPoint points[CHART_PARETO_MAX];
} ChartPareto;

/* chart_pareto_init: the front of r (r->pareto) and the ranked candidates
 * not on it (r->top, at most CHART_PARETO_RANKED_MAX), for base's model and
 * cluster.  Returns 0, or -1 when the front is empty (nothing feasible). */
int chart_pareto_init(ChartPareto *c, const Scenario *base, const SearchResult *r);

/* ---- output ------------------------------------------------------------------ */

/* chart_svg: c drawn as an SVG document into *svg (allocated, NUL
 * terminated; caller frees), its length in *len.  Returns 0, or -1 with
 * *cause when cairo fails. */
int chart_svg(const Chart *c, char **svg, size_t *len, char **cause);

/* chart_write: c as SVG to path, atomically (write_file_atomic: a
 * temporary file renamed into place; an existing file is kept on error).
 * Returns 0, or -1 with *cause ("PATH: Permission denied"). */
int chart_write(const Chart *c, const char *path, char **cause);

/* chart_path_beside: the chart file of kind `kind` beside the report at
 * md_path: "out/report.md" -> "out/report-memory.svg" (allocated). */
char *chart_path_beside(const char *md_path, const char *kind);

#endif
