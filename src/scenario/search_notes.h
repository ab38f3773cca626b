/* search_notes.h: what a strategy search (core/search.h) says besides its
 * ranking when nothing is feasible, and the sizes `shardlab search` uses:
 * shared by the CLI's search and Lua's shardlab.search, whose trees must
 * be equal (tests/lua/search_audit.sh compares them).
 */
#ifndef SHARDLAB_SCENARIO_SEARCH_NOTES_H
#define SHARDLAB_SCENARIO_SEARCH_NOTES_H

#include "core/search.h"

#define SEARCH_DEFAULT_TOP 10           /* rows in the ranking */
#define SEARCH_MAX_TOP 1000
#define SEARCH_PARETO_CAP 256           /* points of the Pareto front kept */
#define SEARCH_MAX_NOTES 8

/* search_notes: when nothing is feasible, the smallest change that fits in
 * memory (more GPUs of the type, or int4 weights), and what meets the SLOs
 * as well, as lines (allocated) into notes[cap].  w is scratch.  Returns
 * the number of lines. */
int search_notes(const Scenario *s, const SearchOptions *so, SearchWork *w, char **notes, int cap);

/* search_count_text: "6 x t4 (8 in whole 4-GPU nodes)" into buf[n]: `used`
 * GPUs of s's type, and `rounded` up to whole nodes when larger. */
const char *search_count_text(int used, int rounded, const Scenario *s, char *buf, size_t n);

#endif
