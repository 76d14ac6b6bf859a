#!/bin/sh
# SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors.
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
# 4. A page after the dump: the dump is the dataset of record for what it
# holds (publication, answer); a page that says otherwise is an anomaly,
# never applied; what the dump lacks (a newer answer) the page adds.
"$PY" - "$DATA/an/QANR5L17QE6750.json" "$T/answered.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["question"]["textesReponse"] = {"texteReponse": {"infoJO": {"typeJO": "JO_QUESTION",
    "dateJO": "2025-09-02", "pageJO": "1"}, "texte": "R."}}
json.dump(d, open(sys.argv[2], "w"), ensure_ascii=False)
PY
sed 's|<a href="#">20 mai 2025</a>, page 3516</li>|<a href="#">27 mai 2025</a>, page 3516</li><li><span class="label">Réponse publiée au JO le :</span> 9 septembre 2025, page 7000</li>|' \
    "$DATA/pages/QANR5L17QE6750.html" >"$T/other.html"
grep -q '27 mai 2025' "$T/other.html" && pass || fail "the page was not rewritten"
rm -f "$T/p.db"*
expect 0 "$QT" -d "$T/p.db" import "$T/answered.json"
expect 0 "$QT" -d "$T/p.db" import "$T/other.html"
expect 0 "$QT" -d "$T/p.db" --as-of 2026-11-28 show --format json 17-6750
has "$T/out" '"published": "2025-05-20"'
has "$T/out" '"answered": "2025-09-02"'
has "$T/out" '"deadline": "2025-07-20"'
expect 0 "$QT" -d "$T/p.db" --as-of 2026-11-28 show 17-6750
has "$T/out" "page_disagrees: the page gives published 2025-05-27, the stored data 2025-05-20"
has "$T/out" "page_disagrees: the page gives answered 2025-09-09, the stored data 2025-09-02"
# The same page on a question the dump has not answered: its answer lands.
rm -f "$T/p.db"*
expect 0 "$QT" -d "$T/p.db" import "$DATA/an/QANR5L17QE6750.json"
expect 0 "$QT" -d "$T/p.db" import "$T/other.html"
expect 0 "$QT" -d "$T/p.db" --as-of 2026-11-28 show --format json 17-6750
has "$T/out" '"answered": "2025-09-09"'
has "$T/out" '"published": "2025-05-20"'

# 3. A page's heading is not its title: the HTML's spans tell them apart;
# a text page cannot, and after the dump the dump's title stays, with
# its references.
rm -f "$T/p.db"*
expect 0 "$QT" -d "$T/p.db" import "$DATA/pages/QANR5L17QE6750.html"
expect 0 "$QT" -d "$T/p.db" --as-of 2026-11-28 show --format json 17-6750
has "$T/out" '"title": "Vidéosurveillance algorithmique et logiciels de reconnaissance faciale"'
page="$QT_SHARED/fixtures/pages/QANR5L17QE6750.txt"
[ -f "$page" ] || page="$DATA/pages/QANR5L17QE6750.html"
rm -f "$T/p.db"*
expect 0 "$QT" -d "$T/p.db" import "$DATA/an/QANR5L17QE6750.json"
expect 0 "$QT" -d "$T/p.db" import "$page"
expect 0 "$QT" -d "$T/p.db" --as-of 2026-11-28 show --format json 17-6750
has "$T/out" '"title": "Vidéosurveillance algorithmique et logiciels de reconnaissance faciale"'
has "$T/out" '"ref": "PA720430"'
has "$T/out" '"ref": "PO845413"'

# 5. The as-of date never sees the future: with changes of ministry that
# restart the clock, a status at a date uses the count then in force
# (two changes: the first count, then each restart), in list, show and
# the feeds' DTSTART; an answer is judged by the count of its day.
"$PY" - "$DATA/an/QANR5L17QE6750.json" "$T/moved.json" <<'PY'
import copy, json, sys
d = json.load(open(sys.argv[1]))
q = d["question"]
q["uid"] = "QANR5L17QE93001"
q["identifiant"]["numero"] = "93001"
first = q["minAttribs"]["minAttrib"]
att = [first]
for day, ref, name in (("2025-07-25", "PO900201", "Armées"),
                       ("2025-09-10", "PO900202", "Culture")):
    a = copy.deepcopy(first)
    a["infoJO"]["dateJO"] = day
    a["denomination"] = {"organeRef": ref, "abrege": name, "developpe": name}
    att.append(a)
q["minAttribs"]["minAttrib"] = att
json.dump(d, open(sys.argv[2], "w"), ensure_ascii=False)
PY
printf '[general]\nlang = en\n[rules]\nministry_change_restarts = yes\n' \
    >"$T/restart.conf"
