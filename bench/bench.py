#!/usr/bin/env python3
"""Time `rampart scan --only secrets` against its peers on the trees in bench/trees/.

Called by bench/run.sh, which finds the tools; see bench/README.md for what is measured.

Method, for each tree and each peer: the tree is read once (page cache warm), then rampart (A) and
the peer (B) run in turn, A B A B ..., after one warm-up run of each that is not counted. Each run
is a whole process: wall time from a monotonic clock around fork/exec and wait, user and system
time and peak resident memory from the kernel's rusage of the reaped child (wait4: the same figures
`/usr/bin/time -f '%e %U %S %M'` prints; the peak is the largest single process, not a sum). Each
figure is reported as the median of the counted runs; the ratio peer/rampart is taken pair by pair
and its median and min-max are reported, so drift in the machine's speed hits both sides.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


# ---- timing -------------------------------------------------------------------------------------
GNU_TIME = "/usr/bin/time"


def run_once(argv: list[str], cwd: str, timeout: float) -> dict:
    # The peak comes from GNU time, a small process between us and the command: the kernel's
    # maxrss of a child starts from its parent's resident size at fork, so a peak read by this
    # Python process directly could never show less than this process's own size.
    tf = os.path.join(cwd, f".bench-peak.{os.getpid()}")
    t0 = time.monotonic()
    p = subprocess.Popen([GNU_TIME, "-f", "%M", "-o", tf, *argv], cwd=cwd, stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = t0 + timeout
    while True:
        pid, status, ru = os.wait4(p.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() > deadline:
            os.killpg(p.pid, 9)
            pid, status, ru = os.wait4(p.pid, 0)
            break
        time.sleep(0.002)
    wall = time.monotonic() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    peak_kb = float("nan")
    try:
        with open(tf) as f:
            nums = [l.strip() for l in f if l.strip().isdigit()]
        peak_kb = float(nums[-1]) if nums else peak_kb
        os.unlink(tf)
    except OSError:
        pass
    return {"wall": wall, "user": ru.ru_utime, "sys": ru.ru_stime, "cpu": ru.ru_utime + ru.ru_stime,
            "peak_mb": peak_kb / 1024, "exit": p.returncode, "timed_out": wall >= timeout}


def med(xs):
    return statistics.median(xs) if xs else float("nan")


def warm(tree: str, argv: list[str]) -> None:
    """Read every file of the tree and the command's own executable, untimed, so that the run
    finds both in the page cache.

    Done before every timed run: this machine's kernel runs DAMON reclaim (`kdamond`, action
    `pageout`, up to 128 MB/s of pages idle for a few seconds), so during a one-minute peer run
    the tree read at its start and the other tool's idle executable go back to disk."""
    subprocess.run(["sh", "-c", f"find {shlex.quote(tree)} -type f -print0 | xargs -0 cat > /dev/null"])
    for arg in argv:
        exe = arg if os.path.isabs(arg) else shutil.which(arg)
        if exe and os.path.isfile(exe) and os.access(exe, os.X_OK):
            with open(exe, "rb") as f:
                while f.read(1 << 20):
                    pass


