/* test_engine.c: engine commands in and out (scenario/engine.h): reading
 * vLLM, SGLang and TensorRT-LLM command lines, and the round trip
 * emit -> read -> the same scenario for every shipped model x engine on
 * three layouts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/catalog.h"
#include "lua/preset.h"
#include "scenario/engine.h"
#include "scenario/setup.h"
#include "test.h"

static const char *
key_of(const EngineRead *r, ParamId k)
{
	for (int i = 0; i < r->n_keys; i++)
		if (r->keys[i].key == k)
			return r->keys[i].text;
	return NULL;
}

#define EXPECT_KEY(r, k, want) do { \
	const char *v_ = key_of(&(r), (k)); \
	if (!v_ || strcmp(v_, (want)) != 0) \
		test_fail(__FILE__, __LINE__, "key %s = %s, expected %s", param_def(k)->name, \
		    v_ ? v_ : "(none)", (want)); \
} while (0)

TEST(engine_read_vllm_issue_example)
{
	Catalog c;
	EngineRead r;
	char *cause = NULL;

	catalog_init(&c);
	/* issue 12's example, with a continuation and quotes as in plans' code blocks */
	int rc = engine_read(&c, "CUDA_VISIBLE_DEVICES=0,1 vllm serve \"meta-llama/Llama-3.1-70B-Instruct\" \\\n"
	    "  --tensor-parallel-size 8 --max-model-len=8192 --gpu-memory-utilization 0.85 \\\n"
	    "  --kv-cache-dtype fp8 --host 0.0.0.0 --port 8000 --enable-expert-parallel # comment\n",
	    &r, &cause);
	EXPECT_TRUE(rc == 0);
	if (rc == 0) {
		EXPECT_TRUE(r.engine == ENGINE_VLLM);
		EXPECT_KEY(r, PARAM_MODEL, "llama-3-70b");
		EXPECT_KEY(r, PARAM_TP, "8");
		EXPECT_KEY(r, PARAM_PP, "1");
		EXPECT_KEY(r, PARAM_EP, "8");
		EXPECT_KEY(r, PARAM_MAX_MODEL_LEN, "8192");
		EXPECT_KEY(r, PARAM_MEM_UTIL, "0.85");
		EXPECT_KEY(r, PARAM_KV_DTYPE, "fp8");
		EXPECT_STR_CONTAINS(r.ignored, "--host, --port");
		EXPECT_STR_CONTAINS(r.notes, "Llama-3.1-70B-Instruct read as llama-3-70b");
	}
	engine_read_free(&r);
	free(cause);
	catalog_fini(&c);
}

/* A flag left out is the engine's own default, not shardlab's: vLLM
 * vllm/config/cache.py gpu_memory_utilization 0.92 (current main) and
 * arg_utils.py get_batch_defaults max_num_batched_tokens 8192 (OpenAI
 * server, H100-class); SGLang server_args.py mem_fraction_static 0.818 (80
 * GB GPU, TP 8) and chunked_prefill_size 8192; TensorRT-LLM
 * KvCacheConfig.free_gpu_memory_fraction 0.9, --max_num_tokens 8192
 * (presets/runtimes/ *.lua cite each).  A flag given wins. */
TEST(engine_read_defaults_are_the_engines)
{
	static const struct { const char *cmd, *mem, *tokens, *cap; } t[] = {
		{ "vllm serve meta-llama/Meta-Llama-3-70B-Instruct -tp 8", "0.92", "8192", "1024" },
		{ "python -m sglang.launch_server --model-path meta-llama/Meta-Llama-3-70B-Instruct --tp 8",
		  "0.818", "8192", "4096" },
		{ "trtllm-serve meta-llama/Meta-Llama-3-70B-Instruct --tp_size 8", "0.9", "8192", "256" },
	};
	Catalog c;

	catalog_init(&c);
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		EngineRead r;
		char *cause = NULL;
		EXPECT_TRUE(engine_read(&c, t[i].cmd, &r, &cause) == 0);
		EXPECT_KEY(r, PARAM_MEM_UTIL, t[i].mem);
		/* not a key: 0, the runtime's (the engine's) budget */
		EXPECT_TRUE(key_of(&r, PARAM_MAX_BATCHED_TOKENS) == NULL);
		EXPECT_TRUE(key_of(&r, PARAM_BATCH) == NULL);
		Runtime rt;
		EXPECT_TRUE(preset_runtime(&c, engine_def(r.engine)->runtime, &rt, &cause) == 0);
		EXPECT_EQ(rt.max_num_batched_tokens, atoi(t[i].tokens));
		EXPECT_STR_CONTAINS(r.notes, t[i].cap);
		engine_read_free(&r);
		free(cause);
	}
	EngineRead r;
	char *cause = NULL;
	EXPECT_TRUE(engine_read(&c, "vllm serve meta-llama/Meta-Llama-3-70B-Instruct "
	    "--gpu-memory-utilization 0.85 --max-num-batched-tokens 4096", &r, &cause) == 0);
	EXPECT_KEY(r, PARAM_MEM_UTIL, "0.85");
	EXPECT_KEY(r, PARAM_MAX_BATCHED_TOKENS, "4096");
	engine_read_free(&r);
	free(cause);
	catalog_fini(&c);
}

