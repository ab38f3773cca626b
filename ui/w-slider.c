/* w-slider.c: sliders, fields and typed numbers; see w-slider.h. */
#include "w-slider.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "core/layout.h"
#include "core/units.h"
#include "util/xmalloc.h"
#include "w-list.h"

/* ---- typed numbers ----------------------------------------------------- */

static bool
number_char(int key)
{
	return (key >= '0' && key <= '9') || key == '.' || key == 'k' || key == 'K' || key == 'M' ||
	    key == 'm' || key == 's' || key == 'u';
}

int
numedit_key(NumEdit *e, App *app, ParamId id, int key)
{
	size_t len = strlen(e->buf);
	char *cause = NULL;

	if (!e->on) {
		if (key == TK_ENTER) {
			e->on = true;
			e->buf[0] = '\0';
			app_msg(app, ROLE_MESSAGE, "type a value for %s (%s), Enter sets it, Esc cancels",
			    param_def(id)->name, *param_def(id)->unit ? param_def(id)->unit : "count");
			return H_HANDLED | H_REDRAW;
		}
		if (key >= '0' && key <= '9') {
			e->on = true;
			e->buf[0] = (char)key;
			e->buf[1] = '\0';
			return H_HANDLED | H_REDRAW;
		}
		return H_NONE;
	}
	if (key == TK_ESC || key == TK_INTERRUPT) {
		e->on = false;
		app_msg(app, ROLE_MESSAGE, "cancelled");
		return H_HANDLED | H_REDRAW;
	}
	if (key == TK_BACKSPACE || key == 127 || key == 8) {
		if (len > 0)
			e->buf[len - 1] = '\0';
		return H_HANDLED | H_REDRAW;
	}
	if (key == TK_ENTER) {
		e->on = false;
		if (len == 0)
			return H_HANDLED | H_REDRAW;
		if (app_set(app, param_def(id)->name, e->buf, &cause) != 0) {
			app_msg(app, ROLE_ERROR, "%s", cause);
			free(cause);
		}
		return H_HANDLED | H_REDRAW | H_RECOMPUTE;
	}
	if (number_char(key) && len + 1 < sizeof e->buf) {
		e->buf[len] = (char)key;
		e->buf[len + 1] = '\0';
	}
	/* everything else is swallowed while typing */
	return H_HANDLED | H_REDRAW;
}

char *
param_value_text(const Session *ss, ParamId id, char *buf, size_t n)
{
	double v = param_get(ss->s, id);
	const ParamDef *d = param_def(id);

	if (id == PARAM_MICRO_BATCHES && v == 0)
		snprintf(buf, n, "auto");
	else if ((id == PARAM_MAX_BATCHED_TOKENS || id == PARAM_MAX_MODEL_LEN) && v == 0)
		snprintf(buf, n, "auto");
	else if (strcmp(d->unit, "s") == 0)
		v > 0 ? fmt_seconds(v, buf, n) : (void)snprintf(buf, n, "off");
	else if (id == PARAM_RPS)
		v > 0 ? (void)snprintf(buf, n, "%.2f/s", v) : (void)snprintf(buf, n, "off");
	else if (!d->integer)
		snprintf(buf, n, "%.2f", v);
	else
		fmt_int(v, buf, n);
	return buf;
}

static int
step(App *app, ParamId id, int dir)
{
	char *why = NULL;
	if (app_step_param(app, id, dir, &why) != 0) {
		app_msg(app, ROLE_WARN, "%s", why);
		free(why);
		return H_HANDLED | H_REDRAW;
	}
	return H_HANDLED | H_REDRAW | H_RECOMPUTE;
}

/* ---- sliders ---------------------------------------------------------- */

Slider *
slider_new(ParamId id, const char *label)
{
	Slider *s = xcalloc(1, sizeof *s);
	s->base.cls = &slider_class;
	s->id = id;
	s->label = label;
	return s;
}

