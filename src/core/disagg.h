/* disagg.h: disaggregated prefill/decode (xPyD) as two evaluations of
 * the existing core plus a KV-transfer model.
 *
 * The scenario's cluster, strategy and batch are the decode pool (y =
 * strategy.dp instances); Scenario.disagg names the prefill pool (x =
 * prefill_dp instances of prefill_tp x prefill_pp GPUs).  The prefill pool
 * is evaluated prefill-only (eval_run with output_len 1 at the batch one
 * prefill step holds), the decode pool decode-only (serving_step_model's
 * decode steps, no prefill riding along).  Each request's KV cache then
 * crosses the fabric between the pools:
 *   bytes per GPU link = the decode instance's KV bytes per token per GPU
 *     (its TP shard of the heads; MLA's latent is whole on every rank) x
 *     the prompt tokens, the larger of that and the prefill GPU's own share;
 *   time = latency + bytes per link / achievable bandwidth per GPU (every
 *     GPU of an instance has its own NIC: the links run in parallel);
 *   whole-request transfer (KV_XFER_REQUEST) adds all of it to TTFT;
 *   per-layer streaming (KV_XFER_LAYER) overlaps layer l's transfer with
 *     the prefill of layers l+1..L: TTFT sees latency + max(T/L, T - P(L-1)/L)
 *     for transfer time T and prefill compute P over L layers.
 * TTFT = the idle prefill + the wait at the prefill pool + the transfer;
 * the wait is M/D/1 at the pool's load as DistServe models its prefill
 * instance (Zhong et al., OSDI 2024, arXiv 2401.09670, sec. 3.1, eq. 1:
 * Avg_TTFT = D + R D^2 / (2 (1 - R D))), its p50/p99 from an exponential
 * conditional wait (Kingman 1961).  TPOT is the decode pool's step at its
 * running batch (Little's law, n = rate x (output_len - 1) x step(n)),
 * p99 at the M/G/inf (Poisson) occupancy's p99, with no prefill
 * interference.  The deployment's capacity is min(x x prefill instance
 * capacity, y x decode instance capacity) (DistServe sec. 4; NVIDIA Dynamo
 * and aiconfigurator size prefill and decode workers the same way).
 *
 * Pure: no I/O, no allocation, no globals; callers provide the scratch. */
#ifndef SHARDLAB_CORE_DISAGG_H
#define SHARDLAB_CORE_DISAGG_H

#include <stdbool.h>

#include "eval.h"

/* Decode-step samples of a pool's step model (serving.h SERVING_MAX_SAMPLES). */
#define DISAGG_STEP_SAMPLES 16

/* The model in one line, for reports (eval's serving section). */
extern const char disagg_model_text[];

/* disagg_on, disagg_prefill_gpus, disagg_decode_gpus: scenario.h (eval's
 * GPU count needs them without this header). */

/* disagg_prefill_scenario: the prefill pool as an aggregated scenario into
 * *out: the prefill layout and GPU, a cluster of exactly its GPUs (nodes
 * of the cluster's size, fewer when the pool is smaller), output_len 1,
 * batch `batch` requests, no speculation, disaggregation off. */
void disagg_prefill_scenario(const Scenario *s, int batch, Scenario *out);

/* disagg_prefill_batch: requests one prefill step holds: max_num_batched
 * tokens / the computed prompt tokens, at least 1 (vLLM/SGLang schedule
 * prefills up to the token budget per step). */
int disagg_prefill_batch(const Scenario *s);

/* The prefill pool's figures per instance, from eval_run. */
typedef struct DisaggPrefill {
	bool valid;                     /* eval_run OK */
	bool feasible;                  /* no error check */
	CheckId error;                  /* the first error check; CHECK_COUNT: none */
	int gpus_per_instance;          /* prefill_tp x prefill_pp */
	int batch;                      /* requests per prefill step */
	double ttft_s;                  /* one request's idle prefill (eval latency.ttft_s) */
	double compute_s;               /* its GPU part (TTFT less the host's request path) */
	double service_s;               /* per request at `batch`: batch_prefill_s / batch */
	double kv_bytes_per_token;      /* per GPU, its fullest stage (the sender's share) */
} DisaggPrefill;

/* The decode pool's figures per instance. */
typedef struct DisaggDecode {
	bool valid, feasible;
	CheckId error;
	int gpus_per_instance;          /* tp x pp */
	int n;                          /* step samples */
	double batch[DISAGG_STEP_SAMPLES], step_s[DISAGG_STEP_SAMPLES];
	double max_seqs;                /* the running-batch cap (batch, the KV pool) */
	double kv_bytes_per_token;      /* per GPU, its fullest stage (the receiver's share) */
	double kv_bytes_per_token_all;  /* over every GPU of the instance (what crosses the fabric) */
	int links;                      /* GPUs of the instance receiving in parallel */
	int replicas;                   /* replicas per instance sharing one EP group (search's
	                                   wide-EP decode instances; 1 otherwise): the step model
	                                   is one replica's */
} DisaggDecode;

