#!/bin/sh
# SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors.
# Benchmark of the whole archive: the four legislatures of the Assemblée
# in one database, as config/qetracker.conf polls them.
#
#   XIV   (2012-2017) one single-file archive, Questions_ecrites_XIV.json,
#         of XIV questions (default 100,000): streamed;
#   XV    (2017-2022) REST questions as one file each;
#   XVI, XVII         as many again between them, one file each.
#
# First the XIV archive alone, RUNS times: its import against its floor
# (bench-floor: the same entry inflated and parsed as a stream, nothing
# stored) and a re-import with nothing changed. Then all four into one
# database (TOTAL questions, default 300,000), and list, report and stats
# over it, RUNS times each. Medians, ranges, peak memory.
#
# usage: bench/run_archive.sh [XIV] [TOTAL] [RUNS]   (100000 300000 3)
set -eu
cd "$(dirname "$0")/.."
xiv=${1:-100000}
total=${2:-300000}
runs=${3:-3}
rest=$((total - xiv))
dir=${BENCH_DIR:-/tmp/qetracker-bench}
mkdir -p "$dir"
gen() {
	out=$1
	shift
	[ -f "$out" ] || /usr/bin/python3 bench/gen_dump.py --authors 577 "$@" \
	    "$out" "$dir/amo-archive.zip"
}
gen "$dir/xiv-$xiv.zip" --seed 14 --count "$xiv" --legislature 14 \
    --first 2012-07-03 --until 2017-06-20 --single
gen "$dir/xv-$((rest / 2)).zip" --seed 15 --count $((rest / 2)) \
    --legislature 15 --first 2017-07-04 --until 2022-06-21
gen "$dir/xvi-$((rest / 4)).zip" --seed 16 --count $((rest / 4)) \
    --legislature 16 --first 2022-07-05 --until 2024-06-09
gen "$dir/xvii-$((rest - rest / 2 - rest / 4)).zip" --seed 17 \
    --count $((rest - rest / 2 - rest / 4)) --until 2026-11-24
ninja -C build >/dev/null
export QETRACKER_LOCALEDIR="$PWD/build/po" QETRACKER_CONFIG=/dev/null
qt=./build/qetracker
. bench/lib.sh

echo "XIV archive: $xiv questions, $(($(stat -c %s "$dir/xiv-$xiv.zip") / 1048576)) MB zipped; $(nproc) cores"
rm -f "$dir/results"
i=1
while [ "$i" -le "$runs" ]; do
	echo "run $i"
	measure floor ./build/bench/bench-floor "$dir/xiv-$xiv.zip"
	rm -f "$dir"/a.db*
	measure import-xiv "$qt" -q -d "$dir/a.db" import "$dir/xiv-$xiv.zip"
	measure reimport-xiv "$qt" -q -d "$dir/a.db" import "$dir/xiv-$xiv.zip"
	i=$((i + 1))
done
/usr/bin/python3 bench/medians.py "$dir/results" floor --count "$xiv"

echo "whole archive: $total questions over XIV-XVII"
rm -f "$dir"/a.db* "$dir/results"
quiet_measure=
measure import-all "$qt" -q -d "$dir/a.db" import "$dir/xiv-$xiv.zip" \
    "$dir/xv-$((rest / 2)).zip" "$dir/xvi-$((rest / 4)).zip" \
    "$dir/xvii-$((rest - rest / 2 - rest / 4)).zip" "$dir/amo-archive.zip"
echo "  database: $(($(stat -c %s "$dir/a.db") / 1048576)) MB"
rm -f "$dir/results"
q="$qt -d $dir/a.db --as-of 2026-11-28"
i=1
while [ "$i" -le "$runs" ]; do
	for what in "list --status overdue" "list --status overdue --format csv" \
	    "list --legislature 14 --status answered --format json" \
	    "report" "report --format html" "stats" "stats --format json"; do
		quiet_measure=1 measure "$(echo "$what" | tr ' ' '_')" $q $what
	done
	i=$((i + 1))
done
/usr/bin/python3 - "$dir/results" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    name, s, kb = line.split()
    rows.setdefault(name, []).append((float(s), int(kb)))
print("medians (wall), range, peak memory:")
for k, v in rows.items():
    t = [s for s, _ in v]
    print(f"  {k.replace('_', ' '):52} {statistics.median(t):5.2f} s"
          f" ({min(t):.2f}-{max(t):.2f})  {max(m for _, m in v) / 1024:6.1f} MB")
PY