rm -f "$T/m.db"*
expect 0 "$QT" -c "$T/restart.conf" -d "$T/m.db" import "$T/moved.json"
# asof: status deadline (the oracle: 2 months from 05-20, 07-25, 09-10).
for row in "2025-07-20 open 2025-07-20" "2025-07-22 overdue 2025-07-20" \
    "2025-07-25 open 2025-09-25" "2025-09-09 open 2025-09-25" \
    "2025-09-10 open 2025-11-10" "2025-11-11 overdue 2025-11-10"; do
	set -- $row
	expect 0 "$QT" -c "$T/restart.conf" -d "$T/m.db" --as-of $1 list \
	    --format json
	has "$T/out" "\"status\": \"$2\""
	has "$T/out" "\"deadline\": \"$3\""
	expect 0 "$QT" -c "$T/restart.conf" -d "$T/m.db" --as-of $1 ics
	has "$T/out" "DTSTART;VALUE=DATE:$(echo $3 | tr -d -)"
done
# A reader whose rules differ from the database's (here the signalement's
# delay) applies its own to each question as read, over the stored
# counts: ics aborted on "free(): invalid pointer", the rules freeing
# steps that SQLite lent; list reads them too.
printf '[general]\nlang = en\n[rules]\nministry_change_restarts = yes\nsignal_days = 11\n' \
    >"$T/other.conf"
expect 0 "$QT" -c "$T/other.conf" -d "$T/m.db" --as-of 2025-09-20 ics
has "$T/out" "DTSTART;VALUE=DATE:20251110"
expect 0 "$QT" -c "$T/other.conf" -d "$T/m.db" --as-of 2025-11-11 list \
    --format json
has "$T/out" '"status": "overdue"'
has "$T/out" '"deadline": "2025-11-10"'
expect 0 "$QT" -c "$T/restart.conf" -d "$T/m.db" --as-of 2025-08-01 \
    show 17-93001
has "$T/out" "deadline 25 September 2025"
has "$T/out" "counted from the change of ministry on 25 July 2025"
has "$T/out" "answer due, as counted before a change of ministry"
expect 0 "$QT" -c "$T/restart.conf" -d "$T/m.db" --as-of 2025-07-01 \
    show 17-93001
has "$T/out" "deadline 20 July 2025"
lacks "$T/out" "counted from the change"
# A database of schema 7 (no counts) is upgraded: its next write
# recomputes the counts from the stored changes.
sqlite3 "$T/m.db" "ALTER TABLE questions DROP COLUMN deadline_steps;
    ALTER TABLE questions DROP COLUMN answer_excerpt;
    DROP INDEX questions_source_uid;
    ALTER TABLE questions DROP COLUMN source_uid;
    CREATE TABLE actors(ref TEXT PRIMARY KEY, name TEXT);
    CREATE TABLE organs(ref TEXT PRIMARY KEY, kind TEXT, name TEXT,
    abbrev TEXT, legislature INTEGER); DROP TABLE members;
    DROP TABLE bodies; INSERT INTO actors VALUES ('PA1', 'M. Un Test');
    INSERT INTO organs VALUES ('PO1', 'GP', 'Groupe test', 'GT', 17),
    ('PO2', 'MINISTERE', 'Ministère test', NULL, NULL),
    ('PO3', 'ASSEMBLEE', 'Assemblée nationale', NULL, 17);
    DROP TABLE texts; DROP TABLE export_files; PRAGMA user_version = 7"
expect 0 "$QT" -c "$T/restart.conf" -d "$T/m.db" --as-of 2025-07-22 list \
    --format json
has "$T/out" '"deadline": "2025-07-20"'
expect 0 "$QT" -c "$T/restart.conf" -d "$T/m.db" import "$T/moved.json"
[ "$(sqlite3 "$T/m.db" "PRAGMA user_version; SELECT deadline_steps FROM
    questions WHERE number = 93001")" = "12
2025-05-20=2025-07-20 2025-07-25=2025-09-25 2025-09-10=2025-11-10" ] &&
    pass || fail "schema 7 not upgraded: $(sqlite3 "$T/m.db" \
    "SELECT deadline_steps FROM questions")"
# Its acteurs and organes became the Assemblée's members and bodies.
[ "$(sqlite3 "$T/m.db" "SELECT assembly, ref, name FROM members;
    SELECT assembly, ref, kind, code, name, abbrev, legislature FROM bodies
    ORDER BY ref; SELECT count(*) FROM sqlite_master WHERE name IN
    ('actors', 'organs')")" = "AN|PA1|M. Un Test
AN|PO1|group|GP|Groupe test|GT|17
AN|PO2|ministry|MINISTERE|Ministère test||
AN|PO3|body|ASSEMBLEE|Assemblée nationale||17
0" ] && pass || fail "names not carried to the current schema: $(sqlite3 "$T/m.db" \
    "SELECT * FROM members; SELECT * FROM bodies")"
# Without the setting, one count from the publication whatever the date.
expect 0 "$QT" -d "$T/m.db" --as-of 2025-09-20 list --format json
has "$T/out" '"deadline": "2025-07-20"'
has "$T/out" '"status": "overdue"'
# The setting turned on for a database built without it recomputes the
# counts from the stored changes.
expect 0 "$QT" -c "$T/restart.conf" -d "$T/m.db" --as-of 2025-09-20 list \
    --format json
has "$T/out" '"deadline": "2025-11-10"'

# show names each anomaly of a question.
expect 0 "$QT" -d "$DB" --as-of 2026-11-28 show 17-91012
has "$T/out" "answer_before_publication"
finish
