#!/usr/bin/env bash
# Scale of the vulnerability register on SQLite: records one scan of 100,000 findings (goal
# ≤ 10 s), fills the database to 1,000,000 findings (10 projects × 100,000) and times filtered
# `rampart findings list` queries with the real binary, process start included (goal ≤ 200 ms).
# Usage: bench/register/run.sh [--release]; results are appended to bench/register/RESULTS.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
profile=()
[ "${1:-}" = "--release" ] && profile=(--release)
out=$(cargo test "${profile[@]}" -p rampart-cli --test register_scale -- --ignored --nocapture 2>&1)
echo "$out" | grep -E '^(record|re-record|database|rampart )' | tee /tmp/register-bench.txt
{
  echo
  echo "## $(date -u +%Y-%m-%dT%H:%MZ) ($(nproc) cores, profile ${profile[*]:-dev})"
  echo
  sed 's/^/    /' /tmp/register-bench.txt
} >> bench/register/RESULTS.md
