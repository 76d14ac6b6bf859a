#!/usr/bin/python3
# SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors.
"""The script a data person would write instead of qetracker: zipfile +
json + sqlite3, the same fields and events, the same deadline rule, the
whole texts of questions and answers in the same FTS5 index (subject,
rubric, texts, accents folded), one transaction. A reference for the
benchmark, not part of the product.

usage: reference_import.py DUMP.zip DB
"""
import calendar
import datetime as dt
import json
import sqlite3
import sys
import zipfile


def items(v):
    if v is None:
        return []
    return v if isinstance(v, list) else [v]


def text(v):
    if isinstance(v, dict):
        return v.get("#text")
    return v


def date(s):
    if not s:
        return None
    if "/" in s:
        d, m, y = s.split("/")
        return dt.date(int(y), int(m), int(d))
    return dt.date.fromisoformat(s[:10])


def plus_months(d, n):
    m = d.month - 1 + n
    y = d.year + m // 12
    m = m % 12 + 1
    return dt.date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def main():
    db = sqlite3.connect(sys.argv[2])
    db.execute("PRAGMA journal_mode=WAL")
    db.executescript("""
    CREATE TABLE IF NOT EXISTS questions(id INTEGER PRIMARY KEY, legislature INT, number INT,
      title TEXT, rubric TEXT, text TEXT, author_ref TEXT, group_abbrev TEXT, ministry TEXT,
      published TEXT, answered TEXT, closure TEXT, deadline TEXT, UNIQUE(legislature, number));
    CREATE TABLE IF NOT EXISTS events(question_id INT, kind TEXT, date TEXT,
      UNIQUE(question_id, kind, date));
    CREATE VIRTUAL TABLE IF NOT EXISTS texts USING fts5(title, rubric, heading,
      question, answer, tokenize = 'unicode61 remove_diacritics 2');
    """)
    with db, zipfile.ZipFile(sys.argv[1]) as z:
        for name in z.namelist():
            if not name.endswith(".json"):
                continue
            q = json.loads(z.read(name))["question"]
            texts = items((q.get("textesQuestion") or {}).get("texteQuestion"))
            pub = min(date(t["infoJO"]["dateJO"]) for t in texts)
            answers = items((q.get("textesReponse") or {}).get("texteReponse"))
            ans = min((date(a["infoJO"]["dateJO"]) for a in answers), default=None)
            attribs = items((q.get("minAttribs") or {}).get("minAttrib"))
            ministry = attribs[-1]["denomination"]["abrege"] if attribs else None
            analyses = items(((q.get("indexationAN") or {}).get("analyses") or {}).get("analyse"))
            auteur = q.get("auteur") or {}
            clo = q.get("cloture") or {}
            cur = db.execute(
                "INSERT INTO questions(legislature, number, title, rubric, text, author_ref,"
                " group_abbrev, ministry, published, answered, closure, deadline)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT DO UPDATE SET"
                " answered=excluded.answered, closure=excluded.closure RETURNING id",
                (int(q["identifiant"]["legislature"]), int(q["identifiant"]["numero"]),
                 "; ".join(analyses), (q.get("indexationAN") or {}).get("rubrique"),
                 None, text((auteur.get("identite") or {}).get("acteurRef")),
                 (auteur.get("groupe") or {}).get("abrege"), ministry, pub.isoformat(),
                 ans.isoformat() if ans else None, clo.get("libelleCloture"),
                 plus_months(pub, 2).isoformat()))
            qid = cur.fetchone()[0]
            # The texts once, in the index that holds them, as qetracker.
            db.execute("INSERT OR REPLACE INTO texts(rowid, title, rubric, heading,"
                       " question, answer) VALUES (?,?,?,?,?,?)",
                       (qid, "; ".join(analyses), (q.get("indexationAN") or {}).get("rubrique"),
                        None, texts[0].get("texte"),
                        answers[0].get("texte") if answers else None))
            events = [("published", pub)] + ([("answered", ans)] if ans else [])
            db.executemany("INSERT OR IGNORE INTO events VALUES (?,?,?)",
                           [(qid, k, d.isoformat()) for k, d in events])


main()
