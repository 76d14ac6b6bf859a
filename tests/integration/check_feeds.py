#!/usr/bin/python3
# SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors.
"""Checks an export of qetracker's feeds with real calendar parsers.

usage: check_feeds.py SITE LIST.json AS_OF KEEP_DAYS [ICALJS_DIR]

- raw: CRLF on every line, no line over 75 octets, no UTF-8 sequence
  split by folding, VERSION and PRODID, calendar names without , or ;
- python3-icalendar reads every feed; all.ics holds exactly the events
  the database says (LIST.json is `list --format json` at AS_OF), on the
  right days, with the right texts; each author, group and ministry feed
  holds exactly its questions' events;
- ical.js (Mozilla's parser, run with node) reads the same values.
Prints the number of feeds and events checked; exits 1 on any problem.
"""
import datetime as dt
import json
import os
import subprocess
import sys
import unicodedata

import icalendar

problems = []


def problem(msg):
    problems.append(msg)


def slug(s):
    s = unicodedata.normalize("NFKD", s.replace("œ", "oe").replace("Œ", "oe"))
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    out = []
    for c in s:
        if c.isascii() and c.isalnum():
            out.append(c)
        elif out and out[-1] != "-":
            out.append("-")
    return "".join(out).strip("-") or "unnamed"


def raw_checks(path, data):
    if not data.endswith(b"\r\n"):
        problem(f"{path}: does not end with CRLF")
    lines = data.split(b"\r\n")[:-1]
    for n, line in enumerate(lines, 1):
        if b"\n" in line or b"\r" in line:
            problem(f"{path}:{n}: bare LF or CR")
        if len(line) > 75:
            problem(f"{path}:{n}: {len(line)} octets")
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            problem(f"{path}:{n}: UTF-8 sequence split by folding")
    if lines[0] != b"BEGIN:VCALENDAR" or lines[-1] != b"END:VCALENDAR":
        problem(f"{path}: not one VCALENDAR")
    for want in (b"VERSION:2.0", b"PRODID:"):
        if not any(l.startswith(want) for l in lines):
            problem(f"{path}: no {want.decode()}")


MONTHS_FR = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet",
             "août", "septembre", "octobre", "novembre", "décembre")


def date_fr(iso):
    """A date as a French reader writes it: "1er août 2025", "24 mai 2026"."""
    d = dt.date.fromisoformat(iso)
    day = "1er" if d.day == 1 else str(d.day)
    return f"{day} {MONTHS_FR[d.month - 1]} {d.year}"


def expected_summary(q):
    s = q["status"]
    prefix = {"overdue": "En retard — ", "withdrawn": "Retirée — ",
              "lapsed": "Caduque — ", "closed": "Close — "}.get(s, "")
    if s in ("answered", "answered_late"):
        prefix = f"Répondue le {date_fr(q['answered'])} — "
    return f"{prefix}Échéance QE {q['number']} — {q['ministry']['name']}"


def in_feed(q, asof, keep):
    if q["status"] in ("open", "overdue"):
        return True
    end = q["answered"] or q["closed"]
    return end is not None and (asof - dt.date.fromisoformat(end)).days <= keep


def events_of(cal):
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def check_event(e, q, uid):
    deadline = dt.date.fromisoformat(q["deadline"])
    if e.decoded("DTSTART") != deadline:
        problem(f"{uid}: DTSTART {e.decoded('DTSTART')} != {deadline}")
    if e.decoded("DTEND") != deadline + dt.timedelta(days=1):
        problem(f"{uid}: DTEND {e.decoded('DTEND')}")
    if str(e["SUMMARY"]) != expected_summary(q):
        problem(f"{uid}: SUMMARY {str(e['SUMMARY'])!r} != {expected_summary(q)!r}")
    if str(e.get("URL")) != q["url"]:
        problem(f"{uid}: URL {e.get('URL')}")
    cats = e.get("CATEGORIES")
    cats = [str(c) for c in cats.cats] if cats is not None else []
    if q["rubric"] and cats != [q["rubric"]]:
        problem(f"{uid}: CATEGORIES {cats} != {q['rubric']!r}")
    desc = str(e["DESCRIPTION"])
    for want in (q["title"], "\nStatut : ", q["url"]):
        if want and want not in desc:
            problem(f"{uid}: DESCRIPTION lacks {want!r}")
    if str(e["TRANSP"]) != "TRANSPARENT":
        problem(f"{uid}: TRANSP {e['TRANSP']}")
    want_status = "CANCELLED" if q["status"] in ("withdrawn", "lapsed", "closed") else "CONFIRMED"
    if str(e["STATUS"]) != want_status:
        problem(f"{uid}: STATUS {e['STATUS']}")


