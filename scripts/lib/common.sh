# Shared by scripts/serve and scripts/test (sourced, never run).
#
# Each ensure_* function installs one thing only if this machine lacks it,
# so a second run spends seconds here. What works on which machine is in
# ../shared/notes/toolchain.md; the short of it:
#   - the wasm32 standard library comes from rustup where its target is
#     installed or installable, else from Debian's rustc-web packages, with
#     Cargo building std from source (the only way on machines whose network
#     reaches the package registries but not rustup's server);
#   - trunk and wasm-bindgen-cli come from crates.io, wasm-opt from npm;
#   - Chromium and ChromeDriver come from Debian, and so does LibreOffice
#     Calc with no GUI (the end-to-end tests open the report CSVs in it).

KITH_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
KITH_CACHE=${KITH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kith}
TRUNK_VERSION=0.21.14
WASM_TARGET=wasm32-unknown-unknown

# One target dir outside the checkout: the host build, the wasm tests and the
# release app share it, and a fresh clone on the same machine reuses it.
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$KITH_CACHE/target}
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf '\033[31merror:\033[0m %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else die "need root to run: $*"
  fi
}

has_apt() { command -v apt-get >/dev/null; }

APT_UPDATED=
apt_install() {
  has_apt || return 1
  if [ -z "$APT_UPDATED" ]; then
    # Stale package lists offer stale versions (rustc-web 1.85 instead of 1.96).
    say "apt-get update"
    as_root apt-get update -qq || return 1
    APT_UPDATED=1
  fi
  say "apt-get install $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

deb_installed() {
  local p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || return 1
  done
}

# --- Rust for wasm32 -------------------------------------------------------

DEBIAN_RUST=(rustc-web cargo-web rust-web-src rust-web-clippy lld-22)

rustup_has_wasm() {
  command -v rustup >/dev/null && rustup target list --installed 2>/dev/null | grep -qx "$WASM_TARGET"
}

# Leptos 0.8 needs Rust 1.88 (Cargo.toml's rust-version).
debian_rustc_new_enough() {
  local minor
  minor=$(/usr/bin/rustc --version 2>/dev/null | sed -n 's/^rustc 1\.\([0-9]*\).*/\1/p')
  [ -n "$minor" ] && [ "$minor" -ge 88 ]
}

# Sets WASM_TOOLCHAIN to "rustup" or "debian", installing what it takes.
ensure_wasm_std() {
  if rustup_has_wasm; then WASM_TOOLCHAIN=rustup; return; fi
  if deb_installed "${DEBIAN_RUST[@]}" && debian_rustc_new_enough; then
    WASM_TOOLCHAIN=debian; return
  fi
  if has_apt && apt-cache show rustc-web >/dev/null 2>&1 && apt_install "${DEBIAN_RUST[@]}" &&
    debian_rustc_new_enough; then
    WASM_TOOLCHAIN=debian; return
  fi
  if command -v rustup >/dev/null; then
    say "rustup target add $WASM_TARGET"
    if timeout 300 rustup target add "$WASM_TARGET"; then WASM_TOOLCHAIN=rustup; return; fi
  fi
  die "found no way to get Rust's $WASM_TARGET standard library: install it with 'rustup target add $WASM_TARGET' (or Debian's ${DEBIAN_RUST[*]})"
}

# Runs a command with the toolchain that builds for wasm32.
with_wasm() {
  if [ "$WASM_TOOLCHAIN" = debian ]; then
    # Debian's compiler builds std from its shipped source. RUSTC_BOOTSTRAP
    # lets a stable compiler do that; only this path needs it.
    local shim="$KITH_CACHE/debian-rust/bin"
    if [ ! -x "$shim/cargo" ]; then
      mkdir -p "$shim"
      local t
      for t in cargo rustc rustdoc cargo-clippy clippy-driver; do ln -sf "/usr/bin/$t" "$shim/$t"; done
    fi
    PATH="$shim:$PATH" RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 \
      CARGO_UNSTABLE_BUILD_STD=std,panic_abort "$@"
  else
    "$@"
  fi
}

# --- Build tools -------------------------------------------------------------

lock_version() {
  awk -v name="$1" '$0 == "name = \"" name "\"" { getline; gsub(/version = |"/, ""); print; exit }' \
    "$KITH_ROOT/Cargo.lock"
}

ensure_trunk() {
  if trunk --version 2>/dev/null | grep -qx "trunk $TRUNK_VERSION"; then return; fi
  # 0.22 needs a newer rustc than Debian's or this machine's rustup offers.
  say "cargo install trunk $TRUNK_VERSION (about 15 minutes, once)"
  cargo install --locked --force trunk --version "$TRUNK_VERSION"
}

ensure_wasm_bindgen() {
  local want
  want=$(lock_version wasm-bindgen)
  [ -n "$want" ] || die "Cargo.lock names no wasm-bindgen version"
  if wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $want" &&
    command -v wasm-bindgen-test-runner >/dev/null; then
    return
  fi
  # Trunk and the test runner refuse a CLI that differs from Cargo.lock's.
  # Not --locked: its lock asks for a webpki-roots the registry lacks.
  say "cargo install wasm-bindgen-cli $want (about 6 minutes, once)"
  cargo install --force wasm-bindgen-cli --version "$want"
}

# Installs an npm project's exact locked packages when its lock changed.
npm_ci_if_changed() {
  local dir=$1 stamp sum
  stamp="$dir/node_modules/.kith-lock.sha256"
  sum=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$sum" ]; then return; fi
  say "npm ci in ${dir#"$KITH_ROOT"/}"
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$sum" >"$stamp"
}

ensure_node() {
  if command -v node >/dev/null && [ "$(node -p 'process.versions.node.split(".")[0]')" -ge 20 ]; then
    return
  fi
  apt_install nodejs npm || true
  command -v node >/dev/null && [ "$(node -p 'process.versions.node.split(".")[0]')" -ge 18 ] ||
    die "need Node.js 20 or newer (for wasm-opt and the end-to-end tests)"
}

ensure_wasm_opt() {
  ensure_node
  npm_ci_if_changed "$KITH_ROOT/scripts/tools"
  # Trunk takes the first wasm-opt on PATH: make it this pinned one.
  export PATH="$KITH_ROOT/scripts/tools/node_modules/.bin:$PATH"
}

# Everything `trunk build` needs.
ensure_build_tools() {
  command -v cargo >/dev/null || die "need Rust: install rustup from https://rustup.rs"
  ensure_wasm_std
  ensure_trunk
  ensure_wasm_bindgen
  ensure_wasm_opt
}

# --- Browser tests -----------------------------------------------------------

find_first() {
  local c
  for c in "$@"; do
    if [ -x "$c" ]; then echo "$c"; return; fi
    if command -v "$c" >/dev/null 2>&1; then command -v "$c"; return; fi
  done
  return 1
}

ensure_browser() {
  CHROME_BIN=${CHROME_BIN:-$(find_first /usr/bin/chromium chromium chromium-browser google-chrome || true)}
  CHROMEDRIVER=${CHROMEDRIVER:-$(find_first /usr/bin/chromedriver chromedriver || true)}
  if [ -z "$CHROME_BIN" ] || [ -z "$CHROMEDRIVER" ]; then
    apt_install chromium chromium-driver || die "need Chromium and a matching ChromeDriver (set CHROME_BIN and CHROMEDRIVER)"
    CHROME_BIN=/usr/bin/chromium CHROMEDRIVER=/usr/bin/chromedriver
  fi
  export CHROME_BIN CHROMEDRIVER
  # wasm-bindgen-test-runner: run wasm32 tests in headless Chromium.
  export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
  export WASM_BINDGEN_TEST_WEBDRIVER_JSON="$KITH_ROOT/tests/webdriver.json"
  export WASM_BINDGEN_TEST_TIMEOUT=${WASM_BINDGEN_TEST_TIMEOUT:-120}
}

# LibreOffice with no GUI: the end-to-end tests open the report CSVs in it.
# Debian's libreoffice-calc-nogui brings soffice: about 90 MB without the
# recommended extras, 42 s to install here with the apt-get update.
ensure_office() {
  command -v soffice >/dev/null && return
  apt_install --no-install-recommends libreoffice-calc-nogui ||
    die "need LibreOffice Calc (soffice) for the end-to-end tests: install Debian's libreoffice-calc-nogui"
  command -v soffice >/dev/null || die "libreoffice-calc-nogui is installed but soffice is not on PATH"
}

# PouchDB Server and PouchDB (tests/peers): the real sync peers of the tests
# and of scripts/serve. 66 MB; npm ci took 15 to 23 s here (23 s with an
# empty npm cache). No install scripts run (tests/peers/.npmrc).
ensure_peers() {
  ensure_node
  npm_ci_if_changed "$KITH_ROOT/tests/peers"
}

# A port nobody listens on right now, on 127.0.0.1.
free_port() {
  node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

# Runs a command with a PouchDB Server of its own on a free loopback port,
# named in KITH_TEST_COUCH (the in-browser sync tests read it at build
# time), and stops the server after. With KITH_COUCH_COUNT=1 the server
# also counts its requests and bytes (tests/peers/count.cjs), at the
# address in KITH_BENCH_COUNTS (scripts/bench sync). Usage: with_couch COMMAND...
with_couch() {
  local dir port pid status count=
  dir=$(mktemp -d)
  port=$(free_port)
  local args=(--port "$port" --dir "$dir")
  if [ -n "${KITH_COUCH_COUNT:-}" ]; then
    count=$(free_port)
    args+=(--count "$count")
  fi
  node "$KITH_ROOT/tests/peers/serve.mjs" "${args[@]}" 2>"$dir/serve.log" &
  pid=$!
  for _ in $(seq 1 100); do [ -s "$dir/.state" ] && break; sleep 0.2; done
  if [ "$(cat "$dir/.state" 2>/dev/null)" != up ]; then
    cat "$dir/serve.log" >&2; kill "$pid" 2>/dev/null; rm -rf "$dir"
    echo "the test sync server did not start" >&2; return 1
  fi
  (
    export KITH_TEST_COUCH="http://127.0.0.1:$port"
    [ -z "$count" ] || export KITH_BENCH_COUNTS="http://127.0.0.1:$count"
    "$@"
  ) && status=0 || status=$?
  kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
  rm -rf "$dir"
  return "$status"
}

ensure_test_tools() {
  ensure_browser
  ensure_office
  ensure_node
  npm_ci_if_changed "$KITH_ROOT/tests/e2e"
  ensure_peers
}
