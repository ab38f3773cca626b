-- TensorRT-LLM (LLM API / trtllm-serve, PyTorch backend). Defaults from NVIDIA/TensorRT-LLM docs
-- and tensorrt_llm/llmapi/llm_args.py as stored in the code index.
return {
  kind = "runtime",
  name = "trtllm",
  description = "TensorRT-LLM (LLM API / trtllm-serve)",
  -- NVIDIA/TensorRT-LLM docs/source/examples/kvcacheconfig.md: "The default value for
  -- free_gpu_memory_fraction is 0.9, which means TensorRT-LLM tries to allocate 90% of free GPU
  -- memory (after loading weights) for KV cache." trtllm-serve flag: --kv_cache_free_gpu_memory_fraction
  -- ("Free GPU memory fraction reserved for KV Cache, after allocating model weights and buffers").
  memory_mode = "free",
  mem_fraction = 0.9,
  -- pytorch/pytorch issue #107667: ~300 MB CUDA context (CUDA >= 11.7) plus workspaces; same as vllm.lua.
  cuda_context_bytes = 0.5e9,
  -- NOT SOURCED: no TensorRT-LLM CUDA-graph memory figure was found. ESTIMATE, same order as the
  -- vLLM/SGLang figures (0.2-1.1 GiB).
  cuda_graph_bytes = 1.0e9,
  -- NOT SOURCED: ESTIMATE for NCCL + custom all-reduce workspaces when TP > 1 (SGLang reserves
  -- 1 GiB at TP=8, vLLM measures ~1.8 GiB extra at TP=2).
  comm_buffer_bytes = 1.0e9,
  -- tensorrt_llm/llmapi/llm_args.py KvCacheConfig: tokens_per_block: int = Field(default=32,
  -- description="The number of tokens per block."). (TensorRT-engine builds: plugin_config
  -- _tokens_per_block default 64.)
  kv_block_tokens = 32,
  -- trtllm-serve command reference (TensorRT-LLM docs, mintlify mirror): --max_num_tokens default
  -- 8192, --max_batch_size default 256.
  max_num_batched_tokens = 8192,
  max_num_seqs = 256,
  -- Same per-kernel floor as vllm.lua (from memory of NVIDIA "Getting Started with CUDA Graphs" (2019)).
  kernel_floor_s = 4e-6,
  -- KV-cache dtypes: the model's own, FP8 KV cache (KvCacheConfig(dtype='fp8')) and INT8 KV
  -- cache (TensorRT-LLM docs, features/quantization: "INT8 KV Cache"; kv_cache_quant_algo INT8).
  -- NVFP4 KV cache exists too, but shardlab has no fp4 dtype. No int4.
  kv_dtypes = { "bf16", "fp16", "fp32", "fp8", "int8" },
  version = "1.0",
  -- XQA for GQA/MQA decode (TensorRT-LLM docs, "XQA optimization": one CTA per KV head group)
  attention_kernel = "xqa",
  -- Decode attention (latency.c attention/attn_bw): achievable HBM fraction of a large launch, and
  -- the KV tokens per launch (all sequences) where half of it is reached, i.e. a fixed cost per
  -- launch of that many tokens' reading. ESTIMATES, fitted by calibrate (calib-params.c):
  -- FlashInfer (Ye et al., arXiv 2501.01005, sec. 5) reports decode attention near the bandwidth
  -- roofline at long contexts and far below it at short ones; FlashAttention-2 (Dao, arXiv
  -- 2307.08691, sec. 4) reaches 50-73% of A100 peak in the forward pass (prefill attention).
  attn_bw_fraction = 0.80,
  attn_ctx_half = 2048,
  attn_compute_fraction = 0.60,
  -- Host costs: NVIDIA/TensorRT-LLM issue #13957: PyExecutor "exposes ~580 µs/iter of host
  -- overhead as GPU idle" (Llama-3.1-8B FP8, B200, conc 64). Per sequence 1 us and per request
  -- 1 ms: ESTIMATES, fitted by calibrate.
  step_overhead_s = 0.58e-3,
  seq_overhead_s = 1e-6,
  request_overhead_s = 1e-3,
  cuda_graphs = true,
  eager_launch_s = 10e-6,
  -- TensorRT-LLM custom all-reduce (one-shot/two-shot kernels inherited from FasterTransformer):
  -- CUSTOM_AR_SIZE_THRESHOLD 50331648 (48 MiB), kernels/customAllReduceKernels.
  custom_ar_max_bytes = 50331648,
  -- wide-EP / DeepEP in TensorRT-LLM is opt-in; default all-to-all in 16 bits
  ep_dispatch_fp8 = false,
  moe_imbalance = 1,
  -- Grouped MoE GEMM: CUTLASS grouped kernels (cpp/tensorrt_llm/kernels/mixtureOfExperts); NOT
  -- MEASURED: no published figure found, so 1 = as efficient as the dense GEMMs (calibrate fits it).
  moe_gemm_efficiency = 1,
  -- the KV fraction is of memory free after everything else (kv_cache_free_gpu_mem_fraction)
  cuda_graph_profiled = true,
  mla_fp8_scales = false,
}
