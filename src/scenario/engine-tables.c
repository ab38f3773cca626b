/* engine-tables.c: the flag table of each serving engine, read by
 * --from-command and written by --emit (engine.h).  One row per flag
 * spelling; the row marked .emit is the one --emit writes for its key.
 * Flags not in a table are listed as ignored when read.
 *
 * Sources (flag names and meaning):
 *   vLLM v0.11: vllm/engine/arg_utils.py EngineArgs.add_cli_args
 *     (--tensor-parallel-size/-tp, --pipeline-parallel-size/-pp,
 *     --data-parallel-size/-dp, --enable-expert-parallel: EP = TP x DP,
 *     --max-model-len, --max-num-seqs, --max-num-batched-tokens,
 *     --gpu-memory-utilization, --dtype, --kv-cache-dtype,
 *     --quantization/-q, --enable-chunked-prefill,
 *     --distributed-executor-backend ray|mp) and docs
 *     serving/distributed_serving (multi-node: a Ray cluster, `ray start
 *     --head` / `ray start --address`, vllm serve on the head).
 *   SGLang v0.5: `sglang serve` (its log: "'python -m sglang.launch_server'
 *     is still supported, but 'sglang serve' is the recommended entrypoint";
 *     both are read), python/sglang/srt/server_args.py and docs
 *     advanced_features/server_arguments (--model-path, --tp-size/--tp,
 *     --pp-size, --dp-size/--dp, --ep-size/--ep, --context-length,
 *     --max-running-requests, --chunked-prefill-size,
 *     --mem-fraction-static, --dtype, --kv-cache-dtype fp8_e4m3|fp8_e5m2,
 *     --quantization, --nnodes/--node-rank/--dist-init-addr; speculative
 *     decoding --speculative-algorithm EAGLE|EAGLE3|NEXTN|STANDALONE,
 *     --speculative-draft-model-path, --speculative-num-steps,
 *     --speculative-eagle-topk, --speculative-num-draft-tokens (docs
 *     advanced_features/speculative_decoding); --disable-radix-cache;
 *     --enable-dp-attention: attention DP over --dp-size ranks of one
 *     --tp-size group, so attention TP = tp-size / dp-size (server_args.py
 *     enable_dp_attention; docs references/deepseek.md "Data Parallelism
 *     Attention")).
 *   vLLM speculative decoding: --speculative-config JSON of
 *     vllm/config/speculative.py SpeculativeConfig (method, model,
 *     num_speculative_tokens); --enable-prefix-caching (on by default in
 *     V1) / --no-enable-prefix-caching.
 *   TensorRT-LLM 0.18.2 .. 1.0: docs commands/trtllm-serve (MODEL,
 *     --tp_size, --pp_size, --ep_size, --max_batch_size, --max_num_tokens,
 *     --max_seq_len, --kv_cache_free_gpu_memory_fraction, --backend;
 *     dtypes come from the checkpoint or --extra_llm_api_options YAML) and
 *     commands/trtllm-bench (--model, throughput --tp --pp --ep
 *     --max_batch_size --max_num_tokens --max_seq_len
 *     --kv_cache_free_gpu_mem_fraction); multi-node: mpirun ...
 *     trtllm-llmapi-launch trtllm-serve.
 *   Wide EP: SGLang --moe-a2a-backend deepep (older --enable-deepep-moe;
 *     server_args.py sets ep_size = tp_size with it), --deepep-mode
 *     auto|normal|low_latency, --ep-num-redundant-experts (EPLB; docs
 *     advanced_features/expert_parallelism, sgl-project/sglang issue #6017);
 *     vLLM --all2all-backend deepep_high_throughput|deepep_low_latency|...
 *     (VLLM_ALL2ALL_BACKEND before), --enable-eplb, --eplb-config
 *     '{"num_redundant_experts": N}' (older --num-redundant-experts; docs
 *     serving/expert_parallel_deployment).  TensorRT-LLM's attention DP is
 *     enable_attention_dp in the --extra_llm_api_options YAML (no flag). */
#include "engine.h"

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

