/* test_memory.c: memory per GPU exact to the formula, and the cases in
 * ../shared/plans. */
#include <stdlib.h>
#include <string.h>

#include "core/units.h"
#include "helpers.h"
#include "test.h"

/* Llama-3-70B (h 8192, 64 heads, 8 KV heads, d_h 128, f 28672, V 128256,
 * 80 layers, untied) per GPU at TP t: q and o h*h/t each, k and v
 * h*(ceil(8/t)*128) each, MLP 3*h*f/t, two RMSNorms h each (replicated). */
static double
llama70_layer_params(int t)
{
	double h = 8192, kv = (8 + t - 1) / t * 128.0;
	return 2 * h * h / t + 2 * h * kv + 3 * h * 28672 / t + 2 * h;
}

TEST(memory_llama3_70b_tp8_exact)
{
	Scenario *s = malloc(sizeof *s);
	Result *r = malloc(sizeof *r);

	scenario_from(s, "model=llama-3-70b", "cluster=h100x8", "tp=8", "dtype=bf16", NULL);
	EXPECT_EQ(eval_run(s, r), EVAL_OK);
	double params = 80 * llama70_layer_params(8) + 2 * 128256.0 / 8 * 8192 + 8192;
	EXPECT_EQ(r->stages[0].weights_bytes, params * 2);      /* 17,640,734,720 */
	EXPECT_EQ(r->stages[0].weights_bytes, 17640734720.0);
	/* 2 x 80 layers x 1 KV head per GPU (8 / TP 8) x 128 x 2 bytes */
	EXPECT_EQ(r->memory.kv_bytes_per_token, 40960);
	EXPECT_TRUE(check_find(r, CHECK_MEMORY_FIT) == NULL);
	/* the pool: vLLM total x 0.92 - weights - activations - reserve */
	EXPECT_EQ(r->memory.kv_pool_bytes, s->cluster.gpu.memory_bytes * s->runtime.mem_fraction -
	    r->memory.weights_bytes - r->memory.activation_bytes - r->memory.reserved_bytes);
	free(s);
	free(r);
}

/* shared/plans/002: TP=2 PP=4 on 8x H100, layers 0-19, 20-39, 40-59, 60-79. */
TEST(memory_plan_tp2_pp4_h100x8)
{
	Scenario *s = malloc(sizeof *s);
	Result *r = malloc(sizeof *r);

	scenario_from(s, "model=llama-3-70b", "cluster=h100x8", "tp=2", "pp=4", NULL);
	EXPECT_EQ(eval_run(s, r), EVAL_OK);
	EXPECT_EQ(r->n_stages, 4);
	double layer = llama70_layer_params(2);
	double emb = 128256.0 / 2 * 8192;
	EXPECT_EQ(r->stages[0].n_layers, 20);
	EXPECT_EQ(r->stages[3].first_layer, 60);
	EXPECT_EQ(r->stages[0].weights_bytes, (20 * layer + emb) * 2);          /* 18.16 GB */
	EXPECT_EQ(r->stages[1].weights_bytes, 20 * layer * 2);                  /* 17.11 GB */
	EXPECT_EQ(r->stages[3].weights_bytes, (20 * layer + emb + 8192) * 2);
	/* 2 x 20 layers x 4 KV heads (8 / TP 2) x 128 x 2 bytes */
	EXPECT_EQ(r->stages[1].kv_bytes_per_token, 2 * 20 * 4 * 128 * 2);
	EXPECT_TRUE(check_find(r, CHECK_MEMORY_FIT) == NULL);
	EXPECT_TRUE(check_find(r, CHECK_GPU_COUNT) == NULL);
	/* the plan's "17.5GB model per GPU" is right for the middle stages only */
	EXPECT_NEAR(r->stages[1].weights_bytes, 17.5e9, 0.03, "shared/plans/002: 17.5GB model per GPU");
	free(s);
	free(r);
}

/* shared/plans/000: the TP2-PP4 layout on one T4 needs 8 GPUs; the model on
 * its single T4 is short by the weights alone. */
TEST(memory_plan_t4x1_infeasible)
{
	Scenario *s = malloc(sizeof *s);
	Result *r = malloc(sizeof *r);

	scenario_from(s, "model=llama-3-70b", "cluster=t4x1", "tp=2", "pp=4", "dtype=fp16", NULL);
	EXPECT_EQ(eval_run(s, r), EVAL_INVALID);      /* 8 GPUs that do not exist */
	const Check *c = check_find(r, CHECK_GPU_COUNT);
	EXPECT_TRUE(c != NULL && c->severity == SEV_ERROR && c->a.gpu_count.need == 8);
	EXPECT_TRUE(!r->feasible);

	scenario_from(s, "model=llama-3-70b", "cluster=t4x1", "tp=1", "pp=1", "dtype=fp16", NULL);
	eval_run(s, r);
	c = check_find(r, CHECK_MEMORY_FIT);
	EXPECT_TRUE(c != NULL && c->severity == SEV_ERROR);
	if (c) {
		double weights = 70553706496.0 * 2;     /* fp16, untied */
		EXPECT_EQ(c->a.memory_fit.weights_bytes, weights);    /* every parameter at 2 bytes, norms included */
		double budget = s->cluster.gpu.memory_bytes * s->runtime.mem_fraction;
		EXPECT_EQ(c->a.memory_fit.allowed_bytes, budget);
		/* the shortfall: weights + activations + reserve - budget, > 126 GB */
		EXPECT_TRUE(c->a.memory_fit.need_bytes - c->a.memory_fit.allowed_bytes > 126e9);
		char msg[512];
		check_format(s, r, c, msg, sizeof msg);
		EXPECT_STR_CONTAINS(msg, "short by");
	}
	EXPECT_TRUE(!r->feasible);
	free(s);
	free(r);
}

/* Quantized weights keep the embedding and LM head at 16 bits; int4 counts
 * its group scales: 4 + 20/128 bits per weight. */
TEST(memory_int4_scales_and_16bit_embedding)
{
	Scenario *s = malloc(sizeof *s);
	Result *r = malloc(sizeof *r);

	scenario_from(s, "model=llama-3-70b", "cluster=h100x8", "tp=8", "dtype=int4", NULL);
	EXPECT_EQ(eval_run(s, r), EVAL_OK);
	double h = 8192, lin = 80 * (2 * h * h / 8 + 2 * h * 128 + 3 * h * 28672 / 8);
	double small = 80 * 2 * h + h;
	double emb = 2 * 128256.0 / 8 * h;
	EXPECT_NEAR(r->stages[0].weights_bytes, lin * (4 + 20.0 / 128) / 8 + small * 2 + emb * 2, 1e-12,
	    "AWQ g128 scales; vLLM keeps embed/lm_head unquantized");
	free(s);
	free(r);
}
