#!/usr/bin/python3
# SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors.
"""A test HTTP server for qetracker's polls, on 127.0.0.1 and a free port.

usage: httpd.py ROOT PORTFILE LOG [--tls CERT KEY | --tls-cut]

Serves the files of ROOT with ETag and Last-Modified, answering
If-None-Match / If-Modified-Since with 304 and Range / If-Range with 206.
Special paths make it misbehave:
  /status/CODE[?retry-after=S]   that status
  /flaky/N/FILE                  503 for the first N requests, then FILE
  /redirect/FILE                 302 to http://127.0.0.1:PORT/FILE
  /slow/FILE                     the headers, then one byte a second
  /cut/FILE                      the first time, half the body then close
  /html/FILE                     an HTML page with status 200
  /to/https/PORT/FILE            302 to https://127.0.0.1:PORT/FILE
With --tls it speaks HTTPS with that certificate and key. With --tls-cut
it is no HTTP server at all: it reads each client's TLS ClientHello and
resets the connection, as a proxy dying mid-handshake does; it counts the
connections in LOG, one line each.
Each request is logged to LOG as: METHOD PATH If-None-Match If-Range Range.
"""
import email.utils
import hashlib
import http.server
import os
import socket
import struct
import sys
import threading
import time

ROOT, PORTFILE, LOG = sys.argv[1], sys.argv[2], sys.argv[3]
hits = {}
etags = {}
lock = threading.Lock()


def etag_of(path, st):
    """The ETag of a file, cached by (path, mtime, size): hashing a large
    dump on every request would make the server the slow part."""
    key = (path, st.st_mtime_ns, st.st_size)
    with lock:
        if key not in etags:
            with open(path, "rb") as f:
                etags[key] = '"%s"' % hashlib.sha256(f.read()).hexdigest()[:16]
        return etags[key]


def count(key):
    with lock:
        hits[key] = hits.get(key, 0) + 1
        return hits[key]


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def log(self):
        with open(LOG, "a") as f:
            f.write(" ".join([self.command, self.path,
                              self.headers.get("If-None-Match", "-"),
                              self.headers.get("If-Range", "-"),
                              self.headers.get("Range", "-")]) + "\n")

    def plain(self, code, body=b"", headers=()):
        self.send_response(code)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_HEAD(self):
        self.do_GET()

    def do_GET(self):
        self.log()
        parts = self.path.split("?")[0].strip("/").split("/")
        kind = parts[0]
        if kind == "status":
            hdrs = []
            if "retry-after=" in self.path:
                hdrs.append(("Retry-After", self.path.split("retry-after=")[1]))
            return self.plain(int(parts[1]), b"error\n", hdrs)
        if kind == "flaky":
            if count(self.path) <= int(parts[1]):
                return self.plain(503, b"busy\n", [("Retry-After", "0")])
            return self.serve("/".join(parts[2:]))
        if kind == "redirect":
            port = self.server.server_address[1]
            return self.plain(302, b"", [("Location", f"http://127.0.0.1:{port}/{'/'.join(parts[1:])}")])
        if kind == "to":
            return self.plain(302, b"", [("Location", f"{parts[1]}://127.0.0.1:{parts[2]}/{'/'.join(parts[3:])}")])
        if kind == "html":
            return self.plain(200, b"<html><body>Maintenance</body></html>\n",
                              [("Content-Type", "text/html; charset=utf-8")])
        if kind == "reset":
            # A connection reset before any response: SO_LINGER with a
            # zero timeout makes close() send an RST.
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                       struct.pack("ii", 1, 0))
            self.close_connection = True
            self.connection.close()
            return
        if kind in ("slow", "cut", "short", "norange"):
            return self.serve("/".join(parts[1:]), mode=kind)
        return self.serve("/".join(parts))

    def serve(self, name, mode=None):
        path = os.path.join(ROOT, name)
        if not os.path.isfile(path):
            return self.plain(404, b"not found\n")
        st = os.stat(path)
        etag = etag_of(path, st)
        mtime = st.st_mtime
        lm = email.utils.formatdate(mtime, usegmt=True)
        base = [("ETag", etag), ("Last-Modified", lm), ("Content-Type", "application/zip")]
        if self.headers.get("If-None-Match") == etag:
            return self.plain(304, b"", base)
        ims = self.headers.get("If-Modified-Since")
        if ims and self.headers.get("If-None-Match") is None:
            t = email.utils.parsedate_to_datetime(ims).timestamp()
            if int(mtime) <= t:
                return self.plain(304, b"", base)
        rng = self.headers.get("Range")
        if mode is None and not rng:
            # The common case, sent with sendfile(2): a test server must
            # not be the slow part of a benchmark.
            self.send_response(200)
            for k, v in base:
                self.send_header(k, v)
            self.send_header("Content-Length", str(st.st_size))
            self.end_headers()
            if self.command != "HEAD":
                with open(path, "rb") as f:
                    self.connection.sendfile(f)
            return
        data = open(path, "rb").read()
        if rng and self.headers.get("If-Range") in (etag, lm) and mode not in ("norange", "short"):
            start = int(rng.split("=")[1].split("-")[0])
            body = data[start:]
            return self.plain(206, body, base + [("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")])
        # cut: the first answer stops halfway; norange: the same, and then
        # ranges are ignored; short: every answer stops halfway.
        if mode == "short" or (mode in ("cut", "norange") and
                               count(mode + ":" + name) == 1):
            self.send_response(200)
            for k, v in base:
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data[: len(data) // 2])
            self.wfile.flush()
            self.close_connection = True
            self.connection.shutdown(2)
            return
        if mode == "slow":
            self.send_response(200)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            for i in range(30):
                self.wfile.write(data[i:i + 1])
                self.wfile.flush()
                time.sleep(1)
            return
        self.plain(200, data, base)


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def tls_cut():
    """Accepts, reads the ClientHello, resets: a handshake cut short."""
    ls = socket.socket()
    ls.bind(("127.0.0.1", 0))
    ls.listen(16)
    ls.settimeout(600)
    with open(PORTFILE + ".tmp", "w") as f:
        f.write(str(ls.getsockname()[1]))
    os.rename(PORTFILE + ".tmp", PORTFILE)
    deadline = time.time() + 600
    while time.time() < deadline:
        try:
            c, _ = ls.accept()
        except OSError:
            break
        c.settimeout(5)
        try:
            c.recv(4096)
        except OSError:
            pass
        with open(LOG, "a") as f:
            f.write("CONNECT\n")
        c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        c.close()
    sys.exit(0)


if sys.argv[4:5] == ["--tls-cut"]:
    tls_cut()
srv = Server(("127.0.0.1", 0), Handler)
if sys.argv[4:5] == ["--tls"]:
    import ssl
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(sys.argv[5], sys.argv[6])
    # The handshake happens in the request's thread, where a client that
    # refuses the certificate only ends its own connection.
    srv.socket = ctx.wrap_socket(srv.socket, server_side=True,
                                 do_handshake_on_connect=False)
with open(PORTFILE + ".tmp", "w") as f:
    f.write(str(srv.server_address[1]))
os.rename(PORTFILE + ".tmp", PORTFILE)
# Stops by itself after ten minutes, whatever happens to the test.
threading.Timer(600, srv.shutdown).start()
srv.serve_forever()
