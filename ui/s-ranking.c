/* s-ranking.c: the strategy search's ranking (`:search [options]`, key r):
 * the ranked strategies for the scenario's model, cluster, runtime, SLOs
 * and rate, with what binds each; below, the selected row's why line and
 * the Pareto front as a text plot (Tab: the plot alone, then the rejected
 * layouts, the front's points and the fewest GPUs).  Enter loads the
 * selected strategy into the main screen as one undoable change.  When
 * nothing is feasible, the screen says why and the smallest change that
 * fits (search_notes).  The search itself is ranking.c's. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "core/units.h"
#include "scenario/report-search.h"
#include "ranking.h"
#include "scenario/search_notes.h"
#include "util/xmalloc.h"
#include "w-text.h"

enum { RV_WHY, RV_PLOT, RV_MORE, RV_COUNT };

static const char *const view_names[RV_COUNT] = { "why", "Pareto front", "more" };

enum {
	C_RANK, C_TP, C_PP, C_DP, C_EP, C_DTYPE, C_BATCH, C_GPUS, C_TPG, C_TPU, C_RPS, C_TTFT, C_TPOT,
	C_BIND, N_COLS
};

/* Two header rows: short names over their units, so that every column but
 * the binding fits 80 columns. */
static const struct {
	const char *h1, *h2;
	bool left;
} cols[N_COLS] = {
	[C_RANK] = { "#", "", false }, [C_TP] = { "TP", "", false }, [C_PP] = { "PP", "", false },
	[C_DP] = { "DP", "", false }, [C_EP] = { "EP", "", false },
	[C_DTYPE] = { "dtype", "/KV", true }, [C_BATCH] = { "batch", "", false },
	[C_GPUS] = { "GPUs", "", false }, [C_TPG] = { "tok/s", "/GPU", false },
	[C_TPU] = { "tok/s", "/user", false }, [C_RPS] = { "max", "req/s", false },
	[C_TTFT] = { "TTFT", "p99", false }, [C_TPOT] = { "TPOT", "p99", false },
	[C_BIND] = { "binding", "", true },
};

#define PANE_MIN 6      /* rows kept for the lower pane */
#define TEXT_MAX 32768

typedef struct RankingScreen {
	Screen base;
	int sel, top;           /* selected row, first row shown */
	int rows;               /* table rows shown */
	int view;               /* RV_* */
	unsigned gen;           /* the result sel belongs to */
	TextView *tv;           /* the lower pane's text, or the infeasible search's */
	char *text;
	Rect table;             /* the rows, for clicks */
	Ranking *owned;         /* the search behind this screen (app->ranking) */
} RankingScreen;

static Screen *
ranking_create(App *app)
{
	RankingScreen *s = xcalloc(1, sizeof *s);
	/* the screen owns the search state; app->ranking lends it to :search */
	app->ranking = s->owned = ranking_new();
	s->base.cls = &screen_ranking;
	s->tv = textview_new("", "", TV_WRAP | TV_HEADINGS, false);
	s->text = xmalloc(TEXT_MAX);
	s->text[0] = '\0';
	return &s->base;
}

static void
ranking_destroy(Screen *base)
{
	RankingScreen *s = (RankingScreen *)base;
	ranking_free(s->owned);         /* stops a running search */
	widget_destroy(&s->tv->base);
	free(s->text);
	free(s);
}

/* ---- text ------------------------------------------------------------ */

static double
now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* Appends printf output to text[TEXT_MAX] at *o. */
static void __attribute__((format(printf, 3, 4)))
add(char *text, size_t *o, const char *fmt, ...)
{
	va_list ap;
	if (*o >= TEXT_MAX - 1)
		return;
	va_start(ap, fmt);
	int k = vsnprintf(text + *o, TEXT_MAX - *o, fmt, ap);
	va_end(ap);
	*o += k > 0 ? (size_t)k : 0;
	if (*o > TEXT_MAX - 1)
		*o = TEXT_MAX - 1;
}

