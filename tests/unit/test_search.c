/* test_search.c: the strategy search (core/search.h): known answers, the
 * agreement with eval, the Pareto front, safe pruning, parts and threads,
 * rejections and their reasons, 1 to 4,096 GPUs. */
#include <stdlib.h>
#include <string.h>

#include "core/search.h"
#include "scenario/report-search.h"
#include "helpers.h"
#include "test.h"

#define TOP 10
#define FRONT 128

typedef struct Run {
	SearchOptions o;
	SearchResult r;
	SearchCandidate top[TOP], front[FRONT];
	SearchWork *w;
} Run;

static Run *
run_new(void)
{
	Run *x = calloc(1, sizeof *x);
	x->w = malloc(sizeof *x->w);
	search_work_init(x->w);
	search_options_init(&x->o);
	return x;
}

static void
run_free(Run *x)
{
	free(x->w);
	free(x);
}

static long
run_search(Run *x, const Scenario *s)
{
	search_result_init(&x->r, x->top, TOP, x->front, FRONT);
	long n = search_run(s, &x->o, x->w, &x->r);
	search_finish(s, &x->o, x->w, &x->r);
	return n;
}

static bool
same_candidate(const SearchCandidate *a, const SearchCandidate *b)
{
	return a->tp == b->tp && a->pp == b->pp && a->dp == b->dp && a->ep == b->ep && a->etp == b->etp &&
	    a->micro_batches == b->micro_batches && a->weight_dtype == b->weight_dtype &&
	    a->kv_dtype == b->kv_dtype && a->batch == b->batch && a->score == b->score;
}

TEST(search_tight_tpot_tp8_wins)
{
	/* Llama-3-70B bf16 on 8x H100 under a tight TPOT SLO (20 ms p99): only
	 * the widest TP reads its share of the weights fast enough with room for
	 * a batch; TP 4 x DP 2 can hold 20 ms only at a handful of sequences */
	Scenario *s = malloc(sizeof *s);
	Run *x = run_new();
	scenario_from(s, "model=llama-3-70b", "cluster=h100x8", "dtype=bf16", "tpot_p99=0.02",
	    "ttft_p99=2", NULL);
	EXPECT_TRUE(run_search(x, s) > 0);
	EXPECT_EQ(x->top[0].tp, 8);
	EXPECT_EQ(x->top[0].pp, 1);
	EXPECT_TRUE(x->top[0].at_max.tpot_p99_s <= 0.02 * (1 + 1e-9));
	EXPECT_TRUE(x->top[0].limit == SERVING_LIMIT_TPOT);
	char buf[1024];
	search_format_why(s, &x->o, &x->r, &x->top[0], buf, sizeof buf);
	EXPECT_STR_CONTAINS(buf, "TPOT p99 SLO binds");
	free(s);
	run_free(x);
}

TEST(search_throughput_loose_slo_more_replicas)
{
	/* throughput per GPU with loose SLOs (TTFT 10 s, TPOT 0.5 s): smaller
	 * TP groups spend less on all-reduce and more memory per GPU on KV
	 * cache, so TP 4 layouts win over one TP 8 replica.  Since issue 11
	 * (NVLS all-reduce, PP prefill at its stage's share) TP 4 x DP 2 and
	 * TP 4 x PP 2 tie within 1% (310 vs 309 tok/s/GPU), so either may rank
	 * first; TP 8 is 5% behind */
	Scenario *s = malloc(sizeof *s);
	Run *x = run_new();
	scenario_from(s, "model=llama-3-70b", "cluster=h100x8", "dtype=bf16", "ttft_p99=10",
	    "tpot_p99=0.5", NULL);
	EXPECT_TRUE(run_search(x, s) > 0);
	EXPECT_TRUE(x->top[0].dp > 1 || x->top[0].pp > 1);
	EXPECT_TRUE(x->top[0].tp < 8);
	EXPECT_EQ(x->top[0].gpus, 8);
	/* the widest-TP probe is feasible but ranks below */
	bool seen = false;
	for (int i = 0; i < x->r.n_probes; i++)
		if (x->r.probes[i].kind == SEARCH_PROBE_TP_NODE) {
			seen = true;
			/* ranks below #1: a lower place, or not among the ranked
			 * layouts of the winner's kind (rank 0) */
			EXPECT_TRUE(x->r.probes[i].found && x->r.probes[i].rank != 1);
		}
	EXPECT_TRUE(seen);
	free(s);
	run_free(x);
}

