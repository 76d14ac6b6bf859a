# SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors.
"""Compares each command's synopsis in qetracker(1) with the one the
command table prints ("qetracker help COMMAND"): the same options, the
same FILTERS. Usage: man_synopsis.py QETRACKER MANPAGE; prints one line
per difference and exits 1 when there is one."""
import re
import subprocess
import sys

qt, man = sys.argv[1], sys.argv[2]
listing = subprocess.run([qt, "help"], capture_output=True, text=True,
                         check=True).stdout
commands = re.findall(r"^  ([a-z]+) ", listing, re.M)


def from_help(cmd):
    out = subprocess.run([qt, "help", cmd], capture_output=True, text=True,
                         check=True).stdout
    usage = out.splitlines()[0]
    opts = set(re.findall(r"\[(--?[a-z-]+)", usage))
    return opts, "[FILTERS]" in usage


def from_man(cmd):
    opts, filters, found = set(), False, False
    for line in open(man, encoding="utf-8"):
        m = re.match(r"\.It Cm (\S+)(.*)", line)
        if not m or m.group(1) != cmd:
            continue
        found = True
        rest = m.group(2)
        for flag in re.findall(r"Fl (\S+)", rest):
            opts.add("--" + flag[1:] if flag.startswith("-") else "-" + flag)
        filters |= "Ar filters" in rest
    return (opts, filters) if found else None


bad = 0
for cmd in commands:
    h = from_help(cmd)
    m = from_man(cmd)
    if m is None:
        print(f"{cmd}: not in {man}")
        bad = 1
    elif h != m:
        print(f"{cmd}: help says {sorted(h[0])} filters={h[1]}, "
              f"the man page {sorted(m[0])} filters={m[1]}")
        bad = 1
print(f"{len(commands)} commands compared")
sys.exit(bad)
