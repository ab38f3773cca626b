/* calibrate.c: runs -> scenarios, the fit, calibration presets; see
 * calibrate.h. */
#include "scenario/calibrate.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "core/eval.h"
#include "core/serving.h"
#include "scenario/calib-apply.h"
#include "scenario/engine.h"
#include "util/xmalloc.h"

/* Nelder-Mead: at most this many objective evaluations, stopping when the
 * simplex's objective values agree to this (mean squared log error). */
#define NM_MAX_EVALS 400
#define NM_TOLERANCE 1e-10
/* First simplex: this share of each parameter's (normalised) range. */
#define NM_STEP 0.15
/* Forward selection: a candidate's search gets this many evaluations per
 * parameter, and joins only when it lowers the objective by this share;
 * at most CAL_MAX_FIT_PARAMS are fitted, however many runs. */
#define SELECT_EVALS 60
#define SELECT_GAIN 0.02
#define CAL_MAX_FIT_PARAMS 4

const char *
calibrate_metric_name(CalMetric m)
{
	return m == CAL_TTFT ? "TTFT" : m == CAL_TPOT ? "TPOT" : "tokens/s";
}

static const char *
tool_runtime(BenchTool t)
{
	switch (t) {
	case BENCH_VLLM: return "vllm";
	case BENCH_SGLANG: return "sglang";
	case BENCH_TRTLLM: return "trtllm";
	default: return NULL;   /* genai-perf measures any server: --runtime */
	}
}

static int
apply_key(Setup *st, SetupEdit *e, const char *key, const char *text, const char *file, int line,
    char **cause)
{
	char *why = NULL;
	if (setup_apply(st, e, key, text, 0, &why) == 0)
		return 0;
	*cause = xasprintf("%s:%d: %s", file, line, why);
	free(why);
	return -1;
}

