#!/usr/bin/env bash
# Runs every test of Cakap: formatting and lints, unit and service tests (on SQLite and
# on a throwaway PostgreSQL cluster), HTTP and multi-process tests, and the browser
# journeys in Debian's Chromium against the release build.
# Installs what is missing first and skips what is present.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
START=$(date +%s)

SERVER_PID=""
cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true
  stop_pg
  [ -n "${E2E_DIR:-}" ] && rm -rf "$E2E_DIR"
}
trap cleanup EXIT

say "set-up"
ensure_build_tools
apt_install chromium curl python3
[ -x "$PG_BIN/initdb" ] || apt_install postgresql-15
# Installs again when package-lock.json lists a package node_modules lacks.
if [ ! -d end2end/node_modules/@playwright/test ] || [ ! -d end2end/node_modules/@axe-core/playwright ]; then
  (cd end2end && npm ci --no-audit --no-fund)
fi
# The open-data API is checked against its own OpenAPI document (PyPI).
command -v schemathesis >/dev/null || python3 -m pip install --quiet --disable-pip-version-check "schemathesis>=4,<5"

say "formatting, lints and sizes"
cargo fmt --all --check
python3 scripts/sizes.py
cargo clippy -p app --features ssr --all-targets -- -D warnings
cargo clippy -p server -p migrations --all-targets -- -D warnings
cargo clippy -p frontend --target wasm32-unknown-unknown -- -D warnings

start_pg
export CAKAP_REQUIRE_PG=1

say "unit, service, HTTP and process tests"
# Each service test leaves its SQLite file behind (to read after a failure): the
# previous run's go first, or they fill the disk (9 GB after a few dozen runs).
rm -rf "${TMPDIR:-/tmp}/cakap-tests"
cargo test -p app --features ssr
cargo test -p server

say "browser journeys"
build_release
E2E_DIR="$(mktemp -d /tmp/cakap-e2e.XXXXXX)"
start_release_server "$E2E_DIR"
(cd end2end && CAKAP_URL="$SERVER_URL" npx playwright test)

say "the open-data API against its OpenAPI document"
# Every generated request, valid or not, must get an answer the document allows and
# never a server error; a fixed seed makes a failure reproducible.
schemathesis run "$SERVER_URL/api/v1/openapi.json" --url "$SERVER_URL" --checks all \
  --max-examples 30 --seed 2026

say "all tests passed in $(( $(date +%s) - START )) s"
