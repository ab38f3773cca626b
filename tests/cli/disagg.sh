#!/bin/bash
# tests/cli/disagg.sh: disaggregated prefill/decode (issue 13) as a user
# meets it: eval's text, JSON and --explain, bad input, search --disagg.
source "$(dirname "$0")/../lib.sh"
S=$SHARDLAB
D='--model llama-3-70b --gpu h100-sxm --gpus 32 --tp 4 --dp 4 --prefill-tp 8 --prefill-dp 2 --input-len 4096 --output-len 256 --batch 64 --rps 2'

# eval text: the pools, the KV transfer, which pool limits the rate
expect disagg-text 0 '^          disaggregated 2P4D: prefill 2 x TP 8 x PP 1 on h100-sxm \(16 GPUs\), decode 4 x TP 4 x PP 1 on h100-sxm \(16 GPUs\); 32 GPUs' '' -- \
	$S eval $D
# 80 layers x 2 x 2 KV heads x 128 x 2 B x 4,096 tokens = 335.5 MB per decode GPU; ib-ndr 46 GB/s + 20 us
expect disagg-kv-text 0 'KV transfer \(request\) 335.5 MB per link x 4 links \(1.3 GB per request\) over ib-ndr at 46.0 GB/s \+ 20.0 us: 7.3 ms' '' -- \
	$S eval $D
expect disagg-strategy 0 '^strategy  TP 4 x PP 1 x DP 4 = 16 of 16 GPUs the prefill pool leaves \(the decode pool\)' '' -- $S eval $D
# the static latency and throughput lines are the decode layout's own: said so beside them
expect disagg-static-said 0 "^          \(the decode pool's layout on its own, prefilling its prompts itself; the disaggregated deployment's TTFT, rate and tokens/s per GPU are under serving\)" '' -- $S eval $D
expect disagg-json 0 '"kv_link_bytes":[[:space:]]*335544320' '' -- $S eval $D --json
expect disagg-json-limit 0 '"limit":[[:space:]]*"(prefill|decode) pool"' '' -- $S eval $D --json
expect disagg-explain 0 'time = latency 20.0 us \+ 335.5 MB / 46.0 GB/s \(ib-ndr\) = 7.3 ms' '' -- $S eval $D --explain
expect disagg-explain-rate 0 '^  min\(prefill pool 2 x 1 / ' '' -- $S eval $D --explain
expect disagg-layer 0 'KV transfer \(layer\) .* exposed after the prefill' '' -- $S eval $D --kv-transfer-mode layer
expect disagg-fabric 0 'over roce-400g at' '' -- $S eval $D --kv-transfer roce-400g
expect disagg-prefill-gpu 0 'prefill 2 x TP 8 x PP 1 on h200 \(16 GPUs\)' '' -- \
	$S eval --model llama-3-70b --gpu h100-sxm --gpus 16 --tp 4 --dp 4 --prefill-gpu h200 --prefill-tp 8 --prefill-dp 2
# the decode DP is filled over the GPUs the prefill pool leaves
expect disagg-fill 0 'decode pool DP 4: the 16 GPUs the prefill pool.s 16 leave over TP 4 x PP 1' '' -- \
	$S eval --model llama-3-70b --gpu h100-sxm --gpus 32 --tp 4 --prefill-tp 8 --prefill-dp 2
# bad input: one line naming the key, exit 2
expect disagg-bad-tp 2 '' '^shardlab: --prefill-tp 0: must be >= 1$' -- $S eval $D --prefill-tp 0
expect disagg-bad-layout 2 '' "^shardlab: bad value for 'prefill_tp': the prefill pool: TP 3 does not divide the 64 attention heads" -- \
	$S eval $D --prefill-tp 3
expect disagg-bad-fabric 2 '' "^shardlab: bad value for 'kv_transfer': unknown fabric 'warp'" -- $S eval $D --kv-transfer warp
expect disagg-bad-mode 2 '' "^shardlab: --kv-transfer-mode burst: unknown mode 'burst' \\(request, layer\\)" -- \
	$S eval $D --kv-transfer-mode burst
expect disagg-too-big 2 '' "^shardlab: bad value for 'prefill_dp': the prefill pool \\(4 x TP 8 x PP 1 = 32 GPUs\\) leaves none of the cluster's 32" -- \
	$S eval $D --prefill-dp 4
expect disagg-over 2 '' "^shardlab: bad value for 'dp': the decode pool \\(8 x TP 4 x PP 1 = 32 GPUs\\) and the prefill pool \\(16 GPUs\\) exceed the cluster's 32" -- \
	$S eval $D --dp 8
expect disagg-bad-gpu 2 '' "^shardlab: bad value for 'prefill_gpu': unknown gpu 'nosuch'" -- $S eval $D --prefill-gpu nosuch
# search --disagg: both pools' layouts and the P:D counts, against the best aggregated layout
DS='--model deepseek-v3 --gpu h200 --gpus 512 --dtype fp8 --rps 20 --input-len 4096 --output-len 1024 --no-plot --disagg'
expect disagg-search 0 '^  best      [0-9]+P[0-9]+D: prefill [0-9]+ x \(TP [0-9]+' '' -- $S search $DS
expect disagg-search-compare 0 '^  (dis)?aggregated wins by [0-9.]+x per GPU' '' -- $S search $DS
expect disagg-search-json 0 '"winner":[[:space:]]*"(dis)?aggregated"' '' -- $S search $DS --json
# the GPU budget it names is the one searched (--max-gpus), not the cluster's
expect disagg-search-max-gpus 1 '^  no disaggregated deployment meets the SLOs and the rate within 8 GPUs$' '' -- \
	$S search --model llama-3-70b --gpu h100-sxm --gpus 32 --input-len 4096 --output-len 256 --rps 40 \
	--max-gpus 8 --no-plot --disagg
expect disagg-search-help 0 '--disagg' '' -- $S search --help
finish
