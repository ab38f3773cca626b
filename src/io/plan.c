/* plan.c: plan files -> Plan (the node tree, the scenario sections, the
 * claims; plan-placement.c reads the placement); see plan.h and
 * docs/audit.md for the schema. */
#include "plan.h"
#include "plan-internal.h"

#include <cjson/cJSON.h>

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xmalloc.h"

/* ---- the node tree ----------------------------------------------------- */

void
plan_node_free(PlanNode *n)
{
	if (!n)
		return;
	for (int i = 0; i < n->n_kids; i++)
		plan_node_free(&n->kids[i]);
	free(n->kids);
	free(n->key);
	free(n->string);
	memset(n, 0, sizeof *n);
}

PlanNode *
plan_node_child(PlanNode *parent, const char *key)
{
	parent->kids = xrealloc(parent->kids, (size_t)(parent->n_kids + 1) * sizeof *parent->kids);
	PlanNode *k = &parent->kids[parent->n_kids++];
	memset(k, 0, sizeof *k);
	k->key = key ? xstrdup(key) : NULL;
	return k;
}

static void
node_from_cjson(const cJSON *j, PlanNode *n)
{
	if (cJSON_IsObject(j) || cJSON_IsArray(j)) {
		const cJSON *e;
		n->type = cJSON_IsObject(j) ? PN_OBJECT : PN_ARRAY;
		cJSON_ArrayForEach(e, j)
			node_from_cjson(e, plan_node_child(n, n->type == PN_OBJECT ? e->string : NULL));
	} else if (cJSON_IsString(j)) {
		n->type = PN_STRING;
		n->string = xstrdup(j->valuestring);
	} else if (cJSON_IsNumber(j)) {
		n->type = PN_NUMBER;
		n->number = j->valuedouble;
	} else if (cJSON_IsBool(j)) {
		n->type = PN_BOOL;
		n->boolean = cJSON_IsTrue(j);
	} else {
		n->type = PN_NULL;
	}
}

static cJSON *
node_to_cjson(const PlanNode *n)
{
	cJSON *j;
	switch (n->type) {
	case PN_OBJECT: case PN_ARRAY:
		j = n->type == PN_OBJECT ? cJSON_CreateObject() : cJSON_CreateArray();
		for (int i = 0; i < n->n_kids; i++) {
			cJSON *k = node_to_cjson(&n->kids[i]);
			if (n->type == PN_OBJECT)
				cJSON_AddItemToObject(j, n->kids[i].key ? n->kids[i].key : "", k);
			else
				cJSON_AddItemToArray(j, k);
		}
		return j;
	case PN_STRING: return cJSON_CreateString(n->string ? n->string : "");
	case PN_NUMBER: return cJSON_CreateNumber(n->number);
	case PN_BOOL: return cJSON_CreateBool(n->boolean);
	case PN_NULL: break;
	}
	return cJSON_CreateNull();
}

char *
plan_node_json(const PlanNode *n)
{
	cJSON *j = node_to_cjson(n);
	char *text = cJSON_Print(j);
	cJSON_Delete(j);
	char *out = xstrdup(text ? text : "null");
	cJSON_free(text);
	return out;
}

const PlanNode *
plan_get(const PlanNode *obj, const char *key)
{
	if (!obj || obj->type != PN_OBJECT)
		return NULL;
	for (int i = 0; i < obj->n_kids; i++)
		if (strcmp(obj->kids[i].key, key) == 0)
			return obj->kids[i].type == PN_NULL ? NULL : &obj->kids[i];
	return NULL;
}

static const char *
type_name(PlanNodeType t)
{
	switch (t) {
	case PN_NULL: return "null";
	case PN_BOOL: return "true/false";
	case PN_NUMBER: return "a number";
	case PN_STRING: return "a string";
	case PN_ARRAY: return "an array";
	case PN_OBJECT: return "an object";
	}
	return "?";
}

/* ---- reading ----------------------------------------------------------- */

