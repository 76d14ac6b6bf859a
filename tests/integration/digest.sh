#!/bin/sh
# SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors.
# The digest through the real binary to a real SMTP server on 127.0.0.1
# (Debian's python3-aiosmtpd), read back with Python's email package; SMTP
# failures; once a week; sendmail; French and English.
. "$(dirname "$0")/lib.sh"
here=$(cd "$(dirname "$0")" && pwd)
DB="$T/q.db"


# smtpd DIR [HANDLER]: an SMTP server writing each mail into DIR.
smtpd() {
	port=$(free_port)
	# Its output goes to files: $(smtpd ...) waits for whoever holds stdout.
	if [ -n "${2:-}" ]; then
		PYTHONPATH="$here" "$PY" -m aiosmtpd -n -l "127.0.0.1:$port" \
		    -c "$2" >"$T/smtpd.out" 2>"$T/smtpd.err" &
	else
		"$PY" -m aiosmtpd -n -l "127.0.0.1:$port" \
		    -c aiosmtpd.handlers.Mailbox "$1" >"$T/smtpd.out" \
		    2>"$T/smtpd.err" &
	fi
	echo $! >>"$T/pids"
	i=0
	while ! "$PY" -c "import socket; socket.create_connection(('127.0.0.1', $port), 1)" \
	    2>/dev/null && [ $i -lt $((50 * SLOW)) ]; do
		sleep 0.1
		i=$((i + 1))
	done
	echo "$port"
}
trap 'kill $(cat "$T/pids" 2>/dev/null) 2>/dev/null; rm -rf "$T"' EXIT

conf() {	# port [lang]
	cat >"$T/q.conf" <<EOF_CONF
[general]
lang = ${2:-fr}
[mail]
smtp_url = smtp://127.0.0.1:$1
from = qetracker@example.org
[digest team]
to = staff@example.org, chef@example.org
group = LFI-NFP
intro = Bonjour.\n.\nBonne lecture.
EOF_CONF
}
q() { "$QT" -c "$T/q.conf" -d "$DB" --as-of 2026-11-28 "$@"; }
digests() { sqlite3 "$DB" "SELECT count(*) FROM digests WHERE state = 'sent'"; }

expect 0 "$QT" -d "$DB" import "$SAMPLE/Questions_ecrites.json.zip" \
    "$SAMPLE/AMO_deputes.json.zip"
port=$(smtpd "$T/mail")
conf "$port"
q report --group LFI-NFP --since 2026-11-21 --format json >"$T/report.json"
expect 0 q digest
has "$T/out" "team: sent to staff@example.org, chef@example.org"
expect 0 "$PY" "$here/check_mail.py" "$T/mail" "$T/report.json" fr
has "$T/out" " 0 problems"
[ "$(digests)" = 1 ] && pass || fail "digest not recorded"

# Once a week: a second run sends nothing; --force sends again.
expect 0 q digest
has "$T/out" "team: already sent this week (2026-W48)"
[ "$(ls "$T/mail/new" | wc -l)" -eq 1 ] && pass || fail "sent twice"
expect 0 q digest --force
[ "$(ls "$T/mail/new" | wc -l)" -eq 2 ] && pass || fail "--force did not send"

# --dry-run prints the message and records nothing.
n=$(digests)
expect 0 q digest --dry-run --to someone@example.org
has "$T/out" "To: someone@example.org"
has "$T/out" "Content-Type: multipart/alternative"
has "$T/out" "=2E"
[ "$(digests)" = "$n" ] && pass || fail "--dry-run recorded a digest"

# SMTP failures: nothing recorded; 75 when unreachable, 69 when refused.
conf "$(free_port)"
expect 75 q digest --force
has "$T/err" "qetracker digest: team: smtp://127.0.0.1:"
[ "$(digests)" = "$n" ] && pass || fail "a failed digest was recorded"
conf "$(smtpd "$T/none" smtp_reject.Reject)"
expect 69 q digest --force
has "$T/err" "the server answered 550"
[ "$(digests)" = "$n" ] && pass || fail "a refused digest was recorded"

# sendmail -t -oi.
cat >"$T/sendmail" <<'EOF_SM'
#!/bin/sh
[ "$1 $2" = "-t -oi" ] || exit 64
cat >"$(dirname "$0")/sent.eml"
EOF_SM
chmod +x "$T/sendmail"
conf 1
printf '[mail]\nmethod = sendmail\nsendmail = %s\n' "$T/sendmail" >>"$T/q.conf"
sed -i '/^\[mail\]$/,/^\[digest/{/^smtp_url/d}' "$T/q.conf"
expect 0 q digest --force
has "$T/sent.eml" "Subject: =?UTF-8?Q?QE_=3A_"
printf '#!/bin/sh\ncat >/dev/null\nexit 75\n' >"$T/sendmail"
expect 75 q digest --force

