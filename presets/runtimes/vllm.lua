-- vLLM, V1 engine. Defaults read from vllm-project/vllm source (vllm/config/cache.py,
-- vllm/engine/arg_utils.py) as stored in the code index.
return {
  kind = "runtime",
  name = "vllm",
  description = "vLLM (V1 engine)",
  -- vLLM budgets against TOTAL device memory: requested = total_gpu_memory * gpu_memory_utilization,
  -- KV cache = requested - weights - peak activations - non-torch memory (- CUDA graphs in recent
  -- versions, which log "Estimated CUDA graph memory"). Log line:
  -- "total_gpu_memory (79.19GiB) x gpu_memory_utilization (0.90) = ...; model weights take ...;
  -- non_torch_memory takes ...; PyTorch activation peak memory takes ...; the rest ... KV Cache".
  memory_mode = "total",
  -- vllm/config/cache.py (current main in the index): CacheConfig.gpu_memory_utilization =
  -- Field(default=0.92, gt=0, le=1), docstring "If unspecified, will use the default value of 0.92".
  -- Earlier releases used 0.90 (vllm/engine/arg_utils.py: EngineArgs.gpu_memory_utilization: float
  -- = 0.90; vllm-project/vllm issue #1018). Set 0.90 to model an older vLLM.
  mem_fraction = 0.92,
  -- pytorch/pytorch issue #107667 (ptrblck): the CUDA context takes ~300 MB since CUDA 11.7 lazy
  -- module loading; vLLM TP=1 logs show non_torch_memory 0.12-0.35 GiB on top of that (cuBLAS
  -- workspace etc.; e.g. the "non_torch_memory takes 0.26GiB" lines on 80 GB GPUs).
  -- vllm-project/vllm issue #12059: the profiler's baseline excludes the context, so count it here.
  cuda_context_bytes = 0.5e9,
  -- vLLM logs "Graph capturing finished in N secs, took X GiB": 0.21 GiB for Llama-3.2-1B
  -- (vllm-project/vllm PR #11349), 0.31 GiB and 0.96 GiB (estimated 1.10 GiB) in other public logs
  -- found via code search. 1 GB is the upper end for a dense model at default capture sizes.
  cuda_graph_bytes = 1.0e9,
  -- vllm-project/vllm PR #10511 (Llama-3-8B, 79.22 GiB GPU): non_torch_memory 1.79 GiB at TP=1 vs
  -- 3.58 GiB at TP=2 -> +1.79 GiB (= 1.92e9 bytes) of NCCL + custom all-reduce buffers per GPU.
  -- (vllm-project/vllm issue #10702 shows 5.2-5.7 GiB non_torch_memory at TP=8 on H200, V0 engine.)
  comm_buffer_bytes = 1.9e9,
  -- vllm/config/cache.py: CacheConfig.DEFAULT_BLOCK_SIZE: ClassVar[int] = 16 (block_size None -> 16).
  kv_block_tokens = 16,
  -- vllm/engine/arg_utils.py EngineArgs.get_batch_defaults: for GPUs with >= 70 GiB and not A100
  -- ("For GPUs like H100 and MI300x"): max_num_batched_tokens LLM_CLASS 16384 / OPENAI_API_SERVER
  -- 8192, max_num_seqs 1024 / 1024; otherwise (A100, L4, L40S, T4...) 8192 / 2048 and 256 / 256.
  -- Values below are the OpenAI API server on an H100-class GPU.
  max_num_batched_tokens = 8192,
  max_num_seqs = 1024,
  -- Per-kernel floor with CUDA graphs: from memory of NVIDIA Technical Blog "Getting Started with
  -- CUDA Graphs" (2019): a ~2.9 us kernel costs ~3.4 us per kernel inside a graph (vs ~3.8 us with
  -- plain stream launches); sgl-project/sglang PR #2904 measures the smallest custom all-reduce
  -- kernels on H100 at 3.7-5.9 us.
  kernel_floor_s = 4e-6,
  -- KV-cache dtypes: vllm/config/cache.py CacheDType = Literal["auto", "bfloat16", "fp8",
  -- "fp8_e4m3", "fp8_e5m2", "fp8_inc", "fp8_ds_mla"] (--kv-cache-dtype); "auto" is the model's
  -- dtype (16 or 32 bits). No int8 or int4 KV cache.
  kv_dtypes = { "bf16", "fp16", "fp32", "fp8" },
  -- vLLM V1 (>= 0.21): CUDA-graph memory is profiled inside the KV budget ("CUDA graph memory
  -- profiling is enabled (default since v0.21.0)", vLLM 0.27.1 log in gpustack/runner PR #251).
  version = "0.21",
  cuda_graph_profiled = true,
  -- V1 default attention backend on Ampere/Hopper: FLASH_ATTN (vllm/v1/attention/backends/
  -- flash_attn.py, split-KV decode sharing each KV head across its query heads).
  attention_kernel = "flash-attn",
  -- Decode attention (latency.c attention/attn_bw): achievable HBM fraction of a large launch, and
  -- the KV tokens per launch (all sequences) where half of it is reached, i.e. a fixed cost per
  -- launch of that many tokens' reading. ESTIMATES, fitted by calibrate (calib-params.c):
  -- FlashInfer (Ye et al., arXiv 2501.01005, sec. 5) reports decode attention near the bandwidth
  -- roofline at long contexts and far below it at short ones; FlashAttention-2 (Dao, arXiv
  -- 2307.08691, sec. 4) reaches 50-73% of A100 peak in the forward pass (prefill attention).
  attn_bw_fraction = 0.80,
  attn_ctx_half = 2048,
  attn_compute_fraction = 0.60,
  -- Host costs (latency.c latency_run). ESTIMATES, fitted by calibrate: no per-step figure for V1
  -- was found; TensorRT-LLM's PyExecutor exposes ~580 us/iter of host work (NVIDIA/TensorRT-LLM
  -- issue #13957, where vLLM 0.20.1 is faster), V1 overlaps scheduling with the GPU (async
  -- scheduling), so 0.3 ms per step; per running sequence ~10 us (openfabric-systems/simllm PR
  -- #204: vLLM's scheduler costs 12.7 us per request at the cap on a CPU build; most of it overlaps the GPU in V1, so 2 us); per request 3 ms for the
  -- OpenAI server's tokenization and first scheduling (vLLM blog 2024-09-05: the API server took
  -- 33% of execution time before v0.6).
  step_overhead_s = 0.3e-3,
  seq_overhead_s = 2e-6,
  request_overhead_s = 3e-3,
  cuda_graphs = true,
  -- --enforce-eager: one PyTorch launch per kernel, ESTIMATE 10 us (NVIDIA "Getting Started with
  -- CUDA Graphs" (2019): stream launches cost more than graph replays; Python op dispatch on top).
  eager_launch_s = 10e-6,
  -- vllm/distributed/device_communicators/custom_all_reduce.py: max_size = 8192 * 1024.
  custom_ar_max_bytes = 8388608,
  -- EP all-to-all in 16 bits by default (VLLM_ALL2ALL_BACKEND allgather_reducescatter / naive);
  -- set true for the deepep_low_latency backend (fp8 dispatch, bf16 combine).
  ep_dispatch_fp8 = false,
  -- most-loaded EP rank: sigmas of uniform-routing spread (1 = uniform); calibrate fits it.
  moe_imbalance = 1,
  -- Grouped MoE GEMM (Triton fused_moe with the engine's tuned per-GPU configs) against the dense
  -- GEMMs' rate: a tuned Triton fused MoE reaches "523 TFLOPS inference" on H100 for the
  -- Qwen3-30B-A3B expert shape (linkedin/Liger-Kernel PR #1294) vs the 794.5 TFLOPS dense MAMF:
  -- 0.66. Untuned kernels sit far lower (ByteDance-Seed/VeOmni PR #460: 215 TFLOP/s; MoE marlin
  -- W4A16 254 TFLOPS, sgl-project/sglang PR #38884: 0.27-0.32). The default is the geometric mean of
  -- the two ends, 0.45, not fitted to any reference row; calibrate fits it.
  moe_gemm_efficiency = 0.45,
  -- kv_cache_dtype "fp8" on MLA stores 576 fp8 bytes per token (no scales); "fp8_ds_mla" (sparse
  -- FlashMLA) stores 656 with scales: set true for it.
  mla_fp8_scales = false,
}
