#!/bin/bash
# tests/cli/eval.sh: `shardlab eval`, the catalog subcommands and bad input.
source "$(dirname "$0")/../lib.sh"
S=$SHARDLAB
D=tests/data

# the issue's "done" command: per-stage memory, TTFT, TPOT, throughput, checks
expect eval-default 0 'TTFT [0-9.]+ ms (\(measured [0-9.]+-[0-9.]+\))? +TPOT [0-9.]+ ms' '' -- $S eval --model llama-3-70b --cluster h100x8 --tp 8 --rps 0
expect eval-stage-bar 0 '\[W+K+A+R+\.+\|?\.*\] [0-9.]+ GB / 85.0 GB \([0-9]+%\)' '' -- $S eval --model llama-3-70b --cluster h100x8 --tp 8 --rps 0
expect eval-weights 0 '^ +0 0-79 +17\.6 GB' '' -- $S eval --model llama-3-70b --cluster h100x8 --tp 8 --rps 0
expect eval-kv-bpt 0 '40,960 bytes per token per GPU' '' -- $S eval --model llama-3-70b --cluster h100x8 --tp 8 --rps 0
expect eval-json 0 '"kv_bytes_per_token":[[:space:]]*40960' '' -- $S eval --json --model llama-3-70b --cluster h100x8 --tp 8 --rps 0
expect eval-json-feasible 0 '"feasible":[[:space:]]*true' '' -- $S eval --json --model llama-3-70b --cluster h100x8 --tp 8 --rps 0
expect eval-json-stages 0 '"stages":[[:space:]]*\[' '' -- $S eval --json --model llama-3-70b --cluster h100x8 --tp 2 --pp 4 --rps 0
expect eval-pp4-stages 0 '^ +3 60-79 ' '' -- $S eval --model llama-3-70b --cluster h100x8 --tp 2 --pp 4 --rps 0
# --explain: the issue's example text
expect explain-kv 0 'kv_bytes_per_token = 2 \(K and V\) x 80 layers x 1 KV head per GPU \(8 heads / TP 8\) x 128 head_dim x 2 bytes \(bf16\) = 40,960' '' -- \
	$S eval --model llama-3-70b --cluster h100x8 --tp 8 --explain=memory.kv_bytes_per_token
expect explain-all 0 'dominant: ' '' -- $S eval --model llama-3-70b --cluster h100x8 --tp 8 --rps 0 --explain
expect explain-tpot 0 'tpot_s = one decode step of 128 sequences' '' -- $S eval --explain=latency.tpot_s
expect explain-unknown 2 '' 'unknown figure' -- $S eval --explain=memory.nope

# plans in shared/plans: TP2 PP4 on one T4 needs 8 GPUs; the model on the T4 is short
expect plan-t4-gpus 2 '' 'layout needs 8 GPUs \(TP 2 x PP 4 x DP 1\), the cluster has 1.*layout.gpu_count' -- \
	$S eval --model llama-3-70b --cluster t4x1 --tp 2 --pp 4 --dtype fp16
# issue 9 #4: more GPUs than the cluster has is INVALID, with the reason, never figures
expect invalid-gpus 2 '' 'layout needs 128 GPUs \(TP 16 x PP 1 x DP 8\), the cluster has 16.*layout.gpu_count' -- \
	$S eval --tp 16 --dp 8 --cluster h100x16
expect invalid-gpus-json 2 '"feasible":[[:space:]]*false' '' -- $S eval --tp 16 --dp 8 --cluster h100x16 --json
expect invalid-gpus-json-check 2 '"id":[[:space:]]*"layout.gpu_count"' '' -- $S eval --tp 16 --dp 8 --cluster h100x16 --json
expect invalid-gpus-json-nothing-ran 1 '^0$' '' -- sh -c "$S eval --tp 16 --dp 8 --cluster h100x16 --json 2>/dev/null | grep -c tokens_per_s"
# issue 9 #7: the fill note agrees with the evaluation (70.6 GB of weights per GPU fit an H100)
expect fill-note-agrees 1 'filled TP 2 x PP 1: the fewest GPUs per replica whose 141 GB of weights fit \(70.6 GB per GPU, leaving a KV pool of 2.2 GB\), though no layout of the 2 GPUs holds the KV cache of batch 128 \(memory.kv_room\)' '' -- \
	$S eval --model llama-3-70b --gpu h100-sxm --gpus 2
