/* audit.c: a plan's claims and layout against the model: the findings, the
 * claims' verdicts, audit_run, audit_exit_status and audit_best; see
 * audit.h and docs/audit.md.  The parts: audit-metrics.c, audit-judge.c,
 * audit-expr.c, audit-layout.c (audit-internal.h). */
#include "audit-internal.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "units.h"

/* ---- the run ----------------------------------------------------------- */

AuditFinding *
audit_finding(Ctx *x, AuditFindingKind kind, Severity sev, int claim, double weight, const char *id,
    const char *fmt, ...)
{
	AuditReport *r = x->out;
	va_list ap;

	if (r->n_findings >= AUDIT_MAX_FINDINGS)
		return NULL;
	AuditFinding *f = &r->findings[r->n_findings++];
	f->kind = kind;
	f->severity = sev;
	f->claim = claim;
	f->weight = weight;
	snprintf(f->id, sizeof f->id, "%s", id);
	va_start(ap, fmt);
	vsnprintf(f->message, sizeof f->message, fmt, ap);
	va_end(ap);
	if (kind == FINDING_LAYOUT && sev == SEV_ERROR)
		r->n_layout_errors++;
	if (kind == FINDING_ARITH)
		r->n_arith_errors++;
	return f;
}

static double
claim_tolerance(const Ctx *x, const AuditClaim *c)
{
	if (c->tolerance >= 0)
		return c->tolerance;
	if (c->metric >= 0 && audit_metrics[c->metric].exact)
		return 0;
	return x->tol;
}

/* "within": |claimed - computed| allowed by the tolerance, per op. */
static bool
within(const AuditClaim *c, AuditDim d, double v, double tol)
{
	double abs_tol = d == DIM_FRACTION ? AUDIT_FRACTION_ABS : 1e-12;
	double lo = c->lo - fabs(c->lo) * tol - abs_tol, hi = c->hi + fabs(c->hi) * tol + abs_tol;
	switch (c->op) {
	case CLAIM_AT_MOST: return v <= hi;
	case CLAIM_AT_LEAST: return v >= lo;
	case CLAIM_ABOUT: break;
	}
	return v >= lo && v <= hi;
}

static double
log_ratio(double claimed, double computed)
{
	if (claimed == computed)
		return 0;
	if (claimed <= 0 || computed <= 0)
		return 3;       /* a zero against a figure: as bad as 1000x */
	double w = fabs(log10(claimed / computed));
	return w > 20 ? 20 : w;
}

static void
judge_arith(Ctx *x, int k)
{
	const AuditClaim *c = &x->out->claims[k];
	AuditClaimResult *res = &x->out->results[k];
	char err[128], a[48], b[48];
	double v;

	if (!c->equals[0])
		return;
	res->arith = true;
	if (audit_expr_eval(c->equals, x->out->claims, x->out->n_claims, &v, err, sizeof err) != 0) {
		res->arith_ok = false;
		res->arith_value = NAN;
		audit_finding(x, FINDING_ARITH, SEV_WARN, k, 1, "plan.arithmetic", "%s: '%s' cannot be "
		    "evaluated: %s", c->where, c->equals, err);
		return;
	}
	res->arith_value = v;
	AuditDim d = c->metric >= 0 ? audit_metrics[c->metric].dim : DIM_RATIO;
	double abs_tol = d == DIM_FRACTION || d == DIM_RATIO ? 0.005 : 1e-12;
	if (c->lo != c->hi)
		res->arith_ok = v >= c->lo * (1 - AUDIT_ARITH_TOLERANCE) - abs_tol &&
		    v <= c->hi * (1 + AUDIT_ARITH_TOLERANCE) + abs_tol;
	else
		res->arith_ok = fabs(v - c->lo) <= AUDIT_ARITH_TOLERANCE * fmax(fabs(v), fabs(c->lo)) + abs_tol;
	if (!res->arith_ok) {
		if (c->metric >= 0) {
			audit_format_value(d, v, a, sizeof a);
			audit_format_value(d, c->lo, b, sizeof b);
		} else {
			snprintf(a, sizeof a, "%.4g", v);
			snprintf(b, sizeof b, "%.4g", c->lo);
		}
		audit_finding(x, FINDING_ARITH, SEV_WARN, k, log_ratio(fabs(c->lo), fabs(v)), "plan.arithmetic",
		    "%s \"%.120s\": the plan's own numbers give %s = %s, not the %s it states",
		    c->where, c->text, c->equals, a, b);
	}
}