/* The KV transfer of one request. */
typedef struct DisaggTransfer {
	KvXferMode mode;
	double tokens;                  /* prompt tokens whose KV moves (uncached and cached alike) */
	double bytes;                   /* over all links */
	double link_bytes;              /* the busiest GPU link */
	int links;
	double bytes_per_s;             /* per link, achievable */
	double latency_s;
	double wire_s;                  /* link_bytes / bytes_per_s */
	double exposed_s;               /* what TTFT sees */
} DisaggTransfer;

/* What limits the deployment's rate. */
typedef enum { DISAGG_LIMIT_PREFILL, DISAGG_LIMIT_DECODE } DisaggLimit;

/* disagg_limit_name: "prefill pool", "decode pool". */
const char *disagg_limit_name(DisaggLimit l);

/* The deployment at one rate. */
typedef struct DisaggPoint {
	double rate_rps;
	double prefill_load, decode_load;       /* rate / each pool's capacity */
	bool stable;                    /* both loads < 1 */
	double wait_s;                  /* mean prefill queue */
	double wait_p50_s, wait_p99_s;  /* its median and p99 */
	double ttft_p50_s, ttft_p99_s;
	double decode_batch;            /* mean running batch per decode instance */
	double tpot_p50_s, tpot_p99_s;
	double tokens_per_s;            /* output tokens/s of the deployment */
} DisaggPoint;

/* Everything about one disaggregated deployment (ServingReport.disagg). */
typedef struct DisaggReport {
	bool on;
	int prefill_dp, decode_dp;      /* x, y */
	int prefill_gpus, decode_gpus, gpus;    /* the pools' and both */
	DisaggPrefill prefill;
	DisaggDecode decode;
	DisaggTransfer kv;
	double prefill_capacity_rps, decode_capacity_rps;       /* whole pools */
	double capacity_rps;            /* the smaller */
	DisaggLimit limit;              /* which pool that is */
	double rate_max_rps;            /* the highest rate within the SLOs (0: none) */
	DisaggPoint at_max;             /* at rate_max_rps */
	bool has_target;
	DisaggPoint at;                 /* at slo.rps, else at_max */
	bool meets;                     /* both pools feasible, stable, within every SLO set */
	double tokens_per_s_per_gpu;    /* at.tokens_per_s / gpus */
} DisaggReport;

/* disagg_prefill_eval: evaluate the prefill pool of s (disagg_prefill_scenario
 * at disagg_prefill_batch) on the caller's *work and *r into *out.
 * Returns 0, or -1 when the layout is invalid (out->valid false). */
int disagg_prefill_eval(const Scenario *s, Scenario *work, Result *r, DisaggPrefill *out);

/* disagg_decode_from: the decode figures from a step model's samples
 * (batch[], step_s[], n, max_seqs) and an eval_run result r of the decode
 * layout (any batch: its per-token KV bytes).  For search, which builds
 * each pool's step model once. */
void disagg_decode_from(const Scenario *s, const Result *r, int n, const double *batch,
    const double *step_s, double max_seqs, DisaggDecode *out);

/* disagg_transfer: the KV transfer of one request of s from p to d. */
void disagg_transfer(const Scenario *s, const DisaggPrefill *p, const DisaggDecode *d,
    DisaggTransfer *out);

/* disagg_instance_capacity: requests/s one prefill instance (1 / service)
 * and one decode instance (max_seqs / ((output_len - 1) x step(max_seqs)))
 * sustain. */
double disagg_prefill_capacity(const DisaggPrefill *p);
double disagg_decode_capacity(const DisaggDecode *d, double output_len);

/* disagg_point: the deployment of x prefill and y decode instances at
 * `rate` requests/s (arithmetic only: the formulas at the top). */
void disagg_point(const DisaggPrefill *p, int x, const DisaggDecode *d, int y, const DisaggTransfer *kv,
    double output_len, double rate, DisaggPoint *out);

/* disagg_prefill_rate: the highest rate one prefill instance takes with
 * TTFT (prefill + queue + transfer kv) within slo's TTFT SLOs (its
 * capacity when none is set; 0 when even a trickle misses).
 * disagg_decode_rate: the same for one decode instance and the TPOT SLOs.
 * A deployment of x and y instances then serves min(x a, y b): each
 * instance sees rate / x (rate / y) whatever x and y are, so search
 * combines P:D ratios arithmetically. */
