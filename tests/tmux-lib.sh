# tests/tmux-lib.sh: the tmux harness of the terminal tests (tests/tui/*.sh),
# sourced after tests/lib.sh.  Each script gets its own tmux server; on
# exit the server, its socket and $OUT go.  Without tmux the script prints
# "NAME: tmux not found: skipped" and ends with 0 passed, 0 failed.
#
#   start ENV... -- ARGS...   a fresh 80x24 session running the binary
#   screen [-e]               the pane's text (with escapes)
#   keys KEY...  raw TEXT     tmux send-keys, keys by name or literal text
#   see NAME REGEX            the pane shows REGEX within 10 s
#   lacks NAME REGEX          the pane does not show REGEX now
#   ended NAME STATUS         the program exited with STATUS, stderr clean

if ! command -v tmux >/dev/null 2>&1; then
	echo "$(basename "$0"): tmux not found: skipped"
	finish
	exit 0
fi
BIN=$(cd "$(dirname "$SHARDLAB")" && pwd)/$(basename "$SHARDLAB")
SOCK="shardlab-$(basename "$0" .sh)-$$"
tm() { tmux -L "$SOCK" -f /dev/null "$@"; }
SOCK_PATH="${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$SOCK"
trap 'tm kill-server >/dev/null 2>&1; rm -f "$SOCK_PATH"; rm -rf "$OUT"' EXIT
export LANG=C.UTF-8 LC_ALL=C.UTF-8

start() {
	local envs=() args=()
	while [ $# -gt 0 ] && [ "$1" != "--" ]; do envs+=("$1"); shift; done
	[ "${1:-}" = "--" ] && shift
	args=("$@")
	rm -f "$OUT/status" "$OUT/stderr"
	tm kill-server >/dev/null 2>&1
	printf '%q ' env "SHARDLAB_PATH=$SHARDLAB_PATH" "XDG_CONFIG_HOME=$XDG_CONFIG_HOME" \
	    "${envs[@]}" "$BIN" "${args[@]}" >"$OUT/cmd"
	tm new-session -d -s t -x 80 -y 24 \
	    "$(cat "$OUT/cmd") 2>'$OUT/stderr'; echo \$? >'$OUT/status'; sleep 600"
}
screen() { tm capture-pane -t t -p "$@"; }
keys() { tm send-keys -t t "$@"; }
raw() { tm send-keys -t t -l "$1"; }

# wait_for REGEX: poll the pane for up to 10 s
wait_for() {
	for _ in $(seq 1 100); do
		screen >"$OUT/screen"
		grep -Eq -- "$1" "$OUT/screen" && return 0
		sleep 0.1
	done
	return 1
}
see() {
	if wait_for "$2"; then pass; else fail "$1" "pane lacks /$2/" "$(cat "$OUT/screen")"; fi
}
lacks() {
	screen >"$OUT/screen"
	if grep -Eq -- "$2" "$OUT/screen"; then fail "$1" "pane has /$2/" "$(cat "$OUT/screen")"; else pass; fi
}
ended() {
	for _ in $(seq 1 100); do [ -s "$OUT/status" ] && break; sleep 0.1; done
	local st
	st=$(cat "$OUT/status" 2>/dev/null)
	if [ "$st" != "$2" ]; then
		fail "$1" "exit '$st', expected $2" "stderr: $(head -c 600 "$OUT/stderr" 2>/dev/null)"
	elif grep -Eq 'AddressSanitizer|runtime error:|LeakSanitizer' "$OUT/stderr"; then
		fail "$1" "sanitizer report" "$(head -c 2000 "$OUT/stderr")"
	else
		pass
	fi
}