/* The top of a length slider's track: where values stop making sense. */
static double
track_max(const Session *ss, ParamId id)
{
	const Scenario *s = ss->s;
	switch (id) {
	case PARAM_INPUT_LEN: case PARAM_OUTPUT_LEN:
		return s->model.max_position > 0 ? s->model.max_position : 131072;
	case PARAM_PREFIX_LEN:
		return s->workload.input_len > 1 ? s->workload.input_len : 2;
	case PARAM_BATCH:
		return s->runtime.max_num_seqs > 0 ? s->runtime.max_num_seqs * 4 : 1024;
	case PARAM_MICRO_BATCHES:
		return s->workload.batch > 1 ? s->workload.batch : 2;
	default:
		return param_def(id)->max;
	}
}

static void
draw_track(Slider *sl, const Session *ss, Grid *g, int y, int x, int w, double v)
{
	const Theme *t = ss->theme;
	double max = track_max(ss, sl->id);
	double pos = v <= 1 ? 0 : log2(v) / log2(max > 2 ? max : 2);
	char hi[32];

	fmt_count(max, hi, sizeof hi);
	if (max >= 1024 && fmod(max, 1024) == 0)
		snprintf(hi, sizeof hi, "%gk", max / 1024);
	int lw = utf8_width(hi) + 1;
	int tw = w - lw;
	if (tw < 4) {
		tw = w;
		lw = 0;
	}
	if (pos > 1)
		pos = 1;
	int k = (int)floor(pos * (tw - 1) + 0.5);
	for (int i = 0; i < tw; i++)
		grid_put(g, y, x + i, 1, ROLE_TRACK, t->g.track);
	grid_put(g, y, x + k, 1, v > max ? ROLE_ERROR : ROLE_KNOB, t->g.knob);
	if (lw)
		grid_put(g, y, x + tw + 1, lw - 1, ROLE_DIM, hi);
	sl->track_x = x;
	sl->track_w = tw;
}

/* Why the next value above the valid ones is not offered, in a few words
 * ("16: layout needs 16 GPUs (TP 16 x PP 1 x DP 1), the cluster has 8"). */
static void
why_not_more(const Session *ss, ParamId id, double max_valid, Grid *g, int y, int x, int w)
{
	char why[512], line[560];
	double cand = id == PARAM_TP || id == PARAM_EP ? max_valid * 2 : max_valid + 1;
	Check fault;
	/* in LayoutKnob order */
	ParamId knob[] = { PARAM_TP, PARAM_PP, PARAM_DP, PARAM_EP, PARAM_ETP };
	int k = 0;
	while (k < 5 && knob[k] != id)
		k++;
	Strategy t = k == LAYOUT_TP ?
	    layout_with_tp(&ss->s->model, &ss->s->cluster, &ss->s->strategy, (int)cand) :
	    k < 5 ? layout_with(&ss->s->strategy, (LayoutKnob)k, (int)cand) : ss->s->strategy;
	if (k < 5 && layout_fault(&ss->s->model, &ss->s->cluster, &t, &fault) &&
	    fault.id == CHECK_GPU_COUNT) {
		/* core/layout.c's rule, in a few words; fewer when narrow */
		snprintf(line, sizeof line, "%g: needs %d GPUs of %d", cand, fault.a.gpu_count.need,
		    fault.a.gpu_count.have);
		if (utf8_width(line) > w)
			snprintf(line, sizeof line, "%g: %d GPUs > %d", cand, fault.a.gpu_count.need,
			    fault.a.gpu_count.have);
	} else {
		if (!session_param_invalid(ss, id, cand, why, sizeof why))
			return;
		char *fix = strstr(why, "; fix");
		if (fix)
			*fix = '\0';
		snprintf(line, sizeof line, "%g: %s", cand, why);
	}
	grid_put_fit(g, ss->theme, y, x, w, ROLE_DIM, line);
}

