#!/bin/sh
# SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors.
# poll over https against local TLS servers (httpd.py --tls), with a CA
# made for the test: a trusted certificate works, through [poll] ca_file
# and through a redirect from http; every TLS failure (a certificate the
# system does not trust, another host's, an expired one, a handshake cut
# short, an unreadable ca_file) gets its exit status, a message naming the
# URL and what libcurl found, and the database byte for byte as it was.
. "$(dirname "$0")/lib.sh"
here=$(cd "$(dirname "$0")" && pwd)
DB="$T/q.db"
mkdir -p "$T/www" "$T/ca"
cp "$SAMPLE/Questions_ecrites.json.zip" "$T/www/v1.zip"

# A CA, and three server certificates signed by it: for 127.0.0.1, for
# another name, and one that expired in 2020 (openssl ca, since x509 -req
# of OpenSSL 3.0 cannot date a certificate in the past).
C="$T/ca"
: >"$C/index.txt"
echo 1000 >"$C/serial"
cat >"$C/ca.cnf" <<EOF
[ca]
default_ca = test
[test]
database = $C/index.txt
new_certs_dir = $C
serial = $C/serial
default_md = sha256
policy = any
copy_extensions = copy
unique_subject = no
[any]
commonName = supplied
EOF
ossl() { openssl "$@" >>"$T/openssl.log" 2>&1 || fail "openssl $*: $(tail -n 3 "$T/openssl.log")"; }
ossl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
    -keyout "$C/ca.key" -out "$C/ca.pem" -days 3 -subj "/CN=qetracker test CA"
# leaf NAME SAN DATES...: a key and a certificate signed by the CA.
leaf() {
	ossl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
	    -keyout "$C/$1.key" -out "$C/$1.csr" -subj "/CN=$1" \
	    -addext "subjectAltName=$2"
	n=$1
	shift 2
	ossl ca -batch -notext -config "$C/ca.cnf" -cert "$C/ca.pem" \
	    -keyfile "$C/ca.key" -in "$C/$n.csr" -out "$C/$n.pem" "$@"
}
leaf good "IP:127.0.0.1,DNS:localhost" -days 3
leaf other "DNS:other.invalid" -days 3
leaf expired "IP:127.0.0.1,DNS:localhost" -startdate 20200101000000Z \
    -enddate 20200201000000Z

# serve NAME ARGS...: an httpd.py on a free port; sets $port.
pids=""
trap 'kill $pids 2>/dev/null; rm -rf "$T"' EXIT
serve() {
	n=$1
	shift
	"$PY" "$here/httpd.py" "$T/www" "$T/$n.port" "$T/$n.log" "$@" \
	    2>"$T/$n.err" &
	pids="$pids $!"
		wait_for 10 "test -s '$T/$n.port'"
	port=$(cat "$T/$n.port")
}
serve good --tls "$C/good.pem" "$C/good.key"
good=$port
serve other --tls "$C/other.pem" "$C/other.key"
other=$port
serve expired --tls "$C/expired.pem" "$C/expired.key"
expired=$port
serve cut --tls-cut
cut=$port
serve plain
plain=$port

# conf NAME URL [CA]: a config with one source, and ca_file if given.
conf() {
	printf '[poll]\nretry_delay_ms = 50\n%s\n[source %s]\nkind = an-dump\nurl = %s\nretries = 2\ntimeout = 10\n' \
	    "${3:+ca_file = $3}" "$1" "$2" >"$T/$1.conf"
}
p() { n=$1; shift; "$QT" -c "$T/$n.conf" -d "$DB" --as-of 2026-11-28 poll "$@"; }

# The CA is trusted through ca_file: the dump comes over TLS, and the
# next poll is a conditional request answered 304.
conf tls "https://127.0.0.1:$good/v1.zip" "$C/ca.pem"
expect 0 p tls
has "$T/out" "tls: 151 questions, 151 changed: 151 new"
expect 0 p tls
has "$T/out" "tls: not modified (304)"
[ "$(grep -c '^GET /v1.zip ' "$T/good.log")" -eq 2 ] && pass ||
    fail "the TLS server saw $(grep -c '^GET /v1.zip ' "$T/good.log") requests, want 2"

# A redirect from http to https is followed (one to http is refused:
# poll.sh); the https leg is checked against the CA like any other.
cp "$T/www/v1.zip" "$T/www/moved.zip"
conf redir "http://127.0.0.1:$plain/to/https/$good/moved.zip" "$C/ca.pem"
expect 0 p redir
has "$T/out" "redir: 151 questions"
grep -q '^GET /moved.zip ' "$T/good.log" && pass ||
    fail "the redirect did not reach the https server"

# Failures: status, message, database unchanged, retried or not.
before=$(sha256sum "$DB" | cut -d' ' -f1)
while read -r name status ca url text; do
	[ "$ca" = - ] && ca=
	conf "$name" "$url" "$ca"
	poll_refused "$status" "$name" "$text" p "$name"
done <<EOF_CASES
untrusted 69 - https://127.0.0.1:$good/v1.zip https://127.0.0.1:$good/v1.zip: the server's TLS certificate is refused: SSL certificate problem: unable to get local issuer certificate
wrongname 69 $C/ca.pem https://127.0.0.1:$other/v1.zip no alternative certificate subject name matches target host name '127.0.0.1'
expired 69 $C/ca.pem https://127.0.0.1:$expired/v1.zip SSL certificate problem: certificate has expired
cut 69 $C/ca.pem https://127.0.0.1:$cut/v1.zip https://127.0.0.1:$cut/v1.zip: TLS handshake failed:
notls 69 $C/ca.pem https://127.0.0.1:$plain/v1.zip TLS handshake failed:
redirbad 69 - http://127.0.0.1:$plain/to/https/$good/moved.zip certificate is refused
noca 78 $T/nosuch.pem https://127.0.0.1:$good/v1.zip [poll] ca_file = $T/nosuch.pem:
EOF_CASES

# A refused certificate is final: tried once, and no request went over
# it. A cut handshake may be a server restarting: tried three times
# (retries = 2).
expect 69 p expired
lacks "$T/err" "attempts)"
lacks "$T/err" "ca_file"	# the hint is for an unknown issuer only
expect 69 p untrusted
has "$T/err" "(a private CA goes in [poll] ca_file)"
n=$(cat "$T/expired.log" 2>/dev/null | grep -c '^GET ')
[ "$n" -eq 0 ] && pass || fail "$n requests went over a refused connection"
[ "$(grep -c '^CONNECT' "$T/cut.log")" -eq 3 ] && pass ||
    fail "a cut handshake was tried $(grep -c '^CONNECT' "$T/cut.log") times, want 3"
conf cut2 "https://127.0.0.1:$cut/v1.zip" "$C/ca.pem"
expect 69 p cut2
has "$T/err" "TLS handshake failed: "
has "$T/err" "(after 3 attempts)"

finish
