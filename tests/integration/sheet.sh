#!/bin/sh
# SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors.
# report and stats as spreadsheets (--format xlsx), opened as their users
# open them: LibreOffice headless converts each to OpenDocument, and every
# value of the JSON output is checked in its cell with its type (days
# and counts numbers, dates dates, rates percentages, text text, a title
# that looks like a formula still text); to -o FILE or a redirection.
. "$(dirname "$0")/lib.sh"
here=$(cd "$(dirname "$0")" && pwd)
need libreoffice command -v soffice
DB="$T/q.db"
q() { "$QT" -d "$DB" --as-of 2026-11-28 "$@"; }
# A question whose subject is a formula, as hostile data would send it.
sed -e 's/"6750"/"99001"/g' -e 's/QANR5L17QE6750/QANR5L17QE99001/g' \
    -e 's/"analyse": "[^"]*"/"analyse": "=HYPERLINK(\\"http:\/\/x\\";\\"y\\")"/' \
    "$DATA/an/QANR5L17QE6750.json" >"$T/QANR5L17QE99001.json"
expect 0 "$QT" -d "$DB" import "$SAMPLE/Questions_ecrites.json.zip" \
    "$SAMPLE/AMO_deputes.json.zip" "$SAMPLE/questions-depuis-un-an.csv" \
    "$T/QANR5L17QE99001.json"
expect 0 q report --since 2026-11-01 --format xlsx -o "$T/report.xlsx"
q report --since 2026-11-01 --format json >"$T/report.json"
q stats --format xlsx >"$T/stats.xlsx"
q stats --format json >"$T/stats.json"
# A file: the magic of a zip, as xlsx is.
[ "$(head -c 2 "$T/report.xlsx")" = "PK" ] && [ "$(head -c 2 "$T/stats.xlsx")" = "PK" ] &&
    pass || fail "not xlsx files"
expect 73 q report --format xlsx -o /nonexistent/dir/r.xlsx
has "$T/err" "/nonexistent/dir/r.xlsx"
ls /nonexistent/dir 2>/dev/null && fail "a file was left" || pass

mkdir -p "$T/lo"
HOME="$T/lo" soffice --headless --convert-to ods --outdir "$T/lo" \
    "$T/report.xlsx" "$T/stats.xlsx" >"$T/lo.log" 2>&1
[ -s "$T/lo/report.ods" ] && [ -s "$T/lo/stats.ods" ] && pass ||
    fail "LibreOffice did not open them: $(cat "$T/lo.log")"
expect 0 "$PY" "$here/check_sheet.py" report "$T/lo/report.ods" "$T/report.json"
has "$T/out" " 0 problems"
expect 0 "$PY" "$here/check_sheet.py" stats "$T/lo/stats.ods" "$T/stats.json"
has "$T/out" " 0 problems"
# The formula stayed the subject's text, and "Armées" is itself.
unzip -p "$T/lo/report.ods" content.xml >"$T/content.xml"
has "$T/content.xml" '<text:p>=HYPERLINK(&quot;http://x&quot;;&quot;y&quot;)</text:p>'
lacks "$T/content.xml" 'table:formula='
unzip -p "$T/lo/stats.ods" content.xml >"$T/stats.xml"
has "$T/stats.xml" "<text:p>Armées</text:p>"
finish