double disagg_prefill_rate(const DisaggPrefill *p, const DisaggTransfer *kv, const Slo *slo);
double disagg_decode_rate(const DisaggDecode *d, double output_len, const Slo *slo);

/* disagg_meets: pt is stable and within every SLO of slo set.
 * disagg_misses_ttft: pt's TTFT p50 or p99 exceeds its SLO (0: unset). */
bool disagg_meets(const DisaggPoint *pt, const Slo *slo);
bool disagg_misses_ttft(const DisaggPoint *pt, const Slo *slo);

/* disagg_max_rate: the highest rate of x/y instances within slo (bisection
 * below the capacity); its point into *at.  0 when even a trickle misses. */
double disagg_max_rate(const DisaggPrefill *p, int x, const DisaggDecode *d, int y,
    const DisaggTransfer *kv, double output_len, const Slo *slo, DisaggPoint *at);

/* disagg_combine: the report of x/y instances from the pools' figures and
 * the transfer, at s's target rate (or the highest within its SLOs). */
void disagg_combine(const Scenario *s, const DisaggPrefill *p, int x, const DisaggDecode *d, int y,
    const DisaggTransfer *kv, DisaggReport *out);

/* Search (search --disagg): the candidate layouts of each pool are
 * evaluated once (prefill-only: disagg_prefill_eval; decode-only: the step
 * model at the runtime's batch cap), each pair's KV transfer and SLO-bound
 * rates per instance computed, and the P:D counts chosen arithmetically:
 * with a target rate R, x = ceil(R / a) and y = ceil(R / b); without one,
 * the x:y within the GPUs that maximises min(x a, y b) per GPU.  The score
 * is output tokens/s per GPU at the best rate within the SLOs, as search's
 * "throughput" objective ranks aggregated layouts. */
#define DISAGG_SEARCH_LAYOUTS 96

typedef struct DisaggLayout {
	int tp, pp, ep;
	int dp;                         /* replicas per instance (EP over tp x dp); 1 = none */
} DisaggLayout;

typedef struct DisaggSearchWork {
	Scenario base, work;
	Result result;
	int n_prefill, n_decode;
	DisaggLayout pl[DISAGG_SEARCH_LAYOUTS], dl[DISAGG_SEARCH_LAYOUTS];
	DisaggPrefill pre[DISAGG_SEARCH_LAYOUTS];
	DisaggDecode dec[DISAGG_SEARCH_LAYOUTS];
	double dec_rate[DISAGG_SEARCH_LAYOUTS];         /* b per decode layout */
} DisaggSearchWork;

typedef struct DisaggSearchResult {
	bool found;
	DisaggLayout prefill, decode;
	int x, y;                       /* prefill and decode instances */
	int max_gpus;                   /* the GPU budget searched (max_gpus, else the cluster's) */
	int gpus;
	double rate_rps;                /* min(x a, y b): the best rate within the SLOs */
	double tokens_per_s_per_gpu;    /* rate x output_len / gpus */
	DisaggReport report;            /* the deployment at the base's target (or rate_rps) */
	long evaluations;               /* eval_run calls */
	int prefill_layouts, decode_layouts;    /* evaluated (valid, fitting) */
	long pairs;
} DisaggSearchResult;

/* search --disagg's comparison, as every front end words it: the
 * aggregated ranking's row with the most tokens/s per GPU and which of the
 * two serves more per GPU, by how much. */
typedef struct DisaggVersus {
	int agg_index;                  /* that row of agg->top; -1: none */
	double agg_tokens_per_s_per_gpu;        /* its figure (0: none) */
	bool disagg_wins;               /* d found, and at least the aggregated best (or none) */
	double ratio;                   /* winner's tokens/s per GPU / loser's (>= 1); 0 unless both */
} DisaggVersus;

struct SearchResult;

/* disagg_versus: d against the aggregated ranking agg (search_run's). */
void disagg_versus(const DisaggSearchResult *d, const struct SearchResult *agg, DisaggVersus *out);

/* disagg_search: the best disaggregated deployment of base's model,
 * workload and SLOs on at most max_gpus of its cluster (TP inside the
 * NVLink domain unless allow_tp_nodes), both pools on the cluster's GPU
 * type (base's prefill_gpu is not searched), its KV fabric and mode.  *w is the caller's scratch.
 * Returns 0 (out->found says whether anything met the SLOs and rate). */
int disagg_search(const Scenario *base, int max_gpus, bool allow_tp_nodes, DisaggSearchWork *w,
    DisaggSearchResult *out);

#endif
