#!/bin/sh
# SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors.
# iCalendar feeds through the real binary, read back by real calendar
# software: python3-icalendar, ical.js (node) and khal. Byte-identical
# exports when nothing changed; SEQUENCE up by one for exactly the events
# that changed; atomic export; watchlists.
. "$(dirname "$0")/lib.sh"
here=$(cd "$(dirname "$0")" && pwd)
DB="$T/q.db"
ASOF=2026-11-28
q() { "$QT" -d "$DB" --as-of $ASOF "$@"; }
need "ical.js (npm ci in tests/ical)" test -d "$QT_SRC/tests/ical/node_modules/ical.js"
need node command -v node
need khal command -v khal
icaljs=""
[ -d "$QT_SRC/tests/ical/node_modules/ical.js" ] && command -v node >/dev/null &&
    icaljs="$QT_SRC/tests/ical"

check() {	# site, label
	q list --format json >"$T/list.json"
	expect 0 "$PY" "$here/check_feeds.py" "$1" "$T/list.json" $ASOF 60 $icaljs
	has "$T/out" " 0 problems"
}

expect 0 q import "$SAMPLE/Questions_ecrites.json.zip" "$SAMPLE/AMO_deputes.json.zip"
expect 0 q export "$T/site1"
has "$T/out" "feeds"
for f in all.ics index.html author/PA720430.ics group/lfi-nfp.ics \
    ministry/europe-et-affaires-etrangeres.ics; do
	[ -f "$T/site1/$f" ] && pass || fail "export lacks $f"
done
check "$T/site1"
[ -n "$icaljs" ] && pass || fail "ical.js is not installed (npm ci in tests/ical)"

# Nothing changed: the same bytes, so HTTP ETags stay stable.
expect 0 q export "$T/site2"
# (the mark names each export: it alone differs)
expect 0 diff -r -x .qetracker-export "$T/site1" "$T/site2"
expect 0 q ics -o "$T/a.ics"
expect 0 q ics -o "$T/b.ics"
same "$T/a.ics" "$T/b.ics"
same "$T/a.ics" "$T/site1/all.ics"

# Lifecycle: answer one question, signal one, move one to another
# ministry (with a comma and a semicolon in its subject).
"$PY" - "$SAMPLE/Questions_ecrites.json.zip" "$DATA/an/QANR5L17QE6750.json" "$T" <<'PY'
import json, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
out = sys.argv[3]
def jo(d, page="9000"):
    return {"typeJO": "JO_QUESTION", "dateJO": d, "pageJO": page}
d = json.load(open(sys.argv[2]))
d["question"]["textesReponse"] = {"texteReponse": {"infoJO": jo("2026-11-24"), "texte": "R."}}
json.dump(d, open(f"{out}/answered.json", "w"), ensure_ascii=False)
open_ones = []
for n in z.namelist():
    q = json.loads(z.read(n))
    if q["question"]["textesReponse"] is None and q["question"]["signalement"] is None \
            and q["question"]["cloture"] is None and "6750" not in n:
        open_ones.append(q)
a, b = open_ones[-3], open_ones[-4]
a["question"]["signalement"] = {"dateDepotSignal": "2026-11-17", "infoJO": jo("2026-11-24")}
json.dump(a, open(f"{out}/signaled.json", "w"), ensure_ascii=False)
attribs = b["question"]["minAttribs"]["minAttrib"]
attribs = attribs if isinstance(attribs, list) else [attribs]
attribs.append({"infoJO": jo("2026-11-24"), "denomination": {
    "organeRef": "PO999999", "abrege": "Ville, jeunesse; sports", "developpe": "Ministère"}})
b["question"]["minAttribs"]["minAttrib"] = attribs
b["question"]["indexationAN"]["analyses"]["analyse"] = "Piscines, stades; gymnases"
json.dump(b, open(f"{out}/moved.json", "w"), ensure_ascii=False)
print(a["question"]["identifiant"]["numero"], b["question"]["identifiant"]["numero"],
      file=open(f"{out}/numbers", "w"))
PY
read -r sig moved <"$T/numbers"
expect 0 q import "$T/answered.json" "$T/signaled.json" "$T/moved.json"
expect 0 q export "$T/site3"
check "$T/site3"
"$PY" - "$T/site2/all.ics" "$T/site3/all.ics" "$sig" "$moved" >"$T/seq" <<'PY'
import sys, icalendar
def blocks(path):
    data = open(path, "rb").read().decode()
    out = {}
    for chunk in data.split("BEGIN:VEVENT\r\n")[1:]:
        body = chunk.split("END:VEVENT\r\n")[0]
        uid = icalendar.Calendar.from_ical("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n" + body +
            "END:VEVENT\r\nEND:VCALENDAR\r\n").walk("VEVENT")[0]
        out[str(uid["UID"])] = (body, int(uid["SEQUENCE"]), str(uid["SUMMARY"]))
    return out
