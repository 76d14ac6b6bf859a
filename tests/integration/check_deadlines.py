#!/usr/bin/python3
# SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors.
"""Checks qetracker's list --format json against deadlines and statuses
computed here, independently, from the raw AN dump (domain.md §2-4).

usage: check_deadlines.py DUMP.zip LIST.json AS_OF
Prints one line per disagreement; exits 1 if there is any.
"""
import calendar
import datetime as dt
import json
import sys
import zipfile


def parse(s):
    if s is None:
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


def items(v):
    if v is None:
        return []
    return v if isinstance(v, list) else [v]


def expected(q, asof):
    pub = min(parse(t["infoJO"]["dateJO"]) for t in items(q["textesQuestion"]["texteQuestion"]))
    deadline = plus_months(pub, 2 if pub >= dt.date(2014, 11, 28) else 1)
    answers = items((q.get("textesReponse") or {}).get("texteReponse"))
    answered = min((parse(a["infoJO"]["dateJO"]) for a in answers), default=None)
    clo = q.get("cloture") or {}
    closed = parse(clo.get("dateCloture"))
    label = (clo.get("libelleCloture") or "").lower()
    sig = q.get("signalement")
    sig_date = None
    if sig:
        sig_date = parse((sig.get("infoJO") or {}).get("dateJO")) or parse(sig.get("dateDepotSignal"))
    e = {"published": pub.isoformat(), "deadline": deadline.isoformat(),
         "days_left": None, "days_overdue": None, "days_late": None}
    if answered and answered <= asof:
        e["status"] = "answered_late" if answered > deadline else "answered"
        if answered > deadline:
            e["days_late"] = (answered - deadline).days
    elif closed and closed <= asof and label != "réponse publiée":
        e["status"] = "withdrawn" if "retrait" in label or "retir" in label else (
            "lapsed" if "fin de mandat" in label else "closed")
    elif asof <= deadline:
        e["status"] = "open"
        e["days_left"] = (deadline - asof).days
    else:
        e["status"] = "overdue"
        e["days_overdue"] = (asof - deadline).days
    if sig_date and sig_date <= asof:
        e["signal_deadline"] = (sig_date + dt.timedelta(days=10)).isoformat()
    else:
        e["signal_deadline"] = None
    return e


def main():
    dump, listing, asof = sys.argv[1], sys.argv[2], dt.date.fromisoformat(sys.argv[3])
    got = {(x["legislature"], x["number"]): x for x in json.load(open(listing))}
    bad = 0
    seen = 0
    with zipfile.ZipFile(dump) as z:
        for name in z.namelist():
            q = json.loads(z.read(name))["question"]
            key = (int(q["identifiant"]["legislature"]), int(q["identifiant"]["numero"]))
            want = expected(q, asof)
            if dt.date.fromisoformat(want["published"]) > asof:
                continue
            seen += 1
            have = got.get(key)
            if have is None:
                print(f"{name}: missing from the list")
                bad += 1
                continue
            for k, v in want.items():
                if have.get(k) != v:
                    print(f"{name}: {k} is {have.get(k)!r}, expected {v!r}")
                    bad += 1
    if seen == 0 or seen != len(got):
        print(f"checked {seen} questions, the list has {len(got)}")
        bad += 1
    print(f"{seen} questions checked, {bad} disagreements")
    sys.exit(1 if bad else 0)


main()
