/* plan_text-internal.h: what the parts of the text-plan extractor share
 * (src/scenario/plan_text*.c): lines and their kinds (plan_text-lex.c),
 * numbers with units (plan_text-lex.c), the extraction's state (PtDoc),
 * and the passes: hardware and model (plan_text-hw.c), layouts and
 * placement (plan_text-layout.c), metric phrases into claims
 * (plan_text-claims.c); plan_text.c runs them and builds the tree. */
#ifndef SHARDLAB_SCENARIO_PLAN_TEXT_INTERNAL_H
#define SHARDLAB_SCENARIO_PLAN_TEXT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "catalog/catalog.h"
#include "core/audit.h"
#include "scenario/plan_text.h"

/* ---- lines (plan_text-lex.c) --------------------------------------------- */

typedef enum { PT_BLANK, PT_TEXT, PT_HEADING, PT_BULLET, PT_TABLE, PT_RULE, PT_FENCE, PT_CODE } PtKind;

typedef struct PtLine {
	int no;                 /* 1-based */
	PtKind kind;
	int level;              /* headings: number of '#' */
	char *raw;              /* the line as written (own copy, no newline) */
	char *body;             /* after heading/bullet markers, trimmed: what claims quote */
	char *clean;            /* body without Markdown emphasis, bullets or tree glyphs */
	char *plain;            /* clean in lower case (same offsets) */
	int heading;            /* index of the heading line it is under, -1 none */
	int fence;              /* code lines: index of the opening fence */
	bool used;              /* a layout, placement or engine line: no claims from it */
} PtLine;

/* pt_split_lines: text into lines (allocated array, *n lines). */
PtLine *pt_split_lines(const char *text, int *n);
void pt_free_lines(PtLine *l, int n);

/* One number as written, with its unit and what surrounds it. */
typedef struct PtNum {
	double lo, hi;          /* as written; lo < hi for a range */
	ClaimOp op;
	char unit[16];          /* a unit of the audit unit table ("GB", "ms", "%", "x"), or "" */
	int start, end;         /* byte offsets in the scanned string (end: after the unit) */
	bool paren;             /* inside parentheses */
	bool vs;                /* after "vs" / "vs." */
	bool glued;             /* part of a name ("H100", "TP2", "P50") */
} PtNum;

/* pt_numbers: the numbers of string s (a line's clean text, case kept:
 * "Gbps" is bits, "GB/s" bytes) up to max into out; returns the count.
 * Names with digits ("H100", "TP2", "P99", "Llama3-70B") are marked
 * glued; a sign before the digits ("-3.5 GB", U+2212) is the number's,
 * a hyphen after a word or digit a name's or a range's. */
int pt_numbers(const char *s, PtNum *out, int max);

/* pt_label_unit: the unit a label names ("Target RPS" -> "RPS") into
 * unit[n], unchanged when none. */
void pt_label_unit(const char *label, char *unit, size_t n);

/* pt_has_word: s contains w at word boundaries (w may hold spaces). */
bool pt_has_word(const char *s, const char *w);

/* pt_norm: s lower case without separators ("Llama3-70B_Instruct" ->
 * "llama370binstruct") into out[n]. */
void pt_norm(const char *s, char *out, size_t n);

/* pt_quote: body of line l, cut to fit AUDIT_TEXT_MAX at a character boundary. */
void pt_quote(const PtLine *l, char *out, size_t n);

/* ---- the extraction ------------------------------------------------------ */

#define PT_MAX_WITH 6
#define PT_MAX_SET 40
#define PT_MAX_GROUPS 32

typedef struct PtSet {          /* one scenario key */
	char key[24];
	char text[96];          /* "" for a number */
	double num;
	int line;
} PtSet;

typedef struct PtWith {         /* a claim's variant */
	PtSet set[PT_MAX_WITH];
	int n;
} PtWith;

typedef struct PtClaim {
	int line;
	int metric;             /* -1: not checked */
	double lo, hi;          /* as written, in `unit` */
	ClaimOp op;
	char unit[16];
	bool rejected;
	bool each_stage;
	PtWith with;
	char text[AUDIT_TEXT_MAX];
	char note[AUDIT_TEXT_MAX];
	char words[64];         /* the phrase that named the metric */
} PtClaim;

typedef struct PtGroup {
	AuditGroupKind kind;
	int line;
	int stage, replica;
	int first_layer, last_layer;
	int n_gpus;
	int gpus[64];
	char text[AUDIT_TEXT_MAX];
} PtGroup;

