#!/usr/bin/env bash
# dateline vs Xapian, SQLite FTS5, PostgreSQL FTS and Lucene++: the one command.
#
#   bench/run.sh
#
# 1. installs the peers' Debian packages (bench/peer/setup.sh) and dateline's
#    build dependencies (scripts/install-deps.sh), unless NO_INSTALL=1;
# 2. builds dateline (cmake Release into build/), unless SKIP_BUILD=1;
# 3. builds the corpora, cached under build/bench-data/: the real news corpus
#    (news.jsonl, from ../shared/data by bench/corpus/make_corpus.py) and one
#    scaled corpus per size in SIZES (scaled-N.jsonl, bench/corpus/make_scaled.py);
# 4. runs the harness (bench/peer/run.sh) on each corpus with bench/queries.txt;
#    working files (indexes, PostgreSQL cluster, raw timings) go to
#    build/bench-runs/NAME/, the results to bench/results/NAME/
#    (results.md, results.json, queries.tsv with the date windows, run.log);
# 5. writes bench/results/summary.md and bench/results/scaling.svg.
#
# Environment (all optional):
#   SIZES        scaled corpus sizes (default "10000 100000 1000000"; "" = none)
#   REAL=0       skip the real 26k-document corpus (default 1)
#   ENGINES      default "dateline xapian sqlite postgres lucene"; REF_ENGINE default dateline
#   REPS, MODES, DATE_WINDOWS, STEP_TIMEOUT, ...  passed to the harness (bench/peer/run.sh)
#   BUILD_REPS   builds per engine, each from scratch, the median reported (default: 3 on
#                corpora of at most 200,000 documents, whose builds take seconds and vary
#                by a tenth from one to the next on this machine; 1 above)
#   PAIRED_BUILDS rounds of paired builds (every engine once more per round, one right
#                after the other; default as BUILD_REPS): their per-round ratios are steadier
#                than those of builds minutes apart (bench/README.md)
#   SHARED       the shared folder (default ../shared beside the repository)
#   NO_INSTALL=1 SKIP_BUILD=1  skip steps 1 / 2
#   KEEP_INDEX=1 keep the indexes under build/bench-runs/ (default: deleted after measuring)
set -uo pipefail
BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH/.." && pwd)
SIZES=${SIZES-"10000 100000 1000000"}
REAL=${REAL:-1}
SHARED=${SHARED:-$REPO/../shared}
DATA_DIR=$REPO/build/bench-data
RUNS=$REPO/build/bench-runs
RESULTS=$BENCH/results
export DATELINE_BIN=${DATELINE_BIN:-$REPO/build/bin/dateline}
export REF_ENGINE=${REF_ENGINE:-dateline}
export ENGINES=${ENGINES:-"dateline xapian sqlite postgres lucene"}
export BENCH_BIN=${BENCH_BIN:-$REPO/build/peer-bench}
[ "${KEEP_INDEX:-0}" = 1 ] && export CLEAN_INDEX=0 || export CLEAN_INDEX=1
export NO_INSTALL=${NO_INSTALL:-0}
log() { echo "[bench $(date +%H:%M:%S)] $*" >&2; }
mkdir -p "$DATA_DIR" "$RUNS" "$RESULTS"

# --- 1. packages --------------------------------------------------------------
if [ "$NO_INSTALL" != 1 ]; then
  log "installing missing packages (peers: bench/peer/setup.sh; dateline: scripts/install-deps.sh)"
  bash "$BENCH/peer/setup.sh" || log "WARNING: bench/peer/setup.sh failed; engines that need it will fail"
  bash "$REPO/scripts/install-deps.sh" || log "WARNING: scripts/install-deps.sh failed"
fi

# --- 2. dateline ----------------------------------------------------------------
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  log "building dateline (Release, build/)"
  if ! { cmake -S "$REPO" -B "$REPO/build" -DCMAKE_BUILD_TYPE=Release > /dev/null &&
         cmake --build "$REPO/build" -j"$(nproc)" --target dateline; }; then
    log "ERROR: the dateline build failed"; exit 1
  fi
fi
[ -x "$DATELINE_BIN" ] || log "WARNING: $DATELINE_BIN missing; the dateline engine will fail"

# --- 3. corpora -----------------------------------------------------------------
REAL_CORPUS=$DATA_DIR/news.jsonl
if [ ! -s "$REAL_CORPUS" ]; then
  if [ -d "$SHARED/data" ]; then
    log "building the real news corpus from $SHARED/data -> build/bench-data/news.jsonl"
    python3 "$BENCH/corpus/make_corpus.py" --data "$SHARED/data" --out "$REAL_CORPUS.tmp" >&2 &&
      mv "$REAL_CORPUS.tmp" "$REAL_CORPUS" || { log "ERROR: make_corpus.py failed"; exit 1; }
  else
    log "ERROR: $SHARED/data is absent and no cached corpus is in build/bench-data/news.jsonl."
    log "       The corpora are built from the real news sets of ../shared/data (see bench/README.md);"
    log "       set SHARED=/path/to/shared, or put a corpus at build/bench-data/news.jsonl."
    exit 1
  fi
else
  log "real corpus: cached build/bench-data/news.jsonl"
fi
NAMES=()
[ "$REAL" = 1 ] && NAMES+=(real)
for n in $SIZES; do
  f=$DATA_DIR/scaled-$n.jsonl
  if [ ! -s "$f" ]; then
    log "building the scaled corpus of $n documents -> build/bench-data/scaled-$n.jsonl"
    python3 "$BENCH/corpus/make_scaled.py" "$n" --corpus "$REAL_CORPUS" --out "$f" >&2 ||
      { log "ERROR: make_scaled.py $n failed"; continue; }
  else
    log "scaled corpus $n: cached"
  fi
  NAMES+=("$n")
done

# --- 4. harness, one corpus at a time ---------------------------------------------
for name in "${NAMES[@]}"; do
  if [ "$name" = real ]; then corpus=$REAL_CORPUS; else corpus=$DATA_DIR/scaled-$name.jsonl; fi
  out=$RUNS/$name
  docs=$(grep -c . "$corpus")
  reps=${BUILD_REPS:-$([ "$docs" -le 200000 ] && echo 3 || echo 1)}
  paired=${PAIRED_BUILDS:-$reps}
  log "=== corpus $name ($docs docs, $reps builds per engine, $paired paired rounds): harness -> build/bench-runs/$name"
  NO_INSTALL=1 BUILD_REPS=$reps PAIRED_BUILDS=$paired bash "$BENCH/peer/run.sh" "$corpus" "$BENCH/queries.txt" "$out"
  rc=$?
  dst=$RESULTS/$name
  rm -rf "$dst"; mkdir -p "$dst"
  for f in results.md results.json; do [ -f "$out/$f" ] && cp "$out/$f" "$dst/"; done
  cp "$out/work/queries.tsv" "$dst/queries.tsv" 2>/dev/null
  cp "$out/logs/run.log" "$dst/run.log" 2>/dev/null
  for e in $ENGINES; do  # failed engines: keep their error tail
    [ -f "$out/raw/$e/error.txt" ] && cp "$out/raw/$e/error.txt" "$dst/error-$e.txt"
  done
  [ $rc = 0 ] || log "WARNING: harness exit code $rc for $name"
done

# --- 5. summary + chart -------------------------------------------------------------
python3 "$BENCH/summarize.py" "$RESULTS" && log "done: bench/results/summary.md, bench/results/scaling.svg"
