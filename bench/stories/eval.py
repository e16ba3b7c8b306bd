#!/usr/bin/env python3
"""Scores the stories of an index against gold labels.

usage: eval.py DATELINE INDEX GOLD.tsv   (GOLD: "id<TAB>story" lines)
Prints pairwise and B-cubed precision / recall / F1 (documents missing from the
index are ignored)."""
import itertools, json, subprocess, sys
from collections import defaultdict

dl, index, gold_path = sys.argv[1:4]
gold = dict(l.rstrip('\n').split('\t') for l in open(gold_path) if l.strip())
pred = {}
for i in sorted(gold):
    if i in pred:
        continue
    r = subprocess.run([dl, 'story', '--index', index, '--json', i], capture_output=True, text=True)
    if r.returncode != 0:
        continue
    st = json.loads(r.stdout)
    for m in st['members']:
        pred[m['id']] = st['id']
ids = [i for i in gold if i in pred]

def pairs(lab):
    groups = defaultdict(list)
    for i in ids:
        groups[lab[i]].append(i)
    return {p for g in groups.values() for p in itertools.combinations(sorted(g), 2)}

gp, pp = pairs(gold), pairs(pred)
tp = len(gp & pp)
P = tp / len(pp) if pp else 1.0
R = tp / len(gp) if gp else 1.0
def f1(p, r): return 2 * p * r / (p + r) if p + r else 0.0
gsize, psize, both = defaultdict(int), defaultdict(int), defaultdict(int)
for i in ids:
    gsize[gold[i]] += 1; psize[pred[i]] += 1; both[(gold[i], pred[i])] += 1
bp = sum(both[(gold[i], pred[i])] / psize[pred[i]] for i in ids) / len(ids)
br = sum(both[(gold[i], pred[i])] / gsize[gold[i]] for i in ids) / len(ids)
print(json.dumps({'documents': len(ids), 'gold_stories': len(set(gold[i] for i in ids)),
                  'stories': len(set(pred[i] for i in ids)),
                  'pairwise': {'precision': round(P, 4), 'recall': round(R, 4), 'f1': round(f1(P, R), 4)},
                  'bcubed': {'precision': round(bp, 4), 'recall': round(br, 4), 'f1': round(f1(bp, br), 4)}}))
