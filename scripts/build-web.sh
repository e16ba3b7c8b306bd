#!/usr/bin/env bash
# Builds the web UI (web/ -> web/dist) that `dateline serve` serves. Installs the
# npm packages of web/package-lock.json first when they are missing or stale.
# Without node/npm it says so and exits 0 (the API works without the UI), unless
# DATELINE_REQUIRE_UI=1.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WEB="$HERE/web"
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "build-web: node/npm not found; the web UI is not built (scripts/install-deps.sh installs them)" >&2
  [ "${DATELINE_REQUIRE_UI:-0}" = 1 ] && exit 1
  exit 0
fi
cd "$WEB"
# npm ci when node_modules is missing or older than the lock file.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
npm run --silent build -- --logLevel warn
echo "build-web: built $WEB/dist"
