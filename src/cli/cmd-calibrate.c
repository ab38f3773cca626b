/* cmd-calibrate.c: `shardlab calibrate FILE...`: fit the efficiency
 * parameters (core/calib-params.h) to the user's benchmark result files
 * (io/benchfile.h), print each run's error before and after, and write the
 * calibration preset (scenario/calibrate.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "core/units.h"
#include "io/benchfile.h"
#include "scenario/calibrate.h"
#include "util/xmalloc.h"

static void
calibrate_usage(void)
{
	printf("usage: shardlab calibrate [options] FILE...\n\n"
	    "Fit shardlab's efficiency parameters for one GPU and engine to your own benchmark\n"
	    "runs: vLLM benchmark_serving.py / vllm bench serve --save-result JSON, SGLang\n"
	    "bench_serving JSONL, trtllm-bench --report_json, genai-perf profile_export_genai_perf.json.\n"
	    "Each run's scenario is what its file records (model, TP, ISL/OSL, concurrency or\n"
	    "request rate, engine); the options below give what it lacks (options win over the\n"
	    "file).  Prints every run's error before and after and writes\n"
	    "$XDG_CONFIG_HOME/shardlab/calibrations/GPU-ENGINE.lua, which later evaluations of\n"
	    "that GPU and engine use (and name).  Exit status: 0 written, 2 bad input.\n\n"
	    "  --held-out FILE         predict the runs of FILE with the fit, fit nothing to them\n"
	    "  --dry-run               fit and print, write no preset\n\n");
	cli_print_scenario_options(stdout);
	printf("\nExample: shardlab calibrate --gpu h100-sxm run-c1.json run-c8.json run-c64.json\n");
}

static void
print_value(CalMetric m, double v, char *buf, size_t n)
{
	if (!isfinite(v))
		snprintf(buf, n, "-");
	else if (m == CAL_TOKS)
		fmt_rate(v, "tok/s", buf, n);
	else
		fmt_seconds(v, buf, n);
}

/* "+12.3%", or "-" when shardlab has no figure (overloaded at the rate). */
static void
error_text(double predicted, double measured, char *buf, size_t n)
{
	if (isfinite(predicted) && measured > 0)
		snprintf(buf, n, "%+.1f%%", (predicted / measured - 1) * 100);
	else
		snprintf(buf, n, "-");
}

static void
print_runs(const CalRun *runs, int n)
{
	char a[32], b[32], c[32], name[64];

	/* the run column as wide as its longest name, so the columns line up */
	int w = (int)strlen("run");
	for (int i = 0; i < n; i++) {
		int k = snprintf(name, sizeof name, "%s:%d", path_file(runs[i].file), runs[i].bench.line);
		if (k > w)
			w = k < (int)sizeof name ? k : (int)sizeof name - 1;
	}
	printf("%-*s %-4s %-5s %-8s %12s %12s %8s %12s %8s\n", w, "run", "set", "batch", "figure",
	    "measured", "before", "error", "after", "error");
	for (int i = 0; i < n; i++) {
		const CalRun *r = &runs[i];
		snprintf(name, sizeof name, "%s:%d", path_file(r->file), r->bench.line);
		for (int m = 0; m < CAL_METRICS; m++) {
			if (isnan(r->measured[m]))
				continue;
			print_value(m, r->measured[m], a, sizeof a);
			print_value(m, r->before[m], b, sizeof b);
			print_value(m, r->after[m], c, sizeof c);
			char batch[16];
			if (r->rate)
				snprintf(batch, sizeof batch, "%.3g/s", r->bench.request_rate);
			else
				snprintf(batch, sizeof batch, "%d", r->s->workload.batch);
			char eb[16], ea[16];
			error_text(r->before[m], r->measured[m], eb, sizeof eb);
			error_text(r->after[m], r->measured[m], ea, sizeof ea);
			printf("%-*s %-4s %-5s %-8s %12s %12s %8s %12s %8s\n", w, name,
			    r->held_out ? "held" : "fit", batch, calibrate_metric_name(m), a, b, eb, c, ea);
		}
	}
}

/* Read FILE's runs into *runs (grown), held out or not. */
static int
add_file(const Catalog *c, const CliOptions *o, const char *file, bool held, CalRun **runs, int *n)
{
	BenchRun *b = NULL;
	int k = 0;
	char *cause = NULL;

	/* a run both fitted and held out would score its own fit as validation */
	char *real = realpath(file, NULL);
	for (int i = 0; i < *n; i++) {
		char *other = realpath((*runs)[i].file, NULL);
		bool same = real && other ? strcmp(real, other) == 0 : strcmp(file, (*runs)[i].file) == 0;
		free(other);
		if (same && (*runs)[i].held_out != held) {
			cli_error("%s: given both to fit and as --held-out; a held-out run must not be fitted", file);
			free(real);
			return -1;
		}
	}
	free(real);
	if (bench_read(file, &b, &k, &cause) != 0) {
		cli_error("%s", cause);
		free(cause);
		return -1;
	}
	*runs = xrealloc(*runs, (size_t)(*n + k) * sizeof **runs);
	for (int i = 0; i < k; i++) {
		if (calibrate_run_init(c, &o->setup, o->given, file, &b[i], held, &(*runs)[*n], &cause) != 0) {
			cli_error("%s", cause);
			free(cause);
			free(b);
			return -1;
		}
		(*n)++;
	}
	free(b);
	return 0;
}

