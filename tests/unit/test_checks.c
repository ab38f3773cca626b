/* test_checks.c: every built-in check of the table (core/checks.c) fires on
 * its case, with the table's severity, its named numbers and those numbers
 * in its message; and stays silent on the default deployment. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/layout.h"
#include "helpers.h"
#include "test.h"

static Scenario *S;
static Result *R;

static void
setup_once(void)
{
	if (!S) {
		S = malloc(sizeof *S);
		R = malloc(sizeof *R);
	}
}

/* A custom config (as `import` may give) whose MLP width no TP > 1 divides. */
static void
odd_width(Scenario *s)
{
	s->model.intermediate = 14335;
}

/* One case per check: the scenario, an optional tweak, the message's
 * numbers as text, and the check's named numbers. */
typedef struct Case {
	CheckId id;
	const char *keys[12];
	void (*tweak)(Scenario *);
	const char *msg[3];     /* each must appear in the message */
	double args[5];         /* the named numbers, in the member's order */
	int n_args;
} Case;

static const Case cases[] = {
	{ CHECK_GPU_COUNT, { "model=llama-3-70b", "cluster=h100x8", "tp=8", "dp=2" }, NULL,
	  { "layout needs 16 GPUs (TP 8 x PP 1 x DP 2), the cluster has 8" }, { 16, 8, 8, 1, 2 }, 5 },
	{ CHECK_GPUS_IDLE, { "model=llama-3-70b", "cluster=h100x8", "tp=4", "dp=1" }, NULL,
	  { "uses 4 of 8 GPUs; fix: DP 2 uses them all" }, { 4, 8, 4 }, 3 },
	{ CHECK_HEADS_TP, { "model=llama-3-70b", "cluster=h100x8", "tp=3", "dp=1" }, NULL,
	  { "TP 3 does not divide the 64 attention heads" }, { 64, 3 }, 2 },
	/* Mixtral-8x22B: 48 heads, 8 KV heads (config.json); TP 6 divides 48 only */
	{ CHECK_KV_HEADS_TP, { "model=mixtral-8x22b", "cluster=h100x8", "tp=6", "dp=1" }, NULL,
	  { "TP 6 and the 8 KV heads do not divide one another" }, { 8, 6 }, 2 },
	{ CHECK_KV_HEADS_REPLICATED, { "model=llama-3-8b", "cluster=h100x16", "tp=16", "batch=8" }, NULL,
	  { "each KV head is replicated on 2 GPUs" }, { 8, 16, 2 }, 3 },
	{ CHECK_LAYERS_PP, { "model=llama-3-8b", "gpu=h100-sxm", "gpus=40", "tp=1", "pp=33", "dp=1" },
	  NULL, { "PP 33 exceeds the 32 layers; fix: PP <= 32" }, { 32, 33 }, 2 },
	/* vLLM get_pp_indices: 80 = 27 + 27 + 26 */
	{ CHECK_LAYERS_UNEVEN, { "model=llama-3-70b", "gpu=h100-sxm", "gpus=24", "tp=8", "pp=3", "dp=1" },
	  NULL, { "80 layers over PP 3: stages hold 26 or 27 layers" }, { 80, 3, 26, 27 }, 4 },
	{ CHECK_STAGE_LAYERS, { "model=llama-3-70b", "cluster=h100x8", "tp=4", "pp=2",
	  "stage_layers=40,30" }, NULL, { "each of the 2 stages", "sum to 80" }, { 80, 2 }, 2 },
	{ CHECK_EXPERTS_EP, { "model=mixtral-8x7b", "cluster=h100x8", "tp=2", "dp=4", "ep=3" }, NULL,
	  { "EP 3 does not divide the 8 experts" }, { 8, 3 }, 2 },
	{ CHECK_EP_GROUP, { "model=mixtral-8x7b", "cluster=h100x8", "tp=2", "dp=1", "ep=8" }, NULL,
	  { "EP 8 x expert-TP 1 must divide TP x DP = 2 x 1" }, { 8, 1, 2, 1 }, 4 },
	{ CHECK_WIDTH_TP, { "model=llama-3-8b", "cluster=h100x8", "tp=2", "dp=1" }, odd_width,
	  { "TP 2 does not divide intermediate_size 14335" }, { 14335, 2 }, 2 },
	{ CHECK_TP_SPANS_NODES, { "model=llama-3-8b", "cluster=h100x16", "tp=16", "batch=8" }, NULL,
	  { "TP 16 spans NVLink domains of 8 GPUs", "crosses ib-ndr" }, { 16, 8 }, 2 },
	/* two nodes of 6 GPUs: TP 4 groups straddle them */
	{ CHECK_TP_ALIGN, { "model=llama-3-8b", "gpu=h100-sxm", "nodes=2", "gpus_per_node=6", "tp=4",
	  "dp=3", "batch=8" }, NULL, { "TP 4 does not divide the 6 GPUs of an NVLink domain" }, { 4, 6 }, 2 },
	{ CHECK_MEMORY_FIT, { "model=llama-3-70b", "cluster=t4x1", "tp=1", "pp=1", "dtype=fp16" }, NULL,
	  { "weights 141.1 GB", "short by" }, { 0 }, 0 },
	{ CHECK_KV_ROOM, { "model=llama-3-70b", "cluster=h100x8", "tp=8", "batch=4096" }, NULL,
	  { "KV cache for batch 4096 x 2304 tokens" }, { 0 }, 0 },
	{ CHECK_KV_MAX_LEN, { "model=llama-3-8b", "cluster=l4x1", "tp=1", "max_model_len=1000000",
	  "batch=1" }, NULL, { "fewer than max_model_len 1,000,000" }, { 1000000 }, 1 },
	/* SGLang at mem_fraction_static 0.99 leaves 1% of the GPU for activations and graphs */
	{ CHECK_STATIC_HEADROOM, { "model=llama-3-8b", "cluster=h100x8", "tp=1", "dp=8",
	  "runtime=sglang", "mem_util=0.99", "batch=8" }, NULL,
	  { "left outside mem_fraction_static" }, { 0 }, 0 },
	{ CHECK_CONTEXT_LEN, { "model=llama-3-8b", "cluster=h100x8", "tp=1", "dp=8", "input_len=200000",
	  "output_len=1000", "batch=1" }, NULL,
	  { "context 201,000 tokens exceeds the model's max_position_embeddings 8,192" }, { 201000, 8192 }, 2 },
	{ CHECK_BATCHED_TOKENS, { "model=llama-3-8b", "cluster=h100x8", "tp=1", "dp=8", "input_len=20000",
	  "batch=1", "max_batched_tokens=8192" }, NULL,
	  { "input 20,000 tokens exceeds max_num_batched_tokens 8,192" }, { 20000, 8192 }, 2 },
	{ CHECK_BATCH_SEQS, { "model=llama-3-70b", "cluster=h100x8", "tp=8", "batch=4096" }, NULL,
	  { "batch 4096 exceeds vllm's max_num_seqs" }, { 4096 }, 1 },
	{ CHECK_DTYPE_SUPPORT, { "model=llama-3-8b", "cluster=t4x1", "tp=1", "dtype=bf16", "batch=1" },
	  NULL, { "(turing, sm 75) has no bf16 tensor cores" }, { 0 }, 0 },
	{ CHECK_FP8_WEIGHT_ONLY, { "model=llama-3-8b", "cluster=a100x8", "tp=1", "dp=8", "dtype=fp8",
	  "batch=1" }, NULL, { "has no fp8 tensor cores: fp8 weights run weight-only" }, { 0 }, 0 },
	{ CHECK_SLO_TTFT, { "model=llama-3-70b", "cluster=h100x8", "tp=8", "batch=64", "input_len=32768",
	  "ttft_p99=1" }, NULL, { "> p99 SLO 1.00 s" }, { 0 }, 0 },
	{ CHECK_SLO_TPOT, { "model=llama-3-70b", "cluster=h100x8", "tp=8", "batch=64", "tpot_p99=0.005" },
	  NULL, { "> p99 SLO 5.0 ms at batch 64" }, { 0 }, 0 },
	{ CHECK_SLO_RPS, { "model=llama-3-70b", "cluster=h100x8", "tp=8", "batch=64", "rps=100" }, NULL,
	  { "with static batches of 64, target 100.0;" }, { 0 }, 0 },
	{ CHECK_STAGE_IMBALANCE, { "model=llama-3-70b", "cluster=h100x8", "tp=4", "pp=2",
	  "stage_layers=70,10" }, NULL, { "stage 0's decode step", "stage 1's", "off stage 0" }, { 0 }, 0 },
	{ CHECK_PP_BUBBLE, { "model=llama-3-70b", "cluster=h100x8", "tp=4", "pp=2", "micro_batches=1" },
	  NULL, { "1 micro-batches over PP 2 leave a 50% pipeline bubble" }, { 1, 2 }, 2 },
	{ CHECK_EP_LL_TOKENS, { "model=deepseek-v3", "gpu=h200", "gpus=16", "tp=1", "dp=16", "ep=16",
	  "dtype=fp8", "batch=300" }, NULL,
	  { "DeepEP low-latency decode dispatches 300 tokens per rank per step, above the 256" }, { 300, 256 }, 2 },
};

