-- TensorRT-LLM as trtllm-bench runs it (throughput subcommand, PyTorch backend): trtllm.lua with
-- trtllm-bench's own batch cap. No HTTP server: the per-request cost is the LLM API's only.
-- Every field not set here is trtllm.lua's (extends, docs/PRESET-FORMAT.md).
return {
  kind = "runtime",
  name = "trtllm-bench",
  extends = "trtllm",
  description = "TensorRT-LLM trtllm-bench throughput (batch cap up to 4096)",
  -- trtllm-bench sizes the batch itself: tensorrt_llm/bench/build/tuning.py finetune_setting:
  -- "raw_bs = min(kv_cache_max_requests, 4096) / pp_size" (rounded up to 256s above 1024); with
  -- fp8 KV an 8-GPU H100 node reaches the 4096 cap. max_num_tokens there is min(raw_bs * (1 +
  -- ISL/OSL), 32768); 8192 is kept here as the TTFT-relevant chunk.
  max_num_seqs = 4096,
}
