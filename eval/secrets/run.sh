#!/usr/bin/env bash
# Secrets evaluation: extract the Nosey Parker + gitleaks labelled examples,
# scan them with rampart, score.
#
#   eval/secrets/run.sh [RAMPART_BIN] [score.py options, e.g. --by-confidence]
#
# Environment:
#   CORPORA_DIR  where the source repositories are (default: eval/corpora/src,
#                else /work/.mirror if it holds them; see eval/README.md)
#   OUT_DIR      extracted documents + report (default: eval/corpora/secrets,
#                git-ignored)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

bin=
if [[ $# -gt 0 && "$1" != -* ]]; then
  bin=$1
  shift
fi
if [[ -z "$bin" ]]; then
  if [[ -x "$root/target/release/rampart" ]]; then
    bin=$root/target/release/rampart
  else
    bin=$root/target/debug/rampart
  fi
fi
[[ -x "$bin" ]] || { echo "error: rampart binary not found: $bin (build it first)" >&2; exit 2; }

out=${OUT_DIR:-$root/eval/corpora/secrets}
if [[ -z "${CORPORA_DIR:-}" ]]; then
  CORPORA_DIR=$root/eval/corpora/src
  if [[ ! -d "$CORPORA_DIR" && -d /work/.mirror/praetorian-inc+noseyparker/repo ]]; then
    CORPORA_DIR=/work/.mirror
  fi
fi

mkdir -p "$out"
python3 "$here/extract.py" "$CORPORA_DIR" "$out"
echo

report=$out/report.json
rm -f "$report"
echo "+ $bin scan --only secrets --format json --output $report $out/docs"
set +e
start=$(date +%s.%N)
"$bin" scan --only secrets --format json --output "$report" "$out/docs"
rc=$?
end=$(date +%s.%N)
set -e
# 0 = no findings, 1 = findings; anything else is a failure.
if [[ $rc -ne 0 && $rc -ne 1 ]]; then
  echo "error: rampart exited with status $rc" >&2
  exit "$rc"
fi
[[ -s "$report" ]] || { echo "error: rampart wrote no report to $report" >&2; exit 3; }
awk -v rc="$rc" -v s="$start" -v e="$end" 'BEGIN { printf "scan: exit %d, %.2f s\n\n", rc, e - s }'

python3 "$here/score.py" "$out/labels.csv" "$report" --inspect "$out/inspect.txt" "$@"
