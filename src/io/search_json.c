/* search_json.c: SearchResult -> JSON; see search_json.h. */
#include "search_json.h"

#include <cjson/cJSON.h>

#include "core/searchopts.h"
#include "jsonutil.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

static cJSON *
point_json(const ServingPoint *p)
{
	cJSON *o = cJSON_CreateObject();
	json_add_num(o, "rate_rps", p->rate_rps);
	json_add_num(o, "load", p->load);
	cJSON_AddBoolToObject(o, "stable", p->stable);
	cJSON_AddBoolToObject(o, "heavy_load", p->heavy);
	json_add_num(o, "batch_mean", p->batch_mean);
	json_add_num(o, "step_s", p->step_s);
	json_add_num(o, "slot_wait_prob", p->slot_wait_prob);
	json_add_num(o, "wait_s", p->wait_s);
	json_add_num(o, "ttft_mean_s", p->ttft_mean_s);
	json_add_num(o, "ttft_p50_s", p->ttft_p50_s);
	json_add_num(o, "ttft_p99_s", p->ttft_p99_s);
	json_add_num(o, "tpot_mean_s", p->tpot_mean_s);
	json_add_num(o, "tpot_p50_s", p->tpot_p50_s);
	json_add_num(o, "tpot_p99_s", p->tpot_p99_s);
	json_add_num(o, "tokens_per_s", p->tokens_per_s);
	return o;
}

static cJSON *
strategy_json(const SearchCandidate *c)
{
	cJSON *o = cJSON_CreateObject();
	json_add_num(o, "tp", c->tp);
	json_add_num(o, "pp", c->pp);
	json_add_num(o, "dp", c->dp);
	json_add_num(o, "ep", c->ep);
	json_add_num(o, "etp", c->etp);
	json_add_num(o, "micro_batches", c->micro_batches);
	cJSON_AddStringToObject(o, "dtype", dtype_name(c->weight_dtype));
	cJSON_AddStringToObject(o, "kv_dtype", dtype_name(c->kv_dtype));
	cJSON_AddStringToObject(o, "act_dtype", dtype_name(c->act_dtype));
	json_add_num(o, "batch", c->batch);
	json_add_num(o, "gpus", c->gpus);
	json_add_num(o, "gpus_per_replica", c->gpus_per_replica);
	json_add_num(o, "dp_min", c->dp_min);
	json_add_num(o, "dp_max", c->dp_max);
	json_add_num(o, "spec_tokens", c->spec_tokens);
	return o;
}

static cJSON *
candidate_json(const Scenario *s, const SearchOptions *so, const SearchResult *r,
    const SearchCandidate *c, bool why)
{
	cJSON *o = cJSON_CreateObject();
	char buf[1024];

	json_add_num(o, "rank", c->rank);
	cJSON_AddItemToObject(o, "strategy", strategy_json(c));
	cJSON *m = cJSON_AddObjectToObject(o, "memory");
	json_add_num(m, "per_gpu_bytes", c->per_gpu_bytes);
	json_add_num(m, "weights_bytes", c->weights_bytes);
	json_add_num(m, "budget_bytes", c->budget_bytes);
	json_add_num(m, "kv_pool_bytes", c->kv_pool_bytes);
	json_add_num(m, "max_concurrent_seqs", c->max_concurrent_seqs);
	cJSON *l = cJSON_AddObjectToObject(o, "latency");
	json_add_num(l, "ttft_s", c->ttft_s);
	json_add_num(l, "tpot_s", c->tpot_s);
	json_add_num(l, "tpot_batch1_s", c->tpot_idle_s);
	cJSON *sv = cJSON_AddObjectToObject(o, "serving");
	json_add_num(sv, "capacity_rps", c->capacity_rps);
	json_add_num(sv, "rate_max_rps", c->rate_max_rps);
	json_add_num(sv, "static_batch_rps", c->static_rps);
	cJSON_AddStringToObject(sv, "limit", serving_limit_name(c->limit));
	cJSON_AddStringToObject(sv, "batch_limit", serving_limit_name(c->batch_limit));
	cJSON_AddStringToObject(sv, "step_bound", serving_bound_name(c->bound));
	json_add_num(sv, "step_bound_share", c->bound_share);
	cJSON_AddItemToObject(sv, "at_max", point_json(&c->at_max));
	cJSON_AddItemToObject(sv, "at_target", point_json(&c->at_target));
	cJSON *t = cJSON_AddObjectToObject(o, "throughput");
	json_add_num(t, "tokens_per_s_per_gpu", c->tokens_per_s_per_gpu);
	json_add_num(t, "tokens_per_s_per_user", c->tokens_per_s_per_user);
	json_add_num(t, "tokens_per_s", c->rate_max_rps * c->dp * s->workload.output_len);
	json_add_num(o, "usd_per_mtok", c->usd_per_mtok);
	json_add_num(o, "score", c->score);
	cJSON_AddBoolToObject(o, "pareto", c->pareto);
	search_format_binding(c, buf, sizeof buf);
	cJSON_AddStringToObject(o, "binding", buf);
	if (why) {
		search_format_why(s, so, r, c, buf, sizeof buf);
		cJSON_AddStringToObject(o, "why", buf);
	}
	return o;
}

