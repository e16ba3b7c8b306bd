#!/usr/bin/env python3
"""Builds dateline's bundled gazetteer from GeoNames extracts (CC BY 4.0).

Usage: scripts/build-gazetteer.py [--data ../shared/data] [--out data/gazetteer/gazetteer.bin]

Reads geonames/{cities15000.zip,cities5000_2018.zip,countryInfo.tsv,regionInfo.tsv,
country_translations.json}, keeps names in Latin and Arabic script that are plausible in
news, flags names that are also common words (from the Snowball stop word lists and from
capitalisation statistics of the NER corpora wikineural/wikiann and of Reuters-21578),
and writes the format described in doc/places.md: a 32-byte header with a CRC-32C and a
zlib-compressed TSV payload. Python 3 standard library only; the output is deterministic.
"""

import argparse
import collections
import io
import json
import math
import os
import re
import struct
import sys
import unicodedata
import zipfile
import zlib

FORMAT_VERSION = 1
MAGIC = b"DLGAZ\r\n\x1a"
MAX_NAME_CHARS = 40
MAX_NAME_WORDS = 5
DROP_FEATURES = {"PPLH", "PPLQ", "PPLW", "PPLCH", "STLMT"}

# Everyday names of countries in the languages dateline reads, where GeoNames'
# translations give only a long or official form (gazetteer facts, written here).
EXTRA_COUNTRY_NAMES = {
    "LY": ["Libya", "Libië", "Libyen", "Libye", "Libia", "ليبيا"],
    "LB": ["Lebanon", "Libanon", "Liban", "Líbano", "Libano", "لبنان"],
    "US": ["United States", "US", "U.S.", "U.S.A.", "USA", "America", "Verenigde Staten", "VS",
           "Vereinigte Staaten", "USA", "États-Unis", "Etats-Unis", "Estados Unidos", "EEUU",
           "EE.UU.", "Stati Uniti", "الولايات المتحدة", "أمريكا"],
    "GB": ["United Kingdom", "Britain", "Great Britain", "U.K.", "UK", "Verenigd Koninkrijk",
           "Groot-Brittannië", "Großbritannien", "Vereinigtes Königreich", "Royaume-Uni",
           "Grande-Bretagne", "Reino Unido", "Gran Bretaña", "Regno Unito", "Gran Bretagna",
           "بريطانيا", "المملكة المتحدة"],
    "DE": ["Germany", "Duitsland", "Deutschland", "Allemagne", "Alemania", "Germania",
           "ألمانيا"],
    "FR": ["France", "Frankrijk", "Frankreich", "Francia", "فرنسا"],
    "NL": ["Netherlands", "Nederland", "Holland", "Niederlande", "Pays-Bas", "Países Bajos",
           "Paesi Bassi", "Olanda", "هولندا"],
    "BE": ["Belgium", "België", "Belgien", "Belgique", "Bélgica", "Belgio", "بلجيكا"],
    "IT": ["Italy", "Italië", "Italien", "Italie", "Italia", "إيطاليا"],
    "ES": ["Spain", "Spanje", "Spanien", "Espagne", "España", "Spagna", "إسبانيا"],
    "EG": ["Egypt", "Egypte", "Ägypten", "Égypte", "Egipto", "Egitto", "مصر"],
    "TN": ["Tunisia", "Tunesië", "Tunesien", "Tunisie", "Túnez", "تونس"],
    "DZ": ["Algeria", "Algerije", "Algerien", "Algérie", "Argelia", "الجزائر"],
    "MA": ["Morocco", "Marokko", "Maroc", "Marruecos", "Marocco", "المغرب"],
    "SY": ["Syria", "Syrië", "Syrien", "Syrie", "Siria", "سوريا", "سورية"],
    "IQ": ["Iraq", "Irak", "العراق"],
    "IR": ["Iran", "إيران"],
    "RU": ["Russia", "Rusland", "Russland", "Russie", "Rusia", "روسيا"],
    "UA": ["Ukraine", "Oekraïne", "Ucrania", "Ucraina", "أوكرانيا"],
    "TR": ["Turkey", "Türkiye", "Turkije", "Türkei", "Turquie", "Turquía", "Turchia", "تركيا"],
    "CN": ["China", "Chine", "Cina", "الصين"],
    "JP": ["Japan", "Japon", "Japón", "Giappone", "اليابان"],
    "SA": ["Saudi Arabia", "Saoedi-Arabië", "Saudi-Arabien", "Arabie saoudite",
           "Arabia Saudita", "Arabia Saudí", "السعودية"],
    "AE": ["United Arab Emirates", "UAE", "Verenigde Arabische Emiraten",
           "Vereinigte Arabische Emirate", "Émirats arabes unis", "Emiratos Árabes Unidos",
           "Emirati Arabi Uniti", "الإمارات"],
    "QA": ["Qatar", "Katar", "قطر"],
    "GR": ["Greece", "Griekenland", "Griechenland", "Grèce", "Grecia", "اليونان"],
    "CH": ["Switzerland", "Zwitserland", "Schweiz", "Suisse", "Suiza", "Svizzera", "سويسرا"],
    "AT": ["Austria", "Oostenrijk", "Österreich", "Autriche", "النمسا"],
    "SD": ["Sudan", "Soedan", "Soudan", "Sudán", "السودان"],
    "TD": ["Chad", "Tsjaad", "Tschad", "Tchad", "Ciad", "تشاد"],
    "NE": ["Niger", "النيجر"],
    "IL": ["Israel", "Israël", "Israele", "إسرائيل"],
    "PS": ["Palestine", "Palestina", "Palästina", "فلسطين"],
    "JO": ["Jordan", "Jordanië", "Jordanien", "Jordanie", "Jordania", "Giordania", "الأردن"],
    "YE": ["Yemen", "Jemen", "Yémen", "اليمن"],
    "AF": ["Afghanistan", "Afghanistán", "أفغانستان"],
    "PK": ["Pakistan", "Pakistán", "باكستان"],
    "IN": ["India", "Indien", "Inde", "الهند"],
    "ML": ["Mali", "مالي"],
    "NG": ["Nigeria", "Nigéria", "نيجيريا"],
    "ZA": ["South Africa", "Zuid-Afrika", "Südafrika", "Afrique du Sud", "Sudáfrica",
           "Sudafrica", "جنوب أفريقيا"],
    "MX": ["Mexico", "Mexiko", "Mexique", "México", "Messico", "المكسيك"],
    "BR": ["Brazil", "Brazilië", "Brasilien", "Brésil", "Brasil", "Brasile", "البرازيل"],
    "KR": ["South Korea", "Zuid-Korea", "Südkorea", "Corée du Sud", "Corea del Sur",
           "Corea del Sud", "كوريا الجنوبية"],
    "KP": ["North Korea", "Noord-Korea", "Nordkorea", "Corée du Nord", "Corea del Norte",
           "Corea del Nord", "كوريا الشمالية"],
    "CD": ["DR Congo", "Congo-Kinshasa"],
    "PL": ["Poland", "Polen", "Pologne", "Polonia", "بولندا"],
    "SE": ["Sweden", "Zweden", "Schweden", "Suède", "Suecia", "Svezia", "السويد"],
    "DK": ["Denmark", "Denemarken", "Dänemark", "Danemark", "Dinamarca", "Danimarca",
           "الدنمارك"],
    "NO": ["Norway", "Noorwegen", "Norwegen", "Norvège", "Noruega", "Norvegia", "النرويج"],
    "IE": ["Ireland", "Ierland", "Irland", "Irlande", "Irlanda", "أيرلندا"],
    "PT": ["Portugal", "Portogallo", "البرتغال"],
    "CA": ["Canada", "Kanada", "Canadá", "كندا"],
    "AU": ["Australia", "Australië", "Australien", "Australie", "أستراليا"],
    "GE": ["Georgia", "Georgië", "Georgien", "Géorgie", "جورجيا"],
}