void
plan_fail(PlanReader *r, const char *fmt, ...)
{
	va_list ap;
	char msg[512];

	if (r->failed)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	*r->cause = xasprintf("%s: %s", r->path, msg);
	r->failed = true;
}

/* The only keys `obj` may have; the first other one fails. */
bool
plan_known_keys(PlanReader *r, const PlanNode *obj, const char *where, const char *const *keys)
{
	for (int i = 0; i < obj->n_kids && !r->failed; i++) {
		const char *k = obj->kids[i].key;
		bool ok = false;
		for (const char *const *q = keys; *q && !ok; q++)
			ok = strcmp(*q, k) == 0;
		if (!ok) {
			char list[400] = "";
			size_t o = 0;
			for (const char *const *q = keys; *q && o < sizeof list; q++)
				o += (size_t)snprintf(list + o, sizeof list - o, "%s%s", q == keys ? "" : ", ", *q);
			plan_fail(r, "key '%s%s%s' is unknown (known: %s)", where, *where ? "." : "", k, list);
		}
	}
	return !r->failed;
}

bool
plan_want(PlanReader *r, const PlanNode *n, PlanNodeType t, const char *where)
{
	if (r->failed)
		return false;
	if (!n || n->type != t) {
		/* an empty Lua table reads as an object: let it stand for [] too */
		if (n && t == PN_ARRAY && n->type == PN_OBJECT && n->n_kids == 0)
			return true;
		plan_fail(r, "key '%s' must be %s%s%s", where, type_name(t), n ? ", not " : "",
		    n ? type_name(n->type) : "");
		return false;
	}
	return true;
}

static char *
opt_string(PlanReader *r, const PlanNode *obj, const char *key, const char *where)
{
	const PlanNode *n = plan_get(obj, key);
	char w[128];
	snprintf(w, sizeof w, "%s%s%s", where, *where ? "." : "", key);
	if (!n)
		return NULL;
	if (!plan_want(r, n, PN_STRING, w))
		return NULL;
	return xstrdup(n->string);
}

static void
add_setting(Plan *p, PlanSetting **arr, int *n, const char *key, const char *text, double number,
    const char *where)
{
	(void)p;
	*arr = xrealloc(*arr, (size_t)(*n + 1) * sizeof **arr);
	PlanSetting *s = &(*arr)[(*n)++];
	s->key = xstrdup(key);
	s->text = text ? xstrdup(text) : NULL;
	s->number = number;
	s->where = xstrdup(where);
}

static bool
path_like(const char *s)
{
	size_t len = strlen(s);
	return strchr(s, '/') || (len > 5 && strcmp(s + len - 5, ".json") == 0);
}

/* A relative path in a plan is relative to the plan's directory. */
static char *
resolve(const Plan *p, const char *s)
{
	if (!path_like(s) || s[0] == '/' || strcmp(p->dir, ".") == 0)
		return xstrdup(s);
	return xasprintf("%s/%s", p->dir, s);
}

/* One key = value of a scenario section into settings. */
static void
setting(PlanReader *r, PlanSetting **arr, int *n, const char *key, const PlanNode *v, const char *where)
{
	char w[160];
	snprintf(w, sizeof w, "%s%s%s", where, *where ? "." : "", key);
	if (r->failed)
		return;
	if (v->type == PN_NUMBER) {
		add_setting(r->p, arr, n, key, NULL, v->number, w);
	} else if (v->type == PN_STRING) {
		char *val = strcmp(key, "model") == 0 ? resolve(r->p, v->string) : xstrdup(v->string);
		add_setting(r->p, arr, n, key, val, 0, w);
		free(val);
	} else if (v->type == PN_ARRAY && strcmp(key, "stage_layers") == 0) {
		char buf[1024] = "";
		size_t o = 0;
		for (int i = 0; i < v->n_kids; i++) {
			double x = v->kids[i].number;
			if (v->kids[i].type != PN_NUMBER || !(x >= 0 && x <= 1e6) || x != floor(x)) {
				plan_fail(r, "key '%s[%d]' must be a whole number of layers", w, i);
				return;
			}
			o += (size_t)snprintf(buf + o, o < sizeof buf ? sizeof buf - o : 0, "%s%.0f",
			    i ? "," : "", v->kids[i].number);
		}
		add_setting(r->p, arr, n, key, buf, 0, w);
	} else if (v->type == PN_BOOL) {
		plan_fail(r, "key '%s' must be a number or a string, not true/false", w);
	} else {
		plan_fail(r, "key '%s' must be a number or a string, not %s", w, type_name(v->type));
	}
}

