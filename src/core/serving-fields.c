/* serving-fields.c: the serving section's names (what limits the rate,
 * what raises it, what dominates the decode step), the model's one-line
 * description and the section's fields, from which the JSON, the Lua
 * result and the reports are written; see serving.h. */
#include "serving.h"

const char *
serving_limit_name(ServingLimit l)
{
	switch (l) {
	case SERVING_LIMIT_KV: return "KV cache";
	case SERVING_LIMIT_BATCH: return "max_num_seqs";
	case SERVING_LIMIT_PREFILL: return "prefill";
	case SERVING_LIMIT_TTFT: return "TTFT SLO";
	case SERVING_LIMIT_TPOT: return "TPOT SLO";
	case SERVING_LIMIT_NONE: case SERVING_LIMIT_COUNT: break;
	}
	return "none";
}

const char *
serving_limit_fix(ServingLimit l)
{
	switch (l) {
	case SERVING_LIMIT_KV: return "more replicas, more KV room (fp8 KV cache, more TP/PP) or a lower rate";
	case SERVING_LIMIT_BATCH: return "more replicas, a larger batch cap or a lower rate";
	case SERVING_LIMIT_PREFILL: return "more replicas, a larger max_num_batched_tokens or a lower rate";
	case SERVING_LIMIT_TTFT: case SERVING_LIMIT_TPOT: return "more replicas or a lower rate";
	case SERVING_LIMIT_NONE: case SERVING_LIMIT_COUNT: break;
	}
	return "more replicas or a lower rate";
}

const char *
serving_bound_name(ServingBound b)
{
	switch (b) {
	case SERVING_BOUND_COMPUTE: return "compute";
	case SERVING_BOUND_HBM: return "HBM bandwidth";
	case SERVING_BOUND_COMM: return "communication";
	case SERVING_BOUND_FLOOR: return "kernel floors";
	case SERVING_BOUND_COUNT: break;
	}
	return "?";
}

const char serving_model_text[] = "continuous batching under Poisson arrivals: mean running batch "
    "by Little's law, slot waits M/G/c (Erlang C, Halfin-Whitt), prefill waits M/G/1 "
    "(Pollaczek-Khinchine); rough above 80% load";

int
serving_fields(const Scenario *s, const ServingReport *sv, ServingField *out, int max, bool *meets)
{
	const Slo *slo = &s->workload.slo;
	int dp = s->strategy.dp > 0 ? s->strategy.dp : 1, n = 0;
	ServingLimit missed = SERVING_LIMIT_NONE;
	const ServingPoint *p = sv->has_target ? &sv->at_target : &sv->at_max;

	*meets = sv->has_target ? serving_meets(&sv->at_target, slo, &missed) : sv->rate_max_rps > 0;
	if (!sv->has_target && !*meets)
		missed = sv->limit;
#define NUM(k, v) do { if (n < max) out[n++] = (ServingField){ .name = (k), .kind = SERVING_FIELD_NUM, .num = (v) }; } while (0)
#define FLAG(k, v) do { if (n < max) out[n++] = (ServingField){ .name = (k), .kind = SERVING_FIELD_BOOL, .flag = (v) }; } while (0)
#define STR(k, v) do { if (n < max) out[n++] = (ServingField){ .name = (k), .kind = SERVING_FIELD_STR, .str = (v) }; } while (0)
	STR("model", serving_model_text);
	NUM("replicas", dp);
	NUM("capacity_rps", sv->capacity_rps * dp);
	STR("capacity_limit", serving_limit_name(sv->capacity_limit));
	NUM("rate_max_rps", sv->rate_max_rps * dp);
	STR("limit", serving_limit_name(sv->limit));
	NUM("target_rps", sv->has_target ? slo->rps : 0);
	FLAG("meets_slos", *meets);
	STR("missed", *meets ? "none" : serving_limit_name(missed));
	NUM("at_target.rate_rps_per_replica", p->rate_rps);
	NUM("at_target.load", p->load);
	/* unstable (load >= 1): the queue grows without bound; the latencies
	 * below are infinite (null in JSON) */
	FLAG("at_target.stable", p->stable);
	FLAG("at_target.heavy_load", p->heavy);
	NUM("at_target.batch_mean", p->batch_mean);
	NUM("at_target.step_s", p->step_s);
	NUM("at_target.wait_s", p->wait_s);
	NUM("at_target.ttft_p50_s", p->ttft_p50_s);
	NUM("at_target.ttft_p99_s", p->ttft_p99_s);
	NUM("at_target.tpot_p50_s", p->tpot_p50_s);
	NUM("at_target.tpot_p99_s", p->tpot_p99_s);
	NUM("at_target.tokens_per_s", p->tokens_per_s * dp);
#undef NUM
#undef FLAG
#undef STR
	return n;
}
