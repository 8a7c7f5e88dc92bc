#!/usr/bin/env python3
"""Extract the public labeled secrets corpora into a folder of small documents.

Usage:
    extract.py CORPORA_DIR OUT_DIR [--np-repo PATH] [--gl-repo PATH]
                                   [--np-commit SHA] [--gl-commit SHA]

CORPORA_DIR holds the two source repositories, each either a bare git
directory (a mirror) or a checkout:

    CORPORA_DIR/praetorian-inc+noseyparker/repo   (mirror layout), or
    CORPORA_DIR/noseyparker                       (git clone), and
    CORPORA_DIR/gitleaks+gitleaks/repo, or CORPORA_DIR/gitleaks

Files are read with `git show COMMIT:path` at the pinned commits, so the
working tree of a checkout does not matter. If a path is not a git
repository at all (e.g. an unpacked tarball) the files are read from disk
and a warning says the commit could not be verified.

Sources of ground truth:
  * Nosey Parker: crates/noseyparker/data/default/builtin/rules/*.yml; each
    rule's `examples` are positives, `negative_examples` negatives (plus
    one rule that spells the key `non_examples`, also a negative).
  * gitleaks: cmd/generate/config/rules/*.go; the literal string elements of
    the `tps` (positive) and `fps` (negative) slices of each rule function.
    Go string literals ("..." with escapes, `...` raw) and concatenations of
    literals only; generated samples (utils.GenerateSampleSecrets(...),
    secrets.NewSecret(...), fmt.Sprintf(...)) are skipped and counted.
    Package-level `var X = []string{...}` slices appended with `X...` are
    resolved (cloudflare). `map[string]string` tps/fps (ValidateWithPaths:
    the label depends on the file name) are skipped and counted, since the
    documents are scanned under neutral names.

Output:
  OUT_DIR/{np,gitleaks}/{pos,neg}/<source-rule>__<n>.txt   (labelled names)
  OUT_DIR/docs/doc_NNNNN.txt         (neutral names; this is what is scanned)
  OUT_DIR/labels.csv                 file,corpus,label,source_rule,...
  OUT_DIR/skipped.csv                non-literal elements that were skipped

Every file's content is exactly the example text (UTF-8; Go byte escapes are
written as the raw bytes).
"""

import argparse
import csv
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter

NP_COMMIT = "2e6e7f36ce36619852532bbe698d8cb7a26d2da7"
GL_COMMIT = "b58d3f102cf3a2c84cb7f923d05c25c9b1aed84b"
NP_RULES_DIR = "crates/noseyparker/data/default/builtin/rules"
GL_RULES_DIR = "cmd/generate/config/rules"

NP_CANDIDATES = ["praetorian-inc+noseyparker/repo", "praetorian-inc+noseyparker",
                 "noseyparker", "noseyparker.git"]
GL_CANDIDATES = ["gitleaks+gitleaks/repo", "gitleaks+gitleaks", "gitleaks", "gitleaks.git"]


# --------------------------------------------------------------------------
# Reading a repository at a commit


class Source:
    """Files of a repository at a commit: git (bare or checkout) or plain dir."""

    def __init__(self, path, commit, name):
        self.path = path
        self.commit = commit
        self.name = name
        self.is_git = self._git_ok()
        if self.is_git:
            r = subprocess.run(["git", "-C", path, "cat-file", "-t", commit],
                               capture_output=True, text=True)
            if r.returncode != 0 or r.stdout.strip() != "commit":
                sys.exit(f"error: {name}: commit {commit} not found in {path}; "
                         f"fetch it (git fetch origin {commit}) first")
        else:
            print(f"warning: {name}: {path} is not a git repository; reading files "
                  f"from disk, commit {commit} NOT verified", file=sys.stderr)

    def _git_ok(self):
        r = subprocess.run(["git", "-C", self.path, "rev-parse", "--git-dir"],
                           capture_output=True, text=True)
        if r.returncode != 0:
            return False
        # Make sure the git dir is this directory (or its .git), not an
        # enclosing repository that happens to contain a plain copy.
        top = subprocess.run(["git", "-C", self.path, "rev-parse", "--is-bare-repository",
                              "--show-toplevel"], capture_output=True, text=True)
        lines = top.stdout.split()
        if lines and lines[0] == "true":
            return True
        return len(lines) > 1 and os.path.realpath(lines[1]) == os.path.realpath(self.path)

    def list_dir(self, d, suffix):
        if self.is_git:
            out = subprocess.run(["git", "-C", self.path, "ls-tree", "--name-only",
                                  f"{self.commit}:{d}"],
                                 capture_output=True, text=True, check=True).stdout
            names = out.split("\n")
        else:
            names = os.listdir(os.path.join(self.path, d))
        return sorted(f"{d}/{n}" for n in names if n.endswith(suffix))

    def read(self, p):
        if self.is_git:
            return subprocess.run(["git", "-C", self.path, "show", f"{self.commit}:{p}"],
                                  capture_output=True, check=True).stdout
        with open(os.path.join(self.path, p), "rb") as f:
            return f.read()


