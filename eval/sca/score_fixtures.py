#!/usr/bin/env python3
"""Scores rampart's lockfile parsers against expected package sets (see fixtures.sh)."""
import collections
import json
import subprocess
import sys
from pathlib import Path


def extract(binary, path, parse_as):
    out = subprocess.run(
        [binary, "sbom", str(path), "--parse-as", parse_as, "--format", "inventory"],
        capture_output=True, text=True,
    )
    try:
        doc = json.loads(out.stdout)
    except json.JSONDecodeError:
        return [], out.stderr.strip()
    pkgs = [p for lf in doc.get("lockfiles", []) for p in lf["packages"]]
    return pkgs, "; ".join(doc.get("errors", []))


def key(eco, name, version):
    # osv-scanner writes an unknown version as "0.0.0" for requirements.txt and "" elsewhere;
    # rampart always writes "".
    return (eco, name, "" if version == "0.0.0" and eco == "PyPI" else version)


def main():
    binary, corpus, expected = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
    root = corpus / "pkg" / "lockfile"
    cases = json.load(open(expected))
    per = collections.defaultdict(lambda: {"files": 0, "exact": 0, "tp": 0, "fp": 0, "fn": 0})
    misses = []
    for c in cases:
        got, err = extract(binary, root / c["fixture"], c["parse_as"])
        g = collections.Counter(key(p["ecosystem"], p["name"], p["version"]) for p in got)
        w = collections.Counter(key(p["ecosystem"], p["name"], p["version"]) for p in c["packages"])
        s = per[c["parse_as"]]
        s["files"] += 1
        tp = sum((g & w).values())
        s["tp"] += tp
        s["fp"] += sum(g.values()) - tp
        s["fn"] += sum(w.values()) - tp
        if g == w:
            s["exact"] += 1
        else:
            misses.append((c["fixture"], sorted((g - w).elements()), sorted((w - g).elements()), err))
    print(f"{'format':<22}{'files':>6}{'exact':>7}{'rate':>8}{'TP':>6}{'FP':>5}{'FN':>5}{'prec':>8}{'recall':>8}")
    tot = collections.Counter()
    for fmt in sorted(per):
        s = per[fmt]
        tot.update(s)
        p = s["tp"] / (s["tp"] + s["fp"]) if s["tp"] + s["fp"] else 1.0
        r = s["tp"] / (s["tp"] + s["fn"]) if s["tp"] + s["fn"] else 1.0
        print(f"{fmt:<22}{s['files']:>6}{s['exact']:>7}{s['exact'] / s['files']:>8.1%}{s['tp']:>6}{s['fp']:>5}{s['fn']:>5}{p:>8.1%}{r:>8.1%}")
    p = tot["tp"] / (tot["tp"] + tot["fp"])
    r = tot["tp"] / (tot["tp"] + tot["fn"])
    rate = tot["exact"] / tot["files"]
    print(f"{'all':<22}{tot['files']:>6}{tot['exact']:>7}{rate:>8.1%}{tot['tp']:>6}{tot['fp']:>5}{tot['fn']:>5}{p:>8.1%}{r:>8.1%}")
    if misses:
        print("\nmisses (fixture: extra in rampart | missing from rampart | error):")
        for f, extra, missing, err in misses:
            print(f"  {f}: +{extra} -{missing} {err}")
    print(f"score: {tot['exact']}/{tot['files']} fixture files exact ({rate:.1%}), package precision {p:.1%}, recall {r:.1%}")


if __name__ == "__main__":
    main()
