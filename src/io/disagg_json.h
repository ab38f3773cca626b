/* disagg_json.h: search --disagg's result (core/disagg.h) in search's JSON. */
#ifndef SHARDLAB_IO_DISAGG_JSON_H
#define SHARDLAB_IO_DISAGG_JSON_H

#include "core/disagg.h"
#include "core/search.h"

/* disagg_json_add: search_text (search_json's document) with a "disagg"
 * object added: the best deployment's pools (instances, TP, PP, EP, DP per
 * instance), GPUs, rate within the SLOs, tokens/s per GPU, TTFT and TPOT
 * p99 at the operating point, the KV transfer, which pool limits, the best
 * aggregated layout's tokens/s per GPU and which wins by how much.
 * Returns the new text (allocated; search_text is not freed), or NULL when
 * search_text is not JSON. */
char *disagg_json_add(const char *search_text, const SearchResult *agg, const DisaggSearchResult *d,
    int pretty);

#endif
