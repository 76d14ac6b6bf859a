# SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors.
# Helpers of the integration tests: run the real binary, count checks,
# fail with what went wrong. Sourced by each test script.
set -u
QT=${QETRACKER:?QETRACKER must name the qetracker binary}
DATA=${QT_TEST_DATA:?}
SAMPLE=${QT_SAMPLE:?}
PY=/usr/bin/python3
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export QETRACKER_CONFIG=/dev/null
checks=0
fails=0

# QT_VALGRIND=1 runs every qetracker of the test under valgrind's memcheck,
# each process with its own log in $T/vg; finish fails on any report (an
# error, a leak, or a block still reachable at exit but for the one of
# tests/valgrind.supp), even from a process whose exit status the test does
# not read, such as a daemon. Waits grow by QT_SLOW (default 1, 15 under
# valgrind), so a slower binary meets the same checks.
if [ -n "${QT_VALGRIND:-}" ]; then
	mkdir "$T/vg"
	# --vgdb=no: a process that drops root (serve as [general] user)
	# could not remove vgdb's pipes in /tmp, and valgrind would say so.
	# For the runs as nobody (feeds.sh): valgrind checks with the real
	# uid that it may run the program, and the build folder may be out
	# of nobody's reach (CI clones under a private folder).
	chmod 1777 "$T/vg"
	cp "$QT" "$T/qetracker.bin"
	cp "${QT_SRC:?}/tests/valgrind.supp" "$T/valgrind.supp"
	cat >"$T/qetracker-vg" <<EOF_VG
#!/bin/sh
exec valgrind --quiet --error-exitcode=99 --num-callers=40 --vgdb=no --leak-check=full \\
    --errors-for-leak-kinds=definite,possible,reachable \\
    --show-leak-kinds=definite,possible,reachable \\
    --suppressions="$T/valgrind.supp" \\
    --log-file="$T/vg/%p.log" "$T/qetracker.bin" "\$@"
EOF_VG
	chmod +x "$T/qetracker-vg"
	QT="$T/qetracker-vg"
	QT_SLOW=${QT_SLOW:-15}
fi
SLOW=${QT_SLOW:-1}

fail() {
	echo "FAIL: $*" >&2
	checks=$((checks + 1))
	fails=$((fails + 1))
}

pass() {
	checks=$((checks + 1))
}

# need WHAT CMD...: what the test needs (a tool, ../shared), true when
# CMD succeeds. Missing, the test is skipped (exit 77, meson's skip) in a
# developer's run and fails in CI (CI=true): nothing passes by vanishing.
need() {
	_need=$1
	shift
	"$@" >/dev/null 2>&1 && return 0
	if [ "${CI:-}" = true ]; then
		fail "$_need is missing (scripts/setup --test installs it)"
		finish
		exit 1
	fi
	echo "SKIP: $_need is missing (scripts/setup --test installs it)" >&2
	exit 77
}

# expect STATUS CMD...: runs CMD, output in $T/out and $T/err.
expect() {
	want=$1
	shift
	"$@" >"$T/out" 2>"$T/err"
	got=$?
	if [ "$got" -ne "$want" ]; then
		fail "$* exited $got, want $want; stderr: $(head -c 600 "$T/err")"
	else
		pass
	fi
}

# has FILE TEXT: the file contains the text (fixed string).
has() {
	if grep -qF -- "$2" "$1"; then
		pass
	else
		fail "$1 lacks \"$2\"; it holds: $(head -c 600 "$1")"
	fi
}

# lacks FILE TEXT
lacks() {
	if grep -qF -- "$2" "$1"; then
		fail "$1 holds \"$2\""
	else
		pass
	fi
}

# same A B: files are byte-identical
same() {
	if cmp -s "$1" "$2"; then
		pass
	else
		fail "$1 and $2 differ: $(diff "$1" "$2" | head -c 600)"
	fi
}

# poll_refused STATUS NAME TEXT CMD...: CMD (a poll of source NAME) exits
# STATUS, its message names the source and holds TEXT, and $DB is byte for
# byte as it was (its SHA-256 in $before).
poll_refused() {
	_st=$1 _name=$2 _text=$3
	shift 3
	expect "$_st" "$@"
	has "$T/err" "qetracker poll: $_name: "
	has "$T/err" "$_text"
	[ "$(sha256sum "$DB" | cut -d' ' -f1)" = "$before" ] && pass ||
	    fail "$_name: the database changed"
}

