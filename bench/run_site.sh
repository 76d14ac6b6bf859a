#!/bin/sh
# SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors.
# Benchmark of the site's pages made per request, through serve on
# loopback, whole requests timed by one keep-alive client: searches (a
# word in nearly every question, two words, a phrase, a rare word, a
# common word with a filter), a member's page (from the cache), a
# question's page (made from the database) and the API's first page;
# the floor is /healthz (a request that does no work). The requests are
# interleaved so that noise hits them alike; medians and the 90th
# percentile of RUNS rounds of N requests each. Also prints the
# database's size by table and serve's memory.
#
# usage: bench/run_site.sh [COUNT] [RUNS] [N]   (50000, 5, 100)
set -eu
cd "$(dirname "$0")/.."
count=${1:-50000}
runs=${2:-5}
n=${3:-100}
dir=${BENCH_DIR:-/tmp/qetracker-bench}
mkdir -p "$dir"
dump="$dir/questions-$count-577.zip"
[ -f "$dump" ] || /usr/bin/python3 bench/gen_dump.py --seed 1 --authors 577 \
    --count "$count" "$dump" "$dir/amo-577.zip"
ninja -C build >/dev/null
export QETRACKER_LOCALEDIR="$PWD/build/po" QETRACKER_CONFIG=/dev/null
db="$dir/site.db"
[ -f "$db" ] || ./build/qetracker -q -d "$db" import "$dump" "$dir/amo-577.zip"
echo "database: $(($(stat -c %s "$db") / 1048576)) MB; by table (MB):"
sqlite3 "$db" "SELECT '  ' || name, round(sum(pgsize) / 1048576.0, 1) FROM dbstat
    GROUP BY name HAVING sum(pgsize) > 1048576 ORDER BY 2 DESC"
sqlite3 "$db" "SELECT '  texts: ' || count(*) || ' questions, ' ||
    round(sum(length(question) + coalesce(length(answer), 0)) / 1048576.0, 1) ||
    ' MB of text' FROM texts"
port=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
QETRACKER_ALLOW_ROOT=1 ./build/qetracker -d "$db" --as-of 2026-11-28 serve \
    --listen "127.0.0.1:$port" 2>/dev/null &
pid=$!
trap 'kill $pid' EXIT
while ! curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; do sleep 0.2; done
author=$(sqlite3 "$db" "SELECT path FROM site_files WHERE kind = 'author' LIMIT 1" | sed 's/\.ics$/.html/')
uid=$(sqlite3 "$db" "SELECT 'QANR5L' || legislature || type || number FROM questions LIMIT 1 OFFSET 1000")
/usr/bin/python3 - "$port" "$runs" "$n" "$author" "$uid" <<'PY'
import http.client, statistics, sys, time, urllib.parse
port, runs, n, author, uid = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
q = lambda s, extra="": "/search?q=" + urllib.parse.quote_plus(s) + extra
urls = [
    ("floor: /healthz", "/healthz"),
    ("search: common word", q("santé")),
    ("search: two words", q("réforme budget")),
    ("search: phrase", q('"service public"')),
    ("search: rare word", q("Lemaître")),
    ("search: word + filter", q("santé", "&status=overdue")),
    ("member page", "/" + author),
    ("question page", "/question/%s.html" % uid),
    ("api: first page", "/api/questions"),
]
c = http.client.HTTPConnection("127.0.0.1", port)
times = {name: [] for name, _ in urls}
meds = {name: [] for name, _ in urls}
for r in range(runs):
    run = {name: [] for name, _ in urls}
    for i in range(n):
        for name, u in urls:
            t = time.perf_counter()
            c.request("GET", u)
            resp = c.getresponse()
            body = resp.read()
            run[name].append((time.perf_counter() - t) * 1000)
            assert resp.status == 200, (u, resp.status)
    for name in run:
        times[name] += run[name]
        meds[name].append(statistics.median(run[name]))
floor = statistics.median(times[urls[0][0]])
print(f"\n{'':24} {'median':>8} {'p90':>8} {'runs min-max':>14} {'x floor':>8}  (ms; {runs} runs of {n})")
for name, _ in urls:
    v = sorted(times[name])
    med = statistics.median(v)
    p90 = v[int(len(v) * 0.9)]
    print(f"{name:24} {med:8.2f} {p90:8.2f} {min(meds[name]):6.2f}-{max(meds[name]):<6.2f} {med / floor:8.1f}")
PY
echo "serve memory: $(grep -E 'VmHWM|VmRSS' /proc/$pid/status | tr -s ' \t' ' ' | tr '\n' ' ')"
