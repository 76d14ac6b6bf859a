#!/bin/sh
# SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors.
# The JSON API through serve: /api/questions answers list --format json
# for the same filters (page after page, by its Link headers), search
# --format json for q, /api/questions/{uid} show --format json; ETags and
# 304s, and a new body when the data changes; errors in JSON, named.
. "$(dirname "$0")/lib.sh"
DB="$T/q.db"
q() { "$QT" -d "$DB" --as-of 2026-11-28 "$@"; }
expect 0 q import "$SAMPLE/Questions_ecrites.json.zip" \
    "$SAMPLE/AMO_deputes.json.zip"
start_serve "$DB" --as-of 2026-11-28

# pages URL OUT: every page of an API list, by its Link headers, joined.
pages() {
	"$PY" - "$1" "$2" <<'PY'
import json, re, sys, urllib.parse, urllib.request
url, out, rows, n = sys.argv[1], sys.argv[2], [], 0
while url:
    with urllib.request.urlopen(url) as r:
        rows += json.load(r)
        total = int(r.headers["X-Total-Count"])
        m = re.search(r'<([^>]*)>; rel="next"', r.headers.get("Link") or "")
        url = urllib.parse.urljoin(url, m.group(1)) if m else None
    n += 1
assert len(rows) == total, (len(rows), total)
json.dump(rows, open(out, "w"))
print(n)
PY
}
# same_json A B: the same JSON values.
same_json() {
	"$PY" -c 'import json, sys; a, b = (json.load(open(f)) for f in sys.argv[1:3]); assert a == b, (len(a), len(b))' "$1" "$2" &&
	    pass || fail "$3: the API and the command line differ"
}
for filt in "" "status=overdue --status overdue" \
    "group=LFI-NFP --group LFI-NFP" "ministry=Justice --ministry Justice" \
    "due-within=30 --due-within 30" "author=Bernalicis --author Bernalicis" \
    "status=answered_late&legislature=17 --status answered_late --legislature 17"; do
	param=${filt%% *}
	[ "$param" = "$filt" ] && param="" opts="" || opts=${filt#* }
	[ -z "$filt" ] && param="" opts=""
	# shellcheck disable=SC2086
	q list --format json $opts >"$T/list.json"
	n=$(pages "$U/api/questions?per_page=7&$param" "$T/api.json") ||
	    fail "$param: the pages"
	same_json "$T/list.json" "$T/api.json" "${param:-no filter}"
done
[ "$n" -ge 1 ] && pass || fail "no page"
# The whole list in one page is list's bytes.
q list --format json >"$T/list.json"
curl -sf "$U/api/questions?per_page=1000" >"$T/api.json"
same "$T/list.json" "$T/api.json"
expect 0 q search --format json --limit 100 reconnaissance
curl -sf "$U/api/questions?q=reconnaissance" >"$T/api.json"
same "$T/out" "$T/api.json"
expect 0 q show --format json 17-6750
curl -sf "$U/api/questions/QANR5L17QE6750" >"$T/one.json"
same "$T/out" "$T/one.json"
has "$T/one.json" '"days_overdue": 496'
# Headers: the total, the Link of the next page, validators and 304.
curl -s -D "$T/h" -o /dev/null "$U/api/questions?status=overdue&per_page=10"
grep -q '^X-Total-Count: 8[0-9]' "$T/h" && pass || fail "X-Total-Count: $(cat "$T/h")"
grep -q '^Link: <?status=overdue&per_page=10&page=2>; rel="next"' "$T/h" &&
    pass || fail "Link: $(cat "$T/h")"
grep -q '^Content-Type: application/json' "$T/h" && pass || fail "type"
etag=$(sed -n 's/^ETag: \(.*\)\r$/\1/p' "$T/h")
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $etag" "$U/api/questions?status=overdue&per_page=10")" = 304 ] &&
    pass || fail "no 304"
# The data changes (6750 answered): a new body, a new ETag.
"$PY" - "$DATA/an/QANR5L17QE6750.json" "$T/answered.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
q = d["question"]
q["textesReponse"] = {"texteReponse": {"infoJO": {"typeJO": "JO_QUESTION",
    "dateJO": "2026-11-24", "pageJO": "9000"}, "texte": "Réponse."}}
q["cloture"] = {"codeCloture": "REP_PUB", "libelleCloture": "Réponse publiée",
    "dateCloture": "2026-11-24"}
json.dump(d, open(sys.argv[2], "w"), ensure_ascii=False)
PY
etag1=$(curl -s -D - -o /dev/null "$U/api/questions/QANR5L17QE6750" | sed -n 's/^ETag: \(.*\)\r$/\1/p')
# serve's connections filter by an index of statuses (and a filtered
# search too): made at the first request, so this one and the next read
# it; and made again after the import, at once, without waiting for the
# site: the lists agree with the command line at the first request.
for r in 1 2; do
	q list --format json --status overdue >"$T/list.json"
	pages "$U/api/questions?per_page=50&status=overdue" "$T/api.json" >/dev/null
	same_json "$T/list.json" "$T/api.json" "status=overdue, request $r"
