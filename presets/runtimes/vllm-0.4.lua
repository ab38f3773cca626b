-- vLLM 0.4 (V0 engine, 2024): vllm.lua with the memory rules, kernels and host costs of that
-- release. Every field not set here is vllm.lua's (extends, docs/PRESET-FORMAT.md).
return {
  kind = "runtime",
  name = "vllm-0.4",
  extends = "vllm",
  description = "vLLM 0.4 (V0 engine, legacy paged attention)",
  -- Earlier releases used 0.90 (vllm/engine/arg_utils.py: EngineArgs.gpu_memory_utilization: float
  -- = 0.90; vllm-project/vllm issue #1018).
  mem_fraction = 0.90,
  version = "0.4",
  -- CUDA graphs were captured after the KV cache was sized, from the (1 - utilization) slack
  -- (vllm-project/vllm issue #17549; PR #21489: "The estimation does not include CUDAGraph memory")
  cuda_graph_profiled = false,
  -- V0 decode ran the legacy paged_attention_v1/v2 kernels (csrc/attention/attention_kernels.cu:
  -- one thread block per query head and sequence), so each KV head is read a_q/a_kv times.
  attention_kernel = "paged-v1",
  -- V0 host costs: vllm-project/vllm issue #6854 (multi-step RFC): "GPU is often idle, waiting for
  -- CPU operations (5-13ms of GPU bubble)", ~4 ms per decode in its traces; issue #6913:
  -- _process_model_outputs 0.2 ms at batch 1, 3.4 ms at batch 32 (~0.1 ms per sequence).
  step_overhead_s = 2e-3,
  seq_overhead_s = 0.1e-3,
}
