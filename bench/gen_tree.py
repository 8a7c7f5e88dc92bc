#!/usr/bin/env python3
"""Generate a source-like tree with planted secrets, for speed and recall benchmarks.

    bench/gen_tree.py OUT SIZE_MB SEED [--secrets N]

Writes about SIZE_MB megabytes (10^6 bytes) of text files under OUT: a mix of Python, JavaScript,
YAML, JSON and .env files (5-50 KB each; .env files are smaller, 1-4 KB, as real ones are), laid
out as a monorepo of services. The text is built from templates and a vocabulary that includes the
words secret scanners key on (token, password, api_key, secret, auth ...), used the way real code
uses them (environment look-ups, config keys, function names), so a keyword prefilter is exercised
as it is on real code, not skipped.

N secrets of known formats are planted (default: 4 per MB, at least 40), one per line, at random
lines of random files:

    aws-access-key-id   AKIA + 16 chars of [A-Z2-7], with a matching 40-char secret key nearby
    github-pat          ghp_ + 30 random base62 chars + 6-char base62 CRC32 of those 30 (valid checksum)
    slack-bot-token     xoxb-<digits>-<digits>-<24 alnum>
    stripe-secret-key   sk_live_ + 24 alnum
    private-key         a PEM block (RSA / EC / OPENSSH / PKCS#8 header), random base64 body
    generic-password    password = "<random 14-20 char string>" in the file's own syntax

Decoys that are not secrets are written too (environment look-ups, placeholders such as
"changeme", "${DB_PASSWORD}", AWS's documented example key id): a finding on them is a false positive.

The planted list goes to OUT/../planted.csv: path (relative to OUT), line (1-based; the BEGIN line
for a PEM block), end_line (the END line of a PEM block; for an AWS key id, the line of its secret
access key: a finding anywhere in line..end_line counts as finding that secret), kind, secret. The same seed gives byte-identical output.
"""

from __future__ import annotations

import argparse
import base64
import csv
import json
import os
import random
import string
import sys
import zlib

BASE62 = string.digits + string.ascii_uppercase + string.ascii_lowercase
ALNUM = string.ascii_letters + string.digits
B32 = string.ascii_uppercase + "234567"

NOUNS = (
    "user account order invoice payment customer session request response cache queue worker job "
    "event message record item product cart address profile report metric config setting client "
    "server handler service router model view schema field table index column batch stream buffer "
    "parser policy role permission group tenant "
    "bucket object blob file path url host port endpoint webhook callback digest "
    "hash certificate license plugin module package version release build deploy cluster node pod "
    "container image volume network region zone instance database connection transaction cursor"
).split()
VERBS = (
    "get set load save fetch update delete create build parse render validate check verify sign "
    "encode decode encrypt decrypt refresh rotate revoke issue compute resolve register dispatch "
    "handle process emit publish subscribe consume retry flush close open read write sync merge "
    "apply reset init start stop run schedule notify format normalize serialize"
).split()
# Words that secret scanners key on: real code uses them, but on a few lines in a hundred.
SENSITIVE = "token credential secret key auth login password signature nonce apikey".split()
SENSITIVE_RATE = 0.012
ADJS = (
    "default current active pending remote local cached raw new old primary secondary internal "
    "external public private temporary max min total last first next valid expired signed"
).split()
WORDS_EN = (
    "the a an of to in for on with by from this that is are be will should must may can not "
    "when if then returns value list of each and or it its we our user data request when called "
    "used as new existing given optional required default see also note raises error"
).split()
PY_MODULES = "os sys json logging re time datetime typing hashlib hmac base64 pathlib collections functools itertools dataclasses uuid".split()
JS_MODULES = "express axios lodash react dotenv jsonwebtoken bcrypt pg redis uuid moment winston".split()

# Decoys: look like credentials to a naive scanner, but are not secrets.
PY_DECOYS = [
    'password = os.environ["DB_PASSWORD"]',
    'api_key = os.getenv("API_KEY", "")',
    'token = request.headers.get("Authorization", "").removeprefix("Bearer ")',
    'secret_key = settings.SECRET_KEY',
    'password = "changeme"  # placeholder, overridden in deployment',
    'aws_access_key_id = "AKIAIOSFODNN7EXAMPLE"  # AWS documentation example',
    'PASSWORD_MIN_LENGTH = 12',
    'if not verify_password(password, user.password_hash):',
    'auth_token: str | None = None',
]
JS_DECOYS = [
    "const password = process.env.DB_PASSWORD;",
    "const apiKey = process.env.API_KEY || '';",
    "const token = req.headers.authorization?.split(' ')[1];",
    "const secret = config.get('jwt.secret');",
    "password: '<your-password-here>',",
    "if (!token) { throw new Error('missing token'); }",
]
YAML_DECOYS = [
    "password: ${DB_PASSWORD}",
    "api_key: {{ .Values.apiKey }}",
    "secretKeyRef:",
    "token: \"\"",
    "password: changeme",
]


