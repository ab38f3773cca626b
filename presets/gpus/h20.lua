-- NVIDIA H20 (Hopper, China-market SKU).  Figures from the NVIDIA H20 product brief as
-- reported by SemiAnalysis and vendors (2024): 96 GB HBM3, 4.0 TB/s, FP8 296 TFLOPS and
-- BF16 148 TFLOPS dense, INT8 296 TOPS, TF32 74, FP32 44; NVLink 900 GB/s; 400 W.
return {
  kind = "gpu",
  name = "h20",
  description = "NVIDIA H20 96GB HBM3",
  vendor = "nvidia",
  arch = "hopper",
  compute_capability = 90,
  memory_bytes = 102625181696,        -- = 97871 MiB, as nvidia-smi shows on 96 GB Hopper (H100 NVL/GH200)
  datasheet_memory_bytes = 96e9,      -- H20 brief: 96 GB HBM3
  hbm_bytes_per_s = 4.0e12,           -- H20 brief: 4.0 TB/s
  peak_flops = {
    fp32 = 44e12,                     -- H20 brief: FP32 44 TFLOPS
    tf32 = 74e12,                     -- TF32 74 TFLOPS (dense)
    bf16 = 148e12,                    -- BF16/FP16 148 TFLOPS (dense)
    fp16 = 148e12,
    fp8 = 296e12,                     -- FP8 296 TFLOPS (dense)
    int8 = 296e12,                    -- INT8 296 TOPS (dense)
  },
  compute_fraction = 0.80,            -- as h100-sxm.lua (same SM design)
  memory_fraction = 0.87,             -- as h100-sxm.lua
  gpus_per_node = 8,                  -- HGX H20 8-GPU board
  intra_fabric = "nvlink4",           -- NVLink 900 GB/s
  inter_fabric = "ib-ndr",
  tdp_watts = 400,
}