/* A section of Setup keys ("strategy", "workload", a claim's "with"). */
static void
section(PlanReader *r, const PlanNode *obj, const char *where, PlanSetting **arr, int *n)
{
	if (!plan_want(r, obj, PN_OBJECT, where))
		return;
	for (int i = 0; i < obj->n_kids && !r->failed; i++) {
		const PlanNode *k = &obj->kids[i];
		if (k->type == PN_NULL)
			continue;
		if (strcmp(k->key, "slo") == 0 && k->type == PN_OBJECT) {
			char w[160];
			snprintf(w, sizeof w, "%s.slo", where);
			section(r, k, w, arr, n);
			continue;
		}
		if (strcmp(k->key, "description") == 0 || strcmp(k->key, "text") == 0)
			continue;
		const char *key = strcmp(k->key, "preset") == 0 ? "cluster" :
		    strcmp(k->key, "name") == 0 && strcmp(where, "runtime") == 0 ? "runtime" : k->key;
		setting(r, arr, n, key, k, where);
	}
}

/* cluster.gpu written into the plan: a catalog GPU ("like") with the
 * figures the plan states in its place. */
static void
read_inline_gpu(PlanReader *r, const PlanNode *g)
{
	static const char *const keys[] = { "name", "like", "memory_bytes", "peak_flops",
		"hbm_bytes_per_s", "note", NULL };
	static const char *const nums[] = { "memory_bytes", "peak_flops", "hbm_bytes_per_s" };
	Plan *p = r->p;
	const PlanNode *v;

	if (!plan_known_keys(r, g, "cluster.gpu", keys))
		return;
	const PlanNode *name = plan_get(g, "name"), *like = plan_get(g, "like");
	if (!name || !like || name->type != PN_STRING || like->type != PN_STRING || !*name->string) {
		plan_fail(r, "key 'cluster.gpu': a GPU written into the plan needs a 'name' and the "
		    "catalog GPU it is 'like' (strings)");
		return;
	}
	p->gpu = xcalloc(1, sizeof *p->gpu);
	p->gpu->name = xstrdup(name->string);
	p->gpu->like = xstrdup(like->string);
	double *dst[] = { &p->gpu->memory_bytes, &p->gpu->peak_flops, &p->gpu->hbm_bytes_per_s };
	for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++) {
		char w[64];
		snprintf(w, sizeof w, "cluster.gpu.%s", nums[i]);
		if (!(v = plan_get(g, nums[i])))
			continue;
		if (!plan_want(r, v, PN_NUMBER, w))
			return;
		if (!(v->number > 0 && v->number < 1e18)) {
			plan_fail(r, "key '%s' must be a positive number", w);
			return;
		}
		*dst[i] = v->number;
	}
	add_setting(p, &p->base, &p->n_base, "gpu", p->gpu->name, 0, "cluster.gpu");
}

