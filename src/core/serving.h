/* serving.h: continuous-batching serving at a request rate.  Poisson
 * arrivals, a running batch capped by max_num_seqs and the KV cache, chunked
 * prefill on or off, fixed or spread input/output lengths; p50/p99 TTFT and
 * TPOT at a rate, the highest rate within SLOs, and what limits it.
 *
 * The step times come from eval_run (decode step at batch 1, 2, 4, ...; the
 * idle prefill), so serving figures rest on the same roofline as eval's.
 * The queueing approximation, stated here and in serving.c where each piece
 * is used:
 *   - mean running batch and step time: a mean-field fixed point with
 *     Little's law, n = rate * output_len * step(n) (Little, Oper. Res. 1961);
 *     prefill tokens of the arrivals share the steps (Sarathi-Serve, Agrawal
 *     et al., arXiv 2403.02310, sec. 3: chunked prefill piggybacks on decode);
 *   - waiting for a sequence slot: M/G/c with c = the running-batch cap,
 *     Erlang C (exact below 32 slots, Halfin & Whitt, Oper. Res. 1981, above)
 *     with the Allen-Cunneen correction (1 + cv^2)/2 for general service;
 *   - waiting for prefill: M/G/1 by Pollaczek-Khinchine, as DistServe does
 *     for its prefill instance (Zhong et al., OSDI 2024, arXiv 2401.09670,
 *     sec. 3.1, M/D/1), with an exponential tail for the p99 (Kingman, "The
 *     single server queue in heavy traffic", 1961);
 *   - TPOT spread: each request's TPOT is its decode steps' mean; the prefill
 *     work of the arrivals during its decode is a compound Poisson sum whose
 *     quantiles are tabulated per workload (ServingTail); the running batch
 *     fluctuates as M/G/inf (Poisson) occupancy;
 *   - quantiles of a sum of independent delays: mean + the root sum of squares
 *     of each term's excess over its mean (exact for normal terms).
 * Where it is weak: above SERVING_HEAVY_LOAD of capacity the mean-field batch
 * ignores the queue's feedback on step time and the tails are rough (ServingPoint
 * .heavy says so); it has no preemption/recompute when the KV cache runs out
 * mid-decode, no prefix caching, and no CPU/tokenizer/HTTP overhead.
 *
 * Pure: no I/O, no allocation, no globals; callers provide every buffer. */
#ifndef SHARDLAB_CORE_SERVING_H
#define SHARDLAB_CORE_SERVING_H

#include <stdbool.h>

#include "disagg.h"
#include "eval.h"

/* Decode-step samples per step model: batch 1, 2, 4, ... 4096 and the cap. */
#define SERVING_MAX_SAMPLES 16
/* Above this share of capacity the approximation is weak (ServingPoint.heavy). */
#define SERVING_HEAVY_LOAD 0.8
/* Points of the TPOT-spread table (ServingTail), and of the output-length grid. */
#define SERVING_TAIL_POINTS 29
#define SERVING_LEN_POINTS 16

typedef struct ServingOptions {
	bool chunked_prefill;   /* vLLM V1 / SGLang default: prefill chunks ride along decode steps */
	double input_cv;        /* spread of input lengths: coefficient of variation (gamma); 0 = fixed */
	double output_cv;       /* same for output lengths */
} ServingOptions;

/* What stops a higher request rate. */
typedef enum {
	SERVING_LIMIT_NONE,
	SERVING_LIMIT_KV,       /* the running batch is at the KV-cache capacity (memory) */
	SERVING_LIMIT_BATCH,    /* the running batch is at its max_num_seqs cap */
	SERVING_LIMIT_PREFILL,  /* prefill work: the token budget per step, or prefill compute */
	SERVING_LIMIT_TTFT,     /* the TTFT SLO */
	SERVING_LIMIT_TPOT,     /* the TPOT SLO */
	SERVING_LIMIT_COUNT
} ServingLimit;

/* What dominates a decode step (eval's per-operator roofline split). */
typedef enum {
	SERVING_BOUND_COMPUTE,  /* operators limited by FLOPs */
	SERVING_BOUND_HBM,      /* operators limited by memory bandwidth */
	SERVING_BOUND_COMM,     /* TP all-reduce, EP all-to-all, PP sends */
	SERVING_BOUND_FLOOR,    /* kernel launch floors */
	SERVING_BOUND_COUNT
} ServingBound;

