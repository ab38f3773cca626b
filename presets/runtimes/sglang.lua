-- SGLang. Defaults read from sgl-project/sglang python/sglang/srt/server_args.py
-- (ServerArgs._handle_gpu_memory_settings) and model_runner.py as stored in the code index.
return {
  kind = "runtime",
  name = "sglang",
  description = "SGLang (radix-cache scheduler)",
  -- server_args.py docstring: "mem_fraction_static is defined as (model weights + KV cache pool) /
  -- GPU memory capacity"; activations and CUDA graph buffers must fit in the remaining fraction.
  memory_mode = "static",
  -- mem_fraction_static default (None -> heuristic in _handle_gpu_memory_settings), gpu_mem in MiB
  -- from nvidia-smi memory.total. For an 80 GB H100 at TP=8 (gpu_mem = 81559 MiB, nvidia-smi in
  -- vllm-project/vllm issue #55169): 60 GiB <= gpu_mem < 90 GiB -> chunked_prefill_size = 8192,
  -- cuda_graph_max_bs = 512 (tp >= 4); reserved_mem = 512 + 8192*1.5 + 512*2 + tp*pp/8*1024
  -- = 512 + 12288 + 1024 + 1024 = 14848 MiB (>= the 10 GiB floor);
  -- round((81559 - 14848) / 81559, 3) = 0.818. (TP=1 on the same GPU: 512+12288+256*2+128 = 13440 MiB
  -- -> 0.835; fallback 0.88 when GPU memory cannot be read. The earliest server_args.py used fixed
  -- per-TP values: 0.80 at TP>=8, 0.82 TP>=4, 0.85 TP>=2, 0.90 TP=1.)
  mem_fraction = 0.818,
  -- ... and that derivation is what eval uses (core runtime_mem_fraction, memory.c): per GPU size and
  -- TP x PP, as server_args.py does; 0.818 above is shown where no layout is known. Setting mem_util
  -- (--mem-fraction-static) turns it off.
  mem_fraction_auto = true,
  -- pytorch/pytorch issue #107667 (ptrblck): ~300 MB CUDA context since CUDA 11.7; plus library
  -- workspaces. Same value as vllm.lua. (SGLang's reserved_mem also holds a 512 MiB constant for
  -- attention-backend metadata.)
  cuda_context_bytes = 0.5e9,
  -- server_args.py: "reserved_mem += self.cuda_graph_max_bs * 2" (MiB) -> 512 * 2 = 1024 MiB
  -- = 1073741824 bytes at TP=8 on an 80 GB GPU.
  cuda_graph_bytes = 1073741824,
  -- NCCL and custom all-reduce buffers actually allocated once TP > 1: vllm-project/vllm PR #10511
  -- measures non_torch_memory 1.79 GiB at TP=1 vs 3.58 GiB at TP=2 (+1.79 GiB = 1.92e9 bytes);
  -- SGLang uses the same NCCL and a custom all-reduce of similar size. (server_args.py's
  -- "reserved_mem += tp_size * pp_size / 8 * 1024" MiB is only a heuristic for choosing the
  -- default mem_fraction_static, not a measurement.) Cross-check: vllm-project/vllm issue #21348,
  -- Qwen3-235B-A22B-FP8 TP4 at --mem-fraction-static 0.93 logs 367,404 KV tokens; this figure
  -- gives 367,3xx (tests/unit/test_crosscheck.c).
  comm_buffer_bytes = 1.9e9,
  -- server_args.py: page_size: Optional[int] = None -> 1 token per page unless an attention backend
  -- forces larger pages (e.g. flashmla 64, cutlass_mla 128).
  kv_block_tokens = 1,
  -- server_args.py: chunked_prefill_size = 8192 for 60-90 GiB GPUs (2048 below 35 GiB, 4096 for
  -- 35-60 GiB, 16384 above 160 GiB). Activation reserve is 1.5 MiB per chunked-prefill token.
  max_num_batched_tokens = 8192,
  -- model_runner.py: max_running_requests unset -> min(max(int(max_total_num_tokens / context_len
  -- * 512), 2048), 4096), further capped at max_total_num_tokens // 2. 4096 is the upper clamp.
  max_num_seqs = 4096,
  -- Same per-kernel floor as vllm.lua (from memory of NVIDIA "Getting Started with CUDA Graphs"
  -- (2019): ~3.4 us per short kernel inside a graph; sglang PR #2904: 3.7-5.9 us all-reduce kernels).
  kernel_floor_s = 4e-6,
  -- KV-cache dtypes: sglang/srt/server_args.py --kv-cache-dtype choices "auto" (the model's
  -- dtype), "fp8_e5m2", "fp8_e4m3" (docs/advanced_features/server_arguments.md). No int8/int4.
  kv_dtypes = { "bf16", "fp16", "fp32", "fp8" },
  version = "0.5",
  -- SGLang's default attention backend: FlashInfer (fa3 on Hopper since 0.4.6; both share each KV
  -- head across its query heads: sglang/srt/layers/attention/).
  attention_kernel = "flashinfer",
  -- Decode attention (latency.c attention/attn_bw): achievable HBM fraction of a large launch, and
  -- the KV tokens per launch (all sequences) where half of it is reached, i.e. a fixed cost per
  -- launch of that many tokens' reading. ESTIMATES, fitted by calibrate (calib-params.c):
  -- FlashInfer (Ye et al., arXiv 2501.01005, sec. 5) reports decode attention near the bandwidth
  -- roofline at long contexts and far below it at short ones; FlashAttention-2 (Dao, arXiv
  -- 2307.08691, sec. 4) reaches 50-73% of A100 peak in the forward pass (prefill attention).
  attn_bw_fraction = 0.80,
  attn_ctx_half = 2048,
  attn_compute_fraction = 0.60,
  -- Host costs: the overlap scheduler hides most CPU work (SGLang v0.4 blog, "zero-overhead batch
  -- scheduler"). ESTIMATES, fitted by calibrate: 0.1 ms per step, 1 us per sequence, 2 ms per request.
  step_overhead_s = 0.1e-3,
  seq_overhead_s = 1e-6,
  request_overhead_s = 2e-3,
  cuda_graphs = true,
  eager_launch_s = 10e-6,
  -- sglang/srt/distributed/device_communicators/custom_all_reduce.py (vLLM's): 8 MiB.
  custom_ar_max_bytes = 8388608,
  -- --moe-a2a-backend deepep sends fp8 dispatch / bf16 combine; default "none" (16-bit)
  ep_dispatch_fp8 = false,
  moe_imbalance = 1,
  -- Grouped MoE GEMM (Triton fused_moe with the engine's tuned per-GPU configs) against the dense
  -- GEMMs' rate: a tuned Triton fused MoE reaches "523 TFLOPS inference" on H100 for the
  -- Qwen3-30B-A3B expert shape (linkedin/Liger-Kernel PR #1294) vs the 794.5 TFLOPS dense MAMF:
  -- 0.66. Untuned kernels sit far lower (ByteDance-Seed/VeOmni PR #460: 215 TFLOP/s; MoE marlin
  -- W4A16 254 TFLOPS, sgl-project/sglang PR #38884: 0.27-0.32). The default is the geometric mean of
  -- the two ends, 0.45, not fitted to any reference row; calibrate fits it.
  moe_gemm_efficiency = 0.45,
  -- CUDA graphs live outside mem_fraction_static (server_args.py, cited above)
  cuda_graph_profiled = true,
  mla_fp8_scales = false,
}
