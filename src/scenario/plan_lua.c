/* plan_lua.c: Lua plan files, and a plan's audit in one call; see
 * plan_lua.h. */
#include "scenario/plan_lua.h"

#include <lauxlib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/eval.h"
#include "io/hfconfig.h"
#include "lua/luastate.h"
#include "lua/preset.h"
#include "scenario/plan_text.h"
#include "scenario/setup.h"
#include "util/xmalloc.h"

/* Plans are data: a small budget catches a stray loop. */
#define PLAN_LUA_BUDGET 50000000L
/* Deeper tables than this are not a plan. */
#define PLAN_MAX_DEPTH 16
/* JSON plans are a few tens of kB. */

/* ---- Lua tables -> PlanNode -------------------------------------------- */

typedef struct Conv {
	lua_State *L;
	const char *path;
	char **cause;
	bool failed;
} Conv;

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void conv_value(Conv *cv, int idx, PlanNode *n, const char *where, int depth);

static void
conv_fail(Conv *cv, const char *where, const char *what)
{
	if (!cv->failed)
		*cv->cause = xasprintf("%s: key '%s' %s", cv->path, *where ? where : "(the plan)", what);
	cv->failed = true;
}

/* The table at idx: a sequence 1..n is an array, string keys an object. */
static void
conv_table(Conv *cv, int idx, PlanNode *n, const char *where, int depth)
{
	lua_State *L = cv->L;
	lua_Integer len = (lua_Integer)lua_rawlen(L, idx);
	int n_keys = 0, n_str = 0;

	if (depth > PLAN_MAX_DEPTH) {
		conv_fail(cv, where, "nests too deep");
		return;
	}
	lua_pushnil(L);
	while (lua_next(L, idx)) {
		n_keys++;
		if (lua_type(L, -2) == LUA_TSTRING)
			n_str++;
		lua_pop(L, 1);
	}
	if (n_keys > 0 && n_str == 0 && len == n_keys) {
		n->type = PN_ARRAY;
		for (lua_Integer i = 1; i <= len && !cv->failed; i++) {
			char w[256];
			snprintf(w, sizeof w, "%s[%lld]", where, (long long)(i - 1));
			lua_rawgeti(L, idx, i);
			conv_value(cv, lua_gettop(L), plan_node_child(n, NULL), w, depth + 1);
			lua_pop(L, 1);
		}
		return;
	}
	if (n_str != n_keys) {
		conv_fail(cv, where, "mixes list items and named keys");
		return;
	}
	n->type = PN_OBJECT;
	char **keys = xcalloc((size_t)(n_keys ? n_keys : 1), sizeof *keys);
	int k = 0;
	lua_pushnil(L);
	while (lua_next(L, idx)) {
		keys[k++] = xstrdup(lua_tostring(L, -2));
		lua_pop(L, 1);
	}
	qsort(keys, (size_t)k, sizeof *keys, cmp_str);
	for (int i = 0; i < k; i++) {
		if (!cv->failed) {
			char w[256];
			snprintf(w, sizeof w, "%s%s%s", where, *where ? "." : "", keys[i]);
			lua_getfield(L, idx, keys[i]);
			conv_value(cv, lua_gettop(L), plan_node_child(n, keys[i]), w, depth + 1);
			lua_pop(L, 1);
		}
		free(keys[i]);
	}
	free(keys);
}

static void
conv_value(Conv *cv, int idx, PlanNode *n, const char *where, int depth)
{
	lua_State *L = cv->L;

	switch (lua_type(L, idx)) {
	case LUA_TNIL:
		n->type = PN_NULL;
		break;
	case LUA_TBOOLEAN:
		n->type = PN_BOOL;
		n->boolean = lua_toboolean(L, idx);
		break;
	case LUA_TNUMBER:
		n->type = PN_NUMBER;
		n->number = lua_tonumber(L, idx);
		break;
	case LUA_TSTRING:
		n->type = PN_STRING;
		n->string = xstrdup(lua_tostring(L, idx));
		break;
	case LUA_TTABLE:
		conv_table(cv, idx, n, where, depth);
		break;
	default:
		conv_fail(cv, where, "must be a number, a string, a boolean or a table");
		break;
	}
}

