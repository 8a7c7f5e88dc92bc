#!/usr/bin/env bash
# Semgrep-rules compatibility: run `rampart rules test` on semgrep-rules' own security rules
# (metadata `category: security`) for Python, JavaScript, TypeScript, Java and Go, and print
# the share of rules that load and the share of test annotations that pass among loaded rules.
#
# usage: eval/sast/compat.sh [SEMGREP_RULES_DIR] [RAMPART_BIN]
#   SEMGREP_RULES_DIR  a checkout of semgrep/semgrep-rules at
#                      157ae4706d7f54aa33647332f234dd68f30da195 (default /work/corpora/semgrep-rules)
#   RAMPART_BIN        default: target/release/rampart, else target/debug/rampart
# Detailed per-rule results go to $OUT (default /tmp/rampart-compat).
set -euo pipefail
cd "$(dirname "$0")/../.."
CORPUS=${1:-/work/corpora/semgrep-rules}
BIN=${2:-}
if [ -z "$BIN" ]; then
  if [ -x target/release/rampart ]; then BIN=target/release/rampart; else BIN=target/debug/rampart; fi
fi
OUT=${OUT:-/tmp/rampart-compat}
rm -rf "$OUT" && mkdir -p "$OUT"
[ -d "$CORPUS/python" ] || { echo "no semgrep-rules checkout at $CORPUS" >&2; exit 2; }
if [ -d "$CORPUS/.git" ]; then
  echo "corpus: $CORPUS @ $(git -C "$CORPUS" rev-parse HEAD)"
else
  echo "corpus: $CORPUS (expected commit 157ae4706d7f54aa33647332f234dd68f30da195)"
fi
printf '%-11s %6s %7s %8s %12s %9s\n' language rules loaded load% annotations pass%
tr=0; tl=0; ta=0; tp=0
for lang in python javascript typescript java go; do
  tree="$OUT/tree/$lang"
  mkdir -p "$tree"
  # Mirror only security rules that have a test file, as symlinks.
  while IFS= read -r yaml; do
    stem=${yaml%.yaml}
    for ext in py js jsx ts tsx java go; do
      if [ -f "$stem.$ext" ]; then
        rel=${stem#"$CORPUS"/}
        mkdir -p "$tree/$(dirname "$rel")"
        ln -sf "$yaml" "$tree/$rel.yaml"
        ln -sf "$stem.$ext" "$tree/$rel.$ext"
        break
      fi
    done
  done < <(grep -rl --include='*.yaml' -E '^\s*category:\s*security\s*$' "$CORPUS/$lang" | sort)
  "$BIN" rules test "$tree" > "$OUT/$lang.txt" 2>&1 || true
  summary=$(tail -1 "$OUT/$lang.txt")
  # "N rule file(s), R rule(s): L loaded (x%), P passed (y% of loaded); annotations A/T passed (z%); …"
  r=$(sed -E 's/^[0-9]+ rule file\(s\), ([0-9]+) rule.*/\1/' <<<"$summary")
  l=$(sed -E 's/.*: ([0-9]+) loaded.*/\1/' <<<"$summary")
  a=$(sed -E 's/.*annotations ([0-9]+)\/([0-9]+) passed.*/\1/' <<<"$summary")
  t=$(sed -E 's/.*annotations ([0-9]+)\/([0-9]+) passed.*/\2/' <<<"$summary")
  printf '%-11s %6d %7d %7.1f%% %6d/%-5d %8.1f%%\n' "$lang" "$r" "$l" \
    "$(awk -v a="$l" -v b="$r" 'BEGIN{print b?100*a/b:0}')" "$a" "$t" \
    "$(awk -v a="$a" -v b="$t" 'BEGIN{print b?100*a/b:0}')"
  tr=$((tr + r)); tl=$((tl + l)); ta=$((ta + a)); tp=$((tp + t))
done
load=$(awk -v a="$tl" -v b="$tr" 'BEGIN{printf "%.1f", b?100*a/b:0}')
pass=$(awk -v a="$ta" -v b="$tp" 'BEGIN{printf "%.1f", b?100*a/b:0}')
printf '%-11s %6d %7d %7s%% %6d/%-5d %8s%%\n' total "$tr" "$tl" "$load" "$ta" "$tp" "$pass"
echo "details: $OUT/<language>.txt"
echo "score: load ${load}% (target 80%), annotations pass ${pass}% of loaded rules (target 90%)"
