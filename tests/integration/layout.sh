#!/bin/sh
# SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors.
# The architecture as the code shows it: an assembly is named only by the
# assembly table, its rules and its source modules, and a source kind
# only by the source table, so a second parliament is rows, not branches
# scattered through the front end and the outputs.
. "$(dirname "$0")/lib.sh"
cd "$QT_SRC" || exit 1
grep -nE '"(AN|SENAT)"' tracker/*/*.[ch] include/*.h |
    grep -vE '^tracker/[a-z]+/(assembly|source|source_[a-z]+|an_page|rules)\.c:' |
    grep -vE '/\*.*"(AN|SENAT)"' >"$T/assemblies"
[ ! -s "$T/assemblies" ] && pass ||
    fail "an assembly named outside its table: $(cat "$T/assemblies")"
grep -nE '"an-(dump|amo|page)"' tracker/*/*.[ch] include/*.h |
    grep -vE '^tracker/sources/source\.c:' | grep -vE '/\*.*"an-' >"$T/kinds"
[ ! -s "$T/kinds" ] && pass ||
    fail "a source kind named outside its table: $(cat "$T/kinds")"
# Layers call downward only: tracker/<layer>/<module>.c (and a module's
# header in include/) includes no header of a module in a higher layer.
# A header is placed by the folder its module's .c is in.
layers="base core sources outputs front"
rank() {	# layer -> 0..4
	_r=0
	for _l in $layers; do
		[ "$_l" = "$1" ] && { echo $_r; return; }
		_r=$((_r + 1))
	done
	echo 99
}
: >"$T/up"
up_check() {	# dir to check: writes the upward includes to $T/up
	for f in "$1"/tracker/*/*.[ch]; do
		fl=$(basename "$(dirname "$f")")
		fr=$(rank "$fl")
		for h in $(sed -n 's/^#include "\(tracker\/[a-z]*\/\)\{0,1\}\([a-z_0-9]*\)\.h".*/\2/p' "$f"); do
			hc=$(ls "$1"/tracker/*/"$h".[ch] 2>/dev/null | head -n 1)
			[ -n "$hc" ] || continue	# generated, or a library's
			hl=$(basename "$(dirname "$hc")")
			[ "$(rank "$hl")" -le "$fr" ] ||
			    echo "$f ($fl) includes $h.h ($hl)" >>"$T/up"
		done
	done
}
up_check .
[ ! -s "$T/up" ] && pass || fail "a layer calls upward: $(cat "$T/up")"
# Every source is in a layer's folder, and every folder is a layer.
ls tracker | grep -vxE "$(echo $layers | tr ' ' '|')" >"$T/stray" || true
[ ! -s "$T/stray" ] && pass || fail "not a layer: tracker/$(cat "$T/stray")"
# The check finds an upward include where one is: date.c (base) made to
# include feed.h (outputs) in a copy.
mkdir -p "$T/probe/tracker"
cp -r tracker/* "$T/probe/tracker/"
printf '#include "feed.h"\n' >>"$T/probe/tracker/base/date.c"
: >"$T/up"
up_check "$T/probe"
grep -q "date.c (base) includes feed.h (outputs)" "$T/up" && pass ||
    fail "the layer check misses an upward include: $(cat "$T/up")"
# The check itself finds a literal where one is, and not in a comment.
printf 'if (strcmp(a, "SENAT") == 0)\n/* "AN" */\n' >"$T/probe.c"
[ "$(grep -E '"(AN|SENAT)"' "$T/probe.c" | grep -cvE '/\*.*"(AN|SENAT)"')" = 1 ] &&
    pass || fail "the pattern misses or overmatches"
finish