# In English.
rm -rf "$T/mail"
port=$(smtpd "$T/mail")
conf "$port" en
expect 0 q digest --force
"$QT" -c "$T/q.conf" -d "$DB" --as-of 2026-11-28 report --group LFI-NFP \
    --since 2026-11-28 --format json >"$T/report-en.json"
expect 0 "$PY" "$here/check_mail.py" "$T/mail" "$T/report-en.json" en
has "$T/out" " 0 problems"

# A digest of the whole data, whose week holds answers, newly overdue
# questions and questions due soon: each listed as staff read them, in
# the parsed message and in a browser (the screenshot is kept).
rm -rf "$T/mail"
port=$(smtpd "$T/mail")
conf "$port"
sed -i '/^group = /d' "$T/q.conf"
expect 0 q digest --force
q report --since 2026-11-21 --format json >"$T/report-all.json"
"$PY" -c 'import json, sys; r = json.load(open(sys.argv[1])); assert r["answered"] and r["due_soon"] and r["counts"]["newly_overdue"]' \
    "$T/report-all.json" && pass || fail "the sample's week has nothing to tell"
expect 0 "$PY" "$here/check_mail.py" "$T/mail" "$T/report-all.json" fr
has "$T/out" " 0 problems"
if command -v chromium >/dev/null; then
	mkdir -p "$QT_ARTIFACTS"
	"$PY" - "$T/mail" "$T/digest.html" <<'PY'
import email, email.policy, mailbox, sys
box = mailbox.Maildir(sys.argv[1], create=False)
m = email.message_from_bytes(box.get_bytes(next(iter(box.keys()))),
                             policy=email.policy.default)
open(sys.argv[2], "w", encoding="utf-8").write(
    m.get_body(("html",)).get_content())
PY
	chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
	    --window-size=900,2400 --screenshot="$QT_ARTIFACTS/digest.png" \
	    "file://$T/digest.html" >/dev/null 2>&1
	chromium --headless --no-sandbox --disable-gpu --dump-dom \
	    "file://$T/digest.html" >"$T/digest.dom" 2>/dev/null
	[ -s "$QT_ARTIFACTS/digest.png" ] && pass || fail "no screenshot of the digest"
	has "$T/digest.dom" "Répondues sur la période"
	has "$T/digest.dom" "Échéance sous 14 jours"
	has "$T/digest.dom" "peut être signalée par un président de groupe"
else
	need chromium false
fi

# Configuration errors.
printf '[digest x]\nday = someday\n' >"$T/bad.conf"
expect 78 "$QT" -c "$T/bad.conf" -d "$DB" digest
has "$T/err" "[digest x]: day = \"someday\""
has "$T/err" "[digest x]: no recipient"

# A filter that matches no known group or member is the admin's error,
# at its line, before anything is recorded or sent: not "0 overdue" every
# week. "LFI", the way staff write it, is LFI-NFP.
n=$(sqlite3 "$DB" "SELECT count(*) FROM digests")
printf '[mail]\nsmtp_url = smtp://127.0.0.1:9\n\n[digest typo]\nto = a@example.org\ngroup = LFII\n' \
    >"$T/typo.conf"
expect 78 "$QT" -c "$T/typo.conf" -d "$DB" digest
has "$T/err" "typo.conf:5: [digest typo] group = \"LFII\" matches no group the database knows (closest: LFI-NFP"
expect 78 "$QT" -c "$T/typo.conf" -d "$DB" digest --dry-run
# qetracker config says it too, once there is a database to compare.
expect 78 "$QT" -c "$T/typo.conf" -d "$DB" config
has "$T/err" "qetracker config: $T/typo.conf:5: [digest typo] group = \"LFII\" matches no group"
expect 0 "$QT" -c "$T/typo.conf" -d "$T/none.db" config
[ ! -e "$T/none.db" ] && pass || fail "config created a database"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM digests")" = "$n" ] && pass ||
    fail "a digest with a bad filter was recorded"
