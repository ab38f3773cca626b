/* search-reasons.c: the search's reasons in words, with their numbers: why a
 * candidate ranks where it does, what rejected a layout, the probes and
 * "nothing fits".  They are messages, as a check's are (search --json
 * carries them), so they live in the core beside the search; the reports
 * around them are in scenario/report-search.c.  See search.h. */
#include "search.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "textout.h"
#include "units.h"

static const char *
rate_text(double rps, char *buf, size_t n)
{
	return fmt_rate(rps, "req/s", buf, n);
}

/* The binding constraint: memory, compute, HBM bandwidth,
 * communication or SLO. */
static const char *
binding_kind(const SearchCandidate *c)
{
	switch (c->limit) {
	case SERVING_LIMIT_TTFT: case SERVING_LIMIT_TPOT: return "SLO";
	case SERVING_LIMIT_KV: return "memory";
	case SERVING_LIMIT_PREFILL: return "compute";
	case SERVING_LIMIT_BATCH:
		if (c->batch_limit == SERVING_LIMIT_TPOT)
			return "SLO";
		if (c->batch_limit == SERVING_LIMIT_KV)
			return "memory";
		break;
	default: break;
	}
	return serving_bound_name(c->bound);
}

/* How far throughput per GPU x falls behind #1's w, after sep: "6% less
 * throughput per GPU than #1", or as much as #1's when it rounds to 0%
 * (a tie, which the ranking breaks on the layout). */
static void
behind_first(TextOut *o, const char *sep, double x, double w)
{
	double pct = 100 * (1 - x / w);
	if (pct < 0.5)
		text_out(o, "%sas much throughput per GPU as #1 (within 0.5%%)", sep);
	else
		text_out(o, "%s%.0f%% less throughput per GPU than #1", sep, pct);
}

int
search_format_why(const Scenario *base, const SearchOptions *so, const SearchResult *r,
    const SearchCandidate *c, char *buf, size_t n)
{
	TextOut o = { .buf = buf, .n = n };
	char a[48], b[48], d[48], e[48];
	const Slo *slo = &base->workload.slo;

	if (n)
		buf[0] = '\0';
	(void)so;
	bool any_slo = slo->ttft_p50_s > 0 || slo->ttft_p99_s > 0 || slo->tpot_p50_s > 0 ||
	    slo->tpot_p99_s > 0;
	text_out(&o, "sustains %s per replica%s", rate_text(c->rate_max_rps, a, sizeof a),
	    any_slo ? " within the SLOs" : " (no latency SLO: its capacity)");
	switch (c->limit) {
	case SERVING_LIMIT_TTFT: case SERVING_LIMIT_TPOT: {
		/* the percentile nearest its SLO is the one that binds */
		bool ttft = c->limit == SERVING_LIMIT_TTFT;
		double v50 = ttft ? c->at_max.ttft_p50_s : c->at_max.tpot_p50_s;
		double v99 = ttft ? c->at_max.ttft_p99_s : c->at_max.tpot_p99_s;
		double s50 = ttft ? slo->ttft_p50_s : slo->tpot_p50_s;
		double s99 = ttft ? slo->ttft_p99_s : slo->tpot_p99_s;
		bool p50 = s50 > 0 && (s99 <= 0 || v50 / s50 > v99 / s99);
		text_out(&o, "; the %s p%d SLO binds (%s of %s", ttft ? "TTFT" : "TPOT", p50 ? 50 : 99,
		    fmt_seconds(p50 ? v50 : v99, b, sizeof b), fmt_seconds(p50 ? s50 : s99, d, sizeof d));
		if (ttft)
			text_out(&o, " at %.0f%% of the %s the replica can hold)", 100 * c->at_max.load,
			    rate_text(c->capacity_rps, e, sizeof e));
		else
			text_out(&o, ", %.0f running of at most %d)", c->at_max.batch_mean, c->batch);
		break;
	}
	case SERVING_LIMIT_KV:
		text_out(&o, "; memory binds: the KV cache holds %d sequences of %d tokens",
		    c->batch, base->workload.input_len + base->workload.output_len);
		break;
	case SERVING_LIMIT_BATCH:
		if (c->batch_limit == SERVING_LIMIT_TPOT)
			text_out(&o, "; the batch cap of %d binds: twice that breaks the TPOT SLO", c->batch);
		else if (c->batch_limit == SERVING_LIMIT_KV)
			text_out(&o, "; memory binds: the KV cache holds %d sequences", c->batch);
		else
			text_out(&o, "; the batch cap of %d binds (larger caps did worse)", c->batch);
		break;
	case SERVING_LIMIT_PREFILL:
		text_out(&o, "; prefill binds (the %d-token step budget or prefill compute)",
		    base->workload.max_batched_tokens > 0 ? base->workload.max_batched_tokens :
		    base->runtime.max_num_batched_tokens);
		break;
	default:
		break;
	}
	text_out(&o, "; the decode step is %s-bound (%.0f%% of %s at batch %d); weights %s of %s per GPU",
	    serving_bound_name(c->bound), 100 * c->bound_share, fmt_seconds(c->tpot_s, b, sizeof b),
	    c->batch, fmt_bytes(c->weights_bytes, d, sizeof d), fmt_bytes(c->budget_bytes, e, sizeof e));
	if (c->spec_max > 0) {
		/* the speculative k it runs, and where speculation stops paying */
		if (c->spec_tokens > 0)
			text_out(&o, "; speculation k %d (of 0..%d): speed-up %.2fx over plain decoding at batch %d",
			    c->spec_tokens, c->spec_max, c->spec_speedup, c->batch);
		else
			text_out(&o, "; no speculation: no k in 1..%d does better at batch %d", c->spec_max,
			    c->batch);
		if (c->spec_breakeven > 0)
			text_out(&o, " (speculation stops paying from batch %d%s)", c->spec_breakeven,
			    c->spec_tokens > 0 ? "" : ", every k");
		else if (c->spec_breakeven == 0)
			text_out(&o, " (speculation speeds the step at every batch the KV pool holds%s)",
			    c->spec_tokens > 0 ? "" : "; its drafter's memory costs more here");
	}
	if (slo->rps > 0) {
		const ServingPoint *t = &c->at_target;
		text_out(&o, "; at %s over %d replica%s: load %.0f%%, TTFT p50/p99 %s/", rate_text(slo->rps, a,
		    sizeof a), c->dp, c->dp == 1 ? "" : "s", 100 * t->load, fmt_seconds(t->ttft_p50_s, b,
		    sizeof b));
		text_out(&o, "%s, TPOT p50/p99 %s/", fmt_seconds(t->ttft_p99_s, b, sizeof b),
		    fmt_seconds(t->tpot_p50_s, d, sizeof d));
		text_out(&o, "%s", fmt_seconds(t->tpot_p99_s, b, sizeof b));
		if (t->heavy)
			text_out(&o, " (heavy load: queueing figures are rough)");
	}
	if (r && r->n_top > 0 && c->rank != 1 && &r->top[0] != c) {
		const SearchCandidate *w = &r->top[0];
		switch (so ? so->objective : SEARCH_OBJ_TPUT_PER_GPU) {
		case SEARCH_OBJ_TPUT_PER_GPU:
			if (w->tokens_per_s_per_gpu > 0)
				behind_first(&o, "; ", c->tokens_per_s_per_gpu, w->tokens_per_s_per_gpu);
			break;
		case SEARCH_OBJ_GPUS:
			text_out(&o, "; %d GPUs against #1's %d", c->gpus, w->gpus);
			break;
		case SEARCH_OBJ_COST:
			text_out(&o, "; $%.3f per million tokens against #1's $%.3f", c->usd_per_mtok, w->usd_per_mtok);
			break;
		case SEARCH_OBJ_TTFT: case SEARCH_OBJ_TPOT:
			text_out(&o, "; %.0f%% slower than #1", 100 * (c->score / w->score - 1));
			break;
		case SEARCH_OBJ_COUNT:
			break;
		}
	}
	return (int)o.len;
}

