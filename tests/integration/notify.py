#!/usr/bin/python3
# SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors.
"""A stand-in for systemd's notification socket: binds an AF_UNIX datagram
socket at SOCKET and appends each message it receives to LOG, one line per
assignment (READY=1, WATCHDOG=1, ...), as sd_notify(3) sends them."""
import os
import socket
import sys

path, log = sys.argv[1], sys.argv[2]
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(path)
os.chmod(path, 0o777)
with open(log, "a", buffering=1) as out:
    while True:
        msg = s.recv(4096).decode()
        for line in msg.split("\n"):
            out.write(line + "\n")