old, new = blocks(sys.argv[1]), blocks(sys.argv[2])
changed = {f"QANR5L17QE6750-deadline@qetracker", f"QANR5L17QE{sys.argv[3]}-deadline@qetracker",
           f"QANR5L17QE{sys.argv[4]}-deadline@qetracker"}
added = {f"QANR5L17QE{sys.argv[3]}-signal@qetracker"}
bad = []
if set(new) != set(old) | added:
    bad.append(f"UIDs: {sorted(set(new) ^ (set(old) | added))}")
for uid in old:
    if uid not in new:
        continue
    if uid in changed:
        if new[uid][1] != old[uid][1] + 1:
            bad.append(f"{uid}: SEQUENCE {old[uid][1]} -> {new[uid][1]}")
    elif new[uid][0] != old[uid][0]:
        bad.append(f"{uid}: changed though its question did not")
for uid in added:
    if uid in new and new[uid][1] != 0:
        bad.append(f"{uid}: new event with SEQUENCE {new[uid][1]}")
print("\n".join(bad) or "ok")
print(new.get("QANR5L17QE6750-deadline@qetracker", ("", 0, ""))[2])
PY
has "$T/seq" "ok"
has "$T/seq" "Répondue le 24 novembre 2026 — Échéance QE 6750"
has "$T/site3/all.ics" "Piscines\\, stades\\; gymnases"
[ -f "$T/site3/ministry/ville-jeunesse-sports.ics" ] && pass ||
    fail "no feed for the new ministry"

# khal, a real calendar program, shows the deadline on its day.
if command -v khal >/dev/null; then
	mkdir -p "$T/khal/cal"
	cat >"$T/khal.conf" <<EOF_KHAL
[calendars]
[[test]]
path = $T/khal/cal
type = calendar
[locale]
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
EOF_KHAL
	q ics --author PA720430 -o "$T/one.ics"
	expect 0 khal -c "$T/khal.conf" import --batch -a test "$T/one.ics"
	expect 0 khal -c "$T/khal.conf" list 2025-07-20 2025-07-20
	has "$T/out" "Échéance QE 6750"
	expect 0 khal -c "$T/khal.conf" list 2025-07-21 2025-07-21
	lacks "$T/out" "Échéance QE 6750"
else
	fail "khal is not installed"
fi

# A reminder only when configured: 7 days before, on open events.
printf '[feed]\nalarm_days = 7\n' >"$T/alarm.conf"
expect 0 "$QT" -c "$T/alarm.conf" -d "$DB" --as-of $ASOF ics --author PA720430 \
    -o "$T/alarm.ics"
"$PY" - "$T/alarm.ics" "$T/one.ics" <<'PY' && pass || fail "VALARM"
import datetime as dt, sys, icalendar
with_alarm = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())
alarms = with_alarm.walk("VALARM")
assert alarms, "no VALARM"
assert alarms[0].decoded("TRIGGER") == -dt.timedelta(days=7), alarms[0]["TRIGGER"]
assert str(alarms[0]["ACTION"]) == "DISPLAY"
without = icalendar.Calendar.from_ical(open(sys.argv[2], "rb").read())
assert not without.walk("VALARM"), "VALARM though none configured"
PY

# A known member with no question: a valid, empty calendar (an unknown
# one is an error, tests/integration/cli.sh).
expect 0 q ics --author PA900000 -o "$T/empty.ics"
"$PY" -c 'import sys, icalendar; c = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read()); assert not c.walk("VEVENT") and str(c["VERSION"]) == "2.0"' \
    "$T/empty.ics" && pass || fail "empty feed is not a valid calendar"

# An output that cannot be written: 73, and the previous export stays.
cp -r "$T/site3" "$T/before"
chmod 555 "$T"
if [ "$(id -u)" -eq 0 ]; then
	cp "$DB" /tmp/qt-feeds-$$.db && chmod 666 /tmp/qt-feeds-$$.db
	expect 73 setpriv --reuid=65534 --regid=65534 --clear-groups \
	    "$QT" -d /tmp/qt-feeds-$$.db --as-of $ASOF export "$T/site3"
	rm -f /tmp/qt-feeds-$$.db*
else
	expect 73 q export "$T/site3"
fi
chmod 755 "$T"
has "$T/err" "site3.new-"
has "$T/err" "export into a folder of a writable root"
expect 0 diff -r "$T/before" "$T/site3"

# The units' layout: a root the service may write (ReadWritePaths=) in a
# parent it may not, the tree swapped inside the root, twice; and the
# files readable by the web server whatever the umask (UMask=0077).
if [ "$(id -u)" -eq 0 ]; then
	mkdir -p "$T/ro/www" && chown 65534:65534 "$T/ro/www"
	cp "$DB" /tmp/qt-feeds-$$.db && chmod 666 /tmp/qt-feeds-$$.db
	chmod 555 "$T/ro"
	# The umask goes through setpriv to qetracker (a shell in between,
	# run as nobody, could not reach a binary under a private folder).
	mask=$(umask)
	umask 077
	for i in 1 2; do
		expect 0 setpriv --reuid=65534 --regid=65534 --clear-groups \
		    "$QT" -d /tmp/qt-feeds-$$.db --as-of $ASOF export \
		    "$T/ro/www/site"
	done
	umask "$mask"
	chmod 755 "$T/ro"
	rm -f /tmp/qt-feeds-$$.db*
	site="$T/ro/www/site"
