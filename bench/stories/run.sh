#!/bin/sh
# Story evaluation: the bundled sample, ECB+ (topics 1-35), and the dev and
# held-out shares of ITN (multilingual Wikipedia "In the news" blurbs) and DICE
# (Italian crime news), read from ../shared/data next to the repository.
# usage: bench/stories/run.sh [DATELINE] [SETS]
#   DATELINE  default build-stories/bin/dateline
#   SETS      space-separated among: sample ecbplus itn dice (default: all);
#             a set whose data is absent is skipped with a message.
# Each line: the set, then eval.py's JSON (pairwise, B-cubed, and for ITN the
# cross-lingual figures). DATELINE_STORY_* variables (MIN_SCORE, MIN_SHARED,
# MAX_LINKS, WINDOW) override the built-in parameters, for the sweeps in
# README.md. Tune on the dev shares only: SHARES=dev runs only those.
set -e
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
dl=${1:-$repo/build-stories/bin/dateline}
sets=${2:-sample ecbplus itn dice}
data=$repo/../shared/data
work=${TMPDIR:-/tmp}/dateline-stories-bench
rm -rf "$work" && mkdir -p "$work"

# score NAME INDEX GOLD
score() {
  printf '%s ' "$1"
  python3 "$here/eval.py" "$dl" "$2" "$3"
}

# present NAME DIR: true when DIR exists, else says the set is skipped.
present() {
  [ -d "$2" ] && return 0
  echo "$1 skipped: $2 not found"
  return 1
}

run_sample() {
  python3 "$here/sample_labels.py" "$repo/sample" > "$work/sample_gold.tsv"
  "$dl" ingest -q --index "$work/sample-idx" "$repo/sample" > /dev/null 2>&1 || true
  score sample "$work/sample-idx" "$work/sample_gold.tsv"
}

run_ecbplus() {
  present ecbplus "$data/ecbplus" || return 0
  python3 "$here/ecbplus_to_jsonl.py" "$data/ecbplus" "$work/ecb.jsonl" "$work/ecb_gold.tsv"
  "$dl" ingest -q --index "$work/ecb-idx" "$work/ecb.jsonl" > /dev/null
  score ecbplus "$work/ecb-idx" "$work/ecb_gold.tsv"
  # The same stories scored against topics only (sub-topics merged).
  sed -E 's/\t([0-9]+)ecb(plus)?$/\t\1/' "$work/ecb_gold.tsv" > "$work/ecb_topic_gold.tsv"
  score ecbplus-topics "$work/ecb-idx" "$work/ecb_topic_gold.tsv"
}

# Each share is ingested into its own index: the held-out documents take no
# part in the dev figures.
run_shares() {  # NAME CONVERTER SOURCE
  python3 "$here/$2" "$3" "$work/$1" 2> /dev/null
  for share in ${SHARES:-dev held}; do
    "$dl" ingest -q --index "$work/$1-$share-idx" "$work/$1-$share.jsonl" > /dev/null
    score "$1-$share" "$work/$1-$share-idx" "$work/$1-$share.tsv"
    if [ -f "$work/$1-$share-pairs.tsv" ]; then
      score "$1-$share-pairs" "$work/$1-$share-idx" "$work/$1-$share-pairs.tsv"
    fi
    if [ "$1" = itn ]; then  # the documents in languages with an entity model
      awk -F'\t' '$3 ~ /^(en|fr|de|nl|es|it)$/' "$work/itn-$share.tsv" > "$work/itn-$share-ner.tsv"
      score "itn-$share-ner" "$work/itn-$share-idx" "$work/itn-$share-ner.tsv"
    fi
  done
}

run_itn() {
  present itn "$data/itn-corpus" || return 0
  run_shares itn itn_to_jsonl.py "$data/itn-corpus/corpus.json"
}

run_dice() {
  present dice "$data/dice-italian-crime" || return 0
  run_shares dice dice_to_jsonl.py "$data/dice-italian-crime"
}

for s in $sets; do
  "run_$s"
done
