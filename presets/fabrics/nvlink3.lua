-- NVLink 3 through second-generation NVSwitch (HGX/DGX A100).
return {
  kind = "fabric",
  name = "nvlink3",
  description = "NVLink 3 through NVSwitch (A100 SXM, 12 links per GPU)",
  -- NVIDIA A100 Tensor Core GPU Datasheet (2021): "NVLink: 600GB/s" (bidirectional) -> 300 GB/s
  -- per GPU per direction.
  bytes_per_s = 300e9,
  -- NOT DIRECTLY SOURCED: no small-message A100 all-reduce latency with custom all-reduce was found.
  -- ESTIMATE: the Azure harness (samuel-bohman/AI-benchmarking-guide ND_A100_v4 vs ND_H100_v5,
  -- 1 KiB busbw 0.04 vs 0.07 GB/s) puts A100 at ~1.75x the H100 small-message time; scaled from the
  -- 10 us H100 figure (nvlink4.lua) and rounded down to 15 us.
  latency_s = 15e-6,
  -- samuel-bohman/AI-benchmarking-guide Azure_Results/ND_A100_v4_results.md: NCCL all-reduce busbw
  -- 231.6 GB/s at 8 GB -> 0.77 of 300; NVIDIA/nccl-tests issue #149 (HPE 8x A100-SXM4-80GB):
  -- ~200 GB/s -> 0.67. 0.75 between the two.
  efficiency = 0.75,
  -- NVSwitch gen 2 (A100) has no NVLink SHARP: ring only for NCCL. NCCL per-call latency:
  -- NOT MEASURED on A100, taken as nvlink4's (vLLM PR #24111, ~20 us).
  nccl_latency_s = 20e-6,
  -- custom one-/two-shot all-reduce over NVLink (vLLM custom_all_reduce.py)
  custom_allreduce = true,
}
