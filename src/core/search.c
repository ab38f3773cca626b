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

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "layout.h"
#include "units.h"

/* Compute capability with bf16 tensor cores (NVIDIA, Ampere); as checks.c. */
#define CC_BF16 80
/* The order dtypes are tried in: compact first, whose layouts tend to rank
 * high and so tighten the bounds early.  Results do not depend on it. */
static const Dtype dtype_order[] = { DTYPE_INT4, DTYPE_FP8, DTYPE_INT8, DTYPE_BF16, DTYPE_FP16,
	DTYPE_FP32 };
/* Slack on the layout-level rate bound for ceil() effects in micro-batch sizes. */
#define LAYOUT_BOUND_SLACK 1.02
#define N_DTYPES (int)(sizeof dtype_order / sizeof dtype_order[0])

typedef struct Unit {
	int tp, pp, ep, etp, dp_unit;
	Dtype wd, kd, act;
} Unit;

/* What eval_run said at one batch cap. */
typedef struct Sample {
	int batch;
	double tpot_s, per_gpu_bytes, static_rps, bound_share;
	ServingBound bound;
} Sample;

typedef struct Ctx {
	const Scenario *base;
	const SearchOptions *o;
	SearchWork *w;
	SearchResult *r;
	SearchProbe *probe;     /* non-NULL: assess for this probe only */
	ModelParams mp;
	const Slo *slo;
	int max_gpus, gpn, batch_max, max_model_len, full_layers;
	double usd, in, out;
	double ttft_slo, tpot_slo;      /* the tighter of p50/p99 when set, as eval checks */
	bool has_bf16;
} Ctx;

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
		if (dtype_parse(name, &d) != 0)
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

/* ---- ordering ---------------------------------------------------------- */

static int
icmp(long a, long b)
{
	return a < b ? -1 : a > b;
}

/* The layout key: a total order so results do not depend on search order. */
static int
key_cmp(const SearchCandidate *a, const SearchCandidate *b)
{
	int c;
	if ((c = icmp(a->tp, b->tp)) || (c = icmp(a->pp, b->pp)) || (c = icmp(a->ep, b->ep)) ||
	    (c = icmp(a->etp, b->etp)) || (c = icmp(a->weight_dtype, b->weight_dtype)) ||
	    (c = icmp(a->kv_dtype, b->kv_dtype)) || (c = icmp(a->micro_batches, b->micro_batches)) ||
	    (c = icmp(a->batch, b->batch)) || (c = icmp(a->dp, b->dp)))
		return c;
	return 0;
}

static int
dcmp_desc(double a, double b)
{
	return a > b ? -1 : a < b;
}

/* < 0 when a ranks above b. */
static int
cand_cmp(const SearchCandidate *a, const SearchCandidate *b)
{
	int c;
	if ((c = dcmp_desc(a->score, b->score)) ||
	    (c = dcmp_desc(a->tokens_per_s_per_gpu, b->tokens_per_s_per_gpu)) ||
	    (c = icmp(a->gpus, b->gpus)) ||
	    (c = dcmp_desc(-a->at_target.tpot_p99_s, -b->at_target.tpot_p99_s)))
		return c;
	return key_cmp(a, b);
}

static bool
same_layout(const SearchCandidate *a, const SearchCandidate *b)
{
	return a->tp == b->tp && a->pp == b->pp && a->ep == b->ep && a->etp == b->etp &&
	    a->weight_dtype == b->weight_dtype && a->kv_dtype == b->kv_dtype;
}

/* ---- the top list and the Pareto front ---------------------------------- */

static bool
top_would_enter(const SearchResult *r, const SearchCandidate *c)
{
	return r->top_cap > 0 && (r->n_top < r->top_cap || cand_cmp(c, &r->top[r->n_top - 1]) < 0);
}

static void
top_insert(SearchResult *r, const SearchCandidate *c)
{
	int i = r->n_top < r->top_cap ? r->n_top++ : r->top_cap - 1;
	while (i > 0 && cand_cmp(c, &r->top[i - 1]) < 0) {
		r->top[i] = r->top[i - 1];
		i--;
	}
	r->top[i] = *c;
}