def main():
    site, listing, asof, keep = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    icaljs = sys.argv[5] if len(sys.argv) > 5 else None
    asof = dt.date.fromisoformat(asof)
    questions = json.load(open(listing))
    feeds = {}
    for root, _, files in os.walk(site):
        for f in files:
            if f.endswith(".ics"):
                path = os.path.join(root, f)
                data = open(path, "rb").read()
                raw_checks(path, data)
                cal = icalendar.Calendar.from_ical(data)
                for key in ("X-WR-CALNAME", "NAME"):
                    name = str(cal.get(key, ""))
                    if not name or "," in name or ";" in name:
                        problem(f"{path}: {key} {name!r}")
                feeds[os.path.relpath(path, site)] = cal

    # all.ics: exactly the events the database says.
    want = {}
    for q in questions:
        if q["deadline"] is None or not in_feed(q, asof, keep):
            continue
        want[f"{q['uid']}-deadline@qetracker"] = q
        if q["signaled"]:
            want[f"{q['uid']}-signal@qetracker"] = q
    have = events_of(feeds["all.ics"])
    if set(have) != set(want):
        problem(f"all.ics: {len(set(want) - set(have))} events missing, "
                f"{len(set(have) - set(want))} unexpected")
    for uid, q in want.items():
        e = have.get(uid)
        if e is None:
            continue
        if uid.endswith("-deadline@qetracker"):
            check_event(e, q, uid)
        elif e.decoded("DTSTART") != dt.date.fromisoformat(q["signal_deadline"]):
            problem(f"{uid}: DTSTART {e.decoded('DTSTART')} != {q['signal_deadline']}")

    # Each author, group and ministry feed: exactly its questions' events.
    def per(keyf, prefix):
        groups = {}
        for uid, q in want.items():
            k = keyf(q)
            if k:
                groups.setdefault(f"{prefix}/{k}.ics", set()).add(uid)
        for path, uids in groups.items():
            if path not in feeds:
                problem(f"{path}: missing")
            elif set(events_of(feeds[path])) != uids:
                problem(f"{path}: holds other events than its questions'")
        extra = {p for p in feeds if p.startswith(prefix + "/")} - set(groups)
        if extra:
            problem(f"{prefix}: unexpected feeds {sorted(extra)[:3]}")
    per(lambda q: q["author"]["ref"], "author")
    per(lambda q: q["group"]["abbrev"] and slug(q["group"]["abbrev"]), "group")
    per(lambda q: q["ministry"]["name"] and slug(q["ministry"]["name"]), "ministry")

    # ical.js reads the same values as python3-icalendar.
    if icaljs:
        out = subprocess.run(["node", os.path.join(icaljs, "read_ics.cjs"),
                              os.path.join(site, "all.ics")],
                             capture_output=True, text=True, check=True).stdout
        js = {e["uid"]: e for e in json.loads(out)["events"]}
        if set(js) != set(have):
            problem("ical.js: other events than python3-icalendar")
        for uid, e in have.items():
            j = js.get(uid)
            if j is None:
                continue
            if (j["summary"], j["description"], j["sequence"]) != \
                    (str(e["SUMMARY"]), str(e["DESCRIPTION"]), int(e["SEQUENCE"])):
                problem(f"ical.js {uid}: {j['summary']!r} differs")
            if j["dtstart"] != e.decoded("DTSTART").isoformat() or not j["is_date"]:
                problem(f"ical.js {uid}: dtstart {j['dtstart']}")
    for p in problems[:20]:
        print(p)
    nev = sum(len(events_of(c)) for c in feeds.values())
    print(f"{len(feeds)} feeds, {nev} events checked, {len(problems)} problems")
    sys.exit(1 if problems else 0)


main()
