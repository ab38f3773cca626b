/* p-scenario.c: the main screen's two top panels: the scenario's fields
 * (names, memory fraction, dtypes, SLOs) and the strategy sliders. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "s-main.h"

/* ---- scenario --------------------------------------------------------- */

/* The fields that share a row when the panel is too short for a row each
 * (80x24): p50 beside p99 of each SLO, the speculative acceptance beside
 * the prefix hit rate, the disaggregated prefill instances
 * beside the rate SLO.  right_half[i]: field i sits right of field i - 1
 * (s-main.c builds the fields in this order). */
static const bool right_half[N_FIELDS] = {
	[8] = true,     /* TTFT p99 beside TTFT p50 */
	[10] = true,    /* TPOT p99 beside TPOT p50 */
	[12] = true,    /* prefill instances (disaggregated) beside the rate SLO */
	[14] = true,    /* hit rate beside accept */
};

/* Rows the fields take when paired. */
static int
paired_rows(void)
{
	int n = N_FIELDS;
	for (int i = 0; i < N_FIELDS; i++)
		n -= right_half[i];
	return n;
}

static bool
paired(const ScenarioPanel *sp)
{
	return sp->compact;
}

/* The visual row of field i. */
static int
field_row(const ScenarioPanel *sp, int i)
{
	if (!paired(sp))
		return i;
	int row = 0;
	for (int j = 1; j <= i; j++)
		row += !right_half[j];
	return row;
}

static void
scenario_draw(Widget *w, const Session *ss, Grid *g)
{
	ScenarioPanel *sp = (ScenarioPanel *)w;
	Panel *p = &sp->p;
	Rect r = w->rect;

	p->n = N_FIELDS;
	/* short: p50 and p99 side by side, so that every field shows */
	sp->compact = r.h - 1 < N_FIELDS && r.h - 1 >= paired_rows() && r.w >= 40;
	p->rows = sp->compact ? N_FIELDS : r.h - 1;
	panel_clamp(p);
	panel_title(p, ss, g, panel_focused(p) ? "Enter edits, <-/-> change" : NULL);
	int half = (r.w - 1) / 2;
	for (int i = p->top; i < p->n; i++) {
		Field *f = sp->fields[i];
		int row = field_row(sp, i) - field_row(sp, p->top);
		if (row >= r.h - 1)
			break;
		bool right = paired(sp) && right_half[i];
		bool left = paired(sp) && i + 1 < N_FIELDS && right_half[i + 1];
		f->base.focused = panel_focused(p) && i == p->sel;
		widget_resize(&f->base, (Rect){ r.y + 1 + row, r.x + (right ? half : 0), 1,
		    left ? half : right ? r.w - 1 - half : r.w - 1 });
		widget_draw(&f->base, ss, g);
	}
	panel_scroll_marks(p, ss, g);
}

/* The field under a click, or -1 (a paired row by its half). */
static int
scenario_hit(const ScenarioPanel *sp, const App *app)
{
	const Panel *p = &sp->p;
	if (!paired(sp))
		return panel_hit(p, app);
	int row = app->mouse_y - (p->base.rect.y + 1);
	bool right = app->mouse_x >= p->base.rect.x + (p->base.rect.w - 1) / 2;
	for (int i = 0; i < p->n; i++)
		if (field_row(sp, i) == row) {
			if (right && i + 1 < N_FIELDS && right_half[i + 1])
				return i + 1;
			return i;
		}
	return -1;
}

static int
item_key(Panel *p, Widget *item, App *app, int key)
{
	switch (key) {
	case TK_UP: case 'k': return panel_move(p, -1);
	case TK_DOWN: case 'j': return panel_move(p, +1);
	case TK_CLICK: {
		int i = panel_hit(p, app);
		if (i < 0)
			return H_HANDLED | H_REDRAW;
		p->sel = i;
		return H_NONE;  /* the caller forwards the click to the item */
	}
	default:
		return widget_key(item, app, key);
	}
}

static int
scenario_key(Widget *w, App *app, int key)
{
	ScenarioPanel *sp = (ScenarioPanel *)w;
	Panel *p = &sp->p;
	Field *f = sp->fields[p->sel];

	if (f->edit.on)
		return widget_key(&f->base, app, key);
	if (key == TK_CLICK) {
		int i = scenario_hit(sp, app);
		if (i < 0)
			return H_HANDLED | H_REDRAW;
		p->sel = i;
		return widget_key(&sp->fields[p->sel]->base, app, key) | H_HANDLED | H_REDRAW;
	}
	int r = item_key(p, &f->base, app, key);
	if (key == TK_CLICK && r == H_NONE)
		return widget_key(&sp->fields[p->sel]->base, app, key) | H_HANDLED | H_REDRAW;
	if (key == TK_WHEEL_UP || key == TK_WHEEL_DOWN)
		return r | H_HANDLED;
	return r;
}

const WidgetClass scenario_class = {
	.name = "scenario", .draw = scenario_draw, .handle_key = scenario_key,
};

/* ---- strategy --------------------------------------------------------- */

static void
strategy_draw(Widget *w, const Session *ss, Grid *g)
{
	StrategyPanel *sp = (StrategyPanel *)w;
	Panel *p = &sp->p;
	Rect r = w->rect;
	char hint[96];

	p->n = N_SLIDERS;
	p->rows = r.h - 1;
	panel_clamp(p);
	snprintf(hint, sizeof hint, "%d of %d GPUs", ss->s->strategy.tp * ss->s->strategy.pp *
	    ss->s->strategy.dp, cluster_gpus(&ss->s->cluster));
	panel_title(p, ss, g, panel_focused(p) ? "<-/-> or +/-, digits type" : hint);
	for (int i = 0; i < p->rows && p->top + i < p->n; i++) {
		Slider *s = sp->sliders[p->top + i];
		s->base.focused = panel_focused(p) && p->top + i == p->sel;
		widget_resize(&s->base, (Rect){ r.y + 1 + i, r.x, 1, r.w });
		widget_draw(&s->base, ss, g);
	}
	panel_scroll_marks(p, ss, g);
}

static int
strategy_key(Widget *w, App *app, int key)
{
	StrategyPanel *sp = (StrategyPanel *)w;
	Panel *p = &sp->p;
	Slider *s = sp->sliders[p->sel];

	if (s->edit.on)
		return widget_key(&s->base, app, key);
	if (key == TK_WHEEL_UP || key == TK_WHEEL_DOWN) {
		/* the wheel turns the slider under the pointer */
		int i = panel_hit(p, app);
		if (i < 0)
			return H_HANDLED;
		p->sel = i;
		return widget_key(&sp->sliders[i]->base, app, key) | H_HANDLED;
	}
	int r = item_key(p, &s->base, app, key);
	if (key == TK_CLICK && r == H_NONE)
		return widget_key(&sp->sliders[p->sel]->base, app, key) | H_HANDLED | H_REDRAW;
	return r;
}

const WidgetClass strategy_class = {
	.name = "strategy", .draw = strategy_draw, .handle_key = strategy_key,
};
