/* export.c: `:export FILE`; see export.h. */
#include "export.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart/chart.h"
#include "compare.h"
#include "delta.h"
#include "ranking.h"
#include "scenario/report.h"
#include "util/xmalloc.h"

/* Rows of the ranking the report shows. */
#define EXPORT_RANKING_ROWS 5

/* The file name of path, for a link relative to the report beside it. */
static const char *
base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

/* The compare screen's figures (delta.h's list), A against B. */
static void
compare_chart(const App *a, const ReportCompareRow *rows, int n_rows, ChartCompare *c)
{
	char la[160] = "A (pinned)", lb[160] = "B (now)";
	int nf;
	const DeltaFigure *figs = delta_figures(&nf);

	for (int i = 0; i < n_rows; i++)
		if (strcmp(rows[i].label, "layout") == 0) {
			snprintf(la, sizeof la, "A (pinned): %s", rows[i].a);
			snprintf(lb, sizeof lb, "B (now): %s", rows[i].b);
		}
	char title[CHART_TITLE_MAX];
	snprintf(title, sizeof title, "A against B: %s on %s", a->s->model.name, a->s->cluster.name);
	chart_compare_init(c, title, la, lb);
	for (int i = 0; i < nf; i++) {
		char ch[64], ta[48], tb[48];
		bool better = false;
		double va = delta_value(a->pin_s, a->pin_r, i), vb = delta_value(a->s, a->r, i);
		ChartCompareText t = { figs[i].label, delta_format_value(i, va, ta, sizeof ta),
			delta_format_value(i, vb, tb, sizeof tb),
			delta_format_change(i, va, vb, ch, sizeof ch, &better), 0 };
		t.better = better ? 1 : -1;
		chart_compare_add(c, figs[i].path, va, vb, &t);
	}
}

/* Each chart's file beside the report; NULL where there is none to draw.
 * Returns 0, or -1 with *cause when one cannot be written. */
static int
write_charts(App *a, const char *path, const ReportCompareRow *rows, int n_rows, char *out[3],
    char **cause)
{
	const Ranking *rk = a->ranking;
	int rc = 0;

	if (a->r->status == EVAL_OK) {
		ChartMemory *c = xmalloc(sizeof *c);
		if (chart_memory_init(c, a->s, a->r) == 0) {
			out[0] = chart_path_beside(path, "memory");
			rc = chart_write(&c->base, out[0], cause);
		}
		free(c);
	}
	if (rc == 0 && a->pinned) {
		ChartCompare *c = xmalloc(sizeof *c);
		compare_chart(a, rows, n_rows, c);
		out[1] = chart_path_beside(path, "compare");
		rc = chart_write(&c->base, out[1], cause);
		free(c);
	}
	if (rc == 0 && rk && rk->done && rk->base && rk->r.n_pareto > 0) {
		ChartPareto *c = xmalloc(sizeof *c);
		if (chart_pareto_init(c, rk->base, &rk->r) == 0) {
			out[2] = chart_path_beside(path, "pareto");
			rc = chart_write(&c->base, out[2], cause);
		}
		free(c);
	}
	return rc;
}

int
app_export(App *a, const char *path, char **cause)
{
	char *text = NULL, *charts[3] = { NULL, NULL, NULL };
	size_t len = 0;
	ReportCompareRow rows[COMPARE_ROWS_MAX];
	char summary[512];
	ReportCompare cmp = { "A (pinned)", summary, rows, 0 };
	ReportAttach att = { 0 };
	const Ranking *rk = a->ranking;
	int rc = -1;

	if (a->pinned) {
		cmp.n_rows = compare_rows(a, rows, COMPARE_ROWS_MAX);
		compare_summary(a, summary, sizeof summary);
		att.cmp = &cmp;
	}
	if (rk && rk->done && rk->base) {
		att.search = &rk->r;
		att.search_base = rk->base;
		att.search_objective = rk->q.so.objective;
		att.search_rows = EXPORT_RANKING_ROWS;
		att.search_stale = ranking_stale(rk, a->s);
	}
	/* the charts first: the report never links a file that is not there */
	if (write_charts(a, path, rows, cmp.n_rows, charts, cause) != 0)
		goto out;
	att.chart_memory = charts[0] ? base_name(charts[0]) : NULL;
	att.chart_compare = charts[1] ? base_name(charts[1]) : NULL;
	att.chart_pareto = charts[2] ? base_name(charts[2]) : NULL;

	FILE *f = open_memstream(&text, &len);
	if (!f)
		fatal("open_memstream failed");
	report_markdown(f, a->s, a->r, a->sv_ok ? a->sv : NULL, a->extra, a->n_extra, &att);
	if (a->lua_error)
		fprintf(f, "\nLua checks could not run: %s\n", a->lua_error);
	if (fclose(f) != 0)
		fatal("writing a report in memory failed");
	rc = write_file_atomic(path, text, len, cause);
	if (rc == 0) {
		char list[512] = "";
		size_t o = 0;
		for (int i = 0; i < 3; i++)
			if (charts[i] && o < sizeof list)
				o += (size_t)snprintf(list + o, sizeof list - o, "%s%s", o ? ", " : "",
				    base_name(charts[i]));
		app_msg(a, ROLE_OK, "exported a Markdown report of %s to %s%s%s%s", a->label, path,
		    o ? " with " : "", list, o ? " beside it" : "");
	}
out:
	free(text);
	for (int i = 0; i < 3; i++)
		free(charts[i]);
	return rc;
}
