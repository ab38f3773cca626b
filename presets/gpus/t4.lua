-- NVIDIA T4 16GB (GDDR6). Peak figures: "NVIDIA T4 Tensor Core GPU Datasheet" (2019) (from memory
-- of the datasheet). Turing has no structured sparsity, so these are dense. No BF16/TF32/FP8.
return {
  kind = "gpu",
  name = "t4",
  description = "NVIDIA T4 16GB GDDR6 (PCIe, 70 W)",
  vendor = "nvidia",
  arch = "turing",
  compute_capability = 75,            -- SM 7.5
  -- deviceQuery on "Tesla T4" on AWS g4dn.xlarge, driver 555.42.02 / CUDA 12.5: "Total amount of
  -- global memory: 14918 MBytes (15642329088 bytes)" = 14.57 GiB, quoted in a public setup guide
  -- found via code search (repository not identified). Older drivers report 15110 MBytes
  -- (15843721216 bytes). nvidia-smi shows 15360MiB (modal-labs/modal-client PR #2797).
  memory_bytes = 15642329088,
  datasheet_memory_bytes = 16e9,      -- T4 datasheet: 16GB GDDR6
  hbm_bytes_per_s = 320e9,            -- T4 datasheet: "320+ GB/s"
  peak_flops = {
    fp32 = 8.1e12,                    -- T4 datasheet: single precision 8.1 TFLOPS
    fp16 = 65e12,                     -- T4 datasheet: mixed precision (FP16/FP32) 65 TFLOPS
    int8 = 130e12,                    -- T4 datasheet: INT8 130 TOPS
    int4 = 260e12,                    -- T4 datasheet: INT4 260 TOPS
  },
  -- NVIDIA Developer Forums "About GPU peak performance": cuBLAS fp16 4096^3 GEMM on T4 sustains
  -- ~24 TFLOPS of 65 because of 70 W power capping -> 0.37.
  compute_fraction = 0.37,
  -- Same g4dn.xlarge guide as memory_bytes: CUDA bandwidthTest device-to-device 233.6 GB/s -> 0.73 of 320.
  memory_fraction = 0.73,
  -- GEMM shape model (latency.c tile_waste): tiles over the SMs, as LLMCompass does.
  sm_count = 40,                 -- NVIDIA Turing architecture whitepaper (2018): Tesla T4 2,560 CUDA cores = 40 SMs x 64
  -- CUTLASS 2.x default threadblock tile 128x128x32; mma.sync m16n8k8 (PTX ISA)
  gemm_tile_m = 128, gemm_tile_n = 128, gemm_tile_m_min = 16,
  -- smooth roofline (t_c^p + t_m^p)^(1/p): p = 2 is an ESTIMATE checked against DeepGEMM's
  -- published H800 table (M=64-128, N=2112-7168); calibrate fits it (calib-params.c)
  roofline_sharpness = 2,
  gpus_per_node = 4,                  -- e.g. g4dn.12xlarge: 4x T4
  intra_fabric = "pcie3",             -- T4 datasheet: PCIe Gen3 x16 (32GB/s bidirectional)
  inter_fabric = "roce-400g",         -- placeholder; T4 hosts use much slower Ethernet in practice
  tdp_watts = 70,                     -- T4 datasheet: 70W
}
