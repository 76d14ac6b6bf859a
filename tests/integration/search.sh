#!/bin/sh
# SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors.
# qetracker search through the real binary: the whole texts are searched
# (words past the excerpt), accents and case aside, ranked, with the
# filters; the user's words are never FTS5 operators; hostile text stays
# text in snippet_html; json and csv carry the list's fields.
. "$(dirname "$0")/lib.sh"
DB="$T/q.db"
q() { "$QT" -d "$DB" --as-of 2026-11-28 "$@"; }

# Our own questions around the real 17-6750: one with the two words far
# apart and markup in its text, one answered whose answer has the phrase.
"$PY" - "$DATA/an/QANR5L17QE6750.json" "$T/own.zip" <<'PY'
import copy, json, sys, zipfile
src, out = sys.argv[1:3]
base = json.load(open(src))
def variant(num, title, text, answer=None):
    d = copy.deepcopy(base)
    q = d["question"]
    q["uid"] = f"QANR5L17QE{num}"
    q["identifiant"]["numero"] = str(num)
    q["indexationAN"]["analyses"]["analyse"] = title
    t = q["textesQuestion"]["texteQuestion"]
    t = t[0] if isinstance(t, list) else t
    t["texte"] = f"{num}. — 20 mai 2025. — " + text
    q["textesQuestion"]["texteQuestion"] = t
    if answer:
        q["textesReponse"] = {"texteReponse": {"infoJO": {
            "typeJO": "JO_QUESTION", "dateJO": "2025-06-10",
            "pageJO": "4000"}, "texte": answer}}
        q["cloture"] = {"codeCloture": "REP_PUB",
            "libelleCloture": "Réponse publiée", "dateCloture": "2025-06-10"}
    return d
qs = [base,
      variant(90001, "Drones de police", "<script>alert(1)</script> la "
              "reconnaissance des drones, et plus loin une analyse "
              "faciale & \"autre\". " + "remplissage " * 60 +
              "motterminal"),
      variant(90002, "Caméras dans les gares", "Question sur les caméras.",
              "La reconnaissance faciale n'est pas employée dans les gares.")]
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    for d in qs:
        z.writestr("json/%s.json" % d["question"]["uid"],
                   json.dumps(d, ensure_ascii=False))
PY
expect 0 q import "$T/own.zip"

# The two words: the real question first (its subject has them), the
# answered one next; the one with the words apart last.
expect 0 q search --format json reconnaissance faciale
"$PY" - "$T/out" <<'PY' && pass || fail "ranking: $(cat "$T/out")"
import json, sys
hits = json.load(open(sys.argv[1]))
nums = [h["number"] for h in hits]
assert nums[0] == 6750, nums
assert sorted(nums) == [6750, 90001, 90002], nums
assert hits[0]["days_overdue"] == 496 and hits[0]["status"] == "overdue"
assert all(hits[i]["score"] >= hits[i + 1]["score"] for i in range(2))
PY
# A phrase: only where the words follow each other.
expect 0 q search --format json '"reconnaissance faciale"'
"$PY" -c 'import json,sys; n=sorted(h["number"] for h in json.load(open(sys.argv[1]))); assert n == [6750, 90002], n' "$T/out" &&
    pass || fail "phrase: $(cat "$T/out")"
# Accents and case aside; a word past the 400 bytes of the excerpt; a
# prefix; an excluded word.
expect 0 q search --format csv VIDEOSURVEILLANCE
has "$T/out" "QANR5L17QE6750"
expect 0 q search motterminal
has "$T/out" "17-90001"
expect 0 q search 'secteur privé dans la préparation'
has "$T/out" "17-6750"
expect 0 q search --format json 'camér*'
has "$T/out" '"number": 90002'
expect 0 q search --format json -- reconnaissance -drones
lacks "$T/out" '"number": 90001'
has "$T/out" '"number": 6750'
# The filters of list.
expect 0 q search --format json --status answered reconnaissance
"$PY" -c 'import json,sys; h=json.load(open(sys.argv[1])); assert [x["number"] for x in h] == [90002], h' "$T/out" &&
    pass || fail "--status: $(cat "$T/out")"
