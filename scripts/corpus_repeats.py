#!/usr/bin/env python3
"""How honest a benchmark corpus is (issue #15): the share of item texts
(as shiryo extracted them) that an earlier file of the corpus already had.

    scripts/corpus_repeats.py OUT.ndjson

Reads the NDJSON of `shiryo extract CORPUS --ndjson OUT.ndjson` (one line per
submission, in file order) and prints `items N, repeated R (P %)`, where an
item text counts as repeated when a file earlier in path order held the same
text. A cache keyed by item text would skip exactly those; real submissions
repeat very few (docs/PERFORMANCE.md)."""
import json
import sys

by_file = {}
with open(sys.argv[1], encoding="utf-8") as f:
    for line in f:
        rec = json.loads(line)
        sub = rec.get("submission")
        if not sub:
            continue
        texts = by_file.setdefault(rec["source"]["path"], [])
        for section in sub.get("sections", []):
            texts.extend(item["text"] for item in section.get("items", []))

seen, items, repeated = set(), 0, 0
for path in sorted(by_file):
    texts = by_file[path]
    items += len(texts)
    repeated += sum(1 for t in texts if t in seen)
    seen.update(texts)
share = 100.0 * repeated / items if items else 0.0
print(f"items {items}, repeated {repeated} ({share:.1f} %)")
