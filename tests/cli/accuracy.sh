#!/bin/bash
# tests/cli/accuracy.sh: the accuracy report over the reference set
# (tests/crosscheck, issue 11): the README's generated section is current,
# the machine-readable forms, usage errors.
source "$(dirname "$0")/../lib.sh"
A=${T:-build-test}/accuracy
case $A in /*) ;; *) A=./$A ;; esac

expect readme-current 0 '' '' -- scripts/gen-accuracy --check "$A"
expect text 0 '^dense latency +held_out' '' -- "$A"
expect tsv-header 0 $'^scope\tname\tsplit\tn\tmedian_abs\tp90_abs\tbeyond_2x\tworst\tworst_err\tr_q10' '' -- "$A" --tsv
expect tsv-groups 0 $'^group\tdense throughput\theld_out\t[0-9]+\t' '' -- "$A" --tsv
expect rows-tsv 0 $'^LAT-04\tdense\tprefill\tTensorRT-LLM\tfitted\tlatency.ttft_s\t0.377\t' '' -- "$A" --rows-tsv
expect markdown-before 0 '^\| id \| figure .* \| before \|$' '' -- "$A" --markdown
expect before-missing 2 '' 'accuracy: .*no-such.tsv' -- "$A" --markdown --before "$OUT/no-such.tsv"
expect bad-usage 2 '' '^usage: accuracy' -- "$A" --bogus
# --write-before writes the rows (atomically) and reads back as "before"
expect write-before 0 '' '' -- "$A" --write-before "$OUT/before.tsv"
expect before-roundtrip 0 '^\| dense latency \| fitted \| [0-9]+ \| ([0-9.]+%) \| \1 \|' '' -- "$A" --markdown --before "$OUT/before.tsv"
finish
