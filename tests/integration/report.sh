#!/bin/sh
# SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors.
# report and stats through the real binary: expected outputs for a fixed
# --as-of; the counts recomputed here from `list` at both ends of the
# period; csv read back with Python's csv module; html with a real HTML
# parser (one SVG bar per ministry); stats checked by hand on a small
# fixture; French and English.
. "$(dirname "$0")/lib.sh"
DB="$T/q.db"
q() { "$QT" -d "$DB" --as-of 2026-11-28 "$@"; }
expect 0 q import "$SAMPLE/Questions_ecrites.json.zip" "$SAMPLE/AMO_deputes.json.zip"

for f in text markdown html csv json; do
	expect 0 q report --since 2026-11-21 --format $f
	same "$T/out" "$DATA/expected/report.$f"
done
expect 0 q stats --format text
same "$T/out" "$DATA/expected/stats.text"
expect 0 q stats --format json
same "$T/out" "$DATA/expected/stats.json"

# The counts, recomputed from the lists at both ends of the period.
"$QT" -d "$DB" --as-of 2026-11-21 list --format json >"$T/then.json"
"$QT" -d "$DB" --as-of 2026-11-28 list --format json >"$T/now.json"
q report --since 2026-11-21 --format json >"$T/r.json"
"$PY" - "$T/then.json" "$T/now.json" "$T/r.json" <<'PY' && pass || fail "report counts"
import json, sys
then = {x["uid"]: x for x in json.load(open(sys.argv[1]))}
now = json.load(open(sys.argv[2]))
c = json.load(open(sys.argv[3]))["counts"]
over = [x for x in now if x["status"] == "overdue"]
want = {
    "overdue": len(over),
    "overdue_at_since": sum(1 for x in then.values() if x["status"] == "overdue"),
    "newly_overdue": sum(1 for x in over if then.get(x["uid"], {}).get("status") != "overdue"),
    "open": sum(1 for x in now if x["status"] == "open"),
    "due_within_14_days": sum(1 for x in now if x["status"] == "open" and x["days_left"] <= 14),
    "answered": sum(1 for x in now if x["answered"] and x["answered"] > "2026-11-21"),
    "answered_late": sum(1 for x in now if x["answered"] and x["answered"] > "2026-11-21" and x["status"] == "answered_late"),
    "signal_eligible": sum(1 for x in over if not x["signaled"]),
}
bad = {k: (c[k], v) for k, v in want.items() if c[k] != v}
assert not bad, bad
PY

