#!/usr/bin/env bash
# The phone benchmark: how long a mid-range phone on slow 4G waits before a page
# works, and how many bytes each route sends. Starts the release server on a fresh
# demo database, then drives Debian's Chromium (bench/phone.mjs) with Chromium's own
# network and CPU throttling: 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up,
# CPU 4x slower. Prints a table of every route's transferred bytes and the first and
# repeat visit times of /dashboard and a public page.
#   bench/phone.sh [--runs N]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
cd "$ROOT"
ensure_build_tools
apt_install chromium curl
if [ ! -d end2end/node_modules/playwright-core ]; then
  (cd end2end && npm ci --no-audit --no-fund)
fi
build_release
DIR="$(mktemp -d /tmp/cakap-phone.XXXXXX)"
trap 'kill ${SERVER_PID:-} 2>/dev/null; rm -rf "$DIR"' EXIT
start_release_server "$DIR"
CAKAP_URL="$SERVER_URL" node bench/phone.mjs "$@"