printf '[digest lfi]\nto = a@example.org\ngroup = LFI\n' >"$T/lfi.conf"
expect 0 "$QT" -c "$T/lfi.conf" -d "$DB" --as-of 2026-11-28 digest --dry-run
grep '^Subject:' "$T/out" >"$T/lfi.subject"
grep -q 'en_retard' "$T/lfi.subject" && pass || fail "LFI digest: $(cat "$T/lfi.subject")"
printf '[digest lfi]\nto = a@example.org\ngroup = LFI-NFP\n' >"$T/lfi.conf"
expect 0 "$QT" -c "$T/lfi.conf" -d "$DB" --as-of 2026-11-28 digest --dry-run
grep '^Subject:' "$T/out" | cmp -s - "$T/lfi.subject" && pass ||
    fail "group = LFI is not group = LFI-NFP"

# Display names: From and To carry them (RFC 2047 where not ASCII), the
# SMTP envelope only the bare addresses (the whole string got a 501);
# Message-ID takes the sender's domain; List-Id names the digest and
# List-Unsubscribe the sender.
export QT_SMTP_LOG="$T/env.log"
: >"$QT_SMTP_LOG"
port=$(smtpd "$T/unused" smtp_count.Envelope)
cat >"$T/names.conf" <<EOF_CONF
[mail]
smtp_url = smtp://127.0.0.1:$port
from = Veille QE <veille@veille.example.org>
[digest Equipe_Dupont]
to = Équipe Dupont <staff@example.org>, "Chef, cabinet" <chef@example.org>, direct@example.org
group = LFI-NFP
EOF_CONF
expect 0 "$QT" -c "$T/names.conf" -d "$DB" --as-of 2026-11-28 digest
[ "$(cat "$QT_SMTP_LOG")" = "from veille@veille.example.org
rcpt staff@example.org
rcpt chef@example.org
rcpt direct@example.org" ] && pass || fail "envelope: $(cat "$QT_SMTP_LOG")"
"$PY" - "$QT_SMTP_LOG.eml" >"$T/names.out" 2>&1 <<'PY'
import email, email.policy, sys
m = email.message_from_bytes(open(sys.argv[1], "rb").read(),
                             policy=email.policy.default)
f = m["From"].addresses[0]
print("from", f.display_name, f.addr_spec)
for a in m["To"].addresses:
    print("to", a.display_name, a.addr_spec)
print("message-id", m["Message-ID"])
print("list-id", m["List-Id"])
print("list-unsubscribe", m["List-Unsubscribe"])
print("subject", m["Subject"])
PY
has "$T/names.out" "from Veille QE veille@veille.example.org"
has "$T/names.out" "to Équipe Dupont staff@example.org"
has "$T/names.out" "to Chef, cabinet chef@example.org"
has "$T/names.out" "to  direct@example.org"
grep -q '^message-id <qetracker\..*@veille\.example\.org>$' "$T/names.out" &&
    pass || fail "Message-ID: $(cat "$T/names.out")"
has "$T/names.out" "list-id <equipe-dupont.digest.veille.example.org>"
has "$T/names.out" "list-unsubscribe <mailto:veille@veille.example.org?subject=unsubscribe>"
# The subject says what changed, then which digest it is.
grep -Eq '^subject QE : [0-9]+ en retard, [0-9]+ nouvelles? réponses?(, [0-9]+ nouvellement en retard)? — Equipe_Dupont$' \
    "$T/names.out" && pass || fail "subject: $(grep subject "$T/names.out")"
# A bad address is the admin's error, named, before anything is sent.
sed 's/^to = .*/to = Équipe <staff@example.org/' "$T/names.conf" >"$T/bad-to.conf"
expect 78 "$QT" -c "$T/bad-to.conf" -d "$DB" --as-of 2026-11-28 digest
has "$T/err" "bad-to.conf:5: [digest Equipe_Dupont] to: \"Équipe <staff@example.org\" is not an address"
sed 's/^from = .*/from = Veille QE/' "$T/names.conf" >"$T/bad-from.conf"
expect 78 "$QT" -c "$T/bad-from.conf" -d "$DB" config
has "$T/err" "[mail] from = Veille QE: not an address"
# ... and so is it before any database exists (a fresh install's check).
expect 78 "$QT" -c "$T/bad-to.conf" -d "$T/none.db" config
has "$T/err" "bad-to.conf:5: [digest Equipe_Dupont] to: \"Équipe <staff@example.org\" is not an address"
[ ! -e "$T/none.db" ] && pass || fail "config created a database"
[ "$(wc -l <"$QT_SMTP_LOG")" -eq 4 ] && pass || fail "a bad address sent mail"

finish