TEST(engine_read_sglang_trtllm)
{
	Catalog c;
	EngineRead r;
	char *cause = NULL;

	catalog_init(&c);
	EXPECT_TRUE(engine_read(&c, "python3 -m sglang.launch_server --model-path 'Qwen/Qwen3-30B-A3B' "
	    "--tp 4 --dp-size 2 --ep 8 --mem-fraction-static 0.8 --context-length 4096 "
	    "--max-running-requests 64 --chunked-prefill-size 4096 --quantization fp8", &r, &cause) == 0);
	EXPECT_TRUE(r.engine == ENGINE_SGLANG);
	EXPECT_KEY(r, PARAM_MODEL, "qwen3-30b-a3b");
	EXPECT_KEY(r, PARAM_DP, "2");
	EXPECT_KEY(r, PARAM_EP, "8");
	EXPECT_KEY(r, PARAM_BATCH, "64");
	EXPECT_KEY(r, PARAM_MAX_BATCHED_TOKENS, "4096");
	EXPECT_KEY(r, PARAM_DTYPE, "fp8");
	engine_read_free(&r);
	EXPECT_TRUE(engine_read(&c, "mpirun -H node0:8,node1:8 -n 16 trtllm-llmapi-launch trtllm-serve "
	    "deepseek-ai/DeepSeek-V3 --tp_size 16 --ep_size 16 --max_batch_size 32 "
	    "--kv_cache_free_gpu_memory_fraction 0.75 --backend pytorch", &r, &cause) == 0);
	EXPECT_TRUE(r.engine == ENGINE_TRTLLM);
	EXPECT_KEY(r, PARAM_MODEL, "deepseek-v3");
	EXPECT_KEY(r, PARAM_TP, "16");
	EXPECT_KEY(r, PARAM_MEM_UTIL, "0.75");
	EXPECT_TRUE(r.ignored == NULL);
	engine_read_free(&r);
	EXPECT_TRUE(engine_read(&c, "trtllm-bench --model meta-llama/Meta-Llama-3-8B throughput --dataset d.txt "
	    "--tp 2 --max_batch_size 256 --kv_cache_free_gpu_mem_fraction 0.9", &r, &cause) == 0);
	EXPECT_TRUE(r.engine == ENGINE_TRTLLM_BENCH);
	EXPECT_KEY(r, PARAM_MODEL, "llama-3-8b");
	EXPECT_KEY(r, PARAM_TP, "2");
	EXPECT_KEY(r, PARAM_BATCH, "256");
	engine_read_free(&r);
	/* errors name the word */
	EXPECT_TRUE(engine_read(&c, "vllm serve acme/NoSuch-7B", &r, &cause) != 0);
	EXPECT_STR_CONTAINS(cause, "unknown model 'acme/NoSuch-7B'");
	free(cause);
	cause = NULL;
	EXPECT_TRUE(engine_read(&c, "vllm serve 'meta-llama/Meta-Llama-3-8B", &r, &cause) != 0);
	EXPECT_STR_CONTAINS(cause, "unterminated");
	free(cause);
	cause = NULL;
	EXPECT_TRUE(engine_read(&c, "ollama run llama3", &r, &cause) != 0);
	EXPECT_STR_CONTAINS(cause, "'ollama'");
	free(cause);
	catalog_fini(&c);
}

/* build a scenario from "key=value" strings over the hardware keys */
static int
build(const Catalog *c, Setup *st, const char *const *kv, Scenario *s)
{
	char *cause = NULL, *notes = NULL;
	for (int i = 0; kv[i]; i++) {
		char key[64];
		const char *eq = strchr(kv[i], '=');
		snprintf(key, sizeof key, "%.*s", (int)(eq - kv[i]), kv[i]);
		if (setup_set(st, key, eq + 1, &cause) != 0) {
			test_fail(__FILE__, __LINE__, "setup %s: %s", kv[i], cause);
			free(cause);
			return -1;
		}
	}
	if (setup_build(c, st, s, &notes, &cause) != 0) {
		test_fail(__FILE__, __LINE__, "build: %s", cause);
		free(cause);
		return -1;
	}
	free(notes);
	return 0;
}