/* The cell of column c for candidate k into buf[n]. */
static void
cell(const SearchCandidate *k, int c, char *buf, size_t n)
{
	char a[48];
	const ServingPoint *p = &k->at_target;

	switch (c) {
	case C_RANK: snprintf(buf, n, "%d%c", k->rank, k->pareto ? '*' : ' '); break;
	case C_TP: snprintf(buf, n, "%d", k->tp); break;
	case C_PP: snprintf(buf, n, "%d", k->pp); break;
	case C_DP: snprintf(buf, n, "%d", k->dp); break;
	case C_EP: snprintf(buf, n, k->ep > 1 ? "%d" : "-", k->ep); break;
	case C_DTYPE:
		snprintf(buf, n, "%s/%s", dtype_name(k->weight_dtype), dtype_name(k->kv_dtype));
		break;
	case C_BATCH:
		/* with speculation tried, the k chosen beside the batch cap */
		if (k->spec_max > 0)
			snprintf(buf, n, "%d k%d", k->batch, k->spec_tokens);
		else
			snprintf(buf, n, "%d", k->batch);
		break;
	case C_GPUS: snprintf(buf, n, "%d", k->gpus); break;
	case C_TPG: fmt_int(k->tokens_per_s_per_gpu, buf, n); break;
	case C_TPU: snprintf(buf, n, "%.1f", k->tokens_per_s_per_user); break;
	case C_RPS: snprintf(buf, n, "%.2f", k->rate_max_rps * k->dp); break;
	case C_TTFT:
		snprintf(buf, n, "%s%s", p->heavy ? "~" : "", fmt_seconds(p->ttft_p99_s, a, sizeof a));
		break;
	case C_TPOT: fmt_seconds(p->tpot_p99_s, buf, n); break;
	case C_BIND: search_format_binding(k, buf, n); break;
	default: buf[0] = '\0'; break;
	}
}

/* The selected row's why line, then the obvious layouts' fate. */
static void
why_text(const Ranking *rk, int sel, char *text)
{
	char buf[4096];
	size_t o = 0;
	const SearchCandidate *k = &rk->r.top[sel];

	text[0] = '\0';
	search_format_layout(k, buf, sizeof buf);
	add(text, &o, "#%d %s: ", k->rank, buf);
	search_format_why(rk->base, &rk->q.so, &rk->r, k, buf, sizeof buf);
	add(text, &o, "%s\n", buf);
}

static void
probes_text(const Ranking *rk, char *text, size_t *o)
{
	char buf[4096];
	if (rk->r.n_probes == 0)
		return;
	add(text, o, "\nobvious layouts:\n");
	for (int i = 0; i < rk->r.n_probes; i++) {
		search_format_probe(rk->base, &rk->q.so, &rk->r, &rk->r.probes[i], buf, sizeof buf);
		add(text, o, "  %s\n", buf);
	}
}

/* Rejected layouts, the front's points, the fewest GPUs, the model. */
static void
more_text(const Ranking *rk, char *text)
{
	char buf[4096], a[48], cnt[128];
	size_t o = 0;
	const Scenario *s = rk->base;
	const SearchResult *r = &rk->r;

	text[0] = '\0';
	add(text, &o, "search of %s on %s (%d x %s)%s%s\n", s->model.name, s->cluster.name,
	    r->max_gpus, s->cluster.gpu.name, rk->q.args[0] ? ": " : "", rk->q.args);
	add(text, &o, "searched %ld layouts (%ld cut by lower bounds before evaluation, %ld more by "
	    "rate bounds), %ld feasible; %ld evaluations, %ld batch caps served, %ld of them "
	    "feasible, in %s\n", r->layouts, r->pruned, r->bounded_layouts, r->feasible_layouts,
	    r->evaluations, r->candidates - r->bounded, r->feasible,
	    fmt_seconds(rk->elapsed_s, a, sizeof a));
	probes_text(rk, text, &o);
	bool any = false;
	for (int i = SEARCH_REJ_COUNT - 1; i > SEARCH_OK; i--) {
		if (!r->rejected[i])
			continue;
		if (!any)
			add(text, &o, "\nrejected (count; the nearest miss):\n");
		any = true;
		search_format_rejection(s, &rk->q.so, &r->nearest[i], buf, sizeof buf);
		add(text, &o, "  %-8s %6ld  %s\n", search_reject_name((SearchReject)i), r->rejected[i], buf);
	}
	if (r->n_pareto > 0) {
		add(text, &o, "\nPareto front: throughput per GPU against tokens/s per user%s:\n",
		    r->pareto_truncated ? " (truncated)" : "");
		for (int i = 0; i < r->n_pareto; i++) {
			const SearchCandidate *c = &r->pareto[i];
			search_format_layout(c, buf, sizeof buf);
			add(text, &o, "  %9s tok/s/GPU %7.1f tok/s/user  %s%s\n",
			    fmt_int(c->tokens_per_s_per_gpu, a, sizeof a), c->tokens_per_s_per_user, buf,
			    c->rank ? "  #ranked" : "");
		}
	}
	if (r->has_fewest && s->workload.slo.rps > 0) {
		int g = r->fewest.gpus, gpn = s->cluster.gpus_per_node > 0 ? s->cluster.gpus_per_node : 1;
		search_format_layout(&r->fewest, buf, sizeof buf);
		add(text, &o, "\nfewest GPUs for %g req/s within the SLOs: %s (%s)\n", s->workload.slo.rps,
		    search_count_text(g, g > gpn ? (g + gpn - 1) / gpn * gpn : g, s, cnt, sizeof cnt), buf);
	}
	for (int i = 0; i < rk->n_notes; i++)
		add(text, &o, "%s%s\n", i == 0 ? "\n" : "", rk->notes[i]);
	add(text, &o, "\nserving model: %s\n", serving_model_text);
}

