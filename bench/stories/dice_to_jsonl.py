#!/usr/bin/env python3
"""DICE (../shared/data/dice-italian-crime: Italian crime news of the Gazzetta
di Modena, CC BY-NC-SA 4.0, evaluation only) to dateline JSON Lines and gold
story labels, split into dev and held-out shares.

usage: dice_to_jsonl.py DICE_DIR OUT_PREFIX
writes OUT_PREFIX-dev.jsonl, OUT_PREFIX-dev.tsv, OUT_PREFIX-held.jsonl,
OUT_PREFIX-held.tsv (gold: "id<TAB>story<TAB>lang" lines) and
OUT_PREFIX-{dev,held}-pairs.tsv (the same, paired articles only).

Texts are rebuilt from the token files of annotation_csv_subset.tar.xz (one
token per row, the first the dateline place, e.g. "NONANTOLA"), joined with
spaces and the spaces before punctuation and around apostrophes removed. The
main table with titles and publication dates is not available: every document
gets the same date (2016-06-15), no title, lang "it", so (as for ECB+) the
time window does not help and only entities, places and mentioned dates
separate stories.

Gold: a story is a connected component of the same-event pairs of
duplicate.csv (found by the DICE authors with shingle cosine similarity >= 0.7
plus date and municipality constraints: near-duplicates and close rewrites of
one report, not every report of an event). The articles of the subset in no
pair (the manually annotated ones) are included as one-article stories: they
are not near-duplicates of any of the 10,395 articles, and they test
precision; the -pairs.tsv gold leaves them out (scored on the same index).
Story id = "d<smallest article id>"; the split (heldout.py) is by story."""
import csv, io, json, os, re, sys, tarfile

sys.dont_write_bytecode = True  # no __pycache__ in the repository
from heldout import write_shares  # noqa: E402

DATE = '2016-06-15'


def detokenize(tokens):
    s = ' '.join(tokens)
    s = re.sub(r" ([.,;:!?)\]»”])", r'\1', s)
    s = re.sub(r"([(\[«“]) ", r'\1', s)
    s = re.sub(r"(\w) ' (\w)", r"\1'\2", s)
    s = re.sub(r"(\w) '(\w)", r"\1'\2", s)
    return s


def read_texts(path):
    texts = {}
    with tarfile.open(path) as tar:
        for m in tar.getmembers():
            g = re.fullmatch(r'(\d+)\.csv', os.path.basename(m.name))
            if not g or not m.isfile():
                continue
            rows = csv.reader(io.TextIOWrapper(tar.extractfile(m), encoding='utf-8'))
            next(rows, None)
            tokens = [r[0] for r in rows if r and r[0]]
            if tokens:
                texts[g.group(1)] = detokenize(tokens)
    return texts


def components(pairs):
    parent = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x
    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb, key=int)] = min(ra, rb, key=int)
    return {x: find(x) for x in parent}


def main():
    src, prefix = sys.argv[1:3]
    texts = read_texts(os.path.join(src, 'annotation_csv_subset.tar.xz'))
    with open(os.path.join(src, 'duplicate.csv')) as f:
        pairs = [(r['id_news1'], r['id_news2']) for r in csv.DictReader(f)]
    comp = components(pairs)
    docs = []
    for i in sorted(texts, key=int):
        story = 'd' + comp.get(i, i)
        rec = {'id': f'dice-{i}', 'date': DATE, 'lang': 'it', 'source': 'gazzettadimodena',
               'text': texts[i]}
        docs.append((rec, story, story))
    print(json.dumps(write_shares(docs, prefix)), file=sys.stderr)
    for s in ('dev', 'held'):
        with open(f'{prefix}-{s}.tsv') as f, open(f'{prefix}-{s}-pairs.tsv', 'w') as out:
            for line in f:
                if line.split('\t')[0][5:] in comp:
                    out.write(line)


if __name__ == '__main__':
    main()
