/* reference.h: the reference set, shardlab's figures against published
 * engine measurements, one row per figure, shared by the unit test
 * (tests/unit/test_crosscheck.c) and the accuracy report (`make accuracy`,
 * tests/crosscheck/accuracy.c).  docs/measurements.md has each row's
 * verbatim quote and setup under the same id.
 *
 * A row is the scenario as CLI options (key=value, setup_set's names), the
 * figure by its JSON path, the published value in the figure's unit, and
 * what it is (class, kind, engine, held out or fitted, source, quote, how
 * the measurement was mapped).  Three option keys are the reference set's
 * own, for serving rows (eval's serving section, served with
 * serving_evaluate):
 *   input_cv=X, output_cv=X   the length spread (ServingOptions)
 *   batch=runtime             the running-batch cap is the runtime's
 *                             max_num_seqs (trtllm-bench and vLLM choose it)
 * and two serving paths that eval's JSON does not print, the operating
 * point's means: serving.at_target.ttft_mean_s, serving.at_target.tpot_mean_s
 * (ServingPoint's ttft_mean_s, tpot_mean_s), for engines that publish means.
 *
 * The held-out rule (fixed before any error was looked at; the unit test
 * enforces it): within each (class, kind) stratum, in table order, every
 * third row -- the 3rd, 6th, 9th, ... -- is held out.  Rows are only ever
 * appended, so a row's flag never changes.  Nothing may be fitted to a
 * held-out row.
 *
 * Errors are model / published - 1 (signed); "beyond 2x" is a ratio above
 * 2 or below 1/2. */
#ifndef SHARDLAB_TESTS_REFERENCE_H
#define SHARDLAB_TESTS_REFERENCE_H

#include <stdbool.h>

#define REF_MAX_OPTS 16

typedef enum { REF_DENSE, REF_MOE, REF_CLASS_COUNT } RefClass;

typedef enum {
	REF_MEMORY,             /* weights, KV pool, KV tokens, reserved */
	REF_PREFILL,            /* TTFT at a fixed batch, idle */
	REF_DECODE,             /* TPOT / ITL at a fixed batch */
	REF_E2E,                /* whole request at a fixed batch */
	REF_THROUGHPUT,         /* tokens/s at a fixed batch or at max load */
	REF_SERVING,            /* latencies under load (Poisson arrivals) */
	REF_KIND_COUNT
} RefKind;

/* The report's groups: memory; dense throughput; dense latency (prefill,
 * decode, e2e); MoE (non-memory, non-serving); serving (either class). */
typedef enum {
	REF_G_MEMORY, REF_G_DENSE_THROUGHPUT, REF_G_DENSE_LATENCY, REF_G_MOE, REF_G_SERVING,
	REF_GROUP_COUNT
} RefGroup;

typedef struct RefRow {
	const char *id;         /* docs/measurements.md id, e.g. "THR-05" */
	const char *opts[REF_MAX_OPTS];         /* key=value; NULL-terminated */
	const char *path;       /* "latency.tpot_s", "serving.capacity_rps", ... */
	double published;       /* in the figure's unit (s, bytes, tok/s, req/s) */
	RefClass cls;
	RefKind kind;
	const char *engine;     /* "vLLM", "SGLang", "TensorRT-LLM", "NIM", "lmdeploy" */
	bool held_out;
	double tol;             /* memory rows: the asserted relative tolerance; else 0 */
	const char *source;     /* repo:path@commit or URL, engine version, date */
	const char *quote;      /* the published line, short */
	const char *mapping;    /* how the setup maps to the options; NULL: direct */
} RefRow;

extern const RefRow ref_rows[];
extern const int ref_count;

/* ref_eval: shardlab's figure for row (the scenario from the source tree's
 * presets, SHARDLAB_PATH).  Returns 0 with *model set, or -1 with an
 * allocated message in *cause (bad option, setup, eval status, no such
 * figure, serving failed). */
int ref_eval(const RefRow *row, double *model, char **cause);

/* ref_group: the report group of a row. */
RefGroup ref_group(const RefRow *row);

const char *ref_group_name(RefGroup g);     /* "dense throughput", ... */
const char *ref_kind_name(RefKind k);       /* "memory", "prefill", ... */
const char *ref_class_name(RefClass c);     /* "dense", "MoE" */

/* Statistics of a set of errors (model / published - 1). */
typedef struct RefStats {
	int n;
	double median_abs, p90_abs;     /* of |error| */
	double median_err;              /* of the signed error: the bias (> 0 optimistic for
	                                   throughput, < 0 for latencies) */
	int worst;                      /* index into the caller's rows, -1 when n == 0 */
	double worst_err;               /* its signed error (largest |log ratio|) */
	int beyond_2x;
	/* quantiles of published / model (the factor that takes the model's
	 * figure to the measured one): for error bands */
	double r_q10, r_q25, r_q50, r_q75, r_q90;
} RefStats;

/* ref_stats: statistics of the n errors err[] whose rows are idx[] (for
 * worst).  Quantiles by linear interpolation between order statistics. */
void ref_stats(const double *err, const int *idx, int n, RefStats *out);

/* ref_quantile: the q-quantile (0..1) of v[n] (sorted in place). */
double ref_quantile(double *v, int n, double q);

#endif
