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
	y++;
	row(g, t, r, y++, "", "A", "B", "change", ROLE_TITLE);
	int n = compare_rows(app, rows, COMPARE_ROWS_MAX);
	for (int i = 0; i < n && y < r.y + r.h; i++) {
		const ReportCompareRow *w = &rows[i];
		/* the figures leave the last row to the verdict */
		if (i < n - 1 && y >= r.y + r.h - 1)
			continue;
		if (i == 0 && strcmp(w->label, "A and B") == 0) {
			grid_put(g, y, r.x + 1, 22, ROLE_LABEL, w->label);
			grid_put_fit(g, t, y++, r.x + 24, r.w - 25, ROLE_VALUE, w->a);
			continue;
		}
		row(g, t, r, y++, w->label, w->a, w->b, *w->change ? w->change : NULL,
		    w->better > 0 ? ROLE_BETTER : ROLE_WORSE);
	}
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
