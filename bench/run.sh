#!/bin/sh
# SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors.
# Benchmark of a full import, against two references measured in the
# same run: the floor (the same zip only inflated and JSON-parsed, one
# thread, nothing stored: bench/floor.c, with yajl as the import parses;
# floor-jansson: with jansson, as it parsed until 2026-12; inflate-zlib
# and inflate-libdeflate: only inflating, the import's way and libzip's)
# and the script
# a data person would write (Python zipfile + json + sqlite3:
# bench/reference_import.py).
# Prints each run, then medians of wall time and peak memory, and ratios.
#
# usage: bench/run.sh [COUNT] [RUNS]     (default 50000 questions, 5 runs)
# Needs a build in ./build (meson setup build && ninja -C build).
set -eu
cd "$(dirname "$0")/.."
count=${1:-50000}
runs=${2:-5}
dir=${BENCH_DIR:-/tmp/qetracker-bench}
mkdir -p "$dir"
dump="$dir/questions-$count.zip"
if [ ! -f "$dump" ]; then
	echo "generating $dump" >&2
	/usr/bin/python3 bench/gen_dump.py --seed 1 --count "$count" "$dump" \
	    "$dir/amo.zip"
fi
ninja -C build >/dev/null
qt=./build/qetracker
floor=./build/bench/bench-floor
json_bytes=$(/usr/bin/python3 -c 'import sys, zipfile; print(sum(i.file_size for i in zipfile.ZipFile(sys.argv[1]).infolist()))' "$dump")
echo "dump: $count questions, $(($(stat -c %s "$dump") / 1048576)) MB zipped, $((json_bytes / 1048576)) MB of JSON; $(nproc) cores"

. bench/lib.sh
# Each contender starts from no database.
fresh() {
	rm -f "$dir"/t.db "$dir"/t.db-wal "$dir"/t.db-shm
	measure "$@"
}

rm -f "$dir/results"
i=1
while [ "$i" -le "$runs" ]; do
	echo "run $i"
	# Alternate the contenders so that noise hits them alike.
	fresh floor "$floor" "$dump"
	fresh floor-jansson "$floor" --jansson "$dump"
	fresh inflate-zlib "$floor" --inflate-zlib "$dump"
	fresh inflate-libdeflate "$floor" --inflate-libdeflate "$dump"
	fresh qetracker "$qt" -q -d "$dir/t.db" import "$dump"
	fresh qetracker-1thread "$qt" -q -d "$dir/t.db" import --threads 1 "$dump"
	fresh python "/usr/bin/python3" bench/reference_import.py "$dump" "$dir/t.db"
	fresh reimport-unchanged sh -c "$qt -q -d $dir/u.db import $dump 2>/dev/null; true"
	i=$((i + 1))
done
# The re-import: the first u.db run is a full import; later ones are
# unchanged re-imports of the same dump.
rm -f "$dir"/u.db*

/usr/bin/python3 bench/medians.py "$dir/results" floor python \
    --count "$count" --drop-first reimport-unchanged