static const EngineFlag vllm_flags[] = {
	{ .flag = NULL, .arity = 1, .key = PARAM_MODEL, .conv = ECONV_MODEL, .emit = true },
	{ .flag = "--model", .arity = 1, .key = PARAM_MODEL, .conv = ECONV_MODEL },
	{ .flag = "--tensor-parallel-size", .alias = "-tp", .arity = 1, .key = PARAM_TP, .emit = true },
	{ .flag = "--pipeline-parallel-size", .alias = "-pp", .arity = 1, .key = PARAM_PP, .emit = true },
	{ .flag = "--data-parallel-size", .alias = "-dp", .arity = 1, .key = PARAM_DP, .emit = true },
	{ .flag = "--enable-expert-parallel", .alias = "-ep", .arity = 0, .key = PARAM_EP,
	  .conv = ECONV_EP_SWITCH, .emit = true },
	{ .flag = "--max-model-len", .arity = 1, .key = PARAM_MAX_MODEL_LEN, .emit = true },
	{ .flag = "--max-num-seqs", .arity = 1, .key = PARAM_BATCH, .emit = true },
	{ .flag = "--max-num-batched-tokens", .arity = 1, .key = PARAM_MAX_BATCHED_TOKENS, .emit = true },
	{ .flag = "--gpu-memory-utilization", .arity = 1, .key = PARAM_MEM_UTIL, .emit = true },
	{ .flag = "--dtype", .arity = 1, .key = PARAM_DTYPE, .conv = ECONV_DTYPE, .emit = true },
	{ .flag = "--quantization", .alias = "-q", .arity = 1, .key = PARAM_DTYPE, .conv = ECONV_QUANT,
	  .emit = true },
	{ .flag = "--kv-cache-dtype", .arity = 1, .key = PARAM_KV_DTYPE, .conv = ECONV_KV_DTYPE, .emit = true,
	  .value = "fp8" },
	{ .flag = "--enable-chunked-prefill", .arity = 0, .conv = ECONV_CHUNKED, .value = "on" },
	{ .flag = "--no-enable-chunked-prefill", .arity = 0, .conv = ECONV_CHUNKED, .value = "off" },
	{ .flag = "--distributed-executor-backend", .arity = 1, .conv = ECONV_CONTEXT },
	{ .flag = "--data-parallel-backend", .arity = 1, .conv = ECONV_CONTEXT },
	/* multi-node wiring (multiprocessing backend, DP over nodes): read, not
	 * scenario keys; the cluster comes from --cluster/--gpu */
	{ .flag = "--nnodes", .alias = "-n", .arity = 1, .conv = ECONV_CONTEXT },
	{ .flag = "--node-rank", .alias = "-r", .arity = 1, .conv = ECONV_CONTEXT },
	{ .flag = "--master-addr", .arity = 1, .conv = ECONV_CONTEXT },
	{ .flag = "--master-port", .arity = 1, .conv = ECONV_CONTEXT },
	{ .flag = "--headless", .arity = 0, .conv = ECONV_CONTEXT },
	{ .flag = "--data-parallel-size-local", .alias = "-dpl", .arity = 1, .conv = ECONV_CONTEXT },
	{ .flag = "--data-parallel-address", .alias = "-dpa", .arity = 1, .conv = ECONV_CONTEXT },
	{ .flag = "--data-parallel-rpc-port", .alias = "-dpp", .arity = 1, .conv = ECONV_CONTEXT },
	{ .flag = "--data-parallel-start-rank", .alias = "-dpr", .arity = 1, .conv = ECONV_CONTEXT },
	{ .flag = "--speculative-config", .arity = 1, .key = PARAM_SPEC_TOKENS, .conv = ECONV_SPEC_CONFIG,
	  .emit = true },
	{ .flag = "--enable-prefix-caching", .arity = 0, .conv = ECONV_CONTEXT },
	{ .flag = "--no-enable-prefix-caching", .arity = 0, .key = PARAM_PREFIX_HIT, .conv = ECONV_PREFIX_OFF,
	  .emit = true },
	{ .flag = "--all2all-backend", .arity = 1, .key = PARAM_EP_MODE, .conv = ECONV_VLLM_A2A, .emit = true },
	{ .flag = "--enable-eplb", .arity = 0, .key = PARAM_EP_REDUNDANT, .conv = ECONV_EPLB, .emit = true },
	{ .flag = "--eplb-config", .arity = 1, .key = PARAM_EP_REDUNDANT, .conv = ECONV_EPLB_CONFIG,
	  .emit = true },
	{ .flag = "--num-redundant-experts", .arity = 1, .key = PARAM_EP_REDUNDANT },
};

