/* test_plan_text.c: plans as people write them (scenario/plan_text.h).
 * The five shared plans (copies in tests/plans/text) audited from their
 * text give the verdict and the worst findings of their hand conversions
 * (tests/plans/0*.json); at least 80% of each conversion's claims are
 * found by extraction; every extracted claim quotes its cited line; the
 * --extract JSON re-audits to the same verdict; the notations, numbers
 * and hardware the extractor reads; and three plans of our own. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/catalog.h"
#include "core/audit.h"
#include "io/plan.h"
#include "scenario/plan_lua.h"
#include "scenario/plan_text-internal.h"
#include "scenario/plan_text.h"
#include "test.h"
#include "util/xmalloc.h"

static const char *const shared[][2] = {
	{ "tests/plans/text/000-llama3-70b-tp2-pp4-t4.txt", "tests/plans/000-llama3-70b-tp2-pp4-t4.json" },
	{ "tests/plans/text/001-llama3-70b-tp8-h100.txt", "tests/plans/001-llama3-70b-tp8-h100.json" },
	{ "tests/plans/text/002-llama3-70b-tp2-pp4-h100.txt", "tests/plans/002-llama3-70b-tp2-pp4-h100.json" },
	{ "tests/plans/text/003-moe10b-tp2-ep2-pp2-dp3.txt", "tests/plans/003-moe10b-tp2-ep2-pp2-dp3.json" },
	{ "tests/plans/text/004-moe10b-tp2-ep4-pp2-dp2.txt", "tests/plans/004-moe10b-tp2-ep4-pp2-dp2.json" },
};

static bool
has_error(const AuditReport *r, const char *id)
{
	for (int i = 0; i < r->n_findings; i++)
		if (r->findings[i].severity == SEV_ERROR && strcmp(r->findings[i].id, id) == 0)
			return true;
	return false;
}

static bool
has_finding(const AuditReport *r, const char *id, const char *text)
{
	for (int i = 0; i < r->n_findings; i++)
		if (strcmp(r->findings[i].id, id) == 0 && (!text || strstr(r->findings[i].message, text)))
			return true;
	return false;
}

/* A hand claim is found when an extracted one has its metric (or both
 * none) and its value, in base units, within 1%. */
static bool
found(const AuditClaim *h, const Plan *x)
{
	for (int k = 0; k < x->n_claims; k++) {
		const AuditClaim *e = &x->claims[k];
		if (e->metric != h->metric)
			continue;
		double tl = 0.01 * fmax(fabs(e->lo), fabs(h->lo)) + 1e-12;
		double th = 0.01 * fmax(fabs(e->hi), fabs(h->hi)) + 1e-12;
		if (fabs(e->lo - h->lo) <= tl && fabs(e->hi - h->hi) <= th)
			return true;
	}
	return false;
}

/* Line n (1-based) of file text, as a copy. */
static char *
line_of(const char *text, int n)
{
	const char *p = text;
	for (int i = 1; i < n && p; i++)
		p = (p = strchr(p, '\n')) ? p + 1 : NULL;
	if (!p)
		return xstrdup("");
	const char *e = strchr(p, '\n');
	return xasprintf("%.*s", (int)(e ? e - p : (long)strlen(p)), p);
}

static void
expect_quotes(const char *path, const Plan *x)
{
	char *cause = NULL, *text = read_file(path, PLAN_MAX_BYTES, &cause);
	EXPECT_TRUE(text != NULL);
	for (int k = 0; text && k < x->n_claims; k++) {
		char *l = line_of(text, x->claims[k].line);
		if (x->claims[k].line < 1 || !strstr(l, x->claims[k].text))
			test_fail(__FILE__, __LINE__, "%s: claims[%d] quotes \"%s\", not at its line %d", path, k,
			    x->claims[k].text, x->claims[k].line);
		free(l);
	}
	free(text);
	free(cause);
}

