/* cmd-eval.c: `shardlab eval`: one evaluation as a table, --json or
 * --explain. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart/chart.h"
#include "cli.h"
#include "core/eval.h"
#include "core/explain.h"
#include "core/units.h"
#include "io/result_json.h"
#include "scenario/engine.h"
#include "scenario/report.h"
#include "util/xmalloc.h"

static void
eval_usage(void)
{
	printf("usage: shardlab eval [options]\n\n"
	    "Evaluate one deployment: memory per GPU for every pipeline stage, TTFT, TPOT,\n"
	    "throughput and checks.  Exit status: 0 feasible, 1 a check failed, 2 bad input.\n\n"
	    "  --json                  the result as JSON (DESIGN's schema, units in names)\n"
	    "  --format FORMAT         text (default), markdown (the report :export writes) or json\n"
	    "  --explain[=PATH]        every figure's formula with its numbers (or one:\n"
	    "                          --explain=memory.kv_bytes_per_token)\n"
	    "  --check FILE.lua        add a file of Lua checks\n"
	    "  --chart FILE.svg        also draw memory per GPU, a bar per stage, as SVG\n\n");
	cli_print_scenario_options(stdout);
	printf("\nExample: shardlab eval --model llama-3-70b --cluster h100x8 --tp 8\n");
}

int
report_invalid(const Scenario *s, const Result *r)
{
	char msg[512];
	/* the model's own rule first (PP 81 of 80 layers), then the GPU count */
	int first = -1;
	for (int i = 0; i < r->n_checks && first < 0; i++)
		if (check_structural(r->checks[i].id) && r->checks[i].id != CHECK_GPU_COUNT)
			first = i;
	for (int i = first >= 0 ? first : 0; i < r->n_checks; i++) {
		const Check *c = &r->checks[i];
		if (c->severity != SEV_ERROR || !check_structural(c->id))
			continue;
		check_format(s, r, c, msg, sizeof msg);
		const char *opt = check_def(c->id)->option;
		cli_error("%s: %s (%s, model %s)", opt ? opt : "layout", msg, check_id_name(c->id),
		    s->model.name);
		break;  /* one line: the first reason is enough to fix the input */
	}
	return EXIT_USAGE;
}

int
cmd_eval(const Catalog *c, int argc, char **argv)
{
	CliOptions o;
	Scenario *s = NULL;
	Result *r = NULL;
	char *notes = NULL, *cause = NULL;
	ExtraCheck *extra = NULL;
	ServingReport *sv = NULL;
	int n_extra = 0, rc = EXIT_USAGE;

	if (cli_parse(c, "eval", argc, argv, &o) != 0)
		goto out;
	if (o.help) {
		eval_usage();
		rc = EXIT_OK;
		goto out;
	}
	if (o.n_args > 0) {
		cli_error("eval: unexpected argument '%s'", o.args[0]);
		goto out;
	}
	if (o.format && strcmp(o.format, "json") == 0)
		o.json = true;
	bool markdown = o.format && strcmp(o.format, "markdown") == 0;
	if (markdown && (o.json || o.explain)) {
		cli_error("eval: --format markdown excludes --json and --explain");
		goto out;
	}
	s = xmalloc(sizeof *s);
	r = xmalloc(sizeof *r);
	if (setup_build(c, &o.setup, s, &notes, &cause) != 0) {
		cli_error("%s", cause);
		goto out;
	}
	if (eval_run(s, r) != EVAL_OK) {
		/* an impossible layout: the reason, never figures as if it ran;
		 * --json still gives the document (feasible false, the check) */
		if (o.json && !o.explain) {
			char *text = result_json(s, r, NULL, NULL, 0, notes, 1);
			printf("%s\n", text);
			free(text);
		}
		rc = report_invalid(s, r);
		goto out;
	}
	if (report_lua_checks(c, &o, s, r, &extra, &n_extra) != 0)
		goto out;
	sv = xmalloc(sizeof *sv);
	if (report_serving(s, r, sv) != 0) {
		free(sv);
		sv = NULL;
	}
	if (o.chart) {
		ChartMemory *chart = xmalloc(sizeof *chart);
		int crc = chart_memory_init(chart, s, r) == 0 ? chart_write(&chart->base, o.chart, &cause) : 0;
		free(chart);
		if (crc != 0) {
			cli_error("--chart: %s", cause);
			goto out;
		}
	}
	if (o.emit >= 0) {
		char *cmd = engine_emit(c, s, (EngineId)o.emit, &cause);
		if (!cmd) {
			cli_error("%s", cause);
			goto out;
		}
		fputs(cmd, stdout);
		free(cmd);
		rc = report_feasible(r, extra, n_extra) ? EXIT_OK : EXIT_CHECK;
		if (rc != EXIT_OK)
			cli_error("note: this scenario fails a check (see shardlab eval without --emit)");
		goto out;
	}
	if (o.explain && o.explain_path) {
		char buf[4096];
		if (explain_figure(s, r, o.explain_path, -1, buf, sizeof buf) != 0) {
			cli_error("--explain=%s: unknown figure (one of: memory.kv_bytes_per_token, "
			    "latency.tpot_s, ...; see shardlab(1))", o.explain_path);
			goto out;
		}
		printf("%s\n", buf);
	} else if (markdown) {
		/* the chart's link as given: relative to where the report is read */
		ReportAttach att = { .chart_memory = o.chart };
		report_markdown(stdout, s, r, sv, extra, n_extra, &att);
	} else if (o.json) {
		char *text = result_json(s, r, sv, extra, n_extra, notes, 1);
		printf("%s\n", text);
		free(text);
	} else {
		report_text(stdout, s, r, sv, extra, n_extra, notes);
		if (o.explain)
			report_explain(stdout, s, r);
		if (o.explain && sv)
			report_explain_disagg(stdout, s, sv);
	}
	rc = report_feasible(r, extra, n_extra) && report_serving_meets(s, sv) ? EXIT_OK : EXIT_CHECK;
out:
	free(sv);
	report_extra_free(extra, n_extra);
	free(notes);
	free(cause);
	free(s);
	free(r);
	cli_options_fini(&o);
	return rc;
}