int
cmd_calibrate(const Catalog *c, int argc, char **argv)
{
	CliOptions o;
	CalRun *runs = NULL;
	Calibration cal;
	char *cause = NULL, *text = NULL, *path = NULL;
	int n = 0, rc = EXIT_USAGE;

	if (cli_parse(c, "calibrate", argc, argv, &o) != 0)
		goto out;
	if (o.help) {
		calibrate_usage();
		rc = EXIT_OK;
		goto out;
	}
	if (o.n_args == 0) {
		cli_error("calibrate: no result files (see 'shardlab calibrate --help')");
		goto out;
	}
	/* options stop at the first file (getopt's "+"): --held-out may follow files */
	for (int i = 0; i < o.n_args; i++) {
		bool held = strcmp(o.args[i], "--held-out") == 0;
		if (held && i + 1 >= o.n_args) {
			cli_error("--held-out: needs a value; see 'shardlab calibrate --help'");
			goto out;
		}
		if (!held && o.args[i][0] == '-' && o.args[i][1]) {
			cli_error("%s: give options before the files (only --held-out FILE may follow them)",
			    o.args[i]);
			goto out;
		}
		if (add_file(c, &o, held ? o.args[++i] : o.args[i], held, &runs, &n) != 0)
			goto out;
	}
	for (int i = 0; i < o.n_held_out; i++)
		if (add_file(c, &o, o.held_out[i], true, &runs, &n) != 0)
			goto out;
	if (calibrate_fit(runs, n, &cal, &cause) != 0) {
		cli_error("calibrate: %s", cause);
		goto out;
	}
	printf("calibrating %s with %s on %d run%s (%d held out)\n\n", cal.gpu, cal.runtime,
	    cal.n_fit + cal.n_held, cal.n_fit + cal.n_held == 1 ? "" : "s", cal.n_held);
	print_runs(runs, n);
	printf("\nparameters (fewer than the %d fitted runs; Nelder-Mead within bounds, %d evaluations)\n",
	    cal.n_fit, cal.iterations);
	if (cal.n_params == 0)
		printf("  (none: the runs measure no efficiency parameter)\n");
	int pinned = 0;
	for (int i = 0; i < cal.n_params; i++) {
		const CalibParamDef *d = calib_param_def(cal.param[i]);
		int at = calibrate_at_bound(&cal, i);
		pinned += at != 0;
		printf("  %-20s %-8s %10.4g -> %-10.4g (%s %s; bounds %g..%g)%s\n", d->name,
		    calib_kind_name(d->kind), cal.def[i], cal.value[i], calib_kind_name(d->kind), d->field,
		    d->min, d->max, at < 0 ? "  at its lower bound" : at > 0 ? "  at its upper bound" : "");
	}
	if (pinned > 0)
		printf("warning: %d of %d parameters ended at a bound: the runs ask more of them than they can "
		    "give, so the remaining error is an effect the model lacks or a run set up unlike the "
		    "scenario (check --tp, dtypes, lengths); do not read those values as measured\n",
		    pinned, cal.n_params);
	printf("\nmedian |error|  fitted runs %.1f%% -> %.1f%%", cal.fit_before * 100, cal.fit_after * 100);
	if (cal.n_held > 0)
		printf("; held-out runs %.1f%% -> %.1f%%", cal.held_before * 100, cal.held_after * 100);
	printf("\n");
	path = calibrate_preset_path(cal.gpu, cal.runtime);
	if (o.dry_run) {
		printf("dry run: %s not written\n", path);
		rc = EXIT_OK;
		goto out;
	}
	text = calibrate_preset_text(&cal, runs, n);
	if (calibrate_write(path, text, &cause) != 0) {
		cli_error("%s", cause);
		goto out;
	}
	printf("wrote %s: evaluations of %s with %s now use it (--no-calibration: the presets')\n", path,
	    cal.gpu, cal.runtime);
	rc = EXIT_OK;
out:
	for (int i = 0; i < n; i++)
		calibrate_run_fini(&runs[i]);
	free(runs);
	free(text);
	free(path);
	free(cause);
	cli_options_fini(&o);
	return rc;
}