TEST(plan_text_shared_plans_as_their_hand_conversions)
{
	Catalog c;
	catalog_init(&c);
	AuditReport *ht = xmalloc(sizeof *ht), *tt = xmalloc(sizeof *tt), *rt = xmalloc(sizeof *rt);
	for (size_t i = 0; i < sizeof shared / sizeof shared[0]; i++) {
		const char *txt = shared[i][0], *hand = shared[i][1];
		char *cause = NULL;
		Plan hp, xp;
		PlanNode tree;
		EXPECT_TRUE(plan_load(&c, hand, &hp, &cause) == 0);
		EXPECT_TRUE(plan_text_load(&c, txt, &tree, NULL, &cause) == 0);
		EXPECT_TRUE(plan_from_node(&tree, txt, &xp, &cause) == 0);
		if (cause) {
			test_fail(__FILE__, __LINE__, "%s", cause);
			free(cause);
			plan_node_free(&tree);
			continue;
		}
		/* at least 80% of the hand conversion's claims */
		int n = 0;
		for (int k = 0; k < hp.n_claims; k++)
			n += found(&hp.claims[k], &xp);
		if (n * 5 < hp.n_claims * 4)
			test_fail(__FILE__, __LINE__, "%s: %d of %d hand claims found", txt, n, hp.n_claims);
		expect_quotes(txt, &xp);

		/* the same verdict, and the hand conversion's errors among the text's */
		EXPECT_TRUE(plan_audit(&c, &hp, ht, &cause) == 0);
		EXPECT_TRUE(plan_audit(&c, &xp, tt, &cause) == 0);
		EXPECT_EQ(tt->verdict, ht->verdict);
		EXPECT_EQ(audit_exit_status(tt), audit_exit_status(ht));
		for (int f = 0; f < ht->n_findings; f++)
			if (ht->findings[f].severity == SEV_ERROR && !has_error(tt, ht->findings[f].id))
				test_fail(__FILE__, __LINE__, "%s: the hand conversion's %s is not among the text's errors",
				    txt, ht->findings[f].id);

		/* --extract writes the plan as JSON; auditing that gives the same */
		char *json = plan_node_json(&tree);
		Plan jp;
		EXPECT_TRUE(plan_parse_json(json, txt, &jp, &cause) == 0);
		EXPECT_TRUE(plan_audit(&c, &jp, rt, &cause) == 0);
		EXPECT_EQ(rt->verdict, tt->verdict);
		EXPECT_EQ(rt->n_findings, tt->n_findings);
		for (int f = 0; f < rt->n_findings && f < tt->n_findings; f++)
			EXPECT_STR_CONTAINS(rt->findings[f].message, tt->findings[f].message);
		free(json);
		plan_free(&jp);
		plan_free(&hp);
		plan_free(&xp);
		plan_node_free(&tree);
		free(cause);
	}
	free(ht);
	free(tt);
	free(rt);
	catalog_fini(&c);
}

/* The first error finding of each shared plan, as its hand conversion's
 * (000: the layout; 001: an 80-layers-per-GPU claim; 003: the 10B model's
 * 20 TFLOPs per token, GFLOPs written as TFLOPs). */
TEST(plan_text_shared_plans_findings)
{
	Catalog c;
	catalog_init(&c);
	AuditReport *r = xmalloc(sizeof *r);
	char *cause = NULL;
	EXPECT_TRUE(audit_file(&c, shared[0][0], r, &cause) == 0);
	EXPECT_TRUE(has_error(r, "layout.total_memory") && has_error(r, "layout.gpu_count"));
	EXPECT_STR_CONTAINS(r->ctx.cluster, "t4x1");
	EXPECT_EQ(r->ctx.tp * r->ctx.pp * r->ctx.dp, 8);
	EXPECT_TRUE(audit_file(&c, shared[1][0], r, &cause) == 0);
	EXPECT_TRUE(has_finding(r, "claim.impossible", "80 layers per GPU"));
	EXPECT_TRUE(has_finding(r, "slo.rps", NULL));
	EXPECT_NEAR(r->ctx.mem_fraction, 0.85, 1e-9, "001's vllm serve --gpu-memory-utilization 0.85");
	EXPECT_EQ(r->ctx.batch, 64);            /* "Max Batch Size: 64"; --max-num-seqs 128 is a cap */
	EXPECT_TRUE(audit_file(&c, shared[3][0], r, &cause) == 0);
	EXPECT_TRUE(has_finding(r, "claim.off_scale", "likely GFLOPs written as TFLOPs"));
	EXPECT_TRUE(has_finding(r, "claim.impossible", "840 tokens/ms"));
	EXPECT_TRUE(has_finding(r, "layout.gpu_count_claimed", "24 GPUs"));
	EXPECT_STR_CONTAINS(r->notes, "Assumed: the unnamed 64 GB GPU");
	EXPECT_TRUE(audit_file(&c, shared[4][0], r, &cause) == 0);
	EXPECT_TRUE(has_finding(r, "layout.double_claim", "GPUs 4-7"));
	EXPECT_EQ(r->ctx.ep, 4);
	EXPECT_EQ(r->ctx.layers, 16);           /* "total 16 transformer layers" */
	EXPECT_EQ(r->ctx.experts, 64);          /* "Total Experts: 64" */
	EXPECT_NEAR(r->ctx.gpu_memory_bytes, 64e9, 1e-9, "004: 16 GPUs (64GB VRAM each)");
	free(cause);
	free(r);
	catalog_fini(&c);
}

