/* w-text.c: scrollable text; see w-text.h. */
#include "w-text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "app.h"
#include "util/xmalloc.h"

static void
textview_destroy(Widget *w)
{
	TextView *tv = (TextView *)w;
	free(tv->title);
	free(tv->owned);
	free(tv->lines);
	free(tv);
}

TextView *
textview_new(const char *title, const char *text, int flags, bool popup)
{
	TextView *tv = xcalloc(1, sizeof *tv);
	tv->base.cls = &textview_class;
	tv->title = xstrdup(title ? title : "");
	tv->owned = xstrdup(text ? text : "");
	tv->text = tv->owned;
	tv->text_len = strlen(tv->owned);
	tv->flags = flags;
	tv->popup = popup;
	tv->find_line = -1;
	return tv;
}

void
textview_borrow(TextView *tv, const char *text, size_t len)
{
	free(tv->owned);
	tv->owned = NULL;
	tv->text = text ? text : "";
	tv->text_len = text ? len : 0;
}

static void
add_line(TextView *tv, size_t off, size_t len, int indent)
{
	if (tv->n_lines == tv->cap_lines) {
		tv->cap_lines = tv->cap_lines ? tv->cap_lines * 2 : 64;
		tv->lines = xrealloc(tv->lines, (size_t)tv->cap_lines * sizeof *tv->lines);
	}
	tv->lines[tv->n_lines++] = (TextLine){ off, len, indent };
}

/* Columns of text[0..len) (one per code point). */
static int
cols_of(const char *s, size_t len)
{
	int w = 0;
	for (size_t i = 0; i < len; i++)
		w += ((unsigned char)s[i] & 0xc0) != 0x80;
	return w;
}

/* Byte length of the first `cols` columns of s[0..len). */
static size_t
bytes_of(const char *s, size_t len, int cols)
{
	size_t i = 0;
	int w = 0;
	while (i < len) {
		if (((unsigned char)s[i] & 0xc0) != 0x80) {
			if (w == cols)
				break;
			w++;
		}
		i++;
	}
	return i;
}

/* Split the text into lines of at most `width` columns. */
static void
layout(TextView *tv, int width)
{
	if (tv->lines_text == tv->text && tv->lines_len == tv->text_len && tv->lines_width == width)
		return;
	tv->n_lines = 0;
	tv->lines_text = tv->text;
	tv->lines_len = tv->text_len;
	tv->lines_width = width;
	if (width < 4)
		width = 4;
	size_t p = 0;
	while (p < tv->text_len) {
		const char *nl = memchr(tv->text + p, '\n', tv->text_len - p);
		size_t end = nl ? (size_t)(nl - tv->text) : tv->text_len;
		size_t len = end - p;
		if (!(tv->flags & TV_WRAP) || cols_of(tv->text + p, len) <= width) {
			add_line(tv, p, len, 0);
		} else {
			/* continuation lines indent under the description of a
			 * "  key   description" line, else two past the line's indent */
			int indent = 0;
			while ((size_t)indent < len && tv->text[p + indent] == ' ')
				indent++;
			const char *gap = NULL;
			for (size_t k = (size_t)indent; k + 2 < len; k++)
				if (tv->text[p + k] == ' ' && tv->text[p + k + 1] == ' ') {
					gap = tv->text + p + k;
					break;
				}
			if (gap) {
				int col = (int)(gap - (tv->text + p));
				while (tv->text[p + col] == ' ')
					col++;
				indent = col;
			} else {
				indent += 2;
			}
			if (indent >= width / 2)
				indent = 2;
			size_t q = p;
			bool first = true;
			while (q < end) {
				int avail = first ? width : width - indent;
				size_t take = bytes_of(tv->text + q, end - q, avail);
				if (q + take < end) {
					size_t sp = take;
					while (sp > 0 && tv->text[q + sp] != ' ')
						sp--;
					if (sp > 0)
						take = sp;
				}
				add_line(tv, q, take, first ? 0 : indent);
				q += take;
				while (q < end && tv->text[q] == ' ')
					q++;
				first = false;
			}
		}
		p = end + 1;
		if (!nl)
			break;
	}
}

Rect
textview_popup_rect(TextView *tv, int rows, int cols)
{
	int w = cols - 8 < 100 ? cols - 8 : 100;
	if (w < 20)
		w = cols;
	layout(tv, w - 4);
	int h = tv->n_lines + 4;
	if (h > rows - 4)
		h = rows - 4;
	if (h < 5)
		h = rows < 5 ? rows : 5;
	return (Rect){ (rows - h) / 2, (cols - w) / 2, h, w };
}

