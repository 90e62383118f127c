#!/usr/bin/env bash
# The public-results benchmark: publishing the latest closed campaign (time, size),
# then the agency's public ranking page and the API's rankings endpoint against the
# same bytes as a static file, at 64 connections. Uses the database bench/run.sh
# makes (with its closed campaigns); run that first.
#   bench/public.sh [--employees N] [--connections C] [--seconds S]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
cd "$ROOT"
ensure_build_tools
apt_install wrk curl python3
build_release
cd bench
exec python3 public.py --bin "$(release_bin)" "$@"
