#!/usr/bin/env python3
"""bench/results/NAME/results.json (one per corpus) -> bench/results/summary.md and
bench/results/scaling.svg (hand-written SVG: top10 median / p95 latency and ingest rate
against corpus size, one colour per engine; scaled corpora as lines, the real corpus as
hollow markers).
Usage: summarize.py RESULTS_DIR"""
import json
import math
import os
import sys

COLORS = {"dateline": "#d62728", "xapian": "#1f77b4", "sqlite": "#2ca02c", "postgres": "#9467bd",
          "lucene": "#ff7f0e"}
EXTRA = ["#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"]
MODES = ("top10", "top10count", "count", "phrase", "dated")


def load(rdir):
    runs = []
    for name in os.listdir(rdir):
        p = os.path.join(rdir, name, "results.json")
        if os.path.isfile(p):
            d = json.load(open(p))
            runs.append((name, d))
    runs.sort(key=lambda r: (r[0] != "real", r[1]["run"].get("docs", 0)))
    return runs


def fmt(v, nd=2):
    if v is None:
        return "–"
    if isinstance(v, float):
        return f"{v:.{nd}f}"
    return str(v)


def per_engine(d):
    """engine -> {"base": record, mode: record}"""
    out = {}
    for r in d["records"]:
        e = out.setdefault(r["engine"], {"base": r})
        if r.get("mode"):
            e[r["mode"]] = r
    return out


