#!/bin/bash
# tests/cli/search.sh: `shardlab search`: the ranked table with reasons,
# known answers, the obvious layouts, nothing-fits with the smallest change,
# JSON / CSV / Markdown, Lua checks as constraints, threads, bad input.
source "$(dirname "$0")/../lib.sh"
S=$SHARDLAB
DONE="--model llama-3-70b --cluster h100x8 --rps 8 --ttft-p99 1 --tpot-p99 0.1"
ROW='^ +[0-9]+\*? +[0-9]+ +[0-9]+ +[0-9]+ +[-0-9]+ [a-z0-9]+/[a-z0-9]+ '

# the issue's "done" command: a ranked table with reasons
expect done-header 0 '#  TP PP  DP  EP dtype/KV +batch GPUs  tok/s/GPU tok/s/user  max req/s' '' -- $S search $DONE
expect done-row1 0 '^ +1\*? +[0-9]+ +1 +[0-9]+ +- bf16/bf16 ' '' -- $S search $DONE
expect done-why 0 '#1 TP [0-9]+ x PP 1 x DP [0-9]+, bf16, batch [0-9]+: sustains [0-9.]+ req/s per replica within the SLOs; the (TPOT|TTFT) p(50|99) SLO binds' '' -- $S search $DONE
expect done-step 0 'the decode step is (HBM bandwidth|compute|communication|kernel floors)-bound' '' -- $S search $DONE
expect done-target 0 'at 8.00 req/s over [0-9]+ replicas?: load [0-9]+%, TTFT p50/p99 ' '' -- $S search $DONE
expect done-probe 0 'the widest TP in a node \(TP 8 x PP 1\): (the winner|ranks #[0-9]+)' '' -- $S search $DONE
expect done-rejected 0 '^  memory +[0-9]+ +TP 1 x PP 1 x DP 1, bf16: needs at least' '' -- $S search $DONE
expect done-fewest 0 'fewest GPUs for 8.00 req/s within the SLOs: 8 x h100-sxm' '' -- $S search $DONE
expect done-pareto 0 'Pareto front: throughput per GPU against tokens/s per user' '' -- $S search $DONE
expect done-model 0 'serving model: continuous batching, Poisson arrivals' '' -- $S search $DONE
# issue 9 defect 8: tok/s/user is each layout's own, 1 / TPOT p50 at 8 req/s
# over its replicas (#1 TP 4 x DP 2: 39.8 ms = 25.1; #3 TP 8: 40.6 ms = 24.6
# since issue 11's physics), not 1 / the 50 ms SLO (20.0) on every row; the
# counts say what they count
expect per-user-row1 0 '^ +1\*? +4 +1 +2 +- bf16/bf16 +200 +8 +294 +25\.1 ' '' -- $S search
expect per-user-row2 0 '^ +3\*? +8 +1 +1 +- bf16/bf16 +512 +8 +274 +24\.6 ' '' -- $S search
expect per-user-json 0 '"tokens_per_s_per_user":[[:space:]]*25\.10' '' -- $S search --json
# the front's max req/s is over the DP replicas, as in the table (9.20, not 4.60)
expect pareto-rate 0 '^ +294 +25\.1 +9\.20  TP 4 x PP 1 x DP 2, bf16, batch 200' '' -- $S search
expect searched-counts 0 '^searched +15 layouts \(.*\), 3 feasible; .*108 batch caps served .*, 8 of them feasible' '' -- $S search

# known answers: a tight TPOT SLO makes TP 8 win; a loose one favours replicas
expect tight-tpot 0 '^ +1\*? +8 +1 +1 ' '' -- $S search --model llama-3-70b --cluster h100x8 --dtype bf16 \
	--rps 0 --ttft-p50 0 --tpot-p50 0 --ttft-p99 2 --tpot-p99 0.02
# (since issue 11 a PP prefill token costs one stage's share: pipelines of
# small TP groups win at throughput as replicas do)
expect loose-dp 0 '^ +1\*? +[124] +[1-8] +[1-8] ' '' -- $S search --model llama-3-70b --cluster h100x8 --dtype bf16 \
	--rps 0 --ttft-p50 0 --tpot-p50 0 --ttft-p99 10 --tpot-p99 0.5

# nothing fits: say why, and the smallest change that would
T4="--model llama-3-70b --cluster t4x1"
expect t4-none 1 'no feasible strategy for llama-3-70b on 1 x t4 among 1 layout' '' -- $S search $T4
expect t4-why 1 'rejected by memory; nearest: TP 1 x PP 1 x DP 1, fp16: needs at least 14[0-9.]+ GB per GPU \(weights 141.1 GB' '' -- $S search $T4
expect t4-change 1 'smallest change that fits in memory: int4 weights on 6 x t4 \(8 in whole 4-GPU nodes\)' '' -- $S search $T4
expect t4-fp16 1 'at fp16: 16 x t4' '' -- $S search $T4
expect t4-json 1 '"feasible":[[:space:]]*false' '' -- $S search $T4 --json

