#!/bin/bash
# tests/cli/engine.sh: --from-command (engine command lines in) and --emit
# (out) for vLLM, SGLang and TensorRT-LLM (issue 12, second half).
source "$(dirname "$0")/../lib.sh"
S=$SHARDLAB

# in: issue 12's vLLM example; 40,960 KV bytes per token per GPU = 2 x 80 layers x 1 KV head
# (8 / TP 8) x 128 x 2 bytes (Llama 3 70B config.json), as eval-kv-bpt in eval.sh
VLLM='vllm serve meta-llama/Llama-3.1-70B-Instruct --tensor-parallel-size 8 --max-model-len 8192 --gpu-memory-utilization 0.85 --host 0.0.0.0 --port 8000'
expect from-vllm 0 'TP 8 x PP 1 x DP 1 = 8 of 8 GPUs.*runtime vllm \(memory fraction 0.85\)' '' -- \
	$S eval --from-command "$VLLM" --rps 0
expect from-vllm-kv 0 '40,960 bytes per token per GPU' '' -- $S eval --from-command "$VLLM" --rps 0
expect from-vllm-ignored 0 '' 'note: --from-command \(vLLM v0.11\): ignored, not modelled: --host, --port' -- \
	$S eval --from-command "$VLLM" --rps 0
expect from-vllm-hf-note 0 '' 'Llama-3.1-70B-Instruct read as llama-3-70b \(same layers and heads' -- \
	$S eval --from-command "$VLLM" --rps 0
expect from-vllm-json 0 '"max_model_len":[[:space:]]*8192' '' -- $S eval --from-command "$VLLM" --rps 0 --json
# a later option wins over the command's flag, as any option does
expect from-then-option 0 'TP 4 x PP 1 x DP 2' '' -- $S eval --from-command "$VLLM" --tp 4 --dp 2 --rps 0
# quoting and continuations, as in plans' code blocks
expect from-continuation 0 'TP 4 x PP 2 x DP 1.*runtime vllm' '' -- $S eval --cluster h100x8 --rps 0 --from-command \
	"$(printf 'CUDA_VISIBLE_DEVICES=0,1,2,3,4,5,6,7 vllm serve \\\n  "meta-llama/Meta-Llama-3-70B-Instruct" \\\n  -tp 4 \\\n  --pipeline-parallel-size=2   # two stages\n')"
# SGLang: python -m sglang.launch_server and sglang serve
expect from-sglang-serve 0 'TP 2 x PP 1 x DP 1.*runtime sglang' '' -- $S eval --rps 0 --from-command \
	'sglang serve --model-path mistralai/Mistral-7B-Instruct-v0.1 --tp-size 2'
expect from-sglang 0 'TP 4 x PP 1 x DP 2.*runtime sglang \(memory fraction 0.80\)' '' -- $S eval --rps 0 --from-command \
	'python -m sglang.launch_server --model-path meta-llama/Meta-Llama-3-70B-Instruct --tp 4 --dp 2 --mem-fraction-static 0.8 --trust-remote-code'
expect from-sglang-ignored 0 '' 'ignored, not modelled: --trust-remote-code' -- $S eval --rps 0 --from-command \
	'python -m sglang.launch_server --model-path meta-llama/Meta-Llama-3-70B-Instruct --tp 4 --dp 2 --trust-remote-code'
# TensorRT-LLM: trtllm-serve and trtllm-bench
expect from-trtllm 0 'TP 8 x PP 1 x DP 1.*runtime trtllm \(memory fraction 0.75\)' '' -- $S eval --rps 0 --from-command \
	'trtllm-serve meta-llama/Meta-Llama-3-70B-Instruct --tp_size 8 --max_batch_size 64 --kv_cache_free_gpu_memory_fraction 0.75 --backend pytorch'
expect from-trtllm-batch 0 'batch 64 per replica' '' -- $S eval --rps 0 --from-command \
	'trtllm-serve meta-llama/Meta-Llama-3-70B-Instruct --tp_size 8 --max_batch_size 64'
