#!/usr/bin/env bash
# Installs the Debian 12 packages dateline needs to build, test and run the demo.
# Idempotent: installs only what is missing. Needs root (or sudo).
set -euo pipefail
PKGS=(build-essential cmake pkg-config
      libicu-dev libstemmer-dev libcld2-dev libzstd-dev zlib1g-dev libsimdjson-dev libcli11-dev
      libxml2-dev libcpp-httplib-dev libgtest-dev libgmock-dev libbenchmark-dev
      zstd gzip clang libclang-rt-14-dev
      chromium)  # headless browser of the web UI's end-to-end test (web/tests/e2e.mjs)
# The web UI is built with node and npm; Debian's packages only when none is installed.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then PKGS+=(nodejs npm); fi
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "installing: ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
