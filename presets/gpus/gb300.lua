-- NVIDIA GB300 (Blackwell Ultra GPU of a GB300 superchip, as in GB300 NVL72).
-- Peak figures: "NVIDIA GB300 NVL72" datasheet (2025), rack totals for 72 GPUs: FP4 1,440 PF
-- sparse | 1,080 PF dense, FP8 720 PF*, FP16/BF16 360 PF*, TF32 180 PF*, INT8 23 POPS*,
-- FP32 6 PF; up to 20 TB HBM3e at 576 TB/s; NVLink 130 TB/s.  Per-GPU dense values as in the
-- verda.com/blog/gb300-nvl72-architecture table ("GB300 FP4 15 PFLOPS, FP8 5, INT8 0.165 POPS,
-- FP16/BF16 2.5, TF32 1.25, FP32 0.080; 279 GB HBM3E; 8 TB/s; 1.4 kW").
return {
  kind = "gpu",
  name = "gb300",
  description = "NVIDIA GB300 (Blackwell Ultra, GB300 NVL72) 288GB HBM3e",
  vendor = "nvidia",
  arch = "blackwell",
  compute_capability = 103,           -- SM 10.3 (Blackwell Ultra, CUDA 12.9 sm_103)
  memory_bytes = 279e9,               -- verda.com table: 279 GB usable of the 288 GB marketed
  datasheet_memory_bytes = 288e9,     -- GB300 NVL72 datasheet: 288 GB HBM3e per GPU (12-high stacks)
  hbm_bytes_per_s = 8.0e12,           -- datasheet 576 TB/s / 72
  peak_flops = {
    fp32 = 80e12,                     -- verda.com dense table: 0.080 PF
    tf32 = 1.25e15,                   -- TF32 180 PF* / 72 / 2
    bf16 = 2.5e15,                    -- BF16 360 PF* / 72 / 2
    fp16 = 2.5e15,
    fp8 = 5.0e15,                     -- FP8 720 PF* / 72 / 2
    int8 = 0.165e15,                  -- INT8 23 POPS* rack / 72 / 2 (Blackwell Ultra cut INT8)
    nvfp4 = 15.0e15,                  -- FP4 1,080 PF dense / 72
    mxfp4 = 15.0e15,
  },
  compute_fraction = 0.78,            -- as b200.lua
  memory_fraction = 0.84,             -- as b200.lua
  gpus_per_node = 4,                  -- GB300 NVL72 compute tray: 2 Grace + 4 Blackwell Ultra GPUs
  nvlink_domain = 72,                 -- datasheet: 72 GPUs, one NVLink 5 domain (130 TB/s)
  intra_fabric = "nvlink5",
  inter_fabric = "ib-ndr",            -- ConnectX-8 800G per GPU in the datasheet; NDR as a floor
  tdp_watts = 1400,
}
