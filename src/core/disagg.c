/* disagg.c: disaggregated prefill/decode; formulas and sources in disagg.h. */
#include "disagg.h"

#include <math.h>
#include <string.h>

#include "units.h"

/* The p99 of a standard normal (the Poisson occupancy's p99 by its normal
 * approximation, mean n and variance n: M/G/inf, as serving.h). */
#define Z99 2.3263478740408408
/* Bisection steps of disagg_max_rate and the decode fixed point (2^-60). */
#define BISECT_STEPS 60

static const char *const mode_names[KV_XFER_MODE_COUNT] = {
	[KV_XFER_REQUEST] = "request", [KV_XFER_LAYER] = "layer",
};

const char *
kv_xfer_mode_name(KvXferMode m)
{
	return m < KV_XFER_MODE_COUNT ? mode_names[m] : "?";
}

int
kv_xfer_mode_parse(const char *name, KvXferMode *out)
{
	int i = name_index(mode_names, KV_XFER_MODE_COUNT, name);
	if (i >= 0)
		*out = (KvXferMode)i;
	return i >= 0 ? 0 : -1;
}

const char disagg_model_text[] = "disaggregated prefill/decode: prefill pool M/D/1 (DistServe), "
    "KV transfer latency + bytes per GPU link / bandwidth, decode pool by Little's law without "
    "prefill interference; rate = min(prefill pool, decode pool)";

const char *
disagg_limit_name(DisaggLimit l)
{
	return l == DISAGG_LIMIT_PREFILL ? "prefill pool" : "decode pool";
}

static int
at_least_1(int v)
{
	return v > 0 ? v : 1;
}

int
disagg_prefill_batch(const Scenario *s)
{
	int budget = s->workload.max_batched_tokens > 0 ? s->workload.max_batched_tokens :
	    s->runtime.max_num_batched_tokens;
	double in = s->workload.input_len - eval_cached_tokens(s);
	if (in < 1)
		in = 1;
	int b = budget > 0 ? (int)floor(budget / in) : 1;
	return b > 0 ? b : 1;
}

void
disagg_prefill_scenario(const Scenario *s, int batch, Scenario *out)
{
	const Disagg *d = &s->disagg;
	*out = *s;
	Strategy *st = &out->strategy;
	st->tp = at_least_1(d->prefill_tp);
	st->pp = at_least_1(d->prefill_pp);
	st->dp = at_least_1(d->prefill_dp);
	st->ep = at_least_1(d->prefill_ep);
	st->etp = 0;
	st->micro_batches = 0;
	memset(st->stage_layers, 0, sizeof st->stage_layers);
	Cluster *cl = &out->cluster;
	int gpn = cl->gpus_per_node;
	if (d->prefill_gpu_set) {
		cl->gpu = d->prefill_gpu;
		if (d->prefill_gpu.gpus_per_node > 0)
			gpn = d->prefill_gpu.gpus_per_node;
		cl->nvlink_domain = d->prefill_gpu.nvlink_domain;
	}
	int pool = st->tp * st->pp * st->dp;
	gpn = at_least_1(gpn);
	if (pool <= gpn) {
		cl->gpus_per_node = pool;
		cl->nodes = 1;
	} else {
		cl->gpus_per_node = gpn;
		cl->nodes = (pool + gpn - 1) / gpn;
	}
	out->workload.batch = batch > 0 ? batch : 1;
	out->workload.output_len = 1;
	out->spec.tokens = 0;
	out->disagg.prefill_dp = 0;
}

/* The first error check of a pool's evaluation; the SLO checks are the
 * deployment's (disagg_combine judges TTFT, TPOT and the rate). */
static void
first_error(const Result *r, bool *feasible, CheckId *error)
{
	*feasible = true;
	*error = CHECK_COUNT;
	for (int i = 0; i < r->n_checks; i++)
		if (r->checks[i].severity == SEV_ERROR && r->checks[i].id != CHECK_SLO_TTFT &&
		    r->checks[i].id != CHECK_SLO_TPOT && r->checks[i].id != CHECK_SLO_RPS) {
			if (*feasible)
				*error = r->checks[i].id;
			*feasible = false;
		}
}

