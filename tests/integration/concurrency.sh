#!/bin/sh
# SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors.
# Readers while a long import writes (WAL): `list` run again and again
# during an import of a generated 6,000-question dump always succeeds and
# sees the database before the import or after it, never a part of it;
# `serve` answers every request during the same import with a whole
# calendar, then serves the new data without a restart; and `serve`,
# under the load of eight clients at once, during a poll that brings the
# same dump from an HTTP server, answers every request with exactly the
# calendar before the poll or exactly the one after it.
. "$(dirname "$0")/lib.sh"
"$PY" "$QT_SRC/bench/gen_dump.py" --seed 11 --count 6000 "$T/big.zip" \
    "$T/amo.zip" >/dev/null
expect 0 "$QT" -d "$T/base.db" import "$SAMPLE/Questions_ecrites.json.zip"
A="--as-of 2026-11-28"
lines() { "$QT" -d "$1" $A list --format csv | wc -l; }
n0=$(lines "$T/base.db")
cp "$T/base.db" "$T/ref.db"
expect 0 "$QT" -d "$T/ref.db" import "$T/big.zip"
n1=$(lines "$T/ref.db")
[ "$n1" -gt "$n0" ] && pass || fail "the import added nothing ($n0, $n1)"

# list during the import
cp "$T/base.db" "$T/l.db"
"$QT" -d "$T/l.db" import "$T/big.zip" >/dev/null 2>"$T/import.err" &
ip=$!
runs=0 bad=0
while kill -0 $ip 2>/dev/null; do
	if "$QT" -d "$T/l.db" $A list --format csv \
	    >"$T/list" 2>"$T/list.err"; then
		n=$(wc -l <"$T/list")
		[ "$n" -eq "$n0" ] || [ "$n" -eq "$n1" ] || {
			bad=$((bad + 1))
			echo "list saw $n lines (before $n0, after $n1)" >&2
		}
	else
		bad=$((bad + 1))
		echo "list failed: $(head -c 300 "$T/list.err")" >&2
	fi
	runs=$((runs + 1))
done
wait $ip && pass || fail "the import failed: $(cat "$T/import.err")"
echo "$runs lists during the import"
[ "$runs" -ge 2 ] && pass || fail "only $runs lists ran during the import"
[ "$bad" -eq 0 ] && pass || fail "$bad of $runs lists went wrong"
[ "$(lines "$T/l.db")" -eq "$n1" ] && pass || fail "final count"

# serve during the import
cp "$T/base.db" "$T/s.db"
start_serve "$T/s.db" $A
etag0=$(curl -s -o /dev/null -D - "$U/all.ics" | sed -n 's/^ETag: \(.*\)\r$/\1/Ip')
"$QT" -d "$T/s.db" import "$T/big.zip" >/dev/null 2>"$T/import.err" &
ip=$!
runs=0 bad=0
while kill -0 $ip 2>/dev/null; do
	code=$(curl -s -o "$T/body" -w '%{http_code}' "$U/all.ics")
	if [ "$code" != 200 ] || [ "$(tail -c 15 "$T/body")" != "$(printf 'END:VCALENDAR\r\n')" ]; then
		bad=$((bad + 1))
		echo "during the import: HTTP $code, $(wc -c <"$T/body") bytes" >&2
	fi
	runs=$((runs + 1))
done
wait $ip && pass || fail "the import failed: $(cat "$T/import.err")"
echo "$runs requests during the import"
[ "$runs" -ge 2 ] && pass || fail "only $runs requests during the import"
[ "$bad" -eq 0 ] && pass || fail "$bad of $runs requests went wrong"
# The new data, without a restart (checked every second).
i=0
while [ $i -lt $((100 * SLOW)) ]; do
	etag=$(curl -s -o "$T/body" -D - "$U/all.ics" | sed -n 's/^ETag: \(.*\)\r$/\1/Ip')
	[ -n "$etag" ] && [ "$etag" != "$etag0" ] && break
	sleep 0.1
	i=$((i + 1))
