/* bench_eval.c: full evaluations per second on one core (issue 2 target:
 * >= 1,000,000/s). */
#include <stdio.h>
#include <stdlib.h>

#include "../unit/helpers.h"
#include "bench.h"
#include "core/eval.h"

static double
evals_per_s(Scenario *s, Result *r)
{
	/* vary the batch so no call is identical */
	int n = 0;
	double t0 = bench_now(), t;
	do {
		for (int i = 0; i < 20000; i++, n++) {
			s->workload.batch = 1 + (i & 63);
			eval_run(s, r);
		}
		t = bench_now() - t0;
	} while (t < 1.0);
	return n / t;
}

BENCH(bench_eval)
{
	Scenario *s = malloc(sizeof *s);
	Result *r = malloc(sizeof *r);

	scenario_from(s, "model=llama-3-70b", "cluster=h100x8", "tp=8", NULL);
	bench_print("eval.per_s", evals_per_s(s, r), "evals/s (llama-3-70b, TP 8)");
	scenario_from(s, "model=llama-3-70b", "cluster=h100x8", "tp=2", "pp=4", NULL);
	bench_print("eval.pp4.per_s", evals_per_s(s, r), "evals/s (llama-3-70b, TP 2 x PP 4)");
	scenario_from(s, "model=deepseek-v3", "cluster=h100x16", "tp=8", "pp=2", "dtype=fp8", NULL);
	bench_print("eval.deepseek.per_s", evals_per_s(s, r), "evals/s (deepseek-v3, TP 8 x PP 2)");
	double t0 = bench_now();
	for (int i = 0; i < 100000; i++)
		eval_run(s, r);
	bench_print("eval.us", (bench_now() - t0) / 100000 * 1e6, "us per evaluation (deepseek-v3)");
	/* speculation on: the break-even batch is computed on demand (explain,
	 * the latency.spec.breakeven_batch field), not inside eval_run */
	scenario_from(s, "model=llama-3-70b", "cluster=h100x8", "tp=8", "spec_tokens=3", NULL);
	t0 = bench_now();
	for (int i = 0; i < 100000; i++) {
		s->workload.batch = 1 + (i & 63);
		eval_run(s, r);
	}
	bench_print("eval.spec.us", (bench_now() - t0) / 100000 * 1e6,
	    "us per evaluation (llama-3-70b TP 8, spec_tokens 3)");
	free(s);
	free(r);
}
