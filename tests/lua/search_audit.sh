#!/bin/bash
# tests/lua/search_audit.sh: shardlab.audit(plan) and shardlab.search{...}:
# the same trees as `shardlab audit --format json` and `shardlab search
# --json` with the same plan or options, registered checks as the search's
# filter (as --check), bad arguments raising and bad plans returning nil
# and the CLI's message.
source "$(dirname "$0")/../lib.sh"
S=$SHARDLAB
W=$OUT/w
mkdir -p "$W"
P=tests/plans

# same_audit NAME PLAN: shardlab.audit(PLAN) is `audit --format json PLAN`
same_audit() {
	local name=$1 plan=$2
	$S audit --format json "$plan" >"$W/audit.json" 2>"$W/audit.err"
	if [ $? -gt 1 ]; then
		fail "audit-same-$name" "audit failed: $(cat "$W/audit.err")"
		return
	fi
	expect "audit-same-$name" 0 '^same$' '' -- $S run tests/lua/same_as_cli.lua audit "$(cat "$W/audit.json")" "$plan"
}
same_audit t4 $P/000-llama3-70b-tp2-pp4-t4.json
same_audit h100-tp8 $P/001-llama3-70b-tp8-h100.json
same_audit h100-tp2-pp4 $P/002-llama3-70b-tp2-pp4-h100.json
same_audit moe-ep2 $P/003-moe10b-tp2-ep2-pp2-dp3.json
same_audit moe-ep4 $P/004-moe10b-tp2-ep4-pp2-dp2.json
same_audit lua-plan $P/lua-plan-tp8.lua

# same_search NAME 'LUA OPTIONS' CLI-OPTIONS...: shardlab.search{...} is
# `search --json --threads 1` (shardlab.search runs on one thread; the
# ranking is the same on any number, the work counted in stats is not),
# its layout stripped (tabs and newlines are only layout there: strings
# escape theirs); CHECK=file adds --check to both
same_search() {
	local name=$1 opts=$2
	shift 2
	local check=()
	[ -n "$CHECK" ] && check=(--check "$CHECK")
	$S search --json --threads 1 "${check[@]}" "$@" 2>"$W/search.err" | tr -d '\n\t' >"$W/search.json"
	if [ ! -s "$W/search.json" ]; then
		fail "search-same-$name" "search failed: $(cat "$W/search.err")"
		return
	fi
	expect "search-same-$name" 0 '^same$' '' -- $S run "${check[@]}" tests/lua/same_as_cli.lua search \
		"$(cat "$W/search.json")" "$opts"
}
same_search done '{ model = "llama-3-70b", cluster = "h100x8", rps = 8, ttft_p99 = 1, tpot_p99 = 0.1 }' \
	--model llama-3-70b --cluster h100x8 --rps 8 --ttft-p99 1 --tpot-p99 0.1
same_search default '{}'
same_search t4-none '{ model = "llama-3-70b", cluster = "t4x1" }' --model llama-3-70b --cluster t4x1
same_search t4-slo '{ model = "llama-3-70b", cluster = "t4x1", slo = { ttft_p99_s = 2, rps = 1 } }' \
	--model llama-3-70b --cluster t4x1 --ttft-p99 2 --rps 1
same_search moe-fp8 '{ model = "deepseek-v3", cluster = "h100x16", dtype = "fp8", rps = 0 }' \
	--model deepseek-v3 --cluster h100x16 --dtype fp8 --rps 0
same_search dtypes-all '{ model = "llama-3-70b", cluster = "h100x8", dtypes = "all", kv_dtypes = { "bf16", "fp8" }, rps = 0, top = 3 }' \
	--model llama-3-70b --cluster h100x8 --dtypes all --kv-dtypes bf16,fp8 --rps 0 --top 3
same_search objective-gpus '{ model = "llama-3-70b", cluster = "h100x8", rps = 8, ttft_p99 = 1, tpot_p99 = 0.1, objective = "gpus" }' \
	--model llama-3-70b --cluster h100x8 --rps 8 --ttft-p99 1 --tpot-p99 0.1 --objective gpus
same_search cost '{ model = "llama-3-8b", gpu = "l4", gpus = 8, objective = "cost", usd_per_gpu_hour = 0.8, rps = 0 }' \
	--model llama-3-8b --gpu l4 --gpus 8 --objective cost --usd-per-gpu-hour 0.8 --rps 0