/* Three plans of our own: dense on A100s, DeepSeek-V3 with EP across two
 * nodes, and a KV-cache figure 1000x off (MB for kB). */
TEST(plan_text_own_plans)
{
	Catalog c;
	catalog_init(&c);
	AuditReport *r = xmalloc(sizeof *r);
	char *cause = NULL;

	EXPECT_TRUE(audit_file(&c, "tests/plans/text/005-llama3-70b-a100-dense.md", r, &cause) == 0);
	EXPECT_EQ(r->verdict, PLAN_OPTIMISTIC);
	EXPECT_EQ(audit_exit_status(r), 0);
	EXPECT_STR_CONTAINS(r->ctx.cluster, "a100x8");
	EXPECT_EQ(r->ctx.tp, 4);
	EXPECT_EQ(r->ctx.dp, 2);
	EXPECT_EQ(r->ctx.batch, 32);
	EXPECT_NEAR(r->ctx.mem_fraction, 0.90, 1e-9, "005's --gpu-memory-utilization 0.90");
	EXPECT_TRUE(has_finding(r, "claim.optimistic", "45% MFU"));
	EXPECT_TRUE(has_finding(r, "claim.optimistic", "NVLink 600GB/s"));     /* both directions */

	EXPECT_TRUE(audit_file(&c, "tests/plans/text/006-deepseek-v3-ep16-two-nodes.md", r, &cause) == 0);
	EXPECT_EQ(r->verdict, PLAN_INCONSISTENT);
	EXPECT_STR_CONTAINS(r->ctx.model, "deepseek-v3");
	EXPECT_STR_CONTAINS(r->ctx.cluster, "h100x16");
	EXPECT_EQ(r->ctx.nodes, 2);
	EXPECT_EQ(r->ctx.tp, 8);
	EXPECT_EQ(r->ctx.dp, 2);
	EXPECT_EQ(r->ctx.ep, 16);
	EXPECT_STR_CONTAINS(r->ctx.runtime, "sglang");
	EXPECT_STR_CONTAINS(r->ctx.dtype, "fp8");
	EXPECT_TRUE(has_finding(r, "claim.impossible", "20,000 tokens/s"));
	EXPECT_TRUE(has_finding(r, "claim.pessimistic", "Experts per GPU"));    /* 256 / EP 16 = 16 */

	EXPECT_TRUE(audit_file(&c, "tests/plans/text/007-llama3-8b-kv-cache.md", r, &cause) == 0);
	EXPECT_EQ(r->verdict, PLAN_INCONSISTENT);
	EXPECT_STR_CONTAINS(r->ctx.cluster, "l40sx1");
	/* 2 x 32 layers x 8 KV heads x 128 x 2 bytes = 131,072 bytes per token, not 128 MB */
	EXPECT_TRUE(has_finding(r, "claim.off_scale", "likely kB written as MB"));
	EXPECT_TRUE(has_finding(r, "claim.optimistic", "KV Cache**: 2GB"));
	free(cause);
	free(r);
	catalog_fini(&c);
}

/* The notations plans write layouts in (issue 12's list). */
TEST(plan_text_layout_notations)
{
	static const struct { const char *s; int tp, pp, dp, ep; } t[] = {
		{ "the strategy (tp2-pp4-dp1) designed for", 2, 4, 1, 0 },
		{ "the current parallel strategy (tp=8, pp=1, dp=1) is", 8, 1, 1, 0 },
		{ "the pp(4) \xc3\x97 tp(2) strategy", 2, 4, 0, 0 },
		{ "pipeline parallelism (4) \xc3\x97 tensor parallelism (2)", 2, 4, 0, 0 },
		{ "current deployment strategy: tp2-ep4-pp2-dp2", 2, 2, 2, 4 },
		{ "strategy (ep64-tp8-pp2-dp2 requiring 2048 gpus)", 8, 2, 2, 64 },
		{ "tp 2 x pp 2 x dp 3", 2, 2, 3, 0 },
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		int tp = 0, pp = 0, dp = 0, ep = 0;
		EXPECT_TRUE(pt_layout_in(t[i].s, &tp, &pp, &dp, &ep) >= 2);
		if (tp != t[i].tp || pp != t[i].pp || dp != t[i].dp || ep != t[i].ep)
			test_fail(__FILE__, __LINE__, "'%s': tp %d pp %d dp %d ep %d", t[i].s, tp, pp, dp, ep);
	}
	int tp = 0, pp = 0, dp = 0, ep = 0;
	EXPECT_EQ(pt_layout_in("tensor parallelism (tp) - degree 2", &tp, &pp, &dp, &ep), 0);  /* one alone */
}

