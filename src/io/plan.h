/* plan.h: deployment plan files (docs/audit.md), through cJSON; the audit
 * report as JSON is io/audit_json.h.
 *
 * A plan is JSON or Lua (src/scenario/plan_lua.h reads Lua into the same
 * PlanNode tree); plan_from_node checks it and keeps the scenario as Setup
 * keys and values (the script layer builds the Scenario), the claims and
 * the placement as core structs (core/audit.h). */
#ifndef SHARDLAB_IO_PLAN_H
#define SHARDLAB_IO_PLAN_H

#include <stdbool.h>

#include "core/audit.h"

/* The largest GPU number a placement may name (JSON, Lua or text plans):
 * ranks within one deployment; larger is a typo, and keeps every range
 * walk and int conversion in range. */
#define PLAN_GPU_NUMBER_MAX 1000000

/* A JSON-like value tree, the common form of JSON and Lua plans. */
typedef enum { PN_NULL, PN_BOOL, PN_NUMBER, PN_STRING, PN_ARRAY, PN_OBJECT } PlanNodeType;

typedef struct PlanNode {
	PlanNodeType type;
	char *key;                      /* member name inside an object, else NULL */
	bool boolean;
	double number;
	char *string;
	struct PlanNode *kids;          /* array items or object members, in order */
	int n_kids;
} PlanNode;

/* plan_node_free: free what `n` holds (not n itself). */
void plan_node_free(PlanNode *n);

/* plan_node_child: append an empty child to `parent` (an array or object)
 * and return it; `key` is copied (NULL for arrays). */
PlanNode *plan_node_child(PlanNode *parent, const char *key);

/* One scenario key as Setup takes it ("tp" = 8, "model" = "llama-3-70b"). */
typedef struct PlanSetting {
	char *key;
	char *text;                     /* a string value, or NULL for a number */
	double number;
	char *where;                    /* where the plan says it: "strategy.tp" */
} PlanSetting;

/* A claim's variant of the scenario ("with"): settings overlaid on the base. */
typedef struct PlanVariant {
	PlanSetting *settings;
	int n;
	char *label;                    /* "model=llama-3-8b tp=1" */
} PlanVariant;

/* A GPU the plan describes instead of naming (cluster.gpu as an object):
 * catalog GPU `like` with the figures the plan states; 0 = like's. */
typedef struct PlanGpu {
	char *name, *like;
	double memory_bytes, peak_flops, hbm_bytes_per_s;
} PlanGpu;

/* The model setting's name when a plan's inline model has no _name_or_path. */
#define PLAN_INLINE_MODEL "plan-model"

typedef struct Plan {
	char *path;                     /* as given, for messages */
	char *dir;                      /* its directory ("." when none) */
	char *title, *source, *notes;   /* may be NULL */
	double tolerance;               /* < 0: not set */
	PlanSetting *base;              /* model, cluster, runtime, strategy, workload */
	int n_base;
	PlanVariant *variants;          /* scenario k >= 1 is variants[k - 1] */
	int n_variants;
	AuditClaim *claims;
	int n_claims;
	AuditGroup *groups;
	int n_groups;
	char *model_config;             /* "model" as an object: its config.json text, else NULL */
	PlanGpu *gpu;                   /* "cluster.gpu" as an object, else NULL */
} Plan;

/* plan_from_node: check the tree `root` of plan file `path` and fill *p
 * (initialised here; release with plan_free).  Returns 0, or -1 with an
 * allocated message naming the file and the field ("plans/x.json: key
 * 'claims[3].unit': 'ms' does not fit memory.per_gpu_bytes (bytes: B, kB,
 * ...)"); *p is then empty. */
int plan_from_node(const PlanNode *root, const char *path, Plan *p, char **cause);

/* plan_parse_json: parse JSON text of file `path` into *p.  Same contract. */
int plan_parse_json(const char *json, const char *path, Plan *p, char **cause);

/* plan_node_json: the tree as indented JSON text (allocated): what
 * `audit --extract` writes. */
char *plan_node_json(const PlanNode *n);

/* plan_free: release what plan_from_node filled. */
void plan_free(Plan *p);

#endif
