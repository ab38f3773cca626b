/* search-assess.c: one unit (a replica layout but DP) assessed: its
 * structure, the lower bounds, eval_run at batch 1 and at growing batch
 * caps, serving at each cap, and the rejections with their nearest misses;
 * the pruning order is described at the top of search.c. */
#include "search-internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "layout.h"

/* Slack on the layout-level rate bound for ceil() effects in micro-batch sizes. */
#define LAYOUT_BOUND_SLACK 1.02

/* ---- rejections --------------------------------------------------------- */

static int
rej_key_cmp(const SearchRejection *a, const SearchRejection *b)
{
	int c;
	if ((c = icmp(a->tp, b->tp)) || (c = icmp(a->pp, b->pp)) || (c = icmp(a->ep, b->ep)) ||
	    (c = icmp(a->etp, b->etp)) || (c = icmp(a->weight_dtype, b->weight_dtype)) ||
	    (c = icmp(a->kv_dtype, b->kv_dtype)) || (c = icmp(a->batch, b->batch)))
		return c;
	return 0;
}

bool
nearer(const SearchRejection *a, const SearchRejection *b)
{
	if (b->reason == SEARCH_OK)
		return true;
	if (a->miss != b->miss)
		return a->miss < b->miss;
	return rej_key_cmp(a, b) < 0;
}

static void
reject_text(Ctx *c, const Unit *u, SearchReject why, int batch, int dp, double miss, bool bound,
    double v0, double v1, double v2, double v3, const char *text)
{
	SearchRejection j = { .reason = why, .tp = u->tp, .pp = u->pp, .ep = u->ep, .etp = u->etp,
		.dp = dp, .batch = batch, .weight_dtype = u->wd, .kv_dtype = u->kd,
		.v = { v0, v1, v2, v3 }, .miss = miss, .bound = bound };
	/* with speculation tried, the reasons are k 0's (one per layout or cap) */
	if (c->spec_k > 0)
		return;
	if (text)
		snprintf(j.check, sizeof j.check, "%s", text);
	if (c->probe) {
		SearchRejection *p = &c->probe->why;
		if (p->reason == SEARCH_OK || why > p->reason || (why == p->reason && nearer(&j, p)))
			*p = j;
		return;
	}
	c->r->rejected[why]++;
	if (nearer(&j, &c->r->nearest[why]))
		c->r->nearest[why] = j;
}

void
reject(Ctx *c, const Unit *u, SearchReject why, int batch, int dp, double miss, bool bound,
    double v0, double v1, double v2, double v3)
{
	reject_text(c, u, why, batch, dp, miss, bound, v0, v1, v2, v3, NULL);
}

/* ---- the model's constraints on a layout -------------------------------- */

static bool
unit_valid(const Model *m, const Unit *u, int redundant)
{
	/* layout.c's rules, at the unit's smallest DP; EP divides the experts
	 * plus the scenario's redundant slots (ep_redundant, EPLB) */
	return layout_tp_ok(m, u->tp) && layout_pp_ok(m, u->pp) && layout_ep_slots_ok(m, u->ep, redundant) &&
	    layout_ep_group_ok(m, u->tp, u->dp_unit > 0 ? u->dp_unit : 1, u->ep, u->etp);
}

static double
unit_flops_eff(const Ctx *c, const Unit *u)
{
	const Gpu *g = &c->base->cluster.gpu;
	/* eval's rule (latency.c gemm_peak_flops): fp8 weights at the fp8 peak */
	return gemm_peak_flops(g, u->wd, u->act) * gpu_compute_fraction(g, gemm_compute_dtype(g, u->wd, u->act));
}

/* Lower bound of the fullest stage's need against its budget (see the top
 * of the file).  Returns true when it may fit. */
