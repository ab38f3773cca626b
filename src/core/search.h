/* search.h: every valid deployment strategy of a model on a cluster,
 * evaluated, constrained and ranked.
 *
 * A strategy is TP, PP, DP, EP (and expert TP), micro-batches, weight and
 * KV-cache dtypes, and the running-batch cap (max_num_seqs, "batch").  Each
 * replica layout (everything but DP) is evaluated by eval_run at batch 1, 2,
 * 4, ... (so every figure agrees with `shardlab eval` on that strategy), then
 * served at the SLO's rate by serving.h; DP follows from the target rate.
 * Constraints: memory per stage, KV room, SLOs (TTFT and TPOT, p50 and p99,
 * under Poisson load), the GPUs available, TP inside a node unless allowed,
 * and an optional caller filter (Lua checks).  The ranking is by one
 * objective; the Pareto front is throughput per GPU against tokens/s per user.
 *
 * Typical use (one thread):
 *
 *     SearchOptions o;  search_options_init(&o);
 *     SearchCandidate top[10], front[64];
 *     SearchResult res;  search_result_init(&res, top, 10, front, 64);
 *     SearchWork *w = malloc(sizeof *w);  search_work_init(w);
 *     search_run(&scenario, &o, w, &res);
 *     search_finish(&scenario, &o, w, &res);    (ranks, probes)
 *     search_format_why(&scenario, &o, &res, &res.top[0], buf, sizeof buf);
 *
 * Several threads: each runs search_run with its own SearchWork and
 * SearchResult and o.part = i, o.parts = n; then search_merge the results
 * into one and search_finish it.  The result does not depend on n.
 *
 * Pure: no I/O, no allocation, no globals; the caller owns every buffer. */
#ifndef SHARDLAB_CORE_SEARCH_H
#define SHARDLAB_CORE_SEARCH_H

#include <stdbool.h>
#include <stddef.h>

#include "eval.h"
#include "serving.h"

/* Clusters up to this many GPUs (issue 5: 1 to 4,096). */
#define SEARCH_MAX_GPUS 4096
/* Obvious layouts whose fate is reported (SearchProbe). */
#define SEARCH_MAX_PROBES 6

typedef enum {
	SEARCH_OBJ_TPUT_PER_GPU,        /* "throughput": output tok/s per GPU at the best rate within SLOs (max) */
	SEARCH_OBJ_TTFT,                /* "ttft": TTFT p99 at the target rate (min) */
	SEARCH_OBJ_TPOT,                /* "tpot": TPOT p99 at the target rate (min) */
	SEARCH_OBJ_GPUS,                /* "gpus": GPUs used to serve the target rate (min) */
	SEARCH_OBJ_COST,                /* "cost": $ per million output tokens (min) */
	SEARCH_OBJ_COUNT
} SearchObjective;

/* Why a layout (or a batch cap of it) was not kept, in the order the
 * search meets them. */
typedef enum {
	SEARCH_OK,
	SEARCH_REJ_LAYOUT,      /* structural: TP vs heads, PP vs layers, EP vs experts */
	SEARCH_REJ_TP_NODES,    /* TP spans nodes (not allowed unless asked) */
	SEARCH_REJ_DTYPE,       /* the GPU lacks the compute dtype */
	SEARCH_REJ_CONTEXT,     /* the workload's context exceeds the model's */
	SEARCH_REJ_MEMORY,      /* weights + activations + reserve exceed the runtime's budget */
	SEARCH_REJ_KV,          /* the KV pool holds less than one max_model_len sequence */
	SEARCH_REJ_TTFT,        /* TTFT above the SLO even idle */
	SEARCH_REJ_TPOT,        /* TPOT above the SLO even at batch 1 */
	SEARCH_REJ_RATE,        /* SLOs missed under any load (queueing, prefill interference) */
	SEARCH_REJ_GPUS,        /* the target rate needs more GPUs than the cluster has */
	SEARCH_REJ_CHECK,       /* the caller's filter (a Lua check) said no */
	SEARCH_REJ_COUNT
} SearchReject;

/* One ranked strategy.  Figures marked "eval" equal eval_run's on
 * search_scenario(base, c). */
