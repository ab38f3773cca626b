/* p-scenario.c: the main screen's two top panels: the scenario's fields
 * (names, memory fraction, dtypes, SLOs) and the strategy sliders. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "s-main.h"

/* ---- scenario --------------------------------------------------------- */

static void
scenario_draw(Widget *w, const Session *ss, Grid *g)
{
	ScenarioPanel *sp = (ScenarioPanel *)w;
	Panel *p = &sp->p;
	Rect r = w->rect;

	p->n = N_FIELDS;
	p->rows = r.h - 1;
	panel_clamp(p);
	panel_title(p, ss, g, panel_focused(p) ? "Enter edits, <-/-> change" : NULL);
	for (int i = 0; i < p->rows && p->top + i < p->n; i++) {
		Field *f = sp->fields[p->top + i];
		f->base.focused = panel_focused(p) && p->top + i == p->sel;
		widget_resize(&f->base, (Rect){ r.y + 1 + i, r.x, 1, r.w - 1 });
		widget_draw(&f->base, ss, g);
	}
	panel_scroll_marks(p, ss, g);
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
