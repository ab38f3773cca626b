/* search.c: enumerate, evaluate and rank strategies; see search.h.
 *
 * The space, outermost first: weight dtype, KV dtype, TP, (EP, expert TP),
 * PP -- a "unit", the part split unit -- then micro-batches and the
 * running-batch cap inside it.  DP is not enumerated: every figure per
 * replica is the same for any DP, so DP follows from the objective and the
 * target rate (the fewest replicas that serve it, or as many as fit).
 *
 * Pruning, cheapest first (each counted, the nearest miss of each kind kept
 * for "why nothing fits"):
 *   1. structure (TP divides the heads, EP the experts, ...), TP inside a
 *      node, the GPU count;
 *   2. lower bounds without eval_run: the average stage's weights plus one
 *      max_model_len sequence of KV cache against the runtime's budget (the
 *      fullest stage holds at least the average); idle TTFT at least the
 *      layers' prefill FLOPs over TP GPUs at the achievable peak; TPOT at
 *      least the non-expert weights over TP GPUs' achievable bandwidth;
 *   3. eval_run at batch 1: memory fit, KV room, dtype support, idle SLOs;
 *   4. batch caps 2, 4, ...: stop at the first whose full-batch TPOT breaks
 *      the SLO (eval would flag it, and larger batches only get slower);
 *   5. per cap, before the serving analysis: an upper bound on the objective
 *      (the stability limit instead of the SLO-bound rate) that cannot reach
 *      the top list, a Pareto point dominated by the front, and no chance of
 *      needing fewer GPUs: skipped ("bounded").
 * Only a unit's best candidate enters the top list, so the table shows
 * distinct layouts; every candidate may enter the Pareto front, where the
 * batch cap is the knob that trades per-user speed for throughput. */
#include "search.h"

#include <string.h>

#include "layout.h"
#include "params.h"
#include "search-internal.h"

/* Compute capability with bf16 tensor cores (NVIDIA, Ampere); as checks.c. */
#define CC_BF16 80
/* The order dtypes are tried in: compact first, whose layouts tend to rank
 * high and so tighten the bounds early.  Results do not depend on it. */
static const Dtype dtype_order[] = { DTYPE_W4A8, DTYPE_INT4, DTYPE_MXFP4, DTYPE_NVFP4, DTYPE_FP8,
	DTYPE_INT8, DTYPE_BF16, DTYPE_FP16, DTYPE_FP32 };
#define N_DTYPES (int)(sizeof dtype_order / sizeof dtype_order[0])

static double
min_slo(double a, double b)
{
	if (a > 0 && b > 0)
		return a < b ? a : b;
	return a > 0 ? a : b;
}

static int
gcd(int a, int b)
{
	while (b) {
		int t = a % b;
		a = b;
		b = t;
	}
	return a;
}

/* ---- options, names -------------------------------------------------- */

void
search_work_init(SearchWork *w)
{
	w->tail.valid = false;
}

void
search_options_init(SearchOptions *o)
{
	memset(o, 0, sizeof *o);
	o->objective = SEARCH_OBJ_TPUT_PER_GPU;
	o->micro_batch_variants = true;
	serving_options_init(&o->serving);
	o->parts = 1;
}

void
search_result_init(SearchResult *r, SearchCandidate *top, int top_cap, SearchCandidate *pareto,
    int pareto_cap)
{
	memset(r, 0, sizeof *r);
	r->top = top;
	r->top_cap = top ? top_cap : 0;
	r->pareto = pareto;
	r->pareto_cap = pareto ? pareto_cap : 0;
}

static const struct {
	const char *name, *label;
} objective_table[SEARCH_OBJ_COUNT] = {
	[SEARCH_OBJ_TPUT_PER_GPU] = { "throughput", "throughput per GPU" },
	[SEARCH_OBJ_TTFT] = { "ttft", "TTFT p99" },
	[SEARCH_OBJ_TPOT] = { "tpot", "TPOT p99" },
	[SEARCH_OBJ_GPUS] = { "gpus", "GPUs used" },
	[SEARCH_OBJ_COST] = { "cost", "cost per million output tokens" },
};

