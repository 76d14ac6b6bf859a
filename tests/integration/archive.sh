#!/bin/sh
# SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors.
# The AN's single-file archive of a legislature (kind an-archive, the
# XIV's Questions_ecrites_XIV.json: {"questionsEcrites": {"question":
# [...]}}) through the real binary: read as a stream when large and in
# memory when small, it stores exactly what the same questions as one file
# each store; the real question 17-6750 reads the same in the archive as
# in its own file, in an array or alone; the XIV's rule before the 2014
# reform applies; a re-import changes nothing; and hostile archives (cut
# short, an item that is not an object, a bad date, the wrong shape, a
# token too large) are refused with the file, the question's index and
# uid named, exit 65, the database byte for byte as it was.
. "$(dirname "$0")/lib.sh"
DB="$T/q.db"
q() { "$QT" -d "$DB" --as-of 2026-11-28 "$@"; }
gen() {
	"$PY" "$QT_SRC/bench/gen_dump.py" --seed 5 --legislature 14 \
	    --first 2012-07-03 --until 2017-06-18 "$@"
}

# 1,200 questions: about 5 MB of JSON, past the 4 MB from which a JSON
# unit is streamed; 60: in memory. Each also as one file per question.
gen --count 1200 --single "$T/xiv.zip" "$T/amo.zip"
gen --count 1200 "$T/xiv-files.zip" "$T/amo.zip"
gen --count 60 --single "$T/small.zip" "$T/amo.zip"
gen --count 60 "$T/small-files.zip" "$T/amo.zip"
"$PY" - "$T/xiv.zip" <<'PY' && pass || fail "the archive is one large entry"
import sys, zipfile
(e,) = zipfile.ZipFile(sys.argv[1]).infolist()
assert e.filename == "Questions_ecrites_XIV.json", e.filename
assert e.file_size > 4 << 20, e.file_size
PY

for form in xiv small; do
	for f in "$form" "$form-files"; do
		rm -f "$DB"*
		expect 0 q import "$T/$f.zip" "$T/amo.zip"
		cp "$T/out" "$T/$f.import"
		expect 0 q list --format json
		cp "$T/out" "$T/$f.json"
		expect 0 q stats --format json
		cp "$T/out" "$T/$f.stats"
		expect 0 q show 14-1
		cp "$T/out" "$T/$f.show"
	done
	same "$T/$form.json" "$T/$form-files.json"
	same "$T/$form.stats" "$T/$form-files.stats"
	same "$T/$form.show" "$T/$form-files.show"
done
has "$T/xiv.import" "1200 questions (1200 new, 0 changed, 0 unchanged)"
has "$T/small.import" "60 questions (60 new"
# Every question listed, with the legislature's deadlines: before the
# 2014 reform, one month (an-qe-1m); after, two (an-qe).
"$PY" - "$T/xiv.json" <<'PY' && pass || fail "the XIV's questions and rules"
import json, sys
qs = json.load(open(sys.argv[1]))
assert len(qs) == 1200, len(qs)
assert all(q["legislature"] == 14 for q in qs)
rules = {q["rule"] for q in qs}
assert rules == {"an-qe-1m", "an-qe"}, rules
for q in qs:
    pub = q["published"]
    assert (q["rule"] == "an-qe") == (pub >= "2014-11-28"), q
PY

# A re-import of the same archive: nothing changes.
rm -f "$DB"*
expect 0 q import "$T/xiv.zip"
expect 0 q import "$T/xiv.zip"
has "$T/out" "1200 questions (0 new, 0 changed, 1200 unchanged)"

# Polled as config/qetracker.conf polls the XIV (kind an-archive): the
# same questions; a second poll of the same file costs nothing; a new
# file where one question got its answer changes that one only.
printf '[source an14]\nkind = an-archive\nurl = file://%s\n' \
    "$T/xiv.zip" >"$T/p.conf"
expect 0 "$QT" -c "$T/p.conf" -d "$T/p.db" poll
has "$T/out" "an14: 1,200 questions, 1200 changed: 1200 new"
expect 0 "$QT" -c "$T/p.conf" -d "$T/p.db" --as-of 2026-11-28 list \
    --format json
cp "$T/out" "$T/polled.json"
expect 0 "$QT" -d "$T/n.db" import "$T/xiv.zip"
expect 0 "$QT" -d "$T/n.db" --as-of 2026-11-28 list --format json
same "$T/out" "$T/polled.json"
expect 0 "$QT" -c "$T/p.conf" -d "$T/p.db" poll
has "$T/out" "not modified"
"$PY" - "$T/xiv.zip" <<'PY'
import json, sys, time, zipfile
path = sys.argv[1]
doc = json.loads(zipfile.ZipFile(path).read("Questions_ecrites_XIV.json"))
for q in doc["questionsEcrites"]["question"]:
    if q["textesReponse"] is None and q["cloture"] is None:
        q["textesReponse"] = {"texteReponse": {"infoJO": {
            "typeJO": "JO_QUESTION", "dateJO": "2017-06-13",
            "pageJO": "4999", "numJO": "24"}, "texte": "Réponse tardive."}}
        print(q["uid"], file=open(path + ".uid", "w"))
        break