static double
fullest_kv_bpt(const Result *r)
{
	double m = 0;
	for (int i = 0; i < r->n_stages; i++)
		m = fmax(m, r->stages[i].kv_bytes_per_token);
	return m;
}

int
disagg_prefill_eval(const Scenario *s, Scenario *work, Result *r, DisaggPrefill *out)
{
	*out = (DisaggPrefill){ .error = CHECK_COUNT };
	out->batch = disagg_prefill_batch(s);
	disagg_prefill_scenario(s, out->batch, work);
	out->gpus_per_instance = work->strategy.tp * work->strategy.pp;
	EvalStatus st = eval_run(work, r);
	first_error(r, &out->feasible, &out->error);
	if (st != EVAL_OK)
		return -1;
	out->valid = true;
	out->ttft_s = r->latency.ttft_s;
	out->compute_s = fmax(0, r->latency.ttft_s - r->latency.host_request_s);
	/* a stream of prefill steps of `batch` requests each: the static
	 * batch prefill's time per request (latency.batch_prefill_s) */
	out->service_s = r->latency.batch_prefill_s / out->batch;
	out->kv_bytes_per_token = fullest_kv_bpt(r);
	return 0;
}

void
disagg_decode_from(const Scenario *s, const Result *r, int n, const double *batch,
    const double *step_s, double max_seqs, DisaggDecode *out)
{
	*out = (DisaggDecode){ .error = CHECK_COUNT };
	first_error(r, &out->feasible, &out->error);
	out->valid = r->status == EVAL_OK && n > 0;
	out->gpus_per_instance = s->strategy.tp * s->strategy.pp;
	out->n = n < DISAGG_STEP_SAMPLES ? n : DISAGG_STEP_SAMPLES;
	for (int i = 0; i < out->n; i++) {
		out->batch[i] = batch[i];
		out->step_s[i] = step_s[i];
	}
	out->max_seqs = max_seqs;
	out->kv_bytes_per_token = fullest_kv_bpt(r);
	double all = 0;
	for (int i = 0; i < r->n_stages; i++)
		all += r->stages[i].kv_bytes_per_token * s->strategy.tp;
	out->kv_bytes_per_token_all = all;
	out->links = out->gpus_per_instance;
	out->replicas = 1;
}

void
disagg_transfer(const Scenario *s, const DisaggPrefill *p, const DisaggDecode *d, DisaggTransfer *out)
{
	const Disagg *g = &s->disagg;
	const Fabric *f = &g->kv_fabric;
	double eff = f->efficiency > 0 ? f->efficiency : 1;

	*out = (DisaggTransfer){ .mode = g->mode };
	/* the whole prompt's KV moves, a cached prefix too: the decode
	 * instance holds none of it */
	out->tokens = s->workload.input_len;
	out->bytes = d->kv_bytes_per_token_all * out->tokens;
	/* each GPU sends (prefill) or receives (decode) its own shard over
	 * its own NIC; the busier end sets the time */
	out->link_bytes = fmax(d->kv_bytes_per_token, p->kv_bytes_per_token) * out->tokens;
	out->links = d->links;
	out->bytes_per_s = g->kv_gb_per_s > 0 ? g->kv_gb_per_s * 1e9 : f->bytes_per_s * eff;
	out->latency_s = g->kv_latency_s > 0 ? g->kv_latency_s : f->latency_s;
	out->wire_s = out->bytes_per_s > 0 ? out->link_bytes / out->bytes_per_s : 0;
	if (g->mode == KV_XFER_LAYER && s->model.n_layers > 1) {
		/* layer l leaves when its prefill ends; the link carries one
		 * layer after another: the last leaves at max(P + T/L, T + P/L),
		 * i.e. max(T/L, T - P (L-1)/L) after the prefill's end */
		double L = s->model.n_layers, T = out->wire_s, P = p->compute_s;
		out->exposed_s = out->latency_s + fmax(T / L, T - P * (L - 1) / L);
	} else {
		out->exposed_s = out->latency_s + out->wire_s;
	}
}

/* The decode step at running batch n, interpolated as serving_step_time. */
static double
step_at(const DisaggDecode *d, double n)
{
	return d->n < 1 ? 0 : piecewise_linear(d->batch, d->step_s, d->n, n);
}

