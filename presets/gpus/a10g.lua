-- NVIDIA A10G (AWS EC2 G5).  Figures: AWS G5 instance page and Baseten "NVIDIA A10 vs A10G
-- for ML model inference" (baseten.co/blog): 24 GB GDDR6 at 600 GB/s, as A10; A10G's tensor
-- rate is below A10's 125 TF: FP16/BF16 70 TF dense (AWS: "up to 250 TOPS" INT8 with sparsity
-- per A10G is A10's), FP32 31.2 TF.  Ampere: no fp8.
return {
  kind = "gpu",
  name = "a10g",
  description = "NVIDIA A10G 24GB GDDR6 (AWS G5)",
  vendor = "nvidia",
  arch = "ampere",
  compute_capability = 86,
  memory_bytes = 23836033024,         -- = 22731 MiB (nvidia-smi on g5 instances)
  datasheet_memory_bytes = 24e9,
  hbm_bytes_per_s = 600e9,
  peak_flops = {
    fp32 = 31.2e12,
    tf32 = 35e12,
    bf16 = 70e12,
    fp16 = 70e12,
    int8 = 140e12,
  },
  compute_fraction = 0.74,            -- as l40s.lua
  memory_fraction = 0.83,
  gpus_per_node = 8,                  -- g5.48xlarge: 8x A10G
  intra_fabric = "pcie4",
  inter_fabric = "roce-400g",
  tdp_watts = 300,
}
