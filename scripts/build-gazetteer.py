#!/usr/bin/env python3
"""Builds dateline's bundled gazetteer from GeoNames extracts (CC BY 4.0).

Usage: scripts/build-gazetteer.py [--data ../shared/data] [--out data/gazetteer/gazetteer.bin]
                                  [--zlib] [--fold-check NAMES.tsv]

Reads geonames/{cities15000.zip,cities5000_2018.zip,countryInfo.tsv,regionInfo.tsv,
country_translations.json}, keeps names in Latin and Arabic script that are plausible in
news, flags names that are also common words (from the Snowball stop word lists and from
capitalisation statistics of the NER corpora wikineural/wikiann and of Reuters-21578),
and writes format version 2 described in doc/places.md: a 64-byte header with CRC-32Cs and
an image the loader uses in place (fixed-size entry records, a hash table of names folded
as dateline's Fold does, postings, a Bloom filter of first words), stored uncompressed
(or zlib with --zlib). Python 3 standard library only; the output is deterministic.
`--fold-check` writes every name with its key so that `eval_places foldcheck` can check
that this script folds exactly as the C++ code (src/text/fold.cc) does.
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

FORMAT_VERSION = 2
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
    for b in memoryview(data):
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


def name_words(name):
    return re.findall(r"\w+", rough_fold(name))


def part_of(words, longer):
    """True if `words` are a strict contiguous part of `longer` ("Verde" of "Camp Verde")."""
    n = len(words)
    return n < len(longer) and any(longer[i:i + n] == words for i in range(len(longer) - n + 1))


PARTIAL_NAME_MAX_POPULATION = 50000


def drop_partial_names(primary, alt, population):
    """Alternate names that are only a part of the main name ("Verde" for Camp Verde, "Lys" for
    Lys-lez-Lannoy) match other things far more often than the place, unless it is a big city
    ("Frankfurt" for Frankfurt am Main)."""
    if population >= PARTIAL_NAME_MAX_POPULATION:
        return alt
    longer = [name_words(n) for n in primary]
    return [a for a in alt if not any(part_of(name_words(a), w) for w in longer)]


ARABIC_COUNTRIES = {"AE", "BH", "DZ", "EG", "IQ", "JO", "KW", "LB", "LY", "MA", "MR", "OM", "PS",
                    "QA", "SA", "SD", "SY", "TN", "YE"}


def arabic_variants(names):
    """Romanisations of Arabic names without the final -h of ta marbuta ("Al 'Aziziyah" ->
    "Al 'Aziziya", as news writes them)."""
    out = []
    for n in names:
        if re.search(r"[aA]h$", n) and len(n) > 4:
            out.append(n[:-1])
    return out


def city_rows(cities, regions):
    rows = []
    for gid in sorted(cities):
        c = cities[gid]
        primary = []
        add_names(primary, [c[1], c[2]])
        alt = list(primary)
        add_names(alt, EXTRA_PLACE_NAMES.get(gid, []), curated=True)
        add_names(alt, c[3].split(","))
        if c[8] in ARABIC_COUNTRIES:
            add_names(alt, arabic_variants(list(alt)))
        region = regions.get(c[8] + "." + c[10], {}).get("name", "")
        pop = int(c[14] or 0)
        rows.append([gid, c[7], c[8], float(c[4]), float(c[5]), pop, region, c[1],
                     "", primary, drop_partial_names(primary, alt[len(primary):], pop)])
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


# Words of the calendar (nl, en, de, fr, es, it) and Arabic everyday words that are also
# alternate names of small places ("Montag" for Montague, "مدينة" city for Medina).
CALENDAR_WORDS = """maandag dinsdag woensdag donderdag vrijdag zaterdag zondag monday tuesday
wednesday thursday friday saturday sunday montag dienstag mittwoch donnerstag freitag samstag
sonntag lundi mardi mercredi jeudi vendredi samedi dimanche lunes martes miercoles jueves viernes
sabado domingo lunedi martedi mercoledi giovedi venerdi sabato domenica januari februari maart
mei juni juli augustus oktober januar februar marz oktober dezember janvier fevrier mars avril
mai juin juillet aout septembre octobre novembre decembre enero febrero marzo abril mayo junio
julio agosto septiembre octubre noviembre diciembre gennaio febbraio aprile maggio giugno luglio
settembre ottobre dicembre""".split()
ARABIC_WORDS = ["مدينة", "المدينة", "مدينه", "الخضراء", "خضراء", "ليس", "قرية", "بلدة", "منطقة",
                "الجديدة", "الكبرى", "الوسطى", "السلام", "النصر", "الحرية", "الوحدة", "الشعب"]


def read_token_case(tokens, lower, upper):
    """Counts lower-case words and mid-sentence capitalised words of one sentence."""
    prev_end = True
    for w in tokens:
        if w.islower():
            lower[rough_fold(w)] += 1
        elif w[:1].isupper() and not prev_end and not w.isupper():
            upper[rough_fold(w)] += 1
        prev_end = w in ".!?"


def read_corpora_case(data, lower, upper):
    """Lower/upper-case counts over the NER corpora of nl, de, fr, es, it (and en)."""
    paths = []
    for corpus in ("wikineural", "wikiann"):
        root = os.path.join(data, corpus)
        for lang in sorted(os.listdir(root)):
            for split in ("train", "val"):
                path = os.path.join(root, lang, split + ".conllu")
                if os.path.exists(path):
                    paths.append((path, 1, "utf-8"))
    for name in ("esp.train", "ned.train"):
        paths.append((os.path.join(data, "conll2002", name), 0, "latin-1"))
    for path, col, enc in paths:
        tokens = []
        with open(path, encoding=enc) as f:
            for line in f:
                cols = line.split("\t") if col else line.split()
                if len(cols) <= col or not cols[col].strip():
                    read_token_case(tokens, lower, upper)
                    tokens = []
                else:
                    tokens.append(cols[col].strip())
        read_token_case(tokens, lower, upper)


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
    lower, upper = collections.Counter(), collections.Counter()
    read_corpora_case(data, lower, upper)
    common.update(w for w, n in lower.items() if n >= 5 and n >= upper[w])
    common.update(CALENDAR_WORDS)
    common.update(rough_fold(w) for w in ARABIC_WORDS)
    return common


def build_rows(data):
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
    return rows, common


def fnv1a64(data):
    h = 1469598103934665603  # as in gazetteer.cc (not the FNV-1a offset basis)
    for b in data:
        h = ((h ^ b) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h


def is_word_char(ch):
    """dateline's SplitWords: letters, decimal digits and combining marks of any script."""
    if ch < "\x80":
        return ch.isascii() and ch.isalnum()
    cat = unicodedata.category(ch)
    return cat[0] in "LM" or cat == "Nd"


