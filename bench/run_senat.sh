#!/bin/sh
# SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors.
# Benchmark of an import of the Sénat's full dump (kind senat-dump), at
# the real dump's size (530,000 rows of every nature, about 120,000 QE:
# bench/gen_senat_dump.py), against references measured in the same run:
# the floor (the zip entry only inflated and its lines counted, one pass:
# unzip -p | wc -l) and the script a data person would write (stream the
# SQL, split each COPY line, insert the QE with sqlite3:
# bench/reference_senat.py). Then a re-import of the same dump, and of
# the dump with 1 % of its QE rows changed. Prints each run, then medians
# of wall time and peak memory, and ratios.
#
# usage: bench/run_senat.sh [ROWS] [RUNS]     (default 530000 rows, 3 runs)
set -eu
cd "$(dirname "$0")/.."
rows=${1:-530000}
runs=${2:-3}
dir=${BENCH_DIR:-/tmp/qetracker-bench}
mkdir -p "$dir"
dump="$dir/senat-$rows.zip"
changed="$dir/senat-$rows-1pc.zip"
if [ ! -f "$dump" ] || [ ! -f "$changed" ]; then
	echo "generating $dump and $changed" >&2
	/usr/bin/python3 bench/gen_senat_dump.py --seed 1 --rows "$rows" "$dump"
	/usr/bin/python3 bench/gen_senat_dump.py --seed 1 --rows "$rows" \
	    --change 1 "$changed"
fi
ninja -C build >/dev/null
qt=./build/qetracker
# The generator's sixth sort, as a real dump may have: mapped, as an admin
# would after the first import stopped on it.
printf '[senat]\nsort_labels = Transformée en QOSD = closed\n' >"$dir/senat.conf"
sql_bytes=$(/usr/bin/python3 -c 'import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).getinfo("questions.sql").file_size)' "$dump")
echo "dump: $rows rows, $(($(stat -c %s "$dump") / 1048576)) MB zipped, $((sql_bytes / 1048576)) MB of SQL; $(nproc) cores"

. bench/lib.sh

rm -f "$dir/results"
i=1
while [ "$i" -le "$runs" ]; do
	echo "run $i"
	rm -f "$dir"/s.db* "$dir"/p.db*
	measure floor sh -c "unzip -p '$dump' questions.sql | wc -l"
	measure qetracker "$qt" -q -c "$dir/senat.conf" -d "$dir/s.db" import \
	    "$dump"
	measure python /usr/bin/python3 bench/reference_senat.py "$dump" \
	    "$dir/p.db"
	measure reimport-same "$qt" -c "$dir/senat.conf" -d "$dir/s.db" import \
	    "$dump"
	grep -o '[0-9]* questions ([^)]*)' "$dir/out" | sed 's/^/    /'
	cp "$dir/s.db" "$dir/c.db"
	measure reimport-1pc "$qt" -c "$dir/senat.conf" -d "$dir/c.db" import \
	    "$changed"
	grep -o '[0-9]* questions ([^)]*)' "$dir/out" | sed 's/^/    /'
	rm -f "$dir"/c.db*
	i=$((i + 1))
done
echo "database: $(($(stat -c %s "$dir/s.db") / 1048576)) MB (qetracker), $(($(stat -c %s "$dir/p.db") / 1048576)) MB (python)"
/usr/bin/python3 bench/medians.py "$dir/results" floor python
