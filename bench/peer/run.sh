#!/usr/bin/env bash
# Side-by-side benchmark of full-text search engines on one corpus + query set.
#
#   run.sh CORPUS.jsonl QUERIES.txt OUTDIR
#
# Writes OUTDIR/results.json (one record per engine and query mode) and
# OUTDIR/results.md.  Raw data: OUTDIR/raw/ENGINE/, logs: OUTDIR/logs/,
# indexes: OUTDIR/index/ENGINE/, engine state (e.g. the PostgreSQL cluster):
# OUTDIR/work/ENGINE/.  Each engine runs in its own steps; a failing engine is
# reported in the results and does not stop the others.
#
# Environment (all optional):
#   ENGINES        engines to run, in order (default "dateline xapian sqlite postgres lucene");
#                  each is engines/NAME.sh (see README.md for the contract)
#   REPS           timed repetitions of the query set per mode (default 5; 1 warm-up pass extra)
#   BUILD_REPS     builds per engine, each from scratch (prepare, then build; default 1); the
#                  results report the build of median wall time and every build's wall time
#   QLANG_DEFAULT  language for queries without a code: auto|none|xx (default auto)
#   REF_ENGINE     engine the ratio columns are relative to (default dateline, else the first that succeeded)
#   PAIRED_BUILDS  rounds of paired builds after the engines' steps (default 0): each engine
#                  of PAIRED_ENGINES that succeeded builds once more per round, one right
#                  after the other
#   PAIRED_ENGINES the engines of those rounds (default auto: REF_ENGINE and the peer whose own
#                  builds had the lowest median wall time; "all": every engine)
#   MODES          query modes (default "top10 top10count count phrase dated")
#   DATE_WINDOWS   auto (default: a deterministic 1-3-year window per query, see prep_queries.py) | none
#   DATELINE_BIN   the dateline binary (default: the repository's build/bin/dateline)
#   STEP_TIMEOUT   seconds allowed per step (default 7200)
#   CLEAN_INDEX=1  delete each index after measuring it
#   NO_INSTALL=1   do not run setup.sh (apt-get) when packages are missing
#   TIME_BIN       GNU time binary (default /usr/bin/time)
#   BENCH_BIN      where the C++ drivers are built (default build/peer-bench in the repository)
set -uo pipefail