else
	(umask 077; "$QT" -d "$DB" --as-of $ASOF export "$T/masked" >/dev/null)
	site="$T/masked"
fi
stat -c '%a %n' "$site" "$site/all.ics" "$site/index.html" "$site/author" \
    "$site/w" "$site/author/$(ls "$site/author" | head -1)" |
    sed "s|$site|S|" >"$T/modes"
printf '%s\n' '755 S' '644 S/all.ics' '644 S/index.html' '755 S/author' \
    '711 S/w' >"$T/want"
head -5 "$T/modes" | diff "$T/want" - >/dev/null && pass ||
    fail "export modes under umask 077: $(cat "$T/modes")"
sed -n 6p "$T/modes" | grep -q '^644 ' && pass ||
    fail "a feed's mode under umask 077: $(sed -n 6p "$T/modes")"
expect 73 q ics -o /nonexistent/dir/x.ics
has "$T/err" "/nonexistent/dir/x.ics"

# Watchlists: a private feed under a random token, not in the index.
expect 0 q watch add mine 17-6750 "17-$moved"
expect 0 q watch list
has "$T/out" "mine"
token=$(sed -n 's/^mine\tw\/\([0-9a-f]*\)\.ics$/\1/p' "$T/out")
[ ${#token} -eq 32 ] && pass || fail "token \"$token\" is not 128 bits"
expect 0 q export "$T/site4"
[ -f "$T/site4/w/$token.ics" ] && pass || fail "no watchlist feed"
# A deputy is Député or Députée by civility, in the index and the feeds.
grep -q 'Mme [^<]*</a></td><td>Députée<' "$T/site4/index.html" && pass ||
    fail "no Députée in the index"
lacks "$T/site4/index.html" "$(printf 'Mme Noémie Girard</td><td>Député<')"
grep -l '^X-WR-CALNAME:QE — Députée — Mme ' "$T"/site4/author/*.ics >/dev/null &&
    pass || fail "no feed titled Députée"
grep -l '^X-WR-CALNAME:QE — Député — Mme ' "$T"/site4/author/*.ics >"$T/wrong" ||
    true
[ ! -s "$T/wrong" ] && pass || fail "a woman's feed titled Député: $(head -1 "$T/wrong")"
"$PY" -c 'import sys, icalendar; c = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read()); u = sorted(str(e["UID"]) for e in c.walk("VEVENT")); assert u == sorted(["QANR5L17QE6750-deadline@qetracker", "QANR5L17QE%s-deadline@qetracker" % sys.argv[2]]), u' \
    "$T/site4/w/$token.ics" "$moved" && pass || fail "watchlist feed holds other events"
lacks "$T/site4/index.html" "$token"
expect 0 q watch remove mine "17-$moved"
expect 66 q watch remove mine "17-$moved"
expect 0 q watch remove mine
expect 0 q watch list
lacks "$T/out" "mine"

# [feed] window_days bounds all.ics: the events of the last N days and
# later, exactly those of the unbounded all.ics; the other feeds keep all.
printf '[feed]\nwindow_days = 500\n' >"$T/window.conf"
expect 0 "$QT" -c "$T/window.conf" -d "$DB" --as-of $ASOF export "$T/site5"
"$PY" - "$T/site4" "$T/site5" "$ASOF" <<'PY' && pass || fail "window_days: $(head -c 300 "$T/site5/all.ics")"
import datetime as dt, icalendar, sys
def events(path):
    c = icalendar.Calendar.from_ical(open(path, "rb").read())
    return {str(e["UID"]): e["DTSTART"].dt for e in c.walk("VEVENT")}
full, cut = events(sys.argv[1] + "/all.ics"), events(sys.argv[2] + "/all.ics")
cutoff = dt.date.fromisoformat(sys.argv[3]) - dt.timedelta(days=500)
want = {u: d for u, d in full.items() if d >= cutoff}
assert cut == want, (len(cut), len(want))
assert 0 < len(cut) < len(full), (len(cut), len(full))
# 17-6750's deadline (2025-07-20, 496 days before) is within 500 days.
assert "QANR5L17QE6750-deadline@qetracker" in cut
import glob, os
for f in glob.glob(sys.argv[1] + "/author/*.ics"):
    g = sys.argv[2] + "/author/" + os.path.basename(f)
    assert events(f) == events(g), f
PY
printf '[feed]\nwindow_days = 3651\n' >"$T/window.conf"
expect 78 "$QT" -c "$T/window.conf" -d "$DB" --as-of $ASOF export "$T/site6"
has "$T/err" "window_days"

finish
