#!/bin/bash
# tests/cli/audit_text.sh: `shardlab audit` on plans as people write them
# (tests/plans/text: the five shared plans and three more), --extract and
# --explain-extraction, and their errors.
source "$(dirname "$0")/../lib.sh"
S=$SHARDLAB
X=tests/plans/text
X0=$X/000-llama3-70b-tp2-pp4-t4.txt
X1=$X/001-llama3-70b-tp8-h100.txt
X3=$X/003-moe10b-tp2-ep2-pp2-dp3.txt
W=${T:-/tmp}/audit_text.$$
mkdir -p "$W"

# the text itself, as its hand conversion (tests/plans/000*.json) audits
expect x0-verdict 1 'verdict +INCONSISTENT' '' -- $S audit $X0
expect x0-gpus 1 'error layout.gpu_count +layout needs 8 GPUs \(TP 2 x PP 4 x DP 1\), the cluster has 1' '' -- $S audit $X0
expect x0-quote-line 1 'plan says  "\*\*GPU Count\*\*: 1 Tesla T4" \(line 12\)' '' -- $S audit $X0
expect x0-variant 1 'with +cluster=h100x8' '' -- $S audit $X0
expect x1-engine 1 'vllm, memory fraction 0.85' '' -- $S audit $X1
expect x1-impossible 1 'error claim.impossible +claims\[[0-9]+\] "\*\*Layer Distribution\*\*: Equal 80 layers per GPU"' '' -- $S audit $X1
expect x3-slip 1 'claim.off_scale .*20TFLOPs per token.*likely GFLOPs written as TFLOPs' '' -- $S audit $X3
expect x3-rejected 1 'the plan rejects it' '' -- $S audit $X3
expect x-markdown 1 '^\*\*Verdict: inconsistent\*\*' '' -- $S audit --format markdown $X0
expect x-json 1 '"line":[[:space:]]+12' '' -- $S audit --json $X0

# --extract: the plan in the JSON schema; auditing it gives the same verdict line
expect extract 0 '"claims"' '' -- $S audit --extract $X1
cp "$OUT/stdout" "$W/001.json"
expect extract-reaudit 1 'verdict +INCONSISTENT: 2 claims impossible' '' -- $S audit "$W/001.json"
expect extract-same-as-text 1 'verdict +INCONSISTENT: 2 claims impossible' '' -- $S audit $X1
expect extract-model-synth 0 '"_comment":[[:space:]]+"synthesised by shardlab audit from the plan: stated 10B parameters' '' -- $S audit --extract $X3
expect extract-gpu-described 0 '"like":[[:space:]]' '' -- $S audit --extract $X3
expect explain 0 'line 58: "prefill latency p50" 500 ms -> SLO ttft_p50 \(a target\)' '' -- $S audit --explain-extraction $X0
expect explain-words 0 '-> memory.shortfall_bytes = 124.91 GB \(words: "memory shortfall"\)' '' -- $S audit --explain-extraction $X0
expect explain-not-understood 0 'not understood' '' -- $S audit --explain-extraction $X0
expect extract-and-explain 0 '"claims"' 'mapped|-> ' -- $S audit --extract --explain-extraction $X0

# the three plans of our own
expect a100-optimistic 0 'verdict +OPTIMISTIC' '' -- $S audit $X/005-llama3-70b-a100-dense.md
expect a100-mfu 0 'claim.optimistic +claims\[[0-9]+\] "\*\*GPU Utilization\*\*: 45% MFU"' '' -- $S audit $X/005-llama3-70b-a100-dense.md
expect ep-two-nodes 1 'layout +TP 8 x PP 1 x DP 2, EP 16 = 16 of 16 GPUs; weights fp8' '' -- $S audit $X/006-deepseek-v3-ep16-two-nodes.md
expect ep-impossible 1 'error claim.impossible .*20,000 tokens/s' '' -- $S audit $X/006-deepseek-v3-ep16-two-nodes.md
expect kv-slip 1 'error claim.off_scale .*KV Cache per Token.*likely kB written as MB' '' -- $S audit $X/007-llama3-8b-kv-cache.md

# plain text: two "Label: value" sentences on a line, each claim quoting its own; a bare
# (unfenced) engine command with its settings
cat >"$W/plain.txt" <<'PLAN'
Deployment proposal for Qwen2.5-72B

We will run Qwen2.5-72B-Instruct on 4x H200 with tensor parallel 4.
Expected TTFT: 300 ms at 2k input. Expected TPOT: 20ms.
Memory per GPU: 45 GB. KV cache budget: 60GB per GPU.

  trtllm-serve Qwen/Qwen2.5-72B-Instruct --tp_size 4 --max_batch_size 64
PLAN
expect plain-sentences 0 'line 4: "expected tpot" -> latency.tpot_s = 20 ms' '' -- $S audit --explain-extraction "$W/plain.txt"
expect plain-quote 0 'plan says  "Expected TPOT: 20ms." \(line 4\)' '' -- $S audit "$W/plain.txt"
expect plain-engine 0 'workload batch 64 per replica' '' -- $S audit "$W/plain.txt"
expect plain-runtime 0 'trtllm, memory fraction 0.90' '' -- $S audit "$W/plain.txt"

# errors: one line naming the file
printf 'nothing here but words\n' >"$W/words.md"
expect bad-nothing 2 '' "^shardlab: $W/words.md: no hardware found" -- $S audit "$W/words.md"
expect_stderr_lines bad-nothing-one-line 1
printf -- '- 8x H100\n- TP=8\n' >"$W/nomodel.md"
expect bad-no-model 2 '' "^shardlab: $W/nomodel.md: no model found" -- $S audit "$W/nomodel.md"
printf -- '- 8x H100\n- Model: 99999999999999B parameter model\n- TP=8\n' >"$W/huge.md"
expect bad-synth-model 2 '' "^shardlab: $W/huge.md: key 'intermediate_size' is out of range" -- $S audit "$W/huge.md"
expect_stderr_lines bad-synth-one-line 1
expect bad-extract-json 2 '' 'already a JSON plan: nothing to extract' -- $S audit --extract tests/plans/001-llama3-70b-tp8-h100.json
expect bad-extract-eval 2 '' '^shardlab: --extract: for audit' -- $S eval --extract
# a JSON plan named .md is read as JSON (by content)
cp tests/plans/001-llama3-70b-tp8-h100.json "$W/plan.md"
expect json-by-content 1 'verdict +INCONSISTENT' '' -- $S audit "$W/plan.md"
# a latency claim 100x off is an error naming the slip, also where the
# figure's error band judges it (it was a pessimistic warning)
printf '# Llama-3-70B on 8x H100\n\n- Layout: TP=8, PP=1, DP=1\n- TTFT: 12 s\n' >"$W/off.md"
expect band-off-scale 1 'error claim.off_scale +claims\[0\] "TTFT: 12 s".*off by 1[0-9]{2}x: likely ms written as s' '' -- \
	$S audit "$W/off.md"
# a text plan is its own source: its path once
expect text-path-once 1 "^plan +$W/off.md\$" '' -- $S audit "$W/off.md"
rm -rf "$W"
finish
