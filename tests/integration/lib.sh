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

fail() {
	echo "FAIL: $*" >&2
	checks=$((checks + 1))
	fails=$((fails + 1))
}

pass() {
	checks=$((checks + 1))
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

finish() {
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
	i=0
	while ! curl -sf "$U/healthz" >/dev/null 2>&1 && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
}