int
search_format_rejection(const Scenario *base, const SearchOptions *so, const SearchRejection *j,
    char *buf, size_t n)
{
	TextOut o = { .buf = buf, .n = n };
	char a[48], b[48], d[48], e[48], lay[160];
	const double *v = j->v;
	const char *least = j->bound ? "at least " : "";

	(void)so;
	if (n)
		buf[0] = '\0';
	search_format_strategy(j->tp, j->pp, j->dp > 0 ? j->dp : 1, j->ep, j->etp, j->weight_dtype,
	    j->kv_dtype, j->batch > 1 ? j->batch : 0, 0, model_is_moe(&base->model), lay, sizeof lay);
	text_out(&o, "%s", lay);
	text_out(&o, ": ");
	switch (j->reason) {
	case SEARCH_REJ_LAYOUT:
		text_out(&o, "TP, PP or EP do not divide the model's heads, layers or experts");
		break;
	case SEARCH_REJ_TP_NODES:
		text_out(&o, "TP %.0f spans nodes of %.0f GPUs (allow it with --allow-tp-across-nodes)", v[0], v[1]);
		break;
	case SEARCH_REJ_DTYPE:
		text_out(&o, "%s (%s) lacks the compute dtype", base->cluster.gpu.name, base->cluster.gpu.arch);
		break;
	case SEARCH_REJ_CONTEXT:
		text_out(&o, "context %s tokens exceeds the model's %s", fmt_int(v[0], a, sizeof a),
		    fmt_int(v[1], b, sizeof b));
		break;
	case SEARCH_REJ_MEMORY:
		text_out(&o, "needs %s%s per GPU (weights %s + activations and reserve %s%s) but %s allows %s "
		    "(memory)", least, fmt_bytes(v[0], a, sizeof a), fmt_bytes(v[2], b, sizeof b),
		    fmt_bytes(v[3], d, sizeof d), j->bound ? " + one sequence's KV" : "",
		    base->runtime.name, fmt_bytes(v[1], e, sizeof e));
		break;
	case SEARCH_REJ_KV:
		text_out(&o, "the KV pool holds %s tokens, fewer than one %s-token sequence (memory)",
		    fmt_int(v[0], a, sizeof a), fmt_int(v[1], b, sizeof b));
		break;
	case SEARCH_REJ_TTFT:
		text_out(&o, "TTFT %s%s > p%.0f SLO %s%s", least, fmt_seconds(v[0], a, sizeof a), v[2],
		    fmt_seconds(v[1], b, sizeof b), v[3] > 0 ? " at a trickle of requests" :
		    " even idle (prefill compute)");
		break;
	case SEARCH_REJ_TPOT:
		text_out(&o, "TPOT %s%s > p%.0f SLO %s%s", least, fmt_seconds(v[0], a, sizeof a), v[2],
		    fmt_seconds(v[1], b, sizeof b), v[3] > 0 ? " at a trickle of requests" :
		    " at batch 1 (reading the weights)");
		break;
	case SEARCH_REJ_RATE:
		text_out(&o, "misses the SLOs under any load (TTFT p99 %s, TPOT p99 %s at a trickle)",
		    fmt_seconds(v[0], a, sizeof a), fmt_seconds(v[1], b, sizeof b));
		break;
	case SEARCH_REJ_GPUS:
		if (v[2] > 0)
			text_out(&o, "%s needs %.0f replicas = %.0f GPUs (%s each within the SLOs), %.0f available",
			    rate_text(base->workload.slo.rps, a, sizeof a), v[3], v[0],
			    rate_text(v[2], b, sizeof b), v[1]);
		else
			text_out(&o, "needs %.0f GPUs, %.0f available", v[0], v[1]);
		break;
	case SEARCH_REJ_CHECK:
		text_out(&o, "user check: %s", j->check);
		break;
	case SEARCH_OK: case SEARCH_REJ_COUNT:
		text_out(&o, "ok");
		break;
	}
	return (int)o.len;
}

