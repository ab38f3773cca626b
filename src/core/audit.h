/* audit.h: check a deployment plan's claims and layout against the model.
 *
 * A plan (src/io/plan.h reads it) is a scenario plus what its author says
 * about it: claims ("memory.per_gpu_bytes is 68 GB"), each naming a figure
 * by its JSON path or a derived name (docs/audit.md lists them all), and a
 * placement (which GPUs hold which stage, replica and experts).  audit_run
 * compares every claim with what eval_run computes and with the hardware's
 * physical limits, checks the layout, and fills an AuditReport:
 *   consistent   within the claim's tolerance;
 *   optimistic   better than shardlab computes (lower latency or memory,
 *                higher throughput or capacity, ...);
 *   pessimistic  worse than shardlab computes;
 *   impossible   beyond a physical bound: below the HBM-bandwidth or peak
 *                FLOP/s time, above the GPU's memory, fewer GPUs than the
 *                layout needs, more layers or experts than the model has.
 * Pure, as the rest of the core: const inputs, a caller-provided report,
 * text into caller buffers, no allocation, no I/O.  The report is large
 * (hundreds of kB): allocate it.  src/scenario/report-audit.h formats it
 * as text or Markdown. */
#ifndef SHARDLAB_CORE_AUDIT_H
#define SHARDLAB_CORE_AUDIT_H

#include <stdbool.h>
#include <stddef.h>

#include "eval.h"
#include "fields.h"
#include "search.h"

#define AUDIT_MAX_CLAIMS 128
#define AUDIT_MAX_GROUPS 64
#define AUDIT_MAX_GROUP_GPUS 256
#define AUDIT_MAX_SCENARIOS 32
#define AUDIT_MAX_FINDINGS 256
#define AUDIT_ID_MAX 40
#define AUDIT_WHERE_MAX 48
#define AUDIT_TEXT_MAX 400
#define AUDIT_EXPR_MAX 160
#define AUDIT_MSG_MAX 480
#define AUDIT_EXPLAIN_MAX 1600
#define AUDIT_NAME_MAX 160

/* Default relative tolerance of a claim (plans may set their own). */
#define AUDIT_DEFAULT_TOLERANCE 0.10
/* Fractions (shares, utilisations) also pass within one percentage point. */
#define AUDIT_FRACTION_ABS 0.01
/* A plan's own arithmetic (`equals`) must hold within 2%: plans round. */
#define AUDIT_ARITH_TOLERANCE 0.02

/* Dimensions of a figure; a claim's unit must have the metric's (the
 * field table's dimensions, fields.h). */
typedef FieldDim AuditDim;

typedef struct AuditMetric {
	const char *name;       /* "memory.per_gpu_bytes", "layout.layers_per_gpu" */
	AuditDim dim;
	bool higher_is_better;  /* claiming more than computed is optimistic */
	bool exact;             /* integers: default tolerance 0 */
	bool per_stage;         /* "stage" applies */
	bool summable;          /* "scope": "all_gpus" applies */
	const char *help;       /* one line for docs/audit.md and --help */
} AuditMetric;

/* audit_metrics: the table, NULL-name terminated. */
extern const AuditMetric audit_metrics[];

/* audit_metric_find: index of `name` in audit_metrics, or -1. */
int audit_metric_find(const char *name);

/* audit_metric_words: the phrases column of metric i's row: how plans
 * name the figure in words ("prefill latency|time to first token|ttft"),
 * '|'-separated alternatives in lower case; "a+b" needs both a and b in
 * the text.  The text extractor (src/scenario/plan_text*.c) and
 * --explain-extraction read it; NULL when plans have no words for it. */
const char *audit_metric_words(int i);

/* A claim this far off (claimed / computed, either way) is an error, not
 * an optimistic or pessimistic warning: plans are off by 2x, not 100x,
 * unless a unit or a figure slipped. */
#define AUDIT_OFF_SCALE_RATIO 100.0

/* audit_unit_slip: for a claim written in `unit` that is `ratio` times
 * the computed figure (|log10 ratio| >= 2), the unit that would make it
 * right within a power of ten of a thousand ("GFLOPs written as TFLOPs"),
 * by the SI prefixes of the unit table, into buf[n].  Returns buf, or
 * NULL when no prefix of the unit fits (the figure itself slipped). */
char *audit_unit_slip(const char *unit, double ratio, char *buf, size_t n);

/* audit_dim_name: "bytes", "seconds", ... */
const char *audit_dim_name(AuditDim d);

/* audit_unit: the factor to base units of `unit` ("GB", "ms", "TFLOP/s",
 * "%", "Gbps") for dimension d into *factor.  Returns 0, or -1 when the
 * unit does not fit d (or is unknown).  "" is the base unit; d = DIM_KINDS
 * accepts a unit of any dimension (claims shardlab does not check). */
int audit_unit(const char *unit, AuditDim d, double *factor);

/* audit_units_of: the units accepted for d, comma-separated (messages). */
const char *audit_units_of(AuditDim d);

