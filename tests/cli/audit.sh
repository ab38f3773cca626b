#!/bin/bash
# tests/cli/audit.sh: `shardlab audit` on the five plans of shared/plans,
# converted by hand in tests/plans/, in text, Markdown and JSON; a Lua plan;
# bad plans.
source "$(dirname "$0")/../lib.sh"
S=$SHARDLAB
P=tests/plans
P0=$P/000-llama3-70b-tp2-pp4-t4.json
P1=$P/001-llama3-70b-tp8-h100.json
P2=$P/002-llama3-70b-tp2-pp4-h100.json
P3=$P/003-moe10b-tp2-ep2-pp2-dp3.json
P4=$P/004-moe10b-tp2-ep4-pp2-dp2.json

# 000: a 70B fp16 model on one 15 GB T4, a layout needing 8 GPUs; the plan says so itself
expect p0-exit 1 'verdict +INCONSISTENT' '' -- $S audit $P0
expect p0-gpus 1 'error layout.gpu_count +layout needs 8 GPUs \(TP 2 x PP 4 x DP 1\), the cluster has 1' '' -- $S audit $P0
expect p0-total-memory 1 'error layout.total_memory +the weights of llama-3-70b in fp16 \(141.1 GB\) are 9.0x the memory of the whole cluster \(1 x t4' '' -- $S audit $P0
# 8 GPUs that do not exist: the layout is INVALID, nothing is evaluated as if it ran (issue 9 #4)
expect p0-invalid-not-evaluated 1 'the deployment cannot run \(layout.gpu_count: layout needs 8 GPUs' '' -- $S audit $P0
expect p0-feasible-agreed 1 'claims\[0\]  feasible' '' -- $S audit $P0
expect p0-890 1 'plan.arithmetic +claims\[18\] "Memory Shortfall: 124.91GB \(890% over capacity\)": the plan.s own numbers give shortfall / avail = 8.28x, not the 8.9x it states' '' -- $S audit $P0
expect p0-int4 1 'claims\[29\] .*claimed 35.0 GB, shardlab 39.[0-9] GB .*optimistic' '' -- $S audit $P0
expect p0-nvlink 1 'claimed 900 GB/s, shardlab 450 GB/s .*optimistic' '' -- $S audit $P0
expect p0-a100 1 '4x A100 .*claimed 4, shardlab [5-8] .*optimistic' '' -- $S audit $P0
expect p0-not-checked 1 'not checked: purchase prices are outside' '' -- $S audit $P0
expect p0-best 1 'no layout of llama-3-70b on 1 x t4 meets the checks and SLOs; the fewest t4 that hold it' '' -- $S audit $P0

# 002: one severity per check and one default batch (issue 9 #9): the failed rate SLO is the
# error eval reports (exit 1), at eval's default batch of 128 (core/params.c)
expect p2-rps-error 1 'error +slo.rps +sustains [0-9.]+ requests/s with static batches of 128, target 8.00' '' -- $S audit $P2
expect p2-eval-agrees 1 'error +slo.rps +sustains [0-9.]+ requests/s with static batches of 128, target 8.00' '' -- \
	$S eval --model llama-3-70b --cluster h100x8 --tp 2 --pp 4 --mem-util 0.85 --ttft-p50 0.5 --tpot-p50 0.05 --rps 8

# 001: decode below the HBM-bandwidth bound; "80 layers per GPU" at TP=8
expect p1-exit 1 'verdict +INCONSISTENT: 2 claims impossible, 0 layout errors' '' -- $S audit $P1
expect p1-hbm 1 'claims\[9\] "Decode p50 .*6.4ms.*": claimed 6.4 ms, shardlab 1[0-9.]+ ms; impossible: at least [0-9.]+ ms \(HBM-bandwidth bound' '' -- $S audit $P1
expect p1-layers 1 'claims\[17\] "Layer Distribution: Equal 80 layers per GPU": claimed 80, shardlab 10; impossible' '' -- $S audit $P1
expect p1-layers-why 1 'each GPU holds 1/8 of every one of them, 10 whole layers' '' -- $S audit $P1
expect p1-gbps 1 'claims\[7\] "NVLink Bandwidth: 900 Gbps .*claimed 112.5 GB/s, shardlab 450 GB/s' '' -- $S audit $P1
expect p1-sum 1 'arithmetic weights \+ kv \+ act = 2.95e\+10: holds' '' -- $S audit $P1
expect p1-explain 1 '\| per_gpu_bytes \(stage 0\) = weights 17.6 GB \+ KV cache for the workload' '' -- $S audit $P1
expect p1-best 1 'best layout shardlab finds' '' -- $S audit $P1

