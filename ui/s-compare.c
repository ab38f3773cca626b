/* s-compare.c: A (pinned with p) against B (the scenario now), side by
 * side with deltas, and one sentence of what the change did ("TP 4 -> 8:
 * KV per GPU -50%, TPOT -3.1 ms"). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "compare.h"
#include "core/units.h"
#include "delta.h"
#include "util/xmalloc.h"
#include "w-bar.h"

typedef struct CompareScreen {
	Screen base;
} CompareScreen;

static Screen *
compare_create(App *app)
{
	CompareScreen *s = xcalloc(1, sizeof *s);
	(void)app;
	s->base.cls = &screen_compare;
	return &s->base;
}

static int
count_errors(const Result *r)
{
	int n = 0;
	for (int i = 0; i < r->n_checks; i++)
		n += r->checks[i].severity == SEV_ERROR;
	return n;
}

static void
row(Grid *g, const Theme *t, Rect r, int y, const char *label, const char *a, const char *b,
    const char *change, Role change_role)
{
	int cw = (r.w - 24) / 3;
	grid_put_fit(g, t, y, r.x + 1, 22, ROLE_LABEL, label);
	grid_put_fit(g, t, y, r.x + 24, cw - 1, ROLE_VALUE, a);
	grid_put_fit(g, t, y, r.x + 24 + cw, cw - 1, ROLE_VALUE, b);
	if (change)
		grid_put_fit(g, t, y, r.x + 24 + 2 * cw, r.w - 24 - 2 * cw, change_role, change);
}

static void
layout_text(const Scenario *s, char *buf, size_t n)
{
	const Strategy *st = &s->strategy;
	if (model_is_moe(&s->model))
		snprintf(buf, n, "TP %d PP %d DP %d EP %d", st->tp, st->pp, st->dp, st->ep);
	else
		snprintf(buf, n, "TP %d PP %d DP %d", st->tp, st->pp, st->dp);
}

/* Append a row; returns the new count. */
static int
put_row(ReportCompareRow *rows, int n, int max, const char *label, const char *a, const char *b,
    const char *change, int better)
{
	if (n >= max)
		return n;
	ReportCompareRow *w = &rows[n];
	snprintf(w->label, sizeof w->label, "%s", label);
	snprintf(w->a, sizeof w->a, "%s", a);
	snprintf(w->b, sizeof w->b, "%s", b);
	snprintf(w->change, sizeof w->change, "%s", change ? change : "");
	w->better = better;
	return n + 1;
}

/* A serving figure of report sv (NAN when not served at the rate). */
static double
serving_value(const ServingReport *sv, bool ok, int dp, int which)
{
	if (!ok)
		return NAN;
	const ServingPoint *p = &sv->at_target;
	if (which == 4)
		return sv->rate_max_rps * dp;
	if (!sv->has_target || !p->stable)
		return INFINITY;        /* overloaded: unbounded */
	switch (which) {
	case 0: return p->ttft_p50_s;
	case 1: return p->ttft_p99_s;
	case 2: return p->tpot_p50_s;
	default: return p->tpot_p99_s;
	}
}

/* The serving rows: TTFT and TPOT p50/p99 at the target rate (as eval
 * serves it: continuous batching, Poisson arrivals) and the highest rate
 * within the SLOs, A against B; "overload" past capacity. */