const char *
search_objective_name(SearchObjective o)
{
	return o < SEARCH_OBJ_COUNT ? objective_table[o].name : "?";
}

const char *
search_objective_label(SearchObjective o)
{
	return o < SEARCH_OBJ_COUNT ? objective_table[o].label : "?";
}

int
search_objective_parse(const char *name, SearchObjective *out)
{
	for (int i = 0; i < SEARCH_OBJ_COUNT; i++)
		if (strcmp(name, objective_table[i].name) == 0) {
			*out = (SearchObjective)i;
			return 0;
		}
	if (strcmp(name, "tput-per-gpu") == 0 || strcmp(name, "throughput-per-gpu") == 0 ||
	    strcmp(name, "tput") == 0) {
		*out = SEARCH_OBJ_TPUT_PER_GPU;
		return 0;
	}
	if (strcmp(name, "usd") == 0 || strcmp(name, "usd-per-mtok") == 0) {
		*out = SEARCH_OBJ_COST;
		return 0;
	}
	return -1;
}

const char *
search_reject_name(SearchReject r)
{
	static const char *const names[SEARCH_REJ_COUNT] = {
		[SEARCH_OK] = "ok", [SEARCH_REJ_LAYOUT] = "layout", [SEARCH_REJ_TP_NODES] = "tp_nodes",
		[SEARCH_REJ_DTYPE] = "dtype", [SEARCH_REJ_CONTEXT] = "context",
		[SEARCH_REJ_MEMORY] = "memory", [SEARCH_REJ_KV] = "kv", [SEARCH_REJ_TTFT] = "ttft",
		[SEARCH_REJ_TPOT] = "tpot", [SEARCH_REJ_RATE] = "rate", [SEARCH_REJ_GPUS] = "gpus",
		[SEARCH_REJ_CHECK] = "check",
	};
	return r < SEARCH_REJ_COUNT ? names[r] : "?";
}

const char *
search_probe_name(SearchProbeKind k)
{
	switch (k) {
	case SEARCH_PROBE_BASE: return "the scenario's own layout";
	case SEARCH_PROBE_TP_NODE: return "the widest TP in a node";
	case SEARCH_PROBE_REPLICAS: return "the most replicas";
	case SEARCH_PROBE_PP_NODES: return "TP in a node, PP across nodes";
	case SEARCH_PROBE_EP_ALL: return "EP across every GPU";
	case SEARCH_PROBE_COUNT: break;
	}
	return "?";
}

int
search_spec_max(const Scenario *base, const SearchOptions *o)
{
	int k = o->spec_max > 0 ? o->spec_max : base->spec.tokens;
	int most = (int)param_def(PARAM_SPEC_TOKENS)->max;
	return k < 0 ? 0 : k > most ? most : k;
}

int
search_dtype_mask_parse(const char *text, bool kv, unsigned *mask)
{
	unsigned m = 0;
	const char *p = text;

	if (strcmp(text, "all") == 0) {
		/* vLLM's KV cache is 16-bit or fp8 (kv_cache_dtype auto/fp8) */
		*mask = kv ? 1u << DTYPE_BF16 | 1u << DTYPE_FP8 :
		    1u << DTYPE_BF16 | 1u << DTYPE_FP8 | 1u << DTYPE_INT8 | 1u << DTYPE_INT4;
		return 0;
	}
	while (*p) {
		char name[32];
		size_t len = strcspn(p, ",");
		Dtype d;
		if (len == 0 || len >= sizeof name)
			return -1;
		memcpy(name, p, len);
		name[len] = '\0';
		if (dtype_parse(name, &d) != 0 || (kv && dtype_info(d)->weights_only))
			return -1;
		m |= 1u << d;
		p += len;
		if (*p == ',')
			p++;
	}
	if (!m)
		return -1;
	*mask = m;
	return 0;
}