static void
read_scenario(PlanReader *r, const PlanNode *root)
{
	Plan *p = r->p;
	const PlanNode *n;

	if (!(n = plan_get(root, "model"))) {
		plan_fail(r, "missing key 'model' (a catalog name, or a config.json path relative to the plan)");
		return;
	}
	if (n->type == PN_OBJECT) {
		/* a model written into the plan: config.json's keys (the text
		 * extractor's synthesis, or a reviewer's) */
		const PlanNode *name = plan_get(n, "_name_or_path");
		if (name && name->type != PN_STRING) {
			plan_fail(r, "key 'model._name_or_path' must be a string");
			return;
		}
		p->model_config = plan_node_json(n);
		add_setting(p, &p->base, &p->n_base, "model", name ? name->string : PLAN_INLINE_MODEL, 0,
		    "model");
	} else if (plan_want(r, n, PN_STRING, "model")) {
		setting(r, &p->base, &p->n_base, "model", n, "");
	}
	if (!(n = plan_get(root, "cluster"))) {
		plan_fail(r, "missing key 'cluster' (a preset name, or {gpu, gpus, gpus_per_node})");
		return;
	}
	if (n->type == PN_STRING) {
		setting(r, &p->base, &p->n_base, "cluster", n, "");
	} else if (plan_want(r, n, PN_OBJECT, "cluster")) {
		static const char *const keys[] = { "preset", "gpu", "gpus", "nodes", "gpus_per_node",
			"description", NULL };
		const PlanNode *g = plan_get(n, "gpu");
		if (plan_known_keys(r, n, "cluster", keys) && g && g->type == PN_OBJECT) {
			read_inline_gpu(r, g);
			for (int i = 0; i < n->n_kids && !r->failed; i++)
				if (strcmp(n->kids[i].key, "gpu") != 0 && n->kids[i].type != PN_NULL &&
				    strcmp(n->kids[i].key, "description") != 0)
					setting(r, &p->base, &p->n_base, strcmp(n->kids[i].key, "preset") == 0 ?
					    "cluster" : n->kids[i].key, &n->kids[i], "cluster");
		} else if (!r->failed) {
			section(r, n, "cluster", &p->base, &p->n_base);
		}
	}
	if ((n = plan_get(root, "runtime"))) {
		if (n->type == PN_STRING)
			setting(r, &p->base, &p->n_base, "runtime", n, "");
		else
			section(r, n, "runtime", &p->base, &p->n_base);
	}
	if (!(n = plan_get(root, "strategy"))) {
		plan_fail(r, "missing key 'strategy' (tp, pp, dp, ep, dtype, ...)");
		return;
	}
	if (plan_want(r, n, PN_OBJECT, "strategy") && !plan_get(n, "tp"))
		plan_fail(r, "missing key 'strategy.tp'");
	section(r, n, "strategy", &p->base, &p->n_base);
	if ((n = plan_get(root, "workload")))
		section(r, n, "workload", &p->base, &p->n_base);
}

/* A variant label: the settings in order, "key=value" joined by spaces. */
static char *
variant_label(const PlanSetting *s, int n)
{
	char buf[AUDIT_TEXT_MAX] = "";
	size_t o = 0;
	for (int i = 0; i < n && o < sizeof buf; i++) {
		if (s[i].text)
			o += (size_t)snprintf(buf + o, sizeof buf - o, "%s%s=%s", i ? " " : "", s[i].key, s[i].text);
		else
			o += (size_t)snprintf(buf + o, sizeof buf - o, "%s%s=%g", i ? " " : "", s[i].key, s[i].number);
	}
	return xstrdup(buf);
}

static void
free_settings(PlanSetting *s, int n)
{
	for (int i = 0; i < n; i++) {
		free(s[i].key);
		free(s[i].text);
		free(s[i].where);
	}
	free(s);
}

/* The scenario index of a claim's "with": equal variants are shared. */
static int
variant(PlanReader *r, const PlanNode *with, const char *where, AuditClaim *c)
{
	Plan *p = r->p;
	PlanSetting *s = NULL;
	int n = 0;

	section(r, with, where, &s, &n);
	if (r->failed || n == 0) {
		free_settings(s, n);
		return 0;
	}
	char *label = variant_label(s, n);
	snprintf(c->with, sizeof c->with, "%s", label);
	for (int i = 0; i < p->n_variants; i++) {
		if (strcmp(p->variants[i].label, label) == 0) {
			free(label);
			free_settings(s, n);
			return i + 1;
		}
	}
	if (p->n_variants + 1 >= AUDIT_MAX_SCENARIOS) {
		plan_fail(r, "key '%s': more than %d different scenarios", where, AUDIT_MAX_SCENARIOS - 1);
		free(label);
		free_settings(s, n);
		return 0;
	}
	p->variants = xrealloc(p->variants, (size_t)(p->n_variants + 1) * sizeof *p->variants);
	p->variants[p->n_variants] = (PlanVariant){ s, n, label };
	return ++p->n_variants;
}

