/* p-figures.c: the main screen's latency and throughput panel: eval's
 * figures and serving's at the target rate, two a row, against the SLOs. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "s-main.h"
#include "core/explain.h"
#include "core/fields.h"
#include "core/units.h"

/* ---- latency and throughput -------------------------------------------- */

/* The figures: eval's (each with its JSON path, for explanations) and
 * serving's at the target rate (as `shardlab eval` serves the scenario). */
enum {
	F_TTFT, F_TOKS, F_TPOT, F_RPS, F_E2E, F_SEQS, F_PREFILL, F_PER_GPU, F_KV_TOKEN, F_MFU,
	F_PARAMS, F_FLOPS,
	F_SV_TTFT, F_SV_TPOT, F_SV_MAX, F_SV_QUEUE, F_SPEC, F_PREFIX, F_EP_A2A, F_EP_SLOTS,
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
	[F_SPEC] = "latency.spec.speedup", [F_PREFIX] = "latency.prefix.ttft_speedup",
	[F_EP_A2A] = "latency.ep.decode_a2a_s", [F_EP_SLOTS] = "latency.ep.experts_per_gpu",
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
	{ F_PARAMS, F_FLOPS }, { F_SPEC, F_PREFIX }, { F_EP_A2A, F_EP_SLOTS },
};

/* The figure in slot i (row i / 2, column i % 2). */
static int
slot_item(int i)
{
	return fig_rows[i / 2][i % 2];
}

/* Room for a figure's label on the panel (the value starts after it). */
#define FIG_LABEL_W 9

/* eval's TTFT and TPOT say that they are the static figures, beside the
 * serving rows' percentiles at the target rate: "TTFT idle" (one request,
 * nothing queued) and "TPOT b128" (one decode step at the batch of 128),
 * a batch of four digits in thousands ("TPOT b4k") to fit FIG_LABEL_W. */
static const char *
static_label(const Scenario *s, int item, char *buf, size_t n)
{
	if (item == F_TTFT)
		return "TTFT idle";
	int b = s->workload.batch;
	if (b < 1000)
		snprintf(buf, n, "TPOT b%d", b);
	else
		snprintf(buf, n, "TPOT b%dk", (b + 500) / 1000);
	return buf;
}

/* Disaggregated (core/disagg.h), the static figures read first are the
 * deployment's, not its decode layout's own aggregated eval (which
 * prefills on the decode GPUs and counts only them): TTFT idle = the
 * prefill instance's idle TTFT + the KV transfer's exposed time (disagg.h,
 * TTFT at zero load); tokens/s, req/s and tokens/s per GPU at the
 * deployment's capacity, min(prefill pool, decode pool), over both pools'
 * GPUs.  *v the figure; false for any other item or scenario. */
static bool
disagg_figure(const Session *ss, int item, double *v)
{
	if (!ss->sv_ok || !ss->sv->disagg.on)
		return false;
	const DisaggReport *d = &ss->sv->disagg;
	double tokens_per_s = d->capacity_rps * ss->s->workload.output_len;
	switch (item) {
	case F_TTFT: *v = d->prefill.ttft_s + d->kv.exposed_s; return true;
	case F_TOKS: *v = tokens_per_s; return true;
	case F_RPS: *v = d->capacity_rps; return true;
	case F_PER_GPU: *v = d->gpus > 0 ? tokens_per_s / d->gpus : 0; return true;
	default: return false;
	}
}

/* The label (lbuf[ln] holds a built one), value, verdict against its SLO,
 * and the SLO in words. */
