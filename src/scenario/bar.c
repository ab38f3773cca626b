/* bar.c: a memory bar as cells; see bar.h. */
#include "bar.h"

#include <math.h>

int
bar_cells(const double *parts, int n, double capacity, double budget, int w,
    signed char *cells, int *budget_cell)
{
	double total = 0;
	int over = 0, at = 0;

	if (budget_cell)
		*budget_cell = -1;
	if (w <= 0)
		return 0;
	for (int i = 0; i < n; i++)
		total += parts[i] > 0 ? parts[i] : 0;
	double scale = total > capacity ? total : capacity;
	if (scale <= 0)
		scale = 1;
	int cap_cell = total > capacity ? (int)floor(capacity / scale * w + 0.5) : w;
	for (int i = 0; i < n && at < w; i++) {
		if (parts[i] <= 0)
			continue;
		int k = (int)ceil(parts[i] / scale * w);
		if (at + k > w)
			k = w - at;
		for (; k > 0; k--, at++) {
			cells[at] = at >= cap_cell ? BAR_OVER : (signed char)i;
			over += at >= cap_cell;
		}
	}
	for (; at < w; at++)
		cells[at] = BAR_FREE;
	if (budget > 0 && budget < capacity) {
		int bc = (int)floor(budget / scale * w);
		if (bc < w) {
			cells[bc] = BAR_BUDGET;
			if (budget_cell)
				*budget_cell = bc;
		}
	}
	return over;
}