def in_ranges(o, ranges):
    return any(lo <= o <= hi for lo, hi in ranges)


GENERIC_MARKS = [(0x0300, 0x036F), (0x1AB0, 0x1AFF), (0x1DC0, 0x1DFF), (0x20D0, 0x20FF),
                 (0xFE20, 0xFE2F)]
ARABIC_HEBREW_MARKS = [(0x064B, 0x065F), (0x0670, 0x0670), (0x0610, 0x061A), (0x06D6, 0x06DC),
                       (0x06DF, 0x06E8), (0x06EA, 0x06ED), (0x0591, 0x05BD), (0x05BF, 0x05BF),
                       (0x05C1, 0x05C2), (0x05C4, 0x05C5), (0x05C7, 0x05C7)]
IGNORABLE = [(0x0640, 0x0640), (0x00AD, 0x00AD), (0x200B, 0x200D), (0x2060, 0x2060),
             (0xFEFF, 0xFEFF)]
CHAR_MAP = {0x0629: 0x0647, 0x0649: 0x064A, 0x0671: 0x0627, 0x2018: 0x27, 0x2019: 0x27,
            0x02BC: 0x27}


def fold_word(word):
    """text::Fold of one word (src/text/fold.cc): case folding, NFD, marks removed, NFC."""
    if word.isascii():
        return word.lower()
    out, prev = [], 0
    for ch in unicodedata.normalize("NFD", word.casefold()):
        o = ord(ch)
        if in_ranges(o, GENERIC_MARKS):
            if not ((o == 0x0306 and prev == 0x0438) or (o == 0x0308 and prev == 0x0456)):
                continue
        elif in_ranges(o, ARABIC_HEBREW_MARKS) or in_ranges(o, IGNORABLE):
            continue
        else:
            o = CHAR_MAP.get(o, o)
            if o >= 0x80 and unicodedata.category(chr(o)) == "Nd":
                o = ord("0") + unicodedata.digit(chr(o))
        out.append(chr(o))
        prev = o
    folded = unicodedata.normalize("NFC", "".join(out))
    return folded.replace("\u06cc", "\u064a").replace("\u06a9", "\u0643")


