#!/bin/sh
# Story evaluation on the bundled sample and on ECB+ (topics 1-35).
# usage: bench/stories/run.sh [DATELINE]   (default build-stories/bin/dateline)
# DATELINE_STORY_* variables (MIN_SCORE, MIN_SHARED, MAX_LINKS, WINDOW) override
# the built-in parameters, for the sweep in README.md.
set -e
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
dl=${1:-$repo/build-stories/bin/dateline}
work=${TMPDIR:-/tmp}/dateline-stories-bench
rm -rf "$work" && mkdir -p "$work"
python3 "$here/sample_labels.py" "$repo/sample" > "$work/sample_gold.tsv"
"$dl" ingest -q --index "$work/sample-idx" "$repo/sample" > /dev/null 2>&1 || true
printf 'sample  '
python3 "$here/eval.py" "$dl" "$work/sample-idx" "$work/sample_gold.tsv"
python3 "$here/ecbplus_to_jsonl.py" "$repo/../shared/data/ecbplus" "$work/ecb.jsonl" "$work/ecb_gold.tsv"
"$dl" ingest -q --index "$work/ecb-idx" "$work/ecb.jsonl" > /dev/null
printf 'ecbplus '
python3 "$here/eval.py" "$dl" "$work/ecb-idx" "$work/ecb_gold.tsv"
# The same stories scored against topics only (sub-topics merged).
sed -E 's/\t([0-9]+)ecb(plus)?$/\t\1/' "$work/ecb_gold.tsv" > "$work/ecb_topic_gold.tsv"
printf 'ecbplus-topics '
python3 "$here/eval.py" "$dl" "$work/ecb-idx" "$work/ecb_topic_gold.tsv"
