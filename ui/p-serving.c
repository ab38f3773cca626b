/* p-serving.c: serving at the target rate in the main screen's figures
 * panel: the latencies against their SLOs, the title line, the explanation. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "s-main.h"
#include "core/units.h"

/* A latency at the target rate against its SLOs: the one it misses, else
 * p99 (p50 when only that is set), as serving_meets judges them. */
int
serving_latency(const Session *ss, bool ttft, const char **label, char *val, size_t vn, char *slo,
    size_t sn)
{
	const ServingReport *sv = ss->sv;
	const ServingPoint *p = sv->has_target ? &sv->at_target : &sv->at_max;
	const Slo *o = &ss->s->workload.slo;
	double p50 = ttft ? o->ttft_p50_s : o->tpot_p50_s, p99 = ttft ? o->ttft_p99_s : o->tpot_p99_s;
	double v50 = ttft ? p->ttft_p50_s : p->tpot_p50_s, v99 = ttft ? p->ttft_p99_s : p->tpot_p99_s;
	char a[32];
	bool use50 = (p50 > 0 && v50 > p50 && !(p99 > 0 && v99 > p99)) || (p50 > 0 && !(p99 > 0));

	*label = ttft ? (use50 ? "TTFT p50" : "TTFT p99") : (use50 ? "TPOT p50" : "TPOT p99");
	if (!p->stable) {
		snprintf(val, vn, "overload");
		snprintf(slo, sn, "load %.0f%%", p->load * 100);
		return VERDICT_FAIL;
	}
	fmt_seconds(use50 ? v50 : v99, val, vn);
	double bound = use50 ? p50 : p99;
	if (bound <= 0) {
		snprintf(slo, sn, "no SLO");
		return VERDICT_NONE;
	}
	snprintf(slo, sn, "p%d %s", use50 ? 50 : 99, fmt_seconds(bound, a, sizeof a));
	return (use50 ? v50 : v99) > bound ? VERDICT_FAIL : VERDICT_OK;
}

/* A rate's number as fmt_rate writes it, without the unit (the title
 * names req/s once). */
static char *
rate_number(double x, char *buf, size_t n)
{
	fmt_rate(x, "", buf, n);
	size_t len = strlen(buf);
	if (len > 0 && buf[len - 1] == ' ')
		buf[len - 1] = '\0';
	return buf;
}

/* The serving line of the panel's title: the rate, whether the SLOs hold
 * there, the highest rate within them. */
void
serving_summary(const Session *ss, char *buf, size_t n)
{
	const ServingReport *sv = ss->sv;
	const Slo *o = &ss->s->workload.slo;
	int dp = ss->s->strategy.dp > 0 ? ss->s->strategy.dp : 1;
	ServingLimit why = SERVING_LIMIT_NONE;
	char r0[48], r1[48];

	if (ss->r->status != EVAL_OK || !ss->sv_ok) {
		snprintf(buf, n, "colour and words: ok meets the SLO, FAIL misses it");
		return;
	}
	if (sv->disagg.on) {
		/* disaggregated: the deployment's rate and what limits it: the
		 * SLO that binds below the capacity, else the smaller pool */
		const DisaggReport *d = &sv->disagg;
		bool slo = sv->limit == SERVING_LIMIT_TTFT || sv->limit == SERVING_LIMIT_TPOT;
		snprintf(buf, n, "%dP%dD%s%s: %s; max %s (%s %s)", d->prefill_dp, d->decode_dp,
		    sv->has_target ? " at " : "", sv->has_target ? fmt_rate(o->rps, "req/s", r0, sizeof r0) : "",
		    d->meets ? "SLOs met" : "SLOs MISSED", rate_number(d->rate_max_rps, r1, sizeof r1),
		    slo ? serving_limit_name(sv->limit) : disagg_limit_name(d->limit), slo ? "binds" : "limits");
		return;
	}
	if (!sv->has_target) {
		snprintf(buf, n, "no target rate; max %s within the SLOs (%s binds)",
		    fmt_rate(sv->rate_max_rps * dp, "req/s", r1, sizeof r1), serving_limit_name(sv->limit));
		return;
	}
	if (!sv->at_target.stable) {
		snprintf(buf, n, "at %s: over capacity %s (%s)", fmt_rate(o->rps, "req/s", r0, sizeof r0),
		    fmt_rate(sv->capacity_rps * dp, "req/s", r1, sizeof r1),
		    serving_limit_name(sv->capacity_limit));
		return;
	}
	if (serving_meets(&sv->at_target, o, &why))
		snprintf(buf, n, "at %s: SLOs met; max %s (%s binds)",
		    fmt_rate(o->rps, "req/s", r0, sizeof r0),
		    rate_number(sv->rate_max_rps * dp, r1, sizeof r1), serving_limit_name(sv->limit));
	else
		snprintf(buf, n, "at %s: misses the %s; max %s", fmt_rate(o->rps, "req/s", r0, sizeof r0),
		    serving_limit_name(why), fmt_rate(sv->rate_max_rps * dp, "req/s", r1, sizeof r1));
}

