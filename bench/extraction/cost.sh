#!/bin/sh
# Instructions of ingest with and without extraction, and of each extractor,
# counted with valgrind's callgrind (exact and repeatable on a shared machine,
# where wall times are not).
# usage: bench/extraction/cost.sh CORPUS.jsonl [DATELINE]
# Prints the instructions of the whole ingest without extraction (base), with
# it, and the inclusive instructions of the tagger (TagEntities), places
# (FindPlaces), dates (FindDates), quotes (FindQuotes), events (FindEvents) and
# of the one-off loading of the bundled models, the event word lists and actor
# table, the name alias table (parsed on the first name key, inside the
# tagger's count) and the gazetteer, which a long ingest pays once; then each
# extractor as a share of the base.
set -e
corpus=${1:?usage: cost.sh CORPUS.jsonl [DATELINE]}
here=$(cd "$(dirname "$0")" && pwd)
dl=${2:-$here/../../build/bin/dateline}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
run() {  # name, flags...
  name=$1; shift
  valgrind --tool=callgrind --callgrind-out-file="$work/$name.cg" \
    "$dl" ingest -q --threads 1 "$@" --index "$work/ix-$name" "$corpus" > /dev/null 2>&1
}
run base --no-extract
run full
total() { callgrind_annotate "$work/$1.cg" 2>/dev/null | awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1}'; }
incl() {  # file, function pattern: largest inclusive count of a matching symbol
  callgrind_annotate --inclusive=yes "$work/$1.cg" 2>/dev/null |
    awk -v pat="$2" '$0 ~ pat {gsub(",", "", $1); if ($1 + 0 > best) best = $1 + 0} END {print best + 0}'
}
base=$(total base)
full=$(total full)
ner=$(incl full 'TagEntities\(')
places=$(incl full 'dateline::FindPlaces\(')
dates=$(incl full 'dateline::FindDates\(')
quotes=$(incl full 'dateline::FindQuotes\(')
events=$(incl full 'dateline::FindEvents\(')
eventlex=$(incl full 'dateline::events::LexiconFor\(')
models=$(incl full 'ner::Model::Parse\(')
aliases=$(incl full 'names::\(anonymous namespace\)::GetTable\(\)')
gaz=$(incl full 'places::Gazetteer::Open\(')
echo "corpus $corpus ($(wc -c < "$corpus") bytes)"
echo "base (no extraction)  $base"
echo "with extraction       $full"
awk -v b="$base" -v f="$full" -v n="$ner" -v p="$places" -v d="$dates" -v q="$quotes" -v e="$events" -v el="$eventlex" -v m="$models" -v a="$aliases" -v g="$gaz" 'BEGIN {
  printf "tagger      %12d  %+.1f%% of base (model loading %d, alias table loading %d excluded)\n", n - m - a, 100 * (n - m - a) / b, m, a
  printf "places      %12d  %+.1f%% (gazetteer loading %d excluded)\n", p - g, 100 * (p - g) / b, g
  printf "dates       %12d  %+.1f%%\n", d, 100 * d / b
  printf "quotes      %12d  %+.1f%%\n", q, 100 * q / b
  printf "events      %12d  %+.1f%% (word lists and actor table loading %d excluded)\n", e - el, 100 * (e - el) / b, el
  printf "all, without one-off loading: %.2fx base\n", (f - m - a - g - el) / b
}'
