-- NVIDIA Tesla V100 SXM2 16GB (HBM2), the variant in AWS p3 / GCP / Azure NCv3-class instances.
-- Peak figures: "NVIDIA Tesla V100 GPU Datasheet" (2018) (from memory of the datasheet), column
-- "V100 SXM2". Volta has no sparsity, no BF16/TF32/FP8/INT8 tensor cores.
return {
  kind = "gpu",
  name = "v100",
  description = "NVIDIA Tesla V100 SXM2 16GB HBM2",
  vendor = "nvidia",
  arch = "volta",
  compute_capability = 70,            -- SM 7.0
  -- deviceQuery on "Tesla V100-SXM2-16GB" (driver/runtime 12.4): "Total amount of global memory:
  -- 16144 MBytes (16928342016 bytes)" = 15.77 GiB, quoted in public GitHub text found via code
  -- search (repository not identified). CUDA 9.0-era drivers print 16160 MBytes (16945512448 bytes).
  memory_bytes = 16928342016,
  datasheet_memory_bytes = 16e9,      -- V100 datasheet: 16GB HBM2 (a 32GB variant also exists)
  hbm_bytes_per_s = 900e9,            -- V100 datasheet: 900GB/s
  peak_flops = {
    fp32 = 15.7e12,                   -- V100 datasheet, SXM2: single precision 15.7 TFLOPS
    fp16 = 125e12,                    -- V100 datasheet, SXM2: Tensor Performance 125 TFLOPS
  },
  -- lablup/mlxcel issue #1654: Tesla V100 cuBLAS f16 GEMM at the project's prefill shapes (m=2048)
  -- reaches 95-100 TFLOPS -> 0.76-0.80 of 125.
  compute_fraction = 0.78,
  -- ginkgo-project/ginkgo issue #164: on Tesla V100-SXM2-16GB intra-device copy "should achieve
  -- around 750 GB/s" (p2pBandwidthLatencyTest) -> 0.83 of 900.
  memory_fraction = 0.83,
  -- GEMM shape model (latency.c tile_waste): tiles over the SMs, as LLMCompass does.
  sm_count = 80,                 -- NVIDIA Tesla V100 GPU Architecture whitepaper (2017): "80 SMs"
  -- CUTLASS 2.x default threadblock tile 128x128x32; mma.sync m8n8k4 (PTX ISA), 16 rows per warp tile
  gemm_tile_m = 128, gemm_tile_n = 128, gemm_tile_m_min = 16,
  -- smooth roofline (t_c^p + t_m^p)^(1/p): p = 2 is an ESTIMATE checked against DeepGEMM's
  -- published H800 table (M=64-128, N=2112-7168); calibrate fits it (calib-params.c)
  roofline_sharpness = 2,
  gpus_per_node = 8,                  -- DGX-1V / p3.16xlarge: 8x V100 SXM2
  -- V100 SXM2 uses NVLink2 (datasheet: 300GB/s bidirectional, hybrid cube-mesh, no NVSwitch), which
  -- has no preset in presets/fabrics; pcie3 is a conservative stand-in.
  intra_fabric = "pcie3",
  inter_fabric = "ib-hdr",            -- stand-in: DGX-1V shipped with 4x EDR 100Gb/s IB, no EDR preset
  tdp_watts = 300,                    -- V100 datasheet, SXM2: 300W
}