# 002: consistent layout, optimistic claims, totals that add up to a figure shardlab does not reach
expect p2-exit 1 'verdict +INCONSISTENT: 1 claim impossible, 0 layout errors' '' -- $S audit $P2
expect p2-placement 1 'info  layout.layers +80 layers over PP 4: stages hold layers 0-19, 20-39, 40-59, 60-79' '' -- $S audit $P2
expect p2-system 1 'claims\[3\] "Per-GPU Allocation: 17.5GB model \+ 20GB KV cache \+ 30.5GB system": claimed 30.5 GB, shardlab 5.[0-9] GB' '' -- $S audit $P2
expect p2-total 1 'claims\[4\] "Total Usage: 68GB .*claimed 68.0 GB, shardlab 35.[0-9] GB .*pessimistic' '' -- $S audit $P2
expect p2-total-adds 1 'arithmetic model \+ kv \+ system = 6.8e\+10: holds' '' -- $S audit $P2
expect p2-identical 1 'claims\[17\] +memory.weights_bytes \(each stage\)' '' -- $S audit $P2
expect p2-stages 1 'shardlab 17.1 GB to 18.2 GB over the stages' '' -- $S audit $P2
expect p2-mfu 1 '70-85% GPU utilization": claimed 70.0% to 85.0%, shardlab [0-9.]+% .*optimistic' '' -- $S audit $P2

# 003: 20 TFLOPs per token for a 10B model; GPU count with EP multiplied in
expect p3-exit 1 'verdict +INCONSISTENT' '' -- $S audit $P3
expect p3-flops 1 'claims\[2\] "Reality Check: 10B parameter model requires 20TFLOPs per token": claimed 2e\+13 FLOPs, shardlab 2.75e\+09 FLOPs .*pessimistic' '' -- $S audit $P3
expect p3-arith 1 'plan.arithmetic .*fpt \* orig_rate = 2e\+06 TFLOP/s, not the 2000 TFLOP/s it states' '' -- $S audit $P3
expect p3-gpus 1 'error layout.gpu_count_claimed +claims\[11\] .*the plan counts 24 GPUs, its layout TP 2 x PP 2 x DP 3 needs 12; the plan multiplies EP in' '' -- $S audit $P3
expect p3-rate 1 'claims\[15\] "Target: 35 tokens/ms per GPU \(realistic\)": claimed 35,000.0 tok/s, .*impossible' '' -- $S audit $P3
expect p3-rejected 1 'the plan rejects it, rightly; claimed 100,000.0 tok/s' '' -- $S audit $P3
expect p3-optimizer 1 '"Optimizer: 1.66GB": claimed 1.7 GB, shardlab 0 B: pessimistic' '' -- $S audit $P3
expect p3-weights 1 '"Model Weights: 0.83GB": claimed 830.0 MB, shardlab 5.0 GB .*optimistic' '' -- $S audit $P3
expect p3-plan-presets 1 'model +moe-10b-16l-64e \(mixtral\): 10.00e9 parameters' '' -- $S audit $P3

# 004: expert-parallel GPUs that the second replica's pipeline stages already hold
expect p4-exit 1 'verdict +INCONSISTENT: 0 claims impossible, 1 layout error' '' -- $S audit $P4
expect p4-double 1 'error layout.double_claim +GPUs 4-7 are claimed by two groups: placement\[2\] \(experts: "GPU Assignment: GPUs 4-7 dedicated to expert processing"\) and DP replica 1.s pipeline stages' '' -- $S audit $P4
expect p4-implied 1 'the placement gives stage 0 of DP replica 1 no GPUs; .* GPUs 4-5' '' -- $S audit $P4
expect p4-30b 1 '"Model Size: 30 billion parameters \(60GB total\)": claimed 30.00e9, shardlab 10.00e9' '' -- $S audit $P4
expect p4-2048 1 'the plan rejects it, rightly; claimed 2,048, shardlab 32' '' -- $S audit $P4
expect p4-comm 1 '"Communication Overhead: .*claimed 3.0%, shardlab [0-9.]+% .*optimistic' '' -- $S audit $P4

