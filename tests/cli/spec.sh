#!/bin/bash
# tests/cli/spec.sh: speculative decoding and prefix caching (issue 13) as a
# user meets them: eval's text, JSON and --explain, bad input, --emit and
# --from-command, search.
source "$(dirname "$0")/../lib.sh"
S=$SHARDLAB
E8='--model llama-3-8b --gpu h100-sxm --gpus 1 --rps 0'

# eval text: the speculative and prefix lines
expect spec-text 0 '^speculative eagle, k 3, acceptance 0.80: 2.95 tokens per step' '' -- \
	$S eval $E8 --batch 4 --spec-tokens 3 --spec-accept 0.8
expect spec-text-where 0 '(stops paying at batch [0-9]+|pays at every batch the KV pool holds)' '' -- \
	$S eval $E8 --batch 4 --spec-tokens 3 --spec-accept 0.5 --input-len 256 --output-len 128
expect spec-breakeven-json 0 '"breakeven_batch":[[:space:]]*[1-9][0-9]*' '' -- \
	$S eval $E8 --batch 4 --spec-tokens 4 --spec-accept 0.5 --input-len 256 --output-len 128 --json
# EAGLE head on Llama-3-8B: one layer 218,112,000 params x 2 B + fc 2 x 4096 x 4096 x 2 B
expect spec-draft-bytes 0 '"draft_bytes":[[:space:]]*503332864' '' -- $S eval $E8 --spec-tokens 2 --json
expect spec-off-json 0 '"method":[[:space:]]*"off"' '' -- $S eval $E8 --json
expect spec-explain 0 'accepted_tokens = \(1 - a\^\(k\+1\)\) / \(1 - a\) with a 0.70, k 3 = 2.533' '' -- \
	$S eval $E8 --spec-tokens 3 --explain=latency.spec.step_s
expect spec-explain-roofline 0 'turns compute-bound at [0-9,]+ tokens per pass' '' -- \
	$S eval $E8 --spec-tokens 3 --explain=latency.spec.tpot_plain_s
# the MTP drafter of DeepSeek-V3 (num_nextn_predict_layers 1)
expect spec-mtp 0 '^speculative mtp, k 1' '' -- \
	$S eval --model deepseek-v3 --cluster h200x8 --tp 8 --runtime sglang --batch 1 --spec-tokens 1 --rps 0
# bad input: one line naming the key
expect spec-bad-method 2 '' "^shardlab: --spec-method medusa: unknown method 'medusa' \\(auto, draft, eagle, mtp\\)" -- \
	$S eval $E8 --spec-tokens 2 --spec-method medusa
expect spec-no-mtp 2 '' "^shardlab: bad value for 'spec_method': llama-3-8b has no MTP layers" -- \
	$S eval $E8 --spec-tokens 2 --spec-method mtp
expect spec-vocab 2 '' "^shardlab: bad value for 'spec_model': mistral-7b has a vocabulary of 32000" -- \
	$S eval --model llama-3-70b --spec-tokens 2 --spec-model mistral-7b
expect spec-draft-needs-model 2 '' "draft needs a draft model \(spec_model\)" -- \
	$S eval $E8 --spec-tokens 2 --spec-method draft
expect spec-tokens-range 2 '' '^shardlab: --spec-tokens 17: must be <= 16$' -- $S eval $E8 --spec-tokens 17
expect spec-accept-range 2 '' '^shardlab: --spec-accept 1: must be <= 0.99$' -- $S eval $E8 --spec-accept 1
# engines: SGLang's and vLLM's flags in and out
expect spec-emit-sglang 0 '--speculative-algorithm EAGLE.*--speculative-num-steps 1.*--speculative-eagle-topk 1.*--speculative-num-draft-tokens 2' '' -- \
	bash -c "$S eval --model deepseek-v3 --cluster h200x8 --tp 8 --runtime sglang --spec-tokens 1 --emit sglang | tr '\n' ' '"
expect spec-emit-vllm 0 "--speculative-config '\\{\"model\": \"meta-llama/Meta-Llama-3-8B-Instruct\", \"num_speculative_tokens\": 4\\}'" '' -- \
	$S eval --model llama-3-70b --cluster h100x8 --tp 8 --spec-tokens 4 --spec-model llama-3-8b --emit vllm
expect spec-from-vllm 0 '^speculative draft, k 5' '' -- $S eval --cluster h100x8 --rps 0 --from-command \
	"vllm serve meta-llama/Llama-3.1-70B-Instruct -tp 4 --speculative-config '{\"model\": \"meta-llama/Llama-3.1-8B-Instruct\", \"num_speculative_tokens\": 5}'"
expect spec-from-sglang 0 '^speculative mtp, k 1' '' -- $S eval --cluster h200x8 --rps 0 --from-command \
	'python3 -m sglang.launch_server --model-path deepseek-ai/DeepSeek-V3-0324 --speculative-algorithm EAGLE --speculative-num-steps 1 --speculative-eagle-topk 1 --speculative-num-draft-tokens 2 --tp 8'

