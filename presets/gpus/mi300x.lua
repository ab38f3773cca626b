-- AMD Instinct MI300X (192GB HBM3, OAM). Peak figures: "AMD Instinct MI300X Accelerator" data
-- sheet (2023) (from memory of the data sheet; dense values cross-checked against
-- stas00/ml-engineering compute/accelerator/README.md: fp32 163.4, tf32 653.7, fp16/bf16 1300
-- (1307.4 = 2100 MHz * 256 FMA * 2 * 1216 matrix cores), fp8/int8 2600). AMD lists sparse values
-- separately (2x); dense values below.
return {
  kind = "gpu",
  name = "mi300x",
  description = "AMD Instinct MI300X 192GB HBM3",
  vendor = "amd",
  arch = "cdna3",
  compute_capability = 0,             -- AMD: 0 per format (gfx942)
  -- ROCm/ROCm issue #4203: torch-2.6 torch.cuda.get_device_properties reports
  -- "_CudaDeviceProperties(name='AMD Instinct MI300X', major=9, minor=4, gcnArchName='gfx942:sramecc+:xnack-',
  -- total_memory=196592MB ...)". 196592 * 1048576 = 206141652992 bytes (= 191.98 GiB; MiB-rounded).
  memory_bytes = 206141652992,
  datasheet_memory_bytes = 192e9,     -- MI300X data sheet: 192GB HBM3
  hbm_bytes_per_s = 5.3e12,           -- MI300X data sheet: 5.3TB/s peak
  peak_flops = {
    fp32 = 163.4e12,                  -- data sheet: FP32 vector/matrix 163.4 TFLOPS
    tf32 = 653.7e12,                  -- data sheet: TF32 653.7 TFLOPS (1307.4 with sparsity)
    bf16 = 1307.4e12,                 -- data sheet: BF16 1307.4 TFLOPS (2614.9 with sparsity)
    fp16 = 1307.4e12,                 -- data sheet: FP16 1307.4 TFLOPS (2614.9 with sparsity)
    fp8 = 2614.9e12,                  -- data sheet: FP8 2614.9 TFLOPS (5229.8 with sparsity)
    int8 = 2614.9e12,                 -- data sheet: INT8 2614.9 TOPS (5229.8 with sparsity)
  },
  -- stas00/ml-engineering MAMF table: MI300X bf16 MAMF 668.4 of 1300 = 51.4% (torch 2.5.1, ROCm 6.3,
  -- PYTORCH_TUNABLEOP_ENABLED=1); an older run gave 781.9 = 60.1% (ROCm 6.2). Azure ND MI300X v5
  -- hipBLASLt FP8 peaks at 1159 of 2615 TFLOPS (0.44). 0.51 = the newer MAMF figure.
  compute_fraction = 0.51,
  -- samuel-bohman/AI-benchmarking-guide Azure_Results/ND_MI300X_v5_results.md: Copy 4.11, Triad
  -- 4.09 TB/s -> 0.77-0.78 of 5.3 TB/s.
  memory_fraction = 0.78,
  -- GEMM shape model (latency.c tile_waste): tiles over the SMs, as LLMCompass does.
  sm_count = 304,                -- AMD Instinct MI300X data sheet: "304 GPU compute units"
  -- hipBLASLt/Tensile macro tiles 128x128 and up; MFMA 16x16 (AMD CDNA3 ISA)
  gemm_tile_m = 128, gemm_tile_n = 128, gemm_tile_m_min = 16,
  -- smooth roofline (t_c^p + t_m^p)^(1/p): p = 2 is an ESTIMATE checked against DeepGEMM's
  -- published H800 table (M=64-128, N=2112-7168); calibrate fits it (calib-params.c)
  roofline_sharpness = 2,
  compute_fraction_by_dtype = {
    fp8 = 0.44,            -- hipBLASLt FP8 1159 of 2615 TFLOPS (the citation above)
  },
  gpus_per_node = 8,                  -- 8x OAM platform, fully connected xGMI mesh
  intra_fabric = "infinity-fabric",
  inter_fabric = "roce-400g",         -- deployment choice (400G Ethernet NICs typical)
  tdp_watts = 750,                    -- MI300X data sheet: 750W TBP
}
