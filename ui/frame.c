/* frame.c: what surrounds every screen (tab bar, status line, message or
 * command line, a modal popup, "terminal too small") and where keys go
 * first; see frame.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frame.h"
#include "cmdline.h"
#include "keys.h"
#include "ranking.h"
#include "util/xmalloc.h"
#include "w-quit.h"
#include "w-text.h"

void
app_resize(App *a, int rows, int cols)
{
	a->rows = rows;
	a->cols = cols;
	a->too_small = rows < APP_MIN_ROWS || cols < APP_MIN_COLS;
	grid_resize(&a->grid, rows, cols);
}

/* ---- drawing ------------------------------------------------------- */

/* The tab labels, " k Name " each; compact (" k Name", the shown one
 * " k Name ") when they and the verdict would not fit.  Returns the width. */
static int
tab_labels(App *a, bool compact, char labels[][64])
{
	int w = 0;
	for (int i = 0; i < a->n_screens; i++) {
		const ScreenClass *c = a->screens[i]->cls;
		const char *pad = compact && i != a->cur ? "" : " ";
		if (c->key)
			snprintf(labels[i], sizeof labels[0], " %c %s%s", c->key, c->tab, pad);
		else
			snprintf(labels[i], sizeof labels[0], " %s%s", c->tab, pad);
		w += utf8_width(labels[i]);
	}
	return w;
}

static void
draw_tabs(App *a, Grid *g)
{
	AppVerdict v = app_verdict(a);
	Role role = v == APP_FEASIBLE ? ROLE_OK : ROLE_ERROR;
	char labels[16][64], verdict[32];
	int x = 0;

	/* the verdict agrees with `shardlab eval`'s exit status */
	snprintf(verdict, sizeof verdict, " %s ", app_verdict_name(v));
	int vw = utf8_width(verdict);
	int tabs_w = tab_labels(a, false, labels);
	if (tabs_w + vw + 1 > a->cols)
		tabs_w = tab_labels(a, true, labels);
	if (tabs_w + vw + 1 > a->cols) {
		/* still too wide: the verdict without its padding */
		snprintf(verdict, sizeof verdict, "%s", app_verdict_name(v));
		vw = utf8_width(verdict);
	}
	grid_fill(g, (Rect){ 0, 0, 1, a->cols }, ' ', ROLE_TAB);
	/* the name only when the verdict still fits */
	if (10 + tabs_w + vw + 1 <= a->cols)
		x += grid_put(g, 0, x, -1, ROLE_TAB_ACTIVE, " shardlab ") + 1;
	for (int i = 0; i < a->n_screens; i++) {
		int w = utf8_width(labels[i]);
		a->tab_rect[i] = (Rect){ 0, 0, 0, 0 };
		if (x + w > a->cols)
			break;
		a->tab_rect[i] = (Rect){ 0, x, 1, w };
		grid_put(g, 0, x, w, i == a->cur ? ROLE_TAB_ACTIVE : ROLE_TAB, labels[i]);
		x += w;
	}
	if (x + vw + 1 <= a->cols)
		grid_put(g, 0, a->cols - vw, vw, role, verdict);
}

/* One hint "KEY Word" at x (when draw), htop's FunctionBar: the key in
 * the active tab's style, the word in the status line's; returns its
 * width with a space after. */
static int
hint(App *a, Grid *g, int y, int x, bool draw, const char *key, int key_len, const char *word,
    int word_len)
{
	if (draw) {
		char k[32], w[32];
		snprintf(k, sizeof k, "%.*s", key_len, key);
		snprintf(w, sizeof w, "%.*s", word_len, word);
		int kw = grid_put(g, y, x, -1, ROLE_TAB_ACTIVE, k);
		grid_put(g, y, x + kw, -1, ROLE_STATUS, w);
	}
	(void)a;
	return key_len + word_len + 1;
}

/* The hint bar from the shown screen's hints and the key table (keys.c),
 * as many as fit in maxw; draws them at x when draw.  Returns the width. */
static int
draw_hints(App *a, Grid *g, int y, int x, int maxw, bool draw)
{
	const char *own = a->screens[a->cur]->cls->hints;
	int used = 0;

	/* the table's keys first (they work everywhere), then the screen's */
	for (const KeyDef *k = tui_keys_table; k->name; k++) {
		if (!k->bar_key)
			continue;
		int kl = (int)strlen(k->bar_key), wl = (int)strlen(k->bar);
		if (used + kl + wl + 1 > maxw)
			return used;
		used += hint(a, g, y, x + used, draw, k->bar_key, kl, k->bar, wl);
	}
	for (const char *p = own; p && *p;) {
		const char *tab = strchr(p, '\t'), *nl = strchr(p, '\n');
		if (!tab)
			break;
		int kl = (int)(tab - p), wl = nl ? (int)(nl - tab - 1) : (int)strlen(tab + 1);
		if (used + kl + wl + 1 > maxw)
			return used;
		used += hint(a, g, y, x + used, draw, p, kl, tab + 1, wl);
		p = nl ? nl + 1 : tab + 1 + wl;
	}
	return used;
}