def summary_md(runs):
    L = ["# dateline vs peer engines: summary", "",
         "One section per corpus (`real` = the real news corpus; numbers = scaled corpora of that many documents). "
         "Latency in ms: per-query median over the repetitions, then median / p95 / p99 over the queries; "
         "×ref = median ÷ the reference engine's median (above 1 = slower than the reference). "
         "Full tables, agreement and notes: `NAME/results.md`.", ""]
    for name, d in runs:
        run = d["run"]
        ref = d.get("reference_engine")
        L += [f"## {name}: {run.get('docs')} docs, {fmt((run.get('corpus_bytes') or 0) / 2**20, 1)} MiB "
              f"(`{run.get('corpus')}`), reference {ref}", "",
              "| engine | status | build s | docs/s | build peak RSS MiB | index MiB | w/o store | top10 median | p95 | p99 | "
              "top10 QPS | ×ref | top10count median | count median | phrase median | dated median | dated ×ref |",
              "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
        for e, recs in per_engine(d).items():
            b = recs["base"]
            t = recs.get("top10", {})
            rate = round(b["docs_indexed"] / b["build_wall_s"]) if b.get("docs_indexed") and b.get("build_wall_s") else None
            L.append(f"| {e} | {b['status']} | {fmt(b.get('build_wall_s'))} | {fmt(rate)} | "
                     f"{fmt(b.get('build_peak_rss_mb'), 1)} | {fmt(b.get('index_mb'), 1)} | {fmt(b.get('index_nostore_mb'), 1)} | "
                     f"{fmt(t.get('median_ms'), 3)} | {fmt(t.get('p95_ms'), 3)} | {fmt(t.get('p99_ms'), 3)} | "
                     f"{fmt(t.get('qps'), 0)} | {fmt(t.get('median_vs_ref'))} | "
                     f"{fmt(recs.get('top10count', {}).get('median_ms'), 3)} | "
                     f"{fmt(recs.get('count', {}).get('median_ms'), 3)} | "
                     f"{fmt(recs.get('phrase', {}).get('median_ms'), 3)} | "
                     f"{fmt(recs.get('dated', {}).get('median_ms'), 3)} | "
                     f"{fmt(recs.get('dated', {}).get('median_vs_ref'))} |")
        pb = d.get("paired_builds_vs_ref") or {}
        if pb:
            L += ["", f"Paired builds ({ref} ÷ engine, median over rounds in which both built one right "
                  "after the other): " + "; ".join(f"{e} {fmt(p.get('median'), 3)} ({p.get('rounds')} round{'' if p.get('rounds') == 1 else 's'})"
                                                   for e, p in pb.items()) + "."]
        ag = d.get("agreement_vs_ref") or {}
        if ag:
            L += ["", f"Agreement with {ref}: " + "; ".join(
                f"{e} counts equal {fmt(a.get('count_equal_pct'), 1)}%, top-10 overlap "
                f"{fmt(a.get('top10_overlap_pct'), 1)}%, dated overlap {fmt(a.get('dated_top10_overlap_pct'), 1)}%"
                for e, a in ag.items() if e != ref) + "."]
        L.append("")
    L += ["![scaling](scaling.svg)", ""]
    return "\n".join(L)


def svg_chart(runs):
    """Two log-log panels: top10 latency (median solid, p95 dashed) and ingest docs/s, vs docs."""
    pts = {}  # engine -> list of (docs, median, p95, rate, is_real)
    for name, d in runs:
        for e, recs in per_engine(d).items():
            b, t = recs["base"], recs.get("top10")
            if b["status"] != "ok" or not t:
                continue
            docs = b.get("docs_indexed") or d["run"].get("docs")
            rate = docs / b["build_wall_s"] if b.get("build_wall_s") else None
            pts.setdefault(e, []).append((docs, t["median_ms"], t["p95_ms"], rate, name == "real"))
    engines = list(pts)
    colors = {e: COLORS.get(e) or EXTRA[i % len(EXTRA)] for i, e in enumerate(engines)}
    W, H, PW, PH, ML, MT = 1110, 430, 380, 330, 80, 50
    panels = [("top10 latency (ms): median —, p95 - -", lambda p: [p[1], p[2]]),
              ("ingest rate (docs/s, build wall time)", lambda p: [p[3]])]
    allx = [p[0] for ps in pts.values() for p in ps] or [1, 10]
    x0, x1 = math.floor(math.log10(min(allx))), math.ceil(math.log10(max(allx)))
    if x1 == x0:
        x1 += 1
    o = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" '
         'font-family="sans-serif" font-size="12">', f'<rect width="{W}" height="{H}" fill="white"/>']
    for k, (title, get) in enumerate(panels):
        ox = ML + k * (PW + 110)
        ys = [v for ps in pts.values() for p in ps for v in get(p) if v]
        if not ys:
            ys = [1, 10]
        y0, y1 = math.floor(math.log10(min(ys))), math.ceil(math.log10(max(ys)))
        if y1 == y0:
            y1 += 1
        X = lambda v: ox + (math.log10(v) - x0) / (x1 - x0) * PW  # noqa: E731
        Y = lambda v: MT + PH - (math.log10(v) - y0) / (y1 - y0) * PH  # noqa: E731
        o.append(f'<text x="{ox + PW / 2}" y="{MT - 18}" text-anchor="middle" font-weight="bold">{title}</text>')
        o.append(f'<rect x="{ox}" y="{MT}" width="{PW}" height="{PH}" fill="none" stroke="#444"/>')
        for e10 in range(x0, x1 + 1):
            x = X(10 ** e10)
            o.append(f'<line x1="{x:.1f}" y1="{MT}" x2="{x:.1f}" y2="{MT + PH}" stroke="#ddd"/>')
            o.append(f'<text x="{x:.1f}" y="{MT + PH + 16}" text-anchor="middle">{10 ** e10:g}</text>')
        for e10 in range(y0, y1 + 1):
            y = Y(10 ** e10)
            o.append(f'<line x1="{ox}" y1="{y:.1f}" x2="{ox + PW}" y2="{y:.1f}" stroke="#ddd"/>')
            o.append(f'<text x="{ox - 6}" y="{y + 4:.1f}" text-anchor="end">{10 ** e10:g}</text>')
        o.append(f'<text x="{ox + PW / 2}" y="{MT + PH + 34}" text-anchor="middle">documents (log)</text>')
        for e in engines:
            c = colors[e]
            ps = sorted(pts[e])
            for si in range(len(get(ps[0])) if ps else 0):
                dash = ' stroke-dasharray="5,4"' if si == 1 else ""
                line = [(X(p[0]), Y(get(p)[si])) for p in ps if not p[4] and get(p)[si]]
                if len(line) > 1:
                    o.append(f'<polyline fill="none" stroke="{c}" stroke-width="2"{dash} points="' +
                             " ".join(f"{x:.1f},{y:.1f}" for x, y in line) + '"/>')
                for p in ps:
                    v = get(p)[si]
                    if not v:
                        continue
                    fill = "white" if p[4] else c
                    o.append(f'<circle cx="{X(p[0]):.1f}" cy="{Y(v):.1f}" r="4" fill="{fill}" stroke="{c}" '
                             f'stroke-width="1.5"><title>{e} {p[0]} docs: {v:.4g}</title></circle>')
    lx = ML + 2 * PW + 110 + 30
    for i, e in enumerate(engines):
        y = MT + 10 + i * 20
        o.append(f'<line x1="{lx}" y1="{y}" x2="{lx + 22}" y2="{y}" stroke="{colors[e]}" stroke-width="3"/>')
        o.append(f'<text x="{lx + 28}" y="{y + 4}">{e}</text>')
    y = MT + 20 + len(engines) * 20
    o.append(f'<circle cx="{lx + 11}" cy="{y}" r="4" fill="white" stroke="#444"/>'
             f'<text x="{lx + 28}" y="{y + 4}">real corpus</text>')
    o.append(f'<circle cx="{lx + 11}" cy="{y + 20}" r="4" fill="#444"/>'
             f'<text x="{lx + 28}" y="{y + 24}">scaled</text>')
    o.append("</svg>")
    return "\n".join(o) + "\n"


def main():
    rdir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "results")
    runs = load(rdir)
    if not runs:
        sys.exit(f"summarize: no */results.json under {rdir}")
    open(os.path.join(rdir, "summary.md"), "w").write(summary_md(runs))
    open(os.path.join(rdir, "scaling.svg"), "w").write(svg_chart(runs))
    print(f"summarize: {len(runs)} corpora -> summary.md, scaling.svg", file=sys.stderr)


if __name__ == "__main__":
    main()