/* Serving at the target rate explained (Enter on its figures). */
void
serving_text(const Session *ss, char *buf, size_t n)
{
	const ServingReport *sv = ss->sv;
	const Slo *o = &ss->s->workload.slo;
	const ServingPoint *p = sv->has_target ? &sv->at_target : &sv->at_max;
	int dp = ss->s->strategy.dp > 0 ? ss->s->strategy.dp : 1;
	/* one buffer per figure: every argument is formatted before snprintf
	 * reads any of them */
	char step[32], wait[32], t50[32], t99[32], p50[32], p99[32];
	char st50[32], st99[32], sp50[32], sp99[32];
	char r_at[48], r_each[48], r_max[48], r_cap[48];

	if (ss->r->status != EVAL_OK) {
		snprintf(buf, n, "the layout is invalid: see the checks");
		return;
	}
	if (!ss->sv_ok) {
		snprintf(buf, n, "not served: the layout does not fit at batch 1 (see the memory bars)");
		return;
	}
	snprintf(buf, n, "serving %s\n\n"
	    "%s %s over %d replica%s (%s each): load %.0f%% of capacity%s, %.1f sequences "
	    "running, step %s, queue wait %s\n"
	    "TTFT p50 %s p99 %s; TPOT p50 %s p99 %s\n"
	    "SLOs: TTFT p50 %s p99 %s, TPOT p50 %s p99 %s: %s\n"
	    "highest rate within the SLOs %s (%s binds); capacity %s (%s)\n\n"
	    "The verdict (top right) is FEASIBLE only when every check passes and the SLOs hold at "
	    "the target rate, as `shardlab eval` exits 0.",
	    serving_model_text, sv->has_target ? "at the target" : "at the highest rate,",
	    fmt_rate(sv->has_target ? o->rps : sv->rate_max_rps * dp, "req/s", r_at, sizeof r_at), dp,
	    dp == 1 ? "" : "s", fmt_rate(p->rate_rps, "req/s", r_each, sizeof r_each),
	    p->load * 100, p->heavy ? " (rough above 80%)" : "", p->batch_mean,
	    fmt_seconds(p->step_s, step, sizeof step), fmt_seconds(p->wait_s, wait, sizeof wait),
	    fmt_seconds(p->ttft_p50_s, t50, sizeof t50), fmt_seconds(p->ttft_p99_s, t99, sizeof t99),
	    fmt_seconds(p->tpot_p50_s, p50, sizeof p50), fmt_seconds(p->tpot_p99_s, p99, sizeof p99),
	    o->ttft_p50_s > 0 ? fmt_seconds(o->ttft_p50_s, st50, sizeof st50) : "-",
	    o->ttft_p99_s > 0 ? fmt_seconds(o->ttft_p99_s, st99, sizeof st99) : "-",
	    o->tpot_p50_s > 0 ? fmt_seconds(o->tpot_p50_s, sp50, sizeof sp50) : "-",
	    o->tpot_p99_s > 0 ? fmt_seconds(o->tpot_p99_s, sp99, sizeof sp99) : "-",
	    ss->meets_slos ? "met" : "MISSED", fmt_rate(sv->rate_max_rps * dp, "req/s", r_max, sizeof r_max),
	    serving_limit_name(sv->limit), fmt_rate(sv->capacity_rps * dp, "req/s", r_cap, sizeof r_cap),
	    serving_limit_name(sv->capacity_limit));
	if (sv->disagg.on) {
		const DisaggReport *d = &sv->disagg;
		size_t o2 = strlen(buf);
		char pc[48], dc[48], kb[32], kt[32], pre[32];
		snprintf(buf + o2, o2 < n ? n - o2 : 0, "\n\ndisaggregated %dP%dD on %d GPUs: prefill %s idle "
		    "per request; capacity prefill pool %s, decode pool %s: the %s limits the rate.  Each "
		    "request's KV cache (%s per GPU link) moves over %s in %s (%s mode); TTFT = prefill + "
		    "queue + transfer, TPOT from the decode pool alone.  :set prefill_tp, prefill_pp, "
		    "kv_transfer, kv_transfer_mode change the pools (shardlab(1) Disaggregated prefill/decode).",
		    d->prefill_dp, d->decode_dp, d->gpus, fmt_seconds(d->prefill.ttft_s, pre, sizeof pre),
		    fmt_rate(d->prefill_capacity_rps, "req/s", pc, sizeof pc),
		    fmt_rate(d->decode_capacity_rps, "req/s", dc, sizeof dc), disagg_limit_name(d->limit),
		    fmt_bytes(d->kv.link_bytes, kb, sizeof kb), ss->s->disagg.kv_fabric.name,
		    fmt_seconds(d->kv.exposed_s, kt, sizeof kt), kv_xfer_mode_name(d->kv.mode));
	}
}
