-- NVIDIA H100 SXM5 80GB (HBM3). Peak figures: "NVIDIA H100 Tensor Core GPU Datasheet" (2023),
-- column "H100 SXM". The datasheet quotes tensor figures WITH 2:4 sparsity (footnote
-- "* With sparsity"); every tensor peak below is that figure halved (dense).
return {
  kind = "gpu",
  name = "h100-sxm",
  description = "NVIDIA H100 SXM5 80GB HBM3",
  vendor = "nvidia",
  arch = "hopper",
  compute_capability = 90,            -- SM 9.0 (deviceQuery "CUDA Capability Major/Minor version number: 9.0")
  -- What the driver exposes (cudaMemGetInfo total = cudaDeviceProp.totalGlobalMem):
  -- deviceQuery on "NVIDIA H100 80GB HBM3" prints "Total amount of global memory: 81090 MBytes
  -- (85028896768 bytes)" (CUDA 12.8 driver, quoted in public GitHub text found via code search);
  -- torch prints the same as "total_memory=81090MB". 85028896768 / 2^30 = 79.19 GiB, which is the
  -- "total_gpu_memory (79.19GiB)" vLLM logs on H100; other vLLM logs show 79.11-79.22 GiB
  -- depending on driver (e.g. vllm-project/vllm PR #10511: "total_gpu_memory 79.22GiB").
  -- nvidia-smi instead shows 81559MiB (vllm-project/vllm issue #55169; modal-labs/modal-client PR #2797).
  memory_bytes = 85028896768,         -- = 81090 MiB ~= 79.19 GiB
  datasheet_memory_bytes = 80e9,      -- H100 datasheet (2023): "GPU memory 80GB"
  hbm_bytes_per_s = 3.35e12,          -- H100 datasheet (2023): "GPU memory bandwidth 3.35TB/s"
  peak_flops = {
    fp32 = 67e12,                     -- H100 datasheet (2023): FP32 67 teraFLOPS (non-tensor, no sparsity)
    tf32 = 494.7e12,                  -- datasheet TF32 Tensor Core 989 TFLOPS* (sparse) / 2
    bf16 = 989.4e12,                  -- datasheet BF16 Tensor Core 1,979 TFLOPS* (sparse) / 2
    fp16 = 989.4e12,                  -- datasheet FP16 Tensor Core 1,979 TFLOPS* (sparse) / 2
    fp8 = 1978.9e12,                  -- datasheet FP8 Tensor Core 3,958 TFLOPS* (sparse) / 2
    int8 = 1978.9e12,                 -- datasheet INT8 Tensor Core 3,958 TOPS* (sparse) / 2
  },
  -- stas00/ml-engineering compute/accelerator/README.md, "Maximum Achievable Matmul FLOPS" table:
  -- H100 SXM bf16 MAMF 794.5 of 989 TFLOPS = 80.3% (torch 2.7.0+cu126); fp8 1402.6 of 1979 = 70.9%.
  -- zzc0721/torch-performance-test-data issue #21: H100 bf16 matmul 789 TFLOPS (~0.80).
  compute_fraction = 0.80,
  -- samuel-bohman/AI-benchmarking-guide Azure_Results/ND_H100_v5_results.md (Azure ND H100 v5,
  -- STREAM-style "HBM Bandwidth"): Copy 2.90, Triad 2.97 TB/s -> 0.87-0.89 of 3.35 TB/s.
  memory_fraction = 0.87,
  -- GEMM shape model (latency.c tile_waste): tiles over the SMs, as LLMCompass does.
  sm_count = 132,                -- NVIDIA H100 Tensor Core GPU Architecture whitepaper (2022), "H100 SXM5 ... 132 SMs"
  -- vLLM csrc/quantization/cutlass_w8a8/c3x (sm90 fp8 dispatch): default TileShape 128x128x128; M <= 64 uses 64-row tiles, wgmma.mma_async has M = 64 (PTX ISA)
  gemm_tile_m = 128, gemm_tile_n = 128, gemm_tile_m_min = 64,
  -- smooth roofline (t_c^p + t_m^p)^(1/p): p = 2 is an ESTIMATE checked against DeepGEMM's
  -- published H800 table (M=64-128, N=2112-7168); calibrate fits it (calib-params.c)
  roofline_sharpness = 2,
  compute_fraction_by_dtype = {
    fp8 = 0.71,            -- MAMF fp8 1402.6 of 1979 TFLOPS = 70.9% (the citation above)
  },
  gpus_per_node = 8,                  -- HGX/DGX H100: 8 GPUs per baseboard
  intra_fabric = "nvlink4",
  inter_fabric = "ib-ndr",
  tdp_watts = 700,                    -- H100 datasheet (2023): max TDP "Up to 700W (configurable)"
}
