#!/usr/bin/env python3
"""Which files cost rampart the most time? A quick per-file timing.

    bench/perfile.py TREE [--top 20] [--copies 20] [--rampart target/release/rampart] [--min-kb 0]

For each file, rampart (`scan --only secrets --jobs 1`) runs twice on a scratch folder: once with
one hard link to the file and once with COPIES links. The file's steady cost is
(cpu(COPIES) - cpu(1)) / (COPIES - 1), in user+system CPU seconds, so start-up and the one-off
compilation of the rules the file wakes cancel out; that one-off part, cpu(1) - cpu(empty folder),
is printed too ("wake"). Prints the files with the largest steady cost, their size, their MB/s,
and their share of the summed cost. Slow: two processes per file (--min-kb skips small files).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def cpu_of(argv: list[str]) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("tree")
    ap.add_argument("--top", type=int, default=20)
    ap.add_argument("--copies", type=int, default=11)
    ap.add_argument("--min-kb", type=float, default=0)
    ap.add_argument("--rampart", default=str(Path(__file__).resolve().parent.parent / "target/release/rampart"))
    a = ap.parse_args()
    tree = Path(a.tree).resolve()
    files = [p for p in tree.rglob("*") if p.is_file() and not p.is_symlink() and p.stat().st_size >= a.min_kb * 1024]
    scratch = Path(tempfile.mkdtemp(prefix="rampart-perfile."))
    out = scratch / "report.json"
    run = lambda d: cpu_of([a.rampart, "scan", str(d), "--only", "secrets", "--jobs", "1", "--format", "json",
                            "--output", str(out), "--no-progress", "--fail-on", "none"])
    empty = scratch / "empty"
    empty.mkdir()
    base = min(run(empty) for _ in range(3))
    rows = []
    try:
        for i, f in enumerate(files):
            cpu = []
            for n in (1, a.copies):
                d = scratch / "d"
                d.mkdir()
                for k in range(n):
                    (d / str(k)).mkdir()
                    os.link(f, d / str(k) / f.name)  # same name: some rules look at it
                cpu.append(run(d))
                shutil.rmtree(d)
            t = max(0.0, (cpu[1] - cpu[0]) / (a.copies - 1))
            rows.append((t, f.stat().st_size, f.relative_to(tree), max(0.0, cpu[0] - base - t)))
            if (i + 1) % 200 == 0:
                print(f"  {i + 1}/{len(files)}", file=sys.stderr)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    total = sum(r[0] for r in rows) or 1e-9
    size = sum(r[1] for r in rows)
    print(f"{len(rows)} files, {size / 1e6:.1f} MB; summed per-file cost {total:.2f} cpu s "
          f"({size / 1e6 / total:.1f} MB/s); start-up on an empty folder {base:.3f} s")
    print(f"{'cpu ms':>8} {'KB':>8} {'MB/s':>7} {'share':>6} {'wake ms':>8}  file")
    for t, b, p, w in sorted(rows, reverse=True)[: a.top]:
        print(f"{t * 1e3:8.2f} {b / 1024:8.1f} {b / 1e6 / t if t else float('inf'):7.1f} {t / total:6.1%} {w * 1e3:8.1f}  {p}")
    wk = sorted(rows, key=lambda r: -r[3])[:5]
    print("largest one-off (wake) costs: " + ", ".join(f"{p} {w * 1e3:.0f} ms" for t, b, p, w in wk))
    return 0


if __name__ == "__main__":
    sys.exit(main())