int
plan_load_lua(const char *path, Plan *p, char **cause)
{
	LuaLimits lim = { .mem_bytes = LUA_DEFAULT_MEM_BYTES, .budget = PLAN_LUA_BUDGET, .one_line = true };
	PlanNode tree = { 0 };
	lua_State *L;
	int rc = -1;

	memset(p, 0, sizeof *p);
	if (!(L = luastate_new(&lim, cause)))
		return -1;
	if (luastate_dofile(L, path, 1, cause) != 0)
		goto out;
	if (!lua_istable(L, -1)) {
		*cause = xasprintf("%s: must return a table (the plan)", path);
		goto out;
	}
	Conv cv = { L, path, cause, false };
	conv_value(&cv, lua_gettop(L), &tree, "", 0);
	if (cv.failed)
		goto out;
	rc = plan_from_node(&tree, path, p, cause);
out:
	plan_node_free(&tree);
	luastate_free(L);
	return rc;
}

int
plan_load(const Catalog *c, const char *path, Plan *p, char **cause)
{
	memset(p, 0, sizeof *p);
	char *text = read_file(path, PLAN_MAX_BYTES, cause);
	if (!text)
		return -1;
	int rc;
	switch (plan_format_of(path, text)) {
	case PLAN_FORMAT_LUA:
		rc = plan_load_lua(path, p, cause);
		break;
	case PLAN_FORMAT_TEXT: {
		PlanNode tree = { 0 };
		rc = plan_text_extract(c, text, path, &tree, NULL, cause);
		if (rc == 0)
			rc = plan_from_node(&tree, path, p, cause);
		plan_node_free(&tree);
		break;
	}
	default:
		rc = plan_parse_json(text, path, p, cause);
		break;
	}
	free(text);
	return rc;
}

/* ---- models and GPUs written into the plan ------------------------------ */

typedef struct PlanLoader {
	const Catalog *cat;
	const Plan *p;
	const char *model;      /* the inline model's name, or NULL */
} PlanLoader;

static int
loader_model(void *ud, const char *name, Model *m, char **cause)
{
	const PlanLoader *pl = ud;
	if (pl->model && strcmp(name, pl->model) == 0)
		return hfconfig_parse(pl->p->model_config, pl->p->path, name, m, cause);
	return setup_model(pl->cat, name, m, cause);
}

/* A described GPU: the catalog GPU it is like, with the plan's figures;
 * a stated peak scales every dtype's peak of the base alike. */
static int
loader_gpu(void *ud, const char *name, Gpu *g, char **cause)
{
	const PlanLoader *pl = ud;
	const PlanGpu *pg = pl->p->gpu;
	if (!pg || strcmp(name, pg->name) != 0)
		return preset_gpu(pl->cat, name, g, cause);
	if (preset_gpu(pl->cat, pg->like, g, cause) != 0)
		return -1;
	snprintf(g->name, sizeof g->name, "%s", pg->name);
	if (pg->memory_bytes > 0)
		g->memory_bytes = g->datasheet_memory_bytes = pg->memory_bytes;
	if (pg->hbm_bytes_per_s > 0)
		g->hbm_bytes_per_s = pg->hbm_bytes_per_s;
	double base = g->peak_flops[DTYPE_BF16] > 0 ? g->peak_flops[DTYPE_BF16] : g->peak_flops[DTYPE_FP16];
	if (pg->peak_flops > 0 && base > 0)
		for (int d = 0; d < DTYPE_COUNT; d++)
			g->peak_flops[d] *= pg->peak_flops / base;
	return 0;
}

/* ---- building and auditing --------------------------------------------- */

