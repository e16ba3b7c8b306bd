#!/usr/bin/env python3
"""Extracts the evaluation texts of bench/places from ../shared/data into a work folder.

Usage: bench/places/prepare.py [--data ../shared/data] [--out /tmp/places-eval]

Writes (nothing here is committed: the texts stay in the work folder)
  docs/ecb_<file>.txt   ECB+ documents (tokens joined by spaces, one sentence a line)
  docs/dice_<id>.txt    DICE gold articles (title, blank line, text)
  ecb_loc.tsv           the capitalised LOC_GEO mentions of ECB+: doc, start, end, text
  dice_loc.tsv          the capitalised one-or-two-word LOC spans of DICE: doc, start, end, text
  bbc.txt               BBC News articles separated by form feeds (speed measurement)
  gdelt.tsv             distinct GDELT ActionGeo places (city/landmark types 3 and 4):
                        full name, country (FIPS), lat, lon
The gold file bench/places/gold.tsv refers to documents by these names and to mentions by
byte offsets into them.
"""

import argparse
import csv
import json
import os
import re
import tarfile
import xml.etree.ElementTree as ET


def ecb_docs(data, out):
    docs = os.path.join(out, "docs")
    rows = []
    with tarfile.open(os.path.join(data, "ecbplus", "ECBplus_topics01-35_train_dev.tar.xz")) as t:
        for member in sorted(t.getmembers(), key=lambda m: m.name):
            if not member.name.endswith(".xml") or "/._" in member.name:
                continue
            root = ET.fromstring(t.extractfile(member).read())
            name = "ecb_" + os.path.basename(member.name)[:-4] + ".txt"
            text, spans = render_tokens(root)
            with open(os.path.join(docs, name), "wb") as f:
                f.write(text)
            for m in root.iter():
                if m.tag != "LOC_GEO":
                    continue
                ids = [a.get("t_id") for a in m.findall("token_anchor")]
                if not ids or any(i not in spans for i in ids):
                    continue
                start, end = spans[ids[0]][0], spans[ids[-1]][1]
                mention = text[start:end].decode("utf-8")
                if mention[:1].isupper():
                    rows.append((name, start, end, mention))
    return rows


def render_tokens(root):
    """Joins tokens with spaces and sentences with newlines; returns bytes and spans."""
    out = bytearray()
    spans = {}
    last_sentence = None
    for tok in root.findall("token"):
        s = tok.get("sentence")
        if last_sentence is not None:
            out += b"\n" if s != last_sentence else b" "
        last_sentence = s
        word = (tok.text or "").encode("utf-8")
        spans[tok.get("t_id")] = (len(out), len(out) + len(word))
        out += word
    return bytes(out) + b"\n", spans


def dice_docs(data, out):
    rows = []
    path = os.path.join(data, "dice-italian-crime", "IAA_round2", "gold_standard.jsonl")
    with open(path, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            name = "dice_%s.txt" % d["id"]
            head = ((d.get("title") or "") + "\n\n").encode("utf-8")
            text = d["text"]
            with open(os.path.join(out, "docs", name), "wb") as g:
                g.write(head + text.encode("utf-8"))
            for e in d["entities"]:
                if e["label"] != "LOC":
                    continue
                s, t = e["start_offset"], e["end_offset"]
                mention = text[s:t]
                if mention[:1].isupper() and len(mention.split()) <= 2:
                    b = len(head) + len(text[:s].encode("utf-8"))
                    rows.append((name, b, b + len(mention.encode("utf-8")), mention))
    return rows


def gdelt_places(data):
    seen = {}
    for month in ["aug2012.csv", "sept2012.csv"]:
        with open(os.path.join(data, "gdelt-sample", month), encoding="utf-8") as f:
            for row in csv.DictReader(f):
                for side in ["Actor1Geo", "Actor2Geo", "ActionGeo"]:
                    if row[side + "_Type"] not in ("3", "4"):
                        continue
                    name = row[side + "_FullName"]
                    seen.setdefault(name, (row[side + "_CountryCode"], row[side + "_Lat"],
                                           row[side + "_Long"]))
    return [(n,) + seen[n] for n in sorted(seen)]


def bbc_texts(data, out):
    """All BBC News articles in one file, separated by form feeds (for the speed test)."""
    import zipfile
    with zipfile.ZipFile(os.path.join(data, "bbc-news", "bbc-fulltext.zip")) as z:
        names = sorted(n for n in z.namelist() if n.endswith(".txt"))
        with open(os.path.join(out, "bbc.txt"), "wb") as f:
            for n in names:
                f.write(z.read(n).decode("latin-1").encode("utf-8") + b"\n\f\n")


def wikinews_docs(data, out):
    """English Wikinews 2019 articles (CC BY 2.5) as docs/wn_<row>.txt: title, blank line, text.
    The held-out gold set (gold-heldout.tsv) refers to these by row number."""
    import csv
    csv.field_size_limit(1 << 24)
    with open(os.path.join(data, "wikinews-en", "wikinews_2019.csv"), encoding="utf-8",
              newline="") as f:
        for i, row in enumerate(csv.DictReader(f)):
            with open(os.path.join(out, "docs", "wn_%03d.txt" % i), "wb") as g:
                g.write((row["title"] + "\n\n" + row["text"]).encode("utf-8"))


def write_tsv(path, rows):
    with open(path, "w", encoding="utf-8") as f:
        for r in rows:
            f.write("\t".join(str(x) for x in r) + "\n")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=os.path.join(here, "..", "..", "..", "shared", "data"))
    ap.add_argument("--out", default="/tmp/places-eval")
    args = ap.parse_args()
    os.makedirs(os.path.join(args.out, "docs"), exist_ok=True)
    write_tsv(os.path.join(args.out, "ecb_loc.tsv"), ecb_docs(args.data, args.out))
    write_tsv(os.path.join(args.out, "dice_loc.tsv"), dice_docs(args.data, args.out))
    write_tsv(os.path.join(args.out, "gdelt.tsv"), gdelt_places(args.data))
    bbc_texts(args.data, args.out)
    wikinews_docs(args.data, args.out)


if __name__ == "__main__":
    main()