static void
judge_claim(Ctx *x, int k)
{
	const AuditInput *in = x->in;
	const AuditClaim *c = &x->out->claims[k];
	AuditClaimResult *res = &x->out->results[k];
	char cl[64], co[64], bo[64];
	Judged j;

	res->bound = NAN;
	res->computed = res->computed_lo = res->computed_hi = NAN;
	res->ratio = NAN;
	res->tolerance = claim_tolerance(x, c);
	if (c->metric < 0 || c->scenario < 0 || c->scenario >= in->n_scenarios) {
		res->verdict = VERDICT_UNCHECKED;
		snprintf(res->message, sizeof res->message, "%.400s", c->note[0] ? c->note :
		    "shardlab has no figure for it");
		return;
	}
	const AuditMetric *mt = &audit_metrics[c->metric];
	const Fig *f = &x->figs[c->scenario];
	audit_judge_metric(f, c, &j);
	audit_explain_claim(f, c, &j, res->explain, sizeof res->explain);
	audit_format_claimed(c, cl, sizeof cl);
	res->available = j.available;
	if (!j.available) {
		res->verdict = j.impossible ? VERDICT_IMPOSSIBLE : VERDICT_UNCHECKED;
		snprintf(res->message, sizeof res->message, "claimed %s, but %.400s", cl, j.why);
	} else {
		res->computed = j.value;
		res->computed_lo = j.lo;
		res->computed_hi = j.hi;
		res->bound = j.bound;
		res->bound_is_max = j.bound_is_max;
		double mid = (c->lo + c->hi) / 2;
		res->ratio = j.value != 0 ? mid / j.value : (mid == 0 ? 1 : INFINITY);
		bool impossible = false;
		if (!isnan(j.bound)) {
			double eps = 1e-9 * fmax(fabs(j.bound), 1e-30);
			if (j.bound_is_max && c->op != CLAIM_AT_MOST && c->lo > j.bound + eps)
				impossible = true;
			if (!j.bound_is_max && c->op != CLAIM_AT_LEAST && c->hi < j.bound - eps)
				impossible = true;
		}
		/* every stage must agree: judge the worst one */
		double v = j.value;
		if (j.lo != j.hi) {
			bool lo_ok = within(c, mt->dim, j.lo, res->tolerance);
			bool hi_ok = within(c, mt->dim, j.hi, res->tolerance);
			v = !lo_ok && hi_ok ? j.lo : j.hi;
			if (!lo_ok && !hi_ok)
				v = fabs(log_ratio(mid, j.lo)) > fabs(log_ratio(mid, j.hi)) ? j.lo : j.hi;
			res->computed = v;
		}
		/* a claim without its own tolerance is judged by the figure's
		 * error band where it has one (audit-judge.c) */
		bool by_band = j.band && c->tolerance < 0 && in->tolerance < 0 && j.lo == j.hi;
		if (impossible)
			res->verdict = VERDICT_IMPOSSIBLE;
		else if (by_band ? audit_band_within(c, &j) : within(c, mt->dim, v, res->tolerance))
			res->verdict = VERDICT_CONSISTENT;
		else {
			bool claim_higher = c->op == CLAIM_AT_LEAST ? true : c->op == CLAIM_AT_MOST ? false :
			    c->lo > v;
			res->verdict = claim_higher == mt->higher_is_better ? VERDICT_OPTIMISTIC :
			    VERDICT_PESSIMISTIC;
		}
		if (j.lo != j.hi) {
			char l[48], h[48];
			snprintf(co, sizeof co, "%s to %s over the stages", audit_format_value(mt->dim, j.lo,
			    l, sizeof l), audit_format_value(mt->dim, j.hi, h, sizeof h));
		} else {
			audit_format_value(mt->dim, j.value, co, sizeof co);
		}
		TextOut o = { .buf = res->message, .n = sizeof res->message };
		text_out(&o, "claimed %s, shardlab %s", cl, co);
		if (res->verdict == VERDICT_IMPOSSIBLE) {
			audit_format_value(mt->dim, j.bound, bo, sizeof bo);
			text_out(&o, "; impossible: %s %s (%.300s)", j.bound_is_max ? "at most" : "at least", bo, j.why);
		} else if (by_band) {
			audit_band_text(&o, c, &j, mt->dim);
			if (res->verdict != VERDICT_CONSISTENT)
				text_out(&o, ": %s", audit_verdict_name(res->verdict));
		} else if (res->verdict == VERDICT_CONSISTENT) {
			if (res->tolerance > 0)
				text_out(&o, ": consistent within %g%%", res->tolerance * 100);
			else
				text_out(&o, ": consistent");
		} else {
			double ratio = v != 0 ? mid / v : INFINITY;
			if (isfinite(ratio) && ratio > 0)
				text_out(&o, " (the claim is %.3gx shardlab's): %s", ratio,
				    audit_verdict_name(res->verdict));
			else
				text_out(&o, ": %s", audit_verdict_name(res->verdict));
		}
		/* 100x off is no estimate, whether judged by a tolerance or by the
		 * figure's band: name the likely slip */
		double ratio = v != 0 ? mid / v : INFINITY;
		if (res->verdict != VERDICT_IMPOSSIBLE && res->verdict != VERDICT_CONSISTENT &&
		    isfinite(ratio) && ratio > 0 && (ratio >= AUDIT_OFF_SCALE_RATIO ||
		    ratio <= 1 / AUDIT_OFF_SCALE_RATIO)) {
			char slip[64];
			res->off_scale = true;
			if (audit_unit_slip(c->unit, ratio, slip, sizeof slip))
				text_out(&o, "; off by %.3gx: likely %s", ratio >= 1 ? ratio : 1 / ratio, slip);
			else
				text_out(&o, "; off by %.3gx: a slip of the figure or its unit",
				    ratio >= 1 ? ratio : 1 / ratio);
		}
	}
	if (c->rejected) {
		res->plan_right = res->verdict != VERDICT_CONSISTENT;
		char tmp[AUDIT_MSG_MAX];
		snprintf(tmp, sizeof tmp, "%s", res->message);
		snprintf(res->message, sizeof res->message, "the plan rejects it%s; %.400s",
		    res->verdict == VERDICT_UNCHECKED ? "" : res->plan_right ? ", rightly" :
		    ", but shardlab finds it consistent", tmp);
	}
}

