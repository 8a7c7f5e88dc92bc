#!/usr/bin/env bash
# SCA speed: import the three real OSV databases of EVAL.md, then scan 2,000-package lockfiles.
#
#   bench/sca/run.sh RUSTSEC_CRATES_DIR GO_VULNDB_OSV_DIR PYPA_VULNS_DIR
#
# The three arguments are the record folders: `crates/` of the RustSec advisory-db `osv` branch,
# `data/osv/` of golang/vulndb and `vulns/` of pypa/advisory-database (see EVAL.md for the
# commits). Materialise them from a bare mirror with e.g.
#   git --git-dir=MIRROR archive COMMIT data/osv | tar -x -C DIR
# Environment:
#   RAMPART_BIN   the binary (default: target/release/rampart, else target/debug/rampart)
#   PYPI_TOP      optional TSV of popular PyPI packages (name, version, _, download rank)
#   NPM_TOP       optional TSV of popular npm packages (name, version, monthly downloads)
#   RUNS          scans per lockfile (default 5)
#
# Prints the import time and database size, then for each lockfile that make_lockfiles.py wrote
# (worst case: almost every lookup hits; PyPA packages at vulnerable releases; popular PyPI and
# npm packages at their newest releases) the scan's own `duration_ms` — measured after the
# database is open — and the whole process's wall-clock (process start, DB open, report).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
if [ $# -ne 3 ]; then
  sed -n '2,20p' "$0" >&2
  exit 2
fi
rustsec="$1" go="$2" pypa="$3"
target="${CARGO_TARGET_DIR:-$repo/target}"
bin="${RAMPART_BIN:-$target/release/rampart}"
[ -x "$bin" ] || bin="$target/debug/rampart"
runs="${RUNS:-5}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
db="$work/adv.db"
echo "binary: $bin"
start=$(date +%s.%N)
"$bin" db import --db "$db" "$rustsec" "$go" "$pypa"
end=$(date +%s.%N)
printf 'import wall-clock: %.2f s; database size: %s bytes\n' "$(echo "$end - $start" | bc)" "$(stat -c %s "$db")"
extra=()
[ -n "${PYPI_TOP:-}" ] && extra+=(--pypi-top "$PYPI_TOP")
[ -n "${NPM_TOP:-}" ] && extra+=(--npm-top "$NPM_TOP")
python3 "$here/make_lockfiles.py" "$work/locks" "$pypa" "${extra[@]}"
for proj in "$work"/locks/*/; do
  name="$(basename "$proj")"
  for i in $(seq 1 "$runs"); do
    s=$(date +%s.%N)
    "$bin" scan --db "$db" --only sca --fail-on none --no-progress -f json -o "$work/r.json" "$proj"
    e=$(date +%s.%N)
    python3 - "$work/r.json" "$name" "$i" "$s" "$e" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
ms = r["summary"]["stats"]["duration_ms"]
wall = (float(sys.argv[5]) - float(sys.argv[4])) * 1000
print(f"{sys.argv[2]} run {sys.argv[3]}: scan {ms} ms after the database is open, "
      f"{len(r['findings'])} findings; whole process {wall:.0f} ms")
PY
  done
done
