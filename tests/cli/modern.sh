#!/bin/bash
# tests/cli/modern.sh: issue 13's NVLink domains, FP4 formats and newer
# architectures as a user sees them (eval text, JSON, --explain, import,
# search, Lua).
source "$(dirname "$0")/../lib.sh"
S=$SHARDLAB
M=presets/models

# NVL72: one 72-GPU NVLink domain over 18 trays of 4
expect nvl72-line 0 '18 nodes, NVLink domains of 72 GPUs, nvlink5 inside' '' -- \
	$S eval --model llama-3.1-405b --cluster gb200-nvl72 --tp 16 --dp 4 --rps 0
expect nvl72-json 0 '"nvlink_domain":[[:space:]]*72' '' -- \
	$S eval --model llama-3.1-405b --cluster gb200-nvl72 --tp 16 --dp 4 --rps 0 --json
expect nvl72-no-span 0 'verdict +feasible' '' -- \
	$S eval --model llama-3.1-405b --cluster gb200-nvl72 --tp 16 --dp 4 --rps 0
# cut into 4-GPU domains TP 16 warns; still feasible (TTFT 265 ms): the
# hierarchical all-reduce puts only a quarter shard on InfiniBand
expect nvl72-cut 0 'layout\.tp_spans_nodes +TP 16 spans NVLink domains of 4 GPUs' '' -- \
	$S eval --model llama-3.1-405b --cluster gb200-nvl72 --nvlink-domain 4 --tp 16 --dp 4 --rps 0 --batch 8
expect nvl72-explain 0 'TP all-reduce over nvlink5 \(NVLink domain of 72 GPUs\)' '' -- \
	$S eval --model llama-3.1-405b --cluster gb200-nvl72 --tp 16 --dp 4 --explain=latency.tpot_s
expect nvl72-search 0 'TP 16' '' -- \
	$S search --model llama-3.1-405b --cluster gb200-nvl72 --tp 16 --top 3
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
printf 'local c = shardlab.cluster("gb200-nvl72")\nprint(c.nvlink_domain, c.gpus_per_node)\nlocal d = shardlab.cluster{ preset = "h100x16", nvlink_domain = 16 }\nprint(d.nvlink_domain)\n' > "$W/nvl.lua"
expect nvl72-lua 0 '^72	4
16$' '' -- $S run "$W/nvl.lua"
printf 'local r = shardlab.evaluate{ model = "gpt-oss-20b", gpu = "b200", gpus = 1, rps = 0 }\nprint(r.strategy.expert_dtype, r.cluster.nvlink_domain)\n' > "$W/goss.lua"
expect goss-lua 0 '^mxfp4	1$' '' -- $S run "$W/goss.lua"

# FP4: the weights count their scales; the FP4 peak only on Blackwell
expect goss-mixed 0 'weights bf16 \(experts mxfp4\)' '' -- $S eval --model gpt-oss-120b --gpu b200 --gpus 1 --rps 0
expect goss-weights 0 '60\.77 GiB' '' -- $S eval --model gpt-oss-120b --gpu b200 --gpus 1 --explain
expect goss-fp4-peak 0 'routed experts \(mxfp4\) at 9000 TFLOP/s \(mxfp4 GEMMs\)' '' -- \
	$S eval --model gpt-oss-120b --gpu b200 --gpus 1 --explain=latency.tpot_s
expect goss-h100-dequant 0 'h100-sxm \(hopper\) has no mxfp4 tensor cores' '' -- \
	$S eval --model gpt-oss-120b --gpu h100-sxm --gpus 1 --rps 0 --batch 64
expect nvfp4-json 0 '"compute_dtype":[[:space:]]*"nvfp4"' '' -- \
	$S eval --model llama-3-70b --cluster b200x8 --tp 1 --dp 8 --dtype nvfp4 --rps 0 --json
expect expert-dtype-json 0 '"expert_dtype":[[:space:]]*"nvfp4"' '' -- \
	$S eval --model gpt-oss-20b --gpu b200 --gpus 1 --expert-dtype nvfp4 --rps 0 --json
expect search-experts 0 'weights bf16 \(experts mxfp4\)' '' -- $S search --model gpt-oss-120b --cluster h100x8 --top 1
expect bad-kv-fp4 2 '' "not a KV dtype 'nvfp4'" -- $S eval --kv-dtype nvfp4
expect search-fp4 0 'nvfp4' '' -- $S search --model llama-3-70b --cluster b200x8 --dtypes nvfp4 --top 1

# engine flags: vLLM --quantization modelopt_fp4 / mxfp4 in and out
expect emit-nvfp4 0 '--quantization modelopt_fp4' '' -- \
	$S eval --model llama-3-70b --cluster b200x8 --tp 1 --dp 8 --dtype nvfp4 --emit vllm
expect from-nvfp4 0 '"dtype":[[:space:]]*"nvfp4"' '' -- \
	$S eval --from-command 'vllm serve meta-llama/Meta-Llama-3-70B --quantization modelopt_fp4' --cluster b200x8 --rps 0 --json

# architectures: import names what it does not model
expect gemma2-import 0 'total 27\.23e9 \(27227128320\)' '' -- $S import $M/gemma-2-27b.json
expect gemma2-softcap 0 'not modelled attn_logit_softcapping 50' '' -- $S import $M/gemma-2-27b.json
expect gemma2-slide 0 'sliding window 4096 on 23 of 46 layers' '' -- $S import $M/gemma-2-27b.json
expect gemma3-nested 0 'sliding window 1024 on 52 of 62 layers' '' -- $S import $M/gemma-3-27b.json
expect gemma3-vision 0 'vision_config: the vision tower' '' -- $S import $M/gemma-3-27b.json
expect llama4-chunk 0 'chunked attention of 8192 on 36 of 48 layers' '' -- $S import $M/llama-4-scout.json
expect maverick-moe 0 'layers       48 \(24 dense, 24 MoE\)' '' -- $S import $M/llama-4-maverick.json
expect kimi-mla 0 'MLA          q_lora_rank 1536, kv_lora_rank 512' '' -- $S import $M/kimi-k2.json
expect glm-prf 0 'partial_rotary_factor 0\.5' '' -- $S import $M/glm-4.5.json
# checkpoints in FP4: ModelOpt NVFP4 and llm-compressor's float4 group 16
sed 's/"torch_dtype": "bfloat16",/"torch_dtype": "bfloat16", "quantization_config": {"quant_method": "modelopt", "quant_algo": "NVFP4"},/' \
	presets/models/llama-3-8b.json > "$W/nvfp4.json"
expect import-modelopt 0 "quantization nvfp4 \(quant_method modelopt, quant_algo NVFP4\)" '' -- $S import "$W/nvfp4.json"
sed 's/"torch_dtype": "bfloat16",/"torch_dtype": "bfloat16", "quantization_config": {"quant_method": "compressed-tensors", "config_groups": {"group_0": {"weights": {"num_bits": 4, "type": "float", "group_size": 16}}}},/' \
	presets/models/llama-3-8b.json > "$W/ct.json"
expect import-ct-nvfp4 0 "quantization nvfp4 \(quant_method compressed-tensors" '' -- $S import "$W/ct.json"
expect glm-eval-note 0 'note +model glm-4\.5: not modelled: ' '' -- $S eval --model glm-4.5 --gpu h200 --gpus 8 --rps 0
finish
