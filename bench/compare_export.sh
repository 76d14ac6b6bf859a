#!/bin/sh
# SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors.
# Two builds' exports of the same database, interleaved so that noise
# hits both alike: BEFORE and AFTER are qetracker binaries (e.g. a copy of
# build/qetracker made before a change). Uses bench/run_export.sh's
# database (run it once first). Prints each run, then medians.
#
# usage: bench/compare_export.sh BEFORE AFTER [RUNS]   (default 3 runs)
set -eu
cd "$(dirname "$0")/.."
before=$1
after=$2
runs=${3:-3}
dir=${BENCH_DIR:-/tmp/qetracker-bench}
base="$dir/export-base.db"
[ -f "$base" ] || { echo "no $base: run bench/run_export.sh first" >&2; exit 1; }
rm -f "$dir/results"
i=1
while [ "$i" -le "$runs" ]; do
	for v in before after; do
		eval bin=\$$v
		cp "$base" "$dir/c-$v.db"
		rm -rf "$dir/site-$v"
		for pass in first again; do
			/usr/bin/time -f "%e %M" -o "$dir/time" "$bin" -q \
			    -d "$dir/c-$v.db" --as-of 2026-11-28 export \
			    "$dir/site-$v" >/dev/null
			set -- $(cat "$dir/time")
			echo "$v-$pass $1 $2" >>"$dir/results"
			printf '  %-14s %6.2f s %7d KB\n' "$v-$pass" "$1" "$2"
		done
	done
	i=$((i + 1))
done
du -sh "$dir/site-before" "$dir/site-after"
/usr/bin/python3 bench/medians.py "$dir/results" before-first before-again