static void
slider_draw(Widget *w, const Session *ss, Grid *g)
{
	Slider *sl = (Slider *)w;
	Rect r = w->rect;
	char val[32];
	double v = param_get(ss->s, sl->id);
	int x = r.x;

	sl->n_hits = 0;
	sl->track_w = 0;
	grid_fill(g, (Rect){ r.y, r.x, 1, 8 }, ' ', w->focused ? ROLE_FOCUS : ROLE_LABEL);
	grid_put(g, r.y, x + 1, 7, w->focused ? ROLE_FOCUS : ROLE_LABEL, sl->label);
	x += 8;
	if (sl->edit.on) {
		char e[40];
		snprintf(e, sizeof e, "%s_", sl->edit.buf);
		grid_fill(g, (Rect){ r.y, x, 1, 8 }, ' ', ROLE_EDIT);
		grid_put(g, r.y, x, 8, ROLE_EDIT, e);
		grid_put(g, r.y, x + 9, r.w - 17, ROLE_DIM, "Enter sets, Esc cancels");
		return;
	}
	param_value_text(ss, sl->id, val, sizeof val);
	grid_putf(g, r.y, x, 7, ROLE_VALUE, "%6s", val);
	x += 8;
	int w_left = r.x + r.w - x;
	if (w_left < 4)
		return;

	if (sl->id == PARAM_EP && ss->s->model.n_experts == 0) {
		grid_put(g, r.y, x, w_left, ROLE_DIM, "dense model: no experts");
		return;
	}
	if (sl->id == PARAM_MICRO_BATCHES && ss->s->strategy.pp == 1) {
		grid_put(g, r.y, x, w_left, ROLE_DIM, "pipelines only (PP > 1)");
		return;
	}
	double opts[64];
	int n = session_param_options(ss, sl->id, opts, 64);
	if (n > 0) {
		/* the valid values themselves, when they fit */
		int need = 0;
		for (int i = 0; i < n; i++) {
			char b[16];
			need += snprintf(b, sizeof b, "%g", opts[i]) + 1;
		}
		if (need <= w_left && n <= SLIDER_HITS) {
			bool found = false;
			for (int i = 0; i < n; i++) {
				char b[16];
				int len = snprintf(b, sizeof b, "%g", opts[i]);
				bool cur = opts[i] == v;
				found |= cur;
				grid_put(g, r.y, x, len, cur ? ROLE_KNOB : ROLE_TRACK, b);
				sl->hits[sl->n_hits++] = (SliderHit){ x, len, opts[i] };
				x += len + 1;
			}
			if (!found && x < r.x + r.w)
				x += grid_put(g, r.y, x, r.x + r.w - x, ROLE_ERROR, "invalid") + 1;
			if (w->focused && x + 8 < r.x + r.w)
				why_not_more(ss, sl->id, opts[n - 1], g, r.y, x, r.x + r.w - x);
			return;
		}
		/* too many to list: a track over the valid range */
		char range[48];
		snprintf(range, sizeof range, "%g..%g", opts[0], opts[n - 1]);
		int tw = w_left - (int)strlen(range) - 1;
		if (tw >= 4) {
			int k = opts[n - 1] > opts[0] ? (int)floor((v - opts[0]) / (opts[n - 1] - opts[0]) *
			    (tw - 1) + 0.5) : 0;
			for (int i = 0; i < tw; i++)
				grid_put(g, r.y, x + i, 1, ROLE_TRACK, ss->theme->g.track);
			if (k >= 0 && k < tw)
				grid_put(g, r.y, x + k, 1, ROLE_KNOB, ss->theme->g.knob);
			grid_put(g, r.y, x + tw + 1, -1, ROLE_DIM, range);
		}
		return;
	}
	switch (sl->id) {
	case PARAM_TP: case PARAM_PP: case PARAM_DP: case PARAM_EP: case PARAM_ETP:
		grid_put_fit(g, ss->theme, r.y, x, w_left, ROLE_ERROR, "none valid: see checks");
		return;
	default:
		break;
	}
	draw_track(sl, ss, g, r.y, x, w_left, v);
}

