#!/usr/bin/env python3
"""Samples real English news articles from ../shared/data (Wikinews 2019, BBC
News) and prints the quotes dateline finds in them, for checking by hand.

usage: bench/quotes/real.py [DATELINE_BINARY] [N]   (N articles per corpus, default 5)
Exits 0 with a message when ../shared/data is absent.
"""
import csv
import json
import os
import random
import subprocess
import sys
import tempfile
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared", "data"))


def wikinews(n, rng):
    path = os.path.join(SHARED, "wikinews-en", "wikinews_2019.csv")
    if not os.path.exists(path):
        return []
    csv.field_size_limit(1 << 24)
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return [("wikinews:" + r["url"].rsplit("/", 1)[-1][:50], r["text"]) for r in rng.sample(rows, n)]


def bbc(n, rng):
    path = os.path.join(SHARED, "bbc-news", "bbc-fulltext.zip")
    if not os.path.exists(path):
        return []
    with zipfile.ZipFile(path) as z:
        names = sorted(x for x in z.namelist() if x.endswith(".txt"))
        return [("bbc:" + x.split("bbc/", 1)[-1], z.read(x).decode("utf-8", "replace"))
                for x in rng.sample(names, n)]


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "..", "build", "bin", "dateline")
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    if not os.path.isdir(SHARED):
        print("real.py: %s absent, skipped" % SHARED)
        return 0
    rng = random.Random(9)
    articles = wikinews(n, rng) + bbc(n, rng)
    total = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name, text in articles:
            path = os.path.join(tmp, "a.txt")
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            out = subprocess.run([binary, "extract", "--json", "--text", "--lang", "en", path],
                                 capture_output=True, text=True, check=True).stdout
            quotes = json.loads(out)["quotes"]
            total += len(quotes)
            print("== %s (%d bytes, %d quotes)" % (name, len(text.encode()), len(quotes)))
            for q in quotes:
                print("  [%s] %s <%s>: %s" % (q["kind"][0], q["speaker"] or "-", q["speaker_key"] or "",
                                            q["text"][:150]))
    print("%d articles, %d quotes" % (len(articles), total))
    return 0


if __name__ == "__main__":
    sys.exit(main())