def find_repo(corpora_dir, candidates, override):
    if override:
        return override
    for c in candidates:
        p = os.path.join(corpora_dir, c)
        if os.path.isdir(p):
            return p
    sys.exit(f"error: none of {candidates} found under {corpora_dir}")


# --------------------------------------------------------------------------
# Nosey Parker


def extract_np(src):
    try:
        import yaml
    except ImportError:
        sys.exit("error: PyYAML is needed: pip install pyyaml")
    docs = []  # (label, source_rule, text(bytes), extra)
    for p in src.list_dir(NP_RULES_DIR, ".yml"):
        data = yaml.safe_load(src.read(p).decode("utf-8"))
        for rule in data.get("rules", []):
            rid = rule["id"]
            for key, label in (("examples", "pos"), ("negative_examples", "neg"),
                               ("non_examples", "neg")):
                for ex in rule.get(key) or []:
                    if not isinstance(ex, str):
                        print(f"warning: np {rid}: non-string {key} element skipped",
                              file=sys.stderr)
                        continue
                    docs.append((label, rid, ex.encode("utf-8"),
                                 {"rule_name": rule.get("name", ""),
                                  "source_file": p.rsplit("/", 1)[-1], "via": key}))
    return docs


# --------------------------------------------------------------------------
# gitleaks: a small Go lexer and an evaluator for slice expressions

TOK_RE = re.compile(r"""
    (?P<ws>[ \t\r]+)
  | (?P<nl>\n)
  | (?P<lcomment>//[^\n]*)
  | (?P<bcomment>/\*.*?\*/)
  | (?P<raw>`[^`]*`)
  | (?P<str>"(?:[^"\\\n]|\\.)*")
  | (?P<rune>'(?:[^'\\\n]|\\.)+')
  | (?P<ident>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<num>[0-9][0-9A-Za-z_.]*)
  | (?P<op>\.\.\.|:=|\+\+|--|&&|\|\||<-|[-+*/%&|^<>=!]=?|[()\[\]{},;.:~])
""", re.S | re.X)


class Tok:
    __slots__ = ("kind", "text", "line")

    def __init__(self, kind, text, line):
        self.kind, self.text, self.line = kind, text, line

    def __repr__(self):
        return f"{self.kind}:{self.text!r}@{self.line}"


def go_tokens(src):
    toks, pos, line = [], 0, 1
    while pos < len(src):
        m = TOK_RE.match(src, pos)
        if not m:
            raise ValueError(f"cannot lex at line {line}: {src[pos:pos + 30]!r}")
        kind, text = m.lastgroup, m.group()
        if kind == "bcomment" and "\n" in text:
            toks.append(Tok("nl", "\n", line))  # acts like a newline
        elif kind not in ("ws", "lcomment", "bcomment"):
            toks.append(Tok(kind, text, line))
        line += text.count("\n")
        pos = m.end()
    return toks


SIMPLE_ESC = {"a": 7, "b": 8, "f": 12, "n": 10, "r": 13, "t": 9, "v": 11,
              "\\": 92, "'": 39, '"': 34}