TEST(search_t4_nothing_fits_says_why)
{
	/* Llama-3-70B (141.1 GB of 16-bit weights) on one T4 (15.6 GB): nothing
	 * is feasible, memory says why, and the smallest changes that fit are
	 * more T4s or int4 weights */
	Scenario *s = malloc(sizeof *s);
	Run *x = run_new();
	char buf[2048];
	SearchCandidate c;

	scenario_from(s, "model=llama-3-70b", "cluster=t4x1", NULL);
	EXPECT_EQ(run_search(x, s), 0);
	EXPECT_EQ(x->r.n_top, 0);
	EXPECT_TRUE(x->r.rejected[SEARCH_REJ_MEMORY] > 0);
	EXPECT_TRUE(x->r.nearest[SEARCH_REJ_MEMORY].weight_dtype == DTYPE_FP16);    /* no bf16 on Turing */
	search_format_none(s, &x->o, &x->r, buf, sizeof buf);
	EXPECT_STR_CONTAINS(buf, "rejected by memory");
	EXPECT_STR_CONTAINS(buf, "weights 141.1 GB");
	/* fp16: 141.1 GB over T4s of 14.4 GB budget: TP 4 x PP 4 = 16 */
	int g = search_fewest_gpus(s, &x->o, true, x->w, &c);
	EXPECT_TRUE(g > 8 && g <= 16);
	EXPECT_TRUE(c.tp <= 4);         /* TP inside a 4-GPU T4 node */
	x->o.weight_dtypes = 1u << DTYPE_INT4;
	int g4 = search_fewest_gpus(s, &x->o, true, x->w, &c);
	EXPECT_TRUE(g4 > 1 && g4 < g);
	EXPECT_TRUE(c.weight_dtype == DTYPE_INT4);
	free(s);
	run_free(x);
}

TEST(search_agrees_with_eval)
{
	/* every ranked candidate, rebuilt as a scenario, gives eval_run's own
	 * figures and passes all of eval's checks */
	Scenario *s = malloc(sizeof *s), *e = malloc(sizeof *e);
	Result *r = malloc(sizeof *r);
	Run *x = run_new();
	scenario_from(s, "model=llama-3-70b", "cluster=h100x16", "ttft_p50=0.5", "ttft_p99=1",
	    "tpot_p50=0.05", "tpot_p99=0.1", "rps=8", NULL);
	search_dtype_mask_parse("bf16,fp8", false, &x->o.weight_dtypes);
	EXPECT_TRUE(run_search(x, s) > 0);
	for (int i = 0; i < x->r.n_top; i++) {
		const SearchCandidate *c = &x->top[i];
		search_scenario(s, c, e);
		EXPECT_EQ(eval_run(e, r), EVAL_OK);
		EXPECT_TRUE(r->feasible);
		EXPECT_EQ(r->latency.ttft_s, c->ttft_s);
		EXPECT_EQ(r->latency.tpot_s, c->tpot_s);
		EXPECT_EQ(r->memory.per_gpu_bytes, c->per_gpu_bytes);
		EXPECT_EQ(r->memory.weights_bytes, c->weights_bytes);
		EXPECT_EQ(r->gpus_used, c->gpus);
		EXPECT_TRUE(c->rate_max_rps * c->dp >= 8 * (1 - 1e-9));
		EXPECT_TRUE(c->at_target.tpot_p99_s <= 0.1 && c->at_target.ttft_p99_s <= 1);
	}
	free(s);
	free(e);
	free(r);
	run_free(x);
}

