#!/bin/sh
# SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors.
# Benchmark of `export` (every feed: all, per author, group, ministry)
# against the reference of serialising the same events once (`ics` of
# every question into one file), in the same run. "first" is an export
# into a database that never exported (every SEQUENCE row is new);
# "again" is the next one, nothing changed (the daily case).
#
# usage: bench/run_export.sh [COUNT] [RUNS]   (default 50000 questions, 5)
set -eu
cd "$(dirname "$0")/.."
count=${1:-50000}
runs=${2:-5}
dir=${BENCH_DIR:-/tmp/qetracker-bench}
mkdir -p "$dir"
. bench/lib.sh
export_base export-base.db

rm -f "$dir/results"
i=1
while [ "$i" -le "$runs" ]; do
	echo "run $i"
	cp "$base" "$dir/x.db"
	rm -rf "$dir/site" "$dir/x.db-wal" "$dir/x.db-shm"
	measure first $qt -d "$dir/x.db" $asof export "$dir/site"
	measure again $qt -d "$dir/x.db" $asof export "$dir/site"
	measure ics-once $qt -d "$dir/x.db" $asof ics -o "$dir/all.ics"
	i=$((i + 1))
done
cat "$dir/out"
echo "feeds: $(find "$dir/site" -name '*.ics' | wc -l), $(du -sh "$dir/site" | cut -f1)"
/usr/bin/python3 bench/medians.py "$dir/results" ics-once