void
plan_copy_text(char *dst, size_t n, const char *src)
{
	snprintf(dst, n, "%s", src ? src : "");
}

static bool
valid_id(const char *s)
{
	if (!isalpha((unsigned char)*s) && *s != '_')
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '_')
			return false;
	return true;
}

static void
read_claim(PlanReader *r, const PlanNode *n, int index, AuditClaim *c)
{
	static const char *const keys[] = { "id", "metric", "value", "unit", "text", "op", "tolerance",
		"stage", "scope", "stance", "with", "tokens_per_s_per_gpu", "equals", "note", "line", NULL };
	char w[64], k[96];
	const PlanNode *v;

	memset(c, 0, sizeof *c);
	snprintf(w, sizeof w, "claims[%d]", index);
	snprintf(c->where, sizeof c->where, "claims[%d]", index);
	c->tolerance = -1;
	c->stage = AUDIT_STAGE_DEFAULT;
	c->metric = -1;
	if (!plan_want(r, n, PN_OBJECT, w) || !plan_known_keys(r, n, w, keys))
		return;

	if (!(v = plan_get(n, "text"))) {
		plan_fail(r, "missing key '%s.text' (the plan's own words)", w);
		return;
	}
	snprintf(k, sizeof k, "%s.text", w);
	if (!plan_want(r, v, PN_STRING, k))
		return;
	plan_copy_text(c->text, sizeof c->text, v->string);
	if ((v = plan_get(n, "line"))) {
		snprintf(k, sizeof k, "%s.line", w);
		if (!plan_want(r, v, PN_NUMBER, k))
			return;
		if (!(v->number >= 1 && v->number < 1e9) || v->number != floor(v->number)) {
			plan_fail(r, "key '%s' must be a line number (1, 2, ...)", k);
			return;
		}
		c->line = (int)v->number;
	}
	if ((v = plan_get(n, "note"))) {
		snprintf(k, sizeof k, "%s.note", w);
		if (!plan_want(r, v, PN_STRING, k))
			return;
		plan_copy_text(c->note, sizeof c->note, v->string);
	}
	if ((v = plan_get(n, "id"))) {
		snprintf(k, sizeof k, "%s.id", w);
		if (!plan_want(r, v, PN_STRING, k))
			return;
		if (!valid_id(v->string) || strlen(v->string) >= sizeof c->id) {
			plan_fail(r, "key '%s': '%s' is not a name (letters, digits and _, below %zu characters)",
			    k, v->string, sizeof c->id);
			return;
		}
		plan_copy_text(c->id, sizeof c->id, v->string);
	}

	AuditDim dim = DIM_KINDS;
	if ((v = plan_get(n, "metric"))) {
		snprintf(k, sizeof k, "%s.metric", w);
		if (!plan_want(r, v, PN_STRING, k))
			return;
		c->metric = audit_metric_find(v->string);
		if (c->metric < 0) {
			plan_fail(r, "key '%s': unknown metric '%s' (a result field such as "
			    "memory.per_gpu_bytes or latency.tpot_s, or a derived name; see docs/audit.md)",
			    k, v->string);
			return;
		}
		dim = audit_metrics[c->metric].dim;
	} else if (!c->note[0]) {
		plan_fail(r, "missing key '%s.metric' (or a 'note' saying why it is not checked)", w);
		return;
	}

	double factor = 1;
	if ((v = plan_get(n, "unit"))) {
		snprintf(k, sizeof k, "%s.unit", w);
		if (!plan_want(r, v, PN_STRING, k))
			return;
		plan_copy_text(c->unit, sizeof c->unit, v->string);
		if (audit_unit(v->string, dim, &factor) != 0) {
			if (c->metric >= 0) {
				plan_fail(r, "key '%s': unit '%s' does not fit %s, which is in %s (%s)", k, v->string,
				    audit_metrics[c->metric].name, audit_dim_name(dim), audit_units_of(dim));
				return;
			}
			factor = 1;     /* not checked: kept as written */
		}
	} else if (c->metric >= 0 && dim != DIM_COUNT && dim != DIM_BOOL && dim != DIM_FRACTION &&
	    dim != DIM_RATIO) {
		/* a bare number is in base units: say so in the report */
		plan_copy_text(c->unit, sizeof c->unit, "");
	}

	snprintf(k, sizeof k, "%s.value", w);
	if (!(v = plan_get(n, "value"))) {
		plan_fail(r, "missing key '%s'", k);
		return;
	}
	if (v->type == PN_BOOL) {
		if (dim != DIM_BOOL && c->metric >= 0) {
			plan_fail(r, "key '%s': true/false does not fit %s (%s)", k, audit_metrics[c->metric].name,
			    audit_dim_name(dim));
			return;
		}
		c->lo = c->hi = v->boolean ? 1 : 0;
	} else if (v->type == PN_NUMBER) {
		if (dim == DIM_BOOL) {
			plan_fail(r, "key '%s': %s takes true or false", k, audit_metrics[c->metric].name);
			return;
		}
		c->lo = c->hi = v->number * factor;
	} else if (v->type == PN_ARRAY && v->n_kids == 2 && v->kids[0].type == PN_NUMBER &&
	    v->kids[1].type == PN_NUMBER && v->kids[0].number <= v->kids[1].number) {
		c->lo = v->kids[0].number * factor;
		c->hi = v->kids[1].number * factor;
	} else {
		plan_fail(r, "key '%s' must be a number, [low, high] or true/false", k);
		return;
	}
	if (!isfinite(c->lo) || !isfinite(c->hi)) {
		plan_fail(r, "key '%s' must be finite", k);
		return;
	}

	if ((v = plan_get(n, "op"))) {
		snprintf(k, sizeof k, "%s.op", w);
		if (!plan_want(r, v, PN_STRING, k))
			return;
		const char *o = v->string;
		if (!strcmp(o, "about") || !strcmp(o, "=") || !strcmp(o, "~"))
			c->op = CLAIM_ABOUT;
		else if (!strcmp(o, "at_most") || !strcmp(o, "<=") || !strcmp(o, "<"))
			c->op = CLAIM_AT_MOST;
		else if (!strcmp(o, "at_least") || !strcmp(o, ">=") || !strcmp(o, ">"))
			c->op = CLAIM_AT_LEAST;
		else {
			plan_fail(r, "key '%s': '%s' must be about, at_most or at_least", k, o);
			return;
		}
		if (c->op != CLAIM_ABOUT && c->lo != c->hi) {
			plan_fail(r, "key '%s': a range takes no at_most/at_least", k);
			return;
		}
	}
	if ((v = plan_get(n, "tolerance"))) {
		snprintf(k, sizeof k, "%s.tolerance", w);
		if (!plan_want(r, v, PN_NUMBER, k))
			return;
		if (!(v->number >= 0 && v->number < 10)) {
			plan_fail(r, "key '%s': %g must be a fraction >= 0 (0.1 = 10%%)", k, v->number);
			return;
		}
		c->tolerance = v->number;
	}
	if ((v = plan_get(n, "stage"))) {
		snprintf(k, sizeof k, "%s.stage", w);
		if (c->metric < 0 || !audit_metrics[c->metric].per_stage) {
			plan_fail(r, "key '%s': %s is not a per-stage figure", k, c->metric >= 0 ?
			    audit_metrics[c->metric].name : "a claim without a metric");
			return;
		}
		if (v->type == PN_STRING && strcmp(v->string, "each") == 0)
			c->stage = AUDIT_STAGE_EACH;
		else if (v->type == PN_NUMBER && v->number >= 0 && v->number < MAX_STAGES &&
		    v->number == floor(v->number))
			c->stage = (int)v->number;
		else {
			plan_fail(r, "key '%s' must be a stage number or \"each\"", k);
			return;
		}
	}
	if ((v = plan_get(n, "scope"))) {
		snprintf(k, sizeof k, "%s.scope", w);
		if (!plan_want(r, v, PN_STRING, k))
			return;
		if (strcmp(v->string, "all_gpus") == 0) {
			if (c->metric < 0 || !audit_metrics[c->metric].summable) {
				plan_fail(r, "key '%s': %s cannot be summed over GPUs", k, c->metric >= 0 ?
				    audit_metrics[c->metric].name : "a claim without a metric");
				return;
			}
			c->all_gpus = true;
		} else if (strcmp(v->string, "per_gpu") != 0) {
			plan_fail(r, "key '%s': '%s' must be per_gpu or all_gpus", k, v->string);
			return;
		}
	}
	if ((v = plan_get(n, "stance"))) {
		snprintf(k, sizeof k, "%s.stance", w);
		if (!plan_want(r, v, PN_STRING, k))
			return;
		if (strcmp(v->string, "rejects") == 0)
			c->rejected = true;
		else if (strcmp(v->string, "asserts") != 0) {
			plan_fail(r, "key '%s': '%s' must be asserts or rejects", k, v->string);
			return;
		}
	}
	if ((v = plan_get(n, "tokens_per_s_per_gpu"))) {
		snprintf(k, sizeof k, "%s.tokens_per_s_per_gpu", w);
		if (!plan_want(r, v, PN_NUMBER, k))
			return;
		if (!(v->number > 0)) {
			plan_fail(r, "key '%s' must be > 0", k);
			return;
		}
		c->rate = v->number;
	}
	if ((v = plan_get(n, "equals"))) {
		snprintf(k, sizeof k, "%s.equals", w);
		if (!plan_want(r, v, PN_STRING, k))
			return;
		if (strlen(v->string) >= sizeof c->equals) {
			plan_fail(r, "key '%s' is too long", k);
			return;
		}
		plan_copy_text(c->equals, sizeof c->equals, v->string);
	}
	if ((v = plan_get(n, "with"))) {
		snprintf(k, sizeof k, "%s.with", w);
		c->scenario = variant(r, v, k, c);
	}
}

