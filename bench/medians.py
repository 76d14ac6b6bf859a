#!/usr/bin/python3
# SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors.
"""Summarise a benchmark's results file: one line "name seconds maxrss_kb"
per run. Prints, for each name, the median wall time, the peak memory
(largest max RSS) and the ratio to the reference name's median, so that
the figures compared come from the same run of the same machine.

usage: medians.py RESULTS REFERENCE [--ms] [--count N] [--drop-first NAME]
                  [--compare A B]
  --ms            print milliseconds instead of seconds
  --count N       also print N / seconds (items per second)
  --drop-first    ignore the first run of NAME (it warms a cache)
  --compare A B   names "A:X" and "B:X" are two builds' runs of X: print
                  each X's medians and ranges and the ratio B / A
"""
import argparse
import statistics

ap = argparse.ArgumentParser()
ap.add_argument("results")
ap.add_argument("reference", nargs="+")
ap.add_argument("--ms", action="store_true")
ap.add_argument("--count", type=int)
ap.add_argument("--drop-first", action="append", default=[])
ap.add_argument("--compare", nargs=2, metavar=("A", "B"))
a = ap.parse_args()

rows = {}
with open(a.results) as f:
    for line in f:
        name, secs, kb = line.split()
        rows.setdefault(name, []).append((float(secs), int(kb)))
for name in a.drop_first:
    rows[name] = rows.get(name, [])[1:]
med = {k: (statistics.median(s for s, _ in v), max(m for _, m in v))
       for k, v in rows.items() if v}
width = max(len(k) for k in med)
print("\nmedians (wall) and peak memory (max RSS):")
for k, (s, m) in med.items():
    t = f"{s * 1000:8.0f} ms" if a.ms else f"{s:6.2f} s"
    line = f"  {k:{width}} {t}  {m / 1024:6.1f} MB"
    if a.count:
        line += f"  {a.count / s:8.0f} /s"
    for ref in a.reference:
        line += f"  {s / med[ref][0]:6.3f}x {ref}"
    print(line)

if a.compare:
    def fig(v):
        return (f"{statistics.median(v):6.2f} s "
                f"({min(v):.2f}-{max(v):.2f})")
    before, after = a.compare
    print(f"\n{before} against {after}: medians (ranges), {after} / {before}:")
    for k in rows:
        if not k.startswith(before + ":"):
            continue
        x = k.split(":", 1)[1]
        b = [s for s, _ in rows[k]]
        n = [s for s, _ in rows.get(f"{after}:{x}", [])]
        if n:
            print(f"  {x:{width}} {fig(b)}  {fig(n)}  "
                  f"{statistics.median(n) / statistics.median(b):.2f}")