/* Nothing feasible: why, and the smallest change. */
static void
none_text(const Ranking *rk, char *text)
{
	char buf[4096];
	size_t o = 0;

	text[0] = '\0';
	search_format_none(rk->base, &rk->q.so, &rk->r, buf, sizeof buf);
	add(text, &o, "%s\n", buf);
	for (int i = 0; i < rk->n_notes; i++)
		add(text, &o, "%s%s\n", i == 0 ? "\n" : "", rk->notes[i]);
	probes_text(rk, text, &o);
}

/* ---- drawing ---------------------------------------------------------- */

static void
draw_text(RankingScreen *s, App *app, Grid *g, Rect r)
{
	textview_borrow(s->tv, s->text, strlen(s->text));
	s->tv->lines_text = NULL;       /* the buffer is reused: lay out again */
	widget_resize(&s->tv->base, r);
	widget_draw(&s->tv->base, app_session(app), g);
}

/* The Pareto front as search_format_plot draws it, '#' ranked points in
 * one colour, '*' the others, the selected row's point highlighted. */
static void
draw_plot(App *app, Grid *g, Rect r, const Ranking *rk, const SearchCandidate *sel)
{
	char *buf;
	size_t cap = 16384;
	int width = r.w - 26, height = r.h - 2;

	if (rk->r.n_pareto < 2) {
		grid_put_fit(g, &app->theme, r.y, r.x, r.w, ROLE_DIM, rk->r.n_pareto ?
		    "the Pareto front is one point: the best throughput per GPU is also the fastest per "
		    "user" : "no Pareto front");
		return;
	}
	if (width > 150)
		width = 150;
	if (height > 24)
		height = 24;
	if (width < 10 || height < 3) {
		grid_put_fit(g, &app->theme, r.y, r.x, r.w, ROLE_DIM, "(too small for the plot: Tab)");
		return;
	}
	buf = xmalloc(cap);
	search_format_plot(&rk->r, width, height, buf, cap);
	int y = r.y;
	for (char *line = buf, *nl; *line && y < r.y + r.h; line = nl + 1, y++) {
		nl = strchr(line, '\n');
		if (!nl)
			nl = line + strlen(line) - 1;
		else
			*nl = '\0';
		grid_put(g, y, r.x, r.w, ROLE_DIM, line);
		for (int x = 11; line[0] && x < (int)strlen(line) && x < r.w; x++)
			if (line[x] == '#' || line[x] == '*')
				grid_role(g, y, r.x + x, 1, line[x] == '#' ? ROLE_OK : ROLE_INFO);
	}
	/* where the selected row sits, when it is on the front */
	if (sel && sel->pareto) {
		int px, py;
		search_plot_cell(&rk->r, sel, width, height, &px, &py);
		grid_role(g, r.y + height - 1 - py, r.x + 11 + px, 1, ROLE_FOCUS);
	}
	free(buf);
}

