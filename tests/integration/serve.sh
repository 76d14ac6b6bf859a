#!/bin/sh
# SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors.
# serve through the real binary, with curl: validators and 304s, HEAD,
# 404 and 405, path traversal, oversized requests, gzip, watchlist tokens,
# 200 parallel clients, a data change seen without a restart, SIGTERM.
. "$(dirname "$0")/lib.sh"
DB="$T/q.db"
expect 0 "$QT" -d "$DB" import "$SAMPLE/Questions_ecrites.json.zip" \
    "$SAMPLE/AMO_deputes.json.zip"
expect 0 "$QT" -d "$DB" watch add mine 17-6750
token=$("$QT" -d "$DB" watch list | sed -n 's/^mine\tw\/\([0-9a-f]*\)\.ics$/\1/p')
start_serve "$DB" --as-of 2026-11-28 -v
c() { rm -f "$T/body"; curl -s -o "$T/body" -D "$T/head" -w '%{http_code}' "$@"; }
hdr() { sed -n "s/^$1: \\(.*\\)\\r\$/\\1/Ip" "$T/head" | head -n 1; }
code() { [ "$1" = "$2" ] && pass || fail "$3: HTTP $1, want $2"; }

code "$(c "$U/all.ics")" 200 "all.ics"
[ "$(hdr Content-Type)" = "text/calendar; charset=utf-8" ] && pass ||
    fail "Content-Type $(hdr Content-Type)"
etag=$(hdr ETag)
lm=$(hdr Last-Modified)
[ -n "$etag" ] && [ -n "$lm" ] && pass || fail "no ETag or Last-Modified"
"$QT" -d "$DB" --as-of 2026-11-28 export "$T/site" >/dev/null
same "$T/body" "$T/site/all.ics"
code "$(c -H "If-None-Match: $etag" "$U/all.ics")" 304 "If-None-Match"
[ "$(hdr ETag)" = "$etag" ] && [ "$(hdr Last-Modified)" = "$lm" ] && pass ||
    fail "304 without its validators"
[ ! -s "$T/body" ] && pass || fail "a body with the 304"
code "$(c -H "If-Modified-Since: $lm" "$U/all.ics")" 304 "If-Modified-Since"
code "$(c -H "If-Modified-Since: yesterday-ish" "$U/all.ics")" 200 "bad date"
code "$(c -H 'If-None-Match: "other"' -H "If-Modified-Since: $lm" "$U/all.ics")" \
    200 "If-None-Match wins"
code "$(c -I "$U/all.ics")" 200 "HEAD"
# (curl -I writes the headers where the body would go.)
lacks "$T/body" "BEGIN:VCALENDAR"
[ "$(hdr ETag)" = "$etag" ] &&
    [ "$(hdr Content-Length)" = "$(wc -c <"$T/site/all.ics" | tr -d ' ')" ] &&
    pass || fail "HEAD: $(hdr ETag) $(hdr Content-Length)"
code "$(c "$U/")" 200 "index"
has "$T/body" "webcal://"
for p in /report.html /report.csv /report.json /author/PA720430.ics \
    /group/lfi-nfp.ics /ministry/europe-et-affaires-etrangeres.ics; do
	code "$(c "$U$p")" 200 "$p"
done
code "$(c "$U/nope.ics")" 404 "unknown path"
cp "$T/body" "$T/404"
code "$(c -X POST "$U/all.ics")" 405 "POST"
[ "$(hdr Allow)" = "GET, HEAD" ] && pass || fail "Allow: $(hdr Allow)"
for p in /../etc/passwd /%2e%2e/%2e%2e/etc/passwd /..%2fetc%2fpasswd \
    //etc/passwd /all.ics/../../etc/passwd; do
	code "$(c --path-as-is "$U$p")" 404 "$p"
	lacks "$T/body" "root:"
done
code "$(c "$U/$(head -c 20000 /dev/zero | tr '\0' a)")" 414 "long URI"
code "$(c -H "X-Big: $(head -c 20000 /dev/zero | tr '\0' a)" "$U/all.ics")" \
    431 "large header"

# gzip, when asked: its own ETag, the same content.
code "$(c -H 'Accept-Encoding: gzip' "$U/all.ics")" 200 "gzip"
[ "$(hdr Content-Encoding)" = gzip ] && [ "$(hdr ETag)" != "$etag" ] && pass ||
    fail "gzip: $(hdr Content-Encoding) $(hdr ETag)"
gzip -dc <"$T/body" | cmp -s - "$T/site/all.ics" && pass || fail "gzip body"
# The weight of gzip, then of "*", decides (RFC 9110 §12.5.3).
while read -r want ae; do
	c -H "Accept-Encoding: $ae" "$U/all.ics" >/dev/null
	got=$(hdr Content-Encoding)
	[ "${got:--}" = "$want" ] && pass ||
	    fail "Accept-Encoding: $ae: got \"$got\""
