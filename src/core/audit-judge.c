/* audit-judge.c: the figures of one scenario (Fig), one claim's figure
 * judged against its physical bound, and explained; see audit.h and
 * docs/audit.md. */
#include "audit-internal.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "explain.h"
#include "units.h"

/* ---- figures of one scenario ------------------------------------------- */

/* The compute dtype's peak: eval's own (eval_peak_flops). */
static double
compute_peak(const Scenario *s)
{
	return eval_peak_flops(s);
}

/* The physical floor of one stage's pass: the roofline at 100% of the
 * datasheet's peak and bandwidth, without kernel floors or communication. */
static double
stage_floor(const Fig *f, int i, Phase ph)
{
	const PhaseTime *pt = &f->r->stages[i].phase[ph];
	return fmax(pt->bytes / f->hbm, pt->flops / f->peak);
}

void
audit_fig_init(Fig *f, const Scenario *s, const Result *r)
{
	const Model *m = &s->model;
	const ModelParams *p = &r->params;
	const Strategy *st = &s->strategy;
	char msg[AUDIT_MSG_MAX];

	memset(f, 0, sizeof *f);
	f->s = s;
	f->r = r;
	f->valid = r->status == EVAL_OK && r->n_stages > 0;
	f->peak = compute_peak(s);
	f->hbm = s->cluster.gpu.hbm_bytes_per_s;
	double bw = dtype_weight_bytes(st->weight_dtype);
	double be = dtype_is_quantized(st->weight_dtype) ? dtype_bytes(DTYPE_BF16) : bw;
	f->weights_total = (p->total - p->embedding - p->head) * bw + (p->embedding + p->head) * be;
	f->layer_bytes = m->n_layers > 0 ?
	    (p->total - p->embedding - p->head - p->final_norm) / m->n_layers * bw : 0;
	f->expert_bytes = p->expert * bw;

	f->runs = f->valid;
	for (int i = 0; i < r->n_checks; i++) {
		const Check *c = &r->checks[i];
		if (c->severity != SEV_ERROR)
			continue;
		if (check_structural(c->id) || c->id == CHECK_MEMORY_FIT) {
			if (f->runs || !f->why_not[0]) {
				check_format(s, r, c, msg, sizeof msg);
				snprintf(f->why_not, sizeof f->why_not, "%s: %.400s", check_id_name(c->id), msg);
			}
			f->runs = false;
		}
	}
	if (!f->valid)
		return;

	double sum_pre = 0, sum_bp = 0, max_bp = 0, sum_dec = 0, max_dec = 0;
	for (int i = 0; i < r->n_stages; i++) {
		sum_pre += stage_floor(f, i, PHASE_PREFILL);
		double b = stage_floor(f, i, PHASE_BATCH_PREFILL);
		sum_bp += b;
		max_bp = fmax(max_bp, b);
		double d = stage_floor(f, i, PHASE_DECODE);
		sum_dec += d;
		max_dec = fmax(max_dec, d);
	}
	/* the same micro-batching as latency.c */
	f->m_pre = eval_micro_split(s->workload.batch, r->micro_batches, NULL);
	f->ttft_floor = sum_pre;
	f->bp_floor = sum_bp + (f->m_pre - 1) * max_bp;
	f->tpot_floor = fmax(sum_dec, f->m_pre * max_dec);
	f->e2e_floor = f->bp_floor + (s->workload.output_len - 1) * f->tpot_floor;
}

/* The stage a per-stage figure is read from by default. */
static int
default_stage(const Fig *f, int metric)
{
	const Result *r = f->r;
	if (metric == M_LAYERS_STAGE || metric == M_LAYERS_GPU) {
		int best = 0;
		for (int i = 1; i < r->n_stages; i++)
			if (r->stages[i].n_layers > r->stages[best].n_layers)
				best = i;
		return best;
	}
	return r->memory.stage;
}

/* Whole layers' worth of weights on one GPU of stage i. */
static double
layers_per_gpu(const Fig *f, int i)
{
	const Scenario *s = f->s;
	const StageResult *sr = &f->r->stages[i];
	const ModelParams *p = &f->r->params;
	int tp = s->strategy.tp;
	double edge = (sr->has_embedding ? p->embedding / tp : 0) +
	    (sr->has_head ? p->head / tp + p->final_norm : 0);
	double full = s->model.n_layers > 0 ?
	    (p->total - p->embedding - p->head - p->final_norm) / s->model.n_layers : 0;
	return full > 0 ? (sr->params - edge) / full : 0;
}