int
calibrate_run_init(const Catalog *c, const Setup *base, const bool *given, const char *file,
    const BenchRun *b, bool held_out, CalRun *run, char **cause)
{
	Setup st;
	SetupEdit e;
	char num[32], *notes = NULL;
	int rc = -1;

	memset(run, 0, sizeof *run);
	run->file = xstrdup(file);
	run->tail = xcalloc(1, sizeof *run->tail);
	run->bench = *b;
	run->held_out = held_out;
	setup_init(&st);
	setup_copy(&st, base);
	setup_edit_init(&e);
	/* what the file records, where the command line did not say */
	if (!given[PARAM_MODEL]) {
		if (!*b->model) {
			*cause = xasprintf("%s:%d: the file names no model (give --model)", file, b->line);
			goto out;
		}
		char *note = NULL, *name = engine_hf_lookup(c, b->model, &note);
		free(note);
		struct stat sb;
		if (!name && stat(b->model, &sb) != 0) {
			*cause = xasprintf("%s:%d: model '%s' is not in presets/models/hf-ids.tsv (give "
			    "--model NAME|config.json)", file, b->line, b->model);
			goto out;
		}
		rc = apply_key(&st, &e, "model", name ? name : b->model, file, b->line, cause);
		free(name);
		if (rc != 0)
			goto out;
		rc = -1;
	}
	if (*b->dtype && !given[PARAM_DTYPE] && apply_key(&st, &e, "dtype", b->dtype, file, b->line, cause) != 0)
		goto out;
	const char *rt = tool_runtime(b->tool);
	if (rt && !given[PARAM_RUNTIME] && apply_key(&st, &e, "runtime", rt, file, b->line, cause) != 0)
		goto out;
	if (*b->gpu && !given[PARAM_GPU] && !given[PARAM_CLUSTER] &&
	    apply_key(&st, &e, "gpu", b->gpu, file, b->line, cause) != 0)
		goto out;
	const struct { ParamId id; const char *key; int v; } deg[] = {
		{ PARAM_TP, "tp", b->tp }, { PARAM_PP, "pp", b->pp }, { PARAM_DP, "dp", b->dp > 0 ? b->dp : 1 },
		{ PARAM_EP, "ep", b->ep },
	};
	for (size_t i = 0; i < sizeof deg / sizeof deg[0]; i++) {
		if (deg[i].v <= 0 || given[deg[i].id])
			continue;
		snprintf(num, sizeof num, "%d", deg[i].v);
		if (apply_key(&st, &e, deg[i].key, num, file, b->line, cause) != 0)
			goto out;
	}
	/* a --gpu without --gpus: the GPUs the run used */
	if ((st.gpu && !st.cluster) && !given[PARAM_GPUS]) {
		int tp = b->tp > 0 ? b->tp : given[PARAM_TP] ? (int)st.value[PARAM_TP] : 1;
		int pp = b->pp > 0 ? b->pp : given[PARAM_PP] ? (int)st.value[PARAM_PP] : 1;
		int dp = b->dp > 0 ? b->dp : given[PARAM_DP] ? (int)st.value[PARAM_DP] : 1;
		snprintf(num, sizeof num, "%d", tp * pp * dp);
		if (apply_key(&st, &e, "gpus", num, file, b->line, cause) != 0)
			goto out;
	}
	snprintf(num, sizeof num, "%.0f", fmax(1, round(b->input_len)));
	if (!given[PARAM_INPUT_LEN] && apply_key(&st, &e, "input_len", num, file, b->line, cause) != 0)
		goto out;
	snprintf(num, sizeof num, "%.0f", fmax(1, round(b->output_len)));
	if (!given[PARAM_OUTPUT_LEN] && apply_key(&st, &e, "output_len", num, file, b->line, cause) != 0)
		goto out;
	run->rate = b->request_rate > 0;
	if (b->concurrency >= 1 && !given[PARAM_BATCH]) {
		snprintf(num, sizeof num, "%.0f", round(b->concurrency));
		if (apply_key(&st, &e, "batch", num, file, b->line, cause) != 0)
			goto out;
	}
	if (run->rate) {
		snprintf(num, sizeof num, "%.6g", b->request_rate);
		if (apply_key(&st, &e, "rps", num, file, b->line, cause) != 0)
			goto out;
	} else if (apply_key(&st, &e, "rps", "0", file, b->line, cause) != 0) {
		goto out;
	}
	/* the SLOs of the base scenario are not the run's */
	static const char *const slos[] = { "ttft_p50", "ttft_p99", "tpot_p50", "tpot_p99" };
	for (size_t i = 0; i < sizeof slos / sizeof slos[0]; i++)
		if (apply_key(&st, &e, slos[i], "0", file, b->line, cause) != 0)
			goto out;
	setup_edit_finish(&st, &e);
	st.no_calibration = true;       /* a fit starts from the presets */
	run->s = xmalloc(sizeof *run->s);
	if (setup_build(c, &st, run->s, &notes, cause) != 0) {
		char *m = xasprintf("%s:%d: %s", file, b->line, *cause);
		free(*cause);
		*cause = m;
		goto out;
	}
	/* an all-at-once run with no recorded cap: the engine's batch cap */
	if (b->concurrency < 1 && !run->rate && !given[PARAM_BATCH]) {
		double cap = run->s->runtime.max_num_seqs;
		if (b->completed > 0 && b->completed < cap)
			cap = b->completed;
		run->s->workload.batch = (int)cap;
	}
	for (int m = 0; m < CAL_METRICS; m++)
		run->measured[m] = run->before[m] = run->after[m] = NAN;
	/* what the run measured that the model predicts (calibrate.h) */
	bool alone = !run->rate && run->s->workload.batch <= 1;
	if (isfinite(b->ttft_s) && b->ttft_s > 0 && (alone || run->rate))
		run->measured[CAL_TTFT] = b->ttft_s;
	if (isfinite(b->tpot_s) && b->tpot_s > 0)
		run->measured[CAL_TPOT] = b->tpot_s;
	if (isfinite(b->tokens_per_s) && b->tokens_per_s > 0 && !run->rate)
		run->measured[CAL_TOKS] = b->tokens_per_s;
	if (isnan(run->measured[CAL_TTFT]) && isnan(run->measured[CAL_TPOT]) &&
	    isnan(run->measured[CAL_TOKS])) {
		*cause = xasprintf("%s:%d: nothing shardlab predicts for this run (its TTFT under load "
		    "is queueing the model does not take from a concurrency cap)", file, b->line);
		goto out;
	}
	rc = 0;
out:
	free(notes);
	setup_fini(&st);
	if (rc != 0) {
		free(run->s);
		free(run->file);
		free(run->tail);
		run->s = NULL;
		run->file = NULL;
		run->tail = NULL;
	}
	return rc;
}