def pair(a: list[str], b: list[str] | None, cwd: str, runs: int | None, pair_budget: float,
         max_run: float, tree: str, warmup: int = 1) -> dict:
    """A B A B ... after `warmup` runs of each, the tree re-read before each run. runs=None: as
    many as fit in pair_budget (2..5)."""
    def timed(argv):
        warm(tree, argv)
        return run_once(argv, cwd, max_run * 2)
    wa, wb = [], []
    for _ in range(warmup):
        wa.append(timed(a))
        if b:
            wb.append(timed(b))
    out = {"A": [], "B": [], "warmup_A": wa, "warmup_B": wb, "skipped_B": None}
    if b and wb and wb[-1]["wall"] > max_run:
        out["skipped_B"] = f"one run took {wb[-1]['wall']:.0f} s (> {max_run:.0f} s): not repeated"
        b = None
    if runs is None:
        t = (wa[-1]["wall"] if wa else 1) + (wb[-1]["wall"] if (b and wb) else 0)
        runs = max(2, min(5, int(pair_budget // max(t, 1e-3))))
    for _ in range(runs):
        out["A"].append(timed(a))
        if b:
            out["B"].append(timed(b))
    return out


def run_together(argvs: list[list[str]], cwd: str, timeout: float) -> dict:
    """Several commands started at once: wall time until the last one ends."""
    t0 = time.monotonic()
    ps = [subprocess.Popen(argv, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, start_new_session=True) for argv in argvs]
    exits = set()
    for p in ps:
        try:
            p.wait(timeout=max(1.0, timeout - (time.monotonic() - t0)))
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, 9)
            p.wait()
        exits.add(p.returncode)
    # every distinct exit status, so a copy killed at the time limit (-9) is not hidden
    return {"wall": time.monotonic() - t0, "exit": sorted(exits)}


def scaling(one: list[str], many: list[str], cores: int, cwd: str, runs: int, max_run: float,
            tree: str) -> dict:
    """`many` (one scan on every core) against `one` (one core), and for reference `cores`
    independent one-core scans started together (what separate processes get from this
    machine). Rotation one, together, all, … after a warm-up of each, the tree re-read before
    each run."""
    out_at = one.index("--output") + 1
    copies = [one[:out_at] + [f"{one[out_at]}.{i}"] + one[out_at + 1:] for i in range(cores)]
    out = {"one": [], "together": [], "all": []}
    for counted in [False] + [True] * runs:
        for key, go in (("one", lambda: run_once(one, cwd, max_run)),
                        ("together", lambda: run_together(copies, cwd, max_run)),
                        ("all", lambda: run_once(many, cwd, max_run))):
            warm(tree, one)
            r = go()
            if counted:
                out[key].append(r)
    w = {k: med([r["wall"] for r in v]) for k, v in out.items()}
    return out | {"cores": cores, "walls": w, "speedup": w["one"] / w["all"],
                  "ceiling": cores * w["one"] / w["together"]}


def summary(rs: list[dict]) -> dict:
    if not rs:
        return {}
    return {k: med([r[k] for r in rs]) for k in ("wall", "user", "sys", "cpu", "peak_mb")} | {
        "n": len(rs), "wall_min": min(r["wall"] for r in rs), "wall_max": max(r["wall"] for r in rs),
        "exits": sorted({r["exit"] for r in rs})}


def ratios(p: dict, key="wall") -> dict:
    rs = [b[key] / a[key] for a, b in zip(p["A"], p["B"]) if a[key] > 0]
    return {"median": med(rs), "min": min(rs), "max": max(rs)} if rs else {}


# ---- trees and tools ----------------------------------------------------------------------------
def tree_stats(tree: Path) -> dict:
    n = size = 0
    for root, dirs, files in os.walk(tree):
        for f in files:
            p = os.path.join(root, f)
            if os.path.isfile(p) and not os.path.islink(p):
                n += 1
                size += os.path.getsize(p)
    rg = lambda *extra: sum(1 for _ in subprocess.run(["rg", "--files", *extra, str(tree)], capture_output=True, text=True).stdout.splitlines())
    return {"files": n, "bytes": size, "rg_files": rg(), "rg_files_hidden": rg("--hidden", "--no-require-git")}


def keywords(rampart: str, root: Path) -> tuple[list[str], str]:
    """Every keyword of rampart's secret rules, and where they were read."""
    try:
        out = subprocess.run([rampart, "rules", "list", "--format", "json"], capture_output=True, text=True, check=True).stdout
        kws = {k.lower() for r in json.loads(out) if r.get("analyzer", "secrets") == "secrets" for k in r.get("keywords", [])}
        if kws:
            return sorted(kws), "`rampart rules list --format json`"
    except Exception:
        pass
    import tomllib
    kws = set()
    for f in sorted((root / "crates/rampart-secrets/rules").glob("*.toml")):
        for r in tomllib.loads(f.read_text()).get("rule", []):
            kws.update(k.lower() for k in r.get("keywords", []))
    return sorted(kws), "`crates/rampart-secrets/rules/*.toml`"


def alternation(kws: list[str]) -> str:
    return "|".join(re.sub(r"([\\.+*?()|\[\]{}^$])", r"\\\1", k) for k in kws)


def commands(t: dict, tree: str, out: str | None, alt: str, work: Path) -> dict[str, dict[str, list[str]]]:
    """{group: {tool: argv}}; `out` is where a report goes; None when timing: then reports go to
    a scratch file in `work`, overwritten by each run. Never --report-path /dev/null: gitleaks 8.30
    writes its report to a temporary file and renames it over the target, which turns /dev/null
    into a regular file for the whole machine."""
    timing = out is None
    scratch = lambda tool: str(work / f"timing.{tool}.out")
    ro = scratch("rampart") if timing else out
    go = scratch("gitleaks") if timing else out
    out = "/dev/null" if timing else out  # only ever as a shell redirection
    R, GL, DS, RS = t["rampart"], t["gitleaks"], t["detect_secrets"], t["ripsecrets"]
    rg_common = ["-i", "--hidden", "--no-require-git", "--max-filesize", "20M", "--count-matches", "-e", alt, tree]
    ds_out = ["sh", "-c", f'exec "$0" "$@" > {shlex.quote(out)}']
    return {
        "1 core": {
            "rampart": [R, "scan", tree, "--only", "secrets", "--jobs", "1", "--format", "json", "--output", ro, "--no-progress"],
            "gitleaks": ["env", "GOMAXPROCS=1", GL, "dir", tree, "--no-banner", "--log-level", "error", "--max-target-megabytes", "20", "--report-format", "json", "--report-path", go],
            "detect-secrets": ds_out + [DS, "-C", tree, "-c", "1", "scan", "--all-files", "-n"],
            "ripsecrets": ["taskset", "-c", "0", RS, tree] if timing else ["sh", "-c", f'exec taskset -c 0 "$0" "$@" > {shlex.quote(out)}', RS, tree],
            "cat": ["sh", "-c", f"find {shlex.quote(tree)} -type f -print0 | xargs -0 cat > /dev/null"],
            "rg -j1": ["rg", "-j1"] + rg_common,
        },
        "all cores": {
            "rampart": [R, "scan", tree, "--only", "secrets", "--format", "json", "--output", ro, "--no-progress"],
            "gitleaks": [GL, "dir", tree, "--no-banner", "--log-level", "error", "--max-target-megabytes", "20", "--report-format", "json", "--report-path", go],
            "detect-secrets": ds_out + [DS, "-C", tree, "scan", "--all-files", "-n"],
            "ripsecrets": [RS, tree] if timing else ["sh", "-c", f'exec "$0" "$@" > {shlex.quote(out)}', RS, tree],
            "rg": ["rg"] + rg_common,
        },
    }


def show(argv: list[str], tree: str, alt: str, work: Path) -> str:
    s = shlex.join(argv).replace(shlex.quote(alt), "\"$KEYWORDS\"").replace(alt, "$KEYWORDS")
    return s.replace(tree, "$TREE").replace(str(work), "$WORK")


# ---- findings and recall ------------------------------------------------------------------------
def findings(tool: str, path: str, tree: str) -> list[tuple[str, int, int]] | None:
    """(relative path, start line, end line) of each finding in a tool's report."""
    def rel(p: str) -> str:
        p = os.path.normpath(p)
        return os.path.relpath(p, tree) if os.path.isabs(p) else p.removeprefix("./")
    try:
        text = Path(path).read_text(errors="replace")
    except OSError:
        return None
    out = []
    try:
        if tool == "rampart":
            for f in json.loads(text)["findings"]:
                loc = f["location"]
                p = loc["path"]
                if not os.path.isabs(p) and not os.path.exists(os.path.join(tree, p)) and os.path.exists(p):
                    p = os.path.abspath(p)
                out.append((rel(p), loc["start_line"], loc.get("end_line") or loc["start_line"]))
        elif tool == "gitleaks":
            for f in json.loads(text or "[]"):
                out.append((rel(f["File"]), f["StartLine"], f.get("EndLine") or f["StartLine"]))
        elif tool == "detect-secrets":
            for fn, fs in json.loads(text)["results"].items():
                for f in fs:
                    out.append((rel(os.path.join(tree, fn) if not os.path.isabs(fn) else fn), f["line_number"], f["line_number"]))
        elif tool == "ripsecrets":
            for line in text.splitlines():
                m = re.match(r"^(.*?):(\d+):", line)
                if m:
                    out.append((rel(m.group(1)), int(m.group(2)), int(m.group(2))))
    except (ValueError, KeyError, TypeError):
        return None
    return out


def recall(planted_csv: Path, found: list[tuple[str, int, int]]) -> dict:
    planted = list(csv.DictReader(planted_csv.open()))
    by_file: dict[str, list] = {}
    for f in found:
        by_file.setdefault(f[0], []).append(f)
    per_kind: dict[str, list[int]] = {}
    hit_findings = set()
    for p in planted:
        lo, hi = int(p["line"]), int(p["end_line"])
        hits = [f for f in by_file.get(p["path"], []) if f[1] <= hi and f[2] >= lo]
        hit_findings.update(hits)
        k = per_kind.setdefault(p["kind"], [0, 0])
        k[1] += 1
        k[0] += bool(hits)
    return {"found": sum(v[0] for v in per_kind.values()), "planted": len(planted),
            "per_kind": per_kind, "findings": len(found), "other_findings": len(set(found) - hit_findings)}


# ---- main ---------------------------------------------------------------------------------------
def machine() -> str:
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
    mem = next((int(l.split()[1]) for l in open("/proc/meminfo") if l.startswith("MemTotal")), 0) / 2**20
    return f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GiB, {platform.system()} {platform.release()}"


def load() -> str:
    return "load average " + " ".join(open("/proc/loadavg").read().split()[:3])


def version(argv: list[str]) -> str:
    try:
        r = subprocess.run(argv, capture_output=True, text=True, timeout=30)
        return (r.stdout or r.stderr).strip().splitlines()[0]
    except Exception as e:
        return f"? ({e})"


def fmt(x, nd=2):
    return "–" if x is None or x != x else f"{x:.{nd}f}"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("trees", nargs="*")
    ap.add_argument("--tools", required=True, help="JSON: rampart, gitleaks, detect_secrets, ripsecrets paths")
    ap.add_argument("--results", default=str(HERE / "results"))
    ap.add_argument("--runs", type=int, default=None, help="counted runs per command (default: 2-5, as fit --pair-budget)")
    ap.add_argument("--pair-budget", type=float, default=60, help="seconds of counted runs per pair (default 60)")
    ap.add_argument("--max-run", type=float, default=150, help="a peer whose warm-up run takes longer is not repeated")
    ap.add_argument("--ds-max-mb", type=float, default=12, help="time detect-secrets only on trees up to this size")
    ap.add_argument("--groups", default="1 core,all cores")
    ap.add_argument("--peak-pass", action="store_true",
                    help="re-measure only the peak memory of every timed command, one run each, into the last raw.json")
    a = ap.parse_args()
    tools = json.loads(a.tools)
    results = Path(a.results).resolve()
    work = results / "work.tmp"
    work.mkdir(parents=True, exist_ok=True)
    if a.peak_pass:
        return peak_pass(tools, results, work)
    if not a.trees:
        ap.error("no trees")
    kws, kw_source = keywords(tools["rampart"], HERE.parent)
    alt = alternation(kws)
    (work / "keywords.txt").write_text(alt + "\n")
    groups = [g.strip() for g in a.groups.split(",")]
    versions = {
        "rampart": version([tools["rampart"], "--version"]),
        "gitleaks": version([tools["gitleaks"], "version"]),
        "detect-secrets": version([tools["detect_secrets"], "--version"]),
        "ripsecrets": version([tools["ripsecrets"], "--version"]),
        "rg": version(["rg", "--version"]),
    }
    started = dt.datetime.now(dt.timezone.utc)
    raw = {"load_start": load(), "machine": machine(), "date": started.isoformat(timespec="seconds"), "versions": versions,
           "keywords": kws, "keywords_from": kw_source, "trees": {}}
    for tree_arg in a.trees:
        tree = str(Path(tree_arg).resolve())
        name = Path(tree).name
        print(f"== {name}", file=sys.stderr, flush=True)
        st = tree_stats(Path(tree))
        src = Path(tree + ".source")
        planted = Path(tree + ".planted.csv")
        tr = {"path": tree, "rampart_version": version([tools["rampart"], "--version"]), "stats": st, "source": src.read_text() if src.exists() else "", "groups": {}, "recall": {}}
        mb = st["bytes"] / 1e6
        # one run of each tool with its report kept: files_scanned, findings, recall
        for tool in commands(tools, tree, None, alt, work)["all cores"]:
            if tool in ("rg", "cat"):
                continue
            if tool == "detect-secrets" and mb > a.ds_max_mb:
                continue
            outp = str(work / f"{name}.{tool}.out")
            argv = commands(tools, tree, outp, alt, work)["all cores"][tool]
            print(f"   report run: {tool}", file=sys.stderr, flush=True)
            r = run_once(argv, "/tmp", 3600)
            f = findings(tool, outp, tree)
            tr["recall"][tool] = {"exit": r["exit"], "wall": r["wall"], "findings": None if f is None else len(f)}
            if tool == "rampart":
                try:
                    s = json.loads(Path(outp).read_text())["summary"]["stats"]
                    st["rampart_files_scanned"] = s.get("files_scanned")
                    st["rampart_bytes_scanned"] = s.get("bytes_scanned")
                except Exception as e:
                    st["rampart_files_scanned"] = f"? ({e})"
            if planted.exists() and f is not None:
                tr["recall"][tool] |= recall(planted, f)
        # warm the page cache
        subprocess.run(["sh", "-c", f"find {shlex.quote(tree)} -type f -print0 | xargs -0 cat > /dev/null"])
        for g in groups:
            cmds = commands(tools, tree, None, alt, work)[g]
            gr = {"commands": {k: show(v, tree, alt, work) for k, v in cmds.items()}, "pairs": {}}
            for peer, argv in cmds.items():
                if peer == "rampart":
                    continue
                if peer == "detect-secrets" and mb > a.ds_max_mb:
                    gr["pairs"][peer] = {"skipped": f"tree over {a.ds_max_mb:g} MB (detect-secrets runs at well under 1 MB/s)"}
                    continue
                print(f"   {g}: rampart vs {peer}", file=sys.stderr, flush=True)
                p = pair(cmds["rampart"], argv, "/tmp", a.runs, a.pair_budget, a.max_run, tree)
                gr["pairs"][peer] = p
                if p["skipped_B"]:
                    print(f"     {peer}: {p['skipped_B']}", file=sys.stderr)
            tr["groups"][g] = gr
        cores = os.cpu_count() or 1
        if cores > 1 and {"1 core", "all cores"} <= set(groups):
            print(f"   scaling: one core, {cores} one-core scans at once, all cores", file=sys.stderr, flush=True)
            rampart = {g: c["rampart"] for g, c in commands(tools, tree, None, alt, work).items()}
            tr["scaling"] = scaling(rampart["1 core"], rampart["all cores"], cores, "/tmp",
                                    a.runs or 5, a.max_run, tree)
        raw["trees"][name] = tr
        raw["load"] = f"{raw['load_start']} at the start, {load()} after the last tree"
        (work / "raw.json").write_text(json.dumps(raw, indent=1))
        (results / "RESULTS.md").write_text(render(raw))
    print(render(raw))
    return 0


def peak_pass(tools: dict, results: Path, work: Path) -> int:
    """One more run of each timed command under GNU time, for its peak memory alone."""
    raw = json.loads((work / "raw.json").read_text())
    alt = alternation(raw["keywords"])
    for name, tr in raw["trees"].items():
        tree = tr.get("path") or str(HERE / "trees" / name)
        for g, gr in tr["groups"].items():
            cmds = commands(tools, tree, None, alt, work)[g]
            gr["peaks"] = {}
            for tool, argv in cmds.items():
                p = gr["pairs"].get(tool, {})
                if tool != "rampart" and "skipped" in p:
                    continue
                print(f"   peak: {name} {g} {tool}", file=sys.stderr, flush=True)
                gr["peaks"][tool] = run_once(argv, "/tmp", 3600)["peak_mb"]
        (work / "raw.json").write_text(json.dumps(raw, indent=1))
    raw["peak_note"] = ("Peak MB: one separate run of each command under `/usr/bin/time -f %M` "
                        "(the timed runs' own peaks could not read below the harness's size).")
    (work / "raw.json").write_text(json.dumps(raw, indent=1))
    (results / "RESULTS.md").write_text(render(raw))
    return 0


def render(raw: dict) -> str:
    L = ["# Secrets scanning speed: rampart and its peers", "",
         f"Machine: {raw['machine']}; {raw.get('load', '')} (a shared machine: other work ran beside this). Date: {raw['date']}. Generated by `bench/run.sh`; method in `bench/README.md`.", "",
         "Versions: " + "; ".join(f"{k} `{v}`" for k, v in raw["versions"].items()) + ".", "",
         "MB = 10^6 bytes of regular files in the tree; files/s uses the tree's file count. Median of the counted runs "
         "(n); *peer ÷ rampart* is the median of the pair-by-pair wall-time ratios (min–max): above 1, rampart is faster. "
         "Peak = largest resident set of a single process (`/usr/bin/time -f %M`). " + raw.get("peak_note", ""), ""]
    for name, tr in raw["trees"].items():
        st = tr["stats"]
        mb = st["bytes"] / 1e6
        L += [f"## {name}: {mb:.1f} MB, {st['files']} files", ""]
        if tr.get("rampart_version") and tr["rampart_version"] != raw["versions"]["rampart"]:
            L += [f"Timed with `{tr['rampart_version']}` (a later build than the header's: this tree was re-run "
                  f"{tr.get('rerun_note', '')}).", ""]
        if tr["source"]:
            L += ["Source: " + "; ".join(f"`{l}`" for l in tr["source"].splitlines()), ""]
        L += [f"Files: {st['files']} regular files; `rg --files` sees {st['rg_files']}, `rg --files --hidden --no-require-git` "
              f"{st['rg_files_hidden']}; rampart's summary says files_scanned {st.get('rampart_files_scanned')}, "
              f"bytes_scanned {st.get('rampart_bytes_scanned')}.", ""]
        for g, gr in tr["groups"].items():
            L += [f"### {g}", "", "| tool | median s | MB/s | files/s | cpu s | peak MB | n | peer ÷ rampart (wall) | exit |",
                  "|---|---:|---:|---:|---:|---:|---:|---|---|"]
            ra = [r for p in gr["pairs"].values() if "A" in p for r in p["A"]]
            s = summary(ra)
            pk = gr.get("peaks", {})
            if s and "rampart" in pk:
                s["peak_mb"] = pk["rampart"]
            if s:
                L.append(f"| rampart | {fmt(s['wall'], 3)} | {fmt(mb / s['wall'], 1)} | {fmt(st['files'] / s['wall'], 0)} | "
                         f"{fmt(s['cpu'], 2)} | {fmt(s['peak_mb'], 0)} | {s['n']} | 1 | {s['exits']} |")
            for peer, p in gr["pairs"].items():
                if "skipped" in p:
                    L.append(f"| {peer} | – | – | – | – | – | 0 | not run: {p['skipped']} | |")
                    continue
                sb = summary(p["B"])
                if sb and peer in pk:
                    sb["peak_mb"] = pk[peer]
                if not sb:
                    w = dict(p["warmup_B"][-1])
                    if peer in pk:
                        w["peak_mb"] = pk[peer]
                    L.append(f"| {peer} | {fmt(w['wall'], 1)} | {fmt(mb / w['wall'], 2)} | {fmt(st['files'] / w['wall'], 0)} | "
                             f"{fmt(w['cpu'], 1)} | {fmt(w['peak_mb'], 0)} | 1 | ≈{fmt(w['wall'] / s['wall'], 1)} (one unpaired run: {p['skipped_B']}) | [{w['exit']}] |")
                    continue
                rr = ratios(p)
                L.append(f"| {peer} | {fmt(sb['wall'], 3)} | {fmt(mb / sb['wall'], 1)} | {fmt(st['files'] / sb['wall'], 0)} | "
                         f"{fmt(sb['cpu'], 2)} | {fmt(sb['peak_mb'], 0)} | {sb['n']} | {fmt(rr['median'], 2)} ({fmt(rr['min'], 2)}–{fmt(rr['max'], 2)}) | {sb['exits']} |")
            L += ["", "<details><summary>commands</summary>", "", "```"]
            L += [f"{k}: {v}" for k, v in gr["commands"].items()]
            L += ["```", "</details>", ""]
        sc = tr.get("scaling")
        if sc:
            w = sc["walls"]
            L += ["### scaling", "",
                  f"rampart on {sc['cores']} cores is **{fmt(sc['speedup'])}×** its one-core speed "
                  f"(median {fmt(w['one'], 3)} s → {fmt(w['all'], 3)} s, n={len(sc['all'])}). For reference, "
                  f"{sc['cores']} independent one-core scans started together take {fmt(w['together'], 3)} s: "
                  f"{fmt(sc['ceiling'])}× one scan's throughput (separate processes, each with its own start-up).", ""]
        rc = tr["recall"]
        if any("planted" in v for v in rc.values()):
            kinds = sorted({k for v in rc.values() for k in v.get("per_kind", {})})
            L += ["### planted secrets found (one run, all cores)", "",
                  "| tool | found / planted | " + " | ".join(kinds) + " | findings | findings not on a planted secret |",
                  "|---|---|" + "---|" * len(kinds) + "---:|---:|"]
            for tool, v in rc.items():
                if "planted" not in v:
                    continue
                L.append(f"| {tool} | {v['found']} / {v['planted']} | " + " | ".join(
                    f"{v['per_kind'].get(k, [0, 0])[0]}/{v['per_kind'].get(k, [0, 0])[1]}" for k in kinds)
                    + f" | {v['findings']} | {v['other_findings']} |")
            L.append("")
        else:
            L += ["Findings reported (one run, all cores): " + ", ".join(
                f"{t} {v['findings']}" for t, v in rc.items()) + ".", ""]
    L += ["## rg keyword alternation", "", f"{len(raw['keywords'])} keywords from {raw['keywords_from']}, "
          "searched case-insensitively as one alternation (`$KEYWORDS`):", "", "```", alternation(raw["keywords"]), "```", ""]
    return "\n".join(L)


if __name__ == "__main__":
    sys.exit(main())
