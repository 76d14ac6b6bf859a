#!/bin/sh
# SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors.
# Benchmark of the incremental export (issue 16 §5), in one run: a first
# export (into an empty folder), the same again (nothing changed), after
# 1 % of the questions were answered (an import of those), and the next
# day (every page whose status moves with the days is made again). The
# floor is the first export; the target, a re-export after 1 % changed
# at most 0.20 of it. Uses bench/run_export.sh's data (made if missing).
#
# usage: bench/run_reexport.sh [COUNT] [RUNS]   (default 50000 questions, 3)
set -eu
cd "$(dirname "$0")/.."
count=${1:-50000}
runs=${2:-3}
dir=${BENCH_DIR:-/tmp/qetracker-bench}
mkdir -p "$dir"
. bench/lib.sh
export_base reexport-base.db
# 1 % of the questions answered on 2026-11-26, nothing else changed.
changed="$dir/answered-1pct-$count.zip"
[ -f "$changed" ] || /usr/bin/python3 - "$dump" "$changed" <<'PY'
import json, sys, zipfile
src = zipfile.ZipFile(sys.argv[1])
with zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_DEFLATED) as out:
    for i, info in enumerate(src.infolist()):
        if i % 100 != 7:
            continue
        q = json.loads(src.read(info))
        jo = {"typeJO": "JO_QUESTION", "dateJO": "2026-11-26", "pageJO": "1"}
        q["question"]["textesReponse"] = {"texteReponse": {"infoJO": jo,
            "texte": "R."}}
        q["question"]["cloture"] = None
        out.writestr(info, json.dumps(q, ensure_ascii=False).encode())
PY
rm -f "$dir/results"
i=1
while [ "$i" -le "$runs" ]; do
	echo "run $i"
	cp "$base" "$dir/r.db"
	rm -rf "$dir/rsite" "$dir/r.db-wal" "$dir/r.db-shm"
	measure first $qt -d "$dir/r.db" $asof export "$dir/rsite"
	measure again $qt -d "$dir/r.db" $asof export "$dir/rsite"
	$qt -q -d "$dir/r.db" import "$changed"
	measure changed-1pct $qt -d "$dir/r.db" $asof export "$dir/rsite"
	measure next-day $qt -d "$dir/r.db" --as-of 2026-11-29 export \
	    "$dir/rsite"
	i=$((i + 1))
done
cat "$dir/out"
echo "files: $(find "$dir/rsite" -type f | wc -l), $(du -sh "$dir/rsite" | cut -f1)"
/usr/bin/python3 bench/medians.py "$dir/results" first