void
calibrate_run_fini(CalRun *run)
{
	free(run->file);
	free(run->s);
	free(run->tail);
	memset(run, 0, sizeof *run);
}

/* Scratch of one prediction (too big for the stack). */
typedef struct Work {
	Result r;
	Scenario work;
	Result sres;
	ServingTail tail;
	ServingReport sv;
} Work;

static int
predict(const Scenario *s, const CalRun *run, Work *w, double out[CAL_METRICS])
{
	ServingOptions o;

	for (int m = 0; m < CAL_METRICS; m++)
		out[m] = NAN;
	if (eval_run(s, &w->r) != EVAL_OK)
		return -1;
	if (!run->rate) {
		/* an engine runs no more sequences than its KV pool holds */
		double seqs = w->r.memory.max_concurrent_seqs;
		if (seqs >= 1 && seqs < s->workload.batch) {
			Scenario t = *s;
			t.workload.batch = (int)seqs;
			if (eval_run(&t, &w->r) != EVAL_OK)
				return -1;
		}
		out[CAL_TTFT] = w->r.latency.ttft_s;
		out[CAL_TPOT] = w->r.latency.tpot_s;
		out[CAL_TOKS] = w->r.throughput.tokens_per_s;
		return 0;
	}
	serving_options_init(&o);
	/* each run keeps its own tail table: its lengths are its own */
	if (serving_evaluate(s, &o, &w->work, &w->sres, run->tail ? run->tail : &w->tail, &w->sv) != 0)
		return -1;
	const ServingPoint *p = &w->sv.at_target;
	if (!p->stable)
		return -1;
	out[CAL_TTFT] = run->bench.ttft_median ? p->ttft_p50_s : p->ttft_mean_s;
	out[CAL_TPOT] = run->bench.tpot_median ? p->tpot_p50_s : p->tpot_mean_s;
	return 0;
}

int
calibrate_predict(const Scenario *s, const CalRun *run, double out[CAL_METRICS])
{
	Work *w = xmalloc(sizeof *w);
	memset(&w->tail, 0, sizeof w->tail);
	int rc = predict(s, run, w, out);
	free(w);
	return rc;
}

/* ---- the fit -------------------------------------------------------------- */

typedef struct Fit {
	CalRun *runs;
	int n;
	const int *param;
	int np;
	Work *w;
	int evals, max_evals;   /* objective evaluations so far, and the budget of one search */
} Fit;

/* A range spanning this factor or more is searched on a log scale. */
#define LOG_SCALE_SPAN 30.0

static bool
log_scale(const CalibParamDef *d)
{
	return d->min > 0 && d->max / d->min >= LOG_SCALE_SPAN;
}

/* Parameter row p's value at normalised u in [0, 1]: linear for
 * fractions, logarithmic for ranges of decades (times, token counts). */
static double
denorm(int p, double u)
{
	const CalibParamDef *d = calib_param_def(p);
	u = fmin(1, fmax(0, u));
	if (log_scale(d))
		return exp(log(d->min) + u * (log(d->max) - log(d->min)));
	return d->min + u * (d->max - d->min);
}

static double
norm(int p, double v)
{
	const CalibParamDef *d = calib_param_def(p);
	if (log_scale(d))
		return (log(v) - log(d->min)) / (log(d->max) - log(d->min));
	return (v - d->min) / (d->max - d->min);
}

/* Within this share of the normalised range (norm: linear, or log for
 * ranges of decades) of a bound, a fit counts as pinned there: a hundredth
 * of NM_STEP, the first simplex's spread, is "at the bound" to the
 * search's own resolution. */