/* The named numbers of c as a flat list, in the member's declared order. */
static int
named_args(const Check *c, double *v)
{
	const CheckArgs *a = &c->a;
	switch (c->id) {
#define V2(m, x, y) v[0] = a->m.x; v[1] = a->m.y; return 2
	case CHECK_GPU_COUNT: v[0] = a->gpu_count.need; v[1] = a->gpu_count.have;
		v[2] = a->gpu_count.tp; v[3] = a->gpu_count.pp; v[4] = a->gpu_count.dp; return 5;
	case CHECK_GPUS_IDLE: v[0] = a->gpus_idle.used; v[1] = a->gpus_idle.have;
		v[2] = a->gpus_idle.replica_gpus; return 3;
	case CHECK_HEADS_TP: V2(heads_tp, heads, tp);
	case CHECK_KV_HEADS_TP: V2(kv_heads_tp, kv_heads, tp);
	case CHECK_KV_HEADS_REPLICATED: v[0] = a->kv_heads_replicated.kv_heads;
		v[1] = a->kv_heads_replicated.tp; v[2] = a->kv_heads_replicated.copies; return 3;
	case CHECK_LAYERS_PP: V2(layers_pp, layers, pp);
	case CHECK_LAYERS_UNEVEN: v[0] = a->layers_uneven.layers; v[1] = a->layers_uneven.pp;
		v[2] = a->layers_uneven.fewest; v[3] = a->layers_uneven.most; return 4;
	case CHECK_STAGE_LAYERS: V2(stage_layers, layers, pp);
	case CHECK_EXPERTS_EP: V2(experts_ep, experts, ep);
	case CHECK_EP_GROUP: v[0] = a->ep_group.ep; v[1] = a->ep_group.etp; v[2] = a->ep_group.tp;
		v[3] = a->ep_group.dp; return 4;
	case CHECK_WIDTH_TP: V2(width_tp, intermediate, tp);
	case CHECK_TP_SPANS_NODES: V2(tp_spans_nodes, tp, gpus_per_node);
	case CHECK_TP_ALIGN: V2(tp_align, tp, gpus_per_node);
	case CHECK_KV_MAX_LEN: v[0] = a->kv_max_len.max_model_len; return 1;
	case CHECK_CONTEXT_LEN: V2(context_len, context_tokens, max_position);
	case CHECK_BATCHED_TOKENS: V2(batched_tokens, input_tokens, max_batched_tokens);
	case CHECK_BATCH_SEQS: v[0] = a->batch_seqs.batch; return 1;
	case CHECK_PP_BUBBLE: V2(pp_bubble, micro_batches, pp);
	case CHECK_EP_LL_TOKENS: V2(ep_ll_tokens, tokens, max_tokens);
#undef V2
	default: return 0;
	}
}

