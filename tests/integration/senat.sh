#!/bin/sh
# SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors.
# The Sénat's yearly CSV through the real binary: imported beside the AN's
# dump, listed, shown by its reference, in the report and in the feeds (read
# back by python3-icalendar), polled from a file:// source; and hostile
# twins refused with the file, the line and the column named, exit 65, and
# the database byte for byte as it was.
. "$(dirname "$0")/lib.sh"
DB="$T/q.db"
CSV="$DATA/senat/questions.csv"
q() { "$QT" -d "$DB" --as-of 2025-12-31 "$@"; }

# Both chambers in one import.
expect 0 q import "$SAMPLE/Questions_ecrites.json.zip" "$CSV"
expect 0 q list --assembly senat --format json
"$PY" - "$T/out" <<'PY' && pass || fail "the Sénat's questions as listed"
import json, sys
qs = {q["uid"]: q for q in json.load(open(sys.argv[1]))}
assert set(qs) == {"SEQ241000419", "SEQ251006436", "SEQ250605028",
                   "SEQ220700931", "SEQ220700932"}, sorted(qs)
o = qs["SEQ251006436"]
assert (o["assembly"], o["legislature"], o["number"], o["rule"]) == \
    ("SENAT", 17, 6436, "senat-qe"), o
# Published 30/10/2025: due two months later, on time that day.
assert (o["published"], o["deadline"], o["status"]) == \
    ("2025-10-30", "2025-12-30", "overdue"), o
assert o["url"] == "https://www.senat.fr/questions/base/2025/qSEQ251006436.html", o
t = qs["SEQ250605028"]
# Transmitted on 3 July: the deadline stays that of the publication.
assert (t["deadline"], t["answered"], t["status"], t["days_late"]) == \
    ("2025-08-12", "2025-09-18", "answered_late", 37), t
assert t["ministry"]["name"] == "Transports", t
assert qs["SEQ220700931"]["status"] == "withdrawn"
assert qs["SEQ220700932"]["status"] == "lapsed"
PY
# The AN's are there too, and the filter keeps each apart.
expect 0 q list --assembly AN --format json
has "$T/out" '"assembly": "AN"'
lacks "$T/out" '"assembly": "SENAT"'

expect 0 q show SEQ251006436
has "$T/out" "QE SEQ251006436"
has "$T/out" "art. 75 RS"
has "$T/out" "https://www.senat.fr/questions/base/2025/qSEQ251006436.html"
expect 66 q show SEQ999999999
has "$T/err" "SEQ999999999: no such question"

# The report counts what the Sénat allows after the deadline.
expect 0 q report --assembly SENAT
has "$T/out" "Sénat : 1 question en retard peut être transformée en question orale, ou rappelée par une question de rappel."
has "$T/out" "→ peut être transformée en question orale, ou rappelée par une question de rappel"
has "$T/out" "Coût des transports; zones rurales"

# A second import of the same file changes nothing.
expect 0 q import "$CSV"
has "$T/out" "5 questions (0 new, 0 changed, 5 unchanged)"
has "$T/out" "1 not written questions skipped"

# The feeds hold the Sénat's deadlines, as a calendar reads them.
expect 0 q export "$T/site"
"$PY" - "$T/site/all.ics" <<'PY' && pass || fail "the Sénat's events in all.ics"
import datetime, sys
import icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())
ev = {str(e["UID"]): e for e in cal.walk("VEVENT")}
e = [v for k, v in ev.items() if k.startswith("SEQ251006436-deadline@")]
assert len(e) == 1, sorted(ev)[:5]
assert e[0].decoded("DTSTART") == datetime.date(2025, 12, 30), e[0]
assert "qSEQ251006436.html" in str(e[0].get("URL", "")) + \
    str(e[0].get("DESCRIPTION", "")), e[0]