#define CAL_BOUND_REL (NM_STEP / 100)

int
calibrate_at_bound(const Calibration *cal, int i)
{
	double u = norm(cal->param[i], cal->value[i]);
	if (u <= CAL_BOUND_REL)
		return -1;
	if (u >= 1 - CAL_BOUND_REL)
		return 1;
	return 0;
}


static void
set_params(Scenario *s, const int *param, int np, const double *u)
{
	char why[64];
	for (int i = 0; i < np; i++)
		calib_param_set(s, param[i], denorm(param[i], u[i]), why, sizeof why);
}

/* Mean squared log error of the fitted runs at u; a run that no longer
 * evaluates costs as much as a factor of e^3. */
static double
objective(Fit *f, const double *u, bool store_after)
{
	double sum = 0, out[CAL_METRICS];
	int k = 0;

	f->evals++;
	for (int i = 0; i < f->n; i++) {
		CalRun *r = &f->runs[i];
		if (r->held_out && !store_after)
			continue;
		Scenario *trial = xmalloc(sizeof *trial);
		*trial = *r->s;
		set_params(trial, f->param, f->np, u);
		int ok = predict(trial, r, f->w, out);
		free(trial);
		for (int m = 0; m < CAL_METRICS; m++) {
			if (isnan(r->measured[m]))
				continue;
			if (store_after)
				r->after[m] = ok == 0 ? out[m] : NAN;
			if (r->held_out)
				continue;
			double e = ok == 0 && out[m] > 0 ? log(out[m] / r->measured[m]) : 3;
			sum += e * e;
			k++;
		}
	}
	return k ? sum / k : 0;
}

/* Nelder-Mead over u in [0, 1]^np (reflection 1, expansion 2, contraction
 * 1/2, shrink 1/2), points clamped into the box. */
