-- NVLink 5 through fourth-generation NVSwitch (HGX/DGX B200).
return {
  kind = "fabric",
  name = "nvlink5",
  description = "NVLink 5 through NVSwitch (B200, 18 links per GPU)",
  -- HGX B200 / Blackwell Architecture Technical Brief (2024): NVLink 5 1.8TB/s per GPU
  -- (bidirectional) -> 900 GB/s per direction (Vultr HGX B200 docs: "1.8 TB/s bidirectional",
  -- nvidia-smi topo "NV18").
  bytes_per_s = 900e9,
  -- vllm-project/vllm PR #37756 (B300/GB300, also NVLink 5): one-stage custom all-reduce 7-8 us
  -- for 16-64 KiB, 11 us at 512 KiB (pynccl 24-29 us).
  latency_s = 8e-6,
  -- samuel-bohman/AI-benchmarking-guide Azure_Results/ND_GB200_v6_results.md: NCCL all-reduce
  -- (Ring) busbw 679.6 GB/s at 8 GB -> 0.755 of 900.
  efficiency = 0.75,
  -- NOT MEASURED: NCCL per-call latency taken as nvlink4's (vLLM PR #24111 on H100, ~20 us).
  nccl_latency_s = 20e-6,
  -- NVLS on the NVLink 5 switch: ESTIMATE, nvlink4's busbw ratio (nccl-tests #290: 478/450).
  nvls_efficiency = 1.06,
  -- custom one-/two-shot all-reduce over NVLink (vLLM custom_all_reduce.py)
  custom_allreduce = true,
}
