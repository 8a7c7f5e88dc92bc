#!/usr/bin/env python3
"""Score SARIF against OWASP Benchmark's expectedresults-1.2.csv (EVAL.md recipe).

A test case is flagged when any finding in its file carries the category's CWE
(SARIF rules[].properties.tags like "CWE-89", or properties.cwe). Per category:
TPR = TP/(TP+FN), FPR = FP/(FP+TN), score = TPR - FPR; headline = mean over the categories.
Usage: benchmark_score.py EXPECTED_CSV SARIF
"""
import csv
import json
import os
import re
import sys

CWE = re.compile(r"CWE-(\d+)")


def flagged(sarif):
    """{test name: {cwe}} from the SARIF results."""
    with open(sarif) as f:
        doc = json.load(f)
    hits = {}
    for run in doc.get("runs", []):
        rule_cwe = {}
        for r in run.get("tool", {}).get("driver", {}).get("rules") or []:
            props = r.get("properties") or {}
            text = json.dumps(props.get("tags", [])) + json.dumps(props.get("cwe", ""))
            rule_cwe[r.get("id")] = {int(x) for x in CWE.findall(text)}
        for res in run.get("results", []):
            uri = res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            name = os.path.basename(uri).rsplit(".", 1)[0]
            cw = set(rule_cwe.get(res.get("ruleId"), set()))
            cw |= {int(x) for x in CWE.findall(json.dumps(res.get("properties", {})))}
            hits.setdefault(name, set()).update(cw)
    return hits


def main():
    expected, sarif = sys.argv[1], sys.argv[2]
    hits = flagged(sarif)
    cats = {}
    with open(expected) as f:
        for row in csv.reader(f):
            if not row or row[0].startswith("#"):
                continue
            name, cat, real, cwe = row[0], row[1], row[2] == "true", int(row[3])
            c = cats.setdefault(cat, {"cwe": cwe, "TP": 0, "FN": 0, "FP": 0, "TN": 0})
            hit = cwe in hits.get(name, set())
            c["TP" if real and hit else "FN" if real else "FP" if hit else "TN"] += 1
    print(f"{'category':<13} {'CWE':>4} {'TP':>4} {'FN':>4} {'FP':>4} {'TN':>4} {'TPR':>6} {'FPR':>6} {'score':>6}")
    scores = []
    tot = {"TP": 0, "FN": 0, "FP": 0, "TN": 0}
    for cat in sorted(cats):
        c = cats[cat]
        tpr = c["TP"] / (c["TP"] + c["FN"]) if c["TP"] + c["FN"] else 0.0
        fpr = c["FP"] / (c["FP"] + c["TN"]) if c["FP"] + c["TN"] else 0.0
        scores.append(tpr - fpr)
        for k in tot:
            tot[k] += c[k]
        print(f"{cat:<13} {c['cwe']:>4} {c['TP']:>4} {c['FN']:>4} {c['FP']:>4} {c['TN']:>4} {tpr:>6.3f} {fpr:>6.3f} {tpr - fpr:>6.3f}")
    mean = sum(scores) / len(scores) if scores else 0.0
    p = tot["TP"] / (tot["TP"] + tot["FP"]) if tot["TP"] + tot["FP"] else 0.0
    r = tot["TP"] / (tot["TP"] + tot["FN"]) if tot["TP"] + tot["FN"] else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print(f"{'all':<13} {'':>4} {tot['TP']:>4} {tot['FN']:>4} {tot['FP']:>4} {tot['TN']:>4}  precision {p:.3f} recall {r:.3f} F1 {f1:.3f}")
    print(f"score: {mean:.3f} (mean TPR-FPR over {len(scores)} categories)")


if __name__ == "__main__":
    main()
