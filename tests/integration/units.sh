#!/bin/sh
# The systemd units pass systemd-analyze verify (pointed at the built
# binary, since verify checks that ExecStart exists), and the crontab
# example names only commands that exist.
. "$(dirname "$0")/lib.sh"
need systemd-analyze command -v systemd-analyze
for u in "$QT_SRC"/config/systemd/*; do
	sed "s|/usr/bin/qetracker|$QT|g" "$u" >"$T/$(basename "$u")"
done
expect 0 systemd-analyze verify --man=no "$T/qetracker.service" \
    "$T/qetracker-poll.service" "$T/qetracker-poll.timer"
[ ! -s "$T/err" ] && pass || fail "systemd-analyze: $(cat "$T/err")"
has "$QT_SRC/config/systemd/qetracker.service" "ExecReload=/bin/kill -HUP \$MAINPID"
has "$QT_SRC/config/systemd/qetracker.service" "NoNewPrivileges=yes"
has "$QT_SRC/config/systemd/qetracker.service" "ProtectSystem=strict"
has "$QT_SRC/config/systemd/qetracker.service" "PrivateTmp=yes"
grep -v '^#' "$QT_SRC/config/crontab.example" | grep -o 'qetracker -q [a-z]*' |
    sed 's/qetracker -q //' | sort -u >"$T/cmds"
while read -r c; do
	expect 0 "$QT" help "$c"
done <"$T/cmds"
finish
