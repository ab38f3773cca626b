/* serving.c: continuous batching at a Poisson request rate; see serving.h
 * for the model and its sources.
 *
 * Notation: rate lambda (requests/s per replica), mean input I and output O
 * tokens, running-batch cap N, decode step D(n) at a running batch of n
 * (eval's TPOT at batch n, interpolated), prefill stall per arrival s_pf
 * (chunked: its prefill tokens at the marginal cost inside a decode step;
 * unchunked: its whole idle prefill, during which decode waits).
 *
 * Mean field: every step carries the running batch and the prefill work
 * that arrived during the previous step, so the mean step is
 *     t = D(n) + lambda * s_pf * t   =>   t = D(n) / (1 - lambda * s_pf),
 * and by Little's law the running batch is n = lambda * O * t.  Both hold
 * at the fixed point, solved exactly on each linear piece of D.
 */
#include "serving.h"

#include <limits.h>
#include <math.h>
#include <stddef.h>

#include "units.h"

#define Z50 0.0
#define Z99 2.3263478740408408          /* standard normal 0.99 quantile */
#define SQRT2 1.4142135623730951
#define INV_SQRT_2PI 0.3989422804014327
/* Slots up to this many use the exact Erlang recursion; above, Halfin-Whitt. */
#define ERLANG_EXACT_MAX 32
/* The TPOT-spread table covers arrivals per step 1e-4 .. 1e3, 4 points a decade. */
#define TAIL_LOG_MIN (-4.0)
#define TAIL_PER_DECADE 4.0
/* Compound Poisson sums with more expected terms than this use a moment-
 * matched (translated) gamma instead of the exact Poisson mixture. */
#define TAIL_EXACT_TERMS 30.0
/* Without a latency SLO the reported point sits just below capacity. */
#define NO_SLO_LOAD 0.99
/* Bisection steps for the highest rate within SLOs (2^-14 of capacity). */
#define RATE_STEPS 14

static double
norm_sf(double x)
{
	return 0.5 * erfc(x / SQRT2);
}