done
for w in "reconnaissance status=overdue --status overdue" \
    "reconnaissance group=LFI-NFP&status=overdue --group LFI-NFP --status overdue" \
    "sécurité status=open&legislature=17 --status open --legislature 17"; do
	words=${w%% *} rest=${w#* }
	param=${rest%% *} opts=${rest#* }
	# shellcheck disable=SC2086
	q search --format json --limit 100 $opts "$words" >"$T/s.json"
	curl -sf "$U/api/questions?per_page=100&$param&q=$("$PY" -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$words")" >"$T/api.json"
	same "$T/s.json" "$T/api.json"
done
expect 0 q import "$T/answered.json"
q list --format json --status overdue >"$T/list.json"
pages "$U/api/questions?per_page=50&status=overdue" "$T/api.json" >/dev/null
same_json "$T/list.json" "$T/api.json" "status=overdue after the answer"
lacks "$T/list.json" '"uid": "QANR5L17QE6750"'
q search --format json --limit 100 --status answered_late reconnaissance >"$T/s.json"
has "$T/s.json" '"uid": "QANR5L17QE6750"'
curl -sf "$U/api/questions?per_page=100&status=answered_late&q=reconnaissance" >"$T/api.json"
same "$T/s.json" "$T/api.json"
wait_for 10 "curl -s '$U/api/questions/QANR5L17QE6750' | grep -q '\"status\": \"answered_late\"'" ||
    fail "the API did not see the answer"
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $etag1" "$U/api/questions/QANR5L17QE6750")" = 200 ] &&
    pass || fail "a stale ETag still 304"
# Errors: JSON, naming what is wrong.
err() {	# status url text
	[ "$(curl -s -o "$T/e" -w '%{http_code}' "$U/$2")" = "$1" ] && pass ||
	    fail "$2: not $1"
	has "$T/e" "$3"
	"$PY" -c 'import json, sys; assert "error" in json.load(open(sys.argv[1]))' "$T/e" &&
	    pass || fail "$2: not a JSON error"
}
err 400 "api/questions?stauts=overdue" "stauts: unknown parameter"
err 400 "api/questions?status=bogus" "status: unknown status"
err 400 "api/questions?per_page=0" "per_page"
err 400 "api/questions?per_page=1001" "from 1 to 1000"
err 400 "api/questions?page=x" "page"
err 400 "api/questions?q=*" "no word to look for"
err 400 "api/questions/QANR5L17QE6750?x=1" "a question takes none"
err 404 "api/questions/QANR5L17QE999999" "no question"
err 404 "api/questions/..%2F..%2Fetc%2Fpasswd" "no question"
# Hostile values: bytes that are not UTF-8, controls, many parameters.
[ "$(curl -s -o /dev/null -w '%{http_code}' "$U/api/questions?q=%FF%FE%1B%5B31m")" != 500 ] &&
    pass || fail "invalid UTF-8 in q"
many=$(seq 1 40 | sed 's/.*/status=open/' | paste -sd '&')
err 400 "api/questions?$many" "too many parameters"
# Made per request, gzipped when the client takes it: the same bytes once
# inflated, an ETag of its own, its own 304; a small body stays as it is.
curl -s -H 'Accept-Encoding: gzip' -D "$T/gh" -o "$T/api.gz" \
    "$U/api/questions?per_page=1000"
curl -s -D "$T/ph" -o "$T/api.plain" "$U/api/questions?per_page=1000"
grep -qi '^Content-Encoding: gzip' "$T/gh" && pass ||
    fail "no gzip: $(cat "$T/gh")"
lacks "$T/ph" "Content-Encoding"
grep -qi '^Vary: Accept-Encoding' "$T/gh" && pass || fail "no Vary"
gunzip -c <"$T/api.gz" >"$T/api.inflated" && same "$T/api.plain" "$T/api.inflated"
[ "$(wc -c <"$T/api.gz")" -lt "$(($(wc -c <"$T/api.plain") / 4))" ] && pass ||
    fail "gzip saves little: $(wc -c <"$T/api.gz") of $(wc -c <"$T/api.plain")"
gtag=$(sed -n 's/^ETag: \(.*\)\r$/\1/p' "$T/gh")
ptag=$(sed -n 's/^ETag: \(.*\)\r$/\1/p' "$T/ph")
case $gtag in *-gz\") [ "$gtag" != "$ptag" ] && pass || fail "one ETag" ;;
*) fail "the gzip ETag: $gtag" ;; esac
[ "$(curl -s -o /dev/null -w '%{http_code}' -H 'Accept-Encoding: gzip' -H "If-None-Match: $gtag" "$U/api/questions?per_page=1000")" = 304 ] &&
    pass || fail "no 304 for the gzip ETag"
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $gtag" "$U/api/questions?per_page=1000")" = 200 ] &&
    pass || fail "the gzip ETag matched the identity body"
curl -s -H 'Accept-Encoding: gzip' -D "$T/sh" -o /dev/null "$U/api/questions?legislature=99"
lacks "$T/sh" "Content-Encoding"
kill -0 $pid && pass || fail "serve died"
finish