static void
draw_status(App *a, Grid *g, int y)
{
	char left[5][384];
	const Strategy *st = &a->s->strategy;
	int gpus = cluster_gpus(&a->s->cluster);
	char extra[64];

	grid_fill(g, (Rect){ y, 0, 1, a->cols }, ' ', ROLE_STATUS);
	snprintf(extra, sizeof extra, "%s%s%s", a->pinned ? " | A pinned" : "",
	    a->job.pid ? " | script running" : "", app_search_running(a) ? " | searching" : "");
	/* the GPUs in use: with disaggregation the prefill pool's too (on
	 * the cluster's GPUs, or beside them when it has its own type) */
	int used = st->tp * st->pp * st->dp;
	char pool[48] = "", tight[48] = "";
	if (disagg_on(a->s)) {
		const Disagg *d = &a->s->disagg;
		used += disagg_prefill_gpus(a->s);
		if (d->prefill_gpu_set)
			gpus += disagg_prefill_gpus(a->s);
		if (d->prefill_pp > 1)
			snprintf(pool, sizeof pool, " + %dP x TP %d x PP %d", d->prefill_dp, d->prefill_tp,
			    d->prefill_pp);
		else
			snprintf(pool, sizeof pool, " + %dP x TP %d", d->prefill_dp, d->prefill_tp);
		snprintf(tight, sizeof tight, " +%dP TP%d PP%d", d->prefill_dp, d->prefill_tp, d->prefill_pp);
	}
	/* the scenario, shorter until the hint bar has room for its first keys */
	snprintf(left[0], sizeof left[0], " %s%s %s %s on %s, TP %d x PP %d x DP %d%s = %d/%d GPUs%s",
	    a->label, a->modified ? " [+]" : "", a->theme.g.vline, a->s->model.name, a->s->cluster.name,
	    st->tp, st->pp, st->dp, pool, used, gpus, extra);
	snprintf(left[1], sizeof left[1], " %s%s %s TP %d x PP %d x DP %d%s = %d/%d GPUs%s", a->label,
	    a->modified ? " [+]" : "", a->theme.g.vline, st->tp, st->pp, st->dp, pool, used, gpus, extra);
	/* the layout in the field's compact notation (TP8 PP1 DP9) keeps the
	 * GPU count at 80 columns; the last form drops it */
	snprintf(left[2], sizeof left[2], " %s%s %s TP%d PP%d DP%d%s = %d/%d GPUs%s", a->label,
	    a->modified ? " [+]" : "", a->theme.g.vline, st->tp, st->pp, st->dp, tight, used, gpus, extra);
	snprintf(left[3], sizeof left[3], " %s%s %s TP%d PP%d DP%d%s = %d/%d%s", a->label,
	    a->modified ? " [+]" : "", a->theme.g.vline, st->tp, st->pp, st->dp, tight, used, gpus, extra);
	snprintf(left[4], sizeof left[4], " %s%s %s TP%d PP%d DP%d%s%s", a->label,
	    a->modified ? " [+]" : "", a->theme.g.vline, st->tp, st->pp, st->dp, tight, extra);
	int want = draw_hints(a, g, y, 0, a->cols, false), pick = 0;
	/* the full line while the hints keep at least their first six keys' room */
	int room = want < 34 ? want : 34;
	while (pick < 4 && utf8_width(left[pick]) + 2 + room > a->cols)
		pick++;
	int lw = utf8_width(left[pick]);
	if (lw > a->cols)
		lw = a->cols;
	grid_put_fit(g, &a->theme, y, 0, lw, ROLE_STATUS, left[pick]);
	int hw = draw_hints(a, g, y, 0, a->cols - lw - 2, false);
	if (hw > 0)
		draw_hints(a, g, y, a->cols - hw, hw, true);
}

static void
draw_too_small(App *a, Grid *g)
{
	char line[128];
	int y = a->rows / 2 - 1;

	snprintf(line, sizeof line, "terminal too small: %dx%d", a->cols, a->rows);
	grid_put(g, y < 0 ? 0 : y, 0, -1, ROLE_ERROR, line);
	snprintf(line, sizeof line, "shardlab needs %dx%d; resize, or q to quit", APP_MIN_COLS,
	    APP_MIN_ROWS);
	grid_put(g, y + 1, 0, -1, ROLE_DEFAULT, line);
	if (a->modal && a->modal->cls == &quit_class)
		grid_put(g, y + 2, 0, -1, ROLE_WARN, "unsaved: s save, d discard, Esc stay");
	if (a->cmd_active && a->rows > 3)
		cmdline_draw(a, g, a->rows - 1);
}