/* A per-stage figure of stage i. */
static double
stage_value(const Fig *f, int metric, int i)
{
	const StageResult *sr = &f->r->stages[i];
	const Scenario *s = f->s;
	double cap = s->cluster.gpu.memory_bytes;

	/* a result figure: the field table's value for that stage */
	const ResultField *fld = field_find(audit_metrics[metric].name);
	FieldValue fv;
	if (fld && (fld->flags & FIELD_PER_STAGE) && field_get(fld, s, f->r, i, &fv) == 0)
		return fv.num;
	switch (metric) {
	case M_PER_GPU_FRAC: return sr->per_gpu_bytes / cap;
	case M_HEADROOM: return cap - sr->per_gpu_bytes;
	case M_HEADROOM_FRAC: return 1 - sr->per_gpu_bytes / cap;
	case M_OVERHEAD: return sr->activation_bytes + sr->reserved_bytes;
	case M_OPTIMIZER: return 0;
	case M_COMM_BUF: return s->strategy.tp * s->strategy.pp > 1 ? s->runtime.comm_buffer_bytes : 0;
	case M_LAYERS_STAGE: return sr->n_layers;
	case M_LAYERS_GPU: return layers_per_gpu(f, i);
	}
	return NAN;
}

/* Share of phase ph's path spent communicating. */
static void
phase_comm(const Result *r, Phase ph, double *comm, double *total)
{
	*comm = *total = 0;
	for (int i = 0; i < r->n_stages; i++) {
		*comm += r->stages[i].phase[ph].comm_s + r->stages[i].send_s[ph];
		*total += r->stages[i].phase[ph].total_s + r->stages[i].send_s[ph];
	}
}

/* Collectives one GPU of stage i runs in one pass (latency.c's layer()). */
static int
stage_collectives(const Scenario *s, const Result *r, int i)
{
	const StageResult *sr = &r->stages[i];
	int tp = s->strategy.tp, ep = s->strategy.ep;
	int dense = sr->n_kind[0] + sr->n_kind[LAYER_SLIDING];
	int moe = sr->n_kind[LAYER_MOE] + sr->n_kind[LAYER_MOE | LAYER_SLIDING];
	int n = 0;
	if (tp > 1)
		n += 2 * dense + moe + (sr->has_head ? 1 : 0);
	if (ep > 1)
		n += moe * (2 + (r->params.shared > 0 && tp > 1 ? 1 : 0));
	else if (tp > 1)
		n += moe;
	return n;
}

