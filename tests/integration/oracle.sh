#!/bin/sh
# SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors.
# The generated cross-check (issue 18): 300 generated questions (changes
# of ministry, signalements as objects and arrays, answers, withdrawals,
# month ends) listed by the real binary at every day from before the
# first publication to after the last event, under the default rules and
# with weekend_rollover and ministry_change_restarts on; oracle.py
# computes every status, deadline, day count and signalement fact on its
# own and compares. Under valgrind, every ninth day.
. "$(dirname "$0")/lib.sh"
here=$(cd "$(dirname "$0")" && pwd)
need dateutil /usr/bin/python3 -c 'import dateutil'
step=$([ -n "${QT_VALGRIND:-}" ] && echo 9 || echo 1)
expect 0 "$PY" "$here/oracle.py" gen 18 300 "$DATA/an/QANR5L17QE6750.json" \
    "$T/q"
"$PY" "$here/oracle.py" days "$T/q" | awk -v s="$step" 'NR % s == 1 || s == 1' \
    >"$T/days"
[ "$(wc -l <"$T/days")" -gt 30 ] && pass || fail "too few days: $(wc -l <"$T/days")"
printf '' >"$T/plain.conf"
printf '[rules]\nweekend_rollover = yes\nministry_change_restarts = yes\n' \
    >"$T/restart.conf"
for mode in plain restart; do
	rm -f "$T/db"*
	expect 0 "$QT" -q -c "$T/$mode.conf" -d "$T/db" import "$T/q"
	mkdir "$T/$mode"
	while read -r day; do
		"$QT" -c "$T/$mode.conf" -d "$T/db" --as-of "$day" list \
		    --format json >"$T/$mode/$day.json" 2>"$T/err" ||
		    fail "list at $day ($mode): $(cat "$T/err")"
	done <"$T/days"
	expect 0 "$PY" "$here/oracle.py" check "$T/q" $mode "$T/$mode"
	echo "$mode: $(tail -n 1 "$T/out") over $(wc -l <"$T/days") days"
	tail -n 1 "$T/out" | grep -q '^0 problems in [1-9]' && pass ||
	    fail "$mode: $(head -c 2000 "$T/out")"
done
finish
