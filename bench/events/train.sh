#!/bin/sh
# Retrains the event-type classifier of the event finder (doc/events.md, "The
# type classifier") on the development gold articles (tests/data/events/*.txt,
# not heldout/) and the even PLOVER records (../shared/data/plover), choosing
# epochs and margins by 5-fold cross-validation, and writes
# models/events/event_types.dlevm. Rebuild afterwards: the model is embedded.
# usage: bench/events/train.sh [BUILD_DIR]
set -e
cd "$(dirname "$0")/../.."
build=${1:-build}
out=$(pwd)/models/events/event_types.dlevm
DATELINE_EVENTS_MODEL_OUT=$out.new "$build/bin/events_gold_test" \
  --gtest_also_run_disabled_tests --gtest_filter='EventModelTraining.*' | grep -v '^\[' | grep -v '^cv '
mv "$out.new" "$out"