/* Points closer than this (relative, in both coordinates) are one Pareto
 * point: candidates held at the same SLO differ only by the rate
 * bisection's precision (2^-14 of capacity). */
#define PARETO_EPS 1e-3

static bool
near(double a, double b)
{
	return fabs(a - b) <= PARETO_EPS * fmax(fabs(a), fabs(b));
}

/* a dominates b on (throughput per GPU, tokens/s per user), both maximised. */
static bool
dominates(double ax, double ay, double bx, double by)
{
	return (ax >= bx || near(ax, bx)) && (ay >= by || near(ay, by)) &&
	    ((ax > bx && !near(ax, bx)) || (ay > by && !near(ay, by)));
}

static bool
same_point(double ax, double ay, double bx, double by)
{
	return near(ax, bx) && near(ay, by);
}

static bool
front_dominated(const SearchResult *r, double x, double y)
{
	for (int i = 0; i < r->n_pareto; i++)
		if (dominates(r->pareto[i].tokens_per_s_per_gpu, r->pareto[i].tokens_per_s_per_user, x, y))
			return true;
	return false;
}

static bool
pareto_would_enter(const SearchResult *r, const SearchCandidate *c)
{
	double x = c->tokens_per_s_per_gpu, y = c->tokens_per_s_per_user;
	if (r->pareto_cap <= 0)
		return false;
	for (int i = 0; i < r->n_pareto; i++) {
		const SearchCandidate *f = &r->pareto[i];
		if (dominates(f->tokens_per_s_per_gpu, f->tokens_per_s_per_user, x, y))
			return false;
		if (same_point(f->tokens_per_s_per_gpu, f->tokens_per_s_per_user, x, y) && cand_cmp(f, c) <= 0)
			return false;
	}
	return true;
}

static void
pareto_insert(SearchResult *r, const SearchCandidate *c)
{
	double x = c->tokens_per_s_per_gpu, y = c->tokens_per_s_per_user;
	int n = 0;
	for (int i = 0; i < r->n_pareto; i++) {
		const SearchCandidate *f = &r->pareto[i];
		bool same = same_point(f->tokens_per_s_per_gpu, f->tokens_per_s_per_user, x, y);
		if (dominates(x, y, f->tokens_per_s_per_gpu, f->tokens_per_s_per_user) || same)
			continue;
		r->pareto[n++] = *f;
	}
	r->n_pareto = n;
	if (n >= r->pareto_cap) {
		r->pareto_truncated = true;
		return;
	}
	int i = n;
	while (i > 0 && (r->pareto[i - 1].tokens_per_s_per_gpu < x ||
	    (r->pareto[i - 1].tokens_per_s_per_gpu == x && r->pareto[i - 1].tokens_per_s_per_user < y))) {
		r->pareto[i] = r->pareto[i - 1];
		i--;
	}
	r->pareto[i] = *c;
	r->n_pareto++;
}

static bool
fewest_better(const SearchCandidate *a, const SearchCandidate *b)
{
	if (a->gpus != b->gpus)
		return a->gpus < b->gpus;
	if (a->tokens_per_s_per_gpu != b->tokens_per_s_per_gpu)
		return a->tokens_per_s_per_gpu > b->tokens_per_s_per_gpu;
	return key_cmp(a, b) < 0;
}

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

static bool
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

static void
reject(Ctx *c, const Unit *u, SearchReject why, int batch, int dp, double miss, bool bound,
    double v0, double v1, double v2, double v3)
{
	reject_text(c, u, why, batch, dp, miss, bound, v0, v1, v2, v3, NULL);
}

/* ---- the model's constraints on a layout -------------------------------- */

