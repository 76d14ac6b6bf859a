#!/bin/sh
# SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors.
# poll against a real HTTP server on 127.0.0.1 (httpd.py): conditional
# requests, incremental re-polls that parse only changed entries, the
# safety valve, resume of a cut download, and every failure with its exit
# status, a message naming the URL and status, and the database byte for
# byte as it was.
. "$(dirname "$0")/lib.sh"
here=$(cd "$(dirname "$0")" && pwd)
DB="$T/q.db"
mkdir -p "$T/www"
cp "$SAMPLE/Questions_ecrites.json.zip" "$T/www/v1.zip"
cp "$SAMPLE/AMO_deputes.json.zip" "$T/www/amo.zip"

# Dumps that differ from v1: v2 answers two questions, signals one, moves
# one to another ministry and drops one; v3 drops half of them.
"$PY" - "$T/www" <<'PY' >"$T/changed"
import json, sys, zipfile
www = sys.argv[1]
src = zipfile.ZipFile(f"{www}/v1.zip")
names = sorted(src.namelist())
def jo(d):
    return {"typeJO": "JO_QUESTION", "dateJO": d, "pageJO": "100"}
def write(path, entries):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in entries:
            z.writestr(zipfile.ZipInfo(n, (2026, 1, 1, 0, 0, 0)), data)
open_ = [n for n in names if json.loads(src.read(n))["question"]["textesReponse"] is None
         and json.loads(src.read(n))["question"]["cloture"] is None and "6750" not in n]
ans, sig, mov, gone = open_[0:2], open_[2], open_[3], open_[4]
out = []
for n in names:
    data = src.read(n)
    if n == gone:
        continue
    q = json.loads(data)
    if n in ans:
        q["question"]["textesReponse"] = {"texteReponse": {"infoJO": jo("2026-11-20"), "texte": "R."}}
    elif n == sig:
        q["question"]["signalement"] = {"dateDepotSignal": "2026-11-10", "infoJO": jo("2026-11-17")}
    elif n == mov:
        a = q["question"]["minAttribs"]["minAttrib"]
        a = a if isinstance(a, list) else [a]
        a.append({"infoJO": jo("2026-11-17"), "denomination": {"organeRef": "PO900109", "abrege": "Justice"}})
        q["question"]["minAttribs"]["minAttrib"] = a
    else:
        out.append((n, data))
        continue
    out.append((n, json.dumps(q, ensure_ascii=False).encode()))