static void
draw_title(App *app, Grid *g, Rect r, const Ranking *rk)
{
	char line[512];
	const Scenario *s = rk->done ? rk->base : app->s;
	int w = grid_put(g, r.y, r.x, r.w, ROLE_TITLE, " Ranking ");

	/* the model and cluster are on the status line */
	if (!rk->done) {
		snprintf(line, sizeof line, "the strategy search for %s on %s", s->model.name,
		    s->cluster.name);
	} else {
		size_t o = (size_t)snprintf(line, sizeof line, "by %s",
		    search_objective_label(rk->q.so.objective));
		if (s->workload.slo.rps > 0)
			o += (size_t)snprintf(line + o, sizeof line - o, " at %g req/s", s->workload.slo.rps);
		/* both count layouts; the batch caps are counted under "more" */
		snprintf(line + o, sizeof line - o, ": %ld layout%s searched, %ld feasible%s%s",
		    rk->r.layouts, rk->r.layouts == 1 ? "" : "s", rk->r.feasible_layouts,
		    rk->q.args[0] ? "; " : "", rk->q.args);
	}
	grid_put_fit(g, &app->theme, r.y, r.x + w + 1, r.w - w - 1, ROLE_DIM, line);
}

static void
clamp_sel(RankingScreen *s, int n)
{
	if (s->sel >= n)
		s->sel = n - 1;
	if (s->sel < 0)
		s->sel = 0;
	if (s->rows < 1)
		s->rows = 1;
	if (s->sel < s->top)
		s->top = s->sel;
	if (s->sel >= s->top + s->rows)
		s->top = s->sel - s->rows + 1;
	if (s->top > n - s->rows)
		s->top = n - s->rows;
	if (s->top < 0)
		s->top = 0;
}

static void
draw_table(RankingScreen *s, App *app, Grid *g, Rect r, const Ranking *rk, bool stale)
{
	const SearchResult *res = &rk->r;
	int width[N_COLS];
	char buf[256];

	for (int c = 0; c < N_COLS; c++) {
		int h1 = utf8_width(cols[c].h1), h2 = utf8_width(cols[c].h2);
		width[c] = h1 > h2 ? h1 : h2;
		if (c == C_BIND)
			continue;
		for (int i = 0; i < res->n_top; i++) {
			cell(&res->top[i], c, buf, sizeof buf);
			int k = utf8_width(buf);
			width[c] = k > width[c] ? k : width[c];
		}
	}
	/* a marker column, then the columns one blank apart; the binding
	 * takes what is left */
	int xs[N_COLS], x = r.x + 1;
	for (int c = 0; c < N_COLS; c++) {
		xs[c] = x;
		x += width[c] + 1;
	}
	/* the last column for scroll marks, when the rows scroll */
	int bind_w = r.x + r.w - (res->n_top > s->rows ? 1 : 0) - xs[C_BIND];
	for (int h = 0; h < 2; h++)
		for (int c = 0; c < N_COLS; c++) {
			const char *t = h ? cols[c].h2 : cols[c].h1;
			if (c == C_BIND && !h && bind_w < utf8_width(t))
				t = "binds";
			int tw = utf8_width(t), cx = cols[c].left ? xs[c] : xs[c] + width[c] - tw;
			if (c == C_BIND)
				grid_put_fit(g, &app->theme, r.y + h, cx, bind_w, ROLE_LABEL, t);
			else
				grid_put(g, r.y + h, cx, tw, ROLE_LABEL, t);
		}
	s->table = (Rect){ r.y + 2, r.x, s->rows, r.w };
	for (int i = 0; i < s->rows && s->top + i < res->n_top; i++) {
		const SearchCandidate *k = &res->top[s->top + i];
		int y = r.y + 2 + i;
		bool sel = s->top + i == s->sel;
		bool now = !stale && ranking_matches(k, app->s);
		if (sel)
			grid_fill(g, (Rect){ y, r.x, 1, r.w }, ' ', ROLE_FOCUS);
		if (now)
			grid_put(g, y, r.x, 1, sel ? ROLE_FOCUS : ROLE_KNOB, ">");
		for (int c = 0; c < N_COLS; c++) {
			Role role = sel ? ROLE_FOCUS : c == C_BIND ? ROLE_DIM : ROLE_VALUE;
			cell(k, c, buf, sizeof buf);
			if (c == C_BIND) {
				/* narrow: what stops a higher rate, before what bounds the
				 * step; narrower: "TPOT" for "TPOT SLO" */
				char *semi = strchr(buf, ';');
				if (semi && utf8_width(buf) > bind_w)
					*semi = '\0';
				char *slo = strstr(buf, " SLO");
				if (slo && !slo[4] && utf8_width(buf) > bind_w)
					*slo = '\0';
				grid_put_fit(g, &app->theme, y, xs[c], bind_w, role, buf);
				continue;
			}
			int cw = utf8_width(buf);
			grid_put(g, y, cols[c].left ? xs[c] : xs[c] + width[c] - cw, cw, role, buf);
			if (c == C_RANK && k->pareto && !sel)
				grid_role(g, y, xs[c] + width[c] - 1, 1, ROLE_OK);
		}
	}
	if (s->top > 0)
		grid_put(g, r.y + 2, r.x + r.w - 1, 1, ROLE_DIM, app->theme.g.more_up);
	if (s->top + s->rows < res->n_top)
		grid_put(g, r.y + 1 + s->rows, r.x + r.w - 1, 1, ROLE_DIM, app->theme.g.more_down);
}

