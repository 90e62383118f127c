# Shared helpers of run.sh, test.sh and bench/run.sh. Every install step checks first
# and skips what is present, so a second run costs nothing.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WASM_BINDGEN_VERSION="0.2.130"   # must equal the wasm-bindgen pin in Cargo.toml
BINARYEN_VERSION="132.0.0"       # Debian's binaryen 108 breaks the WASM silently
OUTPUT_NAME="cakap"              # as in .cargo/config.toml and the leptos metadata

say() { printf '\033[1;36m==> %s\033[0m\n' "$*"; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_install() {
  local missing=() pkg
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
  if ! wasm-bindgen --version 2>/dev/null | grep -q "$WASM_BINDGEN_VERSION"; then
    say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (once)"
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
  fi
  if ! wasm-opt --version 2>/dev/null | grep -q "version ${BINARYEN_VERSION%%.*}"; then
    say "installing wasm-opt (npm binaryen@$BINARYEN_VERSION)"
    as_root npm install -g --no-audit --no-fund "binaryen@$BINARYEN_VERSION" >/dev/null
  fi
}

# The release build, done step by step as cargo-leptos would do it, so a fresh machine
# need not spend 20 minutes installing cargo-leptos (keep it for `cargo leptos watch`):
# the WASM with cargo, its JS glue with the pinned wasm-bindgen CLI, wasm-opt, the CSS
# and static files into target/site, then the server binary `cakap`.
build_release() {
  say "building Cakap (release)"
  local target="${CARGO_TARGET_DIR:-$ROOT/target}"
  local pkg="$ROOT/target/site/pkg"
  (cd "$ROOT" && cargo build -p frontend --lib --target wasm32-unknown-unknown --profile wasm-release)
  local wasm="$target/wasm32-unknown-unknown/wasm-release/frontend.wasm"
  mkdir -p "$pkg"
  # Only when the WASM changed: splitting, wasm-bindgen and wasm-opt take a minute.
  # Written aside first, so a failed step never leaves a half-made file that looks
  # current.
  if [ ! -f "$pkg/$OUTPUT_NAME.wasm" ] || [ "$wasm" -nt "$pkg/$OUTPUT_NAME.wasm" ]; then
    local tmp="$ROOT/target/site/pkg.tmp" splitter="$target/tools/release/wasm-split" f
    rm -rf "$tmp"; mkdir -p "$tmp"
    # The pages are lazy routes (app/src/ui/lazy.rs): the WASM is cut at them into
    # the main module and one chunk per page (plus chunks of code pages share), with
    # the JS that loads them and the manifest the server reads to preload them.
    (cd "$ROOT" && cargo build --release --manifest-path scripts/wasm-split/Cargo.toml \
      --target-dir "$target/tools")
    "$splitter" "$wasm" "$tmp" "$tmp/main.wasm" "$OUTPUT_NAME" >/dev/null
    wasm-bindgen --target web --no-typescript --keep-lld-exports --out-dir "$tmp" \
      --out-name "$OUTPUT_NAME" "$tmp/main.wasm"
    # Leptos asks for <name>.wasm when LEPTOS_OUTPUT_NAME is set at build time.
    wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
      "$tmp/${OUTPUT_NAME}_bg.wasm" -o "$tmp/$OUTPUT_NAME.wasm"
    rm "$tmp/${OUTPUT_NAME}_bg.wasm" "$tmp/main.wasm"
    for f in "$tmp"/split_*.wasm "$tmp"/chunk_*.wasm; do
      if [ -f "$f" ]; then
        wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int "$f" -o "$f"
      fi
    done
    rm -f "$pkg"/split_*.wasm* "$pkg"/chunk_*.wasm* "$pkg"/__wasm_split*
    mv "$tmp"/* "$pkg/"
    rm -rf "$tmp"
  fi
  cp "$ROOT/style/main.css" "$pkg/$OUTPUT_NAME.css"
  cp -r "$ROOT/public/." "$ROOT/target/site/"
  (cd "$ROOT" && cargo build -p server --release)
  publish_assets "$pkg" "$target/release/assets.hash"
}

# The site's JS, WASM and CSS also under names carrying a hash of their bytes (one
# hash of the three, so the names differ only by extension, as Leptos wants them), each
# with a brotli and a gzip copy beside it: a browser may keep a hashed file for a year
# (the next build has new names), and the server sends the copy the browser accepts
# instead of compressing on every request. The hash goes to assets.hash beside the
# server binary, read once at start; without that file (tests, a bare cargo build) the
# plain names are used.
publish_assets() {
  local pkg="$1" hashfile="$2" ext h file keep=()
  apt_install brotli
  h="$(cat "$pkg/$OUTPUT_NAME".{js,wasm,css} | sha256sum | cut -c1-16)"
  for ext in js wasm css; do
    file="$pkg/$OUTPUT_NAME.$h.$ext"
    keep+=("$file" "$file.br" "$file.gz")
    if [ ! -f "$file.br" ] || [ ! -f "$file.gz" ]; then
      cp "$pkg/$OUTPUT_NAME.$ext" "$file.tmp"
      brotli -q 11 -f -o "$file.br.tmp" "$file.tmp"
      gzip -9 -c "$file.tmp" > "$file.gz.tmp"
      mv "$file.br.tmp" "$file.br"; mv "$file.gz.tmp" "$file.gz"; mv "$file.tmp" "$file"
    fi
  done
  # Earlier builds' hashed files go; the plain names stay for runs without the hash.
  for file in "$pkg/$OUTPUT_NAME".????????????????.*; do
    [[ " ${keep[*]} " == *" $file "* ]] || rm -f "$file"
  done
  # The chunk loader names the main JS it shares memory with: the hashed one the
  # pages load (a second copy under another name would be a second instance). It and
  # the chunks keep their names, so browsers revalidate them (no-cache).
  for file in "$pkg"/__wasm_split.*.js; do
    [ -f "$file" ] || continue
    sed -E -i "s#\./$OUTPUT_NAME(\.[0-9a-f]{16})?\.js#./$OUTPUT_NAME.$h.js#g" "$file"
  done
  for file in "$pkg"/__wasm_split.*.js "$pkg"/split_*.wasm "$pkg"/chunk_*.wasm; do
    [ -f "$file" ] || continue
    brotli -q 11 -f -o "$file.br" "$file"
    gzip -9 -c "$file" > "$file.gz"
  done
  printf '%s\n' "$h" > "$hashfile"
}

release_bin() { echo "${CARGO_TARGET_DIR:-$ROOT/target}/release/cakap"; }

# Starts the release server on a fresh database in DIR at a free port, for the
# journeys and the phone benchmark; sets SERVER_PID and SERVER_URL, and waits until
# it answers.
start_release_server() {
  local dir="$1" port
  port="$(free_port)"
  # No API rate limit: the API check sends hundreds of requests from this one address.
  "$(release_bin)" --addr "127.0.0.1:$port" --db "$dir/server.db" --site-root "$ROOT/target/site" \
    --api-per-minute 0 >"$dir/server.log" 2>&1 &
  SERVER_PID=$!
  SERVER_URL="http://127.0.0.1:$port"
  wait_healthy "$SERVER_URL" || { cat "$dir/server.log"; return 1; }
}

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