expect fill-note-no-fit-none 1 '^0$' '' -- sh -c "$S eval --model llama-3-70b --gpu h100-sxm --gpus 2 | grep -c 'fit none'"
# issue 14: the fill leaves room for the batch's KV cache (TP 2 holds the
# weights but a 2.2 GB pool; TP 4 a 37.9 GB pool for the 24.2 GB needed)
expect fill-for-workload 0 'strategy +TP 4 x PP 1 x DP 2 = 8 of 8' '' -- $S eval --model llama-3-70b --rps 0
expect fill-for-workload-note 0 'filled TP 4 x PP 1: the fewest GPUs per replica with room for the batch.s KV cache \(128 x 2,304 tokens need 24.2 GB per GPU beside 35.3 GB of weights; the pool holds 37.9 GB\)' '' -- \
	$S eval --model llama-3-70b --rps 0
# a TP given alone takes DP (and PP) along: no GPU left idle
expect tp-raises-dp 0 'strategy +TP 4 x PP 1 x DP 2 = 8 of 8' '' -- $S eval --tp 4 --rps 0
printf 'return { kind = "scenario", model = "llama-3-70b", cluster = "h100x8", tp = 4, pp = 2, dp = 1 }\n' >"$OUT/pp2.lua"
expect tp-lowers-pp 0 'strategy +TP 8 x PP 1 x DP 1 = 8 of 8.*note +PP 2 -> 1: TP 8 x PP 2 needs 16 GPUs, the cluster has 8' '' -- \
	sh -c "$S eval --preset $OUT/pp2.lua --tp 8 --rps 0 | tr '\n' ' '"
expect tp-keeps-pp 0 'strategy +TP 2 x PP 2 x DP 2 = 8 of 8' '' -- $S eval --preset "$OUT/pp2.lua" --tp 2 --rps 0
# a fix must fit: at --mem-util 0.05 (4.3 GB allowed) int4 weights (4.6 GB) are no fix
expect memfit-fix-checked 1 'allows 4.3 GB; short by 18.3 GB; fix: activations and reserve alone exceed what vllm allows' '' -- \
	$S eval --mem-util 0.05
expect memfit-no-int4 1 '^0$' '' -- sh -c "$S eval --mem-util 0.05 | grep -c 'int4 weights'"
expect plan-t4-short 1 'error +memory.fit +stage 0 needs 14[0-9.]+ GB per GPU .* short by 130.9 GB' '' -- \
	$S eval --model llama-3-70b --cluster t4x1 --tp 1 --dtype fp16
expect plan-t4-bf16 1 'error +dtype.support +t4 \(turing, sm 75\) has no bf16' '' -- \
	$S eval --model llama-3-8b --cluster t4x1 --tp 1
expect plan-tp8 0 'verdict +feasible' '' -- $S eval --model llama-3-70b --cluster h100x8 --tp 8 --rps 0
expect plan-tp2pp4 0 'verdict +feasible' '' -- $S eval --model llama-3-70b --cluster h100x8 --tp 2 --pp 4 --rps 0

# serving at the target rate: the queue model named, p50/p99 under load
expect serving-section 0 '^serving +continuous batching under Poisson arrivals' '' -- $S eval
expect serving-figures 0 'at 8.00 req/s over 1 replica: load [0-9]+%' '' -- $S eval
expect serving-json 0 '"meets_slos":[[:space:]]*true' '' -- $S eval --json
# idle TTFT 83.8 ms passes a 100 ms p99 SLO; p99 under 8 req/s does not
expect serving-miss 1 'verdict +fits, but misses its SLOs at 8.00 req/s' '' -- $S eval --ttft-p99 0.1 --ttft-p50 0.09
expect serving-miss-json 1 '"missed":[[:space:]]*"TTFT SLO"' '' -- $S eval --ttft-p99 0.1 --ttft-p50 0.09 --json
# issue 9 defect 1: the running batch never exceeds the KV pool.  DeepSeek-V3
# bf16 on 8x B200: the pool holds 12,768 tokens = 5 sequences of 2,304, so at
# most 5 run (search: 1.26 req/s per replica within the SLOs), not batch 128
DS="--model deepseek-v3 --cluster b200x8 --dtype bf16"
expect kv-cap-rate 1 'highest rate within the SLOs 1\.01 req/s \(TTFT SLO binds\); capacity [0-9.]+ req/s \(KV cache\)' '' -- $S eval $DS
expect kv-cap-overloaded 1 'at 8\.00 req/s over 1 replica: overloaded' '' -- $S eval $DS
expect kv-cap-json-batch 1 '"batch_mean":[[:space:]]*5,' '' -- $S eval $DS --json
expect kv-cap-json-missed 1 '"missed":[[:space:]]*"KV cache"' '' -- $S eval $DS --json
# Llama-3-70B fp8 TP 2, 2,048/2,048: the pool holds 54 sequences of 4,096, so
# batch 256 or 4,096 serves as 54 (capacity 3.55 req/s over the 4 replicas)
L70="--model llama-3-70b --cluster h100x8 --dtype fp8 --tp 2 --input-len 2048 --output-len 2048"
for b in 54 256 4096; do
	expect kv-cap-batch-$b 1 'capacity 3\.28 req/s \(KV cache\)' '' -- $S eval $L70 --batch $b
