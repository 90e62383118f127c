# Shared helpers of run.sh, test.sh and bench/run.sh. Every install step checks first
# and skips what is present, so a second run costs nothing.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WASM_BINDGEN_VERSION="0.2.130"   # must equal the wasm-bindgen pin in Cargo.toml
CARGO_LEPTOS_VERSION="0.3.10"    # 0.3.11 needs a newer rustc
BINARYEN_VERSION="132.0.0"       # Debian's binaryen 108 breaks the WASM silently

say() { printf '\033[1;36m==> %s\033[0m\n' "$*"; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_install() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  if [ ${#missing[@]} -gt 0 ]; then
    say "installing ${missing[*]} (Debian)"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

ensure_build_tools() {
  rustup target list --installed | grep -q wasm32-unknown-unknown || {
    say "adding the wasm32 target"; rustup target add wasm32-unknown-unknown; }
  if ! cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
    say "installing cargo-leptos $CARGO_LEPTOS_VERSION (about 20 minutes, once)"
    cargo install cargo-leptos --locked --version "$CARGO_LEPTOS_VERSION"
  fi
  if ! wasm-bindgen --version 2>/dev/null | grep -q "$WASM_BINDGEN_VERSION"; then
    say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (once)"
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
  fi
  if ! wasm-opt --version 2>/dev/null | grep -q "version ${BINARYEN_VERSION%%.*}"; then
    say "installing wasm-opt (npm binaryen@$BINARYEN_VERSION)"
    as_root npm install -g --no-audit --no-fund "binaryen@$BINARYEN_VERSION" >/dev/null
  fi
}

# The release build: WASM + CSS into target/site, the server binary `cakap`.
build_release() {
  say "building Cakap (release)"
  (cd "$ROOT" && cargo leptos build --release)
}

release_bin() { echo "${CARGO_TARGET_DIR:-$ROOT/target}/release/cakap"; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# Waits until a Cakap server answers /health.
wait_healthy() {
  local url="$1"
  for _ in $(seq 1 150); do
    curl -fs "$url/health" >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  echo "server at $url did not start" >&2
  return 1
}

# A throwaway PostgreSQL cluster on a free loopback port, removed by stop_pg.
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
start_pg() {
  [ -x "$PG_BIN/initdb" ] || apt_install postgresql-15
  PG_DIR="$(mktemp -d /tmp/cakap-pg.XXXXXX)"
  PG_PORT="$(free_port)"
  local run=()
  if [ "$(id -u)" = 0 ]; then chown postgres "$PG_DIR"; run=(runuser -u postgres --); fi
  "${run[@]}" "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 >/dev/null
  "${run[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w \
    -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" start >/dev/null
  export CAKAP_TEST_PG_URL="postgres://postgres@127.0.0.1:$PG_PORT"
  say "PostgreSQL test cluster at $CAKAP_TEST_PG_URL"
}
stop_pg() {
  [ -n "${PG_DIR:-}" ] || return 0
  local run=()
  [ "$(id -u)" = 0 ] && run=(runuser -u postgres --)
  "${run[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
  PG_DIR=""
}
