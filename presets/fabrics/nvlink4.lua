-- NVLink 4 through third-generation NVSwitch (HGX/DGX H100, H200).
return {
  kind = "fabric",
  name = "nvlink4",
  description = "NVLink 4 through NVSwitch (H100/H200 SXM, 18 links per GPU)",
  -- NVIDIA H100 Tensor Core GPU Datasheet (2023): "NVLink: 900GB/s" (bidirectional) -> 450 GB/s
  -- per GPU per direction. NVIDIA/nccl-tests issue #212 (sjeaugey): "450GB/s is the line rate".
  bytes_per_s = 450e9,
  -- sgl-project/sglang PR #2904 (H100, TP=8, no CUDA graph): vLLM custom all-reduce takes
  -- 9.3-10.1 us for 512 B-4 KiB messages (SGLang's own kernel 5.7-5.9 us); vllm-project/vllm
  -- PR #24111 (H100): 13 us for a 0.5 MB all-reduce with the one-stage custom kernel vs 23 us pynccl.
  latency_s = 10e-6,
  -- NVIDIA/nccl-tests issue #212 (sjeaugey): with ~20% protocol overhead NCCL gets an effective
  -- 370 GB/s busBw (NCCL_ALGO=RING) -> 370/450 = 0.82; nccl-tests issue #309: 368.76 GB/s with NVLS
  -- disabled. (All-reduce with NVLink SHARP reaches ~476-480 GB/s busBw, nccl-tests #290 and the
  -- Azure ND H100 v5 results, i.e. >1.0 of line rate; not used here.)
  efficiency = 0.82,
  -- All-reduce algorithms (latency.c ar_flat). vllm-project/vllm PR #24111 (H100): a 0.5 MB
  -- all-reduce takes 23 us with pynccl vs 13 us with the custom one-stage kernel; the bandwidth
  -- part is ~2.4 us, so NCCL's per-call latency is ~20 us.
  nccl_latency_s = 20e-6,
  -- NVLink SHARP (NVLS) all-reduce busbw ~476-480 GB/s (NVIDIA/nccl-tests issue #290; Azure ND
  -- H100 v5 results, cited above) -> 478 / 450 = 1.06 of line rate in busbw terms.
  nvls_efficiency = 1.06,
  -- vLLM/SGLang custom all-reduce (one-shot / two-shot over NVLink peer access;
  -- vllm/distributed/device_communicators/custom_all_reduce.py, full NVLink required above 2 GPUs)
  custom_allreduce = true,
}