# wait_for SECONDS CONDITION: true once the shell condition holds, tried
# every 0.1 s for SECONDS (times QT_SLOW).
wait_for() {
	_wf=$(($1 * SLOW * 10))
	while [ $_wf -gt 0 ]; do
		sh -c "$2" >/dev/null 2>&1 && return 0
		sleep 0.1
		_wf=$((_wf - 1))
	done
	return 1
}

# Under QT_VALGRIND, what valgrind found in any process of the test.
vg_reports() {
	[ -d "$T/vg" ] || return 0
	for f in "$T"/vg/*.log; do
		[ -s "$f" ] || continue
		fail "valgrind: $(head -c 2000 "$f")"
	done
}

finish() {
	vg_reports
	echo "$checks checks, $fails failed"
	[ "$fails" -eq 0 ] && [ "$checks" -gt 0 ]
}

# start_serve DB [GLOBAL OPTIONS...]: `qetracker serve` on a free port,
# data checked every second, log in $T/serve.log; sets $port, $U (the base
# URL) and $pid, stops it on exit, and returns once /healthz answers.
start_serve() {
	sdb=$1
	shift
	port=$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	U="http://127.0.0.1:$port"
	printf '[serve]\ncheck_seconds = 1\n' >"$T/s.conf"
	"$QT" -c "$T/s.conf" -d "$sdb" "$@" serve --listen "127.0.0.1:$port" \
	    2>"$T/serve.log" &
	pid=$!
	trap 'kill $pid 2>/dev/null; rm -rf "$T"' EXIT
	wait_for 10 "curl -sf '$U/healthz'"
}

# A free TCP port on 127.0.0.1.
free_port() {
	"$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# start_upstream DIR: the parliaments' server (httpd.py serving DIR) and a
# mail server (aiosmtpd, each message a file of $T/mail), both on
# 127.0.0.1; sets $H (the HTTP base URL) and $mport, adds their pids to
# $T/pids (the caller's trap kills them), and returns once both answer.
start_upstream() {
	"$PY" "$(dirname "$0")/httpd.py" "$1" "$T/port" "$T/http.log" &
	echo $! >>"$T/pids"
	mport=$(free_port)
	"$PY" -m aiosmtpd -n -l "127.0.0.1:$mport" -c aiosmtpd.handlers.Mailbox \
	    "$T/mail" >/dev/null 2>&1 &
	echo $! >>"$T/pids"
	wait_for 10 "test -s '$T/port'" || fail "no HTTP server"
	wait_for 10 "'$PY' -c \"import socket; socket.create_connection(('127.0.0.1', $mport))\"" ||
	    fail "no SMTP server"
	H="http://127.0.0.1:$(cat "$T/port")"
}

# nginx_conf SITE: a main nginx configuration around SITE (a server
# block), with every path of its own under $T/ng, for nginx -p "$T/ng".
nginx_conf() {
	mkdir -p "$T/ng/logs" "$T/ng/tmp"
	cat <<EOF_NG
pid $T/ng/nginx.pid;
error_log $T/ng/logs/error.log;
events { worker_connections 64; }
http {
	include /etc/nginx/mime.types;
	default_type application/octet-stream;
	access_log $T/ng/logs/access.log;
	client_body_temp_path $T/ng/tmp/body;
	proxy_temp_path $T/ng/tmp/proxy;
	fastcgi_temp_path $T/ng/tmp/fastcgi;
	uwsgi_temp_path $T/ng/tmp/uwsgi;
	scgi_temp_path $T/ng/tmp/scgi;
	include $1;
}
EOF_NG
}

# chrome PROFILE ARGS...: headless Chromium with a profile of its own
# under $T, nothing fetched from the network but what ARGS ask.
chrome() {
	_p=$1
	shift
	timeout 60 chromium --headless --no-sandbox --disable-gpu --no-first-run \
	    --disable-background-networking --disable-component-update \
	    --disable-sync --disable-dev-shm-usage \
	    --user-data-dir="$T/chrome-$_p" "$@"
}
