/* s-pipeline.c: the pipeline timeline: micro-batches through the stages
 * over time, idle time (the bubble) visible, the bubble fraction stated.
 *
 * The schedule is the core's (latency.c pipeline_time, GPipe, Huang et
 * al., arXiv 1811.06965, sec. 2.2): micro-batch j enters stage i at
 * j x slowest + the time of stages 0..i-1, so the batch prefill takes
 * path + (m-1) x slowest; a decode step repeats every max(path, m x
 * slowest); the host time the runtime adds makes the figures eval prints
 * (eval_pipe_schedule, the one formula).  Stage time includes the PP send. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "core/units.h"
#include "util/xmalloc.h"

typedef struct PipelineScreen {
	Screen base;
} PipelineScreen;

static Screen *
pipeline_create(App *app)
{
	PipelineScreen *s = xcalloc(1, sizeof *s);
	(void)app;
	s->base.cls = &screen_pipeline;
	return &s->base;
}

static char
mb_glyph(int j)
{
	static const char g[] = "0123456789abcdefghijklmnopqrstuvwxyz";
	return j < (int)sizeof g - 1 ? g[j] : '*';
}

/* One phase's timeline in rows y.., returns the rows used: the schedule
 * the core computed (eval_pipe_schedule), its bars over the GPU time. */
static int
draw_phase(App *app, Grid *g, Rect r, int y, Phase ph, const char *what)
{
	const Result *res = app->r;
	const Theme *t = &app->theme;
	int pp = res->n_stages;
	double stage_t[MAX_STAGES], prefix[MAX_STAGES], path = 0;
	char line[512], a[32], b[32], c[32], d[32];
	PipeSchedule ps;

	eval_pipe_schedule(app->s, res, ph, &ps);
	for (int i = 0; i < pp; i++) {
		stage_t[i] = res->stages[i].phase[ph].total_s + res->stages[i].send_s[ph];
		prefix[i] = path;
		path += stage_t[i];
	}
	int m = ps.micro_batches;
	double slowest = ps.slowest_s;
	bool decode = ph == PHASE_DECODE;
	double span = ps.gpu_s;
	double busy = 0;
	for (int i = 0; i < pp; i++)
		busy += m * stage_t[i];
	double bubble = span > 0 ? 1 - busy / (pp * span) : 0;
	double gpipe = (double)(pp - 1) / (m + pp - 1);

	/* short enough for 80 columns: the period's second term is m x the
	 * slower of the slowest stage and the host step */
	if (decode)
		snprintf(line, sizeof line, "%s: TPOT %s = max(path %s + host %s, %d x %s %s)", what,
		    fmt_seconds(ps.total_s, a, sizeof a), fmt_seconds(ps.path_s, b, sizeof b),
		    fmt_seconds(ps.host_s, d, sizeof d), m, ps.host_s > slowest ? "host" : "slowest",
		    fmt_seconds(fmax(slowest, ps.host_s), c, sizeof c));
	else
		snprintf(line, sizeof line, "%s: %s = path %s + %d x slowest %s + host %s", what,
		    fmt_seconds(ps.total_s, a, sizeof a), fmt_seconds(ps.path_s, b, sizeof b), m - 1,
		    fmt_seconds(slowest, c, sizeof c), fmt_seconds(ps.host_s, d, sizeof d));
	grid_put_fit(g, t, y++, r.x + 1, r.w - 2, ROLE_TITLE, line);
	if (decode)
		snprintf(line, sizeof line, "bubble %.0f%% of GPU time idle in steady state", 100 * bubble);
	else
		snprintf(line, sizeof line, "bubble %.0f%% of GPU time idle (GPipe (p-1)/(m+p-1) = "
		    "%.0f%% for equal stages)", 100 * bubble, 100 * gpipe);
	grid_put_fit(g, t, y++, r.x + 1, r.w - 2, bubble > 0.25 ? ROLE_WARN : ROLE_INFO, line);

	int lx = r.x + 12, w = r.w - 13;
	if (w < 10 || span <= 0)
		return 1;
	double dt = span / w;
	for (int i = 0; i < pp && y < r.y + r.h; i++, y++) {
		snprintf(line, sizeof line, "stage %d", i);
		grid_put(g, y, r.x + 1, 10, ROLE_LABEL, line);
		for (int col = 0; col < w; col++) {
			double tm = (col + 0.5) * dt;
			int who = -1;
			for (int j = 0; j < m && who < 0; j++) {
				double s0 = j * slowest + prefix[i];
				if (decode)
					s0 = fmod(s0, span);
				double e0 = s0 + stage_t[i];
				if ((tm >= s0 && tm < e0) || (decode && e0 > span && tm < e0 - span))
					who = j;
			}
			Cell *cl = grid_cell(g, y, lx + col);
			if (!cl)
				continue;
			if (who < 0)
				*cl = (Cell){ '.', ROLE_BUBBLE };
			else
				*cl = (Cell){ (uint32_t)mb_glyph(who), (uint8_t)theme_stage_role(who) };
		}
	}
	if (y < r.y + r.h) {
		grid_put(g, y, lx, -1, ROLE_DIM, "0");
		/* the axis is GPU time; the figure above adds the host's */
		snprintf(line, sizeof line, "GPU %s", fmt_seconds(span, a, sizeof a));
		grid_put(g, y, lx + w - utf8_width(line), -1, ROLE_DIM, line);
		y++;
	}
	return y;
}