done
[ -n "$etag" ] && [ "$etag" != "$etag0" ] && pass || fail "serve kept the old data"
"$QT" -d "$T/s.db" $A export "$T/site" >/dev/null
same "$T/body" "$T/site/all.ics"
kill $pid
wait $pid && pass || fail "serve did not stop cleanly"

# serve under load during a poll that changes the data
mkdir "$T/www"
cp "$T/big.zip" "$T/www/an17.zip"
"$PY" "$QT_SRC/tests/integration/httpd.py" "$T/www" "$T/port" /dev/null &
httpd=$!
wait_for 10 "test -s '$T/port'" || fail "no HTTP server"
printf '[source an17]\nkind = an-dump\nurl = http://127.0.0.1:%s/an17.zip\n' \
    "$(cat "$T/port")" >"$T/p.conf"
cp "$T/base.db" "$T/p.db"
start_serve "$T/p.db" $A
curl -s -o "$T/before.ics" "$U/all.ics"
# The clients: all.ics and index.html again and again, until told to
# stop (at most 60 s, or 5,000 requests each, times QT_SLOW), each
# response kept as its time, status and the SHA-256 of its body.
"$PY" - "$U" "$T/stop" "$T/load" "$SLOW" <<'PY' &
import concurrent.futures, hashlib, os, sys, time, urllib.request
base, stop, out, slow = sys.argv[1:]
end = time.time() + 60 * int(slow)
most = 5000 * int(slow)
def client(path):
    rows = []
    while not os.path.exists(stop) and time.time() < end and len(rows) < most:
        try:
            with urllib.request.urlopen(base + path, timeout=30) as r:
                rows.append((time.time(), r.status, path, hashlib.sha256(r.read()).hexdigest()))
        except Exception as e:
            rows.append((time.time(), 0, path, repr(e)))
    return rows
with concurrent.futures.ThreadPoolExecutor(8) as ex:
    res = ex.map(client, ["/all.ics"] * 6 + ["/index.html"] * 2)
with open(out, "w") as f:
    for rows in res:
        for t, st, path, h in rows:
            f.write(f"{t:.3f} {st} {path} {h}\n")
PY
load=$!
sleep 1
t0=$(date +%s.%N)
# (--force: the generated dump lacks the answers of the sample.)
"$QT" -c "$T/p.conf" -d "$T/p.db" $A poll --force >"$T/poll.out" \
    2>"$T/poll.err" &&
    pass || fail "the poll failed: $(cat "$T/poll.err")"
t1=$(date +%s.%N)
has "$T/poll.out" "an17: "
# The new data, then stop the clients.
wait_for 20 "curl -s '$U/all.ics' | cmp -s - '$T/before.ics' && exit 1 || exit 0" ||
    fail "serve kept the old data after the poll"
curl -s -o "$T/after.ics" "$U/all.ics"
touch "$T/stop"
wait $load
kill $httpd
h0=$(sha256sum <"$T/before.ics" | cut -d' ' -f1)
h1=$(sha256sum <"$T/after.ics" | cut -d' ' -f1)
[ "$h0" != "$h1" ] && pass || fail "the poll did not change all.ics"
awk -v t0="$t0" -v t1="$t1" -v h0="$h0" -v h1="$h1" '
	$2 != 200 { bad++; print "HTTP " $2 " for " $3 ": " $4 >"/dev/stderr" }
	$3 == "/all.ics" && $2 == 200 && $4 != h0 && $4 != h1 {
		bad++; print "a torn all.ics at " $1 >"/dev/stderr" }
	$1 >= t0 && $1 <= t1 { during++ }
	$3 == "/all.ics" && $4 == h1 { new++ }
	END { printf "%d %d %d %d\n", NR, during, bad, new }' "$T/load" >"$T/tally"
read -r total during bad new <"$T/tally"
echo "$total requests under load, $during during the poll, $new of the new all.ics"
[ "$during" -ge 8 ] && pass || fail "only $during requests during the poll"
[ "$bad" -eq 0 ] && pass || fail "$bad of $total requests went wrong"
[ "$new" -ge 1 ] && pass || fail "no client saw the new all.ics"
finish
