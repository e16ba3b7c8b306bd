#!/usr/bin/env python3
"""Normalise a query file for all engines: every output line is
    QUERY_TEXT <TAB> LANG <TAB> FROM <TAB> TO
where LANG is the line's own code, or the default for lines without one, and
FROM / TO (YYYY-MM-DD, inclusive) is the query's date window for the "dated"
mode: the line's own (input `text TAB lang TAB from TAB to`) or one drawn here.

QLANG_DEFAULT (environment):
  auto (default) - the most common `lang` among the first 20000 corpus docs
  none           - no language: engines match unstemmed words
  xx             - that ISO 639-1 code
DATE_WINDOWS (environment):
  auto (default) - lines without a window get one: a whole-year window of
                   1-3 years (uniform) that contains a year drawn from the
                   corpus's distribution of document years; random.Random
                   seeded with DATE_SEED (default 20240607) and the line
                   number, so the same query on the same corpus always gets
                   the same window, for every engine
  none           - only the windows given in the query file
Prints a JSON summary on stdout.
Usage: prep_queries.py CORPUS QUERIES OUT_TSV
"""
import collections
import json
import os
import random
import re
import sys

DATE_RE = re.compile(r'"date"\s*:\s*"(\d{4})-\d{2}-\d{2}')
DAY_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def corpus_years(corpus):
    """Counter of document years (the "date" field's YYYY) over the whole corpus."""
    years = collections.Counter()
    with open(corpus, encoding="utf-8", errors="replace") as f:
        for line in f:
            m = DATE_RE.search(line)
            if m:
                years[int(m.group(1))] += 1
    return years


def draw_window(seed, qidx, years, weights):
    rng = random.Random("%s:%d" % (seed, qidx))
    year = rng.choices(years, weights)[0]
    span = rng.randint(1, 3)
    start = year - rng.randrange(span)
    return "%04d-01-01" % start, "%04d-12-31" % (start + span - 1)


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    corpus, queries, out = sys.argv[1:]
    mode = os.environ.get("QLANG_DEFAULT", "auto").strip().lower()
    langs = collections.Counter()
    if mode == "auto":
        with open(corpus, encoding="utf-8", errors="replace") as f:
            for i, line in enumerate(f):
                if i >= 20000:
                    break
                try:
                    langs[(json.loads(line).get("lang") or "").lower()] += 1
                except ValueError:
                    pass
        known = [(n, l) for l, n in langs.items() if l]
        default = max(known)[1] if known else ""
    elif mode == "none":
        default = ""
    else:
        default = mode
    wmode = os.environ.get("DATE_WINDOWS", "auto").strip().lower()
    seed = os.environ.get("DATE_SEED", "20240607")
    ycount = corpus_years(corpus) if wmode == "auto" else collections.Counter()
    ylist = sorted(ycount)
    yweights = [ycount[y] for y in ylist]
    n = n_phrase = n_default = n_dated = 0
    qlangs = collections.Counter()
    with open(queries, encoding="utf-8", errors="replace") as f, open(out, "w", encoding="utf-8") as o:
        for qidx, line in enumerate(f):
            line = line.rstrip("\r\n")
            fields = line.split("\t")
            text = fields[0]
            lang = fields[1].strip().lower() if len(fields) > 1 else ""
            dfrom = fields[2].strip() if len(fields) > 3 else ""
            dto = fields[3].strip() if len(fields) > 3 else ""
            if not (DAY_RE.match(dfrom) and DAY_RE.match(dto)):
                dfrom = dto = ""
                if ylist:
                    dfrom, dto = draw_window(seed, qidx, ylist, yweights)
            text = " ".join(text.split())
            if not lang:
                lang = default
                n_default += bool(text)
            if text:  # empty lines are kept (qidx == line number) but ignored by engines
                n += 1
                n_phrase += text.count('"') >= 2
                qlangs[lang or "(none)"] += 1
                n_dated += bool(dfrom)
            o.write(f"{text}\t{lang}\t{dfrom}\t{dto}\n")
    json.dump({"queries": n, "phrase_queries": n_phrase, "dated_queries": n_dated,
               "date_windows": wmode, "corpus_years": "%s..%s" % (ylist[0], ylist[-1]) if ylist else None,
               "default_lang": default or None,
               "default_lang_mode": mode, "queries_given_default": n_default,
               "query_langs": dict(qlangs.most_common()),
               "corpus_lang_sample": dict(langs.most_common(10))}, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