static bool
unit_valid(const Model *m, const Unit *u)
{
	/* layout.c's rules, at the unit's smallest DP */
	return layout_tp_ok(m, u->tp) && layout_pp_ok(m, u->pp) && layout_ep_ok(m, u->ep) &&
	    layout_ep_group_ok(m, u->tp, u->dp_unit > 0 ? u->dp_unit : 1, u->ep, u->etp);
}

static double
unit_flops_eff(const Ctx *c, const Unit *u)
{
	const Gpu *g = &c->base->cluster.gpu;
	/* eval's rule (latency.c gemm_peak_flops): fp8 weights at the fp8 peak */
	return gemm_peak_flops(g, u->wd, u->act) * g->compute_fraction;
}

/* Lower bound of the fullest stage's need against its budget (see the top
 * of the file).  Returns true when it may fit. */
static bool
memory_lb(const Ctx *c, const Unit *u, double *need, double *budget, double *wts, double *fixed)
{
	const Model *m = &c->base->model;
	const Runtime *rt = &c->base->runtime;
	const ModelParams *p = &c->mp;
	double b_w = dtype_weight_bytes(u->wd);
	double b_e = dtype_is_quantized(u->wd) ? dtype_bytes(DTYPE_BF16) : b_w;
	double tp = u->tp;

	double attn = (p->attn - p->attn_replicated) / tp + p->attn_replicated + p->layer_norms;
	double layers = m->n_layers * attn + p->dense_layers * p->mlp / tp;
	if (p->moe_layers > 0)
		layers += p->moe_layers * ((double)m->n_experts * p->expert / ((double)u->ep * u->etp) +
		    p->shared / tp + p->router);
	double w = (layers * b_w + (p->embedding + p->head) / tp * b_e) / u->pp;
	double kv_layer = model_is_mla(m) ? (double)(m->kv_lora_rank + m->qk_rope_head_dim) :
	    2.0 * ceil((double)m->n_kv_heads / tp) * m->head_dim;
	double kv = (double)c->full_layers / u->pp * kv_layer * dtype_bytes(u->kd) * c->max_model_len;
	double reserve = rt->cuda_context_bytes + rt->cuda_graph_bytes +
	    (u->tp * u->pp > 1 ? rt->comm_buffer_bytes : 0);
	double cap = c->base->cluster.gpu.memory_bytes;

	*wts = w;
	*fixed = reserve;
	switch (rt->mode) {
	case MEM_MODE_STATIC:
		*need = w + kv;
		*budget = cap * rt->mem_fraction;
		break;
	case MEM_MODE_FREE:
		*need = w + reserve + kv / (rt->mem_fraction > 0 ? rt->mem_fraction : 1);
		*budget = cap;
		break;
	case MEM_MODE_TOTAL:
	default:
		*need = w + reserve + kv;
		*budget = cap * rt->mem_fraction;
		break;
	}
	return *need <= *budget;
}

/* ---- assessing one unit -------------------------------------------------- */

static void
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
		.per_gpu_bytes = r->memory.per_gpu_bytes,
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
		.per_gpu_bytes = smp[k].per_gpu_bytes, .weights_bytes = ui->weights_bytes,
		.budget_bytes = ui->budget_bytes, .kv_pool_bytes = ui->kv_pool_bytes,
		.max_concurrent_seqs = ui->max_conc, .ttft_s = ui->ttft_s, .tpot_s = smp[k].tpot_s,
		.tpot_idle_s = ui->tpot1_s, .static_rps = smp[k].static_rps,
		.capacity_rps = cap, .rate_max_rps = lam, .limit = lim,
		.batch_limit = k + 1 < n_samples ? SERVING_LIMIT_NONE : ui->cap_limit,
		.bound = smp[k].bound, .bound_share = smp[k].bound_share, .at_max = at,
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

