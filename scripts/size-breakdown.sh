#!/usr/bin/env bash
# What the playground's wasm is made of, by crate (issue #13): builds the wasm with the page's
# profile and prints web/tools/wasm-breakdown.py's table. Installs twiggy (crates.io) the first
# time. The figures are before wasm-bindgen and wasm-opt, so read the shares, not the sizes.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target/web}"
if ! command -v twiggy >/dev/null 2>&1; then
  echo "size-breakdown: installing twiggy (first run only, a few minutes)"
  cargo install twiggy --version '~0.8' --locked
fi
rustup target add wasm32-unknown-unknown >/dev/null 2>&1 || true
cargo build -q -p actiongate-playground --bin actiongate-playground \
  --target wasm32-unknown-unknown --profile wasm-release
python3 web/tools/wasm-breakdown.py \
  "$CARGO_TARGET_DIR/wasm32-unknown-unknown/wasm-release/actiongate-playground.wasm"