typedef enum { CLAIM_ABOUT, CLAIM_AT_MOST, CLAIM_AT_LEAST } ClaimOp;

/* Stage selectors besides a stage index. */
#define AUDIT_STAGE_DEFAULT (-1)        /* the fullest stage (DESIGN's memory{}) */
#define AUDIT_STAGE_EACH (-2)           /* every stage must agree */

/* One claim of a plan.  Values are in base units (bytes, s, FLOP/s ...). */
typedef struct AuditClaim {
	char id[AUDIT_ID_MAX];          /* optional name for `equals` */
	char where[AUDIT_WHERE_MAX];    /* "claims[3]", for messages */
	int line;                       /* the plan text's line it quotes; 0: not said */
	int metric;                     /* index in audit_metrics; -1: not checkable */
	double lo, hi;                  /* claimed value; lo < hi for a range */
	ClaimOp op;
	double tolerance;               /* relative; < 0: the plan's or the metric's default */
	int stage;                      /* AUDIT_STAGE_* or a stage index */
	bool all_gpus;                  /* summed over every GPU of the layout */
	bool rejected;                  /* the plan quotes it to reject it */
	int scenario;                   /* 0: the plan's; k: its k-th variant ("with") */
	double rate;                    /* compute.flops_per_s_per_gpu: tokens/s per GPU; 0 = computed */
	char unit[16];                  /* as written, for display */
	char equals[AUDIT_EXPR_MAX];    /* the plan's own arithmetic: "weights + kv + system" */
	char text[AUDIT_TEXT_MAX];      /* the plan's own words */
	char note[AUDIT_TEXT_MAX];      /* the converter's remark, or why it is not checked */
	char with[AUDIT_TEXT_MAX];      /* the variant, as text ("model=llama-3-8b tp=1") */
} AuditClaim;

typedef enum { GROUP_STAGE, GROUP_EXPERTS, GROUP_REPLICA } AuditGroupKind;

/* One group of the plan's placement. */
typedef struct AuditGroup {
	AuditGroupKind kind;
	char where[AUDIT_WHERE_MAX];
	int stage;                      /* stage groups (and expert groups, -1 = not said) */
	int replica;                    /* DP replica, 0 when not said */
	int first_layer, last_layer;    /* -1: not said */
	int first_expert, last_expert;  /* expert groups; -1: not said */
	int experts_per_gpu;            /* 0: not said */
	int n_gpus;
	int gpus[AUDIT_MAX_GROUP_GPUS];
	char text[AUDIT_TEXT_MAX];
} AuditGroup;

/* What audit_run takes: scenario 0 is the plan's, the others the variants
 * its claims name ("with").  Results are eval_run of each scenario. */
typedef struct AuditInput {
	const char *path;               /* the plan file, for the report */
	const char *title;
	const char *source;             /* the document it was converted from */
	const char *notes;              /* the converter's notes */
	double tolerance;               /* < 0: AUDIT_DEFAULT_TOLERANCE */
	int n_scenarios;
	const Scenario *scenarios[AUDIT_MAX_SCENARIOS];
	const Result *results[AUDIT_MAX_SCENARIOS];
	const char *assumed;            /* what the plan leaves out and shardlab assumed */
	const AuditClaim *claims;
	int n_claims;
	const AuditGroup *groups;
	int n_groups;
} AuditInput;

typedef enum {
	VERDICT_CONSISTENT, VERDICT_OPTIMISTIC, VERDICT_PESSIMISTIC, VERDICT_IMPOSSIBLE,
	VERDICT_UNCHECKED
} Verdict;

/* What shardlab makes of one claim. */
typedef struct AuditClaimResult {
	Verdict verdict;                /* of the claimed value itself */
	bool available;                 /* shardlab has the figure */
	double computed;                /* base units; for AUDIT_STAGE_EACH the worst stage */
	double computed_lo, computed_hi;/* over stages (EACH), else = computed */
	double bound;                   /* the physical limit checked; NAN when none */
	bool bound_is_max;              /* the claim may not exceed bound (else not go below) */
	double ratio;                   /* claimed / computed (midpoint of a range) */
	bool plan_right;                /* rejected claims: shardlab agrees it is wrong */
	bool off_scale;                 /* off by AUDIT_OFF_SCALE_RATIO or more: an error */
	bool arith;                     /* `equals` was checked */
	bool arith_ok;
	double arith_value;
	double tolerance;               /* the one applied */
	char message[AUDIT_MSG_MAX];    /* the finding, one line, with numbers */
	char explain[AUDIT_EXPLAIN_MAX];/* provenance: the formula with the numbers */
} AuditClaimResult;

typedef enum {
	FINDING_LAYOUT,         /* the placement or the strategy against the model and cluster */
	FINDING_CLAIM,          /* one claim's verdict */
	FINDING_ARITH,          /* the plan's own arithmetic does not hold */
	FINDING_CHECK           /* one of eval's checks on the plan's scenario */
} AuditFindingKind;

