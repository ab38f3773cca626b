#!/bin/bash
# tests/tui/tui.sh: the workbench in a real terminal.  Starts the binary in a
# tmux pane (80x24, its own tmux server), sends keys, reads capture-pane:
# change TP and watch the bar change, open an explanation, :set pp 2,
# :export, resize below 80x24 and back, mouse clicks, quit with unsaved
# changes, NO_COLOR and 8-colour terminals, the ranking (r, :search, Enter
# loads a row, a search in the background), :audit, serving at the target
# rate and its verdict, SIGTERM, a terminal restored (also without an
# alternate screen: TERM=vt100).
# Skipped (0 passed, 0 failed) where tmux is missing.
cd "$(dirname "$0")/../.." || exit 2
source tests/lib.sh

source tests/tmux-lib.sh

# Not a terminal: no curses, a one-line hint, exit 2.
expect no-tty 2 '' "needs a terminal.*'shardlab eval'.*'shardlab run SCRIPT.lua'" -- "$BIN"
expect_stderr_lines no-tty-one-line 1
expect no-tty-tui 2 '' "needs a terminal" -- "$BIN" tui --tp 4
expect tui-help 0 'usage: shardlab \[tui \[SCENARIO\]\]' '' -- "$BIN" tui --help
expect tui-bad-option 2 '' "unknown option" -- "$BIN" tui --bogus

# The main view on the default scenario, 8 colours.
start TERM=xterm --
see opens 'FEASIBLE'
see main-memory 'Memory per GPU'
see main-model 'model +llama-3-70b'
see main-bar 'all GPUs .*\[W+K+'
grep -E 'all GPUs' "$OUT/screen" >"$OUT/bar-before"
if screen -e | grep -Eq $'\e\\[(3[0-7]|4[0-7])m|\e\\[[0-9;]*(3[0-7]|4[0-7])m'; then pass; else
	fail colours "no colour escapes with TERM=xterm" "$(screen -e | head -5 | cat -v)"; fi

# Left on the TP slider: TP 8 -> 4, the bar grows, the delta is stated.
keys Left
# lowering TP raises DP: the 8 GPUs stay in use
see tp-left 'TP 8 -> 4, DP 1 -> 2: KV per GPU \+100%'
see tp-status 'TP 4 x PP 1 x DP 2'
grep -E 'all GPUs' "$OUT/screen" >"$OUT/bar-after"
if ! cmp -s "$OUT/bar-before" "$OUT/bar-after"; then pass; else fail bar-changed "the bar did not change"; fi

# Enter on a figure: its explanation.
keys Tab Tab Enter
see explain 'ttft_s = prefill of one 2048-token request'
keys Escape
see explain-closed 'Latency and throughput'

# The command line.
keys ':' 'set pp 2' Enter
see set-pp 'PP 1 -> 2, DP 2 -> 1'
# at 80x24 the two stages' bars share a row (issue 14), labelled st 0 and st 1
see set-pp-stages 'st 0 +\[W+.* st 1 +\[W+'
keys ':' "export $OUT/report.md" Enter
see export-msg 'exported a Markdown report'
if grep -q '^# llama-3-70b on h100x8: TP 4 x PP 2 x DP 1' "$OUT/report.md" 2>/dev/null &&
    grep -q '^stage 1 .*\[W' "$OUT/report.md"; then pass; else
	fail export-file "report.md lacks the title or bars" "$(head -20 "$OUT/report.md" 2>&1)"; fi
keys ':' 'bogus' Enter
see command-error "unknown command ':bogus'"

# Resize below 80x24 and back.
tm resize-window -t t -x 60 -y 20
see too-small 'terminal too small: 60x20'
tm resize-window -t t -x 100 -y 30
see bigger 'TTFT p99 .*1.00 s'
tm resize-window -t t -x 80 -y 24
see back '^ m Main +g GPU map'   # at 80 columns the tabs start at the left edge

