/* disagg_json.c: search --disagg as JSON; see disagg_json.h. */
#include "io/disagg_json.h"

#include <cJSON.h>

#include "io/jsonutil.h"

static void
add_layout(cJSON *o, const char *key, const DisaggLayout *l, int instances, int gpus_per_instance)
{
	cJSON *p = cJSON_AddObjectToObject(o, key);
	json_add_num(p, "instances", instances);
	json_add_num(p, "tp", l->tp);
	json_add_num(p, "pp", l->pp);
	json_add_num(p, "ep", l->ep);
	json_add_num(p, "dp_per_instance", l->dp > 0 ? l->dp : 1);
	json_add_num(p, "gpus_per_instance", gpus_per_instance);
	json_add_num(p, "gpus", instances * gpus_per_instance);
}

char *
disagg_json_add(const char *search_text, const SearchResult *agg, const DisaggSearchResult *d, int pretty)
{
	cJSON *root = cJSON_Parse(search_text);
	DisaggVersus v;

	if (!root)
		return NULL;
	disagg_versus(d, agg, &v);
	cJSON *o = cJSON_AddObjectToObject(root, "disagg");
	cJSON_AddBoolToObject(o, "found", d->found);
	json_add_num(o, "prefill_layouts", d->prefill_layouts);
	json_add_num(o, "decode_layouts", d->decode_layouts);
	json_add_num(o, "evaluations", (double)d->evaluations);
	json_add_num(o, "pairs", (double)d->pairs);
	if (d->found) {
		const DisaggReport *r = &d->report;
		add_layout(o, "prefill", &d->prefill, d->x, r->prefill.gpus_per_instance);
		add_layout(o, "decode", &d->decode, d->y, r->decode.gpus_per_instance);
		json_add_num(o, "gpus", d->gpus);
		json_add_num(o, "rate_max_rps", d->rate_rps);
		json_add_num(o, "tokens_per_s_per_gpu", d->tokens_per_s_per_gpu);
		cJSON_AddStringToObject(o, "limit", disagg_limit_name(r->limit));
		json_add_num(o, "ttft_p99_s", r->at.ttft_p99_s);
		json_add_num(o, "tpot_p99_s", r->at.tpot_p99_s);
		json_add_num(o, "kv_transfer_s", r->kv.exposed_s);
		json_add_num(o, "kv_link_bytes", r->kv.link_bytes);
	}
	json_add_num(o, "aggregated_tokens_per_s_per_gpu", v.agg_tokens_per_s_per_gpu);
	cJSON_AddStringToObject(o, "winner", v.disagg_wins ? "disaggregated" : v.agg_index >= 0 ?
	    "aggregated" : "none");
	if (v.ratio > 0)
		json_add_num(o, "ratio_per_gpu", v.ratio);
	return json_print_delete(root, pretty);
}
