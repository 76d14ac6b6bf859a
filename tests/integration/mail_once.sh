#!/bin/sh
# SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors.
# Each digest goes once: its intent is recorded before it leaves, so a
# locked database, a permanent refusal (554) or a temporary one (451)
# never sends it twice, and no failure is retried every second. Real
# SMTP servers (aiosmtpd) count every message they are handed.
. "$(dirname "$0")/lib.sh"
here=$(cd "$(dirname "$0")" && pwd)
DB="$T/q.db"
export QT_SMTP_LOG="$T/smtp.log"
: >"$QT_SMTP_LOG"
smtpd() {	# HANDLER: a server on a free port; prints the port
	_p=$(free_port)
	PYTHONPATH="$here" "$PY" -m aiosmtpd -n -l "127.0.0.1:$_p" \
	    -c "smtp_count.$1" >/dev/null 2>&1 &
	echo $! >>"$T/pids"
	wait_for 10 "'$PY' -c \"import socket; socket.create_connection(('127.0.0.1', $_p))\"" ||
	    fail "no SMTP server"
	echo "$_p"
}
trap 'kill $(cat "$T/pids" 2>/dev/null) 2>/dev/null; rm -rf "$T"' EXIT
conf() {	# port [extra]
	printf '[mail]\nsmtp_url = smtp://127.0.0.1:%s\nfrom = q@example.org\n[digest team]\nto = staff@example.org\n%s\n' \
	    "$1" "${2:-}" >"$T/q.conf"
}
q() { "$QT" -c "$T/q.conf" -d "$DB" --as-of 2026-11-28 "$@"; }
sent() { wc -l <"$QT_SMTP_LOG" | tr -d ' '; }
state() { sqlite3 "$DB" "SELECT state FROM digests ORDER BY id DESC LIMIT 1"; }

expect 0 "$QT" -d "$DB" import "$SAMPLE/Questions_ecrites.json.zip"

# 554: refused for good. The next runs send nothing and say why; --force
# tries again.
conf "$(smtpd Refuse)"
expect 69 q digest
has "$T/err" "answered 554"
[ "$(sent)" = 1 ] && pass || fail "554: $(sent) transmissions, want 1"
[ "$(state)" = failed ] && pass || fail "554: state $(state)"
expect 0 q digest
expect 0 q digest
has "$T/err" "was refused"
[ "$(sent)" = 1 ] && pass || fail "554 retried: $(sent) transmissions"
expect 69 q digest --force
[ "$(sent)" = 2 ] && pass || fail "--force after 554: $(sent)"

# 451: temporary. It waits before the next try (no retry every second);
# the wait over, it goes once.
: >"$QT_SMTP_LOG"
sqlite3 "$DB" "DELETE FROM digests"
conf "$(smtpd Later)"
expect 75 q digest
has "$T/err" "tried again from"
[ "$(state)" = retry ] && pass || fail "451: state $(state)"
expect 0 q digest
has "$T/out" "tried again from"
[ "$(sent)" = 1 ] && pass || fail "451 retried at once: $(sent)"
conf "$(smtpd Take)"
sqlite3 "$DB" "UPDATE digests SET next_try = 0"
expect 0 q digest
has "$T/out" "team: sent to staff@example.org"
[ "$(sent)" = 2 ] && pass || fail "the retry after 451: $(sent) transmissions, want 2"
[ "$(state)" = sent ] && pass || fail "after the retry: state $(state)"
n=$(sqlite3 "$DB" "SELECT count(*) FROM digests")
[ "$n" = 1 ] && pass || fail "$n digest records for one week"
expect 0 q digest
[ "$(sent)" = 2 ] && pass || fail "sent again after success: $(sent)"

# A database locked by another command when the digest is due: nothing
# leaves until the intent can be recorded, then exactly one message.
: >"$QT_SMTP_LOG"
sqlite3 "$DB" "DELETE FROM digests"
"$PY" - "$DB" "$T/locked" <<'PY' &
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN EXCLUSIVE")
open(sys.argv[2], "w").close()
time.sleep(8)
c.execute("ROLLBACK")
PY
lpid=$!
wait_for 5 "test -f '$T/locked'"
expect 75 q digest
[ "$(sent)" = 0 ] && pass || fail "a digest left while its record could not be written"
wait $lpid
expect 0 q digest
expect 0 q digest
[ "$(sent)" = 1 ] && pass || fail "after the lock: $(sent) transmissions, want 1"

# run, the daemon, with a server that refuses: one transmission in 8 s,
# not one a second.
: >"$QT_SMTP_LOG"
sqlite3 "$DB" "DELETE FROM digests"
day=$(LC_ALL=C TZ=Europe/Paris date +%A | tr 'A-Z' 'a-z')
hour=$(TZ=Europe/Paris date +%-H)
conf "$(smtpd Refuse)" "day = $day
hour = $hour"
"$QT" -c "$T/q.conf" -d "$DB" run 2>"$T/run.log" &
rpid=$!
echo $rpid >>"$T/pids"
wait_for 10 "test \"\$(wc -l <'$QT_SMTP_LOG')\" -ge 1" || fail "run sent nothing"
sleep $((8 * SLOW))
kill $rpid
wait $rpid 2>/dev/null
[ "$(sent)" = 1 ] && pass || fail "run and a 554: $(sent) transmissions in 8 s, want 1"
has "$T/run.log" "not tried again this week"

finish
