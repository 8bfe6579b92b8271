#!/usr/bin/env bash
# Installs what the playground's build and browser tests need, skipping what is already there:
# the wasm32 target, Trunk 0.21, wasm-bindgen-cli at exactly the Cargo.lock version, the npm
# packages of web/e2e (playwright-core, binaryen's wasm-opt, lz-string) and Debian's Chromium.
# Safe to re-run. Nothing is downloaded by the tools themselves (Trunk runs offline).
#
# Source it (`. scripts/setup-web.sh`) or run it; either way it prints the PATH to use.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
E2E="$ROOT/web/e2e"
TRUNK_REQ="0.21"
log() { printf '\033[1msetup-web:\033[0m %s\n' "$*" >&2; }

# 1. The wasm target.
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# 2. Trunk ~0.21 (0.22 needs a newer rustc).
if ! trunk --version 2>/dev/null | grep -q "^trunk ${TRUNK_REQ//./\\.}\."; then
  log "installing trunk ~${TRUNK_REQ}: built from source once, about 6-10 minutes on 2 cores (cargo lists each crate it compiles)"
  cargo install trunk --version "~${TRUNK_REQ}" --locked
fi

# 3. wasm-bindgen-cli must equal the wasm-bindgen crate in Cargo.lock.
WBG="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock")"
if [ -z "$WBG" ]; then
  log "no wasm-bindgen in Cargo.lock; resolving the playground's dependencies"
  (cd "$ROOT" && cargo fetch --target wasm32-unknown-unknown >/dev/null)
  WBG="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock")"
fi
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WBG" ]; then
  log "installing wasm-bindgen-cli $WBG: built from source once, about 3-5 minutes"
  cargo install wasm-bindgen-cli --version "$WBG" --force
fi
if ! grep -q "wasm_bindgen = \"$WBG\"" "$ROOT/Trunk.toml"; then
  log "warning: Trunk.toml pins a different wasm_bindgen than Cargo.lock ($WBG); update [tools]"
fi

# 4. npm packages of the browser tests (and wasm-opt from binaryen).
if [ ! -x "$E2E/node_modules/.bin/wasm-opt" ] || [ ! -d "$E2E/node_modules/playwright-core" ] || [ ! -d "$E2E/node_modules/lz-string" ] || [ ! -d "$E2E/node_modules/axe-core" ] \
  || [ "$E2E/package-lock.json" -nt "$E2E/node_modules/.package-lock.json" ]; then
  log "installing web/e2e npm packages"
  (cd "$E2E" && npm ci --no-audit --no-fund --loglevel=error)
fi

# 5. Chromium for the end-to-end tests (Debian's; no tool downloads its own browser here).
if [ ! -x /usr/bin/chromium ]; then
  log "installing chromium from Debian (once, about a minute)"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver fonts-dejavu-core >/dev/null
fi

export PATH="$E2E/node_modules/.bin:$HOME/.cargo/bin:$PATH"
log "ready: trunk $(trunk --version | awk '{print $2}'), wasm-bindgen $(wasm-bindgen --version | awk '{print $2}'), $(wasm-opt --version | awk '{print $1, $3}'), $(/usr/bin/chromium --version 2>/dev/null | head -1)"
