#!/bin/sh
# SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors.
# The Sénat's question pages (kind senat-page) through the real binary:
# the shared fixture's layout, where ../shared exists, and ours (UTF-8 with
# <section id=…>, Windows-1252 without a charset); a page merged into what
# the CSV stored (its answer and texts added, the CSV's names, ministry and
# dates kept, no publication twice); the reference from the file's name or
# the canonical link; the pages of watched questions polled from a real
# HTTP server; an Assemblée page still read as one; hostile twins refused
# with the file named, exit 65, the database byte for byte as it was.
. "$(dirname "$0")/lib.sh"
here=$(cd "$(dirname "$0")" && pwd)
DB="$T/q.db"
P="$DATA/senat/pages"
q() { "$QT" -d "$DB" --as-of 2026-01-31 "$@"; }
json() { "$PY" -c 'import json, sys; d = json.load(sys.stdin); print(eval(sys.argv[1]))' "$1"; }

# The shared fixture (an abridged real page), named as its address.
SH="$QT_SHARED/fixtures/senat/question_07859.FIXTURE_ovilsky.html"
if [ -f "$SH" ]; then
	cp "$SH" "$T/qSEQ260207859.html"
	expect 0 "$QT" -d "$T/s.db" --as-of 2026-12-07 import "$T/qSEQ260207859.html"
	has "$T/out" "1 question (1 new, 0 changed, 0 unchanged), 1 new answers (1 late)"
	"$QT" -d "$T/s.db" --as-of 2026-12-07 show --format json SEQ260207859 >"$T/s.json"
	[ "$(json 'd["assembly"], d["legislature"], d["number"], d["published"], d["deadline"], d["answered"], d["days_late"], d["author"]["name"], d["group"]["abbrev"]' <"$T/s.json")" = \
	    "('SENAT', 17, 7859, '2026-02-26', '2026-04-26', '2026-06-04', 39, 'Mme Corinne Féret', 'SER')" ] &&
	    pass || fail "the shared page: $(cat "$T/s.json")"
	expect 0 "$QT" -d "$T/s.db" --as-of 2026-12-07 show SEQ260207859
	has "$T/out" "4 juin 2026        réponse publiée au JO, page 2764"
	has "$T/out" "26 février 2026    question publiée au JO, page 1004"
	# Reattributed, undated: the ministry in charge, no event.
	has "$T/out" "chargée de la mer et de la pêche"
	lacks "$T/out" "ministère"
fi

# Ours, on top of the CSV: one question more, one answered.
expect 0 q import "$DATA/senat/questions.utf8.csv"
expect 0 q import "$P/qSEQ251006436.html" "$P/qSEQ251107001.html"
has "$T/out" "2 questions (1 new, 1 changed, 0 unchanged), 1 new answers (1 late)"
q list --assembly senat --format json >"$T/l.json"
"$PY" - "$T/l.json" <<'PY' && pass || fail "the pages' questions: $(cat "$T/l.json")"
import json, sys
qs = {q["uid"]: q for q in json.load(open(sys.argv[1]))}
# The CSV's open question, answered by its page; the CSV's words stay.
a = qs["SEQ251006436"]
assert (a["published"], a["deadline"], a["answered"], a["status"],
        a["days_late"]) == ("2025-10-30", "2025-12-30", "2026-01-15",
                            "answered_late", 16), a
assert a["author"]["name"] == "M. Luc Martin", a
assert a["ministry"]["name"] == "Transports", a
assert a["title"] == "Coût des transports; zones rurales", a
# A question only its page knows, read from Windows-1252; no decoy of the
# <script> or the <nav> taken for its number.
n = qs["SEQ251107001"]
assert (n["legislature"], n["number"], n["published"], n["deadline"],
        n["status"], n["days_overdue"]) == \
    (17, 7001, "2025-11-20", "2026-01-20", "overdue", 11), n
assert n["title"] == "Sécurité des écoles rurales", n
assert n["author"]["name"] == "M. Paul Durand", n
assert n["group"]["abbrev"] == "UC", n
assert n["ministry"]["name"] == "Mme la ministre de l'éducation nationale", n
assert "SEQ99999" not in json.dumps(qs) and len(qs) == 6, sorted(qs)
PY
expect 0 q show SEQ251006436
# The texts, markup as text; one publication, not two.
has "$T/out" "le coût des transports <img src=x onerror=alert(1)> en zone rurale."
has "$T/out" "Il lui demande ce qu'il compte faire."
has "$T/out" "Le Gouvernement a engagé un plan pour les lignes de desserte fine."
has "$T/out" "15 janvier 2026    réponse publiée au JO, page 230"
[ "$(grep -c "question publiée au JO" "$T/out")" = 1 ] && pass ||
    fail "a publication shown twice: $(cat "$T/out")"
