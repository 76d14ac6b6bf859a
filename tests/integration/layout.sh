#!/bin/sh
# SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors.
# The architecture as the code shows it: an assembly is named only by the
# assembly table, its rules and its source modules, and a source kind
# only by the source table, so a second parliament is rows, not branches
# scattered through the front end and the outputs.
. "$(dirname "$0")/lib.sh"
cd "$QT_SRC" || exit 1
grep -nE '"(AN|SENAT)"' tracker/*/*.[ch] include/*.h |
    grep -vE '^tracker/[a-z]+/(assembly|source|source_[a-z_]+|[a-z]+_page|rules)\.c:' |
    grep -vE '/\*.*"(AN|SENAT)"' >"$T/assemblies"
[ ! -s "$T/assemblies" ] && pass ||
    fail "an assembly named outside its table: $(cat "$T/assemblies")"
grep -nE '"an-(dump|amo|page)"' tracker/*/*.[ch] include/*.h |
    grep -vE '^tracker/sources/source\.c:' | grep -vE '/\*.*"an-' >"$T/kinds"
[ ! -s "$T/kinds" ] && pass ||
    fail "a source kind named outside its table: $(cat "$T/kinds")"
# Layers call downward only: tracker/<layer>/<module>.c, and a module's
# header in include/, includes no header of a module in a higher layer.
# A header is placed by the folder its module's .c is in; a layer's
# internal header (*_int.h) is included only in that layer.
layers="base core sources outputs front"
# up_check DIR: the includes of a higher layer's header, one a line.
up_check() {
	"$PY" - "$1" $layers <<'PY'
import glob, os, re, sys
top, layers = sys.argv[1], sys.argv[2:]
where = {}
for f in glob.glob(os.path.join(top, "tracker/*/*.[ch]")):
    where[os.path.splitext(os.path.basename(f))[0]] = \
        os.path.basename(os.path.dirname(f))
inc = r'^#include "(?:tracker/[a-z]+/)?([a-z_0-9]+)\.h"'
files = sorted(glob.glob(os.path.join(top, "tracker/*/*.[ch]")))
# A public header is in the layer of its module's .c (config.h: front).
files += sorted(f for f in glob.glob(os.path.join(top, "include/*.h"))
                if os.path.splitext(os.path.basename(f))[0] in where)
for f in files:
    name = os.path.splitext(os.path.basename(f))[0]
    mine = os.path.basename(os.path.dirname(f))
    if mine == "include":
        mine = where[name]
    for h in re.findall(inc, open(f).read(), re.M):
        if h not in where or mine not in layers:
            continue
        if layers.index(where[h]) > layers.index(mine):
            print(f"{f} ({mine}) includes {h}.h ({where[h]})")
        # A layer's internal header (store_int.h) stays in its folder.
        elif h.endswith("_int") and where[h] != mine:
            print(f"{f} ({mine}) includes {h}.h, internal to {where[h]}")
PY
}
up_check . >"$T/up"
[ ! -s "$T/up" ] && pass || fail "a layer calls upward: $(cat "$T/up")"
# Every source is in a layer's folder, and every folder is a layer.
ls tracker | grep -vxE "$(echo $layers | tr ' ' '|')" >"$T/stray" || true
[ ! -s "$T/stray" ] && pass || fail "not a layer: tracker/$(cat "$T/stray")"
# The check finds an upward include where one is: date.c (base) made to
# include feed.h (outputs) in a copy.
mkdir -p "$T/probe/tracker" "$T/probe/include"
cp -r tracker/* "$T/probe/tracker/"
cp include/*.h "$T/probe/include/"
printf '#include "feed.h"\n' >>"$T/probe/tracker/base/date.c"
up_check "$T/probe" >"$T/up"
grep -q "date.c (base) includes feed.h (outputs)" "$T/up" && pass ||
    fail "the layer check misses an upward include: $(cat "$T/up")"
# ... and in a public header: rules.h (core) made to include config.h
# (front, which gathers every module's settings).
printf '#include "config.h"\n' >>"$T/probe/include/rules.h"
up_check "$T/probe" >"$T/up"
grep -q "include/rules.h (core) includes config.h (front)" "$T/up" && pass ||
    fail "the layer check misses a header's upward include: $(cat "$T/up")"
# ... and an internal header used outside its layer: report.c (outputs)
# made to include store_int.h (core's own).
printf '#include "store_int.h"\n' >>"$T/probe/tracker/outputs/report.c"
up_check "$T/probe" >"$T/up"
grep -q "report.c (outputs) includes store_int.h, internal to core" "$T/up" &&
    pass || fail "the layer check misses an internal header: $(cat "$T/up")"
# The check itself finds a literal where one is, and not in a comment.
printf 'if (strcmp(a, "SENAT") == 0)\n/* "AN" */\n' >"$T/probe.c"
[ "$(grep -E '"(AN|SENAT)"' "$T/probe.c" | grep -cvE '/\*.*"(AN|SENAT)"')" = 1 ] &&
    pass || fail "the pattern misses or overmatches"
finish
