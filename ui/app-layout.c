/* app-layout.c: which values of a layout parameter the sliders, `+`/`-` and
 * the details offer: the core's checks on a probe copy of the scenario. */
#include "app.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/params.h"
#include "util/xmalloc.h"

/* ---- validity of slider values ----------------------------------------- */

/* Whether a failing check makes value v of parameter id unusable. */
static bool
check_blocks(ParamId id, CheckId c)
{
	switch (c) {
	case CHECK_GPU_COUNT: return id == PARAM_TP || id == PARAM_PP || id == PARAM_DP;
	case CHECK_HEADS_TP: case CHECK_KV_HEADS_TP: case CHECK_WIDTH_TP: return id == PARAM_TP;
	case CHECK_LAYERS_PP: case CHECK_STAGE_LAYERS: return id == PARAM_PP;
	case CHECK_EXPERTS_EP: return id == PARAM_EP;
	case CHECK_EP_GROUP:
		return id == PARAM_TP || id == PARAM_DP || id == PARAM_EP || id == PARAM_ETP;
	case CHECK_CONTEXT_LEN:
		return id == PARAM_INPUT_LEN || id == PARAM_OUTPUT_LEN || id == PARAM_MAX_MODEL_LEN;
	default: return false;
	}
}

const char *
session_param_invalid(const Session *a, ParamId id, double v, char *why, size_t n)
{
	/* probe a copy: the scenario on screen is only ever derived (app_derive) */
	Scenario *s = a->probe_s;
	char w[160];
	const char *res = NULL;

	*s = *a->s;
	if (param_set(s, id, v, w, sizeof w) != 0) {
		snprintf(why, n, "%s %g: %s", param_def(id)->name, v, w);
		return why;
	}
	if (id == PARAM_PP)
		memset(s->strategy.stage_layers, 0, sizeof s->strategy.stage_layers);
	eval_run(s, a->probe);
	for (int i = 0; i < a->probe->n_checks; i++) {
		const Check *c = &a->probe->checks[i];
		if (c->severity == SEV_ERROR && check_blocks(id, c->id)) {
			check_format(s, a->probe, c, why, n);
			res = why;
			break;
		}
	}
	return res;
}

static bool
is_layout_param(ParamId id)
{
	return id == PARAM_TP || id == PARAM_PP || id == PARAM_DP || id == PARAM_EP || id == PARAM_ETP;
}

/* The largest value worth probing for a layout parameter. */
static int
layout_bound(const Session *a, ParamId id)
{
	const Scenario *s = a->s;
	const Strategy *st = &s->strategy;
	int gpus = cluster_gpus(&s->cluster);
	int b;

	switch (id) {
	case PARAM_TP: b = s->model.n_heads; break;
	case PARAM_PP: b = s->model.n_layers < MAX_STAGES ? s->model.n_layers : MAX_STAGES; break;
	case PARAM_DP: b = gpus; break;
	case PARAM_EP: b = s->model.n_experts > 0 ? s->model.n_experts : 1; break;
	case PARAM_ETP: b = st->tp * st->dp; break;
	default: b = 1; break;
	}
	/* GPUs: TP x PP x DP must fit the cluster */
	if (id == PARAM_TP && st->pp * st->dp > 0)
		b = b < gpus / (st->pp * st->dp) ? b : gpus / (st->pp * st->dp);
	if (id == PARAM_PP && st->tp * st->dp > 0)
		b = b < gpus / (st->tp * st->dp) ? b : gpus / (st->tp * st->dp);
	if (id == PARAM_DP && st->tp * st->pp > 0)
		b = b < gpus / (st->tp * st->pp) ? b : gpus / (st->tp * st->pp);
	if (id == PARAM_EP && st->tp * st->dp < b)
		b = st->tp * st->dp;
	return b < 1 ? 1 : b;
}

int
session_param_options(const Session *a, ParamId id, double *vals, int max)
{
	char why[256];
	int n = 0, bound;

	if (!is_layout_param(id))
		return 0;
	bound = layout_bound(a, id);
	for (int v = 1; v <= bound && n < max; v++) {
		if (id == PARAM_TP && a->s->model.n_heads % v != 0)
			continue;
		if (id == PARAM_EP && a->s->model.n_experts > 0 && a->s->model.n_experts % v != 0)
			continue;
		if (!session_param_invalid(a, id, v, why, sizeof why))
			vals[n++] = v;
	}
	return n;
}

const char *
app_param_invalid(App *a, ParamId id, double v, char *why, size_t n)
{
	return session_param_invalid(app_session(a), id, v, why, n);
}

int
app_param_options(App *a, ParamId id, double *vals, int max)
{
	return session_param_options(app_session(a), id, vals, max);
}

static double
pow2_next(double cur, int dir)
{
	double p = 1;
	if (dir > 0) {
		while (p <= cur)
			p *= 2;
		return p;
	}
	while (p * 2 < cur)
		p *= 2;
	return cur <= 1 ? 0 : p;
}

int
app_step_param(App *a, ParamId id, int dir, char **cause)
{
	const ParamDef *d = param_def(id);
	double cur = param_get(a->s, id), v;
	char why[512];

	if (is_layout_param(id)) {
		int bound = layout_bound(app_session(a), id);
		for (int c = (int)cur + dir; c >= 1 && c <= bound; c += dir)
			if (!app_param_invalid(a, id, c, why, sizeof why))
				return app_set_param(a, id, c, cause);
		double cand = pow2_next(cur, dir);
		if (dir < 0 && cur <= 1) {
			*cause = xasprintf("%s is at its minimum, 1", d->name);
			return -1;
		}
		if (id == PARAM_EP && a->s->model.n_experts == 0) {
			*cause = xasprintf("EP: %s is a dense model (no experts to spread)", a->s->model.name);
			return -1;
		}
		if (cand < 1)
			cand = 1;
		if (app_param_invalid(a, id, cand, why, sizeof why))
			*cause = xasprintf("%s %g: %s", d->name, cand, why);
		else
			*cause = xasprintf("no valid %s %s %g", d->name, dir > 0 ? "above" : "below", cur);
		return -1;
	}
	switch (id) {
	case PARAM_BATCH: case PARAM_INPUT_LEN: case PARAM_OUTPUT_LEN: case PARAM_MICRO_BATCHES:
	case PARAM_MAX_BATCHED_TOKENS: case PARAM_MAX_MODEL_LEN:
		v = pow2_next(cur, dir);
		if (v < d->min)
			v = d->min;
		if (id == PARAM_MICRO_BATCHES && v > a->s->workload.batch) {
			*cause = xasprintf("micro-batches: no more than the batch of %d sequences",
			    a->s->workload.batch);
			return -1;
		}
		break;
	default:
		v = cur + dir * d->step;
		v = round(v / d->step) * d->step;
		if (v < d->min)
			v = d->min;
		if (v > d->max)
			v = d->max;
		break;
	}
	if (v == cur || v > d->max) {
		*cause = xasprintf("%s is at its %s, %g", d->name, dir > 0 ? "maximum" : "minimum", cur);
		return -1;
	}
	if (app_param_invalid(a, id, v, why, sizeof why)) {
		*cause = xasprintf("%s %g: %s", d->name, v, why);
		return -1;
	}
	return app_set_param(a, id, v, cause);
}
