#!/bin/sh
# SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors.
# The Debian package, as an admin meets it: dpkg-buildpackage builds it
# from a copy of the tree, lintian finds no error and no warning, and on
# this machine dpkg installs it (the user, its folders, the conffile, the
# units, the daemon enabled and the timer not), the qetracker user runs
# init, import and export with the shipped configuration; with only the
# configuration edited, as the README says, the daemon polls, exports and
# sends the digest, and the example nginx site serves the feeds; and
# removing then purging it leaves the system as it was: the same files in
# /etc, /usr, /lib and /var, the same users and groups.
. "$(dirname "$0")/lib.sh"
need dpkg-buildpackage command -v dpkg-buildpackage
need lintian command -v lintian
need "root (dpkg installs on this machine)" test "$(id -u)" -eq 0
need systemd-sysusers command -v systemd-sysusers
# Never over an admin's own install or user: this test purges.
if dpkg-query -W -f='${Status}' qetracker 2>/dev/null | grep -q installed ||
    getent passwd qetracker >/dev/null || [ -e /var/lib/qetracker ]; then
	fail "qetracker is installed here (or its user or state folder exists): not purging it"
	finish
	exit 1
fi

# A copy of the tree: the build writes debian/ and obj-*/ in it and the
# .deb beside it. ../shared beside the copy, for the unit tests.
src="$T/src/qetracker"
mkdir -p "$src"
if git -C "$QT_SRC" rev-parse >/dev/null 2>&1; then
	(cd "$QT_SRC" && git ls-files -co --exclude-standard | grep -v '^build' |
	    tar -cf - -T -) | tar -xf - -C "$src"
else
	(cd "$QT_SRC" && tar -cf - --exclude='./build*' .) | tar -xf - -C "$src"
fi
[ -d "${QT_SHARED:-}" ] && ln -s "$(cd "$QT_SHARED" && pwd)" "$T/src/shared"
(cd "$src" && dpkg-buildpackage -us -uc -b) >"$T/build.log" 2>&1 && pass ||
    fail "dpkg-buildpackage: $(tail -20 "$T/build.log")"
deb=$(ls "$T"/src/qetracker_*_*.deb 2>/dev/null | head -1)
[ -n "$deb" ] && pass || { fail "no .deb built"; finish; exit 1; }
case "$deb" in *"qetracker_$(cat "$QT_SRC/VERSION")_"*) pass ;;
*) fail "$deb is not version $(cat "$QT_SRC/VERSION")" ;; esac
grep -q 'unit-date .*OK' "$T/build.log" && pass ||
    fail "dh_auto_test did not run the unit tests"

lintian --fail-on error,warning "$T"/src/qetracker_*.changes >"$T/lintian" 2>&1 &&
    pass || fail "lintian: $(cat "$T/lintian")"
grep -E '^[EW]: ' "$T/lintian" >"$T/lw"
[ ! -s "$T/lw" ] && pass || fail "lintian: $(cat "$T/lw")"

snapshot() {	# FILE: the files of the system and its users and groups
	find /etc /usr /lib /var -xdev \( -path /var/log -o -path /var/tmp \
	    -o -path /var/cache/apt -o -path /var/lib/apt \
	    -o -path /var/cache/man -o -path '/tmp' \) -prune -o -print |
	    grep -v '^/var/lib/dpkg/\(status\|status-old\|available\|lock.*\|triggers/.*\)$' |
	    sort >"$1"
	cut -d: -f1 /etc/passwd /etc/group | sort >>"$1"
}
snapshot "$T/before"