# Short or everyday names of admin regions and other places often written in news.
EXTRA_PLACE_NAMES = {
    2210247: ["Tripolis", "Tripoli", "طرابلس"],
    266826: ["Tripoli", "Tripolis", "طرابلس"],
    2643743: ["Londen", "Londres", "Londra", "لندن"],
    2988507: ["Parijs", "Parigi", "باريس"],
    360630: ["Caïro", "Kairo", "Le Caire", "El Cairo", "Il Cairo", "القاهرة"],
}

# Continents (GeoNames ids and representative points; feature CONT, no country).
CONTINENTS = [
    (6255146, "Africa", 7.19, 21.09, ["Afrika", "Afrique", "África", "أفريقيا", "إفريقيا"]),
    (6255147, "Asia", 29.84, 89.30, ["Azië", "Asien", "Asie", "آسيا"]),
    (6255148, "Europe", 48.69, 9.14, ["Europa", "أوروبا"]),
    (6255149, "North America", 46.07, -100.55, ["Noord-Amerika", "Nordamerika",
                                                  "Amérique du Nord", "América del Norte",
                                                  "America del Nord", "أمريكا الشمالية"]),
    (6255150, "South America", -14.60, -57.66, ["Zuid-Amerika", "Südamerika",
                                                 "Amérique du Sud", "América del Sur",
                                                 "America del Sud", "أمريكا الجنوبية"]),
    (6255151, "Oceania", -18.31, 138.52, ["Oceanië", "Ozeanien", "Océanie", "أوقيانوسيا"]),
    (6255152, "Antarctica", -78.16, 16.41, ["Antarctica", "Antarktis", "Antarctique",
                                           "Antártida", "Antartide", "القارة القطبية الجنوبية"]),
]

