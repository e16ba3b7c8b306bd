#!/usr/bin/env python3
"""Builds the alias table of dateline's name keys, and the evaluation pairs.

    scripts/build-name-aliases.py [--shared ../shared/data] [--out data/names/aliases.tsv]
                                  [--pairs bench/names/pairs.tsv]

Inputs (facts only; see data/names/SOURCE.md for sources and licences):
  - PETRARCH2 actor dictionaries (MIT): name variants of people, organisations
    and countries. Actors are split in two halves by a hash of their first
    name; only the "table" half goes into the alias table, the "heldout" half
    is kept for the evaluation (bench/names).
  - GeoNames country names (CC BY 4.0): countryInfo.tsv and
    country_translations.json.
  - data/names/hand_aliases.tsv: organisations and countries in nl/en/de/fr/es/it/ar.
  - bench/names/variants.txt (for --pairs only): hand-made variant groups and non-pairs.

Output line format: TYPE <TAB> CANONICAL <TAB> ALIAS ... (TYPE P, O or L).
Python 3 standard library only; the output is deterministic.
"""

import argparse
import difflib
import hashlib
import io
import json
import os
import re
import sys
import unicodedata
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PETRARCH_FILES = ["Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
                  "Phoenix.MilNonState.actors.txt"]

# Words that make a name an organisation rather than a person.
ORG_WORDS = set("""army forces force council party organization organisation union front
movement brigade brigades ministry bank fund agency commission committee court association
group groups league nations police government parliament assembly office program programme
institute university network alliance federation coalition authority service services
corporation company bureau tribunal center centre foundation society mission militia
guard guards navy air command secretariat senate congress cabinet department airlines
news radio television agency times press channel broadcaster daily post herald tribune
revolutionary liberation islamic national people's peoples democratic republic kingdom
state states commune cells nuclei""".split())

# Words showing a variant is a role or description, not a name ("UN SECRETARY GENERAL X").
ROLE_WORDS = set("""secretary general secretary-general sec gen secy president chief minister
prime spokesman leader head chairman former un u.n. united nations world bank envoy
ambassador representative special commander deputy vice director king queen prince
emperor pope the of and""".split())

# Leading titles dropped before a person variant is judged (dateline strips these too).
TITLES = set("""mr mrs ms dr president colonel col general gen lady baroness sheikh sheik
shaikh king prince emir sultan ayatollah mullah imam haji hajji marshal field sir lord
prime minister""".split())

OFFICIAL_WORDS = set("""republic kingdom state states federation emirate emirates sultanate
principality democratic people's peoples islamic united union commonwealth federal arab
socialist grand duchy plurinational bolivarian of the and""".split())


def fold(s):
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s.casefold()


def words(s):
    return [w for w in re.split(r"[^\w'.]+", fold(s).replace("-", " ")) if w]


def clean_petrarch(raw):
    """'MUAMMAR_ABU_MINYAR_AL_QADHAFI_' -> 'Muammar Abu Minyar Al Qadhafi'; '' if unusable."""
    name = raw.strip().strip("+").replace("_", " ")
    name = re.sub(r"\s+", " ", name).strip(" ,;:")
    if not name or not re.search(r"[A-Za-z]", name):
        return ""
    return " ".join(w if re.fullmatch(r"[A-Z]{2,6}", w) and len(name.split()) == 1
                    else w.capitalize() for w in name.split())


def split_acronym(name):
    """'Aden Abyan Islamic Army (Aaia)' -> ('Aden Abyan Islamic Army', 'AAIA')."""
    m = re.fullmatch(r"(.*?)\s*\(([A-Za-z.]{2,8})\)\s*(.*)", name)
    if not m:
        return name, ""
    return (m.group(1) + " " + m.group(3)).strip(), m.group(2).upper()


def parse_actor_file(path):
    """Entries of a TABARI .actors file: dicts with names (head first), codes, comment."""
    entries, cur = [], None
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            body, _, comment = line.partition("#")
            if line[0] in " \t[":
                if cur is not None:
                    cur["codes"] += re.findall(r"\[([^\]]*)\]", body)
                continue
            name = re.split(r"[\[\t]", body)[0]
            codes = re.findall(r"\[([^\]]*)\]", body)
            if line.startswith("+"):
                if cur is not None:
                    cur["names"].append(clean_petrarch(name))
                    cur["codes"] += codes
                continue
            cur = {"names": [clean_petrarch(name)], "codes": codes, "comment": comment,
                   "file": os.path.basename(path)}
            entries.append(cur)
    return entries