# However the test ends, what it installed goes: its processes, then the
# package (purged), as the checks below expect of dpkg -P.
cleanup() {
	[ -f "$T/installed" ] || return 0
	pkill -u qetracker 2>/dev/null
	sleep 0.5
	pkill -9 -u qetracker 2>/dev/null
	dpkg -P qetracker >/dev/null 2>&1
	rm -f "$T/installed"
}
trap 'cleanup; rm -rf "$T"' EXIT
: >"$T/installed"
expect 0 dpkg -i "$deb"
getent passwd qetracker >/dev/null && pass || fail "no qetracker user"
expect 0 stat -c '%U:%G %a' /var/lib/qetracker /var/www/qetracker
printf 'qetracker:qetracker 750\nqetracker:qetracker 755\n' | diff - "$T/out" >/dev/null &&
    pass || fail "the folders: $(cat "$T/out")"
dpkg-query -W -f='${Conffiles}\n' qetracker >"$T/conffiles"
has "$T/conffiles" "/etc/qetracker.conf"
for u in qetracker.service qetracker-poll.service qetracker-poll.timer; do
	[ -f "/lib/systemd/system/$u" ] && pass || fail "$u not installed"
done
expect 0 systemd-analyze verify --man=no /lib/systemd/system/qetracker.service
[ -L /etc/systemd/system/multi-user.target.wants/qetracker.service ] &&
    pass || fail "the daemon is not enabled"
[ ! -e /etc/systemd/system/timers.target.wants/qetracker-poll.timer ] &&
    pass || fail "the timer is enabled beside the daemon"
expect 0 /usr/bin/qetracker version
has "$T/out" "qetracker $(cat "$QT_SRC/VERSION")"
expect 0 man -w qetracker.conf
[ -s /usr/share/locale/fr/LC_MESSAGES/qetracker.mo ] && pass ||
    fail "no French catalogue"

# As the units run it: the qetracker user, its state folder, the shipped
# configuration; the export into the root's site folder.
as_qt() {
	setpriv --reuid=qetracker --regid=qetracker --init-groups \
	    env -u QETRACKER_CONFIG HOME=/var/lib/qetracker XDG_DATA_HOME=/var/lib \
	    XDG_CACHE_HOME=/var/cache LC_ALL=C.UTF-8 "$@"
}
smp=/usr/share/doc/qetracker/sample
expect 0 as_qt /usr/bin/qetracker -c /etc/qetracker.conf config
expect 0 as_qt /usr/bin/qetracker -c /etc/qetracker.conf init
[ -f /var/lib/qetracker/qetracker.db ] && pass ||
    fail "init made no /var/lib/qetracker/qetracker.db: $(cat "$T/out")"
expect 0 as_qt /usr/bin/qetracker -c /etc/qetracker.conf import \
    "$smp/Questions_ecrites.json.zip" "$smp/AMO_deputes.json.zip" \
    "$smp/questions-depuis-un-an.csv"
expect 0 as_qt sh -c 'umask 077; exec /usr/bin/qetracker -c /etc/qetracker.conf export /var/www/qetracker/site'
[ -f /var/www/qetracker/site/all.ics ] && pass || fail "no export"
expect 0 stat -c '%a' /var/www/qetracker/site/all.ics /var/lib/qetracker/qetracker.db
printf '644\n600\n' | diff - "$T/out" >/dev/null && pass ||
    fail "modes of the feed and the database: $(cat "$T/out")"

# The README's path, with only the configuration edited: the daemon as
# the unit runs it polls (a local server in the parliaments' place),
# exports, sends the digest (a local SMTP server), and the example nginx
# site serves the feeds.
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$T/www"
cp "$smp/Questions_ecrites.json.zip" "$smp/AMO_deputes.json.zip" \
    "$smp/questions-depuis-un-an.csv" "$T/www/"
