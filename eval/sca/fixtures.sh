#!/usr/bin/env bash
# Parsers against osv-scanner v1.9.2's lockfile fixtures.
#
#   eval/sca/fixtures.sh [OSV_SCANNER_DIR]   (default: /work/corpora/osv-scanner, checked out at
#                                             1e295ee11c5e107886e58bacb04228325082146f)
#
# For each fixture a Go test parses, the multiset of (ecosystem, name, version) rampart extracts
# (`rampart sbom FILE --parse-as NAME --format inventory`) is compared with the one the test
# expects. Prints per-format exact-file match rate and package precision/recall, every miss,
# and a last line `score: …`.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
corpus="${1:-/work/corpora/osv-scanner}"
bin="${RAMPART_BIN:-$repo/target/debug/rampart}"
[ -x "$bin" ] || (cd "$repo" && cargo build -q -p rampart-cli)
python3 "$here/extract_expected.py" "$corpus" > /tmp/rampart-sca-expected.json
python3 "$here/score_fixtures.py" "$bin" "$corpus" /tmp/rampart-sca-expected.json
