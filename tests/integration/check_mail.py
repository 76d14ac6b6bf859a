#!/usr/bin/python3
# SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors.
"""Checks a digest received by the test SMTP server with Python's email
package. usage: check_mail.py MAILDIR REPORT.json LANG
Prints what it checked; exits 1 on any problem."""
import email
import email.policy
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
if "." not in text.splitlines():
    problems.append("the line \".\" of the intro did not survive")
for p in problems:
    print(p)
print(f"{len(msgs)} message, {sum(len(g['questions']) for g in report['groups'])} "
      f"overdue questions checked, {len(problems)} problems")
sys.exit(1 if problems else 0)