static int
serving_rows(const App *app, ReportCompareRow *rows, int n, int max)
{
	static const char *const label[] = { "TTFT p50 at rate", "TTFT p99 at rate",
		"TPOT p50 at rate", "TPOT p99 at rate", "max rate in SLOs" };
	int dpa = app->pin_s->strategy.dp > 0 ? app->pin_s->strategy.dp : 1;
	int dpb = app->s->strategy.dp > 0 ? app->s->strategy.dp : 1;
	bool has = app->s->workload.slo.rps > 0 || app->pin_s->workload.slo.rps > 0;

	for (int i = has ? 0 : 4; i < 5; i++) {
		double va = serving_value(app->pin_sv, app->pin_sv_ok && app->pin_r->status == EVAL_OK,
		    dpa, i);
		double vb = serving_value(app->sv, app->sv_ok && app->r->status == EVAL_OK, dpb, i);
		char a[48], b[48], ch[64] = "";
		const char *c = NULL;
		int better = 0;
		for (int k = 0; k < 2; k++) {
			double v = k ? vb : va;
			char *out = k ? b : a;
			if (isnan(v))
				snprintf(out, 48, "not served");
			else if (isinf(v))
				snprintf(out, 48, "overload");
			else if (i == 4)
				fmt_rate(v, "req/s", out, 48);
			else
				fmt_seconds(v, out, 48);
		}
		/* a change only where the two figures read differently: "31.31 ->
		 * 31.31" is no change, whatever the digits beyond the shown ones */
		if (isfinite(va) && isfinite(vb) && strcmp(a, b) != 0) {
			char d[32];
			if (i == 4)
				fmt_rate(fabs(vb - va), "req/s", d, sizeof d);
			else
				fmt_seconds(fabs(vb - va), d, sizeof d);
			snprintf(ch, sizeof ch, "%s%s", vb > va ? "+" : "-", d);
			better = (i == 4) == (vb > va) ? 1 : -1;
			c = ch;
		} else if (isfinite(va) != isfinite(vb)) {
			/* served at the rate on one side only */
			snprintf(ch, sizeof ch, "%s", isfinite(vb) ? "now served" : "no longer served");
			better = isfinite(vb) ? 1 : -1;
			c = ch;
		}
		n = put_row(rows, n, max, label[i], a, b, c, better);
	}
	return n;
}

int
compare_rows(const App *app, ReportCompareRow *rows, int max)
{
	const Scenario *A = app->pin_s, *B = app->s;
	const Result *ra = app->pin_r, *rb = app->r;
	char a[128], b[128], ch[64];
	int n = 0;

	if (!app->pinned)
		return 0;
	if (strcmp(A->model.name, B->model.name) != 0 ||
	    strcmp(A->cluster.name, B->cluster.name) != 0) {
		n = put_row(rows, n, max, "model", A->model.name, B->model.name, NULL, 0);
		n = put_row(rows, n, max, "cluster", A->cluster.name, B->cluster.name, NULL, 0);
	} else {
		snprintf(a, sizeof a, "%s on %s", A->model.name, A->cluster.name);
		n = put_row(rows, n, max, "A and B", a, a, NULL, 0);
	}
	layout_text(A, a, sizeof a);
	layout_text(B, b, sizeof b);
	n = put_row(rows, n, max, "layout", a, b, NULL, 0);
	snprintf(a, sizeof a, "%s / %s, %s", dtype_name(A->strategy.weight_dtype),
	    dtype_name(A->strategy.kv_dtype), A->runtime.name);
	snprintf(b, sizeof b, "%s / %s, %s", dtype_name(B->strategy.weight_dtype),
	    dtype_name(B->strategy.kv_dtype), B->runtime.name);
	n = put_row(rows, n, max, "weights / KV, runtime", a, b, NULL, 0);
	snprintf(a, sizeof a, "%d x %d+%d", A->workload.batch, A->workload.input_len,
	    A->workload.output_len);
	snprintf(b, sizeof b, "%d x %d+%d", B->workload.batch, B->workload.input_len,
	    B->workload.output_len);
	n = put_row(rows, n, max, "batch x input+output", a, b, NULL, 0);

	int nf;
	const DeltaFigure *figs = delta_figures(&nf);
	for (int i = 0; i < nf; i++) {
		double va = delta_value(A, ra, i), vb = delta_value(B, rb, i);
		bool better = false;
		const char *c = delta_format_change(i, va, vb, ch, sizeof ch, &better);
		delta_format_value(i, va, a, sizeof a);
		delta_format_value(i, vb, b, sizeof b);
		n = put_row(rows, n, max, figs[i].label, a, b, c, c ? (better ? 1 : -1) : 0);
	}
	n = serving_rows(app, rows, n, max);
	int ea = count_errors(ra), eb = count_errors(rb);
	/* as the tab bar has it: the checks, then the SLOs at the rate */
	AppVerdict va = app->pin_verdict, vb = app_verdict(app);
	if (ea != eb)
		snprintf(ch, sizeof ch, "errors %d -> %d", ea, eb);
	else
		snprintf(ch, sizeof ch, "%s", vb == APP_FEASIBLE ? "SLOs now met" : "now misses SLOs");
	n = put_row(rows, n, max, "verdict", app_verdict_name(va), app_verdict_name(vb),
	    ea != eb || va != vb ? ch : NULL, eb < ea || (ea == eb && vb < va) ? 1 : -1);
	return n;
}

