#!/usr/bin/env python3
"""Ground truth and scoring for the semgrep-rules corpus (EVAL.md recipe).

Subcommands:
  prepare CORPUS OUT   copy the security-rule test files of the five languages into OUT/scan
                       with every annotation comment blanked (line numbers kept), and write
                       OUT/truth.json: for each labelled line its label and the rule's CWEs.
  score OUT SARIF...   score SARIF results against OUT/truth.json, per language, matched by CWE.

A labelled line is positive (ruleid / todoruleid) or negative (ok / todook). A positive line is
a TP when a finding whose rule declares one of the labelled rule's CWEs starts on or covers it;
a negative line carrying such a finding is an FP. Recall = TP / positives,
precision = TP / (TP + FP). Only rules with metadata.category == security count.
"""
import json
import os
import re
import sys

import yaml

LANGS = {
    "python": (".py",),
    "javascript": (".js", ".jsx", ".mjs", ".cjs"),
    "typescript": (".ts", ".tsx"),
    "java": (".java",),
    "go": (".go",),
}
ANN = re.compile(
    r"(#|//|<!--|/\*|\{/\*)\s*(todoruleid|todook|ruleid|ok|deepruleid|deepok)\s*:\s*([\w.,\s-]+)"
)
CWE = re.compile(r"CWE-(\d+)")


def rule_cwes(rule):
    meta = rule.get("metadata") or {}
    cwe = meta.get("cwe") or []
    if isinstance(cwe, str):
        cwe = [cwe]
    return sorted({int(m) for c in cwe for m in CWE.findall(str(c))})


def load_rules(path):
    try:
        with open(path, encoding="utf-8") as f:
            doc = yaml.safe_load(f)
    except Exception:
        return []
    return (doc or {}).get("rules") or [] if isinstance(doc, dict) else []


def prepare(corpus, out):
    truth = {"corpus": corpus, "lines": []}
    scan = os.path.join(out, "scan")
    skipped = {"no-test-file": 0, "no-cwe": 0}
    for lang, exts in LANGS.items():
        root = os.path.join(corpus, lang)
        for dirpath, _, files in os.walk(root):
            for name in sorted(files):
                if not name.endswith((".yaml", ".yml")):
                    continue
                stem = name.rsplit(".", 1)[0]
                rules = [
                    r
                    for r in load_rules(os.path.join(dirpath, name))
                    if (r.get("metadata") or {}).get("category") == "security"
                ]
                if not rules:
                    continue
                tests = [f for f in files if f.rsplit(".", 1)[0] == stem and f.endswith(exts)]
                if not tests:
                    skipped["no-test-file"] += 1
                    continue
                cwes = {r.get("id"): rule_cwes(r) for r in rules}
                for test in tests:
                    src = os.path.join(dirpath, test)
                    rel = os.path.relpath(src, corpus)
                    with open(src, encoding="utf-8", errors="replace") as f:
                        lines = f.read().split("\n")
                    pending = []
                    blanked = []
                    for i, line in enumerate(lines, 1):
                        m = ANN.search(line)
                        if m:
                            ids = [x.strip() for x in m.group(3).replace(" ", ",").split(",") if x.strip()]
                            kind = m.group(2)
                            code = line[: m.start()]
                            # blank the comment, keep the column layout and the line count
                            blanked.append(code + " " * (len(line) - len(code)))
                            if code.strip():
                                for rid in ids:
                                    add(truth, lang, rel, i, kind, rid, cwes, skipped)
                            else:
                                pending.extend((kind, rid) for rid in ids)
                            continue
                        blanked.append(line)
                        if pending and line.strip():
                            for kind, rid in pending:
                                add(truth, lang, rel, i, kind, rid, cwes, skipped)
                            pending = []
                    dst = os.path.join(scan, rel)
                    os.makedirs(os.path.dirname(dst), exist_ok=True)
                    with open(dst, "w", encoding="utf-8") as f:
                        f.write("\n".join(blanked))
    with open(os.path.join(out, "truth.json"), "w") as f:
        json.dump(truth, f)
    print(f"prepared {len(truth['lines'])} labelled lines in {scan} ({skipped})", file=sys.stderr)


