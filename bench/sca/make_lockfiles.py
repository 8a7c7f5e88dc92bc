#!/usr/bin/env python3
"""Generates the 2,000-package lockfiles the SCA speed bench scans.

    make_lockfiles.py OUT_DIR PYPA_VULNS_DIR [--pypi-top TSV] [--npm-top TSV]

Always written (from the PyPA advisory database alone):
  worst/requirements.txt       every PyPI package the PyPA database names, pinned to 1.0.0, then
                               filler names up to 2,000 (almost every real name hits).
  pypi-vulnerable/requirements.txt
                               every PyPA package at a release its first advisory lists as
                               affected (a real, vulnerable version), filled up to 2,000 with the
                               --pypi-top list when given.
With a name/version list of popular packages (TSV, header line, `name<TAB>version` first; for
--pypi-top a fourth column with the download rank):
  pypi-top/requirements.txt    the 2,000 most downloaded PyPI packages at their newest release.
  npm-top/package-lock.json    the 2,000 most downloaded npm packages (lockfile v3, a tree of
                               dependency edges under 20 direct dependencies).
"""
import argparse
import json
import os
import sys

N = 2000


def read_yaml_versions(path):
    """The first `versions:` list of a PyPA record (a tiny reader: the records are regular)."""
    name, versions, in_versions = None, [], False
    with open(path, encoding="utf-8") as f:
        for line in f:
            s = line.rstrip("\n")
            if name is None and s.strip().startswith("name:"):
                name = s.split(":", 1)[1].strip().strip("'\"")
            if s.strip() == "versions:":
                in_versions = True
                continue
            if in_versions:
                if s.lstrip().startswith("- "):
                    versions.append(s.lstrip()[2:].strip().strip("'\""))
                    continue
                if versions:
                    break
    return name, versions


def pypa_packages(vulns_dir):
    out = {}
    for pkg in sorted(os.listdir(vulns_dir)):
        d = os.path.join(vulns_dir, pkg)
        if not os.path.isdir(d):
            continue
        for rec in sorted(os.listdir(d)):
            name, versions = read_yaml_versions(os.path.join(d, rec))
            if name and versions:
                out.setdefault(name, versions[len(versions) // 2])
                break
    return out


def read_tsv(path, rank_col=None):
    rows = []
    with open(path, encoding="utf-8") as f:
        next(f)
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 2 or not cols[0] or not cols[1]:
                continue
            key = None
            if rank_col is not None:
                if len(cols) <= rank_col or not cols[rank_col].isdigit():
                    continue
                key = int(cols[rank_col])
            else:
                key = -int(cols[2]) if len(cols) > 2 and cols[2].isdigit() else 0
            rows.append((key, cols[0], cols[1]))
    rows.sort()
    return [(n, v) for _, n, v in rows]


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def package_lock(pkgs):
    direct = 20
    packages = {
        "": {
            "name": "bench",
            "version": "1.0.0",
            "dependencies": {n: f"^{v}" for n, v in pkgs[:direct]},
        }
    }
    for i, (n, v) in enumerate(pkgs):
        entry = {
            "version": v,
            "resolved": f"https://registry.example/{n}/-/{n.split('/')[-1]}-{v}.tgz",
            "license": "MIT",
        }
        kids = [pkgs[j] for j in (direct + 2 * i, direct + 2 * i + 1) if j < len(pkgs)]
        if kids:
            entry["dependencies"] = {kn: f"^{kv}" for kn, kv in kids}
        packages[f"node_modules/{n}"] = entry
    doc = {"name": "bench", "version": "1.0.0", "lockfileVersion": 3, "requires": True, "packages": packages}
    return json.dumps(doc, indent=2) + "\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("pypa_vulns")
    ap.add_argument("--pypi-top")
    ap.add_argument("--npm-top")
    a = ap.parse_args()

    names = sorted(os.listdir(a.pypa_vulns))
    worst = [f"{n}==1.0.0" for n in names]
    worst += [f"rampart-bench-filler-{i}==1.0.{i}" for i in range(N - len(worst))]
    write(os.path.join(a.out, "worst/requirements.txt"), "\n".join(worst[:N]) + "\n")

    pypa = pypa_packages(a.pypa_vulns)
    vuln = [f"{n}=={v}" for n, v in sorted(pypa.items())]
    top = read_tsv(a.pypi_top, rank_col=3) if a.pypi_top else []
    seen = {n.lower() for n in pypa}
    for n, v in top:
        if len(vuln) >= N:
            break
        if n.lower() not in seen:
            seen.add(n.lower())
            vuln.append(f"{n}=={v}")
    write(os.path.join(a.out, "pypi-vulnerable/requirements.txt"), "\n".join(vuln) + "\n")

    if top:
        lines = [f"{n}=={v}" for n, v in top[:N]]
        write(os.path.join(a.out, "pypi-top/requirements.txt"), "\n".join(lines) + "\n")
    if a.npm_top:
        npm = read_tsv(a.npm_top)[:N]
        write(os.path.join(a.out, "npm-top/package-lock.json"), package_lock(npm))
    for d in sorted(os.listdir(a.out)):
        for f in os.listdir(os.path.join(a.out, d)):
            p = os.path.join(a.out, d, f)
            print(f"{p}: {sum(1 for _ in open(p)) if f.endswith('.txt') else len(json.load(open(p))['packages']) - 1} packages", file=sys.stderr)


if __name__ == "__main__":
    main()
