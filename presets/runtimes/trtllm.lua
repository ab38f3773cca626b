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
}