def add(truth, lang, rel, line, kind, rid, cwes, skipped):
    # annotations name the rule by its bare id (or a dotted full id ending in it)
    key = rid if rid in cwes else next((k for k in cwes if rid.endswith("." + k)), None)
    if key is None or not cwes[key]:
        skipped["no-cwe"] += 1
        return
    positive = kind in ("ruleid", "todoruleid", "deepruleid")
    truth["lines"].append(
        {"lang": lang, "path": rel, "line": line, "positive": positive, "rule": key, "cwes": cwes[key]}
    )


def sarif_findings(paths):
    """(path, start, end, {cwe}) for every result; CWEs come from the rule's tags or properties."""
    found = []
    for p in paths:
        with open(p) as f:
            doc = json.load(f)
        for run in doc.get("runs", []):
            rule_cwe = {}
            for r in (run.get("tool", {}).get("driver", {}).get("rules") or []):
                props = r.get("properties") or {}
                text = json.dumps(props.get("tags", [])) + json.dumps(props.get("cwe", ""))
                rule_cwe[r.get("id")] = {int(x) for x in CWE.findall(text)}
            for res in run.get("results", []):
                loc = res["locations"][0]["physicalLocation"]
                uri = loc["artifactLocation"]["uri"]
                reg = loc.get("region", {})
                start = reg.get("startLine", 0)
                end = reg.get("endLine", start)
                cw = set(rule_cwe.get(res.get("ruleId"), set()))
                cw |= {int(x) for x in CWE.findall(json.dumps(res.get("properties", {})))}
                found.append((uri, start, end, cw, res.get("ruleId")))
    return found


def score(out, sarifs):
    with open(os.path.join(out, "truth.json")) as f:
        truth = json.load(f)
    by_path = {}
    for uri, s, e, cw, rid in sarif_findings(sarifs):
        uri = uri.replace("file://", "")
        # normalise to the corpus-relative path: everything after ".../scan/"
        if "/scan/" in "/" + uri:
            uri = ("/" + uri).split("/scan/", 1)[1]
        by_path.setdefault(uri, []).append((s, e, cw))
    stats = {}
    for t in truth["lines"]:
        st = stats.setdefault(t["lang"], {"P": 0, "N": 0, "TP": 0, "FP": 0})
        hit = any(
            s <= t["line"] <= e and cw & set(t["cwes"]) for s, e, cw in by_path.get(t["path"], [])
        )
        if t["positive"]:
            st["P"] += 1
            st["TP"] += hit
        else:
            st["N"] += 1
            st["FP"] += hit
    rows = []
    print(f"{'language':<11} {'pos':>5} {'neg':>5} {'TP':>5} {'FN':>5} {'FP':>5} {'TN':>5} {'recall':>7} {'prec':>7} {'F1':>6}")
    for lang in LANGS:
        st = stats.get(lang)
        if not st:
            continue
        tp, fp, p, n = st["TP"], st["FP"], st["P"], st["N"]
        rec = tp / p if p else 0.0
        prec = tp / (tp + fp) if tp + fp else 0.0
        f1 = 2 * rec * prec / (rec + prec) if rec + prec else 0.0
        rows.append((lang, rec, prec))
        print(f"{lang:<11} {p:>5} {n:>5} {tp:>5} {p - tp:>5} {fp:>5} {n - fp:>5} {rec:>7.3f} {prec:>7.3f} {f1:>6.3f}")
    ok = sum(1 for _, r, pr in rows if r >= 0.60 and pr >= 0.85)
    summary = " ".join(f"{l}=R{r:.2f}/P{p:.2f}" for l, r, p in rows)
    print(f"score: {summary} (languages meeting recall>=0.60 at precision>=0.85: {ok}/{len(rows)})")


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "prepare":
        prepare(sys.argv[2], sys.argv[3])
    elif len(sys.argv) >= 4 and sys.argv[1] == "score":
        score(sys.argv[2], sys.argv[3:])
    else:
        sys.exit(__doc__)