/* Numbers with units, ranges and bounds; names with digits are not numbers. */
TEST(plan_text_numbers)
{
	static const struct { const char *s; double lo, hi; ClaimOp op; const char *unit; } t[] = {
		{ "Latency: <0.5ms for all", 0.5, 0.5, CLAIM_AT_MOST, "ms" },
		{ "| Decode p50 | \xe2\x89\xa4" "50ms |", 50, 50, CLAIM_AT_MOST, "ms" },
		{ "target <=50ms", 50, 50, CLAIM_AT_MOST, "ms" },
		{ "Cost Estimate: $50-100/hour", 50, 100, CLAIM_ABOUT, "$/h" },
		{ "Reality: 12-15% communication overhead", 12, 15, CLAIM_ABOUT, "%" },
		{ "Throughput: Sustain 8+ RPS", 8, 8, CLAIM_AT_LEAST, "" },
		{ "Achieved: 28,000 tokens/second", 28000, 28000, CLAIM_ABOUT, "tokens/s" },
		{ "NVLink Bandwidth: 900 Gbps", 900, 900, CLAIM_ABOUT, "Gbps" },
		{ "NVLink 900GB/s", 900, 900, CLAIM_ABOUT, "GB/s" },
		{ "10B parameter model", 10, 10, CLAIM_ABOUT, "billion" },
		{ "requires 20TFLOPs per token", 20, 20, CLAIM_ABOUT, "TFLOPs" },
		{ "Corrected: ~35GB activation memory", 35, 35, CLAIM_ABOUT, "GB" },
		{ "INT8 Quantization: 70GB required (4.6x available memory)", 70, 70, CLAIM_ABOUT, "GB" },
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		PtNum n[8];
		int k = pt_numbers(t[i].s, n, 8), q = 0;
		while (q < k && n[q].glued)
			q++;
		if (q >= k || n[q].lo != t[i].lo || n[q].hi != t[i].hi || n[q].op != t[i].op ||
		    (strcmp(n[q].unit, t[i].unit) && !(t[i].op == CLAIM_AT_LEAST && !*t[i].unit)))
			test_fail(__FILE__, __LINE__, "'%s': %g-%g op %d unit '%s'", t[i].s, q < k ? n[q].lo : -1,
			    q < k ? n[q].hi : -1, q < k ? (int)n[q].op : -1, q < k ? n[q].unit : "");
	}
	PtNum n[8];
	int k = pt_numbers("8x H100, Llama3-70B, TP2, P99", n, 8);
	EXPECT_TRUE(k >= 1 && !n[0].glued && n[0].lo == 8);
	for (int q = 1; q < k; q++)
		EXPECT_TRUE(n[q].glued);
}

