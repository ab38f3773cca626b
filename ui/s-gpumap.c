/* s-gpumap.c: the GPU map: every node and GPU with the TP rank, PP stage,
 * DP replica and experts it holds; TP and EP groups that cross nodes are
 * highlighted, because their collectives then run over the slower
 * inter-node fabric.
 *
 * Rank order is vLLM's and Megatron's for inference: TP innermost
 * (consecutive GPUs), then PP, then DP (global rank = dp*(pp*tp) +
 * pp_rank*tp + tp_rank; vllm/distributed/parallel_state.py).  Experts are
 * spread over the TP x DP GPUs of a stage in groups of EP x expert-TP
 * (the core's layout.ep_group check). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "core/disagg.h"
#include "core/explain.h"
#include "core/units.h"
#include "util/xmalloc.h"
#include "w-bar.h"
#include "w-text.h"

/* Rows left under the map from which the selected GPU's memory is explained there. */
#define GPU_EXPLAIN_MIN_ROWS 10

/* A GPU cell with a memory meter may widen to this (200 columns, 8 GPUs). */
#define GPU_CELL_METER_MAX_W 24

typedef struct GpuInfo {
	bool idle;
	bool prefill;           /* disaggregated: a GPU of the prefill pool (tp, pp, dp its
	                           rank, stage and instance there); else of the decode pool */
	int tp, pp, dp;
	int ep, etp;            /* EP rank and expert-TP rank; -1 dense */
	int first_expert, last_expert;
	int redundant;          /* EPLB replica slots beside them (ep_redundant spread evenly) */
	bool tp_cross, ep_cross;
} GpuInfo;

typedef struct GpuMapScreen {
	Screen base;
	int sel;                /* selected GPU */
	int top;                /* first layout row shown */
	/* cell positions of the last draw, for clicks */
	int n_cells;
	struct { int y, x, w, h, gpu; } *cells;
	int cap_cells;
	/* tall terminals: the selected GPU's memory explained in the room left */
	TextView *tv;
	char text[8192];
	int per_line;
} GpuMapScreen;

static void
gpu_info(const App *app, int g, GpuInfo *o)
{
	const Strategy *st = &app->s->strategy;
	const Model *m = &app->s->model;
	int tp = st->tp, pp = st->pp, dp = st->dp;
	const Cluster *cl = &app->s->cluster;
	int used = tp * pp * dp;

	memset(o, 0, sizeof *o);
	o->ep = o->etp = -1;
	/* disaggregated (core/disagg.h): the prefill pool's GPUs follow the
	 * decode pool's when both share the cluster */
	const Disagg *dg = &app->s->disagg;
	int pre = disagg_on(app->s) && !dg->prefill_gpu_set ? disagg_prefill_gpus(app->s) : 0;
	if (g >= used && g < used + pre) {
		int k = g - used, ptp = dg->prefill_tp, ppp = dg->prefill_pp;
		o->prefill = true;
		o->tp = k % ptp;
		o->pp = (k / ptp) % ppp;
		o->dp = k / (ptp * ppp);
		int g0 = used + o->dp * ptp * ppp + o->pp * ptp;
		o->tp_cross = !cluster_same_domain(cl, g0, g0 + ptp - 1);
		return;
	}
	if (g >= used || tp < 1 || pp < 1) {
		o->idle = true;
		return;
	}
	o->tp = g % tp;
	o->pp = (g / tp) % pp;
	o->dp = g / (tp * pp);
	int g0 = o->dp * tp * pp + o->pp * tp;
	/* crossing means leaving the NVLink domain (a node, or an NVL72 rack) */
	o->tp_cross = !cluster_same_domain(cl, g0, g0 + tp - 1);
	if (model_is_moe(m) && app->r->etp > 0 && st->ep > 0) {
		int etp = app->r->etp, ep = st->ep;
		int idx = o->dp * tp + o->tp;           /* index among the stage's TP x DP GPUs */
		int group = ep * etp;
		o->ep = (idx / etp) % ep;
		o->etp = idx % etp;
		/* the routed experts spread as evenly as EP allows, the
		 * redundant slots filling each GPU to (experts + ep_redundant) /
		 * EP (SGLang --ep-num-redundant-experts: 256 + 32 over EP 72 is 4
		 * slots per GPU; EPLB picks the replicas from measured load) */
		int e = m->n_experts, slots = (e + strategy_redundant(st)) / ep;
		o->first_expert = (int)((long)o->ep * e / ep);
		o->last_expert = (int)((long)(o->ep + 1) * e / ep) - 1;
		o->redundant = slots - (o->last_expert - o->first_expert + 1);
		if (o->redundant < 0)
			o->redundant = 0;
		int i0 = idx / group * group;
		for (int k = i0; k < i0 + group && k < tp * dp; k++) {
			int gk = (k / tp) * tp * pp + o->pp * tp + k % tp;
			if (!cluster_same_domain(cl, gk, g))
				o->ep_cross = true;
		}
	}
}