typedef struct AuditFinding {
	AuditFindingKind kind;
	Severity severity;      /* error: the plan fails (exit 1); warn; info */
	int claim;              /* index, or -1 */
	double weight;          /* how far off (|log10 ratio|), for ordering */
	char id[AUDIT_ID_MAX];  /* "layout.double_claim", "claim", "slo.tpot" */
	char message[AUDIT_MSG_MAX];
} AuditFinding;

typedef enum {
	PLAN_CONSISTENT,        /* every checked claim within tolerance, layout sound */
	PLAN_OPTIMISTIC,        /* some claims better than shardlab computes */
	PLAN_PESSIMISTIC,       /* some claims worse, none better */
	PLAN_INCONSISTENT       /* a claim is impossible or the layout is inconsistent */
} PlanVerdict;

/* The best layout shardlab finds for the plan's model, cluster and SLOs. */
typedef struct AuditBest {
	bool searched;          /* a search ran */
	bool found;             /* it found a layout meeting the checks */
	int tp, pp, dp, ep;
	int gpus;
	double per_gpu_bytes, ttft_s, tpot_s, tokens_per_s, requests_per_s;
	int evaluated;          /* layouts the search evaluated */
	char summary[AUDIT_MSG_MAX];    /* how it compares with the plan's layout */
} AuditBest;

/* The plan's scenario, summarised for the formatters. */
typedef struct AuditContext {
	char model[MODEL_NAME_MAX], arch[MODEL_NAME_MAX];
	double params_total, params_active;
	int layers, heads, kv_heads, experts, top_k;
	char cluster[HW_NAME_MAX], gpu[HW_NAME_MAX];
	int gpus, nodes, gpus_per_node;
	double gpu_memory_bytes;
	char runtime[HW_NAME_MAX];
	double mem_fraction;
	int tp, pp, dp, ep, gpus_used;
	char dtype[16], kv_dtype[16];
	int batch, input_len, output_len;
	bool valid;             /* eval_run accepted the layout */
	bool feasible;
} AuditContext;

typedef struct AuditReport {
	char path[AUDIT_NAME_MAX], title[AUDIT_NAME_MAX], source[AUDIT_NAME_MAX];
	char notes[AUDIT_TEXT_MAX * 2], assumed[AUDIT_TEXT_MAX];
	double tolerance;
	AuditContext ctx;
	PlanVerdict verdict;
	int n_verdict[VERDICT_UNCHECKED + 1];   /* claims per verdict (rejected ones apart) */
	int n_layout_errors, n_arith_errors;
	int n_claims;
	AuditClaim claims[AUDIT_MAX_CLAIMS];
	AuditClaimResult results[AUDIT_MAX_CLAIMS];
	int n_groups;
	int n_findings;
	AuditFinding findings[AUDIT_MAX_FINDINGS];      /* worst first */
	AuditBest best;
} AuditReport;

/* audit_run: check in->claims and in->groups against in->scenarios[0..]
 * and their results; fill *out (overwritten).  Returns out->verdict. */
PlanVerdict audit_run(const AuditInput *in, AuditReport *out);

/* audit_best: search the best layout for the plan's model, cluster,
 * workload and SLOs (search_best, throughput per GPU within the SLOs; when
 * none meets them, the fewest GPUs that hold the model) and compare it
 * with the plan's layout (plan, r: scenario 0 and its result) into
 * out->best.  w is the search's scratch (large: allocate it). */
void audit_best(const Scenario *plan, const Result *r, SearchWork *w, AuditReport *out);

/* audit_exit_status: 0 consistent (optimistic or pessimistic claims
 * included), 1 a claim is impossible or the layout is inconsistent. */
int audit_exit_status(const AuditReport *r);

/* Names for the formatters and the JSON. */
const char *audit_verdict_name(Verdict v);       /* "consistent", ... "not checked" */
const char *audit_plan_verdict_name(PlanVerdict v);
const char *audit_op_name(ClaimOp op);           /* "about", "at most", "at least" */

/* audit_format_value: a value of dimension d for people ("68.0 GB",
 * "6.4 ms", "2.0e+13 FLOPs") into buf[n]; returns buf. */
char *audit_format_value(AuditDim d, double v, char *buf, size_t n);

/* audit_format_claimed: the claimed value or range with its operator
 * ("<= 100.0 ms", "50.00-100.00 $/h") into buf[n]; returns buf. */
char *audit_format_claimed(const AuditClaim *c, char *buf, size_t n);

/* audit_expr_eval: the plan's arithmetic `expr` (numbers, claim ids, + - *
 * / and parentheses; a claim stands for its value in base units, the
 * middle of a range) into *value.  Returns 0, or -1 with the reason in
 * err[err_n] ("no claim has this id at 'kv + x'"). */
int audit_expr_eval(const char *expr, const AuditClaim *claims, int n, double *value, char *err,
    size_t err_n);

#endif