def country_code(e, countries, by_name):
    """The ISO 3166 alpha-3 code of a country entry ("AFGHANISTAN_ [AFG]"), or ""."""
    first = e["codes"][0].strip() if e["codes"] else ""
    if first in countries and len(e["codes"]) == 1:
        return first
    return by_name.get(fold(e["names"][0]), "")


def actor_type(e):
    toks = set(words(" ".join(e["names"])))
    if toks & ORG_WORDS:
        return "O"
    head = words(e["names"][0])
    dated = any(re.search(r"\d{6}", c) for c in e["codes"])
    ruler = "CountryInfo" in e["comment"] or "IGOrulers" in e["comment"] or dated
    if ruler and 2 <= len(head) <= 5:
        return "P"
    return ""


def person_variant(name, head):
    """The variant as a full personal name, or '' (roles, surnames alone, other people)."""
    toks = words(name)
    while toks and toks[0] in TITLES:
        toks = toks[1:]
    if len(toks) < 2 or any(t in ROLE_WORDS for t in toks):
        return ""
    head_toks = words(head)
    last_ok = difflib.SequenceMatcher(None, toks[-1], head_toks[-1]).ratio() >= 0.6
    whole_ok = difflib.SequenceMatcher(None, " ".join(toks), " ".join(head_toks)).ratio() >= 0.6
    return name if (last_ok or whole_ok) else ""


def country_variant(name, head):
    """Spelling variants and official forms of a country name; not its cities."""
    a, b = fold(name), fold(head)
    if difflib.SequenceMatcher(None, a, b).ratio() >= 0.8:
        return name
    toks = words(name)
    if b in a and all(t in OFFICIAL_WORDS or t in words(head) for t in toks):
        return name
    return ""


def actor_names(e, typ):
    head = e["names"][0]
    out = []
    for n in e["names"]:
        if not n:
            continue
        if typ == "P":
            n = person_variant(n, head) if n != head else n
            if n:
                out.append(n)
        elif typ == "O":
            base, acr = split_acronym(n)
            out += [x for x in (base, acr) if x and not (len(words(x)) == 1 and x.istitle()
                                                         and len(x) < 4)]
        else:
            n = country_variant(n, head) if n != head else n
            if n:
                out.append(n)
    return dedupe(out)


def dedupe(names):
    seen, out = set(), []
    for n in names:
        k = fold(n)
        if k not in seen:
            seen.add(k)
            out.append(n)
    return out


def split_of(head):
    """Deterministic half split of the PETRARCH actors."""
    return "heldout" if hashlib.md5(fold(head).encode()).digest()[0] % 2 else "table"


NEWS_LANGS = {"en", "nl", "de", "fr", "es", "it", "ar", "pt"}


