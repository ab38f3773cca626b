#!/bin/bash
# tests/cli/chart.sh: eval --chart and search --chart (issue 14): each chart
# is valid SVG (parsed by python3's xml.etree), has the expected number of
# bars or points, names them in its checkable layer (<title>s, since cairo
# draws text as glyphs), converts to PNG with rsvg-convert; an unwritable
# path is one line and a non-zero exit, never a lost file.
cd "$(dirname "$0")/../.." || exit 2
source tests/lib.sh

# svgcheck FILE KIND: print "bars N", "segments N", "points N", "front N",
# then one "title TEXT" per mark and the document's title; exit 1 when the
# file is not well-formed SVG or lacks the marks group.
svgcheck() {
	python3 - "$1" "$2" <<'EOF'
import sys
import xml.etree.ElementTree as ET
ns = {"s": "http://www.w3.org/2000/svg"}
try:
    root = ET.parse(sys.argv[1]).getroot()
except ET.ParseError as e:
    print("not XML:", e)
    sys.exit(1)
if root.tag != "{http://www.w3.org/2000/svg}svg":
    print("root is", root.tag)
    sys.exit(1)
g = root.find("s:g[@id='shardlab-marks']", ns)
if g is None or g.get("class") != sys.argv[2]:
    print("no shardlab-marks group of class", sys.argv[2])
    sys.exit(1)
count = {}
for r in g.findall("s:rect", ns):
    count[r.get("class")] = count.get(r.get("class"), 0) + 1
    print("title", r.find("s:title", ns).text)
front = sum(1 for r in g.findall("s:rect[@class='point']", ns)
            if r.find("s:title", ns).text.endswith("(Pareto front)"))
for k in ("bar", "segment", "point", "label"):
    print(k + "s", count.get(k, 0))
print("front", front)
print("doc", root.find("s:title", ns).text)
# cairo drew glyphs: the labels are outlines, so a <use> per glyph exists
print("glyphs", len(root.findall(".//s:use", ns)))
EOF
}

# has NAME FILE REGEX: a line of FILE matches
has() {
	if grep -Eq -- "$3" "$2"; then pass; else fail "$1" "lacks /$3/" "$(head -c 800 "$2")"; fi
}

# ---- eval --chart: memory per GPU ---------------------------------------------
expect eval-chart 0 'memory per GPU' '' -- "$SHARDLAB" eval --chart "$OUT/memory.svg"
svgcheck "$OUT/memory.svg" memory >"$OUT/m.txt"
if [ $? = 0 ]; then pass; else fail eval-chart-svg "$(cat "$OUT/m.txt")"; fi
# the default scenario, TP 8: one stage, five segments but no over-capacity
# (weights, KV need, pool beyond it, activations, reserve); 17.6 GB weights
# and 12.1 GB KV per GPU, as eval's table
has eval-chart-bars "$OUT/m.txt" '^bars 1$'
has eval-chart-segments "$OUT/m.txt" '^segments 5$'
has eval-chart-title "$OUT/m.txt" '^doc Memory per GPU: llama-3-70b on h100x8, TP 8 x PP 1 x DP 1$'
has eval-chart-weights "$OUT/m.txt" '^title stage 0: weights 17.6 GB$'
has eval-chart-kv "$OUT/m.txt" '^title stage 0: KV need \(workload\) 12.1 GB$'
has eval-chart-pool "$OUT/m.txt" '^title KV pool 55.7 GB, preallocated by vllm$'
has eval-chart-legend "$OUT/m.txt" '^title activations$'
has eval-chart-glyphs "$OUT/m.txt" '^glyphs [1-9][0-9]+$'

# PP 8: stages 1-6 hold the same and share one bar; the first and last
# (embedding, LM head) have their own
expect eval-chart-pp8 1 '' '' -- "$SHARDLAB" eval --tp 1 --pp 8 --chart "$OUT/pp8.svg"
svgcheck "$OUT/pp8.svg" memory >"$OUT/p8.txt"
has eval-chart-pp8-bars "$OUT/p8.txt" '^bars 3$'
has eval-chart-pp8-merged "$OUT/p8.txt" '^title stages 1-6 \(each\)$'
has eval-chart-pp8-layers "$OUT/p8.txt" '^title layers 10-69, 10 each$'

# over capacity shows as such: TP 1 holds 141.1 GB of weights on an 85 GB GPU
expect eval-chart-over 1 '' '' -- "$SHARDLAB" eval --tp 1 --pp 1 --dp 1 --chart "$OUT/over.svg"
svgcheck "$OUT/over.svg" memory >"$OUT/o.txt"
has eval-chart-over-mark "$OUT/o.txt" '^title stage 0: over capacity by 156.9 GB$'
has eval-chart-over-pool "$OUT/o.txt" '^title no KV pool'