/* ---- the enumeration ----------------------------------------------------- */

static bool
gpu_has_bf16(const Gpu *g)
{
	return g->peak_flops[DTYPE_BF16] > 0 && (g->compute_capability == 0 ||
	    g->compute_capability >= CC_BF16);
}

/* A weight dtype's compute dtype on this GPU (as setup.c: 16-bit weights
 * compute in their own type, quantized ones in bf16 where the GPU has it);
 * bf16 weights on a GPU without bf16 become fp16. */
static void
resolve_dtypes(const Ctx *c, Dtype wd, Dtype kd, Unit *u)
{
	u->wd = wd == DTYPE_BF16 && !c->has_bf16 ? DTYPE_FP16 : wd;
	if (u->wd == DTYPE_FP32 || u->wd == DTYPE_FP16 || u->wd == DTYPE_BF16)
		u->act = u->wd;
	else
		u->act = c->has_bf16 ? DTYPE_BF16 : DTYPE_FP16;
	u->kd = kd == DTYPE_BF16 && !c->has_bf16 ? DTYPE_FP16 : kd;
}

static void
ctx_init(Ctx *c, const Scenario *base, const SearchOptions *o, SearchWork *w, SearchResult *r)
{
	const Model *m = &base->model;
	memset(c, 0, sizeof *c);
	c->base = base;
	c->o = o;
	c->w = w;
	c->r = r;
	c->slo = &base->workload.slo;
	model_params(m, &c->mp);
	int gpus = cluster_gpus(&base->cluster);
	c->max_gpus = o->max_gpus > 0 && o->max_gpus < gpus ? o->max_gpus : gpus;
	if (c->max_gpus > SEARCH_MAX_GPUS)
		c->max_gpus = SEARCH_MAX_GPUS;
	/* the TP bound: one NVLink domain (layout_tp_in_domain) */
	c->gpn = cluster_nvlink_domain(&base->cluster);
	c->batch_max = o->batch_max > 0 ? o->batch_max :
	    base->runtime.max_num_seqs > 0 ? base->runtime.max_num_seqs : 1024;
	if (c->batch_max > 1 << (SERVING_MAX_SAMPLES - 2))
		c->batch_max = 1 << (SERVING_MAX_SAMPLES - 2);
	c->usd = o->gpu_hour_usd > 0 ? o->gpu_hour_usd : base->cluster.gpu_hour_usd;
	c->in = base->workload.input_len - eval_cached_tokens(base);     /* the prefill's tokens */
	c->out = base->workload.output_len;
	c->max_model_len = base->workload.max_model_len > 0 ? base->workload.max_model_len :
	    base->workload.input_len + base->workload.output_len;
	c->full_layers = model_layers_of_kind(m, 0, 0, m->n_layers) +
	    model_layers_of_kind(m, LAYER_MOE, 0, m->n_layers);
	c->ttft_slo = min_slo(c->slo->ttft_p50_s, c->slo->ttft_p99_s);
	c->tpot_slo = min_slo(c->slo->tpot_p50_s, c->slo->tpot_p99_s);
	c->has_bf16 = gpu_has_bf16(&base->cluster.gpu);
	c->spec_max = search_spec_max(base, o);
	r->max_gpus = c->max_gpus;
	r->gpu_hour_usd = c->usd;
}

/* (ep, etp) pairs for tp: EP 1 with experts TP-sharded like the MLP; EP a
 * divisor of the experts with whole experts (etp 1) or TP-sharded (etp tp). */