static int
slider_key(Widget *w, App *app, int key)
{
	Slider *sl = (Slider *)w;
	int f = numedit_key(&sl->edit, app, sl->id, key);
	if (f != H_NONE)
		return f;
	switch (key) {
	case TK_LEFT: case 'h': case '-': case '_': case TK_WHEEL_DOWN:
		return step(app, sl->id, -1);
	case TK_RIGHT: case 'l': case '+': case '=': case TK_WHEEL_UP:
		return step(app, sl->id, +1);
	case TK_CLICK:
		for (int i = 0; i < sl->n_hits; i++) {
			if (app->mouse_x >= sl->hits[i].x && app->mouse_x < sl->hits[i].x + sl->hits[i].w) {
				char *cause = NULL;
				if (app_set_param(app, sl->id, sl->hits[i].v, &cause) != 0) {
					app_msg(app, ROLE_ERROR, "%s", cause);
					free(cause);
				}
				return H_HANDLED | H_REDRAW | H_RECOMPUTE;
			}
		}
		if (sl->track_w > 1 && app->mouse_x >= sl->track_x &&
		    app->mouse_x < sl->track_x + sl->track_w) {
			/* a click on a length track: the power of two at that spot */
			double max = track_max(app_session(app), sl->id);
			double pos = (double)(app->mouse_x - sl->track_x) / (sl->track_w - 1);
			double v = pow(2, floor(pos * log2(max) + 0.5));
			char why[256], *cause = NULL;
			if (v < param_def(sl->id)->min)
				v = param_def(sl->id)->min;
			if (app_param_invalid(app, sl->id, v, why, sizeof why)) {
				app_msg(app, ROLE_WARN, "%s %g: %s", param_def(sl->id)->name, v, why);
			} else if (app_set_param(app, sl->id, v, &cause) != 0) {
				app_msg(app, ROLE_ERROR, "%s", cause);
				free(cause);
			}
			return H_HANDLED | H_REDRAW | H_RECOMPUTE;
		}
		return H_HANDLED | H_REDRAW;
	default:
		return H_NONE;
	}
}

const WidgetClass slider_class = {
	.name = "slider",
	.draw = slider_draw,
	.handle_key = slider_key,
};

/* ---- fields --------------------------------------------------------- */

Field *
field_pick_new(const char *label, const char *key)
{
	Field *f = xcalloc(1, sizeof *f);
	f->base.cls = &field_class;
	f->label = label;
	f->key = key;
	f->param = -1;
	return f;
}

Field *
field_number_new(const char *label, ParamId id)
{
	Field *f = xcalloc(1, sizeof *f);
	f->base.cls = &field_class;
	f->label = label;
	f->key = param_def(id)->name;
	f->param = (int)id;
	return f;
}

/* The value and a dim note for a pick field. */
static void
pick_text(const Field *f, const Session *ss, char *val, size_t vn, char *note, size_t nn)
{
	const Scenario *s = ss->s;
	char a[32], b[32];

	note[0] = '\0';
	if (strcmp(f->key, "model") == 0) {
		ModelParams p;
		snprintf(val, vn, "%s", s->model.name);
		model_params(&s->model, &p);
		if (model_is_moe(&s->model))
			snprintf(note, nn, "%s, %s active", fmt_count(p.total, a, sizeof a),
			    fmt_count(p.active, b, sizeof b));
		else
			snprintf(note, nn, "%s params", fmt_count(p.total, a, sizeof a));
	} else if (strcmp(f->key, "cluster") == 0) {
		snprintf(val, vn, "%s", s->cluster.name);
		snprintf(note, nn, "%dx %s %s", cluster_gpus(&s->cluster), s->cluster.gpu.name,
		    fmt_bytes(s->cluster.gpu.memory_bytes, a, sizeof a));
	} else if (strcmp(f->key, "runtime") == 0) {
		snprintf(val, vn, "%s", s->runtime.name);
		snprintf(note, nn, "KV block %d", s->runtime.kv_block_tokens);
	} else if (strcmp(f->key, "dtype") == 0) {
		snprintf(val, vn, "%s", dtype_name(s->strategy.weight_dtype));
		Dtype x = strategy_expert_dtype(&s->strategy);
		if (model_is_moe(&s->model) && x != s->strategy.weight_dtype)
			snprintf(note, nn, "compute %s; experts %s", dtype_name(eval_compute_dtype(s)),
			    dtype_name(x));
		else
			snprintf(note, nn, "compute %s", dtype_name(eval_compute_dtype(s)));
	} else if (strcmp(f->key, "kv_dtype") == 0) {
		snprintf(val, vn, "%s", dtype_name(s->strategy.kv_dtype));
	} else {
		snprintf(val, vn, "%s", ss->label);
	}
}

