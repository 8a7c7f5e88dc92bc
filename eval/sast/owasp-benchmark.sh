#!/usr/bin/env bash
# OWASP BenchmarkJava v1.2 @ 79b9bd6177e07991a9c11dc19e457c840e229931, scored per EVAL.md.
#
#   eval/sast/owasp-benchmark.sh SCANNER_CMD...
#
# SCANNER_CMD gets the directory to scan appended as its last argument and must print SARIF
# 2.1.0 on stdout, e.g.
#   eval/sast/owasp-benchmark.sh rampart scan --format sarif --no-secrets
#   eval/sast/owasp-benchmark.sh semgrep scan --metrics=off --disable-version-check -q --sarif \
#       --config crates/rampart-sast/rules/java
# The test cases are copied with every comment blanked (line numbers kept): the Benchmark's
# comments name the vulnerability, so the scanner must never see them.
# BENCHMARK_DIR (default /work/corpora/BenchmarkJava, else eval/corpora/BenchmarkJava) holds a
# checkout at the pinned commit; OUT_DIR (default eval/corpora/out/benchmark) receives the copy
# and the SARIF.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
[ $# -ge 1 ] || { sed -n '2,16p' "$0"; exit 2; }
bench="${BENCHMARK_DIR:-}"
if [ -z "$bench" ]; then
  for d in /work/corpora/BenchmarkJava "$root/eval/corpora/BenchmarkJava"; do
    [ -f "$d/expectedresults-1.2.csv" ] && bench="$d" && break
  done
fi
[ -n "$bench" ] && [ -f "$bench/expectedresults-1.2.csv" ] || {
  echo "BenchmarkJava not found: set BENCHMARK_DIR (git clone https://github.com/OWASP-Benchmark/BenchmarkJava" \
       "&& git -C BenchmarkJava checkout 79b9bd6177e07991a9c11dc19e457c840e229931)" >&2; exit 2; }
out="${OUT_DIR:-$root/eval/corpora/out/benchmark}"
rm -rf "$out/scan"; mkdir -p "$out/scan"
python3 "$here/strip_comments.py" "$bench/src/main/java/org/owasp/benchmark/testcode" "$out/scan/testcode" .java
start=$(date +%s)
"$@" "$out/scan/testcode" > "$out/results.sarif"
echo "scanner: $* ($(( $(date +%s) - start )) s); corpus: BenchmarkJava @ 79b9bd6177e07991a9c11dc19e457c840e229931"
python3 "$here/benchmark_score.py" "$bench/expectedresults-1.2.csv" "$out/results.sarif"
