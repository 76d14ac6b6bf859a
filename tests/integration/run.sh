#!/bin/sh
# SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors.
# The scheduler daemon through the real binary, driven by configuration
# (short intervals, the digest due now) rather than by waiting: it polls
# a real HTTP server, exports, sends the digest to a real SMTP server,
# serves, picks up a new dump, reloads on SIGHUP (keeping a bad
# configuration out), refuses a second instance, and stops on SIGTERM
# within 5 s, even in the middle of a download.
. "$(dirname "$0")/lib.sh"
here=$(cd "$(dirname "$0")" && pwd)
DB="$T/q.db"

mkdir -p "$T/www"
cp "$SAMPLE/Questions_ecrites.json.zip" "$T/www/an17.zip"
trap 'kill $(cat "$T/pids") 2>/dev/null; rm -rf "$T"' EXIT
start_upstream "$T/www"
sport=$(free_port)
day=$(LC_ALL=C TZ=Europe/Paris date +%A | tr 'A-Z' 'a-z')
hour=$(TZ=Europe/Paris date +%-H)

conf() {	# extra text appended
	cat >"$T/q.conf" <<EOF_CONF
[poll]
retry_delay_ms = 50
[source an17]
kind = an-dump
url = http://127.0.0.1:$(cat "$T/port")/an17.zip
interval = 2s
retries = 0
[run]
export_dir = $T/site
serve = yes
[serve]
listen = 127.0.0.1:$sport
check_seconds = 1
[mail]
smtp_url = smtp://127.0.0.1:$mport
[digest team]
to = staff@example.org
day = $day
hour = $hour
${1:-}
EOF_CONF
}
conf
expect 0 "$QT" -c "$T/q.conf" run -n
has "$T/out" "poll an17 (an-dump) every 2 s"
has "$T/out" "digest team on $day at $hour:00 to staff@example.org"

"$QT" -c "$T/q.conf" -d "$DB" run 2>"$T/run.log" &
pid=$!
echo $pid >>"$T/pids"
wait_for 20 "test -f '$T/site/all.ics'" && pass || fail "no export: $(cat "$T/run.log")"
wait_for 20 "ls '$T/mail/new' | grep -q ." && pass || fail "no digest sent"
wait_for 10 "curl -sf http://127.0.0.1:$sport/all.ics" && pass || fail "not serving"
has "$T/run.log" "poll an17: 151 questions, 151 new"
has "$T/run.log" "digest team sent to staff@example.org"

# A second instance refuses to start.
expect 75 "$QT" -c "$T/q.conf" -d "$DB" run
has "$T/err" "another qetracker run is running"

# A new dump: polled, exported and served without a restart.
"$PY" - "$T/www/an17.zip" "$T/v2.zip" <<'PY'
import json, sys, zipfile
src = zipfile.ZipFile(sys.argv[1])
with zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_DEFLATED) as out:
    for info in src.infolist():
        data = src.read(info)
        if info.filename.endswith("QE6750.json"):
            q = json.loads(data)
            jo = {"typeJO": "JO_QUESTION", "dateJO": "2026-11-24", "pageJO": "9"}
            q["question"]["textesReponse"] = {"texteReponse": {"infoJO": jo, "texte": "R."}}
            data = json.dumps(q).encode()
        out.writestr(info, data)
PY
etag=$(curl -sI "http://127.0.0.1:$sport/all.ics" | sed -n 's/^ETag: \(.*\)\r$/\1/Ip')
cp "$T/v2.zip" "$T/www/an17.zip"
wait_for 20 "grep -q 'Répondue le 24 novembre 2026 — Échéance QE 6750' '$T/site/all.ics'" &&
    pass || fail "the new dump was not exported"
wait_for 10 "curl -s http://127.0.0.1:$sport/all.ics | grep -q 'Répondue le 24 novembre 2026 — Échéance QE 6750'" &&
    pass || fail "the new dump was not served"
