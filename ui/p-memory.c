/* p-memory.c: the main screen's memory panel: a bar per group of pipeline
 * stages with the same memory, stacked by component against capacity. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "s-main.h"
#include "core/explain.h"
#include "core/fields.h"
#include "core/units.h"
#include "util/xmalloc.h"
#include "w-bar.h"

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
int
memory_rows_wanted(const Session *ss)
{
	StageGroup g[MAX_STAGES];
	if (ss->r->status != EVAL_OK)
		return 3;
	return 1 + group_stages(ss->r, g) + 1;        /* title, bars, the KV line */
}

static void
draw_invalid(const Session *ss, Grid *g, Rect r)
{
	char msg[512];
	int y = r.y;
	grid_put(g, y++, r.x + 1, r.w - 2, ROLE_ERROR, "INVALID LAYOUT");
	for (int i = 0; i < ss->r->n_checks && y < r.y + r.h; i++) {
		const Check *c = &ss->r->checks[i];
		if (c->severity != SEV_ERROR || !check_structural(c->id))
			continue;
		check_format(ss->s, ss->r, c, msg, sizeof msg);
		grid_put_fit(g, ss->theme, y++, r.x + 1, r.w - 2, ROLE_ERROR, msg);
	}
}

/* The bar of stage group sg: weights, the workload's KV, the rest of the
 * pool the runtime preallocates, activations, reserve. */
static void
stage_parts(const StageResult *sr, double *parts)
{
	/* the pool beyond the workload's need: preallocated all the same */
	double pool_rest = sr->kv_pool_bytes > sr->kv_cache_bytes ?
	    sr->kv_pool_bytes - sr->kv_cache_bytes : 0;
	parts[0] = sr->weights_bytes;
	parts[1] = sr->kv_cache_bytes;
	parts[2] = pool_rest;
	parts[3] = sr->activation_bytes;
	parts[4] = sr->reserved_bytes;
}

/* Many stages, few rows: the bars in columns, column by column, each
 * "st 0-3 [bar] 33.7 GB". */
static void
draw_columns(MemoryPanel *mp, const Session *ss, Grid *g)
{
	Panel *p = &mp->p;
	Rect r = p->base.rect;
	double cap = ss->s->cluster.gpu.memory_bytes;
	int cw = r.w / mp->cols;

	for (int i = 0; i < p->n; i++) {
		const StageGroup *sg = &mp->groups[i];
		const StageResult *sr = &ss->r->stages[sg->first];
		int y = r.y + 1 + i % mp->col_rows, x = r.x + (i / mp->col_rows) * cw;
		bool sel = panel_focused(p) && i == p->sel;
		char label[32], beside[32];
		double parts[BAR_PARTS];

		if (sg->first == sg->last)
			snprintf(label, sizeof label, "st %d", sg->first);
		else
			snprintf(label, sizeof label, "st %d-%d", sg->first, sg->last);
		grid_put(g, y, x + 1, 8, sel ? ROLE_FOCUS : ROLE_LABEL, label);
		fmt_bytes(sr->per_gpu_bytes, beside, sizeof beside);
		int bw = utf8_width(beside), barw = cw - 10 - 2 - bw - 1;
		stage_parts(sr, parts);
		grid_put(g, y, x + 10, 1, ROLE_DIM, "[");
		bar_draw(g, ss->theme, y, x + 11, barw, parts, BAR_PARTS, cap, sr->budget_bytes, NULL);
		grid_put(g, y, x + 11 + barw, 1, ROLE_DIM, "]");
		grid_put(g, y, x + 11 + barw + 2, bw, sr->per_gpu_bytes > cap ? ROLE_ERROR : ROLE_DIM,
		    beside);
	}
}

