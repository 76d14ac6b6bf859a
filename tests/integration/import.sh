#!/bin/sh
# SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors.
# Imports the bundled sample with the real binary and checks every
# deadline and status against an independent computation, the output
# formats against expected files, re-import, and answers never lost.
. "$(dirname "$0")/lib.sh"
here=$(dirname "$0")
DB="$T/q.db"
q() { "$QT" -d "$DB" --as-of 2026-11-28 "$@"; }

expect 0 q import --threads 2 "$SAMPLE/Questions_ecrites.json.zip" \
    "$SAMPLE/AMO_deputes.json.zip"
has "$T/out" "151 questions (151 new, 0 changed, 0 unchanged)"

# Every deadline, status and count of days, computed independently.
expect 0 q list --format json
cp "$T/out" "$T/list.json"
expect 0 "$PY" "$here/check_deadlines.py" "$SAMPLE/Questions_ecrites.json.zip" \
    "$T/list.json" 2026-11-28
has "$T/out" "151 questions checked, 0 disagreements"
# The same at another date: statuses move with --as-of.
"$QT" -d "$DB" --as-of 2025-06-30 list --format json >"$T/list2.json"
expect 0 "$PY" "$here/check_deadlines.py" "$SAMPLE/Questions_ecrites.json.zip" \
    "$T/list2.json" 2025-06-30
has "$T/out" "0 disagreements"

# The whole list, against the expected file (checked by the above).
same "$T/list.json" "$DATA/expected/list.json"

# One thread or two: the same database content.
expect 0 "$QT" -d "$T/one.db" import --threads 1 \
    "$SAMPLE/Questions_ecrites.json.zip" "$SAMPLE/AMO_deputes.json.zip"
"$QT" -d "$T/one.db" --as-of 2026-11-28 list --format json >"$T/list1.json"
same "$T/list.json" "$T/list1.json"

# Question 17-6750, whose real page is in shared/fixtures.
expect 0 q show --format json 17-6750
same "$T/out" "$DATA/expected/6750.json"
expect 0 q show QANR5L17QE6750
has "$T/out" "publiée le 20 mai 2025 → échéance le 20 juillet 2025 (art. 135 al. 6 RAN, deux mois) → en retard de 496 jours au 28 novembre 2026"
has "$T/out" "Suite :      peut être signalée par un président de groupe"
has "$T/out" "M. Ugo Bernalicis (LFI-NFP)"
printf '[general]\nlang = en\n' >"$T/en.conf"
expect 0 "$QT" -c "$T/en.conf" -d "$DB" --as-of 2026-11-28 show QANR5L17QE6750
has "$T/out" "published 20 May 2025 → deadline 20 July 2025 (art. 135 al. 6 RAN, two months) → overdue by 496 days as of 28 November 2026"
has "$T/out" "Timeline:"
expect 0 q show 6750
has "$T/out" "QE 17-6750"

# The table, sorted by urgency: open soonest first, then most overdue.
expect 0 q list --status open,overdue
has "$T/out" "ÉCHÉANCE   STATUT"
first_open=$(sed -n 2p "$T/out")
case "$first_open" in
*"1 j restant "*) pass ;;
*) fail "first row is not the soonest open question: $first_open" ;;
esac
expect 0 q list --status overdue --format csv
"$PY" - "$T/out" <<'PY' || fail "csv does not read back"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
assert rows and all(r["status"] == "overdue" for r in rows), rows[:1]
assert rows[0]["author_name"] and rows[0]["group_abbrev"]
days = [int(r["days_overdue"]) for r in rows]
assert days == sorted(days, reverse=True), days[:5]
PY
pass

# Re-import: nothing changed.
expect 0 q import "$SAMPLE/Questions_ecrites.json.zip"
has "$T/out" "151 questions (0 new, 0 changed, 151 unchanged)"

# An answer arrives, then a later file lacks it: the answer is kept.
"$PY" - "$DATA/an/QANR5L17QE6750.json" "$T/answered.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
jo = {"typeJO": "JO_QUESTION", "dateJO": "2025-09-02", "pageJO": "7000"}
d["question"]["textesReponse"] = {"texteReponse": {"infoJO": jo, "texte": "Réponse."}}
d["question"]["cloture"] = {"codeCloture": "REP_PUB", "libelleCloture": "Réponse publiée",
                            "dateCloture": "2025-09-02", "infoJO": jo}
json.dump(d, open(sys.argv[2], "w"), ensure_ascii=False)
PY
expect 0 q import "$T/answered.json"
has "$T/out" "1 new answers (1 late)"
expect 0 q import "$DATA/an/QANR5L17QE6750.json"
has "$T/err" "the stored answer is kept"
has "$T/out" "1 stored answers kept"
expect 0 q show --format json 6750
has "$T/out" '"status": "answered_late"'
has "$T/out" '"days_late": 44'

# A folder of JSON files, walked recursively.
expect 0 "$QT" -d "$T/dir.db" import "$DATA/an"
has "$T/out" "1 question (1 new"

finish
