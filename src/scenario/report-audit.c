/* report-audit.c: an audit report as text or Markdown; see report-audit.h. */
#include "report-audit.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/textout.h"
#include "core/units.h"

/* A bounded appender, as in explain.c. */
/* ---- the report as text or Markdown ------------------------------------ */

/* Findings listed under "worst findings". */
#define WORST_MAX 64

static void
out_md(TextOut *o, const char *s)
{
	/* a Markdown table cell: no pipes, no newlines */
	for (; *s; s++) {
		if (*s == '|')
			text_out(o, "\\|");
		else if (*s == '\n')
			text_out(o, " ");
		else
			text_out(o, "%c", *s);
	}
}

/* Each line of `s` prefixed with `pre`. */
static void
out_lines(TextOut *o, const char *pre, const char *s)
{
	while (*s) {
		const char *nl = strchr(s, '\n');
		int len = nl ? (int)(nl - s) : (int)strlen(s);
		text_out(o, "%s%.*s\n", pre, len, s);
		s += len + (nl ? 1 : 0);
	}
}

static void
summary_line(TextOut *o, const AuditReport *r, bool md)
{
	int impossible = r->n_verdict[VERDICT_IMPOSSIBLE];
	text_out(o, "%s%s%s: ", md ? "**Verdict: " : "verdict   ", md ? audit_plan_verdict_name(r->verdict) :
	    r->verdict == PLAN_INCONSISTENT ? "INCONSISTENT" : r->verdict == PLAN_OPTIMISTIC ?
	    "OPTIMISTIC" : r->verdict == PLAN_PESSIMISTIC ? "PESSIMISTIC" : "CONSISTENT", md ? "**" : "");
	text_out(o, "%d claim%s impossible, %d layout error%s; %d optimistic, %d pessimistic, %d consistent, "
	    "%d not checked", impossible, impossible == 1 ? "" : "s", r->n_layout_errors,
	    r->n_layout_errors == 1 ? "" : "s", r->n_verdict[VERDICT_OPTIMISTIC],
	    r->n_verdict[VERDICT_PESSIMISTIC], r->n_verdict[VERDICT_CONSISTENT],
	    r->n_verdict[VERDICT_UNCHECKED]);
	int rejected = 0, off = 0;
	for (int k = 0; k < r->n_claims; k++) {
		rejected += r->claims[k].rejected;
		off += !r->claims[k].rejected && r->results[k].off_scale;
	}
	if (off)
		text_out(o, "; %d claim%s off by %gx or more", off, off == 1 ? "" : "s", AUDIT_OFF_SCALE_RATIO);
	if (rejected)
		text_out(o, "; %d figure%s the plan itself rejects", rejected, rejected == 1 ? "" : "s");
	if (r->n_arith_errors)
		text_out(o, "; %d arithmetic slip%s", r->n_arith_errors, r->n_arith_errors == 1 ? "" : "s");
	/* audit-judge.c: a latency or throughput claim is judged by its figure's
	 * error band; the rest, and claims with a tolerance of their own, not */
	text_out(o, " (tolerance: the figure's error band, else %g%%; exit status %d)\n",
	    r->tolerance * 100, audit_exit_status(r));
}

static void
scenario_lines(TextOut *o, const AuditReport *r, bool md)
{
	const AuditContext *c = &r->ctx;
	char a[48], b[48];
	const char *k1 = md ? "| " : "", *k2 = md ? " | " : "", *end = md ? " |\n" : "\n";

	if (md)
		text_out(o, "| | |\n|---|---|\n");
	text_out(o, "%s%-9s%s", k1, "plan", k2);
	if (md)
		text_out(o, "`%s`", r->path);
	else
		text_out(o, "%s", r->path);
	/* a text plan is its own source: name a conversion's original only */
	if (r->source[0] && strcmp(r->source, r->path) != 0)
		text_out(o, md ? " (converted from `%s`)" : " (converted from %s)", r->source);
	text_out(o, "%s", end);
	text_out(o, "%s%-9s%s%s (%s): %s parameters", k1, "model", k2, c->model, c->arch,
	    fmt_count(c->params_total, a, sizeof a));
	if (c->experts > 0)
		text_out(o, ", %s active (top-%d of %d experts)", fmt_count(c->params_active, b, sizeof b),
		    c->top_k, c->experts);
	text_out(o, "; %d layers, %d heads / %d KV heads%s", c->layers, c->heads, c->kv_heads, end);
	text_out(o, "%s%-9s%s%s: %d x %s (%s each), %d node%s of %d%s", k1, "cluster", k2, c->cluster,
	    c->gpus, c->gpu, fmt_bytes(c->gpu_memory_bytes, a, sizeof a), c->nodes,
	    c->nodes == 1 ? "" : "s", c->gpus_per_node, end);
	text_out(o, "%s%-9s%sTP %d x PP %d x DP %d, EP %d = %d of %d GPUs; weights %s, KV %s; %s, memory "
	    "fraction %.2f%s", k1, "layout", k2, c->tp, c->pp, c->dp, c->ep, c->gpus_used, c->gpus,
	    c->dtype, c->kv_dtype, c->runtime, c->mem_fraction, end);
	text_out(o, "%s%-9s%sbatch %d per replica, input %d, output %d tokens%s", k1, "workload", k2,
	    c->batch, c->input_len, c->output_len, end);
	if (r->assumed[0]) {
		text_out(o, "%s%-9s%s", k1, "assumed", k2);
		if (md)
			out_md(o, r->assumed);
		else
			text_out(o, "%s", r->assumed);
		text_out(o, "%s", end);
	}
	if (r->notes[0]) {
		text_out(o, "%s%-9s%s", k1, "notes", k2);
		if (md)
			out_md(o, r->notes);
		else
			text_out(o, "%s", r->notes);
		text_out(o, "%s", end);
	}
}

