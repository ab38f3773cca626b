-- NVIDIA A100 SXM4 40GB (HBM2). Peak figures: "NVIDIA A100 Tensor Core GPU Datasheet" (2021),
-- column "A100 40GB SXM" (dense and sparse "*" listed side by side; dense values used).
return {
  kind = "gpu",
  name = "a100-40gb",
  description = "NVIDIA A100 SXM4 40GB HBM2",
  vendor = "nvidia",
  arch = "ampere",
  compute_capability = 80,            -- SM 8.0
  -- bottlerocket-os/bottlerocket PR #3873: deviceQuery on "NVIDIA A100-SXM4-40GB" prints
  -- "Total amount of global memory: 40339 MBytes (42298834944 bytes)" (driver 12.2).
  -- 42298834944 / 2^30 = 39.39 GiB. nvidia-smi shows 40960MiB (modal-labs/modal-client PR #2797).
  memory_bytes = 42298834944,
  datasheet_memory_bytes = 40e9,      -- A100 datasheet (2021): 40GB HBM2
  hbm_bytes_per_s = 1.555e12,         -- A100 datasheet (2021), 40GB SXM: 1,555 GB/s
  peak_flops = {
    fp32 = 19.5e12,                   -- A100 datasheet: FP32 19.5 TFLOPS
    tf32 = 156e12,                    -- A100 datasheet: TF32 156 | 312*
    bf16 = 312e12,                    -- A100 datasheet: BF16 312 | 624*
    fp16 = 312e12,                    -- A100 datasheet: FP16 312 | 624*
    int8 = 624e12,                    -- A100 datasheet: INT8 624 TOPS | 1,248*
    int4 = 1248e12,                   -- A100 datasheet: INT4 1,248 TOPS | 2,496*
  },
  -- stas00/ml-engineering MAMF table: A100 SXM bf16 271.2 of 312 = 86.9% (same GA100 die/clocks;
  -- the table does not say 40 or 80 GB).
  compute_fraction = 0.85,
  -- PTsolvers/gpu-workshop-JuliaCon23 issue #7: measured memcopy on A100 40GB = 1355 GB/s vs
  -- datasheet 1555 GB/s -> 0.87.
  memory_fraction = 0.87,
  -- GEMM shape model (latency.c tile_waste): tiles over the SMs, as LLMCompass does.
  sm_count = 108,                -- NVIDIA A100 Tensor Core GPU Architecture whitepaper (2020), "108 SMs"
  -- CUTLASS 2.x default threadblock tile 128x128x32; mma.sync m16n8k16 (PTX ISA)
  gemm_tile_m = 128, gemm_tile_n = 128, gemm_tile_m_min = 16,
  -- smooth roofline (t_c^p + t_m^p)^(1/p): p = 2 is an ESTIMATE checked against DeepGEMM's
  -- published H800 table (M=64-128, N=2112-7168); calibrate fits it (calib-params.c)
  roofline_sharpness = 2,
  gpus_per_node = 8,
  intra_fabric = "nvlink3",           -- A100 datasheet: NVLink 600GB/s (bidirectional)
  inter_fabric = "ib-hdr",
  tdp_watts = 400,                    -- A100 datasheet (2021), SXM: 400W
}