def crc_b62(body: str) -> str:
    n = zlib.crc32(body.encode()) & 0xFFFFFFFF
    out = []
    for _ in range(6):
        out.append(BASE62[n % 62])
        n //= 62
    return "".join(reversed(out))


class Gen:
    def __init__(self, seed: int):
        self.r = random.Random(seed)

    # ---- small pieces -------------------------------------------------------------------------
    def noun(self) -> str:
        r = self.r
        return r.choice(SENSITIVE) if r.random() < SENSITIVE_RATE else r.choice(NOUNS)

    def ident(self) -> str:
        r = self.r
        k = r.random()
        if k < 0.4:
            return f"{r.choice(VERBS)}_{self.noun()}"
        if k < 0.7:
            return f"{r.choice(ADJS)}_{self.noun()}"
        return self.noun()

    def camel(self) -> str:
        a, _, b = self.ident().partition("_")
        b = b or self.noun()
        return a + b[:1].upper() + b[1:]

    def sentence(self, lo=6, hi=16) -> str:
        r = self.r
        w = [r.choice(WORDS_EN + NOUNS) for _ in range(r.randint(lo, hi))]
        return (" ".join(w)).capitalize() + "."

    def literal(self) -> str:
        r = self.r
        k = r.random()
        if k < 0.3:
            return str(r.randint(0, 10000))
        if k < 0.6:
            return f'"{self.noun()}-{self.noun()}"'
        if k < 0.75:
            return r.choice(["None", "True", "False", "[]", "{}"])
        return self.ident()

    def rand(self, alphabet: str, n: int) -> str:
        return "".join(self.r.choice(alphabet) for _ in range(n))

    # ---- secrets -------------------------------------------------------------------------------
    def secret(self, kind: str):
        """Return (value, pem_lines or None). pem_lines: the lines of a multi-line block."""
        r = self.r
        if kind == "aws-access-key-id":
            return "AKIA" + self.rand(B32, 16), None
        if kind == "github-pat":
            body = self.rand(BASE62, 30)
            return "ghp_" + body + crc_b62(body), None
        if kind == "slack-bot-token":
            return (f"xoxb-{self.rand(string.digits, r.choice([11, 12, 13]))}-"
                    f"{self.rand(string.digits, r.choice([12, 13]))}-{self.rand(ALNUM, 24)}"), None
        if kind == "stripe-secret-key":
            return "sk_live_" + self.rand(ALNUM, 24), None
        if kind == "private-key":
            label = r.choice(["RSA PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY", "PRIVATE KEY"])
            nbytes = {"RSA PRIVATE KEY": 1190, "EC PRIVATE KEY": 121, "OPENSSH PRIVATE KEY": 400,
                      "PRIVATE KEY": 1218}[label]
            body = base64.b64encode(r.randbytes(nbytes)).decode()
            lines = [f"-----BEGIN {label}-----"]
            lines += [body[i:i + 64] for i in range(0, len(body), 64)]
            lines.append(f"-----END {label}-----")
            return lines[1][:40], lines
        if kind == "generic-password":
            pw = self.rand(ALNUM, r.randint(10, 14)) + r.choice("!#%&*+-=?@^_") + self.rand(ALNUM, r.randint(3, 6))
            return pw, None
        raise ValueError(kind)

    def secret_lines(self, kind: str, lang: str):
        """Lines that carry one planted secret, in the syntax of `lang`; returns (lines, offset of
        the secret's line within them, end offset, value)."""
        r = self.r
        value, pem = self.secret(kind)
        if pem is not None:
            if lang == "py":
                lines = [f'{self.ident().upper()}_PEM = """'] + pem + ['"""']
                return lines, 1, len(pem), value
            if lang == "js":
                lines = ["const privateKey = `"] + pem + ["`;"]
                return lines, 1, len(pem), value
            if lang == "yaml":
                lines = ["  tls.key: |"] + ["    " + p for p in pem]
                return lines, 1, len(pem), value
            if lang == "json":  # one line, \n-escaped, as in a service-account JSON
                return [f'  "private_key": "{chr(92).join([""] + [p + "n" for p in pem])[1:]}",'], 0, 0, value
            # .env: quoted multi-line value
            lines = ['PRIVATE_KEY="' + pem[0]] + pem[1:-1] + [pem[-1] + '"']
            return lines, 0, len(pem) - 1, value
        name = {
            "aws-access-key-id": "aws_access_key_id",
            "github-pat": r.choice(["github_token", "gh_token", "token"]),
            "slack-bot-token": r.choice(["slack_bot_token", "slack_token"]),
            "stripe-secret-key": r.choice(["stripe_secret_key", "stripe_api_key"]),
            "generic-password": r.choice(["password", "db_password", "admin_password", "smtp_password"]),
        }[kind]
        extra = []
        if kind == "aws-access-key-id":  # the pair, as in real leaks
            extra = [("aws_secret_access_key", base64.b64encode(r.randbytes(30)).decode())]
        pairs = [(name, value)] + extra
        if lang == "py":
            lines = [f'{k.upper() if r.random() < 0.5 else k} = "{v}"' for k, v in pairs]
        elif lang == "js":
            lines = [f"  {k}: '{v}'," for k, v in pairs]
        elif lang == "yaml":
            lines = [f"  {k}: {v}" for k, v in pairs]
        elif lang == "json":
            lines = [f'  "{k}": "{v}",' for k, v in pairs]
        else:
            lines = [f"{k.upper()}={v}" for k, v in pairs]
        return lines, 0, len(lines) - 1, value  # an AWS key id and its secret key: either line counts

    # ---- file bodies: each returns a list of lines ----------------------------------------------
    def py_file(self, target: int) -> list[str]:
        r = self.r
        out = [f'"""{self.sentence()}"""', ""]
        for m in r.sample(PY_MODULES, r.randint(3, 7)):
            out.append(f"import {m}")
        out.append(f"from .{self.noun()} import {self.camel()}, {self.ident()}")
        out += ["", f"logger = logging.getLogger(__name__)", ""]
        size = sum(len(x) + 1 for x in out)
        while size < target:
            block = []
            if r.random() < 0.3:
                cls = self.camel()
                cls = cls[:1].upper() + cls[1:]
                block += [f"class {cls}:", f'    """{self.sentence()}"""', ""]
                ind = "    "
                block += [f"    def __init__(self, {self.ident()}, {self.ident()}=None):"]
                for _ in range(r.randint(2, 5)):
                    block.append(f"        self.{self.ident()} = {self.literal()}")
                block.append("")
            else:
                ind = ""
            for _ in range(r.randint(1, 4)):
                args = ", ".join(self.ident() for _ in range(r.randint(0, 3)))
                self_arg = "self, " if ind else ""
                block.append(f"{ind}def {self.ident()}({self_arg}{args}):")
                block.append(f'{ind}    """{self.sentence()}')
                block.append(f"{ind}")
                block.append(f'{ind}    {self.sentence(8, 20)}')
                block.append(f'{ind}    """')
                for _ in range(r.randint(3, 12)):
                    k = r.random()
                    if k < 0.35:
                        block.append(f"{ind}    {self.ident()} = {self.ident()}({self.literal()}, {self.literal()})")
                    elif k < 0.5:
                        block.append(f"{ind}    if {self.ident()} is None:")
                        block.append(f"{ind}        raise ValueError(\"{self.sentence(3, 7)}\")")
                    elif k < 0.62:
                        block.append(f"{ind}    logger.debug(\"{self.sentence(3, 8)} %s\", {self.ident()})")
                    elif k < 0.72:
                        block.append(f"{ind}    for {self.noun()} in {self.ident()}:")
                        block.append(f"{ind}        {self.ident()}.append({self.noun()}.{self.ident()})")
                    elif k < 0.8:
                        block.append(f"{ind}    # {self.sentence(4, 12)}")
                    elif k < 0.81:
                        block.append(f"{ind}    {r.choice(PY_DECOYS)}")
                    else:
                        block.append(f"{ind}    {self.ident()}[\"{self.noun()}\"] = {self.literal()}")
                block.append(f"{ind}    return {self.ident()}")
                block.append("")
            out += block
            size += sum(len(x) + 1 for x in block)
        return out

    def js_file(self, target: int) -> list[str]:
        r = self.r
        out = ["'use strict';", ""]
        for m in r.sample(JS_MODULES, r.randint(2, 6)):
            out.append(f"const {m.replace('-', '')} = require('{m}');")
        out.append("")
        size = sum(len(x) + 1 for x in out)
        while size < target:
            block = [f"/**", f" * {self.sentence()}", f" * @param {{string}} {self.camel()}", " */"]
            name = self.camel()
            args = ", ".join(self.camel() for _ in range(r.randint(0, 3)))
            block.append(f"async function {name}({args}) {{")
            for _ in range(r.randint(3, 12)):
                k = r.random()
                if k < 0.35:
                    block.append(f"  const {self.camel()} = await {self.camel()}.{self.camel()}({self.camel()});")
                elif k < 0.5:
                    block.append(f"  if (!{self.camel()}) {{ return null; }}")
                elif k < 0.62:
                    block.append(f"  logger.info(`{self.sentence(3, 8)} ${{{self.camel()}}}`);")
                elif k < 0.7:
                    block.append(f"  // {self.sentence(4, 12)}")
                elif k < 0.71:
                    block.append(f"  {r.choice(JS_DECOYS)}")
                else:
                    block.append(f"  {self.camel()}['{self.noun()}'] = {self.camel()}.{self.camel()};")
            block += [f"  return {self.camel()};", "}", "", f"module.exports.{name} = {name};", ""]
            out += block
            size += sum(len(x) + 1 for x in block)
        out.append("const config = {")
        for _ in range(r.randint(3, 10)):
            out.append(f"  {self.camel()}: '{self.noun()}',")
        out += ["};", "module.exports.config = config;"]
        return out

    def yaml_file(self, target: int) -> list[str]:
        r = self.r
        out = []
        size = 0
        while size < target:
            block = ["---", "apiVersion: apps/v1", f"kind: {r.choice(['Deployment', 'ConfigMap', 'Service', 'StatefulSet'])}",
                     "metadata:", f"  name: {self.noun()}-{self.noun()}", f"  namespace: {self.noun()}",
                     "  labels:", f"    app: {self.noun()}", "spec:", f"  replicas: {r.randint(1, 5)}",
                     "  template:", "    spec:", "      containers:",
                     f"        - name: {self.noun()}", f"          image: registry.local/{self.noun()}:{r.randint(1, 9)}.{r.randint(0, 20)}",
                     "          env:"]
            for _ in range(r.randint(2, 8)):
                block.append(f"            - name: {self.ident().upper()}")
                if r.random() < 0.08:
                    block += ["              valueFrom:", "                secretKeyRef:",
                              f"                  name: {self.noun()}-secret", f"                  key: {r.choice(['password', 'token', 'api-key'])}"]
                else:
                    block.append(f"              value: \"{self.literal().strip(chr(34))}\"")
            block.append("data:")
            for _ in range(r.randint(2, 10)):
                if r.random() < 0.03:
                    block.append(f"  {r.choice(YAML_DECOYS)}")
                else:
                    block.append(f"  {self.ident()}: {self.literal().strip(chr(34))}")
            block.append(f"# {self.sentence()}")
            out += block
            size += sum(len(x) + 1 for x in block)
        return out

    def json_file(self, target: int) -> list[str]:
        r = self.r
        out = ["{", f'  "name": "{self.noun()}-{self.noun()}",', f'  "version": "{r.randint(0, 9)}.{r.randint(0, 30)}.{r.randint(0, 99)}",',
               '  "records": [']
        size = sum(len(x) + 1 for x in out)
        first = True
        while size < target:
            rec = {self.ident(): self.literal().strip('"') for _ in range(r.randint(3, 8))}
            rec["id"] = self.rand("0123456789abcdef", 8) + "-" + self.rand("0123456789abcdef", 4)
            rec["description"] = self.sentence()
            line = ("    " if first else "    ,") + json.dumps(rec)
            first = False
            out.append(line)
            size += len(line) + 1
        out += ["  ],", f'  "generated": "{self.sentence(2, 4)}"', "}"]
        return out

    def env_file(self, target: int) -> list[str]:
        out = [f"# {self.sentence()}"]
        size = 0
        while size < target:
            k = self.r.random()
            if k < 0.05:
                line = f"{self.ident().upper()}_PASSWORD=${{{self.ident().upper()}}}"
            else:
                line = f"{self.ident().upper()}={self.literal().strip(chr(34))}"
            out.append(line)
            size += len(line) + 1
        return out


