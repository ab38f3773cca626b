/* bar.h: a memory bar as cells, the one routine behind every bar: the
 * TUI's (ui/w-bar.c, cells in colour roles) and the text reports'
 * (bar_text in src/cli/report.c, cells as letters).  As htop's
 * BarMeterMode_draw: one segment per component sized ceil(v/scale*w) and
 * clamped to the width; the scale is the larger of capacity and the total,
 * so an overflow shows as cells past the capacity mark, never clamped
 * silently; the runtime's budget line marked. */
#ifndef SHARDLAB_SCENARIO_BAR_H
#define SHARDLAB_SCENARIO_BAR_H

/* Cell values besides a component's index (0 .. n-1). */
enum { BAR_FREE = -1, BAR_OVER = -2, BAR_BUDGET = -3 };

/* bar_cells: w cells into cells[w]: parts[n] (bytes; <= 0 takes no cell)
 * against capacity (bytes); budget (bytes; 0 or >= capacity: none) marks
 * its cell BAR_BUDGET.  *budget_cell (may be NULL) gets that cell or -1.
 * Returns the number of cells beyond capacity (BAR_OVER). */
int bar_cells(const double *parts, int n, double capacity, double budget, int w,
    signed char *cells, int *budget_cell);

#endif
