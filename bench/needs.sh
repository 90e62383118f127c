#!/usr/bin/env bash
# The training-needs benchmark: HR's /needs page of the whole agency and a Kepala
# Dinas's, each at 64 connections with the read cache off, and the whole agency's AKPK
# streamed as CSV (time, size, peak memory). Uses the 250 000-employee database that
# bench/run.sh makes (with its closed campaigns); run that first.
#   bench/needs.sh [--employees N] [--connections C] [--seconds S]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
cd "$ROOT"
ensure_build_tools
apt_install wrk curl python3
build_release
cd bench
exec python3 needs.py --bin "$(release_bin)" "$@"