TEST(search_pareto_has_no_dominated_point)
{
	Scenario *s = malloc(sizeof *s);
	Run *x = run_new();
	scenario_from(s, "model=llama-3-70b", "gpu=h100-sxm", "gpus=32", "ttft_p99=2", "tpot_p99=0.2",
	    NULL);
	search_dtype_mask_parse("all", false, &x->o.weight_dtypes);
	EXPECT_TRUE(run_search(x, s) > 0);
	EXPECT_TRUE(x->r.n_pareto >= 3);
	for (int i = 0; i < x->r.n_pareto; i++) {
		const SearchCandidate *a = &x->front[i];
		EXPECT_TRUE(a->pareto);
		for (int j = 0; j < x->r.n_pareto; j++) {
			const SearchCandidate *b = &x->front[j];
			if (i == j)
				continue;
			bool dom = b->tokens_per_s_per_gpu >= a->tokens_per_s_per_gpu &&
			    b->tokens_per_s_per_user >= a->tokens_per_s_per_user &&
			    (b->tokens_per_s_per_gpu > a->tokens_per_s_per_gpu ||
			    b->tokens_per_s_per_user > a->tokens_per_s_per_user);
			EXPECT_TRUE(!dom);
		}
		if (i > 0)      /* sorted by throughput per GPU, per-user speed rising */
			EXPECT_TRUE(a->tokens_per_s_per_gpu <= x->front[i - 1].tokens_per_s_per_gpu &&
			    a->tokens_per_s_per_user >= x->front[i - 1].tokens_per_s_per_user);
	}
	/* the throughput winner is the front's first point */
	EXPECT_NEAR(x->front[0].tokens_per_s_per_gpu, x->top[0].tokens_per_s_per_gpu, 1e-3,
	    "the best throughput per GPU is on the front");
	free(s);
	run_free(x);
}

/* Bounds only skip what cannot matter: exhaustive and pruned runs agree. */
static long
bounds_safe(Scenario *s, SearchObjective obj, const char *dtypes)
{
	Run *a = run_new(), *b = run_new();
	a->o.objective = b->o.objective = obj;
	search_dtype_mask_parse(dtypes, false, &a->o.weight_dtypes);
	b->o.weight_dtypes = a->o.weight_dtypes;
	b->o.exhaustive = true;
	run_search(a, s);
	run_search(b, s);
	long pruned = a->r.bounded + a->r.bounded_layouts;
	EXPECT_EQ(b->r.bounded + b->r.bounded_layouts, 0);
	EXPECT_EQ(a->r.n_top, b->r.n_top);
	for (int i = 0; i < a->r.n_top && i < b->r.n_top; i++)
		EXPECT_TRUE(same_candidate(&a->top[i], &b->top[i]));
	EXPECT_EQ(a->r.n_pareto, b->r.n_pareto);
	for (int i = 0; i < a->r.n_pareto && i < b->r.n_pareto; i++)
		EXPECT_TRUE(same_candidate(&a->front[i], &b->front[i]));
	EXPECT_TRUE(a->r.has_fewest == b->r.has_fewest);
	if (a->r.has_fewest && b->r.has_fewest)
		EXPECT_EQ(a->r.fewest.gpus, b->r.fewest.gpus);
	run_free(a);
	run_free(b);
	return pruned;
}

