#!/usr/bin/env python3
"""Pruned top 10 against the exhaustive search, on an existing index.

    bench/agree.py BINARY INDEX [QUERIES]

Each query of QUERIES (default bench/queries.txt) is asked in four forms (words
and "phrases" AND-ed; the first of them alone with "+"; the first bare; the
query as typed) and four variants (plain; dated 2005-2009; `lang` en; offset 5),
once as `search --batch` answers it (block-max pruning, no exact total) and once
with `"count": true` (every match scored). Prints the pairs compared and those
whose ids differ (the first five in full); exits 1 when any differ."""
import json, os, re, subprocess, sys

binary, index = sys.argv[1], sys.argv[2]
path = sys.argv[3] if len(sys.argv) > 3 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "queries.txt")
typed = [l.rstrip("\n").split("\t")[0] for l in open(path, encoding="utf-8")]
typed = [q for q in typed if q.strip()]
parts = [re.findall(r'"[^"]+"|\S+', q) for q in typed]
queries = ([" ".join("+" + p for p in ps) for ps in parts] + ["+" + ps[0] for ps in parts] +
           [ps[0] for ps in parts] + typed)
variants = [{"limit": 10}, {"limit": 10, "from": "2005-01-01", "to": "2009-12-31"},
            {"limit": 10, "lang": "en"}, {"limit": 10, "offset": 5}]


def ids(opts):
    inp = "".join(q + "\t" + json.dumps(opts) + "\n" for q in queries)
    out = subprocess.run([binary, "search", "--index", index, "--batch"], input=inp,
                         capture_output=True, text=True, check=True).stdout.splitlines()
    return [json.loads(l).get("ids", []) for l in out]


pairs = differ = 0
for v in variants:
    for q, fast, exact in zip(queries, ids(v), ids(dict(v, count=True))):
        pairs += 1
        if fast != exact:
            differ += 1
            if differ <= 5:
                print("differ:", json.dumps(v), q, fast[:3], exact[:3])
print(f"{index}: {pairs} pairs, {differ} differ")
sys.exit(1 if differ else 0)
