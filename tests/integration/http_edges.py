# SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors.
"""What serve answers at the edges of HTTP, as nginx would, and how it
holds slow clients. Usage: http_edges.py PORT HEADER_TIMEOUT LOG.

Prints one line per problem and "N problems" last; exits 1 on any.
Every socket goes to 127.0.0.x on this machine, in bounded loops."""
import socket
import sys
import time

port, header_timeout, log = int(sys.argv[1]), float(sys.argv[2]), sys.argv[3]
problems = []


def request(raw, src="127.0.0.1", timeout=5.0):
    """The head of the answer to raw, or "" when none came."""
    s = socket.socket()
    s.bind((src, 0))
    s.settimeout(timeout)
    s.connect(("127.0.0.1", port))
    s.sendall(raw)
    out = b""
    try:
        while b"\r\n\r\n" not in out:
            d = s.recv(65536)
            if not d:
                break
            out += d
    except OSError:
        pass
    s.close()
    return out.split(b"\r\n\r\n")[0].decode("latin-1")


def status(head):
    parts = head.split(" ", 2)
    return int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0


def want(name, raw, code):
    head = request(raw)
    if status(head) != code:
        problems.append(f"{name}: {status(head) or 'no answer'}, want {code}")
    return head


H = b"Host: qetracker.test\r\n"
want("missing Host", b"GET /all.ics HTTP/1.1\r\n\r\n", 400)
want("two Host", b"GET /all.ics HTTP/1.1\r\n" + H + H + b"\r\n", 400)
want("CL and TE", b"GET /all.ics HTTP/1.1\r\n" + H +
     b"Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400)
want("NUL in path", b"GET /all.ics%00.html HTTP/1.1\r\n" + H + b"\r\n", 400)
want("LF in path", b"GET /x%0a1.2.3.4%20-%20-%20forged HTTP/1.1\r\n" + H +
     b"\r\n", 400)
for n in (9000, 16000, 30000, 60000):
    want(f"a {n}-byte header", b"GET /all.ics HTTP/1.1\r\n" + H +
         b"X-Pad: " + b"a" * n + b"\r\n\r\n", 431)
want("a 10 kB URI", b"GET /" + b"a" * 10000 + b" HTTP/1.1\r\n" + H + b"\r\n",
     414)
ok = want("a plain request", b"GET /all.ics HTTP/1.1\r\n" + H + b"\r\n", 200)
h304 = want("a 304", b"GET /all.ics HTTP/1.1\r\n" + H +
            b"If-None-Match: " + ok.split("ETag: ")[1].split("\r\n")[0].encode()
            + b"\r\n\r\n", 304) if "ETag: " in ok else ""
clen = [l for l in h304.split("\r\n") if l.lower().startswith("content-length")]
if clen and clen != [l for l in ok.split("\r\n")
                     if l.lower().startswith("content-length")]:
    problems.append(f"304 has {clen}, not the 200's length")
if len(clen) > 1:
    problems.append(f"304 has two Content-Length: {clen}")

# The forged line is not in the log: every control character is escaped.
time.sleep(0.3)
for line in open(log, encoding="utf-8", errors="replace"):
    if line.startswith("1.2.3.4 - - forged"):
        problems.append("a request forged a line of the access log")

# Slow clients: 600 sockets from one address (past max_connections) trickle their heads. The
# others are answered within a second all along; the address gets at most
# per_ip_limit (32) connections; every trickler is cut after the timeout.
slow = []
refused = 0
for i in range(600):
    s = socket.socket()
    s.bind(("127.0.0.2", 0))
    s.settimeout(2)
    try:
        s.connect(("127.0.0.1", port))
        s.sendall(b"GET /all.ics HTTP/1.1\r\n")
        slow.append(s)
    except OSError:
        refused += 1
        s.close()
start = time.monotonic()
worst = 0.0
cut = set()
while time.monotonic() - start < header_timeout + 4:
    for i, s in enumerate(slow):
        if i in cut:
            continue
        try:
            s.sendall(b"X-a: b\r\n")
        except OSError:
            cut.add(i)
    t = time.monotonic()
    head = request(b"GET /healthz HTTP/1.1\r\n" + H + b"\r\n", timeout=3)
    took = time.monotonic() - t
    worst = max(worst, took)
    if status(head) != 200:
        problems.append(f"a client was not answered while others trickled: "
                        f"{head[:60]!r}")
        break
    time.sleep(0.5)
# A connection past the per-address limit is closed at once; those kept
# are cut by the header deadline: by now, every one is gone.
alive = 0
for i, s in enumerate(slow):
    try:
        s.sendall(b"X-a: b\r\n")
        s.settimeout(0.2)
        if s.recv(1) == b"":
            continue
        alive += 1
    except socket.timeout:
        alive += 1
    except OSError:
        pass
    finally:
        s.close()
if worst > 1.0:
    problems.append(f"another client waited {worst:.2f} s")
if alive:
    problems.append(f"{alive} trickling connections outlived the "
                    f"{header_timeout} s deadline")
print(f"slow clients: {len(slow)} connected, {refused} refused, "
      f"worst wait of another client {worst * 1000:.0f} ms")
for p in problems:
    print(p)
print(f"{len(problems)} problems")
sys.exit(1 if problems else 0)