same_search serving '{ model = "llama-3-70b", cluster = "h100x8", rps = 4, chunked_prefill = false, input_cv = 1, output_cv = 0.5, max_batch = 64, micro_batch_variants = false }' \
	--model llama-3-70b --cluster h100x8 --rps 4 --no-chunked-prefill --input-cv 1 --output-cv 0.5 --max-batch 64 --no-micro-batch-variants
same_search tp-nodes '{ model = "llama-3-70b", cluster = "h100x16", allow_tp_across_nodes = true, max_gpus = 12, top = 5 }' \
	--model llama-3-70b --cluster h100x16 --allow-tp-across-nodes --max-gpus 12 --top 5

# disagg = true: the disaggregated search beside the ranking, the whole tree
# (its "disagg" object too) the CLI's `search --disagg --json`
same_search disagg '{ model = "deepseek-v3", gpu = "h200", gpus = 64, dtype = "fp8", rps = 20, disagg = true }' \
	--model deepseek-v3 --gpu h200 --gpus 64 --dtype fp8 --rps 20 --disagg
# a disaggregated base ranks the same aggregated layouts in both (the CLI
# cleared prefill_dp before ranking, Lua and the TUI did not: core search_run
# does it now for every front end)
same_search disagg-base '{ model = "llama-3-70b", cluster = "h100x16", tp = 4, dp = 2, prefill_dp = 2, prefill_tp = 4, rps = 4 }' \
	--model llama-3-70b --cluster h100x16 --tp 4 --dp 2 --prefill-dp 2 --prefill-tp 4 --rps 4
# the disagg table alone against the CLI's object, and no key without it
# (DeepSeek-V3 fp8 on 64 H200 at 20 req/s: 2P1D, 24 GPUs, aggregated
# attention DP wins, as tests/cli/disagg.sh's 512-GPU search)
$S search --json --threads 1 --model deepseek-v3 --gpu h200 --gpus 64 --dtype fp8 --rps 20 --disagg \
	2>"$W/search.err" >"$W/disagg.json"
cat >"$W/disagg.lua" <<'LUA'
local json = require "shardlab.json"
local cli = assert(json.decode(arg[1])).disagg
local o = { model = "deepseek-v3", gpu = "h200", gpus = 64, dtype = "fp8", rps = 20 }
assert(shardlab.search(o).disagg == nil, "disagg without disagg = true")
o.disagg = true
local d = shardlab.search(o).disagg
assert(json.diff(cli, d) == nil, "differs at " .. tostring(json.diff(cli, d)))
print(d.found, d.prefill.instances .. "P" .. d.decode.instances .. "D", d.gpus, d.winner)
LUA
expect search-disagg-table 0 '^true	2P1D	24	aggregated$' '' -- $S run "$W/disagg.lua" "$(cat "$W/disagg.json")"

# checks as the filter: a --check file, loaded into the script's state
CHECK="$W/no-tp8.lua"
cat >"$CHECK" <<'LUA'
shardlab.check{
  id = "team.no-tp8",
  severity = "error",
  fn = function(r)
    if r.strategy.tp == 8 then return false, "TP 8 is reserved for training" end
    return true
  end,
}
shardlab.check{ id = "team.warn-only", severity = "warn", fn = function(r) return false, "ignored" end }
LUA
same_search check-tight '{ model = "llama-3-70b", cluster = "h100x8", dtype = "bf16", rps = 0, ttft_p50 = 0, tpot_p50 = 0, ttft_p99 = 2, tpot_p99 = 0.03 }' \
	--model llama-3-70b --cluster h100x8 --dtype bf16 --rps 0 --ttft-p50 0 --tpot-p50 0 --ttft-p99 2 --tpot-p99 0.03
same_search check-done '{ model = "llama-3-70b", cluster = "h100x8", rps = 8, ttft_p99 = 1, tpot_p99 = 0.1 }' \
	--model llama-3-70b --cluster h100x8 --rps 8 --ttft-p99 1 --tpot-p99 0.1
CHECK=

# checks registered by the script itself filter its searches; checks =
# false turns them off; a check that raises rejects, naming its line
cat >"$W/filter.lua" <<'LUA'
local TIGHT = { model = "llama-3-70b", cluster = "h100x8", dtype = "bf16", rps = 0, ttft_p50 = 0,
  tpot_p50 = 0, ttft_p99 = 2, tpot_p99 = 0.03 }