def go_string_value(tok):
    """Bytes value of a Go string literal token."""
    t = tok.text
    if tok.kind == "raw":
        return t[1:-1].replace("\r", "").encode("utf-8")  # CRs are discarded
    body, out, i = t[1:-1], bytearray(), 0
    while i < len(body):
        c = body[i]
        if c != "\\":
            out += c.encode("utf-8")
            i += 1
            continue
        e = body[i + 1]
        if e in SIMPLE_ESC:
            out.append(SIMPLE_ESC[e])
            i += 2
        elif e == "x":
            out.append(int(body[i + 2:i + 4], 16))
            i += 4
        elif e in "01234567":
            out.append(int(body[i + 1:i + 4], 8))
            i += 4
        elif e == "u":
            out += chr(int(body[i + 2:i + 6], 16)).encode("utf-8")
            i += 6
        elif e == "U":
            out += chr(int(body[i + 2:i + 10], 16)).encode("utf-8")
            i += 10
        else:
            raise ValueError(f"bad escape \\{e} at line {tok.line}")
    return bytes(out)


OPEN = {"(": ")", "[": "]", "{": "}"}
# Go inserts a semicolon at a newline after these tokens.
SEMI_AFTER_KINDS = {"ident", "num", "str", "raw", "rune"}
SEMI_AFTER_OPS = {")", "]", "}", "++", "--"}


def split_statements(toks):
    """Split a token list into statements (Go automatic semicolon rules)."""
    stmts, cur, prev = [], [], None
    for t in toks:
        if t.kind == "nl":
            if prev is not None and (prev.kind in SEMI_AFTER_KINDS or
                                     (prev.kind == "op" and prev.text in SEMI_AFTER_OPS)):
                if cur:
                    stmts.append(cur)
                cur = []
            continue
        if t.kind == "op" and t.text == ";":
            if cur:
                stmts.append(cur)
            cur, prev = [], None
            continue
        cur.append(t)
        prev = t
    if cur:
        stmts.append(cur)
    return stmts


def match_close(toks, i):
    """Index of the bracket closing toks[i]."""
    depth = 0
    for j in range(i, len(toks)):
        t = toks[j]
        if t.kind == "op" and t.text in OPEN:
            depth += 1
        elif t.kind == "op" and t.text in (")", "]", "}"):
            depth -= 1
            if depth == 0:
                return j
    raise ValueError(f"unbalanced bracket at line {toks[i].line}")


def split_commas(toks):
    """Split a token list at top-level commas (drops newlines)."""
    parts, cur, depth = [], [], 0
    for t in toks:
        if t.kind == "nl":
            continue
        if t.kind == "op" and t.text in OPEN:
            depth += 1
        elif t.kind == "op" and t.text in (")", "]", "}"):
            depth -= 1
        if depth == 0 and t.kind == "op" and t.text == ",":
            parts.append(cur)
            cur = []
        else:
            cur.append(t)
    if cur:
        parts.append(cur)
    return parts


def text_of(toks):
    return " ".join(t.text for t in toks)


def literal_value(toks):
    """Bytes if toks is a string literal or a '+' concatenation of them."""
    if not toks or len(toks) % 2 == 0:
        return None
    out = b""
    for k, t in enumerate(toks):
        if k % 2 == 0:
            if t.kind not in ("str", "raw"):
                return None
            out += go_string_value(t)
        elif not (t.kind == "op" and t.text == "+"):
            return None
    return out


class GoFile:
    def __init__(self, name, text):
        self.name = name
        toks = go_tokens(text)
        self.funcs = []       # (func name, body tokens with newlines)
        self.pkg_slices = {}  # var name -> list of element token lists
        i, n = 0, len(toks)
        while i < n:
            t = toks[i]
            if t.kind == "ident" and t.text == "func":
                j = i + 1
                if toks[j].text == "(":  # method receiver
                    j = match_close(toks, j) + 1
                fname = toks[j].text
                k = j
                while not (toks[k].kind == "op" and toks[k].text == "{"):
                    if toks[k].text == "(":
                        k = match_close(toks, k)
                    k += 1
                end = match_close(toks, k)
                self.funcs.append((fname, toks[k + 1:end]))
                i = end + 1
            elif t.kind == "ident" and t.text == "var":
                # var NAME = []string{...}   (top level only)
                if (i + 5 < n and toks[i + 1].kind == "ident" and toks[i + 2].text == "="
                        and toks[i + 3].text == "[" and toks[i + 4].text == "]"
                        and toks[i + 5].text == "string" and toks[i + 6].text == "{"):
                    end = match_close(toks, i + 6)
                    self.pkg_slices[toks[i + 1].text] = split_commas(toks[i + 7:end])
                    i = end + 1
                elif i + 1 < n and toks[i + 1].text == "(":
                    i = match_close(toks, i + 1) + 1
                else:
                    i += 1
            else:
                i += 1


