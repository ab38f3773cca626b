#!/bin/bash
# tests/cli/keys.sh: the scenario-key and search-option tables as the CLI
# sees them (issue 9): the refill rule, what each engine's KV cache
# supports, the checkpoint's own dtype, the man page's PARAMETERS section.
source "$(dirname "$0")/../lib.sh"
S=$SHARDLAB

# defect 5, the CLI's half: --nodes 2 on the default TP 8 scenario refills
expect nodes-refill 0 'strategy +TP 4 x PP 1 x DP 4 = 16 of 16 GPUs' '' -- $S eval --nodes 2

# defect 11: vLLM's --kv-cache-dtype offers auto (the model's dtype) and fp8
# variants only (vllm/config/cache.py CacheDType); int4/int8 were accepted
expect kv-int4-vllm 2 '' "bad value for .kv_dtype.: vllm supports a bf16, fp16, fp32 or fp8 KV cache, not int4" -- \
	$S eval --kv-dtype int4
expect kv-int8-vllm 2 '' "vllm supports a .* KV cache, not int8" -- $S eval --kv-dtype int8
expect kv-int8-sglang 2 '' "sglang supports a .* KV cache, not int8" -- $S eval --runtime sglang --kv-dtype int8
# TensorRT-LLM has an INT8 KV cache (TensorRT-LLM docs, features/quantization)
expect kv-int8-trtllm 0 'KV int8; runtime trtllm' '' -- $S eval --runtime trtllm --kv-dtype int8 --rps 0
expect kv-fp8-vllm 0 'KV fp8; runtime vllm' '' -- $S eval --kv-dtype fp8 --rps 0

# defect 11: DeepSeek-V3's config.json has quantization_config quant_method
# fp8 (block 128x128, e4m3): import says so, eval serves it in fp8 unless
# --dtype says otherwise, and its notes say where fp8 came from
expect import-quant 0 'quantization +fp8 \(quant_method fp8, e4m3, blocks 128x128\); torch_dtype bfloat16; eval.s default weights: fp8' '' -- \
	$S import presets/models/deepseek-v3.json
expect import-bf16 0 'quantization +none; torch_dtype bfloat16' '' -- $S import presets/models/llama-3-70b.json
expect eval-ckpt-fp8 0 'weights fp8, KV' '' -- $S eval --model deepseek-v3 --cluster h100x16
expect eval-ckpt-note 0 "note +weights fp8: the checkpoint's quantization_config \(quant_method fp8, e4m3, blocks 128x128\); set dtype to choose" '' -- \
	$S eval --model deepseek-v3 --cluster h100x16
expect eval-ckpt-chosen 1 'weights bf16, KV' '' -- $S eval --model deepseek-v3 --cluster h100x16 --dtype bf16

finish
