/* audit-internal.h: what the parts of the audit share (src/core/audit*.c):
 * the metric indices, the bounded appender, a scenario's figures (Fig),
 * one judged figure (Judged) and the run's context (Ctx).  Private to
 * src/core/audit*.c; the public API is audit.h. */
#ifndef SHARDLAB_CORE_AUDIT_INTERNAL_H
#define SHARDLAB_CORE_AUDIT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "audit.h"
#include "textout.h"

/* ---- the metrics (audit-metrics.c) -------------------------------------- */

/* Indices into audit_metrics. */
enum {
	M_PARAMS_TOTAL, M_PARAMS_ACTIVE, M_FLOPS_PER_TOKEN, M_LAYERS, M_EXPERTS, M_HEADS,
	M_KV_HEADS, M_MODEL_WEIGHTS, M_BYTES_PER_PARAM, M_GPUS, M_CLUSTER_GPUS, M_GPU_MEMORY,
	M_CLUSTER_MEMORY, M_HBM, M_PEAK, M_INTRA, M_INTER, M_CC, M_USD,
	M_PER_GPU, M_WEIGHTS, M_KV_CACHE, M_KV_POOL, M_ACT, M_RESERVED, M_CAPACITY, M_BUDGET,
	M_KV_BPT, M_MAX_KV_TOKENS, M_MAX_SEQS, M_PER_GPU_FRAC, M_HEADROOM, M_HEADROOM_FRAC,
	M_OVERHEAD, M_OPTIMIZER, M_COMM_BUF, M_IMBALANCE, M_SHORTFALL, M_SHORTFALL_FRAC,
	M_W_TO_CAP,
	M_TTFT, M_TPOT, M_BATCH_PREFILL, M_E2E, M_COMM_SHARE, M_COLLECTIVE,
	M_TOK_S, M_TOK_S_GPU, M_TOK_S_USER, M_RPS, M_MFU, M_FLOPS_NEEDED,
	M_BUBBLE, M_STAGE_IMB,
	M_GPUS_MISSING, M_GPUS_IDLE, M_GPU_USE, M_MIN_GPUS, M_LAYERS_STAGE, M_LAYERS_GPU,
	M_HEADS_GPU, M_KV_HEADS_GPU, M_EXPERTS_GPU, M_SEQS_REPLICA, M_SEQS_TOTAL, M_FEASIBLE,
	M_COUNT
};

/* ---- small helpers (audit-metrics.c) ------------------------------------ */

/* Text goes through the core's one appender (textout.h). */

/* ---- figures of one scenario (audit-judge.c) ----------------------------- */

/* What audit needs beyond the Result, derived once per scenario. */
typedef struct Fig {
	const Scenario *s;
	const Result *r;
	bool valid;             /* eval_run accepted the layout */
	bool runs;              /* valid, enough GPUs, and every stage fits */
	char why_not[AUDIT_MSG_MAX];
	double peak;            /* FLOP/s of the compute dtype, datasheet */
	double hbm;             /* bytes/s, datasheet */
	double ttft_floor, tpot_floor, bp_floor, e2e_floor;
	int m_pre;              /* micro-batches in flight */
	double weights_total;   /* the whole model, one copy */
	double layer_bytes;     /* one whole layer's weights, mean over layers */
	double expert_bytes;    /* one routed expert */
} Fig;

/* Everything one claim's figure needs to be judged: the value, the
 * physical bound it may not cross, and the explanation. */
typedef struct Judged {
	bool available;
	double value;
	double lo, hi;          /* over stages */
	double bound;           /* NAN: none */
	bool bound_is_max;
	bool impossible;        /* not available because the claim cannot hold at all */
	char why[AUDIT_MSG_MAX];        /* a short reason when not available / the bound's origin */
	/* the figure's error band (bands.h) widened to take in the figure
	 * itself: the tolerance of a claim with none of its own; band NULL:
	 * none */
	const BandSet *band;
	double band_lo, band_hi;
} Judged;

/* audit_fig_init: the figures of scenario s with its result r into *f. */
void audit_fig_init(Fig *f, const Scenario *s, const Result *r);

/* audit_judge_metric: claim c's figure from f into *j: the value, the
 * physical bound, or why it is not available. */
void audit_judge_metric(const Fig *f, const AuditClaim *c, Judged *j);

/* audit_band_within: claim c holds somewhere inside j's band (an "about"
 * claim's range overlaps it; "at most" X: the band's low end is <= X;
 * "at least" X: its high end is >= X).  False when j has no band. */
bool audit_band_within(const AuditClaim *c, const Judged *j);

/* audit_band_text: the band and what it says of claim c, appended to o:
 * " (band 15.8 ms to 19.6 ms: dense decode residuals, vllm, 23 rows):
 * consistent within the band", or "...: the claim is 24% below the band". */
void audit_band_text(TextOut *o, const AuditClaim *c, const Judged *j, AuditDim d);

/* audit_explain_claim: the provenance of c's figure (the formula with the
 * numbers) into buf[n]. */
void audit_explain_claim(const Fig *f, const AuditClaim *c, const Judged *j, char *buf, size_t n);

/* ---- the run (audit.c, audit-layout.c) ----------------------------------- */

#define MAX_GPU_IDS 4096
#define MAX_SLOTS 4096

typedef struct Ctx {
	const AuditInput *in;
	AuditReport *out;
	double tol;
	Fig figs[AUDIT_MAX_SCENARIOS];
	/* placement: which (replica, stage) slot holds each GPU */
	int owner[MAX_GPU_IDS];         /* slot = replica * pp + stage, -1 none */
	bool implied[MAX_GPU_IDS];
	bool covered[MAX_SLOTS];
} Ctx;

/* audit_finding: a new finding in x->out, its message from fmt, counted in
 * n_layout_errors (layout errors) or n_arith_errors; NULL when the list is
 * full. */
AuditFinding *audit_finding(Ctx *x, AuditFindingKind kind, Severity sev, int claim, double weight,
    const char *id, const char *fmt, ...) __attribute__((format(printf, 7, 8)));

/* audit_layout_checks: the placement and the strategy against the model and
 * the cluster, as findings. */
void audit_layout_checks(Ctx *x);

#endif
