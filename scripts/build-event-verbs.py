#!/usr/bin/env python3
"""Builds data/events/event_verbs.tsv: English verb forms with the PLOVER
type and mode of their CAMEO code, the English event finder's fallback after
its hand-written trigger lists (src/extract/events_verbs.cc, doc/events.md).

Sources (data/events/SOURCE.md):
- the verb blocks of the PETRARCH2 CAMEO verb dictionary
  (`petrarch2-cameo/dictionaries/CAMEO.2.0.txt`, MIT, Open Event Data
  Alliance): "---  VERB   [code]  ---" opens a block, every synonym line
  below it is a verb of the block's code unless it carries its own
  "[code]"; "{...}" lists a verb's forms, "+A_B" is a multi-word verb;
- `plover/CAMEO2PLOVER-2021.txt` (PLOVER manual 0.8, P. Schrodt): CAMEO code
  -> PLOVER type and mode.

Rules:
- A verb without a concrete code ("[---]", or none in a "[---]" block), or
  whose code has no PLOVER type (CAMEO 01 statements and 02 appeals), is
  left out. Of a "[source:target]" code the first part is taken.
- The "- ..." pattern lines (noun-phrase patterns of PETRARCH's parser) are
  ignored: the table gives one type per verb form.
- A verb without "{...}" gets its regular forms (-ed/-d/-ied and the
  doubled-consonant variants: a form that is no English word is never
  looked up). Of all forms, only past tenses and participles (KIND past)
  and the infinitive (KIND base: the finder takes it only after a modal or
  "to") are written: the -s and -ing forms are mostly nouns and adjectives
  in news text ("forces", "claims", "according", "hearing").
- Modes are kept only where the finder uses them (tests/data/events/README.md);
  CAMEO 195 (aerial weapons) is our mode `aerial`.
- A form claimed by blocks of different PLOVER types keeps the type of the
  most specific (longest) code, then the first in the file.
- STOP: verbs whose senses are mostly not the block's event in news text,
  or that name an outcome rather than an act; found by scoring the
  development sets (tests/data/events/*.txt, PLOVER and PETRARCH2 even
  records) with and without them, see the comment of STOP.

Deterministic, Python 3 standard library only:

    python3 scripts/build-event-verbs.py --shared ../shared/data \\
        --out data/events/event_verbs.tsv
"""
import argparse
import re
import sys

# Modes the finder knows, per type (tests/data/events/README.md).
MODES = {
    "ASSAULT": {"aerial", "heavy-weapons", "firearms", "explosives", "suicide-attack",
                "abduct", "assassinate", "beat", "massacre"},
    "MOBILIZE": {"troops", "police"},
    "CONSULT": {"meeting", "visit", "phone", "third-party"},
    "PROTEST": {"demo", "riot", "hunger", "boycott", "obstruct"},
    "COERCE": {"arrest", "seize", "restrict", "deport", "curfew"},
    "ACCUSE": {"disapprove", "allege", "investigate"},
    "REQUEST": {"assist", "change", "yield", "meet"},
    "SANCTION": {"expel"},
    "RETREAT": {"withdraw", "ceasefire", "release"},
}

# Verbs (base forms, lower case) left out: each gave only false events on
# the development sets (tests/data/events/*.txt, PLOVER and PETRARCH2 even
# records), in a sense common in news that is no event of its CAMEO block.
STOP = {
    # states and outcomes, not acts: "is expected to shrink" (AGREE), "is
    # suspected of" (ACCUSE), "fighters allied with" (SUPPORT), "forces have
    # controlled most of" (COOPERATE), "paid up to 3,000 euros" (COOPERATE)
    "expect", "suspect", "ally", "control", "pay",
    # light and sports verbs: "has taken steps" (COERCE), "grabbed gold"
    # (COERCE), "pushed back LNA units" (REQUEST), "troops arrived" (CONSULT),
    # "to improve ties" (COOPERATE)
    "take", "grab", "push", "arrive", "improve",
    # "break into", "broken down relations" (ASSAULT); "abandon ties" (CONCEDE)
    "break", "abandon",
}

VOWELS = set("aeiou")


def plover_table(path):
    """CAMEO code -> (PLOVER type, mode)."""
    out = {}
    for line in open(path, encoding="utf-8"):
        line = line.split("#", 1)[0]
        m = re.match(r"\s*(\d{3,4}):\s*([A-Z]+)\s*,\s*([^,]*)", line)
        if not m:
            continue
        code, typ, mode = m.group(1), m.group(2), m.group(3).strip()
        if code == "195":
            mode = "aerial"
        if mode not in MODES.get(typ, ()):
            mode = ""
        out.setdefault(code, (typ, mode))
    return out


