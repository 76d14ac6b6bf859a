#!/bin/sh
# SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors.
# The Sénat's full dump (questions.zip's questions.sql, kind senat-dump)
# through the real binary: imported from a zip and as a bare .sql, with or
# without a schema prefix, in UTF8 or LATIN1; the same questions as the
# yearly CSV (no twin of any), every status, the first of joint answers,
# the rules' lapse; polled from a file:// source; the shared synthetic
# excerpt; and hostile twins refused with the file, the line, the table and
# the column named, exit 65, the database byte for byte as it was.
. "$(dirname "$0")/lib.sh"
DB="$T/q.db"
SQL="$DATA/senat/dump.sql"
q() { "$QT" -d "$DB" --as-of 2025-12-31 "$@"; }
# zip_of SQL ZIP: the dump in a zip, as data.senat.fr ships it.
zip_of() {
	"$PY" - "$1" "$2" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_DEFLATED) as z:
    z.write(sys.argv[1], "questions.sql")
PY
}

zip_of "$SQL" "$T/questions.zip"
expect 0 q import "$T/questions.zip"
has "$T/out" "7 questions (7 new, 0 changed, 0 unchanged)"
has "$T/out" "1 not written questions skipped"
expect 0 q list --assembly senat --format json
cp "$T/out" "$T/first.json"
"$PY" - "$T/out" <<'PY' && pass || fail "the dump's questions as listed"
import json, sys
qs = {q["uid"]: q for q in json.load(open(sys.argv[1]))}
assert set(qs) == {"SEQ241000419", "SEQ251006436", "SEQ250605028",
                   "SEQ220700931", "SEQ220700932", "SEQ251107001",
                   "SEQ230500500"}, sorted(qs)
o = qs["SEQ251006436"]
assert (o["legislature"], o["number"], o["rule"], o["published"],
        o["deadline"], o["status"]) == \
    (17, 6436, "senat-qe", "2025-10-30", "2025-12-30", "overdue"), o
assert o["rubric"] == "Transports" and o["group"]["abbrev"] == "LR", o
# Answered by a joint answer: the first of its two rows counts; the
# transmission keeps the deadline of the publication.
t = qs["SEQ250605028"]
assert (t["deadline"], t["answered"], t["status"], t["days_late"]) == \
    ("2025-08-12", "2025-09-18", "answered_late", 37), t
assert t["ministry"]["name"] == "Transports", t
# The row's own answer date (datejorep1), and a sort code "09" that
# tam_questions writes 9.
a = qs["SEQ241000419"]
assert (a["answered"], a["status"]) == ("2024-11-28", "answered"), a
assert a["rubric"] == "Mer,Pêche", a
assert qs["SEQ220700931"]["status"] == "withdrawn"
assert qs["SEQ220700932"]["status"] == "lapsed"
# The dump's own legislature (16), and the lapse of the rules: more than
# two years unanswered at the session of October 2025.
old = qs["SEQ230500500"]
assert (old["legislature"], old["status"]) == (16, "lapsed"), old
PY
# The text, its escapes undone: a line break, a tab, a backslash.
expect 0 q show SEQ251006436
has "$T/out" "Première ligne"
has "$T/out" "avec une tabulation	ici, un antislash \\ et un retour"
has "$T/out" "caducité le 2 octobre 2028"
# A theme the table "the" lacks is an anomaly, not a failure.
expect 0 q show SEQ251107001
has "$T/out" "Anomalie :   unknown_theme: 1 of its themes (#3#99#) are not in the table the (relevée le "
has "$T/out" "13 novembre 2025   erratum publié"
# A question de rappel (refquerappelee), linked both ways; the original,
# earlier in the table, dated by daterappel.
has "$T/out" "6 novembre 2025    question de rappel de la question SEQ251006436"
expect 0 q show SEQ251006436
has "$T/out" "6 novembre 2025    rappelée par la question de rappel SEQ251107001"

# The same dump again changes nothing; the bare .sql reads alike.
expect 0 q import "$T/questions.zip"
has "$T/out" "7 questions (0 new, 0 changed, 7 unchanged)"
expect 0 q import "$SQL"
has "$T/out" "7 questions (0 new, 0 changed, 7 unchanged)"
# A schema prefix (the 2020 dumps'), and LATIN1 text, read alike.
sed 's/^COPY /COPY questions./' "$SQL" >"$T/schema.sql"
expect 0 q import "$T/schema.sql"
has "$T/out" "7 questions (0 new, 0 changed, 7 unchanged)"
"$PY" - "$SQL" "$T/latin1.sql" <<'PY'
import sys
s = open(sys.argv[1], encoding="utf-8").read()
s = s.replace("client_encoding = 'UTF8'", "client_encoding = 'LATIN1'")
open(sys.argv[2], "wb").write(s.replace("œ", "oe").encode("latin-1"))
PY
expect 0 "$QT" -d "$T/l.db" import "$T/latin1.sql"
expect 0 "$QT" -d "$T/l.db" --as-of 2025-12-31 show SEQ241000419
has "$T/out" "Mme Anaïs Dupré"

