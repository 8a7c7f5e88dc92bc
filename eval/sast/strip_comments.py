#!/usr/bin/env python3
"""Blank comments in C-family source (Java, JS, TS, Go), keeping every newline and column.

Strings, char literals, text blocks and template literals are left intact, so only real
comments disappear (OWASP Benchmark puts its labels and hints in comments).
Usage: strip_comments.py SRC_DIR DST_DIR [EXT ...]
"""
import os
import sys


def strip(text):
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        nxt = text[i + 1] if i + 1 < n else ""
        if c == "/" and nxt == "/":
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif c == "/" and nxt == "*":
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append("".join(ch if ch == "\n" else " " for ch in text[i:j]))
            i = j
        elif text.startswith('"""', i):
            j = text.find('"""', i + 3)
            j = n if j < 0 else j + 3
            out.append(text[i:j])
            i = j
        elif c in "\"'`":
            j = i + 1
            while j < n and text[j] != c:
                if text[j] == "\\":
                    j += 1
                elif text[j] == "\n" and c != "`":
                    break
                j += 1
            j = min(j + 1, n)
            out.append(text[i:j])
            i = j
        else:
            out.append(c)
            i += 1
    return "".join(out)


def main():
    src, dst = sys.argv[1], sys.argv[2]
    exts = tuple(sys.argv[3:]) or (".java",)
    count = 0
    for dirpath, _, files in os.walk(src):
        for name in files:
            if not name.endswith(exts):
                continue
            p = os.path.join(dirpath, name)
            q = os.path.join(dst, os.path.relpath(p, src))
            os.makedirs(os.path.dirname(q), exist_ok=True)
            with open(p, encoding="utf-8", errors="replace") as f:
                text = f.read()
            with open(q, "w", encoding="utf-8") as f:
                f.write(strip(text))
            count += 1
    print(f"stripped comments from {count} files into {dst}", file=sys.stderr)


if __name__ == "__main__":
    main()
