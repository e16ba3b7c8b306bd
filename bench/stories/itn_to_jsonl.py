#!/usr/bin/env python3
"""ITN corpus (../shared/data/itn-corpus/corpus.json: Wikipedia "In the news"
blurbs in 50+ languages, grouped by the Wikidata QID of their subject) to
dateline JSON Lines and gold story labels, split into dev and held-out shares.

usage: itn_to_jsonl.py CORPUS.json OUT_PREFIX
writes OUT_PREFIX-dev.jsonl, OUT_PREFIX-dev.tsv, OUT_PREFIX-held.jsonl,
OUT_PREFIX-held.tsv (gold: "id<TAB>story<TAB>lang" lines).

Each blurb is a document: id "itn-<QID>-<timestamp>-<lang>", date = the UTC day
of its timestamp, lang = the Wikipedia's language code, source =
"<lang>.wikipedia", text = the blurb with its HTML removed (and hidden
"HideNewsDate" spans dropped). No title: the "keyword" field is the name of
the gold subject in that language, so giving it would leak the answer.

Gold: one QID can be in the news several times (a person's election, then
death, years apart), so a gold story is an *episode* of a QID: its blurbs in
time order, cut wherever two consecutive blurbs are more than GAP_DAYS (30)
apart; the story id is "<QID>#<n>" (n = 0, 1, ... in time order). 312 QIDs
give 454 episodes. Shares (heldout.py) are drawn per QID, so both shares hold
whole subjects."""
import datetime, html, json, re, sys

sys.dont_write_bytecode = True  # no __pycache__ in the repository
from heldout import write_shares  # noqa: E402

GAP_DAYS = 30


def strip_html(s):
    s = re.sub(r'<span[^>]*display:\s*none[^>]*>.*?</span>', ' ', s, flags=re.S)
    s = re.sub(r'<[^>]+>', '', s)
    return re.sub(r'\s+', ' ', html.unescape(s)).strip()


def main():
    src, prefix = sys.argv[1:3]
    corpus = json.load(open(src, encoding='utf-8'))
    docs = []
    for qid in sorted(corpus):
        items = sorted(corpus[qid].items(), key=lambda kv: (float(kv[0]), kv[1]['lang']))
        episode, last = 0, None
        for ts, b in items:
            t = float(ts)
            if last is not None and t - last > GAP_DAYS * 86400:
                episode += 1
            last = t
            day = datetime.datetime.fromtimestamp(t, datetime.timezone.utc).date().isoformat()
            text = strip_html(b['blurb'])
            if not text:
                continue
            rec = {'id': f"itn-{qid}-{int(t)}-{b['lang']}", 'date': day, 'lang': b['lang'],
                   'source': f"{b['lang']}.wikipedia", 'text': text}
            docs.append((rec, f'{qid}#{episode}', qid))
    # Split by QID (not by episode): each share holds whole subjects.
    print(json.dumps(write_shares(docs, prefix)), file=sys.stderr)


if __name__ == '__main__':
    main()
