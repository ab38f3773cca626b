/* p-checks.c: the main screen's checks panel: built-in and Lua checks,
 * errors first, messages wrapped when they all fit. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "s-main.h"

/* ---- checks ---------------------------------------------------------- */

/* " ERROR f ": the severity, the one-key-fix mark, a space */
#define SEV_COL_W 9

int
collect_checks(const Session *ss, CheckRow *rows)
{
	int n = 0;
	for (int sev = SEV_ERROR; sev >= SEV_INFO; sev--) {
		if (sev == SEV_ERROR && ss->lua_error)
			rows[n++] = (CheckRow){ SEV_ERROR, -1, -1 };
		for (int i = 0; i < ss->r->n_checks; i++)
			if ((int)ss->r->checks[i].severity == sev)
				rows[n++] = (CheckRow){ (Severity)sev, i, -1 };
		for (int i = 0; i < ss->n_extra && n < MAX_CHECKS + 63; i++)
			if ((int)ss->extra[i].severity == sev)
				rows[n++] = (CheckRow){ (Severity)sev, -1, i };
	}
	return n;
}

void
check_row_text(const Session *ss, const CheckRow *cr, const char **id, char *msg, size_t n)
{
	if (cr->builtin >= 0) {
		const Check *c = &ss->r->checks[cr->builtin];
		*id = check_id_name(c->id);
		check_format(ss->s, ss->r, c, msg, n);
	} else if (cr->extra >= 0) {
		*id = ss->extra[cr->extra].id;
		snprintf(msg, n, "%s", ss->extra[cr->extra].message);
	} else {
		*id = "lua";
		snprintf(msg, n, "%s", ss->lua_error ? ss->lua_error : "");
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
int
checks_panel_layout(const Session *ss, const CheckRow *rows, int n, int w, int *id_w_out)
{
	char msg[1024];
	const char *id;
	int id_w = 4, need = 0;

	for (int i = 0; i < n; i++) {
		check_row_text(ss, &rows[i], &id, msg, sizeof msg);
		int l = utf8_width(id);
		id_w = l > id_w ? l : id_w;
	}
	if (id_w > 24)
		id_w = 24;
	for (int i = 0; i < n; i++) {
		check_row_text(ss, &rows[i], &id, msg, sizeof msg);
		need += wrapped_rows(msg, w - 1 - (SEV_COL_W + id_w + 1));
	}
	if (id_w_out)
		*id_w_out = id_w;
	return need;
}

static void
checks_draw(Widget *w, const Session *ss, Grid *g)
{
	ChecksPanel *cp = (ChecksPanel *)w;
	Panel *p = &cp->p;
	Rect r = w->rect;
	int count[3] = { 0, 0, 0 };
	char head[320], msg[1024];
	static const char *const word[] = { "info", "warn", "ERROR" };
	static const Role role[] = { ROLE_INFO, ROLE_WARN, ROLE_ERROR };

	p->n = collect_checks(ss, cp->rows);
	p->rows = r.h - 1;
	panel_clamp(p);
	for (int i = 0; i < p->n; i++)
		count[cp->rows[i].sev]++;
	/* which rows have a one-key fix (core/checks.c check_fix, re-evaluated) */
	bool fixable[MAX_CHECKS + 64] = { false };
	int n_fix = 0;
	for (int i = 0; i < p->n; i++) {
		CheckFix fx;
		int b = cp->rows[i].builtin;
		fixable[i] = b >= 0 && check_fix(ss->s, ss->r, &ss->r->checks[b], &fx, ss->probe_s, ss->probe);
		n_fix += fixable[i];
	}
	char fixed_hint[160] = "";
	if (panel_focused(p) && p->n > 0 && fixable[p->sel]) {
		CheckFix fx;
		char what[128];
		check_fix(ss->s, ss->r, &ss->r->checks[cp->rows[p->sel].builtin], &fx, ss->probe_s, ss->probe);
		snprintf(fixed_hint, sizeof fixed_hint, "; f sets %s", check_fix_text(&fx, what, sizeof what));
	} else if (n_fix > 0) {
		snprintf(fixed_hint, sizeof fixed_hint, "; f applies a fix");
	}
	snprintf(head, sizeof head, "%d error%s, %d warning%s, %d info%s%s%s", count[SEV_ERROR],
	    count[SEV_ERROR] == 1 ? "" : "s", count[SEV_WARN], count[SEV_WARN] == 1 ? "" : "s",
	    count[SEV_INFO], ss->lua_checks ? "; Lua checks on" : "", fixed_hint,
	    panel_focused(p) && !fixed_hint[0] ? "; Enter: details" : "");
	panel_title(p, ss, g, head);
	if (p->n == 0)
		grid_put(g, r.y + 1, r.x + 1, r.w - 2, ROLE_OK, "all checks pass");
	/* the id column as wide as the longest id; the messages wrapped when
	 * every check then still fits */
	int id_w;
	int need = checks_panel_layout(ss, cp->rows, p->n, r.w, &id_w);
	int mx = r.x + SEV_COL_W + id_w + 1, mw = r.x + r.w - 1 - mx;
	bool wrap = p->top == 0 && need <= p->rows;
	int y = r.y + 1;
	for (int i = p->top; i < p->n && y < r.y + r.h; i++) {
		const CheckRow *cr = &cp->rows[i];
		const char *id;
		bool sel = panel_focused(p) && i == p->sel;

		check_row_text(ss, cr, &id, msg, sizeof msg);
		grid_fill(g, (Rect){ y, r.x, 1, SEV_COL_W - 1 }, ' ', sel ? ROLE_FOCUS : role[cr->sev]);
		grid_put(g, y, r.x + 1, 5, sel ? ROLE_FOCUS : role[cr->sev], word[cr->sev]);
		if (fixable[i])         /* f applies this one's fix */
			grid_put(g, y, r.x + 7, 1, sel ? ROLE_FOCUS : role[cr->sev], "f");
		grid_put_fit(g, ss->theme, y, r.x + SEV_COL_W, id_w, ROLE_DIM, id);
		if (!wrap) {
			grid_put_fit(g, ss->theme, y++, mx, mw, ROLE_DEFAULT, msg);
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
	panel_scroll_marks(p, ss, g);
}

static void
check_popup(App *app, const CheckRow *cr)
{
	const char *id;
	char msg[1024], text[2048], title[128];
	static const char *const word[] = { "info", "warning", "error" };

	check_row_text(app_session(app), cr, &id, msg, sizeof msg);
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
	case 'f': {
		/* the selected check's fix, else the first error's */
		char *cause = NULL;
		int b = p->n > 0 ? cp->rows[p->sel].builtin : -1;
		CheckFix fx;
		if (b >= 0 && !app_check_fix(app, b, &fx))
			b = -1;
		if (app_apply_fix(app, b, &cause) != 0) {
			app_msg(app, ROLE_ERROR, "%s", cause);
			free(cause);
		}
		return H_HANDLED | H_REDRAW | H_RECOMPUTE;
	}
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

const WidgetClass checks_class = {
	.name = "checks", .draw = checks_draw, .handle_key = checks_key,
};
