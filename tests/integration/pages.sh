#!/bin/sh
# SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors.
# Question pages through the real binary: import of a page (HTML or text),
# merged into what a dump stored without losing its references, and the
# pages of watched questions polled from a real HTTP server.
. "$(dirname "$0")/lib.sh"
here=$(cd "$(dirname "$0")" && pwd)
DB="$T/q.db"
q() { "$QT" -d "$DB" --as-of 2026-11-28 "$@"; }
json() { "$PY" -c 'import json, sys; d = json.load(sys.stdin); print(eval(sys.argv[1]))' "$1"; }

# The real page of 17-6750 (text), where ../shared exists, and ours (HTML).
page="$QT_SHARED/fixtures/pages/QANR5L17QE6750.txt"
need "../shared (the real page of 17-6750)" test -f "$page"
for p in "$page" "$DATA/pages/QANR5L17QE6750.html"; do
	rm -f "$DB"*
	expect 0 q import "$p"
	has "$T/out" "1 question (1 new"
	q show --format json 17-6750 >"$T/s.json"
	[ "$(json 'd["published"], d["deadline"], d["status"], d["days_overdue"], d["author"]["name"], d["group"]["name"], d["ministry"]["name"], d["rubric"], d["answered"]' <"$T/s.json")" = \
	    "('2025-05-20', '2025-07-20', 'overdue', 496, 'M. Ugo Bernalicis', 'La France insoumise - Nouveau Front Populaire', 'Europe et affaires étrangères', 'Droits fondamentaux', None)" ] &&
	    pass || fail "$p: $(cat "$T/s.json")"
done
expect 0 q show 17-6750
has "$T/out" "page 3516"

# A page merges into a dump's data: the answer lands, the references stay.
rm -f "$DB"*
expect 0 q import "$SAMPLE/Questions_ecrites.json.zip" "$SAMPLE/AMO_deputes.json.zip"
sed 's|<li><span class="label">Question publiée au JO le :</span> <a href="#">20 mai 2025</a>, page 3516</li>|&<li><span class="label">Réponse publiée au JO le :</span> 2 septembre 2025, page 7000</li>|' \
    "$DATA/pages/QANR5L17QE6750.html" >"$T/answered.html"
has "$T/answered.html" "Réponse publiée"
expect 0 q import "$T/answered.html"
has "$T/out" "1 new answers (1 late)"
q show --format json 6750 >"$T/m.json"
[ "$(json 'd["answered"], d["status"], d["days_late"], d["author"]["ref"], d["group"]["abbrev"], d["title"]' <"$T/m.json")" = \
    "('2025-09-02', 'answered_late', 44, 'PA720430', 'LFI-NFP', 'Vidéosurveillance algorithmique et logiciels de reconnaissance faciale')" ] &&
    pass || fail "merge: $(cat "$T/m.json")"

# Bad pages: named, with the line, exit 65, database unchanged.
before=$(sha256sum "$DB" | cut -d' ' -f1)
expect 65 q import "$DATA/pages/page-baddate.txt"
has "$T/err" "page-baddate.txt:5: \"31 février 2025, page 12\" is not a valid date"
expect 65 q import "$DATA/pages/page-nonumber.html"
has "$T/err" "not a question page"
[ "$(sha256sum "$DB" | cut -d' ' -f1)" = "$before" ] && pass ||
    fail "a bad page changed the database"

# Watched questions are followed through their pages.
mkdir -p "$T/www/dyn/17/questions"
cp "$DATA/pages/QANR5L17QE6750.html" "$T/www/dyn/17/questions/QANR5L17QE6750"
"$PY" "$here/httpd.py" "$T/www" "$T/port" "$T/http.log" &
httpd=$!
trap 'kill $httpd 2>/dev/null; rm -rf "$T"' EXIT
wait_for 10 "test -s '$T/port'"
printf '[source pages]\nkind = an-page\nurl = http://127.0.0.1:%s/dyn/{legislature}/questions/{uid}\nretries = 0\n' \
    "$(cat "$T/port")" >"$T/p.conf"
rm -f "$DB"*
p() { "$QT" -c "$T/p.conf" -d "$DB" --as-of 2026-11-28 poll "$@"; }
# Not in the database: without a page source it is refused.
expect 66 q watch add mine 17-6750
has "$T/err" "17-6750: no such question"
has "$T/err" "no an-page source"
expect 0 "$QT" -c "$T/p.conf" -d "$DB" watch add mine 17-6750
has "$T/out" "17-6750: not in the database yet; the pages of [source pages] will bring it"
expect 0 p
has "$T/out" "pages: 1 page, 1 changed: 1 new"
expect 0 p
has "$T/out" "pages: 1 page, 0 changed"
tail -n 1 "$T/http.log" | grep -q '^GET /dyn/17/questions/QANR5L17QE6750 "' &&
    pass || fail "the page was not asked conditionally"
cp "$T/answered.html" "$T/www/dyn/17/questions/QANR5L17QE6750"
expect 0 p
has "$T/out" "pages: 1 page, 1 changed: 0 new, 1 answered (1 late)"
q show --format json 6750 >"$T/w.json"
has "$T/w.json" '"answered": "2025-09-02"'
# A page that fails is reported, exit 69.
expect 0 "$QT" -c "$T/p.conf" -d "$DB" watch add mine 17-1
expect 69 p
has "$T/err" "QANR5L17QE1: HTTP 404"

finish