/* decode steps per request: the first token comes from the prefill pool */
static double
decode_steps(double output_len)
{
	return output_len > 1 ? output_len - 1 : 1;
}

double
disagg_prefill_capacity(const DisaggPrefill *p)
{
	return p->valid && p->service_s > 0 ? 1 / p->service_s : 0;
}

double
disagg_decode_capacity(const DisaggDecode *d, double output_len)
{
	double t = step_at(d, d->max_seqs);
	int k = d->replicas > 0 ? d->replicas : 1;
	return d->valid && t > 0 ? k * d->max_seqs / (decode_steps(output_len) * t) : 0;
}

/* The prefill side at lam requests/s per instance: load, waits, TTFT. */
static void
prefill_side(const DisaggPrefill *p, const DisaggTransfer *kv, double lam, DisaggPoint *out)
{
	/* M/D/1 (DistServe sec. 3.1): W = rho S / (2 (1 - rho)); P(wait > t)
	 * = rho exp(-t rho / W) (exponential conditional wait, Kingman) */
	double S = p->service_s, rho = lam * S;
	double W = rho * S / (2 * (1 - rho)), cond = rho > 0 ? W / rho : 0;
	double w50 = rho > 0.5 ? cond * log(2 * rho) : 0;
	double w99 = rho > 0.01 ? cond * log(rho / 0.01) : 0;
	out->wait_s = W;
	out->wait_p50_s = w50;
	out->wait_p99_s = w99;
	out->ttft_p50_s = p->ttft_s + w50 + kv->exposed_s;
	out->ttft_p99_s = p->ttft_s + w99 + kv->exposed_s;
}

/* The decode side at lam requests/s per instance: running batch, TPOT. */
static void
decode_side(const DisaggDecode *d, double output_len, double lam, DisaggPoint *out)
{
	/* n = lambda (O - 1) step(n), by bisection on [0, max_seqs] (n -
	 * lambda (O-1) step(n) rises with n below the capacity) */
	int k = d->replicas > 0 ? d->replicas : 1;
	double l = lam / k * decode_steps(output_len), lo = 0, hi = d->max_seqs;
	for (int i = 0; i < BISECT_STEPS; i++) {
		double mid = (lo + hi) / 2;
		if (mid - l * step_at(d, mid) < 0)
			lo = mid;
		else
			hi = mid;
	}
	double n = hi, n99 = fmin(d->max_seqs, n + Z99 * sqrt(n));
	out->decode_batch = n;
	out->tpot_p50_s = step_at(d, fmax(n, 1));
	out->tpot_p99_s = step_at(d, fmax(n99, 1));
}

void
disagg_point(const DisaggPrefill *p, int x, const DisaggDecode *d, int y, const DisaggTransfer *kv,
    double output_len, double rate, DisaggPoint *out)
{
	double cap_p = x * disagg_prefill_capacity(p), cap_d = y * disagg_decode_capacity(d, output_len);

	*out = (DisaggPoint){ .rate_rps = rate };
	out->prefill_load = cap_p > 0 ? rate / cap_p : INFINITY;
	out->decode_load = cap_d > 0 ? rate / cap_d : INFINITY;
	out->stable = out->prefill_load < 1 && out->decode_load < 1;
	out->tokens_per_s = rate * output_len;
	if (!out->stable) {
		out->ttft_p50_s = out->ttft_p99_s = out->tpot_p50_s = out->tpot_p99_s = INFINITY;
		out->wait_s = out->wait_p50_s = out->wait_p99_s = INFINITY;
		out->decode_batch = d->max_seqs;
		return;
	}
	prefill_side(p, kv, rate / x, out);
	decode_side(d, output_len, rate / y, out);
}

bool
disagg_misses_ttft(const DisaggPoint *pt, const Slo *slo)
{
	return (slo->ttft_p50_s > 0 && pt->ttft_p50_s > slo->ttft_p50_s) ||
	    (slo->ttft_p99_s > 0 && pt->ttft_p99_s > slo->ttft_p99_s);
}

/* pt misses a TPOT SLO of slo set (0: unset) */
static bool
misses_tpot(const DisaggPoint *pt, const Slo *slo)
{
	return (slo->tpot_p50_s > 0 && pt->tpot_p50_s > slo->tpot_p50_s) ||
	    (slo->tpot_p99_s > 0 && pt->tpot_p99_s > slo->tpot_p99_s);
}