# The CSV and the dump name the same questions: imported over the dump,
# the CSV's rows are the dump's, not new ones.
expect 0 "$QT" -d "$T/both.db" import "$DATA/senat/questions.csv"
expect 0 "$QT" -d "$T/both.db" import "$T/questions.zip"
has "$T/out" "7 questions (2 new, "
expect 0 "$QT" -d "$T/both.db" --as-of 2025-12-31 list --assembly SENAT
has "$T/out" "7 questions"

# Polled from a source: the second poll of the same file costs nothing.
printf '[source senat]\nkind = senat-dump\nurl = file://%s\n' \
    "$T/questions.zip" >"$T/p.conf"
expect 0 "$QT" -c "$T/p.conf" -d "$T/p.db" poll
expect 0 "$QT" -c "$T/p.conf" -d "$T/p.db" --as-of 2025-12-31 list \
    --assembly SENAT --format json
same "$T/out" "$T/first.json"
expect 0 "$QT" -c "$T/p.conf" -d "$T/p.db" poll
has "$T/out" "not modified"

# The shared synthetic excerpt (the real 58 columns, no sortquestion of
# its own): with a sortquestion block before it, its two questions.
if [ -f "${QT_SHARED:-/nonexistent}/fixtures/senat/SYNTHETIC_questions_dump_excerpt.sql" ]; then
	printf 'COPY sortquestion (sorquecod, sorquelib) FROM stdin;\n1\tEn cours\n9\tRéponse publiée\n\\.\n' \
	    >"$T/synth.sql"
	cat "$QT_SHARED/fixtures/senat/SYNTHETIC_questions_dump_excerpt.sql" \
	    >>"$T/synth.sql"
	expect 0 "$QT" -d "$T/s.db" import "$T/synth.sql"
	has "$T/out" "2 questions (2 new"
	expect 0 "$QT" -d "$T/s.db" --as-of 2026-04-01 show SEQ251006436
	has "$T/out" "répondue"
	expect 0 "$QT" -d "$T/s.db" --as-of 2026-04-01 show SEQ251006438
	has "$T/out" "une tabulation échappée	et un saut de ligne échappé"
fi

# The sample's dump is what its script writes (the same SQL), and reads.
"$PY" "$QT_SRC/data/sample/senat_dump.py" "$T/sample.zip" && pass ||
    fail "data/sample/senat_dump.py failed"
"$PY" - "$T/sample.zip" "$QT_SRC/data/sample/questions.zip" <<'PY' && pass ||
import sys, zipfile
a, b = (zipfile.ZipFile(p).read("questions.sql") for p in sys.argv[1:])
assert a == b, "data/sample/questions.zip is not what senat_dump.py writes"
PY
    fail "the sample's dump differs from its script's"
expect 0 "$QT" -d "$T/sample.db" --as-of 2026-12-07 import "$QT_SRC/data/sample/questions.zip"
has "$T/out" "13 questions (13 new, 0 changed, 0 unchanged)"
has "$T/out" "2 not written questions skipped"
"$QT" -d "$T/sample.db" --as-of 2026-12-07 list --assembly senat --format json >"$T/sample.json"
"$PY" - "$T/sample.json" <<'PY' && pass || fail "the sample's dump: $(head -c 600 "$T/sample.json")"
import json, sys
qs = {q["uid"]: q for q in json.load(open(sys.argv[1]))}
st = {u: q["status"] for u, q in qs.items()}
assert st["SEQ230205112"] == "lapsed", st        # by the rules
assert st["SEQ230406230"] == "lapsed", st        # by the data
assert st["SEQ241000431"] == "answered", st      # the first of a joint answer
assert qs["SEQ241000431"]["answered"] == "2024-11-21"
assert st["SEQ241201877"] == "withdrawn", st
assert (st["SEQ250203020"], qs["SEQ250203020"]["ministry"]["name"]) == \
    ("answered_late", "Aménagement du territoire"), qs["SEQ250203020"]
assert st["SEQ250404205"] == "overdue", st
PY

