/* test_audit.c: the audit core: units, the plan's arithmetic, verdicts
 * against physical bounds, and layout findings, on the cases of
 * ../shared/plans. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "helpers.h"
#include "scenario/report-audit.h"
#include "test.h"

static AuditClaim
claim(const char *metric, double value, const char *text)
{
	AuditClaim c;
	memset(&c, 0, sizeof c);
	c.metric = audit_metric_find(metric);
	c.lo = c.hi = value;
	c.tolerance = -1;
	c.stage = AUDIT_STAGE_DEFAULT;
	snprintf(c.text, sizeof c.text, "%s", text);
	snprintf(c.where, sizeof c.where, "claims[?]");
	return c;
}

/* Audit claims on one scenario; the report is allocated (caller frees). */
static AuditReport *
run(const Scenario *s, const Result *r, const AuditClaim *claims, int n, const AuditGroup *groups,
    int n_groups)
{
	AuditInput in;
	AuditReport *rep = malloc(sizeof *rep);
	memset(&in, 0, sizeof in);
	in.path = "test";
	in.tolerance = -1;
	in.n_scenarios = 1;
	in.scenarios[0] = s;
	in.results[0] = r;
	in.claims = claims;
	in.n_claims = n;
	in.groups = groups;
	in.n_groups = n_groups;
	audit_run(&in, rep);
	return rep;
}

static bool
has_finding(const AuditReport *r, const char *id, Severity sev)
{
	for (int i = 0; i < r->n_findings; i++)
		if (strcmp(r->findings[i].id, id) == 0 && r->findings[i].severity == sev)
			return true;
	return false;
}

TEST(audit_units)
{
	double f;
	EXPECT_EQ(audit_unit("Gbps", DIM_BYTES_PER_S, &f), 0);
	EXPECT_EQ(f, 1.25e8);                   /* 1e9 bits/s = 1.25e8 bytes/s */
	EXPECT_EQ(audit_unit("GiB", DIM_BYTES, &f), 0);
	EXPECT_EQ(f, 1073741824.0);
	EXPECT_EQ(audit_unit("ms", DIM_BYTES, &f), -1);       /* unit mismatch */
	EXPECT_EQ(audit_unit("TFLOPs", DIM_FLOPS, &f), 0);    /* a count ... */
	EXPECT_EQ(audit_unit("TFLOPs", DIM_FLOP_PER_S, &f), 0); /* ... or a rate, as plans write it */
	EXPECT_EQ(audit_unit("TFLOP/s", DIM_FLOPS, &f), -1);
	EXPECT_EQ(audit_unit("%", DIM_FRACTION, &f), 0);
	EXPECT_EQ(f, 0.01);
	EXPECT_EQ(audit_unit("furlongs", DIM_KINDS, &f), -1);
	EXPECT_TRUE(audit_metric_find("memory.per_gpu_bytes") >= 0);
	EXPECT_TRUE(audit_metric_find("memory.nope") < 0);
}

TEST(audit_arithmetic)
{
	AuditClaim c[3];
	double v;
	char err[96];
	c[0] = claim("model.weights_bytes", 17.5e9, "a");
	c[1] = claim("memory.kv_cache_bytes", 20e9, "b");
	c[2] = claim("memory.overhead_bytes", 30.5e9, "c");
	snprintf(c[0].id, sizeof c[0].id, "model");
	snprintf(c[1].id, sizeof c[1].id, "kv");
	snprintf(c[2].id, sizeof c[2].id, "system");
	EXPECT_EQ(audit_expr_eval("model + kv + system", c, 3, &v, err, sizeof err), 0);
	EXPECT_EQ(v, 68e9);                     /* shared/plans/002: 17.5 + 20 + 30.5 = 68 */
	EXPECT_EQ(audit_expr_eval("1 - (model + kv) / 2 * 0", c, 3, &v, err, sizeof err), 0);
	EXPECT_EQ(v, 1);
	EXPECT_EQ(audit_expr_eval("-kv / -4", c, 3, &v, err, sizeof err), 0);
	EXPECT_EQ(v, 5e9);
	EXPECT_EQ(audit_expr_eval("kv + nope", c, 3, &v, err, sizeof err), -1);
	EXPECT_STR_CONTAINS(err, "no claim has this id");
	EXPECT_EQ(audit_expr_eval("kv / 0", c, 3, &v, err, sizeof err), -1);
	EXPECT_EQ(audit_expr_eval("(kv", c, 3, &v, err, sizeof err), -1);
}

