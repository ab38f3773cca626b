/* calibrate.h: fit the efficiency parameters of core/calib-params.h to a
 * user's own benchmark runs (io/benchfile.h), and the calibration presets
 * that carry the fit to later evaluations.
 *
 * Each run becomes a scenario: what its file records (model, TP/PP/DP/EP,
 * ISL/OSL, concurrency or request rate, the engine that wrote it) over the
 * command line's options for what it lacks; options given on the command
 * line win over the file.  A concurrency-capped or all-at-once run is
 * eval's static batch at that concurrency (its TPOT, its output tokens/s,
 * and its TTFT when one request runs alone); a run at a request rate is
 * served at that rate (serving's p50 TTFT and TPOT).  The fit minimises
 * the mean squared log error over the fitted runs' figures, by
 * Nelder-Mead within the parameters' bounds (Nelder & Mead, "A simplex
 * method for function minimization", Comput. J. 7, 1965), on fewer
 * parameters than runs (at most 4), chosen by forward selection: each
 * round adds the parameter whose fit lowers the error most, until none
 * lowers it by 2%.
 *
 * A calibration preset ($XDG_CONFIG_HOME/shardlab/calibrations/GPU-ENGINE
 * .lua, docs/PRESET-FORMAT.md) sets the fitted parameters whenever a
 * scenario runs that GPU with that engine (setup_build; --no-calibration
 * turns it off); eval names it in its text, JSON (runtime.calibration)
 * and --explain. */
#ifndef SHARDLAB_SCENARIO_CALIBRATE_H
#define SHARDLAB_SCENARIO_CALIBRATE_H

#include <stdbool.h>

#include "catalog/catalog.h"
#include "core/calib-params.h"
#include "core/scenario.h"
#include "core/serving.h"
#include "io/benchfile.h"
#include "scenario/calib-apply.h"
#include "scenario/setup.h"

/* The figures a run is compared on. */
typedef enum { CAL_TTFT, CAL_TPOT, CAL_TOKS, CAL_METRICS } CalMetric;

#define CAL_MAX_PARAMS 32

typedef struct CalRun {
	char *file;             /* allocated */
	BenchRun bench;
	Scenario *s;            /* allocated: the run's scenario */
	bool held_out;          /* predicted, not fitted */
	bool rate;              /* served at bench.request_rate */
	double measured[CAL_METRICS];   /* NAN: not compared */
	double before[CAL_METRICS];     /* shardlab's, defaults */
	double after[CAL_METRICS];      /* shardlab's, fitted */
	ServingTail *tail;      /* allocated: the serving model's table for the run's lengths */
} CalRun;

typedef struct Calibration {
	char gpu[HW_NAME_MAX], runtime[HW_NAME_MAX];
	int n_params;
	int param[CAL_MAX_PARAMS];      /* rows of calib-params.h */
	double def[CAL_MAX_PARAMS];     /* the presets' values */
	double value[CAL_MAX_PARAMS];   /* fitted */
	int n_fit, n_held;              /* runs */
	double fit_before, fit_after;   /* median |error| of the fitted runs' figures */
	double held_before, held_after; /* of the held-out runs' (NAN: none) */
	int iterations;
} Calibration;

/* calibrate_at_bound: -1 when fitted parameter i of cal ended at its lower
 * bound, +1 at its upper bound (within CAL_BOUND_REL of its normalised range),
 * else 0.  A fit pinned at a bound says the runs want more than that
 * efficiency can give: the gap is an effect the model lacks (or a run
 * set up unlike the scenario), not a value to trust. */
int calibrate_at_bound(const Calibration *cal, int i);

/* calibrate_metric_name: "TTFT", "TPOT", "tokens/s". */
const char *calibrate_metric_name(CalMetric m);

/* calibrate_run_init: the scenario of bench run b of `file` over `base`
 * (the command line's setup; given[] marks the keys it gave) into *run
 * (fills it; release with calibrate_run_fini).  Returns 0, or -1 with an
 * allocated "FILE:LINE: ..." in *cause. */
int calibrate_run_init(const Catalog *c, const Setup *base, const bool *given, const char *file,
    const BenchRun *b, bool held_out, CalRun *run, char **cause);
void calibrate_run_fini(CalRun *run);

/* calibrate_predict: s's figures for run's kind of measurement into out
 * (NAN where it has none).  Returns 0, or -1 when s does not evaluate. */
int calibrate_predict(const Scenario *s, const CalRun *run, double out[CAL_METRICS]);

/* calibrate_fit: fit the parameters to the runs not held out (all on one
 * GPU and engine), fill every run's before/after and *out.  Returns 0, or
 * -1 with *cause (mixed GPUs or engines, too few runs, a run that does not
 * evaluate). */
int calibrate_fit(CalRun *runs, int n, Calibration *out, char **cause);

/* calibrate_preset_text: the calibration preset of *cal (Lua, allocated),
 * naming the runs it came from. */
char *calibrate_preset_text(const Calibration *cal, const CalRun *runs, int n);

/* calibrate_write: write the preset text atomically at path, creating its
 * directory.  Returns 0 or -1 with *cause. */
int calibrate_write(const char *path, const char *text, char **cause);

#endif
