#!/usr/bin/python3
# SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors.
"""Checks a digest received by the test SMTP server with Python's email
package. usage: check_mail.py MAILDIR REPORT.json LANG
Prints what it checked; exits 1 on any problem."""
import email
import email.policy
import html as htmllib
import json
import mailbox
import sys

box = mailbox.Maildir(sys.argv[1], create=False)
report = json.load(open(sys.argv[2]))
lang = sys.argv[3]
msgs = [email.message_from_bytes(box.get_bytes(k), policy=email.policy.default) for k in box.keys()]
problems = []
if len(msgs) != 1:
    problems.append(f"{len(msgs)} messages, expected 1")
m = msgs[-1]
for h in ("Date", "From", "To", "Subject", "Message-ID", "MIME-Version"):
    if m[h] is None:
        problems.append(f"no {h} header")
if m.get_content_type() != "multipart/alternative":
    problems.append(f"type {m.get_content_type()}")
parts = list(m.iter_parts())
types = [p.get_content_type() for p in parts]
if types != ["text/plain", "text/html"]:
    problems.append(f"parts {types}, expected text/plain then text/html")
for p in parts:
    if p.get_content_charset() != "utf-8":
        problems.append(f"{p.get_content_type()} charset {p.get_content_charset()}")
text = parts[0].get_content()
html = parts[1].get_content()
c = report["counts"]
want = {"fr": f"QE : {c['overdue']} en retard, {c['answered']} nouvelle",
        "en": f"QE: {c['overdue']} overdue, {c['answered']} new answer"}[lang]
if not str(m["Subject"]).startswith(want):
    problems.append(f"subject {m['Subject']!r}, expected {want!r}…")
for g in report["groups"]:
    for q in g["questions"]:
        tag = f"{q['legislature']}-{q['number']}"
        if tag not in text:
            problems.append(f"{tag} missing from the text part")
        if q["url"] not in html:
            problems.append(f"{q['url']} missing from the html part")
# The week's story: each answer with its date and the start of its text,
# the questions newly overdue, those due soon; and for each overdue one,
# who asked it and what it allows next.
sections = {"fr": ("Répondues sur la période", "Passées en retard sur la période",
                   "Échéance sous 14 jours", "répondue le", "→ ", "Auteur"),
            "en": ("Answered in the period", "Newly overdue in the period",
                   "Due within 14 days", "answered on", "→ ", "Author")}[lang]
plain_html = htmllib.unescape(html)
def section(title):
    """The lines of the text part's section TITLE, up to the next blank line."""
    lines = text.splitlines()
    for i, l in enumerate(lines):
        if l.startswith(title + " — "):
            out = []
            for l2 in lines[i + 1:]:
                if not l2.strip():
                    break
                out.append(l2)
            return "\n".join(out)
    return None
newly = [q for g in report["groups"] for q in g["questions"] if q["newly_overdue"]]
for title, items in ((sections[0], report["answered"]), (sections[1], newly),
                     (sections[2], report["due_soon"])):
    body = section(title)
    if not items:
        if body is not None:
            problems.append(f"an empty section {title!r}")
        continue
    if body is None:
        problems.append(f"no section {title!r} for {len(items)} questions")
        continue
    for q in items:
        tag = f"{q['legislature']}-{q['number']}"
        if tag not in body:
            problems.append(f"{tag} missing from {title!r}")
        if q["title"] and q["title"] not in body:
            problems.append(f"{q['title']!r} missing from {title!r}")
        if q.get("author") and q["author"] not in body:
            problems.append(f"{q['author']!r} missing from {title!r}")
        if q["url"] not in plain_html:
            problems.append(f"{q['url']} missing from the html part")
    if title == sections[0]:
        if sections[3] not in body:
            problems.append(f"no {sections[3]!r} in the answers")
        for q in items:
            start = (q.get("answer_excerpt") or "")[:40]
            if start and start not in body:
                problems.append(f"the answer of {q['uid']} is not quoted")
            if start and start not in plain_html:
                problems.append(f"the answer of {q['uid']} is not in the html part")
over = [q for g in report["groups"] for q in g["questions"]]
if over and sections[4] not in text:
    problems.append("no next step for the overdue questions")
if over and sections[5] not in plain_html:
    problems.append("no author column in the html part")
if "." not in text.splitlines():
    problems.append("the line \".\" of the intro did not survive")
for p in problems:
    print(p)
print(f"{len(msgs)} message, {sum(len(g['questions']) for g in report['groups'])} "
      f"overdue questions checked, {len(problems)} problems")
sys.exit(1 if problems else 0)