expect from-trtllm-bench 0 'TP 2 x PP 1 x DP 1.*runtime trtllm' '' -- $S eval --rps 0 --cluster h100x8 --from-command \
	'trtllm-bench --model meta-llama/Meta-Llama-3-8B throughput --dataset data.jsonl --tp 2 --max_batch_size 32'
# errors: one line, naming the word
expect from-unknown-model 2 '' "^shardlab: --from-command: unknown model 'acme/Giant-1T'" -- \
	$S eval --from-command 'vllm serve acme/Giant-1T --tensor-parallel-size 8'
expect_stderr_lines from-unknown-model-1line 1
expect from-bad-value 2 '' "^shardlab: --from-command: --tensor-parallel-size eight: 'eight' is not a number$" -- \
	$S eval --from-command 'vllm serve meta-llama/Meta-Llama-3-8B --tensor-parallel-size eight'
expect_stderr_lines from-bad-value-1line 1
expect from-bad-range 2 '' '^shardlab: --from-command: --gpu-memory-utilization 1.5: must be <= 1$' -- \
	$S eval --from-command 'vllm serve meta-llama/Meta-Llama-3-8B --gpu-memory-utilization 1.5'
expect from-bad-quant 2 '' "^shardlab: --from-command: --quantization zip: unknown quantization" -- \
	$S eval --from-command 'python -m sglang.launch_server --model-path meta-llama/Meta-Llama-3-8B --quantization zip'
expect from-quote 2 '' "^shardlab: --from-command: unterminated ' quote$" -- \
	$S eval --from-command "vllm serve 'meta-llama/Meta-Llama-3-8B"
expect from-not-engine 2 '' "^shardlab: --from-command: 'ollama' is not a vllm serve" -- \
	$S eval --from-command 'ollama run llama3'

# out: each engine on one node
expect emit-vllm 0 '^vllm serve meta-llama/Meta-Llama-3-70B-Instruct' '' -- $S eval --model llama-3-70b --cluster h100x8 --tp 8 --emit vllm
expect emit-vllm-flags 0 '--tensor-parallel-size 8' '' -- $S eval --model llama-3-70b --cluster h100x8 --tp 8 --mem-util 0.85 --emit vllm
expect emit-vllm-mem 0 '--gpu-memory-utilization 0.85' '' -- $S eval --model llama-3-70b --cluster h100x8 --tp 8 --mem-util 0.85 --emit vllm
expect emit-vllm-len 0 '--max-model-len 2304' '' -- $S eval --model llama-3-70b --cluster h100x8 --tp 8 --emit vllm
expect emit-vllm-fp8 0 '--kv-cache-dtype fp8' '' -- $S eval --model llama-3-70b --cluster h100x8 --tp 8 --kv-dtype fp8 --emit vllm
expect emit-vllm-ep 0 '--enable-expert-parallel' '' -- $S eval --model mixtral-8x7b --cluster h100x8 --tp 8 --ep 8 --emit vllm
expect emit-sglang 0 '--mem-fraction-static [0-9.]+' '' -- $S eval --model llama-3-70b --cluster h100x8 --tp 4 --dp 2 --emit sglang
expect emit-sglang-dp 0 '--dp-size 2' '' -- $S eval --model llama-3-70b --cluster h100x8 --tp 4 --dp 2 --emit sglang
expect emit-sglang-kv 0 '--kv-cache-dtype fp8_e4m3' '' -- $S eval --model llama-3-70b --cluster h100x8 --tp 8 --kv-dtype fp8 --emit sglang
expect emit-trtllm 0 '--kv_cache_free_gpu_memory_fraction 0.9' '' -- $S eval --model llama-3-70b --cluster h100x8 --tp 8 --emit trtllm
expect emit-trtllm-dp 0 '^CUDA_VISIBLE_DEVICES=4,5,6,7 trtllm-serve' '' -- $S eval --model llama-3-70b --cluster h100x8 --tp 4 --dp 2 --emit trtllm
expect emit-trtllm-kv 0 'kv_cache_config: \{dtype: fp8\}' '' -- $S eval --model llama-3-70b --cluster h100x8 --tp 8 --kv-dtype fp8 --emit trtllm
expect emit-runtime-note 0 '--mem-fraction-static' 'evaluated on runtime sglang \(not vllm\)' -- \
	$S eval --model llama-3-70b --cluster h100x8 --tp 8 --runtime vllm --emit sglang