# ---- search --chart: the Pareto front ---------------------------------------
expect search-chart 0 'Pareto front' '' -- "$SHARDLAB" search --model llama-3-8b --dtypes all \
	--chart "$OUT/pareto.svg"
"$SHARDLAB" search --model llama-3-8b --dtypes all --json >"$OUT/s.json" 2>/dev/null
# the first-ranked layout as the chart names it (which one it is follows the physics)
read -r n_front n_off first tp pp dp <<<"$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
off = sum(1 for c in d["candidates"] if not c["pareto"])
c = d["candidates"][0]
st = c["strategy"]
print(len(d["pareto"]), off, c["rank"], st["tp"], st["pp"], st["dp"])' "$OUT/s.json")"
svgcheck "$OUT/pareto.svg" pareto >"$OUT/p.txt"
if [ $? = 0 ]; then pass; else fail search-chart-svg "$(cat "$OUT/p.txt")"; fi
has search-chart-points "$OUT/p.txt" "^points $((n_front + n_off))\$"
has search-chart-front "$OUT/p.txt" "^front $n_front\$"
has search-chart-rank1 "$OUT/p.txt" "^title TP $tp x PP $pp x DP $dp, fp8 \+ bf16 KV, batch [0-9]+ #$first: "
has search-chart-label "$OUT/p.txt" "^title TP$tp PP$pp DP$dp fp8 b[0-9]+ #1\$"
has search-chart-axis "$OUT/p.txt" '^title output tokens/s per user \(1 / TPOT p50\); axis from the data'

# one chart to PNG: a picture a person can look at
if command -v rsvg-convert >/dev/null 2>&1; then
	if rsvg-convert -o "$OUT/pareto.png" "$OUT/pareto.svg" 2>"$OUT/rsvg.err" &&
	    [ "$(head -c 8 "$OUT/pareto.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ]; then
		pass
	else
		fail search-chart-png "$(cat "$OUT/rsvg.err")"
	fi
else
	fail search-chart-png "rsvg-convert missing (Debian librsvg2-bin; scripts/deps.sh --test)"
fi

# nothing feasible: no front, no file, said on stderr
expect search-chart-none 1 '' 'no Pareto front to draw' -- "$SHARDLAB" search --model llama-3-70b \
	--cluster t4x1 --chart "$OUT/none.svg"
if [ ! -e "$OUT/none.svg" ]; then pass; else fail search-chart-none-file "a file was written"; fi

# the Markdown of eval and search links the chart, as given
expect eval-markdown-link 0 '^!\[Memory per GPU by stage\]\(.*/md-memory.svg\)$' '' -- "$SHARDLAB" eval \
	--format markdown --chart "$OUT/md-memory.svg"
expect eval-markdown-sections 0 '^## Serving at the target rate$' '' -- "$SHARDLAB" eval --format markdown
expect search-markdown-link 0 '^!\[Pareto front of the search\]\(.*/md-pareto.svg\)$' '' -- "$SHARDLAB" \
	search --format markdown --chart "$OUT/md-pareto.svg"
expect eval-markdown-not-json 2 '' 'excludes --json' -- "$SHARDLAB" eval --format markdown --json

# ---- errors -----------------------------------------------------------------------
expect chart-no-dir 2 '' '^shardlab: --chart: /nonexistent-shardlab/m.svg: ' -- "$SHARDLAB" eval \
	--chart /nonexistent-shardlab/m.svg
expect_stderr_lines chart-no-dir-one-line 1
expect search-chart-no-dir 2 '' '^shardlab: --chart: /nonexistent-shardlab/p.svg: ' -- "$SHARDLAB" \
	search --chart /nonexistent-shardlab/p.svg
expect_stderr_lines search-chart-no-dir-one-line 1
# a directory in the way: refused, and what was there is still there
mkdir -p "$OUT/adir" && echo keep >"$OUT/adir/file"
expect chart-dir 2 '' '^shardlab: --chart: ' -- "$SHARDLAB" eval --chart "$OUT/adir"
if [ "$(cat "$OUT/adir/file" 2>/dev/null)" = keep ]; then pass; else fail chart-dir-kept "adir/file lost"; fi
# an existing chart is replaced whole (temp file and rename), never truncated
echo old >"$OUT/again.svg"
expect chart-replace 0 '' '' -- "$SHARDLAB" eval --chart "$OUT/again.svg"
has chart-replaced "$OUT/again.svg" '</svg>'
if ls "$OUT" | grep -q '\.tmp'; then fail chart-no-temp "a temporary file is left: $(ls "$OUT")"; else pass; fi
expect chart-needs-value 2 '' 'needs a value' -- "$SHARDLAB" eval --chart
expect chart-not-audit 2 '' '^shardlab: --chart: for eval' -- "$SHARDLAB" audit --chart x.svg \
	tests/plans/001-llama3-70b-tp8-h100.json

finish