TEST(search_bounds_are_safe)
{
	Scenario *s = malloc(sizeof *s);
	long pruned = 0;
	scenario_from(s, "model=llama-3-70b", "gpu=h100-sxm", "gpus=32", "ttft_p99=1", "tpot_p99=0.1",
	    "rps=8", NULL);
	pruned += bounds_safe(s, SEARCH_OBJ_TPUT_PER_GPU, "all");
	pruned += bounds_safe(s, SEARCH_OBJ_GPUS, "bf16,fp8");
	pruned += bounds_safe(s, SEARCH_OBJ_TPOT, "bf16");
	scenario_from(s, "model=mixtral-8x7b", "gpu=h100-sxm", "gpus=16", "ttft_p99=1", "tpot_p99=0.05",
	    NULL);
	pruned += bounds_safe(s, SEARCH_OBJ_TPUT_PER_GPU, "bf16,fp8");
	pruned += bounds_safe(s, SEARCH_OBJ_COST, "bf16");
	scenario_from(s, "model=deepseek-v3", "gpu=h100-sxm", "gpus=64", "ttft_p99=2", "tpot_p99=0.1",
	    "rps=16", NULL);
	pruned += bounds_safe(s, SEARCH_OBJ_TPUT_PER_GPU, "bf16,fp8,int4");
	EXPECT_TRUE(pruned > 1000);     /* the bounds do cut work */
	free(s);
}

TEST(search_parts_merge_as_one)
{
	/* three parts merged give the single run's answer */
	Scenario *s = malloc(sizeof *s);
	Run *one = run_new(), *part[3];
	SearchCandidate top[TOP], front[FRONT];
	SearchResult all;

	scenario_from(s, "model=deepseek-v3", "cluster=h100x16", "dtype=fp8", "ttft_p99=2",
	    "tpot_p99=0.1", "rps=4", NULL);
	run_search(one, s);
	search_result_init(&all, top, TOP, front, FRONT);
	for (int i = 0; i < 3; i++) {
		part[i] = run_new();
		part[i]->o.part = i;
		part[i]->o.parts = 3;
		search_result_init(&part[i]->r, part[i]->top, TOP, part[i]->front, FRONT);
		search_run(s, &part[i]->o, part[i]->w, &part[i]->r);
		search_merge(&all, &part[i]->r, &one->o);
	}
	search_finish(s, &one->o, part[0]->w, &all);
	EXPECT_TRUE(one->r.n_top > 0);
	EXPECT_EQ(all.layouts, one->r.layouts);
	EXPECT_EQ(all.n_top, one->r.n_top);
	for (int i = 0; i < all.n_top && i < one->r.n_top; i++)
		EXPECT_TRUE(same_candidate(&top[i], &one->top[i]));
	EXPECT_EQ(all.n_pareto, one->r.n_pareto);
	for (int i = 0; i < all.n_pareto && i < one->r.n_pareto; i++)
		EXPECT_TRUE(same_candidate(&front[i], &one->front[i]));
	for (int i = 0; i < 3; i++)
		run_free(part[i]);
	run_free(one);
	free(s);
}

TEST(search_moe_ep_layouts_are_valid)
{
	/* DeepSeek-V3 on 16 H100: EP groups span replicas, so DP comes in
	 * multiples of EP x expert-TP / gcd(TP, EP x expert-TP), and eval
	 * accepts every ranked layout */
	Scenario *s = malloc(sizeof *s), *e = malloc(sizeof *e);
	Result *r = malloc(sizeof *r);
	Run *x = run_new();
	scenario_from(s, "model=deepseek-v3", "cluster=h100x16", "dtype=fp8", "rps=0", NULL);
	EXPECT_TRUE(run_search(x, s) > 0);
	bool ep = false;
	for (int i = 0; i < x->r.n_top; i++) {
		const SearchCandidate *c = &x->top[i];
		ep |= c->ep > 1;
		EXPECT_EQ(c->dp % c->dp_unit, 0);
		EXPECT_EQ((c->tp * c->dp) % (c->ep * c->etp), 0);
		search_scenario(s, c, e);
		EXPECT_EQ(eval_run(e, r), EVAL_OK);
		EXPECT_TRUE(r->feasible);
	}
	EXPECT_TRUE(ep);
	free(s);
	free(e);
	free(r);
	run_free(x);
}