done
# issue 9 defect 2: `missed` names the limit that binds, not always the KV cache
expect missed-batch 1 '"missed":[[:space:]]*"max_num_seqs"' '' -- $S eval --tp 2 --pp 4 --rps 12 --json
expect missed-batch-cap 1 '"capacity_limit":[[:space:]]*"max_num_seqs"' '' -- $S eval --tp 2 --pp 4 --rps 12 --json
expect missed-prefill 1 '"missed":[[:space:]]*"prefill"' '' -- $S eval --max-batched-tokens 256 --json

# scenario presets by name
expect preset-h100x8 0 'strategy +TP 4 x PP 1 x DP 2 = 8 of 8 GPUs' '' -- $S eval --preset h100x8
expect preset-t4x1 0 'llama-3-8b .* 1 x t4 .*|verdict +feasible' '' -- $S eval --preset t4x1

# filling TP/PP/DP and ad-hoc clusters
expect fill-tp 0 'filled TP 2 .*' '' -- $S eval --model llama-3-8b --gpu l4 --gpus 8 --dtype bf16 --rps 0 --batch 16
expect fill-dp 0 'filled DP 4' '' -- $S eval --model llama-3-8b --gpu l4 --gpus 8 --tp 2 --rps 0 --batch 16
expect adhoc-cluster 0 'cluster +h100-sxmx16: 16 x h100-sxm .* 2 nodes' '' -- $S eval --model llama-3-70b --gpu h100-sxm --gpus 16 --tp 8 --rps 0
expect tp-spans-nodes 0 'warn +layout.tp_spans_nodes' '' -- $S eval --model llama-3-70b --cluster h100x16 --tp 16 --rps 0
expect moe-ep 0 'EP 8 \(expert TP 1\)' '' -- $S eval --model deepseek-v3 --cluster h200x8 --tp 8 --ep 8 --dtype fp8 --rps 0 --batch 8
expect mla-kv 0 'kv_bytes_per_token = 61 layers x \(kv_lora_rank 512 \+ rope dim 64\)' '' -- \
	$S eval --model deepseek-v3 --cluster h200x8 --tp 8 --dtype fp8 --rps 0 --explain=memory.kv_bytes_per_token
expect model-dir 0 'llama-2-7b \(llama\): 6.74e9' '' -- $S eval --model $D/llama-2-7b --gpu a100-80gb --gpus 1 --rps 0 --batch 16
# expert slots are per EP rank; with expert TP each is split over GPUs (it said "128 per GPU" at
# expert-TP 8); exit 1: the layout misses its SLOs
expect ep-explain-per-rank 1 '256 slots, 128 per EP rank, each split over expert-TP 8 GPUs' '' -- \
	$S eval --model deepseek-v3 --cluster h100x16 --tp 8 --dp 2 --ep 2 --etp 8 --dtype fp8 --explain=latency.ep.decode_a2a_s
# a float16 checkpoint: the KV cache follows its dtype (the default preset's bf16 KV stayed: "weights fp16, KV bf16")
expect model-kv-follows 0 'weights fp16, KV fp16;' '' -- $S eval --model $D/llama-2-7b --gpu a100-80gb --gpus 1 --rps 0 --batch 16
expect model-kv-given 0 'weights fp16, KV fp8;' '' -- $S eval --model $D/llama-2-7b --kv-dtype fp8 --gpu a100-80gb --gpus 1 --rps 0 --batch 16