/* Findings from the claims' verdicts (after judge_claim and the layout's
 * own GPU-count rule). */
static void
claim_findings(Ctx *x, int k)
{
	const AuditClaim *c = &x->out->claims[k];
	const AuditClaimResult *res = &x->out->results[k];
	const AuditInput *in = x->in;
	double w = isfinite(res->ratio) ? log_ratio(fabs((c->lo + c->hi) / 2), fabs(res->computed)) : 3;

	if (res->verdict == VERDICT_UNCHECKED || res->verdict == VERDICT_CONSISTENT) {
		if (c->rejected && res->verdict == VERDICT_CONSISTENT)
			audit_finding(x, FINDING_CLAIM, SEV_WARN, k, 0.5, "claim.rejected", "%s \"%.160s\": %s",
			    c->where, c->text, res->message);
		return;
	}
	if (c->rejected) {
		audit_finding(x, FINDING_CLAIM, SEV_INFO, k, w, "claim.rejected", "%s \"%.160s\": %s", c->where,
		    c->text, res->message);
		return;
	}
	/* a wrong GPU count for the plan's own layout is a layout error */
	if (c->metric == M_GPUS && c->scenario == 0 && res->available) {
		const Strategy *st = &in->scenarios[0]->strategy;
		int need = st->tp * st->pp * st->dp;
		audit_finding(x, FINDING_LAYOUT, SEV_ERROR, k, w, "layout.gpu_count_claimed",
		    "%s \"%.120s\": the plan counts %g GPUs, its layout TP %d x PP %d x DP %d needs %d%s",
		    c->where, c->text, (c->lo + c->hi) / 2, st->tp, st->pp, st->dp, need,
		    st->ep > 1 && fabs(c->lo - (double)need * st->ep) < 0.5 ?
		    "; the plan multiplies EP in, but engines fold EP into TP x DP: it adds no GPUs" :
		    st->ep > 1 ? " (EP folds into TP x DP: it adds no GPUs)" : "");
		return;
	}
	Severity sev = res->verdict == VERDICT_IMPOSSIBLE || res->off_scale ? SEV_ERROR : SEV_WARN;
	audit_finding(x, FINDING_CLAIM, sev, k, w + (sev == SEV_ERROR ? 10 : 0),
	    res->verdict == VERDICT_IMPOSSIBLE ? "claim.impossible" : res->off_scale ? "claim.off_scale" :
	    res->verdict == VERDICT_OPTIMISTIC ? "claim.optimistic" : "claim.pessimistic",
	    "%s \"%.160s\": %s", c->where, c->text, res->message);
}

