/* report-search.h: a search's results as text (the application layer):
 * why a candidate ranks where it does, what rejected a layout, the probes,
 * what stopped everything, and the Pareto front as a plot.  The short
 * labels (search_format_layout, search_format_binding) are in core/search.h.
 *
 * Text, into buf[n] (always terminated); each returns snprintf's length. */
#ifndef SHARDLAB_SCENARIO_REPORT_SEARCH_H
#define SHARDLAB_SCENARIO_REPORT_SEARCH_H

#include <stddef.h>

#include "core/search.h"

/* search_format_why: why c ranks where it does: the rate it sustains and
 * what binds (SLO, KV memory, batch cap), what dominates its step
 * (compute, HBM bandwidth, communication), and for ranks below 1 what it
 * gives up against the winner. */
int search_format_why(const Scenario *base, const SearchOptions *o, const SearchResult *r,
    const SearchCandidate *c, char *buf, size_t n);
/* search_format_rejection: what rejected a layout, with its numbers. */
int search_format_rejection(const Scenario *base, const SearchOptions *o, const SearchRejection *j,
    char *buf, size_t n);
/* search_format_probe: "TP 8 x DP 1 (widest TP in a node): ranks #1" or why not. */
int search_format_probe(const Scenario *base, const SearchOptions *o, const SearchResult *r,
    const SearchProbe *p, char *buf, size_t n);
/* search_format_none: when nothing is feasible, what stopped the nearest layouts. */
int search_format_none(const Scenario *base, const SearchOptions *o, const SearchResult *r, char *buf,
    size_t n);

/* search_format_plot: the Pareto front as a text plot, `width` x `height`
 * cells plus axes: tokens/s per user across, throughput per GPU up; '*'
 * points, '#' those ranked in the top list.  Lines end in '\n'. */
int search_format_plot(const SearchResult *r, int width, int height, char *buf, size_t n);

#endif
