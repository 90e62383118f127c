#!/usr/bin/env bash
# Builds and runs Cakap on http://127.0.0.1:3000 with an embedded SQLite database
# (./cakap.db, created, migrated and filled with demo data on first start).
# Installs what is missing first (wasm32 target, the wasm-bindgen CLI, wasm-opt); builds
# the site without cargo-leptos (see build_release in lib.sh).
#   --addr HOST:PORT / CAKAP_ADDR     where to listen
#   --db FILE / CAKAP_DB              the SQLite file
#   DATABASE_URL=postgres://...       run on PostgreSQL instead (with
#   CAKAP_AUDIT_KEY_FILE=/path/to/audit.key, the key every server of it shares)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
ensure_build_tools
build_release
exec "$(release_bin)" --site-root "$ROOT/target/site" "$@"
