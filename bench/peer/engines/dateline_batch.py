"""Feeds the harness's queries to `dateline search --batch` and writes lat.tsv and res.tsv.
Each harness query (words and "phrases", all AND-ed, optional TAB lang TAB from TAB to) becomes
+word +"phrase".  The query language is not passed: dateline stems every word in each document's
own language, and its "lang" option is a document filter, not an analysis hint.
Modes (MODES environment restricts them, as for the peers):
  top10       {"limit": 10}                     total: a lower bound (total_exact false when pruned)
  top10count  {"limit": 10, "count": true}      top 10 + exact total
  count       {"limit": 0, "count": true}       exact total
  phrase      {"limit": 10}, queries with a phrase
  dated       {"limit": 10, "from": F, "to": T}, the query's window (YYYY-MM-DD, whole span inside)
Latency: `micros` measured inside the process per query (parse + search + ids), like the peers'
in-process timers; all REPS + 1 passes of a mode go through one process (the first is the warm-up)."""
import json, os, re, subprocess, sys

binary, index, queries_tsv, rawdir, reps = sys.argv[1:6]
reps = int(reps)
queries = []  # (dateline query, has phrase, from, to) or None for empty lines
for line in open(queries_tsv, encoding="utf-8"):
    f = line.rstrip("\n").split("\t")
    text = f[0].strip()
    if not text:
        queries.append(None)
        continue
    parts = re.findall(r'"[^"]+"|[^\s"]+', text)
    dfrom = f[2] if len(f) > 3 else ""
    dto = f[3] if len(f) > 3 else ""
    queries.append((" ".join("+" + p for p in parts), '"' in text, dfrom, dto))

ALL = ["top10", "top10count", "count", "phrase", "dated"]
wanted = os.environ.get("MODES", "").split() or ALL
live = [i for i, q in enumerate(queries) if q]
modes = {
    "top10": (live, lambda q: {"limit": 10}),
    "top10count": (live, lambda q: {"limit": 10, "count": True}),
    "count": (live, lambda q: {"limit": 0, "count": True}),
    "phrase": ([i for i in live if queries[i][1]], lambda q: {"limit": 10}),
    "dated": ([i for i in live if queries[i][2]], lambda q: {"limit": 10, "from": q[2], "to": q[3]}),
}
lat = open(f"{rawdir}/lat.tsv", "w")
res = open(f"{rawdir}/res.tsv", "w")
errors = 0
for mode in ALL:
    if mode not in wanted:
        continue
    idxs, opts = modes[mode]
    lines = []
    for rep in range(reps + 1):
        for i in idxs:
            lines.append(queries[i][0] + "\t" + json.dumps(opts(queries[i])))
    out = subprocess.run([binary, "search", "--index", index, "--batch"], input="\n".join(lines) + "\n",
                         capture_output=True, text=True, check=True).stdout.splitlines()
    if len(out) != len(lines):
        sys.exit(f"dateline answered {len(out)} lines for {len(lines)} queries")
    k = 0
    for rep in range(reps + 1):
        for i in idxs:
            d = json.loads(out[k]); k += 1
            if rep == 0:
                if "error" in d:
                    errors += 1
                    print(f"dateline: query {i} ({mode}): {d['error']}", file=sys.stderr)
                res.write("\t".join([mode, str(i), str(d.get("total", -1))] + [str(x) for x in d.get("ids", [])]) + "\n")
            else:
                lat.write(f"{mode}\t{i}\t{rep - 1}\t{int(d['micros'] * 1000)}\n")
    print(f"{mode}: {len(idxs)} queries x {reps} reps done", file=sys.stderr)
with open(f"{rawdir}/meta.tsv", "a") as m:
    m.write(f"query_errors\t{errors}\n")