[ "$(curl -sI "http://127.0.0.1:$sport/all.ics" | sed -n 's/^ETag: \(.*\)\r$/\1/Ip')" != "$etag" ] &&
    pass || fail "same ETag after a change"
[ "$(ls "$T/mail/new" | wc -l)" -eq 1 ] && pass || fail "the digest went more than once"

# SIGHUP: a good configuration is taken, a bad one kept out.
conf "[digest other]
to = other@example.org
day = $day
hour = $hour"
kill -HUP $pid
wait_for 10 "grep -q 'configuration reloaded: 1 sources, 2 digests' '$T/run.log'" &&
    pass || fail "no reload: $(tail -n 3 "$T/run.log")"
wait_for 10 "ls '$T/mail/new' | wc -l | grep -q 2" && pass ||
    fail "the reloaded digest was not sent"
# A reload that brings a rules file: the deadlines follow it (6750, from
# 2025-05-20, is due 2025-08-20 with three months), and the feeds are
# exported again.
sed 's/^period = 2 months$/period = 3 months/' "$QT_SRC/config/rules.conf" \
    >"$T/rules.conf"
exports=$(grep -c 'exported' "$T/run.log")
conf "[digest other]
to = other@example.org
day = $day
hour = $hour
[rules]
file = rules.conf"
kill -HUP $pid
wait_for 10 "grep -q 'deadlines recomputed' '$T/run.log'" && pass ||
    fail "the reload did not recompute the deadlines: $(tail -n 3 "$T/run.log")"
[ "$(sqlite3 "$DB" "SELECT deadline FROM questions WHERE number = 6750")" = 2025-08-20 ] &&
    pass || fail "6750's deadline did not follow the rules file"
wait_for 10 "[ \$(grep -c exported '$T/run.log') -gt $exports ]" && pass ||
    fail "no export after the rules changed"
printf '[source broken]\nkind = nothing\n' >>"$T/q.conf"
kill -HUP $pid
wait_for 10 "grep -q 'the configuration was kept' '$T/run.log'" && pass ||
    fail "a bad configuration was not refused: $(grep -A30 'ERROR: AddressSanitizer' "$T/run.log" | head -40)"
curl -sf "http://127.0.0.1:$sport/all.ics" >/dev/null && pass ||
    fail "no longer serving after reloads"

# SIGTERM: exit 0 within 5 s.
kill -TERM $pid
wait_for 5 "! kill -0 $pid" && pass || fail "still running 5 s after SIGTERM"
wait $pid
st=$?
[ $st -eq 0 ] && pass || fail "run exited $st on SIGTERM: $(tail -n 5 "$T/run.log")"

# SIGTERM in the middle of a slow download: still 0 within 5 s, and the
# database as it was.
conf
cp "$SAMPLE/Questions_ecrites.json.zip" "$T/www/other.zip"
sed -i "s|/an17.zip|/slow/other.zip|; s|^interval = 2s|interval = 1h\ntimeout = 60|" "$T/q.conf"
sed -i '/^\[digest/,$d' "$T/q.conf"
sed -i 's/^serve = yes/serve = no/' "$T/q.conf"
# (back to the built-in rules first, as this daemon's configuration has)
"$QT" -q -d "$DB" init >/dev/null
before=$(sha256sum "$DB" | cut -d' ' -f1)
sqlite3 "$DB" .dump >"$T/before.sql"
"$QT" -c "$T/q.conf" -d "$DB" run 2>"$T/run2.log" &
pid=$!
# The server sends a byte a second for 30 s: kill once the request is in.
wait_for 20 "grep -q '^GET /slow/other.zip' '$T/http.log'" ||
    fail "the slow download never started"
sleep 1
kill -TERM $pid
wait_for 5 "! kill -0 $pid" && pass || fail "a download held SIGTERM back"
wait $pid
[ $? -eq 0 ] && pass || fail "run exited non-zero during a download"
[ "$(sha256sum "$DB" | cut -d' ' -f1)" = "$before" ] && pass ||
    fail "an interrupted poll changed the database: $(sqlite3 "$DB" .dump | diff "$T/before.sql" - | head -5) $(cat "$T/run2.log")"

finish