# formats
expect json 0 '"candidates":[[:space:]]*\[' '' -- $S search $DONE --json
expect json-why 0 '"why":[[:space:]]*"sustains' '' -- $S search $DONE --json
expect json-pareto 0 '"pareto":[[:space:]]*\[' '' -- $S search $DONE --json
expect json-serving 0 '"ttft_p99_s":' '' -- $S search $DONE --json
expect json-format 0 '"probes":' '' -- $S search $DONE --format json
expect csv 0 '^rank,tp,pp,dp,ep,etp,micro_batches,dtype,kv_dtype,batch,gpus,' '' -- $S search $DONE --csv
expect csv-row 0 '^1,[0-9]+,1,[0-9]+,1,' '' -- $S search $DONE --csv
expect markdown 0 '^\| # \| layout \| GPUs \|' '' -- $S search $DONE --format markdown

# --top N rows
run $S search $DONE --top 1 --rps 0 --tpot-p50 0 --ttft-p50 0
rows=$(grep -Ec "$ROW" "$OUT/stdout")
if [ "$RC" = 0 ] && [ "$rows" = 1 ]; then pass; else fail top-1 "exit $RC, $rows rows" "$(head -c 600 "$OUT/stdout")"; fi

# MoE: EP layouts, the dtype and objective options
expect moe-ep 0 "^ +1\\*? +[0-9]+ +[0-9]+ +[0-9]+ +[0-9]+ fp8/bf16 " '' -- $S search --model deepseek-v3 --cluster h100x16 --dtype fp8 --rps 0
expect dtypes-all 0 '(int4|fp8|int8)/' '' -- $S search --model llama-3-70b --cluster h100x8 --dtypes all --kv-dtypes all --rps 0
expect objective-gpus 0 'objective GPUs used' '' -- $S search $DONE --objective gpus
expect objective-cost 0 '^ +1\*? .* [0-9]+\.[0-9]{3} ' '' -- $S search --model llama-3-8b --gpu l4 --gpus 8 --objective cost --usd-per-gpu-hour 0.8 --rps 0
expect unchunked 0 'unchunked prefill' '' -- $S search $DONE --no-chunked-prefill
expect spread 0 'length spread cv 1 in / 1 out' '' -- $S search $DONE --input-cv 1 --output-cv 1

# Lua checks reject candidates: a team that refuses TP 8
CHECK="$OUT/no-tp8.lua"
cat >"$CHECK" <<'EOF'
shardlab.check{
  id = "team.no-tp8",
  severity = "error",
  fn = function(r)
    if r.strategy.tp == 8 then return false, "TP 8 is reserved for training" end
    return true
  end,
}
EOF
TIGHT="--model llama-3-70b --cluster h100x8 --dtype bf16 --rps 0 --ttft-p50 0 --tpot-p50 0 --ttft-p99 2 --tpot-p99 0.03"
expect check-moves 0 '^ +1\*? +[124] +[0-9]+ +[0-9]+ ' '' -- $S search $TIGHT --check "$CHECK"
expect check-reason 0 '^  check +[0-9]+ +TP 8 x PP 1 .*user check: team.no-tp8: TP 8 is reserved' '' -- $S search $TIGHT --check "$CHECK"

# the answer does not depend on the thread count
run $S search $DONE --threads 1 --json
grep -v elapsed_s "$OUT/stdout" >"$OUT/one"
run $S search $DONE --threads 3 --json
grep -v elapsed_s "$OUT/stdout" >"$OUT/three"
if cmp -s "$OUT/one" "$OUT/three"; then pass; else fail threads-same "$(diff "$OUT/one" "$OUT/three" | head -20)"; fi

# bad input: one line on stderr, exit 2
expect help 0 'usage: shardlab search \[options\]' '' -- $S search --help
expect bad-objective 2 '' '^shardlab: --objective speed: must be throughput, ttft, tpot, gpus or cost$' -- $S search --objective speed
expect_stderr_lines bad-objective-lines 1
expect bad-dtypes 2 '' '^shardlab: --dtypes fp4: a comma-separated list' -- $S search --dtypes fp4
expect bad-top 2 '' '^shardlab: --top 0: must be a whole number in 1..1000$' -- $S search --top 0
expect bad-top-missing 2 '' '^shardlab: --top: needs a value' -- $S search --top
expect bad-cv 2 '' '^shardlab: --input-cv 5: must be a number in 0..2$' -- $S search --input-cv 5
expect bad-flag-value 2 '' '^shardlab: --csv takes no value' -- $S search --csv=yes
expect cost-no-price 2 '' '^shardlab: --objective: cost needs a price: give --usd-per-gpu-hour \(cluster l4x8 has none\)' -- $S search --model llama-3-8b --gpu l4 --gpus 8 --objective cost
expect json-and-csv 2 '' 'exclude one another' -- $S search --json --csv
expect unknown-option 2 '' 'unknown option' -- $S search --frobnicate
expect bad-scenario 2 '' '^shardlab: --tp 0: must be >= 1' -- $S search --tp 0
finish
