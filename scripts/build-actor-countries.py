#!/usr/bin/env python3
"""Builds data/events/actor_countries.tsv: the country and actor group of
people, organisations and armed groups named in the PETRARCH2 actor
dictionaries, for the event finder's actors (doc/events.md).

usage: scripts/build-actor-countries.py --shared ../shared/data --out data/events/actor_countries.tsv

Python 3 standard library only; deterministic. Reads the three Phoenix actor
files (MIT, Open Event Data Alliance) and GeoNames' countryInfo.tsv (CC BY 4.0)
for the alpha-3 -> alpha-2 codes. Only facts are kept: a folded name, the
country of its most recent code, and the group its sector code implies.
"""
import argparse
import importlib.util
import io
import os
import re
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_spec = importlib.util.spec_from_file_location(
    "aliases", os.path.join(ROOT, "scripts", "build-name-aliases.py"))
aliases = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(aliases)

FILES = ["Phoenix.Countries.actors.txt", "Phoenix.MilNonState.actors.txt",
         "Phoenix.International.actors.txt"]

# Endings of English nationality adjectives (Hungarian, Chinese, Turkish, Iraqi).
DEMONYM = re.compile(r"(an|ese|ish|i|ic|ch)$")

# CAMEO sector codes -> dateline actor groups (include/dateline/events.h).
SECTORS = [("GOV", "government"), ("LEG", "government"), ("JUD", "government"),
           ("MIL", "state forces"), ("COP", "state forces"), ("SPY", "state forces"),
           ("REB", "rebel group"), ("INS", "rebel group"), ("SEP", "rebel group"),
           ("UAF", "rebel group"), ("OPP", "political party"), ("PTY", "political party"),
           ("MED", "media"), ("BUS", "business"), ("CVL", "civilians"), ("REF", "civilians"),
           ("IGO", "international organisation"), ("NGO", "other")]


def alpha2_table(shared):
    out = {}
    with open(os.path.join(shared, "geonames", "countryInfo.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) > 1 and len(cols[1]) == 3:
                out[cols[1]] = cols[0]
    return out


def town_names(shared):
    """Folded names of the towns of GeoNames' cities15000 (a town is no nationality)."""
    out = set()
    with zipfile.ZipFile(os.path.join(shared, "geonames", "cities15000.zip")) as z:
        with z.open("cities15000.txt") as f:
            for line in io.TextIOWrapper(f, encoding="utf-8"):
                cols = line.split("\t")
                if len(cols) > 3:
                    out.update(" ".join(aliases.words(n)) for n in [cols[1], cols[2]] + cols[3].split(","))
    return out


def parse_code(code):
    """'USAGOV 010120-090120' -> ('USAGOV', start) with start 0 when undated."""
    parts = code.split()
    if not parts:
        return "", -1
    dates = re.findall(r"(\d{6})", code)
    start = int(dates[0]) if dates else 0
    # YYMMDD: years from 50 are 19xx.
    if dates:
        yy = start // 10000
        start += (1900 if yy >= 50 else 2000) * 10000
    return parts[0].strip("<>"), start


def classify(codes, alpha2):
    """Country (alpha-2, "" when none) and group of an entry's codes: the most recently started code decides."""
    best, best_start = "", -2
    for c in codes:
        code, start = parse_code(c)
        if code and start > best_start:
            best, best_start = code, start
    if not best:
        return "", ""
    country = alpha2.get(best[:3], "")
    group = ""
    for i in range(3, len(best) - 2, 3):
        for sector, g in SECTORS:
            if best[i:i + 3] == sector:
                group = g
                break
        if group:
            break
    if best.startswith("IGO"):
        group = "international organisation"
    return country, group


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", required=True)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    alpha2 = alpha2_table(args.shared)
    rows = {}
    surnames = {}
    demonyms = {}
    for name in FILES:
        path = os.path.join(args.shared, "petrarch2-cameo", "dictionaries", name)
        for e in aliases.parse_actor_file(path):
            country, group = classify(e["codes"], alpha2)
            if not country and not group:
                continue
            typ = aliases.actor_type(e)
            if name == FILES[0] and typ not in ("P", "O"):
                # Country blocks list towns and provinces (the gazetteer's job)
                # and the nationality adjective ("+HUNGARIAN_"), kept as such.
                for n in e["names"][1:]:
                    w = aliases.words(n)
                    if country and len(w) == 1 and DEMONYM.search(w[0]):
                        demonyms.setdefault(w[0], set()).add(country)
                continue
            for n in e["names"]:
                n, acronym = aliases.split_acronym(n)
                for form in (n, acronym):
                    key = " ".join(aliases.words(form))
                    if len(key) < 3:
                        continue
                    rows.setdefault(key, set()).add((country, group))
                if typ == "P":
                    w = aliases.words(n)
                    if len(w) >= 2 and len(w[-1]) >= 4:
                        surnames.setdefault(w[-1], set()).add(country)
    towns = town_names(args.shared)
    for d, countries in demonyms.items():
        if len(countries) == 1 and d not in rows and d not in towns:
            rows[d] = {(next(iter(countries)), "nationality")}
    # A surname alone stands for its people when they all share one country.
    for s, countries in surnames.items():
        if len(countries) == 1 and s not in rows:
            rows[s] = {(next(iter(countries)), "")}
    lines = []
    for key in sorted(rows):
        values = rows[key]
        if len({c for c, _ in values}) != 1:
            continue  # one name, several countries: ambiguous
        country = next(iter(values))[0]
        groups = sorted({g for _, g in values if g})
        lines.append("%s\t%s\t%s" % (key, country, groups[0] if len(groups) == 1 else ""))
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("# dateline actor countries, generated by scripts/build-actor-countries.py; do not edit.\n")
        f.write("# Sources: PETRARCH2 actor dictionaries (MIT, Open Event Data Alliance), GeoNames codes (CC BY 4.0).\n")
        f.write("# FOLDED NAME<TAB>ISO 3166 ALPHA-2 (empty: none)<TAB>GROUP (empty: unknown). See data/events/SOURCE.md.\n")
        for line in lines:
            f.write(line + "\n")
    print("%d names" % len(lines))


if __name__ == "__main__":
    main()
