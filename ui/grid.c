/* grid.c: the in-memory screen; see grid.h. */
#include "grid.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xmalloc.h"

void
grid_init(Grid *g)
{
	memset(g, 0, sizeof *g);
}

void
grid_fini(Grid *g)
{
	free(g->cells);
	memset(g, 0, sizeof *g);
}

void
grid_resize(Grid *g, int rows, int cols)
{
	if (rows < 1)
		rows = 1;
	if (cols < 1)
		cols = 1;
	if (rows != g->rows || cols != g->cols) {
		free(g->cells);
		g->cells = xcalloc((size_t)rows * (size_t)cols, sizeof *g->cells);
		g->rows = rows;
		g->cols = cols;
	}
	grid_clear(g);
}

void
grid_clear(Grid *g)
{
	size_t n = (size_t)g->rows * (size_t)g->cols;
	for (size_t i = 0; i < n; i++)
		g->cells[i] = (Cell){ ' ', ROLE_DEFAULT };
	g->cursor = false;
	g->cur_y = g->cur_x = 0;
}

Cell *
grid_cell(Grid *g, int y, int x)
{
	if (y < 0 || x < 0 || y >= g->rows || x >= g->cols)
		return NULL;
	return &g->cells[(size_t)y * (size_t)g->cols + (size_t)x];
}

int
utf8_decode(const char *s, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	int len;
	uint32_t c;

	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	if ((u[0] & 0xe0) == 0xc0)
		len = 2, c = u[0] & 0x1f;
	else if ((u[0] & 0xf0) == 0xe0)
		len = 3, c = u[0] & 0x0f;
	else if ((u[0] & 0xf8) == 0xf0)
		len = 4, c = u[0] & 0x07;
	else {
		*cp = 0xfffd;
		return 1;
	}
	for (int i = 1; i < len; i++) {
		if ((u[i] & 0xc0) != 0x80) {
			*cp = 0xfffd;
			return 1;
		}
		c = (c << 6) | (u[i] & 0x3f);
	}
	*cp = c;
	return len;
}

int
utf8_encode(uint32_t cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

int
utf8_width(const char *s)
{
	int w = 0;
	uint32_t cp;
	while (*s) {
		s += utf8_decode(s, &cp);
		w++;
	}
	return w;
}

int
grid_put(Grid *g, int y, int x, int maxw, Role role, const char *s)
{
	int n = 0;
	uint32_t cp;

	if (!s || y < 0 || y >= g->rows)
		return 0;
	if (maxw < 0)
		maxw = g->cols - x;
	while (*s && n < maxw) {
		s += utf8_decode(s, &cp);
		if (cp == '\t' || cp == '\n' || cp < 0x20)
			cp = ' ';
		Cell *c = grid_cell(g, y, x + n);
		if (c)
			*c = (Cell){ cp, (uint8_t)role };
		n++;
	}
	return n;
}

int
grid_putf(Grid *g, int y, int x, int maxw, Role role, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	return grid_put(g, y, x, maxw, role, buf);
}

int
grid_put_fit(Grid *g, const Theme *t, int y, int x, int maxw, Role role, const char *s)
{
	if (maxw <= 0)
		return 0;
	if (utf8_width(s) <= maxw)
		return grid_put(g, y, x, maxw, role, s);
	/* cut at the last word boundary that keeps at least half the room,
	 * never mid-word when a boundary is that near */
	int col = 0, cut = maxw - 1;
	for (const char *p = s; *p && col < maxw - 1;) {
		uint32_t cp;
		int len = utf8_decode(p, &cp);
		if (cp == ' ' && col >= (maxw - 1) / 2)
			cut = col;
		col++;
		p += len;
	}
	int n = grid_put(g, y, x, cut, role, s);
	/* no separator dangling before the ellipsis */
	while (n > 0) {
		Cell *c = grid_cell(g, y, x + n - 1);
		if (!c || (c->ch != ' ' && c->ch != ',' && c->ch != ';' && c->ch != ':'))
			break;
		c->ch = ' ';
		n--;
	}
	return n + grid_put(g, y, x + n, 1, role, t->g.ellipsis);
}

void
grid_fill(Grid *g, Rect r, uint32_t ch, Role role)
{
	for (int y = r.y; y < r.y + r.h; y++)
		for (int x = r.x; x < r.x + r.w; x++) {
			Cell *c = grid_cell(g, y, x);
			if (c)
				*c = (Cell){ ch, (uint8_t)role };
		}
}

void
grid_role(Grid *g, int y, int x, int w, Role role)
{
	for (int i = 0; i < w; i++) {
		Cell *c = grid_cell(g, y, x + i);
		if (c)
			c->role = (uint8_t)role;
	}
}

void
grid_hline(Grid *g, const Theme *t, int y, int x, int w, Role role)
{
	for (int i = 0; i < w; i++)
		grid_put(g, y, x + i, 1, role, t->g.hline);
}

void
grid_box(Grid *g, const Theme *t, Rect r, Role role, const char *title)
{
	if (r.w < 2 || r.h < 2)
		return;
	grid_fill(g, r, ' ', role);
	grid_put(g, r.y, r.x, 1, role, t->g.tl);
	grid_put(g, r.y, r.x + r.w - 1, 1, role, t->g.tr);
	grid_put(g, r.y + r.h - 1, r.x, 1, role, t->g.bl);
	grid_put(g, r.y + r.h - 1, r.x + r.w - 1, 1, role, t->g.br);
	grid_hline(g, t, r.y, r.x + 1, r.w - 2, role);
	grid_hline(g, t, r.y + r.h - 1, r.x + 1, r.w - 2, role);
	for (int y = r.y + 1; y < r.y + r.h - 1; y++) {
		grid_put(g, y, r.x, 1, role, t->g.vline);
		grid_put(g, y, r.x + r.w - 1, 1, role, t->g.vline);
	}
	if (title && *title) {
		char buf[256];
		snprintf(buf, sizeof buf, " %s ", title);
		grid_put_fit(g, t, r.y, r.x + 2, r.w - 4, ROLE_POPUP_TITLE, buf);
	}
}

char *
grid_row_text(const Grid *g, int y, char *buf, size_t n)
{
	size_t o = 0, last = 0;

	if (n == 0)
		return buf;
	for (int x = 0; y >= 0 && y < g->rows && x < g->cols; x++) {
		char u[4];
		int len = utf8_encode(g->cells[(size_t)y * (size_t)g->cols + (size_t)x].ch, u);
		if (o + (size_t)len + 1 > n)
			break;
		memcpy(buf + o, u, (size_t)len);
		o += (size_t)len;
		if (!(len == 1 && u[0] == ' '))
			last = o;
	}
	buf[last] = '\0';
	return buf;
}

char *
grid_text(const Grid *g)
{
	size_t cap = (size_t)g->rows * ((size_t)g->cols * 4 + 1) + 1, o = 0;
	char *out = xmalloc(cap);
	char *row = xmalloc((size_t)g->cols * 4 + 1);

	for (int y = 0; y < g->rows; y++) {
		grid_row_text(g, y, row, (size_t)g->cols * 4 + 1);
		size_t len = strlen(row);
		memcpy(out + o, row, len);
		o += len;
		out[o++] = '\n';
	}
	out[o] = '\0';
	free(row);
	return out;
}
