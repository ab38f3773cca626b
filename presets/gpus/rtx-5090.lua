-- NVIDIA GeForce RTX 5090.  Figures: NVIDIA RTX Blackwell GPU architecture whitepaper (2025),
-- GeForce RTX 5090 column: 32 GB GDDR7 at 1,792 GB/s; peak FP16/BF16 tensor with FP32 accumulate
-- 209.5 TF (419 sparse), FP8 419 TF (838*), INT8 838 TOPS, FP4 1,676 TF (3,352 AI TOPS*), FP32
-- 104.8 TF; 575 W.
return {
  kind = "gpu",
  name = "rtx-5090",
  description = "NVIDIA GeForce RTX 5090 32GB GDDR7",
  vendor = "nvidia",
  arch = "blackwell",
  compute_capability = 120,           -- SM 12.0 (GB202)
  memory_bytes = 34190917632,         -- = 32607 MiB (nvidia-smi on RTX 5090)
  datasheet_memory_bytes = 32e9,
  hbm_bytes_per_s = 1.792e12,
  peak_flops = {
    fp32 = 104.8e12,
    bf16 = 209.5e12,
    fp16 = 209.5e12,
    fp8 = 419e12,
    int8 = 838e12,
    nvfp4 = 1676e12,
    mxfp4 = 1676e12,
  },
  compute_fraction = 0.74,            -- as l40s.lua
  memory_fraction = 0.83,             -- as l40s.lua
  gpus_per_node = 8,
  intra_fabric = "pcie5",             -- no NVLink on GeForce Blackwell
  inter_fabric = "roce-400g",
  tdp_watts = 575,
}