write(f"{www}/v2.zip", out)
write(f"{www}/v3.zip", [(n, src.read(n)) for n in names[: len(names) // 2]])
# over the cap: 2 MB that do not compress
import os
open(f"{www}/big.zip", "wb").write(os.urandom(2 << 20))
# a zip bomb through a poll: 65 MiB of spaces deflated to a few kB
with zipfile.ZipFile(f"{www}/bomb.zip", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("json/QANR5L17QE1.json", b" " * (65 << 20))
# a whole answer (HTTP 200, every byte the server meant) that is half an
# archive, and an archive with one entry whose bytes no longer match its
# CRC-32 (stored, one byte flipped)
raw = open(f"{www}/v1.zip", "rb").read()
open(f"{www}/half.zip", "wb").write(raw[: len(raw) // 2])
with zipfile.ZipFile(f"{www}/crc.zip", "w", zipfile.ZIP_STORED) as z:
    for n in names[:5]:
        z.writestr(n, src.read(n))
data = bytearray(open(f"{www}/crc.zip", "rb").read())
at = data.index(names[2].encode()) + len(names[2]) + 200
data[at] = ord("X") if data[at] != ord("X") else ord("Y")
open(f"{www}/crc.zip", "wb").write(bytes(data))
print(ans[0].split("QE")[1].split(".")[0], sig.split("QE")[1].split(".")[0],
      mov.split("QE")[1].split(".")[0], gone.split("QE")[1].split(".")[0])
PY
read -r answered signaled moved gone <"$T/changed"

"$PY" "$here/httpd.py" "$T/www" "$T/port" "$T/http.log" 2>"$T/httpd.err" &
httpd=$!
trap 'kill $httpd 2>/dev/null; rm -rf "$T"' EXIT
wait_for 10 "test -s '$T/port'"
port=$(cat "$T/port")
U="http://127.0.0.1:$port"

# conf NAME URL [extra lines]: a config with one source.
conf() {
	printf '[poll]\nretry_delay_ms = 50\n[source %s]\nkind = an-dump\nurl = %s\nretries = 2\ntimeout = 5\n%s\n' \
	    "$1" "$2" "${3:-}" >"$T/$1.conf"
}
p() { n=$1; shift; "$QT" -c "$T/$n.conf" -d "$DB" --as-of 2026-11-28 poll "$@"; }
runs() { sqlite3 "$DB" "SELECT $1 FROM runs ORDER BY id DESC LIMIT 1"; }

cp "$T/www/v1.zip" "$T/www/an17.zip"
conf an17 "$U/an17.zip"
expect 0 p an17
has "$T/out" "an17: 151 questions, 151 changed: 151 new"
[ "$(runs 'http_status || " " || parsed || " " || entries')" = "200 151 151" ] &&
    pass || fail "run record: $(runs 'http_status, parsed, entries')"

# Unchanged: a 304, nothing parsed.
expect 0 p an17
has "$T/out" "an17: not modified (304)"
tail -n 1 "$T/http.log" | grep -q '^GET /an17.zip "' && pass ||
    fail "no If-None-Match sent: $(tail -n 1 "$T/http.log")"
[ "$(runs 'http_status || " " || parsed')" = "304 0" ] && pass ||
    fail "304 run: $(runs 'http_status, parsed')"

# A new dump: only the changed entries are parsed.
cp "$T/www/v2.zip" "$T/www/an17.zip"
expect 0 p an17
has "$T/out" "4 changed: 0 new, 2 answered"
has "$T/out" "1 signaled, 1 ministry changes; parsed 4 of 150 entries"
has "$T/out" "1 questions gone from the archive"
[ "$(runs parsed)" = 4 ] && pass || fail "parsed $(runs parsed) entries"
"$QT" -d "$DB" --as-of 2026-11-28 show --format json "$answered" >"$T/a.json"
has "$T/a.json" '"answered": "2026-11-20"'
"$QT" -d "$DB" --as-of 2026-11-28 show --format json "$moved" >"$T/m.json"
has "$T/m.json" '"name": "Justice"'
"$QT" -d "$DB" --as-of 2026-11-28 show "$gone" >"$T/g.txt"
has "$T/g.txt" "absente de l'archive de la source"
n=$(sqlite3 "$DB" "SELECT count(*) FROM events e JOIN runs r ON r.id = e.run_id WHERE r.id = (SELECT max(id) FROM runs)")
# 2 answers, 1 signalement, 1 change of ministry, 1 removal.
[ "$n" -eq 5 ] && pass || fail "the poll's events do not name their run ($n)"

# The safety valve: a dump that drops half the questions.
cp "$T/www/v3.zip" "$T/www/an17.zip"
before=$(sha256sum "$DB" | cut -d' ' -f1)
expect 65 p an17
has "$T/err" "qetracker poll: an17: the new archive drops"
has "$T/err" "of the 150 questions known from it (more than max_removed_percent = 5 %)"
has "$T/err" "--force"
[ "$(sha256sum "$DB" | cut -d' ' -f1)" = "$before" ] && pass ||
    fail "the refused dump changed the database"
expect 0 p an17 --force
has "$T/out" "questions gone from the archive, 2 stored answers kept"

# A download cut halfway is resumed with Range and If-Range.
cp "$T/www/v1.zip" "$T/www/cutme.zip"
conf cut "$U/cut/cutme.zip"
expect 0 p cut
has "$T/out" "download resumed 1 time"
grep -q '^GET /cut/cutme.zip - "[^-]' "$T/http.log" && pass ||
    fail "no If-Range on the resumed request"
has "$T/out" "cut: 151 questions"

# Cut, then a server that ignores Range and sends the whole file with a
# 200: the download starts over from the first byte.
cp "$T/www/v1.zip" "$T/www/whole.zip"
conf norange "$U/norange/whole.zip"
expect 0 p norange
has "$T/out" "norange: 151 questions"
[ "$(grep -c '^GET /norange/whole.zip ' "$T/http.log")" -eq 3 ] && pass ||
    fail "norange: not cut, range refused, then whole"

# A flaky server: 503 twice, then the dump.
conf flaky "$U/flaky/2/v1.zip"
expect 0 p flaky
has "$T/out" "flaky: 151 questions"

# Failures: status, message, database unchanged.
before=$(sha256sum "$DB" | cut -d' ' -f1)
while read -r name status url text; do
	conf "$name" "$U$url" "$([ "$name" = big ] && echo 'max_mb = 1')"
	poll_refused "$status" "$name" "$text" p "$name"
done <<EOF_CASES
e500 69 /status/500 /status/500: HTTP 500 (after 3 attempts)
e503 69 /status/503?retry-after=1 HTTP 503 (after 3 attempts)
e429 69 /status/429 HTTP 429
e404 69 /status/404 /status/404: HTTP 404
redir 69 /redirect/v1.zip refused (redirects may only lead to https)
slow 69 /slow/v1.zip Timeout
big 65 /big.zip over the 1048576-byte cap
html 65 /html/v1.zip not a readable zip archive
reset 69 /reset/v1.zip after 0 bytes
short 69 /short/v1.zip Transferred a partial file
bomb 65 /bomb.zip too large for one document
half 65 /half.zip not a readable zip archive
crc 65 /crc.zip CRC
EOF_CASES
# 404 is not retried; 503 with Retry-After waited for it.
[ "$(grep -c '^GET /status/404 ' "$T/http.log")" -eq 1 ] && pass ||
    fail "a 404 was retried"
[ "$(grep -c '^GET /status/503' "$T/http.log")" -eq 3 ] && pass ||
    fail "503 not retried twice"

# Nobody listening: the network is down, retry later (75).
conf down "http://127.0.0.1:1/x.zip"
expect 75 p down
has "$T/err" "http://127.0.0.1:1/x.zip"

# A name that does not resolve: also retried later (75), URL named.
conf dns "http://qetracker-test.invalid/x.zip"
expect 75 p dns
has "$T/err" "qetracker-test.invalid/x.zip: Couldn't resolve host"

# One poll at a time: a second one exits 75 at once.
flock "$DB.lock" sleep 3 &
sleep 0.3
expect 75 p an17
has "$T/err" "another qetracker poll is running"
wait $!

# Configuration errors.
expect 64 p an17 nosuch
has "$T/err" "no source \"nosuch\""
printf '[general]\n' >"$T/empty.conf"
expect 78 "$QT" -c "$T/empty.conf" -d "$DB" poll
has "$T/err" "no [source NAME] section"

finish
