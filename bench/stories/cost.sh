#!/bin/sh
# Ingest time with and without story linking on a JSON Lines corpus.
# usage: bench/stories/cost.sh [CORPUS] [RUNS] [DATELINE]
# Prints, per run: mode, wall seconds, user+sys CPU seconds; for "halves" the
# second half is ingested into an index holding the first (the indexed lookups).
set -e
here=$(cd "$(dirname "$0")" && pwd)
corpus=${1:-/work/data/news.jsonl}
runs=${2:-2}
dl=${3:-$here/../../build-stories/bin/dateline}
work=${TMPDIR:-/tmp}/dateline-stories-cost
mkdir -p "$work"
n=$(wc -l < "$corpus")
head -n $((n / 2)) "$corpus" > "$work/a.jsonl"
tail -n +$((n / 2 + 1)) "$corpus" > "$work/b.jsonl"
one() {  # label, flags...
  label=$1; shift
  rm -rf "$work/ix"
  /usr/bin/time -f "$label %e s wall %U+%S s cpu" "$dl" ingest -q --index "$work/ix" "$@" "$corpus" > /dev/null
  rm -rf "$work/ix"
  "$dl" ingest -q --index "$work/ix" "$@" "$work/a.jsonl" > /dev/null
  /usr/bin/time -f "$label-second-half %e s wall %U+%S s cpu" "$dl" ingest -q --index "$work/ix" "$@" "$work/b.jsonl" > /dev/null
}
i=0
while [ $i -lt "$runs" ]; do
  one stories
  one no-stories --no-stories
  i=$((i + 1))
done
rm -rf "$work"