def regular_forms(v):
    """The regular inflections of English verb v (and harmless variants)."""
    forms = {v}
    cons_y = len(v) > 1 and v.endswith("y") and v[-2] not in VOWELS
    if cons_y:
        forms |= {v[:-1] + "ies", v[:-1] + "ied"}
    elif re.search(r"(s|x|z|ch|sh|o)$", v):
        forms.add(v + "es")
    else:
        forms.add(v + "s")
    if v.endswith("e"):
        forms.add(v + "d")
        forms.add(v[:-2] + "ying" if v.endswith("ie") else
                  v + "ing" if v.endswith(("ee", "ye", "oe")) else v[:-1] + "ing")
    elif not cons_y:
        forms |= {v + "ed", v + "ing"}
    else:
        forms.add(v + "ing")
    # "ship" -> "shipped": a consonant after one vowel after a consonant.
    if len(v) >= 3 and v[-1] not in VOWELS | set("wxy") and v[-2] in VOWELS \
            and v[-3] not in VOWELS:
        forms |= {v + v[-1] + "ed", v + v[-1] + "ing"}
    return forms


def form_kind(form, base):
    """"past" (a past tense or participle), "base" (the infinitive), or None
    for the -s and -ing forms: in news text those are mostly nouns and
    adjectives ("forces", "links", "claims", "according", "hearing")."""
    if form == base:
        return "base"
    if form.endswith("ing") or (form.endswith("s") and form[:-1].rstrip("e").rstrip("i")
                                 in (base, base.rstrip("e"), base[:-1])):
        return None
    return "past"


def parse_code(text):
    m = re.search(r"\[([^\]]*)\]", text)
    if not m:
        return None
    parts = [p.strip() for p in m.group(1).split(":") if p.strip()]
    return parts[0] if parts else "---"


def entries(path):
    """Yields (form words, code, base) for every synonym line of the verb blocks."""
    in_verbs = False
    block_code = "---"
    for raw in open(path, encoding="utf-8", errors="replace"):
        line = raw.rstrip("\n")
        if line.startswith("####### VERB PATTERNS"):
            in_verbs = True
            continue
        if not in_verbs:
            continue
        body = line.split("#", 1)[0].strip()
        if body.startswith("---"):
            block_code = parse_code(body) or "---"
            continue
        if not body or body.startswith(("-", "~", "&")):
            continue
        code = parse_code(body) or block_code
        if code == "---":
            continue
        plus = body.startswith("+")
        word_part = re.sub(r"\[[^\]]*\]", "", body)
        braces = re.search(r"\{([^}]*)\}", word_part)
        base = re.sub(r"\{[^}]*\}", "", word_part).strip().lstrip("+")
        if not re.fullmatch(r"[A-Z][A-Z_'-]*", base):
            continue
        words = base.lower().split("_")
        if plus and words[-1] in ("and", "or"):
            continue
        if braces is not None:
            listed = [f.lstrip("+").lower().split("_") for f in braces.group(1).split()]
            forms = [words] + listed
        else:
            forms = [[f] + words[1:] for f in sorted(regular_forms(words[0]))]
        for f in forms:
            if not all(re.fullmatch(r"[a-z][a-z'-]*", x) for x in f):
                continue  # a stray comma or mark inside "{...}"
            kind = form_kind(f[0], words[0])
            if kind:
                yield " ".join(f), code, base.lower(), kind


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default="../shared/data")
    ap.add_argument("--out", default="data/events/event_verbs.tsv")
    args = ap.parse_args()
    plover = plover_table(args.shared + "/plover/CAMEO2PLOVER-2021.txt")
    best = {}  # form -> (code length, order, type, mode, code)
    order = 0
    for form, code, base, kind in entries(args.shared +
                                    "/petrarch2-cameo/dictionaries/CAMEO.2.0.txt"):
        order += 1
        if base.replace("_", " ").split()[0] in STOP or base in STOP:
            continue
        mapped = plover.get(code) or plover.get(code[:3])
        if not code.isdigit() or mapped is None:
            continue
        cand = (-len(code), order, mapped[0], mapped[1], code, kind)
        if form not in best or cand < best[form]:
            best[form] = cand
    with open(args.out, "w", encoding="utf-8") as out:
        out.write("# English verb forms -> PLOVER type and mode, from the CAMEO codes of the\n"
                  "# PETRARCH2 verb dictionary CAMEO.2.0.txt (MIT, Open Event Data Alliance)\n"
                  "# mapped by CAMEO2PLOVER-2021 (PLOVER manual 0.8). Generated by\n"
                  "# scripts/build-event-verbs.py; see data/events/SOURCE.md.\n"
                  "# FORM<TAB>TYPE<TAB>MODE<TAB>CAMEO<TAB>KIND (past: a past tense or\n"
                  "# participle; base: the infinitive, a trigger only after a modal or \"to\")\n")
        for form in sorted(best):
            _, _, typ, mode, code, kind = best[form]
            out.write(f"{form}\t{typ}\t{mode}\t{code}\t{kind}\n")
    print(f"{len(best)} forms", file=sys.stderr)


if __name__ == "__main__":
    main()