TEST(search_memory_bound_is_a_lower_bound)
{
	/* a layout cut before evaluation by the memory lower bound really does
	 * not fit when evaluated */
	Scenario *s = malloc(sizeof *s), *e = malloc(sizeof *e);
	Result *r = malloc(sizeof *r);
	Run *x = run_new();
	scenario_from(s, "model=llama-3-70b", "cluster=h100x8", "rps=0", NULL);
	run_search(x, s);
	const SearchRejection *j = &x->r.nearest[SEARCH_REJ_MEMORY];
	EXPECT_TRUE(j->reason == SEARCH_REJ_MEMORY && j->bound);
	SearchCandidate c = { .tp = j->tp, .pp = j->pp, .dp = 1, .ep = j->ep, .etp = j->etp,
		.weight_dtype = j->weight_dtype, .kv_dtype = j->kv_dtype, .act_dtype = DTYPE_BF16,
		.batch = 1, .micro_batches = j->pp };
	search_scenario(s, &c, e);
	eval_run(e, r);
	EXPECT_TRUE(check_find(r, CHECK_MEMORY_FIT) != NULL);
	EXPECT_TRUE(r->memory.per_gpu_bytes >= j->v[0] * (1 - 1e-9));      /* need >= its bound */
	free(s);
	free(e);
	free(r);
	run_free(x);
}

TEST(search_latency_bounds_are_lower_bounds)
{
	/* layouts cut before evaluation by the TTFT (prefill FLOPs) or TPOT
	 * (weights streamed) bound really miss the SLO when evaluated: SLOs
	 * tight enough that the bounds cut every layout, the nearest checked */
	Scenario *s = malloc(sizeof *s), *e = malloc(sizeof *e);
	Result *r = malloc(sizeof *r);
	Run *x = run_new();
	static const char *const cases[][3] = {
		{ "model=llama-3-70b", "ttft_p99=0.03", "tpot_p99=1" },       /* TP 8 prefill >= 45 ms */
		{ "model=llama-3-70b", "ttft_p99=5", "tpot_p99=0.005" },      /* TP 8 weights >= 6 ms */
		{ "model=mixtral-8x7b", "ttft_p99=5", "tpot_p99=0.0001" },
	};
	for (int k = 0; k < 3; k++) {
		scenario_from(s, cases[k][0], "cluster=h100x8", cases[k][1], cases[k][2], NULL);
		EXPECT_EQ(run_search(x, s), 0);
		EXPECT_EQ(x->r.evaluations, 0);
		SearchReject why = k == 0 ? SEARCH_REJ_TTFT : SEARCH_REJ_TPOT;
		const SearchRejection *j = &x->r.nearest[why];
		EXPECT_TRUE(j->reason == why && j->bound);
		SearchCandidate c = { .tp = j->tp, .pp = j->pp, .dp = 1, .ep = j->ep, .etp = j->etp,
			.weight_dtype = j->weight_dtype, .kv_dtype = j->kv_dtype, .act_dtype = DTYPE_BF16,
			.batch = 1, .micro_batches = j->pp };
		search_scenario(s, &c, e);
		EXPECT_EQ(eval_run(e, r), EVAL_OK);
		double got = k == 0 ? r->latency.ttft_s : r->latency.tpot_s;
		EXPECT_TRUE(got >= j->v[0]);            /* the bound is below eval */
		EXPECT_TRUE(got > j->v[1]);             /* and eval misses the SLO too */
	}
	free(s);
	free(e);
	free(r);
	run_free(x);
}