double
disagg_prefill_rate(const DisaggPrefill *p, const DisaggTransfer *kv, const Slo *slo)
{
	double cap = disagg_prefill_capacity(p), lo = 0, hi = cap;
	DisaggPoint pt;

	if (!(cap > 0))
		return 0;
	prefill_side(p, kv, cap * 1e-9, &pt);
	if (disagg_misses_ttft(&pt, slo))
		return 0;
	for (int i = 0; i < BISECT_STEPS; i++) {
		double mid = (lo + hi) / 2;
		prefill_side(p, kv, mid, &pt);
		if (disagg_misses_ttft(&pt, slo))
			hi = mid;
		else
			lo = mid;
	}
	return lo;
}

double
disagg_decode_rate(const DisaggDecode *d, double output_len, const Slo *slo)
{
	double cap = disagg_decode_capacity(d, output_len), lo = 0, hi = cap;
	DisaggPoint pt;

	if (!(cap > 0))
		return 0;
	decode_side(d, output_len, cap * 1e-9, &pt);
	if (misses_tpot(&pt, slo))
		return 0;
	for (int i = 0; i < BISECT_STEPS; i++) {
		double mid = (lo + hi) / 2;
		decode_side(d, output_len, mid, &pt);
		if (misses_tpot(&pt, slo))
			hi = mid;
		else
			lo = mid;
	}
	return lo;
}

bool
disagg_meets(const DisaggPoint *pt, const Slo *slo)
{
	return pt->stable && !disagg_misses_ttft(pt, slo) && !misses_tpot(pt, slo);
}

double
disagg_max_rate(const DisaggPrefill *p, int x, const DisaggDecode *d, int y, const DisaggTransfer *kv,
    double output_len, const Slo *slo, DisaggPoint *at)
{
	double cap = fmin(x * disagg_prefill_capacity(p), y * disagg_decode_capacity(d, output_len));
	double lo = 0, hi = cap;

	disagg_point(p, x, d, y, kv, output_len, cap * 1e-9, at);
	if (!(cap > 0) || !disagg_meets(at, slo))
		return 0;
	for (int i = 0; i < BISECT_STEPS; i++) {
		double mid = (lo + hi) / 2;
		DisaggPoint pt;
		disagg_point(p, x, d, y, kv, output_len, mid, &pt);
		if (disagg_meets(&pt, slo))
			lo = mid;
		else
			hi = mid;
	}
	disagg_point(p, x, d, y, kv, output_len, lo, at);
	return lo;
}

void
disagg_combine(const Scenario *s, const DisaggPrefill *p, int x, const DisaggDecode *d, int y,
    const DisaggTransfer *kv, DisaggReport *out)
{
	const Slo *slo = &s->workload.slo;
	double O = s->workload.output_len;

	out->on = true;
	out->prefill_dp = x;
	out->decode_dp = y;
	out->prefill = *p;
	out->decode = *d;
	out->kv = *kv;
	out->prefill_gpus = x * p->gpus_per_instance;
	out->decode_gpus = y * d->gpus_per_instance;
	out->gpus = out->prefill_gpus + out->decode_gpus;
	out->prefill_capacity_rps = x * disagg_prefill_capacity(p);
	out->decode_capacity_rps = y * disagg_decode_capacity(d, O);
	out->limit = out->prefill_capacity_rps <= out->decode_capacity_rps ? DISAGG_LIMIT_PREFILL :
	    DISAGG_LIMIT_DECODE;
	out->capacity_rps = fmin(out->prefill_capacity_rps, out->decode_capacity_rps);
	out->rate_max_rps = disagg_max_rate(p, x, d, y, kv, O, slo, &out->at_max);
	out->has_target = slo->rps > 0;
	if (out->has_target)
		disagg_point(p, x, d, y, kv, O, slo->rps, &out->at);
	else
		out->at = out->at_max;
	out->meets = p->feasible && d->feasible &&
	    (out->has_target ? disagg_meets(&out->at, slo) : out->rate_max_rps > 0);
	out->tokens_per_s_per_gpu = out->gpus > 0 && out->at.stable ? out->at.tokens_per_s / out->gpus : 0;
}
