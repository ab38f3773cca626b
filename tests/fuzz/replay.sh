#!/bin/bash
# tests/fuzz/replay.sh: every fuzz target over its seed corpus and its
# regression inputs (a crash found once stays in tests/fuzz/regress/TARGET),
# under ASan and UBSan: libFuzzer binaries with -runs=0 when clang built
# them, else runner.c's main() over the files.  FUZZ_BIN is the directory
# of the fuzz-TARGET binaries, F the corpus's (make test sets both).
source "$(dirname "$0")/../lib.sh"
FUZZ_BIN=${FUZZ_BIN:-$T}
F=${F:-build-fuzz}
for t in hfconfig plan audit scenario json engine bench; do
	bin=$FUZZ_BIN/fuzz-$t
	if [ ! -x "$bin" ]; then
		fail "fuzz-$t" "$bin was not built (make fuzz-replay)"
		continue
	fi
	dirs=("tests/fuzz/regress/$t")
	[ -d "$F/corpus/$t" ] && dirs+=("$F/corpus/$t")
	# -runs=0: libFuzzer runs the inputs of the directories once and stops
	run timeout 600 "$bin" -runs=0 "${dirs[@]}"
	if [ "$RC" != 0 ] || grep -Eq 'AddressSanitizer|runtime error:|LeakSanitizer|deadly signal' "$OUT/stderr"; then
		fail "fuzz-$t" "exit $RC" "$(grep -E 'ERROR|runtime error|SUMMARY' "$OUT/stderr" | head -5)"
	else
		pass
	fi
done
finish
