/* s-main.c: the main screen: scenario fields and strategy sliders on top,
 * a memory bar per pipeline stage, latency and throughput against the
 * SLOs, and the checks.  Five panels; Tab moves between them, arrows move
 * within (and on past the ends), Enter explains a figure. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "core/explain.h"
#include "core/fields.h"
#include "core/units.h"
#include "util/xmalloc.h"
#include "w-bar.h"
#include "w-slider.h"
#include "w-text.h"

enum { P_SCENARIO, P_STRATEGY, P_MEMORY, P_FIGURES, P_CHECKS, P_COUNT };

#define N_FIELDS 12
#define N_SLIDERS 8
#define N_FIG_ROWS 8     /* rows of two figures */
#define LABEL_W 19      /* "stage 12 L60-79" before a memory bar */

/* A panel: a titled block of selectable rows. */
typedef struct Panel {
	Widget base;
	const char *title;
	struct MainScreen *ms;
	int sel, top;           /* selected item, first item shown */
	int n;                  /* items (set while drawing) */
	int rows;               /* item rows shown */
} Panel;

typedef struct ScenarioPanel {
	Panel p;
	Field *fields[N_FIELDS];
} ScenarioPanel;

typedef struct StrategyPanel {
	Panel p;
	Slider *sliders[N_SLIDERS];
} StrategyPanel;

/* Consecutive stages with the same memory, drawn as one bar. */
typedef struct StageGroup {
	int first, last;
} StageGroup;

typedef struct MemoryPanel {
	Panel p;
	StageGroup groups[MAX_STAGES];
	int bar_h;              /* rows per bar: 2 on tall terminals */
} MemoryPanel;

typedef struct FigurePos {
	int y, x, w;
} FigurePos;

typedef struct FiguresPanel {
	Panel p;
	FigurePos pos[2 * N_FIG_ROWS];
} FiguresPanel;

/* One row of the checks panel: a built-in check, a Lua check or a Lua
 * load error. */
typedef struct CheckRow {
	Severity sev;
	int builtin;            /* index into r->checks, or -1 */
	int extra;              /* index into app->extra, or -1 */
} CheckRow;

typedef struct ChecksPanel {
	Panel p;
	CheckRow rows[MAX_CHECKS + 64];
} ChecksPanel;

typedef struct MainScreen {
	Screen base;
	Panel *panels[P_COUNT];
	int focus;
	/* tall terminals: the selected item explained, without Enter */
	TextView *detail;
	char detail_text[8192];
} MainScreen;

/* ---- shared panel behaviour ------------------------------------------ */

static void
panel_title(Panel *p, App *app, Grid *g, const char *extra)
{
	Rect r = p->base.rect;
	bool focus = p->ms->panels[p->ms->focus] == p;
	char t[64];
	snprintf(t, sizeof t, " %s ", p->title);
	int w = grid_put(g, r.y, r.x, r.w, focus ? ROLE_TAB_ACTIVE : ROLE_TITLE, t);
	if (extra && w + 1 < r.w)
		grid_put_fit(g, &app->theme, r.y, r.x + w + 1, r.w - w - 1, ROLE_DIM, extra);
}

/* Keep sel in [0, n) and in view. */
static void
panel_clamp(Panel *p)
{
	if (p->sel >= p->n)
		p->sel = p->n - 1;
	if (p->sel < 0)
		p->sel = 0;
	if (p->rows < 1)
		p->rows = 1;
	if (p->sel < p->top)
		p->top = p->sel;
	if (p->sel >= p->top + p->rows)
		p->top = p->sel - p->rows + 1;
	if (p->top > p->n - p->rows)
		p->top = p->n - p->rows;
	if (p->top < 0)
		p->top = 0;
}

static void
panel_scroll_marks(Panel *p, App *app, Grid *g)
{
	Rect r = p->base.rect;
	/* in the panel's last column, which rows leave free */
	if (p->top > 0)
		grid_put(g, r.y, r.x + r.w - 1, 1, ROLE_DIM, app->theme.g.more_up);
	if (p->top + p->rows < p->n)
		grid_put(g, r.y + r.h - 1, r.x + r.w - 1, 1, ROLE_DIM, app->theme.g.more_down);
}

static bool
panel_focused(const Panel *p)
{
	return p->ms->panels[p->ms->focus] == p;
}

static int
move_focus(MainScreen *ms, int to, int dir)
{
	ms->focus = (to + P_COUNT) % P_COUNT;
	Panel *p = ms->panels[ms->focus];
	if (dir > 0)
		p->sel = 0;
	else if (dir < 0)
		p->sel = p->n - 1;
	panel_clamp(p);
	return H_HANDLED | H_REDRAW;
}

/* The panel above and below each panel (the two top panels sit side by
 * side; Tab goes across). */
static const int panel_up[P_COUNT] = { -1, -1, P_STRATEGY, P_MEMORY, P_FIGURES };
static const int panel_down[P_COUNT] = { P_MEMORY, P_MEMORY, P_FIGURES, P_CHECKS, -1 };

/* Up/down in a panel, on past its ends into the panel above or below. */
static int
panel_move(Panel *p, int d)
{
	MainScreen *ms = p->ms;
	if (p->sel + d < 0)
		return panel_up[ms->focus] < 0 ? H_HANDLED : move_focus(ms, panel_up[ms->focus], -1);
	if (p->sel + d >= p->n)
		return panel_down[ms->focus] < 0 ? H_HANDLED : move_focus(ms, panel_down[ms->focus], +1);
	p->sel += d;
	panel_clamp(p);
	return H_HANDLED | H_REDRAW;
}

/* The item row under a click, or -1. */
static int
panel_hit(const Panel *p, const App *app)
{
	int row = app->mouse_y - (p->base.rect.y + 1);
	if (row < 0 || row >= p->rows || p->top + row >= p->n)
		return -1;
	return p->top + row;
}

/* ---- scenario --------------------------------------------------------- */

