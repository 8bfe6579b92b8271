#!/usr/bin/env bash
# Installs what the project needs, skipping whatever is already there. Safe to re-run.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

if ! command -v cargo >/dev/null; then
  echo "cargo is missing: install Rust with rustup (https://rustup.rs) and re-run." >&2
  exit 1
fi
for component in rustfmt clippy; do
  if ! rustup component list --installed 2>/dev/null | grep -q "^$component"; then
    say "rustup component add $component"
    rustup component add "$component"
  fi
done
if ! rustup target list --installed | grep -q '^wasm32-unknown-unknown$'; then
  say "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# The web toolchain (trunk, wasm-bindgen-cli, wasm-opt, Chromium, playwright-core).
if [ -f scripts/setup-web.sh ]; then
  bash scripts/setup-web.sh
fi