class GlExtractor:
    def __init__(self):
        self.docs = []     # (label, source_rule, bytes, extra)
        self.skipped = []  # (file, func, var, reason, expression text)

    def add_elem(self, gf, func, var, elem, via, extra):
        v = literal_value(elem)
        label = "pos" if var == "tps" else "neg"
        if v is None:
            self.skipped.append((gf.name, func, var, "non-literal element", text_of(elem)))
            return
        d = {"source_file": gf.name, "via": via}
        d.update(extra)
        self.docs.append((label, func, v, d))

    def eval_slice(self, gf, func, var, expr, extra):
        """Collect the literal elements of a []string expression."""
        if not expr:
            return
        t0 = expr[0]
        # []string{ ... }
        if (len(expr) >= 4 and t0.text == "[" and expr[1].text == "]" and expr[2].text == "string"
                and expr[3].text == "{"):
            end = match_close(expr, 3)
            for el in split_commas(expr[4:end]):
                self.add_elem(gf, func, var, el, "literal", extra)
            if end + 1 != len(expr):
                self.skipped.append((gf.name, func, var, "trailing tokens", text_of(expr[end + 1:])))
            return
        # map[string]string{ ... }: labels depend on file path -> skipped
        if t0.text == "map":
            brace = next(k for k, t in enumerate(expr) if t.text == "{")
            n_items = len(split_commas(expr[brace + 1:match_close(expr, brace)]))
            self.skipped.append((gf.name, func, var, f"map[string]string (path-dependent), "
                                 f"{n_items} entries", ""))
            return
        # append(base, elems...)
        if t0.kind == "ident" and t0.text == "append" and len(expr) > 1 and expr[1].text == "(":
            end = match_close(expr, 1)
            args = split_commas(expr[2:end])
            base, rest = args[0], args[1:]
            if not (len(base) == 1 and base[0].text == var):
                self.eval_slice(gf, func, var, base, extra)
            for k, a in enumerate(rest):
                if k == len(rest) - 1 and a and a[-1].text == "...":
                    self.eval_slice(gf, func, var, a[:-1], extra)
                else:
                    self.add_elem(gf, func, var, a, "literal", extra)
            return
        # identifier naming a package-level literal slice
        if len(expr) == 1 and t0.kind == "ident":
            if t0.text in gf.pkg_slices:
                for el in gf.pkg_slices[t0.text]:
                    self.add_elem(gf, func, var, el, f"var {t0.text}", extra)
                return
            self.skipped.append((gf.name, func, var, "non-literal slice (identifier)", t0.text))
            return
        self.skipped.append((gf.name, func, var, "non-literal slice (call)",
                             text_of(expr)[:200]))

    def run_file(self, name, text):
        gf = GoFile(name, text)
        for fname, body in gf.funcs:
            rule_id = ""
            m = re.search(r'RuleID:\s*"([^"]+)"', text_of(body).replace(" : ", ": "))
            if m:
                rule_id = m.group(1)
            for st in split_statements(body):
                toks = st
                if toks and toks[0].text == "var":
                    toks = toks[1:]
                if len(toks) >= 3 and toks[0].kind == "ident" and toks[0].text in ("tps", "fps") \
                        and toks[1].text in (":=", "="):
                    self.eval_slice(gf, fname, toks[0].text, toks[2:], {"rule_name": rule_id})


def extract_gl(src):
    ex = GlExtractor()
    for p in src.list_dir(GL_RULES_DIR, ".go"):
        if p.endswith("_test.go"):
            continue
        ex.run_file(p.rsplit("/", 1)[-1], src.read(p).decode("utf-8"))
    return ex.docs, ex.skipped


# --------------------------------------------------------------------------


