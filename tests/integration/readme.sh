#!/bin/sh
# SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors.
# The README as a new user reads it: scripts/quickstart, then ". out/env",
# then every qetracker line of the README's shell blocks, run as written
# from the top of a tree, each exiting 0 and doing what its comment says;
# and the output the README shows is the output the program gives.
#
# The tree is a scratch folder whose scripts/ and data/ are the sources'
# and whose build/ is the build under test, so the real quickstart runs
# (its build step finds nothing to do) and what the examples write stays
# in the scratch folder. Only serve's port changes: 8080 may be taken.
. "$(dirname "$0")/lib.sh"
README="$QT_SRC/README.md"
W="$T/tree"
mkdir "$W"
ln -s "$QT_SRC/scripts" "$W/scripts"
ln -s "$QT_SRC/data" "$W/data"
ln -s "$(dirname "$QETRACKER")" "$W/build"
unset QETRACKER_CONFIG QETRACKER_LOCALEDIR
export HOME="$T/home" XDG_CONFIG_HOME="$T/home/.config" \
    XDG_DATA_HOME="$T/home/.local/share"
mkdir -p "$HOME"

expect 0 sh "$W/scripts/quickstart"
has "$T/out" "Overdue questions of the Sénat as of today:"
has "$T/out" "QE 17-6750 (QANR5L17QE6750)"
has "$T/out" ". out/env"
cd "$W" || exit 1
# shellcheck disable=SC1091
. out/env
case $(command -v qetracker) in
"$W/build/qetracker") pass ;;
*) fail ". out/env does not put the build's qetracker first on PATH" ;;
esac
if [ -n "${QT_VALGRIND:-}" ]; then	# the same commands, under valgrind
	mkdir "$T/bin"
	printf '#!/bin/sh\nexec "%s" "$@"\n' "$QT" >"$T/bin/qetracker"
	chmod +x "$T/bin/qetracker"
	PATH="$T/bin:$PATH"
fi

# The qetracker lines of the README's ```sh blocks, comments cut.
awk '/^```sh$/ { f = 1; next } /^```/ { f = 0 } f && /^qetracker / {
	sub(/[ \t]+#.*$/, ""); print }' "$README" >"$T/examples"
n=$(wc -l <"$T/examples")
[ "$n" -ge 20 ] && pass || fail "only $n examples found in the README"

# serve runs until stopped: on a free port, asked for a feed, stopped.
run_serve() {
	sport=$(free_port)
	line=$(printf '%s' "$1" | sed "s/127\.0\.0\.1:8080/127.0.0.1:$sport/")
	sh -c "exec $line" >"$T/serve.out" 2>&1 &
	spid=$!
	if wait_for 10 "curl -sf http://127.0.0.1:$sport/healthz"; then
		curl -sf "http://127.0.0.1:$sport/all.ics" >"$T/all.ics" &&
		    head -n 1 "$T/all.ics" | grep -q BEGIN:VCALENDAR && pass ||
		    fail "$1: no calendar at /all.ics"
	else
		fail "$1: never answered; it said: $(head -c 600 "$T/serve.out")"
	fi
	kill "$spid" 2>/dev/null
	wait "$spid" 2>/dev/null
}

while IFS= read -r line; do
	case $line in
	"qetracker serve"*) run_serve "$line"; continue ;;
	esac
	sh -c "$line" >"$T/ex.out" 2>"$T/ex.err" </dev/null
	st=$?
	if [ "$st" -ne 0 ]; then
		fail "README: '$line' exited $st: $(head -c 600 "$T/ex.err")"
		continue
	fi
	pass
	# What each says it does, checked where its words promise a result.
	case $line in
	"qetracker show 17-6750") has "$T/ex.out" "QE 17-6750 (QANR5L17QE6750)" ;;
	"qetracker show SEQ251210191"*) has "$T/ex.out" "QE SEQ251210191" ;;
	# (The language may be English here: under valgrind the binary is
	# a copy that finds no catalogue.)
	"qetracker show SEQ250404205"*) has "$T/ex.out" "SEQ250907630" ;;
	"qetracker import data/sample/questions.zip"*)
		has "$T/ex.out" "13 questions (" ;;
	"qetracker list --status overdue") has "$T/ex.out" "17-6750" ;;
	"qetracker list --ministry"*) has "$T/ex.out" "Transition écologique" ;;
	"qetracker poll"*) has "$T/ex.out" "sample-senat: " ;;
	"qetracker watch add"*) has "$T/ex.out" "w/" ;;
	"qetracker digest --dry-run") has "$T/ex.out" "To: \"Collaborateur\" <collaborateur@example.org>" ;;
	"qetracker config") has "$T/ex.out" "[source sample]" ;;
	"qetracker help list") has "$T/ex.out" "usage: qetracker list" ;;
	"qetracker search reconnaissance faciale") has "$T/ex.out" "17-6750" ;;
	esac
done <"$T/examples"

# What the examples wrote, where they said.
head -n 1 lfi.csv | grep -q '^uid,assembly,' && pass ||
    fail "lfi.csv is not list's CSV"
has bernalicis.ics "BEGIN:VCALENDAR"
has lfi.html "<svg"
[ -f out/site/index.html ] && [ -f out/site/all.ics ] && pass ||
    fail "export out/site wrote no index.html and all.ics"
unzip -l retards.xlsx 2>/dev/null | grep -q 'xl/workbook.xml' && pass ||
    fail "retards.xlsx is not a spreadsheet"

# The output the README shows, line for line, is what the program prints.
awk '/^```$/ { f = !f; next } f' "$README" |
    awk '/^\$ / { f = 1; print; next } /^\$|^$/ { f = 0 } f' >"$T/shown"
cmd=$(sed -n 's/^\$ //p' "$T/shown")
[ -n "$cmd" ] && pass || fail "the README shows no command's output"
sed 1d "$T/shown" >"$T/want"
sh -c "$cmd" >"$T/got" 2>&1 || fail "README: '$cmd' failed"
head -n "$(wc -l <"$T/want")" "$T/got" >"$T/got.head"
same "$T/want" "$T/got.head"

finish