/* shared/plans/001: "Decode p50 6.4ms" at TP=8 is below the HBM-bandwidth
 * bound (17.6 GB of weights and the batch's KV cache per step at 3.35 TB/s);
 * "Equal 80 layers per GPU" would be 137 GB of fp16 weights per GPU. */
TEST(audit_plan001_impossible)
{
	Scenario *s = malloc(sizeof *s);
	Result *r = malloc(sizeof *r);
	scenario_from(s, "model=llama-3-70b", "cluster=h100x8", "tp=8", "dtype=fp16", "batch=64",
	    "mem-util=0.85", NULL);
	EXPECT_EQ(eval_run(s, r), EVAL_OK);
	AuditClaim c[4] = {
		claim("latency.tpot_s", 6.4e-3, "Decode p50 6.4ms"),
		claim("layout.layers_per_gpu", 80, "Equal 80 layers per GPU"),
		claim("memory.weights_bytes", 17.5e9, "17.5GB weight distribution per GPU"),
		claim("latency.tpot_s", 8e-3, "Decode p99 8.0ms"),
	};
	c[3].op = CLAIM_AT_MOST;
	AuditReport *rep = run(s, r, c, 4, NULL, 0);
	EXPECT_EQ(rep->results[0].verdict, VERDICT_IMPOSSIBLE);
	/* the floor: at least the weights at the datasheet bandwidth */
	EXPECT_TRUE(rep->results[0].bound > r->stages[0].weights_bytes / 3.35e12);
	EXPECT_TRUE(rep->results[0].bound < r->latency.tpot_s);
	EXPECT_EQ(rep->results[1].verdict, VERDICT_IMPOSSIBLE);
	EXPECT_NEAR(rep->results[1].computed, 10, 0.01, "80 layers / TP 8");
	EXPECT_STR_CONTAINS(rep->results[1].message, "impossible");
	EXPECT_EQ(rep->results[2].verdict, VERDICT_CONSISTENT);
	EXPECT_EQ(rep->results[3].verdict, VERDICT_OPTIMISTIC);
	EXPECT_EQ(rep->verdict, PLAN_INCONSISTENT);
	EXPECT_EQ(audit_exit_status(rep), 1);
	EXPECT_TRUE(rep->findings[0].severity == SEV_ERROR);  /* worst first */
	free(rep);
	free(s);
	free(r);
}

/* shared/plans/003: "10B parameter model requires 20TFLOPs per token": a
 * dense model needs about 2 FLOPs per parameter per token, 2e10 for 10B. */
TEST(audit_flops_per_token_1000x)
{
	Scenario *s = malloc(sizeof *s);
	Result *r = malloc(sizeof *r);
	scenario_from(s, "model=llama-3-8b", "cluster=h100x8", "tp=1", "dp=1", NULL);
	EXPECT_EQ(eval_run(s, r), EVAL_OK);
	AuditClaim c[1] = { claim("model.flops_per_token", 20e12, "20TFLOPs per token") };
	AuditReport *rep = run(s, r, c, 1, NULL, 0);
	EXPECT_EQ(rep->results[0].verdict, VERDICT_PESSIMISTIC);
	EXPECT_NEAR(rep->results[0].computed, 2 * 8.03e9, 0.15, "Kaplan et al. C = 2N, Llama-3-8B");
	EXPECT_TRUE(rep->results[0].ratio > 500);
	EXPECT_EQ(audit_exit_status(rep), 0);   /* wrong, but not impossible */
	free(rep);
	free(s);
	free(r);
}

/* shared/plans/000: a 70B fp16 model on one 15 GB T4, TP 2 x PP 4. */
TEST(audit_plan000_t4)
{
	Scenario *s = malloc(sizeof *s);
	Result *r = malloc(sizeof *r);
	scenario_from(s, "model=llama-3-70b", "cluster=t4x1", "tp=2", "pp=4", "dp=1", "dtype=fp16", NULL);
	eval_run(s, r);
	AuditClaim c[3] = {
		claim("feasible", 0, "mathematically impossible"),
		claim("throughput.requests_per_s", 0, "Throughput: 0 RPS"),
		claim("memory.shortfall_bytes", 124.91e9, "Memory Shortfall: 124.91GB"),
	};
	AuditReport *rep = run(s, r, c, 3, NULL, 0);
	EXPECT_EQ(rep->results[0].verdict, VERDICT_CONSISTENT);
	EXPECT_EQ(rep->results[1].verdict, VERDICT_CONSISTENT);        /* it cannot run: 0 */
	EXPECT_EQ(rep->results[2].verdict, VERDICT_CONSISTENT);
	EXPECT_TRUE(has_finding(rep, "layout.gpu_count", SEV_ERROR));
	EXPECT_TRUE(has_finding(rep, "layout.total_memory", SEV_ERROR));
	/* 8 GPUs that do not exist: INVALID, so nothing is evaluated as if it ran */
	EXPECT_TRUE(!has_finding(rep, "memory.fit", SEV_ERROR));
	EXPECT_EQ(audit_exit_status(rep), 1);
	free(rep);
	free(s);
	free(r);
}