static void
draw_pane(RankingScreen *s, App *app, Grid *g, Rect r, const Ranking *rk)
{
	const SearchCandidate *k = &rk->r.top[s->sel];
	char title[128], hint[160];
	int x = r.x;

	/* the views as tabs */
	for (int v = 0; v < RV_COUNT; v++) {
		if (v == RV_WHY)
			snprintf(title, sizeof title, " why #%d ", k->rank);
		else
			snprintf(title, sizeof title, " %s ", view_names[v]);
		x += grid_put(g, r.y, x, r.x + r.w - x, v == s->view ? ROLE_TAB_ACTIVE : ROLE_TITLE, title);
		x++;
	}
	snprintf(hint, sizeof hint, "Tab switches; Enter loads #%d; e shows it all", k->rank);
	if (x < r.x + r.w)
		grid_put_fit(g, &app->theme, r.y, x + 1, r.x + r.w - x - 1, ROLE_DIM, hint);
	Rect body = { r.y + 1, r.x + 1, r.h - 1, r.w - 2 };
	switch (s->view) {
	case RV_WHY: {
		why_text(rk, s->sel, s->text);
		/* the why line, then the plot when it has room, else the probes */
		s->tv->top = 0;
		textview_borrow(s->tv, s->text, strlen(s->text));
		s->tv->lines_text = NULL;
		widget_resize(&s->tv->base, body);
		widget_draw(&s->tv->base, app_session(app), g);
		int used = s->tv->n_lines < body.h ? s->tv->n_lines : body.h;
		Rect rest = { body.y + used + 1, body.x, body.h - used - 1, body.w };
		if (rest.h >= 8 && rk->r.n_pareto > 1) {
			grid_put(g, rest.y - 1, r.x, r.w, ROLE_TITLE, " Pareto front ");
			grid_put_fit(g, &app->theme, rest.y - 1, r.x + 15, r.w - 15, ROLE_DIM,
			    "throughput per GPU against tokens/s per user; # ranked, * not");
			draw_plot(app, g, rest, rk, k);
		} else if (rest.h >= 2) {
			size_t o = 0;
			s->text[0] = '\0';
			probes_text(rk, s->text, &o);
			draw_text(s, app, g, (Rect){ rest.y - 1, rest.x, rest.h + 1, rest.w });
		}
		break;
	}
	case RV_PLOT:
		draw_plot(app, g, body, rk, k);
		break;
	default:
		more_text(rk, s->text);
		draw_text(s, app, g, body);
		break;
	}
}

/* :search --disagg: the disaggregated best (ranking_disagg_text) from row
 * y of r; returns the row after it. */