# prefix caching: 2,048 of 2,248 tokens cached, the prefix's KV held once
expect prefix-text 0 '^prefix    2,048 of 2,248 prompt tokens cached \(prefix 2,048, hit 100%\)' '' -- \
	$S eval $E8 --input-len 2248 --prefix-len 2048
# 2,048 x 131,072 bytes per token (Llama-3-8B: 32 x 2 x 8 x 128 x 2)
expect prefix-bytes 0 '"prefix_bytes":[[:space:]]*268435456' '' -- $S eval $E8 --input-len 2248 --prefix-len 2048 --json
expect prefix-block 0 '"prefix_tokens":[[:space:]]*992' '' -- $S eval $E8 --input-len 2248 --prefix-len 1000 --json
expect prefix-explain 0 'computed_tokens = 2248 - 2048 = 200' '' -- \
	$S eval $E8 --input-len 2248 --prefix-len 2048 --explain=latency.prefix.ttft_uncached_s
expect prefix-hit-range 2 '' '^shardlab: --prefix-hit 1.5: must be <= 1$' -- $S eval $E8 --prefix-hit 1.5
expect prefix-emit-off 0 '--no-enable-prefix-caching' '' -- $S eval $E8 --prefix-len 1024 --prefix-hit 0 --emit vllm
expect prefix-from-sglang 0 '"cached_tokens":[[:space:]]*0,' '' -- $S eval --gpu h100-sxm --gpus 1 --rps 0 \
	--prefix-len 1024 --json --from-command 'sglang serve --model-path meta-llama/Meta-Llama-3-8B-Instruct --disable-radix-cache'
# serving follows: a cached prefix lifts the capacity
cap() { $S eval $E8 --input-len 4096 --output-len 128 "$@" --json | grep -o '"capacity_rps":[[:space:]]*[0-9.]*' | grep -o '[0-9.]*$'; }
c0=$(cap) c1=$(cap --prefix-len 3968)
if awk -v a="$c0" -v b="$c1" 'BEGIN { exit !(b > 2 * a) }'; then pass; else fail prefix-capacity "$c0 -> $c1"; fi
# attention DP with EP (SGLang --enable-dp-attention): in and out
expect dpattn-emit 0 '--tp-size 8 .*--enable-dp-attention .*--dp-size 8 .*--ep-size 8' '' -- \
	bash -c "$S eval --model deepseek-v3 --cluster h200x8 --tp 1 --dp 8 --ep 8 --emit sglang | tr '\n' ' '"
expect dpattn-from 0 'TP 1 x PP 1 x DP 8, EP 8 \(expert TP 1\)' 'attention TP 1 x DP 8 over one group of 8 GPUs' -- \
	$S eval --cluster h200x8 --rps 0 --batch 16 --from-command \
	'python3 -m sglang.launch_server --model-path deepseek-ai/DeepSeek-V3-0324 --tp 8 --dp 8 --enable-dp-attention --ep-size 8'
# search evaluates speculation and the cached prefix
expect spec-search 0 '^  1\*' '' -- $S search --model llama-3-8b --cluster h100x8 --spec-tokens 3 --prefix-len 1024
# search chooses k = 0..K (--spec K): at batch 1 a k > 0 (the ranking's batch/k column), at
# a cap of 1,024 beyond every k's break-even k 0, the reason saying where speculation stops paying
SK="$E8 --input-len 256 --output-len 128 --spec-accept 0.5 --spec 4 --top 1"
expect spec-search-small-k 0 '^  1\*.* 1/k2 ' '' -- $S search $SK --max-batch 1 --objective tpot
expect spec-search-k0 0 'batch 1024, spec k 0: .*no speculation: no k in 1\.\.4 does better at batch 1024 \(speculation stops paying from batch [0-9]+, every k\)' '' -- \
	$S search $SK
expect spec-search-json 0 '"spec_tokens":[[:space:]]*2' '' -- $S search $SK --max-batch 1 --objective tpot --json
# the whole --explain gives the speculation block once, then each figure it
# covers by name and band (it printed the block four times)
run $S eval $E8 --spec-tokens 3 --explain
n=$(grep -c '^accepted_tokens = ' "$OUT/stdout")
[ "$n" = 1 ] && grep -q '^latency.spec.verify_s: explained above$' "$OUT/stdout" && pass ||
	fail explain-spec-once "$n speculation blocks" "$(grep -n 'explained above' "$OUT/stdout" | head -3)"
# tokens/s is explained with the e2e it divides by: prefill + (O - 1) steps
expect explain-tokens-e2e 0 '^tokens_per_s = DP 1 x batch 128 x output 256 / e2e_s \(batch_prefill_s .* \+ \(output 256 - 1\) x tpot_s' '' -- \
	$S eval $E8 --explain=throughput.tokens_per_s
finish
