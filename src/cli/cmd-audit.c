/* cmd-audit.c: `shardlab audit PLAN`: check a deployment plan's claimed
 * numbers and layout (docs/audit.md).  Exit status: 0 consistent, 1 a
 * claim is impossible or the layout is inconsistent, 2 a bad plan file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "core/audit.h"
#include "io/audit_json.h"
#include "scenario/report-audit.h"
#include "scenario/plan_lua.h"
#include "scenario/plan_text.h"
#include "util/xmalloc.h"

static void
audit_usage(void)
{
	printf("usage: shardlab audit [--format text|markdown|json] PLAN.json|PLAN.lua|PLAN.md\n"
	    "       shardlab audit --extract [--explain-extraction] PLAN.md > PLAN.json\n\n"
	    "Check a deployment plan: every claim against what shardlab computes and the\n"
	    "hardware's limits (consistent, optimistic, pessimistic or impossible, with the\n"
	    "formula behind each figure), the layout against the model and cluster (GPU\n"
	    "count, GPUs claimed twice, layers per stage, heads per TP rank, experts per EP\n"
	    "rank), and the best layout shardlab finds for the same model and cluster.\n\n"
	    "  --format FORMAT         text (default), markdown (to paste into a review) or json\n"
	    "  --json                  the same as --format json\n"
	    "  --extract               write a text plan's extracted claims and scenario as a JSON\n"
	    "                          plan (to correct and audit again); no audit\n"
	    "  --explain-extraction    which words of a text plan mapped to which metric or setting,\n"
	    "                          line by line, and the numbers not understood (with --extract:\n"
	    "                          on stderr)\n\n"
	    "A plan is JSON, Lua or Markdown/plain text, told apart by its content; a text\n"
	    "plan's claims are extracted (each quotes its line) and audited as JSON would be.\n\n"
	    "Exit status: 0 consistent, 1 a claim is impossible or the layout is\n"
	    "inconsistent, 2 a bad plan file.  The plan schema and the derived claim names\n"
	    "are in docs/audit.md and shardlab(1).\n\n"
	    "Example: shardlab audit --format markdown tests/plans/001-llama3-70b-tp8-h100.json\n");
}

int
cmd_audit(const Catalog *c, int argc, char **argv)
{
	CliOptions o;
	AuditReport *r = NULL;
	char *cause = NULL;
	int rc = EXIT_USAGE;

	if (cli_parse(c, "audit", argc, argv, &o) != 0)
		goto out;
	if (o.help) {
		audit_usage();
		rc = EXIT_OK;
		goto out;
	}
	if (o.n_args != 1) {
		cli_error(o.n_args ? "audit: one plan at a time ('%s' is extra)" :
		    "audit: which plan? usage: shardlab audit [--format FORMAT] PLAN%s",
		    o.n_args ? o.args[1] : "");
		goto out;
	}
	if (o.extract || o.explain_extraction) {
		PlanNode tree;
		char *explain = NULL;
		if (plan_text_load(c, o.args[0], &tree, &explain, &cause) != 0) {
			cli_error("%s", cause);
			goto out;
		}
		if (o.extract) {
			char *json = plan_node_json(&tree);
			printf("%s\n", json);
			free(json);
		}
		if (o.explain_extraction)
			fputs(explain, o.extract ? stderr : stdout);
		free(explain);
		plan_node_free(&tree);
		rc = EXIT_OK;
		goto out;
	}
	const char *format = o.format ? o.format : o.json ? "json" : "text";
	r = xmalloc(sizeof *r);
	if (audit_file(c, o.args[0], r, &cause) != 0) {
		cli_error("%s", cause);
		goto out;
	}
	if (strcmp(format, "json") == 0) {
		char *text = audit_json(r, 1);
		printf("%s\n", text);
		free(text);
	} else {
		AuditFormat f = strcmp(format, "markdown") == 0 ? AUDIT_MARKDOWN : AUDIT_TEXT;
		size_t n = audit_format(r, f, NULL, 0) + 1;
		char *text = xmalloc(n);
		audit_format(r, f, text, n);
		fputs(text, stdout);
		free(text);
	}
	rc = audit_exit_status(r) ? EXIT_CHECK : EXIT_OK;
out:
	free(cause);
	free(r);
	cli_options_fini(&o);
	return rc;
}