def name_key(name):
    """places::NameKey: the words of a name folded and joined by single spaces."""
    words, cur = [], []
    for ch in name:
        if is_word_char(ch):
            cur.append(ch)
        elif cur:
            words.append("".join(cur))
            cur = []
    if cur:
        words.append("".join(cur))
    return " ".join(fold_word(w) for w in words)


def is_acronym(name):
    return any("A" <= c <= "Z" for c in name) and \
        not any(("a" <= c <= "z") or ord(c) >= 0x80 for c in name)


KIND = {"PCLI": 2, "ADM1": 1, "CONT": 1}
IS_NAME, IS_PREFIX, IS_COMMON = 1, 2, 4
PRIMARY_BIT, ACRONYM_BIT = 1 << 31, 1 << 30
BLOOM_BITS = 1 << 20


class Strings:
    """A blob of UTF-8 strings, each stored once."""

    def __init__(self):
        self.blob = bytearray()
        self.at = {}

    def add(self, s):
        b = s.encode("utf-8")
        if b not in self.at:
            self.at[b] = len(self.blob)
            self.blob += b
        return self.at[b], len(b)


def entry_record(row, strings):
    gid, feature, cc, lat, lon, pop, admin1, name = row[:8]
    name_off, name_len = strings.add(name)
    admin_off, admin_len = strings.add(admin1)
    assert name_len < 256 and admin_len < 256 and len(feature) <= 5 and len(cc) in (0, 2)
    assert 0 < gid < 1 << 32 and 0 <= pop < 1 << 32
    return struct.pack("<IiiIIIBB2s5sBxx", gid, round(lat * 1e5), round(lon * 1e5), pop, name_off,
                       admin_off, name_len, admin_len, cc.encode(), feature.encode(),
                       KIND.get(feature, 0))


def name_postings(rows):
    """Folded key -> sorted postings (entry index with the primary/acronym bits)."""
    merged = collections.defaultdict(dict)
    for index, row in enumerate(rows):
        for primary, names in ((True, row[9]), (False, row[10])):
            for n in names:
                key = name_key(n).encode("utf-8")
                if len(key) < 2:
                    continue
                p = index | (PRIMARY_BIT if primary else 0) | (ACRONYM_BIT if is_acronym(n) else 0)
                old = merged[key].get(index)
                if old is not None:  # same entry: primary if any name is, acronym if all are
                    p = (old | (p & PRIMARY_BIT)) & (p | ~ACRONYM_BIT)
                merged[key][index] = p
    return {k: [v[i] for i in sorted(v)] for k, v in merged.items()}