static Screen *
gpumap_create(App *app)
{
	GpuMapScreen *s = xcalloc(1, sizeof *s);
	(void)app;
	s->base.cls = &screen_gpumap;
	s->tv = textview_new("", "", TV_WRAP, false);
	return &s->base;
}

static void
gpumap_destroy(Screen *base)
{
	GpuMapScreen *s = (GpuMapScreen *)base;
	free(s->cells);
	widget_destroy(&s->tv->base);
	free(s);
}

static void
add_cell(GpuMapScreen *s, int y, int x, int w, int h, int gpu)
{
	if (s->n_cells == s->cap_cells) {
		s->cap_cells = s->cap_cells ? s->cap_cells * 2 : 64;
		s->cells = xrealloc(s->cells, (size_t)s->cap_cells * sizeof *s->cells);
	}
	s->cells[s->n_cells].y = y;
	s->cells[s->n_cells].x = x;
	s->cells[s->n_cells].w = w;
	s->cells[s->n_cells].h = h;
	s->cells[s->n_cells].gpu = gpu;
	s->n_cells++;
}

/* The selected GPU in one paragraph. */
static void
gpu_detail(const App *app, int g, char *buf, size_t n)
{
	const Scenario *sc = app->s;
	const Strategy *st = &sc->strategy;
	int gpn = sc->cluster.gpus_per_node;
	GpuInfo gi;
	char a[32];
	size_t o;

	gpu_info(app, g, &gi);
	o = (size_t)snprintf(buf, n, "GPU %d (node %d, GPU %d of %d): ", g, g / gpn, g % gpn, gpn);
	if (gi.idle) {
		snprintf(buf + o, n - o, "idle: the layout uses %d of the %d GPUs",
		    st->tp * st->pp * st->dp, cluster_gpus(&sc->cluster));
		return;
	}
	if (gi.prefill) {
		const Disagg *dg = &sc->disagg;
		int used = st->tp * st->pp * st->dp;
		int p0 = used + gi.dp * dg->prefill_tp * dg->prefill_pp + gi.pp * dg->prefill_tp;
		snprintf(buf + o, n - o, "prefill pool: instance %d of %d, TP rank %d of GPUs %d-%d%s, PP stage "
		    "%d of %d; its KV cache goes to the decode pool over %s", gi.dp, dg->prefill_dp, gi.tp, p0,
		    p0 + dg->prefill_tp - 1, gi.tp_cross ? " (leaves its NVLink domain)" : "", gi.pp,
		    dg->prefill_pp, dg->kv_fabric.name);
		return;
	}
	int g0 = gi.dp * st->tp * st->pp + gi.pp * st->tp;
	if (disagg_on(sc))
		o += (size_t)snprintf(buf + o, n - o, "decode pool: ");
	o += (size_t)snprintf(buf + o, n - o, "TP rank %d of GPUs %d-%d%s; PP stage %d of %d", gi.tp,
	    g0, g0 + st->tp - 1, gi.tp_cross ? " (leaves its NVLink domain)" : "", gi.pp, st->pp);
	if (app->r->status == EVAL_OK && gi.pp < app->r->n_stages) {
		const StageResult *sr = &app->r->stages[gi.pp];
		o += (size_t)snprintf(buf + o, n - o, " (layers %d-%d, %s)", sr->first_layer,
		    sr->first_layer + sr->n_layers - 1, fmt_bytes(sr->per_gpu_bytes, a, sizeof a));
	}
	if (o < n)
		o += (size_t)snprintf(buf + o, n - o, "; DP replica %d of %d", gi.dp, st->dp);
	char etp[48] = "";
	if (app->r->etp > 1)
		snprintf(etp, sizeof etp, ", expert-TP rank %d of %d", gi.etp, app->r->etp);
	if (gi.ep >= 0 && o < n)
		o += (size_t)snprintf(buf + o, n - o, "; EP rank %d of %d: experts %d-%d%s%s", gi.ep, st->ep,
		    gi.first_expert, gi.last_expert, etp, gi.ep_cross ? " (EP group leaves its NVLink domain)" : "");
	if (gi.ep >= 0 && gi.redundant > 0 && o < n)
		snprintf(buf + o, n - o, " + %d redundant replica%s (EPLB places them by load)", gi.redundant,
		    gi.redundant == 1 ? "" : "s");
}

