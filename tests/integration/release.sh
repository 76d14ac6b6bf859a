#!/bin/sh
# SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors.
# One version everywhere (docs/release.md): VERSION, what the program
# prints, NEWS's newest entry, debian/changelog, and a tag on the commit
# when there is one; the licence, and its line in every source file.
. "$(dirname "$0")/lib.sh"
S=$QT_SRC
v=$(cat "$S/VERSION")
echo "$v" | grep -Eq '^[0-9]+\.[0-9]+\.[0-9]+$' && pass ||
    fail "VERSION holds \"$v\", not MAJOR.MINOR.PATCH"
expect 0 "$QT" version
sed -n 1p "$T/out" | grep -q "^qetracker $v " && pass ||
    fail "qetracker version says \"$(cat "$T/out")\", VERSION $v"
if git -C "$S" rev-parse --git-dir >/dev/null 2>&1; then
	tag=$(git -C "$S" tag --points-at HEAD | grep '^v[0-9]' | head -1)
	[ -z "$tag" ] || [ "$tag" = "v$v" ] && pass ||
	    fail "HEAD is tagged $tag, VERSION says $v"
	# The commit: the tag's name on a tagged commit, else its hash.
	if [ -n "$tag" ]; then
		has "$T/out" "(git $tag"
	else
		has "$T/out" "$(git -C "$S" rev-parse --short=4 HEAD | cut -c1-4)"
	fi
fi
# The newest entry of NEWS: the first line that starts with a version.
news=$(grep -E '^[0-9]+\.[0-9]+\.[0-9]+ ' "$S/NEWS" | head -1 | cut -d' ' -f1)
[ "$news" = "$v" ] && pass || fail "NEWS's newest entry is $news, VERSION $v"
deb=$(sed -n '1s/^qetracker (\([^)]*\)).*/\1/p' "$S/debian/changelog")
[ "$deb" = "$v" ] && pass || fail "debian/changelog says $deb, VERSION $v"
grep -q '^ISC License' "$S/LICENSE" && pass || fail "LICENSE is not ISC"
grep -q "license : 'ISC'" "$S/meson.build" && pass || fail "meson.build's licence"
# Every source, script and build file names its licence near its top.
if git -C "$S" rev-parse --git-dir >/dev/null 2>&1; then
	git -C "$S" ls-files -co --exclude-standard
else
	(cd "$S" && find . -type f ! -path './build*' | sed 's|^\./||')
fi | grep -E '\.(c|h|sh|py|in)$|(^|/)meson\.build$|^scripts/|^\.ci/|^debian/(rules|postrm)$' |
    grep -v '^tests/fuzz/corpus/' >"$T/files"
: >"$T/missing"
while read -r f; do
	[ -f "$S/$f" ] || continue
	head -3 "$S/$f" | grep -q 'SPDX-License-Identifier: ISC' ||
	    echo "$f" >>"$T/missing"
done <"$T/files"
[ -s "$T/files" ] && [ ! -s "$T/missing" ] && pass ||
    fail "no licence line in: $(head -10 "$T/missing")"
finish
