/* plan_lua.h: deployment plans in Lua, and the audit of a plan file in one
 * call (the CLI's `audit`, the TUI's `:audit`, Lua's shardlab.audit).
 *
 * A Lua plan is a file returning a table of the JSON schema
 * (docs/audit.md), run in the sandbox (luastate.h).  A plan's scenario is
 * built through Setup, so its keys and values are checked as the CLI's
 * options are; presets/ beside the plan file are searched before the
 * catalog's, and a relative model path is relative to the plan. */
#ifndef SHARDLAB_SCENARIO_PLAN_LUA_H
#define SHARDLAB_SCENARIO_PLAN_LUA_H

#include "catalog/catalog.h"
#include "core/audit.h"
#include "io/plan.h"

/* plan_load_lua: run the Lua plan at `path` and read its table into *p.
 * Returns 0, or -1 with an allocated message naming the file (and the
 * field) in *cause. */
int plan_load_lua(const char *path, Plan *p, char **cause);

/* plan_load: a plan file: JSON, Lua or Markdown/plain text, told apart
 * by content (plan_text.h plan_format_of); text goes through the
 * extractor (plan_text_extract) into the same tree JSON gives.  Same
 * contract; c is the catalog the extractor matches names against. */
int plan_load(const Catalog *c, const char *path, Plan *p, char **cause);

/* plan_audit: build the plan's scenarios (its own and each claim's "with"
 * variant), evaluate them, run audit_run and the search for the best
 * layout into *out (caller-allocated; it is large).  Returns 0, or -1 with
 * *cause ("plan.json: key 'strategy.tp': must be >= 1") when the plan
 * cannot be built: a bad plan, exit status 2. */
int plan_audit(const Catalog *c, const Plan *p, AuditReport *out, char **cause);

/* audit_file: plan_load + plan_audit.  The exit status of the audit is
 * audit_exit_status(out) on success, 2 on -1. */
int audit_file(const Catalog *c, const char *path, AuditReport *out, char **cause);

#endif