# The mouse (SGR reports, as xterm sends them): a tab, then a slider value.
raw $'\e[<0;13;1M\e[<0;13;1m'
see mouse-tab 'GPU map: llama-3-70b, TP 4 x PP 2'
raw $'\e[<0;3;1M\e[<0;3;1m'
see mouse-main 'Memory per GPU'

# Other screens by key.
keys t
see timeline 'bubble [0-9]+% of GPU time idle'
keys c
see compare 'Nothing is pinned yet'
keys '?'
see help 'Keys:'
keys m

# q with unsaved changes asks; d quits, the terminal comes back.
keys q
see quit-asks 'unsaved changes'
keys d
ended quit-discard 0
if screen | grep -q 'Memory per GPU'; then fail restored "the TUI is still on the pane"; else pass; fi

# NO_COLOR: no colours at all, words and glyphs carry the meaning.
start NO_COLOR=1 TERM=xterm-256color --
see nocolor-opens 'FEASIBLE'
if screen -e | grep -Eq $'\e\\[[0-9;]*(3[0-7]|4[0-7])m'; then
	fail nocolor "colour escapes with NO_COLOR=1" "$(screen -e | head -3 | cat -v)"; else pass; fi
see nocolor-words 'TTFT .* ok '
keys ':' 'q' Enter
ended nocolor-quit 0

# The ranking: r searches (8 GPUs: at once), Enter loads a row into the
# main screen as one change, u undoes it.
start TERM=xterm --
see serving-row 'TTFT p99 +156.1 ms  ok  p99 1.00 s +TPOT p99 +47.0 ms  ok'
see serving-title 'at 8.00 req/s: SLOs met; max 8.57 '
keys r
see ranking 'Ranking  by throughput per GPU at 8 req/s: 15 layouts searched, 3 feasible'
see ranking-table ' 1\* +4 +1 +2 +- bf16/bf16 +200 +8 +294 +25\.1 .* TPOT SLO'
see ranking-why '#1 TP 4 x PP 1 x DP 2, bf16, batch 200: sustains'
see ranking-plot 'obvious layouts:'
keys Tab
# the front is one point since issue 11's physics (#1 is also the fastest per user)
see ranking-plot-view 'the Pareto front is one point'
keys Tab
see ranking-more 'obvious layouts:'
keys Enter
see ranking-loaded 'loaded #1 of the search; TP 8 -> 4, DP 1 -> 2'
see ranking-status 'TP 4 x PP 1 x DP 2 = 8/8 GPUs'
keys u
see ranking-undo 'undo: TP 4 -> 8, DP 2 -> 1'
keys ':' 'search --objective ttft --top 3' Enter
see search-ttft 'by TTFT p99 at 8 req/s'
keys ':' 'search --top 0' Enter
see search-bad 'search: --top 0: must be a whole number in 1..1000'
# a big cluster: the search runs in a child process, keys stay live
keys ':' 'gpu h100-sxm 1024' Enter
see big-cluster 'TP4 PP1 DP256 = 1024/1024'   # 1024 GPUs: DP over the rest
keys ':' 'search' Enter
keys m
see big-keys-live 'Memory per GPU'
see big-search-done 'searched [0-9]+ layouts in [0-9.]+ s: [0-9]+ feasible'
keys r
see big-ranking 'by throughput per GPU at 8 req/s: [0-9]+ layouts'