static int draw_bars(App *app, Grid *g, Rect r, int y);

static void
compare_draw(Screen *base, App *app, Grid *g, Rect r)
{
	const Theme *t = &app->theme;
	ReportCompareRow rows[COMPARE_ROWS_MAX];
	char line[512];
	int y = r.y;
	(void)base;

	if (!app->pinned) {
		grid_put(g, y++, r.x, r.w, ROLE_TITLE, " Compare ");
		y++;
		grid_put_fit(g, t, y++, r.x + 1, r.w - 2, ROLE_DEFAULT,
		    "Nothing is pinned yet.  Press p (or :pin) to pin the scenario as it is now as A,");
		grid_put_fit(g, t, y++, r.x + 1, r.w - 2, ROLE_DEFAULT,
		    "then change things on the main screen (m): this screen shows A beside the new");
		grid_put_fit(g, t, y++, r.x + 1, r.w - 2, ROLE_DEFAULT,
		    "scenario B with the change in every figure.");
		return;
	}
	snprintf(line, sizeof line, " Compare: A (pinned) vs B (now)   p pins B as A, x makes A "
	    "the scenario again ");
	grid_put_fit(g, t, y++, r.x, r.w, ROLE_TITLE, line);
	compare_summary(app, line, sizeof line);
	grid_put_fit(g, t, y++, r.x + 1, r.w - 2, ROLE_INFO, line);
	int n = compare_rows(app, rows, COMPARE_ROWS_MAX);
	/* short (80x24): the blank line goes, then the rows where A and B
	 * agree, then the last delta figures; the serving rows and the
	 * verdict always show */
	bool keep[COMPARE_ROWS_MAX];
	int nf, first_fig = 0, room = r.y + r.h - y - 1, shown = n;
	const DeltaFigure *figs = delta_figures(&nf);
	while (first_fig < n && strcmp(rows[first_fig].label, figs[0].label) != 0)
		first_fig++;
	for (int i = 0; i < n; i++)
		keep[i] = true;
	if (shown < room) {
		y++;            /* room for the blank line */
		room--;
	}
	for (int i = 2; i < n - 1 && shown > room; i++)
		if (!rows[i].change[0] && strcmp(rows[i].a, rows[i].b) == 0) {
			keep[i] = false;
			shown--;
		}
	for (int i = first_fig + nf - 1; i >= first_fig && shown > room; i--)
		if (keep[i]) {
			keep[i] = false;
			shown--;
		}
	snprintf(line, sizeof line, "change (%s better, %s worse)", t->g.better, t->g.worse);
	row(g, t, r, y++, "", "A", "B", line, ROLE_TITLE);
	for (int i = 0; i < n && y < r.y + r.h; i++) {
		const ReportCompareRow *w = &rows[i];
		if (!keep[i])
			continue;
		if (i == 0 && strcmp(w->label, "A and B") == 0) {
			grid_put(g, y, r.x + 1, 22, ROLE_LABEL, w->label);
			grid_put_fit(g, t, y++, r.x + 24, r.w - 25, ROLE_VALUE, w->a);
			continue;
		}
		/* better or worse as a mark too: reads in monochrome */
		char mark[96];
		snprintf(mark, sizeof mark, "%s %s", w->better > 0 ? t->g.better : w->better < 0 ?
		    t->g.worse : " ", w->change);
		row(g, t, r, y++, w->label, w->a, w->b, *w->change ? mark : NULL,
		    w->better > 0 ? ROLE_BETTER : ROLE_WORSE);
	}
	/* room left (200x60): the bars themselves */
	int bars = (app->pin_r->status == EVAL_OK ? app->pin_r->n_stages : 0) +
	    (app->r->status == EVAL_OK ? app->r->n_stages : 0);
	if (bars > 0 && r.y + r.h - y >= 4 && r.w >= 100)
		draw_bars(app, g, r, y + 1);
}