static void
build(const Case *k)
{
	const char *const *p = k->keys;
	int n = 0;
	while (n < 12 && p[n])
		n++;
	/* scenario_from takes a NULL-terminated list: pass up to 8 keys */
	scenario_from(S, p[0], n > 1 ? p[1] : NULL, n > 2 ? p[2] : NULL, n > 3 ? p[3] : NULL,
	    n > 4 ? p[4] : NULL, n > 5 ? p[5] : NULL, n > 6 ? p[6] : NULL, n > 7 ? p[7] : NULL, NULL);
	if (k->tweak)
		k->tweak(S);
}

TEST(checks_every_id_has_a_case)
{
	const int n_cases = (int)(sizeof cases / sizeof cases[0]);
	setup_once();
	for (int id = 0; id < CHECK_COUNT; id++) {
		const CheckDef *d = check_def((CheckId)id);
		EXPECT_TRUE(d && d->id && d->format && d->summary);
		EXPECT_TRUE(check_find_id(d->id) == (CheckId)id);
		/* a structural check is an error: the layout cannot run */
		EXPECT_TRUE(!d->structural || d->severity == SEV_ERROR);
		EXPECT_TRUE(!d->structural || d->option != NULL);     /* eval names the option */
		const Case *k = NULL;
		for (int i = 0; i < n_cases; i++)
			if (cases[i].id == (CheckId)id)
				k = &cases[i];
		if (!k) {
			test_fail(__FILE__, __LINE__, "check %s has no case", d->id);
			continue;
		}
		build(k);
		EvalStatus st = eval_run(S, R);
		const Check *c = check_find(R, k->id);
		if (!c) {
			test_fail(__FILE__, __LINE__, "check %s did not fire on its case", d->id);
			continue;
		}
		EXPECT_TRUE(c->severity == d->severity);
		/* structural checks make the layout INVALID, others leave it evaluated */
		if (d->structural)
			EXPECT_TRUE(st == EVAL_INVALID && !R->feasible);
		double v[5];
		int n = named_args(c, v);
		EXPECT_EQ(n, k->n_args);
		for (int i = 0; i < n && i < k->n_args; i++)
			if (v[i] != k->args[i])
				test_fail(__FILE__, __LINE__, "%s: named number %d = %g, expected %g", d->id, i,
				    v[i], k->args[i]);
		char msg[512];
		check_format(S, R, c, msg, sizeof msg);
		for (int i = 0; i < 3 && k->msg[i]; i++)
			EXPECT_STR_CONTAINS(msg, k->msg[i]);
		if (c->severity == SEV_ERROR && c->id != CHECK_KV_MAX_LEN)
			EXPECT_STR_CONTAINS(msg, "fix:");
	}
}