static void
gpumap_draw(Screen *base, App *app, Grid *g, Rect r)
{
	GpuMapScreen *s = (GpuMapScreen *)base;
	const Scenario *sc = app->s;
	const Strategy *st = &sc->strategy;
	const Theme *t = &app->theme;
	int gpn = sc->cluster.gpus_per_node, nodes = sc->cluster.nodes;
	int gpus = gpn * nodes;
	bool moe = model_is_moe(&sc->model);
	char line[512];
	int y = r.y;

	if (s->sel >= gpus)
		s->sel = gpus - 1;
	if (s->sel < 0)
		s->sel = 0;
	char ep[64] = "";
	if (moe)
		snprintf(ep, sizeof ep, ", EP %d x expert-TP %d", st->ep, app->r->etp);
	int domain = cluster_nvlink_domain(&sc->cluster);
	char dom[48] = "";
	if (domain != gpn)
		snprintf(dom, sizeof dom, " in NVLink domains of %d", domain);
	snprintf(line, sizeof line, " GPU map: %s, TP %d x PP %d x DP %d%s on %s: %d node%s x %d GPUs%s ",
	    sc->model.name, st->tp, st->pp, st->dp, ep, sc->cluster.name, nodes, nodes == 1 ? "" : "s",
	    gpn, dom);
	grid_put_fit(g, t, y++, r.x, r.w, ROLE_TITLE, line);

	/* the groups, in words */
	int tp_cross = 0, ep_cross = 0, idle = 0;
	for (int k = 0; k < gpus; k++) {
		GpuInfo gi;
		gpu_info(app, k, &gi);
		tp_cross += gi.tp_cross;
		ep_cross += gi.ep_cross;
		idle += gi.idle;
	}
	if (tp_cross)
		snprintf(line, sizeof line, "TP groups of %d cross NVLink domains of %d GPUs: every "
		    "all-reduce runs over %s, not %s", st->tp, domain, sc->cluster.inter.name,
		    sc->cluster.intra.name);
	else
		snprintf(line, sizeof line, "TP groups of %d stay inside %s (%s)%s", st->tp,
		    domain == gpn ? "a node" : "the NVLink domain", sc->cluster.intra.name,
		    st->pp > 1 && st->tp * st->pp > domain ? "; PP sends between stages cross domains" : "");
	grid_put_fit(g, t, y++, r.x + 1, r.w - 2, tp_cross ? ROLE_CROSS : ROLE_DEFAULT, line);
	if (moe) {
		/* the routed slots per GPU, EPLB's replicas with EP > 1 (strategy_redundant) */
		int slots = st->ep > 0 ? (sc->model.n_experts + strategy_redundant(st)) / st->ep : 0;
		if (ep_cross)
			snprintf(line, sizeof line, "EP groups cross NVLink domains: the all-to-all dispatch "
			    "and combine run over %s (prefill %s, decode %s); %d expert slots per GPU, %d redundant "
			    "(+r)", sc->cluster.inter.name, ep_mode_name(app->r->latency.ep.prefill_mode),
			    ep_mode_name(app->r->latency.ep.decode_mode),
			    slots, strategy_redundant(st));
		else
			snprintf(line, sizeof line, "EP groups stay inside an NVLink domain: %d expert%s per GPU",
			    slots, slots == 1 ? "" : "s");
		grid_put_fit(g, t, y++, r.x + 1, r.w - 2, ep_cross ? ROLE_CROSS : ROLE_DEFAULT, line);
	}
	if (disagg_on(sc)) {
		const Disagg *dg = &sc->disagg;
		int used = st->tp * st->pp * st->dp, pre = disagg_prefill_gpus(sc);
		if (dg->prefill_gpu_set)
			snprintf(line, sizeof line, "disaggregated %dP%dD: decode pool GPUs 0-%d (D); prefill "
			    "pool %d x TP %d x PP %d on %d %s GPUs of its own (not shown)", dg->prefill_dp, st->dp,
			    used - 1, dg->prefill_dp, dg->prefill_tp, dg->prefill_pp, pre, dg->prefill_gpu.name);
		else
			snprintf(line, sizeof line, "disaggregated %dP%dD: decode pool GPUs 0-%d (D), prefill "
			    "pool GPUs %d-%d (P: %d x TP %d x PP %d); KV over %s", dg->prefill_dp, st->dp, used - 1,
			    used, used + pre - 1, dg->prefill_dp, dg->prefill_tp, dg->prefill_pp,
			    dg->kv_fabric.name);
		grid_put_fit(g, t, y++, r.x + 1, r.w - 2, ROLE_DEFAULT, line);
	}
	if (idle) {
		snprintf(line, sizeof line, "%d GPU%s idle (the layout uses %d of %d)", idle,
		    idle == 1 ? "" : "s", gpus - idle, gpus);
		grid_put_fit(g, t, y++, r.x + 1, r.w - 2, ROLE_WARN, line);
	}

	/* the cells; with room, a memory meter in each (as nvtop's): the
	 * GPU's stage's bar against capacity and its figure */
	int detail_h = 3, avail = r.y + r.h - y - detail_h;
	bool meters = app->r->status == EVAL_OK;
	int cell_h, cw, per_line, lines_per_node, node_h;
	for (;;) {
		cell_h = (moe ? 4 : 3) + (meters ? 2 : 0);
		cw = (r.w - 8) / (gpn > 0 ? gpn : 1);
		if (cw > (meters ? GPU_CELL_METER_MAX_W : 14))
			cw = meters ? GPU_CELL_METER_MAX_W : 14;
		if (cw < 9)
			cw = 9;
		per_line = (r.w - 8) / cw;
		if (per_line < 1)
			per_line = 1;
		if (per_line > gpn)
			per_line = gpn;
		lines_per_node = (gpn + per_line - 1) / per_line;
		node_h = lines_per_node * cell_h + 1;
		/* the meters when every node still shows (else the map scrolls without them) */
		if (!meters || node_h * nodes + st->pp + 3 <= avail)     /* + the stage table */
			break;
		meters = false;
	}
	s->per_line = per_line;
	int sel_node = s->sel / gpn;
	int nodes_shown = avail / node_h > 0 ? avail / node_h : 1;
	if (sel_node < s->top)
		s->top = sel_node;
	if (sel_node >= s->top + nodes_shown)
		s->top = sel_node - nodes_shown + 1;
	s->n_cells = 0;
	for (int nd = s->top; nd < nodes && y + node_h <= r.y + r.h - detail_h + 1; nd++) {
		snprintf(line, sizeof line, "node %d", nd);
		grid_put(g, y, r.x + 1, 7, ROLE_LABEL, line);
		for (int k = 0; k < gpn; k++) {
			int gpu = nd * gpn + k;
			int cy = y + (k / per_line) * cell_h, cx = r.x + 8 + (k % per_line) * cw;
			GpuInfo gi;
			bool sel = gpu == s->sel;
			gpu_info(app, gpu, &gi);
			Role head = gi.idle ? ROLE_DIM : (gi.tp_cross || gi.ep_cross) ? ROLE_CROSS :
			    theme_stage_role(gi.pp);
			if (sel)
				head = ROLE_FOCUS;
			grid_fill(g, (Rect){ cy, cx, 1, cw - 1 }, ' ', head);
			snprintf(line, sizeof line, "GPU %d%s%s", gpu, !disagg_on(sc) ? "" : gi.prefill ? " P" :
			    gi.idle ? "" : " D", gi.tp_cross || gi.ep_cross ? " !" : "");
			grid_put(g, cy, cx, cw - 1, head, line);
			if (gi.idle) {
				grid_put(g, cy + 1, cx, cw - 1, ROLE_DIM, "idle");
			} else if (gi.prefill) {
				snprintf(line, sizeof line, cw >= 11 ? "tp %d pp %d" : "tp%d pp%d", gi.tp, gi.pp);
				grid_put(g, cy + 1, cx, cw - 1, sel ? ROLE_VALUE : ROLE_DEFAULT, line);
				snprintf(line, sizeof line, "prefill %d", gi.dp);
				grid_put(g, cy + 2, cx, cw - 1, ROLE_DEFAULT, line);
			} else {
				snprintf(line, sizeof line, cw >= 11 ? "tp %d pp %d" : "tp%d pp%d", gi.tp, gi.pp);
				grid_put(g, cy + 1, cx, cw - 1, sel ? ROLE_VALUE : ROLE_DEFAULT, line);
				snprintf(line, sizeof line, "dp %d", gi.dp);
				grid_put(g, cy + 2, cx, cw - 1, ROLE_DEFAULT, line);
				if (gi.ep >= 0) {
					char rep[16] = "";
					if (gi.redundant > 0)
						snprintf(rep, sizeof rep, " +%dr", gi.redundant);
					if (gi.first_expert == gi.last_expert)
						snprintf(line, sizeof line, "e%d%s", gi.first_expert, rep);
					else
						snprintf(line, sizeof line, "e%d-%d%s", gi.first_expert, gi.last_expert, rep);
					grid_put(g, cy + 3, cx, cw - 1, gi.ep_cross ? ROLE_CROSS : ROLE_DEFAULT, line);
				}
				if (meters && gi.pp < app->r->n_stages) {
					const StageResult *sr = &app->r->stages[gi.pp];
					double cap = sc->cluster.gpu.memory_bytes;
					double pool = sr->kv_pool_bytes > sr->kv_cache_bytes ?
					    sr->kv_pool_bytes - sr->kv_cache_bytes : 0;
					double parts[BAR_PARTS] = { sr->weights_bytes, sr->kv_cache_bytes, pool,
						sr->activation_bytes, sr->reserved_bytes };
					int my = cy + (moe ? 4 : 3);
					char fig[32];
					bar_draw(g, t, my, cx, cw - 1, parts, BAR_PARTS, cap, sr->budget_bytes, NULL);
					fmt_bytes(sr->per_gpu_bytes, fig, sizeof fig);
					snprintf(line, sizeof line, "%s %.0f%%", fig, 100 * sr->per_gpu_bytes / cap);
					grid_put(g, my + 1, cx, cw - 1, sr->per_gpu_bytes > cap ? ROLE_ERROR : ROLE_DIM,
					    line);
				}
			}
			add_cell(s, cy, cx, cw - 1, cell_h, gpu);
		}
		y += node_h;
	}
	if (s->top + nodes_shown < nodes)
		grid_put(g, r.y + r.h - detail_h - 1, r.x + 1, -1, ROLE_DIM, t->g.more_down);

	/* the stages, when there is room: layers, memory and GPUs of each */
	if (app->r->status == EVAL_OK && y + 2 + app->r->n_stages <= r.y + r.h - detail_h) {
		y++;
		grid_put(g, y++, r.x + 1, r.w - 2, ROLE_TITLE, "stage  layers   per GPU    GPUs");
		for (int i = 0; i < app->r->n_stages && y < r.y + r.h - detail_h; i++) {
			const StageResult *sr = &app->r->stages[i];
			char a[32], list[256];
			size_t o = 0;
			list[0] = '\0';
			/* the stage's GPUs as ranges: 0-3, 8-11 */
			for (int k = 0; k < gpus && o + 16 < sizeof list; k++) {
				GpuInfo gi;
				gpu_info(app, k, &gi);
				if (gi.idle || gi.prefill || gi.pp != i)
					continue;
				int e = k;
				GpuInfo gn;
				while (e + 1 < gpus && (gpu_info(app, e + 1, &gn), !gn.idle && !gn.prefill && gn.pp == i))
					e++;
				o += (size_t)snprintf(list + o, sizeof list - o, "%s%d", o ? ", " : "", k);
				if (e > k)
					o += (size_t)snprintf(list + o, sizeof list - o, "-%d", e);
				k = e;
			}
			snprintf(line, sizeof line, "%5d  %3d-%-3d  %-9s  %s", i, sr->first_layer,
			    sr->first_layer + sr->n_layers - 1, fmt_bytes(sr->per_gpu_bytes, a, sizeof a),
			    list);
			grid_put(g, y, r.x + 1, 1, theme_stage_role(i), " ");
			grid_put_fit(g, t, y++, r.x + 2, r.w - 3, ROLE_DEFAULT, line);
		}
	}

	/* the selected GPU */
	char detail[1024];
	gpu_detail(app, s->sel, detail, sizeof detail);
	int dy = r.y + r.h - detail_h;
	GpuInfo sg;
	gpu_info(app, s->sel, &sg);
	if (dy - y >= GPU_EXPLAIN_MIN_ROWS && app->r->status == EVAL_OK && !sg.idle) {
		/* 200x60: no blank half screen; the selected GPU's memory, explained */
		snprintf(line, sizeof line, " GPU %d's memory (stage %d), per figure ", s->sel, sg.pp);
		grid_put(g, y + 1, r.x, r.w, ROLE_TITLE, line);
		explain_figure(app->s, app->r, "memory.per_gpu_bytes", sg.pp, s->text, sizeof s->text);
		size_t o = strlen(s->text);
		static const char *const more[] = { "memory.weights_bytes", "memory.kv_cache_bytes",
			"memory.kv_pool_bytes" };
		for (size_t i = 0; i < sizeof more / sizeof more[0] && o + 2 < sizeof s->text; i++) {
			snprintf(s->text + o, sizeof s->text - o, "\n\n");
			o += 2;
			explain_figure(app->s, app->r, more[i], sg.pp, s->text + o, sizeof s->text - o);
			o = strlen(s->text);
		}
		textview_borrow(s->tv, s->text, strlen(s->text));
		s->tv->lines_text = NULL;
		s->tv->top = 0;
		widget_resize(&s->tv->base, (Rect){ y + 2, r.x + 1, dy - y - 2, r.w - 2 });
		widget_draw(&s->tv->base, app_session(app), g);
	}
	grid_hline(g, t, dy, r.x, r.w, ROLE_DIM);
	/* the legend whole, or its short form where the whole would be cut mid-word (80 columns) */
	static const char legend[] = " arrows move, Enter explains the GPU's memory; ! a group leaving its NVLink domain ",
			  legend_short[] = " arrows move, Enter explains; ! a group leaving its NVLink domain ";
	grid_put_fit(g, t, dy, r.x + 2, r.w - 4, ROLE_DIM,
	    utf8_width(legend) <= r.w - 4 ? legend : legend_short);
	/* the detail on two lines, split at a blank */
	int w = r.w - 2, len = utf8_width(detail);
	if (len <= w) {
		grid_put(g, dy + 1, r.x + 1, w, ROLE_VALUE, detail);
	} else {
		int cut = w;
		while (cut > w / 2 && detail[cut] != ' ')
			cut--;
		grid_put(g, dy + 1, r.x + 1, cut, ROLE_VALUE, detail);
		grid_put_fit(g, t, dy + 2, r.x + 3, w - 2, ROLE_VALUE, detail + cut + 1);
	}
}