TEST(search_latency_bound_names_the_tighter_slo)
{
	/* the bounds compare with the tighter of p50 and p99 (min_slo); the
	 * reason names that one's percentile: TTFT p50 30 ms under p99 1 s,
	 * TPOT p50 5 ms under p99 1 s (it said "p99 SLO 30.0 ms") */
	Scenario *s = malloc(sizeof *s);
	Run *x = run_new();
	static const char *const cases[][4] = {
		{ "ttft_p50=0.03", "ttft_p99=1", "tpot_p50=0", "tpot_p99=1" },
		{ "ttft_p50=0", "ttft_p99=5", "tpot_p50=0.005", "tpot_p99=1" },
	};
	for (int k = 0; k < 2; k++) {
		scenario_from(s, "model=llama-3-70b", "cluster=h100x8", cases[k][0], cases[k][1], cases[k][2],
		    cases[k][3], NULL);
		EXPECT_EQ(run_search(x, s), 0);
		SearchReject why = k == 0 ? SEARCH_REJ_TTFT : SEARCH_REJ_TPOT;
		const SearchRejection *j = &x->r.nearest[why];
		EXPECT_TRUE(j->reason == why && j->bound);
		EXPECT_TRUE(j->v[1] == (k == 0 ? 0.03 : 0.005));      /* the p50 SLO, as set */
		EXPECT_TRUE(j->v[2] == 50);
		char buf[512];
		search_format_rejection(s, &x->o, j, buf, sizeof buf);
		EXPECT_STR_CONTAINS(buf, k == 0 ? "> p50 SLO 30.0 ms" : "> p50 SLO 5.0 ms");
	}
	free(s);
	run_free(x);
}

TEST(search_rate_sets_replicas)
{
	/* with a target rate, DP is the fewest replicas that serve it within the
	 * SLOs; a rate beyond the cluster is rejected for GPUs, and the fewest
	 * GPUs on a larger cluster of the same type serve it */
	Scenario *s = malloc(sizeof *s);
	Run *x = run_new();
	SearchCandidate c;
	scenario_from(s, "model=llama-3-8b", "cluster=h100x8", "ttft_p99=0.5", "tpot_p99=0.05",
	    "rps=20", NULL);
	EXPECT_TRUE(run_search(x, s) > 0);
	const SearchCandidate *w = &x->top[0];
	EXPECT_TRUE(w->dp == w->dp_min);
	EXPECT_TRUE(w->rate_max_rps * w->dp >= 20 * (1 - 1e-9));
	EXPECT_TRUE(w->rate_max_rps * (w->dp - w->dp_unit) < 20 || w->static_rps * (w->dp - 1) < 20);
	EXPECT_TRUE(x->r.has_fewest && x->r.fewest.gpus <= w->gpus);

	scenario_from(s, "model=llama-3-8b", "cluster=h100x8", "ttft_p99=0.5", "tpot_p99=0.05",
	    "rps=1000", NULL);
	EXPECT_EQ(run_search(x, s), 0);
	EXPECT_TRUE(x->r.rejected[SEARCH_REJ_GPUS] > 0);
	int g = search_fewest_gpus(s, &x->o, false, x->w, &c);
	EXPECT_TRUE(g > 8 && g % 8 == 0);
	EXPECT_TRUE(c.rate_max_rps * c.dp >= 1000 * (1 - 1e-9));

	/* nodes of 3 (4,096 is no multiple) and a rate no cluster serves: the
	 * widening stops at the largest whole-node cluster and says none */
	scenario_from(s, "model=llama-3-70b", "gpu=h100-sxm", "gpus=3", "gpus_per_node=3", "tpot_p99=0.1",
	    "rps=1e5", NULL);
	EXPECT_EQ(search_fewest_gpus(s, &x->o, false, x->w, &c), 0);
	free(s);
	run_free(x);
}

static bool
no_tp8(void *ud, const Scenario *s, const Result *r, char *why, size_t n)
{
	(void)r;
	(*(int *)ud)++;
	if (s->strategy.tp == 8) {
		snprintf(why, n, "team.no-tp8: TP 8 is reserved");
		return false;
	}
	return true;
}