# :audit: the report on the output screen from its top; a bad plan: one line.
keys ':' "audit $PWD/tests/plans/001-llama3-70b-tp8-h100.json" Enter
see audit-report 'shardlab audit: Llama3-70B-Instruct, TP=8 PP=1 DP=1 on 8x H100'
see audit-msg ': inconsistent \(exit'
keys PageDown
see audit-scrolls 'claims\['
keys ':' 'audit /nonexistent/plan.json' Enter
see audit-bad '^/nonexistent/plan.json: No such file or directory'
# a plan as people write it (Markdown): its findings, then L loads its scenario
keys ':' "audit $PWD/tests/plans/text/005-llama3-70b-a100-dense.md" Enter
see audit-text-report 'verdict +OPTIMISTIC'
# at 80 columns the status line cuts the message after '; L' (':messages' has it whole)
see audit-text-msg 'optimistic \(exit status 0\); L'
keys L
# the file name, not its path (a deep checkout's path cut '(u undoes)' off)
see audit-text-loaded 'loaded the scenario of 005-llama3-70b-a100-dense.md \(u undoes\)'
see audit-text-a100 'a100'

# Serving decides the verdict as eval's exit status: checks pass, the TTFT
# p99 SLO fails at the target rate.
keys ':' 'preset default' Enter
keys m ':' 'set ttft_p99 120ms' Enter
see misses-slos 'MISSES SLOs'
see misses-row 'TTFT p99 +156.1 ms FAIL p99 120.0 ms'
if SHARDLAB_PATH=$SHARDLAB_PATH "$BIN" eval --ttft-p99 0.12 >/dev/null 2>&1; then
	fail misses-eval "eval exits 0 where the workbench says MISSES SLOs"; else pass; fi
keys ':' 'q!' Enter
ended search-quit 0

# --no-color, a scenario file and a script run from the command line.
printf 'return { model = "llama-3-70b", cluster = "h100x8", tp = 2, pp = 4 }\n' >"$OUT/s.lua"
start TERM=xterm -- tui "$OUT/s.lua" --no-color
see file-opens 's.lua'
see file-layout 'TP 2 x PP 4'
keys ':' 'run lua/examples/tp_pp_sweep.lua' Enter
see run-output 'highest throughput that passes'
see run-exit 'exit 0 after'
keys m

# SIGTERM with unsaved changes: the terminal is restored and the scenario
# is written where the user finds it.
keys ':' 'set batch 32' Enter
see term-changed 's.lua \[\+\]'
# the pane runs sh -c '...'; the workbench is its child (env execs it)
pane=$(tm display-message -p -t t '#{pane_pid}')
kill -TERM $(ps -o pid= --ppid "$pane") 2>/dev/null
ended sigterm 143
if grep -q 'unsaved scenario is in .*recover.lua' "$OUT/stderr" &&
    grep -q 'pp = 4' "$XDG_CONFIG_HOME/shardlab/recover.lua"; then pass; else
	fail recover "no recovery file" "$(cat "$OUT/stderr")"; fi

# issue 9 defects 6 and 7: fp8 weights run fp8 GEMMs (the Scenario panel said
# "compute bf16"); a KV pool is never negative (Llama-3.1-405B at memory
# fraction 0.3: 25.5 GB budget, 106.8 GB of weights, activations, reserve)
start TERM=xterm -- tui --dtype fp8 --model llama-3.1-405b --mem-util 0.3
see fp8-compute 'weights +fp8 +compute fp8'
keys ':' 'explain throughput.mfu' Enter
see fp8-mfu-peak 'peak 1979 TFLOP/s'
keys Escape ':' 'explain memory.kv_pool_bytes' Enter
see pool-short '= 0 B: nothing is left|short by 31\.1 GB'
keys Escape ':' 'q!' Enter
ended fp8-quit 0

# A hang inside the workbench's own process (issue 10 item 6; here a check
# file looping under a budget of 1e12 instructions, hours of Lua): SIGINT
# only sets a flag the stuck loop never reads; a second one restores the
# terminal and exits 130.
printf 'while true do end\n' >"$OUT/hang.lua"
start TERM=xterm -- tui --lua-budget 1000000000000
see hang-opens 'FEASIBLE'
keys ':' "check $OUT/hang.lua" Enter
sleep 2
pane=$(tm display-message -p -t t '#{pane_pid}')
pid=$(ps -o pid= --ppid "$pane")
kill -INT $pid 2>/dev/null
sleep 0.5
kill -INT $pid 2>/dev/null
ended second-sigint 130
if grep -q 'interrupted twice' "$OUT/stderr"; then pass; else fail second-sigint-message "$(cat "$OUT/stderr")"; fi
if screen | grep -q 'Memory per GPU'; then fail second-sigint-restored "the TUI is still on the pane"; else pass; fi
kill -9 $pid 2>/dev/null

