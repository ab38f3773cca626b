#!/bin/bash
# tests/cli/bands.sh: honest error bands (issue 11): the residual sets in
# src/core/bands.c are current with the accuracy reporter (regenerate with
# make bands when the physics changes), and every front end shows a
# figure's band by the field table: eval's text, JSON, Lua, --explain.
source "$(dirname "$0")/../lib.sh"
S=$SHARDLAB
A=${T:-build-test}/accuracy
case $A in /*) ;; *) A=./$A ;; esac

expect bands-current 0 '' '' -- scripts/gen-bands --check "$A"
# the text: the value, then (low-high) in its unit
E=(--model llama-3-70b --cluster h100x8 --tp 8 --rps 8)
expect text-tpot 0 '^latency +TTFT [0-9.]+ ms \(measured [0-9.]+-[0-9.]+\) +TPOT [0-9.]+ ms \(measured [0-9.]+-[0-9.]+\)' '' -- $S eval "${E[@]}"
expect text-throughput 0 '^throughput [0-9,.]+ tok/s \(measured [0-9,.]+-[0-9,.]+\)' '' -- $S eval "${E[@]}"
expect text-serving 0 'TTFT p50 [0-9.]+ ms \(measured [0-9.]+-[0-9.]+\) p99' '' -- $S eval "${E[@]}"
# JSON: KEY_band {low, high} after each banded figure, none on memory
expect json-band 0 '"tpot_s_band":' '' -- $S eval "${E[@]}" --json
run $S eval "${E[@]}" --json
if grep -q '"weights_bytes_band"' "$OUT/stdout"; then fail json-no-memory-band; else pass; fi
# the band's numbers: low < high, and a rate's band divides (throughput below the latency's ratio)
cat >"$OUT/b.lua" <<'LUA'
local r = shardlab.evaluate{ model = "llama-3-70b", cluster = "h100x8", tp = 8, rps = 8 }
local b = r.latency.tpot_s_band
assert(b.low > 0 and b.low < b.high, "tpot band")
local t = r.throughput.tokens_per_s_band
assert(t.low < t.high, "throughput band")
-- the serving section's bands by the same rule
assert(r.serving.at_target.ttft_p99_s_band.high > r.serving.at_target.ttft_p99_s_band.low)
assert(r.memory.weights_bytes_band == nil, "memory has no band")
print(string.format("tpot %.4f %.4f %.4f", r.latency.tpot_s, b.low, b.high))
LUA
expect lua-band 0 '^tpot 0\.[0-9]+ 0\.[0-9]+ 0\.[0-9]+$' '' -- $S run "$OUT/b.lua"
# --explain names the residual set: class, kind, engine, rows, quantiles
expect explain-band 0 'band: [0-9.]+ ms \(measured [0-9.]+-[0-9.]+\), the p10-p90 of dense decode residuals, .* \([0-9]+ rows\): measured/predicted p10 [0-9.]+, median [0-9.]+, p90 [0-9.]+' '' -- \
	$S eval "${E[@]}" --explain=latency.tpot_s
expect explain-moe-band 0 'band: .* MoE throughput residuals' '' -- \
	$S eval --model mixtral-8x7b --cluster h100x8 --tp 8 --rps 0 --explain=throughput.tokens_per_s
expect explain-rate 0 'a rate: divided by the ratios' '' -- $S eval "${E[@]}" --explain=throughput.tokens_per_s
# the man page's FIGURES name each figure's band
expect fields-man 0 'band from the decode residuals' '' -- $S fields --man
finish
