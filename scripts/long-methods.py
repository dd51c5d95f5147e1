#!/usr/bin/env python3
"""Lists C# methods whose body is over 60 lines or whose signature has over 5 parameters.

Usage: scripts/long-methods.py [PATH ...]   (files or folders; default: the request path of issue 15)
Prints "file:line Type.Method: N lines, P parameters" for each offender; prints nothing when none.
A heuristic over the source text (comments and strings stripped), good enough for house-style checks.
"""
import os
import re
import sys

MAX_LINES = 60
MAX_PARAMS = 5
DEFAULT = [
    "src/Tollway.Gateway/Pipeline",
    "src/Tollway.Gateway/Api/Messages",
    "src/Tollway.Gateway/Api/OpenAi",
    "src/Tollway.Gateway/Money/Billing",
    "src/Tollway.Gateway/Upstream",
    "src/Tollway.Chain/X402/X402Gate.cs",
    "src/Tollway.Chain/X402/X402PaymentMatcher.cs",
]
KEYWORDS = {"if", "for", "foreach", "while", "switch", "using", "lock", "catch", "return", "new", "await",
            "nameof", "typeof", "sizeof", "default", "when", "fixed", "checked", "unchecked", "throw", "else"}
NAME = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)\s*(<[^()]*>)?\s*\($")


def strip(text):
    """Blanks comments, strings and chars, keeping newlines so line numbers hold."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i)); i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j])); i = j
        elif text.startswith('"""', i):
            j = text.find('"""', i + 3)
            j = n if j < 0 else j + 3
            while j < n and text[j] == '"':
                j += 1
            out.append('""' + re.sub(r"[^\n]", " ", text[i + 2:j - 1]) + '"'); i = j
        elif c == '"' or (c in "@$" and i + 1 < n and text[i + 1] in '"@$'):
            k = i
            verbatim = False
            while k < n and text[k] in "@$":
                verbatim |= text[k] == "@"; k += 1
            if k >= n or text[k] != '"':
                out.append(c); i += 1; continue
            j = k + 1
            while j < n:
                if not verbatim and text[j] == "\\":
                    j += 2; continue
                if text[j] == '"':
                    if verbatim and j + 1 < n and text[j + 1] == '"':
                        j += 2; continue
                    break
                j += 1
            out.append(text[i:k + 1] + re.sub(r"[^\n]", " ", text[k + 1:j]) + '"'); i = j + 1
        elif c == "'":
            j = i + 1
            while j < n and text[j] != "'":
                j += 2 if text[j] == "\\" else 1
            out.append("'" + " " * (j - i - 1) + "'"); i = j + 1
        else:
            out.append(c); i += 1
    return "".join(out)


def split_params(s):
    depth, parts, cur = 0, [], ""
    for ch in s:
        if ch in "(<[{":
            depth += 1
        elif ch in ")>]}":
            depth -= 1
        if ch == "," and depth == 0:
            parts.append(cur); cur = ""
        else:
            cur += ch
    if cur.strip():
        parts.append(cur)
    return [p for p in parts if p.strip()]


def closing(src, start, open_, close):
    """The index of the bracket that closes the one at start (or the end of the text)."""
    depth = 0
    for j in range(start, len(src)):
        if src[j] == open_:
            depth += 1
        elif src[j] == close:
            depth -= 1
            if depth == 0:
                return j
    return len(src)


def methods(text):
    """Yields (name, line, body_lines, params) for each method/constructor/local function with a block body."""
    src = strip(text)
    line_of = lambda pos: src.count("\n", 0, pos) + 1
    types = []  # stack of (name, depth)
    depth = 0
    i = 0
    n = len(src)
    results = []
    for m in re.finditer(r"\(", src):
        start = m.start()
        head = src[max(0, start - 200):start + 1]
        nm = NAME.search(head)
        if not nm or nm.group(1) in KEYWORDS:
            continue
        # text before the name must look like a declaration: a type or modifier, not an operator or dot
        before = src[max(0, start - 200):start - len(nm.group(0)) + 1].rstrip()
        line_start = src.rfind("\n", 0, start - len(nm.group(0)) + 1) + 1
        prefix = src[line_start:start - len(nm.group(0)) + 1].strip()
        if not prefix or prefix.endswith((".", "=", "(", ",", "return", "await", "new", ":", "&&", "||", "!", "=>")):
            continue
        if re.search(r"\b(class|struct|record|interface|delegate)\b", prefix):
            continue  # a primary constructor or a delegate type, not a method
        if not re.match(r"^(\[[^\]]*\]\s*)*[A-Za-z_][\w<>\[\],.?\s()]*$", prefix):
            continue
        if re.search(r"\b(return|new|await|throw|var|is|as|else|case|when|in)\s*$", prefix) or re.search(r"\b(return|throw|await|new)\b", prefix):
            continue
        j = closing(src, start, "(", ")")
        params = split_params(src[start + 1:j])
        k = j + 1
        tail = ""
        while k < n and src[k] not in "{;=" :
            tail += src[k]; k += 1
        if k >= n or tail.strip() and not re.match(r"^\s*(where\b.*|:\s*(base|this)\s*\(.*\)\s*)$", tail.strip(), re.S):
            continue
        if src[k] == "{":
            e = closing(src, k, "{", "}")
            body_lines = line_of(e) - line_of(k) - 1
        elif src.startswith("=>", k):
            d, e = 0, k + 2
            while e < n and not (d == 0 and src[e] == ";"):
                d += src[e] in "({[" and 1 or src[e] in ")}]" and -1 or 0
                e += 1
            body_lines = line_of(e) - line_of(k) + 1
        else:
            continue
        results.append((nm.group(1), line_of(start), body_lines, len(params)))
    return results


def type_at(text, line):
    names = re.findall(r"\b(?:class|struct|record|interface)\s+([A-Za-z_]\w*)", "\n".join(text.split("\n")[:line]))
    return names[-1] if names else "?"


def files(paths):
    for p in paths:
        if os.path.isfile(p):
            yield p
        else:
            for root, _, names in os.walk(p):
                for f in sorted(names):
                    if f.endswith(".cs") and "/obj/" not in root + "/" and "/bin/" not in root + "/":
                        yield os.path.join(root, f)


def main(argv):
    paths = argv or DEFAULT
    found = 0
    for f in sorted(set(files(paths))):
        text = open(f, encoding="utf-8").read()
        for name, line, lines, params in methods(text):
            if name == type_at(text, line):
                continue  # constructors take their dependencies; the rule is about methods
            if lines > MAX_LINES or params > MAX_PARAMS:
                print(f"{f}:{line} {type_at(text, line)}.{name}: {lines} lines, {params} parameters")
                found += 1
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