static int
draw_disagg(App *app, Grid *g, Rect r, int y, const Ranking *rk)
{
	char buf[512];
	const char *line = buf;

	ranking_disagg_text(rk, buf, sizeof buf);
	for (int i = 0; i < RANKING_DISAGG_LINES && line && y < r.y + r.h; i++) {
		const char *nl = strchr(line, '\n');
		char one[256];
		snprintf(one, sizeof one, "%.*s", nl ? (int)(nl - line) : (int)strlen(line), line);
		grid_put_fit(g, &app->theme, y++, r.x + 1, r.w - 2, i == 0 ? ROLE_LABEL : ROLE_VALUE, one);
		line = nl ? nl + 1 : NULL;
	}
	return y;
}

static void
ranking_draw(Screen *base, App *app, Grid *g, Rect r)
{
	RankingScreen *s = (RankingScreen *)base;
	const Ranking *rk = app->ranking;
	int y = r.y;

	draw_title(app, g, r, rk);
	y++;
	if (app_search_running(app)) {
		char line[256];
		snprintf(line, sizeof line, "searching %s on %s (%d GPUs)... %.1f s; Esc stops it",
		    app->s->model.name, app->s->cluster.name, cluster_gpus(&app->s->cluster),
		    now_s() - rk->started_s);
		grid_put_fit(g, &app->theme, y++, r.x + 1, r.w - 2, ROLE_WARN, line);
	} else if (rk->error[0]) {
		grid_put_fit(g, &app->theme, y++, r.x + 1, r.w - 2, ROLE_ERROR, rk->error);
	}
	/* a search for another scenario is running: the last ranking is not
	 * this one's */
	if (app_search_running(app) && rk->done && ranking_stale(rk, rk->pending_base))
		return;
	if (!rk->done) {
		if (app_search_running(app))
			return;
		size_t o = 0;
		char syn[1024];
		add(s->text, &o, "No search yet.  s (or r from another screen) searches the "
		    "strategies for this scenario: every TP, PP, DP and EP, micro-batch count and batch "
		    "cap, served at the target rate under the SLOs and ranked.\n\n%s (as `shardlab "
		    "search`).\n\nEnter on a row loads its strategy into the main screen (u undoes "
		    "it).\n", ranking_synopsis(syn, sizeof syn));
		draw_text(s, app, g, (Rect){ y + 1, r.x + 1, r.y + r.h - y - 1, r.w - 2 });
		return;
	}
	bool stale = ranking_stale(rk, app->s);
	if (stale && !app_search_running(app))
		grid_put_fit(g, &app->theme, y++, r.x + 1, r.w - 2, ROLE_WARN,
		    "the scenario changed since this search: s searches again");
	if (s->gen != rk->gen) {
		s->gen = rk->gen;
		s->sel = s->top = 0;
	}
	if (rk->r.n_top == 0) {
		grid_put(g, y++, r.x + 1, r.w - 2, ROLE_ERROR, "Nothing is feasible");
		if (rk->has_disagg)
			y = draw_disagg(app, g, r, y, rk) + 1;
		none_text(rk, s->text);
		draw_text(s, app, g, (Rect){ y, r.x + 1, r.y + r.h - y, r.w - 2 });
		return;
	}
	int extra = rk->has_disagg ? RANKING_DISAGG_LINES : 0;
	int room = r.y + r.h - y - 2 - PANE_MIN - extra;
	s->rows = rk->r.n_top < room ? rk->r.n_top : room;
	if (s->rows < 1)
		s->rows = 1;
	clamp_sel(s, rk->r.n_top);
	draw_table(s, app, g, (Rect){ y, r.x, s->rows + 2, r.w }, rk, stale);
	y += s->rows + 2;
	if (extra)
		y = draw_disagg(app, g, r, y, rk);
	draw_pane(s, app, g, (Rect){ y, r.x, r.y + r.h - y, r.w }, rk);
}

/* ---- keys ------------------------------------------------------------ */

static void
popup_selected(RankingScreen *s, App *app, const Ranking *rk)
{
	char title[64];
	char *text = xmalloc(TEXT_MAX);
	size_t o;

	why_text(rk, s->sel, text);
	o = strlen(text);
	probes_text(rk, text, &o);
	snprintf(title, sizeof title, "#%d of the search", rk->r.top[s->sel].rank);
	app_show_text(app, title, text);
	free(text);
}

