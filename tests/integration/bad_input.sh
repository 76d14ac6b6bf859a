#!/bin/sh
# SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors.
# Bad input through the real binary: each hostile file is refused with a
# message naming the file, the zip entry and the JSON path, the right
# exit status, and a database byte-for-byte as it was. Then --skip-bad.
. "$(dirname "$0")/lib.sh"
DB="$T/q.db"
q() { "$QT" -d "$DB" --as-of 2026-11-28 "$@"; }

expect 0 q import "$SAMPLE/Questions_ecrites.json.zip"
sum_before=$(sha256sum "$DB" | cut -d' ' -f1)

"$PY" - "$SAMPLE/Questions_ecrites.json.zip" "$DATA/an/QANR5L17QE6750.json" "$T" <<'PY'
import json, sys, zipfile, zlib
sample, q6750, out = sys.argv[1], sys.argv[2], sys.argv[3]
raw = open(sample, "rb").read()
open(f"{out}/truncated.zip", "wb").write(raw[: len(raw) // 2])
open(f"{out}/empty.zip", "wb").write(b"")
with zipfile.ZipFile(sample) as src:
    names = src.namelist()[:60]
    docs = [(n, src.read(n)) for n in names]
# 60 entries, the 31st malformed.
with zipfile.ZipFile(f"{out}/badentry.zip", "w", zipfile.ZIP_DEFLATED) as z:
    for i, (n, b) in enumerate(docs):
        if i == 30:
            z.writestr("json/QANR5L17QE99999.json", b'{"question": {"identifiant": ')
        z.writestr(n.replace("QE", "QE9") if i == 30 else n, b)
# Stored entries; one byte of one entry flipped: its CRC no longer matches.
with zipfile.ZipFile(f"{out}/crc.zip", "w", zipfile.ZIP_STORED) as z:
    for n, b in docs[:5]:
        z.writestr(n, b)
data = bytearray(open(f"{out}/crc.zip", "rb").read())
name = docs[2][0].encode()
at = data.index(name) + len(name) + 200
data[at] = ord("X") if data[at] != ord("X") else ord("Y")
open(f"{out}/crc.zip", "wb").write(bytes(data))
# Deflated entries whose headers lie (local and central alike, so that
# only the inflated bytes can tell): the CRC, the size one way or the
# other; and deflated bytes damaged.
import struct
with zipfile.ZipFile(f"{out}/def.zip", "w", zipfile.ZIP_DEFLATED) as z:
    for n, b in docs[:5]:
        z.writestr(n, b)
good = open(f"{out}/def.zip", "rb").read()
def patch(name, field, change):
    data = bytearray(good)
    target = docs[2][0].encode()
    for sig, off in ((b"PK\x03\x04", {"crc": 14, "csize": 18, "size": 22}),
                     (b"PK\x01\x02", {"crc": 16, "csize": 20, "size": 24})):
        at = 0
        while (at := data.find(sig, at)) != -1:
            nlen_at = 26 if sig == b"PK\x03\x04" else 28
            nlen = struct.unpack_from("<H", data, at + nlen_at)[0]
            fname = data[at + (30 if sig == b"PK\x03\x04" else 46):][:nlen]
            if bytes(fname) == target:
                v = struct.unpack_from("<I", data, at + off[field])[0]
                struct.pack_into("<I", data, at + off[field], change(v))
            at += 4
    open(f"{out}/{name}", "wb").write(bytes(data))
patch("defcrc.zip", "crc", lambda v: v ^ 1)
patch("defsmall.zip", "size", lambda v: v - 10)
patch("defbig.zip", "size", lambda v: v + 10)
data = bytearray(good)
at = data.find(docs[2][0].encode()) + len(docs[2][0]) + 40
for k in range(at, at + 16):
    data[k] ^= 0x55
open(f"{out}/defbad.zip", "wb").write(bytes(data))
# A zip bomb: 65 MiB of spaces that deflate to a few kB.
with zipfile.ZipFile(f"{out}/bomb.zip", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("json/QANR5L17QE1.json", b" " * (65 << 20))
d = json.load(open(q6750))
d["question"]["textesQuestion"]["texteQuestion"]["infoJO"]["dateJO"] = "2025-02-29"
json.dump(d, open(f"{out}/baddate.json", "w"))
d = json.load(open(q6750))
del d["question"]["identifiant"]["numero"]
json.dump(d, open(f"{out}/nonumber.json", "w"))
open(f"{out}/notq.json", "w").write('{"foo": 1}')
open(f"{out}/page.html", "w").write("<html><body>not json</body></html>")
PY

# file, exit status, text the message must hold
while read -r file status text; do
	expect "$status" q import "$DATA/an/QANR5L17QE6750.json" "$T/$file"
	has "$T/err" "qetracker import: "
	has "$T/err" "$text"
	now=$(sha256sum "$DB" | cut -d' ' -f1)
	[ "$now" = "$sum_before" ] && pass ||
	    fail "$file: the database changed"
	[ -e "$DB-wal" ] && [ -s "$DB-wal" ] &&
	    fail "$file: a write-ahead log was left" || pass
done <<EOF_CASES
truncated.zip 65 truncated.zip: not a readable zip archive
empty.zip 65 empty.zip: not a readable zip archive
badentry.zip 65 badentry.zip: json/QANR5L17QE99999.json: line 1, column 30: malformed JSON: premature EOF
crc.zip 65 crc.zip: json/
defcrc.zip 65 corrupt entry: CRC error
defsmall.zip 65 entry is larger than its header says
defbig.zip 65 truncated entry
defbad.zip 65 defbad.zip: json/
bomb.zip 65 bomb.zip: json/QANR5L17QE1.json: not a file of any source kind qetracker reads (too large for one document
baddate.json 65 baddate.json: $.question.textesQuestion.texteQuestion[0].infoJO.dateJO: "2025-02-29" is not a valid date
nonumber.json 65 nonumber.json: $.question.identifiant.numero: missing required field
notq.json 65 notq.json: $: not an AN question, acteur or organe
page.html 65 page.html: not a question page
missing.json 66 missing.json: No such file or directory
EOF_CASES
# The CRC error is named as such.
q import "$T/crc.zip" 2>"$T/err" >/dev/null
has "$T/err" "CRC"

# An archive replaced between the import's planning and its reading (the
# second archive is listed, closed, and opened again when its turn
# comes): refused, exit 65, nothing stored. swap_open.so makes the swap
# at the reopening, without a race: after the 4 stats and opens of the
# planning (plan_path's, libzip's), the path reaches another file.
need "the swap_open.so test library" [ -f "${QT_SWAP_OPEN:-}" ]
"$PY" - "$SAMPLE/Questions_ecrites.json.zip" "$T" <<'PY'
import sys, zipfile
src = zipfile.ZipFile(sys.argv[1])
names = sorted(n for n in src.namelist() if n.endswith(".json"))[:8]
def write(path, entries):
    with zipfile.ZipFile(f"{sys.argv[2]}/{path}", "w", zipfile.ZIP_DEFLATED) as z:
        for n, b in entries:
            z.writestr(n, b)
docs = [(n, src.read(n)) for n in names]
write("first.zip", docs[:4])
write("second.zip", docs[4:])
write("fewer.zip", docs[4:7])                          # an entry less
write("renamed.zip", docs[4:7] + [("json/other.json", docs[7][1])])
write("edited.zip", docs[4:7] + [(docs[7][0], docs[7][1].replace(b'"', b' "', 1))])
PY
swap() {	# status, replacement, opens before the swap
	QT_SWAP_PATH="$T/second.zip" QT_SWAP_TO="$T/$2" QT_SWAP_AFTER=$3 \
	    LD_PRELOAD="$QT_SWAP_OPEN" \
	    ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
	    expect "$1" q import "$T/first.zip" "$T/second.zip"
}
for bad in fewer.zip renamed.zip edited.zip; do
	swap 65 "$bad" 4
	has "$T/err" "second.zip"
	has "$T/err" "the archive changed while it was read"
	[ "$(sha256sum "$DB" | cut -d' ' -f1)" = "$sum_before" ] && pass ||
	    fail "$bad: the database changed"
done
# The control: the swap never comes (6: past the reopening), or brings the
# same bytes: the import goes through.
cp "$DB" "$T/keep.db"
restore() { cp "$T/keep.db" "$DB" && rm -f "$DB-wal" "$DB-shm"; }
swap 0 fewer.zip 6
has "$T/out" "8 questions"
restore
cp "$T/second.zip" "$T/same.zip"
swap 0 same.zip 4
has "$T/out" "8 questions"
restore

# --skip-bad: the 60 good entries land, the bad one is listed.
expect 0 q import --skip-bad "$T/badentry.zip"
has "$T/err" "skipped 1 bad entry"
has "$T/err" "json/QANR5L17QE99999.json"
has "$T/out" "60 questions"
has "$T/out" "1 bad entries skipped"

# A database that is not one.
echo "not a database at all, not at all, not at all, not at all......." \
    >"$T/text.db"
expect 65 "$QT" -d "$T/text.db" list
has "$T/err" "text.db"

finish