static void
best_lines(TextOut *o, const AuditReport *r, bool md)
{
	const AuditBest *b = &r->best;
	char a[48], c[48], d[48], e[48];

	if (!b->searched)
		return;
	text_out(o, md ? "\n## Best layout shardlab finds\n\n" : "\nbest layout shardlab finds\n  ");
	if (!b->found) {
		text_out(o, "%s\n", b->summary[0] ? b->summary : "none of the layouts searched passes the checks");
		return;
	}
	text_out(o, "%sTP %d x PP %d x DP %d, EP %d on %d GPUs: %s per GPU, TTFT %s, TPOT %s, %s, %.2f "
	    "req/s%s\n", md ? "**" : "", b->tp, b->pp, b->dp, b->ep, b->gpus,
	    fmt_bytes(b->per_gpu_bytes, a, sizeof a), fmt_seconds(b->ttft_s, c, sizeof c),
	    fmt_seconds(b->tpot_s, d, sizeof d), fmt_rate(b->tokens_per_s, "tok/s", e, sizeof e),
	    b->requests_per_s, md ? "**" : "");
	if (b->summary[0])
		text_out(o, "%s%s\n", md ? "\n" : "  ", b->summary);
}

static void
claim_text(TextOut *o, const AuditReport *r, int k)
{
	const AuditClaim *c = &r->claims[k];
	const AuditClaimResult *res = &r->results[k];
	char a[64];

	text_out(o, "\n  %s  %s%s%s\n", c->where, c->metric >= 0 ? audit_metrics[c->metric].name : "(no metric)",
	    c->stage >= 0 ? " stage " : c->stage == AUDIT_STAGE_EACH ? " (each stage)" : "",
	    c->stage >= 0 ? (snprintf(a, sizeof a, "%d", c->stage), a) : "");
	if (c->line > 0)
		text_out(o, "    plan says  \"%s\" (line %d)\n", c->text, c->line);
	else
		text_out(o, "    plan says  \"%s\"\n", c->text);
	if (c->with[0])
		text_out(o, "    scenario   with %s\n", c->with);
	text_out(o, "    verdict    %s%s: %s\n", audit_verdict_name(res->verdict), c->rejected ?
	    " (the plan rejects this figure)" : "", res->message);
	if (res->arith)
		text_out(o, "    arithmetic %s = %.4g: %s\n", c->equals, res->arith_value, res->arith_ok ?
		    "holds" : "does NOT hold");
	if (c->note[0] && res->verdict != VERDICT_UNCHECKED)
		text_out(o, "    note       %s\n", c->note);
	if (res->explain[0])
		out_lines(o, "    | ", res->explain);
}

static void
claim_md(TextOut *o, const AuditReport *r, int k)
{
	const AuditClaim *c = &r->claims[k];
	const AuditClaimResult *res = &r->results[k];

	text_out(o, "\n### %s: `%s` — %s%s\n\n", c->where, c->metric >= 0 ? audit_metrics[c->metric].name :
	    "no metric", audit_verdict_name(res->verdict), c->rejected ? " (rejected by the plan)" : "");
	text_out(o, "> ");
	out_md(o, c->text);
	text_out(o, "\n\n- %s\n", res->message);
	if (c->with[0])
		text_out(o, "- scenario: with `%s`\n", c->with);
	if (res->arith)
		text_out(o, "- the plan's arithmetic `%s` = %.4g: %s\n", c->equals, res->arith_value,
		    res->arith_ok ? "holds" : "**does not hold**");
	if (c->note[0] && res->verdict != VERDICT_UNCHECKED)
		text_out(o, "- note: %s\n", c->note);
	if (res->explain[0])
		text_out(o, "\n```\n%s\n```\n", res->explain);
}

