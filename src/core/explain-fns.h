/* explain-fns.h: the explanation of each figure, for the field table
 * (fields.c) only; explain.c writes them.  Each appends to o for stage
 * `stage` (a valid index) of a valid result.  It includes nothing of
 * explain.h or fields.h, so the table and the explainer form no cycle:
 * explain.c -> fields.h -> explain-fns.h. */
#ifndef SHARDLAB_CORE_EXPLAIN_FNS_H
#define SHARDLAB_CORE_EXPLAIN_FNS_H

#include <stdbool.h>
#include <stddef.h>

#include "eval.h"
#include "textout.h"

/* Explanation text goes through the core's one bounded appender. */
typedef TextOut ExplainOut;

/* An explanation of one figure (a row of the field table, fields.h) for
 * stage `stage` (a valid index), appended to o. */
typedef void ExplainFn(ExplainOut *o, const Scenario *s, const Result *r, int stage);

ExplainFn explain_params_total, explain_params_active, explain_flops_per_token;
ExplainFn explain_weights_bytes, explain_kv_bytes_per_token, explain_kv_cache, explain_kv_pool;
ExplainFn explain_kv_shortfall, explain_activation, explain_reserved, explain_per_gpu;
ExplainFn explain_max_kv_tokens, explain_max_seqs;
ExplainFn explain_ttft, explain_tpot, explain_batch_prefill, explain_e2e;
ExplainFn explain_tokens_per_s, explain_tokens_per_gpu, explain_requests, explain_mfu;
/* explain-spec.c */
ExplainFn explain_spec, explain_spec_memory, explain_prefix, explain_prefix_memory;
/* explain-ep.c */
ExplainFn explain_ep;
/* explain_ep_mode_text: a resolved EP mode in words (wide: the group spans
 * NVLink domains). */
const char *explain_ep_mode_text(EpMode m, bool wide);

#endif