/* A replica's step times, from eval_run. */
typedef struct StepModel {
	int n;                          /* samples */
	double batch[SERVING_MAX_SAMPLES];      /* running sequences, increasing */
	double step_s[SERVING_MAX_SAMPLES];     /* eval's TPOT at that batch */
	double prefill_s;               /* eval's TTFT: input_len tokens, idle */
	double prefill_token_s;         /* one prefill token inside a decode step (its stage's share) */
	double prefill_path_token_s;    /* the same through every stage: a request's own prefill */
	double max_seqs;                /* the running-batch cap (<= the last sample) */
	double kv_seqs;                 /* the KV cache's capacity in sequences */
	double chunk_tokens;            /* max_num_batched_tokens: tokens per step */
	double input_len, output_len;   /* means, tokens; input_len: the prompt tokens computed (uncached) */
} StepModel;

/* Quantiles of the per-request prefill interference, per arrivals-per-step
 * rate, for one workload's length distributions (see serving.c). */
typedef struct ServingTail {
	double input_cv, output_cv, output_len;         /* what it was made for */
	double q50[SERVING_TAIL_POINTS], q99[SERVING_TAIL_POINTS];
	double input_q50, input_q99;    /* input-length quantiles / mean */
	double output_q99;              /* output-length p99 / mean */
	double inv_o1;                  /* E[1 / (output_len - 1)] */
	double input_m2;                /* E[I^2] / mean^2 */
	bool valid;
} ServingTail;

/* One operating point of a replica. */
typedef struct ServingPoint {
	double rate_rps;        /* arrivals per second at this replica */
	double load;            /* rate / capacity */
	bool stable;            /* load < 1 */
	bool heavy;             /* load > SERVING_HEAVY_LOAD: figures are rough */
	double batch_mean;      /* running sequences */
	double step_s;          /* mean step time */
	double slot_wait_prob;  /* P(an arrival waits for a sequence slot) */
	double wait_s;          /* mean wait before the prefill starts */
	double ttft_mean_s, ttft_p50_s, ttft_p99_s;
	double tpot_mean_s, tpot_p50_s, tpot_p99_s;
	double tokens_per_s;    /* output tokens/s of the replica */
	ServingLimit overload;  /* when not stable: what is overloaded (the capacity's
	                           limit, or PREFILL when the prefill queue grows);
	                           NONE when stable */
} ServingPoint;

/* serving_options_init: chunked prefill on, fixed lengths. */
void serving_options_init(ServingOptions *o);

/* serving_tail_init: the TPOT-spread table for lengths of these means and
 * o's spreads (~1 ms).  Fills a caller's struct. */
void serving_tail_init(ServingTail *t, const ServingOptions *o, double input_len, double output_len);

/* serving_tail_matches: t was made for these options and lengths. */
bool serving_tail_matches(const ServingTail *t, const ServingOptions *o, double input_len,
    double output_len);

/* serving_tail_quantile: the p50 (or p99) of a request's prefill
 * interference in units of one arrival's stall, at `arrivals_per_step`
 * (rate * mean step); its mean is arrivals_per_step. */
double serving_tail_quantile(const ServingTail *t, double arrivals_per_step, bool p99);

/* serving_step_begin: start a step model from r = eval_run(s) at
 * workload.batch = 1 (its idle prefill and decode step); the sample at
 * batch 1 is added.  kv_seqs is r's max_concurrent_seqs. */
void serving_step_begin(StepModel *m, const Scenario *s, const Result *r);

/* serving_step_add: add eval's TPOT at r (eval_run at workload.batch =
 * batch); samples must come in increasing batch order.  Sets max_seqs to
 * batch.  Returns 0, or -1 when full. */
int serving_step_add(StepModel *m, int batch, const Result *r);

/* serving_batch_cap: the running-batch cap of one replica, the one rule
 * that eval's serving section, Lua evaluate{}, the TUI and search share:
 * the smaller of batch_max (the max_num_seqs cap: workload.batch, or a
 * search candidate's cap) and the whole sequences the KV pool holds
 * (kv_seqs: eval's memory.max_concurrent_seqs; vLLM's scheduler admits a
 * sequence only when its KV blocks fit, vllm/v1/core/sched/scheduler.py).
 * Which of the two binds into *limit (may be NULL): SERVING_LIMIT_KV when
 * the pool holds no more than batch_max sequences, else SERVING_LIMIT_BATCH.
 * Returns the cap in sequences, 0 when the pool holds no whole sequence. */
int serving_batch_cap(double batch_max, double kv_seqs, ServingLimit *limit);

/* serving_step_model: the whole step model for s with the running batch
 * capped at serving_batch_cap(max_seqs, the KV pool at batch 1): eval_run at
 * batch 1, 2, 4, ..., the cap on *work (a copy of s that is modified) into
 * *r.  Returns 0, or -1 when s is invalid or does not fit at batch 1. */
int serving_step_model(const Scenario *s, int max_seqs, Scenario *work, Result *r, StepModel *m);