int
plan_from_node(const PlanNode *root, const char *path, Plan *p, char **cause)
{
	static const char *const keys[] = { "title", "source", "notes", "tolerance", "model", "cluster",
		"runtime", "strategy", "workload", "placement", "claims", NULL };
	PlanReader rd = { path, p, cause, false }, *r = &rd;
	const PlanNode *n;

	memset(p, 0, sizeof *p);
	p->path = xstrdup(path);
	const char *slash = strrchr(path, '/');
	p->dir = slash ? xasprintf("%.*s", (int)(slash - path), path) : xstrdup(".");
	if (slash == path)
		p->dir[0] = '/', p->dir[1] = '\0';
	p->tolerance = -1;

	if (!root || root->type != PN_OBJECT) {
		plan_fail(r, "a plan is an object (model, cluster, strategy, workload, placement, claims)");
		goto out;
	}
	if (!plan_known_keys(r, root, "", keys))
		goto out;
	p->title = opt_string(r, root, "title", "");
	p->source = opt_string(r, root, "source", "");
	p->notes = opt_string(r, root, "notes", "");
	if ((n = plan_get(root, "tolerance"))) {
		if (plan_want(r, n, PN_NUMBER, "tolerance") && !(n->number >= 0 && n->number < 10))
			plan_fail(r, "key 'tolerance': %g must be a fraction >= 0 (0.1 = 10%%)", n->number);
		p->tolerance = n->number;
	}
	read_scenario(r, root);
	if (r->failed)
		goto out;

	if ((n = plan_get(root, "placement")) && plan_want(r, n, PN_ARRAY, "placement")) {
		if (n->n_kids > AUDIT_MAX_GROUPS) {
			plan_fail(r, "key 'placement': more than %d groups", AUDIT_MAX_GROUPS);
			goto out;
		}
		p->groups = xcalloc((size_t)(n->n_kids ? n->n_kids : 1), sizeof *p->groups);
		for (int i = 0; i < n->n_kids && !r->failed; i++)
			plan_read_group(r, &n->kids[i], i, &p->groups[p->n_groups++]);
	}
	if (r->failed)
		goto out;
	if (!(n = plan_get(root, "claims"))) {
		plan_fail(r, "missing key 'claims' (an array of {metric, value, unit, text})");
		goto out;
	}
	if (!plan_want(r, n, PN_ARRAY, "claims"))
		goto out;
	if (n->n_kids > AUDIT_MAX_CLAIMS) {
		plan_fail(r, "key 'claims': more than %d claims", AUDIT_MAX_CLAIMS);
		goto out;
	}
	p->claims = xcalloc((size_t)(n->n_kids ? n->n_kids : 1), sizeof *p->claims);
	for (int i = 0; i < n->n_kids && !r->failed; i++)
		read_claim(r, &n->kids[i], i, &p->claims[p->n_claims++]);
	if (r->failed)
		goto out;

	/* ids are unique and every `equals` evaluates */
	for (int i = 0; i < p->n_claims && !r->failed; i++) {
		for (int j = 0; j < i && p->claims[i].id[0]; j++)
			if (strcmp(p->claims[i].id, p->claims[j].id) == 0)
				plan_fail(r, "key 'claims[%d].id': '%s' is also claims[%d]'s", i, p->claims[i].id, j);
		if (p->claims[i].equals[0] && !r->failed) {
			char err[160];
			double v;
			if (audit_expr_eval(p->claims[i].equals, p->claims, p->n_claims, &v, err, sizeof err) != 0)
				plan_fail(r, "key 'claims[%d].equals': %s", i, err);
		}
	}
out:
	if (r->failed) {
		plan_free(p);
		return -1;
	}
	return 0;
}