# A page of a filtered search counts every match that passes.
expect 0 q search --format json --limit 0 --status overdue reconnaissance
n=$("$PY" -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$T/out")
expect 0 q search --limit 1 --status overdue reconnaissance
[ "$n" -ge 2 ] && pass || fail "want 2 overdue matches, got $n"
has "$T/out" "$((n - 1)) de plus"
# A hit is list's object, plus score and snippets.
expect 0 q list --format json
"$PY" - "$T/out" <<'PY' >"$T/list6750" || fail "no 6750 in list"
import json, sys
print(json.dumps([x for x in json.load(open(sys.argv[1])) if x["number"] == 6750][0], sort_keys=True))
PY
expect 0 q search --format json --limit 1 facial*
"$PY" - "$T/out" "$T/list6750" <<'PY' && pass || fail "search and list disagree: $(cat "$T/out")"
import json, sys
hit = json.load(open(sys.argv[1]))[0]
for k in ("score", "snippet", "snippet_html"):
    hit.pop(k)
assert json.dumps(hit, sort_keys=True) == open(sys.argv[2]).read().strip()
PY
# Hostile text stays text; the hits are marked.
expect 0 q search --format json alert
"$PY" - "$T/out" <<'PY' && pass || fail "snippet_html: $(cat "$T/out")"
import json, sys
h = json.load(open(sys.argv[1]))[0]
assert "<script" not in h["snippet_html"], h["snippet_html"]
assert "&lt;script&gt;" in h["snippet_html"]
assert "<mark>alert</mark>" in h["snippet_html"]
assert "<script>alert(1)</script>" in h["snippet"]
PY
# The table: the snippet under the row, hits in brackets without colour.
expect 0 q search reconnaissance faciale --limit 1
has "$T/out" "17-6750"
has "$T/out" "[reconnaissance faciale]"
has "$T/out" "2 de plus : --limit 0 les montre toutes"
# CSV: the list's columns, then the search's; empty, still the header.
expect 0 q search --format csv reconnaissance
head -n 1 "$T/out" | grep -q '^uid,.*,url,score,snippet,snippet_html' && pass ||
    fail "csv header: $(head -n 1 "$T/out")"
expect 0 q search --format csv introuvablemot
[ "$(wc -l <"$T/out")" -eq 1 ] && has "$T/out" "score,snippet,snippet_html"
expect 0 q search introuvablemot
has "$T/out" "0 question"

# A word in more questions than are worth scoring: the last recorded
# first, said so, still every match counted.
"$PY" - "$DATA/an/QANR5L17QE6750.json" "$T/many.zip" <<'PY'
import copy, json, sys, zipfile
base = json.load(open(sys.argv[1]))
with zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_DEFLATED) as z:
    # And more without the word, so that its matches score above 0.
    for num in range(100001, 104202):
        d = copy.deepcopy(base)
        q = d["question"]
        q["uid"] = f"QANR5L17QE{num}"
        q["identifiant"]["numero"] = str(num)
        word = "Abondance" if num <= 102001 else "Disette"
        q["textesQuestion"]["texteQuestion"]["texte"] = f"{num}. — 20 mai 2025. — {word} {num}."
        z.writestr("json/%08d.json" % num, json.dumps(d, ensure_ascii=False))
PY
expect 0 q import "$T/many.zip"
expect 0 q search --limit 3 abondance
has "$T/out" "17-102001"
has "$T/out" "1998 de plus"
has "$T/out" "Plus de 2000 questions contiennent ces mots"
expect 0 q search --format json --limit 2 --status overdue abondance
"$PY" -c 'import json,sys; h=json.load(open(sys.argv[1])); assert [x["number"] for x in h] == [102001, 102000], h' "$T/out" &&
    pass || fail "newest first with a filter: $(head -c 300 "$T/out")"
# Newest first, only the page is scored, and as the index scores it: the
# bm25 SQLite gives each of those rows, with the weights of the search.
cp "$T/out" "$T/newest.json"
"$PY" - "$T/newest.json" "$DB" <<'PY' && pass || fail "newest first: the scores are not bm25's: $(head -c 300 "$T/newest.json")"
import json, sqlite3, sys
hits = json.load(open(sys.argv[1]))
db = sqlite3.connect(sys.argv[2])
for h in hits:
    (want,) = db.execute(
        "SELECT bm25(texts, 8.0, 4.0, 4.0, 1.0, 1.0) FROM texts t JOIN "
        "questions q ON q.id = t.rowid WHERE texts MATCH '\"abondance\"' "
        "AND q.number = ?", (h["number"],)).fetchone()
    # As format.c writes it: the opposite, to a thousandth.
    want = round(-want * 1000) / 1000
    assert want > 0 and abs(h["score"] - want) < 1e-9, (h["score"], want)
PY
has "$T/err" "Plus de 2000 questions"
# An empty database: no match, and its pages (none) are exported.
expect 0 "$QT" -d "$T/empty.db" init
expect 0 "$QT" -d "$T/empty.db" search --format json anything
has "$T/out" "[]"
expect 0 "$QT" -d "$T/empty.db" export "$T/empty-site"
[ -f "$T/empty-site/index.html" ] && pass || fail "no index for an empty database"
# Operators typed as words: never an SQL or FTS5 error.
for w in 'NEAR(' 'a OR' 'AND' 'title:drones' '^x' 'x*y' '{a b}:c' \
    "it's" 'SELECT * FROM texts'; do
	expect 0 q search -- "$w"
done
for w in '*' ')' '"' '""'; do
	expect 64 q search -- "$w"
	has "$T/err" "search: no word to look for"
done
expect 64 q search -- -drones
has "$T/err" "only words to exclude"
expect 64 q search
has "$T/err" "search needs WORDS"
expect 64 q search --limit many x
has "$T/err" "--limit"
finish
