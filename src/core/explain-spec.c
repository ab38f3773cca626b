/* explain-spec.c: the explanations of speculative decoding's and prefix
 * caching's figures (fields.c rows latency.spec.*, latency.prefix.*,
 * memory.draft_bytes, memory.prefix_bytes); see explain-fns.h. */
#include <math.h>

#include "explain-fns.h"
#include "units.h"

static const char *
drafter_text(SpecMethod m)
{
	switch (m) {
	case SPEC_DRAFT: return "a draft model: all its layers and its own head per draft token";
	case SPEC_MTP: return "the model's MTP layer (DeepSeek-V3 report sec. 2.2): eh_proj 2h -> h, "
		"one layer, the shared LM head per draft token";
	case SPEC_EAGLE:
	default: return "an EAGLE head (arXiv 2401.15077): fc 2h -> h, one dense layer, the shared "
		"LM head per draft token";
	}
}

void
explain_spec(ExplainOut *o, const Scenario *s, const Result *r, int stage)
{
	const SpecResult *x = &r->spec;
	char a[32], b[32], c[32], d[32];

	(void)stage;
	if (!x->on) {
		text_out(o, "speculative decoding is off (spec_tokens 0): draft_s = verify_s = %s; step_s = "
		    "tpot_plain_s = tpot_s, one plain decode step = %s", fmt_seconds(0, b, sizeof b),
		    fmt_seconds(r->latency.tpot_s, a, sizeof a));
		return;
	}
	text_out(o, "accepted_tokens = (1 - a^(k+1)) / (1 - a) with a %.2f, k %d = %.3f tokens per step "
	    "(Leviathan et al., arXiv 2211.17192, eq. 1; the bonus token included)\n",
	    x->accept, x->tokens, x->accepted_tokens);
	text_out(o, "drafter: %s\n", drafter_text(x->method));
	double mb_seqs;
	eval_micro_split(s->workload.batch, r->micro_batches, &mb_seqs);
	text_out(o, "step_s = draft %s (k %d passes of %d sequences on the last stage) + verify %s "
	    "(one target pass of %s tokens: batch x (k + 1), each sequence's KV read once, the LM head "
	    "over every position, host included) = %s\n", fmt_seconds(x->draft_s, a, sizeof a),
	    x->tokens, (int)mb_seqs,
	    fmt_seconds(x->verify_s, b, sizeof b), fmt_int(x->verify_tokens, c, sizeof c),
	    fmt_seconds(x->step_s, d, sizeof d));
	text_out(o, "tpot_s = step_s / accepted_tokens = %s, against %s without speculation: "
	    "speed-up %.2fx at batch %d\n", fmt_seconds(x->tpot_s, a, sizeof a),
	    fmt_seconds(x->tpot_plain_s, b, sizeof b), x->speedup, s->workload.batch);
	text_out(o, "verify roofline: a weight GEMM turns compute-bound at %s tokens per pass "
	    "(achievable FLOP/s x bytes per weight / (2 x achievable bytes/s)), i.e. at batch %.0f with "
	    "k + 1 = %d tokens per sequence; at this batch %.0f%% of the verify pass's operator time is "
	    "compute-bound\n", fmt_int(x->ridge_tokens, a, sizeof a), x->ridge_batch, x->tokens + 1,
	    100 * x->verify_compute_share);
	int breakeven = eval_spec_breakeven(s, r);
	if (breakeven > 0)
		text_out(o, "speculation stops paying at batch %d (speed-up below 1 from there: the verify "
		    "pass's k + 1 tokens per sequence cost compute, the drafter's passes grow with the batch)",
		    breakeven);
	else
		text_out(o, "speculation pays at every batch up to %d (what the KV pool holds, at most %d): "
		    "the KV cache each step reads once for all k + 1 tokens outweighs the verify pass's "
		    "extra compute (long contexts: MagicDec, Chen et al., arXiv 2408.11049)", x->batch_limit,
		    SPEC_BATCH_MAX);
}

