#!/usr/bin/env bash
# SCA speed: import the three real OSV databases of EVAL.md, then scan a 2,000-package lockfile.
#
#   bench/sca/run.sh [CORPORA_DIR]   (default /work/corpora: rustsec-osv/, go-vulndb/, pypa-advisory-db/)
#
# Prints the import time and database size, then the scan time of a generated requirements.txt
# with 2,000 pinned packages (every PyPI package the PyPA database has an advisory for, so each
# lookup hits), as the scan's own `duration_ms` (after the database is open) and wall-clock, 5 runs.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
corpora="${1:-/work/corpora}"
bin="${RAMPART_BIN:-$repo/target/release/rampart}"
[ -x "$bin" ] || bin="$repo/target/debug/rampart"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
db="$work/adv.db"
echo "binary: $bin"
start=$(date +%s.%N)
"$bin" db import --db "$db" "$corpora/rustsec-osv/crates" "$corpora/go-vulndb/data/osv" "$corpora/pypa-advisory-db/vulns"
end=$(date +%s.%N)
printf 'import wall-clock: %.2f s; database size: %s bytes\n' "$(echo "$end - $start" | bc)" "$(stat -c %s "$db")"
mkdir -p "$work/proj"
python3 - "$corpora/pypa-advisory-db/vulns" "$work/proj/requirements.txt" <<'PY'
import os, sys
names = sorted(os.listdir(sys.argv[1]))
out = [f"{n}==1.0.0" for n in names]
i = 0
while len(out) < 2000:
    out.append(f"rampart-bench-filler-{i}==1.0.{i}")
    i += 1
open(sys.argv[2], "w").write("\n".join(out[:2000]) + "\n")
PY
echo "lockfile: $(wc -l < "$work/proj/requirements.txt") packages"
for i in 1 2 3 4 5; do
  s=$(date +%s.%N)
  "$bin" scan --db "$db" --only sca --fail-on none -f json -o "$work/r.json" "$work/proj"
  e=$(date +%s.%N)
  python3 -c "import json,sys; r=json.load(open('$work/r.json')); print(f\"run $i: scan {r['summary']['stats']['duration_ms']} ms after the database is open, {len(r['findings'])} findings; wall-clock incl. process start and DB open {($e-$s)*1000:.0f} ms\")"
done