# catalog subcommands
expect models 0 'llama-3-70b +llama +70.55e9' '' -- $S models
expect models-moe 0 'deepseek-v3 +deepseek_v3 +671.03e9 +37.55e9' '' -- $S models
expect gpus 0 'h100-sxm +hopper +79.19 GiB +3.35 TB/s +989T +1979T' '' -- $S gpus
expect presets 0 'h100x16 +2 nodes' '' -- $S presets
expect import 0 'params +total 70.55e9 \(70553706496\)' '' -- $S import presets/models/llama-3-70b.json
expect import-moe 0 'MoE +8 experts, top-2' '' -- $S import presets/models/mixtral-8x7b.json
expect version 0 '^shardlab [0-9]+\.[0-9]+' '' -- $S --version
expect help 0 'subcommands:' '' -- $S --help
expect eval-help 0 '--tp N +tensor-parallel degree \(GPUs; 1..4096\)' '' -- $S eval --help
expect unknown-subcommand 2 '' "unknown subcommand 'frob'" -- $S frob

# bad input: one line naming the file and field, exit 2, never a crash
bad() {
	local name=$1 re=$2
	shift 2
	expect "$name" 2 '' "$re" -- "$@"
	expect_stderr_lines "$name-one-line" 1
}
bad cfg-malformed "^shardlab: $D/bad/malformed.json:4: invalid JSON near '32'$" $S eval --model $D/bad/malformed.json
bad cfg-truncated "$D/bad/truncated.json:5: invalid JSON" $S eval --model $D/bad/truncated.json
bad cfg-wrong-type "$D/bad/wrong-type.json: key 'hidden_size' must be a number" $S eval --model $D/bad/wrong-type.json
bad cfg-missing "$D/bad/missing-key.json: missing key 'num_attention_heads'" $S eval --model $D/bad/missing-key.json
bad cfg-arch "$D/bad/unknown-arch.json: key 'model_type': unsupported architecture 'rwkv'" $S eval --model $D/bad/unknown-arch.json
bad cfg-not-object "$D/bad/not-object.json: expected a JSON object" $S eval --model $D/bad/not-object.json
bad cfg-negative "key 'num_hidden_layers' is out of range \(is -4" $S eval --model $D/bad/negative.json
bad cfg-missing-file "/nonexistent/config.json: No such file or directory" $S eval --model /nonexistent/config.json
bad import-malformed "$D/bad/malformed.json:4: invalid JSON" $S import $D/bad/malformed.json
bad tp-zero "^shardlab: --tp 0: must be >= 1$" $S eval --tp 0
bad tp-heads "^shardlab: --tp: TP 3 does not divide the 64 attention heads" $S eval --tp 3
bad tp-text "--tp abc: 'abc' is not a number" $S eval --tp abc
bad pp-layers "--pp: PP 81 exceeds the 80 layers" $S eval --pp 81 --tp 1
bad ep-dense "--ep: EP 2 on a dense model" $S eval --ep 2
bad input-negative "^shardlab: --input-len -5: must be >= 1$" $S eval --input-len -5
bad input-absurd "^shardlab: --input-len 99999999999: must be <= 16777216$" $S eval --input-len 99999999999
bad output-zero "--output-len 0: must be >= 1" $S eval --output-len 0
bad batch-huge "--batch 1e9: must be <= 65536" $S eval --batch 1e9
bad mem-util "--mem-util 1.5: must be <= 1" $S eval --mem-util 1.5
bad dtype "--dtype fp7: unknown dtype 'fp7'" $S eval --dtype fp7
bad gpu-unknown "unknown gpu 'nosuch' \(known: a100-40gb" $S eval --gpu nosuch --gpus 2
bad cluster-unknown "unknown cluster 'nosuch' \(known: " $S eval --cluster nosuch
bad preset-unknown "unknown scenario 'nosuch'" $S eval --preset nosuch
bad model-unknown "unknown model 'nosuch' \(known: deepseek-v3" $S eval --model nosuch
bad gpus-nodes "12 is not a whole number of 8-GPU nodes" $S eval --gpu h100-sxm --gpus 12
bad option-unknown "--frobnicate: unknown option" $S eval --frobnicate
bad option-noarg "--tp: needs a value" $S eval --tp

# a preset with a Lua syntax error, found through SHARDLAB_PATH
tmp=$(mktemp -d)
mkdir -p "$tmp/presets/clusters" "$tmp/presets/gpus"
printf 'return {\n  kind = "cluster",\n  gpu = "h100-sxm" nodes = 1,\n}\n' >"$tmp/presets/clusters/broken.lua"
printf 'return { kind = "gpu", arch = "x", memory_bytes = "lots" }\n' >"$tmp/presets/gpus/badgpu.lua"
printf 'return { kind = "scenario", model = "llama-3-8b", tp = 0 }\n' >"$tmp/presets/badscen.lua"
printf 'while true do end\n' >"$tmp/presets/loop.lua"
SHARDLAB_PATH="$tmp:$SHARDLAB_PATH" bad preset-syntax "$tmp/presets/clusters/broken.lua:3: '}' expected \(to close '\{' at line 1\) near 'nodes'" \
	$S eval --cluster broken
