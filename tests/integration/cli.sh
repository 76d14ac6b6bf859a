#!/bin/sh
# SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors.
# The command line as users and cron meet it: help from the command
# table, usage errors (64), configuration errors named file:line (78),
# a missing database (66), the filters, and --as-of.
. "$(dirname "$0")/lib.sh"
DB="$T/q.db"
q() { "$QT" -d "$DB" --as-of 2026-11-28 "$@"; }

expect 0 "$QT" help
for c in init import list show help version; do
	has "$T/out" "  $c "
done
expect 0 "$QT" help import
has "$T/out" "usage: qetracker import [--skip-bad] [--threads N] PATH..."
has "$T/out" "--skip-bad"
expect 0 "$QT" --version
has "$T/out" "qetracker "

# Every command prints its own usage for -h and --help, on stdout, exit
# 0, and acts on nothing: no database, no folder, no configuration read.
"$QT" help | sed -n 's/^  \([a-z]*\) .*/\1/p' >"$T/cmds"
while read -r c; do
	for h in -h --help; do
		expect 0 "$QT" -c "$T/absent.conf" -d "$T/h.db" "$c" $h
		head -n 1 "$T/out" | grep -q "^usage: qetracker $c" && pass ||
		    fail "$c $h: $(head -n 1 "$T/out")"
		[ ! -s "$T/err" ] && pass || fail "$c $h wrote $(cat "$T/err")"
	done
done <"$T/cmds"
(cd "$T" && "$QT" -d "$T/h.db" export --help >/dev/null)
[ ! -e "$T/--help" ] && [ ! -e "$T/h.db" ] && pass ||
    fail "export --help acted"
expect 0 "$QT" import --help
has "$T/out" "  --threads N            threads parsing entries"
has "$T/out" "Global options (before or after the command):"
expect 0 "$QT" list -h
has "$T/out" "Filters (names are matched without case or accents):"
has "$T/out" "  --due-within DAYS"
# The synopsis of every command in qetracker(1) is the table's; a man
# page that loses an option is caught.
expect 0 "$PY" "$QT_SRC/tests/integration/man_synopsis.py" "$QT" "$QT_SRC/docs/qetracker.1"
has "$T/out" "17 commands compared"
sed 's/^\(\.It Cm poll\) Oo Fl -force Oc/\1/' "$QT_SRC/docs/qetracker.1" \
    >"$T/bad.1"
expect 1 "$PY" "$QT_SRC/tests/integration/man_synopsis.py" "$QT" "$T/bad.1"
has "$T/out" "poll: help says ['--force', '--skip-bad']"

# Option errors: one message in one language, naming the option.
LANGUAGE=fr expect 64 "$QT" list --format
has "$T/err" "qetracker list: --format needs an argument (table|json|csv)"
lacks "$T/err" "requiert"
expect 64 "$QT" report -o
has "$T/err" "-o needs an argument (FILE)"
expect 64 "$QT" list --frobnicate
has "$T/err" "--frobnicate: unknown or ambiguous option"
has "$T/err" "usage: qetracker list [FILTERS] [--format table|json|csv]"
expect 64 "$QT" poll --force=yes
has "$T/err" "--force takes no argument"
expect 64 "$QT" run -x
has "$T/err" "-x: unknown option"
expect 64 "$QT" stats --by author
has "$T/err" "--by: unknown or ambiguous option"
expect 64 "$QT" show
has "$T/err" "show needs QUESTION"
expect 64 "$QT" show 1 2
has "$T/err" "unexpected argument \"2\""
expect 64 "$QT" export
has "$T/err" "export needs DIR"
expect 64 "$QT" help nosuch
has "$T/err" "no command \"nosuch\""
expect 64 "$QT"
expect 64 "$QT" frobnicate
has "$T/err" "no command \"frobnicate\""
expect 64 "$QT" --as-of 2025-02-29 list
has "$T/err" "--as-of: \"2025-02-29\" is not a date that exists"
expect 64 "$QT" --bogus list
has "$T/err" "--bogus: unknown or ambiguous option (see 'qetracker help')"
expect 66 q list
has "$T/err" "q.db: no database"

expect 0 q init
has "$T/out" "database ready"
expect 0 q init
expect 64 q import
has "$T/err" "usage: qetracker import"
expect 64 q list --status late
has "$T/err" "--status: unknown status \"late\""
expect 64 q list --format xml
expect 64 q list --due-within soon
expect 64 q show 17-
has "$T/err" "is not a question"
expect 66 q show 17-1
has "$T/err" "no such question"