# A :run child whose message handler loops (issue 10 item 4) dies with the
# workbench, even when the workbench is killed with SIGKILL (it outlived it).
printf 'xpcall(function() while true do end end, function(m) while true do end end)\n' >"$OUT/xloop.lua"
start TERM=xterm -- tui --lua-budget 1000000000000
see run-child-opens 'FEASIBLE'
keys ':' "run $OUT/xloop.lua" Enter
sleep 1.5
pane=$(tm display-message -p -t t '#{pane_pid}')
tui=$(ps -o pid= --ppid "$pane" | tr -d ' ')
kids=$(ps -o pid= --ppid "$tui" | tr -d ' ')
if [ -n "$kids" ]; then pass; else fail run-child-started "no child of the workbench ($tui)"; fi
kill -9 "$tui" 2>/dev/null
sleep 1
alive=""
for k in $kids; do
	# a zombie is dead (nobody reaps it here); anything else still runs
	st=$(ps -o stat= -p "$k" 2>/dev/null | tr -d ' ')
	case $st in ''|Z*) ;; *) alive="$alive $k" ;; esac
done
if [ -z "$alive" ]; then pass; else fail run-child-dies-with-tui "children still running:$alive"; kill -9 $alive 2>/dev/null; fi
tm kill-server >/dev/null 2>&1

# Quitting gives the shell its screen back, with an alternate screen
# (xterm: smcup/rmcup) and without one (vt100 has neither: the workbench
# clears what it drew).  A shell in the pane runs the binary; after q the
# pane shows the shell's prompt and nothing of the workbench (issue 9,
# defect 10).
quit_restores() {
	local name=$1 term=$2 w=${3%x*} h=${3#*x}
	tm kill-server >/dev/null 2>&1
	sleep 0.2
	tm new-session -d -s t -x "$w" -y "$h" "env -i PATH='$PATH' HOME='$HOME' TERM=screen bash --norc --noprofile"
	keys "PS1='READY\$ '; clear" Enter
	wait_for '^READY\$' || { fail "$name-shell" "no prompt" "$(cat "$OUT/screen")"; return; }
	keys "TERM=$term SHARDLAB_PATH='$SHARDLAB_PATH' XDG_CONFIG_HOME='$XDG_CONFIG_HOME' '$BIN' 2>'$OUT/stderr'; echo \"exit=\$?\"" Enter
	wait_for 'FEASIBLE' || { fail "$name-opens" "no workbench" "$(cat "$OUT/screen")"; return; }
	keys q
	wait_for '^exit=0' || { fail "$name-exit" "no exit line" "$(cat "$OUT/screen")"; return; }
	sleep 0.2
	screen >"$OUT/screen"
	if grep -Eq 'FEASIBLE|Memory per GPU|Latency and throughput|Checks' "$OUT/screen"; then
		fail "$name" "the workbench is still on the screen after q" "$(cat "$OUT/screen")"
	elif ! grep -Eq '^READY\$ *$' "$OUT/screen"; then
		fail "$name" "no fresh prompt" "$(cat "$OUT/screen")"
	elif grep -Eq 'AddressSanitizer|runtime error:|LeakSanitizer' "$OUT/stderr"; then
		fail "$name" "sanitizer report" "$(head -c 2000 "$OUT/stderr")"
	else
		pass
	fi
}
quit_restores xterm-restored xterm 100x30
quit_restores vt100-restored vt100 100x30
quit_restores vt100-restored-80x24 vt100 80x24

finish