def safe(s):
    return re.sub(r"[^A-Za-z0-9._-]+", "_", s)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpora_dir")
    ap.add_argument("out_dir")
    ap.add_argument("--np-repo")
    ap.add_argument("--gl-repo")
    ap.add_argument("--np-commit", default=NP_COMMIT)
    ap.add_argument("--gl-commit", default=GL_COMMIT)
    a = ap.parse_args()

    np_src = Source(find_repo(a.corpora_dir, NP_CANDIDATES, a.np_repo), a.np_commit, "noseyparker")
    gl_src = Source(find_repo(a.corpora_dir, GL_CANDIDATES, a.gl_repo), a.gl_commit, "gitleaks")

    gl_docs, gl_skipped = extract_gl(gl_src)
    corpora = [("np", extract_np(np_src)), ("gitleaks", gl_docs)]

    out = a.out_dir
    for sub in ("np", "gitleaks", "docs"):
        shutil.rmtree(os.path.join(out, sub), ignore_errors=True)
    os.makedirs(os.path.join(out, "docs"), exist_ok=True)

    # Which texts are positives anywhere (either corpus)? A negative whose
    # exact text is a positive elsewhere (e.g. gitleaks' Cloudflare global key
    # is a tp of one rule and an fp of another) is flagged `pos_elsewhere=1`:
    # the ground truth contradicts itself there. score.py scores them as
    # negatives and also reports every number without them.
    pos_texts = {d[2] for _, docs in corpora for d in docs if d[0] == "pos"}

    rows, n = [], 0
    for corpus, docs in corpora:
        per_rule = Counter()
        for label, rule, text, extra in docs:
            per_rule[(label, rule)] += 1
            k = per_rule[(label, rule)]
            lname = f"{corpus}/{label}/{safe(rule)}__{k}.txt"
            os.makedirs(os.path.join(out, corpus, label), exist_ok=True)
            with open(os.path.join(out, lname), "wb") as f:
                f.write(text)
            n += 1
            fname = f"doc_{n:05d}.txt"
            with open(os.path.join(out, "docs", fname), "wb") as f:
                f.write(text)
            rows.append({
                "file": fname, "corpus": corpus, "label": label, "source_rule": rule,
                "labelled_path": lname,
                "rule_name": extra.get("rule_name", ""),
                "source_file": extra.get("source_file", ""),
                "via": extra.get("via", ""),
                "pos_elsewhere": int(label == "neg" and text in pos_texts),
                "sha256": hashlib.sha256(text).hexdigest(),
            })

    fields = ["file", "corpus", "label", "source_rule", "labelled_path", "rule_name",
              "source_file", "via", "pos_elsewhere", "sha256"]
    with open(os.path.join(out, "labels.csv"), "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields)
        w.writeheader()
        w.writerows(rows)
    with open(os.path.join(out, "skipped.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["source_file", "function", "var", "reason", "expression"])
        w.writerows(gl_skipped)

    with open(os.path.join(out, "meta.json"), "w") as f:
        json.dump({"noseyparker": {"repo": "praetorian-inc/noseyparker", "commit": np_src.commit,
                                   "verified_with_git": np_src.is_git, "path": NP_RULES_DIR},
                   "gitleaks": {"repo": "gitleaks/gitleaks", "commit": gl_src.commit,
                                "verified_with_git": gl_src.is_git, "path": GL_RULES_DIR},
                   "documents": len(rows)}, f, indent=2)

    # ---- counts
    print(f"noseyparker @ {np_src.commit} ({np_src.path})")
    print(f"gitleaks    @ {gl_src.commit} ({gl_src.path})")
    print(f"{'corpus':10} {'label':5} {'docs':>6} {'unique':>7} {'rules':>6} {'pos_elsewhere':>14}")
    for corpus in ("np", "gitleaks"):
        for label in ("pos", "neg"):
            rs = [r for r in rows if r["corpus"] == corpus and r["label"] == label]
            print(f"{corpus:10} {label:5} {len(rs):6d} {len({r['sha256'] for r in rs}):7d} "
                  f"{len({r['source_rule'] for r in rs}):6d} "
                  f"{sum(r['pos_elsewhere'] for r in rs):14d}")
    np_non = sum(1 for r in rows if r["via"] == "non_examples")
    print(f"np: {np_non} negative(s) from a rule's `non_examples` key (sic)")
    via = Counter(r["via"] for r in rows if r["corpus"] == "gitleaks")
    print("gitleaks element origin: " + ", ".join(f"{k}={v}" for k, v in sorted(via.items())))
    sk = Counter((s[2], s[3].split(",")[0]) for s in gl_skipped)
    print("gitleaks skipped (non-literal): " +
          ", ".join(f"{v}:{r}={c}" for (v, r), c in sorted(sk.items())))
    print(f"total documents: {len(rows)} -> {os.path.join(out, 'docs')}")


if __name__ == "__main__":
    main()