/* One setting into s; the message names the plan and the key. */
static int
apply(const Plan *p, Setup *s, const PlanSetting *ps, char **cause)
{
	char *sub = NULL;
	int rc = ps->text ? setup_set(s, ps->key, ps->text, &sub) :
	    setup_set_number(s, ps->key, ps->number, &sub);
	if (rc != 0) {
		/* "bad value for 'tp': must be >= 1" -> "must be >= 1" */
		const char *why = strstr(sub, "': ");
		why = why && strncmp(sub, "bad value", 9) == 0 ? why + 3 : sub;
		*cause = xasprintf("%s: key '%s': %s", p->path, ps->where, why);
		free(sub);
	}
	return rc;
}

static bool
has_key(const Plan *p, const char *key)
{
	for (int i = 0; i < p->n_base; i++)
		if (strcmp(p->base[i].key, key) == 0)
			return true;
	return false;
}

/* What the plan leaves to shardlab's defaults, for the report. */
static char *
assumed_text(const Plan *p, const Scenario *s)
{
	char buf[AUDIT_TEXT_MAX] = "";
	size_t o = 0;
	struct { const char *key; char val[48]; } t[] = {
		{ "batch", "" }, { "input_len", "" }, { "output_len", "" }, { "runtime", "" },
		{ "dtype", "" }, { "mem_util", "" }, { "gpu", "" },
	};
	snprintf(t[0].val, sizeof t[0].val, "%d", s->workload.batch);
	snprintf(t[1].val, sizeof t[1].val, "%d", s->workload.input_len);
	snprintf(t[2].val, sizeof t[2].val, "%d", s->workload.output_len);
	snprintf(t[3].val, sizeof t[3].val, "%s", s->runtime.name);
	snprintf(t[4].val, sizeof t[4].val, "%s", dtype_name(s->strategy.weight_dtype));
	snprintf(t[5].val, sizeof t[5].val, "%.2f", s->runtime.mem_fraction);
	snprintf(t[6].val, sizeof t[6].val, "%s", s->cluster.gpu.name);
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		if (has_key(p, t[i].key) || (i == 3 && has_key(p, "name")) ||
		    (i == 6 && has_key(p, "cluster")))     /* a cluster preset names its GPU */
			continue;
		o += (size_t)snprintf(buf + o, o < sizeof buf ? sizeof buf - o : 0, "%s%s %s",
		    o ? ", " : "", t[i].key, t[i].val);
	}
	if (!o)
		return NULL;
	return xasprintf("the plan does not state %s: shardlab's defaults", buf);
}

/* The catalog with the plan's directory first when it holds presets/. */
static void
plan_catalog(const Catalog *base, const Plan *p, Catalog *out)
{
	struct stat st;
	char *presets = xasprintf("%s/presets", p->dir);

	memset(out, 0, sizeof *out);
	if (stat(presets, &st) == 0 && S_ISDIR(st.st_mode))
		out->roots[out->n_roots++] = xstrdup(p->dir);
	free(presets);
	for (int i = 0; i < base->n_roots && out->n_roots < CATALOG_MAX_ROOTS; i++)
		out->roots[out->n_roots++] = xstrdup(base->roots[i]);
}

/* The plan key a Setup failure is about ("unknown model 'x'" -> model),
 * or NULL when the message names its own file and key. */