expect emit-bad 2 '' '^shardlab: --emit ollama: must be vllm, sglang or trtllm$' -- $S eval --emit ollama
expect emit-not-here 2 '' '^shardlab: --emit: for eval and search \(in the workbench, :emit ENGINE\)$' -- \
	$S run --emit vllm lua/examples/fewest_gpus.lua
# out: multi-node layouts, one command per node (TPOT p50 SLO 60 ms: the
# 405B at batch 128 decodes in 52.8 ms since issue 11's physics)
expect emit-vllm-ray 0 'ray start --address=HEAD_IP:6379' '' -- $S eval --model llama-3.1-405b --cluster h100x16 --tp 8 --pp 2 --rps 0 --tpot-p50 0.06 --emit vllm
expect emit-vllm-ray-backend 0 '--distributed-executor-backend ray' '' -- $S eval --model llama-3.1-405b --cluster h100x16 --tp 8 --pp 2 --rps 0 --tpot-p50 0.06 --emit vllm
expect emit-sglang-nodes 0 '--nnodes 2 --node-rank 1 --dist-init-addr HEAD_IP:50000' '' -- \
	$S eval --model llama-3.1-405b --cluster h100x16 --tp 8 --pp 2 --rps 0 --tpot-p50 0.06 --emit sglang
expect emit-sglang-two 0 '^2$' '' -- sh -c "$S eval --model llama-3.1-405b --cluster h100x16 --tp 8 --pp 2 --rps 0 --tpot-p50 0.06 --emit sglang | grep -c '^sglang serve'"
expect emit-trtllm-mpi 0 '^mpirun -H node0:8,node1:8 -n 16 trtllm-llmapi-launch trtllm-serve meta-llama/Llama-3.1-405B-Instruct' '' -- \
	$S eval --model llama-3.1-405b --cluster h100x16 --tp 8 --pp 2 --rps 0 --tpot-p50 0.06 --emit trtllm
# both ways: the emitted command read back gives the same strategy line
# (TensorRT-LLM takes the KV dtype from its YAML, which --emit only names in a comment)
for e in vllm:fp8 sglang:fp8 trtllm:bf16; do
	expect round-trip-${e%:*} 0 "TP 4 x PP 2 x DP 2 = 16 of 16 GPUs; weights bf16, KV ${e#*:}" '' -- sh -c \
		"$S eval --model llama-3.1-405b --cluster h100x16 --tp 4 --pp 2 --dp 2 --kv-dtype ${e#*:} --emit ${e%:*} | \
		 $S eval --cluster h100x16 --rps 0 --from-command \"\$(cat)\" 2>/dev/null; [ \$? -le 1 ]"
done
# the option is shared: search reads it too (the command's TP 4 is the base search starts from)
expect search-from-command 0 'llama-3-8b' 'ignored, not modelled: --port' -- $S search --rps 0 --from-command \
	'vllm serve meta-llama/Meta-Llama-3-8B-Instruct -tp 4 --port 8000'
# vLLM's multi-node wiring flags are understood, not ignored
expect from-vllm-wiring 0 'TP 8 x PP 2 x DP 1' '' -- $S eval --cluster h100x16 --rps 0 --tpot-p50 0.06 --from-command \
	'vllm serve meta-llama/Llama-3.1-405B-Instruct -tp 8 -pp 2 --nnodes 2 --node-rank 0 --master-addr HEAD_IP'
expect from-vllm-wiring-quiet 1 '^0$' '' -- sh -c "$S eval --cluster h100x16 --rps 0 --from-command \
	'vllm serve meta-llama/Llama-3.1-405B-Instruct -tp 8 -pp 2 --nnodes 2 --node-rank 0 --headless' 2>&1 >/dev/null | grep -c ignored"
# search --emit: the winner's command
expect search-emit 0 '^vllm serve meta-llama/Meta-Llama-3-8B-Instruct' '' -- $S search --model llama-3-8b --cluster h100x8 --emit vllm
expect search-emit-sglang 0 '^sglang serve' '' -- $S search --model llama-3-8b --cluster h100x8 --emit sglang
finish