# Configuration errors: every one, as file:line, exit 78.
printf '[rules]\nweekend_rollover = maybe\n\nsignal_days = 1000\n[x]\ny = 1\n' \
    >"$T/bad.conf"
expect 78 "$QT" -c "$T/bad.conf" -d "$DB" list
has "$T/err" "bad.conf:2: [rules] weekend_rollover = \"maybe\""
has "$T/err" "bad.conf:4: [rules] signal_days = \"1000\""
has "$T/err" "bad.conf:6: unknown key \"y\" in section [x]"
expect 66 "$QT" -c "$T/none.conf" list
QETRACKER_CONFIG="$T/bad.conf" expect 78 "$QT" -d "$DB" list

# Filters, names matched without case or accents.
expect 0 q import "$SAMPLE/Questions_ecrites.json.zip" \
    "$SAMPLE/AMO_deputes.json.zip"
expect 0 q list --author "ugo bernalicis" --format csv
has "$T/out" "QANR5L17QE6750"
[ "$(wc -l <"$T/out")" -eq 2 ] && pass || fail "author filter: $(cat "$T/out")"
expect 0 q list --author PA720430 --format json
has "$T/out" "\"number\": 6750"
expect 0 q list --group lfi-nfp --status overdue --format json
"$PY" -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d and all(x["group"]["abbrev"]=="LFI-NFP" and x["status"]=="overdue" for x in d)' "$T/out" &&
    pass || fail "group filter"
expect 0 q list --ministry "europe et affaires etrangeres" --format json
"$PY" -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d and all("Europe" in x["ministry"]["name"] for x in d)' "$T/out" &&
    pass || fail "ministry filter"
# Words and their endings: "ecologie" finds "Transition écologique".
expect 0 q list --ministry "transition ecologique" --format json
cp "$T/out" "$T/te.json"
expect 0 q list --ministry ecologie --format json
"$PY" -c 'import json,sys; a=json.load(open(sys.argv[1])); b=json.load(open(sys.argv[2])); assert len(a) >= 5 and a == b' "$T/out" "$T/te.json" &&
    pass || fail "--ministry ecologie: $(head -c 300 "$T/out")"
# An abbreviation finds the groups it starts: LFI is LFI-NFP.
expect 0 q list --group LFI --format csv
cp "$T/out" "$T/lfi.csv"
expect 0 q list --group LFI-NFP --format csv
cmp -s "$T/out" "$T/lfi.csv" && [ "$(wc -l <"$T/out")" -gt 1 ] && pass ||
    fail "--group LFI is not --group LFI-NFP"
# A value that matches nothing known is an error naming the closest; a
# known member with no questions is an empty result.
expect 64 q list --group XYZ
has "$T/err" "--group: \"XYZ\" matches no group the database knows (closest: "
expect 64 q list --author bernalcis
has "$T/err" "(closest: M. Ugo Bernalicis (PA720430)"
expect 64 q report --ministry "ecolgie"
has "$T/err" "--ministry: \"ecolgie\" matches no ministry"
has "$T/err" "Transition écologique"
expect 0 q list --author PA900000 --format json
has "$T/out" "[]"
expect 0 q list --due-within 14 --format json
"$PY" -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d and all(x["status"]=="open" and x["days_left"]<=14 for x in d)' "$T/out" &&
    pass || fail "due-within filter"
expect 0 q list --legislature 16 --format json
has "$T/out" "[]"
expect 0 q list --legislature 16 --format csv
has "$T/out" "uid,assembly,legislature"
expect 0 q list --legislature 16
has "$T/out" "0 question"

# The rules settings move deadlines: rollover puts Sunday 2025-07-20
# on Monday 21, and every stored deadline is recomputed.
printf '[rules]\nweekend_rollover = yes\n' >"$T/roll.conf"
expect 0 "$QT" -c "$T/roll.conf" -d "$DB" --as-of 2026-11-28 show 6750
has "$T/out" "échéance le 21 juillet 2025"
has "$T/out" "le 20 juillet 2025 n'est pas un jour ouvré, reportée (art. 642 CPC)"
expect 0 q show 6750
has "$T/out" "échéance le 20 juillet 2025"

# --as-of before publication: the question is not listed yet.
expect 0 "$QT" -d "$DB" --as-of 2025-05-19 list --author PA720430 --format json
has "$T/out" "[]"
expect 0 "$QT" -d "$DB" --as-of 2025-07-20 show --format json 6750
has "$T/out" '"days_left": 0'

# The build tree's program finds its catalog beside it (French by
# default), and LANGUAGE, a list in order of preference, chooses.
# (Not under QT_VALGRIND: lib.sh runs a copy of the program from $T.)
if [ -z "${QT_VALGRIND:-}" ]; then
	expect 0 env -u QETRACKER_LOCALEDIR "$QT" -d "$DB" --as-of 2026-11-28 \
	    show 6750
	has "$T/out" "Sujet :"
