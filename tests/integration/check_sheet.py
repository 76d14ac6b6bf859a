#!/usr/bin/python3
# SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors.
"""Checks a spreadsheet as LibreOffice read it: the .ods it converted the
xlsx into. usage: check_sheet.py report|stats ODS REPORT.json
Every value of the JSON output must be in its cell with its type: days as
numbers, dates as dates, rates as numbers (percentages), names as text.
Prints what it checked; exits 1 on any problem."""
import json
import sys
import xml.etree.ElementTree as ET
import zipfile

NS = {"table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
      "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
      "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0"}
A = lambda ns, k: "{%s}%s" % (NS[ns], k)

kind, ods, ref = sys.argv[1], sys.argv[2], json.load(open(sys.argv[3]))
root = ET.fromstring(zipfile.ZipFile(ods).read("content.xml"))
sheets = {}
for t in root.iter(A("table", "table")):
    rows = []
    for r in t.iter(A("table", "table-row")):
        cells = []
        for c in r.iter(A("table", "table-cell")):
            n = int(c.get(A("table", "number-columns-repeated"), "1"))
            if n > 100:
                break
            typ = c.get(A("office", "value-type"))
            val = (c.get(A("office", "value")) if typ in ("float", "percentage")
                   else c.get(A("office", "date-value")) if typ == "date"
                   else "".join(c.itertext()) if typ == "string" else None)
            cells += [(typ, val)] * n
        if any(v is not None for _, v in cells):
            rows.append(cells)
    sheets[t.get(A("table", "name"))] = rows
problems = []
checked = 0

def cell(row, i, typ, want):
    global checked
    checked += 1
    got = row[i] if i < len(row) else (None, None)
    if want is None:
        if got[1] is not None:
            problems.append(f"{row[0]}: column {i} holds {got}, want empty")
        return
    if got[0] != typ:
        problems.append(f"{row[0]}: column {i} is {got[0]} {got[1]!r}, want {typ} {want!r}")
    elif typ in ("float", "percentage"):
        if abs(float(got[1]) - float(want)) > 1e-6:
            problems.append(f"{row[0]}: column {i} = {got[1]}, want {want}")
    elif got[1] != str(want):
        problems.append(f"{row[0]}: column {i} = {got[1]!r}, want {want!r}")

if kind == "report":
    names = list(sheets)
    if len(names) != 3:
        problems.append(f"sheets {names}, want overdue, answered, due soon")
    over = [q for g in ref["groups"] for q in g["questions"]]
    lists = [(over, "days_overdue"), (ref["answered"], "days_late"),
             (ref["due_soon"], "days_left")]
    for (items, days), name in zip(lists, names):
        rows = {r[0][1]: r for r in sheets[name][1:]}
        if len(rows) != len(items):
            problems.append(f"{name}: {len(rows)} rows, want {len(items)}")
        for q in items:
            # The Sénat's questions go by their reference (SEQ...).
            tag = q["uid"] if q["uid"].startswith("SEQ") else \
                f"{q['legislature']}-{q['number']}"
            r = rows.get(tag)
            if r is None:
                problems.append(f"{name}: no row {tag}")
                continue
            cell(r, 1, "string", q["title"])
            cell(r, 2, "string", q["author"])
            cell(r, 3, "string", q["group"])
            cell(r, 4, "string", q["ministry"])
            if "published" in q:
                cell(r, 5, "date", q["published"])
            cell(r, 6, "date", q["deadline"])
            cell(r, 7, "float", q[days])
            if days == "days_late":
                cell(r, 8, "date", q["answered"])
            cell(r, 9, "string", q["url"])
else:
    rows = sheets[list(sheets)[0]][1:]
    if len(rows) != len(ref["ministries"]) + 1:
        problems.append(f"{len(rows)} rows, want {len(ref['ministries'])} and the total")
    for r, m in zip(rows, ref["ministries"] + [ref["total"]]):
        cell(r, 1, "string", m["ministry"])
        cell(r, 2, "float", m["received"])
        cell(r, 3, "float", m["answered"])
        if m["received"]:
            cell(r, 4, "percentage", m["answered"] / m["received"])
            cell(r, 6, "percentage", m["answered_on_time"] / m["received"])
        cell(r, 5, "float", m["answered_on_time"])
        if m.get("median_days") is not None:
            cell(r, 7, "float", m["median_days"])
        cell(r, 9, "float", m["overdue"])
for p in problems[:40]:
    print(p)
print(f"{checked} cells checked, {len(problems)} problems")
sys.exit(1 if problems else 0)