def load_countries(shared):
    """{iso3: (canonical English name, [names in many languages])} from GeoNames."""
    info, iso3 = {}, {}
    with open(os.path.join(shared, "geonames", "countryInfo.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            c = line.rstrip("\n").split("\t")
            info[c[16]] = (c[1], c[4])
    with open(os.path.join(shared, "geonames", "country_translations.json"),
              encoding="utf-8") as f:
        tr = json.load(f)
    for gid, (code3, name) in sorted(info.items(), key=lambda x: x[1][0]):
        # Only the languages dateline reads (and Portuguese): exonyms of other
        # languages ("Sevia", "Sabiya" for Serbia) collide with place names
        # by rule key (Zawiya).
        names = [name] + [tr.get(gid, {})[lang] for lang in sorted(tr.get(gid, {}))
                          if lang in NEWS_LANGS]
        iso3[code3] = (name, dedupe([n.strip() for n in names if n.strip()]))
    return iso3


def load_hand(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            c = line.split("\t")
            rows.append((c[0], c[1], dedupe(c[1:])))
    return rows


def load_petrarch(shared, countries):
    """(actors, country_variants): actors are dicts with type, names (head first), split."""
    by_name = {}
    for code, (_, names) in countries.items():
        for n in names:
            by_name.setdefault(fold(n), code)
    actors, country_vars = [], {}
    base = os.path.join(shared, "petrarch2-cameo", "dictionaries")
    for fname in PETRARCH_FILES:
        for e in parse_actor_file(os.path.join(base, fname)):
            if not e["names"][0]:
                continue
            code = country_code(e, countries, by_name)
            if code:
                if code not in country_vars:
                    country_vars[code] = (split_of(e["names"][0]), actor_names(e, "L"))
                continue
            typ = actor_type(e)
            names = actor_names(e, typ) if typ else []
            if names:
                actors.append({"type": typ, "names": names, "split": split_of(names[0])})
    return actors, country_vars


def drop_conflicts(tiers):
    """Rows of all tiers (hand, GeoNames, PETRARCH, in priority order). An alias claimed
    by two canonical names of one tier is dropped from both; one claimed by an earlier
    tier is dropped from the later one. Persons and others are separate name spaces."""
    owner, out = {}, []
    for rows in tiers:
        claims = {}
        for typ, canon, names in rows:
            for n in names:
                claims.setdefault((typ == "P", fold(n)), set()).add(fold(canon))
        for typ, canon, names in rows:
            kept = []
            for n in names:
                k = (typ == "P", fold(n))
                if owner.get(k, fold(canon)) == fold(canon) and len(claims[k]) == 1:
                    kept.append(n)
            out.append((typ, canon, kept))
        for k, canons in claims.items():
            if len(canons) == 1:
                owner.setdefault(k, next(iter(canons)))
    return out


def build_rows(shared):
    countries = load_countries(shared)
    actors, country_vars = load_petrarch(shared, countries)
    hand = load_hand(os.path.join(ROOT, "data", "names", "hand_aliases.tsv"))
    geo = []
    for code, (canon, names) in sorted(countries.items()):
        split, extra = country_vars.get(code, ("table", []))
        geo.append(("L", canon, dedupe(names + (extra if split == "table" else []))))
    petrarch = [(a["type"], a["names"][0], a["names"]) for a in actors
                if a["split"] == "table" and len(a["names"]) >= 2]
    return drop_conflicts([hand, geo, petrarch]), actors, country_vars, countries


def write_table(rows, path):
    with open(path, "w", encoding="utf-8") as f:
        f.write("# dateline name alias table, generated by scripts/build-name-aliases.py;"
                " do not edit.\n")
        f.write("# Sources: PETRARCH2 actor dictionaries (MIT, Open Event Data Alliance),"
                " GeoNames (CC BY 4.0, geonames.org),\n# data/names/hand_aliases.tsv."
                " See data/names/SOURCE.md.\n")
        f.write("# TYPE<TAB>CANONICAL<TAB>ALIAS...  (P person, O organisation, L place)\n")
        for typ, canon, names in rows:
            names = [n.replace("\t", " ") for n in names if n != canon]
            if names:
                f.write("\t".join([typ, canon] + names) + "\n")


TYPE_NAMES = {"P": "PER", "O": "ORG", "L": "LOC"}


PARTICLES = set("""al el ad as ash at az ar an bin ben ibn abu abou bou ould van von de der den
da di du del della dos das la le the of and y""".split())


def name_parts(name):
    return [w.strip(".'") for w in words(name) if w.strip(".'") not in PARTICLES]


def ratio(a, b):
    return difflib.SequenceMatcher(None, a, b).ratio()


def variant_pairs(actors, country_vars, countries):
    """Same-entity pairs: each actor's first name vs each variant. "petrarch" pairs are
    spellings (same number of name parts, ratio >= 0.6, >= 0.75 for organisations);
    "petrarch-form" pairs add or drop name parts ("Hamid Karzai" / "Hamid Karzai Jr")."""
    out = []
    for a in actors:
        head = a["names"][0]
        for n in a["names"][1:]:
            r = ratio(fold(n), fold(head))
            if r < (0.75 if a["type"] == "O" else 0.6):
                continue
            spelling = len(name_parts(n)) == len(name_parts(head))
            source = "petrarch" if spelling else "petrarch-form"
            out.append((1, TYPE_NAMES[a["type"]], head, n, source, a["split"]))
    for code, (split, names) in sorted(country_vars.items()):
        canon = countries[code][0]
        for n in names:
            if fold(n) != fold(canon):
                out.append((1, "LOC", canon, n, "petrarch-country", split))
    return out


def clearly_different(a, b):
    """True when each name has a part with no similar part in the other (ratio < 0.5):
    "David Miliband" / "Ed Miliband", not "Bassem Al Salem" / "Bassim Al Salem"."""
    pa, pb = name_parts(a), name_parts(b)
    if not pa or not pb:
        return False
    # Both sides need a part of their own: "Sarwar Danesh" / "Mohammad Sarwar Danesh"
    # may well be one person.
    return any(max(ratio(x, y) for y in pb) < 0.5 for x in pa) and any(
        max(ratio(y, x) for x in pa) < 0.5 for y in pb)


def last_word_block(name):
    w = name_parts(name) or words(name)
    return w[-1][:3] if w else ""


def non_pairs(actors):
    """Different actors with close names: for each actor with variants, its nearest
    other actor of the same type (ratio >= 0.7, same first three letters of the last
    name part) whose names differ in a whole part (clearly_different)."""
    blocks = {}
    for i, a in enumerate(actors):
        blocks.setdefault((a["type"], last_word_block(a["names"][0])), []).append(i)
    out, seen = [], set()
    for i, a in enumerate(actors):
        head = fold(a["names"][0])
        best, best_r = None, 0.7
        for j in blocks[(a["type"], last_word_block(a["names"][0]))]:
            other = fold(actors[j]["names"][0])
            if j == i or other == head or not clearly_different(head, other):
                continue
            r = ratio(head, other)
            if r > best_r:
                best, best_r = j, r
        if best is None or (min(i, best), max(i, best)) in seen:
            continue
        seen.add((min(i, best), max(i, best)))
        split = "heldout" if "heldout" in (a["split"], actors[best]["split"]) else "table"
        out.append((0, TYPE_NAMES[a["type"]], a["names"][0], actors[best]["names"][0],
                    "petrarch", split))
    return out


def country_non_pairs(countries):
    """Different countries with close English names (GeoNames)."""
    names = sorted(v[0] for v in countries.values())
    out = []
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            fa, fb = fold(a), fold(b)
            if ratio(fa, fb) >= 0.75 or (
                    (fa in fb or fb in fa) and min(len(fa), len(fb)) >= 4):
                out.append((0, "LOC", a, b, "geonames", "table"))
    return out


def city_non_pairs(shared, countries):
    """Cities of 50,000 people or more (GeoNames cities15000) whose name is close
    to a country's English name (ratio >= 0.8) but not one of its names
    (Almeria/Algeria, Colombo/Colombia): different places."""
    with zipfile.ZipFile(os.path.join(shared, "geonames", "cities15000.zip")) as z:
        with z.open("cities15000.txt") as raw:
            cities = sorted({c[2] for c in (line.split("\t") for line in
                                              io.TextIOWrapper(raw, encoding="utf-8"))
                             if int(c[14] or 0) >= 50000})
    out = set()
    for name, names in countries.values():
        country, known = fold(name), {fold(n) for n in names}
        for city in cities:
            if fold(city) not in known and ratio(fold(city), country) >= 0.8:
                out.add((0, "LOC", name, city, "geonames-city", "heldout"))
    return sorted(out)


def hand_pairs(path):
    """bench/names/variants.txt: 'TYPE | a | b | c' groups and 'TYPE ! a ! b' non-pairs."""
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            sep = "!" if "!" in line else "|"
            typ, *names = [x.strip() for x in line.split(sep)]
            source = "hand-org" if typ != "PER" else "hand"
            for i in range(len(names)):
                for j in range(i + 1, len(names)):
                    out.append((0 if sep == "!" else 1, typ, names[i], names[j], source,
                                "heldout" if typ == "PER" else "table"))
    return out


def write_pairs(rows, path):
    with open(path, "w", encoding="utf-8") as f:
        f.write("# Name-key evaluation pairs, generated by scripts/build-name-aliases.py"
                " --pairs; see bench/names/README.md.\n")
        f.write("# same(1/0)\ttype\tname A\tname B\tsource\tsplit\n")
        for r in rows:
            f.write("\t".join(str(x) for x in r) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared", "data"))
    ap.add_argument("--out", default=os.path.join(ROOT, "data", "names", "aliases.tsv"))
    ap.add_argument("--pairs", help="also write the evaluation pairs here")
    args = ap.parse_args()
    rows, actors, country_vars, countries = build_rows(args.shared)
    write_table(rows, args.out)
    print(f"{args.out}: {len(rows)} entries, {sum(len(r[2]) for r in rows)} names",
          file=sys.stderr)
    if args.pairs:
        pairs = variant_pairs(actors, country_vars, countries) + non_pairs(actors)
        pairs += country_non_pairs(countries) + city_non_pairs(args.shared, countries)
        pairs += hand_pairs(os.path.join(ROOT, "bench", "names", "variants.txt"))
        write_pairs(pairs, args.pairs)
        print(f"{args.pairs}: {sum(p[0] for p in pairs)} pairs,"
              f" {sum(1 - p[0] for p in pairs)} non-pairs", file=sys.stderr)


if __name__ == "__main__":
    main()
