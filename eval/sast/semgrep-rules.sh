#!/usr/bin/env bash
# semgrep-rules @ 157ae4706d7f54aa33647332f234dd68f30da195 security tests, scored per EVAL.md.
#
#   eval/sast/semgrep-rules.sh [SCANNER_CMD...]
#
# Detection: the test files of every security rule (metadata.category == security) for python,
# javascript, typescript, java and go are copied with their `ruleid:` / `ok:` / `todoruleid:` /
# `todook:` comments blanked (line numbers kept) and scanned with rampart's *own* built-in rules
# (the corpus's rule files are never given to the scanner). A labelled positive line is a TP when
# a finding with one of the corpus rule's CWEs starts on or covers it; a finding with that CWE on
# an `ok` line is an FP. Per language: recall, precision, F1.
# SCANNER_CMD gets the scan directory appended and must print SARIF 2.1.0 on stdout. Default:
#   rampart scan --format sarif <dir>       (rampart from PATH or target/{release,debug})
# Baseline with semgrep on the same built-in rules:
#   eval/sast/semgrep-rules.sh semgrep scan --metrics=off --disable-version-check -q --sarif \
#       --config crates/rampart-sast/rules
# Compatibility (the corpus's own rules loaded by rampart): set COMPAT=1 to also run
#   rampart rules test <corpus>/<lang>  for each language and print its summary line.
# SEMGREP_RULES_DIR (default /work/corpora/semgrep-rules, else eval/corpora/semgrep-rules) holds a
# checkout at the pinned commit; OUT_DIR (default eval/corpora/out/semgrep-rules) gets the copy.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
corpus="${SEMGREP_RULES_DIR:-}"
if [ -z "$corpus" ]; then
  for d in /work/corpora/semgrep-rules "$root/eval/corpora/semgrep-rules"; do
    [ -d "$d/python" ] && corpus="$d" && break
  done
fi
[ -n "$corpus" ] && [ -d "$corpus/python" ] || {
  echo "semgrep-rules not found: set SEMGREP_RULES_DIR (git clone https://github.com/semgrep/semgrep-rules" \
       "&& git -C semgrep-rules checkout 157ae4706d7f54aa33647332f234dd68f30da195)" >&2; exit 2; }
find_rampart() {
  command -v rampart 2>/dev/null && return
  for b in "$root/target/release/rampart" "$root/target/debug/rampart"; do
    [ -x "$b" ] && echo "$b" && return
  done
  echo "rampart binary not found (cargo build -p rampart-cli)" >&2; exit 2
}
if [ $# -eq 0 ]; then set -- "$(find_rampart)" scan --format sarif; fi
out="${OUT_DIR:-$root/eval/corpora/out/semgrep-rules}"
rm -rf "$out"; mkdir -p "$out"
python3 "$here/semgrep_rules_corpus.py" prepare "$corpus" "$out"
start=$(date +%s)
"$@" "$out/scan" > "$out/results.sarif" || true
echo "scanner: $* ($(( $(date +%s) - start )) s); corpus: semgrep-rules @ 157ae4706d7f54aa33647332f234dd68f30da195"
if [ "${COMPAT:-0}" = 1 ]; then
  rampart="$(find_rampart)"
  for lang in python javascript typescript java go; do
    printf 'compat %-11s ' "$lang"
    "$rampart" rules test "$corpus/$lang" 2>/dev/null | tail -1 || true
  done
fi
python3 "$here/semgrep_rules_corpus.py" score "$out" "$out/results.sarif"
