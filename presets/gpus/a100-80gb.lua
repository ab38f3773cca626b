-- NVIDIA A100 SXM4 80GB (HBM2e). Peak figures: "NVIDIA A100 Tensor Core GPU Datasheet" (2021),
-- column "A100 80GB SXM". The datasheet lists dense and sparse ("*") side by side; values below
-- are the dense ones (also reproduced in stas00/ml-engineering compute/accelerator/README.md).
return {
  kind = "gpu",
  name = "a100-80gb",
  description = "NVIDIA A100 SXM4 80GB HBM2e",
  vendor = "nvidia",
  arch = "ampere",
  compute_capability = 80,            -- SM 8.0
  -- deviceQuery on "NVIDIA A100-SXM4-80GB" (CUDA 12.2 driver): "Total amount of global memory:
  -- 81051 MBytes (84987740160 bytes)", quoted in public GitHub text found via code search
  -- (repository not identified). 84987740160 / 2^30 = 79.15 GiB, the "total_gpu_memory (79.15GiB)"
  -- that recurs in vLLM logs. Other drivers report 81158 MiB (85100068864 bytes). nvidia-smi shows
  -- 81920MiB (modal-labs/modal-client PR #2797).
  memory_bytes = 84987740160,         -- = 81051 MiB ~= 79.15 GiB
  datasheet_memory_bytes = 80e9,      -- A100 datasheet (2021): 80GB HBM2e
  hbm_bytes_per_s = 2.039e12,         -- A100 datasheet (2021), 80GB SXM: 2,039 GB/s
  peak_flops = {
    fp32 = 19.5e12,                   -- A100 datasheet: FP32 19.5 TFLOPS
    tf32 = 156e12,                    -- A100 datasheet: TF32 156 TFLOPS | 312* (sparse)
    bf16 = 312e12,                    -- A100 datasheet: BF16 312 TFLOPS | 624*
    fp16 = 312e12,                    -- A100 datasheet: FP16 312 TFLOPS | 624*
    int8 = 624e12,                    -- A100 datasheet: INT8 624 TOPS | 1,248*
    int4 = 1248e12,                   -- A100 datasheet: INT4 1,248 TOPS | 2,496*
    -- no FP8 on Ampere
  },
  -- stas00/ml-engineering MAMF table: A100 SXM bf16 MAMF 271.2 of 312 = 86.9% (torch 2.6.0+cu126);
  -- Azure ND A100 v4 cuBLASLt fp16 GEMM 253.7-256.5 TFLOPS at 8k-16k (0.81-0.82) in
  -- samuel-bohman/AI-benchmarking-guide Azure_Results/ND_A100_v4_results.md.
  compute_fraction = 0.85,
  -- samuel-bohman/AI-benchmarking-guide Azure_Results/ND_A100_v4_results.md (A100-SXM4-80GB):
  -- Copy 1.61, Triad 1.70 TB/s -> 0.79-0.83 of 2.039 TB/s.
  memory_fraction = 0.82,
  -- GEMM shape model (latency.c tile_waste): tiles over the SMs, as LLMCompass does.
  sm_count = 108,                -- NVIDIA A100 Tensor Core GPU Architecture whitepaper (2020), "108 SMs"
  -- CUTLASS 2.x default threadblock tile 128x128x32; mma.sync m16n8k16 (PTX ISA)
  gemm_tile_m = 128, gemm_tile_n = 128, gemm_tile_m_min = 16,
  -- smooth roofline (t_c^p + t_m^p)^(1/p): p = 2 is an ESTIMATE checked against DeepGEMM's
  -- published H800 table (M=64-128, N=2112-7168); calibrate fits it (calib-params.c)
  roofline_sharpness = 2,
  gpus_per_node = 8,                  -- HGX/DGX A100: 8 GPUs
  intra_fabric = "nvlink3",           -- A100 datasheet: NVLink 600GB/s (bidirectional) via NVSwitch
  inter_fabric = "ib-hdr",            -- DGX A100: 8x HDR 200Gb/s
  tdp_watts = 400,                    -- A100 datasheet (2021), SXM: 400W
}
