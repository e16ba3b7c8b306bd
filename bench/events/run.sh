#!/bin/sh
# Event extraction accuracy: type precision/recall, attribute accuracy and
# full-record (type + source + target) scores per language on the gold
# articles of tests/data/events/ (GoldEvents in tests/events_gold_test.cc),
# then on the PLOVER gold standard records and the PETRARCH2 unit-test
# sentences of ../shared/data (SharedEvents; skipped when absent).
# usage: bench/events/run.sh [-v] [BUILD_DIR]   (-v: list every miss, false event and wrong attribute)
set -e
cd "$(dirname "$0")/../.."
if [ "$1" = "-v" ]; then export DATELINE_EVENTS_VERBOSE=1; shift; fi
build=${1:-build}
"$build/bin/events_gold_test" --gtest_filter='GoldEvents.*Set:SharedEvents.*' | grep -v '^\[' || true