static void
pipeline_draw(Screen *base, App *app, Grid *g, Rect r)
{
	const Scenario *sc = app->s;
	const Result *res = app->r;
	const Theme *t = &app->theme;
	char line[512], a[32], b[32];
	int y = r.y;
	(void)base;

	if (res->status != EVAL_OK) {
		grid_put(g, y, r.x + 1, r.w - 2, ROLE_ERROR, "INVALID LAYOUT: the timeline needs a valid "
		    "layout; see the checks on the main screen (m)");
		return;
	}
	int m = res->micro_batches;
	int batch = sc->workload.batch;
	double mb;
	int m_pre = eval_micro_split(batch, m, &mb);
	snprintf(line, sizeof line, " Pipeline: PP %d, %d micro-batch%s of %.0f sequence%s (batch %d) ",
	    res->n_stages, m_pre, m_pre == 1 ? "" : "es", mb, mb == 1 ? "" : "s", batch);
	grid_put_fit(g, t, y++, r.x, r.w, ROLE_TITLE, line);
	grid_put_fit(g, t, y, r.x + 1, r.w - 2, ROLE_DIM, "0-9 a-z name the micro-batches; . is a "
	    "stage's idle time, the bubble");
	if (res->n_stages == 1) {
		grid_put_fit(g, t, y++, r.x + 1, r.w - 2, ROLE_INFO, "PP 1: one stage holds every layer, "
		    "so there is no pipeline and no bubble; raise PP on the main screen to see one");
	} else if (m < res->n_stages) {
		snprintf(line, sizeof line, "%d micro-batches for %d stages: fewer micro-batches than "
		    "stages leave stages idle (:set micro_batches N)", m, res->n_stages);
		grid_put_fit(g, t, y++, r.x + 1, r.w - 2, ROLE_WARN, line);
	}
	y++;
	y = draw_phase(app, g, r, y, PHASE_BATCH_PREFILL, "batch prefill");
	if (y + res->n_stages + 3 < r.y + r.h) {
		y++;
		y = draw_phase(app, g, r, y, PHASE_DECODE, "decode");
	}
	/* per-stage times */
	if (y + 2 < r.y + r.h) {
		y++;
		grid_put(g, y++, r.x + 1, r.w - 2, ROLE_TITLE, "stage  layers     prefill     decode   "
		    "decode bound by");
	}
	for (int i = 0; i < res->n_stages && y < r.y + r.h; i++) {
		const StageResult *sr = &res->stages[i];
		const PhaseTime *d = &sr->phase[PHASE_DECODE];
		const char *bound = d->memory_bound_s >= d->compute_bound_s ? "HBM bandwidth" : "compute";
		if (d->comm_s > fmax(d->memory_bound_s, d->compute_bound_s))
			bound = "TP/EP communication";
		snprintf(line, sizeof line, "%5d  %3d-%-3d  %10s %10s   %s", i, sr->first_layer,
		    sr->first_layer + sr->n_layers - 1,
		    fmt_seconds(sr->phase[PHASE_BATCH_PREFILL].total_s +
		    sr->send_s[PHASE_BATCH_PREFILL], a, sizeof a),
		    fmt_seconds(d->total_s + sr->send_s[PHASE_DECODE], b, sizeof b), bound);
		grid_put_fit(g, t, y++, r.x + 1, r.w - 2, ROLE_DEFAULT, line);
	}
}

const ScreenClass screen_pipeline = {
	.name = "pipeline",
	.tab = "Timeline",
	.key = 't',
	.help = "micro-batches through the pipeline stages over time; the bubble",
	.create = pipeline_create,
	.draw = pipeline_draw,
};
