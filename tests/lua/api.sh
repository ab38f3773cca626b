#!/bin/bash
# tests/lua/api.sh: the `shardlab` Lua module and `shardlab run`: each
# function (api_test.lua), results equal to `eval --json`, presets that use
# the module, and the run subcommand's arguments, output and status.
source "$(dirname "$0")/../lib.sh"
S=$SHARDLAB
W=$OUT/w
mkdir -p "$W"

# api_test.lua prints "ok NAME" / "not ok NAME: why" per case
run $S run tests/lua/api_test.lua
while IFS= read -r line; do
	case $line in
	"ok "*) pass ;;
	"not ok "*) fail "api: ${line#not ok }" ;;
	esac
done <"$OUT/stdout"
[ "$RC" = 0 ] && pass || fail api_test-status "exit $RC" "$(head -c 600 "$OUT/stderr")"
grep -Eq 'AddressSanitizer|runtime error:|LeakSanitizer' "$OUT/stderr" && fail api_test-sanitizer "$(head -c 600 "$OUT/stderr")"

# evaluate{...} is `eval --json` with the same options, field for field
same() {
	local name=$1
	shift
	local cli=() kv
	for kv in "$@"; do
		local k=${kv%%=*}
		cli+=("--${k//_/-}" "${kv#*=}")
	done
	$S eval --json "${cli[@]}" >"$W/eval.json" 2>"$W/eval.err"
	local erc=$?
	if [ "$erc" -gt 1 ]; then
		fail "same-as-eval-$name" "eval exited $erc: $(cat "$W/eval.err")"
		return
	fi
	expect "same-as-eval-$name" 0 '^same$' '' -- $S run tests/lua/same_as_eval.lua "$(cat "$W/eval.json")" "$@"
}
same default
same tp8 model=llama-3-70b cluster=h100x8 tp=8
same tp2-pp4 model=llama-3-70b cluster=h100x8 tp=2 pp=4
same uneven-stages model=llama-3-70b cluster=h100x8 tp=2 pp=4 stage_layers=21,20,20,19
same deepseek-ep model=deepseek-v3 cluster=h200x8 tp=8 ep=8 dtype=fp8 batch=8
same mixtral-dp model=mixtral-8x7b cluster=a100x8 tp=4 dp=2 kv_dtype=fp8 input_len=8k
same qwen3-moe model=qwen3-30b-a3b gpu=h100-sxm gpus=16 rps=2 ttft_p99=300ms
same gpt-oss-int4 model=gpt-oss-20b cluster=h100x8 tp=1 pp=2 dtype=int4
same t4-short model=llama-3-70b cluster=t4x1 tp=1 dtype=fp16
same filled-tp model=llama-3-8b gpu=l4 gpus=8 batch=16
same sglang model=qwen2.5-72b cluster=h200x8 tp=4 dp=2 runtime=sglang mem_util=0.85
same trtllm model=llama-3.1-405b cluster=h100x16 tp=8 pp=2 runtime=trtllm dtype=fp8
same mi300x model=llama-3-70b cluster=mi300x8 tp=2 dp=4 max_model_len=32768
same nodes model=llama-3-70b cluster=h100x8 nodes=2 tp=8 pp=2
same config-dir model=tests/data/llama-2-7b gpu=a100-80gb gpus=1 batch=16
# issue 13: speculative decoding (EAGLE, MTP, a draft model) and prefix caching
same spec-eagle model=llama-3-8b gpu=h100-sxm gpus=1 batch=4 spec_tokens=3 spec_accept=0.8
same spec-mtp model=deepseek-v3 cluster=h200x8 tp=8 runtime=sglang batch=1 spec_tokens=1 spec_accept=0.875
same spec-draft model=llama-3-70b cluster=h100x8 tp=4 dp=2 spec_tokens=4 spec_model=llama-3-8b
# issue 13: disaggregated prefill/decode (the serving section's disagg.* figures)
same disagg model=llama-3-70b gpu=h100-sxm gpus=32 tp=4 dp=4 prefill_tp=8 prefill_dp=2 input_len=4096 output_len=256 rps=2
same disagg-layer model=deepseek-v3 gpu=h200 gpus=32 tp=8 dp=2 prefill_tp=8 prefill_dp=2 dtype=fp8 kv_transfer_mode=layer kv_transfer=roce-400g
same prefix model=llama-3-8b gpu=h100-sxm gpus=1 input_len=2248 prefix_len=2048 prefix_hit=0.9
# issue 13: attention DP with wide EP (DeepEP modes, EPLB's redundant experts)
same adp-ep72 model=deepseek-v3 gpu=h100-sxm gpus=72 gpus_per_node=8 tp=1 dp=72 ep=72 ep_redundant=32 dtype=fp8 runtime=sglang batch=256 input_len=2000 output_len=100
same adp-ep32-normal model=deepseek-v3 gpu=h100-sxm gpus=32 gpus_per_node=8 tp=1 dp=32 ep=32 ep_mode=normal dtype=fp8 batch=64