q report --since 2026-11-21 --format csv >"$T/r.csv"
"$PY" - "$T/r.csv" "$T/r.json" <<'PY' && pass || fail "csv does not read back"
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
r = json.load(open(sys.argv[2]))
assert len(rows) == r["counts"]["overdue"], len(rows)
assert rows[0]["ministry"] == r["groups"][0]["name"]
assert all(int(x["days_overdue"]) > 0 for x in rows)
PY
q report --since 2026-11-21 --format html >"$T/r.html"
"$PY" - "$T/r.html" "$T/r.json" <<'PY' && pass || fail "html"
import html.parser, json, sys
class P(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.bars = self.svg = self.tables = 0
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.svg += tag == "svg"
        self.bars += tag == "g" and a.get("class") == "bar"
        self.tables += tag == "table"
p = P()
p.feed(open(sys.argv[1], encoding="utf-8").read())
p.close()
r = json.load(open(sys.argv[2]))
assert p.svg == 1, p.svg
assert p.bars == len(r["groups"]), (p.bars, len(r["groups"]))
# The counts, the period's three lists (answered, newly overdue, due
# soon: each a table where it is not empty), then one table per group.
newly = sum(q["newly_overdue"] for g in r["groups"] for q in g["questions"])
stories = sum(1 for n in (len(r["answered"]), newly, len(r["due_soon"])) if n)
assert p.tables == len(r["groups"]) + 1 + stories, (p.tables, stories)
assert len(r["answered"]) == r["counts"]["answered"], r["answered"]
assert len(r["due_soon"]) == r["counts"]["due_within_14_days"], r["due_soon"]
assert newly == r["counts"]["newly_overdue"], newly
# Who asked whom, in every question of the lists.
for g in r["groups"]:
    for q in g["questions"]:
        assert q["author"] and q["ministry"], q
for q in r["answered"]:
    assert q["answered"] and q["days_late"] >= 0 and q["answer_excerpt"], q
PY
# The chart names what it shows, its period and its source, and leaves
# room for the largest value.
has "$T/r.html" 'font-weight="bold">Questions en retard par ministère'
has "$T/r.html" "Source : données ouvertes de l"
"$PY" - "$T/r.html" <<'PY' && pass || fail "a bar's value is cut by the chart's edge"
import re, sys
svg = open(sys.argv[1], encoding="utf-8").read()
width = int(re.search(r'viewBox="0 0 (\d+) ', svg).group(1))
vals = re.findall(r'/><text x="(\d+)" y="\d+" font-size="12">(\d+)</text>', svg)
assert vals
# 12px digits are at most 7.5 units wide; six digits must fit.
assert all(int(x) + 6 * 7.5 <= width for x, v in vals), vals
PY
# A filtered report says what it covers, and how recent the source is
# (not its subset).
expect 0 q report --since 2026-11-21 --group LFI-NFP
sed -n 1p "$T/out" | grep -q ' — LFI-NFP$' && pass ||
    fail "the title does not name the group: $(sed -n 1p "$T/out")"
tail -1 "$DATA/expected/report.text" | sed 's/ Calendrier.*//' >"$T/dataline"
has "$T/out" "$(cat "$T/dataline")"
# --by and the filters.
# A member given by reference is titled by name, as the digest's reader
# knows them.
expect 0 q report --author PA720430
sed -n 1p "$T/out" | grep -q ' — M. Ugo Bernalicis$' && pass ||
    fail "a member's report is titled $(sed -n 1p "$T/out")"
expect 0 q report --by group --group LFI-NFP --format json
"$PY" -c 'import json, sys; r = json.load(open(sys.argv[1])); assert r["by"] == "group" and [g["name"] for g in r["groups"]] == ["LFI-NFP"], r["groups"]' \
    "$T/out" && pass || fail "--by group"
expect 64 q report --by party
expect 64 q report --format pdf
expect 64 q stats --by ministry

# stats by hand: ministry A answers after 10, 20, 30, 40 and 70 days
# (deadline: 61 days) and leaves one unanswered; B after 5 and 100 days.
"$PY" - "$T/small" <<'PY'
import datetime as dt, json, os, sys
os.makedirs(sys.argv[1])
pub = dt.date(2025, 1, 7)   # deadline 2025-03-07: 59 days
n = 0
def q(ministry, delay):
    global n
    n += 1
    jo = {"dateJO": pub.isoformat(), "pageJO": "1"}
    d = {"question": {"identifiant": {"numero": str(n), "legislature": "17"}, "type": "QE",
         "minInt": {"organeRef": "PO" + ministry, "abrege": ministry},
         "textesQuestion": {"texteQuestion": {"infoJO": jo, "texte": "x"}}}}
    if delay is not None:
        ans = {"dateJO": (pub + dt.timedelta(days=delay)).isoformat(), "pageJO": "2"}
        d["question"]["textesReponse"] = {"texteReponse": {"infoJO": ans, "texte": "r"}}
    json.dump(d, open(f"{sys.argv[1]}/{n}.json", "w"))
for delay in (10, 20, 30, 40, 70, None):
    q("A", delay)
for delay in (5, 100):
    q("B", delay)
PY
expect 0 "$QT" -d "$T/s.db" import "$T/small"
expect 0 "$QT" -d "$T/s.db" --as-of 2025-12-31 stats --format json
"$PY" - "$T/out" <<'PY' && pass || fail "stats by hand: $(cat "$T/out")"
import json, sys
s = json.load(open(sys.argv[1]))
m = {r["ministry"]: r for r in s["ministries"]}
a, b = m["A"], m["B"]
assert (a["received"], a["answered"], a["answered_on_time"], a["overdue"]) == (6, 5, 4, 1), a
assert abs(a["answer_rate"] - 5 / 6) < 1e-3 and abs(a["on_time_share"] - 4 / 6) < 1e-3, a
assert (a["median_days"], a["p90_days"]) == (30, 70), a
assert a["oldest_overdue_days"] == 299, a      # 2025-03-07 -> 2025-12-31
assert (b["received"], b["answered"], b["answered_on_time"]) == (2, 2, 1), b
assert (b["median_days"], b["p90_days"]) == (52.5, 100), b
assert [r["ministry"] for r in s["ministries"]] == ["A", "B"]   # 67 % > 50 %
t = s["total"]
assert (t["received"], t["answered"], t["median_days"], t["p90_days"]) == (8, 7, 30, 100), t
PY

# stats by hand, at scale: 90 ministries (their rows are found by a hash,
# grown past 32 and 64), and enough answers (300 for M0, 1,000 in all)
# that the median and 90th percentile are counted, not sorted; each
# compared with Python's own nearest rank over the same delays.
"$PY" - "$T/many" <<'PY'
import datetime as dt, json, os, sys
os.makedirs(sys.argv[1])
pub = dt.date(2025, 1, 7)
n = 0
for m in range(90):
    for k in range(300 if m == 0 else 8):
        n += 1
        delay = (k * 37 + m * 11) % 400 if k % 9 else None
        jo = {"dateJO": pub.isoformat(), "pageJO": "1"}
        d = {"question": {"identifiant": {"numero": str(n), "legislature": "17"}, "type": "QE",
             "minInt": {"organeRef": f"PO{m}", "abrege": f"M{m}"},
             "textesQuestion": {"texteQuestion": {"infoJO": jo, "texte": "x"}}}}
        if delay is not None:
            ans = {"dateJO": (pub + dt.timedelta(days=delay)).isoformat(), "pageJO": "2"}
            d["question"]["textesReponse"] = {"texteReponse": {"infoJO": ans, "texte": "r"}}
        json.dump(d, open(f"{sys.argv[1]}/{n}.json", "w"))
PY
expect 0 "$QT" -d "$T/many.db" import "$T/many"
expect 0 "$QT" -d "$T/many.db" --as-of 2026-06-30 stats --format json
"$PY" - "$T/out" <<'PY' && pass || fail "stats of 90 ministries: $(head -c 300 "$T/out")"
import json, math, sys
s = json.load(open(sys.argv[1]))
def expect(count, m=None):
    ds = []
    for k in range(count):
        if k % 9:
            ds.append((k * 37 + (m or 0) * 11) % 400)
    return ds
def pct(ds):
    ds = sorted(ds)
    n = len(ds)
    med = ds[n // 2] if n % 2 else (ds[n // 2 - 1] + ds[n // 2]) / 2
    return med, ds[max(math.ceil(0.9 * n), 1) - 1]
rows = {r["ministry"]: r for r in s["ministries"]}
assert len(rows) == 90, len(rows)
every = []
for m in range(90):
    ds = expect(300 if m == 0 else 8, m)
    every += ds
    r = rows[f"M{m}"]
    assert r["received"] == (300 if m == 0 else 8) and r["answered"] == len(ds), r
    assert (r["median_days"], r["p90_days"]) == pct(ds), (m, r, pct(ds))
t = s["total"]
assert t["received"] == 1012 and t["answered"] == len(every), t
assert (t["median_days"], t["p90_days"]) == pct(every), (t, pct(every))
PY

# French by default, English on request.
expect 0 q report --since 2026-11-21
has "$T/out" "Rapport au 28 novembre 2026, période depuis le 21 novembre 2026"
has "$T/out" "Questions en retard par ministère"
printf '[general]\nlang = en\n' >"$T/en.conf"
expect 0 "$QT" -c "$T/en.conf" -d "$DB" --as-of 2026-11-28 report --since 2026-11-21
has "$T/out" "Report as of 28 November 2026, period from 21 November 2026"
has "$T/out" "Overdue questions by ministry, most overdue first"
expect 0 "$QT" -c "$T/en.conf" -d "$DB" --as-of 2026-11-28 stats
has "$T/out" "Ministries' answers to written questions, as of 28 November 2026"
LC_ALL=en_US.UTF-8 expect 0 "$QT" -d "$DB" --as-of 2026-11-28 stats
has "$T/out" "as of 28 November 2026"

# The signalement's delay is the rule in force, not a fixed "ten days".
expect 0 "$QT" -c "$T/en.conf" -d "$DB" --as-of 2026-11-28 report
has "$T/out" "(an answer is then due within 10 days)"
has "$T/out" "; 10 days from the JO mention of a signalement"
printf '[general]\nlang = en\n[rules]\nsignal_days = 20\n' >"$T/s20.conf"
expect 0 "$QT" -c "$T/s20.conf" -d "$DB" --as-of 2026-11-28 report
has "$T/out" "Assemblée nationale: "
has "$T/out" "(an answer is then due within 20 days)"
has "$T/out" "; 20 days from the JO mention of a signalement"
lacks "$T/out" "ten days"

finish
