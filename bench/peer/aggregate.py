#!/usr/bin/env python3
"""Turn OUTDIR/raw/ENGINE/* into OUTDIR/results.json and OUTDIR/results.md.

Latency statistics (same code for every engine):
  per query: median over the REPS timed repetitions;
  median_ms / p95_ms / p99_ms: median / 95th / 99th percentile of those per-query medians;
  mean_ms: mean of all timed samples;
  qps: timed samples / sum of their latencies (single-threaded throughput).
Usage: aggregate.py OUTDIR      (REF_ENGINE=name picks the ratio baseline)
"""
import collections
import json
import os
import re
import statistics
import sys

MODES = ("top10", "top10count", "count", "phrase", "dated")
MODE_DOC = {
    "top10": "all queries, ranked, ids of the top 10",
    "top10count": "all queries, top 10 ids and the exact number of matches",
    "count": "all queries, exact number of matches only",
    "phrase": "queries with a quoted phrase, ranked top 10",
    "dated": "all queries with a date window (1-3 whole years), ranked top 10 among documents dated inside it",
}


def read_kv(path, every=None):
    """KEY<TAB>VALUE lines -> {key: last value}; with `every` (a dict), also every value in order."""
    d = {}
    if os.path.exists(path):
        for line in open(path, encoding="utf-8", errors="replace"):
            k, _, v = line.rstrip("\n").partition("\t")
            if k:
                d[k] = v
                if every is not None:
                    every.setdefault(k, []).append(v)
    return d


def num(v):
    try:
        f = float(v)
        return int(f) if f.is_integer() else f
    except (TypeError, ValueError):
        return v


def read_time(path):
    """GNU time -v output -> wall s, user+sys s, peak RSS MB."""
    if not os.path.exists(path):
        return {}
    t = {}
    for line in open(path, errors="replace"):
        k, _, v = line.strip().rpartition(": ")
        if k.startswith("Elapsed (wall clock) time"):
            parts = [float(x) for x in v.split(":")]
            s = 0.0
            for p in parts:
                s = s * 60 + p
            t["wall_s"] = round(s, 2)
        elif k == "User time (seconds)":
            t["user_s"] = float(v)
        elif k == "System time (seconds)":
            t["sys_s"] = float(v)
        elif k == "Maximum resident set size (kbytes)":
            t["peak_rss_mb"] = round(int(v) / 1024, 1)
    if "user_s" in t:
        t["cpu_s"] = round(t.pop("user_s") + t.pop("sys_s", 0.0), 2)
    return t


