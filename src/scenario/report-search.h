/* report-search.h: a search's results as a report (the application layer):
 * the Pareto front as a plot.  The labels and the reasons (search_format_*
 * but the plot) are messages, in core/search.h, as check messages are.
 *
 * Text, into buf[n] (always terminated); returns snprintf's length. */
#ifndef SHARDLAB_SCENARIO_REPORT_SEARCH_H
#define SHARDLAB_SCENARIO_REPORT_SEARCH_H

#include <stddef.h>
#include <stdio.h>

#include "core/search.h"

/* search_format_plot: the Pareto front as a text plot, `width` x `height`
 * cells plus axes: tokens/s per user across, throughput per GPU up; '*'
 * points, '#' those ranked in the top list.  Lines end in '\n'. */
int search_format_plot(const SearchResult *r, int width, int height, char *buf, size_t n);

/* report_search_markdown_table: the ranking's first max_rows rows (all
 * when max_rows <= 0) as a Markdown table (rank, layout, GPUs, tok/s/GPU,
 * tok/s/user, max req/s, TTFT and TPOT p99 at the target rate, binding):
 * `search --format markdown` and `:export` print the same table. */
void report_search_markdown_table(FILE *f, const SearchResult *r, int max_rows);

/* search_plot_cell: where candidate c sits in that plot: column *x of
 * width, row *y of height counted from the bottom.  The axes start near
 * the data (a tenth of its span below the lowest point, not below 0). */
void search_plot_cell(const SearchResult *r, const SearchCandidate *c, int width, int height,
    int *x, int *y);

#endif