PY
# A ministry's feed holds both chambers' questions: one ministry, one
# calendar, whichever chamber asked.
both=$(grep -l 'UID:SEQ' "$T"/site/ministry/*.ics | xargs grep -l 'UID:QANR5L')
[ -n "$both" ] && pass ||
    fail "no ministry feed holds both chambers' questions"
# A senator's and a Sénat group's feeds, apart from the AN's.
has "$T/site/group/senat-lr.ics" "UID:SEQ251006436-deadline@"
lacks "$T/site/group/senat-lr.ics" "UID:QANR5L"
has "$T/site/group/senat-lr.ics" "X-WR-CALNAME:QE — Groupe — LR (Sénat)"
has "$T/site/author/senat-m-luc-martin.ics" "X-WR-CALNAME:QE — Sénateur — M. Luc Martin"
has "$T/site/author/senat-m-luc-martin.ics" "UID:SEQ251006436-deadline@"
has "$T/site/index.html" "Sénateur"
for f in "$T"/site/author/PA*.ics; do
	grep -q "Député" "$f" && pass || fail "$f: a deputy's feed is not titled Député"
	break
done

# Polled from a source, like the AN's dump.
cp "$CSV" "$T/poll.csv"
printf '[source sen]\nkind = senat-csv\nurl = file://%s\n' "$T/poll.csv" \
    >"$T/p.conf"
expect 0 "$QT" -c "$T/p.conf" -d "$T/p.db" poll
expect 0 "$QT" -c "$T/p.conf" -d "$T/p.db" --as-of 2025-12-31 list \
    --assembly SENAT
has "$T/out" "5 questions"
expect 0 "$QT" -c "$T/p.conf" -d "$T/p.db" poll
has "$T/out" "not modified"

# Hostile twins: each refused, the database unchanged.
before=$(sha256sum "$DB" | cut -d' ' -f1)
twin() { # NAME PYTHON-EXPRESSION-ON-s (the UTF-8 text)
	"$PY" - "$DATA/senat/questions.utf8.csv" "$T/$1" "$2" <<'PY'
import sys
s = open(sys.argv[1], encoding="utf-8").read()
s = eval(sys.argv[3])
open(sys.argv[2], "wb").write(s.encode("cp1252") if isinstance(s, str) else s)
PY
}
refused() { # FILE TEXT
	expect 65 q import "$T/$1"
	has "$T/err" "$2"
	[ "$(sha256sum "$DB" | cut -d' ' -f1)" = "$before" ] && pass ||
	    fail "$1: the database changed"
}
twin label.csv 's.replace("Retirée;QE", "Transformée;QE")'
refused label.csv "$T/label.csv:8: column \"Sort\": \"Transformée\" is not a sort qetracker knows; say what it means with [senat] sort_labels = Transformée=open"
twin path.csv 's.replace("SEQ251006436", "../../../tmp/x")'
refused path.csv "$T/path.csv:4: column \"Référence\": \"../../../tmp/x\" is not a reference"
twin date.csv 's.replace("30/10/2025", "31/11/2025")'
refused date.csv "$T/date.csv:4: column \"Date de publication JO\": \"31/11/2025\" is not a date"
twin header.csv 's.replace(";Référence;", ";Ref;")'
refused header.csv "$T/header.csv:2: column \"Référence\": missing from the header"
twin quote.csv 's.replace("\"Coût", "Coût")'
refused quote.csv "$T/quote.csv:"
twin byte.csv 's.encode("cp1252").replace(b"Dupr", b"\x81Dupr")'
refused byte.csv "$T/byte.csv:3: byte 0x81 is neither UTF-8 nor Windows-1252"
twin fields.csv 's.replace("Examen du permis", "Examen;du;permis;x")'
refused fields.csv "$T/fields.csv:6: 24 fields, the header has 21"
# Shifted by empty columns only, the row still cannot pass.
twin shifted.csv 's.replace("Examen du permis", "Examen;du;permis")'
refused shifted.csv "$T/shifted.csv:6: column \"Date de publication JO\": \"RDSE\" is not a date"

# stats: the pooled table, then each chamber's own, whose totals add up;
# JSON stays the pooled table; --assembly gives one chamber's.
expect 0 q stats
has "$T/out" "au 31 décembre 2025 — Assemblée nationale"
has "$T/out" "au 31 décembre 2025 — Sénat"
"$PY" - "$T/out" <<'PY' && pass || fail "stats: the chambers' totals do not add up"
import re, sys
tot = [int(m.split()[3]) for m in re.findall(r"^ +Tous les ministères .*$",
       open(sys.argv[1]).read(), re.M)]
assert len(tot) == 3 and tot[0] == tot[1] + tot[2] and tot[2] > 0, tot
PY
expect 0 q stats --format html
[ "$(grep -c '<table>' "$T/out")" = 3 ] && pass || fail "stats html: not 3 tables"
expect 0 q stats --format json
lacks "$T/out" "Sénat"
expect 0 q stats --assembly SENAT
[ "$(grep -c 'Tous les ministères' "$T/out")" = 1 ] && pass ||
    fail "stats --assembly SENAT: more than one table"

# Caducité: unanswered for more than two years at the opening of the
# ordinary session (the first working day of October), a question
# lapses; the data's own "Caduque" wins whatever the date.
{
	head -n 2 "$DATA/senat/questions.utf8.csv"
	echo "En attente de réponse;QE;00001;SEQ230500001;Vieille question;Durand;Paul;M.;Ain;LR;;2023-05-10;Culture;;;;;;Culture;;;;;"
	echo "Caduque;QE;00002;SEQ241100002;Question caduque;Durand;Paul;M.;Ain;LR;;2024-11-05;Culture;;;;;;Culture;;;;;"
} >"$T/old.csv"
rm -f "$T/old.db"*
expect 0 "$QT" -d "$T/old.db" import "$T/old.csv"
expect 0 "$QT" -d "$T/old.db" --as-of 2025-10-01 show SEQ230500001
has "$T/out" "Statut :     en retard"
has "$T/out" "1er octobre 2025   caduque faute de réponse, à l'ouverture de la session ordinaire"
expect 0 "$QT" -d "$T/old.db" --as-of 2025-10-02 show SEQ230500001
has "$T/out" "→ caduque le 1er octobre 2025 (ouverture de la session ordinaire : sans réponse depuis plus de 2 ans)"
expect 0 "$QT" -d "$T/old.db" --as-of 2025-10-02 list --assembly SENAT \
    --status lapsed --format json
has "$T/out" '"uid": "SEQ230500001"'
has "$T/out" '"closed": "2025-10-01"'
# The data's "Caduque" stands, a year before the rule would apply.
has "$T/out" '"uid": "SEQ241100002"'
# A Sénat question is shown by its reference, not the AN's 16-1.
expect 0 "$QT" -d "$T/old.db" --as-of 2025-09-20 list --assembly SENAT
has "$T/out" " SEQ230500001 M. Paul Durand"
lacks "$T/out" " 16-1 "
# show and the report give the next step, and the day to act by.
expect 0 "$QT" -d "$T/old.db" --as-of 2025-09-20 show SEQ230500001
has "$T/out" "Suite :      peut être transformée en question orale, ou rappelée par une question de rappel, avant sa caducité le 1er octobre 2025"
expect 0 "$QT" -d "$T/old.db" --as-of 2025-09-20 report --assembly SENAT
has "$T/out" "→ peut être transformée en question orale, ou rappelée par une question de rappel, avant sa caducité le 1er octobre 2025"
has "$T/out" "  SEQ230500001 803 jours de retard"
printf '[rules]\nsenat_lapse_years = 0\n' >"$T/nolapse.conf"
expect 0 "$QT" -c "$T/nolapse.conf" -d "$T/old.db" --as-of 2025-10-02 \
    list --assembly SENAT --status overdue --format json
has "$T/out" '"uid": "SEQ230500001"'

# A watchlist takes Sénat questions by their reference, and its secret
# feed holds them.
expect 0 "$QT" -d "$T/old.db" watch add cabinet SEQ230500001
has "$T/out" "	SEQ230500001"
tok=$(awk '/^cabinet/ { print $2 }' "$T/out")
expect 0 "$QT" -d "$T/old.db" --as-of 2025-09-20 export "$T/wsite"
has "$T/wsite/$tok" "UID:SEQ230500001-deadline@"
expect 66 "$QT" -d "$T/old.db" watch add cabinet SEQ999999999
has "$T/err" "SEQ999999999: no such question"
expect 0 "$QT" -d "$T/old.db" watch remove cabinet SEQ230500001
expect 0 "$QT" -d "$T/old.db" watch list
lacks "$T/out" "SEQ230500001"

# What the setting maps imports.
printf '[senat]\nsort_labels = Transformée = closed\n' >"$T/l.conf"
expect 0 "$QT" -c "$T/l.conf" -d "$DB" import "$T/label.csv"
[ "$(sqlite3 "$DB" "SELECT closure, closure_label FROM questions WHERE
    source_uid = 'SEQ220700931'")" = "closed|Transformée" ] && pass ||
    fail "sort_labels: $(sqlite3 "$DB" "SELECT closure, closure_label FROM
    questions WHERE source_uid = 'SEQ220700931'")"
# A bad mapping is a configuration error at its line.
printf '[general]\nlang = en\n[senat]\nsort_labels = Transformée\n' \
    >"$T/bad.conf"
expect 78 "$QT" -c "$T/bad.conf" -d "$DB" list
has "$T/err" "bad.conf:4: [senat] sort_labels = \"Transformée\": expected label=status items separated by commas"
printf '[senat]\nsort_labels = a=maybe\n' >"$T/bad2.conf"
expect 78 "$QT" -c "$T/bad2.conf" -d "$DB" list
has "$T/err" "a status is open, answered, withdrawn, lapsed or closed"

# A question de rappel ("Référence de la question rappelée") and the
# question it recalls, in one file, in either order: linked both ways.
H='Sort;Nature;Numéro;Référence;Titre;Nom;Prénom;Civilité;Circonscription;Groupe;Type Appartenance;Date de publication JO;Ministère de dépôt;Date de transmission;Ministère de transmission;Ministère de réponse;Date de réponse JO;Référence de la question rappelée;Thème(s);Thème QC;URL Question'
R='En cours;QE;09002;SEQ260309002;Rappel : eau potable;Roux;Léa;Mme;Gers;UC;;2026-03-05;Santé;;;;;SEQ260109001;;;'
O='En cours;QE;09001;SEQ260109001;Eau potable;Roux;Léa;Mme;Gers;UC;;2026-01-08;Santé;;;;;;;;'
printf '%s\n%s\n%s\n' "$H" "$R" "$O" >"$T/rappel.csv"
expect 0 "$QT" -d "$T/r.db" --as-of 2026-04-01 import "$T/rappel.csv"
expect 0 "$QT" -d "$T/r.db" --as-of 2026-04-01 show SEQ260109001
has "$T/out" "5 mars 2026        rappelée par la question de rappel SEQ260309002"
expect 0 "$QT" -d "$T/r.db" --as-of 2026-04-01 show SEQ260309002
has "$T/out" "5 mars 2026        question de rappel de la question SEQ260109001"
# Its own deadline: two months from its own publication.
has "$T/out" "échéance le 5 mai 2026"
# A reference that is not one is refused, with its column.
printf '%s\n%s\n' "$H" "$(echo "$R" | sed 's/SEQ260109001/SEQ2601/')" \
    >"$T/rappel-bad.csv"
expect 65 "$QT" -d "$T/r.db" import "$T/rappel-bad.csv"
has "$T/err" "Référence de la question rappelée"
has "$T/err" '"SEQ2601" is not a reference'
finish