void
app_render(App *a)
{
	Grid *g = &a->grid;

	if (g->rows != a->rows || g->cols != a->cols)
		grid_resize(g, a->rows, a->cols);
	grid_clear(g);
	if (a->too_small) {
		draw_too_small(a, g);
		return;
	}
	draw_tabs(a, g);
	Rect body = { 1, 0, a->rows - 3, a->cols };
	Screen *s = a->screens[a->cur];
	s->rect = body;
	s->cls->draw(s, a, g, body);
	if (a->cmd_active && a->cmd_hint[0]) {
		/* Tab's completions, above the line being edited */
		grid_fill(g, (Rect){ a->rows - 2, 0, 1, a->cols }, ' ', ROLE_STATUS);
		grid_put_fit(g, &a->theme, a->rows - 2, 1, a->cols - 2, ROLE_STATUS, a->cmd_hint);
	} else {
		draw_status(a, g, a->rows - 2);
	}
	if (a->modal)
		widget_draw(a->modal, app_session(a), g);
	if (a->cmd_active) {
		cmdline_draw(a, g, a->rows - 1);
	} else if (utf8_width(a->msg) > a->cols && a->cols > 40) {
		/* cut: where to read it whole */
		static const char more[] = " :messages";
		int mw = (int)sizeof more - 1;
		grid_put_fit(g, &a->theme, a->rows - 1, 0, a->cols - mw, a->msg_role, a->msg);
		grid_put(g, a->rows - 1, a->cols - mw, mw, ROLE_DIM, more);
	} else {
		grid_put_fit(g, &a->theme, a->rows - 1, 0, a->cols, a->msg_role, a->msg);
	}
}

char *
app_screen_text(App *a)
{
	app_render(a);
	return grid_text(&a->grid);
}

/* ---- keys ----------------------------------------------------------- */

static int
switch_screen(App *a, int i)
{
	if (i < 0 || i >= a->n_screens)
		return H_HANDLED;
	app_show_index(a, i);
	return H_HANDLED | H_REDRAW;
}

static int
global_key(App *a, int key)
{
	/* the table of every screen's keys (keys.c), then the screens' own */
	const KeyDef *k = keys_find(key);
	if (k)
		return k->fn(a, key);
	if (key == TK_CLICK) {
		for (int i = 0; i < a->n_screens; i++)
			if (rect_contains(a->tab_rect[i], a->mouse_y, a->mouse_x))
				return switch_screen(a, i);
		return H_NONE;
	}
	if (key >= TK_F2 && key <= TK_F10)
		return switch_screen(a, key - TK_F2);
	for (int i = 0; i < a->n_screens; i++)
		if (a->screens[i]->cls->key && a->screens[i]->cls->key == key)
			return switch_screen(a, i);
	return H_NONE;
}

int
app_key(App *a, int key)
{
	int f;

	if (key == TK_RESIZE)
		return H_REDRAW;
	if (a->cmd_active)
		return cmdline_key(a, key) | H_REDRAW;
	if (a->modal) {
		if (key == TK_CLICK && a->mouse_y == 0 && a->modal->cls != &quit_class) {
			app_set_modal(a, NULL);
			return global_key(a, key) | H_REDRAW;
		}
		if (key == ':' && a->modal->cls == &textview_class) {
			/* a command straight from an explanation */
			app_set_modal(a, NULL);
			cmdline_open(a, NULL);
			return H_HANDLED | H_REDRAW;
		}
		f = widget_key(a->modal, a, key);
		if (a->cmd_open) {
			/* the widget asked for the command line (the quit prompt's "save ") */
			cmdline_open(a, a->cmd_open);
			a->cmd_open = NULL;
		}
		if (f == H_NONE && (key == TK_ESC || key == 'q')) {
			app_set_modal(a, NULL);
			f = H_HANDLED;
		}
		return f | H_REDRAW;
	}
	if (a->too_small) {
		if (key == 'q' || key == TK_INTERRUPT)
			return app_request_quit(a, false) | H_REDRAW;
		if (key == ':')
			cmdline_open(a, NULL);
		return H_REDRAW;
	}
	if (key == TK_CLICK && a->mouse_y == 0)
		return global_key(a, key) | H_REDRAW;
	Screen *s = a->screens[a->cur];
	f = s->cls->handle_key ? s->cls->handle_key(s, a, key) : H_NONE;
	if (f != H_NONE)
		return f;
	return global_key(a, key);
}

int
app_keys(App *a, const char *s)
{
	int f = 0;
	for (; *s; s++)
		f |= app_key(a, *s == '\n' || *s == '\r' ? TK_ENTER : (unsigned char)*s);
	return f;
}
