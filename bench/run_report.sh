#!/bin/sh
# SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors.
# Benchmark of report and stats over a 50,000-question database (the
# generated dump), medians of RUNS, next to `list --status overdue --format
# csv`, which reads the same questions and prints every overdue one.
#
# usage: bench/run_report.sh [COUNT] [RUNS]    (default 50000, 7)
set -eu
cd "$(dirname "$0")/.."
count=${1:-50000}
runs=${2:-7}
dir=${BENCH_DIR:-/tmp/qetracker-bench}
mkdir -p "$dir"
dump="$dir/questions-$count.zip"
[ -f "$dump" ] || /usr/bin/python3 bench/gen_dump.py --seed 1 --count "$count" \
    "$dump" "$dir/amo.zip"
ninja -C build >/dev/null
export QETRACKER_LOCALEDIR="$PWD/build/po" QETRACKER_CONFIG=/dev/null
db="$dir/report.db"
rm -f "$db"*
./build/qetracker -q -d "$db" import "$dump" "$dir/amo.zip"
q="./build/qetracker -d $db --as-of 2026-11-28"
rm -f "$dir/results"
i=0
while [ $i -lt "$runs" ]; do
	for what in "report --since 2026-11-21" "report --since 2026-11-21 --format html" \
	    "stats" "stats --format json" "list --status overdue --format csv"; do
		/usr/bin/time -f "%e %M" -o "$dir/time" $q $what >/dev/null
		echo "$what|$(cat "$dir/time")" >>"$dir/results"
	done
	i=$((i + 1))
done
/usr/bin/python3 - "$dir/results" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    name, t = line.rstrip("\n").split("|")
    s, kb = t.split()
    rows.setdefault(name, []).append((float(s), int(kb)))
print("medians (wall) and peak memory:")
for k, v in rows.items():
    print(f"  {k:45} {statistics.median(s for s, _ in v) * 1000:6.0f} ms  {max(m for _, m in v) / 1024:6.1f} MB")
PY
