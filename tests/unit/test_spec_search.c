/* test_spec_search.c: the search chooses the speculative k (issue 13): it
 * tries k = 0..K per layout and batch cap; at a small batch a k > 0 wins and
 * TPOT falls by the factor the speculative model predicts (Leviathan et al.,
 * arXiv 2211.17192, eq. 1, over the step ratio); beyond the break-even batch
 * k = 0 wins and the reason says from where speculation stops paying. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/params.h"
#include "core/search.h"
#include "core/searchopts.h"
#include "helpers.h"
#include "test.h"

#define K_MAX 4
#define ACCEPT 0.5

typedef struct SpecRun {
	SearchOptions o;
	SearchResult r;
	SearchCandidate top[4], front[64];
	SearchWork w;
} SpecRun;

/* Llama-3-8B on one H100, short contexts and a low acceptance so that the
 * break-even batch lies inside what the KV pool holds (test_spec.c's case) */
static void
spec_scenario(Scenario *s, int spec_tokens)
{
	char k[32];
	snprintf(k, sizeof k, "spec_tokens=%d", spec_tokens);
	scenario_from(s, "model=llama-3-8b", "gpu=h100-sxm", "gpus=1", "input_len=256", "output_len=128",
	    "spec_accept=0.5", "rps=0", k, NULL);
}

static void
spec_search(SpecRun *x, const Scenario *s, SearchObjective ob, int batch_max, int spec_max)
{
	search_work_init(&x->w);
	search_options_init(&x->o);
	x->o.objective = ob;
	x->o.batch_max = batch_max;
	x->o.spec_max = spec_max;
	search_result_init(&x->r, x->top, 4, x->front, 64);
	search_run(s, &x->o, &x->w, &x->r);
	search_finish(s, &x->o, &x->w, &x->r);
}

TEST(spec_search_small_batch_chooses_k)
{
	Scenario *s = malloc(sizeof *s);
	Result *r = malloc(sizeof *r);
	SpecRun *x = calloc(1, sizeof *x), *plain = calloc(1, sizeof *plain);

	/* batch cap 1, TPOT objective: speculation's best case */
	spec_scenario(s, 0);
	spec_search(x, s, SEARCH_OBJ_TPOT, 1, K_MAX);
	spec_search(plain, s, SEARCH_OBJ_TPOT, 1, 0);
	EXPECT_TRUE(x->r.n_top > 0 && plain->r.n_top > 0);
	const SearchCandidate *c = &x->top[0], *p = &plain->top[0];
	EXPECT_EQ(c->batch, 1);
	EXPECT_EQ(c->spec_max, K_MAX);
	EXPECT_TRUE(c->spec_tokens > 0);
	EXPECT_EQ(p->spec_max, 0);
	EXPECT_EQ(p->spec_tokens, 0);

	/* the k chosen is the one of 1..K with the largest speed-up at batch 1 */
	int best_k = 0;
	double best = 1;
	for (int k = 1; k <= K_MAX; k++) {
		spec_scenario(s, k);
		s->workload.batch = 1;
		eval_run(s, r);
		if (r->spec.speedup > best) {
			best = r->spec.speedup;
			best_k = k;
		}
	}
	EXPECT_EQ(c->spec_tokens, best_k);

	/* the factor: tokens per step (eq. 1) x plain step / speculative step */
	spec_scenario(s, c->spec_tokens);
	search_scenario(s, c, s);
	EXPECT_EQ(s->spec.tokens, c->spec_tokens);
	eval_run(s, r);
	int k = c->spec_tokens;
	double tau = (1 - pow(ACCEPT, k + 1)) / (1 - ACCEPT);
	double predicted = tau * r->spec.tpot_plain_s / r->spec.step_s;
	EXPECT_TRUE(predicted > 1);
	EXPECT_NEAR(r->spec.speedup, predicted, 1e-12, "Leviathan et al. eq. 1 over the step ratio");
	/* TPOT without speculation: the k 0 search's and the spec model's agree */
	EXPECT_NEAR(p->tpot_idle_s, r->spec.tpot_plain_s, 1e-9, "plain step at batch 1");
	EXPECT_NEAR(p->tpot_idle_s / c->tpot_idle_s, predicted, 1e-9, "TPOT falls by the speed-up");
	EXPECT_NEAR(c->spec_speedup, predicted, 1e-9, "the candidate's speed-up");

	/* the ranking shows k, the reason its speed-up */
	char buf[2048];
	search_format_layout(c, buf, sizeof buf);
	char want[32];
	snprintf(want, sizeof want, ", spec k %d", k);
	EXPECT_STR_CONTAINS(buf, want);
	search_format_why(s, &x->o, &x->r, c, buf, sizeof buf);
	snprintf(want, sizeof want, "speculation k %d (of 0..%d)", k, K_MAX);
	EXPECT_STR_CONTAINS(buf, want);
	free(s);
	free(r);
	free(x);
	free(plain);
}

