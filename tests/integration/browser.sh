#!/bin/sh
# SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors.
# The index page of serve in a real browser (Debian's headless Chromium):
# it renders, the chart has one bar per ministry with overdue questions,
# every feed has its webcal and https links, and a screenshot of the page
# at a phone's width is kept in $QT_ARTIFACTS/index.png.
. "$(dirname "$0")/lib.sh"
DB="$T/q.db"
need chromium command -v chromium
expect 0 "$QT" -d "$DB" import "$SAMPLE/Questions_ecrites.json.zip" \
    "$SAMPLE/AMO_deputes.json.zip"
port=$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$QT" -d "$DB" --as-of 2026-11-28 serve --listen "127.0.0.1:$port" 2>/dev/null &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$T"' EXIT
i=0
while ! curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && [ $i -lt $((100 * SLOW)) ]; do
	sleep 0.1
	i=$((i + 1))
done
art=${QT_ARTIFACTS:-$T}
mkdir -p "$art"
chrome a --window-size=412,2400 --screenshot="$art/index.png" \
    "http://127.0.0.1:$port/" >/dev/null 2>&1
[ -s "$art/index.png" ] && pass || fail "no screenshot"
"$PY" -c 'import sys; d = open(sys.argv[1], "rb").read(24); assert d[:8] == b"\x89PNG\r\n\x1a\n"; w = int.from_bytes(d[16:20], "big"); h = int.from_bytes(d[20:24], "big"); assert w >= 400 and h >= 1000, (w, h)' \
    "$art/index.png" && pass || fail "the screenshot is not a PNG of the page"
chrome b --dump-dom "http://127.0.0.1:$port/" >"$T/dom.html" 2>/dev/null
curl -s "http://127.0.0.1:$port/report.json" >"$T/report.json"
"$PY" - "$T/dom.html" "$T/report.json" <<'PY' && pass || fail "the rendered page"
import html.parser, json, sys
class P(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.bars = self.charts = 0
        self.webcal = self.https = 0
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.charts += tag == "svg" and "chart" in a.get("class", "")
        self.bars += tag == "g" and a.get("class") == "bar"
        href = a.get("href", "") if tag == "a" else ""
        self.webcal += href.startswith("webcal://")
        self.https += href.startswith("http") and href.endswith(".ics")
p = P()
p.feed(open(sys.argv[1], encoding="utf-8").read())
r = json.load(open(sys.argv[2]))
assert p.charts == 1, p.charts
assert p.bars == len(r["groups"]), (p.bars, len(r["groups"]))
assert p.webcal == p.https and p.webcal > 100, (p.webcal, p.https)
PY
has "$T/dom.html" "S'abonner"
finish
