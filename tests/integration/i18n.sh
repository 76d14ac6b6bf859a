#!/bin/sh
# SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors.
# One language a reader: the French catalog translates every message the
# sources mark, and what show, the feeds and the pages say comes in one
# language, dates included ("publiée le 20 mai 2025", never "publiée le
# 2025-05-20"); without the catalog it is English throughout.
. "$(dirname "$0")/lib.sh"
cd "$QT_SRC" || exit 1

# The catalog: every marked message of every source file, not only of
# the files po/POTFILES lists, so that a new file cannot slip past it.
xgettext --keyword=_ --keyword=N_ --keyword=NC_:1c,2 \
    --keyword=ngettext:1,2 --from-code=UTF-8 -o "$T/q.pot" tracker/*/*.c \
    include/*.h || fail "xgettext failed"
for f in $(sed -n 's/^#: //p' "$T/q.pot" | tr ' ' '\n' | sed 's/:[0-9]*$//' |
    sort -u); do
	grep -qxF "$f" po/POTFILES && pass ||
	    fail "$f marks messages for translation but po/POTFILES lacks it"
done
expect 0 msgcmp po/fr.po "$T/q.pot"
lacks "$T/err" "not used"		# no stale translation left behind
expect 0 msgfmt -c --check-accelerators -o /dev/null po/fr.po
lacks "$T/err" "fuzzy"
lacks "$T/err" "untranslated"

DB="$T/q.db"
expect 0 "$QT" -d "$DB" import "$SAMPLE/Questions_ecrites.json.zip" \
    "$SAMPLE/AMO_deputes.json.zip"
iso='[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'

# show_prose [VAR=VALUE...]: show 17-6750 in that environment, its
# deadline line and timeline in $T/prose, the link (whose address may
# hold anything) left out.
show_prose() {
	env "$@" "$QT" -d "$DB" --as-of 2026-11-28 show 17-6750 >"$T/show" ||
	    fail "show $*"
	grep -v -E '^(Lien|Link) ' "$T/show" >"$T/prose"
	if grep -q -- "$iso" "$T/prose"; then
		fail "show $* writes ISO dates in prose: $(grep -- "$iso" "$T/prose")"
	else
		pass
	fi
}

show_prose
has "$T/prose" "publiée le 20 mai 2025 → échéance le 20 juillet 2025"
has "$T/prose" "en retard de 496 jours au 28 novembre 2026"
has "$T/prose" "  20 juillet 2025    réponse due (échéance)"
show_prose QETRACKER_LOCALEDIR= LANGUAGE=en
has "$T/prose" "published 20 May 2025 → deadline 20 July 2025"
has "$T/prose" "  20 July 2025       answer due (deadline)"

# No catalog (a build moved away from its po/, a broken install): the
# words are English, so the dates are too.
show_prose QETRACKER_LOCALEDIR=/nonexistent
has "$T/prose" "Deadline:    published 20 May 2025"
lacks "$T/prose" "juillet"
lacks "$T/prose" "Échéance"

# A table's dates as the reader writes them, at the same width.
expect 0 "$QT" -d "$DB" --as-of 2026-11-28 list --author PA720430
has "$T/out" "20/07/2025 496 j de retard  17-6750"
expect 0 env LANGUAGE=en QETRACKER_LOCALEDIR= "$QT" -d "$DB" \
    --as-of 2026-11-28 list --author PA720430
has "$T/out" "2025-07-20 496 d overdue    17-6750"

# The feed's titles and the question page say dates as the reader does.
expect 0 "$QT" -d "$DB" --as-of 2026-11-28 ics -o "$T/all.ics"
"$PY" - "$T/all.ics" >"$T/sum" 2>&1 <<'PY' && pass || fail "$(cat "$T/sum")"
import re, sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())
said = [str(e["SUMMARY"]) for e in cal.walk("VEVENT")
        if str(e["SUMMARY"]).startswith("Répondue")]
assert said, "no answered question in the feed"
for s in said:
    assert re.match(r"Répondue le \d{1,2}(er)? [a-zéû]+ \d{4} — ", s), s
print(len(said), "answered")
PY
expect 0 "$QT" -d "$DB" --as-of 2026-11-28 export "$T/site"
has "$T/site/question/QANR5L17QE6750.html" "publiée le 20 mai 2025"
if grep -o "publiée le $iso" "$T/site/question/QANR5L17QE6750.html"; then
	fail "the question page writes an ISO date in prose"
else
	pass
fi

finish
