#!/bin/sh
# SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors.
# The incremental export: a re-export leaves every file whose bytes stay
# the same untouched (the same inode, so nginx keeps its ETag), makes
# again only the question pages whose inputs changed (the question, its
# author's name, the day for a page that shows it, the settings), and
# whatever it skips or makes, the folder is byte for byte what an export
# from nothing writes. A folder another database exported last is never
# trusted from this one's record.
. "$(dirname "$0")/lib.sh"
DB="$T/q.db"
expect 0 "$QT" -d "$DB" import "$SAMPLE/Questions_ecrites.json.zip" \
    "$SAMPLE/AMO_deputes.json.zip"
ASOF=2026-11-28
q() { "$QT" -d "$DB" --as-of "$ASOF" "$@"; }

# inodes DIR: every file's path and inode, but the mark (new each time).
inodes() {
	(cd "$1" && find . -type f ! -name .qetracker-export -printf '%P %i\n' |
	    sort)
}
# like_fresh DIR [ARGS]: DIR's question pages and lists are those an
# export from nothing writes (the feeds' DTSTAMP is the time of writing).
like_fresh() {
	_dir=$1
	shift
	rm -rf "$T/fresh"
	# From a copy: an export records its folder as the last one.
	cp "$DB" "$T/fresh.db"
	expect 0 "$QT" "$@" -d "$T/fresh.db" --as-of "$ASOF" export "$T/fresh"
	if diff -r -x '*.ics' -x '*.ics.gz' -x .qetracker-export "$_dir" \
	    "$T/fresh" >"$T/diff"; then
		pass
	else
		fail "$_dir is not what an export from nothing writes: $(head \
		    -c 600 "$T/diff")"
	fi
}

expect 0 q export "$T/site"
# A page whose status no longer moves says no date; one that does, its.
final="$T/site/question/QANR5L17QE6750.html"
grep -L "Situation au" "$T"/site/question/*.html >"$T/undated"
grep -l "Situation au" "$T"/site/question/*.html >"$T/dated"
[ -s "$T/undated" ] && [ -s "$T/dated" ] && pass ||
    fail "no question page of each kind: $(wc -l <"$T/undated") undated, \
$(wc -l <"$T/dated") dated"
undated=$(head -n 1 "$T/undated")
dated=$(head -n 1 "$T/dated")
for f in $(cat "$T/undated"); do
	grep -qE 'class="status (ok|late|)"' "$f" || {
		fail "$f is undated but its status moves"
		break
	}
done
pass
has "$dated" "Situation au 28 novembre 2026"
# Every file but the mark and the .gz siblings (their file's key says).
[ "$(sqlite3 "$DB" 'SELECT count(*) FROM export_files')" = \
    "$(cd "$T/site" && find . -type f ! -name .qetracker-export \
    ! -name '*.gz' | wc -l)" ] && pass ||
    fail "the store's record is not every file exported"

# Again, nothing changed: every file untouched.
inodes "$T/site" >"$T/i1"
expect 0 q export "$T/site"
inodes "$T/site" >"$T/i2"
same "$T/i1" "$T/i2"

# The next day: the undated page untouched, the dated one written again.
ASOF=2026-11-29
expect 0 q export "$T/site"
inodes "$T/site" >"$T/i3"
ino() { grep "^question/$(basename "$1") " "$2" | cut -d' ' -f2; }
[ "$(ino "$undated" "$T/i2")" = "$(ino "$undated" "$T/i3")" ] && pass ||
    fail "an undated page was written again the next day"
[ "$(ino "$dated" "$T/i2")" != "$(ino "$dated" "$T/i3")" ] && pass ||
    fail "a dated page was not written again the next day"
has "$dated" "Situation au 29 novembre 2026"
like_fresh "$T/site"

# One question answered: its page made again, no other question's page.
"$PY" - "$DATA/an/QANR5L17QE6750.json" "$T/answered.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
q = d["question"]
q["textesReponse"] = {"texteReponse": {"infoJO": {"typeJO": "JO_QUESTION",
    "dateJO": "2026-11-26", "pageJO": "4242"}, "texte": "Réponse témoin."}}
q["cloture"] = None
json.dump(d, open(sys.argv[2], "w"), ensure_ascii=False)
PY
cp "$final" "$T/before.html"
inodes "$T/site" >"$T/i3"
expect 0 "$QT" -d "$DB" import "$T/answered.json"
expect 0 q export "$T/site"
inodes "$T/site" >"$T/i4"
has "$final" "Réponse témoin."
grep '^question/' "$T/i3" >"$T/p3"
grep '^question/' "$T/i4" >"$T/p4"
diff "$T/p3" "$T/p4" | grep '^>' >"$T/moved" || true
[ "$(wc -l <"$T/moved")" = 1 ] && grep -q QANR5L17QE6750 "$T/moved" &&
    pass || fail "not only the answered question's page was written: \
$(head -c 400 "$T/moved")"
like_fresh "$T/site"

# A name from the acteurs, not the question: its pages follow.
ref=$(sqlite3 "$DB" "SELECT author_ref FROM questions WHERE number = 6750 \
    AND legislature = 17")
sqlite3 "$DB" "UPDATE members SET name = 'M. Renommé Témoin' WHERE \
    ref = '$ref'"
expect 0 q export "$T/site"
has "$final" "Renommé Témoin"
like_fresh "$T/site"

# Settings that change deadlines: the pages follow them.
printf '[rules]\nweekend_rollover = yes\n' >"$T/rules.conf"
expect 0 "$QT" -c "$T/rules.conf" -d "$DB" --as-of "$ASOF" export "$T/site"
like_fresh "$T/site" -c "$T/rules.conf"
expect 0 q export "$T/site"
like_fresh "$T/site"

# Another database's export in between: its record says nothing of this
# one's, so every page is made and compared, not trusted.
cp "$DB" "$T/other.db"
sqlite3 "$T/other.db" "UPDATE members SET name = 'M. Autre Base' WHERE \
    ref = '$ref'"
expect 0 "$QT" -d "$T/other.db" --as-of "$ASOF" export "$T/site"
has "$final" "Autre Base"
expect 0 q export "$T/site"
lacks "$final" "Autre Base"
like_fresh "$T/site"

# A record whose files are gone (someone emptied a folder of it): made
# again, never a dangling link.
rm -f "$T/site/question/QANR5L17QE6750.html"
expect 0 q export "$T/site"
[ -f "$final" ] && pass || fail "a page the folder lost was not made again"
like_fresh "$T/site"
finish
