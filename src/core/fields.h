/* fields.h: the one table of every figure shardlab reports.  Each row is a
 * figure of eval's result tree (path, label, dimension, better direction,
 * per stage or not, getter, explanation, help); `eval --json`
 * (io/result_json.c), the Lua result tree (bind/luaapi.c), --explain and
 * explain_value (explain.c), the audit's metric names (audit.c), Compare
 * deltas (ui/delta.c), the TUI's figure rows (ui/s-main.c) and the man
 * page's FIGURES section (`shardlab fields --man`) all walk it.  Adding a
 * figure is one row in fields.c.
 *
 * The serving section's values come from serving_fields() (serving.c); its
 * rows here carry the metadata (label, unit, help) of the same names.
 *
 * Pure: static const data and functions over const inputs. */
#ifndef SHARDLAB_CORE_FIELDS_H
#define SHARDLAB_CORE_FIELDS_H

#include <stdbool.h>
#include <stddef.h>

#include "bands.h"
#include "eval.h"
#include "explain-fns.h"
#include "serving.h"

/* Dimensions of a figure (a plan claim's unit must have its metric's). */
typedef enum {
	DIM_BYTES, DIM_SECONDS, DIM_TOKENS_PER_S, DIM_REQ_PER_S, DIM_FLOPS, DIM_FLOP_PER_S,
	DIM_BYTES_PER_S, DIM_FRACTION, DIM_RATIO, DIM_COUNT, DIM_USD_PER_HOUR, DIM_BOOL,
	DIM_KINDS,
	DIM_TEXT                /* a name, not a measure (after DIM_KINDS: no unit) */
} FieldDim;

typedef enum { FIELD_NUM, FIELD_BOOL, FIELD_STR } FieldKind;

typedef enum { BETTER_NONE, BETTER_HIGHER, BETTER_LOWER } FieldBetter;

/* The sections of the result tree, in output order. */
typedef enum {
	FSEC_MODEL, FSEC_CLUSTER, FSEC_RUNTIME, FSEC_STRATEGY, FSEC_WORKLOAD,
	FSEC_MEMORY, FSEC_STAGES, FSEC_LATENCY, FSEC_THROUGHPUT, FSEC_SERVING,
	FSEC_COUNT
} FieldSection;

typedef struct FieldValue {
	FieldKind kind;
	double num;
	bool flag;
	const char *str;        /* static or the scenario's storage */
} FieldValue;

/* Row flags. */
enum {
	FIELD_PER_STAGE = 1 << 0,       /* a memory figure also in every stages[] entry */
	FIELD_SCENARIO = 1 << 1,        /* the getter reads the Scenario (echoed input, or a figure
	                                   computed from it on demand: latency.spec.breakeven_batch) */
	FIELD_SERVING = 1 << 2,         /* value from serving_fields(); no getter */
};

/* get(s, r, stage, arg): the figure; stage -1 is the deployment-wide value
 * (the fullest stage for memory figures), >= 0 that stage (FIELD_PER_STAGE
 * and stages rows).  s may be NULL unless FIELD_SCENARIO. */
typedef FieldValue FieldGet(const Scenario *s, const Result *r, int stage, int arg);

typedef struct ResultField {
	const char *path;       /* "memory.kv_bytes_per_token"; "stages.prefill.time_s" */
	const char *label;      /* short label for screens: "KV/token" */
	const char *title;      /* in words, where room allows ("KV per token"); NULL: label */
	FieldSection section;
	FieldKind kind;
	FieldDim dim;
	FieldBetter better;
	unsigned flags;
	FieldGet *get;
	int arg;                /* passed to get */
	ExplainFn *explain;     /* NULL: no explanation */
	BandKind band;          /* the residual set its error band comes from (bands.h);
	                           BAND_NONE: no band */
	const char *help;       /* one line: what it is */
} ResultField;

/* Every row, in output order; field_count() of them. */
extern const ResultField field_table[];

