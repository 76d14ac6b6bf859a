#!/bin/sh
# SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors.
# The example nginx site (config/nginx/qetracker.nginx): nginx -t accepts
# it as shipped, and a real nginx serving it over an export answers as
# serve does: the feeds' type, validators and 304s, gzip, no listing, the
# marker hidden, the watchlists private.
. "$(dirname "$0")/lib.sh"
need nginx command -v nginx
site="$QT_SRC/config/nginx/qetracker.nginx"
NG=$(command -v nginx)
DB="$T/q.db"
chmod 755 "$T"	# nginx's workers run as nobody when started as root

# As shipped.
mkdir -p "$T/ng"
nginx_conf "$site" >"$T/ng/shipped.conf"
expect 0 "$NG" -t -q -p "$T/ng" -c "$T/ng/shipped.conf"

# Served for real, on a free port, over an export with a watchlist.
expect 0 "$QT" -d "$DB" import "$SAMPLE/Questions_ecrites.json.zip" \
    "$SAMPLE/AMO_deputes.json.zip"
expect 0 "$QT" -d "$DB" watch add mine 17-6750
token=$("$QT" -d "$DB" watch list | sed -n 's/^mine\tw\/\([0-9a-f]*\)\.ics$/\1/p')
mkdir -p "$T/www"
expect 0 "$QT" -d "$DB" --as-of 2026-11-28 export "$T/www/site"
port=$(free_port)
# serve behind it for the search, as the site says.
sport=$(free_port)
printf '[serve]\ncheck_seconds = 1\n' >"$T/s.conf"
"$QT" -c "$T/s.conf" -d "$DB" --as-of 2026-11-28 serve --listen \
    "127.0.0.1:$sport" 2>"$T/serve.log" &
spid=$!
sed -e "s|listen 80;|listen 127.0.0.1:$port;|" -e '/listen \[::\]:80;/d' \
    -e "s|root /var/www/qetracker/site;|root $T/www/site;|" \
    -e "s|proxy_pass http://127.0.0.1:8080;|proxy_pass http://127.0.0.1:$sport;|" \
    "$site" >"$T/ng/site.conf"
nginx_conf "$T/ng/site.conf" >"$T/ng/test.conf"
expect 0 "$NG" -t -q -p "$T/ng" -c "$T/ng/test.conf"
"$NG" -p "$T/ng" -c "$T/ng/test.conf"
trap 'kill $spid 2>/dev/null; [ -s "$T/ng/nginx.pid" ] && kill "$(cat "$T/ng/nginx.pid")"; rm -rf "$T"' EXIT
U="http://127.0.0.1:$port"
wait_for 10 "curl -s -o /dev/null '$U/'" || fail "nginx did not start: $(cat "$T/ng/logs/error.log")"

c() { rm -f "$T/body"; curl -s -o "$T/body" -D "$T/head" -w '%{http_code}' "$@"; }
hdr() { sed -n "s/^$1: \\(.*\\)\\r\$/\\1/Ip" "$T/head" | head -n 1; }
code() { [ "$1" = "$2" ] && pass || fail "$3: HTTP $1, want $2"; }
is() { [ "$1" = "$2" ] && pass || fail "$3: \"$1\", want \"$2\""; }

code "$(c "$U/all.ics")" 200 "all.ics"
is "$(hdr Content-Type)" "text/calendar; charset=utf-8" "all.ics's type"
is "$(hdr Cache-Control)" "public, no-cache" "all.ics's Cache-Control"
same "$T/body" "$T/www/site/all.ics"
etag=$(hdr ETag)
[ -n "$etag" ] && [ -n "$(hdr Last-Modified)" ] && pass || fail "no validators"
code "$(c -H "If-None-Match: $etag" "$U/all.ics")" 304 "If-None-Match"
# A re-export that changes nothing keeps every file as it was: the same
# ETag, so a calendar that asks again gets its 304 (and nothing is sent
# again); the file that changes gets a new one.
sleep 1		# an mtime that moved would show
expect 0 "$QT" -d "$DB" --as-of 2026-11-28 export "$T/www/site"
code "$(c -H "If-None-Match: $etag" "$U/all.ics")" 304 \
    "If-None-Match after a re-export of the same data"
expect 0 "$QT" -d "$DB" --as-of 2026-12-01 export "$T/www/site"
code "$(c -H "If-None-Match: $etag" "$U/all.ics")" 200 \
    "If-None-Match after a re-export of changed data"
[ "$(hdr ETag)" != "$etag" ] && pass || fail "a changed feed kept its ETag"
expect 0 "$QT" -d "$DB" --as-of 2026-11-28 export "$T/www/site"
# Only a regular file of the old set is linked: one a symlink replaced
# (to a file with the very bytes) is written anew, never followed.
cp "$T/www/site/all.ics" "$T/elsewhere.ics"
ln -sf "$T/elsewhere.ics" "$T/www/site/all.ics"
expect 0 "$QT" -d "$DB" --as-of 2026-11-28 export "$T/www/site"
[ -f "$T/www/site/all.ics" ] && [ ! -L "$T/www/site/all.ics" ] &&
    [ "$(stat -c %i "$T/www/site/all.ics")" != "$(stat -c %i "$T/elsewhere.ics")" ] &&
    pass || fail "a symlink in the old set was linked into the new one"