/* serving_step_time: the decode step at a running batch n (interpolated,
 * units.h piecewise_linear). */
double serving_step_time(const StepModel *m, double n);

/* serving_capacity: the highest stable rate of one replica (requests/s),
 * and what limits it into *limit (may be NULL): the running-batch cap's
 * limit (KV or BATCH, serving_batch_cap), or PREFILL when the step's token
 * budget (max_num_batched_tokens) or the prefill work binds first. */
double serving_capacity(const StepModel *m, const ServingOptions *o, ServingLimit *limit);

/* serving_point: the operating point at `rate` requests/s. */
void serving_point(const StepModel *m, const ServingOptions *o, const ServingTail *t, double rate,
    ServingPoint *p);

/* serving_meets: p is stable and within every SLO set in slo; when not, the
 * first failing limit into *why (may be NULL): p->overload when p is not
 * stable (KV, BATCH or PREFILL), else TTFT or TPOT. */
bool serving_meets(const ServingPoint *p, const Slo *slo, ServingLimit *why);

/* serving_max_rate: the highest rate of one replica whose point meets slo
 * (the capacity when no latency SLO is set); its point into *at and what
 * stops a higher rate into *limit.  Returns 0 when even a trickle misses an
 * SLO (then *at is the point near rate 0 and *limit the SLO missed). */
double serving_max_rate(const StepModel *m, const ServingOptions *o, const ServingTail *t,
    const Slo *slo, ServingPoint *at, ServingLimit *limit);

/* Everything serving says about one scenario, for eval, Lua and the TUI. */
typedef struct ServingReport {
	StepModel model;                /* running batch capped by serving_batch_cap
	                                   (workload.batch and the KV pool) */
	double capacity_rps;            /* per replica, the stability limit */
	ServingLimit capacity_limit;
	double rate_max_rps;            /* per replica, within workload.slo */
	ServingLimit limit;             /* what stops a higher rate */
	ServingPoint at_max;
	bool has_target;                /* slo.rps > 0 */
	ServingPoint at_target;         /* at slo.rps / dp */
	DisaggReport disagg;            /* disaggregated prefill/decode (disagg.h); when on, the
	                                   figures above are the deployment's from it: a "replica"
	                                   is one decode instance */
} ServingReport;

/* serving_evaluate: serve s (its strategy, workload.batch as the max_num_seqs
 * cap, clamped to the KV pool by serving_batch_cap, its SLOs) with o; *work and *r are scratch (*work a copy of s
 * that is modified), t the tail table (built here when it does not match).
 * Returns 0, or -1 when s is invalid or does not fit at batch 1. */
int serving_evaluate(const Scenario *s, const ServingOptions *o, Scenario *work, Result *r,
    ServingTail *t, ServingReport *out);

/* The serving model in one line, for reports (eval's serving section). */
extern const char serving_model_text[];

/* One field of eval's "serving" section: JSON (io/result_json.c) and Lua
 * (bind/luaapi.c) both write exactly these, so their trees are equal. */
typedef enum { SERVING_FIELD_NUM, SERVING_FIELD_BOOL, SERVING_FIELD_STR } ServingFieldKind;

typedef struct ServingField {
	const char *name;       /* "ttft_p99_s"; an "at_target." prefix nests it */
	ServingFieldKind kind;
	double num;
	bool flag;
	const char *str;
} ServingField;

#define SERVING_MAX_FIELDS 64

/* serving_fields: eval's serving section for s (its DP replicas, its SLOs)
 * served as sv, into out[max]; rates are deployment-wide (x DP), the point
 * is per replica at the target rate (or, without one, at the highest rate
 * within the SLOs).  Returns the number of fields.  *meets: every SLO holds
 * at the target rate (without a target: some rate meets them). */
int serving_fields(const Scenario *s, const ServingReport *sv, ServingField *out, int max,
    bool *meets);

/* serving_bound: what dominates r's decode step, and its share of the step
 * into *share (may be NULL). */
ServingBound serving_bound(const Result *r, double *share);

/* Names: "KV cache", "max_num_seqs", "prefill", "TTFT SLO", "TPOT SLO";
 * "compute", "HBM bandwidth", "communication", "kernel floors". */
const char *serving_limit_name(ServingLimit l);

/* serving_limit_fix: what raises limit l, for an overloaded point's advice
 * ("more replicas, more KV room (fp8 KV cache, more TP/PP) or a lower rate"). */
const char *serving_limit_fix(ServingLimit l);
const char *serving_bound_name(ServingBound b);

/* serving_norm_quantile: the standard normal quantile (Acklam's rational
 * approximation, relative error < 1.2e-9). */
double serving_norm_quantile(double p);

#endif
