-- AMD Instinct MI325X (CDNA 3).  Figures: AMD Instinct MI325X data sheet (2024): 256 GB HBM3E at
-- 6 TB/s; FP16/BF16 1,307.4 TF (2,614.9 with sparsity), FP8 2,614.9 TF, INT8 2,614.9 TOPS,
-- TF32 653.7 TF, FP32 163.4 TF; 1,000 W TBP.  Same compute die as MI300X.
return {
  kind = "gpu",
  name = "mi325x",
  description = "AMD Instinct MI325X 256GB HBM3E",
  vendor = "amd",
  arch = "cdna3",
  compute_capability = 0,
  -- Estimate: MI300X exposes 206.1 GB of 192 GB marketed (GiB marketing: 192 GiB); MI325X's
  -- 256 GiB = 274877906944 bytes, as ROCm reports it.
  memory_bytes = 274877906944,
  datasheet_memory_bytes = 256e9,
  hbm_bytes_per_s = 6.0e12,           -- data sheet: 6 TB/s
  peak_flops = {
    fp32 = 163.4e12,
    tf32 = 653.7e12,
    bf16 = 1307.4e12,
    fp16 = 1307.4e12,
    fp8 = 2614.9e12,
    int8 = 2614.9e12,
  },
  compute_fraction = 0.51,            -- as mi300x.lua (same die)
  memory_fraction = 0.78,             -- as mi300x.lua
  gpus_per_node = 8,
  intra_fabric = "infinity-fabric",
  inter_fabric = "roce-400g",
  tdp_watts = 1000,
}