TEST(search_filter_rejects)
{
	/* a user check (the CLI's Lua checks) rejects TP 8: the winner of the
	 * tight-TPOT case moves, and the reason is kept */
	Scenario *s = malloc(sizeof *s);
	Run *x = run_new();
	int calls = 0;
	char buf[512];
	scenario_from(s, "model=llama-3-70b", "cluster=h100x8", "tpot_p99=0.03", "ttft_p99=2", NULL);
	x->o.filter = no_tp8;
	x->o.filter_ud = &calls;
	EXPECT_TRUE(run_search(x, s) > 0);
	EXPECT_TRUE(calls > 0);
	for (int i = 0; i < x->r.n_top; i++)
		EXPECT_TRUE(x->top[i].tp != 8);
	for (int i = 0; i < x->r.n_pareto; i++)
		EXPECT_TRUE(x->front[i].tp != 8);
	EXPECT_TRUE(x->r.rejected[SEARCH_REJ_CHECK] > 0);
	search_format_rejection(s, &x->o, &x->r.nearest[SEARCH_REJ_CHECK], buf, sizeof buf);
	EXPECT_STR_CONTAINS(buf, "team.no-tp8");
	free(s);
	run_free(x);
}

TEST(search_best_for_the_audit)
{
	Scenario *s = malloc(sizeof *s);
	Run *x = run_new();
	SearchCandidate best;
	scenario_from(s, "model=llama-3-70b", "cluster=h100x8", "tpot_p99=0.02", "ttft_p99=2", NULL);
	EXPECT_TRUE(search_best(s, SEARCH_OBJ_TPUT_PER_GPU, x->w, &best));
	run_search(x, s);
	EXPECT_TRUE(same_candidate(&best, &x->top[0]));
	scenario_from(s, "model=llama-3-70b", "cluster=t4x1", NULL);
	EXPECT_TRUE(!search_best(s, SEARCH_OBJ_TPUT_PER_GPU, x->w, &best));
	free(s);
	run_free(x);
}

TEST(search_1_to_4096_gpus)
{
	Scenario *s = malloc(sizeof *s);
	Run *x = run_new();
	scenario_from(s, "model=llama-3-8b", "gpu=h100-sxm", "gpus=1", "rps=0", NULL);
	EXPECT_TRUE(run_search(x, s) > 0);
	EXPECT_EQ(x->top[0].gpus, 1);
	scenario_from(s, "model=llama-3-70b", "gpu=h100-sxm", "gpus=4096", "rps=0", NULL);
	EXPECT_TRUE(run_search(x, s) > 0);
	EXPECT_EQ(x->r.max_gpus, 4096);
	EXPECT_TRUE(x->top[0].gpus <= 4096 && x->top[0].gpus > 2048);  /* DP fills the cluster */
	free(s);
	run_free(x);
}

TEST(search_probes_and_text)
{
	Scenario *s = malloc(sizeof *s);
	Run *x = run_new();
	char buf[2048];
	scenario_from(s, "model=llama-3-70b", "cluster=h100x8", "tp=2", "ttft_p99=1", "tpot_p99=0.1",
	    "rps=8", NULL);
	EXPECT_TRUE(run_search(x, s) > 0);
	EXPECT_TRUE(x->r.n_probes >= 2);
	EXPECT_TRUE(x->r.probes[0].kind == SEARCH_PROBE_BASE && x->r.probes[0].tp == 2);
	search_format_probe(s, &x->o, &x->r, &x->r.probes[0], buf, sizeof buf);
	EXPECT_STR_CONTAINS(buf, "TP 2 x PP 1");
	search_format_layout(&x->top[0], buf, sizeof buf);
	EXPECT_STR_CONTAINS(buf, "TP ");
	search_format_why(s, &x->o, &x->r, &x->top[0], buf, sizeof buf);
	EXPECT_STR_CONTAINS(buf, "req/s per replica within the SLOs");
	EXPECT_STR_CONTAINS(buf, "-bound");
	search_format_plot(&x->r, 40, 8, buf, sizeof buf);
	EXPECT_STR_CONTAINS(buf, "tok/s per user");
	free(s);
	run_free(x);
}

