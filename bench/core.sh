#!/usr/bin/env bash
# Core figures on the real news corpus of ../shared: ingest throughput, index size
# relative to the input, and search latency over the 600 generated queries
# (each query's words and phrases AND-ed, top 10, as the peer harness does).
# Usage: bench/core.sh [WORKDIR]   (needs ../shared beside the repository)
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SHARED=${SHARED:-$HERE/../shared}
WORK=${1:-$HERE/build/bench-core}
BIN=${DATELINE_BIN:-$HERE/build/bin/dateline}
if [ ! -d "$SHARED/data" ]; then echo "bench/core.sh: $SHARED/data not found; skipping" >&2; exit 0; fi
mkdir -p "$WORK"
[ -s "$WORK/news.jsonl" ] || python3 "$SHARED/tools/news-corpus/make_corpus.py" --data "$SHARED/data" --out "$WORK/news.jsonl" >/dev/null
[ -s "$WORK/queries.txt" ] || python3 "$SHARED/tools/news-corpus/make_queries.py" --corpus "$WORK/news.jsonl" --data "$SHARED/data" --out "$WORK/queries.txt" >/dev/null
rm -rf "$WORK/index"
/usr/bin/time -v "$BIN" ingest -q --index "$WORK/index" "$WORK/news.jsonl" > "$WORK/ingest.out" 2> "$WORK/ingest.time"
"$BIN" optimize --index "$WORK/index" >/dev/null
python3 - "$WORK" "$BIN" <<'PY'
import json, os, re, subprocess, sys
work, binary = sys.argv[1], sys.argv[2]
lines = []
for line in open(f"{work}/queries.txt", encoding="utf-8"):
    q = line.rstrip("\n").split("\t")[0]
    if q:
        lines.append(" ".join("+" + p for p in re.findall(r'"[^"]+"|\S+', q)) + "\t" + json.dumps({"limit": 10}))
inp = "\n".join(lines) + "\n"
run = lambda: subprocess.run([binary, "search", "--index", f"{work}/index", "--batch"], input=inp,
                             capture_output=True, text=True, check=True).stdout.splitlines()
run()  # warm-up
per = [[] for _ in lines]
for _ in range(3):
    for i, l in enumerate(run()):
        per[i].append(json.loads(l)["micros"])
med = sorted(sorted(p)[1] for p in per)
t = open(f"{work}/ingest.time").read()
wall = t.split("Elapsed (wall clock) time (h:mm:ss or m:ss): ")[1].split("\n")[0]
secs = sum(float(x) * 60 ** i for i, x in enumerate(reversed(wall.split(":"))))
rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1))
size_in = os.path.getsize(f"{work}/news.jsonl")
size_idx = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(f"{work}/index") for f in fs)
docs = int(re.search(r"indexed (\d+)", open(f"{work}/ingest.out").read()).group(1))
print(f"documents            {docs}")
print(f"input                {size_in/2**20:.1f} MiB")
print(f"ingest wall          {secs:.2f} s  ({size_in/2**20/secs:.1f} MiB/s, {docs/secs:.0f} docs/s), peak RSS {rss/1024:.0f} MiB")
print(f"index size           {size_idx/2**20:.1f} MiB  ({size_idx/size_in:.2f} x input)")
print(f"search (600 queries) median {med[len(med)//2]:.0f} us, p95 {med[int(len(med)*0.95)]:.0f} us, p99 {med[int(len(med)*0.99)]:.0f} us")
PY
