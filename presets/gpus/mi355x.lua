-- AMD Instinct MI355X (CDNA 4).  Figures: AMD Instinct MI355X data sheet (2025), via Tom's
-- Hardware (tomshardware.com, "AMD's Instinct MI355X accelerator will reportedly consume 1,400
-- watts"): 288 GB HBM3E at 8 TB/s, MXFP4/MXFP6 20.1 PF with sparsity (10.1 PF dense);
-- FP8 5.0 PF dense (ISSCC 2026 talk, world-today-news: "five petaflops" FP8), FP16/BF16 2.5 PF
-- dense, FP32 157.3 TF; 1,400 W TBP.  CDNA 4 has MX block-scaled FP4 (OCP MX), not NVFP4.
return {
  kind = "gpu",
  name = "mi355x",
  description = "AMD Instinct MI355X 288GB HBM3E",
  vendor = "amd",
  arch = "cdna4",
  compute_capability = 0,
  memory_bytes = 309237645312,        -- 288 GiB as ROCm reports it (estimate; see mi325x.lua)
  datasheet_memory_bytes = 288e9,
  hbm_bytes_per_s = 8.0e12,
  peak_flops = {
    fp32 = 157.3e12,
    bf16 = 2.5e15,
    fp16 = 2.5e15,
    fp8 = 5.0e15,
    int8 = 5.0e15,
    mxfp4 = 10.1e15,                  -- 20.1 PF sparse / 2
  },
  compute_fraction = 0.51,            -- as mi300x.lua (no MI355X GEMM sweep found)
  memory_fraction = 0.78,             -- as mi300x.lua
  gpus_per_node = 8,
  intra_fabric = "infinity-fabric",   -- 4th-gen Infinity Fabric, 8-GPU OAM platform
  inter_fabric = "roce-400g",
  tdp_watts = 1400,
}