typedef struct SearchCandidate {
	int tp, pp, dp, ep, etp, micro_batches;
	Dtype weight_dtype, kv_dtype, act_dtype;
	int batch;                      /* running-batch cap per replica (max_num_seqs) */
	int gpus;                       /* tp * pp * dp */
	int gpus_per_replica;           /* tp * pp */
	int dp_unit;                    /* DP must be a multiple (EP groups span replicas) */
	int dp_min, dp_max;             /* fewest replicas meeting the rate; most that fit */
	/* eval at workload.batch = batch */
	double per_gpu_bytes, weights_bytes, budget_bytes;  /* the fullest stage */
	double kv_pool_bytes;
	double max_concurrent_seqs;
	double ttft_s;                  /* idle TTFT */
	double tpot_s;                  /* TPOT at a full batch */
	double tpot_idle_s;             /* TPOT at batch 1 */
	double static_rps;              /* eval's static-batch requests/s per replica */
	/* serving, per replica */
	double capacity_rps;            /* stability limit */
	double rate_max_rps;            /* the highest rate within the SLOs */
	ServingLimit limit;             /* what stops a higher rate */
	ServingLimit batch_limit;       /* why the batch cap is not larger: KV, BATCH (runtime
	                                   max_num_seqs), TPOT (SLO at twice it), NONE (larger did worse) */
	ServingBound bound;             /* what dominates the decode step at a full batch */
	double bound_share;
	ServingPoint at_max;            /* at rate_max_rps */
	ServingPoint at_target;         /* at slo.rps / dp; == at_max without a target */
	double tokens_per_s_per_gpu;    /* rate_max * output_len / gpus_per_replica */
	double tokens_per_s_per_user;   /* 1 / TPOT p50 at at_target, its operating point
	                                   (0 when that point is overloaded) */
	double usd_per_mtok;            /* $ per million output tokens; 0 without a price */
	double score;                   /* the objective; larger is better */
	int rank;                       /* 1-based place in SearchResult.top; 0 elsewhere */
	bool pareto;                    /* on the Pareto front */
	/* speculative decoding, when the search tries it (search_spec_max > 0):
	 * every k = 0..spec_max per layout and batch cap, the best kept */
	int spec_max;                   /* the largest k tried; 0: speculation not tried */
	int spec_tokens;                /* draft tokens per step k (0: no speculation); eval's spec_tokens */
	double spec_speedup;            /* TPOT without speculation / TPOT at the full batch (1 at k 0) */
	int spec_breakeven;             /* top rows (search_finish): the batch from which speculation
	                                   stops paying: k's own break-even, or at k 0 the batch from
	                                   which no k <= spec_max pays (eval_spec_breakeven); 0: it
	                                   pays at every batch the KV pool holds; -1: not worked out */
} SearchCandidate;

/* A reason with its numbers, for the nearest miss of each kind and for
 * probes.  v[] by reason: MEMORY need, budget, weights, fixed (bytes);
 * KV pool tokens, max_model_len; TTFT/TPOT value, SLO, percentile;
 * RATE ttft_p99, tpot_p99 at a trickle; GPUS needed, available, rate per
 * replica; DTYPE dtype; CONTEXT context, model max; TP_NODES tp, gpus per
 * node.  `miss` orders misses of one kind (smaller is nearer). */
typedef struct SearchRejection {
	SearchReject reason;
	int tp, pp, ep, etp, dp, batch;
	Dtype weight_dtype, kv_dtype;
	double v[4];
	double miss;
	bool bound;                     /* v[] are lower bounds: cut before eval_run */
	char check[96];                 /* REJ_CHECK: the filter's text */
} SearchRejection;

/* The "obvious" layouts a reader would try first, and what became of them. */
typedef enum {
	SEARCH_PROBE_BASE,              /* the scenario's own strategy */
	SEARCH_PROBE_TP_NODE,           /* the widest TP inside a node, PP 1, DP over the rest */
	SEARCH_PROBE_REPLICAS,          /* the most replicas: the smallest TP x PP that could fit */
	SEARCH_PROBE_PP_NODES,          /* TP inside a node, PP across the nodes */
	SEARCH_PROBE_EP_ALL,            /* MoE: EP across every GPU, TP 1 */
	SEARCH_PROBE_COUNT
} SearchProbeKind;

typedef struct SearchProbe {
	SearchProbeKind kind;
	int tp, pp, dp, ep;
	bool found;                     /* some batch cap and dtype of it is feasible */
	SearchCandidate best;           /* when found: its best candidate */
	int rank;                       /* its place in top[], or 0 */
	SearchRejection why;            /* when not found */
} SearchProbe;