LOC_TAGS = {"B-LOC", "I-LOC"}
OTHER_TAGS = {"O", "B-PER", "I-PER"}  # organisations are often clubs named after towns


def crc32c_table():
    table = []
    for i in range(256):
        c = i
        for _ in range(8):
            c = (c >> 1) ^ 0x82F63B78 if c & 1 else c >> 1
        table.append(c)
    return table


def crc32c(data):
    table = crc32c_table()
    crc = 0xFFFFFFFF
    for b in data:
        crc = table[(crc ^ b) & 0xFF] ^ (crc >> 8)
    return crc ^ 0xFFFFFFFF


def rough_fold(s):
    """Case and diacritics folding close to dateline's Fold, for deduplication only."""
    d = unicodedata.normalize("NFD", s.casefold())
    return "".join(ch for ch in d if not unicodedata.combining(ch) and ch != "\u0640")


def script_of(ch):
    o = ord(ch)
    if 0x0600 <= o <= 0x06FF or 0x0750 <= o <= 0x077F or 0xFB50 <= o <= 0xFDFF or \
            0xFE70 <= o <= 0xFEFF:
        return "arab"
    if ch.isalpha():
        return "latn" if "LATIN" in unicodedata.name(ch, "") else "other"
    return "punct"


def plausible_name(name, curated=False):
    """True for a Latin- or Arabic-script name that news text could contain."""
    name = name.strip()
    if len(name) < 2 or len(name) > MAX_NAME_CHARS:
        return False
    if len(name.split()) > MAX_NAME_WORDS or "http" in name or "www." in name:
        return False
    if any(ch.isdigit() or ch in "|\t\n,;()[]/:\"" or ch == "\u060c" for ch in name):
        return False
    scripts = {script_of(ch) for ch in name} - {"punct"}
    if scripts not in ({"latn"}, {"arab"}):
        return False
    if scripts == {"latn"}:
        if not name[0].isupper() and not name[0] in "'’":
            return False  # lower-case romanisations ("tarabulus", "de li bo li")
        if name.isupper() and len(name) <= 4 and not curated:
            return False  # airport and other codes ("TIP")
    return True


def read_cities(path, member):
    with zipfile.ZipFile(path) as z:
        with z.open(member) as f:
            for line in io.TextIOWrapper(f, encoding="utf-8"):
                cols = line.rstrip("\n").split("\t")
                if len(cols) >= 19:
                    yield cols


