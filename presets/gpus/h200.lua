-- NVIDIA H200 SXM 141GB (HBM3e). Peak figures: "NVIDIA H200 Tensor Core GPU Datasheet" (2024),
-- column "H200 SXM" (from memory of that datasheet: compute identical to H100 SXM; memory 141GB at
-- 4.8TB/s, confirmed by several spec pages in the search corpus). Tensor figures in the datasheet
-- are WITH sparsity; halved below.
return {
  kind = "gpu",
  name = "h200",
  description = "NVIDIA H200 SXM 141GB HBM3e",
  vendor = "nvidia",
  arch = "hopper",
  compute_capability = 90,            -- SM 9.0 (torch: "NVIDIA H200', major=9, minor=0")
  -- vllm-project/vllm issue #10702 (Llama 70B, TP on H200) logs "total_gpu_memory=139.72GiB".
  -- 139.72 * 2^30 = 150023207649 bytes (rounded; the log has 0.01 GiB resolution).
  -- Corroboration: ai-bot-pro/achatbot deploy/modal/src/llm/vllm/vlm/skywork_r1v.py quotes
  -- torch "_CudaDeviceProperties(name='NVIDIA H200' ... total_memory=143156MB)" = 139.80 GiB
  -- (newer driver). nvidia-smi shows 143771MiB.
  memory_bytes = 150023207649,
  datasheet_memory_bytes = 141e9,     -- H200 datasheet (2024): "GPU memory 141GB"
  hbm_bytes_per_s = 4.8e12,           -- H200 datasheet (2024): "GPU memory bandwidth 4.8TB/s"
  peak_flops = {
    fp32 = 67e12,                     -- H200 datasheet: FP32 67 TFLOPS (same GH100 compute as H100 SXM)
    tf32 = 494.7e12,                  -- TF32 989 TFLOPS* (sparse) / 2
    bf16 = 989.4e12,                  -- BF16 1,979 TFLOPS* (sparse) / 2
    fp16 = 989.4e12,                  -- FP16 1,979 TFLOPS* (sparse) / 2
    fp8 = 1978.9e12,                  -- FP8 3,958 TFLOPS* (sparse) / 2
    int8 = 1978.9e12,                 -- INT8 3,958 TOPS* (sparse) / 2
  },
  -- stas00/ml-engineering compute/accelerator/README.md MAMF table: H100 SXM bf16 80.3% with the
  -- note "H200 is the same"; H200 SXM fp8 MAMF 1453.4 of 1979 = 73.4%; GH200 bf16 83.8%.
  compute_fraction = 0.80,
  -- samuel-bohman/AI-benchmarking-guide Azure_Results/ND_H200_v5_results.md: Copy 4.01, Triad 4.15
  -- TB/s -> 0.84-0.86 of 4.8 TB/s.
  memory_fraction = 0.85,
  -- GEMM shape model (latency.c tile_waste): tiles over the SMs, as LLMCompass does.
  sm_count = 132,                -- same GH100 die as H100 SXM5: NVIDIA H100 whitepaper (2022) "132 SMs"; H200 product brief lists the same Hopper configuration
  -- vLLM csrc/quantization/cutlass_w8a8/c3x (sm90 fp8 dispatch): default TileShape 128x128x128; M <= 64 uses 64-row tiles, wgmma.mma_async has M = 64 (PTX ISA)
  gemm_tile_m = 128, gemm_tile_n = 128, gemm_tile_m_min = 64,
  -- smooth roofline (t_c^p + t_m^p)^(1/p): p = 2 is an ESTIMATE checked against DeepGEMM's
  -- published H800 table (M=64-128, N=2112-7168); calibrate fits it (calib-params.c)
  roofline_sharpness = 2,
  compute_fraction_by_dtype = {
    fp8 = 0.73,            -- MAMF H200 SXM fp8 1453.4 of 1979 = 73.4% (the citation above)
  },
  gpus_per_node = 8,                  -- HGX H200 8-GPU baseboard
  intra_fabric = "nvlink4",           -- H200 datasheet: NVLink 900GB/s (bidirectional)
  inter_fabric = "ib-ndr",
  tdp_watts = 700,                    -- H200 datasheet (2024), SXM: "Up to 700W (configurable)"
}
