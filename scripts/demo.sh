#!/usr/bin/env bash
# Builds a fresh index of the bundled sample and runs a few searches.
set -euo pipefail
BIN=${1:-build/bin/dateline}
INDEX=${2:-build/demo-index}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
rm -rf "$INDEX"
run() { echo; echo "\$ dateline $*"; "$BIN" "$@"; }
run ingest --index "$INDEX" "$HERE/sample/text" "$HERE/sample/jsonl" "$HERE/sample/csv"
run ingest --index "$INDEX" "$HERE/sample/bad" || true
run stats --index "$INDEX"
run search --index "$INDEX" --limit 3 luchtaanvallen
run search --index "$INDEX" --limit 3 Salame
run search --index "$INDEX" --limit 3 '"VN-Veiligheidsraad"'
run search --index "$INDEX" --limit 5 --from 2019-04-04 --to 2019-04-06 Tripoli
run search --index "$INDEX" --limit 3 'lang:ar طرابلس'
run search --index "$INDEX" --limit 3 --sort date 'storm AND (Schiphol OR Frankfurt)'
run check --index "$INDEX"