TEST(spec_search_beyond_breakeven_k0)
{
	Scenario *s = malloc(sizeof *s);
	Result *r = malloc(sizeof *r);
	SpecRun *x = calloc(1, sizeof *x);

	/* the batch from which no k in 1..K pays: the largest break-even */
	int every = 0;
	for (int k = 1; k <= K_MAX; k++) {
		spec_scenario(s, k);
		s->workload.batch = 1;
		eval_run(s, r);
		int b = eval_spec_breakeven(s, r);
		EXPECT_TRUE(b > 1 && b < r->spec.batch_limit);
		every = b > every ? b : every;
	}

	/* throughput per GPU with room for 1,024 sequences: the cap lands
	 * beyond the break-even, where k 0 wins; spec_tokens as the maximum */
	spec_scenario(s, K_MAX);
	spec_search(x, s, SEARCH_OBJ_TPUT_PER_GPU, 1024, 0);
	EXPECT_TRUE(x->r.n_top > 0);
	const SearchCandidate *c = &x->top[0];
	EXPECT_EQ(c->spec_max, K_MAX);
	EXPECT_TRUE(c->batch >= every);
	EXPECT_EQ(c->spec_tokens, 0);
	EXPECT_NEAR(c->spec_speedup, 1, 0, "k 0");
	EXPECT_EQ(c->spec_breakeven, every);
	char buf[2048], want[96];
	search_format_why(s, &x->o, &x->r, c, buf, sizeof buf);
	snprintf(want, sizeof want, "speculation stops paying from batch %d, every k", every);
	EXPECT_STR_CONTAINS(buf, want);
	snprintf(want, sizeof want, "no k in 1..%d does better at batch %d", K_MAX, c->batch);
	EXPECT_STR_CONTAINS(buf, want);

	/* the Pareto front keeps the small caps' k > 0 points (a cap is not
	 * the running batch: a cap of 1,024 served within the SLOs runs fewer
	 * sequences, where k 1 may still pay) */
	bool small_k = false;
	for (int i = 0; i < x->r.n_pareto; i++)
		if (x->front[i].batch == 1)
			small_k = x->front[i].spec_tokens > 0;
	EXPECT_TRUE(small_k);
	free(s);
	free(r);
	free(x);
}

TEST(spec_search_tie_with_first_not_0_percent_less)
{
	/* Llama-3-70B on 8 x H100 at k 0..3 (the default scenario, search
	 * --spec 3): #1 TP 2 x PP 2 x DP 2 and #2 TP 4 x PP 1 x DP 2 both
	 * sustain 12.00 req/s, 12 x 256 tokens / 8 GPUs = 384 tok/s per GPU;
	 * #2's reason said "0% less throughput per GPU than #1" */
	Scenario *s = malloc(sizeof *s);
	SpecRun *x = calloc(1, sizeof *x);
	scenario_from(s, "model=llama-3-70b", "cluster=h100x8", "ttft_p50=0.5", "ttft_p99=1", "tpot_p50=0.05",
	    "tpot_p99=0.1", "rps=8", NULL);     /* presets/default.lua's SLOs */
	spec_search(x, s, SEARCH_OBJ_TPUT_PER_GPU, 0, 3);
	EXPECT_TRUE(x->r.n_top > 1);
	const SearchCandidate *c = &x->top[1];
	EXPECT_NEAR(c->tokens_per_s_per_gpu, 12.0 * 256 / 8, 1e-3, "12 req/s x 256 tokens / 8 GPUs");
	EXPECT_NEAR(x->top[0].tokens_per_s_per_gpu, 12.0 * 256 / 8, 1e-3, "12 req/s x 256 tokens / 8 GPUs");
	char buf[2048];
	search_format_why(s, &x->o, &x->r, c, buf, sizeof buf);
	EXPECT_STR_CONTAINS(buf, "; as much throughput per GPU as #1 (within 0.5%)");
	EXPECT_TRUE(strstr(buf, "0% less") == NULL);
	free(s);
	free(x);
}

TEST(spec_search_option_row)
{
	/* --spec K is a row of the search-option table, bounded as the
	 * spec_tokens key is */
	SearchQuery q;
	char why[128];
	search_query_init(&q);
	int id = search_opt_find("spec", SOPT_CLI);
	EXPECT_TRUE(id >= 0);
	EXPECT_EQ(search_opt_find("spec", SOPT_LUA), id);
	EXPECT_NEAR(search_opt_def((SearchOptId)id)->max, param_def(PARAM_SPEC_TOKENS)->max, 0,
	    "params.c spec_tokens bound");
	EXPECT_EQ(search_opt_apply(&q, (SearchOptId)id, "3", why, sizeof why), 0);
	EXPECT_EQ(q.so.spec_max, 3);
	EXPECT_EQ(search_opt_apply(&q, (SearchOptId)id, "17", why, sizeof why), -1);
	EXPECT_STR_CONTAINS(why, "0..16");
	Scenario *s = malloc(sizeof *s);
	spec_scenario(s, 2);
	SearchOptions o;
	search_options_init(&o);
	EXPECT_EQ(search_spec_max(s, &o), 2);
	o.spec_max = 5;
	EXPECT_EQ(search_spec_max(s, &o), 5);
	free(s);
}
