#!/bin/bash
# tests/cli/reliability.sh: issue 10's crash and bad-output inputs, each a
# one-line error (or the right figure) with no sanitizer report.  The
# inputs live in tests/fuzz/regress/ so the fuzz targets replay them too.
source "$(dirname "$0")/../lib.sh"
S=$SHARDLAB
R=tests/fuzz/regress
W=$OUT/w
mkdir -p "$W"

# one_line NAME STATUS 'stderr regex' -- CMD: exit STATUS, one stderr line
one_line() {
	local name=$1 status=$2 re=$3
	shift 4
	expect "$name" "$status" '' "$re" -- "$@"
	expect_stderr_lines "$name-one-line" 1
}

# 2: SIGFPE in the importer (% step, % freq): stop at the first invalid key
one_line hf-sparse-step-0 2 "sparse-step-0.json: key 'decoder_sparse_step' is out of range \(is 0; must be in 1\.\." -- $S import $R/hfconfig/sparse-step-0.json
one_line hf-moe-layer-freq-0 2 "moe-layer-freq-0.json: key 'moe_layer_freq' is out of range \(is 0;" -- $S import $R/hfconfig/moe-layer-freq-0.json
one_line hf-eval-model-sparse-step-0 2 "key 'decoder_sparse_step' is out of range" -- $S eval --model $R/hfconfig/sparse-step-0.json
printf 'print(shardlab.model("%s"))\n' "$PWD/$R/hfconfig/moe-layer-freq-0.json" >"$W/model.lua"
expect hf-lua-model-freq-0 0 "^nil	.*key 'moe_layer_freq' is out of range" '' -- $S run "$W/model.lua"
# 12: head_dim from hidden_size / heads only when it divides; MoE configs
# whose pattern gives no MoE layer; a plan's unnamed GPU is an assumption
one_line hf-hidden-4097 2 "hidden-4097.json: key 'hidden_size' \(4097\) is not a multiple of num_attention_heads \(32\); give head_dim" -- $S import $R/hfconfig/hidden-4097.json
one_line hf-no-moe-layers 2 "no-moe-layers.json: key 'decoder_sparse_step' leaves no MoE layer" -- $S import $R/hfconfig/no-moe-layers.json
expect plan-gpu-assumed 0 'assumed .*gpu h100-sxm: shardlab.s defaults' '' -- $S audit $R/plan/gpus-no-gpu.json
# 14: the whole message for head_dim 1e308; a NUL byte is not "truncated?"
one_line hf-head-dim-1e308 2 "head-dim-1e308.json: key 'head_dim' is out of range \(is 1e\+308; must be in 1\.\.16384\)$" -- $S import $R/hfconfig/head-dim-1e308.json
one_line hf-nul-byte 2 'nul-byte.json: not a text file \(a NUL byte at byte 22\)$' -- $S import $R/hfconfig/nul-byte.json
one_line lua-budget-too-big 2 '--lua-budget 99999999999999999999: must be a whole number in 1000\.\.' -- $S run --lua-budget 99999999999999999999 "$W/model.lua"
printf 'error("first line\\nsecond line")\nreturn {}\n' >"$W/plan-err.lua"
one_line plan-error-one-line 2 'plan-err.lua:1: first line$' -- $S audit "$W/plan-err.lua"
printf 'local t = {} for i = 1, 1e9 do t[i] = string.rep("x", 64) .. i end\n' >"$W/plan-oom.lua"
one_line plan-oom-names-file 2 'plan-oom.lua: Lua ran out of memory \(cap 67108864 bytes\)$' -- $S audit "$W/plan-oom.lua"

