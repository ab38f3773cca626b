#!/bin/bash
# tests/lua/fields.sh: the Lua result tree and `eval --json` are both walks
# of the field table (core/fields.h): for every shipped model on two
# layouts, every figure is the same (same_as_eval.lua diffs the trees).
# The JSON against the table and --explain: tests/unit/test_fields.c.
source "$(dirname "$0")/../lib.sh"
S=$SHARDLAB
W=$(mktemp -d)
trap 'rm -rf "$W" "$OUT"' EXIT

models=$($S models | awk 'NR > 1 { print $1 }')
[ "$(echo "$models" | wc -l)" -ge 10 ] && pass || fail models-listed "$models"
for m in $models; do
	for lay in "tp=4 pp=2 dtype=bf16" "tp=2 pp=4 dtype=fp8"; do
		set -- $lay
		cli=""
		for kv in "$@"; do cli="$cli --${kv%%=*} ${kv#*=}"; done
		$S eval --json --model "$m" --cluster h100x8 $cli >"$W/eval.json" 2>/dev/null
		expect "lua-same-as-json-$m-${lay// /-}" 0 '^same$' '' -- $S run tests/lua/same_as_eval.lua \
			"$(cat "$W/eval.json")" model="$m" cluster=h100x8 "$@"
	done
done
finish