bool
memory_lb(const Ctx *c, const Unit *u, double *need, double *budget, double *wts, double *fixed)
{
	const Model *m = &c->base->model;
	const Runtime *rt = &c->base->runtime;
	const ModelParams *p = &c->mp;
	double b_w = dtype_weight_bytes(u->wd);
	double b_e = dtype_is_quantized(u->wd) ? dtype_bytes(DTYPE_BF16) : b_w;
	/* routed experts keep the base's own dtype when it sets one (eval's rule) */
	const Strategy *bs = &c->base->strategy;
	double b_x = bs->expert_dtype_set ? dtype_weight_bytes(bs->expert_dtype) : b_w;
	double tp = u->tp;

	double attn = (p->attn - p->attn_replicated) / tp + p->attn_replicated + p->layer_norms;
	double layers = m->n_layers * attn + p->dense_layers * p->mlp / tp, experts = 0;
	if (p->moe_layers > 0) {
		layers += p->moe_layers * (p->shared / tp + p->router);
		experts = p->moe_layers * (double)(m->n_experts + (u->ep > 1 ? bs->ep_redundant : 0)) * p->expert /
		    ((double)u->ep * u->etp);
	}
	double w = (layers * b_w + experts * b_x + (p->embedding + p->head) / tp * b_e) / u->pp;
	double kv_layer = model_is_mla(m) ? (double)(m->kv_lora_rank + m->qk_rope_head_dim) :
	    2.0 * ceil((double)m->n_kv_heads / tp) * m->head_dim;
	double kv = (double)c->full_layers / u->pp * kv_layer * dtype_bytes(u->kd) * c->max_model_len;
	double reserve = rt->cuda_context_bytes + rt->cuda_graph_bytes +
	    (u->tp * u->pp > 1 ? rt->comm_buffer_bytes : 0);
	double cap = c->base->cluster.gpu.memory_bytes;
	double frac = runtime_mem_fraction(rt, &c->base->cluster.gpu, u->tp, u->pp);

	*wts = w;
	*fixed = reserve;
	switch (rt->mode) {
	case MEM_MODE_STATIC:
		*need = w + kv;
		*budget = cap * frac;
		break;
	case MEM_MODE_FREE:
		*need = w + reserve + kv / (frac > 0 ? frac : 1);
		*budget = cap;
		break;
	case MEM_MODE_TOTAL:
	default:
		/* CUDA graphs outside the budget before vLLM 0.21 (memory.c) */
		*need = w + reserve - (rt->cuda_graph_profiled ? 0 : rt->cuda_graph_bytes) + kv;
		*budget = cap * frac;
		break;
	}
	return *need <= *budget;
}

/* ---- assessing one unit -------------------------------------------------- */

void
set_strategy(Scenario *s, const Unit *u, int dp, int micro)
{
	Strategy *st = &s->strategy;
	st->tp = u->tp;
	st->pp = u->pp;
	st->dp = dp;
	st->ep = u->ep;
	st->etp = u->etp;
	st->micro_batches = micro;
	st->weight_dtype = u->wd;
	st->kv_dtype = u->kd;
	st->act_dtype = u->act;
	memset(st->stage_layers, 0, sizeof st->stage_layers);
}

static Sample
sample_of(const Result *r, int batch, int dp)
{
	Sample s = { .batch = batch, .tpot_s = r->latency.tpot_s,
		.spec_speedup = r->spec.on ? r->spec.speedup : 1,
		.per_gpu_bytes = r->memory.per_gpu_bytes,
		/* the fullest stage's, at this batch: with PP it can be another
		 * stage than at batch 1 (memory_summarise) */
		.weights_bytes = r->memory.weights_bytes,
		.static_rps = r->throughput.requests_per_s / (dp > 0 ? dp : 1) };
	s.bound = serving_bound(r, &s.bound_share);
	return s;
}

static double
cost_per_mtok(double usd_per_gpu_hour, int gpus, double tokens_per_s)
{
	if (usd_per_gpu_hour <= 0 || tokens_per_s <= 0)
		return 0;
	return usd_per_gpu_hour * gpus / (tokens_per_s * 3600) * 1e6;
}