/* shared/plans/004: TP 2 x PP 2 x DP 2, EP 4, with the experts on GPUs 4-7
 * "dedicated to expert processing", where DP replica 1's stages go. */
TEST(audit_plan004_double_claim)
{
	Scenario *s = malloc(sizeof *s);
	Result *r = malloc(sizeof *r);
	scenario_from(s, "model=mixtral-8x7b", "cluster=h100x16", "tp=2", "pp=2", "dp=2", "ep=4", NULL);
	EXPECT_EQ(eval_run(s, r), EVAL_OK);
	AuditGroup g[3];
	memset(g, 0, sizeof g);
	for (int i = 0; i < 3; i++) {
		g[i].first_layer = g[i].last_layer = g[i].first_expert = g[i].last_expert = -1;
		snprintf(g[i].where, sizeof g[i].where, "placement[%d]", i);
	}
	g[0].kind = GROUP_STAGE, g[0].stage = 0, g[0].n_gpus = 2, g[0].gpus[0] = 0, g[0].gpus[1] = 1;
	g[0].first_layer = 0, g[0].last_layer = 15;
	g[1].kind = GROUP_STAGE, g[1].stage = 1, g[1].n_gpus = 2, g[1].gpus[0] = 2, g[1].gpus[1] = 3;
	g[1].first_layer = 16, g[1].last_layer = 31;
	g[2].kind = GROUP_EXPERTS, g[2].stage = -1, g[2].n_gpus = 4;
	for (int k = 0; k < 4; k++)
		g[2].gpus[k] = 4 + k;
	AuditClaim c[1] = { claim("strategy.gpus", 8, "GPUs Used: 8") };
	AuditReport *rep = run(s, r, c, 1, g, 3);
	EXPECT_TRUE(has_finding(rep, "layout.double_claim", SEV_ERROR));
	EXPECT_TRUE(has_finding(rep, "layout.implied", SEV_INFO));
	EXPECT_EQ(rep->results[0].verdict, VERDICT_CONSISTENT);
	EXPECT_EQ(audit_exit_status(rep), 1);

	/* the same experts group with DP 1: GPUs 4-7 hold no stage at all */
	scenario_from(s, "model=mixtral-8x7b", "cluster=h100x8", "tp=2", "pp=2", "dp=1", "ep=2", NULL);
	EXPECT_EQ(eval_run(s, r), EVAL_OK);
	g[2].n_gpus = 2;
	free(rep);
	rep = run(s, r, c, 0, g, 3);
	EXPECT_TRUE(has_finding(rep, "layout.ep_placement", SEV_ERROR));

	/* wrong layers for a stage; a GPU outside the cluster */
	g[1].first_layer = 15;
	g[1].gpus[1] = 9;
	free(rep);
	rep = run(s, r, c, 0, g, 2);
	EXPECT_TRUE(has_finding(rep, "layout.stage_layers", SEV_ERROR));
	EXPECT_TRUE(has_finding(rep, "layout.gpu_range", SEV_ERROR));
	free(rep);
	free(s);
	free(r);
}

/* shared/plans/003: 24 GPUs for TP 2 x PP 2 x DP 3 with EP 2: EP folds into
 * TP x DP, so the layout needs 12. */
TEST(audit_gpu_count_ep_multiplied)
{
	Scenario *s = malloc(sizeof *s);
	Result *r = malloc(sizeof *r);
	scenario_from(s, "model=mixtral-8x7b", "gpu=h100-sxm", "gpus=24", "tp=2", "pp=2", "dp=3", "ep=2", NULL);
	EXPECT_EQ(eval_run(s, r), EVAL_OK);
	AuditClaim c[2] = { claim("strategy.gpus", 24, "GPUs: 24"), claim("strategy.gpus", 6, "6 GPUs") };
	AuditReport *rep = run(s, r, c, 2, NULL, 0);
	EXPECT_TRUE(has_finding(rep, "layout.gpu_count_claimed", SEV_ERROR));
	EXPECT_STR_CONTAINS(rep->findings[0].message, "multiplies EP in");
	EXPECT_EQ(rep->results[0].verdict, VERDICT_PESSIMISTIC);
	EXPECT_EQ(rep->results[1].verdict, VERDICT_IMPOSSIBLE); /* fewer GPUs than the layout needs */
	free(rep);
	free(s);
	free(r);
}

