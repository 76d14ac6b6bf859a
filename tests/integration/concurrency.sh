#!/bin/sh
# Readers while a long import writes (WAL): `list` run again and again
# during an import of a generated 6,000-question dump always succeeds and
# sees the database before the import or after it, never a part of it;
# `serve` answers every request during the same import with a whole
# calendar, then serves the new data without a restart.
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
while [ $i -lt 100 ]; do
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
finish