/* Replicas by policy: the fewest that serve the target rate when one is set
 * (the rest of the cluster stays free), except for latency objectives,
 * which take every replica that fits; without a target, the cluster's worth
 * unless GPUs or cost are minimised. */
static int
choose_dp(const Ctx *c, int dp_min, int dp_max)
{
	SearchObjective ob = c->o->objective;
	bool latency = ob == SEARCH_OBJ_TTFT || ob == SEARCH_OBJ_TPOT;
	if (c->slo->rps > 0)
		return latency ? dp_max : dp_min;
	return (ob == SEARCH_OBJ_GPUS || ob == SEARCH_OBJ_COST) ? dp_min : dp_max;
}

static double
score_of(const Ctx *c, const SearchCandidate *k)
{
	bool target = c->slo->rps > 0;
	switch (c->o->objective) {
	case SEARCH_OBJ_TTFT: return -(target ? k->at_target.ttft_p99_s : k->ttft_s);
	case SEARCH_OBJ_TPOT: return -(target ? k->at_target.tpot_p99_s : k->tpot_idle_s);
	case SEARCH_OBJ_GPUS: return -k->gpus;
	case SEARCH_OBJ_COST: return -k->usd_per_mtok;
	case SEARCH_OBJ_TPUT_PER_GPU: default: return k->tokens_per_s_per_gpu;
	}
}

/* The filter, once per candidate; records the rejection. */
static bool
pass_filter(Ctx *c, const Unit *u, const SearchCandidate *k, int *state)
{
	if (!c->o->filter)
		return true;
	if (*state)
		return *state > 0;
	Scenario *s = &c->w->scenario;
	char why[96] = "";
	set_strategy(s, u, k->dp, k->micro_batches);
	s->workload.batch = k->batch;
	s->spec.tokens = k->spec_tokens;
	eval_run(s, &c->w->result);
	bool ok = c->o->filter(c->o->filter_ud, s, &c->w->result, why, sizeof why);
	*state = ok ? 1 : -1;
	if (!ok)
		reject_text(c, u, SEARCH_REJ_CHECK, k->batch, k->dp, 0, false, 0, 0, 0, 0, why);
	return ok;
}

typedef struct UnitInfo {
	double ttft_s, tpot1_s, weights_bytes, budget_bytes, kv_pool_bytes, max_conc;
	int gpr, dp_max, capmax;
	ServingLimit cap_limit;         /* why no larger batch cap was sampled */
} UnitInfo;

/* True when no candidate of this layout whose rate is at most `cap`
 * (req/s per replica) and whose step is at least d1 can enter the top list
 * (or beat the layout's own best, which alone would), the Pareto front, or
 * the fewest GPUs: then it need not be served.  Every bound is safe: the
 * objective at the stability limit, tokens/s per user at batch 1's step. */
static bool
cannot_matter(const Ctx *c, const Unit *u, const UnitInfo *ui, double cap, double d1,
    const SearchCandidate *best)
{
	const SearchResult *r = c->r;
	double rps = c->slo->rps;
	double ub_x = cap * c->out / ui->gpr, ub_y = 1 / d1;
	if (c->o->exhaustive)
		return false;
	int lb_dp = rps > 0 ? (int)ceil(rps / cap / u->dp_unit) * u->dp_unit : u->dp_unit;
	int lb_gpus = ui->gpr * (lb_dp > u->dp_unit ? lb_dp : u->dp_unit);
	double ub;

	switch (c->o->objective) {
	case SEARCH_OBJ_TTFT: ub = -ui->ttft_s; break;
	case SEARCH_OBJ_TPOT: ub = -d1; break;
	case SEARCH_OBJ_GPUS: ub = -lb_gpus; break;
	case SEARCH_OBJ_COST:
		ub = -(rps > 0 ? cost_per_mtok(c->usd, lb_gpus, rps * c->out) :
		    cost_per_mtok(c->usd, ui->gpr, cap * c->out));
		break;
	case SEARCH_OBJ_TPUT_PER_GPU: default: ub = ub_x; break;
	}
	bool top_no = r->top_cap == 0 || (r->n_top >= r->top_cap && ub < r->top[r->n_top - 1].score) ||
	    (best && ub < best->score);
	bool front_no = r->pareto_cap == 0 || front_dominated(r, ub_x, ub_y);
	bool fewest_no = r->has_fewest && (lb_gpus > r->fewest.gpus ||
	    (lb_gpus == r->fewest.gpus && ub_x < r->fewest.tokens_per_s_per_gpu));
	return top_no && front_no && fewest_no;
}