/* eval's checks of the plan's scenario, as findings. */
static void
check_findings(Ctx *x)
{
	const Scenario *s = x->in->scenarios[0];
	const Result *r = x->in->results[0];
	char msg[AUDIT_MSG_MAX];

	int n_fit = 0, worst_fit = -1;
	for (int i = 0; i < r->n_checks; i++) {
		const Check *c = &r->checks[i];
		if (c->id != CHECK_MEMORY_FIT)
			continue;
		n_fit++;
		const Check *wf = worst_fit < 0 ? NULL : &r->checks[worst_fit];
		if (!wf || c->a.memory_fit.need_bytes - c->a.memory_fit.allowed_bytes >
		    wf->a.memory_fit.need_bytes - wf->a.memory_fit.allowed_bytes)
			worst_fit = i;
	}
	for (int i = 0; i < r->n_checks; i++) {
		const Check *c = &r->checks[i];
		const char *id = check_id_name(c->id);
		/* one memory.fit finding: the stage furthest over, and how many more */
		if (c->id == CHECK_MEMORY_FIT && i != worst_fit)
			continue;
		check_format(s, r, c, msg, sizeof msg);
		if (c->id == CHECK_MEMORY_FIT && n_fit > 1) {
			size_t len = strlen(msg);
			snprintf(msg + len, sizeof msg - len, " (and %d more stage%s short)", n_fit - 1,
			    n_fit == 2 ? "" : "s");
		}
		bool layout = strncmp(id, "layout.", 7) == 0 || c->id == CHECK_MEMORY_FIT ||
		    c->id == CHECK_DTYPE_SUPPORT;
		/* the check table's severity, as eval reports it */
		Severity sev = check_def(c->id)->severity;
		audit_finding(x, layout ? FINDING_LAYOUT : FINDING_CHECK, sev, -1,
		    c->severity == SEV_ERROR ? 6 : 0, id, "%s", msg);
	}
}

