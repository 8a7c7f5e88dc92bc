#!/usr/bin/env bash
# Parsers against osv-scanner v1.9.2's lockfile fixtures.
#
#   eval/sca/fixtures.sh [OSV_SCANNER_DIR]
#
# OSV_SCANNER_DIR: a checkout of google/osv-scanner v1.9.2
# (1e295ee11c5e107886e58bacb04228325082146f); the argument, else $OSV_SCANNER_DIR, else
# /work/corpora/osv-scanner. From a bare mirror:
#   git --git-dir=MIRROR archive 1e295ee11c5e107886e58bacb04228325082146f pkg/lockfile | tar -x -C DIR
# RAMPART_BIN: the binary (default $CARGO_TARGET_DIR or target/, debug build).
#
# For each fixture a Go test parses, the multiset of (ecosystem, name, version) rampart extracts
# (`rampart sbom FILE --parse-as NAME --format inventory`) is compared with the one the test
# expects. Prints per-format exact-file match rate and package precision/recall, every miss,
# and a last line `score: …`.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
corpus="${1:-${OSV_SCANNER_DIR:-/work/corpora/osv-scanner}}"
bin="${RAMPART_BIN:-${CARGO_TARGET_DIR:-$repo/target}/debug/rampart}"
[ -x "$bin" ] || (cd "$repo" && cargo build -q --workspace)
python3 "$here/extract_expected.py" "$corpus" > /tmp/rampart-sca-expected.json
python3 "$here/score_fixtures.py" "$bin" "$corpus" /tmp/rampart-sca-expected.json
