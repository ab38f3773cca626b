-- NVIDIA B200 (HGX B200, 1000 W air-cooled SKU). Peak figures: "NVIDIA HGX B200" datasheet /
-- "NVIDIA Blackwell Architecture Technical Brief" (2024), per-GPU = 8-GPU board total / 8.
-- NVIDIA quotes tensor figures WITH sparsity; halved below. Per-GPU dense values cross-checked
-- against stas00/ml-engineering compute/accelerator/README.md TFLOPS table ("NVIDIA B200 SXM":
-- tf32 1125, bf16 2250, fp8 4500, int8 4500, fp4 9000) and marin-community/marin PR #7334
-- (HGX B200 dense: bf16 2.25 PF, fp8/int8 4.5 PF, tf32 1.1 PF).
return {
  kind = "gpu",
  name = "b200",
  description = "NVIDIA B200 (HGX B200, 1000 W) HBM3e",
  vendor = "nvidia",
  arch = "blackwell",
  compute_capability = 100,           -- SM 10.0 (torch: "NVIDIA B200', major=10, minor=0")
  -- torch.cuda.get_device_properties: "_CudaDeviceProperties(name='NVIDIA B200', major=10, minor=0,
  -- total_memory=182642MB ...)" quoted in ai-bot-pro/achatbot
  -- deploy/modal/src/llm/vllm/vlm/skywork_r1v.py (another public file shows 182631MB).
  -- 182642 * 1048576 = 191514017792 bytes (~178.36 GiB). No vLLM total_gpu_memory log for B200 found.
  memory_bytes = 191514017792,
  datasheet_memory_bytes = 180e9,     -- from memory of DGX/HGX B200 datasheet (2024): 1,440GB total HBM3e / 8 = 180GB (chip marketed as 192GB; ml-engineering README lists 180GB for B200)
  hbm_bytes_per_s = 8.0e12,           -- from memory of DGX B200 datasheet (2024): 64TB/s total / 8 = 8TB/s per GPU (also "8 TB/s" in Vultr HGX B200 docs page)
  peak_flops = {
    fp32 = 75e12,                     -- from memory of HGX B200 datasheet: FP32 600 TFLOPS / 8 (ml-engineering lists 80)
    tf32 = 1.125e15,                  -- TF32 18 PFLOPS* board (sparse) / 8 / 2
    bf16 = 2.25e15,                   -- BF16 36 PFLOPS* board (sparse) / 8 / 2
    fp16 = 2.25e15,                   -- FP16 36 PFLOPS* board (sparse) / 8 / 2
    fp8 = 4.5e15,                     -- FP8 72 PFLOPS* board (sparse) / 8 / 2
    int8 = 4.5e15,                    -- INT8 72 POPS* board (sparse) / 8 / 2
    -- (FP4 dense 9e15 = 144 PFLOPS* board / 8 / 2; not a key of the preset format.)
  },
  -- stas00/ml-engineering MAMF table: "NVIDIA B200 SXM" bf16 MAMF 1745.0 of 2250 = 77.6%
  -- (torch 2.7.1+cu128); fp8 3432.5 of 4500 = 76.3%.
  compute_fraction = 0.78,
  -- NVIDIA/cccl PR #7391 (DeviceTransform benchmarks on "NVIDIA B200"): 2^28-element copy/add
  -- reaches 6.72 TB/s -> 6.72 / 8.0 = 0.84.
  memory_fraction = 0.84,
  -- GEMM shape model (latency.c tile_waste): tiles over the SMs, as LLMCompass does.
  sm_count = 148,                -- from memory of NVIDIA Blackwell technical brief figures (148 SMs over two dies); NOT re-verified
  -- CUTLASS sm100 kernels: 128x128 default tiles, tcgen05.mma M = 64 or 128 (PTX ISA)
  gemm_tile_m = 128, gemm_tile_n = 128, gemm_tile_m_min = 64,
  -- smooth roofline (t_c^p + t_m^p)^(1/p): p = 2 is an ESTIMATE checked against DeepGEMM's
  -- published H800 table (M=64-128, N=2112-7168); calibrate fits it (calib-params.c)
  roofline_sharpness = 2,
  gpus_per_node = 8,                  -- HGX B200 8-GPU baseboard
  intra_fabric = "nvlink5",           -- HGX B200: NVLink 5, 1.8TB/s per GPU (bidirectional)
  inter_fabric = "ib-ndr",
  tdp_watts = 1000,                   -- HGX B200 datasheet: up to 1000W per GPU
}
