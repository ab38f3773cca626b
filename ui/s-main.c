/* s-main.c: the main screen: scenario fields and strategy sliders on top,
 * a memory bar per pipeline stage, latency and throughput against the
 * SLOs, and the checks.  Five panels; Tab moves between them, arrows move
 * within (and on past the ends), Enter explains a figure. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "s-main.h"
#include "core/explain.h"
#include "core/units.h"
#include "util/xmalloc.h"

/* ---- shared panel behaviour ------------------------------------------ */

void
panel_title(Panel *p, const Session *ss, Grid *g, const char *extra)
{
	Rect r = p->base.rect;
	bool focus = p->ms->panels[p->ms->focus] == p;
	char t[64];
	/* the focused panel's title in brackets as well as in its colour:
	 * focus reads in monochrome and on a washed-out projector */
	snprintf(t, sizeof t, focus ? "[%s]" : " %s ", p->title);
	int w = grid_put(g, r.y, r.x, r.w, focus ? ROLE_TAB_ACTIVE : ROLE_TITLE, t);
	if (extra && w + 1 < r.w)
		grid_put_fit(g, ss->theme, r.y, r.x + w + 1, r.w - w - 1, ROLE_DIM, extra);
}

/* Keep sel in [0, n) and in view. */
void
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

void
panel_scroll_marks(Panel *p, const Session *ss, Grid *g)
{
	Rect r = p->base.rect;
	/* in the panel's last column, which rows leave free */
	if (p->top > 0)
		grid_put(g, r.y, r.x + r.w - 1, 1, ROLE_DIM, ss->theme->g.more_up);
	if (p->top + p->rows < p->n)
		grid_put(g, r.y + r.h - 1, r.x + r.w - 1, 1, ROLE_DIM, ss->theme->g.more_down);
}

bool
panel_focused(const Panel *p)
{
	return p->ms->panels[p->ms->focus] == p;
}

int
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
const int panel_up[P_COUNT] = { -1, -1, P_STRATEGY, P_MEMORY, P_FIGURES };
const int panel_down[P_COUNT] = { P_MEMORY, P_MEMORY, P_FIGURES, P_CHECKS, -1 };

/* Up/down in a panel, on past its ends into the panel above or below. */
int
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
int
panel_hit(const Panel *p, const App *app)
{
	int row = app->mouse_y - (p->base.rect.y + 1);
	if (row < 0 || row >= p->rows || p->top + row >= p->n)
		return -1;
	return p->top + row;
}

/* ---- details: the selected item explained, on tall terminals ---------- */

/* From this width the details share their rows with serving and memory. */
#define MAIN_ASIDE_MIN_W 150

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
		    "%s inside an NVLink domain of %d GPUs, %s between.", s->cluster.name, s->cluster.nodes,
		    s->cluster.nodes == 1 ? "" : "s", s->cluster.gpus_per_node, gpu->name,
		    fmt_bytes(gpu->memory_bytes, a, sizeof a), fmt_gib(gpu->memory_bytes, b, sizeof b),
		    fmt_bytes(gpu->hbm_bytes_per_s, c, sizeof c), dtype_name(eval_compute_dtype(s)),
		    eval_peak_flops(s) / 1e12,
		    s->cluster.intra.name, cluster_nvlink_domain(&s->cluster), s->cluster.inter.name);
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
		Dtype x = strategy_expert_dtype(&s->strategy);
		char ex[96] = "";
		if (w && model_is_moe(&s->model) && x != d)
			snprintf(ex, sizeof ex, "; routed experts %s (%g bytes), compute in %s", dtype_name(x),
			    dtype_weight_bytes(x), dtype_name(gemm_compute_dtype(&s->cluster.gpu, x,
			    s->strategy.act_dtype)));
		snprintf(buf, n, "%s %s: %g bytes per element%s; compute in %s%s.", w ? "weights" :
		    "KV cache", dtype_name(d), w ? dtype_weight_bytes(d) : dtype_bytes(d),
		    dtype_info(d)->group_size ? " with group scales" : "",
		    dtype_name(eval_compute_dtype(s)), ex);
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
			check_row_text(app_session(app), &cp->rows[p->sel], &id, msg, sizeof msg);
			snprintf(buf, n, "%s: %s", id, msg);
		}
		break;
	}
	}
}