size_t
audit_format(const AuditReport *r, AuditFormat fmt, char *buf, size_t n)
{
	TextOut o = { .buf = buf, .n = n };
	bool md = fmt == AUDIT_MARKDOWN;
	char a[64], b[64];
	int shown = 0;

	if (buf && n)
		buf[0] = '\0';
	if (md)
		text_out(&o, "# Audit: %s\n\n", r->title[0] ? r->title : r->path);
	else
		text_out(&o, "shardlab audit: %s\n\n", r->title[0] ? r->title : r->path);
	if (md) {
		summary_line(&o, r, true);
		text_out(&o, "\n");
		scenario_lines(&o, r, true);
	} else {
		scenario_lines(&o, r, false);
		text_out(&o, "\n");
		summary_line(&o, r, false);
	}

	text_out(&o, md ? "\n## Worst findings\n\n" : "\nworst findings\n");
	for (int i = 0; i < r->n_findings && shown < WORST_MAX; i++) {
		const AuditFinding *f = &r->findings[i];
		if (f->severity == SEV_INFO)
			continue;
		shown++;
		if (md)
			text_out(&o, "%d. **%s** `%s`: %s\n", shown, severity_name(f->severity), f->id, f->message);
		else
			text_out(&o, "  %2d. %-5s %-26s %s\n", shown, severity_name(f->severity), f->id, f->message);
	}
	if (shown == 0)
		text_out(&o, md ? "None: every claim checked is consistent.\n" : "  none: every claim checked "
		    "is consistent\n");

	text_out(&o, md ? "\n## Layout\n\n" : "\nlayout\n");
	for (int i = 0; i < r->n_findings; i++) {
		const AuditFinding *f = &r->findings[i];
		if (f->kind != FINDING_LAYOUT)
			continue;
		if (md)
			text_out(&o, "- **%s** `%s`: %s\n", severity_name(f->severity), f->id, f->message);
		else
			text_out(&o, "  %-5s %-26s %s\n", severity_name(f->severity), f->id, f->message);
	}

	text_out(&o, md ? "\n## Claims\n\n" : "\nclaims (%d)\n", r->n_claims);
	if (md) {
		text_out(&o, "| # | the plan says | metric | claimed | shardlab | verdict |\n"
		    "|---|---|---|---|---|---|\n");
		for (int k = 0; k < r->n_claims; k++) {
			const AuditClaim *c = &r->claims[k];
			const AuditClaimResult *res = &r->results[k];
			text_out(&o, "| %d | ", k);
			out_md(&o, c->text);
			text_out(&o, " | %s%s%s | ", c->metric >= 0 ? "`" : "", c->metric >= 0 ?
			    audit_metrics[c->metric].name : "-", c->metric >= 0 ? "`" : "");
			out_md(&o, audit_format_claimed(c, a, sizeof a));
			text_out(&o, " | ");
			if (res->available && c->metric >= 0 && isfinite(res->computed))
				out_md(&o, audit_format_value(audit_metrics[c->metric].dim, res->computed, b, sizeof b));
			else
				text_out(&o, "-");
			text_out(&o, " | %s%s%s%s%s |\n", res->verdict == VERDICT_IMPOSSIBLE ? "**" : "",
			    audit_verdict_name(res->verdict), res->verdict == VERDICT_IMPOSSIBLE ? "**" : "",
			    c->rejected ? (res->plan_right ? " (rejected, rightly)" : " (rejected)") : "",
			    res->arith && !res->arith_ok ? "; its arithmetic does not hold" : "");
		}
		text_out(&o, "\n## Claim details\n");
		for (int k = 0; k < r->n_claims; k++)
			claim_md(&o, r, k);
	} else {
		for (int k = 0; k < r->n_claims; k++)
			claim_text(&o, r, k);
	}

	int n_checks = 0;
	for (int i = 0; i < r->n_findings; i++)
		n_checks += r->findings[i].kind == FINDING_CHECK;
	if (n_checks) {
		text_out(&o, md ? "\n## shardlab's checks of the plan's scenario\n\n" :
		    "\nshardlab's checks of the plan's scenario\n");
		for (int i = 0; i < r->n_findings; i++) {
			const AuditFinding *f = &r->findings[i];
			if (f->kind != FINDING_CHECK)
				continue;
			if (md)
				text_out(&o, "- **%s** `%s`: %s\n", severity_name(f->severity), f->id, f->message);
			else
				text_out(&o, "  %-5s %-26s %s\n", severity_name(f->severity), f->id, f->message);
		}
	}
	best_lines(&o, r, md);
	return o.want;
}