static int
ep_pairs(const Ctx *c, int tp, int pairs[][2], int cap)
{
	const Model *m = &c->base->model;
	int n = 0;
	pairs[n][0] = 1;
	pairs[n][1] = tp;
	n++;
	if (!model_is_moe(m))
		return n;
	/* the base scenario's redundant slots (ep_redundant) count: 256 + 32 over
	 * EP 72 (SGLang's wide-EP decode pool) */
	int slots = m->n_experts + c->base->strategy.ep_redundant;
	for (int ep = 2; ep <= slots && ep <= c->max_gpus && n + 2 <= cap; ep++) {
		if (!layout_ep_slots_ok(m, ep, c->base->strategy.ep_redundant))
			continue;
		pairs[n][0] = ep;
		pairs[n][1] = 1;
		n++;
		if (tp > 1 && ep * tp <= c->max_gpus) {
			pairs[n][0] = ep;
			pairs[n][1] = tp;
			n++;
		}
	}
	return n;
}

long
search_run(const Scenario *base, const SearchOptions *o, SearchWork *w, SearchResult *r)
{
	Ctx c;
	int pairs[256][2];
	long index = 0;
	int parts = o->parts > 0 ? o->parts : 1, part = o->part;

	ctx_init(&c, base, o, w, r);
	if (!serving_tail_matches(&w->tail, &o->serving, c.in, c.out))
		serving_tail_init(&w->tail, &o->serving, c.in, c.out);
	if (&w->scenario != base)
		w->scenario = *base;
	/* the ranking is of aggregated layouts, whatever the base: a
	 * disaggregated base's decode layout is one of them
	 * (disagg_search ranks the pools; every front end alike) */
	w->scenario.disagg.prefill_dp = 0;
	const Model *m = &base->model;
	unsigned wmask = o->weight_dtypes ? o->weight_dtypes : 1u << base->strategy.weight_dtype;
	unsigned kmask = o->kv_dtypes ? o->kv_dtypes : 1u << base->strategy.kv_dtype;
	unsigned seen_w = 0;
	bool first_combo = true;

	for (int wi = 0; wi < N_DTYPES; wi++) {
		if (!(wmask & 1u << dtype_order[wi]))
			continue;
		Unit u = { 0 };
		resolve_dtypes(&c, dtype_order[wi], DTYPE_BF16, &u);
		if (seen_w & 1u << u.wd)
			continue;
		seen_w |= 1u << u.wd;
		unsigned seen_k = 0;
		for (int ki = 0; ki < N_DTYPES; ki++) {
			if (!(kmask & 1u << dtype_order[ki]))
				continue;
			resolve_dtypes(&c, dtype_order[wi], dtype_order[ki], &u);
			if (seen_k & 1u << u.kd)
				continue;
			seen_k |= 1u << u.kd;
			for (int tp = 1; tp <= m->n_heads && tp <= c.max_gpus; tp++) {
				if (!layout_tp_ok(m, tp))
					continue;
				u.tp = tp;
				if (!layout_tp_in_domain(&base->cluster, tp) && !o->allow_tp_across_nodes) {
					if (first_combo && part == 0) {
						u.pp = 1;
						u.ep = 1;
						u.etp = tp;
						reject(&c, &u, SEARCH_REJ_TP_NODES, 0, 1, (double)tp / c.gpn, false,
						    tp, c.gpn, 0, 0);
					}
					continue;
				}
				int n_pairs = ep_pairs(&c, tp, pairs, 256);
				for (int pi = 0; pi < n_pairs; pi++) {
					u.ep = pairs[pi][0];
					u.etp = pairs[pi][1];
					/* the smallest DP for which EP x expert-TP divides TP x DP */
					u.dp_unit = u.ep * u.etp / gcd(tp, u.ep * u.etp);
					if (!layout_ep_group_ok(m, tp, u.dp_unit, u.ep, u.etp))
						continue;
					for (int pp = 1; layout_pp_ok(m, pp); pp++) {
						if (tp * pp * u.dp_unit > c.max_gpus)
							break;
						if (index++ % parts != part)
							continue;
						u.pp = pp;
						r->layouts++;
						assess_unit(&c, &u);
					}
				}
			}
			first_combo = false;
		}
	}
	return r->feasible;
}

