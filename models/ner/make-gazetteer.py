#!/usr/bin/env python3
"""Writes the NER gazetteer (TYPE<TAB>name lines, sorted, deduplicated) from
../shared/data: GeoNames cities and countries (LOC), PETRARCH2 actor
dictionaries (PER: CountryInfo leaders; ORG: militias, companies, IGOs/NGOs).
With --silver, also the names tagged in the silver-standard Wikipedia corpora
(WikiNEuRal LANG/val.conllu, WikiANN LANG/train.conllu and LANG/val.conllu),
with their types, of the languages LANG given after --silver (none: all).
Usage: make-gazetteer.py SHARED_DATA_DIR OUT.tsv [--silver [LANG...]]
(deterministic)."""
import glob
import json
import re
import sys
import zipfile

data, out_path = sys.argv[1], sys.argv[2]
silver = sys.argv[3:4] == ["--silver"]
silver_langs = sys.argv[4:] or ["*"]
entries = set()


def latin(name):
    return all(ord(c) < 0x250 for c in name)


def add(kind, name):
    name = name.strip().replace("_", " ").strip()
    name = re.sub(r"\s+", " ", name)
    if len(name) >= 3 and latin(name) and len(name.split()) <= 5:
        entries.add((kind, name))


with zipfile.ZipFile(f"{data}/geonames/cities15000.zip") as z:
    for line in z.read("cities15000.txt").decode("utf-8").splitlines():
        f = line.split("\t")
        add("LOC", f[1])
        add("LOC", f[2])
        if int(f[14] or 0) >= 200000:
            for alt in f[3].split(","):
                add("LOC", alt)
for line in open(f"{data}/geonames/countryInfo.tsv", encoding="utf-8"):
    f = line.rstrip("\n").split("\t")
    if not line.startswith("#") and len(f) > 5:
        add("LOC", f[4])
        add("LOC", f[5])
for line in open(f"{data}/geonames/regionInfo.tsv", encoding="utf-8"):
    f = line.rstrip("\n").split("\t")
    if not line.startswith("#") and len(f) > 1:
        add("LOC", f[1])
translations = json.load(open(f"{data}/geonames/country_translations.json", encoding="utf-8"))
for names in translations.values():
    for lang in ("nl", "en", "de", "fr", "es", "it"):
        if lang in names:
            add("LOC", names[lang])

dicts = f"{data}/petrarch2-cameo/dictionaries"
kind = None
for line in open(f"{dicts}/Phoenix.Countries.actors.txt", encoding="utf-8", errors="replace"):
    if re.match(r"[A-Z]", line):
        kind = "PER" if "# CountryInfo.txt" in line else None
        name = line.split("#")[0].split("[")[0]
    elif line.startswith("+") and kind:
        name = line[1:].split("#")[0].split("[")[0]
    else:
        continue
    if kind:
        add(kind, name.title())
for path, pattern in ((f"{dicts}/Phoenix.MilNonState.actors.txt", r"\["),
                      (f"{dicts}/Phoenix.International.actors.txt", r"\[(IGO|NGO|MNC)")):
    for line in open(path, encoding="utf-8", errors="replace"):
        if re.match(r"[A-Z]", line) and re.search(pattern, line):
            add("ORG", line.split("#")[0].split("[")[0].title())



def add_silver(path):
    """Adds every name (IOB2 chunk) of a CoNLL file (index TAB token TAB tag)
    whose first character is a letter or digit, with its type."""
    def flush(tokens, tags):
        name, kind = [], None
        for token, tag in list(zip(tokens, tags)) + [(None, "O")]:
            if kind and not (tag.startswith("I-") and tag[2:] == kind):
                if name[0][:1].isalnum():
                    entries.add((kind, " ".join(name)))
                name, kind = [], None
            if tag.startswith("B-") or (tag.startswith("I-") and kind is None):
                name, kind = [token], tag[2:]
            elif kind:
                name.append(token)

    tokens, tags = [], []
    for line in open(path, encoding="utf-8"):
        f = line.rstrip("\n").split("\t")
        if len(f) < 3:
            flush(tokens, tags)
            tokens, tags = [], []
        else:
            tokens.append(f[1])
            tags.append(f[-1])
    flush(tokens, tags)


if silver:
    paths = []
    for lang in silver_langs:
        paths += glob.glob(f"{data}/wikineural/{lang}/val.conllu")
        paths += glob.glob(f"{data}/wikiann/{lang}/train.conllu")
        paths += glob.glob(f"{data}/wikiann/{lang}/val.conllu")
    for path in sorted(paths):
        add_silver(path)

with open(out_path, "w", encoding="utf-8") as out:
    for kind, name in sorted(entries):
        out.write(f"{kind}\t{name}\n")
