#!/bin/bash
# tests/run.sh: run every test layer (unit, CLI, Lua, TUI) against the
# sanitizer build and print the total as "N passed, N failed".
cd "$(dirname "$0")/.." || exit 2
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
T=${T:-build-test}
export SHARDLAB=$T/shardlab
# tests run against the source tree's presets only
export SHARDLAB_PATH=$PWD
export XDG_CONFIG_HOME=$(mktemp -d)
trap 'rm -rf "$XDG_CONFIG_HOME"' EXIT

total_pass=0
total_fail=0
add() {
	# parse the last "N passed, N failed" line of a layer's output
	local line
	line=$(grep -E '[0-9]+ passed, [0-9]+ failed' "$1" | tail -n 1)
	if [ -z "$line" ]; then
		echo "$2: no result line (crashed?)" >&2
		total_fail=$((total_fail + 1))
		return
	fi
	local p f
	p=$(echo "$line" | grep -oE '[0-9]+ passed' | grep -oE '[0-9]+')
	f=$(echo "$line" | grep -oE '[0-9]+ failed' | grep -oE '[0-9]+')
	total_pass=$((total_pass + p))
	total_fail=$((total_fail + f))
}

log=$(mktemp)
case $T in /*) "$T"/unit-tests ;; *) ./"$T"/unit-tests ;; esac >"$log" 2>&1
cat "$log"
add "$log" unit
for t in tests/cli/*.sh tests/lua/*.sh tests/tui/*.sh tests/fuzz/*.sh; do
	[ -f "$t" ] || continue
	bash "$t" >"$log" 2>&1
	cat "$log"
	add "$log" "$t"
done
rm -f "$log"
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" = 0 ]
