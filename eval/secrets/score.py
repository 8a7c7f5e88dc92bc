#!/usr/bin/env python3
"""Score a rampart JSON report against the secrets corpora (labels.csv from extract.py).

Usage:
    score.py LABELS_CSV REPORT_JSON [--by-confidence] [--exclude-conflicts]
                                    [--inspect PATH] [--top N]

Definitions (document level; each labelled example is one document):
  * a positive document is detected (TP) if >= 1 finding has that path,
    otherwise it is missed (FN);
  * a negative document is a false positive (FP) if >= 1 finding has that
    path, otherwise a true negative (TN);
  * recall = TP/(TP+FN), FP rate = FP/(FP+TN), precision = TP/(TP+FP),
    F1 = 2PR/(P+R), TPR-FPR = recall - FP rate.
Findings are matched to documents by the basename of location.path. Only
findings of the `secrets` analyzer count (findings without an analyzer field
are kept).

Contradictions: a negative whose exact bytes are also a positive document (of
another rule, in either corpus; e.g. a Vault `hvs.` token that is a negative
of the legacy-token rule) is flagged pos_elsewhere=1 in labels.csv: the
ground truth says both "secret" and "no secret" about the same text. By
default it is scored like any negative (the definition above); the output
also gives the full table without them, lists each one with the positive it
duplicates (in the inspect file), and --exclude-conflicts drops them from
every number. No other label is dropped or changed.

The last line is
`score: recall=X fpr=Y fpr_without_contradictions=Z contradictions=N`
(overall, all confidences).
"""

import argparse
import csv
import json
import os
import sys
from collections import Counter, defaultdict

CONF_RANK = {"low": 0, "medium": 1, "high": 2}
CORPORA = ("np", "gitleaks")


def basename(p):
    return os.path.basename(str(p).replace("\\", "/").rstrip("/"))


def load_findings(report_path):
    with open(report_path, encoding="utf-8") as f:
        rep = json.load(f)
    if isinstance(rep, list):  # tolerate a bare list of findings
        rep = {"findings": rep}
    findings, skipped = [], Counter()
    for fd in rep.get("findings") or []:
        an = fd.get("analyzer")
        if an is not None and an != "secrets":
            skipped["other analyzer"] += 1
            continue
        loc = fd.get("location") or {}
        path = loc.get("path") or fd.get("path")
        if not path:
            skipped["no location.path"] += 1
            continue
        secret = fd.get("secret") or {}
        findings.append({
            "doc": basename(path),
            "rule_id": fd.get("rule_id", "?"),
            "confidence": str(fd.get("confidence", "")).lower(),
            "redacted": secret.get("redacted", "") if isinstance(secret, dict) else "",
            "line": loc.get("start_line"),
        })
    return rep, findings, skipped


def ratio(a, b):
    return a / b if b else float("nan")


def fmt(x):
    return "  n/a" if x != x else f"{x:5.3f}"


def metrics(rows, hit_docs):
    tp = sum(1 for r in rows if r["label"] == "pos" and r["file"] in hit_docs)
    fn = sum(1 for r in rows if r["label"] == "pos" and r["file"] not in hit_docs)
    fp = sum(1 for r in rows if r["label"] == "neg" and r["file"] in hit_docs)
    tn = sum(1 for r in rows if r["label"] == "neg" and r["file"] not in hit_docs)
    rec, fpr, prec = ratio(tp, tp + fn), ratio(fp, fp + tn), ratio(tp, tp + fp)
    f1 = 2 * prec * rec / (prec + rec) if (prec == prec and rec == rec and prec + rec) else float("nan")
    return dict(tp=tp, fn=fn, fp=fp, tn=tn, recall=rec, fpr=fpr, precision=prec, f1=f1,
                youden=rec - fpr)


HEADER = (f"{'corpus':10} {'TP':>5} {'FN':>5} {'FP':>5} {'TN':>5} {'recall':>6} {'FPrate':>6} "
          f"{'prec':>6} {'F1':>6} {'TPR-FPR':>7}")


def line(name, m):
    return (f"{name:10} {m['tp']:5d} {m['fn']:5d} {m['fp']:5d} {m['tn']:5d} {fmt(m['recall']):>6} "
            f"{fmt(m['fpr']):>6} {fmt(m['precision']):>6} {fmt(m['f1']):>6} {fmt(m['youden']):>7}")


def table(rows, hit_docs, out=sys.stdout):
    print(HEADER, file=out)
    res = {}
    for c in CORPORA:
        m = metrics([r for r in rows if r["corpus"] == c], hit_docs)
        res[c] = m
        print(line(c, m), file=out)
    m = metrics(rows, hit_docs)
    res["overall"] = m
    print(line("overall", m), file=out)
    return res


def snippet(text, n=160):
    t = text if len(text) <= n else text[:n] + "…"
    return t.encode("unicode_escape").decode("ascii")


