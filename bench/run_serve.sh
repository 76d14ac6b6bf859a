#!/bin/sh
# SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors.
# Benchmark of serve with wrk on loopback (2 threads, 50 connections),
# next to nginx serving the exported files, in the same run: /all.ics
# (200, identity), /all.ics with a matching If-None-Match (304), and a
# deputy's feed (a small body, the common calendar poll). wrk cannot
# measure qetracker's 304s: they carry the 200's Content-Length, as RFC
# 9110 8.6 allows, and wrk then waits for a body that never comes (0 req/s).
# Two serves:
# "qetracker", the whole site in memory, and "disk", [serve] root = the
# export (sendfile and .gz siblings, as nginx). Prints requests per second
# (median of RUNS) and the memory of each serve process.
# Needs Debian's wrk and nginx (apt-get install wrk nginx-light).
# SERVE_DB=FILE serves that database instead of importing COUNT questions
# (e.g. bench/run_archive.sh's 300,000-question a.db).
#
# usage: bench/run_serve.sh [COUNT] [RUNS] [SECONDS]   (50000, 3, 10)
set -eu
cd "$(dirname "$0")/.."
count=${1:-50000}
runs=${2:-3}
secs=${3:-10}
dir=${BENCH_DIR:-/tmp/qetracker-bench}
mkdir -p "$dir"
dump="$dir/questions-$count-577.zip"
[ -f "$dump" ] || /usr/bin/python3 bench/gen_dump.py --seed 1 --authors 577 \
    --count "$count" "$dump" "$dir/amo-577.zip"
ninja -C build >/dev/null
export QETRACKER_LOCALEDIR="$PWD/build/po" QETRACKER_CONFIG=/dev/null
db=${SERVE_DB:-$dir/serve.db}
[ -n "${SERVE_DB:-}" ] ||
    { rm -f "$db"* && ./build/qetracker -q -d "$db" import "$dump" "$dir/amo-577.zip"; }
rm -rf "$dir/www"
/usr/bin/time -f "export: %e s, %M KB" ./build/qetracker -q -d "$db" \
    --as-of 2026-11-28 export "$dir/www"
echo "export: $(du -sm "$dir/www" | cut -f1) MB, $(find "$dir/www" -type f | wc -l) files"
port() { /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
qport=$(port)
dport=$(port)
nport=$(port)
# The benchmark runs as whoever runs it, root on these machines; wrk's
# 50 connections come from one address, past the default per_ip_limit.
printf '[serve]\nper_ip_limit = 0\n' >"$dir/serve.conf"
QETRACKER_ALLOW_ROOT=1 ./build/qetracker -c "$dir/serve.conf" -d "$db" --as-of 2026-11-28 serve --listen "127.0.0.1:$qport" 2>/dev/null &
qpid=$!
printf '[serve]\nper_ip_limit = 0\nroot = %s\n' "$dir/www" >"$dir/disk.conf"
QETRACKER_ALLOW_ROOT=1 ./build/qetracker -c "$dir/disk.conf" -d "$db" --as-of 2026-11-28 serve --listen "127.0.0.1:$dport" 2>/dev/null &
dpid=$!
cat >"$dir/nginx.conf" <<EOF_NGINX
worker_processes 2;
pid $dir/nginx.pid;
error_log $dir/nginx.err;
events { worker_connections 1024; }
http {
	access_log off;
	sendfile on;
	types { text/calendar ics; }
	server {
		listen 127.0.0.1:$nport;
		root $dir/www;
	}
}
EOF_NGINX
nginx -c "$dir/nginx.conf"
trap 'kill $qpid $dpid; kill $(cat "$dir/nginx.pid")' EXIT
while ! curl -sf "http://127.0.0.1:$qport/healthz" >/dev/null; do sleep 0.2; done
while ! curl -sf "http://127.0.0.1:$dport/healthz" >/dev/null; do sleep 0.2; done
author=$(ls "$dir/www/author" | grep '\.ics$' | head -n 1)
qetag=$(curl -sI "http://127.0.0.1:$qport/all.ics" | sed -n 's/^ETag: \(.*\)\r$/\1/Ip')
detag=$(curl -sI "http://127.0.0.1:$dport/all.ics" | sed -n 's/^ETag: \(.*\)\r$/\1/Ip')
netag=$(curl -sI "http://127.0.0.1:$nport/all.ics" | sed -n 's/^ETag: \(.*\)\r$/\1/Ip')
echo "all.ics: $(wc -c <"$dir/www/all.ics") bytes; author/$author: $(wc -c <"$dir/www/author/$author") bytes"

rps() {	# url [header]
	if [ -n "${2:-}" ]; then
		wrk -t2 -c50 -d"${secs}s" -H "$2" "$1"
	else
		wrk -t2 -c50 -d"${secs}s" "$1"
	fi | sed -n 's/^Requests\/sec: *//p'
}
rm -f "$dir/results"
i=0
while [ $i -lt "$runs" ]; do
	echo "run $((i + 1))"
	echo "qetracker all.ics $(rps "http://127.0.0.1:$qport/all.ics")" >>"$dir/results"
	echo "disk all.ics $(rps "http://127.0.0.1:$dport/all.ics")" >>"$dir/results"
	echo "nginx all.ics $(rps "http://127.0.0.1:$nport/all.ics")" >>"$dir/results"
	echo "qetracker 304 $(rps "http://127.0.0.1:$qport/all.ics" "If-None-Match: $qetag")" >>"$dir/results"
	echo "disk 304 $(rps "http://127.0.0.1:$dport/all.ics" "If-None-Match: $detag")" >>"$dir/results"
	echo "nginx 304 $(rps "http://127.0.0.1:$nport/all.ics" "If-None-Match: $netag")" >>"$dir/results"
	echo "qetracker author $(rps "http://127.0.0.1:$qport/author/$author")" >>"$dir/results"
	echo "disk author $(rps "http://127.0.0.1:$dport/author/$author")" >>"$dir/results"
	echo "nginx author $(rps "http://127.0.0.1:$nport/author/$author")" >>"$dir/results"
	i=$((i + 1))
done
echo "serve memory, in memory: $(grep -E 'VmHWM|VmRSS' /proc/$qpid/status | tr -s ' \t' ' ' | tr '\n' ' ')"
echo "serve memory, from disk: $(grep -E 'VmHWM|VmRSS' /proc/$dpid/status | tr -s ' \t' ' ' | tr '\n' ' ')"
/usr/bin/python3 - "$dir/results" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    who, what, v = line.split()
    rows.setdefault((who, what), []).append(float(v))
print("\nrequests per second (median):")
for what in ("all.ics", "304", "author"):
    q = statistics.median(rows[("qetracker", what)])
    d = statistics.median(rows[("disk", what)])
    n = statistics.median(rows[("nginx", what)])
    print(f"  {what:8} in memory {q:10.0f} ({q / n:4.2f})   from disk {d:10.0f}"
          f" ({d / n:4.2f})   nginx {n:10.0f}")
PY
