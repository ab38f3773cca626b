/* report.h: human-readable reports of one evaluation: the eval table,
 * --explain, and the Markdown report (`:export`). */
#ifndef SHARDLAB_SCENARIO_REPORT_H
#define SHARDLAB_SCENARIO_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "core/eval.h"
#include "core/search.h"
#include "io/result_json.h"

/* report_text: the eval table (scenario, per-stage memory with a bar,
 * latency, throughput, serving at the target rate when sv is not NULL,
 * checks, verdict) to f. */
void report_text(FILE *f, const Scenario *s, const Result *r, const ServingReport *sv,
    const ExtraCheck *extra, int n_extra, const char *notes);

/* report_serving: serve s at its target rate (serving_evaluate with chunked
 * prefill and fixed lengths) into *out.  Returns 0, or -1 when r is invalid
 * or the layout does not fit at batch 1 (no serving section then). */
int report_serving(const Scenario *s, const Result *r, ServingReport *out);

/* report_explain_disagg: the disaggregated figures' formulas with their
 * numbers (the KV transfer: bytes, bandwidth, time; which pool limits the
 * rate; TTFT = prefill + queue + transfer); nothing when sv is not
 * disaggregated. */
void report_explain_disagg(FILE *f, const Scenario *s, const ServingReport *sv);

/* report_serving_meets: the SLOs hold at the target rate (true when sv is
 * NULL: nothing to serve). */
bool report_serving_meets(const Scenario *s, const ServingReport *sv);

/* The two formats of one report: eval's table and the Markdown document. */
typedef enum { REPORT_TEXT, REPORT_MARKDOWN } ReportFormat;

/* One row of a comparison: a figure of A, of B, and the change ("" when
 * none), as the TUI's compare screen shows them. */
typedef struct ReportCompareRow {
	char label[32];
	char a[128], b[128];
	char change[64];
	int better;             /* +1 for the better, -1 for the worse, 0 neither */
} ReportCompareRow;

/* A compared with B (the scenario reported): borrowed rows. */
typedef struct ReportCompare {
	const char *a_label;    /* "A (pinned)" */
	const char *summary;    /* "TP 8 -> 4: KV per GPU +100%, ..." or NULL */
	const ReportCompareRow *rows;
	int n_rows;
} ReportCompare;

/* What the Markdown report carries besides the evaluation; every member
 * may be NULL / 0 (borrowed). */
typedef struct ReportAttach {
	const ReportCompare *cmp;       /* A against B (a pinned scenario) */
	const SearchResult *search;     /* the last search: the top of its ranking */
	const Scenario *search_base;    /* the scenario it ran on */
	SearchObjective search_objective;
	int search_rows;                /* rows of the ranking shown (<= 0: all) */
	bool search_stale;              /* the scenario changed since the search */
	/* the charts beside the report, as links relative to it
	 * ("report-memory.svg"; chart/chart.h draws them) */
	const char *chart_memory, *chart_compare, *chart_pareto;
} ReportAttach;

/* report_markdown: the eval report as a Markdown document (`:export`):
 * the scenario with its SLOs, memory (and its chart), latency and
 * throughput, serving at the target rate (sv; NULL when not served), the
 * comparison with a pinned scenario, the top of the last search's ranking
 * (att; may be NULL), the checks and eval's verdict.  The serving section
 * and the verdict come from the same code as report_text's. */
void report_markdown(FILE *f, const Scenario *s, const Result *r, const ServingReport *sv,
    const ExtraCheck *extra, int n_extra, const ReportAttach *att);

/* report_explain: every figure's explanation, for --explain. */
void report_explain(FILE *f, const Scenario *s, const Result *r);

/* report_feasible: no error among built-in and extra checks. */
bool report_feasible(const Result *r, const ExtraCheck *extra, int n_extra);

/* report_extra_free: free extra[n] (luacheck_run's results). */
void report_extra_free(ExtraCheck *extra, int n);

#endif
