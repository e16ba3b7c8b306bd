#!/usr/bin/env bash
# Load test of `dateline serve` with wrk (bench/load/README.md); not run by CI.
#   bench/load/run.sh                 index the sample (or use $INDEX), start a server, load it
#   URL=http://127.0.0.1:8080 PID=1234 bench/load/run.sh   load a running server instead
# Environment: BIN (build/bin/dateline), INDEX (build/demo-index), DURATION (60s),
# THREADS (2), CONNS (16). Installs wrk with apt-get when missing. Prints req/s,
# p99 latency, non-2xx count and the server's RSS before and after.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
BIN=${BIN:-$REPO/build/bin/dateline}
INDEX=${INDEX:-$REPO/build/demo-index}
DURATION=${DURATION:-60s}
THREADS=${THREADS:-2}
CONNS=${CONNS:-16}
if ! command -v wrk >/dev/null; then
  SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get install -y -qq wrk >/dev/null
fi
TMP=$(mktemp -d)
SERVER=""
cleanup() { [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; rm -rf "$TMP"; }
trap cleanup EXIT
if [ -z "${URL:-}" ]; then
  if [ ! -f "$INDEX/CURRENT" ] && [ -z "$(ls -A "$INDEX" 2>/dev/null)" ]; then
    "$BIN" ingest --index "$INDEX" "$REPO/sample/text" "$REPO/sample/jsonl" "$REPO/sample/csv" >/dev/null
  fi
  "$BIN" serve --index "$INDEX" --listen 127.0.0.1:0 --quiet 2>"$TMP/serve.log" &
  SERVER=$!
  PID=$SERVER
  for _ in $(seq 100); do
    URL=$(sed -n 's|.*serving \(http://[^/ ]*\)/.*|\1|p' "$TMP/serve.log")
    [ -n "$URL" ] && break
    sleep 0.1
  done
  [ -n "$URL" ] || { cat "$TMP/serve.log"; exit 1; }
fi
rss() { [ -n "${PID:-}" ] && awk '/VmRSS/ {print $2 " kB"}' "/proc/$PID/status" || echo "unknown (set PID)"; }
# Document ids for the doc fetches.
curl -sf "$URL/api/search?q=*&limit=200&facets=false" |
  python3 -c 'import json,sys; print("\n".join(h["id"] for h in json.load(sys.stdin)["hits"]))' >"$TMP/ids"
echo "server: $URL${SERVER:+  index: $INDEX}  ids: $(wc -l <"$TMP/ids")"
echo "rss_before=$(rss)"
DL_IDS="$TMP/ids" wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency -s "$HERE/mix.lua" "$URL" | tee "$TMP/wrk.out" |
  grep -E '^(requests|seconds|req_per_s|latency_[a-z0-9_]+|non_2xx_3xx|socket_errors)='
echo "rss_after=$(rss)"
echo "command: wrk -t$THREADS -c$CONNS -d$DURATION --latency -s bench/load/mix.lua $URL"