if [ $# -ne 3 ]; then
  sed -n '2,25p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CORPUS=$(readlink -f -- "$1")
QUERIES=$(readlink -f -- "$2")
[ -r "$CORPUS" ] || { echo "run.sh: cannot read corpus $1" >&2; exit 2; }
[ -r "$QUERIES" ] || { echo "run.sh: cannot read queries $2" >&2; exit 2; }
mkdir -p "$3" && OUT=$(cd "$3" && pwd) || exit 2

ENGINES=${ENGINES:-"dateline xapian sqlite postgres lucene"}
export REF_ENGINE=${REF_ENGINE:-dateline}
export MODES=${MODES:-"top10 top10count count phrase dated"}
REPS=${REPS:-5}
STEP_TIMEOUT=${STEP_TIMEOUT:-7200}
BUILD_REPS=${BUILD_REPS:-1}
TIME_BIN=${TIME_BIN:-/usr/bin/time}
export BENCH_BIN=${BENCH_BIN:-$(cd "$HERE/../.." && pwd)/build/peer-bench}
export CLEAN_INDEX=${CLEAN_INDEX:-0}
mkdir -p "$OUT/raw" "$OUT/logs" "$OUT/work" "$OUT/index"
: > "$OUT/logs/run.log"
T0=$(date +%s.%N)
log() { echo "[$(date +%H:%M:%S)] $*" | tee -a "$OUT/logs/run.log" >&2; }

# --- 0. dependencies --------------------------------------------------------
if [ "${NO_INSTALL:-0}" != 1 ] && ! bash "$HERE/setup.sh" --check > /dev/null 2>&1; then
  log "installing missing packages (log: logs/setup.log)"
  bash "$HERE/setup.sh" > "$OUT/logs/setup.log" 2>&1 || log "setup.sh failed; engines that need it will fail"
fi
[ -x "$TIME_BIN" ] || { log "GNU time not found at $TIME_BIN (apt-get install time)"; exit 1; }
command -v python3 > /dev/null || { log "python3 not found"; exit 1; }

# --- 1. inputs --------------------------------------------------------------
if ! python3 "$HERE/prep_queries.py" "$CORPUS" "$QUERIES" "$OUT/work/queries.tsv" > "$OUT/work/queries.json"; then
  log "cannot read the query file"; exit 1
fi
log "queries: $(tr -d '\n' < "$OUT/work/queries.json" | tr -s ' ')"
DOCS=$(grep -c . "$CORPUS")  # also pulls the corpus into the page cache for every engine alike
log "corpus: $DOCS docs, $(stat -c %s "$CORPUS") bytes; engines: $ENGINES; reps: $REPS; builds: $BUILD_REPS; modes: $MODES"

# --- 2. engines -------------------------------------------------------------
CUR_SCRIPT= CUR_IDX=
on_signal() {
  log "interrupted"
  [ -n "$CUR_SCRIPT" ] && bash "$CUR_SCRIPT" cleanup "$CUR_IDX" >> "$OUT/logs/run.log" 2>&1
  exit 130
}
trap on_signal INT TERM

for e in $ENGINES; do
  script=$HERE/engines/$e.sh
  R=$OUT/raw/$e
  IDX=$OUT/index/$e
  L=$OUT/logs/$e.log
  rm -rf "$R" "$IDX"
  mkdir -p "$R" "$IDX"
  : > "$L"
  export ENGINE_WORK=$OUT/work/$e ENGINE_RAW=$R
  # step NAME CMD...: runs CMD with a timeout, output to the engine log, records its wall time
  step() {
    local name=$1 t rc
    shift
    log "$e: $name"
    echo "=== $name" >> "$L"
    t=$(date +%s.%N)
    timeout -k 30 "$STEP_TIMEOUT" "$@" >> "$L" 2>&1
    rc=$?
    sed -i '/Command being timed/d' "$R"/*.time "$R"/*.time.[0-9]* 2>/dev/null  # keep machine paths out of the outputs
    printf 'step_%s_s\t%s\n' "$name" "$(awk -v a="$t" -v b="$(date +%s.%N)" 'BEGIN{printf "%.2f", b - a}')" >> "$R/meta.tsv"
    [ $rc = 124 ] && echo "=== $name: timed out after ${STEP_TIMEOUT}s" >> "$L"
    return $rc
  }
  # builds: BUILD_REPS of them, each from scratch, timed into build.time.N (aggregate.py
  # reports the one of median wall time); the index measured and searched is the last one
  builds() {
    local i
    rm -f "$R"/build.time*
    for ((i = 1; i <= BUILD_REPS; i++)); do
      if ((i > 1)); then
        rm -rf "$IDX" && mkdir -p "$IDX" || return 1
        step prepare bash "$script" prepare || return 1
      fi
      step build "$TIME_BIN" -v -o "$R/build.time.$i" bash "$script" build "$CORPUS" "$IDX" || return 1
    done
  }
  status=ok
  if [ ! -f "$script" ]; then
    status="failed: no engines/$e.sh"
  else
    CUR_SCRIPT=$script CUR_IDX=$IDX
    if ! step prepare bash "$script" prepare; then
      status="failed at prepare"
    elif ! builds; then
      status="failed at build"
    elif ! bash "$script" size "$IDX" > "$R/index_bytes" 2>> "$L"; then
      status="failed at size"
    elif ! step search "$TIME_BIN" -v -o "$R/search.time" \
        bash "$script" search "$IDX" "$OUT/work/queries.tsv" "$R" "$REPS"; then
      status="failed at search"
    fi
    if [ "$status" != ok ]; then
      grep -qs 'timed out after' "$L" && status="$status (timeout)"
      tail -15 "$L" > "$R/error.txt"
    fi
    bash "$script" version > "$R/version" 2>> "$L" || true
    step cleanup bash "$script" cleanup "$IDX" || true
    CUR_SCRIPT=
  fi
  echo "$status" > "$R/status"
  log "$e: $status"
done

# --- 2b. paired builds ------------------------------------------------------
# PAIRED_BUILDS rounds after the engines' own steps: each round builds the index of
# every engine of PAIRED_ENGINES that succeeded once more, one engine right after the
# other (the order rotated by one each round), timed into raw/ENGINE/paired.time.N. The engines' own
# builds lie minutes apart, and this machine's speed drifts over minutes; builds
# seconds apart see it in about the same state, so the ratio of a round's times is
# steadier (aggregate.py reports its median over the rounds). The paired indexes are
# deleted; what was measured and searched above stays the engine's own build.
PAIRED_BUILDS=${PAIRED_BUILDS:-0}
PAIRED_ENGINES=${PAIRED_ENGINES:-auto}
# elapsed FILE: the wall time of a `time -v` output, as it prints it ([h:]m:ss.ss)
elapsed() { sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$1"; }
# median_build ENGINE: the median wall time (s) of the engine's own builds
median_build() {
  for f in "$OUT/raw/$1"/build.time.*; do elapsed "$f"; done | awk -F: '{s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s}' | sort -g |
    awk '{a[NR] = $1} END {if (NR) print a[int((NR + 1) / 2)]}'
}
if [ "$PAIRED_ENGINES" = auto ]; then
  # the reference and the peer whose own builds were fastest (the build target's measure)
  fastest= best=
  for e in $ENGINES; do
    [ "$e" = "$REF_ENGINE" ] && continue
    [ "$(cat "$OUT/raw/$e/status" 2>/dev/null)" = ok ] || continue
    m=$(median_build "$e")
    [ -n "$m" ] || continue
    if [ -z "$best" ] || awk -v a="$m" -v b="$best" 'BEGIN{exit !(a < b)}'; then best=$m fastest=$e; fi
  done
  PAIRED_ENGINES="$REF_ENGINE $fastest"
elif [ "$PAIRED_ENGINES" = all ]; then
  PAIRED_ENGINES=$ENGINES
fi
paired=()
for e in $PAIRED_ENGINES; do
  [ "$(cat "$OUT/raw/$e/status" 2>/dev/null)" = ok ] && paired+=("$e")
done
if [ "$PAIRED_BUILDS" -gt 0 ] && [ ${#paired[@]} -gt 0 ]; then
  log "paired builds: $PAIRED_BUILDS rounds of ${paired[*]}"
  for ((i = 1; i <= PAIRED_BUILDS; i++)); do
    for ((j = 0; j < ${#paired[@]}; j++)); do
      e=${paired[$(((i - 1 + j) % ${#paired[@]}))]}
      script=$HERE/engines/$e.sh
      R=$OUT/raw/$e
      L=$OUT/logs/$e.log
      IDX=$OUT/index/paired-$e
      # ENGINE_RAW elsewhere: what a build appends to meta.tsv belongs to the own builds
      export ENGINE_WORK=$OUT/work/$e ENGINE_RAW=$OUT/work/$e/paired-raw
      rm -rf "$IDX" "$ENGINE_RAW"
      mkdir -p "$IDX" "$ENGINE_RAW"
      CUR_SCRIPT=$script CUR_IDX=$IDX
      echo "=== paired build $i" >> "$L"
      if bash "$script" prepare >> "$L" 2>&1 &&
          timeout -k 30 "$STEP_TIMEOUT" "$TIME_BIN" -v -o "$R/paired.time.$i" \
            bash "$script" build "$CORPUS" "$IDX" >> "$L" 2>&1; then
        sed -i '/Command being timed/d' "$R/paired.time.$i"
        log "$e: paired build $i: $(elapsed "$R/paired.time.$i")"
      else
        rm -f "$R/paired.time.$i"
        log "$e: paired build $i failed (see logs/$e.log)"
      fi
      bash "$script" cleanup "$IDX" >> "$L" 2>&1 || true
      rm -rf "$IDX" "$ENGINE_RAW"
      CUR_SCRIPT=
    done
  done
fi

# --- 3. summary -------------------------------------------------------------
T1=$(date +%s.%N)
CORPUS="$CORPUS" QUERIES="$QUERIES" DOCS="$DOCS" ENGINES="$ENGINES" REPS="$REPS" T0="$T0" T1="$T1" \
BENCH_MODES="$MODES" \
python3 - "$OUT/work/run_info.json" <<'EOF'
import datetime, json, os, platform, sys
E = os.environ
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
mem = next((int(l.split()[1]) for l in open("/proc/meminfo") if l.startswith("MemTotal")), 0)
try:
    osname = platform.freedesktop_os_release().get("PRETTY_NAME", "?")
except (OSError, AttributeError):
    osname = "?"
json.dump({"corpus": os.path.basename(E["CORPUS"]), "corpus_bytes": os.path.getsize(E["CORPUS"]),
           "docs": int(E["DOCS"]), "queries_file": os.path.basename(E["QUERIES"]),
           "engines": E["ENGINES"].split(), "reps": int(E["REPS"]), "modes": E["BENCH_MODES"].split(),
           "started": datetime.datetime.fromtimestamp(float(E["T0"])).isoformat(timespec="seconds"),
           "total_wall_s": round(float(E["T1"]) - float(E["T0"]), 1),
           "machine": {"cpu": cpu, "cores": os.cpu_count(), "mem_gb": round(mem / 2**20, 1),
                       "kernel": platform.release(), "os": osname}},
          open(sys.argv[1], "w"), indent=1)
EOF
if python3 "$HERE/aggregate.py" "$OUT"; then
  sed -n '/^## Index build/,/^## Notes/p' "$OUT/results.md" | grep -v '^## Notes'
  log "done in $(awk -v a="$T0" -v b="$T1" 'BEGIN{printf "%d", b - a}') s: results.json and results.md written"
else
  log "aggregation failed"; exit 1
fi