static cJSON *
dtype_list(unsigned mask, Dtype fallback)
{
	cJSON *a = cJSON_CreateArray();
	if (!mask)
		mask = 1u << fallback;
	for (int d = 0; d < DTYPE_COUNT; d++)
		if (mask & 1u << d)
			cJSON_AddItemToArray(a, cJSON_CreateString(dtype_name((Dtype)d)));
	return a;
}

char *
search_json(const Scenario *s, const SearchOptions *o, const SearchResult *r, double elapsed_s,
    const char *const *notes, int n_notes, int pretty)
{
	cJSON *root = cJSON_CreateObject();
	const Workload *w = &s->workload;
	char buf[2048];

	cJSON *q = cJSON_AddObjectToObject(root, "query");
	cJSON_AddStringToObject(q, "model", s->model.name);
	cJSON_AddStringToObject(q, "cluster", s->cluster.name);
	cJSON_AddStringToObject(q, "gpu", s->cluster.gpu.name);
	json_add_num(q, "gpus", r->max_gpus);
	json_add_num(q, "gpus_per_node", s->cluster.gpus_per_node);
	cJSON_AddStringToObject(q, "runtime", s->runtime.name);
	json_add_num(q, "input_len", w->input_len);
	json_add_num(q, "output_len", w->output_len);
	json_add_num(q, "max_model_len", w->max_model_len > 0 ? w->max_model_len : w->input_len + w->output_len);
	cJSON *slo = cJSON_AddObjectToObject(q, "slo");
	json_add_num(slo, "ttft_p50_s", w->slo.ttft_p50_s);
	json_add_num(slo, "ttft_p99_s", w->slo.ttft_p99_s);
	json_add_num(slo, "tpot_p50_s", w->slo.tpot_p50_s);
	json_add_num(slo, "tpot_p99_s", w->slo.tpot_p99_s);
	json_add_num(slo, "rps", w->slo.rps);
	/* the search options, one field per row of the option table */
	for (int i = 0; i < SOPT_COUNT; i++) {
		const SearchOptDef *d = search_opt_def((SearchOptId)i);
		const char *str = NULL;
		double num = 0;
		if (!d->json)
			continue;
		if (i == SOPT_DTYPES || i == SOPT_KV_DTYPES) {
			cJSON_AddItemToObject(q, d->json, i == SOPT_DTYPES ?
			    dtype_list(o->weight_dtypes, s->strategy.weight_dtype) :
			    dtype_list(o->kv_dtypes, s->strategy.kv_dtype));
			continue;
		}
		switch (search_opt_value(o, (SearchOptId)i, &num, &str)) {
		case 0: json_add_num(q, d->json, i == SOPT_USD ? r->gpu_hour_usd : num); break;
		case 1: cJSON_AddStringToObject(q, d->json, str); break;
		case 2: cJSON_AddBoolToObject(q, d->json, num != 0); break;
		default: break;
		}
	}

	cJSON *st = cJSON_AddObjectToObject(root, "stats");
	json_add_num(st, "layouts", (double)r->layouts);
	json_add_num(st, "pruned_by_bounds", (double)r->pruned);
	json_add_num(st, "evaluations", (double)r->evaluations);
	json_add_num(st, "batch_caps", (double)r->candidates);
	json_add_num(st, "bounded", (double)r->bounded);
	json_add_num(st, "bounded_layouts", (double)r->bounded_layouts);
	json_add_num(st, "feasible", (double)r->feasible);
	json_add_num(st, "feasible_layouts", (double)r->feasible_layouts);
	if (elapsed_s >= 0)
		json_add_num(st, "elapsed_s", elapsed_s);

	cJSON_AddBoolToObject(root, "feasible", r->n_top > 0 || r->feasible > 0);
	cJSON *cands = cJSON_AddArrayToObject(root, "candidates");
	for (int i = 0; i < r->n_top; i++)
		cJSON_AddItemToArray(cands, candidate_json(s, o, r, &r->top[i], true));
	cJSON *front = cJSON_AddArrayToObject(root, "pareto");
	for (int i = 0; i < r->n_pareto; i++)
		cJSON_AddItemToArray(front, candidate_json(s, o, r, &r->pareto[i], false));
	cJSON_AddBoolToObject(root, "pareto_truncated", r->pareto_truncated);

	cJSON *probes = cJSON_AddArrayToObject(root, "probes");
	for (int i = 0; i < r->n_probes; i++) {
		const SearchProbe *p = &r->probes[i];
		cJSON *j = cJSON_CreateObject();
		cJSON_AddStringToObject(j, "kind", search_probe_name(p->kind));
		json_add_num(j, "tp", p->tp);
		json_add_num(j, "pp", p->pp);
		json_add_num(j, "dp", p->dp);
		json_add_num(j, "ep", p->ep);
		cJSON_AddBoolToObject(j, "feasible", p->found);
		json_add_num(j, "rank", p->rank);
		if (!p->found)
			cJSON_AddStringToObject(j, "rejected_by", search_reject_name(p->why.reason));
		search_format_probe(s, o, r, p, buf, sizeof buf);
		cJSON_AddStringToObject(j, "text", buf);
		cJSON_AddItemToArray(probes, j);
	}

	cJSON *rej = cJSON_AddObjectToObject(root, "rejected");
	for (int i = SEARCH_OK + 1; i < SEARCH_REJ_COUNT; i++) {
		if (r->rejected[i] == 0)
			continue;
		cJSON *j = cJSON_AddObjectToObject(rej, search_reject_name((SearchReject)i));
		json_add_num(j, "count", (double)r->rejected[i]);
		search_format_rejection(s, o, &r->nearest[i], buf, sizeof buf);
		cJSON_AddStringToObject(j, "nearest", buf);
	}

	if (r->has_fewest) {
		cJSON *f = cJSON_AddObjectToObject(root, "fewest");
		json_add_num(f, "gpus", r->fewest.gpus);
		cJSON_AddItemToObject(f, "strategy", strategy_json(&r->fewest));
		search_format_layout(&r->fewest, buf, sizeof buf);
		cJSON_AddStringToObject(f, "text", buf);
	} else {
		cJSON_AddNullToObject(root, "fewest");
	}
	cJSON *nj = cJSON_AddArrayToObject(root, "notes");
	for (int i = 0; i < n_notes; i++)
		if (notes[i])
			cJSON_AddItemToArray(nj, cJSON_CreateString(notes[i]));

	return json_print_delete(root, pretty);
}
