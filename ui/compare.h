/* compare.h: A (the pinned scenario) against B (the scenario now), as rows
 * of figures with their change: the compare screen draws them, `:export`
 * writes them into the report (s-compare.c). */
#ifndef SHARDLAB_UI_COMPARE_H
#define SHARDLAB_UI_COMPARE_H

#include <stddef.h>

#include "app.h"
#include "scenario/report.h"

/* Rows at the most: the scenario's four, the delta figures, the verdict. */
#define COMPARE_ROWS_MAX 32

/* compare_rows: A against B into rows[max]; returns how many (0 when
 * nothing is pinned).  A row "A and B" (same model and cluster) comes
 * first with the same text in a and b. */
int compare_rows(const App *app, ReportCompareRow *rows, int max);

/* compare_summary: "TP 8 -> 4: KV per GPU +100%, ..." into buf[n]. */
void compare_summary(const App *app, char *buf, size_t n);

#endif