TEST(checks_default_is_clean)
{
	setup_once();
	scenario_from(S, "model=llama-3-70b", "cluster=h100x8", "tp=8", "batch=64", NULL);
	EXPECT_EQ(eval_run(S, R), EVAL_OK);
	EXPECT_TRUE(R->feasible);
	for (int i = 0; i < R->n_checks; i++)
		EXPECT_TRUE(R->checks[i].severity != SEV_ERROR);
}

TEST(checks_numbers)
{
	const Check *c;
	setup_once();

	scenario_from(S, "model=llama-3-8b", "cluster=h100x16", "tp=16", "batch=8", NULL);
	eval_run(S, R);
	/* replicated KV heads: per-token KV stops shrinking at TP 8 */
	EXPECT_EQ(R->memory.kv_bytes_per_token, 2 * 32 * 1 * 128 * 2);

	scenario_from(S, "model=llama-3-70b", "gpu=h100-sxm", "gpus=24", "tp=8", "pp=3", "dp=1", NULL);
	eval_run(S, R);
	/* vLLM get_pp_indices: 80 = 27 + 27 + 26, the remainder before the last */
	EXPECT_EQ(R->stages[0].n_layers, 27);
	EXPECT_EQ(R->stages[2].n_layers, 26);

	scenario_from(S, "model=llama-3-70b", "cluster=h100x8", "tp=4", "pp=2", "micro_batches=1", NULL);
	eval_run(S, R);
	c = check_find(R, CHECK_PP_BUBBLE);
	if (c)
		EXPECT_NEAR(c->a.pp_bubble.bubble, 0.5, 1e-12, "GPipe bubble (p-1)/(m+p-1) with p=2, m=1");

	scenario_from(S, "model=llama-3-70b", "cluster=h100x8", "tp=8", "batch=4096", NULL);
	eval_run(S, R);
	c = check_find(R, CHECK_KV_ROOM);
	EXPECT_TRUE(c && c->a.kv_room.batch == 4096 && c->a.kv_room.seqs < 4096);

	scenario_from(S, "model=llama-3-70b", "cluster=h100x8", "tp=8", "batch=64", "input_len=32768",
	    "ttft_p99=1", "tpot_p99=0.005", "rps=100", NULL);
	eval_run(S, R);
	c = check_find(R, CHECK_SLO_TTFT);
	EXPECT_TRUE(c && c->a.slo_ttft.ttft_s > 1 && c->a.slo_ttft.percentile == 99);
	c = check_find(R, CHECK_SLO_TPOT);
	EXPECT_TRUE(c && c->a.slo_tpot.slo_s == 0.005);
	c = check_find(R, CHECK_SLO_RPS);
	EXPECT_TRUE(c && c->a.slo_rps.target_per_s == 100);
	EXPECT_TRUE(!R->feasible);
}