# 3: json.encode of a __pairs that yields a key twice (read unset memory)
cat >"$W/dup.lua" <<'LUA'
local json = require "shardlab.json"
local t = setmetatable({}, { __pairs = function()
  local i = 0
  return function() i = i + 1; if i <= 3 then return "k", i end end
end })
print(json.encode(t))
LUA
expect json-duplicate-key 0 '^\{"k":3\}$' '' -- $S run "$W/dup.lua"
# ... and one whose iterator, in C, never ends: charged to the budget
printf 'local json = require "shardlab.json"\nprint(json.encode(setmetatable({}, { __pairs = function() return math.max, 1, 1 end })))\n' >"$W/cloop.lua"
expect json-c-iterator-budget 1 '' 'exceeded its budget of 1000000 instructions' -- timeout 60 $S run --lua-budget 1000000 "$W/cloop.lua"

# 8: a FIFO as input is refused at once (it blocked forever)
mkfifo "$W/f.json" "$W/f.lua"
one_line fifo-import 2 'f.json: not a regular file \(a FIFO, socket or device\)$' -- timeout 20 $S import "$W/f.json"
one_line fifo-eval-model 2 'f.json: not a regular file' -- timeout 20 $S eval --model "$W/f.json"
one_line fifo-audit 2 'f.json: not a regular file' -- timeout 20 $S audit "$W/f.json"
one_line fifo-audit-lua 2 'f.lua: not a regular file' -- timeout 20 $S audit "$W/f.lua"
expect fifo-run 2 '' 'f.lua: not a regular file' -- timeout 20 $S run "$W/f.lua"

# 9: presets are data; no counter to leak: a preset that reaches for the
# module fails with one line, as often as it is asked, and loads go on
mkdir -p "$W/root/presets/gpus"
printf 'return shardlab.gpu("h100-sxm")\n' >"$W/root/presets/gpus/derived.lua"
one_line preset-no-module 2 "derived.lua:1: 'shardlab.gpu' is not available in a preset: presets are data" -- env SHARDLAB_PATH="$W/root:$SHARDLAB_PATH" $S eval --gpu derived --gpus 1
cat >"$W/many.lua" <<'LUA'
for i = 1, 12 do assert(shardlab.gpu("derived") == nil) end
local g = assert(shardlab.gpu("h100-sxm"))
local m = assert(shardlab.model("llama-3-8b"))
print(g.name, m.name)
LUA
expect preset-failures-do-not-add-up 0 '^h100-sxm	llama-3-8b$' '' -- env SHARDLAB_PATH="$W/root:$SHARDLAB_PATH" $S run "$W/many.lua"

# 10: plan GPU lists and layer ranges
one_line plan-gpus-long-max 2 "gpus-long-max.json: key 'placement\[0\].gpus': '9223372036854775807' is not a GPU list" -- $S audit $R/plan/gpus-long-max.json
one_line plan-gpus-uint-max 2 "gpus-uint-max.json: key 'placement\[0\].gpus': '4294967295' is not a GPU list" -- $S audit $R/plan/gpus-uint-max.json
one_line plan-nan-layers 2 "nan-layers.lua: key 'placement\[0\].layers' must be \[first, last\]" -- $S audit $R/plan/nan-layers.lua
one_line plan-fractional-stage-layers 2 "key 'strategy.stage_layers\[0\]' must be a whole number of layers" -- $S audit $R/plan/stage-layers-fractional.json
# 11: non-finite arithmetic is an error, not "= inf: holds"
one_line plan-equals-inf 2 "key 'claims\[0\].equals': the result is infinite, not a finite number" -- $S audit $R/plan/equals-inf.json
one_line plan-equals-nan 2 "key 'claims\[0\].equals': the result is NaN, not a finite number" -- $S audit $R/plan/equals-nan.json

# every regression input of tests/fuzz: a clean exit (0, 1 or 2), no report
for f in $R/hfconfig/* $R/plan/*; do
	case $f in */hfconfig/*) cmd="import" ;; *) cmd="audit" ;; esac
	run timeout 60 $S $cmd "$f"
	if [ "$RC" -gt 2 ] || grep -Eq 'AddressSanitizer|runtime error:|LeakSanitizer' "$OUT/stderr"; then
		fail "regress-$(basename "$f")" "exit $RC" "$(head -c 600 "$OUT/stderr")"
	else
		pass
	fi
done
finish