static void
assess_unit(Ctx *c, const Unit *u)
{
	SearchWork *w = c->w;
	Scenario *s = &w->scenario;
	Result *res = &w->result;
	const Model *m = &s->model;
	const Slo *slo = c->slo;
	UnitInfo ui = { .gpr = u->tp * u->pp };
	double need, budget, wts, fixed;

	if (!unit_valid(m, u)) {
		reject(c, u, SEARCH_REJ_LAYOUT, 0, u->dp_unit, 0, false, 0, 0, 0, 0);
		return;
	}
	if (u->tp > c->gpn && !c->o->allow_tp_across_nodes) {
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
			    c->ttft_slo, slo->ttft_p99_s > 0 ? 99 : 50, 0);
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
		if (lb > c->tpot_slo) {
			if (!c->probe)
				c->r->pruned++;
			reject(c, u, SEARCH_REJ_TPOT, 1, u->dp_unit, lb / c->tpot_slo, true, lb,
			    c->tpot_slo, slo->tpot_p99_s > 0 ? 99 : 50, 0);
			return;
		}
	}

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
	SearchCandidate best;
	bool has_best = false;
	int best_filter = 0;
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
			if (cannot_matter(c, u, &ui, ub, first.step_s[0], has_best ? &best : NULL)) {
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
			assess_cap(c, u, &uim, &sm, smp, k, ns, micro, &best, &has_best, &best_filter);
	}

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
	c->gpn = base->cluster.gpus_per_node > 0 ? base->cluster.gpus_per_node : 1;
	c->batch_max = o->batch_max > 0 ? o->batch_max :
	    base->runtime.max_num_seqs > 0 ? base->runtime.max_num_seqs : 1024;
	if (c->batch_max > 1 << (SERVING_MAX_SAMPLES - 2))
		c->batch_max = 1 << (SERVING_MAX_SAMPLES - 2);
	c->usd = o->gpu_hour_usd > 0 ? o->gpu_hour_usd : base->cluster.gpu_hour_usd;
	c->in = base->workload.input_len;
	c->out = base->workload.output_len;
	c->max_model_len = base->workload.max_model_len > 0 ? base->workload.max_model_len :
	    base->workload.input_len + base->workload.output_len;
	c->full_layers = model_layers_of_kind(m, 0, 0, m->n_layers) +
	    model_layers_of_kind(m, LAYER_MOE, 0, m->n_layers);
	c->ttft_slo = min_slo(c->slo->ttft_p50_s, c->slo->ttft_p99_s);
	c->tpot_slo = min_slo(c->slo->tpot_p50_s, c->slo->tpot_p99_s);
	c->has_bf16 = gpu_has_bf16(&base->cluster.gpu);
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
	for (int ep = 2; ep <= m->n_experts && ep <= c->max_gpus && n + 2 <= cap; ep++) {
		if (!layout_ep_ok(m, ep))
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
				if (tp > c.gpn && !o->allow_tp_across_nodes) {     /* layout_tp_in_node */
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
		for (int e = 1; e <= m->n_experts && e <= gpus; e++)
			if (layout_ep_ok(m, e))
				ep = e;
		probe_add(&c, r, SEARCH_PROBE_EP_ALL, 1, 1, ep);
	}
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

/* ---- text ------------------------------------------------------------------------ */

/* A bounded appender. */
typedef struct {
	char *buf;
	size_t n, len;
} Out;

static void out(Out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
out(Out *o, const char *fmt, ...)
{
	va_list ap;
	if (o->n == 0 || o->len + 1 >= o->n)
		return;
	va_start(ap, fmt);
	int k = vsnprintf(o->buf + o->len, o->n - o->len, fmt, ap);
	va_end(ap);
	if (k > 0)
		o->len = o->len + (size_t)k < o->n ? o->len + (size_t)k : o->n - 1;
}

static int
layout_text(Out *o, int tp, int pp, int dp, int ep, int etp, Dtype wd, Dtype kd, int batch, int micro,
    bool moe)
{
	out(o, "TP %d x PP %d x DP %d", tp, pp, dp);
	if (moe && ep > 1)
		out(o, ", EP %d%s", ep, etp > 1 ? " (expert TP)" : "");
	out(o, ", %s", dtype_name(wd));
	if (kd != wd)
		out(o, " + %s KV", dtype_name(kd));
	if (batch > 0)
		out(o, ", batch %d", batch);
	if (micro > 0 && pp > 1 && micro != pp)
		out(o, ", %d micro-batches", micro);
	return (int)o->len;
}

int
search_format_layout(const SearchCandidate *c, char *buf, size_t n)
{
	Out o = { buf, n, 0 };
	if (n)
		buf[0] = '\0';
	return layout_text(&o, c->tp, c->pp, c->dp, c->ep, c->etp, c->weight_dtype, c->kv_dtype, c->batch,
	    c->micro_batches, c->ep > 1);
}

static const char *
rate_text(double rps, char *buf, size_t n)
{
	snprintf(buf, n, rps >= 10 ? "%.1f req/s" : "%.2f req/s", rps);
	return buf;
}

/* The binding constraint: memory, compute, HBM bandwidth,
 * communication or SLO. */
static const char *
binding_kind(const SearchCandidate *c)
{
	switch (c->limit) {
	case SERVING_LIMIT_TTFT: case SERVING_LIMIT_TPOT: return "SLO";
	case SERVING_LIMIT_KV: return "memory";
	case SERVING_LIMIT_PREFILL: return "compute";
	case SERVING_LIMIT_BATCH:
		if (c->batch_limit == SERVING_LIMIT_TPOT)
			return "SLO";
		if (c->batch_limit == SERVING_LIMIT_KV)
			return "memory";
		break;
	default: break;
	}
	return serving_bound_name(c->bound);
}

int
search_format_binding(const SearchCandidate *c, char *buf, size_t n)
{
	const char *lim = c->limit == SERVING_LIMIT_BATCH && c->batch_limit == SERVING_LIMIT_TPOT ?
	    "TPOT SLO (batch)" : serving_limit_name(c->limit);
	return snprintf(buf, n, "%s; %s-bound", lim, serving_bound_name(c->bound));
}

int
search_format_why(const Scenario *base, const SearchOptions *so, const SearchResult *r,
    const SearchCandidate *c, char *buf, size_t n)
{
	Out o = { buf, n, 0 };
	char a[48], b[48], d[48], e[48];
	const Slo *slo = &base->workload.slo;

	if (n)
		buf[0] = '\0';
	(void)so;
	bool any_slo = slo->ttft_p50_s > 0 || slo->ttft_p99_s > 0 || slo->tpot_p50_s > 0 ||
	    slo->tpot_p99_s > 0;
	out(&o, "sustains %s per replica%s", rate_text(c->rate_max_rps, a, sizeof a),
	    any_slo ? " within the SLOs" : " (no latency SLO: its capacity)");
	switch (c->limit) {
	case SERVING_LIMIT_TTFT: case SERVING_LIMIT_TPOT: {
		/* the percentile nearest its SLO is the one that binds */
		bool ttft = c->limit == SERVING_LIMIT_TTFT;
		double v50 = ttft ? c->at_max.ttft_p50_s : c->at_max.tpot_p50_s;
		double v99 = ttft ? c->at_max.ttft_p99_s : c->at_max.tpot_p99_s;
		double s50 = ttft ? slo->ttft_p50_s : slo->tpot_p50_s;
		double s99 = ttft ? slo->ttft_p99_s : slo->tpot_p99_s;
		bool p50 = s50 > 0 && (s99 <= 0 || v50 / s50 > v99 / s99);
		out(&o, "; the %s p%d SLO binds (%s of %s", ttft ? "TTFT" : "TPOT", p50 ? 50 : 99,
		    fmt_seconds(p50 ? v50 : v99, b, sizeof b), fmt_seconds(p50 ? s50 : s99, d, sizeof d));
		if (ttft)
			out(&o, " at %.0f%% of the %s the replica can hold)", 100 * c->at_max.load,
			    rate_text(c->capacity_rps, e, sizeof e));
		else
			out(&o, ", %.0f running of at most %d)", c->at_max.batch_mean, c->batch);
		break;
	}
	case SERVING_LIMIT_KV:
		out(&o, "; memory binds: the KV cache holds %d sequences of %d tokens",
		    c->batch, base->workload.input_len + base->workload.output_len);
		break;
	case SERVING_LIMIT_BATCH:
		if (c->batch_limit == SERVING_LIMIT_TPOT)
			out(&o, "; the batch cap of %d binds: twice that breaks the TPOT SLO", c->batch);
		else if (c->batch_limit == SERVING_LIMIT_KV)
			out(&o, "; memory binds: the KV cache holds %d sequences", c->batch);
		else
			out(&o, "; the batch cap of %d binds (larger caps did worse)", c->batch);
		break;
	case SERVING_LIMIT_PREFILL:
		out(&o, "; prefill binds (the %d-token step budget or prefill compute)",
		    base->workload.max_batched_tokens > 0 ? base->workload.max_batched_tokens :
		    base->runtime.max_num_batched_tokens);
		break;
	default:
		break;
	}
	out(&o, "; the decode step is %s-bound (%.0f%% of %s at batch %d); weights %s of %s per GPU",
	    serving_bound_name(c->bound), 100 * c->bound_share, fmt_seconds(c->tpot_s, b, sizeof b),
	    c->batch, fmt_bytes(c->weights_bytes, d, sizeof d), fmt_bytes(c->budget_bytes, e, sizeof e));
	if (slo->rps > 0) {
		const ServingPoint *t = &c->at_target;
		out(&o, "; at %s over %d replica%s: load %.0f%%, TTFT p50/p99 %s/", rate_text(slo->rps, a,
		    sizeof a), c->dp, c->dp == 1 ? "" : "s", 100 * t->load, fmt_seconds(t->ttft_p50_s, b,
		    sizeof b));
		out(&o, "%s, TPOT p50/p99 %s/", fmt_seconds(t->ttft_p99_s, b, sizeof b),
		    fmt_seconds(t->tpot_p50_s, d, sizeof d));
		out(&o, "%s", fmt_seconds(t->tpot_p99_s, b, sizeof b));
		if (t->heavy)
			out(&o, " (heavy load: queueing figures are rough)");
	}
	if (r && r->n_top > 0 && c->rank != 1 && &r->top[0] != c) {
		const SearchCandidate *w = &r->top[0];
		switch (so ? so->objective : SEARCH_OBJ_TPUT_PER_GPU) {
		case SEARCH_OBJ_TPUT_PER_GPU:
			if (w->tokens_per_s_per_gpu > 0)
				out(&o, "; %.0f%% less throughput per GPU than #1",
				    100 * (1 - c->tokens_per_s_per_gpu / w->tokens_per_s_per_gpu));
			break;
		case SEARCH_OBJ_GPUS:
			out(&o, "; %d GPUs against #1's %d", c->gpus, w->gpus);
			break;
		case SEARCH_OBJ_COST:
			out(&o, "; $%.3f per million tokens against #1's $%.3f", c->usd_per_mtok, w->usd_per_mtok);
			break;
		case SEARCH_OBJ_TTFT: case SEARCH_OBJ_TPOT:
			out(&o, "; %.0f%% slower than #1", 100 * (c->score / w->score - 1));
			break;
		case SEARCH_OBJ_COUNT:
			break;
		}
	}
	return (int)o.len;
}

int
search_format_rejection(const Scenario *base, const SearchOptions *so, const SearchRejection *j,
    char *buf, size_t n)
{
	Out o = { buf, n, 0 };
	char a[48], b[48], d[48], e[48];
	const double *v = j->v;
	const char *least = j->bound ? "at least " : "";

	(void)so;
	if (n)
		buf[0] = '\0';
	layout_text(&o, j->tp, j->pp, j->dp > 0 ? j->dp : 1, j->ep, j->etp, j->weight_dtype, j->kv_dtype,
	    j->batch > 1 ? j->batch : 0, 0, model_is_moe(&base->model));
	out(&o, ": ");
	switch (j->reason) {
	case SEARCH_REJ_LAYOUT:
		out(&o, "TP, PP or EP do not divide the model's heads, layers or experts");
		break;
	case SEARCH_REJ_TP_NODES:
		out(&o, "TP %.0f spans nodes of %.0f GPUs (allow it with --allow-tp-across-nodes)", v[0], v[1]);
		break;
	case SEARCH_REJ_DTYPE:
		out(&o, "%s (%s) lacks the compute dtype", base->cluster.gpu.name, base->cluster.gpu.arch);
		break;
	case SEARCH_REJ_CONTEXT:
		out(&o, "context %s tokens exceeds the model's %s", fmt_int(v[0], a, sizeof a),
		    fmt_int(v[1], b, sizeof b));
		break;
	case SEARCH_REJ_MEMORY:
		out(&o, "needs %s%s per GPU (weights %s + activations and reserve %s%s) but %s allows %s "
		    "(memory)", least, fmt_bytes(v[0], a, sizeof a), fmt_bytes(v[2], b, sizeof b),
		    fmt_bytes(v[3], d, sizeof d), j->bound ? " + one sequence's KV" : "",
		    base->runtime.name, fmt_bytes(v[1], e, sizeof e));
		break;
	case SEARCH_REJ_KV:
		out(&o, "the KV pool holds %s tokens, fewer than one %s-token sequence (memory)",
		    fmt_int(v[0], a, sizeof a), fmt_int(v[1], b, sizeof b));
		break;
	case SEARCH_REJ_TTFT:
		out(&o, "TTFT %s%s > p%.0f SLO %s%s", least, fmt_seconds(v[0], a, sizeof a), v[2],
		    fmt_seconds(v[1], b, sizeof b), v[3] > 0 ? " at a trickle of requests" :
		    " even idle (prefill compute)");
		break;
	case SEARCH_REJ_TPOT:
		out(&o, "TPOT %s%s > p%.0f SLO %s%s", least, fmt_seconds(v[0], a, sizeof a), v[2],
		    fmt_seconds(v[1], b, sizeof b), v[3] > 0 ? " at a trickle of requests" :
		    " at batch 1 (reading the weights)");
		break;
	case SEARCH_REJ_RATE:
		out(&o, "misses the SLOs under any load (TTFT p99 %s, TPOT p99 %s at a trickle)",
		    fmt_seconds(v[0], a, sizeof a), fmt_seconds(v[1], b, sizeof b));
		break;
	case SEARCH_REJ_GPUS:
		if (v[2] > 0)
			out(&o, "%s needs %.0f replicas = %.0f GPUs (%s each within the SLOs), %.0f available",
			    rate_text(base->workload.slo.rps, a, sizeof a), v[3], v[0],
			    rate_text(v[2], b, sizeof b), v[1]);
		else
			out(&o, "needs %.0f GPUs, %.0f available", v[0], v[1]);
		break;
	case SEARCH_REJ_CHECK:
		out(&o, "user check: %s", j->check);
		break;
	case SEARCH_OK: case SEARCH_REJ_COUNT:
		out(&o, "ok");
		break;
	}
	return (int)o.len;
}

int
search_format_probe(const Scenario *base, const SearchOptions *so, const SearchResult *r,
    const SearchProbe *p, char *buf, size_t n)
{
	Out o = { buf, n, 0 };
	char tmp[512];

	if (n)
		buf[0] = '\0';
	out(&o, "%s (TP %d x PP %d", search_probe_name(p->kind), p->tp, p->pp);
	if (p->ep > 1)
		out(&o, ", EP %d", p->ep);
	out(&o, "): ");
	if (p->found) {
		search_format_layout(&p->best, tmp, sizeof tmp);
		if (p->rank == 1)
			out(&o, "the winner (%s)", tmp);
		else if (p->rank > 0)
			out(&o, "ranks #%d (%s)", p->rank, tmp);
		else
			out(&o, "feasible (%s) but outside the top %d", tmp, r ? r->top_cap : 0);
		if (p->rank != 1 && r && r->n_top > 0) {
			const SearchCandidate *w = &r->top[0];
			switch (so->objective) {
			case SEARCH_OBJ_TPUT_PER_GPU:
				out(&o, ": %.0f%% less throughput per GPU than #1 (%s binds)",
				    100 * (1 - p->best.tokens_per_s_per_gpu / w->tokens_per_s_per_gpu),
				    binding_kind(&p->best));
				break;
			case SEARCH_OBJ_GPUS:
				out(&o, ": %d GPUs against %d", p->best.gpus, w->gpus);
				break;
			default:
				out(&o, ": objective %.3g against #1's %.3g", p->best.score, w->score);
				break;
			}
		}
	} else if (p->why.reason != SEARCH_OK) {
		search_format_rejection(base, so, &p->why, tmp, sizeof tmp);
		const char *colon = strstr(tmp, ": ");
		out(&o, "rejected: %s", colon ? colon + 2 : tmp);
	} else {
		out(&o, "not in the space searched");
	}
	return (int)o.len;
}

int
search_format_none(const Scenario *base, const SearchOptions *so, const SearchResult *r, char *buf,
    size_t n)
{
	Out o = { buf, n, 0 };
	char tmp[512];

	if (n)
		buf[0] = '\0';
	out(&o, "no feasible strategy for %s on %d x %s among %ld layout%s", base->model.name,
	    r->max_gpus, base->cluster.gpu.name, r->layouts, r->layouts == 1 ? "" : "s");
	/* the furthest a layout got first: it is the nearest to working */
	for (int i = SEARCH_REJ_COUNT - 1; i > SEARCH_OK; i--) {
		if (r->rejected[i] == 0)
			continue;
		search_format_rejection(base, so, &r->nearest[i], tmp, sizeof tmp);
		out(&o, "\n  %ld rejected by %s; nearest: %s", r->rejected[i],
		    search_reject_name((SearchReject)i), tmp);
	}
	return (int)o.len;
}

int
search_format_plot(const SearchResult *r, int width, int height, char *buf, size_t n)
{
	Out o = { buf, n, 0 };
	double xmax = 0, ymax = 0;
	char grid[64][160];

	if (n)
		buf[0] = '\0';
	if (width > 150)
		width = 150;
	if (height > 60)
		height = 60;
	if (r->n_pareto == 0 || width < 10 || height < 3)
		return 0;
	for (int i = 0; i < r->n_pareto; i++) {
		xmax = fmax(xmax, r->pareto[i].tokens_per_s_per_user);
		ymax = fmax(ymax, r->pareto[i].tokens_per_s_per_gpu);
	}
	for (int y = 0; y < height; y++) {
		memset(grid[y], ' ', (size_t)width);
		grid[y][width] = '\0';
	}
	for (int i = 0; i < r->n_pareto; i++) {
		const SearchCandidate *p = &r->pareto[i];
		int x = xmax > 0 ? (int)floor(p->tokens_per_s_per_user / xmax * (width - 1) + 0.5) : 0;
		int y = ymax > 0 ? (int)floor(p->tokens_per_s_per_gpu / ymax * (height - 1) + 0.5) : 0;
		char *cell = &grid[height - 1 - y][x];
		if (*cell != '#')
			*cell = p->rank > 0 ? '#' : '*';
	}
	for (int y = 0; y < height; y++) {
		if (y == 0)
			out(&o, "%9.0f |%s\n", ymax, grid[y]);
		else if (y == height - 1)
			out(&o, "%9d |%s\n", 0, grid[y]);
		else
			out(&o, "%9s |%s\n", y == height / 2 ? "tok/s/GPU" : "", grid[y]);
	}
	out(&o, "%9s +", "");
	for (int x = 0; x < width; x++)
		out(&o, "-");
	out(&o, "\n%9s 0%*.0f tok/s per user\n", "", width - 1, xmax);
	return (int)o.len;
}
