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
	if (sv->disagg.on && !sv->disagg.meets && *meets) {
		/* a pool that fails its checks (memory) misses however it is loaded */
		*meets = false;
		missed = SERVING_LIMIT_KV;
	}
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
	if (sv->disagg.on) {
		/* disaggregated prefill/decode (disagg.h): the pools, the KV
		 * transfer and which pool limits the rate */
		const DisaggReport *d = &sv->disagg;
		STR("disagg.prefill_gpu", s->disagg.prefill_gpu_set ? s->disagg.prefill_gpu.name :
		    s->cluster.gpu.name);
		NUM("disagg.prefill_instances", d->prefill_dp);
		NUM("disagg.prefill_gpus_per_instance", d->prefill.gpus_per_instance);
		NUM("disagg.prefill_gpus", d->prefill_gpus);
		NUM("disagg.decode_instances", d->decode_dp);
		NUM("disagg.decode_gpus_per_instance", d->decode.gpus_per_instance);
		NUM("disagg.decode_gpus", d->decode_gpus);
		NUM("disagg.gpus", d->gpus);
		NUM("disagg.prefill_batch", d->prefill.batch);
		NUM("disagg.prefill_s", d->prefill.ttft_s);
		NUM("disagg.prefill_service_s", d->prefill.service_s);
		NUM("disagg.prefill_capacity_rps", d->prefill_capacity_rps);
		NUM("disagg.decode_capacity_rps", d->decode_capacity_rps);
		NUM("disagg.capacity_rps", d->capacity_rps);
		STR("disagg.limit", disagg_limit_name(d->limit));
		NUM("disagg.prefill_load", d->at.prefill_load);
		NUM("disagg.decode_load", d->at.decode_load);
		FLAG("disagg.prefill_feasible", d->prefill.feasible);
		STR("disagg.prefill_error", d->prefill.error < CHECK_COUNT ? check_id_name(d->prefill.error) :
		    "none");
		FLAG("disagg.decode_feasible", d->decode.feasible);
		STR("disagg.kv_mode", kv_xfer_mode_name(d->kv.mode));
		STR("disagg.kv_fabric", s->disagg.kv_fabric.name);
		NUM("disagg.kv_bytes", d->kv.bytes);
		NUM("disagg.kv_link_bytes", d->kv.link_bytes);
		NUM("disagg.kv_links", d->kv.links);
		NUM("disagg.kv_bytes_per_s", d->kv.bytes_per_s);
		NUM("disagg.kv_latency_s", d->kv.latency_s);
		NUM("disagg.kv_wire_s", d->kv.wire_s);
		NUM("disagg.kv_transfer_s", d->kv.exposed_s);
		NUM("disagg.tokens_per_s_per_gpu", d->tokens_per_s_per_gpu);
	}
#undef NUM
#undef FLAG
#undef STR
	return n;
}
