-- NVIDIA H100 PCIe 80GB (HBM2e). Peak figures: "NVIDIA H100 Tensor Core GPU Datasheet" (2023),
-- column "H100 PCIe" (same figures reproduced in HPCTech's H100 spec table). Tensor figures in the
-- datasheet are WITH 2:4 sparsity ("Shown with sparsity. Specifications 1/2 lower without
-- sparsity"); the values below are halved (dense).
return {
  kind = "gpu",
  name = "h100-pcie",
  description = "NVIDIA H100 PCIe 80GB HBM2e",
  vendor = "nvidia",
  arch = "hopper",
  compute_capability = 90,            -- SM 9.0
  -- torch.cuda.get_device_properties on "NVIDIA H100 PCIe" prints total_memory=81008MB
  -- (= 81008 MiB; torch prints bytes // 2^20), quoted in public GitHub text found via code search
  -- (repository not identified). 81008 * 1048576 = 84943044608 bytes (~79.11 GiB); MiB-rounded,
  -- so exact to within 1 MiB. No vLLM total_gpu_memory log specific to H100 PCIe was found.
  memory_bytes = 84943044608,
  datasheet_memory_bytes = 80e9,      -- H100 datasheet (2023): 80GB
  hbm_bytes_per_s = 2.0e12,           -- H100 datasheet (2023), H100 PCIe: "2TB/s" (HPCTech table: 2000 GB/sec)
  peak_flops = {
    fp32 = 51e12,                     -- datasheet FP32 51 teraFLOPS (non-tensor)
    tf32 = 378e12,                    -- datasheet TF32 756 TFLOPS* (sparse) / 2
    bf16 = 756.5e12,                  -- datasheet BF16 1,513 TFLOPS* (sparse) / 2
    fp16 = 756.5e12,                  -- datasheet FP16 1,513 TFLOPS* (sparse) / 2
    fp8 = 1513e12,                    -- datasheet FP8 3,026 TFLOPS* (sparse) / 2
    int8 = 1513e12,                   -- datasheet INT8 3,026 TOPS* (sparse) / 2
  },
  -- No measured MAMF for H100 PCIe was found. Derived: stas00/ml-engineering MAMF table gives
  -- H100 SXM 80.3% and A100 PCIe 81.1% vs A100 SXM 86.9% (PCIe/SXM ratio 0.93 at lower TDP);
  -- 0.80 * 0.93 ~= 0.75. ESTIMATE.
  compute_fraction = 0.75,
  -- No STREAM-style measurement for H100 PCIe was found; ESTIMATE taken between Azure ND A100 v4
  -- (0.83, triad 1.70 of 2.039 TB/s) and ND H100 v5 (0.89) in samuel-bohman/AI-benchmarking-guide.
  memory_fraction = 0.85,
  -- GEMM shape model (latency.c tile_waste): tiles over the SMs, as LLMCompass does.
  sm_count = 114,                -- NVIDIA H100 Tensor Core GPU Architecture whitepaper (2022), "H100 PCIe ... 114 SMs"
  -- vLLM csrc/quantization/cutlass_w8a8/c3x (sm90 fp8 dispatch): default TileShape 128x128x128; M <= 64 uses 64-row tiles, wgmma.mma_async has M = 64 (PTX ISA)
  gemm_tile_m = 128, gemm_tile_n = 128, gemm_tile_m_min = 64,
  -- smooth roofline (t_c^p + t_m^p)^(1/p): p = 2 is an ESTIMATE checked against DeepGEMM's
  -- published H800 table (M=64-128, N=2112-7168); calibrate fits it (calib-params.c)
  roofline_sharpness = 2,
  compute_fraction_by_dtype = {
    fp8 = 0.66,            -- no fp8 MAMF for H100 PCIe found: the SXM ratio fp8/bf16 MAMF 70.9/80.3 times this preset's 0.75 (ESTIMATE)
  },
  gpus_per_node = 8,                  -- typical 8x PCIe server (no NVSwitch)
  intra_fabric = "pcie5",             -- H100 datasheet (2023): PCIe Gen5 128GB/s (bidirectional)
  inter_fabric = "roce-400g",         -- typical Ethernet-attached PCIe servers (deployment choice, not a spec)
  tdp_watts = 350,                    -- H100 datasheet (2023), H100 PCIe: "300-350W (configurable)"
}
