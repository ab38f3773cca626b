-- NVIDIA GH200 Grace Hopper Superchip (the Hopper GPU; 96 GB HBM3 SKU).  Figures: "NVIDIA
-- GH200 Grace Hopper Superchip" datasheet (2023), quoted with sparsity: FP8 3,958 TF*, BF16/FP16
-- 1,979 TF*, TF32 989 TF*, INT8 3,958 TOPS*, FP32 67 TF; 96 GB HBM3 at 4 TB/s (144 GB HBM3e at
-- 4.9 TB/s on the later SKU); NVLink-C2C 900 GB/s to Grace.
return {
  kind = "gpu",
  name = "gh200",
  description = "NVIDIA GH200 Grace Hopper (96GB HBM3 GPU)",
  vendor = "nvidia",
  arch = "hopper",
  compute_capability = 90,
  memory_bytes = 102625181696,        -- = 97871 MiB (nvidia-smi on GH200 96 GB)
  datasheet_memory_bytes = 96e9,      -- GH200 datasheet: 96 GB HBM3
  hbm_bytes_per_s = 4.0e12,           -- GH200 datasheet: 4 TB/s
  peak_flops = {
    fp32 = 67e12,                     -- datasheet FP32 67 TFLOPS
    tf32 = 494.5e12,                  -- TF32 989 TF* / 2
    bf16 = 989.5e12,                  -- BF16 1,979 TF* / 2
    fp16 = 989.5e12,
    fp8 = 1979e12,                    -- FP8 3,958 TF* / 2
    int8 = 1979e12,                   -- INT8 3,958 TOPS* / 2
  },
  compute_fraction = 0.80,            -- as h100-sxm.lua
  memory_fraction = 0.87,             -- as h100-sxm.lua
  gpus_per_node = 4,                  -- quad-GH200 nodes (HPE Cray EX254n, GH200 NVL4 boards)
  intra_fabric = "nvlink4",           -- NVLink 4, 900 GB/s per GPU between superchips
  inter_fabric = "ib-ndr",
  tdp_watts = 1000,                   -- GH200 datasheet: 450 W to 1000 W per superchip (CPU+GPU)
}