code "$(c -H 'Accept-Encoding: gzip' "$U/all.ics")" 200 "gzip"
is "$(hdr Content-Encoding)" "gzip" "all.ics's encoding"
gzip -dc "$T/body" >"$T/unz" && same "$T/unz" "$T/www/site/all.ics"
"$PY" -c 'import sys, icalendar; c = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read()); assert c.walk("VEVENT")' \
    "$T/unz" && pass || fail "the served feed does not parse"
# export writes a .gz beside each text file of 16 KiB or more, its very
# bytes gzipped (smaller ones are left to nginx's gzip on), and
# nginx's gzip_static sends it as it is: its length, its own ETag, and a
# 304 after a re-export of the same data, since the .gz is kept as well.
texts=$(cd "$T/www/site" && find . -type f -size +16383c \( -name '*.ics' \
    -o -name '*.html' -o -name '*.atom' -o -name '*.json' -o -name '*.csv' \) |
    wc -l)
gzs=0; badgz=""
for g in $(cd "$T/www/site" && find . -type f -name '*.gz'); do
	gzs=$((gzs + 1))
	gzip -dc "$T/www/site/$g" | cmp -s - "$T/www/site/${g%.gz}" ||
	    badgz="$badgz $g"
done
[ "$gzs" -gt 0 ] && [ "$gzs" = "$texts" ] && [ -z "$badgz" ] && pass ||
    fail "$gzs .gz for $texts text files of 16 KiB or more; not their sibling:$badgz"
[ ! -e "$T/www/site/question/QANR5L17QE6750.html.gz" ] && pass ||
    fail "a small page got a .gz"
[ ! -e "$T/www/site/.qetracker-export.gz" ] && pass ||
    fail "the marker was gzipped"
is "$(hdr Content-Length)" "$(stat -c %s "$T/www/site/all.ics.gz")" \
    "the length of all.ics.gz, sent as it is"
same "$T/body" "$T/www/site/all.ics.gz"
gzetag=$(hdr ETag)
[ -n "$gzetag" ] && pass || fail "no ETag on the gzipped feed"
sleep 1
expect 0 "$QT" -d "$DB" --as-of 2026-11-28 export "$T/www/site"
code "$(c -H 'Accept-Encoding: gzip' -H "If-None-Match: $gzetag" \
    "$U/all.ics")" 304 "the gzipped feed's ETag after a re-export"
# A .gz a symlink replaced in the old set (to the very bytes) is written
# anew, never followed nor carried over.
cp "$T/www/site/all.ics.gz" "$T/elsewhere.gz"
ln -sf "$T/elsewhere.gz" "$T/www/site/all.ics.gz"
expect 0 "$QT" -d "$DB" --as-of 2026-11-28 export "$T/www/site"
[ -f "$T/www/site/all.ics.gz" ] && [ ! -L "$T/www/site/all.ics.gz" ] &&
    [ "$(stat -c %i "$T/www/site/all.ics.gz")" != "$(stat -c %i "$T/elsewhere.gz")" ] &&
    pass || fail "a symlinked .gz in the old set was carried into the new one"
f=$(cd "$T/www/site" && ls author/*.ics | head -1)
code "$(c "$U/$f")" 200 "$f"
is "$(hdr Content-Type)" "text/calendar; charset=utf-8" "$f's type"
code "$(c "$U/")" 200 "the index"
is "$(hdr Content-Type)" "text/html; charset=utf-8" "the index's type"
has "$T/body" "all.ics"
code "$(c "$U/report.csv")" 200 "report.csv"
is "$(hdr Content-Type)" "text/csv; charset=utf-8" "report.csv's type"
code "$(c "$U/report.json")" 200 "report.json"
is "$(hdr Content-Type)" "application/json" "report.json's type"
# No listing, the marker hidden.
code "$(c "$U/author/")" 403 "a folder without an index"
lacks "$T/body" ".ics"
code "$(c "$U/.qetracker-export")" 404 "the export's marker"
# Watchlists: private, unlisted.
code "$(c "$U/w/$token.ics")" 200 "the watchlist feed"
is "$(hdr Cache-Control)" "private, no-cache" "the watchlist's Cache-Control"
is "$(hdr Content-Type)" "text/calendar; charset=utf-8" "the watchlist's type"
code "$(c "$U/w/")" 404 "the watchlists' folder"
lacks "$T/ng/logs/access.log" "$token"
# The pages: a question's and a member's are files; the search is
# serve's, through the proxy.
code "$(c "$U/question/QANR5L17QE6750.html")" 200 "a question's page"
is "$(hdr Content-Type)" "text/html; charset=utf-8" "its type"
has "$T/body" "496 jours de retard"
code "$(c "$U/author/PA720430.html")" 200 "a member's page"
has "$T/body" "author/PA720430.ics"
wait_for 10 "curl -sf 'http://127.0.0.1:$sport/healthz'" || fail "no serve"
code "$(c "$U/search?q=reconnaissance+faciale")" 200 "the search"
is "$(hdr Content-Type)" "text/html; charset=utf-8" "the search's type"
has "$T/body" 'href="question/QANR5L17QE6750.html"'
finish
