#!/usr/bin/python3
# SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors.
"""The import of the Sénat's dump as a data person would write it, the
reference bench/run_senat.sh measures qetracker against.

It streams questions.sql out of the zip, splits each COPY line on tabs,
undoes COPY's escapes, keeps the sort labels and the first answer date of
each question, and inserts the written questions (QE) into SQLite with
their text, in one transaction; one pass, no deadline computed, no event,
no full-text index. Less work than qetracker does: a floor for it.

usage: reference_senat.py QUESTIONS.zip DB
"""
import io
import re
import sqlite3
import sys
import zipfile

ESC = re.compile(r"\\(.)")
MAP = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v",
       "\\": "\\"}


def unescape(v):
    if v == "\\N":
        return None
    if "\\" not in v:
        return v
    return ESC.sub(lambda m: MAP.get(m.group(1), m.group(1)), v)


def main():
    zpath, dbpath = sys.argv[1], sys.argv[2]
    db = sqlite3.connect(dbpath)
    db.execute("CREATE TABLE IF NOT EXISTS questions (reference TEXT PRIMARY "
               "KEY, legislature INT, numero INT, titre TEXT, auteur TEXT, "
               "groupe TEXT, ministere TEXT, publiee TEXT, sort TEXT, "
               "repondue TEXT, texte TEXT, qid INT)")
    sorts, answers = {}, {}
    table, cols = None, None
    rows = []
    with zipfile.ZipFile(zpath) as z, z.open("questions.sql") as raw:
        for line in io.TextIOWrapper(raw, encoding="utf-8"):
            line = line.rstrip("\n")
            if table is None:
                if line.startswith("COPY "):
                    m = re.match(r"COPY (?:\w+\.)?(\w+) \((.*)\) FROM stdin;",
                                 line)
                    table = m.group(1)
                    cols = {c: i for i, c in
                            enumerate(m.group(2).split(", "))}
                continue
            if line == "\\.":
                table = None
                continue
            f = line.split("\t")
            if table == "sortquestion":
                sorts[f[cols["sorquecod"]]] = f[cols["sorquelib"]]
            elif table == "tam_reponses":
                qid, d = int(f[cols["idque"]]), f[cols["datejorep"]][:10]
                if qid not in answers or d < answers[qid]:
                    answers[qid] = d
            elif table == "tam_questions" and f[cols["natquecod"]] == "QE":
                g = lambda c: unescape(f[cols[c]])
                rows.append((g("reference"), int(g("legislature")),
                             int(g("numero")), g("titre"),
                             "%s %s %s" % (g("codequalite"), g("prenom"),
                                           g("nom")),
                             g("groupe"), g("mintranlib") or g("mindepotlib"),
                             g("datejodepot")[:10],
                             sorts.get(f[cols["sorquecod"]]),
                             (g("datejorep1") or "")[:10] or None,
                             g("txtque"), int(g("id"))))
                if len(rows) == 5000:
                    db.executemany("INSERT OR REPLACE INTO questions VALUES "
                                   "(?,?,?,?,?,?,?,?,?,?,?,?)", rows)
                    rows = []
    db.executemany("INSERT OR REPLACE INTO questions VALUES "
                   "(?,?,?,?,?,?,?,?,?,?,?,?)", rows)
    db.execute("CREATE INDEX IF NOT EXISTS questions_qid ON questions (qid)")
    db.executemany("UPDATE questions SET repondue = ? WHERE qid = ? AND "
                   "(repondue IS NULL OR repondue > ?)",
                   ((d, q, d) for q, d in answers.items()))
    db.commit()
    n = db.execute("SELECT count(*) FROM questions").fetchone()[0]
    print("%d questions" % n)


if __name__ == "__main__":
    main()
