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
