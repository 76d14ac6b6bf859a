#!/bin/sh
# Deadline truth where the data contradicts itself (issue 18): each case
# of truth_cases.py through the real binary at several as-of dates, its
# facts computed by the oracle in that file, not copied from qetracker.
. "$(dirname "$0")/lib.sh"
here=$(cd "$(dirname "$0")" && pwd)
DB="$T/q.db"
need sqlite3 command -v sqlite3
mkdir "$T/cases"
expect 0 "$PY" "$here/truth_cases.py" write "$DATA/an/QANR5L17QE6750.json" "$T/cases"
expect 0 "$QT" -d "$DB" import "$T/cases"
sqlite3 -separator '	' "$DB" "SELECT 'QANR5L' || q.legislature || q.type || q.number, a.kind FROM anomalies a JOIN questions q ON q.id = a.question_id" >"$T/anomalies.tsv"
for asof in 2025-06-01 2025-07-20 2025-07-21 2025-09-20 2026-11-28; do
	expect 0 "$QT" -d "$DB" --as-of $asof list --format json
	cp "$T/out" "$T/list.json"
	expect 0 "$PY" "$here/truth_cases.py" check "$T/cases" $asof "$T/list.json" "$T/anomalies.tsv"
	grep -qx '0 problems' "$T/out" && pass || fail "at $asof: $(cat "$T/out")"
done
# show names each anomaly of a question.
expect 0 "$QT" -d "$DB" --as-of 2026-11-28 show 17-91012
has "$T/out" "answer_before_publication"
finish
