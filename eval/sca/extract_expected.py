#!/usr/bin/env python3
"""Extracts the expected package sets from osv-scanner's Go parser tests.

Usage: extract_expected.py OSV_SCANNER_DIR > expected.json

Each test calls `lockfile.ParseX("fixtures/…")` and then `expectPackages(t, packages,
[]lockfile.PackageDetails{ {Name: …, Version: …, Ecosystem: …}, … })`. Tests of formats rampart
does not claim (conan, renv, gradle verification metadata) are skipped, as are tests of a file
that does not exist.
"""
import json
import re
import sys
from pathlib import Path

# osv-scanner parser → the file name rampart recognises the format by.
PARSERS = {
    "ParseNpmLock": "package-lock.json",
    "ParseYarnLock": "yarn.lock",
    "ParsePnpmLock": "pnpm-lock.yaml",
    "ParseRequirementsTxt": "requirements.txt",
    "ParsePoetryLock": "poetry.lock",
    "ParsePipenvLock": "Pipfile.lock",
    "ParsePdmLock": "pdm.lock",
    "ParseCargoLock": "Cargo.lock",
    "ParseGoLock": "go.mod",
    "ParseMavenLock": "pom.xml",
    "ParseGradleLock": "gradle.lockfile",
    "ParseGemfileLock": "Gemfile.lock",
    "ParseComposerLock": "composer.lock",
    "ParseNuGetLock": "packages.lock.json",
    "ParseMixLock": "mix.lock",
    "ParsePubspecLock": "pubspec.lock",
}
ECOSYSTEMS = {
    "NpmEcosystem": "npm", "YarnEcosystem": "npm", "PnpmEcosystem": "npm",
    "PipEcosystem": "PyPI", "PoetryEcosystem": "PyPI", "PipenvEcosystem": "PyPI", "PdmEcosystem": "PyPI", "CargoEcosystem": "crates.io",
    "GoEcosystem": "Go", "MavenEcosystem": "Maven", "BundlerEcosystem": "RubyGems",
    "ComposerEcosystem": "Packagist", "NuGetEcosystem": "NuGet", "MixEcosystem": "Hex",
    "PubEcosystem": "Pub",
}
FUNC = re.compile(r"^func (Test\w+)\(t \*testing\.T\) \{$", re.M)
CALL = re.compile(r'lockfile\.(Parse\w+)\("([^"]+)"\)')
STR = r'"((?:[^"\\]|\\.)*)"'


def block_after(text, start):
    """The text of the `{ … }` literal that starts at or after `start`."""
    i = text.index("{", start)
    depth = 0
    for j in range(i, len(text)):
        if text[j] == "{":
            depth += 1
        elif text[j] == "}":
            depth -= 1
            if depth == 0:
                return text[i + 1 : j]
    raise ValueError("unbalanced")


def entries(body):
    out = []
    depth = 0
    cur = None
    for j, ch in enumerate(body):
        if ch == "{":
            depth += 1
            if depth == 1:
                cur = j + 1
        elif ch == "}":
            if depth == 1 and cur is not None:
                out.append(body[cur:j])
            depth -= 1
    return out


def main():
    root = Path(sys.argv[1]) / "pkg" / "lockfile"
    cases = []
    for test in sorted(root.glob("parse-*_test.go")):
        text = test.read_text()
        funcs = list(FUNC.finditer(text))
        for k, m in enumerate(funcs):
            end = funcs[k + 1].start() if k + 1 < len(funcs) else len(text)
            body = text[m.end() : end]
            call = CALL.search(body)
            if not call or call.group(1) not in PARSERS:
                continue
            fixture = root / call.group(2)
            if not fixture.exists():
                continue
            exp = body.find("expectPackages(")
            if exp < 0:
                continue
            lit = body.index("[]lockfile.PackageDetails", exp)
            pkgs = []
            for e in entries(block_after(body, lit)):
                name = re.search(r"Name:\s*" + STR, e)
                version = re.search(r"Version:\s*" + STR, e)
                eco = re.search(r"Ecosystem:\s*lockfile\.(\w+)", e)
                pkgs.append({
                    "name": json.loads('"' + name.group(1) + '"') if name else "",
                    "version": json.loads('"' + version.group(1) + '"') if version else "",
                    "ecosystem": ECOSYSTEMS.get(eco.group(1), eco.group(1)) if eco else "",
                })
            cases.append({
                "test": f"{test.name}:{m.group(1)}",
                "parser": call.group(1),
                "parse_as": PARSERS[call.group(1)],
                "fixture": str(fixture.relative_to(root)),
                "packages": pkgs,
            })
    json.dump(cases, sys.stdout, indent=1)


if __name__ == "__main__":
    main()
