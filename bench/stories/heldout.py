"""Deterministic dev / held-out split of a story set, shared by the converters.

A gold story goes wholly to one share: "held" when the first two bytes of the
MD5 of its id, read as a number, modulo 100 are below 30 (about 30% of the
stories), else "dev". Tune on dev only; report held-out separately."""
import hashlib
import json

HELD_PERCENT = 30


def share(story_id):
    h = hashlib.md5(story_id.encode('utf-8')).digest()
    return 'held' if int.from_bytes(h[:2], 'big') % 100 < HELD_PERCENT else 'dev'


def write_shares(docs, prefix):
    """docs: [(record dict, gold story id, split key)]; the split key is the
    story id or a coarser group of stories. Writes PREFIX-{dev,held}.jsonl and
    PREFIX-{dev,held}.tsv ("id<TAB>story<TAB>lang" lines); returns the counts."""
    files = {s: (open(f'{prefix}-{s}.jsonl', 'w'), open(f'{prefix}-{s}.tsv', 'w'))
             for s in ('dev', 'held')}
    counts = {'dev': 0, 'held': 0}
    for rec, story, key in docs:
        s = share(key)
        out, gold = files[s]
        out.write(json.dumps(rec, ensure_ascii=False) + '\n')
        gold.write(f"{rec['id']}\t{story}\t{rec.get('lang', '')}\n")
        counts[s] += 1
    for out, gold in files.values():
        out.close()
        gold.close()
    return counts
