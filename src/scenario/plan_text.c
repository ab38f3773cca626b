/* plan_text.c: a text plan -> the plan tree (plan_text.h): the lines
 * (plan_text-lex.c), then the layout and placement (plan_text-layout.c),
 * engine blocks and metric phrases (plan_text-claims.c), hardware and
 * model (plan_text-hw.c), and the tree in the JSON schema that io/plan.c
 * reads (docs/audit.md).  One path: a text plan and its --extract JSON
 * give the same Plan. */
#include "plan_text-internal.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xmalloc.h"

PlanFormat
plan_format_of(const char *path, const char *text)
{
	size_t len = strlen(path);
	const char *s = text;
	if (strncmp(s, "\xef\xbb\xbf", 3) == 0)
		s += 3;
	while (isspace((unsigned char)*s))
		s++;
	if (*s == '{' || *s == '[')
		return PLAN_FORMAT_JSON;
	if ((len > 4 && strcmp(path + len - 4, ".lua") == 0) || strncmp(s, "return", 6) == 0 ||
	    strncmp(s, "local ", 6) == 0 || (strncmp(s, "--", 2) == 0 && s[2] != '-'))
		return PLAN_FORMAT_LUA;
	if (len > 5 && strcmp(path + len - 5, ".json") == 0)
		return PLAN_FORMAT_JSON;        /* let the JSON reader say what is wrong */
	return PLAN_FORMAT_TEXT;
}

/* ---- the shared helpers ---------------------------------------------------- */

/* Append sep (when *buf holds text) and one formatted line to the growing
 * *buf of *len bytes in *cap: doubling, so a long plan stays linear. */
static void
append(char **buf, size_t *len, size_t *cap, const char *sep, const char *fmt, va_list ap)
{
	char line[1024];
	int k = vsnprintf(line, sizeof line, fmt, ap);
	size_t add = (*len ? strlen(sep) : 0) + (k < 0 ? 0 : k >= (int)sizeof line ? sizeof line - 1 : (size_t)k);

	if (*len + add + 1 > *cap) {
		size_t want = *cap ? *cap : 256;
		while (want < *len + add + 1)
			want *= 2;
		*buf = xrealloc(*buf, want);
		*cap = want;
	}
	*len += (size_t)snprintf(*buf + *len, *cap - *len, "%s%s", *len ? sep : "", line);
}

void
pt_explain(PtDoc *d, const char *fmt, ...)
{
	va_list ap;
	if (!d->want_explain)
		return;
	va_start(ap, fmt);
	append(&d->explain, &d->explain_len, &d->explain_cap, "\n", fmt, ap);
	va_end(ap);
}

void
pt_assume(PtDoc *d, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	append(&d->assumed, &d->assumed_len, &d->assumed_cap, "; ", fmt, ap);
	va_end(ap);
}

static PtSet *
find_set(PtDoc *d, const char *key)
{
	for (int i = 0; i < d->n_set; i++)
		if (strcmp(d->set[i].key, key) == 0)
			return &d->set[i];
	return NULL;
}

const PtSet *
pt_get(const PtDoc *d, const char *key)
{
	return find_set((PtDoc *)d, key);
}

static PtSet *
new_set(PtDoc *d, const char *key, bool keep_first, bool *skip)
{
	PtSet *s = find_set(d, key);
	*skip = s && keep_first;
	if (!s && d->n_set < PT_MAX_SET) {
		s = &d->set[d->n_set++];
		memset(s, 0, sizeof *s);
		snprintf(s->key, sizeof s->key, "%s", key);
	}
	*skip |= !s;
	return s;
}

void
pt_set(PtDoc *d, const char *key, double v, int line, bool keep_first)
{
	bool skip;
	PtSet *s = new_set(d, key, keep_first, &skip);
	if (skip)
		return;
	s->text[0] = '\0';
	s->num = v;
	s->line = line;
}

void
pt_set_text(PtDoc *d, const char *key, const char *text, int line, bool keep_first)
{
	bool skip;
	PtSet *s = new_set(d, key, keep_first, &skip);
	if (skip)
		return;
	snprintf(s->text, sizeof s->text, "%s", text);
	s->line = line;
}

PtClaim *
pt_claim(PtDoc *d, int i)
{
	if (d->n_claims >= AUDIT_MAX_CLAIMS)
		return NULL;
	PtClaim *c = &d->claims[d->n_claims++];
	memset(c, 0, sizeof *c);
	c->line = d->l[i].no;
	c->metric = -1;
	if (d->quote)
		snprintf(c->text, sizeof c->text, "%s", d->quote);
	else
		pt_quote(&d->l[i], c->text, sizeof c->text);
	return c;
}

