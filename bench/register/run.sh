#!/usr/bin/env bash
# Scale of the vulnerability register: records one scan of 100,000 findings (goal ≤ 10 s),
# fills the database to 1,000,000 findings (10 projects × 100,000, with a lifecycle mix:
# verified, triaged, overdue, CODEOWNERS owners) and times `rampart findings list` with every
# filter and sort the CLI offers, as the real binary, process start included (goal ≤ 200 ms).
# Usage: bench/register/run.sh [--release]; results are appended to bench/register/RESULTS.md.
# SQLite by default; RAMPART_BENCH_POSTGRES_URL=postgres://…/EMPTY_DB measures PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/../.."
profile=()
[ "${1:-}" = "--release" ] && profile=(--release)
backend=sqlite
[ -n "${RAMPART_BENCH_POSTGRES_URL:-}" ] && backend=postgres
load=$(cut -d' ' -f1-3 /proc/loadavg)
# --workspace, not -p: the same feature set as every other build (no dependency rebuilds).
out=$(cargo test "${profile[@]}" --workspace --test register_scale -- --ignored --nocapture 2>&1) || {
  echo "$out" | tail -40
  exit 1
}
echo "$out" | grep -E '^(record|re-record|database|rampart )' | tee /tmp/register-bench.txt
{
  echo
  echo "## $(date -u +%Y-%m-%dT%H:%MZ) ($(nproc) cores, load $load at start, profile ${profile[*]:-dev}, $backend)"
  echo
  sed 's/^/    /' /tmp/register-bench.txt
} >> bench/register/RESULTS.md