static int
eff_len(const Scenario *s)
{
	return s->workload.max_model_len ? s->workload.max_model_len :
	    s->workload.input_len + s->workload.output_len;
}

static int n_round_trips;

static void
round_trip(const Catalog *c, const char *model, EngineId e, const char *const *layout, const char *label)
{
	Scenario *a = calloc(1, sizeof *a), *b = calloc(1, sizeof *b);
	Setup st, st2;
	EngineRead r;
	char *cause = NULL, *text = NULL;
	char mkv[96], rkv[64], epkv[32];
	const char *kv[16];
	int n = 0;

	setup_init(&st);
	setup_init(&st2);
	snprintf(mkv, sizeof mkv, "model=%s", model);
	snprintf(rkv, sizeof rkv, "runtime=%s", engine_def(e)->runtime);
	kv[n++] = mkv;
	kv[n++] = rkv;
	int hw = n;
	for (int i = 0; layout[i]; i++)
		kv[n++] = layout[i];
	kv[n] = NULL;
	if (build(c, &st, kv, a) != 0)
		goto out;
	/* MoE: expert parallel over the TP x DP group (vLLM's only EP) */
	if (a->model.n_experts > 0) {
		snprintf(epkv, sizeof epkv, "ep=%d", a->strategy.tp * a->strategy.dp);
		kv[n++] = epkv;
		kv[n] = NULL;
		setup_fini(&st);
		setup_init(&st);
		if (build(c, &st, kv, a) != 0)
			goto out;
	}
	text = engine_emit(c, a, e, &cause);
	if (!text) {
		test_fail(__FILE__, __LINE__, "%s %s %s: %s", model, engine_def(e)->name, label, cause);
		goto out;
	}
	if (engine_read(c, text, &r, &cause) != 0) {
		test_fail(__FILE__, __LINE__, "%s %s %s: read back: %s\n%s", model, engine_def(e)->name,
		    label, cause, text);
		goto out;
	}
	/* the same hardware, then the command's keys as --from-command applies them */
	const char *hwkv[8];
	int m = 0;
	for (int i = hw; layout[i - hw] && m < 7; i++)
		if (strncmp(layout[i - hw], "cluster=", 8) == 0 || strncmp(layout[i - hw], "gpu", 3) == 0 ||
		    strncmp(layout[i - hw], "nodes=", 6) == 0)
			hwkv[m++] = layout[i - hw];
	hwkv[m] = NULL;
	SetupEdit ed;
	setup_edit_init(&ed);
	for (int i = 0; hwkv[i]; i++) {
		char key[64];
		const char *eq = strchr(hwkv[i], '=');
		snprintf(key, sizeof key, "%.*s", (int)(eq - hwkv[i]), hwkv[i]);
		setup_apply(&st2, &ed, key, eq + 1, 0, &cause);
	}
	int rc = setup_apply(&st2, &ed, "runtime", engine_def(r.engine)->runtime, 0, &cause);
	for (int i = 0; i < r.n_keys && rc == 0; i++)
		rc = setup_apply(&st2, &ed, param_def(r.keys[i].key)->name, r.keys[i].text, 0, &cause);
	setup_edit_finish(&st2, &ed);
	char *notes = NULL;
	if (rc != 0 || setup_build(c, &st2, b, &notes, &cause) != 0) {
		test_fail(__FILE__, __LINE__, "%s %s %s: %s", model, engine_def(e)->name, label, cause);
		engine_read_free(&r);
		goto out;
	}
	free(notes);
	engine_read_free(&r);
	n_round_trips++;
#define SAME(f) do { if ((a->f) != (b->f)) test_fail(__FILE__, __LINE__, "%s %s %s: " #f " %g -> %g\n%s", \
	model, engine_def(e)->name, label, (double)(a->f), (double)(b->f), text); } while (0)
	SAME(strategy.tp);
	SAME(strategy.pp);
	SAME(strategy.dp);
	SAME(strategy.ep);
	SAME(strategy.ep_redundant);
	SAME(strategy.ep_mode);
	SAME(strategy.weight_dtype);
	SAME(strategy.kv_dtype);
	SAME(strategy.act_dtype);
	SAME(workload.batch);
	SAME(workload.max_batched_tokens);
	SAME(runtime.mem_fraction);
	SAME(runtime.mode);
	SAME(cluster.nodes);
	SAME(cluster.gpus_per_node);
