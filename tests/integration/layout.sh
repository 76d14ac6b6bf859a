#!/bin/sh
# SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors.
# The architecture as the code shows it: an assembly is named only by the
# assembly table, its rules and its source modules, and a source kind
# only by the source table, so a second parliament is rows, not branches
# scattered through the front end and the outputs.
. "$(dirname "$0")/lib.sh"
cd "$QT_SRC" || exit 1
grep -nE '"(AN|SENAT)"' tracker/*.c tracker/*.h include/*.h |
    grep -vE '^tracker/(assembly|source|source_[a-z]+|an_page|rules)\.c:' |
    grep -vE '/\*.*"(AN|SENAT)"' >"$T/assemblies"
[ ! -s "$T/assemblies" ] && pass ||
    fail "an assembly named outside its table: $(cat "$T/assemblies")"
grep -nE '"an-(dump|amo|page)"' tracker/*.c tracker/*.h include/*.h |
    grep -vE '^tracker/source\.c:' | grep -vE '/\*.*"an-' >"$T/kinds"
[ ! -s "$T/kinds" ] && pass ||
    fail "a source kind named outside its table: $(cat "$T/kinds")"
# The check itself finds a literal where one is, and not in a comment.
printf 'if (strcmp(a, "SENAT") == 0)\n/* "AN" */\n' >"$T/probe.c"
[ "$(grep -E '"(AN|SENAT)"' "$T/probe.c" | grep -cvE '/\*.*"(AN|SENAT)"')" = 1 ] &&
    pass || fail "the pattern misses or overmatches"
finish
