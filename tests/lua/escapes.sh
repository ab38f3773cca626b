#!/bin/bash
# tests/lua/escapes.sh: every escape of issue 10 (bytecode, a looping
# __gc, xpcall's handler, single C calls that loop, the real globals, the
# shared module) from a script, a check file, a preset and a Lua plan:
# each ends within its budget, with a one-line message naming the file,
# and no sanitizer report.
source "$(dirname "$0")/../lib.sh"
S=$SHARDLAB
W=$OUT/w
mkdir -p "$W/root/presets/gpus"

# The escapes, one per line: NAME<TAB>lua.  A file that survives its escape
# raises "survived", so that each case ends in an error naming the file.
ESCAPES=$(cat <<'LUA'
bytecode	local f = load("\27Lua\84\0\25\147\13\10\26\10\4\8\8\120\86\0\0\0\0\0\0\0\0\0\0\0\40\119\64\1\128\129\1\0\0\0\0\0\0\0\2\130\3\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0") assert(f == nil, "a binary chunk loaded") error("survived")
gc	setmetatable({}, { __gc = function() while true do end end }) error("survived")
xpcall	xpcall(function() while true do end end, function(m) while true do end end) error("survived")
rep	local s = string.rep("", math.maxinteger) assert(s == "") error("survived")
rep-sep	local s = string.rep("", 1e15, "") assert(s == "") error("survived")
move	table.move({}, 1, math.maxinteger // 2, 1) error("survived")
globals	local ok, f = pcall(load, "return _G") local G = f() assert(G.tostring == nil, "reached the shared globals") error("survived")
libs	string.format = nil error("survived")
LUA
)

n=0
while IFS=$'\t' read -r name body; do
	[ -n "$name" ] || continue
	n=$((n + 1))
	# a script (a small budget keeps the loops short under ASan)
	printf '%s\n' "$body" >"$W/esc-$name.lua"
	run timeout ${ESC_TIMEOUT:-60} $S run --lua-budget 2000000 "$W/esc-$name.lua"
	if [ "$RC" = 124 ]; then fail "script-$name" "hung"; 
	elif [ "$RC" != 1 ]; then fail "script-$name" "exit $RC" "$(head -c 600 "$OUT/stderr")";
	elif ! head -n 1 "$OUT/stderr" | grep -qF "shardlab: $W/esc-$name.lua:"; then fail "script-$name" "first line does not name the file" "$(head -c 600 "$OUT/stderr")";
	elif grep -Eq 'AddressSanitizer|runtime error:|LeakSanitizer' "$OUT/stderr"; then fail "script-$name" "sanitizer report";
	else pass; fi

	# a check file: loading it fails with one line naming it (exit 2)
	printf '%s\n' "$body" >"$W/chk-$name.lua"
	run timeout ${ESC_TIMEOUT:-60} $S eval --lua-budget 2000000 --check "$W/chk-$name.lua" --rps 0
	if [ "$RC" = 124 ]; then fail "check-$name" "hung";
	elif [ "$RC" != 2 ]; then fail "check-$name" "exit $RC" "$(head -c 600 "$OUT/stderr")";
	elif [ "$(wc -l <"$OUT/stderr")" != 1 ] || ! grep -qF "$W/chk-$name.lua:" "$OUT/stderr"; then fail "check-$name" "not one line naming the file" "$(head -c 600 "$OUT/stderr")";
	elif grep -Eq 'AddressSanitizer|runtime error:|LeakSanitizer' "$OUT/stderr"; then fail "check-$name" "sanitizer report";
	else pass; fi

	# a GPU preset
	printf '%s\nreturn { kind = "gpu" }\n' "$body" >"$W/root/presets/gpus/esc-$name.lua"
	run timeout ${ESC_TIMEOUT:-60} env SHARDLAB_PATH="$W/root:$SHARDLAB_PATH" $S eval --gpu "esc-$name" --gpus 1
	if [ "$RC" = 124 ]; then fail "preset-$name" "hung";
	elif [ "$RC" != 2 ]; then fail "preset-$name" "exit $RC" "$(head -c 600 "$OUT/stderr")";
	elif [ "$(wc -l <"$OUT/stderr")" != 1 ] || ! grep -qF "presets/gpus/esc-$name.lua:" "$OUT/stderr"; then fail "preset-$name" "not one line naming the file" "$(head -c 600 "$OUT/stderr")";
	elif grep -Eq 'AddressSanitizer|runtime error:|LeakSanitizer' "$OUT/stderr"; then fail "preset-$name" "sanitizer report";
	else pass; fi

	# a Lua plan
	printf '%s\nreturn { model = "llama-3-8b", cluster = "h100x8" }\n' "$body" >"$W/plan-$name.lua"
	run timeout ${ESC_TIMEOUT:-60} $S audit "$W/plan-$name.lua"
	if [ "$RC" = 124 ]; then fail "plan-$name" "hung";
	elif [ "$RC" != 2 ]; then fail "plan-$name" "exit $RC" "$(head -c 600 "$OUT/stderr")";
	elif [ "$(wc -l <"$OUT/stderr")" != 1 ] || ! grep -qF "$W/plan-$name.lua:" "$OUT/stderr"; then fail "plan-$name" "not one line naming the file" "$(head -c 600 "$OUT/stderr")";
	elif grep -Eq 'AddressSanitizer|runtime error:|LeakSanitizer' "$OUT/stderr"; then fail "plan-$name" "sanitizer report";
	else pass; fi
done <<<"$ESCAPES"
[ "$n" = 8 ] && pass || fail escapes-read "read $n escapes, expected 8"

# A crafted chunk (LOADK with an out-of-range constant) crashed liblua in a
# plan: plans now get the sandbox's load, which refuses every binary chunk
printf 'local ok, e = load("\\27Lua") print(ok, e) return { model = "llama-3-8b", cluster = "h100x8" }\n' >"$W/plan-load.lua"
expect plan-load-text-only 2 '' '' -- $S audit "$W/plan-load.lua"

# a check cannot replace the module for the files after it
cat >"$W/flip.lua" <<'LUA'
shardlab.evaluate = function() return { feasible = true } end
LUA
expect module-read-only 2 '' "flip.lua:1: 'shardlab' is read-only" -- $S eval --check "$W/flip.lua" --rps 0
# the shared globals are out of reach: replacing tostring through load's
# environment reaches no later file
cat >"$W/g1.lua" <<'LUA'
local ok, f = pcall(load, "return _G")
local G = f()
if G then G.tostring = function() return "pwned" end end
shardlab.check{ id = "g1", fn = function() return true end }
LUA
cat >"$W/g2.lua" <<'LUA'
shardlab.check{ id = "g2.tostring", severity = "error", fn = function()
  return tostring(1) == "1", "tostring is " .. tostring(1)
end }
LUA
expect globals-unreachable 0 'verdict +feasible' '' -- $S eval --check "$W/g1.lua" --check "$W/g2.lua" --rps 0
# pairs over a read-only library still lists it
printf 'local n = 0 for k in pairs(string) do n = n + 1 end print(n > 10, string.rep("ab", 3, "-"), ("x"):rep(2))\n' >"$W/pairs.lua"
expect libs-pairs 0 '^true	ab-ab-ab	xx$' '' -- $S run "$W/pairs.lua"
# xpcall still calls its handler with the error, and returns its value
printf 'print(xpcall(function(a) error("boom " .. a, 0) end, function(m) return "handled: " .. m end, 7))\nprint(xpcall(function(a, b) return a + b end, print, 2, 3))\n' >"$W/xp.lua"
expect xpcall-handler 0 '^false	handled: boom 7$' '' -- $S run "$W/xp.lua"
expect xpcall-ok 0 '^true	5$' '' -- $S run "$W/xp.lua"
# rawset cannot write into a read-only view, nor can a file change a
# module that every later file's require returns
printf 'rawset(shardlab, "evaluate", print)\n' >"$W/rawset.lua"
expect rawset-read-only 1 '' "rawset.lua:1: 'shardlab' is read-only" -- $S run "$W/rawset.lua"
printf 'rawset(string, "format", print)\n' >"$W/rawset2.lua"
expect rawset-library-read-only 1 '' "rawset2.lua:1: 'string' is read-only" -- $S run "$W/rawset2.lua"
printf 'require("shardlab.units").bytes = nil\n' >"$W/units.lua"
expect module-tables-read-only 1 '' "units.lua:1: 'shardlab.units' is read-only" -- $S run "$W/units.lua"
printf 'local t = {} rawset(t, "a", 1) print(t.a)\n' >"$W/rawset3.lua"
expect rawset-plain-table 0 '^1$' '' -- $S run "$W/rawset3.lua"
# check files of `shardlab run` share the script's state: what one file
# does to the shared globals or libraries must not reach the script
cat >"$W/g3.lua" <<'LUA'
pcall(function() local ok, f = pcall(load, "return _G"); f().tostring = function() return "pwned" end end)
pcall(function() string.upper = function() return "pwned" end end)
pcall(function() rawset(string, "lower", function() return "pwned" end) end)
shardlab.check{ id = "g3", fn = function() return true end }
LUA
printf 'print(tostring(1), string.upper("a"), ("B"):lower(), string.lower("C"))\n' >"$W/g3-script.lua"
expect shared-state-untouched 0 '^1	A	b	c$' '' -- $S run --check "$W/g3.lua" "$W/g3-script.lua"
finish