/* Small plans: hardware, a model from words, a number not understood. */
TEST(plan_text_hardware_model_not_understood)
{
	Catalog c;
	catalog_init(&c);
	PlanNode tree;
	Plan p;
	char *cause = NULL, *explain = NULL;
	const char *text = "# Plan\n\n- **GPU Count**: 1x Tesla T4\n- **Model**: Llama3-8B-Instruct\n"
	    "- **Strategy**: TP=1, PP=1\n- **Prefill Latency**: 250ms\n- **Widget Ratio**: 42\n";
	EXPECT_TRUE(plan_text_extract(&c, text, "mem.md", &tree, &explain, &cause) == 0);
	EXPECT_TRUE(plan_from_node(&tree, "mem.md", &p, &cause) == 0);
	bool t4 = false, model = false, ttft = false, not_understood = false;
	for (int i = 0; i < p.n_base; i++) {
		t4 |= !strcmp(p.base[i].key, "cluster") && !strcmp(p.base[i].text, "t4x1");
		model |= !strcmp(p.base[i].key, "model") && !strcmp(p.base[i].text, "llama-3-8b");
	}
	for (int k = 0; k < p.n_claims; k++) {
		ttft |= p.claims[k].metric == audit_metric_find("latency.ttft_s") &&
		    fabs(p.claims[k].lo - 0.25) < 1e-12 && p.claims[k].line == 6;
		not_understood |= p.claims[k].metric < 0 && p.claims[k].lo == 42 &&
		    strstr(p.claims[k].note, "not understood");
	}
	EXPECT_TRUE(t4);
	EXPECT_TRUE(model);
	EXPECT_TRUE(ttft);
	EXPECT_TRUE(not_understood);
	EXPECT_STR_CONTAINS(explain, "\"prefill latency\" -> latency.ttft_s");
	plan_free(&p);
	plan_node_free(&tree);
	free(explain);

	/* a GPU the catalog lacks, and a model synthesised from what is said */
	text = "# MoE\n\n- **Total GPUs Available**: 16 (64GB VRAM each)\n- **Model**: 10B MoE, 64 experts, "
	    "16 layers\n- TP2-EP4-PP2-DP2\n";
	EXPECT_TRUE(plan_text_extract(&c, text, "moe.md", &tree, NULL, &cause) == 0);
	EXPECT_TRUE(plan_from_node(&tree, "moe.md", &p, &cause) == 0);
	EXPECT_TRUE(p.gpu != NULL && p.gpu->memory_bytes == 64e9);
	EXPECT_TRUE(p.model_config != NULL);
	EXPECT_STR_CONTAINS(p.model_config, "stated 10B parameters (line 4), 64 experts (line 4), 16 layers");
	EXPECT_STR_CONTAINS(p.model_config, "assumed hidden 4096");
	AuditReport *r = xmalloc(sizeof *r);
	EXPECT_TRUE(plan_audit(&c, &p, r, &cause) == 0);
	EXPECT_NEAR(r->ctx.params_total, 10e9, 0.01, "the plan's 10B");
	EXPECT_EQ(r->ctx.experts, 64);
	EXPECT_EQ(r->ctx.layers, 16);
	free(r);
	plan_free(&p);
	plan_node_free(&tree);

	/* nothing to go on: one line naming the file */
	EXPECT_TRUE(plan_text_extract(&c, "just words\n", "none.md", &tree, NULL, &cause) == -1);
	EXPECT_STR_CONTAINS(cause, "none.md: no hardware found");
	free(cause);
	catalog_fini(&c);
}

TEST(plan_text_format_by_content)
{
	EXPECT_EQ(plan_format_of("p.md", "  {\"model\": 1}"), PLAN_FORMAT_JSON);
	EXPECT_EQ(plan_format_of("plan.txt", "\n{"), PLAN_FORMAT_JSON);
	EXPECT_EQ(plan_format_of("p", "return { model = 'x' }"), PLAN_FORMAT_LUA);
	EXPECT_EQ(plan_format_of("p.lua", "# not lua but named so"), PLAN_FORMAT_LUA);
	EXPECT_EQ(plan_format_of("p.json", "# Plan"), PLAN_FORMAT_JSON);    /* the JSON reader says why */
	EXPECT_EQ(plan_format_of("p.md", "# Plan\n- TP=8"), PLAN_FORMAT_TEXT);
	EXPECT_EQ(plan_format_of("p", "-- a Lua plan\nreturn {}"), PLAN_FORMAT_LUA);
	EXPECT_EQ(plan_format_of("p.md", "---\ntitle: plan\n---\n# Plan"), PLAN_FORMAT_TEXT);  /* front matter */
}

/* The claims of `text` extracted and read back as a plan (the caller frees). */
static void
extract_plan(Catalog *c, const char *text, Plan *p)
{
	PlanNode tree;
	char *cause = NULL;
	EXPECT_TRUE(plan_text_extract(c, text, "hw.md", &tree, NULL, &cause) == 0);
	EXPECT_TRUE(plan_from_node(&tree, "hw.md", p, &cause) == 0);
	plan_node_free(&tree);
	free(cause);
}

static int
claims_of(const Plan *p, const char *metric, double *first)
{
	int n = 0, m = audit_metric_find(metric);
	for (int k = 0; k < p->n_claims; k++)
		if (p->claims[k].metric == m) {
			if (!n && first)
				*first = p->claims[k].lo;
			n++;
		}
	return n;
}

