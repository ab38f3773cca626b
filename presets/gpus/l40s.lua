-- NVIDIA L40S 48GB (GDDR6). Peak figures: "NVIDIA L40S GPU Datasheet" (2023) (from memory of the
-- datasheet; dense values cross-checked against stas00/ml-engineering compute/accelerator/README.md
-- TFLOPS table: fp32 91.6, tf32 183, fp16/bf16 362, fp8/int8 733) and inference-sim/inference-sim
-- issue #1738 ("L40S datasheet: FP8 = 733 dense / 1466 sparse; BF16 = 362.05 dense / 733 sparse").
return {
  kind = "gpu",
  name = "l40s",
  description = "NVIDIA L40S 48GB GDDR6 (PCIe)",
  vendor = "nvidia",
  arch = "ada",
  compute_capability = 89,            -- SM 8.9
  -- alvarobartt/cuda-device-query README: on "NVIDIA L40S" (CUDA 12.4 driver) "Total amount of
  -- global memory: 45373 MBytes (47576711168 bytes)" = 44.31 GiB. nvidia-smi shows 46068MiB
  -- (modal-labs/modal-client PR #2797).
  memory_bytes = 47576711168,
  datasheet_memory_bytes = 48e9,      -- L40S datasheet (2023): 48GB GDDR6 with ECC
  hbm_bytes_per_s = 864e9,            -- L40S datasheet (2023): 864GB/s (inference-sim issue #815 also uses 0.864 TB/s)
  peak_flops = {
    fp32 = 91.6e12,                   -- datasheet FP32 91.6 TFLOPS
    tf32 = 183e12,                    -- datasheet TF32 Tensor 183 | 366* (sparse)
    bf16 = 362.05e12,                 -- datasheet BF16 Tensor 362.05 | 733*
    fp16 = 362.05e12,                 -- datasheet FP16 Tensor 362.05 | 733*
    fp8 = 733e12,                     -- datasheet FP8 Tensor 733 | 1,466*
    int8 = 733e12,                    -- datasheet INT8 Tensor 733 TOPS | 1,466*
    int4 = 733e12,                    -- from memory of datasheet: INT4 Tensor 733 TOPS | 1,466*
  },
  -- zzc0721/torch-performance-test-data issue #43 (NVIDIA L40S, torch 2.8.0+cu128): fp16/bf16
  -- matmul 264-269 TFLOPS -> 0.73-0.74 of 362.05.
  compute_fraction = 0.74,
  -- WEAK SOURCE: ai-hpc "ai-hardware-engineer-roadmap" L40S-x12 benchmark page sets the copy
  -- target "> 0.72 TB/s (83% of 0.864 TB/s peak)" (a target, not a measurement).
  memory_fraction = 0.83,
  -- GEMM shape model (latency.c tile_waste): tiles over the SMs, as LLMCompass does.
  sm_count = 142,                -- NVIDIA L40S datasheet: 142 third-generation RT cores, one per SM (18,176 CUDA cores / 128 = 142)
  -- CUTLASS 2.x default threadblock tile 128x128x32; mma.sync m16n8k16 (PTX ISA)
  gemm_tile_m = 128, gemm_tile_n = 128, gemm_tile_m_min = 16,
  -- smooth roofline (t_c^p + t_m^p)^(1/p): p = 2 is an ESTIMATE checked against DeepGEMM's
  -- published H800 table (M=64-128, N=2112-7168); calibrate fits it (calib-params.c)
  roofline_sharpness = 2,
  gpus_per_node = 8,                  -- typical 8x L40S PCIe server
  intra_fabric = "pcie4",             -- L40S datasheet: PCIe Gen4 x16 (64GB/s bidirectional), no NVLink
  inter_fabric = "roce-400g",         -- deployment choice, not a spec
  tdp_watts = 350,                    -- L40S datasheet (2023): max power 350W
}
