#!/bin/sh
# SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors.
# Crash safety: an import of a generated 3,000-question dump and an export
# are killed with SIGKILL at moments spread over their whole run (20
# trials each). After each kill the database passes PRAGMA
# integrity_check and holds exactly the state before the run or exactly
# the state after it (a canonical dump of questions and events); the next
# run completes. The export folder is the old set or the new one, never a
# mix.
. "$(dirname "$0")/lib.sh"
# Under valgrind each run is some 30 times slower: 4 trials by default.
trials=${QT_CRASH_TRIALS:-$([ -n "${QT_VALGRIND:-}" ] && echo 4 || echo 20)}
"$PY" "$QT_SRC/bench/gen_dump.py" --seed 7 --count 3000 "$T/big.zip" \
    "$T/amo.zip" >/dev/null
# State before: the sample; state after: the sample plus the big dump.
expect 0 "$QT" -d "$T/base.db" import "$SAMPLE/Questions_ecrites.json.zip"
canon() {	# the questions and events, without run ids and timestamps
	sqlite3 "$1" "SELECT assembly, legislature, type, number, title,
	    published, answered, closed, deadline, signal_deadline, hash
	    FROM questions ORDER BY assembly, legislature, type, number;
	    SELECT q.number, e.kind, e.date, e.detail FROM events e JOIN
	    questions q ON q.id = e.question_id ORDER BY q.number, e.kind,
	    e.date, e.detail;" | sha256sum | cut -d' ' -f1
}
before=$(canon "$T/base.db")
cp "$T/base.db" "$T/after.db"
start=$(date +%s%N)
expect 0 "$QT" -d "$T/after.db" import "$T/big.zip"
took=$(( ($(date +%s%N) - start) / 1000000 ))
after=$(canon "$T/after.db")
[ "$before" != "$after" ] && pass || fail "the import changed nothing"

kill_at() {	# milliseconds, command...
	ms=$1
	shift
	"$@" >/dev/null 2>&1 &
	p=$!
	sleep "$(echo "$ms" | awk '{ printf "%.3f", $1 / 1000 }')"
	kill -KILL $p 2>/dev/null
	wait $p 2>/dev/null
}

olds=0
news=0
trial() {	# number, milliseconds
	n=$1
	ms=$2
	rm -f "$T/t.db" "$T/t.db-wal" "$T/t.db-shm"
	cp "$T/base.db" "$T/t.db"
	kill_at $ms "$QT" -d "$T/t.db" import "$T/big.zip"
	ic=$(sqlite3 "$T/t.db" "PRAGMA integrity_check")
	[ "$ic" = ok ] && pass || fail "trial $n (${ms} ms): integrity_check: $ic"
	state=$(canon "$T/t.db")
	if [ "$state" = "$before" ]; then
		olds=$((olds + 1))
	elif [ "$state" = "$after" ]; then
		news=$((news + 1))
	else
		fail "trial $n (${ms} ms): neither the state before nor after"
	fi
	"$QT" -q -d "$T/t.db" import "$T/big.zip" >/dev/null 2>&1 && pass ||
	    fail "trial $n: the next import failed"
	[ "$(canon "$T/t.db")" = "$after" ] && pass ||
	    fail "trial $n: the next import did not reach the state after"
}
i=0
while [ $i -lt "$trials" ]; do
	# Moments from the start to half a run past the end of a normal
	# one, so that some land after the commit even when the machine is
	# slower than during the measurement.
	trial $i $(( took * 3 * (i + 1) / (2 * trials) + i % 3 ))
	i=$((i + 1))
done
# The machine is shared: under a load that came or went since the
# measurement, all the kills may fall on one side of the commit. More
# trials then reach for the other side (earlier, or later with a
# doubling margin) before the test says the kills did not span the run.
extra=0
while [ $olds -eq 0 ] && [ $extra -lt 6 ]; do
	trial "x$extra" $(( 1 + extra * 3 ))
	extra=$((extra + 1))
done
extra=0
while [ $news -eq 0 ] && [ $extra -lt 6 ]; do
	trial "y$extra" $(( took * (2 << extra) ))
	extra=$((extra + 1))
done
echo "import: kills over ${took} ms: $olds before, $news after"
[ $olds -gt 0 ] && [ $news -gt 0 ] && pass ||
    fail "the kills did not span the run ($olds before, $news after)"

# The export folder: old set or new set.
expect 0 "$QT" -d "$T/base.db" --as-of 2026-11-28 export "$T/old"
expect 0 "$QT" -d "$T/after.db" --as-of 2026-11-28 export "$T/new"
start=$(date +%s%N)
cp -r "$T/old" "$T/site"
"$QT" -d "$T/after.db" --as-of 2026-11-28 export "$T/site" >/dev/null
took=$(( ($(date +%s%N) - start) / 1000000 ))
i=0
while [ $i -lt "$trials" ]; do
	ms=$(( took * (i + 1) / trials ))
	rm -rf "$T/site" "$T"/site.new-*
	cp -r "$T/old" "$T/site"
	cp "$T/after.db" "$T/e.db"
	kill_at $ms "$QT" -d "$T/e.db" --as-of 2026-11-28 export "$T/site"
	# (The mark names each export: it alone differs from $T/new's.)
	if diff -r "$T/site" "$T/old" >/dev/null 2>&1 ||
	    diff -r -x .qetracker-export "$T/site" "$T/new" >/dev/null 2>&1; then
		pass
	else
		fail "export trial $i (${ms} ms): a mix of the old and new sets"
	fi
	i=$((i + 1))
done
echo "export: $trials kills over ${took} ms"
# What a killed export left behind goes with the next export.
mkdir -p "$T/site.new-4194000"
expect 0 "$QT" -d "$T/after.db" --as-of 2026-11-28 export "$T/site"
ls -d "$T"/site.new-* >/dev/null 2>&1 && fail "stale export folders remain" ||
    pass

finish
