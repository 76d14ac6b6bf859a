#!/bin/sh
# SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors.
# Benchmark of polls against a local HTTP server (tests/integration/httpd.py):
# - a poll that gets 304 Not Modified, the whole process (median of 20);
# - a re-poll of a 50,000-question archive where 1 % of the entries
#   changed, against a full ingest of the same archive (medians of RUNS);
#   both download the archive: "download-only" is that transfer alone
#   (curl into a file).
#
# usage: bench/run_poll.sh [COUNT] [RUNS]    (default 50000, 5)
set -eu
cd "$(dirname "$0")/.."
count=${1:-50000}
runs=${2:-5}
dir=${BENCH_DIR:-/tmp/qetracker-bench}
mkdir -p "$dir/www"
dump="$dir/questions-$count.zip"
[ -f "$dump" ] || /usr/bin/python3 bench/gen_dump.py --seed 1 --count "$count" \
    "$dump" "$dir/amo.zip"
ninja -C build >/dev/null
qt=./build/qetracker
# v2: the same archive with 1 % of the questions answered.
/usr/bin/python3 - "$dump" "$dir/www/v2.zip" <<'PY'
import json, sys, zipfile
src = zipfile.ZipFile(sys.argv[1])
with zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_DEFLATED) as out:
    for i, info in enumerate(src.infolist()):
        data = src.read(info)
        if i % 100 == 7:
            q = json.loads(data)
            jo = {"typeJO": "JO_QUESTION", "dateJO": "2026-11-26", "pageJO": "1"}
            q["question"]["textesReponse"] = {"texteReponse": {"infoJO": jo, "texte": "R."}}
            q["question"]["cloture"] = None
            data = json.dumps(q, ensure_ascii=False).encode()
        out.writestr(info, data)
PY
rm -f "$dir/port"
/usr/bin/python3 tests/integration/httpd.py "$dir/www" "$dir/port" /dev/null &
httpd=$!
trap 'kill $httpd' EXIT
while [ ! -s "$dir/port" ]; do sleep 0.1; done
port=$(cat "$dir/port")
printf '[source an17]\nkind = an-dump\nurl = http://127.0.0.1:%s/an17.zip\n' \
    "$port" >"$dir/poll.conf"
q="$qt -q -c $dir/poll.conf"

. bench/lib.sh
quiet_measure=1

rm -f "$dir/results" "$dir/p.db"*
cp "$dump" "$dir/www/an17.zip"
$q -d "$dir/p.db" poll
i=0
while [ $i -lt 20 ]; do
	measure poll-304 $q -d "$dir/p.db" poll
	i=$((i + 1))
done
i=0
while [ $i -lt "$runs" ]; do
	echo "run $((i + 1))"
	rm -f "$dir/f.db"* "$dir/cache"/*
	cp "$dump" "$dir/www/an17.zip"
	measure download-only curl -s -o "$dir/dl.zip" "http://127.0.0.1:$port/an17.zip"
	measure full-ingest $q -d "$dir/f.db" poll
	cp "$dir/www/v2.zip" "$dir/www/an17.zip"
	measure repoll-1pct $q -d "$dir/f.db" poll
	i=$((i + 1))
done
sqlite3 "$dir/f.db" "SELECT 'last re-poll: ' || entries || ' entries, ' || parsed || ' parsed' FROM runs ORDER BY id DESC LIMIT 1"
/usr/bin/python3 bench/medians.py "$dir/results" full-ingest --ms