/* A candidate's own tokens/s per user: 1 / TPOT p50 at its operating point. */
static double
per_user(const ServingPoint *p)
{
	return p->stable && p->tpot_p50_s > 0 ? 1 / p->tpot_p50_s : 0;
}

static void
assess_cap(Ctx *c, const Unit *u, const UnitInfo *ui, const StepModel *full, const Sample *smp,
    int k, int n_samples, int micro, SearchCandidate *best, bool *has_best, int *best_filter)
{
	SearchResult *r = c->r;
	const ServingOptions *so = &c->o->serving;
	double rps = c->slo->rps;
	StepModel sm = *full;
	ServingLimit caplim, lim;
	ServingPoint at;

	sm.n = k + 1;
	sm.max_seqs = smp[k].batch;
	double cap = serving_capacity(&sm, so, &caplim);
	if (!c->probe)
		r->candidates++;
	(void)n_samples;

	/* upper bounds: can this cap matter anywhere? */
	if (!c->probe && cap > 0 && cannot_matter(c, u, ui, cap, smp[0].tpot_s, *has_best ? best : NULL)) {
		r->bounded++;
		return;
	}

	double lam = serving_max_rate(&sm, so, &c->w->tail, c->slo, &at, &lim);
	if (!(lam > 0)) {
		double t99 = c->slo->ttft_p99_s > 0 ? c->slo->ttft_p99_s : c->slo->ttft_p50_s;
		double p99 = c->slo->tpot_p99_s > 0 ? c->slo->tpot_p99_s : c->slo->tpot_p50_s;
		if (lim == SERVING_LIMIT_TTFT)
			reject(c, u, SEARCH_REJ_TTFT, smp[k].batch, u->dp_unit, at.ttft_p99_s / t99, false,
			    at.ttft_p99_s, t99, c->slo->ttft_p99_s > 0 ? 99 : 50, 1);
		else if (lim == SERVING_LIMIT_TPOT)
			reject(c, u, SEARCH_REJ_TPOT, smp[k].batch, u->dp_unit, at.tpot_p99_s / p99, false,
			    at.tpot_p99_s, p99, c->slo->tpot_p99_s > 0 ? 99 : 50, 1);
		else
			reject(c, u, SEARCH_REJ_RATE, smp[k].batch, u->dp_unit, INFINITY, false,
			    at.ttft_p99_s, at.tpot_p99_s, 0, 0);
		return;
	}

	/* replicas: enough for the target rate by the serving model and by
	 * eval's static-batch check (slo.rps), in whole EP groups */
	int dp_min = u->dp_unit;
	if (rps > 0) {
		double need = ceil(rps / lam - 1e-9);
		if (smp[k].static_rps > 0)
			need = fmax(need, ceil(rps / smp[k].static_rps - 1e-9));
		dp_min = (int)(ceil(need / u->dp_unit) * u->dp_unit);
		if (dp_min < u->dp_unit)
			dp_min = u->dp_unit;
	}
	if (dp_min > ui->dp_max) {
		reject(c, u, SEARCH_REJ_GPUS, smp[k].batch, dp_min, (double)dp_min / ui->dp_max, false,
		    (double)dp_min * ui->gpr, c->max_gpus, lam, dp_min);
		return;
	}

	SearchCandidate cand = {
		.tp = u->tp, .pp = u->pp, .ep = u->ep, .etp = u->etp, .micro_batches = micro,
		.weight_dtype = u->wd, .kv_dtype = u->kd, .act_dtype = u->act,
		.batch = smp[k].batch, .gpus_per_replica = ui->gpr, .dp_unit = u->dp_unit,
		.dp_min = dp_min, .dp_max = ui->dp_max,
		.per_gpu_bytes = smp[k].per_gpu_bytes, .weights_bytes = smp[k].weights_bytes,
		.budget_bytes = ui->budget_bytes, .kv_pool_bytes = ui->kv_pool_bytes,
		.max_concurrent_seqs = ui->max_conc, .ttft_s = ui->ttft_s, .tpot_s = smp[k].tpot_s,
		.tpot_idle_s = ui->tpot1_s, .static_rps = smp[k].static_rps,
		.capacity_rps = cap, .rate_max_rps = lam, .limit = lim,
		.batch_limit = k + 1 < n_samples ? SERVING_LIMIT_NONE : ui->cap_limit,
		.bound = smp[k].bound, .bound_share = smp[k].bound_share, .at_max = at,
		.spec_max = c->spec_max, .spec_tokens = c->spec_k, .spec_speedup = smp[k].spec_speedup,
		.spec_breakeven = -1,
	};
	cand.dp = choose_dp(c, dp_min, ui->dp_max);
	cand.gpus = cand.dp * ui->gpr;
	if (rps > 0)
		serving_point(&sm, so, &c->w->tail, rps / cand.dp, &cand.at_target);
	else
		cand.at_target = at;
	cand.tokens_per_s_per_gpu = lam * c->out / ui->gpr;
	cand.tokens_per_s_per_user = per_user(&cand.at_target);
	cand.usd_per_mtok = cost_per_mtok(c->usd, cand.gpus, rps > 0 ? rps * c->out :
	    lam * cand.dp * c->out);
	cand.score = score_of(c, &cand);

	int fstate = 0;
	if (!c->probe) {
		r->feasible++;
		if (pareto_would_enter(r, &cand) && pass_filter(c, u, &cand, &fstate))
			pareto_insert(r, &cand);
		/* the fewest GPUs: at dp_min */
		SearchCandidate few = cand;
		if (few.dp != dp_min) {
			few.dp = dp_min;
			few.gpus = dp_min * ui->gpr;
			if (rps > 0)
				serving_point(&sm, so, &c->w->tail, rps / dp_min, &few.at_target);
			few.tokens_per_s_per_user = per_user(&few.at_target);
			few.usd_per_mtok = cost_per_mtok(c->usd, few.gpus, rps > 0 ? rps * c->out :
			    lam * dp_min * c->out);
			few.score = score_of(c, &few);
		}
		if ((!r->has_fewest || fewest_better(&few, &r->fewest)) && (!c->o->filter || fstate > 0 ||
		    pass_filter(c, u, &few, &fstate))) {
			r->fewest = few;
			r->has_fewest = true;
		}
	}
	if (!*has_best || cand_cmp(&cand, best) < 0) {
		*best = cand;
		*best_filter = fstate;
		*has_best = true;
	}
}

