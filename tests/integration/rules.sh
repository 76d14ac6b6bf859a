#!/bin/sh
# SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors.
# Rules files through the real binary: the shipped config/rules.conf gives
# the same deadlines as the built-in rules; a rules file that changes a
# period moves every stored deadline it covers, in list, show and the
# feeds, and back again when the file goes; [rules] file is relative to
# the configuration's folder; a bad rules file or a missing one is refused
# with its file:line (78) and the database exactly as it was; and
# `qetracker config` prints the rules in force.
. "$(dirname "$0")/lib.sh"
DB="$T/q.db"
A="--as-of 2025-08-01"
mkdir -p "$T/etc"
expect 0 "$QT" -d "$DB" import "$SAMPLE/Questions_ecrites.json.zip" \
    "$SAMPLE/AMO_deputes.json.zip"
# q CONF ARGS...: a command with that configuration (none: built in).
q() { c=$1; shift; "$QT" -c "$c" -d "$DB" $A "$@"; }
printf '' >"$T/etc/none.conf"
printf '[rules]\nfile = rules.conf\n' >"$T/etc/q.conf"

expect 0 q "$T/etc/none.conf" list --format json
cp "$T/out" "$T/builtin.json"
has "$T/builtin.json" '"rule": "an-qe"'

# The shipped rules file is the built-in rules: the same deadlines.
cp "$QT_SRC/config/rules.conf" "$T/etc/rules.conf"
expect 0 q "$T/etc/q.conf" list --format json
same "$T/out" "$T/builtin.json"

# Three months instead of two for the current AN rule: 17-6750, published
# 2025-05-20, is due 2025-08-20 and open on 2025-08-01.
sed 's/^period = 2 months$/period = 3 months/; s/^label = two months$/label = three months/' \
    "$QT_SRC/config/rules.conf" >"$T/etc/rules.conf"
expect 0 q "$T/etc/q.conf" -v show --format json 17-6750
has "$T/out" '"deadline": "2025-08-20"'
has "$T/out" '"status": "open"'
has "$T/out" '"days_left": 19'
has "$T/err" "deadlines computed as they would be, not stored"
expect 0 q "$T/etc/q.conf" show 17-6750
has "$T/out" "échéance le 20 août 2025 (art. 135 al. 6 RAN, three months)"
expect 0 q "$T/etc/q.conf" ics --author PA720430 -o "$T/b.ics"
has "$T/b.ics" "DTSTART;VALUE=DATE:20250820"
# Reports say how deadlines are computed: by the rules in force.
expect 0 q "$T/etc/q.conf" report
has "$T/out" "Échéances, selon le fichier de règles en vigueur : AN QE : three months à compter de la publication au JO (art. 135 al. 6 RAN) ; AN QE : un mois, plus un sur demande"
expect 0 q "$T/etc/none.conf" report
has "$T/out" "Échéances : deux mois à compter de la publication"
# Every AN question of the new rule moved by the same month.
expect 0 q "$T/etc/q.conf" list --format json
"$PY" - "$T/builtin.json" "$T/out" <<'PY' >"$T/moved" || fail "$(cat "$T/moved")"
import datetime, json, sys
old = {q["uid"]: q for q in json.load(open(sys.argv[1]))}
new = {q["uid"]: q for q in json.load(open(sys.argv[2]))}
assert old.keys() == new.keys()
n = 0
for uid, q in new.items():
    if q["rule"] != "an-qe":
        assert q["deadline"] == old[uid]["deadline"], uid
        continue
    # publication + 3 months, de quantième à quantième (art. 641 CPC)
    pub = datetime.date.fromisoformat(q["published"])
    y, m = divmod(pub.month + 2, 12)
    want = None
    for day in range(pub.day, 0, -1):
        try:
            want = datetime.date(pub.year + y, m + 1, day).isoformat()
            break
        except ValueError:
            pass
    assert q["deadline"] == want, (uid, q["deadline"], want)
    n += 1
assert n == sum(q["rule"] == "an-qe" for q in old.values()), n
print(n)
PY
# (the 60 questions of the sample published by the as-of date)
[ "$(cat "$T/moved")" -eq 60 ] && pass || fail "$(cat "$T/moved") deadlines moved, want 60"

# No rules file: back to the built-in rules.
expect 0 q "$T/etc/none.conf" list --format json
same "$T/out" "$T/builtin.json"

# Bad rules files: 78, the file and line named, the database untouched.
before=$(sha256sum "$DB" | cut -d' ' -f1)
while IFS='|' read -r name text msg; do
	printf "$text" >"$T/etc/rules.conf"
	expect 78 q "$T/etc/q.conf" list
	has "$T/err" "$msg"
	[ "$(sha256sum "$DB" | cut -d' ' -f1)" = "$before" ] && pass ||
	    fail "$name: the database changed"
done <<'EOF_CASES'
period|[rule a]\nassembly = AN\nperiod = 2 fortnights\narticle = x\n|etc/rules.conf:3: [rule a] period = "2 fortnights": the unit must be
sitting|[rule a]\nassembly = AN\nperiod = 8 sitting days\narticle = x\n|sitting days are not supported
date|[rule a]\nassembly = AN\nfrom = 2025-02-29\nperiod = 1 day\narticle = x\n|etc/rules.conf:3: [rule a] from = "2025-02-29"
empty|; nothing\n|etc/rules.conf:1: no [rule ID] section
other|[general]\nlang = en\n|a rules file holds only [rule ID] sections
EOF_CASES
rm "$T/etc/rules.conf"
expect 78 q "$T/etc/q.conf" list
has "$T/err" "etc/q.conf: [rules] file = $T/etc/rules.conf: No such file or directory"
printf '[rule a]\nassembly = AN\n' >"$T/etc/main.conf"
expect 78 q "$T/etc/main.conf" list
has "$T/err" "main.conf:2: [rule a]: rules go in a rules file ([rules] file)"
[ "$(sha256sum "$DB" | cut -d' ' -f1)" = "$before" ] && pass ||
    fail "a refused configuration changed the database"

# config prints the rules in force, commented out.
expect 0 q "$T/etc/none.conf" config
has "$T/out" "; The rules in force (built in, as in rules.conf)"
has "$T/out" "; [rule senat-qe-1m]"
has "$T/out" "file = "
printf '[rule ep]\nassembly = EP\nperiod = 6 weeks\narticle = Rule 144\n' \
    >"$T/etc/rules.conf"
expect 0 q "$T/etc/q.conf" config
has "$T/out" "; The rules in force (from [rules] file)"
has "$T/out" "; period = 6 weeks"
has "$T/out" "; label = 6 weeks"
lacks "$T/out" "[rule an-qe]"
# With only a European Parliament rule, AN questions have no deadline.
expect 0 q "$T/etc/q.conf" show --format json 17-6750
has "$T/out" '"deadline": null'
has "$T/out" '"rule": null'
expect 0 q "$T/etc/q.conf" show 17-6750
has "$T/out" "aucune règle pour les questions AN QE → en attente au 1er août 2025"

finish
