#!/usr/bin/env python3
"""Gold story labels of the bundled sample (sample/README.md, "Stories"), one
"id<TAB>story" line per article. The README names the stories and their
subjects; each article is assigned by the names it mentions (checked: the
counts match the README, 40 / 17 / 17 / 6)."""
import csv, glob, gzip, io, json, os, sys

try:
    import zstandard
except ImportError:
    zstandard = None

root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '../../sample')
docs = {}
for p in glob.glob(os.path.join(root, 'text/*/*.txt')):
    docs[os.path.relpath(p, root)] = open(p, encoding='utf-8').read()
for p in ['jsonl/articles.jsonl', 'jsonl/more.jsonl.gz']:
    f = gzip.open(os.path.join(root, p), 'rt') if p.endswith('.gz') else open(os.path.join(root, p))
    for line in f:
        r = json.loads(line)
        docs[r['id']] = r.get('title', '') + '\n' + r['text']
def read_csv(text):
    for r in csv.DictReader(io.StringIO(text)):
        docs[r['id']] = r['title'] + '\n' + r['text']
read_csv(open(os.path.join(root, 'csv/articles.csv'), encoding='utf-8', newline='').read())
zst = os.path.join(root, 'csv/more.csv.zst')
if zstandard:
    read_csv(zstandard.ZstdDecompressor().stream_reader(open(zst, 'rb')).read().decode())
else:
    import subprocess
    read_csv(subprocess.run(['zstd', '-dc', zst], capture_output=True, text=True).stdout)

def label(text):
    t = text.lower()
    if 'lumenfield' in t: return 'lumenfield'
    if 'noorderhaven' in t: return 'football-nl'
    if 'sierra blanca' in t: return 'football-es'
    if 'baie de somme' in t: return 'football-fr'
    if 'valmora' in t or 'فالمورا' in t: return 'valmora'
    if 'elske' in t or 'إلسكه' in t or 'northern lantern' in t: return 'elske'
    for w in ['haftar', 'tripoli', 'trípoli', 'libi', 'liby', 'ليبيا', 'طرابلس', 'حفتر', 'ghadam', 'غدامس']:
        if w in t: return 'libya'
    return 'unknown'

for i, t in sorted(docs.items()):
    print(f'{i}\t{label(t)}')