TEST(plan_text_pcie_beside_nvlink_is_the_host_link)
{
	/* "NVLink 900GB/s, PCIe 64GB/s": NVLink 4 is the H100 SXM's GPU-GPU
	 * fabric (900 GB/s, NVIDIA H100 datasheet); PCIe Gen5 x16 (64 GB/s a
	 * direction) is its host link: one intra-node claim, 9e11 B/s */
	Catalog c;
	Plan p;
	double v = 0;
	catalog_init(&c);
	extract_plan(&c, "# Plan\n\n## Hardware\n- **GPU**: 8x H100 SXM\n- **Interconnect**: NVLink 900GB/s, "
	    "PCIe 64GB/s\n- **Model**: Llama3-70B\n- **Strategy**: TP=8, PP=1\n", &p);
	EXPECT_EQ(claims_of(&p, "cluster.intra_bytes_per_s", &v), 1);
	EXPECT_NEAR(v, 900e9, 1e-12, "NVLink 900GB/s");
	plan_free(&p);
	/* a PCIe-only node (L4: no NVLink): PCIe is its intra-node fabric */
	extract_plan(&c, "# Plan\n\n## Hardware\n- **GPU**: 4x L4\n- **Interconnect**: PCIe 64GB/s\n"
	    "- **Model**: Llama3-8B\n- **Strategy**: TP=4, PP=1\n", &p);
	EXPECT_EQ(claims_of(&p, "cluster.intra_bytes_per_s", &v), 1);
	EXPECT_NEAR(v, 64e9, 1e-12, "PCIe 64GB/s alone");
	plan_free(&p);
	catalog_fini(&c);
}

TEST(plan_text_negative_numbers)
{
	/* the sign is the figure's: a memory shortfall of 3.5 GB */
	PtNum n[8];
	int k = pt_numbers("Memory headroom: -3.5 GB", n, 8);
	EXPECT_EQ(k, 1);
	EXPECT_NEAR(n[0].lo, -3.5, 0, "-3.5");
	EXPECT_NEAR(n[0].hi, -3.5, 0, "-3.5");
	EXPECT_TRUE(!strcmp(n[0].unit, "GB"));
	k = pt_numbers("headroom \xe2\x88\x92" "2 GB (U+2212)", n, 8);
	EXPECT_NEAR(n[0].lo, -2, 0, "U+2212 minus");
	/* hyphens of names and ranges are no signs */
	k = pt_numbers("TP2-PP4, layers 0-19, 12-15%", n, 8);
	for (int i = 0; i < k; i++)
		EXPECT_TRUE(n[i].lo >= 0);

	Catalog c;
	Plan p;
	double v = 0;
	catalog_init(&c);
	extract_plan(&c, "# Plan\n\n- **GPU**: 8x H100 SXM\n- **Model**: Llama3-70B\n- **Strategy**: TP=8, PP=1\n"
	    "- **Memory headroom**: -3.5 GB\n", &p);
	EXPECT_EQ(claims_of(&p, "memory.headroom_bytes", &v), 1);
	EXPECT_NEAR(v, -3.5e9, 1e-12, "-3.5 GB");
	plan_free(&p);
	catalog_fini(&c);
}

TEST(plan_text_memory_per_gpu_under_hardware_is_capacity)
{
	/* under a Hardware heading "Memory per GPU: 80GB" is what an H100
	 * has (80 GB HBM3, NVIDIA H100 datasheet), not what the plan uses */
	Catalog c;
	Plan p;
	double v = 0;
	catalog_init(&c);
	extract_plan(&c, "# Plan\n\n## Hardware\n- **GPU**: 8x H100 SXM\n- **Memory per GPU**: 80GB\n\n"
	    "## Layout\n- **Model**: Llama3-70B\n- **Strategy**: TP=8, PP=1\n", &p);
	EXPECT_EQ(claims_of(&p, "memory.per_gpu_bytes", NULL), 0);
	EXPECT_EQ(claims_of(&p, "cluster.gpu_memory_bytes", &v), 1);
	EXPECT_NEAR(v, 80e9, 1e-12, "80GB");
	plan_free(&p);
	/* elsewhere, or with words of use, it is the plan's use */
	extract_plan(&c, "# Plan\n\n- **GPU**: 8x H100 SXM\n- **Model**: Llama3-70B\n- **Strategy**: TP=8, PP=1\n\n"
	    "## Results\n- **Memory per GPU**: 40GB\n\n## Hardware\n- **Memory used per GPU**: 41GB\n", &p);
	EXPECT_EQ(claims_of(&p, "memory.per_gpu_bytes", &v), 2);
	EXPECT_NEAR(v, 40e9, 1e-12, "40GB used");
	EXPECT_EQ(claims_of(&p, "cluster.gpu_memory_bytes", NULL), 0);
	plan_free(&p);
	catalog_fini(&c);
}
