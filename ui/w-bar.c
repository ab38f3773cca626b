/* w-bar.c: memory bars; see w-bar.h. */
#include "w-bar.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "scenario/bar.h"

static const Role part_role[BAR_PARTS] = { ROLE_WEIGHTS, ROLE_KV, ROLE_KV_POOL, ROLE_ACT,
	ROLE_RESERVE };

int
bar_draw(Grid *g, const Theme *t, int y, int x, int w, const double *parts, int n,
    double capacity, double budget, const char *text)
{
	signed char cells[1024];
	int bc;

	if (w <= 0)
		return 0;
	if (w > (int)sizeof cells)
		w = (int)sizeof cells;
	if (n > BAR_PARTS)
		n = BAR_PARTS;
	int over = bar_cells(parts, n, capacity, budget, w, cells, &bc);
	for (int at = 0; at < w; at++) {
		Cell *c = grid_cell(g, y, x + at);
		if (!c)
			continue;
		switch (cells[at]) {
		case BAR_FREE: *c = (Cell){ t->g.bar_free, ROLE_FREE }; break;
		case BAR_OVER: *c = (Cell){ t->g.bar_over, ROLE_OVER }; break;
		case BAR_BUDGET: *c = (Cell){ t->g.bar_budget, ROLE_BUDGET }; break;
		default: *c = (Cell){ t->g.bar_used[cells[at]], (uint8_t)part_role[cells[at]] }; break;
		}
	}
	if (text) {
		int len = utf8_width(text);
		if (len + 2 <= w) {
			/* right-aligned, each cell keeping its role so the text sits on
			 * the bar's colours: over capacity on the cells past it, else
			 * left of the budget line when it fits there */
			int last = over == 0 && bc > len + 1 && bc < w ? bc - 1 : w - 2;
			int tx = x + last - len + 1;
			const char *p = text;
			for (int k = 0; k < len; k++) {
				uint32_t cp;
				p += utf8_decode(p, &cp);
				Cell *c = grid_cell(g, y, tx + k);
				if (c)
					c->ch = cp;
			}
		}
	}
	return over;
}

int
bar_legend(Grid *g, const Theme *t, int y, int x, int maxw, const char *budget)
{
	static const char *const names[BAR_PARTS] = { "weights", "KV need", "pool", "act", "reserve" };
	char buf[96];
	int used = 0;

	for (int i = 0; i < BAR_PARTS; i++) {
		int need = 2 + (int)strlen(names[i]) + 2;
		if (used + need > maxw)
			return used;
		char glyph[8] = { 0 };
		glyph[0] = (char)t->g.bar_used[i];
		used += grid_put(g, y, x + used, 1, part_role[i], glyph);
		used += grid_put(g, y, x + used, -1, ROLE_DIM, " ");
		used += grid_put(g, y, x + used, -1, ROLE_DIM, names[i]);
		used += grid_put(g, y, x + used, -1, ROLE_DIM, "  ");
	}
	snprintf(buf, sizeof buf, "%s", budget);
	if (used + 2 + (int)strlen(buf) + 2 <= maxw) {
		used += grid_put(g, y, x + used, 1, ROLE_BUDGET, "|");
		used += grid_put(g, y, x + used, -1, ROLE_DIM, " ");
		used += grid_put(g, y, x + used, -1, ROLE_DIM, buf);
		used += grid_put(g, y, x + used, -1, ROLE_DIM, "  ");
	}
	if (used + 6 <= maxw) {
		used += grid_put(g, y, x + used, 1, ROLE_OVER, "!");
		used += grid_put(g, y, x + used, -1, ROLE_DIM, " over");
	}
	return used;
}
