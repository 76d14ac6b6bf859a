#!/usr/bin/python3
# SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors.
"""How the texts of a qetracker database would store in other layouts:
the same texts inserted, in one transaction each, into an FTS5 table with
its own content (qetracker's), with a larger buffer, into a plain table
(no index), and their zlib-compressed size. Prints seconds and MB.

usage: fts_variants.py DB [SCRATCH.db]
"""
import os
import sqlite3
import sys
import time
import zlib

src = sqlite3.connect(sys.argv[1])
scratch = sys.argv[2] if len(sys.argv) > 2 else "/tmp/qetracker-fts-variant.db"
rows = src.execute("SELECT rowid, title, rubric, heading, question, answer FROM texts").fetchall()
raw = sum(len((r[4] or "").encode()) + len((r[5] or "").encode()) for r in rows)
comp = sum(len(zlib.compress(t.encode(), 6)) for r in rows for t in (r[4], r[5]) if t)
print(f"{len(rows)} questions, {raw / 1e6:.1f} MB of text, {comp / 1e6:.1f} MB zlib-compressed ({comp / raw:.0%})")
FTS = ("CREATE VIRTUAL TABLE t USING fts5(title, rubric, heading, question, answer,"
       " tokenize = 'unicode61 remove_diacritics 2')")


def run(name, create, pre=()):
    for f in (scratch, scratch + "-wal", scratch + "-shm"):
        if os.path.exists(f):
            os.remove(f)
    db = sqlite3.connect(scratch)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute(create)
    for s in pre:
        db.execute(s)
    t = time.time()
    with db:
        db.executemany("INSERT INTO t(rowid, title, rubric, heading, question, answer)"
                       " VALUES (?,?,?,?,?,?)", rows)
    el = time.time() - t
    db.close()
    print(f"  {name:42} {el:6.2f} s {os.path.getsize(scratch) / 1e6:7.1f} MB")
    os.remove(scratch)


run("FTS5, its own content (default settings)", FTS)
run("FTS5, automerge 8, hashsize 8 MB (qetracker)", FTS,
    ["INSERT INTO t(t, rank) VALUES('automerge', 8)",
     "INSERT INTO t(t, rank) VALUES('hashsize', 8388608)"])
run("plain table, no index", "CREATE TABLE t(rowid INTEGER PRIMARY KEY, title, rubric,"
    " heading, question, answer)")
