-- NVIDIA L20 (Ada, China-market).  Figures: NVIDIA L20 product brief as reported by vendors
-- (2024): 48 GB GDDR6 at 864 GB/s; FP16/BF16 tensor 119.5 TF dense, FP8 239 TF, INT8 239 TOPS,
-- TF32 59.8 TF, FP32 59.8 TF; PCIe Gen4; 275 W.
return {
  kind = "gpu",
  name = "l20",
  description = "NVIDIA L20 48GB GDDR6 (PCIe)",
  vendor = "nvidia",
  arch = "ada",
  compute_capability = 89,
  memory_bytes = 47576711168,         -- as l40s.lua (same 48 GB GDDR6 board)
  datasheet_memory_bytes = 48e9,
  hbm_bytes_per_s = 864e9,
  peak_flops = {
    fp32 = 59.8e12,
    tf32 = 59.8e12,
    bf16 = 119.5e12,
    fp16 = 119.5e12,
    fp8 = 239e12,
    int8 = 239e12,
  },
  compute_fraction = 0.74,            -- as l40s.lua
  memory_fraction = 0.83,
  gpus_per_node = 8,
  intra_fabric = "pcie4",
  inter_fabric = "roce-400g",
  tdp_watts = 275,
}