/* Wide terminals: serving at the target rate and the fullest stage's
 * memory explained, beside the details (no large blank area at 200x60). */
static void
draw_aside(MainScreen *ms, App *app, Grid *g, Rect r)
{
	size_t o;
	grid_put(g, r.y, r.x, r.w, ROLE_TITLE, " Serving and memory ");
	grid_put(g, r.y, r.x + 21, r.w - 21, ROLE_DIM, "at the target rate; the fullest stage");
	serving_text(app_session(app), ms->aside_text, sizeof ms->aside_text);
	o = strlen(ms->aside_text);
	if (app->r->status == EVAL_OK && o + 2 < sizeof ms->aside_text) {
		snprintf(ms->aside_text + o, sizeof ms->aside_text - o, "\n\n");
		o += 2;
		stage_text(app, app->r->memory.stage, ms->aside_text + o, sizeof ms->aside_text - o);
	}
	textview_borrow(ms->aside, ms->aside_text, strlen(ms->aside_text));
	ms->aside->lines_text = NULL;
	ms->aside->top = 0;
	widget_resize(&ms->aside->base, (Rect){ r.y + 1, r.x + 1, r.h - 1, r.w - 2 });
	widget_draw(&ms->aside->base, app_session(app), g);
}

static void
draw_detail(MainScreen *ms, App *app, Grid *g, Rect r)
{
	if (r.w >= MAIN_ASIDE_MIN_W) {
		int lw = r.w / 2;
		draw_aside(ms, app, g, (Rect){ r.y, r.x + lw, r.h, r.w - lw });
		r.w = lw;
	}
	grid_put(g, r.y, r.x, r.w, ROLE_TITLE, " Details ");
	grid_put(g, r.y, r.x + 10, r.w - 10, ROLE_DIM,
	    "the selected item explained (Enter: in a popup)");
	detail_text(ms, app, ms->detail_text, sizeof ms->detail_text);
	textview_borrow(ms->detail, ms->detail_text, strlen(ms->detail_text));
	ms->detail->lines_text = NULL;  /* the buffer is reused: lay out again */
	ms->detail->top = 0;
	widget_resize(&ms->detail->base, (Rect){ r.y + 1, r.x + 1, r.h - 1, r.w - 2 });
	widget_draw(&ms->detail->base, app_session(app), g);
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
	sp->fields[i++] = field_number_new(param_label(PARAM_MEM_UTIL), PARAM_MEM_UTIL);
	sp->fields[i++] = field_pick_new(param_label(PARAM_DTYPE), "dtype");
	sp->fields[i++] = field_pick_new(param_label(PARAM_KV_DTYPE), "kv_dtype");
	sp->fields[i++] = field_number_new(param_label(PARAM_TTFT_P50), PARAM_TTFT_P50);
	sp->fields[i++] = field_number_new(param_label(PARAM_TTFT_P99), PARAM_TTFT_P99);
	sp->fields[i++] = field_number_new(param_label(PARAM_TPOT_P50), PARAM_TPOT_P50);
	sp->fields[i++] = field_number_new(param_label(PARAM_TPOT_P99), PARAM_TPOT_P99);
	sp->fields[i++] = field_number_new(param_label(PARAM_RPS), PARAM_RPS);
	/* disaggregated prefill/decode: x prefill instances (0 = aggregated;
	 * prefill_tp and the rest by :set) */
	sp->fields[i++] = field_number_new(param_label(PARAM_PREFILL_DP), PARAM_PREFILL_DP);
	sp->fields[i++] = field_number_new(param_label(PARAM_SPEC_ACCEPT), PARAM_SPEC_ACCEPT);
	sp->fields[i++] = field_number_new(param_label(PARAM_PREFIX_HIT), PARAM_PREFIX_HIT);

	i = 0;
	st->sliders[i++] = slider_new(PARAM_TP, param_label(PARAM_TP));
	st->sliders[i++] = slider_new(PARAM_PP, param_label(PARAM_PP));
	st->sliders[i++] = slider_new(PARAM_DP, param_label(PARAM_DP));
	st->sliders[i++] = slider_new(PARAM_EP, param_label(PARAM_EP));
	st->sliders[i++] = slider_new(PARAM_MICRO_BATCHES, param_label(PARAM_MICRO_BATCHES));
	st->sliders[i++] = slider_new(PARAM_BATCH, param_label(PARAM_BATCH));
	st->sliders[i++] = slider_new(PARAM_INPUT_LEN, param_label(PARAM_INPUT_LEN));
	st->sliders[i++] = slider_new(PARAM_OUTPUT_LEN, param_label(PARAM_OUTPUT_LEN));
	st->sliders[i++] = slider_new(PARAM_PREFIX_LEN, param_label(PARAM_PREFIX_LEN));
	st->sliders[i++] = slider_new(PARAM_SPEC_TOKENS, param_label(PARAM_SPEC_TOKENS));
	ms->panels[P_SCENARIO] = &sp->p;
	ms->panels[P_STRATEGY] = &st->p;
	ms->panels[P_MEMORY] = &mp->p;
	ms->panels[P_FIGURES] = &fp->p;
	ms->panels[P_CHECKS] = &cp->p;
	ms->focus = P_STRATEGY;
	ms->detail = textview_new("", "", TV_WRAP, false);
	ms->aside = textview_new("", "", TV_WRAP | TV_HEADINGS, false);
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
	widget_destroy(&ms->aside->base);
	free(ms);
}

