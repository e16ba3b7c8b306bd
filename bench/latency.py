#!/usr/bin/env python3
"""Per-query latency of `dateline search --batch` on an existing index.

    bench/latency.py [--mode top10|count] [--reps 3] BINARY INDEX [QUERIES]

Each query of QUERIES (default bench/queries.txt; words and "phrases" AND-ed, as
the peer harness does) is run once as a warm-up pass and REPS more times, each
pass in a fresh process; the per-query median of the passes is taken, and the
median, p95 and p99 over the queries are printed (microseconds, measured inside
the process)."""
import argparse, json, os, re, subprocess

ap = argparse.ArgumentParser()
ap.add_argument("binary")
ap.add_argument("index")
ap.add_argument("queries", nargs="?",
                default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "queries.txt"))
ap.add_argument("--mode", choices=["top10", "count"], default="top10")
ap.add_argument("--reps", type=int, default=3)
a = ap.parse_args()
opts = {"limit": 10} if a.mode == "top10" else {"limit": 0, "count": True}
lines = []
for line in open(a.queries, encoding="utf-8"):
    q = line.rstrip("\n").split("\t")[0]
    if q:
        lines.append(" ".join("+" + p for p in re.findall(r'"[^"]+"|\S+', q)) + "\t" + json.dumps(opts))
inp = "\n".join(lines) + "\n"


def run():
    out = subprocess.run([a.binary, "search", "--index", a.index, "--batch"], input=inp,
                         capture_output=True, text=True, check=True).stdout.splitlines()
    return [json.loads(l)["micros"] for l in out]


run()
per = list(zip(*[run() for _ in range(a.reps)]))
med = sorted(sorted(p)[len(p) // 2] for p in per)
q = lambda f: med[min(len(med) - 1, int(len(med) * f))]
print(f"{a.index} {a.mode}: {len(med)} queries, median {q(0.5):.1f} us, p95 {q(0.95):.1f} us, "
      f"p99 {q(0.99):.1f} us")