TEST(audit_ops_ranges_rejected)
{
	Scenario *s = malloc(sizeof *s);
	Result *r = malloc(sizeof *r);
	scenario_from(s, "model=llama-3-70b", "cluster=h100x8", "tp=8", NULL);
	EXPECT_EQ(eval_run(s, r), EVAL_OK);
	double ttft = r->latency.ttft_s;
	AuditClaim c[5] = {
		claim("latency.ttft_s", ttft * 3, "p99 <= 3x"),
		claim("latency.ttft_s", ttft / 3, "p99 <= 1/3"),
		claim("throughput.mfu", 0, "70-85% utilisation"),
		claim("throughput.tokens_per_s_per_gpu", 1e9, "a billion tokens/s per GPU"),
		claim("latency.ttft_s", ttft, "TTFT as computed"),
	};
	c[0].op = c[1].op = CLAIM_AT_MOST;
	c[2].lo = 0.70, c[2].hi = 0.85;
	c[3].rejected = true;
	c[4].rejected = true;
	AuditReport *rep = run(s, r, c, 5, NULL, 0);
	EXPECT_EQ(rep->results[0].verdict, VERDICT_CONSISTENT);
	EXPECT_EQ(rep->results[1].verdict, VERDICT_IMPOSSIBLE);        /* below the compute floor */
	EXPECT_EQ(rep->results[2].verdict, VERDICT_OPTIMISTIC);
	EXPECT_EQ(rep->results[3].verdict, VERDICT_IMPOSSIBLE);
	EXPECT_TRUE(rep->results[3].plan_right);                      /* rejected, rightly */
	EXPECT_TRUE(!rep->results[4].plan_right);                     /* rejected, wrongly */
	EXPECT_EQ(rep->n_verdict[VERDICT_IMPOSSIBLE], 1);              /* rejected ones apart */

	size_t need = audit_format(rep, AUDIT_MARKDOWN, NULL, 0);
	char *md = malloc(need + 1);
	EXPECT_EQ(audit_format(rep, AUDIT_MARKDOWN, md, need + 1), need);
	EXPECT_EQ(strlen(md), need);
	EXPECT_STR_CONTAINS(md, "| # | the plan says | metric | claimed | shardlab | verdict |");
	EXPECT_STR_CONTAINS(md, "**impossible**");
	char small[64];
	audit_format(rep, AUDIT_TEXT, small, sizeof small);         /* truncates, terminated */
	EXPECT_EQ(strlen(small), sizeof small - 1);
	free(md);
	free(rep);
	free(s);
	free(r);
}

/* Issue 11: a claim without its own tolerance is judged by the figure's
 * error band (core/bands.h) widened to take in shardlab's figure: inside
 * it is consistent, outside the verdict says by how much. */
TEST(audit_tolerance_from_band)
{
	Scenario *s = malloc(sizeof *s);
	Result *r = malloc(sizeof *r);
	scenario_from(s, "model=llama-3-70b", "cluster=h100x8", "tp=8", NULL);
	EXPECT_EQ(eval_run(s, r), EVAL_OK);
	Band b;
	const ResultField *f = field_find("latency.tpot_s");
	FieldValue v = { .kind = FIELD_NUM, .num = r->latency.tpot_s };
	EXPECT_EQ(field_band(f, s, &v, &b), 0);
	double lo = fmin(b.low, v.num), hi = fmax(b.high, v.num);
	AuditClaim c[3] = {
		claim("latency.tpot_s", (lo + hi) / 2, "TPOT inside the band"),
		claim("latency.tpot_s", hi * 1.5, "TPOT half again above the band"),
		claim("latency.tpot_s", hi * 1.5, "the same with a tolerance of its own"),
	};
	c[2].tolerance = 0.6;
	AuditReport *rep = run(s, r, c, 3, NULL, 0);
	EXPECT_EQ(rep->results[0].verdict, VERDICT_CONSISTENT);
	EXPECT_STR_CONTAINS(rep->results[0].message, "residuals");
	EXPECT_STR_CONTAINS(rep->results[0].message, "consistent within the band");
	EXPECT_EQ(rep->results[1].verdict, VERDICT_PESSIMISTIC);
	EXPECT_STR_CONTAINS(rep->results[1].message, "the claim is 50% above the band");
	/* its own tolerance wins over the band: 1.5 x hi is within 60% of hi >= the figure? */
	EXPECT_TRUE(strstr(rep->results[2].message, "band") == NULL);
	free(rep);
	free(s);
	free(r);
}
