#!/usr/bin/env bash
# SAST speed, side by side: rampart vs semgrep (PyPI, --metrics=off), same Semgrep-syntax rules
# (rampart's built-in Python rules), same tree, same -j, alternating A/B runs.
#
#   bench/sast/run.sh [TREE] [RULES]
#
# TREE defaults to /work/corpora/django (Django 5.2.19 sdist: 492k lines of Python; any tree of
# >= 200k lines works: `pip download django==5.2.19 --no-deps --no-binary :all:` and untar it).
# RULES defaults to crates/rampart-sast/rules/python. JOBS (default 2), RUNS (default 5) and
# WARMUP (default 1; 0 skips the warm-up pair) are environment variables. Needs a release build: cargo build --release -p rampart-cli.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
tree="${1:-/work/corpora/django}"
rules="${2:-$root/crates/rampart-sast/rules/python}"
[ -d "$tree" ] || { echo "tree not found: $tree" >&2; exit 2; }
command -v semgrep >/dev/null || { echo "semgrep not installed: pip install semgrep" >&2; exit 2; }
bin="${RAMPART:-$root/target/release/rampart}"
[ -x "$bin" ] || { echo "build first: cargo build --release -p rampart-cli (or set RAMPART)" >&2; exit 2; }
# Semgrep skips test folders by default unless the tree has its own .semgrepignore; give it an
# empty one so both tools scan the same files.
[ -f "$tree/.semgrepignore" ] || echo "# scan everything (benchmark)" > "$tree/.semgrepignore"
exec python3 "$here/bench.py" --tree "$tree" --rules "$rules" --jobs "${JOBS:-2}" --runs "${RUNS:-5}" --warmup "${WARMUP:-1}" --rampart "$bin"
