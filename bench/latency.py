#!/usr/bin/env python3
"""Per-query latency of `dateline search --batch` on an existing index.

    bench/latency.py [--mode top10|count] [--reps 3] [--form plus|bare|bare-words|first-plus|first-bare]
                     [--in-process] [--json OUT] BINARY INDEX [QUERIES]

Each query of QUERIES (default bench/queries.txt) is run once as a warm-up pass
and REPS more times, each pass in a fresh process; the per-query median of the
passes is taken, and the median, p95 and p99 over the queries are printed
(microseconds, measured inside the process). --form: words and "phrases"
AND-ed as the peer harness does (plus, the default), as typed (bare), as
typed but only queries of several words and no phrase (bare-words), or the
first word or phrase alone, with or without its "+" (distinct ones).
--in-process: each process runs the query set twice and only the second pass
is timed (the peer harness's warm-up; without it, each query's first run in a
process pays for loading its terms). --json: per-query medians to OUT."""
import argparse, json, os, re, subprocess

ap = argparse.ArgumentParser()
ap.add_argument("binary")
ap.add_argument("index")
ap.add_argument("queries", nargs="?",
                default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "queries.txt"))
ap.add_argument("--mode", choices=["top10", "count"], default="top10")
ap.add_argument("--reps", type=int, default=3)
ap.add_argument("--form", choices=["plus", "bare", "bare-words", "first-plus", "first-bare"],
                default="plus")
ap.add_argument("--in-process", action="store_true")
ap.add_argument("--json")
a = ap.parse_args()
opts = {"limit": 10} if a.mode == "top10" else {"limit": 0, "count": True}
queries = []
for line in open(a.queries, encoding="utf-8"):
    q = line.rstrip("\n").split("\t")[0]
    parts = re.findall(r'"[^"]+"|\S+', q)
    if not parts:
        continue
    if a.form == "plus":
        queries.append(" ".join("+" + p for p in parts))
    elif a.form == "bare":
        queries.append(q)
    elif a.form == "bare-words":
        if len(parts) > 1 and '"' not in q:
            queries.append(q)
    else:
        first = ("+" if a.form == "first-plus" else "") + parts[0]
        if first not in queries:
            queries.append(first)
passes = 2 if a.in_process else 1
inp = "".join(q + "\t" + json.dumps(opts) + "\n" for q in queries) * passes


def run():
    out = subprocess.run([a.binary, "search", "--index", a.index, "--batch"], input=inp,
                         capture_output=True, text=True, check=True).stdout.splitlines()
    return [json.loads(l)["micros"] for l in out][len(queries) * (passes - 1):]


run()
per = list(zip(*[run() for _ in range(a.reps)]))
medians = [sorted(p)[len(p) // 2] for p in per]
if a.json:
    with open(a.json, "w", encoding="utf-8") as f:
        json.dump(dict(zip(queries, medians)), f, ensure_ascii=False)
med = sorted(medians)
q = lambda f: med[min(len(med) - 1, int(len(med) * f))]
print(f"{a.index} {a.mode}: {len(med)} queries, median {q(0.5):.1f} us, p95 {q(0.95):.1f} us, "
      f"p99 {q(0.99):.1f} us")