def key_table(rows, common):
    """Sorted keys with flags and postings, names and every proper prefix of a name."""
    names = name_postings(rows)
    common_keys = {name_key(w).encode("utf-8") for w in common}
    flags = {}
    for key in names:
        flags[key] = flags.get(key, 0) | IS_NAME | (IS_COMMON if key in common_keys else 0)
        for i, b in enumerate(key):
            if b == 0x20:
                flags[key[:i]] = flags.get(key[:i], 0) | IS_PREFIX
    return [(k, flags[k], names.get(k, [])) for k in sorted(flags)]


def hash_slots(keys):
    n = 1
    while n < len(keys) * 3 // 2 + 1:
        n *= 2
    slots = [0] * n
    for index, (key, _, _) in enumerate(keys):
        h = fnv1a64(key)
        s = h & (n - 1)
        while slots[s]:
            s = (s + 1) & (n - 1)
        slots[s] = ((h >> 56) << 24) | (index + 1)
    return slots


def bloom(keys):
    bits = bytearray(BLOOM_BITS // 8)
    for key, _, _ in keys:
        h = fnv1a64(key.split(b" ")[0])
        for bit in (h & (BLOOM_BITS - 1), (h >> 32) & (BLOOM_BITS - 1)):
            bits[bit >> 3] |= 1 << (bit & 7)
    return bytes(bits)


def pad8(b):
    return bytes(b) + b"\0" * (-len(b) % 8)


def build_image(rows, common):
    """The payload of format version 2 (doc/places.md): fixed records the loader uses in place."""
    strings = Strings()
    entries = b"".join(entry_record(r, strings) for r in rows)
    codes = sorted((c.encode(), i) for i, r in enumerate(rows) if r[8] for c in r[8].split("|"))
    code_bytes = b"".join(struct.pack("<4sI", c, i) for c, i in codes)
    keys = key_table(rows, common)
    blob, table, postings = bytearray(), bytearray(), []
    for key, flags, plist in keys:
        assert len(key) < 256 and len(plist) < 1 << 16
        table += struct.pack("<IBBHI", len(blob), len(key), flags, len(plist), len(postings))
        blob += key
        postings += plist
    slots = hash_slots(keys)
    counts = [len(rows), len(keys), len(slots), len(postings), len(codes), len(strings.blob),
              len(blob), BLOOM_BITS]
    payload = b"".join([pad8(entries), pad8(code_bytes),
                        pad8(struct.pack("<%dI" % len(slots), *slots)), pad8(table),
                        pad8(struct.pack("<%dI" % len(postings), *postings)), bloom(keys),
                        pad8(blob), pad8(strings.blob)])
    return payload, counts


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=os.path.join(here, "..", "..", "shared", "data"))
    ap.add_argument("--out", default=os.path.join(here, "..", "data", "gazetteer",
                                                  "gazetteer.bin"))
    ap.add_argument("--fold-check", metavar="FILE", help="also write each name and its key "
                    "(for `eval_places foldcheck`)")
    ap.add_argument("--zlib", action="store_true", help="compress the payload (smaller file, "
                    "slower load)")
    args = ap.parse_args()
    rows, common = build_rows(args.data)
    payload, counts = build_image(rows, common)
    if args.fold_check:
        with open(args.fold_check, "w", encoding="utf-8") as f:
            for row in rows:
                for n in row[9] + row[10]:
                    f.write("%s\t%s\n" % (n, name_key(n)))
    packed = zlib.compress(payload, 9) if args.zlib else payload
    header = MAGIC + struct.pack("<6I8I", FORMAT_VERSION, 1 if args.zlib else 0, len(payload),
                                 len(packed), crc32c(packed), crc32c(payload), *counts)
    with open(args.out, "wb") as f:
        f.write(header + packed)
    print("%s: %d entries, %d keys, %d common words, %d bytes (%d unpacked)" %
          (args.out, len(rows), counts[1], len(common), len(header) + len(packed), len(payload)),
          file=sys.stderr)


if __name__ == "__main__":
    main()