bool
pt_section_has(const PtDoc *d, int i, const char *words)
{
	int h = d->l[i].kind == PT_HEADING ? i : d->l[i].heading;
	if (h < 0)
		return false;
	char w[48];
	for (const char *p = words; *p;) {
		const char *bar = strchr(p, '|');
		size_t len = bar ? (size_t)(bar - p) : strlen(p);
		snprintf(w, sizeof w, "%.*s", (int)len, p);
		if (pt_has_word(d->l[h].plain, w))
			return true;
		p += len + (bar ? 1 : 0);
	}
	return false;
}

/* ---- the tree -------------------------------------------------------------- */

static PlanNode *
str(PlanNode *obj, const char *key, const char *v)
{
	PlanNode *n = plan_node_child(obj, key);
	n->type = PN_STRING;
	n->string = xstrdup(v);
	return n;
}

static PlanNode *
num(PlanNode *obj, const char *key, double v)
{
	PlanNode *n = plan_node_child(obj, key);
	n->type = PN_NUMBER;
	n->number = v;
	return n;
}

static PlanNode *
obj(PlanNode *parent, const char *key, PlanNodeType t)
{
	PlanNode *n = plan_node_child(parent, key);
	n->type = t;
	return n;
}

/* [a, b] under key (plan_node_child may move earlier children: one at a time) */
static void
pair(PlanNode *parent, const char *key, double a, double b)
{
	PlanNode *arr = obj(parent, key, PN_ARRAY);
	PlanNode *x = plan_node_child(arr, NULL);
	x->type = PN_NUMBER;
	x->number = a;
	x = plan_node_child(arr, NULL);
	x->type = PN_NUMBER;
	x->number = b;
}

static void
set_node(PlanNode *o, const PtSet *s)
{
	if (s->text[0])
		str(o, s->key, s->text);
	else
		num(o, s->key, s->num);
}

static bool
is_key(const char *k, const char *const *keys)
{
	for (; *keys; keys++)
		if (strcmp(k, *keys) == 0)
			return true;
	return false;
}

/* A synthesised model's config.json text -> an object node (a tiny
 * reader for the flat JSON synthesise() writes: strings, numbers, false,
 * and one array of strings). */
static void
model_node(PlanNode *root, const char *json)
{
	PlanNode *m = obj(root, "model", PN_OBJECT);
	const char *p = json;
	while ((p = strchr(p, '"'))) {
		const char *ke = strchr(p + 1, '"');
		if (!ke)
			break;
		char key[64];
		snprintf(key, sizeof key, "%.*s", (int)(ke - p - 1), p + 1);
		p = ke + 1;
		while (*p == ':' || *p == ' ')
			p++;
		if (*p == '"') {
			const char *ve = p + 1;
			while (*ve && *ve != '"')
				ve++;
			char *v = xasprintf("%.*s", (int)(ve - p - 1), p + 1);
			str(m, key, v);
			free(v);
			p = *ve ? ve + 1 : ve;
		} else if (*p == '[') {
			PlanNode *a = obj(m, key, PN_ARRAY);
			const char *ae = strchr(p, ']');
			const char *q = strchr(p, '"');
			if (q && ae && q < ae) {
				const char *qe = strchr(q + 1, '"');
				PlanNode *it = plan_node_child(a, NULL);
				it->type = PN_STRING;
				it->string = xasprintf("%.*s", (int)(qe - q - 1), q + 1);
			}
			p = ae ? ae + 1 : p + 1;
		} else if (strncmp(p, "false", 5) == 0 || strncmp(p, "true", 4) == 0) {
			PlanNode *b = plan_node_child(m, key);
			b->type = PN_BOOL;
			b->boolean = *p == 't';
			p += *p == 't' ? 4 : 5;
		} else {
			char *e;
			double v = strtod(p, &e);
			num(m, key, v);
			p = e;
		}
	}
}

static void
with_node(PlanNode *c, const PtWith *w)
{
	if (!w->n)
		return;
	PlanNode *o = obj(c, "with", PN_OBJECT);
	for (int k = 0; k < w->n; k++)
		set_node(o, &w->set[k]);
}