def load_cities(data):
    geo = os.path.join(data, "geonames")
    cities = {}
    for cols in read_cities(os.path.join(geo, "cities15000.zip"), "cities15000.txt"):
        cities[int(cols[0])] = cols
    for cols in read_cities(os.path.join(geo, "cities5000_2018.zip"), "cities5000.txt"):
        gid = int(cols[0])
        if gid not in cities and int(cols[14] or 0) >= 5000:
            cities[gid] = cols
    return {gid: c for gid, c in cities.items() if c[7] not in DROP_FEATURES}


def load_countries(data):
    countries = {}
    with open(os.path.join(data, "geonames", "countryInfo.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 17 or not cols[16]:
                continue
            countries[cols[0]] = {"iso3": cols[1], "name": cols[4], "pop": int(cols[7] or 0),
                                  "gid": int(cols[16])}
    return countries


def load_regions(data):
    regions = {}
    with open(os.path.join(data, "geonames", "regionInfo.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) >= 4 and cols[3]:
                regions[cols[0]] = {"name": cols[1], "ascii": cols[2], "gid": int(cols[3])}
    return regions


def add_names(names, candidates, curated=False):
    """Appends plausible names of `candidates` not yet in `names` (by rough fold)."""
    seen = {rough_fold(n) for n in names}
    for n in candidates:
        n = n.strip()
        key = rough_fold(n)
        if key and key not in seen and plausible_name(n, curated):
            seen.add(key)
            names.append(n)


def representative_point(points):
    """The point of `points` nearest their mean: a real place inside the area."""
    if not points:
        return None
    mlat = sum(p[0] for p in points) / len(points)
    mlon = sum(p[1] for p in points) / len(points)
    return min(points, key=lambda p: ((p[0] - mlat) ** 2 + ((p[1] - mlon) *
                                                             math.cos(math.radians(mlat))) ** 2,
                                      p[0], p[1]))


def city_rows(cities, regions):
    rows = []
    for gid in sorted(cities):
        c = cities[gid]
        primary = []
        add_names(primary, [c[1], c[2]])
        alt = list(primary)
        add_names(alt, EXTRA_PLACE_NAMES.get(gid, []), curated=True)
        add_names(alt, c[3].split(","))
        region = regions.get(c[8] + "." + c[10], {}).get("name", "")
        rows.append([gid, c[7], c[8], float(c[4]), float(c[5]), int(c[14] or 0), region, c[1],
                     "", primary, alt[len(primary):]])
    return rows


def region_rows(cities, regions):
    members = collections.defaultdict(list)
    for c in cities.values():
        members[c[8] + "." + c[10]].append((float(c[4]), float(c[5]), int(c[14] or 0)))
    rows = []
    for code in sorted(regions, key=lambda k: regions[k]["gid"]):
        r = regions[code]
        point = representative_point(members.get(code, []))
        if point is None:
            continue
        pop = sum(p[2] for p in members[code])
        primary = []
        add_names(primary, [r["name"], r["ascii"]])
        rows.append([r["gid"], "ADM1", code.split(".")[0], point[0], point[1], pop, "",
                     r["name"], "", primary, []])
    return rows


def country_rows(data, cities, countries):
    with open(os.path.join(data, "geonames", "country_translations.json"),
              encoding="utf-8") as f:
        translations = json.load(f)
    members = collections.defaultdict(list)
    for c in cities.values():
        members[c[8]].append((float(c[4]), float(c[5]), 0))
    rows = []
    for cc in sorted(countries):
        info = countries[cc]
        point = representative_point(members.get(cc, []))
        if point is None:
            continue
        primary = []
        add_names(primary, [info["name"]] + EXTRA_COUNTRY_NAMES.get(cc, []), curated=True)
        tr = translations.get(str(info["gid"]), {})
        alt = list(primary)
        add_names(alt, [tr[lang] for lang in sorted(tr)])
        rows.append([info["gid"], "PCLI", cc, point[0], point[1], info["pop"], "", info["name"],
                     cc + "|" + info["iso3"], primary, alt[len(primary):]])
    return rows


def continent_rows():
    rows = []
    for gid, name, lat, lon, names in CONTINENTS:
        primary = []
        add_names(primary, [name] + names, curated=True)
        rows.append([gid, "CONT", "", lat, lon, 0, "", name, "", primary, []])
    return rows


def read_conll_stats(path, stats):
    """Counts capitalised tokens not at sentence start as location or not."""
    with open(path, encoding="utf-8") as f:
        prev_blank = True
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 3:
                prev_blank = True
                continue
            word, tag = cols[1], cols[-1]
            if not prev_blank and word[:1].isupper():
                if tag in LOC_TAGS:
                    stats[rough_fold(word)][0] += 1
                elif tag in OTHER_TAGS:
                    stats[rough_fold(word)][1] += 1
            prev_blank = False


def read_reuters_case(data, lower, upper):
    """Counts lower-case and mid-sentence capitalised words of Reuters-21578 bodies."""
    folder = os.path.join(data, "reuters21578")
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".sgm"):
            continue
        with open(os.path.join(folder, name), encoding="latin-1") as f:
            text = f.read()
        for body in re.findall(r"<BODY>(.*?)</BODY>", text, re.S):
            words = re.findall(r"[A-Za-z]+|[.!?]", body)
            for prev, w in zip(["."] + words, words):
                if w.islower():
                    lower[w] += 1
                elif w[:1].isupper() and prev not in ".!?" and not w.isupper():
                    upper[w.lower()] += 1


def common_words(data):
    """Folded words that are common words (or mostly non-places) in news text."""
    common = set()
    sw = os.path.join(data, "stopwords-snowball")
    for lang in ["dutch", "english", "german", "french", "spanish", "italian", "arabic"]:
        with open(os.path.join(sw, lang), encoding="utf-8") as f:
            common.update(rough_fold(w.strip()) for w in f if w.strip())
    stats = collections.defaultdict(lambda: [0, 0])
    for corpus, split in [("wikineural", "val"), ("wikiann", "train")]:
        root = os.path.join(data, corpus)
        for lang in sorted(os.listdir(root)):
            path = os.path.join(root, lang, split + ".conllu")
            if os.path.exists(path):
                read_conll_stats(path, stats)
    common.update(w for w, (loc, other) in stats.items() if other >= 4 and other > 3 * loc)
    lower, upper = collections.Counter(), collections.Counter()
    read_reuters_case(data, lower, upper)
    common.update(w for w, n in lower.items() if n >= 3 and n > upper[w])
    return common


def format_row(row):
    gid, feature, cc, lat, lon, pop, admin1, name, codes, primary, alt = row
    return "\t".join([str(gid), feature, cc, "%.5f" % lat, "%.5f" % lon, str(pop), admin1, name,
                      codes, "|".join(primary), "|".join(alt)])


def build_payload(data):
    cities = load_cities(data)
    countries = load_countries(data)
    regions = load_regions(data)
    rows = continent_rows() + country_rows(data, cities, countries) + \
        region_rows(cities, regions) + city_rows(cities, regions)
    used = set()
    for row in rows:
        used.update(rough_fold(n) for n in row[9] + row[10])
    protected = {rough_fold(n) for row in rows if row[1] in ("PCLI", "CONT") for n in row[9]}
    common = sorted((common_words(data) & used) - protected)
    lines = ["dateline-gazetteer\t%d\t%d\t%d" % (FORMAT_VERSION, len(rows), len(common))]
    lines += [format_row(r) for r in rows]
    lines += ["~" + w for w in common]
    return ("\n".join(lines) + "\n").encode("utf-8"), len(rows), len(common)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=os.path.join(here, "..", "..", "shared", "data"))
    ap.add_argument("--out", default=os.path.join(here, "..", "data", "gazetteer",
                                                  "gazetteer.bin"))
    args = ap.parse_args()
    payload, n_rows, n_common = build_payload(args.data)
    packed = zlib.compress(payload, 9)
    header = MAGIC + struct.pack("<IIIIII", FORMAT_VERSION, 1, len(payload), len(packed),
                                 crc32c(packed), crc32c(payload))
    with open(args.out, "wb") as f:
        f.write(header + packed)
    print("%s: %d entries, %d common words, %d bytes (%d unpacked)" %
          (args.out, n_rows, n_common, len(header) + len(packed), len(payload)),
          file=sys.stderr)


if __name__ == "__main__":
    main()