SHARDLAB_PATH="$tmp:$SHARDLAB_PATH" bad preset-field "$tmp/presets/gpus/badgpu.lua: field 'memory_bytes' must be a number" \
	$S eval --gpu badgpu --gpus 1
SHARDLAB_PATH="$tmp:$SHARDLAB_PATH" bad scenario-key "$tmp/presets/badscen.lua: bad value for 'tp': must be >= 1" \
	$S eval --preset badscen
SHARDLAB_PATH="$tmp:$SHARDLAB_PATH" expect preset-loop 2 '' "$tmp/presets/loop.lua:1: script exceeded its budget" -- $S eval --preset loop
# a runtime preset that extends another: its own fields over the base's
mkdir -p "$tmp/presets/runtimes"
printf 'return { kind = "runtime", name = "slowvllm", extends = "vllm", max_num_seqs = 64 }\n' \
	>"$tmp/presets/runtimes/slowvllm.lua"
printf 'return { kind = "runtime", name = "loopa", extends = "loopb" }\n' >"$tmp/presets/runtimes/loopa.lua"
printf 'return { kind = "runtime", name = "loopb", extends = "loopa" }\n' >"$tmp/presets/runtimes/loopb.lua"
printf 'return { kind = "runtime", name = "orphan", extends = "nosuch" }\n' >"$tmp/presets/runtimes/orphan.lua"
printf 'return { kind = "runtime", name = "nofrac" }\n' >"$tmp/presets/runtimes/nofrac.lua"
# the base's memory fraction (0.92) and attention kernel, the preset's own batch cap (at batch 64
# the static batch misses the 8 req/s SLO: exit 1)
SHARDLAB_PATH="$tmp:$SHARDLAB_PATH" expect preset-extends 0 "batch 128 exceeds slowvllm's max_num_seqs 64" '' -- \
	$S eval --runtime slowvllm
SHARDLAB_PATH="$tmp:$SHARDLAB_PATH" expect preset-extends-fraction 1 '"mem_fraction":	0.92' '' -- \
	$S eval --runtime slowvllm --batch 64 --json
SHARDLAB_PATH="$tmp:$SHARDLAB_PATH" expect preset-extends-kernel 1 'flash-attn \(slowvllm 0.21\)' '' -- \
	$S eval --runtime slowvllm --batch 64 --explain=latency.tpot_s
SHARDLAB_PATH="$tmp:$SHARDLAB_PATH" bad preset-extends-cycle "loop[ab].lua: field 'extends': .*more than 4 presets deep \(a cycle\?\)" \
	$S eval --runtime loopa
SHARDLAB_PATH="$tmp:$SHARDLAB_PATH" bad preset-extends-unknown "orphan.lua: field 'extends': unknown runtime 'nosuch'" \
	$S eval --runtime orphan
SHARDLAB_PATH="$tmp:$SHARDLAB_PATH" bad preset-no-base-needs-fraction "nofrac.lua: missing field 'mem_fraction'" \
	$S eval --runtime nofrac
rm -rf "$tmp"

# the man page lists every parameter of the table (eval --help prints the table)
for opt in $($S eval --help | grep -oE '^  --[a-z0-9-]+ N ' | awk '{print $1}'); do
	roff=$(echo "$opt" | sed 's/-/\\\\-/g')
	if grep -q -- "$roff" man/shardlab.1; then pass; else fail "man-lists-$opt" "man/shardlab.1 lacks $opt"; fi
done

# layout.heads_tp's fix lists only TP values that pass every TP rule: for
# Qwen2-57B-A14B (28 heads, 4 KV heads) TP 8 is not one (it suggested "1, 2, 4, 8").
expect heads-tp-fix-valid 2 '' 'TP a divisor of 28 \(1, 2, 4\)' -- $SHARDLAB eval --model qwen2-57b-a14b --tp 8

# a resized cluster preset is named for what it is: h100x8 with 2 nodes has
# 16 GPUs and was still called "h100x8" (on screen and in JSON)
expect resized-preset-name 0 'cluster +h100-sxmx16: 16 x h100-sxm' '' -- $S eval --nodes 2

finish
