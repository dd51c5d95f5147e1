#!/usr/bin/env python3
"""Checks that every relative link in the repository's Markdown files resolves: the file or folder exists and, for
`file.md#anchor` or `#anchor`, the target has a heading with that GitHub anchor. Prints each broken link and exits 1
if there is one. Web links are not fetched. Usage: scripts/check-links.py (from anywhere in the repository)."""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SKIPPED_DIRS = {".git", "bin", "obj", "node_modules", "work"}
LINK = re.compile(r"(?<!\!)\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)|!\[[^\]]*\]\(([^)\s]+)\)")
FENCE = re.compile(r"^\s*(```|~~~)")
INLINE_CODE = re.compile(r"`[^`]*`")


def markdown_files():
    for directory, subdirectories, files in os.walk(ROOT):
        subdirectories[:] = [d for d in subdirectories if d not in SKIPPED_DIRS]
        for name in files:
            if name.endswith(".md"):
                yield os.path.join(directory, name)


def prose_lines(path):
    """The file's lines outside fenced code blocks, with their numbers."""
    in_fence = False
    with open(path, encoding="utf-8") as file:
        for number, line in enumerate(file, 1):
            if FENCE.match(line):
                in_fence = not in_fence
                continue
            if not in_fence:
                yield number, line


def anchors_of(path, cache={}):
    """GitHub's heading anchors: lower case, punctuation but `-` and `_` dropped, spaces as `-`, repeats numbered."""
    if path not in cache:
        repeats, anchors = {}, set()
        for _, line in prose_lines(path):
            match = re.match(r"^#{1,6}\s+(.*?)\s*#*\s*$", line)
            if not match:
                continue
            slug = re.sub(r"[^\w\- ]", "", match.group(1).strip().lower()).replace(" ", "-")
            count = repeats.get(slug, 0)
            repeats[slug] = count + 1
            anchors.add(slug if count == 0 else f"{slug}-{count}")
        cache[path] = anchors
    return cache[path]


def broken_links(path):
    for number, line in prose_lines(path):
        for match in LINK.finditer(INLINE_CODE.sub("", line)):
            target = match.group(1) or match.group(2)
            if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.IGNORECASE):
                continue
            file_part, _, anchor = target.partition("#")
            resolved = os.path.normpath(os.path.join(os.path.dirname(path), file_part)) if file_part else path
            if not os.path.exists(resolved):
                yield number, target, "no such file"
            elif anchor and resolved.endswith(".md") and anchor not in anchors_of(resolved):
                yield number, target, "no such heading"


def main():
    files = sorted(markdown_files())
    broken = [(os.path.relpath(f, ROOT), n, t, why) for f in files for n, t, why in broken_links(f)]
    for file, number, target, why in broken:
        print(f"{file}:{number}: {target}: {why}")
    links = sum(1 for f in files for n, line in prose_lines(f) for _ in LINK.finditer(INLINE_CODE.sub("", line)))
    print(f"{len(files)} Markdown files, {links} links, {len(broken)} broken")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