/* Tall terminals: A's and B's memory bars, stage by stage, one above
 * the other (the same scale: capacity), from row y. */
static int
draw_bars(App *app, Grid *g, Rect r, int y)
{
	const Theme *t = &app->theme;
	const Scenario *sc[2] = { app->pin_s, app->s };
	const Result *rs[2] = { app->pin_r, app->r };

	grid_put(g, y++, r.x, r.w, ROLE_TITLE, " Memory per GPU, A above B ");
	for (int st = 0; st < MAX_STAGES && y + 1 < r.y + r.h; st++) {
		bool any = false;
		for (int k = 0; k < 2 && y < r.y + r.h; k++) {
			const Result *res = rs[k];
			if (res->status != EVAL_OK || st >= res->n_stages)
				continue;
			const StageResult *sr = &res->stages[st];
			double cap = sc[k]->cluster.gpu.memory_bytes;
			double pool = sr->kv_pool_bytes > sr->kv_cache_bytes ?
			    sr->kv_pool_bytes - sr->kv_cache_bytes : 0;
			double parts[BAR_PARTS] = { sr->weights_bytes, sr->kv_cache_bytes, pool,
				sr->activation_bytes, sr->reserved_bytes };
			char label[32], fig[32];
			snprintf(label, sizeof label, "%s stage %d", k ? "B" : "A", st);
			fmt_bytes(sr->per_gpu_bytes, fig, sizeof fig);
			int bw = r.w - 24 - 14;
			grid_put(g, y, r.x + 1, 20, ROLE_LABEL, label);
			grid_put(g, y, r.x + 23, 1, ROLE_DIM, "[");
			bar_draw(g, t, y, r.x + 24, bw, parts, BAR_PARTS, cap, sr->budget_bytes, NULL);
			grid_put(g, y, r.x + 24 + bw, 1, ROLE_DIM, "]");
			grid_put(g, y++, r.x + 26 + bw, 12, sr->per_gpu_bytes > cap ? ROLE_ERROR : ROLE_DIM, fig);
			any = true;
		}
		if (!any)
			break;
	}
	return y;
}

void
compare_summary(const App *app, char *buf, size_t n)
{
	if (delta_summary(app->pin_s, app->pin_r, app->s, app->r, 6, buf, n) == 0)
		snprintf(buf, n, "A and B are the same scenario: change something");
}

static int
compare_key(Screen *base, App *app, int key)
{
	(void)base;
	if (key != 'x' || !app->pinned)
		return H_NONE;
	app_restore_pin(app);
	return H_HANDLED | H_REDRAW | H_RECOMPUTE;
}

const ScreenClass screen_compare = {
	.name = "compare",
	.tab = "Compare",
	.key = 'c',
	.help = "A (pinned with p) beside the scenario now, with the change in every figure",
	.create = compare_create,
	.draw = compare_draw,
	.handle_key = compare_key,
};