int
search_format_probe(const Scenario *base, const SearchOptions *so, const SearchResult *r,
    const SearchProbe *p, char *buf, size_t n)
{
	TextOut o = { .buf = buf, .n = n };
	char tmp[512];

	if (n)
		buf[0] = '\0';
	text_out(&o, "%s (TP %d x PP %d", search_probe_name(p->kind), p->tp, p->pp);
	if (p->ep > 1)
		text_out(&o, ", EP %d", p->ep);
	text_out(&o, "): ");
	if (p->found) {
		search_format_layout(&p->best, tmp, sizeof tmp);
		if (p->rank == 1)
			text_out(&o, "the winner (%s)", tmp);
		else if (p->rank > 0)
			text_out(&o, "ranks #%d (%s)", p->rank, tmp);
		else
			text_out(&o, "feasible (%s) but outside the top %d", tmp, r ? r->top_cap : 0);
		if (p->rank != 1 && r && r->n_top > 0) {
			const SearchCandidate *w = &r->top[0];
			switch (so->objective) {
			case SEARCH_OBJ_TPUT_PER_GPU:
				behind_first(&o, ": ", p->best.tokens_per_s_per_gpu, w->tokens_per_s_per_gpu);
				text_out(&o, " (%s binds)", binding_kind(&p->best));
				break;
			case SEARCH_OBJ_GPUS:
				text_out(&o, ": %d GPUs against %d", p->best.gpus, w->gpus);
				break;
			default:
				text_out(&o, ": objective %.3g against #1's %.3g", p->best.score, w->score);
				break;
			}
		}
	} else if (p->why.reason != SEARCH_OK) {
		search_format_rejection(base, so, &p->why, tmp, sizeof tmp);
		const char *colon = strstr(tmp, ": ");
		text_out(&o, "rejected: %s", colon ? colon + 2 : tmp);
	} else {
		text_out(&o, "not in the space searched");
	}
	return (int)o.len;
}

int
search_format_none(const Scenario *base, const SearchOptions *so, const SearchResult *r, char *buf,
    size_t n)
{
	TextOut o = { .buf = buf, .n = n };
	char tmp[512];

	if (n)
		buf[0] = '\0';
	text_out(&o, "no feasible strategy for %s on %d x %s among %ld layout%s", base->model.name,
	    r->max_gpus, base->cluster.gpu.name, r->layouts, r->layouts == 1 ? "" : "s");
	/* the furthest a layout got first: it is the nearest to working */
	for (int i = SEARCH_REJ_COUNT - 1; i > SEARCH_OK; i--) {
		if (r->rejected[i] == 0)
			continue;
		search_format_rejection(base, so, &r->nearest[i], tmp, sizeof tmp);
		text_out(&o, "\n  %ld rejected by %s; nearest: %s", r->rejected[i],
		    search_reject_name((SearchReject)i), tmp);
	}
	return (int)o.len;
}

