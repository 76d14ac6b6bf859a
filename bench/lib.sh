# SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors.
# Helpers of the benchmarks, sourced with $dir set to their work folder.

# measure NAME CMD...: runs CMD under /usr/bin/time, its output in
# $dir/out; appends "NAME SECONDS MAXRSS_KB" to $dir/results (which
# bench/medians.py reads) and prints it, unless quiet_measure is set.
measure() {
	name=$1
	shift
	/usr/bin/time -f "%e %M" -o "$dir/time" "$@" >"$dir/out"
	set -- $(cat "$dir/time")
	echo "$name $1 $2" >>"$dir/results"
	[ -n "${quiet_measure:-}" ] ||
	    printf '  %-22s %6.2f s %7d KB\n' "$name" "$1" "$2"
}

# export_base DB: the export benchmarks' database, $dir/DB, imported from
# the dump of $count questions by 577 authors (made the first time); sets
# $dump, $base, $qt and $asof.
export_base() {
	dump="$dir/questions-$count-577.zip"
	if [ ! -f "$dump" ]; then
		echo "generating $dump" >&2
		/usr/bin/python3 bench/gen_dump.py --seed 1 --authors 577 \
		    --count "$count" "$dump" "$dir/amo-577.zip"
	fi
	ninja -C build >/dev/null
	qt=./build/qetracker
	base="$dir/$1"
	rm -f "$base"*
	$qt -q -d "$base" import "$dump" "$dir/amo-577.zip"
	asof="--as-of 2026-11-28"
}