static void
main_draw(Screen *s, App *app, Grid *g, Rect r)
{
	MainScreen *ms = (MainScreen *)s;
	CheckRow rows[MAX_CHECKS + 64];
	/* what each block wants, then the spare rows go to the scenario
	 * fields, more figures and the checks, in that order */
	/* the scenario fields all show at 80x24: SLO p50/p99 paired (p-scenario.c);
	 * the prefill field (disaggregated) shares the rate SLO's row */
	int top_h = 1 + N_FIELDS - 3, fig_h = 5, mem_h = memory_rows_wanted(app_session(app));
	int n_checks = collect_checks(app_session(app), rows);
	/* the title and a row ("all checks pass") at least */
	int checks_want = 1 + checks_panel_layout(app_session(app), rows, n_checks, r.w, NULL);
	if (checks_want < 2)
		checks_want = 2;
	int spare = r.h - top_h - fig_h - mem_h - checks_want;
	if (spare < 0) {
		/* short (80x24): the KV line goes first, then the checks scroll
		 * (two rows at least), then the memory panel packs its bars into
		 * columns (p-memory.c), so every panel and every stage shows */
		int mem_min = app->r->status == EVAL_OK ? 2 : 3;
		if (app->r->status == EVAL_OK && mem_h > mem_min) {
			mem_h--;
			spare++;
		}
		int cut = spare < 0 ? (-spare < checks_want - 2 ? -spare : checks_want - 2) : 0;
		checks_want -= cut;
		spare += cut;
		if (spare < 0) {
			cut = -spare < mem_h - mem_min ? -spare : mem_h - mem_min;
			mem_h -= cut;
			spare += cut;
		}
		if (spare < 0) {
			/* still short: the scenario fields scroll */
			top_h += spare;
			if (top_h < 5)
				top_h = 5;
			spare = 0;
		}
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
		/* 200x60: three rows, still leaving the details their room */
		if (spare >= bars + 12) {
			mp->bar_h = 3;
			mem_h += bars;
			spare -= bars;
		}
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
		widget_draw(&ms->panels[i]->base, app_session(app), g);
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
	.hints = "Tab\tPanel\nEnter\tWhy",
};