static void
memory_draw(Widget *w, const Session *ss, Grid *g)
{
	MemoryPanel *mp = (MemoryPanel *)w;
	Panel *p = &mp->p;
	Rect r = w->rect;
	const Scenario *s = ss->s;
	const Result *res = ss->r;
	const Theme *t = ss->theme;
	double cap = s->cluster.gpu.memory_bytes;
	char legend[64];

	snprintf(legend, sizeof legend, "%s %.2f", s->runtime.name, s->runtime.mem_fraction);
	p->rows = r.h - 1;
	{
		Rect tr = r;
		bool focus = panel_focused(p);
		/* focused: in brackets too, as panel_title does */
		int tw = grid_put(g, tr.y, tr.x, tr.w, focus ? ROLE_TAB_ACTIVE : ROLE_TITLE,
		    focus ? "[Memory per GPU]" : " Memory per GPU ");
		bar_legend(g, t, tr.y, tr.x + tw + 1, tr.w - tw - 1, legend);
	}
	if (res->status != EVAL_OK) {
		p->n = 0;
		draw_invalid(ss, g, (Rect){ r.y + 1, r.x, r.h - 1, r.w });
		return;
	}
	p->n = group_stages(res, mp->groups);
	int bh = mp->bar_h > 1 && r.h - 2 >= mp->bar_h * p->n ? mp->bar_h : 1;
	bool kv_line = r.h - 1 > p->n * bh;
	p->rows = (r.h - 1 - kv_line) / bh;
	/* more stages than rows: the bars in columns, narrower, so that every
	 * stage shows (80x24 at PP 4 and more) */
	mp->cols = 1;
	if (p->n > p->rows && p->rows > 0) {
		int c = (p->n + p->rows - 1) / p->rows, most = r.w / MEM_COL_MIN_W;
		mp->cols = c < most ? c : most > 1 ? most : 1;
		if (mp->cols > 1)
			p->rows = (p->n + mp->cols - 1) / mp->cols;
	}
	mp->col_rows = p->rows;
	if (mp->cols > 1)
		p->rows = p->n;         /* all in view: no scrolling */
	panel_clamp(p);
	if (kv_line) {
		/* the workload's KV need beside the pool the runtime preallocates,
		 * and what nvidia-smi shows in use (weights + pool + activations +
		 * reserve, in MiB as it prints them); the longest that fits */
		const MemorySummary *ms = &res->memory;
		const StageResult *fs = &res->stages[ms->stage];
		char line[3][400], a[32], b[32], c[32], d[32], e[32], f[32];
		double smi = fs->weights_bytes + fs->kv_pool_bytes + fs->activation_bytes +
		    fs->reserved_bytes;
		fmt_bytes(fs->kv_cache_bytes, a, sizeof a);
		field_format_kv_pool(fs, b, sizeof b);
		fmt_int(ms->max_concurrent_seqs, c, sizeof c);
		fmt_int(s->workload.input_len + s->workload.output_len, d, sizeof d);
		fmt_int(smi / (1024.0 * 1024.0), e, sizeof e);
		fmt_int(ms->kv_bytes_per_token, f, sizeof f);
		const char *pool = ms->kv_pool_shortfall_bytes > 0 ? "no KV pool:" : "KV pool";
		snprintf(line[0], sizeof line[0], "KV need %s for %d x %s tokens; %s %s holds %s "
		    "sequences (%s B/token/GPU); nvidia-smi shows ~%s MiB", a, s->workload.batch, d, pool,
		    b, c, f, e);
		snprintf(line[1], sizeof line[1], "KV need %s; %s %s holds %s sequences of %s; "
		    "nvidia-smi ~%s MiB", a, pool, b, c, d, e);
		snprintf(line[2], sizeof line[2], "KV need %s; %s %s = %s seqs; nvidia-smi ~%s MiB", a,
		    pool, b, c, e);
		int pick = 0;
		while (pick < 2 && utf8_width(line[pick]) > r.w - 2)
			pick++;
		grid_put_fit(g, t, r.y + 1 + (p->n < p->rows ? p->n : p->rows) * bh, r.x + 1, r.w - 2,
		    ROLE_DIM, line[pick]);
	}
	if (mp->cols > 1) {
		draw_columns(mp, ss, g);
		return;
	}
	for (int i = 0; i < p->rows && p->top + i < p->n; i++) {
		const StageGroup *sg = &mp->groups[p->top + i];
		const StageResult *sr = &res->stages[sg->first];
		int y = r.y + 1 + i * bh;
		char label[32], lay[32], inside[96], beside[192], a[32], b[32];
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

		double parts[BAR_PARTS];
		stage_parts(sr, parts);
		double total = sr->per_gpu_bytes;
		/* the label beside the bar, never over its segments: decimal GB
		 * as the datasheet, GiB as nvidia-smi, when there is room */
		snprintf(inside, sizeof inside, "%s/%s %.0f%%", fmt_bytes(total, a, sizeof a),
		    fmt_bytes(cap, b, sizeof b), 100 * total / cap);
		char *sp = strchr(inside, ' ');
		/* "28.6 GB/85.0 GB" -> "28.6/85.0 GB": one unit reads faster */
		if (sp && strncmp(sp, " GB/", 4) == 0)
			memmove(sp, sp + 3, strlen(sp + 3) + 1);
		if (total > cap)
			snprintf(beside, sizeof beside, "%s OVER +%s", inside,
			    fmt_bytes(total - cap, a, sizeof a));
		else if (r.w >= 120)
			snprintf(beside, sizeof beside, "%s  %.1f/%.1f GiB", inside, total / BYTES_PER_GIB,
			    cap / BYTES_PER_GIB);
		else
			snprintf(beside, sizeof beside, "%s", inside);
		int bw = utf8_width(beside);
		int barw = r.w - LABEL_W - 2 - bw - 2;
		if (barw < 10) {
			barw = r.w - LABEL_W - 2;
			bw = 0;
		}
		for (int k = bh - 1; k >= 0; k--) {
			/* a tall bar: the same bar again below */
			if (k > 0)
				grid_fill(g, (Rect){ y + k, r.x, 1, LABEL_W }, ' ', sel ? ROLE_FOCUS : ROLE_LABEL);
			grid_put(g, y + k, r.x + LABEL_W, 1, ROLE_DIM, "[");
			bar_draw(g, t, y + k, r.x + LABEL_W + 1, barw, parts, BAR_PARTS, cap, sr->budget_bytes,
			    NULL);
			grid_put(g, y + k, r.x + LABEL_W + 1 + barw, 1, ROLE_DIM, "]");
		}
		if (bw)
			grid_put(g, y, r.x + LABEL_W + 1 + barw + 2, bw, total > cap ? ROLE_ERROR : ROLE_DIM,
			    beside);
	}
	panel_scroll_marks(p, ss, g);
}

/* The memory figures of one stage, explained, into buf[n]. */
void
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
		if (mp->cols > 1 && row >= 0)
			i = row < mp->col_rows ? (app->mouse_x - p->base.rect.x) /
			    (p->base.rect.w / mp->cols) * mp->col_rows + row : -1;
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

const WidgetClass memory_class = {
	.name = "memory", .draw = memory_draw, .handle_key = memory_key,
};
