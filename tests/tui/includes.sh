#!/bin/bash
# tests/tui/includes.sh: the TUI's files include each other's headers in
# one direction only (issue 9: "a ring of eight ui/ files").  A file and
# its header are one module (app.c + app.h); tsort(1) reports any cycle.
cd "$(dirname "$0")/../.." || exit 2
source tests/lib.sh

pairs=$OUT/pairs
: >"$pairs"
for f in ui/*.c ui/*.h; do
	m=$(basename "${f%.*}")
	echo "$m $m" >>"$pairs"
	grep -oE '^#include "[^"/]+\.h"' "$f" | sed -E 's/#include "(.*)\.h"/\1/' |
	    while read -r h; do
		[ -f "ui/$h.h" ] && [ "$h" != "$m" ] && echo "$m $h" >>"$pairs"
	done
done
if tsort "$pairs" >/dev/null 2>"$OUT/tsort"; then
	pass
else
	fail ui-include-cycle "ui/ modules include each other in a ring" "$(cat "$OUT/tsort")"
fi
# no ui header includes a header that includes it back
for h in ui/*.h; do
	m=$(basename "${h%.h}")
	for k in $(grep -oE '^#include "[^"/]+\.h"' "$h" | sed -E 's/#include "(.*)\.h"/\1/'); do
		[ -f "ui/$k.h" ] || continue
		if grep -q "^#include \"$m.h\"" "ui/$k.h"; then
			fail "header-cycle-$m" "$h includes ui/$k.h, which includes it back"
		fi
	done
done
pass
finish