static Rect
inner(const TextView *tv)
{
	Rect r = tv->base.rect;
	if (tv->popup)
		r = (Rect){ r.y + 1, r.x + 2, r.h - 3, r.w - 4 };
	else if (tv->find_on || tv->find[0])
		r.h--;          /* the search line */
	return r;
}

/* Whether line i contains q (case-insensitive). */
static bool
line_has(const TextView *tv, int i, const char *q, size_t *at)
{
	const TextLine *l = &tv->lines[i];
	size_t n = strlen(q);
	for (size_t k = 0; n > 0 && k + n <= l->len; k++)
		if (strncasecmp(tv->text + l->off + k, q, n) == 0) {
			if (at)
				*at = k;
			return true;
		}
	return false;
}

int
textview_find(TextView *tv, const char *query, int from, int dir)
{
	if (!query[0] || tv->n_lines == 0)
		return -1;
	for (int k = 0; k < tv->n_lines; k++) {
		int i = ((from + dir * k) % tv->n_lines + tv->n_lines) % tv->n_lines;
		if (line_has(tv, i, query, NULL))
			return i;
	}
	return -1;
}

/* Jump to the next (dir +1) or previous match of the query. */
static void
find_step(TextView *tv, int dir, bool from_top)
{
	int from = from_top ? tv->top : tv->find_line >= 0 ? tv->find_line + dir : tv->top;
	int i = textview_find(tv, tv->find, from, dir);
	tv->find_line = i;
	if (i >= 0) {
		tv->top = i > 2 ? i - 2 : 0;    /* the match with a little context */
		tv->flags &= ~TV_FOLLOW;
	}
}

static void
textview_draw(Widget *w, const Session *ss, Grid *g)
{
	TextView *tv = (TextView *)w;
	const Theme *t = ss->theme;
	if (tv->popup) {
		tv->base.rect = textview_popup_rect(tv, ss->rows, ss->cols);
		grid_box(g, t, tv->base.rect, ROLE_POPUP, tv->title);
	}
	Rect r = inner(tv);
	layout(tv, r.w);
	int max_top = tv->n_lines - r.h > 0 ? tv->n_lines - r.h : 0;
	if (tv->flags & TV_FOLLOW)
		tv->top = max_top;
	if (tv->top > max_top)
		tv->top = max_top;
	if (tv->top < 0)
		tv->top = 0;
	char buf[4096];
	for (int i = 0; i < r.h && tv->top + i < tv->n_lines; i++) {
		const TextLine *l = &tv->lines[tv->top + i];
		size_t len = l->len < sizeof buf - 1 ? l->len : sizeof buf - 1;
		memcpy(buf, tv->text + l->off, len);
		buf[len] = '\0';
		Role role = tv->popup ? ROLE_POPUP : ROLE_DEFAULT;
		if ((tv->flags & TV_HEADINGS) && l->indent == 0 && len > 0 && buf[0] != ' ' &&
		    buf[len - 1] == ':')
			role = ROLE_TITLE;
		if ((tv->flags & TV_ERRORS) && strncmp(buf, "shardlab: ", 10) == 0)
			role = ROLE_ERROR;
		grid_put(g, r.y + i, r.x + l->indent, r.w - l->indent, role, buf);
		size_t at;
		if (tv->find[0] && line_has(tv, tv->top + i, tv->find, &at) &&
		    (int)at + l->indent < r.w) {
			/* the match in reverse video: reads in monochrome too */
			char hit[64];
			snprintf(hit, sizeof hit, "%.*s", (int)strlen(tv->find), buf + at);
			grid_put(g, r.y + i, r.x + l->indent + cols_of(buf, at), (int)strlen(tv->find),
			    ROLE_FOCUS, hit);
		}
	}
	if (tv->find_on || tv->find[0]) {
		/* less's prompt: the query, or how the last one went */
		char line[160];
		int yq = tv->popup ? tv->base.rect.y + tv->base.rect.h - 2 : r.y + r.h;
		if (tv->find_on)
			snprintf(line, sizeof line, "/%s_", tv->find);
		else if (tv->find_line < 0)
			snprintf(line, sizeof line, "/%s: not found", tv->find);
		else
			snprintf(line, sizeof line, "/%s: line %d; n next, N previous, / new search",
			    tv->find, tv->find_line + 1);
		grid_fill(g, (Rect){ yq, r.x, 1, r.w }, ' ', tv->popup ? ROLE_POPUP : ROLE_DEFAULT);
		grid_put_fit(g, t, yq, r.x, r.w, tv->find_on ? ROLE_FOCUS : ROLE_DIM, line);
	}
	Rect f = tv->base.rect;
	if (tv->n_lines > r.h) {
		char pos[64];
		snprintf(pos, sizeof pos, " %d-%d of %d ", tv->top + 1,
		    tv->top + r.h < tv->n_lines ? tv->top + r.h : tv->n_lines, tv->n_lines);
		if (tv->popup)
			grid_put(g, f.y + f.h - 1, f.x + f.w - 2 - utf8_width(pos), -1, ROLE_POPUP, pos);
	}
	if (tv->popup && !tv->find_on && !tv->find[0])
		grid_put(g, f.y + f.h - 2, r.x, r.w, ROLE_DIM, tv->n_lines > r.h ?
		    "arrows/PgUp/PgDn scroll, / searches, Esc or Enter closes" :
		    "/ searches, Esc or Enter closes");
}

