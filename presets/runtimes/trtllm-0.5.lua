-- TensorRT-LLM 0.5 (2023, TensorRT engines): trtllm.lua with the attention kernel of that
-- release. Every field not set here is trtllm.lua's (extends, docs/PRESET-FORMAT.md).
return {
  kind = "runtime",
  name = "trtllm-0.5",
  extends = "trtllm",
  description = "TensorRT-LLM 0.5 (TensorRT engines, masked MHA before XQA)",
  version = "0.5",
  -- Before XQA (introduced after 0.5; TensorRT-LLM docs "XQA optimization"), GQA decode ran the
  -- masked multi-head attention kernel (cpp/kernels/decoderMaskedMultiheadAttention): one thread
  -- block per query head, so each KV head is streamed a_q/a_kv times.
  attention_kernel = "mmha",
}
