#!/bin/sh
# SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors.
# The systemd units pass systemd-analyze verify (pointed at the built
# binary, since verify checks that ExecStart exists), and the crontab
# example names only commands that exist. What the units rely on works
# through the real binary: run talks to a notification socket as systemd's
# (READY, WATCHDOG at half WatchdogSec, RELOADING then READY on SIGHUP,
# STOPPING), and messages carry their priority when stderr is the journal.
. "$(dirname "$0")/lib.sh"
need systemd-analyze command -v systemd-analyze
for u in "$QT_SRC"/config/systemd/*; do
	sed "s|/usr/bin/qetracker|$QT|g" "$u" >"$T/$(basename "$u")"
done
expect 0 systemd-analyze verify --man=no "$T/qetracker.service" \
    "$T/qetracker-poll.service" "$T/qetracker-poll.timer"
[ ! -s "$T/err" ] && pass || fail "systemd-analyze: $(cat "$T/err")"
# Exposure under 2.0 (systemd's scale, 10 is unprotected), each unit.
for u in qetracker.service qetracker-poll.service; do
	systemd-analyze security --offline=yes "$T/$u" >"$T/sec" 2>&1
	score=$(sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p' "$T/sec")
	[ -n "$score" ] && awk -v s="$score" 'BEGIN { exit !(s < 2.0) }' &&
	    pass || fail "$u: exposure ${score:-unknown}, want under 2.0: $(tail -3 "$T/sec")"
done
has "$QT_SRC/config/systemd/qetracker.service" "Type=notify"
has "$QT_SRC/config/systemd/qetracker.service" "WatchdogSec="
has "$QT_SRC/config/systemd/qetracker.service" "ExecReload=/bin/kill -HUP \$MAINPID"
has "$QT_SRC/config/systemd/qetracker.service" "NoNewPrivileges=yes"
has "$QT_SRC/config/systemd/qetracker.service" "ProtectSystem=strict"
has "$QT_SRC/config/systemd/qetracker.service" "PrivateTmp=yes"
grep -v '^#' "$QT_SRC/config/crontab.example" | grep -o 'qetracker -q [a-z]*' |
    sed 's/qetracker -q //' | sort -u >"$T/cmds"
while read -r c; do
	expect 0 "$QT" help "$c"
done <"$T/cmds"

# Type=notify: a datagram socket in systemd's place.
here=$(cd "$(dirname "$0")" && pwd)
"$PY" "$here/notify.py" "$T/notify.sock" "$T/notify.log" &
npid=$!
trap 'kill $npid 2>/dev/null; rm -rf "$T"' EXIT
wait_for 10 "test -S '$T/notify.sock'" || fail "no notification socket"
printf '[run]\nserve = no\n' >"$T/n.conf"
# stderr as the journal's stream too (JOURNAL_STREAM, below).
: >"$T/run.log"
NOTIFY_SOCKET="$T/notify.sock" WATCHDOG_USEC=2000000 \
    JOURNAL_STREAM=$(stat -c '%d:%i' "$T/run.log") \
    "$QT" -v -c "$T/n.conf" -d "$T/n.db" run 2>>"$T/run.log" &
rpid=$!
wait_for 20 "grep -q '^READY=1' '$T/notify.log'" && pass ||
    fail "run sent no READY=1: $(cat "$T/notify.log" "$T/run.log")"
has "$T/notify.log" "STATUS=0 sources, 0 digests"
# Fed every second (half of 2 s): two feeds within 5 s at the most.
wait_for 5 "[ \$(grep -c '^WATCHDOG=1' '$T/notify.log') -ge 2 ]" && pass ||
    fail "the watchdog was not fed: $(cat "$T/notify.log")"
kill -HUP $rpid
wait_for 10 "grep -q 'STATUS=.*(reloaded)' '$T/notify.log'" && pass ||
    fail "no READY after a reload: $(cat "$T/notify.log")"
grep -n 'RELOADING=1\|(reloaded)' "$T/notify.log" | head -2 | cut -d: -f2 |
    tr '\n' ' ' >"$T/order"
has "$T/order" "RELOADING=1 STATUS"
kill -TERM $rpid
wait $rpid && pass || fail "run did not stop cleanly on SIGTERM"
has "$T/notify.log" "STOPPING=1"
grep -q '^<6>qetracker: run: started' "$T/run.log" && pass ||
    fail "no <6> on run's info message: $(head -3 "$T/run.log")"
# Without NOTIFY_SOCKET (cron, a terminal), nothing is sent and it runs.
expect 0 "$QT" -c "$T/n.conf" -d "$T/n.db" run -n

# The journal: JOURNAL_STREAM names stderr's device and inode.
: >"$T/j.err"
js=$(stat -c '%d:%i' "$T/j.err")
JOURNAL_STREAM=$js "$QT" -d "$T/n.db" show 17-999999 2>>"$T/j.err" >/dev/null
head -c 3 "$T/j.err" >"$T/j.pri"
has "$T/j.pri" "<3>"
# Another stream (a file that is not the journal's): no prefix.
JOURNAL_STREAM=$js "$QT" -d "$T/n.db" show 17-999999 2>"$T/j2.err" >/dev/null
lacks "$T/j2.err" "<3>"

# The database is the owner's alone whatever the umask (it holds the
# watchlists' tokens), and its WAL files with it.
(umask 022; "$QT" -d "$T/mode.db" init >/dev/null)
stat -c '%a' "$T/mode.db" >"$T/mode"
has "$T/mode" "600"
finish