void
search_merge(SearchResult *dst, const SearchResult *src, const SearchOptions *o)
{
	(void)o;
	for (int i = 0; i < src->n_top; i++)
		if (top_would_enter(dst, &src->top[i]))
			top_insert(dst, &src->top[i]);
	for (int i = 0; i < src->n_pareto; i++)
		if (pareto_would_enter(dst, &src->pareto[i]))
			pareto_insert(dst, &src->pareto[i]);
	dst->pareto_truncated |= src->pareto_truncated;
	dst->layouts += src->layouts;
	dst->pruned += src->pruned;
	dst->evaluations += src->evaluations;
	dst->candidates += src->candidates;
	dst->bounded += src->bounded;
	dst->bounded_layouts += src->bounded_layouts;
	dst->feasible += src->feasible;
	dst->feasible_layouts += src->feasible_layouts;
	for (int i = 0; i < SEARCH_REJ_COUNT; i++) {
		dst->rejected[i] += src->rejected[i];
		if (src->nearest[i].reason != SEARCH_OK && nearer(&src->nearest[i], &dst->nearest[i]))
			dst->nearest[i] = src->nearest[i];
	}
	if (src->has_fewest && (!dst->has_fewest || fewest_better(&src->fewest, &dst->fewest))) {
		dst->fewest = src->fewest;
		dst->has_fewest = true;
	}
	if (!dst->max_gpus)
		dst->max_gpus = src->max_gpus;
	if (!dst->gpu_hour_usd)
		dst->gpu_hour_usd = src->gpu_hour_usd;
}

/* ---- probes ------------------------------------------------------------------ */

static int
widest_tp(const Model *m, int limit)
{
	int best = 1;
	for (int t = 1; t <= limit && t <= m->n_heads; t++)
		if (layout_tp_ok(m, t))
			best = t;
	return best;
}

static void
probe_run(Ctx *c, SearchProbe *p)
{
	const SearchOptions *o = c->o;
	unsigned wmask = o->weight_dtypes ? o->weight_dtypes : 1u << c->base->strategy.weight_dtype;
	unsigned kmask = o->kv_dtypes ? o->kv_dtypes : 1u << c->base->strategy.kv_dtype;
	const Model *m = &c->base->model;

	c->probe = p;
	for (int wi = 0; wi < N_DTYPES; wi++) {
		if (!(wmask & 1u << dtype_order[wi]))
			continue;
		for (int ki = 0; ki < N_DTYPES; ki++) {
			if (!(kmask & 1u << dtype_order[ki]))
				continue;
			Unit u = { .tp = p->tp, .pp = p->pp, .ep = p->ep };
			resolve_dtypes(c, dtype_order[wi], dtype_order[ki], &u);
			u.etp = u.ep > 1 ? 1 : u.tp;
			if (model_is_moe(m) && c->base->strategy.ep == u.ep && c->base->strategy.etp > 0 &&
			    p->kind == SEARCH_PROBE_BASE)
				u.etp = c->base->strategy.etp;
			u.dp_unit = u.ep * u.etp / gcd(u.tp, u.ep * u.etp);
			assess_unit(c, &u);
		}
	}
	c->probe = NULL;
	if (p->found) {
		p->dp = p->best.dp;
		for (int i = 0; i < c->r->n_top; i++)
			if (c->r->top[i].tp == p->tp && c->r->top[i].pp == p->pp && c->r->top[i].ep == p->ep) {
				p->rank = i + 1;
				break;
			}
	} else {
		p->dp = c->max_gpus / (p->tp * p->pp) > 0 ? c->max_gpus / (p->tp * p->pp) : 1;
	}
}

static void
probe_add(Ctx *c, SearchResult *r, SearchProbeKind kind, int tp, int pp, int ep)
{
	if (r->n_probes >= SEARCH_MAX_PROBES || tp < 1 || pp < 1 || ep < 1)
		return;
	for (int i = 0; i < r->n_probes; i++)
		if (r->probes[i].tp == tp && r->probes[i].pp == pp && r->probes[i].ep == ep)
			return;
	SearchProbe *p = &r->probes[r->n_probes++];
	memset(p, 0, sizeof *p);
	p->kind = kind;
	p->tp = tp;
	p->pp = pp;
	p->ep = ep;
	probe_run(c, p);
}

