#!/usr/bin/env bash
# Runs every libFuzzer target of tests/fuzz for a bounded time (doc/fuzzing.md).
# Usage: scripts/fuzz.sh BUILD_DIR SECONDS_PER_TARGET [TARGET...]
# New inputs go to BUILD_DIR/fuzz-work/<target>/ (the committed corpus is only
# read); a crash leaves its input in BUILD_DIR/fuzz-crashes/ and fails the run.
# One summary line per target: executions, coverage (cov = edges), corpus size.
# The seed is fixed (FUZZ_SEED, default 1) so that a CI run on a clean clone
# follows the mutation sequence checked before the commit; set another to explore.
set -uo pipefail
build=$1
seconds=$2
shift 2
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for b in "$build"/bin/fuzz_*; do targets+=("$(basename "$b")"); done
fi
mkdir -p "$build/fuzz-crashes"
failed=0
for t in "${targets[@]}"; do
  work="$build/fuzz-work/$t"
  mkdir -p "$work"
  log="$build/fuzz-work/$t.log"
  "$build/bin/$t" -seed="${FUZZ_SEED:-1}" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=4096 -max_len=65536 \
    -print_final_stats=1 -artifact_prefix="$build/fuzz-crashes/$t-" \
    "$work" "$root/tests/fuzz/corpus/$t" >"$log" 2>&1
  rc=$?
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$')
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*')
  corpus=$(find "$work" "$root/tests/fuzz/corpus/$t" -type f | wc -l)
  if [ $rc -ne 0 ]; then
    failed=1
    echo "$t: FAILED (exit $rc) after ${runs:-?} runs; log: $log" >&2
    grep -E 'ERROR|invariant|SUMMARY|Test unit written' "$log" | head -5 >&2
  else
    echo "$t: ${runs:-?} runs in ${seconds}s, cov ${cov:-?}, corpus $corpus"
  fi
done
exit $failed