static void
context_fill(AuditContext *cx, const Scenario *s, const Result *r)
{
	const Model *m = &s->model;
	const Strategy *st = &s->strategy;

	snprintf(cx->model, sizeof cx->model, "%s", m->name);
	snprintf(cx->arch, sizeof cx->arch, "%s", m->arch);
	cx->params_total = r->params.total;
	cx->params_active = r->params.active;
	cx->layers = m->n_layers;
	cx->heads = m->n_heads;
	cx->kv_heads = m->n_kv_heads;
	cx->experts = m->n_experts;
	cx->top_k = m->top_k;
	snprintf(cx->cluster, sizeof cx->cluster, "%s", s->cluster.name);
	snprintf(cx->gpu, sizeof cx->gpu, "%s", s->cluster.gpu.name);
	cx->gpus = cluster_gpus(&s->cluster);
	cx->nodes = s->cluster.nodes;
	cx->gpus_per_node = s->cluster.gpus_per_node;
	cx->gpu_memory_bytes = s->cluster.gpu.memory_bytes;
	snprintf(cx->runtime, sizeof cx->runtime, "%s", s->runtime.name);
	cx->mem_fraction = s->runtime.mem_fraction;
	cx->tp = st->tp;
	cx->pp = st->pp;
	cx->dp = st->dp;
	cx->ep = st->ep;
	cx->gpus_used = st->tp * st->pp * st->dp;
	snprintf(cx->dtype, sizeof cx->dtype, "%s", dtype_name(st->weight_dtype));
	snprintf(cx->kv_dtype, sizeof cx->kv_dtype, "%s", dtype_name(st->kv_dtype));
	cx->batch = s->workload.batch;
	cx->input_len = s->workload.input_len;
	cx->output_len = s->workload.output_len;
	cx->valid = r->status == EVAL_OK;
	cx->feasible = r->status == EVAL_OK && r->feasible;
}

/* Worst first: severity, then how far off, then the plan's order. */
static void
sort_findings(AuditReport *r)
{
	for (int i = 1; i < r->n_findings; i++) {
		AuditFinding f = r->findings[i];
		int k = i;
		while (k > 0 && (r->findings[k - 1].severity < f.severity ||
		    (r->findings[k - 1].severity == f.severity && r->findings[k - 1].weight < f.weight))) {
			r->findings[k] = r->findings[k - 1];
			k--;
		}
		r->findings[k] = f;
	}
}

PlanVerdict
audit_run(const AuditInput *in, AuditReport *out)
{
	Ctx ctx_storage;        /* ~50 kB: figures per scenario, GPU owners */
	Ctx *x = &ctx_storage;

	memset(out, 0, sizeof *out);
	memset(x, 0, sizeof *x);
	x->in = in;
	x->out = out;
	x->tol = in->tolerance >= 0 ? in->tolerance : AUDIT_DEFAULT_TOLERANCE;
	out->tolerance = x->tol;
	snprintf(out->path, sizeof out->path, "%s", in->path ? in->path : "");
	snprintf(out->title, sizeof out->title, "%s", in->title ? in->title : "");
	snprintf(out->source, sizeof out->source, "%s", in->source ? in->source : "");
	snprintf(out->notes, sizeof out->notes, "%s", in->notes ? in->notes : "");
	snprintf(out->assumed, sizeof out->assumed, "%s", in->assumed ? in->assumed : "");
	if (in->n_scenarios < 1)
		return out->verdict = PLAN_INCONSISTENT;
	context_fill(&out->ctx, in->scenarios[0], in->results[0]);
	for (int i = 0; i < in->n_scenarios && i < AUDIT_MAX_SCENARIOS; i++)
		audit_fig_init(&x->figs[i], in->scenarios[i], in->results[i]);

	out->n_claims = in->n_claims < AUDIT_MAX_CLAIMS ? in->n_claims : AUDIT_MAX_CLAIMS;
	memcpy(out->claims, in->claims, (size_t)out->n_claims * sizeof out->claims[0]);
	out->n_groups = in->n_groups;
	audit_layout_checks(x);
	check_findings(x);
	for (int k = 0; k < out->n_claims; k++) {
		judge_claim(x, k);
		judge_arith(x, k);
		claim_findings(x, k);
	}
	bool impossible = false, optimistic = false, pessimistic = false;
	for (int k = 0; k < out->n_claims; k++) {
		const AuditClaimResult *res = &out->results[k];
		if (out->claims[k].rejected) {
			pessimistic |= res->verdict == VERDICT_CONSISTENT;
			continue;
		}
		out->n_verdict[res->verdict]++;
		impossible |= res->verdict == VERDICT_IMPOSSIBLE || res->off_scale;
		optimistic |= res->verdict == VERDICT_OPTIMISTIC;
		pessimistic |= res->verdict == VERDICT_PESSIMISTIC;
	}
	sort_findings(out);
	if (impossible || out->n_layout_errors > 0)
		out->verdict = PLAN_INCONSISTENT;
	else if (optimistic)
		out->verdict = PLAN_OPTIMISTIC;
	else if (pessimistic)
		out->verdict = PLAN_PESSIMISTIC;
	else
		out->verdict = PLAN_CONSISTENT;
	return out->verdict;
}

