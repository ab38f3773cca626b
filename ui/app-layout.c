/* app-layout.c: which values of a layout parameter the sliders, `+`/`-` and
 * the details offer: core/layout.c's rules for the layout knobs, the core's
 * checks on a probe copy of the scenario for the workload's. */
#include "app.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/layout.h"
#include "core/params.h"
#include "util/xmalloc.h"

/* ---- validity of slider values ----------------------------------------- */

/* The layout knob a parameter turns; false when it is not one. */
static bool
layout_knob(ParamId id, LayoutKnob *k)
{
	switch (id) {
	case PARAM_TP: *k = LAYOUT_TP; return true;
	case PARAM_PP: *k = LAYOUT_PP; return true;
	case PARAM_DP: *k = LAYOUT_DP; return true;
	case PARAM_EP: *k = LAYOUT_EP; return true;
	case PARAM_ETP: *k = LAYOUT_ETP; return true;
	default: return false;
	}
}

/* Whether a failing check makes value v of a workload parameter unusable
 * (layout parameters follow core/layout.c's rules). */
static bool
check_blocks(ParamId id, CheckId c)
{
	return c == CHECK_CONTEXT_LEN &&
	    (id == PARAM_INPUT_LEN || id == PARAM_OUTPUT_LEN || id == PARAM_MAX_MODEL_LEN);
}

const char *
session_param_invalid(const Session *a, ParamId id, double v, char *why, size_t n)
{
	/* probe a copy: the scenario on screen is only ever derived (app_derive) */
	Scenario *s = a->probe_s;
	char w[160];
	const char *res = NULL;
	LayoutKnob k;

	*s = *a->s;
	if (param_set(s, id, v, w, sizeof w) != 0) {
		snprintf(why, n, "%s %g: %s", param_def(id)->name, v, w);
		return why;
	}
	if (layout_knob(id, &k)) {
		/* the layout rules, once: a custom stage split belongs to one PP */
		Strategy t = k == LAYOUT_TP ?
		    layout_with_tp(&a->s->model, &a->s->cluster, &a->s->strategy, (int)v) :
		    layout_with(&a->s->strategy, k, (int)v);
		Check fault;
		if (id == PARAM_PP && t.pp != a->s->strategy.pp)
			memset(t.stage_layers, 0, sizeof t.stage_layers);
		if (layout_fault(&a->s->model, &a->s->cluster, &t, &fault)) {
			check_format(a->s, a->r, &fault, why, n);
			res = why;
		}
		return res;
	}
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

int
session_param_options(const Session *a, ParamId id, double *vals, int max)
{
	int v[256], n;
	LayoutKnob k;

	if (!layout_knob(id, &k))
		return 0;
	n = layout_values(a->s, k, v, max < 256 ? max : 256);
	for (int i = 0; i < n; i++)
		vals[i] = v[i];
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

	LayoutKnob k;
	if (layout_knob(id, &k)) {
		int vals[256], nv = layout_values(a->s, k, vals, 256);
		for (int i = dir > 0 ? 0 : nv - 1; i >= 0 && i < nv; i += dir)
			if (dir > 0 ? vals[i] > cur : vals[i] < cur)
				return app_set_param(a, id, vals[i], cause);
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
	case PARAM_MAX_BATCHED_TOKENS: case PARAM_MAX_MODEL_LEN: case PARAM_PREFIX_LEN:
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