/* Filter for user checks (Lua): called on a feasible candidate about to
 * enter the top list or the Pareto front, with the candidate's scenario and
 * eval_run result.  Return false to reject, with a reason in why[n].  It is
 * called from the thread running search_run. */
typedef bool (*SearchFilter)(void *ud, const Scenario *s, const Result *r, char *why, size_t n);

typedef struct SearchOptions {
	SearchObjective objective;
	unsigned weight_dtypes;         /* mask of 1u << Dtype; 0 = the base scenario's */
	unsigned kv_dtypes;             /* mask; 0 = the base scenario's */
	int max_gpus;                   /* GPUs layouts may use; 0 = the cluster's */
	bool allow_tp_across_nodes;
	int batch_max;                  /* largest running-batch cap; 0 = the runtime's max_num_seqs */
	bool micro_batch_variants;      /* with PP > 1 also try 1 and 2*PP micro-batches */
	double gpu_hour_usd;            /* price; 0 = the cluster's */
	ServingOptions serving;
	int part, parts;                /* this call covers layouts i with i % parts == part */
	bool exhaustive;                /* serve every candidate: no bound pruning (tests) */
	int spec_max;                   /* speculative decoding: try k = 0..spec_max draft tokens;
	                                   0: the base's spec_tokens is the largest k (0: not tried) */
	SearchFilter filter;
	void *filter_ud;
} SearchOptions;

typedef struct SearchResult {
	SearchCandidate *top;           /* caller's buffer, best first */
	int top_cap, n_top;
	SearchCandidate *pareto;        /* caller's buffer, by throughput per GPU descending */
	int pareto_cap, n_pareto;
	bool pareto_truncated;          /* the front had more points than pareto_cap */
	long layouts;                   /* replica layouts enumerated */
	long pruned;                    /* cut by the memory lower bound before eval_run */
	long evaluations;               /* eval_run calls */
	long candidates;                /* (layout, batch cap) pairs assessed */
	long bounded;                   /* of those, skipped: could not enter top, front or fewest */
	long bounded_layouts;           /* layouts (with a micro-batch count) skipped the same way
	                                   on their largest batch cap's bound */
	long feasible;                  /* (layout, batch cap) pairs served and feasible */
	long feasible_layouts;          /* layouts with a feasible batch cap (each has one
	                                   row at most in top) */
	long rejected[SEARCH_REJ_COUNT];        /* layouts or caps, by reason */
	SearchRejection nearest[SEARCH_REJ_COUNT];      /* the nearest miss of each kind */
	bool has_fewest;
	SearchCandidate fewest;         /* the feasible candidate needing the fewest GPUs */
	int n_probes;
	SearchProbe probes[SEARCH_MAX_PROBES];
	int max_gpus;                   /* resolved */
	double gpu_hour_usd;            /* resolved */
} SearchResult;

/* Scratch for one thread: a scenario copy, an eval result, the serving
 * tail table.  Large (~60 kB): allocate it. */
typedef struct SearchWork {
	Scenario scenario;
	Scenario wide;                  /* search_fewest_gpus: the cluster made larger */
	Result result;
	ServingTail tail;
} SearchWork;

/* search_work_init: prepare a caller's SearchWork (the serving tables are
 * built on first use and kept while the workload's lengths and spreads stay
 * the same).  A zeroed SearchWork is also ready. */
void search_work_init(SearchWork *w);

/* search_options_init: objective throughput per GPU, the base's dtypes,
 * the whole cluster, TP inside a node, micro-batch variants, chunked prefill. */
void search_options_init(SearchOptions *o);

/* search_result_init: attach the caller's arrays (either may be NULL with
 * cap 0) and clear the counters. */
void search_result_init(SearchResult *r, SearchCandidate *top, int top_cap, SearchCandidate *pareto,
    int pareto_cap);

/* search_run: enumerate o's part of the space of base's model on base's
 * cluster (the strategy and batch of base are ignored; its workload, SLOs,
 * runtime and dtypes are used) into r, which search_result_init prepared.
 * Returns the number of feasible candidates. */
long search_run(const Scenario *base, const SearchOptions *o, SearchWork *w, SearchResult *r);

/* search_merge: fold src (another part) into dst. */
void search_merge(SearchResult *dst, const SearchResult *src, const SearchOptions *o);