def raw_bar_cost(rows, hit, bar=0.05):
    """What the raw FP-rate bar costs in recall when contradictions are counted as negatives.

    A contradiction's text is byte-identical to a positive document, so a scanner reports both or
    neither. With this run's other detections fixed, find the fewest positives whose texts must be
    silenced to bring the raw FP rate to the bar (exact: a small knapsack over the texts), and print
    the recall left; also with every other FP and miss fixed, the least any scanner must give up."""
    neg = [r for r in rows if r["label"] == "neg"]
    pos = [r for r in rows if r["label"] == "pos"]
    twins = defaultdict(lambda: [0, 0])  # sha256 -> [contradicting negatives, positives]
    for r in neg:
        if r["pos_elsewhere"]:
            twins[r["sha256"]][0] += 1
    for r in pos:
        if r["sha256"] in twins:
            twins[r["sha256"]][1] += 1
    # Only texts this run reports can be silenced; a perfect scanner reports them all.
    reported = {r["sha256"] for r in neg if r["pos_elsewhere"] and r["file"] in hit}
    allowed = int(bar * len(neg))

    def cost(texts, other_fps):
        """Fewest positives given up to free enough negatives (None: the bar is out of reach)."""
        need = sum(twins[t][0] for t in texts) + other_fps - allowed
        if need <= 0:
            return 0
        if need > sum(twins[t][0] for t in texts):
            return None
        least = [0] + [float("inf")] * need  # least[k]: positives lost to free >= k negatives
        for t in texts:
            n, p = twins[t]
            for k in range(need, 0, -1):
                least[k] = min(least[k], least[max(k - n, 0)] + p)
        return least[need]

    other = sum(1 for r in neg if not r["pos_elsewhere"] and r["file"] in hit)
    tp = sum(1 for r in pos if r["file"] in hit)
    lost, lost0 = cost(reported, other), cost(twins, 0)
    if lost is None:
        print(f"raw FP rate <= {bar} (at most {allowed} of {len(neg)} negatives) is out of reach with "
              f"these {other} other FPs, whatever is silenced")
        return
    print(f"raw FP rate <= {bar} (at most {allowed} of {len(neg)} negatives) with these {other} other FPs "
          f"needs >= {lost} labelled positives missed (their twins silenced): recall <= "
          f"{ratio(tp - lost, len(pos)):.3f}; even with no other FP and no other miss, >= {lost0} missed "
          f"(recall <= {ratio(len(pos) - lost0, len(pos)):.3f})")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("labels_csv")
    ap.add_argument("report_json")
    ap.add_argument("--by-confidence", action="store_true",
                    help="also score with low (and medium) confidence findings dropped")
    ap.add_argument("--exclude-conflicts", action="store_true",
                    help="leave out negatives whose exact text is a positive elsewhere")
    ap.add_argument("--inspect", help="where to write misses/FPs (default: REPORT_JSON "
                                      "minus .json + .inspect.txt)")
    ap.add_argument("--top", type=int, default=15, help="how many source rules to list")
    a = ap.parse_args()

    with open(a.labels_csv, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for r in rows:
        r["pos_elsewhere"] = str(r.get("pos_elsewhere", "0")) == "1"
    n_conflicts = sum(1 for r in rows if r["pos_elsewhere"])
    if a.exclude_conflicts:
        rows = [r for r in rows if not r["pos_elsewhere"]]
    by_file = {r["file"]: r for r in rows}
    labels_dir = os.path.dirname(os.path.abspath(a.labels_csv))

    rep, findings, skipped = load_findings(a.report_json)
    fired = defaultdict(list)
    unknown = Counter()
    for fd in findings:
        if fd["doc"] in by_file:
            fired[fd["doc"]].append(fd)
        else:
            unknown[fd["doc"]] += 1

    meta_path = os.path.join(labels_dir, "meta.json")
    if os.path.exists(meta_path):
        with open(meta_path) as f:
            meta = json.load(f)
        for k in ("noseyparker", "gitleaks"):
            if k in meta:
                print(f"corpus {meta[k]['repo']} @ {meta[k]['commit']}")
    tool = rep.get("tool") or {}
    if tool:
        print("tool: " + " ".join(f"{k}={v}" for k, v in tool.items() if not isinstance(v, (dict, list))))
    print(f"documents: {len(rows)} ({sum(r['label'] == 'pos' for r in rows)} pos, "
          f"{sum(r['label'] == 'neg' for r in rows)} neg"
          + (f", {n_conflicts} conflicting negatives excluded" if a.exclude_conflicts else "") + ")")
    print(f"secret findings: {len(findings)} on {len(fired)} labelled documents"
          + (f"; {sum(unknown.values())} on {len(unknown)} unlabelled paths (ignored)" if unknown else "")
          + ("; dropped: " + ", ".join(f"{v} {k}" for k, v in skipped.items()) if skipped else ""))
    errs = rep.get("errors") or []
    if errs:
        print(f"report errors: {len(errs)} (first: {json.dumps(errs[0])[:200]})")
    confs = Counter(fd["confidence"] or "(none)" for fd in findings)
    print("findings by confidence: " + ", ".join(f"{k}={v}" for k, v in sorted(confs.items())))
    print()

    hit = set(fired)
    res = table(rows, hit)
    clean_res = res
    if not a.exclude_conflicts and n_conflicts:
        per = Counter(r["corpus"] for r in rows if r["pos_elsewhere"])
        print(f"\nground truth contradicts itself on {n_conflicts} negatives whose exact text is also "
              f"a positive document ({', '.join(f'{c} {per[c]}' for c in CORPORA if per[c])}); "
              f"without them (listed in the inspect file):")
        clean_res = table([r for r in rows if not r["pos_elsewhere"]], hit)

    if not a.exclude_conflicts and n_conflicts:
        raw_bar_cost(rows, hit)

    if a.by_confidence:
        for lvl, name in ((1, "confidence >= medium"), (2, "confidence = high")):
            h = {d for d, fs in fired.items()
                 if any(CONF_RANK.get(fd["confidence"], -1) >= lvl for fd in fs)}
            print(f"\n{name} (lower-confidence findings dropped):")
            table(rows, h)

    # ---- inspection file
    misses = [r for r in rows if r["label"] == "pos" and r["file"] not in hit]
    fps = [r for r in rows if r["label"] == "neg" and r["file"] in hit]

    def text_of(r):
        try:
            with open(os.path.join(labels_dir, "docs", r["file"]), encoding="utf-8",
                      errors="replace") as f:
                return f.read()
        except OSError:
            return ""

    inspect = a.inspect or (a.report_json[:-5] if a.report_json.endswith(".json")
                            else a.report_json) + ".inspect.txt"
    with open(inspect, "w", encoding="utf-8") as f:
        f.write(f"# missed positives: {len(misses)}\n")
        f.write("# file\tcorpus\tsource_rule\tlabelled_path\ttext\n")
        for r in misses:
            f.write(f"{r['file']}\t{r['corpus']}\t{r['source_rule']}\t{r.get('labelled_path', '')}"
                    f"\t{snippet(text_of(r))}\n")
        pos_by_sha = defaultdict(list)
        for r in rows:
            if r["label"] == "pos":
                pos_by_sha[r.get("sha256", "")].append(r.get("labelled_path", r["file"]))
        contra = [r for r in rows if r["pos_elsewhere"]]
        f.write(f"\n# contradictions (negative whose exact text is also a positive): {len(contra)}\n")
        f.write("# file\tcorpus\tnegative labelled_path\tsame text labelled positive as\tflagged\n")
        for r in contra:
            f.write(f"{r['file']}\t{r['corpus']}\t{r.get('labelled_path', '')}"
                    f"\t{','.join(pos_by_sha.get(r.get('sha256', ''), []))}"
                    f"\t{'FP' if r['file'] in hit else 'TN'}\n")
        f.write(f"\n# false positives: {len(fps)}\n")
        f.write("# file\tcorpus\tsource_rule\tpos_elsewhere\tfired rule ids\tredacted (line, confidence)"
                "\ttext\n")
        for r in fps:
            fs = fired[r["file"]]
            ids = ",".join(sorted({fd["rule_id"] for fd in fs}))
            red = "; ".join(f"{fd['redacted']} (l{fd['line']}, {fd['confidence'] or '?'})" for fd in fs)
            f.write(f"{r['file']}\t{r['corpus']}\t{r['source_rule']}\t{int(r['pos_elsewhere'])}\t{ids}"
                    f"\t{red}\t{snippet(text_of(r))}\n")
    print(f"\nmisses and FPs written to {inspect}")

    if a.top:
        def top(title, counter):
            print(f"\n{title}")
            for k, v in counter.most_common(a.top):
                print(f"  {v:4d}  {k}")
        top(f"most missed source rules (of {len(misses)} misses):",
            Counter(f"{r['corpus']}:{r['source_rule']}" for r in misses))
        top(f"source rules with most FPs (of {len(fps)} FPs):",
            Counter(f"{r['corpus']}:{r['source_rule']}" for r in fps))
        top("rampart rules firing on negatives:",
            Counter(rid for r in fps for rid in {fd["rule_id"] for fd in fired[r["file"]]}))

    o, c = res["overall"], clean_res["overall"]
    print(f"\nscore: recall={o['recall']:.4f} fpr={o['fpr']:.4f} "
          f"fpr_without_contradictions={c['fpr']:.4f} contradictions={n_conflicts}")


if __name__ == "__main__":
    main()