static void
build_tree(PtDoc *d, PlanNode *root)
{
	static const char *const cluster_keys[] = { "gpus", "gpus_per_node", "nodes", NULL };
	static const char *const strategy_keys[] = { "tp", "pp", "dp", "ep", "dtype", "kv_dtype", "act_dtype",
		NULL };
	static const char *const runtime_keys[] = { "mem_util", NULL };
	static const char *const slo_keys[] = { "ttft_p50", "ttft_p99", "tpot_p50", "tpot_p99", "rps", NULL };

	root->type = PN_OBJECT;
	if (!find_set(d, "tp"))
		pt_assume(d, "TP 1 (the plan states no tensor-parallel degree)");
	str(root, "title", d->title[0] ? d->title : d->path);
	str(root, "source", d->path);
	char *notes = xasprintf("Extracted from the text by shardlab audit: %d claims%s%d numbers not "
	    "understood (audit --explain-extraction lists what mapped to what)%s%s", d->n_claims,
	    d->n_groups ? ", a placement, " : "; ", d->not_understood, d->assumed ? ". Assumed: " : "",
	    d->assumed ? d->assumed : "");
	str(root, "notes", notes);
	free(notes);
	if (d->model_json)
		model_node(root, d->model_json);
	else
		set_node(root, find_set(d, "model"));

	const PtSet *preset = find_set(d, "cluster");
	if (preset && !d->gpu_like) {
		str(root, "cluster", preset->text);
	} else {
		PlanNode *c = obj(root, "cluster", PN_OBJECT);
		if (d->gpu_like) {
			PlanNode *g = obj(c, "gpu", PN_OBJECT);
			str(g, "name", d->base_gpu);
			str(g, "like", d->gpu_like);
			num(g, "memory_bytes", d->gpu_memory);
			if (d->gpu_peak > 0)
				num(g, "peak_flops", d->gpu_peak);
			str(g, "note", "not in the catalog: the plan's figures over the catalog GPU it is like");
		} else {
			str(c, "gpu", d->base_gpu);
		}
		for (int i = 0; i < d->n_set; i++)
			if (is_key(d->set[i].key, cluster_keys))
				set_node(c, &d->set[i]);
	}
	const PtSet *rt = find_set(d, "runtime");
	bool any_rt = rt != NULL;
	for (int i = 0; i < d->n_set; i++)
		any_rt |= is_key(d->set[i].key, runtime_keys);
	if (any_rt) {
		PlanNode *r = obj(root, "runtime", PN_OBJECT);
		str(r, "name", rt ? rt->text : "vllm");
		for (int i = 0; i < d->n_set; i++)
			if (is_key(d->set[i].key, runtime_keys))
				set_node(r, &d->set[i]);
	}
	PlanNode *st = obj(root, "strategy", PN_OBJECT);
	if (!find_set(d, "tp"))
		num(st, "tp", 1);
	for (int i = 0; i < d->n_set; i++)
		if (is_key(d->set[i].key, strategy_keys))
			set_node(st, &d->set[i]);
	PlanNode *w = obj(root, "workload", PN_OBJECT);
	bool any_slo = false;
	for (int i = 0; i < d->n_set; i++) {
		const char *k = d->set[i].key;
		any_slo |= is_key(k, slo_keys);
		if (!is_key(k, slo_keys) && !is_key(k, cluster_keys) && !is_key(k, strategy_keys) &&
		    !is_key(k, runtime_keys) && strcmp(k, "model") && strcmp(k, "cluster") && strcmp(k, "gpu") &&
		    strcmp(k, "runtime"))
			set_node(w, &d->set[i]);
	}
	if (any_slo) {
		PlanNode *slo = obj(w, "slo", PN_OBJECT);
		for (int i = 0; i < d->n_set; i++)
			if (is_key(d->set[i].key, slo_keys))
				set_node(slo, &d->set[i]);
	}
	if (d->n_groups) {
		PlanNode *pl = obj(root, "placement", PN_ARRAY);
		for (int k = 0; k < d->n_groups; k++) {
			const PtGroup *g = &d->groups[k];
			PlanNode *o = obj(pl, NULL, PN_OBJECT);
			str(o, "group", g->kind == GROUP_STAGE ? "stage" : "experts");
			if (g->kind == GROUP_STAGE)
				num(o, "stage", g->stage);
			PlanNode *gs = obj(o, "gpus", PN_ARRAY);
			for (int q = 0; q < g->n_gpus; q++) {
				PlanNode *it = plan_node_child(gs, NULL);
				it->type = PN_NUMBER;
				it->number = g->gpus[q];
			}
			if (g->first_layer >= 0)
				pair(o, "layers", g->first_layer, g->last_layer);
			str(o, "text", g->text);
		}
	}
	PlanNode *cl = obj(root, "claims", PN_ARRAY);
	for (int k = 0; k < d->n_claims; k++) {
		const PtClaim *c = &d->claims[k];
		PlanNode *o = obj(cl, NULL, PN_OBJECT);
		if (c->metric >= 0)
			str(o, "metric", audit_metrics[c->metric].name);
		if (c->metric >= 0 && audit_metrics[c->metric].dim == DIM_BOOL) {
			PlanNode *b = plan_node_child(o, "value");
			b->type = PN_BOOL;
			b->boolean = c->lo != 0;
		} else if (c->lo != c->hi) {
			pair(o, "value", c->lo, c->hi);
		} else {
			num(o, "value", c->lo);
		}
		double f;
		if (c->unit[0] && strcmp(c->unit, "bool") && (c->metric < 0 ||
		    audit_unit(c->unit, audit_metrics[c->metric].dim, &f) == 0))
			str(o, "unit", c->unit);
		if (c->op != CLAIM_ABOUT)
			str(o, "op", c->op == CLAIM_AT_MOST ? "at_most" : "at_least");
		if (c->each_stage)
			str(o, "stage", "each");
		if (c->rejected)
			str(o, "stance", "rejects");
		with_node(o, &c->with);
		str(o, "text", c->text);
		num(o, "line", c->line);
		if (c->note[0])
			str(o, "note", c->note);
		else if (c->metric < 0)
			str(o, "note", "not understood");
	}
}

