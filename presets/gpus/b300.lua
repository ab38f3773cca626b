-- NVIDIA B300 (HGX B300, Blackwell Ultra).  Peak figures: "NVIDIA HGX B300" datasheet (2025),
-- 8-GPU board totals with sparsity: FP4 144 PF* (108 PF dense), FP8 72 PF*, FP16/BF16 36 PF*,
-- TF32 18 PF*, INT8 3 POPS*; 2.3 TB HBM3e at 64 TB/s; NVLink 5 14.4 TB/s.  Per-GPU dense table
-- in glennklockwood.com/garden/processors/B300 (FP4 13,125 TF dense, FP8 4,500, BF16 2,250,
-- TF32 1,125, FP32 75) and verda.com/blog/gb300-nvl72-architecture (B300: 270 GB, 7.7 TB/s, 1.1 kW).
return {
  kind = "gpu",
  name = "b300",
  description = "NVIDIA B300 (HGX B300, Blackwell Ultra) 288GB HBM3e",
  vendor = "nvidia",
  arch = "blackwell",
  compute_capability = 103,           -- SM 10.3
  memory_bytes = 270e9,               -- verda.com table: 270 GB usable
  datasheet_memory_bytes = 288e9,     -- HGX B300 datasheet: 2.3 TB / 8
  hbm_bytes_per_s = 8.0e12,           -- HGX B300 datasheet: 64 TB/s / 8
  peak_flops = {
    fp32 = 75e12,                     -- glennklockwood B300 table: FP32 75 TF
    tf32 = 1.125e15,                  -- TF32 18 PF* / 8 / 2
    bf16 = 2.25e15,                   -- BF16 36 PF* / 8 / 2
    fp16 = 2.25e15,
    fp8 = 4.5e15,                     -- FP8 72 PF* / 8 / 2
    int8 = 0.15e15,                   -- verda.com: INT8 0.15 POPS (Blackwell Ultra cut INT8)
    nvfp4 = 13.5e15,                  -- FP4 108 PF dense / 8
    mxfp4 = 13.5e15,
  },
  compute_fraction = 0.78,            -- as b200.lua
  memory_fraction = 0.84,             -- as b200.lua
  gpus_per_node = 8,
  intra_fabric = "nvlink5",           -- NVLink 5, 1.8 TB/s per GPU
  inter_fabric = "ib-ndr",
  tdp_watts = 1100,                   -- verda.com B300: 1.1 kW
}