/* defect 4: TP 8 x DP 2 on 8 GPUs (the TUI's `:set dp 2`) and TP 16 x DP 8
 * on h100x16 are INVALID, with the reason, and nothing is evaluated. */
TEST(checks_impossible_layout_is_invalid)
{
	setup_once();
	scenario_from(S, "model=llama-3-70b", "cluster=h100x8", "tp=8", "dp=2", NULL);
	EXPECT_EQ(eval_run(S, R), EVAL_INVALID);
	EXPECT_TRUE(!R->feasible);
	EXPECT_EQ(R->throughput.tokens_per_s, 0);
	EXPECT_EQ(R->n_stages, 0);
	const Check *c = check_find(R, CHECK_GPU_COUNT);
	EXPECT_TRUE(c && check_structural(c->id) && c->a.gpu_count.need == 16 && c->a.gpu_count.have == 8);
	EXPECT_TRUE(layout_fault(&S->model, &S->cluster, &S->strategy, NULL));

	scenario_from(S, "model=llama-3-70b", "cluster=h100x16", "tp=16", "dp=8", NULL);
	EXPECT_EQ(eval_run(S, R), EVAL_INVALID);
	c = check_find(R, CHECK_GPU_COUNT);
	EXPECT_TRUE(c && c->a.gpu_count.need == 128 && c->a.gpu_count.have == 16);
}

/* defect 7: at --mem-util 0.05 vLLM allows 4.3 GB of an H100 while the
 * activations and reserve alone take 4.9 GB: no int4 fix (4.6 GB) may be
 * offered; every fix offered must pass when re-evaluated. */
TEST(checks_memory_fix_is_checked)
{
	char msg[512];
	setup_once();
	scenario_from(S, "model=llama-3-70b", "cluster=h100x8", "tp=8", "mem_util=0.05", NULL);
	eval_run(S, R);
	const Check *c = check_find(R, CHECK_MEMORY_FIT);
	EXPECT_TRUE(c != NULL);
	if (!c)
		return;
	check_format(S, R, c, msg, sizeof msg);
	EXPECT_TRUE(strstr(msg, "int4") == NULL);
	EXPECT_STR_CONTAINS(msg, "fix:");

	/* Llama-3-70B fp16 on one T4: int4 (~40 GB) does not fit 15 GB either */
	scenario_from(S, "model=llama-3-70b", "cluster=t4x1", "tp=1", "dtype=fp16", NULL);
	eval_run(S, R);
	c = check_find(R, CHECK_MEMORY_FIT);
	EXPECT_TRUE(c != NULL);
	if (!c)
		return;
	check_format(S, R, c, msg, sizeof msg);
	EXPECT_TRUE(strstr(msg, "int4") == NULL);
	/* the GPU count offered passes memory.fit when evaluated */
	const char *p = strstr(msg, "e.g. TP ");
	EXPECT_TRUE(p != NULL);
	if (p) {
		int tp = 0, pp = 0;
		EXPECT_EQ(sscanf(p, "e.g. TP %d x PP %d", &tp, &pp), 2);
		char tps[16], pps[16], gpus[16];
		snprintf(tps, sizeof tps, "tp=%d", tp);
		snprintf(pps, sizeof pps, "pp=%d", pp);
		snprintf(gpus, sizeof gpus, "gpus=%d", tp * pp);
		scenario_from(S, "model=llama-3-70b", "gpu=t4", gpus, tps, pps, "dtype=fp16", NULL);
		eval_run(S, R);
		EXPECT_TRUE(check_find(R, CHECK_MEMORY_FIT) == NULL);
	}
}