/* field_title: f's title, or its label when it has none. */
const char *field_title(const ResultField *f);

/* field_count: rows in field_table. */
int field_count(void);

/* field_find: the row of `path` ("latency.ttft_s"), or NULL. */
const ResultField *field_find(const char *path);

/* field_section_name: "model", ..., "serving". */
const char *field_section_name(FieldSection sec);

/* field_section_needs_result: the section exists only for a valid result
 * (memory, stages, latency, throughput, serving). */
bool field_section_needs_result(FieldSection sec);

/* field_key: the row's key inside its section ("kv_bytes_per_token",
 * "prefill.time_s"). */
const char *field_key(const ResultField *f);

/* field_get: f's value for s/r at stage (-1: deployment-wide).  Returns 0,
 * or -1 for a serving row (see serving_fields) or a FIELD_SCENARIO row with
 * s NULL. */
int field_get(const ResultField *f, const Scenario *s, const Result *r, int stage, FieldValue *out);

/* field_format: v as the screens print it (fmt_bytes, fmt_seconds, ...,
 * "5.5%" for fractions) into buf[n]; returns buf. */
char *field_format(const ResultField *f, const FieldValue *v, char *buf, size_t n);

/* field_band: the error band of f's value v for scenario s (bands.h
 * band_of, the direction from f->better).  Returns 0, or -1 when f has no
 * band kind, v is not a positive number or no residual set applies. */
int field_band(const ResultField *f, const Scenario *s, const FieldValue *v, Band *out);

/* field_format_band: b as screens print it beside the value v, in v's
 * unit scale: "(measured 15.8-19.6)" after "17.0 ms"; "" when b has no set.
 * Returns buf. */
char *field_format_band(const ResultField *f, const FieldValue *v, const Band *b, char *buf, size_t n);

/* field_format_banded: v formatted (field_format) and, when it has a
 * band for s, the band after it: "17.0 ms (measured 15.8-19.6)".  Returns buf. */
char *field_format_banded(const ResultField *f, const Scenario *s, const FieldValue *v, char *buf,
    size_t n);

/* field_format_path: the figure at `path` of s/r (deployment-wide) as
 * field_format_banded prints it; "-" for an unknown path.  Returns buf. */
char *field_format_path(const char *path, const Scenario *s, const Result *r, char *buf, size_t n);

/* field_format_kv_pool: a stage's KV pool as screens print it: "12.3 GB",
 * or "short by 81.3 GB" when no pool is left (never a negative pool). */
char *field_format_kv_pool(const StageResult *sr, char *buf, size_t n);

/* field_dim_unit: the dimension's base unit ("bytes", "s", "tok/s", ...;
 * "" for counts and text). */
const char *field_dim_unit(FieldDim d);

/* field_better_name: "higher", "lower", "-". */
const char *field_better_name(FieldBetter b);

/* A consumer of the result tree: begin(key) opens an object (key NULL: the
 * next element of the stages array), value() sets key, end() closes. */
typedef struct FieldVisitor {
	void (*begin)(void *ud, const char *key);
	void (*value)(void *ud, const char *key, const ResultField *f, const FieldValue *v);
	void (*end)(void *ud);
	void *ud;
} FieldVisitor;

/* fields_walk_section: the contents of section sec of eval's result tree
 * for s/r (and sv for the serving section; none when sv is NULL): the
 * section's own container (an object; an array for FSEC_STAGES) is the
 * caller's.  A figure with an error band (field_band) is followed by the
 * object KEY_band {low, high} (same unit; f is the figure's row), so JSON
 * and Lua carry the band by one rule.  Rows of one sub-object ("prefill.x") come between a begin and
 * an end.  Sections that need a valid result are skipped when r is not. */
void fields_walk_section(const Scenario *s, const Result *r, const ServingReport *sv,
    FieldSection sec, const FieldVisitor *v);

#endif