# a JSON dump of the Lua tree reads back as `eval --json`'s tree
cat >"$W/dump.lua" <<'LUA'
local json = require "shardlab.json"
print(json.encode(shardlab.evaluate{ tp = 2, pp = 4 }, { indent = "  " }))
LUA
expect json-dump 0 '"kv_bytes_per_token": 40960' '' -- $S run "$W/dump.lua"

# shardlab run: arguments, print to stdout, status from the script
cat >"$W/args.lua" <<'LUA'
print(arg[0], #arg, arg[1], arg[2])
return tonumber(arg[1])
LUA
expect run-args 7 "^$W/args.lua	2	7	--tp$" '' -- $S run "$W/args.lua" 7 --tp
expect run-status-0 0 '' '' -- $S run "$W/args.lua" 0
printf 'return 256\n' >"$W/big.lua"
expect run-status-range 1 '' "^shardlab: $W/big.lua: returned 256; an exit status is a whole number in 0..255$" -- $S run "$W/big.lua"
printf 'return false\n' >"$W/false.lua"
expect run-status-false 1 '' '' -- $S run "$W/false.lua"
printf 'print("before")\nerror("boom")\n' >"$W/raise.lua"
expect run-raise 1 '^before$' "^shardlab: $W/raise.lua:2: boom$" -- $S run "$W/raise.lua"
expect run-raise-traceback 1 '' 'stack traceback:' -- $S run "$W/raise.lua"
printf 'local x = = 1\n' >"$W/syntax.lua"
expect run-syntax 2 '' "^shardlab: $W/syntax.lua:1: unexpected symbol near '='$" -- $S run "$W/syntax.lua"
expect run-missing 2 '' "^shardlab: $W/missing.lua: " -- $S run "$W/missing.lua"
expect run-no-script 2 '' "^shardlab: run: needs a SCRIPT.lua" -- $S run
expect run-help 0 '^usage: shardlab run \[options\] SCRIPT.lua \[args...\]' '' -- $S run --help
expect run-bad-budget 2 '' 'lua-budget' -- $S run --lua-budget 10 "$W/args.lua"
# options before the script are evaluate's base scenario
printf 'local r = shardlab.evaluate()\nprint(r.model.name, r.strategy.tp, r.workload.batch)\n' >"$W/base.lua"
expect run-base-options 0 '^llama-3-8b	1	16$' '' -- $S run --model llama-3-8b --tp 1 --batch 16 "$W/base.lua"
expect run-base-default 0 '^llama-3-70b	8	' '' -- $S run "$W/base.lua"

# presets are data (issue 9): a GPU preset on the search path is a table of
# values; one that reaches for the module (to derive itself from another
# preset, or to load itself) gets one line naming it
mkdir -p "$W/root/presets/gpus" "$W/root/presets/clusters"
cat >"$W/root/presets/gpus/h100-half.lua" <<'LUA'
-- an H100 with half its memory (42.5 GB; presets/gpus/h100-sxm.lua has 85e9)
return { kind = "gpu", name = "h100-half", arch = "hopper", memory_bytes = 42.5e9,
  hbm_bytes_per_s = 3.35e12, peak_flops = { bf16 = 989e12, fp16 = 989e12 },
  compute_fraction = 0.7, memory_fraction = 0.8, gpus_per_node = 8,
  intra_fabric = "nvlink4", inter_fabric = "ib-ndr" }
LUA
printf 'local r = shardlab.evaluate{ gpu = "h100-half", gpus = 8, tp = 8 }\nprint(r.cluster.gpu, r.cluster.gpu_memory_bytes)\n' >"$W/half.lua"
expect preset-is-data 0 '^h100-half	42' '' -- env SHARDLAB_PATH="$W/root:$PWD" $S run "$W/half.lua"
cat >"$W/root/presets/gpus/loop.lua" <<'LUA'
return assert(shardlab.gpu("loop"))
LUA
expect preset-no-module 2 '' "loop.lua:1: 'shardlab.gpu' is not available in a preset: presets are data" -- env SHARDLAB_PATH="$W/root:$PWD" $S eval --gpu loop --gpus 1
expect_stderr_lines preset-no-module-one-line 1

# a scenario preset with checks: they run beside the built-in ones
cat >"$W/team.lua" <<'LUA'
shardlab.check{ id = "team.batch-64", severity = "error", fn = function(r)
  return r.workload.batch <= 64, "batch " .. r.workload.batch .. " > 64"
end }
return { kind = "scenario", name = "team", model = "llama-3-70b", cluster = "h100x8", tp = 8,
  batch = 128, rps = 0 }
LUA
expect preset-checks-eval 1 'error +team\.batch-64 +batch 128 > 64' '' -- $S eval --preset "$W/team.lua"
expect preset-checks-ok 0 'verdict +feasible' '' -- $S eval --preset "$W/team.lua" --batch 32
expect preset-checks-json 1 '"id":[[:space:]]*"team.batch-64"' '' -- $S eval --preset "$W/team.lua" --json
printf 'local r = shardlab.evaluate()\nprint(r.feasible, r.checks[#r.checks].id)\n' >"$W/preset-run.lua"
expect preset-checks-run 0 '^false	team.batch-64$' '' -- $S run --preset "$W/team.lua" "$W/preset-run.lua"
# the man page documents every function, every evaluate key and every field
cat >"$W/names.lua" <<'LUA'
local seen = {}
local function walk(t)
  for k, v in pairs(t) do
    if type(k) == "string" and not seen[k] then
      seen[k] = true
      print("field " .. k)
    end
    if type(v) == "table" then walk(v) end
  end
end
for name in pairs(shardlab) do print("function shardlab." .. name) end
for _, p in ipairs(shardlab.params()) do print("key " .. p.name) end
walk(shardlab.evaluate{ tp = 2, pp = 2, dp = 2 })
for _, o in ipairs{ shardlab.model("deepseek-v3"), shardlab.cluster("h100x8"), shardlab.runtime("vllm"),
    shardlab.gpu("h100-sxm") } do
  walk(o)
end
for _, m in ipairs{ "units", "tabular", "sweep", "json" } do
  for name in pairs(require("shardlab." .. m)) do
    if not name:match("^__") and not name:match("^%u") then print("function " .. name) end
  end
end
LUA
run $S run "$W/names.lua"
undocumented=""
while read -r kind name; do
	grep -qF -- "${name}" man/shardlab-lua.7 || undocumented="$undocumented $kind:$name"
done <"$OUT/stdout"
[ -s "$OUT/stdout" ] && [ -z "$undocumented" ] && pass || fail man-documents-everything "undocumented:$undocumented"
finish