/* The percentile of the SLO the latency bounds compare with: the tighter
 * of p50 and p99 (ctx_init's min_slo; 0 = none), for the reason's text. */
static int
slo_percentile(double p50, double p99)
{
	return p50 > 0 && (p99 <= 0 || p50 <= p99) ? 50 : 99;
}

static void assess_spec(Ctx *c, const Unit *u, const UnitInfo *ui0, SearchCandidate *bestp,
    bool *has_bestp, int *best_filterp);

void
assess_unit(Ctx *c, const Unit *u)
{
	SearchWork *w = c->w;
	Scenario *s = &w->scenario;
	const Model *m = &s->model;
	const Slo *slo = c->slo;
	UnitInfo ui = { .gpr = u->tp * u->pp };
	double need, budget, wts, fixed;

	if (!unit_valid(m, u, s->strategy.ep_redundant)) {
		reject(c, u, SEARCH_REJ_LAYOUT, 0, u->dp_unit, 0, false, 0, 0, 0, 0);
		return;
	}
	if (!layout_tp_in_domain(&c->base->cluster, u->tp) && !c->o->allow_tp_across_nodes) {
		reject(c, u, SEARCH_REJ_TP_NODES, 0, u->dp_unit, (double)u->tp / c->gpn, false, u->tp,
		    c->gpn, 0, 0);
		return;
	}
	if (ui.gpr * u->dp_unit > c->max_gpus) {
		reject(c, u, SEARCH_REJ_GPUS, 0, u->dp_unit, (double)ui.gpr * u->dp_unit / c->max_gpus,
		    false, (double)ui.gpr * u->dp_unit, c->max_gpus, 0, u->dp_unit);
		return;
	}
	ui.dp_max = c->max_gpus / ui.gpr / u->dp_unit * u->dp_unit;

	/* lower bounds before eval_run */
	if (!memory_lb(c, u, &need, &budget, &wts, &fixed)) {
		if (!c->probe)
			c->r->pruned++;
		reject(c, u, SEARCH_REJ_MEMORY, 0, u->dp_unit, need / budget, true, need, budget, wts,
		    fixed);
		return;
	}
	if (c->ttft_slo > 0) {
		double layers = c->mp.active - c->mp.embedding - c->mp.head;
		double lb = 2 * layers * c->in / (u->tp * unit_flops_eff(c, u));
		if (lb > c->ttft_slo) {
			if (!c->probe)
				c->r->pruned++;
			reject(c, u, SEARCH_REJ_TTFT, 1, u->dp_unit, lb / c->ttft_slo, true, lb,
			    c->ttft_slo, slo_percentile(slo->ttft_p50_s, slo->ttft_p99_s), 0);
			return;
		}
	}
	if (c->tpot_slo > 0) {
		/* every weight a decode step must stream: all but the routed experts
		 * (only the active ones are read) and the embedding (one row per
		 * token); at the quantized width, the LM head's 16 bits left out */
		const ModelParams *p = &c->mp;
		double dense = p->total - p->embedding -
		    (double)p->moe_layers * c->base->model.n_experts * p->expert;
		const Gpu *g = &c->base->cluster.gpu;
		double lb = dense * dtype_weight_bytes(u->wd) /
		    (u->tp * g->hbm_bytes_per_s * g->memory_fraction);
		/* a speculative step yields at most k + 1 tokens per stream */
		if (c->spec_max > 0)
			lb /= c->spec_max + 1.0;
		if (lb > c->tpot_slo) {
			if (!c->probe)
				c->r->pruned++;
			reject(c, u, SEARCH_REJ_TPOT, 1, u->dp_unit, lb / c->tpot_slo, true, lb,
			    c->tpot_slo, slo_percentile(slo->tpot_p50_s, slo->tpot_p99_s), 0);
			return;
		}
	}

	SearchCandidate best;
	bool has_best = false;
	int best_filter = 0;
	/* speculation: every k = 0..spec_max, the unit's best kept */
	for (int k = 0; k <= c->spec_max; k++) {
		c->spec_k = k;
		s->spec.tokens = k;
		assess_spec(c, u, &ui, &best, &has_best, &best_filter);
	}
	c->spec_k = 0;

	if (!has_best)
		return;
	if (!c->probe)
		c->r->feasible_layouts++;
	if (c->probe) {
		if ((!c->probe->found || cand_cmp(&best, &c->probe->best) < 0) &&
		    pass_filter(c, u, &best, &best_filter)) {
			c->probe->best = best;
			c->probe->found = true;
		}
		return;
	}
	if (top_would_enter(c->r, &best) && pass_filter(c, u, &best, &best_filter))
		top_insert(c->r, &best);
}

