#!/usr/bin/env python3
"""Scores the stories of an index against gold labels.

usage: eval.py DATELINE INDEX GOLD.tsv
GOLD: "id<TAB>story" or "id<TAB>story<TAB>lang" lines. Prints one JSON line:
pairwise and B-cubed precision / recall / F1 over the gold documents found in
the index (others are ignored). With languages, also "crosslingual":
  groups     gold stories with documents in >= 2 languages;
  recovered  share of them for which one predicted story holds documents of
             the gold story in >= 2 languages;
  coverage   mean over them of (most languages of the gold story found in one
             predicted story - 1) / (its languages - 1): 1 when one predicted
             story holds all its languages, 0 when none holds two;
  pairs      gold pairs of documents in different languages;
  pair_recall     share of them in one predicted story;
  pair_precision  share of the predicted different-language pairs that are gold."""
import itertools, json, subprocess, sys
from collections import defaultdict


def read_gold(path):
    gold, lang = {}, {}
    for line in open(path, encoding='utf-8'):
        f = line.rstrip('\n').split('\t')
        if len(f) >= 2 and f[0]:
            gold[f[0]] = f[1]
            if len(f) >= 3 and f[2]:
                lang[f[0]] = f[2]
    return gold, lang


def read_stories(dl, index, ids):
    pred = {}
    for i in sorted(ids):
        if i in pred:
            continue
        r = subprocess.run([dl, 'story', '--index', index, '--json', i],
                           capture_output=True, text=True)
        if r.returncode != 0:
            continue
        st = json.loads(r.stdout)
        for m in st['members']:
            pred[m['id']] = st['id']
    return pred


def f1(p, r):
    return 2 * p * r / (p + r) if p + r else 0.0


def groups_of(ids, lab):
    groups = defaultdict(list)
    for i in ids:
        groups[lab[i]].append(i)
    return groups


def pairs(ids, lab):
    return {p for g in groups_of(ids, lab).values() for p in itertools.combinations(sorted(g), 2)}


def prf(gp, pp):
    tp = len(gp & pp)
    P = tp / len(pp) if pp else 1.0
    R = tp / len(gp) if gp else 1.0
    return {'precision': round(P, 4), 'recall': round(R, 4), 'f1': round(f1(P, R), 4)}


def bcubed(ids, gold, pred):
    gsize, psize, both = defaultdict(int), defaultdict(int), defaultdict(int)
    for i in ids:
        gsize[gold[i]] += 1
        psize[pred[i]] += 1
        both[(gold[i], pred[i])] += 1
    bp = sum(both[(gold[i], pred[i])] / psize[pred[i]] for i in ids) / len(ids)
    br = sum(both[(gold[i], pred[i])] / gsize[gold[i]] for i in ids) / len(ids)
    return {'precision': round(bp, 4), 'recall': round(br, 4), 'f1': round(f1(bp, br), 4)}


def crosslingual(ids, gold, pred, lang, gp, pp):
    groups = [g for g in groups_of(ids, gold).values() if len({lang[i] for i in g}) >= 2]
    recovered, coverage = 0, 0.0
    for g in groups:
        per_pred = defaultdict(set)
        for i in g:
            per_pred[pred[i]].add(lang[i])
        best = max(len(s) for s in per_pred.values())
        recovered += best >= 2
        coverage += (best - 1) / (len({lang[i] for i in g}) - 1)
    xg = {p for p in gp if lang[p[0]] != lang[p[1]]}
    xp = {p for p in pp if lang[p[0]] != lang[p[1]]}
    n = len(groups)
    return {'groups': n, 'recovered': round(recovered / n, 4) if n else None,
            'coverage': round(coverage / n, 4) if n else None, 'pairs': len(xg),
            'pair_recall': round(len(xg & xp) / len(xg), 4) if xg else None,
            'pair_precision': round(len(xg & xp) / len(xp), 4) if xp else None}


def main():
    dl, index, gold_path = sys.argv[1:4]
    gold, lang = read_gold(gold_path)
    pred = read_stories(dl, index, gold)
    ids = [i for i in gold if i in pred]
    gp, pp = pairs(ids, gold), pairs(ids, pred)
    out = {'documents': len(ids), 'gold_stories': len(set(gold[i] for i in ids)),
           'stories': len(set(pred[i] for i in ids)), 'pairwise': prf(gp, pp),
           'bcubed': bcubed(ids, gold, pred)}
    if ids and all(i in lang for i in ids) and len({lang[i] for i in ids}) > 1:
        out['crosslingual'] = crosslingual(ids, gold, pred, lang, gp, pp)
    print(json.dumps(out))


if __name__ == '__main__':
    main()