fi
expect 0 env LANGUAGE=de:en:fr "$QT" -d "$DB" show 6750
has "$T/out" "Subject:"
expect 0 env LANGUAGE=fr:en "$QT" -d "$DB" show 6750
has "$T/out" "Sujet :"

# Options in any order, as GNU tools take them: after the operand, and
# the global ones after the command. A date typed the French way is the
# same date.
expect 0 "$QT" -d "$DB" --as-of 2025-07-20 show 6750 --format json
cp "$T/out" "$T/a.json"
expect 0 "$QT" show 6750 --format json -d "$DB" --as-of 20/07/2025
cmp -s "$T/out" "$T/a.json" && pass || fail "show with options after"
has "$T/out" '"days_left": 0'
expect 0 "$QT" list --as-of 2025-05-19 --author PA720430 -d "$DB" --format json
has "$T/out" "[]"
expect 0 "$QT" -d "$DB" report --since 1/11/2026 --as-of 28/11/2026 --format json
cp "$T/out" "$T/r1.json"
expect 0 "$QT" -d "$DB" report --since 2026-11-01 --as-of 2026-11-28 --format json
cmp -s "$T/out" "$T/r1.json" && pass || fail "28/11/2026 is not 2026-11-28"
expect 64 "$QT" -d "$DB" list --as-of 31/02/2026
has "$T/err" "--as-of: \"31/02/2026\" is not a date that exists (2026-11-28 or 28/11/2026)"
expect 64 "$QT" -d "$DB" report --since 2026/11/01
has "$T/err" "--since: \"2026/11/01\" is not a date"
# "--" ends the options: what follows is an operand.
expect 64 "$QT" -d "$DB" show -- --format
has "$T/err" "\"--format\" is not a question"

# Documentation is part of the feature: every key in the example config
# and in qetracker.conf(5), every command in qetracker(1).
expect 0 "$QT" -c "$QT_SRC/config/qetracker.conf" config
has "$T/out" "; $QT_SRC/config/qetracker.conf"
keys=$(grep -E '^[a-z_]+ = ' "$T/out" | cut -d' ' -f1)
[ -n "$keys" ] && pass || fail "config printed no keys"
for k in $keys; do
	has "$QT_SRC/config/qetracker.conf" "$k ="
	has "$QT_SRC/docs/qetracker.conf.5" ".It Ic $k No"
done
"$QT" help | sed -n 's/^  \([a-z]*\) .*/\1/p' >"$T/cmds"
[ -s "$T/cmds" ] && pass || fail "help lists no command"
while read -r c; do
	has "$QT_SRC/docs/qetracker.1" ".It Cm $c"
done <"$T/cmds"

# "~/" in a path of the configuration is the home folder, as a shell
# would read it: no folder named "~" where the command ran.
mkdir -p "$T/h" "$T/cwd"
printf '[general]\ndatabase = ~/qe.db\n' >"$T/tilde.conf"
(cd "$T/cwd" && HOME="$T/h" "$QT" -c "$T/tilde.conf" init >/dev/null 2>&1)
[ -f "$T/h/qe.db" ] && [ ! -e "$T/cwd/~" ] && pass ||
    fail "~/qe.db: $(ls -a "$T/cwd" "$T/h")"
printf '[general]\nlang = fr\nlang = en\n' >"$T/twice.conf"
expect 78 "$QT" -c "$T/twice.conf" config
has "$T/err" "twice.conf:3: [general] lang: given twice (first on line 2)"
# -v says what a run did: the database, each input and its units, the
# counts and the time; without it, nothing on stderr.
expect 0 "$QT" -d "$T/v.db" -v import "$SAMPLE/Questions_ecrites.json.zip"
has "$T/err" "qetracker: import: database $T/v.db"
has "$T/err" "qetracker: import: $SAMPLE/Questions_ecrites.json.zip: zip archive, 151 units"
has "$T/err" "qetracker: import: 151 units read and stored in "
grep -q '^qetracker: import: done in [0-9.]* s$' "$T/err" && pass ||
    fail "no timing: $(cat "$T/err")"
expect 0 "$QT" -d "$T/v.db" --as-of 2026-11-28 -v list --status overdue
has "$T/err" "qetracker: list: 83 questions pass the filters"
expect 0 "$QT" -d "$T/v.db" --as-of 2026-11-28 list --status overdue
[ ! -s "$T/err" ] && pass || fail "list wrote to stderr without -v: $(cat "$T/err")"
finish