static void
nelder_mead(Fit *f, double *u)
{
	int np = f->np;
	double x[CAL_MAX_PARAMS + 1][CAL_MAX_PARAMS], fx[CAL_MAX_PARAMS + 1];
	double c[CAL_MAX_PARAMS], xr[CAL_MAX_PARAMS], xe[CAL_MAX_PARAMS], xc[CAL_MAX_PARAMS];

	for (int i = 0; i <= np; i++) {
		for (int j = 0; j < np; j++)
			x[i][j] = u[j];
		if (i > 0) {
			double step = x[i][i - 1] + NM_STEP <= 1 ? NM_STEP : -NM_STEP;
			x[i][i - 1] += step;
		}
		fx[i] = objective(f, x[i], false);
	}
	while (f->evals < f->max_evals) {
		/* order: best first */
		for (int i = 1; i <= np; i++)
			for (int k = i; k > 0 && fx[k] < fx[k - 1]; k--) {
				double t = fx[k];
				fx[k] = fx[k - 1];
				fx[k - 1] = t;
				for (int j = 0; j < np; j++) {
					t = x[k][j];
					x[k][j] = x[k - 1][j];
					x[k - 1][j] = t;
				}
			}
		if (fx[np] - fx[0] < NM_TOLERANCE)
			break;
		for (int j = 0; j < np; j++) {
			c[j] = 0;
			for (int i = 0; i < np; i++)
				c[j] += x[i][j] / np;
		}
		for (int j = 0; j < np; j++)
			xr[j] = fmin(1, fmax(0, c[j] + (c[j] - x[np][j])));
		double fr = objective(f, xr, false);
		if (fr < fx[0]) {
			for (int j = 0; j < np; j++)
				xe[j] = fmin(1, fmax(0, c[j] + 2 * (c[j] - x[np][j])));
			double fe = objective(f, xe, false);
			bool e = fe < fr;
			for (int j = 0; j < np; j++)
				x[np][j] = e ? xe[j] : xr[j];
			fx[np] = e ? fe : fr;
			continue;
		}
		if (fr < fx[np - 1]) {
			for (int j = 0; j < np; j++)
				x[np][j] = xr[j];
			fx[np] = fr;
			continue;
		}
		for (int j = 0; j < np; j++)
			xc[j] = c[j] + 0.5 * (x[np][j] - c[j]);
		double fc = objective(f, xc, false);
		if (fc < fx[np]) {
			for (int j = 0; j < np; j++)
				x[np][j] = xc[j];
			fx[np] = fc;
			continue;
		}
		for (int i = 1; i <= np; i++) {
			for (int j = 0; j < np; j++)
				x[i][j] = x[0][j] + 0.5 * (x[i][j] - x[0][j]);
			fx[i] = objective(f, x[i], false);
		}
	}
	int best = 0;
	for (int i = 1; i <= np; i++)
		if (fx[i] < fx[best])
			best = i;
	for (int j = 0; j < np; j++)
		u[j] = x[best][j];
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* Median |predicted / measured - 1| of the runs (held or fitted) by
 * their before or after figures; NAN when none. */
static double
median_error(const CalRun *runs, int n, bool held, bool after)
{
	double *e = xcalloc((size_t)(n > 0 ? n : 1) * CAL_METRICS, sizeof *e);
	int k = 0;

	for (int i = 0; i < n; i++) {
		if (runs[i].held_out != held)
			continue;
		for (int m = 0; m < CAL_METRICS; m++) {
			double p = after ? runs[i].after[m] : runs[i].before[m];
			if (isnan(runs[i].measured[m]))
				continue;
			e[k++] = isfinite(p) ? fabs(p / runs[i].measured[m] - 1) : INFINITY;
		}
	}
	double med = NAN;
	if (k) {
		qsort(e, (size_t)k, sizeof e[0], cmp_double);
		med = k % 2 ? e[k / 2] : (e[k / 2 - 1] + e[k / 2]) / 2;
	}
	free(e);
	return med;
}

int
calibrate_fit(CalRun *runs, int n, Calibration *out, char **cause)
{
	Fit f = { .runs = runs, .n = n };
	double u[CAL_MAX_PARAMS] = { 0 };
	int cand[CAL_MAX_PARAMS], nc = 0, rc = -1;

	memset(out, 0, sizeof *out);
	if (n < 1) {
		*cause = xasprintf("no runs");
		return -1;
	}
	snprintf(out->gpu, sizeof out->gpu, "%s", runs[0].s->cluster.gpu.name);
	snprintf(out->runtime, sizeof out->runtime, "%s", runs[0].s->runtime.name);
	for (int i = 0; i < n; i++) {
		const Scenario *s = runs[i].s;
		if (strcmp(s->cluster.gpu.name, out->gpu) != 0 || strcmp(s->runtime.name, out->runtime) != 0) {
			*cause = xasprintf("%s:%d: this run is %s with %s, the first %s with %s: calibrate one "
			    "GPU and engine at a time", runs[i].file, runs[i].bench.line, s->cluster.gpu.name,
			    s->runtime.name, out->gpu, out->runtime);
			return -1;
		}
		if (runs[i].held_out)
			out->n_held++;
		else
			out->n_fit++;
	}
	if (out->n_fit < 2) {
		*cause = xasprintf("%d run%s to fit: calibration fits fewer parameters than runs, so it "
		    "needs at least 2 (not held out)", out->n_fit, out->n_fit == 1 ? "" : "s");
		return -1;
	}
	f.w = xmalloc(sizeof *f.w);
	memset(&f.w->tail, 0, sizeof f.w->tail);
	/* the defaults: every run's "before" */
	for (int i = 0; i < n; i++) {
		double o[CAL_METRICS];
		if (predict(runs[i].s, &runs[i], f.w, o) != 0 && !runs[i].rate) {
			*cause = xasprintf("%s:%d: the run's scenario (%s on %d x %s, TP %d) does not evaluate "
			    "or is overloaded at its rate", runs[i].file, runs[i].bench.line,
			    runs[i].s->model.name, cluster_gpus(&runs[i].s->cluster),
			    runs[i].s->cluster.gpu.name, runs[i].s->strategy.tp);
			goto out;
		}
		/* a run at a rate the presets call overloaded has no "before"
		 * (the fit counts it as a factor of e^3 off until it is served) */
		for (int m = 0; m < CAL_METRICS; m++)
			if (!isnan(runs[i].measured[m]))
				runs[i].before[m] = o[m];
	}
	/* forward selection (fewer parameters than fitted runs): each round
	 * adds the candidate whose fit, beside those chosen, lowers the
	 * objective most; it stops when none lowers it by SELECT_GAIN */
	double best = objective(&f, u, false);
	int max_params = out->n_fit - 1 < CAL_MAX_FIT_PARAMS ? out->n_fit - 1 : CAL_MAX_FIT_PARAMS;
	int chosen[CAL_MAX_PARAMS];
	double cu[CAL_MAX_PARAMS];
	for (int p = 0; p < calib_param_count() && nc < CAL_MAX_PARAMS; p++)
		if (calib_param_def(p)->fit)
			cand[nc++] = p;
	while (out->n_params < max_params) {
		int pick = -1;
		double pick_obj = best, pick_u[CAL_MAX_PARAMS];
		for (int c = 0; c < nc; c++) {
			if (cand[c] < 0)
				continue;
			int np = out->n_params;
			memcpy(chosen, out->param, (size_t)np * sizeof chosen[0]);
			memcpy(cu, u, (size_t)np * sizeof cu[0]);
			chosen[np] = cand[c];
			cu[np] = norm(cand[c], calib_param_get(runs[0].s, cand[c]));
			f.param = chosen;
			f.np = np + 1;
			f.evals = 0;
			f.max_evals = SELECT_EVALS * f.np;
			nelder_mead(&f, cu);
			double o = objective(&f, cu, false);
			if (o < pick_obj) {
				pick = c;
				pick_obj = o;
				memcpy(pick_u, cu, (size_t)f.np * sizeof cu[0]);
			}
		}
		if (pick < 0 || pick_obj > best * (1 - SELECT_GAIN))
			break;
		out->param[out->n_params] = cand[pick];
		out->def[out->n_params] = calib_param_get(runs[0].s, cand[pick]);
		out->n_params++;
		memcpy(u, pick_u, (size_t)out->n_params * sizeof u[0]);
		best = pick_obj;
		cand[pick] = -1;
	}
	/* the chosen set, searched in full from where selection left it */
	f.param = out->param;
	f.np = out->n_params;
	f.evals = 0;
	f.max_evals = NM_MAX_EVALS;
	if (f.np > 0) {
		double start[CAL_MAX_PARAMS];
		memcpy(start, u, (size_t)f.np * sizeof u[0]);
		nelder_mead(&f, u);
		if (objective(&f, u, false) > best)
			memcpy(u, start, (size_t)f.np * sizeof u[0]);
	}
	out->iterations = f.evals;
	for (int i = 0; i < f.np; i++)
		out->value[i] = denorm(out->param[i], u[i]);
	objective(&f, u, true);
	out->fit_before = median_error(runs, n, false, false);
	out->fit_after = median_error(runs, n, false, true);
	out->held_before = median_error(runs, n, true, false);
	out->held_after = median_error(runs, n, true, true);
	rc = 0;
out:
	free(f.w);
	return rc;
}

/* ---- presets ---------------------------------------------------------------- */

/* Append to an allocated string. */
static void cat(char **buf, size_t *len, size_t *cap, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
cat(char **buf, size_t *len, size_t *cap, const char *fmt, ...)
{
	va_list ap;
	for (;;) {
		va_start(ap, fmt);
		int k = vsnprintf(*buf + *len, *cap - *len, fmt, ap);
		va_end(ap);
		if (k >= 0 && (size_t)k < *cap - *len) {
			*len += (size_t)k;
			return;
		}
		*cap = *cap * 2 + (k > 0 ? (size_t)k : 0) + 64;
		*buf = xrealloc(*buf, *cap);
	}
}

/* A Lua string literal's body: quotes and backslashes escaped, control
 * characters dropped (file names come from the user). */
static void
lua_quote(const char *s, char *dst, size_t n)
{
	size_t o = 0;
	for (; *s && o + 3 < n; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch < 0x20 || ch == 0x7f)
			continue;
		if (ch == '"' || ch == '\\')
			dst[o++] = '\\';
		dst[o++] = (char)ch;
	}
	dst[o] = '\0';
}

char *
calibrate_preset_text(const Calibration *cal, const CalRun *runs, int n)
{
	size_t len = 0, cap = 1024;
	char *b = xmalloc(cap), q[512];
	char date[32] = "";
	time_t now = time(NULL);
	struct tm tm;

	b[0] = '\0';
	if (gmtime_r(&now, &tm))
		strftime(date, sizeof date, "%Y-%m-%d", &tm);
	cat(&b, &len, &cap, "-- shardlab calibration: %s with %s, written by `shardlab calibrate` on %s.\n"
	    "-- Fitted parameters (core/calib-params.h) that replace the presets' values whenever a\n"
	    "-- scenario runs this GPU with this engine; `shardlab eval --no-calibration` ignores it.\n"
	    "-- Median |error| of the fitted runs: %.1f%% before, %.1f%% after",
	    cal->gpu, cal->runtime, date, cal->fit_before * 100, cal->fit_after * 100);
	if (cal->n_held > 0 && isfinite(cal->held_before))
		cat(&b, &len, &cap, "; held-out runs: %.1f%% before, %.1f%% after", cal->held_before * 100,
		    cal->held_after * 100);
	cat(&b, &len, &cap, ".\nreturn {\n  kind = \"calibration\",\n  gpu = \"%s\",\n  runtime = \"%s\",\n",
	    cal->gpu, cal->runtime);
	cat(&b, &len, &cap, "  params = {\n");
	for (int i = 0; i < cal->n_params; i++) {
		const CalibParamDef *d = calib_param_def(cal->param[i]);
		int at = calibrate_at_bound(cal, i);
		cat(&b, &len, &cap, "    %s = %.6g,   -- %s; preset %.6g, bounds %g..%g %s%s\n", d->name,
		    cal->value[i], d->help, cal->def[i], d->min, d->max, d->unit,
		    at < 0 ? "; AT ITS LOWER BOUND" : at > 0 ? "; AT ITS UPPER BOUND" : "");
	}
	cat(&b, &len, &cap, "  },\n  error_before = %.4f,\n  error_after = %.4f,\n  runs = {\n",
	    cal->fit_before, cal->fit_after);
	for (int i = 0; i < n; i++) {
		const CalRun *r = &runs[i];
		lua_quote(r->file, q, sizeof q);
		cat(&b, &len, &cap, "    { file = \"%s\", line = %d, tool = \"%s\", held_out = %s,", q,
		    r->bench.line, bench_tool_name(r->bench.tool), r->held_out ? "true" : "false");
		static const char *const keys[CAL_METRICS] = { "ttft_s", "tpot_s", "tokens_per_s" };
		for (int m = 0; m < CAL_METRICS; m++)
			if (!isnan(r->measured[m]))
				cat(&b, &len, &cap, " %s = { %.6g, %.6g, %.6g },", keys[m], r->measured[m],
				    r->before[m], r->after[m]);
		cat(&b, &len, &cap, " },\n");
	}
	cat(&b, &len, &cap, "  },   -- per figure: measured, shardlab before, shardlab after\n}\n");
	return b;
}

/* mkdir -p of path's directory. */
static int
make_dirs(const char *path, char **cause)
{
	char *d = xstrdup(path);
	char *slash = strrchr(d, '/');
	int rc = 0;

	if (slash)
		*slash = '\0';
	for (char *p = d + 1; slash && *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(d, 0755) != 0 && errno != EEXIST) {
			*cause = xasprintf("%s: %s", d, strerror(errno));
			rc = -1;
			break;
		}
		*p = '/';
	}
	if (rc == 0 && slash && mkdir(d, 0755) != 0 && errno != EEXIST) {
		*cause = xasprintf("%s: %s", d, strerror(errno));
		rc = -1;
	}
	free(d);
	return rc;
}

int
calibrate_write(const char *path, const char *text, char **cause)
{
	if (make_dirs(path, cause) != 0)
		return -1;
	return write_file_atomic(path, text, strlen(text), cause);
}