# The same page again changes nothing.
expect 0 q import "$P/qSEQ251006436.html"
has "$T/out" "1 question (0 new, 0 changed, 1 unchanged)"
# Without its name, the canonical link gives the reference.
cp "$P/qSEQ251006436.html" "$T/page.html"
expect 0 q import "$T/page.html"
has "$T/out" "1 question (0 new, 0 changed, 1 unchanged)"
# An Assemblée page is still the Assemblée's.
expect 0 q import "$DATA/pages/QANR5L17QE6750.html"
expect 0 q list --assembly an --format json
has "$T/out" '"uid": "QANR5L17QE6750"'

# Hostile twins.
before=$(sha256sum "$DB" | cut -d' ' -f1)
twin() { # NAME SED-SCRIPT
	sed "$2" "$P/qSEQ251006436.html" >"$T/$1"
}
refused() { # FILE TEXT
	expect 65 q import "$T/$1"
	has "$T/err" "$T/$1: $2"
	[ "$(sha256sum "$DB" | cut -d' ' -f1)" = "$before" ] && pass ||
	    fail "$1: the database changed"
}
twin noref.html '/canonical/d'
refused noref.html "no reference: a Sénat page shows none, so its file is named after its address (qSEQ251006436.html)"
mkdir "$T/d"
twin d/qSEQ251006436.html 's|JO Sénat du 30/10/2025|JO Sénat du 31/02/2025|'
refused d/qSEQ251006436.html 'a date line: "Publiée dans le JO Sénat du 31/02/2025 - page 5120" has no valid date (DD/MM/YYYY)'
twin d/qSEQ251006436.html 's|publiée le 30/10/2025</li>|publiée le 30/13/2025</li>|'
refused d/qSEQ251006436.html 'a date line: "Question publiée le 30/13/2025" has no valid date'
twin d/qSEQ251006436.html 's|n°06436 - 17e législature|n°06436|'
refused d/qSEQ251006436.html 'not a Sénat question page (no "Question écrite n°NNNNN - NNe législature" line)'
twin d/qSEQ251006436.html 's|<p>Question écrite</p>|<p>Question orale sans débat</p>|'
refused d/qSEQ251006436.html "a Sénat QOSD, not a written question"
twin d/qSEQ251006436.html '/publiée le 30\/10\/2025\|JO Sénat du 30/d'
refused d/qSEQ251006436.html 'no "Question publiée le DD/MM/YYYY"'
twin qSEQ251006437.html 's|canonical|x|'
refused qSEQ251006437.html "the page is question n°6436, not SEQ251006437's"
# A byte neither UTF-8 nor Windows-1252 (0x81 is undefined there).
cp "$P/qSEQ251107001.html" "$T/d/qSEQ251107001.html"
printf '\201' >>"$T/d/qSEQ251107001.html"
expect 65 q import "$T/d/qSEQ251107001.html"
has "$T/err" "$T/d/qSEQ251107001.html:22: byte 0x81 is neither UTF-8 nor Windows-1252"
[ "$(sha256sum "$DB" | cut -d' ' -f1)" = "$before" ] && pass ||
    fail "a bad byte: the database changed"
# A name or a link never chooses a path: a hostile canonical is a key
# only if it is a reference, and it is then checked against the number.
twin noref.html 's|href="https://www.senat.fr/questions/base/2025/qSEQ251006436.html"|href="https://x/questions/base/../../qSEQ999999999.html"|'
refused noref.html "the page is question n°6436, not SEQ999999999's"

# Watched questions are followed through their pages.
mkdir -p "$T/www/q"
cp "$P/qSEQ251006436.html" "$T/www/q/qSEQ251006436.html"
"$PY" "$here/httpd.py" "$T/www" "$T/port" "$T/http.log" &
httpd=$!
trap 'kill $httpd 2>/dev/null; rm -rf "$T"' EXIT
wait_for 10 "test -s '$T/port'"
printf '[source spages]\nkind = senat-page\nurl = http://127.0.0.1:%s/q/q{uid}.html\nretries = 0\n' \
    "$(cat "$T/port")" >"$T/p.conf"
rm -f "$DB"*
p() { "$QT" -c "$T/p.conf" -d "$DB" --as-of 2026-01-31 poll "$@"; }
expect 0 q import "$DATA/senat/questions.utf8.csv"
expect 0 "$QT" -c "$T/p.conf" -d "$DB" watch add mine SEQ251006436 SEQ241000419
expect 69 p
has "$T/out" "pages: 2 pages, 1 changed: 0 new, 1 answered (1 late)"
has "$T/err" "/q/qSEQ241000419.html: HTTP 404"
grep -q '^GET /q/qSEQ251006436.html ' "$T/http.log" && pass ||
    fail "the page was not asked for: $(cat "$T/http.log")"
expect 0 "$QT" -c "$T/p.conf" -d "$DB" watch remove mine SEQ241000419
expect 0 p
has "$T/out" "pages: 1 page, 0 changed"
q show --format json SEQ251006436 >"$T/w.json"
[ "$(json 'd["answered"], d["status"]' <"$T/w.json")" = "('2026-01-15', 'answered_late')" ] &&
    pass || fail "polled: $(cat "$T/w.json")"

finish
