#!/bin/sh
# Quote extraction accuracy: precision and recall of quote spans and speakers
# per language on the gold articles of tests/data/quotes/ (GoldQuotes in
# tests/quotes_test.cc), then the quotes of a sample of real articles from
# ../shared/data for checking by hand (skipped when absent).
# usage: bench/quotes/run.sh [-v] [BUILD_DIR]   (-v: list every miss, false quote and wrong speaker)
set -e
cd "$(dirname "$0")/../.."
if [ "$1" = "-v" ]; then export DATELINE_QUOTES_VERBOSE=1; shift; fi
build=${1:-build}
"$build/bin/quotes_test" --gtest_filter='GoldQuotes.*' | grep -v '^\[' || true
python3 bench/quotes/real.py "$build/bin/dateline" 5