static int
load_selected(RankingScreen *s, App *app)
{
	const Ranking *rk = app->ranking;
	char what[64];

	if (ranking_stale(rk, app->s)) {
		app_msg(app, ROLE_WARN, "the scenario changed since this search (model, cluster, runtime, "
		    "lengths or SLOs): s searches again");
		return H_HANDLED | H_REDRAW;
	}
	snprintf(what, sizeof what, "loaded #%d of the search", rk->r.top[s->sel].rank);
	app_load_candidate(app, &rk->r.top[s->sel], what);
	app_show_screen(app, "main");
	return H_HANDLED | H_REDRAW | H_RECOMPUTE;
}

/* search again with the last options (or the defaults) */
static int
search_again(App *app)
{
	char *cause = NULL;
	RankingQuery q = app->ranking->q;

	if (app_search_start(app, &q, &cause) != 0) {
		app_msg(app, ROLE_ERROR, "%s", cause);
		free(cause);
	}
	return H_HANDLED | H_REDRAW;
}

static int
ranking_key(Screen *base, App *app, int key)
{
	RankingScreen *s = (RankingScreen *)base;
	const Ranking *rk = app->ranking;
	int n = rk->done ? rk->r.n_top : 0;

	if (s->gen != rk->gen) {
		/* a new result since the last frame */
		s->gen = rk->gen;
		s->sel = s->top = 0;
	}
	if (s->sel >= n)
		s->sel = n > 0 ? n - 1 : 0;
	if ((key == TK_ESC || key == TK_INTERRUPT) && app_search_running(app)) {
		app_search_cancel(app);
		return H_HANDLED | H_REDRAW;
	}
	if (key == 's')
		return search_again(app);
	if (rk->done && n == 0) {
		/* the infeasible search's text scrolls */
		if (key == TK_ESC || key == 'q' || key == TK_ENTER)
			return H_NONE;
		return widget_key(&s->tv->base, app, key);
	}
	if (n == 0)
		return key == TK_ENTER ? search_again(app) : H_NONE;
	switch (key) {
	case TK_UP: case 'k': s->sel--; break;
	case TK_DOWN: case 'j': s->sel++; break;
	case TK_HOME: s->sel = 0; break;
	case TK_END: s->sel = n - 1; break;
	case TK_PGUP: case TK_PGDN:
		if (s->view == RV_MORE)
			return widget_key(&s->tv->base, app, key);
		s->sel += key == TK_PGUP ? -s->rows : s->rows;
		break;
	case TK_TAB: s->view = (s->view + 1) % RV_COUNT; s->tv->top = 0; break;
	case TK_BTAB: s->view = (s->view + RV_COUNT - 1) % RV_COUNT; s->tv->top = 0; break;
	case TK_ENTER:
		return load_selected(s, app);
	case 'e':
		popup_selected(s, app, rk);
		break;
	case TK_WHEEL_UP: case TK_WHEEL_DOWN:
		if (rect_contains(s->table, app->mouse_y, app->mouse_x))
			s->sel += key == TK_WHEEL_UP ? -1 : 1;
		else if (s->view == RV_MORE)
			return widget_key(&s->tv->base, app, key);
		break;
	case TK_CLICK: {
		if (!rect_contains(s->table, app->mouse_y, app->mouse_x))
			return H_HANDLED;
		int i = s->top + app->mouse_y - s->table.y;
		if (i >= n)
			return H_HANDLED;
		if (i == s->sel)
			return load_selected(s, app);   /* a second click loads it */
		s->sel = i;
		break;
	}
	default:
		return H_NONE;
	}
	clamp_sel(s, n);
	return H_HANDLED | H_REDRAW;
}

/* Shown: search when nothing was searched yet, or the scenario changed. */
static void
ranking_show(Screen *base, App *app)
{
	const Ranking *rk = app->ranking;
	(void)base;
	if (app_search_running(app) || (rk->done && !ranking_stale(rk, app->s)) || rk->error[0])
		return;
	search_again(app);
}

const ScreenClass screen_ranking = {
	.name = "ranking",
	.tab = "Ranking",
	.key = 'r',
	.help = "the strategy search (:search): ranked layouts, why, the Pareto front; Enter loads one",
	.create = ranking_create,
	.destroy = ranking_destroy,
	.draw = ranking_draw,
	.handle_key = ranking_key,
	.show = ranking_show,
};