typedef struct PtDoc {
	const Catalog *cat;
	const char *path;
	PtLine *l;
	int n;
	PtSet set[PT_MAX_SET];          /* the plan's scenario */
	int n_set;
	PtClaim claims[AUDIT_MAX_CLAIMS];
	int n_claims;
	PtGroup groups[PT_MAX_GROUPS];
	int n_groups;
	int *line_with;                 /* per line: index into withs of its section's variant, -1 */
	PtWith *withs;
	int n_withs;
	char *model_json;               /* a synthesised model (config.json), or NULL */
	char *gpu_like;                 /* a described GPU: the catalog GPU it is like */
	double gpu_memory, gpu_peak;    /* its stated figures (0: not said) */
	char title[AUDIT_NAME_MAX];
	char *explain;                  /* --explain-extraction, growing; NULL when not asked */
	size_t explain_len, explain_cap;
	bool want_explain;              /* --explain-extraction was asked for */
	char *assumed;                  /* "; "-separated */
	size_t assumed_len, assumed_cap;
	int not_understood;
	int dp;                         /* the layout's, once known (batch per replica) */
	char **gpu_names;               /* the catalog's GPUs */
	int n_gpu_names;
	bool *gpu_usual;                /* the GPU of a cluster preset (h100-sxm for "H100") */
	char **model_names;             /* the catalog's models */
	int n_model_names;
	char base_gpu[64];              /* the plan's GPU (catalog name or the described one) */
	int base_gpus;
	char base_model[96];
	bool infeasible;                /* the plan says it cannot be deployed */
	double gpu_capacity;            /* the plan's GPU's memory, bytes (0: not known) */
	const char *quote;              /* what new claims quote instead of their whole line, or NULL */
	int required_with;              /* the variant of a "Required Configuration" section, -1 */
} PtDoc;

/* pt_explain: append a line to d->explain. */
void pt_explain(PtDoc *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* pt_assume: append to d->assumed. */
void pt_assume(PtDoc *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* pt_set / pt_set_text: a scenario key (the last one given wins, unless
 * keep_first). */
void pt_set(PtDoc *d, const char *key, double v, int line, bool keep_first);
void pt_set_text(PtDoc *d, const char *key, const char *text, int line, bool keep_first);
const PtSet *pt_get(const PtDoc *d, const char *key);

/* pt_claim: a new claim quoting line i (NULL when the table is full). */
PtClaim *pt_claim(PtDoc *d, int i);

/* pt_section_has: the heading line i is under contains one of the
 * '|'-separated words. */
bool pt_section_has(const PtDoc *d, int i, const char *words);

/* pt_standing: where line i stands: > 0 the plan's own system ("Actual
 * System Configuration"), < 0 an alternative it compares or proposes
 * ("Required Configuration", "Cloud Deployment", "Original"), 0 neither
 * (plan_text-hw.c). */
int pt_standing(const PtDoc *d, int i);

/* ---- the passes ----------------------------------------------------------- */

/* pt_load_names: the catalog's GPU and model names into d (once). */
void pt_load_names(PtDoc *d);

/* plan_text-hw.c: the cluster (GPU name, count, described GPUs), the
 * model (catalog, HF ids, or synthesised) and each section's variant of
 * them.  Returns 0, or -1 with *cause. */
int pt_hardware(PtDoc *d, char **cause);
int pt_model(PtDoc *d, char **cause);
/* pt_gpu_in: the catalog GPU named in lower-case s (allocated), or NULL. */
char *pt_gpu_in(const PtDoc *d, const char *s);
/* pt_model_in: the catalog model named in lower-case s (allocated), or NULL. */
char *pt_model_in(const PtDoc *d, const char *s);

/* plan_text-layout.c: TP/PP/DP/EP from the notations, and the placement. */
void pt_layout(PtDoc *d);
void pt_placement(PtDoc *d);
/* pt_layout_in: a compound layout notation in lower-case s into
 * tp/pp/dp/ep (0 = not said); returns the number of dimensions found. */
int pt_layout_in(const char *s, int *tp, int *pp, int *dp, int *ep);

/* plan_text-claims.c: metric phrases, targets (SLOs), engine blocks. */
void pt_claims(PtDoc *d);
void pt_engine_blocks(PtDoc *d);
/* pt_metric_for: the metric named in lower-case text `s` whose dimension
 * fits `unit` (the words column of the audit metric table); -1 none; the
 * phrase into words[n]. */
int pt_metric_for(const char *s, const char *unit, char *words, size_t n);

#endif
