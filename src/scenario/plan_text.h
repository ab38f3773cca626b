/* plan_text.h: deployment plans as people write them (Markdown or plain
 * text) -> the plan tree of the JSON schema (docs/audit.md), so that a
 * text plan is judged, reported and exits exactly as its JSON conversion
 * would: `shardlab audit plan.md`, `audit --extract`, `:audit plan.md`.
 *
 * The extractor reads layouts (TP2-PP4-DP1, TP=8, PP=1, PP(4) x TP(2),
 * "Tensor Parallelism (TP) - Degree 2"), hardware ("8x H100", "16 GPUs
 * (64GB VRAM each)"), the model (catalog names and presets/models/
 * hf-ids.tsv, fuzzy on separators; else a model synthesised from what the
 * plan states, every assumed dimension named), engine command blocks
 * (engine.h) and metric phrases (the audit metric table's words column,
 * core/audit.h audit_metric_words) with their numbers and units.  Every
 * claim quotes the text at its cited line; a number it cannot attach to a
 * metric is kept as a claim without a metric, noted "not understood",
 * never guessed. */
#ifndef SHARDLAB_SCENARIO_PLAN_TEXT_H
#define SHARDLAB_SCENARIO_PLAN_TEXT_H

#include "catalog/catalog.h"
#include "io/plan.h"

typedef enum { PLAN_FORMAT_JSON, PLAN_FORMAT_LUA, PLAN_FORMAT_TEXT } PlanFormat;

/* plan_format_of: what `text` (the content of file `path`) is: JSON when
 * its first non-blank character is '{' or '[', Lua when the path ends in
 * ".lua" or the text starts with "return", "local" or a "--" comment
 * (not Markdown's "---" front matter or rule), else text (Markdown or
 * plain). */
PlanFormat plan_format_of(const char *path, const char *text);

/* plan_text_extract: the plan in `text` (file `path`, for messages and
 * the plan's directory) as a tree of the JSON schema into *root (free with
 * plan_node_free).  With explain non-NULL, *explain gets (allocated) which
 * words mapped to which metric or setting, line by line, and the numbers
 * not understood (--explain-extraction).  c is the catalog models and
 * GPUs are matched against.  Returns 0, or -1 with an allocated one-line
 * *cause ("plan.md: no model found: name a catalog model, a Hugging Face
 * id or the parameter count ('70B')"). */
int plan_text_extract(const Catalog *c, const char *text, const char *path, PlanNode *root,
    char **explain, char **cause);

/* The largest plan file read (text, JSON or Lua). */
#define PLAN_MAX_BYTES (4u << 20)

/* plan_text_load: read the text plan at `path` and extract it
 * (plan_text_extract).  -1 with *cause also when the file is a JSON or
 * Lua plan ("plan.json: already a JSON plan"). */
int plan_text_load(const Catalog *c, const char *path, PlanNode *root, char **explain, char **cause);

#endif