/* c's spec_breakeven (search.h): eval_spec_breakeven of its layout at its
 * own k, or at k 0 the largest over k = 1..spec_max (0 when one of them
 * pays at every batch). */
static void
spec_breakeven_of(const Scenario *base, SearchWork *w, SearchCandidate *c)
{
	int lo = c->spec_tokens > 0 ? c->spec_tokens : 1, hi = c->spec_tokens > 0 ? c->spec_tokens : c->spec_max;
	int most = -1;

	search_scenario(base, c, &w->scenario);
	for (int k = lo; k <= hi; k++) {
		w->scenario.spec.tokens = k;
		if (eval_run(&w->scenario, &w->result) != EVAL_OK)
			continue;
		int be = eval_spec_breakeven(&w->scenario, &w->result);
		if (be == 0) {
			most = 0;
			break;
		}
		most = be > most ? be : most;
	}
	c->spec_breakeven = most;
}

void
search_finish(const Scenario *base, const SearchOptions *o, SearchWork *w, SearchResult *r)
{
	Ctx c;
	const Model *m = &base->model;

	for (int i = 0; i < r->n_top; i++) {
		SearchCandidate *t = &r->top[i];
		t->rank = i + 1;
		t->pareto = false;
		for (int j = 0; j < r->n_pareto; j++)
			if (key_cmp(t, &r->pareto[j]) == 0 || (same_layout(t, &r->pareto[j]) &&
			    t->batch == r->pareto[j].batch && t->micro_batches == r->pareto[j].micro_batches))
				t->pareto = true;
	}
	for (int j = 0; j < r->n_pareto; j++) {
		SearchCandidate *f = &r->pareto[j];
		f->pareto = true;
		f->rank = 0;
		for (int i = 0; i < r->n_top; i++)
			if (same_layout(f, &r->top[i]) && f->batch == r->top[i].batch &&
			    f->micro_batches == r->top[i].micro_batches)
				f->rank = i + 1;
	}

	/* probes: the obvious layouts */
	ctx_init(&c, base, o, w, r);
	if (!serving_tail_matches(&w->tail, &o->serving, c.in, c.out))
		serving_tail_init(&w->tail, &o->serving, c.in, c.out);
	w->scenario = *base;
	r->n_probes = 0;
	int gpus = c.max_gpus, gpn = c.gpn < gpus ? c.gpn : gpus;
	int tpn = widest_tp(m, gpn);
	const Strategy *st = &base->strategy;
	probe_add(&c, r, SEARCH_PROBE_BASE, st->tp, st->pp, st->ep > 0 ? st->ep : 1);
	probe_add(&c, r, SEARCH_PROBE_TP_NODE, tpn, 1, 1);
	/* the most replicas: the fewest GPUs per replica whose memory lower
	 * bound passes, TP before PP */
	for (int per = 1; per <= gpus; per++) {
		bool done = false;
		for (int tp = per < gpn ? per : gpn; tp >= 1 && !done; tp--) {
			if (per % tp || !layout_tp_ok(m, tp) || !layout_pp_ok(m, per / tp))
				continue;
			Unit u = { .tp = tp, .pp = per / tp, .ep = 1, .etp = tp, .dp_unit = 1 };
			double need, budget, wts, fixed;
			resolve_dtypes(&c, st->weight_dtype, st->kv_dtype, &u);
			if (memory_lb(&c, &u, &need, &budget, &wts, &fixed)) {
				probe_add(&c, r, SEARCH_PROBE_REPLICAS, tp, per / tp, 1);
				done = true;
			}
		}
		if (done)
			break;
	}
	int nodes = gpus / c.gpn;
	if (nodes > 1 && nodes <= m->n_layers)
		probe_add(&c, r, SEARCH_PROBE_PP_NODES, tpn, nodes, 1);
	if (model_is_moe(m)) {
		int ep = 1;
		for (int e = 1; e <= m->n_experts + st->ep_redundant && e <= gpus; e++)
			if (layout_ep_slots_ok(m, e, st->ep_redundant))
				ep = e;
		probe_add(&c, r, SEARCH_PROBE_EP_ALL, 1, 1, ep);
	}
	/* where speculation stops paying, for the ranked rows' reasons */
	for (int i = 0; i < r->n_top; i++)
		if (r->top[i].spec_max > 0)
			spec_breakeven_of(base, w, &r->top[i]);
}