def read_builds(r, meta_every):
    """The builds of raw dir r (build.time.1, .2, ... or build.time): the one of median wall
    time (the lower middle of an even count), with every wall time and the largest peak.
    Per-build keys a server engine appends to meta.tsv (build_backend_*) are taken from
    the same build (peaks: the largest)."""
    paths = []
    i = 1
    while os.path.exists(os.path.join(r, f"build.time.{i}")):
        paths.append(os.path.join(r, f"build.time.{i}"))
        i += 1
    if not paths:
        paths = [os.path.join(r, "build.time")]
    runs = [read_time(p) for p in paths]
    timed = [k for k, t in enumerate(runs) if t.get("wall_s") is not None]
    if not timed:
        return {}, {}
    order = sorted(timed, key=lambda k: runs[k]["wall_s"])
    pick = order[(len(order) - 1) // 2]
    b = dict(runs[pick])
    b["walls_s"] = [runs[k]["wall_s"] for k in timed]
    peaks = [runs[k]["peak_rss_mb"] for k in timed if runs[k].get("peak_rss_mb") is not None]
    if peaks:
        b["peak_rss_mb"] = max(peaks)
    backend = {}
    for k, vs in meta_every.items():
        if k.startswith("build_backend_") and len(vs) == len(runs):
            backend[k] = max(num(vs[j]) for j in timed) if "peak" in k else num(vs[pick])
    return b, backend


def read_paired(r):
    """Wall times of the paired builds of raw dir r (paired.time.N): {round: seconds}."""
    walls = {}
    for name in os.listdir(r) if os.path.isdir(r) else []:
        m = re.fullmatch(r"paired\.time\.(\d+)", name)
        if m:
            w = read_time(os.path.join(r, name)).get("wall_s")
            if w is not None:
                walls[int(m.group(1))] = w
    return walls


def paired_ratios(data, engines, ref):
    """Per engine: the reference's paired build time over the engine's, round by round
    (rounds where both built), and their median."""
    out = {}
    rw = (data[ref][0].get("paired_walls_s") or {}) if ref else {}
    for e in engines:
        w = data[e][0].get("paired_walls_s") or {}
        rounds = sorted(k for k in w if k in rw and w[k] > 0)
        if e == ref or not rounds:
            continue
        ratios = [rw[k] / w[k] for k in rounds]
        out[e] = {"rounds": len(rounds), "ref_over_engine": [round(x, 3) for x in ratios],
                  "median": round(statistics.median(ratios), 3)}
    return out


def pct(xs, p):
    xs = sorted(xs)
    if not xs:
        return None
    k = (len(xs) - 1) * p
    lo = int(k)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


def load_queries(out):
    qs = []
    path = os.path.join(out, "work", "queries.tsv")
    if os.path.exists(path):
        for line in open(path, encoding="utf-8"):
            f = line.rstrip("\n").split("\t")
            qs.append((f[0], f[1] if len(f) > 1 else "", f[2] if len(f) > 3 else "", f[3] if len(f) > 3 else ""))
    return qs


def engine_data(out, e):
    r = os.path.join(out, "raw", e)
    status = open(os.path.join(r, "status")).read().strip() if os.path.exists(os.path.join(r, "status")) else "not run"
    base = {"engine": e, "status": status}
    v = os.path.join(r, "version")
    if os.path.exists(v):
        base["version"] = open(v).read().strip()
    s = read_time(os.path.join(r, "search.time"))
    every = {}
    meta = {k: num(v) for k, v in read_kv(os.path.join(r, "meta.tsv"), every).items()}
    b, backend = read_builds(r, every)
    meta.update(backend)
    base["build_wall_s"] = b.get("wall_s")
    base["build_walls_s"] = b.get("walls_s")
    base["paired_walls_s"] = read_paired(r)
    base["build_cpu_s"] = b.get("cpu_s")
    base["build_peak_rss_mb"] = b.get("peak_rss_mb")
    base["search_peak_rss_mb"] = s.get("peak_rss_mb")
    # server engines: the work happens in another process; take the larger peak
    for key, mk in (("build_peak_rss_mb", "build_backend_peak_rss_kb"),
                    ("search_peak_rss_mb", "search_backend_peak_rss_kb")):
        if isinstance(meta.get(mk), int):
            base[key + "_client"] = base[key]
            base[key] = max(base[key] or 0, round(meta[mk] / 1024, 1))
    if isinstance(meta.get("build_backend_cpu_s"), (int, float)) and base["build_cpu_s"] is not None:
        base["build_cpu_s_client"] = base["build_cpu_s"]
        base["build_cpu_s"] = round(base["build_cpu_s"] + meta["build_backend_cpu_s"], 2)
    ib = os.path.join(r, "index_bytes")
    try:
        base["index_bytes"] = int(open(ib).read().split()[0])
        base["index_mb"] = round(base["index_bytes"] / 2**20, 1)
    except (OSError, ValueError, IndexError):
        base["index_bytes"] = base["index_mb"] = None
    # without the document store: dateline reports its store's bytes; the peers keep no
    # compressed copy of the text in their index (PostgreSQL's table does hold it)
    sb = meta.get("store_bytes")
    base["index_nostore_mb"] = (round((base["index_bytes"] - sb) / 2**20, 1)
                                if isinstance(sb, int) and base["index_bytes"] else base["index_mb"])
    base["docs_indexed"] = meta.get("docs_indexed")
    base["extra"] = meta
    if status != "ok" and os.path.exists(os.path.join(r, "error.txt")):
        base["error"] = open(os.path.join(r, "error.txt"), errors="replace").read()[-1500:]
    lat = collections.defaultdict(lambda: collections.defaultdict(list))
    res = collections.defaultdict(dict)
    if os.path.exists(os.path.join(r, "lat.tsv")):
        for line in open(os.path.join(r, "lat.tsv")):
            f = line.rstrip("\n").split("\t")
            if len(f) >= 4:
                lat[f[0]][int(f[1])].append(int(f[3]))
    if os.path.exists(os.path.join(r, "res.tsv")):
        for line in open(os.path.join(r, "res.tsv"), encoding="utf-8", errors="replace"):
            f = line.rstrip("\n").split("\t")
            if len(f) >= 3:
                res[f[0]][int(f[1])] = (int(f[2]), [x for x in f[3:] if x])
    return base, lat, res


def mode_stats(samples):
    if not samples:
        return {"n_queries": 0}
    per_q = [statistics.median(v) for v in samples.values()]
    allv = [x for v in samples.values() for x in v]
    reps = max(len(v) for v in samples.values())
    return {"n_queries": len(samples), "reps": reps,
            "median_ms": round(statistics.median(per_q) / 1e6, 4),
            "p95_ms": round(pct(per_q, 0.95) / 1e6, 4),
            "p99_ms": round(pct(per_q, 0.99) / 1e6, 4),
            "mean_ms": round(statistics.fmean(allv) / 1e6, 4),
            "qps": round(len(allv) / (sum(allv) / 1e9), 1) if sum(allv) else None}


def main():
    out = sys.argv[1]
    info = json.load(open(os.path.join(out, "work", "run_info.json"))) if os.path.exists(
        os.path.join(out, "work", "run_info.json")) else {}
    qinfo = json.load(open(os.path.join(out, "work", "queries.json"))) if os.path.exists(
        os.path.join(out, "work", "queries.json")) else {}
    queries = load_queries(out)
    engines = info.get("engines") or sorted(os.listdir(os.path.join(out, "raw")))
    data = {e: engine_data(out, e) for e in engines}
    ok = [e for e in engines if data[e][0]["status"] == "ok"]
    ref = os.environ.get("REF_ENGINE") or (ok[0] if ok else None)
    if ref not in ok:
        ref = ok[0] if ok else None

    records = []
    stats = {}
    for e in engines:
        base, lat, res = data[e]
        if base["status"] != "ok":
            records.append(dict(base, mode=None))
            continue
        for m in MODES:
            if m not in lat and m not in res:
                continue  # mode not run (MODES)
            st = mode_stats(lat.get(m, {}))
            stats[(e, m)] = st
            rec = dict(base, mode=m, **st)
            rr = res.get(m, {})
            if m in ("count", "top10count"):
                rec["total_matches"] = sum(c for c, _ in rr.values())
            first = []
            for qi in sorted(rr)[:5]:
                c, ids = rr[qi]
                item = {"qidx": qi, "query": queries[qi][0] if qi < len(queries) else None,
                        "lang": queries[qi][1] if qi < len(queries) else None}
                if m in ("count", "top10count"):
                    item["count"] = c
                else:
                    item["top3"] = ids[:3]
                    item["engine_total"] = c if c >= 0 else None
                first.append(item)
            rec["first5"] = first
            if ref and (ref, m) in stats and stats[(ref, m)].get("median_ms") and st.get("median_ms"):
                rec["median_vs_ref"] = round(st["median_ms"] / stats[(ref, m)]["median_ms"], 3)
            records.append(rec)
    # ratios need the reference's stats, which may come after an engine in order
    for rec in records:
        m = rec.get("mode")
        if m and ref and (ref, m) in stats and stats[(ref, m)].get("median_ms") and rec.get("median_ms"):
            rec["median_vs_ref"] = round(rec["median_ms"] / stats[(ref, m)]["median_ms"], 3)
            rec["qps_vs_ref"] = round(rec["qps"] / stats[(ref, m)]["qps"], 3) if stats[(ref, m)].get("qps") else None

    # agreement with the reference engine
    agree = {}
    if ref:
        rres = data[ref][2]
        for e in ok:
            res = data[e][2]
            cm = [q for q in rres.get("count", {}) if q in res.get("count", {})]
            same = sum(res["count"][q][0] == rres["count"][q][0] for q in cm)
            tm = [q for q in rres.get("top10", {}) if q in res.get("top10", {})]
            ov = [len(set(res["top10"][q][1]) & set(rres["top10"][q][1])) / max(1, len(rres["top10"][q][1]))
                  for q in tm if rres["top10"][q][1]]
            tot_e = sum(res["count"][q][0] for q in cm)
            tot_r = sum(rres["count"][q][0] for q in cm)

            def overlap(mode):
                qs = [q for q in rres.get(mode, {}) if q in res.get(mode, {}) and rres[mode][q][1]]
                o = [len(set(res[mode][q][1]) & set(rres[mode][q][1])) / len(rres[mode][q][1]) for q in qs]
                return round(100 * statistics.fmean(o), 1) if o else None

            # top10count: is the exact total returned with the top 10 the same as the count mode's?
            tc = [q for q in res.get("top10count", {}) if q in res.get("count", {})]
            tc_same = sum(res["top10count"][q][0] == res["count"][q][0] for q in tc)
            agree[e] = {"count_equal_pct": round(100 * same / len(cm), 1) if cm else None,
                        "total_matches_ratio": round(tot_e / tot_r, 3) if tot_r else None,
                        "top10_overlap_pct": round(100 * statistics.fmean(ov), 1) if ov else None,
                        "phrase_top10_overlap_pct": overlap("phrase"),
                        "dated_top10_overlap_pct": overlap("dated"),
                        "dated_empty_pct": round(100 * sum(1 for v in res.get("dated", {}).values() if not v[1])
                                                 / len(res["dated"]), 1) if res.get("dated") else None,
                        "top10count_total_equals_count_pct": round(100 * tc_same / len(tc), 1) if tc else None}

    paired = paired_ratios(data, ok, ref)
    result = {"run": info, "queries": qinfo, "reference_engine": ref, "agreement_vs_ref": agree,
              "paired_builds_vs_ref": paired, "records": records}
    with open(os.path.join(out, "results.json"), "w") as f:
        json.dump(result, f, indent=1, ensure_ascii=False)

    # ---------------- markdown ----------------
    def f(v, nd=2):
        if v is None:
            return "–"
        if isinstance(v, float):
            return f"{v:.{nd}f}"
        return str(v)

    L = ["# Full-text search peers benchmark", ""]
    mach = info.get("machine", {})
    L.append(f"- corpus: `{info.get('corpus')}`: {info.get('docs')} docs, "
             f"{f((info.get('corpus_bytes') or 0) / 2**20, 1)} MiB; queries: `{info.get('queries_file')}`: "
             f"{qinfo.get('queries')} ({qinfo.get('phrase_queries')} with a phrase); "
             f"queries without a language code use: {qinfo.get('default_lang') or 'no stemming'}")
    L.append(f"- machine: {mach.get('cpu')}, {mach.get('cores')} cores, {mach.get('mem_gb')} GiB, {mach.get('os')}")
    L.append(f"- {info.get('reps')} timed repetitions per mode after 1 warm-up pass, one process, single thread; "
             f"whole run {f(info.get('total_wall_s'), 0)} s; started {info.get('started')}")
    L.append(f"- ratios (×ref) are relative to **{ref}**")
    L += ["", "## Index build", "",
          "| engine | version | status | docs | build wall s | build CPU s | peak RSS MiB | index MiB | without store MiB | query-process peak RSS MiB |",
          "|---|---|---|---:|---:|---:|---:|---:|---:|---:|"]
    for e in engines:
        b = data[e][0]
        L.append(f"| {e} | {b.get('version', '–')} | {b['status']} | {f(b.get('docs_indexed'))} | {f(b['build_wall_s'])} | {f(b['build_cpu_s'])} | "
                 f"{f(b['build_peak_rss_mb'], 1)} | {f(b['index_mb'], 1)} | {f(b.get('index_nostore_mb'), 1)} | {f(b['search_peak_rss_mb'], 1)} |")
    walls = [(e, data[e][0].get("build_walls_s") or []) for e in engines]
    if any(len(w) > 1 for _, w in walls):
        L += ["", "Each engine built its index " + str(max(len(w) for _, w in walls)) +
              " times from scratch; build wall and CPU are those of the build of median wall time, "
              "peak RSS the largest. Every build's wall time (s): " +
              "; ".join(f"{e} " + ", ".join(f(x) for x in w) for e, w in walls if w) + "."]
    if any(data[e][0].get("paired_walls_s") for e in engines):
        L += ["", f"Paired builds (`PAIRED_BUILDS`): rounds after the runs above, each building the engines "
              "of `PAIRED_ENGINES` once more, one right after the other (order rotated per round), so that both sides "
              f"of a ratio see the machine in about the same state. {ref} ÷ engine per round, and its median:", "",
              "| engine | wall s per round | " + f"{ref} ÷ engine per round | median |", "|---|---|---|---:|"]
        for e in engines:
            w = data[e][0].get("paired_walls_s") or {}
            if not w:
                continue
            p = paired.get(e, {})
            L.append(f"| {e} | " + ", ".join(f(w[k]) for k in sorted(w)) + " | " +
                     (", ".join(f(x, 3) for x in p.get("ref_over_engine", [])) or "–") + f" | {f(p.get('median'), 3)} |")
    L += ["", "## Query latency", "",
          "Per-query median over the repetitions; then median / p95 / p99 over queries. QPS = samples / total latency.",
          "Modes: " + "; ".join(f"`{m}` = {MODE_DOC[m]}" for m in MODES) + ".",
          "", "| mode | engine | queries | median ms | p95 ms | p99 ms | mean ms | QPS | median ×ref | QPS ×ref |",
          "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for m in MODES:
        for rec in records:
            if rec.get("mode") == m:
                L.append(f"| {m} | {rec['engine']} | {rec.get('n_queries')} | {f(rec.get('median_ms'), 3)} | "
                         f"{f(rec.get('p95_ms'), 3)} | {f(rec.get('p99_ms'), 3)} | {f(rec.get('mean_ms'), 3)} | "
                         f"{f(rec.get('qps'), 0)} | {f(rec.get('median_vs_ref'))} | {f(rec.get('qps_vs_ref'))} |")
    if agree:
        L += ["", f"## Agreement with {ref}", "",
              "Counts from mode `count`; overlap = share of the reference's top-10 ids that the engine also "
              "returns (queries where the reference has hits); `dated empty %` = dated queries without a hit; "
              "`top10count = count %` = queries whose top10count total equals the engine's own count.", "",
              "| engine | equal counts % | total matches ×ref | top-10 overlap % | phrase overlap % | "
              "dated overlap % | dated empty % | top10count = count % |", "|---|---:|---:|---:|---:|---:|---:|---:|"]
        for e, a in agree.items():
            L.append(f"| {e} | {f(a['count_equal_pct'], 1)} | {f(a['total_matches_ratio'], 3)} | "
                     f"{f(a['top10_overlap_pct'], 1)} | {f(a['phrase_top10_overlap_pct'], 1)} | "
                     f"{f(a['dated_top10_overlap_pct'], 1)} | {f(a['dated_empty_pct'], 1)} | "
                     f"{f(a['top10count_total_equals_count_pct'], 1)} |")
    if ok:
        L += ["", "## First 5 queries: top-3 ids (count mode total)", "",
              "| # | query | " + " | ".join(ok) + " |", "|---|---|" + "---|" * len(ok)]
        first_q = sorted(data[ok[0]][2].get("top10", {}))[:5]
        for qi in first_q:
            cells = []
            for e in ok:
                res = data[e][2]
                ids = res.get("top10", {}).get(qi, (None, []))[1][:3]
                c = res.get("count", {}).get(qi, (None,))[0]
                cells.append(f"{' '.join(ids) or '(none)'} ({c})")
            q, lang = queries[qi][:2] if qi < len(queries) else ("?", "")
            q = q.replace("|", "\\|")
            L.append(f"| {qi} | `{q}` {lang} | " + " | ".join(cells) + " |")
    failed = [e for e in engines if data[e][0]["status"] != "ok"]
    if failed:
        L += ["", "## Failed engines", ""]
        for e in failed:
            L.append(f"- **{e}**: {data[e][0]['status']} (log: logs/{e}.log)")
            err = data[e][0].get("error", "").strip().splitlines()[-3:]
            for line in err:
                L.append(f"    - `{line[:200]}`")
    L += ["", "## Notes", "",
          "- dateline: `ingest --no-extract --no-copies --no-stories` (indexing only, like the peers; "
          "analysis threads = one per core; DATELINE_INGEST_ARGS replaces these options, "
          "DATELINE_FULL_INGEST=1 runs the full ingest with extraction, copies and stories) + "
          "`optimize`; queries `+word +\"phrase\"` through `search --batch` (one process per mode), latency = "
          "its in-process `micros`; its total is always exact; dated = batch options from/to (whole date span "
          "inside the window); BM25.",
          "- dated mode: xapian OP_FILTER with OP_VALUE_RANGE on value slot 0 (YYYY-MM-DD); sqlite join to the id "
          "table's date column (d BETWEEN from AND to); postgres `d BETWEEN` on a date column (btree index "
          "docs_d beside the GIN); lucene NumericRangeFilter on a NumericField date (YYYYMMDD).",
          "- top10count: xapian get_mset(0, 10, check_at_least = all docs); lucene TopDocs.totalHits; sqlite and "
          "postgres run the top-10 statement and then a count(*) statement.",
          "- xapian: TermGenerator, Snowball stemmer per document language (STEM_SOME), BM25, database "
          "compacted after the build; count = BoolWeight with check_at_least = all docs (exact).",
          "- sqlite: FTS5 contentless table, unicode61 remove_diacritics 2 (no stemming), bm25 via `rank`; "
          "cache_size 256 MiB.",
          "- postgres: one tsvector per doc with the Snowball config of its language ('simple' otherwise), GIN, "
          "ts_rank_cd; timed inside the server with PL/pgSQL (no client round trip); build CPU = psql + backend; "
          "peak RSS = backend VmHWM (includes touched shared buffers).",
          "- lucene: Lucene++ 3.0, Snowball analyzer per document language, classic TF-IDF similarity, "
          "optimised to one segment.",
          "- stemming, stop words and accent folding differ between engines, so match counts differ; "
          "see the agreement table."]
    with open(os.path.join(out, "results.md"), "w") as fo:
        fo.write("\n".join(L) + "\n")
    print(f"aggregate: wrote results.json ({len(records)} records) and results.md", file=sys.stderr)


if __name__ == "__main__":
    main()
