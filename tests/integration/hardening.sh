#!/bin/sh
# SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors.
# Hardening, tried as an attacker and as a careless admin would: upstream
# data never chooses a path; export replaces only its own exports; feeds
# stay at their URL, empty when they have no event; Last-Modified and
# SEQUENCE move with content only. Each case failed before its fix.
. "$(dirname "$0")/lib.sh"
DB="$T/q.db"
ASOF=2026-11-28
q() { "$QT" -d "$DB" --as-of $ASOF "$@"; }
need "flock(1)" command -v flock
need "ss(8)" command -v ss

# hostile NUMBER AUTHOR MINISTRY_REF MINISTRY_NAME OUT: the real 17-6750
# under another number, author and ministry in charge.
hostile() {
	"$PY" - "$DATA/an/QANR5L17QE6750.json" "$@" <<'PY'
import json, sys
src, num, author, mref, mname, out = sys.argv[1:7]
d = json.load(open(src))
q = d["question"]
q["uid"] = f"QANR5L17QE{num}"
q["identifiant"]["numero"] = num
q["auteur"]["identite"]["acteurRef"] = author
a = q["minAttribs"]["minAttrib"]
a = a[-1] if isinstance(a, list) else a
a["denomination"]["organeRef"] = mref
a["denomination"]["abrege"] = mname
q["minAttribs"]["minAttrib"] = a
json.dump(d, open(out, "w"), ensure_ascii=False)
PY
}