static const EngineFlag sglang_flags[] = {
	{ .flag = "--model-path", .alias = "--model", .arity = 1, .key = PARAM_MODEL, .conv = ECONV_MODEL,
	  .emit = true },
	{ .flag = "--tp-size", .alias = "--tp", .arity = 1, .key = PARAM_TP, .conv = ECONV_TP_TOTAL,
	  .emit = true },
	{ .flag = "--tensor-parallel-size", .arity = 1, .key = PARAM_TP, .conv = ECONV_TP_TOTAL },
	{ .flag = "--enable-dp-attention", .arity = 0, .key = PARAM_DP, .conv = ECONV_DP_ATTENTION,
	  .emit = true },
	{ .flag = "--pp-size", .alias = "--pipeline-parallel-size", .arity = 1, .key = PARAM_PP, .emit = true },
	{ .flag = "--dp-size", .alias = "--dp", .arity = 1, .key = PARAM_DP, .emit = true },
	{ .flag = "--data-parallel-size", .arity = 1, .key = PARAM_DP },
	{ .flag = "--ep-size", .alias = "--ep", .arity = 1, .key = PARAM_EP, .emit = true },
	{ .flag = "--expert-parallel-size", .arity = 1, .key = PARAM_EP },
	{ .flag = "--context-length", .arity = 1, .key = PARAM_MAX_MODEL_LEN, .emit = true },
	{ .flag = "--max-running-requests", .arity = 1, .key = PARAM_BATCH, .emit = true },
	{ .flag = "--chunked-prefill-size", .arity = 1, .key = PARAM_MAX_BATCHED_TOKENS, .emit = true },
	{ .flag = "--mem-fraction-static", .arity = 1, .key = PARAM_MEM_UTIL, .emit = true },
	{ .flag = "--dtype", .arity = 1, .key = PARAM_DTYPE, .conv = ECONV_DTYPE, .emit = true },
	{ .flag = "--quantization", .arity = 1, .key = PARAM_DTYPE, .conv = ECONV_QUANT, .emit = true },
	{ .flag = "--kv-cache-dtype", .arity = 1, .key = PARAM_KV_DTYPE, .conv = ECONV_KV_DTYPE, .emit = true,
	  .value = "fp8_e4m3" },
	{ .flag = "--nnodes", .arity = 1, .conv = ECONV_CONTEXT },
	{ .flag = "--node-rank", .arity = 1, .conv = ECONV_CONTEXT },
	{ .flag = "--dist-init-addr", .arity = 1, .conv = ECONV_CONTEXT },
	{ .flag = "--speculative-algorithm", .alias = "--speculative-algo", .arity = 1,
	  .key = PARAM_SPEC_METHOD, .conv = ECONV_SPEC_ALGO, .emit = true },
	{ .flag = "--speculative-draft-model-path", .alias = "--speculative-draft", .arity = 1,
	  .key = PARAM_SPEC_MODEL, .conv = ECONV_SPEC_MODEL, .emit = true },
	{ .flag = "--speculative-num-steps", .arity = 1, .key = PARAM_SPEC_TOKENS, .emit = true },
	{ .flag = "--speculative-eagle-topk", .arity = 1, .key = PARAM_SPEC_TOKENS, .conv = ECONV_SPEC_NOTE,
	  .emit = true, .value = "1" },
	{ .flag = "--speculative-num-draft-tokens", .arity = 1, .key = PARAM_SPEC_TOKENS,
	  .conv = ECONV_SPEC_NOTE, .emit = true },
	{ .flag = "--disable-radix-cache", .arity = 0, .key = PARAM_PREFIX_HIT, .conv = ECONV_PREFIX_OFF,
	  .emit = true },
	{ .flag = "--moe-a2a-backend", .arity = 1, .key = PARAM_EP_MODE, .conv = ECONV_A2A_BACKEND,
	  .emit = true },
	{ .flag = "--enable-deepep-moe", .arity = 0, .key = PARAM_EP_MODE, .conv = ECONV_A2A_BACKEND,
	  .value = "deepep" },
	{ .flag = "--deepep-mode", .arity = 1, .key = PARAM_EP_MODE, .emit = true },
	{ .flag = "--ep-num-redundant-experts", .arity = 1, .key = PARAM_EP_REDUNDANT, .emit = true },
};

