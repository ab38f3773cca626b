/* w-bar.h: a memory bar (htop BarMeterMode_draw): one segment per
 * component sized ceil(v/total*w) and clamped, each in its colour role and
 * (in monochrome) its own glyph; the runtime's budget line marked; cells
 * beyond capacity drawn as over, never clamped silently; a figure
 * right-aligned inside. */
#ifndef SHARDLAB_UI_W_BAR_H
#define SHARDLAB_UI_W_BAR_H

#include "grid.h"

/* weights, the workload's KV cache, the rest of the KV pool the runtime
 * preallocates (what nvidia-smi shows in use), activations, reserve */
#define BAR_PARTS 5

/* bar_draw: w cells at (y, x).  parts[n] in bytes against capacity; the
 * scale is the larger of capacity and the total so an overflow shows as
 * cells past the capacity mark.  budget (0: none) is the memory-fraction
 * line.  text (may be NULL) is written right-aligned inside.  Returns the
 * number of cells beyond capacity. */
int bar_draw(Grid *g, const Theme *t, int y, int x, int w, const double *parts, int n,
    double capacity, double budget, const char *text);

/* bar_legend: "W weights  K KV ... | BUDGET  ! over" with each glyph in
 * its role, at (y, x) within maxw (budget: "vllm 0.92"); returns the
 * columns used. */
int bar_legend(Grid *g, const Theme *t, int y, int x, int maxw, const char *budget);

#endif