local free = shardlab.search(TIGHT)
assert(free.candidates[1].strategy.tp == 8, "without checks TP 8 wins")
assert(free.rejected.check == nil)
shardlab.check{ id = "team.no-tp8", fn = function(r) return r.strategy.tp ~= 8, "TP 8 is reserved" end }
local r = shardlab.search(TIGHT)
for _, c in ipairs(r.candidates) do assert(c.strategy.tp ~= 8, "a TP 8 candidate passed the check") end
print(r.rejected.check.count > 0, r.rejected.check.nearest)
TIGHT.checks = false
assert(shardlab.search(TIGHT).candidates[1].strategy.tp == 8, "checks = false")
print("checks off")
LUA
expect filter-rejects 0 '^true	TP 8 x PP 1 x DP 1, bf16: user check: team\.no-tp8: TP 8 is reserved$' '' -- $S run "$W/filter.lua"
expect filter-off 0 '^checks off$' '' -- $S run "$W/filter.lua"
cat >"$W/raise.lua" <<'LUA'
shardlab.check{ id = "team.raises", fn = function(r) if r.strategy.tp == 8 then error("no TP 8 today") end return true end }
local r = shardlab.search{ model = "llama-3-70b", cluster = "h100x8", dtype = "bf16", rps = 0, ttft_p50 = 0,
  tpot_p50 = 0, ttft_p99 = 2, tpot_p99 = 0.03 }
print(r.candidates[1].strategy.tp, r.rejected.check.nearest)
LUA
expect filter-raises 0 "^[124]	TP 8 x PP 1 x DP 1, bf16: user check: team\.raises: $W/raise\.lua:1: no TP 8 today\$" '' -- $S run "$W/raise.lua"