trap 'kill $(cat "$T/pids") 2>/dev/null; [ -s "$T/ng/nginx.pid" ] && kill "$(cat "$T/ng/nginx.pid")"; cleanup; rm -rf "$T"' EXIT
start_upstream "$T/www"
day=$(LC_ALL=C TZ=Europe/Paris date +%A | tr 'A-Z' 'a-z')
hour=$(TZ=Europe/Paris date +%-H)
sed -i -e "s|^url = https://data.assemblee-nationale.fr/.*/17/questions/.*|url = $H/Questions_ecrites.json.zip|" \
    -e "s|^url = https://data.assemblee-nationale.fr/.*/amo/.*|url = $H/AMO_deputes.json.zip|" \
    -e "s|^url = https://data.senat.fr/.*|url = $H/questions-depuis-un-an.csv|" \
    -e '/^\[source an1[456]\]/,/^$/d' \
    -e 's|^export_dir =$|export_dir = /var/www/qetracker/site|' \
    -e "s|^smtp_url = .*|smtp_url = smtp://127.0.0.1:$mport|" \
    -e '/^;\[digest bernalicis\]/,$ s/^;//' \
    -e "s|^day = monday|day = $day|" -e "s|^hour = 8|hour = $hour|" \
    /etc/qetracker.conf
expect 0 as_qt /usr/bin/qetracker run -n
has "$T/out" "digest bernalicis on $day at $hour:00 to collaborateur@example.org"
rm -rf /var/www/qetracker/site
# setpriv and env exec: $! is qetracker's own pid.
setpriv --reuid=qetracker --regid=qetracker --init-groups \
    env -u QETRACKER_CONFIG HOME=/var/lib/qetracker XDG_DATA_HOME=/var/lib \
    XDG_CACHE_HOME=/var/cache LC_ALL=C.UTF-8 /usr/bin/qetracker -v run \
    2>"$T/run.log" &
rpid=$!
wait_for 60 "test -f /var/www/qetracker/site/all.ics" && pass ||
    fail "run exported nothing: $(tail -5 "$T/run.log")"
wait_for 30 "ls '$T/mail/new' 2>/dev/null | grep -q ." && pass ||
    fail "run sent no digest: $(tail -5 "$T/run.log")"
kill -TERM $rpid
wait $rpid && pass || fail "run did not stop cleanly"
has "$T/run.log" "poll an17:"
has "$T/run.log" "poll senat:"
has "$T/run.log" "digest bernalicis sent to collaborateur@example.org"
"$PY" - "$T/mail/new" <<'PY' && pass || fail "the digest as read: wrong"
import email, email.policy, os, sys
d = sys.argv[1]
m = email.message_from_binary_file(open(os.path.join(d, os.listdir(d)[0]), "rb"),
                                   policy=email.policy.default)
assert m["To"].addresses[0].addr_spec == "collaborateur@example.org", m["To"]
body = m.get_body(("plain",)).get_content()
assert "Bernalicis" in body, body[:400]
PY
mkdir -p "$T/ng"
chmod 755 "$T"
nport=$(free_port)
sed -e "s|listen 80;|listen 127.0.0.1:$nport;|" -e '/listen \[::\]:80;/d' \
    /usr/share/doc/qetracker/examples/qetracker.nginx >"$T/ng/site.conf"
nginx_conf "$T/ng/site.conf" >"$T/ng/nginx.conf"
if command -v nginx >/dev/null; then
	nginx -p "$T/ng" -c "$T/ng/nginx.conf" && pass || fail "nginx did not start"
	wait_for 10 "curl -s -o /dev/null http://127.0.0.1:$nport/" || true
	curl -s -o "$T/served.ics" "http://127.0.0.1:$nport/author/PA720430.ics"
	has "$T/served.ics" "QANR5L17QE6750"
	kill "$(cat "$T/ng/nginx.pid")" && rm -f "$T/ng/nginx.pid"
else
	fail "nginx is missing (scripts/setup --test installs it)"
fi

expect 0 dpkg -r qetracker
[ ! -e /usr/bin/qetracker ] && pass || fail "the program stayed after remove"
[ -f /etc/qetracker.conf ] && [ -f /var/lib/qetracker/qetracker.db ] && pass ||
    fail "remove took the configuration or the data"
expect 0 dpkg -P qetracker
rm -f "$T/installed"
snapshot "$T/after"
diff "$T/before" "$T/after" >"$T/left" && pass ||
    fail "purge left: $(head -20 "$T/left")"
finish
