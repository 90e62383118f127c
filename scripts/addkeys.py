#!/usr/bin/env python3
"""Adds translation keys from a TSV (key, Indonesian, English) to app/locales."""
import json, sys, pathlib
root = pathlib.Path(__file__).resolve().parent.parent / "app" / "locales"
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
for lang, col in (("id", 1), ("en", 2)):
    p = root / f"{lang}.json"
    d = json.loads(p.read_text())
    for r in rows:
        d[r[0]] = r[col]
    p.write_text(json.dumps(dict(sorted(d.items())), ensure_ascii=False, indent=1) + "\n")