# Hostile twins: each refused, the database unchanged.
before=$(sha256sum "$DB" | cut -d' ' -f1)
twin() { # NAME PYTHON-EXPRESSION-ON-s (the text)
	"$PY" - "$SQL" "$T/$1" "$2" <<'PY'
import sys
s = open(sys.argv[1], encoding="utf-8").read()
s = eval(sys.argv[3])
open(sys.argv[2], "wb").write(s.encode("utf-8") if isinstance(s, str) else s)
PY
}
refused() { # FILE TEXT
	expect 65 q import "$T/$1"
	has "$T/err" "$2"
	[ "$(sha256sum "$DB" | cut -d' ' -f1)" = "$before" ] && pass ||
	    fail "$1: the database changed"
}
twin badrappel.sql 's.replace("SEQ251006436\t2025-11-06", "SEQ25100643\t2025-11-06")'
refused badrappel.sql "$T/badrappel.sql: line 61: tam_questions.refquerappelee: \"SEQ25100643\" is not a reference"
twin baddaterappel.sql 's.replace("SEQ251006436\t2025-11-06", "SEQ251006436\t2025-11-31")'
refused baddaterappel.sql "$T/baddaterappel.sql: line 61: tam_questions.daterappel: \"2025-11-31 00:00:00\" is not a date"
twin nocol.sql 's.replace(", numero, reference,", ", reference,")'
refused nocol.sql "$T/nocol.sql: line 54: tam_questions: the COPY header has no column numero"
twin short.sql 's.replace("\tSEQ250605028\t", "SEQ250605028\t")'
refused short.sql "$T/short.sql: line 57: 57 fields, the COPY of tam_questions has 58 (caduque_redeposee is missing)"
twin noend.sql 's[:s.index("\\.\n\n\nCOPY tam_reponses")]'
refused noend.sql "$T/noend.sql: the dump ends before \"\\.\" closes the COPY of tam_questions (line 54)"
twin escape.sql 's.replace("Examen du permis", "Examen \\q permis")'
refused escape.sql "$T/escape.sql: line 57: column titre: a backslash before a character COPY does not escape"
twin date.sql 's.replace("2025-06-12 00:00:00", "2025-06-31 00:00:00")'
refused date.sql "$T/date.sql: line 57: tam_questions.datejodepot: \"2025-06-31 00:00:00\" is not a date"
twin sort.sql 's.replace("3\tRetirée", "3\tTransformée en QOSD")'
refused sort.sql "$T/sort.sql: line 59: tam_questions.sorquecod: \"Transformée en QOSD\" is not a sort qetracker knows; say what it means with [senat] sort_labels = Transformée en QOSD=open"
twin code.sql 's.replace("\n1005\t3\t", "\n1005\t33\t")'
refused code.sql "$T/code.sql: line 59: tam_questions.sorquecod: 33 is no code of sortquestion"
twin path.sql 's.replace("SEQ251006436", "../../tmp/xx")'
refused path.sql "$T/path.sql: line 56: tam_questions.reference: \"../../tmp/xx\" is not a reference"
twin notdump.sql 's.replace("COPY tam_questions", "COPY tam_questionz")'
refused notdump.sql "$T/notdump.sql: no COPY of tam_questions: not the Sénat's dump"
twin byte.sql 's.encode("utf-8").replace(b"Dupr\xc3\xa9", b"Dupr\xe9")'
refused byte.sql "$T/byte.sql: line 55: column nom: a byte (0xe9) that is not UTF-8"
# A bad dump is refused whole, even when bad entries may be skipped: its
# rows before the fault would be half a dump.
expect 65 q import --skip-bad "$T/date.sql"
[ "$(sha256sum "$DB" | cut -d' ' -f1)" = "$before" ] && pass ||
    fail "--skip-bad: the database changed"
# A zip whose entry is cut short, or whose bytes were changed.
"$PY" - "$T/questions.zip" "$T/cut.zip" "$T/crc.zip" <<'PY'
import sys
z = open(sys.argv[1], "rb").read()
open(sys.argv[2], "wb").write(z[:len(z) // 2])
i = z.index(b"questions.sql") + 40
open(sys.argv[3], "wb").write(z[:i] + bytes([z[i] ^ 0x55]) + z[i + 1:])
PY
refused cut.zip "$T/cut.zip"
refused crc.zip "$T/crc.zip: questions.sql"
# The unknown sort, mapped by the admin, reads.
printf '[senat]\nsort_labels = Transformée en QOSD = closed\n' >"$T/map.conf"
expect 0 "$QT" -c "$T/map.conf" -d "$T/m.db" --as-of 2025-12-31 import \
    "$T/sort.sql"
expect 0 "$QT" -c "$T/map.conf" -d "$T/m.db" --as-of 2025-12-31 show \
    SEQ220700931
has "$T/out" "Transformée en QOSD"
finish