/* shardlab(1)'s CHECKS section is the table: every row, its severity, its
 * structural flag and its summary, in order (regenerate it from the table
 * when a row changes). */
TEST(checks_man_page_is_the_table)
{
	const char *root = getenv("SHARDLAB_PATH") ? getenv("SHARDLAB_PATH") : ".";
	char path[1024], *text = NULL;
	snprintf(path, sizeof path, "%s/man/shardlab.1", root);
	FILE *f = fopen(path, "r");
	EXPECT_TRUE(f != NULL);
	if (!f)
		return;
	text = calloc(1, 1 << 20);
	size_t n = fread(text, 1, (1 << 20) - 1, f);
	fclose(f);
	text[n] = '\0';
	char *sec = strstr(text, ".SH CHECKS"), *end = sec ? strstr(sec, "\n.SH ") : NULL;
	EXPECT_TRUE(sec && end);
	if (!sec || !end) {
		free(text);
		return;
	}
	end[1] = '\0';        /* keep the last entry's newline */
	const char *at = sec;
	int entries = 0;
	for (const char *p = sec; (p = strstr(p, ".TP\n.B ")) != NULL; p++)
		entries++;
	EXPECT_EQ(entries, CHECK_COUNT);
	for (int id = 0; id < CHECK_COUNT; id++) {
		const CheckDef *d = check_def((CheckId)id);
		char want[512];
		snprintf(want, sizeof want, ".TP\n.B %s\n(%s%s) %s.\n", d->id, severity_name(d->severity),
		    d->structural ? ", structural" : "", d->summary);
		const char *hit = strstr(at, want);
		if (!hit)
			test_fail(__FILE__, __LINE__, "man CHECKS lacks, in table order: %s", want);
		else
			at = hit + 1;
	}
	free(text);
}

/* The layout rules once: the values the TUI's sliders offer
 * (layout_values) are exactly those eval_run accepts, for every knob. */
TEST(checks_slider_values_are_evals_layouts)
{
	static const char *const sets[][5] = {
		{ "model=llama-3-70b", "cluster=h100x8", "tp=8", "dp=1", NULL },
		{ "model=llama-3-70b", "cluster=h100x16", "tp=4", "pp=2", "dp=1" },
		{ "model=mixtral-8x7b", "cluster=h100x8", "tp=2", "dp=2", "ep=4" },
		{ "model=mixtral-8x22b", "cluster=h100x8", "tp=2", "dp=1", NULL },
		{ "model=qwen2-57b-a14b", "cluster=h100x8", "tp=4", "dp=2", NULL },
	};
	static const LayoutKnob knobs[] = { LAYOUT_TP, LAYOUT_PP, LAYOUT_DP, LAYOUT_EP, LAYOUT_ETP };
	setup_once();
	for (size_t i = 0; i < sizeof sets / sizeof sets[0]; i++) {
		for (size_t k = 0; k < sizeof knobs / sizeof knobs[0]; k++) {
			int vals[256];
			scenario_from(S, sets[i][0], sets[i][1], sets[i][2], sets[i][3], sets[i][4], NULL);
			if (knobs[k] == LAYOUT_ETP && !model_is_moe(&S->model))
				continue;       /* no experts: the TUI shows no expert-TP choice */
			int n = layout_values(S, knobs[k], vals, 256), j = 0;
			Scenario *t = malloc(sizeof *t);
			for (int v = 1; v <= 64; v++) {
				*t = *S;
				t->strategy = knobs[k] == LAYOUT_TP ?
				    layout_with_tp(&S->model, &S->cluster, &S->strategy, v) :
				    layout_with(&S->strategy, knobs[k], v);
				bool ok = eval_run(t, R) == EVAL_OK;
				bool offered = j < n && vals[j] == v;
				j += offered;
				if (ok != offered)
					test_fail(__FILE__, __LINE__, "%s knob %d value %d: eval %s, slider %s",
					    sets[i][0], (int)knobs[k], v, ok ? "valid" : "INVALID",
					    offered ? "offers it" : "does not");
			}
			free(t);
		}
	}
}

