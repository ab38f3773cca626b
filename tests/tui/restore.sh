#!/bin/bash
# tests/tui/restore.sh: quitting gives the shell its screen back, on every
# kind of terminal: with an alternate screen (xterm: smcup/rmcup) and
# without one (vt100 has neither, so the workbench must clear what it drew).
# A shell in a tmux pane runs the binary, q quits, capture-pane must show the
# shell's prompt and nothing of the workbench.  (issue 9, defect 10)
# Skipped (0 passed, 0 failed) where tmux is missing.
cd "$(dirname "$0")/../.." || exit 2
source tests/lib.sh

if ! command -v tmux >/dev/null 2>&1; then
	echo "restore.sh: tmux not found: skipped"
	finish
	exit 0
fi
BIN=$(cd "$(dirname "$SHARDLAB")" && pwd)/$(basename "$SHARDLAB")
SOCK="shardlab-restore-$$"
tm() { tmux -L "$SOCK" -f /dev/null "$@"; }
SOCK_PATH="${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$SOCK"
trap 'tm kill-server >/dev/null 2>&1; rm -f "$SOCK_PATH"; rm -rf "$OUT"' EXIT
export LANG=C.UTF-8 LC_ALL=C.UTF-8

# wait_for REGEX: poll the pane for up to 10 s
wait_for() {
	for _ in $(seq 1 100); do
		tm capture-pane -t t -p >"$OUT/screen"
		grep -Eq -- "$1" "$OUT/screen" && return 0
		sleep 0.1
	done
	return 1
}

# quit_restores NAME TERM SIZE: the prompt, then the workbench, then q
quit_restores() {
	local name=$1 term=$2 w=${3%x*} h=${3#*x}
	tm kill-session -t t >/dev/null 2>&1
	tm new-session -d -s t -x "$w" -y "$h" "env -i PATH='$PATH' HOME='$HOME' TERM=screen bash --norc --noprofile"
	tm send-keys -t t "PS1='READY\$ '; clear" Enter
	wait_for '^READY\$' || { fail "$name-shell" "no prompt" "$(cat "$OUT/screen")"; return; }
	tm send-keys -t t "TERM=$term SHARDLAB_PATH='$SHARDLAB_PATH' XDG_CONFIG_HOME='$XDG_CONFIG_HOME' '$BIN' 2>'$OUT/stderr'; echo \"exit=\$?\"" Enter
	if ! wait_for 'FEASIBLE'; then fail "$name-opens" "no workbench" "$(cat "$OUT/screen")"; return; fi
	tm send-keys -t t q
	if ! wait_for '^exit=0'; then fail "$name-exit" "no exit line" "$(cat "$OUT/screen")"; return; fi
	sleep 0.2
	tm capture-pane -t t -p >"$OUT/screen"
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
