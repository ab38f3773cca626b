-- The default scenario: what `shardlab` opens and `shardlab eval` evaluates
-- without options. Llama-3-70B in bf16 on one 8x H100 SXM node, TP=8, served by
-- vLLM; SLOs as in the deployment plans in shared/plans (prefill p50 500 ms,
-- p99 1 s; decode p50 50 ms, p99 100 ms; 8 requests/s).
return {
  kind = "scenario",
  name = "default",
  description = "Llama-3-70B bf16 on 8x H100 SXM, TP=8, vLLM",
  model = "llama-3-70b", cluster = "h100x8", runtime = "vllm",
  tp = 8, pp = 1, dp = 1, ep = 1,
  dtype = "bf16", kv_dtype = "bf16",
  -- batch, input_len and output_len: the defaults of src/core/params.c's table
  slo = { ttft_p50_s = 0.5, ttft_p99_s = 1.0, tpot_p50_s = 0.05, tpot_p99_s = 0.1, rps = 8 },
}