/* search_finish: after the last run or merge: ranks, Pareto marks and the
 * probes of obvious layouts. */
void search_finish(const Scenario *base, const SearchOptions *o, SearchWork *w, SearchResult *r);

/* search_scenario: the candidate as a full scenario (strategy, batch,
 * spec_tokens; aggregated: prefill_dp 0, as search_run ranks every base)
 * for eval_run or the TUI's main screen. */
void search_scenario(const Scenario *base, const SearchCandidate *c, Scenario *out);

/* search_best: the single best strategy for base's model, cluster, workload
 * and SLOs under `objective` (for the audit).  Returns true and *best, or
 * false when nothing is feasible. */
bool search_best(const Scenario *base, SearchObjective objective, SearchWork *w, SearchCandidate *best);

/* search_fewest_gpus: the fewest GPUs of base's type (in whole nodes of
 * max(cluster, GPU) node size when more than one node) on which some layout
 * meets the SLOs and target rate, or with ignore_slo only fits in memory;
 * o's dtypes apply.  Returns the GPU count with its candidate in *best, or 0
 * when none up to SEARCH_MAX_GPUS. */
int search_fewest_gpus(const Scenario *base, const SearchOptions *o, bool ignore_slo, SearchWork *w,
    SearchCandidate *best);

/* Labels, into buf[n] (always terminated); each returns snprintf's length.
 * The reasons are below; the plot is in scenario/report-search.h. */
/* search_format_layout: "TP 8 x PP 1 x DP 1, bf16/bf16 KV, batch 256"; with
 * speculation tried (spec_max > 0) ", spec k 2" (k 0 included). */
int search_format_layout(const SearchCandidate *c, char *buf, size_t n);
/* search_format_strategy: search_format_layout from its parts: batch and
 * micro 0 leave them out, EP shows only with moe. */
int search_format_strategy(int tp, int pp, int dp, int ep, int etp, Dtype wd, Dtype kd, int batch, int micro,
    bool moe, char *buf, size_t n);
/* search_format_binding: "TPOT SLO; HBM bandwidth-bound": what stops a
 * higher rate and what dominates the decode step. */
int search_format_binding(const SearchCandidate *c, char *buf, size_t n);

/* Names: "throughput", "ttft", "tpot", "gpus", "cost" (parse also takes
 * "tput-per-gpu", "throughput-per-gpu"); reasons "memory", "kv", ... */
const char *search_objective_name(SearchObjective o);
const char *search_objective_label(SearchObjective o);  /* "throughput per GPU" */
int search_objective_parse(const char *name, SearchObjective *out);
const char *search_reject_name(SearchReject r);
const char *search_probe_name(SearchProbeKind k);

/* search_spec_max: the largest speculative k the search tries for base
 * under o: o->spec_max, else base's spec_tokens (at most PARAM spec_tokens'
 * bound); 0 when speculation is not tried. */
int search_spec_max(const Scenario *base, const SearchOptions *o);

/* search_dtype_mask_parse: "bf16,fp8", "all" -> mask of 1u << Dtype;
 * "all" is bf16, fp8, int8, int4 for weights and bf16, fp8 for the KV
 * cache (kv).  Returns 0, or -1 on an unknown name. */
int search_dtype_mask_parse(const char *text, bool kv, unsigned *mask);

/* The reasons in words (search-reasons.c), into buf[n] (always
 * terminated); each returns the length written. */
/* search_format_why: why c ranks where it does: the rate it sustains and
 * what binds (SLO, KV memory, batch cap), what dominates its step
 * (compute, HBM bandwidth, communication), and for ranks below 1 what it
 * gives up against the winner. */
int search_format_why(const Scenario *base, const SearchOptions *o, const SearchResult *r,
    const SearchCandidate *c, char *buf, size_t n);
/* search_format_rejection: what rejected a layout, with its numbers. */
int search_format_rejection(const Scenario *base, const SearchOptions *o, const SearchRejection *j,
    char *buf, size_t n);
/* search_format_probe: "TP 8 x DP 1 (widest TP in a node): ranks #1" or why not. */
int search_format_probe(const Scenario *base, const SearchOptions *o, const SearchResult *r,
    const SearchProbe *p, char *buf, size_t n);
/* search_format_none: when nothing is feasible, what stopped the nearest layouts. */
int search_format_none(const Scenario *base, const SearchOptions *o, const SearchResult *r, char *buf,
    size_t n);


#endif