# fast enough for scripts: a search of 8 GPUs in well under a second
cat >"$W/fast.lua" <<'LUA'
local t = os.clock()
local r = shardlab.search{ model = "llama-3-70b", cluster = "h100x8", rps = 8, ttft_p99 = 1, tpot_p99 = 0.1 }
local dt = os.clock() - t
print(#r.candidates, dt < 0.5 and "fast" or ("slow: " .. dt .. " s"))
LUA
expect search-fast 0 '^[1-9][0-9]*	fast$' '' -- $S run "$W/fast.lua"

# the tree reads as a Lua table: nulls are absent keys, whole numbers integers
cat >"$W/tree.lua" <<'LUA'
local r = shardlab.search{ model = "llama-3-70b", cluster = "t4x1" }
print(r.feasible, r.fewest, #r.candidates, math.type(r.query.gpus), r.notes[1])
local a = shardlab.audit("tests/plans/001-llama3-70b-tp8-h100.json")
print(a.verdict, a.exit_status, math.type(a.scenario.tp), a.claims[1].metric, a.best.found)
LUA
expect tree-search 0 '^false	nil	0	integer	smallest change that fits in memory: int4 weights on 6 x t4 \(8 in whole 4-GPU nodes\)' '' -- $S run "$W/tree.lua"
expect tree-audit 0 '^inconsistent	1	integer	strategy\.gpus	true$' '' -- $S run "$W/tree.lua"

# bad arguments raise, naming the script's line
bad_arg() {
	local name=$1 code=$2 msg=$3
	printf '%s\n' "$code" >"$W/bad.lua"
	expect "bad-$name" 1 '' "^shardlab: $W/bad.lua:1: $msg\$" -- $S run "$W/bad.lua"
}
bad_arg audit-type 'shardlab.audit({})' "bad argument #1 to 'audit' \(plan file path expected, got table\)"
bad_arg audit-none 'shardlab.audit()' "bad argument #1 to 'audit' \(plan file path expected, got no value\)"
bad_arg search-type 'shardlab.search(8)' "bad argument #1 to 'search' \(table expected, got number\)"
bad_arg search-key 'shardlab.search{ tpp = 2 }' "bad argument 'tpp' to 'search' \(unknown key; keys are the CLI options with underscores: .*; and search's: objective, top, usd_per_gpu_hour, dtypes, kv_dtypes, max_gpus, max_batch, allow_tp_across_nodes, micro_batch_variants, chunked_prefill, input_cv, output_cv, checks, spec, disagg\)"
bad_arg search-objective 'shardlab.search{ objective = "speed" }' "bad argument 'objective' to 'search' \(must be throughput, ttft, tpot, gpus or cost\)"
bad_arg search-top 'shardlab.search{ top = 0 }' "bad argument 'top' to 'search' \(must be a whole number in 1\.\.1000\)"
bad_arg search-top-frac 'shardlab.search{ top = 2.5 }' "bad argument 'top' to 'search' \(must be a whole number in 1\.\.1000\)"
bad_arg search-cv 'shardlab.search{ input_cv = 5 }' "bad argument 'input_cv' to 'search' \(must be a number in 0\.\.2\)"
bad_arg search-dtypes 'shardlab.search{ dtypes = "fp4" }' "bad argument 'dtypes' to 'search' \(a comma-separated list of fp32, bf16, fp16, fp8, int8, int4, nvfp4, mxfp4, w4a8, or all\)"
bad_arg search-kv-dtypes 'shardlab.search{ kv_dtypes = { "bf16", "fp4" } }' "bad argument 'kv_dtypes' to 'search' \(a comma-separated list of fp32, bf16, fp16, fp8, int8, int4, or all\)"
bad_arg search-flag 'shardlab.search{ allow_tp_across_nodes = "yes" }' "bad argument 'allow_tp_across_nodes' to 'search' \(must be true or false, not string\)"
bad_arg search-max-gpus 'shardlab.search{ max_gpus = 0 }' "bad argument 'max_gpus' to 'search' \(must be a whole number in 1\.\.4096\)"
bad_arg search-tp 'shardlab.search{ tp = 0 }' "bad argument 'tp' to 'search' \(must be >= 1\)"
bad_arg search-model 'shardlab.search{ model = "llama-9" }' "bad argument 'model' to 'search' \(unknown model 'llama-9'.*\)"
bad_arg search-cost 'shardlab.search{ model = "llama-3-8b", gpu = "l4", gpus = 8, objective = "cost" }' "bad argument 'objective' to 'search' \(cost needs a price: give usd_per_gpu_hour \(cluster l4x8 has none\)\)"

# a plan that cannot be read or built: nil and the CLI's message
B=$W/plans
mkdir -p "$B"
base='"model":"llama-3-70b","cluster":"h100x8","strategy":{"tp":8}'
printf '{%s,"claims":[{"metric":"memory.nope","value":1,"text":"x"}]}' "$base" >"$B/metric.json"
printf '{"model":"llama-3-70b","cluster":"h100x8","strategy":{"tp":0},"claims":[]}' >"$B/tp.json"
printf '{"model":"llama-3-70b",\n"cluster":"h100x8" "x"}' >"$B/syntax.json"
printf 'return { model = "llama-3-70b", cluster = "h100x8", strategy = { tp = 8 }, claims = {}, placment = {} }\n' >"$B/key.lua"
printf 'return 42\n' >"$B/number.lua"
cat >"$W/badplan.lua" <<'LUA'
local a, err = shardlab.audit(arg[1])
print(a, err)
LUA
bad_plan() {
	local name=$1 plan=$2 msg=$3
	$S audit "$plan" >/dev/null 2>"$W/cli.err"
	local cli
	cli=$(sed 's/^shardlab: //' "$W/cli.err")
	expect "bad-plan-$name" 0 "^nil	$msg\$" '' -- $S run "$W/badplan.lua" "$plan"
	if [ "$(cat "$OUT/stdout")" = "nil	$cli" ]; then pass; else fail "bad-plan-$name-as-cli" "lua: $(cat "$OUT/stdout")" "cli: $cli"; fi
}
bad_plan missing "$B/none.json" "$B/none\.json: No such file or directory"
bad_plan metric "$B/metric.json" "$B/metric\.json: key 'claims\[0\]\.metric': unknown metric 'memory\.nope'.*"
bad_plan tp "$B/tp.json" "$B/tp\.json: key 'strategy\.tp': must be >= 1"
bad_plan syntax "$B/syntax.json" "$B/syntax\.json:2: invalid JSON near '\"x\"}'"
bad_plan lua-key "$B/key.lua" "$B/key\.lua: key 'placment' is unknown \(known: title, .*\)"
bad_plan lua-number "$B/number.lua" "$B/number\.lua: must return a table \(the plan\)"
finish
