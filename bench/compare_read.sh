#!/bin/sh
# SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors.
# The reading commands (list, report, stats) of two builds over the same
# database, interleaved so that noise hits both alike, next to a floor:
# SQLite alone reading every question's row (the sqlite3 shell counting
# the columns a status needs), which no reading command can beat.
#
# usage: bench/compare_read.sh DB BEFORE AFTER [RUNS]   (default 5 runs)
#   DB       a database, e.g. the 300,000 questions of bench/run_archive.sh
#            (put it in tmpfs: the disk's noise is not the program's)
#   BEFORE, AFTER   qetracker binaries (a copy of build/qetracker made
#            before a change, and one after)
set -eu
cd "$(dirname "$0")/.."
db=$1
before=$2
after=$3
runs=${4:-5}
dir=${BENCH_DIR:-/tmp/qetracker-bench}
mkdir -p "$dir"
export QETRACKER_CONFIG=/dev/null QETRACKER_LOCALEDIR="$PWD/build/po"
rm -f "$dir/results"
# The floor: every row read, the dates and references a status and a
# filter look at decoded by SQLite, nothing computed or printed.
floor="SELECT count(published), count(answered), count(closed),
    count(deadline), count(signaled), count(lapse_date), count(author_ref),
    count(group_ref), count(ministry_ref), count(rule) FROM questions"
i=1
while [ "$i" -le "$runs" ]; do
	/usr/bin/time -f "%e %M" -o "$dir/time" sqlite3 "$db" "$floor" \
	    >/dev/null
	set -- $(cat "$dir/time")
	echo "floor $1 $2" >>"$dir/results"
	for what in "list --status overdue" \
	    "list --status overdue --format csv" "report" \
	    "report --format html" "stats" "stats --format json"; do
		name=$(echo "$what" | tr ' ' '_' | sed 's/--//g')
		for v in before after; do
			eval bin=\$$v
			/usr/bin/time -f "%e %M" -o "$dir/time" "$bin" \
			    -d "$db" --as-of 2026-11-28 $what >"$dir/out-$v"
			set -- $(cat "$dir/time")
			echo "$v:$name $1 $2" >>"$dir/results"
		done
		cmp -s "$dir/out-before" "$dir/out-after" ||
		    echo "  $what: the outputs differ" >&2
	done
	echo "run $i done"
	i=$((i + 1))
done
/usr/bin/python3 bench/medians.py "$dir/results" floor --compare before after
