/* search-label.c: a candidate's short labels ("TP 8 x PP 1 x DP 1, fp8,
 * batch 256, spec k 2", "TPOT SLO; HBM bandwidth-bound"), used by the JSON output,
 * the audit and every report; see search.h. */
#include "search.h"
#include "textout.h"

#include <stdio.h>

/* A bounded appender. */
static int
layout_text(TextOut *o, int tp, int pp, int dp, int ep, int etp, Dtype wd, Dtype kd, int batch, int micro,
    bool moe)
{
	text_out(o, "TP %d x PP %d x DP %d", tp, pp, dp);
	/* attention DP: the experts' group spans DP ranks (EP x expert TP > TP;
	 * SGLang --enable-dp-attention, vLLM DP + EP, TensorRT-LLM ADP) */
	if (moe && ep > 1)
		text_out(o, ", EP %d%s%s", ep, etp > 1 ? " (expert TP)" : "",
		    dp > 1 && ep * (etp > 0 ? etp : 1) > tp ? " over attention DP" : "");
	text_out(o, ", %s", dtype_name(wd));
	if (kd != wd)
		text_out(o, " + %s KV", dtype_name(kd));
	if (batch > 0)
		text_out(o, ", batch %d", batch);
	if (micro > 0 && pp > 1 && micro != pp)
		text_out(o, ", %d micro-batches", micro);
	return (int)o->len;
}

int
search_format_strategy(int tp, int pp, int dp, int ep, int etp, Dtype wd, Dtype kd, int batch, int micro,
    bool moe, char *buf, size_t n)
{
	TextOut o = { .buf = buf, .n = n };
	if (n)
		buf[0] = '\0';
	return layout_text(&o, tp, pp, dp, ep, etp, wd, kd, batch, micro, moe);
}

int
search_format_layout(const SearchCandidate *c, char *buf, size_t n)
{
	TextOut o = { .buf = buf, .n = n };
	if (n)
		buf[0] = '\0';
	layout_text(&o, c->tp, c->pp, c->dp, c->ep, c->etp, c->weight_dtype, c->kv_dtype, c->batch,
	    c->micro_batches, c->ep > 1);
	/* the speculative k the search chose, when it tried speculation */
	if (c->spec_max > 0)
		text_out(&o, ", spec k %d", c->spec_tokens);
	return (int)o.len;
}

int
search_format_binding(const SearchCandidate *c, char *buf, size_t n)
{
	const char *lim = c->limit == SERVING_LIMIT_BATCH && c->batch_limit == SERVING_LIMIT_TPOT ?
	    "TPOT SLO (batch)" : serving_limit_name(c->limit);
	return snprintf(buf, n, "%s; %s-bound", lim, serving_bound_name(c->bound));
}
