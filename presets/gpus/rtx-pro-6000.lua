-- NVIDIA RTX PRO 6000 Blackwell Server Edition.  Figures: NVIDIA RTX PRO 6000 Blackwell data
-- sheet (2025): 96 GB GDDR7 ECC at 1,792 GB/s, 4 PFLOPS FP4 "AI TOPS" (with sparsity), FP32
-- 120 TF, PCIe Gen5 x16, up to 600 W.  Dense tensor rates: FP4 2 PF = 4 PF* / 2; FP8 1 PF and
-- BF16/FP16 0.5 PF follow the 2:1 ratio per halving of width on Blackwell GB202 tensor cores
-- (NVIDIA RTX Blackwell GPU architecture whitepaper, appendix table).
return {
  kind = "gpu",
  name = "rtx-pro-6000",
  description = "NVIDIA RTX PRO 6000 Blackwell Server 96GB GDDR7 (PCIe)",
  vendor = "nvidia",
  arch = "blackwell",
  compute_capability = 120,           -- SM 12.0 (GB202)
  memory_bytes = 102005473280,        -- = 97280 MiB (nvidia-smi "97887MiB" less ECC; estimate)
  datasheet_memory_bytes = 96e9,
  hbm_bytes_per_s = 1.792e12,         -- data sheet: 1,792 GB/s GDDR7
  peak_flops = {
    fp32 = 120e12,
    bf16 = 500e12,
    fp16 = 500e12,
    fp8 = 1.0e15,
    int8 = 1.0e15,
    nvfp4 = 2.0e15,                   -- 4 PF FP4* / 2
    mxfp4 = 2.0e15,
  },
  compute_fraction = 0.74,            -- as l40s.lua (PCIe workstation-class part)
  memory_fraction = 0.83,             -- as l40s.lua
  gpus_per_node = 8,
  intra_fabric = "pcie5",             -- no NVLink: PCIe Gen5 x16
  inter_fabric = "roce-400g",
  tdp_watts = 600,
}
