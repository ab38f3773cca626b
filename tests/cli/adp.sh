#!/bin/bash
# tests/cli/adp.sh: attention DP with wide expert parallelism (issue 13) as a
# user meets it: eval's text, JSON and --explain, bad input, --emit and
# --from-command of SGLang's published 96-H100 deployment.
source "$(dirname "$0")/../lib.sh"
S=$SHARDLAB
D72='--model deepseek-v3 --gpu h100-sxm --gpus 72 --gpus-per-node 8 --tp 1 --dp 72 --ep 72 --dtype fp8 --runtime sglang --rps 0 --batch 256 --input-len 2000 --output-len 100 --ttft-p50 0 --ttft-p99 0 --tpot-p50 0 --tpot-p99 0'

# EP 72 needs redundant experts: 256 + 32 = 288 = 72 x 4
expect ep72-needs-redundant 2 '' 'EP 72 does not divide the 256 experts; fix: EP a divisor of 256, or ep_redundant' -- \
	$S eval $D72
expect_stderr_lines ep72-one-line 1
expect ep72-text 0 '^experts   EP 72 over 9 nodes \(attention DP 72 x TP 1\): 4 experts per GPU \(256 \+ 32 redundant\); dispatch 59.1 kB per token' '' -- \
	$S eval $D72 --ep-redundant 32
expect ep72-modes 0 'all-to-all prefill normal, decode low_latency' '' -- $S eval $D72 --ep-redundant 32
# dispatch per token: 7168 x 8 x (1 + 4/128) = 59,136 bytes (fp8 + scales)
expect ep72-json 0 '"dispatch_bytes_per_token":[[:space:]]*59136,' '' -- $S eval $D72 --ep-redundant 32 --json
expect ep72-json-mode 0 '"decode_mode":[[:space:]]*"low_latency"' '' -- $S eval $D72 --ep-redundant 32 --json
expect ep72-json-redundant 0 '"ep_redundant":[[:space:]]*32,' '' -- $S eval $D72 --ep-redundant 32 --json
expect ep72-explain 0 'DeepEP low-latency \(pure RDMA' '' -- \
	$S eval $D72 --ep-redundant 32 --explain=latency.ep.decode_a2a_s
expect ep72-explain-tpot 0 'EP all-to-all: DeepEP low-latency .* over 9 NVLink domains' '' -- \
	$S eval $D72 --ep-redundant 32 --explain=latency.tpot_s
expect ep-mode-forced 0 '"prefill_mode":[[:space:]]*"low_latency"' '' -- \
	$S eval $D72 --ep-redundant 32 --ep-mode low_latency --json
expect ep-mode-a2a 0 'all-to-all prefill a2a, decode a2a' '' -- $S eval $D72 --ep-redundant 32 --ep-mode a2a
expect ep-mode-bad 2 '' "^shardlab: --ep-mode fast: unknown mode 'fast' \(auto, a2a, normal, low_latency\)$" -- \
	$S eval $D72 --ep-redundant 32 --ep-mode fast
expect ep-redundant-bad 2 '' '^shardlab: --ep-redundant -1: must be >= 0$' -- $S eval $D72 --ep-redundant -1
# one node: the plain NVLink all-to-all
expect ep8-nvlink 0 'all-to-all prefill a2a, decode a2a: .*\(100% NVLink\)' '' -- \
	$S eval --model deepseek-v3 --cluster h200x8 --tp 1 --dp 8 --ep 8 --dtype fp8 --batch 16 --rps 0

# SGLang's decode command (sgl-project/sglang issue #6017) in and out
CMD='python3 -m sglang.launch_server --model-path deepseek-ai/DeepSeek-V3-0324 --disaggregation-mode decode --nnodes 9 --tp-size 72 --dp-size 72 --enable-dp-attention --enable-deepep-moe --deepep-mode low_latency --mem-fraction-static 0.846 --max-running-requests 18432 --context-length 4096 --ep-num-redundant-experts 32 --enable-two-batch-overlap --cuda-graph-bs 256'
expect lep-from 0 'TP 1 x PP 1 x DP 72, EP 72 \(expert TP 1\)' '18432: 256 per DP rank' -- \
	$S eval --gpu h100-sxm --gpus 72 --gpus-per-node 8 --rps 0 --input-len 2000 --output-len 100 \
	--ttft-p50 0 --ttft-p99 0 --tpot-p50 0 --tpot-p99 0 --from-command "$CMD"
expect lep-emit 0 '--moe-a2a-backend deepep .*--deepep-mode low_latency .*--ep-num-redundant-experts 32' '' -- \
	bash -c "$S eval --gpu h100-sxm --gpus 72 --gpus-per-node 8 --from-command '$CMD' --emit sglang 2>/dev/null | tr '\n' ' '"
expect lep-emit-vllm 0 '--all2all-backend deepep_low_latency .*--enable-eplb .*--eplb-config .\{"num_redundant_experts": 32\}' '' -- \
	bash -c "$S eval --gpu h100-sxm --gpus 72 --gpus-per-node 8 --from-command '$CMD' --emit vllm 2>/dev/null | tr '\n' ' '"
expect vllm-from 0 'EP 32 \(expert TP 1\)' '' -- $S eval --gpu h100-sxm --gpus 32 --gpus-per-node 8 --rps 0 \
	--from-command "vllm serve deepseek-ai/DeepSeek-V3-0324 -dp 32 --enable-expert-parallel --all2all-backend deepep_high_throughput --enable-eplb --eplb-config '{\"num_redundant_experts\": 32}'"
# search: attention DP + wide EP rows are labelled; the scenario's redundant slots open EP 72
expect search-adp-label 0 'EP 32 over attention DP' '' -- $S search --model deepseek-v3 --gpu h100-sxm --gpus 64 \
	--dtype fp8 --runtime sglang
expect search-ep72 0 'EP across every GPU \(TP 1 x PP 1, EP 72\): feasible \(TP 1 x PP 1 x DP 72, EP 72 over attention DP' '' -- \
	$S search --model deepseek-v3 --gpu h100-sxm --gpus 72 --gpus-per-node 8 --dtype fp8 --runtime sglang \
	--ep-redundant 32 --input-len 2000 --output-len 100
# TensorRT-LLM attention DP: one world, enable_attention_dp in the YAML it writes
expect trt-adp-emit 0 "printf 'enable_attention_dp: true.n' > extra_llm_api_options.yaml .*--tp_size 8 .*--ep_size 8 .*--extra_llm_api_options extra_llm_api_options.yaml" '' -- \
	bash -c "$S eval --model deepseek-v3 --cluster h200x8 --tp 1 --dp 8 --ep 8 --dtype fp8 --emit trtllm 2>/dev/null | tr '\n' ' '"
$S eval --model deepseek-v3 --cluster h200x8 --tp 1 --dp 8 --ep 8 --dtype fp8 --emit trtllm >"$OUT/trt.sh" 2>/dev/null
expect trt-adp-from 0 'TP 1 x PP 1 x DP 8, EP 8 \(expert TP 1\)' 'enable_attention_dp: attention TP 1 x DP 8' -- \
	$S eval --cluster h200x8 --rps 0 --from-command "$(cat "$OUT/trt.sh")"
finish
