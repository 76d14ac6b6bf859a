#!/bin/sh
# SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors.
# The site as people use it, in headless Chromium through serve: the
# journalist's path (the index's search form, "reconnaissance faciale",
# question 17-6750's page, 496 days overdue as of 2026-11-28, Ugo
# Bernalicis's page and his feed), screenshots at a phone's and a
# desktop's widths (kept as artifacts), hostile text that stays text,
# and the pages' accessible structure, in French and in English.
. "$(dirname "$0")/lib.sh"
need chromium command -v chromium
DB="$T/q.db"
expect 0 "$QT" -d "$DB" import "$SAMPLE/Questions_ecrites.json.zip" \
    "$SAMPLE/AMO_deputes.json.zip"
# A question whose words are markup, by an author whose name is markup.
"$PY" - "$DATA/an/QANR5L17QE6750.json" "$T/evil.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
q = d["question"]
q["uid"] = "QANR5L17QE90666"
q["identifiant"]["numero"] = "90666"
q["indexationAN"]["analyses"]["analyse"] = "<script>alert('t')</script>Sujet piégé"
t = q["textesQuestion"]["texteQuestion"]
t["texte"] = "90666. — 20 mai 2025. — <img src=x onerror=alert(1)> texte piégé"
q["auteur"]["identite"]["acteurRef"] = "PA990666"
json.dump(d, open(sys.argv[2], "w"), ensure_ascii=False)
PY
expect 0 "$QT" -d "$DB" import "$T/evil.json"
sqlite3 "$DB" "INSERT OR REPLACE INTO members VALUES ('AN', 'PA990666', 'M. <b onmouseover=x>Pirate</b>')"
start_serve "$DB" --as-of 2026-11-28
art=${QT_ARTIFACTS:-$T}/site
mkdir -p "$art"
# shot NAME PATH: screenshots at 412 and 1280 pixels wide, and the DOM.
shot() {
	for w in 412 1280; do
		chrome "$1-$w" --window-size=$w,1600 \
		    --screenshot="$art/$1-$w.png" "$U/$2" >/dev/null 2>&1
		"$PY" -c 'import sys; d = open(sys.argv[1], "rb").read(24); assert d[:8] == b"\x89PNG\r\n\x1a\n"; assert int.from_bytes(d[16:20], "big") == int(sys.argv[2])' \
		    "$art/$1-$w.png" $w && pass || fail "$1: no screenshot at $w px"
	done
	chrome "$1-dom" --dump-dom "$U/$2" >"$T/$1.html" 2>/dev/null
}
# look PAGE.html CHECKS: the rendered DOM, checked in Python (d: what the
# parser gathered: text, links, forms, tags).
look() {
	_page=$1
	shift
	"$PY" - "$T/$_page.html" "$@" <<'PY'
import html.parser, sys
class P(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.text, self.links, self.forms, self.tags = [], [], [], {}
        self.labels, self.inputs, self.lang = set(), [], None
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags[tag] = self.tags.get(tag, 0) + 1
        if tag == "html":
            self.lang = a.get("lang")
        if tag == "a" and "href" in a:
            self.links.append(a["href"])
        if tag == "form":
            self.forms.append(a)
        if tag == "label" and "for" in a:
            self.labels.add(a["for"])
        if tag == "input":
            self.inputs.append(a)
        for k in a:
            assert not k.startswith("on"), (tag, a)
    def handle_data(self, data):
        self.text.append(data)
d = P()
d.feed(open(sys.argv[1], encoding="utf-8").read())
d.text = " ".join(" ".join(d.text).split())
assert d.tags.get("h1") == 1, d.tags
assert d.tags.get("script", 0) == 0 and d.tags.get("img", 0) == 0, d.tags
form = [f for f in d.forms if f.get("role") == "search"]
assert len(form) == 1 and form[0].get("method") == "get", d.forms
q = [i for i in d.inputs if i.get("name") == "q"]
assert len(q) == 1 and q[0].get("id") in d.labels, (q, d.labels)
exec(sys.argv[2])
PY
}

# 1. The index: names, the search form, the status table and the chart.
shot index ""
look index '
assert d.lang == "fr"
assert form[0]["action"] == "search", form
assert "M. Ugo Bernalicis" in d.text
assert "author/PA720430.html" in d.links
assert d.tags.get("svg", 0) >= 1
' && pass || fail "the index"
# 2. Its form, as a browser submits it: the action and the field.
words="reconnaissance faciale"
action=$("$PY" -c 'import sys, urllib.parse as u; print(u.urljoin(sys.argv[1] + "/", "search") + "?" + u.urlencode({"q": sys.argv[2]}))' "$U" "$words")
[ "$action" = "$U/search?q=reconnaissance+faciale" ] && pass || fail "form: $action"
shot search "search?q=reconnaissance+faciale"
look search '
assert "question/QANR5L17QE6750.html" == [l for l in d.links if l.startswith("question/")][0], d.links
assert "1 question contient" in d.text, d.text
assert "496 jours de retard" in d.text
assert [i for i in d.inputs if i.get("name") == "q"][0].get("value") == "reconnaissance faciale"
' && pass || fail "the search page"
# 3. The question's page: its number, status and deadline, its texts,
# the reasoning, and a link to its author's page.
shot question "question/QANR5L17QE6750.html"
look question '
assert "Question écrite 17-6750" in d.text, d.text[:300]
assert "496 jours de retard" in d.text and "échéance le 20 juillet 2025" in d.text
assert "art. 135 al. 6 RAN" in d.text
assert "secteur privé dans la préparation" in d.text
assert "Chronologie" in d.text and "20 mai 2025" in d.text
assert "../author/PA720430.html" in d.links, d.links
assert "https://www.assemblee-nationale.fr/dyn/17/questions/QANR5L17QE6750" in d.links
' && pass || fail "the question page"
# 4. The member's page, and his feed from its subscribe links.
shot member "author/PA720430.html"
look member '
import urllib.parse as u
assert "M. Ugo Bernalicis" in d.text and "Député" in d.text
assert "../question/QANR5L17QE6750.html" in d.links
webcal = [l for l in d.links if l.startswith("webcal://")]
assert webcal == ["webcal://127.0.0.1:8080/author/PA720430.ics"], webcal
g = [l for l in d.links if l.startswith("https://calendar.google.com/")]
assert u.parse_qs(u.urlparse(g[0]).query)["cid"] == webcal, g
o = [l for l in d.links if l.startswith("https://outlook.live.com/")]
assert u.parse_qs(u.urlparse(o[0]).query)["url"] == ["http://127.0.0.1:8080/author/PA720430.ics"], o
' && pass || fail "the member page"
curl -sf "$U/author/PA720430.ics" >"$T/feed.ics" || fail "no feed"
"$PY" -c 'import sys, icalendar; c = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read()); s = [str(e["SUMMARY"]) for e in c.walk("VEVENT")]; assert any("6750" in x for x in s), s' \
    "$T/feed.ics" && pass || fail "the member's feed"
# His Atom feed, as a feed reader reads it: linked from the page, what
# changed of his questions, each entry leading to a question's page.
look member '
assert "PA720430.atom" in d.links, d.links
' && pass || fail "no Atom link on the member page"
grep -q '<link rel="alternate" type="application/atom+xml" href="PA720430.atom">' \
    "$T/member.html" && pass || fail "no Atom discovery link"
curl -sf -D "$T/ah" "$U/author/PA720430.atom" >"$T/feed.atom" || fail "no Atom feed"
grep -qi '^Content-Type: application/atom+xml' "$T/ah" && pass ||
    fail "Atom type: $(cat "$T/ah")"
"$PY" - "$T/feed.atom" <<'PY' && pass || fail "the Atom feed"
import feedparser, sys
d = feedparser.parse(open(sys.argv[1], "rb").read())
assert not d.bozo, d.bozo_exception
assert d.version == "atom10", d.version
assert d.feed.title == "M. Ugo Bernalicis"
e = d.entries[0]
assert e.link == "http://127.0.0.1:8080/question/QANR5L17QE6750.html", e.link
assert e.title.startswith("17-6750 en retard : Vidéosurveillance"), e.title
assert e.updated == "2025-07-21T00:00:00Z" and "496 jours de retard" in e.summary
PY
# Every Atom feed of an export parses; hostile names stay text.
expect 0 "$QT" -d "$DB" --as-of 2026-11-28 export "$T/site"
"$PY" - "$T/site" <<'PY' && pass || fail "an exported Atom feed"
import feedparser, glob, sys
feeds = glob.glob(sys.argv[1] + "/*/*.atom")
assert len(feeds) > 100, len(feeds)
for f in feeds:
    d = feedparser.parse(open(f, "rb").read())
    assert not d.bozo, (f, d.bozo_exception)
    assert len(d.entries) <= 50
d = feedparser.parse(open(sys.argv[1] + "/author/PA990666.atom", "rb").read())
assert d.feed.title == "M. <b onmouseover=x>Pirate</b>", d.feed.title
assert "<script>" in d.entries[0].title, d.entries[0].title
PY
# 5. Hostile text stays text on every page that shows it.
shot evil "question/QANR5L17QE90666.html"
look evil '
assert "<script>alert" in d.text and "<img src=x onerror=alert(1)>" in d.text
' && pass || fail "hostile question page"
chrome evs --dump-dom "$U/search?q=pi%C3%A9g%C3%A9" >"$T/evs.html" 2>/dev/null
look evs 'assert "<script>alert" in d.text' && pass || fail "hostile search"
chrome evm --dump-dom "$U/author/PA990666.html" >"$T/evm.html" 2>/dev/null
look evm 'assert "<b onmouseover=x>Pirate</b>" in d.text, d.text[:200]; assert d.tags.get("b", 0) == 0 or "Pirate" not in d.text.split("<b")[0]' &&
    pass || fail "hostile member page"
# 6. Words that make no query: the form and why, a 400.
[ "$(curl -s -o "$T/bad.html" -w '%{http_code}' "$U/search?q=*")" = 400 ] &&
    pass || fail "no 400 for a query without words"
look bad 'assert "aucun mot" in d.text or "no word" in d.text, d.text' &&
    pass || fail "the reason of a 400"
[ "$(curl -s -o /dev/null -w '%{http_code}' "$U/search?q=x&status=bogus")" = 400 ] &&
    pass || fail "a bad filter"
[ "$(curl -s -o /dev/null -w '%{http_code}' "$U/question/QANR5L17QE999999.html")" = 404 ] &&
    pass || fail "an unknown question"
# Validators on a page made per request.
curl -s -D "$T/h" -o /dev/null "$U/question/QANR5L17QE6750.html"
etag=$(sed -n 's/^ETag: \(.*\)\r$/\1/p' "$T/h")
[ -n "$etag" ] && [ "$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $etag" "$U/question/QANR5L17QE6750.html")" = 304 ] &&
    pass || fail "no 304 for a question page"
kill $pid
wait $pid 2>/dev/null
# 7. English, with [general] lang.
printf '[general]\nlang = en\n[serve]\ncheck_seconds = 1\n' >"$T/en.conf"
port=$(free_port)
U="http://127.0.0.1:$port"
"$QT" -c "$T/en.conf" -d "$DB" --as-of 2026-11-28 serve --listen \
    "127.0.0.1:$port" 2>"$T/en.log" &
pid=$!
wait_for 10 "curl -sf '$U/healthz'"
chrome en --dump-dom "$U/question/QANR5L17QE6750.html" >"$T/en.html" 2>/dev/null
look en '
assert d.lang == "en"
assert "Written question 17-6750" in d.text and "496 days overdue" in d.text, d.text[:300]
' && pass || fail "the English page"
finish