done <<'EOF_AE'
gzip deflate, gzip;q=0.5
gzip GZIP
gzip br;q=1.0, *;q=0.1
gzip gzip ; q=1
- gzip;q=0
- gzip; q=0.000, deflate
- *;q=0.5, gzip;q=0
- x-gzip2, deflate
- identity
EOF_AE

# Watchlists: the token opens the feed; a wrong one is any 404.
code "$(c "$U/w/$token.ics")" 200 "watchlist"
has "$T/body" "QANR5L17QE6750-deadline"
code "$(c "$U/w/00000000000000000000000000000000.ics")" 404 "wrong token"
same "$T/body" "$T/404"
lacks "$T/site/index.html" "$token"

# 200 clients at once, from 50 addresses of the loopback range (4 each:
# one address may hold at most [serve] per_ip_limit connections).
"$PY" - "$U/all.ics" "$T/site/all.ics" <<'PY' && pass || fail "200 parallel clients"
import concurrent.futures, http.client, sys, urllib.parse
want = open(sys.argv[2], "rb").read()
u = urllib.parse.urlsplit(sys.argv[1])
def get(i):
    c = http.client.HTTPConnection(u.hostname, u.port, timeout=60,
                                   source_address=(f"127.0.0.{10 + i % 50}", 0))
    c.request("GET", u.path)
    r = c.getresponse()
    out = r.status, r.read()
    c.close()
    return out
with concurrent.futures.ThreadPoolExecutor(200) as ex:
    res = list(ex.map(get, range(200)))
assert all(s == 200 and b == want for s, b in res), [s for s, _ in res]
PY

# Another process changes the data: served without a restart.
"$PY" - "$DATA/an/QANR5L17QE6750.json" "$T/answered.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
jo = {"typeJO": "JO_QUESTION", "dateJO": "2026-11-24", "pageJO": "1"}
d["question"]["textesReponse"] = {"texteReponse": {"infoJO": jo, "texte": "R."}}
json.dump(d, open(sys.argv[2], "w"))
PY
expect 0 "$QT" -d "$DB" import "$T/answered.json"
# serve looks every second, then rebuilds (under the sanitizers, beside
# other tests on two cores, seconds): the wait ends as soon as the change
# is served, and fails after 30 s.
i=0
while [ $i -lt $((300 * SLOW)) ]; do
	c "$U/all.ics" >/dev/null
	[ "$(hdr ETag)" != "$etag" ] && break
	sleep 0.1
	i=$((i + 1))
done
[ "$(hdr ETag)" != "$etag" ] && pass || fail "the change was not served"
has "$T/body" "Répondue le 24 novembre 2026 — Échéance QE 6750"
code "$(c -H "If-None-Match: $etag" "$U/all.ics")" 200 "old ETag"
grep -q '"GET /all.ics HTTP/1.1" 200' "$T/serve.log" && pass ||
    fail "no access log line"

# SIGTERM: exit 0 within 5 s.
kill -TERM $pid
i=0
while kill -0 $pid 2>/dev/null && [ $i -lt $((50 * SLOW)) ]; do sleep 0.1; i=$((i + 1)); done
kill -0 $pid 2>/dev/null && fail "still running 5 s after SIGTERM" || pass
wait $pid
[ $? -eq 0 ] && pass || fail "serve exited non-zero on SIGTERM"

# IPv6, where the machine has it.
if [ -s /proc/net/if_inet6 ] && grep -q '^0\{31\}1 ' /proc/net/if_inet6; then
	"$QT" -d "$DB" --as-of 2026-11-28 serve --listen "[::1]:$port" 2>/dev/null &
	pid6=$!
	i=0
	while ! curl -sfg "http://[::1]:$port/healthz" >/dev/null 2>&1 &&
	    [ $i -lt $((100 * SLOW)) ]; do
		sleep 0.1
		i=$((i + 1))
	done
	code "$(c -g "http://[::1]:$port/all.ics")" 200 "IPv6"
	kill -TERM $pid6
	wait $pid6
fi

# Bad addresses.
expect 78 "$QT" -d "$DB" serve --listen nowhere
has "$T/err" "listen \"nowhere\""
"$PY" -c 'import socket, time; s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(); print(s.getsockname()[1], flush=True); time.sleep(5)' >"$T/busy" &
sleep 0.5
expect 73 "$QT" -d "$DB" serve --listen "127.0.0.1:$(cat "$T/busy")"
has "$T/err" "cannot listen on 127.0.0.1:"

finish
