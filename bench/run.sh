#!/usr/bin/env bash
# The benchmark: generates a synthetic agency (default 250 000 employees) into its own
# SQLite file, then load-tests one server-rendered list page (the HR employee list)
# against the same bytes served as a static file by the same server, and prints
# requests/s, p50/p99 latency and their ratio. Then adds two assessment campaigns over
# every employee (timing how long closing each takes) and load-tests one employee's
# competency dashboard.
#   bench/run.sh [--employees N] [--connections C] [--seconds S]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
cd "$ROOT"
ensure_build_tools
apt_install wrk curl python3
build_release
exec python3 bench/run.py --bin "$(release_bin)" "$@"
