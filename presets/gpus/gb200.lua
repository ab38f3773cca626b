-- NVIDIA GB200 (one Blackwell GPU of a GB200 Grace Blackwell Superchip, as in GB200 NVL72).
-- Peak figures: "NVIDIA GB200 NVL72" datasheet (2024), rack totals for 72 GPUs, quoted WITH
-- sparsity; per GPU = rack / 72 / 2 (dense).  Rack: FP4 1,440 PF*, FP8/FP6 720 PF*, INT8 720 POPS*,
-- FP16/BF16 360 PF*, TF32 180 PF*, FP32 5,760 TF, HBM3e 13.4 TB at 576 TB/s, NVLink 130 TB/s.
-- Cross-check: verda.com/blog/gb300-nvl72-architecture per-GPU dense table lists GB200 FP8 4.5 PF,
-- FP16/BF16 2.25 PF, FP4 9 PF (the 1,200 W HGX-like clocks); the NVL72 datasheet's own totals
-- give 5 / 2.5 / 10 PF, used here.
return {
  kind = "gpu",
  name = "gb200",
  description = "NVIDIA GB200 (Blackwell GPU of a Grace Blackwell Superchip, NVL72) 186GB HBM3e",
  vendor = "nvidia",
  arch = "blackwell",
  compute_capability = 100,           -- SM 10.0, as B200
  -- Estimate: 13.4 TB / 72 = 186 GB per GPU (datasheet); the driver exposes ~2% less on B200
  -- (191.5 GB of 192 GB raw per b200.lua), so 186e9 x 0.98.
  memory_bytes = 182.3e9,
  datasheet_memory_bytes = 186e9,     -- GB200 NVL72 datasheet: 13.4 TB HBM3e / 72
  hbm_bytes_per_s = 8.0e12,           -- GB200 NVL72 datasheet: 576 TB/s / 72
  peak_flops = {
    fp32 = 80e12,                     -- datasheet FP32 5,760 TFLOPS / 72
    tf32 = 1.25e15,                   -- TF32 180 PF* / 72 / 2
    bf16 = 2.5e15,                    -- BF16 360 PF* / 72 / 2
    fp16 = 2.5e15,                    -- FP16 360 PF* / 72 / 2
    fp8 = 5.0e15,                     -- FP8 720 PF* / 72 / 2
    int8 = 5.0e15,                    -- INT8 720 POPS* / 72 / 2
    nvfp4 = 10.0e15,                  -- FP4 1,440 PF* / 72 / 2 (Blackwell 5th-gen tensor cores: NVFP4)
    mxfp4 = 10.0e15,                  -- same FP4 tensor-core rate for MX block scales (PTX mxf4 kind)
  },
  compute_fraction = 0.78,            -- as b200.lua (ml-engineering MAMF on B200: 77.6% bf16)
  memory_fraction = 0.84,             -- as b200.lua (cccl PR #7391: 6.72 of 8 TB/s)
  gpus_per_node = 4,                  -- one GB200 NVL72 compute tray: 2 superchips = 4 GPUs
  nvlink_domain = 72,                 -- GB200 NVL72 datasheet: "72 Blackwell GPUs" in one NVLink domain
  intra_fabric = "nvlink5",           -- NVLink 5, 1.8 TB/s per GPU through 9 NVLink Switch trays
  inter_fabric = "ib-ndr",
  tdp_watts = 1200,                   -- verda.com GB200 per-GPU table: max TDP 1.2 kW
}