# 1. Author references that are not file names: a warning, a feed under a
# folded name inside the export, never a file elsewhere, never a failure.
mkdir -p "$T/x"
hostile 90001 '!a' PO1 'Armées' "$T/h1.json"
hostile 90002 "../../../../../../../../$T/x/PWNED" PO1 'Armées' "$T/h2.json"
hostile 90003 'PA1/2/3' PO1 'Armées' "$T/h3.json"
expect 0 q import "$T/h1.json" "$T/h2.json" "$T/h3.json"
expect 0 q export "$T/site"
has "$T/err" "not a safe file name"
[ -z "$(find "$T/x" -type f)" ] && pass || fail "a file outside: $(find "$T/x")"
[ -z "$(find "$T" -name 'PWNED*' -not -path "$T/site/*")" ] && pass ||
    fail "PWNED outside the export"
[ -f "$T/site/author/x-a.ics" ] && pass || fail "no feed for author !a"
[ -z "$(find "$T/site" -mindepth 3 -name '*.ics')" ] && pass ||
    fail "a feed below the layout: $(find "$T/site" -mindepth 3)"
n=$(find "$T/site/author" -name '*.ics' | wc -l)
[ "$n" -eq 3 ] && pass || fail "$n author feeds, want 3"
# The warning is said once, when the path is first given.
expect 0 q export "$T/site"
lacks "$T/err" "not a safe file name"

# 2. export replaces only an export of its own.
echo "my notes" >"$T/notes.txt"
expect 73 q export "$T/notes.txt"
has "$T/err" "not a folder"
[ "$(cat "$T/notes.txt")" = "my notes" ] && pass || fail "notes.txt replaced"
mkdir "$T/mine"
echo keep >"$T/mine/keep.txt"
expect 73 q export "$T/mine"
has "$T/err" "not an export of qetracker"
[ -f "$T/mine/keep.txt" ] && pass || fail "a folder of notes was replaced"
mkdir "$T/dbdir"
cp "$DB" "$T/dbdir/q.db"
expect 73 "$QT" -d "$T/dbdir/q.db" --as-of $ASOF export "$T/dbdir"
has "$T/err" "holds"
[ -f "$T/dbdir/q.db" ] && pass || fail "export deleted the database"
# Siblings of the export's names that it did not make stay.
mkdir "$T/site.old-4000000" "$T/site.new-4000001"
echo x >"$T/site.old-4000000/x"
echo x >"$T/site.new-4000001/x"
expect 0 q export "$T/site"
[ -f "$T/site.old-4000000/x" ] && [ -f "$T/site.new-4000001/x" ] && pass ||
    fail "export deleted folders it did not make"
# A symbolic link is followed: the folder it names is replaced, the link
# stays and shows the new set.
expect 0 q export "$T/real"
ln -s "$T/real" "$T/link"
rm "$T/real/all.ics"
expect 0 q export "$T/link"
[ -L "$T/link" ] && [ -f "$T/real/all.ics" ] && pass ||
    fail "the symlinked export was not followed"
ln -s "$T/nowhere" "$T/dangling"
expect 73 q export "$T/dangling"
# An empty folder is taken; the mark is in every export.
mkdir "$T/empty"
expect 0 q export "$T/empty"
[ -f "$T/empty/.qetracker-export" ] && [ -f "$T/empty/all.ics" ] && pass ||
    fail "an empty folder was not exported to"

# 3. The watchlists' folder lists nothing.
[ -f "$T/site/w/index.html" ] && pass || fail "no w/index.html"
lacks "$T/site/w/index.html" ".ics"

# 4. An empty watchlist, and one with no current event, is an empty
# calendar, not every event of the database.
expect 0 q watch add cabinet 17-90001
expect 0 q watch remove cabinet 17-90001
# A question the database does not hold is refused (no page source).
expect 66 q watch add vide 17-999999
has "$T/err" "17-999999: no such question"
expect 0 q export "$T/site"
for f in "$T"/site/w/*.ics; do
	lacks "$f" "BEGIN:VEVENT"
	has "$f" "BEGIN:VCALENDAR"
done
[ "$(ls "$T"/site/w/*.ics | wc -l)" -ge 1 ] && pass || fail "no watchlist feed"

# 5. A feed keeps its URL: an author who loses every question keeps an
# empty, valid calendar; a renamed ministry keeps its path.
expect 0 q export "$T/s1"
[ -f "$T/s1/ministry/armees.ics" ] && pass || fail "no ministry/armees.ics"
hostile 90001 'PA999' PO1 'Ministère des armées et des anciens combattants' \
    "$T/h1.json"
expect 0 q import "$T/h1.json"
expect 0 q export "$T/s2"
[ -f "$T/s2/author/x-a.ics" ] && pass || fail "author/x-a.ics is gone"
lacks "$T/s2/author/x-a.ics" "BEGIN:VEVENT"
[ -f "$T/s2/ministry/armees.ics" ] && pass || fail "the renamed ministry moved"
has "$T/s2/ministry/armees.ics" "QE 90001"
[ ! -e "$T/s2/ministry/ministere-des-armees-et-des-anciens-combattants.ics" ] &&
    pass || fail "the renamed ministry got a second feed"
"$PY" - "$T/s2" <<'PY' && pass || fail "an exported feed does not parse"
import pathlib, sys, icalendar
for p in pathlib.Path(sys.argv[1]).rglob("*.ics"):
    icalendar.Calendar.from_ical(p.read_bytes())
PY

# 6. SEQUENCE and DTSTAMP move only with content: not after a look at a
# past date, nor in another language, nor with another base_url.
expect 0 q export "$T/s3"
expect 0 "$QT" -d "$DB" --as-of 2025-06-01 ics -o "$T/past.ics"
printf '[general]\nlang = en\n[feed]\nbase_url = https://elsewhere.example\n' \
    >"$T/en.conf"
expect 0 "$QT" -c "$T/en.conf" -d "$DB" --as-of $ASOF export "$T/en"
expect 0 q export "$T/s4"
same "$T/s3/all.ics" "$T/s4/all.ics"
"$PY" - "$T/s3/all.ics" "$T/en/all.ics" <<'PY' && pass || fail "SEQUENCE moved with the language"
import sys, icalendar
def seqs(p):
    c = icalendar.Calendar.from_ical(open(p, "rb").read())
    return {str(e["UID"]): (int(e["SEQUENCE"]), e["DTSTAMP"].to_ical())
            for e in c.walk("VEVENT")}
a, b = seqs(sys.argv[1]), seqs(sys.argv[2])
assert a == b, [k for k in a if a[k] != b.get(k)][:5]
PY

# 8. A command that reads never writes: list under another rules file
# computes the other deadlines and leaves the database as it was.
sum0=$(sha256sum "$DB" | cut -d' ' -f1)
printf '[rule an-x]\nassembly = AN\ntype = QE\nperiod = 3 months\narticle = x\nlabel = three months\n' \
    >"$T/rules3.conf"
printf '[rules]\nfile = %s\n' "$T/rules3.conf" >"$T/r3.conf"
expect 0 "$QT" -c "$T/r3.conf" -d "$DB" --as-of $ASOF list --format json
has "$T/out" '"deadline": "2025-08-20"'
expect 0 "$QT" -c "$T/r3.conf" -d "$DB" --as-of $ASOF show 17-90002
has "$T/out" "20 août 2025"
[ "$(sha256sum "$DB" | cut -d' ' -f1)" = "$sum0" ] && pass ||
    fail "list under other rules wrote the database"
expect 0 q list --format json
has "$T/out" '"deadline": "2025-07-20"'

# 9. An import given a FIFO, a configuration that is a folder: refused at
# once, with the path.
mkfifo "$T/fifo"
expect 66 timeout 20 "$QT" -d "$DB" import "$T/fifo"
has "$T/err" "not a regular file"
mkdir "$T/confdir"
expect 78 "$QT" -c "$T/confdir" -d "$DB" list
has "$T/err" "$T/confdir: a folder"
QETRACKER_CONFIG="$T/fifo" expect 78 timeout 20 "$QT" -d "$DB" list

# 10. The poll lock is the database's, whatever name it is given: a poll
# through a symbolic link waits for one through the real name.
ln -s "$DB" "$T/link.db"
printf '[source an]\nkind = an-dump\nurl = file://%s\n' "$T/none.zip" >"$T/p.conf"
flock "$DB.lock" sleep 5 &
fl=$!
sleep 0.5
expect 75 "$QT" -c "$T/p.conf" -d "$T/link.db" poll
has "$T/err" "another qetracker poll"
kill $fl 2>/dev/null
wait $fl 2>/dev/null

# 11. Invalid UTF-8 from a page and a terminal's escapes from a dump are
# repaired once, at the door (U+FFFD): no terminal obeys them, JSON and
# CSV keep the title. A cell that a spreadsheet would take for a formula
# starts with a quote.
for page in QANR5L17QE6750.html 16-1200QE.txt; do
	"$PY" - "$DATA/pages/$page" "$T/bad-$page" <<'PY'
import sys
b = open(sys.argv[1], "rb").read()
for word in ("Vidéosurveillance", "Déserts"):
    b = b.replace(word.encode(), word[:3].encode("latin-1") + b"\x1b]0;pwn\x07\xff" +
                  word[3:].encode(), 1)
open(sys.argv[2], "wb").write(b)
PY
	rm -f "$T/p.db"*
	expect 0 "$QT" -d "$T/p.db" --as-of $ASOF import "$T/bad-$page"
	expect 0 "$QT" -d "$T/p.db" --as-of $ASOF list --format json
	"$PY" - "$T/out" <<'PY' && pass || fail "$page: the title was lost or kept a control: $(cat "$T/out")"
import json, sys
d = json.load(open(sys.argv[1]))
t = d[0]["title"]
assert t and ("surveillance" in t or "erts" in t), t
assert not any(ord(c) < 32 or 0x7f <= ord(c) < 0xa0 for c in t), repr(t)
assert "\ufffd" in t, repr(t)
PY
	expect 0 "$QT" -d "$T/p.db" --as-of $ASOF export "$T/pe"
	"$PY" - "$T/pe/all.ics" <<'PY' && pass || fail "$page: the feed is not clean UTF-8"
import sys
b = open(sys.argv[1], "rb").read()
t = b.decode("utf-8")
assert "\x1b" not in t and "\x07" not in t
PY
done
hostile 90009 PA1 PO1 '=HYPERLINK("http://evil.example","x")' "$T/f.json"
"$PY" - "$T/f.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["question"]["indexationAN"]["analyses"]["analyse"] = "\u001b[2J\u001b[31m@SUM(A1)"
json.dump(d, open(sys.argv[1], "w"))
PY
expect 0 q import "$T/f.json"
expect 0 q list --format csv
has "$T/out" "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\""
lacks "$T/out" ",=HYPERLINK"
expect 0 q list
if LC_ALL=C grep -q "$(printf '\033')" "$T/out"; then fail "list prints ESC"; else pass; fi
expect 0 q list --format json
has "$T/out" '�[2J�[31m@SUM(A1)'

# 12. The same question twice in one archive: the later entry (the
# archive's order) wins in every run, whatever the threads' timing, and
# the repeat is an anomaly.
"$PY" - "$SAMPLE/Questions_ecrites.json.zip" "$T/dup.zip" <<'PY'
import json, sys, zipfile
src = zipfile.ZipFile(sys.argv[1])
names = sorted(src.namelist())
pick = next(n for n in names if "6750" in n)
with zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_DEFLATED) as z:
    for i, n in enumerate(names):
        z.writestr(n, src.read(n))
    # 6750 again at the end, twice, under other entry names.
    for k, title in ((1, "Premier doublon"), (2, "Second doublon")):
        q = json.loads(src.read(pick))
        q["question"]["indexationAN"]["analyses"]["analyse"] = title
        z.writestr(f"zz/dup{k}.json", json.dumps(q))
PY
runs=0
while [ $runs -lt 8 ]; do
	rm -f "$T/d.db"*
	"$QT" -d "$T/d.db" --as-of $ASOF import --threads 2 "$T/dup.zip" \
	    >/dev/null 2>"$T/dup.err"
	"$QT" -d "$T/d.db" --as-of $ASOF show --format json 17-6750 >"$T/dup.json"
	grep -q '"Second doublon"' "$T/dup.json" || break
	runs=$((runs + 1))
done
[ $runs -eq 8 ] && pass || fail "run $runs: the last entry did not win: $(head -c 300 "$T/dup.json")"
has "$T/dup.err" "QANR5L17QE6750 in"
has "$T/dup.err" "the later one is kept"
n=$("$PY" -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from anomalies where kind = ?", ("repeated_in_source",)).fetchone()[0])' "$T/d.db")
[ "$n" -eq 2 ] && pass || fail "$n repeated_in_source anomalies, want 2"

# 12b. Archives are read one after another, each closed before the next
# opens: the same question in three archives of one import still tells
# each repeat, names each archive's entry, and the last archive wins.
"$PY" - "$SAMPLE/Questions_ecrites.json.zip" "$T/arch" <<'PY'
import json, sys, zipfile
src = zipfile.ZipFile(sys.argv[1])
names = sorted(src.namelist())
pick = next(n for n in names if "6750" in n)
for k, title in ((1, "Archive un"), (2, "Archive deux"), (3, "Archive trois")):
    with zipfile.ZipFile(f"{sys.argv[2]}{k}.zip", "w", zipfile.ZIP_DEFLATED) as z:
        for n in names:
            if n != pick:
                z.writestr(f"a{k}/{n}", src.read(n))
        q = json.loads(src.read(pick))
        q["question"]["indexationAN"]["analyses"]["analyse"] = title
        z.writestr(f"a{k}/q6750.json", json.dumps(q))
PY
rm -f "$T/m.db"*
expect 0 "$QT" -d "$T/m.db" --as-of $ASOF import --threads 2 "$T/arch1.zip" \
    "$T/arch2.zip" "$T/arch3.zip"
has "$T/err" "QANR5L17QE6750 in $T/arch1.zip: a1/q6750.json and in $T/arch2.zip: a2/q6750.json"
has "$T/err" "QANR5L17QE6750 in $T/arch2.zip: a2/q6750.json and in $T/arch3.zip: a3/q6750.json"
"$QT" -d "$T/m.db" --as-of $ASOF show --format json 17-6750 >"$T/m.json"
has "$T/m.json" '"Archive trois"'
# Every entry of the three was stored: as many repeats as questions in the
# sample, times two.
per=$("$PY" -c 'import sys, zipfile; print(sum(n.endswith(".json") for n in zipfile.ZipFile(sys.argv[1]).namelist()))' "$T/arch1.zip")
n=$("$PY" -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from anomalies where kind = ?", ("repeated_in_source",)).fetchone()[0])' "$T/m.db")
qs=$("$PY" -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from questions").fetchone()[0])' "$T/m.db")
[ "$n" -eq $((2 * qs)) ] && [ "$per" -ge "$qs" ] && pass ||
    fail "$n repeated_in_source anomalies for $qs questions, want $((2 * qs))"

# 13. One bad entry upstream no longer blocks every later poll: --skip-bad
# (or [source] skip_bad = yes) applies the rest and names the entry, which
# is tried again next time.
"$PY" - "$SAMPLE/Questions_ecrites.json.zip" "$T/badentry.zip" <<'PY'
import sys, zipfile
src = zipfile.ZipFile(sys.argv[1])
with zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_DEFLATED) as z:
    for n in sorted(src.namelist()):
        z.writestr(n, src.read(n))
    z.writestr("bad/QANR5L17QE99999.json", '{"question": {"uid": 1')
PY
rm -f "$T/k.db"*
printf '[source an]\nkind = an-dump\nurl = file://%s\n' "$T/badentry.zip" >"$T/k.conf"
expect 0 "$QT" -d "$T/k.db" init
before=$(sha256sum "$T/k.db" | cut -d' ' -f1)
expect 65 "$QT" -c "$T/k.conf" -d "$T/k.db" poll
has "$T/err" "QANR5L17QE99999.json"
[ "$(sha256sum "$T/k.db" | cut -d' ' -f1)" = "$before" ] && pass ||
    fail "a refused poll changed the database"
expect 0 "$QT" -c "$T/k.conf" -d "$T/k.db" poll --skip-bad
has "$T/err" "skipped 1 bad entry"
has "$T/err" "QANR5L17QE99999.json"
expect 0 "$QT" -d "$T/k.db" --as-of $ASOF show 17-6750
printf 'skip_bad = yes\n' >>"$T/k.conf"
sleep 1.1
touch "$T/badentry.zip"
expect 0 "$QT" -c "$T/k.conf" -d "$T/k.db" poll
has "$T/err" "QANR5L17QE99999.json"

# 14. A question that holds more than 1 MiB is a bad entry; an import
# that would grow the database past [import] max_growth_mb is refused and
# stores nothing. (The archive is small: the texts compress well.)
"$PY" - "$DATA/an/QANR5L17QE6750.json" "$T/big.zip" "$T/many.zip" <<'PY'
import json, sys, zipfile
d = json.load(open(sys.argv[1]))
q = d["question"]
q["indexationAN"]["analyses"]["analyse"] = "x" * 200000
q["indexationAN"]["rubrique"] = "y" * 200000
q["indexationAN"]["teteAnalyse"] = "z" * 200000
q["minInt"]["abrege"] = "w" * 250000
q["auteur"]["groupe"]["abrege"] = "v" * 250000
with zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("big.json", json.dumps(d))
q["minInt"]["abrege"] = "w"
q["auteur"]["groupe"]["abrege"] = "v"
with zipfile.ZipFile(sys.argv[3], "w", zipfile.ZIP_DEFLATED) as z:
    for n in range(1, 41):
        q["uid"] = f"QANR5L17QE{80000 + n}"
        q["identifiant"]["numero"] = str(80000 + n)
        z.writestr(f"q{n}.json", json.dumps(d))
PY
rm -f "$T/g.db"*
expect 0 "$QT" -d "$T/g.db" init
before=$(sha256sum "$T/g.db" | cut -d' ' -f1)
expect 65 "$QT" -d "$T/g.db" import "$T/big.zip"
has "$T/err" "more than the 1048576 one question may"
has "$T/err" "big.json"
printf '[import]\nmax_growth_mb = 10\n' >"$T/g.conf"
expect 65 "$QT" -c "$T/g.conf" -d "$T/g.db" import "$T/many.zip"
has "$T/err" "max_growth_mb"
[ "$(sha256sum "$T/g.db" | cut -d' ' -f1)" = "$before" ] && pass ||
    fail "a refused import changed the database"
[ "$(stat -c %s "$T/many.zip")" -lt 1000000 ] && pass || fail "many.zip is not small"
expect 0 "$QT" -d "$T/g.db" import "$T/many.zip"

# 7. Last-Modified moves exactly when the body does: an event leaving a
# feed, the index changing.
start_serve "$DB" --as-of $ASOF
lm() { curl -sI "$U/$1" | tr -d '\r' | sed -n 's/^Last-Modified: //p'; }
m1=$(lm ministry/armees.ics)
i1=$(lm index.html)
sleep 1.1
m1b=$(lm ministry/armees.ics)
[ "$m1" = "$m1b" ] && pass || fail "Last-Modified moved with no change"
hostile 90001 'PA999' PO2 'Culture' "$T/h1.json"
expect 0 q import "$T/h1.json"
wait_for 10 "[ \"\$(curl -sI '$U/ministry/armees.ics' | tr -d '\r' | sed -n 's/^Last-Modified: //p')\" != '$m1' ]" &&
    pass || fail "Last-Modified did not move when an event left the feed"
curl -s "$U/ministry/armees.ics" >"$T/armees.ics"
lacks "$T/armees.ics" "QE 90001"
[ "$(lm index.html)" != "$i1" ] && pass || fail "index.html Last-Modified did not move"
code=$(curl -s -o /dev/null -w '%{http_code}' "$U/author/x-a.ics")
[ "$code" = 200 ] && pass || fail "an author feed with no event: $code"

# 15. HTTP at its edges (nginx's answers), a log no request can forge a
# line of, and slow clients that trickle their heads: others are answered
# within a second, and the tricklers are cut after header_timeout.
kill $pid 2>/dev/null
wait $pid 2>/dev/null
hport=$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
printf '[serve]\nheader_timeout = 3\ncheck_seconds = 1\n' >"$T/h.conf"
"$QT" -c "$T/h.conf" -d "$DB" --as-of $ASOF -v serve --listen "127.0.0.1:$hport" \
    2>"$T/h.log" &
hpid=$!
trap 'kill $hpid 2>/dev/null; rm -rf "$T"' EXIT
wait_for 10 "curl -sf 'http://127.0.0.1:$hport/healthz'" && pass || fail "serve did not start"
expect 0 "$PY" "$(dirname "$0")/http_edges.py" "$hport" $((3 * SLOW)) "$T/h.log"
grep -qx '0 problems' "$T/out" && pass || fail "http_edges: $(cat "$T/out")"
sed -n 's/^slow clients/  slow clients/p' "$T/out" >&2
has "$T/h.log" '"GET /x%0a1.2.3.4%20-%20-%20forged HTTP/1.1" 400'
kill $hpid 2>/dev/null
wait $hpid 2>/dev/null

# 16. serve and run never keep root: they refuse, or switch to
# [general] user before they open the database or the network.
if [ "$(id -u)" -eq 0 ]; then
	mkdir "$T/nb"
	chmod 711 "$T"
	chmod 1777 "$T/nb"
	cp "$DB" "$T/nb/q.db"
	chmod 666 "$T/nb/q.db"
	before=$(sha256sum "$T/nb/q.db" | cut -d' ' -f1)
	expect 78 timeout 10 env -u QETRACKER_ALLOW_ROOT "$QT" -d "$T/nb/q.db" serve \
	    --listen 127.0.0.1:1
	has "$T/err" "refusing to run as root"
	expect 78 timeout 10 env -u QETRACKER_ALLOW_ROOT "$QT" -d "$T/nb/q.db" run
	has "$T/err" "refusing to run as root"
	[ "$(sha256sum "$T/nb/q.db" | cut -d' ' -f1)" = "$before" ] && pass ||
	    fail "a refused daemon touched the database"
	printf '[general]\nuser = nosuchuser-qt\n' >"$T/u0.conf"
	expect 78 timeout 10 env -u QETRACKER_ALLOW_ROOT "$QT" -c "$T/u0.conf" -d "$T/nb/q.db" serve
	has "$T/err" "nosuchuser-qt"
	uport=$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	printf '[general]\nuser = nobody\n[serve]\ncheck_seconds = 1\n' >"$T/u.conf"
	env -u QETRACKER_ALLOW_ROOT "$QT" -c "$T/u.conf" -d "$T/nb/q.db" \
	    --as-of $ASOF serve --listen "127.0.0.1:$uport" 2>"$T/u.log" &
	upid=$!
	trap 'kill $upid 2>/dev/null; rm -rf "$T"' EXIT
	if wait_for 10 "curl -sf 'http://127.0.0.1:$uport/healthz'"; then
		# The server's process (valgrind's, under QT_VALGRIND) holds
		# the port: its uid is nobody's.
		spid=$(ss -Htlnp "sport = :$uport" | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -n 1)
		uid=$(awk '/^Uid:/ { print $2 $3 $4 $5 }' "/proc/$spid/status")
		[ "$uid" = 65534655346553465534 ] && pass || fail "serve runs as uid $uid"
	else
		fail "serve as nobody did not start: $(cat "$T/u.log")"
	fi
	kill $upid 2>/dev/null
	wait $upid 2>/dev/null
	chmod 700 "$T"
else
	expect 0 true
fi

finish
