#!/usr/bin/env python3
"""ECB+ (topics 1-35, ../shared/data/ecbplus) to dateline JSON Lines and gold
story labels: a story is a (topic, sub-topic) pair: "<topic>ecb" documents
report one seminal event, "<topic>ecbplus" another event of the same kind.

usage: ecbplus_to_jsonl.py ECB_DIR OUT.jsonl GOLD.tsv
ECB+ documents carry no publication date: every document gets the same date,
so only the entity, place and mentioned-date evidence separates stories."""
import json, os, re, sys, tarfile
import xml.etree.ElementTree as ET

src, out_path, gold_path = sys.argv[1:4]
tar = tarfile.open(os.path.join(src, 'ECBplus_topics01-35_train_dev.tar.xz'))
with open(out_path, 'w') as out, open(gold_path, 'w') as gold:
    for m in sorted(tar.getmembers(), key=lambda m: m.name):
        name = os.path.basename(m.name)
        g = re.fullmatch(r'(\d+)_(\d+)(ecb|ecbplus)\.xml', name)
        if not g or not m.isfile():
            continue
        root = ET.parse(tar.extractfile(m)).getroot()
        sents = {}
        for t in root.iter('token'):
            sents.setdefault(int(t.get('sentence')), []).append(t.text or '')
        nums = sorted(sents)
        if g.group(3) == 'ecbplus' and nums and nums[0] == 0:
            nums = nums[1:]  # sentence 0 is the source URL
        lines = [' '.join(sents[n]) for n in nums]
        text = re.sub(r' ([.,;:!?)\'])', r'\1', '\n\n'.join(lines[1:]))
        title = lines[0] if lines else ''
        doc_id = name[:-4]
        out.write(json.dumps({'id': doc_id, 'date': '2015-01-01', 'lang': 'en', 'title': title,
                              'text': text or title, 'source': 'ecbplus'}) + '\n')
        gold.write(f'{doc_id}\t{g.group(1)}{g.group(3)}\n')