static const char *
failed_key(const char *msg)
{
	static const struct { const char *prefix, *key; } t[] = {
		{ "unknown model ", "model" }, { "unknown cluster ", "cluster" },
		{ "unknown gpu ", "cluster.gpu" }, { "unknown runtime ", "runtime" },
		{ "unknown fabric ", "cluster.gpu" }, { "bad value for 'gpus'", "cluster.gpus" },
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
		if (strncmp(msg, t[i].prefix, strlen(t[i].prefix)) == 0)
			return t[i].key;
	return NULL;
}

/* The first claim using scenario k, for messages. */
static const char *
variant_where(const Plan *p, int k)
{
	for (int i = 0; i < p->n_claims; i++)
		if (p->claims[i].scenario == k)
			return p->claims[i].where;
	return "claims";
}

int
plan_audit(const Catalog *c, const Plan *p, AuditReport *out, char **cause)
{
	int n = 1 + p->n_variants, rc = -1, built = 0;
	Scenario *sc = xcalloc((size_t)n, sizeof *sc);
	Result *res = xcalloc((size_t)n, sizeof *res);
	AuditInput *in = xcalloc(1, sizeof *in);
	Setup base, var;
	Catalog cat;
	char *sub = NULL, *assumed = NULL;

	setup_init(&base);
	setup_init(&var);
	plan_catalog(c, p, &cat);
	PlanLoader pl = { &cat, p, NULL };
	for (int i = 0; i < p->n_base && p->model_config; i++)
		if (strcmp(p->base[i].key, "model") == 0)
			pl.model = p->base[i].text;
	SetupLoader ld = { .ud = &pl, .model = loader_model, .gpu = loader_gpu };
	for (int i = 0; i < p->n_base; i++)
		if (apply(p, &base, &p->base[i], cause) != 0)
			goto out;
	/* a plan's layout is what it says: PP, DP and EP default to 1, never
	 * filled in from the cluster's size */
	static const char *const ones[] = { "pp", "dp", "ep" };
	for (size_t i = 0; i < sizeof ones / sizeof ones[0]; i++)
		if (!has_key(p, ones[i]) && setup_set_number(&base, ones[i], 1, &sub) != 0)
			goto bad_default;

	for (int k = 0; k < n; k++) {
		setup_copy(&var, &base);
		if (k > 0)
			for (int i = 0; i < p->variants[k - 1].n; i++)
				if (apply(p, &var, &p->variants[k - 1].settings[i], cause) != 0)
					goto out;
		if (setup_build_with(&cat, &var, &ld, &sc[k], NULL, &sub) != 0) {
			if (k == 0 && strncmp(sub, p->path, strlen(p->path)) == 0)
				*cause = xstrdup(sub);  /* a model written into the plan names it already */
			else if (k == 0)
				*cause = xasprintf("%s: %s%s%s%s", p->path, failed_key(sub) ? "key '" : "",
				    failed_key(sub) ? failed_key(sub) : "", failed_key(sub) ? "': " : "", sub);
			else
				*cause = xasprintf("%s: key '%s.with': %s", p->path, variant_where(p, k), sub);
			goto out;
		}
		eval_run(&sc[k], &res[k]);
		built++;
	}
	assumed = assumed_text(p, &sc[0]);

	in->path = p->path;
	in->title = p->title;
	in->source = p->source;
	in->notes = p->notes;
	in->assumed = assumed;
	in->tolerance = p->tolerance;
	in->n_scenarios = n;
	for (int k = 0; k < n; k++) {
		in->scenarios[k] = &sc[k];
		in->results[k] = &res[k];
	}
	in->claims = p->claims;
	in->n_claims = p->n_claims;
	in->groups = p->groups;
	in->n_groups = p->n_groups;
	audit_run(in, out);
	SearchWork *w = xmalloc(sizeof *w);
	audit_best(&sc[0], &res[0], w, out);
	free(w);
	rc = 0;
	goto out;
bad_default:
	*cause = xasprintf("%s: %s", p->path, sub);
out:
	(void)built;
	free(sub);
	free(assumed);
	setup_fini(&base);
	setup_fini(&var);
	catalog_fini(&cat);
	free(sc);
	free(res);
	free(in);
	return rc;
}

int
audit_file(const Catalog *c, const char *path, AuditReport *out, char **cause)
{
	Plan p;

	if (plan_load(c, path, &p, cause) != 0)
		return -1;
	int rc = plan_audit(c, &p, out, cause);
	plan_free(&p);
	return rc;
}