/* One unit at one speculative k (c->spec_k, in the work scenario): eval_run
 * at batch 1 and its checks, then every micro-batch count and batch cap
 * into best. */
static void
assess_spec(Ctx *c, const Unit *u, const UnitInfo *ui0, SearchCandidate *bestp, bool *has_bestp,
    int *best_filterp)
{
	SearchWork *w = c->w;
	Scenario *s = &w->scenario;
	Result *res = &w->result;
	UnitInfo ui = *ui0;

	/* batch 1 */
	set_strategy(s, u, u->dp_unit, 0);
	s->workload.batch = 1;
	if (!c->probe)
		c->r->evaluations++;
	if (eval_run(s, res) != EVAL_OK) {
		for (int i = 0; i < res->n_checks; i++)
			if (res->checks[i].id == CHECK_GPU_COUNT) {
				const Check *g = &res->checks[i];
				reject(c, u, SEARCH_REJ_GPUS, 1, u->dp_unit, 0, false, g->a.gpu_count.need,
				    g->a.gpu_count.have, 0, 0);
				return;
			}
		reject(c, u, SEARCH_REJ_LAYOUT, 1, u->dp_unit, 0, false, 0, 0, 0, 0);
		return;
	}
	const Check *worst = NULL;
	SearchReject worst_why = SEARCH_OK;
	for (int i = 0; i < res->n_checks; i++) {
		const Check *ck = &res->checks[i];
		SearchReject why;
		if (ck->severity != SEV_ERROR)
			continue;
		switch (ck->id) {
		case CHECK_SLO_RPS: continue;
		case CHECK_DTYPE_SUPPORT: why = SEARCH_REJ_DTYPE; break;
		case CHECK_CONTEXT_LEN: why = SEARCH_REJ_CONTEXT; break;
		case CHECK_MEMORY_FIT: why = SEARCH_REJ_MEMORY; break;
		case CHECK_KV_MAX_LEN: case CHECK_KV_ROOM: why = SEARCH_REJ_KV; break;
		case CHECK_SLO_TTFT: why = SEARCH_REJ_TTFT; break;
		case CHECK_SLO_TPOT: why = SEARCH_REJ_TPOT; break;
		case CHECK_GPU_COUNT: why = SEARCH_REJ_GPUS; break;
		default: why = SEARCH_REJ_LAYOUT; break;
		}
		if (!worst || why < worst_why) {
			worst = ck;
			worst_why = why;
		}
	}
	if (worst) {
		const CheckArgs *a = &worst->a;
		double miss = 0;
		switch (worst_why) {
		case SEARCH_REJ_MEMORY: {
			double short_need = a->memory_fit.need_bytes, allowed = a->memory_fit.allowed_bytes;
			miss = allowed > 0 ? short_need / allowed : INFINITY;
			reject(c, u, worst_why, 1, u->dp_unit, miss, false, short_need, allowed,
			    a->memory_fit.weights_bytes, a->memory_fit.fixed_bytes);
			break;
		}
		case SEARCH_REJ_KV: {
			double pool = res->memory.max_kv_tokens;
			miss = pool > 0 ? c->max_model_len / pool : INFINITY;
			reject(c, u, worst_why, 1, u->dp_unit, miss, false, pool, c->max_model_len,
			    res->memory.kv_pool_bytes, res->memory.kv_bytes_per_token);
			break;
		}
		case SEARCH_REJ_TTFT:
			reject(c, u, worst_why, 1, u->dp_unit, a->slo_ttft.ttft_s / a->slo_ttft.slo_s, false,
			    a->slo_ttft.ttft_s, a->slo_ttft.slo_s, a->slo_ttft.percentile, 0);
			break;
		case SEARCH_REJ_TPOT:
			reject(c, u, worst_why, 1, u->dp_unit, a->slo_tpot.tpot_s / a->slo_tpot.slo_s, false,
			    a->slo_tpot.tpot_s, a->slo_tpot.slo_s, a->slo_tpot.percentile, 0);
			break;
		case SEARCH_REJ_CONTEXT:
			reject(c, u, worst_why, 1, u->dp_unit,
			    (double)a->context_len.context_tokens / a->context_len.max_position, false,
			    a->context_len.context_tokens, a->context_len.max_position, 0, 0);
			break;
		case SEARCH_REJ_DTYPE:
			reject(c, u, worst_why, 1, u->dp_unit, 0, false, a->dtype_support.dtype, 1, 0, 0);
			break;
		default:
			reject(c, u, worst_why, 1, u->dp_unit, 0, false, 0, 0, 0, 0);
			break;
		}
		return;
	}

	ui.ttft_s = res->latency.ttft_s;
	ui.tpot1_s = res->latency.tpot_s;
	ui.weights_bytes = res->memory.weights_bytes;
	ui.budget_bytes = res->memory.budget_bytes;
	ui.kv_pool_bytes = res->memory.kv_pool_bytes;
	ui.max_conc = res->memory.max_concurrent_seqs;
	/* the running-batch cap: the same rule as eval's serving section */
	ui.capmax = serving_batch_cap(c->batch_max, ui.max_conc, &ui.cap_limit);
	if (ui.capmax < 1) {
		reject(c, u, SEARCH_REJ_KV, 1, u->dp_unit, INFINITY, false, res->memory.max_kv_tokens,
		    c->max_model_len, res->memory.kv_pool_bytes, res->memory.kv_bytes_per_token);
		return;
	}
	StepModel first;
	serving_step_begin(&first, s, res);
	Sample smp[SERVING_MAX_SAMPLES];
	smp[0] = sample_of(res, 1, u->dp_unit);

	int micros[3] = { u->pp, 1, 2 * u->pp }, n_micro = u->pp > 1 && c->o->micro_batch_variants ? 3 : 1;
	for (int mi = 0; mi < n_micro; mi++) {
		int micro = micros[mi];
		StepModel sm = first;
		int ns = 1;
		ServingLimit cap_limit = ui.cap_limit;
		set_strategy(s, u, u->dp_unit, micro);
		if (!c->probe && ui.capmax > 1) {
			/* the largest cap's slot limit bounds every cap's rate: D(B)/B
			 * does not grow with B under the per-operator roofline */
			s->workload.batch = ui.capmax;
			c->r->evaluations++;
			eval_run(s, res);
			double stall = c->o->serving.chunked_prefill ? first.prefill_token_s * c->in :
			    first.prefill_s;
			double ub = ui.capmax / (c->out * res->latency.tpot_s + ui.capmax * stall) *
			    LAYOUT_BOUND_SLACK;
			if (cannot_matter(c, u, &ui, ub, first.step_s[0], *has_bestp ? bestp : NULL)) {
				c->r->bounded_layouts++;
				continue;
			}
		}
		for (int b = 2; ns < SERVING_MAX_SAMPLES; b *= 2) {
			int batch = b < ui.capmax ? b : ui.capmax;
			if (batch <= smp[ns - 1].batch)
				break;
			s->workload.batch = batch;
			if (!c->probe)
				c->r->evaluations++;
			eval_run(s, res);
			if (c->tpot_slo > 0 && res->latency.tpot_s > c->tpot_slo) {
				cap_limit = SERVING_LIMIT_TPOT;
				break;
			}
			smp[ns++] = sample_of(res, batch, u->dp_unit);
			serving_step_add(&sm, batch, res);
		}
		UnitInfo uim = ui;
		uim.cap_limit = cap_limit;
		for (int k = 0; k < ns; k++)
			assess_cap(c, u, &uim, &sm, smp, k, ns, micro, bestp, has_bestp, best_filterp);
	}
}