static int
figure_text(const Session *ss, int item, const char **label, char *lbuf, size_t ln, char *val, size_t vn,
    char *slo, size_t sn)
{
	const Scenario *s = ss->s;
	const Result *r = ss->r;
	const Slo *o = &s->workload.slo;
	char a[32], b[32];
	double v = 0;

	*label = figure_field(item) ? figure_field(item)->label : figure_paths[item];
	if (item == F_TTFT || item == F_TPOT)
		*label = static_label(s, item, lbuf, ln);
	slo[0] = '\0';
	if (r->status != EVAL_OK) {
		snprintf(val, vn, "-");
		return VERDICT_NONE;
	}
	if (!figure_path(item)) {
		const ServingReport *sv = ss->sv;
		int dp = s->strategy.dp > 0 ? s->strategy.dp : 1;
		if (!ss->sv_ok) {
			snprintf(val, vn, "-");
			snprintf(slo, sn, "not served");
			return VERDICT_NONE;
		}
		switch (item) {
		case F_SV_TTFT: return serving_latency(ss, true, label, val, vn, slo, sn);
		case F_SV_TPOT: return serving_latency(ss, false, label, val, vn, slo, sn);
		case F_SV_MAX:
			fmt_rate_number(sv->rate_max_rps * dp, val, vn);
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
	if (!disagg_figure(ss, item, &v))
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
	case F_TOKS: {
		/* rates through the one formatter (units.h fmt_rate_number) */
		double per_gpu = r->throughput.tokens_per_s_per_gpu;
		disagg_figure(ss, F_PER_GPU, &per_gpu);
		fmt_rate_number(v, val, vn);
		snprintf(slo, sn, "%s/GPU", fmt_rate_number(per_gpu, a, sizeof a));
		return VERDICT_NONE;
	}
	case F_RPS:
		fmt_rate_number(v, val, vn);
		if (o->rps > 0) {
			snprintf(slo, sn, "target %s", fmt_rate_number(o->rps, a, sizeof a));
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
	case F_SPEC:
		if (!r->spec.on) {
			snprintf(val, vn, "off");
			snprintf(slo, sn, "spec_tokens 0");
			return VERDICT_NONE;
		}
		snprintf(val, vn, "%.2fx", v);
		int breakeven = ss->spec_breakeven;
		if (breakeven > 0)
			snprintf(slo, sn, "%s k%d, <1x from batch %d", spec_method_name(r->spec.method),
			    r->spec.tokens, breakeven);
		else
			snprintf(slo, sn, "%s k%d, pays to batch %d", spec_method_name(r->spec.method),
			    r->spec.tokens, r->spec.batch_limit);
		return v >= 1 ? VERDICT_OK : VERDICT_FAIL;
	case F_PREFIX:
		if (r->prefix.cached_tokens <= 0) {
			snprintf(val, vn, "off");
			snprintf(slo, sn, "nothing cached");
			return VERDICT_NONE;
		}
		snprintf(val, vn, "%.2fx", v);
		snprintf(slo, sn, "%s of %s cached", fmt_int(r->prefix.cached_tokens, a, sizeof a),
		    fmt_int(s->workload.input_len, b, sizeof b));
		return VERDICT_NONE;
	case F_EP_A2A: case F_EP_SLOTS: {
		const EpResult *e = &r->latency.ep;
		if (e->nodes <= 0) {
			snprintf(val, vn, "off");
			snprintf(slo, sn, "no EP");
			return VERDICT_NONE;
		}
		if (item == F_EP_SLOTS) {
			snprintf(val, vn, "%d/GPU", e->experts_per_gpu);
			snprintf(slo, sn, "+%d redundant, %.2fx load", s->strategy.ep_redundant,
			    r->latency.moe_load_factor);
			return VERDICT_NONE;
		}
		double all = e->decode.nvlink_bytes + e->decode.rdma_bytes;
		fmt_seconds(v, val, vn);
		snprintf(slo, sn, "%s, %.0f%% NVLink", ep_mode_name(e->decode_mode),
		    all > 0 ? 100 * e->decode.nvlink_bytes / all : 0);
		return VERDICT_NONE;
	}
	default: return VERDICT_NONE;
	}
}

/* Item's error band, by its field-table row (core/bands.h), into buf[n]
 * ("" when none); label picks the serving quantile drawn. */
static void
figure_band(const Session *ss, int item, const char *label, char *buf, size_t n)
{
	const ResultField *f = figure_field(item);
	FieldValue v = { .kind = FIELD_NUM };
	Band b;

	buf[0] = '\0';
	if (ss->r->status != EVAL_OK || disagg_figure(ss, item, &v.num))
		return;         /* eval's band is not the deployment's figure's */
	if (f && !(f->flags & FIELD_SERVING)) {
		if (field_get(f, ss->s, ss->r, -1, &v) != 0)
			return;
	} else if (item == F_SV_TTFT || item == F_SV_TPOT) {
		if (!ss->sv_ok)
			return;
		const ServingPoint *p = ss->sv->has_target ? &ss->sv->at_target : &ss->sv->at_max;
		bool p50 = strstr(label, "p50") != NULL, ttft = item == F_SV_TTFT;
		if (!p->stable)
			return;
		f = field_find(ttft ? (p50 ? "serving.at_target.ttft_p50_s" : "serving.at_target.ttft_p99_s") :
		    (p50 ? "serving.at_target.tpot_p50_s" : "serving.at_target.tpot_p99_s"));
		v.num = ttft ? (p50 ? p->ttft_p50_s : p->ttft_p99_s) : (p50 ? p->tpot_p50_s : p->tpot_p99_s);
	} else {
		return;
	}
	if (field_band(f, ss->s, &v, &b) == 0)
		field_format_band(f, &v, &b, buf, n);
}

static void
figures_draw(Widget *w, const Session *ss, Grid *g)
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
	serving_summary(ss, head, sizeof head);
	panel_title(p, ss, g, head);
	for (int i = 0; i < p->n; i++) {
		int y = r.y + 1 + i / 2, x = r.x + (i % 2) * cw, wdt = i % 2 ? r.w - cw : cw - 1;
		char val[48], slo[64], lbuf[32];
		const char *label;
		bool sel = panel_focused(p) && i == p->sel;
		int item = slot_item(i);
		int verdict = figure_text(ss, item, &label, lbuf, sizeof lbuf, val, sizeof val, slo, sizeof slo);
		char band[48], note[160], at[48] = "";
		figure_band(ss, item, label, band, sizeof band);
		/* the serving rows' rate, where it fits: "at 8.00/s p99 1.00 s" */
		if ((item == F_SV_TTFT || item == F_SV_TPOT) && ss->sv_ok && ss->sv->has_target) {
			char rn[32];
			snprintf(at, sizeof at, "at %s/s", fmt_rate_number(ss->s->workload.slo.rps, rn, sizeof rn));
		}
		/* the SLO, then the rate and the figure's error band where all of it fits */
		int room = x + wdt - (x + 26);
		size_t used = strlen(slo);
		snprintf(note, sizeof note, "%s", slo);
		if (*at && (int)(used + strlen(at) + 1) <= room) {
			snprintf(note, sizeof note, "%s%s%s", at, *slo ? " " : "", slo);
			used = strlen(note);
		}
		if (*band && (int)(used + strlen(band) + 1) <= room) {
			size_t l = strlen(note);
			snprintf(note + l, sizeof note - l, "%s%s", l ? " " : "", band);
		}

		fp->pos[i] = (FigurePos){ y, x, wdt };
		grid_fill(g, (Rect){ y, x, 1, 10 }, ' ', sel ? ROLE_FOCUS : ROLE_LABEL);
		grid_put(g, y, x + 1, FIG_LABEL_W, sel ? ROLE_FOCUS : ROLE_LABEL, label);
		grid_putf(g, y, x + 10, 11, ROLE_VALUE, "%10s", val);
		int vx = x + 21;
		if (verdict == VERDICT_OK)
			grid_put(g, y, vx + 1, 4, ROLE_OK, "ok");
		else if (verdict == VERDICT_FAIL)
			grid_put(g, y, vx, 4, ROLE_ERROR, "FAIL");
		vx += 5;
		if (x + wdt - vx > 0)
			grid_put_fit(g, ss->theme, y, vx, x + wdt - vx, ROLE_DIM, note);
	}
}

/* The explanation of slot i's figure into buf[n]. */
void
figure_explain(App *app, int i, char *buf, size_t n)
{
	int item = slot_item(i);
	double v;
	if (!figure_path(item) || disagg_figure(app_session(app), item, &v)) {
		serving_text(app_session(app), buf, n);
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
	double v;
	if (!figure_path(item) || disagg_figure(app_session(app), item, &v)) {
		serving_text(app_session(app), buf, sizeof buf);
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

const WidgetClass figures_class = {
	.name = "figures", .draw = figures_draw, .handle_key = figures_key,
};