TEST(search_names_parse)
{
	SearchObjective o;
	unsigned m;
	EXPECT_EQ(search_objective_parse("tput-per-gpu", &o), 0);
	EXPECT_TRUE(o == SEARCH_OBJ_TPUT_PER_GPU);
	EXPECT_EQ(search_objective_parse("cost", &o), 0);
	EXPECT_TRUE(o == SEARCH_OBJ_COST);
	EXPECT_EQ(search_objective_parse("speed", &o), -1);
	EXPECT_EQ(search_dtype_mask_parse("bf16,int4", false, &m), 0);
	EXPECT_EQ(m, 1u << DTYPE_BF16 | 1u << DTYPE_INT4);
	EXPECT_EQ(search_dtype_mask_parse("all", true, &m), 0);
	EXPECT_EQ(m, 1u << DTYPE_BF16 | 1u << DTYPE_FP8);
	EXPECT_EQ(search_dtype_mask_parse("bf16,,", false, &m), -1);
	EXPECT_EQ(search_dtype_mask_parse("fp4", false, &m), -1);
}

TEST(search_serves_as_eval_does)
{
	/* issue 9 defects 1 and 8: search and eval's serving section cap the
	 * running batch by the same rule (serving_batch_cap), so a candidate
	 * rebuilt as a scenario serves the same capacity and rate, and a batch
	 * far past the KV pool (4,096) changes nothing when the pool binds.
	 * Its tok/s/user is 1 / TPOT p50 at its operating point (at_target). */
	Scenario *s = malloc(sizeof *s), *e = malloc(sizeof *e), *w = malloc(sizeof *w);
	Result *r = malloc(sizeof *r);
	ServingTail *t = calloc(1, sizeof *t);
	ServingReport rep;
	ServingOptions so;
	Run *x = run_new();
	bool kv_bound = false;

	scenario_from(s, "model=llama-3-70b", "cluster=h100x8", "dtype=fp8", "input_len=2048",
	    "output_len=2048", "ttft_p50=0.5", "ttft_p99=1", "tpot_p50=0.05", "tpot_p99=0.1", "rps=2",
	    NULL);
	x->o.micro_batch_variants = false;
	serving_options_init(&so);
	EXPECT_TRUE(run_search(x, s) > 0);
	EXPECT_TRUE(x->r.feasible_layouts >= x->r.n_top && x->r.feasible_layouts <= x->r.layouts);
	EXPECT_TRUE(x->r.feasible_layouts <= x->r.feasible);
	for (int i = 0; i < x->r.n_top; i++) {
		const SearchCandidate *c = &x->top[i];
		EXPECT_NEAR(c->tokens_per_s_per_user, 1 / c->at_target.tpot_p50_s, 1e-12,
		    "1 / TPOT p50 at the target rate");
		search_scenario(s, c, e);
		EXPECT_EQ(serving_evaluate(e, &so, w, r, t, &rep), 0);
		EXPECT_EQ(rep.model.max_seqs, c->batch);
		EXPECT_NEAR(rep.capacity_rps, c->capacity_rps, 1e-9, "search's own capacity");
		if (c->batch_limit != SERVING_LIMIT_KV)
			continue;
		kv_bound = true;
		e->workload.batch = 4096;
		EXPECT_EQ(serving_evaluate(e, &so, w, r, t, &rep), 0);
		EXPECT_EQ(rep.model.max_seqs, c->batch);
		EXPECT_NEAR(rep.capacity_rps, c->capacity_rps, 1e-9, "batch 4096 serves as the KV cap");
	}
	EXPECT_TRUE(kv_bound);
	free(s);
	free(e);
	free(w);
	free(r);
	free(t);
	run_free(x);
}