static int
gpumap_key(Screen *base, App *app, int key)
{
	GpuMapScreen *s = (GpuMapScreen *)base;
	int gpn = app->s->cluster.gpus_per_node;
	int gpus = cluster_gpus(&app->s->cluster);

	switch (key) {
	case TK_LEFT: case 'h': s->sel--; break;
	case TK_RIGHT: case 'l': s->sel++; break;
	case TK_UP: case 'k': case TK_WHEEL_UP: s->sel -= s->per_line; break;
	case TK_DOWN: case 'j': case TK_WHEEL_DOWN: s->sel += s->per_line; break;
	case TK_PGUP: s->sel -= gpn; break;
	case TK_PGDN: s->sel += gpn; break;
	case TK_HOME: s->sel = 0; break;
	case TK_END: s->sel = gpus - 1; break;
	case TK_CLICK:
		for (int i = 0; i < s->n_cells; i++) {
			if (app->mouse_y >= s->cells[i].y && app->mouse_y < s->cells[i].y + s->cells[i].h &&
			    app->mouse_x >= s->cells[i].x && app->mouse_x < s->cells[i].x + s->cells[i].w) {
				s->sel = s->cells[i].gpu;
				return H_HANDLED | H_REDRAW;
			}
		}
		return H_NONE;
	case TK_ENTER: case 'e': {
		GpuInfo gi;
		char text[1024], title[64];
		gpu_info(app, s->sel, &gi);
		gpu_detail(app, s->sel, text, sizeof text);
		if (!gi.idle && app->r->status == EVAL_OK) {
			size_t o = strlen(text);
			snprintf(text + o, sizeof text - o, "\n\n");
			o = strlen(text);
			explain_figure(app->s, app->r, "memory.per_gpu_bytes", gi.pp, text + o,
			    sizeof text - o);
		}
		snprintf(title, sizeof title, "GPU %d", s->sel);
		app_show_text(app, title, text);
		return H_HANDLED | H_REDRAW;
	}
	default:
		return H_NONE;
	}
	if (s->sel < 0)
		s->sel = 0;
	if (s->sel >= gpus)
		s->sel = gpus - 1;
	return H_HANDLED | H_REDRAW;
}

const ScreenClass screen_gpumap = {
	.name = "gpumap",
	.tab = "GPU map",
	.key = 'g',
	.help = "nodes and GPUs: TP rank, PP stage, DP replica, experts; groups crossing nodes",
	.create = gpumap_create,
	.destroy = gpumap_destroy,
	.draw = gpumap_draw,
	.handle_key = gpumap_key,
};