double
serving_norm_quantile(double p)
{
	/* P. J. Acklam, "An algorithm for computing the inverse normal
	 * cumulative distribution function" (2003), rational approximation */
	static const double a[] = { -3.969683028665376e+01, 2.209460984245205e+02,
		-2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01,
		2.506628277459239e+00 };
	static const double b[] = { -5.447609879822406e+01, 1.615858368580409e+02,
		-1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01 };
	static const double c[] = { -7.784894002430293e-03, -3.223964580411365e-01,
		-2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00,
		2.938163982698783e+00 };
	static const double d[] = { 7.784695709041462e-03, 3.224671290700398e-01,
		2.445134137142996e+00, 3.754408661907416e+00 };
	double q, r;

	if (p <= 0)
		return -INFINITY;
	if (p >= 1)
		return INFINITY;
	if (p < 0.02425) {
		q = sqrt(-2 * log(p));
		return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
		    ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
	}
	if (p > 1 - 0.02425) {
		q = sqrt(-2 * log(1 - p));
		return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
		    ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
	}
	q = p - 0.5;
	r = q * q;
	return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
	    (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/* Gamma distribution of mean mu and shape k through the Wilson-Hilferty
 * cube-root normal approximation (Wilson & Hilferty, PNAS 1931): good for
 * k >= 1 (cv <= 1), rough below. */
static double
gamma_quantile(double mu, double cv, double p)
{
	if (cv <= 0)
		return mu;
	double a = cv * cv / 9.0;       /* 1 / (9k) */
	double x = 1 - a + serving_norm_quantile(p) * sqrt(a);
	return x > 0 ? mu * x * x * x : 0;
}

static double
gamma_sf(double x, double mu, double shape)
{
	if (x <= 0)
		return 1;
	double a = 1.0 / (9.0 * shape);
	return norm_sf((cbrt(x / mu) - (1 - a)) / sqrt(a));
}

void
serving_options_init(ServingOptions *o)
{
	o->chunked_prefill = true;
	o->input_cv = 0;
	o->output_cv = 0;
}

/* ---- the TPOT-spread table -------------------------------------------
 * A request of O output tokens decodes for O-1 steps; Poisson arrivals
 * during them (lambda*t per step) each add their prefill stall to one of
 * its steps.  In units of the mean stall, its TPOT excess is
 *     Y = (1/(O-1)) * sum_{k <= K} I_k / I,   K ~ Poisson(L * (O-1)),
 * L = lambda*t arrivals per step.  E[Y] = L.  The table holds Y's 0.5 and
 * 0.99 quantiles over L, mixing over the output-length distribution (gamma
 * with the given cv, SERVING_LEN_POINTS quantile cells denser at short
 * outputs, which make the tail) and with gamma input lengths: a sum of j
 * gamma lengths is gamma with j times the shape (exact), K's terms summed
 * exactly up to TAIL_EXACT_TERMS expected arrivals, then a translated gamma
 * matching the compound Poisson's first three cumulants (kappa_r = m E[I^r]). */

typedef struct {
	int n;
	double o[SERVING_LEN_POINTS], w[SERVING_LEN_POINTS];
	double shape_i;         /* input gamma shape; 0 = fixed */
	double m2, m3;          /* E[I^2], E[I^3] in units of the mean */
} TailGrid;

static double
sf_one(const TailGrid *g, double o, double lam, double y)
{
	double m = lam * (o - 1), x = y * (o - 1);

	if (m <= 0)
		return 0;
	if (m > TAIL_EXACT_TERMS) {
		double v = m * g->m2, k3 = m * g->m3;
		double gam = k3 / pow(v, 1.5);
		double shape = 4 / (gam * gam), scale = sqrt(v) * gam / 2;
		double shift = m - shape * scale;
		return gamma_sf(x - shift, shape * scale, shape);
	}
	double p = exp(-m), s = 0;
	int jmax = (int)ceil(m + 12 * sqrt(m) + 12);
	for (int j = 1; j <= jmax; j++) {
		p *= m / j;
		double gj = g->shape_i > 0 ? gamma_sf(x, j, j * g->shape_i) : (j > x ? 1.0 : 0.0);
		s += p * gj;
	}
	return s;
}

static double
sf_all(const TailGrid *g, double lam, double y)
{
	double s = 0;
	for (int i = 0; i < g->n; i++)
		s += g->w[i] * sf_one(g, g->o[i], lam, y);
	return s;
}

static double
tail_quantile(const TailGrid *g, double lam, double q)
{
	double target = 1 - q;
	if (sf_all(g, lam, 0) <= target)
		return 0;
	double lo = 0, hi = fmax(1.0, 2 * lam);
	for (int i = 0; i < 60 && sf_all(g, lam, hi) > target; i++) {
		lo = hi;
		hi *= 2;
	}
	for (int i = 0; i < 40; i++) {
		double mid = 0.5 * (lo + hi);
		if (sf_all(g, lam, mid) > target)
			lo = mid;
		else
			hi = mid;
	}
	return 0.5 * (lo + hi);
}

void
serving_tail_init(ServingTail *t, const ServingOptions *o, double input_len, double output_len)
{
	/* output-length cells: edges in probability, denser where outputs are short */
	static const double edge[SERVING_LEN_POINTS + 1] = { 0, .005, .01, .02, .03, .05, .075,
		.125, .2, .3, .4, .55, .7, .85, .95, .99, 1 };
	TailGrid g = { 0 };
	double cvi = o->input_cv > 0 ? o->input_cv : 0, cvo = o->output_cv > 0 ? o->output_cv : 0;

	t->input_cv = cvi;
	t->output_cv = cvo;
	t->output_len = output_len;
	(void)input_len;        /* the table is in units of the mean input */
	if (cvo > 0) {
		g.n = SERVING_LEN_POINTS;
		for (int i = 0; i < g.n; i++) {
			g.o[i] = fmax(2, gamma_quantile(output_len, cvo, 0.5 * (edge[i] + edge[i + 1])));
			g.w[i] = edge[i + 1] - edge[i];
		}
	} else {
		g.n = 1;
		g.o[0] = fmax(2, output_len);
		g.w[0] = 1;
	}
	g.shape_i = cvi > 0 ? 1 / (cvi * cvi) : 0;
	g.m2 = 1 + cvi * cvi;
	g.m3 = (1 + cvi * cvi) * (1 + 2 * cvi * cvi);
	t->inv_o1 = 0;
	for (int i = 0; i < g.n; i++)
		t->inv_o1 += g.w[i] / (g.o[i] - 1);
	t->input_m2 = g.m2;
	t->input_q50 = gamma_quantile(1, cvi, 0.5);
	t->input_q99 = gamma_quantile(1, cvi, 0.99);
	t->output_q99 = gamma_quantile(1, cvo, 0.99);
	for (int i = 0; i < SERVING_TAIL_POINTS; i++) {
		double lam = pow(10, TAIL_LOG_MIN + i / TAIL_PER_DECADE);
		t->q50[i] = tail_quantile(&g, lam, 0.5);
		t->q99[i] = tail_quantile(&g, lam, 0.99);
	}
	t->valid = true;
}

bool
serving_tail_matches(const ServingTail *t, const ServingOptions *o, double input_len, double output_len)
{
	(void)input_len;
	return t->valid && t->input_cv == (o->input_cv > 0 ? o->input_cv : 0) &&
	    t->output_cv == (o->output_cv > 0 ? o->output_cv : 0) && t->output_len == output_len;
}

/* Y's quantile (0.5 or 0.99) at L arrivals per step, interpolated in log L. */
double
serving_tail_quantile(const ServingTail *t, double lam, bool p99)
{
	const double *q = p99 ? t->q99 : t->q50;
	if (lam <= 0)
		return 0;
	double u = (log10(lam) - TAIL_LOG_MIN) * TAIL_PER_DECADE;
	if (u <= 0)
		return q[0] * lam / pow(10, TAIL_LOG_MIN);
	if (u >= SERVING_TAIL_POINTS - 1) {
		/* many arrivals per request: the sum is near normal */
		return lam + (p99 ? Z99 : Z50) * sqrt(lam * t->input_m2 * t->inv_o1);
	}
	int i = (int)u;
	double f = u - i;
	return q[i] + f * (q[i + 1] - q[i]);
}

/* ---- the step model --------------------------------------------------- */

/* Achievable FLOP/s of the GEMMs: eval's peak (eval_peak_flops) times the
 * GPU's compute fraction for that dtype (gpu_compute_fraction). */
static double
flops_eff(const Scenario *s)
{
	return eval_peak_flops(s) * gpu_compute_fraction(&s->cluster.gpu, eval_compute_dtype(s));
}

void
serving_step_begin(StepModel *m, const Scenario *s, const Result *r)
{
	const Workload *w = &s->workload;
	double stage = 0, path = 0, flops = 0, flops_path = 0;
	/* prefill work per request: the prompt tokens not found cached
	 * (prefix caching, eval's latency.prefix.computed_tokens) */
	double computed = r->prefix.computed_tokens > 0 ? r->prefix.computed_tokens : w->input_len;
	double in = computed > 1 ? computed : 1;

	m->n = 0;
	m->input_len = computed;
	m->output_len = w->output_len;
	m->prefill_s = r->latency.ttft_s;
	m->kv_seqs = r->memory.max_concurrent_seqs;
	m->chunk_tokens = w->max_batched_tokens > 0 ? w->max_batched_tokens :
	    s->runtime.max_num_batched_tokens > 0 ? s->runtime.max_num_batched_tokens : w->input_len;
	/* A prefill token inside a decode step costs what it adds to a pass:
	 * its share of the prefill pass's compute-bound operators, at the
	 * kernels' own efficiencies (GEMM tiles, the grouped MoE kernel,
	 * attention), at least its FLOPs at the GEMM rate, plus its share of
	 * the all-reduces and sends beyond a one-token pass's (the weights
	 * are streamed for the decode tokens anyway: Sarathi-Serve sec. 3).  Under PP with continuous batching the stages
	 * run different micro-batches at once (vLLM V1 batch_queue of size pp),
	 * so it lengthens others' steps by its stage's share: the slowest
	 * stage's, not the whole path's; its own prefill passes every stage. */
	for (int i = 0; i < r->n_stages; i++) {
		const StageResult *sr = &r->stages[i];
		const PhaseTime *pp = &sr->phase[PHASE_PREFILL], *pd = &sr->phase[PHASE_DECODE];
		double comm = in > 1 ? fmax(0, pp->comm_s + sr->send_s[PHASE_PREFILL] - pd->comm_s -
		    sr->send_s[PHASE_DECODE]) / (in - 1) : 0;
		double marg = pp->compute_bound_s / in + comm;
		double fl = sr->phase[PHASE_PREFILL].flops / flops_eff(s) / in;
		stage = fmax(stage, fmax(marg, fl));
		path += fmax(marg, fl);
		flops = fmax(flops, fl);
		flops_path += fl;
	}
	m->prefill_token_s = stage > 0 ? stage : flops;
	m->prefill_path_token_s = path > 0 ? path : flops_path;
	serving_step_add(m, 1, r);
}

int
serving_step_add(StepModel *m, int batch, const Result *r)
{
	if (m->n >= SERVING_MAX_SAMPLES || (m->n > 0 && batch <= m->batch[m->n - 1]))
		return -1;
	m->batch[m->n] = batch;
	m->step_s[m->n] = r->latency.tpot_s;
	m->n++;
	m->max_seqs = batch;
	return 0;
}

int
serving_batch_cap(double batch_max, double kv_seqs, ServingLimit *limit)
{
	double kv = kv_seqs > 0 ? floor(kv_seqs) : 0;
	double cap = kv <= batch_max ? kv : floor(batch_max);

	if (limit)
		*limit = kv <= batch_max ? SERVING_LIMIT_KV : SERVING_LIMIT_BATCH;
	return cap >= 1 ? (cap < INT_MAX ? (int)cap : INT_MAX) : 0;
}

int
serving_step_model(const Scenario *s, int max_seqs, Scenario *work, Result *r, StepModel *m)
{
	*work = *s;
	work->workload.batch = 1;
	if (eval_run(work, r) != EVAL_OK)
		return -1;
	max_seqs = serving_batch_cap(max_seqs, r->memory.max_concurrent_seqs, NULL);
	if (max_seqs < 1)
		return -1;
	serving_step_begin(m, work, r);
	for (int b = 2; b < 2 * max_seqs && m->n < SERVING_MAX_SAMPLES; b *= 2) {
		int batch = b < max_seqs ? b : max_seqs;
		if (batch <= m->batch[m->n - 1])
			break;
		work->workload.batch = batch;
		eval_run(work, r);
		serving_step_add(m, batch, r);
	}
	return 0;
}

double
serving_step_time(const StepModel *m, double n)
{
	return piecewise_linear(m->batch, m->step_s, m->n, n);
}

/* The stall one arrival adds to the steps of the running requests. */
static double
stall(const StepModel *m, const ServingOptions *o)
{
	return o->chunked_prefill ? m->prefill_token_s * m->input_len : m->prefill_s;
}

static double
cap_seqs(const StepModel *m, const ServingOptions *o)
{
	double n = m->max_seqs;
	/* decode tokens count against the step's token budget (vLLM V1
	 * scheduler): keep room for at least one prefill token */
	if (o->chunked_prefill && m->chunk_tokens > 1 && n > m->chunk_tokens - 1)
		n = m->chunk_tokens - 1;
	return n >= 1 ? n : 1;
}

/* The mean-field fixed point at rate lam: running batch *n and mean step
 * *t.  Returns false when no stable point exists below the cap. */
static bool
mean_field(const StepModel *m, const ServingOptions *o, double lam, double *n, double *t)
{
	double cap = cap_seqs(m, o);
	double kappa = 1 - lam * stall(m, o);
	if (kappa <= 0) {
		*n = cap;
		*t = INFINITY;
		return false;
	}
	double a = lam * m->output_len / kappa;         /* n = a * D(n) */
	double d0 = m->step_s[0], b0 = m->batch[0];
	if (a * d0 <= b0) {
		*n = a * d0;
		*t = d0 / kappa;
		return true;
	}
	/* D is linear between samples: on [b_j, b_j+1] solve n = a (D_j + s (n - b_j)) */
	for (int j = 1; j < m->n; j++) {
		double bl = m->batch[j - 1], br = fmin(m->batch[j], cap);
		double dl = m->step_s[j - 1];
		double slope = (m->step_s[j] - dl) / (m->batch[j] - bl);
		double dr = dl + slope * (br - bl);
		if (a * dr <= br) {
			double x = a * (dl - slope * bl) / (1 - a * slope);
			if (!(x >= bl && x <= br))
				x = br;
			*n = x;
			*t = serving_step_time(m, x) / kappa;
			return true;
		}
		if (br >= cap)
			break;
	}
	*n = cap;
	*t = serving_step_time(m, cap) / kappa;
	return false;
}

double
serving_capacity(const StepModel *m, const ServingOptions *o, ServingLimit *limit)
{
	double cap = cap_seqs(m, o);
	double sp = stall(m, o), dn = serving_step_time(m, cap);
	/* slots: n = N = lam O t with t = D(N) / (1 - lam s_pf) */
	double lam = cap / (m->output_len * dn + cap * sp);
	ServingLimit why;

	serving_batch_cap(m->max_seqs, m->kv_seqs, &why);
	if (cap < m->max_seqs)
		why = SERVING_LIMIT_PREFILL;    /* decodes fill the step's token budget */

	if (o->chunked_prefill && m->chunk_tokens > 0) {
		/* the token budget: running decodes plus arriving prefill tokens
		 * per step must fit in max_num_batched_tokens */
		double n, t;
		mean_field(m, o, lam, &n, &t);
		if (n + lam * m->input_len * t > m->chunk_tokens) {
			double lo = 0, hi = lam;
			for (int i = 0; i < 40; i++) {
				double mid = 0.5 * (lo + hi);
				bool ok = mean_field(m, o, mid, &n, &t) &&
				    n + mid * m->input_len * t <= m->chunk_tokens;
				*(ok ? &lo : &hi) = mid;
			}
			lam = lo;
			why = SERVING_LIMIT_PREFILL;
		}
	} else if (!o->chunked_prefill && lam * sp > 0.999) {
		why = SERVING_LIMIT_PREFILL;
	}
	if (limit)
		*limit = why;
	return lam;
}

/* Erlang C: P(an arrival waits) in M/M/c with c servers and offered load a. */
static double
erlang_c(double c, double a)
{
	if (a <= 0)
		return 0;
	if (a >= c)
		return 1;
	if (c <= ERLANG_EXACT_MAX) {
		double b = 1;
		for (int k = 1; k <= (int)c; k++)
			b = a * b / (k + a * b);
		return b / (1 - (a / c) * (1 - b));
	}
	/* Halfin & Whitt (1981): beta = (c - a) / sqrt(a) */
	double beta = (c - a) / sqrt(a);
	double phi = INV_SQRT_2PI * exp(-0.5 * beta * beta);
	double cdf = 1 - norm_sf(beta);
	if (phi <= 0)
		return 0;
	return 1 / (1 + beta * cdf / phi);
}

/* Quantile q of a delay that is 0 with probability 1-p and else
 * exponential with mean theta. */
static double
atom_exp_quantile(double p, double theta, double q)
{
	return p > 1 - q && theta > 0 ? theta * log(p / (1 - q)) : 0;
}

/* mean + sign * sqrt(sum of squared excesses): the quantile of a sum of
 * independent terms, exact when they are normal. */
static double
combine(const double *mean, const double *quant, int n)
{
	double m = 0, e = 0, e2 = 0;
	for (int i = 0; i < n; i++) {
		double x = quant[i] - mean[i];
		m += mean[i];
		e += x;
		e2 += x * x;
	}
	return m + (e < 0 ? -1 : 1) * sqrt(e2);
}

void
serving_point(const StepModel *m, const ServingOptions *o, const ServingTail *t, double lam,
    ServingPoint *p)
{
	ServingLimit lim;
	double capacity = serving_capacity(m, o, &lim);
	double n, step;

	*p = (ServingPoint){ .rate_rps = lam };
	p->load = capacity > 0 ? lam / capacity : INFINITY;
	p->stable = p->load < 1;
	p->heavy = p->load > SERVING_HEAVY_LOAD;
	p->tokens_per_s = lam * m->output_len;
	bool ok = mean_field(m, o, lam, &n, &step);
	p->batch_mean = n;
	p->step_s = step;
	if (!p->stable || !ok || !isfinite(step)) {
		p->stable = false;
		p->overload = lim;
		p->slot_wait_prob = 1;
		p->wait_s = p->ttft_mean_s = p->ttft_p50_s = p->ttft_p99_s = INFINITY;
		p->tpot_mean_s = p->tpot_p50_s = step;
		p->tpot_p99_s = INFINITY;
		return;
	}

	double in = m->input_len, out = m->output_len, cap = cap_seqs(m, o);
	double sp = stall(m, o);
	double dn = serving_step_time(m, n);
	double cvi = t->input_cv, cvo = t->output_cv;

	/* TPOT: the step mean, plus the spread from arrivals' prefill work
	 * (the table) and from the running batch's Poisson fluctuation */
	double lam_step = lam * step;
	/* Under PP each arrival's prefill joins one of the micro-batches in
	 * flight and lengthens that one's pass through every stage: a request
	 * sees 1/k of the arrivals (k = path / stage share, the pipeline
	 * depth), each costing the path.  The mean is the stage share above;
	 * the spread is k times wider.  k = 1 without PP. */
	double k_pp = 1, sp_tail = sp;
	if (o->chunked_prefill && m->prefill_token_s > 0 && m->prefill_path_token_s > m->prefill_token_s) {
		k_pp = m->prefill_path_token_s / m->prefill_token_s;
		sp_tail = sp * k_pp;
	}
	double lam_k = lam_step / k_pp;
	double ey50 = sp_tail * (serving_tail_quantile(t, lam_k, false) - lam_k);
	double ey99 = sp_tail * (serving_tail_quantile(t, lam_k, true) - lam_k);
	double eb99 = serving_step_time(m, fmin(n + Z99 * sqrt(n), cap)) - dn;
	p->tpot_mean_s = step;
	p->tpot_p50_s = step + ey50;
	p->tpot_p99_s = step + sqrt(ey99 * ey99 + eb99 * eb99);

	/* TTFT = slot wait + prefill wait + rest of the current step + own prefill */
	double busy = 1 - exp(-n);                      /* P(a step is running): M/G/inf */
	double mean[4], q50[4], q99[4];

	/* slots: M/G/c, c = cap, service = the decode lifetime O*t, offered n */
	double life = out * step;
	double pw = erlang_c(cap, n);
	double ws = cap > n ? pw * life / (cap - n) * (1 + cvo * cvo) / 2 : INFINITY;
	double theta_s = pw > 0 ? ws / pw : 0;
	p->slot_wait_prob = pw;
	mean[0] = ws;
	q50[0] = atom_exp_quantile(pw, theta_s, 0.5);
	q99[0] = atom_exp_quantile(pw, theta_s, 0.99);

	/* prefill: M/G/1 (Pollaczek-Khinchine).  Chunked: the prefill share of
	 * each step's token budget serves arrivals FCFS; unchunked: prefill
	 * steps run alone, ahead of decode (vLLM V0 scheduler) */
	double rho, es2;
	if (o->chunked_prefill) {
		double room = fmax(1, m->chunk_tokens - n);
		double unit = step / room;                      /* seconds per prefill token */
		rho = lam * in * unit;
		es2 = unit * unit * in * in * (1 + cvi * cvi);
	} else {
		double sd = m->prefill_path_token_s * in * cvi;
		rho = lam * m->prefill_s;
		es2 = m->prefill_s * m->prefill_s + sd * sd;
	}
	double wp = rho < 1 ? lam * es2 / (2 * (1 - rho)) : INFINITY;
	double theta_p = rho > 0 ? wp / rho : 0;
	mean[1] = wp;
	q50[1] = atom_exp_quantile(rho, theta_p, 0.5);
	q99[1] = atom_exp_quantile(rho, theta_p, 0.99);

	/* the step in progress: uniform over its length when one runs */
	mean[2] = busy * step / 2;
	q50[2] = busy > 0.5 ? step * (1 - 0.5 / busy) : 0;
	q99[2] = busy > 0.01 ? step * (1 - 0.01 / busy) : 0;

	/* own prefill: idle it is eval's TTFT; under load (chunked) it shares
	 * ceil(I / room) steps with the running batch */
	double lens[3] = { in, in * t->input_q50, in * t->input_q99 };
	double svc[3];
	for (int i = 0; i < 3; i++) {
		double len = lens[i];
		double alone = fmax(m->prefill_s + (len - in) * m->prefill_path_token_s, m->step_s[0]);
		if (o->chunked_prefill) {
			double k = ceil(len / fmax(1, m->chunk_tokens - n));
			double mixed = k * step + m->prefill_path_token_s * len;
			svc[i] = alone + busy * fmax(0, mixed - alone);
		} else {
			svc[i] = alone;
		}
	}
	mean[3] = svc[0];
	q50[3] = svc[1];
	q99[3] = svc[2];

	p->wait_s = mean[0] + mean[1];
	p->ttft_mean_s = mean[0] + mean[1] + mean[2] + mean[3];
	p->ttft_p50_s = combine(mean, q50, 4);
	p->ttft_p99_s = combine(mean, q99, 4);
	if (!isfinite(p->wait_s)) {
		/* the slot queue (cap <= n) or the prefill queue (rho >= 1) grows */
		p->stable = false;
		p->overload = isfinite(ws) ? SERVING_LIMIT_PREFILL : lim;
	}
}

bool
serving_meets(const ServingPoint *p, const Slo *slo, ServingLimit *why)
{
	ServingLimit w = SERVING_LIMIT_NONE;
	if (!p->stable)
		w = p->overload != SERVING_LIMIT_NONE ? p->overload : SERVING_LIMIT_BATCH;
	else if ((slo->ttft_p99_s > 0 && p->ttft_p99_s > slo->ttft_p99_s) ||
	    (slo->ttft_p50_s > 0 && p->ttft_p50_s > slo->ttft_p50_s))
		w = SERVING_LIMIT_TTFT;
	else if ((slo->tpot_p99_s > 0 && p->tpot_p99_s > slo->tpot_p99_s) ||
	    (slo->tpot_p50_s > 0 && p->tpot_p50_s > slo->tpot_p50_s))
		w = SERVING_LIMIT_TPOT;
	if (why)
		*why = w;
	return w == SERVING_LIMIT_NONE;
}

double
serving_max_rate(const StepModel *m, const ServingOptions *o, const ServingTail *t, const Slo *slo,
    ServingPoint *at, ServingLimit *limit)
{
	ServingLimit caplim, why;
	double cap = serving_capacity(m, o, &caplim);
	bool any = slo->ttft_p50_s > 0 || slo->ttft_p99_s > 0 || slo->tpot_p50_s > 0 ||
	    slo->tpot_p99_s > 0;

	if (!(cap > 0)) {
		serving_point(m, o, t, 0, at);
		*limit = caplim;
		return 0;
	}
	if (!any) {
		serving_point(m, o, t, cap * NO_SLO_LOAD, at);
		*limit = caplim;
		return cap;
	}
	double lo = cap * 1e-6;
	serving_point(m, o, t, lo, at);
	if (!serving_meets(at, slo, &why)) {
		*limit = why;
		return 0;
	}
	double hi = cap * (1 - 1e-6);
	ServingPoint ph;
	serving_point(m, o, t, hi, &ph);
	if (serving_meets(&ph, slo, &why) && why == SERVING_LIMIT_NONE) {
		*at = ph;
		*limit = caplim;
		return hi;
	}
	ServingLimit hi_why = why;
	for (int i = 0; i < RATE_STEPS; i++) {
		double mid = 0.5 * (lo + hi);
		serving_point(m, o, t, mid, &ph);
		if (serving_meets(&ph, slo, &why)) {
			lo = mid;
			*at = ph;
		} else {
			hi = mid;
			hi_why = why;
		}
	}
	*limit = hi_why;
	return lo;
}

/* The disaggregated deployment (disagg.h) in ServingReport's terms: a
 * replica is one decode instance; what limits the rate is the prefill
 * pool (PREFILL), the decode pool's batch cap (KV or BATCH) or an SLO. */
static void
disagg_serving_point(const DisaggPoint *d, int dp, ServingPoint *p)
{
	*p = (ServingPoint){ 0 };
	p->rate_rps = d->rate_rps / dp;
	p->load = fmax(d->prefill_load, d->decode_load);
	p->stable = d->stable;
	p->heavy = p->load > SERVING_HEAVY_LOAD;
	p->batch_mean = d->decode_batch;
	p->step_s = d->tpot_p50_s;
	p->wait_s = d->wait_s;
	p->ttft_mean_s = p->ttft_p50_s = d->ttft_p50_s;
	p->ttft_p99_s = d->ttft_p99_s;
	p->tpot_mean_s = p->tpot_p50_s = d->tpot_p50_s;
	p->tpot_p99_s = d->tpot_p99_s;
	p->tokens_per_s = d->tokens_per_s / dp;
	p->overload = SERVING_LIMIT_NONE;
	if (!d->stable)
		p->overload = d->prefill_load >= 1 ? SERVING_LIMIT_PREFILL : SERVING_LIMIT_BATCH;
}

static int
serving_disagg(const Scenario *s, int cap, Scenario *work, Result *r, ServingReport *out)
{
	DisaggPrefill pre;
	DisaggDecode dec;
	DisaggTransfer kv;
	int dp = s->strategy.dp > 0 ? s->strategy.dp : 1;

	if (disagg_prefill_eval(s, work, r, &pre) != 0)
		return -1;
	if (serving_step_model(s, cap, work, r, &out->model) != 0)
		return -1;
	disagg_decode_from(s, r, out->model.n, out->model.batch, out->model.step_s, out->model.max_seqs,
	    &dec);
	disagg_transfer(s, &pre, &dec, &kv);
	disagg_combine(s, &pre, s->disagg.prefill_dp, &dec, dp, &kv, &out->disagg);
	const DisaggReport *d = &out->disagg;
	ServingLimit cap_limit;
	serving_batch_cap(cap, out->model.kv_seqs, &cap_limit);
	out->capacity_limit = d->limit == DISAGG_LIMIT_PREFILL ? SERVING_LIMIT_PREFILL : cap_limit;
	out->capacity_rps = d->capacity_rps / dp;
	out->rate_max_rps = d->rate_max_rps / dp;
	disagg_serving_point(&d->at_max, dp, &out->at_max);
	out->limit = out->capacity_limit;
	if (d->rate_max_rps < 0.999 * d->capacity_rps) {
		/* an SLO binds first: the one the point just above misses */
		DisaggPoint above;
		disagg_point(&pre, s->disagg.prefill_dp, &dec, dp, &kv, s->workload.output_len,
		    fmin(d->capacity_rps * 0.9999, d->rate_max_rps * 1.001 + 1e-9), &above);
		out->limit = disagg_misses_ttft(&above, &s->workload.slo) ? SERVING_LIMIT_TTFT :
		    SERVING_LIMIT_TPOT;
	}
	out->has_target = d->has_target;
	disagg_serving_point(&d->at, dp, &out->at_target);
	return 0;
}

int
serving_evaluate(const Scenario *s, const ServingOptions *o, Scenario *work, Result *r,
    ServingTail *t, ServingReport *out)
{
	const Workload *w = &s->workload;
	int cap = w->batch > 0 ? w->batch : 1;

	*out = (ServingReport){ 0 };
	if (disagg_on(s))
		return serving_disagg(s, cap, work, r, out);
	if (serving_step_model(s, cap, work, r, &out->model) != 0)
		return -1;
	if (!serving_tail_matches(t, o, w->input_len, w->output_len))
		serving_tail_init(t, o, w->input_len, w->output_len);
	out->capacity_rps = serving_capacity(&out->model, o, &out->capacity_limit);
	out->rate_max_rps = serving_max_rate(&out->model, o, t, &w->slo, &out->at_max, &out->limit);
	out->has_target = w->slo.rps > 0;
	if (out->has_target) {
		int dp = s->strategy.dp > 0 ? s->strategy.dp : 1;
		serving_point(&out->model, o, t, w->slo.rps / dp, &out->at_target);
	} else {
		out->at_target = out->at_max;
	}
	return 0;
}

ServingBound
serving_bound(const Result *r, double *share)
{
	double part[SERVING_BOUND_COUNT] = { 0 }, total = 0;
	for (int i = 0; i < r->n_stages; i++) {
		const PhaseTime *pt = &r->stages[i].phase[PHASE_DECODE];
		part[SERVING_BOUND_COMPUTE] += pt->compute_bound_s;
		part[SERVING_BOUND_HBM] += pt->memory_bound_s;
		part[SERVING_BOUND_COMM] += pt->comm_s + r->stages[i].send_s[PHASE_DECODE];
		part[SERVING_BOUND_FLOOR] += pt->floor_s;
	}
	int best = 0;
	for (int b = 0; b < SERVING_BOUND_COUNT; b++) {
		total += part[b];
		if (part[b] > part[best])
			best = b;
	}
	if (share)
		*share = total > 0 ? part[best] / total : 0;
	return (ServingBound)best;
}