void
plan_free(Plan *p)
{
	free(p->path);
	free(p->dir);
	free(p->title);
	free(p->source);
	free(p->notes);
	free_settings(p->base, p->n_base);
	for (int i = 0; i < p->n_variants; i++) {
		free_settings(p->variants[i].settings, p->variants[i].n);
		free(p->variants[i].label);
	}
	free(p->variants);
	free(p->claims);
	free(p->groups);
	free(p->model_config);
	if (p->gpu) {
		free(p->gpu->name);
		free(p->gpu->like);
		free(p->gpu);
	}
	memset(p, 0, sizeof *p);
}

/* 1-based line of the byte at `at` in `text` (as hfconfig.c). */
static int
line_of(const char *text, const char *at)
{
	int line = 1;
	for (const char *q = text; q < at && *q; q++)
		line += *q == '\n';
	return line;
}

int
plan_parse_json(const char *json, const char *path, Plan *p, char **cause)
{
	cJSON *root = cJSON_ParseWithOpts(json, NULL, 1);
	PlanNode tree = { 0 };

	memset(p, 0, sizeof *p);
	if (!root) {
		const char *at = cJSON_GetErrorPtr();
		if (!at || !*at)
			*cause = xasprintf("%s: invalid JSON: the text ends early (truncated?)", path);
		else
			*cause = xasprintf("%s:%d: invalid JSON near '%.12s'", path, line_of(json, at), at);
		return -1;
	}
	node_from_cjson(root, &tree);
	cJSON_Delete(root);
	int rc = plan_from_node(&tree, path, p, cause);
	plan_node_free(&tree);
	return rc;
}