int
audit_exit_status(const AuditReport *r)
{
	return r->verdict == PLAN_INCONSISTENT ? 1 : 0;
}

/* ---- the best layout ---------------------------------------------------- */

void
audit_best(const Scenario *plan, const Result *r, SearchWork *w, AuditReport *rep)
{
	AuditBest *b = &rep->best;
	const Strategy *st = &plan->strategy;
	SearchCandidate c;
	char lay[128], bind[160], a[48];

	memset(b, 0, sizeof *b);
	b->searched = true;
	if (search_best(plan, SEARCH_OBJ_TPUT_PER_GPU, w, &c)) {
		b->found = true;
		b->tp = c.tp;
		b->pp = c.pp;
		b->dp = c.dp;
		b->ep = c.ep;
		b->gpus = c.gpus;
		b->per_gpu_bytes = c.per_gpu_bytes;
		b->ttft_s = c.ttft_s;
		b->tpot_s = c.tpot_s;
		b->tokens_per_s = c.tokens_per_s_per_gpu * c.gpus;
		b->requests_per_s = c.rate_max_rps * c.dp;
		search_format_layout(&c, lay, sizeof lay);
		search_format_binding(&c, bind, sizeof bind);
		bool same = c.tp == st->tp && c.pp == st->pp && c.ep == st->ep;
		TextOut o = { .buf = b->summary, .n = sizeof b->summary };
		text_out(&o, "%s, ranked by throughput per GPU within the SLOs: %s per GPU at up to %.2f "
		    "req/s per replica (%s)", lay, fmt_rate(c.tokens_per_s_per_gpu, "tok/s", a, sizeof a),
		    c.rate_max_rps, bind);
		if (same)
			text_out(&o, "; the plan's TP %d x PP %d replica is this one", st->tp, st->pp);
		else if (r->status == EVAL_OK)
			text_out(&o, "; the plan's TP %d x PP %d x DP %d%s gives %s per GPU in static batches of "
			    "%d", st->tp, st->pp, st->dp, st->ep > 1 ? " (EP folded)" : "",
			    fmt_rate(r->throughput.tokens_per_s_per_gpu, "tok/s", a, sizeof a),
			    plan->workload.batch);
		return;
	}
	SearchOptions so;
	search_options_init(&so);
	int n = search_fewest_gpus(plan, &so, true, w, &c);
	TextOut o = { .buf = b->summary, .n = sizeof b->summary };
	text_out(&o, "no layout of %s on %d x %s meets the checks and SLOs", plan->model.name,
	    cluster_gpus(&plan->cluster), plan->cluster.gpu.name);
	if (n > 0) {
		search_format_layout(&c, lay, sizeof lay);
		text_out(&o, "; the fewest %s that hold it (SLOs aside): %d, as %s", plan->cluster.gpu.name,
		    n, lay);
	} else {
		text_out(&o, "; no count of %s up to %d holds it", plan->cluster.gpu.name, SEARCH_MAX_GPUS);
	}
}