KINDS = ["aws-access-key-id", "github-pat", "slack-bot-token", "stripe-secret-key", "private-key", "generic-password"]
LANGS = [("py", ".py", 0.35), ("js", ".js", 0.25), ("yaml", ".yaml", 0.18), ("json", ".json", 0.15), ("env", ".env", 0.07)]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out")
    ap.add_argument("size_mb", type=float)
    ap.add_argument("seed", type=int)
    ap.add_argument("--secrets", type=int, default=None, help="planted secrets (default 4 per MB, at least 40)")
    a = ap.parse_args()
    if os.path.exists(a.out) and os.listdir(a.out):
        print(f"{a.out} exists and is not empty", file=sys.stderr)
        return 2
    g = Gen(a.seed)
    r = g.r
    target = int(a.size_mb * 1_000_000)
    n_secrets = a.secrets if a.secrets is not None else max(40, int(a.size_mb * 4))

    # Plan the files first, then choose which files carry secrets.
    plan = []  # (relpath, lang, size)
    total = 0
    services = [f"svc-{g.noun()}-{i:02d}" for i in range(max(4, int(a.size_mb // 8)))]
    while total < target:
        lang, ext, _ = r.choices(LANGS, weights=[w for _, _, w in LANGS])[0]
        size = r.randint(1000, 4000) if lang == "env" else int(r.uniform(5000, 50000))
        svc = r.choice(services)
        sub = {"py": f"src/{g.noun()}", "js": f"web/{g.noun()}", "yaml": "deploy",
               "json": "data", "env": "config"}[lang]
        if lang == "env":
            base = r.choice([".env", ".env.prod", ".env.staging", ".env.local", ".env.test"])
        else:
            base = f"{g.ident()}{ext}"
        rel = f"{svc}/{sub}/{base}"
        plan.append((rel, lang, size))
        total += size
    # dedupe names
    seen: dict[str, int] = {}
    for i, (rel, lang, size) in enumerate(plan):
        if rel in seen:
            seen[rel] += 1
            stem, dot, ext = rel.rpartition(".")
            rel = f"{stem}_{seen[rel]}.{ext}" if not rel.rsplit("/", 1)[1].startswith(".env") else f"{rel}.{seen[rel]}"
            plan[i] = (rel, lang, size)
        seen.setdefault(rel, 0)

    carriers: dict[int, list[str]] = {}
    for s in range(n_secrets):
        kind = KINDS[s % len(KINDS)]
        carriers.setdefault(r.randrange(len(plan)), []).append(kind)

    planted = []
    written = 0
    for i, (rel, lang, size) in enumerate(plan):
        lines = getattr(g, f"{lang}_file")(size)
        for kind in carriers.get(i, []):
            # insert at a line boundary past the header; JSON needs a spot inside the object
            if lang == "json":
                pos = 1
            else:
                pos = r.randint(min(3, len(lines)), len(lines))
            if lang == "yaml":
                block = ["secrets:"]
                sl, off, end, value = g.secret_lines(kind, lang)
                block += sl
                off += 1
                end += 1
            else:
                block, off, end, value = g.secret_lines(kind, lang)
            if lang == "py":  # keep it at module level: put it after a blank line
                while pos < len(lines) and lines[pos - 1] != "":
                    pos += 1
            lines[pos:pos] = block
            planted.append([rel, kind, value, block, off, end])
        text = "\n".join(lines) + "\n"
        path = os.path.join(a.out, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="ascii") as f:
            f.write(text)
        written += len(text)
        # compute line numbers now that the file is final
        if i in carriers:
            file_lines = text.split("\n")
            for p in planted:
                if p[0] == rel and len(p) == 6:
                    blk, off, end = p[3], p[4], p[5]
                    # find the block: first line index where the block starts
                    for j in range(len(file_lines)):
                        if file_lines[j] == blk[0] and file_lines[j:j + len(blk)] == blk:
                            p[3:] = [j + 1 + off, j + 1 + end]
                            break
                    else:
                        raise RuntimeError(f"planted block not found in {rel}")

    csv_path = os.path.join(os.path.dirname(os.path.abspath(a.out.rstrip("/"))), "planted.csv")
    with open(csv_path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["path", "line", "end_line", "kind", "secret"])
        for rel, kind, value, line, end in sorted(planted, key=lambda p: (p[0], p[3])):
            w.writerow([rel, line, end, kind, value])
    print(f"{a.out}: {len(plan)} files, {written / 1e6:.1f} MB, {len(planted)} planted secrets -> {csv_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