/* The batch per replica: "Batch Size: 128" with DP 2 and "Sequences per
 * GPU: 64" is 64 sequences per replica. */
static void
batch_per_replica(PtDoc *d)
{
	PtSet *b = find_set(d, "batch");
	int m = audit_metric_find("workload.seqs_per_replica");
	if (!b || d->dp <= 1)
		return;
	for (int k = 0; k < d->n_claims; k++)
		if (d->claims[k].metric == m && d->claims[k].lo * d->dp == b->num) {
			pt_explain(d, "line %d: batch %g over DP %d: %g per replica", b->line, b->num, d->dp,
			    d->claims[k].lo);
			b->num = d->claims[k].lo;
			return;
		}
}

int
plan_text_extract(const Catalog *c, const char *text, const char *path, PlanNode *root, char **explain,
    char **cause)
{
	PtDoc *d = xcalloc(1, sizeof *d);
	int rc = -1;

	memset(root, 0, sizeof *root);
	d->cat = c;
	d->path = path;
	d->want_explain = explain != NULL;
	d->l = pt_split_lines(text, &d->n);
	d->required_with = -1;
	d->line_with = xmalloc((size_t)(d->n + 1) * sizeof *d->line_with);
	for (int i = 0; i < d->n; i++)
		d->line_with[i] = -1;
	for (int i = 0; i < d->n && !d->title[0]; i++)
		if (d->l[i].kind == PT_HEADING)
			snprintf(d->title, sizeof d->title, "%s", d->l[i].clean);

	pt_load_names(d);
	pt_layout(d);
	pt_placement(d);
	pt_engine_blocks(d);
	if (pt_hardware(d, cause) != 0 || pt_model(d, cause) != 0)
		goto out;
	pt_claims(d);
	batch_per_replica(d);
	build_tree(d, root);
	if (explain) {
		*explain = xasprintf("%s: %d claims, %d numbers not understood\n%s\n", path, d->n_claims,
		    d->not_understood, d->explain ? d->explain : "");
	}
	rc = 0;
out:
	pt_free_lines(d->l, d->n);
	free(d->line_with);
	free(d->withs);
	free(d->model_json);
	free(d->gpu_like);
	free(d->explain);
	free(d->assumed);
	catalog_list_free(d->gpu_names, d->n_gpu_names);
	catalog_list_free(d->model_names, d->n_model_names);
	free(d->gpu_usual);
	free(d);
	return rc;
}

int
plan_text_load(const Catalog *c, const char *path, PlanNode *root, char **explain, char **cause)
{
	memset(root, 0, sizeof *root);
	char *text = read_file(path, PLAN_MAX_BYTES, cause);
	if (!text)
		return -1;
	PlanFormat f = plan_format_of(path, text);
	int rc = -1;
	if (f != PLAN_FORMAT_TEXT)
		*cause = xasprintf("%s: already a %s plan: nothing to extract", path, f == PLAN_FORMAT_LUA ?
		    "Lua" : "JSON");
	else
		rc = plan_text_extract(c, text, path, root, explain, cause);
	free(text);
	return rc;
}
