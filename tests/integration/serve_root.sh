#!/bin/sh
# SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors.
# `serve` with [serve] root: an export's files served from disk (sendfile)
# with their .gz siblings, through the real binary and curl. Every file
# is the export's byte for byte, and what the in-memory serve sends; the
# .gz sibling goes to the clients that take gzip; ETags and dates give
# 304s; a re-export is served at once; search and the API are still made
# per request. Paths that would leave the root (.., an absolute path, a
# symlink, a hidden file, a folder, a FIFO) are the same 404 as a missing
# one, and a root that is not a folder stops serve with exit 78.
. "$(dirname "$0")/lib.sh"
DB="$T/q.db"
q() { "$QT" -d "$DB" --as-of 2026-11-28 "$@"; }

expect 0 q import "$SAMPLE/Questions_ecrites.json.zip" \
    "$SAMPLE/AMO_deputes.json.zip"
expect 0 q export "$T/site"
[ -f "$T/site/all.ics.gz" ] && pass || fail "the export wrote no .gz"

# The in-memory serve first, for the bodies it sends.
start_serve "$DB" --as-of 2026-11-28
mem=$U
paths="/all.ics /index.html /question/QANR5L17QE6750.html"
for p in $paths; do
	curl -sf "$mem$p" -o "$T/mem$(echo "$p" | tr / _)" ||
	    fail "in memory: $p"
done
kill "$pid"
wait "$pid" 2>/dev/null

printf '[serve]\ncheck_seconds = 1\nroot = %s\n' "$T/site" >"$T/root.conf"
rport=$(free_port)
R="http://127.0.0.1:$rport"
"$QT" -c "$T/root.conf" -d "$DB" --as-of 2026-11-28 serve \
    --listen "127.0.0.1:$rport" 2>"$T/root.log" &
rpid=$!
trap 'kill $rpid 2>/dev/null; rm -rf "$T"' EXIT
wait_for 10 "curl -sf '$R/healthz'" || fail "serve with a root did not start"

# Each file: the export's bytes, the in-memory serve's, its type.
for p in $paths; do
	f=$(echo "$p" | tr / _)
	curl -s -D "$T/h$f" "$R$p" -o "$T/disk$f"
	same "$T/disk$f" "$T/site$p"
	same "$T/disk$f" "$T/mem$f"
done
has "$T/h_all.ics" "Content-Type: text/calendar; charset=utf-8"
has "$T/h_index.html" "Content-Type: text/html; charset=utf-8"
has "$T/h_all.ics" "Cache-Control: public, no-cache"
lacks "$T/h_all.ics" "Content-Encoding"
# "/" is the index.
curl -s "$R/" -o "$T/slash"
same "$T/slash" "$T/site/index.html"
# Every file of the export answers (a deputy's feed, a report, Atom).
find "$T/site" -type f ! -name '*.gz' ! -name '.*' | head -40 |
while read -r f; do
	rel=${f#"$T/site"}
	curl -s "$R$rel" -o "$T/one"
	cmp -s "$T/one" "$f" || echo "$rel" >>"$T/differ"
done
[ ! -s "$T/differ" ] && pass || fail "served differently: $(head -3 "$T/differ")"

# gzip: the sibling itself, which inflates to the file.
curl -s -H 'Accept-Encoding: gzip' -D "$T/hgz" "$R/all.ics" -o "$T/all.gz"
has "$T/hgz" "Content-Encoding: gzip"
has "$T/hgz" "Vary: Accept-Encoding"
same "$T/all.gz" "$T/site/all.ics.gz"
"$PY" -c 'import gzip, sys; sys.stdout.buffer.write(gzip.open(sys.argv[1]).read())' \
    "$T/all.gz" >"$T/all.inflated"
same "$T/all.inflated" "$T/site/all.ics"

# Validators: the ETag and the date give 304, for each encoding.
etag=$(grep -i '^ETag:' "$T/h_all.ics" | cut -d' ' -f2 | tr -d '\r')
getag=$(grep -i '^ETag:' "$T/hgz" | cut -d' ' -f2 | tr -d '\r')
[ -n "$etag" ] && [ "$etag" != "$getag" ] && pass ||
    fail "ETags: identity $etag, gzip $getag"
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $etag" "$R/all.ics")" = 304 ] &&
    pass || fail "If-None-Match gave no 304"
