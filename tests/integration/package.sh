#!/bin/sh
# SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors.
# The Debian package, as an admin meets it: dpkg-buildpackage builds it
# from a copy of the tree, lintian finds no error and no warning, and on
# this machine dpkg installs it (the user, its folders, the conffile, the
# units, the daemon enabled and the timer not), the qetracker user runs
# init, import and export with the shipped configuration, and removing
# then purging it leaves the system as it was: the same files in /etc,
# /usr, /lib and /var, the same users and groups.
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

expect 0 dpkg -r qetracker
[ ! -e /usr/bin/qetracker ] && pass || fail "the program stayed after remove"
[ -f /etc/qetracker.conf ] && [ -f /var/lib/qetracker/qetracker.db ] && pass ||
    fail "remove took the configuration or the data"
expect 0 dpkg -P qetracker
snapshot "$T/after"
diff "$T/before" "$T/after" >"$T/left" && pass ||
    fail "purge left: $(head -20 "$T/left")"
finish
