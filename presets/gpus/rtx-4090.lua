-- NVIDIA GeForce RTX 4090.  Figures: NVIDIA Ada GPU architecture whitepaper (2022), GeForce
-- RTX 4090 column: 24 GB GDDR6X at 1,008 GB/s; peak FP16/BF16 tensor with FP32 accumulate
-- 165.2 TF (330.4 sparse), FP8 330.3 TF (660.6*), INT8 660.6 TOPS, FP32 82.6 TF; 450 W.
-- No FP4 tensor cores (Ada).
return {
  kind = "gpu",
  name = "rtx-4090",
  description = "NVIDIA GeForce RTX 4090 24GB GDDR6X",
  vendor = "nvidia",
  arch = "ada",
  compute_capability = 89,
  memory_bytes = 25757220864,         -- = 24564 MiB (nvidia-smi on RTX 4090)
  datasheet_memory_bytes = 24e9,
  hbm_bytes_per_s = 1.008e12,
  peak_flops = {
    fp32 = 82.6e12,
    bf16 = 165.2e12,
    fp16 = 165.2e12,
    fp8 = 330.3e12,
    int8 = 660.6e12,
  },
  compute_fraction = 0.74,            -- as l40s.lua (AD102 as well)
  memory_fraction = 0.83,
  gpus_per_node = 8,                  -- 8x 4090 PCIe servers (no P2P over NVLink)
  intra_fabric = "pcie4",
  inter_fabric = "roce-400g",
  tdp_watts = 450,
}