static const EngineFlag trtllm_flags[] = {
	{ .flag = NULL, .arity = 1, .key = PARAM_MODEL, .conv = ECONV_MODEL, .emit = true },
	{ .flag = "--tp_size", .arity = 1, .key = PARAM_TP, .emit = true },
	{ .flag = "--pp_size", .arity = 1, .key = PARAM_PP, .emit = true },
	{ .flag = "--ep_size", .arity = 1, .key = PARAM_EP, .emit = true },
	{ .flag = "--max_seq_len", .arity = 1, .key = PARAM_MAX_MODEL_LEN, .emit = true },
	{ .flag = "--max_batch_size", .arity = 1, .key = PARAM_BATCH, .emit = true },
	{ .flag = "--max_num_tokens", .arity = 1, .key = PARAM_MAX_BATCHED_TOKENS, .emit = true },
	{ .flag = "--kv_cache_free_gpu_memory_fraction", .arity = 1, .key = PARAM_MEM_UTIL, .emit = true },
	{ .flag = "--backend", .arity = 1, .conv = ECONV_CONTEXT },
	{ .flag = "--gpus_per_node", .arity = 1, .conv = ECONV_CONTEXT },
	{ .flag = "--extra_llm_api_options", .arity = 1, .conv = ECONV_TRT_YAML, .emit = true },
};

static const EngineFlag trtllm_bench_flags[] = {
	{ .flag = "--model", .alias = "-m", .arity = 1, .key = PARAM_MODEL, .conv = ECONV_MODEL, .emit = true },
	{ .flag = "--tp", .arity = 1, .key = PARAM_TP, .emit = true },
	{ .flag = "--pp", .arity = 1, .key = PARAM_PP, .emit = true },
	{ .flag = "--ep", .arity = 1, .key = PARAM_EP, .emit = true },
	{ .flag = "--max_seq_len", .arity = 1, .key = PARAM_MAX_MODEL_LEN, .emit = true },
	{ .flag = "--max_batch_size", .arity = 1, .key = PARAM_BATCH, .emit = true },
	{ .flag = "--max_num_tokens", .arity = 1, .key = PARAM_MAX_BATCHED_TOKENS, .emit = true },
	{ .flag = "--kv_cache_free_gpu_mem_fraction", .arity = 1, .key = PARAM_MEM_UTIL, .emit = true },
	{ .flag = "--backend", .arity = 1, .conv = ECONV_CONTEXT },
	{ .flag = "--dataset", .arity = 1, .conv = ECONV_CONTEXT },
	{ .flag = "--extra_llm_api_options", .arity = 1, .conv = ECONV_TRT_YAML, .emit = true },
};

static const EngineDef engine_table[ENGINE_COUNT] = {
	[ENGINE_VLLM] = { .name = "vllm", .label = "vLLM v0.11", .command = "vllm serve",
		.module = "vllm.entrypoints.openai.api_server", .flags = vllm_flags,
		.n_flags = N(vllm_flags), .runtime = "vllm" },
	[ENGINE_SGLANG] = { .name = "sglang", .label = "SGLang v0.5",
		.command = "sglang serve", .module = "sglang.launch_server",
		.flags = sglang_flags, .n_flags = N(sglang_flags), .runtime = "sglang" },
	[ENGINE_TRTLLM] = { .name = "trtllm", .label = "TensorRT-LLM 1.0", .command = "trtllm-serve",
		.flags = trtllm_flags, .n_flags = N(trtllm_flags), .runtime = "trtllm" },
	[ENGINE_TRTLLM_BENCH] = { .name = "trtllm-bench", .label = "TensorRT-LLM 1.0 trtllm-bench",
		.command = "trtllm-bench", .flags = trtllm_bench_flags, .n_flags = N(trtllm_bench_flags),
		.runtime = "trtllm", .read_only = true },
};

const EngineDef *
engine_def(EngineId id)
{
	return &engine_table[id];
}