[ "$(curl -s -o /dev/null -w '%{http_code}' -H 'Accept-Encoding: gzip' -H "If-None-Match: $getag" "$R/all.ics")" = 304 ] &&
    pass || fail "If-None-Match on the .gz gave no 304"
lm=$(grep -i '^Last-Modified:' "$T/h_all.ics" | cut -d' ' -f2- | tr -d '\r')
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "If-Modified-Since: $lm" "$R/all.ics")" = 304 ] &&
    pass || fail "If-Modified-Since gave no 304"
[ "$(curl -s -o /dev/null -w '%{http_code}' -H 'If-None-Match: "other"' -H "If-Modified-Since: $lm" "$R/all.ics")" = 200 ] &&
    pass || fail "If-None-Match did not win over If-Modified-Since"
curl -s -I "$R/all.ics" >"$T/head"
has "$T/head" "Content-Length: $(stat -c %s "$T/site/all.ics")"

# Made per request still: search, the API, a question the export lacks.
curl -s "$R/search?q=reconnaissance+faciale" -o "$T/search"
has "$T/search" "6750"
curl -s "$R/api/questions/QANR5L17QE6750" -o "$T/api"
has "$T/api" '"number": 6750'
rm "$T/site/question/QANR5L17QE6750.html"
curl -s "$R/question/QANR5L17QE6750.html" -o "$T/made"
same "$T/made" "$T/mem_question_QANR5L17QE6750.html"

# Hostile paths: each the same 404 as a missing file.
ln -s /etc/passwd "$T/site/passwd.ics"
ln -s /etc "$T/site/etc"
mkfifo "$T/site/fifo.ics"
echo secret >"$T/site/.hidden"
for p in /../../../etc/passwd /%2e%2e/%2e%2e/etc/passwd //etc/passwd \
    /passwd.ics /etc/passwd /fifo.ics /.hidden /.qetracker-export \
    /author /author/ /question/../all.ics '/a%00b' /missing.ics; do
	code=$(curl -s --path-as-is -o "$T/body" -w '%{http_code}' "$R$p")
	case "$code" in
	404|400) lacks "$T/body" "root:" ;;
	*) fail "$p answered $code" ;;
	esac
done

# A re-export is served at once: a new answer, a new ETag.
cp "$T/site/all.ics" "$T/before.ics"
expect 0 q import "$DATA/an/QANR5L17QE6750.json"
expect 0 "$QT" -d "$DB" --as-of 2026-12-20 export "$T/site"
curl -s -D "$T/h2" "$R/all.ics" -o "$T/after.ics"
same "$T/after.ics" "$T/site/all.ics"
etag2=$(grep -i '^ETag:' "$T/h2" | cut -d' ' -f2 | tr -d '\r')
[ "$etag2" != "$etag" ] && pass || fail "the ETag did not change"
kill "$rpid"
wait "$rpid" 2>/dev/null

# A root that is not a folder: serve says so and exits 78.
printf '[serve]\nroot = %s\n' "$T/site/all.ics" >"$T/bad.conf"
expect 78 "$QT" -c "$T/bad.conf" -d "$DB" serve --listen "127.0.0.1:$(free_port)"
has "$T/err" "[serve] root = $T/site/all.ics: not a folder"
printf '[serve]\nroot = %s\n' "$T/nowhere" >"$T/bad.conf"
expect 78 "$QT" -c "$T/bad.conf" -d "$DB" serve --listen "127.0.0.1:$(free_port)"
has "$T/err" "nowhere: No such file or directory"

finish
