#!/usr/bin/env python3
"""Lists Rust source files over 300 lines and functions over 60 lines, outside
tests, seeds and migrations: the size limits docs/ARCHITECTURE.md sets."""
import os, re, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SKIP = ("server/src/seed/", "migrations/", "/tests/", "server/tests")
FN = re.compile(r"^(\s*)(pub(\([^)]*\))?\s+)?(async\s+)?fn\s+(\w+)")

def tests_start(lines):
    for i, l in enumerate(lines):
        if l.startswith("#[cfg(test)]") or l.startswith("#[cfg(all(test"):
            return i
    return len(lines)

def main():
    bad = []
    for d in ("app/src", "server/src", "frontend/src"):
        for dirpath, _, files in os.walk(os.path.join(ROOT, d)):
            for f in files:
                if not f.endswith(".rs"):
                    continue
                path = os.path.join(dirpath, f)
                rel = os.path.relpath(path, ROOT)
                if any(s in rel for s in SKIP) or f == "tests.rs":
                    continue
                lines = open(path).read().split("\n")
                end = tests_start(lines)
                if end > 300:
                    bad.append(f"{rel}: {end} lines before its tests")
                i = 0
                while i < end:
                    m = FN.match(lines[i])
                    if m and not lines[i].rstrip().endswith(";"):
                        indent = len(m.group(1))
                        j = i + 1
                        while j < end and not (lines[j].startswith(" " * indent + "}") and len(lines[j]) - len(lines[j].lstrip()) == indent):
                            j += 1
                        n = j - i + 1
                        if n > 60:
                            bad.append(f"{rel}:{i + 1}: fn {m.group(5)} has {n} lines")
                        i = j
                    i += 1
    print("\n".join(bad) if bad else "all files and functions within the limits")
    return 1 if bad else 0

if __name__ == "__main__":
    sys.exit(main())
