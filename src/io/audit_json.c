/* audit_json.c: the audit report (core/audit.h) -> JSON; see audit_json.h
 * and docs/audit.md for the fields. */
#include "audit_json.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>

#include "jsonutil.h"

static const char *
kind_name(AuditFindingKind k)
{
	switch (k) {
	case FINDING_LAYOUT: return "layout";
	case FINDING_CLAIM: return "claim";
	case FINDING_ARITH: return "arithmetic";
	case FINDING_CHECK: return "check";
	}
	return "?";
}

char *
audit_json(const AuditReport *r, int pretty)
{
	cJSON *root = cJSON_CreateObject();
	const AuditContext *c = &r->ctx;

	cJSON_AddStringToObject(root, "plan", r->path);
	cJSON_AddStringToObject(root, "title", r->title);
	cJSON_AddStringToObject(root, "source", r->source);
	cJSON_AddStringToObject(root, "verdict", audit_plan_verdict_name(r->verdict));
	json_add_num(root, "exit_status", audit_exit_status(r));
	json_add_num(root, "tolerance", r->tolerance);
	if (r->assumed[0])
		cJSON_AddStringToObject(root, "assumed", r->assumed);
	if (r->notes[0])
		cJSON_AddStringToObject(root, "notes", r->notes);

	cJSON *cnt = cJSON_AddObjectToObject(root, "counts");
	for (int v = 0; v <= VERDICT_UNCHECKED; v++) {
		char name[32];
		snprintf(name, sizeof name, "%s", audit_verdict_name((Verdict)v));
		for (char *q = name; *q; q++)
			if (*q == ' ')
				*q = '_';
		json_add_num(cnt, name, r->n_verdict[v]);
	}
	json_add_num(cnt, "layout_errors", r->n_layout_errors);
	json_add_num(cnt, "arithmetic_errors", r->n_arith_errors);

	cJSON *sc = cJSON_AddObjectToObject(root, "scenario");
	cJSON_AddStringToObject(sc, "model", c->model);
	json_add_num(sc, "params_total", c->params_total);
	json_add_num(sc, "params_active", c->params_active);
	json_add_num(sc, "layers", c->layers);
	json_add_num(sc, "experts", c->experts);
	cJSON_AddStringToObject(sc, "cluster", c->cluster);
	cJSON_AddStringToObject(sc, "gpu", c->gpu);
	json_add_num(sc, "gpus", c->gpus);
	json_add_num(sc, "gpu_memory_bytes", c->gpu_memory_bytes);
	cJSON_AddStringToObject(sc, "runtime", c->runtime);
	json_add_num(sc, "mem_fraction", c->mem_fraction);
	json_add_num(sc, "tp", c->tp);
	json_add_num(sc, "pp", c->pp);
	json_add_num(sc, "dp", c->dp);
	json_add_num(sc, "ep", c->ep);
	json_add_num(sc, "gpus_used", c->gpus_used);
	cJSON_AddStringToObject(sc, "dtype", c->dtype);
	cJSON_AddStringToObject(sc, "kv_dtype", c->kv_dtype);
	json_add_num(sc, "batch", c->batch);
	json_add_num(sc, "input_len", c->input_len);
	json_add_num(sc, "output_len", c->output_len);
	cJSON_AddBoolToObject(sc, "valid", c->valid);
	cJSON_AddBoolToObject(sc, "feasible", c->feasible);

	cJSON *fs = cJSON_AddArrayToObject(root, "findings");
	for (int i = 0; i < r->n_findings; i++) {
		const AuditFinding *f = &r->findings[i];
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "severity", severity_name(f->severity));
		cJSON_AddStringToObject(o, "kind", kind_name(f->kind));
		cJSON_AddStringToObject(o, "id", f->id);
		if (f->claim >= 0)
			json_add_num(o, "claim", f->claim);
		cJSON_AddStringToObject(o, "message", f->message);
		cJSON_AddItemToArray(fs, o);
	}

	cJSON *cl = cJSON_AddArrayToObject(root, "claims");
	for (int k = 0; k < r->n_claims; k++) {
		const AuditClaim *a = &r->claims[k];
		const AuditClaimResult *res = &r->results[k];
		cJSON *o = cJSON_CreateObject();
		json_add_num(o, "index", k);
		if (a->id[0])
			cJSON_AddStringToObject(o, "id", a->id);
		if (a->metric >= 0) {
			cJSON_AddStringToObject(o, "metric", audit_metrics[a->metric].name);
			cJSON_AddStringToObject(o, "unit", audit_dim_name(audit_metrics[a->metric].dim));
		} else {
			cJSON_AddNullToObject(o, "metric");
			cJSON_AddStringToObject(o, "unit", a->unit);
		}
		cJSON_AddStringToObject(o, "text", a->text);
		if (a->line > 0)
			json_add_num(o, "line", a->line);
		cJSON_AddStringToObject(o, "op", audit_op_name(a->op));
		if (a->lo != a->hi) {
			cJSON *range = cJSON_AddArrayToObject(o, "claimed");
			cJSON_AddItemToArray(range, cJSON_CreateNumber(a->lo));
			cJSON_AddItemToArray(range, cJSON_CreateNumber(a->hi));
		} else {
			json_add_num(o, "claimed", a->lo);
		}
		json_add_num(o, "computed", res->available ? res->computed : NAN);
		if (res->available && res->computed_lo != res->computed_hi) {
			cJSON *range = cJSON_AddArrayToObject(o, "computed_range");
			cJSON_AddItemToArray(range, cJSON_CreateNumber(res->computed_lo));
			cJSON_AddItemToArray(range, cJSON_CreateNumber(res->computed_hi));
		}
		if (isfinite(res->bound)) {
			json_add_num(o, "bound", res->bound);
			cJSON_AddStringToObject(o, "bound_kind", res->bound_is_max ? "max" : "min");
		}
		cJSON_AddStringToObject(o, "verdict", audit_verdict_name(res->verdict));
		json_add_num(o, "tolerance", res->tolerance);
		if (a->rejected) {
			cJSON_AddBoolToObject(o, "rejected", true);
			cJSON_AddBoolToObject(o, "plan_right", res->plan_right);
		}
		if (res->off_scale)
			cJSON_AddBoolToObject(o, "off_scale", true);
		if (a->with[0])
			cJSON_AddStringToObject(o, "with", a->with);
		if (a->stage >= 0)
			json_add_num(o, "stage", a->stage);
		else if (a->stage == AUDIT_STAGE_EACH)
			cJSON_AddStringToObject(o, "stage", "each");
		if (a->all_gpus)
			cJSON_AddStringToObject(o, "scope", "all_gpus");
		cJSON_AddStringToObject(o, "message", res->message);
		if (res->explain[0])
			cJSON_AddStringToObject(o, "explanation", res->explain);
		if (a->note[0])
			cJSON_AddStringToObject(o, "note", a->note);
		if (res->arith) {
			cJSON *ar = cJSON_AddObjectToObject(o, "arithmetic");
			cJSON_AddStringToObject(ar, "equals", a->equals);
			json_add_num(ar, "value", res->arith_value);
			cJSON_AddBoolToObject(ar, "holds", res->arith_ok);
		}
		cJSON_AddItemToArray(cl, o);
	}

	const AuditBest *b = &r->best;
	if (b->searched) {
		cJSON *bo = cJSON_AddObjectToObject(root, "best");
		cJSON_AddBoolToObject(bo, "found", b->found);
		if (b->found) {
			json_add_num(bo, "tp", b->tp);
			json_add_num(bo, "pp", b->pp);
			json_add_num(bo, "dp", b->dp);
			json_add_num(bo, "ep", b->ep);
			json_add_num(bo, "gpus", b->gpus);
			json_add_num(bo, "per_gpu_bytes", b->per_gpu_bytes);
			json_add_num(bo, "ttft_s", b->ttft_s);
			json_add_num(bo, "tpot_s", b->tpot_s);
			json_add_num(bo, "tokens_per_s", b->tokens_per_s);
			json_add_num(bo, "requests_per_s", b->requests_per_s);
		}
		json_add_num(bo, "evaluated", b->evaluated);
		cJSON_AddStringToObject(bo, "summary", b->summary);
	}

	return json_print_delete(root, pretty);
}