static int
textview_key(Widget *w, App *app, int key)
{
	TextView *tv = (TextView *)w;
	Rect r = inner(tv);
	int page = r.h > 1 ? r.h - 1 : 1;
	(void)app;

	if (tv->find_on) {
		/* typing the query: every key is the search's */
		size_t n = strlen(tv->find);
		if (key == TK_ENTER) {
			tv->find_on = false;
			find_step(tv, +1, true);
		} else if (key == TK_ESC || key == TK_INTERRUPT) {
			tv->find_on = false;
			tv->find[0] = '\0';
		} else if (key == TK_BACKSPACE || key == 127 || key == TK_CTRL('h')) {
			if (n > 0)
				tv->find[n - 1] = '\0';
		} else if (key >= ' ' && key < 256 && n + 1 < sizeof tv->find) {
			tv->find[n] = (char)key;
			tv->find[n + 1] = '\0';
			find_step(tv, +1, true);        /* incremental, as less -i */
		}
		return H_HANDLED | H_REDRAW;
	}
	switch (key) {
	case '/':
		tv->find_on = true;
		tv->find[0] = '\0';
		tv->find_line = -1;
		return H_HANDLED | H_REDRAW;
	case 'n': case 'N':
		if (!tv->find[0])
			return tv->popup ? H_HANDLED : H_NONE;
		find_step(tv, key == 'n' ? +1 : -1, false);
		return H_HANDLED | H_REDRAW;
	case TK_UP: case 'k': case TK_WHEEL_UP: tv->top -= key == TK_WHEEL_UP ? 3 : 1; break;
	case TK_DOWN: case 'j': case TK_WHEEL_DOWN: tv->top += key == TK_WHEEL_DOWN ? 3 : 1; break;
	case TK_PGUP: tv->top -= page; break;
	case TK_PGDN: case ' ': tv->top += page; break;
	case TK_HOME: tv->top = 0; break;
	case TK_END: tv->top = tv->n_lines; break;
	case 'b': case 'g': case 'G':
		/* less's keys, in popups only: elsewhere g shows the GPU map */
		if (!tv->popup)
			return H_NONE;
		tv->top = key == 'b' ? tv->top - page : key == 'g' ? 0 : tv->n_lines;
		break;
	case TK_ESC: case 'q': case TK_ENTER:
		if (key == TK_ESC && tv->find[0]) {
			tv->find[0] = '\0';    /* Esc first forgets the search */
			tv->find_line = -1;
			return H_HANDLED | H_REDRAW;
		}
		if (tv->popup) {
			app_set_modal(app, NULL);
			return H_HANDLED | H_REDRAW;
		}
		return H_NONE;
	case TK_CLICK:
		if (tv->popup && !rect_contains(tv->base.rect, app->mouse_y, app->mouse_x)) {
			app_set_modal(app, NULL);
			return H_HANDLED | H_REDRAW;
		}
		return tv->popup ? H_HANDLED : H_NONE;
	default:
		return tv->popup ? H_HANDLED : H_NONE;
	}
	if (key == TK_END || key == 'G')
		tv->flags |= TV_FOLLOW;
	else
		tv->flags &= ~TV_FOLLOW;
	if (tv->top < 0)
		tv->top = 0;
	return H_HANDLED | H_REDRAW;
}

const WidgetClass textview_class = {
	.name = "text",
	.draw = textview_draw,
	.handle_key = textview_key,
	.destroy = textview_destroy,
};

void
app_show_text(App *a, const char *title, const char *text)
{
	app_set_modal(a, &textview_new(title, text, TV_WRAP, true)->base);
}