#undef SAME
	if (eff_len(a) != eff_len(b) || strcmp(a->model.name, b->model.name) != 0 ||
	    strcmp(a->runtime.name, b->runtime.name) != 0)
		test_fail(__FILE__, __LINE__, "%s %s %s: model %s/%s runtime %s/%s len %d/%d", model,
		    engine_def(e)->name, label, a->model.name, b->model.name, a->runtime.name, b->runtime.name,
		    eff_len(a), eff_len(b));
out:
	free(text);
	free(cause);
	setup_fini(&st);
	setup_fini(&st2);
	free(a);
	free(b);
}

TEST(engine_round_trip_every_model)
{
	static const char *const tp8[] = { "cluster=h100x8", "tp=8", "pp=1", "dp=1", NULL };
	static const char *const tp4dp2[] = { "cluster=h100x8", "tp=4", "pp=1", "dp=2", "batch=64",
		"max_batched_tokens=4096", NULL };
	static const char *const tp2pp2[] = { "gpu=h100-sxm", "nodes=2", "gpus_per_node=2", "tp=2", "pp=2",
		"dp=1", "mem_util=0.8", NULL };
	static const char *const fp8[] = { "cluster=h100x8", "tp=8", "dtype=fp8", "kv_dtype=fp8", NULL };
	Catalog c;
	char **names;

	catalog_init(&c);
	int n = catalog_list(&c, PRESET_MODEL, &names);
	EXPECT_TRUE(n >= 13);
	n_round_trips = 0;
	for (int i = 0; i < n; i++)
		for (int e = 0; e < ENGINE_COUNT; e++) {
			if (engine_def((EngineId)e)->read_only)
				continue;
			round_trip(&c, names[i], (EngineId)e, tp8, "TP8");
			round_trip(&c, names[i], (EngineId)e, tp4dp2, "TP4xDP2");
			round_trip(&c, names[i], (EngineId)e, tp2pp2, "TP2xPP2 on 2 nodes");
			if (e != ENGINE_TRTLLM)     /* TensorRT-LLM: dtypes are the checkpoint's */
				round_trip(&c, names[i], (EngineId)e, fp8, "fp8 weights and KV");
		}
	/* 13 models x (3 engines x 3 layouts + 2 engines x fp8) */
	EXPECT_EQ(n_round_trips, n * 11);
	catalog_list_free(names, n);
	catalog_fini(&c);
}

/* Attention DP with wide EP (SGLang --enable-dp-attention --moe-a2a-backend
 * deepep --deepep-mode --ep-num-redundant-experts; vLLM --all2all-backend
 * --enable-eplb --eplb-config): DeepSeek-V3 over 4 nodes, each ep_mode, with
 * EPLB's redundant experts, out and back.  TensorRT-LLM sets attention DP
 * in the LLM-API YAML (round-tripped through the file --emit writes) and its
 * MoE load balancer and all-to-all in moe_config (not written). */
TEST(engine_round_trip_wide_ep)
{
	static const char *const modes[] = { "ep_mode=auto", "ep_mode=normal", "ep_mode=low_latency",
		"ep_mode=a2a" };
	Catalog c;

	catalog_init(&c);
	n_round_trips = 0;
	for (int m = 0; m < 4; m++) {
		const char *const layout[] = { "gpu=h100-sxm", "nodes=4", "gpus_per_node=8", "tp=1", "dp=32",
			"ep_redundant=32", modes[m], "batch=64", NULL };
		round_trip(&c, "deepseek-v3", ENGINE_SGLANG, layout, modes[m]);
		round_trip(&c, "deepseek-v3", ENGINE_VLLM, layout, modes[m]);
	}
	/* TensorRT-LLM attention DP: one --tp_size world with enable_attention_dp
	 * in the YAML --emit writes; one node and two */
	static const char *const adp8[] = { "cluster=h200x8", "tp=1", "dp=8", NULL };
	static const char *const adp16[] = { "gpu=h100-sxm", "nodes=2", "gpus_per_node=8", "tp=1", "dp=16", NULL };
	round_trip(&c, "deepseek-v3", ENGINE_TRTLLM, adp8, "ADP 8");
	round_trip(&c, "deepseek-v3", ENGINE_TRTLLM_BENCH, adp8, "ADP 8");
	round_trip(&c, "deepseek-v3", ENGINE_TRTLLM, adp16, "ADP 16 on 2 nodes");
	EXPECT_EQ(n_round_trips, 11);
	catalog_fini(&c);
}