/* ---- convenience -------------------------------------------------------------- */

void
search_scenario(const Scenario *base, const SearchCandidate *k, Scenario *out)
{
	Unit u = { .tp = k->tp, .pp = k->pp, .ep = k->ep, .etp = k->etp, .wd = k->weight_dtype,
		.kd = k->kv_dtype, .act = k->act_dtype };
	if (out != base)
		*out = *base;
	set_strategy(out, &u, k->dp, k->micro_batches);
	out->workload.batch = k->batch;
	out->spec.tokens = k->spec_tokens;
	out->disagg.prefill_dp = 0;     /* an aggregated layout (search_run) */
}

bool
search_best(const Scenario *base, SearchObjective objective, SearchWork *w, SearchCandidate *best)
{
	SearchOptions o;
	SearchResult r;
	SearchCandidate top[1];

	search_options_init(&o);
	o.objective = objective;
	search_result_init(&r, top, 1, NULL, 0);
	search_run(base, &o, w, &r);
	if (r.n_top < 1)
		return false;
	*best = top[0];
	best->rank = 1;
	return true;
}

int
search_fewest_gpus(const Scenario *base, const SearchOptions *o, bool ignore_slo, SearchWork *w,
    SearchCandidate *best)
{
	SearchOptions so = *o;
	int gpn = base->cluster.gpus_per_node;
	if (base->cluster.nodes <= 1 && base->cluster.gpu.gpus_per_node > gpn)
		gpn = base->cluster.gpu.gpus_per_node;
	if (gpn < 1)
		gpn = 1;

	so.objective = SEARCH_OBJ_GPUS;
	so.part = 0;
	so.parts = 1;
	so.max_gpus = 0;
	w->wide = *base;
	w->wide.cluster.gpus_per_node = gpn;
	if (ignore_slo)
		w->wide.workload.slo = (Slo){ 0 };

	/* start near the weights' lower bound, then widen 4x at a time */
	ModelParams p;
	model_params(&base->model, &p);
	unsigned wmask = o->weight_dtypes ? o->weight_dtypes : 1u << base->strategy.weight_dtype;
	double bpw = 4;
	for (int d = 0; d < DTYPE_COUNT; d++)
		if (wmask & 1u << d && dtype_weight_bytes((Dtype)d) < bpw)
			bpw = dtype_weight_bytes((Dtype)d);
	double room = base->cluster.gpu.memory_bytes * base->runtime.mem_fraction;
	double lb = room > 0 ? p.total * bpw / room : 1;
	int limit = gpn, searched = 0;
	while (limit < lb && limit < SEARCH_MAX_GPUS)
		limit *= 2;
	for (;;) {
		SearchResult r;
		int nodes = (limit + gpn - 1) / gpn;
		if (nodes * gpn > SEARCH_MAX_GPUS)
			nodes = SEARCH_MAX_GPUS / gpn > 0 ? SEARCH_MAX_GPUS / gpn : 1;
		if (nodes * gpn <= searched)
			return 0;               /* as large as it gets: nothing */
		searched = nodes * gpn;
		w->wide.cluster.nodes = nodes;
		search_result_init(&r, NULL, 0, NULL, 0);
		search_run(&w->wide, &so, w, &r);
		if (r.has_fewest) {
			*best = r.fewest;
			int g = best->gpus;
			return g > gpn ? (g + gpn - 1) / gpn * gpn : g;
		}
		limit = searched * 4;
	}
}