static void
set_bound(Judged *j, double bound, bool is_max, const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void
set_bound(Judged *j, double bound, bool is_max, const char *fmt, ...)
{
	va_list ap;
	j->bound = bound;
	j->bound_is_max = is_max;
	va_start(ap, fmt);
	vsnprintf(j->why, sizeof j->why, fmt, ap);
	va_end(ap);
}

static bool
needs_eval(int metric)
{
	switch (metric) {
	case M_PARAMS_TOTAL: case M_PARAMS_ACTIVE: case M_LAYERS: case M_EXPERTS: case M_HEADS:
	case M_KV_HEADS: case M_MODEL_WEIGHTS: case M_BYTES_PER_PARAM: case M_GPUS:
	case M_CLUSTER_GPUS: case M_GPU_MEMORY: case M_CLUSTER_MEMORY: case M_HBM: case M_PEAK:
	case M_INTRA: case M_INTER: case M_CC: case M_USD: case M_CAPACITY: case M_SHORTFALL:
	case M_SHORTFALL_FRAC: case M_W_TO_CAP: case M_GPUS_MISSING: case M_GPUS_IDLE:
	case M_GPU_USE: case M_MIN_GPUS: case M_HEADS_GPU: case M_KV_HEADS_GPU:
	case M_EXPERTS_GPU: case M_SEQS_REPLICA: case M_SEQS_TOTAL: case M_FEASIBLE:
	case M_BUBBLE:
		return false;
	}
	return true;
}

static bool
is_throughput(int metric)
{
	return metric == M_TOK_S || metric == M_TOK_S_GPU || metric == M_TOK_S_USER ||
	    metric == M_RPS || metric == M_MFU;
}

/* audit_judge_metric: the figure of c->metric in scenario f.  Fills *j. */
static void judge_metric(const Fig *f, const AuditClaim *c, Judged *j);

/* The figure's error band, by its field-table row (bands.h). */
static void
judge_band(const Fig *f, const AuditClaim *c, Judged *j)
{
	const ResultField *fld = field_find(audit_metrics[c->metric].name);
	FieldValue v = { .kind = FIELD_NUM, .num = j->value };
	Band b;

	j->band = NULL;
	if (!j->available || !f->valid || !fld || fld->band == BAND_NONE)
		return;
	if (field_band(fld, f->s, &v, &b) != 0)
		return;
	/* the figure itself and its band: a biased model's band can lie wholly
	 * beside its own figure, and a claim of shardlab's figure is no worse
	 * than shardlab */
	j->band = b.set;
	j->band_lo = fmin(b.low, j->value);
	j->band_hi = fmax(b.high, j->value);
}

void
audit_judge_metric(const Fig *f, const AuditClaim *c, Judged *j)
{
	judge_metric(f, c, j);
	judge_band(f, c, j);
}

bool
audit_band_within(const AuditClaim *c, const Judged *j)
{
	if (!j->band)
		return false;
	switch (c->op) {
	case CLAIM_AT_MOST: return j->band_lo <= c->hi;
	case CLAIM_AT_LEAST: return j->band_hi >= c->lo;
	case CLAIM_ABOUT: break;
	}
	return c->hi >= j->band_lo && c->lo <= j->band_hi;
}

void
audit_band_text(TextOut *o, const AuditClaim *c, const Judged *j, AuditDim d)
{
	char lo[48], hi[48];
	const BandSet *b = j->band;

	audit_format_value(d, j->band_lo, lo, sizeof lo);
	audit_format_value(d, j->band_hi, hi, sizeof hi);
	text_out(o, " (band %s to %s: %s %s residuals, %s, %d rows)", lo, hi, band_class_name(b->cls),
	    band_kind_name(b->kind), *b->engine ? b->engine : "every engine", b->rows);
	if (audit_band_within(c, j)) {
		text_out(o, ": consistent within the band");
		return;
	}
	/* how far the claim lies beyond the nearer end of the band */
	bool above = c->lo > j->band_hi;
	double edge = above ? j->band_hi : j->band_lo, claim = above ? c->lo : c->hi;
	double beyond = edge != 0 ? fabs(claim / edge - 1) : INFINITY;
	text_out(o, ": the claim is %.0f%% %s the band", beyond * 100, above ? "above" : "below");
}

static void
judge_metric(const Fig *f, const AuditClaim *c, Judged *j)
{
	const Scenario *s = f->s;
	const Result *r = f->r;
	const Model *m = &s->model;
	const Strategy *st = &s->strategy;
	const Gpu *g = &s->cluster.gpu;
	const Workload *w = &s->workload;
	int metric = c->metric;
	int G = cluster_gpus(&s->cluster), need = st->tp * st->pp * st->dp;
	double cap = g->memory_bytes, cl_mem = cap * G;
	char a[48], b[48];

	memset(j, 0, sizeof *j);
	j->bound = NAN;
	j->available = true;
	if (is_throughput(metric) && !f->runs) {
		/* a deployment that cannot start (or has no GPUs to run on) serves nothing */
		j->value = j->lo = j->hi = 0;
		snprintf(j->why, sizeof j->why, "the deployment cannot run (%.400s): it serves nothing",
		    f->why_not);
		return;
	}
	if (needs_eval(metric) && !f->valid) {
		j->available = false;
		j->impossible = true;
		snprintf(j->why, sizeof j->why, "the layout is invalid (%.400s)", f->why_not);
		return;
	}
	if ((metric == M_TTFT || metric == M_TPOT || metric == M_BATCH_PREFILL || metric == M_E2E ||
	    metric == M_COMM_SHARE || metric == M_COLLECTIVE || metric == M_STAGE_IMB) && !f->runs) {
		j->available = false;
		j->impossible = true;
		snprintf(j->why, sizeof j->why, "the deployment cannot run (%.400s)", f->why_not);
		return;
	}

	if (audit_metrics[metric].per_stage && f->valid) {
		int first = 0, last = r->n_stages - 1;
		if (c->stage == AUDIT_STAGE_DEFAULT)
			first = last = default_stage(f, metric);
		else if (c->stage >= 0)
			first = last = c->stage < r->n_stages ? c->stage : -1;
		if (first < 0) {
			j->available = false;
			j->impossible = true;
			snprintf(j->why, sizeof j->why, "stage %d does not exist: the layout has %d",
			    c->stage, r->n_stages);
			return;
		}
		j->lo = INFINITY;
		j->hi = -INFINITY;
		for (int i = first; i <= last; i++) {
			double v = stage_value(f, metric, i);
			if (c->all_gpus && audit_metrics[metric].summable) {
				/* every stage's GPUs: TP x DP each */
				v = 0;
				for (int k = 0; k < r->n_stages; k++)
					v += stage_value(f, metric, k) * st->tp * st->dp;
			}
			j->lo = fmin(j->lo, v);
			j->hi = fmax(j->hi, v);
		}
		j->value = j->hi;
		double ceiling = c->all_gpus ? cap * need : cap;
		switch (metric) {
		case M_PER_GPU: case M_WEIGHTS: case M_KV_CACHE: case M_KV_POOL: case M_ACT:
		case M_RESERVED: case M_BUDGET: case M_OVERHEAD: case M_OPTIMIZER: case M_COMM_BUF:
		case M_HEADROOM:
			set_bound(j, ceiling, true, "%s%s holds %s", c->all_gpus ? "all " : "one ",
			    c->all_gpus ? "GPUs of the layout" : g->name, fmt_bytes(ceiling, a, sizeof a));
			break;
		case M_PER_GPU_FRAC: case M_HEADROOM_FRAC:
			set_bound(j, 1, true, "a GPU holds at most 100%% of its memory");
			break;
		case M_LAYERS_GPU: {
			double fit = f->layer_bytes > 0 ? cap / f->layer_bytes : INFINITY;
			if (fit < m->n_layers)
				set_bound(j, fit, true, "one whole layer is %s in %s: %s holds %.1f of them",
				    fmt_bytes(f->layer_bytes, a, sizeof a), dtype_name(st->weight_dtype),
				    fmt_bytes(cap, b, sizeof b), fit);
			else
				set_bound(j, m->n_layers, true, "the model has %d layers", m->n_layers);
			break;
		}
		case M_LAYERS_STAGE:
			set_bound(j, m->n_layers, true, "the model has %d layers", m->n_layers);
			break;
		}
		return;
	}

	/* a result figure: the field table's value (the one eval --json has);
	 * the cases below add its physical bound */
	double v = NAN;
	const ResultField *fld = field_find(audit_metrics[metric].name);
	FieldValue fv;
	if (fld && fld->kind == FIELD_NUM && field_get(fld, s, r, -1, &fv) == 0)
		v = fv.num;
	switch (metric) {
	case M_PARAMS_TOTAL: case M_PARAMS_ACTIVE: case M_FLOPS_PER_TOKEN: case M_LAYERS:
	case M_EXPERTS: case M_HEADS: case M_KV_HEADS: case M_CLUSTER_GPUS: case M_GPU_MEMORY:
	case M_HBM: case M_PEAK: case M_CAPACITY: case M_MAX_SEQS:
		break;
	case M_MODEL_WEIGHTS: v = f->weights_total; break;
	case M_BYTES_PER_PARAM: v = dtype_weight_bytes(st->weight_dtype); break;
	case M_GPUS:
		v = need;
		set_bound(j, need, false, "TP %d x PP %d x DP %d = %d GPUs", st->tp, st->pp, st->dp, need);
		break;
	case M_CLUSTER_MEMORY: v = cl_mem; break;
	case M_INTRA: v = s->cluster.intra.bytes_per_s; break;
	case M_INTER: v = s->cluster.inter.bytes_per_s; break;
	case M_CC:
		if (g->compute_capability <= 0) {
			j->available = false;
			snprintf(j->why, sizeof j->why, "%s has no CUDA compute capability", g->name);
			return;
		}
		v = g->compute_capability / 10.0;
		break;
	case M_USD:
		if (s->cluster.gpu_hour_usd <= 0) {
			j->available = false;
			snprintf(j->why, sizeof j->why, "the cluster preset has no price");
			return;
		}
		v = s->cluster.gpu_hour_usd * G;
		break;
	case M_MAX_KV_TOKENS:
		if (r->memory.kv_bytes_per_token > 0)
			set_bound(j, cap / r->memory.kv_bytes_per_token, true,
			    "%s of memory at %s bytes per token", fmt_bytes(cap, a, sizeof a),
			    fmt_int(r->memory.kv_bytes_per_token, b, sizeof b));
		break;
	case M_IMBALANCE: {
		double hi = 0, lo = INFINITY;
		for (int i = 0; i < r->n_stages; i++) {
			hi = fmax(hi, r->stages[i].per_gpu_bytes);
			lo = fmin(lo, r->stages[i].per_gpu_bytes);
		}
		v = hi > 0 ? (hi - lo) / hi : 0;
		set_bound(j, 0, false, "an imbalance is never negative");
		break;
	}
	case M_SHORTFALL: v = fmax(0, f->weights_total - cl_mem); break;
	case M_SHORTFALL_FRAC: v = fmax(0, f->weights_total - cl_mem) / cl_mem; break;
	case M_W_TO_CAP: v = f->weights_total / cl_mem; break;
	case M_TTFT:
		set_bound(j, f->ttft_floor, false, "the prefill's FLOPs at %.0f TFLOP/s peak and its "
		    "bytes at %s, stage by stage", f->peak / 1e12,
		    audit_format_value(DIM_BYTES_PER_S, f->hbm, a, sizeof a));
		break;
	case M_TPOT: {
		const StageResult *sr = &r->stages[r->memory.stage];
		set_bound(j, f->tpot_floor, false, "HBM-bandwidth bound: each decode step reads %s per "
		    "GPU (weights and the batch's KV cache) at %s peak, through %d stage%s",
		    fmt_bytes(sr->phase[PHASE_DECODE].bytes * f->m_pre, a, sizeof a),
		    audit_format_value(DIM_BYTES_PER_S, f->hbm, b, sizeof b), r->n_stages,
		    r->n_stages == 1 ? "" : "s");
		break;
	}
	case M_BATCH_PREFILL:
		set_bound(j, f->bp_floor, false, "the batch's prefill FLOPs at %.0f TFLOP/s peak",
		    f->peak / 1e12);
		break;
	case M_E2E:
		set_bound(j, f->e2e_floor, false, "prefill and decode at peak FLOP/s and HBM bandwidth");
		break;
	case M_COMM_SHARE: {
		double cb, tb, cd, td;
		phase_comm(r, PHASE_BATCH_PREFILL, &cb, &tb);
		phase_comm(r, PHASE_DECODE, &cd, &td);
		double bp = r->latency.batch_prefill_s, dec = w->output_len * r->latency.tpot_s;
		v = (tb > 0 ? cb / tb * bp : 0) + (td > 0 ? cd / td * dec : 0);
		v = bp + dec > 0 ? v / (bp + dec) : 0;
		set_bound(j, 1, true, "a share is at most 100%%");
		break;
	}
	case M_COLLECTIVE: {
		double t = 0;
		int n = 0;
		for (int i = 0; i < r->n_stages; i++) {
			int k = stage_collectives(s, r, i);
			double cs = r->stages[i].phase[PHASE_PREFILL].comm_s;
			if (k > 0 && cs / k > t)
				t = cs / k, n = k;
		}
		v = n > 0 ? t : 0;
		break;
	}
	case M_TOK_S: case M_TOK_S_GPU: case M_RPS: {
		double compute = need * f->peak / r->flops_per_token;
		double hbm = st->dp * w->batch / f->tpot_floor;
		double ceil_tok = fmin(compute, hbm);
		double div = metric == M_TOK_S ? 1 : metric == M_TOK_S_GPU ? need : w->output_len;
		if (compute <= hbm)
			set_bound(j, ceil_tok / div, true, "compute bound: %d GPUs x %.0f TFLOP/s peak / %.3g "
			    "FLOPs per token", need, f->peak / 1e12, r->flops_per_token);
		else
			set_bound(j, ceil_tok / div, true, "HBM-bandwidth bound: DP %d x batch %d per decode "
			    "step of at least %s", st->dp, w->batch, fmt_seconds(f->tpot_floor, a, sizeof a));
		break;
	}
	case M_TOK_S_USER:
		set_bound(j, 1 / f->tpot_floor, true, "one token per decode step of at least %s",
		    fmt_seconds(f->tpot_floor, a, sizeof a));
		break;
	case M_MFU:
		set_bound(j, 1, true, "no GPU exceeds its peak");
		break;
	case M_FLOPS_NEEDED: {
		double rate = c->rate > 0 ? c->rate : r->throughput.tokens_per_s_per_gpu;
		v = rate * r->flops_per_token;
		snprintf(j->why, sizeof j->why, "%s per GPU x %.3g FLOPs per token; one %s peaks at "
		    "%.0f TFLOP/s", fmt_rate(rate, "tok/s", a, sizeof a), r->flops_per_token, g->name,
		    f->peak / 1e12);
		break;
	}
	case M_BUBBLE: {
		int mb = r->micro_batches > 0 ? r->micro_batches : 1;
		v = st->pp > 1 ? (double)(st->pp - 1) / (mb + st->pp - 1) : 0;
		set_bound(j, 0, false, "a bubble is never negative");
		break;
	}
	case M_STAGE_IMB: {
		double hi = 0, lo = INFINITY;
		for (int i = 0; i < r->n_stages; i++) {
			hi = fmax(hi, r->stages[i].phase[PHASE_DECODE].total_s);
			lo = fmin(lo, r->stages[i].phase[PHASE_DECODE].total_s);
		}
		v = lo > 0 ? hi / lo - 1 : 0;
		set_bound(j, 0, false, "an imbalance is never negative");
		break;
	}
	case M_GPUS_MISSING: v = need > G ? need - G : 0; break;
	case M_GPUS_IDLE:
		v = G > need ? G - need : 0;
		set_bound(j, G, true, "the cluster has %d GPUs", G);
		break;
	case M_GPU_USE: v = (double)need / G; break;
	case M_MIN_GPUS: {
		/* as checks.c gpus_to_fit, per GPU: weights / n + activations and
		 * reserve within the runtime's budget */
		double fixed = 0, budget = cap * s->runtime.mem_fraction;
		if (f->valid) {
			const StageResult *sr = &r->stages[r->memory.stage];
			fixed = sr->activation_bytes + sr->reserved_bytes;
			budget = sr->budget_bytes > 0 ? sr->budget_bytes : budget;
		} else {
			fixed = s->runtime.cuda_context_bytes + s->runtime.cuda_graph_bytes +
			    s->runtime.comm_buffer_bytes;
		}
		v = 0;
		for (int n = 1; n <= 4096; n++)
			if (f->weights_total / n + fixed < budget) {
				v = n;
				break;
			}
		if (v == 0) {
			j->available = false;
			snprintf(j->why, sizeof j->why, "no count up to 4096 fits");
			return;
		}
		double raw = ceil(f->weights_total / cap);
		set_bound(j, raw, false, "the weights (%s) alone fill %.0f x %s", fmt_bytes(f->weights_total,
		    a, sizeof a), raw, fmt_bytes(cap, b, sizeof b));
		break;
	}
	case M_HEADS_GPU:
		v = (double)m->n_heads / st->tp;
		set_bound(j, m->n_heads, true, "the model has %d heads", m->n_heads);
		break;
	case M_KV_HEADS_GPU:
		v = ceil((double)m->n_kv_heads / st->tp);
		set_bound(j, m->n_kv_heads, true, "the model has %d KV heads", m->n_kv_heads);
		break;
	case M_EXPERTS_GPU:
		if (!model_is_moe(m)) {
			j->available = false;
			j->impossible = true;
			snprintf(j->why, sizeof j->why, "%s is dense: it has no experts", m->name);
			return;
		}
		v = (double)m->n_experts / st->ep;
		if (f->expert_bytes > 0 && cap / f->expert_bytes < m->n_experts)
			set_bound(j, cap / f->expert_bytes, true, "one expert is %s: %s holds %.0f",
			    fmt_bytes(f->expert_bytes, a, sizeof a), fmt_bytes(cap, b, sizeof b),
			    floor(cap / f->expert_bytes));
		else
			set_bound(j, m->n_experts, true, "the model has %d experts per layer", m->n_experts);
		break;
	case M_SEQS_REPLICA: v = w->batch; break;
	case M_SEQS_TOTAL: v = (double)w->batch * st->dp; break;
	case M_FEASIBLE: v = f->valid && r->feasible ? 1 : 0; break;
	default:
		j->available = false;
		snprintf(j->why, sizeof j->why, "no figure");
		return;
	}
	j->value = j->lo = j->hi = v;
}

/* ---- provenance -------------------------------------------------------- */

static bool
explainable(const char *path)
{
	const ResultField *f = field_find(path);
	return f && f->explain;
}

/* The explanation of claim c's figure in scenario f into buf[n]. */
void
audit_explain_claim(const Fig *f, const AuditClaim *c, const Judged *j, char *buf, size_t n)
{
	const Scenario *s = f->s;
	const Result *r = f->r;
	const Strategy *st = &s->strategy;
	const Gpu *g = &s->cluster.gpu;
	const Model *m = &s->model;
	const char *name = audit_metrics[c->metric].name;
	int G = cluster_gpus(&s->cluster), need = st->tp * st->pp * st->dp;
	TextOut o = { .buf = buf, .n = n };
	char a[48], b[48], d[48], e[48];

	buf[0] = '\0';
	if (!j->available) {
		text_out(&o, "%s", j->why);
		return;
	}
	if (f->valid && explainable(name) && (!is_throughput(c->metric) || f->runs)) {
		int stage = c->stage >= 0 ? c->stage : -1;
		explain_figure(s, r, name, stage, buf, n);
		o.len = o.want = strlen(buf);
		if (c->all_gpus && audit_metrics[c->metric].summable)
			text_out(&o, "\n  summed over every GPU: each stage's figure x TP %d x DP %d", st->tp, st->dp);
		if (!isnan(j->bound))
			text_out(&o, "\n  bound: %s", j->why);
		return;
	}
	switch (c->metric) {
	case M_LAYERS: case M_EXPERTS: case M_HEADS: case M_KV_HEADS:
		text_out(&o, "%s (%s): %d layers, %d heads, %d KV heads, %d experts (top-%d)", m->name, m->arch,
		    m->n_layers, m->n_heads, m->n_kv_heads, m->n_experts, m->top_k);
		break;
	case M_MODEL_WEIGHTS: case M_SHORTFALL: case M_SHORTFALL_FRAC: case M_W_TO_CAP: {
		const ModelParams *p = &r->params;
		text_out(&o, "model.weights_bytes = %s parameters x %g bytes (%s)", fmt_count(p->total -
		    p->embedding - p->head, a, sizeof a), dtype_weight_bytes(st->weight_dtype),
		    dtype_name(st->weight_dtype));
		text_out(&o, " + embedding and LM head %s x %g bytes = %s\n", fmt_count(p->embedding + p->head,
		    b, sizeof b), dtype_is_quantized(st->weight_dtype) ? 2.0 : dtype_weight_bytes(st->weight_dtype),
		    fmt_bytes(f->weights_total, d, sizeof d));
		text_out(&o, "  cluster.memory_bytes = %d x %s (%s) = %s; the weights are %.2fx that",
		    G, fmt_bytes(g->memory_bytes, a, sizeof a), g->name, fmt_bytes(g->memory_bytes * G, b,
		    sizeof b), f->weights_total / (g->memory_bytes * G));
		if (f->weights_total > g->memory_bytes * G)
			text_out(&o, ", short by %s (%.0f%% of the memory)", fmt_bytes(f->weights_total -
			    g->memory_bytes * G, e, sizeof e), (f->weights_total / (g->memory_bytes * G) - 1) * 100);
		break;
	}
	case M_BYTES_PER_PARAM:
		text_out(&o, "%s: %g bytes per weight%s", dtype_name(st->weight_dtype),
		    dtype_weight_bytes(st->weight_dtype), dtype_info(st->weight_dtype)->group_size > 0 ?
		    " including one 16-bit scale and 4-bit zero per group" : "");
		break;
	case M_GPUS: case M_GPUS_MISSING: case M_GPUS_IDLE: case M_GPU_USE:
		text_out(&o, "strategy.gpus = TP %d x PP %d x DP %d = %d", st->tp, st->pp, st->dp, need);
		if (st->ep > 1)
			text_out(&o, "; EP %d adds none: engines spread the experts over the TP x DP = %d GPUs of "
			    "each stage (vLLM --enable-expert-parallel, SGLang --ep-size)", st->ep, st->tp * st->dp);
		text_out(&o, "\n  the cluster (%s) has %d x %s", s->cluster.name, G, g->name);
		break;
	case M_CLUSTER_GPUS: case M_GPU_MEMORY: case M_CLUSTER_MEMORY: case M_CAPACITY:
		text_out(&o, "%s: %d nodes x %d GPUs of %s; one GPU exposes %s (%s; datasheet %s)", s->cluster.name,
		    s->cluster.nodes, s->cluster.gpus_per_node, g->name, fmt_bytes(g->memory_bytes, a, sizeof a),
		    fmt_gib(g->memory_bytes, b, sizeof b), fmt_bytes(g->datasheet_memory_bytes, d, sizeof d));
		break;
	case M_HBM: case M_PEAK: case M_CC:
		text_out(&o, "%s (%s): HBM %s/s, dense peak %.1f TFLOP/s in %s, compute capability %.1f "
		    "(presets/gpus/%s.lua, from the datasheet)", g->name, g->arch,
		    fmt_bytes(g->hbm_bytes_per_s, a, sizeof a), f->peak / 1e12, dtype_name(st->act_dtype),
		    g->compute_capability / 10.0, g->name);
		break;
	case M_INTRA: case M_INTER:
		text_out(&o, "%s: %s/s per GPU per direction inside a node; %s: %s/s between nodes "
		    "(presets/fabrics; a bidirectional figure is twice these, and 1 Gbps = 0.125 GB/s)",
		    s->cluster.intra.name, fmt_bytes(s->cluster.intra.bytes_per_s, a, sizeof a),
		    s->cluster.inter.name, fmt_bytes(s->cluster.inter.bytes_per_s, b, sizeof b));
		break;
	case M_USD:
		text_out(&o, "%d GPUs x $%.2f per GPU-hour (presets/clusters/%s.lua: an illustrative on-demand "
		    "price, not a quote)", G, s->cluster.gpu_hour_usd, s->cluster.name);
		break;
	case M_BUDGET:
		text_out(&o, "budget_bytes = capacity %s x %s memory fraction %.2f = %s",
		    fmt_bytes(g->memory_bytes, a, sizeof a), s->runtime.name, s->runtime.mem_fraction,
		    fmt_bytes(j->value, b, sizeof b));
		break;
	case M_PER_GPU_FRAC: case M_HEADROOM: case M_HEADROOM_FRAC: case M_OVERHEAD:
	case M_OPTIMIZER: case M_COMM_BUF: case M_IMBALANCE: {
		int i = c->stage >= 0 && c->stage < r->n_stages ? c->stage : r->memory.stage;
		const StageResult *sr = &r->stages[i];
		char t1[32], t2[32];
		text_out(&o, "stage %d per GPU: weights %s + KV cache %s + activations %s + reserve %s "
		    "(communication buffers %s) = %s of %s", i,
		    fmt_bytes(sr->weights_bytes, a, sizeof a), fmt_bytes(sr->kv_cache_bytes, b, sizeof b),
		    fmt_bytes(sr->activation_bytes, d, sizeof d), fmt_bytes(sr->reserved_bytes, e, sizeof e),
		    stage_value(f, M_COMM_BUF, i) > 0 ? "included" : "none", fmt_bytes(sr->per_gpu_bytes, t1,
		    sizeof t1), fmt_bytes(g->memory_bytes, t2, sizeof t2));
		if (c->metric == M_OPTIMIZER)
			text_out(&o, "\n  inference keeps no optimizer state (Adam's moments exist only in training)");
		if (c->metric == M_IMBALANCE && r->n_stages > 1) {
			text_out(&o, "\n  per stage:");
			for (int k = 0; k < r->n_stages; k++)
				text_out(&o, " %s", fmt_bytes(r->stages[k].per_gpu_bytes, a, sizeof a));
		}
		break;
	}
	case M_COMM_SHARE: case M_COLLECTIVE: {
		double cb, tb, cd, td;
		phase_comm(r, PHASE_BATCH_PREFILL, &cb, &tb);
		phase_comm(r, PHASE_DECODE, &cd, &td);
		text_out(&o, "communication on the path of one micro-batch: batch prefill %s of %s, decode step "
		    "%s of %s (TP all-reduce over %s, EP all-to-all, PP sends)", fmt_seconds(cb, a, sizeof a),
		    fmt_seconds(tb, b, sizeof b), fmt_seconds(cd, d, sizeof d), fmt_seconds(td, e, sizeof e),
		    cluster_group_fabric(&s->cluster, st->tp)->name);
		text_out(&o, "\n  share = (prefill share x %s + decode share x %d steps x %s) / cycle",
		    fmt_seconds(r->latency.batch_prefill_s, a, sizeof a), s->workload.output_len,
		    fmt_seconds(r->latency.tpot_s, b, sizeof b));
		if (c->metric == M_COLLECTIVE)
			text_out(&o, "\n  collective_s = TTFT prefill communication / collectives per stage (2 "
			    "all-reduces per dense layer, 1 + EP dispatch and combine per MoE layer)");
		break;
	}
	case M_FLOPS_NEEDED:
		text_out(&o, "flops_per_s_per_gpu = %s\n  model.flops_per_token = %.3g (2 x %s active "
		    "parameters + attention; Kaplan et al., arXiv 2001.08361, sec. 2.1)", j->why,
		    r->flops_per_token, fmt_count(r->params.active, a, sizeof a));
		return;
	case M_BUBBLE:
		text_out(&o, "bubble = (PP %d - 1) / (micro-batches %d + PP %d - 1) (GPipe, arXiv 1811.06965)",
		    st->pp, r->micro_batches, st->pp);
		break;
	case M_STAGE_IMB:
		text_out(&o, "decode step per stage:");
		for (int k = 0; k < r->n_stages; k++)
			text_out(&o, " %s", fmt_seconds(r->stages[k].phase[PHASE_DECODE].total_s, a, sizeof a));
		break;
	case M_MIN_GPUS:
		text_out(&o, "the fewest GPUs n with weights %s / n + activations and reserve within the %s "
		    "budget (%s x %.2f)", fmt_bytes(f->weights_total, a, sizeof a), s->runtime.name,
		    fmt_bytes(g->memory_bytes, b, sizeof b), s->runtime.mem_fraction);
		break;
	case M_LAYERS_STAGE: case M_LAYERS_GPU: {
		int i = c->stage >= 0 && c->stage < r->n_stages ? c->stage : default_stage(f, c->metric);
		const StageResult *sr = &r->stages[i];
		text_out(&o, "stage %d holds layers %d-%d (%d layers) split over TP %d: each GPU holds 1/%d of "
		    "every one of them, %.3g whole layers' worth of weights (%s)", i, sr->first_layer,
		    sr->first_layer + sr->n_layers - 1, sr->n_layers, st->tp, st->tp, layers_per_gpu(f, i),
		    fmt_bytes(sr->weights_bytes, a, sizeof a));
		text_out(&o, "\n  one whole layer is %s in %s", fmt_bytes(f->layer_bytes, b, sizeof b),
		    dtype_name(st->weight_dtype));
		break;
	}
	case M_HEADS_GPU: case M_KV_HEADS_GPU:
		text_out(&o, "%d heads / TP %d = %g per GPU; %d KV heads / TP %d = %g per GPU%s", m->n_heads,
		    st->tp, (double)m->n_heads / st->tp, m->n_kv_heads, st->tp,
		    ceil((double)m->n_kv_heads / st->tp), st->tp > m->n_kv_heads ? " (replicated)" : "");
		break;
	case M_EXPERTS_GPU:
		text_out(&o, "%d experts / EP %d = %g per GPU in every MoE layer of its stage (%s each)",
		    m->n_experts, st->ep, (double)m->n_experts / st->ep, fmt_bytes(f->expert_bytes, a, sizeof a));
		break;
	case M_SEQS_REPLICA: case M_SEQS_TOTAL:
		text_out(&o, "batch %d per replica x DP %d = %d sequences; within a replica every GPU works on "
		    "all %d (TP splits each token's math, PP passes micro-batches along)",
		    s->workload.batch, st->dp, s->workload.batch * st->dp, s->workload.batch);
		break;
	case M_FEASIBLE: {
		int errors = 0;
		for (int k = 0; k < r->n_checks; k++)
			errors += r->checks[k].severity == SEV_ERROR;
		text_out(&o, "%d error%s among shardlab's checks of this scenario", errors, errors == 1 ? "" : "s");
		if (f->why_not[0])
			text_out(&o, "; first: %s", f->why_not);
		break;
	}
	default:
		if (is_throughput(c->metric))
			text_out(&o, "%s", j->why);
		break;
	}
	if (!isnan(j->bound) && c->metric != M_FLOPS_NEEDED && !is_throughput(c->metric))
		text_out(&o, "\n  bound: %s", j->why);
}
