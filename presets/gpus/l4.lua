-- NVIDIA L4 24GB (GDDR6). Peak figures: "NVIDIA L4 Tensor Core GPU Datasheet" (2023) (from memory
-- of the datasheet). The datasheet quotes tensor figures WITH sparsity ("*"): TF32 120*, FP16/BF16
-- 242*, FP8 485*, INT8 485*; halved below.
return {
  kind = "gpu",
  name = "l4",
  description = "NVIDIA L4 24GB GDDR6 (PCIe, 72 W)",
  vendor = "nvidia",
  arch = "ada",
  compute_capability = 89,            -- SM 8.9 (deviceQuery "8.9")
  -- kamelth/COE506_Project README.md: deviceQuery on "NVIDIA L4" (driver 525.105.17 / CUDA 12.0):
  -- "Total amount of global memory: 22518 MBytes (23612293120 bytes)" = 21.99 GiB; nvidia-smi in
  -- the same README shows 23034MiB.
  memory_bytes = 23612293120,
  datasheet_memory_bytes = 24e9,      -- L4 datasheet (2023): 24GB GDDR6
  hbm_bytes_per_s = 300e9,            -- L4 datasheet (2023): 300GB/s
  peak_flops = {
    fp32 = 30.3e12,                   -- datasheet FP32 30.3 TFLOPS
    tf32 = 60e12,                     -- datasheet TF32 Tensor 120 TFLOPS* (sparse) / 2
    bf16 = 121e12,                    -- datasheet BF16 Tensor 242 TFLOPS* / 2
    fp16 = 121e12,                    -- datasheet FP16 Tensor 242 TFLOPS* / 2
    fp8 = 242.5e12,                   -- datasheet FP8 Tensor 485 TFLOPS* / 2
    int8 = 242.5e12,                  -- datasheet INT8 Tensor 485 TOPS* / 2
  },
  -- zzc0721/torch-performance-test-data issue #120 (NVIDIA L4, torch 2.9.0+cu128): bf16 matmul
  -- 54.9-59.4 TFLOPS at 4k-10k (71 at 2k) -> ~0.45-0.49 of 121 (72 W power cap).
  compute_fraction = 0.48,
  -- NOT SOURCED: no L4 bandwidth measurement was found; 0.80 is an ESTIMATE (GDDR6 copy kernels
  -- on other GPUs reach ~0.73-0.83, e.g. T4 bandwidthTest 233.6 of 320 GB/s).
  memory_fraction = 0.80,
  -- GEMM shape model (latency.c tile_waste): tiles over the SMs, as LLMCompass does.
  sm_count = 58,                 -- from memory of the NVIDIA Ada GPU Architecture whitepaper (AD104 as L4: 58 SMs, 7,424 CUDA cores / 128); NOT re-verified
  -- CUTLASS 2.x default threadblock tile 128x128x32; mma.sync m16n8k16 (PTX ISA)
  gemm_tile_m = 128, gemm_tile_n = 128, gemm_tile_m_min = 16,
  -- smooth roofline (t_c^p + t_m^p)^(1/p): p = 2 is an ESTIMATE checked against DeepGEMM's
  -- published H800 table (M=64-128, N=2112-7168); calibrate fits it (calib-params.c)
  roofline_sharpness = 2,
  gpus_per_node = 8,                  -- e.g. 8x L4 cloud instances (g2-standard-96 class)
  intra_fabric = "pcie4",             -- L4 datasheet: PCIe Gen4 x16 (64GB/s bidirectional)
  inter_fabric = "roce-400g",         -- placeholder; deployment choice
  tdp_watts = 72,                     -- L4 datasheet (2023): 72W
}