/* Issue 14: a new model or cluster is filled for the workload, not only
 * for its weights.  Llama-3-70B bf16 on 8 H100s: TP 2 holds the 141 GB of
 * weights (70.6 GB per GPU) but leaves a 2.2 GB KV pool for a batch of 128
 * x 2,304 tokens that needs 48.3 GB per GPU (tests/cli/eval.sh); TP 4
 * leaves 37.9 GB for the 24.2 GB the batch needs, so TP 4 x DP 2. */
TEST(layout_fill_leaves_room_for_the_batch)
{
	setup_once();
	scenario_from(S, "model=llama-3-70b", "cluster=h100x8", NULL);
	EXPECT_EQ(S->strategy.tp, 4);
	EXPECT_EQ(S->strategy.pp, 1);
	EXPECT_EQ(S->strategy.dp, 2);
	EXPECT_TRUE(eval_run(S, R) == EVAL_OK);
	EXPECT_TRUE(check_find(R, CHECK_KV_ROOM) == NULL);
	EXPECT_TRUE(check_find(R, CHECK_MEMORY_FIT) == NULL);
	/* a batch no layout of 8 GPUs holds: the fewest whose memory fits,
	 * and memory.kv_room says why */
	scenario_from(S, "model=llama-3-70b", "cluster=h100x8", "batch=4096", NULL);
	EXPECT_EQ(S->strategy.tp * S->strategy.pp, 2);
	EXPECT_TRUE(eval_run(S, R) == EVAL_OK);
	EXPECT_TRUE(check_find(R, CHECK_KV_ROOM) != NULL);
}

/* Lowering TP raises DP instead of idling GPUs; raising it lowers PP when
 * TP x PP would exceed the GPUs (TP 4 x PP 2 -> TP 8 in one step). */
TEST(layout_tp_takes_pp_and_dp_along)
{
	setup_once();
	scenario_from(S, "model=llama-3-70b", "cluster=h100x8", "tp=4", "pp=2", "dp=1", NULL);
	Strategy t = layout_with_tp(&S->model, &S->cluster, &S->strategy, 8);
	EXPECT_EQ(t.tp, 8);
	EXPECT_EQ(t.pp, 1);
	EXPECT_EQ(t.dp, 1);
	t = layout_with_tp(&S->model, &S->cluster, &S->strategy, 2);
	EXPECT_EQ(t.pp, 2);
	EXPECT_EQ(t.dp, 2);
	EXPECT_EQ(layout_pp_follow(&S->model, &S->cluster, 8, 2), 1);
	EXPECT_EQ(layout_pp_follow(&S->model, &S->cluster, 2, 4), 4);
}

/* An EP group spanning DP replicas keeps TP x DP a multiple of it when TP
 * moves: DeepSeek-V3 at TP 1 x DP 48, EP 48 (+32 redundant) on a 72-GPU
 * NVL72 had no valid TP on the slider (DP followed to 72, which EP 48 does
 * not divide); now DP stays 48 at TP 1 and goes to 24 at TP 2 (48 of 72). */
TEST(layout_tp_keeps_the_ep_group_whole)
{
	setup_once();
	scenario_from(S, "model=deepseek-v3", "cluster=gb200-nvl72", "tp=1", "dp=48", "ep=48",
	    "ep_redundant=32", "dtype=fp8", NULL);
	Strategy t = layout_with_tp(&S->model, &S->cluster, &S->strategy, 1);
	EXPECT_EQ(t.dp, 48);
	t = layout_with_tp(&S->model, &S->cluster, &S->strategy, 2);
	EXPECT_EQ(t.dp, 24);
	EXPECT_EQ(t.tp * t.dp % 48, 0);
	int vals[64], n = layout_values(S, LAYOUT_TP, vals, 64);
	EXPECT_TRUE(n >= 2);
	EXPECT_EQ(vals[0], 1);
	/* a dense model's DP still takes every GPU */
	scenario_from(S, "model=llama-3-70b", "cluster=gb200-nvl72", "tp=8", NULL);
	EXPECT_EQ(layout_with_tp(&S->model, &S->cluster, &S->strategy, 4).dp, 18);
}
