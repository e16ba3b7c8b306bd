#!/usr/bin/env bash
# dateline engine for the peers harness: drives the CLI (`ingest`, `optimize`, `search --batch`).
# DATELINE_BIN: the dateline binary (default: the repository's build/bin/dateline).
# DATELINE_INGEST_ARGS: `ingest` options (default "--no-extract --no-copies --no-stories":
#   indexing only, like the peers, with one analysis thread per core; set it, even to "",
#   to override). DATELINE_FULL_INGEST=1: the full ingest instead (entities, places, dates,
#   copies, stories), unless DATELINE_INGEST_ARGS is set.
# Latency is what `search --batch` reports per query (`micros`, measured inside the process),
# like the peers' in-process timers.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
REPO=$(cd "$HERE/../.." && pwd)
BIN=${DATELINE_BIN:-$REPO/build/bin/dateline}
case "${1:-}" in
  prepare) test -x "$BIN" || { echo "dateline: $BIN not found (build it, or set DATELINE_BIN)" >&2; exit 1; } ;;
  build)
    rm -rf "$3"
    if [ "${DATELINE_FULL_INGEST:-0}" = 1 ]; then default_args=""
    else default_args="--no-extract --no-copies --no-stories"; fi
    # shellcheck disable=SC2086
    out=$("$BIN" ingest -q --json ${DATELINE_INGEST_ARGS-$default_args} --index "$3" "$2")
    echo "$out" >&2
    "$BIN" optimize --index "$3" >&2
    if [ -n "${ENGINE_RAW:-}" ]; then
      # Not python3: this is inside the timed build step, and starting an
      # interpreter (through pyenv's shim: 0.48 s) would be charged to dateline.
      n=$(printf '%s\n' "$out" | sed -n 's/.*"indexed":\([0-9]*\).*/\1/p')
      [ -n "$n" ] && printf 'docs_indexed\t%s\n' "$n" >> "$ENGINE_RAW/meta.tsv"
    fi
    true ;;
  size)    # also the compressed document store (stored title, text and metadata), so that
           # the index size can be reported without it (outside the timed build step)
           if [ -n "${ENGINE_RAW:-}" ]; then
             sb=$("$BIN" stats --json --index "$2" | python3 -c 'import json,sys; d=json.load(sys.stdin)["sections"]; print(d.get("store",0)+d.get("store index",0))' 2>/dev/null || true)
             [ -n "$sb" ] && printf 'store_bytes\t%s\n' "$sb" >> "$ENGINE_RAW/meta.tsv"
           fi
           du -sb "$2" | cut -f1 ;;
  search)  exec python3 "$HERE/engines/dateline_batch.py" "$BIN" "$2" "$3" "$4" "$5" ;;
  version) v=$("$BIN" --version 2>/dev/null | head -1) || v=
           [ -n "$v" ] || v="git $(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo '?')"
           echo "$v" ;;
  cleanup) if [ "${CLEAN_INDEX:-0}" = 1 ] && [ -n "${2:-}" ]; then rm -rf "$2"; fi ;;
  *) echo "usage: $0 prepare|build|size|search|version|cleanup ..." >&2; exit 2 ;;
esac