static void
field_draw(Widget *w, const Session *ss, Grid *g)
{
	Field *f = (Field *)w;
	const Theme *t = ss->theme;
	Rect r = w->rect;
	char val[96], note[96];
	int x = r.x + 10;

	grid_fill(g, (Rect){ r.y, r.x, 1, 10 }, ' ', w->focused ? ROLE_FOCUS : ROLE_LABEL);
	grid_put(g, r.y, r.x + 1, 9, w->focused ? ROLE_FOCUS : ROLE_LABEL, f->label);
	if (f->edit.on) {
		char e[40];
		snprintf(e, sizeof e, "%s_", f->edit.buf);
		grid_fill(g, (Rect){ r.y, x, 1, 10 }, ' ', ROLE_EDIT);
		grid_put(g, r.y, x, 10, ROLE_EDIT, e);
		grid_put(g, r.y, x + 11, r.w - 21, ROLE_DIM, "Enter sets, Esc cancels");
		return;
	}
	if (f->param >= 0) {
		param_value_text(ss, (ParamId)f->param, val, sizeof val);
		note[0] = '\0';
		if (f->param == PARAM_MEM_UTIL) {
			char a[32];
			snprintf(note, sizeof note, "of %s", fmt_bytes(ss->s->cluster.gpu.memory_bytes, a,
			    sizeof a));
		}
	} else {
		pick_text(f, ss, val, sizeof val, note, sizeof note);
	}
	int used = grid_put_fit(g, t, r.y, x, r.x + r.w - x, ROLE_VALUE, val);
	if (*note && x + used + 2 < r.x + r.w)
		grid_put_fit(g, t, r.y, x + used + 2, r.x + r.w - x - used - 2, ROLE_DIM, note);
}

/* Cycle a pick field to the previous/next catalog entry. */
static int
cycle(Field *f, App *app, int dir)
{
	char **names = NULL, val[96], note[96], *cause = NULL;
	int n = picklist_names(app, f->key, &names), at = -1, rc;

	pick_text(f, app_session(app), val, sizeof val, note, sizeof note);
	if (strcmp(f->key, "model") == 0 && app->setup.model)
		snprintf(val, sizeof val, "%s", app->setup.model);
	for (int i = 0; i < n; i++)
		if (strcmp(names[i], val) == 0)
			at = i;
	if (n == 0) {
		catalog_list_free(names, n);
		return H_HANDLED;
	}
	int next = at < 0 ? 0 : (at + dir + n) % n;
	if (strcmp(f->key, "preset") == 0)
		rc = app_load(app, names[next], &cause);
	else
		rc = app_set(app, f->key, names[next], &cause);
	if (rc != 0) {
		app_msg(app, ROLE_ERROR, "%s", cause);
		free(cause);
	}
	catalog_list_free(names, n);
	return H_HANDLED | H_REDRAW | H_RECOMPUTE;
}

static int
field_key(Widget *w, App *app, int key)
{
	Field *f = (Field *)w;

	if (f->param >= 0) {
		int r = numedit_key(&f->edit, app, (ParamId)f->param, key);
		if (r != H_NONE)
			return r;
	}
	switch (key) {
	case TK_ENTER: case TK_CLICK:
		if (f->param >= 0)
			return numedit_key(&f->edit, app, (ParamId)f->param, TK_ENTER);
		app_set_modal(app, &picklist_for(app, f->key)->base);
		return H_HANDLED | H_REDRAW;
	case TK_LEFT: case 'h': case '-': case TK_WHEEL_DOWN:
		return f->param >= 0 ? step(app, (ParamId)f->param, -1) : cycle(f, app, -1);
	case TK_RIGHT: case 'l': case '+': case '=': case TK_WHEEL_UP:
		return f->param >= 0 ? step(app, (ParamId)f->param, +1) : cycle(f, app, +1);
	default:
		return H_NONE;
	}
}

const WidgetClass field_class = {
	.name = "field",
	.draw = field_draw,
	.handle_key = field_key,
};