# Markdown for each: rendered structure checked (tables, fences, headings)
md_check() {
	# every table row has the header's cell count; fences balance; the sections exist
	awk '
	/^```/ { fence = !fence; next }
	fence { next }
	/^\|/ {
		line = $0; gsub(/\\\|/, "", line); n = gsub(/\|/, "|", line)
		if (!intable) { cols = n; intable = 1; row = 0 }
		row++
		if (n != cols) { print "row " NR " has " n - 1 " cells, the header " cols - 1; bad = 1 }
		if (row == 2 && $0 !~ /^\|(---\|)+$/) { print "row " NR ": no header rule"; bad = 1 }
		next
	}
	{ intable = 0 }
	/^# Audit: / { h1++ }
	/^## Worst findings$/ { h2w++ }
	/^## Claims$/ { h2c++ }
	/^\*\*Verdict: / { verdict++ }
	END {
		if (fence) { print "unbalanced code fence"; bad = 1 }
		if (h1 != 1 || h2w != 1 || h2c != 1 || verdict != 1) { print "missing sections"; bad = 1 }
		exit bad
	}' "$1"
}
for p in $P0 $P1 $P2 $P3 $P4 $P/lua-plan-tp8.lua; do
	name=$(basename "$p")
	"$S" audit --format markdown "$p" >"$OUT/md" 2>"$OUT/err"
	rc=$?
	if [ "$rc" -gt 1 ] || [ -s "$OUT/err" ]; then
		fail "md-$name" "exit $rc" "$(head -c 400 "$OUT/err")"
	elif why=$(md_check "$OUT/md"); then
		pass
	else
		fail "md-$name" "$why"
	fi
done
expect md-p0-table 1 '^\| [0-9]+ \| Memory Shortfall: 124.91GB \(890% over capacity\) \| `memory.shortfall_fraction` \| 8.9x \| 8.02x \| consistent; its arithmetic does not hold \|$' '' -- $S audit --format markdown $P0
expect md-p1-impossible 1 '^\| 9 \| Decode p50 \\\| ≤50ms \\\| 6.4ms \\\| ✅ EXCEEDS TARGET \| `latency.tpot_s` \| 6.4 ms \| [0-9.]+ ms \| \*\*impossible\*\* \|$' '' -- $S audit --format markdown $P1
expect md-p4-layout 1 '^- \*\*error\*\* `layout.double_claim`: GPUs 4-7' '' -- $S audit --format markdown $P4
expect md-p3-details 1 '^### claims\[2\]: `model.flops_per_token` — pessimistic$' '' -- $S audit --format markdown $P3

# JSON
expect json-verdict 1 '"verdict":[[:space:]]*"inconsistent"' '' -- $S audit --format json $P4
expect json-exit 1 '"exit_status":[[:space:]]*1' '' -- $S audit --json $P2
expect json-claim 1 '"metric":[[:space:]]*"layout.layers_per_gpu"' '' -- $S audit --format json $P1
expect json-bound 1 '"bound_kind":[[:space:]]*"min"' '' -- $S audit --format json $P1
if command -v python3 >/dev/null; then
	for p in $P0 $P1 $P2 $P3 $P4; do
		expect "json-parses-$(basename "$p")" 0 'ok' '' -- sh -c "\"$S\" audit --json \"$p\" | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d[\"claims\"] and d[\"findings\"]; print(\"ok\")'"
	done
fi

# Lua plans
expect lua-plan 1 'claims\[4\] "Decode p50 6.4ms": claimed 6.4 ms, .*impossible' '' -- $S audit $P/lua-plan-tp8.lua
expect lua-plan-sum 1 'arithmetic weights \+ kv \+ act = 2.95e\+10: holds' '' -- $S audit $P/lua-plan-tp8.lua

# bad plans: exit 2, one line naming the file and the field
B=$OUT/bad
mkdir -p "$B"
base='"model":"llama-3-70b","cluster":"h100x8","strategy":{"tp":8}'
printf '{%s,"claims":[{"metric":"memory.nope","value":1,"text":"x"}]}' "$base" >"$B/metric.json"
printf '{%s,"claims":[{"metric":"latency.tpot_s","value":1,"unit":"GB","text":"x"}]}' "$base" >"$B/unit.json"
printf '{%s,"claims":[{"metric":"latency.tpot_s","unit":"ms","text":"x"}]}' "$base" >"$B/value.json"
printf '{%s,"claims":[{"metric":"latency.tpot_s","value":1}]}' "$base" >"$B/text.json"
printf '{"model":"llama-3-70b","strategy":{"tp":8},"claims":[]}' >"$B/cluster.json"
printf '{"model":"llama-3-70b","cluster":"h100x8","strategy":{"tp":0},"claims":[]}' >"$B/tp.json"
printf '{%s,"claims":[],"placment":[]}' "$base" >"$B/key.json"
printf '{%s,"claims":[{"metric":"latency.tpot_s","value":1,"unit":"ms","text":"x","equals":"a + 1"}]}' "$base" >"$B/equals.json"
printf '{%s,"placement":[{"group":"stage","stage":0,"gpus":"0-x"}],"claims":[]}' "$base" >"$B/gpus.json"
printf '{"model":"llama-3-70b",\n"cluster":"h100x8" "x"}' >"$B/syntax.json"
printf 'return { model = "nope", cluster = "h100x8", strategy = { tp = 8 }, claims = {} }' >"$B/model.lua"
printf 'return { model = "llama-3-70b", cluster = "h100x8", strategy = { tp = 8 }, claims = { { metric = "latency.tpot_s", value = 1, text = print } } }' >"$B/func.lua"
printf 'return { model = "llama-3-70b", cluster = "h100x8", strategy = { tp = 8 }, claims = { }, os.exit(3) }' >"$B/sandbox.lua"
expect bad-metric 2 '' "^shardlab: $B/metric.json: key 'claims\[0\].metric': unknown metric 'memory.nope'" -- $S audit $B/metric.json
expect_stderr_lines bad-metric-one-line 1
expect bad-unit 2 '' "^shardlab: $B/unit.json: key 'claims\[0\].unit': unit 'GB' does not fit latency.tpot_s, which is in seconds" -- $S audit $B/unit.json
expect bad-value 2 '' "^shardlab: $B/value.json: missing key 'claims\[0\].value'" -- $S audit $B/value.json
expect bad-text 2 '' "^shardlab: $B/text.json: missing key 'claims\[0\].text'" -- $S audit $B/text.json
expect bad-cluster 2 '' "^shardlab: $B/cluster.json: missing key 'cluster'" -- $S audit $B/cluster.json
expect bad-tp 2 '' "^shardlab: $B/tp.json: key 'strategy.tp': must be >= 1" -- $S audit $B/tp.json
expect bad-key 2 '' "^shardlab: $B/key.json: key 'placment' is unknown" -- $S audit $B/key.json
expect bad-equals 2 '' "^shardlab: $B/equals.json: key 'claims\[0\].equals': no claim has this id" -- $S audit $B/equals.json
expect bad-gpus 2 '' "^shardlab: $B/gpus.json: key 'placement\[0\].gpus': '0-x' is not a GPU list" -- $S audit $B/gpus.json
expect bad-syntax 2 '' "^shardlab: $B/syntax.json:2: invalid JSON" -- $S audit $B/syntax.json
expect bad-model-lua 2 '' "^shardlab: $B/model.lua: key 'model': unknown model 'nope'" -- $S audit $B/model.lua
expect bad-func-lua 2 '' "^shardlab: $B/func.lua: key 'claims\[0\].text' must be a number, a string, a boolean or a table" -- $S audit $B/func.lua
expect bad-sandbox-lua 2 '' "sandbox.lua:1: 'os.exit' is not available: scripts are sandboxed \\(os has only clock" -- $S audit $B/sandbox.lua
expect bad-missing 2 '' "^shardlab: $B/none.json: " -- $S audit $B/none.json
expect bad-format 2 '' '^shardlab: --format yaml: must be text, markdown or json' -- $S audit --format yaml $P1
expect bad-no-plan 2 '' '^shardlab: audit: which plan\?' -- $S audit
expect help 0 'usage: shardlab audit' '' -- $S audit --help
finish
