"""A/B latency of dateline binaries on one index, interleaved.

This machine's speed swings by a quarter or more from minute to minute, so
two runs one after the other compare the machine, not the binaries. This
runs the binaries in turn, ROUNDS times, each in one process (`search
--batch`, in-process `micros` per query) that answers the whole query set
twice and is timed on the second pass (the first warms it up, as the
harness's warm-up pass does; --no-warmup: one pass), and keeps
per binary and query the fastest of its rounds; then it prints the median,
p95 and p99 of those per binary, and the queries whose times differ most.

usage: python3 bench/ab.py INDEX QUERIES.tsv MODE BINARY... [--rounds N] [--top K] [--no-warmup]
  QUERIES.tsv: the harness's queries (bench/results/*/queries.tsv: words and
  "phrases" TAB lang TAB from TAB to). MODE: top10, top10count, count, phrase
  or dated, as bench/peer/engines/dateline_batch.py runs them.
"""
import argparse
import json
import re
import subprocess
import sys


def load_queries(path):
    out = []
    for line in open(path, encoding="utf-8"):
        f = line.rstrip("\n").split("\t")
        text = f[0].strip()
        if not text:
            continue
        parts = re.findall(r'"[^"]+"|[^\s"]+', text)
        dfrom = f[2] if len(f) > 3 else ""
        dto = f[3] if len(f) > 3 else ""
        out.append((" ".join("+" + p for p in parts), '"' in text, dfrom, dto, text))
    return out


def options(mode, q):
    if mode == "top10" or mode == "phrase":
        return {"limit": 10}
    if mode == "top10count":
        return {"limit": 10, "count": True}
    if mode == "count":
        return {"limit": 0, "count": True}
    if mode == "dated":
        return {"limit": 10, "from": q[2], "to": q[3]}
    sys.exit(f"unknown mode {mode}")


def run(binary, index, lines, warmup=True):
    """The answers to `lines`, after (with `warmup`) a first pass over them in
    the same process whose answers are dropped, as the harness does."""
    passes = 2 if warmup else 1
    out = subprocess.run([binary, "search", "--index", index, "--batch"],
                         input="\n".join(lines * passes) + "\n",
                         capture_output=True, text=True, check=True).stdout.splitlines()
    if len(out) != passes * len(lines):
        sys.exit(f"{binary} answered {len(out)} lines for {passes * len(lines)} queries")
    return [json.loads(x) for x in out[len(out) - len(lines):]]


def pct(v, p):
    v = sorted(v)
    return v[min(len(v) - 1, int(len(v) * p))]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("index")
    ap.add_argument("queries")
    ap.add_argument("mode")
    ap.add_argument("binaries", nargs="+")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--top", type=int, default=10)
    ap.add_argument("--no-warmup", dest="warmup", action="store_false")
    a = ap.parse_args()
    qs = load_queries(a.queries)
    if a.mode == "phrase":
        qs = [q for q in qs if q[1]]
    if a.mode == "dated":
        qs = [q for q in qs if q[2]]
    lines = [q[0] + "\t" + json.dumps(options(a.mode, q)) for q in qs]
    best = {b: [float("inf")] * len(qs) for b in a.binaries}
    answers = {}
    for _ in range(a.rounds):
        for b in a.binaries:
            res = run(b, a.index, lines, a.warmup)
            for i, d in enumerate(res):
                if "error" in d:
                    sys.exit(f"{b}: {qs[i][4]}: {d['error']}")
                best[b][i] = min(best[b][i], d["micros"] / 1000.0)
            answers[b] = [(d.get("total"), d.get("ids")) for d in res]
    ref = a.binaries[0]
    for b in a.binaries:
        v = best[b]
        same = sum(x == y for x, y in zip(answers[b], answers[ref]))
        print(f"{b}: median {pct(v, .5):.4f} ms  p95 {pct(v, .95):.4f}  p99 {pct(v, .99):.4f}  "
              f"answers equal to {ref}'s: {same}/{len(qs)}")
    if len(a.binaries) >= 2:
        other = a.binaries[1]
        diff = sorted(range(len(qs)), key=lambda i: -abs(best[other][i] - best[ref][i]))
        print(f"largest differences ({ref} -> {other}, ms):")
        for i in diff[:a.top]:
            print(f"  {best[ref][i]:.3f} -> {best[other][i]:.3f}  {qs[i][4]}")


if __name__ == "__main__":
    main()
