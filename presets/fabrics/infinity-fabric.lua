-- AMD Infinity Fabric (xGMI) mesh between 8 MI300X OAMs, no switch.
return {
  kind = "fabric",
  name = "infinity-fabric",
  description = "AMD Infinity Fabric (xGMI) full mesh, 8x MI300X",
  -- MI300X: 7 Infinity Fabric links per GPU, 128 GB/s peak bidirectional per link = 64 GB/s per
  -- direction; 7 * 64 = 448 GB/s per GPU per direction (896 GB/s aggregate bidirectional).
  -- Sources: emergentmind MI300X survey ("up to 128 GB/s bidirectional per link and 448 GB/s
  -- aggregate"); gpu.blog MI300X spec page ("896 GB/s", "Fully-connected 8-GPU xGMI mesh"); from
  -- memory of the AMD Instinct MI300X data sheet (2023): "Peak Infinity Fabric Link Bandwidth
  -- 128 GB/s", 7 links. NOTE: a single GPU pair has only one link (64 GB/s per direction); 448 is
  -- reached only by collectives that use all 7 peers, as a ring/all-reduce across 8 GPUs does.
  bytes_per_s = 448e9,
  -- DERIVED ESTIMATE: in the same Azure harness (samuel-bohman/AI-benchmarking-guide) RCCL 1 KiB
  -- all-reduce busbw is 0.04 GB/s on ND MI300X v5 vs 0.07 GB/s on ND H100 v5 (~1.75x slower);
  -- scaled from the 10 us H100 figure (nvlink4.lua) -> ~18 us.
  latency_s = 18e-6,
  -- samuel-bohman/AI-benchmarking-guide Azure_Results/ND_MI300X_v5_results.md: RCCL all-reduce
  -- busbw 316.8 GB/s at 8 GB -> 316.8/448 = 0.71.
  efficiency = 0.71,
  -- vLLM's custom all-reduce runs on ROCm over xGMI peer access (custom_all_reduce.py supports
  -- ROCm; AMD "quick all-reduce" as well); no in-switch reduction (full mesh, no switch).
  custom_allreduce = true,
}