void
explain_spec_memory(ExplainOut *o, const Scenario *s, const Result *r, int stage)
{
	const SpecResult *x = &r->spec;
	const StageResult *sr = &r->stages[stage];
	char a[32], b[32];

	(void)s;
	if (!x->on) {
		text_out(o, "no drafter: speculative decoding is off (spec_tokens 0): draft_bytes = %s",
		    fmt_bytes(0, a, sizeof a));
		return;
	}
	if (!sr->has_head) {
		text_out(o, "draft_bytes (stage %d) = %s: the drafter lives on the last stage, beside the LM "
		    "head", stage, fmt_bytes(sr->draft_bytes, a, sizeof a));
		return;
	}
	text_out(o, "draft_bytes = %s per GPU, on the last stage beside the LM head (%s); its KV "
	    "per token %s per GPU joins the pool's (one pool for target and drafter layers, "
	    "vllm/v1/spec_decode/eagle.py); EAGLE and MTP heads share the target's embedding and LM "
	    "head, their fc / eh_proj 2h x h stays 16-bit and replicated", fmt_bytes(sr->draft_bytes,
	    a, sizeof a), drafter_text(x->method), fmt_bytes(x->draft_kv_bytes_per_token, b, sizeof b));
}

void
explain_prefix(ExplainOut *o, const Scenario *s, const Result *r, int stage)
{
	const PrefixResult *p = &r->prefix;
	const Workload *w = &s->workload;
	char a[32], b[32];

	(void)stage;
	if (p->cached_tokens <= 0) {
		text_out(o, "no prefix cached (prefix_len %d, prefix_hit %.2f): every prompt token is "
		    "computed; ttft_uncached_s = ttft_s = %s", w->prefix_len, w->prefix_hit,
		    fmt_seconds(p->ttft_uncached_s, a, sizeof a));
		return;
	}
	text_out(o, "prefix_tokens = min(prefix_len %d, input_len %d - 1) in whole blocks of %d = %.0f "
	    "(vLLM caches full blocks and always computes the last prompt token, "
	    "vllm/v1/core/kv_cache_manager.py)\n", w->prefix_len, w->input_len,
	    s->runtime.kv_block_tokens, p->prefix_tokens);
	text_out(o, "cached_tokens = prefix_hit %.2f x %.0f = %.0f; computed_tokens = %d - %.0f = %.0f\n",
	    w->prefix_hit, p->prefix_tokens, p->cached_tokens, w->input_len, p->cached_tokens,
	    p->computed_tokens);
	text_out(o, "ttft_s = prefill of the %.0f computed tokens, their attention reading the %.0f "
	    "cached tokens' KV (query-key pairs s x c + s (s + 1) / 2) = %s, against %s uncached: %.2fx",
	    p->computed_tokens, p->cached_tokens, fmt_seconds(r->latency.ttft_s, a, sizeof a),
	    fmt_seconds(p->ttft_uncached_s, b, sizeof b), p->ttft_speedup);
}

void
explain_prefix_memory(ExplainOut *o, const Scenario *s, const Result *r, int stage)
{
	const StageResult *sr = &r->stages[stage];
	const PrefixResult *p = &r->prefix;
	char a[32], b[32], c[32];

	if (sr->prefix_bytes <= 0) {
		text_out(o, "no shared prefix held (prefix_len %d, prefix_hit %.2f): prefix_bytes = %s",
		    s->workload.prefix_len, s->workload.prefix_hit, fmt_bytes(0, a, sizeof a));
		return;
	}
	text_out(o, "prefix_bytes (stage %d) = %.0f prefix tokens x %s bytes per token = %s, held once "
	    "per replica; each of the %d sequences holds its own %.0f tokens beyond the cached prefix "
	    "(hits) or the whole prompt (misses): kv_cache_bytes %s, and max_concurrent_seqs = (pool - "
	    "prefix) / one sequence's own KV", stage, p->prefix_tokens, fmt_int(sr->kv_bytes_per_token, a,
	    sizeof a), fmt_bytes(sr->prefix_bytes, b, sizeof b), s->workload.batch,
	    s->workload.input_len + s->workload.output_len - p->cached_tokens,
	    fmt_bytes(sr->kv_cache_bytes, c, sizeof c));
}
