#!/usr/bin/env python3
"""Side-by-side speed of rampart and semgrep on the same Semgrep-syntax rules and tree.

Alternates the two commands (A B A B ...) after one warm-up each, so drift in the machine's speed
hits both; reports each command's median wall time, the median and min-max of the pairwise ratios
(semgrep / rampart: how many times faster rampart is), lines/s per core, MB/s, files/s and the
largest resident set, then diffs the findings (rule id, path, start line) of the last runs.
Usage: bench.py --tree DIR --rules DIR [--jobs N] [--runs N] [--warmup 0|1] [--rampart BIN] [--out DIR]
"""
import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time


def tree_stats(tree, exts=(".py",)):
    files = lines = size = 0
    for dirpath, _, names in os.walk(tree):
        for n in names:
            if n.endswith(exts):
                p = os.path.join(dirpath, n)
                files += 1
                size += os.path.getsize(p)
                with open(p, "rb") as f:
                    lines += f.read().count(b"\n")
    return files, lines, size


def run(cmd):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode not in (0, 1):
        sys.stderr.write(proc.stderr.decode(errors="replace")[-2000:])
        sys.exit(f"command failed ({proc.returncode}): {' '.join(cmd)}")
    return wall, cpu


def findings(sarif, tree):
    with open(sarif) as f:
        doc = json.load(f)
    out = set()
    for r in doc.get("runs", []):
        for res in r.get("results", []):
            loc = res["locations"][0]["physicalLocation"]
            uri = loc["artifactLocation"]["uri"].replace("file://", "")
            rel = os.path.relpath(uri, tree) if os.path.isabs(uri) else uri
            rel = rel.split(os.path.basename(tree.rstrip("/")) + "/", 1)[-1]
            out.add((res.get("ruleId", "").split(".")[-1], rel, loc["region"]["startLine"]))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tree", required=True)
    ap.add_argument("--rules", required=True)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--warmup", type=int, default=1, help="0: no warm-up run (semgrep runs are long)")
    ap.add_argument("--rampart", default=shutil.which("rampart") or "target/release/rampart")
    ap.add_argument("--out", default="/tmp/rampart-sast-bench")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    tree = os.path.abspath(a.tree)
    ra_sarif = os.path.join(a.out, "rampart.sarif")
    sg_sarif = os.path.join(a.out, "semgrep.sarif")
    ra = [a.rampart, "scan", "--only", "sast", "--no-builtin-rules", "--config", a.rules,
          "-j", str(a.jobs), "-f", "sarif", "-o", ra_sarif, "--fail-on", "none", "-q", "--no-progress", tree]
    sg = ["semgrep", "scan", "--metrics=off", "--disable-version-check", "-q", "--config", a.rules,
          "-j", str(a.jobs), "--max-target-bytes", "0", "--timeout", "0", "--sarif", "-o", sg_sarif, tree]
    files, lines, size = tree_stats(tree)
    print(f"tree: {tree}: {files} Python files, {lines} lines, {size / 1e6:.1f} MB; rules: {a.rules}; -j {a.jobs}")
    if a.warmup:
        print("warm-up ...", flush=True)
        run(ra)
        run(sg)
    rw, sw, rc, sc, ratios = [], [], [], [], []
    for i in range(a.runs):
        w1, c1 = run(ra)
        w2, c2 = run(sg)
        rw.append(w1); rc.append(c1); sw.append(w2); sc.append(c2); ratios.append(w2 / w1)
        print(f"run {i + 1}: rampart {w1:.2f} s (cpu {c1:.2f} s)  semgrep {w2:.2f} s (cpu {c2:.2f} s)  ratio {w2 / w1:.1f}x", flush=True)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    for name, w, c in (("rampart", rw, rc), ("semgrep", sw, sc)):
        m = statistics.median(w)
        print(f"{name:<8} median wall {m:.2f} s (min {min(w):.2f}, max {max(w):.2f}), median cpu {statistics.median(c):.2f} s, "
              f"{lines / m / a.jobs:,.0f} lines/s per core, {size / 1e6 / m:.1f} MB/s, {files / m:,.0f} files/s")
    print(f"largest resident set of any run: {peak:.0f} MB")
    rf, sf = findings(ra_sarif, tree), findings(sg_sarif, tree)
    print(f"findings: rampart {len(rf)}, semgrep {len(sf)}, both {len(rf & sf)}, "
          f"only rampart {len(rf - sf)}, only semgrep {len(sf - rf)}")
    for tag, diff in (("only rampart", rf - sf), ("only semgrep", sf - rf)):
        for f in sorted(diff):
            print(f"  {tag}: {f[0]} {f[1]}:{f[2]}")
    med = statistics.median(ratios)
    print(f"score: rampart is {med:.1f}x faster than semgrep (median of {a.runs} pairwise ratios, "
          f"min {min(ratios):.1f}x, max {max(ratios):.1f}x)")


if __name__ == "__main__":
    main()