time.sleep(1.1)   # a new modification time, as a new upload has
with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("Questions_ecrites_XIV.json", json.dumps(doc))
PY
expect 0 "$QT" -c "$T/p.conf" -d "$T/p.db" poll
has "$T/out" "an14: 1,200 questions, 1 changed: 0 new, 1 answered (1 late)"
n=$(sed 's/QANR5L14QE//' "$T/xiv.zip.uid")
expect 0 "$QT" -c "$T/p.conf" -d "$T/p.db" --as-of 2026-11-28 show "14-$n"
has "$T/out" "Réponse tardive."
has "$T/out" "13 juin 2017"

# The real question, in its own file and in archives: the same question.
"$PY" - "$DATA/an/QANR5L17QE6750.json" "$T" <<'PY'
import json, sys, zipfile
doc = json.load(open(sys.argv[1], encoding="utf-8"))
q = doc["question"]
other = json.loads(json.dumps(q))
other["uid"] = "QANR5L17QE6751"
other["identifiant"]["numero"] = "6751"
out = sys.argv[2]
with open(f"{out}/two.json", "w", encoding="utf-8") as f:
    json.dump({"questionsEcrites": {"question": [q, other]}}, f,
              ensure_ascii=False, indent=1)
with open(f"{out}/one.json", "w", encoding="utf-8") as f:
    # A BOM and the one question as an object, not an array.
    f.write("\ufeff")
    json.dump({"questionsEcrites": {"question": q}}, f, ensure_ascii=False)
PY
rm -f "$DB"*
expect 0 q import "$DATA/an/QANR5L17QE6750.json"
expect 0 q show 17-6750
cp "$T/out" "$T/file.show"
for a in two one; do
	rm -f "$DB"*
	expect 0 q import "$T/$a.json"
	expect 0 q show 17-6750
	same "$T/file.show" "$T/out"
done
has "$T/out" "reconnaissance faciale"
rm -f "$DB"*
expect 0 q import "$T/two.json"
has "$T/out" "2 questions (2 new"

# Hostile archives, streamed (from xiv.zip's 5 MB) and in memory.
rm -f "$DB"*
expect 0 q import "$T/small.zip"
sum_before=$(sha256sum "$DB" | cut -d' ' -f1)
"$PY" - "$T/xiv.zip" "$T" <<'PY'
import json, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
raw = z.read("Questions_ecrites_XIV.json")
out = sys.argv[2]
def put(name, data, entry="Questions_ecrites_XIV.json"):
    with zipfile.ZipFile(f"{out}/{name}", "w", zipfile.ZIP_DEFLATED) as w:
        w.writestr(entry, data)
# Cut in the middle of a question.
put("cut.zip", raw[: len(raw) // 2])
doc = json.loads(raw)
items = doc["questionsEcrites"]["question"]
# The 1,000th item a string.
bad = json.loads(raw)
bad["questionsEcrites"]["question"][999] = "not a question"
put("string.zip", json.dumps(bad))
# The 1,001st item's date impossible.
bad = json.loads(raw)
t = bad["questionsEcrites"]["question"][1000]["textesQuestion"]["texteQuestion"]
(t[0] if isinstance(t, list) else t)["infoJO"]["dateJO"] = "2013-02-30"
put("date.zip", json.dumps(bad))
# The wrong shape: "questions", and questionsEcrites an array.
put("shape.zip", json.dumps({"questionsEcrites": {"questions": items}}))
put("shape2.zip", json.dumps({"questionsEcrites": [{"question": items}]}))
# A 30 MB subject in one question: one question may not hold that.
bad = json.loads(raw)
bad["questionsEcrites"]["question"][10]["indexationAN"]["rubrique"] = "x" * (30 << 20)
put("huge.zip", json.dumps(bad))
# Small and in memory: the second item an array.
put("small-bad.zip", json.dumps({"questionsEcrites": {"question": [items[0], [1]]}}))
PY
while read -r file text; do
	expect 65 q import "$T/$file"
	has "$T/err" "$file: Questions_ecrites_XIV.json"
	has "$T/err" "$text"
	now=$(sha256sum "$DB" | cut -d' ' -f1)
	[ "$now" = "$sum_before" ] && pass ||
	    fail "$file: the database changed"
done <<EOF_CASES
cut.zip malformed JSON
string.zip $.questionsEcrites.question[999]: expected a question object, found a string
date.zip $.questionsEcrites.question[1000] (QANR5L14QE12084): $.question.textesQuestion.texteQuestion[0].infoJO.dateJO: "2013-02-30" is not a valid date
shape.zip not the AN's archive of questions
shape2.zip not the AN's archive of questions
huge.zip more than one question may hold
small-bad.zip $.questionsEcrites.question[1]: expected a question object, found an array
EOF_CASES
# Cut short, it says after how many questions.
q import "$T/cut.zip" 2>"$T/err" >/dev/null
grep -q "after [0-9][0-9]* questions" "$T/err" && pass ||
    fail "cut.zip: no count of questions read: $(cat "$T/err")"

finish