static void
scenario_draw(Widget *w, App *app, Grid *g)
{
	ScenarioPanel *sp = (ScenarioPanel *)w;
	Panel *p = &sp->p;
	Rect r = w->rect;

	p->n = N_FIELDS;
	p->rows = r.h - 1;
	panel_clamp(p);
	panel_title(p, app, g, panel_focused(p) ? "Enter edits, <-/-> change" : NULL);
	for (int i = 0; i < p->rows && p->top + i < p->n; i++) {
		Field *f = sp->fields[p->top + i];
		f->base.focused = panel_focused(p) && p->top + i == p->sel;
		widget_resize(&f->base, (Rect){ r.y + 1 + i, r.x, 1, r.w - 1 });
		widget_draw(&f->base, app, g);
	}
	panel_scroll_marks(p, app, g);
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

static const WidgetClass scenario_class = {
	.name = "scenario", .draw = scenario_draw, .handle_key = scenario_key,
};

/* ---- strategy --------------------------------------------------------- */

static void
strategy_draw(Widget *w, App *app, Grid *g)
{
	StrategyPanel *sp = (StrategyPanel *)w;
	Panel *p = &sp->p;
	Rect r = w->rect;
	char hint[96];

	p->n = N_SLIDERS;
	p->rows = r.h - 1;
	panel_clamp(p);
	snprintf(hint, sizeof hint, "%d of %d GPUs", app->s->strategy.tp * app->s->strategy.pp *
	    app->s->strategy.dp, cluster_gpus(&app->s->cluster));
	panel_title(p, app, g, panel_focused(p) ? "<-/-> or +/-, digits type" : hint);
	for (int i = 0; i < p->rows && p->top + i < p->n; i++) {
		Slider *s = sp->sliders[p->top + i];
		s->base.focused = panel_focused(p) && p->top + i == p->sel;
		widget_resize(&s->base, (Rect){ r.y + 1 + i, r.x, 1, r.w });
		widget_draw(&s->base, app, g);
	}
	panel_scroll_marks(p, app, g);
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

static const WidgetClass strategy_class = {
	.name = "strategy", .draw = strategy_draw, .handle_key = strategy_key,
};

/* ---- memory ----------------------------------------------------------- */

static bool
same_memory(const StageResult *a, const StageResult *b)
{
	const double *x[] = { &a->weights_bytes, &a->kv_cache_bytes, &a->activation_bytes,
		&a->reserved_bytes, &a->budget_bytes };
	const double *y[] = { &b->weights_bytes, &b->kv_cache_bytes, &b->activation_bytes,
		&b->reserved_bytes, &b->budget_bytes };
	for (size_t i = 0; i < sizeof x / sizeof x[0]; i++)
		if (fabs(*x[i] - *y[i]) > 1e-9 * fmax(fabs(*x[i]), 1))
			return false;
	return a->n_layers == b->n_layers;
}

static int
group_stages(const Result *r, StageGroup *g)
{
	int n = 0;
	for (int i = 0; i < r->n_stages; i++) {
		if (n > 0 && same_memory(&r->stages[g[n - 1].last], &r->stages[i]))
			g[n - 1].last = i;
		else
			g[n++] = (StageGroup){ i, i };
	}
	return n;
}

/* Rows the memory panel wants: a title and a bar per group. */
static int
memory_rows_wanted(const App *app)
{
	StageGroup g[MAX_STAGES];
	if (app->r->status != EVAL_OK)
		return 3;
	return 1 + group_stages(app->r, g) + 1;        /* title, bars, the KV line */
}

static void
draw_invalid(App *app, Grid *g, Rect r)
{
	char msg[512];
	int y = r.y;
	grid_put(g, y++, r.x + 1, r.w - 2, ROLE_ERROR, "INVALID LAYOUT");
	for (int i = 0; i < app->r->n_checks && y < r.y + r.h; i++) {
		const Check *c = &app->r->checks[i];
		if (c->severity != SEV_ERROR || !check_structural(c->id))
			continue;
		check_format(app->s, app->r, c, msg, sizeof msg);
		grid_put_fit(g, &app->theme, y++, r.x + 1, r.w - 2, ROLE_ERROR, msg);
	}
}

static void
memory_draw(Widget *w, App *app, Grid *g)
{
	MemoryPanel *mp = (MemoryPanel *)w;
	Panel *p = &mp->p;
	Rect r = w->rect;
	const Scenario *s = app->s;
	const Result *res = app->r;
	const Theme *t = &app->theme;
	double cap = s->cluster.gpu.memory_bytes;
	char legend[64];

	snprintf(legend, sizeof legend, "%s %.2f", s->runtime.name, s->runtime.mem_fraction);
	p->rows = r.h - 1;
	{
		Rect tr = r;
		bool focus = panel_focused(p);
		int tw = grid_put(g, tr.y, tr.x, tr.w, focus ? ROLE_TAB_ACTIVE : ROLE_TITLE,
		    " Memory per GPU ");
		bar_legend(g, t, tr.y, tr.x + tw + 1, tr.w - tw - 1, legend);
	}
	if (res->status != EVAL_OK) {
		p->n = 0;
		draw_invalid(app, g, (Rect){ r.y + 1, r.x, r.h - 1, r.w });
		return;
	}
	p->n = group_stages(res, mp->groups);
	int bh = mp->bar_h > 1 && r.h - 2 >= 2 * p->n ? 2 : 1;
	bool kv_line = r.h - 1 > p->n * bh;
	p->rows = (r.h - 1 - kv_line) / bh;
	panel_clamp(p);
	if (kv_line) {
		const MemorySummary *ms = &res->memory;
		char line[256], a[32], b[32], c[32], d[32], e[32];
		/* a pool is never negative: "no KV pool: short by 31.1 GB" */
		snprintf(line, sizeof line, "KV %s B/token/GPU; %s%s holds %s tokens = %s sequences of "
		    "%s", fmt_int(ms->kv_bytes_per_token, a, sizeof a),
		    ms->kv_pool_shortfall_bytes > 0 ? "no KV pool: " : "pool ",
		    field_format_kv_pool(&res->stages[ms->stage], b, sizeof b),
		    fmt_int(ms->max_kv_tokens, c, sizeof c), fmt_int(ms->max_concurrent_seqs, d, sizeof d),
		    fmt_int(s->workload.input_len + s->workload.output_len, e, sizeof e));
		grid_put_fit(g, t, r.y + 1 + (p->n < p->rows ? p->n : p->rows) * bh, r.x + 1, r.w - 2,
		    ROLE_DIM, line);
	}
	for (int i = 0; i < p->rows && p->top + i < p->n; i++) {
		const StageGroup *sg = &mp->groups[p->top + i];
		const StageResult *sr = &res->stages[sg->first];
		int y = r.y + 1 + i * bh;
		char label[32], lay[32], inside[64], beside[64], a[32], b[32];
		bool sel = panel_focused(p) && p->top + i == p->sel;

		if (res->n_stages == 1)
			snprintf(label, sizeof label, "all GPUs");
		else if (sg->first == sg->last)
			snprintf(label, sizeof label, "stage %d", sg->first);
		else
			snprintf(label, sizeof label, "st %d-%d", sg->first, sg->last);
		if (sg->first == sg->last)
			snprintf(lay, sizeof lay, "L%d-%d", sr->first_layer,
			    sr->first_layer + sr->n_layers - 1);
		else
			snprintf(lay, sizeof lay, "%dL each", sr->n_layers);
		grid_fill(g, (Rect){ y, r.x, 1, LABEL_W }, ' ', sel ? ROLE_FOCUS : ROLE_LABEL);
		grid_put(g, y, r.x + 1, 8, sel ? ROLE_FOCUS : ROLE_LABEL, label);
		grid_put(g, y, r.x + 10, 8, sel ? ROLE_FOCUS : ROLE_DIM, lay);

		double parts[BAR_PARTS] = { sr->weights_bytes, sr->kv_cache_bytes, sr->activation_bytes,
			sr->reserved_bytes };
		double total = sr->per_gpu_bytes;
		snprintf(inside, sizeof inside, "%s/%s %.0f%%", fmt_bytes(total, a, sizeof a),
		    fmt_bytes(cap, b, sizeof b), 100 * total / cap);
		char *sp = strchr(inside, ' ');
		/* "28.6 GB/85.0 GB" -> "28.6/85.0 GB": one unit reads faster */
		if (sp && strncmp(sp, " GB/", 4) == 0)
			memmove(sp, sp + 3, strlen(sp + 3) + 1);
		if (total > cap) {
			snprintf(beside, sizeof beside, "OVER +%s", fmt_bytes(total - cap, a, sizeof a));
		} else {
			snprintf(beside, sizeof beside, "%.1f/%.1f GiB", total / BYTES_PER_GIB,
			    cap / BYTES_PER_GIB);
		}
		int bw = utf8_width(beside);
		int barw = r.w - LABEL_W - 2 - bw - 2;
		if (barw < 10) {
			barw = r.w - LABEL_W - 2;
			bw = 0;
		}
		for (int k = bh - 1; k >= 0; k--) {
			/* a tall bar: the same bar again below, the figure on the top row */
			if (k > 0)
				grid_fill(g, (Rect){ y + k, r.x, 1, LABEL_W }, ' ', sel ? ROLE_FOCUS : ROLE_LABEL);
			grid_put(g, y + k, r.x + LABEL_W, 1, ROLE_DIM, "[");
			bar_draw(g, t, y + k, r.x + LABEL_W + 1, barw, parts, BAR_PARTS, cap, sr->budget_bytes,
			    k == 0 ? inside : NULL);
			grid_put(g, y + k, r.x + LABEL_W + 1 + barw, 1, ROLE_DIM, "]");
		}
		if (bw)
			grid_put(g, y, r.x + LABEL_W + 1 + barw + 2, bw, total > cap ? ROLE_ERROR : ROLE_DIM,
			    beside);
	}
	panel_scroll_marks(p, app, g);
}

/* The memory figures of one stage, explained, into buf[n]. */
static void
stage_text(App *app, int stage, char *text, size_t cap)
{
	static const char *const paths[] = {
		"memory.per_gpu_bytes", "memory.weights_bytes", "memory.kv_bytes_per_token",
		"memory.kv_cache_bytes", "memory.activation_bytes", "memory.reserved_bytes",
		"memory.kv_pool_bytes", "memory.max_kv_tokens", "memory.max_concurrent_seqs",
	};
	size_t o = 0;
	char buf[4096];

	text[0] = '\0';
	for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
		if (explain_figure(app->s, app->r, paths[i], stage, buf, sizeof buf) != 0)
			continue;
		int k = snprintf(text + o, cap - o, "%s%s\n", o ? "\n" : "", buf);
		if (k < 0 || (size_t)k >= cap - o)
			break;
		o += (size_t)k;
	}
}

static void
explain_stage(App *app, int stage)
{
	char *text = xmalloc(16384), title[64];
	stage_text(app, stage, text, 16384);
	snprintf(title, sizeof title, "memory of stage %d, per GPU", stage);
	app_show_text(app, title, text);
	free(text);
}

static int
memory_key(Widget *w, App *app, int key)
{
	MemoryPanel *mp = (MemoryPanel *)w;
	Panel *p = &mp->p;

	switch (key) {
	case TK_UP: case 'k': return panel_move(p, -1);
	case TK_DOWN: case 'j': return panel_move(p, +1);
	case TK_WHEEL_UP: p->top--; panel_clamp(p); return H_HANDLED | H_REDRAW;
	case TK_WHEEL_DOWN: p->top++; panel_clamp(p); return H_HANDLED | H_REDRAW;
	case TK_ENTER: case 'e':
		if (p->n > 0)
			explain_stage(app, mp->groups[p->sel].first);
		return H_HANDLED | H_REDRAW;
	case TK_CLICK: {
		int row = app->mouse_y - (p->base.rect.y + 1);
		int bh = mp->bar_h > 1 ? mp->bar_h : 1;
		int i = row >= 0 ? p->top + row / bh : -1;
		if (i >= 0 && i < p->n) {
			bool again = i == p->sel;
			p->sel = i;
			if (again)
				explain_stage(app, mp->groups[i].first);
		}
		return H_HANDLED | H_REDRAW;
	}
	default:
		return H_NONE;
	}
}

static const WidgetClass memory_class = {
	.name = "memory", .draw = memory_draw, .handle_key = memory_key,
};

/* ---- latency and throughput -------------------------------------------- */

/* The figures: eval's (each with its JSON path, for explanations) and
 * serving's at the target rate (as `shardlab eval` serves the scenario). */
enum {
	F_TTFT, F_TOKS, F_TPOT, F_RPS, F_E2E, F_SEQS, F_PREFILL, F_PER_GPU, F_KV_TOKEN, F_MFU,
	F_PARAMS, F_FLOPS,
	F_SV_TTFT, F_SV_TPOT, F_SV_MAX, F_SV_QUEUE,
	N_ITEMS
};

/* The figures by field-table path (core/fields.h: label, explanation);
 * serving rows are drawn from the serving report. */
static const char *const figure_paths[N_ITEMS] = {
	[F_TTFT] = "latency.ttft_s", [F_TOKS] = "throughput.tokens_per_s",
	[F_TPOT] = "latency.tpot_s", [F_RPS] = "throughput.requests_per_s",
	[F_E2E] = "latency.e2e_s", [F_SEQS] = "memory.max_concurrent_seqs",
	[F_PREFILL] = "latency.batch_prefill_s", [F_PER_GPU] = "throughput.tokens_per_s_per_gpu",
	[F_KV_TOKEN] = "memory.kv_bytes_per_token", [F_MFU] = "throughput.mfu",
	[F_PARAMS] = "model.params_total", [F_FLOPS] = "model.flops_per_token",
	[F_SV_TTFT] = "serving.at_target.ttft_p99_s", [F_SV_TPOT] = "serving.at_target.tpot_p99_s",
	[F_SV_MAX] = "serving.rate_max_rps", [F_SV_QUEUE] = "serving.at_target.wait_s",
};

/* Item's row of the field table, and the path eval explains it by (NULL:
 * a serving figure). */
static const ResultField *
figure_field(int item)
{
	return field_find(figure_paths[item]);
}

static const char *
figure_path(int item)
{
	const ResultField *f = figure_field(item);
	return f && !(f->flags & FIELD_SERVING) ? f->path : NULL;
}

/* Rows of two, in the order room allows them: eval's essentials, then the
 * SLOs at the target rate (at 80x24 too), then the rest. */
static const int fig_rows[N_FIG_ROWS][2] = {
	{ F_TTFT, F_TOKS }, { F_TPOT, F_RPS }, { F_E2E, F_SEQS }, { F_SV_TTFT, F_SV_TPOT },
	{ F_SV_MAX, F_SV_QUEUE }, { F_PREFILL, F_PER_GPU }, { F_KV_TOKEN, F_MFU },
	{ F_PARAMS, F_FLOPS },
};

/* The figure in slot i (row i / 2, column i % 2). */
static int
slot_item(int i)
{
	return fig_rows[i / 2][i % 2];
}

enum { VERDICT_NONE, VERDICT_OK, VERDICT_FAIL };

/* A latency at the target rate against its SLOs: the one it misses, else
 * p99 (p50 when only that is set), as serving_meets judges them. */
static int
serving_latency(const App *app, bool ttft, const char **label, char *val, size_t vn, char *slo,
    size_t sn)
{
	const ServingReport *sv = app->sv;
	const ServingPoint *p = sv->has_target ? &sv->at_target : &sv->at_max;
	const Slo *o = &app->s->workload.slo;
	double p50 = ttft ? o->ttft_p50_s : o->tpot_p50_s, p99 = ttft ? o->ttft_p99_s : o->tpot_p99_s;
	double v50 = ttft ? p->ttft_p50_s : p->tpot_p50_s, v99 = ttft ? p->ttft_p99_s : p->tpot_p99_s;
	char a[32];
	bool use50 = (p50 > 0 && v50 > p50 && !(p99 > 0 && v99 > p99)) || (p50 > 0 && !(p99 > 0));

	*label = ttft ? (use50 ? "TTFT p50" : "TTFT p99") : (use50 ? "TPOT p50" : "TPOT p99");
	if (!p->stable) {
		snprintf(val, vn, "overload");
		snprintf(slo, sn, "load %.0f%%", p->load * 100);
		return VERDICT_FAIL;
	}
	fmt_seconds(use50 ? v50 : v99, val, vn);
	double bound = use50 ? p50 : p99;
	if (bound <= 0) {
		snprintf(slo, sn, "no SLO");
		return VERDICT_NONE;
	}
	snprintf(slo, sn, "p%d %s", use50 ? 50 : 99, fmt_seconds(bound, a, sizeof a));
	return (use50 ? v50 : v99) > bound ? VERDICT_FAIL : VERDICT_OK;
}

/* The label, value, verdict against its SLO, and the SLO in words. */
static int
figure_text(const App *app, int item, const char **label, char *val, size_t vn, char *slo, size_t sn)
{
	const Scenario *s = app->s;
	const Result *r = app->r;
	const Slo *o = &s->workload.slo;
	char a[32], b[32];
	double v = 0;

	*label = figure_field(item) ? figure_field(item)->label : figure_paths[item];
	slo[0] = '\0';
	if (r->status != EVAL_OK) {
		snprintf(val, vn, "-");
		return VERDICT_NONE;
	}
	if (!figure_path(item)) {
		const ServingReport *sv = app->sv;
		int dp = s->strategy.dp > 0 ? s->strategy.dp : 1;
		if (!app->sv_ok) {
			snprintf(val, vn, "-");
			snprintf(slo, sn, "not served");
			return VERDICT_NONE;
		}
		switch (item) {
		case F_SV_TTFT: return serving_latency(app, true, label, val, vn, slo, sn);
		case F_SV_TPOT: return serving_latency(app, false, label, val, vn, slo, sn);
		case F_SV_MAX:
			snprintf(val, vn, "%.2f", sv->rate_max_rps * dp);
			snprintf(slo, sn, "%s binds", serving_limit_name(sv->limit));
			return VERDICT_NONE;
		default: {
			const ServingPoint *p = sv->has_target ? &sv->at_target : &sv->at_max;
			if (!p->stable)
				snprintf(val, vn, "unbounded");
			else
				fmt_seconds(p->wait_s, val, vn);
			/* above SERVING_HEAVY_LOAD the queueing figures are rough */
			snprintf(slo, sn, "load %.0f%%%s", p->load * 100, p->stable && p->heavy ? " rough" : "");
			return VERDICT_NONE;
		}
		}
	}
	explain_value(r, figure_path(item), &v);
	switch (item) {
	case F_TTFT: case F_TPOT: {
		bool ttft = item == F_TTFT;
		double p50 = ttft ? o->ttft_p50_s : o->tpot_p50_s;
		double p99 = ttft ? o->ttft_p99_s : o->tpot_p99_s;
		fmt_seconds(v, val, vn);
		/* the SLO it misses, else the tightest it meets */
		if (p99 > 0 && v > p99) {
			snprintf(slo, sn, "p99 %s", fmt_seconds(p99, a, sizeof a));
			return VERDICT_FAIL;
		}
		if (p50 > 0 && v > p50) {
			snprintf(slo, sn, "p50 %s", fmt_seconds(p50, a, sizeof a));
			return VERDICT_FAIL;
		}
		if (p50 > 0 || p99 > 0) {
			double bound = p50 > 0 ? p50 : p99;
			snprintf(slo, sn, "p%d %s", p50 > 0 ? 50 : 99, fmt_seconds(bound, a, sizeof a));
			return VERDICT_OK;
		}
		snprintf(slo, sn, "no SLO");
		return VERDICT_NONE;
	}
	case F_TOKS:
		fmt_int(v, val, vn);
		snprintf(slo, sn, "%s/GPU", fmt_int(r->throughput.tokens_per_s_per_gpu, a, sizeof a));
		return VERDICT_NONE;
	case F_RPS:
		snprintf(val, vn, "%.2f", v);
		if (o->rps > 0) {
			snprintf(slo, sn, "target %.2f", o->rps);
			return v >= o->rps ? VERDICT_OK : VERDICT_FAIL;
		}
		snprintf(slo, sn, "no target");
		return VERDICT_NONE;
	case F_SEQS:
		snprintf(val, vn, "%s max", fmt_int(v, a, sizeof a));
		snprintf(slo, sn, "batch %s", fmt_int(s->workload.batch, b, sizeof b));
		return v >= s->workload.batch ? VERDICT_OK : VERDICT_FAIL;
	case F_E2E: case F_PREFILL: fmt_seconds(v, val, vn); return VERDICT_NONE;
	case F_PER_GPU: fmt_rate(v, "tok/s", val, vn); return VERDICT_NONE;
	case F_KV_TOKEN: snprintf(val, vn, "%s B", fmt_int(v, a, sizeof a)); return VERDICT_NONE;
	case F_MFU: snprintf(val, vn, "%.1f%%", v * 100); return VERDICT_NONE;
	case F_PARAMS: case F_FLOPS: fmt_count(v, val, vn); return VERDICT_NONE;
	default: return VERDICT_NONE;
	}
}

/* The serving line of the panel's title: the rate, whether the SLOs hold
 * there, the highest rate within them. */
static void
serving_summary(const App *app, char *buf, size_t n)
{
	const ServingReport *sv = app->sv;
	const Slo *o = &app->s->workload.slo;
	int dp = app->s->strategy.dp > 0 ? app->s->strategy.dp : 1;
	ServingLimit why = SERVING_LIMIT_NONE;

	if (app->r->status != EVAL_OK || !app->sv_ok) {
		snprintf(buf, n, "colour and words: ok meets the SLO, FAIL misses it");
		return;
	}
	if (!sv->has_target) {
		snprintf(buf, n, "no target rate; max %.2f req/s within the SLOs (%s binds)",
		    sv->rate_max_rps * dp, serving_limit_name(sv->limit));
		return;
	}
	if (!sv->at_target.stable) {
		snprintf(buf, n, "at %g req/s: over capacity %.2f req/s (%s)", o->rps,
		    sv->capacity_rps * dp, serving_limit_name(sv->capacity_limit));
		return;
	}
	if (serving_meets(&sv->at_target, o, &why))
		snprintf(buf, n, "at %g req/s: SLOs met; max %.2f req/s (%s binds)", o->rps,
		    sv->rate_max_rps * dp, serving_limit_name(sv->limit));
	else
		snprintf(buf, n, "at %g req/s: misses the %s; max %.2f req/s", o->rps,
		    serving_limit_name(why), sv->rate_max_rps * dp);
}

/* Serving at the target rate explained (Enter on its figures). */
static void
serving_text(const App *app, char *buf, size_t n)
{
	const ServingReport *sv = app->sv;
	const Slo *o = &app->s->workload.slo;
	const ServingPoint *p = sv->has_target ? &sv->at_target : &sv->at_max;
	int dp = app->s->strategy.dp > 0 ? app->s->strategy.dp : 1;
	char a[32], b[32], c[32], d[32], e[32];

	if (app->r->status != EVAL_OK) {
		snprintf(buf, n, "the layout is invalid: see the checks");
		return;
	}
	if (!app->sv_ok) {
		snprintf(buf, n, "not served: the layout does not fit at batch 1 (see the memory bars)");
		return;
	}
	snprintf(buf, n, "serving %s\n\n"
	    "%s %.2f req/s over %d replica%s (%.2f each): load %.0f%% of capacity%s, %.1f sequences "
	    "running, step %s, queue wait %s\n"
	    "TTFT p50 %s p99 %s; TPOT p50 %s p99 %s\n"
	    "SLOs: TTFT p50 %s p99 %s, TPOT p50 %s p99 %s: %s\n"
	    "highest rate within the SLOs %.2f req/s (%s binds); capacity %.2f req/s (%s)\n\n"
	    "The verdict (top right) is FEASIBLE only when every check passes and the SLOs hold at "
	    "the target rate, as `shardlab eval` exits 0.",
	    serving_model_text, sv->has_target ? "at the target" : "at the highest rate,",
	    sv->has_target ? o->rps : sv->rate_max_rps * dp, dp, dp == 1 ? "" : "s", p->rate_rps,
	    p->load * 100, p->heavy ? " (rough above 80%)" : "", p->batch_mean,
	    fmt_seconds(p->step_s, a, sizeof a), fmt_seconds(p->wait_s, b, sizeof b),
	    fmt_seconds(p->ttft_p50_s, a, sizeof a), fmt_seconds(p->ttft_p99_s, b, sizeof b),
	    fmt_seconds(p->tpot_p50_s, c, sizeof c), fmt_seconds(p->tpot_p99_s, d, sizeof d),
	    o->ttft_p50_s > 0 ? fmt_seconds(o->ttft_p50_s, e, sizeof e) : "-",
	    o->ttft_p99_s > 0 ? fmt_seconds(o->ttft_p99_s, a, sizeof a) : "-",
	    o->tpot_p50_s > 0 ? fmt_seconds(o->tpot_p50_s, b, sizeof b) : "-",
	    o->tpot_p99_s > 0 ? fmt_seconds(o->tpot_p99_s, c, sizeof c) : "-",
	    app_meets_slos(app) ? "met" : "MISSED", sv->rate_max_rps * dp,
	    serving_limit_name(sv->limit), sv->capacity_rps * dp,
	    serving_limit_name(sv->capacity_limit));
}

static void
figures_draw(Widget *w, App *app, Grid *g)
{
	FiguresPanel *fp = (FiguresPanel *)w;
	Panel *p = &fp->p;
	Rect r = w->rect;
	int rows = r.h - 1;
	int cw = r.w / 2;
	char head[160];

	if (rows > N_FIG_ROWS)
		rows = N_FIG_ROWS;
	p->n = rows * 2;
	p->rows = rows;
	if (p->sel >= p->n)
		p->sel = p->n - 1;
	serving_summary(app, head, sizeof head);
	panel_title(p, app, g, head);
	for (int i = 0; i < p->n; i++) {
		int y = r.y + 1 + i / 2, x = r.x + (i % 2) * cw, wdt = i % 2 ? r.w - cw : cw - 1;
		char val[48], slo[64];
		const char *label;
		bool sel = panel_focused(p) && i == p->sel;
		int verdict = figure_text(app, slot_item(i), &label, val, sizeof val, slo, sizeof slo);

		fp->pos[i] = (FigurePos){ y, x, wdt };
		grid_fill(g, (Rect){ y, x, 1, 10 }, ' ', sel ? ROLE_FOCUS : ROLE_LABEL);
		grid_put(g, y, x + 1, 9, sel ? ROLE_FOCUS : ROLE_LABEL, label);
		grid_putf(g, y, x + 10, 11, ROLE_VALUE, "%10s", val);
		int vx = x + 21;
		if (verdict == VERDICT_OK)
			grid_put(g, y, vx + 1, 4, ROLE_OK, "ok");
		else if (verdict == VERDICT_FAIL)
			grid_put(g, y, vx, 4, ROLE_ERROR, "FAIL");
		vx += 5;
		if (x + wdt - vx > 0)
			grid_put_fit(g, &app->theme, y, vx, x + wdt - vx, ROLE_DIM, slo);
	}
}

/* The explanation of slot i's figure into buf[n]. */
static void
figure_explain(App *app, int i, char *buf, size_t n)
{
	int item = slot_item(i);
	if (!figure_path(item)) {
		serving_text(app, buf, n);
		return;
	}
	if (explain_figure(app->s, app->r, figure_path(item), -1, buf, n) != 0 &&
	    app->r->status != EVAL_OK)
		snprintf(buf, n, "the layout is invalid: see the checks");
}

static void
explain_figure_popup(App *app, int i)
{
	char buf[4096];
	int item = slot_item(i);
	if (!figure_path(item)) {
		serving_text(app, buf, sizeof buf);
		app_show_text(app, "serving at the target rate", buf);
		return;
	}
	if (explain_figure(app->s, app->r, figure_path(item), -1, buf, sizeof buf) != 0) {
		app_msg(app, ROLE_WARN, "%s", buf);
		return;
	}
	app_show_text(app, figure_path(item), buf);
}

static int
figures_key(Widget *w, App *app, int key)
{
	FiguresPanel *fp = (FiguresPanel *)w;
	Panel *p = &fp->p;

	switch (key) {
	case TK_UP: case 'k':
		if (p->sel < 2)
			return move_focus(p->ms, panel_up[P_FIGURES], -1);
		p->sel -= 2;
		return H_HANDLED | H_REDRAW;
	case TK_DOWN: case 'j':
		if (p->sel + 2 >= p->n)
			return move_focus(p->ms, panel_down[P_FIGURES], +1);
		p->sel += 2;
		return H_HANDLED | H_REDRAW;
	case TK_LEFT: case 'h':
		p->sel -= p->sel % 2;
		return H_HANDLED | H_REDRAW;
	case TK_RIGHT: case 'l':
		p->sel |= 1;
		if (p->sel >= p->n)
			p->sel = p->n - 1;
		return H_HANDLED | H_REDRAW;
	case TK_ENTER: case 'e':
		explain_figure_popup(app, p->sel);
		return H_HANDLED | H_REDRAW;
	case TK_CLICK:
		for (int i = 0; i < p->n; i++) {
			const FigurePos *fpos = &fp->pos[i];
			if (app->mouse_y == fpos->y && app->mouse_x >= fpos->x &&
			    app->mouse_x < fpos->x + fpos->w) {
				bool again = p->sel == i;
				p->sel = i;
				if (again)
					explain_figure_popup(app, i);
			}
		}
		return H_HANDLED | H_REDRAW;
	default:
		return H_NONE;
	}
}

static const WidgetClass figures_class = {
	.name = "figures", .draw = figures_draw, .handle_key = figures_key,
};

/* ---- checks ---------------------------------------------------------- */

static int
collect_checks(const App *app, CheckRow *rows)
{
	int n = 0;
	for (int sev = SEV_ERROR; sev >= SEV_INFO; sev--) {
		if (sev == SEV_ERROR && app->lua_error)
			rows[n++] = (CheckRow){ SEV_ERROR, -1, -1 };
		for (int i = 0; i < app->r->n_checks; i++)
			if ((int)app->r->checks[i].severity == sev)
				rows[n++] = (CheckRow){ (Severity)sev, i, -1 };
		for (int i = 0; i < app->n_extra && n < MAX_CHECKS + 63; i++)
			if ((int)app->extra[i].severity == sev)
				rows[n++] = (CheckRow){ (Severity)sev, -1, i };
	}
	return n;
}

static void
check_row_text(const App *app, const CheckRow *cr, const char **id, char *msg, size_t n)
{
	if (cr->builtin >= 0) {
		const Check *c = &app->r->checks[cr->builtin];
		*id = check_id_name(c->id);
		check_format(app->s, app->r, c, msg, n);
	} else if (cr->extra >= 0) {
		*id = app->extra[cr->extra].id;
		snprintf(msg, n, "%s", app->extra[cr->extra].message);
	} else {
		*id = "lua";
		snprintf(msg, n, "%s", app->lua_error ? app->lua_error : "");
	}
}

/* Rows a message takes wrapped at width w. */
static int
wrapped_rows(const char *msg, int w)
{
	int len = utf8_width(msg);
	return w > 0 && len > w ? (len + w - 1) / w : 1;
}

/* The id column's width and the rows the messages take wrapped in a
 * panel w columns wide. */
static int
checks_layout(const App *app, const CheckRow *rows, int n, int w, int *id_w_out)
{
	char msg[1024];
	const char *id;
	int id_w = 4, need = 0;

	for (int i = 0; i < n; i++) {
		check_row_text(app, &rows[i], &id, msg, sizeof msg);
		int l = utf8_width(id);
		id_w = l > id_w ? l : id_w;
	}
	if (id_w > 24)
		id_w = 24;
	for (int i = 0; i < n; i++) {
		check_row_text(app, &rows[i], &id, msg, sizeof msg);
		need += wrapped_rows(msg, w - 1 - (8 + id_w + 1));
	}
	if (id_w_out)
		*id_w_out = id_w;
	return need;
}

static void
checks_draw(Widget *w, App *app, Grid *g)
{
	ChecksPanel *cp = (ChecksPanel *)w;
	Panel *p = &cp->p;
	Rect r = w->rect;
	int count[3] = { 0, 0, 0 };
	char head[128], msg[1024];
	static const char *const word[] = { "info", "warn", "ERROR" };
	static const Role role[] = { ROLE_INFO, ROLE_WARN, ROLE_ERROR };

	p->n = collect_checks(app, cp->rows);
	p->rows = r.h - 1;
	panel_clamp(p);
	for (int i = 0; i < p->n; i++)
		count[cp->rows[i].sev]++;
	snprintf(head, sizeof head, "%d error%s, %d warning%s, %d info%s%s", count[SEV_ERROR],
	    count[SEV_ERROR] == 1 ? "" : "s", count[SEV_WARN], count[SEV_WARN] == 1 ? "" : "s",
	    count[SEV_INFO], app_has_lua_checks(app) ? "; Lua checks on" : "",
	    panel_focused(p) ? "; Enter: details" : "");
	panel_title(p, app, g, head);
	if (p->n == 0)
		grid_put(g, r.y + 1, r.x + 1, r.w - 2, ROLE_OK, "all checks pass");
	/* the id column as wide as the longest id; the messages wrapped when
	 * every check then still fits */
	int id_w;
	int need = checks_layout(app, cp->rows, p->n, r.w, &id_w);
	int mx = r.x + 8 + id_w + 1, mw = r.x + r.w - 1 - mx;
	bool wrap = p->top == 0 && need <= p->rows;
	int y = r.y + 1;
	for (int i = p->top; i < p->n && y < r.y + r.h; i++) {
		const CheckRow *cr = &cp->rows[i];
		const char *id;
		bool sel = panel_focused(p) && i == p->sel;

		check_row_text(app, cr, &id, msg, sizeof msg);
		grid_fill(g, (Rect){ y, r.x, 1, 7 }, ' ', sel ? ROLE_FOCUS : role[cr->sev]);
		grid_put(g, y, r.x + 1, 5, sel ? ROLE_FOCUS : role[cr->sev], word[cr->sev]);
		grid_put_fit(g, &app->theme, y, r.x + 8, id_w, ROLE_DIM, id);
		if (!wrap) {
			grid_put_fit(g, &app->theme, y++, mx, mw, ROLE_DEFAULT, msg);
			continue;
		}
		/* word-wrapped under the message column */
		const char *m = msg;
		while (*m && y < r.y + r.h) {
			int len = utf8_width(m);
			if (len <= mw) {
				grid_put(g, y++, mx, mw, ROLE_DEFAULT, m);
				break;
			}
			int cut = mw;
			const char *p2 = m;
			int col = 0, last_space = -1;
			const char *last_space_p = NULL;
			while (*p2 && col < mw) {
				uint32_t cp2;
				if (*p2 == ' ') {
					last_space = col;
					last_space_p = p2;
				}
				p2 += utf8_decode(p2, &cp2);
				col++;
			}
			if (last_space > mw / 2) {
				cut = last_space;
				p2 = last_space_p + 1;
			}
			grid_put(g, y++, mx, cut, ROLE_DEFAULT, m);
			m = p2;
		}
	}
	p->rows = wrap ? p->n : p->rows;
	panel_scroll_marks(p, app, g);
}

static void
check_popup(App *app, const CheckRow *cr)
{
	const char *id;
	char msg[1024], text[2048], title[128];
	static const char *const word[] = { "info", "warning", "error" };

	check_row_text(app, cr, &id, msg, sizeof msg);
	snprintf(title, sizeof title, "%s: %s", word[cr->sev], id);
	snprintf(text, sizeof text, "%s\n\n%s", msg, cr->builtin >= 0 ? "built-in check (see "
	    "shardlab(1), CHECKS)" : "a Lua check (:check FILE adds them, :uncheck removes them)");
	app_show_text(app, title, text);
}

static int
checks_key(Widget *w, App *app, int key)
{
	ChecksPanel *cp = (ChecksPanel *)w;
	Panel *p = &cp->p;

	switch (key) {
	case TK_UP: case 'k': return panel_move(p, -1);
	case TK_DOWN: case 'j':
		return panel_move(p, +1);
	case TK_WHEEL_UP:
	case TK_WHEEL_DOWN:
		/* scroll the list; the selection follows into view */
		p->top += key == TK_WHEEL_UP ? -1 : 1;
		if (p->top < 0)
			p->top = 0;
		if (p->sel < p->top)
			p->sel = p->top;
		if (p->sel >= p->top + p->rows)
			p->sel = p->top + p->rows - 1;
		panel_clamp(p);
		return H_HANDLED | H_REDRAW;
	case TK_ENTER: case 'e':
		if (p->n > 0)
			check_popup(app, &cp->rows[p->sel]);
		return H_HANDLED | H_REDRAW;
	case TK_CLICK: {
		int i = panel_hit(p, app);
		if (i >= 0) {
			bool again = i == p->sel;
			p->sel = i;
			if (again)
				check_popup(app, &cp->rows[i]);
		}
		return H_HANDLED | H_REDRAW;
	}
	default:
		return H_NONE;
	}
}

static const WidgetClass checks_class = {
	.name = "checks", .draw = checks_draw, .handle_key = checks_key,
};

/* ---- details: the selected item explained, on tall terminals ---------- */

static size_t
slider_detail(App *app, ParamId id, char *buf, size_t n)
{
	const ParamDef *d = param_def(id);
	double v = param_get(app->s, id), opts[64];
	char why[512];
	size_t o = (size_t)snprintf(buf, n, "%s: %s (%s, %.10g..%.10g); now %.10g.\n", d->name, d->help,
	    *d->unit ? d->unit : "count", d->min, d->max, v);
	int k = app_param_options(app, id, opts, 64);
	if (k > 0 && o < n) {
		o += (size_t)snprintf(buf + o, n - o, "Valid with the rest of the layout:");
		for (int i = 0; i < k && o < n; i++)
			o += (size_t)snprintf(buf + o, n - o, " %g", opts[i]);
		if (o < n)
			o += (size_t)snprintf(buf + o, n - o, ".\n");
		double up = id == PARAM_TP || id == PARAM_EP ? opts[k - 1] * 2 : opts[k - 1] + 1;
		if (o < n && app_param_invalid(app, id, up, why, sizeof why))
			o += (size_t)snprintf(buf + o, n - o, "%g is not: %s\n", up, why);
	}
	if (o < n && v >= 1 && app_param_invalid(app, id, v, why, sizeof why))
		o += (size_t)snprintf(buf + o, n - o, "%g now: %s\n", v, why);
	return o;
}

static void
field_detail(App *app, const Field *f, char *buf, size_t n)
{
	const Scenario *s = app->s;
	const Gpu *gpu = &s->cluster.gpu;
	char a[32], b[32], c[32];

	if (f->param >= 0) {
		slider_detail(app, (ParamId)f->param, buf, n);
		return;
	}
	if (strcmp(f->key, "model") == 0) {
		const Model *m = &s->model;
		snprintf(buf, n, "%s (%s): %d layers, hidden %d, %d heads / %d KV heads of %d, "
		    "intermediate %d, vocab %d, context %d%s%s.\nEnter lists the catalog's models; "
		    ":model PATH reads a Hugging Face config.json.", m->name, m->arch, m->n_layers,
		    m->hidden, m->n_heads, m->n_kv_heads, m->head_dim, m->intermediate, m->vocab,
		    m->max_position, model_is_moe(m) ? "; MoE" : "", model_is_mla(m) ? ", MLA" : "");
	} else if (strcmp(f->key, "cluster") == 0) {
		snprintf(buf, n, "%s: %d node%s x %d %s (%s = %s exposed; HBM %s/s; %s %.0f TFLOP/s), "
		    "%s inside a node, %s between nodes.", s->cluster.name, s->cluster.nodes,
		    s->cluster.nodes == 1 ? "" : "s", s->cluster.gpus_per_node, gpu->name,
		    fmt_bytes(gpu->memory_bytes, a, sizeof a), fmt_gib(gpu->memory_bytes, b, sizeof b),
		    fmt_bytes(gpu->hbm_bytes_per_s, c, sizeof c), dtype_name(eval_compute_dtype(s)),
		    eval_peak_flops(s) / 1e12,
		    s->cluster.intra.name, s->cluster.inter.name);
	} else if (strcmp(f->key, "runtime") == 0) {
		const Runtime *rt = &s->runtime;
		snprintf(buf, n, "%s: memory fraction %.2f (%s), CUDA context %s, CUDA graphs %s, "
		    "communication buffers %s, KV blocks of %d tokens, max_num_batched_tokens %d, "
		    "max_num_seqs %d.", rt->name, rt->mem_fraction, rt->mode == MEM_MODE_STATIC ?
		    "weights + KV pool" : rt->mode == MEM_MODE_FREE ? "of the memory left free" :
		    "of all memory", fmt_bytes(rt->cuda_context_bytes, a, sizeof a),
		    fmt_bytes(rt->cuda_graph_bytes, b, sizeof b),
		    fmt_bytes(rt->comm_buffer_bytes, c, sizeof c),
		    rt->kv_block_tokens, rt->max_num_batched_tokens, rt->max_num_seqs);
	} else if (strcmp(f->key, "dtype") == 0 || strcmp(f->key, "kv_dtype") == 0) {
		Dtype d = strcmp(f->key, "dtype") == 0 ? s->strategy.weight_dtype : s->strategy.kv_dtype;
		bool w = strcmp(f->key, "dtype") == 0;
		snprintf(buf, n, "%s %s: %g bytes per element%s; compute in %s.", w ? "weights" :
		    "KV cache", dtype_name(d), w ? dtype_weight_bytes(d) : dtype_bytes(d),
		    dtype_info(d)->group_size ? " with group scales" : "",
		    dtype_name(eval_compute_dtype(s)));
	} else {
		snprintf(buf, n, "%s%s%s.  Enter lists the scenario presets; :load FILE opens a .lua or "
		    ".json scenario, :save FILE writes one.", app->label, app->file ? ", from " : "",
		    app->file ? app->file : " (a catalog preset)");
	}
}

static void
detail_text(MainScreen *ms, App *app, char *buf, size_t n)
{
	Panel *p = ms->panels[ms->focus];
	buf[0] = '\0';
	switch (ms->focus) {
	case P_SCENARIO:
		field_detail(app, ((ScenarioPanel *)p)->fields[p->sel], buf, n);
		break;
	case P_STRATEGY:
		slider_detail(app, ((StrategyPanel *)p)->sliders[p->sel]->id, buf, n);
		break;
	case P_MEMORY:
		if (p->n > 0 && app->r->status == EVAL_OK)
			stage_text(app, ((MemoryPanel *)p)->groups[p->sel].first, buf, n);
		break;
	case P_FIGURES:
		figure_explain(app, p->sel, buf, n);
		break;
	case P_CHECKS: {
		ChecksPanel *cp = (ChecksPanel *)p;
		const char *id;
		if (p->n > 0) {
			char msg[2048];
			check_row_text(app, &cp->rows[p->sel], &id, msg, sizeof msg);
			snprintf(buf, n, "%s: %s", id, msg);
		}
		break;
	}
	}
}

static void
draw_detail(MainScreen *ms, App *app, Grid *g, Rect r)
{
	grid_put(g, r.y, r.x, r.w, ROLE_TITLE, " Details ");
	grid_put(g, r.y, r.x + 10, r.w - 10, ROLE_DIM,
	    "the selected item explained (Enter: in a popup)");
	detail_text(ms, app, ms->detail_text, sizeof ms->detail_text);
	textview_borrow(ms->detail, ms->detail_text, strlen(ms->detail_text));
	ms->detail->lines_text = NULL;  /* the buffer is reused: lay out again */
	ms->detail->top = 0;
	widget_resize(&ms->detail->base, (Rect){ r.y + 1, r.x + 1, r.h - 1, r.w - 2 });
	widget_draw(&ms->detail->base, app, g);
}

/* ---- the screen ------------------------------------------------------ */

static Screen *
main_create(App *app)
{
	MainScreen *ms = xcalloc(1, sizeof *ms);
	ScenarioPanel *sp = xcalloc(1, sizeof *sp);
	StrategyPanel *st = xcalloc(1, sizeof *st);
	MemoryPanel *mp = xcalloc(1, sizeof *mp);
	FiguresPanel *fp = xcalloc(1, sizeof *fp);
	ChecksPanel *cp = xcalloc(1, sizeof *cp);
	(void)app;

	ms->base.cls = &screen_main;
	sp->p = (Panel){ .base.cls = &scenario_class, .title = "Scenario", .ms = ms, .n = N_FIELDS };
	st->p = (Panel){ .base.cls = &strategy_class, .title = "Strategy", .ms = ms, .n = N_SLIDERS };
	mp->p = (Panel){ .base.cls = &memory_class, .title = "Memory per GPU", .ms = ms };
	fp->p = (Panel){ .base.cls = &figures_class, .title = "Latency and throughput", .ms = ms };
	cp->p = (Panel){ .base.cls = &checks_class, .title = "Checks", .ms = ms };
	int i = 0;
	sp->fields[i++] = field_pick_new("preset", "preset");
	sp->fields[i++] = field_pick_new("model", "model");
	sp->fields[i++] = field_pick_new("cluster", "cluster");
	sp->fields[i++] = field_pick_new("runtime", "runtime");
	sp->fields[i++] = field_number_new("mem frac", PARAM_MEM_UTIL);
	sp->fields[i++] = field_pick_new("weights", "dtype");
	sp->fields[i++] = field_pick_new("KV cache", "kv_dtype");
	sp->fields[i++] = field_number_new("TTFT p50", PARAM_TTFT_P50);
	sp->fields[i++] = field_number_new("TTFT p99", PARAM_TTFT_P99);
	sp->fields[i++] = field_number_new("TPOT p50", PARAM_TPOT_P50);
	sp->fields[i++] = field_number_new("TPOT p99", PARAM_TPOT_P99);
	sp->fields[i++] = field_number_new("rate SLO", PARAM_RPS);
	i = 0;
	st->sliders[i++] = slider_new(PARAM_TP, "TP");
	st->sliders[i++] = slider_new(PARAM_PP, "PP");
	st->sliders[i++] = slider_new(PARAM_DP, "DP");
	st->sliders[i++] = slider_new(PARAM_EP, "EP");
	st->sliders[i++] = slider_new(PARAM_MICRO_BATCHES, "ubatch");
	st->sliders[i++] = slider_new(PARAM_BATCH, "batch");
	st->sliders[i++] = slider_new(PARAM_INPUT_LEN, "input");
	st->sliders[i++] = slider_new(PARAM_OUTPUT_LEN, "output");
	ms->panels[P_SCENARIO] = &sp->p;
	ms->panels[P_STRATEGY] = &st->p;
	ms->panels[P_MEMORY] = &mp->p;
	ms->panels[P_FIGURES] = &fp->p;
	ms->panels[P_CHECKS] = &cp->p;
	ms->focus = P_STRATEGY;
	ms->detail = textview_new("", "", TV_WRAP, false);
	return &ms->base;
}

static void
main_destroy(Screen *s)
{
	MainScreen *ms = (MainScreen *)s;
	ScenarioPanel *sp = (ScenarioPanel *)ms->panels[P_SCENARIO];
	StrategyPanel *st = (StrategyPanel *)ms->panels[P_STRATEGY];
	for (int i = 0; i < N_FIELDS; i++)
		free(sp->fields[i]);
	for (int i = 0; i < N_SLIDERS; i++)
		free(st->sliders[i]);
	for (int i = 0; i < P_COUNT; i++)
		free(ms->panels[i]);
	widget_destroy(&ms->detail->base);
	free(ms);
}

static void
main_draw(Screen *s, App *app, Grid *g, Rect r)
{
	MainScreen *ms = (MainScreen *)s;
	CheckRow rows[MAX_CHECKS + 64];
	/* what each block wants, then the spare rows go to the scenario
	 * fields, more figures and the checks, in that order */
	int top_h = 9, fig_h = 5, mem_h = memory_rows_wanted(app);
	int n_checks = collect_checks(app, rows);
	/* the title and a row ("all checks pass") at least */
	int checks_want = 1 + checks_layout(app, rows, n_checks, r.w, NULL);
	if (checks_want < 2)
		checks_want = 2;
	int spare = r.h - top_h - fig_h - mem_h - checks_want;
	if (spare < 0) {
		/* short: the memory panel scrolls, the checks keep two rows */
		int cut = -spare;
		int mem_min = app->r->status == EVAL_OK ? 2 : 3;
		int m = mem_h - cut < mem_min ? mem_h - mem_min : cut;
		mem_h -= m;
		cut -= m;
		checks_want -= cut;
		if (checks_want < 2)
			checks_want = 2;
	} else {
		int grow = spare < 1 + N_FIELDS - top_h ? spare : 1 + N_FIELDS - top_h;
		top_h += grow;
		spare -= grow;
		grow = spare < 1 + N_FIG_ROWS - fig_h ? spare : 1 + N_FIG_ROWS - fig_h;
		fig_h += grow;
		spare -= grow;
	}
	/* still room: bars two rows tall, to read from across the room */
	MemoryPanel *mp = (MemoryPanel *)ms->panels[P_MEMORY];
	int bars = mem_h - 2;
	mp->bar_h = 1;
	if (spare > 0 && app->r->status == EVAL_OK && bars > 0 && spare >= bars) {
		mp->bar_h = 2;
		mem_h += bars;
		spare -= bars;
	}
	/* what is left explains the selected item, when it is worth it */
	int detail_h = spare >= 6 ? spare : 0;
	int checks_h = r.h - top_h - fig_h - mem_h - detail_h;
	int lw = r.w / 2;
	int y = r.y;

	widget_resize(&ms->panels[P_SCENARIO]->base, (Rect){ y, r.x, top_h, lw });
	widget_resize(&ms->panels[P_STRATEGY]->base, (Rect){ y, r.x + lw, top_h, r.w - lw });
	y += top_h;
	widget_resize(&ms->panels[P_MEMORY]->base, (Rect){ y, r.x, mem_h, r.w });
	y += mem_h;
	widget_resize(&ms->panels[P_FIGURES]->base, (Rect){ y, r.x, fig_h, r.w });
	y += fig_h;
	widget_resize(&ms->panels[P_CHECKS]->base, (Rect){ y, r.x, checks_h, r.w });
	for (int i = 0; i < P_COUNT; i++)
		widget_draw(&ms->panels[i]->base, app, g);
	if (detail_h)
		draw_detail(ms, app, g, (Rect){ y + checks_h, r.x, detail_h, r.w });
}

static int
main_key(Screen *s, App *app, int key)
{
	MainScreen *ms = (MainScreen *)s;
	Panel *p = ms->panels[ms->focus];

	/* a number being typed keeps every key */
	if (ms->focus == P_SCENARIO || ms->focus == P_STRATEGY) {
		bool editing = ms->focus == P_SCENARIO ?
		    ((ScenarioPanel *)p)->fields[p->sel]->edit.on :
		    ((StrategyPanel *)p)->sliders[p->sel]->edit.on;
		if (editing)
			return widget_key(&p->base, app, key);
	}
	switch (key) {
	case TK_TAB:
		return move_focus(ms, ms->focus + 1, 0);
	case TK_BTAB:
		return move_focus(ms, ms->focus - 1, 0);
	case TK_CLICK: case TK_WHEEL_UP: case TK_WHEEL_DOWN:
		for (int i = 0; i < P_COUNT; i++) {
			if (rect_contains(ms->panels[i]->base.rect, app->mouse_y, app->mouse_x)) {
				if (key == TK_CLICK)
					ms->focus = i;
				return widget_key(&ms->panels[i]->base, app, key) | H_HANDLED | H_REDRAW;
			}
		}
		return H_NONE;
	default:
		return widget_key(&p->base, app, key);
	}
}

const ScreenClass screen_main = {
	.name = "main",
	.tab = "Main",
	.key = 'm',
	.help = "scenario, strategy sliders, memory bars, latency and throughput, checks",
	.create = main_create,
	.destroy = main_destroy,
	.draw = main_draw,
	.handle_key = main_key,
};
